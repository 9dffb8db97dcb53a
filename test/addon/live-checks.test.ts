/**
 * Live checks through the built bundle: code dropdowns on every role cell of every matrix
 * (invalid input warned, not rejected), one conditional-format rule per matrix marking rows
 * without exactly one A, the user's own dropdowns and rules kept, and a second run adding
 * nothing twice.
 */
import type { LiveChecksResult } from '../../src/addon/live-checks';
import {
  FakeConditionalFormatRule,
  FakeDataValidation,
  FakeSpreadsheet,
  type FakeSheet,
} from '../support/fake-apps-script';
import { loadAddon } from '../support/addon-harness';
import { MATRIX_SHEET, governanceWorkbook } from './workbooks';

const NOW = new Date('2026-11-20T03:00:00Z');

function dropdown(sheet: FakeSheet, a1: string): FakeDataValidation | null {
  return sheet.inspect(a1).validation as FakeDataValidation | null;
}

describe('set up live checks', () => {
  it('puts a warning dropdown of the valid codes on every role cell of the matrix', () => {
    const ss = governanceWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    const result = addon.call<LiveChecksResult>('setUpLiveChecks');
    expect(result.matrices).toBe(1);
    expect(result.sheets).toEqual([MATRIX_SHEET]);
    const m = ss.sheet(MATRIX_SHEET);
    for (const a1 of ['C9', 'C10', 'G15', 'D13', 'E12']) {
      const rule = dropdown(m, a1);
      expect(rule).not.toBeNull();
      expect(rule?.values).toEqual(['R', 'A', 'C', 'I', 'A/R', 'R/A']);
      expect(rule?.allowInvalid).toBe(true);
      expect(rule?.showDropdown).toBe(true);
    }
    for (const a1 of ['A10', 'B10', 'H10', 'C8', 'C7', 'C16']) expect(dropdown(m, a1)).toBeNull();
    expect(result.dropdownCells).toBe(7 * 5);
  });

  it('adds one conditional-format rule per matrix over its activity rows, marking rows without exactly one A', () => {
    const ss = governanceWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    addon.call('setUpLiveChecks');
    const rules = ss.sheet(MATRIX_SHEET).conditionalFormatRules as FakeConditionalFormatRule[];
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule.ranges.map((r) => `${r.row},${r.column},${r.numRows},${r.numColumns}`)).toEqual([
      '9,2,7,6',
    ]);
    expect(rule.formula).toBe(
      '=AND(LEN(TRIM($B9))>0,' +
        'SUMPRODUCT(--REGEXMATCH(UPPER(TRIM($C9:$G9)),"^[RACI/,+ ]+$"))>0,' +
        'SUMPRODUCT(--REGEXMATCH(UPPER(TRIM($C9:$G9)),"^[RACI/,+ ]*A[RACI/,+ ]*$"))<>1,' +
        'N("raci-guard:one-accountable")=0)',
    );
    expect(rule.background).toBe('#fce8e6');
  });

  it("keeps the user's own dropdowns and format rules, and a second run adds nothing twice", () => {
    const ss = governanceWorkbook();
    const m = ss.sheet(MATRIX_SHEET);
    const userDropdown = new FakeDataValidation(['Yes', 'No'], true, false, null);
    const cell = m.cell(10, 3);
    cell.validation = userDropdown;
    const userRule = new FakeConditionalFormatRule('=$H9="urgent"', '#ff0000', []);
    m.conditionalFormatRules = [userRule];
    const addon = loadAddon(ss, { now: NOW });
    const first = addon.call<LiveChecksResult>('setUpLiveChecks');
    expect(first.keptUserDropdowns).toBe(1);
    expect(dropdown(m, 'C10')).toBe(userDropdown);
    const afterFirst = m.conditionalFormatRules.slice();
    const second = addon.call<LiveChecksResult>('setUpLiveChecks');
    expect(second).toEqual(first);
    expect(m.conditionalFormatRules).toHaveLength(2);
    expect(m.conditionalFormatRules[0]).toBe(userRule);
    expect((m.conditionalFormatRules[1] as FakeConditionalFormatRule).formula).toBe(
      (afterFirst[1] as FakeConditionalFormatRule).formula,
    );
    expect(dropdown(m, 'C10')).toBe(userDropdown);
  });

  it('follows the model in the settings and covers every stacked matrix', () => {
    const ss = new FakeSpreadsheet('Etc/UTC');
    ss.addSheet('Stacked', [
      ['Activity', 'Owner', 'Manager', 'Analyst'],
      ['Plan', 'A', 'R', 'S'],
      ['Build', 'R', 'A', 'S'],
      [],
      ['Task', 'Lead', 'Developer'],
      ['Code', 'A', 'R'],
      ['Test', 'A', 'R'],
    ]);
    const addon = loadAddon(ss, { now: NOW });
    addon.call('saveSettings', { model: 'RASCI', allowAccountableResponsible: false });
    const result = addon.call<LiveChecksResult>('setUpLiveChecks');
    expect(result.matrices).toBe(2);
    const sheet = ss.sheet('Stacked');
    expect(dropdown(sheet, 'B2')?.values).toEqual(['R', 'A', 'S', 'C', 'I']);
    expect(dropdown(sheet, 'C7')?.values).toEqual(['R', 'A', 'S', 'C', 'I']);
    expect(dropdown(sheet, 'D6')).toBeNull();
    expect(sheet.conditionalFormatRules).toHaveLength(2);
  });

  it('makes the same Spreadsheet calls for a small and a large matrix', () => {
    const make = (rows: number) => {
      const ss = new FakeSpreadsheet('Etc/UTC');
      const grid: unknown[][] = [['Activity', 'Owner', 'Manager', 'Analyst']];
      for (let i = 1; i <= rows; i++) grid.push([`Step ${i}`, 'A', 'R', 'C']);
      ss.addSheet('RACI', grid);
      return loadAddon(ss, { now: NOW });
    };
    const small = make(10);
    const large = make(2000);
    small.fake.calls.reset();
    large.fake.calls.reset();
    small.call('setUpLiveChecks');
    large.call('setUpLiveChecks');
    expect(large.fake.calls.snapshot()).toEqual(small.fake.calls.snapshot());
  });
});
