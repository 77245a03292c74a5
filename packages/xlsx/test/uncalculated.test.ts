/**
 * A formula with no cached result: a workbook written by a program (a generator, a script) and
 * never opened in Excel holds `<f>` without `<v>`. The reader marks such a cell `uncalculated`,
 * and the check reports it as a missing value with its own reason ("chưa tính"), not a blank.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Cell, checkSheet, describeFinding } from '@chitieu/engine';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/index.js';
import { c, rawWorkbook } from './helpers.js';

function rowsOf(data: Uint8Array): readonly (readonly (Cell | undefined)[])[] {
  const result = readWorkbook(data);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data.sheets[0]?.grid.rows ?? [];
}

const uncalculated = (numberFormat = 'General'): Cell => ({
  value: null,
  text: '',
  numberFormat,
  type: 'empty',
  uncalculated: true,
});

describe('a formula without a cached value', () => {
  it('is an uncalculated cell, in every form the reader meets; a calculated one reads as before', () => {
    const rows = `<row r="1">
      <c r="A1"><f>B1/C1</f></c>
      <c r="B1"><f t="shared" ref="B1:B2" si="0">C1/D1</f></c>
      <c r="C1" t="str"><f>"x"&amp;"y"</f></c>
      <c r='D1'><f>1+1</f></c>
      <c r="E1"><f>1+1</f><v>2</v></c>
      <c r="F1" t="str"><f>""</f><v></v></c>
      <c r="G1"><f>1+1</f>
      </c>
    </row>
    <row r="2"><c r="B2"><f t="shared" si="0"/></c><c r="C2"><v>5</v></c></row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }] }))).toEqual([
      [
        uncalculated(),
        uncalculated(),
        uncalculated(),
        uncalculated(),
        c(2, '2', 'number'),
        c('', '', 'string'),
        uncalculated(),
      ],
      [undefined, uncalculated(), c(5, '5', 'number')],
    ]);
  });

  it('is "chưa tính (mở và lưu tệp trong Excel)" in the check, not "chưa nhập kết quả"', () => {
    const example = fileURLToPath(
      new URL('../../../examples/nop-quy-2-2025/so-tu-phap-ban-sua.xlsx', import.meta.url),
    );
    const parts = unzipSync(new Uint8Array(readFileSync(example)));
    const name = 'xl/worksheets/sheet1.xml';
    const xml = new TextDecoder().decode(parts[name]);
    const k13 = '<c r="K13" s="7"><v>0.72</v></c>';
    const j15 = '<c r="J15" s="5"><v>79</v></c>';
    expect(xml).toContain(k13);
    expect(xml).toContain(j15);
    parts[name] = strToU8(
      xml
        .replace(k13, '<c r="K13" s="7"><f>G13*1.02</f></c>')
        .replace(j15, '<c r="J15" s="5"><f t="shared" ref="J15:J16" si="0">F15+4</f></c>'),
    );
    const read = readWorkbook(zipSync(parts));
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const grid = read.data.sheets[0]?.grid;
    if (!grid) throw new Error('no sheet');
    const result = checkSheet(grid);
    expect(result.status).toBe('checked');
    const at = (cell: string) => result.findings.find((f) => f.cell === cell);
    for (const cell of ['K13', 'J15'])
      expect(at(cell), cell).toMatchObject({ code: 'missing-value', reason: 'not-calculated' });
    expect(describeFinding(at('K13') as never)).toBe(
      'Quý II: chưa tính (mở và lưu tệp trong Excel) (tối thiểu 75%)',
    );
    expect(describeFinding(at('J15') as never, { locale: 'en' })).toBe(
      'Q1: not calculated yet (open and save the file in Excel) (minimum 75%)',
    );
    // a blank result cell stays "chưa nhập kết quả"
    const blank = result.findings.find((f) => f.code === 'missing-value' && f.reason === 'blank');
    expect(blank && describeFinding(blank)).toMatch(/chưa nhập kết quả/);
  });
});
