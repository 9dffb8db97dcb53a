/**
 * The body of one audit worker thread (started by `pool.ts` from its compiled form,
 * `dist/audit/parallel/worker.js`): for each job it audits one file exactly as the main thread
 * would (`auditFile` from audit-file.ts, which reads, analyses and slims the result) and posts the
 * small result back. An unexpected error is posted back too, so the run stops with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditFile } from '../audit-file';
import type { WorkerJob, WorkerReply, WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
const port = parentPort;

if (port) {
  port.on('message', (job: WorkerJob) => {
    auditFile(job.found, setup).then(
      (audited) =>
        port.postMessage({ kind: 'done', index: job.index, audited } satisfies WorkerReply),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({
          kind: 'error',
          index: job.index,
          error: { name: e.name, message: e.message, stack: e.stack },
        } satisfies WorkerReply);
      },
    );
  });
}
