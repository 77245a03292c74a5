/**
 * Live updates, as pure functions: which cells to read again after an edit, how they patch the
 * grid of the last read, the notes' words, and when the marks and notes must be written again.
 * The controller drives them; tests call them directly.
 */
import {
  areaAddress,
  type Grid,
  type Locale,
  MARK_NOTE_PREFIX,
  type MarkPlan,
  markNotes,
  parseArea,
  type TargetSet,
} from '@chitieu/engine';
import type { CellNote } from '../host/types.js';

/** More changed cells than this and the whole sheet is read again (one read is then cheaper). */
export const MAX_PATCH_CELLS = 5_000;
/** More changed ranges than this and the whole sheet is read again. */
export const MAX_PATCH_RANGES = 8;

/**
 * The ranges to read after an edit of `addresses` ("C7", "C7:D9", "C7,E9"), or undefined when
 * the sheet must be read whole: whole rows or columns, an address that does not parse, too many
 * ranges or cells.
 */
export function rangesToRead(addresses: readonly string[]): string[] | undefined {
  const seen = new Set<string>();
  let cells = 0;
  for (const address of addresses) {
    for (const part of address.split(',')) {
      const area = parseArea(part.trim());
      if (!area) return undefined;
      cells += (area.bottom - area.top + 1) * (area.right - area.left + 1);
      seen.add(areaAddress(area));
      if (cells > MAX_PATCH_CELLS || seen.size > MAX_PATCH_RANGES) return undefined;
    }
  }
  return seen.size > 0 ? [...seen] : undefined;
}

/**
 * The grid with the cells of `patch` (a range read, with its own origin) written over it, or
 * undefined when the patch starts above or left of the grid (the used range grew that way: read
 * the whole sheet). The grid is not changed; rows the patch does not touch are shared.
 */
export function patchGrid(grid: Grid, patch: Grid): Grid | undefined {
  const origin = grid.origin ?? { row: 0, column: 0 };
  const at = patch.origin ?? { row: 0, column: 0 };
  const top = at.row - origin.row;
  const left = at.column - origin.column;
  if (top < 0 || left < 0) return undefined;
  const rows = [...grid.rows];
  for (const [r, patchRow] of patch.rows.entries()) {
    const index = top + r;
    while (rows.length <= index) rows.push([]);
    const row = [...(rows[index] ?? [])];
    for (const [c, cell] of patchRow.entries()) {
      const column = left + c;
      if (cell === undefined && column >= row.length) continue;
      while (row.length < column) row.push(undefined);
      row[column] = cell;
    }
    rows[index] = row;
  }
  return { ...grid, rows };
}

/** A fingerprint of the plan's rules: the marks are written again only when it changes. */
export function planKey(plan: MarkPlan): string {
  return JSON.stringify(plan.rules);
}

/** The prefix of every note the add-in writes, so a reader knows who wrote it (the engine's). */
export const NOTE_PREFIX = MARK_NOTE_PREFIX;

/**
 * One note per marked cell with its reasons (a cell marked for two reasons gets both lines),
 * worded now in `locale` from each cell's finding (`targetSet`: the set checked against, whose
 * level names the words may use): the engine's `markNotes`, the notes the CLI's `--notes` writes,
 * so both shells word a cell's note the same. The notes are written in the pane's language at
 * the time.
 */
export function notesOf(plan: MarkPlan, locale: Locale, targetSet?: TargetSet): CellNote[] {
  return markNotes(plan, { locale, ...(targetSet ? { targetSet } : {}) }).map(({ cell, text }) => ({
    cell,
    text,
  }));
}

/** A fingerprint of the notes: they are written again only when it changes. */
export function notesKey(notes: readonly CellNote[]): string {
  return JSON.stringify(notes);
}
