/**
 * Hidden sheets (issue 12, item 7): `chitieu check` skips hidden and very hidden sheets by
 * default and still lists each, with the reason "trang tính ẩn" / "hidden sheet", in every
 * report (text, json, csv, html) and in the annotated copy's report sheet; `--include-hidden`
 * checks them, labelled hidden everywhere. A workbook whose only annex is hidden is a file with
 * nothing checked, told in words (exit 2 when it is the only one).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openWorkbook } from '@chitieu/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JsonFile, parseCsv, run, runJson, stripAnsi, useTempDirs } from './helpers.js';
import { sheetsWorkbook } from './workbooks.js';

const temp = useTempDirs('all');

/** Quý II of "Thanh toán trực tuyến" (K8) half a point short of its 75 %; every other value met. */
const shortInK8 = (id: string, quarter: 1 | 2, minimum: number) =>
  id === 'thanh-toan-truc-tuyen' && quarter === 2 ? minimum - 0.5 : minimum;

/** The JSON of a sheet, with the fields this issue added. */
interface Sheet {
  readonly sheet: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly hidden?: boolean;
  readonly state?: string;
  readonly notices: readonly unknown[];
  readonly findings: readonly { code: string; cell: string | null }[];
}
const sheetsOf = (file: JsonFile | undefined) => (file?.sheets ?? []) as unknown as Sheet[];

let dir = '';
beforeAll(async () => {
  dir = await temp();
  // A department's workbook: the current annex (all met), last quarter's copy kept hidden (one
  // value below its minimum: it must not count), and a very hidden helper sheet of notes.
  await writeFile(
    join(dir, 'so-y-te.xlsx'),
    await sheetsWorkbook([
      { name: 'Phụ lục', annex: {} },
      { name: 'Quý I (cũ)', state: 'hidden', annex: { result: shortInK8 } },
      { name: 'Ẩn sâu', state: 'veryHidden', lines: ['Số liệu tháng 4', '=F3/F2'] },
    ]),
  );
  // Only a hidden annex; the visible sheet is a note.
  await writeFile(
    join(dir, 'chi-an.xlsx'),
    await sheetsWorkbook([
      { name: 'Ghi chú', lines: ['Ghi chú của đơn vị'] },
      { name: 'Phụ lục', state: 'hidden', annex: { unit: 'Sở Nội vụ', result: shortInK8 } },
    ]),
  );
});

