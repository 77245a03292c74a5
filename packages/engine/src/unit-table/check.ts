/**
 * Checking a unit table (one row per unit): each unit's values judged against its own level's
 * official minimum, the targets written in its row ("Chỉ tiêu giao", or "76,1%/40%" in the value
 * cell) compared with the official ones, and one finding asking for the level of a unit whose
 * level cannot be told. Findings have the codes and shapes of an annex's, each with its unit
 * (`forUnit`); the mark plan is an annex's (`annex/mark-plan.ts`), so copies and the add-in colour
 * these tables too. `checkSheet` (`annex/check.ts`) tries this when a sheet is not an annex.
 */
import {
  type AnnexLayout,
  type CheckContext,
  type CheckSheetOptions,
  type ContextSource,
  inNoticeOrder,
  type SheetCheck,
  type SheetFinding,
} from '../annex/check.js';
import { resolveSet } from '../annex/choose-set.js';
import { quarterInLines } from '../annex/detect.js';
import type { AnnexColumn, ColumnRole } from '../annex/layout.js';
import type { Slot } from '../annex/locate.js';
import { planMarks } from '../annex/mark-plan.js';
import { noMarks, type WatchedCell } from '../annex/marks.js';
import type { SheetNotice } from '../annex/notices.js';
import { inferColumnScales } from '../annex/scale.js';
import type { SheetView } from '../annex/sheet.js';
import { isEmptyCell } from '../annex/sheet.js';
import { summarise, Tally } from '../annex/summary.js';
import { targetMismatch } from '../annex/targets.js';
import { officialUnitName } from '../annex/unit-name.js';
import { quarterIn } from '../annex/vocabulary.js';
import type { Cell } from '../cell.js';
import {
  type AchievedValue,
  applicableRow,
  evaluateForSheet,
  minimumFor,
  parseIndicatorValue,
} from '../evaluate.js';
import { FindingKeeper } from '../finding-list.js';
import type {
  EvaluationFinding,
  FindingUnit,
  NotApplicableFinding,
  Quarter,
  TargetMismatchFinding,
  UnitTableMissing,
  UnrecognisedRowFinding,
} from '../findings.js';
import { columnName } from '../grid.js';
import type { Mutable } from '../mutable.js';
import { isPercentFormat } from '../parse/number-format.js';
import { parseText } from '../parse/parse-value.js';
import type { Indicator, TargetSet } from '../schema.js';
import { targetValue } from '../target-value.js';
import { recogniseUnitTable, type UnitTableLayout } from './detect.js';
import { chooseUnitTableSet, levelFromName, levelNamed, type ResolvedColumn } from './read.js';

/** Where a unit's level was read from ('content': the rows its results are on, `groups.ts`). */
export type UnitLevelSource = 'column' | 'group' | 'name' | 'option' | 'content';

/** A unit of the table, as data: a shell lists them (the consolidated report's unit rows). */
export interface TableUnit extends FindingUnit {
  readonly levelFrom?: UnitLevelSource;
}

/** A column of a unit table, as data. */
export interface TableColumn {
  readonly letter: string;
  readonly role: 'stt' | 'unit' | 'level' | 'target' | 'value';
  readonly header: string;
  readonly indicatorId?: string;
  readonly quarter?: Quarter;
}

/** What a unit table was read as: its header, columns and units. */
export interface UnitTableInfo {
  /** 1-based sheet rows of the header. */
  readonly headerRows: readonly number[];
  readonly columns: readonly TableColumn[];
  /** Every unit of the table, in sheet order. */
  readonly units: readonly TableUnit[];
}

/** What trying a sheet as a unit table gave. */
export type UnitTableAttempt =
  /** Nothing like a unit table: the annex's reason stands as it is. */
  | { readonly kind: 'none' }
  /** A unit table that lacks something to be checked: said with the sheet's not-an-annex finding. */
  | {
      readonly kind: 'missing';
      readonly missing: readonly UnitTableMissing[];
      readonly targetSet?: TargetSet;
    }
  | { readonly kind: 'check'; readonly result: SheetCheck };

/** A results heading: "Kết quả Quý I/2024" — a short cell, in a row of several. */
const RESULT_HEADING = /\b(?:ket qua|thuc hien|ty le)\b/;

/**
 * Whether the sheet has a results heading in its first rows although no unit column: a table of
 * results that says whose they are nowhere ("STT | Tên | Kết quả Quý I/2024").
 */
