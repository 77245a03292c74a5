/**
 * Step 5 of a check: findings located in their cells. Each finding the steps made is completed
 * in place with its A1 cell and sheet (they are the engine's own fresh objects) and the list is
 * put in sheet order: row, then column; findings without a cell last. No words: a shell words a
 * finding when it shows it (`describeFinding`).
 */
import type { Cell } from '../cell.js';
import type {
  EvaluationFinding,
  Finding,
  NotApplicableFinding,
  Quarter,
  TargetMismatchFinding,
  UnrecognisedRowFinding,
} from '../findings.js';
import type { Mutable } from '../mutable.js';
import type { SheetFinding } from './check.js';

/** A cell a finding is about: where it is in the grid (0-based), what it holds, its A1 address. */
export interface Slot {
  readonly row: number;
  readonly column: number;
  readonly cell: Cell | undefined;
  readonly a1: string;
}

/**
 * Where each slot is (by slot index), in two typed arrays: all that placing the findings needs,
 * so the slots themselves (a million objects in a consolidated sheet) can go before the
 * findings are placed when no mark plan is made.
 */
export class SlotPlaces {
  constructor(
    readonly rows: Int32Array,
    readonly columns: Int32Array,
    /** The A1 address in the sheet of a grid cell (`SheetView.address`). */
    private readonly addressOf: (row: number, column: number) => string,
  ) {}
  static of(
    slots: readonly Slot[],
    addressOf: (row: number, column: number) => string,
  ): SlotPlaces {
    const rows = new Int32Array(slots.length);
    const columns = new Int32Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      rows[i] = slot.row;
      columns[i] = slot.column;
    }
    return new SlotPlaces(rows, columns, addressOf);
  }
  get count(): number {
    return this.rows.length;
  }
  /** The A1 address of slot `i`. */
  a1(i: number): string {
    return this.addressOf(this.rows[i] as number, this.columns[i] as number);
  }
}

/** No slots: a sheet without results columns. */
export const NO_PLACES = new SlotPlaces(new Int32Array(0), new Int32Array(0), () => '');

/** A finding made by a step of the check, with the cell it is about. */
export interface Placed<F> {
  readonly finding: F;
  readonly at: Slot;
}

export type SheetOnly =
  | TargetMismatchFinding<string>
  | NotApplicableFinding<string>
  | UnrecognisedRowFinding<string>;

export interface Located {
  readonly findings: SheetFinding[];
  /** The evaluation finding of each slot (by slot index), for the mark plan. */
  readonly findingOfSlot: readonly (EvaluationFinding<number> | undefined)[];
}

/** Columns per row in a sort key (Excel has 16,384). */
const COLUMNS = 16_384;
/** Up to this many findings are put in order by a comparison sort. */
const SMALL_SORT = 4096;
/** Up to this many, by an insertion sort (its n² steps are fewer than a sort's calls then). */
const INSERTION_SORT = 64;

/**
 * Locates the findings. An evaluated value's `ref` is the index of its slot; an absent value of a
 * quarter the sheet has no results column for is not due in this sheet and is left out.
 */
export function locateFindings(
  evaluated: readonly EvaluationFinding<number>[],
  places: SlotPlaces,
  due: ReadonlySet<Quarter>,
  others: readonly Placed<SheetOnly>[],
  sheet: string | undefined,
): Located {
  // Sized once (a consolidated sheet has a million and a half findings: no growing by doubling).
  const findings: SheetFinding[] = new Array(evaluated.length + others.length);
  const keys = new Float64Array(evaluated.length + others.length);
  let n = 0;
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = new Array(places.count);
  const { rows, columns } = places;
  // (indexed loops: an iterator's result object per finding is garbage until a loop is optimised)
  for (let i = 0; i < evaluated.length; i++) {
    const f = evaluated[i] as EvaluationFinding<number>;
    if (f.code === 'missing-value' && f.reason === 'absent' && !due.has(f.quarter)) continue;
    const ref = f.ref;
    if (ref !== undefined && ref >= 0 && ref < rows.length) {
      findingOfSlot[ref] = f;
      keys[n] = (rows[ref] as number) * COLUMNS + (columns[ref] as number);
      // (a not-applicable finding of a value has its cell already: the string its notice names)
      findings[n++] = place(f, (f as { readonly cell?: string }).cell ?? places.a1(ref), sheet);
    } else {
      keys[n] = Number.MAX_SAFE_INTEGER;
      findings[n++] = place(f, undefined, sheet);
    }
  }
  for (let i = 0; i < others.length; i++) {
    const { finding, at } = others[i] as Placed<SheetOnly>;
    keys[n] = at.row * COLUMNS + at.column;
    findings[n++] = place(finding, at.a1, sheet);
  }
  findings.length = n;
  sortByKeys(findings, keys.subarray(0, n));
  return { findings, findingOfSlot };
}

