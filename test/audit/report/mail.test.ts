/**
 * The sponsor mail as the audit now composes it (audit/report/mail.ts): text parts handed to
 * nodemailer in chunks with the transfer encoding chosen up front, and the .eml streamed to its
 * file (writeStreamAtomic). Checked against nodemailer's own whole-string composition, which is
 * how the mail was composed before: the same transfer encoding for every kind of text, and for
 * a large summary the same headers and the same message once parsed by mailparser (subject,
 * addresses, text, HTML, attachment). Also: the pre-rendered summary is what gets sent, no
 * space at a chunk's end turns into =20, and a failed stream leaves the old .eml and no temp file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { renderSummaryHtml } from '../../../audit/report/html';
import {
  composeSponsorMail,
  renderSponsorSummary,
  sponsorMailStream,
  textTransferEncoding,
} from '../../../audit/report/mail';
import type { ReportFinding, ReportJson, ReportSponsor } from '../../../audit/report/model';
import { summariseSponsor, summarySubject } from '../../../audit/report/summary';
import { renderSummaryText } from '../../../audit/report/text';
import { writeStreamAtomic } from '../../../audit/run-audit';
import { HOSTILE_NAME, fixtureReport } from '../support/report-fixture';

const FROM = 'RACI Guard <audit@example.org>';

/** Returns the transfer encoding nodemailer itself gives a text part passed as a whole string. */
async function nodemailerEncoding(text: string): Promise<string> {
  const raw = (await new MailComposer({ from: FROM, text }).compile().build()).toString('latin1');
  return /^Content-Transfer-Encoding: (\S+)/m.exec(raw)?.[1] ?? 'none';
}

/** Returns the message as composed before: nodemailer given the whole HTML and text strings. */
function wholeStringMail(
  report: ReportJson,
  sponsor: ReportSponsor,
  attachment: Buffer,
): Promise<Buffer> {
  const summary = summariseSponsor(report, sponsor);
  return new MailComposer({
    from: FROM,
    ...(sponsor.email ? { to: { name: sponsor.name, address: sponsor.email } } : {}),
    subject: summarySubject(summary),
    text: renderSummaryText(summary),
    html: renderSummaryHtml(summary),
    date: new Date(`${report.asOf}T12:00:00Z`),
    messageId: `<raci-audit.${report.quarter}.${sponsor.slug}@example.org>`,
    headers: { 'X-RACI-Audit-Quarter': report.quarter },
    attachments: [
      {
        filename: `findings-${sponsor.slug}-${report.quarter}.xlsx`,
        content: attachment,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  })
    .compile()
    .build();
}

/** Returns every header line of the message and its parts, with the random boundary blanked. */
function headerLines(raw: Buffer): string[] {
  // The message's own header block and each part's (after a boundary line, up to a blank line).
  const lines: string[] = [];
  let inHeader = true;
  for (const line of raw.toString('latin1').split(/\r?\n/)) {
    if (/^--(--_NmP-[0-9a-f]+-Part_\d+)(--)?$/.test(line)) inHeader = true;
    else if (line === '') inHeader = false;
    else if (inHeader) lines.push(line.replace(/_NmP-[0-9a-f]+-Part/g, '_NmP-boundary-Part'));
  }
  return lines;
}

/** Returns what a reader of the parsed message sees. */
function readable(mail: ParsedMail) {
  return {
    subject: mail.subject,
    from: mail.from?.text,
    to: mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined,
    messageId: mail.messageId,
    date: mail.date?.toISOString(),
    quarter: mail.headers.get('x-raci-audit-quarter'),
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content.toString('base64'),
    })),
  };
}

/** Returns the bytes of a stream, collected. */
async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Returns the fixture report with a large first sponsor: 400 items, 1,600 findings, names with
 * accents and symbols, so its HTML and text run to many chunks and need encoding.
 */
function largeReport(): ReportJson {
  const report = fixtureReport();
  const dana = report.sponsors[0];
  const base = report.items[1];
  const findings: ReportFinding[] = [];
  dana.itemList = [];
  report.items = report.items.filter((i) => i.sponsor !== dana.name);
  for (let n = 0; n < 400; n++) {
    const name = `Größe › Zoë's service ${n}  (trailing space) `;
    report.items.push({ ...base, name, compliant: n % 3 === 0 });
    dana.itemList.push({ file: base.file, name });
    for (let k = 0; k < 4; k++) {
      findings.push({
        rule: 'matrix/no-accountable',
        severity: (['error', 'warning', 'info'] as const)[k % 3],
        message: `Activity "Approve ${n}.${k} — ${HOSTILE_NAME}" has no A.\tSee the matrix.`,
        file: base.file,
        sheet: `Matrix ${n}`,
        cell: `B${k + 2}`,
        item: name,
      });
    }
  }
  report.findings = [...report.findings, ...findings];
  dana.items = 400;
  return report;
}

