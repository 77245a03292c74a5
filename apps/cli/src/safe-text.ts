/**
 * The one home of display safety: text that comes from outside (unit names and cell texts from
 * workbooks, sheet and file names, fields of a user's target-set file, what the user typed) made
 * safe to print on a terminal or to write into the text, CSV and HTML reports.
 *
 * Removed (or, for names, shown as `\u001b`): every ESC sequence (CSI such as "clear screen" or
 * a colour, OSC such as an OSC 8 link or a window title, DCS/SOS/PM/APC strings, and the short
 * two-character escapes), their 8-bit C1 forms, every other C0 and C1 control character and DEL,
 * and the bidirectional controls that reorder what is shown: the embeddings and overrides
 * U+202A–U+202E, the isolates U+2066–U+2069, and also the marks U+200E/U+200F/U+061C. The marks
 * cannot reorder a run of letters on their own, but they move neighbouring punctuation and
 * digits, are invisible, and no Vietnamese name needs them, so they go too. Line and paragraph
 * separators (U+2028/U+2029) become line breaks where line breaks are kept and spaces elsewhere;
 * a tab becomes a space.
 *
 * JSON is not passed through here: it keeps the raw value (JSON.stringify escapes the C0
 * controls; `guardTerminal` escapes the rest as \uXXXX, which parses back to the same value).
 */

/** ESC-introduced sequences and their 8-bit forms, each as a whole (an unterminated string runs to the end). */
const ESCAPE_SEQUENCE = new RegExp(
  [
    // OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or U+009C), or to the end
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[\\s\\S]*?(?:\\x07|\\x1b\\\\|\\x9c|$)',
    // CSI: parameters, intermediates, a final byte
    '(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    // any other escape: intermediates and a final byte (ESC ( B, ESC 7, ESC c …), or a lone ESC
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
  ].join('|'),
  'g',
);

/**
 * What is never printed as it is: C0 controls, DEL and C1 controls, the bidi marks, embeddings,
 * overrides and isolates, and the line and paragraph separators (the one list, as regex text).
 */
const UNSAFE_CLASS =
  '\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_CHAR = new RegExp(`[${UNSAFE_CLASS}]`, 'g');
/**
 * The same list without the tab, the line feed and the carriage return (a plain class: a class
 * behind a look-ahead, as `(?![\t\n\r])[…]`, is tried at every position and scans a report's text
 * several times slower).
 */
const UNSAFE_BUT_LAYOUT = new RegExp(
  `[${UNSAFE_CLASS.replace('\\x00-\\x1f', '\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f')}]`,
);
const LONE_CR = /\r(?!\n)/;

/**
 * Is anything in the text unsafe, a line break (\n, \r\n) and a tab aside? A carriage return is
 * looked for apart (`includes` is a plain scan), and only then whether one stands alone.
 */
function anyUnsafe(text: string): boolean {
  return UNSAFE_BUT_LAYOUT.test(text) || (text.includes('\r') && LONE_CR.test(text));
}

const escaped = (ch: string) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

export interface SafeTextOptions {
  /**
   * `strip` (the default) removes what is unsafe: for texts read as words, such as unit names
   * and cell texts. `reveal` shows each unsafe character as `\u001b` instead: for names a user
   * must find again, such as file and sheet names, so that two names never look the same.
   */
  readonly mode?: 'strip' | 'reveal';
  /** Keep line breaks (\n, \r\n, U+2028/U+2029 become \n); otherwise they become spaces. */
  readonly lineBreaks?: boolean;
}

/** `text` with nothing that could drive a terminal or reorder what is shown (see the module note). */
export function safeText(text: string, options: SafeTextOptions = {}): string {
  if (!anyUnsafe(text) && !text.includes('\n') && !text.includes('\t')) return text;
  const reveal = options.mode === 'reveal';
  const lineBreak = options.lineBreaks ? '\n' : ' ';
  const out = reveal
    ? text
    : text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n|[\n\u2028\u2029]/g, lineBreak);
  return out.replace(UNSAFE_CHAR, (ch) => {
    if (ch === '\t') return ' ';
    if (reveal) {
      if (ch === '\n' || ch === '\u2028' || ch === '\u2029')
        return options.lineBreaks ? '\n' : escaped(ch);
      return escaped(ch);
    }
    return ch === '\n' ? ch : '';
  });
}

/** A name as shown: the unsafe characters of a file, sheet or folder name written as `\u001b`. */
export const safeName = (name: string): string => safeText(name, { mode: 'reveal' });

/**
 * The last guard before a terminal: every write to stdout and stderr passes here, so a text that
 * reached an output without `safeText` still cannot drive the terminal. Unsafe characters are
 * written as `\uXXXX` (inside JSON that is the same string), except our own: line breaks, tabs,
 * the colour codes we write when colours are on, and, on a terminal, a write that is wholly the
 * progress bar's cursor control.
 */
