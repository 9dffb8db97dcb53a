/**
 * The one-pass reader over a file's bytes in memory (`readOnePassFromBytes`,
 * `readWorkbookFromBytes`): its own zip directory parse must accept only what yauzl and the
 * guard accept. Archives yauzl treats its own way (zip64 and Unicode path extra fields, code
 * page 437 names, backslashes) are left to the streaming pass; damaged ones (a wrong CRC-32,
 * a part inflating past or short of its declared size, a stored part whose sizes differ, bytes
 * after the end record, a broken local header, a multi-disk or strongly encrypted archive, an
 * unsafe name) are never read and end with the guard's own sentence. Every case ends exactly
 * as the original path (guard, then exceljs) does. The time limit is a deadline looked at
 * before each part and each 64 KB scanned, tested with a clock that only moves when read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { inspectXlsx } from '../../../../audit/guard';
import { readGuarded } from '../../../../audit/guard/guarded-read';
import { DEFAULT_LIMITS } from '../../../../audit/guard/limits';
import { ReaderTimeoutError } from '../../../../audit/guard/timeout';
import {
  IN_MEMORY_MAX_UNCOMPRESSED_BYTES,
  readOnePassFromBytes,
  readWorkbookFromBytes,
} from '../../../../audit/read/fast/one-pass';
import { readWorkbook, UnreadableWorkbookError } from '../../../../audit/read/xlsx';
import { RACI_PART, raciWorkbook } from '../../guard/support/workbooks';
import { buildZip, replaceParts, unzip, type ZipPart } from '../../guard/support/zip-builder';
import { tempDir } from '../../support/workbooks';
import { rawWorkbook } from './raw-xlsx';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('raci-in-memory-')));
afterAll(() => cleanup());

let counter = 0;
function save(bytes: Buffer): string {
  const path = join(dir, `m${++counter}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

async function settle(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return { sheets: await read() };
  } catch (err) {
    return err instanceof UnreadableWorkbookError
      ? { file: err.file, reason: err.reason }
      : { error: String(err) };
  }
}

/** Returns the parts of the guard's RACI workbook (exceljs-written), in archive order. */
async function raciParts(): Promise<ZipPart[]> {
  return replaceParts(await unzip(await raciWorkbook()), {});
}

/** Returns where each central-directory entry starts in a zip `buildZip` wrote. */
function centralEntries(zip: Buffer): number[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  const starts: number[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    starts.push(at);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return starts;
}

/** Returns the index of part `name` in the central directory of `zip`. */
function entryIndex(zip: Buffer, name: string): number {
  return centralEntries(zip).findIndex(
    (at) => zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)) === name,
  );
}

/** Returns `zip` with an extra field added to central entry `index` (the end record moved along). */
function withCentralExtraField(zip: Buffer, index: number, id: number, data: Buffer): Buffer {
  const at = centralEntries(zip)[index];
  const nameEnd = at + 46 + zip.readUInt16LE(at + 28);
  const field = Buffer.alloc(4 + data.length);
  field.writeUInt16LE(id, 0);
  field.writeUInt16LE(data.length, 2);
  data.copy(field, 4);
  const out = Buffer.concat([zip.subarray(0, nameEnd), field, zip.subarray(nameEnd)]);
  out.writeUInt16LE(zip.readUInt16LE(at + 30) + field.length, at + 30);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  out.writeUInt32LE(out.readUInt32LE(end + 12) + field.length, end + 12);
  return out;
}

/** Returns `zip` with the general purpose flags of central entry `index` changed by `change`. */
function withCentralFlags(zip: Buffer, index: number, change: (flags: number) => number): Buffer {
  const out = Buffer.from(zip);
  const at = centralEntries(out)[index];
  out.writeUInt16LE(change(out.readUInt16LE(at + 8)), at + 8);
  return out;
}

