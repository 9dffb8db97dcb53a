/**
 * The sponsor's summary as a ready-to-send message (.eml, RFC 5322 via nodemailer's
 * MailComposer): an HTML part, a plain-text part and their findings workbook attached.
 * Sending it over SMTP (`--send`) is a separate issue; this only composes. A sponsor with no
 * known email gets a message with no To: header, which the CLI lists so nobody is skipped.
 *
 * The message is composed as a stream (`sponsorMailStream`), so the audit writes it straight to
 * its file. A large summary (some 2,000 findings, over 1 MB of HTML) is never handed to
 * nodemailer as a whole string: nodemailer would quoted-printable-encode it one character at a
 * time into a single string and count its letters with a regular-expression match array, which
 * leaves tens of MB of garbage per message and was most of the time spent composing. The transfer
 * encoding nodemailer would choose is worked out here (`textTransferEncoding`, native scans);
 * a quoted-printable part is encoded here (`quoted-printable.ts`, line by line, in 64 K chunks)
 * and given to nodemailer whole, with the part headers nodemailer writes; a base64 part goes to
 * nodemailer in 16 KB chunks. The message reads the same: headers, parts and decoded content are
 * those of the whole-string composition (tested); only soft line breaks fall at other places.
 */
import { Readable } from 'node:stream';
import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ReportModel, ReportSponsor, SponsorRows } from './model';
import { summaryHtmlPieces } from './html';
import { gathered } from './pieces';
import { summariseSponsor, summarySubject, type SponsorSummary } from './summary';
import { quotedPrintableChunks } from './quoted-printable';
import { summaryTextPieces } from './text';

export interface MailOptions {
  /** The From address, e.g. `RACI Guard <raci-guard@example.org>`. */
  from: string;
  /** The sponsor's findings workbook (renderSponsorWorkbook). */
  attachment: Buffer;
  /**
   * The sponsor's summary already worked out (the audit writes the same HTML and text as the
   * sponsor's .html and .txt), so it is not worked out a second time.
   */
  rendered?: RenderedSummary;
}

/**
 * A sponsor summary worked out once, and its two renderings as pieces of about 64 K characters
 * (`summaryHtmlPieces`, `summaryTextPieces`, gathered): the .html, the .txt and the message are
 * written from the same pieces, and no rendering is ever one large string.
 */
export interface RenderedSummary {
  summary: SponsorSummary;
  html(): readonly string[];
  text(): readonly string[];
}

/**
 * Returns the sponsor's summary worked out once with its HTML and plain-text renderings; `rows`
 * are the sponsor's items and findings when already picked (`sponsorRows`).
 */
export function renderSponsorSummary(
  report: ReportModel,
  sponsor: ReportSponsor,
  rows?: SponsorRows,
): RenderedSummary {
  const summary = summariseSponsor(report, sponsor, rows);
  const html = [...gathered(summaryHtmlPieces(summary))];
  const text = [...gathered(summaryTextPieces(summary))];
  return { summary, html: () => html, text: () => text };
}

/** Bytes per chunk a base64 text part is handed to nodemailer's encoder in (about). */
const TEXT_CHUNK_BYTES = 16 * 1024;

// eslint-disable-next-line no-control-regex -- the characters nodemailer counts as not Latin
const CONTROL_OR_NON_ASCII = /[^\x09\x0a\x0d\x20-\x7f]/g;
const LATIN_LETTER = /[A-Za-z]/g;
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/**
 * Returns the transfer encoding nodemailer would choose for a whole text string: `7bit` for
 * plain ASCII with no line over 76 characters (never for strings over 128 KB), otherwise
 * quoted-printable when Latin letters outnumber control and non-ASCII characters, else base64
 * (MimeNode's getTransferEncoding and _getTextEncoding), counted without building arrays. The
 * text may come in pieces (a summary rendered in pieces); lines may span pieces.
 */
