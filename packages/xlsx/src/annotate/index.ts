/**
 * Annotated copies: the original workbook with the engine's mark plans applied as live
 * conditional formats, and a summary sheet "Kết quả kiểm tra" that is the engine's reviewer
 * report (`reportSheet`), the same sheet the add-in writes. Everything else is kept byte for
 * byte: unchanged zip entries are copied as stored, and the changed parts only gain what the
 * marks and the report need (conditionalFormatting elements, dxf and cell styles, the new sheet
 * and its entries). The parts written anew are deflated at a fast level (`compressionLevel`),
 * the report sheet as it is made, never held whole.
 */
import {
  type Locale,
  type MarkRule,
  type MarkStatus,
  markRuleFormula,
  REPORT_SHEET_NAME,
  type Result,
  reportSheet,
  type SheetCheck,
  STATUS,
  type TargetSet,
} from '@chitieu/engine';
import { fail, toXlsxError, type XlsxError, XlsxFailure } from '../errors.js';
import type { ReadOptions } from '../limits.js';
import {
  parseRelationships,
  parseStyles,
  parseWorkbook,
  relsPartFor,
  resolveTarget,
} from '../parts.js';
import type { ParsedSheet } from '../sheet.js';
import { locateSheet, openWorkbook } from '../workbook.js';
import { argb, contentSheetParts } from './content.js';
import {
  appendToCollection,
  escapeXml,
  insertBeforeClose,
  maxNumFmtId,
  maxPriority,
  rootPrefix,
} from './parts.js';
import { DEFAULT_LEVEL, ZipWriter } from './zip-writer.js';

/** A worksheet of the workbook with the engine's check of it (the shape `reportSheet` takes). */
export interface SheetAnnotation {
  /** The worksheet's name, as in the workbook. */
  readonly sheet: string;
  /**
   * The check of the sheet: its mark plan is applied, and the report lists it. Sheets that are
   * not annexes, or that need an input, are listed in the report with the reason (no marks).
   */
  readonly result: SheetCheck;
  /** The sheet is hidden (checked because hidden sheets were asked for): the report says so. */
  readonly hidden?: boolean;
}

export interface AnnotateOptions extends ReadOptions {
  /** Language of the report (default Vietnamese). */
  readonly locale?: Locale;
  /** Name of the summary sheet; default "Kết quả kiểm tra" (or "Check results" in English). */
  readonly summarySheetName?: string;
  /** Sets the report names sets, levels and indicators from (default: the built-in sets). */
  readonly targetSets?: readonly TargetSet[];
  /** A date, or any text, the report writes under its title; none when absent. */
  readonly date?: string;
  /**
   * The deflate level, 0–9, of the parts the copy writes anew (the report sheet, the changed
   * sheets, styles and lists); default 2: fast, a fifth larger than 6. The parts the copy does
   * not change are copied as stored, whatever it is.
   */
  readonly compressionLevel?: number;
}

export interface AnnotatedWorkbook {
  readonly bytes: Uint8Array;
  /** The report sheet's name in the copy. */
  readonly summarySheet: string;
  /** How many conditional-format rules the copy has from the mark plans. */
  readonly rules: number;
}

export type AnnotateResult = Result<AnnotatedWorkbook, XlsxError>;

