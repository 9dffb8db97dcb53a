/**
 * Reads the metadata block above a RACI matrix's header: `Key: value` in one cell, or a key
 * cell followed by a value cell. Keys are normalised to the names the rest of the core uses
 * (`process`, `service`, `owner`, `ltSponsor`, `lastReviewed`, `reviewCadence`); other keys
 * keep their text as written.
 */
import type { MatrixMetadataEntry } from '../model';
import { cellText, foldSpaces, normaliseName, toA1 } from '../text';
import type { SheetView } from './grid';

const KEY_ALIASES: Record<string, string> = {
  process: 'process',
  'process name': 'process',
  practice: 'process',
  service: 'service',
  'service name': 'service',
  owner: 'owner',
  'process owner': 'owner',
  'service owner': 'owner',
  'practice owner': 'owner',
  'lt sponsor': 'ltSponsor',
  'lt-sponsor': 'ltSponsor',
  'leadership sponsor': 'ltSponsor',
  'leadership team sponsor': 'ltSponsor',
  sponsor: 'ltSponsor',
  'last reviewed': 'lastReviewed',
  'last review': 'lastReviewed',
  'last review date': 'lastReviewed',
  'date last reviewed': 'lastReviewed',
  reviewed: 'lastReviewed',
  'review cadence': 'reviewCadence',
  cadence: 'reviewCadence',
  'review frequency': 'reviewCadence',
};

/** Returns the normalised metadata key for a key as written (`LT Sponsor` -> `ltSponsor`). */
export function normaliseMetadataKey(key: string): string {
  const folded = foldSpaces(key.replace(/[:：]\s*$/, ''));
  return KEY_ALIASES[normaliseName(folded)] ?? folded;
}

/**
 * A plausible key: starts with a letter, 2 to 40 characters and at most 6 words, no `=` (so a
 * legend such as `R | Responsible` or `R = Responsible` is not metadata).
 */
function isKeyText(text: string): boolean {
  return (
    /^[A-Za-z]/.test(text) &&
    text.length >= 2 &&
    text.length <= 40 &&
    !text.includes('=') &&
    text.split(' ').length <= 6
  );
}

/**
 * Returns the metadata entries found in rows `fromRow`..`toRow` (inclusive). A later row wins
 * when a key repeats, so the entry nearest the header counts.
 */
export function readMetadata(
  view: SheetView,
  fromRow: number,
  toRow: number,
): Record<string, MatrixMetadataEntry> {
  const metadata: Record<string, MatrixMetadataEntry> = {};
  for (let row = fromRow; row <= toRow; row++) {
    const w = view.width(row);
    const filled: { column: number; text: string }[] = [];
    for (let c = 1; c <= w; c++) {
      const text = foldSpaces(cellText(view.value(row, c)));
      if (text !== '') filled.push({ column: c, text });
    }
    for (let i = 0; i < filled.length; i++) {
      const { column, text } = filled[i];
      const colon = /^([^:：]+)[:：]\s*(.*)$/.exec(text);
      let key: string | undefined;
      let value = '';
      let valueCell = toA1(row, column);
      if (colon && isKeyText(colon[1].trim())) {
        key = colon[1].trim();
        value = colon[2].trim();
        if (value === '' && filled[i + 1]) {
          value = filled[i + 1].text;
          valueCell = toA1(row, filled[i + 1].column);
          i++;
        }
      } else if (
        filled[i + 1] &&
        isKeyText(text) &&
        ((filled.length === 2 && i === 0) || KEY_ALIASES[normaliseName(text)] !== undefined)
      ) {
        // A key cell then a value cell: `Owner | Jane Doe`, or known keys side by side:
        // `Owner | Jane Doe | LT Sponsor | Sam Lee`.
        key = text;
        value = filled[i + 1].text;
        valueCell = toA1(row, filled[i + 1].column);
        i++;
      }
      if (key === undefined) continue;
      metadata[normaliseMetadataKey(key)] = {
        key: normaliseMetadataKey(key),
        value,
        cell: valueCell,
      };
    }
  }
  return metadata;
}
