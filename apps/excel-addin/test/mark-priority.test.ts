/**
 * Both hosts put the add-in's marks at the same place among the user's conditional formats
 * (host/shared/marks.ts): at the top of the priority list, in the plan's order, each with
 * stopIfTrue, the user's rules below in their own order, and back as they were once the marks
 * are removed. The Office host over the fake Excel (which adds a rule at the top, as Excel does)
 * and the in-memory host are driven alike and must show the same list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSheet, type Grid, isMarkFormula, type MarkPlan } from '@chitieu/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryHost } from '../src/host/memory.js';
import { MAX_ADDRESS_LENGTH } from '../src/host/office/batch.js';
import { OfficeHost } from '../src/host/office/index.js';
import type { WorkbookHost } from '../src/host/types.js';
import { FakeExcel } from './fake-excel/index.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/nop-quy-2-2025/so-tu-phap.xlsx', import.meta.url),
);
const SHEET = 'Phụ lục';

/** One conditional format as both hosts can show it, in priority order. */
interface Placed {
  readonly mark: boolean;
  readonly ranges: string;
  readonly formula: string;
  readonly stopIfTrue: boolean;
}

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** The two hosts over the same sheet, each with its own way to add a user's rule and list the rules. */
function hosts(): {
  readonly plan: MarkPlan;
  readonly both: readonly {
    readonly name: string;
    readonly host: WorkbookHost;
    readonly addUserRule: (ranges: readonly string[], formula: string) => void;
    readonly rules: () => Placed[];
  }[];
} {
  const memory = MemoryHost.fromXlsx(new Uint8Array(readFileSync(EXAMPLE)));
  const grid = memory.sheets[0]?.grid as Grid;
  const fake = new FakeExcel({ apiVersion: '1.14' });
  const sheet = fake.addGridSheet(SHEET, grid, grid.origin);
  uninstall = fake.install();
  const result = checkSheet({ ...grid, name: SHEET });
  expect(result.status).toBe('checked');
  // Rules short enough to stay one conditional format each in Excel too.
  expect(result.markPlan.rules.length).toBeGreaterThan(1);
  for (const rule of result.markPlan.rules) {
    expect(rule.ranges.join(',').length).toBeLessThanOrEqual(MAX_ADDRESS_LENGTH);
  }
  return {
    plan: result.markPlan,
    both: [
      {
        name: 'Office host',
        host: new OfficeHost(),
        addUserRule: (ranges, formula) => fake.addUserRule(SHEET, ranges, formula),
        rules: () =>
          sheet.rules.map((r) => ({
            mark: isMarkFormula(r.formula ?? ''),
            ranges: r.ranges.join(','),
            formula: r.formula ?? '',
            stopIfTrue: r.stopIfTrue ?? false,
          })),
      },
      {
        name: 'in-memory host',
        host: memory,
        addUserRule: (ranges, formula) => memory.addUserRule(SHEET, ranges, formula),
        rules: () =>
          (memory.sheets[0]?.rules ?? []).map((r) => ({
            mark: isMarkFormula(r.formula),
            ranges: r.ranges.join(','),
            formula: r.formula,
            stopIfTrue: r.stopIfTrue ?? false,
          })),
      },
    ],
  };
}

describe('the add-in’s marks among the user’s rules', () => {
  it('stand at the top in the plan’s order with stopIfTrue, the same in both hosts', async () => {
    const { plan, both } = hosts();
    const lists: Placed[][] = [];
    for (const { host, addUserRule, rules } of both) {
      addUserRule(['B12:B40'], '=LEN(B12)>80');
      await host.applyMarks(SHEET, plan);
      const first = rules();
      // A user's rule added after the check goes on top (as Excel's UI adds it)…
      addUserRule(['C12:C40'], '=ISBLANK(C12)');
      expect(rules()[0]).toMatchObject({ mark: false, ranges: 'C12:C40' });
      // …and a re-check puts the marks back above it.
      await host.applyMarks(SHEET, plan);
      const again = rules();
      await host.clearMarks(SHEET);
      lists.push(first, again, rules());
    }
    const [office, memory] = [lists.slice(0, 3), lists.slice(3)];
    expect(memory).toEqual(office);

    const [first, again, cleared] = office as [Placed[], Placed[], Placed[]];
    const marks = plan.rules.map((rule) => ({
      mark: true,
      ranges: rule.ranges.join(','),
      stopIfTrue: true,
    }));
    expect(first).toHaveLength(plan.rules.length + 1);
    expect(first.slice(0, plan.rules.length)).toMatchObject(marks);
    expect(first.at(-1)).toMatchObject({ mark: false, ranges: 'B12:B40', stopIfTrue: false });
    expect(again.slice(0, plan.rules.length)).toMatchObject(marks);
    expect(again.slice(plan.rules.length).map((r) => r.ranges)).toEqual(['C12:C40', 'B12:B40']);
    expect(cleared.map((r) => r.ranges)).toEqual(['C12:C40', 'B12:B40']);
  });
});