const REL_WORKSHEET =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function dxfXml(
  status: MarkStatus,
  numFmt: { id: number; code: string } | undefined,
  prefix: string,
): string {
  const style = STATUS[status];
  const p = prefix;
  const fmt = numFmt
    ? `<${p}numFmt numFmtId="${numFmt.id}" formatCode="${escapeXml(numFmt.code)}"/>`
    : '';
  return `<${p}dxf><${p}font><${p}b/><${p}color rgb="${argb(style.font)}"/></${p}font>${fmt}<${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(style.fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
}

function firstCell(range: string): string {
  return range.split(':')[0] as string;
}

/** Rules of the same status and number format share one dxf style. */
function dxfKey(rule: MarkRule): string {
  return `${rule.status}|${rule.numberFormat ?? ''}`;
}

/** Applies the mark plans to a copy of the workbook. Never throws; never changes `data`. */
export function annotateWorkbook(
  data: Uint8Array,
  sheets: readonly SheetAnnotation[],
  options: AnnotateOptions = {},
): AnnotateResult {
  try {
    return annotate(data, sheets, options);
  } catch (thrown) {
    return { success: false, error: toXlsxError(thrown) };
  }
}

/** Cell formats an annotated copy may add, at most, to keep out-of-range ones as they read. */
const MAX_STYLE_PADDING = 4096;

function annotate(
  data: Uint8Array,
  sheets: readonly SheetAnnotation[],
  options: AnnotateOptions,
): AnnotateResult {
  const opened = openWorkbook(data, options);
  if (!opened.success) return opened;
  const reader = opened.data;
  const pkg = reader.package;
  const locale = options.locale ?? 'vi';
  /**
   * The new text of changed parts (whole, or in pieces to write in turn), by their zip entry's
   * name in lower case (names are case-insensitive).
   */
  const changed = new Map<string, string | readonly string[]>();
  const keyOf = (part: string): string => (pkg.entry(part)?.name ?? part).toLowerCase();

  // Where the workbook keeps its styles and relationships.
  const workbookPart = reader.workbookPart;
  const workbookRelsPart = relsPartFor(workbookPart);
  const workbookRels = pkg.text(workbookRelsPart);
  const rels = parseRelationships(workbookRels, workbookRelsPart, workbookPart);
  const lastRel = rels[rels.length - 1];
  if (lastRel === undefined) {
    // The reader then finds the sheets by their usual names; a relationship for the summary
    // sheet would end that, so the copy could not be read as the workbook is.
    fail({ code: 'corrupt-part', reason: 'no-relationships', part: workbookRelsPart });
  }
  const stylesPart = reader.stylesPart;
  let styles = stylesPart !== undefined && pkg.has(stylesPart) ? pkg.text(stylesPart) : '';
  if (stylesPart === undefined || styles === '') {
    fail({ code: 'missing-part', reason: 'no-styles', part: stylesPart ?? 'xl/styles.xml' });
  }
  // The styles are edited as text, where the reader finds things: only a part it can read is
  // (a damaged one fails here with the reader's error, rather than giving a copy that cannot be
  // read).
  const originalStyles = parseStyles(styles, stylesPart);
  const sp = rootPrefix(styles, 'styleSheet');

  // Every worksheet read as the reader reads it: where its conditional formats go, and the cell
  // formats it uses (beyond the styles part's, they read as General: they must stay so).
  const located = new Map<string, ParsedSheet | XlsxFailure>();
  let maxStyle = -1;
  for (const info of reader.sheets) {
    if (info.part === '' || !pkg.has(info.part) || located.has(keyOf(info.part))) continue;
    try {
      const place = locateSheet(reader, info);
      located.set(keyOf(info.part), place);
      maxStyle = Math.max(maxStyle, place.maxStyle);
    } catch (thrown) {
      // A sheet that cannot be read is copied as it is (and read as before: not at all).
      if (!(thrown instanceof XlsxFailure)) throw thrown;
      located.set(keyOf(info.part), thrown);
    }
  }
  if (maxStyle >= originalStyles.cellFormats.length + MAX_STYLE_PADDING) {
    fail({
      code: 'corrupt-part',
      reason: 'cell-format-out-of-range',
      part: stylesPart,
      style: maxStyle,
      formats: originalStyles.cellFormats.length,
    });
  }

  // dxf styles: one per status and number format used by the rules.
  const dxfs: string[] = [];
  let nextNumFmt = maxNumFmtId(styles) + 1;
  const dxfIndex = new Map<string, number>();
  for (const s of sheets) {
    for (const rule of s.result.markPlan.rules) {
      const key = dxfKey(rule);
      if (dxfIndex.has(key)) continue;
      dxfIndex.set(key, dxfs.length);
      dxfs.push(
        dxfXml(
          rule.status,
          rule.numberFormat ? { id: nextNumFmt++, code: rule.numberFormat } : undefined,
          sp,
        ),
      );
    }
  }
  const addedDxfs = appendToCollection(styles, sp, 'dxfs', dxfs, stylesPart);
  styles = addedDxfs.xml;
  const dxfBase = addedDxfs.firstIndex;

  // Conditional formats on each checked sheet, where the reader says they go.
  let ruleCount = 0;
  const fragments = new Map<
    string,
    { text: string; at: number; prefix: string; priority: number; xml: string[] }
  >();
  for (const s of sheets) {
    const rules = s.result.markPlan.rules;
    if (rules.length === 0) continue;
    const info = reader.sheets.find((x) => x.name === s.sheet);
    if (!info || info.part === '') throw new Error(`no worksheet "${s.sheet}" in the workbook`);
    const key = keyOf(info.part);
    const place = located.get(key);
    if (place === undefined || place instanceof XlsxFailure) {
      // Marks for a sheet that cannot be read: the caller did not get them from this workbook.
      if (place instanceof XlsxFailure) throw place;
      throw new Error(`no worksheet "${s.sheet}" in the workbook`);
    }
    let entry = fragments.get(key);
    if (entry === undefined) {
      // The sheet's text, read once however many checks it has.
      const text = pkg.text(info.part);
      entry = {
        text,
        at: place.conditionalFormattingAt,
        prefix: rootPrefix(text, 'worksheet'),
        priority: maxPriority(text),
        xml: [],
      };
      fragments.set(key, entry);
    }
    const prefix = entry.prefix;
    let priority = entry.priority + entry.xml.length;
    for (const rule of rules) {
      const dxf = dxfBase + (dxfIndex.get(dxfKey(rule)) as number);
      const formula = markRuleFormula(rule.condition, firstCell(rule.ranges[0] as string));
      priority++;
      ruleCount++;
      entry.xml.push(
        `<${prefix}conditionalFormatting sqref="${rule.ranges.join(' ')}"><${prefix}cfRule type="expression" dxfId="${dxf}" priority="${priority}" stopIfTrue="1"><${prefix}formula>${escapeXml(formula)}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`,
      );
    }
  }
  for (const [key, { text, at, xml }] of fragments)
    changed.set(key, [text.slice(0, at), ...xml, text.slice(at)]);

  // The summary sheet: the engine's report, and the cell styles it uses (after every cell format
  // a sheet refers to).
  const defaultName = options.summarySheetName ?? REPORT_SHEET_NAME[locale];
  const existingNames = new Set(reader.sheets.map((x) => x.name.toLowerCase()));
  let summaryName = defaultName;
  for (let n = 2; existingNames.has(summaryName.toLowerCase()); n++)
    summaryName = `${defaultName} (${n})`;
  const report = reportSheet(sheets, {
    locale,
    ...(options.targetSets ? { targetSets: options.targetSets } : {}),
    ...(options.date !== undefined ? { date: options.date } : {}),
  });
  const summary = contentSheetParts(styles, report, {
    nextNumFmtId: nextNumFmt,
    firstCellFormat: maxStyle + 1,
    part: stylesPart,
  });
  // The copy's styles must read as the original's, with the new ones after them.
  const copiedStyles = parseStyles(summary.styles, stylesPart);
  if (originalStyles.cellFormats.some((format, i) => copiedStyles.cellFormats[i] !== format)) {
    fail({ code: 'corrupt-part', reason: 'styles-not-extensible', part: stylesPart });
  }
  changed.set(keyOf(stylesPart), summary.styles);

  // Register the new sheet: a free part name, a relationship, the workbook's sheet list, a content
  // type; each added after the last one the reader finds.
  const used = new Set(pkg.entries.map((e) => e.name.toLowerCase()));
  let n = reader.sheets.length + 1;
  while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const summaryPart = `xl/worksheets/sheet${n}.xml`;
  const workbookXml = pkg.text(workbookPart);
  const workbook = parseWorkbook(workbookXml, workbookPart);
  // A relationship id no relationship has and no sheet refers to (a sheet may refer to a missing one).
  const ids = new Set([...rels.map((x) => x.id), ...workbook.sheets.map((x) => x.relId)]);
  let k = rels.length + 1;
  while (ids.has(`rId${k}`)) k++;
  const relId = `rId${k}`;
  const relTarget =
    resolveTarget(workbookPart, 'worksheets/x') === 'xl/worksheets/x'
      ? `worksheets/sheet${n}.xml`
      : `/${summaryPart}`;
  changed.set(
    keyOf(workbookRelsPart),
    workbookRels.slice(0, lastRel.end) +
      `<${lastRel.prefix}Relationship Id="${relId}" Type="${REL_WORKSHEET}" Target="${relTarget}"/>` +
      workbookRels.slice(lastRel.end),
  );
  const lastSheet = workbook.sheets[workbook.sheets.length - 1];
  const sheetAt = lastSheet?.end ?? workbook.sheetsEnd;
  if (sheetAt === undefined) {
    fail({ code: 'corrupt-part', reason: 'no-sheet-list', part: workbookPart });
  }
  let maxSheetId = 0;
  for (const sheet of workbook.sheets) {
    const id = Number(sheet.sheetId);
    if (Number.isSafeInteger(id) && id > maxSheetId) maxSheetId = id;
  }
  const relNs =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      workbookXml,
    )?.[1];
  const relAttr = relNs ? `${relNs}:id` : 'r:id';
  const nsDecl = relNs ? '' : ` xmlns:r="${NS_REL}"`;
  const wp = lastSheet?.prefix ?? workbook.prefix;
  changed.set(
    keyOf(workbookPart),
    workbookXml.slice(0, sheetAt) +
      `<${wp}sheet name="${escapeXml(summaryName)}" sheetId="${maxSheetId + 1}" ${relAttr}="${relId}"${nsDecl}/>` +
      workbookXml.slice(sheetAt),
  );
  const types = pkg.text('[Content_Types].xml');
  changed.set(
    keyOf('[Content_Types].xml'),
    insertBeforeClose(
      types,
      'Types',
      `<Override PartName="/${summaryPart}" ContentType="${CT_WORKSHEET}"/>`,
      '[Content_Types].xml',
    ),
  );

  // The copy: unchanged entries as stored, changed parts rewritten, the new sheet added.
  const zip = new ZipWriter(options.compressionLevel ?? DEFAULT_LEVEL);
  for (const entry of pkg.entries) {
    if (entry.name.endsWith('/')) continue; // a folder entry (ExcelJS writes them): no part
    const text = changed.get(entry.name.toLowerCase());
    if (typeof text === 'string') zip.add(entry.name, text);
    else if (text !== undefined) zip.addChunks(entry.name, text);
    else zip.copy(pkg, entry.name);
  }
  // The report sheet, written as it is deflated (never whole).
  zip.addChunks(summaryPart, summary.chunks());
  return {
    success: true,
    data: { bytes: zip.finish(), summarySheet: summaryName, rules: ruleCount },
  };
}
