/**
 * checkSheet: a whole worksheet in, findings with their cells, a summary and a mark plan out.
 * A pure function over a cell grid; it never throws and always returns a result.
 */
import type { Cell } from '../cell.js';
import {
  type AchievedValue,
  applicableRow,
  evaluate,
  parseIndicatorValue,
  type UnitRef,
} from '../evaluate.js';
import type {
  EvaluationFinding,
  Finding,
  FindingCode,
  NotApplicableFinding,
  Quarter,
  TargetMismatchFinding,
  UnrecognisedRowFinding,
} from '../findings.js';
import type { Grid } from '../grid.js';
import type { Locale } from '../messages/catalog.js';
import { describeFinding } from '../messages/describe.js';
import { isPercentFormat } from '../parse/number-format.js';
import { type Indicator, type TargetNumber, type TargetSet, targetValue } from '../schema.js';
import { FINDING_CODES, MARK_STATUSES, markStatusOf } from '../status.js';
import { getBuiltinTargetSet, getBuiltinTargetSets } from '../target-sets/index.js';
import { cutText } from './content.js';
import { detectUnit, levelOfUnit, quarterInLines, titleAffinity, yearIn } from './detect.js';
import { type AnnexColumn, type Layout, type RowKind, recogniseLayout } from './layout.js';
import {
  buildRules,
  type MarkedCell,
  type MarkGroup,
  type MarkPlan,
  scaleFor,
  type WatchedCell,
} from './marks.js';
import { type IndicatorMatch, mapTargetRows, matcherFor } from './match.js';
import { isEmptyCell, SheetView } from './sheet.js';

export interface CheckSheetOptions {
  /** The target set, or a built-in set's id; detected from the sheet when absent. */
  readonly targetSet?: TargetSet | string;
  /** Sets to choose from when detecting (default: the built-in sets). */
  readonly targetSets?: readonly TargetSet[];
  /** The unit's level id (`so`, `huyen`, `xa`); detected from the unit's name when absent. */
  readonly level?: string;
  /** The unit's name; read from "Đơn vị báo cáo: …" or a letterhead when absent. */
  readonly unitName?: string;
  /** Check quarters 1 up to this one; detected from the title or the latest quarter with results when absent. */
  readonly quarter?: Quarter;
  /** Values short of the minimum by at most this much (percentage points) are near misses. */
  readonly nearMissBand?: number;
  /** Language of the messages in findings and the mark plan (default Vietnamese). */
  readonly locale?: Locale;
}

/** A finding located in the sheet. */
export type SheetFinding = Finding<never> & {
  /** The A1 cell, when the finding has one. */
  readonly cell?: string;
  /** The sheet's name, when the grid has one. */
  readonly sheet?: string;
  /** The finding in words, in the requested language. */
  readonly message: string;
};

export type InputNeeded = 'target-set' | 'level' | 'quarter';

export type ContextSource = 'option' | 'title' | 'unit-name' | 'content' | 'latest-results';

export interface CheckContext {
  readonly targetSetId?: string;
  readonly level?: string;
  readonly unitName?: string;
  readonly quarter?: Quarter;
  /** Where each was found, so a shell can show it and a user can correct it. */
  readonly sources: {
    readonly targetSet?: ContextSource;
    readonly level?: ContextSource;
    readonly unitName?: ContextSource;
    readonly quarter?: ContextSource;
  };
}

export interface LayoutRowInfo {
  /** 1-based sheet row. */
  readonly row: number;
  readonly kind: RowKind;
  readonly indicatorId?: string;
  /** The official target row this sheet row stands for. */
  readonly targetRow?: number;
  readonly stt?: string;
  readonly text?: string;
  readonly match?: Pick<IndicatorMatch, 'score' | 'by'>;
}

