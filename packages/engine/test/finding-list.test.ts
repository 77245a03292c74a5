import { describe, expect, it } from 'vitest';
import type { SheetFinding } from '../src/annex/check.js';
import { Tally } from '../src/annex/summary.js';
import {
  COMPACT_FROM,
  FindingKeeper,
  FindingStore,
  findingsOf,
  withChanges,
  withFindingStore,
} from '../src/finding-list.js';
import { cellAtIndex, cellIndex, toA1 } from '../src/grid.js';
import { checkSheet, withNotices } from '../src/index.js';
import { readGridFixture } from './fixtures/grid-text.js';

/** Same keys in the same order, each value the same (Object.is: −0, NaN), objects shared. */
function expectSame(made: unknown, original: unknown): void {
  const a = made as Record<string, unknown>;
  const b = original as Record<string, unknown>;
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const key of Object.keys(b)) {
    if (!Object.is(a[key], b[key]))
      throw new Error(`${key}: ${String(a[key])} is not ${String(b[key])}`);
  }
}

const minimum = {
  value: 80,
  comparator: 'at-least',
  source: 'quarterly',
  unit: { kind: 'percent' },
};
const unit = { name: 'Xã Tân Phú', level: 'xa', row: 9 };

/** Findings of many shapes and awkward values: what a check gives, and what it might. */
function awkward(): SheetFinding[] {
  const out: Record<string, unknown>[] = [
    {
      code: 'met',
      indicatorId: 'a',
      quarter: 1,
      targetRow: 0,
      ref: undefined,
      value: 84.3,
      minimum,
      margin: 4.3,
      cell: 'J40',
      sheet: 'Tổng hợp',
      forUnit: unit,
    },
    {
      code: 'met',
      indicatorId: 'a',
      quarter: 2,
      targetRow: 0,
      ref: undefined,
      value: 80,
      minimum,
      margin: 0,
      cell: 'XFD1048576',
      sheet: 'Tổng hợp',
      forUnit: unit,
    },
    {
      code: 'below-minimum',
      indicatorId: 'b',
      quarter: 3,
      value: -0,
      minimum,
      gap: 80,
      nearMiss: false,
      cell: 'A1',
      sheet: 'S',
    },
    {
      code: 'below-minimum',
      indicatorId: 'b',
      quarter: 3,
      value: Number.NaN,
      minimum,
      gap: -1.5,
      nearMiss: true,
      cell: 'a1',
      sheet: 'S',
    },
    {
      code: 'invalid-value',
      indicatorId: 'c',
      quarter: 4,
      reason: 'unit',
      raw: '11,3/18',
      value: 2 ** 32,
      cell: '$B$7',
      sheet: undefined,
    },
    {
      code: 'invalid-value',
      indicatorId: 'c',
      quarter: 4,
      reason: 'unit',
      raw: true,
      value: 2 ** 32 - 1,
      cell: 'B07',
    },
    {
      code: 'missing-value',
      indicatorId: 'd',
      quarter: 1,
      reason: 'absent',
      raw: null,
      cell: 'A300000',
    },
    {
      code: 'not-applicable',
      indicatorId: 'e',
      reason: 'level',
      appliesTo: { levels: ['so'], agencies: [] },
    },
    { code: 'not-applicable', reason: 'level', indicatorId: 'e' }, // the same keys in another order
    { code: 'unrecognised-row', text: 'Ghi chú', row: 12, stt: '1.2', cell: 'B12', sheet: 'S' },
    {
      code: 'target-mismatch',
      indicatorId: 'f',
      target: 'annual',
      official: 100,
      value: 1e21,
      lowered: false,
      unit: { kind: 'percent' },
      raw: -7,
      cell: 'AAA1',
    },
    {
      code: 'met',
      indicatorId: 'a',
      quarter: 1,
      value: Number.POSITIVE_INFINITY,
      minimum,
      margin: Number.MIN_VALUE,
      cell: 'ZZ9',
      sheet: 'Một trang tính khác',
    },
    { code: 'met', sheet: 7, indicatorId: 'x' }, // a constant field that is not a string: kept as it is
    { code: 'met', cell: '', indicatorId: '' },
    { code: 'met', cell: 'XFE1', indicatorId: 'y' }, // beyond Excel's last column
  ];
  const many: Record<string, unknown> = { code: 'met' };
  for (let k = 0; k < 70; k++) many[`k${k}`] = k;
  out.push(many);
  return out as unknown as SheetFinding[];
}

