/**
 * Findings are data: a discriminated union keyed on `code`, carrying what was compared so that
 * a cell note, a report row or a JSON consumer can explain it. Words come from the message
 * catalogs (`messages/`), applied at the edge.
 */
import type { InvalidFields, InvalidReason, MissingReason, ParseHow } from './parse/types.js';
import type { Comparator, Unit } from './schema.js';

export type Quarter = 1 | 2 | 3 | 4;

export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** Where a minimum came from. */
export type MinimumSource =
  /** The quarter's own minimum in the roadmap ("Lộ trình thực hiện (tối thiểu)"). */
  | 'quarterly'
  /** The annual target: annual-only sets, or Quý IV when the roadmap gives none ("hết năm"). */
  | 'annual'
  /** An earlier quarter's minimum still in force, when the roadmap skips this quarter. */
  | 'carried-forward';

/** The official minimum a value is judged against. */
export interface Minimum {
  readonly value: number;
  readonly comparator: Comparator;
  readonly source: MinimumSource;
  /** The quarter whose minimum this is (for `carried-forward`). */
  readonly fromQuarter?: Quarter;
  readonly unit: Unit;
  /**
   * Set when the document does not state this number as a target: the passage it is inferred
   * from, quoted as written (the target set's `inferredFrom`). Words and reports say so.
   */
  readonly inferredFrom?: string;
}

interface FindingBase<Ref> {
  readonly indicatorId: string;
  /** The quarter of the value; absent for findings about a whole indicator. */
  readonly quarter?: Quarter;
  /** Index of the indicator's target row that was applied. */
  readonly targetRow?: number;
  /** Where the value came from: an A1 cell for the sheet checks, anything for other callers. */
  readonly ref?: Ref;
}

/**
 * How a value was read when it was not written as a plain number of the indicator's unit: a
 * fraction read as a percentage (0.86 → 86 %), a count ratio ("15/15" → 100 %), a percentage
 * inside words ("đạt 66,67%"). What was written is kept (`raw`, `text`) so that the words can
 * show it beside the value read.
 */
export interface ValueReading {
  readonly how: Extract<ParseHow, 'fraction' | 'text-ratio' | 'text-prose'>;
  readonly raw: string | number | boolean | null;
  readonly text?: string;
}

export interface MetFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'met';
  readonly quarter: Quarter;
  readonly value: number;
  readonly minimum: Minimum;
  /** How far the value is on the good side of the minimum (≥ 0), in the indicator's unit. */
  readonly margin: number;
  /** Set when the value was read from a fraction, a count ratio or words. */
  readonly reading?: ValueReading;
}

export interface BelowMinimumFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'below-minimum';
  readonly quarter: Quarter;
  readonly value: number;
  readonly minimum: Minimum;
  /** How far short of the minimum (≥ 0), in the indicator's unit: percentage points for a percentage. */
  readonly gap: number;
  /** Within the configured near-miss band. */
  readonly nearMiss: boolean;
  /** Set when the value was read from a fraction, a count ratio or words. */
  readonly reading?: ValueReading;
}

/**
 * "Không phát sinh": nothing arose this period for the indicator to count (no dossier, no
 * procedure). Its own outcome: not a shortfall, not zero, not missing, not invalid; it does not
 * fail the check. What was written is kept.
 */
export interface NotOccurredFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'not-occurred';
  readonly quarter: Quarter;
  readonly raw: string | number | boolean | null;
  readonly text?: string;
  /** The minimum the value would have been judged against. */
  readonly minimum?: Minimum;
}

export interface MissingValueFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'missing-value';
  readonly quarter: Quarter;
  /** Blank cell, placeholder, a formula never calculated, or no cell at all for this quarter. */
  readonly reason: MissingReason | 'absent';
  readonly minimum?: Minimum;
  readonly raw?: string | number | boolean | null;
}

/** A value that cannot be judged: why (`reason`), and the typed fields its words are built from. */
export interface InvalidValueFinding<Ref = unknown> extends FindingBase<Ref>, InvalidFields {
  readonly code: 'invalid-value';
  readonly quarter: Quarter;
  readonly reason: InvalidReason;
  readonly raw: string | number | boolean | null;
  readonly text?: string;
  readonly minimum?: Minimum;
}

export type NotApplicableReason =
  /** No target row of the indicator is for the unit's level. */
  | 'level'
  /** The indicator is assigned to named agencies and the unit is not one of them (or unnamed). */
  | 'agency'
  /** The roadmap has no minimum for this quarter yet. */
  | 'no-minimum'
  /** The document sets no target for the row, only its measure (`noTarget`): the value was in range. */
  | 'no-target'
  /** The indicator id is not in the target set. */
  | 'unknown-indicator';

