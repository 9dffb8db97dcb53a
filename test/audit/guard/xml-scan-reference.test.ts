/**
 * The faster XML scanner and attribute lookup against the reference (the scanner as it was,
 * `support/reference-xml-scan.ts`): thousands of seeded random documents built from the
 * pieces .xlsx parts and hostile files hold (tags with quoted `>` and `/`, prefixes, entities
 * good and bad, comments, CDATA, processing instructions, DOCTYPE, Unicode spaces, stray `&`
 * and `<`, cut-off ends) must give the same events, split the same way, and the same refusal,
 * whole and fed in random chunks. Attribute texts (plain, odd spacing, `=` and quotes inside
 * values, Unicode spaces, prefixes of every kind) must give the same value for every name.
 */
import { GuardFailure } from '../../../audit/guard/messages';
import {
  attribute,
  attributeByPattern,
  XmlScanner,
  type XmlHandler,
} from '../../../audit/guard/xml-scan';
import { ReferenceXmlScanner, referenceAttribute } from './support/reference-xml-scan';
import { seededRandom } from '../../support/seeded-random';

const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)];

const ATTRIBUTE_PIECES = [
  ' r="A1"',
  " t='s'",
  ' s="3"',
  ' x:r="B2"',
  ' f="a>b"',
  " q='x\"y'",
  ' v="a/b"',
  ' e="R&amp;D"',
  ' bad="&nope;"',
  '\tref = "A1:B2"',
  '\nname="x r=\'5\'"',
  ' a\u00a0r="9"',
  ' r="1" r="2"',
  '',
];

const PIECES = [
  '<row r="1">',
  '</row>',
  '<c r="A1" t="s"><v>0</v></c>',
  '<x:c r="B1"/>',
  '<c\u00a0r="C1"/>',
  '<c r="D1" f="1>0"/>',
  '<t xml:space="preserve">  </t>',
  'text',
  '  ',
  '\u3000',
  '&amp;',
  '&#10;',
  '&#x1F9ED;',
  '&lt;&gt;&quot;&apos;',
  '&nope;',
  '&',
  '&averyveryverylongentity;',
  '<!-- c > d -->',
  '<!---->',
  '<!-->',
  '<![CDATA[ a < b ]] > ]]>',
  '<![CDATA[]]>',
  '<?pi x="?"?>',
  '<?>',
  '<!DOCTYPE x>',
  '<!ELEMENT y>',
  '<>',
  '</>',
  '< c/>',
  '<',
  '>',
  '"',
];

/** Returns a random document: a root around random pieces and attribute texts. */
function document(next: () => number): string {
  const parts = ['<?xml version="1.0"?>\n<root'];
  parts.push(pick(next, ATTRIBUTE_PIECES), '>');
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    const piece = pick(next, PIECES);
    parts.push(
      next() < 0.2 ? `<e${pick(next, ATTRIBUTE_PIECES)}${pick(next, ['/>', '>', ' />'])}` : piece,
    );
  }
  if (next() < 0.9) parts.push('</root>');
  return parts.join('');
}

/** A scanner either implementation provides. */
interface Scanner {
  write(chunk: string): void;
  end(): void;
}

/** Returns the events and the refusal (if any) of scanning `xml` in the given chunk sizes. */
function run(
  make: (handler: XmlHandler) => Scanner,
  xml: string,
  sizes: readonly number[],
): string[] {
  const events: string[] = [];
  const scanner = make({
    open: (name, attributes, selfClosing) =>
      events.push(`open ${name} [${attributes}] ${selfClosing}`),
    close: (name) => events.push(`close ${name}`),
    text: (length, nonBlank, value) =>
      events.push(`text ${length} ${nonBlank} ${JSON.stringify(value)}`),
  });
  try {
    let at = 0;
    let k = 0;
    while (at < xml.length) {
      const size = sizes[k++ % sizes.length];
      scanner.write(xml.slice(at, at + size));
      at += size;
    }
    scanner.end();
  } catch (err) {
    if (!(err instanceof GuardFailure)) throw err;
    events.push(`refused: ${err.reason}`);
  }
  return events;
}

