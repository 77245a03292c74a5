/**
 * The pane's check flow as a plain object driven by a WorkbookHost: read the active sheet,
 * check it, mark it, remember the context. React subscribes to its state; tests drive it
 * directly over a MemoryHost.
 */
import {
  type CheckSheetOptions,
  checkSheet,
  type Grid,
  getBuiltinTargetSet,
  type Locale,
  type Quarter,
  type SheetCheck,
  type SheetFinding,
} from '@chitieu/engine';
import { HostError, type WorkbookHost } from '../host/types.js';
import type { FieldName, FieldSource, Messages } from './i18n.js';
import {
  checkOptions,
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
  | { readonly kind: 'needs-input'; readonly needs: readonly FieldName[] }
  | { readonly kind: 'not-an-annex'; readonly sheet: string; readonly message: string }
  | { readonly kind: 'cleared'; readonly sheet: string; readonly count: number }
  | { readonly kind: 'host-error'; readonly code: HostError['code']; readonly message: string }
  | { readonly kind: 'unexpected'; readonly message: string }
  | { readonly kind: 'settings-not-saved'; readonly message: string };

export type Phase = 'starting' | 'idle' | 'checking' | 'clearing';

export interface PaneState {
  readonly phase: Phase;
  readonly locale: Locale;
  readonly fields: Fields;
  /** Fields the user set: passed to the engine as options; the others are detected. */
  readonly chosen: readonly FieldName[];
  /** Where each shown value came from. */
  readonly sources: Readonly<Partial<Record<FieldName, FieldSource>>>;
  readonly result?: SheetCheck;
  /** The sheet the result is about. */
  readonly sheet?: string;
  /** What the engine could not work out on the last check. */
  readonly needs: readonly FieldName[];
  readonly notices: readonly Notice[];
  /** Show met and not-applicable findings too. */
  readonly showAll: boolean;
  /** Asks the view to move focus to a field (a new `seq` each time). */
  readonly focus?: { readonly field: FieldName; readonly seq: number };
}

export interface PaneControllerOptions {
  readonly locale?: Locale;
}

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private lastGrid: Grid | undefined;
  private lastOptions: CheckSheetOptions | undefined;
  private focusSeq = 0;

  constructor(
    readonly host: WorkbookHost,
    options: PaneControllerOptions = {},
  ) {
    this.state = {
      phase: 'starting',
      locale: options.locale ?? 'vi',
      fields: EMPTY_FIELDS,
      chosen: [],
      sources: {},
      needs: [],
      notices: [],
      showAll: false,
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
        });
        return;
      }
      this.update({ phase: 'idle' });
    } catch (error) {
      this.update({ phase: 'idle', notices: [noticeOf(error)] });
    }
  }

  /** Reads the active sheet, checks it, marks it and shows the results. */
  async check(): Promise<void> {
    if (this.state.phase !== 'idle') return;
    this.update({ phase: 'checking', notices: [] });
    try {
      const sheet = await this.host.activeSheet();
      const read = await this.host.readSheet(sheet);
      const grid: Grid = { ...read, name: read.name ?? sheet };
      const options = checkOptions(this.state.fields, this.state.chosen, this.state.locale);
      const result = checkSheet(grid, options);
      this.lastGrid = grid;
      this.lastOptions = options;
      const shown = this.withDetected(result);

      if (result.status === 'not-an-annex') {
        const message = result.findings[0]?.message ?? '';
        this.update({
          ...shown,
          phase: 'idle',
          result,
          sheet,
          needs: [],
          notices: [{ kind: 'not-an-annex', sheet, message }],
        });
        return;
      }
      if (result.status === 'needs-input') {
        const needs = result.needs.map(fieldOfNeed);
        this.update({
          ...shown,
          phase: 'idle',
          result,
          sheet,
          needs,
          notices: [{ kind: 'needs-input', needs }],
          ...(needs[0] ? { focus: { field: needs[0], seq: ++this.focusSeq } } : {}),
        });
        return;
      }

      await this.host.applyMarks(sheet, result.markPlan);
      const marked = result.markPlan.groups.reduce((n, g) => n + g.cells.length, 0);
      const notices: Notice[] = [{ kind: 'checked', sheet, marked }];
      try {
        await this.host.saveSettings({ ...toSettings(shown.fields, this.state.chosen) });
      } catch (error) {
        notices.push({ kind: 'settings-not-saved', message: messageOf(error) });
      }
      this.update({ ...shown, phase: 'idle', result, sheet, needs: [], notices });
    } catch (error) {
      this.update({ phase: 'idle', notices: [noticeOf(error)] });
    }
  }

  /** Removes the add-in's marks from the active sheet (never the user's own formatting). */
  async clearMarks(): Promise<void> {
    if (this.state.phase !== 'idle') return;
    this.update({ phase: 'clearing', notices: [] });
    try {
      const sheet = await this.host.activeSheet();
      const count = await this.host.clearMarks(sheet);
      this.update({ phase: 'idle', notices: [{ kind: 'cleared', sheet, count }] });
    } catch (error) {
      this.update({ phase: 'idle', notices: [noticeOf(error)] });
    }
  }

  /** Selects a finding's cell in the sheet. */
  async selectFinding(finding: SheetFinding): Promise<void> {
    const sheet = finding.sheet ?? this.state.result?.sheet ?? this.state.sheet;
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
  }

  setShowAll(showAll: boolean): void {
    this.update({ showAll });
  }

  /** Switches the language; the shown results are worded again from the same sheet read. */
  setLocale(locale: Locale): void {
    if (locale === this.state.locale) return;
    if (this.lastGrid && this.lastOptions && this.state.result) {
      const options = { ...this.lastOptions, locale };
      const result = checkSheet(this.lastGrid, options);
      this.lastOptions = options;
      const notices = this.state.notices.map((n) =>
        n.kind === 'not-an-annex' ? { ...n, message: result.findings[0]?.message ?? n.message } : n,
      );
      this.update({ locale, result, notices });
      return;
    }
    this.update({ locale });
  }

  /** The fields after a check: the user's choices stay, the others show what was detected. */
  private withDetected(result: SheetCheck): Pick<PaneState, 'fields' | 'sources' | 'chosen'> {
    const { context } = result;
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
      targetSet: context.sources.targetSet,
      level: context.sources.level,
      unitName: context.sources.unitName,
      quarter: context.sources.quarter,
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

/** Any failure as a notice: a HostError in its own words, anything else as unexpected. */
export function noticeOf(error: unknown): Notice {
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
    case 'cleared':
      return { intent: 'success', title: '', body: t.cleared(notice.sheet, notice.count) };
    case 'host-error':
      return {
        intent: 'error',
        title: t.hostErrorTitle[notice.code],
        body: notice.code === 'too-large' ? `${notice.message} ${t.tooLargeHelp}` : notice.message,
      };
    case 'unexpected':
      return { intent: 'error', title: t.unexpectedTitle, body: notice.message };
    case 'settings-not-saved':
      return { intent: 'warning', title: t.settingsNotSaved, body: notice.message };
  }
}
