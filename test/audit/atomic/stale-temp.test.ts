/**
 * The temp files of atomic writes, on a real file system: `writeFileAtomic` replaces a file
 * whole and leaves no temp file when it fails, and `removeStaleTempFiles` (run before a run
 * writes its reports) removes exactly the temp files a killed run left in the quarter's output
 * folder and its sponsors/ folder: its own name pattern only, only when the writing process
 * has ended (or the file is over a day old), never anything else or anywhere else.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ATOMIC_TEMP_NAME,
  atomicTempPath,
  removeStaleTempFiles,
  writeFileAtomic,
} from '../../../audit/run-audit';
import { tempDir } from '../support/workbooks';

/** Returns the id of a process that has just ended (its own id is free again). */
function endedProcessId(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { timeout: 30_000 });
  expect(child.status).toBe(0);
  return child.pid;
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('raci-atomic-')));
afterEach(() => cleanup());

describe('writeFileAtomic', () => {
  it('replaces the whole file and leaves no temp file', async () => {
    const target = join(dir, 'out', '2026-Q3', 'report.json');
    await writeFileAtomic(target, 'old');
    await writeFileAtomic(target, Buffer.from('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dirname(target))).toEqual(['report.json']);
  });

  it('removes its temp file and keeps the target when the rename fails', async () => {
    const target = join(dir, 'report.json');
    mkdirSync(join(target, 'in-the-way'), { recursive: true });
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readdirSync(target)).toEqual(['in-the-way']);
  });

  it('names its temp file so the cleanup recognises it', () => {
    const temp = atomicTempPath(join(dir, 'sponsors', 'ann-lee.eml'));
    expect(dirname(temp)).toBe(join(dir, 'sponsors'));
    expect(ATOMIC_TEMP_NAME.exec(basename(temp))?.slice(1, 3)).toEqual([
      'ann-lee.eml',
      String(process.pid),
    ]);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes the temp files of ended runs in the quarter folder and sponsors/, nothing else', async () => {
    const ended = endedProcessId();
    const alive = process.ppid;
    const quarter = join(dir, 'out', '2026-Q3');
    const files: [path: string, removed: boolean][] = [
      [`.report.json.${ended}.1795000000000.tmp`, true],
      [`.compliance-2026-Q3.xlsx.${ended}.1795000000001.tmp`, true],
      [`sponsors/.ann-lee.eml.${ended}.1795000000002.tmp`, true],
      [`sponsors/.ann-lee.html.${ended}.1795000000003.tmp`, true],
      [`.index.html.${process.pid}.1795000000004.tmp`, false],
      [`.index.html.${alive}.1795000000005.tmp`, false],
      ['report.json', false],
      ['sponsors/ann-lee.eml', false],
      ['report.json.tmp', false],
      ['.report.json.tmp', false],
      [`report.json.${ended}.1795000000006.tmp`, false],
      [`.report.json.${ended}.abc.tmp`, false],
      [`.report.json.${ended}.1795000000007.tmp.bak`, false],
      [`notes/.report.json.${ended}.1795000000008.tmp`, false],
      [`sponsors/old/.ann-lee.eml.${ended}.1795000000009.tmp`, false],
      [`../.report.json.${ended}.1795000000010.tmp`, false],
      [`../2026-Q2/.report.json.${ended}.1795000000011.tmp`, false],
    ];
    for (const [name] of files) {
      mkdirSync(dirname(join(quarter, name)), { recursive: true });
      writeFileSync(join(quarter, name), 'partial');
    }
    mkdirSync(join(quarter, `.folder.${ended}.1795000000012.tmp`));
    symlinkSync(join(quarter, 'report.json'), join(quarter, `.link.${ended}.1795000000013.tmp`));

    const removed = await removeStaleTempFiles(quarter);

    expect(removed).toEqual(
      files
        .filter(([, gone]) => gone)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, gone] of files)
      expect([name, existsSync(join(quarter, name))]).toEqual([name, !gone]);
    expect(existsSync(join(quarter, `.folder.${ended}.1795000000012.tmp`))).toBe(true);
    expect(existsSync(join(quarter, `.link.${ended}.1795000000013.tmp`))).toBe(true);
  });

  it("removes a running process's temp file only once it is over a day old", async () => {
    const alive = process.ppid;
    const fresh = `.report.json.${alive}.1795000000000.tmp`;
    const old = `.index.html.${alive}.1795000000001.tmp`;
    writeFileSync(join(dir, fresh), 'partial');
    writeFileSync(join(dir, old), 'partial');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(dir, old), twoDaysAgo, twoDaysAgo);

    expect(await removeStaleTempFiles(dir)).toEqual([old]);
    expect(readdirSync(dir)).toEqual([fresh]);
  });

  it('does nothing when the quarter has no output folder yet', async () => {
    await expect(removeStaleTempFiles(join(dir, 'out', '2026-Q3'))).resolves.toEqual([]);
  });
});
