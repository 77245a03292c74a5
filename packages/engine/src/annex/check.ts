/**
 * checkSheet: a whole worksheet in, findings with their cells, a summary and a mark plan out.
 * A pure function over a cell grid; it never throws and always returns a result. It is a short
 * pipeline over the steps of a check, each a module of its own:
 *
 * 1. `choose-set.ts`  the target set: given, or the one the rows match best;
 * 2. `context.ts`     the unit, its level and the quarter: given, or read from the sheet;
 * 3. `targets.ts`     targets written in the sheet against the official ones;
 * 4. `collect.ts`     the unit's achieved values, and rows that are not the unit's or match nothing;
 *    then `evaluate` judges the values (`../evaluate.ts`);
 * 5. `locate.ts`      findings placed in their cells, in sheet order;
 * 6. `mark-plan.ts`   the cells to colour and the rules that keep colours right as the user edits.
 *
 * Findings are data: no words are made here (`describeFinding` words one when a shell shows it).
 */
import { evaluateForSheet } from '../evaluate.js';
import { withChanges } from '../finding-list.js';
import type { Finding, FindingCode, FindingUnit, NotAnAnnexFinding, Quarter } from '../findings.js';
import type { Grid } from '../grid.js';
import type { TargetSet } from '../schema.js';
import { checkUnitTable, type UnitTableInfo } from '../unit-table/check.js';
import { checkUnitGroups, unitGroups } from '../unit-table/groups.js';
import { checkIndexTable } from '../unit-table/index-table.js';
import { chooseTargetSet, type Matched } from './choose-set.js';
import { collectValues, keepValuesNotAssigned } from './collect.js';
import { resolveContext, resultColumns } from './context.js';
import {
  type AnnexColumn,
  hasFewIndicators,
  isTaskList,
  type Layout,
  type RowKind,
  recogniseLayout,
} from './layout.js';
import { locateFindings, NO_PLACES } from './locate.js';
import { planMarks } from './mark-plan.js';
import { type MarkPlan, noMarks } from './marks.js';
import type { IndicatorMatch } from './match.js';
import { assignmentDefaultNotice, NOTICE_CODES, type SheetNotice } from './notices.js';
import { SheetView } from './sheet.js';
import type { SkipReason } from './skipped.js';
import { publicLayout, summarise } from './summary.js';
import { type ComparedTargets, compareTargets } from './targets.js';

export interface CheckSheetOptions {
  /** The target set, or a built-in set's id; detected from the sheet when absent. */
  readonly targetSet?: TargetSet | string;
  /**
   * Where the set given came from, when a shell chose it rather than the user: `embedded`, the
   * set stored in the workbook (a template's). The context says so (`sources.targetSet`) instead
   * of `option`.
   */
  readonly targetSetFrom?: 'embedded';
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
  /**
   * Make the mark plan (default true). A caller that only reports (a command line without
   * annotated copies) passes false: the plan is empty and its memory is never spent.
   */
  readonly marks?: boolean;
}

/** A finding located in the sheet: data only; a shell words it with `describeFinding`. */
export type SheetFinding = Finding<never> & {
  /** The A1 cell, when the finding has one. */
  readonly cell?: string;
  /** The sheet's name, when the grid has one. */
  readonly sheet?: string;
  /** The unit the finding is about, in a unit table (one row per unit, `../unit-table/`). */
  readonly forUnit?: FindingUnit;
};

export type InputNeeded = 'target-set' | 'level' | 'quarter';

/**
 * Where a context value came from: given (`option`), stored in the workbook (`embedded`: the
 * target set a template carries), or read from the sheet (title, unit name, content, latest results).
 */
export type ContextSource =
  | 'option'
  | 'embedded'
  | 'title'
  | 'unit-name'
  | 'content'
  | 'latest-results';

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
  /**
   * `checked`; `not-an-annex` (one finding says why); `needs-input` (`needs` says what to ask);
   * `skipped`: not read nor checked, `reason` says why (`skipped.ts`: a hidden sheet).
   */
  readonly status: 'checked' | 'not-an-annex' | 'needs-input' | 'skipped';
  /** Why a `skipped` sheet was not checked. */
  readonly reason?: SkipReason;
  readonly needs: readonly InputNeeded[];
  readonly context: CheckContext;
  /** The target set applied (the same object as given or built in), to word the findings with. */
  readonly targetSet?: TargetSet;
  readonly layout?: AnnexLayout;
  readonly findings: readonly SheetFinding[];
  /** What the user is told once for the sheet (`notices.ts`), in the order of `NOTICE_CODES`. */
  readonly notices: readonly SheetNotice[];
  readonly summary: CheckSummary;
  readonly markPlan: MarkPlan;
  /** Set for a unit table (one row per unit): its columns and every unit, as read. */
  readonly unitTable?: UnitTableInfo;
}