describe('the scanner gives the reference events and refusals', () => {
  const fast = (handler: XmlHandler) => new XmlScanner('xl/p.xml', handler);
  const reference = (handler: XmlHandler) => new ReferenceXmlScanner('xl/p.xml', handler);

  it('on 3,000 random documents, whole and in random chunks', () => {
    const next = seededRandom(8);
    for (let d = 0; d < 3000; d++) {
      const xml = document(next);
      const chunkings = [
        [xml.length || 1],
        [1],
        Array.from({ length: 5 }, () => 1 + Math.floor(next() * 9)),
      ];
      for (const sizes of chunkings) {
        expect({ xml, sizes, events: run(fast, xml, sizes) }).toStrictEqual({
          xml,
          sizes,
          events: run(reference, xml, sizes),
        });
      }
    }
  });

  it('on a tag longer than the limit, inside one chunk and over several', () => {
    const xml = `<root><c r="${'x'.repeat(1024 * 1024)}"/></root>`;
    for (const sizes of [[xml.length], [70_000]]) {
      expect(run(fast, xml, sizes)).toStrictEqual(run(reference, xml, sizes));
    }
    expect(run(fast, xml, [xml.length]).pop()).toMatch(/a tag longer than 1048576 characters/);
  });
});

describe('attribute lookups give the reference values', () => {
  const NAMES = ['r', 't', 's', 'ref', 'id', 'Id', 'name', 'sheetId', 'x', 'q', 'v', 'e', 'bad'];
  const SPACES = [' ', '  ', '\t', '\n', '\r\n', '', '\u00a0', '\v'];
  const QNAMES = [
    'r',
    't',
    's',
    'x:r',
    'r:id',
    'sheetId',
    'a.b:ref',
    '-:r',
    ':r',
    'a:b:r',
    'é:r',
    'rr',
    'Id',
  ];
  const VALUES = [
    '"A1"',
    "'s'",
    '"R&amp;D"',
    '"a r=\'5\'"',
    '"x s"',
    "'a\"b'",
    '""',
    '"&#65;&bad;"',
    '"1',
  ];

  it('on 10,000 random attribute texts, for every name', () => {
    const next = seededRandom(21);
    const differences: { text: string; name: string; value: string | null }[] = [];
    for (let k = 0; k < 10_000; k++) {
      const count = Math.floor(next() * 5);
      let text = '';
      for (let i = 0; i < count; i++) {
        text +=
          pick(next, SPACES) +
          pick(next, QNAMES) +
          pick(next, ['', ' ', '\t']) +
          pick(next, ['=', '= ', '']) +
          pick(next, ['', ' ']) +
          pick(next, VALUES);
      }
      text += pick(next, ['', ' ', '\u2028']);
      for (const name of NAMES) {
        const expected = referenceAttribute(text, name);
        const value = attribute(text, name);
        if (value !== expected || attributeByPattern(text, name) !== expected)
          differences.push({ text, name, value });
      }
    }
    expect(differences).toStrictEqual([]);
  });

  it('on the attribute texts of .xlsx parts', () => {
    const texts = [
      ' r="A1" s="3" t="s"',
      ' name="RACI" sheetId="2" r:id="rId2"',
      ' Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"',
      ' Id="rId9" Type="http://x/hyperlink" Target="https://example.org/?a=b&amp;c=d" TargetMode="External"',
      ' numFmtId="164" formatCode="&quot;day&quot;0"',
      ' ref="A1:D1"',
    ];
    for (const text of texts) {
      for (const name of [
        'r',
        's',
        't',
        'name',
        'sheetId',
        'id',
        'Id',
        'Type',
        'Target',
        'TargetMode',
        'numFmtId',
        'formatCode',
        'ref',
      ]) {
        expect(attribute(text, name)).toBe(referenceAttribute(text, name));
      }
    }
    expect(attribute(texts[3], 'Target')).toBe('https://example.org/?a=b&c=d');
  });
});
