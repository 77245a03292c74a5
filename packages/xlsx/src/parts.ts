/**
 * The small SpreadsheetML parts: relationships, the workbook (sheet list), shared strings and
 * styles (number formats of the cell formats).
 */
import { builtInFormat } from '@chitieu/engine';
import {
  decodeEntities,
  decodeXEscapes,
  END,
  EOF,
  START,
  scanned,
  scanTag,
  XmlReader,
} from './xml.js';
import { parsedPart, type XlsxPackage } from './zip.js';

const LT = 60; // <
const GT = 62; // >

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

/** Resolved targets by source part and target: the same few pairs recur in every workbook. */
const resolved = new Map<string, Map<string, string>>();
let resolvedCount = 0;

/** Resolves a relationship target against its source part: "worksheets/s1.xml", "/xl/s1.xml", "../x.xml". */
export function resolveTarget(sourcePart: string, target: string): string {
  let targets = resolved.get(sourcePart);
  let out = targets?.get(target);
  if (out === undefined) {
    out = resolveTargetOnce(sourcePart, target);
    if (++resolvedCount > 2000) {
      resolved.clear();
      resolvedCount = 1;
      targets = undefined;
    }
    if (targets === undefined) {
      targets = new Map();
      resolved.set(sourcePart, targets);
    }
    targets.set(target, out);
  }
  return out;
}

function resolveTargetOnce(sourcePart: string, target: string): string {
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
    if (k !== START || !r.is('Relationship')) continue;
    let id = '';
    let type = '';
    let target = '';
    let external = false;
    const after = r.pos;
    // Attribute names compared in place (no string made for each).
    while (r.nextAttr()) {
      if (r.attrIs('Id')) id = r.attrValue();
      else if (r.attrIs('Type')) type = r.attrValue();
      else if (r.attrIs('Target')) target = r.attrValue();
      else if (r.attrIs('TargetMode')) external = r.attrValue() === 'External';
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

/**
 * The relationships of `relsPart` (targets resolved against `sourcePart`), parsed once for all
 * readers of the package, and for other packages storing the same part (shared: read-only).
 */
export function packageRelationships(
  pkg: XlsxPackage,
  relsPart: string,
  sourcePart: string,
): readonly Relationship[] {
  return parsedPart(pkg, relsPart, `rels\u0000${relsPart}\u0000${sourcePart}`, (text) =>
    parseRelationships(text, relsPart, sourcePart),
  );
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
    if (r.is('workbookPr')) {
      date1904 = truthy(r.attr('date1904') ?? '');
    } else if (r.is('sheet')) {
      let name = '';
      let sheetId = '';
      let state: SheetState = 'visible';
      let relId = '';
      const end = r.pos;
      while (r.nextAttr()) {
        if (r.attrIs('name')) name = r.attrValue();
        else if (r.attrIs('sheetId')) sheetId = r.attrValue();
        else if (r.attrIs('state')) {
          const v = r.attrValue();
          state = v === 'hidden' || v === 'veryHidden' ? v : 'visible';
        } else if (r.attrIs('id')) relId = r.attrValue();
      }
      sheets.push({ name, sheetId, state, relId, end, prefix: prefixOf(r) });
    } else if (r.is('definedNames') || r.is('extLst')) {
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

/**
 * The shared strings, in order. An item of one plain run, `<si><t>text</t></si>` (the `<t>` maybe
 * with attributes, such as xml:space), is read in place; anything else (rich text, phonetic runs,
 * CDATA, a namespace prefix, other markup) by the tokenizer from where it starts, as `readStringItem`
 * reads it, which also reports what is broken.
 */
export function parseSharedStrings(xml: string, part: string): string[] {
  const r = new XmlReader(xml, part);
  const src = xml;
  const out: string[] = [];
  // The next "&" and "\r" at or after where the reader is (-1: none): a plain run without either
  // is its text as it stands, found with two searches for the whole part rather than a look at
  // every character of every run.
  let amp = -2;
  let cr = -2;
  /** The same for "_x" (an `_xHHHH_` escape, see decodeXEscapes). */
  let xEscape = -2;
  for (;;) {
    let lt = r.pos;
    if (lt >= src.length) break; // (no read past the end: it would undo the optimised code)
    if (src.charCodeAt(lt) !== LT) {
      lt = src.indexOf('<', lt);
      if (lt === -1) break;
    }
    if (
      src.charCodeAt(lt + 1) === 115 /* s */ &&
      src.charCodeAt(lt + 2) === 105 /* i */ &&
      src.charCodeAt(lt + 3) === GT &&
      src.charCodeAt(lt + 4) === LT &&
      src.charCodeAt(lt + 5) === 116 /* t */
    ) {
      const c = src.charCodeAt(lt + 6);
      let textStart = -1;
      if (c === GT) textStart = lt + 7;
      else if (
        (c === 32 || c === 10 || c === 9 || c === 13) &&
        scanTag(src, lt + 6) &&
        !scanned.selfClosing
      ) {
        textStart = scanned.end;
      }
      if (textStart !== -1) {
        const end = src.indexOf('<', textStart);
        if (end !== -1 && src.startsWith('</t></si>', end)) {
          if (amp !== -1 && amp < textStart) amp = src.indexOf('&', textStart);
          if (cr !== -1 && cr < textStart) cr = src.indexOf('\r', textStart);
          if (xEscape !== -1 && xEscape < textStart) xEscape = src.indexOf('_x', textStart);
          const plain = (amp === -1 || amp >= end) && (cr === -1 || cr >= end);
          const text = plain ? src.slice(textStart, end) : decodeEntities(src, textStart, end);
          // An entity may spell "_x" too ("&#95;x"): only a run without "&" skips the escapes.
          out.push(plain && (xEscape === -1 || xEscape >= end) ? text : decodeXEscapes(text));
          r.pos = end + 9;
          continue;
        }
      }
    }
    r.pos = lt;
    const k = r.next();
    if (k === EOF) break;
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
          if (j === END && r.is('numFmts')) {
            close = tagStart(r);
            break;
          }
          if (j === START && r.is('numFmt')) {
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
          if (j === END && r.is('cellXfs')) {
            close = tagStart(r);
            break;
          }
          if (j === START && r.is('xf')) {
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
  // A loop rather than map(): an array of one elements kind whatever the tier of the code that
  // made it, for the sheet reader's optimised code (map's optimised form makes holey arrays).
  const cellFormats: string[] = [];
  for (const id of xfFormatIds) cellFormats.push(custom.get(id) ?? builtInFormat(id) ?? 'General');
  return { cellFormats, places, end };
}
