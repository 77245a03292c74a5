/**
 * Evaluation: achieved values of one unit against the official minimums of a target set.
 * A pure function over data; it never throws for well-typed input.
 */
import type { Cell } from './cell.js';
import { defaultComparator, EPSILON, meets } from './comparators.js';
import type {
  BelowMinimumFinding,
  EvaluationFinding,
  InvalidValueFinding,
  MetFinding,
  Minimum,
  MissingValueFinding,
  NotApplicableFinding,
  NotApplicableReason,
  NotOccurredFinding,
  Quarter,
  ValueReading,
} from './findings.js';
import type { Mutable } from './mutable.js';
import { parseValue } from './parse/parse-value.js';
import type { Expectation, ParsedInvalid, ParsedValue, UnitShape } from './parse/types.js';
import type { Comparator, Indicator, TargetNumber, TargetRow, TargetSet, Unit } from './schema.js';
import { targetValue } from './target-value.js';
import { normalizeText } from './text.js';

/** The unit being checked: its level id (`so`, `huyen`, `xa`) and, optionally, its name. */
export interface UnitRef {
  readonly level: string;
  /** e.g. "Sở Tư pháp": rows assigned to named agencies apply only when this matches. */
  readonly name?: string;
}

/** One achieved value: which indicator and quarter, the parsed value, and where it came from. */
export interface AchievedValue<Ref = unknown> {
  readonly indicatorId: string;
  readonly quarter: Quarter;
  readonly value: ParsedValue;
  readonly ref?: Ref;
}

export interface EvaluateOptions {
  /** Values short of the minimum by at most this much (in the indicator's unit) are near misses. Default 0: off. */
  readonly nearMissBand?: number;
}

export interface EvaluateInput<Ref = unknown> {
  readonly targetSet: TargetSet;
  readonly unit: UnitRef;
  /** Check quarters 1 up to this one; values of later quarters are ignored. */
  readonly quarter: Quarter;
  readonly values: readonly AchievedValue<Ref>[];
  readonly options?: EvaluateOptions;
}

function targetComparator(t: TargetNumber, fallback: Comparator): Comparator {
  return typeof t === 'number' ? fallback : (t.comparator ?? fallback);
}

/**
 * A minimum from a target number: its inferred-from passage kept when the document does not
 * state it. Fields in one order: value, comparator, source, fromQuarter (carried forward), unit,
 * inferredFrom (made without spreads: each unit of a consolidated sheet makes them again).
 */
function minimumOf(
  t: TargetNumber,
  fallback: Comparator,
  source: Minimum['source'],
  unit: Unit,
  fromQuarter?: Quarter,
): Minimum {
  const value = targetValue(t);
  const comparator = targetComparator(t, fallback);
  const m: Mutable<Minimum> =
    fromQuarter === undefined
      ? { value, comparator, source, unit }
      : { value, comparator, source, fromQuarter, unit };
  if (typeof t === 'object' && t.inferredFrom !== undefined) m.inferredFrom = t.inferredFrom;
  return m;
}

/** The comparator a row uses: its own, or the indicator's direction's default. */
export function rowComparator(indicator: Indicator, row: TargetRow): Comparator {
  return row.comparator ?? defaultComparator(indicator.direction);
}

/**
 * The official minimum of a target row for a quarter, or `undefined` when there is none yet.
 * Rules: the quarter's own minimum; else, with no roadmap at all, the annual target; else for
 * Quý IV the annual target (the end-of-year target); else the latest earlier minimum still in force.
 */
export function minimumFor(
  indicator: Indicator,
  row: TargetRow,
  quarter: Quarter,
): Minimum | undefined {
  const comparator = rowComparator(indicator, row);
  const unit = indicator.unit;
  const quarterly = row.quarterly;
  const own = quarterly?.[quarter - 1];
  if (own !== undefined && own !== null) return minimumOf(own, comparator, 'quarterly', unit);
  const annual = row.annual;
  const hasRoadmap = quarterly?.some((q) => q !== null) ?? false;
  if (annual !== undefined && (!hasRoadmap || quarter === 4))
    return minimumOf(annual, comparator, 'annual', unit);
  if (quarterly) {
    for (let q = quarter - 1; q >= 1; q--) {
      const earlier = quarterly[q - 1];
      if (earlier !== undefined && earlier !== null)
        return minimumOf(earlier, comparator, 'carried-forward', unit, q as Quarter);
    }
  }
  return undefined;
}

/** Rounds away floating-point noise: 75 - 74.5 is 0.5, not 0.5000000000000001. */
export function clean(n: number): number {
  return Math.round(n * 1e9) / 1e9 + 0;
}

/**
 * Does an agency name the unit (`u`, its name normalised): the whole name, or its first or last
 * words? Without a string made per test (a consolidated sheet asks it 400,000 times).
 */
