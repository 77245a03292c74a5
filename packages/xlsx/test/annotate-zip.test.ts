/**
 * How an annotated copy is written: entries deflated as chunks come (segment by segment, the CRC
 * kept as it goes), the report sheet made in chunks of bytes, the deflate level. Each checked
 * against what is read back: this package's reader (which checks every CRC and size), fflate's
 * and Node's inflaters.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { checkSheet, type SheetContent } from '@chitieu/engine';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentSheet, contentSheetParts } from '../src/annotate/content.js';
import { annotateWorkbook } from '../src/annotate/index.js';
import { SEGMENT, ZipWriter } from '../src/annotate/zip-writer.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { readWorkbook } from '../src/workbook.js';
import { openPackage } from '../src/zip.js';
import { MAIN_NS } from './helpers.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));
const utf8 = new TextEncoder();
const STYLES = `<styleSheet xmlns="${MAIN_NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;

/**
 * A text of `length` characters or a little more, like a sheet's XML: ASCII, Vietnamese, 3-byte
 * and 4-byte characters, and numbers.
 */
function mixedText(length: number, seed = 1): string {
  const pieces = ['<row r="', 'Kết quả ', 'Quý IV', '✓ Đạt', '😀', '&amp;', '\n', '">'];
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += pieces[x % pieces.length] + String(x % 1000);
  }
  return s;
}

/** `actual` is `expected`, byte for byte (toEqual is slow on large arrays); else where not. */
function expectBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeDefined();
  const a = actual as Uint8Array;
  if (Buffer.from(a.buffer, a.byteOffset, a.length).equals(expected)) return;
  let i = 0;
  while (i < a.length && a[i] === expected[i]) i++;
  expect({ length: a.length, firstDifference: i }).toEqual({
    length: expected.length,
    firstDifference: -1,
  });
}

/** The entries of a zip as this package reads them (CRC-32 and sizes checked). */
function entries(zip: Uint8Array): Map<string, Uint8Array> {
  const pkg = openPackage(zip, DEFAULT_LIMITS);
  // As plain Uint8Arrays (Node's inflater gives Buffers), to compare with toEqual.
  return new Map(pkg.entries.map((e) => [e.name, new Uint8Array(pkg.bytes(e.name))]));
}

/** The compressed data of each entry of a zip (local header, no extra field, as written here). */
function rawData(zip: Uint8Array): Uint8Array[] {
  const pkg = openPackage(zip, DEFAULT_LIMITS);
  return pkg.entries.map((e) => pkg.raw(e.name).data);
}

describe('ZipWriter.addChunks: entries deflated as their chunks come', () => {
  // Over several segments (of 64 KB here, 1 MB by default), with multi-byte characters across
  // every boundary; byte chunks longer than a segment deflated as they are, or copied.
  const big = mixedText(700_000);
  const bytes = utf8.encode(big);

  for (const [level, segment] of [
    [0, 64 * 1024],
    [1, 64 * 1024],
    [2, 64 * 1024],
    [2, SEGMENT],
    [6, 64 * 1024],
    [9, 100_000],
  ] as const) {
    it(`gives back the bytes given, CRC and sizes right (level ${level}, segments of ${segment})`, () => {
      const zip = new ZipWriter(level, segment);
      // Text in uneven pieces, then the same as bytes in uneven pieces.
      const pieces: string[] = [];
      for (let at = 0, k = 1; at < big.length; k++) {
        let end = Math.min(big.length, at + ((k * 7919) % 90_000) + 1);
        // A surrogate pair is never split between pieces (a lone half is not text).
        if (/[\uD800-\uDBFF]/.test(big[end - 1] ?? '')) end++;
        pieces.push(big.slice(at, end));
        at = end;
      }
      expect(pieces.join('')).toBe(big);
      zip.addChunks('text.xml', pieces);
      const byteChunks: Uint8Array[] = [];
      for (let at = 0, k = 1; at < bytes.length; k++) {
        const end = Math.min(bytes.length, at + ((k * 104_729) % 300_000) + 1);
        byteChunks.push(bytes.subarray(at, end));
        at = end;
      }
      zip.addChunks('bytes.xml', byteChunks);
      zip.addChunks('empty.xml', []);
      zip.addChunks('empty-pieces.xml', ['', new Uint8Array(0), '']);
      const out = zip.finish();

      const read = entries(out);
      expectBytes(read.get('text.xml'), bytes);
      expectBytes(read.get('bytes.xml'), bytes);
      expectBytes(read.get('empty.xml'), new Uint8Array(0));
      expectBytes(read.get('empty-pieces.xml'), new Uint8Array(0));
      const fflate = unzipSync(out);
      expectBytes(fflate['text.xml'], bytes);
      expectBytes(fflate['bytes.xml'], bytes);
      // One deflate stream each, ending where the entry ends.
      for (const data of rawData(out)) expect(() => inflateRawSync(data)).not.toThrow();
      expectBytes(new Uint8Array(inflateRawSync(rawData(out)[0] as Uint8Array)), bytes);
      expectBytes(new Uint8Array(inflateRawSync(rawData(out)[1] as Uint8Array)), bytes);
    });
  }

  it('deflates about as well as one stream (back-references reach into the segment before)', () => {
    const one = new ZipWriter(6);
    one.add('a.xml', bytes);
    const chunked = new ZipWriter(6);
    chunked.addChunks('a.xml', [bytes]);
    const whole = rawData(one.finish())[0] as Uint8Array;
    const segmented = rawData(chunked.finish())[0] as Uint8Array;
    expect(segmented.length).toBeLessThan(whole.length * 1.02);
  });

  it('ends the stream right after a whole number of segments (an empty last one)', () => {
    const exact = bytes.subarray(0, 2 * 64 * 1024);
    const zip = new ZipWriter(2, 64 * 1024);
    // One chunk of two segments (deflated as it is), then the same as one and two halves.
    zip.addChunks('a.xml', [exact]);
    zip.addChunks('b.xml', [exact.subarray(0, 64 * 1024), exact.subarray(64 * 1024)]);
    zip.addChunks('c.xml', [exact.subarray(0, 1000), exact.subarray(1000)]);
    const out = zip.finish();
    for (const [i, name] of ['a.xml', 'b.xml', 'c.xml'].entries()) {
      expectBytes(entries(out).get(name), exact);
      expectBytes(new Uint8Array(inflateRawSync(rawData(out)[i] as Uint8Array)), exact);
    }
  });

  it('takes the default segment for one smaller than the deflate window', () => {
    const zip = new ZipWriter(2, 1000);
    zip.addChunks('a.xml', [bytes]);
    expectBytes(entries(zip.finish()).get('a.xml'), bytes);
  });

  it('takes the default level for one that is not 0–9', () => {
    for (const level of [-1, 10, 2.5, Number.NaN]) {
      const zip = new ZipWriter(level);
      zip.addChunks('a.xml', [big]);
      expectBytes(entries(zip.finish()).get('a.xml'), bytes);
    }
  });
});

