/**
 * Quoted-printable (RFC 2045, section 6.7) for the sponsor mails' text and HTML parts, written
 * for speed: nodemailer's encoder builds its output one character at a time and re-scans every
 * chunk with regular expressions to wrap it, which was the larger part of composing an .eml.
 * Here each line of the text is taken whole: a line of plain printable ASCII is copied as it
 * is, only cut into soft-broken pieces, and only the rare other line is encoded character by
 * character. The output decodes to exactly the text: `=` and every byte outside printable ASCII
 * (UTF-8 of non-ASCII characters, control characters but tab and carriage return) are written
 * `=XX`, a space or tab before a line break or at the end as `=20`/`=09`; line breaks are kept
 * as they are (as nodemailer keeps them); no line is longer than 76 characters, soft breaks
 * (`=` CRLF) never split an `=XX` escape or the escapes of one character.
 */

/** Printable ASCII but `=`, plus tab: characters a line can carry as they are. */
const PLAIN_LINE = /^[\t\x20-\x3c\x3e-\x7e]*$/;
/** Characters of a line before a soft break (76 with the `=`). */
const SOFT_LINE = 75;
const SOFT_BREAK = '=\r\n';
/** Characters of output gathered into one chunk. */
const CHUNK_CHARS = 64 * 1024;
const HEX = '0123456789ABCDEF';

/** Characters written as escapes: all but tab and printable ASCII other than `=`, one code point each. */
const TO_ESCAPE = /[^\t\x20-\x3c\x3e-\x7e]/gu;

/** Returns `=XX` escapes of the UTF-8 bytes of one character (one code point). */
function escapeCharacter(character: string): string {
  // A carriage return stays as it is (as nodemailer writes it); a lone surrogate is written as
  // U+FFFD, as Buffer.from writes it.
  if (character === '\r') return character;
  let out = '';
  for (const b of Buffer.from(character, 'utf8')) out += `=${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
}

/** Returns whether `encoded` holds, at `at`, the escape of a UTF-8 continuation byte (=8X to =BX). */
function continuationAt(encoded: string, at: number): boolean {
  if (encoded.charCodeAt(at) !== 0x3d) return false;
  const high = encoded.charCodeAt(at + 1);
  return high === 0x38 || high === 0x39 || high === 0x41 || high === 0x42;
}

/**
 * Returns one line of text (no line feed in it) encoded and soft-wrapped; a space or tab at its
 * end is escaped (it comes before a line break or the end of the text), as is one before a
 * carriage return.
 */
function encodeLine(line: string): string {
  let encoded = PLAIN_LINE.test(line) ? line : line.replace(TO_ESCAPE, escapeCharacter);
  if (encoded.includes('\r'))
    encoded = encoded.replace(/[ \t](?=\r)/g, (ws) => (ws === ' ' ? '=20' : '=09'));
  const last = encoded.charCodeAt(encoded.length - 1);
  if (last === 0x20) encoded = `${encoded.slice(0, -1)}=20`;
  else if (last === 0x09) encoded = `${encoded.slice(0, -1)}=09`;
  if (encoded.length <= SOFT_LINE + 1) return encoded;
  let out = '';
  let start = 0;
  while (encoded.length - start > SOFT_LINE + 1) {
    let end = start + SOFT_LINE;
    // Never cut an escape: back up to its `=` when one of its two digits would be cut off.
    if (encoded.charCodeAt(end - 1) === 0x3d) end -= 1;
    else if (encoded.charCodeAt(end - 2) === 0x3d) end -= 2;
    // Nor a character's escapes: back up while the next line would start inside a character.
    while (end - 3 > start && continuationAt(encoded, end)) end -= 3;
    out += encoded.slice(start, end) + SOFT_BREAK;
    start = end;
  }
  return out + encoded.slice(start);
}

/**
 * Yields the text quoted-printable-encoded, in chunks of about 64 K characters (ASCII), in
 * order, each worked out only when asked for (a stream reading it holds one chunk at a time):
 * joined, they are the whole encoding. The text may come whole or in pieces (a summary rendered
 * piece by piece): lines are encoded whole, whichever pieces they span.
 */
export function* quotedPrintableChunks(text: string | Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let pendingLength = 0;
  // The start of a line whose end is in a later piece.
  let carried: string[] = [];
  const add = (encoded: string) => {
    pending.push(encoded);
    pendingLength += encoded.length;
  };
  for (const piece of typeof text === 'string' ? [text] : text) {
    let start = 0;
    for (;;) {
      const lf = piece.indexOf('\n', start);
      if (lf === -1) {
        if (start < piece.length) carried.push(piece.slice(start));
        break;
      }
      const rest = piece.slice(start, lf);
      const line = carried.length > 0 ? carried.join('') + rest : rest;
      carried = [];
      add(`${encodeLine(line)}\n`);
      start = lf + 1;
      if (pendingLength >= CHUNK_CHARS) {
        yield pending.join('');
        pending = [];
        pendingLength = 0;
      }
    }
  }
  add(encodeLine(carried.join('')));
  if (pendingLength > 0) yield pending.join('');
}
