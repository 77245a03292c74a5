/**
 * Values as staff type them (issue 12, items 5–6), through the whole sheet check: fractions left
 * in the General format, a column of mixed scales, count ratios, percentages in words, "Không
 * phát sinh", a formula never calculated. The fixture is `bp2025-so` with its result columns
 * retyped (`fixtures/bp2025-so-typed.grid.txt`, README.md).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import type { Matched } from '../src/annex/choose-set.js';
import type { Slot } from '../src/annex/locate.js';
import { markRuleFormula } from '../src/annex/marks.js';
import { inferScales } from '../src/annex/scale.js';
import type { Cell } from '../src/cell.js';
import type { AchievedValue } from '../src/evaluate.js';
import type { Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { describeNotice } from '../src/messages/notices.js';
import { parseValue } from '../src/parse/parse-value.js';
import type { Indicator } from '../src/schema.js';
import { statusOf } from '../src/status.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

/** Each finding as [cell, code, what matters]. */
function digest(findings: readonly SheetFinding[]): unknown[][] {
  return findings.map((x) => {
    const d: unknown[] = [x.cell ?? null, x.code];
    if (x.code === 'below-minimum') d.push(x.value, x.minimum.value, x.gap, x.nearMiss);
    else if (x.code === 'met') d.push(x.value, x.minimum.value);
    else if (x.code === 'invalid-value' || x.code === 'missing-value') d.push(x.reason);
    else if (x.code === 'not-applicable') d.push(x.indicatorId, x.reason);
    else if (x.code === 'not-occurred') d.push(x.raw);
    if ((x.code === 'met' || x.code === 'below-minimum') && x.reading)
      d.push(x.reading.how, x.reading.raw);
    if (x.code === 'invalid-value' && x.reason === 'ambiguous-scale')
      d.push(x.readings, x.ambiguity);
    return d;
  });
}

/** The grid with some cells replaced (0-based row and column). */
function withCells(grid: Grid, cells: readonly [number, number, Cell | undefined][]): Grid {
  const rows = grid.rows.map((r) => [...(r ?? [])]);
  for (const [r, c, cell] of cells) {
    const row = rows[r] ?? [];
    row[c] = cell;
    rows[r] = row;
  }
  return { ...grid, rows };
}

const J = 9;
const num = (value: number, numberFormat?: string): Cell =>
  numberFormat === undefined ? { value, type: 'number' } : { value, type: 'number', numberFormat };
const str = (value: string): Cell => ({ value, type: 'string' });

