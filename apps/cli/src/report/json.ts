/** The JSON report: the contract other tools rely on (see shared/BRIEF.md). */
import {
  INVALID_FIELDS,
  type IndicatorChange,
  type Locale,
  type SheetFinding,
  type SheetNotice,
  type UnitRow,
} from '@chitieu/engine';
import type { FileReport, SheetReport } from '../run-check.js';
import { type Consolidated, rowId } from './consolidated.js';
import { findingWords, noticeWords, skipWords } from './words.js';

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

/** One finding for tools: the contract's fields first (its words given), then what else explains it. */
export function jsonFinding(f: SheetFinding, message: string): JsonFinding {
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
    message,
  };
  if (judged) {
    out.comparator = judged.comparator;
    out.minimumSource = judged.source;
    // a minimum the document does not state as a target: the passage it is inferred from
    if (judged.inferredFrom !== undefined) out.minimumInferredFrom = judged.inferredFrom;
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
      for (const key of INVALID_FIELDS) if (f[key] !== undefined) out[key] = f[key];
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
  // a unit table's finding (one row per unit): whose it is
  if (f.code === 'unrecognised-row' && f.needs !== undefined) out.needs = f.needs;
  if (f.code === 'not-an-annex' && f.missing !== undefined) out.missing = f.missing;
  if (f.forUnit !== undefined)
    out.unit = {
      name: f.forUnit.name,
      level: f.forUnit.level ?? null,
      row: f.forUnit.row,
      ...(f.forUnit.column !== undefined ? { column: f.forUnit.column } : {}),
    };
  return out as JsonFinding;
}

/** A sheet notice for tools: its code and typed fields as the engine gives them, and its words. */
export function jsonNotice(
  notice: SheetNotice,
  sheet: SheetReport,
  locale: Locale,
): Record<string, unknown> {
  // the code first, then the typed fields in the engine's order, then the words
  const { code, ...fields } = notice;
  return { code, ...fields, message: noticeWords(notice, sheet, locale) };
}

export interface JsonReportMeta {
  readonly generatedAt: string;
  readonly locale: Locale;
  readonly options: Record<string, unknown>;
  readonly skipped: readonly { path: string; reason: string }[];
  /**
   * The run across files (the units matrix, and the roster's match and the change since a
   * previous report when asked): `units`, `notSubmitted`, `notOnRoster` and `fellBelow` after
   * `files`. Absent: the document has only the files (as before the matrix).
   */
  readonly consolidated?: Consolidated;
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
                // a skipped sheet: why, in words too ("trang tính ẩn")
                ...(s.reason !== undefined
                  ? { reason: s.reason, message: skipWords(s.reason, meta.locale) }
                  : {}),
                ...(s.hidden ? { hidden: true, state: s.state ?? 'hidden' } : {}),
                ...(s.needs.length ? { needs: s.needs } : {}),
                context: s.context,
                summary: s.summary.byCode,
                // (a notice may name thousands of cells: written member by member too)
                notices: new Lazy(function* () {
                  for (const n of s.notices ?? [])
                    yield new JsonObject(jsonNotice(n, s, meta.locale));
                }),
                findings: new Lazy(function* () {
                  for (const f of s.findings) yield jsonFinding(f, findingWords(f, s, meta.locale));
                }),
              });
            }
          }),
          skippedSheets: file.skippedSheets,
        });
      }
    }),
    ...(meta.consolidated ? consolidatedMembers(meta.consolidated) : {}),
    skipped: meta.skipped,
  });
}

/** The previous report's value of a unit's indicator, and the change since (with --compare). */
function jsonPrevious(c: IndicatorChange) {
  return {
    quarter: c.previousQuarter,
    value: c.previousValue,
    status: c.previousStatus,
    change: c.change,
  };
}

/**
 * One unit of `units`: the engine's row (names as written, ids, statuses; no words), each
 * indicator with its previous value when a previous report was given and knew it.
 */
export function jsonUnit(
  row: UnitRow,
  changes?: ReadonlyMap<string, IndicatorChange>,
): Record<string, unknown> {
  const indicators: Record<string, unknown> = {};
  for (const [id, cell] of Object.entries(row.indicators)) {
    const change = changes?.get(id);
    indicators[id] = change ? { ...cell, previous: jsonPrevious(change) } : cell;
  }
  return {
    unit: row.unit,
    key: row.key,
    level: row.level,
    targetSetId: row.targetSetId,
    files: row.files,
    superseded: row.superseded,
    indicators,
    counts: row.counts,
    failing: row.failing,
  };
}

/** A unit as a list names it (not on the roster): who, and where it came from. */
function jsonUnitRef(row: UnitRow): Record<string, unknown> {
  return {
    unit: row.unit,
    key: row.key,
    level: row.level,
    targetSetId: row.targetSetId,
    files: row.files.map((f) => ({
      file: f.file,
      sheet: f.sheet,
      ...(f.row !== undefined ? { row: f.row } : {}),
      ...(f.column !== undefined ? { column: f.column } : {}),
    })),
  };
}

