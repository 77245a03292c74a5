/**
 * Unit tables (one row per unit): the fixtures made from seeds 001 and 002, cell by cell, and
 * the neighbours of each case — other header spellings, the level from a "Cấp" column, a group
 * heading or the unit's name, two-level headers both ways, a target written in the row, and the
 * sheets that cannot be checked saying what they lacked.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import type { Cell } from '../src/cell.js';
import type { Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { parseGridText, readGridFixture } from './fixtures/grid-text.js';

/** One line per finding: cell, code, unit, level, value, minimum, gap (or margin), and what else tells it apart. */
function digest(r: SheetCheck): (string | number | undefined)[][] {
  return r.findings.map((f: SheetFinding) => {
    const minimum = 'minimum' in f && f.minimum ? f.minimum.value : undefined;
    const value = 'value' in f ? f.value : undefined;
    const extra =
      f.code === 'below-minimum'
        ? f.gap
        : f.code === 'met'
          ? f.margin
          : f.code === 'missing-value' || f.code === 'not-applicable'
            ? f.reason
            : f.code === 'target-mismatch'
              ? f.official
              : f.code === 'unrecognised-row'
                ? f.needs
                : undefined;
    return [f.cell, f.code, f.forUnit?.name, f.forUnit?.level, value, minimum, extra];
  });
}

/** A grid from rows of texts and numbers ("=0.4 @0%" as in grid-text), with merges. */
function grid(
  lines: readonly (readonly string[])[],
  merges: readonly string[] = [],
  name = 'Sheet1',
): Grid {
  const text = [
    ...lines.map((l) => l.join('\t')),
    `%name ${name}`,
    ...(merges.length ? [`%merge ${merges.join(' ')}`] : []),
  ].join('\n');
  return parseGridText(text);
}

const TT = 'binh-phuoc-2024-thanh-toan';
const INFERRED_SO =
  'Sở Nông nghiệp và Phát triển nông thôn (76,1%/40%); Sở Lao động - Thương binh và Xã hội (48,2%/40%); Sở Y tế (40,8%/40%)';