function hasResultHeading(view: SheetView): boolean {
  const last = Math.min(view.rowCount, 60);
  for (let r = 0; r < last; r++) {
    const columns = view.columnsIn(r).filter((c) => view.text(r, c) !== '');
    if (columns.length < 2) continue;
    for (const c of columns) {
      const norm = view.norm(r, c);
      if (norm.length > 60) continue;
      if (RESULT_HEADING.test(norm) && quarterIn(norm) !== undefined) return true;
    }
  }
  return false;
}

/** A set with only the table's indicators: evaluating a unit against it says nothing of the others. */
const narrowed = new WeakMap<TargetSet, Map<string, TargetSet>>();
function narrowSet(set: TargetSet, ids: readonly string[]): TargetSet {
  const key = ids.join(' ');
  let bySet = narrowed.get(set);
  if (!bySet) {
    bySet = new Map();
    narrowed.set(set, bySet);
  }
  let narrow = bySet.get(key);
  if (!narrow) {
    const keep = new Set(ids);
    narrow = { ...set, indicators: set.indicators.filter((i) => keep.has(i.id)) };
    bySet.set(key, narrow);
  }
  return narrow;
}

/** "76,1%/40%": the value and the target the province's letters write after it, split. */
const VALUE_SLASH_TARGET = /^(.*%)\s*\/\s*([^/]*%)\s*$/u;

/** The target written after the value in a cell ("76,1%/40%" → 40), in the indicator's unit. */
function targetInCell(cell: Cell | undefined, indicator: Indicator): number | undefined {
  if (indicator.unit.kind !== 'percent' || typeof cell?.value !== 'string') return undefined;
  const m = VALUE_SLASH_TARGET.exec(cell.value.trim());
  if (!m?.[2]) return undefined;
  const parsed = parseText(m[2], { expect: { kind: 'percent' } });
  return parsed.kind === 'number' ? parsed.value : undefined;
}

interface ValueColumn {
  readonly resolved: ResolvedColumn;
  readonly indicator: Indicator;
  readonly quarter: Quarter;
}

interface TargetColumn {
  readonly resolved: ResolvedColumn;
  readonly indicator: Indicator;
  /** Undefined for an annual target. */
  readonly quarter?: Quarter;
}

/**
 * Tries the sheet as a unit table. `none` when it has no unit column (and no results heading, or
 * an annex header: `annexHeader`); `missing` when it lacks a unit column, results columns or an
 * indicator; else the check.
 */
