import { describe, expect, it } from 'vitest';
import {
  type AchievedValue,
  applicableRow,
  evaluate,
  minimumFor,
  type UnitRef,
} from '../src/evaluate.js';
import type { EvaluationFinding, Quarter } from '../src/findings.js';
import { INVALID_FIELDS, type ParsedValue } from '../src/parse/types.js';
import { type TargetSet, targetSetSchema } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const nq = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;
const tt2024 = getBuiltinTargetSet('binh-phuoc-2024-thanh-toan') as TargetSet;

const pct = (value: number): ParsedValue => ({
  kind: 'number',
  value,
  scale: 'percent',
  how: 'text-percent',
  raw: `${value}%`,
});
const blank: ParsedValue = { kind: 'missing', reason: 'blank', raw: null };
const v = (
  indicatorId: string,
  quarter: Quarter,
  value: ParsedValue,
  ref?: string,
): AchievedValue<string> => ({
  indicatorId,
  quarter,
  value,
  ...(ref ? { ref } : {}),
});

const so: UnitRef = { level: 'so', name: 'Sở Nội vụ' };
const huyen: UnitRef = { level: 'huyen', name: 'UBND huyện Bù Đốp' };

function only<R>(findings: EvaluationFinding<R>[], indicatorId: string): EvaluationFinding<R>[] {
  return findings.filter((f) => f.indicatorId === indicatorId);
}

describe('minimums', () => {
  const payment = bp.indicators.find((i) => i.id === 'thanh-toan-truc-tuyen');
  it("takes each quarter's roadmap minimum", () => {
    const row = payment?.targets[0];
    if (!payment || !row) throw new Error('fixture');
    expect([1, 2, 3, 4].map((q) => minimumFor(payment, row, q as Quarter)?.value)).toEqual([
      70, 75, 80, 85,
    ]);
    expect(minimumFor(payment, row, 2)).toMatchObject({
      comparator: 'at-least',
      source: 'quarterly',
    });
  });

  it('annual-only sets compare every quarter against the annual target', () => {
    const ind = nq.indicators.find((i) => i.id === 'tai-su-dung-du-lieu');
    const row = ind?.targets[0];
    if (!ind || !row) throw new Error('fixture');
    expect(minimumFor(ind, row, 1)).toMatchObject({
      value: 50,
      comparator: 'at-least',
      source: 'annual',
    });
    expect(minimumFor(ind, row, 3)).toMatchObject({ value: 50, source: 'annual' });
  });

  it('carries a minimum forward when the roadmap skips a quarter, and uses the annual target for Q4', () => {
    const ind = tt2024.indicators[0];
    const row = ind?.targets.find((t) => t.appliesTo.levels.includes('huyen'));
    if (!ind || !row) throw new Error('fixture');
    expect(minimumFor(ind, row, 1)).toMatchObject({ value: 30, source: 'quarterly' });
    expect(minimumFor(ind, row, 2)).toMatchObject({ value: 40, source: 'quarterly' });
    expect(minimumFor(ind, row, 3)).toMatchObject({
      value: 40,
      source: 'carried-forward',
      fromQuarter: 2,
    });
    expect(minimumFor(ind, row, 4)).toMatchObject({ value: 60, source: 'annual' });
  });
});

describe('which row applies', () => {
  it('picks the row of the unit level', () => {
    const ind = bp.indicators.find((i) => i.id === 'ho-so-truc-tuyen');
    if (!ind) throw new Error('fixture');
    expect(applicableRow(ind, so).index).toBe(0);
    expect(applicableRow(ind, huyen).index).toBe(1);
    expect(applicableRow(ind, { level: 'xa' })).toEqual({ reason: 'level' });
  });

  it('named agencies: only that agency, matched without diacritics or case', () => {
    const ind = bp.indicators.find((i) => i.id === 'nhiem-vu-chinh-phu-giao');
    if (!ind) throw new Error('fixture');
    expect(applicableRow(ind, { level: 'so', name: 'VĂN PHÒNG UBND TỈNH' }).index).toBe(0);
    expect(applicableRow(ind, { level: 'so', name: 'Van phong UBND tinh' }).index).toBe(0);
    expect(applicableRow(ind, so)).toEqual({ reason: 'agency' });
    expect(applicableRow(ind, { level: 'so' })).toEqual({ reason: 'agency' });
  });

  it('indicator 12 applies to Sở Tư pháp by name and to district and commune levels', () => {
    const ind = bp.indicators.find((i) => i.stt === '12');
    if (!ind) throw new Error('fixture');
    expect(applicableRow(ind, { level: 'so', name: 'Sở Tư pháp' }).index).toBe(0);
    expect(applicableRow(ind, { level: 'xa' }).index).toBe(0);
    expect(applicableRow(ind, so)).toEqual({ reason: 'level' });
  });
});

