/**
 * Files that are not workbooks, damaged zips, zip bombs and the size limits.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSheet, type Grid } from '@chitieu/engine';
import { deflateSync, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, crc32Portable, useCrc32 } from '../src/crc32.js';
import {
  DEFAULT_LIMITS,
  listSheets,
  openWorkbook,
  readWorkbook,
  readWorkbookFile,
  type XlsxError,
} from '../src/index.js';
import { useInflater } from '../src/zip.js';
import {
  patchEntrySizes,
  pseudoRandomBytes,
  rawWorkbook,
  rawWorkbookParts,
  zipParts,
} from './helpers.js';

function errorOf(data: Uint8Array, options = {}): XlsxError | undefined {
  const result = readWorkbook(data, options);
  return result.success ? undefined : result.error;
}

const small = (): Uint8Array =>
  rawWorkbook({
    sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
    sharedStrings: ['a'],
  });

/** A compound-file (OLE2) header followed by directory names in UTF-16LE. */
function compoundFile(...names: string[]): Uint8Array {
  const out = new Uint8Array(2048);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let at = 1024;
  for (const name of names) {
    for (let i = 0; i < name.length; i++) out[at + i * 2] = name.charCodeAt(i);
    at += 128;
  }
  return out;
}

describe('files that are not .xlsx workbooks', () => {
  it('reports an empty file', () => {
    expect(errorOf(new Uint8Array(0))).toEqual({ code: 'empty-file' });
  });

  it('tells an encrypted workbook from an old .xls', () => {
    expect(errorOf(compoundFile('Root Entry', 'EncryptionInfo', 'EncryptedPackage'))).toEqual({
      code: 'encrypted',
    });
    expect(errorOf(compoundFile('Root Entry', 'Workbook', 'SummaryInformation'))).toEqual({
      code: 'old-xls',
    });
  });

  it('reports random bytes, text, HTML and PDF files as not a zip', () => {
    const other = { code: 'not-a-zip', kind: 'other' };
    expect(errorOf(pseudoRandomBytes(1000))).toEqual(other);
    expect(errorOf(new TextEncoder().encode('Stt;Nhiệm vụ\n1;abc\n'))).toEqual(other);
    expect(errorOf(new TextEncoder().encode('<html><table></table></html>'))).toEqual({
      code: 'not-a-zip',
      kind: 'xml-or-html',
    });
    expect(errorOf(new TextEncoder().encode('\uFEFF <?xml version="1.0"?><Workbook/>'))).toEqual({
      code: 'not-a-zip',
      kind: 'xml-or-html',
    });
    expect(errorOf(new TextEncoder().encode('%PDF-1.7'))).toEqual({
      code: 'not-a-zip',
      kind: 'pdf',
    });
  });

  it('reports zips that are not workbooks, naming what they are', () => {
    const notAWorkbook = (kind: string) => ({ code: 'not-a-workbook', kind });
    expect(errorOf(zipParts({ 'readme.txt': 'hello' }))).toEqual(notAWorkbook('other'));
    expect(errorOf(zipParts({ 'word/document.xml': '<w:document/>' }))).toEqual(
      notAWorkbook('docx'),
    );
    expect(errorOf(zipParts({ 'ppt/presentation.xml': '<p:presentation/>' }))).toEqual(
      notAWorkbook('pptx'),
    );
    expect(
      errorOf(
        zipParts({
          mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
          'content.xml': '<x/>',
        }),
      ),
    ).toEqual(notAWorkbook('ods'));
    expect(
      errorOf(
        zipParts({ 'xl/workbook.bin': new Uint8Array(4), '[Content_Types].xml': '<Types/>' }),
      ),
    ).toEqual(notAWorkbook('xlsb'));
    expect(errorOf(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]))).toEqual(
      notAWorkbook('empty-zip'),
    );
  });
});

