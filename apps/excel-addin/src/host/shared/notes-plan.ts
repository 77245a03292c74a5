/**
 * What `setNotes` changes on a sheet, decided once for both hosts (Office.js and in-memory): from
 * the notes wanted, the record of what the add-in wrote before, and the notes the cells carry
 * now. The hosts only carry the plan out (the Office host keeps the record as JSON: records.ts).
 */
import { fromA1, toA1 } from '@chitieu/engine';
import { type CellNote, HostError } from '../types.js';

/** "c7", "$C$7" → "C7"; undefined for anything but one cell. */
export function noteCell(address: string): string | undefined {
  const at = fromA1(address);
  return at ? toA1(at.row, at.column) : undefined;
}

/** Note text compared as Excel keeps it (line breaks as "\n"). */
export function noteText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The notes asked for, by normalised cell (the last note of a cell wins); throws for a cell that is not one cell. */
export function wantedNotes(notes: readonly CellNote[]): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const note of notes) {
    const cell = noteCell(note.cell);
    if (!cell) {
      throw new HostError({
        code: 'invalid-content',
        what: 'note',
        cause: `note on "${note.cell}", which is not one cell`,
      });
    }
    wanted.set(cell, noteText(note.text));
  }
  return wanted;
}

export interface NotesPlan {
  /** Cells with no note yet: a note is added. */
  readonly add: readonly (readonly [cell: string, text: string])[];
  /** Cells with the add-in's own note, unchanged by the user, whose text changes. */
  readonly rewrite: readonly (readonly [cell: string, text: string])[];
  /** The add-in's notes no longer wanted, unchanged by the user: deleted. */
  readonly remove: readonly string[];
  /** Wanted cells left alone: a user's note, or an add-in note the user has since edited. */
  readonly skipped: number;
  /** The record after the change: every note that is now the add-in's. */
  readonly next: ReadonlyMap<string, string>;
}

/**
 * The changes that make `wanted` the add-in's notes on a sheet. `recorded` is what the add-in
 * wrote before; `current(cell)` the note a cell carries now (undefined for none). A note whose
 * text is no longer what the add-in recorded was edited by the user: it is theirs, never
 * rewritten or deleted, and drops out of the record.
 */
export function planNotes(
  wanted: ReadonlyMap<string, string>,
  recorded: ReadonlyMap<string, string>,
  current: (cell: string) => string | undefined,
): NotesPlan {
  const add: [string, string][] = [];
  const rewrite: [string, string][] = [];
  const remove: string[] = [];
  const next = new Map<string, string>();
  let skipped = 0;
  for (const [cell, text] of wanted) {
    const now = current(cell);
    const ours = recorded.get(cell);
    if (now === undefined) add.push([cell, text]);
    else if (ours === undefined || noteText(ours) !== now) {
      skipped++; // a user's note, or the add-in's that the user edited: theirs now
      continue;
    } else if (now !== text) rewrite.push([cell, text]);
    next.set(cell, text);
  }
  for (const [cell, text] of recorded) {
    // Not wanted any more: deleted when unchanged; edited by the user, or gone, it is not ours.
    if (wanted.has(cell) || current(cell) !== noteText(text)) continue;
    remove.push(cell);
  }
  return { add, rewrite, remove, skipped, next };
}
