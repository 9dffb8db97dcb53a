/**
 * The real sidebar in real headless Chromium, served by the preview harness and wired to the
 * real server bundle over the fake spreadsheet: validate, counts, findings grouped by sheet,
 * click a finding and see its cell selected in the spreadsheet, filter, explain a rule, the
 * busy state, a failure message; and cell text holding markup or script shown as text, never
 * run. Saves screenshots under test-output/screenshots/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { SCREENSHOT_DIR, launchChromium } from '../support/chromium';
import { startPreview, type Preview } from '../support/preview-server';
import { MATRIX_SHEET, XSS_ACTIVITY, governanceWorkbook } from '../addon/workbooks';
import type { FakeSpreadsheet } from '../support/fake-apps-script';

const NOW = new Date('2026-11-20T03:00:00Z');
const XSS_SHEET = '<img src=x onerror="window.__raciXss=3">';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function workbook(): FakeSpreadsheet {
  const ss = governanceWorkbook();
  // Two A on the row whose activity is markup, so its name lands in a finding message.
  ss.sheet(MATRIX_SHEET).edit('D14', { value: 'A' });
  ss.addSheet(XSS_SHEET, [
    ['Activity', 'Lead', 'Builder'],
    ['<script>window.__raciXss=4</script>Deploy', 'R', 'R'],
  ]);
  return ss;
}

async function openSidebar(
  preview: Preview,
): Promise<{ page: Page; frame: Frame; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${preview.url}/`);
  const handle = await page.waitForSelector('#sidebar');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('The sidebar frame did not load.');
  // aria-busy is set only once a server call has run: this waits for the start-up calls.
  await frame.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false');
  expect(await frame.textContent('#status')).toBe('Click Validate to check this spreadsheet.');
  return { page, frame, dialogs };
}

describe('the sidebar in Chromium', () => {
  let preview: Preview;
  let ss: FakeSpreadsheet;

  beforeEach(async () => {
    ss = workbook();
    preview = await startPreview({ spreadsheet: ss, now: NOW, rpcDelayMs: 150 });
  });

  afterEach(async () => {
    await preview.close();
  });

  it('validates, shows counts and groups, selects the clicked finding’s cell, and never runs cell markup', async () => {
    const { page, frame, dialogs } = await openSidebar(preview);
    await frame.click('#validate');
    // Busy: every button is disabled while the call runs, and the status says so.
    await frame.waitForSelector('#status.busy');
    expect(await frame.$eval('#validate', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await frame.$eval('#clear-findings', (b) => (b as HTMLButtonElement).disabled)).toBe(
      true,
    );
    await frame.waitForFunction(() =>
      /findings? in/.test(document.getElementById('status')?.textContent ?? ''),
    );
    expect(await frame.$eval('#validate', (b) => (b as HTMLButtonElement).disabled)).toBe(false);

    const page1 = preview.addon.call<{ counts: { error: number; warning: number; info: number } }>(
      'validate',
    );
    expect(await frame.textContent('#count-error')).toBe(`${page1.counts.error} errors`);
    expect(await frame.textContent('#count-warning')).toBe(
      `${page1.counts.warning} warning${page1.counts.warning === 1 ? '' : 's'}`,
    );
    const groups = await frame.$$eval('.sheet-group', (sections) =>
      sections.map((s) => (s as HTMLElement).dataset.sheet),
    );
    expect(groups).toEqual(expect.arrayContaining([MATRIX_SHEET, XSS_SHEET]));

    // Click the unknown-code finding: D13 on the matrix sheet is selected in the spreadsheet.
    const unknown = frame.locator('.finding', { hasText: 'holds "X"' });
    await unknown.locator('.finding-main').click();
    await frame.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Selected '),
    );
    expect(await frame.textContent('#status')).toBe(`Selected ${MATRIX_SHEET}!D13.`);
    expect(ss.activeSheet?.name).toBe(MATRIX_SHEET);
    expect(ss.activeRange).toBe('D13');
    await page.waitForFunction(
      () => document.querySelector('td.selected')?.getAttribute('data-cell') === 'D13',
    );

    // Markup and script in cells and sheet names are shown as text and never run.
    const texts = await frame.$$eval('#findings .message', (nodes) =>
      nodes.map((n) => n.textContent ?? ''),
    );
    expect(texts.some((t) => t.includes(XSS_ACTIVITY))).toBe(true);
    expect(texts.some((t) => t.includes('<script>window.__raciXss=4</script>Deploy'))).toBe(true);
    expect(
      await frame.textContent(`.sheet-group[data-sheet="${XSS_SHEET.replace(/"/g, '\\"')}"] h3`),
    ).toContain(XSS_SHEET);
    expect(await frame.$$eval('#findings img, #findings script', (n) => n.length)).toBe(0);
    expect(
      await frame.evaluate(() => (window as unknown as { __raciXss?: number }).__raciXss),
    ).toBeUndefined();
    expect(
      await page.evaluate(() => (window as unknown as { __raciXss?: number }).__raciXss),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sidebar-validated.png') });
    expect(preview.rpcLog).toEqual(['getRules', 'getSettings', 'validate', 'selectCell']);
    await page.close();
  });

  it('filters by severity, explains a rule, and reports a failed call in the status line', async () => {
    const { page, frame } = await openSidebar(preview);
    await frame.click('#validate');
    await frame.waitForFunction(() =>
      /findings? in/.test(document.getElementById('status')?.textContent ?? ''),
    );

    await frame.selectOption('#severity-filter', 'warning');
    const severities = await frame.$$eval('#findings .sev', (n) => n.map((x) => x.textContent));
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['warning']));
    await frame.selectOption('#severity-filter', 'all');

    await frame.locator('.finding', { hasText: 'holds "X"' }).locator('.explain-rule').click();
    await frame.waitForSelector('#explain:not([hidden])');
    expect(await frame.textContent('#explain-title')).toBe(
      'matrix/unknown-code (error by default)',
    );
    expect((await frame.textContent('#explain-description'))?.length).toBeGreaterThan(10);

    // The sheet goes away behind the sidebar's back: selecting fails with a clear message.
    ss.sheets.splice(ss.sheets.indexOf(ss.sheet(MATRIX_SHEET)), 1);
    await frame.locator('.finding', { hasText: 'holds "X"' }).locator('.finding-main').click();
    await frame.waitForSelector('#status.error');
    expect(await frame.textContent('#status')).toBe(
      `Selecting the cell failed: There is no sheet named "${MATRIX_SHEET}" any more.`,
    );
    expect(await frame.$eval('#validate', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sidebar-error.png') });
    await page.close();
  });

  it('saves settings, and shows invalid ones as errors naming the key', async () => {
    const { page, frame } = await openSidebar(preview);
    await frame.click('#settings summary');
    await frame.fill('#set-due-soon', '-3');
    await frame.click('#save-settings');
    await frame.waitForSelector('#status.error');
    expect(await frame.textContent('#settings-errors')).toContain('dueSoonDays');
    expect(preview.addon.fake.properties.store.size).toBe(0);
    await frame.fill('#set-due-soon', '10');
    await frame.selectOption('#set-model', 'RASCI');
    await frame.selectOption('[data-rule="matrix/unknown-code"]', 'off');
    await frame.click('#save-settings');
    await frame.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Settings saved'),
    );
    const stored = JSON.parse(
      preview.addon.fake.properties.store.get('raciGuard.settings') ?? '{}',
    );
    expect(stored).toMatchObject({
      model: 'RASCI',
      dueSoonDays: '10',
      rules: { 'matrix/unknown-code': 'off' },
    });
    await page.close();
  });

  it('shows and clears findings in the sheet from the sidebar', async () => {
    const before = ss.sheet(MATRIX_SHEET).snapshot();
    const { page, frame } = await openSidebar(preview);
    await frame.click('#show-findings');
    await frame.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Marked '),
    );
    expect(ss.sheet(MATRIX_SHEET).inspect('D13').background).toBe('#f4cccc');
    await page.click(`#tabs button:text-is("${MATRIX_SHEET}")`);
    await page.waitForFunction(() =>
      document
        .querySelector('td[data-cell="B11"]')
        ?.getAttribute('title')
        ?.startsWith('RACI Guard'),
    );
    await frame.click('#clear-findings');
    await frame.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Restored '),
    );
    expect(ss.sheet(MATRIX_SHEET).snapshot()).toEqual(before);
    await page.close();
  });
});

describe('the Validate menu item', () => {
  it('opens a sidebar that validates at once', async () => {
    const ss = workbook();
    const preview = await startPreview({ spreadsheet: ss, now: NOW, validateOnOpen: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
      await page.goto(`${preview.url}/`);
      const frame = await (await page.waitForSelector('#sidebar')).contentFrame();
      await frame?.waitForFunction(() =>
        /findings? in/.test(document.getElementById('status')?.textContent ?? ''),
      );
      expect(preview.rpcLog).toEqual(['getRules', 'getSettings', 'validate']);
      await page.close();
    } finally {
      await preview.close();
    }
  });
});
