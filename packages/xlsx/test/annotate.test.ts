import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkSheet,
  type Grid,
  type MergedArea,
  markRuleFormula,
  reportSheet,
  type SheetCheck,
  STATUS,
} from '@chitieu/engine';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AnnotateOptions,
  annotateWorkbook,
  type SheetAnnotation,
} from '../src/annotate/index.js';
import { ZipWriter } from '../src/annotate/zip-writer.js';
import { openWorkbook, readWorkbook } from '../src/workbook.js';
import { EOF, START, XmlReader } from '../src/xml.js';
import { MAIN_NS, rawWorkbook, rawWorkbookParts, stylesXml, zipParts } from './helpers.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Checks every annex sheet of a workbook, as the command line does. */
function checkAll(bytes: Uint8Array): { sheet: string; result: SheetCheck; grid: Grid }[] {
  const read = readWorkbook(bytes);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  return read.data.sheets
    .map((s) => ({ sheet: s.name, grid: s.grid, result: checkSheet(s.grid) }))
    .filter((s) => s.result.status === 'checked');
}

/** Every sheet of a workbook with its check, not-annexes included, as the command line passes them. */
function checkEvery(bytes: Uint8Array): { sheet: string; result: SheetCheck }[] {
  const read = readWorkbook(bytes);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  return read.data.sheets.map((s) => ({ sheet: s.name, result: checkSheet(s.grid) }));
}

