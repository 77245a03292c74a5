/**
 * Annotated copies: the original workbook with the engine's mark plans applied as live
 * conditional formats, and a summary sheet "Kết quả kiểm tra" whose rows give each marked
 * cell's reason with a link to the cell. Everything else is kept byte for byte: unchanged zip
 * entries are copied as stored, and the changed parts only gain what the marks need
 * (conditionalFormatting elements, dxf styles, two cell styles, the new sheet and its entries).
 */
import {
  type CheckContext,
  columnName,
  type Locale,
  MARK_STYLES,
  type MarkPlan,
  type MarkRule,
  type MarkStatus,
  markRuleFormula,
  type SheetFinding,
  statusLabel,
} from '@chitieu/engine';
import { toXlsxError, type XlsxError } from '../errors.js';
import type { ReadOptions } from '../limits.js';
import { openWorkbook } from '../workbook.js';
import {
  appendToCollection,
  attributes,
  escapeXml,
  insertBeforeClose,
  insertConditionalFormatting,
  maxNumFmtId,
  maxPriority,
  readRelationships,
  relsPathOf,
  resolveTarget,
  rootPrefix,
} from './parts.js';
import { ZipWriter } from './zip-writer.js';

export interface SheetAnnotation {
  /** The worksheet's name, as in the workbook. */
  readonly sheet: string;
  readonly plan: MarkPlan;
  readonly findings: readonly SheetFinding[];
  readonly context: CheckContext;
}

