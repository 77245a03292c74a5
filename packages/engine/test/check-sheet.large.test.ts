/**
 * Grids a reader can produce from a small hostile (or just odd) workbook: a cell in column XFD
 * on every row, thousands of large merged areas, a cell in row 1,048,576, a header repeated
 * across every column, long texts. The engine must check them by the cells that exist, not by
 * the rectangle they span, never throw, and find on the annex what it finds without the oddity.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck } from '../src/annex/check.js';
import { EXCEL_CELL_TEXT_LIMIT } from '../src/annex/content.js';
import { detectUnit } from '../src/annex/detect.js';
import { markRuleFormula } from '../src/annex/marks.js';
import type { Cell } from '../src/cell.js';
import type { Grid, MergedArea } from '../src/grid.js';
import { describeFinding, findingNote } from '../src/messages/describe.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

/** Excel's last column (XFD) and row, 0-based. */
const XFD = 16_383;
const LAST_ROW = 1_048_575;

const base = fixture('bp2025-so');
const options = { nearMissBand: 1 };
const plain = checkSheet(base, options);

/** What a check found and would mark, without the layout (whose row list grows with the grid). */
function outcome(r: SheetCheck): unknown {
  return {
    status: r.status,
    context: r.context,
    columns: r.layout?.columns,
    findings: r.findings,
    summary: r.summary,
    markPlan: r.markPlan,
  };
}

/** The fixture's rows, copied, padded with empty rows to `length`. */
function rowsOf(grid: Grid, length = grid.rows.length): (Cell | undefined)[][] {
  const rows = grid.rows.map((row) => [...row]);
  while (rows.length < length) rows.push([]);
  return rows;
}

/** A row reaching column XFD the way the xlsx reader builds it: padded with `undefined`. */
function withCellAt(row: (Cell | undefined)[], column: number, cell: Cell): void {
  while (row.length < column) row.push(undefined);
  row[column] = cell;
}

describe('a cell in column XFD on every row', () => {
  it('1,100 rows reaching XFD with an empty styled cell: the same findings as without', () => {
    const rows = rowsOf(base, 1_100);
    for (const row of rows) withCellAt(row, XFD, { value: null, type: 'empty', numberFormat: '@' });
    const r = checkSheet({ ...base, rows }, options);
    expect(r.status).toBe('checked');
    expect(outcome(r)).toEqual(outcome(plain));
  });

  it('a value in XFD on the 1,000 rows below the table: the annex is still checked the same', () => {
    const rows = rowsOf(base, 1_100);
    rows.forEach((row, r) => {
      if (r >= base.rows.length) withCellAt(row, XFD, { value: 'x' });
    });
    const r = checkSheet({ ...base, rows }, options);
    expect(r.status).toBe('checked');
    expect(r.findings).toEqual(plain.findings);
    expect(r.markPlan).toEqual(plain.markPlan);
    // the rows below the table hold one text each, far away
    expect(r.layout?.rows.at(-1)).toMatchObject({ row: 1_100, kind: 'text', text: 'x' });
  });

  it('a header repeating "Kết quả thực hiện Quý I" up to XFD reads at most 64 such columns, not 16,000', () => {
    const rows = rowsOf(base);
    const h = (plain.layout?.headerRows[0] ?? 1) - 1;
    const header = rows[h] as (Cell | undefined)[];
    for (let c = header.length; c <= XFD; c++) header[c] = { value: 'Kết quả thực hiện Quý I' };
    const r = checkSheet({ ...base, rows }, options);
    expect(r.status).toBe('checked');
    const q1 = r.layout?.columns.filter((c) => c.role === 'result' && c.quarter === 1) ?? [];
    // the table's own column and the first 63 of the repeated ones (64 a quarter at most)
    expect(q1).toHaveLength(64);
    expect(q1.slice(0, 4).map((c) => c.letter)).toEqual(['J', 'O', 'P', 'Q']);
    // the extra columns are empty: the unit's rows miss a value there, nothing more
    const extraLetters = new Set(q1.slice(1).map((c) => c.letter));
    const extra = r.findings.filter((f) => extraLetters.has((f.cell ?? '').replace(/\d+$/, '')));
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.every((f) => f.code === 'missing-value' && f.quarter === 1)).toBe(true);
    expect(r.findings.filter((f) => !extra.includes(f))).toEqual(plain.findings);
  });
});

