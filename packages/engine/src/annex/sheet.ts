/**
 * Read-only access to a grid with merged areas resolved: the text a person sees at a cell,
 * normalised for matching, computed once per cell.
 *
 * Everything here costs memory and time by the cells that exist, never by the rectangle they
 * span: a sheet with one cell in column XFD on every row, or thousands of large merged areas,
 * costs what its cells and merges cost. The scans of the layout go through `columnsIn`, the
 * columns of a row that hold a cell, rather than through every column up to the widest row.
 */
import type { Cell } from '../cell.js';
import type { Grid, MergedArea } from '../grid.js';
import { toA1 } from '../grid.js';
import { normalizeText } from '../text.js';
import { cutText } from './content.js';

/** Merged areas larger than this (in cells, once clipped to the data) are not taken into account. */
const MAX_MERGE_CELLS = 10_000;

/** String values at least this long have their trimmed text remembered. */
const LONG_TEXT = 256;

/** Side of the square blocks merged areas are filed under (a power of two). */
const BLOCK_BITS = 5;

/** The most rows, counted over all merged areas, filed row by row too (`MergeIndex`). */
const ROW_ENTRIES = 100_000;

/** Rows with at most this many areas over them are looked up by row; longer ones by block. */
const SHORT_ROW = 16;

const NO_COLUMNS: readonly number[] = Object.freeze([]);

/**
 * The indices of an array that hold something other than `undefined` or `null`, ascending.
 * Dense arrays are walked index by index; sparse ones (a cell set at index 16,383 of an empty
 * array) by their own keys, which costs what they hold rather than their length.
 */
function presentIndices(items: ArrayLike<unknown>): number[] {
  const out: number[] = [];
  const length = items.length;
  if (looksSparse(items, length)) {
    for (const key of Object.keys(items)) {
      const i = Number(key);
      if (Number.isInteger(i) && i >= 0 && i < length && items[i] != null) out.push(i);
    }
    // Own integer keys come in ascending order; kept sorted whatever the engine does.
    for (let k = 1; k < out.length; k++) {
      if ((out[k] as number) < (out[k - 1] as number)) {
        out.sort((a, b) => a - b);
        break;
      }
    }
    return out;
  }
  for (let i = 0; i < length; i++) if (items[i] != null) out.push(i);
  return out;
}

/** A long array with holes at several evenly spread places is walked by its keys. */
function looksSparse(items: ArrayLike<unknown>, length: number): boolean {
  if (length <= 4096) return false;
  let holes = 0;
  for (let k = 1; k <= 8; k++) if (!(Math.floor((length * k) / 9) in items)) holes++;
  return holes >= 4;
}

/**
 * Merged areas filed by the square blocks of the grid they touch, so that finding the area over
 * a cell looks at the few areas near it. Each area costs one entry per block it touches (an
 * area is at most `MAX_MERGE_CELLS` cells), and the blocks are nested arrays, not one map, so no
 * number of areas reaches a collection's size limit.
 */
class MergeIndex {
  private readonly areas: MergedArea[] = [];
  /** blocks[blockRow][blockColumn]: indices into `areas`, in the order the grid lists them. */
  private readonly blocks: (number[] | undefined)[][] = [];
  /**
   * byRow[row]: the areas over the row, in the order the grid lists them; kept while the areas'
   * rows come to at most `ROW_ENTRIES` in all (a form's few dozen merges), dropped beyond. A row
   * of a form has a handful of areas where its block may have dozens: a lookup scans the few.
   */
  private byRow: (MergedArea[] | undefined)[] | undefined = [];
  private rowEntries = 0;

  get size(): number {
    return this.areas.length;
  }

  add(area: MergedArea): void {
    const index = this.areas.length;
    this.areas.push(area);
    const top = Math.max(area.top, 0) >> BLOCK_BITS;
    const bottom = area.bottom >> BLOCK_BITS;
    const left = Math.max(area.left, 0) >> BLOCK_BITS;
    const right = area.right >> BLOCK_BITS;
    const byRow = this.byRow;
    if (byRow) {
      const first = Math.max(area.top, 0);
      this.rowEntries += area.bottom - first + 1;
      if (this.rowEntries > ROW_ENTRIES) this.byRow = undefined;
      else
        for (let r = first; r <= area.bottom; r++) {
          const list = byRow[r];
          if (list) list.push(area);
          else byRow[r] = [area];
        }
    }
    for (let br = top; br <= bottom; br++) {
      let row = this.blocks[br];
      if (!row) {
        row = [];
        this.blocks[br] = row;
      }
      for (let bc = left; bc <= right; bc++) {
        const list = row[bc];
        if (list) list.push(index);
        else row[bc] = [index];
      }
    }
  }

  /** The area over a cell; of overlapping areas (which Excel never writes), the last listed. */
  at(row: number, column: number): MergedArea | undefined {
    if (row < 0 || column < 0 || this.areas.length === 0) return undefined;
    const byRow = this.byRow;
    if (byRow) {
      const areas = byRow[row];
      if (!areas) return undefined;
      if (areas.length <= SHORT_ROW) {
        for (let k = areas.length - 1; k >= 0; k--) {
          const m = areas[k] as MergedArea;
          if (column <= m.right && column >= Math.max(m.left, 0)) return m;
        }
        return undefined;
      }
    }
    const list = this.blocks[row >> BLOCK_BITS]?.[column >> BLOCK_BITS];
    if (!list) return undefined;
    for (let k = list.length - 1; k >= 0; k--) {
      const m = this.areas[list[k] as number] as MergedArea;
      if (
        row <= m.bottom &&
        column <= m.right &&
        row >= Math.max(m.top, 0) &&
        column >= Math.max(m.left, 0)
      )
        return m;
    }
    return undefined;
  }
}

