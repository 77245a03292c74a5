/**
 * A sheet's notices: what a check tells the user once per sheet, beside its findings — values
 * kept on rows whose targets the set does not assign to the unit's level, fractions read as
 * percentages, a sheet with targets but no results yet, which target set was chosen and why.
 * Data only, like findings: a code and typed fields, worded at the edge by `describeNotice`
 * (`messages/notices.ts`). Each code is defined here once; a shell shows every code the same way.
 */
import type { Quarter } from '../findings.js';

/** Values typed on rows whose targets the set does not assign to the unit's level. */
export interface ValuesNotAssignedNotice {
  readonly code: 'values-not-assigned';
  /** The unit's level the sheet was checked at. */
  readonly level: string;
  /** How many typed values were kept (reported as not applicable, with their value). */
  readonly count: number;
  /** Their cells (A1), in sheet order. */
  readonly cells: readonly string[];
  /** The levels those rows' targets are assigned to. */
  readonly assignedTo: readonly string[];
  /** The named agencies those rows' targets are assigned to, when some are ("Văn phòng UBND tỉnh"). */
  readonly agencies?: readonly string[];
}

/** A level given by the user that the sheet contradicts (a "Sở Tư pháp" forced to `xa`). */
export interface LevelContradictsSheetNotice {
  readonly code: 'level-contradicts-sheet';
  /** The level given. */
  readonly level: string;
  /** The level the sheet points at (from the unit's name or the rows with results). */
  readonly sheetLevel: string;
  /** Where the sheet's level was read. */
  readonly from: 'unit-name' | 'content';
}

/** A results column of a percentage indicator typed as fractions (0.86) and read as 86%. */
export interface FractionsReadNotice {
  readonly code: 'fractions-read';
  /** The column's letters ("J"). */
  readonly column: string;
  readonly quarter?: Quarter;
  /** How many values were read as fractions. */
  readonly count: number;
  /** Their cells (A1), in sheet order. */
  readonly cells?: readonly string[];
  /** The first of them as typed (0.86), to show how it was read (86%). */
  readonly example?: number;
}

/** A table with targets and no results column: nothing to judge yet. */
export interface NoResultsNotice {
  readonly code: 'no-results';
  /** How many targets written in the sheet were compared with the official ones. */
  readonly targetsCompared: number;
  /** How many of them differ. */
  readonly mismatches: number;
}

/** Several target sets matched the rows: which was chosen and why. */
export interface TargetSetChosenNotice {
  readonly code: 'target-set-chosen';
  readonly targetSetId: string;
  /** The sheet's own targets agree with it; the title names its province or year; most rows match. */
  readonly why: 'targets-agree' | 'title' | 'rows';
  /** The other sets that matched as well. */
  readonly others: readonly string[];
}

/** Minimum or result columns of one quarter beyond the most read (64): not read. */
export interface ColumnsIgnoredNotice {
  readonly code: 'columns-ignored';
  readonly role: 'minimum' | 'result';
  readonly quarter?: Quarter;
  /** How many columns were not read. */
  readonly count: number;
  /** The letters of the first column not read ("BN"). */
  readonly first: string;
  /** How many columns of that role and quarter were read. */
  readonly limit: number;
}

export type SheetNotice =
  | ValuesNotAssignedNotice
  | LevelContradictsSheetNotice
  | FractionsReadNotice
  | NoResultsNotice
  | TargetSetChosenNotice
  | ColumnsIgnoredNotice;

export type NoticeCode = SheetNotice['code'];

/** Every notice code, in the order a shell lists them. */
export const NOTICE_CODES: readonly NoticeCode[] = [
  'values-not-assigned',
  'level-contradicts-sheet',
  'fractions-read',
  'no-results',
  'target-set-chosen',
  'columns-ignored',
];