describe('evaluate', () => {
  it('an Excel error with any other typed field keeps both (every field of INVALID_FIELDS)', () => {
    // the finding of an error alone is made in one literal: a reading with one more field must
    // not take that path and lose the field (a field added to INVALID_FIELDS included)
    for (const key of INVALID_FIELDS.filter((k) => k !== 'error')) {
      const reading = {
        kind: 'invalid',
        reason: 'error-value',
        raw: '#N/A',
        error: '#N/A',
        [key]: `the ${key}`,
      } as ParsedValue;
      const [f] = only(
        evaluate({
          targetSet: bp,
          unit: so,
          quarter: 1,
          values: [v('thanh-toan-truc-tuyen', 1, reading, 'J8')],
        }),
        'thanh-toan-truc-tuyen',
      );
      expect(f, key).toHaveProperty('error', '#N/A');
      expect(f, key).toHaveProperty(key, `the ${key}`);
    }
  });

  it('an invalid value keeps every typed field its reading has, and only those', () => {
    // Each of INVALID_FIELDS set to a value of its own: the finding carries them all, unchanged.
    const every = Object.fromEntries(INVALID_FIELDS.map((key, i) => [key, `field ${i}`]));
    const reading = { kind: 'invalid', reason: 'unreadable', raw: 'x', ...every } as ParsedValue;
    const [all] = only(
      evaluate({
        targetSet: bp,
        unit: so,
        quarter: 1,
        values: [v('thanh-toan-truc-tuyen', 1, reading, 'J8')],
      }),
      'thanh-toan-truc-tuyen',
    );
    expect(all).toMatchObject({ code: 'invalid-value', reason: 'unreadable', ref: 'J8' });
    for (const [i, key] of INVALID_FIELDS.entries()) expect(all).toHaveProperty(key, `field ${i}`);
    // Its neighbour with only `error` set has no other typed field.
    const one = {
      kind: 'invalid',
      reason: 'error-value',
      raw: '#N/A',
      error: '#N/A',
    } as ParsedValue;
    const [some] = only(
      evaluate({
        targetSet: bp,
        unit: so,
        quarter: 1,
        values: [v('thanh-toan-truc-tuyen', 1, one, 'J8')],
      }),
      'thanh-toan-truc-tuyen',
    );
    expect(some).toMatchObject({ code: 'invalid-value', reason: 'error-value' });
    const fields = some as unknown as Record<string, unknown>;
    expect(INVALID_FIELDS.filter((key) => fields[key] !== undefined)).toEqual(['error']);
  });

  it('met and below-minimum with the gap in percentage points', () => {
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 2,
      values: [
        v('thanh-toan-truc-tuyen', 1, pct(70), 'J8'),
        v('thanh-toan-truc-tuyen', 2, pct(74.5), 'K8'),
      ],
    });
    expect(only(findings, 'thanh-toan-truc-tuyen')).toEqual([
      {
        code: 'met',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 1,
        targetRow: 0,
        ref: 'J8',
        value: 70,
        minimum: {
          value: 70,
          comparator: 'at-least',
          source: 'quarterly',
          unit: { kind: 'percent' },
        },
        margin: 0,
      },
      {
        code: 'below-minimum',
        indicatorId: 'thanh-toan-truc-tuyen',
        quarter: 2,
        targetRow: 0,
        ref: 'K8',
        value: 74.5,
        minimum: {
          value: 75,
          comparator: 'at-least',
          source: 'quarterly',
          unit: { kind: 'percent' },
        },
        gap: 0.5,
        nearMiss: false,
      },
    ]);
  });

  it('judges a district against the district row', () => {
    const findings = evaluate({
      targetSet: bp,
      unit: huyen,
      quarter: 1,
      values: [v('ho-so-truc-tuyen', 1, pct(66))],
    });
    expect(only(findings, 'ho-so-truc-tuyen')).toMatchObject([
      { code: 'met', targetRow: 1, minimum: { value: 65 }, margin: 1 },
    ]);
  });

  it('near-miss band marks small shortfalls only', () => {
    const values = [v('thanh-toan-truc-tuyen', 1, pct(69.2)), v('ho-so-truc-tuyen', 1, pct(70))];
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 1,
      values,
      options: { nearMissBand: 1 },
    });
    expect(only(findings, 'thanh-toan-truc-tuyen')).toMatchObject([
      { code: 'below-minimum', gap: 0.8, nearMiss: true },
    ]);
    expect(only(findings, 'ho-so-truc-tuyen')).toMatchObject([
      { code: 'below-minimum', gap: 5, nearMiss: false },
    ]);
  });

  it('reports missing values only for quarters up to the one checked', () => {
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 2,
      values: [
        v('so-hoa-ho-so', 1, pct(81)),
        v('so-hoa-ho-so', 2, blank, 'K10'),
        v('so-hoa-ho-so', 3, blank, 'L10'),
      ],
    });
    expect(only(findings, 'so-hoa-ho-so').map((f) => [f.code, f.quarter, f.ref])).toEqual([
      ['met', 1, undefined],
      ['missing-value', 2, 'K10'],
    ]);
    // an applicable indicator with no values at all: one missing finding per quarter, no cell
    expect(
      only(findings, 'muc-do-hai-long').map((f) => [
        f.code,
        f.quarter,
        'reason' in f ? f.reason : '',
      ]),
    ).toEqual([
      ['missing-value', 1, 'absent'],
      ['missing-value', 2, 'absent'],
    ]);
  });

  it('keeps invalid values with their reason and raw value', () => {
    const err: ParsedValue = {
      kind: 'invalid',
      reason: 'error-value',
      error: '#DIV/0!',
      raw: '#DIV/0!',
    };
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 1,
      values: [v('dvc-toan-trinh', 1, err, 'J6')],
    });
    expect(only(findings, 'dvc-toan-trinh')).toMatchObject([
      {
        code: 'invalid-value',
        reason: 'error-value',
        error: '#DIV/0!',
        raw: '#DIV/0!',
        ref: 'J6',
        minimum: { value: 100 },
      },
    ]);
  });

  it('points where a percentage is expected are a unit mismatch', () => {
    const points: ParsedValue = {
      kind: 'number',
      value: 11.3,
      max: 18,
      scale: 'points',
      how: 'text-points',
      raw: '11,3/18',
    };
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 1,
      values: [v('dvc-toan-trinh', 1, points)],
    });
    expect(only(findings, 'dvc-toan-trinh')).toMatchObject([
      { code: 'invalid-value', reason: 'unit-mismatch', value: 11.3 },
    ]);
  });

  it('not-applicable: indicators of another level or agency, once per indicator or per given value', () => {
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 1,
      values: [v('nhiem-vu-chinh-phu-giao', 1, pct(100), 'J20')],
    });
    expect(only(findings, 'nhiem-vu-chinh-phu-giao')).toEqual([
      {
        code: 'not-applicable',
        indicatorId: 'nhiem-vu-chinh-phu-giao',
        quarter: 1,
        reason: 'agency',
        ref: 'J20',
        appliesTo: { levels: [], agencies: ['Văn phòng UBND tỉnh'] },
      },
    ]);
    expect(only(findings, 'chung-thuc-dien-tu')).toEqual([
      {
        code: 'not-applicable',
        indicatorId: 'chung-thuc-dien-tu',
        reason: 'level',
        appliesTo: { levels: ['huyen', 'xa'], agencies: ['Sở Tư pháp'] },
      },
    ]);
  });

  it('ignores values after the checked quarter and reports unknown indicators', () => {
    const findings = evaluate({
      targetSet: bp,
      unit: so,
      quarter: 1,
      values: [
        v('dvc-toan-trinh', 1, pct(100)),
        v('dvc-toan-trinh', 2, pct(1)),
        v('khong-co', 1, pct(1)),
      ],
    });
    expect(only(findings, 'dvc-toan-trinh').map((f) => f.code)).toEqual(['met']);
    expect(only(findings, 'khong-co')).toMatchObject([
      { code: 'not-applicable', reason: 'unknown-indicator' },
    ]);
  });

  it('covers every indicator of the set, in order', () => {
    const findings = evaluate({ targetSet: bp, unit: so, quarter: 1, values: [] });
    const ids = [...new Set(findings.map((f) => f.indicatorId))];
    expect(ids).toEqual(bp.indicators.map((i) => i.id));
  });

  it('annual-only: compares against the annual target, "Tối thiểu 50" as at least 50', () => {
    const findings = evaluate({
      targetSet: nq,
      unit: { level: 'xa' },
      quarter: 2,
      values: [v('tai-su-dung-du-lieu', 2, pct(50)), v('tai-su-dung-du-lieu', 1, pct(49.99))],
    });
    expect(only(findings, 'tai-su-dung-du-lieu')).toMatchObject([
      { code: 'below-minimum', quarter: 1, minimum: { value: 50, source: 'annual' }, gap: 0.01 },
      { code: 'met', quarter: 2, margin: 0 },
    ]);
  });
});

