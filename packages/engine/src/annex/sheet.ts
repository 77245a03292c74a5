/**
 * Read-only access to a grid with merged areas resolved: the text a person sees at a cell,
 * normalised for matching, computed once per cell.
 */
import type { Cell } from '../cell.js';
import type { Grid, MergedArea } from '../grid.js';
import { toA1 } from '../grid.js';
import { normalizeText } from '../text.js';

export class SheetView {
  readonly rowCount: number;
  readonly columnCount: number;
  private readonly originRow: number;
  private readonly originColumn: number;
  /** For each covered cell (key r * stride + c) the merged area it belongs to. */
  private readonly mergeAt = new Map<number, MergedArea>();
  private readonly stride: number;
  private readonly normCache = new Map<number, string>();

  constructor(readonly grid: Grid) {
    this.originRow = grid.origin?.row ?? 0;
    this.originColumn = grid.origin?.column ?? 0;
    let columns = 0;
    for (const row of grid.rows) if (row && row.length > columns) columns = row.length;
    this.rowCount = grid.rows.length;
    this.columnCount = columns;
    this.stride = Math.max(columns, 1) + 1;
    for (const m of grid.merges ?? []) {
      const top = m.top - this.originRow;
      const left = m.left - this.originColumn;
      const bottom = Math.min(m.bottom - this.originRow, this.rowCount - 1);
      const right = Math.min(m.right - this.originColumn, columns - 1);
      // Only merges of a sensible size are indexed; a whole-column merge would cost millions of keys.
      if ((bottom - top + 1) * (right - left + 1) > 10_000) continue;
      const local = { top, left, bottom, right };
      for (let r = Math.max(top, 0); r <= bottom; r++) {
        for (let c = Math.max(left, 0); c <= right; c++)
          this.mergeAt.set(r * this.stride + c, local);
      }
    }
  }

  /** The cell itself (undefined when empty). Coordinates are relative to the grid. */
  cell(row: number, column: number): Cell | undefined {
    return this.grid.rows[row]?.[column];
  }

  /** The merged area covering a cell, in grid coordinates. */
  merge(row: number, column: number): MergedArea | undefined {
    return this.mergeAt.get(row * this.stride + column);
  }

  /** The cell whose value shows at (row, column): the top-left cell of its merged area. */
  shown(row: number, column: number): Cell | undefined {
    const m = this.merge(row, column);
    return m ? this.cell(m.top, m.left) : this.cell(row, column);
  }

  /** Is this cell inside a merged area but not its top-left cell? */
  isCovered(row: number, column: number): boolean {
    const m = this.merge(row, column);
    return m !== undefined && (m.top !== row || m.left !== column);
  }

  /** Text of the cell itself, trimmed ('' for none). */
  text(row: number, column: number): string {
    return cellText(this.cell(row, column));
  }

  /** Normalised text (no diacritics, lower case, words only) of the cell itself. */
  norm(row: number, column: number): string {
    const key = row * this.stride + column;
    let n = this.normCache.get(key);
    if (n === undefined) {
      n = normalizeText(this.text(row, column));
      this.normCache.set(key, n);
    }
    return n;
  }

  /** The A1 address in the sheet of a grid cell. */
  address(row: number, column: number): string {
    return toA1(row + this.originRow, column + this.originColumn);
  }

  /** Sheet row number (1-based, as Excel shows it) of a grid row. */
  sheetRow(row: number): number {
    return row + this.originRow + 1;
  }

  /** Is the row empty (no value, no text)? */
  isBlankRow(row: number): boolean {
    const cells = this.grid.rows[row];
    if (!cells) return true;
    for (const c of cells) if (!isEmptyCell(c)) return false;
    return true;
  }
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  if (typeof cell.value === 'string') return cell.value.trim();
  if (cell.text !== undefined && cell.text !== '') return cell.text.trim();
  if (cell.value === null) return '';
  return String(cell.value);
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell || cell.type === 'empty') return true;
  if (cell.value === null) return (cell.text ?? '').trim() === '';
  return typeof cell.value === 'string' && cell.value.trim() === '';
}
