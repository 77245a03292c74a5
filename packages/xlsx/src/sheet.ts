/**
 * A worksheet part (`xl/worksheets/sheetN.xml`) → the engine's rows of cells and merged areas.
 */
import {
  type Cell,
  type CellValueType,
  EXCEL_MAX_COLUMN,
  EXCEL_MAX_ROW,
  type FormatContext,
  formatWithCode as formatNumber,
  isDateFormat,
  isoToSerial,
  type MergedArea,
  parseArea,
  serialToDate,
  toA1,
} from '@chitieu/engine';
import { fail, XlsxFailure } from './errors.js';
import type { ReadLimits } from './limits.js';
import { readStringItem } from './parts.js';
import {
  decodeEntities,
  decodeXEscapes,
  END,
  EOF,
  START,
  scanned,
  scanTag,
  XmlReader,
} from './xml.js';

/** Where a sheet's shared strings come from: loaded when a cell first needs them. */
export interface SharedStringSource {
  sharedStringList(): readonly string[];
}

export interface SheetContext {
  readonly sheetName: string;
  /**
   * The workbook's shared strings. (An object of one class for every workbook, not a closure
   * made for each sheet: the optimised sheet reader calls one known function.)
   */
  readonly sharedStrings: SharedStringSource;
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
  /** Whether each cell format is a date format (`isDateFormat` of `cellFormats`), when known. */
  readonly dateStyles?: readonly boolean[];
}

/** Why a cell could not be read as stored (the engine's `Cell.malformed`). */
export type MalformedCellReason = NonNullable<Cell['malformed']>;

/** Every `MalformedCellReason`, at run time (to walk them all, e.g. to check a catalog has words). */
export const MALFORMED_CELL_CODES = [
  'bad-reference',
  'bad-shared-string',
  'bad-number',
  'bad-boolean',
  'unknown-type',
] as const satisfies readonly MalformedCellReason[];

// The list, and the records below, have every reason of the engine's.
type UnlistedReason = Exclude<
  MalformedCellReason,
  (typeof MALFORMED_CELL_CODES)[number] & MalformedCellDetail['code']
>;
const everyReasonListed: [UnlistedReason] extends [never] ? true : UnlistedReason = true;
void everyReasonListed;

/** What a malformed cell's record says beyond its place: `code` says why, the rest what was stored. */
export type MalformedCellDetail =
  | {
      /** The cell's reference `reference` is not an A1 address. */
      readonly code: 'bad-reference';
      readonly reference: string;
    }
  | {
      /**
       * The cell refers to shared string `index` (as stored: maybe not a number), but the
       * workbook has only `count` of them.
       */
      readonly code: 'bad-shared-string';
      readonly index: string;
      readonly count: number;
    }
  | {
      /** A number cell holding `stored`, which is not a number. */
      readonly code: 'bad-number';
      readonly stored: string;
    }
  | {
      /** A boolean cell holding `stored`, which is not 0, 1, true or false. */
      readonly code: 'bad-boolean';
      readonly stored: string;
    }
  | {
      /** The cell's value type `type` is not one the file format has. */
      readonly code: 'unknown-type';
      readonly type: string;
    };

/**
 * A cell the sheet holds but that could not be read as stored: it is in the grid as an invalid
 * value (`malformed` set, `type: 'error'`, the stored text as `value` and `text`), and the rest
 * of the sheet is read. A reader's warning, as data (the shells' catalogs word it).
 */
export type MalformedCell = {
  /** The sheet's name. */
  readonly sheet: string;
  /** Where the cell is in the grid (A1); for a bad reference, where it stands in its row. */
  readonly cell: string;
} & MalformedCellDetail;

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

/**
 * How many distinct cells a sheet shares at most (`numberCells`, `stringCells`): past them, cells
 * are made one by one as before (a sheet of a million distinct numbers gains nothing by a map).
 */
const SHARED_CELLS = 1 << 17;
/** Cell formats past this index are not shared (a workbook has a few hundred at most). */
const SHARED_STYLES = 1 << 16;

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

const NO_STRINGS: readonly string[] = Object.freeze([]);

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

/** Where `scanDecimal` or `scanIndex` stopped: the first character that is not part of the number. */
let scanEnd = 0;

/**
 * A plain decimal ("-12.345", no exponent) with at most 15 significant digits, read from `start`
 * as far as one goes (at most to `end`; `scanEnd` is where it stopped): digits / 10^k is then
 * exact on both sides, so the division rounds correctly and gives what `Number()` gives. NaN when
 * what is read is not one (too many digits or decimals, no digit).
 */
function scanDecimal(src: string, start: number, end: number): number {
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
      break;
    }
  }
  scanEnd = i;
  if (!any || decimals > 22) return Number.NaN;
  const value = decimals > 0 ? mantissa / (POW10[decimals] as number) : mantissa;
  return negative ? -value : value;
}

