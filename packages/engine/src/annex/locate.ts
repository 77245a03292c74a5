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
import type { SheetFinding } from './check.js';

/** A cell a finding is about: where it is in the grid (0-based), what it holds, its A1 address. */
export interface Slot {
  readonly row: number;
  readonly column: number;
  readonly cell: Cell | undefined;
  readonly a1: string;
}

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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Locates the findings. An evaluated value's `ref` is the index of its slot; an absent value of a
 * quarter the sheet has no results column for is not due in this sheet and is left out.
 */
export function locateFindings(
  evaluated: readonly EvaluationFinding<number>[],
  slots: readonly Slot[],
  due: ReadonlySet<Quarter>,
  others: readonly Placed<SheetOnly>[],
  sheet: string | undefined,
): Located {
  const findings: SheetFinding[] = [];
  const keys: number[] = [];
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = new Array(slots.length);
  for (const f of evaluated) {
    if (f.code === 'missing-value' && f.reason === 'absent' && !due.has(f.quarter)) continue;
    const slot = f.ref === undefined ? undefined : slots[f.ref];
    if (f.ref !== undefined) findingOfSlot[f.ref] = f;
    findings.push(place(f, slot?.a1, sheet));
    keys.push(slot ? slot.row * COLUMNS + slot.column : Number.MAX_SAFE_INTEGER);
  }
  for (const { finding, at } of others) {
    findings.push(place(finding, at.a1, sheet));
    keys.push(at.row * COLUMNS + at.column);
  }
  sortByKeys(findings, keys);
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

/** Sorts findings by their keys, keeping the order of equal keys. */
function sortByKeys(findings: SheetFinding[], keys: readonly number[]): void {
  // Most sheets give their findings in sheet order already: nothing to do then.
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++)
    if ((keys[i] as number) < (keys[i - 1] as number)) sorted = false;
  if (sorted) return;
  const order = Uint32Array.from(findings.keys());
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const inOrder = Array.from(order, (i) => findings[i] as SheetFinding);
  for (let i = 0; i < inOrder.length; i++) findings[i] = inOrder[i] as SheetFinding;
}
