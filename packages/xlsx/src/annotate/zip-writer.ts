/**
 * Writes a zip package: entries copied from another package exactly as stored (their compressed
 * bytes are not touched), and new or changed entries deflated. Enough of the format for .xlsx:
 * no zip64, no encryption, UTF-8 names.
 */
import { deflateSync } from 'fflate';
import { crc32 } from '../crc32.js';
import type { XlsxPackage } from '../zip.js';
import { nodeZlib } from '../zlib.js';

interface Stored {
  readonly name: Uint8Array;
  readonly method: number;
  readonly flags: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly data: Uint8Array;
}

const utf8 = new TextEncoder();
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const NON_ASCII = /[^\u0000-\u007f]/;

type DeflateRaw = (data: Uint8Array) => Uint8Array;

/**
 * Node's zlib when the runtime has it (about 3× faster than fflate at the same level and size),
 * else fflate: this package also runs in browsers (the add-in's preview).
 */
function pickDeflater(): DeflateRaw {
  const deflateRawSync = nodeZlib()?.deflateRawSync;
  if (typeof deflateRawSync === 'function') return (data) => deflateRawSync(data, { level: 6 });
  return (data) => deflateSync(data, { level: 6 });
}

const deflateRaw = pickDeflater();
/** 2025-01-01 00:00 in DOS format, for entries the annotation adds (deterministic output). */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

/**
 * The fields the local header and the central directory record share, in the same order: flags,
 * method, time, date, CRC, sizes and name length (from offset 6 of a local header, 8 of a
 * central record).
 */
function writeEntryFields(view: DataView, at: number, e: Stored): void {
  view.setUint16(at, e.flags, true);
  view.setUint16(at + 2, e.method, true);
  view.setUint16(at + 4, e.time, true);
  view.setUint16(at + 6, e.date, true);
  view.setUint32(at + 8, e.crc, true);
  view.setUint32(at + 12, e.compressedSize, true);
  view.setUint32(at + 16, e.uncompressedSize, true);
  view.setUint16(at + 20, e.name.length, true);
}

export class ZipWriter {
  private readonly entries: Stored[] = [];

  /**
   * Copies an entry of `source` as stored: same compressed bytes, CRC, time and method, under the
   * name the central directory gives it (the one every reader goes by; the local header's copy
   * of the name may differ in a damaged file).
   */
  copy(source: XlsxPackage, name: string): void {
    const { entry, data } = source.raw(name);
    const d = source.data;
    const at = entry.localHeaderOffset;
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    this.entries.push({
      name: utf8.encode(entry.name),
      method: entry.method,
      // Bit 3 (sizes in a trailing data descriptor) is cleared: the sizes go in the header here;
      // bit 11 says a name beyond ASCII is UTF-8, as it is written.
      flags: (entry.flags & ~0x0008) | (NON_ASCII.test(entry.name) ? 0x0800 : 0),
      time: view.getUint16(at + 10, true),
      date: view.getUint16(at + 12, true),
      crc: entry.crc32,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      data,
    });
  }

  /** Adds an entry with new content, deflated. */
  add(name: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? utf8.encode(content) : content;
    const compressed = deflateRaw(bytes);
    this.entries.push({
      name: utf8.encode(name),
      method: 8,
      flags: 0x0800, // UTF-8 names
      time: 0,
      date: DOS_DATE,
      crc: crc32(bytes),
      compressedSize: compressed.length,
      uncompressedSize: bytes.length,
      data: compressed,
    });
  }

  /** The finished zip file. */
  finish(): Uint8Array {
    let size = 22;
    for (const e of this.entries) size += 30 + e.name.length + e.data.length + 46 + e.name.length;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    let at = 0;
    const offsets: number[] = [];
    for (const e of this.entries) {
      offsets.push(at);
      view.setUint32(at, 0x04034b50, true);
      view.setUint16(at + 4, 20, true);
      writeEntryFields(view, at + 6, e);
      view.setUint16(at + 28, 0, true);
      out.set(e.name, at + 30);
      out.set(e.data, at + 30 + e.name.length);
      at += 30 + e.name.length + e.data.length;
    }
    const central = at;
    this.entries.forEach((e, i) => {
      view.setUint32(at, 0x02014b50, true);
      view.setUint16(at + 4, 20, true);
      view.setUint16(at + 6, 20, true);
      writeEntryFields(view, at + 8, e);
      // extra, comment, disk, internal attributes: 0; external attributes: 0
      view.setUint32(at + 42, offsets[i] as number, true);
      out.set(e.name, at + 46);
      at += 46 + e.name.length;
    });
    view.setUint32(at, 0x06054b50, true);
    view.setUint16(at + 8, this.entries.length, true);
    view.setUint16(at + 10, this.entries.length, true);
    view.setUint32(at + 12, at - central, true);
    view.setUint32(at + 16, central, true);
    return out;
  }
}
