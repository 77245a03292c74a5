/**
 * Writes a zip package: entries copied from another package exactly as stored (their compressed
 * bytes are not touched), and new or changed entries deflated. Enough of the format for .xlsx:
 * no zip64 (an entry or a package that would need it is refused with a RangeError), no
 * encryption, UTF-8 names.
 *
 * A new entry may come as chunks (`addChunks`): they are encoded and deflated as they come, in
 * segments of 1 MB, with the CRC-32 kept as it goes, so a large part (the report sheet) is
 * never held whole, as text or as bytes. With Node's zlib each segment is deflated on its own,
 * primed with the 32 KB before it (a preset dictionary: back-references reach into the segment
 * before, as in one stream) and ended with a sync flush (byte-aligned, not final), the last one
 * with the final block; the segments joined are one deflate stream. Elsewhere fflate's streaming
 * Deflate does the same in JavaScript.
 */
import { Deflate, deflateSync } from 'fflate';
import { crc32, crc32Portable } from '../crc32.js';
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
  /** The compressed bytes, in order. */
  readonly data: readonly Uint8Array[];
}

const utf8 = new TextEncoder();
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * The deflate level of new entries when none is given. zlib's level 2 deflates the report sheet
 * and the marked sheet of the 2,000 × 80 benchmark about 2.5× as fast as level 6 (140 ms against
 * 360), a fifth larger (4.2 MB against 3.5): a reviewer's copy need not be minimal. Level 3 is
 * 40% slower for 3% less; level 1 barely faster for 9% more.
 */
export const DEFAULT_LEVEL = 2;

/**
 * Bytes deflated at a time by `addChunks`: each segment costs a deflater of its own primed with
 * the window before it (about a millisecond with zlib), so they are large; the report sheet's
 * chunks (contentSheetParts) are as large, and deflated as they come, without a copy.
 */
export const SEGMENT = 1024 * 1024;
/** The first buffer of a segment being gathered; it grows to SEGMENT as bytes come. */
const FIRST_BUFFER = 64 * 1024;
/** The deflate window: how far back a segment's back-references may reach. */
const WINDOW = 32 * 1024;
/** The largest size, offset or count a zip without zip64 can hold. */
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;

/** What this writer uses of Node's zlib: raw deflate with the options it needs. */
type NodeDeflateRaw = (
  data: Uint8Array,
  options: { level: number; dictionary?: Uint8Array; finishFlush?: number },
) => Uint8Array;

interface ZlibParts {
  readonly deflateRawSync: NodeDeflateRaw;
  readonly syncFlush: number;
  readonly finish: number;
  readonly crc32: ((data: Uint8Array, value?: number) => number) | undefined;
}

/**
 * Node's zlib when the runtime has it (about 3× faster than fflate at the same level and size),
 * else undefined: this package also runs in browsers (the add-in's preview), where fflate
 * deflates.
 */
function zlibParts(): ZlibParts | undefined {
  const zlib = nodeZlib() as
    | (Partial<{ deflateRawSync: NodeDeflateRaw; crc32: ZlibParts['crc32'] }> & {
        constants?: { Z_SYNC_FLUSH?: number; Z_FINISH?: number };
      })
    | undefined;
  const deflateRawSync = zlib?.deflateRawSync;
  if (typeof deflateRawSync !== 'function') return undefined;
  return {
    deflateRawSync,
    syncFlush: zlib?.constants?.Z_SYNC_FLUSH ?? 2,
    finish: zlib?.constants?.Z_FINISH ?? 4,
    crc32: typeof zlib?.crc32 === 'function' ? zlib.crc32 : undefined,
  };
}

const zlib = zlibParts();

