/**
 * Excel refuses a file with a cell text over 32,767 characters, and a formula with a quoted
 * text over 255. Whatever a sheet, a unit or a target set holds, what the engine lays out for
 * Excel (the report sheet, the annex template, the notes and rules of the mark plan) stays
 * within those limits, cut with "…".
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import { cutText, EXCEL_CELL_TEXT_LIMIT, type SheetContent } from '../src/annex/content.js';
import { markRuleFormula } from '../src/annex/marks.js';
import { reportSheet } from '../src/annex/report.js';
import { annexTemplate } from '../src/annex/template.js';
import type { Cell } from '../src/cell.js';
import * as engine from '../src/index.js';
import { describeFinding, findingNote } from '../src/messages/describe.js';
import { type TargetSet, targetSetSchema } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

/** 40,000 characters, Vietnamese (two-byte) text with a character outside the BMP now and then. */
const LONG = `Sở ${'Tư pháp tỉnh Bình Phước 𝔸 '.repeat(1_400)}`.slice(0, 40_000);

/** Every text of a sheet's cells, with where it is. */
function texts(content: SheetContent): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  content.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell?.value === 'string') out.push({ at: `${r},${c}`, text: cell.value });
    });
  });
  return out;
}

function expectWithinLimit(content: SheetContent): string[] {
  const all = texts(content);
  const cut = all.filter((t) => t.text.endsWith('…') && t.text.length === EXCEL_CELL_TEXT_LIMIT);
  for (const t of all) expect(t.text.length, t.at).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
  return cut.map((t) => t.text);
}

describe('the limit and the cut', () => {
  it('is exported once, with Excel value', () => {
    expect(engine.EXCEL_CELL_TEXT_LIMIT).toBe(32_767);
    expect(EXCEL_CELL_TEXT_LIMIT).toBe(32_767);
  });

  it('leaves a text that fits alone, cuts one that does not to the limit with "…"', () => {
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('abcd', 3)).toBe('ab…');
    expect(cutText('x'.repeat(EXCEL_CELL_TEXT_LIMIT))).toHaveLength(EXCEL_CELL_TEXT_LIMIT);
    const cut = cutText('x'.repeat(EXCEL_CELL_TEXT_LIMIT + 1));
    expect(cut).toHaveLength(EXCEL_CELL_TEXT_LIMIT);
    expect(cut.endsWith('x…')).toBe(true);
  });

  it('never splits a character written as two UTF-16 units', () => {
    // "a𝔸b": the cut would fall between the two halves of 𝔸
    expect(cutText('a𝔸bcd', 3)).toBe('a…');
    expect(cutText('ab𝔸cd', 4)).toBe('ab…');
    const cut = cutText(LONG);
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
  });
});

describe('the report sheet', () => {
  it('cuts a 40,000-character sheet name, unit name, cell text and row text', () => {
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((row) => [...row]);
    (rows[11] as (Cell | undefined)[])[10] = { value: LONG }; // K12: an unreadable result
    rows[22] = [{ value: '7.' }, { value: LONG }, ...(rows[22]?.slice(2) ?? [])]; // row 23: unrecognised
    const result = checkSheet({ ...grid, rows }, { unitName: LONG, level: 'so' });
    expect(result.status).toBe('checked');
    expect(result.findings.some((f) => f.code === 'unrecognised-row')).toBe(true);
    expect(result.findings.some((f) => f.code === 'invalid-value' && f.cell === 'K12')).toBe(true);

    for (const locale of ['vi', 'en'] as const) {
      const content = reportSheet([{ sheet: LONG, result }], { locale, title: LONG, date: LONG });
      const cut = expectWithinLimit(content);
      // the title, the date line, the sheet line, the unit, and every review row's sheet name…
      expect(cut.length).toBeGreaterThan(5);
      // …each the start of what was there
      expect(cut).toContain(cutText(LONG));
      expect(cut.some((t) => t.startsWith(locale === 'vi' ? 'Trang tính: Sở' : 'Sheet: Sở'))).toBe(
        true,
      );
    }
  });

  it('cuts a target set title of 40,000 characters', () => {
    const base = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const set = targetSetSchema().parse({ ...base, id: 'dai', title: LONG });
    const result = checkSheet(fixture('bp2025-so'), { targetSet: set });
    const content = reportSheet([{ sheet: 'Phụ lục', result }], { targetSets: [set] });
    const cut = expectWithinLimit(content);
    expect(cut).toEqual([cutText(`dai — ${LONG}`)]);
  });

  it('changes nothing when every text fits', () => {
    const result = checkSheet(fixture('bp2025-so'));
    const content = reportSheet([{ sheet: 'Phụ lục', result }]);
    expect(expectWithinLimit(content)).toEqual([]);
  });
});