/** `scanDecimal` of exactly `start`–`end`: NaN for anything else (the caller falls back to `Number()`). */
function parseDecimal(src: string, start: number, end: number): number {
  const value = scanDecimal(src, start, end);
  return scanEnd === end ? value : Number.NaN;
}

/**
 * An index (digits only, at most 0x7fffffff) read from `start` as far as its digits go (at most
 * to `end`; `scanEnd` is where they stopped): -1 when there is no digit or it is too large.
 */
function scanIndex(src: string, start: number, end: number): number {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    if (n > 0x7fffffff) return -1;
  }
  scanEnd = i;
  return i === start ? -1 : n;
}

/** `scanIndex` of exactly `start`–`end`: -1 for anything else. */
function parseIntRange(src: string, start: number, end: number): number {
  const n = scanIndex(src, start, end);
  return scanEnd === end ? n : -1;
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

/**
 * A run of one or more empty styled cells in the form `excelCell` reads (a reference of letters
 * and digits, maybe a cell format, no type, self-closing); their values are checked after.
 */
const EMPTY_CELLS = /(?:<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{0,9}")?\/>)+/y;

/** A regular expression that matches anything, at once (see `releaseLastMatch`). */
const NOTHING = /(?:)/;

/**
 * Makes the engine's last match (RegExp.lastMatch, RegExp.input: it holds the text the last
 * successful match was made on) a match on "": after `EMPTY_CELLS` it was the part's text, which
 * may be tens of megabytes, kept alive after the sheet was read until some other match.
 */
function releaseLastMatch(): void {
  NOTHING.test('');
}

/** What `plainValue` read: where the cell's value ends (its "</v>"), and the value. */
let plainValueEnd = -1;
let plainNumber = 0;

/**
 * Whether a cell's content from `at` (just after its start tag) is `<v>text</v></c>` with a text
 * that `parseDecimal` (`index` false) or `parseIntRange` (`index` true) reads: then
 * `plainNumber` is that value, `plainValueEnd` where the text ends, and the cell ends 8 further
 * on. The value is parsed on the way to its end, in one pass over it rather than a search for
 * the "<" and then a parse (reading 600 workbooks: 3.5% fewer instructions; a check of 150
 * workbooks 1.8% less time).
 */
function plainValue(src: string, at: number, index: boolean): boolean {
  if (
    src.charCodeAt(at) !== LT_CODE ||
    src.charCodeAt(at + 1) !== 118 /* v */ ||
    src.charCodeAt(at + 2) !== 62 /* > */
  ) {
    return false;
  }
  // The value is read as far as it goes; then "</v></c>" must follow.
  const value = index ? scanIndex(src, at + 3, src.length) : scanDecimal(src, at + 3, src.length);
  if (index ? value < 0 : Number.isNaN(value)) return false;
  const i = scanEnd;
  const c = src.charCodeAt(i);
  if (
    c !== LT_CODE ||
    src.charCodeAt(i + 1) !== 47 /* / */ ||
    src.charCodeAt(i + 2) !== 118 /* v */ ||
    src.charCodeAt(i + 3) !== 62 /* > */ ||
    src.charCodeAt(i + 4) !== LT_CODE ||
    src.charCodeAt(i + 5) !== 47 /* / */ ||
    src.charCodeAt(i + 6) !== 99 /* c */ ||
    src.charCodeAt(i + 7) !== 62 /* > */
  ) {
    return false;
  }
  plainValueEnd = i;
  plainNumber = value;
  return true;
}

/** Whether `c` ends an element name in a tag (white space, ">" or "/"), as the tokenizer reads. */
function endsName(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 62 || c === 47;
}

/** One corner of a merged area in `src[start, end)`: plain A1 ("B7", any letter case). */
let cornerRow = -1;
let cornerColumn = -1;
function parseCorner(src: string, start: number, end: number): boolean {
  let i = start;
  let column = 0;
  while (i < end && i - start < 4) {
    let c = src.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
    i++;
  }
  const letters = i - start;
  if (letters < 1 || letters > 3) return false;
  const digitsStart = i;
  let row = 0;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
    i++;
  }
  const digits = i - digitsStart;
  if (digits < 1 || digits > 7 || row < 1) return false;
  cornerRow = row - 1;
  cornerColumn = column - 1;
  return true;
}

/**
 * The merged area of a `ref` in `src[start, end)` ("A2:B3", "C7"): read in place when it is plain
 * A1 (what Excel writes), else by the engine's `parseArea` on the decoded text, with the same
 * result either way.
 */
function mergedArea(src: string, start: number, end: number): MergedArea | undefined {
  let colon = -1;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 58 /* : */) {
      colon = i;
      break;
    }
  }
  if (parseCorner(src, start, colon === -1 ? end : colon)) {
    const top = cornerRow;
    const left = cornerColumn;
    if (colon === -1) {
      return top <= MAX_ROW && left <= MAX_COLUMN
        ? { top, left, bottom: top, right: left }
        : undefined;
    }
    if (parseCorner(src, colon + 1, end)) {
      const area = {
        top: Math.min(top, cornerRow),
        left: Math.min(left, cornerColumn),
        bottom: Math.max(top, cornerRow),
        right: Math.max(left, cornerColumn),
      };
      return area.bottom <= MAX_ROW && area.right <= MAX_COLUMN ? area : undefined;
    }
  }
  return parseArea(decodeEntities(src, start, end));
}

