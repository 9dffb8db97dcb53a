/**
 * The input guard end to end through `raci-audit` (in-process `main(argv, io)`, the real
 * readers and core): a folder holding the whole adversarial corpus beside a good
 * organisation workbook. Every bad file is reported `unreadable` with its guard reason and a
 * `workbook/unreadable` finding, the good workbook's items are still audited, the run exits 3,
 * and the whole run stays within generous time and memory bounds.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportJson } from '../../../audit/report/model';
import { runCli } from '../support/run-cli';
import { organisation, tempDir, writeWorkbook } from '../support/workbooks';
import { BAD_CASES, GOOD_CASES } from './support/corpus';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('raci-guard-e2e-'));
});
afterAll(() => cleanup());

const run = (argv: string[]) => runCli(argv);

describe('raci-audit on a folder of hostile files beside a good one', () => {
  it('reports each bad file unreadable with its reason, still audits the good one, exits 3', async () => {
    const input = join(dir, 'in');
    mkdirSync(input, { recursive: true });
    await writeWorkbook(join(input, 'ops.xlsx'), organisation());
    for (const corpusCase of [...BAD_CASES, ...GOOD_CASES]) await corpusCase.build(input);
    const out = join(dir, 'out');

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    let result;
    try {
      result = await run([input, '--out', out, '--quiet']);
    } finally {
      clearInterval(sampler);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(peak - baseline).toBeLessThan(512 * 1024 * 1024);

    expect(result.code).toBe(3);
    const report = JSON.parse(
      readFileSync(join(out, '2026-Q3', 'report.json'), 'utf8'),
    ) as ReportJson;
    for (const corpusCase of BAD_CASES) {
      const input = report.inputs.find((i) => i.file === corpusCase.file);
      expect(input).toMatchObject({ file: corpusCase.file, status: 'unreadable' });
      expect(input?.error).toMatch(corpusCase.reason as RegExp);
      expect(
        report.findings.some((f) => f.rule === 'workbook/unreadable' && f.file === corpusCase.file),
      ).toBe(true);
    }
    expect(report.inputs.find((i) => i.file === 'ops.xlsx')).toMatchObject({ status: 'ok' });
    for (const good of GOOD_CASES) {
      expect(report.inputs.find((i) => i.file === good.file)).toMatchObject({ status: 'ok' });
    }
    expect(report.items.filter((i) => i.file === 'ops.xlsx').length).toBeGreaterThan(0);
  });
});
