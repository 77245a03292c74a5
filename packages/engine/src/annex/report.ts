/**
 * The reviewer's report as a worksheet ("Kết quả kiểm tra"): per checked sheet its context and
 * counts by status, one row per value to review (below minimum, missing, invalid, unrecognised
 * row) with a link to its cell, then the targets that differ from the official ones. Sheets that
 * were not checked are listed with the reason. Pure and deterministic: the same checks give the
 * same sheet (no dates unless the caller passes one).
 */
import { COMPARATORS } from '../comparators.js';
import { clean } from '../evaluate.js';
import { findingsOf } from '../finding-list.js';
import { type Quarter, unitPlace } from '../findings.js';
import { type MergedArea, toA1 } from '../grid.js';
import { catalogs, type Locale } from '../messages/catalog.js';
import { describeFinding, formatInUnit, rawText } from '../messages/describe.js';
import { indicatorName, levelName, localized } from '../messages/localized.js';
import { describeSkipReason } from '../messages/skipped.js';
import { formatNumber } from '../parse/number-format.js';
import type { Indicator, TargetSet, Unit } from '../schema.js';
import { countByStatus, SEVERITY, STATUS, statusLabel, statusOf } from '../status.js';
import { getBuiltinTargetSets } from '../target-sets/index.js';
import type { InputNeeded, SheetCheck, SheetFinding } from './check.js';
import {
  type ContentCell,
  type ContentLink,
  numberedStt,
  type SheetContent,
  withinCellLimit,
} from './content.js';

export interface ReportSheetEntry {
  /** The worksheet's name in the workbook: links go there. */
  readonly sheet: string;
  readonly result: SheetCheck;
  /** The sheet is hidden in the workbook (checked because hidden sheets were asked for too). */
  readonly hidden?: boolean;
}

export interface ReportSheetOptions {
  /** Language of every word of the report, reasons included (default Vietnamese). */
  readonly locale?: Locale;
  /** Sets to name sets, levels and indicators from (default: the built-in sets). */
  readonly targetSets?: readonly TargetSet[];
  /** The first line (default "KẾT QUẢ KIỂM TRA CHỈ TIÊU" / "TARGET CHECK RESULTS"). */
  readonly title?: string;
  /** A date, or any text, written under the title as given; nothing when absent. */
  readonly date?: string;
}

/** The usual name of the report worksheet. */
export const REPORT_SHEET_NAME: Readonly<Record<Locale, string>> = {
  vi: 'Kết quả kiểm tra',
  en: 'Check results',
};

interface Words {
  readonly title: string;
  readonly date: (d: string) => string;
  readonly sheet: (name: string) => string;
  readonly unit: string;
  readonly unknown: string;
  readonly targetSet: string;
  readonly level: string;
  readonly checkedThrough: string;
  readonly counts: string;
  readonly noCounts: string;
  readonly reviewHeading: string;
  readonly reviewHeaders: readonly string[];
  readonly noReview: string;
  readonly targetsHeading: string;
  readonly targetsHeaders: readonly string[];
  readonly noTargets: string;
  readonly notChecked: string;
  readonly needs: Readonly<Record<InputNeeded, string>>;
  readonly needsLine: (items: string) => string;
  readonly gap: (amount: string, unit: Unit | undefined) => string;
  readonly annualTarget: string;
  readonly quarterMinimum: (quarter: string) => string;
  /** In place of the unit of a sheet with one row (or one group of columns) per unit. */
  readonly units: (count: number) => string;
  /** A unit's heading over its findings in a table: its name and its level. */
  readonly unitHeading: (name: string, level: string | undefined) => string;
}