/** What was recognised, as data, for a shell to show and a user to correct. */
export interface AnnexLayout {
  /** 1-based sheet rows of the header. */
  readonly headerRows: readonly number[];
  readonly columns: readonly AnnexColumn[];
  readonly rows: readonly LayoutRowInfo[];
  readonly titleLines: readonly string[];
  /** Year written in the title, if any. */
  readonly year?: number;
}

export interface CheckSummary {
  readonly total: number;
  readonly byCode: Readonly<Record<FindingCode, number>>;
  readonly byIndicator: readonly {
    readonly indicatorId: string;
    readonly byCode: Readonly<Partial<Record<FindingCode, number>>>;
  }[];
}

export interface SheetCheck {
  readonly sheet?: string;
  /** `checked`; `not-an-annex` (one finding says why); `needs-input` (`needs` says what to ask). */
  readonly status: 'checked' | 'not-an-annex' | 'needs-input';
  readonly needs: readonly InputNeeded[];
  readonly context: CheckContext;
  readonly layout?: AnnexLayout;
  readonly findings: readonly SheetFinding[];
  readonly summary: CheckSummary;
  readonly markPlan: MarkPlan;
}

interface MatchedBlock {
  readonly indicator: Indicator;
  readonly match: IndicatorMatch;
  readonly rows: readonly number[];
  readonly targetRows: readonly (number | undefined)[];
}

function emptySummary(): Record<FindingCode, number> {
  return Object.fromEntries(FINDING_CODES.map((c) => [c, 0])) as Record<FindingCode, number>;
}

function summarise(findings: readonly SheetFinding[]): CheckSummary {
  const byCode = emptySummary();
  const perIndicator = new Map<string, Partial<Record<FindingCode, number>>>();
  for (const f of findings) {
    byCode[f.code]++;
    if (f.indicatorId === undefined) continue;
    let counts = perIndicator.get(f.indicatorId);
    if (!counts) {
      counts = {};
      perIndicator.set(f.indicatorId, counts);
    }
    counts[f.code] = (counts[f.code] ?? 0) + 1;
  }
  return {
    total: findings.length,
    byCode,
    byIndicator: [...perIndicator.entries()].map(([indicatorId, counts]) => ({
      indicatorId,
      byCode: counts,
    })),
  };
}

function resolveSet(option: TargetSet | string | undefined): TargetSet | undefined {
  if (option === undefined) return undefined;
  return typeof option === 'string' ? getBuiltinTargetSet(option) : option;
}

function matchBlocks(
  layout: Layout,
  set: TargetSet,
): { matched: Map<number, MatchedBlock>; count: number } {
  const matcher = matcherFor(set);
  const matched = new Map<number, MatchedBlock>();
  for (const block of layout.blocks) {
    const match = matcher.match(block);
    if (!match) continue;
    matched.set(block.index, {
      indicator: match.indicator,
      match,
      rows: block.rows,
      targetRows: mapTargetRows(match.indicator, block.leads, set),
    });
  }
  return { matched, count: matched.size };
}

/** The result for a sheet that was not checked: what was found, and an empty mark plan. */
function unchecked(
  sheet: string | undefined,
  status: 'not-an-annex' | 'needs-input',
  needs: readonly InputNeeded[],
  context: CheckContext,
  layout: AnnexLayout | undefined,
  findings: readonly SheetFinding[],
): SheetCheck {
  const named = sheet === undefined ? {} : { sheet };
  return {
    ...named,
    status,
    needs,
    context,
    ...(layout ? { layout } : {}),
    findings,
    summary: summarise(findings),
    markPlan: { ...named, groups: [], rules: [] },
  };
}

function notAnAnnex(
  grid: Grid,
  reason: 'empty' | 'no-header' | 'no-indicator',
  locale: Locale,
  layout?: AnnexLayout,
  targetSetId?: string,
): SheetCheck {
  const finding = {
    code: 'not-an-annex' as const,
    reason,
    ...(targetSetId ? { targetSetId } : {}),
  };
  const f: SheetFinding = {
    ...finding,
    ...(grid.name === undefined ? {} : { sheet: grid.name }),
    message: describeFinding(finding, { locale }),
  };
  return unchecked(grid.name, 'not-an-annex', [], { sources: {} }, layout, [f]);
}