describe('the transfer encoding of a text part', () => {
  it.each([
    ['short ASCII lines', 'Hello\nWorld\n'],
    ['a 76-character line', 'x'.repeat(76)],
    ['a 77-character line', 'x'.repeat(77)],
    ['lines ended by CR', `a\r${'x'.repeat(76)}\r${'y'.repeat(76)}`],
    ['a CRLF line of 77', `a\r\n${'x'.repeat(77)}`],
    ['tabs', 'tab\there\n'],
    ['DEL', 'delete \x7f here'],
    ['a control character', 'bell \x07 rings'],
    ['one accent among letters', 'Zoë Ünal'],
    ['as many accents as letters', 'é a'],
    ['Cyrillic', 'Привет мир ok'],
    ['Japanese', '日本語 ab'],
    ['emoji outnumbering letters', '😀😀 ab'],
    ['letters outnumbering an emoji', '😀 abc'],
    ['a line separator', `ab\u2028${'x'.repeat(76)}`],
    ['over 128 KB of short lines', 'short line\n'.repeat(15000)],
    ['over 128 KB of digits and spaces only', '12 34 56\n'.repeat(16000)],
    ['over 128 KB with one accented letter', `${'short line\n'.repeat(15000)}Zoë`],
    ['over 128 KB of mostly non-ASCII text', `${'東京\n'.repeat(50000)}ab`],
    ['over 128 KB with a separator on every line', 'Item · next › done\n'.repeat(8000)],
    ['over 128 KB, as many accents as letters', `${'é'.repeat(70000)}${'a'.repeat(70000)}`],
    ['over 128 KB, one letter more than accents', `${'é'.repeat(70000)}${'a'.repeat(70001)}`],
  ])('%s: the one nodemailer chooses for the whole string', async (_name, text) => {
    expect(textTransferEncoding(text)).toBe(await nodemailerEncoding(text));
  });
});

/** Returns a rendering's pieces joined. */
function whole(render: () => Iterable<string>): string {
  return [...render()].join('');
}

/** Returns `text` cut into pieces of `size` characters (lines and words cut anywhere). */
function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