describe('seed 001: online-payment rates of 13 units, Quý I/2024 (unit-tt-2024-q1)', () => {
  const r = checkSheet(readGridFixture('unit-tt-2024-q1'));

  it('is checked as a unit table against the 2024 payment targets, Quý I from the title', () => {
    expect(r.status).toBe('checked');
    expect(r.context).toEqual({
      targetSetId: TT,
      quarter: 1,
      sources: { targetSet: 'content', quarter: 'title' },
    });
    expect(r.notices).toEqual([
      {
        code: 'target-set-chosen',
        targetSetId: TT,
        why: 'rows',
        others: ['binh-phuoc-2024-cchc', 'chi-so-766', 'binh-phuoc-2025', 'nq01-nq02-2025'],
      },
    ]);
    expect(r.unitTable?.headerRows).toEqual([4]);
    expect(r.unitTable?.columns).toEqual([
      { letter: 'A', role: 'stt', header: 'STT' },
      { letter: 'B', role: 'unit', header: 'Tên đơn vị' },
      { letter: 'C', role: 'level', header: 'Cấp' },
      {
        letter: 'D',
        role: 'target',
        header: 'Chỉ tiêu giao',
        indicatorId: 'thanh-toan-truc-tuyen',
      },
      {
        letter: 'E',
        role: 'value',
        header: 'Kết quả Quý I/2024',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 1,
      },
    ]);
  });

  it('lists its 13 units with the level of their "Cấp" cell', () => {
    expect(r.unitTable?.units.map((u) => [u.row, u.name, u.level, u.levelFrom])).toEqual([
      [5, 'Sở Nông nghiệp và Phát triển nông thôn', 'so', 'column'],
      [6, 'Sở Lao động - Thương binh và Xã hội', 'so', 'column'],
      [7, 'Sở Y tế', 'so', 'column'],
      [8, 'Sở Giáo dục và Đào tạo', 'so', 'column'],
      [9, 'Sở Công Thương', 'so', 'column'],
      [10, 'Sở Kế hoạch và Đầu tư', 'so', 'column'],
      [11, 'Sở Khoa học và Công nghệ', 'so', 'column'],
      [12, 'Sở Nội vụ', 'so', 'column'],
      [13, 'Sở Thông tin và Truyền thông', 'so', 'column'],
      [14, 'Sở Tài chính', 'so', 'column'],
      [15, 'Sở Tư pháp', 'so', 'column'],
      [16, 'Sở Giao thông vận tải', 'so', 'column'],
      [17, 'UBND thành phố Đồng Xoài', 'huyen', 'column'],
    ]);
  });

  it('judges each unit against its own level: the 0% units below 40%, 76,1% met, Đồng Xoài against 30%', () => {
    expect(digest(r)).toEqual([
      ['E5', 'met', 'Sở Nông nghiệp và Phát triển nông thôn', 'so', 76.1, 40, 36.1],
      ['E6', 'met', 'Sở Lao động - Thương binh và Xã hội', 'so', 48.2, 40, 8.2],
      ['E7', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8],
      ['E8', 'below-minimum', 'Sở Giáo dục và Đào tạo', 'so', 0, 40, 40],
      ['E9', 'below-minimum', 'Sở Công Thương', 'so', 0, 40, 40],
      ['E10', 'below-minimum', 'Sở Kế hoạch và Đầu tư', 'so', 0, 40, 40],
      ['E11', 'below-minimum', 'Sở Khoa học và Công nghệ', 'so', 0, 40, 40],
      ['D12', 'target-mismatch', 'Sở Nội vụ', 'so', 30, undefined, 40],
      ['E12', 'below-minimum', 'Sở Nội vụ', 'so', 0, 40, 40],
      ['E13', 'below-minimum', 'Sở Thông tin và Truyền thông', 'so', 0, 40, 40],
      ['E14', 'missing-value', 'Sở Tài chính', 'so', undefined, 40, 'blank'],
      ['E15', 'missing-value', 'Sở Tư pháp', 'so', undefined, 40, 'placeholder'],
      ['E16', 'missing-value', 'Sở Giao thông vận tải', 'so', undefined, 40, 'blank'],
      ['E17', 'met', 'UBND thành phố Đồng Xoài', 'huyen', 48.2, 30, 18.2],
    ]);
    expect(r.summary.byCode).toMatchObject({
      met: 4,
      'below-minimum': 6,
      'missing-value': 3,
      'target-mismatch': 1,
    });
  });

  it('gives findings the shapes of an annex finding, with the unit', () => {
    expect(r.findings[0]).toEqual({
      code: 'met',
      indicatorId: 'thanh-toan-truc-tuyen',
      quarter: 1,
      targetRow: 0,
      ref: undefined,
      value: 76.1,
      minimum: {
        value: 40,
        comparator: 'at-least',
        source: 'quarterly',
        unit: { kind: 'percent' },
        inferredFrom: INFERRED_SO,
      },
      margin: 36.1,
      reading: undefined,
      cell: 'E5',
      sheet: 'Thanh toán',
      forUnit: { name: 'Sở Nông nghiệp và Phát triển nông thôn', level: 'so', row: 5 },
    });
    expect(r.findings[7]).toEqual({
      code: 'target-mismatch',
      indicatorId: 'thanh-toan-truc-tuyen',
      target: 'quarterly',
      official: 40,
      value: 30,
      lowered: true,
      unit: { kind: 'percent' },
      raw: 0.3,
      targetRow: 0,
      quarter: 1,
      ref: undefined,
      cell: 'D12',
      sheet: 'Thanh toán',
      forUnit: { name: 'Sở Nội vụ', level: 'so', row: 12 },
    });
  });

  it('words each finding for its unit, in Vietnamese and English', () => {
    const set = r.targetSet;
    const at = (cell: string) => r.findings.find((f) => f.cell === cell) as SheetFinding;
    expect(describeFinding(at('E7'), { targetSet: set })).toBe(
      'Sở Y tế — Quý I: 40,8% ≥ tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu), đạt',
    );
    expect(describeFinding(at('E7'), { targetSet: set, locale: 'en' })).toBe(
      'Sở Y tế — Q1: 40.8% ≥ minimum 40% (inferred; the document does not state it as a target), met',
    );
    expect(describeFinding(at('E8'), { targetSet: set })).toBe(
      'Sở Giáo dục và Đào tạo — Quý I: 0% < tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu) (thiếu 40 điểm %)',
    );
    expect(describeFinding(at('D12'), { targetSet: set })).toBe(
      'Sở Nội vụ — Tối thiểu Quý I trong bảng là 30%, khác chỉ tiêu chính thức 40% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
    );
  });

  it('marks the cells as an annex is marked: statuses, and rules that follow edits', () => {
    expect(r.markPlan.sheet).toBe('Thanh toán');
    expect(r.markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)])).toEqual([
      ['target-mismatch', ['D12']],
      ['below-minimum', ['E8', 'E9', 'E10', 'E11', 'E12', 'E13']],
      ['missing-value', ['E14', 'E15', 'E16']],
    ]);
    const ranges = r.markPlan.rules.flatMap((rule) => rule.ranges);
    expect(ranges).toContain('D12');
    expect(ranges.some((a) => a.startsWith('E'))).toBe(true);
    expect(checkSheet(readGridFixture('unit-tt-2024-q1'), { marks: false }).markPlan).toEqual({
      sheet: 'Thanh toán',
      groups: [],
      rules: [],
    });
  });

  it('gives the same findings with the set given, and no notice', () => {
    const given = checkSheet(readGridFixture('unit-tt-2024-q1'), { targetSet: TT });
    expect(digest(given)).toEqual(digest(r));
    expect(given.notices).toEqual([]);
    expect(given.context.sources).toEqual({ targetSet: 'option', quarter: 'title' });
  });

  it('with --quarter 2, judges the column that names no period… by its own header (Quý I) only up to Q2', () => {
    const q2 = checkSheet(readGridFixture('unit-tt-2024-q1'), { targetSet: TT, quarter: 2 });
    // the column names Quý I: still Quý I, judged against the Quý I minimums
    expect(digest(q2)).toEqual(digest(r));
    expect(q2.context.sources.quarter).toBe('option');
  });
});

