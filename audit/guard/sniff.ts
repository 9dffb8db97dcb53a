/**
 * Recognises what a file is from its first bytes, before anything tries to unzip it. An .xlsx
 * is a zip archive (`PK\x03\x04`); anything else gets a sentence saying what it looks like: an
 * empty file, a password-protected workbook (Office encrypts an .xlsx into an OLE/CFB
 * container holding `EncryptionInfo` and `EncryptedPackage` streams), an old .xls, CSV or other
 * text, an HTML page, XML, a PDF, a gzip or other archive.
 */

/** How many bytes of the file's start `describeNonZip` wants to see. */
export const SNIFF_BYTES = 64 * 1024;

const ZIP_LOCAL_HEADER = 0x504b0304;
const ZIP_EMPTY_ARCHIVE = 0x504b0506;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** Returns true when the OLE/CFB container's directory names the streams of an encrypted Office file. */
function cfbIsEncryptedPackage(head: Buffer): boolean {
  return head.includes(utf16('EncryptedPackage')) || head.includes(utf16('EncryptionInfo'));
}

/** Returns the text at the start of the file (its first 200 bytes), without a byte-order mark. */
function textPreview(head: Buffer): string {
  const text = head
    .subarray(0, 200)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.trimStart();
}

function looksLikeText(head: Buffer): boolean {
  const sample = head.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control / sample.length < 0.02;
}

function describeText(head: Buffer): string {
  const text = textPreview(head);
  const lower = text.toLowerCase();
  if (
    lower.startsWith('<!doctype html') ||
    lower.startsWith('<html') ||
    /<(head|body|table)[\s>]/.test(lower)
  ) {
    return 'the file is not an .xlsx workbook: it is an HTML page (a web page saved or renamed as .xlsx)';
  }
  if (lower.startsWith('<?xml') || lower.startsWith('<')) {
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return 'the file is not an .xlsx workbook: it is an Excel 2003 XML spreadsheet; open it in Excel or Sheets and save it as .xlsx';
    }
    return 'the file is not an .xlsx workbook: it is a plain XML document renamed as .xlsx';
  }
  if (lower.startsWith('{') || lower.startsWith('[')) {
    return 'the file is not an .xlsx workbook: it looks like JSON text renamed as .xlsx';
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = [',', ';', '\t'].find((sep) => firstLine.includes(sep));
  if (separator) {
    const name = separator === '\t' ? 'tab-separated (TSV)' : 'comma-separated (CSV)';
    return `the file is not an .xlsx workbook: it is ${name} text renamed as .xlsx; open it in Sheets or Excel and save it as .xlsx`;
  }
  return 'the file is not an .xlsx workbook: it is plain text renamed as .xlsx';
}

/**
 * Returns null when the file starts like a zip archive (an .xlsx may be one), else one sentence
 * saying what the file is instead. `head` is the file's first bytes (up to `SNIFF_BYTES`).
 */
export function describeNonZip(head: Buffer, fileSize: number): string | null {
  if (fileSize === 0) return 'the file is empty (0 bytes)';
  if (head.length >= 4) {
    const magic = head.readUInt32BE(0);
    if (magic === ZIP_LOCAL_HEADER) return null;
    if (magic === ZIP_EMPTY_ARCHIVE)
      return 'the file is an empty zip archive, not an .xlsx workbook';
  }
  if (head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC)) {
    if (cfbIsEncryptedPackage(head)) {
      return 'the workbook is password-protected (encrypted); remove the password in Excel and save it again as .xlsx';
    }
    return 'the file is an old Excel 97-2003 .xls workbook (or another OLE file), not an .xlsx; save it as .xlsx';
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    return 'the file is not an .xlsx workbook: it is a PDF document';
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return 'the file is not an .xlsx workbook: it is a gzip-compressed file';
  }
  if (
    head.subarray(0, 6).equals(Buffer.from('Rar!\x1a\x07', 'latin1')) ||
    head.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))
  ) {
    return 'the file is not an .xlsx workbook: it is a RAR or 7-Zip archive';
  }
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return 'the file is not an .xlsx workbook: it is UTF-16 text (often a "Unicode text" export) renamed as .xlsx';
  }
  if (looksLikeText(head)) return describeText(head);
  return 'the file is not an .xlsx workbook: it is not a zip archive and its content is not recognised';
}