const WORDS: Readonly<Record<Locale, Words>> = {
  vi: {
    title: 'KẾT QUẢ KIỂM TRA CHỈ TIÊU',
    date: (d) => `Ngày kiểm tra: ${d}`,
    sheet: (name) => `Trang tính: ${name}`,
    unit: 'Đơn vị',
    unknown: '(chưa rõ)',
    targetSet: 'Bộ chỉ tiêu',
    level: 'Cấp',
    checkedThrough: 'Kiểm tra đến',
    counts: 'Tổng hợp',
    noCounts: 'Không có kết quả nào',
    reviewHeading: 'Các ô cần xem lại',
    reviewHeaders: [
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Quý',
      'Giá trị',
      'Tối thiểu',
      'Thiếu',
      'Trạng thái',
      'Lý do',
    ],
    noReview: 'Không có giá trị nào dưới tối thiểu, thiếu hoặc không hợp lệ.',
    targetsHeading: 'Chỉ tiêu khác với chỉ tiêu chính thức',
    targetsHeaders: [
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Mục',
      'Trong bảng',
      'Chính thức',
      'Chênh lệch',
      'Trạng thái',
      'Lý do',
    ],
    noTargets: 'Không có chỉ tiêu nào khác với chỉ tiêu chính thức.',
    notChecked: 'Không kiểm tra',
    needs: {
      'target-set': 'bộ chỉ tiêu',
      level: 'cấp của đơn vị',
      quarter: 'quý kiểm tra',
    },
    needsLine: (items) => `Cần cho biết: ${items}`,
    gap: (amount, unit) =>
      unit?.kind === 'percent'
        ? `${amount} điểm %`
        : unit?.kind === 'points'
          ? `${amount} điểm`
          : amount,
    annualTarget: 'Chỉ tiêu năm',
    quarterMinimum: (q) => `Tối thiểu ${q}`,
    units: (n) => `Bảng theo đơn vị (${n} đơn vị, mỗi đơn vị theo cấp của mình)`,
    unitHeading: (name, level) => `${name} — ${level ?? 'chưa rõ cấp'}`,
  },
  en: {
    title: 'TARGET CHECK RESULTS',
    date: (d) => `Checked on: ${d}`,
    sheet: (name) => `Sheet: ${name}`,
    unit: 'Unit',
    unknown: '(not named)',
    targetSet: 'Target set',
    level: 'Level',
    checkedThrough: 'Checked through',
    counts: 'Summary',
    noCounts: 'No results',
    reviewHeading: 'Cells to review',
    reviewHeaders: [
      'Sheet',
      'Cell',
      'Indicator',
      'Quarter',
      'Value',
      'Minimum',
      'Short by',
      'Status',
      'Reason',
    ],
    noReview: 'No value is below its minimum, missing or invalid.',
    targetsHeading: 'Targets that differ from the official ones',
    targetsHeaders: [
      'Sheet',
      'Cell',
      'Indicator',
      'Target',
      'In the sheet',
      'Official',
      'Difference',
      'Status',
      'Reason',
    ],
    noTargets: 'No target differs from the official one.',
    notChecked: 'Not checked',
    needs: {
      'target-set': 'the target set',
      level: "the unit's level",
      quarter: 'the quarter to check',
    },
    needsLine: (items) => `Needs: ${items}`,
    gap: (amount, unit) =>
      unit?.kind === 'percent'
        ? `${amount} pp`
        : unit?.kind === 'points'
          ? `${amount} points`
          : amount,
    annualTarget: 'Annual target',
    quarterMinimum: (q) => `Minimum ${q}`,
    units: (n) => `Table by unit (${n} ${n === 1 ? 'unit' : 'units'}, each at its own level)`,
    unitHeading: (name, level) => `${name} — ${level ?? 'level not known'}`,
  },
};

/** Columns of the report (A–I): widths in characters. */
const COLUMN_WIDTHS: readonly number[] = [16, 8, 36, 9, 11, 11, 14, 20, 60];
const LAST = COLUMN_WIDTHS.length - 1;
const CELL_COLUMN = 1;

const HEADING_FILL = '#D9E2F3';
const HEADER_FILL = '#F2F2F2';
const LINK_COLOR = '#0563C1';

/** Where a finding is listed: the values and rows to review, or the targets that differ. */
function tableOf(f: SheetFinding): 'review' | 'targets' | undefined {
  const status = STATUS[statusOf(f)];
  if (!status.needsReview) return undefined;
  return status.scope === 'target' ? 'targets' : 'review';
}

/** The units the findings name (a unit table's), 0 for an annex's. */
function countUnits(findings: Iterable<SheetFinding>): number {
  const seen = new Set<string>();
  for (const f of findings) if (f.forUnit) seen.add(unitPlace(f.forUnit));
  return seen.size;
}

function text(value: string | null, extra?: Omit<ContentCell, 'value'>): ContentCell {
  return { value: value === '' ? null : value, ...extra };
}

/**
 * The report worksheet for the checks of one or more worksheets, in their order: for each a
 * block with the unit, target set, level and quarter checked, the counts by status, one row per
 * value to review and the targets that differ from the official ones. Sheets that are not an
 * annex, or that need an input to be checked, get a block saying why.
 */