function agencyMatches(agency: string, u: string): boolean {
  const a = normalizeText(agency);
  if (a === u) return true;
  if (u.length <= a.length) return false;
  return (
    (u.endsWith(a) && u.charCodeAt(u.length - a.length - 1) === 32) ||
    (u.startsWith(a) && u.charCodeAt(a.length) === 32)
  );
}

export interface RowChoice {
  readonly row?: TargetRow;
  readonly index?: number;
  readonly reason?: NotApplicableReason;
}

/**
 * The target row of an indicator that applies to a unit: a row naming the unit's agency wins,
 * then a row for its level. Without one, says why not.
 */
export function applicableRow(indicator: Indicator, unit: UnitRef): RowChoice {
  // (loops without closures: a consolidated sheet asks this for each row of each of its units)
  const targets = indicator.targets;
  if (unit.name !== undefined && unit.name.trim() !== '') {
    const name = normalizeText(unit.name);
    for (let i = 0; i < targets.length; i++) {
      const agencies = (targets[i] as TargetRow).appliesTo.agencies;
      for (let k = 0; k < agencies.length; k++)
        if (agencyMatches(agencies[k] as string, name)) return { row: targets[i], index: i };
    }
  }
  let onlyAgencies = true;
  for (let i = 0; i < targets.length; i++) {
    const levels = (targets[i] as TargetRow).appliesTo.levels;
    if (levels.includes(unit.level)) return { row: targets[i], index: i };
    if (levels.length > 0) onlyAgencies = false;
  }
  return { reason: onlyAgencies ? 'agency' : 'level' };
}

/** How a cell for this indicator should be read. */
export function expectationFor(unit: Unit): Expectation {
  switch (unit.kind) {
    case 'percent':
      return { kind: 'percent' };
    case 'points':
      return { kind: 'points', max: unit.max };
    case 'count':
      return { kind: 'count' };
  }
}

/** Parses a cell as an achieved value of an indicator. */
export function parseIndicatorValue(cell: Cell, indicator: Indicator): ParsedValue {
  return parseValue(cell, { expect: expectationFor(indicator.unit) });
}

interface IndicatorPlan {
  readonly indicator: Indicator;
  readonly row?: TargetRow;
  readonly rowIndex?: number;
  readonly reason?: NotApplicableReason;
  /** By quarter, 1 to 4 (a row's minimums do not depend on the quarter checked). */
  readonly minimums: readonly (Minimum | undefined)[];
  /** Whom the indicator's rows are for, in its not-applicable findings (indicators not the unit's). */
  readonly appliesTo?: { levels: string[]; agencies: string[] };
}

/**
 * What a target set's plans are made of, worked out once per set (a consolidated sheet evaluates
 * each of its units against the same set): each indicator's position, its rows' minimums, and
 * the plans for the units met so far, by level and the rows their names chose. Target sets are
 * read-only data, so the facts of one set object never change; kept beside it (a `WeakMap`), they
 * go with it.
 */
interface SetFacts {
  readonly indexOf: Map<string, number>;
  /** The indicators with rows assigned to named agencies: a unit's name may choose one of those. */
  readonly byAgency: number[];
  /** The minimums of each indicator's rows, by row, made when first asked for. */
  readonly minimums: ((Minimum | undefined)[] | undefined)[][];
  readonly plans: Map<string, IndicatorPlan[]>;
}

const SET_FACTS = new WeakMap<TargetSet, SetFacts>();

/** Plans kept per target set: one per level and choice of agency rows met (a few in practice). */
const PLANS_PER_SET = 64;

function factsOf(set: TargetSet): SetFacts {
  let facts = SET_FACTS.get(set);
  if (facts !== undefined) return facts;
  const indexOf = new Map<string, number>();
  const byAgency: number[] = [];
  const minimums: ((Minimum | undefined)[] | undefined)[][] = [];
  const indicators = set.indicators;
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i] as Indicator;
    // Of equal ids, the last one's position (as the map once made per evaluation had it).
    indexOf.set(indicator.id, i);
    const targets = indicator.targets;
    for (let t = 0; t < targets.length; t++)
      if ((targets[t] as TargetRow).appliesTo.agencies.length > 0) {
        byAgency.push(i);
        break;
      }
    minimums.push(new Array(targets.length).fill(undefined));
  }
  facts = { indexOf, byAgency, minimums, plans: new Map() };
  SET_FACTS.set(set, facts);
  return facts;
}

