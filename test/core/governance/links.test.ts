/**
 * Items link to matrices by the Register's RACI sheet column, else by matrix metadata naming
 * them, else by a sheet named like them; matrix findings then carry the linked item.
 */
import { analyse } from '../../../src/core/analyse';
import {
  attributeFindings,
  linkItem,
  linkItems,
  sheetNameFromReference,
} from '../../../src/core/governance/links';
import type { RaciMatrix, RegisterItem, SheetInput, WorkbookModel } from '../../../src/core/model';

const register: SheetInput = {
  name: 'Register',
  rows: [
    ['Name', 'Kind', 'Owner', 'RACI sheet'],
    ['Incident Management', 'Process', 'Ann', "'Ops matrices'!A1"],
    ['Problem Management', 'Process', 'Ann', ''],
    ['Change Enablement', 'Process', 'Ann', ''],
    ['Service Desk', 'Service', 'Ann', 'Missing sheet'],
  ],
};
const opsMatrices: SheetInput = {
  name: 'Ops matrices',
  rows: [
    ['Process:', 'Incident Management'],
    [],
    ['Activity', 'Desk', 'Lead'],
    ['Log', 'R', 'A'],
    ['Close', 'R', ''],
  ],
};
const problem: SheetInput = {
  name: 'Sheet2',
  rows: [
    ['Process:', 'problem  management'],
    [],
    ['Activity', 'Desk', 'Lead'],
    ['Analyse', 'R', 'A'],
  ],
};
const change: SheetInput = {
  name: 'RACI - change enablement',
  rows: [
    ['Activity', 'Initiator', 'Authority'],
    ['Raise', 'R', 'A'],
  ],
};
const stray: SheetInput = {
  name: 'Old',
  rows: [
    ['Activity', 'Desk', 'Lead'],
    ['Log', 'R', 'A'],
    ['Close', 'R', 'A'],
  ],
};

describe('linkItems', () => {
  const result = analyse([register, opsMatrices, problem, change, stray], { today: '2026-10-01' });
  const links = linkItems(result.workbook);
  const where = (item: string) => (links.get(item) ?? []).map((m) => `${m.sheet}@${m.headerRow}`);

  it('links by the RACI sheet column (a sheet reference with a range is fine)', () => {
    expect(where('Incident Management')).toEqual(['Ops matrices@3']);
  });
  it('links by matrix metadata when no RACI sheet is named, ignoring case and spacing', () => {
    expect(where('Problem Management')).toEqual(['Sheet2@3']);
  });
  it('links by a sheet named like the item, ignoring case and a RACI prefix', () => {
    expect(where('Change Enablement')).toEqual(['RACI - change enablement@1']);
  });
  it('links nothing when the named sheet does not exist', () => {
    expect(where('Service Desk')).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'register/no-raci').map((f) => f.cell)).toEqual(
      ['D5'],
    );
    expect(result.findings.filter((f) => f.rule === 'register/no-raci')).toHaveLength(1);
  });
  it('reports the matrix nobody links to', () => {
    expect(
      result.findings
        .filter((f) => f.rule === 'register/orphan-raci')
        .map((f) => `${f.sheet}!${f.cell}`),
    ).toEqual(['Old!A1']);
  });
  it('attributes matrix findings to the linked item', () => {
    const close = result.findings.find(
      (f) => f.rule === 'matrix/no-accountable' && f.sheet === 'Ops matrices',
    );
    expect(close).toMatchObject({ row: 5, item: 'Incident Management' });
  });
});

describe('sheetNameFromReference', () => {
  it.each([
    ['Incident', 'Incident'],
    ["'Ops matrices'!A1", 'Ops matrices'],
    ["='It''s mine'!B2:C3", "It's mine"],
    ['  Incident ', 'Incident'],
  ])('%p names sheet %p', (text, sheet) => {
    expect(sheetNameFromReference(text)).toBe(sheet);
  });
});

describe('stacked matrices on one named sheet', () => {
  const matrix = (headerRow: number, process: string): RaciMatrix => ({
    sheet: 'Ops',
    index: headerRow,
    headerRow,
    lastRow: headerRow + 2,
    activityColumn: 1,
    activityHeader: 'Activity',
    roles: [],
    activities: [],
    metadata: process
      ? { process: { key: 'process', value: process, cell: `B${headerRow - 2}` } }
      : {},
  });
  const item = (name: string, raciSheet: string): RegisterItem => ({
    name,
    kind: 'process',
    kindRaw: 'Process',
    sheet: 'Register',
    row: 2,
    cell: 'A2',
    owners: [],
    sponsor: '',
    managers: [],
    raciSheet: { value: raciSheet, cell: 'B2' },
  });
  const workbook: WorkbookModel = {
    sheetNames: ['Register', 'Ops'],
    matrices: [matrix(3, 'Incident Management'), matrix(10, 'Problem Management'), matrix(20, '')],
  };
  it('narrows to the matrices whose metadata names the item', () => {
    expect(linkItem(workbook, item('Problem Management', 'ops')).map((m) => m.headerRow)).toEqual([
      10,
    ]);
  });
  it('takes every matrix on the sheet when none names the item', () => {
    expect(linkItem(workbook, item('Access', 'Ops')).map((m) => m.headerRow)).toEqual([3, 10, 20]);
  });
  it('attributes a finding by the matrix rows it lies in', () => {
    const wb: WorkbookModel = {
      ...workbook,
      register: {
        sheet: 'Register',
        headerRow: 1,
        items: [item('Problem Management', 'Ops'), item('Incident Management', 'Ops')],
      },
    };
    const found = attributeFindings(
      [
        { rule: 'matrix/no-accountable', severity: 'error', message: 'x', sheet: 'Ops', row: 11 },
        { rule: 'matrix/no-accountable', severity: 'error', message: 'x', sheet: 'Ops', row: 5 },
        { rule: 'matrix/no-accountable', severity: 'error', message: 'x', sheet: 'Ops', row: 21 },
        {
          rule: 'register/no-owner',
          severity: 'error',
          message: 'x',
          sheet: 'Ops',
          row: 11,
          item: 'Kept',
        },
      ],
      wb,
    );
    expect(found.map((f) => f.item)).toEqual([
      'Problem Management',
      'Incident Management',
      undefined,
      'Kept',
    ]);
  });
});
