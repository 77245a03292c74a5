/**
 * A new worksheet from the engine's plain sheet content (SheetContent): the worksheet part's XML
 * and the cell styles it uses, appended to the workbook's styles.xml. The same content the add-in
 * writes through Office.js, so the report sheet looks the same from the command line.
 *
 * Styles: one cellXfs entry per distinct combination of font (bold, italic, colour, on the
 * workbook's default font), fill, border (thin on all sides, for the cells of `bordered`),
 * alignment (horizontal, wrap; always vertical top, so the cells of a row with wrapped text line
 * up at the top) and number format (built-in ids for the built-in codes, custom ones appended
 * with fresh ids). Only what the content uses is added; the workbook's own styles are untouched.
 * Everything is in the content's order, so the same content gives the same bytes.
 *
 * The report of a large sheet is tens of megabytes of XML (the 2,000 × 80 benchmark's: 34 MB,
 * 340,000 cells), so it is made in two passes that make no string of the whole: the cells and
 * their looks first (flat, in typed arrays), then, once the styles are known, the XML as UTF-8
 * chunks (`contentSheetParts`), which the annotated copy deflates as they come.
 */
import {
  areaAddress,
  type ContentCell,
  columnName,
  fromA1,
  EXCEL_MAX_COLUMN as MAX_COLUMN,
  EXCEL_MAX_ROW as MAX_ROW,
  type MergedArea,
  type SheetContent,
  toA1,
} from '@chitieu/engine';
import { parseStyles, type StylesPart } from '../parts.js';
import { END, EOF, START, XmlReader } from '../xml.js';
import { XmlBytes } from './bytes.js';
import {
  appendToCollections,
  type CollectionAddition,
  collectionCount,
  escapeAttribute,
  escapeXml,
  maxNumFmtId,
  quoteSheet,
  rootPrefix,
} from './parts.js';
import { SEGMENT } from './zip-writer.js';

export interface ContentSheetOptions {
  /** The first free custom number-format id (default: after the largest in styles.xml). */
  readonly nextNumFmtId?: number;
  /**
   * The least index the new cell formats may take (default 0): the workbook's sheets refer to
   * formats below it, so the styles get default ones up to it first.
   */
  readonly firstCellFormat?: number;
  /** The styles part's name, for errors (default "xl/styles.xml"). */
  readonly part?: string;
  /** Bytes per chunk of `contentSheetParts` (at least; default the zip writer's segment, 1 MB). */
  readonly chunkBytes?: number;
  /**
   * Print on A4 landscape, one page wide (as many pages down as it takes). The rows to repeat at
   * the top of every page are the workbook's `_xlnm.Print_Titles` name, which the caller writes.
   */
  readonly printable?: boolean;
  /**
   * Give each row with wrapped text the height its lines take in its columns (merged ones
   * summed), as Excel does when it fits rows on typing but does not for a file it opens.
   */
  readonly fitRows?: boolean;
}

/** A row's height in points for one line of the default 11-point font. */
const LINE_HEIGHT = 15;

/**
 * How many lines a wrapped text takes in a width of `width` characters: each paragraph in
 * lines of about `width - 1` characters (the cell's padding), a tenth more for the words that do
 * not fill a line.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width - 1));
  let lines = 0;
  // Each paragraph (between line feeds) by its length, without making it.
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    lines += Math.max(1, Math.ceil((length * 1.1) / perLine));
    if (end < 0) return lines;
    start = end + 1;
  }
}

export interface ContentSheet {
  /** styles.xml with the styles of the sheet appended. */
  readonly styles: string;
  /** The worksheet part. */
  readonly sheetXml: string;
  /** The next free custom number-format id after the ones the sheet added. */
  readonly nextNumFmtId: number;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Built-in number formats with the same code in every locale: no numFmt needed. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