describe('archives yauzl treats its own way are streamed, ending as the original path does', () => {
  const cases: [string, () => Promise<Buffer>][] = [
    [
      'a Unicode path extra field',
      async () => {
        const zip = buildZip(await raciParts());
        const name = Buffer.from('docProps/app.xml');
        const data = Buffer.alloc(5 + name.length);
        data.writeUInt8(1, 0);
        data.writeUInt32LE(crc32(name) >>> 0, 1);
        name.copy(data, 5);
        return withCentralExtraField(zip, entryIndex(zip, 'docProps/app.xml'), 0x7075, data);
      },
    ],
    [
      'a zip64 extended information extra field',
      async () => {
        const zip = buildZip(await raciParts());
        return withCentralExtraField(zip, entryIndex(zip, RACI_PART), 0x0001, Buffer.alloc(8));
      },
    ],
    [
      'a part name in code page 437',
      async () => {
        const zip = buildZip([...(await raciParts()), { name: 'docProps/Übersicht.txt' }]);
        return withCentralFlags(zip, entryIndex(zip, 'docProps/Übersicht.txt'), (f) => f & ~0x800);
      },
    ],
    [
      'a part name with a backslash',
      async () => buildZip([...(await raciParts()), { name: 'docProps\\notes.txt' }]),
    ],
  ];
  test.each(cases)('%s', async (_name, build) => {
    const bytes = await build();
    const path = save(bytes);
    expect((await readOnePassFromBytes(bytes)).kind).toBe('stream');
    const original = await settle(() => readGuarded(path, 'x.xlsx', () => readWorkbook(path)));
    expect(await settle(() => readWorkbookFromBytes(bytes, path, 'x.xlsx'))).toStrictEqual(
      original,
    );
    expect(original).toHaveProperty('sheets');
  });

  it('an archive declaring more than is held in memory at once', async () => {
    const big = {
      name: 'xl/media/image1.bin',
      data: Buffer.alloc(IN_MEMORY_MAX_UNCOMPRESSED_BYTES),
    };
    const bytes = buildZip([...(await raciParts()), { ...big, method: 0 }]);
    expect(await readOnePassFromBytes(bytes)).toStrictEqual({
      kind: 'stream',
      why: 'its parts expand to more than is held in memory at once',
    });
  });
});