/** `units`, and `notSubmitted`, `notOnRoster` (--roster) and `fellBelow` (--compare). */
function consolidatedMembers(c: Consolidated): Record<string, unknown> {
  const out: Record<string, unknown> = {
    units: new Lazy(function* () {
      for (const set of c.matrix.sets)
        for (const row of set.units) yield jsonUnit(row, c.changes?.get(rowId(row)));
    }),
  };
  if (c.roster) {
    out.notSubmitted = c.roster.notSubmitted.map((e) => ({
      name: e.name,
      level: e.level ?? null,
      code: e.code ?? null,
      line: e.line ?? null,
    }));
    out.notOnRoster = c.roster.notOnRoster.map(jsonUnitRef);
  }
  if (c.fellBelow)
    out.fellBelow = c.fellBelow.map(({ row, change }) => ({
      unit: row.unit,
      key: row.key,
      level: row.level,
      targetSetId: row.targetSetId,
      indicatorId: change.indicatorId,
      quarter: change.quarter,
      value: change.value,
      status: row.indicators[change.indicatorId]?.status ?? null,
      previous: jsonPrevious(change),
    }));
  return out;
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
 * The report's text is handed on in pieces of about this many characters: small enough for the
 * young generation (a string of 64,000 Vietnamese characters, 128 KB, is made in the old one,
 * and a document's worth of them piled up there until a full collection).
 */
const CHUNK = 16_384;

/**
 * Text being made, as its pieces, joined a few thousand at a time into blocks and the blocks
 * into a chunk (appending with `+=` instead makes a rope of some 10,000 leaves per chunk, whose
 * flattening cost more than making it; an array of all a chunk's pieces is too large for the
 * young generation, and one a chunk piled up in the old one).
 */
class Pending {
  private parts: string[] = [];
  private blocks: string[] = [];
  size = 0;
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.parts.length >= 2048) {
      this.blocks.push(this.parts.join(''));
      this.parts = [];
    }
  }
  take(): string {
    this.blocks.push(this.parts.join(''));
    const text = this.blocks.length === 1 ? (this.blocks[0] as string) : this.blocks.join('');
    this.parts = [];
    this.blocks = [];
    this.size = 0;
    return text;
  }
}

/** A string in one piece (a rope's leaves are copied once here, not at every join). */
const flat = (...pieces: string[]): string => pieces.join('');

/**
 * The layout of one depth of the document: its indentation and the texts that open, separate
 * and close its members and items, made once (with each key quoted once) instead of per value.
 */
class Depth {
  readonly inner: string;
  readonly firstItem: string;
  readonly nextItem: string;
  readonly endObject: string;
  readonly endArray: string;
  /** A line break and this depth's indentation (re-indenting JSON.stringify's text). */
  readonly newline: string;
  /** The indentation's steps of two spaces, or -1 when it is not made of them. */
  readonly steps: number;
  private readonly keys = new Map<string, readonly [first: string, next: string]>();
  private child: Depth | undefined;
  constructor(readonly indent: string) {
    this.inner = flat(indent, INDENT);
    this.firstItem = flat('[\n', this.inner);
    this.nextItem = flat(',\n', this.inner);
    this.endObject = flat('\n', indent, '}');
    this.endArray = flat('\n', indent, ']');
    this.newline = flat('\n', indent);
    this.steps = /^(?: {2})*$/.test(indent) ? indent.length / 2 : -1;
  }
  /** The depth of this one's members and items. */
  get deeper(): Depth {
    this.child ??= new Depth(this.inner);
    return this.child;
  }
  /** `{\n    "key": ` or `,\n    "key": `. */
  member(key: string, first: boolean): string {
    let texts = this.keys.get(key);
    if (texts === undefined) {
      const quoted = JSON.stringify(key);
      texts = [flat('{\n', this.inner, quoted, ': '), flat(',\n', this.inner, quoted, ': ')];
      if (this.keys.size < 1024) this.keys.set(key, texts);
    }
    return first ? texts[0] : texts[1];
  }
}

const depths = new Map<string, Depth>();
function depthOf(indent: string): Depth {
  let depth = depths.get(indent);
  if (depth === undefined) {
    depth = new Depth(indent);
    if (depths.size < 16) depths.set(indent, depth);
  }
  return depth;
}

/**
 * JSON.stringify's text of `value` as it stands at `depth`, with the depth's indentation after
 * each line break, without a re-indentation: `value` put inside as many one-item arrays as the
 * depth has steps of two spaces, whose lines are left off (an array of k such wrappers has
 * k² + 3k characters before its item and k² + k after it: "[\n  " and "\n]" for one).
 */
