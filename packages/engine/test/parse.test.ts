import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/cell.js';
import {
  EXCEL_ERRORS,
  type Expectation,
  formatNumber,
  formatNumberVi,
  formatPercent,
  isPercentFormat,
  PLACEHOLDERS,
  parseText,
  parseValue,
} from '../src/parse/index.js';

const percent: Expectation = { kind: 'percent' };
const count: Expectation = { kind: 'count' };
const points18: Expectation = { kind: 'points', max: 18 };

describe('blank cells', () => {
  it.each([
    [{ value: null }, null],
    [{ value: '' }, ''],
    [{ value: '   ' }, '   '],
    [{ value: '\u00a0\u2009\u202f\t\n' }, '\u00a0\u2009\u202f\t\n'],
    [{ value: '\u200b' }, '\u200b'],
  ] as const)('%j is blank', (cell, raw) => {
    expect(parseValue(cell)).toEqual({ kind: 'missing', reason: 'blank', raw });
  });

  it('treats a missing value as blank', () => {
    expect(parseValue({} as Cell)).toEqual({ kind: 'missing', reason: 'blank', raw: null });
  });

  it('trusts an explicit empty type and keeps the displayed text', () => {
    expect(parseValue({ value: '', type: 'empty', text: '' })).toEqual({
      kind: 'missing',
      reason: 'blank',
      raw: '',
      text: '',
    });
  });

  it('trusts an explicit empty type over a stale value', () => {
    expect(parseValue({ value: 5, type: 'empty' })).toEqual({
      kind: 'missing',
      reason: 'blank',
      raw: 5,
    });
  });

  it('parseText of an empty string is blank', () => {
    expect(parseText('')).toEqual({ kind: 'missing', reason: 'blank', raw: '' });
  });
});

describe('placeholders', () => {
  it('keeps the list in one constant', () => {
    expect(PLACEHOLDERS).toEqual([
      '-',
      '–',
      '—',
      '−',
      'x',
      'X',
      'N/A',
      'n/a',
      'NA',
      '…',
      '...',
      '/',
      'chưa có',
      'không có số liệu',
    ]);
  });

  it.each(PLACEHOLDERS.map((p) => [p]))('"%s" is a placeholder', (text) => {
    expect(parseText(text)).toEqual({ kind: 'missing', reason: 'placeholder', raw: text });
  });

  it.each([
    [' - '],
    ['\u00a0—\u00a0'],
    ['Chưa có'],
    ['CHƯA CÓ'],
    ['chua co'],
    ['Không  có số\u00a0liệu'],
    ['KHÔNG CÓ SỐ LIỆU'],
    ['Na'],
    ['không có số liệu'.normalize('NFD')],
  ])('"%s" is a placeholder after normalising case, diacritics and spaces', (text) => {
    expect(parseText(text)).toMatchObject({ kind: 'missing', reason: 'placeholder' });
  });

  it('keeps the displayed text of a placeholder cell', () => {
    expect(parseValue({ value: '-', text: '-' }, { expect: percent })).toEqual({
      kind: 'missing',
      reason: 'placeholder',
      raw: '-',
      text: '-',
    });
  });

  it.each([['xx'], ['--'], ['n/a/'], ['chưa']])('"%s" is not a placeholder', (text) => {
    expect(parseText(text)).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: text,
      cause: 'not-a-number',
    });
  });
});

describe('Excel errors', () => {
  it('reads "#DIV/0!" as an error value', () => {
    expect(parseText('#DIV/0!')).toEqual({
      kind: 'invalid',
      reason: 'error-value',
      raw: '#DIV/0!',
      error: '#DIV/0!',
    });
  });

  it.each(EXCEL_ERRORS.map((e) => [e]))('knows %s', (error) => {
    expect(parseValue({ value: error })).toEqual({
      kind: 'invalid',
      reason: 'error-value',
      raw: error,
      error,
    });
  });

  it('lists the 15 Excel errors', () => {
    expect(EXCEL_ERRORS).toHaveLength(15);
    expect(EXCEL_ERRORS).toContain('#GETTING_DATA');
  });

  it.each([
    ['#n/a', '#N/A'],
    ['  #ref!\u00a0', '#REF!'],
    ['#Div/0!', '#DIV/0!'],
    ['#getting_data', '#GETTING_DATA'],
    ['#name?', '#NAME?'],
  ])('"%s" is the error %s (trimmed, any case)', (text, canonical) => {
    expect(parseText(text)).toEqual({
      kind: 'invalid',
      reason: 'error-value',
      raw: text,
      error: canonical,
    });
  });

  it('reads an error-typed cell, with the canonical error', () => {
    expect(parseValue({ value: '#value!', type: 'error', text: '#VALUE!' })).toEqual({
      kind: 'invalid',
      reason: 'error-value',
      raw: '#value!',
      text: '#VALUE!',
      error: '#VALUE!',
    });
  });

  it('uses the displayed text of an error cell when the value says nothing', () => {
    expect(parseValue({ value: null, type: 'error', text: '#N/A' })).toMatchObject({
      reason: 'error-value',
      error: '#N/A',
    });
  });

  it('keeps an unknown error text of an error-typed cell as it is', () => {
    expect(parseValue({ value: ' #FOO! ', type: 'error' })).toEqual({
      kind: 'invalid',
      reason: 'error-value',
      raw: ' #FOO! ',
      error: '#FOO!',
    });
  });

  it('reads an error text in a cell typed as text', () => {
    expect(parseValue({ value: '#DIV/0!', type: 'string' })).toMatchObject({
      reason: 'error-value',
      error: '#DIV/0!',
    });
  });

  it('does not take an unknown "#..." text for an error', () => {
    expect(parseText('#ABC')).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: '#ABC',
      cause: 'not-a-number',
    });
  });
});

