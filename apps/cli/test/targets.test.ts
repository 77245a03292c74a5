/**
 * `chitieu targets list|show`, and a user's target-set .json file given to `targets show` and to
 * `check --target-set`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TargetSetInput } from '@chitieu/engine';
import { readWorkbookFile } from '@chitieu/xlsx';
import { describe, expect, it } from 'vitest';
import { fileNamed, run, runJson, userTargetSet, useTempDirs } from './helpers.js';
import { userAnnexWorkbook } from './workbooks.js';

const temp = useTempDirs();
const IDS = [
  'binh-phuoc-2025',
  'nq01-nq02-2025',
  'binh-phuoc-2024-thanh-toan',
  'binh-phuoc-2024-cchc',
  'chi-so-766',
];

interface ShownSet {
  id: string;
  levels: { id: string }[];
  indicators: {
    id: string;
    stt: string;
    targets: { appliesTo: { levels: string[] }; annual: number; quarterly: number[] }[];
  }[];
}

describe('targets list', () => {
  it('prints the built-in target sets as a table', async () => {
    const result = await run(['targets', 'list']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const firstColumn = result.stdout
      .split('\n')
      .map((line) => line.split('│')[1]?.trim())
      .filter((cell) => cell);
    expect(firstColumn).toEqual(['Mã', ...IDS]);
    expect(result.stdout).toContain(
      '│ binh-phuoc-2025            │ 2025 │ Bình Phước │ so, huyen, xa  │ 18',
    );
  });

  it('--format json', async () => {
    const result = await run(['targets', 'list', '--format', 'json']);
    expect(result.code).toBe(0);
    const sets = JSON.parse(result.stdout) as {
      id: string;
      indicators: number;
      levels: string[];
    }[];
    expect(sets.map((s) => [s.id, s.indicators, s.levels])).toEqual([
      ['binh-phuoc-2025', 18, ['so', 'huyen', 'xa']],
      ['nq01-nq02-2025', 15, ['so', 'huyen', 'xa']],
      ['binh-phuoc-2024-thanh-toan', 1, ['so', 'huyen', 'xa']],
      ['binh-phuoc-2024-cchc', 17, ['so', 'huyen', 'xa']],
      ['chi-so-766', 6, ['so', 'huyen', 'xa']],
    ]);
  });

  it('--lang en (or CHITIEU_LANG=en, as for check)', async () => {
    const result = await run(['targets', 'list', '--lang', 'en']);
    expect(result.stdout).toContain('│ Id ');
    expect(result.stdout).toContain('│ Indicators │');
    expect((await run(['targets', 'list'], { env: { CHITIEU_LANG: 'en' } })).stdout).toBe(
      result.stdout,
    );
    expect((await run(['targets', 'list'])).stdout).toContain('│ Mã ');
  });
});

describe('targets show', () => {
  it('binh-phuoc-2025 --format json: 18 indicators, levels, annual targets and quarterly minimums', async () => {
    const result = await run(['targets', 'show', 'binh-phuoc-2025', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const set = JSON.parse(result.stdout) as ShownSet;
    expect(set.id).toBe('binh-phuoc-2025');
    expect(set.levels.map((l) => l.id)).toEqual(['so', 'huyen', 'xa']);
    expect(set.indicators).toHaveLength(18);
    expect(set.indicators.map((i) => i.stt)).toEqual(
      Array.from({ length: 18 }, (_, i) => String(i + 1)),
    );
    const second = set.indicators[1];
    expect(second?.id).toBe('thanh-toan-truc-tuyen');
    expect(second?.targets.map((t) => [t.appliesTo.levels, t.annual, t.quarterly])).toEqual([
      [['so'], 85, [70, 75, 80, 85]],
      [['huyen'], 75, [60, 65, 70, 75]],
    ]);
  });

  it('binh-phuoc-2025 as a table', async () => {
    const result = await run(['targets', 'show', 'binh-phuoc-2025']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'binh-phuoc-2025 — Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước',
    );
    const row = (text: string) =>
      lines
        .find((l) => l.includes(text))
        ?.split('│')
        .map((c) => c.trim());
    expect(row('Thanh toán trực tuyến')).toEqual([
      '',
      '2',
      'Thanh toán trực tuyến',
      'so',
      '85%',
      '70% / 75% / 80% / 85%',
      '',
    ]);
    expect(row('60% / 65% / 70% / 75%')).toEqual([
      '',
      '',
      '',
      'huyen',
      '75%',
      '60% / 65% / 70% / 75%',
      '',
    ]);
  });

  it('binh-phuoc-2024-thanh-toan: the inferred Quý I minimums marked, with the passage they rest on', async () => {
    const result = await run(['targets', 'show', 'binh-phuoc-2024-thanh-toan']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const roadmaps = lines
      .filter((l) => l.includes('/ – / –'))
      .map((l) => l.split('│').map((c) => c.trim())[5]);
    expect(roadmaps).toEqual([
      '40% [1] / 50% / – / –',
      '30% [2] / 40% / – / –',
      '20% [3] / 30% / – / –',
    ]);
    expect(lines.filter((l) => l.startsWith('['))).toEqual([
      '[1] Mức suy ra, văn bản không ghi thành chỉ tiêu; dựa trên đoạn: "Sở Nông nghiệp và Phát triển nông thôn (76,1%/40%); Sở Lao động - Thương binh và Xã hội (48,2%/40%); Sở Y tế (40,8%/40%)"',
      '[2] Mức suy ra, văn bản không ghi thành chỉ tiêu; dựa trên đoạn: "UBND thành phố Đồng Xoài (48,2%/30%)"',
      '[3] Mức suy ra, văn bản không ghi thành chỉ tiêu; dựa trên đoạn: "8/8 xã, phường trực thuộc thành phố đã hoàn thành chỉ tiêu với tỷ lệ cao trên 60% (chỉ tiêu giao 20%)"',
    ]);
    const en = await run(['targets', 'show', 'binh-phuoc-2024-thanh-toan', '--lang', 'en']);
    expect(en.stdout).toContain(
      '[2] Inferred; the document does not state it as a target. It rests on: "UBND thành phố Đồng Xoài (48,2%/30%)"',
    );
    // --format json: the same mark, as the set's data
    const json = await run(['targets', 'show', 'binh-phuoc-2024-thanh-toan', '--format', 'json']);
    const set = JSON.parse(json.stdout) as {
      indicators: { targets: { quarterly: unknown[] }[] }[];
    };
    expect(set.indicators[0]?.targets.map((t) => t.quarterly[0])).toEqual([
      {
        value: 40,
        inferredFrom:
          'Sở Nông nghiệp và Phát triển nông thôn (76,1%/40%); Sở Lao động - Thương binh và Xã hội (48,2%/40%); Sở Y tế (40,8%/40%)',
      },
      { value: 30, inferredFrom: 'UBND thành phố Đồng Xoài (48,2%/30%)' },
      {
        value: 20,
        text: 'chỉ tiêu giao 20%',
        inferredFrom:
          '8/8 xã, phường trực thuộc thành phố đã hoàn thành chỉ tiêu với tỷ lệ cao trên 60% (chỉ tiêu giao 20%)',
      },
    ]);
    expect(set.indicators[0]?.targets.map((t) => t.quarterly[1])).toEqual([
      { value: 50, text: 'cấp tỉnh 50%' },
      { value: 40, text: 'cấp huyện 40%' },
      { value: 30, text: 'cấp xã đạt 30%' },
    ]);
  });

  it('nq01-nq02-2025: levels the document does not state are marked as defaults', async () => {
    const result = await run(['targets', 'show', 'nq01-nq02-2025']);
    const lines = result.stdout.split('\n');
    const levels = lines
      .filter((l) => /^│ \d/.test(l))
      .map((l) => l.split('│').map((c) => c.trim())[3]);
    expect(levels).toEqual(new Array(15).fill('so, huyen, xa (mặc định)'));
    expect(lines).toContain(
      '(mặc định): văn bản không nêu cơ quan, cấp thực hiện; các cấp này là mặc định của bộ chỉ tiêu, không phải của văn bản.',
    );
    // a set whose annex names its agencies has no such mark
    const bp = await run(['targets', 'show', 'binh-phuoc-2025']);
    expect(bp.stdout).not.toContain('mặc định');
  });

  it('binh-phuoc-2025: its sources, its effective date, indicator 10 on Công văn 5547', async () => {
    const lines = (await run(['targets', 'show', 'binh-phuoc-2025'])).stdout.split('\n');
    expect(lines.slice(1, 8)).toEqual([
      'Quyết định /QĐ-UBND (Chủ tịch UBND tỉnh Bình Phước, 2025)',
      'Có hiệu lực từ: 2025-03-01',
      'Căn cứ:',
      '  - Nghị quyết số 01/NQ-CP ngày 08/01/2025 của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2025',
      '  - Nghị quyết số 02/NQ-CP ngày 08/01/2025 của Chính phủ về những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2025',
      '  - Công văn số 5547/BTTTT-CĐSQG ngày 24/12/2024 của Bộ Thông tin và Truyền thông về thực hiện chỉ tiêu tỷ lệ hồ sơ trực tuyến toàn trình đến hết năm 2025',
      '  - Công văn số 476/VPCP-KSTT ngày 16/01/2025 của Văn phòng Chính phủ về việc triển khai nhiệm vụ, chỉ tiêu giao tại các Nghị quyết số 01/NQ-CP, số 02/NQ-CP năm 2025 của Chính phủ',
    ]);
    expect(lines.find((l) => l.startsWith('│ 10 '))).toContain('Hồ sơ trực tuyến toàn trình [1]');
    expect(lines.filter((l) => l.startsWith('['))).toEqual([
      '[1] Căn cứ: Công văn số 5547/BTTTT-CĐSQG ngày 24/12/2024 của Bộ Thông tin và Truyền thông về thực hiện chỉ tiêu tỷ lệ hồ sơ trực tuyến toàn trình đến hết năm 2025',
    ]);
  });

  it('chi-so-766: no target, the maximum points of each group', async () => {
    const lines = (await run(['targets', 'show', 'chi-so-766'])).stdout.split('\n');
    // each table row, its wrapped lines joined: [Stt, annual]
    const rows: [string, string][] = [];
    for (const l of lines.slice(lines.findIndex((x) => x.includes('│ Stt')) + 1)) {
      const cells = l.split('│').map((c) => c.trim());
      if (cells.length < 6) continue;
      const last = rows[rows.length - 1];
      if (cells[1] !== '' || !last) rows.push([cells[1] ?? '', cells[4] ?? '']);
      else last[1] = `${last[1]} ${cells[4]}`.trim();
    }
    expect(rows).toEqual([
      ['1', 'không đặt (thang 18 điểm)'],
      ['2', 'không đặt (thang 20 điểm)'],
      ['3.1', 'không đặt (thang 12 điểm)'],
      ['3.2', 'không đặt (thang 10 điểm)'],
      ['4', 'không đặt (thang 18 điểm)'],
      ['5', 'không đặt (thang 22 điểm)'],
    ]);
    const wide = await run(['targets', 'show', 'chi-so-766', '--format', 'json']);
    const set = JSON.parse(wide.stdout) as { indicators: { unit: { max: number } }[] };
    expect(set.indicators.map((i) => i.unit.max)).toEqual([18, 20, 12, 10, 18, 22]);
  });

  it('an unknown id exits 2', async () => {
    const result = await run(['targets', 'show', 'ha-noi-2025']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'chitieu: không có bộ chỉ tiêu "ha-noi-2025" (có: binh-phuoc-2025, nq01-nq02-2025, binh-phuoc-2024-thanh-toan, binh-phuoc-2024-cchc, chi-so-766; hoặc đường dẫn tới tệp .json)\n',
    );
  });

  it("shows a user's target-set file", async () => {
    const dir = await temp();
    await writeFile(join(dir, 'bo-chi-tieu.json'), JSON.stringify(userTargetSet(), null, 2));
    const json = await run(['targets', 'show', 'bo-chi-tieu.json', '--format', 'json'], {
      cwd: dir,
    });
    expect(json.code).toBe(0);
    const set = JSON.parse(json.stdout) as ShownSet;
    expect(set.id).toBe('thu-nghiem-2025');
    expect(set.indicators.map((i) => [i.id, i.targets[0]?.quarterly])).toEqual([
      ['ho-so-dung-han', [91, 93, 96, 98]],
      ['tiep-nhan-so-hoa', [62, 67, 80, 90]],
    ]);
    const text = await run(['targets', 'show', 'bo-chi-tieu.json'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('│ 91% / 93% / 96% / 98%');
  });

  describe("a user's target-set file with errors exits 2, naming each bad field", () => {
    const bad = (change: (set: TargetSetInput & Record<string, unknown>) => void) => {
      const set = structuredClone(userTargetSet()) as TargetSetInput & Record<string, unknown>;
      change(set);
      return JSON.stringify(set, null, 2);
    };

    it.each([
      [
        'wrong types and values',
        bad((s) => {
          s.id = 'Bộ chỉ tiêu';
          s.year = 'hai nghìn' as unknown as number;
          (s.indicators[0] as { unit: unknown }).unit = { kind: 'phan-tram' };
        }),
        [
          '2:9: id: "Bộ chỉ tiêu" không dùng được làm mã: chỉ chữ thường không dấu và chữ số, nối bằng "-" (ví dụ "binh-phuoc-2025")',
          '11:11: year: phải là số, không phải chuỗi ("hai nghìn")',
          '40:17: indicators[0].unit.kind: giá trị "phan-tram" không hợp lệ; dùng một trong: "percent", "points", "count"',
        ],
      ],
      [
        'fields that do not fit together',
        bad((s) => {
          const [first, second] = s.indicators as {
            section: string;
            targets: { annual?: unknown; appliesTo: { levels?: string[] } }[];
          }[];
          if (!first?.targets[0] || !second?.targets[0]) throw new Error('set');
          first.targets[0].annual = 150;
          second.section = 'II';
          second.targets[0].appliesTo.levels = ['tinh'];
        }),
        [
          '52:21: indicators[0].targets[0].annual: tỷ lệ phần trăm phải từ 0 đến 100 (đang là 150)',
          '65:18: indicators[1].section: không có mục "II" trong sections (có: I)',
          '75:15: indicators[1].targets[0].appliesTo.levels[0]: không có cấp "tinh" trong levels (có: so, huyen, xa)',
        ],
      ],
      ['invalid JSON', '{\n  "id": "x",\n  "title": \n}', ['4:1: JSON không hợp lệ, gần "}"']],
    ])('%s', async (_, text, issues) => {
      const dir = await temp();
      await writeFile(join(dir, 'sai.json'), text);
      for (const argv of [
        ['targets', 'show', 'sai.json'],
        ['check', '.', '--target-set', 'sai.json'],
      ]) {
        const result = await run(argv, { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `chitieu: tệp bộ chỉ tiêu sai.json không hợp lệ:\n${issues.map((i) => `sai.json:${i}`).join('\n')}\n`,
        );
      }
    });
  });
});

describe('check --target-set path/to/set.json', () => {
  it("judges the workbook against the user's target set", async () => {
    const dir = await temp();
    await writeFile(join(dir, 'bo-chi-tieu.json'), JSON.stringify(userTargetSet()));
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    const { code, stderr, json } = await runJson(
      ['check', 'so-y-te.xlsx', '--target-set', 'bo-chi-tieu.json'],
      { cwd: dir },
    );
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(json.options).toMatchObject({ targetSet: 'thu-nghiem-2025' });
    const [sheet] = fileNamed(json, 'so-y-te.xlsx').sheets;
    expect(sheet?.context).toMatchObject({
      targetSetId: 'thu-nghiem-2025',
      level: 'so',
      unitName: 'Sở Y tế',
      quarter: 2,
    });
    expect(sheet?.findings.map((f) => [f.cell, f.code, f.indicatorId, f.value, f.minimum])).toEqual(
      [
        ['J6', 'met', 'ho-so-dung-han', 91.5, 91],
        ['K6', 'below-minimum', 'ho-so-dung-han', 92, 93],
        ['J7', 'met', 'tiep-nhan-so-hoa', 63, 62],
        ['K7', 'met', 'tiep-nhan-so-hoa', 70, 67],
      ],
    );
  });

  it('names its indicators in the text report', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'bo-chi-tieu.json'), JSON.stringify(userTargetSet()));
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    const result = await run(['check', '.', '--target-set', 'bo-chi-tieu.json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Sở Y tế — so-y-te.xlsx › Phụ lục (bộ chỉ tiêu thu-nghiem-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)',
    );
    expect(result.stdout).toContain(
      '│ K6     │ 1. Hồ sơ đúng hạn            │ ✗ Quý II: 92% < tối thiểu 93% (thiếu 1 điểm %)     │',
    );
    expect(result.stdout).toContain('  ✗ 1 dưới tối thiểu · ✓ 3 đạt\n');
  });

  it("names the user's set and its indicators on the annotated copy's summary sheet", async () => {
    const dir = await temp();
    await writeFile(join(dir, 'bo-chi-tieu.json'), JSON.stringify(userTargetSet()));
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    const result = await run(
      ['check', 'so-y-te.xlsx', '--target-set', 'bo-chi-tieu.json', '--out', 'ket-qua'],
      { cwd: dir },
    );
    // the copy is written (an ExcelJS workbook: its zip lists its folders)
    expect(result.stderr).toBe(
      'Đã ghi ket-qua/report.html\nĐã ghi ket-qua/report.json\nĐã ghi ket-qua/report.xlsx\n',
    );
    expect(result.code).toBe(1);
    const read = await readWorkbookFile(join(dir, 'ket-qua/so-y-te.xlsx'));
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const summary = read.data.sheets.find((s) => s.name === 'Kết quả kiểm tra');
    const values = (summary?.grid.rows ?? []).map((r) => (r ?? []).map((c) => c?.value ?? null));
    expect(values).toContainEqual([
      'Bộ chỉ tiêu',
      'thu-nghiem-2025 — Bộ chỉ tiêu thử nghiệm năm 2025',
    ]);
    expect(values.find((r) => r[1] === 'K6')?.slice(0, 3)).toEqual([
      'Phụ lục',
      'K6',
      '1. Hồ sơ đúng hạn',
    ]);
  });

  it('a sheet that does not name its unit needs --level: exit 2 saying so, checked with it', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'bo-chi-tieu.json'), JSON.stringify(userTargetSet()));
    await writeFile(join(dir, 'khong-ten.xlsx'), await userAnnexWorkbook(null));
    const argv = ['check', 'khong-ten.xlsx', '--target-set', 'bo-chi-tieu.json'];
    const without = await run(argv, { cwd: dir });
    expect(without.code).toBe(2);
    expect(without.stderr).toBe(
      'khong-ten.xlsx: trang tính "Phụ lục": không xác định được cấp của đơn vị — hãy dùng --level so|huyen|xa\n' +
        'Không có tệp .xlsx nào kiểm tra được.\n',
    );
    const withLevel = await runJson([...argv, '--level', 'xa'], { cwd: dir });
    expect(withLevel.code).toBe(1);
    expect(withLevel.stderr).toBe('');
    expect(withLevel.json.options).toMatchObject({ level: 'xa', targetSet: 'thu-nghiem-2025' });
    const [sheet] = fileNamed(withLevel.json, 'khong-ten.xlsx').sheets;
    expect([sheet?.status, sheet?.context.level, sheet?.summary['below-minimum']]).toEqual([
      'checked',
      'xa',
      1,
    ]);
  });

  it('without --target-set the built-in sets are tried instead, and its own indicators match none', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    const { json, code } = await runJson(['check', 'so-y-te.xlsx'], { cwd: dir });
    // Its two indicators are the user's set's own: no built-in indicator is taken for them on
    // shared words alone (before, one was, and the sheet was judged against the wrong targets).
    expect(code).toBe(2);
    const file = fileNamed(json, 'so-y-te.xlsx');
    expect(file.sheets).toEqual([]);
    expect(file.errorCode).toBe('no-annex');
    expect((file as unknown as { skippedSheets: unknown }).skippedSheets).toEqual([
      {
        sheet: 'Phụ lục',
        reason: 'Không phải bảng phụ lục chỉ tiêu: không dòng nào khớp với bộ chỉ tiêu',
      },
    ]);
    expect(json.options).toMatchObject({ targetSet: null });
  });
});
