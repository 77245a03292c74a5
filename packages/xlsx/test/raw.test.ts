/**
 * Hand-written SpreadsheetML in hand-made zips: the forms Excel, LibreOffice and other writers
 * produce that a writer library would not.
 */
import { readFileSync } from 'node:fs';
import { type Cell, checkSheet, describeFinding, parseValue } from '@chitieu/engine';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listSheets, openWorkbook, readWorkbook } from '../src/index.js';
import { useInflater } from '../src/zip.js';
import { c, MAIN_NS, rawWorkbook, rawWorkbookParts, stylesXml, zipParts } from './helpers.js';

function rowsOf(data: Uint8Array, options = {}): readonly (readonly (Cell | undefined)[])[] {
  const result = readWorkbook(data, options);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data.sheets[0]?.grid.rows ?? [];
}

describe('strings', () => {
  it('reads inline strings, rich inline runs and formula strings', () => {
    const rows = `<row r="1">
      <c r="A1" t="inlineStr"><is><t>Quý I</t></is></c>
      <c r="B1" t="inlineStr"><is><r><t>Kết quả </t></r><r><rPr><b/></rPr><t xml:space="preserve">Quý II </t></r></is></c>
      <c r="C1" t="str"><f>A1&amp;"x"</f><v>Quý Ix</v></c>
      <c r="D1" t="inlineStr"><is><t/></is></c>
    </row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }] }))).toEqual([
      [
        c('Quý I', 'Quý I', 'string'),
        c('Kết quả Quý II ', 'Kết quả Quý II ', 'string'),
        c('Quý Ix', 'Quý Ix', 'string'),
        c('', '', 'string'),
      ],
    ]);
  });

  it('decodes entities, character references and _xHHHH_ escapes, keeping line breaks', () => {
    const sst = `<sst xmlns="${MAIN_NS}">
      <si><t>A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos; &#273;&#x1EA1;t</t></si>
      <si><t>Dòng 1_x000D_
Dòng 2</t></si>
      <si><t>x_x005F_x0041_y_x0041_</t></si>
      <si><t>a&#10;b&#13;c
d</t></si>
      <si><r><t>Chỉ </t></r><r><t>tiêu</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>
      <si><t><![CDATA[<raw> & ]]></t></si>
      <si/>
    </sst>`;
    const rows = `<row r="1">${[0, 1, 2, 3, 4, 5, 6].map((i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }], sharedStrings: sst }))).toEqual([
      [
        c('A & B <C> "D" \'E\' đạt', 'A & B <C> "D" \'E\' đạt', 'string'),
        c('Dòng 1\r\nDòng 2', 'Dòng 1\r\nDòng 2', 'string'),
        c('x_x0041_yA', 'x_x0041_yA', 'string'),
        c('a\nb\rc\nd', 'a\nb\rc\nd', 'string'),
        c('Chỉ tiêu', 'Chỉ tiêu', 'string'),
        c('<raw> & ', '<raw> & ', 'string'),
        c('', '', 'string'),
      ],
    ]);
  });

  it('normalises CRLF line ends inside text as XML parsers do', () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c></row>';
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }] }))[0]?.[0]?.value).toBe('a\nb\nc');
  });
});

