/**
 * The scale of a results column: were its plain numbers typed as fractions? Staff compute
 * `=B/C` and leave the cell in the General format, so 86 % arrives as 0.86. A cell alone cannot
 * tell (0.86 may be 0,86 %); its column can. Rules, per results column of the sheet, over the
 * values of percentage indicators read there for the unit (its rows, and the filled cells of
 * indicators that are not its own, typed by the same hand; points and counts are left alone):
 *
 * - The plain numbers are the General number cells and the texts of a bare number ("0,96",
 *   "1"). Percent-formatted cells store fractions too (0.86 shown as 86 %) and are always read
 *   right: they count as evidence of fractions and are never changed. Texts with "%", count
 *   ratios ("15/15") and words say their own scale and count for nothing. 0 is 0 % either way:
 *   never changed, never evidence.
 * - No plain number above 1, and at least one strictly between 0 and 1 or a percent-formatted
 *   cell: the column is in fractions. Every plain number ≤ 1 is read × 100 (how 'fraction'),
 *   and the sheet says so once for the column (`fractions-read`).
 * - Plain numbers above 1 as well (79, "80,5"): the column mixes scales. Each plain number in
 *   (0, 1] is ambiguous (`invalid-value`, reason 'ambiguous-scale', both readings, `ambiguity:
 *   'mixed'`), to be retyped with a "%": never a shortfall of 84 points.
 * - Only 1s (and 0s), with no other evidence: 1 may be 1 % or 100 %. Each 1 is ambiguous
 *   (`ambiguity: 'ones'`). A column that has a fraction or a percent-formatted cell reads them
 *   as 100 %.
 */
import type { AchievedValue } from '../evaluate.js';
import { percentPoints as fractionToPercent } from '../parse/parse-value.js';
import type { ParsedInvalid, ParsedNumber, ParsedValue } from '../parse/types.js';
import type { Matched } from './choose-set.js';
import type { Slot } from './locate.js';
import type { FractionsReadNotice } from './notices.js';

export interface ColumnScales {
  /** One per column read as fractions, in sheet order of the columns. */
  readonly notices: FractionsReadNotice[];
  /** The (0-based) columns read as fractions: their cells' numbers are fractions of 1. */
  readonly fractionColumns: ReadonlySet<number>;
}

interface Tally {
  readonly column: number;
  /** Value indices of plain numbers in (0, 1]. */
  readonly small: number[];
  large: number;
  strict: number;
  formatted: number;
  /** The first plain number strictly between 0 and 1 (else 1), as typed: the notice's example. */
  example: number;
}

function isPlain(v: ParsedNumber): boolean {
  return v.how === 'number-as-points' || v.how === 'text-number';
}

/**
 * Reads the fraction columns of the values collected (rewriting `values[i].value` in place, a
 * new parsed value each) and returns their notices. A few passes over the values; nothing is
 * allocated for a column without plain numbers ≤ 1.
 */
export function inferScales(
  values: AchievedValue<number>[],
  slots: readonly Slot[],
  matched: Matched,
): ColumnScales {
  const percentIds = new Set<string>();
  for (const m of matched.values())
    if (m.indicator.unit.kind === 'percent') percentIds.add(m.indicator.id);
  return inferColumnScales(values, slots, percentIds);
}

/**
 * `inferScales` over the values of the percentage indicators `percentIds`, whatever table they
 * were read from (an annex's rows, a unit table's rows: `../unit-table/check.ts`).
 */
export function inferColumnScales(
  values: AchievedValue<number>[],
  slots: readonly Slot[],
  percentIds: ReadonlySet<string>,
): ColumnScales {
  const tallies = new Map<number, Tally>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as AchievedValue<number>;
    const parsed = v.value;
    if (parsed.kind !== 'number' || !percentIds.has(v.indicatorId)) continue;
    const column = (slots[v.ref as number] as Slot).column;
    let t = tallies.get(column);
    if (!t) {
      t = { column, small: [], large: 0, strict: 0, formatted: 0, example: 1 };
      tallies.set(column, t);
    }
    if (parsed.how === 'percent-format') t.formatted++;
    else if (isPlain(parsed)) {
      if (parsed.value > 1) t.large++;
      else if (parsed.value > 0) {
        t.small.push(i);
        if (parsed.value < 1 && t.strict++ === 0) t.example = parsed.value;
      }
    }
  }

  const notices: FractionsReadNotice[] = [];
  const fractionColumns = new Set<number>();
  const columns = [...tallies.values()].sort((a, b) => a.column - b.column);
  for (const t of columns) {
    const inFractions = t.large === 0 && (t.strict > 0 || t.formatted > 0);
    if (inFractions) fractionColumns.add(t.column);
    if (t.small.length === 0) continue;
    if (inFractions) {
      const cells: string[] = [];
      for (const i of t.small) {
        const v = values[i] as AchievedValue<number>;
        values[i] = { ...v, value: asFraction(v.value as ParsedNumber) };
        cells.push((slots[v.ref as number] as Slot).a1);
      }
      const first = values[t.small[0] as number] as AchievedValue<number>;
      const notice: FractionsReadNotice = {
        code: 'fractions-read',
        column: (cells[0] as string).replace(/\d+$/, ''),
        quarter: first.quarter,
        count: t.small.length,
        cells,
        example: t.example,
      };
      notices.push(notice);
      continue;
    }
    const ambiguity = t.large > 0 ? 'mixed' : 'ones';
    for (const i of t.small) {
      const v = values[i] as AchievedValue<number>;
      values[i] = { ...v, value: asAmbiguous(v.value as ParsedNumber, ambiguity) };
    }
  }
  return { notices, fractionColumns };
}

function asFraction(v: ParsedNumber): ParsedValue {
  const read: { -readonly [K in keyof ParsedNumber]: ParsedNumber[K] } = {
    kind: 'number',
    value: fractionToPercent(v.value),
    scale: 'percent',
    how: 'fraction',
    raw: v.raw,
  };
  if (v.comparator !== undefined) read.comparator = v.comparator;
  if (v.text !== undefined) read.text = v.text;
  return read;
}

function asAmbiguous(v: ParsedNumber, ambiguity: 'mixed' | 'ones'): ParsedValue {
  const result: { -readonly [K in keyof ParsedInvalid]: ParsedInvalid[K] } = {
    kind: 'invalid',
    reason: 'ambiguous-scale',
    raw: v.raw,
    readings: [v.value, fractionToPercent(v.value)],
    ambiguity,
  };
  if (v.text !== undefined) result.text = v.text;
  return result;
}
