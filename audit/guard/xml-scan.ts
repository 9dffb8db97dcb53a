/**
 * A small streaming XML tokenizer for the guard: it is fed text chunk by chunk and reports
 * element openings and closings (local name without namespace prefix, raw attribute text),
 * and the length and blankness of text runs, without ever holding more than one tag in memory.
 * It resolves the five predefined entities and character references, and refuses what an
 * .xlsx part never contains: a DOCTYPE (the door to entity-expansion bombs), undefined
 * entities, overlong tags, unbalanced elements and XML cut off in the middle.
 */
import { isWhiteSpace } from '../../src/core/text';
import { GuardFailure } from './messages';

/** What the scanner reports to; all callbacks may throw `GuardFailure` to stop the scan. */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** A run of character data: its length in UTF-16 units, and whether it holds non-space. */
  text(length: number, nonBlank: boolean, value: string): void;
}

/** Longest tag (with its attributes) the scanner accepts. */
const MAX_TAG_CHARS = 1024 * 1024;
const MAX_ENTITY_CHARS = 12;
const PREDEFINED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

type State = 'text' | 'tag' | 'entity' | 'comment' | 'cdata' | 'pi';

/** Returns the character an entity (`amp`, `#10`, `#x41`) stands for, or null when it is not defined. */
export function decodeEntity(body: string): string | null {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? parseInt(body.slice(2), 16)
        : parseInt(body.slice(1), 10);
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return null;
    return String.fromCodePoint(code);
  }
  return PREDEFINED_ENTITIES[body] ?? null;
}

const attributePatterns = new Map<string, RegExp>();

/** Returns an attribute's raw value with entities decoded as `attribute` always has. */
function decodeAttributeValue(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,12});/g, (whole, body: string) => decodeEntity(body) ?? whole);
}

/**
 * Returns the decoded value of attribute `name` in raw attribute text, or null: the first place
 * where, after the start or a white-space character, an optional `prefix:` then `name` is
 * followed by `=` and a quoted value. The reference rule, one regular expression per name;
 * `attribute` gives the same answers faster.
 */
export function attributeByPattern(attributes: string, name: string): string | null {
  let re = attributePatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, re);
  }
  const match = re.exec(attributes);
  if (!match) return null;
  return decodeAttributeValue(match[1] ?? match[2] ?? '');
}

// The attribute text parsed last, kept so every lookup in the same tag (by the guard's counters
// and the value collectors alike, who get the same string) parses it only once. Per attribute:
// where its local name starts and ends (-1 when no lookup may match it) and where its value does.
const MAX_PARSED_ATTRIBUTES = 64;
const parsed = new Int32Array(MAX_PARSED_ATTRIBUTES * 4);
let parsedText: string | null = null;
/** Attributes in `parsedText`, or -1 when it is not plain enough to parse here. */
let parsedCount = -1;

function isAsciiSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Returns true for the characters of a plain qualified name: ASCII letters, digits, `_ . - :`. */
function isNameCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 58) /* digits and : */ ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

/** Returns true for the characters a prefix may have in `attributeByPattern` (`[\w.-]`). */
function isPrefixCode(c: number): boolean {
  return isNameCode(c) && c !== 58;
}

/**
 * Parses `text` into `parsed` and returns how many attributes it holds, or -1 when it is not
 * plain (ASCII white space and names, quoted values without `=`), where a parse could answer
 * differently from `attributeByPattern`: then that rule is used as is.
 */
