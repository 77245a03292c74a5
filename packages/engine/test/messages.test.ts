import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { EvaluationFinding, Minimum } from '../src/findings.js';
import { catalogs, LOCALES } from '../src/messages/catalog.js';
import { describeFinding } from '../src/messages/describe.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';

const percent = { kind: 'percent' } as const;
const min75: Minimum = { value: 75, comparator: 'at-least', source: 'quarterly', unit: percent };
const base = { indicatorId: 'thanh-toan-truc-tuyen', quarter: 2 as const };

describe('describeFinding', () => {
  it("says the brief's sentence for a value below its minimum, in Vietnamese by default", () => {
    const f: EvaluationFinding = {
      ...base,
      code: 'below-minimum',
      value: 74.5,
      minimum: min75,
      gap: 0.5,
      nearMiss: false,
    };
    expect(describeFinding(f)).toBe('Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)');
    expect(describeFinding(f, { locale: 'en' })).toBe(
      'Q2: 74.5% < minimum 75% (short by 0.5 percentage points)',
    );
    expect(describeFinding({ ...f, nearMiss: true })).toBe(
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)',
    );
  });

  it("met, with the source of the minimum when it is not the quarter's own", () => {
    const annual: Minimum = { value: 50, comparator: 'at-least', source: 'annual', unit: percent };
    expect(
      describeFinding({ ...base, code: 'met', value: 60.3, minimum: annual, margin: 10.3 }),
    ).toBe('Quý II: 60,3% ≥ chỉ tiêu năm 50%, đạt');
    const carried: Minimum = {
      value: 40,
      comparator: 'at-least',
      source: 'carried-forward',
      fromQuarter: 2,
      unit: percent,
    };
    expect(
      describeFinding(
        { ...base, quarter: 3, code: 'met', value: 41, minimum: carried, margin: 1 },
        { locale: 'en' },
      ),
    ).toBe('Q3: 41% ≥ minimum 40% (carried over from Q2), met');
  });

  it('"trên" and lower-is-better comparators', () => {
    const above: Minimum = { value: 98, comparator: 'above', source: 'annual', unit: percent };
    expect(
      describeFinding({
        ...base,
        code: 'below-minimum',
        value: 98,
        minimum: above,
        gap: 0,
        nearMiss: false,
      }),
    ).toBe('Quý II: 98% ≤ chỉ tiêu năm trên 98% (thiếu 0 điểm %)');
    const atMost: Minimum = {
      value: 5,
      comparator: 'at-most',
      source: 'annual',
      unit: { kind: 'count' },
    };
    expect(
      describeFinding({
        ...base,
        code: 'below-minimum',
        value: 7,
        minimum: atMost,
        gap: 2,
        nearMiss: false,
      }),
    ).toBe('Quý II: 7 > chỉ tiêu năm tối đa 5 (thiếu 2)');
  });

  it('missing and invalid values', () => {
    expect(
      describeFinding({
        ...base,
        code: 'missing-value',
        reason: 'blank',
        raw: null,
        minimum: min75,
      }),
    ).toBe('Quý II: chưa nhập kết quả (tối thiểu 75%)');
    expect(
      describeFinding(
        { ...base, code: 'missing-value', reason: 'placeholder', raw: 'N/A' },
        { locale: 'en' },
      ),
    ).toBe('Q2: no data ("N/A")');
    expect(
      describeFinding({
        ...base,
        code: 'invalid-value',
        reason: 'error-value',
        raw: '#DIV/0!',
        error: '#DIV/0!',
      }),
    ).toBe('Quý II: ô có lỗi #DIV/0!');
    expect(
      describeFinding({
        ...base,
        code: 'invalid-value',
        reason: 'out-of-range',
        raw: 1.05,
        value: 105,
      }),
    ).toBe('Quý II: giá trị 105% nằm ngoài khoảng 0–100%');
    expect(
      describeFinding({
        ...base,
        code: 'invalid-value',
        reason: 'above-maximum',
        raw: '19,1/18',
        value: 19.1,
        max: 18,
      }),
    ).toBe('Quý II: điểm 19,1 vượt quá điểm tối đa 18');
    expect(
      describeFinding({
        ...base,
        code: 'invalid-value',
        reason: 'unreadable',
        raw: 'khoảng 80',
        text: 'khoảng 80',
      }),
    ).toBe('Quý II: không đọc được giá trị "khoảng 80"');
  });

  it('not applicable, naming the levels of the target set', () => {
    const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const findings = evaluate({ targetSet: bp, unit: { level: 'so' }, quarter: 1, values: [] });
    const f12 = findings.find((f) => f.indicatorId === 'chung-thuc-dien-tu');
    if (!f12) throw new Error('fixture');
    expect(describeFinding(f12, { targetSet: bp })).toBe(
      'không áp dụng cho cấp này (chỉ tiêu dành cho UBND cấp huyện, UBND cấp xã, Sở Tư pháp)',
    );
    expect(describeFinding(f12, { targetSet: bp, locale: 'en' })).toBe(
      "not for this level (the indicator is for District people's committees, Commune people's committees, Sở Tư pháp)",
    );
  });

  it('every finding of a real evaluation has words in both languages, with Vietnamese diacritics', () => {
    const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const findings = evaluate({ targetSet: bp, unit: { level: 'huyen' }, quarter: 4, values: [] });
    for (const locale of LOCALES) {
      for (const f of findings)
        expect(describeFinding(f, { locale, targetSet: bp }).length).toBeGreaterThan(5);
    }
    expect(catalogs.vi.quarter(4)).toBe('Quý IV');
  });
});
