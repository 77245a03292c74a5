/**
 * The pane's flows as a plain object driven by a WorkbookHost: check the active sheet or every
 * sheet, mark them, keep the results in step with the user's edits, write the report sheet and
 * the annex template, remember the context with the workbook. React subscribes to its state;
 * tests drive it directly over a MemoryHost.
 *
 * Every host call runs through one queue (`exclusive`), so a live re-check never interleaves
 * with a check the user started. Live updates: after a check the controller listens to the
 * checked sheets; edits are collected per sheet and handled once the user pauses (`debounceMs`).
 * A small edit re-reads only the changed cells and patches the last read; rows inserted or
 * deleted, or a large paste, re-read the sheet. The marks and notes are written again only when
 * what they would say changed — so the add-in's own writes, should Excel report them (below
 * ExcelApi 1.14), end after one quiet re-check and never loop; changes reported while the
 * add-in is writing a sheet are dropped.
 */
import {
  annexTemplate,
  type CheckContext,
  type CheckSheetOptions,
  checkSheet,
  type Grid,
  getBuiltinTargetSet,
  type Locale,
  type Quarter,
  REPORT_SHEET_NAME,
  reportSheet,
  type SheetCheck,
  type SheetFinding,
} from '@chitieu/engine';
import { HostError, type SheetChange, type WorkbookHost } from '../host/types.js';
import type { FieldName, FieldSource, Messages } from './i18n.js';
import { notesKey, notesOf, patchGrid, planKey, rangesToRead } from './live.js';
import {
  checkOptions,
  DEFAULT_OPTIONS,
  EMPTY_FIELDS,
  FIELD_ORDER,
  type Fields,
  fieldOfNeed,
  fromSettings,
  toSettings,
} from './model.js';

/** Something to tell the user, as data: worded at render time in the current language. */
export type Notice =
  | { readonly kind: 'checked'; readonly sheet: string; readonly marked: number }
  | {
      readonly kind: 'checked-all';
      readonly checked: number;
      readonly skipped: number;
      readonly marked: number;
    }
  | { readonly kind: 'needs-input'; readonly needs: readonly FieldName[] }
  | { readonly kind: 'not-an-annex'; readonly sheet: string; readonly message: string }
  | { readonly kind: 'cleared'; readonly sheets: readonly string[]; readonly count: number }
  | { readonly kind: 'report-written'; readonly sheet: string; readonly sheets: number }
  | { readonly kind: 'template-inserted'; readonly sheet: string; readonly title: string }
  | { readonly kind: 'template-needs-set' }
  | { readonly kind: 'notes-skipped'; readonly count: number }
  | ErrorNotice
  | {
      readonly kind: 'sheet-failed';
      readonly sheet: string;
      /** What failed for the sheet: its check, its marks, or a live update after an edit. */
      readonly step: SheetStep;
      readonly error: ErrorNotice;
    }
  | { readonly kind: 'settings-not-saved'; readonly message: string };

/** A failure in words: a HostError in its own words, anything else as unexpected. */
export type ErrorNotice =
  | { readonly kind: 'host-error'; readonly code: HostError['code']; readonly message: string }
  | { readonly kind: 'unexpected'; readonly message: string };

/** What the add-in does for one sheet, where a failure is that sheet's and no one else's. */
export type SheetStep = 'check' | 'mark' | 'update';

export type Phase =
  | 'starting'
  | 'idle'
  | 'checking'
  | 'checking-all'
  | 'clearing'
  | 'reporting'
  | 'inserting';

/** Why "Kiểm tra tất cả" did not check a sheet. */
export type SkipReason =
  | { readonly kind: 'report' }
  | { readonly kind: 'not-an-annex'; readonly message: string }
  | { readonly kind: 'needs-input'; readonly needs: readonly FieldName[] }
  | { readonly kind: 'error'; readonly notice: ErrorNotice };

export interface WorkbookEntry {
  readonly sheet: string;
  /** The check, for every sheet that was read (the report lists the ones that are no annex too). */
  readonly result?: SheetCheck;
  /** Set when the sheet was not checked. */
  readonly skipped?: SkipReason;
  /** Checked, but its marks could not be written (a protected sheet…). */
  readonly markError?: ErrorNotice;
}

/** "Kiểm tra tất cả": every worksheet, in tab order. */
export interface WorkbookCheck {
  readonly entries: readonly WorkbookEntry[];
}