function annotate(bytes: Uint8Array, options: AnnotateOptions = {}) {
  const result = annotateWorkbook(bytes, checkEvery(bytes), options);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** The rows of a sheet of a workbook as values, by 0-based sheet row (the grid may start lower). */
function sheetValues(bytes: Uint8Array, name: string): (string | number | boolean | null)[][] {
  const read = readWorkbook(bytes);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const grid = read.data.sheets.find((s) => s.name === name)?.grid;
  if (!grid) throw new Error(`no sheet ${name}`);
  const top = grid.origin?.row ?? 0;
  const left = grid.origin?.column ?? 0;
  const out: (string | number | boolean | null)[][] = Array.from({ length: top }, () => []);
  for (const row of grid.rows)
    out.push([...new Array(left).fill(null), ...(row ?? []).map((c) => c?.value ?? null)]);
  return out;
}

const byArea = (a: MergedArea, b: MergedArea) =>
  a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right;

/** Splits XML into tag-led tokens and blanks out collection counts (they change with additions). */
function tokens(xml: string): string[] {
  return xml
    .replace(/ count="\d+"/g, ' count=""')
    .replace(/<(\w+)( [^>]*?)?\s*\/>/g, (m, tag: string, attrs = '') =>
      /count=""/.test(attrs) ? `<${tag}${attrs}></${tag}>` : m,
    )
    .split(/(?=<)/);
}

/**
 * The chunks `copy` adds to `original`, at tag level; fails if anything of the original is
 * missing or changed (other than collection counts).
 */
function insertions(original: string, copy: string, part = ''): string[] {
  const a = tokens(original);
  const b = tokens(copy);
  const chunks: string[] = [];
  let i = 0;
  let current = '';
  for (const token of b) {
    if (i < a.length && token === a[i]) {
      if (current) chunks.push(current);
      current = '';
      i++;
    } else current += token;
  }
  if (current) chunks.push(current);
  expect(i, `every token of ${part} is kept, in order (first missing: ${a[i]?.slice(0, 80)})`).toBe(
    a.length,
  );
  return chunks;
}

const ALLOWED: Record<string, RegExp> = {
  sheet:
    /^(<conditionalFormatting sqref="[A-Z]+\d+(:[A-Z]+\d+)?( [A-Z]+\d+(:[A-Z]+\d+)?)*"><cfRule type="expression" dxfId="\d+" priority="\d+" stopIfTrue="1"><formula>[^<]+<\/formula><\/cfRule><\/conditionalFormatting>)+$/,
  styles:
    /^((<dxf>.*?<\/dxf>)+|<dxfs count="">(<dxf>.*?<\/dxf>)+<\/dxfs>|(<font>.*?<\/font>)+|(<fill><patternFill patternType="solid"><fgColor rgb="FF[0-9A-F]{6}"\/><bgColor indexed="64"\/><\/patternFill><\/fill>)+|<border><left style="thin">.*?<diagonal\/><\/border>|(<xf [^>]*><alignment [^>]*\/><\/xf>)+)$/,
  workbook:
    /^(<sheet name="Kết quả kiểm tra" sheetId="\d+" r:id="rId\d+"\/>|<definedName name="_xlnm\.Print_Titles" localSheetId="\d+">'Kết quả kiểm tra'!\$1:\$1<\/definedName>)$/,
  rels: /^<Relationship Id="rId\d+" Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/worksheet" Target="worksheets\/sheet\d+\.xml"\/>$/,
  types:
    /^<Override PartName="\/xl\/worksheets\/sheet\d+\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.worksheet\+xml"\/>$/,
};

function kindOf(part: string): string {
  if (part === '[Content_Types].xml') return 'types';
  if (part.endsWith('.rels')) return 'rels';
  if (part.endsWith('workbook.xml')) return 'workbook';
  if (part.endsWith('styles.xml')) return 'styles';
  return 'sheet';
}

/** The example workbook with more in it than annexes have: a chart, an image, a pivot table, a user's own conditional format and defined names. */
function richExample(): Uint8Array {
  const base = example('so-tu-phap.xlsx');
  const opened = openWorkbook(base);
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  const pkg = opened.data.package;
  const zip = new ZipWriter();
  for (const entry of pkg.entries) {
    if (entry.name === 'xl/worksheets/sheet1.xml') {
      const xml = pkg.text(entry.name);
      const userRule =
        '<conditionalFormatting sqref="N12:N40"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="Năm"><formula>NOT(ISERROR(SEARCH("Năm",N12)))</formula></cfRule></conditionalFormatting>';
      zip.add(entry.name, xml.replace('<pageMargins', `${userRule}<pageMargins`));
    } else if (entry.name === 'xl/workbook.xml') {
      const xml = pkg
        .text(entry.name)
        .replace(
          '</sheets>',
          '</sheets><definedNames><definedName name="ChiTieuNam">\'Phụ lục\'!$E$12:$E$40</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">\'Phụ lục\'!$A$1:$N$40</definedName></definedNames>',
        );
      zip.add(entry.name, xml);
    } else if (entry.name === 'xl/styles.xml') {
      const xml = pkg.text(entry.name);
      // the user's rule needs a dxf of its own
      const own = '<dxfs count="1"><dxf><font><i/></font></dxf></dxfs>';
      const withDxf = /<dxfs count="0"\/>/.test(xml)
        ? xml.replace(/<dxfs count="0"\/>/, own)
        : xml.replace(/<\/cellStyles>|<cellStyles[^>]*\/>/, (m) => `${m}${own}`);
      expect(withDxf).toContain(own);
      zip.add(entry.name, withDxf);
    } else zip.copy(pkg, entry.name);
  }
  zip.add(
    'xl/charts/chart1.xml',
    '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
  );
  zip.add(
    'xl/media/image1.png',
    new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)),
  );
  zip.add(
    'xl/pivotTables/pivotTable1.xml',
    '<?xml version="1.0"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="PivotTable1"/>',
  );
  return zip.finish();
}