export function textTransferEncoding(
  text: string | readonly string[],
): '7bit' | 'quoted-printable' | 'base64' {
  const pieces = typeof text === 'string' ? [text] : text;
  // Native regular-expression scans: count the (few) control and non-ASCII characters, look for
  // a line over 76 characters break by break, and count Latin letters only until they
  // outnumber the others.
  let nonLatin = 0;
  let length = 0;
  // Characters of the current line so far, as nodemailer's /^.{77,}/m sees a line: `.` stops
  // at \n, \r, U+2028 and U+2029.
  let lineLength = 0;
  let longLine = false;
  for (const piece of pieces) {
    length += piece.length;
    CONTROL_OR_NON_ASCII.lastIndex = 0;
    while (CONTROL_OR_NON_ASCII.exec(piece)) nonLatin++;
    let lineStart = 0;
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(piece); m; m = LINE_BREAK.exec(piece)) {
      if (lineLength + m.index - lineStart > 76) longLine = true;
      lineLength = 0;
      lineStart = m.index + 1;
    }
    lineLength += piece.length - lineStart;
    if (lineLength > 76) longLine = true;
  }
  CONTROL_OR_NON_ASCII.lastIndex = 0;
  LINE_BREAK.lastIndex = 0;
  if (length > 128 * 1024) longLine = true;
  if (nonLatin === 0 && !longLine) return '7bit';
  let latin = 0;
  for (const piece of pieces) {
    LATIN_LETTER.lastIndex = 0;
    while (latin <= nonLatin && LATIN_LETTER.exec(piece)) latin++;
    if (latin > nonLatin) break;
  }
  LATIN_LETTER.lastIndex = 0;
  return nonLatin < latin ? 'quoted-printable' : 'base64';
}

/** Returns the text's UTF-8 bytes as a stream of chunks of about `TEXT_CHUNK_BYTES`. */
function textChunks(pieces: Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      for (const piece of gathered(pieces, TEXT_CHUNK_BYTES)) yield Buffer.from(piece, 'utf8');
    })(),
    { objectMode: false },
  );
}

/**
 * Returns a text part (`text/plain` or `text/html`) for MailComposer from its pieces (`render`
 * gives them): the string when sent as
 * is; quoted-printable parts whole (headers and body) as a stream of chunks encoded here
 * (`quoted-printable.ts`, much faster than nodemailer's encoder), with the headers nodemailer
 * writes for them; base64 parts as chunks for nodemailer to encode.
 */
function textPart(
  render: () => readonly string[],
  subtype: 'plain' | 'html',
): Mail.AttachmentLike | string {
  const encoding = textTransferEncoding(render());
  // 7bit text (at most 128 KB) passes through unencoded; nodemailer only inspects it with two
  // regular tests.
  if (encoding === '7bit') return [...render()].join('');
  if (encoding === 'quoted-printable') {
    const head =
      `Content-Type: text/${subtype}; charset=utf-8\r\n` +
      'Content-Transfer-Encoding: quoted-printable\r\n\r\n';
    // `raw`: nodemailer writes the part as given (its typings leave the option out for text).
    const raw = Readable.from(
      (function* () {
        yield head;
        yield* quotedPrintableChunks(render());
      })(),
      { objectMode: false },
    );
    return { raw } as Mail.AttachmentLike;
  }
  return {
    content: textChunks(render()),
    contentTransferEncoding: encoding,
  } as Mail.AttachmentLike;
}

/** Returns the composer of the sponsor's message (one use: it can be streamed once). */
function sponsorMailComposer(
  report: ReportModel,
  sponsor: ReportSponsor,
  options: MailOptions,
): MailComposer {
  const rendered = options.rendered ?? renderSponsorSummary(report, sponsor);
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'raci-guard.invalid';
  return new MailComposer({
    from: options.from,
    ...(sponsor.email ? { to: { name: sponsor.name, address: sponsor.email } } : {}),
    subject: summarySubject(rendered.summary),
    text: textPart(rendered.text, 'plain'),
    html: textPart(rendered.html, 'html'),
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
  report: ReportModel,
  sponsor: ReportSponsor,
  options: MailOptions,
): Readable {
  return sponsorMailComposer(report, sponsor, options).compile().createReadStream();
}

/** Returns the bytes of the sponsor's summary message, ready to send (the stream, collected). */
export async function composeSponsorMail(
  report: ReportModel,
  sponsor: ReportSponsor,
  options: MailOptions,
): Promise<Buffer> {
  return sponsorMailComposer(report, sponsor, options).compile().build();
}
