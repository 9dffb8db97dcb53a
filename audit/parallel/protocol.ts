/**
 * The messages between the audit's main thread and its worker threads (`pool.ts` and
 * `worker.ts`): what every job shares (sent once as `workerData`), one job per file, and one
 * reply per job. Everything here crosses threads by structured clone, so it is plain data.
 */
import type { Config } from '../../src/core/config';
import type { SheetInput } from '../../src/core/model';
import type { AuditedFile } from '../report/model';

/** The part of an audit every file shares. */
export interface WorkerSetup {
  today: string;
  quarter: string;
  asOf: string;
  config: Config;
  leadership?: SheetInput[];
  /** Files larger than this (bytes) are read with the streaming reader. */
  streamAboveBytes?: number;
}

/** One file to audit; `index` is its place in the run's file list. */
export interface WorkerJob {
  index: number;
  found: { path: string; file: string };
}

export type WorkerReply =
  | { kind: 'done'; index: number; audited: AuditedFile }
  | { kind: 'error'; index: number; error: { name: string; message: string; stack?: string } };