/** The minimums of an indicator's row for quarters 1 to 4, made once per set (`minimumFor`). */
function rowMinimums(
  facts: SetFacts,
  i: number,
  indicator: Indicator,
  t: number,
): (Minimum | undefined)[] {
  const rows = facts.minimums[i] as ((Minimum | undefined)[] | undefined)[];
  let known = rows[t];
  if (known === undefined) {
    const row = indicator.targets[t] as TargetRow;
    known = [
      minimumFor(indicator, row, 1),
      minimumFor(indicator, row, 2),
      minimumFor(indicator, row, 3),
      minimumFor(indicator, row, 4),
    ];
    rows[t] = known;
  }
  return known;
}

/** The row of an indicator naming an agency that names the unit (`name`, normalised), or -1. */
function agencyRow(indicator: Indicator, name: string): number {
  const targets = indicator.targets;
  for (let i = 0; i < targets.length; i++) {
    const agencies = (targets[i] as TargetRow).appliesTo.agencies;
    for (let k = 0; k < agencies.length; k++)
      if (agencyMatches(agencies[k] as string, name)) return i;
  }
  return -1;
}

/**
 * The plan of each indicator of a set for a unit: the same choice of rows as `applicableRow`.
 * Units of the same level whose names choose the same agency rows share one plan (and its
 * minimum objects): they are found so again only for the indicators with agency rows.
 */
function plan(set: TargetSet, unit: UnitRef): IndicatorPlan[] {
  const facts = factsOf(set);
  const named = unit.name !== undefined && unit.name.trim() !== '' && facts.byAgency.length > 0;
  const name = named ? normalizeText(unit.name as string) : '';
  let key = unit.level;
  let chosen: number[] | undefined;
  if (named) {
    chosen = new Array(facts.byAgency.length);
    for (let k = 0; k < facts.byAgency.length; k++) {
      const i = facts.byAgency[k] as number;
      const t = agencyRow(set.indicators[i] as Indicator, name);
      chosen[k] = t;
      key += `,${t}`;
    }
  }
  const known = facts.plans.get(key);
  if (known !== undefined) return known;
  const indicators = set.indicators;
  const plans: IndicatorPlan[] = new Array(indicators.length);
  let next = 0;
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i] as Indicator;
    let t = -1;
    if (chosen !== undefined && facts.byAgency[next] === i) t = chosen[next++] as number;
    let reason: NotApplicableReason | undefined;
    if (t < 0) {
      let onlyAgencies = true;
      const targets = indicator.targets;
      for (let r = 0; r < targets.length; r++) {
        const levels = (targets[r] as TargetRow).appliesTo.levels;
        if (levels.includes(unit.level)) {
          t = r;
          break;
        }
        if (levels.length > 0) onlyAgencies = false;
      }
      if (t < 0) reason = onlyAgencies ? 'agency' : 'level';
    }
    plans[i] =
      t < 0
        ? { indicator, reason, minimums: [], appliesTo: appliesToOf(indicator) }
        : {
            indicator,
            row: indicator.targets[t],
            rowIndex: t,
            minimums: rowMinimums(facts, i, indicator, t),
          };
  }
  if (facts.plans.size >= PLANS_PER_SET) facts.plans.clear();
  facts.plans.set(key, plans);
  return plans;
}

/** Checks that a number is on the indicator's scale; returns an invalid finding's reason if not. */
/** The unit a number is written in, as a unit mismatch names it. */
function writtenUnit(value: ParsedValue & { kind: 'number' }): UnitShape {
  if (value.scale === 'percent') return { kind: 'percent' };
  if (value.scale === 'points')
    return value.max === undefined ? { kind: 'points' } : { kind: 'points', max: value.max };
  return { kind: 'count' };
}

function expectedUnit(unit: Unit): UnitShape {
  return unit.kind === 'points' ? { kind: 'points', max: unit.max } : { kind: unit.kind };
}

/** Whether a number read from a cell is in the wrong unit (or above the points' maximum) for the indicator. */
function unitProblem(
  value: ParsedValue & { kind: 'number' },
  unit: Unit,
): 'unit-mismatch' | 'above-maximum' | undefined {
  if (unit.kind === 'percent') return value.scale === 'points' ? 'unit-mismatch' : undefined;
  if (unit.kind === 'points') {
    if (value.scale === 'percent') return 'unit-mismatch';
    if (value.scale === 'points' && value.max !== undefined && value.max !== unit.max)
      return 'unit-mismatch';
    if (value.value > unit.max + EPSILON) return 'above-maximum';
    return undefined;
  }
  if (value.scale === 'percent' || value.scale === 'points') return 'unit-mismatch';
  return undefined;
}

/** Adds the optional location fields without object spreads (they are slow on the hot path). */
function place<F extends { targetRow?: number; ref?: unknown }>(
  f: F,
  rowIndex: number | undefined,
  ref: F['ref'],
): F {
  if (rowIndex !== undefined) f.targetRow = rowIndex;
  if (ref !== undefined) f.ref = ref;
  return f;
}

