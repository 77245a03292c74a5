/**
 * The small SpreadsheetML parts: relationships, the workbook (sheet list), shared strings and
 * styles (number formats of the cell formats).
 */
import { builtInFormat } from './number-format.js';
import { decodeXEscapes, END, EOF, START, XmlReader } from './xml.js';

export interface Relationship {
  readonly id: string;
  /** The relationship type URI (transitional or strict). */
  readonly type: string;
  /** The target part name, resolved against the source part (no leading "/"), or the raw URI if external. */
  readonly target: string;
  readonly external: boolean;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part: "worksheets/s1.xml", "/xl/s1.xml", "../x.xml". */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  const hash = t.indexOf('#');
  if (hash !== -1) t = t.slice(0, hash);
  if (t.includes('%')) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // keep it as written
    }
  }
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of t.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}

export function typeIs(type: string, name: string): boolean {
  return type.endsWith(`/${name}`);
}

export function parseRelationships(xml: string, part: string, sourcePart: string): Relationship[] {
  const r = new XmlReader(xml, part);
  const out: Relationship[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k !== START || r.name !== 'Relationship') continue;
    let id = '';
    let type = '';
    let target = '';
    let external = false;
    while (r.nextAttr()) {
      switch (r.attrName) {
        case 'Id':
          id = r.attrValue();
          break;
        case 'Type':
          type = r.attrValue();
          break;
        case 'Target':
          target = r.attrValue();
          break;
        case 'TargetMode':
          external = r.attrValue() === 'External';
          break;
      }
    }
    out.push({ id, type, external, target: external ? target : resolveTarget(sourcePart, target) });
  }
  return out;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface WorkbookSheet {
  readonly name: string;
  readonly sheetId: string;
  readonly state: SheetState;
  /** The relationship id (r:id) of the sheet part. */
  readonly relId: string;
}

export interface WorkbookPart {
  readonly date1904: boolean;
  readonly sheets: readonly WorkbookSheet[];
}

function truthy(value: string): boolean {
  return value === '1' || value === 'true';
}

export function parseWorkbook(xml: string, part: string): WorkbookPart {
  const r = new XmlReader(xml, part);
  let date1904 = false;
  const sheets: WorkbookSheet[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k !== START) continue;
    if (r.name === 'workbookPr') {
      date1904 = truthy(r.attr('date1904') ?? '');
    } else if (r.name === 'sheet') {
      let name = '';
      let sheetId = '';
      let state: SheetState = 'visible';
      let relId = '';
      while (r.nextAttr()) {
        switch (r.attrName) {
          case 'name':
            name = r.attrValue();
            break;
          case 'sheetId':
            sheetId = r.attrValue();
            break;
          case 'state': {
            const v = r.attrValue();
            state = v === 'hidden' || v === 'veryHidden' ? v : 'visible';
            break;
          }
          case 'id':
            relId = r.attrValue();
            break;
        }
      }
      sheets.push({ name, sheetId, state, relId });
    } else if (r.name === 'definedNames' || r.name === 'extLst') {
      r.skipElement();
    }
  }
  return { date1904, sheets };
}

/**
 * Appends the text of a string item (`<si>` or `<is>`): its `<t>`, or the `<t>` of its rich-text
 * runs `<r>`, leaving out phonetic runs `<rPh>`. The reader is on the item's START token and is
 * left after its END token.
 */
export function readStringItem(r: XmlReader): string {
  if (r.selfClosing) return '';
  let out = '';
  let depth = 1;
  for (;;) {
    const k = r.next();
    if (k === START) {
      if (r.is('t')) out += r.readContent();
      else if (r.is('rPh') || r.is('phoneticPr') || r.is('rPr')) r.skipElement();
      else if (!r.selfClosing) depth++;
    } else if (k === END) {
      if (--depth === 0) break;
    } else if (k === EOF) {
      break;
    }
  }
  return decodeXEscapes(out);
}

export function parseSharedStrings(xml: string, part: string): string[] {
  const r = new XmlReader(xml, part);
  const out: string[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === START && r.is('si')) out.push(readStringItem(r));
  }
  return out;
}

export interface StylesPart {
  /** The number format code of each cell format (`cellXfs` index). */
  readonly cellFormats: readonly string[];
}

export function parseStyles(xml: string, part: string): StylesPart {
  const r = new XmlReader(xml, part);
  const custom = new Map<number, string>();
  const xfFormatIds: number[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k !== START) continue;
    const name = r.name;
    if (name === 'numFmts') {
      if (r.selfClosing) continue;
      for (let j = r.next(); j !== EOF; j = r.next()) {
        const n = r.name;
        if (j === END && n === 'numFmts') break;
        if (j === START && n === 'numFmt') {
          const id = Number(r.attr('numFmtId'));
          const code = r.attr('formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        }
      }
    } else if (name === 'cellXfs') {
      if (r.selfClosing) continue;
      for (let j = r.next(); j !== EOF; j = r.next()) {
        const n = r.name;
        if (j === END && n === 'cellXfs') break;
        if (j === START && n === 'xf') {
          const id = Number(r.attr('numFmtId') ?? '0');
          xfFormatIds.push(Number.isInteger(id) ? id : 0);
          r.skipElement();
        }
      }
    } else if (
      name === 'dxfs' ||
      name === 'cellStyleXfs' ||
      name === 'extLst' ||
      name === 'fonts'
    ) {
      r.skipElement();
    }
  }
  const cellFormats = xfFormatIds.map((id) => custom.get(id) ?? builtInFormat(id) ?? 'General');
  return { cellFormats };
}
