/**
 * OfficeHost against a fake Excel that applies queued operations only at context.sync(), counts
 * syncs and refuses cell writes (test/fake-excel/). Plans are real: the engine checks grids
 * built from its own fixture bp2025-so.grid.txt.
 */
import { readFileSync } from 'node:fs';
import {
  type Cell,
  checkSheet,
  describeFinding,
  type Grid,
  isMarkFormula,
  type MarkPlan,
  markRuleFormula,
  STATUS,
} from '@chitieu/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGridText } from '../../../packages/engine/test/fixtures/grid-text.js';
import { OfficeHost } from '../src/host/office/index.js';
import { splitRule } from '../src/host/office/marks.js';
import { MARKS_PROPERTY, OWNER_PROPERTY, SETTINGS_KEY } from '../src/host/office/records.js';
import { HostError } from '../src/host/types.js';
import { FakeExcel, type FakeRule, type FakeSheet, fakeCell } from './fake-excel/index.js';

const FIXTURE = parseGridText(
  readFileSync(
    new URL('../../../packages/engine/test/fixtures/bp2025-so.grid.txt', import.meta.url),
    'utf8',
  ),
);
const SHEET = 'Phụ lục';
const HEADER_ROWS = 10;
/** The engine's plan for the 20-row sheet: 14 rules, each under 1,000 characters of address. */
const SMALL_RULES = 14;
/** The 2,000-row sheet: 26 rules, several with thousands of characters of address… */
const LARGE_RULES = 26;
/** …which makes 52 conditional formats of at most 1,000 characters each. */
const LARGE_PARTS = 52;

/** The fixture cut or grown to `n` rows: its title and header rows, then its body rows repeated. */
function annex(n: number): Grid {
  const head = FIXTURE.rows.slice(0, HEADER_ROWS);
  const body = FIXTURE.rows.slice(HEADER_ROWS);
  const rows = [...head];
  while (rows.length < n) rows.push(body[(rows.length - HEADER_ROWS) % body.length] ?? []);
  const merges = (FIXTURE.merges ?? []).filter((m) => m.top < HEADER_ROWS && m.bottom < n);
  return { name: SHEET, rows: rows.slice(0, n), merges };
}

let fake: FakeExcel;
let uninstall: () => void;

function setup(options: ConstructorParameters<typeof FakeExcel>[0] = {}): FakeExcel {
  uninstall?.();
  fake = new FakeExcel(options);
  uninstall = fake.install();
  return fake;
}

beforeEach(() => {
  setup();
});

afterEach(() => {
  uninstall();
});

/** What readSheet must return for a source cell. */
function expected(cell: Cell | undefined): Cell | undefined {
  if (!cell || cell.value === null) return undefined;
  return {
    value: cell.value,
    text: fakeCell(cell).text,
    numberFormat: cell.numberFormat ?? 'General',
    type: cell.type ?? (typeof cell.value === 'number' ? 'number' : 'string'),
  };
}

function expectSameCells(read: Grid, source: Grid): void {
  expect(read.rows.length).toBe(source.rows.length);
  const width = Math.max(...source.rows.map((r) => r.length));
  source.rows.forEach((row, r) => {
    const got = read.rows[r] ?? [];
    expect(got.length).toBe(width);
    for (let c = 0; c < width; c++) expect(got[c], `cell ${r},${c}`).toEqual(expected(row[c]));
  });
}

/** The add-in's rules on a sheet, in priority order. */
function addinRules(sheet: FakeSheet): FakeRule[] {
  return sheet.rules.filter((r) => r.formula !== undefined && isMarkFormula(r.formula));
}

function recorded(sheet: FakeSheet): unknown {
  const p = sheet.properties.get(MARKS_PROPERTY);
  return p ? JSON.parse(p.value) : undefined;
}

function snapshotCells(sheet: FakeSheet): string {
  return JSON.stringify([...sheet.cells.entries()]);
}

/**
 * Checks that the sheet's add-in rules, in priority order, are the plan's rules in order: each
 * plan rule is one conditional format, or consecutive parts whose ranges join to the rule's;
 * formula anchored at each part's first cell; style, symbol and stopIfTrue as planned.
 * Returns how many conditional formats there are.
 */
