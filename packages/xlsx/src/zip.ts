/**
 * The zip package behind an .xlsx file: the central directory is read by hand (so every declared
 * size is checked before anything is inflated), entries are inflated on demand (Node's zlib, or
 * fflate in browsers) and every entry's CRC-32 is checked against its bytes before they are used.
 *
 * "Zip bomb" is kept for what really is one: an entry whose bytes, when inflated, really expand
 * beyond the compression-ratio limit. An entry that only declares an absurd size, or expands a
 * little past what it declares, is damaged (`corrupt-zip`), as random corruption is.
 *
 * `XlsxPackage` is shared with the writing side: it lists the entries and gives each entry's
 * bytes, text or raw compressed data (to copy unchanged entries into an annotated copy).
 */
import { Inflate, inflateSync } from 'fflate';
import { crc32 } from './crc32.js';
import { fail, XlsxFailure } from './errors.js';
import type { ReadLimits } from './limits.js';
import { nodeZlib } from './zlib.js';

export interface ZipEntry {
  /** The part name as stored, with "/" separators and no leading "/" (e.g. "xl/workbook.xml"). */
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  /** The general-purpose flags of the central directory record. */
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Where the entry's local file header starts in the file. */
  readonly localHeaderOffset: number;
}

/** An entry's bytes as stored in the file, for copying it unchanged into another zip. */
export interface RawEntry {
  readonly entry: ZipEntry;
  /** The compressed bytes (a view into the file's data, not a copy). */
  readonly data: Uint8Array;
}

export interface XlsxPackage {
  /** The whole file. */
  readonly data: Uint8Array;
  /** The entries in central-directory order. */
  readonly entries: readonly ZipEntry[];
  /** The entry with this part name (case-insensitive, as OPC part names are; a leading "/" is ignored). */
  entry(name: string): ZipEntry | undefined;
  has(name: string): boolean;
  /**
   * The entry's uncompressed bytes, their CRC-32 checked. Unlike the reading functions, this
   * throws when the entry is missing, damaged or cannot be read: an `Error` whose `error`
   * property is the `XlsxError` (with the entry's name in `part`).
   */
  bytes(name: string): Uint8Array;
  /** The entry's text (UTF-8, or UTF-16 with a byte-order mark). */
  text(name: string): string;
  /** The entry's stored (compressed) bytes, checked to lie inside the file. */
  raw(name: string): RawEntry;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const utf8 = new TextDecoder('utf-8');

function u16(d: Uint8Array, i: number): number {
  return (d[i] ?? 0) | ((d[i + 1] ?? 0) << 8);
}

function u32(d: Uint8Array, i: number): number {
  return (
    ((d[i] ?? 0) | ((d[i + 1] ?? 0) << 8) | ((d[i + 2] ?? 0) << 16) | ((d[i + 3] ?? 0) << 24)) >>> 0
  );
}

/** A little-endian 64-bit size; values beyond 2^53 are reported as Infinity (never valid here). */
function u64(d: Uint8Array, i: number): number {
  const high = u32(d, i + 4);
  return high >= 0x200000 ? Number.POSITIVE_INFINITY : high * 0x100000000 + u32(d, i);
}

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  if (data.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (data[i] !== bytes[i]) return false;
  return true;
}

/** Whether `data` holds `needle` anywhere. */
function contains(data: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  const n = needle.length;
  const last = data.length - n;
  for (
    let i = data.indexOf(first ?? 0);
    i !== -1 && i <= last;
    i = data.indexOf(first ?? 0, i + 1)
  ) {
    let j = 1;
    while (j < n && data[i + j] === needle[j]) j++;
    if (j === n) return true;
  }
  return false;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

const ENCRYPTED_PACKAGE = utf16le('EncryptedPackage');

function asciiPrefix(data: Uint8Array, length: number): string {
  let s = '';
  const n = Math.min(length, data.length);
  for (let i = 0; i < n; i++) s += String.fromCharCode(data[i] ?? 0);
  return s;
}

/** Recognises what the file is before treating it as a zip; fails for anything but a zip. */
function sniff(data: Uint8Array, limits: ReadLimits): void {
  if (data.length === 0) fail({ code: 'empty-file' });
  if (data.length > limits.maxFileSize) {
    fail({ code: 'too-large', what: 'file', size: data.length, limit: limits.maxFileSize });
  }
  if (startsWith(data, CFB_SIGNATURE)) {
    if (contains(data, ENCRYPTED_PACKAGE)) fail({ code: 'encrypted' });
    fail({ code: 'old-xls' });
  }
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    if (startsWith(data, [0x50, 0x4b, 0x05, 0x06]))
      fail({ code: 'not-a-workbook', kind: 'empty-zip' });
    const head = asciiPrefix(data, 512)
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
      .trimStart()
      .toLowerCase();
    if (head.startsWith('<?xml') || head.startsWith('<html') || head.startsWith('<!doctype html')) {
      fail({ code: 'not-a-zip', kind: 'xml-or-html' });
    }
    if (head.startsWith('%pdf')) fail({ code: 'not-a-zip', kind: 'pdf' });
    fail({ code: 'not-a-zip', kind: 'other' });
  }
}

function findEndOfCentralDirectory(data: Uint8Array): number {
  const lowest = Math.max(0, data.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = data.length - EOCD_SIZE; i >= lowest; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && u32(data, i) === SIG_EOCD) {
      // The comment must end exactly at the end of the file; otherwise this is a false match.
      if (i + EOCD_SIZE + u16(data, i + 20) === data.length) return i;
    }
  }
  // Some writers pad or append bytes after the record: accept the last signature found.
  for (let i = data.length - EOCD_SIZE; i >= lowest; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && u32(data, i) === SIG_EOCD) return i;
  }
  return -1;
}