/** An array of `count` undefined slots (at most `SHARED_STYLES`), at least one. */
function styleSlots(count: number): (Map<number, Cell> | undefined)[] {
  const slots: (Map<number, Cell> | undefined)[] = [undefined];
  const n = Math.min(count, SHARED_STYLES);
  while (slots.length < n) slots.push(undefined);
  return slots;
}

/**
 * Reads one worksheet part. Inside the cell data the common forms (`<row …>`, `<c …/>`,
 * `<c …><v>…</v></c>`, a formula before the value, an inline string) are read from the text in
 * place, without tokens; anything else (a namespace prefix, unusual spacing or quoting, comments,
 * CDATA, rich text, damaged markup) goes through the tokenizer from where it starts, as the whole
 * part once did, so that both read the same cells and fail with the same errors.
 */
class WorksheetParser {
  readonly r: XmlReader;
  readonly src: string;
  readonly ctx: SheetContext;
  readonly rows: (Cell | undefined)[][] = [];
  readonly malformed: MalformedCell[] = [];
  readonly formats: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly fmt: FormatContext;
  readonly maxRows: number;
  readonly maxCells: number;
  readonly keepEmpty: boolean;
  readonly locateOnly: boolean;
  /** The shared strings, loaded at the first cell that needs them (`sstLoaded`). */
  sst: readonly string[] = NO_STRINGS;
  sstLoaded = false;
  rowIndex = -1;
  nextColumn = 0;
  cellCount = 0;
  maxStyle = -1;
  /** The cell being read (for a break in the XML inside it). */
  inCell = false;
  cellRow = 0;
  cellColumn = 0;
  /** What the children of the cell being read hold (see `children`). */
  // (Fields keep one type, strings with a flag rather than string | undefined, so that the
  // object's shape never changes while the code that reads it is optimised.)
  v = '';
  hasV = false;
  valueStart = -1;
  valueStop = -1;
  inline = '';
  hasInline = false;
  /** The cell being read has a formula (`<f>`): without a value, it was never calculated. */
  hasF = false;
  /**
   * Cells already made, shared by every cell of the sheet that holds the same thing: by cell
   * format (`s`), a number cell's value or a shared-string cell's index. A consolidated sheet
   * holds a million and a half cells but a few thousand distinct ones; a cell is read-only
   * data, so one object (and one formatted text) serves them all (see `SHARED_CELLS`).
   */
  // (Made with a slot for each cell format the workbook has: their Maps are set without growing
  // them, and the optimised code that reads them meets no new elements kind.)
  readonly numberCells: (Map<number, Cell> | undefined)[];
  readonly stringCells: (Map<number, Cell> | undefined)[];
  sharedCount = 0;
  /**
   * Whether the last cell was an empty styled cell that holds nothing (and runs of them may be
   * passed over whole: `emptyCells`); never when reading only places or keeping empty cells.
   */
  emptyRun = false;

  constructor(r: XmlReader, ctx: SheetContext) {
    this.r = r;
    this.src = r.src;
    this.ctx = ctx;
    this.formats = ctx.cellFormats;
    this.dateStyles = ctx.dateStyles ?? ctx.cellFormats.map((code) => isDateFormat(code));
    this.fmt = ctx.format;
    this.maxRows = ctx.limits.maxRows;
    this.maxCells = ctx.limits.maxCells;
    this.keepEmpty = ctx.keepEmptyStyledCells;
    this.locateOnly = ctx.locateOnly === true;
    this.numberCells = styleSlots(this.formats.length);
    this.stringCells = styleSlots(this.formats.length);
  }

