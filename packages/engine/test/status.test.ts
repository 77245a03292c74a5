/**
 * The one status table (status.ts) and the engine's surfaces that show it: the report sheet and
 * the marks. The shells walk the same statuses through theirs (apps/cli/test/status-surfaces,
 * apps/excel-addin/test/status-surfaces).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck } from '../src/annex/check.js';
import { markNumberFormat } from '../src/annex/marks.js';
import { reportSheet } from '../src/annex/report.js';
import type { Finding } from '../src/findings.js';
import { catalogs, LOCALES } from '../src/messages/catalog.js';
import { describeFinding } from '../src/messages/describe.js';
import {
  countByStatus,
  FINDING_CODES,
  MARK_STATUSES,
  markStatusOf,
  SEVERITY,
  STATUS,
  type Status,
  statusLabel,
  statusOf,
  statusWord,
} from '../src/status.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

/** A sheet with every status a checked sheet can have: a lowered target, a row no set knows, near misses. */
function everyStatus(): SheetCheck {
  const grid = fixture('bp2025-so-lowered');
  const rows = grid.rows.map((r) => [...r]);
  rows[11] = [...(rows[11] ?? [])];
  rows[11][1] = { value: 'Tỷ lệ cây xanh đô thị được chăm sóc', type: 'string' };
  // J29 ("N/A" in the fixture): nothing arose this quarter
  rows[28] = [...(rows[28] ?? [])];
  rows[28][9] = { value: 'Không phát sinh', type: 'string' };
  return checkSheet({ ...grid, rows, name: 'Phụ lục' }, { nearMissBand: 3 });
}