export interface PaneState {
  readonly phase: Phase;
  readonly locale: Locale;
  readonly fields: Fields;
  /** Fields the user set: passed to the engine as options; the others are detected. */
  readonly chosen: readonly FieldName[];
  /** Where each shown value came from. */
  readonly sources: Readonly<Partial<Record<FieldName, FieldSource>>>;
  /** The last check of one sheet ("Kiểm tra"); undefined after "Kiểm tra tất cả". */
  readonly result?: SheetCheck;
  /** The sheet `result` is about. */
  readonly sheet?: string;
  /** The last "Kiểm tra tất cả"; undefined after "Kiểm tra". */
  readonly workbook?: WorkbookCheck;
  /** What the engine could not work out on the last check. */
  readonly needs: readonly FieldName[];
  readonly notices: readonly Notice[];
  /** Show met and not-applicable findings too. */
  readonly showAll: boolean;
  /** Put each marked cell's reason in a note on it (where the workbook supports notes). */
  readonly notes: boolean;
  /** A live re-check after an edit is running. */
  readonly updating: boolean;
  /** Asks the view to move focus to a field (a new `seq` each time). */
  readonly focus?: { readonly field: FieldName; readonly seq: number };
}

export interface PaneControllerOptions {
  readonly locale?: Locale;
  /** Quiet time after the last edit before a live re-check (ms). */
  readonly debounceMs?: number;
  /** Quiet time after the last change of the form before it is saved with the workbook (ms). */
  readonly saveDelayMs?: number;
  /** The clock, for the report's date (tests pass a fixed one). */
  readonly now?: () => Date;
}

/** What marking a checked sheet did: the cells marked, notes left alone, a notes failure. */
interface Marked {
  readonly cells: number;
  readonly notesSkipped: number;
  readonly notesError?: Notice;
}

/** What the controller keeps of a checked sheet it listens to (its last read is in `reads`). */
interface Watched {
  result: SheetCheck;
  planKey: string;
  notesKey: string;
  off?: () => Promise<void>;
  pending?: { addresses: Set<string>; structural: boolean };
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * A sheet read by the last check (and patched by live updates since): what a re-check after an
 * edit starts from, and what the results are worded again from in another language.
 */
interface Read {
  readonly grid: Grid;
  readonly options: CheckSheetOptions;
}

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly saveDelayMs: number;
  private readonly now: () => Date;
  /** Sheets read by the last check, in order. */
  private reads = new Map<string, Read>();
  private readonly watched = new Map<string, Watched>();
  /** Sheets the add-in is writing right now: their change events are its own. */
  private readonly writing = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private focusSeq = 0;

