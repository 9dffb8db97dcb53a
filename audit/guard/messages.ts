/**
 * How the guard words its verdicts: byte sizes and counts people can read, and the
 * `GuardFailure` error the inspection throws internally when a file breaks a limit or is
 * damaged. A reason names the part (and sheet and cell where known), the limit and by how much.
 */
import type { Limits } from './limits';

/** Returns a byte count as people read it: `512 bytes`, `3.2 KB`, `48.0 MB`, `1.00 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Returns a whole number with thousands separators (`1,000,000`), the same in every locale. */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Returns "A unit, more than the limit of B unit (over by C)": the standard core of a limit
 * message, where `format` renders the amounts (bytes or counts) and `unit` names what is
 * counted (none for bytes).
 */
export function overLimit(
  actual: number,
  limit: number,
  format: (n: number) => string,
  unit = '',
): string {
  const u = unit ? ` ${unit}` : '';
  return `${format(actual)}${u}, more than the limit of ${format(limit)}${u} (over by ${format(actual - limit)})`;
}

/**
 * Thrown inside the inspection when a file cannot be accepted. `reason` is one sentence for
 * people (without the file name); `limit` is the key of the limit broken, if one was.
 */
export class GuardFailure extends Error {
  constructor(
    readonly reason: string,
    readonly limit?: keyof Limits,
    readonly part?: string,
  ) {
    super(reason);
    this.name = 'GuardFailure';
  }
}
