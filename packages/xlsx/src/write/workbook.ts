/**
 * A new workbook from the engine's plain sheet content (`SheetContent`): the annex template the
 * office sends out (`chitieu template`). Each sheet is written by the same code as the annotated
 * copy's report sheet (`contentSheet`: strings, numbers with their number formats, bold and
 * italic, merges, column widths, frozen rows, thin borders, links), on a minimal stylesheet, so
 * the CLI's template and the add-in's "Chèn mẫu phụ lục" are the same sheet.
 *
 * The package holds only what a workbook needs: [Content_Types].xml, the package and workbook
 * relationships, the workbook part, styles, the worksheets, and custom XML parts
 * (customXml/itemN.xml with its itemPropsN.xml, referenced from the workbook's relationships:
 * the embedded target set, `embedded.ts`). Deterministic: the same input gives the same bytes.
 */
import { areaAddress, type MergedArea, type SheetContent, toA1 } from '@chitieu/engine';
import {
  argb,
  type ContentSheetParts,
  contentSheetParts,
  type SheetExtras,
} from '../annotate/content.js';
import { appendToCollection, escapeAttribute, escapeXml, quoteSheet } from '../annotate/parts.js';
import { DEFAULT_LEVEL, ZipWriter } from '../annotate/zip-writer.js';

export interface NewSheet {
  /** The tab's name: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
  readonly name: string;
  readonly content: SheetContent;
  /**
   * Columns kept in view when scrolling sideways (from column A), beside the content's
   * `frozenRows`: one frozen pane for both.
   */
  readonly frozenColumns?: number;
  /**
   * The autofilter: a 0-based inclusive area, its first row the header row with the filter
   * buttons. Written with the workbook's hidden `_xlnm._FilterDatabase` name for it, as Excel does.
   */
  readonly autoFilter?: MergedArea;
  /** Conditional formats, in priority order (the first the highest). */
  readonly conditionalFormats?: readonly ConditionalFormat[];
  /**
   * 0-based columns hidden in one outline group (level 1): the user shows them again with the
   * group's "+" button. Their widths are the content's `columnWidths`.
   */
  readonly hiddenColumns?: readonly number[];
  /** Row heights in points, by 0-based row (a header of wrapped text, say); undefined: Excel's. */
  readonly rowHeights?: readonly (number | undefined)[];
  /**
   * How the sheet prints: landscape A4, one page wide (as many pages long as it takes), the
   * 0-based inclusive rows `titleRows` repeated at the top of each page.
   */
  readonly print?: {
    readonly landscape?: boolean;
    readonly fitToWidth?: boolean;
    readonly titleRows?: readonly [number, number];
  };
}

/** The look a conditional format gives a cell: a dxf style. */
export interface ConditionalStyle {
  /** Fill colour, #RRGGBB. */
  readonly fill?: string;
  /** Font colour, #RRGGBB. */
  readonly color?: string;
  readonly bold?: boolean;
  /** A number format the cell shows its value in while the rule holds (a symbol before it, say). */
  readonly numberFormat?: string;
}

/** A formula rule: cells of `areas` take `style` where `formula` is true. */
export interface ConditionalFormat {
  /** 0-based inclusive areas; the formula is written for the top-left cell of the first. */
  readonly areas: readonly MergedArea[];
  /** An Excel formula without "=", its relative references from the first area's top-left cell. */
  readonly formula: string;
  readonly style: ConditionalStyle;
  /** No rule of lower priority applies to a cell this one holds for (default true). */
  readonly stopIfTrue?: boolean;
}

/** A custom XML part: its XML, and the namespace its properties part names (`schemaRef`). */
export interface CustomXmlItem {
  readonly xml: string;
  /** The namespace URI of the part's root element, listed in its properties part. */
  readonly namespace?: string;
  /** The part's GUID in braces ("{…}"); derived from its position when absent. */
  readonly itemId?: string;
}

