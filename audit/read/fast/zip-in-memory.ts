/**
 * The one-pass reader's zip archive held in memory: a small file read whole once is parsed
 * here (end-of-central-directory record, central entries, local headers) and its parts are
 * inflated with `zlib.inflateRawSync`, so reading it costs no round trips to libuv's thread
 * pool. It runs the guard's own directory checks (`checkEntryCount`, `checkDirectory` in
 * `guard/zip.ts`) and checks each part's inflated size and CRC-32 as `streamEntry` does.
 *
 * It reads only the plain archives Excel, Google Sheets and exceljs write. Anything yauzl
 * would treat its own way (zip64 records, Info-ZIP Unicode names, names in code page 437,
 * backslashes in names) throws `NotInMemoryError`, so the caller reads the file through yauzl
 * as before; anything yauzl or the guard refuses throws a `GuardFailure`, so the caller hands
 * the file to the guard, whose own sentence is the one people see.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import type { Limits } from '../../guard/limits';
import { formatBytes, GuardFailure } from '../../guard/messages';
import { checkDirectory, checkEntryCount, type ZipEntryRecord } from '../../guard/zip';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const ZIP64_LOCATOR_BYTES = 20;
const MAX_COMMENT_BYTES = 0xffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_STRONG_ENCRYPTION = 0x40;
const FLAG_UTF8_NAME = 0x800;
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;

/** The archive uses something this reader leaves to yauzl; the caller streams the file instead. */
export class NotInMemoryError extends Error {
  constructor(readonly why: string) {
    super(`not read in memory: ${why}`);
    this.name = 'NotInMemoryError';
  }
}

/** An archive in memory whose directory passed the guard's checks. */
export interface MemoryZip {
  bytes: Buffer;
  /** Entries by name (a leading "/" dropped), in archive order. */
  entries: Map<string, ZipEntryRecord>;
  totalUncompressedBytes: number;
}

function damaged(detail: string): never {
  throw new GuardFailure(`the zip archive is damaged (${detail})`);
}

/** Returns where the end-of-central-directory record starts, searched for as yauzl does. */
function findEndRecord(bytes: Buffer): number {
  const windowBytes = Math.min(
    ZIP64_LOCATOR_BYTES + END_RECORD_BYTES + MAX_COMMENT_BYTES,
    bytes.length,
  );
  const windowStart = bytes.length - windowBytes;
  for (let i = bytes.length - END_RECORD_BYTES; i >= windowStart; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return damaged('no end of central directory record');
}

/** Returns true when an entry's extra fields hold one yauzl reads sizes or names from; throws like yauzl on a bad one. */
function hasExtraFieldYauzlReads(extra: Buffer): boolean {
  let i = 0;
  while (i < extra.length - 3) {
    const id = extra.readUInt16LE(i);
    const end = i + 4 + extra.readUInt16LE(i + 2);
    if (end > extra.length) damaged('extra field length exceeds extra field buffer size');
    if (id === EXTRA_ZIP64 || id === EXTRA_UNICODE_PATH) return true;
    i = end;
  }
  return false;
}

/** Returns an entry's name as yauzl would decode it; throws for names left to yauzl or refused by it. */
function entryName(raw: Buffer, flags: number): string {
  if ((flags & FLAG_UTF8_NAME) === 0) {
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] >= 0x80) throw new NotInMemoryError('a part name in code page 437');
    }
  }
  const name = raw.toString('utf8');
  if (name.includes('\\')) throw new NotInMemoryError('a part name with a backslash');
  if (
    /^[a-zA-Z]:/.test(name) ||
    name.startsWith('/') ||
    (name.includes('..') && name.split('/').includes('..'))
  )
    damaged(`unsafe part name ${name}`);
  return name;
}

/**
 * Returns the archive in `bytes` once its directory passed every check of the guard's
 * `openZipDirectory`. Throws `GuardFailure` when yauzl or the guard would refuse it, and
 * `NotInMemoryError` when it uses something this reader leaves to yauzl.
 */