describe('wrong types', () => {
  it('rejects booleans', () => {
    expect(parseValue({ value: true })).toEqual({
      kind: 'invalid',
      reason: 'wrong-type',
      raw: true,
      holds: 'boolean',
    });
    expect(parseValue({ value: 'TRUE', type: 'boolean', text: 'TRUE' })).toEqual({
      kind: 'invalid',
      reason: 'wrong-type',
      raw: 'TRUE',
      text: 'TRUE',
      holds: 'boolean',
    });
  });

  it('rejects date cells, whatever their serial number', () => {
    expect(parseValue({ value: 45382, type: 'date', text: '31/03/2024' })).toEqual({
      kind: 'invalid',
      reason: 'wrong-type',
      raw: 45382,
      text: '31/03/2024',
      holds: 'date',
    });
  });

  it('rejects Date objects and other objects that are not cell values', () => {
    expect(parseValue({ value: new Date(0) } as unknown as Cell)).toEqual({
      kind: 'invalid',
      reason: 'wrong-type',
      raw: null,
      holds: 'date',
    });
    expect(parseValue({ value: { a: 1 } } as unknown as Cell)).toEqual({
      kind: 'invalid',
      reason: 'wrong-type',
      raw: null,
      holds: 'other',
    });
  });

  it('treats a missing cell as blank', () => {
    expect(parseValue(undefined as unknown as Cell)).toEqual({
      kind: 'missing',
      reason: 'blank',
      raw: null,
    });
  });
});

