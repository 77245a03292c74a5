/**
 * Files that are not readable workbooks, in one folder with a good one: each is reported as one
 * line naming the file and its reason, and the good workbook is still checked.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  copyExamples,
  EXAMPLES,
  fileNamed,
  ole2,
  type RunResult,
  run,
  runJson,
  useTempDirs,
  zip,
} from './helpers.js';

const temp = useTempDirs('all');
const MB = 1024 * 1024;

/** file name → [reader error code, Vietnamese reason, English reason (or its start)]. */
const BAD: Record<string, [string, string, string]> = {
  'rong.xlsx': ['empty-file', 'tệp rỗng (0 byte)', 'The file is empty (0 bytes).'],
  'van-ban.xlsx': [
    'not-a-zip',
    'không phải tệp Excel .xlsx (nội dung không phải định dạng zip)',
    'The file is not an .xlsx workbook (it is not a zip package).',
  ],
  'cat-ngang.xlsx': [
    'corrupt-zip',
    'tệp .xlsx bị hỏng hoặc không đầy đủ',
    'The end of the zip directory is missing. The zip structure is damaged or the file is truncated (incomplete download or copy?).',
  ],
  'excel-cu.xlsx': [
    'old-xls',
    'tệp Excel cũ (.xls) đổi tên thành .xlsx — hãy mở bằng Excel và lưu lại dạng .xlsx',
    'The file is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx).',
  ],
  'mat-khau.xlsx': [
    'encrypted',
    'tệp được đặt mật khẩu — hãy gỡ mật khẩu rồi gửi lại',
    'The workbook is password-protected (encrypted). Remove the password in Excel (File > Info > Protect Workbook) and save it again.',
  ],
  // It declares 400 MB but holds 64 KB of spaces: a damaged file, not a zip bomb.
  'bom-nen.xlsx': [
    'corrupt-zip',
    'tệp bị hỏng: phần "xl/workbook.xml" không giải nén được hoặc sai mã kiểm tra (CRC)',
    'The zip entry "xl/workbook.xml" is damaged: it declares 400 MB from ',
  ],
  'du-toan-kinh-phi.xlsx': [
    'no-annex',
    'không có trang tính nào là bảng phụ lục chỉ tiêu',
    'no worksheet is a target annex',
  ],
};

let dir = '';

