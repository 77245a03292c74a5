/**
 * A1 areas, as pure geometry: Excel's addresses ("'Sheet'!A9:B10", "$C$7") as 0-based inclusive
 * areas and back, and the fewest rectangles covering a set of cells. The one A1-area room of the
 * add-in: both hosts, the live updates and the fake Excel use it (it is meant to move into the
 * engine's grid module).
 */
import { fromA1, type MergedArea, toA1 } from '@chitieu/engine';

/**
 * "'Sheet 1'!A9:B10" → { top: 8, left: 0, bottom: 9, right: 1 } (0-based, inclusive); "$C$7" →
 * one cell; undefined for whole rows or columns, several areas or anything else.
 */
export function parseArea(address: string): MergedArea | undefined {
  const local = address.slice(address.lastIndexOf('!') + 1).trim();
  const [a = '', b = a, extra] = local.split(':');
  if (extra !== undefined) return undefined;
  const start = fromA1(a);
  const end = fromA1(b);
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/** { top: 6, left: 2, bottom: 8, right: 3 } → "C7:D9"; an area of one cell → "C7". */
export function areaAddress(area: MergedArea): string {
  const start = toA1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right
    ? start
    : `${start}:${toA1(area.bottom, area.right)}`;
}

/**
 * The rectangles covering cells given row by row (row-major order): runs of adjacent columns in
 * a row, joined down while consecutive rows have the same run. Ordered by top row, then column.
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
