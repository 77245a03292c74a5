/**
 * Random sparse grids of the kinds readers produce (cells far away in column XFD or row
 * 1,048,576, rows padded or full of holes, merges large, overlapping or past the data, header
 * words, indicator names, odd values and long texts) thrown at checkSheet, the report sheet and
 * the mark formulas: none may throw, and what they return must hold together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck } from '../src/annex/check.js';
import { EXCEL_CELL_TEXT_LIMIT } from '../src/annex/content.js';
import { isMarkFormula, markRuleFormula } from '../src/annex/marks.js';
import { reportSheet } from '../src/annex/report.js';
import type { Cell } from '../src/cell.js';
import { fromA1, type Grid, type MergedArea, toA1 } from '../src/grid.js';
import { describeFinding, findingNote } from '../src/messages/describe.js';
import type { TargetSet } from '../src/schema.js';
import { FINDING_CODES, MARK_STATUSES } from '../src/status.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

const XFD = 16_383;
const LAST_ROW = 1_048_575;
const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;

/** One long text, shared by every cell holding it, as a workbook's shared string is. */
const LONG = { value: `Tỷ lệ ${'hồ sơ trực tuyến '.repeat(2_500)}` } as const; // ~45,000 characters

const words = [
  'Stt',
  'TT',
  'Nhiệm vụ',
  'Nội dung',
  'Cơ quan chủ trì thực hiện',
  'Cơ quan phối hợp',
  'Đơn vị tính',
  'Chỉ tiêu thực hiện trong năm 2025',
  'Lộ trình thực hiện (tối thiểu)',
  'Kết quả thực hiện',
  'Kết quả thực hiện Quý II',
  'Quý I',
  'Quý II',
  'Quý III',
  'Quý IV',
  'Ghi chú',
  'I. Nâng cao chất lượng phục vụ',
  'II.',
  '1.',
  '2.',
  '3.1',
  'Các sở, ban, ngành',
  'UBND cấp huyện',
  'UBND cấp xã',
  'Đơn vị báo cáo: Sở Tư pháp',
  'ỦY BAN NHÂN DÂN HUYỆN BÙ ĐỐP',
  'QUÝ III/2025',
  'NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
  'tiếp theo của dòng trên',
  '76,2%',
  '19,1/18',
  '85 %',
  'N/A',
  '-',
  '',
  '   ',
  '\u0000\u001b[31m\u0007',
  '\u202e\u2066đảo\u2069',
  '"',
  '\n',
  ...bp.indicators.slice(0, 8).map((i) => i.name),
];

const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constantFrom(...words).map((value): Cell => ({ value })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.double({ min: 0, max: 1.2, noNaN: true }),
          fc.constantFrom(
            Number.NaN,
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            -0,
            1e308,
            5e-324,
            45_000,
          ),
          fc.integer({ min: -5, max: 120 }),
        ),
        fc.constantFrom(undefined, '0%', '0.0%', 'General', '@', '0.00'),
      )
      .map(([value, numberFormat]): Cell => (numberFormat ? { value, numberFormat } : { value })),
  },
  { weight: 1, arbitrary: fc.constant<Cell>(LONG) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((value): Cell => ({ value })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Cell>(
      { value: '#DIV/0!', type: 'error', text: '#DIV/0!' },
      { value: null, type: 'empty', numberFormat: '0%' },
      { value: null, text: ' 75% ' },
      { value: true },
      { value: 45_000, type: 'date', text: '15/03/2023' },
      { value: 7, type: 'empty' },
    ),
  },
);

/** Mostly near the top left, now and then as far as Excel goes (far rows: see `farCell`). */
const rowArb = fc.oneof(
  { weight: 10, arbitrary: fc.nat(60) },
  { weight: 1, arbitrary: fc.integer({ min: 61, max: 5_000 }) },
);
const columnArb = fc.oneof(
  { weight: 8, arbitrary: fc.nat(16) },
  { weight: 1, arbitrary: fc.integer({ min: 17, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(XFD, XFD - 1, 10_000) },
);

const mergeArb: fc.Arbitrary<MergedArea> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.integer({ min: -2, max: 60 }),
        fc.integer({ min: -2, max: 16 }),
        fc.nat(4),
        fc.nat(4),
      )
      .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(rowArb, fc.constant(LAST_ROW)), columnArb, fc.nat(3_000), fc.nat(XFD))
      .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<MergedArea>(
      { top: 0, left: 0, bottom: LAST_ROW, right: XFD },
      { top: 0, left: 0, bottom: 0, right: XFD },
      { top: 9, left: 0, bottom: LAST_ROW, right: 0 },
      { top: 5, left: 5, bottom: 2, right: 2 },
      { top: Number.NaN, left: 0, bottom: 1, right: 1 },
      { top: 0, left: 0, bottom: Number.POSITIVE_INFINITY, right: 1 },
    ),
  },
);

const bases = ['bp2025-so', 'bp2025-huyen', 'nq2025-results'].map(fixture);

