/**
 * Audits many workbooks on all cores: `auditInWorkers` starts a small pool of worker threads
 * (each runs `worker.ts`, compiled to `dist/audit/parallel/worker.js`) that take the files one
 * at a time from a shared counter, so a machine with two cores reads and analyses two
 * workbooks at once; the main thread can read from the same counter too, with the workers
 * joining only once the run is long enough to repay their start (`START_WORKERS_ABOVE_MS`).
 * Each result is handed over as soon as its file is done, in whatever order the threads
 * finish; the report orders files by name, so it is the same as an in-process run. Each worker has a memory ceiling: a file that
 * exhausts it is reported as unreadable (the worker is replaced and the run goes on) instead of
 * taking the audit down; a file the main thread reads is bounded by the input guard's limits
 * only. An unexpected error in a worker stops the run with that error, as it would in-process. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { AuditedFile } from '../report/model';
import {
  NEXT_FILE,
  READING,
  type WorkerFile,
  type WorkerReply,
  type WorkerSetup,
  type WorkerStart,
} from './protocol';

/** Old-generation heap allowed to one worker (MB); a file needing more is reported unreadable. */
export const WORKER_HEAP_MB = 1024;

/**
 * Young-generation heap of one worker (MB). A worker reads one small workbook at a time, whose
 * short-lived objects fit well in this. Measured with the heap bound of audit/heap.ts on this
 * machine: 1,000 workbooks peak at 160-162 MB with 16 MB, 150-152 MB with 8 and 146-147 MB with
 * 4; a 50,000-row sheet read in a worker takes 2.3-2.6 s with 16 or 8 MB but 3.2-4.4 s with 4
 * (its parsed rows outlive a small young generation and are copied into the old one). V8's
 * default would let it grow to 48 MB.
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/** What the progress hears of a file as soon as it is done. */
export interface FileDone {
  file: string;
  /** False when the file could not be read (its result holds the reason). */
  readable: boolean;
}

export interface PoolOptions {
  /** The compiled worker entry (`worker.js`). */
  workerScript: string;
  /** How many workers to start (at most one per file). */
  workers: number;
  /** What every job shares: the audit period, configuration and leadership roster. */
  setup: WorkerSetup;
  /**
   * Called with each file's result as soon as it is done, in the order they finish (`index` is
   * the file's place in the jobs); the pool keeps nothing of it.
   */
  onAudited: (audited: AuditedFile, index: number) => void;
  /** Called as each file is done, in the order they finish, after `onAudited`. */
  onFileDone?: (file: FileDone, done: number) => void;
  heapMb?: number;
  /**
   * When given, this thread reads files too, taking them from the same counter as the workers,
   * with this function (`auditFile`), and the workers are started only once the files left
   * would take this thread longer than `startWorkersAboveMs` (see `START_WORKERS_ABOVE_MS`).
   */
  inThisThread?: (file: WorkerFile) => Promise<AuditedFile>;
  /** With `inThisThread`: the estimated time left (ms) above which workers start. */
  startWorkersAboveMs?: number;
}

/**
 * A worker costs about a quarter of a second of CPU before it is up to speed (a thread, a V8
 * heap, the modules, and warming up the JIT on its first few dozen files), and the threads of
 * one machine share its caches and memory bandwidth, so a second thread only pays for itself
 * on longer runs. When this thread reads too, workers start once the files left would take it
 * longer than this (estimated from its pace over its last few files). Measured on a 2-core
 * machine (docs/bench.md): 200 small workbooks (about 1 s of work) audit faster in one thread,
 * 1,000 faster with a worker joining.
 */
export const START_WORKERS_ABOVE_MS = 2000;

/** Files this thread reads before it estimates the time left (its first files are the slowest). */
const FILES_BEFORE_ESTIMATE = 16;

/** The estimate's pace is that of this thread's last this-many files. */
const PACE_WINDOW = 8;

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
 * Audits every job, in `options.workers` worker threads that take the files themselves from a
 * shared counter (`protocol.ts`), so the main thread never holds them up; with `inThisThread`,
 * this thread reads from the same counter too and the workers join only when the run is long
 * enough to repay their start. Each result goes to `onAudited` as it comes (a worker's packed
 * with v8.serialize, unpacked here) and is not kept. Resolves once every file is done; rejects
 * with the first unexpected error a worker (or this thread's reading) reports (every worker is
 * stopped).
 */
