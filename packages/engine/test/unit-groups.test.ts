/**
 * Units side by side (issue 14 item 4): an annex whose results are in groups of Quý I–IV, each
 * under a heading naming its unit — the office's consolidated sheet — is several units, each
 * judged against its own level on its own level's rows, its findings naming it (`forUnit`).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import { unitInHeading } from '../src/annex/detect.js';
import { unitPlace } from '../src/findings.js';
import type { Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { parseGridText } from './fixtures/grid-text.js';

/** A grid from rows of cells in the grid-text format, with merges. */
function grid(lines: readonly (readonly string[])[], merges: readonly string[] = []): Grid {
  return parseGridText(
    [
      ...lines.map((l) => l.join('\t')),
      '%name Tổng hợp',
      ...(merges.length ? [`%merge ${merges.join(' ')}`] : []),
    ].join('\n'),
  );
}

const P = (x: number) => `=${x} @0.0%`;
const Q = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
const PAY = 'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia';
const COPY = 'Tỷ lệ chứng thực bản sao điện tử từ bản chính';

/** Three units side by side: a department, a district, a commune; results through Quý II. */
function consolidated(
  headings = [
    'Kết quả thực hiện – Sở Y tế',
    'Kết quả thực hiện – UBND huyện Bù Đốp',
    'Kết quả thực hiện – UBND xã Tân Lập',
  ],
  { thirdFilled = true } = {},
): Grid {
  const group = (h: string) => [h, '', '', ''];
  const third = (cells: string[]) => (thirdFilled ? cells : []);
  return grid(
    [
      ['CHỈ TIÊU CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
      [
        'Stt',
        'Nhiệm vụ',
        'Cơ quan chủ trì thực hiện',
        'Chỉ tiêu thực hiện trong năm 2025',
        'Lộ trình thực hiện (tối thiểu)',
        '',
        '',
        '',
        ...headings.flatMap(group),
      ],
      ['', '', '', '', ...Q, ...Q, ...Q, ...Q],
      // E–H the roadmap; I–L Sở Y tế, M–P Bù Đốp, Q–T Tân Lập
      [
        '2',
        PAY,
        'Các sở, ban, ngành',
        '=0.85 @0%',
        '=0.7 @0%',
        '=0.75 @0%',
        '=0.8 @0%',
        '=0.85 @0%',
        P(0.72),
        P(0.74),
      ],
      [
        '',
        '',
        'UBND cấp huyện',
        '=0.75 @0%',
        '=0.6 @0%',
        '=0.6 @0%', // a lowered roadmap: the official Quý II is 65%
        '=0.7 @0%',
        '=0.75 @0%',
        '',
        '',
        '',
        '',
        P(0.6),
        '64,5%',
        '',
        '',
        ...third([P(0.7)]),
      ],
      [
        '12',
        COPY,
        'Sở Tư pháp, UBND cấp huyện, UBND cấp xã',
        '=1 @0%',
        '=1 @0%',
        '=1 @0%',
        '=1 @0%',
        '=1 @0%',
        '',
        '',
        '',
        '',
        P(1),
        P(0.98),
        '',
        '',
        ...third([P(1), '-']),
      ],
    ],
    ['E2:H2', 'I2:L2', 'M2:P2', 'Q2:T2', 'A4:A5', 'B4:B5'],
  );
}

/** The findings with a cell, one line each: cell, code, unit, level, quarter, value, minimum. */
function digest(r: SheetCheck): (string | number | undefined)[][] {
  return r.findings
    .filter(withCell)
    .map((f: SheetFinding) => [
      f.cell,
      f.code,
      f.forUnit?.name,
      f.forUnit?.level,
      'quarter' in f ? f.quarter : undefined,
      'value' in f && typeof f.value === 'number' ? f.value : undefined,
      'minimum' in f && f.minimum ? f.minimum.value : undefined,
    ]);
}

const withCell = (f: SheetFinding) => f.cell !== undefined;

describe('a consolidated sheet: three units side by side, each its own unit', () => {
  const r = checkSheet(consolidated());

  it('is checked through Quý II, the latest with results, with no one unit or level for the sheet', () => {
    expect(r.status).toBe('checked');
    expect(r.context).toEqual({
      targetSetId: 'binh-phuoc-2025',
      quarter: 2,
      sources: { targetSet: 'content', quarter: 'latest-results' },
    });
  });

  it('lists its units with the level their names say and the column their results start at', () => {
    expect(r.unitTable?.units).toEqual([
      { name: 'Sở Y tế', level: 'so', row: 2, column: 9, levelFrom: 'name' },
      { name: 'UBND huyện Bù Đốp', level: 'huyen', row: 2, column: 13, levelFrom: 'name' },
      { name: 'UBND xã Tân Lập', level: 'xa', row: 2, column: 17, levelFrom: 'name' },
    ]);
    expect(r.layout?.columns.filter((c) => c.role === 'result').map((c) => c.unit)).toEqual([
      ...Array(4).fill('Sở Y tế'),
      ...Array(4).fill('UBND huyện Bù Đốp'),
      ...Array(4).fill('UBND xã Tân Lập'),
    ]);
  });

  it("judges each unit's cells against its own level's minimums, cell by cell", () => {
    expect(digest(r)).toEqual([
      // the sheet's own roadmap: the districts' Quý II lowered to 60%
      ['F5', 'target-mismatch', undefined, undefined, 2, 60, undefined],
      // Sở Y tế: the departments' row of indicator 2
      ['I4', 'met', 'Sở Y tế', 'so', 1, 72, 70],
      ['J4', 'below-minimum', 'Sở Y tế', 'so', 2, 74, 75],
      // Bù Đốp: the districts' row (official 65% for Quý II, not the 60% written) and row 12
      ['M5', 'met', 'UBND huyện Bù Đốp', 'huyen', 1, 60, 60],
      ['N5', 'below-minimum', 'UBND huyện Bù Đốp', 'huyen', 2, 64.5, 65],
      ['M6', 'met', 'UBND huyện Bù Đốp', 'huyen', 1, 100, 100],
      ['N6', 'below-minimum', 'UBND huyện Bù Đốp', 'huyen', 2, 98, 100],
      // Tân Lập: a value typed on the districts' row is kept, not judged; row 12 is a commune's
      ['Q5', 'not-applicable', 'UBND xã Tân Lập', 'xa', 1, 70, undefined],
      ['Q6', 'met', 'UBND xã Tân Lập', 'xa', 1, 100, 100],
      ['R6', 'missing-value', 'UBND xã Tân Lập', 'xa', 2, undefined, 100],
    ]);
  });

  it("says, per unit, the set's indicators its sheet has no row for, and those not its own", () => {
    const without = r.findings.filter((f) => !withCell(f));
    const of = (unit: string) => without.filter((f) => f.forUnit?.name === unit);
    // an annex's rule: an indicator of the unit with no row is missing, each quarter due
    const absent = (unit: string) =>
      of(unit).filter((f) => f.code === 'missing-value' && f.reason === 'absent').length;
    expect([absent('Sở Y tế'), absent('UBND huyện Bù Đốp'), absent('UBND xã Tân Lập')]).toEqual([
      24, 20, 0,
    ]);
    expect(of('Sở Y tế').find((f) => f.code === 'not-applicable')).toEqual({
      code: 'not-applicable',
      indicatorId: 'chung-thuc-dien-tu',
      reason: 'level',
      appliesTo: { levels: ['huyen', 'xa'], agencies: ['Sở Tư pháp'] },
      sheet: 'Tổng hợp',
      forUnit: { name: 'Sở Y tế', level: 'so', row: 2, column: 9 },
    });
    expect(without.every((f) => f.forUnit !== undefined)).toBe(true);
    // one heading row, three units: told apart by their columns
    const places = new Set(r.findings.flatMap((f) => (f.forUnit ? [unitPlace(f.forUnit)] : [])));
    expect([...places]).toEqual(['2:9', '2:13', '2:17']);
  });

  it('words each finding for its unit', () => {
    const words = r.findings
      .filter(withCell)
      .map((f) => describeFinding(f, { targetSet: r.targetSet }));
    expect(words[1]).toBe('Sở Y tế — Quý I: 72% ≥ tối thiểu 70%, đạt');
    expect(words[4]).toBe('UBND huyện Bù Đốp — Quý II: 64,5% < tối thiểu 65% (thiếu 0,5 điểm %)');
  });

  it('says once per level where values sit on rows not assigned to the level', () => {
    expect(r.notices.filter((n) => n.code === 'values-not-assigned')).toEqual([
      {
        code: 'values-not-assigned',
        level: 'xa',
        count: 1,
        cells: ['Q5'],
        assignedTo: ['so', 'huyen'],
      },
    ]);
  });

  it("marks every unit's cells, each mark with its unit's finding", () => {
    expect(r.markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)])).toEqual([
      ['target-mismatch', ['F5']],
      ['below-minimum', ['J4', 'N5', 'N6']],
      ['missing-value', ['R6']],
    ]);
    const marked = r.markPlan.groups.flatMap((g) => g.cells);
    expect(marked.find((c) => c.cell === 'N5')?.finding.forUnit?.name).toBe('UBND huyện Bù Đốp');
    expect(marked.find((c) => c.cell === 'N5')?.minimum).toEqual({
      comparator: 'at-least',
      value: 0.65,
    });
  });

  it('checks no later quarter than the one given', () => {
    const q1 = checkSheet(consolidated(), { quarter: 1 });
    expect(q1.context.quarter).toBe(1);
    expect(digest(q1).map((d) => d[0])).toEqual(['F5', 'I4', 'M5', 'M6', 'Q5', 'Q6']);
  });
});

