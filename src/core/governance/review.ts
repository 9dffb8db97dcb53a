/**
 * The review state of each register item as of the audit date, computed once before the rules
 * run: the review cadence and status (from the Register, else the linked matrix's metadata),
 * adherence in the quarter from the Reviews log, and the sponsor's quarterly review.
 *
 * The last review is the latest date on or before the audit date among the Register's Last
 * reviewed, the matrix metadata's Last reviewed and the Reviews log's entries for the item
 * (sponsor reviews excepted). Dates after the audit date do not count (they are reported by
 * `review/future-date`). The sponsor review is done when the Register's Sponsor review date or
 * a log entry of a "Sponsor review" type falls in the quarter, on or before the audit date;
 * otherwise it is missing once the quarter has ended (audit date on or after its last day)
 * and pending while it runs.
 *
 * Adherence (only with a Reviews log and a readable cadence) counts the distinct review
 * dates in the quarter up to the audit date, from the log, the Register and the metadata,
 * against what the cadence expects over the whole quarter (see `expectedReviews`), so a
 * quarter still running shows the share achieved so far.
 */
import { adherence, expectedReviews, parseCadence, reviewStatus } from '../cadence';
import type { Config } from '../config';
import { parseDateCell } from '../dates';
import type {
  DateField,
  ItemReviewState,
  Quarter,
  RaciMatrix,
  RegisterItem,
  ReviewEntry,
  WorkbookModel,
} from '../model';
import { normaliseName } from '../text';
import { linkItem, linkItems } from './links';

/** Returns true when a Reviews log type names a sponsor review. */
export function isSponsorReview(type: string): boolean {
  return /sponsor/i.test(type);
}

const logIndexes = new WeakMap<readonly ReviewEntry[], Map<string, ReviewEntry[]>>();

/** Returns the Reviews log entries for the item (matched by name, case- and space-insensitive). */
export function reviewEntriesFor(workbook: WorkbookModel, itemName: string): ReviewEntry[] {
  const entries = workbook.reviews?.entries;
  if (!entries) return [];
  let index = logIndexes.get(entries);
  if (!index) {
    index = new Map();
    for (const e of entries) {
      const key = normaliseName(e.item);
      const list = index.get(key);
      if (list) list.push(e);
      else index.set(key, [e]);
    }
    logIndexes.set(entries, index);
  }
  return index.get(normaliseName(itemName)) ?? [];
}

/**
 * Returns the item's review cadence as written and where: the Register's cell when it holds
 * one, else the first linked matrix metadata's Review cadence, else the Register's blank cell
 * (undefined when the Register has no cadence column and no matrix names one).
 */
export function cadenceSource(
  item: RegisterItem,
  matrices: readonly RaciMatrix[],
): { value: string; sheet: string; cell: string } | undefined {
  if (item.reviewCadence && item.reviewCadence.value !== '') {
    return { ...item.reviewCadence, sheet: item.sheet };
  }
  for (const m of matrices) {
    const entry = m.metadata.reviewCadence;
    if (entry && entry.value.trim() !== '') {
      return { value: entry.value.trim(), sheet: m.sheet, cell: entry.cell };
    }
  }
  return item.reviewCadence ? { ...item.reviewCadence, sheet: item.sheet } : undefined;
}

/** Returns the valid Last reviewed dates of the linked matrices' metadata blocks. */
export function metadataReviewDates(matrices: readonly RaciMatrix[], config: Config): string[] {
  const dates: string[] = [];
  for (const m of matrices) {
    const entry = m.metadata.lastReviewed;
    if (!entry) continue;
    const parsed = parseDateCell(entry.value, config.dateOrder);
    if (parsed.value) dates.push(parsed.value);
  }
  return dates;
}

function latest(dates: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d > best)) best = d;
  return best;
}

