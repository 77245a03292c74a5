/**
 * What the pane tells the user, as data (Notice), and its wording from the catalogs (i18n.ts) at
 * render time, in the current language: a notice holds what happened, never a sentence of the
 * pane's own (a HostError's or the engine's message is kept as it came).
 */
import type { Result, SheetCheck } from '@chitieu/engine';
import { HostError } from '../host/types.js';
import { fieldOfNeed } from './form.js';
import type { FieldName, Messages } from './i18n.js';

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

/** Why "Kiểm tra tất cả" did not check a sheet. */
export type SkipReason =
  | { readonly kind: 'report' }
  | { readonly kind: 'not-an-annex'; readonly message: string }
  | { readonly kind: 'needs-input'; readonly needs: readonly FieldName[] }
  | { readonly kind: 'error'; readonly notice: ErrorNotice };

/** Why a sheet read for "Kiểm tra tất cả" was not checked; undefined when it was. */
export function skipReasonOf(result: SheetCheck): SkipReason | undefined {
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
export function uncheckedNotice(sheet: string, result: SheetCheck): Notice {
  return result.status === 'not-an-annex'
    ? { kind: 'not-an-annex', sheet, message: result.findings[0]?.message ?? '' }
    : { kind: 'needs-input', needs: result.needs.map(fieldOfNeed) };
}

/** A failure's own words. */
export function messageOf(error: unknown): string {
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
