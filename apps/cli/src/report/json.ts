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

/**
 * A JSON object written member by member: `jsonChunks` descends into it (and into `Lazy` arrays)
 * instead of building its text at once. Anything else is written with `JSON.stringify`.
 */
export class JsonObject {
  constructor(readonly members: Readonly<Record<string, unknown>>) {}
  toJSON(): Record<string, unknown> {
    return this.members as Record<string, unknown>;
  }
}

/** A JSON array whose items are made one at a time, as they are written. */
export class Lazy<T> {
  constructor(readonly items: () => Iterable<T>) {}
  toJSON(): T[] {
    return [...this.items()];
  }
}

/** The report as a tree of `JsonObject`s and `Lazy` arrays, for `writeJsonReport` and `jsonReport`. */
export function jsonReportTree(files: readonly FileReport[], meta: JsonReportMeta): JsonObject {
  return new JsonObject({
    schemaVersion: SCHEMA_VERSION,
    generatedAt: meta.generatedAt,
    locale: meta.locale,
    options: meta.options,
    files: new Lazy(function* () {
      for (const file of files) {
        yield new JsonObject({
          file: file.file,
          ...(file.error
            ? {
                error: file.error.message,
                errorCode: file.error.code,
                ...(file.error.sheet !== undefined ? { errorSheet: file.error.sheet } : {}),
              }
            : {}),
          ...(file.annotated ? { annotated: file.annotated } : {}),
          ...(file.annotationError ? { annotationError: file.annotationError } : {}),
          ...(file.symlink ? { symlink: file.symlink } : {}),
          sheets: new Lazy(function* () {
            for (const s of file.sheets) {
              yield new JsonObject({
                sheet: s.sheet,
                status: s.status,
                ...(s.needs.length ? { needs: s.needs } : {}),
                context: s.context,
                summary: s.summary.byCode,
                findings: new Lazy(function* () {
                  for (const f of s.findings) yield jsonFinding(f);
                }),
              });
            }
          }),
          skippedSheets: file.skippedSheets,
        });
      }
    }),
    skipped: meta.skipped,
  });
}

/** The tree with its `JsonObject`s and `Lazy` arrays made plain. */
function materialize(value: unknown): unknown {
  if (value instanceof JsonObject) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value.members)) out[key] = materialize(member);
    return out;
  }
  if (value instanceof Lazy) return Array.from(value.items(), materialize);
  return value;
}

export function jsonReport(
  files: readonly FileReport[],
  meta: JsonReportMeta,
): Record<string, unknown> {
  return materialize(jsonReportTree(files, meta)) as Record<string, unknown>;
}

const INDENT = '  ';

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces: `JsonObject`s and `Lazy` arrays are
 * written member by member and item by item, everything else with `JSON.stringify` (re-indented
 * to its depth: JSON text has no raw line break inside a string, so every line break is layout).
 */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  if (value instanceof JsonObject) {
    const entries = Object.entries(value.members).filter(([, v]) => isWritten(v));
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    const inner = indent + INDENT;
    let first = true;
    for (const [key, member] of entries) {
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonChunks(member, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  if (value instanceof Lazy) {
    const inner = indent + INDENT;
    let first = true;
    for (const item of value.items() as Iterable<unknown>) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      if (isWritten(item)) yield* jsonChunks(item, inner);
      else yield 'null';
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) return;
  yield indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

/** Whether JSON.stringify writes a member with this value (it leaves out undefined, functions and symbols). */
function isWritten(value: unknown): boolean {
  if (value instanceof JsonObject || value instanceof Lazy) return true;
  const v =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/**
 * Writes the report's JSON text (exactly `JSON.stringify(jsonReport(…), null, 2)` and a line
 * break) in pieces of about 64 KB, waiting for each write: the document is never one string.
 */
export async function writeJsonReport(
  files: readonly FileReport[],
  meta: JsonReportMeta,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  let buffer = '';
  for (const chunk of jsonChunks(jsonReportTree(files, meta))) {
    buffer += chunk;
    if (buffer.length >= 65_536) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(`${buffer}\n`);
}