export interface NewWorkbookOptions {
  /** Custom XML parts to store in the workbook, in order (customXml/item1.xml, …). */
  readonly customXml?: readonly CustomXmlItem[];
  /** The deflate level, 0–9 (default 2, as the annotated copies). */
  readonly compressionLevel?: number;
  /** The index of the sheet shown when the workbook opens (default 0). */
  readonly activeSheet?: number;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const NS_CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const NS_DS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';
const REL = `${NS_REL}/`;
const CT = 'application/vnd.openxmlformats-officedocument.';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's rules for a sheet's name; the reason a name breaks them, else undefined. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty';
  if (name.length > 31) return 'longer than 31 characters';
  if (/[:\\/?*[\]]/.test(name)) return 'has one of : \\ / ? * [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with '";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f]/.test(name)) return 'has a control character';
  return undefined;
}

/** The stylesheet the sheets' styles are added to: Excel's defaults (Calibri 11, no fill, no border). */
const BASE_STYLES =
  `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  '</styleSheet>';

/** A GUID-shaped id for the n-th custom XML part (deterministic; Excel needs only uniqueness). */
function itemIdFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `{C417F1E0-7A3B-4C1D-9E2F-${hex.toUpperCase()}}`;
}

/**
 * The bytes of a new .xlsx with `sheets` in order. Throws an Error for what cannot be written: no
 * sheet, a sheet name Excel refuses or two of the same name (in any case), content
 * `contentSheet` refuses, custom XML that is not a single document.
 */
export function writeWorkbook(
  sheets: readonly NewSheet[],
  options: NewWorkbookOptions = {},
): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const s of sheets) {
    const problem = sheetNameProblem(s.name);
    if (problem) throw new Error(`sheet name ${JSON.stringify(s.name)}: ${problem}`);
    const key = s.name.toLocaleLowerCase();
    if (seen.has(key)) throw new Error(`two sheets named ${JSON.stringify(s.name)}`);
    seen.add(key);
  }
  const active = options.activeSheet ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= sheets.length)
    throw new Error(`active sheet ${active}: no such sheet`);

  // The sheets, their styles added in turn to one stylesheet.
  let styles = BASE_STYLES;
  let nextNumFmtId = 164;
  // Each sheet's part is made as it is deflated (the findings sheet of a large run is tens of
  // megabytes of XML): never whole, as text or as bytes.
  const sheetParts: { parts: ContentSheetParts; extras?: SheetExtras }[] = [];
  const dxfs: Dxfs = { index: new Map(), numFmts: new Map() };
  const definedNames: string[] = [];
  sheets.forEach((s, i) => {
    const parts = contentSheetParts(styles, s.content, { nextNumFmtId });
    styles = parts.styles;
    nextNumFmtId = parts.nextNumFmtId;
    if (!hasExtras(s)) {
      sheetParts.push({ parts });
      return;
    }
    const extended = sheetExtras(s, styles, nextNumFmtId, dxfs);
    styles = extended.styles;
    nextNumFmtId = extended.nextNumFmtId;
    sheetParts.push({ parts, extras: extended.extras });
    const at = (area: MergedArea) =>
      `${quoteSheet(s.name)}!$${toA1(area.top, area.left).replace(/(\d+)$/, '$$$1')}:$${toA1(area.bottom, area.right).replace(/(\d+)$/, '$$$1')}`;
    if (s.autoFilter !== undefined)
      definedNames.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(at(s.autoFilter))}</definedName>`,
      );
    const titles = s.print?.titleRows;
    if (titles !== undefined)
      definedNames.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoteSheet(s.name)}!$${titles[0] + 1}:$${titles[1] + 1}`)}</definedName>`,
      );
  });

  const items = options.customXml ?? [];
  for (const item of items) {
    if (!/^\s*(<\?xml[^>]*\?>\s*)?<[A-Za-z_]/.test(item.xml))
      throw new Error('a custom XML part must be one XML document');
  }

  const workbookRels: string[] = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const stylesId = sheets.length + 1;
  workbookRels.push(`<Relationship Id="rId${stylesId}" Type="${REL}styles" Target="styles.xml"/>`);
  for (let i = 0; i < items.length; i++)
    workbookRels.push(
      `<Relationship Id="rId${stylesId + 1 + i}" Type="${REL}customXml" Target="../customXml/item${i + 1}.xml"/>`,
    );

  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}spreadsheetml.styles+xml"/>`,
    ...sheets.map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}spreadsheetml.worksheet+xml"/>`,
    ),
    ...items.map(
      (_, i) =>
        `<Override PartName="/customXml/itemProps${i + 1}.xml" ContentType="${CT}customXmlProperties+xml"/>`,
    ),
  ];
  const contentTypes =
    `${XML_DECL}<Types xmlns="${NS_CT}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `${overrides.join('')}</Types>`;

  const workbook =
    `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<workbookPr/>' +
    `<bookViews><workbookView${active > 0 ? ` activeTab="${active}"` : ''}/></bookViews>` +
    `<sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${escapeAttribute(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets>` +
    (definedNames.length > 0 ? `<definedNames>${definedNames.join('')}</definedNames>` : '') +
    '</workbook>';

  const zip = new ZipWriter(options.compressionLevel ?? DEFAULT_LEVEL);
  zip.add('[Content_Types].xml', contentTypes);
  zip.add(
    '_rels/.rels',
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${REL}officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.add('xl/workbook.xml', workbook);
  zip.add(
    'xl/_rels/workbook.xml.rels',
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${workbookRels.join('')}</Relationships>`,
  );
  zip.add('xl/styles.xml', styles);
  sheetParts.forEach(({ parts, extras }, i) => {
    zip.addChunks(`xl/worksheets/sheet${i + 1}.xml`, parts.chunks(extras));
  });
  items.forEach((item, i) => {
    const n = i + 1;
    zip.add(`customXml/item${n}.xml`, item.xml);
    const refs = item.namespace
      ? `<ds:schemaRefs><ds:schemaRef ds:uri="${escapeAttribute(item.namespace)}"/></ds:schemaRefs>`
      : '<ds:schemaRefs/>';
    zip.add(
      `customXml/itemProps${n}.xml`,
      `${XML_DECL}<ds:datastoreItem ds:itemID="${escapeXml(item.itemId ?? itemIdFor(n))}" xmlns:ds="${NS_DS}">${refs}</ds:datastoreItem>`,
    );
    zip.add(
      `customXml/_rels/item${n}.xml.rels`,
      `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${REL}customXmlProps" Target="itemProps${n}.xml"/></Relationships>`,
    );
  });
  return zip.finish();
}

