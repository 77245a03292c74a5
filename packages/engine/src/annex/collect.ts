/**
 * Step 4 of a check: the achieved values to judge. The unit's own row of each indicator is read
 * in every results column due by the quarter checked; each cell read is a slot, and the value's
 * `ref` is the slot's index, so findings lead back to their cell without maps keyed by strings
 * (a consolidated sheet has 160,000 values). Values written in another level's row are not the
 * unit's: they are not applicable. Table rows that match no indicator are reported as such.
 */
import type { Cell } from '../cell.js';
import {
  type AchievedValue,
  applicableRow,
  parseIndicatorValue,
  type UnitRef,
} from '../evaluate.js';
import type { NotApplicableFinding, Quarter, UnrecognisedRowFinding } from '../findings.js';
import type { Matched } from './choose-set.js';
import { resultColumns } from './context.js';
import type { Layout } from './layout.js';
import type { Placed, Slot } from './locate.js';
import { type ColumnScales, inferScales } from './scale.js';
import { isEmptyCell, type SheetView } from './sheet.js';

export interface Collected {
  /** The cells read, in reading order; `values[i].ref === i`. */
  readonly slots: Slot[];
  readonly values: AchievedValue<number>[];
  /** The quarters the sheet has a results column for, up to the one checked. */
  readonly due: Set<Quarter>;
  readonly notApplicable: Placed<NotApplicableFinding<string>>[];
  readonly unrecognised: Placed<UnrecognisedRowFinding<string>>[];
  /** The results columns typed as fractions (0.86 for 86 %), read so (`scale.ts`). */
  readonly scales: ColumnScales;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY: Cell = { value: null };

export function collectValues(
  view: SheetView,
  layout: Layout,
  matched: Matched,
  unit: UnitRef,
  checked: Quarter,
): Collected {
  const columns = resultColumns(layout);
  // A results column without a quarter holds "the" result: the quarter checked.
  const quarterOf = (quarter: Quarter | undefined): Quarter => quarter ?? checked;
  const due = new Set<Quarter>();
  for (const col of columns) {
    const q = quarterOf(col.quarter);
    if (q <= checked) due.add(q);
  }
  const slots: Slot[] = [];
  const values: AchievedValue<number>[] = [];
  const notApplicable: Placed<NotApplicableFinding<string>>[] = [];
  const unrecognised: Placed<UnrecognisedRowFinding<string>>[] = [];
  const nameCol = layout.columns.find((c) => c.role === 'name')?.column ?? 0;

  for (const block of layout.blocks) {
    const m = matched.get(block.index);
    if (!m) {
      const r = block.rows[0] ?? 0;
      const a1 = view.address(r, nameCol);
      const f: Mutable<UnrecognisedRowFinding<string>> = {
        code: 'unrecognised-row',
        text: block.text,
        row: view.sheetRow(r),
        ref: a1,
      };
      if (block.stt) f.stt = block.stt;
      unrecognised.push({ finding: f, at: { row: r, column: nameCol, cell: undefined, a1 } });
      continue;
    }
    const { indicator } = m;
    const choice = applicableRow(indicator, unit);
    m.rows.forEach((r, k) => {
      const targetRow = m.targetRows[k];
      const official = targetRow === undefined ? undefined : indicator.targets[targetRow];
      // The unit's own row(s) are evaluated; with no row for the unit, every filled value is
      // judged (and found not applicable by the evaluation).
      const isUnitRow = choice.index !== undefined && targetRow === choice.index;
      for (const col of columns) {
        const q = quarterOf(col.quarter);
        if (q > checked) continue;
        const cell = view.cell(r, col.column);
        if (isUnitRow || (choice.index === undefined && !isEmptyCell(cell))) {
          const ref = slots.length;
          slots.push({ row: r, column: col.column, cell, a1: view.address(r, col.column) });
          values.push({
            indicatorId: indicator.id,
            quarter: q,
            value: parseIndicatorValue(cell ?? EMPTY, indicator),
            ref,
          });
        } else if (!isEmptyCell(cell) && official) {
          const a1 = view.address(r, col.column);
          const na: NotApplicableFinding<string> = {
            code: 'not-applicable',
            indicatorId: indicator.id,
            quarter: q,
            reason: 'level',
            ref: a1,
            appliesTo: { levels: official.appliesTo.levels, agencies: official.appliesTo.agencies },
          };
          notApplicable.push({ finding: na, at: { row: r, column: col.column, cell, a1 } });
        }
      }
    });
  }
  // The scale of each results column: fractions typed without a % format (scale.ts).
  const scales = inferScales(values, slots, matched);
  return { slots, values, due, notApplicable, unrecognised, scales };
}
