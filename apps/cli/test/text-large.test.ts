import type { SheetFinding } from '@chitieu/engine';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { vi as viText } from '../src/i18n.js';
import { textChunks, textReport } from '../src/report/text.js';
import type { FileReport } from '../src/run-check.js';

function reportWith(count: number): FileReport {
  const findings = Array.from({ length: count }, (_, i) => ({
    code: 'missing-value',
    reason: 'blank',
    indicatorId: 'thanh-toan-truc-tuyen',
    quarter: 2,
    cell: `K${i + 1}`,
    sheet: 'Tổng hợp',
    minimum: { value: 75, comparator: 'at-least', source: 'quarterly', unit: { kind: 'percent' } },
  })) as unknown as SheetFinding[];
  return {
    file: 'tong-hop.xlsx',
    sheets: [
      {
        sheet: 'Tổng hợp',
        status: 'checked',
        needs: [],
        context: {
          targetSetId: 'binh-phuoc-2025',
          level: 'so',
          unitName: 'Sở Y tế',
          quarter: 2,
          sources: {},
        },
        summary: { total: count, byCode: { 'missing-value': count } as never, byIndicator: [] },
        findings,
        notices: [],
        markPlan: { groups: [], rules: [] },
      },
    ],
    skippedSheets: [],
  };
}

describe('text report of a sheet with very many issues', () => {
  const options = {
    colors: pc.createColors(false),
    width: 100,
    t: viText,
    locale: 'vi' as const,
    targetSets: new Map(),
  };

  it('prints a table up to 300 issues', () => {
    const text = textReport([reportWith(300)], options);
    expect(text).toContain('┌');
    expect(text.match(/chưa nhập kết quả/g)).toHaveLength(300);
  });

  it('prints one aligned line per issue above that, every issue kept', () => {
    const text = textReport([reportWith(5000)], options);
    expect(text).not.toContain('┌');
    const lines = text.split('\n').filter((l) => l.includes('chưa nhập kết quả'));
    expect(lines).toHaveLength(5000);
    expect(lines[0]).toBe(
      '  K1      2. Thanh toán trực tuyến        ? Quý II: chưa nhập kết quả (tối thiểu 75%)',
    );
  });

  it('gives the same text in pieces, as it is written without --out, each about the size asked', () => {
    for (const count of [0, 1, 300, 301, 5000]) {
      const files = [reportWith(count), reportWith(Math.min(count, 3))];
      const whole = textReport(files, options);
      for (const size of [1, 100, 16_384]) {
        const pieces = [...textChunks(files, options, size)];
        expect(pieces.join(''), `${count} ${size}`).toBe(whole);
        // every piece but the last reaches the size; none is empty
        for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(size);
        for (const piece of pieces) expect(piece.length).toBeGreaterThan(0);
      }
    }
    expect([...textChunks([], options)]).toEqual([]);
    expect(textReport([], options)).toBe('');
  });
});
