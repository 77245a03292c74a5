/**
 * Live following: the checked sheets are marked and kept in step with the user's edits. After a
 * check the follower marks each checked sheet, writes its notes (worded in the pane's language
 * at the time) and listens to its edits, keeping the sheet's last read to re-check it from.
 * Edits are collected per sheet and handled once the user pauses (`debounceMs`), in the pane's
 * one queue (`exclusive`), so a re-check never interleaves with a check the user started. A
 * small edit re-reads only the changed cells and patches the last read; rows inserted or
 * deleted, or a large paste, re-read the sheet. The marks and notes are written again only when
 * what they would say changed — so the add-in's own writes, should Excel report them (below
 * ExcelApi 1.14), end after one quiet re-check and never loop; changes reported while the add-in
 * is writing a sheet are dropped.
 *
 * It knows nothing of the pane's state: it is handed the host, the queue, whether notes are
 * wanted and in which language, and the callbacks that show a re-check's result or failure.
 */
import {
  type CheckSheetOptions,
  checkSheet,
  type Grid,
  type Locale,
  type SheetCheck,
  type SheetNotice,
  withNotices,
} from '@chitieu/engine';
import type { SheetChange, WorkbookHost } from '../host/types.js';
import { notesKey, notesOf, patchGrid, planKey, rangesToRead } from './live.js';
import { markedCells } from './model.js';
import { type ErrorNotice, isHostError, noticeOf } from './notices.js';

export interface FollowerOptions {
  readonly host: WorkbookHost;
  /** Runs host work in the pane's one queue, one piece at a time, in order. */
  readonly exclusive: (task: () => Promise<void>) => Promise<void>;
  /** Quiet time after the last edit before a live re-check (ms). */
  readonly debounceMs: number;
  /** Whether the marked cells get a note with their reason (the pane's option, read when writing). */
  readonly notesWanted: () => boolean;
  /** The pane's language, read when notes are written: they are worded in it. */
  readonly locale: () => Locale;
  /** A live re-check starts (true) or ends (false). */
  readonly onUpdating: (updating: boolean) => void;
  /** A live re-check of a followed sheet is done: its result (the marks and notes already match it). */
  readonly onResult: (sheet: string, result: SheetCheck) => void;
  /** A live re-check of a followed sheet failed (the sheet stays followed). */
  readonly onFailed: (sheet: string, error: ErrorNotice) => void;
}

/** What marking a checked sheet did: the cells marked, notes left alone, a notes failure. */
export interface Marked {
  readonly cells: number;
  readonly notesSkipped: number;
  readonly notesError?: ErrorNotice;
}

/** What the follower keeps of a checked sheet it listens to. */
interface Watched {
  /** The sheet as last read (by the check, patched by live updates since): what a re-check starts from. */
  grid: Grid;
  readonly options: CheckSheetOptions;
  /** What the pane adds to every check of the sheet: the notices of the set the workbook stores. */
  readonly notices: readonly SheetNotice[];
  result: SheetCheck;
  planKey: string;
  notesKey: string;
  off?: () => Promise<void>;
  pending?: { addresses: Set<string>; structural: boolean };
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Checks a sheet, with the pane's own notices for it (the set the workbook stores: used, differs,
 * unreadable) among the engine's, in their order; a sheet that is no annex gets none of them.
 */
export function checkWith(
  grid: Grid,
  options: CheckSheetOptions,
  notices: readonly SheetNotice[],
): SheetCheck {
  const result = checkSheet(grid, options);
  return result.status === 'not-an-annex' ? result : withNotices(result, notices);
}

/** Reads a sheet whole, as the engine's grid (named after the sheet). */
export async function readGrid(host: WorkbookHost, sheet: string): Promise<Grid> {
  const read = await host.readSheet(sheet);
  return { ...read, name: read.name ?? sheet };
}

export class LiveFollower {
  private readonly host: WorkbookHost;
  private readonly watched = new Map<string, Watched>();
  /** Sheets the add-in is writing right now: their change events are its own. */
  private readonly writing = new Map<string, number>();

  constructor(private readonly options: FollowerOptions) {
    this.host = options.host;
  }

  /** A re-check is waiting for the user to pause. */
  get waiting(): boolean {
    return [...this.watched.values()].some((w) => w.timer);
  }

  /**
   * Marks a checked sheet, writes its notes, and starts listening to its edits; `grid` and
   * `options` are what the check read and passed, kept to re-check the sheet after an edit, with
   * the `notices` the pane added to the check (`checkWith`).
   */
  async follow(
    sheet: string,
    grid: Grid,
    options: CheckSheetOptions,
    result: SheetCheck,
    notices: readonly SheetNotice[] = [],
  ): Promise<Marked> {
    await this.own(sheet, () => this.host.applyMarks(sheet, result.markPlan));
    const w: Watched = {
      grid,
      options,
      notices,
      result,
      planKey: planKey(result.markPlan),
      notesKey: '',
    };
    // The marks are what matters: notes that cannot be written are said, not fatal.
    let notesSkipped = 0;
    let notesError: ErrorNotice | undefined;
    try {
      notesSkipped = await this.writeNotes(sheet, w);
    } catch (error) {
      notesError = noticeOf(error);
    }
    w.off = await this.host.onSheetChanged(sheet, (change) => this.changed(sheet, change));
    this.watched.set(sheet, w);
    const cells = markedCells(result);
    return { cells, notesSkipped, ...(notesError ? { notesError } : {}) };
  }

