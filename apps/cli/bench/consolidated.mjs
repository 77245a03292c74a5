// The benchmark's large input: one consolidated annex sheet laid out like the Bình Phước 2025
// annex (title lines, "Đơn vị báo cáo", a two-level header with "Lộ trình thực hiện (tối thiểu)"
// over Quý I–IV, section rows, indicators split into one row per agency level with merged
// Stt/Nhiệm vụ cells), its indicator rows repeated down to 2,000 rows, and the results of 20 units
// side by side: 20 groups "Kết quả thực hiện – <đơn vị>" × Quý I–IV = 80 result columns, so
// 160,000 achieved values (the engine benchmark's count), plus the annual target and the four
// quarterly minimums of every row. The result cells mix what reviewers receive: percent-formatted
// numbers (most), plain numbers, text "85,5%", blanks, "-", "N/A", #DIV/0! and values above 100%.
//
// Returns the package's parts as strings (name → XML); the caller zips them. Deterministic.

import { columnName, toA1 } from '@chitieu/engine';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const T = (name) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`;
const CT = 'application/vnd.openxmlformats-officedocument';

const UNITS = [
  'Sở Tư pháp',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh',
  'UBND thành phố Đồng Xoài',
  'UBND thị xã Bình Long',
  'UBND thị xã Phước Long',
  'UBND thị xã Chơn Thành',
  'UBND huyện Bù Đốp',
  'UBND huyện Lộc Ninh',
  'UBND huyện Bù Gia Mập',
];

// Styles (cellXfs): the same set as the example workbooks.
const S_TITLE = 1;
const S_ITALIC = 2;
const S_HEADER = 3;
const S_SECTION = 4;
const S_CENTER = 5;
const S_WRAP = 6;
const S_PCT0 = 7; // 0%
const S_PCT1 = 8; // 0.0%

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="4"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="12"/><name val="Times New Roman"/></font><font><i/><sz val="12"/><name val="Times New Roman"/></font><font><sz val="12"/><name val="Times New Roman"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="9" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="164" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** mulberry32: a small seeded generator. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const target = (t) =>
  t === null || t === undefined ? undefined : typeof t === 'number' ? t : t.value;

const utf8 = new TextEncoder();

/** A made workbook's files as zip entries, text as UTF-8 bytes (what fflate's zipSync takes). */
export function zipEntries(files) {
  const entries = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = typeof content === 'string' ? utf8.encode(content) : content;
  return entries;
}

/**
 * @param targetSet the built-in binh-phuoc-2025 target set (from @chitieu/engine)
 * @param options.rows total rows of the sheet (title and header included), default 2,000
 * @param options.groups result groups (units side by side) × 4 quarters, default 20 → 80 columns
 * @param options.theme the theme part to include (bytes or string), as Excel writes one
 * @returns { files: Record<string, string | Uint8Array>, rows, columns, valueColumns, resultCells }
 */
export function consolidatedAnnex(targetSet, { rows = 2000, groups = 20, theme } = {}) {
  const random = seeded(20250705);
  const shared = sharedStrings();
  const sst = shared.index;

  const resultCols = groups * 4;
  const firstResult = 9; // J
  const notesCol = firstResult + resultCols;
  const width = notesCol + 1;
  const last = columnName(width - 1);
  const merges = [];
  const body = [];
  let r = 0; // 0-based row being written

  const str = (c, text, s) => `<c r="${toA1(r, c)}" s="${s}" t="s"><v>${sst(text)}</v></c>`;
  const num = (c, v, s) => `<c r="${toA1(r, c)}" s="${s}"><v>${v}</v></c>`;
  const empty = (c, s) => `<c r="${toA1(r, c)}" s="${s}"/>`;
  const row = (cells, extra = '') => {
    body.push(`<row r="${r + 1}"${extra} spans="1:${width}">${cells.join('')}</row>`);
    r++;
  };

  // Title lines, merged across the table, and the reporting unit.
  const titles = [
    'Phụ lục',
    'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
    'GẮN VỚI CHUYỂN ĐỔI SỐ VÀ HIỆN ĐẠI HÓA PHƯƠNG THỨC CHỈ ĐẠO, ĐIỀU HÀNH',
    'NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
    '(Ban hành kèm theo Quyết định số /QĐ-UBND ngày / /2025',
    'của Chủ tịch UBND tỉnh Bình Phước)',
  ];
  for (const t of titles) {
    merges.push(`A${r + 1}:${last}${r + 1}`);
    row([str(0, t, S_TITLE)]);
  }
  row([str(0, 'Đơn vị báo cáo: Sở Nội vụ (tổng hợp kết quả các đơn vị)', S_ITALIC)]);
  r++; // a blank row

  // The two-level header.
  const h1 = [
    str(0, 'Stt', S_HEADER),
    str(1, 'Nhiệm vụ', S_HEADER),
    str(2, 'Cơ quan chủ trì thực hiện', S_HEADER),
    str(3, 'Cơ quan phối hợp', S_HEADER),
    str(4, 'Chỉ tiêu thực hiện trong năm 2025', S_HEADER),
    str(5, 'Lộ trình thực hiện (tối thiểu)', S_HEADER),
    empty(6, S_HEADER),
    empty(7, S_HEADER),
    empty(8, S_HEADER),
  ];
  for (let g = 0; g < groups; g++) {
    const c = firstResult + g * 4;
    h1.push(str(c, `Kết quả thực hiện – ${UNITS[g % UNITS.length]}`, S_HEADER));
    for (let k = 1; k < 4; k++) h1.push(empty(c + k, S_HEADER));
  }
  h1.push(str(notesCol, 'Ghi chú', S_HEADER));
  for (let c = 0; c < 5; c++) merges.push(`${toA1(r, c)}:${toA1(r + 1, c)}`);
  merges.push(`F${r + 1}:I${r + 1}`);
  for (let g = 0; g < groups; g++) {
    const c = firstResult + g * 4;
    merges.push(`${toA1(r, c)}:${toA1(r, c + 3)}`);
  }
  merges.push(`${toA1(r, notesCol)}:${toA1(r + 1, notesCol)}`);
  row(h1, ' ht="48" customHeight="1"');
  const quarters = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
  const h2 = [0, 1, 2, 3, 4].map((c) => empty(c, S_HEADER));
  for (let k = 0; k < 4; k++) h2.push(str(5 + k, quarters[k], S_HEADER));
  for (let c = firstResult; c < notesCol; c++)
    h2.push(str(c, quarters[(c - firstResult) % 4], S_HEADER));
  h2.push(empty(notesCol, S_HEADER));
  row(h2, ' ht="20" customHeight="1"');

  // An achieved value as a department types it, around the quarter's minimum.
  let resultCells = 0;
  const result = (c, minimum) => {
    resultCells++;
    const x = random();
    const v = Math.min(100, Math.max(0, minimum - 4 + random() * 12));
    const tenth = Math.round(v * 10) / 10;
    if (x < 0.72) return num(c, Math.round(v * 10) / 1000, S_PCT1); // 0.0% formatted
    if (x < 0.8) return num(c, Math.round(v), S_CENTER); // 85 in a plain cell
    if (x < 0.86) return str(c, `${String(tenth).replace('.', ',')}%`, S_CENTER); // "85,5%"
    if (x < 0.92) return empty(c, S_CENTER); // blank
    if (x < 0.94) return str(c, '-', S_CENTER);
    if (x < 0.96) return str(c, 'N/A', S_CENTER);
    if (x < 0.98) return `<c r="${toA1(r, c)}" s="${S_PCT1}" t="e"><v>#DIV/0!</v></c>`;
    return num(c, 1.05, S_PCT1); // 105%: out of range
  };

  const sections = new Map((targetSet.sections ?? []).map((s) => [s.id, s.title]));
  while (r < rows) {
    let section;
    for (const ind of targetSet.indicators) {
      if (r >= rows) break;
      if (ind.section !== section && sections.has(ind.section)) {
        section = ind.section;
        merges.push(`A${r + 1}:${last}${r + 1}`);
        row([
          str(0, `${section}. ${sections.get(section)}`, S_SECTION),
          ...Array.from({ length: width - 1 }, (_, k) => empty(k + 1, S_SECTION)),
        ]);
        if (r >= rows) break;
      }
      const span = Math.min(ind.targets.length, rows - r);
      if (span > 1) {
        merges.push(`A${r + 1}:A${r + span}`);
        merges.push(`B${r + 1}:B${r + span}`);
      }
      for (let t = 0; t < span; t++) {
        const tr = ind.targets[t];
        const annual = target(tr.annual);
        const q = [0, 1, 2, 3].map((k) => target(tr.quarterly?.[k]) ?? annual ?? 100);
        const cells = [
          t === 0 ? str(0, `${ind.stt}.`, S_CENTER) : empty(0, S_CENTER),
          t === 0 ? str(1, ind.name, S_WRAP) : empty(1, S_WRAP),
          str(2, tr.lead, S_WRAP),
          str(3, (tr.coordinators ?? []).join(', '), S_WRAP),
          annual === undefined ? empty(4, S_PCT0) : num(4, annual / 100, S_PCT0),
          ...q.map((m, k) => num(5 + k, m / 100, S_PCT0)),
        ];
        for (let c = firstResult; c < notesCol; c++)
          cells.push(result(c, q[(c - firstResult) % 4]));
        cells.push(empty(notesCol, S_WRAP));
        row(cells, ' ht="52" customHeight="1"');
      }
    }
  }

  const cols = `<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="58" customWidth="1"/><col min="3" max="4" width="24" customWidth="1"/><col min="5" max="${notesCol}" width="11" customWidth="1"/><col min="${width}" max="${width}" width="22" customWidth="1"/></cols>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${last}${r}"/><sheetViews><sheetView workbookViewId="0"><pane xSplit="2" ySplit="10" topLeftCell="C11" activePane="bottomRight" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="16"/>${cols}<sheetData>${body.join('')}</sheetData><mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells><pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`;

  const files = packageFiles({ sheet, sheetName: 'Tổng hợp', shared, theme });
  return { files, rows: r, columns: width, valueColumns: resultCols, resultCells };
}

