/**
 * How the audit names the temp file an output is written to before it is renamed into place
 * (`writeFileAtomic` and `writeStreamAtomic` in run-audit.ts, the streamed report workbooks in
 * report/xlsx.ts), so a later run can recognise what a killed run left behind
 * (`removeStaleTempFiles`).
 */
import { basename, dirname, join } from 'node:path';

/** A temp file's name: `.<name>.<pid>.<milliseconds>.tmp`. */
export const ATOMIC_TEMP_NAME = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

/** Returns the temp path an output at `path` is written to before renaming it into place. */
export function atomicTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}
