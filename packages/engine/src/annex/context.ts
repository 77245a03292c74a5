/**
 * Step 2 of a check: the context. The unit, its level and the quarter checked: each as given,
 * or read from the sheet (title, unit name, latest quarter with results), with where it came from.
 */
import { applicableRow, type UnitRef } from '../evaluate.js';
import type { Quarter } from '../findings.js';
import type { TargetSet } from '../schema.js';
import type { CheckContext, CheckSheetOptions, ContextSource, InputNeeded } from './check.js';
import type { Matched } from './choose-set.js';
import { detectUnit, levelOfUnit, quarterInLines } from './detect.js';
import type { AnnexColumn, Layout } from './layout.js';
import { isEmptyCell, type SheetView } from './sheet.js';

export interface ResolvedContext {
  readonly context: CheckContext;
  /** What a user must still give; empty when the sheet can be checked. */
  readonly needs: readonly InputNeeded[];
  /** The unit checked, when its level is known. */
  readonly unit?: UnitRef;
  readonly quarter?: Quarter;
}

export function resolveContext(
  view: SheetView,
  layout: Layout,
  set: TargetSet,
  matched: Matched,
  setSource: ContextSource | undefined,
  options: CheckSheetOptions,
): ResolvedContext {
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

  let quarter = options.quarter;
  let quarterSource: ContextSource | undefined = quarter ? 'option' : undefined;
  if (!quarter) {
    const fromTitle = quarterInLines(layout.titleLines);
    if (fromTitle) {
      quarter = fromTitle;
      quarterSource = 'title';
    } else {
      const unit = level ? { level, ...(unitName ? { name: unitName } : {}) } : undefined;
      quarter = latestQuarterWithResults(view, matched, unit, resultColumns(layout));
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
  };
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
  let latest: Quarter | undefined;
  for (const m of matched.values()) {
    const choice = unit ? applicableRow(m.indicator, unit) : undefined;
    m.rows.forEach((r, k) => {
      if (choice && (choice.index === undefined || m.targetRows[k] !== choice.index)) return;
      for (const col of columns) {
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
