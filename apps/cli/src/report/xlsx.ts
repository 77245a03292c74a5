/**
 * report.xlsx, beside report.html and report.json under --out: the run's units × indicators
 * matrix (engine `unitsMatrix`, `runMatrix`) as a sheet reviewers sort and filter, the findings
 * that need review, and — with a roster — who has not submitted.
 *
 * - The matrix ("Tổng hợp"; one sheet per target set when several): one row per unit (name,
 *   level, how many indicators fail, files, superseded copies), one column per indicator holding
 *   the worst quarter's value as a number. A percentage is stored as Excel stores one, a fraction
 *   with a percent format (74.5 % → 0.745 shown "74.5%"): it sorts and filters as a number in
 *   Excel and LibreOffice, a "75%" typed into a filter means what it says, and the engine reads
 *   it back as 74.5 (a fraction in a percent cell). Points are the number with "/max" in its
 *   format, counts the number.
 * - Status, never by colour alone: each indicator has a status column ("✗ Dưới tối thiểu (Quý I)"),
 *   hidden in an outline group at the right of the table (the "+" above it shows them), and
 *   conditional formats colour the value cells from it and put the status's symbol before the
 *   value (a dxf number format: "✗ 58.31%"; the text of a value-less cell, "? Thiếu số liệu").
 *   The rules read the status cell of the same row, so sorting keeps colours with their units.
 * - Frozen header row and unit column, an autofilter over the table, no merged cells.
 *
 * Pure: bytes out. Words from the CLI's catalogs and the engine's (statusLabel, quarterName,
 * indicatorName, levelName, findingWords).
 */
import {
  type ContentCell,
  columnName,
  cutText,
  type IndicatorCell,
  indicatorName,
  indicatorTally,
  type Locale,
  levelName,
  localized,
  type MarkStatus,
  markNumberFormat,
  matchRoster,
  notReadInUnit,
  type QuarterCell,
  quarterName,
  type RosterEntry,
  type RosterMatch,
  type SetMatrix,
  type SheetFinding,
  STATUS,
  type Status,
  statusLabel,
  statusOf,
  statusWord,
  type TargetSet,
  type Unit,
  type UnitRow,
  type UnitsMatrix,
} from '@chitieu/engine';
import { type ConditionalFormat, type NewSheet, writeWorkbook } from '@chitieu/xlsx';
import type { CliText } from '../i18n.js';
import type { FileReport, SheetReport } from '../run-check.js';
import { runMatrix, setsOf } from './units.js';
import { findingWords } from './words.js';

export interface XlsxReportOptions {
  readonly t: CliText;
  readonly locale: Locale;
  /** The run's matrix, when the caller made it already (else made here). */
  readonly matrix?: UnitsMatrix;
  /** The office's roster (--roster): a "Chưa nộp" sheet when given. */
  readonly roster?: readonly RosterEntry[];
  /** The roster matched with `matrix` (engine `matchRoster`) when the caller did it already. */
  readonly rosterMatch?: RosterMatch;
  /** The deflate level, 0–9. */
  readonly compressionLevel?: number;
}

const HEADER: Partial<ContentCell> = { bold: true, wrap: true, fill: '#D9E2F3', align: 'center' };
const PERCENT_FORMAT = '0.0#%';

/** The statuses a matrix cell can have, each given a rule. */
const CELL_STATUSES: readonly Status[] = [
  'below-minimum',
  'near-miss',
  'invalid-value',
  'missing-value',
  'target-mismatch',
  'not-occurred',
  'met',
  'not-applicable',
];

function text(value: string, look?: Partial<ContentCell>): ContentCell {
  const shown = value === '' ? null : cutText(value);
  return look === undefined ? { value: shown } : { value: shown, ...look };
}

/**
 * Percentages as the fractions Excel stores, by value: a run's findings repeat few values (a
 * minimum, a sheet's typical results), and `toPrecision` is slow. Bounded: emptied when full.
 */
const fractions = new Map<number, number>();
const MAX_FRACTIONS = 4096;

/** What Excel stores for "58,31%" (0.5831), not 58.31 / 100 (0.5831000000000001). */
function percentFraction(value: number): number {
  let fraction = fractions.get(value);
  if (fraction === undefined) {
    fraction = Number((value / 100).toPrecision(15));
    if (fractions.size >= MAX_FRACTIONS) fractions.clear();
    fractions.set(value, fraction);
  }
  return fraction;
}

function header(value: string): ContentCell {
  return text(value, HEADER);
}

