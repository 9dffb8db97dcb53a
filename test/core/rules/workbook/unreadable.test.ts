/**
 * `workbook/unreadable` is written by the audit, never by the core (the core never sees a
 * file it cannot read). These tests drive the real audit on a folder holding a corrupt file
 * next to a good one and check the finding, the input's status and that the rest is audited.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../../../../src/core/analyse';
import { workbookUnreadable } from '../../../../src/core/rules/workbook/unreadable';
import type { ReportJson } from '../../../../audit/report/model';
import { runAudit } from '../../../../audit/run-audit';
import { organisation, tempDir, writeWorkbook } from '../../../audit/support/workbooks';

describe('workbook/unreadable', () => {
  it('has metadata, and the core itself never reports it', () => {
    expect(workbookUnreadable.id).toBe('workbook/unreadable');
    expect(workbookUnreadable.defaultSeverity).toBe('error');
    expect(workbookUnreadable.description.length).toBeGreaterThan(10);
    expect(workbookUnreadable.rationale.length).toBeGreaterThan(10);
    const result = analyse([{ name: 'Empty', rows: [] }], { today: '2026-10-01' });
    expect(result.findings.filter((f) => f.rule === 'workbook/unreadable')).toEqual([]);
  });

  const cases: { name: string; bytes: Buffer; reason: RegExp }[] = [
    {
      name: 'not-a-zip.xlsx',
      bytes: Buffer.from('Name,Kind\nIncident,Process\n'),
      reason: /not an \.xlsx/,
    },
    { name: 'empty.xlsx', bytes: Buffer.alloc(0), reason: /empty/ },
    {
      // An OLE container whose directory names the streams of a password-protected workbook.
      name: 'encrypted.xlsx',
      bytes: Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        Buffer.from('EncryptionInfo', 'utf16le'),
        Buffer.alloc(16),
        Buffer.from('EncryptedPackage', 'utf16le'),
        Buffer.alloc(512),
      ]),
      reason: /password-protected/,
    },
    {
      name: 'old-excel.xlsx',
      bytes: Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(512),
      ]),
      reason: /\.xls workbook/,
    },
    {
      name: 'truncated.xlsx',
      bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]),
      reason: /truncated or damaged/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} and still audits the good workbook`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        await writeWorkbook(join(dir, 'in', 'good.xlsx'), organisation());
        writeFileSync(join(dir, 'in', c.name), c.bytes);
        const outcome = await runAudit({
          paths: [join(dir, 'in')],
          today: '2026-10-01',
          outDir: join(dir, 'out'),
        });
        const report = JSON.parse(
          readFileSync(join(outcome.outputDir, 'report.json'), 'utf8'),
        ) as ReportJson;
        const found = report.findings.filter((f) => f.rule === 'workbook/unreadable');
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ severity: 'error', file: c.name });
        expect(found[0].message).toContain(c.name);
        expect(found[0].message).toMatch(c.reason);
        const input = outcome.report.inputs.find((i) => i.file === c.name);
        expect(input?.status).toBe('unreadable');
        expect(input?.error).toMatch(c.reason);
        expect(outcome.report.inputs.find((i) => i.file === 'good.xlsx')?.status).toBe('ok');
        expect(report.items.map((i) => i.name).sort()).toEqual(['Incident', 'Payments']);
      } finally {
        cleanup();
      }
    });
  }
});
