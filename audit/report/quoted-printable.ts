/**
 * Quoted-printable (RFC 2045, section 6.7) for the sponsor mails' text and HTML parts, written
 * for speed: nodemailer's encoder builds its output one character at a time and re-scans every
 * chunk with regular expressions to wrap it, which was the larger part of composing an .eml.
 * Here each line of the text is taken whole (a line past 16 K characters in parts, as it comes):
 * a line of plain printable ASCII is copied as it is, only cut into soft-broken pieces, and only
 * the rare other line is encoded character by character. The output decodes to exactly the
 * text: `=` and every byte outside printable ASCII (UTF-8 of non-ASCII characters, control
 * characters but tab and carriage return) are written `=XX`, a space or tab before a line break
 * or at the end as `=20`/`=09`; line breaks are kept as they are (as nodemailer keeps them); no
 * line is longer than 76 characters, soft breaks (`=` CRLF) never split an `=XX` escape or the
 * escapes of one character.
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
 * Returns part of a line escaped: every character outside printable ASCII (but tab and carriage
 * return) and `=`, and a space or tab before a carriage return (the part must hold both).
 */
function escapePart(text: string): string {
  const encoded = PLAIN_LINE.test(text) ? text : text.replace(TO_ESCAPE, escapeCharacter);
  return encoded.includes('\r')
    ? encoded.replace(/[ \t](?=\r)/g, (ws) => (ws === ' ' ? '=20' : '=09'))
    : encoded;
}

/** Returns the end of a line escaped (`escapePart`), a space or tab at its very end too. */
function escapeEnd(text: string): string {
  const encoded = escapePart(text);
  const last = encoded.charCodeAt(encoded.length - 1);
  if (last === 0x20) return `${encoded.slice(0, -1)}=20`;
  if (last === 0x09) return `${encoded.slice(0, -1)}=09`;
  return encoded;
}

/**
 * Cuts soft-broken lines off the start of an encoded line for as long as more than 76
 * characters are left: returns them (each ending in a soft break) and what is left, at most 76
 * characters. Where it cuts depends only on the characters around the cut, so a line can be
 * wrapped as it comes: what is left, followed by the rest of the line, wraps as the whole would.
 */
function softWrap(encoded: string): [wrapped: string, left: string] {
  if (encoded.length <= SOFT_LINE + 1) return ['', encoded];
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
  return [out, encoded.slice(start)];
}

/** Characters of a line gathered before it is encoded as it comes rather than whole. */
const LONG_LINE_CHARS = 16 * 1024;

/**
 * Yields the text quoted-printable-encoded, in chunks of about 64 K characters (ASCII), in
 * order, each worked out only when asked for (a stream reading it holds one chunk at a time):
 * joined, they are the whole encoding. The text may come whole or in pieces (a summary rendered
 * piece by piece). A line is encoded whole, whichever pieces it spans, unless it grows past
 * `longLineChars`: then it is encoded and soft-wrapped as it comes, to the same characters, so
 * a line of megabytes (a summary's table is one) is never held whole nor copied whole.
 */
export function* quotedPrintableChunks(
  text: string | Iterable<string>,
  longLineChars = LONG_LINE_CHARS,
): Generator<string> {
  let pending: string[] = [];
  let pendingLength = 0;
  // The start of a line whose end is in a later piece, not yet encoded.
  let carried: string[] = [];
  let carriedLength = 0;
  // The encoded start of a long line after its soft-broken lines were cut off.
  let head = '';
  const add = (encoded: string) => {
    pending.push(encoded);
    pendingLength += encoded.length;
  };
  /**
   * Encodes what is carried of a long line but its last character or two, which wait for the
   * rest: the last (a space or tab at the end of a line is escaped), the one before it when it
   * is a space or tab before a carriage return (escaped too) or the first half of a surrogate
   * pair. Every other character's encoding depends on nothing after it.
   */
  const encodeCarried = () => {
    const raw = carried.join('');
    let cut = raw.length - 1;
    const before = raw.charCodeAt(cut - 1);
    if (before >= 0xd800 && before <= 0xdbff) cut--;
    else if ((before === 0x20 || before === 0x09) && raw.charCodeAt(cut) === 0x0d) cut--;
    if (cut <= 0) {
      carried = [raw];
      return;
    }
    const [wrapped, left] = softWrap(head + escapePart(raw.slice(0, cut)));
    add(wrapped);
    head = left;
    carried = [raw.slice(cut)];
    carriedLength = carried[0].length;
  };
  /** Encodes the line that ends with `end` (what was carried before it comes first). */
  const endLine = (end: string): string => {
    const line = carried.length > 0 ? carried.join('') + end : end;
    carried = [];
    carriedLength = 0;
    const [wrapped, left] = softWrap(head + escapeEnd(line));
    head = '';
    return wrapped + left;
  };
  for (const piece of typeof text === 'string' ? [text] : text) {
    let start = 0;
    for (;;) {
      const lf = piece.indexOf('\n', start);
      if (lf === -1) {
        if (start < piece.length) {
          carried.push(piece.slice(start));
          carriedLength += piece.length - start;
          if (carriedLength > longLineChars) encodeCarried();
        }
        break;
      }
      add(`${endLine(piece.slice(start, lf))}\n`);
      start = lf + 1;
      if (pendingLength >= CHUNK_CHARS) {
        yield pending.join('');
        pending = [];
        pendingLength = 0;
      }
    }
    if (pendingLength >= CHUNK_CHARS) {
      yield pending.join('');
      pending = [];
      pendingLength = 0;
    }
  }
  add(endLine(''));
  if (pendingLength > 0) yield pending.join('');
}
