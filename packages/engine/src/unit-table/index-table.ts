/**
 * The index table of the national service index (Bộ chỉ số 766, seed 001): one row per group
 * ("1") or sub-indicator ("1.1"), two periods side by side ("Quý I/2023", "Quý I/2024") with
 * points written "11,3/18" or ratios "93,33%", and a change column ("+3,78", "- 0,8", "-").
 *
 * Checked: points against their group's maximum in a set of points indicators (`chi-so-766`):
 * above the maximum written (`above-maximum`), or written over another maximum than the group's
 * (`maximum-mismatch`); ratios in 0–100 (`out-of-range`); and the change against the two periods
 * it compares (`change-mismatch`). Findings are `invalid-value`, each in its cell; the marks come
 * from the annex mark plan. `checkSheet` (`annex/check.ts`) tries this when a sheet is no annex.
 */
import type { AnnexLayout, CheckSheetOptions, SheetCheck, SheetFinding } from '../annex/check.js';
import { resolveSet } from '../annex/choose-set.js';
import type { AnnexColumn } from '../annex/layout.js';
import type { Slot } from '../annex/locate.js';
import { planMarks } from '../annex/mark-plan.js';
import { noMarks } from '../annex/marks.js';
import type { SheetView } from '../annex/sheet.js';
import { isEmptyCell } from '../annex/sheet.js';
import { summarise } from '../annex/summary.js';
import { quarterIn } from '../annex/vocabulary.js';
import type { Cell } from '../cell.js';
import type { EvaluationFinding, InvalidValueFinding, Quarter } from '../findings.js';
import { columnName } from '../grid.js';
import type { Mutable } from '../mutable.js';
import { isPercentFormat } from '../parse/number-format.js';
import { parseText, parseValue } from '../parse/parse-value.js';
import type { ParsedValue } from '../parse/types.js';
import type { Indicator, TargetSet } from '../schema.js';
import { getBuiltinTargetSets } from '../target-sets/index.js';
import { normalizeText } from '../text.js';

/** "1", "1.1", "3.2": the numbering of the index's groups and sub-indicators. */
const STT = /^\d{1,2}(?:\.\d{1,2})*\.?$/;
/** The header of the group column ("Nhóm chỉ số") and of the values ("Tỷ lệ/Điểm"). */
const GROUP_HEADER = /\bchi so\b/;
const POINTS_HEADER = /\bdiem\b/;
/** The change column: "Đánh giá chỉ số so với cùng kỳ", "Tăng/giảm", "Chênh lệch". */
const CHANGE_HEADER = /\b(?:so voi cung ky|tang giam|chenh lech|thay doi)\b/;
/** How far down the header may start. */
const HEADER_SCAN = 30;

interface IndexLayout {
  /** 0-based grid rows of the header. */
  readonly headerRows: readonly number[];
  readonly stt: number;
  readonly name: number;
  /** The two period columns, earlier first, with their quarters. */
  readonly periods: readonly { readonly column: number; readonly quarter: Quarter }[];
  readonly change?: number;
  /** 0-based rows of the table, in order. */
  readonly rows: readonly number[];
}

/** The header and rows of an index table, or undefined when the sheet is none. */
function recogniseIndexTable(view: SheetView): IndexLayout | undefined {
  const last = Math.min(view.rowCount, HEADER_SCAN);
  for (let r = 0; r < last; r++) {
    const columns = view.columnsIn(r);
    const name = columns.find((c) => GROUP_HEADER.test(view.norm(r, c)));
    const points = columns.find((c) => c !== name && POINTS_HEADER.test(view.norm(r, c)));
    if (name === undefined || points === undefined) continue;
    // The periods: in the header row itself or the one below it.
    for (const pr of [r, r + 1]) {
      const periods = view
        .columnsIn(pr)
        .filter((c) => c > name)
        .map((c) => ({ column: c, quarter: quarterIn(view.norm(pr, c)) }))
        .filter((p): p is { column: number; quarter: Quarter } => p.quarter !== undefined);
      if (periods.length !== 2) continue;
      const stt = name > 0 ? name - 1 : name;
      const change =
        columns.find((c) => CHANGE_HEADER.test(view.norm(r, c))) ??
        view.columnsIn(pr).find((c) => CHANGE_HEADER.test(view.norm(pr, c)));
      const rows: number[] = [];
      for (let d = pr + 1; d < view.rowCount; d++) {
        if (!STT.test(view.text(d, stt))) break;
        rows.push(d);
      }
      if (rows.length === 0) return undefined;
      return {
        headerRows: pr === r ? [r] : [r, pr],
        stt,
        name,
        periods,
        ...(change === undefined ? {} : { change }),
        rows,
      };
    }
  }
  return undefined;
}

/** The points indicators of a set, by normalised name and by number. */
function pointsIndicators(set: TargetSet): Indicator[] {
  return set.indicators.filter((i) => i.unit.kind === 'points');
}

