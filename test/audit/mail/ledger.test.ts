/** The delivery ledger on disk: reading, atomic writing, keys, and the send lock. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireSendLock,
  findEntry,
  LedgerError,
  LOCK_FILE,
  readLedger,
  withEntry,
  writeLedger,
  type DeliveryLedger,
  type LedgerEntry,
} from '../../../audit/mail/ledger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raci-ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (slug: string, to: string | null, state: LedgerEntry['state']): LedgerEntry => ({
  quarter: '2026-Q3',
  sponsor: slug,
  slug,
  to,
  contentHash: null,
  state,
  attempts: 1,
});

describe('delivery ledger', () => {
  it('reads a missing ledger as empty and round-trips what it writes, leaving no temp file', async () => {
    const file = join(dir, 'delivery-ledger.json');
    const empty = await readLedger(file, '2026-Q3');
    expect(empty).toEqual({ schemaVersion: 1, quarter: '2026-Q3', entries: [] });
    const ledger = withEntry(
      withEntry(empty, entry('zed', 'z@x.org', 'failed')),
      entry('amy', null, 'no-email'),
    );
    await writeLedger(file, ledger);
    await writeLedger(file, withEntry(ledger, entry('zed', 'z@x.org', 'delivered')));

    const stored = await readLedger(file, '2026-Q3');
    expect(stored.entries.map((e) => [e.slug, e.state])).toEqual([
      ['amy', 'no-email'],
      ['zed', 'delivered'],
    ]);
    expect(await readdir(dir)).toEqual(['delivery-ledger.json']);
  });

  it('keys entries by quarter, sponsor slug and recipient (case-insensitive address)', () => {
    let ledger: DeliveryLedger = { schemaVersion: 1, quarter: '2026-Q3', entries: [] };
    ledger = withEntry(ledger, entry('ada', 'Ada@Example.org', 'delivered'));
    ledger = withEntry(ledger, entry('ada', 'ada.new@example.org', 'failed'));
    expect(
      findEntry(ledger, { quarter: '2026-Q3', slug: 'ada', to: 'ada@example.org' })?.state,
    ).toBe('delivered');
    expect(
      findEntry(ledger, { quarter: '2026-Q4', slug: 'ada', to: 'ada@example.org' }),
    ).toBeUndefined();
    expect(ledger.entries).toHaveLength(2);
  });

  it.each([
    ['not JSON', '{"schemaVersion":', /not valid JSON/],
    [
      'another schema',
      '{"schemaVersion": 2, "quarter": "2026-Q3", "entries": []}',
      /not a delivery ledger/,
    ],
    [
      'entries without slugs',
      '{"schemaVersion": 1, "quarter": "2026-Q3", "entries": [{}]}',
      /not a delivery ledger/,
    ],
    [
      'another quarter',
      '{"schemaVersion": 1, "quarter": "2026-Q2", "entries": []}',
      /quarter 2026-Q2/,
    ],
  ])('refuses a ledger that is %s', async (_label, text, message) => {
    const file = join(dir, 'delivery-ledger.json');
    await writeFile(file, text);
    const reading = readLedger(file, '2026-Q3');
    await expect(reading).rejects.toBeInstanceOf(LedgerError);
    await expect(readLedger(file, '2026-Q3')).rejects.toThrow(message);
  });

  it('holds the send lock until released, then lets the next run take it', async () => {
    const release = await acquireSendLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await expect(acquireSendLock(dir)).rejects.toThrow(/another raci-audit --send/);
    await release();
    const again = await acquireSendLock(dir);
    await again();
    expect(await readdir(dir)).toEqual([]);
  });
});