describe('merged areas', () => {
  it('3,300 merged areas of 10,000 cells each below the table: the same findings as without', () => {
    const rows = rowsOf(base, 3_400);
    withCellAt(rows[3_399] as (Cell | undefined)[], 10_000, { value: null, type: 'empty' });
    const merges: MergedArea[] = [...(base.merges ?? [])];
    for (let i = 0; i < 3_300; i++)
      merges.push({ top: 100 + i, left: 0, bottom: 100 + i, right: 9_999 });
    const r = checkSheet({ ...base, rows, merges }, options);
    expect(outcome(r)).toEqual(outcome(plain));
  });

  it('whole-sheet, overlapping, reversed, far-away and malformed merges change nothing on the table', () => {
    const merges: MergedArea[] = [
      { top: 0, left: 0, bottom: 0, right: XFD }, // the title across every column, past the data
      { top: 60, left: 0, bottom: LAST_ROW, right: XFD }, // everything below the data
      { top: 0, left: 0, bottom: 0, right: XFD }, // twice
      { top: 5, left: 5, bottom: 1, right: 1 }, // reversed
      { top: LAST_ROW, left: XFD, bottom: LAST_ROW, right: XFD }, // beyond the data
      { top: -5, left: -5, bottom: -1, right: -1 }, // before the sheet
      { top: Number.NaN, left: 0, bottom: 3, right: 3 },
      { top: 0, left: Number.NEGATIVE_INFINITY, bottom: 2, right: 2 },
      { top: 0.5, left: 0, bottom: 2, right: 2 },
      ...(base.merges ?? []),
    ];
    const r = checkSheet({ ...base, merges }, options);
    expect(outcome(r)).toEqual(outcome(plain));
  });

  it('a merge over the whole sheet covers the table (only A1 shows): no header', () => {
    const merges = [{ top: 0, left: 0, bottom: LAST_ROW, right: XFD }];
    const r = checkSheet({ ...base, merges }, options);
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'not-an-annex', reason: 'no-header' }),
    ]);
  });

  it('a merge of more than 10,000 cells of the data is not taken into account', () => {
    const rows = rowsOf(base, 800);
    const merges = [...(base.merges ?? []), { top: 0, left: 0, bottom: LAST_ROW, right: XFD }];
    const r = checkSheet({ ...base, rows, merges }, options); // 800 rows × 14 columns: 11,200
    expect(outcome(r)).toEqual(outcome(plain));
  });

  it('overlapping merges over the table: checked, the last listed area wins as before', () => {
    // B12:B13 and B12:C12 overlap at B12: the name column of indicator 1 is covered either way
    const merges = [
      ...(base.merges ?? []),
      { top: 11, left: 1, bottom: 12, right: 1 },
      { top: 11, left: 1, bottom: 11, right: 2 },
    ];
    const r = checkSheet({ ...base, merges }, options);
    expect(['checked', 'needs-input', 'not-an-annex']).toContain(r.status);
    expect(r.summary.total).toBe(r.findings.length);
  });
});

describe('a cell in row 1,048,576', () => {
  it('as a sparse array: checked as before, one layout row per sheet row', () => {
    const rows = rowsOf(base);
    rows[LAST_ROW] = [undefined, { value: 'Hết' }];
    const r = checkSheet({ ...base, rows }, options);
    expect(outcome(r)).toEqual(outcome(plain));
    expect(r.layout?.rows.at(-1)).toEqual({ row: LAST_ROW + 1, kind: 'text', text: 'Hết' });
  });

  it('as a dense array of empty rows: the same', () => {
    const rows = rowsOf(base, LAST_ROW);
    rows.push([undefined, { value: 'Hết' }]);
    const r = checkSheet({ ...base, rows }, options);
    expect(outcome(r)).toEqual(outcome(plain));
    expect(r.layout?.rows).toHaveLength(LAST_ROW + 1 - 8); // every row below the 8 title rows
  });

  it('with the grid placed at XFD1048576 by its origin', () => {
    const r = checkSheet(
      { rows: [[{ value: 'x' }]], origin: { row: LAST_ROW, column: XFD } },
      options,
    );
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'not-an-annex', reason: 'no-header' }),
    ]);
  });
});

describe('empty and nearly empty grids', () => {
  const sparse: (Cell | undefined)[][] = [];
  sparse[LAST_ROW] = [];
  const holes: (Cell | undefined)[] = [];
  holes[XFD] = undefined;
  it.each([
    ['no rows', { rows: [] }],
    ['empty rows', { rows: [[], [], []] }],
    ['a sparse array of no rows', { rows: sparse }],
    ['a row of holes up to XFD', { rows: [holes] }],
    [
      'blank cells only',
      {
        rows: [
          [{ value: '' }, { value: '   ' }, { value: null }, { value: null, text: ' ' }],
          [{ value: null, type: 'empty' }, null as unknown as Cell],
        ],
        merges: [{ top: 0, left: 0, bottom: LAST_ROW, right: XFD }],
      },
    ],
  ] as [string, Grid][])('%s: "empty"', (_, grid) => {
    const r = checkSheet(grid);
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'not-an-annex', reason: 'empty' }),
    ]);
  });
});

