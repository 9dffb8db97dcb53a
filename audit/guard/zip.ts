/**
 * Inspects an .xlsx file's zip archive with yauzl without inflating it: the central
 * directory's entry count, each entry's declared sizes, compression method, encryption flag,
 * name and where its data lies, and the compression ratio of large entries. Then, on request,
 * streams one entry's inflated bytes through a running byte counter and CRC-32 so a part that
 * inflates beyond what it declared, or whose data is damaged, is stopped at once. Every
 * problem ends as a `GuardFailure` with a sentence for people. The directory checks
 * (`checkEntryCount`, `checkEntry`, `checkDirectory`) take plain entry records, so the one-pass
 * reader's own parse of a small archive in memory (`read/fast/zip-in-memory.ts`) runs exactly
 * the same ones.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { Limits } from './limits';
import { formatBytes, formatCount, GuardFailure, overLimit } from './messages';

/** What the guard knows of one zip entry from the central directory. */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
}

/** An open archive whose directory passed the checks; `close()` it when done. */
export interface ZipDirectory {
  /** Entries by name, in archive order. */
  entries: Map<string, ZipEntryInfo>;
  totalUncompressedBytes: number;
  /** The open yauzl archive and its raw entries, for `streamEntry`. */
  zipfile: yauzl.ZipFile;
  raw: Map<string, yauzl.Entry>;
  close(): void;
}

/** Returns a sentence for people for an error yauzl raised while reading the zip directory. */
export function explainZipError(err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  if (/end of central directory record signature not found/i.test(detail)) {
    return 'the file is truncated or damaged: it starts like a zip archive but its zip directory (at the end of the file) is missing';
  }
  if (/central directory file header signature|unexpected EOF|central directory/i.test(detail)) {
    return `the file is truncated or damaged: its zip directory is broken (${detail})`;
  }
  if (/multi-disk/i.test(detail)) {
    return 'the file is one part of a zip archive split over several files, not a whole .xlsx workbook';
  }
  if (/encrypt/i.test(detail)) {
    return 'the workbook is password-protected (its zip entries are encrypted)';
  }
  if (/zip64|extra field/i.test(detail)) {
    return `the zip directory declares impossible sizes or offsets for a part (${detail})`;
  }
  if (/invalid relative path|absolute path|invalid characters in fileName/i.test(detail)) {
    return `the zip archive holds an unsafe part name (${detail})`;
  }
  return `the zip archive is damaged (${detail})`;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zipfile) =>
        err || !zipfile ? reject(err ?? new Error('no zip file')) : resolve(zipfile),
    );
  });
}

/** Returns every central-directory entry, reading them one by one; rejects on a damaged directory. */
function readEntries(zipfile: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zipfile.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zipfile.readEntry();
    });
    zipfile.on('end', () => resolve(entries));
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
}

/**
 * One central-directory record as both zip readers describe it to the shared checks: yauzl's
 * entries (`openZipDirectory`) and the one-pass reader's own parse of an archive in memory.
 */
export interface ZipEntryRecord {
  /** The name as the archive spells it (a leading "/" is dropped when entries are keyed). */
  fileName: string;
  encrypted: boolean;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  relativeOffsetOfLocalHeader: number;
  crc32: number;
}

