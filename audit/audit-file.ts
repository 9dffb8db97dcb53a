/**
 * Audits one workbook file: hashes it, reads it behind the input guard and runs the core's
 * analysis, keeping only the slim part of the result the report needs. A file of at most
 * `STREAM_ABOVE_BYTES` is read from disk once: the same bytes are hashed and read in memory
 * by the one-pass reader (`readWorkbookFromBytes`); a larger one is hashed as a stream and
 * read by the streaming reader, so it is never held whole. This is the whole of a
 * worker thread's job (`parallel/worker.ts`), so this module imports only what reading and
 * analysing need: exceljs and the report writers are loaded by whoever needs them, not by
 * every worker at start-up.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { analyse } from '../src/core/analyse';
import type { Config } from '../src/core/config';
import type { AnalysisResult, SheetInput } from '../src/core/model';
import { readGuarded } from './guard/guarded-read';
import { DEFAULT_LIMITS } from './guard/limits';
import { slimAuditedFile } from './parallel/slim-result';
import { streamReadWorkbook } from './parallel/stream-read';
import { readWorkbookFromBytes } from './read/fast/one-pass';
import { UnreadableWorkbookError } from './read/xlsx';
import type { AuditedFile } from './report/model';

/** Files above this size on disk are streamed rather than loaded whole (bytes). */
export const STREAM_ABOVE_BYTES = 2 * 1024 * 1024;

/** A workbook to audit. */
export interface FoundFile {
  path: string;
  /** Relative to the path given (a folder), or the file's name (a file given directly). */
  file: string;
}

/** What every file of one audit shares. */
export interface AuditFileOptions {
  today: string;
  quarter: string;
  asOf: string;
  config: Config;
  leadership?: SheetInput[];
  /** Files larger than this (bytes) are read with the streaming reader. */
  streamAboveBytes?: number;
}

/** Returns the SHA-256 of a file, read as a stream (a large file is never held whole). */
function hashFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/**
 * Returns the audited file: its hash and the core's analysis (slimmed to what the report
 * reads), or why it could not be read.
 */
export async function auditFile(found: FoundFile, options: AuditFileOptions): Promise<AuditedFile> {
  const streamAbove = options.streamAboveBytes ?? STREAM_ABOVE_BYTES;
  let sha256 = '';
  let bytes: Buffer | null = null;
  try {
    // Synchronous on purpose: a stat and one read of a small file cost less than the round
    // trips to libuv's thread pool their promises take, and a worker has nothing else to do.
    const info = statSync(found.path);
    if (!info.isFile()) {
      return { file: found.file, sha256, error: 'the path is not a regular file' };
    }
    if (info.size > streamAbove) {
      sha256 = await hashFile(found.path);
    } else {
      bytes = readFileSync(found.path);
      sha256 = createHash('sha256').update(bytes).digest('hex');
    }
  } catch {
    return { file: found.file, sha256, error: 'the file does not exist or cannot be opened' };
  }
  let sheets: SheetInput[];
  try {
    // Both readers behind the input guard. Large files: the guard inspects the file first,
    // holds the streaming read to its time limit and checks nothing it counted is missing.
    // The rest: one guarded pass over the bytes just hashed (guard checks and values
    // together, no exceljs); a file it refuses or does not copy exceljs on goes through
    // readGuarded + exceljs as before.
    sheets =
      bytes === null
        ? await readGuarded(found.path, found.file, () =>
            streamReadWorkbook(found.path, { timeoutMs: DEFAULT_LIMITS.readTimeoutMs }),
          )
        : await readWorkbookFromBytes(bytes, found.path, found.file);
  } catch (err) {
    if (err instanceof UnreadableWorkbookError)
      return { file: found.file, sha256, error: err.reason };
    throw err;
  }
  const result: AnalysisResult = analyse(sheets, {
    today: options.today,
    quarter: options.quarter,
    asOf: options.asOf,
    config: options.config,
    leadership: options.leadership,
  });
  return slimAuditedFile(found.file, sha256, result);
}
