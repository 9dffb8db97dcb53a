/**
 * Small text helpers shared across the core: cell values as text, white space folding, name
 * normalisation for case- and space-insensitive matching, and A1 cell addresses. Pure
 * functions with no dependencies, so every part of the core (matrix reader, governance sheets,
 * rules) speaks of cells and names the same way.
 */
import type { CellValue } from './model';

/**
 * Returns the cell's value as display text, trimmed: '' for null/blank, `TRUE`/`FALSE` for
 * booleans, numbers in their shortest decimal form. Non-breaking spaces count as spaces.
 */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return (v.includes('\u00a0') ? v.replace(/\u00a0/g, ' ') : v).trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return '';
}

/**
 * True for white space as JavaScript's `\s` and `trim()` know it: tab, new lines, form feed,
 * the Unicode spaces and line separators, and the byte order mark.
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True for the characters `foldSpaces` folds: white space (see `isWhiteSpace`) and U+200B. */
export function isFoldedSpace(code: number): boolean {
  return isWhiteSpace(code) || code === 0x200b;
}

/** True when the text holds white space anywhere (see `isWhiteSpace`). */
export function hasWhiteSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isWhiteSpace(s.charCodeAt(i))) return true;
  return false;
}

/** True when folding would change the text: space at an end, two in a row, or a space other than ' '. */
function needsFolding(s: string): boolean {
  const last = s.length - 1;
  if (last < 0) return false;
  if (isFoldedSpace(s.charCodeAt(0)) || isFoldedSpace(s.charCodeAt(last))) return true;
  for (let i = 1; i < last; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x20) {
      if (isFoldedSpace(s.charCodeAt(i + 1))) return true;
    } else if (isFoldedSpace(code)) {
      return true;
    }
  }
  return false;
}

/**
 * Returns the text with every run of white space (including new lines and zero-width spaces)
 * folded to one space, trimmed. Text that needs no folding, most of it, is returned as it is.
 */
export function foldSpaces(s: string): string {
  if (!needsFolding(s)) return s;
  let folded = '';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isFoldedSpace(s.charCodeAt(i))) i++;
    const start = i;
    while (i < s.length && !isFoldedSpace(s.charCodeAt(i))) i++;
    if (i > start) folded = folded === '' ? s.slice(start, i) : `${folded} ${s.slice(start, i)}`;
  }
  return folded;
}

/** Returns the name lowercased, with white space folded and trimmed: the key names match on. */
export function normaliseName(s: string): string {
  return foldSpaces(s).toLowerCase();
}

/** Returns a count with its noun: `1 day`, `3 days`, `1 activity`, `2 activities`. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Returns the column letters for a 1-based column number: 1 -> `A`, 27 -> `AA`. */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) {
    throw new RangeError(`Column numbers start at 1, not ${column}.`);
  }
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Returns the A1 address of a 1-based row and column: `toA1(3, 2)` is `B3`. */
export function toA1(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 1) {
    throw new RangeError(`Row numbers start at 1, not ${row}.`);
  }
  return `${columnLetter(column)}${row}`;
}

/**
 * Returns the 1-based row and column of an A1 address (`$` signs allowed, any case), or
 * undefined when the text is not a single-cell address.
 */
export function fromA1(a1: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/.exec(a1.trim());
  if (!m) return undefined;
  const row = Number(m[2]);
  if (row < 1) return undefined;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row, column };
}