  constructor(
    readonly host: WorkbookHost,
    options: PaneControllerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 400;
    this.saveDelayMs = options.saveDelayMs ?? 600;
    this.now = options.now ?? (() => new Date());
    this.state = {
      phase: 'starting',
      locale: options.locale ?? 'vi',
      fields: EMPTY_FIELDS,
      chosen: [],
      sources: {},
      needs: [],
      notices: [],
      showAll: DEFAULT_OPTIONS.showAll,
      notes: DEFAULT_OPTIONS.notes,
      updating: false,
    };
  }

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private update(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Runs host work one piece at a time, in order. */
  private exclusive(task: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.queue.then(task).finally(() => {
      this.queued--;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** A user action: only from idle; shows `phase` while it runs; any failure becomes a notice. */
  private async action(phase: Phase, task: () => Promise<void>): Promise<void> {
    if (this.state.phase !== 'idle') return;
    this.update({ phase, notices: [] });
    await this.exclusive(async () => {
      try {
        await task();
      } catch (error) {
        this.update({ notices: [...this.state.notices, noticeOf(error)] });
      } finally {
        this.update({ phase: 'idle' });
      }
    });
  }

  /** Resolves once no live re-check, settings save or host call is waiting (tests, unload). */
  async settled(): Promise<void> {
    for (;;) {
      await this.queue;
      const waiting =
        this.saveTimer !== undefined || [...this.watched.values()].some((w) => w.timer);
      if (!waiting && this.queued === 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.debounceMs)));
    }
  }

  /** Stops listening to the workbook (the pane closes). */
  async dispose(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.unwatchAll();
  }

  /** Restores the context saved with the workbook; the pane is usable afterwards even if that fails. */
  async start(): Promise<void> {
    if (this.state.phase !== 'starting') return;
    try {
      const restored = fromSettings(await this.host.loadSettings());
      if (restored) {
        const sources: Partial<Record<FieldName, FieldSource>> = {};
        for (const f of FIELD_ORDER) if (hasValue(restored.fields, f)) sources[f] = 'saved';
        this.update({
          phase: 'idle',
          fields: restored.fields,
          chosen: restored.chosen,
          sources,
          showAll: restored.options.showAll,
          notes: restored.options.notes,
        });
        return;
      }
      this.update({ phase: 'idle' });
    } catch (error) {
      this.update({ phase: 'idle', notices: [noticeOf(error)] });
    }
  }

  /** Reads the active sheet, checks it, marks it, listens to its edits and shows the results. */
  check(): Promise<void> {
    return this.action('checking', async () => {
      const sheet = await this.host.activeSheet();
      const options = checkOptions(this.state.fields, this.state.chosen, this.state.locale);
      const grid = await this.read(sheet);
      // The engine promises never to throw; should it, that is this sheet's error, in words.
      const result = guarded(() => checkSheet(grid, options));
      if (!result.ok) {
        this.update({
          notices: [{ kind: 'sheet-failed', sheet, step: 'check', error: result.error }],
        });
        return;
      }
      return this.checked(sheet, grid, options, result.value);
    });
  }

  /** The rest of "Kiểm tra" once the sheet is checked: show, mark, follow, save. */
  private async checked(
    sheet: string,
    grid: Grid,
    options: CheckSheetOptions,
    result: SheetCheck,
  ): Promise<void> {
    await this.unwatchAll();
    this.reads = new Map([[sheet, { grid, options }]]);
    const shown = this.withDetected(result.context);
    const base = { ...shown, result, sheet, workbook: undefined };

    if (result.status !== 'checked') {
      const needs = result.needs.map(fieldOfNeed);
      this.update({
        ...base,
        needs,
        notices: [uncheckedNotice(sheet, result)],
        ...(needs[0] ? { focus: { field: needs[0], seq: ++this.focusSeq } } : {}),
      });
      return;
    }

    let marked: Marked;
    try {
      marked = await this.mark(sheet, result);
    } catch (error) {
      // The findings stand; the pane says the marks could not be written, and why.
      this.update({
        ...base,
        needs: [],
        notices: [{ kind: 'sheet-failed', sheet, step: 'mark', error: noticeOf(error) }],
      });
      await this.saveNow();
      return;
    }
    const notices: Notice[] = [{ kind: 'checked', sheet, marked: marked.cells }];
    if (marked.notesSkipped > 0)
      notices.push({ kind: 'notes-skipped', count: marked.notesSkipped });
    if (marked.notesError) notices.push(marked.notesError);
    this.update({ ...base, needs: [], notices });
    await this.saveNow();
  }

  /**
   * "Kiểm tra tất cả": checks every worksheet that is an annex, marks each and listens to its
   * edits; the others are listed with the reason. The form's choices apply to every sheet; what
   * is left to detect is detected per sheet.
   */
  checkAll(): Promise<void> {
    return this.action('checking-all', () => this.runCheckAll());
  }

  private async runCheckAll(): Promise<void> {
    const sheets = await this.host.listSheets();
    const options = checkOptions(this.state.fields, this.state.chosen, this.state.locale);
    await this.unwatchAll();
    this.reads = new Map();
    const entries: WorkbookEntry[] = [];
    const checked: SheetCheck[] = [];
    const needs = new Set<FieldName>();
    let marked = 0;
    let notesSkipped = 0;
    const notesErrors: Notice[] = [];
    for (const { name: sheet, owner } of sheets) {
      if (owner === 'report') {
        entries.push({ sheet, skipped: { kind: 'report' } });
        continue;
      }
      let grid: Grid;
      try {
        grid = await this.read(sheet);
      } catch (error) {
        entries.push({ sheet, skipped: { kind: 'error', notice: noticeOf(error) } });
        continue;
      }
      const checkedSheet = guarded(() => checkSheet(grid, options));
      if (!checkedSheet.ok) {
        entries.push({ sheet, skipped: { kind: 'error', notice: checkedSheet.error } });
        continue;
      }
      const result = checkedSheet.value;
      this.reads.set(sheet, { grid, options });
      const skipped = skipReasonOf(result);
      if (skipped) {
        for (const n of result.needs) needs.add(fieldOfNeed(n));
        entries.push({ sheet, result, skipped });
        continue;
      }
      checked.push(result);
      try {
        const done = await this.mark(sheet, result);
        marked += done.cells;
        notesSkipped += done.notesSkipped;
        if (done.notesError) notesErrors.push(done.notesError);
        entries.push({ sheet, result });
      } catch (error) {
        entries.push({ sheet, result, markError: noticeOf(error) });
      }
    }

    const missing = FIELD_ORDER.filter((f) => needs.has(f));
    const notices: Notice[] = [
      {
        kind: 'checked-all',
        checked: checked.length,
        skipped: entries.length - checked.length,
        marked,
      },
    ];
    if (missing.length > 0) notices.push({ kind: 'needs-input', needs: missing });
    if (notesSkipped > 0) notices.push({ kind: 'notes-skipped', count: notesSkipped });
    if (notesErrors[0]) notices.push(notesErrors[0]);
    this.update({
      ...this.withDetected(agreedContext(checked)),
      result: undefined,
      sheet: undefined,
      workbook: { entries },
      needs: missing,
      notices,
      ...(missing[0] && checked.length === 0
        ? { focus: { field: missing[0], seq: ++this.focusSeq } }
        : {}),
    });
    if (checked.length > 0) await this.saveNow();
  }

  /**
   * "Tạo báo cáo": writes (or refreshes) the add-in's report sheet from the last check — every
   * sheet after "Kiểm tra tất cả" — checking the whole workbook first when nothing was checked.
   * Only the add-in's own report sheet is ever replaced.
   */
  createReport(): Promise<void> {
    return this.action('reporting', async () => {
      if (!this.state.workbook && !this.state.result) await this.runCheckAll();
      const entries = this.state.workbook
        ? this.state.workbook.entries.flatMap((e) =>
            e.result ? [{ sheet: e.sheet, result: e.result }] : [],
          )
        : this.state.result && this.state.sheet
          ? [{ sheet: this.state.sheet, result: this.state.result }]
          : [];
      const locale = this.state.locale;
      const content = reportSheet(entries, { locale, date: reportDate(this.now(), locale) });
      const existing = (await this.host.listSheets()).find((s) => s.owner === 'report');
      const name = existing?.name ?? REPORT_SHEET_NAME[locale];
      // The report sheet is never a followed sheet (Kiểm tra tất cả skips it; it is no annex).
      const sheet = await this.host.writeSheet(name, content, { owner: 'report', activate: true });
      const kept = this.state.notices.filter((n) => n.kind !== 'checked-all');
      this.update({
        notices: [...kept, { kind: 'report-written', sheet, sheets: entries.length }],
      });
    });
  }

  /**
   * "Chèn mẫu phụ lục": adds a new worksheet with the chosen target set's annex, ready to fill.
   * Always a new sheet: a template already in the workbook may hold the user's figures.
   */
  insertTemplate(): Promise<void> {
    const setId = this.state.fields.targetSetId;
    const set = setId ? getBuiltinTargetSet(setId) : undefined;
    if (!set) {
      this.update({
        needs: this.state.needs.includes('targetSet')
          ? this.state.needs
          : [...this.state.needs, 'targetSet'],
        notices: [{ kind: 'template-needs-set' }],
        focus: { field: 'targetSet', seq: ++this.focusSeq },
      });
      return Promise.resolve();
    }
    return this.action('inserting', async () => {
      const unitName = this.state.fields.unitName.trim();
      const content = annexTemplate(set, {
        locale: this.state.locale,
        ...(unitName ? { unitName } : {}),
      });
      const name = templateSheetName(set.year);
      const sheet = await this.host.writeSheet(name, content, {
        owner: 'template',
        activate: true,
        replace: false,
      });
      const title = this.state.locale === 'en' ? (set.titleEn ?? set.title) : set.title;
      this.update({ notices: [{ kind: 'template-inserted', sheet, title }] });
    });
  }

  /**
   * Removes the add-in's marks (and notes): from every checked sheet after "Kiểm tra tất cả",
   * from the active sheet otherwise. Never the user's own formatting or notes.
   */
  clearMarks(): Promise<void> {
    return this.action('clearing', async () => {
      const sheets = this.state.workbook
        ? this.state.workbook.entries
            .filter((e) => e.result?.status === 'checked')
            .map((e) => e.sheet)
        : [await this.host.activeSheet()];
      let count = 0;
      for (const sheet of sheets) {
        await this.unwatch(sheet);
        count += await this.own(sheet, () => this.host.clearMarks(sheet));
        if (this.host.capabilities.notes)
          await this.own(sheet, () => this.host.setNotes(sheet, []));
      }
      this.update({ notices: [{ kind: 'cleared', sheets, count }] });
    });
  }

  /** Selects a finding's cell in the sheet. */
  async selectFinding(finding: SheetFinding, sheetName?: string): Promise<void> {
    const sheet = sheetName ?? finding.sheet ?? this.state.result?.sheet ?? this.state.sheet;
    if (!finding.cell || sheet === undefined) return;
    try {
      await this.host.selectCell(sheet, finding.cell);
    } catch (error) {
      this.update({ notices: [noticeOf(error)] });
    }
  }

  /** The user sets a field: the next check passes it to the engine instead of detecting it. */
  setField(field: FieldName, value: string | Quarter | undefined): void {
    const fields = { ...this.state.fields };
    switch (field) {
      case 'targetSet': {
        const set = typeof value === 'string' ? getBuiltinTargetSet(value) : undefined;
        fields.targetSetId = set?.id;
        if (set && fields.level && !set.levels.some((l) => l.id === fields.level))
          fields.level = undefined;
        break;
      }
      case 'level':
        fields.level = typeof value === 'string' && value ? value : undefined;
        break;
      case 'unitName':
        fields.unitName = typeof value === 'string' ? value : '';
        break;
      case 'quarter':
        fields.quarter = typeof value === 'number' ? value : undefined;
        break;
    }
    const cleaned = cleanFields(fields);
    const chosen = FIELD_ORDER.filter(
      (f) => (f === field || this.state.chosen.includes(f)) && hasValue(cleaned, f),
    );
    const sources: Partial<Record<FieldName, FieldSource>> = {};
    for (const f of FIELD_ORDER) {
      if (!hasValue(cleaned, f)) continue;
      const source = chosen.includes(f) ? 'option' : this.state.sources[f];
      if (source) sources[f] = source;
    }
    this.update({
      fields: cleaned,
      chosen,
      sources,
      needs: this.state.needs.filter((n) => !hasValue(cleaned, n)),
    });
    this.saveSoon();
  }

  setShowAll(showAll: boolean): void {
    if (showAll === this.state.showAll) return;
    this.update({ showAll });
    this.saveSoon();
  }

  /**
   * The notes option: where the workbook supports notes, the checked sheets get (or lose) a note
   * with the reason on each marked cell at once, and keep them in step with the marks.
   */
  setNotes(notes: boolean): void {
    if (notes === this.state.notes) return;
    this.update({ notes });
    this.saveSoon();
    if (!this.host.capabilities.notes) return;
    for (const [sheet, w] of this.watched) {
      void this.exclusive(async () => {
        try {
          await this.writeNotes(sheet, w);
        } catch (error) {
          this.update({ notices: [...this.state.notices, noticeOf(error)] });
        }
      });
    }
  }

  /** Switches the language; the shown results are worded again from the same sheet reads. */
  setLocale(locale: Locale): void {
    if (locale === this.state.locale) return;
    const again = new Map<string, SheetCheck>();
    for (const [sheet, read] of this.reads) {
      const options = { ...read.options, locale };
      // A sheet the engine cannot word again keeps its results in the other language.
      const worded = guarded(() => checkSheet(read.grid, options));
      if (!worded.ok) continue;
      const result = worded.value;
      this.reads.set(sheet, { grid: read.grid, options });
      again.set(sheet, result);
      const w = this.watched.get(sheet);
      if (w) w.result = result;
    }
    const patch: { -readonly [K in keyof PaneState]?: PaneState[K] } = { locale };
    if (this.state.result && this.state.sheet !== undefined) {
      const result = again.get(this.state.sheet);
      if (result) {
        patch.result = result;
        patch.notices = this.state.notices.map((n) =>
          n.kind === 'not-an-annex'
            ? { ...n, message: result.findings[0]?.message ?? n.message }
            : n,
        );
      }
    }
    if (this.state.workbook) {
      patch.workbook = {
        entries: this.state.workbook.entries.map((e) => {
          const result = again.get(e.sheet);
          if (!result || !e.result) return e;
          const skipped =
            e.skipped?.kind === 'not-an-annex'
              ? { ...e.skipped, message: result.findings[0]?.message ?? e.skipped.message }
              : e.skipped;
          return { ...e, result, ...(skipped ? { skipped } : {}) };
        }),
      };
    }
    this.update(patch);
    // The notes are worded in the pane's language: write them again.
    if (this.state.notes && this.host.capabilities.notes) {
      for (const [sheet, w] of this.watched) {
        void this.exclusive(async () => {
          await this.writeNotes(sheet, w).catch(() => 0);
        });
      }
    }
  }

  // ── Marks, notes and live updates ──────────────────────────────────────────────────────────

  /** Reads a sheet whole, as the engine's grid. */
  private async read(sheet: string): Promise<Grid> {
    const read = await this.host.readSheet(sheet);
    return { ...read, name: read.name ?? sheet };
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

  /** Marks a checked sheet, writes its notes, and starts listening to its edits. */
  private async mark(sheet: string, result: SheetCheck): Promise<Marked> {
    await this.own(sheet, () => this.host.applyMarks(sheet, result.markPlan));
    const w: Watched = { result, planKey: planKey(result.markPlan), notesKey: '' };
    // The marks are what matters: notes that cannot be written are said, not fatal.
    let notesSkipped = 0;
    let notesError: Notice | undefined;
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

  /**
   * Makes the sheet's notes match its marks (none when the option is off), where the workbook
   * supports notes; writes nothing when they already match. Returns the cells left alone.
   */
  private async writeNotes(sheet: string, w: Watched): Promise<number> {
    if (!this.host.capabilities.notes) return 0;
    const notes = this.state.notes ? notesOf(w.result.markPlan) : [];
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
      void this.exclusive(() => this.recheck(sheet, w));
    }, this.debounceMs);
  }

  /** The live re-check of one sheet after the user's edits. */
  private async recheck(sheet: string, w: Watched): Promise<void> {
    const change = w.pending;
    w.pending = undefined;
    if (!change || this.watched.get(sheet) !== w) return;
    this.update({ updating: true });
    try {
      const ranges = change.structural ? undefined : rangesToRead([...change.addresses]);
      const read = this.reads.get(sheet);
      if (!read) return;
      let grid: Grid | undefined = read.grid;
      if (ranges) {
        for (const range of ranges) {
          if (!grid) break;
          grid = patchGrid(grid, await this.host.readRange(sheet, range));
        }
      } else {
        grid = undefined;
      }
      if (!grid) grid = await this.read(sheet);
      if (this.watched.get(sheet) !== w) return; // a check started meanwhile replaced it
      const result = checkSheet(grid, read.options);
      w.result = result;
      this.reads.set(sheet, { grid, options: read.options });
      if (result.status === 'checked') {
        const key = planKey(result.markPlan);
        if (key !== w.planKey) {
          await this.own(sheet, () => this.host.applyMarks(sheet, result.markPlan));
          w.planKey = key;
        }
        await this.writeNotes(sheet, w);
      }
      this.showRecheck(sheet, result);
      // An earlier update of this sheet that failed is mended by this one.
      const mended = this.state.notices.filter(
        (n) => !(n.kind === 'sheet-failed' && n.sheet === sheet && n.step === 'update'),
      );
      if (mended.length < this.state.notices.length) this.update({ notices: mended });
    } catch (error) {
      // A sheet deleted or renamed since the check: stop following it, quietly.
      if (isHostError(error) && error.code === 'not-found') await this.unwatch(sheet);
      else {
        const failed: Notice = {
          kind: 'sheet-failed',
          sheet,
          step: 'update',
          error: noticeOf(error),
        };
        const kept = this.state.notices.filter(
          (n) => !(n.kind === 'sheet-failed' && n.sheet === sheet && n.step === 'update'),
        );
        this.update({ notices: [...kept, failed] });
      }
    } finally {
      this.update({ updating: false });
    }
  }

  /**
   * Puts a live re-check's result where the last check's was. An edit can also make the sheet
   * stop reading as an annex (its header row deleted) or leave the engine unsure (the unit line
   * cleared): the pane then says so, as a check would, and follows the sheet back when it is mended.
   */
  private showRecheck(sheet: string, result: SheetCheck): void {
    if (this.state.result && this.state.sheet === sheet) {
      const marked = markedCells(result);
      const notice: Notice =
        result.status === 'checked'
          ? { kind: 'checked', sheet, marked }
          : uncheckedNotice(sheet, result);
      const kept = this.state.notices.filter(
        (n) => n.kind !== 'checked' && n.kind !== 'not-an-annex' && n.kind !== 'needs-input',
      );
      this.update({ result, notices: [notice, ...kept] });
      return;
    }
    if (this.state.workbook) {
      const skipped = skipReasonOf(result);
      this.update({
        workbook: {
          entries: this.state.workbook.entries.map((e) =>
            e.sheet === sheet
              ? {
                  sheet,
                  result,
                  ...(skipped ? { skipped } : {}),
                  ...(e.markError ? { markError: e.markError } : {}),
                }
              : e,
          ),
        },
      });
    }
  }

  private async unwatch(sheet: string): Promise<void> {
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

  private async unwatchAll(): Promise<void> {
    for (const sheet of [...this.watched.keys()]) await this.unwatch(sheet);
  }

  // ── Settings ───────────────────────────────────────────────────────────────────────────────

  private settings(): Readonly<Record<string, unknown>> {
    return {
      ...toSettings(this.state.fields, this.state.chosen, {
        notes: this.state.notes,
        showAll: this.state.showAll,
      }),
    };
  }

  /** Saves the form and options with the workbook once the user pauses. */
  private saveSoon(): void {
    if (this.state.phase === 'starting') return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.exclusive(() => this.saveNow());
    }, this.saveDelayMs);
  }

  private async saveNow(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      await this.host.saveSettings(this.settings());
    } catch (error) {
      this.update({
        notices: [
          ...this.state.notices.filter((n) => n.kind !== 'settings-not-saved'),
          { kind: 'settings-not-saved', message: messageOf(error) },
        ],
      });
    }
  }

