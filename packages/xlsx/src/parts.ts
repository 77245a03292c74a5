/**
 * The small SpreadsheetML parts: relationships, the workbook (sheet list), shared strings and
 * styles (number formats of the cell formats).
 */
import { builtInFormat } from './number-format.js';
import { decodeXEscapes, END, EOF, START, XmlReader } from './xml.js';

/**
 * Positions in a part as these readers read it (what the annotation needs to add to a part so
 * that the reader sees the original and the addition, and nothing else changed): offsets into
 * the part's text, at token boundaries of the reader's own reading.
 */

/** The offset of the "<" of the START or END tag the reader is on. */
function tagStart(r: XmlReader): number {
  return r.src.lastIndexOf('<', r.nameStart);
}

/** The namespace prefix of the element the reader is on, with its colon ("x:"), or "". */
function prefixOf(r: XmlReader): string {
  const lt = tagStart(r);
  const from = lt + (r.src.charCodeAt(lt + 1) === 47 /* / */ ? 2 : 1);
  return r.src.slice(from, r.nameStart);
}

export interface Relationship {
  readonly id: string;
  /** The relationship type URI (transitional or strict). */
  readonly type: string;
  /** The target part name, resolved against the source part (no leading "/"), or the raw URI if external. */
  readonly target: string;
  readonly external: boolean;
  /** The offset just after the element's start tag, and its prefix ("" or "x:"). */
  readonly end: number;
  readonly prefix: string;
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
    const after = r.pos;
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
    out.push({
      id,
      type,
      external,
      target: external ? target : resolveTarget(sourcePart, target),
      end: after,
      prefix: prefixOf(r),
    });
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
  /** The offset just after the element's start tag, and its prefix ("" or "x:"). */
  readonly end: number;
  readonly prefix: string;
}

export interface WorkbookPart {
  readonly date1904: boolean;
  readonly sheets: readonly WorkbookSheet[];
  /** The offset of the first `</sheets>` end tag this reader met, when it met one. */
  readonly sheetsEnd: number | undefined;
  /** The prefix of the workbook's elements (that of the `sheets` element, else ""). */
  readonly prefix: string;
}

function truthy(value: string): boolean {
  return value === '1' || value === 'true';
}

export function parseWorkbook(xml: string, part: string): WorkbookPart {
  const r = new XmlReader(xml, part);
  let date1904 = false;
  const sheets: WorkbookSheet[] = [];
  let sheetsEnd: number | undefined;
  let prefix = '';
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === END && sheetsEnd === undefined && r.is('sheets')) {
      sheetsEnd = tagStart(r);
      prefix = prefixOf(r);
    }
    if (k !== START) continue;
    if (r.name === 'workbookPr') {
      date1904 = truthy(r.attr('date1904') ?? '');
    } else if (r.name === 'sheet') {
      let name = '';
      let sheetId = '';
      let state: SheetState = 'visible';
      let relId = '';
      const end = r.pos;
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
      sheets.push({ name, sheetId, state, relId, end, prefix: prefixOf(r) });
    } else if (r.name === 'definedNames' || r.name === 'extLst') {
      r.skipElement();
    }
  }
  return { date1904, sheets, sheetsEnd, prefix };
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

/** Where this reader found an element of the stylesheet. */
export interface ElementPlace {
  /** The offset of its start tag's "<", and just after the start tag's ">". */
  readonly start: number;
  readonly openEnd: number;
  readonly selfClosing: boolean;
  /** The offset of the "<" of the end tag that closed it for this reader; undefined when none. */
  readonly close: number | undefined;
  /** Its child elements (of `cellXfs`: the cell formats read, counting those of earlier ones). */
  readonly children: number;
}

export interface StylesPart {
  /** The number format code of each cell format (`cellXfs` index). */
  readonly cellFormats: readonly string[];
  /** Where each collection of the stylesheet is (the last one of a name, when there are several). */
  readonly places: ReadonlyMap<string, ElementPlace>;
  /** The offset of the root's end tag `</styleSheet>`, when there is one. */
  readonly end: number | undefined;
}

/** Collections that hold nothing this reader needs: skipped whole (their children counted). */
const SKIPPED_STYLES = new Set([
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
]);

/** After a START token: skips to after its END, as `skipElement`, counting the direct children. */
function skipCounting(r: XmlReader): { children: number; close: number | undefined } {
  if (r.selfClosing) return { children: 0, close: undefined };
  let depth = 1;
  let children = 0;
  for (;;) {
    const k = r.next();
    if (k === START) {
      if (depth === 1) children++;
      if (!r.selfClosing) depth++;
    } else if (k === END) {
      if (--depth === 0) return { children, close: tagStart(r) };
    } else if (k === EOF) {
      return { children, close: undefined };
    }
  }
}

export function parseStyles(xml: string, part: string): StylesPart {
  const r = new XmlReader(xml, part);
  const custom = new Map<number, string>();
  const xfFormatIds: number[] = [];
  const places = new Map<string, ElementPlace>();
  let end: number | undefined;
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === END) {
      if (r.is('styleSheet')) end = tagStart(r);
      continue;
    }
    if (k !== START) continue;
    const name = r.name;
    const start = tagStart(r);
    const openEnd = r.pos;
    const selfClosing = r.selfClosing;
    if (name === 'numFmts') {
      let children = 0;
      let close: number | undefined;
      if (!selfClosing) {
        for (let j = r.next(); j !== EOF; j = r.next()) {
          const n = r.name;
          if (j === END && n === 'numFmts') {
            close = tagStart(r);
            break;
          }
          if (j === START && n === 'numFmt') {
            children++;
            const id = Number(r.attr('numFmtId'));
            const code = r.attr('formatCode');
            if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
          }
        }
      }
      places.set(name, { start, openEnd, selfClosing, close, children });
    } else if (name === 'cellXfs') {
      let close: number | undefined;
      if (!selfClosing) {
        for (let j = r.next(); j !== EOF; j = r.next()) {
          const n = r.name;
          if (j === END && n === 'cellXfs') {
            close = tagStart(r);
            break;
          }
          if (j === START && n === 'xf') {
            const id = Number(r.attr('numFmtId') ?? '0');
            xfFormatIds.push(Number.isInteger(id) ? id : 0);
            r.skipElement();
          }
        }
      }
      places.set(name, { start, openEnd, selfClosing, close, children: xfFormatIds.length });
    } else if (SKIPPED_STYLES.has(name)) {
      const { children, close } = skipCounting(r);
      places.set(name, { start, openEnd, selfClosing, close, children });
    }
  }
  const cellFormats = xfFormatIds.map((id) => custom.get(id) ?? builtInFormat(id) ?? 'General');
  return { cellFormats, places, end };
}
