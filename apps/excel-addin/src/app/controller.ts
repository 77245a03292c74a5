/**
 * The pane's flows as a plain object driven by a WorkbookHost: check the active sheet or every
 * sheet, mark them, write the report sheet and the annex template, remove the marks, remember the
 * context with the workbook. React subscribes to its state; tests drive it directly over a
 * MemoryHost.
 *
 * The controller keeps the state (the store), the one queue every host call runs through
 * (`exclusive`, so a live re-check never interleaves with a check the user started) and the
 * user's actions. Its collaborators: the LiveFollower (follow.ts) marks the checked sheets and
 * keeps them in step with the user's edits; the form (form.ts) is pure functions over the
 * fields; notices (notices.ts) are data, worded by the catalogs at render time.
 *
 * Words at the edge: the state holds findings and notices as data, never a sentence; the view
 * words them in `state.locale` when it renders. Switching the language (`setLocale`) is a
 * re-render, never a re-check.
 */
import {
  annexTemplate,
  type CheckSheetOptions,
  type Grid,
  getBuiltinTargetSet,
  type ImportedTargetSet,
  type Locale,
  type Quarter,
  REPORT_SHEET_NAME,
  type SheetCheck,
  type SheetFinding,
  type SheetNotice,
  skippedSheet,
  type TargetSet,
  templateLayoutSet,
  templateSheetName,
} from '@chitieu/engine';
import type { EmbeddedSets } from '@chitieu/xlsx';
import type { WorkbookHost } from '../host/types.js';
import { checkWith, LiveFollower, type Marked, readGrid } from './follow.js';
import {
  agreedContext,
  checkOptions,
  DEFAULT_OPTIONS,
  EMPTY_FIELDS,
  FIELD_ORDER,
  type Form,
  fieldOfNeed,
  fromSettings,
  hasValue,
  isNearMissBand,
  savedForm,
  toSettings,
  withDetected,
  withField,
  withoutChoice,
} from './form.js';
import { type FieldName, messagesFor } from './i18n.js';
import { markedCells } from './model.js';
import {
  type ErrorNotice,
  guarded,
  type Notice,
  noticeOf,
  type SkipReason,
  skipReasonOf,
  uncheckedNotice,
} from './notices.js';
import {
  parseSetFile,
  type SetLookup,
  setLookup,
  storedSets,
  type UserSet,
  userSetsFromSettings,
  userSetsToSettings,
  withUserSet,
} from './user-sets.js';

export type Phase =
  | 'starting'
  | 'idle'
  | 'checking'
  | 'checking-all'
  | 'clearing'
  | 'reporting'
  | 'inserting'
  | 'reading-set';

/** A target set read from a sheet, shown for review before it is used. */
export interface SetReview {
  readonly sheet: string;
  /** The set, a row per target row read, a warning per cell that had to be interpreted. */
  readonly imported: ImportedTargetSet;
}

export interface WorkbookEntry {
  readonly sheet: string;
  /** The check, for every sheet that was read (the report lists the ones that are no annex too). */
  readonly result?: SheetCheck;
  /** Set when the sheet was not checked. */
  readonly skipped?: SkipReason;
  /** Checked, but its marks could not be written (a protected sheet…). */
  readonly markError?: ErrorNotice;
  /** The sheet is hidden in the workbook (checked because the option asks for hidden sheets). */
  readonly hidden?: boolean;
}

/** "Kiểm tra tất cả": every worksheet, in tab order. */
export interface WorkbookCheck {
  readonly entries: readonly WorkbookEntry[];
}

/** The pane's state: the form (fields, what the user chose, where each value came from) and the rest. */
export interface PaneState extends Form {
  readonly phase: Phase;
  readonly locale: Locale;
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
  /**
   * Values short of their minimum by at most this many percentage points are "≈ sát ngưỡng";
   * passed to every check (0: off).
   */
  readonly nearMissBand: number;
  /** "Kiểm tra tất cả" checks hidden sheets too (by default they are skipped, with the reason). */
  readonly includeHidden: boolean;
  /** A live re-check after an edit is running. */
  readonly updating: boolean;
  /** Asks the view to move focus to a field (a new `seq` each time). */
  readonly focus?: { readonly field: FieldName; readonly seq: number };
  /** The target sets the user added, kept with the workbook; offered with the built-ins. */
  readonly userSets: readonly UserSet[];
  /** A set read from a sheet, waiting for the user to accept or cancel it. */
  readonly review?: SetReview;
  /**
   * The target sets the workbook stores (a template's custom XML parts), read when the pane
   * starts: a sheet one applies to is checked against it, unless the user chose a set (then a
   * stored copy that differs is told). Listed with the user's sets (`paneSets`).
   */
  readonly stored: EmbeddedSets;
}

