/**
 * Skipped sheets (annex/skipped.ts): a hidden sheet a shell does not check is a `skipped`
 * SheetCheck with a typed reason, worded by describeSkipReason in both languages, and listed
 * with that reason in the reviewer's report sheet.
 */
import { describe, expect, it } from 'vitest';
import { describeSkipReason, reportSheet, SKIP_REASONS, skippedSheet } from '../src/index.js';

const texts = (content: ReturnType<typeof reportSheet>) =>
  content.rows.map((row) => (row ?? []).map((c) => c?.value ?? null));

describe('skippedSheet', () => {
  it('is a skipped check with its reason, no findings, notices or marks', () => {
    const result = skippedSheet('Quý I (cũ)', 'hidden');
    expect(result).toMatchObject({
      sheet: 'Quý I (cũ)',
      status: 'skipped',
      reason: 'hidden',
      needs: [],
      context: { sources: {} },
      findings: [],
      notices: [],
      markPlan: { sheet: 'Quý I (cũ)', groups: [], rules: [] },
    });
    expect(result.summary.total).toBe(0);
    expect(Object.values(result.summary.byCode).every((n) => n === 0)).toBe(true);
  });

  it('has words for every reason in both languages', () => {
    expect(SKIP_REASONS).toEqual(['hidden']);
    expect(describeSkipReason('hidden')).toBe('trang tính ẩn');
    expect(describeSkipReason('hidden', 'vi')).toBe('trang tính ẩn');
    expect(describeSkipReason('hidden', 'en')).toBe('hidden sheet');
    for (const reason of SKIP_REASONS)
      for (const locale of ['vi', 'en'] as const)
        expect(describeSkipReason(reason, locale)).toMatch(/\S/);
  });

  it('is listed in the report sheet as not checked, with its reason and nothing else', () => {
    for (const [locale, notChecked, reason] of [
      ['vi', 'Không kiểm tra', 'trang tính ẩn'],
      ['en', 'Not checked', 'hidden sheet'],
    ] as const) {
      const content = reportSheet(
        [{ sheet: 'Quý I (cũ)', result: skippedSheet('Quý I (cũ)', 'hidden') }],
        {
          locale,
        },
      );
      const rows = texts(content).filter((r) => r.some((v) => v !== null));
      // the title, the sheet's heading, the one line saying why: no unit, counts or findings
      expect(rows).toHaveLength(3);
      expect(rows[1]?.some((v) => typeof v === 'string' && v.includes('Quý I (cũ)'))).toBe(true);
      expect(rows[2]).toEqual([notChecked, reason]);
    }
  });
});
