/**
 * Annotated copies where the runtime has no zlib (browsers: the add-in's preview): entries are
 * deflated by fflate, chunk by chunk, with the portable CRC-32. Read back with Node's inflater.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { checkSheet } from '@chitieu/engine';
import { describe, expect, it, vi } from 'vitest';

// No Node zlib for the package: fflate and the portable CRC-32 (as in a browser).
vi.mock('../src/zlib.js', () => ({ nodeZlib: () => undefined }));

const { annotateWorkbook } = await import('../src/annotate/index.js');
const { ZipWriter } = await import('../src/annotate/zip-writer.js');
const { readWorkbook } = await import('../src/workbook.js');

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));

describe('annotated copies without Node zlib', () => {
  it('deflates chunks with fflate into one stream, its CRC-32 and sizes right', async () => {
    const { openPackage } = await import('../src/zip.js');
    const { DEFAULT_LIMITS } = await import('../src/limits.js');
    const { nodeZlib } = await import('../src/zlib.js');
    expect(nodeZlib()).toBeUndefined();
    let text = '';
    for (let i = 0; text.length < 600_000; i++) text += `<c r="A${i}">Kết quả ${i} 😀</c>`;
    const bytes = new TextEncoder().encode(text);
    const zip = new ZipWriter(2);
    zip.addChunks('a.xml', [text.slice(0, 1000), text.slice(1000, 400_000), text.slice(400_000)]);
    zip.addChunks('b.xml', [bytes.subarray(0, 300_001), bytes.subarray(300_001)]);
    zip.add('c.xml', 'small');
    const pkg = openPackage(zip.finish(), DEFAULT_LIMITS);
    for (const name of ['a.xml', 'b.xml']) {
      expect(Buffer.from(pkg.bytes(name)).equals(bytes)).toBe(true); // CRC checked as it reads
      expect(inflateRawSync(pkg.raw(name).data).equals(bytes)).toBe(true);
    }
    expect(new TextDecoder().decode(pkg.bytes('c.xml'))).toBe('small');
  });

  it('annotates a workbook: the copy reads as the original, with the report sheet', () => {
    const original = example('so-tu-phap.xlsx');
    const read = readWorkbook(original);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const checks = read.data.sheets.map((s) => ({ sheet: s.name, result: checkSheet(s.grid) }));
    const result = annotateWorkbook(original, checks);
    if (!result.success) throw new Error(JSON.stringify(result.error));
    const copy = readWorkbook(result.data.bytes);
    if (!copy.success) throw new Error(JSON.stringify(copy.error));
    expect(copy.data.sheets.map((s) => s.name)).toEqual([
      ...read.data.sheets.map((s) => s.name),
      'Kết quả kiểm tra',
    ]);
    expect(copy.data.sheets[0]?.grid.rows).toEqual(read.data.sheets[0]?.grid.rows);
  });
});
