/**
 * Step 3 of a check: the targets written in the sheet against the official ones. A target the
 * sheet alters (a lowered minimum, say) is a finding, and its cell is watched so that the mark
 * goes away when the official value is restored. Values are still judged against the official
 * targets.
 */
import type { Cell } from '../cell.js';
import { parseIndicatorValue } from '../evaluate.js';
import type { Quarter, TargetMismatchFinding } from '../findings.js';
import { isPercentFormat } from '../parse/number-format.js';
import type { ParsedValue } from '../parse/types.js';
import type { Indicator, TargetNumber } from '../schema.js';
import { targetValue } from '../target-value.js';
import type { Matched } from './choose-set.js';
import type { AnnexColumn, Layout } from './layout.js';
import type { Placed } from './locate.js';
import type { WatchedCell } from './marks.js';
import { isEmptyCell, type SheetView } from './sheet.js';

export interface ComparedTargets {
  /** How many targets written in the sheet (non-empty cells, read as numbers) were compared. */
  readonly compared: number;
  readonly mismatches: Placed<TargetMismatchFinding<string>>[];
  /** The altered target cells, for the mark plan's rules. */
  readonly watch: WatchedCell[];
}

/** What a target-mismatch finding is made of: a target written in a sheet and the official one. */
export interface MismatchInput<Ref> {
  readonly indicator: Indicator;
  /** The official target row (of `indicator.targets`) the written target is compared with. */
  readonly targetRow?: number;
  readonly ref?: Ref;
  /** The quarter of a minimum; `undefined` for the annual target. */
  readonly quarter?: Quarter;
  /** The official value and the written one, in the indicator's unit. */
  readonly official: number;
  readonly value: number;
  /** The cell's content as written. */
  readonly raw: string | number | boolean | null;
}

/**
 * The finding for a target written in a sheet (an annex's target columns, a unit table's "Chỉ
 * tiêu giao" or "76,1%/40%"), or `undefined` when it is the official one. One builder for every
 * kind of table, so a finding's fields (and their order in JSON) do not depend on the table.
 */
export function targetMismatch<Ref>(
  input: MismatchInput<Ref>,
): TargetMismatchFinding<Ref> | undefined {
  const { indicator, targetRow, ref, quarter, official, value } = input;
  if (isOfficialTarget(value, official)) return undefined;
  const lowerBetter = indicator.direction === 'lower-is-better';
  return {
    code: 'target-mismatch',
    indicatorId: indicator.id,
    ...(targetRow === undefined ? {} : { targetRow }),
    ...(ref === undefined ? {} : { ref }),
    target: quarter === undefined ? 'annual' : 'quarterly',
    official,
    value,
    lowered: lowerBetter ? value > official : value < official,
    unit: indicator.unit,
    raw: input.raw,
    ...(quarter === undefined ? {} : { quarter }),
  };
}

/** Whether a target written in a sheet is the official one (to within rounding noise). */
export function isOfficialTarget(value: number, official: number): boolean {
  return Math.abs(value - official) < 1e-9;
}

/**
 * Target cells read as percents, by cell: a sheet's reader shares one cell object between the
 * cells of one value and style, and when two target sets contend for a sheet both read its
 * target cells (most indicators are percents, read the same whatever the indicator).
 */
const PERCENT_TARGETS = new WeakMap<Cell, ParsedValue>();

function targetCellValue(cell: Cell, indicator: Indicator): ParsedValue {
  if (indicator.unit.kind !== 'percent') return parseIndicatorValue(cell, indicator);
  let parsed = PERCENT_TARGETS.get(cell);
  if (parsed === undefined) {
    parsed = parseIndicatorValue(cell, indicator);
    PERCENT_TARGETS.set(cell, parsed);
  }
  return parsed;
}

export function compareTargets(view: SheetView, layout: Layout, matched: Matched): ComparedTargets {
  const mismatches: Placed<TargetMismatchFinding<string>>[] = [];
  const watch: WatchedCell[] = [];
  let annualCol: AnnexColumn | undefined;
  const minimumCols: AnnexColumn[] = [];
  for (const c of layout.columns) {
    if (c.role === 'annual') annualCol ??= c;
    else if (c.role === 'minimum' && c.quarter !== undefined) minimumCols.push(c);
  }
  let compared = 0;
  if (!annualCol && minimumCols.length === 0) return { compared, mismatches, watch };
  const orow = view.grid.origin?.row ?? 0;
  const ocol = view.grid.origin?.column ?? 0;
  /** One target written in the sheet against the official one; counted when read as a number. */
  const compare = (
    r: number,
    col: AnnexColumn,
    target: TargetNumber | null | undefined,
    q: Quarter | undefined,
    indicator: Indicator,
    targetRow: number,
  ): void => {
    if (target === null || target === undefined) return;
    const cell = view.cell(r, col.column);
    if (isEmptyCell(cell)) return;
    const parsed = targetCellValue(cell as Cell, indicator);
    if (parsed.kind !== 'number') return;
    compared++;
    const expected = targetValue(target);
    if (isOfficialTarget(parsed.value, expected)) return;
    const a1 = view.address(r, col.column);
    const mismatch = targetMismatch({
      indicator,
      targetRow,
      ref: a1,
      quarter: q,
      official: expected,
      value: parsed.value,
      raw: parsed.raw,
    });
    if (!mismatch) return;
    mismatches.push({ finding: mismatch, at: { row: r, column: col.column, cell, a1 } });
    watch.push({
      row: r + orow,
      column: col.column + ocol,
      percent: isPercentFormat(cell?.numberFormat),
      official: expected,
      numberFormat: cell?.numberFormat,
      pinned:
        typeof cell?.value === 'string'
          ? { status: 'target-mismatch', text: cell.value.trim() }
          : undefined,
    });
  };
  for (const block of layout.blocks) {
    const m = matched.get(block.index);
    if (!m) continue;
    const { indicator } = m;
    const rows = m.rows;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      const targetRow = m.targetRows[k];
      const official = targetRow === undefined ? undefined : indicator.targets[targetRow];
      if (!official || targetRow === undefined) continue;
      if (annualCol) compare(r, annualCol, official.annual, undefined, indicator, targetRow);
      for (const c of minimumCols)
        compare(
          r,
          c,
          official.quarterly?.[(c.quarter as Quarter) - 1],
          c.quarter,
          indicator,
          targetRow,
        );
    }
  }
  return { compared, mismatches, watch };
}