describe('FindingStore', () => {
  it('gives back every finding as it was added: keys in order, values, shared objects', () => {
    const findings = awkward();
    const store = new FindingStore();
    store.addAll(findings);
    expect(store.length).toBe(findings.length);
    for (const [i, f] of findings.entries()) expectSame(store.at(i), f);
    expect((store.at(0) as { minimum: unknown }).minimum).toBe(minimum);
    expect((store.at(0) as { forUnit: unknown }).forUnit).toBe(unit);
    // each read makes its own object
    expect(store.at(0)).not.toBe(store.at(0));
    expect(store.at(-1)).toEqual(findings.at(-1));
    expect(store.at(findings.length)).toBeUndefined();
    expect(store.at(-findings.length - 1)).toBeUndefined();
  });

  it('reads like an array: iteration, filter, find, some, map', () => {
    const findings = awkward();
    const store = new FindingStore();
    store.addAll(findings);
    expect([...store]).toEqual(findings);
    const isMet = (f: SheetFinding) => f.code === 'met';
    expect(store.filter(isMet)).toEqual(findings.filter(isMet));
    expect(store.find((f) => f.code === 'target-mismatch')).toEqual(findings[10]);
    expect(store.find((f) => f.code === 'not-an-annex')).toBeUndefined();
    expect(store.some((f) => f.indicatorId === 'd')).toBe(true);
    expect(store.some((f) => f.indicatorId === 'zz')).toBe(false);
    expect(store.map((f, i) => `${i}:${f.code}`)).toEqual(findings.map((f, i) => `${i}:${f.code}`));
    expect(store.toArray()).toEqual(findings);
  });

  it('puts the findings given with lead before those added', () => {
    const findings = awkward();
    const store = new FindingStore();
    store.addAll(findings.slice(3));
    store.lead(findings.slice(0, 3));
    expect(store.length).toBe(findings.length);
    expect([...store]).toEqual(findings);
    expect(store.at(1)).toBe(findings[1]); // the lead is kept as it is
  });

  it('keeps hundreds of thousands of findings across its chunks, and crosses a structured clone', () => {
    const store = new FindingStore();
    const n = 200_003;
    const make = (i: number): SheetFinding =>
      (i % 3 === 0
        ? {
            code: 'met',
            indicatorId: `i${i % 80}`,
            quarter: (i % 4) + 1,
            value: i + 0.5,
            minimum,
            margin: i / 7,
            cell: toA1(i, i % 60),
            forUnit: unit,
          }
        : i % 3 === 1
          ? {
              code: 'not-applicable',
              indicatorId: `i${i % 80}`,
              reason: 'agency',
              cell: toA1(i, 3),
            }
          : {
              code: 'below-minimum',
              indicatorId: 'z',
              quarter: 2,
              value: -i,
              minimum,
              gap: i * 1.25,
              nearMiss: i % 2 === 0,
              cell: toA1(i % 1000, i % 16_384),
            }) as unknown as SheetFinding;
    for (let i = 0; i < n; i++) store.add(make(i));
    expect(store.length).toBe(n);
    for (const i of [0, 1, 2, 65_535, 65_536, 65_537, 131_071, 131_072, 199_999, n - 1])
      expect(store.at(i), String(i)).toEqual(make(i));
    let i = 0;
    for (const f of store) {
      if (i % 997 === 0) expectSame(f, make(i));
      i++;
    }
    expect(i).toBe(n);
    const again = FindingStore.fromData(structuredClone(store.toData()));
    expect(again.length).toBe(n);
    for (const k of [0, 65_536, 150_000, n - 1]) expect(again.at(k)).toEqual(make(k));
    // one minimum in the clone, shared by its findings as in the store
    expect((again.at(0) as { minimum: unknown }).minimum).toBe(
      (again.at(3) as { minimum: unknown }).minimum,
    );
    again.add(make(5));
    expect(again.at(n)).toEqual(make(5));
  });

  it('keeps numbers and shared values on both sides of 65,536 (two and four bytes)', () => {
    const store = new FindingStore();
    const made: SheetFinding[] = [];
    for (let i = 0; i < 70_000; i++) {
      // a new text each time: the table of values passes 65,536; numbers around 2^16 too
      const f = {
        code: 'invalid-value',
        indicatorId: 'a',
        quarter: 1,
        reason: 'unit',
        raw: `${i}/18`,
        value: 65_530 + (i % 12),
        row: i % 3 === 0 ? 65_535 : 65_536,
        cell: toA1(i, 1),
      } as unknown as SheetFinding;
      made.push(f);
      store.add(f);
    }
    for (const i of [0, 1, 11, 65_534, 65_535, 65_536, 65_537, 69_999])
      expectSame(store.at(i), made[i]);
    expect([...store]).toEqual(made);
  });

  it('keeps a narrower value in a wider slot: findings of one arrangement take few shapes', () => {
    const store = new FindingStore();
    const made: SheetFinding[] = [];
    const add = (f: Record<string, unknown>) => {
      made.push(f as unknown as SheetFinding);
      store.add(f as unknown as SheetFinding);
    };
    // met and not-applicable alternate cell by cell, as on a consolidated sheet; each value is
    // an integer or a fraction, small or large, and the cell canonical or not
    for (let i = 0; i < 4_000; i++) {
      const value = [84.3, 80, -0, 70_000, 2 ** 32, 3][i % 6] as number;
      add({
        code: 'met',
        indicatorId: `i${i % 7}`,
        quarter: (i % 4) + 1,
        value,
        minimum,
        margin: i % 5 === 0 ? 0.25 : i,
        cell: i % 11 === 0 ? 'b7' : toA1(i, 9),
        forUnit: unit,
      });
      add({
        code: 'not-applicable',
        indicatorId: `i${i % 7}`,
        reason: i % 2 === 0 ? 'level' : 'agency',
        raw: i % 3 === 0 ? null : i % 3 === 1 ? 7 : 'x',
        cell: toA1(i, 3),
      });
    }
    for (const [i, f] of made.entries()) expectSame(store.at(i), f);
    expect([...store]).toEqual(made);
    // a fraction before an integer: the integer is kept in the fraction's slot, not a shape of
    // its own; a canonical cell fits a reference slot. Without that, this is one shape for each
    // mix of kinds (14 here).
    expect(store.toData().shapes.length).toBeLessThanOrEqual(6);
    const again = FindingStore.fromData(structuredClone(store.toData()));
    for (const i of [0, 1, 2, 7, 22, 7_999]) expect(again.at(i)).toEqual(made[i]);
  });

  it('keeps a finding of a shape beyond its shapes as it is', () => {
    const store = new FindingStore();
    const findings: SheetFinding[] = [];
    for (let k = 0; k < 2100; k++)
      findings.push({ code: 'met', [`field${k}`]: k, indicatorId: 'a' } as unknown as SheetFinding);
    store.addAll(findings);
    for (const [k, f] of findings.entries()) expectSame(store.at(k), f);
    expect(store.at(2099)).toBe(findings[2099]);
  });
});