/** Returns the review state of one item; `matrices` are the matrices linked to it. */
export function computeItemReview(
  workbook: WorkbookModel,
  item: RegisterItem,
  matrices: readonly RaciMatrix[],
  config: Config,
  asOf: string,
  quarter: Quarter,
): ItemReviewState {
  const log = reviewEntriesFor(workbook, item.name);
  const reviewLog = log.filter((e) => !isSponsorReview(e.type) && e.date.value !== null);
  const sponsorLog = log.filter((e) => isSponsorReview(e.type) && e.date.value !== null);

  const reviewDates = [
    item.lastReviewed?.value ?? null,
    ...metadataReviewDates(matrices, config),
    ...reviewLog.map((e) => e.date.value),
  ].filter((d): d is string => d !== null);
  const lastReviewed = latest(reviewDates.filter((d) => d <= asOf));

  const cadenceText = cadenceSource(item, matrices)?.value ?? '';
  const cadence = parseCadence(cadenceText);
  const status = reviewStatus(lastReviewed, cadence, asOf, config.dueSoonDays);

  let adherenceValue: number | null = null;
  if (workbook.reviews && cadence) {
    const windowEnd = asOf < quarter.end ? asOf : quarter.end;
    // Distinct review dates in the quarter, from the log and the Register / metadata alike.
    const done = new Set(reviewDates.filter((d) => d >= quarter.start && d <= windowEnd)).size;
    const before = latest(reviewDates.filter((d) => d < quarter.start));
    adherenceValue = adherence(done, expectedReviews(cadence, quarter, before));
  }

  const sponsorDates = [item.sponsorReview?.value ?? null, ...sponsorLog.map((e) => e.date.value)]
    .filter((d): d is string => d !== null)
    .filter((d) => d <= asOf);
  const inQuarter = latest(sponsorDates.filter((d) => d >= quarter.start && d <= quarter.end));
  const sponsorStatus = inQuarter ? 'done' : asOf >= quarter.end ? 'missing' : 'pending';

  return {
    review: {
      cadence: cadence ? cadence.label : cadenceText === '' ? null : cadenceText,
      lastReviewed,
      nextDue: status.nextDue,
      status: status.status,
      daysOverdue: status.daysOverdue,
      adherence: adherenceValue,
    },
    sponsorReview: { date: inQuarter ?? latest(sponsorDates), status: sponsorStatus },
  };
}

/**
 * Returns the review state of every register item as of `asOf`, by register row: two rows
 * with one name each keep their own dates (and share the Reviews log, which names items).
 */
export function computeReviews(
  workbook: WorkbookModel,
  config: Config,
  asOf: string,
  quarter: Quarter,
): Map<RegisterItem, ItemReviewState> {
  const states = new Map<RegisterItem, ItemReviewState>();
  for (const item of workbook.register?.items ?? []) {
    states.set(
      item,
      computeItemReview(workbook, item, linkItem(workbook, item), config, asOf, quarter),
    );
  }
  return states;
}

/** A date cell somewhere in the governance sheets or matrix metadata, for the date rules. */
export interface DatedCell {
  /** What the date is, for messages: `Last reviewed of "Incident Management"`. */
  label: string;
  sheet: string;
  field: DateField;
  item?: string;
  /** False for dates that may lie in the future (a roster's Until, a waiver's Expires). */
  past: boolean;
}

/**
 * Returns every date cell the review rules check: the Register's Last reviewed, Sponsor
 * review and Sign-off, the Reviews log's dates, matrix metadata's Last reviewed and the
 * Leadership roster's Until dates. Blank cells are left out.
 */
export function datedCells(workbook: WorkbookModel, config: Config): DatedCell[] {
  const cells: DatedCell[] = [];
  const add = (cell: DatedCell) => {
    if (cell.field.raw !== '' || cell.field.value !== null) cells.push(cell);
  };
  for (const item of workbook.register?.items ?? []) {
    const fields: [string, DateField | undefined][] = [
      ['Last reviewed', item.lastReviewed],
      ['Sponsor review', item.sponsorReview],
      ['Sign-off', item.signOff],
    ];
    for (const [label, field] of fields) {
      if (field)
        add({
          label: `${label} of "${item.name}"`,
          sheet: item.sheet,
          field,
          item: item.name,
          past: true,
        });
    }
  }
  // Log entries name items loosely; findings carry the Register's spelling.
  const registerNames = new Map<string, string>();
  for (const item of workbook.register?.items ?? []) {
    const key = normaliseName(item.name);
    if (!registerNames.has(key)) registerNames.set(key, item.name);
  }
  for (const entry of workbook.reviews?.entries ?? []) {
    const item = registerNames.get(normaliseName(entry.item));
    // A log entry without a date proves nothing: it is reported like an unreadable date.
    const blank = entry.date.raw === '' && entry.date.value === null;
    cells.push({
      label: `the ${entry.type || 'review'} of "${entry.item}" in the Reviews log`,
      sheet: entry.sheet,
      field: blank ? { ...entry.date, invalid: true } : entry.date,
      ...(item ? { item } : {}),
      past: true,
    });
  }
  const itemOf = new Map<RaciMatrix, string>();
  for (const [name, matrices] of linkItems(workbook)) {
    for (const m of matrices) if (!itemOf.has(m)) itemOf.set(m, name);
  }
  for (const matrix of workbook.matrices) {
    const entry = matrix.metadata.lastReviewed;
    if (!entry) continue;
    const parsed = parseDateCell(entry.value, config.dateOrder);
    const item = itemOf.get(matrix);
    add({
      label: `Last reviewed of the matrix on sheet "${matrix.sheet}"`,
      sheet: matrix.sheet,
      field: { ...parsed, raw: entry.value, cell: entry.cell },
      ...(item ? { item } : {}),
      past: true,
    });
  }
  for (const member of workbook.leadership?.members ?? []) {
    if (member.until) {
      add({
        label: `Until of ${member.name}`,
        sheet: member.sheet,
        field: member.until,
        past: false,
      });
    }
  }
  return cells;
}
