import { describe, expect, it } from 'vitest';
import { compactMarkFormat, markLooks, markNumberFormat } from '../src/annex/marks.js';

describe('markNumberFormat: the symbol before every section of the cell’s own format', () => {
  it('keeps the precision of a one-section format, with a sign for negatives and a text section', () => {
    expect(markNumberFormat('below-minimum', true, '0%')).toBe('"✗ "0%;"✗ "-0%;"✗ "0%;"✗ "@');
    expect(markNumberFormat('below-minimum', true, '0.0%')).toBe(
      '"✗ "0.0%;"✗ "-0.0%;"✗ "0.0%;"✗ "@',
    );
    expect(markNumberFormat('invalid-value', false, 'General')).toBe(
      '"! "General;"! "-General;"! "General;"! "@',
    );
    expect(markNumberFormat('near-miss', false, '#,##0.00')).toBe(
      '"≈ "#,##0.00;"≈ "-#,##0.00;"≈ "#,##0.00;"≈ "@',
    );
  });

  it('prefixes each section of a format with two or three, and its own text section', () => {
    expect(markNumberFormat('below-minimum', false, '0.0;(0.0)')).toBe(
      '"✗ "0.0;"✗ "(0.0);"✗ "0.0;"✗ "@',
    );
    expect(markNumberFormat('below-minimum', false, '0;-0;"không"')).toBe(
      '"✗ "0;"✗ "-0;"✗ ""không";"✗ "@',
    );
    expect(markNumberFormat('missing-value', false, '0;-0;0;[Blue]"đã nhập: "@')).toBe(
      '"? "0;"? "-0;"? "0;[Blue]"? ""đã nhập: "@',
    );
  });

  it('puts the symbol after a colour or locale at the start of a section', () => {
    expect(markNumberFormat('below-minimum', true, '[Red]0.00%')).toBe(
      '[Red]"✗ "0.00%;[Red]"✗ "-0.00%;[Red]"✗ "0.00%;"✗ "@',
    );
    expect(markNumberFormat('below-minimum', false, '[$-42A]#,##0')).toBe(
      '[$-42A]"✗ "#,##0;[$-42A]"✗ "-#,##0;[$-42A]"✗ "#,##0;"✗ "@',
    );
  });

  it('keeps a ";" or "@" inside quotes or escaped as it is', () => {
    expect(markNumberFormat('below-minimum', false, '0" ;@ "')).toBe(
      '"✗ "0" ;@ ";"✗ "-0" ;@ ";"✗ "0" ;@ ";"✗ "@',
    );
    expect(markNumberFormat('below-minimum', false, '0\\;')).toBe(
      '"✗ "0\\;;"✗ "-0\\;;"✗ "0\\;;"✗ "@',
    );
  });

  it('falls back on the scale’s format for none, General-less text, dates and conditions', () => {
    const percent = '"✗ "0.0#%;"✗ "-0.0#%;"✗ "0.0#%;"✗ "@';
    const plain = '"✗ "General;"✗ "-General;"✗ "General;"✗ "@';
    expect(markNumberFormat('below-minimum', true)).toBe(percent);
    expect(markNumberFormat('below-minimum', false)).toBe(plain);
    expect(markNumberFormat('below-minimum', true, '@')).toBe(percent);
    expect(markNumberFormat('below-minimum', false, '')).toBe(plain);
    expect(markNumberFormat('below-minimum', false, 'dd/mm/yyyy')).toBe(plain);
    expect(markNumberFormat('below-minimum', false, '[<0.5]0.0;0')).toBe(plain);
  });

  it('has a compact form: the symbol without its space', () => {
    const full = markNumberFormat('below-minimum', true, '0%');
    expect(compactMarkFormat('below-minimum', full)).toBe('"✗"0%;"✗"-0%;"✗"0%;"✗"@');
    expect(markNumberFormat('below-minimum', true, '0%', true)).toBe('"✗"0%;"✗"-0%;"✗"0%;"✗"@');
  });
});

describe('markLooks: the cue that fits each column, one choice for both shells', () => {
  const rule = {
    status: 'below-minimum' as const,
    condition: { kind: 'fails', comparator: 'gte', minimum: 60 } as never,
    ranges: ['D5:D9', 'E5', 'F5', 'G5', 'H5'],
    numberFormat: '"✗ "0%;"✗ "-0%;"✗ "0%;"✗ "@',
    valueChars: 4, // "100%"
  };
  // D: wide; E: room for "✗100%" only; F: room for neither; G: hidden; H: unknown
  const widths: Record<number, number | undefined> = { 3: 12, 4: 5.8, 5: 5, 6: 0, 7: undefined };
  it('full where "✗ 100%" fits, compact where "✗100%" does, a border alone where neither', () => {
    expect(markLooks(rule, (c) => widths[c])).toEqual([
      { look: 'full', ranges: ['D5:D9', 'G5', 'H5'] },
      { look: 'compact', ranges: ['E5'] },
      { look: 'border', ranges: ['F5'] },
    ]);
  });
  it('the full cue when widths are not known, or the rule is not on numbers', () => {
    expect(markLooks(rule)).toEqual([{ look: 'full', ranges: rule.ranges }]);
    const onText = { ...rule, condition: { kind: 'text' } as never };
    expect(markLooks(onText, () => 1)).toEqual([{ look: 'full', ranges: rule.ranges }]);
    const noWidth = { ...rule, valueChars: undefined };
    expect(markLooks(noWidth, () => 1)).toEqual([{ look: 'full', ranges: rule.ranges }]);
  });
});