describe('seed 002: units × indicators, Quý II/2025 (unit-bp2025-q2-matrix)', () => {
  const r = checkSheet(readGridFixture('unit-bp2025-q2-matrix'));

  it('reads the indicators from the headers; the districts’ level from their group heading (a name that tells one wins)', () => {
    expect(r.status).toBe('checked');
    expect(r.context).toMatchObject({ targetSetId: 'binh-phuoc-2025', quarter: 2 });
    expect(r.unitTable?.columns.filter((c) => c.role === 'value')).toEqual([
      {
        letter: 'C',
        role: 'value',
        header: 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
        indicatorId: 'so-hoa-ho-so',
        quarter: 2,
      },
      {
        letter: 'D',
        role: 'value',
        header: 'Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử',
        indicatorId: 'ket-qua-dien-tu',
        quarter: 2,
      },
    ]);
    expect(r.unitTable?.units.map((u) => [u.name, u.level, u.levelFrom])).toEqual([
      ['Sở Giao thông vận tải', 'so', 'name'],
      ['Sở Kế hoạch và Đầu tư', 'so', 'name'],
      ['Bù Đăng', 'huyen', 'group'],
      ['Chơn Thành', 'huyen', 'group'],
      ['Đồng Phú', 'huyen', 'group'],
      ['Bù Đốp', 'huyen', 'group'],
    ]);
  });

  it('judges each cell against its unit’s level: số hóa 85% (sở) / 80% (huyện), kết quả điện tử 100%', () => {
    expect(digest(r)).toEqual([
      ['C6', 'below-minimum', 'Sở Giao thông vận tải', 'so', 47.34, 85, 37.66],
      ['D6', 'below-minimum', 'Sở Giao thông vận tải', 'so', 47.34, 100, 52.66],
      ['C7', 'below-minimum', 'Sở Kế hoạch và Đầu tư', 'so', 55.07, 85, 29.93],
      ['D7', 'missing-value', 'Sở Kế hoạch và Đầu tư', 'so', undefined, 100, 'blank'],
      ['C9', 'below-minimum', 'Bù Đăng', 'huyen', 55.5, 80, 24.5],
      ['D9', 'missing-value', 'Bù Đăng', 'huyen', undefined, 100, 'blank'],
      ['C10', 'below-minimum', 'Chơn Thành', 'huyen', 52.78, 80, 27.22],
      ['D10', 'below-minimum', 'Chơn Thành', 'huyen', 58.59, 100, 41.41],
      ['C11', 'below-minimum', 'Đồng Phú', 'huyen', 47.75, 80, 32.25],
      ['D11', 'missing-value', 'Đồng Phú', 'huyen', undefined, 100, 'blank'],
      ['C12', 'below-minimum', 'Bù Đốp', 'huyen', 39.58, 80, 40.42],
      ['D12', 'below-minimum', 'Bù Đốp', 'huyen', 44.59, 100, 55.41],
    ]);
    expect(r.notices).toEqual([
      {
        code: 'target-set-chosen',
        targetSetId: 'binh-phuoc-2025',
        why: 'rows',
        others: ['nq01-nq02-2025', 'chi-so-766'],
      },
    ]);
  });

  it('--quarter 1 judges the columns, which name no period, as Quý I', () => {
    const q1 = checkSheet(readGridFixture('unit-bp2025-q2-matrix'), {
      targetSet: 'binh-phuoc-2025',
      quarter: 1,
    });
    expect(digest(q1).slice(0, 2)).toEqual([
      ['C6', 'below-minimum', 'Sở Giao thông vận tải', 'so', 47.34, 80, 32.66],
      ['D6', 'below-minimum', 'Sở Giao thông vận tải', 'so', 47.34, 100, 52.66],
    ]);
  });

  it('a commune of the matrix: the indicators are not for its level, said once each without a cell', () => {
    const g = readGridFixture('unit-bp2025-q2-matrix');
    const rows = g.rows.map((row) => [...row]);
    rows.push([{ value: '=7' }, { value: 'UBND xã Tân Tiến' }]);
    const x = checkSheet({ ...g, rows }, { targetSet: 'binh-phuoc-2025' });
    expect(digest(x).slice(-2)).toEqual([
      [undefined, 'not-applicable', 'UBND xã Tân Tiến', 'xa', undefined, undefined, 'level'],
      [undefined, 'not-applicable', 'UBND xã Tân Tiến', 'xa', undefined, undefined, 'level'],
    ]);
    expect(x.findings.slice(-2).map((f) => f.indicatorId)).toEqual([
      'so-hoa-ho-so',
      'ket-qua-dien-tu',
    ]);
  });
});