/**
 * Checks one worksheet: recognises the annex, matches its rows to a target set, reads the
 * achieved values of the unit's rows and evaluates them against the official minimums, and
 * compares the targets written in the sheet with the official ones.
 */
export function checkSheet(grid: Grid, options: CheckSheetOptions = {}): SheetCheck {
  const locale = options.locale ?? 'vi';
  const view = new SheetView(grid);
  if (!view.hasContent) return notAnAnnex(grid, 'empty', locale);
  const layout = recogniseLayout(view);
  if (!layout) return notAnAnnex(grid, 'no-header', locale);

  // The target set: given, or the candidate whose indicators the rows match best.
  const given = resolveSet(options.targetSet);
  let set: TargetSet | undefined = given;
  let setSource: ContextSource | undefined = given ? 'option' : undefined;
  let matching: { matched: Map<number, MatchedBlock>; count: number } | undefined;
  if (set) {
    matching = matchBlocks(layout, set);
  } else {
    // Candidates in order of what the title says (province, year, document number); the first
    // that matches every indicator block wins outright, as no other set can match more.
    const candidates = (options.targetSets ?? getBuiltinTargetSets())
      .map((candidate) => ({ candidate, affinity: titleAffinity(layout.titleLines, candidate) }))
      .sort((a, b) => b.affinity - a.affinity);
    let bestRank = -1;
    for (const { candidate, affinity } of candidates) {
      const m = matchBlocks(layout, candidate);
      const rank = m.count * 10 + affinity;
      if (m.count > 0 && rank > bestRank) {
        bestRank = rank;
        set = candidate;
        matching = m;
      }
      if (m.count === layout.blocks.length && m.count > 0) break;
    }
    setSource = 'content';
  }
  const publicLayout = (m?: Map<number, MatchedBlock>): AnnexLayout =>
    toPublicLayout(view, layout, m);
  if (!set || !matching || matching.count === 0) {
    return notAnAnnex(grid, 'no-indicator', locale, publicLayout(), set?.id);
  }
  const matched = matching.matched;

  // The unit, its level and the quarter.
  const detectedUnit = detectUnit(layout.titleLines);
  const unitName = options.unitName ?? detectedUnit?.name;
  const unitSource: ContextSource | undefined = options.unitName
    ? 'option'
    : detectedUnit
      ? 'title'
      : undefined;
  let level = options.level;
  let levelSource: ContextSource | undefined = level ? 'option' : undefined;
  if (!level && unitName) {
    level = levelOfUnit(unitName, set);
    if (level) levelSource = 'unit-name';
  }
  if (level && !set.levels.some((l) => l.id === level)) level = undefined;

  const resultColumns = layout.columns.filter((c) => c.role === 'result');
  const quarterOf = (col: AnnexColumn, checked: Quarter | undefined): Quarter | undefined =>
    col.quarter ?? checked;
  let quarter = options.quarter;
  let quarterSource: ContextSource | undefined = quarter ? 'option' : undefined;
  if (!quarter) {
    const fromTitle = quarterInLines(layout.titleLines);
    if (fromTitle) {
      quarter = fromTitle;
      quarterSource = 'title';
    } else {
      const unitForQuarter = level ? { level, ...(unitName ? { name: unitName } : {}) } : undefined;
      quarter = latestQuarterWithResults(view, matched, unitForQuarter, resultColumns);
      if (quarter) quarterSource = 'latest-results';
    }
  }

  const needs: InputNeeded[] = [];
  if (!level) needs.push('level');
  if (!quarter) needs.push('quarter');
  const context: CheckContext = {
    targetSetId: set.id,
    ...(level ? { level } : {}),
    ...(unitName ? { unitName } : {}),
    ...(quarter ? { quarter } : {}),
    sources: {
      ...(setSource ? { targetSet: setSource } : {}),
      ...(levelSource ? { level: levelSource } : {}),
      ...(unitSource ? { unitName: unitSource } : {}),
      ...(quarterSource ? { quarter: quarterSource } : {}),
    },
  };
  const sheetName = grid.name;
  if (!level || !quarter)
    return unchecked(sheetName, 'needs-input', needs, context, publicLayout(matched), []);

  const unit: UnitRef = { level, ...(unitName ? { name: unitName } : {}) };
  const checked = quarter;
  const band = Math.max(0, options.nearMissBand ?? 0);
  const dueQuarters = new Set<Quarter>();
  for (const col of resultColumns) {
    const q = quarterOf(col, checked);
    if (q !== undefined && q <= checked) dueQuarters.add(q);
  }

  // Every result cell evaluated is a slot; a value's `ref` is its slot's index, so findings lead
  // back to their cell without maps keyed by strings (a consolidated sheet has 160,000 values).
  const slots: Slot[] = [];
  const values: AchievedValue<number>[] = [];
  type Located =
    | TargetMismatchFinding<string>
    | NotApplicableFinding<string>
    | UnrecognisedRowFinding<string>;
  const extra: Located[] = [];
  const extraAt = new Map<string, Slot>();
  const targetWatch: WatchedCell[] = [];
  const annualCol = layout.columns.find((c) => c.role === 'annual');
  const minimumCols = layout.columns.filter((c) => c.role === 'minimum' && c.quarter !== undefined);
  const unrecognised: Located[] = [];
  const nameCol = layout.columns.find((c) => c.role === 'name')?.column ?? 0;
  const orow = grid.origin?.row ?? 0;
  const ocol = grid.origin?.column ?? 0;

  for (const block of layout.blocks) {
    const m = matched.get(block.index);
    if (!m) {
      const r = block.rows[0] ?? 0;
      const f: Mutable<UnrecognisedRowFinding<string>> = {
        code: 'unrecognised-row',
        text: block.text,
        row: view.sheetRow(r),
        ref: view.address(r, nameCol),
      };
      if (block.stt) f.stt = block.stt;
      unrecognised.push(f);
      extraAt.set(f.ref as string, {
        row: r,
        column: nameCol,
        cell: undefined,
        a1: f.ref as string,
      });
      continue;
    }
    const { indicator } = m;
    const choice = applicableRow(indicator, unit);
    m.rows.forEach((r, k) => {
      const official =
        m.targetRows[k] === undefined ? undefined : indicator.targets[m.targetRows[k] as number];
      // Targets written in the sheet against the official ones.
      if (official) {
        const pairs: [
          AnnexColumn | undefined,
          TargetNumber | null | undefined,
          Quarter | undefined,
        ][] = [[annualCol, official.annual, undefined]];
        for (const c of minimumCols)
          pairs.push([c, official.quarterly?.[(c.quarter as Quarter) - 1], c.quarter]);
        for (const [col, target, q] of pairs) {
          if (!col || target === null || target === undefined) continue;
          const expected = targetValue(target);
          const cell = view.cell(r, col.column);
          if (isEmptyCell(cell)) continue;
          const parsed = parseIndicatorValue(cell as Cell, indicator);
          if (parsed.kind !== 'number' || Math.abs(parsed.value - expected) < 1e-9) continue;
          const a1 = view.address(r, col.column);
          const lowerBetter = indicator.direction === 'lower-is-better';
          const mismatch: Mutable<TargetMismatchFinding<string>> = {
            code: 'target-mismatch',
            indicatorId: indicator.id,
            targetRow: m.targetRows[k] as number,
            ref: a1,
            target: q ? 'quarterly' : 'annual',
            official: expected,
            value: parsed.value,
            lowered: lowerBetter ? parsed.value > expected : parsed.value < expected,
            unit: indicator.unit,
            raw: parsed.raw,
          };
          if (q) mismatch.quarter = q;
          extra.push(mismatch);
          extraAt.set(a1, { row: r, column: col.column, cell, a1 });
          // Only altered targets are watched: the mark goes away when the official value is restored.
          targetWatch.push({
            row: r + orow,
            column: col.column + ocol,
            percent: isPercentFormat(cell?.numberFormat),
            official: expected,
            numberFormat: cell?.numberFormat,
            pinned:
              typeof cell?.value === 'string'
                ? { status: 'target-mismatch', text: cell.value.trim() }
                : undefined,
          });
        }
      }
      // Achieved values: the unit's own row(s) are evaluated; values in other rows are not the unit's.
      const isUnitRow = choice.index !== undefined && m.targetRows[k] === choice.index;
      for (const col of resultColumns) {
        const q = quarterOf(col, checked);
        if (q === undefined || q > checked) continue;
        const cell = view.cell(r, col.column);
        if (isUnitRow || (choice.index === undefined && !isEmptyCell(cell))) {
          const ref = slots.length;
          slots.push({ row: r, column: col.column, cell, a1: view.address(r, col.column) });
          values.push({
            indicatorId: indicator.id,
            quarter: q,
            value: parseIndicatorValue(cell ?? EMPTY, indicator),
            ref,
          });
        } else if (!isEmptyCell(cell) && official) {
          const a1 = view.address(r, col.column);
          const na: NotApplicableFinding<string> = {
            code: 'not-applicable',
            indicatorId: indicator.id,
            quarter: q,
            reason: 'level',
            ref: a1,
            appliesTo: { levels: official.appliesTo.levels, agencies: official.appliesTo.agencies },
          };
          extra.push(na);
          extraAt.set(a1, { row: r, column: col.column, cell, a1 });
        }
      }
    });
  }

  const evaluated = evaluate<number>({
    targetSet: set,
    unit,
    quarter: checked,
    values,
    options: { nearMissBand: band },
  });

  // Findings, located in their cells and worded; evaluation findings are completed in place.
  const describeOptions = { locale, targetSet: set };
  const findings: SheetFinding[] = [];
  const keys: number[] = [];
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = new Array(slots.length);
  const messageOfSlot: string[] = new Array(slots.length);
  for (const f of evaluated) {
    // A quarter the sheet has no results column for is not due in this sheet.
    if (f.code === 'missing-value' && f.reason === 'absent' && !dueQuarters.has(f.quarter))
      continue;
    const slot = f.ref === undefined ? undefined : slots[f.ref];
    const message = describeFinding(f, describeOptions);
    if (f.ref !== undefined) {
      findingOfSlot[f.ref] = f;
      messageOfSlot[f.ref] = message;
    }
    findings.push(locate(f, slot?.a1, sheetName, message));
    keys.push(slot ? slot.row * COLUMNS + slot.column : Number.MAX_SAFE_INTEGER);
  }
  for (const f of [...extra, ...unrecognised]) {
    const slot = f.ref === undefined ? undefined : extraAt.get(f.ref);
    findings.push(locate(f, f.ref, sheetName, describeFinding(f, describeOptions)));
    keys.push(slot ? slot.row * COLUMNS + slot.column : Number.MAX_SAFE_INTEGER);
  }
  sortByKeys(findings, keys);

  // The mark plan: every due achieved cell of the unit is watched by the rules, so colours follow edits.
  const marked: MarkedCell[] = [];
  const columnPercent = percentByColumn(slots);
  const boundsOf = new Map<string, { min: number; max: number } | undefined>();
  for (const ind of set.indicators) {
    boundsOf.set(
      ind.id,
      ind.unit.kind === 'percent'
        ? PERCENT_BOUNDS
        : ind.unit.kind === 'points'
          ? { min: 0, max: ind.unit.max }
          : undefined,
    );
  }
  const achievedWatch: WatchedCell[] = [];
  for (let i = 0; i < slots.length; i++) {
    const at = slots[i] as Slot;
    const f = findingOfSlot[i];
    // Cells the unit need not fill (another agency's indicator) are not watched.
    if (!f || f.code === 'not-applicable') continue;
    // A number's own format decides its scale; a blank or text cell takes a percent format of
    // its own, or else its column's usual scale (what Excel gives a number typed there later).
    const ownPercent = isPercentFormat(at.cell?.numberFormat);
    const percent =
      typeof at.cell?.value === 'number'
        ? ownPercent
        : ownPercent || (columnPercent.get(at.column) ?? false);
    const minimum = 'minimum' in f ? f.minimum : undefined;
    const raw = at.cell?.value;
    const status = markStatusOf(f);
    const pinnedText =
      status && typeof raw === 'string' && at.cell?.type !== 'error' ? raw.trim() : '';
    achievedWatch.push({
      row: at.row + orow,
      column: at.column + ocol,
      percent,
      bounds: boundsOf.get(f.indicatorId),
      numberFormat: at.cell?.numberFormat,
      minimum,
      pinned: status && pinnedText !== '' ? { status, text: pinnedText } : undefined,
    });
    if (status) {
      const cell: Mutable<MarkedCell> = {
        cell: at.a1,
        row: at.row + orow,
        column: at.column + ocol,
        status,
        // The note a shell writes on the cell: within Excel's limit, whatever the cell held.
        message: cutText(messageOfSlot[i] as string),
        indicatorId: f.indicatorId,
        quarter: f.quarter,
      };
      if (minimum)
        cell.minimum = { comparator: minimum.comparator, value: scaleFor(minimum.value, percent) };
      marked.push(cell);
    }
  }
  for (const f of extra) {
    // (located above: the finding now carries its cell instead of its ref, and its message)
    const { cell: a1, message } = f as unknown as SheetFinding;
    if (f.code !== 'target-mismatch' || a1 === undefined) continue;
    const at = extraAt.get(a1);
    if (!at) continue;
    const cell: Mutable<MarkedCell> = {
      cell: a1,
      row: at.row + orow,
      column: at.column + ocol,
      status: 'target-mismatch',
      message: cutText(message),
      indicatorId: f.indicatorId,
      minimum: {
        comparator: 'at-least',
        value: scaleFor(f.official, isPercentFormat(at.cell?.numberFormat)),
      },
    };
    if (f.quarter) cell.quarter = f.quarter;
    marked.push(cell);
  }
  const address = (row: number, column: number) => view.address(row - orow, column - ocol);
  const groups: MarkGroup[] = MARK_STATUSES.map((status) => ({
    status,
    cells: marked.filter((c) => c.status === status),
  })).filter((g) => g.cells.length > 0);
  const markPlan: MarkPlan = {
    ...(sheetName === undefined ? {} : { sheet: sheetName }),
    groups,
    rules: buildRules(achievedWatch, targetWatch, band, address),
  };

  return {
    ...(sheetName === undefined ? {} : { sheet: sheetName }),
    status: 'checked',
    needs: [],
    context,
    layout: publicLayout(matched),
    findings,
    summary: summarise(findings),
    markPlan,
  };
}