describe("damaged archives are never read and end with the guard's own sentence", () => {
  const withPart = async (changes: Partial<ZipPart>) =>
    buildZip((await raciParts()).map((p) => (p.name === RACI_PART ? { ...p, ...changes } : p)));
  const cases: [string, RegExp, () => Promise<Buffer>][] = [
    ['a wrong CRC-32', /checksum does not match/, () => withPart({ declaredCrc: 12345 })],
    [
      'a part inflating past its declared size',
      /inflates to more than/,
      async () => {
        const part = (await raciParts()).find((p) => p.name === RACI_PART) as ZipPart;
        return withPart({ declaredSize: (part.data as Buffer).length - 10 });
      },
    ],
    [
      'a part shorter than declared',
      /shorter than/,
      async () => {
        const part = (await raciParts()).find((p) => p.name === RACI_PART) as ZipPart;
        return withPart({ declaredSize: (part.data as Buffer).length + 10 });
      },
    ],
    [
      'a stored part whose two sizes differ',
      /damaged/,
      async () => {
        const part = (await raciParts()).find((p) => p.name === RACI_PART) as ZipPart;
        return withPart({ method: 0, declaredSize: (part.data as Buffer).length + 1 });
      },
    ],
    [
      'bytes after the end record',
      /damaged|truncated/,
      async () => Buffer.concat([buildZip(await raciParts()), Buffer.from('trailing')]),
    ],
    [
      'a broken local header',
      /sheet2\.xml|damaged/,
      async () => {
        const zip = buildZip(await raciParts());
        const at = zip.readUInt32LE(centralEntries(zip)[entryIndex(zip, RACI_PART)] + 42);
        zip.writeUInt32LE(0x12345678, at);
        return zip;
      },
    ],
    [
      'a multi-disk archive',
      /several files/,
      async () => {
        const zip = buildZip(await raciParts());
        zip.writeUInt16LE(1, zip.length - 22 + 4);
        return zip;
      },
    ],
    [
      'strong encryption',
      /encrypt/,
      async () => {
        const zip = buildZip(await raciParts());
        return withCentralFlags(zip, entryIndex(zip, RACI_PART), (f) => f | 0x40);
      },
    ],
    [
      'traditional encryption',
      /password-protected/,
      async () => {
        const zip = buildZip(await raciParts());
        return withCentralFlags(zip, entryIndex(zip, RACI_PART), (f) => f | 0x1);
      },
    ],
    [
      'a name climbing out of the archive',
      /unsafe part name/,
      async () => buildZip([...(await raciParts()), { name: 'xl/../../evil.txt' }]),
    ],
    [
      'an undefined entity in the workbook part',
      /undefined entity/,
      async () =>
        buildZip(
          (await raciParts()).map((p) =>
            p.name === 'xl/workbook.xml'
              ? {
                  ...p,
                  data: Buffer.from(
                    (p.data as Buffer).toString().replace('<sheets>', '<sheets>&bad;'),
                  ),
                }
              : p,
          ),
        ),
    ],
  ];
  test.each(cases)('%s', async (_name, reason, build) => {
    const bytes = await build();
    const path = save(bytes);
    const outcome = await readOnePassFromBytes(bytes);
    expect(outcome.kind).not.toBe('read');
    const verdict = await inspectXlsx(path, DEFAULT_LIMITS, 'x.xlsx');
    if (verdict.ok) throw new Error('the guard accepted a damaged archive');
    expect(verdict.reason).toMatch(reason);
    expect(await settle(() => readWorkbookFromBytes(bytes, path, 'x.xlsx'))).toStrictEqual({
      file: 'x.xlsx',
      reason: verdict.reason,
    });
  });
});

describe('the time limit, a deadline read from a clock', () => {
  /** A workbook whose one sheet is about 300 KB of XML, scanned in several 64 KB chunks. */
  const bigSheet = () =>
    rawWorkbook({
      sheets: [
        {
          name: 'Big',
          sheetData: Array.from(
            { length: 4000 },
            (_, r) =>
              `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>Activity ${r} with some words</t></is></c><c r="B${r + 1}"><v>${r}</v></c></row>`,
          ).join(''),
        },
      ],
    });

  it('is looked at before each part and each 64 KB scanned', async () => {
    let reads = 0;
    const outcome = await readOnePassFromBytes(bigSheet(), DEFAULT_LIMITS, () => {
      reads++;
      return 0;
    });
    expect(outcome.kind).toBe('read');
    // One to set the deadline; workbook, relationships, styles; the sheet's first part and
    // at least four more 64 KB chunks.
    expect(reads).toBeGreaterThanOrEqual(1 + 3 + 5);
  });

  it("past the deadline the pass stops with the guard's own sentence", async () => {
    const bytes = bigSheet();
    let reads = 0;
    const counting = () => {
      reads++;
      return 0;
    };
    await readOnePassFromBytes(bytes, DEFAULT_LIMITS, counting);
    // A clock moving 1 ms per read, with a limit two reads short of a whole pass: the pass
    // stops inside the sheet.
    const limits = { ...DEFAULT_LIMITS, inspectTimeoutMs: reads - 3 };
    let now = 0;
    const ticking = () => now++;
    await expect(readOnePassFromBytes(bytes, limits, ticking)).rejects.toBeInstanceOf(
      ReaderTimeoutError,
    );
    now = 0;
    const path = save(bytes);
    expect(
      await settle(() => readWorkbookFromBytes(bytes, path, 'slow.xlsx', limits, ticking)),
    ).toStrictEqual({
      file: 'slow.xlsx',
      reason: `the workbook could not be checked within ${limits.inspectTimeoutMs} ms (it is too large or too complex)`,
    });
  });
});
