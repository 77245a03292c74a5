/**
 * formatNumber writes numbers with plain string work; Intl.NumberFormat('en-US') is the oracle it
 * must match, character for character, over seeded pseudo-random numbers of every magnitude.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber, type NumberLocale } from '../src/parse/number-format.js';

/** A small seeded generator (32-bit state, multiply-xorshift), so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const oracles = new Map<number, Intl.NumberFormat>();

/** What the Intl path gave: en-US text, "-0" written "0". */
function oracle(n: number, digits: number, grouping: boolean): string {
  const key = digits * 2 + (grouping ? 1 : 0);
  let format = oracles.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
      useGrouping: grouping,
      numberingSystem: 'latn',
    });
    oracles.set(key, format);
  }
  const text = format.format(n);
  return text === '-0' ? '0' : text;
}

/** The Vietnamese form of the oracle's text: the two separators swapped. */
const swapped = (text: string): string => text.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));

const digitString = (random: () => number, length: number): string => {
  let text = '';
  for (let i = 0; i < length; i += 1) text += String(Math.floor(random() * 10));
  return text;
};

/** Numbers of varied shape: any magnitude, short decimals, ties (x.xx5), near 2^53, bit patterns. */
function sample(random: () => number): number {
  const sign = random() < 0.3 ? -1 : 1;
  const kind = Math.floor(random() * 8);
  switch (kind) {
    case 0: // any magnitude from 1e-9 to 1e22
      return sign * random() * 10 ** (Math.floor(random() * 32) - 9);
    case 1: {
      // a tie: some integer digits, then decimals ending in 5
      const whole = digitString(random, Math.floor(random() * 9));
      const decimals = digitString(random, Math.floor(random() * 8));
      return sign * Number(`${whole || '0'}.${decimals}5`);
    }
    case 2: // a short decimal as typed: 0–8 integer digits, 1–20 decimals
      return (
        sign *
        Number(
          `${digitString(random, Math.floor(random() * 9)) || '0'}.${digitString(random, 1 + Math.floor(random() * 20))}`,
        )
      );
    case 3: // integers near 2^53, and beyond
      return sign * (2 ** 53 + Math.floor(random() * 2001) - 1000) * (random() < 0.3 ? 1024 : 1);
    case 4: // integers up to 1e22
      return sign * Math.floor(random() * 10 ** Math.floor(random() * 23));
    case 5: {
      // nines and halves at a rounding edge: 999.995, 9.5, 0.0995
      const nines = '9'.repeat(1 + Math.floor(random() * 6));
      const point = Math.floor(random() * (nines.length + 1));
      const text = `${nines.slice(0, point) || '0'}.${nines.slice(point)}${random() < 0.5 ? '5' : '49'}`;
      return sign * Number(text) * 10 ** (Math.floor(random() * 6) - 3);
    }
    case 6: // tiny and huge, written with an exponent by String()
      return sign * (1 + Math.floor(random() * 99) / 10) * 10 ** (Math.floor(random() * 40) - 30);
    default: {
      // any finite double: random bits
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, Math.floor(random() * 4294967296));
      view.setUint32(4, Math.floor(random() * 4294967296));
      const n = view.getFloat64(0);
      return Number.isFinite(n) ? n : sign * 1.5;
    }
  }
}

