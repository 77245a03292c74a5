/**
 * A sheet's notices: what a check tells the user once per sheet, beside its findings — values
 * kept on rows whose targets the set does not assign to the unit's level, fractions read as
 * percentages, a sheet with targets but no results yet, which target set was chosen and why.
 * Data only, like findings: a code and typed fields, worded at the edge by `describeNotice`
 * (`messages/notices.ts`). Each code is defined here once; a shell shows every code the same way.
 */
import type { EvaluationFinding, Quarter } from '../findings.js';
import type { TargetSetProblem } from '../messages/target-set.js';
import type { TargetSet } from '../schema.js';

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

/**
 * Results columns of a sheet of units side by side whose heading names no unit: nobody's, so their
 * values are not judged (a unit's name over them makes them that unit's).
 */
export interface ResultsWithoutUnitNotice {
  readonly code: 'results-without-unit';
  /** The columns' letters, in sheet order ("AB", "AC"). */
  readonly columns: readonly string[];
  /** How many values are typed in them below the header. */
  readonly values: number;
}

/**
 * Indicators judged on target rows whose levels the document does not state (`appliesTo.stated:
 * false`: seed 004's table has no lead-agency column): the set's default assignment was applied,
 * not the document's. Tells the user which assignments are the source's and which are defaults.
 */
export interface AssignmentDefaultNotice {
  readonly code: 'assignment-default';
  /** The unit's level the sheet was checked at. */
  readonly level: string;
  /** Ids of the indicators judged on a row whose assignment is a default, in set order. */
  readonly indicators: readonly string[];
  /** How many indicators were judged on a row the document itself assigns. */
  readonly stated: number;
}

/**
 * The sheet was checked against the target set stored in the workbook (a custom XML part the
 * template wrote), no set having been given. `altered`: the fingerprint written in the part does
 * not match its content (the stored copy was edited after it was written).
 */
export interface EmbeddedSetUsedNotice {
  readonly code: 'embedded-set-used';
  readonly targetSetId: string;
  /** The workbook part holding it ("customXml/item1.xml"). */
  readonly part: string;
  /** SHA-256 of the set's canonical JSON, hex. */
  readonly fingerprint: string;
  readonly altered?: true;
}

/**
 * The target set stored in the workbook differs from the official one the sheet was checked
 * against (the set given, or the built-in set of the same id): as much a finding as an altered
 * target cell. The sheet is checked against the official set.
 */
export interface EmbeddedSetDiffersNotice {
  readonly code: 'embedded-set-differs';
  /** The stored set's id. */
  readonly targetSetId: string;
  readonly part: string;
  /** The official set's id, and what it is: the set given (`option`) or the built-in one. */
  readonly officialId: string;
  readonly against: 'option' | 'builtin';
  /** Indicators of both whose name, unit or targets differ, in the official set's order. */
  readonly indicators: readonly string[];
  /** Indicators only the stored set has. */
  readonly added: readonly string[];
  /** Indicators only the official set has. */
  readonly removed: readonly string[];
  /** Whether the set's other fields differ too (title, document, levels, sections, year). */
  readonly other: boolean;
  readonly fingerprint: string;
  readonly officialFingerprint: string;
}

/** A problem of a stored target set: where it is in its JSON (`indicators[2].annual`) and what. */
export interface EmbeddedSetIssue {
  readonly path: string;
  readonly problem: TargetSetProblem;
}

/**
 * A target set stored in the workbook that cannot be used: its part is not XML (`not-xml`), holds
 * no set (`no-set`), or holds one that is not valid (`invalid-set`, with every problem). The
 * sheet is checked as if none were stored.
 */
export interface EmbeddedSetUnreadableNotice {
  readonly code: 'embedded-set-unreadable';
  readonly part: string;
  readonly reason: 'not-xml' | 'no-set' | 'invalid-set';
  readonly issues?: readonly EmbeddedSetIssue[];
}

export type SheetNotice =
  | ValuesNotAssignedNotice
  | EmbeddedSetUsedNotice
  | EmbeddedSetDiffersNotice
  | EmbeddedSetUnreadableNotice
  | AssignmentDefaultNotice
  | LevelContradictsSheetNotice
  | FractionsReadNotice
  | NoResultsNotice
  | TargetSetChosenNotice
  | ColumnsIgnoredNotice
  | ResultsWithoutUnitNotice;

export type NoticeCode = SheetNotice['code'];

/** Every notice code, in the order a shell lists them. */
export const NOTICE_CODES: readonly NoticeCode[] = [
  'embedded-set-differs',
  'embedded-set-unreadable',
  'values-not-assigned',
  'assignment-default',
  'level-contradicts-sheet',
  'fractions-read',
  'no-results',
  'target-set-chosen',
  'embedded-set-used',
  'columns-ignored',
  'results-without-unit',
];

/**
 * The `assignment-default` notice of a check, from its evaluation findings: which indicators were
 * judged on a row the document does not assign (and how many on rows it does). `undefined` when
 * every row used is the document's.
 */
export function assignmentDefaultNotice(
  set: TargetSet,
  findings: readonly EvaluationFinding[],
  level: string,
): AssignmentDefaultNotice | undefined {
  const used = new Map<string, boolean>();
  for (const f of findings) {
    if (f.code === 'not-applicable' || f.targetRow === undefined || used.has(f.indicatorId))
      continue;
    const row = set.indicators.find((i) => i.id === f.indicatorId)?.targets[f.targetRow];
    if (row) used.set(f.indicatorId, row.appliesTo.stated === false);
  }
  const indicators = set.indicators.filter((i) => used.get(i.id) === true).map((i) => i.id);
  if (indicators.length === 0) return undefined;
  return { code: 'assignment-default', level, indicators, stated: used.size - indicators.length };
}
