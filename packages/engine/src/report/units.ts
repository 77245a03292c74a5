/**
 * The units × indicators matrix of a consolidated report: one row per unit over every quarter
 * checked, whatever the unit sent (annexes, one sheet per unit, or rows of a unit table). The
 * command line's report.json (`units`), report.html and report.xlsx, and the add-in's report
 * sheet all read it; none of them derives its own.
 *
 * A unit is known by its name as `unitKey` folds it ("UBND xã Tân Lập" = "Ủy ban nhân dân xã Tân
 * Lập"), within the target set it was checked against. When a unit sent several submissions (an
 * original and a revised copy, or one workbook per quarter), each quarter is taken from the latest
 * submission that reports it — latest by the workbook's own modified date, then the file's, then
 * the order found — and a submission none of whose quarters is used is listed as superseded, with
 * the submission that replaced it.
 *
 * Data only: statuses and ids, values in the indicator's unit. Words are the surfaces'.
 */
import type { CheckContext, SheetFinding } from '../annex/check.js';
import { unitKey } from '../annex/unit-name.js';
import type { FindingList } from '../finding-list.js';
import { type FindingUnit, type Quarter, unitPlace } from '../findings.js';
import type { Comparator, TargetSet } from '../schema.js';
import { SEVERITY, STATUS, type Status, statusOf } from '../status.js';

/** One checked sheet as a report sees it: where it came from, and what the engine found. */
export interface Submission {
  /** The file as the report names it (a path). */
  readonly file: string;
  readonly sheet: string;
  /** The sheet is hidden in its workbook (checked because the user asked to). */
  readonly hidden?: boolean;
  /** The workbook's own last-modified date (docProps/core.xml `dcterms:modified`), ISO 8601. */
  readonly modified?: string;
  /** The file's modification time, ISO 8601: the tie-break after `modified`. */
  readonly fileModified?: string;
  readonly context: CheckContext;
  readonly findings: FindingList;
}

/** Where a unit's values came from. */
export interface UnitSource {
  readonly file: string;
  readonly sheet: string;
  /** The quarters this submission gives the unit's row. */
  readonly quarters: readonly Quarter[];
  /** The 1-based row of a unit table, when the unit is one row of a table. */
  readonly row?: number;
  /** The 1-based first column of the unit's group, when units stand side by side. */
  readonly column?: number;
  readonly hidden?: true;
  readonly modified?: string;
}

/** A submission of a unit that a later one replaced entirely. */
export interface SupersededSource {
  readonly file: string;
  readonly sheet: string;
  readonly row?: number;
  readonly column?: number;
  readonly modified?: string;
  /** The file of the submission that replaced it (the unit's latest). */
  readonly supersededBy: { readonly file: string; readonly sheet: string };
}

/** An indicator's value at one quarter: the worst finding of that quarter. */
export interface QuarterCell {
  readonly quarter: Quarter;
  readonly status: Status;
  /** The value read, in the indicator's unit; null when there is none (missing, not read). */
  readonly value: number | null;
  /** The official minimum it was judged against; null when it was not judged. */
  readonly minimum: number | null;
  readonly comparator: Comparator | null;
  /** The A1 cell, and the file and sheet it is in. */
  readonly cell: string | null;
  readonly file: string;
  readonly sheet: string;
  /** The gap to the minimum of a value below it (positive: how far short). */
  readonly gap?: number;
  /**
   * What was typed, for a value the check could not read in the indicator's unit ("11,3/18" in a
   * percent indicator, 0,86 in a column mixing fractions and percentages): `value` is then null,
   * so that no surface shows a reading the check refused. An out-of-range percentage keeps its value.
   */
  readonly raw?: string | number | boolean | null;
}