export function openZipInMemory(bytes: Buffer, limits: Limits): MemoryZip {
  const end = findEndRecord(bytes);
  if (
    end >= ZIP64_LOCATOR_BYTES &&
    bytes.readUInt32LE(end - ZIP64_LOCATOR_BYTES) === ZIP64_END_LOCATOR
  )
    throw new NotInMemoryError('a zip64 archive');
  if (bytes.readUInt16LE(end + 4) !== 0) damaged('a multi-disk archive');
  const entryCount = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 20) !== bytes.length - end - END_RECORD_BYTES)
    damaged('invalid comment length');
  if (entryCount === 0xffff || directoryOffset === 0xffffffff)
    throw new NotInMemoryError('zip64 markers in the end record');
  checkEntryCount(entryCount, limits);
  const records: ZipEntryRecord[] = [];
  let at = directoryOffset;
  for (let k = 0; k < entryCount; k++) {
    if (at + 46 > bytes.length) damaged('unexpected EOF in the central directory');
    if (bytes.readUInt32LE(at) !== CENTRAL_ENTRY)
      damaged('invalid central directory file header signature');
    const flags = bytes.readUInt16LE(at + 8);
    if (flags & FLAG_STRONG_ENCRYPTION) damaged('strong encryption');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const nameStart = at + 46;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > bytes.length) damaged('unexpected EOF in the central directory');
    const extra = bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength);
    if (hasExtraFieldYauzlReads(extra))
      throw new NotInMemoryError('a zip64 or Unicode path extra field');
    const record: ZipEntryRecord = {
      fileName: entryName(bytes.subarray(nameStart, nameStart + nameLength), flags),
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      compressionMethod: bytes.readUInt16LE(at + 10),
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      relativeOffsetOfLocalHeader: bytes.readUInt32LE(at + 42),
    };
    if (
      record.compressionMethod === 0 &&
      record.compressedSize !== record.uncompressedSize + (record.encrypted ? 12 : 0)
    )
      damaged('compressed/uncompressed size mismatch for stored file');
    records.push(record);
    at = next;
  }
  const { byName, total } = checkDirectory(records, bytes.length, limits);
  return { bytes, entries: byName, totalUncompressedBytes: total };
}

/**
 * Returns the inflated bytes of part `name`, exactly the size its entry declares and with its
 * CRC-32. Throws `GuardFailure` when the part is missing, its local header is broken, its data
 * lies past the end of the file, is damaged, or inflates to another size than declared.
 */
export function inflatePart(zip: MemoryZip, name: string): Buffer {
  const entry = zip.entries.get(name);
  if (!entry) throw new GuardFailure(`part ${name} is missing from the workbook`, undefined, name);
  const { bytes } = zip;
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + 30 > bytes.length || bytes.readUInt32LE(header) !== LOCAL_HEADER)
    throw new GuardFailure(
      `part ${name} cannot be read: its local header is broken`,
      undefined,
      name,
    );
  const dataStart = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  if (dataStart + entry.compressedSize > bytes.length)
    throw new GuardFailure(`part ${name} lies beyond the end of the file`, undefined, name);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  let inflated: Buffer;
  if (entry.compressionMethod === 0) {
    inflated = data;
  } else {
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (err) {
      throw new GuardFailure(
        `part ${name} is damaged or inflates past the ${formatBytes(entry.uncompressedSize)} it declares (${err instanceof Error ? err.message : String(err)})`,
        undefined,
        name,
      );
    }
  }
  if (inflated.length !== entry.uncompressedSize)
    throw new GuardFailure(`part ${name} is not the size its zip entry declares`, undefined, name);
  if (crc32(inflated) >>> 0 !== entry.crc32 >>> 0)
    throw new GuardFailure(`part ${name} is damaged: its checksum does not match`, undefined, name);
  return inflated;
}
