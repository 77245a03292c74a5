/**
 * Excel's own known failures reading conditional formats, as the fake models them
 * (test/fake-excel/): two CellValue rules over one range cannot have their rule or format read
 * (OfficeDev/office-js#6827), a duplicated rule cannot be read at all (#6835), and deleting by
 * position answers ItemNotFound (#5222). A failing read fails the whole sync, as in Excel. The
 * Office host must check, re-check, follow edits and remove its marks on such a sheet all the
 * same, leave the user's rules exactly as they were, and remove exactly its own.
 */
import { readFileSync } from 'node:fs';
import { checkSheet, type Grid, isMarkFormula, type MarkPlan } from '@chitieu/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGridText } from '../../../packages/engine/test/fixtures/grid-text.js';
import { PaneController } from '../src/app/controller.js';
import { OfficeHost } from '../src/host/office/index.js';
import { MARKS_PROPERTY } from '../src/host/office/records.js';
import {
  FakeExcel,
  FakeOfficeError,
  type FakeRule,
  type FakeSheet,
  unreadableRule,
} from './fake-excel/index.js';

const FIXTURE = parseGridText(
  readFileSync(
    new URL('../../../packages/engine/test/fixtures/bp2025-so.grid.txt', import.meta.url),
    'utf8',
  ),
);
const SHEET = 'Phụ lục';
/** The engine's plan for the fixture's first 20 rows has 14 rules (see office-host.test.ts). */
const RULES = 14;

function annex(rows: number): Grid {
  return {
    name: SHEET,
    rows: FIXTURE.rows.slice(0, rows),
    merges: (FIXTURE.merges ?? []).filter((m) => m.bottom < rows),
  };
}

let fake: FakeExcel;
let uninstall: (() => void) | undefined;
let sheet: FakeSheet;

function setup(apiVersion = '1.13'): void {
  uninstall?.();
  fake = new FakeExcel({ apiVersion });
  uninstall = fake.install();
  sheet = fake.addGridSheet(SHEET, annex(20));
}

beforeEach(() => {
  setup();
});

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** The user's rules Excel cannot read, and one it can, as a user would make them. */
interface UserRules {
  readonly greater: FakeRule;
  readonly less: FakeRule;
  readonly own: FakeRule;
  readonly copy: FakeRule;
  readonly bar: FakeRule;
}

/**
 * Highlight Cells Rules › Greater Than, then Less Than, on the same results column (#6827); a
 * custom rule of the user's and its duplicate from the Rules Manager (#6835); a data bar.
 */
function addUserRules(): UserRules {
  const greater = fake.addUserValueRule(SHEET, ['K12:K20'], 'GreaterThan', '0.9');
  const less = fake.addUserValueRule(SHEET, ['K12:K20'], 'LessThan', '0.5');
  const own = fake.addUserRule(SHEET, ['B12:B20'], '=LEN(B12)>100');
  const copy = fake.duplicateUserRule(SHEET, own.id);
  const bar = fake.addUserRule(SHEET, ['J12:J20'], '', 'DataBar');
  return { greater, less, own, copy, bar };
}

/** The add-in's rules on the sheet, in priority order. */
function addinRules(): FakeRule[] {
  return sheet.rules.filter((r) => r.formula !== undefined && isMarkFormula(r.formula));
}

/** The user's rules, in priority order, as plain data (ids, ranges, formulas, formats). */
function userRules(): FakeRule[] {
  return structuredClone(sheet.rules.filter((r) => !addinRules().includes(r)));
}

function recorded(): unknown {
  const p = sheet.properties.get(MARKS_PROPERTY);
  return p ? JSON.parse(p.value) : undefined;
}

async function planFor(host: OfficeHost): Promise<MarkPlan> {
  const check = checkSheet(await host.readSheet(SHEET));
  expect(check.status).toBe('checked');
  return check.markPlan;
}