/** A unit's cell for one indicator: the worst status over the quarters checked, and each quarter. */
export interface IndicatorCell {
  /** The worst status over `quarters` (severity order of `SEVERITY`). */
  readonly status: Status;
  readonly quarters: readonly QuarterCell[];
  /** A target written in the sheet differs from the official one (listed apart, never the cell's status). */
  readonly targetMismatch?: true;
}

export interface UnitRow {
  /** `unitKey` of the name, or `file › sheet` when the sheet names no unit. */
  readonly key: string;
  /** The unit's name as first written; null when no submission names it. */
  readonly unit: string | null;
  /** The level id in the set; null when no submission tells it. */
  readonly level: string | null;
  readonly targetSetId: string;
  readonly files: readonly UnitSource[];
  readonly superseded: readonly SupersededSource[];
  /** By indicator id; an indicator the unit has no value-finding for is absent. */
  readonly indicators: Readonly<Record<string, IndicatorCell>>;
  /** How many of the unit's indicator cells have each status. */
  readonly counts: Readonly<Partial<Record<Status, number>>>;
  /** Indicator cells whose status fails the check (below, near miss, invalid, missing). */
  readonly failing: number;
}

/** A target set's part of the matrix: its columns (indicators, by section) and its unit rows. */
export interface SetMatrix {
  readonly targetSetId: string;
  /** The sections that hold at least one indicator, in the set's order, each with its indicators. */
  readonly sections: readonly { readonly id: string; readonly indicatorIds: readonly string[] }[];
  /** The quarters any unit reports, ascending. */
  readonly quarters: readonly Quarter[];
  readonly units: readonly UnitRow[];
  /** Per indicator: how many units have each worst status. */
  readonly indicatorCounts: Readonly<Record<string, Readonly<Partial<Record<Status, number>>>>>;
}

export interface UnitsMatrix {
  /** One per target set used, in the order first used. */
  readonly sets: readonly SetMatrix[];
}

const RANK: ReadonlyMap<Status, number> = new Map(SEVERITY.map((s, i) => [s, i]));

function rank(s: Status): number {
  return RANK.get(s) ?? SEVERITY.length;
}

/** The worse of two statuses in the one order of severity. */
export function worseStatus(a: Status, b: Status): Status {
  return rank(b) < rank(a) ? b : a;
}

/** The worst status of a list (undefined when empty). */
export function worstStatus(statuses: Iterable<Status>): Status | undefined {
  let worst: Status | undefined;
  for (const s of statuses) worst = worst === undefined ? s : worseStatus(worst, s);
  return worst;
}

/**
 * The unit indicator cell counts as met for "6/9 đơn vị đạt": met (or nothing arose to count,
 * `not-occurred`), over every unit the indicator applies to (not `not-applicable`).
 */
export function indicatorTally(counts: Readonly<Partial<Record<Status, number>>>): {
  readonly met: number;
  readonly of: number;
} {
  let of = 0;
  for (const [s, n] of Object.entries(counts) as [Status, number][])
    if (s !== 'not-applicable') of += n;
  return { met: (counts.met ?? 0) + (counts['not-occurred'] ?? 0), of };
}

/** One unit's part of a submission: a whole annex sheet, or one row of a unit table. */
interface Part {
  readonly submission: Submission;
  readonly order: number;
  readonly name: string | undefined;
  readonly level: string | undefined;
  readonly row?: number;
  readonly column?: number;
  /** Its worst value-finding per quarter and indicator, in the order first found. */
  readonly quarters: Map<Quarter, Map<string, SheetFinding>>;
  /** The indicators whose target its sheet writes otherwise (a target-mismatch), in order. */
  readonly altered: Set<string>;
}

/**
 * A submission as the units it reports on: itself (an annex), or one part per unit-table row (by
 * place: a unit table's row, or a heading's group of columns, units side by side). Its findings
 * are read once, in order, and only what the matrix needs is kept of them.
 */