  /** Stops following the sheet and removes its marks (and notes); returns the rules removed. */
  async clear(sheet: string): Promise<number> {
    await this.unfollow(sheet);
    const count = await this.own(sheet, () => this.host.clearMarks(sheet));
    if (this.host.capabilities.notes) await this.own(sheet, () => this.host.setNotes(sheet, []));
    return count;
  }

  /**
   * Writes every followed sheet's notes again (the option or the language changed), in the queue,
   * from the findings already kept: nothing is read or checked again.
   */
  refreshNotes(onError: (error: unknown) => void): void {
    for (const [sheet, w] of this.watched) {
      void this.options.exclusive(async () => {
        try {
          await this.writeNotes(sheet, w);
        } catch (error) {
          onError(error);
        }
      });
    }
  }

  async unfollow(sheet: string): Promise<void> {
    const w = this.watched.get(sheet);
    if (!w) return;
    this.watched.delete(sheet);
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    try {
      await w.off?.();
    } catch {
      // The sheet may be gone (deleted, renamed): nothing left to stop.
    }
  }

  async unfollowAll(): Promise<void> {
    for (const sheet of [...this.watched.keys()]) await this.unfollow(sheet);
  }

  /** Runs one of the add-in's own writes on a sheet: change events meanwhile are its own. */
  private async own<T>(sheet: string, write: () => Promise<T>): Promise<T> {
    this.writing.set(sheet, (this.writing.get(sheet) ?? 0) + 1);
    try {
      return await write();
    } finally {
      const n = (this.writing.get(sheet) ?? 1) - 1;
      if (n > 0) this.writing.set(sheet, n);
      else this.writing.delete(sheet);
    }
  }

  /**
   * Makes the sheet's notes match its marks (none when the option is off), where the workbook
   * supports notes; writes nothing when they already match. Returns the cells left alone.
   */
  private async writeNotes(sheet: string, w: Watched): Promise<number> {
    if (!this.host.capabilities.notes) return 0;
    const notes = this.options.notesWanted()
      ? notesOf(w.result.markPlan, this.options.locale(), w.result.targetSet)
      : [];
    const key = notesKey(notes);
    if (key === w.notesKey) return 0;
    const done = await this.own(sheet, () => this.host.setNotes(sheet, notes));
    w.notesKey = key;
    return done.skipped;
  }

  private changed(sheet: string, change: SheetChange): void {
    if (this.writing.has(sheet)) return; // the add-in's own write
    const w = this.watched.get(sheet);
    if (!w) return;
    const pending = w.pending ?? { addresses: new Set<string>(), structural: false };
    for (const a of change.addresses) pending.addresses.add(a);
    pending.structural ||= change.structural;
    w.pending = pending;
    if (w.timer) clearTimeout(w.timer);
    w.timer = setTimeout(() => {
      w.timer = undefined;
      void this.options.exclusive(() => this.recheck(sheet, w));
    }, this.options.debounceMs);
  }

  /** The live re-check of one sheet after the user's edits. */
  private async recheck(sheet: string, w: Watched): Promise<void> {
    const change = w.pending;
    w.pending = undefined;
    if (!change || this.watched.get(sheet) !== w) return;
    this.options.onUpdating(true);
    try {
      const ranges = change.structural ? undefined : rangesToRead([...change.addresses]);
      let grid: Grid | undefined = w.grid;
      if (ranges) {
        for (const range of ranges) {
          if (!grid) break;
          grid = patchGrid(grid, await this.host.readRange(sheet, range));
        }
      } else {
        grid = undefined;
      }
      if (!grid) grid = await readGrid(this.host, sheet);
      if (this.watched.get(sheet) !== w) return; // a check started meanwhile replaced it
      const result = checkWith(grid, w.options, w.notices);
      w.result = result;
      w.grid = grid;
      if (result.status === 'checked') {
        const key = planKey(result.markPlan);
        if (key !== w.planKey) {
          await this.own(sheet, () => this.host.applyMarks(sheet, result.markPlan));
          w.planKey = key;
        }
        await this.writeNotes(sheet, w);
      }
      this.options.onResult(sheet, result);
    } catch (error) {
      // A sheet deleted or renamed since the check: stop following it, quietly.
      if (isHostError(error) && error.code === 'not-found') await this.unfollow(sheet);
      else this.options.onFailed(sheet, noticeOf(error));
    } finally {
      this.options.onUpdating(false);
    }
  }
}
