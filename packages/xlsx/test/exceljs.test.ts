/**
 * Workbooks written by ExcelJS (a test-only dependency), read back and compared cell by cell.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listSheets, openWorkbook, readWorkbook, type SheetData } from '../src/index.js';
import { c } from './helpers.js';

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** An annex-like workbook: headers, a merged header, percent and plain values, text values. */
async function annexWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục 1');
  ws.getCell('A1').value = 'Stt';
  ws.getCell('B1').value = 'Nhiệm vụ';
  ws.getCell('C1').value = 'Lộ trình thực hiện (tối thiểu)';
  ws.mergeCells('C1:D1');
  ws.getCell('C2').value = 'Quý I';
  ws.getCell('D2').value = 'Quý II';
  ws.getCell('A3').value = 1;
  ws.getCell('B3').value = 'Tỷ lệ hồ sơ giải quyết đúng hạn';
  ws.getCell('C3').value = 0.745;
  ws.getCell('C3').numFmt = '0.0%';
  ws.getCell('D3').value = 0.75;
  ws.getCell('D3').numFmt = '0%';
  ws.getCell('A4').value = 2;
  ws.getCell('B4').value = 'Điểm chỉ số (19,1/18)';
  ws.getCell('C4').value = 85;
  ws.getCell('D4').value = '85,5 %';
  ws.getCell('A5').value = 3;
  ws.getCell('B5').value = 'Tỷ lệ (2 chữ số)';
  ws.getCell('C5').value = 0.12345;
  ws.getCell('C5').numFmt = '0.00%';
  ws.getCell('D5').value = 1234567.891;
  ws.getCell('D5').numFmt = '#,##0.00';
  return toBytes(wb);
}

describe('an annex workbook written by ExcelJS', () => {
  it('reads shared strings, percent cells, plain numbers and the merged header', async () => {
    const result = readWorkbook(await annexWorkbook());
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.sheets).toHaveLength(1);
    const sheet = result.data.sheets[0] as SheetData;
    expect(sheet.name).toBe('Phụ lục 1');
    expect(sheet.index).toBe(0);
    expect(sheet.state).toBe('visible');
    expect(sheet.grid).toEqual({
      name: 'Phụ lục 1',
      rows: [
        [
          c('Stt', 'Stt', 'string'),
          c('Nhiệm vụ', 'Nhiệm vụ', 'string'),
          c('Lộ trình thực hiện (tối thiểu)', 'Lộ trình thực hiện (tối thiểu)', 'string'),
        ],
        [undefined, undefined, c('Quý I', 'Quý I', 'string'), c('Quý II', 'Quý II', 'string')],
        [
          c(1, '1', 'number'),
          c('Tỷ lệ hồ sơ giải quyết đúng hạn', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'string'),
          c(0.745, '74,5%', 'number', '0.0%'),
          c(0.75, '75%', 'number', '0%'),
        ],
        [
          c(2, '2', 'number'),
          c('Điểm chỉ số (19,1/18)', 'Điểm chỉ số (19,1/18)', 'string'),
          c(85, '85', 'number'),
          c('85,5 %', '85,5 %', 'string'),
        ],
        [
          c(3, '3', 'number'),
          c('Tỷ lệ (2 chữ số)', 'Tỷ lệ (2 chữ số)', 'string'),
          c(0.12345, '12,35%', 'number', '0.00%'),
          c(1234567.891, '1.234.567,89', 'number', '#,##0.00'),
        ],
      ],
      merges: [{ top: 0, left: 2, bottom: 0, right: 3 }],
    });
  });

  it('writes the text with a decimal point when asked', async () => {
    const result = readWorkbook(await annexWorkbook(), { decimalSeparator: '.' });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    const rows = result.data.sheets[0]?.grid.rows ?? [];
    expect(rows[2]?.[2]?.text).toBe('74.5%');
    expect(rows[4]?.[3]?.text).toBe('1,234,567.89');
  });
});

