/**
 * Works on a sponsor's summary as a raw RFC 822 message (the `.eml` the audit writes): sets the
 * From and To headers for the actual delivery (the configured sender, the sponsor's address),
 * adds Date and Message-ID when the file has none, and computes a content hash that ignores
 * what changes from one rendering to the next (Date, Message-ID, addresses, MIME boundaries),
 * so the delivery ledger can tell which version of a summary a sponsor received. The body is
 * passed through byte for byte: the HTML, plain-text and .xlsx parts stay exactly as rendered.
 */
import { createHash, randomUUID } from 'node:crypto';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { MailAddress } from './smtp-settings';

/** Headers replaced on delivery; Bcc never travels in a message's header. */
const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'sender', 'return-path']);
/** Headers left out of the content hash because they differ between renderings or deliveries. */
const VOLATILE_HEADERS = new Set([...ADDRESS_HEADERS, 'date', 'message-id', 'x-mailer']);

interface SplitMessage {
  headers: string[];
  newline: string;
  body: Buffer;
}

/** Returns the message's unfolded header lines, its line ending and its body (after the blank line). */
function splitMessage(raw: Buffer): SplitMessage {
  const text = raw.toString('latin1');
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  let headerEnd: number;
  let separator: number;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) {
    headerEnd = crlf;
    separator = 4;
  } else if (lf !== -1) {
    headerEnd = lf;
    separator = 2;
  } else {
    headerEnd = text.length;
    separator = 0;
  }
  const newline = separator === 2 ? '\n' : '\r\n';
  const headerText = text.slice(0, headerEnd);
  const headers: string[] = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += newline + line;
    else if (line !== '') headers.push(line);
  }
  return { headers, newline, body: raw.subarray(Math.min(raw.length, headerEnd + separator)) };
}

function headerName(line: string): string {
  const colon = line.indexOf(':');
  return (colon === -1 ? line : line.slice(0, colon)).trim().toLowerCase();
}

/** Returns the address as a header value: `"Name" <a@b.c>`, RFC 2047-encoded when not ASCII. */
export function formatAddress(address: MailAddress): string {
  const name = [...address.name]
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char))
    .join('')
    .trim();
  if (name === '') return address.address;
  const shown = /^[\x20-\x7e]*$/.test(name)
    ? `"${name.replace(/(["\\])/g, '\\$1')}"`
    : encodeWord(name, 'Q', 52);
  return `${shown} <${address.address}>`;
}

/** Returns an RFC 5322 date (`Sun, 22 Nov 2026 19:40:00 +0000`) in UTC. */
function formatMailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Returns the message ready to send: From and To set to `from` and `to` (any Cc, Bcc, Sender
 * or Return-Path removed), and Date and Message-ID added when missing, with the body unchanged.
 */
export function prepareForDelivery(
  raw: Buffer,
  envelope: { from: MailAddress; to: MailAddress; date: Date },
): Buffer {
  const { headers, newline, body } = splitMessage(raw);
  const kept = headers.filter((line) => !ADDRESS_HEADERS.has(headerName(line)));
  const names = new Set(kept.map(headerName));
  const added = [`From: ${formatAddress(envelope.from)}`, `To: ${formatAddress(envelope.to)}`];
  if (!names.has('date')) added.push(`Date: ${formatMailDate(envelope.date)}`);
  if (!names.has('message-id')) {
    const domain = envelope.from.address.split('@')[1] ?? 'localhost';
    added.push(`Message-ID: <${randomUUID()}@${domain}>`);
  }
  const head = Buffer.from([...added, ...kept].join(newline) + newline + newline, 'latin1');
  return Buffer.concat([head, body]);
}

/** Returns the value of the first header called `name` (unfolded), or null. */
export function headerValue(raw: Buffer, name: string): string | null {
  const wanted = name.toLowerCase();
  const line = splitMessage(raw).headers.find((header) => headerName(header) === wanted);
  if (line === undefined) return null;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/**
 * Returns a sha256 (hex) of the summary's content: its headers other than addresses, Date and
 * Message-ID, and its body with every MIME boundary replaced by a placeholder, so two renderings
 * of the same summary hash the same and any change to the text, HTML or attachment does not.
 */
export function contentHash(raw: Buffer): string {
  const { headers, body } = splitMessage(raw);
  const text = raw.toString('latin1');
  const boundaries = [...text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/gi)]
    .map((match) => match[1] ?? match[2])
    .filter((value, index, all) => all.indexOf(value) === index);
  // Placeholders follow the order of appearance; longer boundaries are replaced first so that
  // one boundary that contains another is not cut in two.
  const replacements = boundaries
    .map((boundary, index) => ({ boundary, placeholder: `<boundary-${index}>` }))
    .sort((a, b) => b.boundary.length - a.boundary.length);
  const normalise = (value: string): string =>
    replacements.reduce(
      (result, { boundary, placeholder }) => result.split(boundary).join(placeholder),
      value.replace(/\r\n/g, '\n'),
    );
  const hash = createHash('sha256');
  for (const line of headers) {
    if (!VOLATILE_HEADERS.has(headerName(line))) hash.update(normalise(line) + '\n');
  }
  hash.update('\n');
  hash.update(normalise(body.toString('latin1')), 'latin1');
  return hash.digest('hex');
}