const NAMED = [
  0,
  -0,
  0.5,
  -0.5,
  1.5,
  2.5,
  1.005,
  2.675,
  1.045,
  0.045,
  999.995,
  999.9949,
  1e21,
  -1e21,
  1e22,
  1.5e-7,
  5e-9,
  123456789.125,
  123456789.135,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 53 - 1,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.EPSILON,
  0.1 + 0.2,
  1 / 3,
  2 / 3,
  999.5,
  999.4,
  1000,
  999999.995,
  1e-7,
  9.995e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('formatNumber against Intl.NumberFormat (the oracle)', () => {
  const random = generator(11);
  const numbers = [...NAMED];
  for (let i = 0; i < 24_000; i += 1) numbers.push(sample(random));

  // About two million comparisons: a few seconds, more on a busy machine.
  it(`matches for ${numbers.length} numbers × digits 0–20 × grouping × locale`, {
    timeout: 60_000,
  }, () => {
    let checked = 0;
    const mismatches: string[] = [];
    const compare = (
      n: number,
      locale: NumberLocale,
      options: object,
      actual: string,
      expected: string,
    ) => {
      checked += 1;
      if (actual !== expected && mismatches.length < 10) {
        mismatches.push(
          `${String(n)} ${locale} ${JSON.stringify(options)}: ${actual} ≠ ${expected}`,
        );
      }
    };
    for (const n of numbers) {
      for (let digits = 0; digits <= 20; digits += 1) {
        for (const grouping of [true, false]) {
          const options = { maximumFractionDigits: digits, grouping };
          const en = oracle(n, digits, grouping);
          compare(n, 'en', options, formatNumber(n, 'en', options), en);
          compare(n, 'vi', options, formatNumber(n, 'vi', options), swapped(en));
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(numbers.length * 21 * 4);
  });

  it('matches with the default options (2 digits, grouping)', { timeout: 30_000 }, () => {
    for (const n of numbers) {
      const en = oracle(n, 2, true);
      expect(formatNumber(n, 'en')).toBe(en);
      expect(formatNumber(n, 'vi')).toBe(swapped(en));
    }
  });
});

describe('formatNumber: exact values', () => {
  it.each([
    // [n, digits, grouping, en, vi]
    [1.005, 2, true, '1.01', '1,01'],
    [2.675, 2, true, '2.68', '2,68'],
    [1.045, 2, true, '1.05', '1,05'],
    [0.5, 0, true, '1', '1'],
    [-0.5, 0, true, '-1', '-1'],
    [1.5, 0, true, '2', '2'],
    [2.5, 0, true, '3', '3'],
    [0.49, 0, true, '0', '0'],
    [-0.49, 0, true, '0', '0'],
    [-0.004, 2, true, '0', '0'],
    [-0.005, 2, true, '-0.01', '-0,01'],
    [999.995, 2, true, '1,000', '1.000'],
    [999.995, 2, false, '1000', '1000'],
    [999.9949, 2, true, '999.99', '999,99'],
    [999999.995, 2, true, '1,000,000', '1.000.000'],
    [123456789.125, 2, true, '123,456,789.13', '123.456.789,13'],
    [123456789.125, 3, true, '123,456,789.125', '123.456.789,125'],
    [1234.5, 2, true, '1,234.5', '1.234,5'],
    [-1234567.5, 2, true, '-1,234,567.5', '-1.234.567,5'],
    [1e21, 2, true, '1,000,000,000,000,000,000,000', '1.000.000.000.000.000.000.000'],
    [1e21, 2, false, '1000000000000000000000', '1000000000000000000000'],
    [-1.5e22, 0, true, '-15,000,000,000,000,000,000,000', '-15.000.000.000.000.000.000.000'],
    [1.5e-7, 2, true, '0', '0'],
    [1.5e-7, 7, true, '0.0000002', '0,0000002'],
    [1.5e-7, 8, true, '0.00000015', '0,00000015'],
    [1.5e-7, 20, true, '0.00000015', '0,00000015'],
    [5e-9, 8, true, '0.00000001', '0,00000001'],
    [4.9e-9, 8, true, '0', '0'],
    [9.995e-7, 9, true, '0.000001', '0,000001'],
    [0.0995, 3, true, '0.1', '0,1'],
    [2 ** 53, 2, true, '9,007,199,254,740,992', '9.007.199.254.740.992'],
    [2 ** 53 + 2, 0, false, '9007199254740994', '9007199254740994'],
    [0.1 + 0.2, 20, true, '0.30000000000000004', '0,30000000000000004'],
    [0.1 + 0.2, 16, true, '0.3', '0,3'],
    [1 / 3, 20, true, '0.3333333333333333', '0,3333333333333333'],
    [Number.MIN_VALUE, 20, true, '0', '0'],
    [-Number.MIN_VALUE, 20, true, '0', '0'],
    [-0, 2, true, '0', '0'],
    [Number.NaN, 2, true, 'NaN', 'NaN'],
    [Number.POSITIVE_INFINITY, 2, true, '∞', '∞'],
    [Number.NEGATIVE_INFINITY, 0, false, '-∞', '-∞'],
  ] as const)(
    '%s with %i digits (grouping %s): en "%s", vi "%s"',
    (n, digits, grouping, en, vi) => {
      expect(formatNumber(n, 'en', { maximumFractionDigits: digits, grouping })).toBe(en);
      expect(formatNumber(n, 'vi', { maximumFractionDigits: digits, grouping })).toBe(vi);
    },
  );

  it('writes Number.MAX_VALUE with all its digits', () => {
    const text = formatNumber(Number.MAX_VALUE, 'en', { grouping: false });
    expect(text).toBe(`17976931348623157${'0'.repeat(292)}`);
    expect(formatNumber(-Number.MAX_VALUE, 'vi')).toMatch(
      /^-179\.769\.313\.486\.231\.570(\.000){97}$/,
    );
  });

  it('keeps the fast path below 1000', () => {
    expect(formatNumber(74.5, 'vi')).toBe('74,5');
    expect(formatNumber(-999.99, 'en')).toBe('-999.99');
    expect(formatNumber(999.999, 'en')).toBe('1,000');
    expect(formatNumber(999.999, 'en', { grouping: false })).toBe('1000');
  });
});
