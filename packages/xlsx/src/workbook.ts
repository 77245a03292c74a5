/**
 * Reading a workbook: the package, the sheet list, and sheets parsed on demand.
 */
import type { Grid, Result } from '@chitieu/engine';
import { type FormatContext, isDateFormat } from '@chitieu/engine';
import { fail, toXlsxError, type XlsxError } from './errors.js';
import { KEPT_SHEET_TEXT, type ReadLimits, type ReadOptions, resolveLimits } from './limits.js';
import {
  packageRelationships,
  parseSharedStrings,
  parseStyles,
  parseWorkbook,
  type Relationship,
  relsPartFor,
  type SheetState,
  type StylesPart,
  typeIs,
} from './parts.js';
import {
  type MalformedCell,
  type ParsedSheet,
  parseWorksheet,
  type SharedStringSource,
} from './sheet.js';
import { openPackage, parsedPart, type XlsxPackage } from './zip.js';

export interface SheetInfo {
  readonly name: string;
  /** The 0-based position of the sheet among all the workbook's sheets (tab order). */
  readonly index: number;
  readonly state: SheetState;
  /** The worksheet part, e.g. "xl/worksheets/sheet1.xml" ("" when the workbook does not say). */
  readonly part: string;
}

export interface SheetData {
  readonly name: string;
  readonly index: number;
  readonly state: SheetState;
  readonly grid: Grid;
  /**
   * The cells that could not be read as stored (a bad reference, a shared-string index out of
   * range, a number that is not one, an unknown type): each is in `grid` as an invalid value at
   * its address, and the rest of the sheet is read. Empty for a sound sheet.
   */
  readonly malformed: readonly MalformedCell[];
}

export interface WorkbookData {
  readonly sheets: readonly SheetData[];
}

/** The engine's result shape (zod's): `{ success: true, data }` or `{ success: false, error }`. */
export type ReadResult = Result<WorkbookData, XlsxError>;
export type SheetResult = Result<SheetData, XlsxError>;
export type ListResult = Result<readonly SheetInfo[], XlsxError>;
export type OpenResult = Result<WorkbookReader, XlsxError>;

/** An opened workbook: the sheet list is known, sheet data is parsed only when asked for. */
export interface WorkbookReader {
  /** The zip package (entries, bytes), for tools that need more than cells. */
  readonly package: XlsxPackage;
  /** The workbook part, normally "xl/workbook.xml". */
  readonly workbookPart: string;
  /**
   * The styles part, as the workbook's relationships name it (normally "xl/styles.xml");
   * undefined when it has none.
   */
  readonly stylesPart: string | undefined;
  /** The worksheets in tab order (chart sheets and macro sheets are left out). */
  readonly sheets: readonly SheetInfo[];
  /** Whether dates count from 1904 (old Mac workbooks). */
  readonly date1904: boolean;
  /** Parses one worksheet, by name (exact, then case-insensitive) or `SheetInfo`. */
  readSheet(sheet: string | SheetInfo): SheetResult;
}

const WORKBOOK_PART = 'xl/workbook.xml';

/** Fails with what the zip is, when it is not a workbook. */
function notAWorkbook(pkg: XlsxPackage): never {
  const kind = pkg.has('xl/workbook.bin')
    ? 'xlsb'
    : pkg.has('word/document.xml')
      ? 'docx'
      : pkg.has('ppt/presentation.xml')
        ? 'pptx'
        : pkg.has('content.xml') && pkg.has('mimetype')
          ? 'ods'
          : 'other';
  fail({ code: 'not-a-workbook', kind });
}

interface Styles {
  readonly styles: StylesPart;
  /** Whether each cell format of `styles` is a date format. */
  readonly dateStyles: readonly boolean[];
}

function readStyles(text: string, part: string): Styles {
  const styles = parseStyles(text, part);
  const dateStyles: boolean[] = [];
  for (const code of styles.cellFormats) dateStyles.push(isDateFormat(code));
  return { styles, dateStyles };
}

function findWorkbookPart(pkg: XlsxPackage): string {
  if (pkg.has('_rels/.rels')) {
    const rels = packageRelationships(pkg, '_rels/.rels', '');
    const main = rels.find((rel) => !rel.external && typeIs(rel.type, 'officeDocument'));
    if (main !== undefined && pkg.has(main.target)) {
      if (main.target.toLowerCase().endsWith('.bin')) notAWorkbook(pkg);
      return main.target;
    }
  }
  if (pkg.has(WORKBOOK_PART)) return WORKBOOK_PART;
  notAWorkbook(pkg);
}

