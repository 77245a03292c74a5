/**
 * Annotated copies never tell a status by colour alone: every marked cell — a number, a value
 * typed as text, a blank — gets a cue that is not a colour, numbers keep their own display
 * precision inside the symbol's format, and no value is made wider than its column shows. With
 * `notes`, each marked cell gets a note with its reasons in words. The summary sheet prints.
 * What LibreOffice shows of such a copy is read back from its PDF, HTML and ODS exports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSheet, markNotes, type SheetCheck, STATUS } from '@chitieu/engine';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnnotateOptions, annotateWorkbook } from '../src/annotate/index.js';
import { readWorkbook } from '../src/workbook.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));

function checks(bytes: Uint8Array): { sheet: string; result: SheetCheck }[] {
  const read = readWorkbook(bytes);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  return read.data.sheets.map((s) => ({ sheet: s.name, result: checkSheet(s.grid) }));
}

function annotate(bytes: Uint8Array, options: AnnotateOptions = {}) {
  const result = annotateWorkbook(bytes, checks(bytes), options);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const parts = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return (name: string) => {
    const file = files[name];
    return file === undefined ? undefined : strFromU8(file);
  };
};

/** The workbook with column K (the annex's Quý II results) `width` characters wide. */
function withColumnK(width: number): Uint8Array {
  const files = unzipSync(example('so-tu-phap.xlsx'));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
  const narrowed = sheet.replace(
    '<col min="5" max="13" width="11" customWidth="1"/>',
    `<col min="5" max="10" width="11" customWidth="1"/><col min="11" max="11" width="${width}" customWidth="1"/><col min="12" max="13" width="11" customWidth="1"/>`,
  );
  expect(narrowed).not.toBe(sheet);
  files['xl/worksheets/sheet1.xml'] = strToU8(narrowed);
  return zipSync(files);
}

/** The conditional formats of a sheet: each rule's ranges, formula and dxf (its number format and border). */
function conditionalFormats(sheetXml: string, stylesXml: string) {
  const dxfs = [
    ...(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(stylesXml)?.[1] ?? '').matchAll(
      /<dxf>([\s\S]*?)<\/dxf>/g,
    ),
  ].map((m) => m[1] as string);
  return [
    ...sheetXml.matchAll(
      /<conditionalFormatting sqref="([^"]*)"><cfRule [^>]*dxfId="(\d+)"[^>]*><formula>([^<]*)<\/formula>/g,
    ),
  ].map((m) => {
    const dxf = dxfs[Number(m[2])] ?? '';
    const code = /formatCode="([^"]*)"/.exec(dxf)?.[1]?.replace(/&quot;/g, '"');
    return {
      ranges: (m[1] as string).split(' '),
      formula: (m[3] as string)
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
      numberFormat: code,
      border: /<border>/.test(dxf),
    };
  });
}

const covers = (ranges: readonly string[], cell: string) =>
  ranges.some((r) => {
    const [a, b = a] = r.split(':') as [string, string?];
    const col = (x: string) => /^[A-Z]+/.exec(x)?.[0] ?? '';
    const row = (x: string) => Number(/\d+$/.exec(x)?.[0]);
    const c = col(cell);
    return (
      c === col(a) && c === col(b as string) && row(a) <= row(cell) && row(cell) <= row(b as string)
    );
  });

