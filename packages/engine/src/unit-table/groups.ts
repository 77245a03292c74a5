/**
 * Units side by side: an annex (one row per indicator) with the results of several units in
 * groups of columns, each under a heading naming its unit ("Kết quả thực hiện – Sở Y tế" over
 * Quý I–IV; the layout reads the name, `AnnexColumn.unit`). The office's consolidated sheet is
 * one: 20 units × Quý I–IV. Each group is a unit of its own, judged against its own level's
 * minimums on its own level's rows, and its findings name it (`forUnit`), as a unit table's do.
 * The sheet's own targets (roadmap, annual target) are compared once, for the sheet.
 */
import {
  type CheckContext,
  type CheckSheetOptions,
  type ContextSource,
  inNoticeOrder,
  type SheetCheck,
  type SheetFinding,
} from '../annex/check.js';
import type { Matched } from '../annex/choose-set.js';
import { type Collected, collectValues, keepValuesNotAssigned } from '../annex/collect.js';
import { resolveContext } from '../annex/context.js';
import type { Layout } from '../annex/layout.js';
import { locateFindings, NO_PLACES } from '../annex/locate.js';
import { planMarks } from '../annex/mark-plan.js';
import { noMarks } from '../annex/marks.js';
import {
  assignmentDefaultNotice,
  type FractionsReadNotice,
  type SheetNotice,
  type ValuesNotAssignedNotice,
} from '../annex/notices.js';
import type { SheetView } from '../annex/sheet.js';
import { publicLayout, summarise, Tally } from '../annex/summary.js';
import { type ComparedTargets, compareTargets } from '../annex/targets.js';
import { unitKey } from '../annex/unit-name.js';
import { evaluateForSheet } from '../evaluate.js';
import { FindingKeeper } from '../finding-list.js';
import type {
  EvaluationFinding,
  FindingUnit,
  Quarter,
  UnrecognisedRowFinding,
} from '../findings.js';
import { columnName, fromA1 } from '../grid.js';
import type { Mutable } from '../mutable.js';
import type { TargetSet } from '../schema.js';
import type { TableColumn, TableUnit, UnitLevelSource, UnitTableInfo } from './check.js';
import { levelFromName } from './read.js';

/** A unit's group of results columns. */
export interface UnitGroup {
  /** The unit's name as its heading gives it, in its official spelling. */
  readonly name: string;
  /** The 0-based grid columns of its results, in sheet order. */
  readonly columns: readonly number[];
}

/**
 * The units whose results the sheet lays out side by side, in sheet order: two or more groups
 * of results columns under headings naming different units. One unit named (a sheet of one
 * unit's results headed with its name) is no consolidated sheet: `[]`. Groups naming one unit
 * twice (two years side by side) are that unit's.
 */
export function unitGroups(layout: Layout): UnitGroup[] {
  const byKey = new Map<string, { name: string; columns: number[] }>();
  for (const c of layout.columns) {
    if (c.role !== 'result' || c.unit === undefined) continue;
    const key = unitKey(c.unit);
    const known = byKey.get(key);
    if (known) known.columns.push(c.column);
    else byKey.set(key, { name: c.unit, columns: [c.column] });
  }
  return byKey.size >= 2 ? [...byKey.values()] : [];
}

/** Columns per row in a sort key (Excel has 16,384). */
const COLUMNS = 16_384;

/**
 * The sort key of an A1 cell ("AB12" → row × 16,384 + column), read from its characters: a
 * consolidated sheet's notice names a million cells, and a match and an object per cell were
 * most of the garbage its check made. Anything else than an A1 address is row 0, column 0.
 */
function sheetKey(a1: string): number {
  let column = 0;
  let i = 0;
  for (; i < a1.length; i++) {
    const c = a1.charCodeAt(i);
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
  }
  if (i === 0 || i > 3 || i === a1.length) return fallbackKey(a1);
  let row = 0;
  for (let j = i; j < a1.length; j++) {
    const c = a1.charCodeAt(j);
    if (c < 48 || c > 57) return fallbackKey(a1);
    row = row * 10 + (c - 48);
  }
  if (row < 1 || a1.length - i > 7) return fallbackKey(a1);
  return (row - 1) * COLUMNS + (column - 1);
}

/** The key of a cell `sheetKey` does not read itself (`$A$1`, lower case, spaces). */
function fallbackKey(a1: string): number {
  const p = fromA1(a1) ?? { row: 0, column: 0 };
  return p.row * COLUMNS + p.column;
}

/** The A1 cells' sheet order (a stable sort: equal cells keep their order). */
export function inSheetOrder(cells: readonly string[]): string[] {
  const keys = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) keys[i] = sheetKey(cells[i] as string);
  const order = new Uint32Array(cells.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const out: string[] = new Array(cells.length);
  for (let i = 0; i < order.length; i++) out[i] = cells[order[i] as number] as string;
  return out;
}