describe('numbers, booleans, errors and dates', () => {
  const styles = stylesXml([0, 9, 10, 14, 164, 165, 3, 166, 49, 167, 22, 11], {
    164: '0.0%',
    165: '0.0" %"',
    166: 'dd/mm/yyyy',
    167: '[$-42A]#,##0.0;[Red]-#,##0.0',
  });

  it('resolves number formats through cellXfs, custom numFmts and the built-in table', () => {
    const rows = `<row r="1">
      <c r="A1"><v>0.5</v></c>
      <c r="B1" s="1"><v>0.745</v></c>
      <c r="C1" s="2"><v>0.745</v></c>
      <c r="D1" s="3"><v>45747</v></c>
      <c r="E1" s="4"><v>0.745</v></c>
      <c r="F1" s="5"><v>74.5</v></c>
      <c r="G1" s="6"><v>1234567</v></c>
      <c r="H1" s="7" t="n"><v>45838.5</v></c>
      <c r="I1" s="8"><v>12</v></c>
      <c r="J1" s="9"><v>-1234.56</v></c>
      <c r="K1" s="10"><v>45838.5</v></c>
      <c r="L1" s="11"><v>12345.678</v></c>
    </row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }], styles }))).toEqual([
      [
        c(0.5, '0,5', 'number'),
        c(0.745, '75%', 'number', '0%'),
        c(0.745, '74,50%', 'number', '0.00%'),
        c(45747, '31/03/2025', 'date', 'mm-dd-yy'),
        c(0.745, '74,5%', 'number', '0.0%'),
        c(74.5, '74,5 %', 'number', '0.0" %"'),
        c(1234567, '1.234.567', 'number', '#,##0'),
        c(45838.5, '30/06/2025', 'date', 'dd/mm/yyyy'),
        c(12, '12', 'number', '@'),
        c(-1234.56, '-1.234,6', 'number', '[$-42A]#,##0.0;[Red]-#,##0.0'),
        c(45838.5, '30/06/2025 12:00', 'date', 'm/d/yy h:mm'),
        c(12345.678, '1,23E+04', 'number', '0.00E+00'),
      ],
    ]);
  });

  it('reads booleans, errors, ISO dates (t="d") and the 1904 date system', () => {
    const rows = `<row r="1">
      <c r="A1" t="b"><v>1</v></c>
      <c r="B1" t="b"><v>0</v></c>
      <c r="C1" t="e"><v>#DIV/0!</v></c>
      <c r="D1" t="e"><v>#VALUE!</v></c>
      <c r="E1" t="d"><v>2025-03-31T00:00:00</v></c>
      <c r="F1" t="d" s="3"><v>2025-03-31</v></c>
      <c r="G1" s="3"><v>0</v></c>
    </row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }], styles }))).toEqual([
      [
        c(true, 'TRUE', 'boolean'),
        c(false, 'FALSE', 'boolean'),
        c('#DIV/0!', '#DIV/0!', 'error'),
        c('#VALUE!', '#VALUE!', 'error'),
        c(45747, '31/03/2025', 'date'),
        c(45747, '31/03/2025', 'date', 'mm-dd-yy'),
        c(0, '00/01/1900', 'date', 'mm-dd-yy'),
      ],
    ]);
    const mac = rawWorkbook({
      sheets: [
        {
          name: 'S',
          rows: '<row r="1"><c r="A1" s="3"><v>44285</v></c><c r="B1" t="d"><v>2025-03-31</v></c></row>',
        },
      ],
      styles,
      workbookPr: '<workbookPr date1904="1"/>',
    });
    expect(rowsOf(mac)).toEqual([
      [c(44285, '31/03/2025', 'date', 'mm-dd-yy'), c(44285, '31/03/2025', 'date')],
    ]);
  });
});

describe('sheet layout', () => {
  it('places cells by reference, or after the previous one when the reference is left out', () => {
    const rows = `<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c><c r="E2"><v>3</v></c></row>
      <row><c><v>4</v></c></row>
      <row r="6" spans="1:3"><c r="c6" s="0"/><c r="D6"><v>5</v></c></row>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', rows }] }))).toEqual([
      [],
      [undefined, c(1, '1', 'number'), c(2, '2', 'number'), undefined, c(3, '3', 'number')],
      [c(4, '4', 'number')],
      [],
      [],
      [undefined, undefined, undefined, c(5, '5', 'number')],
    ]);
  });

  it('leaves out cells with only a style, unless asked to keep them', () => {
    const styles = stylesXml([0, 9]);
    const rows =
      '<row r="1"><c r="A1" s="1"/><c r="B1" s="1"><v>0.5</v></c></row><row r="3"><c r="C3" s="1"/></row>';
    const wb = rawWorkbook({ sheets: [{ name: 'S', rows }], styles });
    expect(rowsOf(wb)).toEqual([[undefined, c(0.5, '50%', 'number', '0%')]]);
    expect(rowsOf(wb, { keepEmptyStyledCells: true })).toEqual([
      [c(null, '', 'empty', '0%'), c(0.5, '50%', 'number', '0%')],
      [],
      [undefined, undefined, c(null, '', 'empty', '0%')],
    ]);
  });

  it('reads merged areas, including reversed and single-cell ones, and ignores broken ones', () => {
    const after =
      '<mergeCells count="4"><mergeCell ref="A1:B2"/><mergeCell ref="D5:C3"/><mergeCell ref="AA10"/><mergeCell ref="bad"/></mergeCells>';
    const result = readWorkbook(rawWorkbook({ sheets: [{ name: 'S', rows: '', after }] }));
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.sheets[0]?.grid).toEqual({
      name: 'S',
      rows: [],
      merges: [
        { top: 0, left: 0, bottom: 1, right: 1 },
        { top: 2, left: 2, bottom: 4, right: 3 },
        { top: 9, left: 26, bottom: 9, right: 26 },
      ],
    });
  });

  it('reads elements with namespace prefixes and skips comments, DOCTYPE and extensions', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><!-- a comment -->
      <x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>tiền tố</x:t></x:is></x:c>
      <!-- <c r="B1"><v>9</v></c> --><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData>
      <x:extLst><x:ext><x:c r="Z9"><x:v>1</x:v></x:c></x:ext></x:extLst></x:worksheet>`;
    expect(rowsOf(rawWorkbook({ sheets: [{ name: 'S', xml }] }))).toEqual([
      [c('tiền tố', 'tiền tố', 'string'), c(7, '7', 'number')],
    ]);
  });
});

