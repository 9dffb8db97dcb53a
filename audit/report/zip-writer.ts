/**
 * A streaming zip writer for the workbook reports (an .xlsx is a zip of XML parts). Each entry
 * is deflated as it is written and goes straight to the sink, so a large worksheet is never
 * held whole: a local header with the sizes left for a data descriptor (general purpose flag
 * bit 3), the deflated bytes, the descriptor with the CRC-32 and sizes, and at the end the
 * central directory. Entries are written one after another; names are ASCII. Timestamps are
 * fixed (2000-01-01) so the same parts give the same bytes. No zip64: an entry or archive that
 * reaches 4 GB is refused with an error rather than written wrong.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { constants as zlibConstants, crc32, createDeflateRaw } from 'node:zlib';

/** Bytes of text gathered before they are handed to the deflater. */
const CHUNK_BYTES = 64 * 1024;
const ZIP32_LIMIT = 0xffffffff;
/** MS-DOS date of 2000-01-01 (years since 1980 << 9 | month << 5 | day); the time is 00:00. */
const DOS_DATE = (20 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const METHOD_DEFLATE = 8;
const VERSION = 20;

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Writes text into one zip entry; `end` finishes it. Obtained from `ZipWriter.entry`. */
export interface ZipEntryWriter {
  /** Adds text (UTF-8) to the entry; returns a promise only when the caller should wait. */
  write(text: string): Promise<void> | undefined;
  /** Flushes and closes the entry; returns when its bytes and descriptor are in the sink. */
  end(): Promise<void>;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private open = false;
  /** The sink's error, once it has failed: every later step rejects with it. */
  private failure: Error | undefined;
  /** Rejects when the sink fails, so no wait (for a drain, for the deflater) outlives it. */
  private readonly failed: Promise<never>;
  /** The deflater of the entry being written, stopped when the sink fails. */
  private deflating: ReturnType<typeof createDeflateRaw> | undefined;

  constructor(private readonly sink: Writable) {
    this.failed = new Promise<never>((_, reject) => {
      sink.once('error', (err: Error) => {
        this.failure = err;
        this.deflating?.destroy();
        reject(err);
      });
    });
    this.failed.catch(() => undefined);
  }

  /** Returns `promise`, or rejects as soon as the sink has failed. */
  private until<T>(promise: Promise<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.race([promise, this.failed]);
  }

  /** Writes bytes to the sink, waiting for it to drain when it asks to. */
  private async put(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.offset += bytes.length;
    if (this.offset > ZIP32_LIMIT) throw new Error('The workbook is too large for a zip32 file.');
    if (!this.sink.write(bytes)) await this.until(once(this.sink, 'drain'));
  }

  /**
   * Returns a writer for a new entry named `name` (a path inside the zip), after its local
   * header is written. One entry at a time: the previous one must have ended.
   */
  async entry(name: string): Promise<ZipEntryWriter> {
    if (this.open) throw new Error(`Zip entry ${name} opened before the previous one ended.`);
    this.open = true;
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAG_DATA_DESCRIPTOR, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    // CRC-32 and sizes (offsets 14 to 25) stay zero: the data descriptor carries them.
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const offset = this.offset;
    await this.put(Buffer.concat([header, nameBytes]));

    const deflate = createDeflateRaw({ level: zlibConstants.Z_DEFAULT_COMPRESSION });
    this.deflating = deflate;
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let failure: Error | undefined;
    // The deflater's output goes to the sink as it comes, pausing while the sink is full.
    const drained = new Promise<void>((resolveDrained, reject) => {
      deflate.on('data', (chunk: Buffer) => {
        compressedSize += chunk.length;
        this.offset += chunk.length;
        if (!this.sink.write(chunk)) {
          deflate.pause();
          this.sink.once('drain', () => deflate.resume());
        }
      });
      deflate.once('end', resolveDrained);
      deflate.once('error', (err: Error) => {
        failure = err;
        reject(err);
      });
    });
    drained.catch(() => undefined);
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = (): Promise<void> | undefined => {
      if (pendingLength === 0) return undefined;
      const bytes = Buffer.from(pending.length === 1 ? pending[0] : pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (size > ZIP32_LIMIT) throw new Error(`The zip entry ${name} is too large for zip32.`);
      if (!deflate.write(bytes)) return this.until(once(deflate, 'drain')).then(() => undefined);
      return undefined;
    };
    return {
      write: (text: string) => {
        if (failure ?? this.failure) throw failure ?? this.failure;
        pending.push(text);
        pendingLength += text.length;
        return pendingLength >= CHUNK_BYTES ? flush() : undefined;
      },
      end: async () => {
        await flush();
        deflate.end();
        await this.until(drained);
        this.deflating = undefined;
        if (this.offset > ZIP32_LIMIT)
          throw new Error('The workbook is too large for a zip32 file.');
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
        // The compressed bytes were counted into the offset as they went to the sink.
        await this.put(descriptor);
        this.entries.push({ name: nameBytes, crc: crc >>> 0, compressedSize, size, offset });
        this.open = false;
      },
    };
  }

  /** Writes a whole entry from one text. Returns when it is in the sink. */
  async add(name: string, text: string): Promise<void> {
    const entry = await this.entry(name);
    await entry.write(text);
    await entry.end();
  }

  /** Writes the central directory and ends the sink; returns when the sink has finished. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('The zip was finished with an entry still open.');
    if (this.entries.length > 0xffff) throw new Error('Too many zip entries for zip32.');
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(VERSION, 4);
      record.writeUInt16LE(VERSION, 6);
      record.writeUInt16LE(FLAG_DATA_DESCRIPTOR, 8);
      record.writeUInt16LE(METHOD_DEFLATE, 10);
      record.writeUInt16LE(DOS_TIME, 12);
      record.writeUInt16LE(DOS_DATE, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressedSize, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      // Extra field, comment, disk number, internal and external attributes: all zero.
      record.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    const finished = once(this.sink, 'finish');
    this.sink.end();
    await this.until(finished);
  }
}
