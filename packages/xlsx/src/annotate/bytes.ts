/**
 * UTF-8 XML written straight into a byte buffer that grows as needed: markup (ASCII, as it is)
 * and cell text, escaped and encoded in one pass over its characters. What the report sheet's
 * 340,000 cells are written with: no string is made per cell or row (no garbage to collect), no
 * pattern is run over the text, and the runtime's encoder is not called per piece.
 *
 * `cellText` writes exactly the UTF-8 of `escapeCellText(text)` (parts.ts), which stays the
 * reference (the tests compare the two).
 */

/** For each ASCII code: 0 as it is, 1 markup (& < > "), 2 "_", 3 a character XML cannot hold. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ASCII_CLASS[c] = c === 0x09 || c === 0x0a ? 0 : 3;
ASCII_CLASS[0x26] = 1; // &
ASCII_CLASS[0x3c] = 1; // <
ASCII_CLASS[0x3e] = 1; // >
ASCII_CLASS[0x22] = 1; // "
ASCII_CLASS[0x5f] = 2; // _

/** "0123456789ABCDEF" as codes. */
const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export class XmlBytes {
  buf: Uint8Array;
  pos = 0;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  /** Room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** Text known to be ASCII (markup, references, numbers), as it is. */
  ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /** Bytes as they are. */
  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    const p = this.pos;
    if (n > 16) buf.set(bytes, p);
    else for (let i = 0; i < n; i++) buf[p + i] = bytes[i] as number;
    this.pos = p + n;
  }

  /** A non-negative integer's decimal digits. */
  digits(value: number): void {
    this.room(16);
    const buf = this.buf;
    let v = value;
    let n = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
    let p = this.pos + n;
    this.pos = p;
    do {
      buf[--p] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** Any text, as UTF-8, unescaped (lone surrogates as U+FFFD, as TextEncoder writes them). */
  text(text: string): void {
    const n = text.length;
    this.room(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const pair = surrogate(buf, p, text, i);
        p += pair;
        if (pair === 4) i++;
      }
    }
    this.pos = p;
  }

  /**
   * Cell text (ST_Xstring) escaped as `escapeCellText` escapes it: "_xHHHH_" with its underscore
   * as "_x005F_", characters XML cannot hold as "_xHHHH_", unpaired surrogates as U+FFFD, and
   * & < > " as entities.
   */
  cellText(text: string): void {
    const n = text.length;
    // At most 7 bytes per UTF-16 unit ("_x0001_").
    this.room(n * 7);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const kind = ASCII_CLASS[c] as number;
        if (kind === 0) buf[p++] = c;
        else if (kind === 1) p = entity(buf, p, c);
        else if (kind === 3) p = escaped(buf, p, c);
        else if (literalEscape(text, i)) {
          // "_xHHHH_" as written: "_x005F_" for its underscore, the rest as it is (the next
          // look starts after it, as a global replace does).
          p = escaped(buf, p, 0x5f);
          for (let k = 1; k <= 6; k++) buf[p++] = text.charCodeAt(i + k);
          i += 6;
        } else buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || (c > 0xdfff && c < 0xfffe)) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xfffe) {
        p = escaped(buf, p, c);
      } else {
        const pair = surrogate(buf, p, text, i);
        p += pair;
        if (pair === 4) i++;
      }
    }
    this.pos = p;
  }

  /** The bytes written since the last take (valid until the next write). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }
}

/** "&amp;", "&lt;", "&gt;" or "&quot;" for `c`, at `p`; the position after it. */
function entity(buf: Uint8Array, at: number, c: number): number {
  let p = at;
  buf[p++] = 0x26;
  if (c === 0x26) {
    buf[p++] = 0x61; // amp
    buf[p++] = 0x6d;
    buf[p++] = 0x70;
  } else if (c === 0x22) {
    buf[p++] = 0x71; // quot
    buf[p++] = 0x75;
    buf[p++] = 0x6f;
    buf[p++] = 0x74;
  } else {
    buf[p++] = c === 0x3c ? 0x6c : 0x67; // lt, gt
    buf[p++] = 0x74;
  }
  buf[p++] = 0x3b;
  return p;
}

/** "_xHHHH_" for the code `c`, at `p`; the position after it. */
function escaped(buf: Uint8Array, at: number, c: number): number {
  let p = at;
  buf[p++] = 0x5f;
  buf[p++] = 0x78;
  buf[p++] = HEX[(c >> 12) & 15] as number;
  buf[p++] = HEX[(c >> 8) & 15] as number;
  buf[p++] = HEX[(c >> 4) & 15] as number;
  buf[p++] = HEX[c & 15] as number;
  buf[p++] = 0x5f;
  return p;
}

/** At `i` (an underscore): "_xHHHH_", which a reader would take for an escape. */
function literalEscape(text: string, i: number): boolean {
  return (
    i + 6 < text.length &&
    text.charCodeAt(i + 1) === 0x78 &&
    isHex(text.charCodeAt(i + 2)) &&
    isHex(text.charCodeAt(i + 3)) &&
    isHex(text.charCodeAt(i + 4)) &&
    isHex(text.charCodeAt(i + 5)) &&
    text.charCodeAt(i + 6) === 0x5f
  );
}

/**
 * The surrogate at `i` of `text` written at `p`: the pair it starts as its 4 bytes, or, alone,
 * U+FFFD (3 bytes). The number of bytes written.
 */
function surrogate(buf: Uint8Array, p: number, text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (next >= 0xdc00 && next <= 0xdfff) {
    const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
    buf[p] = 0xf0 | (cp >> 18);
    buf[p + 1] = 0x80 | ((cp >> 12) & 0x3f);
    buf[p + 2] = 0x80 | ((cp >> 6) & 0x3f);
    buf[p + 3] = 0x80 | (cp & 0x3f);
    return 4;
  }
  buf[p] = 0xef;
  buf[p + 1] = 0xbf;
  buf[p + 2] = 0xbd;
  return 3;
}