/** Whether most filled cells of a column are percent-formatted: the scale for its blank cells. */
function percentByColumn(slots: readonly Slot[]): Map<number, boolean> {
  const tally = new Map<number, { percent: number; plain: number }>();
  for (const at of slots) {
    if (!at.cell || typeof at.cell.value !== 'number') continue;
    let t = tally.get(at.column);
    if (!t) {
      t = { percent: 0, plain: 0 };
      tally.set(at.column, t);
    }
    if (isPercentFormat(at.cell.numberFormat)) t.percent++;
    else t.plain++;
  }
  return new Map([...tally.entries()].map(([c, t]) => [c, t.percent > t.plain]));
}

/** The latest quarter with any result in the unit's rows (or in any row, when the unit is unknown). */
function latestQuarterWithResults(
  view: SheetView,
  matched: Map<number, MatchedBlock>,
  unit: UnitRef | undefined,
  resultColumns: readonly AnnexColumn[],
): Quarter | undefined {
  let latest: Quarter | undefined;
  for (const m of matched.values()) {
    const choice = unit ? applicableRow(m.indicator, unit) : undefined;
    m.rows.forEach((r, k) => {
      if (choice && (choice.index === undefined || m.targetRows[k] !== choice.index)) return;
      for (const col of resultColumns) {
        if (
          col.quarter &&
          !isEmptyCell(view.cell(r, col.column)) &&
          (!latest || col.quarter > latest)
        )
          latest = col.quarter;
      }
    });
  }
  return latest;
}