/** The result for a sheet that was not checked: what was found, and an empty mark plan. */
function unchecked(
  sheet: string | undefined,
  status: 'not-an-annex' | 'needs-input',
  needs: readonly InputNeeded[],
  context: CheckContext,
  layout: AnnexLayout | undefined,
  findings: readonly SheetFinding[],
  targetSet?: TargetSet,
  notices: readonly SheetNotice[] = [],
): SheetCheck {
  return {
    ...(sheet === undefined ? {} : { sheet }),
    status,
    needs,
    context,
    ...(targetSet ? { targetSet } : {}),
    ...(layout ? { layout } : {}),
    findings,
    notices: inNoticeOrder(notices),
    summary: summarise(findings),
    markPlan: noMarks({ name: sheet }),
  };
}

/** An empty mark plan: nothing to colour in the sheet. */
const wantsMarks = (options: CheckSheetOptions): boolean => options.marks !== false;

function notAnAnnex(
  grid: Grid,
  reason: NotAnAnnexFinding['reason'],
  layout?: AnnexLayout,
  targetSet?: TargetSet,
): SheetCheck {
  const f: SheetFinding = {
    code: 'not-an-annex',
    reason,
    ...(targetSet ? { targetSetId: targetSet.id } : {}),
    ...(grid.name === undefined ? {} : { sheet: grid.name }),
  };
  return unchecked(grid.name, 'not-an-annex', [], { sources: {} }, layout, [f], targetSet);
}

/**
 * Checks one worksheet: recognises the annex, matches its rows to a target set, reads the
 * achieved values of the unit's rows and evaluates them against the official minimums, and
 * compares the targets written in the sheet with the official ones.
 */
export function checkSheet(grid: Grid, options: CheckSheetOptions = {}): SheetCheck {
  const view = new SheetView(grid);
  const annex = checkAnnex(view, grid, options);
  const result = annex.status === 'not-an-annex' ? orUnitTable(view, options, annex) : annex;
  return options.targetSetFrom ? withSetSource(result, options.targetSetFrom) : result;
}

/** The result with the given set's source as the shell says (`targetSetFrom`), not `option`. */
function withSetSource(result: SheetCheck, from: ContextSource): SheetCheck {
  const { sources } = result.context;
  if (sources.targetSet !== 'option') return result;
  return withChanges(result, {
    context: { ...result.context, sources: { ...sources, targetSet: from } },
  });
}

/**
 * A sheet that is not an annex may be a unit table (one row per unit, `../unit-table/`): checked
 * as one, or its not-an-annex finding says what it lacked to be one. An empty sheet or a task
 * list stays as it is.
 */
function orUnitTable(view: SheetView, options: CheckSheetOptions, annex: SheetCheck): SheetCheck {
  const first = annex.findings[0];
  if (first?.code !== 'not-an-annex' || first.reason === 'empty' || first.reason === 'task-list')
    return annex;
  // The index table of Bộ chỉ số 766 (`../unit-table/index-table.ts`): groups, not units.
  const index = checkIndexTable(view, options);
  if (index) return index;
  const tried = checkUnitTable(view, options, first.reason !== 'no-header');
  if (tried.kind === 'check') return tried.result;
  if (tried.kind === 'none') return annex;
  const said: SheetFinding = { ...first, missing: tried.missing };
  return { ...annex, findings: [said], summary: summarise([said]) };
}