function normaliseName(name: string): string {
  let n = name.indexOf('\\') === -1 ? name : name.replace(/\\/g, '/');
  while (n.startsWith('/')) n = n.slice(1);
  return n;
}

class ZipPackage implements XlsxPackage {
  readonly data: Uint8Array;
  readonly entries: readonly ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;
  private readonly limits: ReadLimits;
  private readonly texts = new Map<ZipEntry, string>();
  /** `entry` of each name asked for (null: none). */
  private readonly lookups = new Map<string, ZipEntry | null>();

  constructor(
    data: Uint8Array,
    entries: ZipEntry[],
    byName: Map<string, ZipEntry>,
    limits: ReadLimits,
  ) {
    this.data = data;
    this.entries = entries;
    this.byName = byName;
    this.limits = limits;
  }

  entry(name: string): ZipEntry | undefined {
    // The few names a reader asks for, again and again: normalised once each.
    let found = this.lookups.get(name);
    if (found === undefined) {
      found = this.byName.get(normaliseName(name).toLowerCase()) ?? null;
      if (this.lookups.size < 1024) this.lookups.set(name, found);
    }
    return found ?? undefined;
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  private get(name: string): ZipEntry {
    const entry = this.entry(name);
    if (entry === undefined) {
      const part = normaliseName(name);
      fail({ code: 'missing-part', reason: 'not-in-package', part });
    }
    return entry;
  }

  raw(name: string): RawEntry {
    return rawEntry(this.data, this.get(name));
  }

  bytes(name: string): Uint8Array {
    const { entry, data } = this.raw(name);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) {
        fail({ code: 'corrupt-zip', reason: 'sizes-disagree', part: entry.name });
      }
      out = data;
    } else if (entry.method === 8) {
      out = inflateEntry(entry, data, this.limits);
    } else {
      fail({
        code: 'unreadable',
        reason: 'compression-method',
        part: entry.name,
        method: entry.method,
      });
    }
    if (crc32(out) !== entry.crc32) {
      fail({ code: 'corrupt-zip', reason: 'checksum', part: entry.name });
    }
    return out;
  }

  text(name: string): string {
    // Relationship parts are read by several readers of one workbook (the workbook, its
    // properties, its stored target sets): inflated and decoded once.
    const entry = this.get(name);
    if (!entry.name.toLowerCase().endsWith('.rels') || entry.uncompressedSize > REMEMBERED_TEXT)
      return decodeText(this.bytes(name));
    let text = this.texts.get(entry);
    if (text === undefined) {
      text = decodeText(this.bytes(name));
      this.texts.set(entry, text);
    }
    return text;
  }
}

