/**
 * Issue 10, item 1: an unexpected failure while reading, checking or annotating one file or one
 * sheet is that file's (or sheet's) error, naming the file and the sheet; the batch goes on, and
 * the error is in report.json too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Grid } from '@chitieu/engine';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { seams } from '../src/seams.js';
import {
  copyExamples,
  fileNamed,
  hashFiles,
  type JsonReport,
  listFiles,
  run,
  runJson,
  useTempDirs,
} from './helpers.js';
import { annexWorkbook } from './workbooks.js';

const temp = useTempDirs();
const original = { ...seams };
afterEach(() => {
  Object.assign(seams, original);
});

/** Whether a cell of the grid holds this text. */
const holds = (grid: Grid, text: string) =>
  grid.rows.some((row) => row?.some((c) => typeof c?.value === 'string' && c.value.includes(text)));

/** The engine's check, failing as the engine's Map cache did for a sheet holding `text`. */
function failOn(text: string, sheet?: string): void {
  seams.checkSheet = (grid, options) => {
    if (holds(grid, text) && (sheet === undefined || grid.name === sheet))
      throw new RangeError('Map maximum size exceeded');
    return original.checkSheet(grid, options);
  };
}

describe('an unexpected failure in one file', () => {
  it("is that file's error line, named, and the neighbours are checked (exit 1)", async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx', 'so-y-te.xlsx', 'xa-tan-tien.xlsx');
    failOn('Sở Y tế');
    const text = await run(['check', '.'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      '✗ so-y-te.xlsx: trang tính "Phụ lục": lỗi không mong đợi (RangeError: Map maximum size exceeded)\n',
    );
    expect(text.stdout).toContain('Sở Tư pháp — so-tu-phap.xlsx › Phụ lục');
    expect(text.stdout).toContain('UBND xã Tân Tiến — xa-tan-tien.xlsx › Phụ lục II');
    expect(text.stdout).toContain('Đã kiểm tra 3 tệp (2 trang tính); 1 tệp không kiểm tra được.\n');
    expect(text.stderr).toBe('');

    const en = await run(['check', '.', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain(
      '✗ so-y-te.xlsx: sheet "Phụ lục": unexpected error (RangeError: Map maximum size exceeded)\n',
    );
  });

  it('is in report.json (and --format json): error, errorCode "unexpected", errorSheet', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx', 'so-y-te.xlsx');
    const before = await hashFiles(dir);
    failOn('Sở Y tế');
    const result = await runJson(['check', '.', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(1);
    const written = JSON.parse(
      await readFile(join(dir, 'ket-qua/report.json'), 'utf8'),
    ) as JsonReport;
    for (const report of [result.json, written]) {
      const bad = fileNamed(report, 'so-y-te.xlsx');
      expect(bad).toMatchObject({
        file: 'so-y-te.xlsx',
        error: 'trang tính "Phụ lục": lỗi không mong đợi (RangeError: Map maximum size exceeded)',
        errorCode: 'unexpected',
        errorSheet: 'Phụ lục',
        sheets: [],
      });
      expect(bad.annotated).toBeUndefined();
      expect(fileNamed(report, 'so-tu-phap.xlsx').annotated).toBe('ket-qua/so-tu-phap.xlsx');
    }
    expect(await listFiles(join(dir, 'ket-qua'))).toEqual([
      'report.html',
      'report.json',
      'report.xlsx',
      'so-tu-phap.xlsx',
    ]);
    const inputs = await hashFiles(dir);
    for (const [name, hash] of Object.entries(before)) expect(inputs[name], name).toBe(hash);
  });

  it("in one sheet costs that sheet only: the file's other sheets are checked", async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-noi-vu.xlsx');
    // so-noi-vu.xlsx: "Phụ lục" (the annex) and "Ghi chú"; the latter fails
    seams.checkSheet = (grid, options) => {
      if (grid.name === 'Ghi chú')
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return original.checkSheet(grid, options);
    };
    const result = await runJson(['check', 'so-noi-vu.xlsx'], { cwd: dir });
    expect(result.code).toBe(1);
    const file = fileNamed(result.json, 'so-noi-vu.xlsx');
    expect(file.error).toBeUndefined();
    expect(file.sheets.map((s) => s.sheet)).toEqual(['Phụ lục']);
    expect(file.skippedSheets).toEqual([
      {
        sheet: 'Ghi chú',
        reason: "lỗi không mong đợi (TypeError: Cannot read properties of undefined (reading 'x'))",
      },
    ]);
    const text = await run(['check', 'so-noi-vu.xlsx'], { cwd: dir });
    expect(text.stdout).toContain(
      '  – bỏ qua trang tính "Ghi chú": lỗi không mong đợi (TypeError: Cannot read properties of undefined (reading \'x\'))\n',
    );
  });

  it('while making the annotated copy: the file is reported checked, its copy missing with the reason', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx', 'so-y-te.xlsx');
    seams.annotateWorkbook = (bytes, sheets, options) => {
      if (sheets.some((s) => s.result.context.unitName === 'Sở Y tế')) throw new Error('boom');
      return original.annotateWorkbook(bytes, sheets, options);
    };
    const result = await runJson(['check', '.', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(1);
    const bad = fileNamed(result.json, 'so-y-te.xlsx');
    expect(bad.error).toBeUndefined();
    expect(bad.sheets).toHaveLength(1);
    expect(bad.annotated).toBeUndefined();
    expect((bad as { annotationError?: string }).annotationError).toBe(
      'lỗi không mong đợi (Error: boom)',
    );
    expect(result.stderr).toContain(
      'so-y-te.xlsx: không tạo được bản sao có đánh dấu: lỗi không mong đợi (Error: boom)\n',
    );
    expect(await listFiles(join(dir, 'ket-qua'))).toEqual([
      'report.html',
      'report.json',
      'report.xlsx',
      'so-tu-phap.xlsx',
    ]);
  });

  it('when the only file fails, nothing could be checked: exit 2, the file named', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-y-te.xlsx');
    failOn('Sở Y tế');
    const result = await run(['check', 'so-y-te.xlsx'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('✗ so-y-te.xlsx: trang tính "Phụ lục": lỗi không mong đợi');
    expect(result.stderr).toBe('Không có tệp .xlsx nào kiểm tra được.\n');
  });
});

describe('a real workbook (18 KB) with a value in column XFD on 1,141 rows below the table', () => {
  it('never aborts the batch: the neighbour is checked, the file checked or named with its reason', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annexWorkbook({ unit: 'Sở Xây dựng' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    for (let r = 60; r <= 1200; r++) ws.getCell(r, 16_384).value = 'x';
    await writeFile(
      join(dir, 'xfd.xlsx'),
      new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    );

    // The engine of f52b576 throws "RangeError: Map maximum size exceeded" for this sheet (its
    // scanner cached the rectangle: 1,200 rows × 16,384 columns); once the scanner costs memory
    // by the cells that exist, the sheet is checked. Either way the batch goes on.
    const result = await runJson(['check', '.'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(fileNamed(result.json, 'so-tu-phap.xlsx').sheets).toHaveLength(1);
    const xfd = fileNamed(result.json, 'xfd.xlsx');
    if (xfd.error !== undefined) {
      // the engine's scanner still throws for this grid: the guard names the file and sheet
      expect(xfd.errorCode).toBe('unexpected');
      expect(xfd.error).toMatch(/^trang tính "Phụ lục": lỗi không mong đợi \(RangeError: /);
    } else {
      expect(xfd.sheets.map((s) => s.status)).toEqual(['checked']);
    }
  }, 60_000);
});