describe('annotated copy: only the additions the marks need', () => {
  const original = richExample();
  const { bytes: copy, summarySheet, rules } = annotate(original);
  const before = unzipSync(original);
  const after = unzipSync(copy);

  it('keeps every part; unchanged parts are byte for byte the same', () => {
    const added = Object.keys(after).filter((name) => !(name in before));
    expect(added).toEqual([expect.stringMatching(/^xl\/worksheets\/sheet\d+\.xml$/)]);
    const changed = Object.keys(before).filter(
      (name) => text(before[name] as Uint8Array) !== text(after[name] as Uint8Array),
    );
    expect(changed.sort()).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const name of [
      'xl/charts/chart1.xml',
      'xl/media/image1.png',
      'xl/pivotTables/pivotTable1.xml',
      'xl/sharedStrings.xml',
    ]) {
      if (name in before) expect(after[name], name).toEqual(before[name]);
    }
  });

  it('changes the changed parts only by additions of the allowed kinds', () => {
    for (const name of [
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]) {
      const chunks = insertions(
        text(before[name] as Uint8Array),
        text(after[name] as Uint8Array),
        name,
      );
      expect(chunks.length, name).toBeGreaterThan(0);
      for (const chunk of chunks) expect(chunk, name).toMatch(ALLOWED[kindOf(name)] as RegExp);
    }
  });

  it("keeps the user's own conditional format first, and its defined names", () => {
    const sheet = text(after['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<cfRule type="containsText" dxfId="0" priority="1"');
    const priorities = [...sheet.matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]));
    expect(priorities).toEqual(Array.from({ length: rules + 1 }, (_, i) => i + 1));
    expect(text(after['xl/workbook.xml'] as Uint8Array)).toContain(
      '<definedName name="ChiTieuNam">',
    );
  });

  it('declares collection counts that match their children', () => {
    const styles = text(after['xl/styles.xml'] as Uint8Array);
    for (const [collection, child] of [
      ['dxfs', 'dxf'],
      ['fonts', 'font'],
      ['cellXfs', 'xf'],
    ] as const) {
      const m = new RegExp(`<${collection} count="(\\d+)"[^>]*>(.*?)</${collection}>`, 's').exec(
        styles,
      );
      expect(m, collection).not.toBeNull();
      const children = (m?.[2] ?? '').match(new RegExp(`<${child}[ >/]`, 'g'))?.length ?? 0;
      expect(Number(m?.[1]), collection).toBe(children);
    }
  });

  it('adds the summary sheet "Kết quả kiểm tra": the engine\'s report, cell for cell', () => {
    expect(summarySheet).toBe('Kết quả kiểm tra');
    const read = readWorkbook(copy);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    expect(read.data.sheets.map((s) => s.name)).toEqual(['Phụ lục', 'Kết quả kiểm tra']);
    const report = reportSheet(checkEvery(original));
    const values = sheetValues(copy, 'Kết quả kiểm tra');
    expect(values.length).toBe(report.rows.length);
    report.rows.forEach((row, r) => {
      const width = Math.max(row.length, values[r]?.length ?? 0);
      for (let c = 0; c < width; c++)
        expect(values[r]?.[c] ?? null, `row ${r + 1}, column ${c + 1}`).toBe(row[c]?.value ?? null);
    });
    const merges = read.data.sheets[1]?.grid.merges ?? [];
    expect([...merges].sort(byArea)).toEqual([...(report.merges ?? [])].sort(byArea));
    // the finding of K13, with its reason
    expect(values.find((r) => r[1] === 'K13')).toEqual([
      'Phụ lục',
      'K13',
      '2. Thanh toán trực tuyến',
      'Quý II',
      '74,5%',
      '75%',
      '0,5 điểm %',
      '✗ Dưới tối thiểu',
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)',
    ]);
  });

  it('links each cell to review to its cell on the annex', () => {
    const summaryPart = Object.keys(after).find((n) => !(n in before)) as string;
    const xml = text(after[summaryPart] as Uint8Array);
    const links = [
      ...xml.matchAll(/<hyperlink ref="(B\d+)" location="'Phụ lục'!([A-Z]+\d+)" display="\2"\/>/g),
    ].map((m) => [m[1], m[2]]);
    expect(links.map(([, target]) => target)).toEqual([
      'K13',
      'K15',
      'K21',
      'K22',
      'K24',
      'K25',
      'J28',
      'J29',
      'K29',
      'K30',
    ]);
    const report = reportSheet(checkEvery(original));
    expect(links).toEqual(report.links?.map((l) => [l.cell, l.target]));
    // each link is on the row of its cell
    const values = sheetValues(copy, 'Kết quả kiểm tra');
    for (const [cell, target] of links) {
      const row = Number((cell as string).slice(1)) - 1;
      expect(values[row]?.[1]).toBe(target);
    }
  });

  it('re-read, the copy has the same cells and gives the same marks', () => {
    const again = checkAll(copy);
    const first = checkAll(original);
    expect(again.map((c) => c.sheet)).toEqual(['Phụ lục']);
    expect(again[0]?.grid).toEqual(first[0]?.grid);
    expect(again[0]?.result.markPlan).toEqual(first[0]?.result.markPlan);
  });

  it('writes each rule of the plan as one conditional format with its formula and style', () => {
    const plan = checkAll(original)[0]?.result.markPlan;
    const sheet = text(after['xl/worksheets/sheet1.xml'] as Uint8Array);
    const written = [
      ...sheet.matchAll(
        /<conditionalFormatting sqref="([^"]+)"><cfRule type="expression" dxfId="(\d+)"[^>]*><formula>([^<]+)<\/formula>/g,
      ),
    ].map((m) => ({
      sqref: m[1],
      dxf: Number(m[2]),
      formula: (m[3] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    }));
    expect(written.map((w) => [w.sqref, w.formula])).toEqual(
      plan?.rules.map((r) => [
        r.ranges.join(' '),
        markRuleFormula(r.condition, (r.ranges[0] as string).split(':')[0] as string),
      ]),
    );
    // each rule's style carries its status colours
    const styles = text(after['xl/styles.xml'] as Uint8Array);
    const dxfs = [
      ...(/<dxfs count="\d+"[^>]*>(.*?)<\/dxfs>/s.exec(styles)?.[1] ?? '').matchAll(
        /<dxf>.*?<\/dxf>/g,
      ),
    ].map((m) => m[0]);
    plan?.rules.forEach((rule, i) => {
      const dxf = dxfs[written[i]?.dxf as number] ?? '';
      expect(dxf).toContain(`FF${STATUS[rule.status].fill.slice(1)}`);
      if (rule.numberFormat) expect(dxf).toContain(rule.numberFormat.replace(/"/g, '&quot;'));
    });
  });

  it('never changes the input bytes', () => {
    const input = example('so-tu-phap.xlsx');
    const copyOfInput = input.slice();
    annotate(input);
    expect(input).toEqual(copyOfInput);
  });

  it('reports a clear error instead of throwing for a file that is not a workbook', () => {
    const result = annotateWorkbook(new Uint8Array([1, 2, 3]), []);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('not-a-zip');
  });
});

