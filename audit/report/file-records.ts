/**
 * Where a report's findings and items live while the reports are written. A thousand workbooks
 * carry some 13,000 findings and 4,000 items (most of report.json), and holding them beside
 * every other file's result is what made an audit's memory grow with the number of workbooks.
 * `FileRecords` takes each file's records as its result comes in; past a number of records it
 * spills: writes them to a temp file (v8.serialize, one record list per file) and keeps only
 * where each list is. Readers then go through them one file at a time in the report's order, or
 * through the files of one sponsor only; nothing ever holds all of them. Below that number (a
 * small audit, `buildReport`, tests) they stay in memory, where reading them again costs
 * nothing: the same order, the same records.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * The name of a spill's temp folder: `raci-audit-<what>-<process id>-<random>`, so a folder a
 * killed run left behind can be told from one a running audit uses (`removeStaleSpills` in
 * run-audit.ts).
 */
export const SPILL_FOLDER_NAME = /^raci-audit-[a-z]+(?:-[a-z]+)*-(\d+)-[A-Za-z0-9]{6}$/;

/** A report's records in report order: an array, or `FileRecords`. */
export interface RecordList<T> extends Iterable<T> {
  readonly length: number;
}

/** One list of a file's records, as added: in memory, or where it is in the spill file. */
interface Chunk<T> {
  count: number;
  records?: T[];
  offset?: number;
  bytes?: number;
}

export interface FileRecordsOptions {
  /**
   * Once more than this many records are held, they all go to a temp file, and so does every
   * record added after (0: every record; default: never).
   */
  spillAbove?: number;
  /** Folder for the spill's temp folder; default the system's temp folder. */
  tempDir?: string;
  /**
   * Held in memory, keep a copy of the records added (default) or the records themselves
   * (records that are copies already, which nobody changes).
   */
  copy?: boolean;
}

/**
 * Records grouped by file, read back in file order (set by `sortFiles`; until then the order
 * files were first added), each file's records in the order added. Iterating reads the spill one
 * file at a time; the last file read is kept, so reading one file's records again is cheap.
 */
export class FileRecords<T> implements RecordList<T> {
  private readonly chunks = new Map<string, Chunk<T>[]>();
  private files: string[] = [];
  private total = 0;
  private fd: number | undefined;
  private dir: string | undefined;
  private end = 0;
  private lastFile: string | undefined;
  private lastRecords: T[] = [];
  private spilling = false;
  private readonly spillAbove: number;
  private readonly tempDir: string;
  private readonly copy: boolean;

  constructor(
    /** What the records are, for messages: "findings", "items". */
    private readonly what: string,
    options: FileRecordsOptions = {},
  ) {
    this.spillAbove = options.spillAbove ?? Infinity;
    this.copy = options.copy ?? true;
    this.tempDir = options.tempDir ?? tmpdir();
  }

  get length(): number {
    return this.total;
  }

  /**
   * Adds a copy of the records of `file` (see `copy`) after any added before for it. An empty
   * list changes nothing.
   */
  add(file: string, records: readonly T[]): void {
    if (records.length === 0) return;
    if (!this.spilling && this.total + records.length > this.spillAbove) this.spillHeld();
    // Kept first: when that fails, the store is as it was.
    const chunk = this.chunk(records);
    let list = this.chunks.get(file);
    if (!list) {
      list = [];
      this.chunks.set(file, list);
      this.files.push(file);
    }
    list.push(chunk);
    this.total += records.length;
    if (this.lastFile === file) this.lastFile = undefined;
  }

  /** Whether the records are in a temp file (past `spillAbove`). */
  get spilled(): boolean {
    return this.spilling;
  }

  /** Moves every record held in memory to the temp file; records added later go there too. */
  private spillHeld(): void {
    this.spilling = true;
    for (const list of this.chunks.values()) {
      list.forEach((chunk, index) => {
        if (chunk.records) list[index] = this.chunk(chunk.records);
      });
    }
  }

