/**
 * The Office.js implementation of `WorkbookHost`: the only file that talks to Excel.
 *
 * Office.js is loaded by a CDN script tag, never imported: the globals `Excel` and `Office` are
 * read only inside functions, so tests can install a fake of them (test/fake-excel.ts).
 *
 * Requirement sets. Floor: ExcelApi 1.12 (Office 2021 and later; worksheet custom properties).
 * Above the floor only when `isSetSupported` says so: merged areas (1.13), notes (1.18; below it
 * setNotes throws HostError('unsupported') without calling Excel).
 *
 * Round trips (`context.sync()`), the same whatever the sheet's size:
 * - readSheet: 2. The first loads only the used range's geometry, so a sheet that is too large is
 *   refused BEFORE any value crosses the wire (one Excel.run cannot both learn the size and bound
 *   what it loads in the same sync: an intersection with a fixed window bounds rows and columns
 *   separately, not their product). The second loads values, text, number formats, value types
 *   and the merged areas together.
 * - readRange: 1 (values, text, number formats, value types and the range's geometry). Whole rows
 *   or columns ("5:5", "B:D") and ranges over `maxCells` are refused from the address alone,
 *   before Excel is called (0).
 * - applyMarks: 2 when this host marked the sheet before (a re-check, a live update) or the
 *   sheet has no conditional format yet. The first loads the record of the add-in's rules, the
 *   ids of the sheet's conditional formats and, by id, the rules this host recorded last time,
 *   AND queues the new rules after those loads, so their ids come back with it. The second
 *   deletes the add-in's earlier rules and writes the record of the new ids. (Deleting first
 *   would need the new ids in a third sync to record them.) 3 on the first call in a session
 *   on a marked sheet: the recorded rules are read by id in a sync of their own, once the record
 *   is known. 2 more (every other rule's type, then the custom ones' formulas) only when the
 *   record does not account for the marks: no record beside other rules, a stale record after a
 *   reopen, a recorded rule deleted by hand, an earlier write that failed. A rule Excel cannot
 *   read adds about 2 × log2(rules) failed reads (see below). The user's rules never add a sync
 *   while the record accounts for the marks.
 * - clearMarks: 2 when this host marked the sheet before, 3 on the first call in a session (the
 *   recorded rules read by id in between); 1 when there is nothing to remove (no record, and no
 *   conditional format or this host removed its marks last time); the same 2 more as applyMarks
 *   when the record does not account for the marks. selectCell, activeSheet: 1; settings: 0
 *   (Office.context.document.settings, saved with saveAsync).
 * - listSheets: 2. The first loads the names and positions; the second the `chitieu.owner`
 *   property of every sheet at once.
 * - writeSheet: 2 for a new sheet, 3 when a sheet of that name exists and may be replaced. The
 *   first loads the sheet names and the workbook's protection; the second (only when the name is
 *   taken and `replace` is not false) loads the `chitieu.owner` property and protection of the
 *   taken names; the last adds or clears the sheet and writes ALL its content: values and number
 *   formats as two 2-D arrays, fonts, fills, wrap and alignment as one call per distinct style
 *   over multi-area ranges, merges, borders, column widths, frozen rows, hyperlinks, activation.
 *   With `replace: false` there is no second: the sheet is always added, under the first free
 *   name.
 * - setNotes: 2. The first loads the record `chitieu.notes` and the note (content) of every
 *   target cell and of every cell of the record this host last saw; the second adds, rewrites
 *   and deletes the notes and writes (or deletes) the record. 1 when nothing changes (an empty
 *   list and no record, or the same notes again). 3 when the record names cells this host did
 *   not expect (its first call on the sheet in a session): the record is read in the first sync,
 *   so their notes are loaded in one of their own.
 * - onSheetChanged: 1 to register the handler, 1 to remove it.
 * More syncs happen only past Excel's payload limit (about 5 MB per request or response, Excel on
 * the web): requests are estimated from the rules' address and formula lengths and split only
 * when the estimate passes `PAYLOAD_BUDGET`; a values response that still exceeds the limit is
 * retried in halves. Nothing syncs once per row, per cell or per rule, but for a conditional
 * format Excel cannot read: it is read on its own, after halving the reads down to it.
 *
 * Conditional formats. Excel adds a conditional format at the TOP of the sheet's priority list.
 * The add-in adds its rules last to first, so they end up above the user's own rules in the
 * plan's order (the plan's first rule has the highest priority). Each has stopIfTrue: where a
 * mark applies, its colour and symbol win and the user's lower rules are not applied to that
 * cell; everywhere else the user's rules work as before. The user's rules keep their relative
 * order, and get back their exact priorities when the marks are removed. Rules are recognised
 * by the engine's formula tag (`isMarkFormula`), which covers copies annotated by the command
 * line and ids that changed after a reopen, and by the ids recorded in the worksheet custom
 * property `chitieu.marks`. The add-in never calls `conditionalFormats.clearAll()` and never
 * writes a cell's value, formula or format on a user's sheet.
 *
 * Reading conditional formats is fragile in Excel: once a range has two CellValue rules (Greater
 * Than, then Less Than), reading either one's rule or format fails the whole sync
 * (OfficeDev/office-js#6827); a rule duplicated in the Rules Manager cannot be read (#6835);
 * deleting by position can answer "Item Not Found" (#5222). So the add-in never loads every
 * format of the sheet: it loads their ids (which always work) and reads the rules it recorded by
 * id (`getItem`, ExcelApi 1.6; `getItemOrNullObject`, 1.14, for the ids this host remembers).
 * When every recorded id is there and is a tagged custom rule, that is all: the user's rules are
 * never read. Only when the record does not account for the marks (no record, a stale one after
 * a reopen, a rule of it deleted or not the add-in's) are the other rules read, first their type
 * and then, for custom ones only, their formula, so a CellValue rule's rule is never asked for.
 * Every such read is read-only: all in one sync, and when that sync fails, in halves down to one
 * rule per sync, so a rule Excel cannot read costs only itself; it is left as it is, never
 * deleted. Deletes are by id. A user's rules can never make a check or a removal fail.
 *
 * The add-in's own sheets (writeSheet). The report and the annex template are sheets the add-in
 * adds; each carries the worksheet custom property `chitieu.owner` ('report' | 'template'). Only
 * a sheet with that property and the same owner is ever rewritten: it is cleared in place
 * (unfreeze, unmerge, `clear('All')`, standard column widths) and written again. Clearing in
 * place rather than deleting and re-adding keeps the sheet's position, tab and id, so it works
 * when it is the workbook's only sheet, keeps formulas of other sheets that point to it, and
 * needs no temporary name or re-positioning. A sheet of the same name without the property is
 * the user's: it is never written; the add-in uses "name (2)", "name (3)"… With `replace: false`
 * (the template: once filled in, it is the user's work) no sheet is ever rewritten: each write
 * adds a sheet under the first free name.
 *
 * Notes (setNotes, ExcelApi 1.18). What the add-in wrote is recorded in the worksheet custom
 * property `chitieu.notes` as { version: 1, notes: { "C7": text } }. A note is the add-in's only
 * while it is recorded AND its text is still the recorded text: a note on a cell the record does
 * not name is the user's, and a recorded note the user edited becomes theirs (dropped from the
 * record). The add-in never adds over, rewrites or deletes a user's note; such target cells are
 * counted `skipped`.
 */