/** "1. Dịch vụ công toàn trình". */
export function indicatorHeading(set: TargetSet, id: string, locale: Locale): string {
  const ind = set.indicators.find((i) => i.id === id);
  if (ind === undefined) return id;
  return `${ind.stt.replace(/\.+$/, '').trim()}. ${indicatorName(ind, locale)}`;
}

/** A number in its indicator's unit as a cell: a percentage as a fraction with a percent format. */
export function valueCell(value: number, unit: Unit | undefined): ContentCell {
  if (unit?.kind === 'percent')
    return { value: percentFraction(value), numberFormat: PERCENT_FORMAT };
  if (unit?.kind === 'points') return { value, numberFormat: `General"/${unit.max}"` };
  return { value };
}

function capitalised(word: string, locale: Locale): string {
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** The quarter a cell shows: the latest of those with the cell's (worst) status. */
export function shownQuarter(cell: IndicatorCell): QuarterCell | undefined {
  let shown: QuarterCell | undefined;
  for (const q of cell.quarters)
    if (q.status === cell.status && (shown === undefined || q.quarter > shown.quarter)) shown = q;
  return shown;
}

function unitName(row: UnitRow, t: CliText): string {
  if (row.unit !== null) return row.unit;
  const first = row.files[0];
  return first === undefined ? t.unknownUnit : `${t.unknownUnit} ${first.file} › ${first.sheet}`;
}

function source(s: { file: string; sheet: string }): string {
  return `${s.file} › ${s.sheet}`;
}

/** The sheet of one target set's matrix. */
function matrixSheet(
  name: string,
  m: SetMatrix,
  set: TargetSet,
  options: XlsxReportOptions,
): NewSheet {
  const { t, locale } = options;
  const w = t.workbook;
  const ids = m.sections.flatMap((s) => s.indicatorIds);
  const n = ids.length;
  const unitOf = new Map(set.indicators.map((i) => [i.id, i.unit]));
  // Columns: unit, level, failing, the indicators, files, superseded, then one status column per
  // indicator (hidden, grouped), at a fixed distance from its value column.
  const FIRST_VALUE = 3;
  const FILES = FIRST_VALUE + n;
  const SUPERSEDED = FILES + 1;
  const FIRST_STATUS = SUPERSEDED + 1;
  const last = FIRST_STATUS + n - 1;

  const rows: (ContentCell | undefined)[][] = [];
  const quarters = m.quarters.map((q) => quarterName(q, locale)).join(', ');
  rows.push([text(w.matrixTitle(localized(set, 'title', locale), quarters), { bold: true })]);
  if (m.sections.length > 1) {
    const groups: (ContentCell | undefined)[] = [];
    let c = FIRST_VALUE;
    for (const sec of m.sections) {
      const section = set.sections.find((s) => s.id === sec.id);
      const title = section ? localized(section, 'title', locale) : sec.id;
      groups[c] = text(`${sec.id}. ${title}`, { bold: true, fill: '#EEF2F8' });
      for (let k = 1; k < sec.indicatorIds.length; k++)
        groups[c + k] = text('', { fill: '#EEF2F8' });
      c += sec.indicatorIds.length;
    }
    rows.push(groups);
  }
  const headerRow = rows.length;
  const headings = ids.map((id) => indicatorHeading(set, id, locale));
  rows.push([
    header(w.unit),
    header(w.level),
    header(w.failing),
    ...headings.map(header),
    header(w.files),
    header(w.superseded),
    ...headings.map((h) => header(w.statusOf(h))),
  ]);

  const firstData = rows.length;
  // The statuses that occur in each value column, for its rules.
  const used = new Map<string, Set<Status>>();
  for (const row of m.units) {
    const cells: (ContentCell | undefined)[] = [
      text(unitName(row, t)),
      text(row.level === null ? '' : levelName(set, row.level, locale)),
      { value: row.failing, align: 'center' },
    ];
    ids.forEach((id, k) => {
      const cell = row.indicators[id];
      if (cell === undefined) return;
      const shown = shownQuarter(cell);
      const value = shown?.value ?? null;
      cells[FIRST_VALUE + k] =
        value !== null
          ? { ...valueCell(value, unitOf.get(id)), align: 'right' }
          : text(capitalised(statusWord(cell.status, locale), locale), { align: 'right' });
      const label = statusLabel(cell.status, locale);
      cells[FIRST_STATUS + k] = text(
        shown !== undefined && cell.quarters.length > 1
          ? w.statusAt(label, quarterName(shown.quarter, locale))
          : label,
      );
      let statuses = used.get(id);
      if (statuses === undefined) {
        statuses = new Set();
        used.set(id, statuses);
      }
      statuses.add(cell.status);
    });
    cells[FILES] = text(row.files.map(source).join('; '));
    cells[SUPERSEDED] = text(row.superseded.map(source).join('; '));
    rows.push(cells);
  }
  const lastData = rows.length - 1;

  // The totals of each indicator, below the table (outside the filter: it stays put).
  rows.push([]);
  const tally: (ContentCell | undefined)[] = [text(w.tally, { bold: true })];
  ids.forEach((id, k) => {
    const { met, of } = indicatorTally(m.indicatorCounts[id] ?? {});
    tally[FIRST_VALUE + k] = text(w.tallyCell(met, of), { bold: true, align: 'right' });
  });
  rows.push(tally);

  // One rule per status and value format, over the value columns where it occurs: the cell's
  // status cell is FIRST_STATUS − FIRST_VALUE columns to its right (a relative reference).
  const conditionalFormats: ConditionalFormat[] = [];
  if (lastData >= firstData) {
    const offset = FIRST_STATUS - FIRST_VALUE;
    for (const status of CELL_STATUSES) {
      const byFormat = new Map<string, { percent: boolean; own?: string; columns: number[] }>();
      ids.forEach((id, k) => {
        if (!used.get(id)?.has(status)) return;
        const own = valueCell(0, unitOf.get(id)).numberFormat;
        const key = own ?? '';
        const entry = byFormat.get(key) ?? {
          percent: unitOf.get(id)?.kind === 'percent',
          ...(own !== undefined ? { own } : {}),
          columns: [],
        };
        entry.columns.push(FIRST_VALUE + k);
        byFormat.set(key, entry);
      });
      const info = STATUS[status];
      for (const { percent, own, columns } of byFormat.values()) {
        const firstColumn = columns[0] as number;
        conditionalFormats.push({
          areas: columns.map((c) => ({ top: firstData, left: c, bottom: lastData, right: c })),
          formula: `LEFT(${columnName(firstColumn + offset)}${firstData + 1},1)="${info.symbol}"`,
          style: {
            fill: info.fill,
            color: info.font,
            bold: info.failsCheck,
            // Every status's symbol the way the marks write it (statuses beyond the marked ones
            // have a symbol too: the format only reads it).
            numberFormat: markNumberFormat(status as MarkStatus, percent, own),
          },
        });
      }
    }
  }

  const VALUE_WIDTH = 16;
  const widths = [34, 24, 12, ...ids.map(() => VALUE_WIDTH), 40, 30, ...ids.map(() => 26)];
  // The header's height: as many lines as its longest indicator heading takes (about).
  const lines = Math.max(2, ...headings.map((h) => Math.ceil(h.length / (VALUE_WIDTH - 2))));
  const rowHeights: (number | undefined)[] = [];
  rowHeights[headerRow] = Math.min(15 * lines, 409);
  return {
    name,
    content: { rows, columnWidths: widths, frozenRows: headerRow + 1 },
    frozenColumns: 1,
    autoFilter: { top: headerRow, left: 0, bottom: Math.max(lastData, headerRow), right: last },
    conditionalFormats,
    hiddenColumns: ids.map((_, k) => FIRST_STATUS + k),
    rowHeights,
    print: { landscape: true, fitToWidth: true, titleRows: [headerRow, headerRow] },
  };
}

/** Where each checked part (file, sheet, unit-table row) went in the matrix. */
interface PartUse {
  readonly row: UnitRow;
  /** The quarters of the part the matrix uses; undefined for a superseded part. */
  readonly quarters: ReadonlySet<number> | undefined;
}

function partKey(file: string, sheet: string, row: number | undefined): string {
  return `${file}\u0000${sheet}\u0000${row ?? ''}`;
}

function partUses(matrix: UnitsMatrix): Map<string, PartUse> {
  const uses = new Map<string, PartUse>();
  for (const set of matrix.sets)
    for (const row of set.units) {
      for (const s of row.files)
        uses.set(partKey(s.file, s.sheet, s.row), { row, quarters: new Set(s.quarters) });
      for (const s of row.superseded)
        uses.set(partKey(s.file, s.sheet, s.row), { row, quarters: undefined });
    }
  return uses;
}

function unitOfFinding(f: SheetFinding, set: TargetSet | undefined): Unit | undefined {
  if ('minimum' in f && f.minimum && typeof f.minimum === 'object') return f.minimum.unit;
  if (f.code === 'target-mismatch') return f.unit;
  return set?.indicators.find((i) => i.id === f.indicatorId)?.unit;
}

function numberOrText(
  value: number | string | boolean | null | undefined,
  unit: Unit | undefined,
): ContentCell | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return valueCell(value, unit);
  if (typeof value === 'string' && value.trim() !== '') return text(value);
  if (typeof value === 'boolean') return text(String(value).toUpperCase());
  return undefined;
}

