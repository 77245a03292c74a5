/**
 * The sheet scanner under the layout: merged areas found by the blocks they touch, the columns
 * of a row that hold a cell, long texts read once. Checked against a plain per-cell answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCEL_CELL_TEXT_LIMIT } from '../src/annex/content.js';
import { SheetView } from '../src/annex/sheet.js';
import type { Cell } from '../src/cell.js';
import type { Grid, MergedArea } from '../src/grid.js';

const cell = (value: string | number | null): Cell => ({ value });

/** The area a cell is in, the slow way: the last listed area that covers it, as Excel would see it. */
function naiveMerge(grid: Grid, row: number, column: number): MergedArea | undefined {
  const rowCount = grid.rows.length;
  let columns = 0;
  for (const r of grid.rows) if (r && r.length > columns) columns = r.length;
  const o = grid.origin ?? { row: 0, column: 0 };
  let found: MergedArea | undefined;
  for (const m of grid.merges ?? []) {
    const top = m.top - o.row;
    const left = m.left - o.column;
    const bottom = Math.min(m.bottom - o.row, rowCount - 1);
    const right = Math.min(m.right - o.column, columns - 1);
    if ((bottom - top + 1) * (right - left + 1) > 10_000) continue;
    if (row >= Math.max(top, 0) && row <= bottom && column >= Math.max(left, 0) && column <= right)
      found = { top, left, bottom, right };
  }
  return found;
}

describe('merged areas', () => {
  it('answer like a per-cell table, for random (overlapping, clipped, offset) areas', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        fc.array(
          fc.record({
            top: fc.integer({ min: -3, max: 95 }),
            left: fc.integer({ min: -3, max: 95 }),
            h: fc.nat(70),
            w: fc.nat(70),
          }),
          { maxLength: 12 },
        ),
        fc.option(fc.record({ row: fc.nat(4), column: fc.nat(4) }), { nil: undefined }),
        (rowCount, columnCount, areas, origin) => {
          const rows = Array.from({ length: rowCount }, (_, r) =>
            r === 0 ? Array.from({ length: columnCount }, () => cell('x')) : [cell(r)],
          );
          const merges = areas.map((a) => ({
            top: a.top,
            left: a.left,
            bottom: a.top + a.h,
            right: a.left + a.w,
          }));
          const grid: Grid = { rows, merges, ...(origin ? { origin } : {}) };
          const view = new SheetView(grid);
          for (let r = -1; r <= rowCount; r++) {
            for (let c = -1; c <= columnCount; c++) {
              expect(view.merge(r, c)).toEqual(naiveMerge(grid, r, c));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('3,300 areas of 10,000 cells each: looked up without a table of every cell', () => {
    const rows: (Cell | undefined)[][] = Array.from({ length: 3_400 }, () => []);
    (rows[0] as (Cell | undefined)[])[10_000] = cell('x');
    const merges = Array.from({ length: 3_300 }, (_, i) => ({
      top: i,
      left: 0,
      bottom: i,
      right: 9_999,
    }));
    const view = new SheetView({ rows, merges });
    expect(view.merge(1_234, 5_678)).toEqual({ top: 1_234, left: 0, bottom: 1_234, right: 9_999 });
    expect(view.isCovered(1_234, 5_678)).toBe(true);
    expect(view.isCovered(1_234, 0)).toBe(false);
    expect(view.merge(3_350, 10)).toBeUndefined();
  });
});

describe('the columns of a row', () => {
  it('dense rows padded with undefined, sparse rows and holes list only the cells there', () => {
    const dense: (Cell | undefined)[] = new Array(16_384).fill(undefined);
    dense[3] = cell('a');
    dense[16_383] = cell('b');
    const sparse: (Cell | undefined)[] = [];
    sparse[16_383] = cell('c');
    sparse[7] = cell(null);
    const rows: (Cell | undefined)[][] = [dense, sparse, [], [undefined, null as unknown as Cell]];
    rows[1_048_575] = [cell('far')];
    const view = new SheetView({ rows });
    expect(view.columnsIn(0)).toEqual([3, 16_383]);
    expect(view.columnsIn(1)).toEqual([7, 16_383]);
    expect(view.columnsIn(2)).toEqual([]);
    expect(view.columnsIn(3)).toEqual([]);
    expect(view.columnsIn(500_000)).toEqual([]);
    expect(view.columnsIn(1_048_575)).toEqual([0]);
    expect(view.columnCount).toBe(16_384);
    expect(view.rowCount).toBe(1_048_576);
    expect([0, 1, 2, 3, 500_000, 1_048_575].map((r) => view.isBlankRow(r))).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(view.hasContent).toBe(true);
    expect(view.address(1_048_575, 0)).toBe('A1048576');
  });

  it('a sheet of blank cells has no content', () => {
    const view = new SheetView({
      rows: [[cell(''), cell('  '), cell(null), { value: null, text: ' ' }], [], [undefined]],
    });
    expect(view.hasContent).toBe(false);
    expect(view.isBlankRow(0)).toBe(true);
  });
});

describe('texts', () => {
  it('are trimmed, normalised, and read up to what Excel lets a cell hold', () => {
    const long = `  ${'Á'.repeat(40_000)}  `;
    const view = new SheetView({ rows: [[cell(long), cell(long), cell(' Quý II '), cell(7.5)]] });
    const text = view.text(0, 0);
    expect(text.length).toBe(EXCEL_CELL_TEXT_LIMIT);
    expect(text.startsWith('ÁÁÁ')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    // the same value is trimmed once: both cells give the very same string
    expect(view.text(0, 1)).toBe(text);
    expect(view.norm(0, 0)).toMatch(/^a+$/);
    expect(view.norm(0, 2)).toBe('quy ii');
    expect(view.text(0, 3)).toBe('7.5');
    expect(view.norm(5, 5)).toBe('');
  });
});