describe('number cells', () => {
  it('reads a percent-formatted 0.745 as 74.5 percent, exactly', () => {
    expect(parseValue({ value: 0.745, numberFormat: '0.0%', text: '74,5%' })).toEqual({
      kind: 'number',
      value: 74.5,
      scale: 'percent',
      how: 'percent-format',
      raw: 0.745,
      text: '74,5%',
    });
  });

  it.each([
    [0.9333, '0.00%', 93.33],
    [0.6883, '0.00%', 68.83],
    [0.57, '0%', 57],
    [0.29, '0%', 29],
    [0.1, '0.0%', 10],
    [0, '0.00%', 0],
    [1, '0%', 100],
    [0.003356, '[Red]0.00%', 0.3356],
  ])('%d in a "%s" cell is %d percent', (value, numberFormat, points) => {
    const result = parseValue({ value, numberFormat }, { expect: percent });
    expect(result).toEqual({
      kind: 'number',
      value: points,
      scale: 'percent',
      how: 'percent-format',
      raw: value,
    });
  });

  it('reports a percent-formatted value above 100 %', () => {
    expect(parseValue({ value: 1.05, numberFormat: '0%' })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: 1.05,
      range: 'percent',
      value: 105,
    });
  });

  it('reads a percent-formatted negative value only when any value is expected', () => {
    expect(parseValue({ value: -0.008, numberFormat: '0.0%' })).toMatchObject({
      kind: 'number',
      value: -0.8,
      scale: 'percent',
    });
    expect(parseValue({ value: -0.008, numberFormat: '0.0%' }, { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: -0.008,
      range: 'percent',
      value: -0.8,
    });
  });

  it('reports a percent-formatted value where points or a count are expected', () => {
    expect(parseValue({ value: 0.5, numberFormat: '0%' }, { expect: points18 })).toEqual({
      kind: 'invalid',
      reason: 'unit-mismatch',
      raw: 0.5,
      expected: { kind: 'points', max: 18 },
      written: { kind: 'percent' },
      value: 50,
    });
    expect(parseValue({ value: 0.5, numberFormat: '0%' }, { expect: count })).toMatchObject({
      reason: 'unit-mismatch',
      expected: { kind: 'count' },
      written: { kind: 'percent' },
    });
  });

  it('ignores a quoted or escaped % in the number format', () => {
    expect(parseValue({ value: 0.745, numberFormat: '0.00" %"' })).toEqual({
      kind: 'number',
      value: 0.745,
      scale: 'number',
      how: 'number',
      raw: 0.745,
    });
  });

  it('reads a plain 79 as 79 percent when a percentage is expected', () => {
    expect(parseValue({ value: 79 }, { expect: percent })).toEqual({
      kind: 'number',
      value: 79,
      scale: 'percent',
      how: 'number-as-points',
      raw: 79,
    });
  });

  it('flags a plain fraction where a percentage is expected, and still reads it as points', () => {
    expect(parseValue({ value: 0.85 }, { expect: percent })).toEqual({
      kind: 'number',
      value: 0.85,
      scale: 'percent',
      how: 'number-as-points',
      suspect: 'looks-like-fraction',
      raw: 0.85,
    });
  });

  it.each([[0], [1], [100]])('does not flag %d', (value) => {
    expect(parseValue({ value }, { expect: percent })).not.toHaveProperty('suspect');
  });

  it('reports a plain number above 100 where a percentage is expected', () => {
    expect(parseValue({ value: 101 }, { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: 101,
      range: 'percent',
      value: 101,
    });
  });

  it('reads plain numbers as numbers for counts and by default', () => {
    const expected = { kind: 'number', value: 42, scale: 'number', how: 'number', raw: 42 };
    expect(parseValue({ value: 42 })).toEqual(expected);
    expect(parseValue({ value: 42 }, { expect: count })).toEqual(expected);
    expect(parseValue({ value: 42 }, { expect: { kind: 'any' } })).toEqual(expected);
    expect(parseValue({ value: 42, numberFormat: 'General', type: 'number' })).toEqual(expected);
  });

  it('reads plain numbers as points with the expected maximum', () => {
    expect(parseValue({ value: 11.3 }, { expect: points18 })).toEqual({
      kind: 'number',
      value: 11.3,
      scale: 'points',
      max: 18,
      how: 'number',
      raw: 11.3,
    });
    expect(parseValue({ value: 11.3 }, { expect: { kind: 'points' } })).toEqual({
      kind: 'number',
      value: 11.3,
      scale: 'points',
      how: 'number',
      raw: 11.3,
    });
    expect(parseValue({ value: 19.1 }, { expect: points18 })).toEqual({
      kind: 'invalid',
      reason: 'above-maximum',
      raw: 19.1,
      value: 19.1,
      max: 18,
    });
  });

  it('accepts negative numbers only when any value is expected', () => {
    expect(parseValue({ value: -0.8 })).toMatchObject({ kind: 'number', value: -0.8 });
    expect(parseValue({ value: -3 }, { expect: count })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: -3,
      range: 'non-negative',
      value: -3,
    });
    expect(parseValue({ value: -1 }, { expect: points18 })).toMatchObject({
      reason: 'out-of-range',
      range: 'non-negative',
      max: 18,
    });
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('reports %d as unreadable (%s)', (value) => {
    expect(parseValue({ value })).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: value,
      cause: 'not-finite',
    });
  });

  it('reports a percent-formatted value whose percentage overflows', () => {
    expect(parseValue({ value: -1.8e306, numberFormat: '0%' })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: -1.8e306,
      range: 'percent',
    });
  });

  it('never returns -0', () => {
    const plain = parseValue({ value: -0 });
    const formatted = parseValue({ value: -0, numberFormat: '0%' });
    expect(plain.kind === 'number' && Object.is(plain.value, 0)).toBe(true);
    expect(formatted.kind === 'number' && Object.is(formatted.value, 0)).toBe(true);
  });
});

