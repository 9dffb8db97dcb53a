/**
 * Insert template through the built bundle: the missing sheets are added (Roles with the
 * generic ITIL roles), the example is reviewed today in the spreadsheet's zone and validates
 * without errors or review findings (also on a quarter's first and last day), existing sheets
 * are never touched, and a second run adds nothing.
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
    // Validation judges as of today (2026-11-20 in Sydney), so the example is reviewed today.
    const register = ss.sheet('Register');
    expect(['H2', 'I2', 'J2'].map((cell) => register.inspect(cell).value)).toEqual(
      Array(3).fill('2026-11-20'),
    );
    expect(ss.sheet('Reviews').inspect('C2').value).toBe('2026-11-20');
    const page = addon.call<ValidationPage>('validate');
    expect(page.matrices).toBe(1);
    expect(
      page.findings
        .filter((f) => f.severity === 'error' || f.rule.startsWith('review/'))
        .map((f) => `${f.rule}@${f.sheet}!${f.cell}`),
    ).toEqual([]);
  });

  it.each([
    // The instant, the spreadsheet zone, and today there.
    ['2026-10-01T02:00:00Z', 'America/Los_Angeles', '2026-09-30'],
    ['2026-09-30T20:00:00Z', 'Asia/Tokyo', '2026-10-01'],
    ['2026-03-31T23:30:00Z', 'Etc/UTC', '2026-03-31'],
  ])(
    'at %s in %s dates the example %s, and it validates with no review finding',
    (instant, zone, today) => {
      const ss = new FakeSpreadsheet(zone);
      ss.addSheet('Sheet1');
      const addon = loadAddon(ss, { now: new Date(instant) });
      addon.call<TemplateResult>('insertTemplate');
      expect(ss.sheet('Register').inspect('H2').value).toBe(today);
      const page = addon.call<ValidationPage>('validate');
      expect(page.asOf).toBe(today);
      expect(
        page.findings
          .filter((f) => f.severity === 'error' || f.rule.startsWith('review/'))
          .map((f) => `${f.rule}@${f.sheet}!${f.cell}`),
      ).toEqual([]);
    },
  );

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