function textAt(value: unknown, depth: Depth): string {
  const k = depth.steps;
  if (k === 0) return JSON.stringify(value, null, 2);
  if (k < 0) return JSON.stringify(value, null, 2).replaceAll('\n', depth.newline);
  let wrapped = value;
  for (let i = 0; i < k; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(k * k + 3 * k, text.length - k * k - k);
}

/**
 * JSON.stringify's text of a value `walk` does not walk (neither `JsonObject`, `Lazy` nor array),
 * at `depth`, or undefined when it is left out (undefined, a function, a symbol).
 */
function plainText(value: unknown, depth: Depth): string | undefined {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      // its own toJSON (a Date, …) may give undefined: then it is left out too
      if (value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        const text = JSON.stringify(value, null, 2) as string | undefined;
        return text === undefined || depth.indent === ''
          ? text
          : text.replaceAll('\n', depth.newline);
      }
  }
  return textAt(value, depth);
}

/**
 * Plain items (neither `JsonObject`, `Lazy` nor array: a finding, a unit) are written about a
 * CHUNK of characters at a time: gathered into one array, written by one `JSON.stringify` (the
 * same text as item by item, with far less of the program's own work per value), the array's
 * brackets left off. Larger batches make strings for the old generation (64,000 characters: a
 * 20,000-row sheet's --format json took 5% more CPU and 10% more memory than with 16,384).
 */
const BATCH = CHUNK;

/**
 * How many plain items the next batch of an array takes: as many as would have made about BATCH
 * characters of the last one (a finding is some 700 characters, a unit of 80 indicators more).
 */
class Batch {
  items: unknown[] = [];
  limit = 16;
  /** Whether the items gathered are enough for a batch. */
  get full(): boolean {
    return this.items.length >= this.limit;
  }
  /** Appends the items gathered, as items of an array at `depth` (`first`: none before them). */
  flush(out: Pending, depth: Depth, first: boolean): void {
    const items = this.items;
    this.items = [];
    // "[\n  item,\n  item\n]" at the depth's indentation: its first character (`[`, or `,` when
    // items came before) and its last line ("\n" + indent + "]") left off
    const text = textAt(items, depth);
    out.add(first ? '[' : ',');
    out.add(text.slice(1, text.length - depth.indent.length - 2));
    this.limit = Math.max(1, Math.min(65_536, Math.floor((BATCH * items.length) / text.length)));
  }
}

/** Whether `walk` writes a value itself (member by member, item by item) rather than gives it to JSON.stringify. */
const walked = (value: unknown): boolean =>
  value instanceof JsonObject || value instanceof Lazy || Array.isArray(value);

/**
 * Writes a `JsonObject`, a `Lazy` array or an array, walking them and the ones inside them
 * member by member and item by item and handing on the text made whenever it holds about CHUNK
 * characters; everything else (a plain object, a finding) is written by JSON.stringify, the plain
 * items of an array a batch at a time.
 */
function* walk(out: Pending, value: unknown, depth: Depth): Generator<string> {
  if (value instanceof JsonObject) {
    const deeper = depth.deeper;
    let first = true;
    for (const [key, member] of Object.entries(value.members)) {
      if (walked(member)) {
        out.add(depth.member(key, first));
        first = false;
        yield* walk(out, member, deeper);
        continue;
      }
      const text = plainText(member, deeper);
      if (text === undefined) continue;
      out.add(depth.member(key, first));
      first = false;
      out.add(text);
    }
    out.add(first ? '{}' : depth.endObject);
    return;
  }
  if (value instanceof Lazy || Array.isArray(value)) {
    const deeper = depth.deeper;
    let first = true;
    const batch = new Batch();
    const items = value instanceof Lazy ? (value.items() as Iterable<unknown>) : value;
    for (const item of items) {
      if (!walked(item)) {
        batch.items.push(item);
        if (!batch.full) continue;
        batch.flush(out, depth, first);
        first = false;
      } else {
        if (batch.items.length > 0) {
          batch.flush(out, depth, first);
          first = false;
        }
        out.add(first ? depth.firstItem : depth.nextItem);
        first = false;
        yield* walk(out, item, deeper);
      }
      if (out.size >= CHUNK) yield out.take();
    }
    if (batch.items.length > 0) {
      batch.flush(out, depth, first);
      first = false;
    }
    out.add(first ? '[]' : depth.endArray);
  }
}

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces of about 16,000 characters: `JsonObject`s and
 * `Lazy` arrays are written member by member and item by item (their plain items a batch at a time), so the whole text is never one
 * string; `indent` is the depth the value stands at (JSON text has no raw line break inside a
 * string, so every line break is layout).
 */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  const out = new Pending();
  const depth = depthOf(indent);
  if (walked(value)) yield* walk(out, value, depth);
  else {
    const text = plainText(value, depth);
    if (text !== undefined) out.add(text);
  }
  if (out.size > 0) yield out.take();
}

/**
 * Writes the report's JSON text (exactly `JSON.stringify(jsonReport(…), null, 2)` and a line
 * break) in pieces of about 16,000 characters, waiting for each write: the document is never one string.
 */
export async function writeJsonReport(
  files: readonly FileReport[],
  meta: JsonReportMeta,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  const out = new Pending();
  for (const chunk of walk(out, jsonReportTree(files, meta), depthOf(''))) await write(chunk);
  out.add('\n');
  await write(out.take());
}
