import type { MalformedCellReason } from '../cell.js';
import type { Comparator } from '../schema.js';

/** The scale a parsed number is expressed in. */
export type ValueScale =
  /** Percentage points: 74.5 means 74,5 %. */
  | 'percent'
  /** A score out of a maximum, e.g. 11.3 of 18. */
  | 'points'
  /** A plain number (a count, or a percentage when the caller expects one and says so). */
  | 'number';

/** How a value was read, for explanations ("đọc từ ô định dạng phần trăm"). */
export type ParseHow =
  /** A number in a cell whose number format is a percentage: 0.745 → 74.5 %. */
  | 'percent-format'
  /** A plain number where a percentage was expected: 79 → 79 %. */
  | 'number-as-points'
  /** A plain number where no percentage was expected. */
  | 'number'
  /** Text with a percent sign: "76,2%", "85,5 %". */
  | 'text-percent'
  /** Text of a plain number: "0,8", "1.234.567", "12". */
  | 'text-number'
  /** Text of points out of a maximum: "11,3/18". */
  | 'text-points'
  /**
   * Text of a count out of a count where a percentage is expected: "15/15" → 100 %, "3/4" → 75 %
   * (both whole numbers written without separators; see parse-value.ts).
   */
  | 'text-ratio'
  /**
   * A percentage (or a count ratio) inside words where a percentage is expected: "đạt 66,67%",
   * "100% (15/15 hồ sơ)", "76,1%/40%" (value / target: 76,1 %), "15/15 hồ sơ".
   */
  | 'text-prose'
  /**
   * A plain number ≤ 1 in a results column typed as fractions (every plain number of the column
   * ≤ 1: `=B/C` left in the General format): 0.86 → 86 %. Set by the sheet check
   * (`annex/scale.ts`), never by `parseValue` alone.
   */
  | 'fraction';

export type MissingReason =
  /** Nothing in the cell (or only spaces). */
  | 'blank'
  /** A placeholder: "-", "—", "x", "N/A", "…". */
  | 'placeholder'
  /** A formula the file holds no result for (never calculated: open and save it in Excel). */
  | 'not-calculated';

export type InvalidReason =
  /** An Excel error value such as #DIV/0!, #N/A, #REF!. */
  | 'error-value'
  /** Text that is not a number the engine can read. */
  | 'unreadable'
  /** Text that could be read two ways, e.g. "1.234" (1234 or 1,234): reported, never guessed. */
  | 'ambiguous'
  /** A percentage outside 0–100, or a negative count. */
  | 'out-of-range'
  /** Points above their maximum, e.g. "19,1/18". */
  | 'above-maximum'
  /** A date or a boolean where a number was expected. */
  | 'wrong-type'
  /** Points where a percentage is expected, or a different maximum than the indicator's. */
  | 'unit-mismatch'
  /**
   * A plain number ≤ 1 where a percentage is expected, in a results column whose scale cannot
   * tell whether it is a fraction (0,86 → 86 %) or percentage points (0,86 %): the column mixes
   * both, or holds only 1s and 0s. `readings` has both (in percentage points). Set by the sheet
   * check (`annex/scale.ts`).
   */
  | 'ambiguous-scale'
  /**
   * Points written over another maximum than their group's ("19,1/18" for a group out of 20, in
   * the index table `unit-table/index-table.ts`): `max` is the one written, `expected` the group's.
   */
  | 'maximum-mismatch'
  /**
   * A change written beside two periods ("+0,5") that is not the difference of their values:
   * `value` is the change written, `compared` the two values, `change` their difference.
   */
  | 'change-mismatch';

interface Provenance {
  /** The raw cell value as given. */
  readonly raw: string | number | boolean | null;
  /** The displayed text, when known. */
  readonly text?: string;
}

export interface ParsedNumber extends Provenance {
  readonly kind: 'number';
  /** The number in its scale: 74.5 for 74,5 %; 11.3 for 11,3/18. */
  readonly value: number;
  readonly scale: ValueScale;
  /** The maximum for points ("11,3/18" → 18). */
  readonly max?: number;
  /** A comparator written before the number: "Tối thiểu 50" → at-least, "trên 98%" → above. */
  readonly comparator?: Comparator;
  readonly how: ParseHow;
  /** A plain number between 0 and 1 where a percentage was expected: maybe a fraction typed without a percent format. */
  readonly suspect?: 'looks-like-fraction';
}