  /** The fields after a check: the user's choices stay, the others show what was detected. */
  private withDetected(
    context: Partial<CheckContext>,
  ): Pick<PaneState, 'fields' | 'sources' | 'chosen'> {
    const chosen = this.state.chosen;
    const mine = this.state.fields;
    const keep = (f: FieldName) => chosen.includes(f);
    const fields = cleanFields({
      targetSetId: keep('targetSet') ? mine.targetSetId : context.targetSetId,
      level: keep('level') ? mine.level : context.level,
      unitName: keep('unitName') ? mine.unitName : (context.unitName ?? ''),
      quarter: keep('quarter') ? mine.quarter : context.quarter,
    });
    const detected: Partial<Record<FieldName, FieldSource | undefined>> = {
      targetSet: context.sources?.targetSet,
      level: context.sources?.level,
      unitName: context.sources?.unitName,
      quarter: context.sources?.quarter,
    };
    const sources: Partial<Record<FieldName, FieldSource>> = {};
    for (const f of FIELD_ORDER) {
      if (!hasValue(fields, f)) continue;
      const source = keep(f) ? 'option' : detected[f];
      if (source) sources[f] = source;
    }
    return { fields, sources, chosen };
  }
}

/** How many cells the check marks. */
function markedCells(result: SheetCheck): number {
  return result.markPlan.groups.reduce((n, g) => n + g.cells.length, 0);
}

