import { describe, expect, it } from 'vitest';
import {
  builtInFormat,
  formatWithCode as formatNumber,
  isDateFormat,
  isoToSerial,
  serialToDate,
} from '../src/parse/format-code.js';

const vi = { decimalSeparator: ',', date1904: false } as const;
const en = { decimalSeparator: '.', date1904: false } as const;

describe('builtInFormat', () => {
  it('knows the built-in ids', () => {
    expect(builtInFormat(0)).toBe('General');
    expect(builtInFormat(9)).toBe('0%');
    expect(builtInFormat(10)).toBe('0.00%');
    expect(builtInFormat(14)).toBe('mm-dd-yy');
    expect(builtInFormat(49)).toBe('@');
    expect(builtInFormat(100)).toBeUndefined();
  });
});

describe('isDateFormat', () => {
  it.each([
    ['mm-dd-yy', true],
    ['dd/mm/yyyy', true],
    ['[$-42A]dd/mm/yyyy', true],
    ['h:mm AM/PM', true],
    ['[h]:mm:ss', true],
    ['mmss.0', true],
    ['mmmm', true],
    ['General', false],
    ['0.0%', false],
    ['0.00E+00', false],
    ['#,##0" ngày"', false],
    ['"dd/mm" 0', false],
    ['[Red]0.0', false],
    ['@', false],
  ])('%s → %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });

  it('agrees with the built-in date ids 14-22 and 45-47', () => {
    for (let id = 0; id <= 49; id++) {
      const code = builtInFormat(id);
      if (code === undefined) continue;
      expect(isDateFormat(code), `${id} ${code}`).toBe(
        (id >= 14 && id <= 22) || (id >= 45 && id <= 47),
      );
    }
  });
});

describe('formatNumber', () => {
  it.each([
    [0, 'General', '0'],
    [85, 'General', '85'],
    [-3, 'General', '-3'],
    [74.5, 'General', '74,5'],
    [0.745, 'General', '0,745'],
    [0.1 + 0.2, 'General', '0,3'],
    [1 / 3, 'General', '0,333333333'],
    [1234.56789012, 'General', '1234,56789'],
    [12345678901, 'General', '12345678901'],
    [123456789012, 'General', '1,23457E+11'],
    [1e-12, 'General', '1E-12'],
    [85, '0', '85'],
    [85.5, '0', '86'],
    [2.5, '0', '3'],
    [-2.5, '0', '-3'],
    [85.25, '0.0', '85,3'],
    [1.005, '0.00', '1,01'],
    [1234567.891, '#,##0.00', '1.234.567,89'],
    [999.999, '#,##0.00', '1.000,00'],
    [0.5, '#,##0', '1'],
    [0.5, '#.##', ',5'],
    [12, '0.', '12,'],
    [1.5, '0.0#', '1,5'],
    [1.555, '0.0#', '1,56'],
    [0.745, '0%', '75%'],
    [0.565, '0%', '57%'],
    [0.745, '0.0%', '74,5%'],
    [0.7456, '0.00%', '74,56%'],
    [1, '0.0%', '100,0%'],
    [-0.05, '0.0%', '-5,0%'],
    [74.5, '0.0" %"', '74,5 %'],
    [12345.678, '0.00E+00', '1,23E+04'],
    [0.00012, '0.00E+00', '1,20E-04'],
    [9.999, '0.00E+00', '1,00E+01'],
    [12345, '##0.0E+0', '12,3E+3'],
    [1234.5, '#,##0.00;(#,##0.00)', '1.234,50'],
    [-1234.5, '#,##0.00;(#,##0.00)', '(1.234,50)'],
    [0, '#,##0;-#,##0;"-"', '-'],
    [1234.5, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', '1.234,50'],
    [0, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', '-'],
    [1500000, '#,##0,', '1.500'],
    [1234, '[$₫-42A]#,##0', '₫1.234'],
    [1234, '#,##0 [$₫-42A]', '1.234 ₫'],
    [5, '[Red][<10]0.0;0', '5,0'],
    [3.25, '# ?/?', '3,25'],
    [12, '@', '12'],
    [12, '"Điểm: "0', 'Điểm: 12'],
    [12, ';;;', ''],
    [45747, 'mm-dd-yy', '31/03/2025'],
    [45747.75, 'dd/mm/yyyy hh:mm', '31/03/2025 18:00'],
    [0.5, 'h:mm', '12:00'],
    [0.5, 'h:mm:ss AM/PM', '12:00:00'],
    [1.25, '[h]:mm', '30:00'],
    [60, 'dd/mm/yyyy', '29/02/1900'],
    [61, 'dd/mm/yyyy', '01/03/1900'],
    [1, 'dd/mm/yyyy', '01/01/1900'],
    [-1, 'dd/mm/yyyy', '-1'],
    [3e6, 'dd/mm/yyyy', '3000000'],
  ])('%s with %s → %s', (value, code, text) => {
    expect(formatNumber(value, code, vi)).toBe(text);
  });

  it('writes the English separators when asked', () => {
    expect(formatNumber(1234567.891, '#,##0.00', en)).toBe('1,234,567.89');
    expect(formatNumber(0.745, '0.0%', en)).toBe('74.5%');
    expect(formatNumber(74.5, 'General', en)).toBe('74.5');
  });

  it('counts dates from 1904 in 1904 workbooks', () => {
    expect(formatNumber(44285, 'dd/mm/yyyy', { decimalSeparator: ',', date1904: true })).toBe(
      '31/03/2025',
    );
    expect(formatNumber(0, 'dd/mm/yyyy', { decimalSeparator: ',', date1904: true })).toBe(
      '01/01/1904',
    );
  });

  it('never fails on odd values or codes', () => {
    expect(formatNumber(Number.NaN, '0', vi)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'General', vi)).toBe('Infinity');
    expect(formatNumber(1e300, '0.00', vi)).toMatch(/^1000/);
    expect(formatNumber(1.5, '"unterminated', vi)).toBe('unterminated');
    expect(formatNumber(1.5, '[Red', vi)).toBe('');
    expect(formatNumber(-1.5, '0;', vi)).toBe('');
  });
});

describe('dates', () => {
  it('converts ISO dates to serial numbers and back', () => {
    expect(isoToSerial('2025-03-31', false)).toBe(45747);
    expect(isoToSerial('2025-03-31T12:00:00Z', false)).toBe(45747.5);
    expect(isoToSerial('1900-01-01', false)).toBe(1);
    expect(isoToSerial('1900-03-01', false)).toBe(61);
    expect(isoToSerial('1904-01-01', true)).toBe(0);
    expect(isoToSerial('T06:00', false)).toBe(0.25);
    expect(isoToSerial('31/03/2025', false)).toBeUndefined();
    expect(serialToDate(45747.5, false)).toEqual({
      year: 2025,
      month: 3,
      day: 31,
      hours: 12,
      minutes: 0,
      seconds: 0,
    });
    expect(serialToDate(0.99999999, false)).toMatchObject({
      year: 1900,
      month: 1,
      day: 1,
      hours: 0,
    });
  });
});
