/**
 * Reading a unit table against a target set: which indicator each column is (by its header, by
 * the title, or the only indicator of a one-indicator set), which target set fits best when none
 * is given, and each unit's level (its "Cấp" cell, the group heading above it, its name).
 */
import { titleAffinity } from '../annex/detect.js';
import { matcherFor } from '../annex/match.js';
import type { Quarter } from '../findings.js';
import { levelNamed as levelNamedIn, levelOfUnit } from '../levels.js';
import type { Indicator, TargetSet } from '../schema.js';
import { getBuiltinTargetSets } from '../target-sets/index.js';
import { normalizeText } from '../text.js';
import type { UnitTableColumn, UnitTableLayout } from './detect.js';

/** Period and result words a header or title wraps an indicator's name in. */
const WRAPPING = [
  /\b(?:quy|q) ?(?:iv|iii|ii|i|[1-4])\b/g,
  /\b(?:nam )?20\d{2}\b/g,
  /\b(?:\d+ thang(?: dau nam)?|ca nam|luy ke|tinh den(?: het)?|den het|den ngay)\b/g,
  /^(?:ket qua|kq)(?: thuc hien)?\b/,
  /^(?:thuc hien|dat duoc)\b/,
  /\b(?:cua cac don vi|cac don vi|theo don vi|tren dia ban tinh [a-z ]+)$/,
];

/** A header's or title's words without the period and result words around the indicator's name. */
export function indicatorWords(norm: string): string {
  let text = norm;
  for (const re of WRAPPING) text = text.replace(re, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

/** How a column's indicator was found. */
export type IndicatorSource = 'header' | 'title' | 'only';

/** The indicator a text names: by the matcher, else the longest name of an indicator it contains. */
export function indicatorNamed(norm: string, set: TargetSet): Indicator | undefined {
  const words = indicatorWords(norm);
  if (words === '') return undefined;
  const match = matcherFor(set).match({ stt: '', text: words });
  if (match) return match.indicator;
  const padded = ` ${norm} `;
  let best: Indicator | undefined;
  let length = 0;
  for (const indicator of set.indicators) {
    for (const form of [indicator.name, indicator.shortName, ...indicator.aliases]) {
      const f = normalizeText(form);
      if (f.split(' ').length < 2 || f.length <= length) continue;
      if (padded.includes(` ${f} `)) {
        best = indicator;
        length = f.length;
      }
    }
  }
  return best;
}

/** The indicator the title names, if one does. */
function titleIndicator(layout: UnitTableLayout, set: TargetSet): Indicator | undefined {
  for (const line of layout.titleLines) {
    const found = indicatorNamed(normalizeText(line), set);
    if (found) return found;
  }
  return undefined;
}

export interface ResolvedColumn {
  readonly column: UnitTableColumn;
  readonly indicator?: Indicator;
  readonly source?: IndicatorSource;
}

/**
 * The indicator of every value and target column: its own header's parts (the most specific
 * first), else the title's, else the only indicator of a one-indicator set — the last only when
 * the set was given (`allowOnly`). A value column that names nothing and says no result or
 * period ("Số hồ sơ tiếp nhận") is left without one.
 */
export function resolveColumns(
  layout: UnitTableLayout,
  set: TargetSet,
  allowOnly: boolean,
): ResolvedColumn[] {
  const title = titleIndicator(layout, set);
  const only = allowOnly && set.indicators.length === 1 ? set.indicators[0] : undefined;
  return layout.columns
    .filter((c) => c.role === 'value' || c.role === 'target')
    .map((column) => {
      for (const part of column.parts) {
        const own = indicatorNamed(part, set);
        if (own) return { column, indicator: own, source: 'header' as const };
      }
      if (column.role === 'value' && !column.saysResult) return { column };
      if (title) return { column, indicator: title, source: 'title' as const };
      if (only) return { column, indicator: only, source: 'only' as const };
      return { column };
    });
}

export interface SetFit {
  readonly set: TargetSet;
  readonly columns: readonly ResolvedColumn[];
  /** Value columns with an indicator. */
  readonly matched: number;
  /** The other sets that fitted as well (same number of columns matched). */
  readonly others: readonly string[];
  readonly why?: 'title' | 'rows';
}

/** Whether the set has a quarterly minimum (or an annual target) for an indicator at a quarter. */
function hasMinimum(indicator: Indicator, quarter: Quarter | undefined): boolean {
  return indicator.targets.some((row) =>
    quarter === undefined
      ? row.quarterly?.some((q) => q !== null) === true
      : (row.quarterly?.[quarter - 1] ?? null) !== null,
  );
}

/**
 * The set given, or else the candidate whose indicators the most value columns name; ties go to
 * the set the title and headers name (province, year), then to the one with minimums for the
 * columns' quarters, then to the first.
 */
export function chooseUnitTableSet(
  layout: UnitTableLayout,
  given: TargetSet | undefined,
  candidates: readonly TargetSet[] | undefined,
  sheetQuarter: Quarter | undefined,
): SetFit | undefined {
  const count = (columns: readonly ResolvedColumn[]) =>
    columns.filter((c) => c.column.role === 'value' && c.indicator).length;
  if (given) {
    const columns = resolveColumns(layout, given, true);
    return { set: given, columns, matched: count(columns), others: [] };
  }
  const words = [...layout.titleLines, ...layout.columns.map((c) => c.header)];
  const fits = (candidates ?? getBuiltinTargetSets())
    .map((set, order) => {
      const columns = resolveColumns(layout, set, false);
      const covered = columns.filter(
        (c) =>
          c.column.role === 'value' &&
          c.indicator &&
          hasMinimum(c.indicator, c.column.quarter ?? sheetQuarter),
      ).length;
      return {
        set,
        columns,
        matched: count(columns),
        affinity: titleAffinity(words, set),
        covered,
        order,
      };
    })
    .filter((f) => f.matched > 0)
    .sort(
      (a, b) =>
        b.matched - a.matched ||
        b.affinity - a.affinity ||
        b.covered - a.covered ||
        a.order - b.order,
    );
  const [best, ...rest] = fits;
  if (!best) return undefined;
  const others = rest.filter((f) => f.matched === best.matched);
  const runnerUp = others[0];
  return {
    set: best.set,
    columns: best.columns,
    matched: best.matched,
    others: others.map((f) => f.set.id),
    ...(runnerUp ? { why: runnerUp.affinity !== best.affinity ? 'title' : 'rows' } : {}),
  };
}

/** The level a level cell or a group heading names, among the set's levels (`levels.ts`). */
export function levelNamed(text: string, set: TargetSet): string | undefined {
  return levelNamedIn(text, set.levels);
}

/**
 * A unit's level from its name (`levels.ts`): "Sở Y tế", "UBND thành phố Đồng Xoài"; a place
 * written without "UBND" ("Huyện Bù Đăng", "Thị xã Chơn Thành") is read as its committee.
 */
export function levelFromName(name: string, set: TargetSet): string | undefined {
  return levelOfUnit(name, set.levels, { bare: true });
}
