/**
 * How far the `raci-audit` process lets V8's heap grow past what it holds.
 *
 * After each full collection V8 sets the next one's threshold at a multiple of what survived:
 * up to 4x in a process with as much memory as Node gives by default. The audit allocates a lot
 * (every workbook is unzipped, parsed and analysed, then dropped) while what it keeps stays small
 * (a digest per file; findings and items wait in temp files), so with that multiple its heap
 * kept growing with the number of files read: 250-300 MB for 3,000 workbooks, against some
 * 25 MB live. Bounding the multiple to 1.3x keeps the peak near what is live: 177 MB for 3,000
 * workbooks, for 2-5% more time (measured with `npm run bench`; docs/bench.md).
 *
 * The bound is a V8 flag set when the process starts (`bin/raci-audit.js`), and it applies to
 * every thread of the process, the audit's workers included. It is the process's to set, so the
 * library (`runAudit`) never sets it. A user who passes the flag to node themselves keeps their
 * value (`node --heap-growing-percent=0 bin/raci-audit.js ...` restores V8's own sizing; Node
 * does not take the flag in NODE_OPTIONS).
 */
import { setFlagsFromString } from 'node:v8';

/** Percent the old generation may grow past what is live before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;

/** Matches the flag however node takes it (V8 accepts `-` and `_`, and one or two dashes). */
const USER_FLAG = /^--?heap[-_]growing[-_]percent=/;

/**
 * The V8 flag this process should set, or undefined when the user passed their own to node
 * (`execArgv`: the node options before the script).
 */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  const given = execArgv.some((arg) => USER_FLAG.test(arg));
  return given ? undefined : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Sets the bound for this process unless the user set their own; returns the flag it set. */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
): string | undefined {
  const flag = heapGrowthFlag(execArgv);
  if (flag) setFlagsFromString(flag);
  return flag;
}
