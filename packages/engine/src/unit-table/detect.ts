/**
 * Unit tables: one row per unit (the office's roll-ups, the national portal's per-unit exports),
 * the other way round from an annex. This module finds the header — a unit column ("Đơn vị",
 * "Tên đơn vị", "Cơ quan, đơn vị", "Địa phương"), an optional level column ("Cấp"), optional
 * target columns ("Chỉ tiêu giao") and value columns naming an indicator and/or a period, in one
 * header row or two (an indicator over quarters, or a quarter over indicators) — and the rows
 * below it. Independent of any target set: which indicator a column is comes after (`check.ts`).
 */

import { isEmptyCell, type SheetView } from '../annex/sheet.js';
import { classifyHeader, quarterIn, resultQuarterIn } from '../annex/vocabulary.js';
import type { Quarter } from '../findings.js';
import { isLevelHeading } from '../levels.js';
import { normalizeText } from '../text.js';

/** What a column of a unit table holds. */
export type UnitColumnRole = 'stt' | 'unit' | 'level' | 'target' | 'value';

export interface UnitTableColumn {
  /** 0-based grid column. */
  readonly column: number;
  readonly role: UnitColumnRole;
  /** The header as written, parent and child joined: "Quý II/2025 / Số hóa hồ sơ". */
  readonly header: string;
  /** The header's parts, normalised, the most specific (the lower row) first. */
  readonly parts: readonly string[];
  /** The period the header names, if any (`quarterIn`; a year alone is Quý IV). */
  readonly quarter?: Quarter;
  /** The header says "kết quả", "thực hiện", "tỷ lệ" or names a period: a results column for sure. */
  readonly saysResult: boolean;
  /** A target column: the annual target ("Chỉ tiêu năm 2024") rather than a quarter's minimum. */
  readonly annual?: boolean;
}

export type UnitRowKind = 'unit' | 'group' | 'total';

export interface UnitTableRow {
  /** 0-based grid row. */
  readonly row: number;
  readonly kind: UnitRowKind;
  /** The unit's name (or the group heading) as written. */
  readonly name: string;
  readonly stt: string;
  /** The level cell as written ('' without a level column). */
  readonly levelText: string;
}

export interface UnitTableLayout {
  /** 0-based grid rows of the header (one or two). */
  readonly headerRows: readonly number[];
  readonly columns: readonly UnitTableColumn[];
  readonly rows: readonly UnitTableRow[];
  /** Text of the rows above the header, one entry per row. */
  readonly titleLines: readonly string[];
}

/** The rows looked at for a header. */
const HEADER_SCAN_ROWS = 60;

/**
 * A unit column's heading: "Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Địa phương", "Đơn vị,
 * địa phương", "Sở, ban, ngành", "Cơ quan, đơn vị thực hiện". Not "Đơn vị tính" (a unit of
 * measure), nor "Các sở, ban, ngành" (a level, as an annex's lead-agency cells write it).
 */
const UNIT_HEADER =
  /^(?:ten )?(?:co quan|don vi|dia phuong|so ban nganh|so nganh)(?: (?:co quan|don vi|dia phuong|thuc hien|ten))*$/;
const LEVEL_HEADER = /^(?:cap|cap don vi|cap hanh chinh|cap quan ly|level)$/;
const TARGET_HEADER = /^(?:chi tieu|muc tieu|toi thieu|lo trinh|target|minimum)\b/;
const RESULT_WORDS = /\b(?:ket qua|thuc hien|dat duoc|ty le|kq|result|results|achieved|actual)\b/;
const ANNUAL_WORDS = /\b(?:nam|ca nam|annual|year)\b/;
/** Roman numerals and letters that open group rows ("I", "II", "A"). */
const GROUP_STT = /^(?:[ivxlc]+|[a-e])\.?$/i;
const TOTAL =
  /^(?:(?:tong cong|tong so|tong|toan tinh|trung binh|binh quan|total|average)\b|cong$)/;
const NUMBER_TEXT = /^[\d\s.,%/+-]*$/;

