/**
 * What the run says across files, made once after it for every report that shows it: the units
 * × indicators matrix (engine `unitsMatrix`, via units.ts), and, when asked, the roster's match
 * (`--roster`: who did not submit, who is not on it) and the change since a previous report
 * (`--compare`: per unit and indicator, and the units that fell below a minimum they met).
 */
import {
  compareWithPrevious,
  type IndicatorChange,
  matchRoster,
  type PreviousUnit,
  type RosterEntry,
  type RosterMatch,
  STATUS,
  type Submission,
  statusOf,
  supersededUnits,
  type TargetSet,
  type UnitRow,
  type UnitsMatrix,
  unitPlace,
  unitsMatrix,
} from '@chitieu/engine';
import type { FileReport } from '../run-check.js';
import { setsOf, submissionsOf } from './units.js';

export interface FellBelow {
  readonly row: UnitRow;
  readonly change: IndicatorChange;
}

export interface Consolidated {
  readonly matrix: UnitsMatrix;
  /** With --roster. */
  readonly roster?: RosterMatch;
  /** With --compare: by `rowId(row)`, then by indicator id. */
  readonly changes?: ReadonlyMap<string, ReadonlyMap<string, IndicatorChange>>;
  /** With --compare: every unit and indicator met before and failing now, in the matrix's order. */
  readonly fellBelow?: readonly FellBelow[];
}

export interface ConsolidateOptions {
  readonly roster?: readonly RosterEntry[];
  readonly previous?: readonly PreviousUnit[];
}

/** A unit row's identity within the run: its set and key. */
export function rowId(row: { readonly targetSetId: string; readonly key: string }): string {
  return `${row.targetSetId}\u0000${row.key}`;
}

/** The run's matrix, roster match and changes from its submissions. */
export function consolidate(
  submissions: readonly Submission[],
  sets: ReadonlyMap<string, TargetSet>,
  options: ConsolidateOptions = {},
): Consolidated {
  const matrix = unitsMatrix(submissions, sets);
  if (options.previous === undefined)
    return options.roster === undefined
      ? { matrix }
      : { matrix, roster: matchRoster(matrix, options.roster) };
  const changes = new Map<string, Map<string, IndicatorChange>>();
  for (const unit of compareWithPrevious(matrix, options.previous))
    changes.set(rowId(unit), new Map(unit.changes.map((c) => [c.indicatorId, c])));
  const fellBelow: FellBelow[] = [];
  for (const set of matrix.sets)
    for (const row of set.units)
      for (const change of changes.get(rowId(row))?.values() ?? [])
        if (change.fellBelow) fellBelow.push({ row, change });
  return {
    matrix,
    ...(options.roster !== undefined ? { roster: matchRoster(matrix, options.roster) } : {}),
    changes,
    fellBelow,
  };
}

/**
 * `consolidate` for the text report, which tells of the matrix only the submissions another
 * superseded (with --roster, who did not submit; with --compare, who fell below): without those
 * two, its matrix holds only the units with a superseded submission (`supersededUnits`), not a
 * row for every unit of the run (a 2,000-unit table: ~13% of its check).
 */
export function consolidateForText(
  submissions: readonly Submission[],
  sets: ReadonlyMap<string, TargetSet>,
  options: ConsolidateOptions = {},
): Consolidated {
  if (options.roster !== undefined || options.previous !== undefined)
    return consolidate(submissions, sets, options);
  return { matrix: supersededUnits(submissions, sets) };
}

/** The consolidated view of the run's file reports. */
export function consolidateFiles(
  files: readonly FileReport[],
  options: ConsolidateOptions = {},
): Consolidated {
  return consolidate(submissionsOf(files), setsOf(files), options);
}

/**
 * A file's submissions with only the findings the run's cross-file sections need, for a run
 * that does not keep the files' findings (the text report written file by file): the findings
 * the matrix reads (one per unit row, quarter and indicator: a value's status, or a lowered
 * target) when the change is to be told; otherwise one per unit row and quarter, which is all
 * that decides which submission of a unit supersedes which and who submitted.
 */
export function slimSubmissions(file: FileReport, perIndicator: boolean): Submission[] {
  return submissionsOf([file]).map((s) => {
    const seen = new Set<string>();
    const findings = s.findings.filter((f) => {
      if (f.code === 'target-mismatch') return perIndicator;
      if (f.quarter === undefined || f.indicatorId === undefined) return false;
      if (perIndicator) return true;
      const key = `${f.forUnit ? unitPlace(f.forUnit) : ''} ${f.quarter}`;
      if (seen.has(key) || STATUS[statusOf(f)].scope !== 'value') return false;
      seen.add(key);
      return true;
    });
    return { ...s, findings };
  });
}
