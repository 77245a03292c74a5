import { describe, expect, it } from 'vitest';
import { locateFindings, type Placed, type SheetOnly, SlotPlaces } from '../src/annex/locate.js';
import type { EvaluationFinding, Quarter } from '../src/findings.js';
import { toA1 } from '../src/grid.js';

/** `n` slots in a scrambled order of cells (rows 0–n/12, columns 0–5: two slots a cell), each one finding. */
function scrambled(n: number) {
  const rows = new Int32Array(n);
  const columns = new Int32Array(n);
  const evaluated: EvaluationFinding<number>[] = [];
  for (let i = 0; i < n; i++) {
    // A fixed permutation with ties: several slots share a cell, in an order they must keep.
    const k = (i * 7919) % n;
    rows[i] = Math.floor(k / 6) % Math.max(1, Math.floor(n / 12));
    columns[i] = k % 6;
    evaluated.push({
      code: 'missing-value',
      indicatorId: `i${i}`,
      quarter: 1 as Quarter,
      reason: 'blank',
      raw: null,
      ref: i,
    });
  }
  // One finding without a slot: after every located one.
  evaluated.push({ code: 'not-applicable', indicatorId: 'none', reason: 'level' });
  const places = new SlotPlaces(rows, columns, (row, column) => toA1(row, column));
  return { evaluated, places, rows, columns };
}

/** The expected order: by row, then column, equal cells in the order given, cell-less last. */
function expected(n: number, rows: Int32Array, columns: Int32Array): string[] {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      (rows[a] as number) - (rows[b] as number) ||
      (columns[a] as number) - (columns[b] as number) ||
      a - b,
  );
  return [...order.map((i) => `i${i}`), 'none'];
}

describe('locateFindings puts findings in sheet order', () => {
  for (const n of [12, 4096, 4097, 9000]) {
    it(`${n} findings out of order, ties kept in their order`, () => {
      const { evaluated, places, rows, columns } = scrambled(n);
      const { findings } = locateFindings(evaluated, places, new Set([1 as Quarter]), [], 'Sheet1');
      expect(findings.map((f) => f.indicatorId)).toEqual(expected(n, rows, columns));
      const first = findings[0] as (typeof findings)[number];
      expect(first.cell).toBe(toA1(rows[Number(first.indicatorId?.slice(1))] as number, 0));
      expect(first.sheet).toBe('Sheet1');
      expect(findings[n]?.cell).toBeUndefined();
    });
  }

  it('findings of the sheet only (mismatches) take their place among the others', () => {
    const { evaluated, places } = scrambled(12);
    const mismatch: Placed<SheetOnly> = {
      finding: {
        code: 'target-mismatch',
        indicatorId: 'mismatch',
        column: 'annual',
        official: 80,
        written: 70,
      } as unknown as SheetOnly,
      at: { row: 0, column: 0, cell: undefined, a1: 'A1' },
    };
    const { findings } = locateFindings(
      evaluated,
      places,
      new Set([1 as Quarter]),
      [mismatch],
      undefined,
    );
    // Row 0, column 0: after the evaluated findings of A1 (they came first), before B1.
    const a1 = findings.filter((f) => f.cell === 'A1').map((f) => f.indicatorId);
    expect(a1[a1.length - 1]).toBe('mismatch');
    expect(findings.findIndex((f) => f.cell === 'B1')).toBeGreaterThan(
      findings.findIndex((f) => f.indicatorId === 'mismatch'),
    );
    expect(findings.every((f) => f.sheet === undefined)).toBe(true);
  });
});
