/**
 * `--out DIR`: one annotated copy per checked workbook (mirroring the folder given), report.html
 * and report.json, and nothing half-written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Grid } from '@chitieu/engine';
import { readWorkbookFile } from '@chitieu/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  copyExamples,
  fileNamed,
  type JsonReport,
  listFiles,
  type RunResult,
  run,
  runJson,
  useTempDirs,
} from './helpers.js';

const temp = useTempDirs('all');

async function sheetsOf(path: string) {
  const read = await readWorkbookFile(path);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  return read.data.sheets;
}

/** Every cell's value and displayed text, by A1-like key. */
function cellsOf(grid: Grid | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  grid?.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell) out[`${r}:${c}`] = [cell.value, cell.text ?? null];
    });
  });
  return out;
}

/** A sheet's values row by row from A1, empty cells as null and without trailing ones. */
function valuesOf(grid: Grid | undefined): (string | number | boolean | null)[][] {
  const top = grid?.origin?.row ?? 0;
  const left = grid?.origin?.column ?? 0;
  const rows: (string | number | boolean | null)[][] = Array.from({ length: top }, () => []);
  for (const row of grid?.rows ?? []) {
    const values = [...new Array(left).fill(null), ...(row ?? []).map((c) => c?.value ?? null)];
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    rows.push(values);
  }
  return rows;
}