export interface AnnotateOptions extends ReadOptions {
  readonly locale?: Locale;
  /** Name of the summary sheet; default "Kết quả kiểm tra" (or "Check results" in English). */
  readonly summarySheetName?: string;
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
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const WORDS = {
  vi: {
    sheet: 'Kết quả kiểm tra',
    title: 'KẾT QUẢ KIỂM TRA CHỈ TIÊU',
    note: 'Bảng do Chỉ Tiêu thêm vào; bấm vào địa chỉ ô để đến ô đó. Các ô được đánh dấu bằng định dạng có điều kiện và tự đổi màu khi sửa số liệu.',
    headers: ['Trang tính', 'Ô', 'Chỉ tiêu', 'Quý', 'Trạng thái', 'Lý do'],
    context: (c: CheckContext, sheet: string) =>
      `Trang tính "${sheet}" — đơn vị: ${c.unitName ?? '(chưa rõ)'}; bộ chỉ tiêu: ${c.targetSetId ?? '?'}; cấp: ${c.level ?? '?'}; kiểm tra đến Quý ${['I', 'II', 'III', 'IV'][(c.quarter ?? 1) - 1]}`,
    quarter: (q: number) => `Quý ${['I', 'II', 'III', 'IV'][q - 1]}`,
    none: 'Không có ô nào cần đánh dấu.',
  },
  en: {
    sheet: 'Check results',
    title: 'TARGET CHECK RESULTS',
    note: 'Sheet added by Chỉ Tiêu; click a cell address to go to the cell. Marked cells use conditional formats and recolour as figures are corrected.',
    headers: ['Sheet', 'Cell', 'Indicator', 'Quarter', 'Status', 'Reason'],
    context: (c: CheckContext, sheet: string) =>
      `Sheet "${sheet}" — unit: ${c.unitName ?? '(not named)'}; target set: ${c.targetSetId ?? '?'}; level: ${c.level ?? '?'}; checked through Q${c.quarter ?? '?'}`,
    quarter: (q: number) => `Q${q}`,
    none: 'No cell needed marking.',
  },
};

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

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

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function firstCell(range: string): string {
  return range.split(':')[0] as string;
}

function inlineCell(ref: string, text: string, style?: number): string {
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
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
  const words = WORDS[locale];
  const changed = new Map<string, string>();

  // Where the workbook keeps its styles and relationships.
  const workbookPart = reader.workbookPart;
  const workbookRelsPart = relsPathOf(workbookPart);
  const workbookRels = pkg.text(workbookRelsPart);
  const rels = readRelationships(workbookRels);
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  const stylesPart = stylesRel ? resolveTarget(workbookPart, stylesRel.target) : 'xl/styles.xml';
  let styles = pkg.has(stylesPart) ? pkg.text(stylesPart) : '';
  if (styles === '') throw new Error('the workbook has no styles part');
  const sp = rootPrefix(styles, 'styleSheet');

  // dxf styles: one per status and number format used by the rules.
  const dxfKeys: string[] = [];
  const dxfs: string[] = [];
  let nextNumFmt = maxNumFmtId(styles) + 1;
  const dxfIndex = new Map<string, number>();
  for (const s of sheets) {
    for (const rule of s.plan.rules) {
      const key = `${rule.status}|${rule.numberFormat ?? ''}`;
      if (dxfIndex.has(key)) continue;
      dxfIndex.set(key, dxfKeys.length);
      dxfKeys.push(key);
      dxfs.push(
        dxfXml(
          rule.status,
          rule.numberFormat ? { id: nextNumFmt++, code: rule.numberFormat } : undefined,
          sp,
        ),
      );
    }
  }
  const cellStylesOrder = ['tableStyles', 'colors', 'extLst'];
  const addedDxfs = appendToCollection(styles, sp, 'dxfs', dxfs, cellStylesOrder, 'styleSheet');
  styles = addedDxfs.xml;
  const dxfBase = addedDxfs.firstIndex;
  // Two cell styles for the summary sheet: bold headings, and links.
  const fonts = appendToCollection(
    styles,
    sp,
    'fonts',
    [
      `<${sp}font><${sp}b/><${sp}sz val="11"/></${sp}font>`,
      `<${sp}font><${sp}u/><${sp}sz val="11"/><${sp}color rgb="FF0563C1"/></${sp}font>`,
    ],
    ['fills'],
    'styleSheet',
  );
  styles = fonts.xml;
  const xfs = appendToCollection(
    styles,
    sp,
    'cellXfs',
    [
      `<${sp}xf numFmtId="0" fontId="${fonts.firstIndex}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
      `<${sp}xf numFmtId="0" fontId="${fonts.firstIndex + 1}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
      `<${sp}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><${sp}alignment wrapText="1" vertical="top"/></${sp}xf>`,
    ],
    ['cellStyles', 'dxfs', 'tableStyles'],
    'styleSheet',
  );
  styles = xfs.xml;
  const BOLD = xfs.firstIndex;
  const LINK = xfs.firstIndex + 1;
  const WRAP = xfs.firstIndex + 2;
  changed.set(stylesPart, styles);

  // Conditional formats on each checked sheet.
  let ruleCount = 0;
  for (const s of sheets) {
    if (s.plan.rules.length === 0) continue;
    const info = reader.sheets.find((x) => x.name === s.sheet);
    if (!info || info.part === '') throw new Error(`no worksheet "${s.sheet}" in the workbook`);
    const xml = changed.get(info.part) ?? pkg.text(info.part);
    const prefix = rootPrefix(xml, 'worksheet');
    let priority = maxPriority(xml);
    const fragment = s.plan.rules
      .map((rule: MarkRule) => {
        const dxf = dxfBase + (dxfIndex.get(`${rule.status}|${rule.numberFormat ?? ''}`) as number);
        const formula = markRuleFormula(rule.condition, firstCell(rule.ranges[0] as string));
        priority++;
        ruleCount++;
        return `<${prefix}conditionalFormatting sqref="${rule.ranges.join(' ')}"><${prefix}cfRule type="expression" dxfId="${dxf}" priority="${priority}" stopIfTrue="1"><${prefix}formula>${escapeXml(formula)}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`;
      })
      .join('');
    changed.set(info.part, insertConditionalFormatting(xml, fragment));
  }

  // The summary sheet.
  const existingNames = new Set(reader.sheets.map((x) => x.name.toLowerCase()));
  let summaryName = options.summarySheetName ?? words.sheet;
  for (let n = 2; existingNames.has(summaryName.toLowerCase()); n++)
    summaryName = `${options.summarySheetName ?? words.sheet} (${n})`;
  const rows: string[] = [];
  const links: string[] = [];
  let r = 1;
  rows.push(`<row r="${r}">${inlineCell(`A${r}`, words.title, BOLD)}</row>`);
  r++;
  rows.push(`<row r="${r}">${inlineCell(`A${r}`, words.note)}</row>`);
  r += 2;
  for (const s of sheets) {
    rows.push(
      `<row r="${r}">${inlineCell(`A${r}`, words.context(s.context, s.sheet), BOLD)}</row>`,
    );
    r++;
  }
  r++;
  rows.push(
    `<row r="${r}">${words.headers.map((h, i) => inlineCell(`${columnName(i)}${r}`, h, BOLD)).join('')}</row>`,
  );
  const headerRow = r;
  r++;
  let any = false;
  for (const s of sheets) {
    const statusOf = new Map<string, MarkStatus>();
    for (const g of s.plan.groups) for (const c of g.cells) statusOf.set(c.cell, g.status);
    for (const f of s.findings) {
      const status = f.cell ? statusOf.get(f.cell) : undefined;
      const label = status
        ? statusLabel(status, locale)
        : f.code === 'unrecognised-row'
          ? statusLabel(f.code, locale)
          : undefined;
      if (!label) continue;
      any = true;
      const cells = [
        inlineCell(`A${r}`, s.sheet),
        f.cell ? inlineCell(`B${r}`, f.cell, LINK) : '',
        inlineCell(`C${r}`, f.indicatorId ?? ''),
        f.quarter ? inlineCell(`D${r}`, words.quarter(f.quarter)) : '',
        inlineCell(`E${r}`, label),
        inlineCell(`F${r}`, f.message, WRAP),
      ];
      rows.push(`<row r="${r}">${cells.join('')}</row>`);
      if (f.cell)
        links.push(
          `<hyperlink ref="B${r}" location="${escapeXml(`${quoteSheet(s.sheet)}!${f.cell}`)}" display="${escapeXml(f.cell)}"/>`,
        );
      r++;
    }
  }
  if (!any) {
    rows.push(`<row r="${r}">${inlineCell(`A${r}`, words.none)}</row>`);
  }
  const widths = [16, 8, 28, 9, 20, 90];
  const summaryXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`;

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
    const text = changed.get(entry.name);
    if (text !== undefined) zip.add(entry.name, text);
    else zip.copy(pkg, entry.name);
  }
  zip.add(summaryPart, summaryXml);
  return { ok: true, bytes: zip.finish(), summarySheet: summaryName, rules: ruleCount };
}
