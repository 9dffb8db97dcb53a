/**
 * The `raci-audit` shim (`bin/raci-audit.js`) when the compiled CLI is missing or stale: exit 2
 * with a message saying to build it, never a stack trace. (The shim running a real build is
 * covered by e2e.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './support/workbooks';

const ROOT = resolve(__dirname, '..', '..');
const tmp = tempDir('raci-bin-');
afterAll(() => tmp.cleanup());

/** Copies the shim into a fresh folder holding the given compiled files; returns its path. */
function shimWith(name: string, compiled: string[]): string {
  const folder = join(tmp.dir, name);
  mkdirSync(join(folder, 'bin'), { recursive: true });
  mkdirSync(join(folder, 'dist', 'audit'), { recursive: true });
  for (const file of compiled) {
    writeFileSync(join(folder, 'dist', 'audit', file), 'exports.main = async () => 0;\n');
  }
  const bin = join(folder, 'bin', 'raci-audit.js');
  copyFileSync(join(ROOT, 'bin', 'raci-audit.js'), bin);
  return bin;
}

test.each([
  ['nothing built', []],
  ['a build from before the heap bound (no heap.js)', ['cli.js']],
])('%s: exit 2 and says to build', (name, compiled) => {
  const run = spawnSync(process.execPath, [shimWith(name.replace(/\W+/g, '-'), compiled)], {
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('run "npm run build:audit" first');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