class Reader implements WorkbookReader, SharedStringSource {
  readonly package: XlsxPackage;
  readonly workbookPart: string;
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  readonly stylesPart: string | undefined;
  private readonly options: ReadOptions;
  private readonly limits: ReadLimits;
  private readonly format: FormatContext;
  private readonly sharedStringsPart: string | undefined;
  private sharedStrings: readonly string[] | undefined;
  private styles: StylesPart | undefined;
  /** Whether each cell format of `styles` is a date format. */
  private dateStyles: readonly boolean[] = [];
  /** Where each worksheet part read has its places (`locate`), by part name. */
  private readonly places = new Map<string, SheetPlaces>();
  /** The text of each worksheet part read, when the options keep them (`keepSheetTexts`). */
  private readonly texts = new Map<string, string>();
  /** How many more characters of sheet text may be kept. */
  private textRoom: number;

  constructor(pkg: XlsxPackage, options: ReadOptions, limits: ReadLimits) {
    this.package = pkg;
    this.options = options;
    this.limits = limits;
    const keep = options.keepSheetTexts;
    this.textRoom =
      keep === true ? KEPT_SHEET_TEXT : typeof keep === 'number' && keep > 0 ? keep : 0;
    const workbookPart = findWorkbookPart(pkg);
    this.workbookPart = workbookPart;
    const workbook = parsedPart(pkg, workbookPart, `workbook\u0000${workbookPart}`, (text) =>
      parseWorkbook(text, workbookPart),
    );
    this.date1904 = workbook.date1904;
    this.format = {
      decimalSeparator: options.decimalSeparator === '.' ? '.' : ',',
      date1904: workbook.date1904,
    };

    const relsPart = relsPartFor(workbookPart);
    const rels: readonly Relationship[] = pkg.has(relsPart)
      ? packageRelationships(pkg, relsPart, workbookPart)
      : [];
    const byId = new Map(rels.map((rel) => [rel.id, rel]));
    const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
    const conventional = (name: string): string | undefined =>
      pkg.has(folder + name) ? folder + name : undefined;
    const related = (type: string, fallback: string): string | undefined => {
      const rel = rels.find((x) => !x.external && typeIs(x.type, type));
      return rel !== undefined ? rel.target : conventional(fallback);
    };
    this.sharedStringsPart = related('sharedStrings', 'sharedStrings.xml');
    this.stylesPart = related('styles', 'styles.xml');

    const sheets: SheetInfo[] = [];
    workbook.sheets.forEach((sheet, index) => {
      const rel = byId.get(sheet.relId);
      let part = '';
      if (rel !== undefined) {
        if (!typeIs(rel.type, 'worksheet')) return; // a chart sheet, dialog sheet or macro sheet
        part = rel.target;
      } else if (rels.length === 0) {
        part = conventional(`worksheets/sheet${index + 1}.xml`) ?? '';
      }
      sheets.push({ name: sheet.name, index, state: sheet.state, part });
    });
    this.sheets = sheets;
  }

  /**
   * The shared strings, parsed when a sheet first needs them (`SharedStringSource`). Parsed for
   * each workbook, not kept across workbooks as the parts below are: two submissions share their
   * styles and relationships, never what was typed in them.
   */
  sharedStringList(): readonly string[] {
    if (this.sharedStrings === undefined) {
      const part = this.sharedStringsPart;
      this.sharedStrings =
        part !== undefined && this.package.has(part)
          ? parseSharedStrings(this.package.text(part), part)
          : [];
    }
    return this.sharedStrings;
  }

  /** The styles part as read (`parseStyles`), read once; empty when there is none. */
  loadStyles(): StylesPart {
    if (this.styles === undefined) {
      const part = this.stylesPart;
      const read =
        part !== undefined && this.package.has(part)
          ? parsedPart(this.package, part, `styles\u0000${part}`, (text) => readStyles(text, part))
          : { styles: { cellFormats: [], places: new Map(), end: undefined }, dateStyles: [] };
      this.styles = read.styles;
      this.dateStyles = read.dateStyles;
    }
    return this.styles;
  }

