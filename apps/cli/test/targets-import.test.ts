/**
 * `chitieu targets import FILE.xlsx`: the official annex (seed 000's, pasted into a workbook as
 * the office circulates it) read into a target set on stdout or --out, the review on stderr;
 * bad input is one line naming the file, sheet or cell, exit 2, and nothing written.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { getBuiltinTargetSet, type TargetSet } from '@chitieu/engine';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPO, run, useTempDirs } from './helpers.js';

const temp = useTempDirs();

/** Seed 000's annex, from "Phụ lục" on, one tab-separated line per row as the seed writes it. */
function annexLines(): string[] {
  const text = readFileSync(resolve(REPO, '../shared/seeds/000_4a6aa745d4bb8951.txt'), 'utf8');
  const lines = text.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('**Phụ lục**')));
}

/** A cell as Excel makes it from pasted text: "85%" a percent-formatted 0.85, "80" a number. */
function put(ws: ExcelJS.Worksheet, row: number, col: number, raw: string): void {
  const text = raw
    .replace(/<\/?b>/g, '')
    .replace(/\*\*?/g, '')
    .trim();
  if (text === '') return;
  const cell = ws.getCell(row, col);
  const percent = /^(\d+(?:,\d+)?)%$/.exec(text);
  if (percent) {
    cell.value = Number(percent[1]?.replace(',', '.')) / 100;
    cell.numFmt = '0%';
  } else if (/^\d+(,\d+)?$/.test(text)) cell.value = Number(text.replace(',', '.'));
  else cell.value = text;
}

type SheetSpec = { name: string; lines: readonly string[]; state?: 'visible' | 'hidden' };

async function workbook(dir: string, name: string, sheets: readonly SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    spec.lines.forEach((line, r) => {
      line.split('\t').forEach((raw, c) => {
        put(ws, r + 1, c + 1, raw);
      });
    });
  }
  const path = join(dir, name);
  await writeFile(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return path;
}

const NOT_AN_ANNEX = ['Danh sách đơn vị', 'Sở Y tế', 'Sở Tư pháp'];

/** Every indicator's numbers: for whom, annual, Quý I–IV, unit. */
function numbers(set: TargetSet) {
  const n = (t: unknown) =>
    t !== null && typeof t === 'object' ? (t as { value: number }).value : t;
  return set.indicators.map((i) => ({
    id: i.id,
    stt: i.stt,
    unit: i.unit,
    targets: i.targets.map((t) => [t.appliesTo, n(t.annual), t.quarterly?.map(n)]),
  }));
}

