/**
 * The sponsor mails' quoted-printable encoder (`audit/report/quoted-printable.ts`), table-driven
 * over awkward texts: each encoding decodes (by RFC 2045's rules, and through mailparser) to
 * exactly the text, uses only printable ASCII, tab, CR and line breaks, keeps every line within
 * 76 characters, leaves no space or tab before a line's end, and never cuts an `=XX` escape or
 * the escapes of one character with a soft break.
 */
import { simpleParser } from 'mailparser';
import { quotedPrintableChunks } from '../../../audit/report/quoted-printable';

/** Decodes quoted-printable by RFC 2045: soft breaks removed, `=XX` bytes, then UTF-8. */
function decode(encoded: string): string {
  const bytes: number[] = [];
  const text = encoded.replace(/=\r\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const CASES: [string, string][] = [
  ['empty', ''],
  ['one short line', 'Hello, world.'],
  ['exactly 76 characters', 'a'.repeat(76)],
  ['77 characters', 'b'.repeat(77)],
  ['151 characters', 'c'.repeat(151)],
  ['a long line of words', 'word '.repeat(60).trim()],
  ['equals signs', `a=b ${'x'.repeat(70)}==c =`],
  ['HTML attributes', `<p class="x" style="margin:0">${'text '.repeat(40)}</p>\n<a href="y">z</a>`],
  ['trailing spaces and tabs before line breaks', 'one  \ntwo\t\nthree \t \n'],
  ['a space at the very end', 'ends with a space '],
  ['a tab at the very end', 'ends with a tab\t'],
  ['empty lines', '\n\n\nx\n\n'],
  ['carriage returns', 'dos line\r\nnext line \r\nand a lone \r in the middle'],
  ['control characters', 'bell \u0007 null \u0000 escape \u001b delete \u007f end'],
  ['accents near the soft break', `${'a'.repeat(73)}éééé${'b'.repeat(72)}ü`],
  ['non-ASCII separators', `${'Item · next › done '.repeat(12)}\n`.repeat(3)],
  ['CJK', '東京都の会議室'.repeat(30)],
  ['emoji (surrogate pairs)', `${'x'.repeat(70)}😀😀😀 and 🇳🇿 flags`],
  ['a lone surrogate', 'broken \ud800 surrogate'],
  ['mixed long text', `Zoë Ørsted — “quotes” ${'plain ascii text '.repeat(20)}\n`.repeat(50)],
];

describe('quoted-printable encoding', () => {
  it.each(CASES)('%s: decodes to the text and keeps to the rules', (_name, text) => {
    const encoded = [...quotedPrintableChunks(text)].join('');
    const expected = Buffer.from(text, 'utf8').toString('utf8'); // a lone surrogate becomes U+FFFD
    expect(decode(encoded)).toBe(expected);
    expect(encoded).toMatch(/^[\t\r\n\x20-\x7e]*$/);
    let afterSoftBreak = false;
    for (const line of encoded.split('\n')) {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      expect([line, body.length <= 76]).toEqual([line, true]);
      // No whitespace before a line's end unless a soft break's `=` follows it.
      expect([line, /[ \t]$/.test(body)]).toEqual([line, false]);
      // A soft break cuts no escape (=X or =) and no character's escapes (the next line does
      // not start with a UTF-8 continuation byte).
      if (body.endsWith('=')) expect([line, /=[0-9A-F]?=$/.test(body)]).toEqual([line, false]);
      if (afterSoftBreak) expect([line, /^=[89AB][0-9A-F]/.test(body)]).toEqual([line, false]);
      afterSoftBreak = line.endsWith('=\r');
    }
  });

  it('hands the encoding over in chunks that join to the whole', () => {
    const text = `${'Findings: matrix/no-accountable on "Release" · '.repeat(30)}\n`.repeat(200);
    const chunks = [...quotedPrintableChunks(text)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(decode(chunks.join(''))).toBe(text);
  });

  /** Cuts `text` into pieces at seeded random places (some empty, some one character). */
  function piecesOf(text: string, seed: number): string[] {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pieces: string[] = [];
    for (let at = 0; at < text.length;) {
      const size = Math.floor(random() * random() * 200);
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    return pieces;
  }

  /** Seeded random text from characters that each have their own rule. */
  function awkwardText(length: number, seed: number): string {
    const palette = ['a', 'b', ' ', ' ', '\t', '\r', '\n', '=', 'é', '😀', '\ud800', '€', 'x'];
    let state = seed;
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      // Line feeds rare, so that many lines are long.
      const pick = palette[state % palette.length];
      out += pick === '\n' && state % 7 !== 0 ? 'y' : pick;
    }
    return out;
  }

  it('encodes a long line as it comes to exactly the encoding of the whole line', () => {
    const texts = [
      ...CASES.map(([, t]) => t),
      `<table>${'<tr><td class="a">Release management</td><td>Zoë · 😀</td></tr>'.repeat(400)}</table>`,
      `${' '.repeat(300)}x${'\t'.repeat(90)}`,
      `${'\r'.repeat(50)} \r \t\r${'=é'.repeat(100)}`,
      ...[1, 2, 3, 4, 5, 6].map((seed) => awkwardText(3000, seed)),
    ];
    for (const [i, text] of texts.entries()) {
      const whole = [...quotedPrintableChunks(text, Infinity)].join('');
      for (const longLineChars of [0, 1, 7, 100, 1000]) {
        const asItComes = [...quotedPrintableChunks(piecesOf(text, i + 1), longLineChars)].join('');
        expect({ i, longLineChars, encoded: asItComes }).toEqual({
          i,
          longLineChars,
          encoded: whole,
        });
      }
      expect(decode(whole)).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    }
  });

  it.each([
    ['a table row', '<tr><td>Change enablement</td><td>Accountable: Dana Whitfield</td></tr>'],
    // Spaces, tabs and carriage returns wait for what follows them: only one or two at a time.
    ['spaces, tabs and carriage returns', ' \t  \r\t '.repeat(8)],
  ])('never holds a long line whole (%s): its chunks come while it is still read', (_n, row) => {
    let handedOut = 0;
    const pieces = (function* () {
      for (let i = 0; i < 20_000; i++) {
        handedOut += 1;
        yield row;
      }
    })();
    const chunks = quotedPrintableChunks(pieces);
    const first = chunks.next();
    expect(first.done).toBe(false);
    // The first chunk (about 64 K characters) came after about that much of the line was read,
    // not after the whole line (over a million characters).
    expect(handedOut * row.length).toBeLessThan(2 * 64 * 1024 + 2 * 16 * 1024);
    const rest = [...chunks].join('');
    expect(decode(first.value + rest)).toBe(row.repeat(20_000));
  });

  it('reads back through mailparser as the same text', async () => {
    const text = CASES.map(([, t]) => t)
      // mailparser reads text, not bytes: leave out the cases with CR, NUL-like controls and
      // a lone surrogate (their decoding is checked byte for byte above).
      .filter((t) => !t.includes('\r') && !t.includes('\ud800') && !t.includes('\u0000'))
      .join('\n');
    const message =
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
      [...quotedPrintableChunks(text)].join('');
    expect((await simpleParser(Buffer.from(message, 'latin1'))).text).toBe(text);
  });
});