/** What one written cell looks like: everything its cellXfs entry is made of. */
interface CellLook {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly color: string | undefined;
  readonly fill: string | undefined;
  readonly border: boolean;
  readonly align: ContentCell['align'];
  readonly wrap: boolean;
  readonly numberFormat: string | undefined;
}

function invalid(what: string): Error {
  return new Error(`invalid sheet content: ${what}`);
}

/** "#D9E2F3" → "FFD9E2F3". */
export function argb(hex: string): string {
  const m = /^#?([0-9A-Fa-f]{6})$/.exec(hex);
  if (!m) throw invalid(`colour ${JSON.stringify(hex)}`);
  return `FF${(m[1] as string).toUpperCase()}`;
}

function checkArea(area: MergedArea, what: string): void {
  const ok =
    [area.top, area.left, area.bottom, area.right].every(Number.isInteger) &&
    area.top >= 0 &&
    area.left >= 0 &&
    area.bottom >= area.top &&
    area.right >= area.left &&
    area.bottom <= MAX_ROW &&
    area.right <= MAX_COLUMN;
  if (!ok) throw invalid(`${what} ${JSON.stringify(area)}`);
}

/** An A1 address as written ("$k$13" → "K13"), and its cell; throws for anything else. */
function a1(address: string, what: string): { ref: string; row: number; column: number } {
  // The usual case, "K13" as written (1–3 capitals, a row without leading zeros): read here.
  const n = address.length;
  let i = 0;
  let column = 0;
  for (; i < n && i < 3; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    column = column * 26 + ch - 64;
  }
  const first = i > 0 && n - i <= 7 ? address.charCodeAt(i) : 0;
  if (first >= 49 && first <= 57) {
    let row = 0;
    let j = i;
    for (; j < n; j++) {
      const d = address.charCodeAt(j);
      if (d < 48 || d > 57) break;
      row = row * 10 + d - 48;
    }
    if (j === n && row - 1 <= MAX_ROW && column - 1 <= MAX_COLUMN)
      return { ref: address, row: row - 1, column: column - 1 };
  }
  const at = fromA1(address);
  if (!at || at.row > MAX_ROW || at.column > MAX_COLUMN)
    throw invalid(`${what} ${JSON.stringify(address)}`);
  return { ref: toA1(at.row, at.column), row: at.row, column: at.column };
}

/**
 * The children of the workbook's first font (the default), without bold and italic: written anew
 * from what the reader reads of them (element names and attribute values, escaped), so a damaged
 * font in the workbook cannot damage the fonts added after it.
 */
function baseFontBody(styles: string, p: string, part: string, parsed: StylesPart): string {
  const fallback = `<${p}sz val="11"/><${p}name val="Calibri"/>`;
  const place = parsed.places.get('fonts');
  if (place === undefined || place.close === undefined) return fallback;
  const r = new XmlReader(styles.slice(0, place.close), part);
  r.pos = place.openEnd;
  let k = r.next();
  while (k !== EOF && !(k === START && r.is('font'))) {
    if (k === START) r.skipElement();
    k = r.next();
  }
  if (k === EOF) return fallback;
  if (r.selfClosing) return '';
  let body = '';
  for (k = r.next(); k !== EOF && k !== END; k = r.next()) {
    if (k !== START) continue;
    if (!r.is('b') && !r.is('i')) {
      const qualified = r.src.slice(r.src.lastIndexOf('<', r.nameStart) + 1, r.nameEnd);
      let attrs = '';
      while (r.nextAttr()) attrs += ` ${r.attrName}="${escapeAttribute(r.attrValue())}"`;
      body += `<${qualified}${attrs}/>`;
    }
    r.skipElement();
  }
  return body;
}

/**
 * What is added to a collection of styles.xml that must start with `defaults` (fills: none and
 * gray125; …) for `children` to be added: when the workbook has fewer, the missing defaults
 * first (then, up to `minIndex`, copies of the first); and the index the first child gets.
 */
