/**
 * `chitieu template` (issue 13, item 3): the empty annex the office sends out, with its target
 * set stored in it; written whole or not at all, never over an existing file without --force,
 * never over the target-set file; then filled in by a unit and checked.
 */
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBuiltinTargetSet } from '@chitieu/engine';
import {
  openWorkbook,
  readEmbeddedTargetSets,
  readWorkbook,
  targetSetFingerprint,
} from '@chitieu/xlsx';
import { describe, expect, it } from 'vitest';
import { run, runJson, userTargetSet, useTempDirs } from './helpers.js';
import { fillCells, officeSetFile, resultCells } from './template-helpers.js';

const temp = useTempDirs();
const set = getBuiltinTargetSet('binh-phuoc-2025');
if (!set) throw new Error('no built-in set');
const FINGERPRINT = targetSetFingerprint(set);

describe('chitieu template', () => {
  it('writes the template with the set stored, and says what it wrote', async () => {
    const dir = await temp();
    const result = await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--unit', 'Sở Tư pháp', '--out', 'mau.xlsx'],
      { cwd: dir },
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `Đã ghi mau.xlsx: mẫu phụ lục của bộ chỉ tiêu binh-phuoc-2025, ${set.indicators.length} chỉ tiêu; bộ chỉ tiêu lưu kèm trong tệp (SHA-256 ${FINGERPRINT})\n`,
    );
    const bytes = new Uint8Array(await readFile(join(dir, 'mau.xlsx')));
    const read = readWorkbook(bytes);
    if (!read.success) throw new Error('not read');
    expect(read.data.sheets.map((s) => s.name)).toEqual(['Mẫu phụ lục 2025']);
    const rows = read.data.sheets[0]?.grid.rows ?? [];
    expect(rows[3]?.[0]?.value).toBe('Đơn vị báo cáo: Sở Tư pháp');
    const opened = openWorkbook(bytes);
    if (!opened.success) throw new Error('not opened');
    expect(
      readEmbeddedTargetSets(opened.data).sets.map((s) => [s.targetSet.id, s.fingerprint]),
    ).toEqual([['binh-phuoc-2025', FINGERPRINT]]);
    // nothing else left in the folder (no temporary file)
    expect(await readdir(dir)).toEqual(['mau.xlsx']);
  });

  it('in English, for one level', async () => {
    const dir = await temp();
    const result = await run(
      [
        'template',
        '--target-set',
        'binh-phuoc-2025',
        '--level',
        'cấp xã',
        '--out',
        'xa.xlsx',
        '--lang',
        'en',
      ],
      { cwd: dir },
    );
    const forXa = set.indicators.filter((i) =>
      i.targets.some((t) => t.appliesTo.levels.includes('xa')),
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `Wrote xa.xlsx: the annex template of target set binh-phuoc-2025, ${forXa.length} indicators, Commune people's committees; the target set is stored in the file (SHA-256 ${FINGERPRINT})\n`,
    );
    const { cells } = await resultCells(join(dir, 'xa.xlsx'));
    expect([...cells.keys()]).toEqual(forXa.map((i) => i.id));
  });

  it('never writes over an existing file without --force; with it, replaces it whole', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'mau.xlsx'), 'the unit’s own file');
    const refused = await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--out', 'mau.xlsx'],
      {
        cwd: dir,
      },
    );
    expect(refused).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'chitieu: "mau.xlsx" đã có: không ghi đè (chọn tên khác, hoặc thêm --force nếu muốn thay tệp này)\n',
    });
    expect(await readFile(join(dir, 'mau.xlsx'), 'utf8')).toBe('the unit’s own file');
    const forced = await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--out', 'mau.xlsx', '--force'],
      {
        cwd: dir,
      },
    );
    expect(forced.code).toBe(0);
    expect(readWorkbook(new Uint8Array(await readFile(join(dir, 'mau.xlsx')))).success).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['mau.xlsx']);
  });

  it('refuses a folder, a name without .xlsx, the target-set file itself, a wrong year, a level without targets', async () => {
    const dir = await temp();
    await mkdir(join(dir, 'thu-muc.xlsx'));
    const file = await officeSetFile(dir);
    await symlink(file, join(dir, 'bo.xlsx'));
    // a set whose targets are all for departments
    const departmentsOnly = userTargetSet();
    for (const ind of departmentsOnly.indicators)
      for (const row of ind.targets) (row.appliesTo as { levels: string[] }).levels = ['so'];
    await writeFile(join(dir, 'chi-so.json'), JSON.stringify(departmentsOnly));
    const cases: [string[], string][] = [
      [
        ['--target-set', 'binh-phuoc-2025', '--out', 'thu-muc.xlsx'],
        '"thu-muc.xlsx" là một thư mục: --out cần tên một tệp .xlsx',
      ],
      [
        ['--target-set', 'binh-phuoc-2025', '--out', 'mau.xls'],
        '--out "mau.xls": tên tệp phải có đuôi .xlsx',
      ],
      [
        ['--target-set', 'bo-chi-tieu.json', '--out', 'bo.xlsx', '--force'],
        '--out "bo.xlsx" là chính tệp bộ chỉ tiêu: tệp đầu vào không bao giờ bị ghi đè',
      ],
      [
        ['--target-set', 'binh-phuoc-2025', '--year', '2026', '--out', 'mau.xlsx'],
        '--year 2026: bộ chỉ tiêu binh-phuoc-2025 là của năm 2025; hãy chọn bộ chỉ tiêu của năm 2026',
      ],
      [
        ['--target-set', 'chi-so.json', '--level', 'huyện', '--out', 'mau.xlsx'],
        'bộ chỉ tiêu thu-nghiem-2025 không giao chỉ tiêu nào cho UBND cấp huyện',
      ],
      [['--out', 'mau.xlsx'], 'cần --target-set: mã bộ chỉ tiêu có sẵn hoặc tệp .json'],
      [['--target-set', 'binh-phuoc-2025'], 'cần --out: tệp .xlsx sẽ ghi'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(['template', ...argv], { cwd: dir });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0], argv.join(' ')).toBe(`chitieu: ${message}`);
    }
    // the set file is as it was, and nothing was written
    expect((await stat(file)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8')).id).toBe('dong-nai-2026-thu');
    expect((await readdir(dir)).sort()).toEqual([
      'bo-chi-tieu.json',
      'bo.xlsx',
      'chi-so.json',
      'thu-muc.xlsx',
    ]);
    // the right year is taken
    const ok = await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--year', '2025', '--out', 'mau.xlsx'],
      {
        cwd: dir,
      },
    );
    expect(ok.code).toBe(0);
  });

  it('a bad level is told with the levels of the set', async () => {
    const dir = await temp();
    const result = await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--level', 'tỉnh', '--out', 'a.xlsx'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--level');
    expect(result.stderr).toContain('so|huyen|xa');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('template → a unit fills it in → chitieu check', () => {
  it('finds what the unit typed, at its cells, against the stored (built-in) set', async () => {
    const dir = await temp();
    const made = await run(
      [
        'template',
        '--target-set',
        'binh-phuoc-2025',
        '--level',
        'so',
        '--unit',
        'Sở Tư pháp',
        '--out',
        'so-tu-phap.xlsx',
      ],
      { cwd: dir },
    );
    expect(made.code).toBe(0);
    const path = join(dir, 'so-tu-phap.xlsx');
    const { cells } = await resultCells(path);
    const at = (id: string): [string, string] => {
      const [q1, q2] = cells.get(id) ?? [];
      if (q1 === undefined || q2 === undefined) throw new Error(`no row for ${id}`);
      return [q1, q2];
    };
    const pay = at('thanh-toan-truc-tuyen'); // Q1 ≥ 70%, Q2 ≥ 75%
    const files = at('ho-so-truc-tuyen'); // Q1 ≥ 75%, Q2 ≥ 80%
    await fillCells(path, {
      [pay[0]]: 0.72,
      [pay[1]]: 0.745,
      [files[0]]: 0.8,
      [files[1]]: '80%',
    });
    const { code, json } = await runJson(['check', 'so-tu-phap.xlsx', '--quarter', '2'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    const sheet = json.files[0]?.sheets[0] as unknown as {
      context: Record<string, unknown>;
      findings: {
        code: string;
        cell: string;
        indicatorId: string;
        quarter: number;
        value: number;
        minimum: number;
      }[];
      notices: { code: string; targetSetId?: string; part?: string }[];
      summary: Record<string, number>;
    };
    expect(sheet.context).toMatchObject({
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
    });
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toMatchObject([
      { cell: pay[1], indicatorId: 'thanh-toan-truc-tuyen', quarter: 2, value: 74.5, minimum: 75 },
    ]);
    expect(
      sheet.findings
        .filter((f) => f.code === 'met')
        .map((f) => f.cell)
        .sort(),
    ).toEqual([pay[0], files[0], files[1]].sort());
    expect(sheet.summary['missing-value']).toBe((cells.size - 2) * 2);
    expect(sheet.notices.filter((n) => n.code.startsWith('embedded'))).toMatchObject([
      { code: 'embedded-set-used', targetSetId: 'binh-phuoc-2025', part: 'customXml/item1.xml' },
    ]);
    const text = await run(['check', 'so-tu-phap.xlsx', '--quarter', '2'], { cwd: dir });
    expect(text.stdout).toContain(
      `ℹ Trang tính được kiểm tra theo bộ chỉ tiêu "binh-phuoc-2025" lưu kèm trong sổ (phần "customXml/item1.xml", mã SHA-256 ${FINGERPRINT.slice(0, 12)}…).`,
    );
  });
});
