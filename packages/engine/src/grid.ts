/**
 * The engine's only input for sheet checks: a plain grid of cells with merged areas. And the one
 * A1 room of the repository: addresses to 0-based cells and areas and back, for the engine, the
 * xlsx reader and writer, the add-in's hosts and its fake Excel. Nothing here knows about
 * Office.js or files; the add-in and `@chitieu/xlsx` build grids.
 */
import type { Cell } from './cell.js';

/** An area of cells, 0-based and inclusive: A1:B2 is { top: 0, left: 0, bottom: 1, right: 1 }. */
export interface MergedArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Grid {
  /** The worksheet name, for messages. */
  readonly name?: string;
  /**
   * Rows of cells. `rows[r][c]` is the cell at sheet row `origin.row + r`, column `origin.column + c`
   * (0-based). Rows may be shorter than others and may hold `undefined` for empty cells.
   */
  readonly rows: readonly (readonly (Cell | undefined)[])[];
  readonly merges?: readonly MergedArea[];
  /** Where `rows[0][0]` sits in the sheet, 0-based; default A1. */
  readonly origin?: { readonly row: number; readonly column: number };
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(column: number): string {
  let n = column + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based row and column → "B7". */
export function toA1(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

/** "B7" → { row: 6, column: 1 }; `undefined` for anything else. */
export function fromA1(address: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return undefined;
  const letters = (m[1] ?? '').toUpperCase();
  let column = 0;
  for (const ch of letters) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]) - 1;
  if (row < 0) return undefined;
  return { row, column: column - 1 };
}

/** Excel's last row and column, 0-based (row 1,048,576 and column XFD). */
export const EXCEL_MAX_ROW = 1_048_575;
export const EXCEL_MAX_COLUMN = 16_383;

const COLUMNS = EXCEL_MAX_COLUMN + 1;

/**
 * An address exactly as `toA1` writes it ("B7": capitals, no "$", no leading zero, within
 * Excel's last row and column) as one number, row × 16,384 + column (0-based); −1 for anything
 * else. `cellAtIndex` gives the address back, character for character.
 */
export function cellIndex(a1: string): number {
  const n = a1.length;
  if (n < 2 || n > 10) return -1;
  let i = 0;
  let column = 0;
  for (; i < n && i < 3; i++) {
    const c = a1.charCodeAt(i);
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
  }
  if (i === 0 || i === n || column > COLUMNS) return -1;
  let row = 0;
  for (let k = i; k < n; k++) {
    const c = a1.charCodeAt(k);
    // a digit, and 1–9 first
    if (c < 48 || c > 57 || (k === i && c === 48)) return -1;
    row = row * 10 + (c - 48);
  }
  if (row > EXCEL_MAX_ROW + 1) return -1;
  return (row - 1) * COLUMNS + (column - 1);
}

/** `cellIndex`'s number → the A1 address: 6 × 16,384 + 1 → "B7". */
export function cellAtIndex(index: number): string {
  return toA1(Math.floor(index / COLUMNS), index % COLUMNS);
}

/**
 * "'Sheet 1'!A9:B10" → { top: 8, left: 0, bottom: 9, right: 1 }; "$C$7" → one cell; the corners
 * in either order. Undefined for whole rows or columns, several areas, cells beyond Excel's last
 * row or column, or anything else.
 */
export function parseArea(address: string): MergedArea | undefined {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const colon = local.indexOf(':');
  const start = fromA1(colon < 0 ? local : local.slice(0, colon));
  const end = colon < 0 ? start : fromA1(local.slice(colon + 1));
  if (!start || !end) return undefined;
  const area = {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
  return area.bottom <= EXCEL_MAX_ROW && area.right <= EXCEL_MAX_COLUMN ? area : undefined;
}

/** { top: 6, left: 2, bottom: 8, right: 3 } → "C7:D9"; an area of one cell → "C7". */
export function areaAddress(area: MergedArea): string {
  const start = toA1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right
    ? start
    : `${start}:${toA1(area.bottom, area.right)}`;
}

/**
 * The rectangles covering cells given row by row (row-major order, as [row, column]): runs of
 * adjacent columns in a row, joined down while consecutive rows have the same run. Ordered by
 * top row, then column.
 */
export function cellRects(cells: readonly (readonly [number, number])[]): MergedArea[] {
  type Open = { top: number; left: number; bottom: number; right: number };
  const done: MergedArea[] = [];
  let open = new Map<string, Open>();
  let i = 0;
  const at = (k: number) => cells[k] as readonly [number, number];
  while (i < cells.length) {
    const row = at(i)[0];
    const next = new Map<string, Open>();
    while (i < cells.length && at(i)[0] === row) {
      const left = at(i)[1];
      let right = left;
      i++;
      while (i < cells.length && at(i)[0] === row && at(i)[1] === right + 1) {
        right++;
        i++;
      }
      const key = `${left}:${right}`;
      const area = open.get(key);
      if (area && area.bottom === row - 1) {
        area.bottom = row;
        next.set(key, area);
      } else {
        next.set(key, { top: row, left, bottom: row, right });
      }
    }
    for (const [key, area] of open) if (next.get(key) !== area) done.push(area);
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}
