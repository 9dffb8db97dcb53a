/**
 * The Roles sheet as the role rules use it: which Roles-sheet entries a matrix role column
 * refers to (by role name, else by generic category, ignoring case and spacing), the closest
 * known role for a suggestion. (Which codes a role carries in a matrix: `letterCounts` in
 * `matrix/describe.ts`.)
 */
import type { RoleEntry } from '../model';
import { normaliseName } from '../text';

/** A Roles-sheet entry's role and category as written, and normalised for matching. */
interface EntryNames {
  role: string;
  roleKey: string;
  category: string;
  categoryKey: string;
}

const namesByEntry = new WeakMap<RoleEntry, EntryNames>();

/**
 * Returns the entry's role and category normalised, worked out once per entry (every role
 * column of every matrix is looked up in the same entries, by several rules) and again only
 * when the entry's text has changed since.
 */
function entryNames(entry: RoleEntry): EntryNames {
  let names = namesByEntry.get(entry);
  if (!names || names.role !== entry.role || names.category !== entry.category) {
    names = {
      role: entry.role,
      roleKey: normaliseName(entry.role),
      category: entry.category,
      categoryKey: normaliseName(entry.category),
    };
    namesByEntry.set(entry, names);
  }
  return names;
}

/** Returns the Roles-sheet entries a role name refers to: by role name, else by category. */
export function roleEntriesFor(name: string, entries: readonly RoleEntry[]): RoleEntry[] {
  const wanted = normaliseName(name);
  if (wanted === '') return [];
  const byRole = entries.filter((e) => entryNames(e).roleKey === wanted);
  return byRole.length ? byRole : entries.filter((e) => entryNames(e).categoryKey === wanted);
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/**
 * Returns the known role closest to `name` (fewest edits, ignoring case), or undefined when
 * none is close enough to be a plausible misspelling (more than half the letters differ).
 */
export function closestRole(name: string, entries: readonly RoleEntry[]): string | undefined {
  const wanted = normaliseName(name);
  let best: { role: string; distance: number } | undefined;
  for (const e of entries) {
    if (e.role.trim() === '') continue;
    const distance = editDistance(wanted, entryNames(e).roleKey);
    if (!best || distance < best.distance) best = { role: e.role, distance };
  }
  return best && best.distance <= Math.ceil(wanted.length / 2) ? best.role : undefined;
}