const gridArb = fc
  .record({
    base: fc.constantFrom(undefined, 0, 1, 2),
    cells: fc.array(fc.tuple(rowArb, columnArb, cellArb), { maxLength: 40 }),
    // one grid in twenty reaches far down (each such grid costs its million rows)
    farCell: fc.oneof(
      { weight: 19, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(LAST_ROW, LAST_ROW - 1, 200_000), columnArb, cellArb),
      },
    ),
    merges: fc.array(mergeArb, { maxLength: 8 }),
    keepMerges: fc.boolean(),
    padded: fc.boolean(),
    origin: fc.option(fc.record({ row: fc.nat(3), column: fc.nat(3) }), { nil: undefined }),
  })
  .map(({ base, cells, farCell, merges, keepMerges, padded, origin }): Grid => {
    const from = base === undefined ? undefined : bases[base];
    const rows: (Cell | undefined)[][] = from ? from.rows.map((row) => [...row]) : [];
    for (const [r, c, cell] of farCell ? [...cells, farCell] : cells) {
      // Far rows stay holes in between; near ones are padded the way the xlsx reader pads.
      if (padded && r < 5_000) while (rows.length < r) rows.push([]);
      const row = rows[r] ?? [];
      rows[r] = row;
      if (padded) while (row.length < c) row.push(undefined);
      row[c] = cell;
    }
    return {
      name: 'Phụ lục',
      rows,
      merges: [...(keepMerges ? (from?.merges ?? []) : []), ...merges],
      ...(origin ? { origin } : {}),
    };
  });

const optionsArb = fc.record({
  quarter: fc.constantFrom(undefined, 1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4 | undefined>,
  level: fc.constantFrom(undefined, 'so', 'huyen', 'xa', 'khong-co'),
  nearMissBand: fc.constantFrom(undefined, 0, 1, 2.5),
  locale: fc.constantFrom('vi', 'en') as fc.Arbitrary<'vi' | 'en'>,
});

const A1 = /^[A-Z]{1,3}[1-9]\d*$/;

/** Every quoted text of a formula, quotes undoubled as Excel reads them… kept doubled, as written. */
function quotedTexts(formula: string): string[] {
  return [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1] ?? '');
}

function expectSane(grid: Grid, r: SheetCheck): void {
  expect(['checked', 'not-an-annex', 'needs-input']).toContain(r.status);
  expect(r.sheet).toBe(grid.name);
  expect(r.needs.length > 0).toBe(r.status === 'needs-input');
  // counts add up
  expect(r.summary.total).toBe(r.findings.length);
  expect(Object.values(r.summary.byCode).reduce((a, b) => a + b, 0)).toBe(r.findings.length);
  const origin = grid.origin ?? { row: 0, column: 0 };
  for (const f of r.findings) {
    expect(FINDING_CODES).toContain(f.code);
    const words = describeFinding(f, { targetSet: r.targetSet });
    expect(typeof words).toBe('string');
    expect(words.length).toBeGreaterThan(0);
    if (f.cell !== undefined) {
      const at = fromA1(f.cell);
      expect(at, f.cell).toBeDefined();
      expect(at?.row ?? -1).toBeGreaterThanOrEqual(origin.row);
      expect(at?.row ?? Number.POSITIVE_INFINITY).toBeLessThan(origin.row + grid.rows.length);
      expect(at?.column ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(XFD);
    }
  }
  if (r.status !== 'checked') {
    expect(r.markPlan.groups).toEqual([]);
    expect(r.markPlan.rules).toEqual([]);
  }
  // marks: grouped by status in order, each cell where it says, each note within Excel's limit
  const order = r.markPlan.groups.map((g) => MARK_STATUSES.indexOf(g.status));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  for (const g of r.markPlan.groups) {
    for (const c of g.cells) {
      expect(c.status).toBe(g.status);
      expect(c.cell).toBe(toA1(c.row, c.column));
      const note = findingNote(c.finding, { targetSet: r.targetSet });
      expect(note.length).toBeGreaterThan(0);
      expect(note.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
    }
  }
  // rules: ranges of A1 cells, and formulas Excel accepts
  for (const rule of r.markPlan.rules) {
    expect(rule.ranges.length).toBeGreaterThan(0);
    for (const range of rule.ranges) for (const end of range.split(':')) expect(end).toMatch(A1);
    const formula = markRuleFormula(rule.condition, rule.ranges[0]?.split(':')[0] ?? 'A1');
    expect(isMarkFormula(formula)).toBe(true);
    expect(formula.length).toBeLessThanOrEqual(8_192);
    for (const text of quotedTexts(formula)) expect(text.length).toBeLessThanOrEqual(255);
  }
}

describe('random sparse grids', () => {
  it('checkSheet never throws and its result holds together; the report sheet fits Excel', {
    timeout: 60_000,
  }, () => {
    let checked = 0;
    fc.assert(
      fc.property(gridArb, optionsArb, (grid, opts) => {
        const options = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
        const r = checkSheet(grid, options);
        expectSane(grid, r);
        if (r.status === 'checked') checked++;

        const content = reportSheet([{ sheet: grid.name ?? 'Sheet1', result: r }], {
          locale: opts.locale,
        });
        for (const row of content.rows) {
          for (const cell of row) {
            if (typeof cell?.value === 'string')
              expect(cell.value.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
          }
        }
        for (const link of content.links ?? []) {
          const at = fromA1(link.cell);
          expect(content.rows[at?.row ?? -1]?.[at?.column ?? -1]?.value).toBe(link.target);
        }
        for (const m of content.merges ?? []) {
          expect(m.bottom).toBeLessThan(content.rows.length);
          expect(m.top).toBeLessThanOrEqual(m.bottom);
        }
      }),
      { numRuns: 150 },
    );
    // the generator reaches real checks, not only sheets that are not annexes
    expect(checked).toBeGreaterThan(15);
  });

  it('the same grid gives the same result, twice over', () => {
    fc.assert(
      fc.property(gridArb, (grid) => {
        fc.pre(grid.rows.length <= 5_001);
        expect(checkSheet(grid)).toEqual(checkSheet(grid));
      }),
      { numRuns: 40 },
    );
  });
});
