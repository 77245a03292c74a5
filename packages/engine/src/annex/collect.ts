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
  notApplicableWith,
  parseIndicatorValue,
  type UnitRef,
} from '../evaluate.js';
import type {
  EvaluationFinding,
  NotApplicableFinding,
  Quarter,
  UnrecognisedRowFinding,
} from '../findings.js';
import type { Mutable } from '../mutable.js';
import type { ParsedValue } from '../parse/types.js';
import type { TargetSet } from '../schema.js';
import type { Matched } from './choose-set.js';
import { resultColumns } from './context.js';
import type { Layout } from './layout.js';
import { type Placed, type Slot, SlotPlaces } from './locate.js';
import type { ValuesNotAssignedNotice } from './notices.js';
import { type ColumnScales, inferScales } from './scale.js';
import { isEmptyCell, type SheetView } from './sheet.js';

export interface Collected {
  /** The cells read, in reading order; `values[i].ref === i`. */
  readonly slots: Slot[];
  /** Where each slot is, without the slots (`locateFindings`). */
  readonly places: SlotPlaces;
  readonly values: AchievedValue<number>[];
  /** The quarters the sheet has a results column for, up to the one checked. */
  readonly due: Set<Quarter>;
  /** Values on rows that are not the unit's; `placeholder` when what was typed says "no data" ("-", "N/A"). */
  readonly notApplicable: (Placed<NotApplicableFinding<string>> & {
    readonly placeholder: boolean;
  })[];
  readonly unrecognised: Placed<UnrecognisedRowFinding<string>>[];
  /** The results columns typed as fractions (0.86 for 86 %), read so (`scale.ts`). */
  readonly scales: ColumnScales;
}

const EMPTY: Cell = { value: null };

/**
 * One cell read for the unit: the value to judge and where it is, in one object (`values[i]`
 * and `slots[i]` are the same): a consolidated sheet reads 160,000 to 1,500,000 of them, and a
 * value, its place and its A1 text each an object of their own cost three times the memory.
 * The A1 address is made when asked for (a finding's cell, a mark), not kept.
 */
class CellRead implements AchievedValue<number>, Slot {
  constructor(
    readonly indicatorId: string,
    readonly quarter: Quarter,
    readonly value: ParsedValue,
    readonly ref: number,
    readonly row: number,
    readonly column: number,
    readonly cell: Cell | undefined,
    private readonly view: SheetView,
  ) {}
  get a1(): string {
    return this.view.address(this.row, this.column);
  }
}

/** Columns per row in a sort key (Excel has 16,384). */
const COLUMNS = 16_384;

/** Distinct cells parsed at most per sheet and unit (`Parsed`). */
const PARSED_CELLS = 1 << 16;

/**
 * Cells parsed for one unit of measure (one `parseIndicatorValue` expectation), by cell: a
 * reader that shares equal cells (`@chitieu/xlsx` does) gets one parsed value per distinct cell,
 * shared by every value that holds it (parsed values are read-only data, like cells). Cells that
 * are all different (a host that makes one object per cell) turn the map off after a while.
 */
class Parsed {
  private readonly byCell = new Map<Cell, ParsedValue>();
  private misses = 0;
  private hits = 0;
  private on = true;
  constructor(private readonly indicator: TargetSet['indicators'][number]) {}
  of(cell: Cell): ParsedValue {
    if (!this.on) return parseIndicatorValue(cell, this.indicator);
    const known = this.byCell.get(cell);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    const parsed = parseIndicatorValue(cell, this.indicator);
    this.misses++;
    if (this.byCell.size < PARSED_CELLS) this.byCell.set(cell, parsed);
    if (this.misses >= 4096 && this.hits < this.misses) {
      this.on = false;
      this.byCell.clear();
    }
    return parsed;
  }
}