describe('odd values in the cells', () => {
  const long = `${'Tỷ lệ '.repeat(7_000)}.`; // 42,001 characters
  const odd: Cell[] = [
    { value: Number.NaN },
    { value: Number.POSITIVE_INFINITY, numberFormat: '0%' },
    { value: Number.NEGATIVE_INFINITY },
    { value: long },
    { value: '' },
    { value: '\u0000\u001b[2J\u0007' },
    { value: '\u202eđảo chiều' },
    { value: '"quoted" text' },
    { value: 1e308 },
    { value: -0 },
    { value: true },
    { value: 'x', type: 'date' },
  ];

  it('result cells holding NaN, infinities, control characters and a 42,001-character text', () => {
    const rows = rowsOf(base);
    // the Quý I and Quý II results of indicators 1–12 (rows 12–28), then the title and a name cell
    let k = 0;
    for (let r = 11; r < 28; r++) {
      const row = rows[r] as (Cell | undefined)[];
      if (row.length < 11) continue;
      row[9] = odd[k++ % odd.length] as Cell;
      row[10] = odd[k++ % odd.length] as Cell;
    }
    (rows[0] as (Cell | undefined)[])[0] = { value: long };
    const r = checkSheet({ ...base, rows }, options);
    expect(r.status).toBe('checked');
    expect(r.summary.total).toBe(r.findings.length);
    for (const f of r.findings)
      expect(describeFinding(f, { targetSet: r.targetSet }).length).toBeGreaterThan(0);
    const marked = r.markPlan.groups.flatMap((g) => g.cells);
    expect(marked.length).toBeGreaterThan(0);
    const note = (c: (typeof marked)[number]) => findingNote(c.finding, { targetSet: r.targetSet });
    for (const cell of marked) expect(note(cell).length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
    // the long text is invalid, and its note is cut to what Excel lets a note hold
    const cut = marked.find((c) => note(c).includes('Tỷ lệ Tỷ lệ'));
    expect(cut?.status).toBe('invalid-value');
    expect(cut && note(cut).length).toBe(EXCEL_CELL_TEXT_LIMIT);
    expect(cut && note(cut).endsWith('…')).toBe(true);
    // every rule is a formula Excel accepts: at most 8,192 characters, no text over 255 in it
    for (const rule of r.markPlan.rules) {
      const formula = markRuleFormula(rule.condition, 'J12');
      expect(formula.length).toBeLessThanOrEqual(8_192);
      for (const [, text] of formula.matchAll(/"((?:[^"]|"")*)"/g))
        expect(text?.length).toBeLessThanOrEqual(255);
    }
    // the title line is read up to a cell's worth of text
    for (const line of r.layout?.titleLines ?? [])
      expect(line.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
  });
});

describe('long texts are read in time by their length, not its square', () => {
  // Each of these took seconds with one regular expression per line (100,000 spaces: ~8 s).
  const spaces = ' '.repeat(100_000);
  it('a unit line with a long run of spaces before a line break', () => {
    expect(detectUnit([`Đơn vị báo cáo: Sở Tư pháp${spaces}x\ny`])).toBeUndefined();
    expect(detectUnit([`Đơn vị báo cáo: Sở Tư pháp${spaces}x`])?.name).toBe(`Sở Tư pháp${spaces}x`);
  });

  it('a letterhead with a long run of spaces before a line break', () => {
    expect(detectUnit([`UBND HUYỆN ${spaces}BÙ ĐỐP\nx`])).toBeUndefined();
    expect(detectUnit([`UBND HUYỆN BÙ ĐỐP`])?.name).toBe('UBND huyện Bù Đốp');
  });

  it('20,000 rows repeating one 32,000-character text (one shared string)', () => {
    const text = `tỷ lệ ${'abc '.repeat(8_000)}`;
    const rows = rowsOf(base);
    const cell = { value: text };
    for (let i = 0; i < 20_000; i++) rows.push([undefined, cell]);
    const r = checkSheet({ ...base, rows }, options);
    expect(r.findings).toEqual(plain.findings);
    // read as continuation lines of indicator 12: its text stops at a cell's worth
    const continued = (check: SheetCheck) =>
      check.layout?.rows.filter((row) => row.kind === 'continuation').length ?? 0;
    expect(continued(r)).toBe(continued(plain) + 20_000);
  });
});
