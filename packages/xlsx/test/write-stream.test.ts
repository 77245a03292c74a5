/**
 * The extras of a new workbook's sheet (`SheetExtras`) are put in place as the worksheet part is
 * made in chunks, never on the whole XML: the same bytes as editing the whole text afterwards,
 * whatever chunk a row falls in, and every element where the schema wants it.
 */
import type { ContentCell, SheetContent } from '@chitieu/engine';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentSheet, contentSheetParts } from '../src/annotate/content.js';
import { readWorkbook } from '../src/workbook.js';
import { writeWorkbook } from '../src/write/workbook.js';

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

/** `rows` rows of three cells (text with markup, a number, Vietnamese text); row 4 left empty. */
function bigContent(rows: number): SheetContent {
  const out: (ContentCell | undefined)[][] = [];
  for (let r = 0; r < rows; r++) {
    if (r === 4) {
      out.push([]);
      continue;
    }
    out.push([
      { value: `Đơn vị <${r}> & "số"`, bold: r === 0 },
      { value: r / 7, numberFormat: '0.0#%' },
      { value: r % 3 === 0 ? 'Dưới tối thiểu' : 'Đạt', wrap: true },
    ]);
  }
  return {
    rows: out,
    columnWidths: [30, 12, 20],
    frozenRows: 1,
    merges: [{ top: 1, left: 0, bottom: 1, right: 1 }],
    links: [{ cell: 'A3', sheet: 'Khác', target: 'B2' }],
  };
}

function decode(chunks: Iterable<Uint8Array>): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

describe('contentSheetParts: extras put in place while the chunks are made', () => {
  const content = bigContent(3000);
  const whole = contentSheet(STYLES, content).sheetXml;
  const parts = contentSheetParts(STYLES, content, { chunkBytes: 40_000 });
  const heights: (number | undefined)[] = [];
  heights[0] = 45;
  heights[2500] = 22.5; // far past the first chunk
  heights[4] = 30; // an empty row: not written, no height
  const extras = {
    head: (head: string) => head.replace('<dimension ', '<sheetPr/><dimension '),
    rowHeights: heights,
    afterData: '<autoFilter ref="A1:C3000"/>',
    beforeLinks: '<conditionalFormatting sqref="B2"/>',
    beforeEnd: '<pageSetup paperSize="9"/>',
  };
  const streamed = decode(parts.chunks(extras));

  it('gives the bytes of the whole XML edited afterwards', () => {
    let edited = whole.replace('<dimension ', '<sheetPr/><dimension ');
    edited = edited.replace('<row r="1">', '<row r="1" ht="45" customHeight="1">');
    edited = edited.replace('<row r="2501">', '<row r="2501" ht="22.5" customHeight="1">');
    edited = edited.replace('</sheetData>', '</sheetData><autoFilter ref="A1:C3000"/>');
    edited = edited.replace('<hyperlinks>', '<conditionalFormatting sqref="B2"/><hyperlinks>');
    edited = edited.replace('</worksheet>', '<pageSetup paperSize="9"/></worksheet>');
    expect(streamed).toBe(edited);
    expect(streamed).not.toBe(whole);
  });

  it('writes the elements in the schema order, each once', () => {
    const order = [
      '<sheetPr/>',
      '<dimension ',
      '<sheetData>',
      '</sheetData>',
      '<autoFilter ',
      '<mergeCells ',
      '<conditionalFormatting ',
      '<hyperlinks>',
      '<pageMargins ',
      '<pageSetup ',
      '</worksheet>',
    ];
    const at = order.map((tag) => streamed.indexOf(tag));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const tag of order) expect(streamed.split(tag).length).toBe(2);
    expect(streamed).not.toContain('<row r="5"');
  });

  it('walks the same bytes again, and without extras the plain part', () => {
    expect(decode(parts.chunks(extras))).toBe(streamed);
    expect(decode(parts.chunks())).toBe(whole);
  });

  it('keeps a fitted row height over the one asked for', () => {
    const fitted = contentSheetParts(
      STYLES,
      { rows: [[{ value: 'một\nhai\nba', wrap: true }], [{ value: 'x' }]] },
      { fitRows: true },
    );
    const xml = decode(fitted.chunks({ rowHeights: [80, 33] }));
    expect(xml).toContain('<row r="1" ht="45" customHeight="1">');
    expect(xml).toContain('<row r="2" ht="33" customHeight="1">');
  });
});

describe('writeWorkbook: a large sheet with extras, written in chunks', () => {
  const content = bigContent(30_000); // some 3 MB of XML: several chunks
  const bytes = writeWorkbook([
    {
      name: 'Phát hiện',
      content,
      frozenColumns: 1,
      autoFilter: { top: 0, left: 0, bottom: 29_999, right: 2 },
      hiddenColumns: [2],
      rowHeights: [40, undefined, undefined, 18, 25, ...Array(20_000).fill(undefined), 19.5],
      conditionalFormats: [
        {
          areas: [{ top: 1, left: 1, bottom: 29_999, right: 1 }],
          formula: 'LEFT(C2,1)="D"',
          style: { fill: '#F8D7DA', bold: true },
        },
      ],
      print: { landscape: true, fitToWidth: true, titleRows: [0, 0] },
    },
  ]);
  const files = unzipSync(bytes);
  const ws = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);

  it('has every extra in its place', () => {
    expect(ws.length).toBeGreaterThan(3_000_000);
    expect(ws).toContain(
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:C30000"/>',
    );
    expect(ws).toContain(
      '<sheetViews><sheetView workbookViewId="0"><pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>',
    );
    expect(ws).toContain(
      '<sheetFormatPr defaultRowHeight="15" outlineLevelCol="1"/><cols><col min="1" max="1" width="30" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/><col min="3" max="3" width="20" customWidth="1" hidden="1" outlineLevel="1"/></cols>',
    );
    expect(ws).toContain('<row r="1" ht="40" customHeight="1">');
    expect(ws).toContain('<row r="4" ht="18" customHeight="1">');
    expect(ws).not.toContain('<row r="5"'); // empty: no row, no height
    expect(ws).toContain('<row r="20006" ht="19.5" customHeight="1">');
    expect(ws.match(/customHeight/g)?.length).toBe(3);
    expect(ws).toContain(
      '</sheetData><autoFilter ref="A1:C30000"/><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells><conditionalFormatting sqref="B2:B30000"><cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1"><formula>LEFT(C2,1)=&quot;D&quot;</formula></cfRule></conditionalFormatting><hyperlinks>',
    );
    expect(
      ws.endsWith(
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>',
      ),
    ).toBe(true);
  });

  it('reads back as written, the last row too', () => {
    const read = readWorkbook(bytes);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const grid = read.data.sheets[0]?.grid;
    expect(grid?.rows.length).toBe(30_000);
    expect(grid?.rows[29_999]?.[0]?.value).toBe('Đơn vị <29999> & "số"');
    expect(grid?.rows[29_999]?.[2]?.value).toBe('Đạt');
  });
});
