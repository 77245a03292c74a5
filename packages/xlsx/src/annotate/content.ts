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
 */
import {
  areaAddress,
  type ContentCell,
  fromA1,
  EXCEL_MAX_COLUMN as MAX_COLUMN,
  EXCEL_MAX_ROW as MAX_ROW,
  type MergedArea,
  type SheetContent,
  toA1,
} from '@chitieu/engine';
import { parseStyles } from '../parts.js';
import { END, EOF, START, XmlReader } from '../xml.js';
import {
  appendToCollection,
  escapeAttribute,
  escapeXml,
  inlineCell,
  maxNumFmtId,
  quoteSheet,
  rootPrefix,
} from './parts.js';

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

/** An A1 address as written: "$k$13" → "K13"; throws for anything else. */
function a1(address: string, what: string): string {
  const at = fromA1(address);
  if (!at || at.row > MAX_ROW || at.column > MAX_COLUMN)
    throw invalid(`${what} ${JSON.stringify(address)}`);
  return toA1(at.row, at.column);
}

/**
 * The children of the workbook's first font (the default), without bold and italic: written anew
 * from what the reader reads of them (element names and attribute values, escaped), so a damaged
 * font in the workbook cannot damage the fonts added after it.
 */
function baseFontBody(styles: string, p: string, part: string): string {
  const fallback = `<${p}sz val="11"/><${p}name val="Calibri"/>`;
  const place = parseStyles(styles, part).places.get('fonts');
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
 * Appends `children` to a collection of styles.xml that must start with `defaults` (fills: none
 * and gray125; …): when the workbook has fewer, the missing defaults come first. With nothing to
 * add and the defaults there, the styles are returned as they are.
 */
function appendStyles(
  styles: string,
  p: string,
  collection: string,
  children: readonly string[],
  defaults: readonly string[],
  part: string,
  minIndex = 0,
): { xml: string; firstIndex: number } {
  const added = appendToCollection(styles, p, collection, children, part);
  const first = Math.max(defaults.length, minIndex);
  if (added.firstIndex >= first)
    return children.length > 0 ? added : { xml: styles, firstIndex: 0 };
  // The missing defaults, then (up to `minIndex`) copies of the first.
  const padding: string[] = [];
  for (let i = added.firstIndex; i < first; i++)
    padding.push(defaults[i] ?? (defaults[0] as string));
  const padded = appendToCollection(styles, p, collection, [...padding, ...children], part);
  return { xml: padded.xml, firstIndex: first };
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
  const p = rootPrefix(styles, 'styleSheet');
  const part = options.part ?? 'xl/styles.xml';

  // The cells to write: the content's, and every cell of a bordered area; rows and cells by
  // index (holey arrays, walked in order: the same order as sorting the indices).
  type Entry = { cell?: ContentCell; border?: boolean };
  const cells: Entry[][] = [];
  const at = (r: number, c: number): Entry => {
    let row = cells[r];
    if (!row) {
      row = [];
      cells[r] = row;
    }
    let entry = row[c];
    if (!entry) {
      entry = {};
      row[c] = entry;
    }
    return entry;
  };
  content.rows.forEach((row, r) => {
    if (r > MAX_ROW) throw invalid(`more than ${MAX_ROW + 1} rows`);
    row.forEach((cell, c) => {
      if (cell === undefined) return;
      if (c > MAX_COLUMN) throw invalid(`more than ${MAX_COLUMN + 1} columns`);
      at(r, c).cell = cell;
    });
  });
  for (const area of content.bordered ?? []) {
    checkArea(area, 'bordered area');
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) at(r, c).border = true;
  }

  // Styles: each part of a look once, in the order first used.
  const base = baseFontBody(styles, p, part);
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
  const looks = new Distinct<CellLook>();
  const colours = new Map<string, string>();
  const colour = (hex: string): string => {
    let c = colours.get(hex);
    if (c === undefined) {
      c = argb(hex);
      colours.set(hex, c);
    }
    return c;
  };
  const lookOf = (entry: Entry): number => {
    const cell = entry.cell;
    const look: CellLook = {
      bold: cell?.bold === true,
      italic: cell?.italic === true,
      color: cell?.color === undefined ? undefined : colour(cell.color),
      fill: cell?.fill === undefined ? undefined : colour(cell.fill),
      border: entry.border === true,
      align: cell?.align,
      wrap: cell?.wrap === true,
      numberFormat: cell?.numberFormat || undefined,
    };
    // A key that tells looks apart (colours are ARGB, so "|" cannot occur in them).
    const key = `${look.bold ? 1 : 0}${look.italic ? 1 : 0}${look.border ? 1 : 0}${look.wrap ? 1 : 0}|${look.color ?? '-'}|${look.fill ?? '-'}|${look.align ?? '-'}|${look.numberFormat === undefined ? '-' : `=${look.numberFormat}`}`;
    return looks.id(key, () => look);
  };
  const written: { r: number; cells: { c: number; entry: Entry; look: number }[] }[] = [];
  cells.forEach((row, r) => {
    const line: { c: number; entry: Entry; look: number }[] = [];
    row.forEach((entry, c) => {
      line.push({ c, entry, look: lookOf(entry) });
    });
    written.push({ r, cells: line });
  });

  // One font, fill, border, number format and xf per distinct look.
  const xfs = looks.items.map((look) => {
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

  let out = styles;
  const append = (collection: string, children: readonly string[], defaults: readonly string[]) => {
    const added = appendStyles(
      out,
      p,
      collection,
      children,
      defaults,
      part,
      collection === 'cellXfs' ? (options.firstCellFormat ?? 0) : 0,
    );
    out = added.xml;
    return added.firstIndex;
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

  // The cells, row by row.
  let lastColumn = 0;
  const rowsXml = written.map(({ r, cells: line }) => {
    const cellsXml = line.map(({ c, entry, look }) => {
      const ref = toA1(r, c);
      const s = xfBase + look;
      lastColumn = Math.max(lastColumn, c);
      const value = entry.cell?.value;
      if (typeof value === 'number' && Number.isFinite(value))
        return `<c r="${ref}" s="${s}"><v>${value === 0 ? 0 : value}</v></c>`;
      if (typeof value === 'string' && value !== '') return inlineCell(ref, value, s);
      return `<c r="${ref}" s="${s}"/>`;
    });
    return `<row r="${r + 1}">${cellsXml.join('')}</row>`;
  });

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
  const links = new Map<string, string>();
  for (const link of content.links ?? []) {
    const ref = a1(link.cell, 'link cell');
    const location = `${quoteSheet(link.sheet)}!${a1(link.target, 'link target')}`;
    const at = fromA1(ref) as { row: number; column: number };
    const shown = content.rows[at.row]?.[at.column]?.value;
    const display =
      typeof shown === 'string' && shown !== '' ? ` display="${escapeAttribute(shown)}"` : '';
    links.delete(ref); // the last link of a cell wins, as when the add-in sets them in turn
    links.set(ref, `<hyperlink ref="${ref}" location="${escapeAttribute(location)}"${display}/>`);
  }
  const frozen = content.frozenRows ?? 0;
  if (!Number.isInteger(frozen) || frozen < 0 || frozen > MAX_ROW)
    throw invalid(`frozen rows ${frozen}`);
  const pane =
    frozen > 0
      ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
      : '';

  const lastRow = written[written.length - 1]?.r ?? 0;
  const dimension = lastRow > 0 || lastColumn > 0 ? `A1:${toA1(lastRow, lastColumn)}` : 'A1';
  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews>${pane ? `<sheetView workbookViewId="0">${pane}</sheetView>` : '<sheetView workbookViewId="0"/>'}</sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols.length ? `<cols>${cols.join('')}</cols>` : '') +
    (rowsXml.length ? `<sheetData>${rowsXml.join('')}</sheetData>` : '<sheetData/>') +
    (merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : '') +
    (links.size ? `<hyperlinks>${[...links.values()].join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`;
  return { styles: out, sheetXml, nextNumFmtId };
}