function partsOf(s: Submission, order: number): Part[] {
  const part = (name: string | undefined, level: string | undefined, unit?: FindingUnit): Part => ({
    submission: s,
    order,
    name,
    level,
    ...(unit ? { row: unit.row } : {}),
    ...(unit?.column !== undefined ? { column: unit.column } : {}),
    quarters: new Map(),
    altered: new Set(),
  });
  const whole = part(s.context.unitName, s.context.level);
  const byPlace = new Map<string, Part>();
  for (const f of s.findings) {
    let into = whole;
    if (f.forUnit !== undefined) {
      const place = unitPlace(f.forUnit);
      let unit = byPlace.get(place);
      if (unit === undefined) {
        unit = part(f.forUnit.name, f.forUnit.level ?? s.context.level, f.forUnit);
        byPlace.set(place, unit);
      }
      into = unit;
    }
    note(into, f);
  }
  // findings naming no unit in a unit table are the sheet's, not a unit's
  return byPlace.size === 0 ? [whole] : [...byPlace.values()];
}

/** What a part keeps of one of its findings: a value's status, a target written otherwise. */
function note(part: Part, f: SheetFinding): void {
  if (f.code === 'target-mismatch' && f.indicatorId !== undefined) part.altered.add(f.indicatorId);
  if (f.quarter === undefined || f.indicatorId === undefined) return;
  const status = statusOf(f);
  if (STATUS[status].scope !== 'value') return;
  let byIndicator = part.quarters.get(f.quarter);
  if (byIndicator === undefined) {
    byIndicator = new Map();
    part.quarters.set(f.quarter, byIndicator);
  }
  const before = byIndicator.get(f.indicatorId);
  if (before === undefined || rank(status) < rank(statusOf(before)))
    byIndicator.set(f.indicatorId, f);
}

/** Later first: the workbook's own date, then the file's, then visible before hidden, then the later found. */
function laterFirst(a: Part, b: Part): number {
  const byDate = (x: string | undefined, y: string | undefined): number =>
    x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x < y ? 1 : -1;
  return (
    byDate(a.submission.modified, b.submission.modified) ||
    byDate(a.submission.fileModified, b.submission.fileModified) ||
    // one workbook's sheets share its dates: a visible sheet over a hidden (old) one
    Number(a.submission.hidden === true) - Number(b.submission.hidden === true) ||
    b.order - a.order
  );
}

/**
 * A finding's value could not be read in its indicator's unit ("11,3/18" in a percent indicator,
 * 0,86 in a column mixing fractions and percentages, "1.234"): surfaces show what was typed
 * (`raw`), never the value the check refused. An out-of-range percentage is still a percentage.
 */
export function notReadInUnit(
  f: SheetFinding,
): f is Extract<SheetFinding, { readonly code: 'invalid-value' }> {
  return f.code === 'invalid-value' && f.reason !== 'out-of-range';
}

function quarterCell(f: SheetFinding, part: Part): QuarterCell {
  const unread = notReadInUnit(f) ? f : undefined;
  const value =
    unread === undefined && 'value' in f && typeof f.value === 'number' ? f.value : null;
  const judged = 'minimum' in f && f.minimum && typeof f.minimum === 'object' ? f.minimum : null;
  return {
    quarter: f.quarter as Quarter,
    status: statusOf(f),
    value,
    minimum: judged ? judged.value : null,
    comparator: judged ? judged.comparator : null,
    cell: f.cell ?? null,
    file: part.submission.file,
    sheet: part.submission.sheet,
    ...(f.code === 'below-minimum' ? { gap: f.gap } : {}),
    ...(unread ? { raw: unread.raw } : {}),
  };
}