/** The group indicator a row belongs to: its own (by name, else number), else its parent's. */
function groupOf(
  set: TargetSet,
  stt: string,
  name: string,
  matched: ReadonlyMap<string, Indicator>,
): Indicator | undefined {
  const norm = normalizeText(name);
  const own =
    pointsIndicators(set).find((i) => normalizeText(i.name) === norm) ??
    pointsIndicators(set).find((i) => i.stt === stt);
  if (own) return own;
  const parent = stt.replace(/\.$/, '').split('.').slice(0, -1).join('.');
  return parent === '' ? undefined : matched.get(parent);
}

/** How many rows of the table a set's points indicators name. */
function rowsNamed(view: SheetView, layout: IndexLayout, set: TargetSet): number {
  const names = new Set(pointsIndicators(set).map((i) => normalizeText(i.name)));
  return layout.rows.filter((r) => names.has(view.norm(r, layout.name))).length;
}

function chooseSet(
  view: SheetView,
  layout: IndexLayout,
  options: CheckSheetOptions,
): TargetSet | undefined {
  const given = resolveSet(options.targetSet);
  const candidates = [...(given ? [given] : []), ...(options.targetSets ?? getBuiltinTargetSets())];
  let best: TargetSet | undefined;
  let bestCount = 0;
  for (const set of candidates) {
    const n = rowsNamed(view, layout, set);
    if (n > bestCount) [best, bestCount] = [set, n];
  }
  return best;
}

/** A number read from a period cell, with the finding of its cell if it is not right. */
interface Read {
  readonly value?: number;
  readonly findings: readonly SheetFinding[];
}

function invalidFinding(
  base: { indicatorId: string; quarter: Quarter; cell: string; sheet?: string },
  parsed: ParsedValue & { kind: 'invalid' },
): Mutable<InvalidValueFinding & SheetFinding> {
  const f = {
    code: 'invalid-value',
    ...base,
    reason: parsed.reason,
    raw: parsed.raw,
  } as Mutable<InvalidValueFinding & SheetFinding>;
  const { kind: _kind, reason: _reason, raw: _raw, ...fields } = parsed;
  Object.assign(f, fields);
  return f;
}

/** Reads one period cell: points over the group's maximum, or a ratio in 0–100. */
function readPeriod(
  cell: Cell,
  text: string,
  group: Indicator | undefined,
  base: { indicatorId: string; quarter: Quarter; cell: string; sheet?: string },
): Read {
  const max = group?.unit.kind === 'points' ? group.unit.max : undefined;
  const isPoints = text.includes('/');
  // A group's score typed without its maximum ("11,3") is on the group's scale.
  const bare =
    !isPoints && max !== undefined && !text.includes('%') && !isPercentFormat(cell.numberFormat);
  const parsed = parseValue(cell, {
    expect: isPoints
      ? { kind: 'points' }
      : bare
        ? { kind: 'points', ...(max === undefined ? {} : { max }) }
        : { kind: 'percent' },
  });
  if (parsed.kind === 'missing' || parsed.kind === 'not-occurred') return { findings: [] };
  const findings: SheetFinding[] = [];
  const value = parsed.value;
  if (parsed.kind === 'invalid') findings.push(invalidFinding(base, parsed));
  const written = parsed.max;
  if (isPoints && max !== undefined && written !== undefined && written !== max) {
    const f: Mutable<InvalidValueFinding & SheetFinding> = {
      code: 'invalid-value',
      ...base,
      reason: 'maximum-mismatch',
      raw: parsed.raw,
      max: written,
      expected: { kind: 'points', max },
      written: { kind: 'points', max: written },
    };
    if (value !== undefined) f.value = value;
    if (parsed.text !== undefined) f.text = parsed.text;
    findings.push(f);
  }
  return { ...(value === undefined ? {} : { value }), findings };
}

/** "+3,78", "- 0,8", "-" (no change): the signed number written, and its decimals. */
function readChange(
  text: string,
): { readonly value: number; readonly decimals: number } | ParsedValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^[-–—]$/.test(t)) return { value: 0, decimals: 0 };
  const m = /^([+\-–−])?\s*(.+)$/u.exec(t);
  const body = m?.[2] ?? t;
  const parsed = parseText(body, { expect: { kind: 'any' } });
  if (parsed.kind !== 'number') return parsed;
  const negative = m?.[1] !== undefined && m[1] !== '+';
  const decimals = /[.,](\d+)\s*$/.exec(body)?.[1]?.length ?? 0;
  return { value: negative ? -parsed.value : parsed.value, decimals };
}

/**
 * Tries the sheet as the index table; undefined when it is none (no header of groups, points
 * and two periods, or no row a set's points indicators name).
 */