describe('cellIndex', () => {
  it('packs the addresses toA1 writes and nothing else', () => {
    for (const [row, column] of [
      [0, 0],
      [6, 1],
      [99, 25],
      [1_048_575, 16_383],
      [262_143, 16_383],
      [9, 702],
    ]) {
      const a1 = toA1(row as number, column as number);
      expect(cellIndex(a1)).toBe((row as number) * 16_384 + (column as number));
      expect(cellAtIndex(cellIndex(a1))).toBe(a1);
    }
    for (const a1 of [
      '',
      'A',
      '1',
      'A0',
      'A01',
      'a1',
      '$A$1',
      'A1:B2',
      'XFE1',
      'A1048577',
      'AAAA1',
      ' A1',
      'A1 ',
      'Ä1',
    ])
      expect(cellIndex(a1), a1).toBe(-1);
  });
});

describe('a check whose findings are in a store', () => {
  // a unit table of 17,000 units, one value each (past COMPACT_FROM): seed 001's 2024 payment
  // targets, Quý I from the title
  const rows: { value: string | number }[][] = [
    [{ value: 'KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024' }],
    [],
    ['STT', 'Tên đơn vị', 'Cấp', 'Kết quả Quý I/2024'].map((value) => ({ value })),
  ];
  for (let i = 1; i <= 17_000; i++)
    rows.push([
      { value: i },
      { value: `Sở Số ${i}` },
      { value: 'Cấp tỉnh' },
      { value: `${30 + (i % 60)}%` },
    ]);
  const grid = { name: 'Thanh toán', rows };

  it('keeps them there through withNotices, and a spread makes them an array', () => {
    const result = checkSheet(grid, { marks: false });
    const store = findingsOf(result);
    if (!(store instanceof FindingStore)) return expect.unreachable('a unit table keeps a store');
    expect(store.length).toBe(result.summary.total);
    const noticed = withNotices(result, [
      { code: 'no-results', targetsCompared: 0, mismatches: 0 },
    ]);
    expect(findingsOf(noticed)).toBe(store);
    expect(noticed.notices.map((n) => n.code)).toContain('no-results');
    const spread = { ...noticed };
    expect(Array.isArray(findingsOf(spread))).toBe(true);
    expect(spread.findings).toEqual([...store]);
    // once read, `findings` is an array, kept: the same objects each time
    expect(result.findings).toBe(result.findings);
    expect(findingsOf(result)).toBe(result.findings);
  });

  it("keeps a small table's findings as an array, a large one's in a store: the same findings", () => {
    // seed 001's online-payment rates of 13 units, Quý I/2024
    const small = checkSheet(readGridFixture('unit-tt-2024-q1'), { marks: false });
    expect(small.findings.length).toBeLessThan(COMPACT_FROM);
    expect(Array.isArray(findingsOf(small))).toBe(true);
    const large = checkSheet(grid, { marks: false });
    expect(large.summary.total).toBe(17_000);
    expect(findingsOf(large)).toBeInstanceOf(FindingStore);
    // the first 16,384 went to the store from the array, the rest straight: all alike
    const keeper = new FindingKeeper(3);
    const made = [...findingsOf(large)].slice(0, 10);
    keeper.addAll(made.slice(2));
    keeper.lead(made.slice(0, 2));
    const check = keeper.check<{ findings: readonly SheetFinding[]; n: number }>({ n: 1 });
    expect(findingsOf(check)).toBeInstanceOf(FindingStore);
    expect(check.findings).toEqual(made);
    const few = new FindingKeeper(100);
    few.addAll(made.slice(2));
    few.lead(made.slice(0, 2));
    const plain = few.check<{ findings: readonly SheetFinding[] }>({});
    expect(Array.isArray(findingsOf(plain))).toBe(true);
    expect(plain.findings).toEqual(made);
    // Sở Số 16385's 35 % (30 + 16,385 mod 60) is short of the 40 % minimum
    expect(large.findings.at(16_384)).toMatchObject({
      code: 'below-minimum',
      value: 35,
      cell: 'D16388',
      forUnit: { name: 'Sở Số 16385' },
    });
  });

  it('counts the same summary as the findings it gives', () => {
    const result = checkSheet(grid, { marks: false });
    const tally = new Tally();
    tally.addAll(result.findings);
    expect(result.summary).toEqual(tally.summary());
    expect(result.summary.total).toBe(result.findings.length);
  });
});

