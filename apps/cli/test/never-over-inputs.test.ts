/**
 * Issue 10, item 2: an input is never written over, whatever path reaches it (a symlinked
 * --out, a hard link, another letter case), and the tool's own earlier output found in an input
 * folder is not checked again: annotated copies (recognised by their last sheet, the summary
 * "Kết quả kiểm tra" / "Check results" starting with the report's title, whatever the file's
 * name), report.html/json/csv (by name), and the run's own --out folder when it lies inside an
 * input folder (by device and inode).
 */
import { link, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSet } from '../src/output.js';
import { copyExamples, hashFiles, listFiles, runJson, useTempDirs } from './helpers.js';

const temp = useTempDirs();
const OWN_COPY =
  'bản sao có đánh dấu do Chỉ Tiêu tạo ở lần chạy trước (có trang tính "Kết quả kiểm tra"), không kiểm tra lại — ghi rõ tên tệp nếu muốn kiểm tra nó';

async function leftovers(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => /\.tmp$|\.chitieu/.test(String(f))).map(String);
}

describe('never over an input', () => {
  it('--out given as a symbolic link to the input folder: the inputs stay byte for byte', async () => {
    const dir = await temp();
    const nop = join(dir, 'nop');
    await copyExamples(nop, 'so-tu-phap.xlsx', 'so-y-te.xlsx', 'file-hong.xlsx');
    await symlink(nop, join(dir, 'ket-qua'));
    const before = await hashFiles(nop);

    const result = await runJson(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(1);
    const after = await hashFiles(nop);
    for (const [name, hash] of Object.entries(before)) expect(after[name], name).toBe(hash);
    expect(Object.keys(after).sort()).toEqual(
      [
        ...Object.keys(before),
        'report.html',
        'report.json',
        'report.xlsx',
        'so-tu-phap-kiem-tra.xlsx',
        'so-y-te-kiem-tra.xlsx',
      ].sort(),
    );
    expect(result.json.files.map((f) => f.annotated ?? null)).toEqual([
      null,
      'ket-qua/so-tu-phap-kiem-tra.xlsx',
      'ket-qua/so-y-te-kiem-tra.xlsx',
    ]);
    expect(await leftovers(nop)).toEqual([]);
  });

  it('a hard link to an input in --out is not written over either', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx');
    await mkdir(join(dir, 'ket-qua'));
    await link(join(dir, 'nop/so-tu-phap.xlsx'), join(dir, 'ket-qua/so-tu-phap.xlsx'));
    const before = await hashFiles(join(dir, 'nop'));
    const result = await runJson(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(await hashFiles(join(dir, 'nop'))).toEqual(before);
    expect(result.json.files[0]?.annotated).toBe('ket-qua/so-tu-phap-kiem-tra.xlsx');
  });

  it('names are compared case-folded where the --out file system folds case', async () => {
    const dir = await temp();
    const set = await OutputSet.open(dir);
    try {
      expect(set.caseInsensitive).toBe(false); // this machine's /tmp (ext4, tmpfs) keeps case
      set.caseInsensitive = true; // as on Windows or macOS
      expect(await set.nameFor('So-Y-Te.xlsx', new Set())).toBe('So-Y-Te.xlsx');
      expect(await set.nameFor('so-y-te.xlsx', new Set())).toBe('so-y-te-kiem-tra.xlsx');
      expect(await set.nameFor('SO-Y-TE.XLSX', new Set())).toBe('SO-Y-TE-kiem-tra-2.xlsx');
    } finally {
      await set.close();
    }
    expect(await readdir(dir)).toEqual([]); // no lock, probe or temporary folder left
  });
});

describe("the tool's own earlier output in an input folder", () => {
  it('an --out inside the input folder is skipped as one entry, its copies not checked again', async () => {
    const dir = await temp();
    const nop = join(dir, 'nop');
    await copyExamples(nop, 'so-tu-phap.xlsx', 'xa-tan-tien.xlsx');
    const first = await runJson(['check', 'nop', '--out', 'nop/ket-qua'], { cwd: dir });
    expect(first.code).toBe(1);
    const second = await runJson(['check', 'nop', '--out', 'nop/ket-qua'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.json.files.map((f) => [f.file, f.annotated])).toEqual([
      ['nop/so-tu-phap.xlsx', 'nop/ket-qua/so-tu-phap.xlsx'],
      ['nop/xa-tan-tien.xlsx', 'nop/ket-qua/xa-tan-tien.xlsx'],
    ]);
    expect(second.json.skipped).toEqual([
      {
        path: 'nop/ket-qua',
        reason: 'thư mục --out của lần chạy này (nơi ghi kết quả), không kiểm tra',
      },
    ]);
    expect(await listFiles(join(nop, 'ket-qua'))).toEqual([
      'report.html',
      'report.json',
      'report.xlsx',
      'so-tu-phap.xlsx',
      'xa-tan-tien.xlsx',
    ]);
  });

  it("an earlier run's output folder elsewhere in the input: copies known by their summary sheet, reports by name", async () => {
    const dir = await temp();
    const nop = join(dir, 'nop');
    await copyExamples(nop, 'so-tu-phap.xlsx', 'xa-tan-tien.xlsx');
    await runJson(['check', 'nop', '--out', 'nop/lan-truoc', '--lang', 'en'], { cwd: dir });
    const result = await runJson(['check', 'nop', '--out', 'moi'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.json.files.map((f) => f.file)).toEqual([
      'nop/so-tu-phap.xlsx',
      'nop/xa-tan-tien.xlsx',
    ]);
    expect(result.json.skipped).toEqual([
      { path: 'nop/lan-truoc/report.html', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
      { path: 'nop/lan-truoc/report.json', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
      { path: 'nop/lan-truoc/report.xlsx', reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
      { path: 'nop/lan-truoc/so-tu-phap.xlsx', reason: OWN_COPY },
      { path: 'nop/lan-truoc/xa-tan-tien.xlsx', reason: OWN_COPY },
    ]);
    // named directly, a copy is checked (the user asked for it)
    const direct = await runJson(['check', 'nop/lan-truoc/so-tu-phap.xlsx'], { cwd: dir });
    expect(direct.code).toBe(1);
    expect(direct.json.files[0]?.sheets).toHaveLength(1);
    expect(direct.json.skipped).toEqual([]);
  });

  it('a workbook of the user\'s own called "…-kiem-tra.xlsx" is checked: the name alone says nothing', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx');
    const { cp } = await import('node:fs/promises');
    await cp(join(dir, 'so-tu-phap.xlsx'), join(dir, 'bien-ban-kiem-tra.xlsx'));
    const result = await runJson(['check', '.'], { cwd: dir });
    expect(result.json.files.map((f) => [f.file, f.sheets.length])).toEqual([
      ['bien-ban-kiem-tra.xlsx', 1],
      ['so-tu-phap.xlsx', 1],
    ]);
  });
});