describe('lower-is-better indicators and other comparators', () => {
  const overdue = targetSetSchema().parse({
    id: 'qua-han',
    title: 'Hồ sơ quá hạn',
    document: { type: 'Kết luận', number: '', issuer: 'UBND tỉnh' },
    province: 'Bình Phước',
    year: 2024,
    levels: [{ id: 'so', name: 'Các sở, ban, ngành' }],
    sections: [{ id: 'I', title: 'Giải quyết hồ sơ' }],
    indicators: [
      {
        id: 'ho-so-qua-han',
        stt: '1',
        section: 'I',
        name: 'Số hồ sơ quá hạn',
        shortName: 'Hồ sơ quá hạn',
        unit: { kind: 'count' },
        direction: 'lower-is-better',
        targets: [{ appliesTo: { levels: ['so'] }, lead: 'Các sở', annual: 5 }],
      },
      {
        id: 'dung-han',
        stt: '2',
        section: 'I',
        name: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
        shortName: 'Đúng hạn',
        unit: { kind: 'percent' },
        targets: [
          {
            appliesTo: { levels: ['so'] },
            lead: 'Các sở',
            annual: { value: 98, comparator: 'above', text: 'trên 98%' },
          },
        ],
      },
    ],
  });
  const count = (value: number): ParsedValue => ({
    kind: 'number',
    value,
    scale: 'number',
    how: 'number',
    raw: value,
  });

  it('compares the other way', () => {
    const f = evaluate({
      targetSet: overdue,
      unit: { level: 'so' },
      quarter: 1,
      values: [v('ho-so-qua-han', 1, count(7)), v('dung-han', 1, pct(99))],
    });
    expect(only(f, 'ho-so-qua-han')).toMatchObject([
      { code: 'below-minimum', value: 7, gap: 2, minimum: { comparator: 'at-most' } },
    ]);
    const ok = evaluate({
      targetSet: overdue,
      unit: { level: 'so' },
      quarter: 1,
      values: [v('ho-so-qua-han', 1, count(5))],
    });
    expect(only(ok, 'ho-so-qua-han')).toMatchObject([{ code: 'met', margin: 0 }]);
  });

  it('"trên 98%" needs strictly more than 98', () => {
    const f = evaluate({
      targetSet: overdue,
      unit: { level: 'so' },
      quarter: 1,
      values: [v('dung-han', 1, pct(98))],
    });
    expect(only(f, 'dung-han')).toMatchObject([
      { code: 'below-minimum', gap: 0, minimum: { comparator: 'above' } },
    ]);
  });
});