describe('text: numbers from the seed documents', () => {
  it.each([
    ['7,52/18', 7.52, 18],
    ['11,3/18', 11.3, 18],
    ['19,4/20', 19.4, 20],
    ['2,9/12', 2.9, 12],
    ['4/10', 4, 10],
    ['11/11', 11, 11],
    ['11,3 / 18', 11.3, 18],
  ])('"%s" is %d points of %d', (text, value, max) => {
    expect(parseText(text)).toEqual({
      kind: 'number',
      value,
      scale: 'points',
      max,
      how: 'text-points',
      raw: text,
    });
  });

  it('reports "19,1/18" as above the maximum', () => {
    expect(parseText('19,1/18')).toEqual({
      kind: 'invalid',
      reason: 'above-maximum',
      raw: '19,1/18',
      value: 19.1,
      max: 18,
    });
  });

  it.each([
    ['93,33%', 93.33],
    ['68,83%', 68.83],
    ['0,00%', 0],
    ['76,1%', 76.1],
    ['85,5 %', 85.5],
    ['85,5\u00a0%', 85.5],
    ['100%', 100],
    ['6,03%', 6.03],
    ['0%', 0],
  ])('"%s" is %d percent', (text, value) => {
    expect(parseText(text)).toEqual({
      kind: 'number',
      value,
      scale: 'percent',
      how: 'text-percent',
      raw: text,
    });
  });

  it('reads a percentage text the same when a percentage is expected', () => {
    expect(parseText('60,21%', { expect: percent })).toEqual({
      kind: 'number',
      value: 60.21,
      scale: 'percent',
      how: 'text-percent',
      raw: '60,21%',
    });
  });

  it('reports "105%" as out of range', () => {
    expect(parseText('105%')).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: '105%',
      range: 'percent',
      value: 105,
    });
  });

  it.each([
    ['+24,5', 24.5],
    ['+3,78', 3.78],
    ['- 0,8', -0.8],
    ['-0,8', -0.8],
    ['−0,8', -0.8],
    ['– 0,8', -0.8],
    ['+5,0', 5],
    ['+ 60,3', 60.3],
    ['0,8', 0.8],
    ['12', 12],
    ['007', 7],
  ])('"%s" is %d', (text, value) => {
    expect(parseText(text)).toEqual({
      kind: 'number',
      value,
      scale: 'number',
      how: 'text-number',
      raw: text,
    });
  });

  it('never returns -0 from text', () => {
    const result = parseText('- 0,0');
    expect(result.kind === 'number' && Object.is(result.value, 0)).toBe(true);
  });

  it('rejects a signed negative unless any value is expected', () => {
    expect(parseText('- 0,8', { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: '- 0,8',
      range: 'percent',
      value: -0.8,
    });
    expect(parseText('-5', { expect: count })).toMatchObject({
      reason: 'out-of-range',
      value: -5,
    });
  });

  it('reads a plain text number as percentage points when a percentage is expected', () => {
    expect(parseText('79', { expect: percent })).toEqual({
      kind: 'number',
      value: 79,
      scale: 'percent',
      how: 'text-number',
      raw: '79',
    });
    expect(parseText('0,8', { expect: percent })).toEqual({
      kind: 'number',
      value: 0.8,
      scale: 'percent',
      how: 'text-number',
      suspect: 'looks-like-fraction',
      raw: '0,8',
    });
  });

  it('reads a plain text number as points when points are expected', () => {
    expect(parseText('11,3', { expect: points18 })).toEqual({
      kind: 'number',
      value: 11.3,
      scale: 'points',
      max: 18,
      how: 'text-number',
      raw: '11,3',
    });
    expect(parseText('19,1', { expect: points18 })).toMatchObject({
      reason: 'above-maximum',
      value: 19.1,
      max: 18,
    });
  });
});