export class SheetView {
  readonly rowCount: number;
  /** The length of the longest row. */
  readonly columnCount: number;
  private readonly originRow: number;
  private readonly originColumn: number;
  /** For each grid row, the columns holding a cell, ascending. */
  private readonly present: (readonly number[] | undefined)[];
  /** 1 for the rows with a value or a text somewhere. */
  private readonly filled: Uint8Array;
  private readonly merges = new MergeIndex();
  /** Normalised texts, per row, per column, computed when first asked for. */
  private readonly norms: (Map<number, string> | undefined)[] = [];
  /** `shownColumnsIn` of each row asked for. */
  private readonly shown_: (readonly number[] | undefined)[] = [];
  /** Trimmed texts of long string values, by value. */
  private readonly longTexts = new Map<string, string>();
  /** Does any row have a value or a text? */
  readonly hasContent: boolean;

  constructor(readonly grid: Grid) {
    this.originRow = finiteOr(grid.origin?.row, 0);
    this.originColumn = finiteOr(grid.origin?.column, 0);
    const rows = grid.rows;
    this.rowCount = rows.length;
    this.present = new Array(0);
    this.filled = new Uint8Array(this.rowCount);
    let columns = 0;
    let content = false;
    for (const r of presentIndices(rows)) {
      const row = rows[r];
      if (!row || row.length === 0) continue;
      if (row.length > columns) columns = row.length;
      const cols = presentIndices(row);
      if (cols.length === 0) continue;
      this.present[r] = cols;
      for (const c of cols) {
        if (!isEmptyCell(row[c])) {
          this.filled[r] = 1;
          content = true;
          break;
        }
      }
    }
    this.columnCount = columns;
    this.hasContent = content;
    for (const m of grid.merges ?? []) {
      if (!m) continue;
      const { top: t, left: l, bottom: b, right: rt } = m;
      // A merge starts at a cell; it may end past the data (clipped to it), never at NaN.
      if (!Number.isInteger(t) || !Number.isInteger(l) || Number.isNaN(b) || Number.isNaN(rt))
        continue;
      const top = t - this.originRow;
      const left = l - this.originColumn;
      const bottom = Math.floor(Math.min(b - this.originRow, this.rowCount - 1));
      const right = Math.floor(Math.min(rt - this.originColumn, columns - 1));
      if (bottom < Math.max(top, 0) || right < Math.max(left, 0)) continue;
      // Only merges of a sensible size count; a whole-column merge would cover the whole table.
      if ((bottom - top + 1) * (right - left + 1) > MAX_MERGE_CELLS) continue;
      this.merges.add({ top, left, bottom, right });
    }
  }

  /** The cell itself (undefined when empty). Coordinates are relative to the grid. */
  cell(row: number, column: number): Cell | undefined {
    return this.grid.rows[row]?.[column] ?? undefined;
  }

  /** The columns of a grid row that hold a cell (possibly an empty one), ascending. */
  columnsIn(row: number): readonly number[] {
    return this.present[row] ?? NO_COLUMNS;
  }

  /**
   * The columns of a grid row that hold a cell not covered by a merged area (its own top-left
   * cell aside), ascending: `columnsIn` less `isCovered`, worked out once per row.
   */
  shownColumnsIn(row: number): readonly number[] {
    const all = this.columnsIn(row);
    if (this.merges.size === 0 || all.length === 0) return all;
    let shown = this.shown_[row];
    if (shown === undefined) {
      let out: number[] | undefined;
      for (let k = 0; k < all.length; k++) {
        const c = all[k] as number;
        if (this.isCovered(row, c)) {
          out ??= all.slice(0, k);
        } else if (out) out.push(c);
      }
      shown = out ?? all;
      this.shown_[row] = shown;
    }
    return shown;
  }

  /** The merged area covering a cell, in grid coordinates. */
  merge(row: number, column: number): MergedArea | undefined {
    return this.merges.at(row, column);
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

  /**
   * Text of the cell itself, trimmed ('' for none), and no longer than Excel lets a cell be (a
   * longer text can only come from a file made by hand; it is read up to that length).
   */
  text(row: number, column: number): string {
    const cell = this.cell(row, column);
    const value = cell?.value;
    if (typeof value !== 'string' || value.length < LONG_TEXT) return cutText(cellText(cell));
    // A long text is trimmed (a copy) once per sheet, not once per cell and call: a sheet may
    // repeat one long shared string in every cell, and what is read from it is remembered by text.
    let text = this.longTexts.get(value);
    if (text === undefined) {
      text = cutText(value.trim());
      if (this.longTexts.size >= 10_000) this.longTexts.clear();
      this.longTexts.set(value, text);
    }
    return text;
  }

  /** Normalised text (no diacritics, lower case, words only) of the cell itself. */
  norm(row: number, column: number): string {
    const text = this.text(row, column);
    if (text === '') return '';
    let cache = this.norms[row];
    if (!cache) {
      cache = new Map();
      this.norms[row] = cache;
    }
    let n = cache.get(column);
    if (n === undefined) {
      n = normalizeText(text);
      cache.set(column, n);
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
    return this.filled[row] !== 1;
  }
}

function finiteOr(n: number | undefined, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
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