describe('the annex template', () => {
  it('cuts a 40,000-character unit name, indicator name, lead agency and note', () => {
    const base = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const [first, ...others] = base.indicators;
    if (!first) throw new Error('no indicator');
    const set = targetSetSchema().parse({
      ...base,
      id: 'dai',
      indicators: [
        {
          ...first,
          name: LONG,
          targets: first.targets.map((t) => ({
            ...t,
            lead: LONG,
            notes: [{ kind: 'text', text: LONG }],
          })),
        },
        ...others,
      ],
    });
    const content = annexTemplate(set, { unitName: LONG });
    const cut = expectWithinLimit(content);
    expect(cut).toContain(cutText(`Đơn vị báo cáo: ${LONG}`));
    expect(cut).toContain(cutText(LONG));
    expect(cut.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the mark plan', () => {
  it('a note about a 40,000-character value is cut; its rule is a formula Excel accepts', () => {
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((row) => [...row]);
    const quoted = `"${LONG}" ${'"'.repeat(300)}`;
    (rows[11] as (Cell | undefined)[])[10] = { value: quoted }; // K12
    const result = checkSheet({ ...grid, rows }, { nearMissBand: 1 });
    const k12 = result.markPlan.groups.flatMap((g) => g.cells).find((c) => c.cell === 'K12');
    expect(k12?.status).toBe('invalid-value');
    const note = k12 ? findingNote(k12.finding) : '';
    expect(note).toHaveLength(EXCEL_CELL_TEXT_LIMIT);
    expect(note.endsWith('…')).toBe(true);
    // the finding keeps the whole reason: only what is written into the workbook is cut
    const finding = result.findings.find((f) => f.cell === 'K12');
    expect(finding && describeFinding(finding).length).toBeGreaterThan(EXCEL_CELL_TEXT_LIMIT);

    const pinned = result.markPlan.rules.find((r) => r.condition.kind === 'text');
    expect(pinned).toBeDefined();
    const formula = markRuleFormula(pinned?.condition ?? { kind: 'blank' }, 'K12');
    expect(formula.length).toBeLessThanOrEqual(8_192);
    const literals = [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1] ?? '');
    for (const text of literals) expect(text.length).toBeLessThanOrEqual(255);
    // known by its length, its start and its end
    expect(formula).toContain(`LEN(TRIM(K12))=${quoted.length}`);
    expect(formula).toMatch(
      /^AND\(ISTEXT\(K12\),LEN\(TRIM\(K12\)\)=\d+,LEFT\(TRIM\(K12\),\d+\)="""Sở /,
    );
    expect(formula).toMatch(/RIGHT\(TRIM\(K12\),127\)="(""){127}",N\("chitieu"\)=0\)$/);
  });

  it('a short text is still matched whole', () => {
    const text = 'a'.repeat(253);
    expect(markRuleFormula({ kind: 'text', text: `${text}"` }, 'A1')).toBe(
      `AND(ISTEXT(A1),TRIM(A1)="${text}""",N("chitieu")=0)`,
    );
    const longer = markRuleFormula({ kind: 'text', text: `${text}""` }, 'A1');
    expect(longer).toContain('LEN(TRIM(A1))=255');
  });
});
