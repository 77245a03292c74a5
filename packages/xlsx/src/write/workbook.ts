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
import type { SheetContent } from '@chitieu/engine';
import { contentSheet } from '../annotate/content.js';
import { escapeAttribute, escapeXml } from '../annotate/parts.js';
import { DEFAULT_LEVEL, ZipWriter } from '../annotate/zip-writer.js';

export interface NewSheet {
  /** The tab's name: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
  readonly name: string;
  readonly content: SheetContent;
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
  const sheetXml: string[] = [];
  for (const s of sheets) {
    const written = contentSheet(styles, s.content, { nextNumFmtId });
    styles = written.styles;
    nextNumFmtId = written.nextNumFmtId;
    sheetXml.push(written.sheetXml);
  }

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
  sheetXml.forEach((xml, i) => {
    zip.add(`xl/worksheets/sheet${i + 1}.xml`, xml);
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
