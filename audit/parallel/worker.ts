/**
 * The body of one audit worker thread (started by `pool.ts` from its compiled form,
 * `dist/audit/parallel/worker.js`): it takes files one at a time from the shared board
 * (`protocol.ts`) until none is left, audits each exactly as the main thread would
 * (`auditFile` from audit-file.ts, which reads, analyses and slims the result) and posts the
 * small result back. An unexpected error is posted back too, and the worker stops, so the run
 * stops with it.
 */
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { auditFile } from '../audit-file';
import { NEXT_FILE, READING, type WorkerReply, type WorkerStart } from './protocol';

async function work(port: NonNullable<typeof parentPort>, start: WorkerStart): Promise<void> {
  const board = new Int32Array(start.board);
  for (;;) {
    const index = Atomics.add(board, NEXT_FILE, 1);
    if (index >= start.files.length) return;
    Atomics.store(board, READING + start.slot, index + 1);
    try {
      const audited = await auditFile(start.files[index], start.setup);
      port.postMessage({
        kind: 'done',
        index,
        packed: serialize(audited),
      } satisfies WorkerReply);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({
        kind: 'error',
        index,
        error: { name: e.name, message: e.message, stack: e.stack },
      } satisfies WorkerReply);
      return;
    }
    Atomics.store(board, READING + start.slot, 0);
  }
}

if (parentPort) void work(parentPort, workerData as WorkerStart);