/** Calls that read a rule's rule or format, or address a rule by position. */
function fragileCalls(rules: readonly FakeRule[]): string[] {
  return fake.calls.filter(
    (c) =>
      c.includes('getItemAt(') ||
      rules.some((r) => c.includes(`(${r.id})`) && c.includes('customOrNullObject')),
  );
}

describe('the fake fails as Excel does on rules it cannot read', () => {
  it('two value rules on one range: loading their rule fails the sync (office-js#6827); ids and types load', async () => {
    const { greater, less } = addUserRules();
    expect(unreadableRule(sheet, greater)).toBe('value-pair');
    expect(unreadableRule(sheet, less)).toBe('value-pair');
    await expect(
      Excel.run(async (context) => {
        const formats = context.workbook.worksheets.getItem(SHEET).getRange().conditionalFormats;
        // What the Office host loaded before: every format's id, type and custom formula.
        formats.load('items/id,items/type,items/customOrNullObject/rule/formula');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });

    const loaded = await Excel.run(async (context) => {
      const formats = context.workbook.worksheets.getItem(SHEET).getRange().conditionalFormats;
      formats.load('items/id');
      const one = formats.getItem(greater.id);
      one.load('type');
      await context.sync();
      return { ids: formats.items.map((f) => f.id), type: one.type };
    });
    expect(loaded.ids).toEqual(sheet.rules.map((r) => r.id));
    expect(loaded.type).toBe('CellValue');
  });

  it('one value rule alone on its range reads as before', async () => {
    const alone = fake.addUserValueRule(SHEET, ['L12:L20'], 'GreaterThan', '0.9');
    expect(unreadableRule(sheet, alone)).toBeUndefined();
    const custom = await Excel.run(async (context) => {
      const format = context.workbook.worksheets
        .getItem(SHEET)
        .getRange()
        .conditionalFormats.getItem(alone.id);
      format.load('type,customOrNullObject/rule/formula');
      await context.sync();
      return format.customOrNullObject.isNullObject;
    });
    expect(custom).toBe(true);
  });

  it('a duplicated rule gives its id and nothing else (#6835)', async () => {
    const { copy, own } = addUserRules();
    expect(copy).toMatchObject({ duplicated: true, formula: own.formula, ranges: own.ranges });
    expect(sheet.rules.indexOf(copy)).toBe(sheet.rules.indexOf(own) - 1);
    await expect(
      Excel.run(async (context) => {
        const format = context.workbook.worksheets
          .getItem(SHEET)
          .getRange()
          .conditionalFormats.getItem(copy.id);
        format.load('type');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
  });

  it('deleting by position answers ItemNotFound (#5222); deleting by id works', async () => {
    const { less } = addUserRules();
    const at = sheet.rules.indexOf(less);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets
          .getItem(SHEET)
          .getRange()
          .conditionalFormats.getItemAt(at)
          .delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(sheet.rules).toContain(less);
    await Excel.run(async (context) => {
      context.workbook.worksheets
        .getItem(SHEET)
        .getRange()
        .conditionalFormats.getItem(less.id)
        .delete();
      await context.sync();
    });
    expect(sheet.rules).not.toContain(less);
  });

  it('getItemOrNullObject needs ExcelApi 1.14', async () => {
    const probe = () =>
      Excel.run(async (context) => {
        const format = context.workbook.worksheets
          .getItem(SHEET)
          .getRange()
          .conditionalFormats.getItemOrNullObject('{none}');
        format.load('id');
        await context.sync();
        return format.isNullObject;
      });
    await expect(probe()).rejects.toMatchObject({ code: 'ApiNotFound' });
    setup('1.14');
    await expect(probe()).resolves.toBe(true);
  });
});

describe('the Office host survives the rules Excel cannot read', () => {
  for (const apiVersion of ['1.13', '1.14']) {
    it(`checks, re-checks and removes its marks, leaving every user rule as it was (ExcelApi ${apiVersion})`, async () => {
      setup(apiVersion);
      const user = addUserRules();
      const before = userRules();
      const host = new OfficeHost();
      const plan = await planFor(host);

      expect(await host.applyMarks(SHEET, plan)).toEqual({ rules: RULES, replaced: 0 });
      expect(addinRules()).toHaveLength(RULES);
      expect(userRules()).toEqual(before);
      expect(sheet.rules.slice(RULES)).toEqual(before); // below the marks, in their order

      expect(await host.applyMarks(SHEET, plan)).toEqual({ rules: RULES, replaced: RULES });
      expect(addinRules()).toHaveLength(RULES);
      expect(recorded()).toEqual({ version: 1, ids: addinRules().map((r) => r.id) });
      expect(userRules()).toEqual(before);

      expect(await host.clearMarks(SHEET)).toBe(RULES);
      expect(sheet.rules).toEqual(before); // the user's rules, their ids and priorities
      expect(recorded()).toBeUndefined();
      expect(fake.cellWrites).toEqual([]);
      // Never by position, and never the rule or format of a rule Excel cannot read.
      expect(fragileCalls([user.greater, user.less, user.copy])).toEqual([]);
    });
  }

  it('reads only its own rules by id once the record accounts for them: the same syncs as on a sheet without user rules', async () => {
    const host = new OfficeHost();
    const plan = await planFor(host);
    const plain = {
      first: (await fake.syncsOf(() => host.applyMarks(SHEET, plan))).syncs,
      again: (await fake.syncsOf(() => host.applyMarks(SHEET, plan))).syncs,
      clear: (await fake.syncsOf(() => host.clearMarks(SHEET))).syncs,
    };
    expect(plain).toEqual({ first: 2, again: 2, clear: 2 });

    await host.applyMarks(SHEET, plan);
    const user = addUserRules();
    const before = userRules();
    const calls = fake.calls.length;
    const withUserRules = {
      again: (await fake.syncsOf(() => host.applyMarks(SHEET, plan))).syncs,
      clear: (await fake.syncsOf(() => host.clearMarks(SHEET))).syncs,
    };
    expect(withUserRules).toEqual({ again: 2, clear: 2 });
    // Not one read of a user's rule: only ids came back for them.
    const userIds = Object.values(user).map((r) => r.id);
    const touched = fake.calls.slice(calls).filter((c) => userIds.some((id) => c.includes(id)));
    expect(touched).toEqual([]);
    expect(sheet.rules).toEqual(before);
  });

  it('a new session (the pane reopened) reads the recorded rules by id in one more sync', async () => {
    const plan = await planFor(new OfficeHost());
    await new OfficeHost().applyMarks(SHEET, plan);
    addUserRules();
    const before = userRules();
    const apply = await fake.syncsOf(() => new OfficeHost().applyMarks(SHEET, plan));
    expect(apply).toEqual({ result: { rules: RULES, replaced: RULES }, syncs: 3 });
    const clear = await fake.syncsOf(() => new OfficeHost().clearMarks(SHEET));
    expect(clear).toEqual({ result: RULES, syncs: 3 });
    expect(sheet.rules).toEqual(before);
  });

  it('after a reopen (new ids) finds its rules by their tag in 2 more syncs: every type, then the custom formulas', async () => {
    const plan = await planFor(new OfficeHost());
    await new OfficeHost().applyMarks(SHEET, plan);
    fake.reopen();
    const apply = await fake.syncsOf(() => new OfficeHost().applyMarks(SHEET, plan));
    expect(apply).toEqual({ result: { rules: RULES, replaced: RULES }, syncs: 4 });
    fake.reopen();
    const clear = await fake.syncsOf(() => new OfficeHost().clearMarks(SHEET));
    expect(clear).toEqual({ result: RULES, syncs: 4 });
    expect(sheet.rules).toEqual([]);
  });

  it('after a save and reopen (new ids, a stale record) finds its rules by their tag, reading the others one by one where Excel fails', async () => {
    const host = new OfficeHost();
    const plan = await planFor(host);
    await host.applyMarks(SHEET, plan);
    addUserRules();
    fake.reopen();
    const before = userRules();
    const stale = (recorded() as { ids: string[] }).ids;
    expect(sheet.rules.some((r) => stale.includes(r.id))).toBe(false);

    const again = new OfficeHost();
    expect(await again.applyMarks(SHEET, plan)).toEqual({ rules: RULES, replaced: RULES });
    expect(addinRules()).toHaveLength(RULES);
    expect(userRules()).toEqual(before);

    fake.reopen();
    const after = userRules();
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().clearMarks(SHEET));
    expect(result).toBe(RULES);
    expect(sheet.rules).toEqual(after);
    expect(recorded()).toBeUndefined();
    // The types of 16 rules in one sync, failing on the duplicate, then halves down to it alone
    // (9 syncs); the formulas of the 13 custom rules that could be read (1); ids (1), deletes (1).
    expect(syncs).toBe(12);
  });

  it('keeps a rule of the user that a stale record names, even one Excel cannot read', async () => {
    const user = addUserRules();
    const before = userRules();
    sheet.properties.set(MARKS_PROPERTY, {
      key: MARKS_PROPERTY,
      value: JSON.stringify({ version: 1, ids: [user.greater.id, user.copy.id, user.own.id] }),
    });
    expect(await new OfficeHost().clearMarks(SHEET)).toBe(0);
    expect(sheet.rules).toEqual(before);
    expect(recorded()).toBeUndefined(); // the stale record is gone
  });

  it('survives a rule of its own deleted by hand since its last check (getItem of a missing id, below ExcelApi 1.14)', async () => {
    addUserRules();
    const before = userRules();
    const host = new OfficeHost();
    const plan = await planFor(host);
    await host.applyMarks(SHEET, plan);
    sheet.rules.splice(sheet.rules.indexOf(addinRules()[0] as FakeRule), 1); // Manage Rules › Delete
    expect(await host.applyMarks(SHEET, plan)).toEqual({ rules: RULES, replaced: RULES - 1 });
    expect(addinRules()).toHaveLength(RULES);
    expect(userRules()).toEqual(before);
    expect(await host.clearMarks(SHEET)).toBe(RULES);
    expect(sheet.rules).toEqual(before);
  });

  it('a write that fails half-way once is made again, and what the failed attempt added is removed', async () => {
    addUserRules();
    const before = userRules();
    const host = new OfficeHost();
    const plan = await planFor(host);
    await host.applyMarks(SHEET, plan);
    // Excel fails the third add of the batch, once: the two added before it stand, unrecorded.
    let adds = 0;
    fake.fault = (label) =>
      label.endsWith('conditionalFormats.add(Custom)') && ++adds === 3
        ? new FakeOfficeError('GeneralException', 'There was an internal error.')
        : undefined;
    const { result, syncs } = await fake.syncsOf(() => host.applyMarks(SHEET, plan));
    fake.fault = undefined;
    expect(result).toEqual({ rules: RULES, replaced: RULES + 2 });
    expect(addinRules()).toHaveLength(RULES);
    expect(recorded()).toEqual({ version: 1, ids: addinRules().map((r) => r.id) });
    expect(userRules()).toEqual(before);
    // The failed sync and the sync again (2); the recorded rules by id (1); the types of the 7
    // other rules, failing on the duplicate, then in halves down to it alone (7); the formulas
    // of the 3 custom ones that could be read (1); the deletes and the record (1).
    expect(syncs).toBe(12);
  });

  it('after a write that failed, the next check finds the rules it added but never recorded', async () => {
    const user = addUserRules();
    const before = userRules();
    const host = new OfficeHost();
    const plan = await planFor(host);
    await host.applyMarks(SHEET, plan);
    // Excel refuses the third rule the host adds (it adds the plan's last rule first), every time.
    const third = [...plan.rules].reverse()[2]?.ranges.join(',');
    fake.fault = (label) =>
      label.endsWith(`getRanges(${third}).conditionalFormats.add(Custom)`)
        ? new FakeOfficeError('GeneralException', 'There was an internal error.')
        : undefined;
    await expect(host.applyMarks(SHEET, plan)).rejects.toMatchObject({
      name: 'HostError',
      problem: { code: 'office', officeCode: 'GeneralException' },
    });
    fake.fault = undefined;
    // Two added before the failure, in the first attempt and again when it was made again.
    const orphans = addinRules().length - RULES;
    expect(orphans).toBe(4);
    expect(await host.applyMarks(SHEET, plan)).toEqual({
      rules: RULES,
      replaced: RULES + orphans,
    });
    expect(addinRules()).toHaveLength(RULES);
    expect(userRules()).toEqual(before);
    expect(fragileCalls([user.greater, user.less, user.copy])).toEqual([]);
  });

  it('removes the marks of a copy annotated by the command line (no record) beside rules Excel cannot read', async () => {
    const user = addUserRules();
    const before = userRules();
    // Marks written by another host instance and then its record lost: tagged rules only.
    await new OfficeHost().applyMarks(SHEET, checkSheet(annex(20)).markPlan);
    sheet.properties.delete(MARKS_PROPERTY);
    expect(await new OfficeHost().clearMarks(SHEET)).toBe(RULES);
    expect(sheet.rules).toEqual(before);
    expect(fragileCalls([user.greater, user.less, user.copy])).toEqual([]);
  });
});

describe('the pane over the Office host on such a sheet', () => {
  it('Kiểm tra, Kiểm tra again, a live update and Xóa đánh dấu all succeed; the user’s rules stay', async () => {
    const user = addUserRules();
    const before = userRules();
    const controller = new PaneController(new OfficeHost(), { debounceMs: 5, saveDelayMs: 5 });
    await controller.start();

    await controller.check();
    let state = controller.getState();
    expect(state.notices.map((n) => n.kind)).toEqual(['checked']);
    const marked = addinRules().length;
    expect(marked).toBe(state.result?.markPlan.rules.length);
    expect(marked).toBeGreaterThan(0);

    await controller.check();
    expect(controller.getState().notices.map((n) => n.kind)).toEqual(['checked']);
    expect(addinRules()).toHaveLength(marked);
    expect(userRules()).toEqual(before);

    // The user inserts a row above the table: every mark moves down a row, without pressing
    // anything (the fake moves the cells; Excel would move the user's rules too).
    const firstIds = addinRules().map((r) => r.id);
    const cells = [...sheet.cells].map(([key, cell]) => {
      const [r = 0, c = 0] = key.split(',').map(Number);
      return [`${r + 1},${c}`, cell] as const;
    });
    sheet.cells.clear();
    for (const [key, cell] of cells) sheet.cells.set(key, cell);
    sheet.merges = sheet.merges.map((m) => ({ ...m, top: m.top + 1, bottom: m.bottom + 1 }));
    await fake.fireChanged(SHEET, '1:1', undefined, 'RowInserted');
    await controller.settled();
    state = controller.getState();
    expect(state.notices.map((n) => n.kind)).toEqual(['checked']);
    expect(state.result?.status).toBe('checked');
    expect(addinRules()).toHaveLength(marked);
    expect(addinRules().some((r) => firstIds.includes(r.id))).toBe(false); // marked again
    expect(userRules()).toEqual(before);

    const removed = addinRules().length;
    expect(removed).toBeGreaterThan(0);
    await controller.clearMarks();
    expect(controller.getState().notices).toEqual([
      { kind: 'cleared', sheets: [SHEET], count: removed },
    ]);
    expect(addinRules()).toEqual([]);
    expect(sheet.rules).toEqual(before);
    expect(recorded()).toBeUndefined();
    expect(fragileCalls([user.greater, user.less, user.copy])).toEqual([]);
    await controller.dispose();
  });
});