/** Completes a finding with its cell and sheet, in place. */
function place(
  f: Finding<unknown>,
  cell: string | undefined,
  sheet: string | undefined,
): SheetFinding {
  const located = f as Mutable<SheetFinding> & { ref?: unknown };
  located.ref = undefined;
  if (cell !== undefined) located.cell = cell;
  if (sheet !== undefined) located.sheet = sheet;
  return located as SheetFinding;
}

/**
 * Sorts findings by their keys, keeping the order of equal keys: a stable counting sort by
 * column, then by row (findings without a cell, key MAX_SAFE_INTEGER, after the last row), in
 * time linear in the findings and the rows they span rather than n log n comparisons.
 */
function sortByKeys(findings: SheetFinding[], keys: Float64Array): void {
  // Most sheets give their findings in sheet order already: nothing to do then.
  const n = keys.length;
  let sorted = true;
  let lastRow = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    if (i > 0 && key < (keys[i - 1] as number)) sorted = false;
    if (key !== Number.MAX_SAFE_INTEGER) {
      const row = Math.floor(key / COLUMNS);
      if (row > lastRow) lastRow = row;
    }
  }
  if (sorted) return;
  // A handful (a department's sheet, ~30): a stable insertion sort in place, no arrays made.
  if (n <= INSERTION_SORT) {
    for (let i = 1; i < n; i++) {
      const key = keys[i] as number;
      const f = findings[i] as SheetFinding;
      let j = i - 1;
      while (j >= 0 && (keys[j] as number) > key) {
        keys[j + 1] = keys[j] as number;
        findings[j + 1] = findings[j] as SheetFinding;
        j--;
      }
      keys[j + 1] = key;
      findings[j + 1] = f;
    }
    return;
  }
  // Few findings (a department's sheet): a stable comparison sort costs less than the counting
  // sort's 16,384 column buckets.
  if (n <= SMALL_SORT) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const inOrder = order.map((i) => findings[i] as SheetFinding);
    for (let i = 0; i < n; i++) findings[i] = inOrder[i] as SheetFinding;
    return;
  }
  const rowOf = (key: number): number =>
    key === Number.MAX_SAFE_INTEGER ? lastRow + 1 : Math.floor(key / COLUMNS);
  const columnOf = (key: number): number => (key === Number.MAX_SAFE_INTEGER ? 0 : key % COLUMNS);
  const byColumn = countingOrder(n, COLUMNS, (i) => columnOf(keys[i] as number));
  const byRow = countingOrder(n, lastRow + 2, (k) => rowOf(keys[byColumn[k] as number] as number));
  // (a loop, not Array.from over the typed array: that makes an iterator result per finding and
  // grows its array by doubling)
  const inOrder: SheetFinding[] = new Array(n);
  for (let k = 0; k < n; k++)
    inOrder[k] = findings[byColumn[byRow[k] as number] as number] as SheetFinding;
  for (let i = 0; i < n; i++) findings[i] = inOrder[i] as SheetFinding;
}

/** The positions 0 … n−1 in the (stable) order of their buckets `bucketOf(i)` < `buckets`. */
function countingOrder(n: number, buckets: number, bucketOf: (i: number) => number): Uint32Array {
  const starts = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) (starts[bucketOf(i) + 1] as number)++;
  for (let b = 1; b <= buckets; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(i);
    order[starts[b] as number] = i;
    starts[b] = (starts[b] as number) + 1;
  }
  return order;
}