/**
 * Judges one value. `placed`: the finding is for a sheet check, which fills in its `cell`,
 * `sheet` and `forUnit` (`annex/locate.ts`, a unit table's or a consolidated sheet's units):
 * the common findings are then made with those fields undefined already, since added later they
 * would cost each finding a second object (a property array) of its own. Otherwise (`evaluate`)
 * they are left out: fewer fields, less to allocate per value.
 */
function judge<Ref>(
  p: IndicatorPlan,
  quarter: Quarter,
  v: AchievedValue<Ref>,
  band: number,
  placed: boolean,
): EvaluationFinding<Ref> {
  // The value's indicator and quarter are its slot's (`evaluateValues` sorted it there): the
  // plan's id (one string for all its findings) and the quarter, without reading them again.
  const indicatorId = p.indicator.id;
  const minimum = p.minimums[quarter - 1];
  const parsed = v.value;
  if (parsed.kind === 'missing') {
    const code = 'missing-value';
    const targetRow = p.rowIndex;
    const ref = v.ref;
    const { reason, raw } = parsed;
    if (!placed) return { code, indicatorId, quarter, targetRow, ref, reason, raw, minimum };
    const missing: MissingValueFinding<Ref> & Unplaced = {
      code,
      indicatorId,
      quarter,
      targetRow,
      ref,
      reason,
      raw,
      minimum,
      cell: undefined,
      sheet: undefined,
      forUnit: undefined,
    };
    return missing;
  }
  if (parsed.kind === 'invalid') {
    // An Excel error ("#DIV/0!"), the common invalid value, has only `error` of the typed fields:
    // made whole in one literal (the same keys in the same order as below), not given its
    // `error` afterwards (a second object, a property array, per finding).
    if (
      parsed.error !== undefined &&
      parsed.readings === undefined &&
      parsed.ambiguity === undefined &&
      parsed.range === undefined &&
      parsed.holds === undefined &&
      parsed.expected === undefined &&
      parsed.written === undefined &&
      parsed.cause === undefined &&
      parsed.malformed === undefined &&
      parsed.compared === undefined &&
      parsed.change === undefined
    ) {
      const error: InvalidValueFinding<Ref> = {
        code: 'invalid-value',
        indicatorId,
        quarter,
        targetRow: p.rowIndex,
        ref: v.ref,
        reason: parsed.reason,
        raw: parsed.raw,
        text: parsed.text,
        value: parsed.value,
        max: parsed.max,
        minimum,
        error: parsed.error,
      };
      return error;
    }
    // One shape for every other invalid value (spreading the reading's fields would make many).
    const invalid: Mutable<InvalidValueFinding<Ref>> = {
      code: 'invalid-value',
      indicatorId,
      quarter,
      targetRow: p.rowIndex,
      ref: v.ref,
      reason: parsed.reason,
      raw: parsed.raw,
      text: parsed.text,
      value: parsed.value,
      max: parsed.max,
      minimum,
    };
    copyInvalidFields(parsed, invalid);
    return invalid;
  }
  if (parsed.kind === 'not-occurred') {
    const f: Mutable<NotOccurredFinding<Ref>> = {
      code: 'not-occurred',
      indicatorId,
      quarter,
      raw: parsed.raw,
    };
    if (parsed.text !== undefined) f.text = parsed.text;
    if (minimum) f.minimum = minimum;
    return place(f, p.rowIndex, v.ref);
  }
  const unit = p.indicator.unit;
  const problem = unitProblem(parsed, unit);
  if (problem !== undefined) {
    const f: Mutable<InvalidValueFinding<Ref>> = {
      code: 'invalid-value',
      indicatorId,
      quarter,
      reason: problem,
      value: parsed.value,
      raw: parsed.raw,
    };
    if (parsed.text !== undefined) f.text = parsed.text;
    if (problem === 'above-maximum') f.max = (unit as { max: number }).max;
    else {
      if (parsed.max !== undefined) f.max = parsed.max;
      f.expected = expectedUnit(unit);
      f.written = writtenUnit(parsed);
    }
    if (minimum) f.minimum = minimum;
    return place(f, p.rowIndex, v.ref);
  }
  if (!minimum) {
    return place(
      {
        code: 'not-applicable',
        indicatorId,
        quarter,
        reason: p.row?.noTarget ? 'no-target' : 'no-minimum',
      } as Mutable<NotApplicableFinding<Ref>>,
      p.rowIndex,
      v.ref,
    );
  }
  const value = parsed.value;
  const distance = clean(Math.abs(value - minimum.value));
  const targetRow = p.rowIndex;
  const ref = v.ref;
  // What was written, for a value read from a fraction, a count ratio or words (rare: one small
  // object then, in a finding of its own shape; the common findings have no `reading`).
  const how = parsed.how;
  if (how === 'fraction' || how === 'text-ratio' || how === 'text-prose') {
    const reading: ValueReading =
      parsed.text === undefined
        ? { how, raw: parsed.raw }
        : { how, raw: parsed.raw, text: parsed.text };
    return readFinding(
      indicatorId,
      quarter,
      targetRow,
      ref,
      value,
      minimum,
      distance,
      band,
      reading,
      placed,
    );
  }
  // The two common outcomes are built in one literal each, with a fixed shape: one allocation
  // per finding matters when a sheet has 160,000 values (optional fields may hold undefined).
  if (meets(value, minimum)) {
    const code = 'met';
    const margin = distance;
    if (!placed) return { code, indicatorId, quarter, targetRow, ref, value, minimum, margin };
    const met: MetFinding<Ref> & Unplaced = {
      code,
      indicatorId,
      quarter,
      targetRow,
      ref,
      value,
      minimum,
      margin,
      cell: undefined,
      sheet: undefined,
      forUnit: undefined,
    };
    return met;
  }
  const code = 'below-minimum';
  const gap = distance;
  const nearMiss = band > 0 && distance <= band + EPSILON;
  if (!placed) return { code, indicatorId, quarter, targetRow, ref, value, minimum, gap, nearMiss };
  const below: BelowMinimumFinding<Ref> & Unplaced = {
    code,
    indicatorId,
    quarter,
    targetRow,
    ref,
    value,
    minimum,
    gap,
    nearMiss,
    cell: undefined,
    sheet: undefined,
    forUnit: undefined,
  };
  return below;
}

