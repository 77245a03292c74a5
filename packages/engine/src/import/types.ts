/**
 * What importing an annex gives back, as data: the target set, a review row per target row read,
 * the warnings for every cell that had to be interpreted, or the one reason it could not be done.
 * The words are the shells' (`messages/import.ts`).
 */

import type { TargetSetProblem } from '../messages/target-set.js';
import type { Comparator, TargetSet, Unit } from '../schema.js';

export interface ImportOptions {
  /** The set's id; by default the province and year ("dong-nai-2026"). */
  readonly id?: string;
  /**
   * The set's title; by default the annex's own. The province and year are read from it first,
   * then from the lines above the table.
   */
  readonly title?: string;
}

/** A target as the review shows it: the number in the indicator's unit, its cell, its words. */
export interface ReviewValue {
  readonly value: number;
  /** A1 address of the cell it was read from. */
  readonly cell: string;
  /** A comparator the cell writes ("Tối thiểu 50" → at-least, "trên 98%" → above). */
  readonly comparator?: Comparator;
  /** The cell's words around the number, lower case: "tối thiểu", "trên", "từ … trở lên", "đạt". */
  readonly written?: string;
}

/** One target row of the imported set, as it was read from the sheet. */
export interface ImportReviewRow {
  /** The sheet row (1-based, as Excel shows it). */
  readonly row: number;
  readonly stt: string;
  readonly section: string;
  readonly indicatorId: string;
  readonly shortName: string;
  readonly levels: readonly string[];
  readonly agencies: readonly string[];
  readonly unit: Unit;
  readonly annual: ReviewValue | null;
  /** Quý I..IV; empty when the table has no roadmap (annual targets only). */
  readonly quarterly: readonly (ReviewValue | null)[];
  /** The comparator the row's targets are met by. */
  readonly comparator: Comparator;
  /**
   * How the document words it: the cells' words ("trên", "từ … trở lên", "đạt"), else the
   * roadmap heading's ("tối thiểu" of "Lộ trình thực hiện (tối thiểu)"); absent when neither says.
   */
  readonly written?: string;
}

/** How a value was read that a reviewer should look at. */
export type ValueReading =
  /** A plain number ≤ 1 in a table that types percentages as fractions: 0,85 → 85 %. */
  | 'fraction'
  /** A number inside words that are not a comparator: "100% (15/15 hồ sơ)". */
  | 'words'
  /** A count out of a count: "15/15" → 100 %. */
  | 'ratio';

export type ImportWarning =
  | {
      readonly code: 'value-read';
      readonly cell: string;
      readonly text: string;
      readonly value: number;
      readonly unit: Unit;
      readonly how: ValueReading;
    }
  /** A target cell that holds no number the engine can read: left without a target. */
  | { readonly code: 'value-not-read'; readonly cell: string; readonly text: string }
  /** A lead-agency cell naming agencies (not levels): the row applies to them by name. */
  | {
      readonly code: 'agencies-named';
      readonly cell: string;
      readonly agencies: readonly string[];
      readonly levels: readonly string[];
    }
  /**
   * No lead agency (the table has no such column, or the cell is empty): the row applies to
   * every level of the set, which the document does not state. `cell` is absent for the column.
   */
  | { readonly code: 'lead-missing'; readonly cell?: string; readonly levels: readonly string[] }
  /** No unit written (no unit column, no "%" and no percent format): taken from the name, or a count. */
  | {
      readonly code: 'unit-guessed';
      readonly cell: string;
      readonly unit: Unit;
      readonly from: 'name' | 'nothing';
    }
  /** An indicator row without a number in its Stt cell: numbered by its place in its section. */
  | { readonly code: 'stt-missing'; readonly cell: string; readonly stt: string }
  /** A row with values that is no indicator (no name): not read. */
  | { readonly code: 'row-not-read'; readonly cell: string; readonly text: string }
  /** A target row without any target (no annual target, no quarterly minimum): left out. */
  | { readonly code: 'no-targets'; readonly cell: string; readonly stt: string }
  /** The lines above the table give no title: the set is titled by its province and year. */
  | { readonly code: 'title-missing'; readonly title: string }
  /** The lines above the table name no document: its type is assumed. */
  | { readonly code: 'document-missing'; readonly type: string; readonly issuer: string }
  /** The province-and-year id is a built-in set's: the imported set's id says it is the annex's. */
  | { readonly code: 'id-taken'; readonly id: string; readonly builtin: string };

export type ImportWarningCode = ImportWarning['code'];

export type ImportError =
  | {
      readonly code: 'not-an-annex';
      readonly reason: 'empty' | 'no-header' | 'task-list' | 'no-indicator' | 'no-targets';
    }
  /** Neither the title given nor the lines above the table name the province ("tỉnh …"). */
  | { readonly code: 'no-province' }
  /** Neither the title nor the table's headings name the year. */
  | { readonly code: 'no-year' }
  | { readonly code: 'bad-id'; readonly id: string }
  /** What was read breaks the target-set rules (a repeated Stt, say): each problem with its cell. */
  | {
      readonly code: 'invalid-set';
      readonly issues: readonly {
        readonly path: string;
        readonly problem: TargetSetProblem;
        readonly cell?: string;
      }[];
    };

export interface ImportedTargetSet {
  readonly set: TargetSet;
  readonly rows: readonly ImportReviewRow[];
  readonly warnings: readonly ImportWarning[];
}