/**
 * A shared-strings table being filled: `index(s)` gives the string's index (adding it when new)
 * and counts the reference; `strings` in order, `refs` the references counted.
 */
function sharedStrings() {
  const strings = [];
  const at = new Map();
  const table = {
    strings,
    refs: 0,
    index(s) {
      table.refs++;
      let i = at.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        at.set(s, i);
      }
      return i;
    },
  };
  return table;
}

/** A workbook of one sheet: its parts (name → XML), the shared strings and styles included. */
function packageFiles({ sheet, sheetName, shared, theme }) {
  const { strings, refs: stringRefs } = shared;
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>${theme ? `<Override PartName="/xl/theme/theme1.xml" ContentType="${CT}.theme+xml"/>` : ''}<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${T('extended-properties')}" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${T('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`,
    'docProps/app.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
    'docProps/core.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Sở Nội vụ</dc:creator></cp:coreProperties>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView/></bookViews><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId4"/></sheets><calcPr calcId="171027"/></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${T('styles')}" Target="styles.xml"/>${theme ? `<Relationship Id="rId2" Type="${T('theme')}" Target="theme/theme1.xml"/>` : ''}<Relationship Id="rId3" Type="${T('sharedStrings')}" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${T('worksheet')}" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="${stringRefs}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
  if (theme) files['xl/theme/theme1.xml'] = theme;
  return files;
}