describe('withChanges and withFindingStore', () => {
  it('change fields and keep the store; a check without one is spread', () => {
    const store = new FindingStore();
    store.addAll(awkward());
    const check = withFindingStore<{ findings: readonly SheetFinding[]; note: string; n: number }>(
      { note: 'a', n: 1 },
      store,
    );
    const changed = withChanges(check, { note: 'b' });
    expect(changed.note).toBe('b');
    expect(changed.n).toBe(1);
    expect(findingsOf(changed)).toBe(store);
    const plain = { findings: awkward(), note: 'a' };
    const changedPlain = withChanges(plain, { note: 'c' });
    expect(changedPlain).toEqual({ findings: plain.findings, note: 'c' });
    expect(changedPlain.findings).toBe(plain.findings);
  });
});

describe('Tally', () => {
  it('after(): the earlier part first, its indicators in their order, then the later', () => {
    const f = (code: string, indicatorId?: string) => ({ code, indicatorId }) as SheetFinding;
    const head = new Tally();
    head.addAll([f('target-mismatch', 'b'), f('unrecognised-row')]);
    const body = new Tally();
    body.addAll([f('met', 'a'), f('met', 'b'), f('below-minimum', 'a')]);
    const joined = body.after(head).summary();
    const whole = new Tally();
    whole.addAll([
      f('target-mismatch', 'b'),
      f('unrecognised-row'),
      f('met', 'a'),
      f('met', 'b'),
      f('below-minimum', 'a'),
    ]);
    expect(joined).toEqual(whole.summary());
    expect(joined.byIndicator.map((x) => x.indicatorId)).toEqual(['b', 'a']);
    expect(joined.total).toBe(5);
    expect(joined.byCode.met).toBe(2);
    expect(joined.byCode['unrecognised-row']).toBe(1);
  });
});