export function checkUnitTable(
  view: SheetView,
  options: CheckSheetOptions,
  annexHeader = false,
): UnitTableAttempt {
  const layout = recogniseUnitTable(view);
  // No unit column: said only of a table with results of a period and no annex header either
  // (an annex's own header has results columns too: its reason stands).
  if (!layout)
    return !annexHeader && hasResultHeading(view)
      ? { kind: 'missing', missing: ['unit-column'] }
      : { kind: 'none' };
  const sheetQuarter = options.quarter ?? quarterInLines(layout.titleLines);
  const given = resolveSet(options.targetSet);
  const valueHeaders = layout.columns.filter((c) => c.role === 'value');
  const fit = chooseUnitTableSet(layout, given, options.targetSets, sheetQuarter);
  const resolved = fit?.columns ?? [];
  const withIndicator = resolved.filter((c) => c.column.role === 'value' && c.indicator);
  if (withIndicator.length === 0) {
    const saysResult = valueHeaders.some((c) => c.saysResult);
    const missing: UnitTableMissing[] = saysResult ? ['indicator'] : ['result-column'];
    return { kind: 'missing', missing, ...(given ? { targetSet: given } : {}) };
  }
  const set = fit?.set as TargetSet;

  // Quarters: the column's own, else the one the title names (or the option); columns of later
  // quarters than the one given are not checked.
  const values: ValueColumn[] = [];
  let noQuarter = false;
  for (const r of withIndicator) {
    const quarter = r.column.quarter ?? sheetQuarter;
    if (quarter === undefined) {
      noQuarter = true;
      continue;
    }
    if (options.quarter !== undefined && quarter > options.quarter) continue;
    values.push({ resolved: r, indicator: r.indicator as Indicator, quarter });
  }
  const context: Mutable<CheckContext> = {
    targetSetId: set.id,
    sources: {
      targetSet: given ? 'option' : 'content',
      ...(sheetQuarter !== undefined || values.length > 0
        ? { quarter: quarterSource(options, layout) }
        : {}),
    },
  };
  const notices: SheetNotice[] = [];
  if (fit && fit.others.length > 0)
    notices.push({
      code: 'target-set-chosen',
      targetSetId: set.id,
      why: fit.why ?? 'rows',
      others: fit.others,
    });
  const info = tableInfo(view, layout, resolved, sheetQuarter);
  if (noQuarter) {
    return {
      kind: 'check',
      result: {
        ...(view.grid.name === undefined ? {} : { sheet: view.grid.name }),
        status: 'needs-input',
        needs: ['quarter'],
        context,
        targetSet: set,
        layout: annexLayout(view, layout, resolved),
        unitTable: { ...info, units: [] },
        findings: [],
        notices,
        summary: summarise([]),
        markPlan: noMarks(view.grid),
      },
    };
  }
  const quarter = Math.max(...values.map((v) => v.quarter)) as Quarter;
  context.quarter = quarter;

  const targets: TargetColumn[] = [];
  const only = new Set(values.map((v) => v.indicator.id));
  for (const r of resolved) {
    if (r.column.role !== 'target') continue;
    const indicator = r.indicator ?? (only.size === 1 ? values[0]?.indicator : undefined);
    if (!indicator) continue;
    const quarters = new Set(
      values.filter((v) => v.indicator.id === indicator.id).map((v) => v.quarter),
    );
    const q = r.column.quarter ?? (quarters.size === 1 ? [...quarters][0] : sheetQuarter);
    if (r.column.annual) targets.push({ resolved: r, indicator });
    else if (q !== undefined) targets.push({ resolved: r, indicator, quarter: q });
  }

  const ids = set.indicators.filter((i) => only.has(i.id)).map((i) => i.id);
  const narrow = narrowSet(set, ids);
  const nearMissBand = Math.max(0, options.nearMissBand ?? 0);
  const sheet = view.grid.name;
  const orow = view.grid.origin?.row ?? 0;
  const ocol = view.grid.origin?.column ?? 0;
  const marks = options.marks !== false;
  const slots: Slot[] = [];
  // (made only for the mark plan: otherwise a finding is not held once it is kept)
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = [];
  const mismatches: { finding: TargetMismatchFinding<string>; at: Slot }[] = [];
  const targetWatch: WatchedCell[] = [];
  // Kept as each unit's are made (compactly once they are many: a province's communes, a national
  // export, a million findings and more), and counted.
  const kept = new FindingKeeper();
  const tally = new Tally();
  const keep = (f: SheetFinding): void => {
    tally.add(f);
    kept.add(f);
  };
  const units: TableUnit[] = [];
  let groupLevel: string | undefined;

  const allValues: AchievedValue<number>[] = [];
  type Read =
    | { readonly ask: SheetFinding }
    | {
        readonly row: UnitTableLayout['rows'][number];
        readonly unit: FindingUnit;
        readonly level: string;
        readonly name: string;
        readonly mine: readonly { slot: number; column: number }[];
      };
  const read: Read[] = [];
  for (const row of layout.rows) {
    if (row.kind === 'group') {
      groupLevel = levelNamed(row.name, set);
      continue;
    }
    if (row.kind === 'total') continue;
    const name = officialUnitName(row.name);
    const sheetRow = view.sheetRow(row.row);
    let level: string | undefined;
    let levelFrom: UnitLevelSource | undefined;
    const fromColumn = row.levelText === '' ? undefined : levelNamed(row.levelText, set);
    const fromName = levelFromName(name, set);
    // The row's own "Cấp", then what its name says, then the heading of its group.
    if (fromColumn !== undefined) [level, levelFrom] = [fromColumn, 'column'];
    else if (fromName !== undefined) [level, levelFrom] = [fromName, 'name'];
    else if (groupLevel !== undefined) [level, levelFrom] = [groupLevel, 'group'];
    else if (options.level !== undefined) [level, levelFrom] = [options.level, 'option'];
    const unit: FindingUnit =
      level === undefined ? { name, row: sheetRow } : { name, level, row: sheetRow };
    units.push(levelFrom === undefined ? unit : { ...unit, levelFrom });
    const unitColumn = layout.columns.find((c) => c.role === 'unit')?.column ?? 0;
    if (level === undefined) {
      const ask: Mutable<UnrecognisedRowFinding & SheetFinding> = {
        code: 'unrecognised-row',
        text: name,
        row: sheetRow,
        needs: 'level',
        cell: view.address(row.row, unitColumn),
        forUnit: unit,
      };
      if (row.stt !== '') ask.stt = row.stt;
      if (sheet !== undefined) ask.sheet = sheet;
      read.push({ ask: ask as SheetFinding });
      continue;
    }

    // The unit's values, one slot each (judged once every unit's are read: their columns' scale).
    const mine: { slot: number; column: number }[] = [];
    for (const v of values) {
      const column = v.resolved.column.column;
      const cell = view.cell(row.row, column);
      const slot = slots.length;
      slots.push({ row: row.row, column, cell, a1: view.address(row.row, column) });
      findingOfSlot.push(undefined);
      mine.push({ slot, column });
      allValues.push({
        indicatorId: v.indicator.id,
        quarter: v.quarter,
        value: parseIndicatorValue(cell ?? { value: null }, v.indicator),
        ref: slot,
      });
    }
    read.push({ row, unit, level, name, mine });
  }

  // Numbers typed as fractions (0.761 for 76,1 %) in a column of a percentage: an annex's rules.
  const percentIds = new Set(
    values.filter((v) => v.indicator.unit.kind === 'percent').map((v) => v.indicator.id),
  );
  const scales = inferColumnScales(allValues, slots, percentIds);
  notices.push(...scales.notices);

  for (const entry of read) {
    if ('ask' in entry) {
      keep(entry.ask);
      continue;
    }
    const { row, unit, level, name, mine } = entry;
    const achieved = mine.map((m) => allValues[m.slot] as AchievedValue<number>);
    const evaluated = evaluateForSheet({
      targetSet: narrow,
      unit: { level, name },
      quarter,
      values: achieved,
      options: { nearMissBand },
    });
    const placed: { finding: SheetFinding; column: number }[] = [];
    const blankNotApplicable = new Map<string, NotApplicableFinding<number>>();
    const said = new Set<string>();
    for (const f of evaluated) {
      if (f.ref === undefined) continue; // absent quarters and indicators: not this table's
      const slot = slots[f.ref] as Slot;
      if (f.code === 'not-applicable' && isEmptyCell(slot.cell)) {
        blankNotApplicable.set(f.indicatorId, f);
        continue;
      }
      said.add(f.indicatorId);
      if (marks) findingOfSlot[f.ref] = f;
      placed.push({ finding: locate(f, slot.a1, sheet, unit), column: slot.column });
      // "76,1%/40%": the target written after the value, against the official one.
      const v = values.find((x) => x.resolved.column.column === slot.column) as ValueColumn;
      const written = targetInCell(slot.cell, v.indicator);
      if (written !== undefined && 'minimum' in f && f.minimum) {
        const mismatch = targetMismatch<string>({
          indicator: v.indicator,
          targetRow: f.targetRow,
          quarter: v.quarter,
          official: f.minimum.value,
          value: written,
          raw: slot.cell?.value ?? null,
        });
        if (mismatch)
          placed.push({ finding: locate(mismatch, slot.a1, sheet, unit), column: slot.column });
      }
    }
    // Targets written in their own columns ("Chỉ tiêu giao").
    for (const t of targets) {
      const column = t.resolved.column.column;
      const cell = view.cell(row.row, column);
      if (isEmptyCell(cell)) continue;
      const choice = applicableRow(t.indicator, { level, name });
      if (!choice.row || choice.index === undefined) continue;
      const official =
        t.quarter === undefined
          ? choice.row.annual === undefined || choice.row.annual === null
            ? undefined
            : targetValue(choice.row.annual)
          : minimumFor(t.indicator, choice.row, t.quarter)?.value;
      if (official === undefined) continue;
      const parsed = parseIndicatorValue(cell as Cell, t.indicator);
      if (parsed.kind !== 'number') continue;
      const at: Slot = { row: row.row, column, cell, a1: view.address(row.row, column) };
      const mismatch = targetMismatch<string>({
        indicator: t.indicator,
        targetRow: choice.index,
        quarter: t.quarter,
        official,
        value: parsed.value,
        raw: cell?.value ?? null,
      });
      if (!mismatch) continue;
      mismatches.push({ finding: mismatch, at });
      targetWatch.push({
        row: row.row + orow,
        column: column + ocol,
        percent: isPercentFormat(cell?.numberFormat),
        official,
        numberFormat: cell?.numberFormat,
        pinned:
          typeof cell?.value === 'string'
            ? { status: 'target-mismatch', text: cell.value.trim() }
            : undefined,
      });
      placed.push({ finding: locate(mismatch, at.a1, sheet, unit), column });
    }
    placed.sort((a, b) => a.column - b.column);
    for (const p of placed) keep(p.finding);
    // An indicator not for this unit whose cells are blank: said once, without a cell.
    for (const [id, f] of blankNotApplicable) {
      if (said.has(id)) continue;
      said.add(id);
      const na: Mutable<NotApplicableFinding & SheetFinding> = {
        code: 'not-applicable',
        indicatorId: id,
        reason: f.reason,
        forUnit: unit,
      };
      if (f.appliesTo) na.appliesTo = f.appliesTo;
      if (sheet !== undefined) na.sheet = sheet;
      keep(na as SheetFinding);
    }
  }

  const markPlan = !marks
    ? noMarks(view.grid)
    : planMarks({
        view,
        set: narrow,
        slots,
        findingOfSlot,
        mismatches,
        targetWatch,
        nearMissBand,
        fractionColumns: scales.fractionColumns,
      });
  return {
    kind: 'check',
    result: kept.check<SheetCheck>({
      ...(sheet === undefined ? {} : { sheet }),
      status: 'checked',
      needs: [],
      context,
      targetSet: set,
      layout: annexLayout(view, layout, resolved),
      unitTable: { ...info, units },
      notices: inNoticeOrder(notices),
      summary: tally.summary(),
      markPlan,
    }),
  };
}

