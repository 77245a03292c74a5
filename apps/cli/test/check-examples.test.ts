/**
 * `chitieu check examples/nop-quy-2-2025 --format json`: the bundled example submissions give
 * what examples/README.md says, in the JSON shape of the contract (shared/BRIEF.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES_REL,
  fileNamed,
  type JsonFinding,
  type JsonReport,
  type RunResult,
  runJson,
} from './helpers.js';

const A1 = /^[A-Z]{1,3}[1-9][0-9]*$/;
const dir = EXAMPLES_REL;
const nonMet = (findings: readonly JsonFinding[]) =>
  findings.filter((f) => f.code !== 'met').map((f) => [f.cell, f.code]);

describe('check examples/nop-quy-2-2025 --format json', () => {
  let result: RunResult & { json: JsonReport };
  beforeAll(async () => {
    result = await runJson(['check', dir]);
  });

  it('exits 1 and writes one JSON document (schemaVersion 1), and on stderr only the hidden-sheet hint', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Đã bỏ qua 1 trang tính ẩn, không kiểm tra — dùng --include-hidden để kiểm tra cả các trang tính đó.\n',
    );
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(result.json.schemaVersion).toBe(1);
    expect(result.json.generatedAt).toBe('2025-07-10T08:00:00.000Z');
    expect(result.json.locale).toBe('vi');
    expect(result.json.options).toEqual({
      targetSet: null,
      level: null,
      quarter: null,
      nearMissBand: 0,
      includeHidden: false,
    });
  });

  it('lists every .xlsx file with its error code or its checked sheets', () => {
    expect(
      result.json.files.map((f) => [f.file, f.errorCode ?? null, f.sheets.map((s) => s.sheet)]),
    ).toEqual([
      [`${dir}/du-toan-kinh-phi.xlsx`, 'no-annex', []],
      [`${dir}/file-hong.xlsx`, 'corrupt-zip', []],
      [`${dir}/so-cong-thuong.xlsx`, null, ['Phụ lục']],
      [`${dir}/so-giao-duc-va-dao-tao.xlsx`, null, ['Phụ lục']],
      [`${dir}/so-noi-vu.xlsx`, null, ['Phụ lục']],
      [`${dir}/so-tu-phap-ban-sua.xlsx`, null, ['Phụ lục']],
      [`${dir}/so-tu-phap.xlsx`, null, ['Phụ lục']],
      [`${dir}/so-y-te.xlsx`, null, ['Phụ lục']],
      [`${dir}/ubnd-huyen-bu-dop.xlsx`, null, ['Phụ lục']],
      [`${dir}/ubnd-huyen-dong-phu.xlsx`, null, ['Phụ lục']],
      [`${dir}/ubnd-huyen-hon-quan.xlsx`, null, ['Phụ lục', 'Quý I (cũ)']],
      [`${dir}/ubnd-huyen-loc-ninh.xlsx`, null, ['Phụ lục']],
      [`${dir}/ubnd-phuong-dong-xoai-quy-3.xlsx`, null, ['Phụ lục']],
      [`${dir}/ubnd-thi-xa-chon-thanh.xlsx`, null, ['Phụ lục']],
      [`${dir}/xa-tan-tien.xlsx`, null, ['Phụ lục II']],
    ]);
    expect(fileNamed(result.json, 'du-toan-kinh-phi.xlsx').error).toBe(
      'không có trang tính nào là bảng phụ lục chỉ tiêu',
    );
    expect(fileNamed(result.json, 'file-hong.xlsx').error).toBe(
      'tệp .xlsx bị hỏng hoặc không đầy đủ',
    );
    const notAnnex = expect.stringMatching(/^Không phải bảng phụ lục chỉ tiêu: /);
    expect(fileNamed(result.json, 'du-toan-kinh-phi.xlsx').skippedSheets).toEqual([
      { sheet: 'Dự toán', reason: notAnnex },
    ]);
    expect(fileNamed(result.json, 'so-noi-vu.xlsx').skippedSheets).toEqual([
      { sheet: 'Ghi chú', reason: notAnnex },
    ]);
    expect(fileNamed(result.json, 'so-tu-phap.xlsx').skippedSheets).toEqual([]);
  });

  it('skips the old .xls and the .pdf, saying why', () => {
    expect(result.json.skipped).toEqual([
      {
        path: `${dir}/bao-cao-cu.xls`,
        reason: 'tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx',
      },
      { path: `${dir}/cong-van-kem-theo.pdf`, reason: 'không phải tệp .xlsx' },
    ]);
  });

  it("reads each sheet's unit, level, target set and quarter, and counts what the README counts", () => {
    // met, below, missing, invalid, target-mismatch, not-applicable (cells + indicators),
    // not-occurred
    const expected: Record<string, [string, string, string, number, ...number[]]> = {
      'so-tu-phap.xlsx': ['Sở Tư pháp', 'so', 'binh-phuoc-2025', 2, 18, 4, 3, 3, 0, 1 + 3, 0],
      'so-tu-phap-ban-sua.xlsx': [
        'Sở Tư pháp',
        'so',
        'binh-phuoc-2025',
        2,
        18,
        4,
        3,
        3,
        3,
        1 + 3,
        0,
      ],
      'ubnd-huyen-bu-dop.xlsx': [
        'UBND huyện Bù Đốp',
        'huyen',
        'binh-phuoc-2025',
        2,
        19,
        3,
        1,
        1,
        0,
        6,
        0,
      ],
      'so-y-te.xlsx': ['Sở Y tế', 'so', 'binh-phuoc-2025', 2, 18, 6, 1, 1, 0, 5, 0],
      'so-noi-vu.xlsx': ['Sở Nội vụ', 'so', 'binh-phuoc-2025', 2, 20, 5, 0, 1, 0, 5, 0],
      'so-giao-duc-va-dao-tao.xlsx': [
        'Sở Giáo dục và Đào tạo',
        'so',
        'binh-phuoc-2025',
        2,
        19,
        5,
        1,
        1,
        0,
        5,
        0,
      ],
      'ubnd-huyen-loc-ninh.xlsx': [
        'UBND huyện Lộc Ninh',
        'huyen',
        'binh-phuoc-2025',
        2,
        20,
        3,
        0,
        1,
        0,
        6,
        0,
      ],
      'ubnd-thi-xa-chon-thanh.xlsx': [
        'UBND thị xã Chơn Thành',
        'huyen',
        'binh-phuoc-2025',
        2,
        19,
        4,
        0,
        1,
        0,
        6,
        0,
      ],
      'xa-tan-tien.xlsx': ['UBND xã Tân Tiến', 'xa', 'nq01-nq02-2025', 2, 12, 2, 1, 0, 0, 0, 0],
      // the reform: a two-line letterhead, values as typed, a hidden old sheet, a Quý III ward
      'ubnd-huyen-dong-phu.xlsx': [
        'UBND huyện Đồng Phú',
        'huyen',
        'binh-phuoc-2025',
        2,
        19,
        3,
        1,
        1,
        0,
        6,
        0,
      ],
      'so-cong-thuong.xlsx': [
        'Sở Công Thương',
        'so',
        'binh-phuoc-2025',
        2,
        15,
        5,
        0,
        4,
        0,
        2 + 3,
        2,
      ],
      'ubnd-huyen-hon-quan.xlsx': [
        'UBND huyện Hớn Quản',
        'huyen',
        'binh-phuoc-2025',
        2,
        19,
        4,
        0,
        1,
        0,
        6,
        0,
      ],
      'ubnd-phuong-dong-xoai-quy-3.xlsx': [
        'UBND phường Đồng Xoài',
        'xa',
        'binh-phuoc-2025',
        3,
        2,
        1,
        0,
        0,
        0,
        11 + 6,
        0,
      ],
    };
    const codes = [
      'met',
      'below-minimum',
      'missing-value',
      'invalid-value',
      'target-mismatch',
      'not-applicable',
      'not-occurred',
    ];
    for (const [name, want] of Object.entries(expected)) {
      const [sheet] = fileNamed(result.json, name).sheets;
      if (!sheet) throw new Error(name);
      const c = sheet.context;
      expect(
        [c.unitName, c.level, c.targetSetId, c.quarter, ...codes.map((k) => sheet.summary[k])],
        name,
      ).toEqual(want);
      expect(sheet.status, name).toBe('checked');
      expect(sheet.summary['unrecognised-row'], name).toBe(0);
      // the summary counts the findings listed
      for (const code of codes)
        expect(sheet.findings.filter((f) => f.code === code).length, `${name} ${code}`).toBe(
          sheet.summary[code],
        );
    }
  });

  it('so-tu-phap.xlsx: the exact findings that are not met, as [cell, code]', () => {
    const [sheet] = fileNamed(result.json, 'so-tu-phap.xlsx').sheets;
    expect(nonMet(sheet?.findings ?? [])).toEqual([
      ['K13', 'below-minimum'],
      ['K15', 'below-minimum'],
      ['K21', 'invalid-value'],
      ['K22', 'invalid-value'],
      ['K24', 'missing-value'],
      ['K25', 'below-minimum'],
      ['J28', 'missing-value'],
      ['J29', 'missing-value'],
      ['K29', 'invalid-value'],
      ['K30', 'below-minimum'],
      ['J32', 'not-applicable'],
      [null, 'not-applicable'],
      [null, 'not-applicable'],
      [null, 'not-applicable'],
    ]);
    const k13 = sheet?.findings.find((f) => f.cell === 'K13');
    expect(k13).toMatchObject({
      code: 'below-minimum',
      sheet: 'Phụ lục',
      cell: 'K13',
      indicatorId: 'thanh-toan-truc-tuyen',
      quarter: 2,
      value: 74.5,
      minimum: 75,
      message: 'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)',
      gap: 0.5,
      nearMiss: false,
    });
    expect(sheet?.findings.find((f) => f.cell === 'K21')).toMatchObject({
      code: 'invalid-value',
      value: null,
      minimum: 100,
      reason: 'error-value',
      raw: '#DIV/0!',
    });
    expect(
      sheet?.findings.filter((f) => f.cell === null).map((f) => [f.indicatorId, f.quarter]),
    ).toEqual([
      ['du-lieu-nhiem-vu', null],
      ['dong-bo-truc-lien-thong', null],
      ['ket-noi-he-thong', null],
    ]);
  });

  it("every finding has the contract's fields, cell an A1 address or null", () => {
    let count = 0;
    for (const file of result.json.files) {
      for (const sheet of file.sheets) {
        for (const f of sheet.findings) {
          count++;
          expect(Object.keys(f).slice(0, 8)).toEqual([
            'code',
            'sheet',
            'cell',
            'indicatorId',
            'quarter',
            'value',
            'minimum',
            'message',
          ]);
          expect(f.sheet).toBe(sheet.sheet);
          if (f.cell !== null) expect(f.cell).toMatch(A1);
          expect(typeof f.indicatorId).toBe('string');
          expect(f.quarter === null || [1, 2, 3].includes(f.quarter)).toBe(true);
          expect(f.value === null || typeof f.value === 'number').toBe(true);
          expect(f.minimum === null || typeof f.minimum === 'number').toBe(true);
          expect(f.message.length).toBeGreaterThan(0);
          if (f.code === 'below-minimum' || f.code === 'met') {
            expect(typeof f.value).toBe('number');
            expect(typeof f.minimum).toBe('number');
          }
        }
      }
    }
    // the findings of the 13 checked sheets, met and not-applicable included
    expect(count).toBe(376);
  });

  it('lists the cells below the official minimum of each file as the README does', () => {
    const below = (name: string) =>
      fileNamed(result.json, name)
        .sheets.flatMap((s) => s.findings)
        .filter((f) => f.code === 'below-minimum')
        .map((f) => [f.cell, f.quarter, f.indicatorId, f.value, f.minimum]);
    expect(below('so-tu-phap.xlsx')).toEqual([
      ['K13', 2, 'thanh-toan-truc-tuyen', 74.5, 75],
      ['K15', 2, 'ho-so-truc-tuyen', 76.2, 80],
      ['K25', 2, 'muc-do-hai-long', 92.1, 95],
      ['K30', 2, 'chung-thuc-dien-tu', 96.8, 100],
    ]);
    expect(below('so-tu-phap-ban-sua.xlsx')).toEqual([
      ['K13', 2, 'thanh-toan-truc-tuyen', 72, 75],
      ['K15', 2, 'ho-so-truc-tuyen', 76.2, 80],
      ['K25', 2, 'muc-do-hai-long', 92.1, 95],
      ['K30', 2, 'chung-thuc-dien-tu', 96.8, 100],
    ]);
    expect(below('ubnd-huyen-bu-dop.xlsx')).toEqual([
      ['K14', 2, 'thanh-toan-truc-tuyen', 63.8, 65],
      ['K18', 2, 'so-hoa-ho-so', 77.12, 80],
      ['J20', 1, 'ket-qua-dien-tu', 98.65, 100],
    ]);
    expect(below('so-y-te.xlsx')).toEqual([
      ['J12', 1, 'dvc-toan-trinh', 92, 100],
      ['K12', 2, 'dvc-toan-trinh', 96, 100],
      ['J13', 1, 'thanh-toan-truc-tuyen', 66, 70],
      ['K15', 2, 'ho-so-truc-tuyen', 79, 80],
      ['K22', 2, 'ket-qua-dien-tu', 94.4, 100],
      ['J34', 1, 'bo-chi-so-chi-dao', 99, 100],
    ]);
    expect(below('so-noi-vu.xlsx')).toEqual([
      ['K13', 2, 'thanh-toan-truc-tuyen', 71.6, 75],
      ['J19', 1, 'so-hoa-ho-so', 79.6, 80],
      ['K19', 2, 'so-hoa-ho-so', 79, 85],
      ['K21', 2, 'dong-bo-ket-qua', 99, 100],
      ['J25', 1, 'muc-do-hai-long', 93, 95],
    ]);
    expect(below('so-giao-duc-va-dao-tao.xlsx')).toEqual([
      ['J15', 1, 'ho-so-truc-tuyen', 71, 75],
      ['K15', 2, 'ho-so-truc-tuyen', 76.2, 80],
      ['K25', 2, 'muc-do-hai-long', 84.9, 95],
      ['K29', 2, 'cong-bo-tthc', 92.3, 100],
      ['J34', 1, 'bo-chi-so-chi-dao', 97, 100],
    ]);
    expect(below('ubnd-huyen-loc-ninh.xlsx')).toEqual([
      ['K14', 2, 'thanh-toan-truc-tuyen', 63.8, 65],
      ['K21', 2, 'tai-su-dung-du-lieu', 52.1, 60],
      ['J32', 1, 'bo-chi-so-chi-dao', 98, 100],
    ]);
    expect(below('ubnd-thi-xa-chon-thanh.xlsx')).toEqual([
      ['J14', 1, 'thanh-toan-truc-tuyen', 58.31, 60],
      ['J21', 1, 'tai-su-dung-du-lieu', 55, 60],
      ['J22', 1, 'phan-anh-kien-nghi', 99, 100],
      ['J28', 1, 'chung-thuc-dien-tu', 91, 100],
    ]);
    expect(below('xa-tan-tien.xlsx')).toEqual([
      ['E9', 2, 'thanh-toan-truc-tuyen', 45.6, 60],
      ['E11', 2, 'so-hoa-ho-so', 77.2, 80],
    ]);
    // the same values as ubnd-huyen-bu-dop.xlsx, under the official two-line letterhead
    expect(below('ubnd-huyen-dong-phu.xlsx')).toEqual(below('ubnd-huyen-bu-dop.xlsx'));
    expect(below('so-cong-thuong.xlsx')).toEqual([
      ['J15', 1, 'ho-so-truc-tuyen', 74.12, 75],
      ['J22', 1, 'ket-qua-dien-tu', 98, 100],
      ['K22', 2, 'ket-qua-dien-tu', 66.67, 100],
      ['J24', 1, 'phan-anh-kien-nghi', 0, 100],
      ['K34', 2, 'bo-chi-so-chi-dao', 95, 100],
    ]);
    expect(below('ubnd-huyen-hon-quan.xlsx')).toEqual([
      ['J14', 1, 'thanh-toan-truc-tuyen', 50.6, 60],
      ['K21', 2, 'tai-su-dung-du-lieu', 55.1, 60],
      ['K23', 2, 'muc-do-hai-long', 94, 95],
      ['J32', 1, 'bo-chi-so-chi-dao', 97, 100],
    ]);
    expect(below('ubnd-phuong-dong-xoai-quy-3.xlsx')).toEqual([
      ['L30', 3, 'chung-thuc-dien-tu', 98.5, 100],
    ]);
  });

  it('the reform files: the unit from a two-line letterhead, a Quý III ward on the 2025 annex', () => {
    const context = (name: string) => fileNamed(result.json, name).sheets[0]?.context;
    expect(context('ubnd-huyen-dong-phu.xlsx')).toMatchObject({
      unitName: 'UBND huyện Đồng Phú',
      level: 'huyen',
      sources: { unitName: 'title', level: 'unit-name' },
    });
    expect(context('ubnd-phuong-dong-xoai-quy-3.xlsx')).toMatchObject({
      unitName: 'UBND phường Đồng Xoài',
      level: 'xa',
      quarter: 3,
      sources: { quarter: 'latest-results' },
    });
  });

  it('the reform files: notices for values on rows not assigned to the level and fractions read', () => {
    const notices = (name: string) =>
      (fileNamed(result.json, name).sheets[0]?.notices ?? []).filter(
        (n) => n.code !== 'target-set-chosen',
      );
    const ward = notices('ubnd-phuong-dong-xoai-quy-3.xlsx');
    expect(ward).toMatchObject([
      {
        code: 'values-not-assigned',
        level: 'xa',
        count: 11,
        cells: ['L12', 'L14', 'L16', 'L20', 'L21', 'L22', 'L23', 'L24', 'L25', 'L28', 'L29'],
        assignedTo: ['so', 'huyen'],
      },
    ]);
    expect(ward[0]?.message).toMatch(/^11 giá trị đã nhập \(L12, L14, L16, L20, L21 và 6 ô khác\)/);
    const typed = notices('so-cong-thuong.xlsx');
    expect(typed.map((n) => n.code)).toEqual(['values-not-assigned', 'fractions-read']);
    expect(typed[1]).toMatchObject({
      code: 'fractions-read',
      column: 'J',
      quarter: 1,
      count: 10,
      cells: ['J12', 'J13', 'J15', 'J19', 'J21', 'J23', 'J25', 'J28', 'J34', 'J35'],
      example: 0.7,
    });
    expect(typed[1]?.message).toMatch(/^Cột J \(Quý I\): 10 giá trị .* 0,7 → 70%/);
    const cell = (c: string) =>
      fileNamed(result.json, 'so-cong-thuong.xlsx').sheets[0]?.findings.find((f) => f.cell === c);
    expect(cell('J19')).toMatchObject({
      code: 'met',
      value: 96,
      message: 'Quý I: 96% (ô ghi "0,96") ≥ tối thiểu 80%, đạt',
    });
    expect(cell('K19')).toMatchObject({
      code: 'invalid-value',
      reason: 'ambiguous-scale',
      readings: [0.86, 86],
    });
    expect(cell('K24')).toMatchObject({ code: 'not-occurred', value: null });
    for (const name of ['ubnd-huyen-dong-phu.xlsx', 'ubnd-huyen-hon-quan.xlsx', 'so-tu-phap.xlsx'])
      expect(
        notices(name).filter((n) => n.code === 'fractions-read'),
        name,
      ).toEqual([]);
  });

  it('the hidden old sheet is skipped and listed with its reason, not checked as current', () => {
    const sheets = fileNamed(result.json, 'ubnd-huyen-hon-quan.xlsx').sheets;
    expect(sheets.map((s) => [s.sheet, s.status, s.hidden ?? false, s.findings.length])).toEqual([
      ['Phụ lục', 'checked', false, 30],
      ['Quý I (cũ)', 'skipped', true, 0],
    ]);
    expect(sheets[1]).toMatchObject({ reason: 'hidden', message: 'trang tính ẩn' });
  });

  it('so-tu-phap-ban-sua.xlsx: the three lowered targets, judged against the official ones', () => {
    const [sheet] = fileNamed(result.json, 'so-tu-phap-ban-sua.xlsx').sheets;
    expect(
      sheet?.findings
        .filter((f) => f.code === 'target-mismatch')
        .map((f) => [f.cell, f.indicatorId, f.quarter, f.value, f.minimum, f.lowered]),
    ).toEqual([
      ['E13', 'thanh-toan-truc-tuyen', null, 80, 85, true],
      ['G13', 'thanh-toan-truc-tuyen', 2, 70, 75, true],
      ['F25', 'muc-do-hai-long', 1, 90, 95, true],
    ]);
  });
});

describe('check so-tu-phap.xlsx with options', () => {
  it('--near-miss 1 gives the findings of the engine fixture test for bp2025-so', async () => {
    const { code, json } = await runJson(['check', `${dir}/so-tu-phap.xlsx`, '--near-miss', '1']);
    expect(code).toBe(1);
    expect(json.options).toMatchObject({ nearMissBand: 1 });
    const [sheet] = fileNamed(json, 'so-tu-phap.xlsx').sheets;
    // the digest of packages/engine/test/check-sheet.test.ts ("finds the exact findings")
    const digest = (sheet?.findings ?? []).map((x) => {
      const d: unknown[] = [x.cell, x.code];
      if (x.code === 'below-minimum') d.push(x.value, x.minimum, x.gap, x.nearMiss);
      else if (x.code === 'met') d.push(x.value, x.minimum);
      else if (x.code === 'invalid-value' || x.code === 'missing-value') d.push(x.reason);
      else if (x.code === 'not-applicable') d.push(x.indicatorId, x.reason);
      return d;
    });
    expect(digest).toEqual([
      ['J12', 'met', 100, 100],
      ['K12', 'met', 100, 100],
      ['J13', 'met', 70, 70],
      ['K13', 'below-minimum', 74.5, 75, 0.5, true],
      ['J15', 'met', 79, 75],
      ['K15', 'below-minimum', 76.2, 80, 3.8, false],
      ['J19', 'met', 85.5, 80],
      ['K19', 'met', 85, 85],
      ['J21', 'met', 100, 100],
      ['K21', 'invalid-value', 'error-value'],
      ['J22', 'met', 100, 100],
      ['K22', 'invalid-value', 'out-of-range'],
      ['J23', 'met', 60, 60],
      ['K23', 'met', 80.5, 60],
      ['J24', 'met', 100, 100],
      ['K24', 'missing-value', 'blank'],
      ['J25', 'met', 95, 95],
      ['K25', 'below-minimum', 92.1, 95, 2.9, false],
      ['J28', 'missing-value', 'placeholder'],
      ['K28', 'met', 60, 60],
      ['J29', 'missing-value', 'placeholder'],
      ['K29', 'invalid-value', 'ambiguous'],
      ['J30', 'met', 100, 100],
      ['K30', 'below-minimum', 96.8, 100, 3.2, false],
      ['J32', 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
      ['J34', 'met', 100, 100],
      ['K34', 'met', 100, 100],
      ['J35', 'met', 97, 95],
      ['K35', 'met', 95, 95],
      [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
      [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
      [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
    ]);
  });

  it('--quarter 1 checks Quý I only', async () => {
    const { code, json } = await runJson(['check', `${dir}/so-tu-phap.xlsx`, '--quarter', '1']);
    expect(code).toBe(1);
    expect(json.options).toMatchObject({ quarter: 1 });
    const [sheet] = fileNamed(json, 'so-tu-phap.xlsx').sheets;
    expect(sheet?.context.quarter).toBe(1);
    expect(new Set(sheet?.findings.map((f) => f.quarter))).toEqual(new Set([1, null]));
    expect(nonMet(sheet?.findings ?? []).filter(([, c]) => c !== 'not-applicable')).toEqual([
      ['J28', 'missing-value'],
      ['J29', 'missing-value'],
    ]);
  });

  it('--lang en writes the messages in English', async () => {
    const { json } = await runJson(['check', `${dir}/so-tu-phap.xlsx`, '--lang', 'en']);
    expect(json.locale).toBe('en');
    const [sheet] = fileNamed(json, 'so-tu-phap.xlsx').sheets;
    expect(sheet?.findings.find((f) => f.cell === 'K13')?.message).toBe(
      'Q2: 74.5% < minimum 75% (short by 0.5 percentage points)',
    );
  });
});
