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
 */
import { adherence, expectedReviews, parseCadence, reviewStatus } from '../cadence';
import type { Config } from '../config';
import { parseDateCell } from '../dates';
import type {
  ItemReviewState,
  Quarter,
  RaciMatrix,
  RegisterItem,
  ReviewEntry,
  TextField,
  WorkbookModel,
} from '../model';
import { normaliseName } from '../text';
import { linkItems } from './links';

/** Returns true when a Reviews log type names a sponsor review. */
export function isSponsorReview(type: string): boolean {
  return /sponsor/i.test(type);
}

/** Returns the Reviews log entries for the item (matched by name, case- and space-insensitive). */
export function reviewEntriesFor(workbook: WorkbookModel, itemName: string): ReviewEntry[] {
  const name = normaliseName(itemName);
  return (workbook.reviews?.entries ?? []).filter((e) => normaliseName(e.item) === name);
}

/** Returns the item's review cadence as written: the Register's cell, else the matrix metadata's. */
export function cadenceField(
  item: RegisterItem,
  matrices: readonly RaciMatrix[],
): TextField | undefined {
  if (item.reviewCadence && item.reviewCadence.value !== '') return item.reviewCadence;
  for (const m of matrices) {
    const entry = m.metadata.reviewCadence;
    if (entry && entry.value.trim() !== '') return { value: entry.value.trim(), cell: entry.cell };
  }
  return item.reviewCadence;
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

  const cadenceText = cadenceField(item, matrices)?.value ?? '';
  const cadence = parseCadence(cadenceText);
  const status = reviewStatus(lastReviewed, cadence, asOf, config.dueSoonDays);

  let adherenceValue: number | null = null;
  if (workbook.reviews && cadence) {
    const windowEnd = asOf < quarter.end ? asOf : quarter.end;
    const done = reviewLog.filter(
      (e) => (e.date.value as string) >= quarter.start && (e.date.value as string) <= windowEnd,
    ).length;
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

/** Returns the review state of every register item as of `asOf`, by item name (first of a repeated name). */
export function computeReviews(
  workbook: WorkbookModel,
  config: Config,
  asOf: string,
  quarter: Quarter,
): Map<string, ItemReviewState> {
  const links = linkItems(workbook);
  const states = new Map<string, ItemReviewState>();
  for (const item of workbook.register?.items ?? []) {
    if (states.has(item.name)) continue;
    states.set(
      item.name,
      computeItemReview(workbook, item, links.get(item.name) ?? [], config, asOf, quarter),
    );
  }
  return states;
}
