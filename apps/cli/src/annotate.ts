/** Annotated copies: the original workbook with the mark plans applied (by @chitieu/xlsx). */
import type { Locale, TargetSet } from '@chitieu/engine';
import type { XlsxError } from '@chitieu/xlsx';
import { describeReadError } from './i18n.js';
import type { FileReport } from './run-check.js';
import { seams } from './seams.js';

export interface AnnotateOptions {
  readonly locale: Locale;
  /** Sets the report sheet names sets, levels and indicators from (default: the built-in sets). */
  readonly targetSets?: readonly TargetSet[];
  /** A note on each marked cell with its reasons, in `locale` (--notes). */
  readonly notes?: boolean;
}

export type AnnotateOutcome =
  | { readonly bytes: Uint8Array }
  | { readonly error: string; readonly xlsxError?: XlsxError }
  | undefined;

/**
 * The annotated copy's bytes; undefined when the file has no checked sheet to annotate. Its
 * report sheet lists every sheet the check read, in the workbook's order: the checked ones, and
 * the others with the reason they were not checked. A failure is the outcome's error, in the
 * user's language.
 */
export function annotateFile(report: FileReport, options: AnnotateOptions): AnnotateOutcome {
  const checks = report.checks ?? [];
  if (!report.bytes || !checks.some((c) => c.result.status === 'checked')) return undefined;
  const result = seams.annotateWorkbook(report.bytes, checks, {
    locale: options.locale,
    ...(options.targetSets ? { targetSets: options.targetSets } : {}),
    ...(options.notes ? { notes: true } : {}),
    ...(report.reader ? { reader: report.reader } : {}),
  });
  return result.success
    ? { bytes: result.data.bytes }
    : { error: describeReadError(result.error, options.locale), xlsxError: result.error };
}
