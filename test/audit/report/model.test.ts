/**
 * The report model across workbooks, on the real core: sponsors merged across files (by
 * email, else by name; a name-only sponsor joins the one with an email) with unique slugs, the no-sponsor group, each person's R and A load,
 * unreadable inputs, and the trend (previous compliance, new and resolved findings); each
 * the model built file by file with its findings spilled to disk the same as built in memory,
 * and each sponsor's items and findings picked from the spill.
 */
import { analyse } from '../../../src/core/analyse';
import type { SheetInput } from '../../../src/core/model';
import { toCellValue } from '../../../audit/read/xlsx';
import { FileRecords } from '../../../audit/report/file-records';
import { renderReportJson } from '../../../audit/report/json';
import {
  buildReport,
  findingKey,
  ReportBuilder,
  reportStores,
  SponsorPartition,
  sponsorRows,
  type AuditedFile,
  type ReportFinding,
} from '../../../audit/report/model';
import { defaultConfig } from '../../../src/core/config';
import { normaliseName } from '../../../src/core/text';
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

  it('merges a name-only sponsor into the same person known by email in another workbook', () => {
    const grace = { sponsorOfSecond: 'Grace Okafor' };
    const a = audited('a.xlsx', {
      ...grace,
      prefix: 'A ',
      leadership: [
        ['Dana Whitfield', 'dana@example.org', 'yes'],
        ['Grace Okafor', 'grace@example.org', 'yes'],
      ],
    });
    const b = audited('b.xlsx', { prefix: 'B ', sponsorOfSecond: 'grace  OKAFOR' });
    const r = report([a, b]);
    const graces = r.sponsors.filter((s) => normaliseName(s.name) === 'grace okafor');
    expect(graces).toHaveLength(1);
    expect(graces[0]).toMatchObject({
      name: 'Grace Okafor',
      email: 'grace@example.org',
      slug: 'grace-okafor',
      items: 2,
    });
    expect(graces[0].itemList).toEqual([
      { file: 'a.xlsx', name: 'A Payments' },
      { file: 'b.xlsx', name: 'B Payments' },
    ]);

    // Last quarter knew her by name only: the trend still finds her.
    const previous = report([b]);
    const now = report([a, b], previous);
    const before = previous.sponsors.find((s) => s.slug === 'grace-okafor')!;
    expect(before.email).toBeUndefined();
    before.compliance = 0.5;
    expect(report([a, b], previous).sponsors.find((s) => s.slug === 'grace-okafor')).toMatchObject({
      previousCompliance: 0.5,
    });
    expect(now.sponsors.filter((s) => s.slug.startsWith('grace-okafor'))).toHaveLength(1);
  });

  it('keeps two people who share a name but not an email apart', () => {
    const roster = (email: string) => [['Grace Okafor', email, 'yes']];
    const r = report([
      audited('a.xlsx', {
        prefix: 'A ',
        sponsorOfSecond: 'Grace Okafor',
        leadership: roster('g1@x.org'),
      }),
      audited('b.xlsx', {
        prefix: 'B ',
        sponsorOfSecond: 'Grace Okafor',
        leadership: roster('g2@x.org'),
      }),
    ]);
    const graces = r.sponsors.filter((s) => s.name === 'Grace Okafor');
    expect(graces.map((s) => [s.email, s.slug])).toEqual([
      ['g1@x.org', 'grace-okafor'],
      ['g2@x.org', 'grace-okafor-2'],
    ]);
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

  it('gives one People row per person however the Roles sheets write them', () => {
    const r = report([
      audited('a.xlsx', { prefix: 'A ', ownerHolders: 'Ann Lee <ann@x.org>' }),
      audited('b.xlsx', { prefix: 'B ', ownerHolders: 'ann@x.org' }),
      audited('c.xlsx', {
        prefix: 'C ',
        ownerHolders: 'ann  LEE',
        practitionerHolders: 'Cy Dunn, cy@x.org, Cy Dunn <cy@x.org>',
      }),
    ]);
    // Process Owner is A once on each matrix: two per workbook.
    const ann = r.people.filter((p) => /ann/i.test(p.person));
    expect(ann).toEqual([
      {
        person: 'Ann Lee <ann@x.org>',
        source: 'holder',
        responsible: 0,
        accountable: 6,
        roles: ['Process Owner'],
        files: ['a.xlsx', 'b.xlsx', 'c.xlsx'],
      },
    ]);
    // Cy Dunn written three ways in one role counts once there: 5 R per workbook.
    const cy = r.people.filter((p) => /cy/i.test(p.person));
    expect(cy).toHaveLength(1);
    expect(cy[0]).toMatchObject({ person: 'Cy Dunn <cy@x.org>', responsible: 15 });
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

describe('ReportBuilder with spilled items and findings', () => {
  const files = () => [
    audited('b.xlsx', { prefix: 'B ', sponsorOfSecond: 'Zoë Lee' }),
    audited('a.xlsx', { prefix: 'A ', sponsorOfSecond: 'Ravi Menon' }),
    // The same item names in a third file: rows go by file and name, not name alone.
    audited('c.xlsx', { prefix: 'A ', sponsorOfSecond: '' }),
    // The same register twice: register/duplicate-item findings join each file's own.
    audited('d.xlsx', { prefix: 'B ' }),
    { file: 'e.xlsx', sha256: ''.padEnd(64, '0'), error: 'not a zip file' },
  ];

  it('builds the same report as buildReport, files added in any order, findings read from disk', () => {
    const previous = report([audited('a.xlsx', { prefix: 'A ' })]);
    const expected = report(files(), previous);
    const stores = reportStores(0);
    const previousStore = new FileRecords<ReportFinding>('findings', { spillAbove: 0 });
    try {
      const builder = new ReportBuilder(defaultConfig(), stores);
      for (const f of files().reverse()) builder.add(f);
      for (const f of previous.findings) previousStore.add(f.file, [f]);
      const model = builder.build({
        quarter: QUARTER,
        asOf: '2026-09-30',
        previous: { ...previous, findings: previousStore },
      });
      expect(model.findings).toBe(stores.findings);
      expect(model.items).toBe(stores.items);
      expect(stores.findings.length).toBe(expected.findings.length);
      expect({ ...model, items: [...model.items], findings: [...model.findings] }).toEqual(
        expected,
      );
      expect(renderReportJson(model)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      expect(expected.findings.some((f) => f.rule === 'register/duplicate-item')).toBe(true);
      expect(expected.sponsors.some((s) => (s.newFindings ?? []).length > 0)).toBe(true);
    } finally {
      stores.findings.close();
      stores.items.close();
      previousStore.close();
    }
  });

  it('builds once: a second build, or a file added after, is refused', () => {
    const builder = new ReportBuilder(defaultConfig(), reportStores());
    builder.add(audited('a.xlsx'));
    builder.build({ quarter: QUARTER, asOf: '2026-09-30' });
    expect(() => builder.build({ quarter: QUARTER, asOf: '2026-09-30' })).toThrow(
      'the report was already built',
    );
    expect(() => builder.add(audited('b.xlsx'))).toThrow(
      'b.xlsx was added after the report was built',
    );
  });

  it("gives each sponsor its items and findings (waived included), read from its files' records only", () => {
    const r = report(files());
    // A waived finding and a finding on no item, which belongs to no sponsor.
    r.findings[0] = { ...r.findings[0], waived: true };
    r.findings.push({
      rule: 'workbook/unreadable',
      severity: 'error',
      message: 'x',
      file: 'a.xlsx',
      sheet: '',
    });
    const stores = reportStores(0);
    try {
      for (const f of r.findings) stores.findings.add(f.file, [f]);
      for (const i of r.items) stores.items.add(i.file, [i]);
      const model = { ...r, items: stores.items, findings: stores.findings };
      expect(r.sponsors.length).toBeGreaterThanOrEqual(3);
      let items = 0;
      let findings = 0;
      for (const sponsor of r.sponsors) {
        const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
        const rows = sponsorRows(model, sponsor);
        expect([sponsor.name, rows]).toEqual([
          sponsor.name,
          {
            items: r.items.filter((i) => mine.has(`${i.file}\u0001${i.name}`)),
            findings: r.findings.filter((f) => mine.has(`${f.file}\u0001${f.item}`)),
          },
        ]);
        expect(rows).toEqual(sponsorRows(r, sponsor));
        items += rows.items.length;
        findings += rows.findings.length;
      }
      expect(items).toBe(r.items.length);
      // Split for every sponsor in one pass, held or spilled: the same rows.
      for (const spillAbove of [Infinity, 0]) {
        const partition = new SponsorPartition(model, spillAbove);
        try {
          for (const sponsor of r.sponsors) {
            expect([sponsor.name, spillAbove, partition.rows(sponsor)]).toEqual([
              sponsor.name,
              spillAbove,
              sponsorRows(r, sponsor),
            ]);
          }
        } finally {
          partition.close();
        }
      }
      expect(findings).toBe(r.findings.filter((f) => f.item !== undefined).length);
      expect(r.findings.some((f) => f.waived)).toBe(true);
    } finally {
      stores.items.close();
      stores.findings.close();
    }
  });
});