describe('values as they are typed', () => {
  // ho-so-truc-tuyen, level so: Quý I minimum 75 %, Quý II 80 %
  const id = 'ho-so-truc-tuyen';
  const run = (q1: ParsedValue, q2: ParsedValue) =>
    only(
      evaluate({ targetSet: bp, unit: so, quarter: 2, values: [v(id, 1, q1), v(id, 2, q2)] }),
      id,
    );

  it('"Không phát sinh" is its own outcome, with what was written and the minimum; not missing', () => {
    const [f1, f2] = run(
      { kind: 'not-occurred', raw: 'Không phát sinh' },
      { kind: 'not-occurred', raw: 'KPS', text: 'KPS' },
    );
    expect(f1).toMatchObject({
      code: 'not-occurred',
      quarter: 1,
      raw: 'Không phát sinh',
      minimum: { value: 75 },
      targetRow: 0,
    });
    expect(f1).not.toHaveProperty('text');
    expect(f2).toMatchObject({ code: 'not-occurred', quarter: 2, raw: 'KPS', text: 'KPS' });
  });

  it('a value read from a fraction, a ratio or words keeps what was written; a plain one has no reading', () => {
    const [met, below] = run(
      { kind: 'number', value: 100, scale: 'percent', how: 'text-ratio', raw: '15/15' },
      { kind: 'number', value: 79, scale: 'percent', how: 'fraction', raw: 0.79 },
    );
    expect(met).toMatchObject({
      code: 'met',
      value: 100,
      reading: { how: 'text-ratio', raw: '15/15' },
    });
    expect(below).toMatchObject({
      code: 'below-minimum',
      value: 79,
      gap: 1,
      reading: { how: 'fraction', raw: 0.79 },
    });
    const [plain] = run(pct(80), blank);
    expect(plain).toMatchObject({ code: 'met' });
    expect((plain as { reading?: unknown }).reading).toBeUndefined();
    expect(JSON.stringify(plain)).not.toContain('reading');
  });

  it('an ambiguous scale is invalid with both readings; a formula never calculated is missing', () => {
    const [a, b] = run(
      {
        kind: 'invalid',
        reason: 'ambiguous-scale',
        raw: 0.86,
        readings: [0.86, 86],
        ambiguity: 'mixed',
      },
      { kind: 'missing', reason: 'not-calculated', raw: null },
    );
    expect(a).toMatchObject({
      code: 'invalid-value',
      reason: 'ambiguous-scale',
      raw: 0.86,
      readings: [0.86, 86],
      ambiguity: 'mixed',
      minimum: { value: 75 },
    });
    expect(b).toMatchObject({
      code: 'missing-value',
      reason: 'not-calculated',
      minimum: { value: 80 },
    });
  });
});