/** Where the quarter checked came from. */
function quarterSource(options: CheckSheetOptions, layout: UnitTableLayout): ContextSource {
  if (options.quarter !== undefined) return 'option';
  return quarterInLines(layout.titleLines) !== undefined ? 'title' : 'content';
}

/** A finding completed with its cell, sheet and unit, in place (the engine's own fresh object). */
function locate(
  f: EvaluationFinding<number> | TargetMismatchFinding<string>,
  cell: string,
  sheet: string | undefined,
  unit: FindingUnit,
): SheetFinding {
  const located = f as Mutable<SheetFinding> & { ref?: unknown };
  located.ref = undefined;
  located.cell = cell;
  if (sheet !== undefined) located.sheet = sheet;
  located.forUnit = unit;
  return located as SheetFinding;
}

function letterOf(view: SheetView, column: number): string {
  return columnName(column + (view.grid.origin?.column ?? 0));
}

/** The table's header and columns as data (its units are added by the check). */
function tableInfo(
  view: SheetView,
  layout: UnitTableLayout,
  resolved: readonly ResolvedColumn[],
  sheetQuarter: Quarter | undefined,
): Omit<UnitTableInfo, 'units'> {
  const byColumn = new Map(resolved.map((r) => [r.column.column, r]));
  return {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns: layout.columns.map((c) => {
      const r = byColumn.get(c.column);
      const quarter = c.role === 'value' ? (c.quarter ?? sheetQuarter) : c.quarter;
      return {
        letter: letterOf(view, c.column),
        role: c.role,
        header: c.header,
        ...(r?.indicator ? { indicatorId: r.indicator.id } : {}),
        ...(quarter !== undefined ? { quarter } : {}),
      };
    }),
  };
}

/** The table as an annex's layout, for shells that show one: header rows, columns, title. */
function annexLayout(
  view: SheetView,
  layout: UnitTableLayout,
  resolved: readonly ResolvedColumn[],
): AnnexLayout {
  const roles: Record<string, ColumnRole> = {
    stt: 'stt',
    unit: 'name',
    value: 'result',
    target: 'minimum',
  };
  const byColumn = new Map(resolved.map((r) => [r.column.column, r]));
  const columns: AnnexColumn[] = [];
  for (const c of layout.columns) {
    const role = c.role === 'target' && c.annual ? 'annual' : roles[c.role];
    if (!role) continue;
    if ((c.role === 'value' || c.role === 'target') && !byColumn.get(c.column)?.indicator) continue;
    columns.push({
      column: c.column,
      letter: letterOf(view, c.column),
      role,
      ...(c.quarter ? { quarter: c.quarter } : {}),
      header: c.header,
    });
  }
  return {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns,
    rows: [],
    titleLines: layout.titleLines,
  };
}
