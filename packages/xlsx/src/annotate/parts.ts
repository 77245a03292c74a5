/**
 * Small, careful edits of SpreadsheetML parts as text: each function adds what the marks and
 * the report sheet need and leaves every other byte of the part as it was.
 */

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Characters XML 1.0 cannot hold (and the carriage return, which parsers turn into a newline). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what is escaped
const NOT_IN_XML = /[\u0000-\u0008\u000B-\u000D\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
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
  return escapeXml(
    text
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      .replace(
        NOT_IN_XML,
        (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
      )
      .replace(LONE_SURROGATE, '\uFFFD'),
  );
}

/** An attribute value: escaped, without the characters XML cannot hold. */
export function escapeAttribute(text: string): string {
  return escapeXml(text.replace(NOT_IN_XML, '').replace(LONE_SURROGATE, '\uFFFD'));
}

/** A cell with an inline string (`t="inlineStr"`), its spaces kept; `style` is a cellXfs index. */
export function inlineCell(ref: string, text: string, style?: number): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(text)}</t></is></c>`;
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

/** Inserts `fragment` before the closing tag of the root element `local`. */
export function insertBeforeClose(xml: string, local: string, fragment: string): string {
  const prefix = rootPrefix(xml, local);
  const close = `</${prefix}${local}>`;
  const at = xml.lastIndexOf(close);
  if (at < 0) throw new Error(`no </${local}> in the part`);
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
 * where the schema wants it when absent), and updates its count.
 */
export function appendToCollection(
  xml: string,
  prefix: string,
  collection: string,
  children: readonly string[],
): { xml: string; firstIndex: number } {
  const open = new RegExp(`<${prefix}${collection}\\b([^>]*?)(/?)>`);
  const m = open.exec(xml);
  if (m) {
    const selfClosing = m[2] === '/';
    const attrs = attributes(m[0]);
    const existing = selfClosing
      ? 0
      : countChildren(xml, m.index + m[0].length, `${prefix}${collection}`);
    const declared = Number(attrs.get('count') ?? existing);
    const count = Math.max(existing, Number.isFinite(declared) ? declared : existing);
    const firstIndex = existing;
    // The count is updated where it stands; every other attribute stays as written.
    const bare = m[0].replace(/\s*\/?>$/, '');
    const openTag = /\scount="[^"]*"/.test(bare)
      ? `${bare.replace(/(\scount=")[^"]*"/, `$1${count + children.length}"`)}>`
      : `${bare} count="${count + children.length}">`;
    if (selfClosing) {
      return {
        xml:
          xml.slice(0, m.index) +
          openTag +
          children.join('') +
          `</${prefix}${collection}>` +
          xml.slice(m.index + m[0].length),
        firstIndex,
      };
    }
    const closeTag = `</${prefix}${collection}>`;
    const closeAt = xml.indexOf(closeTag, m.index);
    return {
      xml:
        xml.slice(0, m.index) +
        openTag +
        xml.slice(m.index + m[0].length, closeAt) +
        children.join('') +
        xml.slice(closeAt),
      firstIndex,
    };
  }
  const element = `<${prefix}${collection} count="${children.length}">${children.join('')}</${prefix}${collection}>`;
  for (const tag of STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(collection) + 1)) {
    const at = xml.search(new RegExp(`<${prefix}${tag}[\\s>/]`));
    if (at >= 0) return { xml: xml.slice(0, at) + element + xml.slice(at), firstIndex: 0 };
  }
  return { xml: insertBeforeClose(xml, 'styleSheet', element), firstIndex: 0 };
}

/** Counts the direct children of an element whose content starts at `from`. */
function countChildren(xml: string, from: number, qualified: string): number {
  const close = xml.indexOf(`</${qualified}>`, from);
  const body = xml.slice(from, close < 0 ? xml.length : close);
  let depth = 0;
  let count = 0;
  const re = /<(\/?)([\w:.-]+)[^>]*?(\/?)>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1] === '/') depth--;
    else {
      if (depth === 0) count++;
      if (m[3] !== '/') depth++;
    }
  }
  return count;
}

/** The largest `numFmtId` declared in styles.xml (at least 163: custom ids start at 164). */
export function maxNumFmtId(styles: string): number {
  let max = 163;
  const re = /<(?:[\w.-]+:)?numFmt\b[^>]*numFmtId="(\d+)"/g;
  for (let m = re.exec(styles); m; m = re.exec(styles)) max = Math.max(max, Number(m[1]));
  return max;
}

/** Elements that follow `conditionalFormatting` in CT_Worksheet, in schema order. */
const AFTER_CONDITIONAL_FORMATTING = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Inserts `<conditionalFormatting>` elements where the schema wants them, after any the sheet has. */
export function insertConditionalFormatting(sheetXml: string, fragment: string): string {
  const prefix = rootPrefix(sheetXml, 'worksheet');
  const dataEnd = (() => {
    const close = sheetXml.indexOf(`</${prefix}sheetData>`);
    if (close >= 0) return close;
    const empty = sheetXml.search(new RegExp(`<${prefix}sheetData\\s*/>`));
    return Math.max(empty, 0);
  })();
  let at = -1;
  for (const tag of AFTER_CONDITIONAL_FORMATTING) {
    const re = new RegExp(`<${prefix}${tag}[\\s>/]`, 'g');
    re.lastIndex = dataEnd;
    const m = re.exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) return insertBeforeClose(sheetXml, 'worksheet', fragment);
  return sheetXml.slice(0, at) + fragment + sheetXml.slice(at);
}

/** The largest conditional-format priority a sheet already uses (0 when none). */
export function maxPriority(sheetXml: string): number {
  let max = 0;
  const re = /<(?:[\w.-]+:)?cfRule\b[^>]*\bpriority="(\d+)"/g;
  for (let m = re.exec(sheetXml); m; m = re.exec(sheetXml)) max = Math.max(max, Number(m[1]));
  return max;
}