/** A met or below-minimum finding of a value read from a fraction, a count ratio or words. */
function readFinding<Ref>(
  indicatorId: string,
  quarter: Quarter,
  targetRow: number | undefined,
  ref: Ref | undefined,
  value: number,
  minimum: Minimum,
  distance: number,
  band: number,
  reading: ValueReading,
  placed: boolean,
): EvaluationFinding<Ref> {
  const cell = undefined;
  const sheet = undefined;
  const forUnit = undefined;
  if (meets(value, minimum)) {
    const code = 'met';
    const margin = distance;
    const met: MetFinding<Ref> & Unplaced = placed
      ? {
          code,
          indicatorId,
          quarter,
          targetRow,
          ref,
          value,
          minimum,
          margin,
          reading,
          cell,
          sheet,
          forUnit,
        }
      : { code, indicatorId, quarter, targetRow, ref, value, minimum, margin, reading };
    return met;
  }
  const code = 'below-minimum';
  const gap = distance;
  const nearMiss = band > 0 && distance <= band + EPSILON;
  const below: BelowMinimumFinding<Ref> & Unplaced = placed
    ? {
        code,
        indicatorId,
        quarter,
        targetRow,
        ref,
        value,
        minimum,
        gap,
        nearMiss,
        reading,
        cell,
        sheet,
        forUnit,
      }
    : { code, indicatorId, quarter, targetRow, ref, value, minimum, gap, nearMiss, reading };
  return below;
}

/**
 * Copies the typed fields a reading has (`INVALID_FIELDS`, in that order) to its finding. Named
 * reads, one by one: a loop over the names would make each read a keyed lookup of a changing
 * name, the costliest part of an invalid value on a 160,000-value sheet. Every name of
 * `INVALID_FIELDS` is here (test/evaluate.test.ts walks them).
 */
function copyInvalidFields(from: ParsedInvalid, to: Mutable<InvalidValueFinding<unknown>>): void {
  if (from.error !== undefined) to.error = from.error;
  if (from.readings !== undefined) to.readings = from.readings;
  if (from.ambiguity !== undefined) to.ambiguity = from.ambiguity;
  if (from.range !== undefined) to.range = from.range;
  if (from.holds !== undefined) to.holds = from.holds;
  if (from.expected !== undefined) to.expected = from.expected;
  if (from.written !== undefined) to.written = from.written;
  if (from.max !== undefined) to.max = from.max;
  if (from.cause !== undefined) to.cause = from.cause;
  if (from.malformed !== undefined) to.malformed = from.malformed;
  if (from.compared !== undefined) to.compared = from.compared;
  if (from.change !== undefined) to.change = from.change;
}

/** The places a sheet check gives a finding (`SheetFinding`), not known yet. */
interface Unplaced {
  readonly cell?: undefined;
  readonly sheet?: undefined;
  readonly forUnit?: undefined;
}

/**
 * Evaluates one unit's achieved values against a target set, for quarters 1 up to `quarter`.
 *
 * Produces one finding per value given (values of later quarters are ignored), plus
 * `missing-value` for every applicable indicator and quarter that got no value at all, and one
 * `not-applicable` for an indicator that is not the unit's and got no values. Findings come in
 * target-set order: by indicator, then quarter, then the order values were given.
 */