describe('check FOLDER --out DIR', () => {
  let dir = '';
  let result: RunResult & { json: JsonReport };

  beforeAll(async () => {
    dir = await temp();
    const input = join(dir, 'nop');
    await mkdir(join(input, 'so'), { recursive: true });
    await mkdir(join(input, 'huyen'), { recursive: true });
    await copyExamples(join(input, 'so'), 'so-tu-phap.xlsx', 'so-noi-vu.xlsx');
    await copyExamples(join(input, 'huyen'), 'ubnd-huyen-bu-dop.xlsx');
    await copyExamples(
      input,
      'xa-tan-tien.xlsx',
      'file-hong.xlsx',
      'du-toan-kinh-phi.xlsx',
      'cong-van-kem-theo.pdf',
    );
    result = await runJson(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
  });

  it('writes one annotated copy per checked workbook under the same names, and the reports', async () => {
    expect(result.code).toBe(1);
    expect(await listFiles(join(dir, 'ket-qua'))).toEqual([
      'huyen/ubnd-huyen-bu-dop.xlsx',
      'report.html',
      'report.json',
      'report.xlsx',
      'so/so-noi-vu.xlsx',
      'so/so-tu-phap.xlsx',
      'xa-tan-tien.xlsx',
    ]);
    expect(result.stderr).toBe(
      'Đã ghi ket-qua/report.html\nĐã ghi ket-qua/report.json\nĐã ghi ket-qua/report.xlsx\n',
    );
    expect(result.json.files.map((f) => [f.file, f.annotated ?? null])).toEqual([
      ['nop/du-toan-kinh-phi.xlsx', null],
      ['nop/file-hong.xlsx', null],
      ['nop/huyen/ubnd-huyen-bu-dop.xlsx', 'ket-qua/huyen/ubnd-huyen-bu-dop.xlsx'],
      ['nop/so/so-noi-vu.xlsx', 'ket-qua/so/so-noi-vu.xlsx'],
      ['nop/so/so-tu-phap.xlsx', 'ket-qua/so/so-tu-phap.xlsx'],
      ['nop/xa-tan-tien.xlsx', 'ket-qua/xa-tan-tien.xlsx'],
    ]);
  });

  it('report.json is the --format json document', async () => {
    const written = JSON.parse(await readFile(join(dir, 'ket-qua/report.json'), 'utf8'));
    const { generatedAt: a, ...fromFile } = written;
    const { generatedAt: b, ...fromStdout } = result.json;
    expect(fromFile).toEqual(fromStdout);
    expect([a, b]).toEqual(['2025-07-10T08:00:00.000Z', '2025-07-10T08:00:00.000Z']);
  });

  it('report.html is the --format html document', async () => {
    const html = await run(['check', 'nop', '--out', 'ket-qua-2', '--format', 'html'], {
      cwd: dir,
    });
    expect(html.code).toBe(1);
    expect(await readFile(join(dir, 'ket-qua/report.html'), 'utf8')).toBe(html.stdout);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('the annotated copy has the original sheets, unchanged, plus "Kết quả kiểm tra"', async () => {
    for (const name of ['so/so-tu-phap.xlsx', 'so/so-noi-vu.xlsx', 'xa-tan-tien.xlsx']) {
      const original = await sheetsOf(join(dir, 'nop', name));
      const copy = await sheetsOf(join(dir, 'ket-qua', name));
      expect(copy.map((s) => s.name)).toEqual([...original.map((s) => s.name), 'Kết quả kiểm tra']);
      original.forEach((sheet, i) => {
        expect(cellsOf(copy[i]?.grid), `${name} › ${sheet.name}`).toEqual(cellsOf(sheet.grid));
      });
    }
  });

  it("the summary sheet is the reviewer's report: the annex and its findings, then the other sheets", async () => {
    const copy = await sheetsOf(join(dir, 'ket-qua/so/so-noi-vu.xlsx'));
    const rows = valuesOf(copy.find((s) => s.name === 'Kết quả kiểm tra')?.grid);
    expect(rows[0]).toEqual(['KẾT QUẢ KIỂM TRA CHỈ TIÊU']);
    expect(rows.filter((r) => String(r[0]).startsWith('Trang tính: ')).map((r) => r[0])).toEqual([
      'Trang tính: Phụ lục',
      'Trang tính: Ghi chú',
    ]);
    expect(rows).toContainEqual(['Đơn vị', 'Sở Nội vụ']);
    expect(rows).toContainEqual([
      'Phụ lục',
      'K13',
      '2. Thanh toán trực tuyến',
      'Quý II',
      '71,6%',
      '75%',
      '3,4 điểm %',
      '✗ Dưới tối thiểu',
      'Quý II: 71,6% < tối thiểu 75% (thiếu 3,4 điểm %)',
    ]);
    expect(rows[rows.length - 1]).toEqual([
      'Không kiểm tra',
      'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
    ]);
  });

  it('checking the annotated copy again gives the same findings for the annex sheet', async () => {
    for (const name of [
      'so/so-tu-phap.xlsx',
      'so/so-noi-vu.xlsx',
      'huyen/ubnd-huyen-bu-dop.xlsx',
      'xa-tan-tien.xlsx',
    ]) {
      const again = await runJson(['check', `ket-qua/${name}`], { cwd: dir });
      expect(again.code, name).toBe(1);
      const copy = fileNamed(again.json, name.split('/').pop() as string);
      const original = fileNamed(result.json, name);
      expect(copy.sheets.map((s) => s.sheet)).toEqual(original.sheets.map((s) => s.sheet));
      expect(copy.sheets[0]?.findings, name).toEqual(original.sheets[0]?.findings);
      expect(copy.sheets[0]?.context, name).toEqual(original.sheets[0]?.context);
      // the summary sheet is not taken for an annex
      expect(copy.skippedSheets.map((s) => s.sheet)).toEqual([
        ...original.skippedSheets.map((s) => s.sheet),
        'Kết quả kiểm tra',
      ]);
    }
  });

  it('--lang en names the summary sheet in English', async () => {
    const en = await runJson(['check', 'nop/xa-tan-tien.xlsx', '--out', 'en', '--lang', 'en'], {
      cwd: dir,
    });
    expect(en.code).toBe(1);
    expect(en.stderr).toBe('Wrote en/report.html\nWrote en/report.json\nWrote en/report.xlsx\n');
    const sheets = await sheetsOf(join(dir, 'en/xa-tan-tien.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Phụ lục II', 'Check results']);
    const rows = valuesOf(sheets[1]?.grid);
    expect(rows.slice(0, 3)).toEqual([['TARGET CHECK RESULTS'], [], ['Sheet: Phụ lục II']]);
  });

  it('with nothing to check (exit 2), --out holds only the three reports', async () => {
    const empty = await run(['check', 'nop/file-hong.xlsx', '--out', 'hong'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(await listFiles(join(dir, 'hong'))).toEqual([
      'report.html',
      'report.json',
      'report.xlsx',
    ]);
  });

  it('--out naming a file is refused before anything is checked (exit 2, no stack trace)', async () => {
    await writeFile(join(dir, 'ghi-chu.txt'), 'ghi chú');
    for (const out of ['ghi-chu.txt', 'ghi-chu.txt/ket-qua']) {
      const result = await run(['check', 'nop', '--out', out], { cwd: dir });
      expect(result.code, out).toBe(2);
      expect(result.stdout, out).toBe('');
      expect(result.stderr, out).toBe(
        `chitieu: không tạo được thư mục --out "${out}": đã có một tệp cùng tên, không phải thư mục\n`,
      );
    }
    const en = await run(['check', 'nop', '--out', 'ghi-chu.txt', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe(
      'chitieu: cannot create the --out folder "ghi-chu.txt": a file of that name exists, not a folder\n',
    );
    expect(await readFile(join(dir, 'ghi-chu.txt'), 'utf8')).toBe('ghi chú');
  });
});