describe.each(['auto', 'fflate'] as const)('damaged zips (inflater: %s)', (inflater) => {
  beforeAll(() => useInflater(inflater));
  afterAll(() => useInflater('auto'));

  it('reports a truncated file', () => {
    const data = small();
    for (const length of [
      10,
      100,
      Math.floor(data.length / 2),
      data.length - 30,
      data.length - 1,
    ]) {
      const error = errorOf(data.subarray(0, length));
      expect(error?.code, `truncated to ${length}`).toBe('corrupt-zip');
    }
  });

  it('reports damaged compressed data, naming the part', () => {
    const data = small().slice();
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    // Overwrite the compressed bytes of the sheet (just after its local header) with junk.
    let at = 0;
    for (; at < data.length; at++) if (name.every((b, i) => data[at + i] === b)) break;
    data.fill(0xff, at + name.length, at + name.length + 20);
    expect(errorOf(data)).toEqual({
      code: 'corrupt-zip',
      reason: 'cannot-inflate',
      part: 'xl/worksheets/sheet1.xml',
      sheet: 'S',
    });
  });

  it('reports entries whose data is shorter than declared', () => {
    const data = patchEntrySizes(small(), 'xl/workbook.xml', { uncompressed: 100_000 });
    expect(errorOf(data)).toMatchObject({ code: 'corrupt-zip', part: 'xl/workbook.xml' });
  });

  it('reports a Zip64 size sentinel without its extra field (CVE-2026-45820 pattern)', () => {
    const data = patchEntrySizes(small(), 'xl/workbook.xml', { compressed: 0xffffffff });
    expect(errorOf(data)?.code).toBe('corrupt-zip');
    // 4 GB declared from a few bytes that hold a few hundred: a damaged size, not a zip bomb.
    const data2 = patchEntrySizes(small(), 'xl/workbook.xml', { uncompressed: 0xffffffff });
    const error2 = errorOf(data2);
    expect(error2).toEqual({
      code: 'corrupt-zip',
      reason: 'declared-holds-less',
      part: 'xl/workbook.xml',
      declared: 0xffffffff,
      compressedSize: expect.any(Number),
      size: expect.any(Number),
    });
    if (error2?.code !== 'corrupt-zip' || error2.reason !== 'declared-holds-less') return;
    expect(error2.compressedSize).toBeLessThan(1024);
    expect(error2.size).toBeGreaterThan(0);
    expect(error2.size).toBeLessThan(1024);
  });

  it('takes a size or flag changed in one of the two headers for damage, not a zip bomb', () => {
    // The central directory alone claims 50 MB, or encryption (as one flipped byte would make it).
    expect(
      errorOf(
        patchEntrySizes(small(), 'xl/workbook.xml', { uncompressed: 50 * 1024 * 1024 }, true),
      ),
    ).toEqual({
      code: 'corrupt-zip',
      reason: 'declared-headers-disagree',
      part: 'xl/workbook.xml',
      declared: 50 * 1024 * 1024,
      compressedSize: expect.any(Number),
    });
    // Past the total limit because of the damaged size: damage too, not "too large".
    const total = patchEntrySizes(small(), 'xl/workbook.xml', { uncompressed: 20_000 }, true);
    expect(errorOf(total, { limits: { maxTotalUncompressed: 10_000 } })).toEqual({
      code: 'corrupt-zip',
      reason: 'size-headers-disagree',
      part: 'xl/workbook.xml',
    });
    expect(errorOf(patchEntrySizes(small(), 'xl/workbook.xml', { flags: 1 }, true))).toEqual({
      code: 'corrupt-zip',
      reason: 'encryption-headers-disagree',
      part: 'xl/workbook.xml',
    });
  });

  it('reports encrypted zip entries and unsupported compression', () => {
    expect(errorOf(patchEntrySizes(small(), 'xl/workbook.xml', { flags: 1 }))).toEqual({
      code: 'encrypted',
      part: 'xl/workbook.xml',
    });
    expect(errorOf(patchEntrySizes(small(), 'xl/workbook.xml', { method: 9 }))).toEqual({
      code: 'unreadable',
      reason: 'compression-method',
      method: 9,
      part: 'xl/workbook.xml',
    });
  });

  it('rejects a part stored twice', () => {
    const parts = rawWorkbookParts({ sheets: [{ name: 'S', rows: '' }] });
    parts['XL/WORKBOOK.XML'] = parts['xl/workbook.xml'] as string;
    expect(errorOf(zipParts(parts))).toEqual({
      code: 'corrupt-zip',
      reason: 'duplicate',
      part: 'XL/WORKBOOK.XML',
    });
  });
});

