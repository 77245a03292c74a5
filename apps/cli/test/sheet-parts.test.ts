import { FindingStore, type SheetFinding } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { sheetParts, type WantedQuarter } from '../src/report/sheet-parts.js';

const A = { name: 'Xã A', row: 9, column: 4 };
const B = { name: 'Xã B', row: 9, column: 8 };
const met = (unit: object | undefined, cell: string, quarter = 2) =>
  ({ code: 'met', indicatorId: 'i1', quarter, cell, ...(unit ? { forUnit: unit } : {}) }) as never;
const missing = (unit: object | undefined, cell: string) =>
  ({
    code: 'missing-value',
    reason: 'blank',
    indicatorId: 'i2',
    quarter: 2,
    cell,
    ...(unit ? { forUnit: unit } : {}),
  }) as never;
const mismatch = (unit: object | undefined) =>
  ({
    code: 'target-mismatch',
    indicatorId: 'i1',
    cell: 'C5',
    ...(unit ? { forUnit: unit } : {}),
  }) as never;

describe('sheetParts', () => {
  // A's findings first, B's, then A again (its own copy of the unit: the same place), and a
  // finding of the sheet's own that names no unit.
  const findings: SheetFinding[] = [
    met(A, 'D10'),
    missing(A, 'D11'),
    met(B, 'H10'),
    mismatch(undefined),
    missing({ ...A }, 'D12'),
    mismatch(B),
    met(A, 'D13'),
    missing(B, 'H11'),
  ];

  for (const [name, list] of [
    ['an array', findings],
    [
      'a store',
      (() => {
        const s = new FindingStore();
        s.addAll(findings);
        return s;
      })(),
    ],
  ] as const)
    it(`gives each unit its issues' positions, counts, mismatches and wanted findings (${name})`, () => {
      const wantA: WantedQuarter = { quarter: 2, cell: 'D13', status: 'met' };
      const wantB: WantedQuarter = { quarter: 2, cell: 'H11', status: 'missing-value' };
      const absent: WantedQuarter = { quarter: 3, cell: 'D13', status: 'met' };
      const asked: (object | undefined)[] = [];
      const found = new Map<WantedQuarter, SheetFinding>();
      const parts = sheetParts(
        list,
        (unit) => {
          asked.push(unit);
          if (unit === A) return new Map([['i1', [wantA, absent]]]);
          if (unit === B) return new Map([['i2', [wantB]]]);
          return undefined;
        },
        found,
      );
      expect(asked).toEqual([undefined, A, B]);
      expect(parts.map((p) => p.unit?.name)).toEqual(['Xã A', 'Xã B']);
      expect([...(parts[0]?.issues ?? [])]).toEqual([1, 4]);
      // a target mismatch needs review too
      expect([...(parts[1]?.issues ?? [])]).toEqual([5, 7]);
      expect(parts[0]?.counts.met).toBe(2);
      expect(parts[0]?.counts['missing-value']).toBe(2);
      expect(parts[0]?.counts['target-mismatch']).toBe(0);
      expect(parts[1]?.counts['target-mismatch']).toBe(1);
      expect(parts[0]?.mismatches).toEqual([]);
      expect(parts[1]?.mismatches).toEqual([mismatch(B)]);
      expect(found.get(wantA)).toEqual(met(A, 'D13'));
      expect(found.get(wantB)).toEqual(missing(B, 'H11'));
      expect(found.has(absent)).toBe(false);
    });

  it('gives an annex one part, the whole sheet, and the first finding a quarter asks for', () => {
    const want: WantedQuarter = { quarter: 2, cell: 'D10', status: 'met' };
    const sheet = [met(undefined, 'D10'), met(undefined, 'D10'), missing(undefined, 'D11')];
    const found = new Map<WantedQuarter, SheetFinding>();
    const parts = sheetParts(sheet, () => new Map([['i1', [want]]]), found);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.unit).toBeUndefined();
    expect([...(parts[0]?.issues ?? [])]).toEqual([2]);
    expect(found.get(want)).toBe(sheet[0]);
  });

  it('keeps every issue past the first growth of its list (40 units, 1,000 issues each)', () => {
    const units = Array.from({ length: 40 }, (_, u) => ({
      name: `Xã ${u}`,
      row: 9,
      column: 4 * u + 1,
    }));
    const store = new FindingStore();
    for (let i = 0; i < 40_000; i++) store.add(missing(units[i % 40], `A${i + 1}`));
    const parts = sheetParts(store, () => undefined, new Map());
    expect(parts).toHaveLength(40);
    expect(parts[7]?.issues.length).toBe(1000);
    expect(parts[7]?.issues[999]).toBe(39_967);
    expect(parts[39]?.counts['missing-value']).toBe(1000);
  });
});