/** Whether a normalised header text names the unit column. */
export function isUnitHeader(norm: string): boolean {
  return UNIT_HEADER.test(norm);
}

/**
 * The first row (of the first rows) with a unit column's heading beside other headings, and that
 * column. A label ("Đơn vị báo cáo:", "Đơn vị:") names the reporting unit of an annex: no heading.
 */
function findHeader(view: SheetView): { row: number; column: number } | undefined {
  const last = Math.min(view.rowCount, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const filled = view.columnsIn(r).filter((c) => !view.isCovered(r, c) && view.text(r, c) !== '');
    // A header holds words: a row with a number is a row of data (an annex's "Các sở, ban, ngành").
    if (filled.length < 2 || filled.some((c) => typeof view.cell(r, c)?.value === 'number'))
      continue;
    for (const c of filled) {
      if (view.text(r, c).endsWith(':')) continue;
      if (isUnitHeader(view.norm(r, c))) return { row: r, column: c };
    }
  }
  return undefined;
}

/** The header text shown at (row, column): the merged area's top-left text, or the cell's own. */
function shownText(view: SheetView, row: number, column: number): string {
  const m = view.merge(row, column);
  return m ? view.text(m.top, m.left) : view.text(row, column);
}

/**
 * Whether the row under the header is a second header row: the unit column is empty there (or
 * covered by the heading above) and some other cell holds words, not a number.
 */
function isSubHeader(view: SheetView, row: number, unitColumn: number): boolean {
  if (row >= view.rowCount) return false;
  if (!view.isCovered(row, unitColumn) && view.text(row, unitColumn) !== '') return false;
  for (const c of view.columnsIn(row)) {
    if (c === unitColumn || view.isCovered(row, c)) continue;
    const cell = view.cell(row, c);
    if (isEmptyCell(cell) || typeof cell?.value !== 'string') continue;
    if (!NUMBER_TEXT.test(view.text(row, c))) return true;
  }
  return false;
}

/** The role of a header cell beside the unit column, from its (normalised) parts. */
function classify(parts: readonly string[]): {
  role: UnitColumnRole | undefined;
  saysResult: boolean;
  annual: boolean;
} {
  const own = parts[0] ?? '';
  const all = parts.join(' ');
  if (parts.length === 1 && classifyHeader(own) === 'stt')
    return { role: 'stt', saysResult: false, annual: false };
  if (parts.length === 1 && LEVEL_HEADER.test(own))
    return { role: 'level', saysResult: false, annual: false };
  if (parts.length === 1 && isUnitHeader(own))
    return { role: 'unit', saysResult: false, annual: false };
  const kind = classifyHeader(own);
  if (
    kind === 'notes' ||
    kind === 'deadline' ||
    kind === 'lead' ||
    kind === 'coordinators' ||
    kind === 'unit'
  )
    return { role: undefined, saysResult: false, annual: false };
  // A target: "Chỉ tiêu giao", "Chỉ tiêu Quý I", "Tối thiểu", or under a parent, "Chỉ tiêu".
  const target = parts.find((p) => TARGET_HEADER.test(p) && !RESULT_WORDS.test(p));
  if (target !== undefined && (parts.length === 1 || TARGET_HEADER.test(own)))
    return {
      role: 'target',
      saysResult: false,
      annual: quarterIn(all) === undefined && ANNUAL_WORDS.test(all),
    };
  const saysResult = RESULT_WORDS.test(all) || resultQuarterIn(all) !== undefined;
  return { role: 'value', saysResult, annual: false };
}

/**
 * Finds the unit table of a sheet: its header and rows, or `undefined` when no header row has a
 * unit column. Rows: units, group headings ("I. Các sở, ban, ngành", "UBND cấp huyện": no value,
 * a Roman numeral or a level's words) and totals ("Tổng cộng", "Toàn tỉnh"), which are not units.
 */
