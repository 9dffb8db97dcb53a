/**
 * `readGuarded` around both of the audit's real readers, the full exceljs loader
 * (`readWorkbook`) and the streaming one (`streamReadWorkbook`): good files read the same as
 * without the guard; every bad file of the corpus is refused with the guard's reason as an
 * `UnreadableWorkbookError` before either reader sees it (so neither hangs nor runs out of
 * memory); a reader past its time limit, or one that lost a sheet or rows, is refused too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLimits } from '../../../audit/guard';
import { readGuarded } from '../../../audit/guard/guarded-read';
import { streamReadWorkbook } from '../../../audit/parallel/stream-read';
import { readWorkbook, UnreadableWorkbookError } from '../../../audit/read/xlsx';
import type { SheetInput } from '../../../src/core/model';
import { BAD_CASES, GOOD_CASES } from './support/corpus';
import { raciWorkbook } from './support/workbooks';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raci-guard-read-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const READERS: [string, (path: string) => Promise<SheetInput[]>][] = [
  ['readWorkbook', (path) => readWorkbook(path)],
  ['streamReadWorkbook', (path) => streamReadWorkbook(path)],
];

async function refusal(promise: Promise<unknown>): Promise<UnreadableWorkbookError> {
  const error = await promise.then(
    () => new Error('the read was not refused'),
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(UnreadableWorkbookError);
  return error as UnreadableWorkbookError;
}

describe.each(READERS)('readGuarded around %s', (_name, reader) => {
  test.each(GOOD_CASES.map((c) => [c.file, c] as const))(
    'reads %s exactly as the reader alone does',
    async (_file, corpusCase) => {
      const path = await corpusCase.build(dir);
      const sheets = await readGuarded(path, corpusCase.file, () => reader(path));
      expect(sheets).toEqual(await reader(path));
      expect(sheets.map((s) => s.name)).toEqual(['Register', 'RACI']);
    },
  );
});

describe('readGuarded on the adversarial corpus', () => {
  test.each(BAD_CASES.map((c) => [c.file, c] as const))(
    'refuses %s before the reader runs',
    async (_file, corpusCase) => {
      const path = await corpusCase.build(dir);
      let readerRan = false;
      const error = await refusal(
        readGuarded(path, corpusCase.file, () => {
          readerRan = true;
          return readWorkbook(path);
        }),
      );
      expect(readerRan).toBe(false);
      expect(error.file).toBe(corpusCase.file);
      expect(error.reason).toMatch(corpusCase.reason as RegExp);
    },
  );
});

describe('readGuarded after the reader', () => {
  let path: string;

  beforeAll(async () => {
    path = join(dir, 'plain.xlsx');
    await writeFile(path, await raciWorkbook());
  });

  it('refuses a read that runs past the time limit', async () => {
    const never = () => new Promise<SheetInput[]>(() => undefined);
    const error = await refusal(
      readGuarded(path, 'plain.xlsx', never, resolveLimits({ readTimeoutMs: 50 })),
    );
    expect(error.message).toBe('plain.xlsx: reading the workbook did not finish within 50 ms');
  });

  it('refuses a read that lost rows, naming the sheet', async () => {
    const short = async () =>
      (await readWorkbook(path)).map((s) =>
        s.name === 'RACI' ? { ...s, rows: s.rows.slice(0, 2) } : s,
      );
    const error = await refusal(readGuarded(path, 'plain.xlsx', short));
    expect(error.reason).toBe(
      'the reader stopped early in sheet "RACI": it returned 2 rows, but the sheet has values down to row 5',
    );
  });

  it("passes on the reader's own errors unchanged", async () => {
    const failing = () => Promise.reject(new RangeError('reader bug'));
    await expect(readGuarded(path, 'plain.xlsx', failing)).rejects.toThrow(RangeError);
  });
});
