/**
 * Inputs are never modified (shared/BRIEF.md): not by checking, not by writing annotated copies
 * to another folder, not when --out is the input folder itself.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExamples, hashFiles, listFiles, runJson, useTempDirs } from './helpers.js';

const temp = useTempDirs();

/** The workbooks of the example folder that get an annotated copy (the checked ones). */
const CHECKED = [
  'so-cong-thuong',
  'so-giao-duc-va-dao-tao',
  'so-noi-vu',
  'so-tu-phap-ban-sua',
  'so-tu-phap',
  'so-y-te',
  'ubnd-huyen-bu-dop',
  'ubnd-huyen-dong-phu',
  'ubnd-huyen-hon-quan',
  'ubnd-huyen-loc-ninh',
  'ubnd-phuong-dong-xoai-quy-3',
  'ubnd-thi-xa-chon-thanh',
  'xa-tan-tien',
];

describe('inputs are never modified', () => {
  it('check --out DIR leaves every input file byte for byte as it was', async () => {
    const dir = await temp();
    const input = join(dir, 'nop');
    await copyExamples(input);
    const before = await hashFiles(input);
    expect(Object.keys(before)).toHaveLength(17);

    const { code } = await runJson(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
    expect(code).toBe(1);
    expect(await hashFiles(input)).toEqual(before);
    expect(await listFiles(join(dir, 'ket-qua'))).toEqual(
      [...CHECKED.map((n) => `${n}.xlsx`), 'report.html', 'report.json', 'report.xlsx'].sort(),
    );
  });

  it('check --out pointing at the input folder writes "-kiem-tra" copies beside the inputs', async () => {
    const dir = await temp();
    await copyExamples(dir);
    const before = await hashFiles(dir);

    const first = await runJson(['check', '.', '--out', '.'], { cwd: dir });
    expect(first.code).toBe(1);
    const after = await hashFiles(dir);
    for (const [name, hash] of Object.entries(before)) expect(after[name], name).toBe(hash);
    expect(Object.keys(after).sort()).toEqual(
      [
        ...Object.keys(before),
        ...CHECKED.map((n) => `${n}-kiem-tra.xlsx`),
        'report.html',
        'report.json',
        'report.xlsx',
      ].sort(),
    );
    expect(first.json.files.map((f) => [f.file, f.annotated ?? null])).toEqual([
      ['du-toan-kinh-phi.xlsx', null],
      ['file-hong.xlsx', null],
      ...CHECKED.map((n) => [`${n}.xlsx`, `${n}-kiem-tra.xlsx`]),
    ]);

    // Again: the copies of the first run, found in the folder, are recognised as this tool's
    // (their last sheet is "Kết quả kiểm tra") and not checked again; as files met in the input
    // folder they are not overwritten either: the new copies take the next free name.
    const second = await runJson(['check', '.', '--out', '.'], { cwd: dir });
    expect(second.code).toBe(1);
    const again = await hashFiles(dir);
    for (const [name, hash] of Object.entries(after)) {
      if (name.startsWith('report.')) continue; // the reports of the first run are outputs
      expect(again[name], name).toBe(hash);
    }
    expect(second.json.files.map((f) => f.file)).toEqual(first.json.files.map((f) => f.file));
    expect(annotatedOf(second.json.files, 'so-tu-phap.xlsx')).toBe('so-tu-phap-kiem-tra-2.xlsx');
    expect(second.json.skipped).toEqual(
      [
        {
          path: 'bao-cao-cu.xls',
          reason: 'tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx',
        },
        { path: 'cong-van-kem-theo.pdf', reason: 'không phải tệp .xlsx' },
        { path: 'report.html', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
        { path: 'report.json', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
        { path: 'report.xlsx', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
        ...CHECKED.map((n) => ({
          path: `${n}-kiem-tra.xlsx`,
          reason:
            'bản sao có đánh dấu do Chỉ Tiêu tạo ở lần chạy trước (có trang tính "Kết quả kiểm tra"), không kiểm tra lại — ghi rõ tên tệp nếu muốn kiểm tra nó',
        })),
      ].sort((a, b) => a.path.localeCompare(b.path, 'vi')),
    );
    expect(Object.keys(again).filter((f) => f.includes('-kiem-tra-kiem-tra'))).toEqual([]);
    expect((await listFiles(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

function annotatedOf(files: readonly { file: string; annotated?: string }[], name: string) {
  return files.find((f) => f.file === name)?.annotated;
}
