/**
 * Works on a sponsor's summary as a raw RFC 822 message (the `.eml` the audit writes): sets the
 * From and To headers for the actual delivery (the configured sender, the sponsor's address)
 * and a fresh Date and Message-ID (the .eml's are fixed so reruns render identical files, but a
 * resend reusing a Message-ID may be dropped as a duplicate by the receiving system), and computes a content hash that ignores
 * what changes from one rendering to the next (Date, Message-ID, addresses, MIME boundaries),
 * so the delivery ledger can tell which version of a summary a sponsor received. The body is
 * passed through byte for byte: the HTML, plain-text and .xlsx parts stay exactly as rendered.
 */
import { createHash, randomUUID } from 'node:crypto';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { MailAddress } from './smtp-settings';

/** Headers replaced on delivery; Bcc never travels in a message's header. */
const DELIVERY_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'return-path',
  'date',
  'message-id',
]);
/** Headers left out of the content hash because they differ between renderings or deliveries. */
const VOLATILE_HEADERS = new Set([...DELIVERY_HEADERS, 'x-mailer']);

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
 * or Return-Path removed), Date set to `date` and a new Message-ID, with the body unchanged.
 */
export function prepareForDelivery(
  raw: Buffer,
  envelope: { from: MailAddress; to: MailAddress; date: Date },
): Buffer {
  const { headers, newline, body } = splitMessage(raw);
  const kept = headers.filter((line) => !DELIVERY_HEADERS.has(headerName(line)));
  const domain = envelope.from.address.split('@')[1] ?? 'localhost';
  const added = [
    `From: ${formatAddress(envelope.from)}`,
    `To: ${formatAddress(envelope.to)}`,
    `Date: ${formatMailDate(envelope.date)}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
  ];
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
 * Returns a sha256 (hex) of the summary's content, so two renderings of the same summary hash
 * the same and any change to its subject, text, HTML or attachment does not. The MIME tree is
 * walked part by part: headers count except addresses, Date and Message-ID; boundaries are
 * left out; bodies count decoded; and a zip attachment (.xlsx) counts by its entries' names,
 * sizes and CRCs, because the zip's own timestamps change with every rendering.
 */
export function contentHash(raw: Buffer): string {
  const hash = createHash('sha256');
  digestPart(raw, hash, 0);
  return hash.digest('hex');
}

type Hash = ReturnType<typeof createHash>;

/** Nesting deeper than this is hashed as plain bytes (real summaries nest two or three levels). */
const MAX_MIME_DEPTH = 8;

function digestPart(part: Buffer, hash: Hash, depth: number): void {
  const { headers, body } = splitMessage(part);
  const contentType = headers.find((line) => headerName(line) === 'content-type') ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/i.exec(contentType);
  const boundaryValue = boundary === null ? null : (boundary[1] ?? boundary[2]);
  for (const line of headers) {
    if (VOLATILE_HEADERS.has(headerName(line))) continue;
    const unfolded = line.replace(/\r?\n[ \t]+/g, ' ');
    hash.update(
      (boundaryValue === null ? unfolded : unfolded.split(boundaryValue).join('<boundary>')) + '\n',
      'latin1',
    );
  }
  hash.update('\n');
  if (boundaryValue !== null && depth < MAX_MIME_DEPTH) {
    const children = multipartChildren(body, boundaryValue);
    if (children !== null) {
      hash.update(`multipart:${children.length}\n`);
      for (const child of children) digestPart(child, hash, depth + 1);
      return;
    }
  }
  const encoding = headerValue(part, 'content-transfer-encoding')?.toLowerCase() ?? '';
  const decoded =
    encoding === 'base64'
      ? Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
      : Buffer.from(body.toString('latin1').replace(/\r\n/g, '\n').replace(/\n+$/, ''), 'latin1');
  const entries = zipEntries(decoded);
  if (entries !== null) hash.update(`zip:${entries.join('\n')}\n`);
  else hash.update(decoded);
}

/** Returns the parts of a multipart body (between its boundary lines), or null when malformed. */
function multipartChildren(body: Buffer, boundary: string): Buffer[] | null {
  const text = body.toString('latin1');
  const delimiter = new RegExp(
    `(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?:\\r?\\n|$)`,
    'g',
  );
  const children: Buffer[] = [];
  let start: number | null = null;
  for (const match of text.matchAll(delimiter)) {
    const index = match.index ?? 0;
    if (start !== null) children.push(Buffer.from(text.slice(start, index), 'latin1'));
    if (match[1] === '--') return children;
    start = index + match[0].length;
  }
  // No closing delimiter: the last part runs to the end.
  if (start !== null) children.push(Buffer.from(text.slice(start), 'latin1'));
  return children.length > 0 ? children : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns `name size crc` for each entry of a zip's central directory, or null when `data` is
 * not a well-formed zip. Timestamps are left out on purpose.
 */
function zipEntries(data: Buffer): string[] | null {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return null;
  const searchFrom = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let at = data.length - 22; at >= searchFrom; at -= 1) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) return null;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: string[] = [];
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return null;
    const crc = data.readUInt32LE(at + 16);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength > data.length) return null;
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push(`${name} ${size} ${crc.toString(16)}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries.sort();
}