/**
 * A finding's value for the findings sheet: in the indicator's unit when it was read as such (an
 * out-of-range percentage is still a percentage: "106,67%"); as typed when it could not be read
 * in that unit ("11,3/18" in a percent indicator, "0,86" that may be 0,86% or 86%, "1.234"), so
 * the cell never shows a reading the check refused.
 */
function valueAsRead(f: SheetFinding, unit: Unit | undefined): ContentCell | undefined {
  const value = 'value' in f && typeof f.value === 'number' ? f.value : undefined;
  if (notReadInUnit(f)) {
    const raw = f.raw;
    return typeof raw === 'number' && Number.isFinite(raw)
      ? { value: raw }
      : numberOrText(raw, unit);
  }
  if (value !== undefined) return valueCell(value, unit);
  return 'raw' in f ? numberOrText(f.raw as string | number | boolean | null, unit) : undefined;
}

/** The findings that need review, one row each; superseded submissions' findings left out. */
function findingsSheet(
  files: readonly FileReport[],
  matrix: UnitsMatrix,
  options: XlsxReportOptions,
): NewSheet {
  const { t } = options;
  const c = t.workbook.columns;
  const uses = partUses(matrix);
  const shared = new SharedCells();
  const rows: (ContentCell | undefined)[][] = [
    [
      header(c.unit),
      header(c.file),
      header(c.sheet),
      header(c.cell),
      header(c.indicator),
      header(c.quarter),
      header(c.value),
      header(c.minimum),
      header(c.gap),
      header(c.status),
      header(c.reason),
    ],
  ];
  for (const file of files)
    for (const sheet of file.sheets) {
      if (sheet.status !== 'checked') continue;
      for (const f of sheet.findings) {
        const status = statusOf(f);
        if (!STATUS[status].needsReview) continue;
        const use = uses.get(partKey(file.file, sheet.sheet, f.forUnit?.row));
        if (use !== undefined) {
          if (use.quarters === undefined) continue; // a copy a later one replaced
          if (f.quarter !== undefined && !use.quarters.has(f.quarter)) continue;
        }
        rows.push(findingRow(f, status, file, sheet, use, options, shared));
      }
    }
  if (rows.length === 1) rows.push([text(t.workbook.noFindings, { italic: true })]);
  return {
    name: t.workbook.findingsSheet,
    content: {
      rows,
      columnWidths: [30, 30, 18, 8, 34, 9, 12, 12, 12, 20, 70],
      frozenRows: 1,
    },
    frozenColumns: 1,
    autoFilter: { top: 0, left: 0, bottom: rows.length - 1, right: 10 },
    print: { landscape: true, fitToWidth: true, titleRows: [0, 0] },
  };
}