describe('the summary sheet of an annotated copy', () => {
  it('lists the sheets that are not annexes, with the reason, after the annex', () => {
    const bytes = example('so-noi-vu.xlsx');
    const { bytes: copy, rules } = annotate(bytes);
    expect(rules).toBeGreaterThan(0);
    const values = sheetValues(copy, 'Kết quả kiểm tra');
    const headings = values.filter((r) => String(r[0] ?? '').startsWith('Trang tính: '));
    expect(headings.map((r) => r[0])).toEqual(['Trang tính: Phụ lục', 'Trang tính: Ghi chú']);
    expect(values[values.length - 1]).toEqual([
      'Không kiểm tra',
      'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
    ]);
    // the sheet that is not an annex gets no marks
    const files = unzipSync(copy);
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    const marked = sheets.filter((n) => text(files[n] as Uint8Array).includes('<cfRule'));
    expect(marked).toEqual(['xl/worksheets/sheet1.xml']);
  });

  it('lists the targets that differ from the official ones, linked to their cells', () => {
    const { bytes: copy } = annotate(example('so-tu-phap-ban-sua.xlsx'));
    const values = sheetValues(copy, 'Kết quả kiểm tra');
    const e13 = values.find((r) => r[1] === 'E13');
    expect(e13?.slice(0, 8)).toEqual([
      'Phụ lục',
      'E13',
      '2. Thanh toán trực tuyến',
      'Chỉ tiêu năm',
      '80%',
      '85%',
      '-5 điểm %',
      '≠ Chỉ tiêu bị sửa',
    ]);
    const xml = text(unzipSync(copy)['xl/worksheets/sheet2.xml'] as Uint8Array);
    expect(xml).toContain('location="\'Phụ lục\'!E13" display="E13"');
  });

  it('takes "Kết quả kiểm tra (2)" when the name is taken, and the name given', () => {
    const once = annotate(example('so-tu-phap.xlsx')).bytes;
    const twice = annotateWorkbook(once, checkEvery(example('so-tu-phap.xlsx')));
    expect(twice.success && twice.data.summarySheet).toBe('Kết quả kiểm tra (2)');
    const named = annotate(example('so-tu-phap.xlsx'), { summarySheetName: 'Báo cáo' });
    expect(named.summarySheet).toBe('Báo cáo');
    expect(sheetValues(named.bytes, 'Báo cáo')[0]).toEqual(['KẾT QUẢ KIỂM TRA CHỈ TIÊU']);
  });

  it('is in English with --lang en, and writes a date only when given one', () => {
    const bytes = example('so-tu-phap.xlsx');
    const en = annotate(bytes, { locale: 'en' });
    expect(en.summarySheet).toBe('Check results');
    const values = sheetValues(en.bytes, 'Check results');
    expect(values[0]).toEqual(['TARGET CHECK RESULTS']);
    expect(values[2]).toEqual(['Sheet: Phụ lục']);
    const dated = annotate(bytes, { date: '30/06/2025' });
    expect(sheetValues(dated.bytes, 'Kết quả kiểm tra').slice(0, 2)).toEqual([
      ['KẾT QUẢ KIỂM TRA CHỈ TIÊU'],
      ['Ngày kiểm tra: 30/06/2025'],
    ]);
  });

  it('annotates a workbook whose zip lists its folders (as ExcelJS writes them)', () => {
    const opened = openWorkbook(example('so-tu-phap.xlsx'));
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const zip = new ZipWriter();
    zip.add('_rels/', new Uint8Array());
    zip.add('xl/', new Uint8Array());
    for (const entry of opened.data.package.entries) zip.copy(opened.data.package, entry.name);
    const withFolders = zip.finish();
    const { bytes: copy, rules } = annotate(withFolders);
    expect(rules).toBeGreaterThan(0);
    expect(Object.keys(unzipSync(copy)).filter((n) => n.endsWith('/'))).toEqual([]);
    expect(sheetValues(copy, 'Kết quả kiểm tra')[0]).toEqual(['KẾT QUẢ KIỂM TRA CHỈ TIÊU']);
  });

  it('is deterministic: the same checks give the same bytes', () => {
    const bytes = example('so-noi-vu.xlsx');
    expect(annotate(bytes).bytes).toEqual(annotate(bytes).bytes);
  });
});

