/**
 * File-name-safe slugs for sponsor summaries: lowercase ASCII letters, digits and single
 * dashes, accents folded (`Zoë Brontë` -> `zoe-bronte`), never empty.
 */

/** Returns a slug of `name`, or `sponsor` when nothing usable is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'sponsor';
}
