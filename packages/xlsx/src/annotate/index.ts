/**
 * Annotated copies: the original workbook with the engine's mark plans applied as live
 * conditional formats, and a summary sheet "Kết quả kiểm tra" that is the engine's reviewer
 * report (`reportSheet`), the same sheet the add-in writes. Everything else is kept byte for
 * byte: unchanged zip entries are copied as stored, and the changed parts only gain what the
 * marks and the report need (conditionalFormatting elements, dxf and cell styles, the new sheet
 * and its entries).
 */
import {
  type Locale,
  MARK_STYLES,
  type MarkRule,
  type MarkStatus,
  markRuleFormula,
  REPORT_SHEET_NAME,
  reportSheet,
  type SheetCheck,
  type TargetSet,
} from '@chitieu/engine';
import { toXlsxError, type XlsxError } from '../errors.js';
import type { ReadOptions } from '../limits.js';
import { parseRelationships, relsPartFor, resolveTarget } from '../parts.js';
import { openWorkbook } from '../workbook.js';
import { argb, contentSheet } from './content.js';
import {
  appendToCollection,
  attributes,
  escapeXml,
  insertBeforeClose,
  insertConditionalFormatting,
  maxNumFmtId,
  maxPriority,
  rootPrefix,
} from './parts.js';
import { ZipWriter } from './zip-writer.js';

/** A worksheet of the workbook with the engine's check of it (the shape `reportSheet` takes). */
export interface SheetAnnotation {
  /** The worksheet's name, as in the workbook. */
  readonly sheet: string;
  /**
   * The check of the sheet: its mark plan is applied, and the report lists it. Sheets that are
   * not annexes, or that need an input, are listed in the report with the reason (no marks).
   */
  readonly result: SheetCheck;
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
}

export type AnnotateResult =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly summarySheet: string;
      readonly rules: number;
    }
  | { readonly ok: false; readonly error: XlsxError };

const REL_WORKSHEET =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function dxfXml(
  status: MarkStatus,
  numFmt: { id: number; code: string } | undefined,
  prefix: string,
): string {
  const style = MARK_STYLES[status];
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
    return { ok: false, error: toXlsxError(thrown) };
  }
}

function annotate(
  data: Uint8Array,
  sheets: readonly SheetAnnotation[],
  options: AnnotateOptions,
): AnnotateResult {
  const opened = openWorkbook(data, options);
  if (!opened.ok) return opened;
  const reader = opened.reader;
  const pkg = reader.package;
  const locale = options.locale ?? 'vi';
  const changed = new Map<string, string>();

  // Where the workbook keeps its styles and relationships.
  const workbookPart = reader.workbookPart;
  const workbookRelsPart = relsPartFor(workbookPart);
  const workbookRels = pkg.text(workbookRelsPart);
  const rels = parseRelationships(workbookRels, workbookRelsPart, workbookPart);
  const stylesPart = reader.stylesPart;
  let styles = stylesPart !== undefined && pkg.has(stylesPart) ? pkg.text(stylesPart) : '';
  if (stylesPart === undefined || styles === '') throw new Error('the workbook has no styles part');
  const sp = rootPrefix(styles, 'styleSheet');

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
  const addedDxfs = appendToCollection(styles, sp, 'dxfs', dxfs);
  styles = addedDxfs.xml;
  const dxfBase = addedDxfs.firstIndex;

  // Conditional formats on each checked sheet.
  let ruleCount = 0;
  for (const s of sheets) {
    const rules = s.result.markPlan.rules;
    if (rules.length === 0) continue;
    const info = reader.sheets.find((x) => x.name === s.sheet);
    if (!info || info.part === '') throw new Error(`no worksheet "${s.sheet}" in the workbook`);
    const xml = changed.get(info.part) ?? pkg.text(info.part);
    const prefix = rootPrefix(xml, 'worksheet');
    let priority = maxPriority(xml);
    const fragment = rules
      .map((rule: MarkRule) => {
        const dxf = dxfBase + (dxfIndex.get(dxfKey(rule)) as number);
        const formula = markRuleFormula(rule.condition, firstCell(rule.ranges[0] as string));
        priority++;
        ruleCount++;
        return `<${prefix}conditionalFormatting sqref="${rule.ranges.join(' ')}"><${prefix}cfRule type="expression" dxfId="${dxf}" priority="${priority}" stopIfTrue="1"><${prefix}formula>${escapeXml(formula)}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`;
      })
      .join('');
    changed.set(info.part, insertConditionalFormatting(xml, fragment));
  }

  // The summary sheet: the engine's report, and the cell styles it uses.
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
  const summary = contentSheet(styles, report, { nextNumFmtId: nextNumFmt });
  changed.set(stylesPart, summary.styles);
  const summaryXml = summary.sheetXml;

  // Register the new sheet: a free part name, a relationship, the workbook's sheet list, a content type.
  const used = new Set(pkg.entries.map((e) => e.name.toLowerCase()));
  let n = reader.sheets.length + 1;
  while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const summaryPart = `xl/worksheets/sheet${n}.xml`;
  const ids = new Set(rels.map((x) => x.id));
  let k = rels.length + 1;
  while (ids.has(`rId${k}`)) k++;
  const relId = `rId${k}`;
  const relTarget =
    resolveTarget(workbookPart, 'worksheets/x') === 'xl/worksheets/x'
      ? `worksheets/sheet${n}.xml`
      : `/${summaryPart}`;
  const relsPrefix = rootPrefix(workbookRels, 'Relationships');
  changed.set(
    workbookRelsPart,
    insertBeforeClose(
      workbookRels,
      'Relationships',
      `<${relsPrefix}Relationship Id="${relId}" Type="${REL_WORKSHEET}" Target="${relTarget}"/>`,
    ),
  );
  const workbookXml = pkg.text(workbookPart);
  const wp = rootPrefix(workbookXml, 'workbook');
  let maxSheetId = 0;
  const sheetRe = new RegExp(`<${wp}sheet\\b[^>]*>`, 'g');
  for (let m = sheetRe.exec(workbookXml); m; m = sheetRe.exec(workbookXml))
    maxSheetId = Math.max(maxSheetId, Number(attributes(m[0]).get('sheetId') ?? 0));
  const relNs =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      workbookXml,
    )?.[1];
  const relAttr = relNs ? `${relNs}:id` : 'r:id';
  const nsDecl = relNs ? '' : ` xmlns:r="${NS_REL}"`;
  changed.set(
    workbookPart,
    insertBeforeClose(
      workbookXml,
      'sheets',
      `<${wp}sheet name="${escapeXml(summaryName)}" sheetId="${maxSheetId + 1}" ${relAttr}="${relId}"${nsDecl}/>`,
    ),
  );
  const types = pkg.text('[Content_Types].xml');
  changed.set(
    '[Content_Types].xml',
    insertBeforeClose(
      types,
      'Types',
      `<Override PartName="/${summaryPart}" ContentType="${CT_WORKSHEET}"/>`,
    ),
  );

  // The copy: unchanged entries as stored, changed parts rewritten, the new sheet added.
  const zip = new ZipWriter();
  for (const entry of pkg.entries) {
    if (entry.name.endsWith('/')) continue; // a folder entry (ExcelJS writes them): no part
    const text = changed.get(entry.name);
    if (text !== undefined) zip.add(entry.name, text);
    else zip.copy(pkg, entry.name);
  }
  zip.add(summaryPart, summaryXml);
  return { ok: true, bytes: zip.finish(), summarySheet: summaryName, rules: ruleCount };
}
