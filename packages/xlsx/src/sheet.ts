/**
 * A worksheet part (`xl/worksheets/sheetN.xml`) → the engine's rows of cells and merged areas.
 */
import {
  type Cell,
  type CellValueType,
  EXCEL_MAX_COLUMN,
  EXCEL_MAX_ROW,
  type MergedArea,
  parseArea,
  toA1,
} from '@chitieu/engine';
import { fail, XlsxFailure } from './errors.js';
import type { ReadLimits } from './limits.js';
import {
  type FormatContext,
  formatNumber,
  isDateFormat,
  isoToSerial,
  serialToDate,
} from './number-format.js';
import { readStringItem } from './parts.js';
import { decodeEntities, decodeXEscapes, END, EOF, START, XmlReader } from './xml.js';

export interface SheetContext {
  readonly sheetName: string;
  readonly sharedStrings: () => readonly string[];
  /** The number format code of each cell format index (`s` attribute). */
  readonly cellFormats: readonly string[];
  readonly format: FormatContext;
  readonly limits: ReadLimits;
  readonly keepEmptyStyledCells: boolean;
  /**
   * Only find where things are (`conditionalFormattingAt`, `maxStyle`): the part is read as
   * always, token for token, but no cell is made (for the annotation).
   */
  readonly locateOnly?: boolean;
}

/** Why a cell could not be read as stored (the engine's `Cell.malformed`). */
export type MalformedCellReason = NonNullable<Cell['malformed']>;

/**
 * A cell the sheet holds but that could not be read as stored: it is in the grid as an invalid
 * value (`malformed` set, `type: 'error'`, the stored text as `value` and `text`), and the rest
 * of the sheet is read.
 */
export interface MalformedCell {
  /** Where the cell is in the grid (A1); for a bad reference, where it stands in its row. */
  readonly cell: string;
  readonly reason: MalformedCellReason;
  /** Plain English, naming the sheet and the cell. */
  readonly message: string;
}

export interface ParsedSheet {
  readonly rows: (Cell | undefined)[][];
  readonly merges: MergedArea[];
  /** The cells that could not be read as stored, in sheet order. */
  readonly malformed: MalformedCell[];
  /**
   * Where new `conditionalFormatting` elements go in the part's text: before the first element
   * the schema puts after them, else before `</worksheet>`, else at the end; always a place
   * where this reader is outside the cell data and reads them as nothing but formats.
   */
  readonly conditionalFormattingAt: number;
  /** The largest cell format index (`s`) a cell of the sheet uses; -1 for none. */
  readonly maxStyle: number;
}

