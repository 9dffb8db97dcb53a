/**
 * Show and clear findings through the built bundle: every background and note comes back
 * exactly, also after showing twice, after the user edited marked cells or inserted rows, and
 * for thousands of cells with the same number of Spreadsheet calls as for a hundred.
 */
import type { ClearResult, ShowResult } from '../../src/addon/marks';
import type { ValidationPage } from '../../src/addon/validate';
import { FakeSpreadsheet } from '../support/fake-apps-script';
import { loadAddon } from '../support/addon-harness';
import { MATRIX_SHEET, governanceWorkbook } from './workbooks';

const NOW = new Date('2026-11-20T03:00:00Z');

function snapshots(ss: FakeSpreadsheet) {
  return Object.fromEntries(ss.sheets.map((s) => [s.name, s.snapshot()]));
}

/** A workbook whose finding cells and their neighbours carry the user's colours and notes. */
function decoratedWorkbook(): FakeSpreadsheet {
  const ss = governanceWorkbook();
  const m = ss.sheet(MATRIX_SHEET);
  m.edit('B11', { background: '#00ff00', note: 'Ask Dana about this step.' });
  m.edit('B12', { note: 'Két A – szándékosan? ✓' });
  m.edit('C12', { background: '#ffe599', note: 'neighbour note' });
  m.edit('D13', { background: '#0000ff' });
  m.edit('H11', { note: '=SUM(A1:A3) is not a formula here' });
  return ss;
}

function manyFindings(rows: number): FakeSpreadsheet {
  const ss = new FakeSpreadsheet('Etc/UTC');
  const grid: unknown[][] = [['Activity', 'Owner', 'Manager', 'Analyst', 'Notes']];
  for (let i = 1; i <= rows; i++) grid.push([`Step ${i}`, 'A', 'A', 'R', '']);
  const sheet = ss.addSheet('RACI', grid);
  for (let i = 2; i <= rows + 1; i += 3)
    sheet.edit(`A${i}`, { background: '#d9ead3', note: `user note ${i}` });
  return ss;
}