import {
  type Cell,
  type CellValueType,
  type ContentCell,
  fromA1,
  type Grid,
  isMarkFormula,
  MARK_STYLES,
  type MarkPlan,
  type MarkRule,
  type MergedArea,
  markRuleFormula,
  type SheetContent,
  toA1,
} from '@chitieu/engine';
import { isDateFormat } from '@chitieu/xlsx';
import { parseArea, readableArea } from './address.js';
import { notesRecordValue, noteText, parseNotesRecord, planNotes, wantedNotes } from './notes.js';
import {
  sheetKey,
  sheetNameChain,
  sheetProtectedError,
  sheetReference,
  structureProtectedError,
} from './sheet-names.js';
import {
  type ApplyResult,
  type CellNote,
  type HostCapabilities,
  HostError,
  type NotesResult,
  type SheetChange,
  type SheetInfo,
  type WorkbookHost,
  type WriteSheetOptions,
} from './types.js';

/** Worksheet custom property holding the ids of the add-in's conditional formats. */
export const MARKS_PROPERTY = 'chitieu.marks';
/** Worksheet custom property marking a sheet the add-in wrote: its owner, 'report' or 'template'. */
export const OWNER_PROPERTY = 'chitieu.owner';
/** Worksheet custom property recording the notes the add-in wrote: cell → text (NotesRecord). */
export const NOTES_PROPERTY = 'chitieu.notes';
/** Document settings key of the pane's settings. */
export const SETTINGS_KEY = 'chitieu.settings';
/** Sheets whose used range has more cells than this are refused before their values are read. */
export const MAX_CELLS = 2_000_000;
/** What one request or response may carry: below Excel on the web's 5 MB, with a margin. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/**
 * Longest address string given to `getRanges` for one conditional format. Excel refuses long
 * multi-area addresses (OfficeDev/office-js#5198 fails at about 8,000 characters, sometimes
 * fewer), so a rule with many ranges becomes several conditional formats.
 */
export const MAX_ADDRESS_LENGTH = 1000;

/** Estimated response bytes per cell for values + text + numberFormat + valueTypes. */
const BYTES_PER_CELL = 64;
/** Estimated request bytes of one added conditional format (about ten actions) before its address and formula. */
const ADD_OVERHEAD = 2500;
/** Estimated request bytes of deleting one conditional format. */
const DELETE_OVERHEAD = 400;
/** Estimated request bytes of reading one conditional format by id (getItem, two loads). */
const PROBE_OVERHEAD = 400;
/** Estimated request bytes of one write call (a format, merge, width, link) before its address. */
const WRITE_OVERHEAD = 300;
/** Estimated request bytes of adding, rewriting or deleting one note before its address and text. */
const NOTE_OVERHEAD = 300;

export interface OfficeHostOptions {
  readonly maxCells?: number;
  readonly payloadBudget?: number;
  readonly maxAddressLength?: number;
}

/** What the add-in records with a sheet: the ids of the conditional formats it added. */
export interface MarksRecord {
  readonly version: 1;
  readonly ids: readonly string[];
}

/** One conditional format to add: a plan rule, or one part of a rule with very many ranges. */
export interface MarkPart {
  readonly rule: MarkRule;
  readonly ranges: readonly string[];
  /** The ranges joined for `getRanges`, e.g. "J11:K11,J13:K13". */
  readonly address: string;
  /** The formula with its leading "=", relative to the part's first cell. */
  readonly formula: string;
}

function firstCell(range: string): string {
  return (range.split(':')[0] ?? range).replace(/\$/g, '');
}

/**
 * Splits a rule's ranges into parts whose address is at most `maxLength` characters, in order;
 * each part's formula is anchored at its own first cell, as Excel reads relative references.
 */
export function splitRule(rule: MarkRule, maxLength = MAX_ADDRESS_LENGTH): MarkPart[] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const range of rule.ranges) {
    const added = current.length === 0 ? range.length : length + 1 + range.length;
    if (current.length > 0 && added > maxLength) {
      groups.push(current);
      current = [range];
      length = range.length;
    } else {
      current.push(range);
      length = added;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups.map((ranges) => ({
    rule,
    ranges,
    address: ranges.join(','),
    formula: `=${markRuleFormula(rule.condition, firstCell(ranges[0] as string))}`,
  }));
}

/**
 * Groups items, in order, so each group's estimated size stays within `budget` (one sync each).
 * `reserved`: bytes the first group's sync already carries (reads queued before the items).
 */
export function batchBySize<T>(
  items: readonly T[],
  size: (item: T) => number,
  budget: number,
  reserved = 0,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let total = reserved;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && total + s > budget) {
      batches.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += s;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function addBytes(part: MarkPart): number {
  return (
    ADD_OVERHEAD +
    part.address.length * 2 +
    part.formula.length +
    (part.rule.numberFormat?.length ?? 0)
  );
}

/** Parses the recorded ids; anything unreadable counts as no record (the formula tag still finds the rules). */
export function parseMarksRecord(value: string | undefined): Set<string> {
  if (!value) return new Set();
  try {
    const parsed: unknown = JSON.parse(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { version?: unknown }).version === 1 &&
      Array.isArray((parsed as { ids?: unknown }).ids)
    ) {
      return new Set(
        (parsed as { ids: unknown[] }).ids.filter((id): id is string => typeof id === 'string'),
      );
    }
  } catch {
    // Not JSON: ignored.
  }
  return new Set();
}

/** The owner recorded with a sheet, when it is one the add-in writes. */
function ownerOf(property: Excel.WorksheetCustomProperty): WriteSheetOptions['owner'] | undefined {
  if (property.isNullObject) return undefined;
  const value = property.value;
  return value === 'report' || value === 'template' ? value : undefined;
}

function cellType(valueType: string, numberFormat: string): CellValueType | undefined {
  switch (valueType) {
    case 'Empty':
      return 'empty';
    case 'String':
      return 'string';
    case 'Double':
    case 'Integer':
      // The same rule as @chitieu/xlsx, so a workbook gets the same findings in Excel and on the command line.
      return isDateFormat(numberFormat) ? 'date' : 'number';
    case 'Boolean':
      return 'boolean';
    case 'Error':
      return 'error';
    default:
      // Unknown, RichValue: the engine infers the type from the value.
      return undefined;
  }
}

function toCell(
  value: unknown,
  text: unknown,
  numberFormat: unknown,
  valueType: unknown,
): Cell | undefined {
  const format = typeof numberFormat === 'string' ? numberFormat : 'General';
  const type = cellType(String(valueType), format);
  if (type === 'empty') return undefined;
  const raw =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : typeof text === 'string'
        ? text
        : null;
  return {
    value: raw,
    ...(typeof text === 'string' ? { text } : {}),
    numberFormat: format,
    ...(type ? { type } : {}),
  };
}

/** The loaded values, text, formats and types of a range's first `rowCount` rows, as grid rows. */
function gridRows(
  range: Pick<Excel.Range, 'values' | 'text' | 'numberFormat' | 'valueTypes'>,
  rowCount: number,
  columnCount: number,
): (Cell | undefined)[][] {
  const { values, text, numberFormat, valueTypes } = range;
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: (Cell | undefined)[] = [];
    for (let c = 0; c < columnCount; c++) {
      row.push(toCell(values[r]?.[c], text[r]?.[c], numberFormat[r]?.[c], valueTypes[r]?.[c]));
    }
    rows.push(row);
  }
  return rows;
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String((error as { code: unknown }).code);
  }
  return '';
}

