/**
 * The sponsor summary and index.html in real headless Chromium: the audit runs on the bundled
 * examples (with a previous quarter, so the trend shows), each page is opened from disk, every
 * request the page makes is recorded and must stay on disk (nothing from the network), the
 * charts must be drawn with a visible size, and a screenshot of each page is kept under
 * test-output/screenshots/.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runAudit } from '../../audit/run-audit';
import { SCREENSHOT_DIR } from '../support/chromium';
import { launchChromium } from '../support/chromium';
import { readWorkbook } from '../../audit/read/xlsx';
import { tempDir } from './support/workbooks';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

let browser: Browser;
let dir: string;
let cleanup: () => void;
let outputDir: string;
let slugs: string[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const leadership = await readWorkbook(join(EXAMPLES, 'leadership.xlsx'));
  const common = {
    paths: [join(EXAMPLES, 'workbooks')],
    today: '2026-10-01',
    outDir: dir,
    leadership,
  };
  await runAudit({ ...common, quarter: '2026-Q2' });
  const outcome = await runAudit({ ...common, quarter: '2026-Q3' });
  outputDir = outcome.outputDir;
  slugs = outcome.report.sponsors.map((s) => s.slug);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  cleanup();
});

async function open(file: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${join(outputDir, file)}`, { waitUntil: 'load' });
  return { page, requests, errors };
}

describe('reports in Chromium', () => {
  it('index.html draws its three charts from disk alone', async () => {
    const { page, requests, errors } = await open('index.html', 1200);
    try {
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
      const charts = await page.$$eval('svg', (nodes) =>
        nodes.map((n) => {
          const box = n.getBoundingClientRect();
          return { label: n.getAttribute('aria-label'), width: box.width, height: box.height };
        }),
      );
      expect(charts.map((c) => c.label)).toEqual([
        'Compliance by sponsor',
        'Review status',
        'Compliance trend',
      ]);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(100);
        expect(c.height).toBeGreaterThan(40);
      }
      const bars = await page.$$eval('svg[aria-label="Compliance by sponsor"] a text', (n) =>
        n.map((t) => t.textContent),
      );
      expect(bars.length).toBe(slugs.length);
      const trendPoints = await page.$$eval(
        'svg[aria-label="Compliance trend"] circle',
        (n) => n.length,
      );
      expect(trendPoints).toBe(2);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'audit-index.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('a sponsor summary renders at mail width with its table-drawn bars and no request', async () => {
    const sponsor = slugs.find((s) => s === 'dana-whitfield') ?? slugs[0];
    const { page, requests, errors } = await open(`sponsors/${sponsor}.html`, 700);
    try {
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
      expect(requests).toHaveLength(1);
      expect(await page.$$('script, link, img, iframe, style')).toHaveLength(0);
      const heading = await page.textContent('h1');
      expect(heading).toContain('RACI compliance 2026-Q3');
      const bars = await page.$$eval('td[height="12"]', (cells) =>
        cells.map((c) => (c as HTMLElement).getBoundingClientRect().width),
      );
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.some((w) => w > 10)).toBe(true);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth <= window.innerWidth + 1,
      );
      expect(overflow).toBe(true);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `audit-sponsor-${sponsor}.png`),
        fullPage: true,
      });
    } finally {
      await page.close();
    }
  });
});