function parseAttributes(text: string): number {
  const n = text.length;
  let i = 0;
  let count = 0;
  for (;;) {
    const spaceStart = i;
    while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
    if (i === n) return count;
    if (i === spaceStart && i > 0) return -1;
    if (count === MAX_PARSED_ATTRIBUTES) return -1;
    const nameStart = i;
    let colon = -1;
    while (i < n && isNameCode(text.charCodeAt(i))) {
      if (colon < 0 && text.charCodeAt(i) === 58) colon = i;
      i++;
    }
    const nameEnd = i;
    if (nameEnd === nameStart) return -1;
    while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
    if (i === n || text.charCodeAt(i) !== 61 /* = */) return -1;
    i++;
    while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
    if (i === n) return -1;
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return -1;
    const valueStart = i + 1;
    const valueEnd = text.indexOf(quote === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0) return -1;
    // A value holding "=" might hold what the pattern would take for another attribute.
    const equals = text.indexOf('=', valueStart);
    if (equals >= 0 && equals < valueEnd) return -1;
    let localStart = nameStart;
    if (colon >= 0) {
      localStart = colon + 1;
      for (let k = nameStart; k < colon; k++) {
        if (!isPrefixCode(text.charCodeAt(k))) localStart = -1;
      }
      if (colon === nameStart) localStart = -1;
    }
    const at = count * 4;
    parsed[at] = localStart;
    parsed[at + 1] = localStart < 0 ? -1 : nameEnd;
    parsed[at + 2] = valueStart;
    parsed[at + 3] = valueEnd;
    count++;
    i = valueEnd + 1;
  }
}

/**
 * Returns the decoded value of attribute `name` (matched by local name) in raw attribute text,
 * or null. Answers exactly as `attributeByPattern`, parsing each attribute text once however
 * many names are looked up in it.
 */
export function attribute(attributes: string, name: string): string | null {
  if (attributes !== parsedText) {
    parsedText = attributes;
    parsedCount = parseAttributes(attributes);
  }
  if (parsedCount < 0) return attributeByPattern(attributes, name);
  const length = name.length;
  for (let k = 0; k < parsedCount; k++) {
    const at = k * 4;
    const start = parsed[at];
    if (start < 0 || parsed[at + 1] - start !== length) continue;
    let same = true;
    for (let c = 0; c < length; c++) {
      if (attributes.charCodeAt(start + c) !== name.charCodeAt(c)) {
        same = false;
        break;
      }
    }
    if (same) return decodeAttributeValue(attributes.slice(parsed[at + 2], parsed[at + 3]));
  }
  return null;
}

/** Returns true when `text` holds a character `\s` does not match (`/\S/.test(text)`). */
function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isWhiteSpace(text.charCodeAt(i))) return true;
  }
  return false;
}

const LT = 60;
const GT = 62;
const AMP = 38;
const SEMICOLON = 59;
const BANG = 33;
const QUESTION = 63;
const SLASH = 47;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** Feeds XML text through a handler; one scanner per part. */
export class XmlScanner {
  private state: State = 'text';
  private tag = '';
  /** The quote character (code) an element tag is inside, 0 when none. */
  private quote = 0;
  private entity = '';
  private tail = '';
  private depth = 0;
  private sawRoot = false;

  constructor(
    private readonly part: string,
    private readonly handler: XmlHandler,
  ) {}

  private fail(problem: string): never {
    throw new GuardFailure(
      `part ${this.part} is not well-formed XML: ${problem}`,
      undefined,
      this.part,
    );
  }

