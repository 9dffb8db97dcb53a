/**
 * Insert template through the built bundle: the missing sheets are added (Roles with the
 * generic ITIL roles), the example validates without errors, existing sheets are never
 * touched, and a second run adds nothing.
 */
import type { TemplateResult } from '../../src/addon/template';
import type { ValidationPage } from '../../src/addon/validate';
import { GENERIC_ITIL_ROLES } from '../../src/addon/template';
import { FakeSpreadsheet } from '../support/fake-apps-script';
import { loadAddon } from '../support/addon-harness';
import { governanceWorkbook } from './workbooks';

const NOW = new Date('2026-11-20T03:00:00Z');
const TEMPLATE_SHEETS = ['Register', 'Roles', 'Leadership', 'Reviews', 'Incident Management RACI'];

describe('insert template', () => {
  it('adds every template sheet to a new spreadsheet, and the example has no errors', () => {
    const ss = new FakeSpreadsheet('Australia/Sydney');
    ss.addSheet('Sheet1');
    const addon = loadAddon(ss, { now: NOW });
    const result = addon.call<TemplateResult>('insertTemplate');
    expect(result.created).toEqual(TEMPLATE_SHEETS);
    expect(ss.sheets.map((s) => s.name)).toEqual(['Sheet1', ...TEMPLATE_SHEETS]);
    const roles = ss.sheet('Roles');
    const roleNames = GENERIC_ITIL_ROLES.map((_, i) => roles.inspect(`A${i + 2}`).value);
    expect(roleNames).toEqual([...GENERIC_ITIL_ROLES]);
    expect(roles.inspect('A1')).toMatchObject({ value: 'Role' });
    expect(roles.inspect('A1').fontWeight).toBe('bold');
    expect(ss.sheet('Register').inspect('H2').value).toBe('2026-09-30');
    const page = addon.call<ValidationPage>('validate');
    expect(page.matrices).toBe(1);
    expect(
      page.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.rule}@${f.sheet}!${f.cell}`),
    ).toEqual([]);
  });

  it('never touches existing sheets, skips kinds the workbook already has, and adds nothing twice', () => {
    const ss = new FakeSpreadsheet('Etc/UTC');
    const mine = ss.addSheet('Register', [['My own register, not in template form'], ['keep me']]);
    mine.edit('A2', { background: '#abcdef', note: 'mine' });
    const before = mine.snapshot();
    const addon = loadAddon(ss, { now: NOW });
    const first = addon.call<TemplateResult>('insertTemplate');
    expect(first.created).toEqual(['Roles', 'Leadership', 'Reviews', 'Incident Management RACI']);
    expect(first.skipped).toEqual([{ sheet: 'Register', reason: 'a sheet of that name exists' }]);
    expect(mine.snapshot()).toEqual(before);
    const second = addon.call<TemplateResult>('insertTemplate');
    expect(second.created).toEqual([]);
    expect(second.message).toBe('Nothing added: the workbook already has every template sheet.');
    expect(ss.sheets).toHaveLength(5);
  });

  it('adds nothing to a workbook that already has every kind of sheet under other names', () => {
    const ss = governanceWorkbook();
    for (const s of ss.sheets) s.name = `${s.name} (ours)`;
    const before = Object.fromEntries(ss.sheets.map((s) => [s.name, s.snapshot()]));
    const result = loadAddon(ss, { now: NOW }).call<TemplateResult>('insertTemplate');
    expect(result.created).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(
      Array(5).fill('the workbook already has one'),
    );
    expect(Object.fromEntries(ss.sheets.map((s) => [s.name, s.snapshot()]))).toEqual(before);
  });
});
