/**
 * A small pull tokenizer for the XML of SpreadsheetML parts. It knows elements, attributes, text,
 * CDATA, comments, processing instructions and a DOCTYPE (skipped: no DTD, no entity expansion).
 * Element and attribute names are reported without their namespace prefix ("x:row" → "row").
 * It does not check well-formedness beyond what reading needs; unterminated markup fails.
 */
import { fail, type XmlProblem } from './errors.js';

export const EOF = 0;
export const START = 1;
export const END = 2;
export const TEXT = 3;

export type TokenKind = typeof EOF | typeof START | typeof END | typeof TEXT;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const QUESTION = 63; // ?
const BANG = 33; // !
const EQUALS = 61; // =
const COLON = 58; // :
const DQUOTE = 34; // "
const SQUOTE = 39; // '
const AMP = 38; // &

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlReader {
  readonly src: string;
  /** The part name, for errors. */
  readonly part: string;
  pos = 0;
  kind: TokenKind = EOF;
  /** The local name range of the START or END element (see `name` and `is`). */
  nameStart = 0;
  nameEnd = 0;
  private cachedName: string | undefined;
  /** Whether the START element is self-closing (`<c r="A1"/>`): no END token follows. */
  selfClosing = false;
  /** The raw text range of a TEXT token. */
  textStart = 0;
  textEnd = 0;
  /** Whether the TEXT token is CDATA (no entities to decode). */
  cdata = false;
  /** The attribute range of the START element. */
  private attrsStart = 0;
  private attrsEnd = 0;
  /** The attribute cursor: `nextAttr()` fills these. */
  private attrPos = 0;
  /** The local name range of the attribute at the cursor (see `attrName` and `attrIs`). */
  attrNameStart = 0;
  attrNameEnd = 0;
  attrValueStart = 0;
  attrValueEnd = 0;

  constructor(src: string, part: string) {
    this.src = src;
    this.part = part;
  }

  private broken(problem: XmlProblem): never {
    fail({
      code: 'corrupt-part',
      reason: 'not-well-formed',
      part: this.part,
      problem,
      at: this.pos,
    });
  }

  /** Moves to the next token and returns its kind. */
  next(): TokenKind {
    const src = this.src;
    const n = src.length;
    for (;;) {
      const at = this.pos;
      if (at >= n) {
        this.kind = EOF;
        return EOF;
      }
      if (src.charCodeAt(at) !== LT) {
        let end = src.indexOf('<', at);
        if (end === -1) end = n;
        this.textStart = at;
        this.textEnd = end;
        this.cdata = false;
        this.pos = end;
        this.kind = TEXT;
        return TEXT;
      }
      const c1 = src.charCodeAt(at + 1);
      if (c1 === SLASH) {
        const close = src.indexOf('>', at + 2);
        if (close === -1) this.broken('unterminated-end-tag');
        let nameEnd = close;
        while (nameEnd > at + 2 && isSpace(src.charCodeAt(nameEnd - 1))) nameEnd--;
        this.setName(at + 2, nameEnd);
        this.pos = close + 1;
        this.kind = END;
        return END;
      }
      if (c1 === QUESTION) {
        const close = src.indexOf('?>', at + 2);
        if (close === -1) this.broken('unterminated-processing-instruction');
        this.pos = close + 2;
        continue;
      }
      if (c1 === BANG) {
        if (src.startsWith('<!--', at)) {
          const close = src.indexOf('-->', at + 4);
          if (close === -1) this.broken('unterminated-comment');
          this.pos = close + 3;
          continue;
        }
        if (src.startsWith('<![CDATA[', at)) {
          const close = src.indexOf(']]>', at + 9);
          if (close === -1) this.broken('unterminated-cdata');
          this.textStart = at + 9;
          this.textEnd = close;
          this.cdata = true;
          this.pos = close + 3;
          this.kind = TEXT;
          return TEXT;
        }
        this.skipDeclaration(at);
        continue;
      }
      // A start tag: the name, then attributes up to ">" or "/>", skipping quoted values.
      let i = at + 1;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (isSpace(c) || c === GT || c === SLASH) break;
        i++;
      }
      if (i === at + 1) this.broken('tag-without-name');
      this.setName(at + 1, i);
      this.attrsStart = i;
      for (;;) {
        if (i >= n) this.broken('unterminated-start-tag');
        const c = src.charCodeAt(i);
        if (c === GT) break;
        if (c === DQUOTE || c === SQUOTE) {
          const close = src.indexOf(c === DQUOTE ? '"' : "'", i + 1);
          if (close === -1) this.broken('unterminated-attribute-value');
          i = close + 1;
        } else {
          i++;
        }
      }
      this.selfClosing = src.charCodeAt(i - 1) === SLASH;
      this.attrsEnd = this.selfClosing ? i - 1 : i;
      this.attrPos = this.attrsStart;
      this.pos = i + 1;
      this.kind = START;
      return START;
    }
  }

  private setName(start: number, end: number): void {
    this.nameStart = localStart(this.src, start, end);
    this.nameEnd = end;
    this.cachedName = undefined;
  }

  /** The local name of the START or END element ("x:row" → "row"). */
  get name(): string {
    if (this.cachedName === undefined)
      this.cachedName = this.src.slice(this.nameStart, this.nameEnd);
    return this.cachedName;
  }

  /** Whether the current element's local name is `name` (no string is made). */
  is(name: string): boolean {
    return (
      this.nameEnd - this.nameStart === name.length && this.src.startsWith(name, this.nameStart)
    );
  }

  /** The local name of the attribute at the cursor. */
  get attrName(): string {
    return this.src.slice(this.attrNameStart, this.attrNameEnd);
  }

  /** Whether the attribute at the cursor has the local name `name` (no string is made). */
  attrIs(name: string): boolean {
    return (
      this.attrNameEnd - this.attrNameStart === name.length &&
      this.src.startsWith(name, this.attrNameStart)
    );
  }

  /** Skips `<!DOCTYPE …>` (with an internal subset in brackets) or any other `<!…>`. */
  private skipDeclaration(at: number): void {
    const src = this.src;
    let depth = 0;
    for (let i = at + 2; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === DQUOTE || c === SQUOTE) {
        const close = src.indexOf(c === DQUOTE ? '"' : "'", i + 1);
        if (close === -1) break;
        i = close;
      } else if (c === GT && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.broken('unterminated-declaration');
  }

  /** Restarts the attribute cursor of the current START element. */
  rewindAttrs(): void {
    this.attrPos = this.attrsStart;
  }

  /**
   * Moves the attribute cursor to the next attribute of the current START element: sets
   * `attrName` (local name) and the raw value range. Returns false after the last one.
   */
  nextAttr(): boolean {
    const src = this.src;
    const end = this.attrsEnd;
    let i = this.attrPos;
    while (i < end && isSpace(src.charCodeAt(i))) i++;
    if (i >= end) {
      this.attrPos = end;
      return false;
    }
    const nameStart = i;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === EQUALS || isSpace(c)) break;
      i++;
    }
    const nameEnd = i;
    while (i < end && isSpace(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) !== EQUALS) {
      // An attribute without a value (not XML): report it with an empty value.
      this.attrNameStart = localStart(src, nameStart, nameEnd);
      this.attrNameEnd = nameEnd;
      this.attrValueStart = this.attrValueEnd = nameEnd;
      this.attrPos = Math.max(i, nameEnd + 1);
      return true;
    }
    i++;
    while (i < end && isSpace(src.charCodeAt(i))) i++;
    const quote = src.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    if (quote === DQUOTE || quote === SQUOTE) {
      valueStart = i + 1;
      valueEnd = src.indexOf(quote === DQUOTE ? '"' : "'", valueStart);
      if (valueEnd === -1 || valueEnd > end) valueEnd = end;
      i = valueEnd + 1;
    } else {
      valueStart = i;
      while (i < end && !isSpace(src.charCodeAt(i))) i++;
      valueEnd = i;
    }
    this.attrNameStart = localStart(src, nameStart, nameEnd);
    this.attrNameEnd = nameEnd;
    this.attrValueStart = valueStart;
    this.attrValueEnd = valueEnd;
    this.attrPos = i;
    return true;
  }

  /** The decoded value of the attribute at the cursor. */
  attrValue(): string {
    return decodeEntities(this.src, this.attrValueStart, this.attrValueEnd);
  }

  /** The decoded value of the named attribute (local name) of the current START element. */
  attr(name: string): string | undefined {
    this.attrPos = this.attrsStart;
    while (this.nextAttr()) {
      if (this.attrIs(name)) return this.attrValue();
    }
    return undefined;
  }

  /** The decoded text of the current TEXT token. */
  text(): string {
    return this.cdata
      ? this.src.slice(this.textStart, this.textEnd)
      : decodeEntities(this.src, this.textStart, this.textEnd);
  }

  /** The decoded content after `readPlain` returned false. */
  content = '';

  /**
   * After a START token: the element's text content (text and CDATA of all descendants,
   * concatenated), leaving the reader after its END token.
   */
  readContent(): string {
    if (this.selfClosing) return '';
    return this.continueContent(this.next());
  }

  /**
   * After a START token: reads the element's content up to its END. Returns true when the content
   * is a single plain text run, or nothing, with its raw range in `textStart`/`textEnd` (to decode
   * or parse in place); otherwise false, with the decoded content in `content`.
   */
  readPlain(): boolean {
    if (this.selfClosing) {
      this.textStart = this.textEnd = this.pos;
      return true;
    }
    let k = this.next();
    if (k === END) {
      this.textStart = this.textEnd = this.pos;
      return true;
    }
    if (k === TEXT && !this.cdata) {
      const start = this.textStart;
      const end = this.textEnd;
      k = this.next();
      if (k === END) {
        this.textStart = start;
        this.textEnd = end;
        return true;
      }
      this.content = decodeEntities(this.src, start, end) + this.continueContent(k);
      return false;
    }
    this.content = this.continueContent(k);
    return false;
  }

  /** Collects text from the current token `k` on, up to the END of the element being read. */
  private continueContent(first: TokenKind): string {
    let out = '';
    let depth = 1;
    for (let k = first; ; k = this.next()) {
      if (k === TEXT) out += this.text();
      else if (k === START) {
        if (!this.selfClosing) depth++;
      } else if (k === END) {
        if (--depth === 0) return out;
      } else {
        return out;
      }
    }
  }

  /** After a START token: skips to after its END token. */
  skipElement(): void {
    if (this.selfClosing) return;
    let depth = 1;
    for (;;) {
      const k = this.next();
      if (k === START) {
        if (!this.selfClosing) depth++;
      } else if (k === END) {
        if (--depth === 0) return;
      } else if (k === EOF) {
        return;
      }
    }
  }
}