describe('the marks of a copy: a cue beyond colour on every kind of cell', () => {
  const copy = annotate(example('so-tu-phap.xlsx'));
  const read = parts(copy.bytes);
  const rules = conditionalFormats(
    read('xl/worksheets/sheet1.xml') as string,
    read('xl/styles.xml') as string,
  );
  const ruleOf = (cell: string, test: RegExp) =>
    rules.filter((r) => covers(r.ranges, cell) && test.test(r.formula));

  it("wraps each number in the cell's own format: 0.0% stays one decimal, 0% none, General", () => {
    // K13 (74,5 %, "0.0%") below its minimum; K22 (105 %, "0%") out of range; J15 (79, General)
    expect(ruleOf('K13', /<0\.75,/).map((r) => r.numberFormat)).toEqual([
      '"✗ "0.0%;"✗ "-0.0%;"✗ "0.0%;"✗ "@',
    ]);
    expect(ruleOf('K22', /,OR\(/).map((r) => r.numberFormat)).toEqual([
      '"! "0%;"! "-0%;"! "0%;"! "@',
    ]);
    expect(ruleOf('J15', /<75,/).map((r) => r.numberFormat)).toEqual([
      '"✗ "General;"✗ "-General;"✗ "General;"✗ "@',
    ]);
  });

  it('gives text cells the symbol through the text section, blanks and errors a border', () => {
    // K15 holds the text "76,2%" (below its minimum), J29 the text "N/A" (missing)
    const k15 = ruleOf('K15', /ISTEXT/);
    expect(k15.map((r) => r.numberFormat?.split(';')[3])).toEqual(['"✗ "@']);
    const j29 = ruleOf('J29', /ISTEXT/);
    expect(j29.map((r) => r.numberFormat?.split(';')[3])).toEqual(['"? "@']);
    // K24 is blank: an empty cell shows no number format, so its cue is a border
    const blank = ruleOf('K24', /LEN\(TRIM/);
    expect(blank.map((r) => r.border)).toEqual([true]);
    const error = ruleOf('K21', /ISERROR/);
    expect(error.map((r) => r.border)).toEqual([true]);
    // numbers and texts show their symbol: no border on them
    expect(ruleOf('K13', /<0\.75,/).map((r) => r.border)).toEqual([false]);
    expect(k15.map((r) => r.border)).toEqual([false]);
    // the dashed border is in the status's font colour
    const styles = read('xl/styles.xml') as string;
    expect(styles).toContain(
      `<left style="dashed"><color rgb="FF${STATUS['missing-value'].font.slice(1)}"/></left>`,
    );
  });

  it('writes no notes unless asked', () => {
    expect(copy.notes).toBe(0);
    expect(read('xl/comments1.xml')).toBeUndefined();
    expect(read('xl/worksheets/sheet1.xml')).not.toContain('legacyDrawing');
  });
});

describe('a column too narrow for the symbol', () => {
  const marksOf = (width: number) => {
    const copy = annotate(withColumnK(width));
    const read = parts(copy.bytes);
    return conditionalFormats(
      read('xl/worksheets/sheet1.xml') as string,
      read('xl/styles.xml') as string,
    );
  };

  it('gets the symbol without its space where that fits, else a border and the own format', () => {
    // K13's format "0.0%" shows up to "100.0%" (6 characters): "✗ 100.0%" needs 8 and the
    // cell's padding, "✗100.0%" 7
    const at = (rules: ReturnType<typeof marksOf>, cell: string) =>
      rules.filter((r) => covers(r.ranges, cell) && /<0\.75,/.test(r.formula));
    expect(at(marksOf(11), 'K13').map((r) => [r.numberFormat, r.border])).toEqual([
      ['"✗ "0.0%;"✗ "-0.0%;"✗ "0.0%;"✗ "@', false],
    ]);
    expect(at(marksOf(8), 'K13').map((r) => [r.numberFormat, r.border])).toEqual([
      ['"✗"0.0%;"✗"-0.0%;"✗"0.0%;"✗"@', false],
    ]);
    expect(at(marksOf(7), 'K13').map((r) => [r.numberFormat, r.border])).toEqual([
      [undefined, true],
    ]);
  });

  it('leaves the columns as the user set them, and the wide columns their full cue', () => {
    const copy = annotate(withColumnK(5));
    const read = parts(copy.bytes);
    const sheet = read('xl/worksheets/sheet1.xml') as string;
    expect(sheet).toContain('<col min="11" max="11" width="5" customWidth="1"/>');
    const rules = conditionalFormats(sheet, read('xl/styles.xml') as string);
    // J13 (column J, 11 wide) keeps "✗ " before its own "0%"
    expect(
      rules
        .filter((r) => covers(r.ranges, 'J13') && /<0\.7,/.test(r.formula))
        .map((r) => r.numberFormat),
    ).toEqual(['"✗ "0%;"✗ "-0%;"✗ "0%;"✗ "@']);
  });
});

describe('notes on the marked cells (notes: true)', () => {
  const bytes = example('so-tu-phap.xlsx');
  const checked = checks(bytes);
  const copy = annotate(bytes, { notes: true });
  const read = parts(copy.bytes);
  const plan = checked[0]?.result.markPlan;
  if (!plan) throw new Error('no plan');
  const expected = markNotes(plan, { locale: 'vi' });
  const marked = [...new Set(plan.groups.flatMap((g) => g.cells.map((c) => c.cell)))].sort();

  it('writes a comment with its reasons on each marked cell, and nowhere else', () => {
    const comments = read('xl/comments1.xml') as string;
    const refs = [...comments.matchAll(/<comment ref="([A-Z]+\d+)"/g)].map((m) => m[1]);
    expect([...refs].sort()).toEqual(marked);
    expect(copy.notes).toBe(marked.length);
    expect(comments).toContain('<author>Chỉ Tiêu</author>');
    expect(comments).toContain(
      '<comment ref="K13" authorId="0"><text><t xml:space="preserve">Chỉ Tiêu: Quý II: 74,5% &lt; tối thiểu 75% (thiếu 0,5 điểm %)</t></text></comment>',
    );
    expect(expected.map((n) => n.cell).sort()).toEqual(marked);
  });

  it('draws each note (VML) by its cell, and ties the parts to the sheet', () => {
    const vml = read('xl/drawings/vmlDrawing1.vml') as string;
    const anchored = [...vml.matchAll(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)].map(
      (m) => `${String.fromCharCode(65 + Number(m[2]))}${Number(m[1]) + 1}`,
    );
    expect(anchored.sort()).toEqual(marked);
    const rels = read('xl/worksheets/_rels/sheet1.xml.rels') as string;
    expect(rels).toMatch(/Type="[^"]*\/comments" Target="\.\.\/comments1\.xml"/);
    const vmlId =
      /Id="(rId\d+)" Type="[^"]*\/vmlDrawing" Target="\.\.\/drawings\/vmlDrawing1\.vml"/.exec(
        rels,
      )?.[1];
    expect(vmlId).toBeDefined();
    expect(read('xl/worksheets/sheet1.xml')).toContain(`<legacyDrawing r:id="${vmlId}"/>`);
    const types = read('[Content_Types].xml') as string;
    expect(types).toContain('<Default Extension="vml"');
    expect(types).toContain('PartName="/xl/comments1.xml"');
  });

  it('words the notes in English with locale "en"', () => {
    const en = parts(annotate(bytes, { notes: true, locale: 'en' }).bytes);
    expect(en('xl/comments1.xml')).toContain('Chỉ Tiêu: Q2: 74.5% &lt; minimum 75%');
  });

  it('leaves a sheet with notes of its own as it is, and says so', () => {
    const files = unzipSync(example('so-tu-phap.xlsx'));
    const own =
      '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList><comment ref="B2" authorId="0"><text><t>mine</t></text></comment></commentList></comments>';
    files['xl/comments1.xml'] = strToU8(own);
    files['xl/worksheets/_rels/sheet1.xml.rels'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>',
    );
    const result = annotate(zipSync(files), { notes: true });
    expect(result.notes).toBe(0);
    expect(result.notesSkipped).toEqual(['Phụ lục']);
    const after = parts(result.bytes);
    expect(after('xl/comments1.xml')).toBe(own);
    expect(after('xl/comments2.xml')).toBeUndefined();
  });

  it('reads as the original: the same grid on every sheet', () => {
    const before = readWorkbook(bytes);
    const after = readWorkbook(copy.bytes);
    if (!before.success || !after.success) throw new Error('not read');
    expect(after.data.sheets[0]?.grid).toEqual(before.data.sheets[0]?.grid);
  });
});

