/**
 * Exit codes (shared/BRIEF.md): 0 checked and nothing below minimum, missing or invalid;
 * 1 checked and such findings exist; 2 nothing could be checked (bad arguments, no readable
 * workbook).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExamples, EXAMPLES_REL, fileNamed, run, runJson, useTempDirs } from './helpers.js';
import { annexWorkbook } from './workbooks.js';

const temp = useTempDirs();

describe('exit 0: everything due is met', () => {
  it('a department whose every Quý I and Quý II value is at its minimum', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'so-y-te.xlsx'), await annexWorkbook({ unit: 'Sở Y tế' }));
    const result = await run(['check', 'so-y-te.xlsx'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Sở Y tế — so-y-te.xlsx › Phụ lục (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)',
        // Its rows are the national set's too: which set was chosen, and why.
        '  ℹ Các dòng khớp với nhiều bộ chỉ tiêu; đã chọn "binh-phuoc-2025" ("Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước") vì các chỉ tiêu ghi trong bảng khớp với bộ này (cũng khớp: "nq01-nq02-2025").',
        '  Không có giá trị nào dưới tối thiểu, thiếu hay không hợp lệ.',
        '  ✓ 26 đạt · – 5 không áp dụng',
        '',
        'Đã kiểm tra 1 tệp (1 trang tính).',
        '',
      ].join('\n'),
    );
  });

  it('a target lowered in the sheet is reported but does not fail the check', async () => {
    const dir = await temp();
    await writeFile(
      join(dir, 'so-y-te.xlsx'),
      await annexWorkbook({ annual: { 'thanh-toan-truc-tuyen': 80 } }),
    );
    const { code, json } = await runJson(['check', 'so-y-te.xlsx'], { cwd: dir });
    expect(code).toBe(0);
    const [sheet] = fileNamed(json, 'so-y-te.xlsx').sheets;
    expect(
      sheet?.findings
        .filter((f) => f.code !== 'met' && f.code !== 'not-applicable')
        .map((f) => [f.code, f.cell, f.value, f.minimum]),
    ).toEqual([['target-mismatch', 'E8', 80, 85]]);
  });

  it('a file that cannot be read next to a checked one does not change the code', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'so-y-te.xlsx'), await annexWorkbook());
    await copyExamples(dir, 'file-hong.xlsx');
    const result = await run(['check', '.'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✗ file-hong.xlsx: tệp .xlsx bị hỏng hoặc không đầy đủ\n');
  });
});

describe('exit 1: values below the minimum, missing or invalid', () => {
  it.each([
    ['below the minimum', 79.5, 'below-minimum'],
    ['blank', null, 'missing-value'],
    ['a placeholder "-"', '-', 'missing-value'],
    ['ambiguous "1.234"', '1.234', 'invalid-value'],
  ] as const)('one value %s', async (_, value, code) => {
    const dir = await temp();
    await writeFile(
      join(dir, 'so-y-te.xlsx'),
      await annexWorkbook({
        result: (id, q, min) => (id === 'ho-so-truc-tuyen' && q === 2 ? value : min),
      }),
    );
    const { code: exit, json } = await runJson(['check', 'so-y-te.xlsx'], { cwd: dir });
    expect(exit).toBe(1);
    const [sheet] = fileNamed(json, 'so-y-te.xlsx').sheets;
    expect(
      sheet?.findings
        .filter((f) => f.code !== 'met' && f.code !== 'not-applicable')
        .map((f) => [f.code, f.cell, f.indicatorId, f.quarter]),
    ).toEqual([[code, 'K10', 'ho-so-truc-tuyen', 2]]);
  });

  it('the example folder', async () => {
    expect((await run(['check', EXAMPLES_REL])).code).toBe(1);
  });
});

describe('exit 2: nothing could be checked', () => {
  const nothing = 'Không có tệp .xlsx nào kiểm tra được.';

  it('no path matching', async () => {
    const dir = await temp();
    const result = await run(['check', 'khong-co.xlsx', 'thu-muc-khong-co'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `không tìm thấy "khong-co.xlsx"\nkhông tìm thấy "thu-muc-khong-co"\n${nothing}\n`,
    );
  });

  it('a folder without .xlsx files', async () => {
    const dir = await temp();
    await copyExamples(dir, 'cong-van-kem-theo.pdf', 'bao-cao-cu.xls');
    const result = await run(['check', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${nothing}\n`);
    expect(result.stdout).toContain('– bỏ qua cong-van-kem-theo.pdf: không phải tệp .xlsx\n');
  });

  it('only bad files', async () => {
    const dir = await temp();
    await copyExamples(dir, 'file-hong.xlsx', 'du-toan-kinh-phi.xlsx');
    await writeFile(join(dir, 'rong.xlsx'), new Uint8Array(0));
    const { code, stderr, json } = await runJson(['check', '.'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(`${nothing}\n`);
    expect(json.files.map((f) => [f.file, f.errorCode])).toEqual([
      ['du-toan-kinh-phi.xlsx', 'no-annex'],
      ['file-hong.xlsx', 'corrupt-zip'],
      ['rong.xlsx', 'empty-file'],
    ]);
  });

  // Bad arguments: a message on stderr, nothing on stdout, though the folder has workbooks.
  it.each([
    [
      'an unknown --target-set',
      ['--target-set', 'ha-noi-2025'],
      'chitieu: không có bộ chỉ tiêu "ha-noi-2025" (có: binh-phuoc-2025, nq01-nq02-2025, binh-phuoc-2024-thanh-toan, binh-phuoc-2024-cchc, chi-so-766; hoặc đường dẫn tới tệp .json)\n',
    ],
    [
      'a --target-set file that does not exist',
      ['--target-set', 'khong-co.json'],
      'chitieu: không tìm thấy "khong-co.json"\n',
    ],
    [
      '--quarter 5',
      ['--quarter', '5'],
      'chitieu: giá trị "5" của --quarter không hợp lệ (dùng 1-4, I-IV)\nXem chitieu check --help\n',
    ],
    [
      '--quarter 0',
      ['--quarter', '0'],
      'chitieu: giá trị "0" của --quarter không hợp lệ (dùng 1-4, I-IV)\nXem chitieu check --help\n',
    ],
    [
      '--level tinh (not a level)',
      ['--level', 'tinh'],
      'chitieu: giá trị "tinh" của --level không hợp lệ (dùng so|huyen|xa)\nXem chitieu check --help\n',
    ],
    [
      '--near-miss abc',
      ['--near-miss', 'abc'],
      'chitieu: giá trị "abc" của --near-miss không hợp lệ (dùng 0-100)\nXem chitieu check --help\n',
    ],
  ])('%s', async (_, args, message) => {
    const result = await run(['check', EXAMPLES_REL, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(message);
  });

  it('--lang en says it in English', async () => {
    const result = await run(['check', EXAMPLES_REL, '--quarter', '5', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'chitieu: invalid value "5" for --quarter (use 1-4, I-IV)\nSee chitieu check --help\n',
    );
  });

  // Commander's own errors: one line in the catalog's words and a hint to --help, not the help.
  it.each([
    [
      'an unknown option',
      ['check', EXAMPLES_REL, '--frob'],
      'chitieu: không có tùy chọn "--frob"\nXem chitieu check --help\n',
    ],
    ['no path', ['check'], 'chitieu: thiếu tệp .xlsx hoặc thư mục\nXem chitieu check --help\n'],
    [
      'an unknown --format',
      ['check', EXAMPLES_REL, '--format', 'xml'],
      'chitieu: giá trị "xml" của --format không hợp lệ (dùng text, json, csv, html)\nXem chitieu check --help\n',
    ],
    [
      'an unknown command',
      ['kiem-tra', EXAMPLES_REL],
      'chitieu: không có lệnh "kiem-tra"\nXem chitieu --help\n',
    ],
  ])('%s', async (_, argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(message);
  });

  it('--help exits 0, not 2', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Cách dùng: chitieu [tùy chọn] [lệnh]');
    expect(result.stderr).toBe('');
  });
});