/**
 * Parsed forms of small parts, by what their entry stores: department workbooks made from one
 * template hold the same relationships, workbook part, styles (and often shared strings), byte
 * for byte. A hit needs the same reader (`kind`, which names the parse and what it depends on),
 * the same declared CRC-32, sizes and method, and the same compressed bytes (compared in full):
 * the same input to the same inflate, CRC check and parse, so the same outcome. Only successes
 * are kept; a part that fails fails each time as before. Bounded: past `MEMO_ENTRIES` entries or
 * `MEMO_BYTES` (declared uncompressed bytes, a measure of the parsed forms) it starts again.
 */
interface Memo {
  readonly entry: ZipEntry;
  /** A copy of the compressed bytes (never a view: it would keep the whole file alive). */
  readonly stored: Uint8Array;
  readonly value: unknown;
}

const memos = new Map<string, Memo[]>();
let memoCount = 0;
let memoBytes = 0;
const MEMO_ENTRIES = 512;
const MEMO_BYTES = 8 * 1024 * 1024;
/** Parts larger than this (declared, uncompressed) are parsed each time. */
const MEMO_PART_MAX = 1024 * 1024;

const nodeBuffer = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } })
  .Buffer;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (nodeBuffer !== undefined) return nodeBuffer.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameEntry(a: ZipEntry, b: ZipEntry): boolean {
  return (
    a.crc32 === b.crc32 &&
    a.method === b.method &&
    a.compressedSize === b.compressedSize &&
    a.uncompressedSize === b.uncompressedSize
  );
}

/**
 * `parse(pkg.text(name))`, or what it gave for an entry storing the same bytes (see `Memo`).
 * `kind` must name the parse and everything its result depends on besides the text (the part
 * name, a source part); the result is shared, read-only. Fails as `pkg.text` and `parse` do.
 */
export function parsedPart<T>(
  pkg: XlsxPackage,
  name: string,
  kind: string,
  parse: (text: string) => T,
): T {
  const found = pkg.entry(name);
  if (found === undefined || found.uncompressedSize > MEMO_PART_MAX) return parse(pkg.text(name));
  const { entry, data } = pkg.raw(name);
  const key = `${kind}\u0000${entry.name}\u0000${entry.crc32}`;
  const list = memos.get(key);
  if (list !== undefined) {
    for (const memo of list) {
      if (sameEntry(memo.entry, entry) && sameBytes(memo.stored, data)) return memo.value as T;
    }
  }
  const value = parse(pkg.text(name));
  if (++memoCount > MEMO_ENTRIES || memoBytes + entry.uncompressedSize > MEMO_BYTES) {
    memos.clear();
    memoCount = 1;
    memoBytes = 0;
  }
  memoBytes += entry.uncompressedSize + entry.compressedSize;
  const memo: Memo = { entry, stored: data.slice(), value };
  const again = memos.get(key);
  if (again === undefined) memos.set(key, [memo]);
  else again.push(memo);
  return value;
}

/**
 * The text of a part (`pkg.text`), inflated and decoded once for every package that stores the
 * same bytes for it (`parsedPart`): the parts an annotated copy edits as text (relationships,
 * the workbook part, the content types, the styles) are mostly the template's, byte for byte.
 */
