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
 */
/// <reference path="../cli-table3-utils.d.ts" />
import utils from 'cli-table3/src/utils.js';

const PADDING = 1;

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
    const cells = widths.map((width, x) => {
      const text = String(row[x] ?? '');
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
          text === undefined
            ? ' '.repeat(width)
            : ` ${utils.pad(utils.truncate(text, inner, '…'), inner, ' ', undefined)} `;
        line += '│';
      }
      out.push(line);
    }
  }
  out.push(`└${top.join('┴')}┘`);
  return out.join('\n');
}