describe('no level column, one unit whose level cannot be told (unit-tt-2024-no-level)', () => {
  const fixture = () => readGridFixture('unit-tt-2024-no-level');

  it('reads "76,1%/40%" as the value and the target; asks for the level of "Đồng Xoài" on its row only', () => {
    const r = checkSheet(fixture());
    expect(r.status).toBe('checked');
    expect(r.needs).toEqual([]);
    expect(digest(r)).toEqual([
      ['C4', 'met', 'Sở Nông nghiệp và Phát triển nông thôn', 'so', 76.1, 40, 36.1],
      ['C5', 'met', 'Sở Lao động - Thương binh và Xã hội', 'so', 48.2, 40, 8.2],
      ['C6', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8],
      ['B7', 'unrecognised-row', 'Đồng Xoài', undefined, undefined, undefined, 'level'],
      ['C8', 'below-minimum', 'Sở Nội vụ', 'so', 0, 40, 40],
    ]);
    expect(r.findings[0]).toMatchObject({
      reading: { how: 'text-prose', raw: '76,1%/40%' },
    });
    expect(r.findings[3]).toEqual({
      code: 'unrecognised-row',
      text: 'Đồng Xoài',
      row: 7,
      stt: '4',
      needs: 'level',
      cell: 'B7',
      sheet: 'Đơn vị',
      forUnit: { name: 'Đồng Xoài', row: 7 },
    });
    expect(describeFinding(r.findings[3] as SheetFinding)).toBe(
      'Dòng 7: không rõ cấp của đơn vị "Đồng Xoài" (cấp tỉnh, huyện hay xã) nên chưa đánh giá; hãy ghi cấp ở cột "Cấp" hoặc chọn cấp',
    );
    expect(describeFinding(r.findings[3] as SheetFinding, { locale: 'en' })).toBe(
      'Row 7: the level of "Đồng Xoài" (province, district or commune) cannot be told, so its values are not judged; write it in a "Cấp" column or choose the level',
    );
    expect(r.unitTable?.units.map((u) => [u.name, u.level, u.levelFrom])).toEqual([
      ['Sở Nông nghiệp và Phát triển nông thôn', 'so', 'name'],
      ['Sở Lao động - Thương binh và Xã hội', 'so', 'name'],
      ['Sở Y tế', 'so', 'name'],
      ['Đồng Xoài', undefined, undefined],
      ['Sở Nội vụ', 'so', 'name'],
    ]);
    // the row asking for its level is not marked
    expect(r.markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)])).toEqual([
      ['below-minimum', ['C8']],
    ]);
  });

  it('with a level given, the unit whose level cannot be told takes it: 48,2% ≥ 30%, and 30% is the official target', () => {
    const r = checkSheet(fixture(), { level: 'huyen' });
    expect(digest(r)[3]).toEqual(['C7', 'met', 'Đồng Xoài', 'huyen', 48.2, 30, 18.2]);
    expect(r.unitTable?.units[3]).toEqual({
      name: 'Đồng Xoài',
      level: 'huyen',
      row: 7,
      levelFrom: 'option',
    });
    // the units whose level is told keep it
    expect(digest(r)[0]?.[3]).toBe('so');
  });

  it('a target written after the value that is not the official one is a target-mismatch in that cell', () => {
    const g = fixture();
    const rows = g.rows.map((row) => [...row]);
    rows[6] = [{ value: 4 }, { value: 'Đồng Xoài' }, { value: '48,2%/40%' }];
    const r = checkSheet({ ...g, rows }, { level: 'huyen' });
    expect(digest(r).slice(3, 5)).toEqual([
      ['C7', 'met', 'Đồng Xoài', 'huyen', 48.2, 30, 18.2],
      ['C7', 'target-mismatch', 'Đồng Xoài', 'huyen', 40, undefined, 30],
    ]);
    expect(r.findings[4]).toMatchObject({ lowered: false, target: 'quarterly', quarter: 1 });
    expect(describeFinding(r.findings[4] as SheetFinding)).toBe(
      'Đồng Xoài — Tối thiểu Quý I trong bảng là 40%, khác chỉ tiêu chính thức 30%',
    );
  });
});

