/**
 * What the pane tells the user, as data (Notice), and its wording from the catalogs (i18n.ts,
 * i18n-errors.ts, the engine's for findings) at render time, in the current language: a notice
 * holds what happened — a finding, a HostError's problem — never a sentence. Switching the
 * language re-words every notice; nothing is checked again.
 */
import {
  describeFinding,
  describeImportError,
  describeSkipReason,
  describeTargetSetProblem,
  type SkipReason as EngineSkipReason,
  getBuiltinTargetSet,
  type ImportError,
  type Locale,
  describeNotice as noticeWords,
  type Result,
  type SheetCheck,
  type SheetFinding,
  type SheetNotice,
  type TargetSet,
} from '@chitieu/engine';
import { HostError, type HostProblem } from '../host/types.js';
import { fieldOfNeed, targetSetTitle } from './form.js';
import type { FieldName, Messages } from './i18n.js';
import { describeHostProblem } from './i18n-errors.js';
import type { SetFileIssue, SetOrigin, UserSet } from './user-sets.js';

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
  | {
      readonly kind: 'not-an-annex';
      readonly sheet: string;
      /** The engine's finding that says why (worded at render time). */
      readonly finding?: SheetFinding;
    }
  | { readonly kind: 'cleared'; readonly sheets: readonly string[]; readonly count: number }
  | { readonly kind: 'report-written'; readonly sheet: string; readonly sheets: number }
  | {
      readonly kind: 'template-inserted';
      readonly sheet: string;
      readonly targetSetId: string;
      /** The set itself when it is one the user added (no built-in set to name it by). */
      readonly targetSet?: TargetSet;
    }
  /** A set the user added (read from a sheet and accepted, or from a file): kept and chosen. */
  | { readonly kind: 'set-added'; readonly set: TargetSet; readonly origin: UserSet['origin'] }
  /** "Đọc bộ chỉ tiêu từ trang này" found no target set on the sheet: the importer's reason. */
  | { readonly kind: 'set-import-failed'; readonly sheet: string; readonly error: ImportError }
  /** A picked file is no valid target set: every problem (none: the file could not be read). */
  | {
      readonly kind: 'set-file-invalid';
      readonly name: string;
      readonly issues: readonly SetFileIssue[];
    }
  | { readonly kind: 'template-needs-set' }
  | { readonly kind: 'notes-skipped'; readonly count: number }
  /** "Kiểm tra tất cả" left hidden sheets out (the option to include them is off). */
  | { readonly kind: 'hidden-skipped'; readonly count: number }
  /** A finding of a hidden sheet was clicked: Excel cannot select a cell there. */
  | { readonly kind: 'hidden-sheet-cell'; readonly sheet: string; readonly cell: string }
  | ErrorNotice
  | {
      readonly kind: 'sheet-failed';
      readonly sheet: string;
      /** What failed for the sheet: its check, its marks, or a live update after an edit. */
      readonly step: SheetStep;
      readonly error: ErrorNotice;
    }
  | { readonly kind: 'settings-not-saved'; readonly error: ErrorNotice }
  /** The set the sheets were checked with is now stored in the workbook (a custom XML part). */
  | {
      readonly kind: 'set-stored';
      readonly targetSet: TargetSet;
      readonly sheets: readonly string[];
    }
  /** Storing it failed: the check stands, the workbook does not carry the set. */
  | {
      readonly kind: 'set-not-stored';
      readonly targetSet: TargetSet;
      readonly sheets: readonly string[];
      readonly error: ErrorNotice;
    };

/**
 * A failure, as data: a HostError's problem (worded by the catalogs), or anything else as
 * unexpected. `cause` is the failure's own text (an exception's message) for developers: kept,
 * never shown.
 */
export type ErrorNotice =
  | { readonly kind: 'host-error'; readonly problem: HostProblem }
  | { readonly kind: 'unexpected'; readonly cause: string };

/** What the add-in does for one sheet, where a failure is that sheet's and no one else's. */
export type SheetStep = 'check' | 'mark' | 'update';

