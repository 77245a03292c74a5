import { describe, expect, it } from 'vitest';
import { compactMarkFormat, markNumberFormat } from '../src/annex/marks.js';

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
