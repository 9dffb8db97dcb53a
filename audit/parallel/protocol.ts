/**
 * What the audit's main thread and its worker threads (`pool.ts` and `worker.ts`) share. A
 * worker gets everything once, as `workerData`: what every file's audit shares, the whole file
 * list, and a small shared counter board. It takes the next file itself by bumping the board's
 * counter (so files keep flowing while the main thread is busy, e.g. loading the report
 * writers), notes on the board which file it is reading, and posts one reply per file, whose
 * result it packs with `v8.serialize` so the main thread can keep it compactly until the
 * report is built.
 * Everything else crosses threads by structured clone, so it is plain data.
 */
import type { AuditFileOptions, FoundFile } from '../audit-file';

/** The part of an audit every file shares (`auditFile`'s options). */
export type WorkerSetup = AuditFileOptions;

/** One file to audit. */
export type WorkerFile = FoundFile;

/**
 * The shared board, as an `Int32Array` over a `SharedArrayBuffer`: slot `NEXT_FILE` holds the
 * index of the next file nobody has taken; slot `READING + n` holds 1 + the index of the file
 * worker `n` is reading, or 0 between files.
 */
export const NEXT_FILE = 0;
export const READING = 1;

/** A worker's `workerData`. */
export interface WorkerStart {
  setup: WorkerSetup;
  files: WorkerFile[];
  board: SharedArrayBuffer;
  /** This worker's number on the board (`READING + slot`). */
  slot: number;
}

export type WorkerReply =
  | {
      kind: 'done';
      index: number;
      /** The file's `AuditedFile`, as `v8.serialize` packs it (what `postMessage` would copy). */
      packed: Uint8Array;
    }
  | { kind: 'error'; index: number; error: { name: string; message: string; stack?: string } };
