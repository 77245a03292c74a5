/**
 * The annex template: a target set laid out as the official annex worksheet ("Chèn mẫu phụ lục"),
 * with empty result columns for a unit to fill. `checkSheet` recognises the sheet it produces
 * without help once "Đơn vị báo cáo" names the unit.
 *
 * The layout mirrors the reference annex (seed `000_…txt`): title lines, the two-level header
 * Stt | Nhiệm vụ | Cơ quan chủ trì thực hiện | Cơ quan phối hợp | Chỉ tiêu thực hiện trong năm …
 * | Lộ trình thực hiện (tối thiểu) Quý I..IV | Kết quả thực hiện Quý I..IV | Ghi chú, section rows,
 * and one row per target row with Stt and Nhiệm vụ merged down over an indicator's rows.
 *
 * The words are always the official Vietnamese ones, whatever the locale: the template mirrors
 * the official document, and the engine recognises annex headers by their Vietnamese words.
 */
import { applicableRow } from '../evaluate.js';
import { QUARTERS } from '../findings.js';
import type { MergedArea } from '../grid.js';
import { type Locale, quarterName } from '../messages/catalog.js';
import { formatInUnit } from '../messages/describe.js';
import type { Indicator, Note, TargetNumber, TargetSet, Unit } from '../schema.js';
import { targetValue } from '../target-value.js';
import { normalizeText } from '../text.js';
import { type ContentCell, numberedStt, type SheetContent, withinCellLimit } from './content.js';

export interface AnnexTemplateOptions {
  /**
   * Accepted for symmetry with the other functions; the template is Vietnamese in every locale
   * (it mirrors the official document, and English headers would not be recognised).
   */
  readonly locale?: Locale;
  /** Written after "Đơn vị báo cáo: "; left empty for the user to fill when absent. */
  readonly unitName?: string;
}

/** Column widths in characters. */
const WIDTH = {
  stt: 6,
  name: 50,
  lead: 22,
  coordinators: 24,
  annual: 12,
  minimum: 9,
  result: 10,
  notes: 24,
} as const;

/** Digits after the decimal point of a number as written (at most 4). */
function decimalsOf(n: number): number {
  const text = String(n);
  if (text.includes('e')) return 4;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(text.length - dot - 1, 4);
}

