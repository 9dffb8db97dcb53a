/**
 * Builds and takes apart zip archives byte by byte for the adversarial corpus: `unzip` reads a
 * real workbook (from exceljs `writeBuffer()`) into its parts, `buildZip` writes parts back
 * with whatever headers a test wants (honest or lying sizes, an encryption flag, another
 * compression method), and `deflateRepeated` makes the raw deflate stream of a block repeated
 * many times without ever holding the inflated whole, which is how a zip bomb is made.
 */
import { crc32, constants, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/** Returns every part of a zip held in memory, by name, in archive order. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zipfile) => {
      if (err || !zipfile) return reject(err);
      const parts = new Map<string, Buffer>();
      zipfile.on('entry', (entry: yauzl.Entry) => {
        zipfile.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zipfile.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zipfile.on('end', () => resolve(parts));
      zipfile.on('error', reject);
      zipfile.readEntry();
    });
  });
}

/** A deflated body and the facts of what it inflates to. */
export interface DeflatedBody {
  deflated: Buffer;
  size: number;
  crc: number;
}

/**
 * Returns the raw deflate stream of `head`, then `block` repeated `times` times, then `tail`,
 * with its inflated size and CRC-32. Each piece is compressed on its own with a sync flush, so
 * the pieces concatenate into one valid stream; `block` is compressed once and reused.
 */
export function deflateRepeated(
  head: Buffer,
  block: Buffer,
  times: number,
  tail: Buffer,
): DeflatedBody {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const blockDeflated = deflateRawSync(block, sync);
  const pieces: Buffer[] = [deflateRawSync(head, sync)];
  let crc = crc32(head);
  for (let i = 0; i < times; i++) {
    pieces.push(blockDeflated);
    crc = crc32(block, crc);
  }
  pieces.push(deflateRawSync(tail));
  crc = crc32(tail, crc);
  return {
    deflated: Buffer.concat(pieces),
    size: head.length + block.length * times + tail.length,
    crc,
  };
}

/**
 * Returns the raw deflate stream of the text `generate` yields piece by piece, compressing
 * each piece as it comes, so a 60 MB sheet never exists in memory as a whole.
 */
export function deflateGenerated(generate: () => Iterable<string>): DeflatedBody {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH, level: 1 };
  const pieces: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const text of generate()) {
    const bytes = Buffer.from(text, 'utf8');
    pieces.push(deflateRawSync(bytes, sync));
    crc = crc32(bytes, crc);
    size += bytes.length;
  }
  pieces.push(deflateRawSync(Buffer.alloc(0)));
  return { deflated: Buffer.concat(pieces), size, crc };
}

/** One part to write; everything but `name` and a body may be set to lie. */
export interface ZipPart {
  name: string;
  /** Stored as given, deflated unless `method` is 0 or `deflated` is given. */
  data?: Buffer;
  /** An already deflated body. */
  body?: DeflatedBody;
  method?: number;
  flags?: number;
  /** Declared sizes and CRC, to lie with; default the true ones. */
  declaredSize?: number;
  declaredCompressedSize?: number;
  declaredCrc?: number;
}

/** Returns a zip archive of `parts` (local headers, data, central directory, end record). */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.method ?? 8;
    let payload: Buffer;
    let size: number;
    let crc: number;
    if (part.body) {
      payload = part.body.deflated;
      size = part.body.size;
      crc = part.body.crc;
    } else {
      const data = part.data ?? Buffer.alloc(0);
      payload = method === 8 ? deflateRawSync(data) : data;
      size = data.length;
      crc = crc32(data);
    }
    const declaredSize = part.declaredSize ?? size;
    const declaredCompressed = part.declaredCompressedSize ?? payload.length;
    const declaredCrc = part.declaredCrc ?? crc;
    const flags = (part.flags ?? 0) | 0x800;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(declaredCrc >>> 0, 14);
    local.writeUInt32LE(declaredCompressed >>> 0, 18);
    local.writeUInt32LE(declaredSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, payload);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(declaredCrc >>> 0, 16);
    central.writeUInt32LE(declaredCompressed >>> 0, 20);
    central.writeUInt32LE(declaredSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + payload.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Returns the parts of `original` with `changes` applied: a Buffer replaces a part, null removes it. */
export function replaceParts(
  original: Map<string, Buffer>,
  changes: Record<string, Buffer | DeflatedBody | null>,
): ZipPart[] {
  const parts: ZipPart[] = [];
  for (const [name, data] of original) {
    if (!(name in changes)) parts.push({ name, data });
  }
  for (const [name, change] of Object.entries(changes)) {
    if (change === null) continue;
    parts.push(Buffer.isBuffer(change) ? { name, data: change } : { name, body: change });
  }
  return parts;
}
