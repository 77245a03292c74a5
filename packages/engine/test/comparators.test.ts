/** The comparator table: each comparator's pieces agree with each other, and the readers and writers use them. */
import { describe, expect, it } from 'vitest';
import { markRuleFormula } from '../src/annex/marks.js';
import { COMPARATORS, defaultComparator, meets } from '../src/comparators.js';
import { catalogs } from '../src/messages/catalog.js';
import { parseText } from '../src/parse/parse-value.js';
import { COMPARATOR_IDS, type Comparator } from '../src/schema.js';

const ALL: readonly Comparator[] = COMPARATOR_IDS;

/** What Excel's operator says of value against target. */
function excel(op: string, value: number, target: number): boolean {
  switch (op) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    default:
      return value >= target;
  }
}

describe('the comparator table', () => {
  it('has every comparator of the schema', () => {
    expect(Object.keys(COMPARATORS).sort()).toEqual([...ALL].sort());
  });

  it.each(ALL)('%s: meets, fails in Excel, symbol and negated symbol agree', (c) => {
    const spec = COMPARATORS[c];
    for (const [value, target] of [
      [74.5, 75],
      [75, 75],
      [75.5, 75],
    ] as const) {
      expect(spec.test(value, target)).toBe(!excel(spec.excelFails, value, target));
      expect(meets(value, { value: target, comparator: c })).toBe(spec.test(value, target));
    }
    const sign: Record<string, string> = { '≥': '>=', '>': '>', '≤': '<=', '<': '<' };
    expect(excel(sign[spec.symbol] as string, 75, 75)).toBe(spec.test(75, 75));
    expect(excel(sign[spec.negatedSymbol] as string, 75, 75)).toBe(!spec.test(75, 75));
    expect(spec.lowerIsBetter).toBe(spec.test(1, 75));
  });

  it('forgives floating-point noise either way', () => {
    expect(meets(0.1 + 0.2, { value: 0.3, comparator: 'at-least' })).toBe(true);
    expect(meets(0.3, { value: 0.1 + 0.2, comparator: 'at-most' })).toBe(true);
    expect(meets(0.1 + 0.2, { value: 0.3, comparator: 'above' })).toBe(false);
  });

  it('defaults from the direction to a comparator of the same direction', () => {
    expect(COMPARATORS[defaultComparator('higher-is-better')].lowerIsBetter).toBe(false);
    expect(COMPARATORS[defaultComparator('lower-is-better')].lowerIsBetter).toBe(true);
  });

  it.each(ALL)('%s: every prefix a cell may start with reads as it', (c) => {
    for (const prefix of COMPARATORS[c].prefixes) {
      for (const text of [`${prefix} 50%`, `${prefix.toLocaleUpperCase('vi')}: 50%`]) {
        const parsed = parseText(text, { expect: { kind: 'percent' } });
        expect(parsed, text).toMatchObject({ kind: 'number', value: 50, comparator: c });
      }
    }
  });

  it('words a minimum, the met and the failed value from the table', () => {
    expect(catalogs.vi.minimum('above', '80%')).toBe('trên 80%');
    expect(catalogs.en.minimum('at-most', '5')).toBe('maximum 5');
    expect(catalogs.vi.met('76%', 'tối thiểu 75%', 'at-least')).toBe('76% ≥ tối thiểu 75%, đạt');
    expect(catalogs.vi.belowMinimum('5', 'tối đa 4', 'at-most')).toBe('5 > tối đa 4');
    expect(
      markRuleFormula({ kind: 'fails', threshold: { comparator: 'above', value: 0.8 } }, 'K8'),
    ).toBe('AND(ISNUMBER(K8),K8<=0.8,N("chitieu")=0)');
  });
});