  /** Replaces every record of `file` (already added) with `records`. */
  replace(file: string, records: readonly T[]): void {
    const list = this.chunks.get(file);
    if (!list) throw new Error(`no ${this.what} of ${file} to replace`);
    for (const chunk of list) this.total -= chunk.count;
    list.length = 0;
    if (records.length > 0) list.push(this.chunk(records));
    this.total += records.length;
    if (this.lastFile === file) this.lastFile = undefined;
  }

  /** Returns the files with records, in reading order. */
  fileNames(): readonly string[] {
    return this.files;
  }

  /** Returns how many lists were added for `file` (more than one only when added in parts). */
  parts(file: string): number {
    return this.chunks.get(file)?.length ?? 0;
  }

  /** Puts the files in this order; files added later come after, in the order added. */
  sortFiles(order: (a: string, b: string) => number): void {
    this.files.sort(order);
  }

  /** Every record, file by file in reading order. */
  *[Symbol.iterator](): Iterator<T> {
    for (const file of [...this.files]) yield* this.ofFile(file);
  }

  /** The records of one file, in the order added (none when the file has none); do not change it. */
  ofFile(file: string): T[] {
    if (file === this.lastFile) return this.lastRecords;
    const chunks = this.chunks.get(file) ?? [];
    // Held in memory as one list (the usual case): that list itself.
    if (chunks.length === 1 && chunks[0].records) return chunks[0].records;
    const out: T[] = [];
    for (const chunk of chunks) {
      for (const record of chunk.records ?? this.readChunk(chunk)) out.push(record);
    }
    this.lastFile = file;
    this.lastRecords = out;
    return out;
  }

  /** The records of the given files only, in reading order, reading no other file's list. */
  *ofFiles(files: ReadonlySet<string>): Iterable<T> {
    for (const file of this.files) if (files.has(file)) yield* this.ofFile(file);
  }

  /** Removes the spill's temp file; the store is empty afterwards. Safe to call twice. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.chunks.clear();
    this.files = [];
    this.total = 0;
    this.end = 0;
    this.lastFile = undefined;
    this.lastRecords = [];
    this.spilling = false;
  }

  private chunk(records: readonly T[]): Chunk<T> {
    // A copy (unless told the records are copies already): changing a record after adding it
    // changes nothing here, and text cut out of a workbook's XML does not keep the whole XML
    // alive (V8 keeps the string it was cut from).
    if (!this.spilling) {
      const kept = this.copy ? (deserialize(serialize(records)) as T[]) : [...records];
      return { count: records.length, records: kept };
    }
    const bytes = serialize(records);
    try {
      const fd = this.spillFile();
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(fd, bytes, written, bytes.length - written, this.end + written);
      }
    } catch (err) {
      throw new Error(
        `could not keep the audit's ${this.what} in a temp file under ${this.tempDir} ` +
          `(${(err as Error).message}); free some space there or set TMPDIR to another folder`,
        { cause: err },
      );
    }
    const chunk = { count: records.length, offset: this.end, bytes: bytes.length };
    this.end += bytes.length;
    return chunk;
  }

  private spillFile(): number {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(this.tempDir, `raci-audit-${this.what}-${process.pid}-`));
      this.fd = openSync(join(this.dir, `${this.what}.bin`), 'w+', 0o600);
    }
    return this.fd;
  }

  private readChunk(chunk: Chunk<T>): T[] {
    if (this.fd === undefined || chunk.offset === undefined || chunk.bytes === undefined) {
      throw new Error(`the ${this.what}' temp file was closed before the report was written`);
    }
    const buffer = Buffer.allocUnsafe(chunk.bytes);
    let read = 0;
    while (read < chunk.bytes) {
      const n = readSync(this.fd, buffer, read, chunk.bytes - read, chunk.offset + read);
      if (n === 0) throw new Error(`the ${this.what}' temp file ended early`);
      read += n;
    }
    return deserialize(buffer) as T[];
  }
}

/**
 * Returns the records of the given files from `list`, in report order: `FileRecords` reads only
 * those files' lists, an array is filtered.
 */
export function recordsOfFiles<T extends { file: string }>(
  list: RecordList<T>,
  files: ReadonlySet<string>,
): Iterable<T> {
  if (list instanceof FileRecords) return (list as FileRecords<T>).ofFiles(files);
  return [...list].filter((r) => files.has(r.file));
}