describe('workbook structure', () => {
  it('follows absolute relationship targets', () => {
    const wb = rawWorkbook({
      sheets: [{ name: 'Tuyệt đối', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      sharedStrings: ['chuỗi'],
      absoluteTargets: true,
    });
    expect(rowsOf(wb)).toEqual([[c('chuỗi', 'chuỗi', 'string')]]);
  });

  it('follows unusual part names, relative "../" targets and percent-encoded names', () => {
    const wb = rawWorkbook({
      sheets: [
        {
          name: 'Một',
          rows: '<row r="1"><c r="A1"><v>1</v></c></row>',
          target: '../xl/data/sheet%20one.xml',
          part: 'xl/data/sheet one.xml',
        },
        {
          name: 'Hai',
          rows: '<row r="1"><c r="A1"><v>2</v></c></row>',
          target: 'worksheets/Sheet2.XML',
        },
      ],
    });
    const result = readWorkbook(wb);
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.sheets.map((s) => s.grid.rows[0]?.[0]?.value)).toEqual([1, 2]);
    const listed = listSheets(wb);
    expect(listed.success && listed.data.map((s) => s.part)).toEqual([
      'xl/data/sheet one.xml',
      'xl/worksheets/Sheet2.XML',
    ]);
  });

  it('leaves chart sheets out of the list but keeps tab positions', () => {
    const wb = rawWorkbook({
      sheets: [
        { name: 'Biểu đồ', chart: true },
        { name: 'Dữ liệu', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      ],
    });
    const listed = listSheets(wb);
    expect(listed.success && listed.data.map((s) => [s.name, s.index])).toEqual([['Dữ liệu', 1]]);
  });

  it('finds parts by their conventional names when the workbook relationships are missing', () => {
    const parts = rawWorkbookParts({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s" s="1"><v>0</v></c></row>' }],
      sharedStrings: ['không có rels'],
      styles: stylesXml([0, 49]),
      omit: ['xl/_rels/workbook.xml.rels', '_rels/.rels'],
    });
    expect(rowsOf(zipParts(parts))).toEqual([[c('không có rels', 'không có rels', 'string', '@')]]);
  });

  it('reads stored (uncompressed) entries, BOMs and UTF-16 parts', () => {
    const utf16 = (text: string): Uint8Array => {
      const out = new Uint8Array(2 + text.length * 2);
      out[0] = 0xff;
      out[1] = 0xfe;
      for (let i = 0; i < text.length; i++) {
        out[2 + i * 2] = text.charCodeAt(i) & 0xff;
        out[3 + i * 2] = text.charCodeAt(i) >> 8;
      }
      return out;
    };
    const parts = rawWorkbookParts({
      sheets: [
        {
          name: 'S',
          rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        },
      ],
      sharedStrings: ['x'],
    });
    parts['xl/sharedStrings.xml'] = utf16(
      `<?xml version="1.0" encoding="UTF-16"?><sst xmlns="${MAIN_NS}"><si><t>Điểm</t></si><si><t>2</t></si></sst>`,
    );
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(sheet)]);
    expect(rowsOf(zipParts(parts, 0))).toEqual([
      [c('Điểm', 'Điểm', 'string'), c('2', '2', 'string')],
    ]);
  });

  it('reads a large part the same with Node zlib and with fflate (streamed)', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    let rows = '';
    for (let r = 1; r <= 3000; r++) {
      rows += `<row r="${r}">`;
      for (let col = 0; col < 10; col++)
        rows += `<c r="${String.fromCharCode(65 + col)}${r}"><v>${next() / 1000}</v></c>`;
      rows += '</row>';
    }
    const data = rawWorkbook({ sheets: [{ name: 'S', rows }] });
    const opened = openWorkbook(data);
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const entry = opened.data.package.entry('xl/worksheets/sheet1.xml');
    expect(entry?.compressedSize).toBeGreaterThan(64 * 1024); // fflate streams it
    const auto = rowsOf(data);
    try {
      useInflater('fflate');
      expect(rowsOf(data)).toEqual(auto);
    } finally {
      useInflater('auto');
    }
    expect(auto).toHaveLength(3000);
    expect(auto[2999]?.[9]?.type).toBe('number');
  });

  it('makes cells that are plain objects', () => {
    const rows = rowsOf(
      rawWorkbook({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1.5</v></c></row>' }] }),
    );
    const cell = rows[0]?.[0];
    expect(Object.getPrototypeOf(cell)).toBe(Object.prototype);
    expect(cell).toStrictEqual({
      value: 1.5,
      text: '1,5',
      numberFormat: 'General',
      type: 'number',
    });
    expect(JSON.stringify(cell)).toBe(
      '{"value":1.5,"text":"1,5","numberFormat":"General","type":"number"}',
    );
    expect({ ...cell }).toStrictEqual(cell);
  });

  it('gives the reader the package entries for later writing', () => {
    const opened = openWorkbook(rawWorkbook({ sheets: [{ name: 'S', rows: '' }] }));
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const pkg = opened.data.package;
    expect(pkg.entries.map((e) => e.name).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(pkg.has('/XL/Workbook.xml')).toBe(true);
    expect(pkg.text('xl/workbook.xml')).toContain('<sheets>');
    const raw = pkg.raw('xl/workbook.xml');
    expect(raw.entry.method).toBe(8);
    expect(raw.data.length).toBe(raw.entry.compressedSize);
    expect(opened.data.workbookPart).toBe('xl/workbook.xml');
    expect(opened.data.date1904).toBe(false);
  });

  it('tells where the styles are: as the relationships say, else beside the workbook', () => {
    const stylesPart = (data: Uint8Array) => {
      const opened = openWorkbook(data);
      if (!opened.success) throw new Error(JSON.stringify(opened.error));
      return opened.data.stylesPart;
    };
    const sheets = [{ name: 'S', rows: '' }];
    expect(stylesPart(rawWorkbook({ sheets }))).toBeUndefined();
    expect(stylesPart(rawWorkbook({ sheets, styles: stylesXml([]), absoluteTargets: true }))).toBe(
      'xl/styles.xml',
    );
    expect(
      stylesPart(rawWorkbook({ sheets, parts: { 'xl/theme/styles.xml': stylesXml([]) } })),
    ).toBeUndefined();
    expect(stylesPart(rawWorkbook({ sheets, parts: { 'xl/styles.xml': stylesXml([]) } }))).toBe(
      'xl/styles.xml',
    );
  });
});

describe('malformed cells and damaged sheets', () => {
  function read(rows: string, sharedStrings?: string[], xml?: string) {
    const sheet = xml === undefined ? { name: 'Phụ lục', rows } : { name: 'Phụ lục', xml };
    return readWorkbook(rawWorkbook({ sheets: [sheet], sharedStrings }));
  }
  function sheetOf(rows: string, sharedStrings?: string[]) {
    const result = read(rows, sharedStrings);
    if (!result.success) throw new Error(JSON.stringify(result.error));
    return result.data.sheets[0] as NonNullable<(typeof result.data.sheets)[0]>;
  }
  const bad = (
    value: string,
    reason: NonNullable<Cell['malformed']>,
    numberFormat = 'General',
  ) => ({
    value,
    text: value,
    numberFormat,
    type: 'error',
    malformed: reason,
  });

  it('reads a malformed cell as an invalid value at its address, and the rest of the sheet', () => {
    const sheet = sheetOf(
      '<row r="7"><c r="A7"><v>1</v></c><c r="B7" t="s"><v>5</v></c><c r="C7" t="s"><v>0</v></c></row>',
      ['a'],
    );
    expect(sheet.grid.rows[6]).toEqual([
      c(1, '1', 'number'),
      bad('5', 'bad-shared-string'),
      c('a', 'a', 'string'),
    ]);
    expect(sheet.malformed).toEqual([
      { sheet: 'Phụ lục', cell: 'B7', code: 'bad-shared-string', index: '5', count: 1 },
    ]);
  });

  it('tells each kind of malformed cell', () => {
    const sheet = sheetOf(
      [
        '<row r="1">',
        '<c r="A1"><v>abc</v></c>', // not a number
        '<c r="B1"><v>0x1F</v></c>', // hexadecimal: not an xsd:double
        '<c r="C1"><v>INF</v></c>', // infinite: no figure
        '<c r="D1" t="b"><v>2</v></c>', // not a boolean
        '<c r="E1" t="zz"><v>2</v></c>', // no such type
        '<c r="F1" t="s"><v>x</v></c>', // not an index
        '<c r="G1"><v> 1.5e2 </v></c>', // a number after all
        '</row>',
        '<row r="2"><c r="A2"><v>1</v></c><c r="1A"><v>2</v></c><c r="C2"><v>3</v></c></row>',
        '<row r="3"><c r="XFE3"><v>4</v></c><c r="ZZZZ9"/><c r="" t="s"><v>0</v></c></row>',
      ].join(''),
      ['Tỷ lệ'],
    );
    expect(sheet.grid.rows).toEqual([
      [
        bad('abc', 'bad-number'),
        bad('0x1F', 'bad-number'),
        bad('INF', 'bad-number'),
        bad('2', 'bad-boolean'),
        bad('2', 'unknown-type'),
        bad('x', 'bad-shared-string'),
        c(150, '150', 'number'),
      ],
      // A bad reference: the cell stands after the one before it in its row.
      [c(1, '1', 'number'), bad('2', 'bad-reference'), c(3, '3', 'number')],
      // An empty cell with a bad reference takes its place; a shared string with one holds its text.
      [bad('4', 'bad-reference'), undefined, bad('Tỷ lệ', 'bad-reference')],
    ]);
    const on = { sheet: 'Phụ lục' };
    expect(sheet.malformed).toEqual([
      { ...on, cell: 'A1', code: 'bad-number', stored: 'abc' },
      { ...on, cell: 'B1', code: 'bad-number', stored: '0x1F' },
      { ...on, cell: 'C1', code: 'bad-number', stored: 'INF' },
      { ...on, cell: 'D1', code: 'bad-boolean', stored: '2' },
      { ...on, cell: 'E1', code: 'unknown-type', type: 'zz' },
      { ...on, cell: 'F1', code: 'bad-shared-string', index: 'x', count: 1 },
      { ...on, cell: 'B2', code: 'bad-reference', reference: '1A' },
      { ...on, cell: 'A3', code: 'bad-reference', reference: 'XFE3' },
      { ...on, cell: 'C3', code: 'bad-reference', reference: '' },
    ]);
  });

  it('leaves the rest of an annex checked: the malformed cell is an invalid value at its address', () => {
    const EXAMPLE = new URL('../../../examples/nop-quy-2-2025/so-tu-phap.xlsx', import.meta.url);
    const parts = unzipSync(new Uint8Array(readFileSync(EXAMPLE)));
    const sheetOf = (data: Uint8Array) => {
      const read = readWorkbook(data);
      if (!read.success) throw new Error(JSON.stringify(read.error));
      return read.data.sheets[0] as NonNullable<(typeof read.data.sheets)[0]>;
    };
    const good = sheetOf(zipSync(parts));
    const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml'] as Uint8Array);
    // K13 (74,5 %, below its minimum) made to refer to a shared string the workbook lacks.
    const damagedXml = xml.replace(
      '<c r="K13" s="8"><v>0.745</v></c>',
      '<c r="K13" s="8" t="s"><v>9999</v></c>',
    );
    expect(damagedXml).not.toBe(xml);
    const damaged = sheetOf(zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(damagedXml) }));
    expect(damaged.malformed).toEqual([
      {
        sheet: 'Phụ lục',
        cell: 'K13',
        code: 'bad-shared-string',
        index: '9999',
        count: expect.any(Number),
      },
    ]);

    const before = checkSheet(good.grid);
    const after = checkSheet(damaged.grid);
    expect(after.status).toBe('checked');
    const k13 = after.findings.filter((f) => f.cell === 'K13');
    expect(k13).toEqual([
      expect.objectContaining({
        code: 'invalid-value',
        reason: 'unreadable',
        cause: 'malformed-cell',
        malformed: 'bad-shared-string',
        raw: '9999',
      }),
    ]);
    expect(describeFinding(k13[0] as (typeof k13)[number])).toContain(
      'không đọc được giá trị "9999"',
    );
    expect(before.findings.find((f) => f.cell === 'K13')?.code).toBe('below-minimum');
    // Every other finding is as on the sound sheet.
    expect(after.findings.filter((f) => f.cell !== 'K13')).toEqual(
      before.findings.filter((f) => f.cell !== 'K13'),
    );
  });

  it('gives the engine a malformed cell as an invalid value, whatever it holds', () => {
    for (const value of ['5', '0.92', '74,5%', '']) {
      expect(parseValue({ value, text: value, type: 'error', malformed: 'bad-number' })).toEqual({
        kind: 'invalid',
        reason: 'unreadable',
        raw: value,
        text: value,
        cause: 'malformed-cell',
        malformed: 'bad-number',
      });
    }
    // Without the mark, the same error cell is an Excel error value.
    expect(parseValue({ value: '#DIV/0!', type: 'error' })).toMatchObject({
      reason: 'error-value',
    });
  });

  it('takes an invalid row number for an absent one', () => {
    const sheet = sheetOf(
      '<row r="1"><c><v>1</v></c></row><row r="0"><c><v>2</v></c></row><row r="x"><c r="B9"><v>3</v></c></row>',
    );
    expect(sheet.grid.rows.map((r) => r.map((x) => x?.value ?? null))).toEqual([
      [1],
      [2],
      [],
      [],
      [],
      [],
      [],
      [],
      [null, 3],
    ]);
    expect(sheet.malformed).toEqual([]);
  });

  it('reports XML that is not well-formed as a damaged part, naming the sheet, part and cell', () => {
    const broken = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2`;
    expect(read('', undefined, broken)).toEqual({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'not-well-formed',
        problem: 'unterminated-attribute-value',
        at: 127,
        sheet: 'Phụ lục',
        part: 'xl/worksheets/sheet1.xml',
      },
    });
    const inCell = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2<!-- </v></c></row></sheetData></worksheet>`;
    expect(read('', undefined, inCell)).toEqual({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'not-well-formed',
        problem: 'unterminated-comment',
        at: inCell.indexOf('<!--'),
        sheet: 'Phụ lục',
        cell: 'B1',
        part: 'xl/worksheets/sheet1.xml',
      },
    });
  });

  it('reports a sheet whose part ends inside its cell data (truncated), and one with no part', () => {
    const cut = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`;
    expect(read('', undefined, cut)).toEqual({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'truncated-cell-data',
        sheet: 'Phụ lục',
        part: 'xl/worksheets/sheet1.xml',
      },
    });
  });

  it('reports damaged shared strings and styles as that part, for the sheet that needs it', () => {
    const wb = rawWorkbook({
      sheets: [
        { name: 'Chữ', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
        { name: 'Số', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      ],
      sharedStrings: `<sst xmlns="${MAIN_NS}"><si><t>a</t></si><si><t x="1></t></si></sst>`,
    });
    const opened = openWorkbook(wb);
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    expect(opened.data.readSheet('Chữ')).toMatchObject({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'not-well-formed',
        problem: 'unterminated-attribute-value',
        sheet: 'Chữ',
        part: 'xl/sharedStrings.xml',
      },
    });
    // A sheet without shared strings does not need the part.
    expect(opened.data.readSheet('Số').success).toBe(true);

    const styles = readWorkbook(
      rawWorkbook({
        sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
        styles: `<styleSheet xmlns="${MAIN_NS}"><cellXfs><xf numFmtId="10"`,
      }),
    );
    expect(styles).toMatchObject({
      success: false,
      error: {
        code: 'corrupt-part',
        reason: 'not-well-formed',
        problem: 'unterminated-start-tag',
        sheet: 'S',
        part: 'xl/styles.xml',
      },
    });
  });

  it('reports a sheet whose part is missing', () => {
    const wb = rawWorkbook({
      sheets: [{ name: 'Mất', rows: '' }],
      omit: ['xl/worksheets/sheet1.xml'],
    });
    const result = readWorkbook(wb);
    expect(result).toEqual({
      success: false,
      error: {
        code: 'missing-part',
        reason: 'sheet-part-missing',
        sheet: 'Mất',
        part: 'xl/worksheets/sheet1.xml',
      },
    });
    // The sheet list still opens.
    expect(listSheets(wb).success).toBe(true);
    // Without the workbook's relationships, nothing says where the sheet is.
    const unsaid = rawWorkbook({
      sheets: [{ name: 'Mất', rows: '' }],
      omit: ['xl/worksheets/sheet1.xml', 'xl/_rels/workbook.xml.rels'],
    });
    expect(readWorkbook(unsaid)).toEqual({
      success: false,
      error: { code: 'missing-part', reason: 'sheet-part-unknown', sheet: 'Mất' },
    });
  });
});
