/**
 * Calendar helpers the audit shell needs on top of the core's: the machine's local calendar
 * date (the only clock reading, done by cli.ts) and the quarter id before a quarter id (where
 * last quarter's report lives). Date and quarter arithmetic itself is the core's
 * (`src/core/index.ts`).
 */
import { previousQuarter, quarterFromId } from '../../src/core';

/**
 * Returns the quarter id before `id` (`2026-Q1` -> `2025-Q4`); ids count the same way in every
 * fiscal year, so calendar quarters are used. Throws a RangeError when `id` is not `YYYY-Qn`.
 */
export function previousQuarterId(id: string): string {
  return previousQuarter(quarterFromId(id)).id;
}

/** Returns the local calendar date of a moment as `YYYY-MM-DD` (the machine's own time zone). */
export function localCalendarDate(moment: Date): string {
  const y = moment.getFullYear();
  const m = String(moment.getMonth() + 1).padStart(2, '0');
  const d = String(moment.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