// ---------------------------------------------------------------------------------------------
// What a sheet may have beyond its content: a frozen pane over rows and columns, an autofilter,
// conditional formats (with their dxf styles), hidden column groups, a page setup. Written into
// the worksheet part `contentSheet` made, each element where the schema wants it.

/** The workbook's dxf styles so far: by key, their index; number formats of dxfs by code. */
interface Dxfs {
  readonly index: Map<string, number>;
  readonly numFmts: Map<string, number>;
}

function hasExtras(s: NewSheet): boolean {
  return (
    s.frozenColumns !== undefined ||
    s.autoFilter !== undefined ||
    (s.conditionalFormats?.length ?? 0) > 0 ||
    (s.hiddenColumns?.length ?? 0) > 0 ||
    (s.rowHeights?.length ?? 0) > 0 ||
    s.print !== undefined
  );
}

function invalidSheet(name: string, what: string): Error {
  return new Error(`sheet ${JSON.stringify(name)}: ${what}`);
}

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

function checkArea(name: string, area: MergedArea, what: string): void {
  const ok =
    [area.top, area.left, area.bottom, area.right].every(Number.isInteger) &&
    area.top >= 0 &&
    area.left >= 0 &&
    area.bottom >= area.top &&
    area.right >= area.left &&
    area.bottom <= MAX_ROW &&
    area.right <= MAX_COLUMN;
  if (!ok) throw invalidSheet(name, `${what} ${JSON.stringify(area)}`);
}

