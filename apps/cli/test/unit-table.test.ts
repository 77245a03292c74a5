/**
 * Unit tables (issue 14): a workbook whose sheet has one row per unit — seed 001's online-payment
 * rates of Quý I/2024 — is checked by `chitieu check`: every finding names its unit (text, JSON,
 * CSV), every unit of the table is a unit row of the consolidated HTML report beside the units
 * that sent annexes, and a sheet that cannot be checked says what it lacked, also when it is
 * the workbook's only sheet.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, run, runJson, stripAnsi, useTempDirs } from './helpers.js';
import { annexWorkbook } from './workbooks.js';

const temp = useTempDirs('all');

type Value = string | number | null;

/** A workbook of one sheet from rows; numbers under a "%" format where `percent` says so. */
async function tableWorkbook(
  name: string,
  rows: readonly (readonly Value[])[],
  percent: readonly string[] = [],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = [...r];
  });
  for (const a1 of percent) ws.getCell(a1).numFmt = '0.0%';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Seed 001's units and their Quý I/2024 rates, with the level of each and its target. */
const RATES: readonly (readonly Value[])[] = [
  ['KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024'],
  [],
  ['STT', 'Tên đơn vị', 'Cấp', 'Chỉ tiêu giao', 'Kết quả Quý I/2024'],
  [1, 'Sở Nông nghiệp và Phát triển nông thôn', 'Cấp tỉnh', 0.4, '76,1%'],
  [2, 'Sở Lao động - Thương binh và Xã hội', 'Cấp tỉnh', 0.4, 0.482],
  [3, 'Sở Y tế', 'Cấp tỉnh', 0.4, 0.408],
  [4, 'Sở Giáo dục và Đào tạo', 'Cấp tỉnh', 0.4, 0],
  [5, 'Sở Nội vụ', 'Cấp tỉnh', 0.3, '0%'],
  [6, 'UBND thành phố Đồng Xoài', 'Cấp huyện', 0.3, '48,2%'],
];
const RATE_PERCENTS = ['D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'E5', 'E6', 'E7'];

let dir = '';
beforeAll(async () => {
  dir = await temp();
  await writeFile(
    join(dir, 'thanh-toan-quy-1.xlsx'),
    await tableWorkbook('Thanh toán', RATES, RATE_PERCENTS),
  );
  await writeFile(join(dir, 'a-so-y-te.xlsx'), await annexWorkbook({ unit: 'Sở Y tế' }));
  await writeFile(
    join(dir, 'chi-ten.xlsx'),
    await tableWorkbook('Đơn vị', [
      ['STT', 'Đơn vị', 'Ghi chú'],
      [1, 'Sở Y tế', 'đã nộp'],
    ]),
  );
});

const table = () => join(dir, 'thanh-toan-quy-1.xlsx');

describe('a unit table through the command line', () => {
  it('JSON: every finding with its cell and its unit; the sheet checked against the 2024 payment targets', async () => {
    const { code, json } = await runJson(['check', table()]);
    expect(code).toBe(1);
    const file = json.files[0];
    expect(file?.error).toBeUndefined();
    const sheet = file?.sheets[0];
    expect(sheet?.status).toBe('checked');
    expect(sheet?.context).toEqual({
      targetSetId: 'binh-phuoc-2024-thanh-toan',
      quarter: 1,
      sources: { targetSet: 'content', quarter: 'title' },
    });
    expect(sheet?.findings.map((f) => [f.cell, f.code, f.value, f.minimum, f.unit])).toEqual([
      [
        'E4',
        'met',
        76.1,
        40,
        { name: 'Sở Nông nghiệp và Phát triển nông thôn', level: 'so', row: 4 },
      ],
      ['E5', 'met', 48.2, 40, { name: 'Sở Lao động - Thương binh và Xã hội', level: 'so', row: 5 }],
      ['E6', 'met', 40.8, 40, { name: 'Sở Y tế', level: 'so', row: 6 }],
      ['E7', 'below-minimum', 0, 40, { name: 'Sở Giáo dục và Đào tạo', level: 'so', row: 7 }],
      ['D8', 'target-mismatch', 30, 40, { name: 'Sở Nội vụ', level: 'so', row: 8 }],
      ['E8', 'below-minimum', 0, 40, { name: 'Sở Nội vụ', level: 'so', row: 8 }],
      ['E9', 'met', 48.2, 30, { name: 'UBND thành phố Đồng Xoài', level: 'huyen', row: 9 }],
    ]);
    expect(sheet?.findings[2]?.message).toBe(
      'Sở Y tế — Quý I: 40,8% ≥ tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu), đạt',
    );
    expect(sheet?.summary).toMatchObject({ met: 4, 'below-minimum': 2, 'target-mismatch': 1 });
  });

  it('an annex finding has no unit field (the JSON contract is unchanged for annexes)', async () => {
    const { json } = await runJson(['check', join(dir, 'a-so-y-te.xlsx')]);
    const findings = json.files[0]?.sheets[0]?.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => 'unit' in f)).toBe(false);
  });

  it('text: the sheet is a table by unit, each finding worded for its unit', async () => {
    const result = await run(['check', table()]);
    const out = stripAnsi(result.stdout);
    expect(out).toContain(
      `Bảng theo đơn vị (6 đơn vị) — ${table()} › Thanh toán (bộ chỉ tiêu binh-phuoc-2024-thanh-toan · cấp của từng đơn vị · kiểm tra đến Quý I)`,
    );
    // the table wraps long messages: its cells read as one text
    const flat = out.replace(/[│┌┐└┘─┬┴┼├┤]/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain(
      'E7 1. Thanh toán trực tuyến ✗ Sở Giáo dục và Đào tạo — Quý I: 0% < tối thiểu 40%',
    );
    expect(flat).toContain(
      'Sở Nội vụ — Tối thiểu Quý I trong bảng là 30%, khác chỉ tiêu chính thức 40%',
    );
    const en = stripAnsi((await run(['check', table(), '--lang', 'en'])).stdout);
    expect(en).toContain('Table by unit (6 units) — ');
    expect(en).toContain("each unit's level");
  });

  it('CSV: the unit and its level on each finding row', async () => {
    const result = await run(['check', table(), '--format', 'csv']);
    const rows = parseCsv(result.stdout, ';');
    const findings = rows.filter((r) => r.includes('finding'));
    expect(findings.map((r) => [r[1], r[2], r[4], r[5]])).toEqual([
      ['Sở Nông nghiệp và Phát triển nông thôn', 'so', 'E4', 'met'],
      ['Sở Lao động - Thương binh và Xã hội', 'so', 'E5', 'met'],
      ['Sở Y tế', 'so', 'E6', 'met'],
      ['Sở Giáo dục và Đào tạo', 'so', 'E7', 'below-minimum'],
      ['Sở Nội vụ', 'so', 'D8', 'target-mismatch'],
      ['Sở Nội vụ', 'so', 'E8', 'below-minimum'],
      ['UBND thành phố Đồng Xoài', 'huyen', 'E9', 'met'],
    ]);
  });

  it('HTML: every unit of the table is a unit row, beside the unit that sent an annex', async () => {
    const result = await run(['check', join(dir, 'a-so-y-te.xlsx'), table(), '--format', 'html']);
    const html = result.stdout;
    const unitRows = [...html.matchAll(/<tr><th class="unit" scope="row">([^<]*)<br>/g)].map(
      (m) => m[1],
    );
    expect(unitRows).toEqual([
      'Sở Y tế', // the annex (binh-phuoc-2025)
      // the table (binh-phuoc-2024-thanh-toan), its units by name
      'Sở Giáo dục và Đào tạo',
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Nội vụ',
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Sở Y tế',
      'UBND thành phố Đồng Xoài',
    ]);
    // the units below, as the office's letters list them
    expect(html).toContain('Sở Giáo dục và Đào tạo (Quý I: <b>0%</b>/40%, E7)');
    expect(html).toContain('Sở Nội vụ (Quý I: <b>0%</b>/40%, E8)');
    // the per-file blocks: by target set, then the table's rows in its order (one per unit)
    const blocks = [...html.matchAll(/<details open><summary>([^<]*?) — /g)].map((m) => m[1]);
    expect(blocks).toEqual([
      'Sở Y tế',
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Y tế',
      'Sở Giáo dục và Đào tạo',
      'Sở Nội vụ',
      'UBND thành phố Đồng Xoài',
    ]);
  });
});

describe('a sheet that cannot be checked says what it lacked, also alone in its workbook', () => {
  const REASON =
    'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …); cũng không kiểm tra được như bảng theo đơn vị: thiếu cột kết quả ghi tên chỉ tiêu hoặc kỳ báo cáo ("Kết quả Quý I/2024", "Thanh toán trực tuyến")';

  it('text: the file error, then the sheet and why', async () => {
    const file = join(dir, 'chi-ten.xlsx');
    const result = await run(['check', file]);
    expect(result.code).toBe(2);
    expect(stripAnsi(result.stdout).split('\n').slice(0, 2)).toEqual([
      `✗ ${file}: không có trang tính nào là bảng phụ lục chỉ tiêu`,
      `  – bỏ qua trang tính "Đơn vị": ${REASON}`,
    ]);
  });

  it('JSON: the sheet, its reason, and what was missing', async () => {
    const { json } = await runJson(['check', join(dir, 'chi-ten.xlsx')]);
    expect(json.files[0]?.errorCode).toBe('no-annex');
    expect(json.files[0]?.skippedSheets).toEqual([{ sheet: 'Đơn vị', reason: REASON }]);
  });
});
