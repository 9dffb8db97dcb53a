/**
 * The built server bundle in `node:vm` over the fake Spreadsheet service: the menu (also in
 * AuthMode.NONE), the sidebar, validation with paging and calendar dates across time zones,
 * the constant call budget, selecting a cell, rule explanations, settings and the lock.
 */
import type { ValidationPage } from '../../src/addon/validate';
import type { SettingsView } from '../../src/addon/settings';
import type { RuleInfo, SelectResult } from '../../src/addon/ui';
import { FakeHtmlOutput, FakeSpreadsheet } from '../support/fake-apps-script';
import { loadAddon } from '../support/addon-harness';
import { MATRIX_SHEET, governanceWorkbook, plainMatrix } from './workbooks';

const NOW = new Date('2026-11-20T03:00:00Z');

const ruleCells = (page: ValidationPage) =>
  page.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell ?? ''}`);

describe('menu and sidebar', () => {
  it('onOpen builds the add-on menu in AuthMode.NONE, and every item names a global function', () => {
    const addon = loadAddon(new FakeSpreadsheet(), { authModeNone: true });
    addon.call('onOpen', { authMode: 'NONE' });
    const menus = addon.fake.ui.menus;
    expect(menus).toHaveLength(1);
    const items = menus[0].items.filter((i) => i !== 'separator') as {
      caption: string;
      functionName: string;
    }[];
    expect(items.map((i) => i.caption)).toEqual([
      'Validate',
      'Open sidebar',
      'Set up live checks',
      'Show findings in sheet',
      'Clear findings',
      'Insert template',
    ]);
    const globals = new Set(addon.functionNames());
    for (const item of items) expect(globals.has(item.functionName)).toBe(true);
  });

  it('onInstall builds the same menu', () => {
    const addon = loadAddon(new FakeSpreadsheet());
    addon.call('onInstall', { authMode: 'FULL' });
    expect(addon.fake.ui.menus).toHaveLength(1);
    expect(addon.fake.ui.menus[0].items.length).toBeGreaterThanOrEqual(6);
  });

  it('Validate opens the sidebar set to validate at once; Open sidebar does not', () => {
    const addon = loadAddon(new FakeSpreadsheet());
    addon.call('menuValidate');
    addon.call('menuOpenSidebar');
    const [validating, plain] = addon.fake.ui.sidebars as FakeHtmlOutput[];
    expect(validating.title).toBe('RACI Guard');
    expect(validating.getContent()).toContain('data-validate-on-open');
    expect(plain.getContent()).not.toContain('setAttribute("data-validate-on-open"');
    expect(plain.getContent()).toContain('<div class="sidebar branding-below">');
  });
});

describe('validate', () => {
  it('returns the findings of the whole spreadsheet as plain JSON, with their cells', () => {
    const addon = loadAddon(governanceWorkbook(), { now: NOW });
    const page = addon.call<ValidationPage>('validate');
    expect(ruleCells(page)).toEqual(
      expect.arrayContaining([
        `matrix/no-accountable@${MATRIX_SHEET}!B11`,
        `matrix/multiple-accountable@${MATRIX_SHEET}!B12`,
        `matrix/unknown-code@${MATRIX_SHEET}!D13`,
      ]),
    );
    expect(page.total).toBe(page.findings.length);
    expect(page.nextOffset).toBeNull();
    expect(page.matrices).toBe(1);
    expect(page.counts.error + page.counts.warning + page.counts.info + page.counts.waived).toBe(
      page.total,
    );
    expect(page.sheets).toEqual(['Register', 'Roles', 'Leadership', 'Reviews', MATRIX_SHEET]);
    expect([page.quarter, page.asOf]).toEqual(['2026-Q4', '2026-11-20']);
  });

  it('judges reviews as of today: reviewed two days ago is neither missing nor in the future', () => {
    const ss = governanceWorkbook('Etc/UTC');
    const reviewedOn = ss.date('2026-11-20');
    ss.sheet('Register').edit('H2', { value: reviewedOn });
    ss.sheet('Register').edit('I2', { value: reviewedOn });
    ss.sheet(MATRIX_SHEET).edit('B6', { value: reviewedOn });
    const now = new Date('2026-11-22T12:00:00Z');
    const page = loadAddon(ss, { now }).call<ValidationPage>('validate');
    expect([page.quarter, page.asOf]).toEqual(['2026-Q4', '2026-11-22']);
    const rules = page.findings.map((f) => f.rule);
    expect(rules).not.toContain('review/never');
    expect(rules).not.toContain('review/future-date');
    expect(rules).not.toContain('review/sponsor-review-missing');

    // Last reviewed by the sponsor in the previous quarter: this quarter's review is pending.
    ss.sheet('Register').edit('I2', { value: ss.date('2026-09-15') });
    const pending = loadAddon(ss, { now }).call<ValidationPage>('validate');
    expect(
      pending.findings
        .filter((f) => f.rule === 'review/sponsor-review-missing')
        .map((f) => `${f.severity}@${f.cell}`),
    ).toEqual(['info@I2']);
  });

  // Each instant is 2026-11-20 in its zone but another day in UTC or in the other zones.
  it.each([
    ['Pacific/Kiritimati', '2026-11-19T10:30:00Z'],
    ['Asia/Tokyo', '2026-11-20T14:30:00Z'],
    ['America/Los_Angeles', '2026-11-21T07:30:00Z'],
    ['Pacific/Pago_Pago', '2026-11-21T10:30:00Z'],
  ])(
    'in a spreadsheet in %s reads typed dates and today (at %s) as the calendar dates there',
    (zone, instant) => {
      const ss = governanceWorkbook(zone);
      // Today (2026-11-20 there) is not in the future; the next day is.
      ss.sheet('Register').edit('I2', { value: ss.date('2026-11-21') });
      ss.sheet('Reviews').edit('C2', { value: ss.date('2026-11-20') });
      const page = loadAddon(ss, { now: new Date(instant) }).call<ValidationPage>('validate');
      expect(page.asOf).toBe('2026-11-20');
      expect(ruleCells(page)).toContain('review/future-date@Register!I2');
      expect(ruleCells(page)).not.toContain('review/future-date@Reviews!C2');
      const future = page.findings.find((f) => f.rule === 'review/future-date');
      expect(future?.message).toContain('2026-11-21');
    },
  );

  it('judges as of today in the quarter that contains it: late on 31 March in Los Angeles is still Q1', () => {
    const ss = plainMatrix(3, 'America/Los_Angeles');
    const page = loadAddon(ss, { now: new Date('2026-04-01T05:00:00Z') }).call<ValidationPage>(
      'validate',
    );
    expect([page.quarter, page.asOf]).toEqual(['2026-Q1', '2026-03-31']);
    const tokyo = plainMatrix(3, 'Asia/Tokyo');
    const later = loadAddon(tokyo, { now: new Date('2026-04-01T05:00:00Z') }).call<ValidationPage>(
      'validate',
    );
    expect([later.quarter, later.asOf]).toEqual(['2026-Q2', '2026-04-01']);
  });

  it('pages findings at 500 and serves later pages from the cache', () => {
    const ss = new FakeSpreadsheet('Etc/UTC');
    const grid: unknown[][] = [['Activity', 'Owner', 'Manager', 'Analyst']];
    for (let i = 1; i <= 1200; i++) grid.push([`Step ${i}`, 'A', 'A', 'R']);
    ss.addSheet('RACI', grid);
    const addon = loadAddon(ss, { now: NOW });
    const first = addon.call<ValidationPage>('validate');
    expect(first.findings).toHaveLength(500);
    expect(first.total).toBeGreaterThanOrEqual(1200);
    expect(first.nextOffset).toBe(500);
    const readsAfterFirst = addon.fake.calls.count('Range.getValues');
    const second = addon.call<ValidationPage>('getFindingsPage', first.runId, 500);
    expect(second.runId).toBe(first.runId);
    expect(second.offset).toBe(500);
    expect(addon.fake.calls.count('Range.getValues')).toBe(readsAfterFirst);
    const all = [...first.findings, ...second.findings];
    let page = second;
    while (page.nextOffset !== null) {
      page = addon.call<ValidationPage>('getFindingsPage', first.runId, page.nextOffset);
      all.push(...page.findings);
    }
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((f) => `${f.rule}${f.cell}`)).size).toBe(first.total);

    // When the cache has expired the page comes from a fresh read of the spreadsheet.
    addon.fake.cache.store.clear();
    const again = addon.call<ValidationPage>('getFindingsPage', first.runId, 500);
    expect(again.runId).toBe(first.runId);
    expect(again.findings).toEqual(second.findings);
    expect(addon.fake.calls.count('Range.getValues')).toBe(readsAfterFirst + 1);
  });

  it('makes the same Spreadsheet calls for a 10-row sheet and a 2,000-row one with 1,000 merges', () => {
    const largeSheet = plainMatrix(2000);
    const merged = largeSheet.sheet('RACI');
    for (let row = 2; row <= 2000; row += 2) {
      merged.merges.push({ row, column: 6, numRows: 2, numColumns: 1 });
    }
    const small = loadAddon(plainMatrix(10), { now: NOW });
    const large = loadAddon(largeSheet, { now: NOW });
    small.fake.calls.reset();
    large.fake.calls.reset();
    const smallPage = small.call<ValidationPage>('validate');
    const largePage = large.call<ValidationPage>('validate');
    expect(largePage.total).toBeGreaterThan(smallPage.total);
    expect(large.fake.calls.snapshot()).toEqual(small.fake.calls.snapshot());
    expect(large.fake.calls.count('Range.getValues')).toBe(1);
    expect(large.fake.calls.count()).toBeLessThan(15);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell', () => {
    const ss = governanceWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    const result = addon.call<SelectResult>('selectCell', MATRIX_SHEET, 'd13');
    expect(result).toEqual({ sheet: MATRIX_SHEET, cell: 'D13' });
    expect(ss.activeSheet?.name).toBe(MATRIX_SHEET);
    expect(ss.activeRange).toBe('D13');
  });

  it('explains what is wrong with a missing sheet or a bad address', () => {
    const addon = loadAddon(governanceWorkbook(), { now: NOW });
    expect(() => addon.call('selectCell', 'Gone', 'A1')).toThrow(
      'There is no sheet named "Gone" any more.',
    );
    expect(() => addon.call('selectCell', MATRIX_SHEET, 'A1:B2')).toThrow(
      '"A1:B2" is not a cell address like B7.',
    );
  });
});

describe('rules and settings', () => {
  it('lists the rules and explains one', () => {
    const addon = loadAddon(new FakeSpreadsheet());
    const rules = addon.call<RuleInfo[]>('getRules');
    expect(rules.map((r) => r.id)).toContain('matrix/no-accountable');
    const rule = addon.call<RuleInfo>('explainRule', 'matrix/no-accountable');
    expect(rule.defaultSeverity).toBe('error');
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(10);
    expect(() => addon.call('explainRule', 'matrix/nope')).toThrow(
      '"matrix/nope" is not a RACI Guard rule.',
    );
  });

  it('rejects invalid settings naming the key and stores nothing', () => {
    const addon = loadAddon(governanceWorkbook(), { now: NOW });
    const view = addon.call<SettingsView>('saveSettings', { model: 'RAPID', dueSoonDays: 'soon' });
    expect(view.saved).toBe(false);
    expect(view.errors.map((e) => e.key).sort()).toEqual(['dueSoonDays', 'model']);
    expect(addon.fake.properties.store.size).toBe(0);
    expect(addon.call<SettingsView>('getSettings').config.model).toBe('RACI');
  });

  it('stores valid settings in document properties and validation uses them', () => {
    const addon = loadAddon(governanceWorkbook(), { now: NOW });
    const before = addon.call<ValidationPage>('validate');
    expect(ruleCells(before)).toContain(`matrix/unknown-code@${MATRIX_SHEET}!D13`);
    const view = addon.call<SettingsView>('saveSettings', {
      rules: { 'matrix/unknown-code': 'off' },
      dueSoonDays: '14',
    });
    expect(view.saved).toBe(true);
    expect(view.config.dueSoonDays).toBe(14);
    expect(addon.fake.lock.acquisitions).toBe(1);
    const after = addon.call<ValidationPage>('validate');
    expect(ruleCells(after)).not.toContain(`matrix/unknown-code@${MATRIX_SHEET}!D13`);
    expect(loadAddon(new FakeSpreadsheet()).call<SettingsView>('getSettings').raw).toEqual({});
    expect(addon.call<SettingsView>('getSettings').raw).toEqual({
      rules: { 'matrix/unknown-code': 'off' },
      dueSoonDays: '14',
    });
  });
});

describe('the document lock', () => {
  it('refuses to write while someone else holds the lock, and leaves the sheet alone', () => {
    const ss = governanceWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    const before = ss.sheet(MATRIX_SHEET).snapshot();
    addon.fake.lock.heldElsewhere = true;
    for (const fn of ['showFindings', 'clearFindings', 'setUpLiveChecks', 'insertTemplate']) {
      expect(() => addon.call(fn)).toThrow(
        'RACI Guard is busy with another change to this spreadsheet',
      );
    }
    expect(ss.sheet(MATRIX_SHEET).snapshot()).toEqual(before);
    expect(ss.sheets).toHaveLength(5);
  });

  it('releases the lock after each write, also when the write fails', () => {
    const ss = governanceWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    expect(addon.fake.lock.held).toBe(false);
    addon.fake.properties.store.set('raciGuard.marks.count', '2');
    expect(() => addon.call('clearFindings')).toThrow('The record of marked cells is incomplete');
    expect(addon.fake.lock.held).toBe(false);
  });
});