export function evaluate<Ref = unknown>(input: EvaluateInput<Ref>): EvaluationFinding<Ref>[] {
  return evaluateValues(input, false);
}

/**
 * `evaluate` for a sheet check, whose findings get their `cell`, `sheet` and `forUnit` filled in
 * afterwards, in place: the common findings are made with those fields (undefined) already.
 * Engine-internal: the sheet checks' (`annex/check.ts`, `unit-table/`), not the public door's.
 */
export function evaluateForSheet(
  input: EvaluateInput<number>,
  /**
   * An annex's values on rows not assigned to the unit keep what was written in their
   * not-applicable findings (`notApplicableWith`), made so here; `annex/collect.ts`'s
   * `keepValuesNotAssigned` then gives each its cell.
   */
  withValues = false,
): EvaluationFinding<number>[] {
  return evaluateValues(input, true, withValues);
}

function evaluateValues<Ref>(
  input: EvaluateInput<Ref>,
  placed: boolean,
  withValues = false,
): EvaluationFinding<Ref>[] {
  const plans = plan(input.targetSet, input.unit);
  return inSetOrder(input, plans, placed, withValues) ?? sorted(input, plans, placed, withValues);
}

/**
 * What one evaluation is writing: its findings so far and how it judges. The values of one
 * indicator are given to `emitPlan` as slots of an index array, one per quarter.
 */
interface Emit<Ref> {
  readonly findings: EvaluationFinding<Ref>[];
  made: number;
  readonly values: readonly AchievedValue<Ref>[];
  readonly quarter: Quarter;
  readonly band: number;
  readonly placed: boolean;
  readonly withValues: boolean;
}

function emitterOf<Ref>(
  input: EvaluateInput<Ref>,
  size: number,
  placed: boolean,
  withValues: boolean,
): Emit<Ref> {
  return {
    // Sized once, for the most findings there can be, and cut to those made.
    findings: new Array(size),
    made: 0,
    values: input.values,
    quarter: input.quarter,
    band: Math.max(0, input.options?.nearMissBand ?? 0),
    placed,
    withValues,
  };
}

/**
 * The findings of one indicator (plan `p`): its values are `values[order[o]]` for `o` from
 * `starts[base + q - 1]` to `ends[base + q - 1]`, quarter `q` by quarter (the slots follow one
 * another), in the order they were given.
 */
function emitPlan<Ref>(
  e: Emit<Ref>,
  p: IndicatorPlan,
  order: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
): void {
  const findings = e.findings;
  const values = e.values;
  let made = e.made;
  if (!p.row) {
    const first = starts[base] as number;
    const last = ends[base + 3] as number;
    const reason = p.reason ?? 'level';
    const appliesTo = p.appliesTo as { levels: string[]; agencies: string[] };
    if (first === last) {
      findings[made++] = {
        code: 'not-applicable',
        indicatorId: p.indicator.id,
        reason,
        appliesTo,
      };
    }
    for (let o = first; o < last; o++) {
      const v = values[order[o] as number] as AchievedValue<Ref>;
      if (e.withValues) {
        // Made whole at once, with what was written and its places (`keepValuesNotAssigned`
        // gives it its cell): not a small finding now and a whole one again later.
        findings[made++] = notApplicableWith(
          v.indicatorId,
          v.quarter,
          reason,
          appliesTo,
          v.ref as Ref,
          v.value,
          undefined,
        );
        continue;
      }
      const f: Mutable<NotApplicableFinding<Ref>> = {
        code: 'not-applicable',
        indicatorId: v.indicatorId,
        quarter: v.quarter,
        reason,
        appliesTo,
      };
      findings[made++] = place(f, undefined, v.ref);
    }
    e.made = made;
    return;
  }
  for (let q = 1; q <= e.quarter; q++) {
    const first = starts[base + q - 1] as number;
    const last = ends[base + q - 1] as number;
    if (first === last) {
      const f: Mutable<MissingValueFinding<Ref>> = {
        code: 'missing-value',
        indicatorId: p.indicator.id,
        quarter: q as Quarter,
        reason: 'absent',
      };
      const minimum = p.minimums[q - 1];
      if (minimum) f.minimum = minimum;
      findings[made++] = place(f, p.rowIndex, undefined);
      continue;
    }
    for (let o = first; o < last; o++)
      findings[made++] = judge(
        p,
        q as Quarter,
        values[order[o] as number] as AchievedValue<Ref>,
        e.band,
        e.placed,
      );
  }
  e.made = made;
}