/**
 * The benchmark's unit table: one row per unit, the office's roll-up of the units' online-payment
 * rates (seed 001's table, grown): a title naming the indicator and the year, a two-level header
 * "STT | Tên đơn vị | Cấp | Kết quả thực hiện" over Quý I–IV, and `units` rows of departments
 * and districts (the 20 units of the consolidated sheet, numbered), each with its level ("Cấp
 * tỉnh", "Cấp huyện") and its four results, typed as the consolidated sheet's are (mostly
 * percent-formatted numbers, plain numbers, "85,5%", blanks, "-", "N/A", #DIV/0!, 105%).
 *
 * @param targetSet the built-in binh-phuoc-2025 target set (its minimums for the payment indicator)
 * @param options.units rows of units, default 2,000
 * @returns { files, rows, units, resultCells }
 */
export function unitTable(targetSet, { units = 2000, theme } = {}) {
  const random = seeded(20250706);
  const shared = sharedStrings();
  const sst = shared.index;
  const width = 7; // STT, Tên đơn vị, Cấp, Quý I–IV
  const last = columnName(width - 1);
  const body = [];
  const merges = [];
  let r = 0;
  const str = (c, text, s) => `<c r="${toA1(r, c)}" s="${s}" t="s"><v>${sst(text)}</v></c>`;
  const num = (c, v, s) => `<c r="${toA1(r, c)}" s="${s}"><v>${v}</v></c>`;
  const empty = (c, s) => `<c r="${toA1(r, c)}" s="${s}"/>`;
  const row = (cells) => {
    body.push(`<row r="${r + 1}" spans="1:${width}">${cells.join('')}</row>`);
    r++;
  };

  const payment = targetSet.indicators.find((i) => i.id === 'thanh-toan-truc-tuyen');
  const minimums = (level) => {
    const t = payment?.targets.find((x) => x.appliesTo.levels.includes(level));
    return [0, 1, 2, 3].map((k) => target(t?.quarterly?.[k]) ?? 50);
  };
  const byLevel = { so: minimums('so'), huyen: minimums('huyen') };

  for (const t of [
    'KẾT QUẢ TỶ LỆ THANH TOÁN TRỰC TUYẾN TRÊN CỔNG DỊCH VỤ CÔNG QUỐC GIA',
    'NĂM 2025 CỦA CÁC ĐƠN VỊ TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
  ]) {
    merges.push(`A${r + 1}:${last}${r + 1}`);
    row([str(0, t, S_TITLE)]);
  }
  r++; // a blank row
  for (let c = 0; c < 3; c++) merges.push(`${toA1(r, c)}:${toA1(r + 1, c)}`);
  merges.push(`${toA1(r, 3)}:${toA1(r, 6)}`);
  row([
    str(0, 'STT', S_HEADER),
    str(1, 'Tên đơn vị', S_HEADER),
    str(2, 'Cấp', S_HEADER),
    str(3, 'Kết quả thực hiện', S_HEADER),
    empty(4, S_HEADER),
    empty(5, S_HEADER),
    empty(6, S_HEADER),
  ]);
  row([
    ...[0, 1, 2].map((c) => empty(c, S_HEADER)),
    ...['Quý I', 'Quý II', 'Quý III', 'Quý IV'].map((q, k) => str(3 + k, q, S_HEADER)),
  ]);

  let resultCells = 0;
  const result = (c, minimum) => {
    resultCells++;
    const x = random();
    const v = Math.min(100, Math.max(0, minimum - 4 + random() * 12));
    const tenth = Math.round(v * 10) / 10;
    if (x < 0.72) return num(c, Math.round(v * 10) / 1000, S_PCT1);
    if (x < 0.8) return num(c, Math.round(v), S_CENTER);
    if (x < 0.86) return str(c, `${String(tenth).replace('.', ',')}%`, S_CENTER);
    if (x < 0.92) return empty(c, S_CENTER);
    if (x < 0.94) return str(c, '-', S_CENTER);
    if (x < 0.96) return str(c, 'N/A', S_CENTER);
    if (x < 0.98) return `<c r="${toA1(r, c)}" s="${S_PCT1}" t="e"><v>#DIV/0!</v></c>`;
    return num(c, 1.05, S_PCT1);
  };
  for (let u = 0; u < units; u++) {
    const name = UNITS[u % UNITS.length];
    const level = name.startsWith('UBND') ? 'huyen' : 'so';
    const q = byLevel[level];
    row([
      num(0, u + 1, S_CENTER),
      str(1, `${name} (${Math.floor(u / UNITS.length) + 1})`, S_WRAP),
      str(2, level === 'so' ? 'Cấp tỉnh' : 'Cấp huyện', S_CENTER),
      ...[0, 1, 2, 3].map((k) => result(3 + k, q[k])),
    ]);
  }

  const cols = `<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="40" customWidth="1"/><col min="3" max="3" width="12" customWidth="1"/><col min="4" max="7" width="11" customWidth="1"/></cols>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${last}${r}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="16"/>${cols}<sheetData>${body.join('')}</sheetData><mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells><pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/></worksheet>`;
  const files = packageFiles({ sheet, sheetName: 'Thanh toán', shared, theme });
  return { files, rows: r, units, resultCells };
}
