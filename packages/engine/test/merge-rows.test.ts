/**
 * Merged areas filed row by row as well as by block (`MergeIndex` in `annex/sheet.ts`): a row
 * under many areas, and areas whose rows come to more than the row filing holds, answer as a
 * plain per-cell table does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetView } from '../src/annex/sheet.js';
import type { Cell } from '../src/cell.js';
import type { Grid, MergedArea } from '../src/grid.js';

const cell = (value: string | number | null): Cell => ({ value });

/** The last listed area over a cell, clipped to the data, the slow way (no origin). */
function naiveMerge(grid: Grid, row: number, column: number): MergedArea | undefined {
  const rowCount = grid.rows.length;
  let columns = 0;
  for (const r of grid.rows) if (r && r.length > columns) columns = r.length;
  let found: MergedArea | undefined;
  for (const m of grid.merges ?? []) {
    const bottom = Math.min(m.bottom, rowCount - 1);
    const right = Math.min(m.right, columns - 1);
    if ((bottom - m.top + 1) * (right - m.left + 1) > 10_000) continue;
    if (
      row >= Math.max(m.top, 0) &&
      row <= bottom &&
      column >= Math.max(m.left, 0) &&
      column <= right
    )
      found = { top: m.top, left: m.left, bottom, right };
  }
  return found;
}

describe('merged areas by row', () => {
  it('rows under more than 16 areas (side by side, overlapping) answer like a per-cell table', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            top: fc.integer({ min: -1, max: 5 }),
            left: fc.integer({ min: -1, max: 60 }),
            h: fc.nat(2),
            w: fc.nat(4),
          }),
          { minLength: 17, maxLength: 60 },
        ),
        (areas) => {
          const rows = Array.from({ length: 8 }, (_, r) =>
            r === 0 ? Array.from({ length: 64 }, () => cell('x')) : [cell(r)],
          );
          const merges = areas.map((a) => ({
            top: a.top,
            left: a.left,
            bottom: a.top + a.h,
            right: a.left + a.w,
          }));
          const grid: Grid = { rows, merges };
          const view = new SheetView(grid);
          for (let r = -1; r <= 8; r++)
            for (let c = -1; c <= 65; c++) expect(view.merge(r, c)).toEqual(naiveMerge(grid, r, c));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('40 areas of 5,000 rows each (200,000 rows in all): found by block beyond the row filing', () => {
    const rows: (Cell | undefined)[][] = Array.from({ length: 5_100 }, (_, r) => [cell(r)]);
    (rows[0] as (Cell | undefined)[])[45] = cell('x');
    const merges = Array.from({ length: 40 }, (_, i) => ({
      top: i,
      left: i,
      bottom: i + 4_999,
      right: i,
    }));
    // One more, listed last, over part of the first column: the last listed wins.
    merges.push({ top: 2_000, left: 0, bottom: 2_001, right: 1 });
    const grid: Grid = { rows, merges };
    const view = new SheetView(grid);
    for (const r of [0, 1, 19, 20, 39, 40, 1_999, 2_000, 2_001, 4_999, 5_000, 5_038, 5_039, 5_099])
      for (let c = 0; c <= 45; c++) expect(view.merge(r, c)).toEqual(naiveMerge(grid, r, c));
    expect(view.merge(2_000, 0)).toEqual({ top: 2_000, left: 0, bottom: 2_001, right: 1 });
    expect(view.merge(40, 39)).toEqual({ top: 39, left: 39, bottom: 5_038, right: 39 });
    expect(view.merge(30, 39)).toBeUndefined();
  });
});