describe('by default, hidden sheets are skipped and listed', () => {
  it('json: each hidden sheet in `sheets`, in the workbook order, skipped with the reason hidden', async () => {
    const { code, json, stderr } = await runJson(['check', 'so-y-te.xlsx'], { cwd: dir });
    // the hidden sheet's value below its minimum is not checked: exit 0
    expect(code).toBe(0);
    expect(json.options).toMatchObject({ includeHidden: false });
    const sheets = sheetsOf(json.files[0]);
    expect(sheets.map((s) => [s.sheet, s.status])).toEqual([
      ['Phụ lục', 'checked'],
      ['Quý I (cũ)', 'skipped'],
      ['Ẩn sâu', 'skipped'],
    ]);
    expect(sheets[0]).not.toHaveProperty('hidden');
    expect(sheets[0]).not.toHaveProperty('reason');
    // the visible sheet's only notice: which target set was chosen (its rows are the national set's too)
    expect(sheets[0]?.notices.map((n) => (n as { code: string }).code)).toEqual([
      'target-set-chosen',
    ]);
    expect(sheets[1]).toMatchObject({
      sheet: 'Quý I (cũ)',
      status: 'skipped',
      reason: 'hidden',
      message: 'trang tính ẩn',
      hidden: true,
      state: 'hidden',
      notices: [],
      findings: [],
    });
    expect(sheets[2]).toMatchObject({
      sheet: 'Ẩn sâu',
      status: 'skipped',
      reason: 'hidden',
      hidden: true,
      state: 'veryHidden',
      findings: [],
    });
    // the keys of the contract first
    expect(Object.keys(sheets[1] ?? {}).slice(0, 3)).toEqual(['sheet', 'status', 'reason']);
    expect(json.files[0]?.skippedSheets).toEqual([]);
    expect(stderr).toBe(
      'Đã bỏ qua 2 trang tính ẩn, không kiểm tra — dùng --include-hidden để kiểm tra cả các trang tính đó.\n',
    );

    const en = await runJson(['check', 'so-y-te.xlsx', '--lang', 'en'], { cwd: dir });
    expect(sheetsOf(en.json.files[0])[1]).toMatchObject({
      reason: 'hidden',
      message: 'hidden sheet',
    });
    expect(en.stderr).toBe(
      'Skipped 2 hidden sheet(s), not checked — use --include-hidden to check them too.\n',
    );
  });

  it('text: a line for each, with the reason, and the totals count them', async () => {
    const { code, stdout } = await run(['check', 'so-y-te.xlsx'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Sở Y tế — so-y-te.xlsx › Phụ lục (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)',
        '  ℹ Các dòng khớp với nhiều bộ chỉ tiêu; đã chọn "binh-phuoc-2025" ("Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước") vì các chỉ tiêu ghi trong bảng khớp với bộ này (cũng khớp: "nq01-nq02-2025").',
        '  Không có giá trị nào dưới tối thiểu, thiếu hay không hợp lệ.',
        '  ✓ 26 đạt · – 5 không áp dụng',
        '',
        '  – bỏ qua trang tính "Quý I (cũ)": trang tính ẩn',
        '  – bỏ qua trang tính "Ẩn sâu": trang tính ẩn',
        '',
        'Đã kiểm tra 1 tệp (1 trang tính); bỏ qua 2 trang tính ẩn.',
        '',
      ].join('\n'),
    );
    const en = await run(['check', 'so-y-te.xlsx', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('  – skipped sheet "Quý I (cũ)": hidden sheet\n');
    expect(en.stdout).toContain('  – skipped sheet "Ẩn sâu": hidden sheet\n');
    expect(en.stdout).toContain('Checked 1 file(s) (1 sheet(s)); 2 hidden sheet(s) skipped.\n');
  });

  it('csv: one row each, kind skipped-sheet, code hidden, hidden true', async () => {
    const { stdout } = await run(['check', 'so-y-te.xlsx', '--format', 'csv'], { cwd: dir });
    const rows = parseCsv(stdout.slice(1), ';');
    expect(rows[0]?.slice(-5)).toEqual(['message', 'kind', 'hidden', 'indicator', 'indicatorName']);
    const skipped = rows.filter((r) => r[12] === 'skipped-sheet');
    expect(skipped).toEqual([
      [
        'so-y-te.xlsx',
        '',
        '',
        'Quý I (cũ)',
        '',
        'hidden',
        '',
        '',
        '',
        '',
        '',
        'trang tính ẩn',
        'skipped-sheet',
        'true',
        '',
        '',
      ],
      [
        'so-y-te.xlsx',
        '',
        '',
        'Ẩn sâu',
        '',
        'hidden',
        '',
        '',
        '',
        '',
        '',
        'trang tính ẩn',
        'skipped-sheet',
        'true',
        '',
        '',
      ],
    ]);
    // the visible sheet's findings: kind finding, not hidden; none of the hidden sheet
    const findings = rows.slice(1).filter((r) => r[12] === 'finding');
    expect(findings).toHaveLength(31);
    expect(findings.every((r) => r[3] === 'Phụ lục' && r[13] === '')).toBe(true);
    const en = await run(['check', 'so-y-te.xlsx', '--format', 'csv', '--lang', 'en'], {
      cwd: dir,
    });
    expect(en.stdout).toContain(
      'so-y-te.xlsx,,,Quý I (cũ),,hidden,,,,,,hidden sheet,skipped-sheet,true,,\r\n',
    );
  });

  it('html: listed under "Trang tính không kiểm tra", not in the heat map', async () => {
    const { stdout: html } = await run(['check', 'so-y-te.xlsx', '--format', 'html'], { cwd: dir });
    expect(html).toContain(
      '<h3>Trang tính không kiểm tra</h3><ul class="skipped"><li class="small">so-y-te.xlsx › Quý I (cũ): trang tính ẩn</li><li class="small">so-y-te.xlsx › Ẩn sâu: trang tính ẩn</li></ul>',
    );
    // one unit row, the visible sheet's; no value of the hidden sheet is shown
    expect(html.match(/<th class="unit" scope="row">/g)).toHaveLength(1);
    console.log(
      'DEBUG',
      html
        .split('\n')
        .filter((l) => l.includes('so-y-te.xlsx'))
        .join('\n'),
    );
    expect(html).not.toContain('74,5%');
    expect(html).not.toContain('[trang tính ẩn]');
    const en = await run(['check', 'so-y-te.xlsx', '--format', 'html', '--lang', 'en'], {
      cwd: dir,
    });
    expect(en.stdout).toContain(
      '<h3>Sheets not checked</h3><ul class="skipped"><li class="small">so-y-te.xlsx › Quý I (cũ): hidden sheet</li>',
    );
  });
});

describe('--include-hidden', () => {
  it('checks hidden sheets, labelled hidden in the json; their findings count (exit 1)', async () => {
    const { code, json, stderr } = await runJson(['check', 'so-y-te.xlsx', '--include-hidden'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(json.options).toMatchObject({ includeHidden: true });
    const sheets = sheetsOf(json.files[0]);
    expect(sheets.map((s) => [s.sheet, s.status, s.hidden ?? false, s.state ?? 'visible'])).toEqual(
      [
        ['Phụ lục', 'checked', false, 'visible'],
        ['Quý I (cũ)', 'checked', true, 'hidden'],
      ],
    );
    expect(sheets[1]).not.toHaveProperty('reason');
    expect(
      sheets[1]?.findings.filter((f) => f.code === 'below-minimum').map((f) => f.cell),
    ).toEqual(['K8']);
    // the very hidden sheet is read: not an annex, with its reason, and labelled hidden
    expect(json.files[0]?.skippedSheets).toEqual([
      {
        sheet: 'Ẩn sâu',
        reason:
          'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
        hidden: true,
      },
    ]);
  });

  it('text: the sheet line says it is hidden', async () => {
    const { stdout } = await run(['check', 'so-y-te.xlsx', '--include-hidden'], { cwd: dir });
    expect(stdout).toContain(
      'Sở Y tế — so-y-te.xlsx › Phụ lục (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)\n',
    );
    expect(stdout).toContain(
      'Sở Y tế — so-y-te.xlsx › Quý I (cũ) [trang tính ẩn] (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)\n',
    );
    expect(stdout).toContain(
      '  – bỏ qua trang tính "Ẩn sâu" [trang tính ẩn]: Không phải bảng phụ lục chỉ tiêu',
    );
    expect(stdout).toContain('Đã kiểm tra 1 tệp (2 trang tính).\n');
    const en = await run(['check', 'so-y-te.xlsx', '--include-hidden', '--lang', 'en'], {
      cwd: dir,
    });
    expect(en.stdout).toContain(
      'so-y-te.xlsx › Quý I (cũ) [hidden sheet] (target set binh-phuoc-2025',
    );
  });

  it('csv: the hidden sheet’s rows say hidden true, the visible one’s nothing', async () => {
    const { stdout } = await run(['check', 'so-y-te.xlsx', '--include-hidden', '--format', 'csv'], {
      cwd: dir,
    });
    const rows = parseCsv(stdout.slice(1), ';').slice(1);
    const hidden = rows.filter((r) => r[3] === 'Quý I (cũ)');
    const visible = rows.filter((r) => r[3] === 'Phụ lục');
    // each sheet: its 31 findings, and one notice (which target set was chosen) before them
    for (const sheet of [hidden, visible]) {
      expect(sheet.map((r) => r[12])).toEqual(['notice', ...Array(31).fill('finding')]);
      expect(sheet[0]?.[5]).toBe('target-set-chosen');
    }
    expect(hidden.every((r) => r[13] === 'true')).toBe(true);
    expect(visible.every((r) => r[13] === '')).toBe(true);
    expect(hidden.find((r) => r[5] === 'below-minimum')?.[4]).toBe('K8');
  });

  it('html: the unit row and the per-file summary say it is hidden', async () => {
    const { stdout: html } = await run(
      ['check', 'so-y-te.xlsx', '--include-hidden', '--format', 'html'],
      { cwd: dir },
    );
    const label = ' <span class="hidden-sheet">[trang tính ẩn]</span>';
    // one unit, one row (the matrix of issue 15): its two sheets named, the hidden one labelled;
    // the sheets share the workbook's dates, and the visible one is the unit's latest.
    expect(html.match(/<th class="unit" scope="row">/g)).toHaveLength(1);
    expect(html).toContain(
      `Sở Y tế<br><span class="small">so-y-te.xlsx › Phụ lục</span><br><span class="small superseded">thay cho so-y-te.xlsx › Quý I (cũ)${label}</span>`,
    );
    expect(html).toContain('Sở Y tế — so-y-te.xlsx › Phụ lục: 26 đạt, 5 không áp dụng</summary>');
    expect(html).toContain(
      `so-y-te.xlsx › Quý I (cũ)${label} <span class="superseded">[đã được thay bằng so-y-te.xlsx › Phụ lục]</span>: 1 dưới tối thiểu`,
    );
    expect(html).not.toContain('Trang tính không kiểm tra');
  });
});

describe('a workbook whose only annex is hidden', () => {
  it('alone: nothing could be checked, said in words (exit 2)', async () => {
    const text = await run(['check', 'chi-an.xlsx'], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stdout).toBe(
      [
        '✗ chi-an.xlsx: không kiểm tra trang tính nào: không có trang tính hiện nào là bảng phụ lục chỉ tiêu, và 1 trang tính ẩn đã bỏ qua — dùng --include-hidden để kiểm tra cả trang tính ẩn',
        '  – bỏ qua trang tính "Phụ lục": trang tính ẩn',
        '',
        'Đã kiểm tra 1 tệp (0 trang tính); 1 tệp không kiểm tra được; bỏ qua 1 trang tính ẩn.',
        '',
      ].join('\n'),
    );
    expect(text.stderr).toBe(
      'Đã bỏ qua 1 trang tính ẩn, không kiểm tra — dùng --include-hidden để kiểm tra cả các trang tính đó.\nKhông có tệp .xlsx nào kiểm tra được.\n',
    );

    const { code, json } = await runJson(['check', 'chi-an.xlsx', '--lang', 'en'], { cwd: dir });
    expect(code).toBe(2);
    const file = json.files[0];
    expect(file?.errorCode).toBe('only-hidden');
    expect(file?.error).toBe(
      'no sheet checked: no visible worksheet is a target annex, and 1 hidden sheet(s) were skipped — use --include-hidden to check hidden sheets too',
    );
    expect(sheetsOf(file).map((s) => [s.sheet, s.status, s.reason, s.message])).toEqual([
      ['Phụ lục', 'skipped', 'hidden', 'hidden sheet'],
    ]);
    expect(file?.skippedSheets.map((s) => s.sheet)).toEqual(['Ghi chú']);
  });

  it('beside a checked file: that file is the one not checked; the run goes by the others', async () => {
    const { code, json } = await runJson(['check', 'chi-an.xlsx', 'so-y-te.xlsx'], { cwd: dir });
    expect(code).toBe(0);
    expect(json.files.map((f) => [f.file, f.errorCode ?? null])).toEqual([
      ['chi-an.xlsx', 'only-hidden'],
      ['so-y-te.xlsx', null],
    ]);
  });

  it('with --include-hidden: checked, labelled hidden (exit 1 for its value below minimum)', async () => {
    const { code, json } = await runJson(['check', 'chi-an.xlsx', '--include-hidden'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(json.files[0]?.errorCode).toBeUndefined();
    expect(sheetsOf(json.files[0])).toMatchObject([
      { sheet: 'Phụ lục', status: 'checked', hidden: true, state: 'hidden' },
    ]);
  });

  it('a workbook with no annex and no hidden sheet is still "no annex"', async () => {
    const other = await temp();
    await writeFile(
      join(other, 'ghi-chu.xlsx'),
      await sheetsWorkbook([{ name: 'Ghi chú', lines: ['x'] }]),
    );
    const { code, json } = await runJson(['check', 'ghi-chu.xlsx'], { cwd: other });
    expect(code).toBe(2);
    expect(json.files[0]?.errorCode).toBe('no-annex');
    expect(json.files[0]?.sheets).toEqual([]);
  });
});

describe('the annotated copy under --out', () => {
  /** The copy read back with the package's reader: its sheets, their states, each one read. */
  async function readCopy(path: string) {
    const opened = openWorkbook(new Uint8Array(await readFile(path)));
    if (!opened.success) throw new Error(`the copy cannot be read: ${opened.error.code}`);
    const reader = opened.data;
    const grids = reader.sheets.map((info) => {
      const read = reader.readSheet(info);
      if (!read.success) throw new Error(`sheet ${info.name}: ${read.error.code}`);
      return read.data.grid;
    });
    const texts = (i: number) =>
      (grids[i]?.rows ?? []).flatMap((row) =>
        (row ?? []).flatMap((c) => (typeof c?.value === 'string' ? [c.value] : [])),
      );
    return { reader, texts };
  }

  it('keeps the hidden sheets hidden, and its report sheet lists them as not checked', async () => {
    const out = await temp();
    const result = await run(['check', 'so-y-te.xlsx', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    const { reader, texts } = await readCopy(join(out, 'so-y-te.xlsx'));
    expect(reader.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Phụ lục', 'visible'],
      ['Quý I (cũ)', 'hidden'],
      ['Ẩn sâu', 'veryHidden'],
      ['Kết quả kiểm tra', 'visible'],
    ]);
    const report = texts(3);
    const at = report.findIndex((t) => t.includes('Quý I (cũ)'));
    expect(at).toBeGreaterThan(0);
    expect(report.slice(at + 1, at + 3)).toEqual(['Không kiểm tra', 'trang tính ẩn']);
    expect(report.filter((t) => t === 'trang tính ẩn')).toHaveLength(2);
    // the hidden sheet as it was: no marks put on it
    const part = reader.sheets[1]?.part ?? '';
    expect(reader.package.text(part)).not.toContain('conditionalFormatting');
    expect(reader.package.text(reader.sheets[0]?.part ?? '')).toContain('conditionalFormatting');
    // and report.json says the same as --format json
    const saved = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(saved.files[0].sheets[1]).toMatchObject({ status: 'skipped', reason: 'hidden' });
  });

  it('with --include-hidden: the hidden sheet is marked, still hidden, and the copy reads', async () => {
    const out = await temp();
    const result = await run(['check', 'so-y-te.xlsx', '--out', out, '--include-hidden'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const { reader, texts } = await readCopy(join(out, 'so-y-te.xlsx'));
    expect(reader.sheets.map((s) => s.state)).toEqual([
      'visible',
      'hidden',
      'veryHidden',
      'visible',
    ]);
    expect(reader.package.text(reader.sheets[1]?.part ?? '')).toContain('conditionalFormatting');
    expect(texts(3).some((t) => t.includes('74,5%'))).toBe(true);
    // the report sheet labels the hidden sheets it checked, and only those
    expect(texts(3).filter((t) => t.startsWith('Trang tính: '))).toEqual([
      'Trang tính: Phụ lục',
      'Trang tính: Quý I (cũ) (trang tính ẩn)',
      'Trang tính: Ẩn sâu (trang tính ẩn)',
    ]);
  });

  it('a workbook whose only annex is hidden gets no copy', async () => {
    const out = await temp();
    const result = await run(['check', 'chi-an.xlsx', 'so-y-te.xlsx', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    await expect(readFile(join(out, 'chi-an.xlsx'))).rejects.toThrow();
    await expect(readFile(join(out, 'so-y-te.xlsx'))).resolves.toBeDefined();
  });
});

describe('the help', () => {
  const oneLine = (text: string) => stripAnsi(text).replace(/\s+/g, ' ');
  it('names --include-hidden in Vietnamese and in English', async () => {
    const vi = await run(['check', '--help']);
    expect(vi.code).toBe(0);
    expect(oneLine(vi.stdout)).toContain(
      ' --include-hidden kiểm tra cả trang tính ẩn (được ghi là "trang tính ẩn" trong mọi báo cáo); mặc định: bỏ qua trang tính ẩn và liệt kê chúng --lang',
    );
    const en = await run(['check', '--help', '--lang', 'en']);
    expect(oneLine(en.stdout)).toContain(
      ' --include-hidden check hidden sheets too (labelled "hidden sheet" in every report); default: hidden sheets are skipped and listed --lang',
    );
  });
});
