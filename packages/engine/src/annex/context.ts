/**
 * Step 2 of a check: the context. The unit, its level and the quarter checked: each as given,
 * or read from the sheet (title, unit name, latest quarter with results), with where it came from.
 */
import { applicableRow, type UnitRef } from '../evaluate.js';
import type { Quarter } from '../findings.js';
import type { TargetSet } from '../schema.js';
import type { CheckContext, CheckSheetOptions, ContextSource, InputNeeded } from './check.js';
import type { Matched } from './choose-set.js';
import { EXCEL_CELL_TEXT_LIMIT } from './content.js';
import {
  type DetectedUnit,
  detectUnit,
  levelOfUnit,
  quarterInLines,
  type TitleRows,
} from './detect.js';
import type { AnnexColumn, Layout } from './layout.js';
import { BoundedMemo, keyPart } from './memo.js';
import type { LevelContradictsSheetNotice } from './notices.js';
import { isEmptyCell, type SheetView } from './sheet.js';

export interface ResolvedContext {
  readonly context: CheckContext;
  /** What a user must still give; empty when the sheet can be checked. */
  readonly needs: readonly InputNeeded[];
  /** The unit checked, when its level is known. */
  readonly unit?: UnitRef;
  readonly quarter?: Quarter;
  /** A level given that the sheet contradicts (`level-contradicts-sheet`), for the sheet's notices. */
  readonly notices: readonly LevelContradictsSheetNotice[];
}