/** The stored sets of a workbook that stores none. */
const NO_STORED: EmbeddedSets = { sets: [], problems: [] };

/**
 * Every set the pane offers besides the built-ins: the user's, then those the workbook stores
 * (each with where it came from).
 */
export function paneSets(state: Pick<PaneState, 'userSets' | 'stored'>): readonly UserSet[] {
  return [...state.userSets, ...storedSets(state.stored, state.userSets)];
}

/**
 * What one sheet is checked with, given what the workbook stores (`chooseStoredSet`, the CLI's
 * policy): the stored set when it decides (the context then says `embedded`), and the notices
 * that tell of it (used, differs from the set chosen, unreadable). The reader's code is loaded
 * only for a workbook that stores something.
 */
async function withStoredSet(
  sheet: string,
  stored: EmbeddedSets,
  options: CheckSheetOptions,
): Promise<{ options: CheckSheetOptions; notices: readonly SheetNotice[] }> {
  if (stored.sets.length === 0 && stored.problems.length === 0) return { options, notices: [] };
  const { chooseStoredSet } = await import('@chitieu/xlsx');
  const given =
    typeof options.targetSet === 'string'
      ? getBuiltinTargetSet(options.targetSet)
      : options.targetSet;
  const choice = chooseStoredSet(sheet, stored, {
    ...(given ? { given } : {}),
    builtin: getBuiltinTargetSet,
  });
  return {
    options: choice.targetSet
      ? { ...options, targetSet: choice.targetSet, targetSetFrom: 'embedded' }
      : options,
    notices: choice.notices,
  };
}

/**
 * The set a checked sheet's workbook should carry (stored for the sheet, so the file sent back
 * to the office holds the set it was checked with): the set of a sheet checked against one the
 * user chose by hand, or against one that is not built-in (the user's, detected); none for a
 * built-in set the check detected (the office has it) or for the workbook's own stored set.
 */