/** One `values-not-assigned` notice per level over the units of that level (not one per unit). */
function mergeNotAssigned(list: readonly ValuesNotAssignedNotice[]): ValuesNotAssignedNotice[] {
  const byLevel = new Map<string, ValuesNotAssignedNotice[]>();
  for (const n of list) {
    const known = byLevel.get(n.level);
    if (known) known.push(n);
    else byLevel.set(n.level, [n]);
  }
  return [...byLevel.values()].map((same) => {
    const first = same[0] as ValuesNotAssignedNotice;
    if (same.length === 1) return first;
    const assignedTo = [...new Set(same.flatMap((n) => n.assignedTo))];
    const agencies = [...new Set(same.flatMap((n) => n.agencies ?? []))];
    const merged: Mutable<ValuesNotAssignedNotice> = {
      code: 'values-not-assigned',
      level: first.level,
      count: same.reduce((sum, n) => sum + n.count, 0),
      cells: inSheetOrder(([] as string[]).concat(...same.map((n) => n.cells))),
      assignedTo: first.assignedTo.concat(assignedTo.filter((l) => !first.assignedTo.includes(l))),
    };
    if (agencies.length > 0) merged.agencies = agencies;
    return merged;
  });
}

/**
 * The results columns whose heading names no unit, with how many values are typed in them below
 * the header: said once for the sheet (`results-without-unit`), never dropped silently.
 */
function resultsWithoutUnit(view: SheetView, layout: Layout): SheetNotice | undefined {
  const nobodys = layout.columns
    .filter((c) => c.role === 'result' && c.unit === undefined)
    .map((c) => c.column)
    .sort((a, b) => a - b);
  if (nobodys.length === 0) return undefined;
  const below = Math.max(-1, ...layout.headerRows) + 1;
  let values = 0;
  const rows = view.grid.rows;
  for (let r = below; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (const c of nobodys) {
      const v = row[c]?.value;
      if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) values++;
    }
  }
  const origin = view.grid.origin?.column ?? 0;
  return {
    code: 'results-without-unit',
    columns: nobodys.map((c) => columnName(c + origin)),
    values,
  };
}

/**
 * Checks a sheet of units side by side (`unitGroups(layout)` has two or more): each unit's
 * results against its own level (read from its name, else the level given), through the quarter
 * given, or the title's, or the latest any unit has results for. A unit whose level cannot be
 * told is asked for (`unrecognised-row`, `needs: 'level'`, at its heading), not the sheet's.
 */