function expectRulesMatchPlan(sheet: FakeSheet, plan: MarkPlan): number {
  const rules = addinRules(sheet);
  let i = 0;
  for (const planned of plan.rules) {
    const ranges: string[] = [];
    while (ranges.length < planned.ranges.length) {
      const cf = rules[i++];
      expect(cf, 'a conditional format for every plan rule').toBeDefined();
      if (!cf) return rules.length;
      expect(cf.ranges.join(',').length).toBeLessThanOrEqual(1000);
      const anchor = (cf.ranges[0] as string).split(':')[0] as string;
      expect(cf.type).toBe('Custom');
      expect(cf.formula).toBe(`=${markRuleFormula(planned.condition, anchor)}`);
      expect(cf.fill).toBe(STATUS[planned.status].fill);
      expect(cf.fontColor).toBe(STATUS[planned.status].font);
      expect(cf.bold).toBe(true);
      expect(cf.stopIfTrue).toBe(true);
      expect(cf.numberFormat).toBe(planned.numberFormat);
      ranges.push(...cf.ranges);
    }
    expect(ranges).toEqual(planned.ranges);
  }
  expect(i).toBe(rules.length);
  // The add-in's rules come first in the priority list.
  expect(sheet.rules.slice(0, rules.length)).toEqual(rules);
  return rules.length;
}

/** Makes the sheet's first 26 columns 15 characters wide (the fake keeps widths in points). */
function wide(sheet: FakeSheet): FakeSheet {
  for (let c = 0; c < 26; c++) sheet.columnWidths.set(c, 110);
  return sheet;
}

async function planFor(host: OfficeHost, sheet: string): Promise<MarkPlan> {
  const check = checkSheet(await host.readSheet(sheet));
  expect(check.status).toBe('checked');
  return check.markPlan;
}