/** Why a sheet read for "Kiểm tra tất cả" was not checked; undefined when it was. */
function skipReasonOf(result: SheetCheck): SkipReason | undefined {
  switch (result.status) {
    case 'checked':
      return undefined;
    case 'not-an-annex':
      return { kind: 'not-an-annex', message: result.findings[0]?.message ?? '' };
    case 'needs-input':
      return { kind: 'needs-input', needs: result.needs.map(fieldOfNeed) };
  }
}

/** What the pane says of a sheet that is no annex, or that the engine needs an input for. */
function uncheckedNotice(sheet: string, result: SheetCheck): Notice {
  return result.status === 'not-an-annex'
    ? { kind: 'not-an-annex', sheet, message: result.findings[0]?.message ?? '' }
    : { kind: 'needs-input', needs: result.needs.map(fieldOfNeed) };
}

/** What all the checked sheets agree on (a workbook of one unit); a field they differ on is left empty. */
function agreedContext(results: readonly SheetCheck[]): Partial<CheckContext> {
  const first = results[0]?.context;
  if (!first) return {};
  const same = <K extends 'targetSetId' | 'level' | 'unitName' | 'quarter'>(key: K) =>
    results.every((r) => r.context[key] === first[key]) ? first[key] : undefined;
  const targetSetId = same('targetSetId');
  const level = same('level');
  const unitName = same('unitName');
  const quarter = same('quarter');
  return {
    ...(targetSetId !== undefined ? { targetSetId } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(unitName !== undefined ? { unitName } : {}),
    ...(quarter !== undefined ? { quarter } : {}),
    sources: {
      ...(targetSetId !== undefined && first.sources.targetSet
        ? { targetSet: first.sources.targetSet }
        : {}),
      ...(level !== undefined && first.sources.level ? { level: first.sources.level } : {}),
      ...(unitName !== undefined && first.sources.unitName
        ? { unitName: first.sources.unitName }
        : {}),
      ...(quarter !== undefined && first.sources.quarter ? { quarter: first.sources.quarter } : {}),
    },
  };
}

/** The name of an inserted annex template: "Mẫu phụ lục 2025" (then "(2)"… when taken). */
export function templateSheetName(year: number): string {
  return `Mẫu phụ lục ${year}`;
}

/** The report's date, in the pane's language: "22/11/2026 14:05" / "2026-11-22 14:05". */
export function reportDate(date: Date, locale: Locale): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return locale === 'en'
    ? `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`
    : `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${time}`;
}