export function checkIndexTable(
  view: SheetView,
  options: CheckSheetOptions,
): SheetCheck | undefined {
  const layout = recogniseIndexTable(view);
  if (!layout) return undefined;
  const set = chooseSet(view, layout, options);
  if (!set) return undefined;
  const sheet = view.grid.name;
  const findings: SheetFinding[] = [];
  const slots: Slot[] = [];
  const findingOfSlot: (EvaluationFinding<number> | undefined)[] = [];
  const matched = new Map<string, Indicator>();
  const [earlier, later] = layout.periods as [
    { column: number; quarter: Quarter },
    { column: number; quarter: Quarter },
  ];
  const slot = (row: number, column: number, f: SheetFinding | undefined): void => {
    slots.push({ row, column, cell: view.cell(row, column), a1: view.address(row, column) });
    findingOfSlot.push(f as EvaluationFinding<number> | undefined);
  };

  for (const row of layout.rows) {
    const stt = view.text(row, layout.stt).replace(/\.$/, '');
    const group = groupOf(set, stt, view.text(row, layout.name), matched);
    if (group && group.stt === stt) matched.set(stt, group);
    if (!group) continue;
    const values: (number | undefined)[] = [];
    for (const p of layout.periods) {
      const cell = view.cell(row, p.column);
      const text = view.text(row, p.column);
      if (!cell || isEmptyCell(cell)) {
        values.push(undefined);
        continue;
      }
      const base = {
        indicatorId: group.id,
        quarter: p.quarter,
        cell: view.address(row, p.column),
        ...(sheet === undefined ? {} : { sheet }),
      };
      const read = readPeriod(cell, text, stt === group.stt ? group : undefined, base);
      values.push(read.value);
      findings.push(...read.findings);
      slot(row, p.column, read.findings[0]);
    }
    if (layout.change === undefined) continue;
    const change = readChange(view.text(row, layout.change));
    if (change === undefined) continue;
    const base = {
      code: 'invalid-value' as const,
      indicatorId: group.id,
      quarter: later.quarter,
      cell: view.address(row, layout.change),
      ...(sheet === undefined ? {} : { sheet }),
    };
    const raw = view.cell(row, layout.change)?.value ?? null;
    if ('kind' in change) {
      if (change.kind !== 'invalid') continue;
      const f = invalidFinding(base, change);
      f.raw = raw;
      findings.push(f);
      slot(row, layout.change, f);
      continue;
    }
    const [from, to] = values;
    if (from === undefined || to === undefined) continue;
    const expected = Math.round((to - from) * 1e9) / 1e9;
    const tolerance = 0.5 * 10 ** -change.decimals + 1e-9;
    if (Math.abs(change.value - expected) <= tolerance) {
      slot(row, layout.change, undefined);
      continue;
    }
    const f = {
      ...base,
      reason: 'change-mismatch',
      raw,
      text: view.text(row, layout.change),
      value: change.value,
      compared: [from, to],
      change: expected,
    } as SheetFinding;
    findings.push(f);
    slot(row, layout.change, f);
  }
  if (matched.size === 0) return undefined;

  // No bounds for the cells' rules: ratios and changes are not on their group's points scale.
  const markPlan =
    options.marks === false
      ? noMarks(view.grid)
      : planMarks({
          view,
          set: { ...set, indicators: [] },
          slots,
          findingOfSlot,
          mismatches: [],
          targetWatch: [],
          nearMissBand: 0,
        });
  return {
    ...(sheet === undefined ? {} : { sheet }),
    status: 'checked',
    needs: [],
    context: {
      targetSetId: set.id,
      quarter: later.quarter,
      sources: {
        targetSet: options.targetSet === set || options.targetSet === set.id ? 'option' : 'content',
        quarter: 'content',
      },
    },
    targetSet: set,
    layout: indexLayout(view, layout, earlier, later),
    findings,
    notices: [],
    summary: summarise(findings),
    markPlan,
  };
}

/** The table as an annex's layout, for shells that show one. */
function indexLayout(
  view: SheetView,
  layout: IndexLayout,
  earlier: { column: number; quarter: Quarter },
  later: { column: number; quarter: Quarter },
): AnnexLayout {
  const letter = (c: number) => columnName(c + (view.grid.origin?.column ?? 0));
  const header = (c: number) =>
    layout.headerRows
      .map((r) => view.text(r, c))
      .filter((t) => t !== '')
      .join(' ');
  const columns: AnnexColumn[] = [
    { column: layout.stt, letter: letter(layout.stt), role: 'stt', header: header(layout.stt) },
    { column: layout.name, letter: letter(layout.name), role: 'name', header: header(layout.name) },
    ...[earlier, later].map(
      (p): AnnexColumn => ({
        column: p.column,
        letter: letter(p.column),
        role: 'result',
        quarter: p.quarter,
        header: header(p.column),
      }),
    ),
  ];
  return {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns,
    rows: [],
    titleLines: [],
  };
}
