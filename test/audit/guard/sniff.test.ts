/** What a file that is not a zip archive looks like, from its first bytes. */
import { describeNonZip } from '../../../audit/guard/sniff';

function sniff(bytes: Buffer | string): string | null {
  const head = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return describeNonZip(head, head.length);
}

describe('describeNonZip', () => {
  it('lets a zip archive through', () => {
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeNull();
  });

  test.each([
    ['an empty file', Buffer.alloc(0), /the file is empty \(0 bytes\)/],
    ['an empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0]), /empty zip archive/],
    ['CSV', 'Activity,Owner\nLog,R\n', /comma-separated \(CSV\) text/],
    ['CSV with a byte-order mark', '\uFEFFActivity;Owner\n', /comma-separated \(CSV\) text/],
    ['TSV', 'Activity\tOwner\n', /tab-separated \(TSV\) text/],
    ['an HTML page', '  <html><head></head><body></body></html>', /an HTML page/],
    [
      'an HTML table export',
      '<meta charset="utf-8"><table><tr><td>R</td></tr></table>',
      /an HTML page/,
    ],
    [
      'an Excel 2003 XML spreadsheet',
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
      /Excel 2003 XML spreadsheet/,
    ],
    ['plain XML', '<?xml version="1.0"?><data/>', /plain XML document/],
    ['JSON', '{"rows": []}', /JSON text/],
    ['plain text', 'just some notes', /plain text renamed as \.xlsx/],
    ['a PDF', '%PDF-1.7\n%âãÏÓ', /a PDF document/],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip-compressed/],
    ['UTF-16 text', Buffer.from('\uFEFFActivity,Owner', 'utf16le'), /UTF-16 text/],
    ['unknown binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x9f, 0x00]), /not recognised/],
  ])('names %s', (_what, bytes, reason) => {
    expect(sniff(bytes)).toMatch(reason);
  });

  it("tells a password-protected workbook from an old .xls by the OLE container's stream names", () => {
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    expect(sniff(cfb)).toMatch(/old Excel 97-2003 \.xls/);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 600);
    expect(sniff(cfb)).toMatch(/password-protected/);
  });
});