describe('neighbours: header spellings, levels, two-level headers', () => {
  const rowsFor = (unitHeader: string) =>
    grid([
      ['BÁO CÁO THANH TOÁN TRỰC TUYẾN QUÝ II/2024'],
      [],
      ['TT', unitHeader, 'Kết quả'],
      ['=1', 'Sở Y tế', '=0.52 @0.0%'],
      ['=2', 'Huyện Bù Đăng', '=0.35 @0.0%'],
      ['=3', 'UBND xã Tân Tiến', '=30'],
      ['=4', 'Thị xã Chơn Thành', '41%'],
    ]);

  it.each([
    'Đơn vị',
    'Tên đơn vị',
    'Cơ quan, đơn vị',
    'Địa phương',
    'ĐƠN VỊ',
    'Đơn vị, địa phương',
    'Sở, ban, ngành',
  ])('"%s" is a unit column; levels read from the names, Quý II from the title', (header) => {
    const r = checkSheet(rowsFor(header), { targetSet: TT });
    expect(r.status).toBe('checked');
    expect(digest(r)).toEqual([
      ['C4', 'met', 'Sở Y tế', 'so', 52, 50, 2],
      ['C5', 'below-minimum', 'Huyện Bù Đăng', 'huyen', 35, 40, 5],
      ['C6', 'met', 'UBND xã Tân Tiến', 'xa', 30, 30, 0],
      ['C7', 'met', 'Thị xã Chơn Thành', 'huyen', 41, 40, 1],
    ]);
  });

  it('"Đơn vị tính" is a unit of measure, not a unit column: the sheet stays as it was (no period named: nothing more to say)', () => {
    const r = checkSheet(rowsFor('Đơn vị tính'), { targetSet: TT });
    expect(r.status).toBe('not-an-annex');
    expect(r.findings).toEqual([{ code: 'not-an-annex', reason: 'no-header', sheet: 'Sheet1' }]);
  });

  it('a "Cấp" column with other spellings: Tỉnh, Sở, Huyện, Xã, and the set’s own level names', () => {
    const r = checkSheet(
      grid([
        ['Quý II/2024'],
        ['STT', 'Đơn vị', 'Cấp', 'Thanh toán trực tuyến'],
        ['=1', 'Trung tâm Phục vụ hành chính công', 'Tỉnh', '=55'],
        ['=2', 'Văn phòng Sở', 'Sở', '=49'],
        ['=3', 'Bù Đốp', 'Huyện', '=40'],
        ['=4', 'Thanh Lương', 'Xã', '=29.5'],
        ['=5', 'Lộc Ninh', 'Cấp huyện', '=60'],
      ]),
      { targetSet: TT, nearMissBand: 1 },
    );
    expect(digest(r)).toEqual([
      ['D3', 'met', 'Trung tâm Phục vụ hành chính công', 'so', 55, 50, 5],
      ['D4', 'below-minimum', 'Văn phòng Sở', 'so', 49, 50, 1],
      ['D5', 'met', 'Bù Đốp', 'huyen', 40, 40, 0],
      ['D6', 'below-minimum', 'Thanh Lương', 'xa', 29.5, 30, 0.5],
      ['D7', 'met', 'Lộc Ninh', 'huyen', 60, 40, 20],
    ]);
    expect(r.findings[3]).toMatchObject({ nearMiss: true });
  });

  it('group headings set the level; totals and a header repeated at a page break are not units', () => {
    const r = checkSheet(
      grid([
        ['THANH TOÁN TRỰC TUYẾN QUÝ II/2024'],
        ['STT', 'Đơn vị', 'Tỷ lệ (%)'],
        ['A', 'Cấp tỉnh'],
        ['=1', 'Công an tỉnh', '=51'],
        ['B', 'Cấp xã'],
        ['=2', 'Tân Lập', '=12'],
        ['STT', 'Đơn vị', 'Tỷ lệ (%)'],
        ['=3', 'Tân Hưng', '=31'],
        ['', 'Tổng cộng', '=94'],
      ]),
      { targetSet: TT },
    );
    expect(digest(r)).toEqual([
      ['C4', 'met', 'Công an tỉnh', 'so', 51, 50, 1],
      ['C6', 'below-minimum', 'Tân Lập', 'xa', 12, 30, 18],
      ['C8', 'met', 'Tân Hưng', 'xa', 31, 30, 1],
    ]);
    expect(r.unitTable?.units.map((u) => u.levelFrom)).toEqual(['name', 'group', 'group']);
  });

  it('two-level header: an indicator over its quarters, with a target column under it', () => {
    const r = checkSheet(
      grid(
        [
          ['STT', 'Đơn vị', 'Thanh toán trực tuyến'],
          ['', '', 'Chỉ tiêu giao Quý II', 'Quý I', 'Quý II'],
          ['=1', 'Sở Y tế', '=0.5 @0%', '40,8%', '=0.495 @0.0%'],
          ['=2', 'UBND huyện Bù Đốp', '=0.3 @0%', '=0.2 @0%', '=0.45 @0%'],
        ],
        ['A1:A2', 'B1:B2', 'C1:E1'],
      ),
      { targetSet: TT },
    );
    expect(r.unitTable?.headerRows).toEqual([1, 2]);
    expect(r.unitTable?.columns.slice(2)).toEqual([
      {
        letter: 'C',
        role: 'target',
        header: 'Thanh toán trực tuyến / Chỉ tiêu giao Quý II',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 2,
      },
      {
        letter: 'D',
        role: 'value',
        header: 'Thanh toán trực tuyến / Quý I',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 1,
      },
      {
        letter: 'E',
        role: 'value',
        header: 'Thanh toán trực tuyến / Quý II',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 2,
      },
    ]);
    expect(r.context.quarter).toBe(2);
    expect(digest(r)).toEqual([
      ['D3', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8],
      ['E3', 'below-minimum', 'Sở Y tế', 'so', 49.5, 50, 0.5],
      ['C4', 'target-mismatch', 'UBND huyện Bù Đốp', 'huyen', 30, undefined, 40],
      ['D4', 'below-minimum', 'UBND huyện Bù Đốp', 'huyen', 20, 30, 10],
      ['E4', 'met', 'UBND huyện Bù Đốp', 'huyen', 45, 40, 5],
    ]);
    // --quarter 1: the Quý II column is not checked, nor its target
    const q1 = checkSheet(
      grid(
        [
          ['STT', 'Đơn vị', 'Thanh toán trực tuyến'],
          ['', '', 'Quý I', 'Quý II'],
          ['=1', 'Sở Y tế', '40,8%', '=0.495 @0.0%'],
        ],
        ['A1:A2', 'B1:B2', 'C1:D1'],
      ),
      { targetSet: TT, quarter: 1 },
    );
    expect(digest(q1)).toEqual([['C3', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8]]);
  });

  it('two-level header: a quarter over its indicators, the parent not merged but spanning', () => {
    const r = checkSheet(
      grid([
        ['STT', 'Cơ quan, đơn vị', 'Kết quả Quý II/2025'],
        ['', '', 'Hồ sơ trực tuyến', 'Thanh toán trực tuyến'],
        ['=1', 'Sở Tư pháp', '=0.812 @0.0%', '=0.7 @0%'],
        ['=2', 'UBND huyện Lộc Ninh', '=0.69 @0%', '=0.66 @0%'],
      ]),
    );
    expect(r.context).toMatchObject({ targetSetId: 'binh-phuoc-2025', quarter: 2 });
    expect(
      r.unitTable?.columns.slice(2).map((c) => [c.letter, c.header, c.indicatorId, c.quarter]),
    ).toEqual([
      ['C', 'Kết quả Quý II/2025 / Hồ sơ trực tuyến', 'ho-so-truc-tuyen', 2],
      ['D', 'Kết quả Quý II/2025 / Thanh toán trực tuyến', 'thanh-toan-truc-tuyen', 2],
    ]);
    expect(digest(r)).toEqual([
      ['C3', 'met', 'Sở Tư pháp', 'so', 81.2, 80, 1.2],
      ['D3', 'below-minimum', 'Sở Tư pháp', 'so', 70, 75, 5],
      ['C4', 'below-minimum', 'UBND huyện Lộc Ninh', 'huyen', 69, 70, 1],
      ['D4', 'met', 'UBND huyện Lộc Ninh', 'huyen', 66, 65, 1],
    ]);
  });

  it('an indicator named with its period in one header: "Tỷ lệ hồ sơ trực tuyến Quý II"', () => {
    const r = checkSheet(
      grid([
        ['Địa phương', 'Tỷ lệ hồ sơ trực tuyến Quý II', 'Ghi chú'],
        ['UBND thị xã Bình Long', '=72', 'đã rà soát'],
      ]),
      { targetSet: 'binh-phuoc-2025' },
    );
    expect(digest(r)).toEqual([['B2', 'met', 'UBND thị xã Bình Long', 'huyen', 72, 70, 2]]);
  });
});