const CENTER: Partial<ContentCell> = { align: 'center' };

/**
 * The findings sheet's cells that repeat from row to row (unit, file, sheet, indicator, quarter,
 * status), each made once: fewer objects to make and collect for a run of 100,000 findings.
 */
class SharedCells {
  private readonly cells = new Map<Partial<ContentCell> | undefined, Map<string, ContentCell>>();
  private readonly headings = new Map<TargetSet, Map<string, string>>();
  private readonly statusLooks = new Map<Status, Partial<ContentCell>>();

  /** `text(value, look)`, the same object for the same value and look object. */
  text(value: string, look?: Partial<ContentCell>): ContentCell {
    let byValue = this.cells.get(look);
    if (byValue === undefined) {
      byValue = new Map();
      this.cells.set(look, byValue);
    }
    let cell = byValue.get(value);
    if (cell === undefined) {
      cell = text(value, look);
      byValue.set(value, cell);
    }
    return cell;
  }

  heading(set: TargetSet, id: string, locale: Locale): string {
    let byId = this.headings.get(set);
    if (byId === undefined) {
      byId = new Map();
      this.headings.set(set, byId);
    }
    let heading = byId.get(id);
    if (heading === undefined) {
      heading = indicatorHeading(set, id, locale);
      byId.set(id, heading);
    }
    return heading;
  }

  /** The status cell's look: its fill and font colour. */
  statusLook(status: Status): Partial<ContentCell> {
    let look = this.statusLooks.get(status);
    if (look === undefined) {
      const info = STATUS[status];
      look = { fill: info.fill, color: info.font };
      this.statusLooks.set(status, look);
    }
    return look;
  }
}

