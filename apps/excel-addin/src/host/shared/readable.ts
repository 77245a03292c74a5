/**
 * What `readRange` may read, decided once for both hosts from the address alone, before the
 * workbook is asked for anything: one rectangle of at most so many cells.
 */
import { type MergedArea, parseArea } from '@chitieu/engine';
import { HostError } from '../types.js';

/**
 * The area readRange reads for `address` ("C7", "$C$7:d9", "'Sheet'!C7"): one rectangle of at
 * most `maxCells` cells. Whole rows or columns ("5:5", "B:D") and anything else are refused with
 * a HostError `too-large`: the caller reads the whole sheet instead.
 */
export function readableArea(sheet: string, address: string, maxCells: number): MergedArea {
  const local = address.slice(address.lastIndexOf('!') + 1).trim();
  const area = parseArea(local);
  if (!area) {
    const whole = /^\$?(\d+:\$?\d+|[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})$/.test(local);
    const reason = whole ? 'whole-rows-or-columns' : 'not-one-range';
    throw new HostError({ code: 'too-large', reason, sheet, address });
  }
  const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
  if (cells > maxCells) {
    throw new HostError({
      code: 'too-large',
      reason: 'range',
      sheet,
      address,
      cells,
      limit: maxCells,
    });
  }
  return area;
}