describe('text: comparators', () => {
  it('reads "Tối thiểu 50" as at least 50', () => {
    expect(parseText('Tối thiểu 50')).toEqual({
      kind: 'number',
      value: 50,
      scale: 'number',
      comparator: 'at-least',
      how: 'text-number',
      raw: 'Tối thiểu 50',
    });
    expect(parseText('Tối thiểu 50', { expect: percent })).toEqual({
      kind: 'number',
      value: 50,
      scale: 'percent',
      comparator: 'at-least',
      how: 'text-number',
      raw: 'Tối thiểu 50',
    });
  });

  it('reads "≥ 90" as at least 90', () => {
    expect(parseText('≥ 90')).toEqual({
      kind: 'number',
      value: 90,
      scale: 'number',
      comparator: 'at-least',
      how: 'text-number',
      raw: '≥ 90',
    });
  });

  it('reads "trên 98%" as above 98 percent', () => {
    expect(parseText('trên 98%')).toEqual({
      kind: 'number',
      value: 98,
      scale: 'percent',
      comparator: 'above',
      how: 'text-percent',
      raw: 'trên 98%',
    });
  });

  it.each([
    ['TỐI THIỂU 30%', 'at-least', 30],
    ['toi thieu 30%', 'at-least', 30],
    ['Tối thiểu: 30%', 'at-least', 30],
    ['Tối thiểu 50'.normalize('NFD'), 'at-least', 50],
    ['Tối\u00a0thiểu\u00a050', 'at-least', 50],
    ['ít nhất 30%', 'at-least', 30],
    ['>= 90', 'at-least', 90],
    ['≥90%', 'at-least', 90],
    ['từ 50%', 'at-least', 50],
    ['Trên 98%', 'above', 98],
    ['TRÊN 98 %', 'above', 98],
    ['> 98%', 'above', 98],
    ['hơn 5', 'above', 5],
    ['tối đa 5', 'at-most', 5],
    ['Không quá 3', 'at-most', 3],
    ['≤ 2', 'at-most', 2],
    ['<=2', 'at-most', 2],
    ['dưới 10%', 'below', 10],
    ['DƯỚI 10%', 'below', 10],
    ['Dưới\u202f10\u00a0%', 'below', 10],
    ['< 10', 'below', 10],
    ['Trên 1.234.567', 'above', 1234567],
  ])('"%s" is %s %d', (text, comparator, value) => {
    expect(parseText(text)).toMatchObject({ kind: 'number', comparator, value });
  });

  it('reads a comparator with a sign and with points', () => {
    expect(parseText('trên - 0,5')).toMatchObject({ comparator: 'above', value: -0.5 });
    expect(parseText('tối thiểu 11/18')).toMatchObject({
      comparator: 'at-least',
      value: 11,
      max: 18,
      scale: 'points',
    });
  });

  it.each([['trên'], ['tuan 5'], ['trên 98% hồ sơ'], ['≥'], ['đạt 50%'], ['tối thiểu -']])(
    '"%s" is unreadable',
    (text) => {
      expect(parseText(text)).toEqual({
        kind: 'invalid',
        reason: 'unreadable',
        raw: text,
        cause: 'not-a-number',
      });
    },
  );
});

describe('text: separators', () => {
  it.each([
    ['1.234.567', 1234567],
    ['1.234.567,5', 1234567.5],
    ['12.345.678,25', 12345678.25],
    ['1,234,567', 1234567],
    ['1,234.5', 1234.5],
    ['1,234,567.25', 1234567.25],
    ['1.5', 1.5],
    ['1.23', 1.23],
    ['1.2345', 1.2345],
    ['1234.567', 1234.567],
    ['0.125', 0.125],
    ['1,234', 1.234],
    ['1234,5', 1234.5],
    ['1234567890123456', 1234567890123456],
    ['000000000000000000012,5', 12.5],
    ['1.234.567.890.123.456,5', 1234567890123456.5],
  ])('"%s" is %d', (text, value) => {
    expect(parseText(text)).toEqual({
      kind: 'number',
      value,
      scale: 'number',
      how: 'text-number',
      raw: text,
    });
  });

  it('reports "1.234" as ambiguous, with both readings', () => {
    expect(parseText('1.234')).toEqual({
      kind: 'invalid',
      reason: 'ambiguous',
      raw: '1.234',
      readings: [1234, 1.234],
    });
    expect(parseText('12.345', { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'ambiguous',
      raw: '12.345',
      readings: [12345, 12.345],
    });
    expect(parseText('1.234%')).toMatchObject({ reason: 'ambiguous', readings: [1234, 1.234] });
    expect(parseText('-1.234')).toMatchObject({ reason: 'ambiguous', readings: [-1234, -1.234] });
    expect(parseText('5/1.000')).toMatchObject({ reason: 'ambiguous', readings: [1000, 1] });
  });

  it('reads a single dot before three digits as thousands in a count', () => {
    for (const [text, value] of [
      ['1.234', 1234],
      ['12.345', 12345],
      ['999.000', 999000],
      ['1.234.567', 1234567],
    ] as const) {
      expect(parseText(text, { expect: count })).toEqual({
        kind: 'number',
        value,
        scale: 'number',
        how: 'text-number',
        raw: text,
      });
    }
  });

  it.each([
    ['1.23.4'],
    ['1,23,456'],
    ['1234.567.890'],
    ['1.234,5,6'],
    ['1,234.5.6'],
    ['1.234.5'],
    ['12,'],
    ['12.'],
    [',5'],
    ['.5'],
    ['1 234'],
    ['1e5'],
    ['0x10'],
    ['Infinity'],
  ])('"%s" is unreadable', (text) => {
    expect(parseText(text)).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: text,
      cause: 'not-a-number',
    });
  });
});

