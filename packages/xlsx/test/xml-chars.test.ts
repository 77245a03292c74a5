/**
 * Excel refuses a part that is not well-formed XML, even where our own lenient reader would
 * read it: an annotated copy must never hold a character XML 1.0 cannot, whatever a cell held
 * (a control character typed or pasted into a result cell reaches the rule formulas, the
 * report sheet and the notes).
 */
import { readFileSync } from 'node:fs';
import { checkSheet } from '@chitieu/engine';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook, openWorkbook } from '../src/index.js';

const EXAMPLE = new URL('../../../examples/nop-quy-2-2025/so-noi-vu.xlsx', import.meta.url);

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML 1.0 cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('an annotated copy holds only characters XML can hold', () => {
  it('a result cell with control characters gives well-formed parts', () => {
    const bytes = new Uint8Array(readFileSync(EXAMPLE));
    const opened = openWorkbook(bytes);
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const info = opened.data.sheets[0];
    if (!info) throw new Error('no sheet');
    const read = opened.data.readSheet(info);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const grid = read.data.grid;
    const first = checkSheet(grid).findings.find((f) => f.code === 'met' && f.cell);
    const at = /^([A-Z])(\d+)$/.exec(first?.cell ?? '');
    if (!at) throw new Error('no met cell');
    const row = grid.rows[Number(at[2]) - 1] as unknown as Record<number, unknown>;
    row[(at[1] as string).charCodeAt(0) - 65] = {
      value: 'abc\u0001\u001b[2Jdef\r',
      type: 'string',
    };
    const result = checkSheet(grid);
    expect(result.findings.some((f) => f.cell === first?.cell && f.code === 'invalid-value')).toBe(
      true,
    );
    const copy = annotateWorkbook(bytes, [{ sheet: info.name, result }], { locale: 'vi' });
    if (!copy.success) throw new Error(JSON.stringify(copy.error));
    const parts = unzipSync(copy.data.bytes);
    const xmlParts = Object.keys(parts).filter((name) => /\.(xml|rels)$/.test(name));
    expect(xmlParts.length).toBeGreaterThan(3);
    for (const name of xmlParts) {
      const text = strFromU8(parts[name] as Uint8Array);
      expect(NOT_XML.exec(text)?.index, name).toBeUndefined();
    }
    expect(openWorkbook(copy.data.bytes).success).toBe(true);
  });
});