/** Why "Kiểm tra tất cả" did not check a sheet. */
export type SkipReason =
  | { readonly kind: 'report' }
  /**
   * Not read, for the engine's reason (a hidden sheet, unless the pane's option asks for hidden
   * sheets too): worded by the engine's `describeSkipReason`.
   */
  | { readonly kind: 'skipped'; readonly reason: EngineSkipReason }
  | { readonly kind: 'not-an-annex'; readonly finding?: SheetFinding }
  | { readonly kind: 'needs-input'; readonly needs: readonly FieldName[] }
  | { readonly kind: 'error'; readonly notice: ErrorNotice };

/** Why a sheet read for "Kiểm tra tất cả" was not checked; undefined when it was. */
export function skipReasonOf(result: SheetCheck): SkipReason | undefined {
  switch (result.status) {
    case 'checked':
      return undefined;
    case 'not-an-annex':
      return { kind: 'not-an-annex', finding: result.findings[0] };
    case 'needs-input':
      return { kind: 'needs-input', needs: result.needs.map(fieldOfNeed) };
    case 'skipped':
      return { kind: 'skipped', reason: result.reason ?? 'hidden' };
  }
}

/**
 * A sheet's notices (values kept on rows not assigned to the level, fractions read, no results
 * yet, the target set chosen…) in words, in the language: every code the engine has, worded by
 * the engine, in its order.
 */
export function sheetNoticeTexts(result: SheetCheck, locale: Locale): string[] {
  const targetSet =
    result.targetSet ??
    (result.context.targetSetId ? getBuiltinTargetSet(result.context.targetSetId) : undefined);
  return result.notices.map((n: SheetNotice) =>
    noticeWords(n, targetSet ? { locale, targetSet } : { locale }),
  );
}

/** What the pane says of a sheet that is no annex, or that the engine needs an input for. */
export function uncheckedNotice(sheet: string, result: SheetCheck): Notice {
  return result.status === 'not-an-annex'
    ? { kind: 'not-an-annex', sheet, finding: result.findings[0] }
    : { kind: 'needs-input', needs: result.needs.map(fieldOfNeed) };
}

/** A failure's own text, for developers (an exception's message). */
function causeOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A HostError, also from another copy of the host module (another bundle). */
export function isHostError(error: unknown): error is HostError {
  return (
    error instanceof HostError ||
    (error instanceof Error && error.name === 'HostError' && 'code' in error)
  );
}

/** Runs `fn`, with a throw as its result instead of an exception (a per-sheet guard). */
export function guarded<T>(fn: () => T): Result<T, ErrorNotice> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    return { success: false, error: noticeOf(error) };
  }
}

/** Any failure as a notice: a HostError's problem, anything else as unexpected. */
export function noticeOf(error: unknown): ErrorNotice {
  if (isHostError(error)) return { kind: 'host-error', problem: error.problem };
  return { kind: 'unexpected', cause: causeOf(error) };
}

/** A failure in words: its title (the kind of problem) and its body. */
export function describeError(error: ErrorNotice, t: Messages): { title: string; body: string } {
  if (error.kind === 'unexpected') return { title: t.unexpectedTitle, body: t.unexpectedBody };
  const { title, body } = describeHostProblem(error.problem, t.errors);
  return { title, body: error.problem.code === 'too-large' ? `${body} ${t.tooLargeHelp}` : body };
}

/** Why a sheet is no annex, in the engine's words for its finding. */
function notAnAnnexText(finding: SheetFinding | undefined, t: Messages): string {
  return finding ? describeFinding(finding, { locale: t.locale }) : '';
}