function dxfXml(style: ConditionalStyle, numFmtId: number | undefined): string {
  const font =
    style.bold || style.color !== undefined
      ? `<font>${style.bold ? '<b/>' : ''}${style.color !== undefined ? `<color rgb="${argb(style.color)}"/>` : ''}</font>`
      : '';
  const numFmt =
    style.numberFormat !== undefined && numFmtId !== undefined
      ? `<numFmt numFmtId="${numFmtId}" formatCode="${escapeXml(style.numberFormat)}"/>`
      : '';
  const fill =
    style.fill !== undefined
      ? `<fill><patternFill patternType="solid"><bgColor rgb="${argb(style.fill)}"/></patternFill></fill>`
      : '';
  return `<dxf>${font}${numFmt}${fill}</dxf>`;
}

/** The pane that freezes `rows` rows and `columns` columns, with Excel's selections. */
function frozenPane(rows: number, columns: number): string {
  const topLeft = toA1(rows, columns);
  if (rows === 0 && columns === 0) return '';
  if (columns === 0)
    return `<pane ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  if (rows === 0)
    return `<pane xSplit="${columns}" topLeftCell="${topLeft}" activePane="topRight" state="frozen"/><selection pane="topRight" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  return (
    `<pane xSplit="${columns}" ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>` +
    `<selection pane="topRight"/><selection pane="bottomLeft"/>` +
    `<selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`
  );
}

/** `<cols>` from the content's widths with the hidden columns in one outline group. */
function colsXml(widths: readonly number[], hidden: ReadonlySet<number>): string {
  let end = widths.length;
  for (const c of hidden) end = Math.max(end, c + 1);
  const cols: string[] = [];
  const widthOf = (c: number) => {
    const w = widths[c];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : undefined;
  };
  for (let c = 0; c < end; ) {
    const w = widthOf(c);
    const h = hidden.has(c);
    let next = c + 1;
    while (next < end && widthOf(next) === w && hidden.has(next) === h) next++;
    if (w !== undefined || h)
      cols.push(
        `<col min="${c + 1}" max="${next}" width="${w ?? 9.140625}"${w !== undefined ? ' customWidth="1"' : ''}${h ? ' hidden="1" outlineLevel="1"' : ''}/>`,
      );
    c = next;
  }
  return cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '';
}

/**
 * The sheet's extras, put in place as its worksheet part (`contentSheetParts`) is written, and
 * `styles` with the dxf styles its conditional formats use.
 */
