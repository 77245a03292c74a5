/** Test helpers: hand-made .xlsx packages built with fflate, and zip surgery for broken files. */
import type { Cell } from '@chitieu/engine';
import { strToU8, type Zippable, zipSync } from 'fflate';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = (name: string): string =>
  `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`;

export interface RawSheet {
  readonly name: string;
  /** The whole worksheet XML, or only the rows (wrapped in <worksheet><sheetData>). */
  readonly xml?: string;
  readonly rows?: string;
  /** XML after </sheetData> (e.g. <mergeCells>). */
  readonly after?: string;
  readonly state?: 'hidden' | 'veryHidden';
  /** The relationship target as written in workbook.xml.rels (default "worksheets/sheetN.xml"). */
  readonly target?: string;
  /** The zip entry name of the sheet part, when `target` does not give it plainly. */
  readonly part?: string;
  /** A chart sheet instead of a worksheet. */
  readonly chart?: boolean;
}

export interface RawWorkbook {
  readonly sheets: readonly RawSheet[];
  /** Plain strings, or the whole sharedStrings.xml. */
  readonly sharedStrings?: readonly string[] | string;
  /** The whole styles.xml. */
  readonly styles?: string;
  readonly workbookPr?: string;
  /** Write rel targets as absolute part names ("/xl/worksheets/sheet1.xml"). */
  readonly absoluteTargets?: boolean;
  /** Parts to add or replace (string = UTF-8 text). */
  readonly parts?: Readonly<Record<string, string | Uint8Array>>;
  /** Parts to leave out. */
  readonly omit?: readonly string[];
}

/** A cell as the reader gives it. */
export function c(
  value: Cell['value'],
  text: string,
  type: NonNullable<Cell['type']>,
  numberFormat = 'General',
): Cell {
  return { value, text, numberFormat, type };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function worksheetXml(rows: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

export function rawWorkbookParts(wb: RawWorkbook): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {};
  const abs = wb.absoluteTargets === true;
  const rels: string[] = [];
  const sheets: string[] = [];
  wb.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const folder = sheet.chart ? 'chartsheets' : 'worksheets';
    const target =
      sheet.target ?? (abs ? `/xl/${folder}/sheet${n}.xml` : `${folder}/sheet${n}.xml`);
    rels.push(
      `<Relationship Id="rId${n}" Type="${TYPE(sheet.chart ? 'chartsheet' : 'worksheet')}" Target="${escapeXml(target)}"/>`,
    );
    const state = sheet.state ? ` state="${sheet.state}"` : '';
    sheets.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`);
    const partName = sheet.part ?? (target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    parts[partName] = sheet.chart
      ? `<chartsheet xmlns="${MAIN_NS}"/>`
      : (sheet.xml ?? worksheetXml(sheet.rows ?? '', sheet.after ?? ''));
  });
  let next = wb.sheets.length + 1;
  if (wb.sharedStrings !== undefined) {
    rels.push(
      `<Relationship Id="rId${next++}" Type="${TYPE('sharedStrings')}" Target="${abs ? '/xl/' : ''}sharedStrings.xml"/>`,
    );
    parts['xl/sharedStrings.xml'] =
      typeof wb.sharedStrings === 'string'
        ? wb.sharedStrings
        : `<sst xmlns="${MAIN_NS}" count="${wb.sharedStrings.length}">${wb.sharedStrings
            .map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`)
            .join('')}</sst>`;
  }
  if (wb.styles !== undefined) {
    rels.push(
      `<Relationship Id="rId${next++}" Type="${TYPE('styles')}" Target="${abs ? '/xl/' : ''}styles.xml"/>`,
    );
    parts['xl/styles.xml'] = wb.styles;
  }
  parts['[Content_Types].xml'] =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>';
  parts['_rels/.rels'] =
    `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${TYPE('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${wb.workbookPr ?? ''}<sheets>${sheets.join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] =
    `<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  Object.assign(parts, wb.parts ?? {});
  for (const name of wb.omit ?? []) delete parts[name];
  return parts;
}

export function zipParts(
  parts: Readonly<Record<string, string | Uint8Array>>,
  level: 0 | 6 = 6,
): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) {
    files[name] = [typeof content === 'string' ? strToU8(content) : content, { level }];
  }
  return zipSync(files);
}

