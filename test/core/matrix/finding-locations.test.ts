/**
 * Where matrix findings point and what they name, through the whole core: row findings at the
 * activity name cell with the activity, cell findings at the cell with activity and role, role
 * findings at the header cell with the role. Messages name the activity, the role and the
 * sheet (checked by inclusion, not wording); unnamed activities are named by their row.
 */
import type { Finding } from '../../../src/core/model';
import { analyseCase } from '../../support/rule-tester';

function findingsOf(rule: string, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

describe('matrix finding locations', () => {
  const findings = analyseCase({
    name: 'locations',
    sheets: [
      {
        name: 'Change RACI',
        rows: [
          ['Change Enablement'],
          ['Ref', 'Activity', 'Change Manager', 'CAB Chair', 'Requester', 'Auditor'],
          ['C-1', 'Raise the change', 'I', 'C', 'A/R', ''],
          ['C-2', 'Approve the change', 'C', 'R', 'X', null],
          ['C-3', '', 'A', 'R', 'I', '-'],
        ],
      },
    ],
  });

  it('puts a row finding at the activity name cell, naming the activity and sheet', () => {
    const [f] = findingsOf('matrix/no-accountable', findings);
    expect(f).toMatchObject({
      sheet: 'Change RACI',
      cell: 'B4',
      row: 4,
      column: 2,
      activity: 'Approve the change',
      suggestion: 'Mark exactly one role A.',
    });
    expect(f.message).toContain('"Approve the change"');
    expect(f.message).toContain('"Change RACI"');
    expect(f.role).toBeUndefined();
  });

  it('puts a cell finding at the cell, naming the activity, the role and the token', () => {
    const [f] = findingsOf('matrix/unknown-code', findings);
    expect(f).toMatchObject({
      sheet: 'Change RACI',
      cell: 'E4',
      row: 4,
      column: 5,
      activity: 'Approve the change',
      role: 'Requester',
    });
    expect(f.message).toContain('"Requester"');
    expect(f.message).toContain('"X"');
    expect(f.message).toContain('E4');
    expect(f.suggestion).toBeTruthy();
  });

  it('puts a role finding at the header cell, naming the role', () => {
    const [f] = findingsOf('role/unused', findings);
    expect(f).toMatchObject({
      sheet: 'Change RACI',
      cell: 'F2',
      row: 2,
      column: 6,
      role: 'Auditor',
    });
    expect(f.message).toContain('"Auditor"');
    expect(f.activity).toBeUndefined();
  });

  it('names an unnamed activity by its row and leaves `activity` out', () => {
    const [f] = findingsOf('matrix/unnamed-activity', findings);
    expect(f).toMatchObject({ cell: 'B5', row: 5, column: 2 });
    expect(f.activity).toBeUndefined();
    expect(f.message).toContain('Row 5');
  });

  it('gives every matrix finding a sheet, a cell, a row, a column and a one-sentence message', () => {
    const matrixFindings = findings.filter((f) => /^(matrix|role)\//.test(f.rule));
    expect(matrixFindings.length).toBeGreaterThan(3);
    for (const f of matrixFindings) {
      expect(f.sheet).toBe('Change RACI');
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      expect(f.row).toBeGreaterThan(0);
      expect(f.column).toBeGreaterThan(0);
      expect(f.message).toMatch(/^[A-Z].*\.$/);
    }
  });
});