/** Throws a `GuardFailure` when one entry's directory record is unsafe or impossible. */
export function checkEntry(entry: ZipEntryRecord, fileSize: number, limits: Limits): void {
  const name = entry.fileName;
  if (entry.encrypted) {
    throw new GuardFailure(
      'the workbook is password-protected (its zip entries are encrypted)',
      undefined,
      name,
    );
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new GuardFailure(
      `part ${name} uses zip compression method ${entry.compressionMethod}, which .xlsx files never use`,
      undefined,
      name,
    );
  }
  for (const [label, value] of [
    ['compressed size', entry.compressedSize],
    ['uncompressed size', entry.uncompressedSize],
    ['offset', entry.relativeOffsetOfLocalHeader],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new GuardFailure(
        `the zip directory declares an invalid ${label} (${value}) for part ${name}`,
        undefined,
        name,
      );
    }
  }
  if (entry.relativeOffsetOfLocalHeader + entry.compressedSize > fileSize) {
    throw new GuardFailure(
      `the zip directory says part ${name} lies beyond the end of the file (the file is truncated or damaged)`,
      undefined,
      name,
    );
  }
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw new GuardFailure(
      `the zip directory declares different stored and actual sizes for uncompressed part ${name}`,
      undefined,
      name,
    );
  }
  if (entry.uncompressedSize > 0 && entry.compressedSize === 0) {
    throw new GuardFailure(
      `the zip directory says part ${name} expands from nothing to ${formatBytes(entry.uncompressedSize)}, which is impossible`,
      undefined,
      name,
    );
  }
  if (entry.uncompressedSize > limits.maxPartBytes) {
    throw new GuardFailure(
      `part ${name} would expand to ${overLimit(entry.uncompressedSize, limits.maxPartBytes, formatBytes)} for one part`,
      'maxPartBytes',
      name,
    );
  }
  if (entry.uncompressedSize > limits.compressionRatioAppliesAboveBytes) {
    const ratio = entry.uncompressedSize / entry.compressedSize;
    if (ratio > limits.maxCompressionRatio) {
      throw new GuardFailure(
        `part ${name} expands from ${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)}, ` +
          `a compression ratio of ${formatCount(ratio)}:1, more than the ${formatCount(limits.maxCompressionRatio)}:1 allowed (a zip bomb?)`,
        'maxCompressionRatio',
        name,
      );
    }
  }
}

/** Throws a `GuardFailure` when the archive holds more entries than `limits.maxZipEntries`. */
export function checkEntryCount(entryCount: number, limits: Limits): void {
  if (entryCount > limits.maxZipEntries) {
    throw new GuardFailure(
      `the zip archive holds ${overLimit(entryCount, limits.maxZipEntries, formatCount, 'entries')}`,
      'maxZipEntries',
    );
  }
}

/**
 * Returns the directory's entries keyed by name (a leading "/" dropped), in archive order, and
 * their total declared uncompressed size, once every record passed `checkEntry`, no two share
 * a name and the total stays under `maxTotalUncompressedBytes`. Throws `GuardFailure` at the
 * first entry that fails, in archive order.
 */
export function checkDirectory<T extends ZipEntryRecord>(
  records: readonly T[],
  fileSize: number,
  limits: Limits,
): { byName: Map<string, T>; total: number } {
  const byName = new Map<string, T>();
  let total = 0;
  for (const entry of records) {
    checkEntry(entry, fileSize, limits);
    const name = entry.fileName.startsWith('/')
      ? entry.fileName.replace(/^\/+/, '')
      : entry.fileName;
    if (byName.has(name)) {
      throw new GuardFailure(
        `the zip archive holds two parts named ${name}, so it is ambiguous which one counts`,
        undefined,
        name,
      );
    }
    total += entry.uncompressedSize;
    if (total > limits.maxTotalUncompressedBytes) {
      throw new GuardFailure(
        `the workbook's parts would expand to more than ${formatBytes(limits.maxTotalUncompressedBytes)} in all ` +
          `(at least ${formatBytes(total)}, over by at least ${formatBytes(total - limits.maxTotalUncompressedBytes)})`,
        'maxTotalUncompressedBytes',
      );
    }
    byName.set(name, entry);
  }
  return { byName, total };
}

/**
 * Returns the open archive at `path` once its directory passed every check: at most
 * `maxZipEntries` entries, no duplicate names, no encryption, sane sizes and offsets, each
 * part and the total under their limits, no large part compressed beyond the ratio limit.
 * Throws `GuardFailure` otherwise (the archive is closed).
 */
export async function openZipDirectory(
  path: string,
  fileSize: number,
  limits: Limits,
): Promise<ZipDirectory> {
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await openZip(path);
  } catch (err) {
    throw new GuardFailure(explainZipError(err));
  }
  try {
    checkEntryCount(zipfile.entryCount, limits);
    let rawEntries: yauzl.Entry[];
    try {
      rawEntries = await readEntries(zipfile);
    } catch (err) {
      throw new GuardFailure(explainZipError(err));
    }
    const records = rawEntries.map((entry) => ({
      fileName: entry.fileName,
      encrypted: entry.isEncrypted(),
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
      crc32: entry.crc32,
      raw: entry,
    }));
    const { byName, total } = checkDirectory(records, fileSize, limits);
    const entries = new Map<string, ZipEntryInfo>();
    const raw = new Map<string, yauzl.Entry>();
    for (const [name, record] of byName) {
      entries.set(name, {
        name,
        compressedSize: record.compressedSize,
        uncompressedSize: record.uncompressedSize,
        compressionMethod: record.compressionMethod,
        crc32: record.crc32,
      });
      raw.set(name, record.raw);
    }
    return { entries, raw, zipfile, totalUncompressedBytes: total, close: () => zipfile.close() };
  } catch (err) {
    zipfile.close();
    throw err;
  }
}