function unitRow(key: string, setId: string, parts: Part[]): UnitRow {
  const sorted = [...parts].sort(laterFirst);
  const taken = new Map<Part, Quarter[]>();
  const cells = new Map<string, QuarterCell[]>();
  const altered = new Set<string>();
  const claimed = new Set<Quarter>();
  for (const part of sorted) {
    for (const [q, byIndicator] of [...part.quarters].sort(([a], [b]) => a - b)) {
      if (claimed.has(q)) continue;
      claimed.add(q);
      const list = taken.get(part);
      if (list === undefined) taken.set(part, [q]);
      else list.push(q);
      for (const [id, f] of byIndicator) {
        const at = cells.get(id);
        if (at === undefined) cells.set(id, [quarterCell(f, part)]);
        else at.push(quarterCell(f, part));
      }
    }
  }
  // A lowered target counts for the submissions whose values are used.
  for (const part of taken.keys()) for (const id of part.altered) altered.add(id);

  const latest = sorted[0] as Part;
  const files: UnitSource[] = [];
  const superseded: SupersededSource[] = [];
  // Sources in the order found, not by date: a reader follows the files as listed.
  for (const part of [...parts].sort((a, b) => a.order - b.order)) {
    const quarters = taken.get(part);
    const where = {
      file: part.submission.file,
      sheet: part.submission.sheet,
      ...(part.row !== undefined ? { row: part.row } : {}),
      ...(part.column !== undefined ? { column: part.column } : {}),
    };
    if (quarters !== undefined || part === latest)
      files.push({
        ...where,
        quarters: (quarters ?? []).sort((a, b) => a - b),
        ...(part.submission.hidden ? { hidden: true as const } : {}),
        ...(part.submission.modified !== undefined ? { modified: part.submission.modified } : {}),
      });
    else
      superseded.push({
        ...where,
        ...(part.submission.modified !== undefined ? { modified: part.submission.modified } : {}),
        supersededBy: { file: latest.submission.file, sheet: latest.submission.sheet },
      });
  }

  const indicators: Record<string, IndicatorCell> = {};
  const counts: Partial<Record<Status, number>> = {};
  let failing = 0;
  for (const [id, list] of cells) {
    list.sort((a, b) => a.quarter - b.quarter);
    const status = worstStatus(list.map((c) => c.status)) as Status;
    indicators[id] = {
      status,
      quarters: list,
      ...(altered.has(id) ? { targetMismatch: true as const } : {}),
    };
    counts[status] = (counts[status] ?? 0) + 1;
    if (STATUS[status].failsCheck) failing++;
  }
  for (const id of altered)
    if (indicators[id] === undefined)
      indicators[id] = { status: 'target-mismatch', quarters: [], targetMismatch: true };

  const named = sorted.find((p) => p.name !== undefined)?.name;
  const level = sorted.find((p) => p.level !== undefined)?.level;
  return {
    key,
    unit: named ?? null,
    level: level ?? null,
    targetSetId: setId,
    files,
    superseded,
    indicators,
    counts,
    failing,
  };
}

/**
 * The parts of every submission checked against a set `sets` gives, by set, then by unit key, in
 * the order first seen (a submission whose set is not given is left out).
 */
function unitParts(
  submissions: readonly Submission[],
  sets: ReadonlyMap<string, TargetSet>,
): Map<string, Map<string, Part[]>> {
  const bySet = new Map<string, Map<string, Part[]>>();
  submissions.forEach((s, order) => {
    const setId = s.context.targetSetId;
    if (setId === undefined || !sets.has(setId)) return;
    let units = bySet.get(setId);
    if (units === undefined) {
      units = new Map();
      bySet.set(setId, units);
    }
    for (const part of partsOf(s, order)) {
      const named = part.name !== undefined ? unitKey(part.name) : '';
      const key =
        named !== ''
          ? named
          : `${s.file} › ${s.sheet}${part.row !== undefined ? ` › ${part.row}` : ''}${part.column !== undefined ? `:${part.column}` : ''}`;
      const list = units.get(key);
      if (list === undefined) units.set(key, [part]);
      else list.push(part);
    }
  });
  return bySet;
}