describe('show findings in the sheet', () => {
  it('colours each finding cell by severity and adds a note listing its findings', () => {
    const ss = decoratedWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    const page = addon.call<ValidationPage>('validate');
    const result = addon.call<ShowResult>('showFindings');
    const cells = new Set(
      page.findings.filter((f) => f.cell && !f.waived).map((f) => `${f.sheet}!${f.cell}`),
    );
    expect(result.marked).toBe(cells.size);
    expect(result.notShown).toBe(0);
    const m = ss.sheet(MATRIX_SHEET);
    expect(m.inspect('B11').background).toBe('#f4cccc');
    expect(m.inspect('B11').note).toMatch(/^RACI Guard: 1 finding \(error\)/);
    expect(m.inspect('B11').note).toContain('[matrix/no-accountable, error]');
    expect(m.inspect('B11').note).toContain('Your note:\nAsk Dana about this step.');
    expect(m.inspect('C12')).toMatchObject({ background: '#ffe599', note: 'neighbour note' });
    expect(ss.sheet('Register').inspect('A1').background).toBe('#ffffff');
  });

  it('clear restores every background and note exactly', () => {
    const ss = decoratedWorkbook();
    const before = snapshots(ss);
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    expect(snapshots(ss)).not.toEqual(before);
    const cleared = addon.call<ClearResult>('clearFindings');
    expect(cleared.keptUserChanges).toBe(0);
    expect(snapshots(ss)).toEqual(before);
    expect(
      [...addon.fake.properties.store.keys()].filter((k) => k.startsWith('raciGuard.marks')),
    ).toEqual([]);
  });

  it('showing twice then clearing still restores the original state', () => {
    const ss = decoratedWorkbook();
    const before = snapshots(ss);
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    const second = addon.call<ShowResult>('showFindings');
    expect(second.restoredFirst).toBeGreaterThan(0);
    expect(
      ss
        .sheet(MATRIX_SHEET)
        .inspect('B11')
        .note.match(/RACI Guard:/g),
    ).toHaveLength(1);
    addon.call('clearFindings');
    expect(snapshots(ss)).toEqual(before);
  });

  it("keeps the user's changes made between show and clear", () => {
    const ss = decoratedWorkbook();
    const before = snapshots(ss);
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    const m = ss.sheet(MATRIX_SHEET);
    m.edit('B11', { background: '#123456' });
    m.edit('B12', { note: 'Rewritten by the user.' });
    m.edit('E20', { value: 'typed later', note: 'new note' });
    const cleared = addon.call<ClearResult>('clearFindings');
    expect(cleared.keptUserChanges).toBe(2);
    expect(m.inspect('B11')).toMatchObject({
      background: '#123456',
      note: 'Ask Dana about this step.',
    });
    expect(m.inspect('B12')).toMatchObject({
      background: '#ffffff',
      note: 'Rewritten by the user.',
    });
    expect(m.inspect('E20')).toMatchObject({ value: 'typed later', note: 'new note' });
    const after = snapshots(ss);
    delete after[MATRIX_SHEET];
    const expected = { ...before };
    delete expected[MATRIX_SHEET];
    expect(after).toEqual(expected);
    expect(m.inspect('D13').background).toBe('#0000ff');
  });

  it('finds its marks after rows were inserted above them and restores them where they are now', () => {
    const ss = decoratedWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    const m = ss.sheet(MATRIX_SHEET);
    m.insertRowsBefore(2, 3);
    addon.call('clearFindings');
    expect(m.inspect('B14')).toMatchObject({
      background: '#00ff00',
      note: 'Ask Dana about this step.',
    });
    expect(m.inspect('B15')).toMatchObject({
      background: '#ffffff',
      note: 'Két A – szándékosan? ✓',
    });
    expect(m.inspect('D16').background).toBe('#0000ff');
    expect(m.inspect('B11')).toMatchObject({ background: '#ffffff', note: '' });
    const leftovers = Object.entries(m.snapshot()).filter(
      ([, c]) => c.note.startsWith('RACI Guard') || c.background === '#f4cccc',
    );
    expect(leftovers).toEqual([]);
  });

  it('restores a marked sheet that was renamed, and reports one that was deleted', () => {
    const ss = decoratedWorkbook();
    const addon = loadAddon(ss, { now: NOW });
    addon.call('showFindings');
    ss.sheet(MATRIX_SHEET).name = 'Renamed RACI';
    addon.call('clearFindings');
    expect(ss.sheet('Renamed RACI').inspect('B11')).toMatchObject({
      background: '#00ff00',
      note: 'Ask Dana about this step.',
    });

    const other = decoratedWorkbook();
    const second = loadAddon(other, { now: NOW });
    second.call('showFindings');
    other.sheets.splice(other.sheets.indexOf(other.sheet(MATRIX_SHEET)), 1);
    const cleared = second.call<ClearResult>('clearFindings');
    expect(cleared.missingSheets).toEqual([MATRIX_SHEET]);
    expect(cleared.message).toContain(`no longer there: ${MATRIX_SHEET}`);
  });

  it('marks thousands of cells with the same number of calls as a hundred, and restores them all', () => {
    const small = manyFindings(100);
    const large = manyFindings(3000);
    const beforeLarge = snapshots(large);
    const a = loadAddon(small, { now: NOW });
    const b = loadAddon(large, { now: NOW });
    a.fake.calls.reset();
    b.fake.calls.reset();
    const shownSmall = a.call<ShowResult>('showFindings');
    const shownLarge = b.call<ShowResult>('showFindings');
    expect(shownLarge.marked).toBeGreaterThanOrEqual(3000);
    expect(shownLarge.notShown).toBe(0);
    expect(shownSmall.marked).toBeLessThan(shownLarge.marked);
    expect(b.fake.calls.snapshot()).toEqual(a.fake.calls.snapshot());
    expect(b.fake.properties.size()).toBeLessThan(500 * 1024);
    a.fake.calls.reset();
    b.fake.calls.reset();
    a.call('clearFindings');
    b.call('clearFindings');
    expect(b.fake.calls.snapshot()).toEqual(a.fake.calls.snapshot());
    expect(snapshots(large)).toEqual(beforeLarge);
  });

  it('stops marking, and says so, when the record of previous states would outgrow the property store', () => {
    const ss = new FakeSpreadsheet('Etc/UTC');
    const grid: unknown[][] = [['Activity', 'Owner', 'Manager', 'Analyst']];
    for (let i = 1; i <= 400; i++) grid.push([`Step ${i}`, 'A', 'A', 'R']);
    const sheet = ss.addSheet('RACI', grid);
    for (let i = 2; i <= 401; i++)
      sheet.edit(`A${i}`, { note: `Long note ${i} `.padEnd(1500, 'x') });
    const before = snapshots(ss);
    const addon = loadAddon(ss, { now: NOW });
    const shown = addon.call<ShowResult>('showFindings');
    expect(shown.notShown).toBeGreaterThan(0);
    expect(shown.message).toContain('not marked');
    expect(addon.fake.properties.size()).toBeLessThan(500 * 1024);
    addon.call('clearFindings');
    expect(snapshots(ss)).toEqual(before);
  });
});
