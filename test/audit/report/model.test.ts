/**
 * The report model across workbooks, on the real core: sponsors merged across files (by
 * email, else by name) with unique slugs, the no-sponsor group, each person's R and A load,
 * unreadable inputs, and the trend (previous compliance, new and resolved findings).
 */
import { analyse } from '../../../src/core/analyse';
import type { SheetInput } from '../../../src/core/model';
import { toCellValue } from '../../../audit/read/xlsx';
import { buildReport, findingKey, type AuditedFile } from '../../../audit/report/model';
import { defaultConfig } from '../../../src/core/config';
import { organisation, type OrgOptions } from '../support/workbooks';

const QUARTER = { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' };

function sheets(options: OrgOptions = {}): SheetInput[] {
  return organisation(options).map((s) => ({
    name: s.name,
    rows: s.rows.map((r) => r.map((v) => toCellValue(v))),
  }));
}

function audited(file: string, options: OrgOptions = {}): AuditedFile {
  const result = analyse(sheets(options), {
    today: '2026-10-01',
    quarter: '2026-Q3',
    asOf: '2026-09-30',
  });
  return { file, sha256: file.padEnd(64, '0'), result };
}

function report(files: AuditedFile[], previous?: ReturnType<typeof buildReport>) {
  return buildReport({
    quarter: QUARTER,
    asOf: '2026-09-30',
    files,
    config: defaultConfig(),
    previous,
  });
}

describe('buildReport', () => {
  it('merges a sponsor across workbooks and keeps slugs unique', () => {
    const r = report([
      audited('b.xlsx', { prefix: 'B ', sponsorOfSecond: 'Zoë Lee' }),
      audited('a.xlsx', { prefix: 'A ', sponsorOfSecond: 'Zoe Lee' }),
    ]);
    expect(r.inputs.map((i) => i.file)).toEqual(['a.xlsx', 'b.xlsx']);
    const dana = r.sponsors.filter((s) => s.name === 'Dana Whitfield');
    expect(dana).toHaveLength(1);
    expect(dana[0]).toMatchObject({
      email: 'dana@example.org',
      items: 2,
      compliant: 2,
      compliance: 1,
    });
    expect(dana[0].itemList).toEqual([
      { file: 'a.xlsx', name: 'A Incident' },
      { file: 'b.xlsx', name: 'B Incident' },
    ]);
    const slugs = r.sponsors.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual(expect.arrayContaining(['zoe-lee', 'zoe-lee-2']));
    expect(r.summary).toMatchObject({ inputs: 2, unreadable: 0, items: 4 });
  });

  it('groups items without a sponsor last, as "No sponsor"', () => {
    const r = report([audited('a.xlsx', { sponsorOfSecond: '' })]);
    const last = r.sponsors[r.sponsors.length - 1];
    expect(last).toMatchObject({
      name: 'No sponsor',
      unassigned: true,
      slug: 'no-sponsor',
      items: 1,
    });
    expect(last.itemList).toEqual([{ file: 'a.xlsx', name: 'Payments' }]);
  });

  it("counts each person's R and A across matrices and workbooks", () => {
    const r = report([audited('a.xlsx', { prefix: 'A ' }), audited('b.xlsx', { prefix: 'B ' })]);
    // Process Manager (Bo Chan): A, A, R on Incident and C, A, A on Payments, in each workbook.
    expect(r.people.find((p) => p.person === 'Bo Chan')).toEqual({
      person: 'Bo Chan',
      source: 'holder',
      responsible: 2,
      accountable: 8,
      roles: ['Process Manager'],
      files: ['a.xlsx', 'b.xlsx'],
    });
    // Practitioner has two holders: both carry its R.
    expect(r.people.find((p) => p.person === 'Cy Dunn')?.responsible).toBe(10);
    expect(r.people.find((p) => p.person === 'Di Evans')?.responsible).toBe(10);
  });

  it('lists an unreadable input with a workbook/unreadable finding', () => {
    const r = report([
      audited('a.xlsx'),
      { file: 'bad.xlsx', sha256: '', error: 'the file is empty' },
    ]);
    expect(r.inputs[1]).toEqual({
      file: 'bad.xlsx',
      sha256: '',
      status: 'unreadable',
      error: 'the file is empty',
    });
    expect(r.findings.filter((f) => f.rule === 'workbook/unreadable')).toEqual([
      {
        rule: 'workbook/unreadable',
        severity: 'error',
        message: 'bad.xlsx could not be read: the file is empty.',
        file: 'bad.xlsx',
        sheet: '',
      },
    ]);
    expect(r.summary.unreadable).toBe(1);
  });

  it('reports the trend: previous compliance, new and resolved findings', () => {
    const previous = report([audited('a.xlsx')]);
    const gone = previous.findings.find((f) => f.item === 'Payments' && !f.waived)!;
    previous.findings.push({
      ...gone,
      rule: 'register/no-owner',
      message: 'Payments had no owner.',
    });
    const removed = previous.findings.find((f) => f.rule === 'matrix/multiple-accountable')!;
    previous.findings = previous.findings.filter((f) => f !== removed);
    previous.sponsors.find((s) => s.name === 'Ravi Menon')!.compliance = 0.25;
    previous.summary.compliance = 0.4;

    const now = report([audited('a.xlsx')], previous);
    expect(now.previousQuarter).toBe('2026-Q3');
    const ravi = now.sponsors.find((s) => s.name === 'Ravi Menon')!;
    expect(ravi.previousCompliance).toBe(0.25);
    expect(ravi.resolvedFindings?.map((f) => f.rule)).toEqual(['register/no-owner']);
    expect(ravi.newFindings?.map(findingKey)).toEqual([findingKey(removed)]);
    const dana = now.sponsors.find((s) => s.name === 'Dana Whitfield')!;
    expect(dana.newFindings).toEqual([]);
    expect(dana.resolvedFindings).toEqual([]);
  });

  it('keeps the history of earlier quarters, oldest first', () => {
    const q2 = { ...report([audited('a.xlsx')]), quarter: '2026-Q2' };
    q2.history = [{ quarter: '2026-Q1', compliance: 0.1 }];
    q2.summary.compliance = 0.3;
    const q3 = report([audited('a.xlsx')], q2);
    expect(q3.history).toEqual([
      { quarter: '2026-Q1', compliance: 0.1 },
      { quarter: '2026-Q2', compliance: 0.3 },
    ]);
  });
});
