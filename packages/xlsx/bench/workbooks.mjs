// Workbooks for the benchmark, made in memory with fflate and hand-written XML: packages like the
// ones Excel writes (theme, document properties, styles, shared strings, one sheet).
import { strToU8, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const T = (name) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`;

function column(n) {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

let seed = 12345;
function random() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A package like the ones Excel writes: theme, doc props, styles, shared strings, one sheet. */
export function workbook(rows, columns, unit) {
  const strings = [];
  const index = new Map();
  const sst = (s) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const body = [];
  for (let r = 0; r < rows; r++) {
    const cells = [];
    for (let c = 0; c < columns; c++) {
      const ref = `${column(c)}${r + 1}`;
      if (r === 0) {
        cells.push(
          `<c r="${ref}" s="3" t="s"><v>${sst(c < 2 ? ['Stt', 'Nhiệm vụ'][c] : `Quý ${(c % 4) + 1} - cột ${c}`)}</v></c>`,
        );
      } else if (c === 0) {
        cells.push(`<c r="${ref}" s="2"><v>${r}</v></c>`);
      } else if (c === 1 || c === columns - 1) {
        cells.push(
          `<c r="${ref}" s="3" t="s"><v>${sst(`Tỷ lệ hồ sơ giải quyết đúng hạn của ${unit} số ${r % 40}`)}</v></c>`,
        );
      } else if (c % 3 === 0) {
        cells.push(`<c r="${ref}" s="2"><v>${Math.round(random() * 1000) / 10}</v></c>`);
      } else {
        cells.push(`<c r="${ref}" s="1"><v>${Math.round(random() * 10000) / 10000}</v></c>`);
      }
    }
    body.push(`<row r="${r + 1}" spans="1:${columns}">${cells.join('')}</row>`);
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${column(columns - 1)}${rows}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${body.join('')}</sheetData><mergeCells count="1"><mergeCell ref="C1:F1"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const theme = `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>${'<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1></a:clrScheme>'.repeat(30)}</a:themeElements></a:theme>`;
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${T('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`,
    'docProps/app.xml': '<Properties><Application>Microsoft Excel</Application></Properties>',
    'docProps/core.xml':
      '<cp:coreProperties xmlns:cp="x"><dc:creator xmlns:dc="y">Sở Nội vụ</dc:creator></cp:coreProperties>',
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView/></bookViews><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${T('worksheet')}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${T('theme')}" Target="theme/theme1.xml"/><Relationship Id="rId3" Type="${T('styles')}" Target="styles.xml"/><Relationship Id="rId4" Type="${T('sharedStrings')}" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`,
    'xl/theme/theme1.xml': theme,
    'xl/worksheets/sheet1.xml': sheet,
  };
  const zippable = {};
  for (const [name, text] of Object.entries(files)) zippable[name] = strToU8(text);
  return zipSync(zippable, { level: 6 });
}

/** 150 annex-like workbooks (30 × 12) and one 2,000 × 80 sheet. */
export function benchWorkbooks() {
  seed = 12345;
  const annexes = [];
  for (let i = 0; i < 150; i++) annexes.push(workbook(30, 12, `đơn vị ${i}`));
  const big = [workbook(2000, 80, 'tỉnh')];
  return { annexes, big };
}