describe('the fake behaves like Office.js', () => {
  it('throws when a loaded property is read before sync', async () => {
    fake.addGridSheet(SHEET, annex(20));
    await expect(
      Excel.run(async (context) => {
        const used = context.workbook.worksheets.getItem(SHEET).getUsedRangeOrNullObject();
        used.load('address');
        return used.address; // no sync
      }),
    ).rejects.toThrow(/PropertyNotLoaded/);
  });

  it('fails a sync that loads items/custom while a non-custom rule exists (office-js#2180)', async () => {
    fake.addGridSheet(SHEET, annex(20));
    fake.addUserRule(SHEET, ['J12:J20'], '', 'DataBar');
    await expect(
      Excel.run(async (context) => {
        const formats = context.workbook.worksheets.getItem(SHEET).getRange().conditionalFormats;
        formats.load('items/custom/rule/formula');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('capabilities and requirement sets', () => {
  it('reports merged areas from ExcelApi 1.13 and notes from 1.18', () => {
    setup({ apiVersion: '1.12' });
    expect(new OfficeHost().capabilities).toEqual({ mergedAreas: false, notes: false });
    setup({ apiVersion: '1.13' });
    expect(new OfficeHost().capabilities).toEqual({ mergedAreas: true, notes: false });
    setup({ apiVersion: '1.18' });
    expect(new OfficeHost().capabilities).toEqual({ mergedAreas: true, notes: true });
  });

  it('refuses Excel below ExcelApi 1.12', () => {
    setup({ apiVersion: '1.11' });
    expect(OfficeHost.isSupported()).toBe(false);
    expect(() => new OfficeHost()).toThrow(HostError);
  });
});

describe('readSheet', () => {
  it('reads a 20-row and a 2,000-row sheet in the same 2 syncs', async () => {
    fake.addGridSheet('small', annex(20));
    fake.addGridSheet('large', annex(2000));
    const host = new OfficeHost();
    const small = await fake.syncsOf(() => host.readSheet('small'));
    const large = await fake.syncsOf(() => host.readSheet('large'));
    expect(small.syncs).toBe(2);
    expect(large.syncs).toBe(2);
    expectSameCells(small.result, annex(20));
    expectSameCells(large.result, annex(2000));
    expect(large.result.merges).toEqual(annex(2000).merges);
    // Excel on the web allows 5 MB per response; the 2,000-row sheet stays below it.
    expect(fake.maxResponse).toBeLessThan(5 * 1024 * 1024);
  });

  it('returns values, text, formats, types, origin and merges (ExcelApi 1.13)', async () => {
    fake.addGridSheet(SHEET, FIXTURE, { row: 2, column: 1 }); // top-left cell B3
    const sheet = fake.sheet(SHEET) as FakeSheet;
    sheet.setCell(0, 0, { value: true, text: 'TRUE', numberFormat: 'General', type: 'Boolean' });
    sheet.setCell(0, 30, {
      value: 45678,
      text: '21/01/2025',
      numberFormat: 'dd/mm/yyyy',
      type: 'Double',
    });
    const grid = await new OfficeHost().readSheet(SHEET);
    expect(grid.name).toBe(SHEET);
    expect(grid.origin).toEqual({ row: 0, column: 0 }); // A1 now holds a value
    expect(grid.rows[0]?.[0]).toEqual({
      value: true,
      text: 'TRUE',
      numberFormat: 'General',
      type: 'boolean',
    });
    expect(grid.rows[0]?.[30]).toMatchObject({ value: 45678, type: 'date' });
    // K21 of the fixture (#DIV/0!) sits at L23 now.
    expect(grid.rows[22]?.[11]).toEqual({
      value: '#DIV/0!',
      text: '#DIV/0!',
      numberFormat: 'General',
      type: 'error',
    });
    // 0.745 formatted 0.0% (K13 of the fixture) at L15.
    expect(grid.rows[14]?.[11]).toEqual({
      value: 0.745,
      text: '74,5%',
      numberFormat: '0.0%',
      type: 'number',
    });
    expect(grid.rows[1]?.[1]).toBeUndefined(); // B2: empty
    expect(grid.merges).toContainEqual({ top: 10, left: 1, bottom: 11, right: 1 }); // A9:A10 → B11:B12
    expect(grid.merges).toHaveLength(FIXTURE.merges?.length ?? 0);
  });

  it('gives the origin of a used range that does not start at A1', async () => {
    fake.addGridSheet(SHEET, FIXTURE, { row: 2, column: 1 });
    const grid = await new OfficeHost().readSheet(SHEET);
    expect(grid.origin).toEqual({ row: 2, column: 1 });
    expectSameCells(grid, FIXTURE);
    expect(grid.merges?.[0]).toEqual({ top: 2, left: 1, bottom: 2, right: 14 }); // A1:N1 → B3:O3
    // The engine's findings name the cells where they are in the sheet.
    const atA1 = checkSheet(FIXTURE).findings.map((f) => f.cell);
    const shifted = checkSheet(grid).findings.map((f) => f.cell);
    expect(shifted.length).toBe(atA1.length);
    expect(atA1).toContain('K13');
    expect(shifted).toContain('L15');
  });

  it('finds the same things as the engine on the source grid', async () => {
    fake.addGridSheet(SHEET, FIXTURE);
    const grid = await new OfficeHost().readSheet(SHEET);
    const strip = (g: Grid) =>
      checkSheet(g).findings.map((f) => ({
        code: f.code,
        cell: f.cell,
        words: describeFinding(f),
      }));
    expect(strip(grid)).toEqual(strip(FIXTURE));
  });

  it('reads no merges without ExcelApi 1.13, and does not ask for them', async () => {
    setup({ apiVersion: '1.12' });
    fake.addGridSheet(SHEET, annex(20));
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().readSheet(SHEET));
    expect(syncs).toBe(2);
    expect(result.merges).toEqual([]);
    expectSameCells(result, annex(20));
    expect(fake.calls.some((c) => c.includes('getMergedAreasOrNullObject'))).toBe(false);
  });

  it('returns an empty grid for an empty sheet, in 1 sync', async () => {
    fake.addSheet('Sheet1');
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().readSheet('Sheet1'));
    expect(result).toEqual({ name: 'Sheet1', rows: [], merges: [], origin: { row: 0, column: 0 } });
    expect(syncs).toBe(1);
  });

  it('refuses a sheet over 2,000,000 cells before loading any value', async () => {
    const sheet = fake.addSheet('huge');
    sheet.setCell(0, 0, { value: 'a', text: 'a', numberFormat: 'General', type: 'String' });
    sheet.setCell(199, 16383, { value: 1, text: '1', numberFormat: 'General', type: 'Double' }); // XFD200
    const before = fake.syncs;
    await expect(new OfficeHost().readSheet('huge')).rejects.toMatchObject({
      name: 'HostError',
      code: 'too-large',
    });
    expect(fake.syncs - before).toBe(1);
    expect(fake.calls.some((c) => c.includes('values'))).toBe(false);
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(new OfficeHost().readSheet('Nope')).rejects.toMatchObject({
      code: 'not-found',
      problem: { code: 'not-found', sheet: 'Nope' },
    });
  });

  it('reads in blocks of rows only past the payload budget', async () => {
    setup({ payloadLimit: 256 * 1024 });
    fake.addGridSheet(SHEET, annex(2000));
    const { result, syncs } = await fake.syncsOf(() =>
      new OfficeHost({ payloadBudget: 200 * 1024 }).readSheet(SHEET),
    );
    // 200 KB / (64 B × 14 columns) = 228 rows per sync → 9 blocks, plus the geometry.
    expect(syncs).toBe(10);
    expectSameCells(result, annex(2000));
    expect(result.merges).toEqual(annex(2000).merges);
  });

  it('retries a block in halves when Excel says the response is too large', async () => {
    setup({ payloadLimit: 400 * 1024 });
    fake.addGridSheet(SHEET, annex(2000));
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().readSheet(SHEET));
    // Geometry; 2,000 rows and 1,000 rows refused; then four blocks of 500 rows.
    expect(syncs).toBe(7);
    expect(fake.maxResponse).toBeLessThanOrEqual(400 * 1024);
    expectSameCells(result, annex(2000));
    expect(result.merges).toEqual(annex(2000).merges);
  });
});

describe('listSheets', () => {
  function setOwner(sheet: FakeSheet, value: string): void {
    sheet.properties.set(OWNER_PROPERTY, { key: OWNER_PROPERTY, value });
  }

  it('gives every sheet in tab order with the owner recorded with it, in 2 syncs', async () => {
    fake.addSheet('First');
    setOwner(fake.addSheet('Kết quả kiểm tra'), 'report');
    fake.addSheet('Tổng hợp');
    setOwner(fake.addSheet('Mẫu'), 'template');
    setOwner(fake.addSheet('Lạ'), 'someone else'); // not an owner the add-in writes
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().listSheets());
    expect(result).toEqual([
      { name: 'First' },
      { name: 'Kết quả kiểm tra', owner: 'report' },
      { name: 'Tổng hợp' },
      { name: 'Mẫu', owner: 'template' },
      { name: 'Lạ' },
    ]);
    expect(syncs).toBe(2);
  });

  it('takes the same 2 syncs for 40 sheets (never one per sheet)', async () => {
    for (let i = 0; i < 40; i++) {
      const sheet = fake.addSheet(`Sheet${i + 1}`);
      if (i % 3 === 0) setOwner(sheet, 'report');
    }
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().listSheets());
    expect(syncs).toBe(2);
    expect(result).toHaveLength(40);
    expect(result.filter((s) => s.owner === 'report')).toHaveLength(14);
    expect(result[39]).toEqual({ name: 'Sheet40', owner: 'report' });
  });

  it('says how each hidden sheet is hidden (Hidden, VeryHidden), still in 2 syncs', async () => {
    fake.addSheet('Quý II');
    fake.addSheet('Quý I (cũ)');
    setOwner(fake.addSheet('Kết quả kiểm tra'), 'report');
    fake.addSheet('Số liệu');
    fake.hideSheet('Quý I (cũ)', 'Hidden');
    fake.hideSheet('Kết quả kiểm tra', 'Hidden');
    fake.hideSheet('Số liệu', 'VeryHidden');
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().listSheets());
    expect(result).toEqual([
      { name: 'Quý II' },
      { name: 'Quý I (cũ)', visibility: 'hidden' },
      { name: 'Kết quả kiểm tra', owner: 'report', visibility: 'hidden' },
      { name: 'Số liệu', visibility: 'very-hidden' },
    ]);
    expect(syncs).toBe(2);
    // shown again (Unhide): visible, as before
    fake.hideSheet('Quý I (cũ)', 'Visible');
    expect((await new OfficeHost().listSheets())[1]).toEqual({ name: 'Quý I (cũ)' });
  });

  it('reads the owner the add-in wrote with writeSheet', async () => {
    fake.addSheet('First');
    const host = new OfficeHost();
    await host.writeSheet('Kết quả', { rows: [] }, { owner: 'report' });
    await host.writeSheet('Mẫu', { rows: [] }, { owner: 'template' });
    expect(await host.listSheets()).toEqual([
      { name: 'First' },
      { name: 'Kết quả', owner: 'report' },
      { name: 'Mẫu', owner: 'template' },
    ]);
  });
});

describe('readRange', () => {
  it('reads one range in 1 sync, as readSheet reads its cells, with the range’s origin', async () => {
    fake.addGridSheet(SHEET, FIXTURE, { row: 2, column: 1 }); // fixture A1 at B3
    const host = new OfficeHost();
    const whole = await host.readSheet(SHEET);
    // Fixture J11:K14 sits at K13:L16.
    const { result, syncs } = await fake.syncsOf(() => host.readRange(SHEET, 'K13:L16'));
    expect(syncs).toBe(1);
    expect(result.name).toBe(SHEET);
    expect(result.origin).toEqual({ row: 12, column: 10 });
    expect(result.merges).toEqual([]);
    expect(result.rows).toHaveLength(4);
    for (let r = 0; r < 4; r++) {
      expect(result.rows[r]).toHaveLength(2);
      for (let c = 0; c < 2; c++) {
        // whole's origin is B3 (row 2, column 1).
        expect(result.rows[r]?.[c], `cell ${r},${c}`).toEqual(whole.rows[10 + r]?.[9 + c]);
      }
    }
    // Fixture K13 (0.745 as 0.0%) at L15.
    expect(result.rows[2]?.[1]).toEqual({
      value: 0.745,
      text: '74,5%',
      numberFormat: '0.0%',
      type: 'number',
    });
  });

  it('reads one cell, and accepts lower case and $', async () => {
    fake.addGridSheet(SHEET, FIXTURE);
    const host = new OfficeHost();
    const one = await host.readRange(SHEET, 'K13');
    expect(one.origin).toEqual({ row: 12, column: 10 });
    expect(one.rows).toEqual([[expected(FIXTURE.rows[12]?.[10])]]);
    const same = await host.readRange(SHEET, '$k$13');
    expect(same).toEqual(one);
    // Empty cells are undefined, as in readSheet.
    const empty = await host.readRange(SHEET, 'AA100:AB100');
    expect(empty.rows).toEqual([[undefined, undefined]]);
    expect(empty.origin).toEqual({ row: 99, column: 26 });
  });

  it.each([['5:5'], ['$5:$7'], ['B:D'], ['$C:$C']])(
    'refuses whole rows or columns "%s" before calling Excel',
    async (address) => {
      fake.addGridSheet(SHEET, annex(20));
      const runs = fake.runs;
      const { syncs } = await fake.syncsOf(() =>
        expect(new OfficeHost().readRange(SHEET, address)).rejects.toMatchObject({
          name: 'HostError',
          code: 'too-large',
          problem: { code: 'too-large', reason: 'whole-rows-or-columns', sheet: SHEET, address },
        }),
      );
      expect(syncs).toBe(0);
      expect(fake.runs).toBe(runs);
      expect(fake.calls).toEqual([]);
    },
  );

  it('refuses a range over maxCells, and anything that is not one range, with the sheet and address', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const host = new OfficeHost({ maxCells: 100 });
    await expect(host.readRange(SHEET, 'A1:J11')).rejects.toMatchObject({
      problem: {
        code: 'too-large',
        reason: 'range',
        sheet: SHEET,
        address: 'A1:J11',
        cells: 110,
        limit: 100,
      },
    });
    expect(await host.readRange(SHEET, 'A1:J10')).toMatchObject({ origin: { row: 0, column: 0 } });
    await expect(host.readRange(SHEET, 'A1:B2,D4')).rejects.toMatchObject({
      problem: { code: 'too-large', reason: 'not-one-range' },
    });
    await expect(host.readRange(SHEET, 'not a range')).rejects.toMatchObject({
      problem: { code: 'too-large', reason: 'not-one-range', address: 'not a range' },
    });
    expect(fake.calls.filter((c) => c.includes('values'))).toHaveLength(1); // the A1:J10 read only
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(new OfficeHost().readRange('Nope', 'A1')).rejects.toMatchObject({
      code: 'not-found',
      problem: { code: 'not-found', sheet: 'Nope' },
    });
  });
});