function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** Any failure as a HostError with a plain message (never a raw Office.js exception). */
export function toHostError(error: unknown, sheet?: string): HostError {
  if (error instanceof HostError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ItemNotFound' && sheet !== undefined) {
    return new HostError('not-found', `No worksheet "${sheet}".`);
  }
  if (isPayloadError(error)) {
    return new HostError(
      'too-large',
      `The worksheet${sheet === undefined ? '' : ` "${sheet}"`} is too large for one request to Excel.`,
    );
  }
  if (code === 'ApiNotFound') {
    return new HostError('unsupported', `This version of Excel lacks a needed feature: ${message}`);
  }
  return new HostError('office', `Excel reported an error${code ? ` (${code})` : ''}: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// The add-in's own sheets: names and content (shared with the in-memory host).

/**
 * Column width in points for a width in characters: Excel's width of n characters is n × 7 + 5
 * pixels with the default Calibri 11 (7-pixel digits, 5 pixels of padding), and Office.js sets
 * `format.columnWidth` in points (0.75 per pixel): 8.43 characters → 48 points.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** Bytes of a string in UTF-8 (requests to Excel are JSON in UTF-8). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function rectAddress(area: MergedArea): string {
  const a = toA1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right
    ? a
    : `${a}:${toA1(area.bottom, area.right)}`;
}

/**
 * The rectangles covering cells given row by row (row-major order): runs of adjacent columns in
 * a row, joined down while consecutive rows have the same run. Ordered by top row, then column.
 */
export function cellRects(cells: readonly (readonly [number, number])[]): MergedArea[] {
  const done: MergedArea[] = [];
  let open = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  let i = 0;
  while (i < cells.length) {
    const row = (cells[i] as readonly [number, number])[0];
    const next = new Map<string, { top: number; left: number; bottom: number; right: number }>();
    while (i < cells.length && (cells[i] as readonly [number, number])[0] === row) {
      const left = (cells[i] as readonly [number, number])[1];
      let right = left;
      i++;
      while (
        i < cells.length &&
        (cells[i] as readonly [number, number])[0] === row &&
        (cells[i] as readonly [number, number])[1] === right + 1
      ) {
        right++;
        i++;
      }
      const key = `${left}:${right}`;
      const area = open.get(key);
      if (area && area.bottom === row - 1) {
        area.bottom = row;
        next.set(key, area);
      } else {
        next.set(key, { top: row, left, bottom: row, right });
      }
    }
    for (const [key, area] of open) if (next.get(key) !== area) done.push(area);
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Addresses joined with "," into strings of at most `maxLength` characters (one getRanges each). */
export function joinAddresses(addresses: readonly string[], maxLength: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const address of addresses) {
    if (current && current.length + 1 + address.length > maxLength) {
      out.push(current);
      current = address;
    } else {
      current = current ? `${current},${address}` : address;
    }
  }
  if (current) out.push(current);
  return out;
}

/** One part of writing a sheet's content: queued calls (no sync) and their estimated request bytes. */
export interface WriteStep {
  readonly bytes: number;
  readonly queue: (sheet: Excel.Worksheet) => void;
}

/** A cell style property the add-in writes, with the call that sets it on a range's format. */
interface StyleFacet {
  readonly key: (cell: ContentCell) => string | undefined;
  readonly apply: (format: Excel.RangeFormat, key: string) => void;
}

const ALIGNMENT = { left: 'Left', center: 'Center', right: 'Right' } as const;

const STYLE_FACETS: readonly StyleFacet[] = [
  {
    key: (c) => (c.bold ? 'bold' : undefined),
    apply: (f) => {
      f.font.bold = true;
    },
  },
  {
    key: (c) => (c.italic ? 'italic' : undefined),
    apply: (f) => {
      f.font.italic = true;
    },
  },
  {
    key: (c) => c.color,
    apply: (f, color) => {
      f.font.color = color;
    },
  },
  {
    key: (c) => c.fill,
    apply: (f, color) => {
      f.fill.color = color;
    },
  },
  {
    key: (c) => (c.wrap ? 'wrap' : undefined),
    apply: (f) => {
      f.wrapText = true;
    },
  },
  {
    key: (c) => (c.align ? ALIGNMENT[c.align] : undefined),
    apply: (f, alignment) => {
      f.horizontalAlignment = alignment as Excel.HorizontalAlignment;
    },
  },
];

type BorderEdge =
  | 'EdgeTop'
  | 'EdgeBottom'
  | 'EdgeLeft'
  | 'EdgeRight'
  | 'InsideHorizontal'
  | 'InsideVertical';

/** The value a content cell writes: numbers and text as they are; empty and non-finite numbers as "". */
function cellValue(cell: ContentCell | undefined): string | number {
  const value = cell?.value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return value ?? '';
}

/**
 * The number format a content cell writes: its own, or "@" (Text) for text, so Excel stores
 * "01", "12.5%" or "=…" as the text it is instead of a number or a formula. Set BEFORE the
 * values, which Excel then takes as text.
 */
function cellFormat(cell: ContentCell | undefined): string {
  if (cell?.numberFormat) return cell.numberFormat;
  return typeof cell?.value === 'string' ? '@' : 'General';
}

/**
 * The calls that write `content` on a new or cleared sheet, in order: number formats then values
 * (in blocks of rows only past `budget`), one call per distinct style over multi-area ranges,
 * merges, borders, column widths, frozen rows, hyperlinks. Throws HostError for a link or merge
 * that is not a valid area, before anything is sent to Excel.
 */
export function planContentWrite(
  content: SheetContent,
  budget: number,
  maxAddressLength: number,
): WriteStep[] {
  const steps: WriteStep[] = [];
  const { rows } = content;
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);

  // Values and number formats: one pair of 2-D arrays for the whole area.
  if (width > 0) {
    let start = 0;
    let values: (string | number)[][] = [];
    let formats: string[][] = [];
    let bytes = WRITE_OVERHEAD;
    const flush = () => {
      const [top, v, f] = [start, values, formats];
      steps.push({
        bytes,
        queue: (sheet) => {
          const range = sheet.getRangeByIndexes(top, 0, v.length, width);
          range.numberFormat = f; // first: text cells are "@" before their value arrives
          range.values = v;
        },
      });
    };
    rows.forEach((row, r) => {
      const rowValues: (string | number)[] = [];
      const rowFormats: string[] = [];
      for (let c = 0; c < width; c++) {
        rowValues.push(cellValue(row[c]));
        rowFormats.push(cellFormat(row[c]));
      }
      const rowBytes =
        utf8Length(JSON.stringify(rowValues)) + utf8Length(JSON.stringify(rowFormats)) + 2;
      if (values.length > 0 && bytes + rowBytes > budget) {
        flush();
        start = r;
        values = [];
        formats = [];
        bytes = WRITE_OVERHEAD;
      }
      values.push(rowValues);
      formats.push(rowFormats);
      bytes += rowBytes;
    });
    flush();
  }

  // Styles: the cells of each distinct property value, as few rectangles as possible.
  STYLE_FACETS.forEach((facet) => {
    const groups = new Map<string, [number, number][]>();
    rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const key = cell ? facet.key(cell) : undefined;
        if (key === undefined) return;
        const cells = groups.get(key) ?? [];
        cells.push([r, c]);
        groups.set(key, cells);
      });
    });
    for (const [key, cells] of groups) {
      const addresses = cellRects(cells).map(rectAddress);
      for (const address of joinAddresses(addresses, maxAddressLength)) {
        steps.push({
          bytes: WRITE_OVERHEAD + address.length * 2,
          queue: (sheet) => facet.apply(sheet.getRanges(address).format, key),
        });
      }
    }
  });

  // Merges: one call per area (a 1 × 1 "merge" is nothing).
  for (const area of content.merges ?? []) {
    if (!validArea(area)) throw badContent(`merged area ${JSON.stringify(area)}`);
    if (area.top === area.bottom && area.left === area.right) continue;
    steps.push({
      bytes: WRITE_OVERHEAD,
      queue: (sheet) => {
        sheet
          .getRangeByIndexes(
            area.top,
            area.left,
            area.bottom - area.top + 1,
            area.right - area.left + 1,
          )
          .merge(false);
      },
    });
  }

  // Borders: every cell of each area; inside edges only where an area has more than one row or
  // column. Areas of the same shape class share one multi-area call.
  const classes = new Map<string, MergedArea[]>();
  for (const area of content.bordered ?? []) {
    if (!validArea(area)) throw badContent(`bordered area ${JSON.stringify(area)}`);
    const key = `${area.bottom > area.top}:${area.right > area.left}`;
    classes.set(key, [...(classes.get(key) ?? []), area]);
  }
  for (const [key, areas] of classes) {
    const [rowsInside, columnsInside] = key.split(':').map((x) => x === 'true');
    const edges: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (rowsInside) edges.push('InsideHorizontal');
    if (columnsInside) edges.push('InsideVertical');
    for (const address of joinAddresses(areas.map(rectAddress), maxAddressLength)) {
      steps.push({
        bytes: WRITE_OVERHEAD * edges.length + address.length * 2,
        queue: (sheet) => {
          const borders = sheet.getRanges(address).format.borders;
          for (const edge of edges) borders.getItem(edge).style = 'Continuous';
        },
      });
    }
  }

  // Column widths: one call per run of columns of the same width.
  const widths = content.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    const w = widths[c];
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    if (typeof w === 'number' && Number.isFinite(w) && w > 0) {
      const [left, count, points] = [c, end - c, columnWidthPoints(w)];
      steps.push({
        bytes: WRITE_OVERHEAD,
        queue: (sheet) => {
          sheet.getRangeByIndexes(0, left, 1, count).format.columnWidth = points;
        },
      });
    }
    c = end;
  }

  const frozen = content.frozenRows ?? 0;
  if (frozen > 0) {
    steps.push({ bytes: WRITE_OVERHEAD, queue: (sheet) => sheet.freezePanes.freezeRows(frozen) });
  }

  // Hyperlinks inside the workbook, after the values: the text shown is the cell's own text.
  for (const link of content.links ?? []) {
    const at = fromA1(link.cell);
    if (!at || !fromA1(link.target)) throw badContent(`link ${JSON.stringify(link)}`);
    const value = rows[at.row]?.[at.column]?.value;
    const hyperlink: Excel.RangeHyperlink = {
      documentReference: sheetReference(link.sheet, link.target),
      ...(typeof value === 'string' ? { textToDisplay: value } : {}),
    };
    steps.push({
      bytes: WRITE_OVERHEAD + utf8Length(JSON.stringify(hyperlink)),
      queue: (sheet) => {
        sheet.getRange(link.cell).hyperlink = hyperlink;
      },
    });
  }
  return steps;
}

function validArea(area: MergedArea): boolean {
  return (
    Number.isInteger(area.top) &&
    Number.isInteger(area.left) &&
    Number.isInteger(area.bottom) &&
    Number.isInteger(area.right) &&
    area.top >= 0 &&
    area.left >= 0 &&
    area.bottom >= area.top &&
    area.right >= area.left
  );
}

function badContent(what: string): HostError {
  return new HostError('office', `The add-in built an invalid sheet: ${what}.`);
}

/** Queues clearing one of the add-in's own sheets completely (no sync): never called on a user's sheet. */
function queueClearOwnSheet(sheet: Excel.Worksheet): void {
  sheet.freezePanes.unfreeze();
  const all = sheet.getRange();
  all.unmerge();
  all.clear('All'); // values, formats, hyperlinks, conditional formats
  all.format.useStandardWidth = true;
}

/** What was read of one conditional format: its type and, when asked for, a custom rule's formula. */
interface RuleRead {
  readonly type: string;
  readonly formula?: string;
}

/** A read queued on the request (no sync); the function it returns gives its result after the sync. */
type Probe<T> = () => () => T;

/**
 * Queues reading one conditional format by id: its type, and with `formula` a custom rule's
 * formula (through customOrNullObject: a rule of another type gives none, never an error).
 * `nullable` (ExcelApi 1.14): a missing id reads as undefined instead of failing the sync.
 */
function ruleProbe(
  formats: Excel.ConditionalFormatCollection,
  id: string,
  formula: boolean,
  nullable = false,
): Probe<RuleRead | undefined> {
  return () => {
    const format = nullable ? formats.getItemOrNullObject(id) : formats.getItem(id);
    format.load(formula ? 'type,customOrNullObject/rule/formula' : 'type');
    return () => {
      if (nullable && format.isNullObject) return undefined;
      if (!formula) return { type: format.type };
      const custom = format.customOrNullObject;
      return custom.isNullObject
        ? { type: format.type }
        : { type: format.type, formula: custom.rule.formula };
    };
  };
}

/**
 * Runs read-only probes: all in one sync; when that sync fails, again in halves, down to one
 * probe per sync, so a rule Excel cannot read (office-js#6827, #6835) costs only itself. A
 * failed sync in Excel runs nothing after its failing operation, and probes only load: trying
 * again changes nothing. Returns each probe's result; undefined for one that failed on its own.
 * No sync when there is nothing to read.
 */
async function readEach<T>(
  context: Excel.RequestContext,
  probes: readonly Probe<T>[],
): Promise<(T | undefined)[]> {
  const results: (T | undefined)[] = probes.map(() => undefined);
  const run = async (from: number, to: number): Promise<void> => {
    if (from >= to) return;
    const readers = probes.slice(from, to).map((queue) => queue());
    try {
      await context.sync();
    } catch {
      if (to - from === 1) return; // this one alone cannot be read
      const middle = from + Math.ceil((to - from) / 2);
      await run(from, middle);
      await run(middle, to);
      return;
    }
    readers.forEach((read, i) => {
      results[from + i] = read();
    });
  };
  await run(0, probes.length);
  return results;
}

/** What the first sync of applyMarks and clearMarks loads. */
interface MarksSurvey {
  readonly sheet: Excel.Worksheet;
  readonly formats: Excel.ConditionalFormatCollection;
  readonly record: Excel.WorksheetCustomProperty;
  /** The rules this host recorded last time on the sheet, read by id in the same sync. */
  readonly expected: readonly { readonly id: string; readonly read: () => RuleRead | undefined }[];
  /** This host removed the add-in's rules and their record from the sheet last time. */
  readonly leftNone: boolean;
}

/** Queues the survey's loads (no sync): the record, the formats' ids, the expected rules by id. */
function queueSurvey(
  sheet: Excel.Worksheet,
  expected: readonly string[],
  nullable: boolean,
  leftNone: boolean,
): MarksSurvey {
  const formats = sheet.getRange().conditionalFormats;
  // Ids only: loading the formats' rules fails the whole sync as soon as one rule cannot be
  // read (office-js#6827, #6835; and `items/custom/...` with a data bar, #2180).
  formats.load('items/id');
  const record = sheet.customProperties.getItemOrNullObject(MARKS_PROPERTY);
  record.load('value');
  return {
    sheet,
    formats,
    record,
    expected: expected.map((id) => ({ id, read: ruleProbe(formats, id, true, nullable)() })),
    leftNone,
  };
}

/**
 * The ids of the add-in's conditional formats among those the survey saw: custom rules whose
 * formula carries the engine's tag, or, when a recorded rule's formula is empty, whose id is
 * recorded. A recorded id on a rule without the tag is a user's rule that reuses a stale id: it
 * is kept, and so is every rule Excel cannot read. The recorded rules are read by id (those the
 * survey did not read already, in one sync); the other rules only when the record does not
 * account for the marks, or with `scan` (an earlier write may have left rules it did not record):
 * their types, then the formulas of the custom ones.
 */
async function findOwned(
  context: Excel.RequestContext,
  survey: MarksSurvey,
  scan: boolean,
): Promise<string[]> {
  const { formats, record } = survey;
  const recorded = parseMarksRecord(record.isNullObject ? undefined : record.value);
  const present = formats.items.map((format) => format.id);
  const there = new Set(present);
  /** What was read of each rule; null: Excel could not read it. */
  const reads = new Map<string, RuleRead | null>();
  for (const { id, read } of survey.expected) {
    const value = there.has(id) ? read() : undefined;
    if (value) reads.set(id, value);
  }
  const readAll = async (ids: readonly string[], formula: boolean) => {
    const values = await readEach(
      context,
      ids.map((id) => ruleProbe(formats, id, formula)),
    );
    ids.forEach((id, i) => {
      reads.set(id, values[i] ?? null);
    });
  };
  const ours = (id: string): boolean => {
    const read = reads.get(id);
    if (read?.type !== 'Custom') return false;
    return read.formula ? isMarkFormula(read.formula) : recorded.has(id);
  };

  await readAll(
    [...recorded].filter((id) => there.has(id) && !reads.has(id)),
    true,
  );
  const accounted =
    !scan &&
    [...recorded].every((id) => there.has(id) && ours(id)) &&
    (recorded.size > 0 || (record.isNullObject && survey.leftNone));
  if (accounted) return present.filter((id) => recorded.has(id));

  const others = present.filter((id) => !reads.has(id));
  await readAll(others, false);
  await readAll(
    others.filter((id) => reads.get(id)?.type === 'Custom'),
    true,
  );
  return present.filter(ours);
}

export class OfficeHost implements WorkbookHost {
  readonly kind = 'office' as const;
  private readonly maxCells: number;
  private readonly payloadBudget: number;
  private readonly maxAddressLength: number;
  /**
   * The cells of the notes record this host last read or wrote, by sheet: loaded with the first
   * sync of the next setNotes so the record's notes need no sync of their own. Only a guess of
   * what to load: what is done always follows the record read from the sheet.
   */
  private readonly recordedNotes = new Map<string, readonly string[]>();
  /**
   * The ids of the rules this host last recorded on each sheet ([]: it removed them all): read
   * by id in the first sync of the next applyMarks or clearMarks. Only a guess of what to read:
   * what is deleted always follows the record and the rules read from the sheet.
   */
  private readonly recordedMarks = new Map<string, readonly string[]>();
  /**
   * Sheets where a write of marks failed in this session: some rules may have been added and
   * not recorded, so the next call reads every rule (by type, then formula) to find them.
   */
  private readonly unsureMarks = new Set<string>();

  /** Throws HostError('unsupported') below ExcelApi 1.12 or outside Office. */
  constructor(options: OfficeHostOptions = {}) {
    if (!OfficeHost.isSupported()) {
      throw new HostError(
        'unsupported',
        'Chỉ Tiêu needs Excel 2021, Microsoft 365 or Excel on the web (ExcelApi 1.12).',
      );
    }
    this.maxCells = options.maxCells ?? MAX_CELLS;
    this.payloadBudget = options.payloadBudget ?? PAYLOAD_BUDGET;
    this.maxAddressLength = options.maxAddressLength ?? MAX_ADDRESS_LENGTH;
  }

  /** Whether Office.js is loaded and Excel supports the floor, ExcelApi 1.12. */
  static isSupported(): boolean {
    return (
      typeof Office !== 'undefined' &&
      typeof Excel !== 'undefined' &&
      Office.context?.requirements?.isSetSupported('ExcelApi', '1.12') === true
    );
  }

  get capabilities(): HostCapabilities {
    const supports = (version: string) =>
      Office.context.requirements.isSetSupported('ExcelApi', version);
    return { mergedAreas: supports('1.13'), notes: supports('1.18') };
  }

  /** One Excel.run (in `context` when given, e.g. the one an event handler was added in). */
  private async run<T>(
    sheet: string | undefined,
    batch: (context: Excel.RequestContext) => Promise<T>,
    context?: OfficeExtension.ClientRequestContext,
  ): Promise<T> {
    try {
      return await (context ? Excel.run(context, batch) : Excel.run(batch));
    } catch (error) {
      throw toHostError(error, sheet);
    }
  }

  async activeSheet(): Promise<string> {
    return this.run(undefined, async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(undefined, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/position');
      await context.sync(); // 1: names and positions
      const ordered = [...sheets.items].sort((a, b) => a.position - b.position);
      const owners = ordered.map((sheet) => {
        const owner = sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY);
        owner.load('value');
        return owner;
      });
      await context.sync(); // 2: every sheet's owner property at once
      return ordered.map((sheet, i) => {
        const owner = ownerOf(owners[i] as Excel.WorksheetCustomProperty);
        return owner ? { name: sheet.name, owner } : { name: sheet.name };
      });
    });
  }

  async readSheet(name: string): Promise<Grid> {
    const withMerges = this.capabilities.mergedAreas;
    return this.run(name, async (context) => {
      const sheet = context.workbook.worksheets.getItem(name);
      const used = sheet.getUsedRangeOrNullObject(false);
      used.load('address,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync(); // 1: geometry only
      if (used.isNullObject) return { name, rows: [], merges: [], origin: { row: 0, column: 0 } };

      const { rowIndex, columnIndex, rowCount, columnCount } = used;
      if (rowCount * columnCount > this.maxCells) {
        throw new HostError(
          'too-large',
          `The used range of "${name}" (${used.address}) has ${rowCount * columnCount} cells; the add-in reads at most ${this.maxCells}.`,
        );
      }

      // 2: values, text, formats, types and merges in one sync. Only a sheet whose estimated
      // response passes the payload budget is read in blocks of rows, one sync per block.
      const rows: (Cell | undefined)[][] = [];
      let merges: MergedArea[] = [];
      let mergesPending = withMerges;
      let rowsPerSync = Math.max(
        1,
        Math.floor(this.payloadBudget / (BYTES_PER_CELL * Math.max(1, columnCount))),
      );
      let start = 0;
      while (start < rowCount) {
        const count = Math.min(rowsPerSync, rowCount - start);
        const block = sheet.getRangeByIndexes(rowIndex + start, columnIndex, count, columnCount);
        block.load('values,text,numberFormat,valueTypes');
        let merged: Excel.RangeAreas | undefined;
        if (mergesPending) {
          merged = sheet
            .getRangeByIndexes(rowIndex, columnIndex, rowCount, columnCount)
            .getMergedAreasOrNullObject();
          merged.load('areas/items/address');
        }
        try {
          await context.sync();
        } catch (error) {
          // Estimates can be wrong (long texts): past the limit, retry the block in halves.
          if (isPayloadError(error) && count > 1) {
            rowsPerSync = Math.ceil(count / 2);
            continue;
          }
          throw error;
        }
        if (merged) {
          mergesPending = false;
          if (!merged.isNullObject) {
            merges = merged.areas.items
              .map((area) => parseArea(area.address))
              .filter((area): area is MergedArea => area !== undefined);
          }
        }
        rows.push(...gridRows(block, count, columnCount));
        start += count;
      }
      return { name, rows, merges, origin: { row: rowIndex, column: columnIndex } };
    });
  }

  async readRange(sheetName: string, address: string): Promise<Grid> {
    // Refused here, before Excel is asked for anything: Excel would load a whole row or column.
    const area = readableArea(sheetName, address, this.maxCells);
    return this.run(sheetName, async (context) => {
      const range = context.workbook.worksheets.getItem(sheetName).getRange(rectAddress(area));
      range.load('values,text,numberFormat,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync(); // 1
      return {
        name: sheetName,
        rows: gridRows(range, range.rowCount, range.columnCount),
        merges: [],
        origin: { row: range.rowIndex, column: range.columnIndex },
      };
    });
  }

  /**
   * Sync 1 of applyMarks and clearMarks: the survey (the record, the formats' ids, the rules this
   * host recorded last time, by id) and then `queue`'s calls (the first adds), queued after the
   * loads so the loads see the sheet as it was. Reading the expected rules is the one load that
   * can fail where the survey alone would not (a rule deleted by hand, below ExcelApi 1.14 where
   * getItem of a missing id fails the sync; a rule Excel cannot read): nothing queued after it
   * has then run, and the sync is made again without them.
   */
  private async survey<T>(
    context: Excel.RequestContext,
    sheetName: string,
    queue: (sheet: Excel.Worksheet) => T,
  ): Promise<{ survey: MarksSurvey; queued: T; retried: boolean }> {
    const expected = this.recordedMarks.get(sheetName);
    // Set again once the call succeeds: a failed call leaves nothing to guess from.
    this.recordedMarks.delete(sheetName);
    const nullable = Office.context.requirements.isSetSupported('ExcelApi', '1.14');
    const attempt = async (ids: readonly string[]) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const survey = queueSurvey(sheet, ids, nullable, expected?.length === 0);
      const queued = queue(sheet);
      await context.sync();
      return { survey, queued };
    };
    if (!expected || expected.length === 0) return { ...(await attempt([])), retried: false };
    try {
      return { ...(await attempt(expected)), retried: false };
    } catch {
      // Had the failure come from a call queued after the reads, the calls before it stand:
      // `retried` makes the caller look for rules of its own that it did not record.
      return { ...(await attempt([])), retried: true };
    }
  }

  /**
   * Runs applyMarks' or clearMarks' batch: a failure leaves the sheet unsure (rules may have
   * been added and not recorded) until a later call has read every rule; success clears it.
   */
  private async marksRun<T>(
    sheetName: string,
    batch: (context: Excel.RequestContext, scan: boolean) => Promise<T>,
  ): Promise<T> {
    const scan = this.unsureMarks.has(sheetName);
    try {
      const result = await this.run(sheetName, (context) => batch(context, scan));
      this.unsureMarks.delete(sheetName);
      return result;
    } catch (error) {
      this.unsureMarks.add(sheetName);
      throw error;
    }
  }

  /** Estimated request bytes of reading the rules this host recorded last time on the sheet. */
  private surveyBytes(sheetName: string): number {
    const expected = this.recordedMarks.get(sheetName) ?? [];
    return expected.reduce((n, id) => n + PROBE_OVERHEAD + id.length, 0);
  }

  async applyMarks(sheetName: string, plan: MarkPlan): Promise<ApplyResult> {
    const parts = plan.rules.flatMap((rule) => splitRule(rule, this.maxAddressLength));
    // Each add goes to the top of the priority list: adding the last part first leaves the
    // plan's order as the priority order.
    const addOrder = [...parts].reverse();
    const addBatches = batchBySize(
      addOrder,
      addBytes,
      this.payloadBudget,
      this.surveyBytes(sheetName),
    );
    return this.marksRun(sheetName, async (context, unsure) => {
      // 1: the survey, then the first adds (more syncs only past the payload budget).
      const [first = [], ...rest] = addBatches;
      const { survey, queued, retried } = await this.survey(context, sheetName, (sheet) =>
        first.map((part) => addPart(sheet, part)),
      );
      const { sheet, record, formats } = survey;
      const added = [...queued];
      for (const batch of rest) {
        for (const part of batch) added.push(addPart(sheet, part));
        await context.sync();
      }
      const newIds = added.map((format) => format.id).reverse(); // plan order
      // The survey saw the sheet before the adds: the new rules are not among what it finds.
      const old = await findOwned(context, survey, unsure || retried);

      // 2: delete the earlier rules and record the new ones.
      if (old.length === 0 && newIds.length === 0 && record.isNullObject) {
        this.recordedMarks.set(sheetName, []);
        return { rules: 0, replaced: 0 };
      }
      const deleteBatches = batchBySize(old, () => DELETE_OVERHEAD, this.payloadBudget);
      for (const batch of deleteBatches.slice(0, -1)) {
        for (const id of batch) formats.getItem(id).delete();
        await context.sync(); // only past the payload budget
      }
      for (const id of deleteBatches.at(-1) ?? []) formats.getItem(id).delete();
      if (newIds.length > 0) {
        const value: MarksRecord = { version: 1, ids: newIds };
        sheet.customProperties.add(MARKS_PROPERTY, JSON.stringify(value));
      } else if (!record.isNullObject) {
        record.delete();
      }
      await context.sync();
      this.recordedMarks.set(sheetName, newIds);
      return { rules: newIds.length, replaced: old.length };
    });
  }

  async clearMarks(sheetName: string): Promise<number> {
    return this.marksRun(sheetName, async (context, unsure) => {
      const { survey } = await this.survey(context, sheetName, () => undefined); // 1
      const old = await findOwned(context, survey, unsure);
      const { formats, record } = survey;
      if (old.length === 0 && record.isNullObject) {
        this.recordedMarks.set(sheetName, []);
        return 0;
      }
      const batches = batchBySize(old, () => DELETE_OVERHEAD, this.payloadBudget);
      for (const batch of batches.slice(0, -1)) {
        for (const id of batch) formats.getItem(id).delete();
        await context.sync(); // only past the payload budget
      }
      for (const id of batches.at(-1) ?? []) formats.getItem(id).delete();
      if (!record.isNullObject) record.delete();
      await context.sync(); // 2
      this.recordedMarks.set(sheetName, []);
      return old.length;
    });
  }

  async selectCell(sheetName: string, address: string): Promise<void> {
    await this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }

  /**
   * Syncs: 2 for a new sheet (names and protection; then add and write), 3 when the name is
   * taken and `replace` is not false (the owner properties of the taken names are loaded in
   * between), whatever the number of rows; one more per batch only when the content passes the
   * payload budget. With `replace: false` the sheet is always new, under the first free name: 2.
   */
  async writeSheet(
    name: string,
    content: SheetContent,
    options: WriteSheetOptions,
  ): Promise<string> {
    // Planned before Excel is called: a bad link or merge changes nothing in the workbook.
    const batches = batchBySize(
      planContentWrite(content, this.payloadBudget, this.maxAddressLength),
      (step) => step.bytes,
      this.payloadBudget,
    );
    return this.run(undefined, async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      const protection = context.workbook.protection;
      protection.load('protected');
      await context.sync(); // 1: names and structure protection

      const names = new Map(worksheets.items.map((s) => [sheetKey(s.name), s.name]));
      const chain = sheetNameChain(name, (candidate) => names.get(sheetKey(candidate)));
      let target = chain.free;
      let own: Excel.Worksheet | undefined;
      if (chain.taken.length > 0 && options.replace !== false) {
        const probes = chain.taken.map((taken) => {
          const sheet = worksheets.getItem(taken);
          const owner = sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY);
          owner.load('value');
          sheet.protection.load('protected');
          return { name: taken, sheet, owner };
        });
        await context.sync(); // 2: whose are the taken names (read only)
        const ours = probes.find((p) => ownerOf(p.owner) === options.owner);
        if (ours) {
          if (ours.sheet.protection.protected) throw sheetProtectedError(ours.name);
          target = ours.name;
          own = ours.sheet;
        }
      }
      if (!own && protection.protected) throw structureProtectedError(target);

      const sheet = own ?? worksheets.add(target); // a new sheet goes after the last one
      if (own) queueClearOwnSheet(own);
      sheet.customProperties.add(OWNER_PROPERTY, options.owner);
      // One batch unless the content passes the payload budget (then one sync per batch).
      for (const [i, batch] of batches.entries()) {
        for (const step of batch) step.queue(sheet);
        if (i < batches.length - 1) await context.sync();
      }
      if (options.activate) sheet.activate();
      await context.sync(); // last: the sheet and all its content
      return target;
    });
  }

  /**
   * Syncs: 2 — the record and every target's note (with, from this host's last call on the
   * sheet, the notes it recorded); then all adds, rewrites and deletes and the record. 1 when
   * nothing changes (e.g. an empty list and no record). 3 when the record names cells this host
   * did not expect (the first call on the sheet, or another instance changed it): their notes
   * are loaded in a sync of their own, since the record is read only in the first. One more per
   * batch only past the payload budget.
   */
  async setNotes(sheetName: string, notes: readonly CellNote[]): Promise<NotesResult> {
    if (!this.capabilities.notes) {
      throw new HostError(
        'unsupported',
        'This version of Excel cannot put notes on cells (ExcelApi 1.18: Microsoft 365 or Excel on the web).',
      );
    }
    const wanted = wantedNotes(notes);
    return this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const record = sheet.customProperties.getItemOrNullObject(NOTES_PROPERTY);
      record.load('value');
      const found = new Map<string, Excel.Note>();
      const probe = (cells: Iterable<string>) => {
        for (const cell of cells) {
          if (found.has(cell)) continue;
          const note = sheet.notes.getItemOrNullObject(cell);
          note.load('content');
          found.set(cell, note);
        }
      };
      probe(wanted.keys());
      probe(this.recordedNotes.get(sheetName) ?? []);
      await context.sync(); // 1: the record and the notes of the targets (and of the last record)
      const recorded = parseNotesRecord(record.isNullObject ? undefined : record.value);
      this.recordedNotes.set(sheetName, [...recorded.keys()]);
      const unseen = [...recorded.keys()].filter((cell) => !found.has(cell));
      if (unseen.length > 0) {
        probe(unseen);
        await context.sync(); // only when the record names cells not loaded in 1
      }
      const current = (cell: string): string | undefined => {
        const note = found.get(cell);
        return !note || note.isNullObject ? undefined : noteText(note.content);
      };

      const plan = planNotes(wanted, recorded, current);
      const note = (cell: string) => found.get(cell) as Excel.Note;
      const steps: { bytes: number; queue: () => void }[] = [
        ...plan.add.map(([cell, text]) => ({
          bytes: NOTE_OVERHEAD + cell.length + utf8Length(text),
          queue: () => sheet.notes.add(cell, text),
        })),
        ...plan.rewrite.map(([cell, text]) => ({
          bytes: NOTE_OVERHEAD + cell.length + utf8Length(text),
          queue: () => {
            note(cell).content = text;
          },
        })),
        ...plan.remove.map((cell) => ({
          bytes: NOTE_OVERHEAD + cell.length,
          queue: () => note(cell).delete(),
        })),
      ];

      const before = record.isNullObject ? undefined : record.value;
      const after = notesRecordValue(plan.next);
      if (steps.length > 0 || before !== after) {
        // The record last: it holds every note's text again, so it counts for the budget too.
        steps.push({
          bytes: NOTE_OVERHEAD + utf8Length(after ?? ''),
          queue: () => {
            if (after !== undefined) sheet.customProperties.add(NOTES_PROPERTY, after);
            else if (!record.isNullObject) record.delete();
          },
        });
        const batches = batchBySize(steps, (step) => step.bytes, this.payloadBudget);
        for (const batch of batches) {
          for (const step of batch) step.queue();
          await context.sync(); // 2: the notes and the record (more only past the payload budget)
        }
      }
      this.recordedNotes.set(sheetName, [...plan.next.keys()]);
      return {
        written: plan.add.length + plan.rewrite.length,
        removed: plan.remove.length,
        skipped: plan.skipped,
      };
    });
  }

  /**
   * Excel calls the handler for every change of the sheet's cells, also the add-in's own writes
   * (writeSheet on that sheet). From ExcelApi 1.14 those carry triggerSource "ThisLocalAddin"
   * and are dropped here; below it they reach the handler, and the caller ignores its own
   * changes (the interface asks it to). Conditional formats never fire it: they change no value.
   * Any changeType but "RangeEdited" (rows, columns or cells inserted or deleted, or "Unknown")
   * is reported as structural: cells may have moved.
   */
  async onSheetChanged(
    sheetName: string,
    handler: (change: SheetChange) => void,
  ): Promise<() => Promise<void>> {
    const registration = await this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const result = sheet.onChanged.add(async (event) => {
        if (event.triggerSource === 'ThisLocalAddin') return;
        handler({ addresses: [event.address], structural: event.changeType !== 'RangeEdited' });
      });
      await context.sync();
      return result;
    });
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      // A handler is removed in the request context that added it.
      await this.run(
        sheetName,
        async (context) => {
          registration.remove();
          await context.sync();
        },
        registration.context,
      );
    };
  }

  async loadSettings(): Promise<Readonly<Record<string, unknown>>> {
    const value: unknown = Office.context.document.settings.get(SETTINGS_KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  }

  async saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void> {
    const store = Office.context.document.settings;
    store.set(SETTINGS_KEY, { ...settings });
    await new Promise<void>((resolve, reject) => {
      store.saveAsync((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(
            new HostError(
              'office',
              `Excel could not save the settings with the workbook: ${result.error?.message ?? 'unknown error'}`,
            ),
          );
        } else {
          resolve();
        }
      });
    });
  }
}

/** Queues one conditional format (no sync): custom formula, colours, bold, symbol, stopIfTrue. */
function addPart(sheet: Excel.Worksheet, part: MarkPart): Excel.ConditionalFormat {
  const style = MARK_STYLES[part.rule.status];
  const format = sheet
    .getRanges(part.address)
    .conditionalFormats.add(Excel.ConditionalFormatType.custom);
  format.custom.rule.formula = part.formula;
  format.custom.format.fill.color = style.fill;
  format.custom.format.font.color = style.font;
  format.custom.format.font.bold = true;
  // ConditionalRangeFormat.numberFormat is one format code for the whole rule (a string, unlike
  // Range.numberFormat's 2-D array).
  if (part.rule.numberFormat) format.custom.format.numberFormat = part.rule.numberFormat;
  format.stopIfTrue = true;
  format.load('id');
  return format;
}