  /**
   * Reads the cell data from the reader's position, just after `<sheetData>`: returns true after
   * its end tag, false at the end of the part.
   */
  sheetData(): boolean {
    const r = this.r;
    const src = this.src;
    for (;;) {
      let lt = r.pos;
      if (src.charCodeAt(lt) !== LT_CODE) {
        lt = src.indexOf('<', lt);
        if (lt === -1) {
          r.pos = src.length;
          return false;
        }
      }
      const c1 = src.charCodeAt(lt + 1);
      if (c1 === 99 /* c */) {
        if (this.emptyRun && this.emptyCells(lt)) continue;
        if (this.excelCell(lt + 2)) continue;
        if (endsName(src.charCodeAt(lt + 2)) && scanTag(src, lt + 2) && !scanned.repeated) {
          this.plainCell();
          continue;
        }
      } else if (c1 === 114 /* r */) {
        if (
          src.charCodeAt(lt + 2) === 111 /* o */ &&
          src.charCodeAt(lt + 3) === 119 /* w */ &&
          endsName(src.charCodeAt(lt + 4)) &&
          scanTag(src, lt + 4)
        ) {
          this.row(scanned.rStart, scanned.rEnd);
          r.pos = scanned.end;
          continue;
        }
      } else if (c1 === 47 /* / */) {
        if (
          src.charCodeAt(lt + 2) === 114 /* r */ &&
          src.charCodeAt(lt + 3) === 111 /* o */ &&
          src.charCodeAt(lt + 4) === 119 /* w */ &&
          src.charCodeAt(lt + 5) === 62 /* > */
        ) {
          r.pos = lt + 6;
          continue;
        }
      }
      // Anything else: one token, as the tokenizer reads it.
      r.pos = lt;
      const k = r.next();
      if (k === START) {
        if (r.is('c')) this.tokenCell();
        else if (r.is('row')) {
          let start = -1;
          let end = -1;
          while (r.nextAttr()) {
            if (r.attrIs('r')) {
              start = r.attrValueStart;
              end = r.attrValueEnd;
              break;
            }
          }
          this.row(start, end);
        }
      } else if (k === END && r.is('sheetData')) {
        return true;
      } else if (k === EOF) {
        return false;
      }
    }
  }

  /** A `<row>` whose `r` attribute is `src[start, end)` (start -1: none). */
  private row(start: number, end: number): void {
    let at = this.rowIndex + 1;
    if (start >= 0) {
      // An invalid row number is taken as absent: the row follows the one before, and its cells
      // with a reference go where their reference says.
      const n = parseIntRange(this.src, start, end);
      if (n >= 1 && n <= MAX_ROW + 1) at = n - 1;
    }
    this.rowIndex = at;
    this.nextColumn = 0;
  }

