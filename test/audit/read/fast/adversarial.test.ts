/**
 * The guard's adversarial corpus through the one-pass reader: every broken or hostile file is
 * still refused with the guard's own named reason (the same sentence `inspectXlsx` gives, so
 * `workbook/unreadable` findings do not change), the one pass never claims to have read one,
 * and the good files beside them are read in one pass to what exceljs gives. Each file goes
 * through both ways of reading it: streamed from disk, and from its bytes in memory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, inspectXlsx } from '../../../../audit/guard';
import {
  readOnePass,
  readOnePassFromBytes,
  readWorkbookFromBytes,
  readWorkbookOnePass,
} from '../../../../audit/read/fast/one-pass';
import { readWorkbook, UnreadableWorkbookError } from '../../../../audit/read/xlsx';
import { BAD_CASES, GOOD_CASES } from '../../guard/support/corpus';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raci-one-pass-corpus-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bad files end in the guard's named reason", () => {
  test.each(BAD_CASES.map((c) => [c.file, c] as const))('%s', async (file, corpusCase) => {
    const path = await corpusCase.build(dir);
    const outcome = await readOnePass(path);
    expect(outcome.kind).not.toBe('read');
    const verdict = await inspectXlsx(path);
    if (verdict.ok) throw new Error(`${file} passed the guard but must not`);
    let caught: unknown;
    try {
      await readWorkbookOnePass(path, file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnreadableWorkbookError);
    const error = caught as UnreadableWorkbookError;
    expect(error.file).toBe(file);
    expect(error.reason).toBe(verdict.reason);
    expect(error.reason).toMatch(corpusCase.reason as RegExp);

    const bytes = await readFile(path);
    expect((await readOnePassFromBytes(bytes)).kind).not.toBe('read');
    await expect(readWorkbookFromBytes(bytes, path, file)).rejects.toMatchObject({
      name: 'UnreadableWorkbookError',
      file,
      reason: verdict.reason,
    });
  });
});

describe('good files are read in one pass', () => {
  test.each(GOOD_CASES.map((c) => [c.file, c] as const))('%s', async (_file, corpusCase) => {
    const path = await corpusCase.build(dir);
    const expected = { kind: 'read', sheets: await readWorkbook(path) };
    expect(await readOnePass(path)).toStrictEqual(expected);
    expect(await readOnePassFromBytes(await readFile(path))).toStrictEqual(expected);
  });
});

describe('the time limit', () => {
  it("a pass over the limit is refused with the guard's own sentence", async () => {
    const path = await GOOD_CASES[0].build(dir);
    const limits = { ...DEFAULT_LIMITS, inspectTimeoutMs: 1 };
    const verdict = await inspectXlsx(path, limits, 'slow.xlsx');
    if (verdict.ok) throw new Error('the guard finished within 1 ms; the test needs a slower file');
    await expect(readWorkbookOnePass(path, 'slow.xlsx', limits)).rejects.toMatchObject({
      file: 'slow.xlsx',
      reason: verdict.reason,
    });
    expect(verdict.limit).toBe('inspectTimeoutMs');
  });
});
