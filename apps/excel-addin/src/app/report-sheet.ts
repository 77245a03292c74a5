/**
 * The report sheet *Tạo báo cáo* writes ("Kết quả kiểm tra"): the units × indicators matrix of
 * the checked sheets — the engine's `unitsMatrix`, the one model the command line's report.json,
 * report.html and report.xlsx read too — then the cells to review, one row each with a link to
 * its cell and its reason, then the sheets that were not checked, with why.
 *
 * The matrix, per target set: one row per unit (however many sheets or unit-table rows it came
 * from), its level, how many indicators it fails, and per indicator the worst status over the
 * quarters checked with that quarter's value ("✗ 63% (Quý II)"), coloured and with the status's
 * symbol (never colour alone), linking to the cell; under it, per indicator, how many units met
 * it ("2/3"). Words from the pane's catalog (`t.report`) and the engine's (statuses, quarters,
 * indicators, levels, reasons). Pure: the same checks give the same sheet.
 *
 * Loaded when the user first presses Tạo báo cáo (the pane's start-up does not carry it).
 */
import {
  type ContentCell,
  type ContentLink,
  cutText,
  describeFinding,
  describeSkipReason,
  formatInUnit,
  type IndicatorCell,
  indicatorName,
  indicatorTally,
  levelName,
  localized,
  type MergedArea,
  type QuarterCell,
  quarterName,
  type SetMatrix,
  type SheetCheck,
  type SheetContent,
  type SheetFinding,
  STATUS,
  type Submission,
  statusLabel,
  statusOf,
  type TargetSet,
  toA1,
  unitsMatrix,
} from '@chitieu/engine';
import { fieldOfNeed } from './form.js';
import type { Messages } from './i18n.js';

export interface ReportEntry {
  readonly sheet: string;
  readonly result: SheetCheck;
  readonly hidden?: boolean;
}

const HEADER_FILL = '#F2F2F2';
const HEADING_FILL = '#D9E2F3';
/** Unit, level, indicators not met; then one column per indicator; then the sheets. */
const FIXED = 3;
const INDICATOR_WIDTH = 16;
/**
 * The findings table's columns: unit, sheet, cell, indicator, quarter, status, reason; the
 * reason spans every column to the right of the status (the matrix's), so it reads as one line.
 */
const REVIEW_COLUMNS = 7;
const REASON = REVIEW_COLUMNS - 1;
/** Widths of the first columns (unit, level or sheet, count or cell); the others are the indicators'. */
const FIRST_WIDTHS = [28, 16, 10];
/** The reason's width when it has no matrix columns to span. */
const REASON_WIDTH = 60;

const header = (value: string): ContentCell => ({
  value,
  bold: true,
  wrap: true,
  align: 'center',
  fill: HEADER_FILL,
});

/** The quarter a cell's status comes from: the first quarter with the worst status. */
function worstQuarter(cell: IndicatorCell): QuarterCell | undefined {
  return cell.quarters.find((q) => q.status === cell.status) ?? cell.quarters[0];
}

/** The sets the checks were made against, by id (each result carries its own). */
function setsOf(entries: readonly ReportEntry[]): Map<string, TargetSet> {
  const sets = new Map<string, TargetSet>();
  for (const { result } of entries)
    if (result.targetSet && !sets.has(result.targetSet.id))
      sets.set(result.targetSet.id, result.targetSet);
  return sets;
}