describe('applyMarks', () => {
  it('writes one conditional format per plan rule in 2 syncs, 20 rows and 2,000 rows alike', async () => {
    // Columns wide enough for every value and its symbol: each rule is written as planned
    // (narrow columns: office-host-mark-cues.test.ts).
    wide(fake.addGridSheet('small', annex(20)));
    wide(fake.addGridSheet('large', annex(2000)));
    const host = new OfficeHost();
    const smallPlan = await planFor(host, 'small');
    const largePlan = await planFor(host, 'large');

    const small = await fake.syncsOf(() => host.applyMarks('small', smallPlan));
    const large = await fake.syncsOf(() => host.applyMarks('large', largePlan));
    expect(small.syncs).toBe(2);
    expect(large.syncs).toBe(2);

    // 20 rows: every address short → exactly one conditional format per rule.
    expect(smallPlan.rules).toHaveLength(SMALL_RULES);
    expect(expectRulesMatchPlan(fake.sheet('small') as FakeSheet, smallPlan)).toBe(
      smallPlan.rules.length,
    );
    expect(small.result).toEqual({ rules: SMALL_RULES, replaced: 0 });

    // 2,000 rows: rules with more than 1,000 characters of address are split into parts.
    expect(largePlan.rules).toHaveLength(LARGE_RULES);
    const parts = largePlan.rules.flatMap((r) => splitRule(r)).length;
    expect(parts).toBe(LARGE_PARTS);
    expect(expectRulesMatchPlan(fake.sheet('large') as FakeSheet, largePlan)).toBe(parts);
    expect(large.result).toEqual({ rules: parts, replaced: 0 });
    // about 105 KB with the blank and error rules' dashed borders (4 edges each), far below 5 MB
    expect(fake.maxRequest).toBeLessThan(128 * 1024);
  });

  it('records the ids of the rules it added in the chitieu.marks custom property', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const host = new OfficeHost();
    await host.applyMarks(SHEET, await planFor(host, SHEET));
    const sheet = fake.sheet(SHEET) as FakeSheet;
    expect(recorded(sheet)).toEqual({ version: 1, ids: addinRules(sheet).map((r) => r.id) });
  });

  it('replaces its earlier rules on a second check, leaving the user’s rule as it was', async () => {
    wide(fake.addGridSheet(SHEET, annex(20)));
    const user = fake.addUserRule(SHEET, ['B12:B20'], '=LEN(B12)>100');
    const host = new OfficeHost();
    const plan = await planFor(host, SHEET);
    const sheet = fake.sheet(SHEET) as FakeSheet;

    await host.applyMarks(SHEET, plan);
    const firstIds = addinRules(sheet).map((r) => r.id);
    expect(sheet.rules.indexOf(user)).toBe(plan.rules.length); // below the marks

    const second = await fake.syncsOf(() => host.applyMarks(SHEET, plan));
    expect(second.syncs).toBe(2);
    expect(second.result).toEqual({ rules: plan.rules.length, replaced: plan.rules.length });
    expect(addinRules(sheet)).toHaveLength(plan.rules.length); // not doubled
    expect(expectRulesMatchPlan(sheet, plan)).toBe(plan.rules.length);
    expect(addinRules(sheet).some((r) => firstIds.includes(r.id))).toBe(false);
    expect(sheet.rules).toHaveLength(plan.rules.length + 1);
    expect(sheet.rules.at(-1)).toEqual({
      id: user.id,
      type: 'Custom',
      ranges: ['B12:B20'],
      formula: '=LEN(B12)>100',
      fill: '#00FF00',
    });
    expect(recorded(sheet)).toEqual({ version: 1, ids: addinRules(sheet).map((r) => r.id) });
  });

  it('keeps a user’s data bar and works although it has no custom formula', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const bar = fake.addUserRule(SHEET, ['J12:J20'], '', 'DataBar');
    const host = new OfficeHost();
    const plan = await planFor(host, SHEET);
    await host.applyMarks(SHEET, plan);
    await host.applyMarks(SHEET, plan);
    const sheet = fake.sheet(SHEET) as FakeSheet;
    expect(sheet.rules).toContain(bar);
    expect(addinRules(sheet)).toHaveLength(plan.rules.length);
  });

  it('splits its requests into more syncs only past the payload budget', async () => {
    setup({ payloadLimit: 64 * 1024 });
    fake.addGridSheet(SHEET, annex(2000));
    const reader = new OfficeHost();
    const plan = await planFor(reader, SHEET);
    const host = new OfficeHost({ payloadBudget: 48 * 1024 });
    // Without splitting the request would be about 80 KB (see the 2-sync test), over this
    // 64 KB limit: the adds go in 5 syncs of at most 48 KB (estimated), then the deletes.
    const { syncs } = await fake.syncsOf(() => host.applyMarks(SHEET, plan));
    expect(syncs).toBe(6);
    expect(fake.maxRequest).toBeLessThanOrEqual(64 * 1024);
    expect(expectRulesMatchPlan(fake.sheet(SHEET) as FakeSheet, plan)).toBe(LARGE_PARTS);
    const again = await fake.syncsOf(() => host.applyMarks(SHEET, plan));
    expect(again.result).toEqual({ rules: LARGE_PARTS, replaced: LARGE_PARTS });
    expect(addinRules(fake.sheet(SHEET) as FakeSheet)).toHaveLength(LARGE_PARTS);
  });

  it('with an empty plan removes the earlier marks and the record', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const host = new OfficeHost();
    await host.applyMarks(SHEET, await planFor(host, SHEET));
    const empty: MarkPlan = { groups: [], rules: [] };
    const { result, syncs } = await fake.syncsOf(() => host.applyMarks(SHEET, empty));
    expect(result).toEqual({ rules: 0, replaced: SMALL_RULES });
    expect(syncs).toBe(2);
    const sheet = fake.sheet(SHEET) as FakeSheet;
    expect(sheet.rules).toEqual([]);
    expect(recorded(sheet)).toBeUndefined();
  });
});

