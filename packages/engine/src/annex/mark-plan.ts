/**
 * Step 6 of a check: the mark plan. Every due achieved cell of the unit is watched by the rules,
 * so colours follow edits; the cells with a status to show now are listed, each with its finding
 * (a shell words the note from it), grouped by status in `MARK_STATUSES` order.
 */
import type { EvaluationFinding, TargetMismatchFinding } from '../findings.js';
import type { Mutable } from '../mutable.js';
import { isPercentFormat } from '../parse/number-format.js';
import type { TargetSet } from '../schema.js';
import { MARK_STATUSES, markStatusOf } from '../status.js';
import type { SheetFinding } from './check.js';
import type { Placed, Slot } from './locate.js';
import {
  buildRules,
  type MarkedCell,
  type MarkGroup,
  type MarkPlan,
  scaleFor,
  type WatchedCell,
} from './marks.js';
import type { SheetView } from './sheet.js';

const PERCENT_BOUNDS = { min: 0, max: 100 } as const;

export interface MarkInput {
  readonly view: SheetView;
  readonly set: TargetSet;
  readonly slots: readonly Slot[];
  /** The evaluation finding of each slot, located (by slot index). */
  readonly findingOfSlot: readonly (EvaluationFinding<number> | undefined)[];
  readonly mismatches: readonly Placed<TargetMismatchFinding<string>>[];
  /** The altered target cells (from the targets step). */
  readonly targetWatch: readonly WatchedCell[];
  readonly nearMissBand: number;
  /** Results columns typed as fractions (`scale.ts`): their numbers are on a percent cell's scale. */
  readonly fractionColumns?: ReadonlySet<number>;
}

export function planMarks(input: MarkInput): MarkPlan {
  const { view, set, slots, findingOfSlot, fractionColumns } = input;
  const orow = view.grid.origin?.row ?? 0;
  const ocol = view.grid.origin?.column ?? 0;
  const marked: MarkedCell[] = [];
  const columnPercent = percentByColumn(slots);
  const columnFormat = formatByColumn(slots);
  const boundsOf = new Map<string, { min: number; max: number } | undefined>();
  for (const ind of set.indicators) {
    boundsOf.set(
      ind.id,
      ind.unit.kind === 'percent'
        ? PERCENT_BOUNDS
        : ind.unit.kind === 'points'
          ? { min: 0, max: ind.unit.max }
          : undefined,
    );
  }
  const achievedWatch: WatchedCell[] = [];
  for (let i = 0; i < slots.length; i++) {
    const at = slots[i] as Slot;
    const f = findingOfSlot[i];
    // Cells the unit need not fill (another agency's indicator) are not watched.
    if (!f || f.code === 'not-applicable') continue;
    // A number's own format decides its scale; a blank or text cell takes a percent format of
    // its own, or else its column's usual scale (what Excel gives a number typed there later).
    // A column typed as fractions (0.86 for 86 %) is on that scale too, whatever its format.
    const ownPercent =
      isPercentFormat(at.cell?.numberFormat) || (fractionColumns?.has(at.column) ?? false);
    const percent =
      typeof at.cell?.value === 'number'
        ? ownPercent
        : ownPercent || (columnPercent.get(at.column) ?? false);
    const minimum = 'minimum' in f ? f.minimum : undefined;
    const raw = at.cell?.value;
    const status = markStatusOf(f);
    const pinnedText =
      status && typeof raw === 'string' && at.cell?.type !== 'error' ? raw.trim() : '';
    // The format the symbol wraps: the cell's own; a blank or text cell without one of its own
    // (General, Text) takes its column's usual one, on its scale.
    const own = at.cell?.numberFormat;
    const plainOwn = own === undefined || own === '' || own === 'General' || own === '@';
    const usual = columnFormat.get(at.column);
    const wrapped =
      typeof raw === 'number' || !plainOwn
        ? own
        : usual !== undefined && isPercentFormat(usual) === percent
          ? usual
          : undefined;
    achievedWatch.push({
      row: at.row + orow,
      column: at.column + ocol,
      percent,
      bounds: boundsOf.get(f.indicatorId),
      numberFormat: wrapped,
      minimum,
      pinned: status && pinnedText !== '' ? { status, text: pinnedText } : undefined,
      // A number of ambiguous scale stays marked invalid until it is retyped.
      pinnedNumber:
        status === 'invalid-value' &&
        typeof raw === 'number' &&
        f.code === 'invalid-value' &&
        f.reason === 'ambiguous-scale'
          ? { status, value: raw }
          : undefined,
    });
    if (status) {
      const cell: Mutable<MarkedCell> = {
        cell: at.a1,
        row: at.row + orow,
        column: at.column + ocol,
        status,
        finding: f as unknown as SheetFinding,
        indicatorId: f.indicatorId,
        quarter: f.quarter,
      };
      if (minimum)
        cell.minimum = { comparator: minimum.comparator, value: scaleFor(minimum.value, percent) };
      marked.push(cell);
    }
  }
  for (const { finding, at } of input.mismatches) {
    const cell: Mutable<MarkedCell> = {
      cell: at.a1,
      row: at.row + orow,
      column: at.column + ocol,
      status: 'target-mismatch',
      finding: finding as unknown as SheetFinding,
      indicatorId: finding.indicatorId,
      minimum: {
        comparator: 'at-least',
        value: scaleFor(finding.official, isPercentFormat(at.cell?.numberFormat)),
      },
    };
    if (finding.quarter) cell.quarter = finding.quarter;
    marked.push(cell);
  }
  const address = (row: number, column: number) => view.address(row - orow, column - ocol);
  const groups: MarkGroup[] = MARK_STATUSES.map((status) => ({
    status,
    cells: marked.filter((c) => c.status === status),
  })).filter((g) => g.cells.length > 0);
  const sheet = view.grid.name;
  return {
    ...(sheet === undefined ? {} : { sheet }),
    groups,
    rules: buildRules(achievedWatch, input.targetWatch, input.nearMissBand, address),
  };
}

/** The number format most numbers of a column have (the first seen of the most common). */
function formatByColumn(slots: readonly Slot[]): Map<number, string> {
  const tally = new Map<number, Map<string, number>>();
  for (const at of slots) {
    const format = at.cell?.numberFormat;
    if (!at.cell || typeof at.cell.value !== 'number' || format === undefined) continue;
    let t = tally.get(at.column);
    if (!t) {
      t = new Map();
      tally.set(at.column, t);
    }
    t.set(format, (t.get(format) ?? 0) + 1);
  }
  const out = new Map<number, string>();
  for (const [column, t] of tally) {
    let best: string | undefined;
    let most = 0;
    for (const [format, n] of t)
      if (n > most) {
        best = format;
        most = n;
      }
    if (best !== undefined) out.set(column, best);
  }
  return out;
}

/** Whether most filled cells of a column are percent-formatted: the scale for its blank cells. */
function percentByColumn(slots: readonly Slot[]): Map<number, boolean> {
  const tally = new Map<number, { percent: number; plain: number }>();
  for (const at of slots) {
    if (!at.cell || typeof at.cell.value !== 'number') continue;
    let t = tally.get(at.column);
    if (!t) {
      t = { percent: 0, plain: 0 };
      tally.set(at.column, t);
    }
    if (isPercentFormat(at.cell.numberFormat)) t.percent++;
    else t.plain++;
  }
  return new Map([...tally.entries()].map(([c, t]) => [c, t.percent > t.plain]));
}
