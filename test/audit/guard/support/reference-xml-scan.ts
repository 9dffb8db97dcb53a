/**
 * The guard's XML scanner as it was before it was made faster (commit 1fa7420, issue 8), kept
 * unchanged as the reference the differential test (`../xml-scan-reference.test.ts`) holds the
 * faster `XmlScanner` and `attribute` to: the same events, split the same way, and the same
 * refusals, for any input and any chunking. Not used by the product.
 */
import { GuardFailure } from '../../../../audit/guard/messages';

/** What the scanner reports to; all callbacks may throw `GuardFailure` to stop the scan. */
interface XmlHandler {
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
function decodeEntity(body: string): string | null {
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

/** Returns the decoded value of attribute `name` (matched by local name) in raw attribute text, or null. */
export function referenceAttribute(attributes: string, name: string): string | null {
  let re = attributePatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, re);
  }
  const match = re.exec(attributes);
  if (!match) return null;
  const raw = match[1] ?? match[2] ?? '';
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,12});/g, (whole, body: string) => decodeEntity(body) ?? whole);
}

/** Feeds XML text through a handler; one scanner per part. */
export class ReferenceXmlScanner {
  private state: State = 'text';
  private tag = '';
  private quote = '';
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
        case 'text': {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === 60 /* < */ || c === 38 /* & */) break;
            j++;
          }
          if (j > i) this.emitText(chunk.slice(i, j));
          if (j < n) {
            if (chunk[j] === '<') {
              this.state = 'tag';
              this.tag = '';
              this.quote = '';
            } else {
              this.state = 'entity';
              this.entity = '';
            }
            j++;
          }
          i = j;
          break;
        }
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
        case 'tag': {
          // Quotes matter inside element tags only (an attribute value may hold ">"), not in
          // comments, CDATA, declarations or processing instructions.
          const first = this.tag.length > 0 ? this.tag[0] : chunk[i];
          const inElementTag = first !== '!' && first !== '?';
          let j = i;
          while (j < n) {
            const c = chunk[j];
            if (!inElementTag) {
              if (c === '>') break;
            } else if (this.quote) {
              if (c === this.quote) this.quote = '';
            } else if (c === '"' || c === "'") {
              this.quote = c;
            } else if (c === '>') {
              break;
            }
            j++;
          }
          this.tag += chunk.slice(i, j);
          if (this.tag.length > MAX_TAG_CHARS)
            this.fail(`a tag longer than ${MAX_TAG_CHARS} characters`);
          i = j;
          if (this.tag.startsWith('!--')) {
            this.state = 'comment';
            this.tail = this.tag.slice(3);
            this.tag = '';
            this.scanComment('');
            break;
          }
          if (this.tag.startsWith('![CDATA[')) {
            const rest = this.tag.slice(8);
            this.state = 'cdata';
            this.tail = '';
            this.tag = '';
            this.scanCdata(rest);
            break;
          }
          if (this.tag.startsWith('?')) {
            this.state = 'pi';
            this.tail = this.tag;
            this.tag = '';
            this.scanPi('');
            break;
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
          if (i < n) {
            i++;
            this.endTag(this.tag);
            this.state = 'text';
          }
          break;
        }
        case 'comment':
          this.scanComment(chunk.slice(i));
          i = n;
          break;
        case 'cdata':
          this.scanCdata(chunk.slice(i));
          i = n;
          break;
        case 'pi':
          this.scanPi(chunk.slice(i));
          i = n;
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
    this.handler.text(value.length, /\S/.test(value), value);
  }

  // Comments, CDATA and processing instructions may run over chunk boundaries: `tail` keeps
  // what has not been consumed yet (at most the terminator's length minus one, for comments and PIs).
  private scanComment(more: string): void {
    const text = this.tail + more;
    const end = text.indexOf('-->');
    if (end < 0) {
      this.tail = text.slice(-2);
      return;
    }
    this.state = 'text';
    this.tail = '';
    const rest = text.slice(end + 3);
    if (rest) this.write(rest);
  }

  private scanPi(more: string): void {
    const text = this.tail + more;
    const end = text.indexOf('?>');
    if (end < 0) {
      this.tail = text.slice(-1);
      return;
    }
    this.state = 'text';
    this.tail = '';
    const rest = text.slice(end + 2);
    if (rest) this.write(rest);
  }

  private scanCdata(more: string): void {
    const text = this.tail + more;
    const end = text.indexOf(']]>');
    if (end < 0) {
      const keep = Math.min(2, text.length);
      const body = text.slice(0, text.length - keep);
      if (body) this.emitText(body);
      this.tail = text.slice(text.length - keep);
      return;
    }
    if (end > 0) this.emitText(text.slice(0, end));
    this.state = 'text';
    this.tail = '';
    const rest = text.slice(end + 3);
    if (rest) this.write(rest);
  }

  private endTag(tag: string): void {
    if (tag.startsWith('/')) {
      const name = localName(tag.slice(1).trim());
      if (this.depth === 0) this.fail(`a closing </${name}> with no element open`);
      this.depth--;
      this.handler.close(name);
      return;
    }
    if (tag.startsWith('!')) this.fail(`an unexpected declaration <${tag.slice(0, 20)}>`);
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const space = body.search(/\s/);
    const qualified = space < 0 ? body : body.slice(0, space);
    if (!qualified) this.fail('an empty tag "<>"');
    if (this.depth === 0 && this.sawRoot) this.fail('more than one root element');
    this.sawRoot = true;
    const name = localName(qualified);
    const attributes = space < 0 ? '' : body.slice(space);
    if (!selfClosing) this.depth++;
    this.handler.open(name, attributes, selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
