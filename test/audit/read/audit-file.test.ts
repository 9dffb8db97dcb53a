/**
 * `auditFile`'s contract whichever way a file is read: a small file is read from disk once and
 * its bytes hashed and read in memory, a large one hashed as a stream and read by the
 * streaming reader. Both give the SHA-256 of the file's bytes; a workbook gives the same
 * analysis both ways (the large-file way forced with `streamAboveBytes: 0`); a refused file
 * gets the guard's own reason; a missing file or a folder gets its sentence.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFile, type AuditFileOptions } from '../../../audit/audit-file';
import { inspectXlsx } from '../../../audit/guard';
import { writeRealisticWorkbook } from '../../../bench/corpus';
import { defaultConfig } from '../../../src/core/config';
import { organisation, tempDir, workbookBytes } from '../support/workbooks';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('raci-audit-file-')));
afterAll(() => cleanup());

const OPTIONS: AuditFileOptions = {
  today: '2026-11-22',
  quarter: '2026-Q3',
  asOf: '2026-09-30',
  config: defaultConfig(),
};

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a workbook is audited the same in memory and streamed', () => {
  const builds: [string, (path: string) => Promise<void>][] = [
    [
      'the audit tests organisation',
      async (path) => writeFileSync(path, await workbookBytes(organisation())),
    ],
    ['bench corpus workbook 7', (path) => writeRealisticWorkbook(path, 7)],
    ['bench corpus workbook 42', (path) => writeRealisticWorkbook(path, 42)],
  ];
  test.each(builds)('%s', async (name, build) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
    await build(path);
    const found = { path, file: 'w.xlsx' };
    const inMemory = await auditFile(found, OPTIONS);
    expect(inMemory.sha256).toBe(sha256(path));
    expect(inMemory.error).toBeUndefined();
    expect(inMemory.result).toBeDefined();
    expect(await auditFile(found, { ...OPTIONS, streamAboveBytes: 0 })).toStrictEqual(inMemory);
  });
});

describe('files that cannot be read', () => {
  it("a damaged workbook: the file's hash and the guard's own reason, both ways", async () => {
    const bytes = await workbookBytes(organisation());
    const path = join(dir, 'cut.xlsx');
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const verdict = await inspectXlsx(path, undefined, 'cut.xlsx');
    if (verdict.ok) throw new Error('the guard accepted a truncated file');
    const expected = { file: 'cut.xlsx', sha256: sha256(path), error: verdict.reason };
    expect(await auditFile({ path, file: 'cut.xlsx' }, OPTIONS)).toStrictEqual(expected);
    expect(
      await auditFile({ path, file: 'cut.xlsx' }, { ...OPTIONS, streamAboveBytes: 0 }),
    ).toStrictEqual(expected);
  });

  it('a missing file and a folder', async () => {
    expect(
      await auditFile({ path: join(dir, 'none.xlsx'), file: 'none.xlsx' }, OPTIONS),
    ).toStrictEqual({
      file: 'none.xlsx',
      sha256: '',
      error: 'the file does not exist or cannot be opened',
    });
    const folder = join(dir, 'folder.xlsx');
    mkdirSync(folder);
    expect(await auditFile({ path: folder, file: 'folder.xlsx' }, OPTIONS)).toStrictEqual({
      file: 'folder.xlsx',
      sha256: '',
      error: 'the path is not a regular file',
    });
  });
});