/** A set's part of the matrix, over the given unit rows. */
function setMatrix(setId: string, set: TargetSet, rows: UnitRow[]): SetMatrix {
  const quarters = new Set<Quarter>();
  const indicatorCounts: Record<string, Partial<Record<Status, number>>> = {};
  for (const ind of set.indicators) indicatorCounts[ind.id] = {};
  for (const row of rows)
    for (const [id, cell] of Object.entries(row.indicators)) {
      for (const q of cell.quarters) quarters.add(q.quarter);
      const c = indicatorCounts[id];
      if (c !== undefined) c[cell.status] = (c[cell.status] ?? 0) + 1;
    }
  const sections = set.sections
    .map((sec) => ({
      id: sec.id,
      indicatorIds: set.indicators.filter((i) => i.section === sec.id).map((i) => i.id),
    }))
    .filter((sec) => sec.indicatorIds.length > 0);
  return {
    targetSetId: setId,
    sections,
    quarters: [...quarters].sort((a, b) => a - b),
    units: rows,
    indicatorCounts,
  };
}

/**
 * The matrix of every submission checked against a target set. `sets` gives each set's
 * indicators and sections (a submission whose set is not given is left out).
 */
export function unitsMatrix(
  submissions: readonly Submission[],
  sets: ReadonlyMap<string, TargetSet>,
): UnitsMatrix {
  const out: SetMatrix[] = [];
  for (const [setId, units] of unitParts(submissions, sets)) {
    const rows = [...units].map(([key, parts]) => unitRow(key, setId, parts));
    out.push(setMatrix(setId, sets.get(setId) as TargetSet, rows));
  }
  return { sets: out };
}

/**
 * The rows of `unitsMatrix` whose units have a superseded submission, and only those (each set's
 * counts and quarters over them): what a report that tells only which submissions another
 * superseded needs. A unit seen in one part only supersedes nothing, so only the units seen in
 * several are made (a unit table of 2,000 units: none).
 */
export function supersededUnits(
  submissions: readonly Submission[],
  sets: ReadonlyMap<string, TargetSet>,
): UnitsMatrix {
  const out: SetMatrix[] = [];
  for (const [setId, units] of unitParts(submissions, sets)) {
    const rows: UnitRow[] = [];
    for (const [key, parts] of units) {
      if (parts.length < 2) continue;
      const row = unitRow(key, setId, parts);
      if (row.superseded.length > 0) rows.push(row);
    }
    if (rows.length > 0) out.push(setMatrix(setId, sets.get(setId) as TargetSet, rows));
  }
  return { sets: out };
}

// ---------------------------------------------------------------------------------------------
// The office's roster: who should have sent something.

export interface RosterEntry {
  readonly name: string;
  readonly level?: string;
  readonly code?: string;
  /** Where the entry is in the roster file (1-based line or row), for messages. */
  readonly line?: number;
}

export interface RosterMatch {
  /** Roster entries no unit of the matrix matches, in the roster's order. */
  readonly notSubmitted: readonly RosterEntry[];
  /** Units of the matrix no roster entry matches (by set, in the matrix's order). */
  readonly notOnRoster: readonly UnitRow[];
  /** For each matched unit key, its roster entry. */
  readonly matched: ReadonlyMap<string, RosterEntry>;
}

/**
 * A unit's name compared with a roster's: equal keys (`unitKey`), or equal once a leading
 * "UBND" is dropped ("Xã Tân Lập" on the roster, "UBND xã Tân Lập" in the workbook).
 */
function rosterKeys(name: string): string[] {
  const key = unitKey(name);
  const bare = key.replace(/^ubnd\s+/, '');
  return bare === key ? [key] : [key, bare];
}

