/**
 * A1 references as the guard needs them: the row of `B7`, and how many cells a range such as
 * `A1:XFD1048576`, a whole column `A:A` or a list `A1:B2 D4` covers, so that merged ranges and
 * data validations (which exceljs spreads over every cell they cover) count against the cell
 * limit.
 */

/** Excel's largest sheet: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

interface Corner {
  row: number | null;
  column: number | null;
}

function parseCorner(ref: string): Corner | null {
  const match = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(ref.trim());
  if (!match || (!match[1] && !match[2])) return null;
  let column: number | null = null;
  if (match[1]) {
    column = 0;
    for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  }
  const row = match[2] ? Number(match[2]) : null;
  return { row, column };
}

/** Returns the 1-based row of a cell reference such as `B7`, or null when it has none. */
export function rowOfRef(ref: string): number | null {
  return parseCorner(ref)?.row ?? null;
}

/**
 * Returns how many cells a range (`A1`, `A1:C3`, `A:B`, `3:5`) covers, clamped to Excel's
 * sheet size; null when it is not a reference.
 */
export function rangeArea(range: string): number | null {
  const [a, b = a] = range.split(':');
  const start = parseCorner(a);
  const end = parseCorner(b);
  if (!start || !end) return null;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 1), max);
  const top = clamp(start.row ?? 1, MAX_ROWS);
  const bottom = clamp(end.row ?? MAX_ROWS, MAX_ROWS);
  const left = clamp(start.column ?? 1, MAX_COLUMNS);
  const right = clamp(end.column ?? MAX_COLUMNS, MAX_COLUMNS);
  return (Math.abs(bottom - top) + 1) * (Math.abs(right - left) + 1);
}

/**
 * Returns the cells a space-separated list of ranges covers in all (an `sqref`), or null when
 * one is not a reference. With `explicitOnly`, whole-row and whole-column forms (`A:A`, `3:3`)
 * count 0: exceljs spreads a data validation only over ranges with both a row and a column.
 */
export function sqrefArea(sqref: string, explicitOnly = false): number | null {
  let total = 0;
  for (const range of sqref.trim().split(/\s+/)) {
    if (!range) continue;
    const area = rangeArea(range);
    if (area === null) return null;
    const [a, b = a] = range.split(':');
    const explicit = [a, b].every((corner) => /[A-Za-z]/.test(corner) && /\d/.test(corner));
    if (!explicitOnly || explicit) total += area;
  }
  return total;
}
