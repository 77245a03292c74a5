import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkSheet,
  type Grid,
  MARK_STYLES,
  markRuleFormula,
  type SheetCheck,
} from '@chitieu/engine';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../src/annotate/index.js';
import { ZipWriter } from '../src/annotate/zip-writer.js';
import { openWorkbook, readWorkbook } from '../src/workbook.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Checks every annex sheet of a workbook, as the command line does. */
function checkAll(bytes: Uint8Array): { sheet: string; result: SheetCheck; grid: Grid }[] {
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.error.message);
  return read.workbook.sheets
    .map((s) => ({ sheet: s.name, grid: s.grid, result: checkSheet(s.grid) }))
    .filter((s) => s.result.status === 'checked');
}

function annotate(bytes: Uint8Array) {
  const checked = checkAll(bytes);
  const result = annotateWorkbook(
    bytes,
    checked.map((c) => ({
      sheet: c.sheet,
      plan: c.result.markPlan,
      findings: c.result.findings,
      context: c.result.context,
    })),
  );
  if (!result.ok) throw new Error(result.error.message);
  return { ...result, checked };
}

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
    /^((<dxf>.*?<\/dxf>)+|<dxfs count="">(<dxf>.*?<\/dxf>)+<\/dxfs>|(<font>.*?<\/font>)+|(<xf [^>]*\/>|<xf [^>]*><alignment [^>]*\/><\/xf>)+)$/,
  workbook: /^<sheet name="Kết quả kiểm tra" sheetId="\d+" r:id="rId\d+"\/>$/,
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
  if (!opened.ok) throw new Error(opened.error.message);
  const pkg = opened.reader.package;
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

  it('adds the summary sheet "Kết quả kiểm tra" with a linked row per marked cell', () => {
    expect(summarySheet).toBe('Kết quả kiểm tra');
    const read = readWorkbook(copy);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.workbook.sheets.map((s) => s.name)).toEqual(['Phụ lục', 'Kết quả kiểm tra']);
    const summaryPart = Object.keys(after).find((n) => !(n in before)) as string;
    const xml = text(after[summaryPart] as Uint8Array);
    const links = [
      ...xml.matchAll(/<hyperlink ref="B(\d+)" location="'Phụ lục'!([A-Z]+\d+)"/g),
    ].map((m) => m[2]);
    expect(links).toEqual(['K13', 'K15', 'K21', 'K22', 'K24', 'K25', 'J28', 'J29', 'K29', 'K30']);
    const rows = read.workbook.sheets[1]?.grid.rows ?? [];
    const k13 = rows.find((r) => r?.[1]?.value === 'K13');
    expect(k13?.map((c) => c?.value)).toEqual([
      'Phụ lục',
      'K13',
      'thanh-toan-truc-tuyen',
      'Quý II',
      '✗ Dưới tối thiểu',
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)',
    ]);
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
      expect(dxf).toContain(`FF${MARK_STYLES[rule.status].fill.slice(1)}`);
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
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('not-a-zip');
  });
});

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

describe.skipIf(!soffice && !process.env.CI)('what LibreOffice shows of an annotated copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitieu-lo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function render(bytes: Uint8Array, name: string): Map<string, string> {
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
    return renderedColours(readFileSync(html, 'utf8'));
  }

  const byColour = (colours: Map<string, string>, hex: string) =>
    [...colours.entries()]
      .filter(([, c]) => c === hex.toUpperCase())
      .map(([cell]) => cell)
      .sort();

  it('colours exactly the marked cells, by status', { timeout: 180_000 }, () => {
    const { bytes } = annotate(example('so-tu-phap.xlsx'));
    const colours = render(bytes, 'marked');
    expect(byColour(colours, MARK_STYLES['below-minimum'].fill)).toEqual([
      'K13',
      'K15',
      'K25',
      'K30',
    ]);
    expect(byColour(colours, MARK_STYLES['invalid-value'].fill)).toEqual(['K21', 'K22', 'K29']);
    expect(byColour(colours, MARK_STYLES['missing-value'].fill)).toEqual(['J28', 'J29', 'K24']);
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
    if (!opened.ok) throw new Error(opened.error.message);
    for (const entry of opened.reader.package.entries) {
      if (entry.name === 'xl/worksheets/sheet1.xml') zip.add(entry.name, edited);
      else zip.copy(opened.reader.package, entry.name);
    }
    const colours = render(zip.finish(), 'edited');
    expect(byColour(colours, MARK_STYLES['below-minimum'].fill)).toEqual([
      'K12',
      'K15',
      'K25',
      'K30',
    ]);
    expect(byColour(colours, MARK_STYLES['missing-value'].fill)).toEqual(['J28', 'J29']);
  });
});