describe('value types written by ExcelJS', () => {
  it('reads booleans, errors, dates, rich text, line breaks and formula results', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kiểu');
    ws.getCell('A1').value = true;
    ws.getCell('B1').value = false;
    ws.getCell('C1').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('D1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('A2').value = new Date(Date.UTC(2025, 2, 31));
    ws.getCell('B2').value = new Date(Date.UTC(2025, 5, 30, 12, 30));
    ws.getCell('B2').numFmt = 'dd/mm/yyyy hh:mm';
    ws.getCell('A3').value = {
      richText: [{ text: 'Kết quả ' }, { font: { bold: true }, text: 'Quý II/2025' }],
    };
    ws.getCell('B3').value = 'Dòng 1\nDòng 2';
    ws.getCell('C3').value = 'A & B <C> "D"';
    ws.getCell('A4').value = { formula: 'B4*2', result: 0.5 } as ExcelJS.CellFormulaValue;
    ws.getCell('A4').numFmt = '0.0%';
    ws.getCell('B4').value = { formula: 'A1&"x"', result: 'TRUEx' } as ExcelJS.CellFormulaValue;
    ws.getCell('A5').value = -1234.5;
    ws.getCell('A5').numFmt = '#,##0.00;(#,##0.00)';
    ws.getCell('B5').value = 0.1 + 0.2;
    ws.getCell('C5').value = 123456789012345;
    const result = readWorkbook(await toBytes(wb));
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.sheets[0]?.grid.rows).toEqual([
      [
        c(true, 'TRUE', 'boolean'),
        c(false, 'FALSE', 'boolean'),
        c('#DIV/0!', '#DIV/0!', 'error'),
        c('#N/A', '#N/A', 'error'),
      ],
      [
        c(45747, '31/03/2025', 'date', 'mm-dd-yy'),
        c(expect.closeTo(45838 + 12.5 / 24, 9), '30/06/2025 12:30', 'date', 'dd/mm/yyyy hh:mm'),
      ],
      [
        c('Kết quả Quý II/2025', 'Kết quả Quý II/2025', 'string'),
        c('Dòng 1\nDòng 2', 'Dòng 1\nDòng 2', 'string'),
        c('A & B <C> "D"', 'A & B <C> "D"', 'string'),
      ],
      [c(0.5, '50,0%', 'number', '0.0%'), c('TRUEx', 'TRUEx', 'string')],
      [
        c(-1234.5, '(1.234,50)', 'number', '#,##0.00;(#,##0.00)'),
        c(0.30000000000000004, '0,3', 'number'),
        c(123456789012345, '1,23457E+14', 'number'),
      ],
    ]);
  });
});

describe('several sheets written by ExcelJS', () => {
  async function threeSheets(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tổng hợp').getCell('A1').value = 'tổng';
    wb.addWorksheet('Ẩn', { state: 'hidden' }).getCell('B2').value = 2;
    wb.addWorksheet('Rất ẩn', { state: 'veryHidden' }).getCell('C3').value = 'ẩn';
    return toBytes(wb);
  }

  it('keeps the tab order and the visibility of each sheet', async () => {
    const result = readWorkbook(await threeSheets());
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.sheets.map((s) => [s.name, s.index, s.state])).toEqual([
      ['Tổng hợp', 0, 'visible'],
      ['Ẩn', 1, 'hidden'],
      ['Rất ẩn', 2, 'veryHidden'],
    ]);
    expect(result.data.sheets[1]?.grid.rows).toEqual([[], [undefined, c(2, '2', 'number')]]);
    expect(result.data.sheets[2]?.grid.rows).toEqual([
      [],
      [],
      [undefined, undefined, c('ẩn', 'ẩn', 'string')],
    ]);
  });

  it('lists sheets without reading them, and reads only the sheets asked for', async () => {
    const data = await threeSheets();
    const listed = listSheets(data);
    if (!listed.success) throw new Error(JSON.stringify(listed.error));
    expect(listed.data.map((s) => s.name)).toEqual(['Tổng hợp', 'Ẩn', 'Rất ẩn']);
    expect(listed.data[0]?.part).toBe('xl/worksheets/sheet1.xml');

    const some = readWorkbook(data, { sheets: ['rất ẩn', 'Tổng hợp', 'Không có'] });
    if (!some.success) throw new Error(JSON.stringify(some.error));
    expect(some.data.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Rất ẩn']);

    const opened = openWorkbook(data);
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const one = opened.data.readSheet('Ẩn');
    expect(one.success && one.data.grid.rows[1]?.[1]?.value).toBe(2);
    const missing = opened.data.readSheet('Không có');
    expect(missing).toEqual({
      success: false,
      error: { code: 'no-such-sheet', sheet: 'Không có' },
    });
  });
});