/** Lets the caller stop a running `streamEntry` (on a limit broken in the caller, or a timeout). */
export interface StreamControl {
  /** Set by `streamEntry`: destroys the stream and rejects with `failure`. */
  abort?: (failure: GuardFailure) => void;
  /** Set by the caller to stop: any later `streamEntry` rejects with it at once. */
  cancelled?: GuardFailure;
}

/**
 * Streams the inflated bytes of entry `name` to `onChunk`, counting them and computing their
 * CRC-32. Returns the number of bytes once the entry ended intact. Rejects with `GuardFailure`
 * when the entry inflates past its declared size, is damaged (bad deflate data, wrong
 * checksum, shorter than declared), or when `onChunk` throws a `GuardFailure` (the stream is
 * destroyed at once, so nothing more is inflated).
 */
export function streamEntry(
  dir: ZipDirectory,
  name: string,
  onChunk: (chunk: Buffer) => void,
  control: StreamControl = {},
): Promise<number> {
  if (control.cancelled) return Promise.reject(control.cancelled);
  const entry = dir.raw.get(name);
  if (!entry)
    return Promise.reject(
      new GuardFailure(`part ${name} is missing from the workbook`, undefined, name),
    );
  return new Promise<number>((resolve, reject) => {
    dir.zipfile.openReadStream(entry, (openErr, stream) => {
      if (openErr || !stream) {
        reject(
          new GuardFailure(
            `part ${name} cannot be read: ${explainZipError(openErr ?? new Error('no stream'))}`,
            undefined,
            name,
          ),
        );
        return;
      }
      let settled = false;
      let bytes = 0;
      let crc = 0;
      const fail = (failure: GuardFailure) => {
        if (settled) return;
        settled = true;
        control.abort = undefined;
        (stream as unknown as { destroy(): void }).destroy();
        reject(failure);
      };
      control.abort = fail;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        bytes += chunk.length;
        if (bytes > entry.uncompressedSize) {
          fail(
            new GuardFailure(
              `part ${name} inflates to more than the ${formatBytes(entry.uncompressedSize)} its zip entry declares (a zip bomb or a damaged file)`,
              undefined,
              name,
            ),
          );
          return;
        }
        crc = crc32(chunk, crc);
        try {
          onChunk(chunk);
        } catch (err) {
          fail(
            err instanceof GuardFailure
              ? err
              : new GuardFailure(
                  `part ${name} could not be checked (${String(err)})`,
                  undefined,
                  name,
                ),
          );
        }
      });
      stream.on('error', (err: Error) => {
        const detail = err.message;
        if (/too many bytes/i.test(detail)) {
          fail(
            new GuardFailure(
              `part ${name} inflates to more than the ${formatBytes(entry.uncompressedSize)} its zip entry declares (a zip bomb or a damaged file)`,
              undefined,
              name,
            ),
          );
        } else if (/not enough bytes/i.test(detail)) {
          fail(
            new GuardFailure(
              `part ${name} is shorter than the ${formatBytes(entry.uncompressedSize)} its zip entry declares: the file is damaged`,
              undefined,
              name,
            ),
          );
        } else {
          fail(
            new GuardFailure(
              `part ${name} is damaged and cannot be decompressed (${detail})`,
              undefined,
              name,
            ),
          );
        }
      });
      stream.on('end', () => {
        if (settled) return;
        if (bytes !== entry.uncompressedSize) {
          fail(
            new GuardFailure(
              `part ${name} is shorter than its zip entry declares (${formatBytes(bytes)} of ${formatBytes(entry.uncompressedSize)}): the file is damaged`,
              undefined,
              name,
            ),
          );
          return;
        }
        if (crc >>> 0 !== entry.crc32 >>> 0) {
          fail(
            new GuardFailure(
              `part ${name} is damaged: its checksum does not match`,
              undefined,
              name,
            ),
          );
          return;
        }
        settled = true;
        control.abort = undefined;
        resolve(bytes);
      });
    });
  });
}
