/**
 * The worksheet writer for plain sheet content (the engine's SheetContent): written into a small
 * workbook, then read back with this package's reader and checked in the XML.
 */
import type { ContentCell, SheetContent } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { contentSheet } from '../src/annotate/content.js';
import { readWorkbook } from '../src/workbook.js';
import { MAIN_NS, rawWorkbook } from './helpers.js';

/** A styles.xml as Excel writes it: one font, the two reserved fills, one border, one xf. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="12"/><color theme="1"/><name val="Times New Roman"/><family val="1"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`;

/** Writes `content` as the second sheet "Báo cáo" of a workbook whose first sheet is "Phụ lục". */
function write(content: SheetContent, styles = STYLES) {
  const out = contentSheet(styles, content);
  const bytes = rawWorkbook({
    sheets: [
      { name: 'Phụ lục', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      { name: 'Báo cáo', xml: out.sheetXml },
    ],
    styles: out.styles,
  });
  const read = readWorkbook(bytes);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const sheet = read.data.sheets[1];
  if (!sheet) throw new Error('no second sheet');
  /** The cell at a 0-based row and column of the sheet (the grid may start below A1). */
  const cell = (row: number, column: number) =>
    sheet.grid.rows[row - (sheet.grid.origin?.row ?? 0)]?.[
      column - (sheet.grid.origin?.column ?? 0)
    ];
  return { ...out, grid: sheet.grid, cell };
}

/** The children of a collection of styles.xml, as XML strings. */
function children(styles: string, collection: string, child: string): string[] {
  const body = new RegExp(`<${collection}\\b[^>]*>([\\s\\S]*?)</${collection}>`).exec(styles)?.[1];
  return body?.match(new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, 'g')) ?? [];
}

/** The font, fill, border, number format and alignment of a cell's style, as XML. */
function styleOf(styles: string, sheetXml: string, ref: string) {
  const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheetXml)?.[1] ?? Number.NaN);
  const xf = children(styles, 'cellXfs', 'xf')[s] ?? '';
  const id = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(xf)?.[1]);
  return {
    s,
    xf,
    font: children(styles, 'fonts', 'font')[id('fontId')] ?? '',
    fill: children(styles, 'fills', 'fill')[id('fillId')] ?? '',
    border: children(styles, 'borders', 'border')[id('borderId')] ?? '',
    numFmtId: id('numFmtId'),
    alignment: /<alignment [^>]*\/>/.exec(xf)?.[0] ?? '',
  };
}

const THIN =
  /^<border><left style="thin">.*<right style="thin">.*<top style="thin">.*<bottom style="thin">.*<\/border>$/;

