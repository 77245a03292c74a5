/** Annotated copies: the original workbook with the mark plans applied (by @chitieu/xlsx). */
import type { Locale } from '@chitieu/engine';
import { annotateWorkbook } from '@chitieu/xlsx';
import type { FileReport } from './run-check.js';

export interface AnnotateOptions {
  readonly locale: Locale;
}

export type AnnotateOutcome =
  | { readonly bytes: Uint8Array }
  | { readonly error: string }
  | undefined;

/** The annotated copy's bytes; undefined when the file has no checked sheet to annotate. */
export function annotateFile(report: FileReport, options: AnnotateOptions): AnnotateOutcome {
  const checked = report.sheets.filter((s) => s.status === 'checked');
  if (!report.bytes || checked.length === 0) return undefined;
  const result = annotateWorkbook(
    report.bytes,
    checked.map((s) => ({
      sheet: s.sheet,
      plan: s.markPlan,
      findings: s.findings,
      context: s.context,
    })),
    { locale: options.locale },
  );
  return result.ok ? { bytes: result.bytes } : { error: result.error.message };
}