function decimalFormat(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/**
 * A target as a number cell in the indicator's scale: a percentage as a fraction with a percent
 * format (85 → 0.85 with "0%", 69.31 → 0.6931 with "0.00%"), points and counts as they are.
 */
function targetCell(target: TargetNumber | null | undefined, unit: Unit): ContentCell {
  if (target === null || target === undefined) return { value: null, align: 'center' };
  const value = targetValue(target);
  const decimals = decimalsOf(value);
  if (unit.kind === 'percent') {
    // What Excel stores for "69,37%" (0.6937), not 69.37 / 100 (0.6937000000000001).
    const fraction = Number((value / 100).toPrecision(15));
    return { value: fraction, numberFormat: `${decimalFormat(decimals)}%`, align: 'center' };
  }
  return { value, numberFormat: decimalFormat(decimals), align: 'center' };
}

/** An empty achieved-value cell, formatted so that what the unit types shows in the right scale. */
function resultCell(unit: Unit): ContentCell {
  return unit.kind === 'percent'
    ? { value: null, numberFormat: '0.0%', align: 'center' }
    : { value: null, align: 'center' };
}

function noteText(note: Note, unit: Unit): string {
  if (note.kind === 'text') return note.text;
  return note.text ?? `Năm ${note.year}: ${formatInUnit(note.value, unit, 'vi')}`;
}

/** A text cell, or an empty one for no text. */
function textCell(text: string): ContentCell {
  return { value: text === '' ? null : text, wrap: true };
}

/** "(Ban hành kèm theo Quyết định số /QĐ-UBND ngày / /2025 của Chủ tịch UBND tỉnh Bình Phước)". */
function documentLine(set: TargetSet): string {
  const doc = set.document;
  // A decision issues its annex ("Ban hành kèm theo"); plans and letters carry one ("Kèm theo").
  const lead = normalizeText(doc.type) === 'quyet dinh' ? 'Ban hành kèm theo' : 'Kèm theo';
  const parts = [`${lead} ${doc.type}`];
  if (doc.number.trim() !== '') parts.push(`số ${doc.number.trim()}`);
  const date = doc.date;
  if (date !== undefined) {
    const [year, month, day] = date.split('-');
    if (day !== undefined) parts.push(`ngày ${day}/${month}/${year}`);
    else if (month !== undefined) parts.push(`tháng ${month}/${year}`);
    else parts.push(`ngày / /${year}`);
  }
  parts.push(`của ${doc.issuer}`);
  return `(${parts.join(' ')})`;
}

/** Indicators grouped by section, in the order of the set's sections. */
function bySection(set: TargetSet): { title: string; indicators: Indicator[] }[] {
  const groups = new Map<string, Indicator[]>();
  for (const s of set.sections) groups.set(s.id, []);
  for (const ind of set.indicators) {
    let group = groups.get(ind.section);
    if (!group) {
      group = [];
      groups.set(ind.section, group);
    }
    group.push(ind);
  }
  return set.sections.map((s) => {
    const title = s.title.startsWith(`${s.id}.`) ? s.title : `${s.id}. ${s.title}`;
    return { title, indicators: groups.get(s.id) ?? [] };
  });
}

/**
 * The chosen target set's annex as a worksheet to insert, with empty result cells.
 *
 * Layout (0-based rows): 0 "Phụ lục"; 1 the set's title in capitals; 2 the issuing document;
 * 3 "Đơn vị báo cáo: <unit>"; 4 empty; 5–6 the two-level header; then section rows (only when
 * the set has more than one section) and one row per target row. Sets without any quarterly
 * minimum (annual-only, such as `nq01-nq02-2025`) get no roadmap group: the annual target is
 * followed directly by the results group.
 */
export function annexTemplate(
  targetSet: TargetSet,
  options: AnnexTemplateOptions = {},
): SheetContent {
  const set = targetSet;
  const hasRoadmap = set.indicators.some((ind) =>
    ind.targets.some((t) => t.quarterly?.some((q) => q !== null) ?? false),
  );

  // Columns.
  const STT = 0;
  const NAME = 1;
  const LEAD = 2;
  const COORDINATORS = 3;
  const ANNUAL = 4;
  const MINIMUM = hasRoadmap ? 5 : -1;
  const RESULT = hasRoadmap ? 9 : 5;
  const NOTES = RESULT + 4;
  const LAST = NOTES;
  const columnWidths: number[] = [
    WIDTH.stt,
    WIDTH.name,
    WIDTH.lead,
    WIDTH.coordinators,
    WIDTH.annual,
  ];
  if (hasRoadmap) columnWidths.push(WIDTH.minimum, WIDTH.minimum, WIDTH.minimum, WIDTH.minimum);
  columnWidths.push(WIDTH.result, WIDTH.result, WIDTH.result, WIDTH.result, WIDTH.notes);

  const rows: (ContentCell | undefined)[][] = [];
  const merges: MergedArea[] = [];
  const across = (row: number) => merges.push({ top: row, left: 0, bottom: row, right: LAST });

  // Title lines, each merged across the table.
  rows.push([{ value: 'Phụ lục', bold: true, align: 'center' }]);
  across(0);
  rows.push([
    { value: set.title.toLocaleUpperCase('vi'), bold: true, align: 'center', wrap: true },
  ]);
  across(1);
  rows.push([{ value: documentLine(set), italic: true, align: 'center', wrap: true }]);
  across(2);
  rows.push([{ value: `Đơn vị báo cáo: ${options.unitName?.trim() ?? ''}`, bold: true }]);
  across(3);
  rows.push([]);

  // The two-level header.
  const top = rows.length;
  const header = (value: string): ContentCell => ({
    value,
    bold: true,
    align: 'center',
    wrap: true,
  });
  const first: (ContentCell | undefined)[] = new Array(LAST + 1).fill(undefined);
  const second: (ContentCell | undefined)[] = new Array(LAST + 1).fill(undefined);
  const singles: [number, string][] = [
    [STT, 'Stt'],
    [NAME, 'Nhiệm vụ'],
    [LEAD, 'Cơ quan chủ trì thực hiện'],
    [COORDINATORS, 'Cơ quan phối hợp'],
    [ANNUAL, `Chỉ tiêu thực hiện trong năm ${set.year}`],
    [NOTES, 'Ghi chú'],
  ];
  for (const [c, text] of singles) {
    first[c] = header(text);
    merges.push({ top, left: c, bottom: top + 1, right: c });
  }
  const groups: [number, string][] = [[RESULT, 'Kết quả thực hiện']];
  if (hasRoadmap) groups.unshift([MINIMUM, 'Lộ trình thực hiện (tối thiểu)']);
  for (const [c, text] of groups) {
    first[c] = header(text);
    merges.push({ top, left: c, bottom: top, right: c + 3 });
    for (const q of QUARTERS) second[c + q - 1] = header(quarterName(q, 'vi'));
  }
  rows.push(first, second);

  // Sections and indicators.
  const sections = bySection(set);
  for (const section of sections) {
    if (sections.length > 1) {
      const r = rows.length;
      rows.push([{ value: section.title, bold: true, wrap: true }]);
      across(r);
    }
    for (const ind of section.indicators) {
      const firstRow = rows.length;
      ind.targets.forEach((target, k) => {
        const cells: (ContentCell | undefined)[] = new Array(LAST + 1).fill(undefined);
        if (k === 0) {
          cells[STT] = { value: numberedStt(ind.stt), align: 'center' };
          cells[NAME] = { value: ind.name, wrap: true };
        }
        cells[LEAD] = { value: target.lead ?? null, wrap: true };
        cells[COORDINATORS] = textCell(target.coordinators.join(', '));
        cells[ANNUAL] = targetCell(target.annual, ind.unit);
        if (hasRoadmap) {
          for (let q = 0; q < 4; q++)
            cells[MINIMUM + q] = targetCell(target.quarterly?.[q], ind.unit);
        }
        for (let q = 0; q < 4; q++) cells[RESULT + q] = resultCell(ind.unit);
        cells[NOTES] = textCell(target.notes.map((n) => noteText(n, ind.unit)).join('\n'));
        rows.push(cells);
      });
      const lastRow = rows.length - 1;
      if (lastRow > firstRow) {
        merges.push({ top: firstRow, left: STT, bottom: lastRow, right: STT });
        merges.push({ top: firstRow, left: NAME, bottom: lastRow, right: NAME });
      }
    }
  }

  // A target set's names and notes are whatever its file says: none may pass Excel's cell limit.
  return withinCellLimit({
    rows,
    merges,
    columnWidths,
    frozenRows: top + 2,
    bordered: [{ top, left: 0, bottom: rows.length - 1, right: LAST }],
  });
}

/** The template sheet's name, as the add-in names the sheet it inserts: "Mẫu phụ lục 2025". */
export function templateSheetName(year: number): string {
  return `Mẫu phụ lục ${year}`;
}

/**
 * The set as laid out for one level: each indicator with only its row that applies to the unit
 * (agency first, then level), indicators with none left out, and sections left without
 * indicators dropped. The whole set when no level is given.
 */
export function templateLayoutSet(set: TargetSet, level?: string, unitName?: string): TargetSet {
  if (level === undefined) return set;
  const unit = { level, ...(unitName?.trim() ? { name: unitName.trim() } : {}) };
  const indicators = set.indicators.flatMap((ind) => {
    const choice = applicableRow(ind, unit);
    return choice.row ? [{ ...ind, targets: [choice.row] }] : [];
  });
  const sections = set.sections.filter((s) => indicators.some((i) => i.section === s.id));
  return { ...set, sections, indicators };
}