describe('text: unreadable and mismatched', () => {
  it.each([
    ['abc'],
    ['12 %%'],
    ['%'],
    ['19,1/18/3'],
    ['76,1%/40%'],
    ['12 hồ sơ'],
    ['85,5% '.repeat(3)],
    ['11/'],
    ['/18'],
    ['5 6'],
    ['+'],
    ['++5'],
    ['5%5'],
  ])('"%s" is unreadable', (text) => {
    expect(parseText(text)).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: text,
      cause: 'not-a-number',
    });
  });

  it('reports a zero maximum as unreadable', () => {
    expect(parseText('5/0')).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: '5/0',
      cause: 'bad-maximum',
      max: 0,
    });
  });

  it('does not scan very long texts', () => {
    const long = '1'.repeat(65);
    expect(parseText(long)).toEqual({
      kind: 'invalid',
      reason: 'unreadable',
      raw: long,
      cause: 'too-long',
    });
    const padded = `${' '.repeat(10_000)}76,2%${'\u00a0'.repeat(10_000)}`;
    expect(parseText(padded)).toMatchObject({ kind: 'number', value: 76.2, scale: 'percent' });
    expect(parseText(' '.repeat(100_000))).toMatchObject({ kind: 'missing', reason: 'blank' });
  });

  it('reports points where a percentage is expected', () => {
    expect(parseText('11,3/18', { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'unit-mismatch',
      raw: '11,3/18',
      expected: { kind: 'percent' },
      written: { kind: 'points', max: 18 },
      value: 11.3,
      max: 18,
    });
  });

  it('reports points out of another maximum than expected', () => {
    expect(parseText('19,4/20', { expect: points18 })).toEqual({
      kind: 'invalid',
      reason: 'unit-mismatch',
      raw: '19,4/20',
      expected: { kind: 'points', max: 18 },
      written: { kind: 'points', max: 20 },
      value: 19.4,
      max: 20,
    });
    expect(parseText('11,3/18', { expect: points18 })).toMatchObject({
      kind: 'number',
      value: 11.3,
      max: 18,
    });
    expect(parseText('11,3/18', { expect: { kind: 'points' } })).toMatchObject({
      kind: 'number',
      max: 18,
    });
  });

  it('reports a percentage where points or a count are expected', () => {
    expect(parseText('50%', { expect: points18 })).toEqual({
      kind: 'invalid',
      reason: 'unit-mismatch',
      raw: '50%',
      expected: { kind: 'points', max: 18 },
      written: { kind: 'percent' },
      value: 50,
    });
    expect(parseText('50%', { expect: count })).toMatchObject({
      reason: 'unit-mismatch',
      expected: { kind: 'count' },
      written: { kind: 'percent' },
    });
    expect(parseText('11/11', { expect: count })).toMatchObject({
      reason: 'unit-mismatch',
      expected: { kind: 'count' },
      written: { kind: 'points', max: 11 },
    });
  });
});

describe('provenance', () => {
  it('reads a string value and keeps the displayed text', () => {
    expect(parseValue({ value: '76,2%', text: '76,2 %', type: 'string' })).toEqual({
      kind: 'number',
      value: 76.2,
      scale: 'percent',
      how: 'text-percent',
      raw: '76,2%',
      text: '76,2 %',
    });
  });

  it('prefers the value over the displayed text', () => {
    expect(parseValue({ value: 0.5, text: '#####', numberFormat: '0%' })).toMatchObject({
      value: 50,
      raw: 0.5,
      text: '#####',
    });
  });

  it('reads the displayed text of a text cell without a value', () => {
    expect(parseValue({ value: null, text: '76,2%', type: 'string' })).toMatchObject({
      kind: 'number',
      value: 76.2,
      raw: null,
      text: '76,2%',
    });
  });

  it('ignores the number format of a text cell', () => {
    expect(parseValue({ value: '0,745', numberFormat: '0.0%' })).toMatchObject({
      kind: 'number',
      value: 0.745,
      scale: 'number',
      how: 'text-number',
    });
  });
});

