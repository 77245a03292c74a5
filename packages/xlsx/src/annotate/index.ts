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
  compactMarkFormat,
  type Locale,
  type MarkNote,
  type MarkRule,
  type MarkStatus,
  markLooks,
  markNotes,
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
import {
  locateSheet,
  openWorkbook,
  readerOf,
  readerStyles,
  type SheetPlaces,
  sheetPartText,
  type WorkbookReader,
} from '../workbook.js';
import { END, EOF, START, XmlReader } from '../xml.js';
import { partText } from '../zip.js';
import { argb, contentSheetParts } from './content.js';
import {
  CT_COMMENTS,
  CT_VML,
  commentsXml,
  maxVmlBlock,
  REL_COMMENTS,
  REL_VML,
  vmlBlocks,
  vmlXml,
} from './notes.js';
import {
  appendToCollections,
  escapeXml,
  insertBeforeClose,
  maxNumFmtId,
  maxPriority,
  quoteSheet,
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
  /**
   * A note (comment) on each marked cell with its reasons in words, in `locale`, as the add-in
   * writes (`markNotes`). A sheet that has notes or a VML drawing of its own gets none (its own
   * are kept as they are): `notesSkipped` names it.
   */
  readonly notes?: boolean;
  /**
   * The reader the workbook was checked with: `openWorkbook` of these very bytes, best with
   * `keepSheetTexts`. The copy then reads nothing of it again (neither the package's directory
   * nor the sheets it read: where their conditional formats go, their text), and the limits it
   * was opened with are the ones that hold. A reader of other bytes (even equal ones) is not used.
   */
  readonly reader?: WorkbookReader;
}

export interface AnnotatedWorkbook {
  readonly bytes: Uint8Array;
  /** The report sheet's name in the copy. */
  readonly summarySheet: string;
  /** How many conditional-format rules the copy has from the mark plans. */
  readonly rules: number;
  /** How many notes the copy has on marked cells (with `notes`). */
  readonly notes: number;
  /** Sheets that got no notes because they have notes or a VML drawing of their own. */
  readonly notesSkipped: readonly string[];
}

export type AnnotateResult = Result<AnnotatedWorkbook, XlsxError>;

const REL_WORKSHEET =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function dxfXml(
  status: MarkStatus,
  numFmt: { id: number; code: string } | undefined,
  border: boolean,
  prefix: string,
  bold = true,
): string {
  const style = STATUS[status];
  const p = prefix;
  const fmt = numFmt
    ? `<${p}numFmt numFmtId="${numFmt.id}" formatCode="${escapeXml(numFmt.code)}"/>`
    : '';
  // A dashed border in the status's font colour: the cue of a cell that shows no symbol.
  const side = (name: string) =>
    `<${p}${name} style="dashed"><${p}color rgb="${argb(style.font)}"/></${p}${name}>`;
  const edge = border
    ? `<${p}border>${side('left')}${side('right')}${side('top')}${side('bottom')}</${p}border>`
    : '';
  return `<${p}dxf><${p}font>${bold ? `<${p}b/>` : ''}<${p}color rgb="${argb(style.font)}"/></${p}font>${fmt}<${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(style.fill)}"/></${p}patternFill></${p}fill>${edge}</${p}dxf>`;
}

function firstCell(range: string): string {
  return range.split(':')[0] as string;
}

/** A rule as written on a sheet: its ranges with the look they get there. */
interface PlacedRule {
  readonly rule: MarkRule;
  readonly ranges: readonly string[];
  readonly numberFormat: string | undefined;
  readonly border: boolean;
  /** Not bold: a number that only just fits its column (bold is wider) keeps its own width. */
  readonly plain?: boolean;
}

/** Rules of the same status, number format and border share one dxf style. */
function dxfKey(rule: PlacedRule): string {
  return `${rule.rule.status}|${rule.numberFormat ?? ''}|${rule.border ? 1 : 0}|${rule.plain ? 1 : 0}`;
}

/** Excel's default column width, in characters. */
const DEFAULT_WIDTH = 8.43;

