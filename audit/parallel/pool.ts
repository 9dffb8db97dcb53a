/**
 * Audits many workbooks on all cores: `auditInWorkers` hands files one at a time to a small pool
 * of worker threads (each runs `worker.ts`, compiled to `dist/audit/parallel/worker.js`), so a
 * machine with two cores reads and analyses two workbooks at once. Results come back in the
 * order of the files given, whatever order the workers finish in, so the report is the same as
 * an in-process run. Each worker has a memory ceiling: a file that exhausts it is reported as
 * unreadable (the worker is replaced and the run goes on) instead of taking the audit down. An
 * unexpected error in a worker stops the run with that error, as it would in-process.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { AuditedFile } from '../report/model';
import type { WorkerJob, WorkerReply, WorkerSetup } from './protocol';

/** Old-generation heap allowed to one worker (MB); a file needing more is reported unreadable. */
export const WORKER_HEAP_MB = 1024;

/**
 * Young-generation heap of one worker (MB). A worker reads one small workbook at a time, whose
 * short-lived objects fit well in this; V8's default lets each worker's young generation grow to
 * about 48 MB, which on 1,000 workbooks cost some 30 MB of peak memory per run for no gain in
 * time (measured with `npm run bench`; see docs/bench.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

export interface PoolOptions {
  /** The compiled worker entry (`worker.js`). */
  workerScript: string;
  /** How many workers to start (at most one per file). */
  workers: number;
  /** What every job shares: the audit period, configuration and leadership roster. */
  setup: WorkerSetup;
  /** Called as each file is done, in the order they finish. */
  onFileDone?: (audited: AuditedFile, done: number) => void;
  heapMb?: number;
}

async function hashOf(path: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return '';
  }
}

/** Rebuilds an error a worker sent back, keeping its name, message and stack. */
function revive(error: { name: string; message: string; stack?: string }): Error {
  const err = new Error(error.message);
  err.name = error.name;
  if (error.stack) err.stack = error.stack;
  return err;
}

/**
 * Returns one `AuditedFile` per job, in job order, auditing them in `options.workers` worker
 * threads. Rejects with the first unexpected error a worker reports (every worker is stopped).
 */
export function auditInWorkers(
  jobs: WorkerJob['found'][],
  options: PoolOptions,
): Promise<AuditedFile[]> {
  const results: AuditedFile[] = new Array(jobs.length);
  const heapMb = options.heapMb ?? WORKER_HEAP_MB;
  const count = Math.max(1, Math.min(options.workers, jobs.length));
  let next = 0;
  let done = 0;
  let failed = false;
  const workers = new Set<Worker>();

  return new Promise<AuditedFile[]>((resolve, reject) => {
    if (jobs.length === 0) {
      resolve(results);
      return;
    }
    const stopAll = () => {
      for (const w of workers) void w.terminate();
      workers.clear();
    };
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(err);
    };
    const finish = (index: number, audited: AuditedFile) => {
      results[index] = audited;
      done += 1;
      options.onFileDone?.(audited, done);
      if (done === jobs.length) {
        stopAll();
        resolve(results);
      }
    };

    const start = () => {
      const worker = new Worker(options.workerScript, {
        workerData: options.setup,
        resourceLimits: {
          maxOldGenerationSizeMb: heapMb,
          maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        },
      });
      workers.add(worker);
      let current: number | undefined;
      const feed = () => {
        if (failed) return;
        if (next >= jobs.length) {
          workers.delete(worker);
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, found: jobs[current] } satisfies WorkerJob);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'error') {
          fail(revive(reply.error));
          return;
        }
        current = undefined;
        finish(reply.index, reply.audited);
        feed();
      });
      worker.on('error', (err: Error & { code?: string }) => {
        if (failed) return;
        workers.delete(worker);
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && current !== undefined) {
          const index = current;
          current = undefined;
          const found = jobs[index];
          void hashOf(found.path).then((sha256) => {
            finish(index, {
              file: found.file,
              sha256,
              error: `reading the workbook needed more than the ${heapMb} MB of memory the audit allows for one file`,
            });
            if (next < jobs.length && !failed) start();
          });
          return;
        }
        fail(err);
      });
      worker.on('exit', (code) => {
        if (failed || current === undefined || !workers.has(worker)) return;
        fail(
          new Error(
            `an audit worker stopped (exit code ${code}) while reading ${jobs[current].file}`,
          ),
        );
      });
      feed();
    };
    for (let i = 0; i < count; i++) start();
  });
}
