/**
 * Issue 15 item 6 in Excel: never colour alone. The plan's rules whose cells can show no symbol
 * (a blank result, an error value: `border`) get a dashed border in the status's font colour
 * round each cell, through the conditional format's own borders (ConditionalRangeFormat.borders,
 * the four edges), as the command line's annotated copies draw it; the other rules get none and
 * keep their symbol's number format. Same syncs as before; the in-memory host records the cue.
 * And a number never wider than its column: with the widths the last read found, a column too
 * narrow for "✗ 72%" gets "✗72%", or the border and no symbol, as the CLI's copies do.
 */
import { readFileSync } from 'node:fs';
import {
  checkSheet,
  compactMarkFormat,
  type Grid,
  isMarkFormula,
  type MarkRule,
  STATUS,
} from '@chitieu/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGridText } from '../../../packages/engine/test/fixtures/grid-text.js';
import { MemoryHost } from '../src/host/memory.js';
import { OfficeHost } from '../src/host/office/index.js';
import { placeRule, widthInCharacters } from '../src/host/shared/mark-looks.js';
import { FakeExcel } from './fake-excel/index.js';

const FIXTURE = parseGridText(
  readFileSync(
    new URL('../../../packages/engine/test/fixtures/bp2025-so.grid.txt', import.meta.url),
    'utf8',
  ),
);
const SHEET = 'Phụ lục';

/** The fixture with one result cell emptied and one an error value: a blank and an error mark. */
function withGaps(): { grid: Grid } {
  const plan = checkSheet(FIXTURE).markPlan;
  const fails = plan.groups
    .flatMap((g) => g.cells)
    .filter((c) => c.finding.code === 'below-minimum');
  const [a, b] = fails;
  if (!a || !b) throw new Error('the fixture has two failing cells');
  const rows = FIXTURE.rows.map((r) => [...r]);
  const origin = FIXTURE.origin ?? { row: 0, column: 0 };
  (rows[a.row - origin.row] as unknown[])[a.column - origin.column] = undefined;
  (rows[b.row - origin.row] as unknown[])[b.column - origin.column] = {
    value: '#DIV/0!',
    type: 'error',
  };
  return { grid: { ...FIXTURE, rows } };
}