describe('contentSheet: values', () => {
  const rows: (ContentCell | undefined)[][] = [
    [
      { value: 'Tỷ lệ' },
      { value: 0.745, numberFormat: '0.0%' },
      { value: 0.75, numberFormat: '0%' },
      { value: 1234.5, numberFormat: '#,##0.000' },
      { value: 12 },
    ],
    [
      { value: Number.NaN },
      { value: Number.POSITIVE_INFINITY },
      { value: null },
      { value: '' },
      undefined,
      { value: -0 },
    ],
  ];
  const out = write({ rows });

  it('writes numbers as numbers and text as inline strings', () => {
    expect(out.cell(0, 0)).toMatchObject({ value: 'Tỷ lệ', type: 'string' });
    expect(out.cell(0, 1)).toMatchObject({ value: 0.745, numberFormat: '0.0%', type: 'number' });
    expect(out.cell(0, 2)).toMatchObject({ value: 0.75, numberFormat: '0%' });
    expect(out.cell(0, 3)).toMatchObject({ value: 1234.5, numberFormat: '#,##0.000' });
    expect(out.cell(0, 4)).toMatchObject({ value: 12, numberFormat: 'General' });
    expect(out.sheetXml).toContain(
      '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Tỷ lệ</t></is></c>',
    );
    expect(out.sheetXml).toMatch(/<c r="B1" s="\d+"><v>0\.745<\/v><\/c>/);
  });

  it('writes non-finite numbers, null and "" as empty cells, and -0 as 0', () => {
    for (const ref of ['A2', 'B2', 'C2', 'D2'])
      expect(out.sheetXml).toMatch(new RegExp(`<c r="${ref}" s="\\d+"/>`));
    expect(out.sheetXml).not.toContain('r="E2"');
    expect(out.sheetXml).toMatch(/<c r="F2" s="\d+"><v>0<\/v><\/c>/);
  });

  it('uses built-in ids for built-in formats and appends custom ones with fresh ids', () => {
    expect(styleOf(out.styles, out.sheetXml, 'C1').numFmtId).toBe(9);
    expect(styleOf(out.styles, out.sheetXml, 'B1').numFmtId).toBe(165);
    expect(styleOf(out.styles, out.sheetXml, 'D1').numFmtId).toBe(166);
    expect(children(out.styles, 'numFmts', 'numFmt')).toEqual([
      '<numFmt numFmtId="164" formatCode="0.0%"/>',
      '<numFmt numFmtId="165" formatCode="0.0%"/>',
      '<numFmt numFmtId="166" formatCode="#,##0.000"/>',
    ]);
    expect(out.styles).toContain('<numFmts count="3">');
    expect(out.nextNumFmtId).toBe(167);
    expect(contentSheet(STYLES, { rows }, { nextNumFmtId: 300 }).styles).toContain(
      '<numFmt numFmtId="300" formatCode="0.0%"/><numFmt numFmtId="301" formatCode="#,##0.000"/>',
    );
  });

  it('gives back exactly the text written: markup, control characters, "_x0041_"', () => {
    const texts = [
      'a < b & "c" > d',
      'hai\ndòng',
      'cr\r\nlf',
      'tab\tbell\u0007',
      '_x0041_ giữ nguyên',
      '  cách  ',
    ];
    const written = write({ rows: texts.map((t) => [{ value: t }]) });
    expect(texts.map((_, r) => written.cell(r, 0)?.value)).toEqual(texts);
    expect(written.sheetXml).toContain('_x005F_x0041_ giữ nguyên');
    expect(written.sheetXml).toContain('cr_x000D_\nlf');
  });
});

describe('contentSheet: layout', () => {
  const content: SheetContent = {
    rows: [
      [{ value: 'KẾT QUẢ', bold: true, align: 'center' }],
      [],
      [{ value: 'Ô' }, { value: 'Lý do' }, { value: 'Giá trị' }],
      [{ value: 'K13' }, { value: 'dài', wrap: true }],
      [{ value: 'Không có gì.', italic: true }],
    ],
    merges: [
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 4, left: 0, bottom: 4, right: 2 },
      { top: 3, left: 3, bottom: 3, right: 3 }, // 1 × 1: nothing
    ],
    columnWidths: [16, 11, 11, 0, Number.NaN, 60],
    bordered: [{ top: 2, left: 0, bottom: 4, right: 2 }],
    frozenRows: 3,
  };
  const out = write(content);

  it('writes merged cells as <mergeCells>, leaving out 1 × 1 areas', () => {
    expect(out.sheetXml).toContain(
      '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A5:C5"/></mergeCells>',
    );
    expect(out.grid.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 4, left: 0, bottom: 4, right: 2 },
    ]);
  });

  it('writes column widths, one <col> per run of the same width', () => {
    expect(out.sheetXml).toContain(
      '<cols><col min="1" max="1" width="16" customWidth="1"/><col min="2" max="3" width="11" customWidth="1"/><col min="6" max="6" width="60" customWidth="1"/></cols>',
    );
  });

  it('freezes the rows asked for', () => {
    expect(out.sheetXml).toContain(
      '<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>',
    );
    expect(write({ rows: [[{ value: 'x' }]] }).sheetXml).toContain(
      '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
    );
  });

  it('borders every cell of a bordered area, empty and merged ones included, and no other', () => {
    const inside = ['A3', 'B3', 'C3', 'A4', 'B4', 'C4', 'A5', 'B5', 'C5'];
    for (const ref of inside)
      expect(styleOf(out.styles, out.sheetXml, ref).border, ref).toMatch(THIN);
    expect(out.sheetXml).toMatch(/<c r="C4" s="\d+"\/>/);
    expect(out.sheetXml).toMatch(/<c r="B5" s="\d+"\/>/);
    expect(styleOf(out.styles, out.sheetXml, 'A1').border).not.toMatch(THIN);
    expect(out.sheetXml).not.toContain('r="D4"');
    // one border for all of them
    expect(children(out.styles, 'borders', 'border')).toHaveLength(2);
  });

  it('aligns every cell at the top, with its horizontal alignment and wrap', () => {
    expect(styleOf(out.styles, out.sheetXml, 'A1').alignment).toBe(
      '<alignment horizontal="center" vertical="top"/>',
    );
    expect(styleOf(out.styles, out.sheetXml, 'B4').alignment).toBe(
      '<alignment vertical="top" wrapText="1"/>',
    );
    expect(styleOf(out.styles, out.sheetXml, 'A4').alignment).toBe('<alignment vertical="top"/>');
  });
});

