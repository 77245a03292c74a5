/**
 * The reviewers' check over files: read each workbook, check every annex sheet with the engine,
 * and gather a report. A file that cannot be read is reported with its reason; the others are
 * still checked. Inputs are only ever read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  type CheckContext,
  type CheckSummary,
  type FindingList,
  findingsOf,
  getBuiltinTargetSet,
  type InputNeeded,
  type Locale,
  type MarkPlan,
  type Quarter,
  REPORT_SHEET_NAME,
  type SheetCheck,
  type SheetNotice,
  type SkipReason,
  STATUS,
  skippedSheet,
  statusOf,
  statusWord,
  type TargetSet,
  withNotices,
} from '@chitieu/engine';
import {
  chooseStoredSet,
  DEFAULT_LIMITS,
  type EmbeddedSets,
  openWorkbook,
  readEmbeddedTargetSets,
  type SheetState,
  type WorkbookReader,
  workbookModified,
  type XlsxError,
} from '@chitieu/xlsx';
import { describeReadError, textFor } from './i18n.js';
import { findingWords } from './report/words.js';
import { seams } from './seams.js';

export interface CheckRunOptions {
  readonly targetSet?: TargetSet;
  readonly level?: string;
  readonly quarter?: Quarter;
  readonly nearMissBand?: number;
  readonly locale: Locale;
  /**
   * Found in a folder (not named by the user): a workbook that is an annotated copy this tool
   * wrote is not checked again (`ownCopy` in the report).
   */
  readonly recogniseCopies?: boolean;
  /**
   * An annotated copy is to be made (--out): the report keeps the workbook's bytes, the
   * engine's checks and the mark plans for it. Otherwise none of them outlives the check of
   * its sheet.
   */
  readonly forCopy?: boolean;
  /**
   * Check hidden and very hidden sheets too (reported with `hidden`); by default they are not
   * read, and reported as `skipped` with the reason `hidden`.
   */
  readonly includeHidden?: boolean;
}

export interface SheetReport {
  readonly sheet: string;
  /** `skipped`: not read nor checked (`reason` says why); listed in every report. */
  readonly status: 'checked' | 'needs-input' | 'skipped';
  /** Why a `skipped` sheet was not checked. */
  readonly reason?: SkipReason;
  /** The sheet is hidden or very hidden in the workbook (`state` says which). */
  readonly hidden?: true;
  readonly state?: Exclude<SheetState, 'visible'>;
  readonly needs: readonly InputNeeded[];
  readonly context: CheckContext;
  readonly summary: CheckSummary;
  /** Read in order (an array, or the engine's compact store for a sheet of a million findings). */
  readonly findings: FindingList;
  /** What the engine tells the user once for the sheet (in the order of NOTICE_CODES). */
  readonly notices: readonly SheetNotice[];
  /** The target set the sheet was checked against (shared, not copied): the reports word findings with it. */
  readonly targetSet?: TargetSet;
  /** The marks for the annotated copy; dropped once the copy is written. */
  readonly markPlan?: MarkPlan;
}

export interface FileError {
  /** `unexpected`: something failed that should not have (a bug); the batch goes on. */
  /** `only-hidden`: no visible sheet is an annex, and hidden sheets were skipped. */
  readonly code: XlsxError['code'] | 'no-annex' | 'only-hidden' | 'unexpected';
  readonly message: string;
  readonly sheet?: string;
}

export interface FileReport {
  /** The path as found (relative to where the command ran when given so). */
  readonly file: string;
  readonly error?: FileError;
  readonly sheets: readonly SheetReport[];
  /**
   * Sheets that are not annexes, or could not be read, with the reason; `hidden` when the sheet
   * is hidden (read with --include-hidden).
   */
  readonly skippedSheets: readonly { sheet: string; reason: string; hidden?: true }[];
  /** Where the annotated copy was written, when one was. */
  annotated?: string;
  /** Why no annotated copy could be made, when the file was checked but its copy failed. */
  annotationError?: string;
  /**
   * The workbook's own last-saved date (its core properties) and the file's modification time,
   * ISO 8601: the consolidated report keeps the latest of one unit's submissions by them.
   */
  readonly modified?: string;
  readonly fileModified?: string;
  /** The file behind the symbolic link the file was found by (its real path), when it was. */
  symlink?: string;
  /**
   * An annotated copy this tool wrote earlier (found in a folder, `recogniseCopies`): not
   * checked; the run lists it among the skipped files.
   */
  readonly ownCopy?: true;
  /** The original bytes, kept for writing the annotated copy; not reported. */
  readonly bytes?: Uint8Array;
  /**
   * What the check read of those bytes (the package, the sheets' texts and places), kept for the
   * annotated copy, which then reads none of it again; not reported.
   */
  readonly reader?: WorkbookReader;
  /**
   * The engine's check of every sheet that could be read, in the workbook's order (sheets that
   * are not annexes included), kept for the annotated copy's report sheet; not reported.
   */
  readonly checks?: readonly {
    readonly sheet: string;
    readonly result: SheetCheck;
    readonly hidden?: boolean;
  }[];
}

