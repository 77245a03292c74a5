/**
 * The engine's only input for sheet checks: a plain grid of cells with merged areas.
 * Nothing here knows about Office.js or files; the add-in and `@chitieu/xlsx` build grids.
 */
import type { Cell } from './cell.js';

/** A merged area, 0-based and inclusive: A1:B2 is { top: 0, left: 0, bottom: 1, right: 1 }. */
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
