/**
 * FileRecords, where an audit keeps its findings and items while the reports are written: the
 * same records in the same order whether held in memory or spilled to a temp file, spilling
 * once past its threshold (records held before move to the file), reading only the files
 * asked for, replacing a file's records, and leaving no temp file behind.
 */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRecords, recordsOfFiles } from '../../../audit/report/file-records';
import { tempDir } from '../support/workbooks';

interface Row {
  file: string;
  n: number;
  text: string;
}

const row = (file: string, n: number): Row => ({ file, n, text: `${file} #${n} ✓ "quoted"` });

/** Adds, in this order: c (2), a (1), b (0: nothing), c again (1), d (3). */
function fill(records: FileRecords<Row>): void {
  records.add('c.xlsx', [row('c.xlsx', 1), row('c.xlsx', 2)]);
  records.add('a.xlsx', [row('a.xlsx', 1)]);
  records.add('b.xlsx', []);
  records.add('c.xlsx', [row('c.xlsx', 3)]);
  records.add('d.xlsx', [row('d.xlsx', 1), row('d.xlsx', 2), row('d.xlsx', 3)]);
}

const tmp = tempDir('raci-records-');
afterAll(() => tmp.cleanup());

describe('FileRecords', () => {
  it.each([
    ['held in memory', Infinity],
    ['spilled from the first record', 0],
    ['spilled once past 4 records, those held before moved', 4],
  ])('%s: the same records, file by file in the order set', (_what, spillAbove) => {
    const records = new FileRecords<Row>('rows', { spillAbove, tempDir: tmp.dir });
    try {
      fill(records);
      expect(records.spilled).toBe(spillAbove !== Infinity);
      expect(records.length).toBe(7);
      expect(records.fileNames()).toEqual(['c.xlsx', 'a.xlsx', 'd.xlsx']);
      expect(records.parts('c.xlsx')).toBe(2);
      // In the order first added until sorted; each file's records in the order added.
      expect([...records].map((r) => `${r.file}:${r.n}`)).toEqual([
        'c.xlsx:1',
        'c.xlsx:2',
        'c.xlsx:3',
        'a.xlsx:1',
        'd.xlsx:1',
        'd.xlsx:2',
        'd.xlsx:3',
      ]);
      records.sortFiles((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect([...records].map((r) => r.file)).toEqual([
        'a.xlsx',
        'c.xlsx',
        'c.xlsx',
        'c.xlsx',
        'd.xlsx',
        'd.xlsx',
        'd.xlsx',
      ]);
      expect(records.ofFile('d.xlsx')[2]).toEqual(row('d.xlsx', 3));
      expect(records.ofFile('b.xlsx')).toEqual([]);
      expect(
        [...records.ofFiles(new Set(['d.xlsx', 'a.xlsx', 'x.xlsx']))].map((r) => r.file),
      ).toEqual(['a.xlsx', 'd.xlsx', 'd.xlsx', 'd.xlsx']);
      // Read twice (the last file is kept), and again after replacing it.
      expect(records.ofFile('c.xlsx')).toEqual(records.ofFile('c.xlsx'));
      records.replace('c.xlsx', [row('c.xlsx', 9)]);
      expect(records.ofFile('c.xlsx')).toEqual([row('c.xlsx', 9)]);
      expect(records.parts('c.xlsx')).toBe(1);
      expect(records.length).toBe(5);
      expect(() => records.replace('x.xlsx', [])).toThrow('no rows of x.xlsx to replace');
    } finally {
      records.close();
    }
  });

  it.each([
    ['held in memory', Infinity],
    ['spilled', 0],
  ])(
    '%s: keeps a copy, so a record changed after it was added is not changed there',
    (_what, spillAbove) => {
      const records = new FileRecords<Row>('rows', { spillAbove, tempDir: tmp.dir });
      try {
        const added = [row('a.xlsx', 1)];
        records.add('a.xlsx', added);
        added[0].text = 'changed';
        added.push(row('a.xlsx', 2));
        expect(records.ofFile('a.xlsx')).toEqual([row('a.xlsx', 1)]);
      } finally {
        records.close();
      }
    },
  );

  it('held with copy: false, keeps the records themselves (records that are copies already)', () => {
    const records = new FileRecords<Row>('rows', { copy: false });
    const added = row('a.xlsx', 1);
    records.add('a.xlsx', [added]);
    expect(records.ofFile('a.xlsx')[0]).toBe(added);
    records.close();
  });

  it('says where it could not write its temp file, and what to do', () => {
    const missing = join(tmp.dir, 'no-such-folder');
    const records = new FileRecords<Row>('rows', { spillAbove: 0, tempDir: missing });
    expect(() => records.add('a.xlsx', [row('a.xlsx', 1)])).toThrow(
      `could not keep the audit's rows in a temp file under ${missing} (ENOENT`,
    );
    expect(() => records.add('a.xlsx', [row('a.xlsx', 1)])).toThrow('set TMPDIR to another folder');
    records.close();
  });

  it('keeps its spill in a temp folder of its own and removes it on close, twice safely', () => {
    const before = new Set(readdirSync(tmp.dir));
    const records = new FileRecords<Row>('rows', { spillAbove: 0, tempDir: tmp.dir });
    fill(records);
    const made = readdirSync(tmp.dir).filter((name) => !before.has(name));
    expect(made).toEqual([expect.stringMatching(/^raci-audit-rows-/)]);
    records.close();
    expect(existsSync(join(tmp.dir, made[0]))).toBe(false);
    expect(records.length).toBe(0);
    expect([...records]).toEqual([]);
    records.close();
  });

  it('spills to the system temp folder by default and writes nothing while held in memory', () => {
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('raci-audit-rows-')));
    const held = new FileRecords<Row>('rows');
    fill(held);
    const spilled = new FileRecords<Row>('rows', { spillAbove: 0 });
    fill(spilled);
    try {
      const made = readdirSync(tmpdir()).filter(
        (n) => n.startsWith('raci-audit-rows-') && !before.has(n),
      );
      expect(made).toHaveLength(1);
    } finally {
      held.close();
      spilled.close();
    }
  });
});

describe('recordsOfFiles', () => {
  it('picks the same records, in order, from an array and from FileRecords', () => {
    const records = new FileRecords<Row>('rows', { spillAbove: 0, tempDir: tmp.dir });
    try {
      fill(records);
      const files = new Set(['c.xlsx', 'd.xlsx']);
      expect([...recordsOfFiles(records, files)]).toEqual(
        [...records].filter((r) => files.has(r.file)),
      );
      expect([...recordsOfFiles([...records], files)]).toEqual([...recordsOfFiles(records, files)]);
    } finally {
      records.close();
    }
  });
});
