/**
 * What the Office host records in the workbook, and how it reads it back. A workbook may carry
 * anything (an older version, a hand edit, another add-in's copy): every record is validated by
 * hand, and anything unreadable counts as no record.
 *
 * - `chitieu.marks` (worksheet custom property): { version: 1, ids: [...] }, the ids of the
 *   conditional formats the add-in added (marks.ts).
 * - `chitieu.notes` (worksheet custom property): { version: 1, notes: { "C7": text } }, the notes
 *   it wrote (notes.ts).
 * - `chitieu.owner` (worksheet custom property): 'report' | 'template' on a sheet it wrote
 *   (write-sheet.ts).
 * - `chitieu.settings` (document settings): the pane's settings, an object the pane reads itself.
 */
import { noteCell } from '../shared/notes-plan.js';
import type { WriteSheetOptions } from '../types.js';

/** Worksheet custom property holding the ids of the add-in's conditional formats. */
export const MARKS_PROPERTY = 'chitieu.marks';
/** Worksheet custom property marking a sheet the add-in wrote: its owner, 'report' or 'template'. */
export const OWNER_PROPERTY = 'chitieu.owner';
/** Worksheet custom property recording the notes the add-in wrote: cell → text (NotesRecord). */
export const NOTES_PROPERTY = 'chitieu.notes';
/** Document settings key of the pane's settings. */
export const SETTINGS_KEY = 'chitieu.settings';

/** What the add-in records with a sheet: the ids of the conditional formats it added. */
export interface MarksRecord {
  readonly version: 1;
  readonly ids: readonly string[];
}

/** What the add-in records with a sheet: the notes it wrote, by cell ("C7"), with their text. */
export interface NotesRecord {
  readonly version: 1;
  readonly notes: Readonly<Record<string, string>>;
}

/** A recorded JSON object of version 1, or undefined for anything else (not JSON, another version). */
function versionOne(value: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { version?: unknown }).version === 1
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // not JSON
  }
}

/** Parses the recorded ids; anything unreadable counts as no record (the formula tag still finds the rules). */
export function parseMarksRecord(value: string | undefined): Set<string> {
  const ids = versionOne(value)?.ids;
  return Array.isArray(ids)
    ? new Set(ids.filter((id): id is string => typeof id === 'string'))
    : new Set();
}

/** The record of the ids as stored with the sheet. */
export function marksRecordValue(ids: readonly string[]): string {
  return JSON.stringify({ version: 1, ids } satisfies MarksRecord);
}

/**
 * Parses the recorded notes (addresses normalised); anything unreadable counts as no record: the
 * notes then look like a user's and are left alone.
 */
export function parseNotesRecord(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const notes = versionOne(value)?.notes;
  if (typeof notes === 'object' && notes !== null && !Array.isArray(notes)) {
    for (const [cell, text] of Object.entries(notes)) {
      const key = noteCell(cell);
      if (key && typeof text === 'string') out.set(key, text);
    }
  }
  return out;
}

/** The record of `next` as stored with the sheet; undefined when there is nothing to record. */
export function notesRecordValue(next: ReadonlyMap<string, string>): string | undefined {
  return next.size > 0
    ? JSON.stringify({ version: 1, notes: Object.fromEntries(next) } satisfies NotesRecord)
    : undefined;
}

/** The owner recorded with a sheet, when it is one the add-in writes. */
export function ownerOf(
  property: Excel.WorksheetCustomProperty,
): WriteSheetOptions['owner'] | undefined {
  if (property.isNullObject) return undefined;
  const value = property.value;
  return value === 'report' || value === 'template' ? value : undefined;
}