/** The findings of values for indicators the set does not have, in the order given: said, not skipped. */
function emitUnknown<Ref>(e: Emit<Ref>, order: Int32Array, first: number, last: number): void {
  for (let o = first; o < last; o++) {
    const v = e.values[order[o] as number] as AchievedValue<Ref>;
    const f: Mutable<NotApplicableFinding<Ref>> = {
      code: 'not-applicable',
      indicatorId: v.indicatorId,
      quarter: v.quarter,
      reason: 'unknown-indicator',
    };
    e.findings[e.made++] = place(f, undefined, v.ref);
  }
}

/** An index array with room for at least `n`, keeping the first `used` indexes of `a`. */
function room(a: Int32Array, n: number, used: number): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a.subarray(0, used));
  return b;
}

/**
 * The index arrays `inSetOrder` works in, shared by the evaluations (one at a time: evaluation
 * is synchronous and calls no evaluation), not made again by each of a unit table's thousands
 * of units. Indexes only, written before they are read: nothing of one sheet for another.
 */
const SCRATCH: {
  run: Int32Array;
  quarters: Int32Array;
  order: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
} = {
  run: new Int32Array(64),
  quarters: new Int32Array(64),
  order: new Int32Array(64),
  starts: new Int32Array(4),
  ends: new Int32Array(4),
};
const SCRATCH_KEPT = 4096;
const NONE: Int32Array = new Int32Array(0);

/**
 * The findings when the values come as a sheet gives them: each indicator's values together,
 * indicators in the set's order (values of other indicators and of later quarters may come in
 * between). Each indicator is judged as soon as its values have been read, while they are
 * still in the processor's cache, with no pass over all the values to sort them first.
 * `undefined` as soon as an indicator's values come again after another's, or out of the set's
 * order: `sorted` then makes them (the same findings).
 */
function inSetOrder<Ref>(
  input: EvaluateInput<Ref>,
  plans: IndicatorPlan[],
  placed: boolean,
  withValues: boolean,
): EvaluationFinding<Ref>[] | undefined {
  const values = input.values;
  const quarter = input.quarter;
  const indexOf = factsOf(input.targetSet).indexOf;
  const e = emitterOf(input, values.length + plans.length * 4, placed, withValues);
  // The run of values of the current indicator: their indexes, quarters, then by quarter.
  let run = SCRATCH.run;
  let runQuarter = SCRATCH.quarters;
  let runOrder = SCRATCH.order;
  let unknown = NONE;
  let unknowns = 0;
  const starts = SCRATCH.starts;
  const ends = SCRATCH.ends;
  let current = -1; // the indicator whose values are being read
  let length = 0;
  let next = 0; // the first indicator whose findings are not made yet
  let lastId: string | undefined;
  let lastIndex = -1;
  for (let i = 0; i <= values.length; i++) {
    let index = plans.length; // past the end: the last run is over
    let q = 0;
    if (i < values.length) {
      const v = values[i] as AchievedValue<Ref>;
      q = v.quarter;
      if (!(q >= 1 && q <= quarter)) continue;
      if (v.indicatorId !== lastId) {
        lastId = v.indicatorId;
        lastIndex = indexOf.get(lastId) ?? -1;
      }
      index = lastIndex;
      if (index < 0) {
        unknown = room(unknown, unknowns + 1, unknowns);
        unknown[unknowns++] = i;
        continue;
      }
      // Each value's reading looked at here already: the run's readings are then fetched from
      // memory together, not one by one between the findings made (~5 % of the time). A
      // reading without a kind is not one: `sorted` says what it says.
      if (v.value.kind === undefined) return undefined;
      if (index === current) {
        run = room(run, length + 1, length);
        runQuarter = room(runQuarter, length + 1, length);
        run[length] = i;
        runQuarter[length++] = q;
        continue;
      }
      if (index < next) return undefined;
    }
    if (current >= 0) {
      // The run of `current` is over: its values by quarter (a counting sort), then its findings.
      starts.fill(0);
      for (let k = 0; k < length; k++) (starts[(runQuarter[k] as number) - 1] as number)++;
      let at = 0;
      for (let s = 0; s < 4; s++) {
        const count = starts[s] as number;
        starts[s] = at;
        ends[s] = at;
        at += count;
      }
      runOrder = room(runOrder, length, 0);
      for (let k = 0; k < length; k++) {
        const s = (runQuarter[k] as number) - 1;
        runOrder[(ends[s] as number)++] = run[k] as number;
      }
      emitPlan(e, plans[current] as IndicatorPlan, runOrder, starts, ends, 0);
      next = current + 1;
    }
    // The indicators before this one got no values.
    starts.fill(0);
    ends.fill(0);
    for (; next < index; next++) emitPlan(e, plans[next] as IndicatorPlan, run, starts, ends, 0);
    current = index;
    if (i < values.length) {
      run[0] = i;
      runQuarter[0] = q;
      length = 1;
    }
  }
  emitUnknown(e, unknown, 0, unknowns);
  // Kept for the next evaluation while small (a run is one indicator's values).
  if (run.length <= SCRATCH_KEPT) {
    SCRATCH.run = run;
    SCRATCH.quarters = runQuarter;
    SCRATCH.order = runOrder;
  }
  e.findings.length = e.made;
  return e.findings;
}