/**
 * What `scanTag` found in a start tag: where it ends, whether it closes itself, and the value
 * ranges of its attributes with the one-letter local names r, s and t (the first of each; -1
 * when absent), and whether one of them was repeated.
 */
export const scanned = {
  /** The offset just after the tag's ">". */
  end: 0,
  selfClosing: false,
  rStart: -1,
  rEnd: -1,
  sStart: -1,
  sEnd: -1,
  tStart: -1,
  tEnd: -1,
  repeated: false,
};

/**
 * Reads the attributes of a start tag from `at`, just after the element's name, when they have the
 * plain form writers use: `name="value"` or `name='value'`, separated by white space or not, then
 * `>` or `/>`. For such a tag this gives what the tokenizer and `nextAttr` give (the same end,
 * the same attribute ranges; names by local name), without a token: the hot path of the sheet and
 * shared-strings readers. Returns false for anything else (a value without quotes, an attribute
 * without a value, spaces around "=", an unterminated tag): the caller then reads the tag with
 * the tokenizer, which also reports what is broken.
 */
export function scanTag(src: string, at: number): boolean {
  const out = scanned;
  out.rStart = out.sStart = out.tStart = -1;
  out.repeated = false;
  const n = src.length;
  let i = at;
  for (;;) {
    let c = src.charCodeAt(i);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = src.charCodeAt(++i);
    if (c === GT) {
      out.end = i + 1;
      out.selfClosing = false;
      return true;
    }
    if (c === SLASH) {
      if (src.charCodeAt(i + 1) !== GT) return false;
      out.end = i + 2;
      out.selfClosing = true;
      return true;
    }
    const nameStart = i;
    // Name characters: anything but white space (and other controls), = > / quotes and <.
    while (
      c > 32 &&
      c !== EQUALS &&
      c !== GT &&
      c !== SLASH &&
      c !== DQUOTE &&
      c !== SQUOTE &&
      c !== LT
    ) {
      c = src.charCodeAt(++i);
    }
    if (c !== EQUALS || i === nameStart) return false;
    const quote = src.charCodeAt(i + 1);
    if (quote !== DQUOTE && quote !== SQUOTE) return false;
    const valueStart = i + 2;
    let j = valueStart;
    while (j < n && src.charCodeAt(j) !== quote) j++;
    if (j >= n) return false;
    // A one-letter local name ("r", or "x:r"): the last character, after nothing or a ":".
    if (i - nameStart === 1 || src.charCodeAt(i - 2) === COLON) {
      const letter = src.charCodeAt(i - 1);
      if (letter === 114 /* r */) {
        if (out.rStart >= 0) out.repeated = true;
        else {
          out.rStart = valueStart;
          out.rEnd = j;
        }
      } else if (letter === 115 /* s */) {
        if (out.sStart >= 0) out.repeated = true;
        else {
          out.sStart = valueStart;
          out.sEnd = j;
        }
      } else if (letter === 116 /* t */) {
        if (out.tStart >= 0) out.repeated = true;
        else {
          out.tStart = valueStart;
          out.tEnd = j;
        }
      }
    }
    i = j + 1;
  }
}