describe('contentSheet: links', () => {
  it('links cells to cells of other sheets, the sheet name quoted', () => {
    const out = write({
      rows: [[{ value: 'K13' }, { value: 'J5' }, { value: 'x' }]],
      links: [
        { cell: 'A1', sheet: 'Phụ lục', target: 'K13' },
        { cell: 'B1', sheet: "Sở Y tế's", target: '$j$5' },
        { cell: 'C1', sheet: 'Phụ lục', target: 'A1' },
        { cell: 'C1', sheet: 'Phụ lục', target: 'B2' },
      ],
    });
    expect(/<hyperlinks>.*<\/hyperlinks>/.exec(out.sheetXml)?.[0]).toBe(
      '<hyperlinks>' +
        `<hyperlink ref="A1" location="'Phụ lục'!K13" display="K13"/>` +
        `<hyperlink ref="B1" location="'Sở Y tế''s'!J5" display="J5"/>` +
        `<hyperlink ref="C1" location="'Phụ lục'!B2" display="x"/>` +
        '</hyperlinks>',
    );
    expect(write({ rows: [[{ value: 'a' }]] }).sheetXml).not.toContain('<hyperlinks>');
  });

  it('puts the parts of the worksheet in schema order', () => {
    const { sheetXml } = write({
      rows: [[{ value: 'K13' }]],
      merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
      columnWidths: [10],
      links: [{ cell: 'A1', sheet: 'Phụ lục', target: 'K13' }],
      frozenRows: 1,
    });
    const order = [
      '<dimension ref="A1"/>',
      '<sheetViews>',
      '<sheetFormatPr',
      '<cols>',
      '<sheetData>',
      '<mergeCells',
      '<hyperlinks>',
      '<pageMargins',
    ].map((tag) => sheetXml.indexOf(tag));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('refuses content it cannot write, naming what is wrong', () => {
    const bad: [SheetContent, string][] = [
      [{ rows: [], links: [{ cell: 'A0', sheet: 'x', target: 'A1' }] }, 'link cell "A0"'],
      [{ rows: [], links: [{ cell: 'A1', sheet: 'x', target: 'Tổng' }] }, 'link target "Tổng"'],
      [{ rows: [], merges: [{ top: 2, left: 0, bottom: 1, right: 0 }] }, 'merged area'],
      [{ rows: [], bordered: [{ top: -1, left: 0, bottom: 1, right: 0 }] }, 'bordered area'],
      [{ rows: [[{ value: 'a', fill: 'red' }]] }, 'colour "red"'],
      [{ rows: [], frozenRows: 1.5 }, 'frozen rows 1.5'],
    ];
    for (const [content, message] of bad)
      expect(() => contentSheet(STYLES, content), message).toThrow(message);
  });
});

describe('contentSheet: styles', () => {
  const content: SheetContent = {
    rows: [
      [
        { value: 'a', bold: true },
        { value: 'b', bold: true },
        { value: 'c', italic: true, color: '#0563c1' },
        { value: 'd', fill: '#D9E2F3', bold: true },
        { value: 'e' },
      ],
    ],
  };
  const out = write(content);

  it('adds one cell format per distinct look, shared by the cells that have it', () => {
    const [a, b, c, d, e] = ['A1', 'B1', 'C1', 'D1', 'E1'].map((ref) =>
      styleOf(out.styles, out.sheetXml, ref),
    );
    expect(a?.s).toBe(b?.s);
    expect(new Set([a?.s, c?.s, d?.s, e?.s]).size).toBe(4);
    expect(children(out.styles, 'cellXfs', 'xf')).toHaveLength(5);
    expect(out.styles).toContain('<cellXfs count="5">');
  });

  it("builds fonts on the workbook's default font, fills as solid colours", () => {
    const style = (ref: string) => styleOf(out.styles, out.sheetXml, ref);
    expect(style('A1').font).toBe(
      '<font><b/><sz val="12"/><color theme="1"/><name val="Times New Roman"/><family val="1"/></font>',
    );
    expect(style('C1').font).toBe(
      '<font><i/><color rgb="FF0563C1"/><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>',
    );
    expect(style('E1').font).toBe(children(STYLES, 'fonts', 'font')[0]);
    expect(style('E1').xf).not.toContain('applyFont');
    expect(style('D1').fill).toBe(
      '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E2F3"/><bgColor indexed="64"/></patternFill></fill>',
    );
    expect(style('A1').fill).toBe('<fill><patternFill patternType="none"/></fill>');
    // the bold font is shared by A1, B1 and D1
    expect(children(out.styles, 'fonts', 'font')).toHaveLength(3);
  });

  it('only adds to styles.xml: every byte of the original is kept, counts aside', () => {
    const strip = (xml: string) => xml.replace(/ count="\d+"/g, '');
    let rest = strip(out.styles);
    for (const piece of strip(STYLES).split(/(?=<)/)) {
      const at = rest.indexOf(piece);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      rest = rest.slice(at + piece.length);
    }
    // nothing is touched that the content does not need
    const plain = contentSheet(STYLES, { rows: [[{ value: 'x' }]] });
    expect(plain.styles.replace('<cellXfs count="2">', '<cellXfs count="1">')).toBe(
      STYLES.replace(
        '</cellXfs>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>',
      ),
    );
  });

  it('writes with the namespace prefix styles.xml uses', () => {
    const prefixed = STYLES.replace(
      `<styleSheet xmlns="${MAIN_NS}">`,
      `<x:styleSheet xmlns:x="${MAIN_NS}">`,
    )
      .replace('</styleSheet>', '</x:styleSheet>')
      .replace(/<(\/?)(?!\?)(?!x:)([a-zA-Z]+)/g, '<$1x:$2');
    const written = contentSheet(prefixed, {
      rows: [[{ value: 'a', bold: true, fill: '#F2F2F2', numberFormat: '0.000' }]],
      bordered: [{ top: 0, left: 0, bottom: 0, right: 0 }],
    });
    const added = written.styles;
    expect(added).toContain('<x:font><x:b/><x:sz val="12"/>');
    expect(added).toContain(
      '<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFF2F2F2"/>',
    );
    expect(added).toContain('<x:border><x:left style="thin"><x:color indexed="64"/></x:left>');
    expect(added).toContain('<x:numFmt numFmtId="165" formatCode="0.000"/>');
    expect(added).toMatch(/<x:xf [^>]*><x:alignment vertical="top"\/><\/x:xf><\/x:cellXfs>/);
    expect(added).not.toMatch(/<(?!x:|\/x:|\?)[a-z]/);
  });

  it('adds the defaults a sparse styles.xml lacks before its own styles', () => {
    const sparse = `<styleSheet xmlns="${MAIN_NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const written = contentSheet(sparse, {
      rows: [[{ value: 'a', fill: '#F2F2F2' }]],
      bordered: [{ top: 0, left: 0, bottom: 0, right: 0 }],
    });
    expect(children(written.styles, 'fills', 'fill')).toEqual([
      '<fill><patternFill patternType="none"/></fill>',
      '<fill><patternFill patternType="gray125"/></fill>',
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>',
    ]);
    expect(children(written.styles, 'borders', 'border')).toHaveLength(2);
    expect(children(written.styles, 'fonts', 'font')).toEqual([
      '<font><sz val="11"/><name val="Calibri"/></font>',
    ]);
    expect(written.styles.indexOf('<fonts')).toBeLessThan(written.styles.indexOf('<fills'));
    expect(written.styles.indexOf('<borders')).toBeLessThan(written.styles.indexOf('<cellXfs'));
    expect(written.sheetXml).toMatch(/<c r="A1" s="1" t="inlineStr">/);
    expect(children(written.styles, 'cellXfs', 'xf')[1]).toBe(
      '<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>',
    );
  });

  it('is deterministic: the same content gives the same XML', () => {
    expect(contentSheet(STYLES, content)).toEqual(contentSheet(STYLES, content));
  });
});