  find(sheet: string | SheetInfo): SheetInfo | undefined {
    if (typeof sheet !== 'string')
      return this.sheets.find((s) => s.index === sheet.index && s.name === sheet.name);
    const exact = this.sheets.find((s) => s.name === sheet);
    if (exact !== undefined) return exact;
    const lower = sheet.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  readSheet(sheet: string | SheetInfo): SheetResult {
    const info = this.find(sheet);
    if (info === undefined) {
      const name = typeof sheet === 'string' ? sheet : sheet.name;
      return { success: false, error: { code: 'no-such-sheet', sheet: name } };
    }
    try {
      return { success: true, data: this.parse(info) };
    } catch (thrown) {
      const error = toXlsxError(thrown);
      return {
        success: false,
        error: error.sheet === undefined ? { ...error, sheet: info.name } : error,
      };
    }
  }

  /**
   * Reads the sheet's part as `readSheet` does, token for token, without making cells: where new
   * conditional formats go in it, and the largest cell format index it uses.
   */
  locate(info: SheetInfo): SheetPlaces {
    return this.places.get(info.part) ?? this.parseParts(info, true);
  }

  /** A worksheet part's text: kept from its reading (`keepSheetTexts`), or read now. */
  sheetText(part: string): string {
    return this.texts.get(part) ?? this.package.text(part);
  }

  private parseParts(info: SheetInfo, locateOnly: boolean): ParsedSheet {
    if (info.part === '') {
      fail({ code: 'missing-part', reason: 'sheet-part-unknown', sheet: info.name });
    }
    if (!this.package.has(info.part)) {
      fail({
        code: 'missing-part',
        reason: 'sheet-part-missing',
        sheet: info.name,
        part: info.part,
      });
    }
    const styles = locateOnly ? { cellFormats: [] } : this.loadStyles();
    const text = this.sheetText(info.part);
    const parsed = parseWorksheet(text, info.part, {
      sheetName: info.name,
      sharedStrings: this,
      cellFormats: styles.cellFormats,
      dateStyles: locateOnly ? [] : this.dateStyles,
      format: this.format,
      limits: this.limits,
      keepEmptyStyledCells: this.options.keepEmptyStyledCells === true,
      locateOnly,
    });
    // Its places are the same however it was read (a test compares them): found once.
    this.places.set(info.part, {
      conditionalFormattingAt: parsed.conditionalFormattingAt,
      maxStyle: parsed.maxStyle,
    });
    if (text.length <= this.textRoom && !this.texts.has(info.part)) {
      this.texts.set(info.part, text);
      this.textRoom -= text.length;
    }
    return parsed;
  }

  parse(info: SheetInfo): SheetData {
    const parsed = this.parseParts(info, false);
    const grid: Grid = { name: info.name, rows: parsed.rows, merges: parsed.merges };
    return {
      name: info.name,
      index: info.index,
      state: info.state,
      grid,
      malformed: parsed.malformed,
    };
  }
}

/** Where new things go in a worksheet part, as its reading finds them. */
export type SheetPlaces = Pick<ParsedSheet, 'conditionalFormattingAt' | 'maxStyle'>;

/**
 * `Reader.locate` of a reader `openWorkbook` made (for the annotation): the places of a sheet
 * the reader has read already, else found now. Throws for a bad sheet.
 */
export function locateSheet(reader: WorkbookReader, info: SheetInfo): SheetPlaces {
  return (reader as Reader).locate(info);
}

/**
 * The styles part of a reader `openWorkbook` made (for the annotation), as it read them for its
 * sheets (`parseStyles`, once, and shared by the workbooks that store the same bytes for it).
 */
export function readerStyles(reader: WorkbookReader): StylesPart {
  return (reader as Reader).loadStyles();
}

/** A worksheet part's text, as the reader `openWorkbook` made has it (kept) or reads it now. */
export function sheetPartText(reader: WorkbookReader, part: string): string {
  return (reader as Reader).sheetText(part);
}

/** Whether `reader` is one `openWorkbook` made of these very bytes. */
export function readerOf(reader: WorkbookReader, data: Uint8Array): boolean {
  return reader instanceof Reader && reader.package.data === data;
}

/** Opens a workbook: checks the package and reads the sheet list; no sheet data is parsed. */
export function openWorkbook(data: Uint8Array, options: ReadOptions = {}): OpenResult {
  try {
    const limits = resolveLimits(options);
    const pkg = openPackage(data, limits);
    return { success: true, data: new Reader(pkg, options, limits) };
  } catch (thrown) {
    return { success: false, error: toXlsxError(thrown) };
  }
}

/** The workbook's worksheets (name, position, visibility) without parsing their data. */
export function listSheets(data: Uint8Array, options: ReadOptions = {}): ListResult {
  const opened = openWorkbook(data, options);
  return opened.success ? { success: true, data: opened.data.sheets } : opened;
}

/**
 * Reads a workbook into cell grids: every worksheet in tab order (hidden ones included, with their
 * state), or only those named in `options.sheets`. Never throws for bad input.
 */
export function readWorkbook(data: Uint8Array, options: ReadOptions = {}): ReadResult {
  const opened = openWorkbook(data, options);
  if (!opened.success) return opened;
  const reader = opened.data;
  let wanted: readonly SheetInfo[] = reader.sheets;
  if (options.sheets !== undefined) {
    const picked = new Set<SheetInfo>();
    for (const name of options.sheets) {
      const info = (reader as Reader).find(name);
      if (info !== undefined) picked.add(info);
    }
    wanted = reader.sheets.filter((s) => picked.has(s));
  }
  const sheets: SheetData[] = [];
  for (const info of wanted) {
    const result = reader.readSheet(info);
    if (!result.success) return result;
    sheets.push(result.data);
  }
  return { success: true, data: { sheets } };
}
