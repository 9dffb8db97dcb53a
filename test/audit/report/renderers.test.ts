/**
 * The renderers on a hand-built report model: the compliance workbook read back with exceljs
 * (sheets, frozen filtered headers, widths, severity fills, input text that stays text and
 * never becomes a formula, number formats), the same workbook streamed to a file atomically and
 * with thousands of findings, the sponsor attachment, the HTML (escaped, email-safe: no script,
 * no external resource, inline styles), the plain text, the .eml parsed back with mailparser,
 * report.json's stability, and sponsor slugs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { escapeHtml, renderIndexHtml, renderSponsorHtml } from '../../../audit/report/html';
import { parseReportJson, renderReportJson } from '../../../audit/report/json';
import { FileRecords } from '../../../audit/report/file-records';
import { composeSponsorMail } from '../../../audit/report/mail';
import { slugify } from '../../../audit/report/slug';
import { renderSponsorText } from '../../../audit/report/text';
import type { ReportItem } from '../../../audit/report/model';
import {
  byNextDue,
  renderComplianceWorkbook,
  renderSponsorWorkbook,
  writeComplianceWorkbook,
} from '../../../audit/report/xlsx';
import { FORMULA_TEXT, HOSTILE_NAME, fixtureReport } from '../support/report-fixture';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** Returns the data rows under the header row whose first cell is `firstHeader`. */
function tableRows(ws: ExcelJS.Worksheet, firstHeader: string): ExcelJS.Row[] {
  let header = 0;
  ws.eachRow((row, n) => {
    if (!header && row.getCell(1).value === firstHeader) header = n;
  });
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((row, n) => {
    if (header && n > header) rows.push(row);
  });
  return rows;
}

