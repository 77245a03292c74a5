import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/cell.js';
import {
  EXCEL_ERRORS,
  type Expectation,
  formatNumber,
  formatNumberVi,
  type ParsedValue,
  parseText,
  parseValue,
} from '../src/parse/index.js';

const CELL_TYPES = ['empty', 'number', 'string', 'boolean', 'error', 'date'] as const;

const expectation: fc.Arbitrary<Expectation> = fc.oneof(
  fc.constant<Expectation>({ kind: 'any' }),
  fc.constant<Expectation>({ kind: 'percent' }),
  fc.constant<Expectation>({ kind: 'count' }),
  fc.constant<Expectation>({ kind: 'points' }),
  fc.integer({ min: 1, max: 100 }).map((max): Expectation => ({ kind: 'points', max })),
);

/** Strings that look like cell contents: digits, separators, signs, comparators, spaces. */
const cellLikeText = fc
  .array(
    fc.constantFrom(
      '0',
      '1',
      '2',
      '5',
      '9',
      ',',
      '.',
      '%',
      '/',
      '+',
      '-',
      '−',
      ' ',
      '\u00a0',
      '\u2009',
      'x',
      '#',
      'N/A',
      'tối thiểu ',
      'trên ',
      '≥',
      '<',
      '…',
      '#DIV/0!',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  cellLikeText,
);

const numberFormat = fc.oneof(
  fc.constantFrom('0%', '0.0%', '0.00" %"', '[Red]0%', 'General', '@', '0\\%', '"'),
  fc.string({ maxLength: 12 }),
);

const cell = fc.record(
  {
    value: fc.oneof(
      fc.anything(),
      anyText,
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, 5e-324),
      fc.boolean(),
      fc.constant(null),
      fc.constant('x'.repeat(100_000)),
    ),
    text: fc.oneof(anyText, fc.anything()),
    numberFormat: fc.oneof(numberFormat, fc.anything()),
    type: fc.oneof(fc.constantFrom(...CELL_TYPES), fc.anything()),
  },
  { requiredKeys: ['value'] },
);

const options = fc.oneof(
  fc.constant(undefined),
  expectation.map((expect) => ({ expect })),
  fc.anything(),
  fc.record({ expect: fc.record({ kind: fc.anything(), max: fc.anything() }) }),
);

/** The result invariants every reading keeps. */
function checkShape(result: ParsedValue): void {
  expect(['number', 'missing', 'invalid']).toContain(result.kind);
  expect(result.raw === null || ['string', 'number', 'boolean'].includes(typeof result.raw)).toBe(
    true,
  );
  if (result.kind === 'number') {
    expect(Number.isFinite(result.value)).toBe(true);
    expect(Object.is(result.value, -0)).toBe(false);
    if (result.scale === 'percent') expect(result.value).toBeLessThanOrEqual(100);
    if (result.max !== undefined) expect(result.value).toBeLessThanOrEqual(result.max);
  }
}

/** Drops the provenance, to compare two readings of different texts. */
function reading(result: ParsedValue): Omit<ParsedValue, 'raw'> {
  const { raw: _raw, ...rest } = result;
  return rest;
}

describe('parseValue never throws', () => {
  it('for arbitrary cells and options', () => {
    fc.assert(
      fc.property(cell, options, (c, o) => {
        checkShape(parseValue(c as Cell, o as never));
      }),
      { numRuns: 3000 },
    );
  });

  it('for anything passed as the cell', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (c, o) => {
        checkShape(parseValue(c as Cell, o as never));
      }),
      { numRuns: 1000 },
    );
  });

  it('for arbitrary texts and expectations', () => {
    fc.assert(
      fc.property(anyText, fc.option(expectation, { nil: undefined }), (text, expect) => {
        checkShape(parseText(text, expect === undefined ? undefined : { expect }));
      }),
      { numRuns: 3000 },
    );
  });

  it('for a cell with a throwing getter', () => {
    const hostile = {
      get value(): never {
        throw new Error('boom');
      },
    };
    expect(parseValue(hostile as unknown as Cell)).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: null,
    });
  });
});