export function rawWorkbook(wb: RawWorkbook): Uint8Array {
  return zipParts(rawWorkbookParts(wb));
}

/** A styles.xml with these cell formats (numFmtId per xf) and custom formats. */
export function stylesXml(
  xfs: readonly number[],
  custom: Readonly<Record<number, string>> = {},
): string {
  const fmts = Object.entries(custom)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
    .join('');
  return `<styleSheet xmlns="${MAIN_NS}">${fmts ? `<numFmts count="${Object.keys(custom).length}">${fmts}</numFmts>` : ''}<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs
    .map((id) => `<xf numFmtId="${id}" fontId="0" applyNumberFormat="1"/>`)
    .join(
      '',
    )}</cellXfs><dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="0.000"/></dxf></dxfs></styleSheet>`;
}

function u16(d: Uint8Array, i: number): number {
  return (d[i] ?? 0) | ((d[i + 1] ?? 0) << 8);
}

function u32(d: Uint8Array, i: number): number {
  return (
    ((d[i] ?? 0) | ((d[i + 1] ?? 0) << 8) | ((d[i + 2] ?? 0) << 16) | ((d[i + 3] ?? 0) << 24)) >>> 0
  );
}

function setU32(d: Uint8Array, i: number, v: number): void {
  d[i] = v & 0xff;
  d[i + 1] = (v >>> 8) & 0xff;
  d[i + 2] = (v >>> 16) & 0xff;
  d[i + 3] = (v >>> 24) & 0xff;
}

/**
 * Rewrites the sizes an entry declares in a copy of the zip: in the central directory and the
 * local header, or only in the central directory (`centralOnly`, as one damaged byte would).
 */
export function patchEntrySizes(
  zip: Uint8Array,
  name: string,
  sizes: { uncompressed?: number; compressed?: number; flags?: number; method?: number },
  centralOnly = false,
): Uint8Array {
  const d = zip.slice();
  let eocd = d.length - 22;
  while (eocd >= 0 && u32(d, eocd) !== 0x06054b50) eocd--;
  const count = u16(d, eocd + 10);
  let at = u32(d, eocd + 16);
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    const nameLength = u16(d, at + 28);
    const entryName = decoder.decode(d.subarray(at + 46, at + 46 + nameLength));
    const local = centralOnly ? -1 : u32(d, at + 42);
    if (entryName === name) {
      const both = (
        write: (offset: number, headerStart: number) => void,
        central: number,
        localAt: number,
      ) => {
        write(at + central, at);
        if (local >= 0) write(local + localAt, local);
      };
      if (sizes.compressed !== undefined) {
        const v = sizes.compressed;
        both((i) => setU32(d, i, v), 20, 18);
      }
      if (sizes.uncompressed !== undefined) {
        const v = sizes.uncompressed;
        both((i) => setU32(d, i, v), 24, 22);
      }
      if (sizes.method !== undefined) {
        const v = sizes.method;
        both(
          (i) => {
            d[i] = v;
          },
          10,
          8,
        );
      }
      if (sizes.flags !== undefined) {
        const v = sizes.flags & 0xff;
        both(
          (i) => {
            d[i] = v;
          },
          8,
          6,
        );
      }
      return d;
    }
    at += 46 + nameLength + u16(d, at + 30) + u16(d, at + 32);
  }
  throw new Error(`no entry ${name}`);
}

/** A deterministic pseudo-random byte generator (xorshift32). */
export function pseudoRandomBytes(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