/** The `Parsed` of each unit of measure (parsing depends on the indicator's unit only). */
function parsedFor(cache: Map<string, Parsed>, indicator: TargetSet['indicators'][number]): Parsed {
  const unit = indicator.unit;
  const key = unit.kind === 'points' ? `points/${unit.max}` : unit.kind;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = new Parsed(indicator);
    cache.set(key, parsed);
  }
  return parsed;
}

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
  // The results columns due, and their quarters, in the layout's order (read for every row).
  const dueColumns: number[] = [];
  const dueQuarters: Quarter[] = [];
  for (const col of columns) {
    const q = quarterOf(col.quarter);
    if (q > checked) continue;
    due.add(q);
    dueColumns.push(col.column);
    dueQuarters.push(q);
  }
  const reads: CellRead[] = [];
  const parsedByUnit = new Map<string, Parsed>();
  const notApplicable: Collected['notApplicable'] = [];
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
    const parsed = parsedFor(parsedByUnit, indicator);
    const rows = m.rows;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      const targetRow = m.targetRows[k];
      const official = targetRow === undefined ? undefined : indicator.targets[targetRow];
      // The unit's own row(s) are evaluated; with no row for the unit, every filled value is
      // judged (and found not applicable by the evaluation).
      const isUnitRow = choice.index !== undefined && targetRow === choice.index;
      // whom the row is for: one object for its not-applicable findings
      let appliesTo: NotApplicableFinding['appliesTo'];
      for (let c = 0; c < dueColumns.length; c++) {
        const column = dueColumns[c] as number;
        const q = dueQuarters[c] as Quarter;
        const cell = view.cell(r, column);
        if (isUnitRow || (choice.index === undefined && !isEmptyCell(cell))) {
          const value = parsed.of(cell ?? EMPTY);
          reads.push(new CellRead(indicator.id, q, value, reads.length, r, column, cell, view));
        } else if (!isEmptyCell(cell) && official) {
          // A value on another level's row: not the unit's, but kept, never dropped.
          const a1 = view.address(r, column);
          const value = parsed.of(cell ?? EMPTY);
          appliesTo ??= {
            levels: official.appliesTo.levels,
            agencies: official.appliesTo.agencies,
          };
          const na = notApplicableWith<string>(
            indicator.id,
            q,
            official.appliesTo.levels.length === 0 ? 'agency' : 'level',
            appliesTo,
            a1,
            value,
            undefined,
          );
          notApplicable.push({
            finding: na,
            at: { row: r, column, cell, a1 },
            placeholder: value.kind === 'missing',
          });
        }
      }
    }
  }
  // The same objects, in two arrays: the scales may put a new value in `values[i]` (never in `slots`).
  const slots: Slot[] = reads;
  const values: AchievedValue<number>[] = reads.slice();
  // The scale of each results column: fractions typed without a % format (scale.ts).
  const scales = inferScales(values, slots, matched);
  const places = SlotPlaces.of(slots, (row, column) => view.address(row, column));
  return { slots, places, values, due, notApplicable, unrecognised, scales };
}

/**
 * Values typed on rows whose targets the set does not assign to the unit (its level, or named
 * agencies it is not) never vanish: each evaluated not-applicable finding of a cell gets the
 * value read there (in place: they are the evaluation's fresh objects), and the sheet gets one
 * `values-not-assigned` notice with their cells, in sheet order, and whom those rows are for.
 */
export function keepValuesNotAssigned(
  evaluated: readonly EvaluationFinding<number>[],
  collected: Collected,
  set: TargetSet,
  level: string,
): ValuesNotAssignedNotice | undefined {
  // What is kept, in three lists (an object per cell was most of this step's garbage on a
  // consolidated sheet, a million cells): each cell's sheet order key, its A1 text, its finding.
  const keys: number[] = [];
  const cells: string[] = [];
  const kept: NotApplicableFinding<unknown>[] = [];
  const keep = (row: number, column: number, a1: string, f: NotApplicableFinding<unknown>) => {
    keys.push(row * COLUMNS + column);
    cells.push(a1);
    kept.push(f);
  };
  const findings = evaluated as EvaluationFinding<number>[];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as EvaluationFinding<number>;
    if (f.code !== 'not-applicable' || f.ref === undefined) continue;
    if (f.reason !== 'level' && f.reason !== 'agency') continue;
    const slot = collected.slots[f.ref];
    const value = collected.values[f.ref];
    if (!slot || !value) continue;
    const parsed = value.value;
    // Its cell, given now: the notice names the same cell with the same string. The finding is
    // whole already (`evaluateForSheet` with values), its cell undefined: given in place.
    const a1 = slot.a1;
    const full = f as Mutable<NotApplicableFinding<unknown>> & { cell?: string };
    if ('raw' in full && 'cell' in full) full.cell = a1;
    else
      findings[i] = notApplicableWith(
        f.indicatorId,
        f.quarter,
        f.reason,
        f.appliesTo,
        f.ref,
        parsed,
        a1,
      );
    // A placeholder ("-", "N/A") is kept in its finding, but it is no value to tell about.
    if (parsed.kind !== 'missing')
      keep(slot.row, slot.column, a1, findings[i] as NotApplicableFinding<unknown>);
  }
  const others = collected.notApplicable;
  for (let i = 0; i < others.length; i++) {
    const { finding, at, placeholder } = others[i] as Collected['notApplicable'][number];
    if (!placeholder) keep(at.row, at.column, at.a1, finding);
  }
  if (kept.length === 0) return undefined;
  // Sheet order: row, then column; equal cells in the order kept.
  const order = new Uint32Array(kept.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const levels = new Set<string>();
  const agencies = new Set<string>();
  for (let i = 0; i < kept.length; i++) {
    const f = kept[order[i] as number] as NotApplicableFinding<unknown>;
    for (const l of f.appliesTo?.levels ?? []) levels.add(l);
    for (const a of f.appliesTo?.agencies ?? []) agencies.add(a);
  }
  const inOrder: string[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) inOrder[i] = cells[order[i] as number] as string;
  const notice: Mutable<ValuesNotAssignedNotice> = {
    code: 'values-not-assigned',
    level,
    count: kept.length,
    cells: inOrder,
    assignedTo: set.levels.map((l) => l.id).filter((id) => levels.has(id)),
  };
  if (agencies.size > 0) notice.agencies = [...agencies];
  return notice;
}