describe('round trips of Vietnamese numbers', () => {
  it('percentages with up to 2 decimals: parseText(formatNumberVi(x) + "%") is x', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const x = hundredths / 100;
        const text = `${formatNumberVi(x)}%`;
        expect(parseText(text)).toEqual({
          kind: 'number',
          value: x,
          scale: 'percent',
          how: 'text-percent',
          raw: text,
        });
      }),
    );
  });

  it('grouped counts up to 10^9 read back as counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
        const text = formatNumberVi(n, { grouping: true });
        expect(parseText(text, { expect: { kind: 'count' } })).toEqual({
          kind: 'number',
          value: n,
          scale: 'number',
          how: 'text-number',
          raw: text,
        });
      }),
    );
  });

  it('points "a/b" read back as a of b', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (max, share) => {
          const value = Math.round(share * max * 100) / 100;
          const text = `${formatNumberVi(value)}/${formatNumberVi(max)}`;
          const expected = {
            kind: 'number',
            value,
            scale: 'points',
            max,
            how: 'text-points',
            raw: text,
          };
          expect(parseText(text)).toEqual(expected);
          expect(parseText(text, { expect: { kind: 'points', max } })).toEqual(expected);
        },
      ),
    );
  });

  it('signed changes read back with their sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.boolean(), (hundredths, space) => {
        const x = hundredths / 100;
        const body = formatNumberVi(x);
        const gap = space ? ' ' : '';
        if (/^\d{1,3}\.\d{3}$/.test(body)) {
          // "69.411" (69411 written with a thousands dot) cannot be told from 69.411.
          expect(parseText(`-${gap}${body}`)).toMatchObject({ reason: 'ambiguous' });
          expect(parseText(`+${gap}${body}`)).toMatchObject({ reason: 'ambiguous' });
        } else {
          expect(parseText(`-${gap}${body}`)).toMatchObject({ kind: 'number', value: -x });
          expect(parseText(`+${gap}${body}`)).toMatchObject({ kind: 'number', value: x });
        }
      }),
    );
  });

  it('English numbers with one or two decimals read back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (hundredths) => {
        fc.pre(hundredths % 100 !== 0);
        const x = hundredths / 100;
        expect(parseText(formatNumber(x, 'en'))).toMatchObject({ kind: 'number', value: x });
      }),
    );
  });

  it('percent-formatted fractions give exact percentage points (no float noise)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (millionths) => {
        const result = parseValue({ value: millionths / 1e6, numberFormat: '0.00%' });
        expect(result).toMatchObject({ kind: 'number', value: millionths / 1e4 });
      }),
    );
  });

  it('plain numbers in 0..100 read as themselves where a percentage is expected', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        const result = parseValue({ value: x }, { expect: { kind: 'percent' } });
        expect(result).toMatchObject({ kind: 'number', value: x === 0 ? 0 : x, scale: 'percent' });
        expect(result.kind === 'number' && result.suspect !== undefined).toBe(x > 0 && x < 1);
      }),
    );
  });
});

describe('normalisation', () => {
  const spaces = fc
    .array(fc.constantFrom(' ', '\u00a0', '\u2009', '\u202f', '\t', '\u200b'), { maxLength: 4 })
    .map((s) => s.join(''));

  it('surrounding spaces of any kind do not change the reading', () => {
    fc.assert(
      fc.property(anyText, spaces, spaces, (text, before, after) => {
        expect(reading(parseText(`${before}${text}${after}`))).toEqual(reading(parseText(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('Excel errors are recognised in any case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXCEL_ERRORS),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (error, upper) => {
          const text = [...error].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()));
          expect(parseText(text.join(''))).toMatchObject({
            kind: 'invalid',
            reason: 'error-value',
            error,
          });
        },
      ),
    );
  });
});