  /**
   * A `<c>` start tag as Excel writes it, from `at` just after the name: ` r="B7"` (capital
   * letters, a row in the grid), then maybe ` s="3"`, then maybe ` t="s"`, then `>` or `/>`; read
   * in one pass, the reference and the style parsed on the way. Returns false, having changed
   * nothing, for any other tag (read then by `scanTag` or the tokenizer, as it reads them too).
   */
  private excelCell(at: number): boolean {
    const src = this.src;
    if (
      src.charCodeAt(at) !== 32 ||
      src.charCodeAt(at + 1) !== 114 /* r */ ||
      src.charCodeAt(at + 2) !== 61 /* = */ ||
      src.charCodeAt(at + 3) !== 34 /* " */
    ) {
      return false;
    }
    let i = at + 4;
    let c = src.charCodeAt(i);
    let column = 0;
    while (c >= 65 && c <= 90) {
      column = column * 26 + (c - 64);
      c = src.charCodeAt(++i);
    }
    const letters = i - at - 4;
    let row = 0;
    const digitsAt = i;
    while (c >= 48 && c <= 57) {
      row = row * 10 + (c - 48);
      c = src.charCodeAt(++i);
    }
    const digits = i - digitsAt;
    if (
      c !== 34 ||
      letters < 1 ||
      letters > 3 ||
      digits < 1 ||
      digits > 7 ||
      row < 1 ||
      row > MAX_ROW + 1 ||
      column > MAX_COLUMN + 1
    ) {
      return false;
    }
    c = src.charCodeAt(++i);
    let style = 0;
    if (
      c === 32 &&
      src.charCodeAt(i + 1) === 115 /* s */ &&
      src.charCodeAt(i + 2) === 61 /* = */ &&
      src.charCodeAt(i + 3) === 34 /* " */
    ) {
      i += 4;
      const styleAt = i;
      c = src.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        style = style * 10 + (c - 48);
        c = src.charCodeAt(++i);
      }
      // As parseIntRange reads it: nothing is 0; more than 9 digits, the tokenizer's path.
      if (c !== 34 || i - styleAt > 9) return false;
      c = src.charCodeAt(++i);
    }
    let type = T_NUMBER;
    let typeStart = -1;
    let typeEnd = -1;
    if (
      c === 32 &&
      src.charCodeAt(i + 1) === 116 /* t */ &&
      src.charCodeAt(i + 2) === 61 /* = */ &&
      src.charCodeAt(i + 3) === 34 /* " */
    ) {
      i += 4;
      typeStart = i;
      const n = src.length;
      while (i < n && src.charCodeAt(i) !== 34) i++;
      if (i >= n) return false;
      typeEnd = i;
      type = cellType(src, typeStart, typeEnd);
      c = src.charCodeAt(++i);
    }
    let selfClosing: boolean;
    if (c === 62 /* > */) {
      selfClosing = false;
      i++;
    } else if (c === 47 /* / */ && src.charCodeAt(i + 1) === 62) {
      selfClosing = true;
      i += 2;
    } else {
      return false;
    }
    this.r.pos = i;
    if (selfClosing && !this.keepEmpty) {
      // An empty styled cell, as `cell` reads it: it moves the column on and holds nothing.
      this.nextColumn = column;
      if (style > this.maxStyle) this.maxStyle = style;
      this.emptyRun = !this.locateOnly && this.rowIndex >= 0;
      return true;
    }
    this.emptyRun = false;
    if (
      !selfClosing &&
      (type === T_NUMBER || type === T_SHARED) &&
      !this.locateOnly &&
      plainValue(src, i, type === T_SHARED)
    ) {
      // `<v>…</v></c>` with a number or a shared string index that is in range, as `cell` and
      // `build` read it (anything else, e.g. a value that needs decoding, goes through them).
      const valueEnd = plainValueEnd;
      let cell: Cell | undefined;
      if (type === T_NUMBER) {
        cell = this.numberCell(plainNumber, style, this.formats[style] ?? 'General');
      } else {
        const index = plainNumber;
        const value = this.sharedStrings()[index];
        if (value !== undefined)
          cell = this.stringCell(index, value, style, this.formats[style] ?? 'General');
      }
      if (cell !== undefined) {
        this.nextColumn = column;
        if (style > this.maxStyle) this.maxStyle = style;
        this.r.pos = valueEnd + 8;
        this.place(row - 1, column - 1, cell);
        return true;
      }
    }
    this.cell(row - 1, column - 1, style, type, undefined, typeStart, typeEnd, selfClosing);
    return true;
  }

  /**
   * A run of empty styled cells from `lt`, as Excel writes them (`<c r="B7" s="3"/>`), passed
   * over by one regular expression: each moves the column on and holds nothing, so only the last
   * one's column counts (the largest cell format used is not needed when cells are made). Returns
   * false, having changed nothing but `emptyRun`, when there is no such run or its last cell is
   * not one `excelCell` reads (then read as before, cell by cell).
   */
  private emptyCells(lt: number): boolean {
    const src = this.src;
    EMPTY_CELLS.lastIndex = lt;
    if (!EMPTY_CELLS.test(src)) {
      this.emptyRun = false;
      return false;
    }
    const end = EMPTY_CELLS.lastIndex;
    let i = src.lastIndexOf('<c r="', end - 1) + 6;
    let c = src.charCodeAt(i);
    let column = 0;
    while (c >= 65 && c <= 90) {
      column = column * 26 + (c - 64);
      c = src.charCodeAt(++i);
    }
    let row = 0;
    while (c >= 48 && c <= 57) {
      row = row * 10 + (c - 48);
      c = src.charCodeAt(++i);
    }
    if (row < 1 || row > MAX_ROW + 1 || column > MAX_COLUMN + 1) {
      this.emptyRun = false;
      return false;
    }
    this.nextColumn = column;
    this.r.pos = end;
    return true;
  }

  /** A `<c>` start tag `scanTag` has read (in `scanned`). */
  private plainCell(): void {
    const src = this.src;
    let row = this.rowIndex;
    let column = -1;
    let style = 0;
    let type = T_NUMBER;
    let badRef: string | undefined;
    const t = scanned;
    const typeStart = t.tStart;
    const typeEnd = t.tEnd;
    if (t.rStart >= 0) {
      if (!parseRef(src, t.rStart, t.rEnd) || refColumn < 0 || refRow < 0) {
        badRef = decodeEntities(src, t.rStart, t.rEnd);
      } else {
        column = refColumn;
        row = refRow;
      }
    }
    if (t.sStart >= 0) {
      style = parseIntRange(src, t.sStart, t.sEnd);
      if (style < 0) style = 0;
    }
    if (typeStart >= 0) type = cellType(src, typeStart, typeEnd);
    this.r.pos = t.end;
    this.cell(row, column, style, type, badRef, typeStart, typeEnd, t.selfClosing);
  }

  /** A `<c>` start tag the tokenizer has read. */
  private tokenCell(): void {
    const r = this.r;
    const src = this.src;
    // Attributes: r (reference), s (cell format), t (type).
    let row = this.rowIndex;
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
    this.cell(row, column, style, type, badRef, typeStart, typeEnd, r.selfClosing);
  }

  /**
   * The children of a `<c>` (the reader just after its start tag): v (value), is (inline string),
   * f (formula, ignored), up to the cell's end tag. Sets `valueStart`/`valueStop` (a plain value's
   * raw range), else `v` (a value's decoded content), and `inline`.
   */
  private children(): void {
    const r = this.r;
    const src = this.src;
    const n = src.length;
    let at = r.pos;
    for (;;) {
      if (src.charCodeAt(at) !== LT_CODE) {
        // Text between children (white space): the tokenizer's TEXT token, ignored.
        const lt = src.indexOf('<', at);
        if (lt === -1) break;
        at = lt;
      }
      const c1 = src.charCodeAt(at + 1);
      if (c1 === 118 /* v */) {
        if (src.charCodeAt(at + 2) === 62 /* > */) {
          // The value's text (short: a number or an index) up to the next "<".
          let end = at + 3;
          while (end < n && src.charCodeAt(end) !== LT_CODE) end++;
          if (
            src.charCodeAt(end + 1) === 47 /* / */ &&
            src.charCodeAt(end + 2) === 118 /* v */ &&
            src.charCodeAt(end + 3) === 62 /* > */
          ) {
            this.valueStart = at + 3;
            this.valueStop = end;
            this.hasV = false;
            at = end + 4;
            continue;
          }
        }
      } else if (c1 === 47 /* / */) {
        if (src.charCodeAt(at + 2) === 99 /* c */ && src.charCodeAt(at + 3) === 62 /* > */) {
          r.pos = at + 4;
          return;
        }
      } else if (c1 === 102 /* f */) {
        if (endsName(src.charCodeAt(at + 2)) && scanTag(src, at + 2)) {
          this.hasF = true;
          if (scanned.selfClosing) {
            at = scanned.end;
            continue;
          }
          const end = src.indexOf('<', scanned.end);
          if (
            end !== -1 &&
            src.charCodeAt(end + 1) === 47 /* / */ &&
            src.charCodeAt(end + 2) === 102 /* f */ &&
            src.charCodeAt(end + 3) === 62 /* > */
          ) {
            at = end + 4;
            continue;
          }
        }
      } else if (c1 === 105 /* i */) {
        // <is><t>text</t></is>, the <t> maybe with attributes (xml:space).
        if (src.startsWith('s><t', at + 2) && endsName(src.charCodeAt(at + 6))) {
          if (scanTag(src, at + 6) && !scanned.selfClosing) {
            const textStart = scanned.end;
            const end = src.indexOf('<', textStart);
            if (end !== -1 && src.startsWith('</t></is>', end)) {
              this.inline = decodeXEscapes(decodeEntities(src, textStart, end));
              this.hasInline = true;
              at = end + 9;
              continue;
            }
          }
        }
      }
      break;
    }
    // Anything else: the tokenizer, from the child it could not read in place.
    r.pos = at;
    for (let j = r.next(); j !== EOF; j = r.next()) {
      if (j === START) {
        if (r.is('v')) {
          if (r.readPlain()) {
            this.valueStart = r.textStart;
            this.valueStop = r.textEnd;
            this.hasV = false;
          } else {
            this.valueStart = -1;
            this.v = r.content;
            this.hasV = true;
          }
        } else if (r.is('is')) {
          this.inline = readStringItem(r);
          this.hasInline = true;
        } else {
          if (r.is('f')) this.hasF = true;
          r.skipElement();
        }
      } else if (j === END && r.is('c')) {
        break;
      }
    }
  }

  /** A cell whose start tag has been read: its children, then the cell in the grid. */
  private cell(
    rowAt: number,
    columnAt: number,
    style: number,
    type: number,
    badRef: string | undefined,
    typeStart: number,
    typeEnd: number,
    selfClosing: boolean,
  ): void {
    const src = this.src;
    let row = rowAt;
    let column = columnAt;
    if (column < 0) column = this.nextColumn;
    if (row < 0) row = this.rowIndex = 0;
    this.nextColumn = column + 1;
    this.inCell = true;
    this.cellRow = row;
    this.cellColumn = column;

    // Numbers and shared string indexes are parsed in place; other values are decoded into `v`.
    let v: string | undefined;
    let num = 0;
    let hasNum = false;
    let inline: string | undefined;
    if (!selfClosing) {
      this.hasV = false;
      this.valueStart = -1;
      this.hasInline = false;
      this.hasF = false;
      this.children();
      if (this.hasV) v = this.v;
      if (this.hasInline) inline = this.inline;
      const valueStart = this.valueStart;
      if (valueStart !== -1) {
        const end = this.valueStop;
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

    this.inCell = false;
    if (style > this.maxStyle) this.maxStyle = style;
    if (this.locateOnly) return;
    if (
      !selfClosing &&
      this.hasF &&
      this.valueStart === -1 &&
      !this.hasV &&
      !this.hasInline &&
      badRef === undefined
    ) {
      // A formula the file holds no result for (written by a program, never opened in Excel):
      // nothing to read yet, and not a blank either.
      const uncalculated: Cell = {
        value: null,
        text: '',
        numberFormat: this.formats[style] ?? 'General',
        type: 'empty',
        uncalculated: true,
      };
      this.place(row, column, uncalculated);
      return;
    }
    // A cell without children holds nothing: only a kept empty styled cell is placed.
    if (!selfClosing || this.keepEmpty) {
      this.build(row, column, style, type, badRef, typeStart, typeEnd, v, num, hasNum, inline);
    }
  }

  /** Makes the cell of what was read and places it in the grid (when it holds anything). */
  private build(
    row: number,
    column: number,
    style: number,
    type: number,
    badRef: string | undefined,
    typeStart: number,
    typeEnd: number,
    v: string | undefined,
    num: number,
    hasNum: boolean,
    inline: string | undefined,
  ): void {
    const fmt = this.fmt;
    const numberFormat = this.formats[style] ?? 'General';
    let cell: Cell | undefined;
    if (badRef !== undefined || type === T_UNKNOWN) {
      // The value as stored (a shared string's text rather than its index, when it has one).
      let stored = inline ?? v ?? (hasNum ? String(num) : undefined);
      if (type === T_SHARED && stored !== undefined && /^\s*\d+\s*$/.test(stored)) {
        stored = this.sharedStrings()[Number(stored)] ?? stored;
      }
      if (stored !== undefined && stored !== '') {
        cell =
          badRef !== undefined
            ? this.malformedCell(row, column, stored, numberFormat, {
                code: 'bad-reference',
                reference: badRef,
              })
            : this.malformedCell(row, column, stored, numberFormat, {
                code: 'unknown-type',
                type: decodeEntities(this.src, typeStart, typeEnd),
              });
      }
      if (cell !== undefined) this.place(row, column, cell);
      return;
    }
    switch (type) {
      case T_NUMBER: {
        let value = num;
        if (!hasNum) {
          if (v === undefined || v === '') break;
          value = STORED_NUMBER.test(v) ? Number(v) : Number.NaN;
          if (!Number.isFinite(value)) {
            cell = this.malformedCell(row, column, v, numberFormat, {
              code: 'bad-number',
              stored: v,
            });
            break;
          }
        }
        cell = this.numberCell(value, style, numberFormat);
        break;
      }
      case T_SHARED: {
        let index = num;
        if (!hasNum) {
          if (v === undefined || v === '') break;
          index = /^\s*\d+\s*$/.test(v) ? Number(v) : -1;
        }
        const sst = this.sharedStrings();
        const value = index >= 0 ? sst[index] : undefined;
        if (value === undefined) {
          const stored = v ?? String(index);
          cell = this.malformedCell(row, column, stored, numberFormat, {
            code: 'bad-shared-string',
            index: stored.trim(),
            count: sst.length,
          });
          break;
        }
        cell = this.stringCell(index, value, style, numberFormat);
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
          cell = this.malformedCell(row, column, v, numberFormat, {
            code: 'bad-boolean',
            stored: v,
          });
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
            this.dateStyles[style] === true
              ? formatNumber(serial, numberFormat, fmt)
              : dateText(serial, fmt);
          cell = new PlainCell(serial, text, numberFormat, 'date');
        }
        break;
      }
    }
    if (cell !== undefined) this.place(row, column, cell);
    else if (this.keepEmpty)
      this.place(row, column, new PlainCell(null, '', numberFormat, 'empty'));
  }

  /** The number cell of `value` in cell format `style`: made once, then shared (`numberCells`). */
  private numberCell(value: number, style: number, numberFormat: string): Cell {
    const byStyle = style < SHARED_STYLES ? this.numberCells : undefined;
    let byValue = byStyle?.[style];
    const shared = byValue?.get(value);
    if (shared !== undefined) return shared;
    const text =
      numberFormat === 'General' && Number.isInteger(value) && Math.abs(value) < 1e11
        ? String(value)
        : formatNumber(value, numberFormat, this.fmt);
    const cell = new PlainCell(
      value,
      text,
      numberFormat,
      this.dateStyles[style] === true ? 'date' : 'number',
    );
    // (-0 is a key of its own to no Map: it is made each time, as before)
    if (byStyle !== undefined && this.sharedCount < SHARED_CELLS && !Object.is(value, -0)) {
      if (byValue === undefined) {
        byValue = new Map();
        while (byStyle.length < style) byStyle.push(undefined);
        byStyle[style] = byValue;
      }
      byValue.set(value, cell);
      this.sharedCount++;
    }
    return cell;
  }

  /** The cell of shared string `index` (text `value`) in cell format `style`, shared likewise. */
  private stringCell(index: number, value: string, style: number, numberFormat: string): Cell {
    const byStyle = style < SHARED_STYLES ? this.stringCells : undefined;
    let byIndex = byStyle?.[style];
    const shared = byIndex?.get(index);
    if (shared !== undefined) return shared;
    const cell = new PlainCell(value, value, numberFormat, 'string');
    if (byStyle !== undefined && this.sharedCount < SHARED_CELLS) {
      if (byIndex === undefined) {
        byIndex = new Map();
        while (byStyle.length < style) byStyle.push(undefined);
        byStyle[style] = byIndex;
      }
      byIndex.set(index, cell);
      this.sharedCount++;
    }
    return cell;
  }

  private sharedStrings(): readonly string[] {
    if (!this.sstLoaded) {
      this.sst = this.ctx.sharedStrings.sharedStringList();
      this.sstLoaded = true;
    }
    return this.sst;
  }

  /** A cell that cannot be read as stored: an invalid value in the grid, listed in `malformed`. */
  private malformedCell(
    row: number,
    column: number,
    stored: string,
    numberFormat: string,
    detail: MalformedCellDetail,
  ): Cell {
    this.malformed.push({ sheet: this.ctx.sheetName, cell: toA1(row, column), ...detail });
    return { value: stored, text: stored, numberFormat, type: 'error', malformed: detail.code };
  }

  private place(row: number, column: number, cell: Cell): void {
    if (row >= this.maxRows) {
      fail({
        code: 'too-large',
        what: 'rows',
        size: row + 1,
        limit: this.maxRows,
        sheet: this.ctx.sheetName,
        cell: toA1(row, column),
      });
    }
    if (++this.cellCount > this.maxCells) {
      fail({ code: 'too-large', what: 'cells', limit: this.maxCells, sheet: this.ctx.sheetName });
    }
    const rows = this.rows;
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
  }
}

