/**
 * Reads one RACI matrix cell: the letters it holds (`R`, `A/R`, `r, a`, `AR`, `R+A`, ...), the
 * tokens that are not codes of the configured model, and whether the cell is one of the
 * spellings of "empty" (blank, `-`, `–`, `—`, `n/a`). Both the matrix finder (to see where the
 * codes are) and the matrix rules rely on this one reading.
 */
import type { CellValue, CodeLetter, RaciModel } from '../model';
import { cellText } from '../text';

/** A matrix cell as read: letters in the order written (repeats kept) and unknown tokens. */
export interface ParsedCode {
  /** The text as written, trimmed; '' for blank and for the spellings of "empty". */
  raw: string;
  letters: CodeLetter[];
  unknown: string[];
  /** True for a blank cell and for `-`, `–`, `—`, `n/a` (any case). */
  empty: boolean;
}

/** Every letter any model uses; detection looks for these whatever the model. */
const ALL_LETTERS: ReadonlySet<string> = new Set(['R', 'A', 'C', 'I', 'S', 'V']);

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

/** True when the text is one of the spellings of "empty": blank, dashes, `n/a`. */
export function isEmptyMark(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  if (/^[-‐‑‒–—―−]+$/.test(t)) return true;
  return /^n\s*\/\s*a$/i.test(t);
}

/** Separators between codes in one cell: `/`, `,`, `+`, `&`, `;`, `|` and white space. */
const SEPARATORS = /[\s/,+&;|\\]+/;

function splitTokens(text: string): string[] {
  return text.split(SEPARATORS).filter((t) => t !== '');
}

/**
 * True when a token is made only of code letters of some model and reads as codes: short
 * (`r`, `AR`) or written in capitals (`RACI`), so words such as "via" or "air" are not codes.
 */
function isCodeToken(token: string): boolean {
  if (!/^[A-Za-z]+$/.test(token)) return false;
  const upper = token.toUpperCase();
  for (const ch of upper) if (!ALL_LETTERS.has(ch)) return false;
  return token.length <= 2 || token === upper;
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
  const tokens = splitTokens(text);
  if (tokens.length > 0 && tokens.length <= 6 && tokens.every(isCodeToken)) return 'code';
  if (text.length <= 4 && !/\s/.test(text)) return 'short';
  return 'text';
}