export function auditInWorkers(jobs: WorkerFile[], options: PoolOptions): Promise<void> {
  // 1 for each file whose result has been handed over.
  const finished = new Uint8Array(jobs.length);
  const heapMb = options.heapMb ?? WORKER_HEAP_MB;
  const startWorkersAboveMs = options.startWorkersAboveMs ?? START_WORKERS_ABOVE_MS;
  const count = Math.max(1, Math.min(options.workers, jobs.length));
  // One reading slot per worker ever started: at most `count` plus one replacement per file.
  const boardBuffer = new SharedArrayBuffer(
    Int32Array.BYTES_PER_ELEMENT * (READING + count + jobs.length),
  );
  const board = new Int32Array(boardBuffer);
  let slots = 0;
  let done = 0;
  let failed = false;
  let thisThreadReading = false;
  // Workers that ran out of memory and whose file is still being hashed to be reported.
  let pendingReplacements = 0;
  const workers = new Set<Worker>();

  return new Promise<void>((resolve, reject) => {
    if (jobs.length === 0) {
      resolve();
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
      if (failed || finished[index] === 1) return;
      finished[index] = 1;
      done += 1;
      try {
        options.onAudited(audited, index);
      } catch (err) {
        // Keeping the result failed (the findings' temp file could not be written, say).
        fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      options.onFileDone?.({ file: audited.file, readable: audited.result !== undefined }, done);
      if (done === jobs.length) {
        stopAll();
        resolve();
      }
    };
    /** Returns the index of the file the worker in `slot` was reading, if any. */
    const readingIn = (slot: number): number | undefined => {
      const reading = Atomics.load(board, READING + slot);
      return reading > 0 && finished[reading - 1] === 0 ? reading - 1 : undefined;
    };

    const start = () => {
      const slot = slots++;
      const worker = new Worker(options.workerScript, {
        workerData: {
          setup: options.setup,
          files: jobs,
          board: boardBuffer,
          slot,
        } satisfies WorkerStart,
        resourceLimits: {
          maxOldGenerationSizeMb: heapMb,
          maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        },
      });
      workers.add(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'error') {
          fail(revive(reply.error));
          return;
        }
        finish(reply.index, deserialize(reply.packed) as AuditedFile);
      });
      worker.on('error', (err: Error & { code?: string }) => {
        if (failed) return;
        workers.delete(worker);
        const index = readingIn(slot);
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && index !== undefined) {
          const found = jobs[index];
          pendingReplacements += 1;
          void hashOf(found.path)
            .then((sha256) => {
              pendingReplacements -= 1;
              const audited: AuditedFile = {
                file: found.file,
                sha256,
                error: `reading the workbook needed more than the ${heapMb} MB of memory the audit allows for one file`,
              };
              finish(index, audited);
              if (Atomics.load(board, NEXT_FILE) < jobs.length && !failed) start();
              else if (workers.size === 0) stoppedEarly();
            })
            // Progress or a replacement worker failing here stops the run like any other error.
            .catch((e: unknown) => fail(e instanceof Error ? e : new Error(String(e))));
          return;
        }
        fail(err);
      });
      worker.on('exit', (code) => {
        if (failed || !workers.has(worker)) return;
        workers.delete(worker);
        const index = readingIn(slot);
        if (index !== undefined) {
          fail(
            new Error(
              `an audit worker stopped (exit code ${code}) while reading ${jobs[index].file}`,
            ),
          );
          return;
        }
        if (workers.size === 0) stoppedEarly();
      });
    };
    /** Every worker has ended: any file still without a result means the run cannot finish. */
    const stoppedEarly = () => {
      if (failed || done === jobs.length || thisThreadReading || pendingReplacements > 0) return;
      const missing = jobs.find((_, i) => finished[i] === 0);
      fail(
        new Error(
          `the audit workers stopped before reading every file (${missing?.file ?? 'unknown'} was never read)`,
        ),
      );
    };
    /** Reads files in this thread until none is left, between the workers' replies. */
    const readHere = async (audit: (file: WorkerFile) => Promise<AuditedFile>) => {
      thisThreadReading = true;
      // When each of this thread's last PACE_WINDOW files was done, oldest first.
      const doneAt: number[] = [performance.now()];
      let readHereCount = 0;
      try {
        while (!failed) {
          if (!workersStarted && readHereCount >= FILES_BEFORE_ESTIMATE) {
            const perFile = (doneAt[doneAt.length - 1] - doneAt[0]) / (doneAt.length - 1);
            const left = jobs.length - Math.min(jobs.length, Atomics.load(board, NEXT_FILE));
            if (perFile * left > startWorkersAboveMs) startWorkers();
          }
          // Let the workers' replies (and progress) through between files.
          await new Promise((resolveTurn) => setImmediate(resolveTurn));
          const index = Atomics.add(board, NEXT_FILE, 1);
          if (index >= jobs.length) break;
          const audited = await audit(jobs[index]);
          readHereCount += 1;
          doneAt.push(performance.now());
          if (doneAt.length > PACE_WINDOW + 1) doneAt.shift();
          finish(index, audited);
        }
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      } finally {
        thisThreadReading = false;
      }
      if (workers.size === 0) stoppedEarly();
    };
    let workersStarted = false;
    const startWorkers = () => {
      if (workersStarted || failed) return;
      workersStarted = true;
      for (let i = 0; i < count; i++) start();
    };
    if (!options.inThisThread || startWorkersAboveMs <= 0) {
      startWorkers();
    }
    if (options.inThisThread) void readHere(options.inThisThread);
  });
}
