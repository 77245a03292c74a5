/**
 * The run's units × indicators matrix (engine `unitsMatrix`), made once for every report that
 * shows it: report.json's `units`, report.html's matrix, report.xlsx. Each checked sheet is a
 * submission; hidden sheets are units only when the user asked for them (--include-hidden: only
 * then are they checked at all).
 */
import { type Submission, type TargetSet, type UnitsMatrix, unitsMatrix } from '@chitieu/engine';
import type { FileReport } from '../run-check.js';

/** Every checked sheet of the run as the engine's submissions, in the order found. */
export function submissionsOf(files: readonly FileReport[]): Submission[] {
  const out: Submission[] = [];
  for (const file of files) {
    if (file.error && file.sheets.every((s) => s.status !== 'checked')) continue;
    for (const sheet of file.sheets) {
      if (sheet.status !== 'checked') continue;
      out.push({
        file: file.file,
        sheet: sheet.sheet,
        ...(sheet.hidden ? { hidden: true } : {}),
        ...(file.modified !== undefined ? { modified: file.modified } : {}),
        ...(file.fileModified !== undefined ? { fileModified: file.fileModified } : {}),
        context: sheet.context,
        findings: sheet.findings,
      });
    }
  }
  return out;
}

/** The target sets the run's sheets were checked against, by id. */
export function setsOf(files: readonly FileReport[]): Map<string, TargetSet> {
  const sets = new Map<string, TargetSet>();
  for (const file of files)
    for (const sheet of file.sheets)
      if (sheet.targetSet && !sets.has(sheet.targetSet.id))
        sets.set(sheet.targetSet.id, sheet.targetSet);
  return sets;
}

/** The matrix of the run. */
export function runMatrix(files: readonly FileReport[]): UnitsMatrix {
  return unitsMatrix(submissionsOf(files), setsOf(files));
}