beforeAll(async () => {
  dir = await temp();
  const folder = join(dir, 'nop');
  await copyExamples(folder, 'so-tu-phap.xlsx', 'du-toan-kinh-phi.xlsx');
  const good = await readFile(join(EXAMPLES, 'so-tu-phap.xlsx'));
  await writeFile(join(folder, 'rong.xlsx'), new Uint8Array(0));
  await writeFile(
    join(folder, 'van-ban.xlsx'),
    'Stt;Nhiệm vụ;Kết quả Quý II\n1;Hồ sơ trực tuyến;76,2%\n',
  );
  await writeFile(join(folder, 'cat-ngang.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  await writeFile(join(folder, 'excel-cu.xlsx'), ole2());
  await writeFile(
    join(folder, 'mat-khau.xlsx'),
    ole2('Root Entry', 'EncryptionInfo', 'EncryptedPackage'),
  );
  // A few kilobytes declaring 400 MB: refused from the headers, before anything is inflated.
  await writeFile(
    join(folder, 'bom-nen.xlsx'),
    zip([{ name: 'xl/workbook.xml', data: ' '.repeat(64 * 1024), declaredSize: 400 * MB }]),
  );
  // Excel's lock file while the workbook is open
  await writeFile(join(folder, '~$so-tu-phap.xlsx'), new Uint8Array(165));
});

/** The lines of stdout and stderr that mention `text`. */
const linesWith = (result: RunResult, text: string) =>
  `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes(text));

describe('bad files next to a good one', () => {
  let vi: RunResult;
  beforeAll(async () => {
    vi = await run(['check', 'nop'], { cwd: dir });
  });

  it('reports each bad file as one line naming the file, with its reason in Vietnamese', () => {
    for (const [name, [, reason]] of Object.entries(BAD)) {
      expect(linesWith(vi, name), name).toEqual([`✗ nop/${name}: ${reason}`]);
    }
  });

  it('still checks the good workbook (exit 1 for its findings)', () => {
    expect(vi.code).toBe(1);
    expect(linesWith(vi, 'nop/so-tu-phap.xlsx')).toEqual([
      'Sở Tư pháp — nop/so-tu-phap.xlsx › Phụ lục (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)',
    ]);
    expect(vi.stdout).toContain(
      '\n  ✗ 4 dưới tối thiểu · ! 3 không hợp lệ · ? 3 thiếu số liệu · ✓ 18 đạt · – 4 không áp dụng\n',
    );
    expect(
      vi.stdout.endsWith(
        'Đã kiểm tra 8 tệp (1 trang tính); 7 tệp không kiểm tra được; bỏ qua 1 tệp.\n',
      ),
    ).toBe(true);
  });

  it("skips Excel's lock file", () => {
    expect(linesWith(vi, '~$')).toEqual(['– bỏ qua nop/~$so-tu-phap.xlsx: tệp khóa tạm của Excel']);
  });

  it('prints no stack trace', () => {
    expect(vi.stderr).toBe('');
    expect(vi.stdout).not.toMatch(/\n\s+at /);
  });

  it('gives the reader error code of each file in the JSON report', async () => {
    const { code, json } = await runJson(['check', 'nop'], { cwd: dir });
    expect(code).toBe(1);
    for (const [name, [errorCode, reason]] of Object.entries(BAD)) {
      expect([fileNamed(json, name).errorCode, fileNamed(json, name).error], name).toEqual([
        errorCode,
        reason,
      ]);
    }
    const good = fileNamed(json, 'so-tu-phap.xlsx');
    expect(good.error).toBeUndefined();
    expect(good.sheets[0]?.summary['below-minimum']).toBe(4);
    expect(json.files).toHaveLength(8);
  });

  it('--lang en gives the reasons in English', async () => {
    const en = await run(['check', 'nop', '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(1);
    for (const [name, [, , reason]] of Object.entries(BAD)) {
      const lines = linesWith(en, name);
      expect(lines, name).toHaveLength(1);
      expect(lines[0]?.startsWith(`✗ nop/${name}: ${reason}`), lines[0]).toBe(true);
    }
    expect(en.stdout).toContain(
      '\n  ✗ 4 below minimum · ! 3 invalid · ? 3 missing · ✓ 18 met · – 4 not applicable\n',
    );
    expect(
      en.stdout.endsWith('Checked 8 file(s) (1 sheet(s)); 7 could not be checked; 1 skipped.\n'),
    ).toBe(true);
  });
});

describe('zip bombs', () => {
  it('refuses a zip declaring more than 500 MB from a few kilobytes, and checks the rest', async () => {
    const folder = join(await temp(), 'nop');
    await copyExamples(folder, 'so-tu-phap.xlsx');
    const bomb = zip([
      { name: 'xl/workbook.xml', data: ' '.repeat(64 * 1024), declaredSize: 3000 * MB },
    ]);
    expect(bomb.length).toBeLessThan(1024);
    await writeFile(join(folder, 'bom-lon.xlsx'), bomb);
    const { code, json } = await runJson(['check', folder]);
    expect(code).toBe(1);
    const file = fileNamed(json, 'bom-lon.xlsx');
    // it declares 3,000 MB but holds 64 KB: refused on the declared total (too-large) or as
    // damaged (corrupt-zip), never read
    expect(['corrupt-zip', 'too-large']).toContain(file.errorCode);
    expect(file.sheets).toEqual([]);
    expect(fileNamed(json, 'so-tu-phap.xlsx').sheets).toHaveLength(1);
  });

  it('refuses a real zip bomb (16 MB of spaces in 16 KB, honest sizes)', async () => {
    const folder = await temp();
    const bomb = zip([{ name: 'xl/workbook.xml', data: ' '.repeat(16 * MB) }]);
    expect(bomb.length).toBeLessThan(32 * 1024);
    await writeFile(join(folder, 'bom-that.xlsx'), bomb);
    const { code, json } = await runJson(['check', folder]);
    expect(code).toBe(2);
    expect(fileNamed(json, 'bom-that.xlsx').errorCode).toBe('zip-bomb');
  });
});