describe('neighbours', () => {
  it('a heading that is the unit alone ("Sở Y tế" over its quarters) names it too', () => {
    const r = checkSheet(consolidated(['Sở Y tế', 'UBND huyện Bù Đốp', 'UBND xã Tân Lập']));
    expect(r.unitTable?.units.map((u) => [u.name, u.level])).toEqual([
      ['Sở Y tế', 'so'],
      ['UBND huyện Bù Đốp', 'huyen'],
      ['UBND xã Tân Lập', 'xa'],
    ]);
    expect(r.findings.filter((f) => f.code === 'below-minimum').map((f) => f.cell)).toEqual([
      'J4',
      'N5',
      'N6',
    ]);
  });

  it('a unit whose level cannot be told is asked for at its heading; the others are judged', () => {
    const r = checkSheet(
      consolidated([
        'Kết quả thực hiện – Sở Y tế',
        'Kết quả thực hiện – Ban Quản lý Khu kinh tế',
        'Kết quả thực hiện – Trung tâm Phục vụ hành chính công',
      ]),
    );
    // "Ban …" reads as a department; "Trung tâm …" names no unit: its columns are nobody's
    expect(r.unitTable?.units.map((u) => [u.name, u.level])).toEqual([
      ['Sở Y tế', 'so'],
      ['Ban Quản lý Khu kinh tế', 'so'],
    ]);
    expect(r.findings.filter(withCell).map((f) => [f.cell, f.code, f.forUnit?.name])).toEqual([
      ['F5', 'target-mismatch', undefined],
      ['I4', 'met', 'Sở Y tế'],
      ['J4', 'below-minimum', 'Sở Y tế'],
      // the board, a department: its row of indicator 2 blank, the districts' values not its own
      ['M4', 'missing-value', 'Ban Quản lý Khu kinh tế'],
      ['N4', 'missing-value', 'Ban Quản lý Khu kinh tế'],
      ['M5', 'not-applicable', 'Ban Quản lý Khu kinh tế'],
      ['N5', 'not-applicable', 'Ban Quản lý Khu kinh tế'],
      ['M6', 'not-applicable', 'Ban Quản lý Khu kinh tế'],
      ['N6', 'not-applicable', 'Ban Quản lý Khu kinh tế'],
      // the centre's columns (Q–T) are nobody's: not read
    ]);
    // a province's committee has no level of the set; its rows hold nothing to tell it by
    const r2 = checkSheet(
      consolidated(
        [
          'Kết quả thực hiện – Sở Y tế',
          'Kết quả thực hiện – UBND huyện Bù Đốp',
          'Kết quả thực hiện – UBND tỉnh Bình Phước',
        ],
        { thirdFilled: false },
      ),
    );
    expect(r2.unitTable?.units[2]).toEqual({ name: 'UBND tỉnh Bình Phước', row: 2, column: 17 });
    expect(r2.findings.filter((f) => f.forUnit?.name === 'UBND tỉnh Bình Phước')).toEqual([
      {
        code: 'unrecognised-row',
        text: 'UBND tỉnh Bình Phước',
        row: 2,
        needs: 'level',
        cell: 'Q2',
        forUnit: { name: 'UBND tỉnh Bình Phước', row: 2, column: 17 },
        sheet: 'Tổng hợp',
      },
    ]);
    const asked = r2.findings.find((f) => f.code === 'unrecognised-row') as SheetFinding;
    expect(describeFinding(asked, { targetSet: r2.targetSet })).toBe(
      'Q2: không rõ cấp của đơn vị "UBND tỉnh Bình Phước" (Các sở, ban, ngành hay UBND cấp huyện hay UBND cấp xã) nên chưa đánh giá các cột kết quả của đơn vị; hãy ghi tên đơn vị như văn bản ghi ("Sở …", "UBND huyện …") ở tiêu đề hoặc chọn cấp',
    );
    expect(describeFinding(asked, { targetSet: r2.targetSet, locale: 'en' })).toMatch(
      /^Q2: the level of "UBND tỉnh Bình Phước" .* cannot be told, so its results columns are not judged;/,
    );
    // with a level given, it is judged at that level
    const r3 = checkSheet(
      consolidated(
        [
          'Kết quả thực hiện – Sở Y tế',
          'Kết quả thực hiện – UBND huyện Bù Đốp',
          'Kết quả thực hiện – UBND tỉnh Bình Phước',
        ],
        { thirdFilled: false },
      ),
      { level: 'so' },
    );
    expect(r3.unitTable?.units.map((u) => [u.level, u.levelFrom])).toEqual([
      ['so', 'name'],
      ['huyen', 'name'],
      ['so', 'option'],
    ]);
  });

  it('a unit named by nothing but the rows its results are on takes their level', () => {
    const r = checkSheet(
      consolidated([
        'Kết quả thực hiện – Sở Y tế',
        'Kết quả thực hiện – UBND huyện Bù Đốp',
        'Kết quả thực hiện – UBND tỉnh Bình Phước',
      ]),
    );
    // its only filled row of a split indicator is the districts' (Q5)
    expect(r.unitTable?.units[2]).toEqual({
      name: 'UBND tỉnh Bình Phước',
      level: 'huyen',
      row: 2,
      column: 17,
      levelFrom: 'content',
    });
  });

  it('one unit named over the results is an annex of that one unit, as before', () => {
    const r = checkSheet(
      consolidated(['Kết quả thực hiện – Sở Y tế', 'Kết quả thực hiện', 'Kết quả thực hiện']),
    );
    expect(r.unitTable).toBeUndefined();
    expect(r.findings.every((f) => f.forUnit === undefined)).toBe(true);
  });
});

