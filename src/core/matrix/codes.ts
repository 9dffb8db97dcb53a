/**
 * Reads one RACI matrix cell: the letters it holds (`R`, `A/R`, `r, a`, `AR`, `R+A`, ...), the
 * tokens that are not codes of the configured model, and whether the cell is one of the
 * spellings of "empty" (blank, `-`, `–`, `—`, `n/a`). Both the matrix finder (to see where the
 * codes are) and the matrix rules rely on this one reading.
 */
import type { CellValue, CodeLetter, RaciModel } from '../model';
import { cellText, hasWhiteSpace, isWhiteSpace } from '../text';

/** A matrix cell as read: letters in the order written (repeats kept) and unknown tokens. */
export interface ParsedCode {
  /** The text as written, trimmed; '' for blank and for the spellings of "empty". */
  raw: string;
  letters: CodeLetter[];
  unknown: string[];
  /** True for a blank cell and for `-`, `–`, `—`, `n/a` (any case). */
  empty: boolean;
}

const MODEL_LETTERS: Record<RaciModel, ReadonlySet<CodeLetter>> = {
  RACI: new Set<CodeLetter>(['R', 'A', 'C', 'I']),
  RASCI: new Set<CodeLetter>(['R', 'A', 'S', 'C', 'I']),
  'RACI-VS': new Set<CodeLetter>(['R', 'A', 'C', 'I', 'V', 'S']),
};

/** Returns the letters valid under a model, in the model's usual order. */
export function modelLetters(model: RaciModel): CodeLetter[] {
  return [...MODEL_LETTERS[model]];
}

/** Returns what each letter means under a model (S is Support in RASCI, Sign-off in RACI-VS). */
export function letterMeaning(letter: CodeLetter, model: RaciModel): string {
  switch (letter) {
    case 'R':
      return 'Responsible';
    case 'A':
      return 'Accountable';
    case 'C':
      return 'Consulted';
    case 'I':
      return 'Informed';
    case 'S':
      return model === 'RACI-VS' ? 'Sign-off' : 'Support';
    case 'V':
      return 'Verify';
  }
}

/** True for the dashes that spell "empty": `-`, `‐`, `‑`, `‒`, `–`, `—`, `―` and `−`. */
function isDash(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212;
}

/** `n/a`, any case, spaces allowed around the slash. */
const NOT_APPLICABLE = /^n\s*\/\s*a$/i;

/** True when the text is one of the spellings of "empty": blank, dashes, `n/a`. */
export function isEmptyMark(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  let dashes = true;
  for (let i = 0; i < t.length && dashes; i++) dashes = isDash(t.charCodeAt(i));
  if (dashes) return true;
  return (t[0] === 'n' || t[0] === 'N') && NOT_APPLICABLE.test(t);
}

/** True for the separators between codes in one cell: `/`, `,`, `+`, `&`, `;`, `|`, `\` and white space. */
function isSeparator(code: number): boolean {
  switch (code) {
    case 0x2f: // /
    case 0x2c: // ,
    case 0x2b: // +
    case 0x26: // &
    case 0x3b: // ;
    case 0x7c: // |
    case 0x5c: // \
      return true;
    default:
      return isWhiteSpace(code);
  }
}

/** Returns the tokens of a cell: the runs of text between separators. */
function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
    if (i > start) tokens.push(text.slice(start, i));
  }
  return tokens;
}

/** True for the letters of any model, either case: R, A, C, I, S, V. */
function isAnyCodeLetter(code: number): boolean {
  switch (code) {
    case 0x52: // R
    case 0x41: // A
    case 0x43: // C
    case 0x49: // I
    case 0x53: // S
    case 0x56: // V
    case 0x72: // r
    case 0x61: // a
    case 0x63: // c
    case 0x69: // i
    case 0x73: // s
    case 0x76: // v
      return true;
    default:
      return false;
  }
}

/**
 * True when the text from `start` to `end` is one code token: made only of code letters of
 * some model, and short (`r`, `AR`) or written in capitals (`RACI`), so that words such as
 * "via" or "air" are not codes.
 */
function isCodeTokenAt(text: string, start: number, end: number): boolean {
  let lowercase = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isAnyCodeLetter(code)) return false;
    if (code >= 0x61) lowercase = true;
  }
  return end - start <= 2 || !lowercase;
}

/** True when a token reads as codes (see `isCodeTokenAt`). */
function isCodeToken(token: string): boolean {
  return isCodeTokenAt(token, 0, token.length);
}

/**
 * True when the text is one to six tokens (see `splitTokens`), every one of them codes: what
 * `cellShape` calls a code, found without building the list of tokens.
 */
function isCodeText(text: string): boolean {
  let tokens = 0;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
    if (i === start) continue;
    tokens++;
    if (tokens > 6 || !isCodeTokenAt(text, start, i)) return false;
  }
  return tokens > 0;
}

/**
 * Returns the cell read under `model`: its letters (in the order written, repeats kept), the
 * tokens that are not codes of the model (a letter of another model, such as `S` under plain
 * RACI, is unknown), and whether the cell counts as empty.
 */
export function parseCodeCell(value: CellValue | undefined, model: RaciModel): ParsedCode {
  const text = cellText(value ?? null);
  if (isEmptyMark(text)) return { raw: '', letters: [], unknown: [], empty: true };
  const allowed = MODEL_LETTERS[model];
  const letters: CodeLetter[] = [];
  const unknown: string[] = [];
  if (typeof value !== 'string') {
    // Numbers and booleans are never codes.
    return { raw: text, letters, unknown: [text], empty: false };
  }
  for (const token of splitTokens(text)) {
    if (isCodeToken(token)) {
      // `AR`, `RA`: several letters written together. Each letter is judged on its own.
      for (const ch of token.toUpperCase()) {
        if (allowed.has(ch as CodeLetter)) letters.push(ch as CodeLetter);
        else unknown.push(ch);
      }
    } else {
      unknown.push(token);
    }
  }
  return { raw: text, letters, unknown, empty: false };
}

/**
 * How a cell looks to the matrix finder, whatever the model: `code` (only letters of some
 * model), `empty-mark` (`-`, `n/a`), `blank`, `short` (a short token that is no code, such as
 * `X` or `TBD`), `text` (longer text) or `number`.
 */
export type CellShape = 'code' | 'empty-mark' | 'blank' | 'short' | 'text' | 'number';

/** Returns the shape of a cell for detection (see `CellShape`). */
export function cellShape(value: CellValue | undefined): CellShape {
  if (value === null || value === undefined) return 'blank';
  if (typeof value === 'number' || typeof value === 'boolean') return 'number';
  const text = cellText(value);
  if (text === '') return 'blank';
  if (isEmptyMark(text)) return 'empty-mark';
  if (isCodeText(text)) return 'code';
  if (text.length <= 4 && !hasWhiteSpace(text)) return 'short';
  return 'text';
}