/** WCAG contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the status table', () => {
  it('orders every status once, the worst first, and every finding code in that order', () => {
    expect([...SEVERITY].sort()).toEqual(Object.keys(STATUS).sort());
    expect(new Set(SEVERITY).size).toBe(SEVERITY.length);
    expect(FINDING_CODES).toEqual(SEVERITY.filter((s) => s !== 'near-miss'));
    expect(SEVERITY.slice(0, 4)).toEqual([
      'below-minimum',
      'near-miss',
      'invalid-value',
      'missing-value',
    ]);
  });

  it('has a word for every status in every language, and one symbol per status a sheet can show', () => {
    for (const locale of LOCALES) {
      for (const status of SEVERITY) {
        const word = catalogs[locale].status[status];
        expect(word).toMatch(/\S/);
        expect(word).toBe(word.normalize('NFC'));
        expect(word).toBe(word.toLocaleLowerCase(locale));
      }
    }
    // "–" is both not applicable and not an annex: a sheet that is not an annex has no cells
    const inSheet = SEVERITY.filter((s) => STATUS[s].scope !== 'sheet');
    expect(new Set(inSheet.map((s) => STATUS[s].symbol)).size).toBe(inSheet.length);
    expect(STATUS['unrecognised-row'].symbol).toBe('⊘');
  });

  it('has readable colours: the font on the fill at 4.5:1 or more', () => {
    for (const status of SEVERITY) {
      const { fill, font } = STATUS[status];
      expect(fill).toMatch(/^#[0-9A-F]{6}$/);
      expect(contrast(fill, font), status).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('fails the check for a value short, near, missing or invalid; asks a look for the rest but met and not applicable', () => {
    expect(SEVERITY.filter((s) => STATUS[s].failsCheck)).toEqual([
      'below-minimum',
      'near-miss',
      'invalid-value',
      'missing-value',
    ]);
    expect(SEVERITY.filter((s) => STATUS[s].needsReview)).toEqual([
      'below-minimum',
      'near-miss',
      'invalid-value',
      'missing-value',
      'target-mismatch',
      'unrecognised-row',
    ]);
    for (const s of SEVERITY) if (STATUS[s].failsCheck) expect(STATUS[s].needsReview).toBe(true);
  });

  it('tells a near miss from a plain shortfall, and marks only what a mark plan colours', () => {
    const below = { code: 'below-minimum', nearMiss: false } as Finding;
    const near = { code: 'below-minimum', nearMiss: true } as Finding;
    expect(statusOf(below)).toBe('below-minimum');
    expect(statusOf(near)).toBe('near-miss');
    expect(markStatusOf(near)).toBe('near-miss');
    expect(markStatusOf({ code: 'met' } as Finding)).toBeUndefined();
    expect(countByStatus([below, near, near])).toMatchObject({
      'below-minimum': 1,
      'near-miss': 2,
      met: 0,
    });
  });

  it('words a status alone with its symbol, capitalised: "✗ Dưới tối thiểu"', () => {
    expect(statusLabel('below-minimum')).toBe('✗ Dưới tối thiểu');
    expect(statusLabel('near-miss', 'en')).toBe('≈ Near miss');
    expect(statusLabel('met')).toBe('✓ Đạt');
    expect(statusWord('unrecognised-row')).toBe('dòng không nhận ra');
  });
});

describe('every status through the engine’s surfaces', () => {
  const result = everyStatus();
  const shown = new Set(result.findings.map(statusOf));

  it('the sheet has every status but "not an annex"', () => {
    expect([...shown].sort()).toEqual(SEVERITY.filter((s) => s !== 'not-an-annex').sort());
  });

  for (const locale of LOCALES) {
    it(`the report sheet counts and lists each with its symbol and word (${locale})`, () => {
      const content = reportSheet([{ sheet: 'Phụ lục', result }], { locale });
      const texts = content.rows.flatMap((r) => r.map((c) => c?.value)).map(String);
      const counts = countByStatus(result.findings);
      const countLines = texts.filter((t) =>
        SEVERITY.some((s) => t === `${statusLabel(s, locale)}: ${counts[s]}`),
      );
      // in the order of severity, each once
      expect(countLines).toEqual(
        SEVERITY.filter((s) => counts[s] > 0).map((s) => `${statusLabel(s, locale)}: ${counts[s]}`),
      );
      for (const status of shown) {
        const label = statusLabel(status, locale);
        expect(label.startsWith(`${STATUS[status].symbol} `)).toBe(true);
        expect(label.slice(2).toLocaleLowerCase(locale)).toBe(statusWord(status, locale));
        // the rows to review and the targets that differ name their status the same way
        if (STATUS[status].needsReview) expect(texts, status).toContain(label);
      }
      const notAnnex = reportSheet([{ sheet: 'Ghi chú', result: checkSheet({ rows: [] }) }], {
        locale,
      });
      expect(notAnnex.rows.flat().some((c) => c?.value === catalogs[locale].notAnAnnex.empty)).toBe(
        true,
      );
    });
  }

  it('marks each marked status with its symbol and colours, in the order of the rules', () => {
    const marked = new Set(result.markPlan.groups.map((g) => g.status));
    expect([...marked].sort()).toEqual([...MARK_STATUSES].sort());
    expect(result.markPlan.groups.map((g) => g.status)).toEqual(MARK_STATUSES);
    for (const group of result.markPlan.groups) {
      for (const cell of group.cells) {
        const finding = result.findings.find((f) => f.cell === cell.cell && statusOf(f) !== 'met');
        expect(finding && statusOf(finding), cell.cell).toBe(group.status);
      }
    }
    for (const rule of result.markPlan.rules) {
      if (rule.numberFormat === undefined) continue;
      expect(rule.numberFormat.startsWith(`"${STATUS[rule.status].symbol} "`)).toBe(true);
    }
    for (const status of MARK_STATUSES) {
      const s = STATUS[status].symbol;
      expect(markNumberFormat(status, true)).toBe(
        `"${s} "0.0#%;"${s} "-0.0#%;"${s} "0.0#%;"${s} "@`,
      );
    }
  });

  it('keeps the words of a status the same inside a finding’s words', () => {
    const near = result.findings.find((f) => statusOf(f) === 'near-miss');
    expect(near && describeFinding(near)).toContain(statusWord('near-miss'));
  });

  it('names the mark statuses apart from those it never marks', () => {
    const never: Status[] = ['met', 'not-applicable', 'unrecognised-row', 'not-an-annex'];
    for (const s of never) expect(MARK_STATUSES).not.toContain(s);
  });
});