/** Elements that follow `conditionalFormatting` in CT_Worksheet. */
const AFTER_CONDITIONAL_FORMATTING = new Set([
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/** Excel's grid: 16,384 columns (XFD) and 1,048,576 rows (the engine's A1 module). */
const MAX_COLUMN = EXCEL_MAX_COLUMN;
const MAX_ROW = EXCEL_MAX_ROW;

type MutableCell = { -readonly [K in keyof Cell]: Cell[K] };

/** The widest gap before a cell that is filled with undefined slots (wider ones stay holes). */
const MAX_PADDING = 64;

interface PlainCellConstructor {
  new (value: Cell['value'], text: string, numberFormat: string, type: CellValueType): Cell;
}

/**
 * Makes cells that are plain objects (prototype `Object.prototype`, own properties value, text,
 * numberFormat, type: the same as an object literal, to JSON, spread and deep equality) through
 * a constructor, which V8 builds about three times faster than literals whose `value` is
 * sometimes a number and sometimes a string.
 */
const PlainCell = function PlainCell(
  this: MutableCell,
  value: Cell['value'],
  text: string,
  numberFormat: string,
  type: CellValueType,
): void {
  this.value = value;
  this.text = text;
  this.numberFormat = numberFormat;
  this.type = type;
} as unknown as PlainCellConstructor;
PlainCell.prototype = Object.prototype;

const LT_CODE = 60; // <

const EMPTY_ROW: (Cell | undefined)[] = Object.freeze([]) as unknown as (Cell | undefined)[];

// Cell types (the `t` attribute).
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;
const T_UNKNOWN = -1;

/** An xsd:double as Excel writes one (decimal, optional exponent), with surrounding spaces. */
const STORED_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Results of `parseRef`: 0-based, -1 when absent. */
let refRow = -1;
let refColumn = -1;

/**
 * Parses an A1 reference in `src[start, end)` into `refRow`/`refColumn` (either may be absent);
 * returns false for anything else. The reader's hot path: every `<c r="…">` of a sheet, read in
 * place without a substring (areas and all other addresses: the engine's `parseArea`, `fromA1`).
 */
function parseRef(src: string, start: number, end: number): boolean {
  let i = start;
  let column = 0;
  let letters = 0;
  if (src.charCodeAt(i) === 36 /* $ */) i++;
  while (i < end) {
    let c = src.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
    if (++letters > 3) return false;
    i++;
  }
  if (i < end && src.charCodeAt(i) === 36 && letters > 0) i++;
  let row = 0;
  let digits = 0;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57 || ++digits > 7) return false;
    row = row * 10 + (c - 48);
    i++;
  }
  if (letters === 0 && digits === 0) return false;
  if (column > MAX_COLUMN + 1 || row > MAX_ROW + 1 || (digits > 0 && row === 0)) return false;
  refColumn = column - 1;
  refRow = row - 1;
  return true;
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A plain decimal ("-12.345", no exponent) with at most 15 significant digits, parsed in place:
 * digits / 10^k is then exact on both sides, so the division rounds correctly and gives what
 * `Number()` gives. NaN for anything else (the caller falls back to `Number()`).
 */
function parseDecimal(src: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && src.charCodeAt(i) === 45 /* - */) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  let any = false;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      any = true;
      if (decimals >= 0) decimals++;
      if (mantissa === 0 && c === 48) continue;
      if (++digits > 15) return Number.NaN;
      mantissa = mantissa * 10 + (c - 48);
    } else if (c === 46 /* . */ && decimals < 0) {
      decimals = 0;
    } else {
      return Number.NaN;
    }
  }
  if (!any || decimals > 22) return Number.NaN;
  const value = decimals > 0 ? mantissa / (POW10[decimals] as number) : mantissa;
  return negative ? -value : value;
}

function parseIntRange(src: string, start: number, end: number): number {
  let n = 0;
  if (start === end) return -1;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
    if (n > 0x7fffffff) return -1;
  }
  return n;
}

function cellType(src: string, start: number, end: number): number {
  const len = end - start;
  const c = src.charCodeAt(start);
  if (len === 1) {
    if (c === 115 /* s */) return T_SHARED;
    if (c === 110 /* n */) return T_NUMBER;
    if (c === 98 /* b */) return T_BOOL;
    if (c === 101 /* e */) return T_ERROR;
    if (c === 100 /* d */) return T_DATE;
  } else if (len === 3 && src.startsWith('str', start)) {
    return T_STR;
  } else if (len === 9 && src.startsWith('inlineStr', start)) {
    return T_INLINE;
  } else if (len === 0) {
    return T_NUMBER;
  }
  return T_UNKNOWN;
}