/** The report sheet of the checks, in the pane's language; `date` is written under the title. */
export function reportSheet(
  entries: readonly ReportEntry[],
  t: Messages,
  date?: string,
): SheetContent {
  const locale = t.locale;
  const w = t.report;
  const sets = setsOf(entries);
  const checked = entries.filter((e) => e.result.status === 'checked');
  const submissions: Submission[] = checked.map((e) => ({
    file: '',
    sheet: e.sheet,
    ...(e.hidden ? { hidden: true } : {}),
    context: e.result.context,
    findings: e.result.findings,
  }));
  const matrix = unitsMatrix(submissions, sets);
  // A unit's earlier copy a later one replaced (sheet, and row of a unit table): not reviewed.
  const partKey = (sheet: string, row: number | undefined) => `${sheet}\u0000${row ?? ''}`;
  const superseded = new Set(
    matrix.sets.flatMap((m) =>
      m.units.flatMap((u) => u.superseded.map((x) => partKey(x.sheet, x.row))),
    ),
  );

  const rows: (ContentCell | undefined)[][] = [];
  const merges: MergedArea[] = [];
  const links: ContentLink[] = [];
  const bordered: MergedArea[] = [];
  let width = REVIEW_COLUMNS;
  for (const m of matrix.sets)
    width = Math.max(width, FIXED + m.sections.flatMap((s) => s.indicatorIds).length + 1);
  const across = (cell: ContentCell) => {
    merges.push({ top: rows.length, left: 0, bottom: rows.length, right: width - 1 });
    rows.push([cell]);
  };
  /** Merges a row's cell at `from` with every column to its right. */
  const span = (row: number, from: number) => {
    if (width - 1 > from) merges.push({ top: row, left: from, bottom: row, right: width - 1 });
  };
  const sheetName = (sheet: string, hidden: boolean | undefined) =>
    hidden ? `${sheet} (${w.hidden})` : sheet;

  across({ value: w.title, bold: true, align: 'center' });
  if (date !== undefined) across({ value: w.date(date), italic: true, align: 'center' });

  for (const m of matrix.sets) {
    const set = sets.get(m.targetSetId) as TargetSet;
    rows.push([]);
    matrixRows(m, set);
  }

  // The cells to review, one row each, in sheet order, linked to their cell.
  rows.push([]);
  across({ value: w.reviewHeading, bold: true, fill: HEADING_FILL });
  const reviewTop = rows.length;
  span(rows.length, REASON);
  rows.push(w.reviewHeaders.map(header));
  let reviewed = 0;
  for (const { sheet, result, hidden } of checked) {
    const set = result.targetSet;
    for (const f of result.findings) {
      if (!STATUS[statusOf(f)].needsReview) continue;
      if (
        superseded.has(partKey(sheet, undefined)) ||
        superseded.has(partKey(sheet, f.forUnit?.row))
      )
        continue;
      reviewRow(sheet, hidden, f, set, result.context.unitName);
      reviewed++;
    }
  }
  if (reviewed === 0) across({ value: w.noReview, italic: true });
  else
    bordered.push({
      top: reviewTop,
      left: 0,
      bottom: rows.length - 1,
      right: width - 1,
    });

  // The sheets that were not checked, with the reason.
  const unchecked = entries.filter((e) => e.result.status !== 'checked');
  if (unchecked.length > 0) {
    rows.push([]);
    across({ value: w.notCheckedHeading, bold: true, fill: HEADING_FILL });
    span(rows.length, 1);
    rows.push(w.notCheckedHeaders.map(header));
    for (const { sheet, result, hidden } of unchecked) {
      span(rows.length, 1);
      rows.push([
        { value: cutText(sheetName(sheet, hidden && result.status !== 'skipped')) },
        { value: cutText(notCheckedReason(result)), wrap: true },
      ]);
    }
  }

  const columnWidths = Array.from(
    { length: width },
    (_, i) =>
      FIRST_WIDTHS[i] ??
      (width === REVIEW_COLUMNS && i === REASON ? REASON_WIDTH : INDICATOR_WIDTH),
  );
  return { rows, merges, links, bordered, columnWidths };

  function matrixRows(m: SetMatrix, set: TargetSet): void {
    const ids = m.sections.flatMap((s) => s.indicatorIds);
    const quarters = m.quarters.map((q) => quarterName(q, locale)).join(', ');
    across({
      value: cutText(w.setHeading(localized(set, 'title', locale), quarters)),
      bold: true,
      fill: HEADING_FILL,
    });
    const top = rows.length;
    // Group headings where the set has several sections ("I. …", "II. …"), over their columns.
    if (m.sections.length > 1) {
      const groups: (ContentCell | undefined)[] = new Array(FIXED).fill(undefined);
      let column = FIXED;
      for (const section of m.sections) {
        const title = set.sections.find((s) => s.id === section.id);
        groups[column] = header(
          cutText(title ? `${section.id}. ${localized(title, 'title', locale)}` : section.id),
        );
        if (section.indicatorIds.length > 1)
          merges.push({
            top: rows.length,
            left: column,
            bottom: rows.length,
            right: column + section.indicatorIds.length - 1,
          });
        column += section.indicatorIds.length;
      }
      rows.push(groups);
    }
    const byId = new Map(set.indicators.map((i) => [i.id, i]));
    rows.push([
      header(w.unit),
      header(w.level),
      header(w.failing),
      ...ids.map((id) => {
        const ind = byId.get(id);
        return header(ind ? `${ind.stt}. ${indicatorName(ind, locale)}` : id);
      }),
      header(w.sheets),
    ]);
    for (const unit of m.units) {
      const r = rows.length;
      const row: (ContentCell | undefined)[] = [
        { value: cutText(unit.unit ?? w.unnamed), wrap: true },
        { value: unit.level ? levelName(set, unit.level, locale) : '', wrap: true },
        { value: unit.failing, align: 'center' },
      ];
      ids.forEach((id, i) => {
        const cell = unit.indicators[id];
        if (!cell) {
          row.push({ value: '—', align: 'center' });
          return;
        }
        const shown = worstQuarter(cell);
        const info = STATUS[cell.status];
        const value =
          shown?.value === null || shown?.value === undefined
            ? statusLabel(cell.status, locale)
            : `${info.symbol} ${formatInUnit(shown.value, byId.get(id)?.unit, locale)}`;
        const when = shown ? ` (${quarterName(shown.quarter, locale)})` : '';
        const altered = cell.targetMismatch ? `; ${w.targetAltered}` : '';
        row.push({
          value: cutText(`${value}${when}${altered}`),
          wrap: true,
          align: 'center',
          fill: info.fill,
          color: info.font,
        });
        if (shown?.cell)
          links.push({ cell: toA1(r, FIXED + i), sheet: shown.sheet, target: shown.cell });
      });
      const used = [...new Set(unit.files.map((f) => sheetName(f.sheet, f.hidden)))].join(', ');
      const replaced = [...new Set(unit.superseded.map((x) => x.sheet))];
      row.push({
        value: cutText(
          replaced.length > 0 ? `${used} (${w.supersedes(replaced.join(', '))})` : used,
        ),
        wrap: true,
      });
      rows.push(row);
    }
    rows.push([
      { value: w.tally, bold: true },
      undefined,
      undefined,
      ...ids.map((id): ContentCell => {
        const { met, of } = indicatorTally(m.indicatorCounts[id] ?? {});
        return { value: `${met}/${of}`, bold: true, align: 'center' };
      }),
    ]);
    bordered.push({ top, left: 0, bottom: rows.length - 1, right: FIXED + ids.length });
    across({ value: w.legend, italic: true, wrap: true });
  }

  function reviewRow(
    sheet: string,
    hidden: boolean | undefined,
    f: SheetFinding,
    set: TargetSet | undefined,
    unitName: string | undefined,
  ): void {
    const r = rows.length;
    span(r, REASON);
    const indicator = set?.indicators.find((i) => i.id === f.indicatorId);
    const quarter = 'quarter' in f && typeof f.quarter === 'number' ? f.quarter : undefined;
    rows.push([
      { value: cutText(f.forUnit?.name ?? unitName ?? w.unnamed), wrap: true },
      { value: cutText(sheetName(sheet, hidden)) },
      f.cell ? { value: f.cell, align: 'center' } : undefined,
      {
        value: indicator ? `${indicator.stt}. ${indicatorName(indicator, locale)}` : '',
        wrap: true,
      },
      quarter === undefined ? undefined : { value: quarterName(quarter, locale) },
      {
        value: statusLabel(statusOf(f), locale),
        fill: STATUS[statusOf(f)].fill,
        color: STATUS[statusOf(f)].font,
      },
      {
        value: cutText(describeFinding(f, set ? { locale, targetSet: set } : { locale })),
        wrap: true,
      },
    ]);
    if (f.cell) links.push({ cell: toA1(r, 2), sheet, target: f.cell });
  }

  function notCheckedReason(result: SheetCheck): string {
    if (result.status === 'skipped') return describeSkipReason(result.reason ?? 'hidden', locale);
    if (result.status === 'needs-input')
      return w.needs(result.needs.map((n) => t.fields[fieldOfNeed(n)]).join(', '));
    const reason = result.findings.find((f) => f.code === 'not-an-annex');
    return reason ? describeFinding(reason, { locale }) : statusLabel('not-an-annex', locale);
  }
}
