/**
 * Who is the same person across workbooks, for the report's sponsors and its People sheet.
 * Identity is the core's (`parsePerson`/`samePerson` in `src/core/governance/people.ts`): by
 * email when both mentions have one, else by name, ignoring case and spacing. Across many
 * mentions one more step is needed: a mention with only a name joins the person who has an
 * email and that name (so "Grace Okafor" in one workbook and "Grace Okafor" with an email from
 * another roster are one sponsor), unless two people with different emails share the name, in
 * which case it cannot be told which one is meant and the name-only mentions stay apart.
 */
import { samePerson, type Person } from '../../src/core';

/**
 * Returns, for each mention, the number of the person it belongs to (0, 1, ...): mentions with
 * an email are grouped by email; a name-only mention joins the one emailed person with that
 * name, else the other name-only mentions of that name. Numbers follow first appearance,
 * emailed mentions first.
 */
export function groupPeople(mentions: readonly Person[]): number[] {
  const groups: Person[][] = [];
  const emailed: number[] = [];
  const nameOnly: number[] = [];
  const groupOf = new Array<number>(mentions.length);
  mentions.forEach((person, index) => {
    if (!person.email) return;
    let g = emailed.find((candidate) => samePerson(person, groups[candidate][0]));
    if (g === undefined) {
      g = groups.push([]) - 1;
      emailed.push(g);
    }
    groups[g].push(person);
    groupOf[index] = g;
  });
  mentions.forEach((person, index) => {
    if (person.email) return;
    const named = emailed.filter((g) => groups[g].some((other) => samePerson(person, other)));
    let g = named.length === 1 ? named[0] : undefined;
    g ??= nameOnly.find((candidate) => samePerson(person, groups[candidate][0]));
    if (g === undefined) {
      g = groups.push([]) - 1;
      nameOnly.push(g);
    }
    groups[g].push(person);
    groupOf[index] = g;
  });
  return groupOf;
}
