/**
 * The adversarial corpus through the input guard: every broken or hostile file ends in its
 * named reason (and limit), within a generous 10 s and with the process's memory growing far
 * less than 512 MB while it is inspected, and the good files beside them still pass. The
 * corpus is generated into a temporary folder; see support/corpus.ts for each file.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectXlsx, type Inspection } from '../../../audit/guard';
import { BAD_CASES, GOOD_CASES } from './support/corpus';

/** Generous upper bounds, not performance targets: a hang or a full load would blow them. */
const MAX_ELAPSED_MS = 10_000;
const MAX_RSS_GROWTH_BYTES = 256 * 1024 * 1024;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raci-guard-corpus-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Returns the verdict on `path` with the time it took and the largest growth of RSS seen meanwhile. */
async function measure(
  path: string,
): Promise<{ verdict: Inspection; elapsedMs: number; rssGrowth: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = Date.now();
  try {
    const verdict = await inspectXlsx(path);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { verdict, elapsedMs: Date.now() - started, rssGrowth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

describe('bad files end in their named error', () => {
  test.each(BAD_CASES.map((c) => [c.file, c] as const))('%s', async (_file, corpusCase) => {
    const path = await corpusCase.build(dir);
    const { verdict, elapsedMs, rssGrowth } = await measure(path);
    if (verdict.ok) throw new Error(`${corpusCase.file} passed the guard but must not`);
    expect(verdict.reason).toMatch(corpusCase.reason as RegExp);
    expect(verdict.message).toBe(`${corpusCase.file}: ${verdict.reason}`);
    expect(verdict.limit).toBe(corpusCase.limit);
    expect(elapsedMs).toBeLessThan(MAX_ELAPSED_MS);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH_BYTES);
  });
});

describe('good files pass', () => {
  test.each(GOOD_CASES.map((c) => [c.file, c] as const))('%s', async (_file, corpusCase) => {
    const path = await corpusCase.build(dir);
    const { verdict } = await measure(path);
    if (!verdict.ok) throw new Error(`${corpusCase.file} was refused: ${verdict.reason}`);
    expect(verdict.sheets.map((s) => s.name)).toEqual(['Register', 'RACI']);
    const raci = verdict.sheets[1];
    expect(raci).toMatchObject({
      part: 'xl/worksheets/sheet2.xml',
      rows: 5,
      lastValueRow: 5,
      mergedCells: 4,
    });
  });

  it('a folder mixing good and bad files: each file gets its own verdict, the good ones pass', async () => {
    const mixed = await mkdtemp(join(dir, 'mixed-'));
    const chosen = [
      GOOD_CASES[0],
      ...BAD_CASES.filter((c) => /empty\.|csv|encrypted\.|missing-sheet|40000/.test(c.file)),
      GOOD_CASES[1],
    ];
    for (const corpusCase of chosen) await corpusCase.build(mixed);
    const files = (await readdir(mixed)).sort();
    const verdicts = [];
    for (const file of files) verdicts.push(await inspectXlsx(join(mixed, file)));
    expect(verdicts.filter((v) => v.ok).map((v) => v.file)).toEqual([
      'good-longest-allowed-cell.xlsx',
      'good-raci.xlsx',
    ]);
    expect(verdicts.filter((v) => !v.ok)).toHaveLength(chosen.length - 2);
  });
});
