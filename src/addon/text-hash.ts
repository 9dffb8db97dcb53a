/**
 * A short, stable fingerprint of a text (32-bit FNV-1a in base 36). Used to recognise the notes
 * the add-on wrote and the validation runs it cached without storing whole texts.
 */

/** Returns the FNV-1a hash of `text` as a short base-36 string. */
export function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
