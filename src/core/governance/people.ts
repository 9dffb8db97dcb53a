/**
 * People as written in governance sheets: a cell may list several people (comma, semicolon or
 * new line), each as a name, an email, or `Name <email>`. Two mentions are one person when
 * both have an email and the emails match, else when their names match; case and spacing are
 * ignored. A bare email also matches a roster entry by that email, so a sponsor written as an
 * email and the same person listed by name and email in the roster are one person.
 */
import { cellText, normaliseName } from '../text';
import type { CellValue, LeadershipMember } from '../model';

export interface Person {
  /** Normalised name ('' when only an email was written). */
  name: string;
  /** Lowercased email ('' when none). */
  email: string;
}

const EMAIL = /[^\s<>(),;]+@[^\s<>(),;]+\.[^\s<>(),;]+/;

/** Returns the people listed in a cell, split on comma, semicolon and new line, trimmed. */
export function splitPeople(value: CellValue | undefined): string[] {
  return cellText(value)
    .split(/[,;\n\r]+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && !/^(-|–|—|n\/?a|none|tbd|tba|vacant)$/i.test(p));
}

/** Returns the name and email of one mention (`Jo Bloggs <jo@x.org>`, `jo@x.org`, `Jo Bloggs`). */
export function parsePerson(text: string, email = ''): Person {
  const found = EMAIL.exec(text);
  const mail = (email || (found ? found[0] : '')).trim().toLowerCase();
  const name = normaliseName(
    found ? text.replace(found[0], '').replace(/[<>()]/g, ' ') : text,
  ).replace(/^mailto:/, '');
  return { name, email: mail };
}

/** Returns true when two mentions are the same person: by email when both have one, else by name. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.email && b.email) return a.email === b.email;
  return a.name !== '' && a.name === b.name;
}

/** Returns the roster member a mention refers to, or undefined. */
export function findMember(
  mention: string,
  members: readonly LeadershipMember[],
): LeadershipMember | undefined {
  const person = parsePerson(mention);
  return (
    members.find((m) => person.email !== '' && m.email.toLowerCase() === person.email) ??
    members.find((m) => samePerson(person, parsePerson(m.name, m.email)))
  );
}

/** Returns true when the member sits on the leadership team on `asOf` (active, not past Until). */
export function isSitting(member: LeadershipMember, asOf: string): boolean {
  if (!member.active) return false;
  const until = member.until?.value;
  return !until || until >= asOf;
}