/** The text of an HTML cell: tags dropped, entities decoded. */
function cellText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
}

interface RenderedCell {
  readonly text: string;
  readonly href?: string;
  readonly colour?: string;
  readonly bordered: boolean;
}

/** The rows of the table LibreOffice's HTML export shows for the sheet `name`, cell by cell as written. */
function renderedSheet(html: string, name: string): RenderedCell[][] {
  const at = html.indexOf(`<em>${name}</em></h1>`);
  expect(at, `sheet ${name} in the HTML`).toBeGreaterThan(0);
  const table = html.slice(at).split(/<\/table>/)[0] ?? '';
  return (table.match(/<tr\b[\s\S]*?<\/tr>/g) ?? []).map((row) =>
    [...row.matchAll(/<td\b([^>]*)>([\s\S]*?)<\/td>/g)].map((m) => {
      const attrs = m[1] ?? '';
      const href = /<a href="([^"]*)"/.exec(m[2] ?? '')?.[1];
      const colour = /bgcolor="(#[0-9A-Fa-f]{6})"/.exec(attrs)?.[1]?.toUpperCase();
      return {
        text: cellText(m[2] ?? ''),
        ...(href ? { href: cellText(href) } : {}),
        ...(colour ? { colour } : {}),
        bordered: /border-top: 1px solid/.test(attrs),
      };
    }),
  );
}

/** Cells of the first table of a LibreOffice HTML export with their background colours, by A1 address. */
function renderedColours(html: string): Map<string, string> {
  const table = html.split(/<table\b/)[1] ?? '';
  const rows = table.match(/<tr\b[\s\S]*?<\/tr>/g) ?? [];
  const taken = new Set<string>();
  const out = new Map<string, string>();
  rows.forEach((row, r) => {
    let c = 0;
    for (const m of row.matchAll(/<td\b([^>]*)>/g)) {
      while (taken.has(`${r},${c}`)) c++;
      const attrs = m[1] ?? '';
      const rowspan = Number(/rowspan=(\d+)/.exec(attrs)?.[1] ?? 1);
      const colspan = Number(/colspan=(\d+)/.exec(attrs)?.[1] ?? 1);
      for (let dr = 0; dr < rowspan; dr++)
        for (let dc = 0; dc < colspan; dc++) taken.add(`${r + dr},${c + dc}`);
      const colour = /bgcolor="(#[0-9A-Fa-f]{6})"/.exec(attrs)?.[1];
      if (colour) out.set(`${String.fromCharCode(65 + c)}${r + 1}`, colour.toUpperCase());
      c += colspan;
    }
  });
  return out;
}