describe('values in the order a sheet gives them, or in any other', () => {
  // Every indicator of the set, each quarter, with values of several kinds: a sheet's order is
  // the set's (judged indicator by indicator as read); any other order gives the same findings,
  // by indicator, then quarter, then the order the values were given.
  const kinds = (k: number): ParsedValue =>
    k % 5 === 0
      ? blank
      : k % 7 === 0
        ? { kind: 'invalid', reason: 'error-value', raw: '#DIV/0!', error: '#DIV/0!' }
        : pct(30 + ((k * 37) % 71));
  const inSetOrder: AchievedValue<string>[] = [];
  let k = 0;
  for (const indicator of bp.indicators)
    for (const q of [2, 1, 3, 4] as Quarter[]) {
      inSetOrder.push(v(indicator.id, q, kinds(k), `R${k}`));
      k++;
      if (k % 9 === 0) inSetOrder.push(v(indicator.id, q, kinds(k + 1), `R${k}b`)); // twice
    }
  inSetOrder.splice(
    11,
    0,
    v('khong-co-trong-bo', 2, pct(50), 'X1'),
    v(bp.indicators[0]?.id ?? '', 4, pct(1), 'LATE'),
  );
  const key = (f: EvaluationFinding<string>) => `${f.code} ${f.indicatorId} ${f.quarter} ${f.ref}`;
  /** The rule written out: by the set's indicator, then quarter, then as given; unknown ids last. */
  function expectedOrder(values: readonly AchievedValue<string>[], quarter: number): string[] {
    const index = (id: string) => {
      const i = bp.indicators.findIndex((x) => x.id === id);
      return i < 0 ? bp.indicators.length : i;
    };
    return values
      .map((x, i) => ({ x, i }))
      .filter(({ x }) => x.quarter <= quarter)
      .sort(
        (a, b) =>
          index(a.x.indicatorId) - index(b.x.indicatorId) ||
          (index(a.x.indicatorId) === bp.indicators.length ? 0 : a.x.quarter - b.x.quarter) ||
          a.i - b.i,
      )
      .map(({ x }) => `${x.indicatorId} ${x.quarter} ${x.ref}`);
  }

  for (const quarter of [1, 3, 4] as Quarter[]) {
    it(`judges the same findings in any order (through Quý ${quarter})`, () => {
      const given = evaluate({ targetSet: bp, unit: so, quarter, values: inSetOrder });
      // the values of one indicator coming back after another's
      const shuffled = [...inSetOrder.slice(40), ...inSetOrder.slice(0, 40)];
      const reversed = [...inSetOrder].reverse();
      for (const other of [shuffled, reversed]) {
        const again = evaluate({ targetSet: bp, unit: so, quarter, values: other });
        // same findings, each value's; in the rule's order for the order given
        expect(new Set(again.map(key))).toEqual(new Set(given.map(key)));
        const judged = (list: EvaluationFinding<string>[]) =>
          list
            .filter((f) => f.ref !== undefined)
            .map((f) => `${f.indicatorId} ${f.quarter} ${f.ref}`);
        expect(judged(again)).toEqual(expectedOrder(other, quarter));
      }
      expect(
        given
          .filter((f) => f.ref !== undefined)
          .map((f) => `${f.indicatorId} ${f.quarter} ${f.ref}`),
      ).toEqual(expectedOrder(inSetOrder, quarter));
      expect(given.some((f) => f.code === 'invalid-value' && f.error === '#DIV/0!')).toBe(true);
      // a value for an id the set does not have: said, not skipped (it is of Quý II)
      if (quarter >= 2)
        expect(given.find((f) => f.ref === 'X1')).toMatchObject({
          code: 'not-applicable',
          reason: 'unknown-indicator',
        });
    });
  }
});