/** Where the local name starts in `src[start, end)`: after the last ":" (a namespace prefix). */
function localStart(src: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) {
    if (src.charCodeAt(i) === COLON) return i + 1;
  }
  return start;
}

/**
 * The text in `src[start, end)` with XML entity and character references decoded and line ends
 * normalised as XML parsers do ("\r\n" and "\r" → "\n"; a "&#13;" reference stays "\r").
 * Unknown or malformed references are kept as written.
 */
export function decodeEntities(src: string, start: number, end: number): string {
  // Scan the range only: indexOf would search on to the end of the part, for every call.
  let amp = -1;
  let cr = false;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === AMP) {
      amp = i;
      break;
    }
    if (c === 13) cr = true;
  }
  if (amp === -1) return cr ? normaliseLineEnds(src.slice(start, end)) : src.slice(start, end);
  let out = '';
  let from = start;
  while (amp !== -1) {
    out += normaliseLineEnds(src.slice(from, amp));
    let semi = -1;
    const limit = Math.min(end, amp + 12);
    for (let i = amp + 1; i < limit; i++) {
      if (src.charCodeAt(i) === 59 /* ; */) {
        semi = i;
        break;
      }
    }
    const decoded = semi === -1 ? undefined : entity(src, amp + 1, semi);
    if (decoded === undefined) {
      out += '&';
      from = amp + 1;
    } else {
      out += decoded;
      from = semi + 1;
    }
    amp = -1;
    for (let i = from; i < end; i++) {
      if (src.charCodeAt(i) === AMP) {
        amp = i;
        break;
      }
    }
  }
  return out + normaliseLineEnds(src.slice(from, end));
}

function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

function entity(src: string, start: number, end: number): string | undefined {
  if (src.charCodeAt(start) === 35 /* # */) {
    const hex = src.charCodeAt(start + 1) === 120 /* x */ || src.charCodeAt(start + 1) === 88;
    const digits = src.slice(start + (hex ? 2 : 1), end);
    if (digits.length === 0 || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits))
      return undefined;
    const code = Number.parseInt(digits, hex ? 16 : 10);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  }
  switch (src.slice(start, end)) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return undefined;
  }
}

/**
 * Decodes the `_xHHHH_` escapes of OOXML strings (ST_Xstring): "_x000D_" → "\r", and
 * "_x005F_" → "_" (so "_x005F_x0041_" reads as the literal "_x0041_").
 */
export function decodeXEscapes(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