function cleanFields(fields: {
  targetSetId?: string | undefined;
  level?: string | undefined;
  unitName: string;
  quarter?: Quarter | undefined;
}): Fields {
  return {
    ...(fields.targetSetId ? { targetSetId: fields.targetSetId } : {}),
    ...(fields.level ? { level: fields.level } : {}),
    unitName: fields.unitName,
    ...(fields.quarter ? { quarter: fields.quarter } : {}),
  };
}

function hasValue(fields: Fields, field: FieldName): boolean {
  switch (field) {
    case 'targetSet':
      return fields.targetSetId !== undefined;
    case 'level':
      return fields.level !== undefined;
    case 'unitName':
      return fields.unitName.trim() !== '';
    case 'quarter':
      return fields.quarter !== undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isHostError(error: unknown): error is HostError {
  return (
    error instanceof HostError ||
    (error instanceof Error && error.name === 'HostError' && 'code' in error)
  );
}

/** Runs `fn`, with a throw as its result instead of an exception (a per-sheet guard). */
function guarded<T>(
  fn: () => T,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorNotice } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error: noticeOf(error) };
  }
}

/** Any failure as a notice: a HostError in its own words, anything else as unexpected. */
export function noticeOf(error: unknown): ErrorNotice {
  if (isHostError(error)) return { kind: 'host-error', code: error.code, message: error.message };
  return { kind: 'unexpected', message: messageOf(error) };
}