/** A result cell that was evaluated: where it is, what it holds, its A1 address. */
interface Slot {
  readonly row: number;
  readonly column: number;
  readonly cell: Cell | undefined;
  readonly a1: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY: Cell = { value: null };
const PERCENT_BOUNDS = { min: 0, max: 100 } as const;
/** Columns per row in a sort key (Excel has 16,384). */
const COLUMNS = 16_384;

/** Completes a finding with its cell, sheet and words, in place (findings are the engine's own fresh objects). */
function locate(
  f: Finding<unknown>,
  cell: string | undefined,
  sheet: string | undefined,
  message: string,
): SheetFinding {
  const located = f as Mutable<SheetFinding> & { ref?: unknown };
  located.ref = undefined;
  if (cell !== undefined) located.cell = cell;
  if (sheet !== undefined) located.sheet = sheet;
  located.message = message;
  return located as SheetFinding;
}

/** Sorts findings by their keys (row, then column; no cell last), keeping the order of equal keys. */
function sortByKeys(findings: SheetFinding[], keys: readonly number[]): void {
  const order = Uint32Array.from(findings.keys());
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const sorted = Array.from(order, (i) => findings[i] as SheetFinding);
  for (let i = 0; i < sorted.length; i++) findings[i] = sorted[i] as SheetFinding;
}

function toPublicLayout(
  view: SheetView,
  layout: Layout,
  matched?: Map<number, MatchedBlock>,
): AnnexLayout {
  const year = yearIn(layout.titleLines);
  // Where each row of a matched block sits in it (a block may have thousands of rows).
  const positionInBlock = new Map<number, number>();
  for (const m of matched?.values() ?? []) {
    m.rows.forEach((r, k) => {
      if (!positionInBlock.has(r)) positionInBlock.set(r, k);
    });
  }
  return {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns: layout.columns,
    rows: layout.rows.map((row) => {
      // Most rows of a sheet reaching far down are blank: they say no more than that.
      if (row.kind === 'blank') return { row: view.sheetRow(row.row), kind: row.kind };
      const m = row.block === undefined ? undefined : matched?.get(row.block);
      const k = m ? (positionInBlock.get(row.row) ?? -1) : -1;
      const kind: RowKind =
        row.block !== undefined &&
        matched &&
        !m &&
        (row.kind === 'indicator' || row.kind === 'level-row')
          ? 'unrecognised'
          : row.kind;
      return {
        row: view.sheetRow(row.row),
        kind,
        ...(m
          ? { indicatorId: m.indicator.id, match: { score: m.match.score, by: m.match.by } }
          : {}),
        ...(m && k >= 0 && m.targetRows[k] !== undefined ? { targetRow: m.targetRows[k] } : {}),
        ...(row.stt ? { stt: row.stt } : {}),
        ...(row.text ? { text: row.text } : {}),
      };
    }),
    titleLines: layout.titleLines,
    ...(year ? { year } : {}),
  };
}
