/**
 * What a new sheet may have beyond its content (`NewSheet`: frozen columns, autofilter,
 * conditional formats with dxf styles, hidden column groups, row heights, page setup), for the
 * command line's report.xlsx: written where the schema wants each, read back by this reader as
 * written, and nothing of it in a sheet that asks for none (the template's bytes stay the same).
 */
import type { SheetContent } from '@chitieu/engine';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/workbook.js';
import { type NewSheet, writeWorkbook } from '../src/write/workbook.js';

const content: SheetContent = {
  rows: [
    [{ value: 'Đơn vị', bold: true }, { value: '1. Hồ sơ', bold: true }, { value: 'st' }],
    [{ value: 'Sở Y tế' }, { value: 0.745, numberFormat: '0.0#%' }, { value: '✗ Dưới' }],
    [{ value: 'Sở Nội vụ' }, { value: 0.9, numberFormat: '0.0#%' }, { value: '✓ Đạt' }],
  ],
  columnWidths: [20, 12, 14],
  frozenRows: 1,
};

const sheet: NewSheet = {
  name: 'Tổng hợp',
  content,
  frozenColumns: 1,
  autoFilter: { top: 0, left: 0, bottom: 2, right: 2 },
  hiddenColumns: [2],
  rowHeights: [30],
  conditionalFormats: [
    {
      areas: [{ top: 1, left: 1, bottom: 2, right: 1 }],
      formula: 'LEFT(C2,1)="✗"',
      style: { fill: '#F8D7DA', color: '#842029', bold: true, numberFormat: '"✗ "0.0#%' },
    },
    {
      areas: [{ top: 1, left: 1, bottom: 2, right: 1 }],
      formula: 'LEFT(C2,1)="✓"',
      style: { fill: '#D1E7DD', numberFormat: '"✓ "0.0#%' },
      stopIfTrue: false,
    },
  ],
  print: { landscape: true, fitToWidth: true, titleRows: [0, 0] },
};

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe('writeWorkbook: a sheet with a frozen pane, autofilter and conditional formats', () => {
  const bytes = writeWorkbook([sheet, { name: 'Hai', content }]);
  const xml = parts(bytes);
  const ws = xml['xl/worksheets/sheet1.xml'] as string;

  it('reads back cell by cell as written', () => {
    const read = readWorkbook(bytes);
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const grid = read.data.sheets[0]?.grid;
    expect(read.data.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Hai']);
    expect(grid?.rows[0]?.map((c) => c?.value)).toEqual(['Đơn vị', '1. Hồ sơ', 'st']);
    expect(grid?.rows[1]?.[1]).toMatchObject({ value: 0.745, numberFormat: '0.0#%' });
    expect(grid?.rows[2]?.map((c) => c?.value)).toEqual(['Sở Nội vụ', 0.9, '✓ Đạt']);
  });

  it('freezes the header row and the first column in one pane', () => {
    expect(ws).toContain(
      '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>',
    );
    expect(ws.match(/<pane /g)).toHaveLength(1);
  });

  it('writes the autofilter after the data, with its hidden defined name', () => {
    expect(ws).toMatch(/<\/sheetData><autoFilter ref="A1:C3"\/>/);
    expect(xml['xl/workbook.xml']).toContain(
      `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Tổng hợp'!$A$1:$C$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'Tổng hợp'!$1:$1</definedName></definedNames>`,
    );
  });

  it('writes each rule with its dxf style (fill, font, number format) in priority order', () => {
    expect(ws).toContain(
      '<conditionalFormatting sqref="B2:B3"><cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1"><formula>LEFT(C2,1)=&quot;✗&quot;</formula></cfRule></conditionalFormatting>' +
        '<conditionalFormatting sqref="B2:B3"><cfRule type="expression" dxfId="1" priority="2"><formula>LEFT(C2,1)=&quot;✓&quot;</formula></cfRule></conditionalFormatting>',
    );
    const styles = xml['xl/styles.xml'] as string;
    expect(styles).toContain(
      '<dxfs count="2"><dxf><font><b/><color rgb="FF842029"/></font><numFmt numFmtId="165" formatCode="&quot;✗ &quot;0.0#%"/><fill><patternFill patternType="solid"><bgColor rgb="FFF8D7DA"/></patternFill></fill></dxf>' +
        '<dxf><numFmt numFmtId="166" formatCode="&quot;✓ &quot;0.0#%"/><fill><patternFill patternType="solid"><bgColor rgb="FFD1E7DD"/></patternFill></fill></dxf></dxfs>',
    );
    // the cells' own custom format took 164
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="0.0#%"/>');
  });

  it('hides the status column in an outline group, sets the header height and the page', () => {
    expect(ws).toContain(
      '<sheetFormatPr defaultRowHeight="15" outlineLevelCol="1"/><cols><col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/><col min="3" max="3" width="14" customWidth="1" hidden="1" outlineLevel="1"/></cols>',
    );
    expect(ws).toContain('<row r="1" ht="30" customHeight="1">');
    expect(ws).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ');
    expect(ws).toMatch(
      /<pageMargins [^>]*\/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/><\/worksheet>$/,
    );
  });

  it('leaves a sheet that asks for none of it as before', () => {
    const plain = xml['xl/worksheets/sheet2.xml'] as string;
    expect(plain).not.toMatch(/autoFilter|conditionalFormatting|xSplit|pageSetup|outlineLevel/);
    // the same XML as the sheet of a workbook of it alone (but for its style numbers, which
    // follow the first sheet's styles)
    const alone = parts(writeWorkbook([{ name: 'Hai', content }]))['xl/worksheets/sheet1.xml'];
    const unstyled = (x: string | undefined) => x?.replace(/ s="\d+"/g, '');
    expect(unstyled(plain)).toBe(unstyled(alone));
    expect(plain).toContain('<pane ySplit="1" topLeftCell="A2"');
  });

  it('shares one dxf between rules of the same look, across sheets', () => {
    const rule = sheet.conditionalFormats?.[0];
    if (rule === undefined) throw new Error('no rule');
    const two = parts(
      writeWorkbook([
        { name: 'A', content, conditionalFormats: [rule] },
        { name: 'B', content, conditionalFormats: [rule, rule] },
      ]),
    );
    expect(two['xl/styles.xml']?.match(/<dxf>/g)).toHaveLength(1);
    expect(two['xl/worksheets/sheet2.xml']?.match(/dxfId="0"/g)).toHaveLength(2);
    expect(two['xl/workbook.xml']).not.toContain('definedNames');
  });

  it('refuses what cannot be written, naming the sheet', () => {
    const bad = (extra: Partial<NewSheet>) => () =>
      writeWorkbook([{ name: 'X', content, ...extra }]);
    expect(bad({ frozenColumns: -1 })).toThrow('sheet "X": frozen columns -1');
    expect(bad({ autoFilter: { top: 2, left: 0, bottom: 1, right: 0 } })).toThrow(
      'sheet "X": autofilter',
    );
    expect(
      bad({ conditionalFormats: [{ areas: [], formula: 'TRUE', style: { fill: '#FFFFFF' } }] }),
    ).toThrow('a conditional format without cells');
    expect(
      bad({
        conditionalFormats: [
          { areas: [{ top: 0, left: 0, bottom: 0, right: 0 }], formula: ' ', style: {} },
        ],
      }),
    ).toThrow('a conditional format without formula');
    expect(
      bad({
        conditionalFormats: [
          {
            areas: [{ top: 0, left: 0, bottom: 0, right: 0 }],
            formula: 'TRUE',
            style: { fill: 'red' },
          },
        ],
      }),
    ).toThrow('colour');
    expect(bad({ hiddenColumns: [1.5] })).toThrow('hidden column 1.5');
    expect(bad({ rowHeights: [0] })).toThrow('row height 0');
    expect(bad({ print: { titleRows: [2, 1] } })).toThrow('title rows');
  });
});