/** The words of an unexpected failure: its kind and message (a bug's trace is not for users). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  return String(thrown);
}

function failed(path: string, error: FileError): FileReport {
  return { file: path, error, sheets: [], skippedSheets: [] };
}

/**
 * The file's bytes. It is opened without blocking (a FIFO put in its place after the folder was
 * walked opens at once instead of waiting for a writer) and read only when the opened handle is
 * a regular file within the size limit. The calls are the synchronous ones: the same system
 * calls, without four round trips through libuv's thread pool per file (each workbook is a few
 * tens of KB, read from the page cache in microseconds; the round trips cost more than the read).
 */
function readInput(
  path: string,
  locale: Locale,
): { bytes: Uint8Array; mtime: Date } | { error: FileError } {
  const t = textFor(locale);
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile()) return { error: { code: 'unreadable', message: t.run.notRegularFile } };
    if (info.size > DEFAULT_LIMITS.maxFileSize) {
      const message = describeReadError(
        { code: 'too-large', what: 'file', size: info.size, limit: DEFAULT_LIMITS.maxFileSize },
        locale,
      );
      return { error: { code: 'too-large', message } };
    }
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const bytesRead = readSync(fd, bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at), mtime: info.mtime };
  } catch (thrown) {
    const code = (thrown as { code?: string }).code;
    const message = code === 'EBUSY' ? t.run.fileLocked : t.run.cannotOpen(t.run.errno(code));
    return { error: { code: 'unreadable', message } };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {}
    }
  }
}

/** The titles the summary sheet of an annotated copy starts with (engine reportSheet). */
const REPORT_TITLES = new Set(['KẾT QUẢ KIỂM TRA CHỈ TIÊU', 'TARGET CHECK RESULTS']);
const REPORT_NAMES = new Set(Object.values(REPORT_SHEET_NAME).map((n) => n.toLowerCase()));

/**
 * Is this workbook an annotated copy written by this tool? Its last sheet is the summary sheet
 * ("Kết quả kiểm tra" or "Check results", maybe with " (2)" after it, as annotateWorkbook names
 * it) and that sheet starts with the report's title.
 */
function isAnnotatedCopy(reader: WorkbookReader): boolean {
  const last = reader.sheets[reader.sheets.length - 1];
  if (!last) return false;
  const name = last.name
    .normalize('NFC')
    .replace(/ \(\d+\)$/, '')
    .toLowerCase();
  if (!REPORT_NAMES.has(name)) return false;
  const read = reader.readSheet(last);
  if (!read.success) return false;
  const firstRow = read.data.grid.rows.find((row) => row?.some((c) => c && c.value !== null));
  const first = firstRow?.find((c) => c && c.value !== null);
  return typeof first?.value === 'string' && REPORT_TITLES.has(first.value.normalize('NFC').trim());
}

