/**
 * What the fake workbook holds, as plain data: a sheet's cells, merges, conditional formats,
 * custom properties, styles, links, widths, frozen rows, change handlers and notes, and how Excel
 * stores a value written to a cell. The proxies (range.ts, worksheet.ts…) read and change these.
 */
import type { Cell } from '@chitieu/engine';
import { fromA1 } from '@chitieu/engine';
import { formatNumber } from '@chitieu/xlsx';
import type { FakeChangeHandler } from './events.js';
import type { FakeExcel } from './excel.js';
import type { Rect } from './geometry.js';

export type FakeValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export interface FakeCell {
  readonly value: string | number | boolean;
  readonly text: string;
  readonly numberFormat: string;
  readonly type: FakeValueType;
}

export interface FakeRule {
  id: string;
  readonly type: string;
  readonly ranges: readonly string[];
  formula?: string;
  /** A CellValue rule's comparison ("GreaterThan", "LessThan"…) and its value. */
  readonly operator?: string;
  readonly formula1?: string;
  /** Made by "Duplicate Rule" in the Rules Manager: Excel cannot read it (office-js#6835). */
  readonly duplicated?: boolean;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  numberFormat?: string | null;
  stopIfTrue?: boolean;
  /** The format's borders by edge ("EdgeTop"…): style and colour as written. */
  borders?: Record<string, { style?: string; color?: string }>;
}

export type FakeEdge = 'top' | 'bottom' | 'left' | 'right';

/** What the add-in set on a cell of its own sheet through `format`. */
export interface FakeStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  wrap?: boolean;
  align?: string;
  readonly borders: Set<FakeEdge>;
}

export interface FakeHyperlink {
  readonly address?: string;
  readonly documentReference?: string;
  readonly textToDisplay?: string;
  readonly screenTip?: string;
}

export class FakeSheet {
  /** Cells by "row,column" (0-based); a cell with type Empty and a format counts for the used range. */
  readonly cells = new Map<string, FakeCell>();
  merges: Rect[] = [];
  /** Conditional formats; the index is the priority (0 = highest). */
  rules: FakeRule[] = [];
  /** Worksheet custom properties by lower-case key. */
  readonly properties = new Map<string, { key: string; value: string }>();
  /** Created by the add-in (`worksheets.add`): the only sheets whose cells it may write. */
  createdByAddin = false;
  /** Sheet protection (Review → Protect Sheet). */
  sheetProtected = false;
  /** Worksheet.visibility: Format → Hide gives 'Hidden'; a macro or add-in can set 'VeryHidden'. */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Formats written through `range.format`, by "row,column". */
  readonly styles = new Map<string, FakeStyle>();
  readonly hyperlinks = new Map<string, FakeHyperlink>();
  /** Column widths in points, by 0-based column; absent = standard width. */
  readonly columnWidths = new Map<number, number>();
  frozenRows = 0;
  readonly changeHandlers = new Set<FakeChangeHandler>();
  /** Cell notes (ExcelApi 1.18) by A1 address ("C7"): the user's and the add-in's alike. */
  readonly notes = new Map<string, string>();

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** The cell at an A1 address. */
  at(address: string): FakeCell | undefined {
    const p = fromA1(address);
    return p ? this.cell(p.row, p.column) : undefined;
  }

  style(row: number, column: number): FakeStyle | undefined {
    return this.styles.get(`${row},${column}`);
  }

  styleFor(row: number, column: number): FakeStyle {
    const key = `${row},${column}`;
    let style = this.styles.get(key);
    if (!style) {
      style = { borders: new Set() };
      this.styles.set(key, style);
    }
    return style;
  }

  setCell(row: number, column: number, cell: FakeCell): void {
    this.cells.set(`${row},${column}`, cell);
  }

  /** The used range: every cell with a value, or (valuesOnly false) with a format. */
  usedRect(valuesOnly: boolean): Rect | undefined {
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.cells) {
      if (cell.type === 'Empty' && (valuesOnly || cell.numberFormat === 'General')) continue;
      const [r = 0, c = 0] = key.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }
}

/** How a sheet built by `addGridSheet` holds an engine cell. */
export function fakeCell(cell: Cell): FakeCell {
  const value = cell.value;
  const type: FakeValueType =
    cell.type === 'error'
      ? 'Error'
      : cell.type === 'empty' || value === null
        ? 'Empty'
        : typeof value === 'number'
          ? 'Double'
          : typeof value === 'boolean'
            ? 'Boolean'
            : 'String';
  const numberFormat = cell.numberFormat ?? 'General';
  const text =
    cell.text ??
    (typeof value === 'number'
      ? formatNumber(value, numberFormat, { decimalSeparator: ',', date1904: false })
      : value === null
        ? ''
        : String(value));
  return { value: value ?? '', text, numberFormat, type };
}

/** The writes the add-in may make only on sheets it created: anything else fails the sync. */
export function ownSheetOnly(fake: FakeExcel, sheet: FakeSheet, what: string): void {
  if (sheet.createdByAddin) return;
  fake.cellWrites.push(what);
  throw new Error(`fake: the add-in must never write cells of a sheet it did not create: ${what}`);
}

export function numberCell(value: number, numberFormat: string): FakeCell {
  return {
    value,
    text: formatNumber(value, numberFormat, { decimalSeparator: ',', date1904: false }),
    numberFormat,
    type: 'Double',
  };
}

/** How Excel stores a value written to a cell of the given number format. */
export function writtenCell(raw: unknown, numberFormat: string): FakeCell {
  if (raw === '' || raw === null || raw === undefined) {
    return { value: '', text: '', numberFormat, type: 'Empty' };
  }
  if (typeof raw === 'number') return numberCell(raw, numberFormat);
  if (typeof raw === 'boolean') {
    return { value: raw, text: raw ? 'TRUE' : 'FALSE', numberFormat, type: 'Boolean' };
  }
  const text = String(raw);
  if (numberFormat !== '@') {
    if (text.startsWith('='))
      return { value: '#NAME?', text: '#NAME?', numberFormat, type: 'Error' };
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(text.trim());
    if (m) return numberCell(Number(m[1]) / (m[2] ? 100 : 1), numberFormat);
  }
  return { value: text, text, numberFormat, type: 'String' };
}