const soffice = ['soffice', 'libreoffice'].find((cmd) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/**
 * Damaged workbooks our reader still reads: the annotated copy must read as the original, plus
 * the summary sheet (the causes of copies the fuzzing found unreadable, each on its own).
 */
describe('annotated copies of damaged workbooks read as the original', () => {
  const enc = new TextEncoder();

  /** Every sheet of `data` read (or not) the same from its copy, and the summary sheet read. */
  function expectSameReading(data: Uint8Array, checks: readonly SheetAnnotation[]) {
    const annotated = annotateWorkbook(data, checks);
    if (!annotated.success) throw new Error(JSON.stringify(annotated.error));
    const result = annotated.data;
    const before = openWorkbook(data);
    const after = openWorkbook(result.bytes);
    if (!before.success || !after.success) throw new Error('not opened');
    expect(after.data.sheets.map((s) => s.name)).toEqual([
      ...before.data.sheets.map((s) => s.name),
      result.summarySheet,
    ]);
    before.data.sheets.forEach((info, i) => {
      const a = before.data.readSheet(info);
      const b = after.data.readSheet(after.data.sheets[i] as (typeof after.data.sheets)[0]);
      expect(b.success, `sheet "${info.name}" reads from the copy as from the original`).toBe(
        a.success,
      );
      if (a.success && b.success) expect(b.data.grid).toEqual(a.data.grid);
      if (!a.success && !b.success) expect(b.error.code).toBe(a.error.code);
    });
    expect(after.data.readSheet(result.summarySheet).success).toBe(true);
    return result;
  }

  /** The example's parts, changed by `edit`, zipped again (CRCs valid). */
  function rezipped(edit: (parts: Record<string, Uint8Array>) => void): Uint8Array {
    const parts = { ...unzipSync(example('so-tu-phap.xlsx')) };
    edit(parts);
    return zipSync(parts);
  }

  /** The conditionalFormatting elements of a part, as our XML reader sees them. */
  function formatsSeen(xml: string): number {
    const r = new XmlReader(xml, 'sheet');
    let n = 0;
    for (let k = r.next(); k !== EOF; k = r.next())
      if (k === START && r.is('conditionalFormatting')) n++;
    return n;
  }

  it("keeps each part's name from the central directory, not a damaged local header", () => {
    // One byte of the local header's copy of "xl/sharedStrings.xml" changed: readers go by the
    // central directory, and so must the copy, or it loses its shared strings.
    const data = example('so-tu-phap.xlsx').slice();
    const name = enc.encode('xl/sharedStrings.xml');
    let at = 0;
    while (!name.every((b, i) => data[at + i] === b)) at++;
    data[at + 10] = 0x3f; // "xl/shared?trings.xml"
    const result = expectSameReading(data, checkEvery(data));
    expect(Object.keys(unzipSync(result.bytes))).toContain('xl/sharedStrings.xml');
  });

  it('changes parts whose entry names differ in case from what the relationships say', () => {
    const data = rezipped((parts) => {
      parts['xl/Workbook.xml'] = parts['xl/workbook.xml'] as Uint8Array;
      delete parts['xl/workbook.xml'];
      parts['XL/worksheets/Sheet1.xml'] = parts['xl/worksheets/sheet1.xml'] as Uint8Array;
      delete parts['xl/worksheets/sheet1.xml'];
    });
    const checks = checkEvery(data);
    const result = expectSameReading(data, checks);
    const files = unzipSync(result.bytes);
    expect(formatsSeen(text(files['XL/worksheets/Sheet1.xml'] as Uint8Array))).toBe(result.rules);
    expect(result.rules).toBeGreaterThan(0);
  });

  it('adds the conditional formats where the reader sees elements, not inside a comment', () => {
    const data = rezipped((parts) => {
      const xml = text(parts['xl/worksheets/sheet1.xml'] as Uint8Array);
      parts['xl/worksheets/sheet1.xml'] = enc.encode(
        xml.replace('<pageMargins', '<!-- <pageMargins/> --><pageMargins'),
      );
    });
    const result = expectSameReading(data, checkEvery(data));
    const sheet = text(unzipSync(result.bytes)['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(result.rules).toBeGreaterThan(0);
    expect(formatsSeen(sheet)).toBe(result.rules);
  });

  it('adds the summary sheet after the last sheet the reader sees', () => {
    const data = rezipped((parts) => {
      const xml = text(parts['xl/workbook.xml'] as Uint8Array);
      parts['xl/workbook.xml'] = enc.encode(
        xml.replace('</sheets>', '</sheets><!-- </sheets> -->'),
      );
    });
    expectSameReading(data, checkEvery(data));
  });

  it('gives the summary sheet a relationship id no sheet refers to', () => {
    // The second sheet refers to a relationship that does not exist: the next free id.
    const parts = rawWorkbookParts({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      styles: stylesXml([0]),
    });
    const rels = String(parts['xl/_rels/workbook.xml.rels']);
    const next = `rId${(rels.match(/<Relationship /g) ?? []).length + 1}`;
    parts['xl/workbook.xml'] = String(parts['xl/workbook.xml']).replace(
      '</sheets>',
      `<sheet name="Mất" sheetId="2" r:id="${next}"/></sheets>`,
    );
    const data = zipParts(parts);
    const opened = openWorkbook(data);
    expect(opened.success && opened.data.readSheet('Mất').success).toBe(false);
    const read = readWorkbook(data, { sheets: ['S'] });
    if (!read.success) throw new Error(JSON.stringify(read.error));
    expectSameReading(data, [
      { sheet: 'S', result: checkSheet(read.data.sheets[0]?.grid as Grid) },
    ]);
  });

  it('keeps every cell format reading as it did: several collections, indices beyond them', () => {
    const styles = `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs><cellXfs count="1"><xf numFmtId="10"/></cellXfs><dxfs count="0"/></styleSheet>`;
    const data = rawWorkbook({
      sheets: [
        {
          name: 'S',
          rows: '<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="7"><v>0.25</v></c><c r="C1" s="40"><v>2</v></c></row>',
        },
      ],
      styles,
    });
    const read = readWorkbook(data);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    expect(read.data.sheets[0]?.grid.rows[0]?.map((c) => c?.text)).toEqual(['50,00%', '0,25', '2']);
    expectSameReading(data, [
      { sheet: 'S', result: checkSheet(read.data.sheets[0]?.grid as Grid) },
    ]);
  });

  it('writes the fonts it adds anew, so a damaged default font cannot damage them', () => {
    // "<" inside an attribute value: not XML, but the reader reads past it.
    const styles = `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Cali</font>bri"/></font></fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const data = rawWorkbook({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      styles,
    });
    const read = readWorkbook(data);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const result = expectSameReading(data, [
      { sheet: 'S', result: checkSheet(read.data.sheets[0]?.grid as Grid) },
    ]);
    const copied = text(unzipSync(result.bytes)['xl/styles.xml'] as Uint8Array);
    expect(copied).toContain('<b/><sz val="11"/><name val="Cali&lt;/font&gt;bri"/></font>');
  });

  it('refuses, with the reason, a workbook whose styles or relationships it cannot add to', () => {
    const broken = rawWorkbook({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      styles: `<styleSheet xmlns="${MAIN_NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs><fonts count="1"><font>`,
    });
    expect(annotateWorkbook(broken, [])).toEqual({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'no-end-tag',
        element: 'styleSheet',
        part: 'xl/styles.xml',
      },
    });
    const noTypes = rawWorkbook({
      sheets: [{ name: 'S', rows: '' }],
      styles: stylesXml([0]),
      parts: { '[Content_Types].xml': '<Types xmlns="x"><Default Extension="xml"/>' },
    });
    expect(annotateWorkbook(noTypes, [])).toEqual({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'no-end-tag',
        element: 'Types',
        part: '[Content_Types].xml',
      },
    });
  });
});