describe('results typed as staff type them (bp2025-so-typed: Sở Tư pháp)', () => {
  const result = checkSheet(fixture('bp2025-so-typed'), { nearMissBand: 1 });

  it('is checked as the reference annex is', () => {
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({ level: 'so', unitName: 'Sở Tư pháp', quarter: 2 });
  });

  it('finds the exact findings, cell by cell', () => {
    expect(digest(result.findings)).toEqual([
      // Quý I (J): General-format fractions, read as percentages
      ['J12', 'met', 100, 100, 'fraction', 1],
      ['K12', 'met', 100, 100, 'text-ratio', '15/15'],
      ['J13', 'met', 70, 70, 'fraction', 0.7],
      ['K13', 'met', 80, 75, 'text-ratio', '12/15'],
      ['J15', 'below-minimum', 74.12, 75, 0.88, true, 'fraction', 0.7412],
      ['K15', 'invalid-value', 'unit-mismatch'],
      ['J19', 'met', 96, 80, 'fraction', '0,96'],
      ['K19', 'invalid-value', 'ambiguous-scale', [0.86, 86], 'mixed'],
      ['J21', 'met', 100, 100, 'fraction', '1'],
      ['K21', 'met', 100, 100, 'text-prose', '100% (15/15 hồ sơ)'],
      // percent-formatted: already right, unchanged
      ['J22', 'below-minimum', 98, 100, 2, false],
      ['K22', 'below-minimum', 66.67, 100, 33.33, false, 'text-prose', 'đạt 66,67%'],
      ['J23', 'met', 60, 60, 'fraction', 0.6],
      ['K23', 'met', 76.1, 60, 'text-prose', '76,1%/40%'],
      // 0 is 0 % on either scale
      ['J24', 'below-minimum', 0, 100, 100, false],
      ['K24', 'not-occurred', 'KPS'],
      ['J25', 'met', 95, 95, 'fraction', 0.95],
      ['K25', 'met', 96, 95],
      ['J28', 'met', 50, 50, 'fraction', 0.5],
      ['K28', 'met', 80.5, 60],
      ['J29', 'not-occurred', 'Không phát sinh'],
      ['K29', 'invalid-value', 'ambiguous-scale', [1, 100], 'mixed'],
      ['J30', 'missing-value', 'blank'],
      ['K30', 'below-minimum', 0, 100, 100, false],
      ['J32', 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
      ['J34', 'met', 100, 100, 'fraction', 1],
      ['K34', 'below-minimum', 95, 100, 5, false],
      ['J35', 'met', 97, 95, 'fraction', 0.97],
      ['K35', 'invalid-value', 'out-of-range'],
      [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
      [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
      [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
    ]);
  });

  it('says once for column J that its fractions were read as percentages, and nothing for K', () => {
    const fractions = result.notices.filter((n) => n.code === 'fractions-read');
    expect(fractions).toEqual([
      {
        code: 'fractions-read',
        column: 'J',
        quarter: 1,
        count: 10,
        cells: ['J12', 'J13', 'J15', 'J19', 'J21', 'J23', 'J25', 'J28', 'J34', 'J35'],
        example: 0.7,
      },
    ]);
    expect(describeNotice(fractions[0] as (typeof fractions)[0])).toBe(
      'Cột J (Quý I): 10 giá trị nhập dưới dạng số thập phân (J12, J13, J15, J19, J21 và 5 ô khác) được đọc là tỷ lệ phần trăm: 0,7 → 70%. Nếu không đúng, hãy nhập lại kèm dấu % hoặc định dạng ô là phần trăm.',
    );
  });

  it('words what was written beside what was read, and the new outcomes', () => {
    const words = (cell: string) =>
      describeFinding(result.findings.find((f) => f.cell === cell) as SheetFinding, {
        targetSet: result.targetSet,
      });
    expect(words('J15')).toBe(
      'Quý I: 74,12% (ô ghi "0,7412") < tối thiểu 75% (thiếu 0,88 điểm %, sát ngưỡng)',
    );
    expect(words('K12')).toBe('Quý II: 100% (ô ghi "15/15") ≥ tối thiểu 100%, đạt');
    expect(words('K23')).toBe('Quý II: 76,1% (ô ghi "76,1%/40%") ≥ tối thiểu 60%, đạt');
    expect(words('K19')).toBe(
      'Quý II: giá trị 0,86 không rõ là 0,86% hay 86% (cột có cả số thập phân như 0,86 và số phần trăm như 86): hãy nhập lại kèm dấu % (ví dụ "86%")',
    );
    expect(words('K24')).toBe(
      'Quý II: không phát sinh trong kỳ ("KPS"): không có hồ sơ, việc để tính nên không đánh giá',
    );
    // never the old "0,86% < tối thiểu 85% (thiếu 84,14 điểm %)"
    expect(result.findings.map((f) => describeFinding(f)).join('\n')).not.toMatch(/thiếu 8\d,/);
  });

  it('marks on each column’s scale: fractions against 0.75, an ambiguous number kept invalid until retyped', () => {
    const j15 = result.markPlan.groups.flatMap((g) => g.cells).find((c) => c.cell === 'J15');
    expect(j15).toMatchObject({ status: 'near-miss', minimum: { value: 0.75 } });
    const k19 = result.markPlan.rules.find(
      (r) => r.condition.kind === 'number' && r.ranges.includes('K19'),
    );
    expect(k19?.status).toBe('invalid-value');
    expect(k19 && markRuleFormula(k19.condition, 'K19')).toBe(
      'AND(ISNUMBER(K19),ABS(K19-0.86)<=0.000000001,N("chitieu")=0)',
    );
    // rules are stacked by status: the pinned invalid one before any shortfall
    const order = result.markPlan.rules.map((r) => r.status);
    expect(order.indexOf('invalid-value')).toBeLessThan(order.indexOf('below-minimum'));
    // "Không phát sinh" is not marked, nor counted to review
    const marked = result.markPlan.groups.flatMap((g) => g.cells.map((c) => c.cell));
    expect(marked).not.toContain('J29');
    expect(marked).not.toContain('K24');
    expect(result.summary.byCode['not-occurred']).toBe(2);
    expect(
      result.findings.filter((f) => f.cell === 'J29' || f.cell === 'K24').map(statusOf),
    ).toEqual(['not-occurred', 'not-occurred']);
  });
});

describe('the neighbouring cases of a column’s scale', () => {
  const base = fixture('bp2025-so-typed');
  const findingAt = (check: SheetCheck, cell: string) =>
    check.findings.find((f) => f.cell === cell) as SheetFinding;

  it('a column of only 1s and 0s cannot tell 1 % from 100 %: each 1 is ambiguous, 0 stays 0', () => {
    // (J32, another agency's row, is read too: its percent format would say "fractions")
    const rows = [12, 13, 15, 19, 21, 22, 23, 24, 25, 28, 29, 30, 32, 34, 35].map((r) => r - 1);
    const grid = withCells(
      base,
      rows.map((r, i) => [r, J, num(i % 3 === 2 ? 0 : 1)] as [number, number, Cell]),
    );
    const check = checkSheet(grid, { nearMissBand: 1 });
    expect(digest([findingAt(check, 'J12'), findingAt(check, 'J15')])).toEqual([
      ['J12', 'invalid-value', 'ambiguous-scale', [1, 100], 'ones'],
      ['J15', 'below-minimum', 0, 75, 75, false],
    ]);
    expect(check.notices.filter((n) => n.code === 'fractions-read')).toEqual([]);
    expect(describeFinding(findingAt(check, 'J12'))).toBe(
      'Quý I: giá trị 1 không rõ là 1% hay 100% (cột chỉ có 0 và 1, không biết 1 là 1% hay 100%): hãy nhập lại kèm dấu % (ví dụ "100%")',
    );

    // one percent-formatted cell in the column says it is stored as fractions: 1 is 100 %
    const formatted = checkSheet(withCells(grid, [[21, J, num(0.98, '0%')]]), {
      nearMissBand: 1,
    });
    expect(digest([findingAt(formatted, 'J12'), findingAt(formatted, 'J22')])).toEqual([
      ['J12', 'met', 100, 100, 'fraction', 1],
      ['J22', 'below-minimum', 98, 100, 2, false],
    ]);
    expect(formatted.notices.find((n) => n.code === 'fractions-read')).toMatchObject({
      column: 'J',
      example: 1,
    });
  });

  it('one plain number above 1 makes the fraction column mixed: its fractions are ambiguous', () => {
    const check = checkSheet(withCells(base, [[24, J, num(97)]]), { nearMissBand: 1 });
    expect(
      digest([findingAt(check, 'J13'), findingAt(check, 'J25'), findingAt(check, 'J19')]),
    ).toEqual([
      ['J13', 'invalid-value', 'ambiguous-scale', [0.7, 70], 'mixed'],
      ['J25', 'met', 97, 95],
      ['J19', 'invalid-value', 'ambiguous-scale', [0.96, 96], 'mixed'],
    ]);
    expect(check.notices.filter((n) => n.code === 'fractions-read')).toEqual([]);
  });

  it('texts with "%", ratios and words do not change a column’s scale', () => {
    const check = checkSheet(
      withCells(base, [
        [11, J, str('86%')],
        [12, J, str('15/15')],
        [24, J, str('đạt 97%')],
      ]),
      { nearMissBand: 1 },
    );
    expect(digest(['J12', 'J13', 'J15', 'J25'].map((c) => findingAt(check, c)))).toEqual([
      ['J12', 'below-minimum', 86, 100, 14, false],
      ['J13', 'met', 100, 70, 'text-ratio', '15/15'],
      ['J15', 'below-minimum', 74.12, 75, 0.88, true, 'fraction', 0.7412],
      ['J25', 'met', 97, 95, 'text-prose', 'đạt 97%'],
    ]);
    expect(check.notices.find((n) => n.code === 'fractions-read')).toMatchObject({ count: 7 });
  });

  it('a formula never calculated is missing with its own reason, not "chưa nhập kết quả"', () => {
    const uncalculated: Cell = { value: null, text: '', type: 'empty', uncalculated: true };
    const check = checkSheet(withCells(base, [[29, J, uncalculated]]), { nearMissBand: 1 });
    const f = findingAt(check, 'J30');
    expect(digest([f])).toEqual([['J30', 'missing-value', 'not-calculated']]);
    expect(describeFinding(f)).toBe(
      'Quý I: chưa tính (mở và lưu tệp trong Excel) (tối thiểu 100%)',
    );
    expect(describeFinding(f, { locale: 'en' })).toBe(
      'Q1: not calculated yet (open and save the file in Excel) (minimum 100%)',
    );
  });

  it('the reference annex (percent formats and plain percentages) reads no fractions', () => {
    const check = checkSheet(fixture('bp2025-so'), { nearMissBand: 1 });
    expect(check.notices.filter((n) => n.code === 'fractions-read')).toEqual([]);
    expect(
      check.findings.filter((f) => f.code === 'invalid-value' && f.reason === 'ambiguous-scale'),
    ).toEqual([]);
  });
});

describe('inferScales leaves points and counts alone', () => {
  const indicator = (id: string, unit: Indicator['unit']): Indicator =>
    ({ id, unit, targets: [] }) as unknown as Indicator;
  const matched = new Map([
    [0, { indicator: indicator('pct', { kind: 'percent' }) }],
    [1, { indicator: indicator('pts', { kind: 'points', max: 18 }) }],
    [2, { indicator: indicator('cnt', { kind: 'count' }) }],
  ]) as unknown as Matched;
  const slot = (row: number, column: number): Slot => ({
    row,
    column,
    cell: undefined,
    a1: `${String.fromCharCode(65 + column)}${row + 1}`,
  });

  it('reads only the percentage indicator’s fractions, and points or counts are no evidence', () => {
    const cells: [string, Cell][] = [
      ['pct', num(0.86)],
      ['pts', num(11.3)],
      ['cnt', num(15)],
      ['pts', num(0.5)],
    ];
    const slots = cells.map((_, i) => slot(i, 2));
    const values: AchievedValue<number>[] = cells.map(([id, cell], i) => ({
      indicatorId: id,
      quarter: 2,
      value: parseValue(cell, {
        expect:
          id === 'pct'
            ? { kind: 'percent' }
            : id === 'pts'
              ? { kind: 'points', max: 18 }
              : { kind: 'count' },
      }),
      ref: i,
    }));
    const before = values.slice(1).map((v) => v.value);
    const scales = inferScales(values, slots, matched);
    expect(values[0]?.value).toEqual({
      kind: 'number',
      value: 86,
      scale: 'percent',
      how: 'fraction',
      raw: 0.86,
    });
    expect(values.slice(1).map((v) => v.value)).toEqual(before);
    expect(scales.notices).toEqual([
      { code: 'fractions-read', column: 'C', quarter: 2, count: 1, cells: ['C1'], example: 0.86 },
    ]);
    expect([...scales.fractionColumns]).toEqual([2]);
  });
});