describe('isPercentFormat', () => {
  it.each([
    ['0.0%', true],
    ['0%', true],
    ['0.00%', true],
    ['[Red]0%', true],
    ['#,##0.00%;[Red]-#,##0.00%', true],
    ['0.0 %', true],
    ['0.00" %"', false],
    ['"%"0', false],
    ['0\\%', false],
    ['0_%', false],
    ['0*%', false],
    ['[$%-409]0', false],
    ['General', false],
    ['@', false],
    ['', false],
    ['0.00"', false],
  ])('"%s" → %s', (format, percentFormat) => {
    expect(isPercentFormat(format)).toBe(percentFormat);
  });

  it('is false without a format', () => {
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe('formatNumberVi / formatNumber / formatPercent', () => {
  it.each([
    [1234567.5, '1.234.567,5'],
    [74.5, '74,5'],
    [75, '75'],
    [0.745 * 100, '74,5'],
    [93.33, '93,33'],
    [1.005, '1,01'],
    [2.675, '2,68'],
    [1 / 3, '0,33'],
    [1234, '1.234'],
    [0, '0'],
    [-0, '0'],
    [-0.001, '0'],
    [-1234.5, '-1.234,5'],
    [1e21, '1.000.000.000.000.000.000.000'],
  ])('formatNumberVi(%d) is "%s"', (n, text) => {
    expect(formatNumberVi(n)).toBe(text);
  });

  it('honours the options', () => {
    expect(formatNumberVi(1234567.5, { grouping: false })).toBe('1234567,5');
    expect(formatNumberVi(74.5, { maximumFractionDigits: 0 })).toBe('75');
    expect(formatNumberVi(1.23456, { maximumFractionDigits: 4 })).toBe('1,2346');
    expect(formatNumberVi(1.23456, { maximumFractionDigits: -1 })).toBe('1');
    expect(formatNumberVi(1.5, { maximumFractionDigits: 500 })).toBe('1,5');
  });

  it('writes English numbers', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(74.5, 'en')).toBe('74.5');
    expect(formatNumber(-0, 'en')).toBe('0');
    expect(formatNumber(1234567.5, 'vi')).toBe('1.234.567,5');
    expect(formatNumber(1234567.5, 'en', { grouping: false })).toBe('1234567.5');
  });

  it('writes percentages with no space before the sign', () => {
    expect(formatPercent(74.5)).toBe('74,5%');
    expect(formatPercent(74.5, 'vi')).toBe('74,5%');
    expect(formatPercent(74.5, 'en')).toBe('74.5%');
    expect(formatPercent(75, 'vi')).toBe('75%');
    expect(formatPercent(0, 'en')).toBe('0%');
    expect(`Quý II: ${formatPercent(74.5, 'vi')} < tối thiểu ${formatPercent(75, 'vi')}`).toBe(
      'Quý II: 74,5% < tối thiểu 75%',
    );
  });
});

describe('values as they are typed: count ratios where a percentage is expected', () => {
  it.each([
    ['15/15', 100],
    ['12/15', 80],
    ['3/4', 75],
    ['0/15', 0],
    ['2/3', 200 / 3],
    ['11/11', 100],
    [' 15 / 15 ', 100],
    ['tối thiểu 9/10', 90],
  ])('"%s" is a count ratio: %d %%', (text, value) => {
    expect(parseText(text, { expect: percent })).toMatchObject({
      kind: 'number',
      value,
      scale: 'percent',
      how: 'text-ratio',
      raw: text,
    });
  });

  it('keeps what was written and has no maximum', () => {
    expect(parseText('15/15', { expect: percent })).toEqual({
      kind: 'number',
      value: 100,
      scale: 'percent',
      how: 'text-ratio',
      raw: '15/15',
    });
  });

  it('a whole count above its total is out of range, as 106,67 % would be', () => {
    expect(parseText('16/15', { expect: percent })).toEqual({
      kind: 'invalid',
      reason: 'out-of-range',
      raw: '16/15',
      range: 'percent',
      value: 1600 / 15,
    });
  });

  // The boundary: a decimal on either side is a score (points), a unit mismatch in a percentage.
  it.each([['11,3/18'], ['15,0/15'], ['15/15,0'], ['11.5/18'], ['19,1/18']])(
    '"%s" is points: a unit mismatch',
    (text) => {
      expect(parseText(text, { expect: percent })).toMatchObject({
        kind: 'invalid',
        reason: 'unit-mismatch',
        expected: { kind: 'percent' },
        written: { kind: 'points' },
      });
    },
  );

  it('is a ratio only where a percentage is expected', () => {
    expect(parseText('15/15')).toMatchObject({ kind: 'number', scale: 'points', max: 15 });
    expect(parseText('15/18', { expect: points18 })).toMatchObject({
      kind: 'number',
      value: 15,
      scale: 'points',
      max: 18,
    });
    expect(parseText('15/15', { expect: count })).toMatchObject({ reason: 'unit-mismatch' });
  });

  it('"0/0" is nothing arising; "5/0" has no total', () => {
    expect(parseText('0/0', { expect: percent })).toEqual({ kind: 'not-occurred', raw: '0/0' });
    expect(parseText('5/0', { expect: percent })).toMatchObject({
      reason: 'unreadable',
      cause: 'bad-maximum',
    });
    expect(parseText('0/0')).toMatchObject({ reason: 'unreadable', cause: 'bad-maximum' });
  });

  it('"1.500/2.000" is ambiguous as before (thousands or decimals)', () => {
    expect(parseText('1.500/2.000', { expect: percent })).toMatchObject({ reason: 'ambiguous' });
  });
});

describe('values as they are typed: percentages inside words', () => {
  it.each([
    ['100% (15/15 hồ sơ)', 100],
    ['86% (tạm tính)', 86],
    ['đạt 66,67%', 66.67],
    ['Đạt 66,67%', 66.67],
    ['ĐẠT: 80%', 80],
    ['đạt được 90,5%', 90.5],
    ['đã đạt 95%', 95],
    ['mới đạt 60,21%', 60.21],
    ['Tỷ lệ: 75%', 75],
    ['tỷ lệ đạt 75 %', 75],
    ['Kết quả: 98,5%', 98.5],
    ['76,1%/40%', 76.1],
    ['76,1 % / 40 %', 76.1],
    ['48,2%/30%', 48.2],
    ['15/15 hồ sơ', 100],
    ['11/11 cấp xã', 100],
    ['86% hồ sơ', 86],
    ['đạt 15/15', 100],
    ['đạt 12/15 hồ sơ', 80],
    ['đạt trên 98%', 98],
  ])('"%s" is %d %%, read from words', (text, value) => {
    expect(parseText(text, { expect: percent })).toMatchObject({
      kind: 'number',
      value,
      scale: 'percent',
      how: 'text-prose',
      raw: text,
    });
  });

  it.each([
    ['chưa đạt 50%'],
    ['không đạt 50%'],
    ['khoảng 80%'],
    ['50% - 60%'],
    ['80% 90%'],
    ['76,1%/40'],
    ['76,1/40%'],
    ['86 hồ sơ'],
    ['đạt'],
    ['đạt cao'],
    ['75 phần trăm'],
    ['(15/15)'],
    ['đạtt 50%'],
  ])('"%s" stays unreadable', (text) => {
    expect(parseText(text, { expect: percent })).toMatchObject({
      kind: 'invalid',
      reason: 'unreadable',
    });
  });

  it('keeps points in words a unit mismatch, and a percentage above 100 out of range', () => {
    expect(parseText('11,3/18 điểm', { expect: percent })).toMatchObject({
      reason: 'unit-mismatch',
    });
    expect(parseText('đạt 105%', { expect: percent })).toMatchObject({ reason: 'out-of-range' });
  });

  it('reads words only where a percentage is expected', () => {
    for (const text of ['đạt 50%', '100% (15/15 hồ sơ)', '76,1%/40%'])
      expect(parseText(text), text).toMatchObject({ kind: 'invalid', reason: 'unreadable' });
    expect(parseText('đạt 50%', { expect: count })).toMatchObject({ reason: 'unreadable' });
  });
});

describe('values as they are typed: nothing arising ("Không phát sinh")', () => {
  it.each([
    ['Không phát sinh'],
    ['không phát sinh'],
    ['KHÔNG PHÁT SINH'],
    ['Không phát sinh.'],
    ['  Không  phát sinh  '],
    ['Không PS'],
    ['không ps'],
    ['KPS'],
    ['K PS'],
    ['Ko phát sinh'],
    ['Chưa phát sinh'],
    ['Không có hồ sơ phát sinh'],
    ['Không phát sinh hồ sơ'],
    ['Không phát sinh hồ sơ trong kỳ'],
    ['Không phát sinh TTHC'],
    ['Không có phát sinh'],
    ['Không phát sinh (0 hồ sơ)'],
    ['(Không phát sinh)'],
    ['Khong phat sinh'],
    ['Không phát sinh'.normalize('NFD')],
  ])('"%s" is its own outcome, whatever is expected', (text) => {
    for (const e of [percent, count, points18, undefined]) {
      expect(parseText(text, e ? { expect: e } : undefined)).toEqual({
        kind: 'not-occurred',
        raw: text,
      });
    }
  });

  it.each([['Không'], ['phát sinh'], ['Không phát sinh 5'], ['Có phát sinh'], ['Không đạt']])(
    '"%s" is not',
    (text) => {
      expect(parseText(text, { expect: percent }).kind).not.toBe('not-occurred');
    },
  );

  it('keeps the displayed text', () => {
    expect(parseValue({ value: 'KPS', text: 'KPS', type: 'string' })).toEqual({
      kind: 'not-occurred',
      raw: 'KPS',
      text: 'KPS',
    });
  });
});

describe('a formula the file holds no result for', () => {
  it('is missing, not calculated (not blank), whatever is expected', () => {
    const cell: Cell = { value: null, text: '', type: 'empty', uncalculated: true };
    for (const e of [percent, count, undefined])
      expect(parseValue(cell, e ? { expect: e } : undefined)).toEqual({
        kind: 'missing',
        reason: 'not-calculated',
        raw: null,
        text: '',
      });
    expect(parseValue({ value: null, type: 'empty' })).toMatchObject({ reason: 'blank' });
  });
});