function styleAddition(
  styles: StylesPart,
  collection: string,
  children: readonly string[],
  defaults: readonly string[],
  minIndex = 0,
): { addition: CollectionAddition; firstIndex: number } {
  const existing = collectionCount(styles, collection);
  const first = Math.max(defaults.length, minIndex);
  if (existing >= first) {
    return children.length > 0
      ? { addition: { collection, children }, firstIndex: existing }
      : { addition: { collection, children, placeOnly: true }, firstIndex: 0 };
  }
  const padding: string[] = [];
  for (let i = existing; i < first; i++) padding.push(defaults[i] ?? (defaults[0] as string));
  return { addition: { collection, children: [...padding, ...children] }, firstIndex: first };
}

/** Two cells with the same look (the same CellLook from `lookOf`, whatever their values). */
function sameLook(a: ContentCell, b: ContentCell): boolean {
  return (
    (a.bold === true) === (b.bold === true) &&
    (a.italic === true) === (b.italic === true) &&
    (a.wrap === true) === (b.wrap === true) &&
    a.color === b.color &&
    a.fill === b.fill &&
    a.align === b.align &&
    (a.numberFormat || undefined) === (b.numberFormat || undefined)
  );
}

/** `list` in one twice as long. */
function grown(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(list.length * 2);
  out.set(list);
  return out;
}

/** Distinct values in first-seen order, with their positions. */
class Distinct<T> {
  readonly items: T[] = [];
  private readonly index = new Map<string, number>();
  id(key: string, item: () => T): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(key, i);
      this.items.push(item());
    }
    return i;
  }
}

/**
 * Bytes of XML per chunk `ContentSheetParts.chunks` yields (at least; rows are not split): the zip
 * writer's segment, so each chunk is deflated as it is.
 */
const CHUNK_BYTES = SEGMENT;
/**
 * The first buffer a sheet's XML is gathered in; it grows (doubling) as the sheet's rows come, up
 * to a chunk and a row. A department's report sheet is some tens of kilobytes: a chunk's whole
 * megabyte for each, allocated and zeroed, was 75 ms of the 4.7 s of CPU of a 600-workbook --out
 * run (now 3 ms).
 */
const FIRST_BYTES = 64 * 1024;

/** ASCII text as its bytes. */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
const ROW_OPEN = asciiBytes('<row r="');
const TAG_END = asciiBytes('">');
const ROW_CLOSE = asciiBytes('</row>');
const CELL_OPEN = asciiBytes('<c r="');
const NUMBER_CLOSE = asciiBytes('</v></c>');
const TEXT_CLOSE = asciiBytes('</t></is></c>');
const END_TAG = '</worksheet>';

/**
 * What a workbook's sheet may add around its content (`writeWorkbook`'s extras), put in place as
 * the chunks are made: the same bytes as editing the whole XML afterwards, without that XML.
 */
export interface SheetExtras {
  /** The part before the first row (sheetPr, dimension, views, format, columns), edited. */
  readonly head?: (head: string) => string;
  /**
   * Heights in points by 0-based row of the content, for written rows without a height of their
   * own (`fitRows`): `<row r="N" ht="…" customHeight="1">`.
   */
  readonly rowHeights?: readonly (number | undefined)[];
  /** Right after the sheet data (an autoFilter). */
  readonly afterData?: string;
  /** After the merged cells, before the links or the page margins (conditional formats). */
  readonly beforeLinks?: string;
  /** Before the end tag of the worksheet (a page setup). */
  readonly beforeEnd?: string;
}

export interface ContentSheetParts {
  /** styles.xml with the styles of the sheet appended. */
  readonly styles: string;
  /** The next free custom number-format id after the ones the sheet added. */
  readonly nextNumFmtId: number;
  /**
   * The worksheet part as UTF-8, in order, in chunks of about 1 MB that end between elements:
   * made as they are asked for, so the whole part is never held, as text or as bytes. Each chunk
   * is valid until the next is asked for (its bytes are then written over). May be walked more
   * than once (the same bytes). With `extras`, the part has them in their places.
   */
  chunks(extras?: SheetExtras): Iterable<Uint8Array>;
}

