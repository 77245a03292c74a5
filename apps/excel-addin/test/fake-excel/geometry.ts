/**
 * Rectangles of cells as the fake keeps them, over the engine's A1 module (the one the hosts
 * use), held to Excel's strictness: an address the fake's Excel would refuse throws
 * InvalidArgument.
 */
import { type MergedArea, parseArea } from '@chitieu/engine';
import { invalid } from './errors.js';

/** A 0-based inclusive rectangle of cells. */
export type Rect = MergedArea;

/** "B3:D7" or "B3" (no sheet name) → Rect; throws InvalidArgument like Excel. */
export function parseRect(address: string): Rect {
  const rect = address.includes('!') ? undefined : parseArea(address);
  if (!rect) throw invalid(`Bad range address "${address}".`);
  return rect;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function within(inner: Rect, outer: Rect): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

/** A sheet name as Excel writes it in an address: quoted unless it is a plain name. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function forEachCell(rect: Rect, fn: (row: number, column: number) => void): void {
  const count = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
  if (count > 5_000_000) throw new Error(`fake: writing ${count} cells one by one is not modelled`);
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) fn(r, c);
  }
}