function findingRow(
  f: SheetFinding,
  status: Status,
  file: FileReport,
  sheet: SheetReport,
  use: PartUse | undefined,
  options: XlsxReportOptions,
  shared: SharedCells,
): (ContentCell | undefined)[] {
  const { t, locale } = options;
  const set = sheet.targetSet;
  const unit = unitOfFinding(f, set);
  const name = use?.row.unit ?? f.forUnit?.name ?? sheet.context.unitName ?? t.unknownUnit;
  const minimum =
    'minimum' in f && f.minimum && typeof f.minimum === 'object'
      ? f.minimum.value
      : f.code === 'target-mismatch'
        ? f.official
        : undefined;
  return [
    shared.text(name),
    shared.text(file.file),
    shared.text(sheet.sheet),
    text(f.cell ?? (f.code === 'unrecognised-row' ? String(f.row) : ''), CENTER),
    shared.text(
      f.indicatorId === undefined
        ? ''
        : set
          ? shared.heading(set, f.indicatorId, locale)
          : f.indicatorId,
    ),
    shared.text(f.quarter === undefined ? '' : quarterName(f.quarter, locale)),
    valueAsRead(f, unit),
    minimum === undefined ? undefined : valueCell(minimum, unit),
    f.code === 'below-minimum' ? valueCell(f.gap, unit) : undefined,
    shared.text(statusLabel(status, locale), shared.statusLook(status)),
    text(findingWords(f, sheet, locale)),
  ];
}

/** The roster's units that sent nothing, and the units that sent something but are not on it. */
function rosterSheet(
  match: RosterMatch,
  sets: ReadonlyMap<string, TargetSet>,
  options: XlsxReportOptions,
): NewSheet {
  const { t, locale } = options;
  const r = t.workbook.roster;
  const levelWords = (level: string | undefined | null, setId?: string): string => {
    if (level === undefined || level === null || level === '') return '';
    const set = setId !== undefined ? sets.get(setId) : undefined;
    if (set !== undefined) return levelName(set, level, locale);
    for (const s of sets.values())
      if (s.levels.some((l) => l.id === level)) return levelName(s, level, locale);
    return level;
  };
  const rows: (ContentCell | undefined)[][] = [
    [header(r.unit), header(r.level), header(r.code), header(r.state), header(r.files)],
  ];
  const missing = STATUS['missing-value'];
  for (const e of match.notSubmitted)
    rows.push([
      text(e.name),
      text(levelWords(e.level)),
      text(e.code ?? ''),
      text(`${missing.symbol} ${r.notSubmitted}`, { fill: missing.fill, color: missing.font }),
    ]);
  for (const row of match.notOnRoster)
    rows.push([
      text(unitName(row, t)),
      text(levelWords(row.level, row.targetSetId)),
      undefined,
      text(`${STATUS['unrecognised-row'].symbol} ${r.notOnRoster}`),
      text(row.files.map(source).join('; ')),
    ]);
  if (rows.length === 1) rows.push([text(r.none, { italic: true })]);
  return {
    name: t.workbook.rosterSheet,
    content: { rows, columnWidths: [36, 26, 12, 34, 50], frozenRows: 1 },
    autoFilter: { top: 0, left: 0, bottom: rows.length - 1, right: 4 },
    print: { landscape: true, fitToWidth: true, titleRows: [0, 0] },
  };
}

/** The bytes of report.xlsx for the run's files. */
export function xlsxReport(files: readonly FileReport[], options: XlsxReportOptions): Uint8Array {
  const matrix = options.matrix ?? runMatrix(files);
  const sets = setsOf(files);
  const w = options.t.workbook;
  const sheets: NewSheet[] = [];
  const several = matrix.sets.length > 1;
  matrix.sets.forEach((m, i) => {
    const set = sets.get(m.targetSetId);
    if (set === undefined) return;
    sheets.push(
      matrixSheet(several ? `${w.matrixSheet} ${i + 1}` : w.matrixSheet, m, set, options),
    );
  });
  sheets.push(findingsSheet(files, matrix, options));
  const match =
    options.rosterMatch ??
    (options.roster !== undefined ? matchRoster(matrix, options.roster) : undefined);
  if (match !== undefined) sheets.push(rosterSheet(match, sets, options));
  return writeWorkbook(sheets, {
    ...(options.compressionLevel !== undefined
      ? { compressionLevel: options.compressionLevel }
      : {}),
  });
}