/**
 * The worksheet XML for `content`, and `styles` (a styles.xml) with the styles it uses appended.
 * Numbers are written as numbers (non-finite ones as empty cells), text as inline strings.
 * Throws for content that cannot be written: a merge, border area or link outside the sheet, an
 * A1 address that is not one, a colour that is not #RRGGBB.
 */
export function contentSheet(
  styles: string,
  content: SheetContent,
  options: ContentSheetOptions = {},
): ContentSheet {
  const parts = contentSheetParts(styles, content, options);
  const decoder = new TextDecoder();
  let sheetXml = '';
  for (const chunk of parts.chunks()) sheetXml += decoder.decode(chunk, { stream: true });
  sheetXml += decoder.decode();
  return { styles: parts.styles, sheetXml, nextNumFmtId: parts.nextNumFmtId };
}

/**
 * `contentSheet` with the worksheet XML as chunks, made when walked: what the annotated copy
 * deflates as it goes. Everything that can fail is checked here, before any chunk: walking the
 * chunks does not throw.
 */
export function contentSheetParts(
  styles: string,
  content: SheetContent,
  options: ContentSheetOptions = {},
): ContentSheetParts {
  const p = rootPrefix(styles, 'styleSheet');
  const part = options.part ?? 'xl/styles.xml';
  const rows = content.rows;

  // Content that cannot be written: rows or cells beyond the sheet, then bordered areas.
  for (let r = MAX_ROW + 1; r < rows.length; r++)
    if (r in rows) throw invalid(`more than ${MAX_ROW + 1} rows`);
  for (let r = 0; r < rows.length && r <= MAX_ROW; r++) {
    const row = rows[r];
    if (row === undefined || row.length <= MAX_COLUMN + 1) continue;
    for (let c = MAX_COLUMN + 1; c < row.length; c++)
      if (c in row && row[c] !== undefined) throw invalid(`more than ${MAX_COLUMN + 1} columns`);
  }
  const areas = content.bordered ?? [];
  for (const area of areas) checkArea(area, 'bordered area');

  // Styles: each part of a look once, in the order first used.
  const parsed = parseStyles(styles, part);
  const base = baseFontBody(styles, p, part, parsed);
  const fonts = new Distinct<string>();
  const fills = new Distinct<string>();
  const borders = new Distinct<string>();
  const numFmts = new Map<string, number>();
  let nextNumFmtId = options.nextNumFmtId ?? maxNumFmtId(styles) + 1;
  const numFmtId = (code: string): number => {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    const id = numFmts.get(code) ?? nextNumFmtId++;
    numFmts.set(code, id);
    return id;
  };

  // The cells to write, row by row and column by column: the content's, and every cell of a
  // bordered area; each with its look (the index of a distinct CellLook, in first-seen order).
  // Kept flat, in typed arrays (no garbage to scan): written row k has cells rowEnd[k - 1] …
  // rowEnd[k] - 1; their values are read from the content again when written.
  const looks: CellLook[] = [];
  const lookByKey = new Map<number | string, number>();
  const idIn = <K>(map: Map<K, number>, value: K): number => {
    let id = map.get(value);
    if (id === undefined) {
      id = map.size + 1;
      map.set(value, id);
    }
    return id;
  };
  // Values of a look as small ids, for its key: ARGB colours (fill and font colour share them),
  // alignments and number formats; 0 for none.
  const hexIds = new Map<string, number>();
  const argbIds = new Map<string, number>();
  const colourArgb = new Map<string, string>();
  const colourId = (hex: string): number => {
    let id = hexIds.get(hex);
    if (id === undefined) {
      const value = argb(hex);
      colourArgb.set(hex, value);
      // The same ARGB from another spelling ("#d9e2f3") has the same id.
      id = idIn(argbIds, value);
      hexIds.set(hex, id);
    }
    return id;
  };
  const alignIds = new Map<unknown, number>();
  const formatIds = new Map<string, number>();
  const lookOf = (cell: ContentCell | undefined, border: boolean): number => {
    const bold = cell?.bold === true;
    const italic = cell?.italic === true;
    const wrap = cell?.wrap === true;
    const color = cell?.color === undefined ? 0 : colourId(cell.color);
    const fill = cell?.fill === undefined ? 0 : colourId(cell.fill);
    const align = cell?.align;
    const alignId = align === undefined ? 0 : idIn(alignIds, align);
    const numberFormat = cell?.numberFormat || undefined;
    const formatId = numberFormat === undefined ? 0 : idIn(formatIds, numberFormat);
    const flags = (bold ? 1 : 0) | (italic ? 2 : 0) | (border ? 4 : 0) | (wrap ? 8 : 0);
    // A small integer while the ids are small (no string to make per cell), else a string.
    const key: number | string =
      alignId < 8 && color < 64 && fill < 64 && formatId < 1024
        ? flags | (alignId << 4) | (color << 7) | (fill << 13) | (formatId << 19)
        : `${flags}|${alignId}|${color}|${fill}|${formatId}`;
    let look = lookByKey.get(key);
    if (look === undefined) {
      look = looks.length;
      lookByKey.set(key, look);
      looks.push({
        bold,
        italic,
        color: cell?.color === undefined ? undefined : colourArgb.get(cell.color),
        fill: cell?.fill === undefined ? undefined : colourArgb.get(cell.fill),
        border,
        align,
        wrap,
        numberFormat,
      });
    }
    return look;
  };

  const lastCell: (ContentCell | undefined)[] = [];
  const lastBorder: boolean[] = [];
  const lastLook: number[] = [];
  const rowIndex: number[] = [];
  const rowEnd: number[] = [];
  let cellColumn = new Int32Array(1 << 12);
  let cellLook = new Int32Array(1 << 12);
  let cells = 0;
  let lastColumn = 0;
  // Bordered areas by top row; the ones over the current row.
  const byTop = areas.map((_, i) => i).sort((a, b) => (areas[a]?.top ?? 0) - (areas[b]?.top ?? 0));
  let nextArea = 0;
  let active: MergedArea[] = [];
  let lastRow = Math.min(rows.length, MAX_ROW + 1) - 1;
  for (const area of areas) lastRow = Math.max(lastRow, area.bottom);
  for (let r = 0; r <= lastRow; r++) {
    while (nextArea < byTop.length && (areas[byTop[nextArea] as number] as MergedArea).top <= r)
      active.push(areas[byTop[nextArea++] as number] as MergedArea);
    if (active.length > 0 && active.some((a) => a.bottom < r))
      active = active.filter((a) => a.bottom >= r);
    const row = rows[r];
    let end = row === undefined ? 0 : row.length;
    for (const a of active) if (a.right + 1 > end) end = a.right + 1;
    const first = cells;
    for (let c = 0; c < end; c++) {
      const cell = row === undefined ? undefined : row[c];
      let border = false;
      for (let k = 0; k < active.length; k++) {
        const a = active[k] as MergedArea;
        if (a.left <= c && c <= a.right) {
          border = true;
          break;
        }
      }
      if (cell === undefined && !border) continue;
      if (cells === cellColumn.length) {
        cellColumn = grown(cellColumn);
        cellLook = grown(cellLook);
      }
      cellColumn[cells] = c;
      // Cells of a column mostly look like the one above them (a table's rows): the same look
      // without working it out again.
      const above = lastCell[c];
      let look: number;
      if (
        above !== undefined &&
        cell !== undefined &&
        lastBorder[c] === border &&
        (above === cell || sameLook(above, cell))
      ) {
        look = lastLook[c] as number;
      } else {
        look = lookOf(cell, border);
        lastCell[c] = cell;
        lastBorder[c] = border;
        lastLook[c] = look;
      }
      cellLook[cells++] = look;
      if (c > lastColumn) lastColumn = c;
    }
    if (cells > first) {
      rowIndex.push(r);
      rowEnd.push(cells);
    }
  }

  // One font, fill, border, number format and xf per distinct look.
  const xfs = looks.map((look) => {
    const plainFont = !look.bold && !look.italic && look.color === undefined;
    const fontBody = look.color
      ? base.replace(new RegExp(`<${p}color\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}color>)`, 'g'), '')
      : base;
    const font = plainFont
      ? -1
      : fonts.id(
          `${look.bold}|${look.italic}|${look.color ?? ''}`,
          () =>
            `<${p}font>${look.bold ? `<${p}b/>` : ''}${look.italic ? `<${p}i/>` : ''}${
              look.color ? `<${p}color rgb="${look.color}"/>` : ''
            }${fontBody}</${p}font>`,
        );
    const fill =
      look.fill === undefined
        ? -1
        : fills.id(
            look.fill,
            () =>
              `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${look.fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
          );
    const thin = (side: string) =>
      `<${p}${side} style="thin"><${p}color indexed="64"/></${p}${side}>`;
    const border = look.border
      ? borders.id(
          'thin',
          () =>
            `<${p}border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<${p}diagonal/></${p}border>`,
        )
      : -1;
    const numFmt = look.numberFormat === undefined ? 0 : numFmtId(look.numberFormat);
    return { look, font, fill, border, numFmt };
  });

  // What each collection gets, from one reading of the styles, added in one pass.
  const additions: CollectionAddition[] = [];
  const append = (collection: string, children: readonly string[], defaults: readonly string[]) => {
    const planned = styleAddition(
      parsed,
      collection,
      children,
      defaults,
      collection === 'cellXfs' ? (options.firstCellFormat ?? 0) : 0,
    );
    additions.push(planned.addition);
    return planned.firstIndex;
  };
  append(
    'numFmts',
    [...numFmts].map(
      ([code, id]) => `<${p}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
    ),
    [],
  );
  const plainFont = `<${p}font>${base}</${p}font>`;
  const fontBase = append('fonts', fonts.items, [plainFont]);
  const fillBase = append('fills', fills.items, [
    `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`,
    `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
  ]);
  const borderBase = append('borders', borders.items, [
    `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`,
  ]);
  const xfBase = append(
    'cellXfs',
    xfs.map(({ look, font, fill, border, numFmt }) => {
      const attrs = [
        `numFmtId="${numFmt}"`,
        `fontId="${font < 0 ? 0 : fontBase + font}"`,
        `fillId="${fill < 0 ? 0 : fillBase + fill}"`,
        `borderId="${border < 0 ? 0 : borderBase + border}"`,
        'xfId="0"',
        ...(numFmt !== 0 ? ['applyNumberFormat="1"'] : []),
        ...(font >= 0 ? ['applyFont="1"'] : []),
        ...(fill >= 0 ? ['applyFill="1"'] : []),
        ...(border >= 0 ? ['applyBorder="1"'] : []),
        'applyAlignment="1"',
      ];
      const alignment = [
        ...(look.align ? [`horizontal="${look.align}"`] : []),
        'vertical="top"',
        ...(look.wrap ? ['wrapText="1"'] : []),
      ];
      return `<${p}xf ${attrs.join(' ')}><${p}alignment ${alignment.join(' ')}/></${p}xf>`;
    }),
    [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`],
  );
  const out = appendToCollections(styles, p, additions, part, parsed).xml;

  // Merges (a 1 × 1 merge is nothing), column widths, frozen rows, links.
  const merges: string[] = [];
  for (const area of content.merges ?? []) {
    checkArea(area, 'merged area');
    if (area.top === area.bottom && area.left === area.right) continue;
    merges.push(`<mergeCell ref="${areaAddress(area)}"/>`);
  }
  const cols: string[] = [];
  const widths = content.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    const w = widths[c] as number;
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    if (Number.isFinite(w) && w > 0)
      cols.push(`<col min="${c + 1}" max="${end}" width="${w}" customWidth="1"/>`);
    c = end;
  }
  // Links by cell: the last link of a cell wins, in the order of the last ones (as when the add-in
  // sets them in turn). Each kept as its parts, written with the sheet.
  const linkRefs: string[] = [];
  const linkSheets: string[] = [];
  const linkTargets: string[] = [];
  const linkDisplays: (string | undefined)[] = [];
  const linkKeys: number[] = [];
  const lastLink = new Map<number, number>();
  const quoted = new Map<string, string>();
  for (const link of content.links ?? []) {
    const at = a1(link.cell, 'link cell');
    const target = a1(link.target, 'link target');
    let sheet = quoted.get(link.sheet);
    if (sheet === undefined) {
      sheet = escapeAttribute(`${quoteSheet(link.sheet)}!`);
      quoted.set(link.sheet, sheet);
    }
    const shown = rows[at.row]?.[at.column]?.value;
    const key = at.row * (MAX_COLUMN + 1) + at.column;
    lastLink.set(key, linkRefs.length);
    linkKeys.push(key);
    linkRefs.push(at.ref);
    linkSheets.push(sheet);
    linkTargets.push(target.ref);
    linkDisplays.push(
      typeof shown === 'string' && shown !== '' ? escapeAttribute(shown) : undefined,
    );
  }
  const frozen = content.frozenRows ?? 0;
  if (!Number.isInteger(frozen) || frozen < 0 || frozen > MAX_ROW)
    throw invalid(`frozen rows ${frozen}`);
  const pane =
    frozen > 0
      ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
      : '';

  // Heights of rows with wrapped text (in points), by written row; 0: the default.
  const rowHeight = new Float64Array(rowIndex.length);
  if (options.fitRows) {
    const spanOf = new Map<number, number>(); // top-left cell → width of its merged area
    const hidden = new Set<number>(); // the other cells of a merged area
    const widthOf = (c: number) => {
      const w = widths[c];
      return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 8.43;
    };
    for (const area of content.merges ?? []) {
      let w = 0;
      for (let c = area.left; c <= area.right; c++) w += widthOf(c);
      spanOf.set(area.top * (MAX_COLUMN + 1) + area.left, w);
      for (let r = area.top; r <= area.bottom; r++)
        for (let c = area.left; c <= area.right; c++)
          if (r !== area.top || c !== area.left) hidden.add(r * (MAX_COLUMN + 1) + c);
    }
    for (let w = 0; w < rowIndex.length; w++) {
      const r = rowIndex[w] as number;
      let lines = 1;
      const row = rows[r];
      const n = row === undefined ? 0 : row.length;
      for (let c = 0; c < n; c++) {
        const cell = (row as readonly (ContentCell | undefined)[])[c];
        if (cell?.wrap !== true || typeof cell.value !== 'string') continue;
        const key = r * (MAX_COLUMN + 1) + c;
        if (hidden.size > 0 && hidden.has(key)) continue;
        lines = Math.max(
          lines,
          wrappedLines(cell.value, (spanOf.size > 0 ? spanOf.get(key) : undefined) ?? widthOf(c)),
        );
      }
      if (lines > 1) rowHeight[w] = Math.min(409, lines * LINE_HEIGHT);
    }
  }

  const writtenRows = rowIndex.length;
  const last = writtenRows > 0 ? (rowIndex[writtenRows - 1] as number) : 0;
  const dimension = last > 0 || lastColumn > 0 ? `A1:${toA1(last, lastColumn)}` : 'A1';
  const printable = options.printable === true;
  const head =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (printable ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews>${pane ? `<sheetView workbookViewId="0">${pane}</sheetView>` : '<sheetView workbookViewId="0"/>'}</sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols.length ? `<cols>${cols.join('')}</cols>` : '') +
    (writtenRows ? '<sheetData>' : '<sheetData/>');
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`
    : '';
  const tail =
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (printable
      ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
      : '') +
    END_TAG;

  // The markup after each cell's reference, by look (its style index), as bytes (ASCII).
  const numberOpen = looks.map((_, look) => asciiBytes(`" s="${xfBase + look}"><v>`));
  const textOpen = looks.map((_, look) =>
    asciiBytes(
      `"${xfBase + look ? ` s="${xfBase + look}"` : ''} t="inlineStr"><is><t xml:space="preserve">`,
    ),
  );
  const emptyCell = looks.map((_, look) => asciiBytes(`" s="${xfBase + look}"/>`));
  const letters: Uint8Array[] = [];

  const chunkBytes =
    options.chunkBytes !== undefined &&
    Number.isInteger(options.chunkBytes) &&
    options.chunkBytes > 0
      ? options.chunkBytes
      : CHUNK_BYTES;

  function* chunks(extras?: SheetExtras): Generator<Uint8Array> {
    const out = new XmlBytes(Math.min(FIRST_BYTES, chunkBytes + 64 * 1024));
    out.text(extras?.head ? extras.head(head) : head);
    const heights = extras?.rowHeights;
    const rowNumber = new XmlBytes(16);
    let k = 0;
    for (let w = 0; w < writtenRows; w++) {
      const r = rowIndex[w] as number;
      const row = rows[r];
      rowNumber.pos = 0;
      rowNumber.digits(r + 1);
      const number = rowNumber.buf.subarray(0, rowNumber.pos);
      out.bytes(ROW_OPEN);
      out.bytes(number);
      const fitted = rowHeight[w] as number;
      const height = fitted > 0 ? fitted : heights?.[r];
      if (height !== undefined && height > 0) out.ascii(`" ht="${height}" customHeight="1`);
      out.bytes(TAG_END);
      const end = rowEnd[w] as number;
      for (; k < end; k++) {
        const c = cellColumn[k] as number;
        const look = cellLook[k] as number;
        const value = row?.[c]?.value;
        let column = letters[c];
        if (column === undefined) {
          column = asciiBytes(columnName(c));
          letters[c] = column;
        }
        out.bytes(CELL_OPEN);
        out.bytes(column);
        out.bytes(number);
        if (typeof value === 'number' && Number.isFinite(value)) {
          out.bytes(numberOpen[look] as Uint8Array);
          out.ascii(String(value === 0 ? 0 : value));
          out.bytes(NUMBER_CLOSE);
        } else if (typeof value === 'string' && value !== '') {
          out.bytes(textOpen[look] as Uint8Array);
          out.cellText(value);
          out.bytes(TEXT_CLOSE);
        } else out.bytes(emptyCell[look] as Uint8Array);
      }
      out.bytes(ROW_CLOSE);
      if (out.pos >= chunkBytes) yield out.take();
    }
    out.text(
      (writtenRows ? '</sheetData>' : '') +
        (extras?.afterData ?? '') +
        mergeXml +
        (extras?.beforeLinks ?? ''),
    );
    if (linkRefs.length > 0) {
      out.ascii('<hyperlinks>');
      for (let i = 0; i < linkRefs.length; i++) {
        if (lastLink.get(linkKeys[i] as number) !== i) continue;
        out.ascii('<hyperlink ref="');
        out.ascii(linkRefs[i] as string);
        out.ascii('" location="');
        out.text(linkSheets[i] as string);
        out.ascii(linkTargets[i] as string);
        const display = linkDisplays[i];
        if (display !== undefined) {
          out.ascii('" display="');
          out.text(display);
        }
        out.ascii('"/>');
        if (out.pos >= chunkBytes) yield out.take();
      }
      out.ascii('</hyperlinks>');
    }
    out.text(
      extras?.beforeEnd ? `${tail.slice(0, -END_TAG.length)}${extras.beforeEnd}${END_TAG}` : tail,
    );
    yield out.take();
  }
  return { styles: out, nextNumFmtId, chunks };
}