export function partText(pkg: XlsxPackage, name: string): string {
  return parsedPart(pkg, name, 'text', (text) => text);
}

/** Relationship parts up to this size are kept decoded by their package (`text`). */
const REMEMBERED_TEXT = 64 * 1024;

/** UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  return utf8.decode(bytes);
}

class Overflow extends Error {}

/**
 * Inflates raw DEFLATE data into exactly `size` bytes; throws `Overflow` as soon as the output
 * would exceed `size`, and anything else for damaged data.
 */
type InflateRaw = (compressed: Uint8Array, size: number) => Uint8Array;

/** Entries with at most this many compressed bytes are inflated by fflate in one call. */
const ONE_SHOT_MAX = 64 * 1024;
/** Compressed bytes pushed per step when fflate inflates larger entries. */
const STREAM_CHUNK = 32 * 1024;

/**
 * fflate (portable). Its one-shot `inflateSync` with a caller-supplied buffer silently drops bytes
 * past the end and keeps decoding, so it is used only for small entries, with one spare byte
 * that reveals an entry expanding beyond its declared size. Larger entries go through the
 * streaming `Inflate` in small steps and stop as soon as the output would exceed the declared
 * size: a lying zip bomb costs at most one step's expansion (32 KB × 1032 at worst).
 */
const fflateInflate: InflateRaw = (compressed, size) => {
  if (compressed.length <= ONE_SHOT_MAX) {
    let out: Uint8Array;
    try {
      out = inflateSync(compressed, { out: new Uint8Array(size + 1) });
    } catch (thrown) {
      // A stored block copied past the end of the buffer.
      if (thrown instanceof RangeError) throw new Overflow();
      throw thrown;
    }
    if (out.length > size) throw new Overflow();
    return out;
  }
  const target = new Uint8Array(size);
  let filled = 0;
  let done = false;
  const inflater = new Inflate((chunk: Uint8Array, final: boolean) => {
    if (filled + chunk.length > size) throw new Overflow();
    target.set(chunk, filled);
    filled += chunk.length;
    if (final) done = true;
  });
  for (let at = 0; at < compressed.length && !done; at += STREAM_CHUNK) {
    const end = Math.min(at + STREAM_CHUNK, compressed.length);
    inflater.push(compressed.subarray(at, end), end === compressed.length);
  }
  return filled === size ? target : target.subarray(0, filled);
};

/**
 * Node's zlib, when there is one. `maxOutputLength` makes zlib stop with ERR_BUFFER_TOO_LARGE as
 * soon as the output passes the declared size.
 */
