/** The JSON report: the contract other tools rely on (see shared/BRIEF.md). */
import type { SheetFinding } from '@chitieu/engine';
import type { FileReport } from '../run-check.js';

export const SCHEMA_VERSION = 1;

export interface JsonFinding {
  readonly code: SheetFinding['code'];
  readonly sheet: string | null;
  /** A1 address, or null for findings about a whole indicator or sheet. */
  readonly cell: string | null;
  readonly indicatorId: string | null;
  readonly quarter: number | null;
  /** The value read, in the indicator's unit (74.5 for 74,5 %). */
  readonly value: number | null;
  /** The official minimum (or target) it was judged against, in the indicator's unit. */
  readonly minimum: number | null;
  readonly message: string;
  readonly [extra: string]: unknown;
}

/** One finding for tools: the contract's fields first, then what else explains it. */
export function jsonFinding(f: SheetFinding): JsonFinding {
  const value = 'value' in f && typeof f.value === 'number' ? f.value : null;
  const judged = 'minimum' in f && f.minimum && typeof f.minimum === 'object' ? f.minimum : null;
  const minimum = judged ? judged.value : f.code === 'target-mismatch' ? f.official : null;
  const out: Record<string, unknown> = {
    code: f.code,
    sheet: f.sheet ?? null,
    cell: f.cell ?? null,
    indicatorId: f.indicatorId ?? null,
    quarter: f.quarter ?? null,
    value,
    minimum,
    message: f.message,
  };
  if (judged) {
    out.comparator = judged.comparator;
    out.minimumSource = judged.source;
  }
  switch (f.code) {
    case 'below-minimum':
      out.gap = f.gap;
      out.nearMiss = f.nearMiss;
      break;
    case 'met':
      out.margin = f.margin;
      break;
    case 'missing-value':
    case 'not-applicable':
    case 'not-an-annex':
      out.reason = f.reason;
      break;
    case 'invalid-value':
      out.reason = f.reason;
      out.raw = f.raw;
      if (f.detail !== undefined) out.detail = f.detail;
      break;
    case 'target-mismatch':
      out.target = f.target;
      out.lowered = f.lowered;
      out.raw = f.raw;
      break;
    case 'unrecognised-row':
      out.row = f.row;
      out.text = f.text;
      break;
  }
  if ('targetRow' in f && f.targetRow !== undefined) out.targetRow = f.targetRow;
  return out as JsonFinding;
}

export interface JsonReportMeta {
  readonly generatedAt: string;
  readonly locale: string;
  readonly options: Record<string, unknown>;
  readonly skipped: readonly { path: string; reason: string }[];
}

export function jsonReport(
  files: readonly FileReport[],
  meta: JsonReportMeta,
): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: meta.generatedAt,
    locale: meta.locale,
    options: meta.options,
    files: files.map((file) => ({
      file: file.file,
      ...(file.error ? { error: file.error.message, errorCode: file.error.code } : {}),
      ...(file.annotated ? { annotated: file.annotated } : {}),
      sheets: file.sheets.map((s) => ({
        sheet: s.sheet,
        status: s.status,
        ...(s.needs.length ? { needs: s.needs } : {}),
        context: s.context,
        summary: s.summary.byCode,
        findings: s.findings.map(jsonFinding),
      })),
      skippedSheets: file.skippedSheets,
    })),
    skipped: meta.skipped,
  };
}
