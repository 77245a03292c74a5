/**
 * The comparators (at least, above, at most, below) in one table, as json-rules-engine keeps its
 * operators: how a value meets a target, how a mark's formula tells a failing cell, the symbols
 * and words that show it, and the words a sheet's cell may start with. Adding a comparator is
 * one entry here (and its id in `ComparatorSchema`).
 */
import type { Minimum } from './findings.js';
import type { Locale } from './messages/catalog.js';
import type { Comparator, Direction } from './schema.js';

export interface ComparatorSpec {
  /** Does a value meet a target? Floating-point noise (±1e-9) is forgiven. */
  readonly test: (value: number, target: number) => boolean;
  /** Excel's operator for a value that fails the target: `K8<0.75`. */
  readonly excelFails: '<' | '<=' | '>' | '>=';
  /** "74,5% ≥ 70%": the value meets the target. */
  readonly symbol: '≥' | '>' | '≤' | '<';
  /** "74,5% < 75%": the value fails the target. */
  readonly negatedSymbol: '<' | '≤' | '>' | '≥';
  /** Before a target in a table ("> 80%"); the usual "at least" goes without. */
  readonly sign: '' | '> ' | '≤ ' | '< ';
  /** For lower-is-better indicators (overdue dossiers): the smaller the better. */
  readonly lowerIsBetter: boolean;
  /**
   * What a cell may write before a number to say so ("tối thiểu 50%", "từ 50%", "≥ 50%"), as
   * written; the value parser folds them (case and diacritics) and tries the longest first.
   */
  readonly prefixes: readonly string[];
  /** The word before a minimum in a message: "tối thiểu 75%", "minimum 75%". */
  readonly words: Readonly<Record<Locale, string>>;
}

/** Tolerance for comparing numbers read from text and floating-point cells. */
export const EPSILON = 1e-9;

export const COMPARATORS: Readonly<Record<Comparator, ComparatorSpec>> = {
  'at-least': {
    test: (value, target) => value >= target - EPSILON,
    excelFails: '<',
    symbol: '≥',
    negatedSymbol: '<',
    sign: '',
    lowerIsBetter: false,
    prefixes: ['tối thiểu', 'ít nhất', '>=', '≥', 'từ'],
    words: { vi: 'tối thiểu', en: 'minimum' },
  },
  above: {
    test: (value, target) => value > target + EPSILON,
    excelFails: '<=',
    symbol: '>',
    negatedSymbol: '≤',
    sign: '> ',
    lowerIsBetter: false,
    prefixes: ['trên', 'hơn', '>'],
    words: { vi: 'trên', en: 'above' },
  },
  'at-most': {
    test: (value, target) => value <= target + EPSILON,
    excelFails: '>',
    symbol: '≤',
    negatedSymbol: '>',
    sign: '≤ ',
    lowerIsBetter: true,
    prefixes: ['tối đa', 'không quá', '<=', '≤'],
    words: { vi: 'tối đa', en: 'maximum' },
  },
  below: {
    test: (value, target) => value < target - EPSILON,
    excelFails: '>=',
    symbol: '<',
    negatedSymbol: '≥',
    sign: '< ',
    lowerIsBetter: true,
    prefixes: ['dưới', '<'],
    words: { vi: 'dưới', en: 'below' },
  },
};

/** Does a value meet a minimum? */
export function meets(value: number, minimum: Pick<Minimum, 'value' | 'comparator'>): boolean {
  return COMPARATORS[minimum.comparator].test(value, minimum.value);
}

/** The comparator of a row that names none: at least, or at most when lower is better. */
export function defaultComparator(direction: Direction): Comparator {
  return direction === 'lower-is-better' ? 'at-most' : 'at-least';
}
