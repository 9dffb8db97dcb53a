/**
 * The audit's streaming path end to end: with every file above the streaming threshold, the
 * audit reads through the input guard and `streamReadWorkbook` and must write the same
 * report.json as with the whole-file reader; a damaged file on that path is reported
 * unreadable with a reason, and the rest is still audited.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportJson } from '../../../audit/report/model';
import { runAudit } from '../../../audit/run-audit';
import { writeRealisticWorkbook } from '../../../bench/corpus';
import { organisation, tempDir, writeWorkbook } from '../support/workbooks';

const ROOT = resolve(__dirname, '..', '..', '..');
const tmp = tempDir('raci-stream-audit-');
afterAll(() => tmp.cleanup());

const common = { today: '2026-11-22', quarter: '2026-Q3', workers: 0 };

it('writes the same report.json through the streaming reader as through the whole-file reader', async () => {
  const inputs = join(tmp.dir, 'inputs');
  mkdirSync(inputs, { recursive: true });
  for (let i = 0; i < 3; i++) await writeRealisticWorkbook(join(inputs, `w${i}.xlsx`), 40 + i);
  await writeWorkbook(join(inputs, 'org.xlsx'), organisation());
  const paths = [inputs, join(ROOT, 'examples/workbooks')];
  const whole = await runAudit({ ...common, paths, outDir: join(tmp.dir, 'whole') });
  const streamed = await runAudit({
    ...common,
    paths,
    outDir: join(tmp.dir, 'streamed'),
    streamAboveBytes: 0,
  });
  const reportJson = (o: { outputDir: string }) =>
    readFileSync(join(o.outputDir, 'report.json'), 'utf8');
  expect(reportJson(streamed)).toBe(reportJson(whole));
  expect(whole.report.summary.items).toBeGreaterThan(10);
  expect(whole.report.summary.unreadable).toBe(0);
});

it('reports a truncated file on the streaming path as unreadable and audits the rest', async () => {
  const inputs = join(tmp.dir, 'damaged');
  mkdirSync(inputs, { recursive: true });
  const bytes = readFileSync(join(ROOT, 'examples/workbooks/service-management.xlsx'));
  writeFileSync(join(inputs, 'cut.xlsx'), bytes.subarray(0, bytes.length - 200));
  writeFileSync(join(inputs, 'whole.xlsx'), bytes);
  const outcome = await runAudit({
    ...common,
    paths: [inputs],
    outDir: join(tmp.dir, 'out-damaged'),
    streamAboveBytes: 0,
  });
  const cut = outcome.report.inputs.find((i) => i.file === 'cut.xlsx');
  expect(cut?.status).toBe('unreadable');
  expect(cut?.error).toEqual(expect.any(String));
  expect(cut?.error?.length).toBeGreaterThan(10);
  expect(outcome.report.inputs.find((i) => i.file === 'whole.xlsx')?.status).toBe('ok');
  const written = JSON.parse(
    readFileSync(join(outcome.outputDir, 'report.json'), 'utf8'),
  ) as ReportJson;
  expect(written.items.some((i) => i.file === 'whole.xlsx')).toBe(true);
});