export interface NoticeView {
  readonly intent: 'success' | 'warning' | 'error' | 'info';
  readonly title: string;
  readonly body: string;
}

/** A notice in words, for a MessageBar. */
export function describeNotice(notice: Notice, t: Messages): NoticeView {
  switch (notice.kind) {
    case 'checked': {
      const { title, body } = t.checked(notice.sheet, notice.marked);
      return { intent: 'success', title, body };
    }
    case 'needs-input':
      return {
        intent: 'warning',
        title: t.needsInputTitle,
        body: notice.needs.map((n) => t.needsInput[n]).join(' '),
      };
    case 'not-an-annex':
      return { intent: 'warning', title: t.notAnAnnexTitle(notice.sheet), body: notice.message };
    case 'checked-all': {
      const { title, body } = t.checkedAll(notice.checked, notice.skipped, notice.marked);
      return { intent: notice.checked > 0 ? 'success' : 'warning', title, body };
    }
    case 'cleared':
      return { intent: 'success', title: '', body: t.cleared(notice.sheets, notice.count) };
    case 'report-written':
      return {
        intent: 'success',
        title: t.reportWrittenTitle,
        body: t.reportWritten(notice.sheet, notice.sheets),
      };
    case 'template-inserted':
      return {
        intent: 'success',
        title: t.templateInsertedTitle,
        body: t.templateInserted(notice.sheet, notice.title),
      };
    case 'template-needs-set':
      return { intent: 'warning', title: t.needsInputTitle, body: t.templateNeedsSet };
    case 'notes-skipped':
      return { intent: 'info', title: '', body: t.notesSkipped(notice.count) };
    case 'host-error':
      return {
        intent: 'error',
        title: t.hostErrorTitle[notice.code],
        body: notice.code === 'too-large' ? `${notice.message} ${t.tooLargeHelp}` : notice.message,
      };
    case 'unexpected':
      return { intent: 'error', title: t.unexpectedTitle, body: notice.message };
    case 'sheet-failed':
      return {
        intent: 'error',
        title: t.sheetFailedTitle[notice.step](notice.sheet),
        body: errorText(notice.error, t),
      };
    case 'settings-not-saved':
      return { intent: 'warning', title: t.settingsNotSaved, body: notice.message };
  }
}

/** A failure of one sheet in one line: what kind of error, then its words. */
export function errorText(error: ErrorNotice, t: Messages): string {
  if (error.kind === 'unexpected') return t.unexpectedError(error.message);
  const line = `${t.hostErrorTitle[error.code]}: ${error.message}`;
  return error.code === 'too-large' ? `${line} ${t.tooLargeHelp}` : line;
}