describe('the summary sheet prints', () => {
  const copy = annotate(example('so-tu-phap.xlsx'));
  const read = parts(copy.bytes);
  const workbook = read('xl/workbook.xml') as string;
  const summaryPart = 'xl/worksheets/sheet2.xml';
  const sheet = read(summaryPart) as string;

  it('on A4 landscape, one page wide, its title row on every page', () => {
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(workbook).toContain(
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'Kết quả kiểm tra'!$1:$1</definedName></definedNames>`,
    );
  });

  it('repeats the title and its date when the report has one', () => {
    const dated = parts(annotate(example('so-tu-phap.xlsx'), { date: '02/12/2026' }).bytes);
    expect(dated('xl/workbook.xml')).toContain(`'Kết quả kiểm tra'!$1:$2</definedName>`);
  });

  it('gives rows of wrapped text the height of their lines', () => {
    // the indicator name and the reason wrap in their columns (36 and 60 characters)
    const heights = [...sheet.matchAll(/<row r="(\d+)"( ht="([\d.]+)" customHeight="1")?>/g)].map(
      (m) => [Number(m[1]), m[3] === undefined ? undefined : Number(m[3])] as const,
    );
    const tall = heights.filter(([, h]) => h !== undefined);
    expect(tall.length).toBeGreaterThan(0);
    for (const [, h] of tall) expect(h !== undefined && h % 15 === 0 && h >= 30).toBe(true);
    // the title row is one line
    expect(heights[0]).toEqual([1, undefined]);
  });
});

const which = (cmd: string) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const soffice = ['soffice', 'libreoffice'].find(which);
const pdftotext = which('pdftotext');

describe.skipIf((!soffice || !pdftotext) && !process.env.CI)(
  'what LibreOffice shows of the cues',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'chitieu-cues-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function convert(bytes: Uint8Array, name: string, to: string, ext: string): string {
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, bytes);
      execFileSync(
        soffice as string,
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          to,
          '--outdir',
          dir,
          file,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const out = join(dir, `${name}.${ext}`);
      expect(existsSync(out)).toBe(true);
      return out;
    }

    /** The annex page's text as LibreOffice prints it (its first lines, before the summary sheet). */
    function printed(bytes: Uint8Array, name: string): string {
      const pdf = convert(bytes, name, 'pdf', 'pdf');
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      return text.split('KẾT QUẢ KIỂM TRA CHỈ TIÊU')[0] as string;
    }

    it('prints a symbol on marked numbers in their own precision and on marked texts', {
      timeout: 180_000,
    }, () => {
      const text = printed(annotate(example('so-tu-phap.xlsx')).bytes, 'cues');
      // numbers: K13 74,5 % in "0.0%", K22 105 % in "0%" (not "105.0%"), K25 92,1 %, K30 96,8 %
      expect(text).toMatch(/✗ 74\.5%/);
      expect(text).toMatch(/! 105%/);
      expect(text).not.toMatch(/105\.0%/);
      expect(text).toMatch(/✗ 92\.1%/);
      expect(text).toMatch(/✗ 96\.8%/);
      // texts: K15 "76,2%", J29 "N/A", K29 "1.234"
      expect(text).toMatch(/✗ 76,2%/);
      expect(text).toMatch(/\? N\/A/);
      expect(text).toMatch(/! 1\.234/);
      // the values met keep their own look, with no symbol
      expect(text).not.toMatch(/[✗!?≈] 100%/);
    });

    it('shows no "###" in a narrow column: a shorter cue, or the border alone', {
      timeout: 180_000,
    }, () => {
      const compact = printed(annotate(withColumnK(8)).bytes, 'narrow8');
      expect(compact).not.toContain('###');
      expect(compact).toMatch(/✗74\.5%/);
      // at 5 characters even the user's own "100%" shows "###" (K19, K28): the copy adds none
      const hashes = (t: string) => t.split('###').length - 1;
      const original = printed(withColumnK(5), 'original5');
      const bare = printed(annotate(withColumnK(5)).bytes, 'narrow5');
      expect(hashes(original)).toBeGreaterThan(0);
      expect(hashes(bare)).toBe(hashes(original));
      expect(bare).toMatch(/\s74\.5%\s/);
      expect(bare).toMatch(/\s92\.1%\s/);
    });

    it('draws the dashed border of a blank (K24) and an error (K21)', { timeout: 180_000 }, () => {
      const ods = unzipSync(
        new Uint8Array(
          readFileSync(convert(annotate(example('so-tu-phap.xlsx')).bytes, 'border', 'ods', 'ods')),
        ),
      );
      const content = strFromU8(ods['content.xml'] as Uint8Array);
      const styles = strFromU8(ods['styles.xml'] as Uint8Array);
      const styleOf = (test: RegExp, cell: string): string | undefined => {
        for (const m of content.matchAll(
          /<calcext:conditional-format calcext:target-range-address="([^"]*)">([\s\S]*?)<\/calcext:conditional-format>/g,
        )) {
          const ranges = (m[1] as string)
            .replace(/&apos;[^&]*&apos;\./g, '')
            .split(' ')
            .map((r) => r.replace(/^([A-Z]+\d+):\1$/, '$1'));
          const condition = /apply-style-name="([^"]*)" calcext:value="([^"]*)"/.exec(
            m[2] as string,
          );
          if (condition && covers(ranges, cell) && test.test(condition[2] as string))
            return condition[1];
        }
        return undefined;
      };
      const borderOf = (style: string | undefined) =>
        new RegExp(
          `style:name="${(style ?? '').replace(/_/g, '_5f_')}"[^>]*>\\s*<style:table-cell-properties [^>]*fo:border="([^"]*)"`,
        ).exec(styles)?.[1];
      expect(borderOf(styleOf(/LEN\(TRIM/, 'K24'))).toMatch(/dashed #664d03/);
      expect(borderOf(styleOf(/ISERROR/, 'K21'))).toMatch(/dashed #432874/);
    });

    it('shows each note on its cell', { timeout: 180_000 }, () => {
      const html = readFileSync(
        convert(
          annotate(example('so-tu-phap.xlsx'), { notes: true }).bytes,
          'notes',
          'html',
          'html',
        ),
        'utf8',
      );
      const annex = html.split(/<\/table>/)[0] ?? '';
      for (const line of [
        'Chỉ Tiêu: Quý II: 74,5% &lt; tối thiểu 75% (thiếu 0,5 điểm %)',
        'Chỉ Tiêu: Quý II: ô có lỗi #DIV/0!',
        'Chỉ Tiêu: Quý II: chưa nhập kết quả (tối thiểu 100%)',
        'Chỉ Tiêu: Quý I: chưa có số liệu (&quot;N/A&quot;) (tối thiểu 100%)',
      ])
        expect(annex).toContain(line);
    });
  },
);
