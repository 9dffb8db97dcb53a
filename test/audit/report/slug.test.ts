/**
 * Sponsor slugs become file names (`sponsors/<slug>.html`, `.txt`, `.eml`), so a sponsor name
 * from an untrusted workbook must never escape the sponsors folder, name a Windows device,
 * carry a control character, or land on another sponsor's file. Tables of hostile names for
 * `slugify`, the de-duplication of `uniqueSlugs` (long names that agree after shortening, a
 * sponsor named "No sponsor" beside the unassigned group), and the same through `buildReport`
 * on real core results.
 */
import { basename, join } from 'node:path';
import { toCellValue } from '../../../audit/read/xlsx';
import { buildReport, type AuditedFile } from '../../../audit/report/model';
import { MAX_SLUG_LENGTH, UNASSIGNED_SLUG, slugify, uniqueSlugs } from '../../../audit/report/slug';
import { analyse } from '../../../src/core/analyse';
import { defaultConfig } from '../../../src/core/config';
import { organisation, type OrgOptions } from '../support/workbooks';

const SAFE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const LONG = 'Very Long Sponsor Name Belonging To A Committee Of The Board Of ';

/** Fails unless `slug` is safe as the base of a file name inside `sponsors/`. */
function expectSafe(slug: string): void {
  expect(slug).toMatch(SAFE_SLUG);
  expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  expect(slug).not.toMatch(WINDOWS_DEVICE);
  for (const ext of ['.html', '.txt', '.eml']) {
    const path = join('out', '2026-Q3', 'sponsors', `${slug}${ext}`);
    expect(basename(path)).toBe(`${slug}${ext}`);
    expect(path.startsWith(join('out', '2026-Q3', 'sponsors') + '/')).toBe(true);
  }
}

describe('slugify', () => {
  it.each([
    ['path traversal with slashes', '../../etc/passwd', 'etc-passwd'],
    ['path traversal with backslashes', '..\\..\\x', 'x'],
    ['an absolute path', '/abs', 'abs'],
    ['a Windows drive path', 'C:\\Windows\\System32', 'c-windows-system32'],
    ['a single dot', '.', 'sponsor'],
    ['two dots', '..', 'sponsor'],
    ['only symbols', '!@#$%^&*()', 'sponsor'],
    ['only emoji', '🙂🎉👩‍💼', 'sponsor'],
    ['emoji around a name', '🎉 Ann Lee 🎉', 'ann-lee'],
    ['another script', '李雷', 'sponsor'],
    ['control characters', 'Ann\u0000Lee\r\n\tJr\u0007', 'ann-lee-jr'],
    ['a right-to-left override', '\u202eAnn Lee\u202c', 'ann-lee'],
    ['a zero-width space', 'Ann\u200bLee', 'ann-lee'],
    ['accents', 'Zoë Brontë', 'zoe-bronte'],
    ['letters NFKD keeps whole', 'Straße Søren Ærø Łukasz', 'strasse-soren-aero-lukasz'],
    ['fullwidth letters', 'Ａｎｎ', 'ann'],
    ['CON', 'CON', 'con-sponsor'],
    ['nul', 'nul', 'nul-sponsor'],
    ['COM1', 'COM1', 'com1-sponsor'],
    ['lpt9 with spaces', '  Lpt9 ', 'lpt9-sponsor'],
    ['Aux. with a dot', 'Aux.', 'aux-sponsor'],
    ['fullwidth CON', 'ＣＯＮ', 'con-sponsor'],
    ['COM with a superscript one', 'COM¹', 'com1-sponsor'],
    ['a name starting with a device name', 'Con Edison', 'con-edison'],
    ['a long name', 'x'.repeat(500), 'x'.repeat(MAX_SLUG_LENGTH)],
    ['a long name cut at a dash', `${'a'.repeat(59)} b`, 'a'.repeat(59)],
  ])('%s: %j -> %j', (_what, name, slug) => {
    expect(slugify(name)).toBe(slug);
    expectSafe(slugify(name));
  });
});

