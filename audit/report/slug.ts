/**
 * File-name-safe, unique slugs for sponsor summaries (`sponsors/<slug>.html`, `.txt`, `.eml`).
 * A slug holds only lowercase ASCII letters, digits and single dashes (accents and ligatures
 * folded: `Zoë Brontë` -> `zoe-bronte`, `Straße` -> `strasse`), is never empty, at most
 * `MAX_SLUG_LENGTH` characters, and never a device name Windows reserves (`con`, `nul`,
 * `com1`...). So a name copied from an input can neither leave the sponsors folder (no `/`,
 * `\`, `.`, control character) nor name a device; `uniqueSlugs` keeps them apart after shortening
 * and keeps `no-sponsor` for the items without a sponsor.
 */

/** The longest slug, suffix included. */
export const MAX_SLUG_LENGTH = 60;

/** The slug of a name with nothing usable in it (only symbols, emoji, other scripts). */
export const FALLBACK_SLUG = 'sponsor';

/** The slug of the group of items without a sponsor. */
export const UNASSIGNED_SLUG = 'no-sponsor';

/** Names Windows keeps for devices, whatever the extension (`con.html` cannot be created). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Letters NFKD does not split into a base letter and a mark. */
const FOLDED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Returns the slug cut to at most `max` characters, with no dash left at its end. */
function cut(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-+$/, '');
}

/** Returns a slug of `name`, or `sponsor` when nothing usable is left. */
export function slugify(name: string): string {
  const slug = cut(
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[ßæœøđðłþı]/g, (c) => FOLDED[c])
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, ''),
    MAX_SLUG_LENGTH,
  );
  if (slug === '') return FALLBACK_SLUG;
  return WINDOWS_DEVICE.test(slug) ? `${slug}-${FALLBACK_SLUG}` : slug;
}

/**
 * Returns one slug per sponsor, in the order given, no two alike: the (first) unassigned group
 * is always `no-sponsor`, so a sponsor named "No sponsor" gets `no-sponsor-2`; a slug already
 * taken gets `-2`, `-3`... with its base shortened so the whole stays within `MAX_SLUG_LENGTH`
 * (two long names that agree in their first 60 characters stay apart).
 */
export function uniqueSlugs(sponsors: readonly { name: string; unassigned?: boolean }[]): string[] {
  const used = new Set<string>();
  const unassignedAt = sponsors.findIndex((s) => s.unassigned);
  if (unassignedAt >= 0) used.add(UNASSIGNED_SLUG);
  return sponsors.map((sponsor, index) => {
    if (index === unassignedAt) return UNASSIGNED_SLUG;
    const base = sponsor.unassigned ? UNASSIGNED_SLUG : slugify(sponsor.name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) {
      const suffix = `-${n}`;
      slug = `${cut(base, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
    }
    used.add(slug);
    return slug;
  });
}
