/**
 * Fractions in a unit table's results columns (issue 14): a rate typed as a fraction of 1 in a
 * General cell ("0,761", 0.482) is read by the annex's scale rules (`annex/scale.ts`), column by
 * column over every unit's cell: a column of fractions is read × 100 and said once; a column
 * that mixes 0.48 with 76 leaves each small number ambiguous; a lone 1 is ambiguous; a text with
 * "%" ("76,1%/40%") says its own scale.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck } from '../src/annex/check.js';
import type { Grid } from '../src/grid.js';
import { parseGridText } from './fixtures/grid-text.js';

function grid(lines: readonly (readonly string[])[]): Grid {
  return parseGridText([...lines.map((l) => l.join('\t')), '%name Thanh toán'].join('\n'));
}

/** Seed 001's payment table, Quý I/2024, with the result cells given (column E, rows 4–7). */
function table(results: readonly string[], second?: readonly string[]): Grid {
  const units = [
    ['1', 'Sở Nông nghiệp và Phát triển nông thôn', 'Cấp tỉnh'],
    ['2', 'Sở Y tế', 'Cấp tỉnh'],
    ['3', 'Sở Nội vụ', 'Cấp tỉnh'],
    ['4', 'UBND thành phố Đồng Xoài', 'Cấp huyện'],
  ];
  return grid([
    ['KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024'],
    [],
    [
      'STT',
      'Tên đơn vị',
      'Cấp',
      'Kết quả Quý I/2024',
      ...(second ? ['Thanh toán trực tuyến Quý II/2024'] : []),
    ],
    ...units.map((u, k) => [...u, results[k] ?? '', ...(second ? [second[k] ?? ''] : [])]),
  ]);
}

/** cell, code, value (or the readings of an ambiguous one), minimum. */
function digest(r: SheetCheck) {
  return r.findings.map((f) => [
    f.cell,
    f.code,
    f.code === 'invalid-value' ? f.readings : 'value' in f ? f.value : undefined,
    'minimum' in f && f.minimum ? f.minimum.value : undefined,
  ]);
}

describe('fractions in a unit table', () => {
  it('a column of fractions (General numbers and "0,761") is read × 100, and said once', () => {
    const r = checkSheet(table(['="0,761"', '=0.408', '=0', '=0.482']));
    expect(r.status).toBe('checked');
    expect(digest(r)).toEqual([
      ['D4', 'met', 76.1, 40],
      ['D5', 'met', 40.8, 40],
      ['D6', 'below-minimum', 0, 40],
      ['D7', 'met', 48.2, 30],
    ]);
    expect(r.notices.filter((n) => n.code === 'fractions-read')).toEqual([
      {
        code: 'fractions-read',
        column: 'D',
        quarter: 1,
        count: 3,
        cells: ['D4', 'D5', 'D7'],
        example: 0.761,
      },
    ]);
  });

  it('a column of percent-formatted cells makes a General 0.5 beside them a fraction too', () => {
    const r = checkSheet(table(['=0.761 @0.0%', '=0.5', '=0.25 @0%', '']));
    expect(digest(r)).toEqual([
      ['D4', 'met', 76.1, 40],
      ['D5', 'met', 50, 40],
      ['D6', 'below-minimum', 25, 40],
      ['D7', 'missing-value', undefined, 30],
    ]);
    expect(r.notices.find((n) => n.code === 'fractions-read')).toMatchObject({
      cells: ['D5'],
      count: 1,
    });
  });

  it('a column mixing 0.48 with 76: each small number is ambiguous, never a shortfall', () => {
    const r = checkSheet(table(['=76', '=0.48', '40,5', '=35']));
    expect(digest(r)).toEqual([
      ['D4', 'met', 76, 40],
      ['D5', 'invalid-value', [0.48, 48], 40],
      ['D6', 'met', 40.5, 40],
      ['D7', 'met', 35, 30],
    ]);
    expect(r.findings[1]).toMatchObject({ reason: 'ambiguous-scale', ambiguity: 'mixed' });
    expect(r.notices.some((n) => n.code === 'fractions-read')).toBe(false);
  });

  it('only 1s and 0s: each 1 is ambiguous (1% or 100%)', () => {
    const r = checkSheet(table(['=1', '=0', '=1', '']));
    expect(digest(r).map((d) => [d[0], d[1], d[2]])).toEqual([
      ['D4', 'invalid-value', [1, 100]],
      ['D5', 'below-minimum', 0],
      ['D6', 'invalid-value', [1, 100]],
      ['D7', 'missing-value', undefined],
    ]);
    expect(r.findings[0]).toMatchObject({ ambiguity: 'ones' });
  });

  it('"76,1%/40%" says its own scale beside fractions; its target is still compared', () => {
    const r = checkSheet(table(['76,1%/40%', '=0.408', '=0.3', '0,482/0,3']));
    expect(digest(r)).toEqual([
      ['D4', 'met', 76.1, 40],
      ['D5', 'met', 40.8, 40],
      ['D6', 'below-minimum', 30, 40],
      // a ratio of fractions is no rate: unreadable, not a fraction column's evidence
      ['D7', 'invalid-value', undefined, 30],
    ]);
  });

  it('each column has its scale: fractions in one, percentage points in the next', () => {
    const r = checkSheet(
      table(['=0.761', '=0.408', '=0.3', '=0.482'], ['=80', '=45', '=0.5', '=31']),
      // Quý II: 50% for departments, 40% for districts
    );
    expect(digest(r)).toEqual([
      ['D4', 'met', 76.1, 40],
      ['E4', 'met', 80, 50],
      ['D5', 'met', 40.8, 40],
      ['E5', 'below-minimum', 45, 50],
      ['D6', 'below-minimum', 30, 40],
      ['E6', 'invalid-value', [0.5, 50], 50],
      ['D7', 'met', 48.2, 30],
      ['E7', 'below-minimum', 31, 40],
    ]);
    expect(r.notices.filter((n) => n.code === 'fractions-read').map((n) => n.column)).toEqual([
      'D',
    ]);
  });

  it('marks a fraction column on a percent scale: a retyped 0.39 there is below 40%', () => {
    const r = checkSheet(table(['=0.761', '=0.408', '=0.3', '=0.482']));
    const below = r.markPlan.groups.find((g) => g.status === 'below-minimum')?.cells;
    expect(below?.map((c) => [c.cell, c.minimum])).toEqual([
      ['D6', { comparator: 'at-least', value: 0.4 }],
    ]);
  });
});
