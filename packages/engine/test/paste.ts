/**
 * A table of the seeds pasted into a sheet as it is: one tab-separated line per row, bold marks
 * dropped, a cell holding a plain number (80, 69,31) becoming a number as Excel makes it.
 */
import type { Grid } from '../src/grid.js';
import { parseGridText } from './fixtures/grid-text.js';

function pastedCell(text: string): string {
  const t = text
    .replace(/<\/?b>/g, '')
    .replace(/\*\*/g, '')
    .trim();
  if (/^\d+(,\d+)?$/.test(t)) return `=${t.replace(',', '.')}`;
  // A text that the grid format would read as a directive stays a text.
  return /^[=#']/.test(t) ? `'${t}` : t;
}

export function pasteLines(lines: readonly string[], name: string): Grid {
  const text = lines.map((line) => line.split('\t').map(pastedCell).join('\t')).join('\n');
  return parseGridText(`${text}\n%name ${name}`);
}