describe('compliance workbook', () => {
  it('has the SPEC sheets, each with a frozen, filtered, sized header', async () => {
    const wb = await load(await renderComplianceWorkbook(fixtureReport()));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Items',
      'Findings',
      'Review cadence',
      'People',
      'Inputs',
    ]);
    for (const ws of wb.worksheets) {
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).toBe('frozen');
      expect(view.ySplit).toBeGreaterThan(0);
      expect(ws.autoFilter).toBeDefined();
      const headerRow = ws.getRow(view.ySplit ?? 0);
      expect(headerRow.font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
    }
  });

  it('writes input text as strings, never as formulas, and colours severities', async () => {
    const wb = await load(await renderComplianceWorkbook(fixtureReport()));
    const findings = tableRows(wb.getWorksheet('Findings')!, 'Severity');
    expect(findings).toHaveLength(6);
    const activityCell = findings[1].getCell(7);
    expect(activityCell.value).toBe(FORMULA_TEXT);
    expect(activityCell.type).toBe(ExcelJS.ValueType.String);
    expect(activityCell.formula).toBeUndefined();
    const fills = findings.map((r) => (r.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb);
    expect(fills[0]).toBe('FFFFC7CE'); // error
    expect(fills[3]).toBe('FFFFEB9C'); // warning
    expect(fills[4]).toBe('FFDDEBF7'); // info
    expect(fills[5]).toBe('FFC6EFCE'); // waived
    const people = tableRows(wb.getWorksheet('People')!, 'Person or role');
    expect(people[1].getCell(1).value).toBe(FORMULA_TEXT);
    expect(people[1].getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it('lists sponsors with their trend, review cadence with next quarter, and inputs', async () => {
    const wb = await load(await renderComplianceWorkbook(fixtureReport()));
    const sponsors = tableRows(wb.getWorksheet('Summary')!, 'LT sponsor');
    expect(sponsors.map((r) => r.getCell(1).value)).toEqual(['Dana Whitfield', HOSTILE_NAME]);
    expect(sponsors[0].getCell(6).value).toBe(0.5);
    expect(sponsors[0].getCell(7).value).toBe(0);
    expect(sponsors[0].getCell(9).value).toBe(1);
    const cadence = tableRows(wb.getWorksheet('Review cadence')!, 'Item');
    const incident = cadence.find((r) => r.getCell(1).value === 'Incident')!;
    expect((incident.getCell(6).value as Date).toISOString().slice(0, 10)).toBe('2026-11-12');
    expect(incident.getCell(10).value).toBe('yes');
    const inputs = tableRows(wb.getWorksheet('Inputs')!, 'File');
    expect(inputs.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual([
      ['broken.xlsx', 'unreadable'],
      ['ops.xlsx', 'ok'],
    ]);
  });

  it('formats scores and adherence as percentages and review dates as dates', async () => {
    const wb = await load(await renderComplianceWorkbook(fixtureReport()));
    const items = tableRows(wb.getWorksheet('Items')!, 'Item');
    expect(items[0].getCell(8).numFmt).toBe('0%');
    const cadence = tableRows(wb.getWorksheet('Review cadence')!, 'Item');
    expect(cadence[0].getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(cadence[0].getCell(9).numFmt).toBe('0%');
  });

  describe('written to a file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'raci-xlsx-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the same workbook as in memory, creating the folder, leaving no temp file', async () => {
      const report = fixtureReport();
      const path = join(dir, '2026-Q3', 'compliance-2026-Q3.xlsx');
      await writeComplianceWorkbook(report, path);
      expect(readdirSync(join(dir, '2026-Q3'))).toEqual(['compliance-2026-Q3.xlsx']);
      const fromFile = await load(readFileSync(path));
      const inMemory = await load(await renderComplianceWorkbook(report));
      const cells = (wb: ExcelJS.Workbook) =>
        wb.worksheets.map((ws) => {
          const values: unknown[] = [];
          ws.eachRow((row) => values.push(row.values));
          return [ws.name, values];
        });
      expect(cells(fromFile)).toEqual(cells(inMemory));
    });

    it('keeps the previous file and leaves no temp file when the write fails', async () => {
      const path = join(dir, 'compliance-2026-Q3.xlsx');
      // A folder in the way: the rename over it fails after the workbook was streamed.
      mkdirSync(path);
      writeFileSync(join(path, 'keep.txt'), 'previous');
      await expect(writeComplianceWorkbook(fixtureReport(), path)).rejects.toThrow();
      expect(readdirSync(dir)).toEqual(['compliance-2026-Q3.xlsx']);
      expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('previous');
    });

    it('streams thousands of findings: every row, coloured, under one filter', async () => {
      const report = fixtureReport();
      const base = report.findings;
      const count = 3000;
      report.findings = Array.from({ length: count }, (_, i) => ({
        ...base[i % base.length],
        cell: `B${i + 2}`,
      }));
      const path = join(dir, 'compliance-2026-Q3.xlsx');
      await writeComplianceWorkbook(report, path);
      const ws = (await load(readFileSync(path))).getWorksheet('Findings')!;
      const rows = tableRows(ws, 'Severity');
      expect(rows).toHaveLength(count);
      expect(rows.map((r) => r.getCell(5).value)).toEqual(report.findings.map((f) => f.cell));
      const last = report.findings[count - 1];
      const fill = (rows[count - 1].getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb;
      expect(fill).toBe(
        last.waived
          ? 'FFC6EFCE'
          : { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' }[last.severity],
      );
      expect(ws.autoFilter).toBe(`A1:K${count + 1}`);
    });
  });

  it("gives a sponsor's attachment only their items and findings", async () => {
    const report = fixtureReport();
    const wb = await load(await renderSponsorWorkbook(report, report.sponsors[0]));
    expect(tableRows(wb.getWorksheet('Items')!, 'Item').map((r) => r.getCell(1).value)).toEqual([
      'Incident',
      'Payments',
    ]);
    const findings = tableRows(wb.getWorksheet('Findings')!, 'Severity');
    expect(findings.map((r) => r.getCell(2).value)).toEqual([
      'matrix/no-accountable',
      'matrix/multiple-accountable',
      'review/overdue',
      'role/no-duty',
    ]);
  });
});

describe('HTML', () => {
  it('escapes every special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  const report = fixtureReport();
  const pages = {
    sponsor: renderSponsorHtml(report, report.sponsors[1]),
    sponsorWithTrend: renderSponsorHtml(report, report.sponsors[0]),
    index: renderIndexHtml(report),
  };
  for (const [name, html] of Object.entries(pages)) {
    it(`${name}: no script, no markup from inputs, nothing loaded from the network`, () => {
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(
        name === 'sponsorWithTrend' ? escapeHtml(FORMULA_TEXT) : escapeHtml(HOSTILE_NAME),
      );
      expect(html).not.toContain(HOSTILE_NAME);
      expect(html).not.toMatch(/\s(src|srcset)=/i);
      expect(html).not.toMatch(/url\(/i);
      expect(html).not.toMatch(/<link\b/i);
      expect(html).not.toMatch(/href="https?:/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    });
  }

  it('sponsor summary is email-safe: inline styles only, a table-drawn chart, the trend', () => {
    const html = pages.sponsorWithTrend;
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).toMatch(/<td width="\d+" height="12" style="background:/);
    expect(html).toContain('50%');
    expect(html).toContain('up 50 points since last quarter');
    expect(html).toContain('1 new and 1 resolved');
    expect(html).toContain('Reviews falling due in 2026-Q4');
  });

  it('index.html has the three charts and links each sponsor summary', () => {
    const html = pages.index;
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Compliance by sponsor"');
    expect(html).toContain('aria-label="Review status"');
    expect(html).toContain('aria-label="Compliance trend"');
    expect(html).toContain('href="sponsors/dana-whitfield.html"');
    expect(html).toContain('href="sponsors/script-alert-x-script-co.html"');
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3']) expect(html).toContain(`>${q}</text>`);
  });
});

describe('plain text and mail', () => {
  it('the text summary says the same things', () => {
    const report = fixtureReport();
    const text = renderSponsorText(report, report.sponsors[0]);
    expect(text).toContain('RACI compliance 2026-Q3: 1 of 2 items compliant (50%)');
    expect(text).toContain('Up 50 points since last quarter (was 0%).');
    expect(text).toContain(
      'Payments is not compliant; failed: errors in the RACI matrix, review not on cadence.',
    );
    expect(text).toContain('Payments: review overdue by 173 days (was due 2026-04-10).');
    expect(text).toContain(
      'Review overdue by 173 days (was due 2026-04-10). Your quarterly review: missing for 2026-Q3 (none recorded).',
    );
    expect(text).toContain('Failed: errors in the RACI matrix, review not on cadence.');
    expect(text).toContain('SINCE LAST QUARTER: 1 new, 1 resolved');
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('the .eml has HTML, text and the findings workbook, addressed to the sponsor', async () => {
    const report = fixtureReport();
    const sponsor = report.sponsors[0];
    const attachment = await renderSponsorWorkbook(report, sponsor);
    const raw = await composeSponsorMail(report, sponsor, {
      from: 'RACI Guard <audit@example.org>',
      attachment,
    });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('RACI compliance 2026-Q3: 1 of 2 items compliant (50%)');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '').toBe(
      'dana@example.org',
    );
    expect(mail.from?.value[0].address).toBe('audit@example.org');
    expect(mail.messageId).toBe('<raci-audit.2026-Q3.dana-whitfield@example.org>');
    expect(mail.html).toContain('RACI compliance 2026-Q3');
    expect(mail.text).toContain('NEEDS YOUR ATTENTION');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('findings-dana-whitfield-2026-Q3.xlsx');
    const wb = await load(mail.attachments[0].content);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Items', 'Findings']);
  });

  it('a sponsor with no email gets a message with no recipient', async () => {
    const report = fixtureReport();
    const raw = await composeSponsorMail(report, report.sponsors[1], {
      from: 'a@example.org',
      attachment: Buffer.from('x'),
    });
    const mail = await simpleParser(raw);
    expect(mail.to).toBeUndefined();
    expect(mail.subject).toContain('0 of 1');
  });
});

describe('report.json and slugs', () => {
  it('renders the same bytes for the same model and parses back', () => {
    const a = renderReportJson(fixtureReport());
    expect(renderReportJson(fixtureReport())).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(a)).slice(0, 4)).toEqual([
      'schemaVersion',
      'quarter',
      'period',
      'asOf',
    ]);
    expect(parseReportJson(a, 'r.json').quarter).toBe('2026-Q3');
    expect(() => parseReportJson('{"schemaVersion":2}', 'old.json')).toThrow(
      /old\.json is not a raci-audit report/,
    );
    expect(() => parseReportJson('nope', 'bad.json')).toThrow(/bad\.json is not valid JSON/);
  });

  it.each([
    ['Dana Whitfield', 'dana-whitfield'],
    ['Zoë Brontë-Smith', 'zoe-bronte-smith'],
    ['  ../../etc/passwd  ', 'etc-passwd'],
    ['李雷', 'sponsor'],
    [HOSTILE_NAME, 'script-alert-x-script-co'],
  ])('slugify(%j) is %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('byNextDue (the review-cadence order)', () => {
  it('orders items kept in a spilled store as an array, reading each file once per window', () => {
    const base = fixtureReport().items[0];
    const store = new FileRecords<ReportItem>('items', { spillAbove: 0 });
    try {
      // 5 files of 7 items whose next review dates jump between files (some none, some equal).
      for (let f = 0; f < 5; f++) {
        const file = `f${f}.xlsx`;
        const items = Array.from({ length: 7 }, (_, i) => {
          const day = (f * 7 + i) % 4 === 0 ? null : `2026-1${(f * 3 + i * 5) % 3}-1${i % 3}`;
          const review = { ...base.review, nextDue: day };
          return { ...base, file, name: `Item ${(i * 3) % 7}`, review };
        });
        store.add(file, items);
      }
      const reads = jest.spyOn(store, 'ofFile');
      const ordered = [...byNextDue(store, 10)];
      const readsOrdering = reads.mock.calls.length;
      expect(ordered).toEqual([...byNextDue([...store])]);
      expect(ordered).toHaveLength(35);
      // One pass for the keys (5 files), then at most the 5 files in each of the 4 windows.
      expect(readsOrdering).toBeLessThanOrEqual(5 + 4 * 5);
      expect(new Set(ordered.map((i) => i.review.nextDue)).has(null)).toBe(true);
    } finally {
      store.close();
    }
  });
});
