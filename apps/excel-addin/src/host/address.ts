/**
 * A1 areas as the hosts and the live updates read them: Excel's addresses ("'Sheet'!A9:B10",
 * "$C$7") as 0-based inclusive areas, and the guard on what readRange may read.
 */
import { fromA1, type MergedArea } from '@chitieu/engine';
import { HostError } from './types.js';

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

/**
 * The area readRange reads for `address` ("C7", "$C$7:d9", "'Sheet'!C7"): one rectangle of at
 * most `maxCells` cells. Whole rows or columns ("5:5", "B:D") and anything else are refused with
 * HostError('too-large'): the caller reads the whole sheet instead.
 */
export function readableArea(sheet: string, address: string, maxCells: number): MergedArea {
  const local = address.slice(address.lastIndexOf('!') + 1).trim();
  const area = parseArea(local);
  if (!area) {
    const whole = /^\$?(\d+:\$?\d+|[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})$/.test(local);
    throw new HostError(
      'too-large',
      whole
        ? `"${address}" on "${sheet}" is whole rows or columns; the add-in reads at most ${maxCells} cells of a range.`
        : `"${address}" on "${sheet}" is not one range of cells the add-in can read on its own.`,
    );
  }
  const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
  if (cells > maxCells) {
    throw new HostError(
      'too-large',
      `The range ${address} of "${sheet}" has ${cells} cells; the add-in reads at most ${maxCells}.`,
    );
  }
  return area;
}