/** Column widths (characters) of a sheet, from its `<cols>` and `<sheetFormatPr>`; hidden: 0. */
function columnWidths(text: string, end: number): (column: number) => number {
  const head = text.slice(0, end);
  const format = /<(?:[\w.-]+:)?sheetFormatPr\b[^>]*>/.exec(head)?.[0] ?? '';
  const attr = (tag: string, name: string) => {
    const v = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const base = attr(format, 'baseColWidth');
  const fallback =
    attr(format, 'defaultColWidth') ?? (base !== undefined ? base + 0.71 : DEFAULT_WIDTH);
  const spans: { min: number; max: number; width: number }[] = [];
  for (const m of head.matchAll(/<(?:[\w.-]+:)?col\b[^>]*>/g)) {
    const tag = m[0];
    const min = attr(tag, 'min');
    const max = attr(tag, 'max');
    if (min === undefined || max === undefined) continue;
    const hidden = /\bhidden="(1|true)"/.test(tag);
    spans.push({ min, max, width: hidden ? 0 : (attr(tag, 'width') ?? fallback) });
  }
  return (column) => {
    for (const span of spans)
      if (span.min <= column + 1 && column + 1 <= span.max) return span.width;
    return fallback;
  };
}

/**
 * The rule as written on a sheet whose columns are `widthOf` wide: each range with the look the
 * engine chooses for its column (`markLooks`: the full cue, the compact one, or a border alone in
 * a regular font).
 */
function placeRule(rule: MarkRule, widthOf: (column: number) => number): PlacedRule[] {
  const full = rule.numberFormat;
  const border = rule.border === true;
  return markLooks(rule, widthOf).map(({ look, ranges }) =>
    look === 'full'
      ? { rule, ranges, numberFormat: full, border }
      : look === 'compact'
        ? { rule, ranges, numberFormat: compactMarkFormat(rule.status, full as string), border }
        : { rule, ranges, numberFormat: undefined, border: true, plain: true },
  );
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
  const given = options.reader;
  const opened =
    given !== undefined && readerOf(given, data)
      ? { success: true as const, data: given }
      : openWorkbook(data, options);
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
  const workbookRels = partText(pkg, workbookRelsPart);
  const rels = parseRelationships(workbookRels, workbookRelsPart, workbookPart);
  const lastRel = rels[rels.length - 1];
  if (lastRel === undefined) {
    // The reader then finds the sheets by their usual names; a relationship for the summary
    // sheet would end that, so the copy could not be read as the workbook is.
    fail({ code: 'corrupt-part', reason: 'no-relationships', part: workbookRelsPart });
  }
  const stylesPart = reader.stylesPart;
  let styles = stylesPart !== undefined && pkg.has(stylesPart) ? partText(pkg, stylesPart) : '';
  if (stylesPart === undefined || styles === '') {
    fail({ code: 'missing-part', reason: 'no-styles', part: stylesPart ?? 'xl/styles.xml' });
  }
  // The styles are edited as text, where the reader finds things: only a part it can read is
  // (a damaged one fails here with the reader's error, rather than giving a copy that cannot be
  // read).
  const originalStyles = readerStyles(reader);
  const sp = rootPrefix(styles, 'styleSheet');

  // Every worksheet read as the reader reads it: where its conditional formats go, and the cell
  // formats it uses (beyond the styles part's, they read as General: they must stay so).
  const located = new Map<string, SheetPlaces | XlsxFailure>();
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

  // Each sheet's rules as written there (ranges split where a column is too narrow for the
  // symbol), then one dxf style per status, number format and border they use.
  const placed = new Map<SheetAnnotation, PlacedRule[]>();
  // A marked sheet's text, inflated and decoded once for its widths and its rewrite.
  const sheetTexts = new Map<string, string>();
  const sheetText = (part: string): string => {
    const key = keyOf(part);
    let text = sheetTexts.get(key);
    if (text === undefined) {
      text = sheetPartText(reader, part);
      sheetTexts.set(key, text);
    }
    return text;
  };
  for (const s of sheets) {
    const rules = s.result.markPlan.rules;
    if (rules.length === 0) continue;
    const info = reader.sheets.find((x) => x.name === s.sheet);
    const place = info ? located.get(keyOf(info.part)) : undefined;
    if (!info || place === undefined || place instanceof XlsxFailure) {
      placed.set(
        s,
        rules.flatMap((rule) => placeRule(rule, () => 0)),
      );
      continue;
    }
    const widthOf = columnWidths(sheetText(info.part), place.conditionalFormattingAt);
    placed.set(
      s,
      rules.flatMap((rule) => placeRule(rule, widthOf)),
    );
  }
  const dxfs: string[] = [];
  let nextNumFmt = maxNumFmtId(styles) + 1;
  const dxfIndex = new Map<string, number>();
  const numFmtIds = new Map<string, number>();
  for (const rules of placed.values()) {
    for (const rule of rules) {
      const key = dxfKey(rule);
      if (dxfIndex.has(key)) continue;
      dxfIndex.set(key, dxfs.length);
      let id: number | undefined;
      if (rule.numberFormat !== undefined) {
        id = numFmtIds.get(rule.numberFormat) ?? nextNumFmt++;
        numFmtIds.set(rule.numberFormat, id);
      }
      dxfs.push(
        dxfXml(
          rule.rule.status,
          rule.numberFormat !== undefined && id !== undefined
            ? { id, code: rule.numberFormat }
            : undefined,
          rule.border,
          sp,
          rule.plain !== true,
        ),
      );
    }
  }
  // (the styles as read above: nothing has changed them yet)
  const addedDxfs = appendToCollections(
    styles,
    sp,
    [{ collection: 'dxfs', children: dxfs }],
    stylesPart,
    originalStyles,
  );
  styles = addedDxfs.xml;
  const dxfBase = addedDxfs.firstIndex[0] as number;

  // Conditional formats on each checked sheet, where the reader says they go.
  let ruleCount = 0;
  const fragments = new Map<
    string,
    {
      text: string;
      at: number;
      prefix: string;
      priority: number;
      xml: string[];
      info: (typeof reader.sheets)[number];
      notes: MarkNote[];
    }
  >();
  for (const s of sheets) {
    const rules = placed.get(s) ?? [];
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
      const text = sheetText(info.part);
      entry = {
        text,
        at: place.conditionalFormattingAt,
        prefix: rootPrefix(text, 'worksheet'),
        priority: maxPriority(text),
        xml: [],
        info,
        notes: [],
      };
      fragments.set(key, entry);
    }
    if (options.notes) {
      const targetSet = s.result.targetSet;
      entry.notes.push(
        ...markNotes(s.result.markPlan, { locale, ...(targetSet ? { targetSet } : {}) }),
      );
    }
    const prefix = entry.prefix;
    let priority = entry.priority + entry.xml.length;
    for (const placedRule of rules) {
      const rule = placedRule.rule;
      const dxf = dxfBase + (dxfIndex.get(dxfKey(placedRule)) as number);
      const formula = markRuleFormula(rule.condition, firstCell(placedRule.ranges[0] as string));
      priority++;
      ruleCount++;
      entry.xml.push(
        `<${prefix}conditionalFormatting sqref="${placedRule.ranges.join(' ')}"><${prefix}cfRule type="expression" dxfId="${dxf}" priority="${priority}" stopIfTrue="1"><${prefix}formula>${escapeXml(formula)}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`,
      );
    }
  }
  // Notes: for each sheet with some, its comments part and VML drawing, and the sheet's
  // relationships to them (a sheet with notes or a drawing of its own is left as it is).
  const used = new Set(pkg.entries.map((e) => e.name.toLowerCase()));
  const freeName = (make: (n: number) => string): string => {
    let n = 1;
    while (used.has(make(n).toLowerCase())) n++;
    const name = make(n);
    used.add(name.toLowerCase());
    return name;
  };
  const added: { name: string; text: string }[] = [];
  const typeOverrides: string[] = [];
  let noteCount = 0;
  const notesSkipped: string[] = [];
  let nextBlock =
    maxVmlBlock(pkg.entries.filter((e) => /\.vml$/i.test(e.name)).map((e) => pkg.text(e.name))) + 1;
  sheetTexts.clear();
  for (const [key, entry] of fragments) {
    const { text, at, xml, notes, info } = entry;
    const legacy = notes.length > 0 ? legacyDrawingAt(text, at, info.part) : undefined;
    const sheetRelsPart = relsPartFor(info.part);
    const sheetRels = pkg.has(sheetRelsPart) ? partText(pkg, sheetRelsPart) : undefined;
    const relations = sheetRels ? parseRelationships(sheetRels, sheetRelsPart, info.part) : [];
    const ownNotes = relations.some((x) => x.type === REL_COMMENTS || x.type === REL_VML);
    if (notes.length > 0 && (legacy === undefined || ownNotes)) notesSkipped.push(info.name);
    if (notes.length === 0 || legacy === undefined || ownNotes) {
      changed.set(key, [text.slice(0, at), ...xml, text.slice(at)]);
      continue;
    }
    const commentsPart = freeName((n) => `xl/comments${n}.xml`);
    const vmlPart = freeName((n) => `xl/drawings/vmlDrawing${n}.vml`);
    added.push({ name: commentsPart, text: commentsXml(notes) });
    added.push({ name: vmlPart, text: vmlXml(notes, nextBlock) });
    nextBlock += vmlBlocks(notes.length);
    typeOverrides.push(`<Override PartName="/${commentsPart}" ContentType="${CT_COMMENTS}"/>`);
    noteCount += notes.length;
    const ids = new Set(relations.map((x) => x.id));
    let k = relations.length + 1;
    const freeId = () => {
      while (ids.has(`rId${k}`)) k++;
      ids.add(`rId${k}`);
      return `rId${k}`;
    };
    const commentsId = freeId();
    const vmlId = freeId();
    const relative = (part: string) => relativeTarget(info.part, part);
    const newRels =
      `<Relationship Id="${commentsId}" Type="${REL_COMMENTS}" Target="${relative(commentsPart)}"/>` +
      `<Relationship Id="${vmlId}" Type="${REL_VML}" Target="${relative(vmlPart)}"/>`;
    if (sheetRels !== undefined && relations.length > 0) {
      const last = relations[relations.length - 1] as (typeof relations)[number];
      const own = newRels.replace(/<Relationship /g, `<${last.prefix}Relationship `);
      changed.set(
        keyOf(sheetRelsPart),
        sheetRels.slice(0, last.end) + own + sheetRels.slice(last.end),
      );
    } else if (sheetRels !== undefined) {
      changed.set(
        keyOf(sheetRelsPart),
        insertBeforeClose(sheetRels, 'Relationships', newRels, sheetRelsPart),
      );
    } else {
      added.push({
        name: sheetRelsPart,
        text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${newRels}</Relationships>`,
      });
      used.add(sheetRelsPart.toLowerCase());
    }
    const relNs =
      /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
        text.slice(0, at),
      )?.[1];
    const drawing = relNs
      ? `<${entry.prefix}legacyDrawing ${relNs}:id="${vmlId}"/>`
      : `<${entry.prefix}legacyDrawing r:id="${vmlId}" xmlns:r="${NS_REL}"/>`;
    changed.set(key, [
      text.slice(0, at),
      ...xml,
      text.slice(at, legacy),
      drawing,
      text.slice(legacy),
    ]);
  }

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
    printable: true,
    fitRows: true,
  });
  // The copy's styles must read as the original's, with the new ones after them.
  const copiedStyles = parseStyles(summary.styles, stylesPart);
  if (originalStyles.cellFormats.some((format, i) => copiedStyles.cellFormats[i] !== format)) {
    fail({ code: 'corrupt-part', reason: 'styles-not-extensible', part: stylesPart });
  }
  changed.set(keyOf(stylesPart), summary.styles);

  // Register the new sheet: a free part name, a relationship, the workbook's sheet list, a content
  // type; each added after the last one the reader finds.
  let n = reader.sheets.length + 1;
  while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const summaryPart = `xl/worksheets/sheet${n}.xml`;
  const workbookXml = partText(pkg, workbookPart);
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
  // The report's title rows print at the top of every page: the sheet's _xlnm.Print_Titles
  // (its index: the last of the list).
  const titleRows = report.rows.length > 1 && options.date !== undefined ? 2 : 1;
  const printTitles = `<${wp}definedName name="_xlnm.Print_Titles" localSheetId="${workbook.sheets.length}">${escapeXml(`${quoteSheet(summaryName)}!$1:$${titleRows}`)}</${wp}definedName>`;
  const names = definedNamesAt(workbookXml, workbookPart);
  const withSheet =
    workbookXml.slice(0, sheetAt) +
    `<${wp}sheet name="${escapeXml(summaryName)}" sheetId="${maxSheetId + 1}" ${relAttr}="${relId}"${nsDecl}/>`;
  changed.set(
    keyOf(workbookPart),
    names.at < sheetAt
      ? // a list of names before the sheets (a damaged part the reader still reads): no titles
        withSheet + workbookXml.slice(sheetAt)
      : names.inside
        ? withSheet +
          workbookXml.slice(sheetAt, names.at) +
          printTitles +
          workbookXml.slice(names.at)
        : withSheet +
          workbookXml.slice(sheetAt, names.at) +
          `<${wp}definedNames>${printTitles}</${wp}definedNames>` +
          workbookXml.slice(names.end ?? names.at),
  );
  const types = partText(pkg, '[Content_Types].xml');
  const hasVml = /<Default\b[^>]*Extension="vml"/i.test(types);
  changed.set(
    keyOf('[Content_Types].xml'),
    insertBeforeClose(
      types,
      'Types',
      (added.some((a) => a.name.endsWith('.vml')) && !hasVml
        ? `<Default Extension="vml" ContentType="${CT_VML}"/>`
        : '') +
        typeOverrides.join('') +
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
  for (const part of added) zip.add(part.name, part.text);
  // The report sheet, written as it is deflated (never whole).
  zip.addChunks(summaryPart, summary.chunks());
  return {
    success: true,
    data: {
      bytes: zip.finish(),
      summarySheet: summaryName,
      rules: ruleCount,
      notes: noteCount,
      notesSkipped,
    },
  };
}

/** Children of a worksheet that come after legacyDrawing (CT_Worksheet's order). */
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/**
 * Where a worksheet's legacyDrawing goes (at or after `from`, where the conditional formats
 * went): before the first child that must follow it, else before the end tag. Undefined when the
 * sheet has one already (its notes or controls: the copy adds none).
 */
function legacyDrawingAt(text: string, from: number, part: string): number | undefined {
  const r = new XmlReader(text, part);
  let k = r.next();
  while (k !== EOF && k !== START) k = r.next(); // the root
  for (k = r.next(); k !== EOF; k = r.next()) {
    const at = text.lastIndexOf('<', r.nameStart);
    if (k === END) return Math.max(at, from);
    if (k !== START) continue;
    if (r.is('legacyDrawing')) return undefined;
    if (at >= from && AFTER_LEGACY_DRAWING.has(r.name.replace(/^.*:/, ''))) return at;
    r.skipElement();
  }
  return undefined;
}

/**
 * Where the print titles go in workbook.xml: before the end of its definedNames (`inside`), or,
 * when it has none, where the list goes (after the sheets, function groups and external
 * references, before everything else).
 */
function definedNamesAt(xml: string, part: string): { at: number; inside: boolean; end?: number } {
  const r = new XmlReader(xml, part);
  let k = r.next();
  while (k !== EOF && k !== START) k = r.next(); // the root
  let after: number | undefined;
  let before: number | undefined;
  for (k = r.next(); k !== EOF; k = r.next()) {
    const at = xml.lastIndexOf('<', r.nameStart);
    if (k === END) {
      before ??= at;
      break;
    }
    if (k !== START) continue;
    const name = r.name.replace(/^.*:/, '');
    if (name === 'definedNames') {
      if (r.selfClosing) {
        // <definedNames/>: replaced by one with the name (the same place).
        return { at, inside: false, end: r.pos };
      }
      r.skipElement();
      return { at: xml.lastIndexOf('<', r.nameStart), inside: true };
    }
    r.skipElement();
    if (name === 'sheets' || name === 'functionGroups' || name === 'externalReferences') {
      after = r.pos;
      before = undefined;
    } else if (after !== undefined) before ??= at;
  }
  return { at: before ?? after ?? xml.length, inside: false };
}

/** The target of a relationship from `from` to `to` (both part names), relative: "../comments1.xml". */
function relativeTarget(from: string, to: string): string {
  const base = from.split('/').slice(0, -1);
  const target = to.split('/');
  let i = 0;
  while (i < base.length && i < target.length - 1 && base[i] === target[i]) i++;
  return [...base.slice(i).map(() => '..'), ...target.slice(i)].join('/');
}