function sheetExtras(
  s: NewSheet,
  styles: string,
  nextNumFmtId: number,
  dxfs: Dxfs,
): { extras: SheetExtras; styles: string; nextNumFmtId: number } {
  const frozenRows = s.content.frozenRows ?? 0;
  const frozenColumns = s.frozenColumns ?? 0;
  if (!Number.isInteger(frozenColumns) || frozenColumns < 0 || frozenColumns > MAX_COLUMN)
    throw invalidSheet(s.name, `frozen columns ${frozenColumns}`);
  if (s.autoFilter !== undefined) checkArea(s.name, s.autoFilter, 'autofilter');
  const hidden = new Set<number>();
  for (const c of s.hiddenColumns ?? []) {
    if (!Number.isInteger(c) || c < 0 || c > MAX_COLUMN)
      throw invalidSheet(s.name, `hidden column ${c}`);
    hidden.add(c);
  }
  const titles = s.print?.titleRows;
  if (
    titles !== undefined &&
    !(
      Number.isInteger(titles[0]) &&
      Number.isInteger(titles[1]) &&
      titles[0] >= 0 &&
      titles[1] >= titles[0] &&
      titles[1] <= MAX_ROW
    )
  )
    throw invalidSheet(s.name, `title rows ${JSON.stringify(titles)}`);

  // The dxf styles the rules use, each once in the workbook.
  const added: string[] = [];
  let base = dxfs.index.size;
  const rules: string[] = [];
  let priority = 0;
  for (const rule of s.conditionalFormats ?? []) {
    if (rule.areas.length === 0) throw invalidSheet(s.name, 'a conditional format without cells');
    for (const area of rule.areas) checkArea(s.name, area, 'conditional format area');
    if (rule.formula.trim() === '')
      throw invalidSheet(s.name, 'a conditional format without formula');
    const st = rule.style;
    const key = JSON.stringify([
      st.fill ?? '',
      st.color ?? '',
      st.bold === true,
      st.numberFormat ?? '',
    ]);
    let dxf = dxfs.index.get(key);
    if (dxf === undefined) {
      let numFmtId: number | undefined;
      if (st.numberFormat !== undefined) {
        numFmtId = dxfs.numFmts.get(st.numberFormat);
        if (numFmtId === undefined) {
          numFmtId = nextNumFmtId++;
          dxfs.numFmts.set(st.numberFormat, numFmtId);
        }
      }
      added.push(dxfXml(st, numFmtId));
      dxf = dxfs.index.size;
      dxfs.index.set(key, dxf);
    }
    rules.push(
      `<conditionalFormatting sqref="${rule.areas.map(areaAddress).join(' ')}"><cfRule type="expression" dxfId="${dxf}" priority="${++priority}"${rule.stopIfTrue === false ? '' : ' stopIfTrue="1"'}><formula>${escapeXml(rule.formula)}</formula></cfRule></conditionalFormatting>`,
    );
  }
  if (added.length > 0) {
    const appended = appendToCollection(styles, '', 'dxfs', added);
    // The dxfs of the workbook are all this writer's: they start at 0 and follow in order.
    if (appended.firstIndex !== base) throw new Error('dxf styles out of order');
    styles = appended.xml;
    base += added.length;
  }

  for (const h of s.rowHeights ?? [])
    if (h !== undefined && (!Number.isFinite(h) || h <= 0 || h > 409))
      throw invalidSheet(s.name, `row height ${h}`);
  // The head (everything before the first row) edited as a whole: it is small.
  const editHead = (head: string): string => {
    let out = head;
    if (frozenColumns > 0) {
      const pane = frozenPane(frozenRows, frozenColumns);
      out = out.replace(
        /<sheetViews>[\s\S]*?<\/sheetViews>/,
        `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`,
      );
    }
    if (hidden.size > 0) {
      out = out.replace(/<cols>[\s\S]*?<\/cols>/, '');
      out = out.replace(
        /<sheetFormatPr([^>]*?)\/>/,
        (_, attrs: string) =>
          `<sheetFormatPr${attrs} outlineLevelCol="1"/>${colsXml(s.content.columnWidths ?? [], hidden)}`,
      );
    }
    if (s.print?.fitToWidth)
      out = out.replace(
        '<dimension ',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ',
      );
    return out;
  };
  const extras: SheetExtras = {
    head: editHead,
    // Rows are written `<row r="N">`; an empty row is not written, and takes no height.
    ...(s.rowHeights !== undefined && s.rowHeights.length > 0 ? { rowHeights: s.rowHeights } : {}),
    ...(s.autoFilter !== undefined
      ? { afterData: `<autoFilter ref="${areaAddress(s.autoFilter)}"/>` }
      : {}),
    ...(rules.length > 0 ? { beforeLinks: rules.join('') } : {}),
    ...(s.print !== undefined
      ? {
          beforeEnd: `<pageSetup ${[
            'paperSize="9"',
            ...(s.print.landscape ? ['orientation="landscape"'] : []),
            ...(s.print.fitToWidth ? ['fitToWidth="1"', 'fitToHeight="0"'] : []),
          ].join(' ')}/>`,
        }
      : {}),
  };
  return { extras, styles, nextNumFmtId };
}