describe('unitInHeading', () => {
  it.each([
    ['Kết quả thực hiện – Sở Y tế', 'Sở Y tế'],
    ['Kết quả thực hiện - UBND huyện Bù Đốp', 'UBND huyện Bù Đốp'],
    ['Kết quả thực hiện của UBND xã Tân Lập', 'UBND xã Tân Lập'],
    ['Kết quả: Thanh tra tỉnh', 'Thanh tra tỉnh'],
    ['KẾT QUẢ THỰC HIỆN – SỞ TƯ PHÁP', 'Sở Tư pháp'],
    ['Sở Lao động - Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội'],
    ['Kết quả – Sở Lao động - Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội'],
    ['Huyện Bù Đăng', 'Huyện Bù Đăng'],
    ['Kết quả thực hiện', undefined],
    ['Kết quả thực hiện – Quý II', undefined],
    ['Số liệu thống kê', undefined],
    ['Số hồ sơ tiếp nhận', undefined],
    ['Ban hành kèm theo Quyết định', undefined],
    ['Xã hội hóa', undefined],
  ])('%s → %s', (heading, unit) => {
    expect(unitInHeading(heading)).toBe(unit);
  });
});

describe('a results group whose heading names no unit', () => {
  const r = checkSheet(
    consolidated([
      'Kết quả thực hiện – Sở Y tế',
      'Kết quả thực hiện',
      'Kết quả thực hiện – UBND xã Tân Lập',
    ]),
  );
  it("is nobody's: not judged, and said once with its columns and how many values it holds", () => {
    expect(r.notices.filter((n) => n.code === 'results-without-unit')).toEqual([
      { code: 'results-without-unit', columns: ['M', 'N', 'O', 'P'], values: 4 },
    ]);
    expect(r.findings.some((f) => /^[MNOP]\d+$/.test(f.cell ?? ''))).toBe(false);
    // the units' findings, and the sheet's own (its lowered roadmap), nobody else's
    const units = new Set(r.findings.map((f) => f.forUnit?.name ?? f.code));
    expect(units).toEqual(new Set(['Sở Y tế', 'UBND xã Tân Lập', 'target-mismatch']));
  });
  it('in words, Vietnamese and English', async () => {
    const { describeNotice } = await import('../src/messages/notices.js');
    const n = r.notices.find((x) => x.code === 'results-without-unit');
    if (!n) throw new Error('no notice');
    expect(describeNotice(n)).toBe(
      'Các cột kết quả M, N, O, P không có tên đơn vị ở tiêu đề nên không được đánh giá (4 giá trị đã nhập): hãy ghi tên đơn vị ở ô tiêu đề phía trên các cột này.',
    );
    expect(describeNotice(n, { locale: 'en' })).toBe(
      "Results columns M, N, O, P have no unit named in their heading, so they are not judged (4 values typed): write the unit's name in the heading above.",
    );
  });
});