describe.skipIf(!soffice && !process.env.CI)('what LibreOffice shows of an annotated copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitieu-lo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function renderHtml(bytes: Uint8Array, name: string): string {
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, bytes);
    execFileSync(
      soffice as string,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'html',
        '--outdir',
        dir,
        file,
      ],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    const html = join(dir, `${name}.html`);
    expect(existsSync(html)).toBe(true);
    return readFileSync(html, 'utf8');
  }

  const render = (bytes: Uint8Array, name: string) => renderedColours(renderHtml(bytes, name));

  const byColour = (colours: Map<string, string>, hex: string) =>
    [...colours.entries()]
      .filter(([, c]) => c === hex.toUpperCase())
      .map(([cell]) => cell)
      .sort();

  it('colours exactly the marked cells, by status', { timeout: 180_000 }, () => {
    const { bytes } = annotate(example('so-tu-phap.xlsx'));
    const colours = render(bytes, 'marked');
    expect(byColour(colours, STATUS['below-minimum'].fill)).toEqual(['K13', 'K15', 'K25', 'K30']);
    expect(byColour(colours, STATUS['invalid-value'].fill)).toEqual(['K21', 'K22', 'K29']);
    expect(byColour(colours, STATUS['missing-value'].fill)).toEqual(['J28', 'J29', 'K24']);
  });

  it('recolours by itself when a value is corrected or worsened (live rules)', {
    timeout: 180_000,
  }, () => {
    const { bytes } = annotate(example('so-tu-phap.xlsx'));
    const files = unzipSync(bytes);
    const sheet = text(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    // K13 74,5 % → 80 % (now met); K12 100 % → 50 % (now below); K24 (blank) gets 100
    const edited = sheet
      .replace(/(<c r="K13"[^>]*>)<v>0\.745<\/v>/, '$1<v>0.8</v>')
      .replace(/(<c r="K12"[^>]*>)<v>1<\/v>/, '$1<v>0.5</v>')
      .replace(/<c r="K24"([^>]*)\/>/, '<c r="K24"$1><v>100</v></c>');
    expect(edited).not.toBe(sheet);
    const zip = new ZipWriter();
    const opened = openWorkbook(bytes);
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    for (const entry of opened.data.package.entries) {
      if (entry.name === 'xl/worksheets/sheet1.xml') zip.add(entry.name, edited);
      else zip.copy(opened.data.package, entry.name);
    }
    const colours = render(zip.finish(), 'edited');
    expect(byColour(colours, STATUS['below-minimum'].fill)).toEqual(['K12', 'K15', 'K25', 'K30']);
    expect(byColour(colours, STATUS['missing-value'].fill)).toEqual(['J28', 'J29']);
  });

  it('shows the report on the summary sheet: title, unit, findings with their reasons, links', {
    timeout: 180_000,
  }, () => {
    const { bytes } = annotate(example('so-noi-vu.xlsx'));
    const rows = renderedSheet(renderHtml(bytes, 'report'), 'Kết quả kiểm tra');
    const texts = rows.map((r) => r.map((c) => c.text));
    expect(texts[0]).toEqual(['KẾT QUẢ KIỂM TRA CHỈ TIÊU']);
    expect(texts).toContainEqual(['Đơn vị', 'Sở Nội vụ']);
    expect(texts).toContainEqual([
      'Phụ lục',
      'K13',
      '2. Thanh toán trực tuyến',
      'Quý II',
      '71,6%',
      '75%',
      '3,4 điểm %',
      '✗ Dưới tối thiểu',
      'Quý II: 71,6% < tối thiểu 75% (thiếu 3,4 điểm %)',
    ]);
    expect(texts).toContainEqual([
      'Không kiểm tra',
      'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
    ]);
    // each cell address links to its cell on the annex
    const links = rows.flat().filter((c) => c.href !== undefined);
    expect(links.map((c) => [c.text, c.href])).toEqual(
      ['K13', 'J19', 'K19', 'K21', 'J25', 'K29'].map((cell) => [cell, `#'Phụ lục'.${cell}`]),
    );
    // the sheet heading and the table headers are filled; the tables have borders
    const cell = (t: string) => rows.flat().find((c) => c.text === t);
    expect(cell('Trang tính: Phụ lục')?.colour).toBe('#D9E2F3');
    expect(cell('Lý do')?.colour).toBe('#F2F2F2');
    expect(links.every((c) => c.bordered)).toBe(true);
    expect(cell('Đơn vị')?.bordered).toBe(false);
  });
});