/** The findings of values in any order: sorted by indicator and quarter first. */
function sorted<Ref>(
  input: EvaluateInput<Ref>,
  plans: IndicatorPlan[],
  placed: boolean,
  withValues: boolean,
): EvaluationFinding<Ref>[] {
  const { targetSet, quarter, values } = input;
  const indexOf = factsOf(targetSet).indexOf;

  // Sort the values by (indicator, quarter) with a stable counting sort over typed arrays: no
  // per-indicator arrays, so a finding is the only object allocated per value.
  const slots = plans.length * 4;
  const UNKNOWN = slots;
  const SKIP = -1;
  const keys = new Int32Array(values.length);
  const counts = new Int32Array(slots + 2);
  let lastId: string | undefined;
  let lastIndex = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as AchievedValue<Ref>;
    const q = v.quarter;
    if (!(q >= 1 && q <= quarter)) {
      keys[i] = SKIP;
      continue;
    }
    if (v.indicatorId !== lastId) {
      lastId = v.indicatorId;
      lastIndex = indexOf.get(lastId) ?? -1;
    }
    const key = lastIndex < 0 ? UNKNOWN : lastIndex * 4 + (q - 1);
    keys[i] = key;
    (counts[key + 1] as number)++;
  }
  for (let k = 1; k < counts.length; k++)
    counts[k] = (counts[k] as number) + (counts[k - 1] as number);
  const starts = counts.slice(0, slots + 1);
  const order = new Int32Array(counts[slots + 1] as number);
  for (let i = 0; i < values.length; i++) {
    const key = keys[i] as number;
    if (key === SKIP) continue;
    order[(counts[key] as number)++] = i;
  }
  // counts[k] is now the end of slot k; starts[k] its beginning.

  const e = emitterOf(input, order.length + plans.length * 4, placed, withValues);
  for (let i = 0; i < plans.length; i++)
    emitPlan(e, plans[i] as IndicatorPlan, order, starts, counts, i * 4);
  emitUnknown(e, order, starts[UNKNOWN] as number, counts[UNKNOWN] as number);
  e.findings.length = e.made;
  return e.findings;
}

/**
 * A not-applicable finding of a value typed anyway (with its A1 `cell` when it is known already),
 * with what it keeps of it: what was written
 * (`raw`), the number read (even one out of range, 105 for "105%": it is what was typed) and the
 * text shown in the cell when it differs from `raw` (`value` and `text` absent otherwise).
 *
 * One literal per combination, each with the places the sheet check fills in (`cell`, `sheet`,
 * a consolidated sheet's `forUnit`) undefined until then: fields added to an object after it is
 * made go to a second object of its own (a property array, 60–90 bytes), and a consolidated
 * sheet has half a million of these findings.
 */
export function notApplicableWith<Ref>(
  indicatorId: string,
  quarter: Quarter | undefined,
  reason: NotApplicableFinding['reason'],
  appliesTo: NotApplicableFinding['appliesTo'],
  ref: Ref,
  parsed: ParsedValue,
  cell: string | undefined,
): NotApplicableFinding<Ref> & { readonly cell?: string } & Omit<Unplaced, 'cell'> {
  const code = 'not-applicable';
  const raw = parsed.raw;
  const value =
    parsed.kind === 'number' || (parsed.kind === 'invalid' && parsed.value !== undefined)
      ? parsed.value
      : undefined;
  const text = parsed.text !== undefined && parsed.text !== String(raw) ? parsed.text : undefined;
  const sheet = undefined;
  const forUnit = undefined;
  if (value !== undefined) {
    return text !== undefined
      ? {
          code,
          indicatorId,
          quarter,
          reason,
          appliesTo,
          ref,
          raw,
          value,
          text,
          cell,
          sheet,
          forUnit,
        }
      : { code, indicatorId, quarter, reason, appliesTo, ref, raw, value, cell, sheet, forUnit };
  }
  return text !== undefined
    ? { code, indicatorId, quarter, reason, appliesTo, ref, raw, text, cell, sheet, forUnit }
    : { code, indicatorId, quarter, reason, appliesTo, ref, raw, cell, sheet, forUnit };
}

function appliesToOf(indicator: Indicator): { levels: string[]; agencies: string[] } {
  const levels = new Set<string>();
  const agencies = new Set<string>();
  for (const row of indicator.targets) {
    for (const l of row.appliesTo.levels) levels.add(l);
    for (const a of row.appliesTo.agencies) agencies.add(a);
  }
  return { levels: [...levels], agencies: [...agencies] };
}