/** Why "Kiểm tra tất cả" did not check a sheet, in words. */
export function describeSkip(reason: SkipReason, t: Messages): string {
  switch (reason.kind) {
    case 'report':
      return t.skipReason.report;
    case 'skipped':
      return t.skipReason.skipped(describeSkipReason(reason.reason, t.locale));
    case 'not-an-annex':
      return notAnAnnexText(reason.finding, t);
    case 'needs-input':
      return t.skipReason.needsInput(reason.needs.map((f) => t.fields[f]).join(', '));
    case 'error':
      return errorText(reason.notice, t);
  }
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
      return {
        intent: 'warning',
        title: t.notAnAnnexTitle(notice.sheet),
        body: notAnAnnexText(notice.finding, t),
      };
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
    case 'template-inserted': {
      const set = notice.targetSet ?? getBuiltinTargetSet(notice.targetSetId);
      const title = set ? targetSetTitle(set, t.locale) : notice.targetSetId;
      return {
        intent: 'success',
        title: t.templateInsertedTitle,
        body: t.templateInserted(notice.sheet, title),
      };
    }
    case 'template-needs-set':
      return { intent: 'warning', title: t.needsInputTitle, body: t.templateNeedsSet };
    case 'set-added':
      return {
        intent: 'success',
        title: t.userSets.addedTitle,
        body: t.userSets.added(targetSetTitle(notice.set, t.locale), originText(notice.origin, t)),
      };
    case 'set-import-failed':
      return {
        intent: 'warning',
        title: t.userSets.importFailedTitle(notice.sheet),
        body: describeImportError(notice.error, t.locale),
      };
    case 'set-file-invalid':
      return {
        intent: 'error',
        title: t.userSets.fileInvalidTitle(notice.name),
        body:
          notice.issues.length === 0
            ? t.userSets.fileUnreadable
            : notice.issues.map((i) => fileIssueText(i, t)).join('\n'),
      };
    case 'notes-skipped':
      return { intent: 'info', title: '', body: t.notesSkipped(notice.count) };
    case 'hidden-skipped':
      return { intent: 'info', title: '', body: t.hiddenSkipped(notice.count) };
    case 'hidden-sheet-cell':
      return { intent: 'info', title: '', body: t.hiddenSheetCell(notice.sheet, notice.cell) };
    case 'host-error':
    case 'unexpected':
      return { intent: 'error', ...describeError(notice, t) };
    case 'sheet-failed':
      return {
        intent: 'error',
        title: t.sheetFailedTitle[notice.step](notice.sheet),
        body: errorText(notice.error, t),
      };
    case 'settings-not-saved':
      return {
        intent: 'warning',
        title: t.settingsNotSaved,
        body: describeError(notice.error, t).body,
      };
    case 'set-stored':
      return {
        intent: 'info',
        title: '',
        body: t.setStored(
          targetSetTitle(notice.targetSet, t.locale),
          quotedSheets(notice.sheets),
          notice.sheets.length,
        ),
      };
    case 'set-not-stored':
      return {
        intent: 'warning',
        title: t.setNotStoredTitle,
        body: t.setNotStored(
          targetSetTitle(notice.targetSet, t.locale),
          quotedSheets(notice.sheets),
          describeError(notice.error, t).body,
        ),
      };
  }
}

const quotedSheets = (sheets: readonly string[]) => sheets.map((s) => `“${s}”`).join(', ');

/** A failure of one sheet in one line: what kind of error, then its words. */
export function errorText(error: ErrorNotice, t: Messages): string {
  if (error.kind === 'unexpected') return t.unexpectedError;
  const { title, body } = describeError(error, t);
  return `${title}: ${body}`;
}

/** Where a set came from, in words: "có sẵn", "đọc từ trang “Phụ lục”", "từ tệp “x.json”". */
export function originText(origin: SetOrigin, t: Messages): string {
  switch (origin.kind) {
    case 'builtin':
      return t.userSets.origin.builtin;
    case 'sheet':
      return t.userSets.origin.sheet(origin.sheet);
    case 'file':
      return t.userSets.origin.file(origin.name);
    case 'embedded':
      return t.userSets.origin.embedded(
        origin.sheets.map((s) => `“${s}”`).join(', '),
        origin.sheets.length,
      );
  }
}

/** One problem of a picked file, as the CLI's validate words it: "12:5: indicators[3].annual: …". */
export function fileIssueText(issue: SetFileIssue, t: Messages): string {
  const at = issue.line === undefined ? '' : `${issue.line}:${issue.column ?? 1}`;
  const where = [at, issue.path].filter((p) => p !== '').join(': ');
  return t.userSets.fileIssue(where, describeTargetSetProblem(issue.problem, t.locale));
}
