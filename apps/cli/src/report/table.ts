/**
 * The text report's table of findings: a head row and rows of cells in fixed-width columns,
 * each cell's text wrapped on word boundaries, drawn with box characters and no line between
 * rows — exactly what cli-table3 draws for `new Table({ head, colWidths, wordWrap: true, style:
 * { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } })`.
 *
 * The text work is cli-table3's own (its utils: display width, word wrap, colours carried over
 * wrapped lines, truncation); only the layout is drawn here. cli-table3's Table merges some
 * twenty options into every cell before drawing it, which was a fifth of the CPU of a text
 * report of 150 workbooks; a test draws random tables both ways and compares the strings.
 *
 * Most cells are plain text: letters, digits, punctuation, each one column wide. For those,
 * cli-table3's width of a piece is its length, and its word wrap, truncation and padding are
 * done here with that width (the same steps, in `wrapPlain`); cli-table3 measures each word
 * again per step, which made the text report of 600 workbooks a third of the run's allocations.
 * Which characters are one column wide is cli-table3's answer (`utils.strlen`), asked once per
 * character; text with any other character (wide, combining, an emoji, a control, a colour
 * code, a line break, a surrogate) is left to cli-table3 whole.
 */
/// <reference path="../cli-table3-utils.d.ts" />
import utils from 'cli-table3/src/utils.js';

const PADDING = 1;

/**
 * A yes-or-no question about a UTF-16 code unit, asked once per unit and remembered (a table of
 * the 65,536 units: 0 not asked yet, 1 yes, 2 no).
 */
function perCodeUnit(ask: (code: number) => boolean): (code: number) => boolean {
  const answers = new Uint8Array(0x10000);
  return (code) => {
    let answer = answers[code] as number;
    if (answer === 0) {
      answer = ask(code) ? 1 : 2;
      answers[code] = answer;
    }
    return answer === 1;
  };
}

/**
 * Units that join or change the characters around them (a zero-width joiner, variation
 * selectors, the keycap mark, an escape, surrogates): never one column on their own account.
 */
function joins(code: number): boolean {
  return (
    code === 0x1b ||
    code === 0x200d ||
    code === 0x20e3 ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** Whether a UTF-16 unit is one column wide on its own, as cli-table3 counts (`utils.strlen`). */
const oneColumn = perCodeUnit(
  (code) => !joins(code) && utils.strlen(String.fromCharCode(code)) === 1,
);

/** Whether every character of `text` is one column wide, so that its width is its length. */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!oneColumn(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether a UTF-16 unit is whitespace: what `\s` matches, as cli-table3's word wrap splits on
 * `\s+` (asked of the regular expression itself).
 */
const ONE_SPACE = /^\s$/;
const isSpace = perCodeUnit((code) => ONE_SPACE.test(String.fromCharCode(code)));

/**
 * cli-table3's word wrap (`utils.wordWrap(width, text, true)`) of a line whose every character is
 * one column wide: words added to a line while it fits, a word too long for any line on a line
 * of its own. A line is always a stretch of the input (its words and the whitespace between
 * them, with the input's leading whitespace on the first), so it is cut out of the input where
 * the words end, as the input is scanned once: no array of words, no joins.
 */
function wrapPlain(maxLength: number, input: string): string[] {
  const lines: string[] = [];
  const n = input.length;
  let lineStart = 0;
  let lineEnd = 0;
  let lineLength = 0;
  let space = 0; // the whitespace before the word at `at`
  let at = 0;
  for (;;) {
    let end = at;
    while (end < n && !isSpace(input.charCodeAt(end))) end++;
    const word = end - at;
    let newLength = lineLength + word;
    if (lineLength > 0 && space > 0) newLength += space;
    if (newLength > maxLength) {
      if (lineLength !== 0) lines.push(input.slice(lineStart, lineEnd));
      lineStart = at;
      lineLength = word;
    } else lineLength = newLength;
    lineEnd = end;
    if (end >= n) break;
    at = end + 1;
    while (at < n && isSpace(input.charCodeAt(at))) at++;
    space = at - end;
  }
  if (lineLength) lines.push(input.slice(lineStart, lineEnd));
  return lines;
}

/** A wrapped line in its cell, `inner` columns: cut with "…" when too long, padded with spaces. */
function fitted(text: string, inner: number, plain: boolean): string {
  // a line of one-column characters that fits: its width is its length
  if (plain && text.length <= inner) return text + ' '.repeat(inner - text.length);
  return utils.pad(utils.truncate(text, inner, '…'), inner, ' ', undefined);
}

/** The table's lines joined with line breaks; `widths` are the columns' outer widths. */
export function drawTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
): string {
  const out: string[] = [];
  const top = widths.map((w) => '─'.repeat(w));
  out.push(`┌${top.join('┬')}┐`);
  const all = [head, ...rows];
  for (const row of all) {
    const plain: boolean[] = [];
    const cells = widths.map((width, x) => {
      const text = String(row[x] ?? '');
      plain[x] = isPlain(text);
      if (plain[x]) return wrapPlain(width - 2 * PADDING, text);
      const lines = utils.wordWrap(width - 2 * PADDING, text, true);
      // Colours carried over wrapped lines: only text with colour codes has any to carry.
      return text.includes('\u001b') ? utils.colorizeLines(lines) : lines;
    });
    // A row is one line high at least, even when every cell is empty.
    const height = Math.max(1, ...cells.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      let line = '│';
      for (const [x, width] of widths.entries()) {
        const lines = cells[x] as string[];
        const inner = width - 2 * PADDING;
        const text = k < lines.length ? (lines[k] as string) : undefined;
        line +=
          text === undefined ? ' '.repeat(width) : ` ${fitted(text, inner, plain[x] === true)} `;
        line += '│';
      }
      out.push(line);
    }
  }
  out.push(`└${top.join('┴')}┘`);
  return out.join('\n');
}