export function parseWorksheet(xml: string, part: string, ctx: SheetContext): ParsedSheet {
  const r = new XmlReader(xml, part);
  const src = xml;
  const p = new WorksheetParser(r, ctx);
  const merges: MergedArea[] = [];
  let inSheetData = false;
  /** Whether the cell data has been read (its end met), and where formats would go. */
  let afterData = false;
  let formatsAt = -1;
  let rootEnd = -1;
  try {
    for (;;) {
      if (inSheetData) {
        const ended = p.sheetData();
        if (!ended) break;
        inSheetData = false;
        afterData = true;
        continue;
      }
      // `<mergeCell ref="A1:B2"/>`, dozens in a sheet of merged headers, read in place.
      let lt = r.pos;
      // (At the end, no look past it: a read out of bounds would undo the optimised code.)
      if (lt >= src.length) lt = -1;
      else if (src.charCodeAt(lt) !== LT_CODE) lt = src.indexOf('<', lt);
      if (lt !== -1 && src.startsWith('<mergeCell ref="', lt)) {
        const start = lt + 16;
        let end = start;
        while (end < src.length && src.charCodeAt(end) !== 34 /* " */) end++;
        if (src.charCodeAt(end + 1) === 47 /* / */ && src.charCodeAt(end + 2) === 62 /* > */) {
          const area = mergedArea(src, start, end);
          if (area !== undefined) merges.push(area);
          r.pos = end + 3;
          continue;
        }
      }
      const k = r.next();
      if (k === EOF) break;
      if (k !== START) {
        if (k === END && rootEnd === -1 && r.is('worksheet')) {
          rootEnd = src.lastIndexOf('<', r.nameStart);
        }
        continue;
      }
      if (r.is('mergeCell')) {
        let area: MergedArea | undefined;
        while (r.nextAttr()) {
          if (r.attrIs('ref')) {
            area = mergedArea(src, r.attrValueStart, r.attrValueEnd);
            break;
          }
        }
        if (area !== undefined) merges.push(area);
        continue;
      }
      const name = r.name;
      if (formatsAt === -1 && afterData && AFTER_CONDITIONAL_FORMATTING.has(name)) {
        formatsAt = src.lastIndexOf('<', r.nameStart);
      }
      if (name === 'sheetData') {
        inSheetData = !r.selfClosing;
        if (r.selfClosing) afterData = true;
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
      // The sheet's own part: the sheet is damaged, in the cell being read when there was one.
      fail({
        ...thrown.error,
        sheet: ctx.sheetName,
        ...(p.inCell ? { cell: toA1(p.cellRow, p.cellColumn) } : {}),
      });
    }
    throw thrown;
  } finally {
    releaseLastMatch();
  }
  if (inSheetData) {
    // The part ends inside its cell data: rows may be missing, so nothing of it is taken.
    fail({ code: 'corrupt-part', reason: 'truncated-cell-data', sheet: ctx.sheetName, part });
  }
  const ends = [formatsAt, rootEnd].filter((at) => at >= 0);
  const conditionalFormattingAt = ends.length > 0 ? Math.min(...ends) : xml.length;
  return {
    rows: p.rows,
    merges,
    malformed: p.malformed,
    conditionalFormattingAt,
    maxStyle: p.maxStyle,
  };
}

function dateText(serial: number, fmt: FormatContext): string {
  const p = serialToDate(serial, fmt.date1904);
  const dd = String(p.day).padStart(2, '0');
  const mm = String(p.month).padStart(2, '0');
  const date = `${dd}/${mm}/${p.year}`;
  if (serial === Math.floor(serial)) return date;
  return `${date} ${String(p.hours).padStart(2, '0')}:${String(p.minutes).padStart(2, '0')}`;
}