describe('clearMarks', () => {
  it('removes the add-in’s rules in 2 syncs and leaves the user’s rule with its id, formula and priority', async () => {
    fake.addGridSheet(SHEET, annex(2000));
    const user = fake.addUserRule(SHEET, ['B12:B2000'], '=LEN(B12)>100');
    const sheet = fake.sheet(SHEET) as FakeSheet;
    expect(sheet.rules.indexOf(user)).toBe(0);
    const asItWas = structuredClone(user);
    const host = new OfficeHost();
    await host.applyMarks(SHEET, await planFor(host, SHEET));
    expect(sheet.rules.indexOf(user)).toBe(LARGE_PARTS);

    const { result, syncs } = await fake.syncsOf(() => host.clearMarks(SHEET));
    expect(result).toBe(LARGE_PARTS);
    expect(syncs).toBe(2);
    expect(sheet.rules).toEqual([asItWas]); // same id, formula, ranges and format
    expect(sheet.rules.indexOf(user)).toBe(0); // and its priority again
    expect(recorded(sheet)).toBeUndefined();
    expect(fake.calls.some((c) => c.includes('clearAll'))).toBe(false);
    // Nothing left: one sync, nothing removed.
    expect(await fake.syncsOf(() => host.clearMarks(SHEET))).toEqual({ result: 0, syncs: 1 });
  });

  it('removes tagged rules with no recorded id (a workbook annotated by the command line)', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const sheet = fake.sheet(SHEET) as FakeSheet;
    const user = fake.addUserRule(SHEET, ['C12:C20'], '=C12="x"');
    // What `chitieu check --out` writes: tagged formulas, no custom property.
    const plan = checkSheet(annex(20)).markPlan;
    for (const rule of plan.rules) {
      const anchor = (rule.ranges[0] as string).split(':')[0] as string;
      sheet.rules.push({
        id: fake.newRuleId(),
        type: 'Custom',
        ranges: rule.ranges,
        formula: `=${markRuleFormula(rule.condition, anchor)}`,
      });
    }
    expect(recorded(sheet)).toBeUndefined();
    const removed = await new OfficeHost().clearMarks(SHEET);
    expect(removed).toBe(plan.rules.length);
    expect(sheet.rules).toEqual([user]);
  });

  it('still finds its rules after a save and reopen changed their ids', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const user = fake.addUserRule(SHEET, ['C12:C20'], '=C12="x"');
    const host = new OfficeHost();
    await host.applyMarks(SHEET, await planFor(host, SHEET));
    fake.reopen();
    const sheet = fake.sheet(SHEET) as FakeSheet;
    const ids = (recorded(sheet) as { ids: string[] }).ids;
    expect(sheet.rules.some((r) => ids.includes(r.id))).toBe(false);
    expect(await host.clearMarks(SHEET)).toBe(SMALL_RULES);
    expect(sheet.rules).toEqual([user]);
  });

  it('keeps a user’s rule whose id a stale record happens to name', async () => {
    fake.addGridSheet(SHEET, annex(20));
    const user = fake.addUserRule(SHEET, ['C12:C20'], '=C12="x"');
    const sheet = fake.sheet(SHEET) as FakeSheet;
    sheet.properties.set(MARKS_PROPERTY, {
      key: MARKS_PROPERTY,
      value: JSON.stringify({ version: 1, ids: [user.id] }),
    });
    expect(await new OfficeHost().clearMarks(SHEET)).toBe(0);
    expect(sheet.rules).toEqual([user]);
    expect(recorded(sheet)).toBeUndefined(); // the stale record is gone
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(new OfficeHost().clearMarks('Nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('never writes a cell', () => {
  it('leaves every cell as it was through read, apply, re-apply and clear', async () => {
    fake.addGridSheet(SHEET, annex(2000));
    const sheet = fake.sheet(SHEET) as FakeSheet;
    const before = snapshotCells(sheet);
    const host = new OfficeHost();
    const plan = await planFor(host, SHEET);
    await host.applyMarks(SHEET, plan);
    await host.applyMarks(SHEET, plan);
    await host.clearMarks(SHEET);
    expect(fake.cellWrites).toEqual([]);
    expect(snapshotCells(sheet)).toBe(before);
  });

  it('the fake refuses a cell write', async () => {
    fake.addGridSheet(SHEET, annex(20));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem(SHEET).getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toThrow(/never write cells/);
    expect(fake.cellWrites).toHaveLength(1);
  });
});

describe('navigation and settings', () => {
  it('selectCell activates the sheet and selects the cell in 1 sync', async () => {
    fake.addSheet('First');
    fake.addGridSheet(SHEET, annex(20));
    expect(fake.active).toBe('First');
    const { syncs } = await fake.syncsOf(() => new OfficeHost().selectCell(SHEET, 'K13'));
    expect(syncs).toBe(1);
    expect(fake.active).toBe(SHEET);
    expect(fake.selection).toEqual({ sheet: SHEET, address: 'K13' });
    const activate = fake.calls.findIndex((c) => c.endsWith('.activate()'));
    const select = fake.calls.findIndex((c) => c.endsWith('.select()'));
    expect(activate).toBeGreaterThanOrEqual(0);
    expect(activate).toBeLessThan(select);
  });

  it('activeSheet takes 1 sync', async () => {
    fake.addSheet('First');
    fake.addSheet(SHEET);
    fake.active = SHEET;
    expect(await fake.syncsOf(() => new OfficeHost().activeSheet())).toEqual({
      result: SHEET,
      syncs: 1,
    });
  });

  it('settings round-trip through the document settings and survive a reopen', async () => {
    const host = new OfficeHost();
    expect(await host.loadSettings()).toEqual({});
    const settings = { targetSet: 'binh-phuoc-2025', level: 'so', quarter: 2, nearMissBand: 1 };
    const { syncs } = await fake.syncsOf(() => host.saveSettings(settings));
    expect(syncs).toBe(0);
    expect(Object.keys(fake.settings)).toEqual([SETTINGS_KEY]);
    fake.reopen();
    expect(await new OfficeHost().loadSettings()).toEqual(settings);
  });

  it('reports a failed save as a HostError, Excel’s own words kept as the developer’s cause', async () => {
    fake.failNextSave = true;
    await expect(new OfficeHost().saveSettings({ level: 'xa' })).rejects.toMatchObject({
      name: 'HostError',
      problem: { code: 'office', cause: expect.stringContaining('The file is read-only.') },
    });
  });
});