export interface ParsedMissing extends Provenance {
  readonly kind: 'missing';
  readonly reason: MissingReason;
}

/**
 * "Không phát sinh" (and its spellings: "Không PS", "KPS", "chưa phát sinh", "không có hồ sơ
 * phát sinh", …; "0/0" where a percentage is expected): nothing arose this period to be counted.
 * Its own outcome: not a number, not missing, not invalid.
 */
export interface ParsedNotOccurred extends Provenance {
  readonly kind: 'not-occurred';
}

/** A unit a value is written in, or expected in: what a unit mismatch compares. */
export interface UnitShape {
  readonly kind: 'percent' | 'points' | 'count' | 'any';
  /** The maximum of points ("/18"), when known. */
  readonly max?: number;
}

/** Why a text or cell could not be read as a number (for `unreadable`). */
export type UnreadableCause =
  /** Text that is not a number ("đạt", "75 phần trăm"). */
  | 'not-a-number'
  /** Longer than any number the engine reads. */
  | 'too-long'
  /** Points whose maximum is zero or negative ("5/0"). */
  | 'bad-maximum'
  /** A number beyond what can be held (±∞, NaN). */
  | 'not-finite'
  /** The file reader could not read the cell as stored (`malformed` says why). */
  | 'malformed-cell';

/**
 * Typed fields of an invalid value: what its words are built from (no prose, no packed strings).
 * Each reason sets the fields named in its comment.
 */
export interface InvalidFields {
  /** The number that was read, when one was (e.g. 105 for "105%", 19.1 for "19,1/18"). */
  readonly value?: number;
  /** above-maximum: the maximum exceeded; unit-mismatch with points: the maximum written. */
  readonly max?: number;
  /** error-value: the Excel error as written ("#DIV/0!"). */
  readonly error?: string;
  /**
   * ambiguous: the two numbers the text may mean, in order (1234, 1.234); ambiguous-scale: the
   * two percentages a plain number may mean, as percentage points (0.86, 86).
   */
  readonly readings?: readonly number[];
  /**
   * ambiguous-scale: why the column cannot tell: it mixes fractions and percentage points
   * (`mixed`), or it holds only 1s and 0s (`ones`: 1 may be 1 % or 100 %).
   */
  readonly ambiguity?: 'mixed' | 'ones';
  /** out-of-range: the range allowed: 0–100 % or not negative. */
  readonly range?: 'percent' | 'non-negative';
  /** wrong-type: what the cell holds instead of a number. */
  readonly holds?: 'date' | 'boolean' | 'other';
  /** unit-mismatch: the unit the indicator expects, and the one the value is written in. */
  readonly expected?: UnitShape;
  readonly written?: UnitShape;
  /** unreadable: why. */
  readonly cause?: UnreadableCause;
  /** unreadable with cause `malformed-cell`: the file reader's reason. */
  readonly malformed?: MalformedCellReason;
  /** change-mismatch: the values of the two periods compared, earlier first. */
  readonly compared?: readonly number[];
  /** change-mismatch: the change the two periods give (later − earlier). */
  readonly change?: number;
}

/** The names of the typed fields only some reasons set (not `value`), in the order reports write them. */
export const INVALID_FIELDS = [
  'error',
  'readings',
  'ambiguity',
  'range',
  'holds',
  'expected',
  'written',
  'max',
  'cause',
  'malformed',
  'compared',
  'change',
] as const satisfies readonly (keyof InvalidFields)[];

export interface ParsedInvalid extends Provenance, InvalidFields {
  readonly kind: 'invalid';
  readonly reason: InvalidReason;
}

export type ParsedValue = ParsedNumber | ParsedMissing | ParsedNotOccurred | ParsedInvalid;

/** What the caller expects the cell to hold; decides how plain numbers are read. */
export type Expectation =
  | { readonly kind: 'percent' }
  | { readonly kind: 'points'; readonly max?: number }
  | { readonly kind: 'count' }
  | { readonly kind: 'any' };

export interface ParseOptions {
  readonly expect?: Expectation;
}
