/**
 * The guard wrapped around any workbook reader, in one call: `readGuarded(path, file, read)`
 * inspects the file (`inspectXlsx`), runs the reader only when the guard accepts it, under the
 * reader time limit, and checks the reader's sheets against what the guard counted
 * (`findShortRead`). Every refusal is the audit's `UnreadableWorkbookError` with a reason for
 * people, so callers that already turn that error into `workbook/unreadable` need nothing
 * else. It works the same for the full exceljs loader (`readWorkbook`) and the streaming one.
 * (Kept out of `./index` so the reader module may import the guard without a cycle.)
 */
import { UnreadableWorkbookError } from '../read/xlsx';
import type { SheetInput } from '../../src/core/model';
import { findShortRead, inspectXlsx } from './inspect';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { ReaderTimeoutError, withTimeout } from './timeout';

/**
 * Returns the sheets `read()` gives for the .xlsx at `path`, once the guard has accepted the
 * file, the read finished within `limits.readTimeoutMs` and nothing the guard counted is
 * missing from it. Throws `UnreadableWorkbookError(file, reason)` otherwise; other errors of
 * `read()` pass through unchanged. `file` is the name used in messages.
 */
export async function readGuarded(
  path: string,
  file: string,
  read: () => Promise<SheetInput[]>,
  limits: Limits = DEFAULT_LIMITS,
): Promise<SheetInput[]> {
  const verdict = await inspectXlsx(path, limits, file);
  if (!verdict.ok) throw new UnreadableWorkbookError(file, verdict.reason);
  let sheets: SheetInput[];
  try {
    sheets = await withTimeout(read(), limits.readTimeoutMs, 'reading the workbook');
  } catch (err) {
    if (err instanceof ReaderTimeoutError) throw new UnreadableWorkbookError(file, err.message);
    throw err;
  }
  const short = findShortRead(verdict, sheets);
  if (short) throw new UnreadableWorkbookError(file, short);
  return sheets;
}
