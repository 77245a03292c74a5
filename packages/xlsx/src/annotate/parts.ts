/**
 * Small, careful edits of SpreadsheetML parts as text: each function adds what the marks and
 * the report sheet need and leaves every other byte of the part as it was. Where an addition
 * goes is found by the package's own readers (`parseStyles`, `parseWorkbook`, …), never by a
 * pattern over the text: a damaged part that the reader still reads gets its addition where the
 * reader sees it, so the copy reads as the original plus the addition.
 */
import { fail } from '../errors.js';
import { parseStyles, type StylesPart } from '../parts.js';
import { END, EOF, XmlReader } from '../xml.js';

const MARKUP = /[&<>"]/;
const MARKUP_ALL = /[&<>"]/g;
const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};
const entity = (ch: string): string => ENTITY[ch] as string;

/** Text with the markup characters & < > " as entities (in one pass; none: the text itself). */
export function escapeXml(text: string): string {
  return MARKUP.test(text) ? text.replace(MARKUP_ALL, entity) : text;
}

/** Characters XML 1.0 cannot hold (and the carriage return, which parsers turn into a newline). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what is escaped
const NOT_IN_XML = /[\u0000-\u0008\u000B-\u000D\u000E-\u001F\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what is escaped
const HAS_NOT_IN_XML = /[\u0000-\u0008\u000B-\u000D\u000E-\u001F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_SURROGATE = /[\uD800-\uDFFF]/;
/** Any character `escapeCellText` may change: markup, "_", NOT_IN_XML, a surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what is escaped
const NEEDS_ESCAPING = /[&<>"_\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Text for a cell string (ST_Xstring), escaped for XML: characters XML cannot hold (control
 * characters, a carriage return) become `_xHHHH_` escapes, and a literal "_xHHHH_" keeps its
 * underscore as "_x005F_", so a reader gives back exactly `text`. Unpaired surrogates, which no
 * XML can hold, become U+FFFD.
 */
export function escapeCellText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text; // most text: nothing to escape
  // Each step only when the text has what it changes, in this order.
  let out = text;
  if (out.includes('_x')) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (HAS_NOT_IN_XML.test(out))
    out = out.replace(
      NOT_IN_XML,
      (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    );
  if (HAS_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\uFFFD');
  return escapeXml(out);
}

/** An attribute value: escaped, without the characters XML cannot hold. */
export function escapeAttribute(text: string): string {
  let out = text;
  if (HAS_NOT_IN_XML.test(out)) out = out.replace(NOT_IN_XML, '');
  if (HAS_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\uFFFD');
  return escapeXml(out);
}

/** A sheet name as formulas and link locations write it: 'Phụ lục', with ' doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The namespace prefix of the root element ("" or "x:"), so added elements match it. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** Attributes of the first `<tag …>` matching, as a map. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag))
    out.set(m[1] as string, (m[3] ?? m[4] ?? '') as string);
  return out;
}

/**
 * Inserts `fragment` before the last end tag `</local>` (any prefix) the XML reader meets in
 * `xml`, the part `part`; fails (`corrupt-part`) when there is none or the part is not XML.
 */
export function insertBeforeClose(
  xml: string,
  local: string,
  fragment: string,
  part: string,
): string {
  const r = new XmlReader(xml, part);
  let at = -1;
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === END && r.is(local)) at = xml.lastIndexOf('<', r.nameStart);
  }
  if (at < 0) {
    fail({ code: 'corrupt-part', reason: 'no-end-tag', part, element: local });
  }
  return xml.slice(0, at) + fragment + xml.slice(at);
}

/** Collections of CT_Stylesheet in schema order: a new one goes before the first present after it. */
const STYLESHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

/**
 * Adds children to a collection of styles.xml such as `<dxfs count="2">…</dxfs>` (creating it
 * where the schema wants it when absent), and updates its count: `appendToCollections` for one.
 */
export function appendToCollection(
  xml: string,
  prefix: string,
  collection: string,
  children: readonly string[],
  part = 'xl/styles.xml',
): { xml: string; firstIndex: number } {
  const added = appendToCollections(xml, prefix, [{ collection, children }], part);
  return { xml: added.xml, firstIndex: added.firstIndex[0] as number };
}

/** Children to add to a collection of styles.xml. */
export interface CollectionAddition {
  readonly collection: string;
  readonly children: readonly string[];
  /**
   * Only the place is looked for (failing as adding would), nothing is written: a collection
   * that gets nothing and is left as it is.
   */
  readonly placeOnly?: boolean;
}

/**
 * How many children each collection of styles.xml has for the reader (`parseStyles`), which is
 * the index the first child added to it gets: the cell formats read for a `cellXfs` collection
 * the stylesheet lacks, 0 for any other collection it lacks.
 */
export function collectionCount(styles: StylesPart, collection: string): number {
  const place = styles.places.get(collection);
  if (place !== undefined) return place.children;
  return collection === 'cellXfs' ? styles.cellFormats.length : 0;
}

/**
 * Adds children to collections of styles.xml such as `<dxfs count="2">…</dxfs>` (creating each
 * where the schema wants it when absent), and updates their counts, from one reading of the part.
 * Where a collection is, and how many children it has, is what the reader finds (`parseStyles`):
 * the last collection of the name, its children counted as the reader counts them (cell formats:
 * all it reads), so the reader of the copy sees every existing style where it was and the new
 * ones after them. The same text as adding to each collection in turn, in the schema's order.
 * Returns the index of the first child added to each (`collectionCount`). Fails (`corrupt-part`)
 * for a part the reader cannot read or with no place for a collection.
 */
export function appendToCollections(
  xml: string,
  prefix: string,
  additions: readonly CollectionAddition[],
  part = 'xl/styles.xml',
  styles: StylesPart = parseStyles(xml, part),
): { xml: string; firstIndex: number[] } {
  const cannot = (
    why:
      | { reason: 'no-end-tag'; element: string }
      | { reason: 'unterminated-collection'; collection: string },
  ): never => fail({ code: 'corrupt-part', part, ...why });
  /** Text put in place of xml[at, to), in the schema's order where two start at one offset. */
  const edits: { at: number; to: number; text: string; order: number }[] = [];
  const firstIndex = additions.map(({ collection, children, placeOnly }) => {
    const first = collectionCount(styles, collection);
    const order = STYLESHEET_ORDER.indexOf(collection);
    const place = styles.places.get(collection);
    if (place === undefined) {
      const element = `<${prefix}${collection} count="${children.length}">${children.join('')}</${prefix}${collection}>`;
      let at: number | undefined;
      for (const tag of STYLESHEET_ORDER.slice(order + 1)) {
        at = styles.places.get(tag)?.start;
        if (at !== undefined) break;
      }
      at ??= styles.end ?? cannot({ reason: 'no-end-tag', element: 'styleSheet' });
      if (!placeOnly) edits.push({ at, to: at, text: element, order });
      return first;
    }
    const openTag = xml.slice(place.start, place.openEnd);
    const attrs = attributes(openTag);
    const existing = place.children;
    const declared = Number(attrs.get('count') ?? existing);
    const count = Math.max(existing, Number.isFinite(declared) ? declared : existing);
    // The count is updated where it stands; every other attribute stays as written.
    const bare = openTag.replace(/\s*\/?>$/, '');
    const newOpen = /\scount="[^"]*"/.test(bare)
      ? `${bare.replace(/(\scount=")[^"]*"/, `$1${count + children.length}"`)}>`
      : `${bare} count="${count + children.length}">`;
    const qualified = /^<([^\s/>]+)/.exec(openTag)?.[1] ?? `${prefix}${collection}`;
    if (place.selfClosing) {
      if (placeOnly) return first;
      edits.push({
        at: place.start,
        to: place.openEnd,
        text: `${newOpen}${children.join('')}</${qualified}>`,
        order,
      });
      return first;
    }
    if (place.close === undefined) return cannot({ reason: 'unterminated-collection', collection });
    if (placeOnly) return first;
    edits.push({ at: place.start, to: place.openEnd, text: newOpen, order });
    edits.push({ at: place.close, to: place.close, text: children.join(''), order });
    return first;
  });
  if (edits.length === 0) return { xml, firstIndex };
  edits.sort((x, y) => x.at - y.at || x.order - y.order);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += xml.slice(from, edit.at) + edit.text;
    from = edit.to;
  }
  return { xml: out + xml.slice(from), firstIndex };
}

/** The largest `numFmtId` declared in styles.xml (at least 163: custom ids start at 164). */
export function maxNumFmtId(styles: string): number {
  let max = 163;
  const re = /<(?:[\w.-]+:)?numFmt\b[^>]*numFmtId="(\d+)"/g;
  for (let m = re.exec(styles); m; m = re.exec(styles)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The largest conditional-format priority a sheet already uses (0 when none). */
export function maxPriority(sheetXml: string): number {
  let max = 0;
  if (!sheetXml.includes('cfRule')) return max; // most sheets: none (no pattern run over them)
  const re = /<(?:[\w.-]+:)?cfRule\b[^>]*\bpriority="(\d+)"/g;
  for (let m = re.exec(sheetXml); m; m = re.exec(sheetXml)) max = Math.max(max, Number(m[1]));
  return max;
}