export async function checkFile(path: string, options: CheckRunOptions): Promise<FileReport> {
  const t = textFor(options.locale);
  const input = readInput(path, options.locale);
  if ('error' in input) return failed(path, input.error);
  const bytes = input.bytes;
  // For a copy, the sheets' texts are kept for it (it is made right after the check).
  const opened = openWorkbook(bytes, options.forCopy ? { keepSheetTexts: true } : {});
  if (!opened.success) {
    return failed(path, {
      code: opened.error.code,
      message: describeReadError(opened.error, options.locale),
    });
  }
  const reader = opened.data;
  const dates = {
    ...optional('modified', workbookModified(reader)),
    ...optional('fileModified', validIso(input.mtime)),
  };
  if (options.recogniseCopies && isAnnotatedCopy(reader)) {
    return { file: path, sheets: [], skippedSheets: [], ownCopy: true };
  }
  // The target sets the workbook stores (the template's): used, or compared with the set given.
  const stored: EmbeddedSets = readEmbeddedTargetSets(reader);
  const sheetOptions = {
    ...(options.targetSet ? { targetSet: options.targetSet } : {}),
    ...(options.level ? { level: options.level } : {}),
    ...(options.quarter ? { quarter: options.quarter } : {}),
    ...(options.nearMissBand !== undefined ? { nearMissBand: options.nearMissBand } : {}),
    // Only an annotated copy needs the marks.
    ...(options.forCopy ? {} : { marks: false }),
  };
  const sheets: SheetReport[] = [];
  const skippedSheets: { sheet: string; reason: string; hidden?: true }[] = [];
  const checks: { sheet: string; result: SheetCheck; hidden?: boolean }[] = [];
  // Why sheets could not be read or checked: the file's error when no sheet could be checked.
  let sheetError: FileError | undefined;
  let hiddenSkipped = 0;
  for (const info of reader.sheets) {
    const state = info.state === 'visible' ? undefined : info.state;
    /** How a hidden sheet's entry in `skippedSheets` says so. */
    const hiddenMark = state !== undefined ? { hidden: true as const } : {};
    if (state !== undefined && !options.includeHidden) {
      // Not read: listed with its reason, in every report and in the copy's report sheet.
      const result = skippedSheet(info.name, 'hidden');
      hiddenSkipped++;
      if (options.forCopy) checks.push({ sheet: info.name, result });
      sheets.push({
        sheet: info.name,
        status: 'skipped',
        reason: 'hidden',
        hidden: true,
        state,
        needs: result.needs,
        context: result.context,
        summary: result.summary,
        findings: result.findings,
        notices: result.notices,
      });
      continue;
    }
    // One sheet's unexpected failure (a bug) costs that sheet, never the file or the batch.
    let result: SheetCheck;
    try {
      const read = reader.readSheet(info);
      if (!read.success) {
        skippedSheets.push({
          sheet: info.name,
          reason: describeReadError(read.error, options.locale),
          ...hiddenMark,
        });
        sheetError ??= {
          code: read.error.code,
          sheet: info.name,
          message: t.run.inSheet(
            info.name,
            describeReadError(read.error, options.locale, { omitSheet: true }),
          ),
        };
        continue;
      }
      const choice = chooseStoredSet(info.name, stored, {
        ...(options.targetSet ? { given: options.targetSet } : {}),
        builtin: getBuiltinTargetSet,
      });
      result = seams.checkSheet(
        read.data.grid,
        // The set the workbook stores decides: the context says it came from there.
        choice.targetSet
          ? { ...sheetOptions, targetSet: choice.targetSet, targetSetFrom: 'embedded' }
          : sheetOptions,
      );
      if (result.status !== 'not-an-annex') result = withNotices(result, choice.notices);
    } catch (thrown) {
      const reason = t.run.unexpected(describeThrown(thrown));
      skippedSheets.push({
        sheet: info.name,
        reason,
        ...hiddenMark,
      });
      if (sheetError?.code !== 'unexpected')
        sheetError = {
          code: 'unexpected',
          sheet: info.name,
          message: t.run.inSheet(info.name, reason),
        };
      continue;
    }
    if (options.forCopy) checks.push({ sheet: info.name, result, ...hiddenMark });
    if (result.status === 'not-an-annex') {
      skippedSheets.push({
        sheet: info.name,
        reason: result.findings[0]
          ? findingWords(result.findings[0], result, options.locale)
          : statusWord('not-an-annex', options.locale),
        ...hiddenMark,
      });
      continue;
    }
    sheets.push({
      sheet: info.name,
      // a check's own `skipped` (none today) is reported as such
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      ...(state !== undefined ? { hidden: true as const, state } : {}),
      needs: result.needs,
      context: result.context,
      summary: result.summary,
      // Read once by each report in turn: from the engine's compact store (a sheet of a million
      // findings holds them in a tenth of the memory), or, when the copy is annotated (its mark
      // plan holds the findings anyway), as the array, made once instead of once per report.
      findings: options.forCopy ? result.findings : findingsOf(result),
      notices: result.notices,
      ...(result.targetSet ? { targetSet: result.targetSet } : {}),
      ...(options.forCopy ? { markPlan: result.markPlan } : {}),
    });
  }
  if (sheets.length === hiddenSkipped) {
    // Nothing checked in the file (hidden sheets are still listed in `sheets`).
    return {
      file: path,
      error:
        sheetError ??
        (hiddenSkipped > 0
          ? { code: 'only-hidden', message: t.onlyHiddenSheets(hiddenSkipped) }
          : { code: 'no-annex', message: t.noAnnexInWorkbook }),
      sheets,
      skippedSheets,
    };
  }
  return options.forCopy
    ? { file: path, ...dates, sheets, skippedSheets, bytes, reader, checks }
    : { file: path, ...dates, sheets, skippedSheets };
}

/** `{ [key]: value }`, or nothing when there is no value. */
function optional<K extends string>(key: K, value: string | undefined): { [k in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]: string });
}

/** A date as ISO 8601, or undefined for an invalid one. */
function validIso(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The report as the reports need it, once its copy is written: without the workbook's bytes,
 * what was read of them, the engine's checks and the mark plans (memory per run, not per file).
 */
export function slim(report: FileReport): FileReport {
  const { bytes: _bytes, reader: _reader, checks: _checks, sheets, ...rest } = report;
  return { ...rest, sheets: sheets.map(({ markPlan: _plan, ...sheet }) => sheet) };
}

/**
 * Does the file have a finding that makes the check fail (exit code 1): a status that fails the
 * check (status.ts: short of its minimum, near misses included, missing or invalid)?
 */
export function hasProblems(file: FileReport): boolean {
  return file.sheets.some((s) => s.findings.some((f) => STATUS[statusOf(f)].failsCheck));
}