function nodeInflate(): InflateRaw | undefined {
  const inflateRawSync = nodeZlib()?.inflateRawSync;
  if (typeof inflateRawSync !== 'function') return undefined;
  return (compressed, size) => {
    try {
      return inflateRawSync(compressed, {
        maxOutputLength: size + 1,
        chunkSize: Math.min(Math.max(size + 1, 1024), 4 * 1024 * 1024),
      });
    } catch (thrown) {
      if ((thrown as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE')
        throw new Overflow();
      throw thrown;
    }
  };
}

let inflateRaw: InflateRaw = nodeInflate() ?? fflateInflate;

/** Chooses the inflater (tests and benchmarks): Node's zlib when available, or always fflate. */
export function useInflater(kind: 'auto' | 'fflate'): void {
  inflateRaw = (kind === 'auto' ? nodeInflate() : undefined) ?? fflateInflate;
}

/**
 * Past this many inflated bytes, an entry is a zip bomb: more than `ratioCheckMinSize` and more
 * than `maxCompressionRatio` times its compressed size.
 */
function bombThreshold(compressedSize: number, limits: ReadLimits): number {
  return Math.max(limits.ratioCheckMinSize, compressedSize * limits.maxCompressionRatio);
}

/**
 * The most bytes inflated (and thrown away) to find out whether an entry really is a zip bomb;
 * an entry still expanding past this, with a ratio over the limit, is taken for one.
 */
const MEASURE_CAP = 32 * 1024 * 1024;

class Enough extends Error {}

/**
 * How many bytes `compressed` inflates to, counting up to `limit + 1` and keeping none of them:
 * `complete` when the stream ended cleanly within the limit, `damaged` when it could not be
 * decoded (after `produced` bytes).
 */
function measureInflate(
  compressed: Uint8Array,
  limit: number,
): { produced: number; complete: boolean; damaged: boolean } {
  let produced = 0;
  let complete = false;
  const inflater = new Inflate((chunk: Uint8Array, final: boolean) => {
    produced += chunk.length;
    if (produced > limit) throw new Enough();
    if (final) complete = true;
  });
  try {
    for (let at = 0; at < compressed.length && !complete; at += STREAM_CHUNK) {
      const end = Math.min(at + STREAM_CHUNK, compressed.length);
      inflater.push(compressed.subarray(at, end), end === compressed.length);
    }
  } catch (thrown) {
    if (thrown instanceof Enough) return { produced, complete: false, damaged: false };
    return { produced, complete: false, damaged: true };
  }
  return { produced, complete, damaged: !complete };
}

/**
 * Whether the entry's data really expands beyond the zip-bomb threshold (measured, up to
 * `MEASURE_CAP`), and how far it got otherwise.
 */
function reallyExpands(
  entry: ZipEntry,
  compressed: Uint8Array,
  limits: ReadLimits,
): { bomb: boolean; produced: number; damaged: boolean } {
  const threshold = bombThreshold(entry.compressedSize, limits);
  const limit = Math.min(threshold, MEASURE_CAP);
  const m = measureInflate(compressed, limit);
  return { bomb: m.produced > limit, produced: m.produced, damaged: m.damaged };
}

/**
 * An entry whose data expands past the size it declares: a zip bomb when it really expands past
 * the ratio limit, else a damaged entry (a corrupted size field, or corrupted data).
 */
function overflowed(entry: ZipEntry, compressed: Uint8Array, limits: ReadLimits): never {
  const measured = reallyExpands(entry, compressed, limits);
  const part = entry.name;
  if (measured.bomb) {
    fail({
      code: 'zip-bomb',
      reason: 'expands',
      part,
      compressedSize: entry.compressedSize,
      uncompressedSize: bombThreshold(entry.compressedSize, limits),
      ratioLimit: limits.maxCompressionRatio,
    });
  }
  if (measured.damaged) fail({ code: 'corrupt-zip', reason: 'cannot-inflate', part });
  fail({
    code: 'corrupt-zip',
    reason: 'larger-than-declared',
    part,
    size: measured.produced,
    declared: entry.uncompressedSize,
  });
}

/** Inflates one entry into a buffer of exactly its declared size, never more. */
function inflateEntry(entry: ZipEntry, compressed: Uint8Array, limits: ReadLimits): Uint8Array {
  const size = entry.uncompressedSize;
  const part = entry.name;
  let out: Uint8Array;
  try {
    out = inflateRaw(compressed, size);
  } catch (thrown) {
    if (thrown instanceof Overflow) overflowed(entry, compressed, limits);
    if (thrown instanceof XlsxFailure) throw thrown;
    fail({ code: 'corrupt-zip', reason: 'cannot-inflate', part });
  }
  if (out.length > size) overflowed(entry, compressed, limits);
  if (out.length !== size) {
    fail({
      code: 'corrupt-zip',
      reason: 'smaller-than-declared',
      part,
      size: out.length,
      declared: size,
    });
  }
  return out;
}

/** The entry's stored bytes, after checking that its local header is there and they lie in the file. */
function rawEntry(d: Uint8Array, entry: ZipEntry): RawEntry {
  const at = entry.localHeaderOffset;
  if (at + 30 > d.length || u32(d, at) !== SIG_LOCAL) {
    fail({ code: 'corrupt-zip', reason: 'no-local-header', part: entry.name });
  }
  const start = at + 30 + u16(d, at + 26) + u16(d, at + 28);
  const end = start + entry.compressedSize;
  if (end > d.length) {
    fail({ code: 'corrupt-zip', reason: 'truncated', part: entry.name });
  }
  return { entry, data: d.subarray(start, end) };
}

/**
 * Whether the entry's local header gives other sizes or another CRC than the central directory
 * (a sign of corruption), when it gives them at all (not after the data, not in a Zip64 field).
 */
function headersDisagree(d: Uint8Array, entry: ZipEntry): boolean {
  const at = entry.localHeaderOffset;
  if (at + 30 > d.length || u32(d, at) !== SIG_LOCAL) return true;
  if ((u16(d, at + 6) & 0x0008) !== 0) return false;
  const compressed = u32(d, at + 18);
  const uncompressed = u32(d, at + 22);
  if (compressed === 0xffffffff || uncompressed === 0xffffffff) return false;
  return (
    u32(d, at + 14) !== entry.crc32 ||
    compressed !== entry.compressedSize ||
    uncompressed !== entry.uncompressedSize
  );
}

/**
 * An entry declaring more than the compression-ratio limit allows: a zip bomb if its data really
 * expands that far; damaged (a corrupted size) if its headers disagree or its data does not.
 */
function declaredBomb(d: Uint8Array, entry: ZipEntry, limits: ReadLimits): never {
  const part = entry.name;
  const declared = {
    part,
    declared: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
  };
  if (headersDisagree(d, entry)) {
    fail({ code: 'corrupt-zip', reason: 'declared-headers-disagree', ...declared });
  }
  if (entry.method === 8) {
    const measured = reallyExpands(entry, rawEntry(d, entry).data, limits);
    if (!measured.bomb) {
      if (measured.damaged) {
        fail({ code: 'corrupt-zip', reason: 'declared-cannot-inflate', ...declared });
      }
      fail({
        code: 'corrupt-zip',
        reason: 'declared-holds-less',
        ...declared,
        size: measured.produced,
      });
    }
  } else if (entry.method === 0) {
    fail({ code: 'corrupt-zip', reason: 'sizes-disagree', part });
  }
  fail({
    code: 'zip-bomb',
    reason: 'declared',
    part,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    ratioLimit: limits.maxCompressionRatio,
  });
}

interface Zip64Sizes {
  uncompressed: number;
  compressed: number;
  offset: number;
}

/** Reads the Zip64 extended-information extra field (0x0001) for the values saturated at 0xFFFFFFFF. */
function zip64Extra(d: Uint8Array, start: number, end: number, sizes: Zip64Sizes): void {
  let i = start;
  while (i + 4 <= end) {
    const id = u16(d, i);
    const len = u16(d, i + 2);
    const body = i + 4;
    if (body + len > end) return;
    if (id === 0x0001) {
      let j = body;
      const take = (): number => {
        if (j + 8 > body + len) return Number.NaN;
        const v = u64(d, j);
        j += 8;
        return v;
      };
      if (sizes.uncompressed === 0xffffffff) sizes.uncompressed = take();
      if (sizes.compressed === 0xffffffff) sizes.compressed = take();
      if (sizes.offset === 0xffffffff) sizes.offset = take();
      return;
    }
    i = body + len;
  }
}

/**
 * Opens the zip package: recognises non-zip files, reads the central directory and checks every
 * declared size against the limits. Nothing is inflated here.
 */
export function openPackage(data: Uint8Array, limits: ReadLimits): XlsxPackage {
  sniff(data, limits);
  const eocd = findEndOfCentralDirectory(data);
  if (eocd === -1) fail({ code: 'corrupt-zip', reason: 'no-directory-end' });
  if (u16(data, eocd + 4) !== 0 || u16(data, eocd + 6) !== 0) {
    fail({ code: 'corrupt-zip', reason: 'split-archive' });
  }
  let count = u16(data, eocd + 10);
  let cdSize = u32(data, eocd + 12);
  let cdOffset = u32(data, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && u32(data, locator) === SIG_ZIP64_LOCATOR) {
      const at = u64(data, locator + 8);
      if (at + 56 > data.length || u32(data, at) !== SIG_ZIP64_EOCD) {
        fail({ code: 'corrupt-zip', reason: 'no-zip64-directory' });
      }
      count = u64(data, at + 32);
      cdSize = u64(data, at + 40);
      cdOffset = u64(data, at + 48);
    }
  }
  if (count > limits.maxEntries) {
    fail({ code: 'too-large', what: 'entries', size: count, limit: limits.maxEntries });
  }
  if (cdOffset + cdSize > data.length) {
    fail({ code: 'corrupt-zip', reason: 'directory-outside-file' });
  }

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let total = 0;
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > data.length || u32(data, at) !== SIG_CENTRAL) {
      fail({
        code: 'corrupt-zip',
        reason: 'directory-entry-damaged',
        entry: k + 1,
        entries: count,
      });
    }
    const flags = u16(data, at + 8);
    const method = u16(data, at + 10);
    const crc32 = u32(data, at + 16);
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > data.length) fail({ code: 'corrupt-zip', reason: 'directory-damaged' });
    const sizes: Zip64Sizes = {
      compressed: u32(data, at + 20),
      uncompressed: u32(data, at + 24),
      offset: u32(data, at + 42),
    };
    if (
      sizes.compressed === 0xffffffff ||
      sizes.uncompressed === 0xffffffff ||
      sizes.offset === 0xffffffff
    ) {
      zip64Extra(data, extraStart, extraStart + extraLength, sizes);
    }
    const name = normaliseName(utf8.decode(data.subarray(nameStart, extraStart)));
    const entry: ZipEntry = {
      name,
      method,
      flags,
      crc32,
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      localHeaderOffset: sizes.offset,
    };
    at = next;

    const part = name;
    if (!Number.isFinite(entry.compressedSize + entry.uncompressedSize + entry.localHeaderOffset)) {
      fail({ code: 'corrupt-zip', reason: 'impossible-sizes', part });
    }
    if (entry.localHeaderOffset + entry.compressedSize > data.length) {
      fail({ code: 'corrupt-zip', reason: 'outside-file', part });
    }
    if ((flags & 1) !== 0) {
      // Both headers say so when an entry is encrypted; a flag in one of them only is damage.
      const at = entry.localHeaderOffset;
      if (u32(data, at) === SIG_LOCAL && (u16(data, at + 6) & 1) === 0) {
        fail({ code: 'corrupt-zip', reason: 'encryption-headers-disagree', part });
      }
      fail({ code: 'encrypted', part });
    }
    // The ratio first: a tiny file that declares gigabytes is a zip bomb (if its data really
    // expands that far), not just too large.
    if (entry.uncompressedSize > bombThreshold(entry.compressedSize, limits)) {
      declaredBomb(data, entry, limits);
    }
    total += entry.uncompressedSize;
    if (total > limits.maxTotalUncompressed) {
      const damaged = entries.concat(entry).find((e) => headersDisagree(data, e));
      if (damaged !== undefined) {
        fail({ code: 'corrupt-zip', reason: 'size-headers-disagree', part: damaged.name });
      }
      fail({ code: 'too-large', what: 'total', limit: limits.maxTotalUncompressed });
    }
    if (name.endsWith('/')) {
      entries.push(entry); // a folder entry: listed, never read
      continue;
    }
    const key = name.toLowerCase();
    if (byName.has(key)) fail({ code: 'corrupt-zip', reason: 'duplicate', part });
    byName.set(key, entry);
    entries.push(entry);
  }
  return new ZipPackage(data, entries, byName, limits);
}
