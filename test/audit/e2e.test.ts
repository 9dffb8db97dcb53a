/**
 * The command as installed: builds the CLI with `npm run build:audit`'s compiler settings,
 * then runs `node bin/raci-audit.js` in child processes exactly as `npx raci-audit` does.
 * Checks the exit codes 0, 1, 2 and 3 of the real process, and that report.json is
 * byte-identical across reruns in different machine time zones (Pacific/Auckland and
 * America/Los_Angeles sit on either side of the date line).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { organisation, tempDir, writeWorkbook } from './support/workbooks';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'raci-audit.js');

function cli(
  args: string[],
  tz = 'UTC',
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT, 'audit', 'tsconfig.json'),
    ],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  ({ dir, cleanup } = tempDir());
  await writeWorkbook(join(dir, 'in', 'ops.xlsx'), organisation());
}, 120_000);
afterAll(() => cleanup());

describe('npx raci-audit (built, in a child process)', () => {
  it('gives byte-identical report.json across reruns and time zones', () => {
    const outs = ['Pacific/Auckland', 'America/Los_Angeles', 'Pacific/Auckland'].map((tz, i) => {
      const out = join(dir, `tz-${i}`);
      const r = cli(['--out', out, '--quarter', '2026-Q3', '--as-of', '2026-09-30', '--quiet'], tz);
      expect(r.status).toBe(0);
      return readFileSync(join(out, '2026-Q3', 'report.json'));
    });
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    const report = JSON.parse(outs[0].toString('utf8'));
    expect(report.items.length).toBeGreaterThan(5);
  });

  it('exits 0, 1, 2 and 3 as the SPEC says', () => {
    const input = join(dir, 'in');
    expect(cli([input, '--out', join(dir, 'o0'), '--quiet']).status).toBe(0);
    expect(cli([input, '--out', join(dir, 'o1'), '--quiet', '--fail-on', 'error']).status).toBe(1);
    const usage = cli([input, '--quarter', 'Q3-2026']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--quarter must look like 2026-Q3');
    writeFileSync(join(dir, 'in', 'zz-broken.xlsx'), 'PK\u0003\u0004 truncated');
    const unreadable = cli([input, '--out', join(dir, 'o3'), '--fail-on', 'error']);
    expect(unreadable.status).toBe(3);
    expect(unreadable.stderr).toContain('Unreadable: zz-broken.xlsx');
  });

  it('--json keeps stdout to report.json alone', () => {
    const r = cli([
      join(dir, 'in', 'ops.xlsx'),
      '--out',
      join(dir, 'oj'),
      '--json',
      '--as-of',
      '2026-09-30',
      '--quarter',
      '2026-Q3',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, 'oj', '2026-Q3', 'report.json'), 'utf8'));
    expect(r.stderr).toContain('Audited 1 workbook');
  });
});