export function setToStore(result: SheetCheck): TargetSet | undefined {
  if (result.status !== 'checked' || !result.targetSet) return undefined;
  const source = result.context.sources.targetSet;
  if (source === 'embedded') return undefined;
  if (source !== 'option' && getBuiltinTargetSet(result.targetSet.id)) return undefined;
  return result.targetSet;
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

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly saveDelayMs: number;
  private readonly now: () => Date;
  /** Marks the checked sheets and keeps them in step with the user's edits. */
  private readonly follower: LiveFollower;
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
      nearMissBand: DEFAULT_OPTIONS.nearMissBand,
      includeHidden: DEFAULT_OPTIONS.includeHidden,
      updating: false,
      userSets: [],
      stored: NO_STORED,
    };
    this.follower = new LiveFollower({
      host,
      exclusive: (task) => this.exclusive(task),
      debounceMs: this.debounceMs,
      notesWanted: () => this.state.notes,
      locale: () => this.state.locale,
      onUpdating: (updating) => this.update({ updating }),
      onResult: (sheet, result) => this.showRecheck(sheet, result),
      onFailed: (sheet, error) =>
        this.update({
          notices: [
            ...this.withoutFailedUpdate(sheet),
            { kind: 'sheet-failed', sheet, step: 'update', error },
          ],
        }),
    });
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
      const waiting = this.saveTimer !== undefined || this.follower.waiting;
      if (!waiting && this.queued === 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.debounceMs)));
    }
  }

  /** Stops listening to the workbook (the pane closes). */
  async dispose(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.follower.unfollowAll();
  }

  /** Restores the context saved with the workbook; the pane is usable afterwards even if that fails. */
  async start(): Promise<void> {
    if (this.state.phase !== 'starting') return;
    // What the workbook stores: read first, so a saved choice of a stored set is found.
    let stored = NO_STORED;
    const failures: Notice[] = [];
    try {
      stored = (await this.host.readEmbeddedSets?.()) ?? NO_STORED;
    } catch (error) {
      failures.push(noticeOf(error));
    }
    try {
      const raw = await this.host.loadSettings();
      const userSets = await userSetsFromSettings(raw.userSets);
      const restored = fromSettings(raw, setLookup(paneSets({ userSets, stored })));
      if (restored) {
        this.update({
          phase: 'idle',
          stored,
          notices: failures,
          userSets,
          ...savedForm(restored),
          showAll: restored.options.showAll,
          notes: restored.options.notes,
          nearMissBand: restored.options.nearMissBand,
          includeHidden: restored.options.includeHidden,
        });
        return;
      }
      this.update({ phase: 'idle', stored, notices: failures });
    } catch (error) {
      this.update({ phase: 'idle', stored, notices: [...failures, noticeOf(error)] });
    }
  }

  /** The lookup over the built-in sets, the user's and the workbook's. */
  private lookup(): SetLookup {
    return setLookup(paneSets(this.state));
  }

  // ── The user's actions ─────────────────────────────────────────────────────────────────────

  /** Reads the active sheet, checks it, marks it, listens to its edits and shows the results. */
  check(): Promise<void> {
    return this.action('checking', async () => {
      const sheet = await this.host.activeSheet();
      const grid = await readGrid(this.host, sheet);
      const { options, notices: stored } = await withStoredSet(
        sheet,
        this.state.stored,
        this.options(),
      );
      // The engine promises never to throw; should it, that is this sheet's error, in words.
      const result = guarded(() => checkWith(grid, options, stored));
      if (!result.success) {
        this.update({
          notices: [{ kind: 'sheet-failed', sheet, step: 'check', error: result.error }],
        });
        return;
      }
      await this.checked(sheet, grid, options, result.data, stored);
      const kept = await this.storeSets([{ sheet, result: result.data }]);
      if (kept.length > 0) this.update({ notices: [...this.state.notices, ...kept] });
    });
  }

  /** The rest of "Kiểm tra" once the sheet is checked: show, mark, follow, save. */
  private async checked(
    sheet: string,
    grid: Grid,
    options: CheckSheetOptions,
    result: SheetCheck,
    stored: readonly SheetNotice[],
  ): Promise<void> {
    await this.follower.unfollowAll();
    const shown = withDetected(this.state, result.context);
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
      marked = await this.follower.follow(sheet, grid, options, result, stored);
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
    const options = this.options();
    await this.follower.unfollowAll();
    const entries: WorkbookEntry[] = [];
    const checked: SheetCheck[] = [];
    const toStore: { sheet: string; result: SheetCheck }[] = [];
    const needs = new Set<FieldName>();
    let marked = 0;
    let notesSkipped = 0;
    let hiddenSkipped = 0;
    const notesErrors: Notice[] = [];
    const includeHidden = this.state.includeHidden;
    for (const { name: sheet, owner, visibility } of sheets) {
      if (owner === 'report') {
        entries.push({ sheet, skipped: { kind: 'report' } });
        continue;
      }
      const hidden = visibility !== undefined ? { hidden: true } : {};
      if (visibility && !includeHidden) {
        // Not read: listed with the reason, and in the report as a sheet not checked.
        const result = skippedSheet(sheet, 'hidden');
        entries.push({ sheet, result, skipped: { kind: 'skipped', reason: 'hidden' }, ...hidden });
        hiddenSkipped++;
        continue;
      }
      let grid: Grid;
      try {
        grid = await readGrid(this.host, sheet);
      } catch (error) {
        entries.push({ sheet, skipped: { kind: 'error', notice: noticeOf(error) }, ...hidden });
        continue;
      }
      const forSheet = await withStoredSet(sheet, this.state.stored, options);
      const checkedSheet = guarded(() => checkWith(grid, forSheet.options, forSheet.notices));
      if (!checkedSheet.success) {
        entries.push({ sheet, skipped: { kind: 'error', notice: checkedSheet.error }, ...hidden });
        continue;
      }
      const result = checkedSheet.data;
      const skipped = skipReasonOf(result);
      if (skipped) {
        for (const n of result.needs) needs.add(fieldOfNeed(n));
        entries.push({ sheet, result, skipped, ...hidden });
        continue;
      }
      checked.push(result);
      toStore.push({ sheet, result });
      try {
        const done = await this.follower.follow(
          sheet,
          grid,
          forSheet.options,
          result,
          forSheet.notices,
        );
        marked += done.cells;
        notesSkipped += done.notesSkipped;
        if (done.notesError) notesErrors.push(done.notesError);
        entries.push({ sheet, result, ...hidden });
      } catch (error) {
        entries.push({ sheet, result, markError: noticeOf(error), ...hidden });
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
    if (hiddenSkipped > 0) notices.push({ kind: 'hidden-skipped', count: hiddenSkipped });
    if (notesSkipped > 0) notices.push({ kind: 'notes-skipped', count: notesSkipped });
    if (notesErrors[0]) notices.push(notesErrors[0]);
    notices.push(...(await this.storeSets(toStore)));
    this.update({
      ...withDetected(this.state, agreedContext(checked)),
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
            e.result
              ? [{ sheet: e.sheet, result: e.result, ...(e.hidden ? { hidden: true } : {}) }]
              : [],
          )
        : this.state.result && this.state.sheet
          ? [{ sheet: this.state.sheet, result: this.state.result }]
          : [];
      const locale = this.state.locale;
      // The report's code (the units × indicators matrix) is loaded when first asked for.
      const { reportSheet } = await import('./report-sheet.js');
      const content = reportSheet(entries, messagesFor(locale), reportDate(this.now(), locale));
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
    // The set the user chose in the form (never silently the one a check detected).
    const setId = this.state.chosen.includes('targetSet')
      ? this.state.fields.targetSetId
      : undefined;
    const set = setId ? this.lookup()(setId) : undefined;
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
      // For the level chosen in the form, only its rows (as a check chooses them, and the CLI's
      // `chitieu template --level` lays them out); the whole set otherwise.
      const level = this.state.chosen.includes('level') ? this.state.fields.level : undefined;
      const layout = templateLayoutSet(set, level, unitName);
      const content = annexTemplate(layout, {
        locale: this.state.locale,
        ...(unitName ? { unitName } : {}),
      });
      const name = templateSheetName(set.year);
      const sheet = await this.host.writeSheet(name, content, {
        owner: 'template',
        activate: true,
        replace: false,
      });
      const mine = paneSets(this.state).some((u) => u.set === set);
      // The template carries its set, as `chitieu template`'s does (told with the template).
      const kept = await this.storeSets([{ sheet, set }], { quiet: true });
      this.update({
        notices: [
          {
            kind: 'template-inserted',
            sheet,
            targetSetId: set.id,
            ...(mine ? { targetSet: set } : {}),
          },
          ...kept,
        ],
      });
    });
  }

  /**
   * Stores in the workbook the set each sheet was checked with (`setToStore`), or the set given
   * (a template), one part per set for all its sheets, unless the workbook already stores that
   * very set for the sheet; keeps what the workbook stores afterwards in the state. Returns the
   * notices: what was stored (unless `quiet`), what could not be. The reader's code (the XML,
   * the fingerprint) is loaded only when there is a set to store.
   */
  private async storeSets(
    sheets: readonly ({ sheet: string } & ({ result: SheetCheck } | { set: TargetSet }))[],
    options: { readonly quiet?: boolean } = {},
  ): Promise<Notice[]> {
    if (!this.host.storeEmbeddedSet) return [];
    const wanted = sheets.flatMap((s) => {
      const set = 'set' in s ? s.set : setToStore(s.result);
      return set ? [{ sheet: s.sheet, set }] : [];
    });
    if (wanted.length === 0) return [];
    const { appliesToSheet, targetSetFingerprint } = await import('@chitieu/xlsx');
    const bySet = new Map<TargetSet, string[]>();
    for (const { sheet, set } of wanted) {
      // What a reader finds for the sheet: already this set, as written — nothing to store.
      const found = this.state.stored.sets.find((s) => appliesToSheet(s, sheet));
      if (
        found?.fingerprintMatches &&
        found.targetSet.id === set.id &&
        found.fingerprint === targetSetFingerprint(set)
      )
        continue;
      const list = bySet.get(set);
      if (list) list.push(sheet);
      else bySet.set(set, [sheet]);
    }
    const notices: Notice[] = [];
    for (const [targetSet, names] of bySet) {
      try {
        const stored = await this.host.storeEmbeddedSet(targetSet, names);
        this.update({ stored });
        if (!options.quiet) notices.push({ kind: 'set-stored', targetSet, sheets: names });
      } catch (error) {
        notices.push({ kind: 'set-not-stored', targetSet, sheets: names, error: noticeOf(error) });
      }
    }
    return notices;
  }

  // ── The user's own target sets ─────────────────────────────────────────────────────────────

  /**
   * "Đọc bộ chỉ tiêu từ trang này": reads the active sheet as an official annex with the engine's
   * importer (the CLI's `targets import`) and shows what it read for review; nothing is used
   * until the user accepts it. A sheet that is no annex is a notice with the importer's reason.
   */
  readTargetSetFromSheet(): Promise<void> {
    return this.action('reading-set', async () => {
      const sheet = await this.host.activeSheet();
      const grid = await readGrid(this.host, sheet);
      // The importer (and the loader it validates with) is loaded when first asked for.
      const { importTargetSet } = await import('@chitieu/engine/import');
      const imported = guarded(() => importTargetSet(grid));
      if (!imported.success) {
        this.update({
          notices: [{ kind: 'sheet-failed', sheet, step: 'check', error: imported.error }],
        });
        return;
      }
      if (!imported.data.success) {
        this.update({
          review: undefined,
          notices: [{ kind: 'set-import-failed', sheet, error: imported.data.error }],
        });
        return;
      }
      this.update({ review: { sheet, imported: imported.data.data } });
    });
  }

  /** The reviewed set is used: added to the user's sets (kept with the workbook) and chosen. */
  acceptReview(): Promise<void> {
    const review = this.state.review;
    if (!review || this.state.phase !== 'idle') return Promise.resolve();
    return this.addUserSet({
      set: review.imported.set,
      origin: { kind: 'sheet', sheet: review.sheet },
    });
  }

  /** The reviewed set is dropped; nothing changes. */
  cancelReview(): void {
    if (this.state.review) this.update({ review: undefined });
  }

  /**
   * A target-set JSON file the user picked: validated by the engine's loader (every bad field,
   * as `targets validate` reports them), then added to the user's sets and chosen.
   */
  async addTargetSetFromJson(text: string, fileName: string): Promise<void> {
    if (this.state.phase !== 'idle') return;
    const parsed = await parseSetFile(text, fileName);
    if (!parsed.success) {
      this.update({
        notices: [{ kind: 'set-file-invalid', name: fileName, issues: parsed.issues }],
      });
      return;
    }
    await this.addUserSet({ set: parsed.data, origin: { kind: 'file', name: fileName } });
  }

  /** The picked file could not be read at all (the browser's error). */
  fileUnreadable(fileName: string): void {
    this.update({ notices: [{ kind: 'set-file-invalid', name: fileName, issues: [] }] });
  }

  private async addUserSet(added: UserSet): Promise<void> {
    const userSets = withUserSet(this.state.userSets, added);
    const form = withField(
      this.state,
      'targetSet',
      added.set.id,
      setLookup(paneSets({ userSets, stored: this.state.stored })),
    );
    this.update({
      ...form,
      userSets,
      review: undefined,
      needs: this.state.needs.filter((n) => !hasValue(form.fields, n)),
      notices: [{ kind: 'set-added', set: added.set, origin: added.origin }],
    });
    await this.exclusive(() => this.saveNow());
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
      for (const sheet of sheets) count += await this.follower.clear(sheet);
      // The marks are gone: so is the list of what they marked (the form stays).
      this.update({
        result: undefined,
        sheet: undefined,
        workbook: undefined,
        needs: [],
        notices: [{ kind: 'cleared', sheets, count }],
      });
    });
  }

  /** Selects a finding's cell in the sheet. */
  async selectFinding(finding: SheetFinding, sheetName?: string): Promise<void> {
    const sheet = sheetName ?? finding.sheet ?? this.state.result?.sheet ?? this.state.sheet;
    if (!finding.cell || sheet === undefined) return;
    // Excel selects only on a visible sheet: a hidden one checked with the option on says so.
    if (this.state.workbook?.entries.some((e) => e.sheet === sheet && e.hidden)) {
      this.update({ notices: [{ kind: 'hidden-sheet-cell', sheet, cell: finding.cell }] });
      return;
    }
    try {
      await this.host.selectCell(sheet, finding.cell);
    } catch (error) {
      this.update({ notices: [noticeOf(error)] });
    }
  }

  /** The user sets a field: the next check passes it to the engine instead of detecting it. */
  setField(field: FieldName, value: string | Quarter | undefined): void {
    const form = withField(this.state, field, value, this.lookup());
    this.update({ ...form, needs: this.state.needs.filter((n) => !hasValue(form.fields, n)) });
    this.saveSoon();
  }

  /**
   * The user gives a field back to detection ("Tự nhận biết"): the next check detects it
   * instead of passing the user's value; the field shows nothing until then.
   */
  resetField(field: FieldName): void {
    if (!this.state.chosen.includes(field)) return;
    const form = withoutChoice(this.state, field);
    this.update({ ...form });
    this.saveSoon();
  }

  /**
   * The near-miss band, in percentage points (0 turns near misses off): passed to the next
   * check. A band out of range (negative, not a number, wider than the pane accepts) is ignored.
   */
  setNearMissBand(band: number): void {
    if (!isNearMissBand(band) || band === this.state.nearMissBand) return;
    this.update({ nearMissBand: band });
    this.saveSoon();
  }

  /** Whether "Kiểm tra tất cả" checks hidden sheets too (the next time it is pressed). */
  setIncludeHidden(includeHidden: boolean): void {
    if (includeHidden === this.state.includeHidden) return;
    this.update({ includeHidden });
    this.saveSoon();
  }

  /** What every check is passed: the fields the user chose and the near-miss band. */
  private options(): CheckSheetOptions {
    return checkOptions(
      this.state.fields,
      this.state.chosen,
      this.state.nearMissBand,
      paneSets(this.state),
    );
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
    this.follower.refreshNotes((error) => {
      this.update({ notices: [...this.state.notices, noticeOf(error)] });
    });
  }

  /**
   * Switches the language. A re-render, not a re-check: the state keeps findings and notices as
   * data, and the view words them again in the new language; no sheet is read or checked again.
   * What the add-in already wrote into the workbook:
   * - the notes on marked cells (when the option is on) are written again in the new language,
   *   from the findings kept — no read, no check; a cell whose note the user edited stays theirs;
   * - the report sheet and an inserted annex template stay as written, in the language of the
   *   time, until the user presses Tạo báo cáo again (it is rewritten, in the new language) or
   *   inserts another template: they are documents in the workbook, and rewriting one unasked
   *   would replace a sheet the user may be reading or filling in.
   */
  setLocale(locale: Locale): void {
    if (locale === this.state.locale) return;
    this.update({ locale });
    if (this.state.notes && this.host.capabilities.notes) {
      this.follower.refreshNotes((error) => {
        this.update({ notices: [...this.state.notices, noticeOf(error)] });
      });
    }
  }

  // ── Live updates ──────────────────────────────────────────────────────────────────────────

  /**
   * Puts a live re-check's result where the last check's was. An edit can also make the sheet
   * stop reading as an annex (its header row deleted) or leave the engine unsure (the unit line
   * cleared): the pane then says so, as a check would, and follows the sheet back when it is mended.
   */
  private showRecheck(sheet: string, result: SheetCheck): void {
    this.showResult(sheet, result);
    // An earlier update of this sheet that failed is mended by this one.
    const mended = this.withoutFailedUpdate(sheet);
    if (mended.length < this.state.notices.length) this.update({ notices: mended });
  }

  private showResult(sheet: string, result: SheetCheck): void {
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
                  ...(e.hidden ? { hidden: true } : {}),
                }
              : e,
          ),
        },
      });
    }
  }

  /** The notices without the sheet's failed live update. */
  private withoutFailedUpdate(sheet: string): Notice[] {
    return this.state.notices.filter(
      (n) => !(n.kind === 'sheet-failed' && n.sheet === sheet && n.step === 'update'),
    );
  }

  // ── Settings ───────────────────────────────────────────────────────────────────────────────

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
      const { fields, chosen, notes, showAll, nearMissBand, includeHidden, userSets } = this.state;
      await this.host.saveSettings({
        ...toSettings(fields, chosen, { notes, showAll, nearMissBand, includeHidden }),
        ...(userSets.length > 0 ? { userSets: userSetsToSettings(userSets) } : {}),
      });
    } catch (error) {
      this.update({
        notices: [
          ...this.state.notices.filter((n) => n.kind !== 'settings-not-saved'),
          { kind: 'settings-not-saved', error: noticeOf(error) },
        ],
      });
    }
  }
}

/** The report's date, in the pane's language: "22/11/2026 14:05" / "2026-11-22 14:05". */
export function reportDate(date: Date, locale: Locale): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return locale === 'en'
    ? `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`
    : `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${time}`;
}