export function resolveContext(
  view: SheetView,
  layout: Layout,
  set: TargetSet,
  matched: Matched,
  setSource: ContextSource | undefined,
  options: CheckSheetOptions,
): ResolvedContext {
  const detectedUnit = unitOfTitle(titleRows(view, layout));
  const unitName = options.unitName ?? detectedUnit?.name;
  const unitSource: ContextSource | undefined = options.unitName
    ? 'option'
    : detectedUnit
      ? 'title'
      : undefined;
  const known = (id: string | undefined) =>
    id !== undefined && set.levels.some((l) => l.id === id) ? id : undefined;
  const nameLevel = unitName ? known(levelOfUnit(unitName, set)) : undefined;
  const columns = resultColumns(layout);
  const contentLevel = nameLevel ? undefined : known(levelFromContent(view, matched, columns));
  // A level given is the user's, even one the set does not have (then it is asked for again).
  let level = options.level ? known(options.level) : undefined;
  let levelSource: ContextSource | undefined = level ? 'option' : undefined;
  const notices: LevelContradictsSheetNotice[] = [];
  if (options.level) {
    // A level given that the sheet's unit name, or else its filled rows, say is another.
    const sheetLevel = nameLevel ?? contentLevel;
    if (level && sheetLevel && sheetLevel !== level)
      notices.push({
        code: 'level-contradicts-sheet',
        level,
        sheetLevel,
        from: nameLevel ? 'unit-name' : 'content',
      });
  } else if (nameLevel) {
    level = nameLevel;
    levelSource = 'unit-name';
  } else if (contentLevel) {
    level = contentLevel;
    levelSource = 'content';
  }

  let quarter = options.quarter;
  let quarterSource: ContextSource | undefined = quarter ? 'option' : undefined;
  if (!quarter) {
    const fromTitle = quarterInLines(layout.titleLines);
    if (fromTitle) {
      quarter = fromTitle;
      quarterSource = 'title';
    } else {
      const unit = level ? { level, ...(unitName ? { name: unitName } : {}) } : undefined;
      quarter = latestQuarterWithResults(view, matched, unit, columns);
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
  return {
    context,
    needs,
    ...(level ? { unit: { level, ...(unitName ? { name: unitName } : {}) } } : {}),
    ...(quarter ? { quarter } : {}),
    notices,
  };
}

/**
 * `detectUnit` of title rows, remembered by their cells' texts: the workbooks of a batch have a
 * few titles (12 in 600 department workbooks), each read once (~25 µs a sheet). Bounded.
 */
const UNITS = new BoundedMemo<{ readonly unit: DetectedUnit | undefined }>(1024, 1_000_000);

function unitOfTitle(rows: TitleRows): DetectedUnit | undefined {
  let key = '';
  for (const cells of rows) {
    key += `|${cells.length}`;
    for (const cell of cells) key += keyPart(cell);
  }
  return UNITS.through(key, () => ({ unit: detectUnit(rows) })).unit;
}

/** The rows above the header, cell by cell (a letterhead and the motto beside it are apart). */
function titleRows(view: SheetView, layout: Layout): TitleRows {
  const rows: string[][] = [];
  const top = layout.headerRows[0] ?? 0;
  for (let r = 0; r < top; r++) {
    const cells: string[] = [];
    let length = 0;
    for (const c of view.shownColumnsIn(r)) {
      if (length > EXCEL_CELL_TEXT_LIMIT) break;
      const t = view.text(r, c);
      if (t === '') continue;
      cells.push(t);
      length += t.length + 1;
    }
    if (cells.length > 0) rows.push(cells);
  }
  return rows;
}

/**
 * The level the sheet's filled rows are for, when only one level's are: the rows of an indicator
 * split by level ("Các sở, ban, ngành" / "UBND cấp huyện") that hold a result tell, else the
 * levels every filled row is for. Rows assigned to named agencies tell nothing.
 */
function levelFromContent(
  view: SheetView,
  matched: Matched,
  columns: readonly AnnexColumn[],
): string | undefined {
  const split = new Set<string>();
  let shared: Set<string> | undefined;
  for (const m of matched.values()) {
    const targets = m.indicator.targets;
    m.rows.forEach((r, k) => {
      const index = m.targetRows[k];
      const target = index === undefined ? undefined : targets[index];
      if (!target || target.appliesTo.agencies.length > 0 || target.appliesTo.levels.length === 0)
        return;
      if (!columns.some((col) => !isEmptyCell(view.cell(r, col.column)))) return;
      if (targets.length > 1) for (const l of target.appliesTo.levels) split.add(l);
      else {
        const levels = target.appliesTo.levels;
        shared = shared ? new Set([...shared].filter((l) => levels.includes(l))) : new Set(levels);
      }
    });
  }
  if (split.size > 0) return split.size === 1 ? [...split][0] : undefined;
  return shared?.size === 1 ? [...shared][0] : undefined;
}

/** The results columns of the table. */
export function resultColumns(layout: Layout): AnnexColumn[] {
  return layout.columns.filter((c) => c.role === 'result');
}

/** The latest quarter with any result in the unit's rows (or in any row, when the unit is unknown). */
function latestQuarterWithResults(
  view: SheetView,
  matched: Matched,
  unit: UnitRef | undefined,
  columns: readonly AnnexColumn[],
): Quarter | undefined {
  // Latest quarter first: a row need only be read until a quarter later than any found so far.
  const byQuarter = columns
    .filter((col) => col.quarter !== undefined)
    .sort((a, b) => (b.quarter as Quarter) - (a.quarter as Quarter));
  const last = byQuarter[0]?.quarter;
  let latest: Quarter | undefined;
  for (const m of matched.values()) {
    const choice = unit ? applicableRow(m.indicator, unit) : undefined;
    const rows = m.rows;
    for (let k = 0; k < rows.length; k++) {
      if (choice && (choice.index === undefined || m.targetRows[k] !== choice.index)) continue;
      const r = rows[k] as number;
      for (const col of byQuarter) {
        const q = col.quarter as Quarter;
        if (latest !== undefined && q <= latest) break;
        if (!isEmptyCell(view.cell(r, col.column))) {
          latest = q;
          break;
        }
      }
      if (latest === last) return latest;
    }
  }
  return latest;
}
