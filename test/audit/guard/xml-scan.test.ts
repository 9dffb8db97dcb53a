/**
 * The guard's streaming XML tokenizer: the same events whatever the chunking (one character
 * at a time or all at once), entities, CDATA, comments and attribute values holding `>`, and
 * a named refusal of what .xlsx parts never contain.
 */
import { GuardFailure } from '../../../audit/guard/messages';
import { attribute, XmlScanner, type XmlHandler } from '../../../audit/guard/xml-scan';

type Event = string;

/** Returns the scanner's events for `xml` fed in pieces of `size` characters; adjacent text merged. */
function events(xml: string, size = xml.length): Event[] {
  const out: Event[] = [];
  let text: { length: number; nonBlank: boolean; value: string } | null = null;
  const flush = () => {
    if (text)
      out.push(
        `text ${text.length} ${text.nonBlank ? 'nonblank' : 'blank'} ${JSON.stringify(text.value)}`,
      );
    text = null;
  };
  const handler: XmlHandler = {
    open(name, attributes, selfClosing) {
      flush();
      out.push(`open ${name}${selfClosing ? '/' : ''} ${attributes.trim()}`.trim());
    },
    close(name) {
      flush();
      out.push(`close ${name}`);
    },
    text(length, nonBlank, value) {
      text ??= { length: 0, nonBlank: false, value: '' };
      text.length += length;
      text.nonBlank ||= nonBlank;
      text.value += value;
    },
  };
  const scanner = new XmlScanner('xl/test.xml', handler);
  for (let i = 0; i < xml.length; i += size) scanner.write(xml.slice(i, i + size));
  scanner.end();
  flush();
  return out;
}

function failure(xml: string): string {
  try {
    events(xml);
  } catch (err) {
    if (err instanceof GuardFailure) return err.reason;
    throw err;
  }
  throw new Error('no failure');
}

const SAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!-- a comment with > and "quotes\' -->' +
  '<x:sst xmlns:x="urn:x" count="2"><x:si><x:t xml:space="preserve">R &amp; A&#10;&#x41;</x:t></x:si>' +
  '<si><t><![CDATA[<b>bold</b> ]] > text]]></t></si><c r="A1" f="a>b" t=\'s\'/><t>  </t></x:sst>';

describe('XmlScanner', () => {
  it('reports elements by local name, attributes raw, and text with entities resolved', () => {
    expect(events(SAMPLE)).toEqual([
      'text 1 blank "\\n"',
      'open sst xmlns:x="urn:x" count="2"',
      'open si',
      'open t xml:space="preserve"',
      'text 7 nonblank "R & A\\nA"',
      'close t',
      'close si',
      'open si',
      'open t',
      'text 21 nonblank "<b>bold</b> ]] > text"',
      'close t',
      'close si',
      'open c/ r="A1" f="a>b" t=\'s\'',
      'close c',
      'open t',
      'text 2 blank "  "',
      'close t',
      'close sst',
    ]);
  });

  test.each([1, 2, 3, 7, 64])('gives the same events when fed %p characters at a time', (size) => {
    expect(events(SAMPLE, size)).toEqual(events(SAMPLE));
  });

  test.each([
    [
      'a DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
      /holds a DOCTYPE declaration/,
    ],
    ['an undefined entity', '<x>&lol;</x>', /undefined entity &lol;/],
    ['a stray ampersand', '<x>R & A and more text here</x>', /a stray "&" in text/],
    ['a cut-off tag', '<x><row r="1"', /ends in the middle of a tag/],
    ['a cut-off comment', '<x><!-- never closed', /ends in the middle of a comment/],
    ['unclosed elements', '<x><sheetData><row>', /ends with 3 elements still open/],
    ['a stray closing tag', '<x></x></y>', /a closing <\/y> with no element open/],
    ['no element at all', '   ', /holds no element at all/],
    ['two roots', '<x/><y/>', /more than one root element/],
  ])('refuses %s', (_what, xml, reason) => {
    expect(failure(xml)).toMatch(reason);
    expect(failure(xml)).toMatch(/^part xl\/test\.xml is not well-formed XML: /);
  });
});

describe('attribute', () => {
  test.each([
    [' r="A1" t="s"', 'r', 'A1'],
    [' r="A1" t="s"', 't', 's'],
    [' sheetId="1" r:id="rId3" name="R&amp;D"', 'id', 'rId3'],
    [' sheetId="1" r:id="rId3" name="R&amp;D"', 'name', 'R&D'],
    [" ref='A1:B2'", 'ref', 'A1:B2'],
    [' sheetId="1"', 'id', null],
  ])('in %p, %s is %p', (attributes, name, value) => {
    expect(attribute(attributes, name)).toBe(value);
  });
});