describe('a sheet that cannot be checked says what it lacked', () => {
  const words = (r: SheetCheck) => describeFinding(r.findings[0] as SheetFinding);

  it('a unit column and no results column', () => {
    const r = checkSheet(
      grid([
        ['STT', 'Đơn vị', 'Ghi chú'],
        ['=1', 'Sở Y tế', 'đã nộp'],
      ]),
    );
    expect(r.findings).toEqual([
      { code: 'not-an-annex', reason: 'no-header', sheet: 'Sheet1', missing: ['result-column'] },
    ]);
    expect(words(r)).toBe(
      'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …); cũng không kiểm tra được như bảng theo đơn vị: thiếu cột kết quả ghi tên chỉ tiêu hoặc kỳ báo cáo ("Kết quả Quý I/2024", "Thanh toán trực tuyến")',
    );
    expect(describeFinding(r.findings[0] as SheetFinding, { locale: 'en' })).toBe(
      'Not an annex: no header row (Stt, Nhiệm vụ/Chỉ tiêu, …) was found; nor can it be checked as a table by unit: it lacks a results column naming an indicator or a period ("Kết quả Quý I/2024", "Thanh toán trực tuyến")',
    );
  });

  it('results of a period, but no indicator named anywhere (and no set given)', () => {
    const lines = [
      ['STT', 'Đơn vị', 'Chỉ tiêu giao', 'Kết quả Quý I/2024'],
      ['=1', 'Sở Y tế', '40%', '40,8%'],
    ];
    const r = checkSheet(grid(lines));
    expect(r.status).toBe('not-an-annex');
    expect(r.findings[0]).toMatchObject({ code: 'not-an-annex', missing: ['indicator'] });
    expect(words(r)).toMatch(
      /; cũng không kiểm tra được như bảng theo đơn vị: thiếu tên chỉ tiêu của bộ chỉ tiêu, ở tiêu đề cột hoặc tên bảng \(hoặc chọn bộ chỉ tiêu chỉ có một chỉ tiêu\)$/,
    );
    // a set of one indicator, given: its indicator
    const given = checkSheet(grid(lines), { targetSet: TT });
    expect(digest(given)).toEqual([['D2', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8]]);
    // a set of several, given: still no indicator
    const several = checkSheet(grid(lines), { targetSet: 'binh-phuoc-2025' });
    expect(several.findings[0]).toMatchObject({
      code: 'not-an-annex',
      targetSetId: 'binh-phuoc-2025',
      missing: ['indicator'],
    });
  });

  it('a results heading, but no unit column', () => {
    const r = checkSheet(
      grid([
        ['STT', 'Tên', 'Kết quả Quý I/2024'],
        ['=1', 'Sở Y tế', '40,8%'],
      ]),
      { targetSet: TT },
    );
    expect(r.findings).toEqual([
      { code: 'not-an-annex', reason: 'no-header', sheet: 'Sheet1', missing: ['unit-column'] },
    ]);
    expect(words(r)).toMatch(
      /thiếu cột đơn vị \("Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Địa phương"\)$/,
    );
  });

  it('no period in the headers or the title: the quarter is asked for, as for an annex', () => {
    const lines = [
      ['Đơn vị', 'Thanh toán trực tuyến'],
      ['Sở Y tế', '40,8%'],
    ];
    const r = checkSheet(grid(lines), { targetSet: TT });
    expect(r.status).toBe('needs-input');
    expect(r.needs).toEqual(['quarter']);
    expect(r.findings).toEqual([]);
    expect(digest(checkSheet(grid(lines), { targetSet: TT, quarter: 1 }))).toEqual([
      ['B2', 'met', 'Sở Y tế', 'so', 40.8, 40, 0.8],
    ]);
  });

  it('a sheet with neither a unit column nor a results heading keeps its reason as it was', () => {
    const r = checkSheet(readGridFixture('not-annex'));
    expect(r.findings).toEqual([{ code: 'not-an-annex', reason: 'no-header', sheet: 'Dự toán' }]);
    const free: Cell[][] = [[{ value: 'Ghi chú: đơn vị đã nộp báo cáo kết quả quý II' }]];
    expect(checkSheet({ rows: free }).findings).toEqual([
      { code: 'not-an-annex', reason: 'no-header' },
    ]);
  });

  it('an annex whose headers were cleared is not taken for a unit table ("Các sở, ban, ngành" is data)', () => {
    const g = readGridFixture('bp2025-so');
    const cleared = new Set([8, 9, 16, 17, 25, 26, 35, 36]); // rows 9–10, 17–18, 26–27, 36–37
    const rows = g.rows.map((row, i) => (cleared.has(i) ? [] : row));
    const r = checkSheet({ ...g, rows });
    expect(r.status).toBe('not-an-annex');
    expect(r.unitTable).toBeUndefined();
  });

  it('an annex is checked as before: no unit on its findings', () => {
    const r = checkSheet(readGridFixture('bp2025-so'));
    expect(r.status).toBe('checked');
    expect(r.unitTable).toBeUndefined();
    expect(r.findings.some((f) => f.forUnit !== undefined)).toBe(false);
    expect(getBuiltinTargetSet(TT)?.indicators).toHaveLength(1);
  });
});