let fake: FakeExcel;
let uninstall: () => void;
beforeEach(() => {
  fake = new FakeExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

describe('the border cue of blank and error cells', () => {
  it('is drawn by the conditional formats of the rules that ask for it, and only those', async () => {
    const { grid } = withGaps();
    const plan = checkSheet(grid).markPlan;
    const bordered = plan.rules.filter((r) => r.border);
    // the cue is asked for by every blank and error rule, and by no other
    expect([...new Set(bordered.map((r) => r.condition.kind))].sort()).toEqual(['blank', 'error']);
    expect(
      plan.rules.filter((r) => ['blank', 'error'].includes(r.condition.kind) && !r.border),
    ).toEqual([]);

    const sheet = fake.addGridSheet(SHEET, grid);
    const host = new OfficeHost();
    const { syncs } = await fake.syncsOf(() => host.applyMarks(SHEET, plan));
    expect(syncs).toBe(2);
    const ours = sheet.rules.filter((r) => r.formula && isMarkFormula(r.formula));
    expect(ours).toHaveLength(plan.rules.length);
    plan.rules.forEach((planned, i) => {
      const cf = ours[i];
      if (planned.border) {
        const font = STATUS[planned.status].font;
        expect(cf?.borders).toEqual(
          Object.fromEntries(EDGES.map((e) => [e, { style: 'Dash', color: font }])),
        );
      } else {
        expect(cf?.borders).toBeUndefined();
        expect(cf?.numberFormat).toBe(planned.numberFormat);
      }
    });
  });

  it('the in-memory host keeps the cue with its rule', async () => {
    const { grid } = withGaps();
    const plan = checkSheet(grid).markPlan;
    const host = new MemoryHost([{ name: SHEET, grid }]);
    await host.applyMarks(SHEET, plan);
    const rules = host.sheets[0]?.rules ?? [];
    expect(rules.map((r) => r.border === true)).toEqual(plan.rules.map((r) => r.border === true));
    expect(rules.filter((r) => r.border)).not.toHaveLength(0);
  });
});

const FAILS: MarkRule = {
  status: 'below-minimum',
  condition: { kind: 'fails', threshold: { comparator: 'at-least', value: 0.85 } },
  ranges: ['J12', 'K12', 'L12:L13', 'M12'],
  numberFormat: '"✗ "0%;"✗ "-0%;"✗ "0%;"✗ "@',
  valueChars: 4,
};

describe('placeRule: the look of a numeric mark per column', () => {
  it('full where the value and "✗ " fit, compact where only "✗" does, else the border alone', () => {
    // room = width − 0,7: "100%" needs 6 with "✗ ", 5 with "✗"
    const widths: Record<number, number> = { 9: 6.7, 10: 6.69, 11: 5.7, 12: 5.69 };
    const placed = placeRule(FAILS, (c) => widths[c]);
    expect(placed).toEqual([
      { ...FAILS, ranges: ['J12'] },
      {
        ...FAILS,
        ranges: ['K12', 'L12:L13'],
        numberFormat: compactMarkFormat('below-minimum', FAILS.numberFormat as string),
      },
      {
        status: 'below-minimum',
        condition: FAILS.condition,
        ranges: ['M12'],
        border: true,
        plain: true,
      },
    ]);
    expect(placed[1]?.numberFormat).toBe('"✗"0%;"✗"-0%;"✗"0%;"✗"@');
  });

  it('widths unknown, a hidden column, a text or blank rule: as planned', () => {
    expect(placeRule(FAILS)).toEqual([FAILS]);
    expect(placeRule(FAILS, () => undefined)).toEqual([FAILS]);
    expect(placeRule(FAILS, () => 0)).toEqual([FAILS]);
    const text: MarkRule = { ...FAILS, condition: { kind: 'text' } as MarkRule['condition'] };
    expect(placeRule(text, () => 1)).toEqual([text]);
  });

  it('Excel’s points as characters: the standard 48 pt is 8,43 characters', () => {
    expect(widthInCharacters(48)).toBeCloseTo(8.43, 2);
    expect(widthInCharacters(0)).toBe(0);
  });
});

describe('marks on narrow columns in Excel', () => {
  it('a column too narrow for the value and its symbol gets the border, a wide one the full cue', async () => {
    const sheet = fake.addGridSheet(SHEET, FIXTURE);
    for (let c = 0; c < 26; c++) sheet.columnWidths.set(c, 110);
    sheet.columnWidths.set(9, 30); // column J: (40 − 5) / 7 = 5 characters
    const host = new OfficeHost();
    const { result: grid, syncs } = await fake.syncsOf(() => host.readSheet(SHEET));
    expect(syncs).toBe(2); // the widths come with the values
    const plan = checkSheet(grid).markPlan;
    await host.applyMarks(SHEET, plan);
    const ours = sheet.rules.filter((r) => r.formula && isMarkFormula(r.formula));
    // One conditional format per look each rule's columns need, in the plan's order.
    const widthOf = (c: number) => widthInCharacters(sheet.columnWidths.get(c) ?? 48);
    const placed = plan.rules.flatMap((r) => placeRule(r, widthOf));
    expect(ours.map((cf) => cf.ranges)).toEqual(placed.map((p) => p.ranges));
    placed.forEach((p, i) => {
      const cf = ours[i];
      expect(cf?.numberFormat ?? undefined).toBe(p.numberFormat);
      expect(cf?.bold).toBe(p.plain ? undefined : true);
      expect(cf?.borders?.EdgeTop).toEqual(
        p.border ? { style: 'Dash', color: STATUS[p.status].font } : undefined,
      );
    });
    // Column J (5 characters) cannot hold "✗ 58,3%": its failing values get the border alone;
    // the same rule's other columns keep the full cue.
    const fails = plan.rules.filter(
      (r) => r.condition.kind === 'fails' && r.ranges.some((x) => x.startsWith('J')),
    );
    expect(fails.length).toBeGreaterThan(0);
    for (const rule of fails) {
      const looks = placeRule(rule, widthOf);
      expect(looks.find((l) => l.plain)?.ranges).toEqual(
        rule.ranges.filter((x) => x.startsWith('J')),
      );
      const full = looks.find((l) => l.numberFormat === rule.numberFormat);
      if (full) expect(full.ranges.every((x) => !x.startsWith('J'))).toBe(true);
    }
  });
});