export interface NotApplicableFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'not-applicable';
  readonly reason: NotApplicableReason;
  /** The levels and agencies the indicator is for, to explain it. */
  readonly appliesTo?: { readonly levels: readonly string[]; readonly agencies: readonly string[] };
  /**
   * A value typed in the cell anyway: it is kept, not judged. `value` is the number read, in the
   * indicator's unit (absent when the cell does not read as one); `raw` what the cell holds.
   */
  readonly value?: number;
  readonly raw?: string | number | boolean | null;
  /** The text shown in the cell, when it differs from `raw` (a formatted number). */
  readonly text?: string;
}

export type EvaluationFinding<Ref = unknown> =
  | MetFinding<Ref>
  | BelowMinimumFinding<Ref>
  | MissingValueFinding<Ref>
  | InvalidValueFinding<Ref>
  | NotOccurredFinding<Ref>
  | NotApplicableFinding<Ref>;

export type EvaluationCode = EvaluationFinding['code'];

/** A target written in the sheet that differs from the official one (a lowered minimum, say). */
export interface TargetMismatchFinding<Ref = unknown> extends FindingBase<Ref> {
  readonly code: 'target-mismatch';
  /** Which target: the annual one, or a quarter's minimum. */
  readonly target: 'annual' | 'quarterly';
  /** The official value, in the indicator's unit. */
  readonly official: number;
  /** The value written in the sheet, in the indicator's unit. */
  readonly value: number;
  /** The sheet asks for less than the official target. */
  readonly lowered: boolean;
  readonly unit: Unit;
  readonly raw: string | number | boolean | null;
}

/** A table row with content that matches no indicator of the target set. */
export interface UnrecognisedRowFinding<Ref = unknown> {
  readonly code: 'unrecognised-row';
  readonly indicatorId?: undefined;
  readonly quarter?: undefined;
  /** The row's Stt and text as written. */
  readonly stt?: string;
  readonly text: string;
  /** 1-based row number in the sheet. */
  readonly row: number;
  readonly ref?: Ref;
  /**
   * `level`: a unit table's row (one row per unit) whose unit's level cannot be told (no "Cấp"
   * column, no group heading above it, nothing in its name): its values are not judged until the
   * level is given. `text` is the unit's name as written.
   */
  readonly needs?: 'level';
}

/**
 * The unit a finding of a unit table (one row per unit, `unit-table/`) is about: its name as
 * written in the row, its level when it could be told, and its 1-based sheet row. For units whose
 * results are side by side in an annex (a consolidated sheet), `row` is the heading's row and
 * `column` the 1-based sheet column of the unit's first results column: units are told apart by
 * both.
 */
export interface FindingUnit {
  readonly name: string;
  readonly level?: string;
  readonly row: number;
  readonly column?: number;
}

/**
 * Which unit of its sheet a finding's unit is, as a key: its row, and its column for units side
 * by side ("9:10" and "9:14" are two units of one heading row). Group findings by this, not by
 * the row alone.
 */
export function unitPlace(unit: FindingUnit): string {
  return `${unit.row}:${unit.column ?? ''}`;
}

/**
 * What a table with one row per unit lacked to be checked (`unit-table/`), told with a sheet
 * that is not an annex: a unit column ("Đơn vị", "Tên đơn vị", "Địa phương"), a results column,
 * an indicator of a target set named by a column or the title.
 */
export type UnitTableMissing = 'unit-column' | 'result-column' | 'indicator';

/** The whole sheet is not an annex: one finding, not one per row. */
export interface NotAnAnnexFinding {
  readonly code: 'not-an-annex';
  readonly indicatorId?: undefined;
  readonly quarter?: undefined;
  /**
   * `task-list`: a list of tasks with deadlines, not indicators with numbers; `few-indicators`:
   * few rows are indicators of the set and there is no roadmap or results heading (a helper sheet).
   */
  readonly reason: 'empty' | 'no-header' | 'no-indicator' | 'task-list' | 'few-indicators';
  /** The best target set tried, when there was a header. */
  readonly targetSetId?: string;
  /**
   * Set when the sheet looks like a table with one row per unit but could not be checked as one:
   * what it lacked, in the order of `UnitTableMissing`.
   */
  readonly missing?: readonly UnitTableMissing[];
}

export type SheetOnlyFinding<Ref = unknown> =
  | TargetMismatchFinding<Ref>
  | UnrecognisedRowFinding<Ref>
  | NotAnAnnexFinding;

/** Every finding the engine makes. */
export type Finding<Ref = unknown> = EvaluationFinding<Ref> | SheetOnlyFinding<Ref>;

export type FindingCode = Finding['code'];