export function parseWorksheet(xml: string, part: string, ctx: SheetContext): ParsedSheet {
  const r = new XmlReader(xml, part);
  const src = xml;
  const rows: (Cell | undefined)[][] = [];
  const merges: MergedArea[] = [];
  const formats = ctx.cellFormats;
  const dateStyles: boolean[] = formats.map((code) => isDateFormat(code));
  const fmt = ctx.format;
  const { maxRows, maxCells } = ctx.limits;
  const keepEmpty = ctx.keepEmptyStyledCells;
  let sst: readonly string[] | undefined;
  let rowIndex = -1;
  let nextColumn = 0;
  let cellCount = 0;
  let inSheetData = false;
  /** Whether the cell data has been read (its end met), and where formats would go. */
  let afterData = false;
  let formatsAt = -1;
  let rootEnd = -1;
  let maxStyle = -1;
  const locateOnly = ctx.locateOnly === true;

  const where = (row: number, column: number): { sheet: string; cell: string } => ({
    sheet: ctx.sheetName,
    cell: toA1(row, column),
  });
  const malformed: MalformedCell[] = [];
  /** A cell that cannot be read as stored: an invalid value in the grid, listed in `malformed`. */
  const malformedCell = (
    row: number,
    column: number,
    reason: MalformedCellReason,
    stored: string,
    numberFormat: string,
    what: string,
  ): Cell => {
    const cell = toA1(row, column);
    malformed.push({
      cell,
      reason,
      message: `Cell ${cell} on sheet "${ctx.sheetName}" ${what}; it is read as an invalid value.`,
    });
    return { value: stored, text: stored, numberFormat, type: 'error', malformed: reason };
  };

  const place = (row: number, column: number, cell: Cell): void => {
    if (row >= maxRows) {
      fail(
        'too-large',
        `Sheet "${ctx.sheetName}" has data in row ${row + 1}, beyond the limit of ${maxRows} rows.`,
        where(row, column),
      );
    }
    if (++cellCount > maxCells) {
      fail(
        'too-large',
        `Sheet "${ctx.sheetName}" has more than ${maxCells} cells with values, more than the limit.`,
        {
          sheet: ctx.sheetName,
        },
      );
    }
    let cells = rows[row];
    if (cells === undefined || cells === EMPTY_ROW) {
      while (rows.length < row) rows.push(EMPTY_ROW);
      cells = [];
      rows[row] = cells;
    }
    // A short gap is filled with undefined, as rows always were; past a wide one only the cell
    // is set (a holey array, read by index as undefined, which the engine's SheetView handles): a
    // cell in XFD on 1,100 rows was 18 M slots pushed one by one.
    if (column - cells.length > MAX_PADDING) cells[column] = cell;
    else {
      while (cells.length < column) cells.push(undefined);
      cells[column] = cell;
    }
  };

  /** The cell being read (for a break in the XML inside it). */
  let inCell = false;
  let cellRow = 0;
  let cellColumn = 0;
  try {
    for (let k = r.next(); k !== EOF; k = r.next()) {
      if (k !== START) {
        if (k === END && inSheetData && r.is('sheetData')) {
          inSheetData = false;
          afterData = true;
        } else if (k === END && !inSheetData && rootEnd === -1 && r.is('worksheet')) {
          rootEnd = r.src.lastIndexOf('<', r.nameStart);
        }
        continue;
      }
      if (inSheetData) {
        if (r.is('c')) {
          // Attributes: r (reference), s (cell format), t (type).
          let row = rowIndex;
          let column = -1;
          let style = 0;
          let type = T_NUMBER;
          let badRef: string | undefined;
          let typeStart = 0;
          let typeEnd = 0;
          while (r.nextAttr()) {
            // One-letter names, compared by character code.
            const an = r.attrNameEnd - r.attrNameStart === 1 ? src.charCodeAt(r.attrNameStart) : 0;
            if (an === 114 /* r */) {
              if (!parseRef(src, r.attrValueStart, r.attrValueEnd) || refColumn < 0 || refRow < 0) {
                badRef = r.attrValue();
              } else {
                column = refColumn;
                row = refRow;
              }
            } else if (an === 115 /* s */) {
              style = parseIntRange(src, r.attrValueStart, r.attrValueEnd);
              if (style < 0) style = 0;
            } else if (an === 116 /* t */) {
              type = cellType(src, r.attrValueStart, r.attrValueEnd);
              typeStart = r.attrValueStart;
              typeEnd = r.attrValueEnd;
            }
          }
          if (column < 0) column = nextColumn;
          if (row < 0) row = rowIndex = 0;
          nextColumn = column + 1;
          inCell = true;
          cellRow = row;
          cellColumn = column;

          // Children: v (value), is (inline string), f (formula, ignored). Numbers and shared
          // string indexes are parsed in place; other values are decoded into `v`.
          let v: string | undefined;
          let num = 0;
          let hasNum = false;
          let inline: string | undefined;
          if (!r.selfClosing) {
            // The form Excel writes, `<c …><v>text</v></c>`, is read without the tokenizer.
            const at = r.pos;
            const valueEnd =
              src.startsWith('<v>', at) && src.charCodeAt(at + 3) !== LT_CODE
                ? src.indexOf('<', at + 3)
                : -1;
            let valueStart = -1;
            let valueStop = -1;
            if (valueEnd !== -1 && src.startsWith('</v></c>', valueEnd)) {
              valueStart = at + 3;
              valueStop = valueEnd;
              r.pos = valueEnd + 8;
            } else {
              for (let j = r.next(); j !== EOF; j = r.next()) {
                if (j === START) {
                  if (r.is('v')) {
                    if (r.readPlain()) {
                      valueStart = r.textStart;
                      valueStop = r.textEnd;
                      v = undefined;
                    } else {
                      valueStart = -1;
                      v = r.content;
                    }
                  } else if (r.is('is')) {
                    inline = readStringItem(r);
                  } else {
                    r.skipElement();
                  }
                } else if (j === END && r.is('c')) {
                  break;
                }
              }
            }
            if (valueStart !== -1) {
              const end = valueStop;
              if (type === T_NUMBER) {
                num = parseDecimal(src, valueStart, end);
                hasNum = !Number.isNaN(num);
                if (!hasNum) v = decodeEntities(src, valueStart, end);
              } else if (type === T_SHARED) {
                num = parseIntRange(src, valueStart, end);
                hasNum = num >= 0;
                if (!hasNum) v = decodeEntities(src, valueStart, end);
              } else {
                v = decodeEntities(src, valueStart, end);
              }
            }
          }

          inCell = false;
          if (style > maxStyle) maxStyle = style;
          if (locateOnly) continue;
          const numberFormat = formats[style] ?? 'General';
          let cell: Cell | undefined;
          if (badRef !== undefined || type === T_UNKNOWN) {
            // The value as stored (a shared string's text rather than its index, when it has one).
            let stored = inline ?? v ?? (hasNum ? String(num) : undefined);
            if (type === T_SHARED && stored !== undefined && /^\s*\d+\s*$/.test(stored)) {
              sst ??= ctx.sharedStrings();
              stored = sst[Number(stored)] ?? stored;
            }
            if (stored !== undefined && stored !== '') {
              cell =
                badRef !== undefined
                  ? malformedCell(
                      row,
                      column,
                      'bad-reference',
                      stored,
                      numberFormat,
                      `has an invalid reference "${badRef}"`,
                    )
                  : malformedCell(
                      row,
                      column,
                      'unknown-type',
                      stored,
                      numberFormat,
                      `has an unknown value type "${decodeEntities(src, typeStart, typeEnd)}"`,
                    );
            }
            if (cell !== undefined) place(row, column, cell);
            continue;
          }
          switch (type) {
            case T_NUMBER: {
              let value = num;
              if (!hasNum) {
                if (v === undefined || v === '') break;
                value = STORED_NUMBER.test(v) ? Number(v) : Number.NaN;
                if (!Number.isFinite(value)) {
                  cell = malformedCell(
                    row,
                    column,
                    'bad-number',
                    v,
                    numberFormat,
                    `holds "${v}", which is not a number`,
                  );
                  break;
                }
              }
              const text =
                numberFormat === 'General' && Number.isInteger(value) && Math.abs(value) < 1e11
                  ? String(value)
                  : formatNumber(value, numberFormat, fmt);
              cell = new PlainCell(
                value,
                text,
                numberFormat,
                dateStyles[style] === true ? 'date' : 'number',
              );
              break;
            }
            case T_SHARED: {
              let index = num;
              if (!hasNum) {
                if (v === undefined || v === '') break;
                index = /^\s*\d+\s*$/.test(v) ? Number(v) : -1;
              }
              sst ??= ctx.sharedStrings();
              const value = index >= 0 ? sst[index] : undefined;
              if (value === undefined) {
                const stored = v ?? String(index);
                cell = malformedCell(
                  row,
                  column,
                  'bad-shared-string',
                  stored,
                  numberFormat,
                  `refers to shared string ${stored.trim()}, but the workbook has ${sst.length === 0 ? 'none' : `only ${sst.length}`}`,
                );
                break;
              }
              cell = new PlainCell(value, value, numberFormat, 'string');
              break;
            }
            case T_STR:
            case T_INLINE: {
              const value = inline ?? (v === undefined ? undefined : decodeXEscapes(v));
              if (value === undefined) break;
              cell = new PlainCell(value, value, numberFormat, 'string');
              break;
            }
            case T_BOOL: {
              if (v === undefined || v === '') break;
              const t = v.trim();
              const value =
                t === '1' || t === 'true' ? true : t === '0' || t === 'false' ? false : undefined;
              if (value === undefined) {
                cell = malformedCell(
                  row,
                  column,
                  'bad-boolean',
                  v,
                  numberFormat,
                  `holds "${v}", which is not TRUE or FALSE`,
                );
                break;
              }
              cell = new PlainCell(value, value ? 'TRUE' : 'FALSE', numberFormat, 'boolean');
              break;
            }
            case T_ERROR: {
              if (v === undefined || v === '') break;
              cell = new PlainCell(v, v, numberFormat, 'error');
              break;
            }
            case T_DATE: {
              if (v === undefined || v === '') break;
              const serial = isoToSerial(v, fmt.date1904);
              if (serial === undefined) {
                cell = new PlainCell(v, v, numberFormat, 'string');
              } else {
                const text =
                  dateStyles[style] === true
                    ? formatNumber(serial, numberFormat, fmt)
                    : dateText(serial, fmt);
                cell = new PlainCell(serial, text, numberFormat, 'date');
              }
              break;
            }
          }
          if (cell !== undefined) place(row, column, cell);
          else if (keepEmpty) place(row, column, new PlainCell(null, '', numberFormat, 'empty'));
          continue;
        }
        if (r.is('row')) {
          let at = rowIndex + 1;
          while (r.nextAttr()) {
            if (r.attrIs('r')) {
              // An invalid row number is taken as absent: the row follows the one before, and
              // its cells with a reference go where their reference says.
              const n = parseIntRange(src, r.attrValueStart, r.attrValueEnd);
              if (n >= 1 && n <= MAX_ROW + 1) at = n - 1;
              break;
            }
          }
          rowIndex = at;
          nextColumn = 0;
        }
        continue;
      }
      const name = r.name;
      if (formatsAt === -1 && afterData && AFTER_CONDITIONAL_FORMATTING.has(name)) {
        formatsAt = r.src.lastIndexOf('<', r.nameStart);
      }
      if (name === 'sheetData') {
        inSheetData = !r.selfClosing;
        if (r.selfClosing) afterData = true;
      } else if (name === 'mergeCell') {
        const ref = r.attr('ref');
        const area = ref === undefined ? undefined : parseArea(ref);
        if (area !== undefined) merges.push(area);
      } else if (
        name === 'extLst' ||
        name === 'conditionalFormatting' ||
        name === 'dataValidations' ||
        name === 'cols' ||
        name === 'sheetViews' ||
        name === 'headerFooter'
      ) {
        r.skipElement();
      }
    }
  } catch (thrown) {
    if (
      thrown instanceof XlsxFailure &&
      thrown.error.code === 'corrupt-part' &&
      thrown.error.part === part
    ) {
      const cell = inCell ? toA1(cellRow, cellColumn) : undefined;
      fail(
        'corrupt-part',
        `Sheet "${ctx.sheetName}" is damaged${cell === undefined ? '' : ` in cell ${cell}`}: ${lowerFirst(thrown.error.message)}`,
        { sheet: ctx.sheetName, part, ...(cell === undefined ? {} : { cell }) },
      );
    }
    throw thrown;
  }
  if (inSheetData) {
    // The part ends inside its cell data: rows may be missing, so nothing of it is taken.
    fail(
      'corrupt-part',
      `Sheet "${ctx.sheetName}" is damaged: the part "${part}" ends inside its cell data (it is truncated).`,
      { sheet: ctx.sheetName, part },
    );
  }
  const ends = [formatsAt, rootEnd].filter((at) => at >= 0);
  const conditionalFormattingAt = ends.length > 0 ? Math.min(...ends) : xml.length;
  return { rows, merges, malformed, conditionalFormattingAt, maxStyle };
}

/** "The part …" → "the part …", to follow a colon. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function dateText(serial: number, fmt: FormatContext): string {
  const p = serialToDate(serial, fmt.date1904);
  const dd = String(p.day).padStart(2, '0');
  const mm = String(p.month).padStart(2, '0');
  const date = `${dd}/${mm}/${p.year}`;
  if (serial === Math.floor(serial)) return date;
  return `${date} ${String(p.hours).padStart(2, '0')}:${String(p.minutes).padStart(2, '0')}`;
}