describe('contentSheetParts: the report sheet in chunks of bytes', () => {
  const long = mixedText(32_767, 7);
  const content: SheetContent = {
    rows: Array.from({ length: 3000 }, (_, r) =>
      r % 500 === 7
        ? [{ value: long, wrap: true }]
        : [
            { value: `Dòng ${r} <"&"> _x0041_ 😀`, bold: r % 3 === 0 },
            { value: r / 7, numberFormat: '0.0%' },
            undefined,
            { value: r % 11 === 0 ? null : 'Quý I', fill: '#D9E2F3' },
          ],
    ),
    bordered: [{ top: 10, left: 0, bottom: 2900, right: 5 }],
    merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
    links: Array.from({ length: 2000 }, (_, i) => ({
      cell: `A${i + 1}`,
      sheet: "Phụ lục 'A'",
      target: `K${i + 13}`,
    })),
    frozenRows: 2,
    columnWidths: [10, 20, 20, 9],
  };

  it('are the sheet XML of contentSheet, as UTF-8, chunk after chunk', () => {
    const parts = contentSheetParts(STYLES, content, { chunkBytes: 128 * 1024 });
    const walked: Uint8Array[] = [];
    for (const chunk of parts.chunks()) walked.push(chunk.slice());
    expect(walked.length).toBeGreaterThan(3);
    const joined = new Uint8Array(walked.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of walked) {
      joined.set(c, at);
      at += c.length;
    }
    const whole = contentSheet(STYLES, content);
    expect(new TextDecoder().decode(joined)).toBe(whole.sheetXml);
    expect(parts.styles).toBe(whole.styles);
    // Each chunk ends between elements: it decodes alone.
    for (const c of walked) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(c);
      expect(text.endsWith('>')).toBe(true);
    }
    // Walked again: the same bytes.
    const again: number[] = [];
    for (const chunk of parts.chunks()) again.push(chunk.length);
    expect(again).toEqual(walked.map((c) => c.length));
  });

  it('checks the content before any chunk is made', () => {
    const bad = { rows: [[{ value: 'x', fill: 'red' }]] };
    expect(() => contentSheetParts(STYLES, bad)).toThrow('invalid sheet content: colour');
  });
});

describe('annotateWorkbook: the deflate level of what it writes', () => {
  const original = example('so-tu-phap.xlsx');
  const read = readWorkbook(original);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const checks = read.data.sheets.map((s) => ({ sheet: s.name, result: checkSheet(s.grid) }));
  const copyAt = (compressionLevel?: number) => {
    const result = annotateWorkbook(
      original,
      checks,
      compressionLevel === undefined ? {} : { compressionLevel },
    );
    if (!result.success) throw new Error(JSON.stringify(result.error));
    return result.data.bytes;
  };

  it('changes the size, never what the copy holds', () => {
    const usual = copyAt();
    const parts = entries(usual);
    for (const level of [0, 1, 6, 9]) expect(entries(copyAt(level))).toEqual(parts);
    expect(copyAt(0).length).toBeGreaterThan(usual.length);
    expect(copyAt(9).length).toBeLessThanOrEqual(usual.length);
    // Parts the copy does not change are copied as stored, whatever the level.
    const stored = rawData(original);
    const storedNames = openPackage(original, DEFAULT_LIMITS).entries.map((e) => e.name);
    const theme = storedNames.indexOf('xl/theme/theme1.xml');
    expect(theme).toBeGreaterThanOrEqual(0);
    for (const level of [0, 9]) {
      const copy = copyAt(level);
      const names = openPackage(copy, DEFAULT_LIMITS).entries.map((e) => e.name);
      expect(rawData(copy)[names.indexOf('xl/theme/theme1.xml')]).toEqual(stored[theme]);
    }
  });
});
