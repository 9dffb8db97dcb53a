/**
 * The raw summary message: delivery headers set without touching the body, and a content hash
 * that is the same for two renderings of one summary and different when its content changes.
 */
import {
  contentHash,
  formatAddress,
  headerValue,
  prepareForDelivery,
} from '../../../audit/mail/raw-message';
import { buildSummaryMessage, type SummaryInput } from './support/summary-message';

const INPUT: SummaryInput = {
  sponsor: 'Ada Lovelace',
  quarter: '2026-Q3',
  compliance: 0.5,
  findings: [{ rule: 'matrix/no-accountable', item: 'Incident Management', message: 'No A.' }],
};

describe('contentHash', () => {
  it('is the same for two renderings of one summary (boundaries, Date, Message-ID, To differ)', async () => {
    const first = await buildSummaryMessage(INPUT, 'ada@example.org');
    const second = await buildSummaryMessage(INPUT);
    expect(first.equals(second)).toBe(false);
    expect(contentHash(first)).toBe(contentHash(second));
  });

  it('ignores the zip timestamps that change every time the .xlsx attachment is rendered', async () => {
    const renderAt = async (iso: string) => {
      jest.useFakeTimers({
        now: new Date(iso),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        return await buildSummaryMessage(INPUT);
      } finally {
        jest.useRealTimers();
      }
    };
    const morning = await renderAt('2026-10-01T06:00:00Z');
    const evening = await renderAt('2026-10-01T18:30:00Z');
    const attachmentOf = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n').pop();
    expect(attachmentOf(morning)).not.toBe(attachmentOf(evening));
    expect(contentHash(morning)).toBe(contentHash(evening));
  });

  it.each([
    ['the compliance', { compliance: 0.75 }],
    [
      'only a cell of the attachment',
      { findings: [{ ...INPUT.findings[0], message: 'No A on any row.' }] },
    ],
    ['the quarter', { quarter: '2026-Q4' }],
  ])('changes with %s', async (_label, change) => {
    const before = await buildSummaryMessage(INPUT);
    const after = await buildSummaryMessage({ ...INPUT, ...change });
    expect(contentHash(after)).not.toBe(contentHash(before));
  });
});

describe('prepareForDelivery', () => {
  const from = { name: 'RACI Guard', address: 'governance@example.org' };
  const to = { name: 'Ada Lovelace', address: 'ada@example.org' };
  const date = new Date(Date.UTC(2026, 9, 1, 6, 0, 0));

  it('replaces address headers, sets Date and Message-ID, and keeps the body bytes', () => {
    const body = Buffer.from([0x48, 0x69, 0xe9, 0x0a, 0x0a, 0x00, 0xff]);
    const raw = Buffer.concat([
      Buffer.from('To: old@example.org\nSubject: Hi\nBcc: a@example.org,\n b@example.org\n\n'),
      body,
    ]);
    const prepared = prepareForDelivery(raw, { from, to, date });
    expect(prepared.subarray(prepared.length - body.length).equals(body)).toBe(true);
    expect(headerValue(prepared, 'to')).toBe('"Ada Lovelace" <ada@example.org>');
    expect(headerValue(prepared, 'from')).toBe('"RACI Guard" <governance@example.org>');
    expect(headerValue(prepared, 'bcc')).toBeNull();
    expect(headerValue(prepared, 'subject')).toBe('Hi');
    expect(headerValue(prepared, 'date')).toBe('Thu, 01 Oct 2026 06:00:00 +0000');
    expect(headerValue(prepared, 'message-id')).toMatch(/^<[0-9a-f-]+@example\.org>$/);
  });

  it('replaces the rendered Date and Message-ID, so a resend is not dropped as a duplicate', () => {
    const raw = Buffer.from(
      'Date: Wed, 30 Sep 2026 12:00:00 +0000\r\nMessage-ID: <raci-audit.2026-Q3.ada@x>\r\n\r\nHi',
    );
    const first = prepareForDelivery(raw, { from, to, date });
    const second = prepareForDelivery(raw, { from, to, date });
    expect(headerValue(first, 'date')).toBe('Thu, 01 Oct 2026 06:00:00 +0000');
    expect(headerValue(first, 'message-id')).toMatch(/^<[0-9a-f-]+@example\.org>$/);
    expect(headerValue(first, 'message-id')).not.toBe(headerValue(second, 'message-id'));
    expect(first.toString('latin1').match(/^(Date|Message-ID):/gim)).toHaveLength(2);
  });
});

describe('formatAddress', () => {
  it.each([
    [{ name: '', address: 'a@example.org' }, 'a@example.org'],
    [{ name: 'Say "Hi"', address: 'a@example.org' }, '"Say \\"Hi\\"" <a@example.org>'],
    [
      { name: 'Evil\r\nBcc: x@y.z', address: 'a@example.org' },
      '"Evil  Bcc: x@y.z" <a@example.org>',
    ],
    [{ name: 'José', address: 'j@example.org' }, '=?UTF-8?Q?Jos=C3=A9?= <j@example.org>'],
  ])('%j', (address, expected) => {
    expect(formatAddress(address)).toBe(expected);
  });
});