/** Which roster units sent nothing, and which units that sent something are not on the roster. */
export function matchRoster(matrix: UnitsMatrix, roster: readonly RosterEntry[]): RosterMatch {
  const byKey = new Map<string, RosterEntry>();
  for (const entry of roster)
    for (const k of rosterKeys(entry.name)) if (!byKey.has(k)) byKey.set(k, entry);
  const found = new Set<RosterEntry>();
  const matched = new Map<string, RosterEntry>();
  const notOnRoster: UnitRow[] = [];
  for (const set of matrix.sets)
    for (const row of set.units) {
      const entry =
        row.unit === null
          ? undefined
          : rosterKeys(row.unit)
              .map((k) => byKey.get(k))
              .find((e) => e !== undefined);
      if (entry === undefined) notOnRoster.push(row);
      else {
        found.add(entry);
        matched.set(row.key, entry);
      }
    }
  return { notSubmitted: roster.filter((e) => !found.has(e)), notOnRoster, matched };
}

// ---------------------------------------------------------------------------------------------
// Change since the previous report.

/** What a previous report says of a unit's indicator: the shape report.json's `units` has. */
export interface PreviousUnit {
  readonly unit: string | null;
  readonly key?: string;
  readonly targetSetId?: string;
  readonly indicators: Readonly<
    Record<
      string,
      {
        readonly status: string;
        readonly quarters?: readonly { readonly quarter: number; readonly value: number | null }[];
      }
    >
  >;
}

export interface IndicatorChange {
  readonly indicatorId: string;
  /** The latest quarter's value in the previous report, and in this one. */
  readonly previousValue: number | null;
  readonly previousQuarter: number | null;
  readonly previousStatus: string;
  readonly value: number | null;
  readonly quarter: number | null;
  /** value − previousValue, when both are numbers. */
  readonly change: number | null;
  /** Met before (met or nothing arose) and now fails the check. */
  readonly fellBelow: boolean;
}

export interface UnitChange {
  readonly key: string;
  readonly targetSetId: string;
  readonly changes: readonly IndicatorChange[];
}

const MET_BEFORE: ReadonlySet<string> = new Set(['met', 'not-occurred']);

function latestOf(
  quarters: readonly { readonly quarter: number; readonly value: number | null }[] | undefined,
) {
  if (quarters === undefined || quarters.length === 0) return undefined;
  return quarters.reduce((a, b) => (b.quarter > a.quarter ? b : a));
}

/**
 * Per unit and indicator, the previous value and the change; units are matched by key (as this
 * module makes it) or by name, within the same target set when the previous report says which.
 */
export function compareWithPrevious(
  matrix: UnitsMatrix,
  previous: readonly PreviousUnit[],
): UnitChange[] {
  const before = new Map<string, PreviousUnit>();
  for (const p of previous) {
    const key = p.key ?? (p.unit === null ? undefined : unitKey(p.unit));
    if (key !== undefined) before.set(`${p.targetSetId ?? ''}\u0000${key}`, p);
  }
  const out: UnitChange[] = [];
  for (const set of matrix.sets)
    for (const row of set.units) {
      const p = before.get(`${set.targetSetId}\u0000${row.key}`) ?? before.get(`\u0000${row.key}`);
      if (p === undefined) continue;
      const changes: IndicatorChange[] = [];
      for (const [id, cell] of Object.entries(row.indicators)) {
        const prev = p.indicators[id];
        if (prev === undefined) continue;
        const was = latestOf(prev.quarters);
        const now = latestOf(cell.quarters);
        const previousValue = was?.value ?? null;
        const value = now?.value ?? null;
        changes.push({
          indicatorId: id,
          previousValue,
          previousQuarter: was?.quarter ?? null,
          previousStatus: prev.status,
          value,
          quarter: now?.quarter ?? null,
          change:
            previousValue !== null && value !== null
              ? Math.round((value - previousValue) * 1e9) / 1e9
              : null,
          fellBelow: MET_BEFORE.has(prev.status) && STATUS[cell.status].failsCheck,
        });
      }
      out.push({ key: row.key, targetSetId: set.targetSetId, changes });
    }
  return out;
}