export function reportSheet(
  checks: readonly ReportSheetEntry[],
  options: ReportSheetOptions = {},
): SheetContent {
  const locale = options.locale ?? 'vi';
  const w = WORDS[locale];
  const catalog = catalogs[locale];
  const sets = new Map<string, TargetSet>();
  for (const set of options.targetSets ?? getBuiltinTargetSets())
    if (!sets.has(set.id)) sets.set(set.id, set);
  const indicatorsOf = new Map<TargetSet, Map<string, Indicator>>();
  const indicatorIn = (set: TargetSet | undefined, id: string | undefined) => {
    if (!set || id === undefined) return undefined;
    let map = indicatorsOf.get(set);
    if (!map) {
      map = new Map(set.indicators.map((ind) => [ind.id, ind]));
      indicatorsOf.set(set, map);
    }
    return map.get(id);
  };

  const rows: (ContentCell | undefined)[][] = [];
  const merges: MergedArea[] = [];
  const links: ContentLink[] = [];
  const bordered: MergedArea[] = [];

  const across = (cell: ContentCell, from = 0) => {
    const r = rows.length;
    const cells: (ContentCell | undefined)[] = new Array(from).fill(undefined);
    cells.push(cell);
    rows.push(cells);
    merges.push({ top: r, left: from, bottom: r, right: LAST });
  };
  const labelled = (label: string, value: string) => {
    const r = rows.length;
    rows.push([
      { value: label, bold: true },
      { value, wrap: true },
    ]);
    merges.push({ top: r, left: 1, bottom: r, right: LAST });
  };
  const headerRow = (headers: readonly string[]) =>
    rows.push(
      headers.map((h) => ({
        value: h,
        bold: true,
        align: 'center',
        wrap: true,
        fill: HEADER_FILL,
      })),
    );

  across({ value: options.title ?? w.title, bold: true, align: 'center' });
  if (options.date !== undefined)
    across({ value: w.date(options.date), italic: true, align: 'center' });

  for (const { sheet, result, hidden } of checks) {
    rows.push([]);
    // A hidden sheet that was checked is labelled so; a skipped one says why below.
    const label =
      hidden && result.status !== 'skipped' ? ` (${describeSkipReason('hidden', locale)})` : '';
    across({ value: w.sheet(sheet) + label, bold: true, fill: HEADING_FILL });
    const context = result.context;
    const set = context.targetSetId === undefined ? undefined : sets.get(context.targetSetId);
    const describe = (f: SheetFinding) =>
      describeFinding(f, set ? { locale, targetSet: set } : { locale });
    // read through, not made all at once (a consolidated sheet's are a million)
    const findings = findingsOf(result);

    if (result.status === 'skipped') {
      labelled(w.notChecked, describeSkipReason(result.reason ?? 'hidden', locale));
      continue;
    }
    if (result.status === 'not-an-annex') {
      const reason = findings.find((f) => f.code === 'not-an-annex');
      labelled(w.notChecked, reason ? describe(reason) : statusLabel('not-an-annex', locale));
      continue;
    }

    // Context: unit, target set, level, quarter. A table of units (one row or one group of
    // columns per unit) names its units over their findings, each with its level.
    const unitCount = result.unitTable?.units.length ?? countUnits(findings);
    labelled(w.unit, unitCount > 0 ? w.units(unitCount) : (context.unitName ?? w.unknown));
    if (context.targetSetId !== undefined) {
      const title = set ? localized(set, 'title', locale) : undefined;
      labelled(w.targetSet, title ? `${context.targetSetId} — ${title}` : context.targetSetId);
    }
    if (context.level !== undefined) labelled(w.level, levelName(set, context.level, locale));
    if (context.quarter !== undefined) labelled(w.checkedThrough, catalog.quarter(context.quarter));
    if (result.status === 'needs-input') {
      labelled(w.notChecked, w.needsLine(result.needs.map((n) => w.needs[n]).join(', ')));
      continue;
    }

    // Counts by status, the worst first.
    const counts = countByStatus(findings);
    const countLines = SEVERITY.filter((s) => counts[s] > 0).map(
      (s) => `${statusLabel(s, locale)}: ${counts[s]}`,
    );
    if (countLines.length === 0) countLines.push(w.noCounts);
    const firstCount = rows.length;
    for (const line of countLines) {
      const r = rows.length;
      rows.push([r === firstCount ? { value: w.counts, bold: true } : undefined, { value: line }]);
      merges.push({ top: r, left: 1, bottom: r, right: LAST });
    }
    if (countLines.length > 1)
      merges.push({ top: firstCount, left: 0, bottom: rows.length - 1, right: 0 });

    const indicatorLabel = (f: SheetFinding): string => {
      if (f.code === 'unrecognised-row') return f.stt ? `${numberedStt(f.stt)} ${f.text}` : f.text;
      const ind = indicatorIn(set, f.indicatorId);
      if (!ind) return f.indicatorId ?? '';
      return `${numberedStt(ind.stt)} ${indicatorName(ind, locale)}`;
    };
    const quarterText = (q: Quarter | undefined) => (q === undefined ? '' : catalog.quarter(q));
    const linkedCell = (f: SheetFinding): ContentCell => {
      if (f.cell === undefined) return { value: null };
      links.push({ cell: toA1(rows.length, CELL_COLUMN), sheet, target: f.cell });
      return { value: f.cell, align: 'center', color: LINK_COLOR };
    };
    const table = (
      heading: string,
      headers: readonly string[],
      found: readonly SheetFinding[],
      none: string,
      cells: (f: SheetFinding) => (ContentCell | undefined)[],
    ) => {
      rows.push([]);
      across({ value: heading, bold: true });
      const top = rows.length;
      headerRow(headers);
      if (found.length === 0) across({ value: none, italic: true });
      let lastUnit: string | undefined;
      for (const f of found) {
        const key = f.forUnit ? unitPlace(f.forUnit) : undefined;
        if (f.forUnit && key !== lastUnit) {
          const level =
            f.forUnit.level === undefined ? undefined : levelName(set, f.forUnit.level, locale);
          across({ value: w.unitHeading(f.forUnit.name, level), bold: true, wrap: true });
        }
        lastUnit = key;
        rows.push(cells(f));
      }
      bordered.push({ top, left: 0, bottom: rows.length - 1, right: LAST });
    };

    // The values to review, one row per finding, in the order of the sheet.
    const review: SheetFinding[] = [];
    const altered: SheetFinding[] = [];
    for (const f of findings) {
      const listed = tableOf(f);
      if (listed === 'review') review.push(f);
      else if (listed === 'targets') altered.push(f);
    }
    table(w.reviewHeading, w.reviewHeaders, review, w.noReview, (f) => {
      const unit =
        'minimum' in f && f.minimum ? f.minimum.unit : indicatorIn(set, f.indicatorId)?.unit;
      let value = '';
      let minimum = '';
      let gap = '';
      if (f.code === 'below-minimum') {
        value = formatInUnit(f.value, unit, locale);
        gap = w.gap(formatNumber(f.gap, locale), unit);
      } else if (f.code === 'invalid-value') {
        value =
          f.value !== undefined && (f.reason === 'out-of-range' || f.reason === 'above-maximum')
            ? formatInUnit(f.value, unit, locale)
            : (f.text ?? rawText(f.raw)).trim();
      } else if (f.code === 'missing-value') {
        value = rawText(f.raw);
      }
      if ('minimum' in f && f.minimum)
        minimum =
          COMPARATORS[f.minimum.comparator].sign + formatInUnit(f.minimum.value, unit, locale);
      return [
        text(sheet),
        linkedCell(f),
        text(indicatorLabel(f), { wrap: true }),
        text(quarterText(f.quarter), { align: 'center' }),
        text(value, { align: 'center' }),
        text(minimum, { align: 'center' }),
        text(gap, { align: 'center' }),
        text(statusLabel(statusOf(f), locale)),
        text(describe(f), { wrap: true }),
      ];
    });

    // Targets written differently from the official ones.
    table(w.targetsHeading, w.targetsHeaders, altered, w.noTargets, (f) => {
      if (f.code !== 'target-mismatch') return [];
      const which =
        f.target === 'annual' || f.quarter === undefined
          ? w.annualTarget
          : w.quarterMinimum(catalog.quarter(f.quarter));
      const diff = clean(f.value - f.official);
      const amount = formatNumber(diff, locale);
      return [
        text(sheet),
        linkedCell(f),
        text(indicatorLabel(f), { wrap: true }),
        text(which),
        text(formatInUnit(f.value, f.unit, locale), { align: 'center' }),
        text(formatInUnit(f.official, f.unit, locale), { align: 'center' }),
        text(w.gap(diff > 0 ? `+${amount}` : amount, f.unit), { align: 'center' }),
        text(statusLabel('target-mismatch', locale)),
        text(describe(f), { wrap: true }),
      ];
    });
  }

  // Names, cell texts and reasons come from the sheets: none may pass Excel's limit for a cell.
  return withinCellLimit({ rows, merges, columnWidths: COLUMN_WIDTHS, links, bordered });
}
