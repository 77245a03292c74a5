// Plans kept per target set (evaluate.ts `plan`): units evaluated one after another against the
// same set object, in any order, get the rows and minimums each would get alone.
import { describe, expect, it } from 'vitest';
import {
  type AchievedValue,
  applicableRow,
  evaluate,
  minimumFor,
  type UnitRef,
} from '../src/evaluate.js';
import type { EvaluationFinding, Quarter } from '../src/findings.js';
import type { ParsedValue } from '../src/parse/types.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;

const pct = (value: number): ParsedValue => ({
  kind: 'number',
  value,
  scale: 'percent',
  how: 'text-percent',
  raw: `${value}%`,
});

/** One value per indicator and quarter, 1 to `quarter`. */
function valuesOf(set: TargetSet, quarter: Quarter): AchievedValue<number>[] {
  const values: AchievedValue<number>[] = [];
  for (const ind of set.indicators)
    for (let q = 1; q <= quarter; q++)
      values.push({
        indicatorId: ind.id,
        quarter: q as Quarter,
        value: pct(72),
        ref: values.length,
      });
  return values;
}

const units: UnitRef[] = [
  { level: 'so', name: 'Sở Nội vụ' },
  { level: 'so', name: 'Sở Tư pháp' },
  { level: 'so', name: 'Văn phòng UBND tỉnh' },
  { level: 'so' },
  { level: 'huyen', name: 'UBND huyện Bù Đốp' },
  { level: 'huyen', name: 'Sở Tư pháp' },
  { level: 'xa', name: '  ' },
  { level: 'xa' },
  { level: 'khong-co' },
];

/** What `applicableRow` and `minimumFor` say each indicator's findings hold, for one unit. */
function expected(set: TargetSet, unit: UnitRef, quarter: Quarter) {
  return set.indicators.map((ind) => {
    const choice = applicableRow(ind, unit);
    if (!choice.row) return { id: ind.id, rows: [], minimums: [], reason: choice.reason };
    const minimums = [];
    for (let q = 1; q <= quarter; q++) minimums.push(minimumFor(ind, choice.row, q as Quarter));
    return {
      id: ind.id,
      rows: minimums.map(() => choice.index),
      minimums,
      reason: undefined,
    };
  });
}

function seen(set: TargetSet, findings: EvaluationFinding<number>[]) {
  return set.indicators.map((ind) => {
    const mine = findings.filter((f) => f.indicatorId === ind.id);
    const judged = mine.filter((f) => f.code !== 'not-applicable');
    const na = mine.find((f) => f.code === 'not-applicable');
    return {
      id: ind.id,
      rows: judged.map((f) => f.targetRow),
      minimums: judged.map((f) => ('minimum' in f ? f.minimum : undefined)),
      reason: na?.code === 'not-applicable' ? na.reason : undefined,
    };
  });
}

describe('plans kept per target set', () => {
  it('gives each unit, in any order, the rows and minimums applicableRow and minimumFor give', () => {
    const order = [...units, ...[...units].reverse(), ...units];
    for (const quarter of [4, 1, 3] as Quarter[]) {
      const values = valuesOf(bp, quarter);
      for (const unit of order) {
        const findings = evaluate({ targetSet: bp, unit, quarter, values });
        expect(seen(bp, findings)).toEqual(expected(bp, unit, quarter));
      }
    }
  });

  it('a named agency row is chosen only for the unit it names, before and after other units', () => {
    const id = 'chung-thuc-dien-tu';
    const rowOf = (unit: UnitRef) =>
      evaluate({ targetSet: bp, unit, quarter: 1, values: valuesOf(bp, 1) }).find(
        (f) => f.indicatorId === id,
      );
    const other = rowOf({ level: 'so', name: 'Sở Nội vụ' });
    const named = rowOf({ level: 'so', name: 'Sở Tư pháp' });
    const again = rowOf({ level: 'so', name: 'Sở Nội vụ' });
    expect(other).toMatchObject({ code: 'not-applicable', reason: 'level' });
    expect(again).toEqual(other);
    expect(named?.code).not.toBe('not-applicable');
    const indicator = bp.indicators.find((i) => i.id === id);
    if (!indicator) throw new Error('fixture');
    expect(named?.targetRow).toBe(
      applicableRow(indicator, { level: 'so', name: 'Sở Tư pháp' }).index,
    );
  });

  it('a copy of the set gives equal findings to the set itself', () => {
    const copy = structuredClone(bp);
    for (const unit of units) {
      const values = valuesOf(bp, 4);
      expect(evaluate({ targetSet: copy, unit, quarter: 4, values })).toEqual(
        evaluate({ targetSet: bp, unit, quarter: 4, values }),
      );
    }
  });

  it('more units than plans kept (64) still get their own rows', () => {
    // 70 distinct agency choices cannot all be kept: every one is still right.
    const agencyOf = (k: number) => `Đơn vị ${k}`;
    const first = bp.indicators[0] as TargetSet['indicators'][number];
    const row = first.targets[0] as TargetSet['indicators'][number]['targets'][number];
    const set: TargetSet = {
      ...bp,
      indicators: Array.from({ length: 70 }, (_, k) => ({
        ...first,
        id: `chi-tieu-${k}`,
        targets: [
          {
            ...row,
            appliesTo: { levels: [], agencies: [agencyOf(k)] },
          },
        ],
      })),
    };
    for (const round of [0, 1])
      for (let k = 0; k < 70; k++) {
        const unit = { level: 'so', name: agencyOf(k) };
        const findings = evaluate({ targetSet: set, unit, quarter: 1, values: [] });
        const judged = findings.filter((f) => f.code === 'missing-value').map((f) => f.indicatorId);
        expect([round, judged]).toEqual([round, [`chi-tieu-${k}`]]);
      }
  });
});
