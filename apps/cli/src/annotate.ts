/** Annotated copies: the original workbook with the mark plans applied (by @chitieu/xlsx). */
import type { Locale, TargetSet } from '@chitieu/engine';
import { annotateWorkbook } from '@chitieu/xlsx';
import type { FileReport } from './run-check.js';

export interface AnnotateOptions {
  readonly locale: Locale;
  /** Sets the report sheet names sets, levels and indicators from (default: the built-in sets). */
  readonly targetSets?: readonly TargetSet[];
}

export type AnnotateOutcome =
  | { readonly bytes: Uint8Array }
  | { readonly error: string }
  | undefined;

/**
 * The annotated copy's bytes; undefined when the file has no checked sheet to annotate. Its
 * report sheet lists every sheet the check read, in the workbook's order: the checked ones, and
 * the others with the reason they were not checked.
 */
export function annotateFile(report: FileReport, options: AnnotateOptions): AnnotateOutcome {
  const checks = report.checks ?? [];
  if (!report.bytes || !checks.some((c) => c.result.status === 'checked')) return undefined;
  const result = annotateWorkbook(report.bytes, checks, {
    locale: options.locale,
    ...(options.targetSets ? { targetSets: options.targetSets } : {}),
  });
  return result.ok ? { bytes: result.bytes } : { error: result.error.message };
}