function checkAnnex(view: SheetView, grid: Grid, options: CheckSheetOptions): SheetCheck {
  if (!view.hasContent) return notAnAnnex(grid, 'empty');
  const layout = recogniseLayout(view);
  if (!layout) return notAnAnnex(grid, 'no-header');

  // A list of tasks with deadlines (seed 003's annex) is not an annex, whatever its rows match.
  if (isTaskList(view, layout)) return notAnAnnex(grid, 'task-list', publicLayout(view, layout));

  const chosen = chooseTargetSet(layout, options.targetSet, options.targetSets, view);
  const { set, matched, source } = chosen;
  if (!set || matched.size === 0)
    return notAnAnnex(grid, 'no-indicator', publicLayout(view, layout), set);
  // A helper sheet: few rows are indicators, and no roadmap or results heading says otherwise.
  if (hasFewIndicators(layout, matched.size))
    return notAnAnnex(grid, 'few-indicators', publicLayout(view, layout, matched), set);
  const notices: SheetNotice[] = layoutNotices(layout);
  if (chosen.notice) notices.push(chosen.notice);
  // Several units' results side by side (a consolidated sheet): each its own unit.
  const groups = unitGroups(layout);
  if (groups.length > 0)
    return checkUnitGroups(
      view,
      layout,
      groups,
      set,
      matched,
      source,
      options,
      notices,
      chosen.targets,
    );

  const {
    context,
    needs,
    unit,
    quarter,
    notices: levelNotices,
  } = resolveContext(view, layout, set, matched, source, options);
  notices.push(...levelNotices);
  const shown = publicLayout(view, layout, matched);
  if (resultColumns(layout).length === 0)
    return checkedWithoutResults(
      view,
      grid,
      layout,
      set,
      matched,
      context,
      shown,
      notices,
      wantsMarks(options),
      chosen.targets,
    );
  if (!unit || !quarter)
    return unchecked(grid.name, 'needs-input', needs, context, shown, [], set, notices);

  const nearMissBand = Math.max(0, options.nearMissBand ?? 0);
  const targets = chosen.targets ?? compareTargets(view, layout, matched);
  const collected = collectValues(view, layout, matched, unit, quarter);
  notices.push(...collected.scales.notices);
  const evaluated = evaluateForSheet(
    {
      targetSet: set,
      unit,
      quarter,
      values: collected.values,
      options: { nearMissBand },
    },
    true,
  );
  // Values on rows not assigned to the unit: kept in their findings, and said once.
  const notAssigned = keepValuesNotAssigned(evaluated, collected, set, unit.level);
  if (notAssigned) notices.push(notAssigned);
  const defaults = assignmentDefaultNotice(set, evaluated, unit.level);
  if (defaults) notices.push(defaults);
  // The values read are judged: without a mark plan, nothing needs them or their slots any more
  // (a consolidated sheet's are a million objects, let go before its findings are placed).
  if (!wantsMarks(options)) {
    collected.values.length = 0;
    collected.slots.length = 0;
  }
  const { findings, findingOfSlot } = locateFindings(
    evaluated,
    collected.places,
    collected.due,
    [...targets.mismatches, ...collected.notApplicable, ...collected.unrecognised],
    grid.name,
  );
  const markPlan = !wantsMarks(options)
    ? noMarks(grid)
    : planMarks({
        view,
        set,
        slots: collected.slots,
        findingOfSlot,
        mismatches: targets.mismatches,
        targetWatch: targets.watch,
        nearMissBand,
        fractionColumns: collected.scales.fractionColumns,
      });
  return checked(grid, context, set, shown, findings, notices, markPlan);
}

/** The result of a sheet that was checked. */
function checked(
  grid: Grid,
  context: CheckContext,
  set: TargetSet,
  shown: AnnexLayout,
  findings: readonly SheetFinding[],
  notices: readonly SheetNotice[],
  markPlan: MarkPlan,
): SheetCheck {
  return {
    ...(grid.name === undefined ? {} : { sheet: grid.name }),
    status: 'checked',
    needs: [],
    context,
    targetSet: set,
    layout: shown,
    findings,
    notices: inNoticeOrder(notices),
    summary: summarise(findings),
    markPlan,
  };
}

/** The notices a sheet's layout gives: columns beyond those read. */
function layoutNotices(layout: Layout): SheetNotice[] {
  return layout.ignoredColumns.map((ignored) => ({ code: 'columns-ignored', ...ignored }));
}

/**
 * The check with more notices (a shell's own: the target set stored in the workbook), all in the
 * order of `NOTICE_CODES`. Unchanged when there are none.
 */
export function withNotices(result: SheetCheck, more: readonly SheetNotice[]): SheetCheck {
  if (more.length === 0) return result;
  return withChanges(result, { notices: inNoticeOrder([...result.notices, ...more]) });
}

/** Notices in the order of `NOTICE_CODES`, keeping the order of each code's own. */
export function inNoticeOrder(notices: readonly SheetNotice[]): SheetNotice[] {
  return [...notices].sort((a, b) => NOTICE_CODES.indexOf(a.code) - NOTICE_CODES.indexOf(b.code));
}

/**
 * A table with targets and no results column: nothing to judge yet. The targets written in it
 * are compared with the official ones (mismatches are findings, marked as usual) and the sheet
 * says so with a `no-results` notice; its status stays `checked`, and no level or quarter is
 * asked for, since no value depends on them. A shell shows the notice in place of a pass.
 */
function checkedWithoutResults(
  view: SheetView,
  grid: Grid,
  layout: Layout,
  set: TargetSet,
  matched: Matched,
  context: CheckContext,
  shown: AnnexLayout,
  notices: SheetNotice[],
  marks: boolean,
  /** The comparison the set's choice made already, if it did. */
  compared: ComparedTargets | undefined,
): SheetCheck {
  const targets = compared ?? compareTargets(view, layout, matched);
  // With no results column no value is read: the unit and quarter given here only let the rows
  // that match no indicator be listed.
  const collected = collectValues(view, layout, matched, { level: context.level ?? '' }, 4);
  const { findings } = locateFindings(
    [],
    NO_PLACES,
    new Set(),
    [...targets.mismatches, ...collected.unrecognised],
    grid.name,
  );
  const markPlan = !marks
    ? noMarks(grid)
    : planMarks({
        view,
        set,
        slots: [],
        findingOfSlot: [],
        mismatches: targets.mismatches,
        targetWatch: targets.watch,
        nearMissBand: 0,
      });
  notices.push({
    code: 'no-results',
    targetsCompared: targets.compared,
    mismatches: targets.mismatches.length,
  });
  return checked(grid, context, set, shown, findings, notices, markPlan);
}