export function guardTerminal(text: string, on: { colours: boolean; tty: boolean }): string {
  if (!anyUnsafe(text)) return text;
  if (on.tty && CURSOR_CONTROL.test(text)) return text;
  return text.replace(OWN_OR_UNSAFE, (match) => {
    if (match === '\r\n' || match === '\n' || match === '\t') return match;
    if (match.length > 1) return on.colours ? match : escaped('\x1b') + match.slice(1);
    return escaped(match);
  });
}

/** The colour codes picocolors and cli-table3 write (SGR with one parameter), one by one. */
const OWN_OR_UNSAFE = new RegExp(`\\x1b\\[(?:0|1|2|22|3[0-9])m|\\r\\n|[${UNSAFE_CLASS}]`, 'g');

/** A write that is nothing but cursor control, as the progress bar writes it (one call each). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the progress bar's escapes
const CURSOR_CONTROL = /^(?:\x1b[78]|\x1b\[\?(?:25|7)[hl]|\x1b\[\d*[ABCDGK])+$/;

/**
 * How each byte of UTF-8 text bears on `guardTerminal`: 0 never unsafe (ASCII text, a line
 * feed, a tab, every other byte of a character); 1 unsafe or needing a look (the other C0
 * controls, a carriage return, DEL); 2 the first byte of a character that may be one of the
 * unsafe ones (C2: the C1 controls; D8: U+061C; E2: the marks, separators, embeddings and
 * isolates of U+200E–U+2069), decided by the bytes after it.
 */
const BYTE_KIND = (() => {
  const kind = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) if (b !== 0x0a && b !== 0x09) kind[b] = 1;
  kind[0x7f] = 1;
  kind[0xc2] = 2;
  kind[0xd8] = 2;
  kind[0xe2] = 2;
  return kind;
})();

/** Is the character whose first byte is at `i` (C2, D8 or E2) one `guardTerminal` rewrites? */
function unsafeAt(bytes: Uint8Array, i: number): boolean {
  const lead = bytes[i] as number;
  const second = bytes[i + 1] ?? 0;
  if (lead === 0xc2) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xd8) return second === 0x9c;
  const third = bytes[i + 2] ?? 0;
  // U+200E U+200F, U+2028–U+202E (E2 80 …), U+2066–U+2069 (E2 81 …)
  if (second === 0x80) return third === 0x8e || third === 0x8f || (third >= 0xa8 && third <= 0xae);
  return second === 0x81 && third >= 0xa6 && third <= 0xa9;
}

/**
 * `guardTerminal` for UTF-8 bytes of whole characters (a file of the output set copied to
 * stdout): the bytes themselves when none of them could be rewritten, which is one pass over
 * them and no text made; otherwise their text, guarded.
 */
export function guardTerminalBytes(
  bytes: Uint8Array,
  on: { colours: boolean; tty: boolean },
): Uint8Array | string {
  return firstToGuard(bytes) < 0 ? bytes : guardTerminal(utf8Text(bytes), on);
}

/** Does the character whose first byte is at `at` need `guardTerminal`? */
function guardedAt(bytes: Uint8Array, at: number): boolean {
  const k = BYTE_KIND[bytes[at] as number] as number;
  return k !== 0 && (k === 1 || unsafeAt(bytes, at));
}

/**
 * The offset of the first byte of a character `guardTerminal` could rewrite, or -1. Four bytes
 * at a time where they are aligned: a word of printable ASCII (most of a report's markup) is
 * passed over whole, any other word is looked at byte by byte.
 */
function firstToGuard(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  for (; i < n && (bytes.byteOffset + i) % 4 !== 0; i++) if (guardedAt(bytes, i)) return i;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >> 2);
  for (let w = 0; w < words.length; w++) {
    const x = words[w] as number;
    // printable ASCII: no byte below 0x20 (the "has less" test), none from 0x80, none 0x7F
    if (
      ((x - 0x20202020) & ~x & 0x80808080) === 0 &&
      (x & 0x80808080) === 0 &&
      ((x + 0x01010101) & 0x80808080) === 0
    )
      continue;
    const at = i + w * 4;
    for (let j = at; j < at + 4; j++) if (guardedAt(bytes, j)) return j;
  }
  for (i += words.length * 4; i < n; i++) if (guardedAt(bytes, i)) return i;
  return -1;
}

/** The text of UTF-8 bytes of whole characters (a view into any buffer, not copied first). */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/**
 * How many of the bytes are whole UTF-8 characters: all of them, unless they end inside a
 * character (a piece of a file read in chunks), which is left for the next piece.
 */
export function wholeCharacters(bytes: Uint8Array): number {
  const n = bytes.length;
  // a character is at most four bytes: its first byte is within the last four
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back] as number;
    if (b < 0x80) return n; // ASCII: whatever came before it is whole
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back >= size ? n : n - back;
    }
  }
  return n;
}