export function checkUnitGroups(
  view: SheetView,
  layout: Layout,
  groups: readonly UnitGroup[],
  set: TargetSet,
  matched: Matched,
  setSource: ContextSource | undefined,
  options: CheckSheetOptions,
  sheetNotices: readonly SheetNotice[],
  /** The sheet's targets compared with the set's, when the set's choice did it already. */
  compared?: ComparedTargets,
): SheetCheck {
  const sheet = view.grid.name;
  const headingRow = layout.headerRows[0] ?? 0;
  // Results columns under a heading that names no unit are nobody's: not read.
  const others = new Set(layout.columns.filter((c) => c.role !== 'result'));
  const marks = options.marks !== false;
  const nearMissBand = Math.max(0, options.nearMissBand ?? 0);

  // Each unit: its columns as the sheet's only results, its level, its latest quarter.
  const units = groups.map((g) => {
    const mine = new Set(g.columns);
    const unitLayout: Layout = {
      ...layout,
      columns: layout.columns.filter((c) => mine.has(c.column) || others.has(c)),
    };
    const fromName = levelFromName(g.name, set);
    const given = fromName ?? options.level;
    const { context } = resolveContext(view, unitLayout, set, matched, setSource, {
      ...options,
      unitName: g.name,
      ...(given === undefined ? {} : { level: given }),
    });
    const levelFrom: UnitLevelSource | undefined =
      context.level === undefined
        ? undefined
        : fromName !== undefined
          ? 'name'
          : options.level !== undefined
            ? 'option'
            : 'content';
    const first = g.columns[0] as number;
    const forUnit: Mutable<FindingUnit> = {
      name: g.name,
      row: view.sheetRow(headingRow),
      column: first + 1 + (view.grid.origin?.column ?? 0),
    };
    if (context.level !== undefined) forUnit.level = context.level;
    return { group: g, layout: unitLayout, context, levelFrom, forUnit, first };
  });
  const quarters = units.map((u) => u.context.quarter).filter((q) => q !== undefined);
  const quarter = (options.quarter ?? (quarters.length > 0 ? Math.max(...quarters) : undefined)) as
    | Quarter
    | undefined;
  const quarterSource = units.find((u) => u.context.quarter === quarter)?.context.sources.quarter;
  const context: CheckContext = {
    targetSetId: set.id,
    ...(quarter === undefined ? {} : { quarter }),
    sources: {
      ...(setSource ? { targetSet: setSource } : {}),
      ...(quarterSource ? { quarter: quarterSource } : {}),
    },
  };
  const shown = publicLayout(view, layout, matched);
  const info: UnitTableInfo = {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns: groupColumns(view, layout),
    units: units.map((u) => {
      const unit: TableUnit = { ...u.forUnit };
      return u.levelFrom === undefined ? unit : { ...unit, levelFrom: u.levelFrom };
    }),
  };
  const notices: SheetNotice[] = [...sheetNotices];
  const nobodys = resultsWithoutUnit(view, layout);
  if (nobodys) notices.push(nobodys);
  if (quarter === undefined)
    return {
      ...(sheet === undefined ? {} : { sheet }),
      status: 'needs-input',
      needs: ['quarter'],
      context,
      targetSet: set,
      layout: shown,
      unitTable: info,
      findings: [],
      notices: inNoticeOrder(notices),
      summary: summarise([]),
      markPlan: noMarks(view.grid),
    };

  // The sheet's own targets and the rows that match no indicator: the sheet's, said once.
  const targets = compared ?? compareTargets(view, layout, matched);
  const slots: Collected['slots'] = [];
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = [];
  const fractionColumns = new Set<number>();
  // The units' findings, kept as each unit's are made (compactly once they are many: a
  // consolidated sheet of thousands of rows has a million and more), and counted.
  const keeper = new FindingKeeper();
  const tally = new Tally();
  const notAssigned: ValuesNotAssignedNotice[] = [];
  const fractions: FractionsReadNotice[] = [];
  const defaults = new Map<string, SheetNotice>();
  let unrecognised: Collected['unrecognised'] = [];
  units.forEach((u, k) => {
    const level = u.forUnit.level;
    if (level === undefined) {
      const ask: Mutable<UnrecognisedRowFinding & SheetFinding> = {
        code: 'unrecognised-row',
        text: u.group.name,
        row: u.forUnit.row,
        needs: 'level',
        cell: view.address(headingRow, u.first),
        forUnit: u.forUnit,
      };
      if (sheet !== undefined) ask.sheet = sheet;
      tally.addAll([ask as SheetFinding]);
      keeper.add(ask as SheetFinding);
      return;
    }
    const unit = { level, name: u.group.name };
    const collected = collectValues(view, u.layout, matched, unit, quarter);
    if (k === 0 || unrecognised.length === 0) unrecognised = collected.unrecognised;
    const evaluated = evaluateForSheet(
      {
        targetSet: set,
        unit,
        quarter,
        values: collected.values,
        options: { nearMissBand },
      },
      true,
    );
    const kept = keepValuesNotAssigned(evaluated, collected, set, level);
    if (kept) notAssigned.push(kept);
    const assigned = assignmentDefaultNotice(set, evaluated, level);
    if (assigned && !defaults.has(level)) defaults.set(level, assigned);
    fractions.push(...collected.scales.notices);
    for (const c of collected.scales.fractionColumns) fractionColumns.add(c);
    if (!marks) {
      collected.values.length = 0;
      collected.slots.length = 0;
    }
    const located = locateFindings(
      evaluated,
      collected.places,
      collected.due,
      collected.notApplicable,
      sheet,
    );
    const mine = located.findings;
    for (let i = 0; i < mine.length; i++) (mine[i] as Mutable<SheetFinding>).forUnit = u.forUnit;
    tally.addAll(mine);
    keeper.addAll(mine);
    if (marks) {
      for (let i = 0; i < collected.slots.length; i++) {
        slots.push(collected.slots[i] as Collected['slots'][number]);
        findingOfSlot.push(located.findingOfSlot[i]);
      }
    }
  });
  const sheetWide = locateFindings(
    [],
    NO_PLACES,
    new Set(),
    [...targets.mismatches, ...unrecognised],
    sheet,
  ).findings;
  keeper.lead(sheetWide);
  const head = new Tally();
  head.addAll(sheetWide);
  notices.push(...mergeNotAssigned(notAssigned), ...defaults.values(), ...fractions);
  const markPlan = !marks
    ? noMarks(view.grid)
    : planMarks({
        view,
        set,
        slots,
        findingOfSlot,
        mismatches: targets.mismatches,
        targetWatch: targets.watch,
        nearMissBand,
        fractionColumns,
      });
  return keeper.check<SheetCheck>({
    ...(sheet === undefined ? {} : { sheet }),
    status: 'checked',
    needs: [],
    context,
    targetSet: set,
    layout: shown,
    unitTable: info,
    notices: inNoticeOrder(notices),
    summary: tally.after(head).summary(),
    markPlan,
  });
}

/** The sheet's columns for a shell that lists a unit table's: Stt, the indicator, the results. */
function groupColumns(view: SheetView, layout: Layout): TableColumn[] {
  const out: TableColumn[] = [];
  const letter = (c: number) => columnName(c + (view.grid.origin?.column ?? 0));
  for (const c of layout.columns) {
    const role =
      c.role === 'stt'
        ? 'stt'
        : c.role === 'result'
          ? 'value'
          : c.role === 'minimum' || c.role === 'annual'
            ? 'target'
            : undefined;
    if (!role) continue;
    out.push({
      letter: letter(c.column),
      role,
      header: c.header,
      ...(c.quarter === undefined ? {} : { quarter: c.quarter }),
    });
  }
  return out;
}
