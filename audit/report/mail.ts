/**
 * The sponsor's summary as a ready-to-send message (.eml, RFC 5322 via nodemailer's
 * MailComposer): an HTML part, a plain-text part and their findings workbook attached.
 * Sending it over SMTP (`--send`) is a separate issue; this only composes. A sponsor with no
 * known email gets a message with no To: header, which the CLI lists so nobody is skipped.
 *
 * The message is composed as a stream (`sponsorMailStream`), so the audit writes it straight to
 * its file. A large summary (some 2,000 findings, over 1 MB of HTML) is handed to nodemailer in
 * small chunks with its transfer encoding already chosen: given a whole string, nodemailer
 * quoted-printable-encodes it one character at a time into a single string and counts its
 * letters with a regular-expression match array, which leaves tens of MB of garbage per message
 * that outlives the young generation. Chunked, the garbage dies young and the message reads the
 * same: headers, parts and decoded content are those of the whole-string composition (tested);
 * only some quoted-printable soft line breaks fall at other places, as a chunk's last line is
 * wrapped before the next chunk is seen.
 */
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ReportJson, ReportSponsor, SponsorRows } from './model';
import { renderSummaryHtml } from './html';
import { summariseSponsor, summarySubject, type SponsorSummary } from './summary';
import { renderSummaryText } from './text';

export interface MailOptions {
  /** The From address, e.g. `RACI Guard <raci-guard@example.org>`. */
  from: string;
  /** The sponsor's findings workbook (renderSponsorWorkbook). */
  attachment: Buffer;
  /**
   * The sponsor's summary already worked out and rendered (the audit writes the same HTML and
   * text as the sponsor's .html and .txt), so it is not worked out and rendered a second time.
   */
  rendered?: RenderedSummary;
}

/** A sponsor summary and its two renderings, as the mail and the sponsor's files use them. */
export interface RenderedSummary {
  summary: SponsorSummary;
  /** `renderSummaryHtml(summary)`. */
  html: string;
  /** `renderSummaryText(summary)`. */
  text: string;
}

/**
 * Returns the sponsor's summary worked out once with its HTML and plain-text renderings; `rows`
 * are the sponsor's items and findings when already indexed (`sponsorRowsOf`).
 */
export function renderSponsorSummary(
  report: ReportJson,
  sponsor: ReportSponsor,
  rows?: SponsorRows,
): RenderedSummary {
  const summary = summariseSponsor(report, sponsor, rows);
  return { summary, html: renderSummaryHtml(summary), text: renderSummaryText(summary) };
}

/** Bytes per chunk a text part is handed to nodemailer's encoder in. */
const TEXT_CHUNK_BYTES = 16 * 1024;

// eslint-disable-next-line no-control-regex -- the characters nodemailer counts as not Latin
const CONTROL_OR_NON_ASCII = /[^\x09\x0a\x0d\x20-\x7f]/g;
const LATIN_LETTER = /[A-Za-z]/g;

/**
 * Returns the transfer encoding nodemailer would choose for a whole text string: `7bit` for
 * plain ASCII with no line over 76 characters (never for strings over 128 KB), otherwise
 * quoted-printable when Latin letters outnumber control and non-ASCII characters, else base64
 * (MimeNode's getTransferEncoding and _getTextEncoding), counted without building arrays.
 */
export function textTransferEncoding(text: string): '7bit' | 'quoted-printable' | 'base64' {
  // A large summary (over 128 KB, so never 7bit): count the few control and non-ASCII
  // characters, then Latin letters only until they outnumber them, with native scans instead of
  // a loop over every character.
  if (text.length > 128 * 1024) {
    let nonLatin = 0;
    CONTROL_OR_NON_ASCII.lastIndex = 0;
    while (CONTROL_OR_NON_ASCII.exec(text)) nonLatin++;
    let latin = 0;
    LATIN_LETTER.lastIndex = 0;
    while (latin <= nonLatin && LATIN_LETTER.exec(text)) latin++;
    LATIN_LETTER.lastIndex = 0;
    return nonLatin < latin ? 'quoted-printable' : 'base64';
  }
  let latin = 0;
  let nonLatin = 0;
  let lineLength = 0;
  let longLine = text.length > 128 * 1024;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    else if (code >= 0x80 || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d))
      nonLatin++;
    // Line length as nodemailer's /^.{77,}/m sees it: `.` stops at \n, \r, U+2028 and U+2029.
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) lineLength = 0;
    else if (++lineLength > 76) longLine = true;
  }
  if (nonLatin === 0 && !longLine) return '7bit';
  return nonLatin < latin ? 'quoted-printable' : 'base64';
}

/**
 * Returns the text's UTF-8 bytes as a stream of chunks of about `TEXT_CHUNK_BYTES`, slices of one
 * buffer (no copies). A chunk never ends in a space or tab unless it is the last, as
 * nodemailer's quoted-printable encoder would write whitespace at a chunk's end as `=20`.
 */
function textChunks(text: string): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length;) {
    let end = Math.min(start + TEXT_CHUNK_BYTES, bytes.length);
    while (end < bytes.length && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end++;
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return Readable.from(chunks, { objectMode: false });
}

/** Returns a text part for MailComposer: the string when sent as is, else encoded chunks. */
function textPart(text: string): string | { content: Readable; contentTransferEncoding: string } {
  const encoding = textTransferEncoding(text);
  // 7bit text passes through unencoded; nodemailer only inspects it with two regular tests.
  if (encoding === '7bit') return text;
  return { content: textChunks(text), contentTransferEncoding: encoding };
}

/** Returns the composer of the sponsor's message (one use: it can be streamed once). */
function sponsorMailComposer(
  report: ReportJson,
  sponsor: ReportSponsor,
  options: MailOptions,
): MailComposer {
  const rendered = options.rendered ?? renderSponsorSummary(report, sponsor);
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'raci-guard.invalid';
  return new MailComposer({
    from: options.from,
    ...(sponsor.email ? { to: { name: sponsor.name, address: sponsor.email } } : {}),
    subject: summarySubject(rendered.summary),
    text: textPart(rendered.text),
    html: textPart(rendered.html),
    date: new Date(`${report.asOf}T12:00:00Z`),
    messageId: `<raci-audit.${report.quarter}.${sponsor.slug}@${domain}>`,
    headers: { 'X-RACI-Audit-Quarter': report.quarter },
    attachments: [
      {
        filename: `findings-${sponsor.slug}-${report.quarter}.xlsx`,
        content: options.attachment,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  });
}

/**
 * Returns a stream of the sponsor's summary message's bytes, ready to write to its .eml file
 * (only the chunks in flight are held). It reports a composing failure as an 'error' event.
 */
export function sponsorMailStream(
  report: ReportJson,
  sponsor: ReportSponsor,
  options: MailOptions,
): Readable {
  return sponsorMailComposer(report, sponsor, options).compile().createReadStream();
}

/** Returns the bytes of the sponsor's summary message, ready to send (the stream, collected). */
export async function composeSponsorMail(
  report: ReportJson,
  sponsor: ReportSponsor,
  options: MailOptions,
): Promise<Buffer> {
  return sponsorMailComposer(report, sponsor, options).compile().build();
}
