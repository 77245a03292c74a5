/**
 * Notes (setNotes, ExcelApi 1.18) in Excel. What the add-in wrote is recorded in the worksheet
 * custom property `chitieu.notes` (records.ts). A note is the add-in's only while it is recorded
 * AND its text is still the recorded text: a note on a cell the record does not name is the
 * user's, and a recorded note the user edited becomes theirs (dropped from the record). The
 * add-in never adds over, rewrites or deletes a user's note; such target cells are counted
 * `skipped`. What changes is decided by the plan both hosts share (shared/notes-plan.ts).
 *
 * Round trips (`context.sync()`): 2. The first loads the record and the note (content) of every
 * target cell and of every cell of the record this host last saw; the second adds, rewrites and
 * deletes the notes and writes (or deletes) the record. 1 when nothing changes (an empty list
 * and no record, or the same notes again). 3 when the record names cells this host did not
 * expect (its first call on the sheet in a session, or another instance changed it): the record
 * is read only in the first sync, so their notes are loaded in one of their own. One more per
 * batch only past the payload budget.
 */
import { noteText, planNotes, wantedNotes } from '../shared/notes-plan.js';
import type { CellNote, NotesResult } from '../types.js';
import { batchBySize, excelRun, utf8Length } from './batch.js';
import { NOTES_PROPERTY, notesRecordValue, parseNotesRecord } from './records.js';

/** Estimated request bytes of adding, rewriting or deleting one note before its address and text. */
const NOTE_OVERHEAD = 300;

/** setNotes, with what this host remembers of each sheet's notes record in the session. */
export class OfficeNotes {
  /**
   * The cells of the notes record this host last read or wrote, by sheet: loaded with the first
   * sync of the next setNotes so the record's notes need no sync of their own. Only a guess of
   * what to load: what is done always follows the record read from the sheet.
   */
  private readonly recordedNotes = new Map<string, readonly string[]>();

  constructor(private readonly payloadBudget: number) {}

  /** Makes `notes` the add-in's notes on the sheet (see WorkbookHost.setNotes). */
  async set(sheetName: string, notes: readonly CellNote[]): Promise<NotesResult> {
    const wanted = wantedNotes(notes);
    return excelRun(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const record = sheet.customProperties.getItemOrNullObject(NOTES_PROPERTY);
      record.load('value');
      const found = new Map<string, Excel.Note>();
      const probe = (cells: Iterable<string>) => {
        for (const cell of cells) {
          if (found.has(cell)) continue;
          const note = sheet.notes.getItemOrNullObject(cell);
          note.load('content');
          found.set(cell, note);
        }
      };
      probe(wanted.keys());
      probe(this.recordedNotes.get(sheetName) ?? []);
      await context.sync(); // 1: the record and the notes of the targets (and of the last record)
      const recorded = parseNotesRecord(record.isNullObject ? undefined : record.value);
      this.recordedNotes.set(sheetName, [...recorded.keys()]);
      const unseen = [...recorded.keys()].filter((cell) => !found.has(cell));
      if (unseen.length > 0) {
        probe(unseen);
        await context.sync(); // only when the record names cells not loaded in 1
      }
      const current = (cell: string): string | undefined => {
        const note = found.get(cell);
        return !note || note.isNullObject ? undefined : noteText(note.content);
      };

      const plan = planNotes(wanted, recorded, current);
      const note = (cell: string) => found.get(cell) as Excel.Note;
      const steps: { bytes: number; queue: () => void }[] = [
        ...plan.add.map(([cell, text]) => ({
          bytes: NOTE_OVERHEAD + cell.length + utf8Length(text),
          queue: () => sheet.notes.add(cell, text),
        })),
        ...plan.rewrite.map(([cell, text]) => ({
          bytes: NOTE_OVERHEAD + cell.length + utf8Length(text),
          queue: () => {
            note(cell).content = text;
          },
        })),
        ...plan.remove.map((cell) => ({
          bytes: NOTE_OVERHEAD + cell.length,
          queue: () => note(cell).delete(),
        })),
      ];

      const before = record.isNullObject ? undefined : record.value;
      const after = notesRecordValue(plan.next);
      if (steps.length > 0 || before !== after) {
        // The record last: it holds every note's text again, so it counts for the budget too.
        steps.push({
          bytes: NOTE_OVERHEAD + utf8Length(after ?? ''),
          queue: () => {
            if (after !== undefined) sheet.customProperties.add(NOTES_PROPERTY, after);
            else if (!record.isNullObject) record.delete();
          },
        });
        const batches = batchBySize(steps, (step) => step.bytes, this.payloadBudget);
        for (const batch of batches) {
          for (const step of batch) step.queue();
          await context.sync(); // 2: the notes and the record (more only past the payload budget)
        }
      }
      this.recordedNotes.set(sheetName, [...plan.next.keys()]);
      return {
        written: plan.add.length + plan.rewrite.length,
        removed: plan.remove.length,
        skipped: plan.skipped,
      };
    });
  }
}