describe('uniqueSlugs', () => {
  it.each([
    ['the same name twice', [{ name: 'Ann Lee' }, { name: 'ANN  LEE' }], ['ann-lee', 'ann-lee-2']],
    [
      'a name that is another one plus its suffix',
      [{ name: 'Ann' }, { name: 'Ann' }, { name: 'Ann 2' }],
      ['ann', 'ann-2', 'ann-2-2'],
    ],
    [
      'a sponsor named "No sponsor" beside the unassigned group',
      [{ name: 'No sponsor' }, { name: 'No sponsor', unassigned: true }],
      ['no-sponsor-2', UNASSIGNED_SLUG],
    ],
    [
      'a sponsor named "No sponsor" with no unassigned group',
      [{ name: 'No sponsor' }],
      ['no-sponsor'],
    ],
    [
      'names with nothing usable',
      [{ name: '🙂' }, { name: '李雷' }, { name: 'Sponsor' }],
      ['sponsor', 'sponsor-2', 'sponsor-3'],
    ],
    ['device names', [{ name: 'CON' }, { name: 'con' }], ['con-sponsor', 'con-sponsor-2']],
  ])('%s', (_what, sponsors, slugs) => {
    expect(uniqueSlugs(sponsors)).toEqual(slugs);
  });

  it('keeps long names that agree in their first 60 characters apart, within the length', () => {
    const sponsors = Array.from({ length: 12 }, (_, i) => ({ name: `${LONG}${'x'.repeat(i)}` }));
    const slugs = uniqueSlugs(sponsors);
    expect(new Set(slugs).size).toBe(12);
    slugs.forEach(expectSafe);
    expect(slugs[0]).toBe(slugify(LONG));
    expect(slugs[1]).toMatch(/-2$/);
    expect(slugs[11]).toMatch(/-12$/);
    expect(slugs[11].length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  });

  it('gives every one of many hostile names a safe slug of its own', () => {
    const names = [
      '../../etc/passwd',
      '..\\..\\etc\\passwd',
      'etc/passwd',
      '/etc/passwd',
      'CON',
      'con.html',
      'NUL',
      '',
      ' ',
      '🙂',
      '🙃',
      '\u0000',
      'No sponsor',
      'no-sponsor',
      ...Array.from({ length: 30 }, (_, i) => `${LONG}${LONG}${i}`),
    ];
    const sponsors = [...names.map((name) => ({ name })), { name: 'No sponsor', unassigned: true }];
    const slugs = uniqueSlugs(sponsors);
    expect(new Set(slugs).size).toBe(sponsors.length);
    slugs.forEach(expectSafe);
    expect(slugs[slugs.length - 1]).toBe(UNASSIGNED_SLUG);
  });
});

describe('sponsor slugs in the report model', () => {
  function audited(file: string, options: OrgOptions): AuditedFile {
    const sheets = organisation(options).map((s) => ({
      name: s.name,
      rows: s.rows.map((r) => r.map((v) => toCellValue(v))),
    }));
    const result = analyse(sheets, { today: '2026-10-01', quarter: '2026-Q3', asOf: '2026-09-30' });
    return { file, sha256: file.padEnd(64, '0'), result };
  }

  function sponsorsOf(files: AuditedFile[]) {
    return buildReport({
      quarter: { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-09-30',
      files,
      config: defaultConfig(),
    }).sponsors;
  }

  it('keeps no-sponsor for the unassigned items when a sponsor is named "No sponsor"', () => {
    const sponsors = sponsorsOf([
      audited('a.xlsx', { prefix: 'A ', sponsorOfSecond: 'No sponsor' }),
      audited('b.xlsx', { prefix: 'B ', sponsorOfSecond: '' }),
    ]);
    const named = sponsors.find((s) => s.name === 'No sponsor' && !s.unassigned);
    const unassigned = sponsors.find((s) => s.unassigned);
    expect(named?.slug).toBe('no-sponsor-2');
    expect(named?.itemList).toEqual([{ file: 'a.xlsx', name: 'A Payments' }]);
    expect(unassigned?.slug).toBe(UNASSIGNED_SLUG);
    expect(unassigned?.itemList).toEqual([{ file: 'b.xlsx', name: 'B Payments' }]);
  });

  it('gives hostile and long sponsor names safe, unique slugs', () => {
    const names = ['../../etc/passwd', 'CON', '🙂', `${LONG}one`, `${LONG}two`, `${LONG}three`];
    const sponsors = sponsorsOf(
      names.map((name, i) => audited(`w${i}.xlsx`, { prefix: `W${i} `, sponsorOfSecond: name })),
    );
    expect(sponsors.map((s) => s.name)).toEqual(expect.arrayContaining(names));
    const slugs = sponsors.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    slugs.forEach(expectSafe);
  });
});