export function recogniseUnitTable(view: SheetView): UnitTableLayout | undefined {
  const found = findHeader(view);
  if (!found) return undefined;
  const { row: header, column: unitColumn } = found;
  const sub = isSubHeader(view, header + 1, unitColumn) ? header + 1 : undefined;
  const headerRows = sub === undefined ? [header] : [header, sub];

  const columns: UnitTableColumn[] = [];
  const all = [
    ...new Set([...view.columnsIn(header), ...(sub === undefined ? [] : view.columnsIn(sub))]),
  ].sort((a, b) => a - b);
  const single = new Set<UnitColumnRole>();
  let lastParent = '';
  let lastParentEnd = -1;
  for (const c of all) {
    if (c === unitColumn) {
      columns.push({
        column: c,
        role: 'unit',
        header: view.text(header, c),
        parts: [view.norm(header, c)],
        saysResult: false,
      });
      single.add('unit');
      continue;
    }
    let parent = shownText(view, header, c);
    const m = view.merge(header, c);
    // A heading spanning its group without being merged: the nearest one to the left, when this
    // column has a sub-heading and no heading of its own.
    const own = sub === undefined || view.isCovered(sub, c) ? '' : view.text(sub, c);
    if (!view.isCovered(header, c) && parent !== '') {
      lastParent = parent;
      lastParentEnd = m ? m.right : Number.POSITIVE_INFINITY;
    }
    if (parent === '' && own !== '' && c <= lastParentEnd) parent = lastParent;
    // A sub-row cell under a vertical merge of the header shows the header's own text.
    const texts = own !== '' && own !== parent ? [own, parent] : [parent];
    const parts = texts.filter((t) => t !== '').map((t) => normalizeText(t));
    if (parts.length === 0) continue;
    const { role, saysResult, annual } = classify(parts);
    if (!role) continue;
    if (role === 'stt' || role === 'level') {
      if (single.has(role)) continue;
      single.add(role);
    }
    const quarter =
      quarterIn(parts.join(' ')) ??
      (role === 'value' ? resultQuarterIn(parts.join(' ')) : undefined);
    columns.push({
      column: c,
      role,
      header: texts
        .filter((t) => t !== '')
        .reverse()
        .join(' / '),
      parts,
      ...(quarter ? { quarter } : {}),
      saysResult,
      ...(role === 'target' ? { annual } : {}),
    });
  }

  const titleLines: string[] = [];
  for (let r = 0; r < header; r++) {
    const texts = view
      .columnsIn(r)
      .filter((c) => !view.isCovered(r, c))
      .map((c) => view.text(r, c))
      .filter((t) => t !== '');
    if (texts.length > 0) titleLines.push(texts.join(' ').slice(0, 1000));
  }

  const sttColumn = columns.find((c) => c.role === 'stt')?.column;
  const levelColumn = columns.find((c) => c.role === 'level')?.column;
  const dataColumns = columns.filter((c) => c.role === 'value' || c.role === 'target');
  const headerUnit = view.norm(header, unitColumn);
  const rows: UnitTableRow[] = [];
  for (let r = (sub ?? header) + 1; r < view.rowCount; r++) {
    if (view.isBlankRow(r)) continue;
    const name = view.isCovered(r, unitColumn) ? '' : view.text(r, unitColumn);
    if (name === '') continue;
    const norm = view.norm(r, unitColumn);
    // A header repeated at a page break.
    if (norm === headerUnit) continue;
    const stt = sttColumn === undefined ? '' : view.text(r, sttColumn);
    const levelText = levelColumn === undefined ? '' : view.text(r, levelColumn);
    const hasValues = dataColumns.some((c) => !isEmptyCell(view.cell(r, c.column)));
    let kind: UnitRowKind = 'unit';
    if (TOTAL.test(norm)) kind = 'total';
    else if (!hasValues && levelText === '' && (GROUP_STT.test(stt) || isLevelHeading(norm)))
      kind = 'group';
    else if (GROUP_STT.test(stt) && isLevelHeading(norm)) kind = 'group';
    rows.push({ row: r, kind, name, stt, levelText });
  }
  return { headerRows, columns, rows, titleLines };
}