/** `data` with the bytes `from` (found once) replaced by `to`, of the same length. */
function splice(data: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  expect(to.length).toBe(from.length);
  const out = data.slice();
  let found = -1;
  for (let i = 0; i + from.length <= data.length; i++) {
    let j = 0;
    while (j < from.length && data[i + j] === from[j]) j++;
    if (j === from.length) {
      expect(found, 'the bytes to replace occur once').toBe(-1);
      found = i;
    }
  }
  expect(found).toBeGreaterThanOrEqual(0);
  out.set(to, found);
  return out;
}

describe('CRC-32', () => {
  it('computes the zip checksum, natively and portably, at any length and alignment', () => {
    const bytes = pseudoRandomBytes(5000, 7);
    expect(crc32Portable(new Uint8Array(0))).toBe(0);
    expect(crc32Portable(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    for (const [start, end] of [
      [0, 1],
      [1, 8],
      [3, 20],
      [5, 4096],
      [0, 5000],
    ] as const) {
      const part = bytes.subarray(start, end);
      const reference = crc32Portable(part.slice());
      expect(crc32Portable(part)).toBe(reference);
      expect(crc32(part)).toBe(reference);
    }
  });

  describe.each([
    ['auto', 'auto'],
    ['fflate', 'portable'],
  ] as const)('a value changed inside an entry (inflater %s, CRC-32 %s)', (inflater, crc) => {
    beforeAll(() => {
      useInflater(inflater);
      useCrc32(crc);
    });
    afterAll(() => {
      useInflater('auto');
      useCrc32('auto');
    });

    it('is reported as a damaged entry when stored, never read as 99% instead of 92%', () => {
      const parts = rawWorkbookParts({
        sheets: [
          { name: 'Phụ lục', rows: '<row r="1"><c r="A1" s="1"><v>0.92</v></c></row>' },
          { name: 'Khác', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        ],
        styles: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs></styleSheet>`,
      });
      const good = zipParts(parts, 0);
      expect(readWorkbook(good)).toMatchObject({
        success: true,
        data: { sheets: [{ grid: { rows: [[{ value: 0.92, text: '92%' }]] } }, {}] },
      });
      const enc = new TextEncoder();
      const damaged = splice(good, enc.encode('<v>0.92</v>'), enc.encode('<v>0.99</v>'));
      expect(errorOf(damaged)).toEqual({
        code: 'corrupt-zip',
        reason: 'checksum',
        sheet: 'Phụ lục',
        part: 'xl/worksheets/sheet1.xml',
      });
      // The other sheet is still read on its own.
      const opened = openWorkbook(damaged);
      expect(opened.success && opened.data.readSheet('Khác').success).toBe(true);
    });

    it('is reported as a damaged entry when deflated, in a real annex', () => {
      const EXAMPLE = new URL('../../../examples/nop-quy-2-2025/so-tu-phap.xlsx', import.meta.url);
      const original = unzipSync(new Uint8Array(readFileSync(EXAMPLE)));
      const sheet = original['xl/worksheets/sheet1.xml'] as Uint8Array;
      const text = new TextDecoder().decode(sheet);
      const changed = new TextEncoder().encode(
        text.replace('<c r="K13" s="8"><v>0.745</v>', '<c r="K13" s="8"><v>0.795</v>'),
      );
      expect(changed).not.toEqual(sheet);
      const parts: Record<string, Uint8Array> = {};
      for (const [name, bytes] of Object.entries(original)) parts[name] = bytes;
      // Deflated at level 9, the two texts give streams of the same length: the damaged file
      // is the good one with the sheet's stream swapped, its CRC and sizes unchanged.
      const before = deflateSync(sheet, { level: 9 });
      const after = deflateSync(changed, { level: 9 });
      const files: Parameters<typeof zipSync>[0] = {};
      for (const [name, bytes] of Object.entries(parts)) files[name] = [bytes, { level: 9 }];
      const good = zipSync(files);
      const read = readWorkbook(good);
      if (!read.success) throw new Error(JSON.stringify(read.error));
      const k13 = checkSheet(read.data.sheets[0]?.grid as Grid).findings.find(
        (f) => f.cell === 'K13',
      );
      expect(k13?.code).toBe('below-minimum');

      const damaged = splice(good, before, after);
      expect(errorOf(damaged)).toEqual({
        code: 'corrupt-zip',
        reason: 'checksum',
        sheet: 'Phụ lục',
        part: 'xl/worksheets/sheet1.xml',
      });
    });
  });
});

describe.each(['auto', 'fflate'] as const)('zip bombs and limits (inflater: %s)', (inflater) => {
  beforeAll(() => useInflater(inflater));
  afterAll(() => useInflater('auto'));

  it('tells an entry that only declares a huge ratio (damage) from one that has it (a zip bomb)', () => {
    // 64 KB of zeros deflate to about 100 bytes; the entry then claims 50 MB (in both headers).
    // Measured, it holds 64 KB: a damaged size, not a zip bomb.
    const parts = rawWorkbookParts({ sheets: [{ name: 'S', rows: '' }] });
    parts['xl/media/padding.bin'] = new Uint8Array(64 * 1024);
    const lying = patchEntrySizes(zipParts(parts), 'xl/media/padding.bin', {
      uncompressed: 50 * 1024 * 1024,
    });
    expect(errorOf(lying)).toEqual({
      code: 'corrupt-zip',
      reason: 'declared-holds-less',
      part: 'xl/media/padding.bin',
      declared: 50 * 1024 * 1024,
      compressedSize: expect.any(Number),
      size: 64 * 1024,
    });
    // 8 MB of zeros that declare 50 MB: they do expand past the limit, so it is a zip bomb, found
    // before anything is read (also when only the sheet list is asked for).
    const parts2 = rawWorkbookParts({ sheets: [{ name: 'S', rows: '' }] });
    parts2['xl/media/padding.bin'] = new Uint8Array(8 * 1024 * 1024);
    const bomb = patchEntrySizes(zipParts(parts2), 'xl/media/padding.bin', {
      uncompressed: 50 * 1024 * 1024,
    });
    const error = errorOf(bomb);
    expect(error).toEqual({
      code: 'zip-bomb',
      reason: 'declared',
      part: 'xl/media/padding.bin',
      compressedSize: expect.any(Number),
      uncompressedSize: 50 * 1024 * 1024,
      ratioLimit: 200,
    });
    // 8 MB of zeros deflate to a few KB: a ratio far above the limit.
    if (error?.code !== 'zip-bomb') return;
    expect(error.compressedSize).toBeGreaterThan(1024);
    expect(error.uncompressedSize / error.compressedSize).toBeGreaterThan(200);
    expect(listSheets(bomb)).toMatchObject({ success: false, error: { code: 'zip-bomb' } });
  });

  it('rejects a real highly compressed entry (2 MB of zeros)', () => {
    const parts = rawWorkbookParts({ sheets: [{ name: 'S', rows: '' }] });
    parts['xl/media/zeros.bin'] = new Uint8Array(2 * 1024 * 1024);
    expect(errorOf(zipParts(parts))).toMatchObject({
      code: 'zip-bomb',
      part: 'xl/media/zeros.bin',
      uncompressedSize: 2 * 1024 * 1024,
      ratioLimit: 200,
    });
    expect(errorOf(zipParts(parts), { limits: { maxCompressionRatio: 2000 } })).toBeUndefined();
  });

  it('stops inflating an entry that expands beyond its declared size, and measures why', () => {
    // A small entry (one-shot inflate) declaring less than it holds: 54 KB from a few hundred
    // bytes is no zip bomb (under the 1 MB below which ratios are not held against an entry).
    const sheet = `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(2000)}</sheetData></worksheet>`;
    const parts = rawWorkbookParts({ sheets: [{ name: 'S', xml: sheet }] });
    const lying = patchEntrySizes(zipParts(parts), 'xl/worksheets/sheet1.xml', {
      uncompressed: 1000,
    });
    expect(errorOf(lying)).toEqual({
      code: 'corrupt-zip',
      reason: 'larger-than-declared',
      size: sheet.length,
      declared: 1000,
      sheet: 'S',
      part: 'xl/worksheets/sheet1.xml',
    });

    // A large entry (streamed inflate, incompressible data) that lies about its size: damaged.
    const parts2 = rawWorkbookParts({ sheets: [{ name: 'S', rows: '' }] });
    parts2['xl/worksheets/sheet1.xml'] = pseudoRandomBytes(300_000);
    const lying2 = patchEntrySizes(zipParts(parts2), 'xl/worksheets/sheet1.xml', {
      uncompressed: 100_000,
    });
    expect(errorOf(lying2)).toMatchObject({ code: 'corrupt-zip', sheet: 'S' });

    // 16 MB of rows declaring 1000 bytes: it really expands past the ratio limit, a zip bomb,
    // found after inflating no more than the limit allows.
    const huge = `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(600_000)}</sheetData></worksheet>`;
    const parts3 = rawWorkbookParts({ sheets: [{ name: 'S', xml: huge }] });
    const bomb = patchEntrySizes(zipParts(parts3), 'xl/worksheets/sheet1.xml', {
      uncompressed: 1000,
    });
    const bombError = errorOf(bomb);
    expect(bombError).toEqual({
      code: 'zip-bomb',
      reason: 'expands',
      sheet: 'S',
      part: 'xl/worksheets/sheet1.xml',
      compressedSize: expect.any(Number),
      uncompressedSize: expect.any(Number),
      ratioLimit: 200,
    });
    // It expands past 200 times its compressed size (at least the 1 MB below which ratios are not held against an entry).
    if (bombError?.code !== 'zip-bomb') return;
    expect(bombError.uncompressedSize).toBe(Math.max(1024 * 1024, bombError.compressedSize * 200));
  });

  it('checks the file size, the declared total size and the entry count', () => {
    const data = small();
    expect(errorOf(data, { limits: { maxFileSize: 100 } })).toEqual({
      code: 'too-large',
      what: 'file',
      size: data.length,
      limit: 100,
    });
    expect(errorOf(data, { limits: { maxTotalUncompressed: 200 } })).toEqual({
      code: 'too-large',
      what: 'total',
      limit: 200,
    });
    expect(errorOf(data, { limits: { maxEntries: 3 } })).toEqual({
      code: 'too-large',
      what: 'entries',
      size: 6,
      limit: 3,
    });
    expect(DEFAULT_LIMITS).toEqual({
      maxFileSize: 100 * 1024 * 1024,
      maxTotalUncompressed: 500 * 1024 * 1024,
      maxCompressionRatio: 200,
      ratioCheckMinSize: 1024 * 1024,
      maxEntries: 10_000,
      maxRows: 200_000,
      maxCells: 5_000_000,
    });
  });

  it('checks the rows and cells of each sheet', () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="50"><c r="A50"><v>3</v></c></row>';
    const data = rawWorkbook({ sheets: [{ name: 'Lớn', rows }] });
    expect(errorOf(data, { limits: { maxRows: 10 } })).toEqual({
      code: 'too-large',
      what: 'rows',
      size: 50,
      limit: 10,
      sheet: 'Lớn',
      cell: 'A50',
    });
    expect(errorOf(data, { limits: { maxCells: 2 } })).toEqual({
      code: 'too-large',
      what: 'cells',
      limit: 2,
      sheet: 'Lớn',
    });
    expect(errorOf(data, { limits: { maxRows: 50, maxCells: 3 } })).toBeUndefined();
    // Listing sheets does not parse them.
    expect(listSheets(data, { limits: { maxRows: 1 } }).success).toBe(true);
  });
});

describe('readWorkbookFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chitieu-xlsx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a workbook from disk', async () => {
    const path = join(dir, 'ok.xlsx');
    await writeFile(path, small());
    const result = await readWorkbookFile(path);
    expect(result.success && result.data.sheets[0]?.grid.rows[0]?.[0]?.value).toBe('a');
  });

  it('names the file in every error', async () => {
    const empty = join(dir, 'rỗng.xlsx');
    await writeFile(empty, new Uint8Array(0));
    expect(await readWorkbookFile(empty)).toEqual({
      success: false,
      error: { code: 'empty-file', file: empty },
    });
    const missing = join(dir, 'không-có.xlsx');
    expect(await readWorkbookFile(missing)).toEqual({
      success: false,
      error: { code: 'unreadable', reason: 'not-found', file: missing },
    });
    expect(await readWorkbookFile(dir)).toEqual({
      success: false,
      error: { code: 'unreadable', reason: 'is-folder', file: dir },
    });
    const big = join(dir, 'big.xlsx');
    await writeFile(big, small());
    expect(await readWorkbookFile(big, { limits: { maxFileSize: 10 } })).toEqual({
      success: false,
      error: { code: 'too-large', what: 'file', size: small().length, limit: 10, file: big },
    });
    // A damaged workbook: the reader's error, with the file.
    const cut = join(dir, 'cut.xlsx');
    await writeFile(cut, small().subarray(0, 100));
    expect(await readWorkbookFile(cut)).toEqual({
      success: false,
      error: { code: 'corrupt-zip', reason: expect.any(String), file: cut },
    });
  });
});