describe('targets import', () => {
  it('writes the set to stdout and the review to stderr (Vietnamese)', async () => {
    const dir = await temp();
    await workbook(dir, 'phu-luc.xlsx', [{ name: 'Phụ lục', lines: annexLines() }]);
    const result = await run(['targets', 'import', 'phu-luc.xlsx'], { cwd: dir });
    expect(result.code).toBe(0);
    const set = JSON.parse(result.stdout) as TargetSet;
    const official = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    expect(numbers(set)).toEqual(numbers(official));
    expect(set.id).toBe('binh-phuoc-2025-phu-luc');
    // the review: headings, one line per target row, the comparator as written
    expect(result.stderr).toMatch(
      /│ Dòng +│ Stt +│ Chỉ tiêu +│ Giao cho +│ Năm +│ Quý I +│ Quý II +│ Quý III +│ Quý IV +│ So sánh/,
    );
    expect(result.stderr).toMatch(
      /│ 13 +│ +│ +│ UBND cấp huyện +│ 75% +│ 60% +│ 65% +│ 70% +│ 75% +│ tối thiểu/,
    );
    expect(result.stderr).toContain(
      'phu-luc.xlsx, trang tính "Phụ lục": đọc được 18 chỉ tiêu (21 dòng chỉ tiêu) — bộ chỉ tiêu binh-phuoc-2025-phu-luc',
    );
    expect(result.stderr).toContain('6 cảnh báo, cần xem lại:');
    expect(result.stderr).toContain(
      'Ô C31: "Sở Tư pháp" được đọc là cơ quan cụ thể (không phải một cấp); các cấp: huyen, xa',
    );
  });

  it('--out FILE.json: written whole, then `targets validate` and `check --target-set` take it', async () => {
    const dir = await temp();
    await workbook(dir, 'phu-luc.xlsx', [
      { name: 'Ghi chú', lines: NOT_AN_ANNEX },
      { name: 'Phụ lục', lines: annexLines() },
    ]);
    const result = await run(
      [
        'targets',
        'import',
        'phu-luc.xlsx',
        '--out',
        'bo.json',
        '--id',
        'dong-nai-2026',
        '--lang',
        'en',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/│ Row +│ Stt +│ Indicator +│ For +│ Year +│ Q1 /);
    expect(result.stderr).toContain('Cell C31: "Sở Tư pháp" read as named agencies');
    expect(result.stderr).toContain('Wrote bo.json');
    expect((await readdir(dir)).sort()).toEqual(['bo.json', 'phu-luc.xlsx']);
    const set = JSON.parse(await readFile(join(dir, 'bo.json'), 'utf8')) as TargetSet;
    expect(set.id).toBe('dong-nai-2026');
    const valid = await run(['targets', 'validate', 'bo.json'], { cwd: dir });
    expect([valid.code, valid.stdout]).toEqual([
      0,
      'bo.json: hợp lệ — bộ chỉ tiêu dong-nai-2026, 18 chỉ tiêu, các cấp so, huyen, xa\n',
    ]);
  });

  it('--sheet picks one of several annex sheets; without it the choice is asked for', async () => {
    const dir = await temp();
    await workbook(dir, 'hai.xlsx', [
      { name: 'Phụ lục 2025', lines: annexLines() },
      { name: 'Bản sao', lines: annexLines() },
    ]);
    const several = await run(['targets', 'import', 'hai.xlsx'], { cwd: dir });
    expect([several.code, several.stdout]).toEqual([2, '']);
    expect(several.stderr).toBe(
      'chitieu: hai.xlsx: có nhiều trang tính là bảng phụ lục ("Phụ lục 2025", "Bản sao"); hãy chọn một bằng --sheet\n',
    );
    const picked = await run(['targets', 'import', 'hai.xlsx', '--sheet', 'ban sao'], { cwd: dir });
    expect(picked.code).toBe(0);
    expect(picked.stderr).toContain('hai.xlsx, trang tính "Bản sao": đọc được 18 chỉ tiêu');
    const none = await run(['targets', 'import', 'hai.xlsx', '--sheet', 'Khác'], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([
      2,
      'chitieu: hai.xlsx: không có trang tính "Khác" (các trang tính: "Phụ lục 2025", "Bản sao")\n',
    ]);
  });

  it('bad input: one line naming the file, sheet or cell, exit 2, nothing written', async () => {
    const dir = await temp();
    await workbook(dir, 'khong.xlsx', [{ name: 'Danh sách', lines: NOT_AN_ANNEX }]);
    const noAnnex = await run(['targets', 'import', 'khong.xlsx', '--out', 'x.json'], { cwd: dir });
    expect([noAnnex.code, noAnnex.stdout]).toEqual([2, '']);
    expect(noAnnex.stderr).toMatch(
      /^chitieu: khong\.xlsx, trang tính "Danh sách": không phải bảng phụ lục chỉ tiêu/,
    );
    // no province anywhere: say where to give it
    const lines = annexLines().filter((l) => !/BÌNH PHƯỚC|Bình Phước/.test(l));
    await workbook(dir, 'khong-tinh.xlsx', [{ name: 'Phụ lục', lines }]);
    const noProvince = await run(['targets', 'import', 'khong-tinh.xlsx', '--lang', 'en'], {
      cwd: dir,
    });
    expect(noProvince.code).toBe(2);
    expect(noProvince.stderr).toContain(
      'chitieu: khong-tinh.xlsx, sheet "Phụ lục": which province',
    );
    expect(noProvince.stderr).toContain('--title');
    const ok = await run(
      [
        'targets',
        'import',
        'khong-tinh.xlsx',
        '--title',
        'Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai',
      ],
      { cwd: dir },
    );
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as TargetSet).province).toBe('Đồng Nai');
    // a file that is not there, a file that is not a workbook, a bad id
    const missing = await run(['targets', 'import', 'khong-co.xlsx'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^chitieu: khong-co\.xlsx: /);
    await writeFile(join(dir, 'hong.xlsx'), 'không phải tệp xlsx');
    const broken = await run(['targets', 'import', 'hong.xlsx'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^chitieu: hong\.xlsx: /);
    await workbook(dir, 'phu-luc.xlsx', [{ name: 'Phụ lục', lines: annexLines() }]);
    const badId = await run(['targets', 'import', 'phu-luc.xlsx', '--id', 'Đồng Nai'], {
      cwd: dir,
    });
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('mã "Đồng Nai" không hợp lệ');
    expect((await readdir(dir)).sort()).toEqual([
      'hong.xlsx',
      'khong-tinh.xlsx',
      'khong.xlsx',
      'phu-luc.xlsx',
    ]);
  });

  it('never writes over the input, and leaves an existing --out as it was when it fails', async () => {
    const dir = await temp();
    const input = await workbook(dir, 'phu-luc.xlsx', [{ name: 'Phụ lục', lines: annexLines() }]);
    const before = await readFile(input);
    const over = await run(['targets', 'import', 'phu-luc.xlsx', '--out', './phu-luc.xlsx'], {
      cwd: dir,
    });
    expect([over.code, over.stdout]).toEqual([2, '']);
    expect(over.stderr).toBe(
      'chitieu: --out "./phu-luc.xlsx" là chính tệp đầu vào: không ghi đè lên tệp đầu vào\n',
    );
    expect(await readFile(input)).toEqual(before);
    await writeFile(join(dir, 'cu.json'), '{"giữ": true}\n');
    const failed = await run(
      ['targets', 'import', 'phu-luc.xlsx', '--out', 'cu.json', '--id', 'X'],
      {
        cwd: dir,
      },
    );
    expect(failed.code).toBe(2);
    expect(await readFile(join(dir, 'cu.json'), 'utf8')).toBe('{"giữ": true}\n');
    const outDir = await run(['targets', 'import', 'phu-luc.xlsx', '--out', 'khong-co/bo.json'], {
      cwd: dir,
    });
    expect(outDir.code).toBe(2);
    expect(outDir.stderr).toMatch(
      /^chitieu: không ghi được "khong-co\/bo\.json": .*\(không có tệp nào bị thay đổi\)\n$/,
    );
    expect((await readdir(dir)).sort()).toEqual(['cu.json', 'phu-luc.xlsx']);
  });

  it('help: Vietnamese by default, English with --lang en', async () => {
    const vi = await run(['targets', 'import', '--help']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('Cách dùng: chitieu targets import [tùy chọn] <tệp.xlsx>');
    expect(vi.stdout).toContain('--sheet <tên>');
    const en = await run(['targets', 'import', '--help', '--lang', 'en']);
    expect(en.stdout).toContain('Usage: chitieu targets import [options] <file.xlsx>');
    const list = await run(['targets', '--help']);
    expect(list.stdout).toContain('import [tùy chọn] <tệp.xlsx>');
  });
});