  /** Scans the next chunk of text; throws `GuardFailure` on malformed XML or when the handler does. */
  write(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case 'text':
          i = this.scanText(chunk, i);
          break;
        case 'entity': {
          const c = chunk[i++];
          if (c === ';') {
            const decoded = decodeEntity(this.entity);
            if (decoded === null) this.fail(`undefined entity &${this.entity};`);
            this.emitText(decoded);
            this.state = 'text';
          } else {
            this.entity += c;
            if (this.entity.length > MAX_ENTITY_CHARS) this.fail('a stray "&" in text');
          }
          break;
        }
        case 'tag':
          i = this.scanTag(chunk, i);
          break;
        case 'comment':
          i = this.scanComment(chunk, i);
          break;
        case 'cdata':
          i = this.scanCdata(chunk, i);
          break;
        case 'pi':
          i = this.scanPi(chunk, i);
          break;
      }
    }
  }

  /** Checks the part ended cleanly; throws `GuardFailure` when it was cut off. */
  end(): void {
    if (this.state !== 'text')
      this.fail(
        `it ends in the middle of a ${this.state === 'tag' ? 'tag' : this.state} (the part is cut off)`,
      );
    if (!this.sawRoot) this.fail('it holds no element at all');
    if (this.depth !== 0)
      this.fail(
        `it ends with ${this.depth} element${this.depth === 1 ? '' : 's'} still open (the part is cut off)`,
      );
  }

  private emitText(value: string): void {
    this.handler.text(value.length, hasNonSpace(value), value);
  }

  /**
   * Scans text from `i` up to the next tag or entity and past it when it lies wholly in the
   * chunk (a tag cut straight out of the chunk, an entity decoded at once); returns where
   * scanning goes on, in the state it goes on in.
   */
  private scanText(chunk: string, i: number): number {
    const n = chunk.length;
    let j = i;
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (c === LT || c === AMP) break;
      j++;
    }
    if (j > i) this.emitText(chunk.slice(i, j));
    if (j === n) return n;
    const start = j + 1;
    if (chunk.charCodeAt(j) === LT) {
      const end = start < n ? this.elementTagEnd(chunk, start) : -1;
      if (end >= 0) {
        this.endTag(chunk.slice(start, end));
        return end + 1;
      }
      this.state = 'tag';
      this.tag = '';
      this.quote = 0;
      return start;
    }
    // An entity: at most MAX_ENTITY_CHARS characters, then ";".
    const limit = Math.min(n, start + MAX_ENTITY_CHARS + 1);
    let k = start;
    while (k < limit && chunk.charCodeAt(k) !== SEMICOLON) k++;
    if (k < limit) {
      const body = chunk.slice(start, k);
      const decoded = decodeEntity(body);
      if (decoded === null) this.fail(`undefined entity &${body};`);
      this.emitText(decoded);
      return k + 1;
    }
    if (limit === start + MAX_ENTITY_CHARS + 1) this.fail('a stray "&" in text');
    this.state = 'entity';
    this.entity = chunk.slice(start, n);
    return n;
  }

  /**
   * Returns where the element tag starting at `start` (just after "<") ends, at its ">"
   * outside quotes, when it lies wholly in the chunk; -1 when it goes on past the chunk or is a
   * comment, CDATA section, declaration or processing instruction.
   */
  private elementTagEnd(chunk: string, start: number): number {
    const first = chunk.charCodeAt(start);
    if (first === BANG || first === QUESTION) return -1;
    const n = chunk.length;
    let quote = 0;
    for (let j = start; j < n; j++) {
      const c = chunk.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        quote = c;
      } else if (c === GT) {
        if (j - start > MAX_TAG_CHARS) this.fail(`a tag longer than ${MAX_TAG_CHARS} characters`);
        return j;
      }
    }
    return -1;
  }

  /** Scans a tag that runs over chunks (or is not an element tag); returns where scanning goes on. */
  private scanTag(chunk: string, i: number): number {
    // Quotes matter inside element tags only (an attribute value may hold ">"), not in
    // comments, CDATA, declarations or processing instructions.
    const n = chunk.length;
    const first = this.tag.length > 0 ? this.tag.charCodeAt(0) : chunk.charCodeAt(i);
    const inElementTag = first !== BANG && first !== QUESTION;
    let j = i;
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (!inElementTag) {
        if (c === GT) break;
      } else if (this.quote !== 0) {
        if (c === this.quote) this.quote = 0;
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        this.quote = c;
      } else if (c === GT) {
        break;
      }
      j++;
    }
    this.tag += chunk.slice(i, j);
    if (this.tag.length > MAX_TAG_CHARS) this.fail(`a tag longer than ${MAX_TAG_CHARS} characters`);
    if (this.tag.startsWith('!--')) {
      this.state = 'comment';
      this.tail = this.tag.slice(3);
      this.tag = '';
      this.scanComment('', 0);
      return j;
    }
    if (this.tag.startsWith('![CDATA[')) {
      const rest = this.tag.slice(8);
      this.state = 'cdata';
      this.tail = '';
      this.tag = '';
      this.scanCdata(rest, 0);
      return j;
    }
    if (this.tag.startsWith('?')) {
      this.state = 'pi';
      this.tail = this.tag;
      this.tag = '';
      this.scanPi('', 0);
      return j;
    }
    if (
      this.tag.startsWith('!') &&
      this.tag.length >= 8 &&
      this.tag.slice(0, 8).toUpperCase() === '!DOCTYPE'
    ) {
      this.fail(
        'it holds a DOCTYPE declaration, which .xlsx parts never have (an entity-expansion bomb?)',
      );
    }
    if (j < n) {
      this.endTag(this.tag);
      this.state = 'text';
      return j + 1;
    }
    return j;
  }

  // Comments, CDATA and processing instructions may run over chunk boundaries: `tail` keeps
  // what has not been consumed yet (at most the terminator's length minus one, for comments and
  // PIs). Each looks at `tail` followed by the chunk from `i` and returns where scanning goes on.

  /** Returns where `terminator` starts in `tail` + `chunk` from `i` (counted from the tail's start), or -1. */
  private findTerminator(chunk: string, i: number, terminator: string): number {
    const tailLength = this.tail.length;
    if (tailLength > 0) {
      const across = (this.tail + chunk.slice(i, i + terminator.length - 1)).indexOf(terminator);
      if (across >= 0) return across;
    }
    const at = chunk.indexOf(terminator, i);
    return at < 0 ? -1 : at - i + tailLength;
  }

  /** Returns the last `keep` characters of `tail` + `chunk` from `i`. */
  private lastCharacters(chunk: string, i: number, keep: number): string {
    if (chunk.length - i >= keep) return chunk.slice(chunk.length - keep);
    return (this.tail + chunk.slice(i)).slice(-keep);
  }

  private scanComment(chunk: string, i: number): number {
    const end = this.findTerminator(chunk, i, '-->');
    if (end < 0) {
      this.tail = this.lastCharacters(chunk, i, 2);
      return chunk.length;
    }
    const next = i + end + 3 - this.tail.length;
    this.state = 'text';
    this.tail = '';
    return next;
  }

  private scanPi(chunk: string, i: number): number {
    const end = this.findTerminator(chunk, i, '?>');
    if (end < 0) {
      this.tail = this.lastCharacters(chunk, i, 1);
      return chunk.length;
    }
    const next = i + end + 2 - this.tail.length;
    this.state = 'text';
    this.tail = '';
    return next;
  }

  private scanCdata(chunk: string, i: number): number {
    const tail = this.tail;
    const end = this.findTerminator(chunk, i, ']]>');
    if (end < 0) {
      const length = tail.length + chunk.length - i;
      const keep = Math.min(2, length);
      const body = this.textUpTo(chunk, i, length - keep);
      if (body) this.emitText(body);
      this.tail = this.lastCharacters(chunk, i, keep);
      return chunk.length;
    }
    if (end > 0) this.emitText(this.textUpTo(chunk, i, end));
    this.state = 'text';
    this.tail = '';
    return i + end + 3 - tail.length;
  }

  /** Returns the first `length` characters of `tail` + `chunk` from `i`. */
  private textUpTo(chunk: string, i: number, length: number): string {
    const tail = this.tail;
    if (length <= tail.length) return tail.slice(0, length);
    return tail + chunk.slice(i, i + length - tail.length);
  }

  private endTag(tag: string): void {
    if (tag.charCodeAt(0) === SLASH) {
      const name = localName(tag.slice(1).trim());
      if (this.depth === 0) this.fail(`a closing </${name}> with no element open`);
      this.depth--;
      this.handler.close(name);
      return;
    }
    if (tag.charCodeAt(0) === BANG) this.fail(`an unexpected declaration <${tag.slice(0, 20)}>`);
    const selfClosing = tag.charCodeAt(tag.length - 1) === SLASH;
    const bodyEnd = selfClosing ? tag.length - 1 : tag.length;
    let space = 0;
    while (space < bodyEnd && !isWhiteSpace(tag.charCodeAt(space))) space++;
    if (space === 0) this.fail('an empty tag "<>"');
    if (this.depth === 0 && this.sawRoot) this.fail('more than one root element');
    this.sawRoot = true;
    const name = localName(tag.slice(0, space));
    const attributes = space < bodyEnd ? tag.slice(space, bodyEnd) : '';
    if (!selfClosing) this.depth++;
    this.handler.open(name, attributes, selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