describe('the sponsor mail', () => {
  const attachment = Buffer.from('PK\u0003\u0004 stand-in workbook bytes');

  it('a large summary: the same headers and, parsed, the same message as the whole-string composition', async () => {
    const report = largeReport();
    const sponsor = report.sponsors[0];
    const rendered = renderSponsorSummary(report, sponsor);
    expect(Buffer.byteLength(whole(rendered.html))).toBeGreaterThan(400_000);
    expect(Buffer.byteLength(whole(rendered.text))).toBeGreaterThan(100_000);
    const before = await wholeStringMail(report, sponsor, attachment);
    const now = await composeSponsorMail(report, sponsor, { from: FROM, attachment });
    expect(headerLines(now)).toEqual(headerLines(before));
    expect(headerLines(now)).toEqual(
      expect.arrayContaining([
        'Content-Type: text/plain; charset=utf-8',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
      ]),
    );
    const parsed = readable(await simpleParser(now));
    expect(parsed).toEqual(readable(await simpleParser(before)));
    expect(parsed.html).toBe(whole(rendered.html));
    expect(parsed.text).toBe(whole(rendered.text));
    // Quoted-printable keeps every line within 76 characters, as before.
    const longest = (raw: Buffer) =>
      Math.max(
        ...raw
          .toString('latin1')
          .split(/\r?\n/)
          .map((line) => line.length),
      );
    expect(longest(before)).toBeLessThanOrEqual(76);
    expect(longest(now)).toBeLessThanOrEqual(76);
  });

  it('streamed, it is the same message as composed in memory', async () => {
    const report = largeReport();
    const sponsor = report.sponsors[0];
    const streamed = await collect(sponsorMailStream(report, sponsor, { from: FROM, attachment }));
    const inMemory = await composeSponsorMail(report, sponsor, { from: FROM, attachment });
    expect(headerLines(streamed)).toEqual(headerLines(inMemory));
    expect(readable(await simpleParser(streamed))).toEqual(readable(await simpleParser(inMemory)));
  });

  it('a sponsor without email and a small summary: as before, 7bit text where nodemailer chose it', async () => {
    const report = fixtureReport();
    const sponsor = report.sponsors[1];
    const before = await wholeStringMail(report, sponsor, attachment);
    const now = await composeSponsorMail(report, sponsor, { from: FROM, attachment });
    expect(headerLines(now)).toEqual(headerLines(before));
    expect(readable(await simpleParser(now))).toEqual(readable(await simpleParser(before)));
    expect((await simpleParser(now)).to).toBeUndefined();
  });

  it('sends the summary rendered beforehand, not a second rendering', async () => {
    const report = fixtureReport();
    const sponsor = report.sponsors[0];
    const rendered = renderSponsorSummary(report, sponsor);
    const text = `${whole(rendered.text)}Rendered once.\n`;
    const html = whole(rendered.html).replace('</body>', '<p>Rendered once.</p></body>');
    expect(html).not.toBe(whole(rendered.html));
    const mail = await simpleParser(
      await composeSponsorMail(report, sponsor, {
        from: FROM,
        attachment,
        rendered: { ...rendered, text: () => [text], html: () => [html] },
      }),
    );
    expect(mail.text).toBe(text);
    expect(mail.html).toBe(html);
  });

  it('is the same message whether its text and HTML come whole or in pieces cut anywhere', async () => {
    const report = largeReport();
    const sponsor = report.sponsors[0];
    const rendered = renderSponsorSummary(report, sponsor);
    const html = whole(rendered.html);
    const text = `${whole(rendered.text)}Grüße, naïve café\n  trailing blank \nend`;
    const inPieces = await composeSponsorMail(report, sponsor, {
      from: FROM,
      attachment,
      rendered: { ...rendered, text: () => cut(text, 7), html: () => cut(html, 1000) },
    });
    const inOne = await composeSponsorMail(report, sponsor, {
      from: FROM,
      attachment,
      rendered: { ...rendered, text: () => [text], html: () => [html] },
    });
    // Byte for byte, but for the random MIME boundary.
    const blanked = (raw: Buffer) =>
      raw.toString('latin1').replace(/_NmP-[0-9a-f]+-Part/g, '_NmP-boundary-Part');
    expect(blanked(inPieces) === blanked(inOne)).toBe(true);
    expect((await simpleParser(inPieces)).text).toBe(text);
    for (const sample of [text, html, 'x'.repeat(80), `${'é'.repeat(40)}\n`, 'short\nlines\n']) {
      for (const size of [1, 3, 77]) {
        expect([sample.length, size, textTransferEncoding(cut(sample, size))]).toEqual([
          sample.length,
          size,
          textTransferEncoding(sample),
        ]);
      }
    }
  });

  it.each([
    ['a space', ' '],
    ['a tab', '\t'],
  ])('%s at a chunk boundary is not written as an escape', async (_name, blank) => {
    const report = fixtureReport();
    const sponsor = report.sponsors[0];
    const rendered = renderSponsorSummary(report, sponsor);
    // 16 KB chunks: the blank is the 16,384th byte, then a multi-byte letter straddles the next.
    const text = `${'word '.repeat(3276)}abc${blank}${'x'.repeat(16382)}é${'tail words '.repeat(50)}end.`;
    const raw = await composeSponsorMail(report, sponsor, {
      from: FROM,
      attachment,
      rendered: { ...rendered, text: () => [text] },
    });
    const textPart = raw.toString('latin1').split('text/html')[0];
    expect(textPart).not.toContain(blank === ' ' ? '=20' : '=09');
    expect((await simpleParser(raw)).text).toBe(text);
  });
});

describe('writeStreamAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'raci-mail-stream-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the stream to the file through a temp file, leaving nothing else', async () => {
    const report = fixtureReport();
    const path = join(dir, 'sponsors', 'dana-whitfield.eml');
    await writeStreamAtomic(
      path,
      sponsorMailStream(report, report.sponsors[0], { from: FROM, attachment: Buffer.from('x') }),
    );
    expect(readdirSync(join(dir, 'sponsors'))).toEqual(['dana-whitfield.eml']);
    expect((await simpleParser(readFileSync(path))).subject).toBe(
      'RACI compliance 2026-Q3: 1 of 2 items compliant (50%)',
    );
  });

  it('a stream that fails keeps the previous file and leaves no temp file', async () => {
    const path = join(dir, 'dana-whitfield.eml');
    writeFileSync(path, 'previous message');
    let sent = false;
    const failing = new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push('partial message');
        } else this.destroy(new Error('the composer failed'));
      },
    });
    await expect(writeStreamAtomic(path, failing)).rejects.toThrow('the composer failed');
    expect(readdirSync(dir)).toEqual(['dana-whitfield.eml']);
    expect(readFileSync(path, 'utf8')).toBe('previous message');
  });
});