/** A level zlib and fflate take: an integer 0–9 (0: stored blocks), else the default. */
function levelOf(level: number | undefined): 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 {
  return (
    level !== undefined && Number.isInteger(level) && level >= 0 && level <= 9
      ? level
      : DEFAULT_LEVEL
  ) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

function deflateRaw(data: Uint8Array, level: number): Uint8Array {
  const l = levelOf(level);
  return zlib ? zlib.deflateRawSync(data, { level: l }) : deflateSync(data, { level: l });
}

/** The CRC-32 of `data` continued from `crc` (the CRC of the bytes before it). */
function crcOn(data: Uint8Array, crc: number): number {
  return zlib?.crc32 ? zlib.crc32(data, crc) >>> 0 : crc32Portable(data, crc);
}

/** Deflates what it is given, segment by segment: the compressed bytes, size and CRC-32. */
class SegmentDeflater {
  readonly out: Uint8Array[] = [];
  size = 0;
  crc = 0;
  private readonly level: ReturnType<typeof levelOf>;
  /** The bytes of the segment being gathered: grown as they come, up to `segmentSize`. */
  private buffer: Uint8Array;
  private readonly segmentSize: number;
  private used = 0;
  /** The last bytes of the segment before (up to the window), for the next one. */
  private dictionary: Uint8Array | undefined;
  private readonly fflate: Deflate | undefined;

  constructor(level: number, segment: number) {
    this.level = levelOf(level);
    this.segmentSize = segment;
    // Most entries are a few kilobytes (a department workbook's marked sheet, its styles): a
    // whole segment made for each of them was a megabyte for the collector to count.
    this.buffer = new Uint8Array(Math.min(segment, FIRST_BUFFER));
    if (!zlib) this.fflate = new Deflate({ level: this.level }, (chunk) => this.out.push(chunk));
  }

  text(text: string): void {
    let rest = text;
    for (;;) {
      const { read, written } = utf8.encodeInto(rest, this.buffer.subarray(this.used));
      this.used += written;
      if (read >= rest.length) return;
      rest = rest.slice(read);
      if (this.buffer.length < this.segmentSize) this.grow(this.used + 3 * rest.length);
      else this.segment(false);
    }
  }

  /** Room for `size` bytes in the segment being gathered (at most a segment's). */
  private grow(size: number): void {
    const grown = new Uint8Array(
      Math.min(this.segmentSize, Math.max(2 * this.buffer.length, size)),
    );
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }

  bytes(bytes: Uint8Array): void {
    const segment = this.segmentSize;
    // A segment's worth or more, with nothing held: deflated as it is (no copy).
    if (this.used === 0 && bytes.length >= segment) {
      this.deflate(bytes, false);
      return;
    }
    let at = 0;
    while (at < bytes.length) {
      const n = Math.min(bytes.length - at, segment - this.used);
      if (this.used + n > this.buffer.length) this.grow(this.used + n);
      this.buffer.set(bytes.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === segment) this.segment(false);
    }
  }

  /** Deflates the bytes held; the final segment ends the stream. */
  segment(final: boolean): void {
    this.deflate(this.buffer.subarray(0, this.used), final);
    this.used = 0;
  }

  private deflate(data: Uint8Array, final: boolean): void {
    this.crc = crcOn(data, this.crc);
    this.size += data.length;
    if (this.size > MAX_U32) throw new RangeError('a zip entry over 4 GB (zip64) is not written');
    if (zlib) {
      this.out.push(
        zlib.deflateRawSync(data, {
          level: this.level,
          finishFlush: final ? zlib.finish : zlib.syncFlush,
          ...(this.dictionary ? { dictionary: this.dictionary } : {}),
        }),
      );
      if (!final && data.length > 0) {
        const tail = data.subarray(Math.max(0, data.length - WINDOW));
        // A segment shorter than the window (never, but for safety) keeps the dictionary's end.
        this.dictionary =
          tail.length === WINDOW || this.dictionary === undefined
            ? tail.slice()
            : joinTail(this.dictionary, tail);
      }
    } else {
      (this.fflate as Deflate).push(data.slice(), final);
    }
  }
}

/** The last WINDOW bytes of `a` followed by `b`. */
function joinTail(a: Uint8Array, b: Uint8Array): Uint8Array {
  const keep = Math.min(a.length, WINDOW - b.length);
  const out = new Uint8Array(keep + b.length);
  out.set(a.subarray(a.length - keep));
  out.set(b, keep);
  return out;
}

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
  private readonly level: number;
  private readonly segment: number;

  /**
   * `level`: the deflate level (0–9) of the entries added; default `DEFAULT_LEVEL`. `segment`:
   * the bytes `addChunks` deflates at a time (default `SEGMENT`; smaller in tests).
   */
  constructor(level: number = DEFAULT_LEVEL, segment: number = SEGMENT) {
    this.level = levelOf(level);
    this.segment = Number.isInteger(segment) && segment >= WINDOW ? segment : SEGMENT;
  }

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
      data: [data],
    });
  }

  /** Adds an entry with new content, deflated. */
  add(name: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? utf8.encode(content) : content;
    const compressed = deflateRaw(bytes, this.level);
    this.push(name, crc32(bytes), bytes.length, [compressed]);
  }

  /**
   * Adds an entry with new content given as chunks of text (written as UTF-8) or bytes, in
   * order: deflated as they come, never joined.
   */
  addChunks(name: string, chunks: Iterable<string | Uint8Array>): void {
    const deflater = new SegmentDeflater(this.level, this.segment);
    for (const chunk of chunks) {
      if (typeof chunk === 'string') deflater.text(chunk);
      else deflater.bytes(chunk);
    }
    deflater.segment(true);
    this.push(name, deflater.crc, deflater.size, deflater.out);
  }

  private push(name: string, crc: number, size: number, data: Uint8Array[]): void {
    let compressedSize = 0;
    for (const d of data) compressedSize += d.length;
    if (compressedSize > MAX_U32 || size > MAX_U32)
      throw new RangeError('a zip entry over 4 GB (zip64) is not written');
    this.entries.push({
      name: utf8.encode(name),
      method: 8,
      flags: 0x0800, // UTF-8 names
      time: 0,
      date: DOS_DATE,
      crc,
      compressedSize,
      uncompressedSize: size,
      data,
    });
  }

  /** The finished zip file. */
  finish(): Uint8Array {
    let size = 22;
    for (const e of this.entries)
      size += 30 + e.name.length + e.compressedSize + 46 + e.name.length;
    if (this.entries.length > MAX_U16 || size - 22 > MAX_U32)
      throw new RangeError('a zip over 4 GB or 65,535 entries (zip64) is not written');
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
      at += 30 + e.name.length;
      for (const d of e.data) {
        out.set(d, at);
        at += d.length;
      }
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
