/**
 * The reviewers' check over files: read each workbook, check every annex sheet with the engine,
 * and gather a report. A file that cannot be read is reported with its reason; the others are
 * still checked. Inputs are only ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import {
  type CheckContext,
  type CheckSummary,
  checkSheet,
  type InputNeeded,
  type Locale,
  type MarkPlan,
  type Quarter,
  type SheetCheck,
  type SheetFinding,
  type TargetSet,
} from '@chitieu/engine';
import { DEFAULT_LIMITS, openWorkbook, type XlsxError } from '@chitieu/xlsx';
import { textFor } from './i18n.js';

export interface CheckRunOptions {
  readonly targetSet?: TargetSet;
  readonly level?: string;
  readonly quarter?: Quarter;
  readonly nearMissBand?: number;
  readonly locale: Locale;
}

export interface SheetReport {
  readonly sheet: string;
  readonly status: 'checked' | 'needs-input';
  readonly needs: readonly InputNeeded[];
  readonly context: CheckContext;
  readonly summary: CheckSummary;
  readonly findings: readonly SheetFinding[];
  readonly markPlan: MarkPlan;
}

export interface FileError {
  readonly code: XlsxError['code'] | 'no-annex';
  readonly message: string;
  readonly sheet?: string;
}

export interface FileReport {
  /** The path as found (relative to where the command ran when given so). */
  readonly file: string;
  readonly error?: FileError;
  readonly sheets: readonly SheetReport[];
  /** Sheets that are not annexes, or could not be read, with the reason. */
  readonly skippedSheets: readonly { sheet: string; reason: string }[];
  /** Where the annotated copy was written, when one was. */
  annotated?: string;
  /** The original bytes, kept for writing the annotated copy; not reported. */
  readonly bytes?: Uint8Array;
  /**
   * The engine's check of every sheet that could be read, in the workbook's order (sheets that
   * are not annexes included), kept for the annotated copy's report sheet; not reported.
   */
  readonly checks?: readonly { readonly sheet: string; readonly result: SheetCheck }[];
}

const READER_MESSAGES_VI: Readonly<Record<XlsxError['code'], string>> = {
  'empty-file': 'tệp rỗng (0 byte)',
  'not-a-zip': 'không phải tệp Excel .xlsx (nội dung không phải định dạng zip)',
  'corrupt-zip': 'tệp .xlsx bị hỏng hoặc không đầy đủ',
  'old-xls': 'tệp Excel cũ (.xls) đổi tên thành .xlsx — hãy mở bằng Excel và lưu lại dạng .xlsx',
  encrypted: 'tệp được đặt mật khẩu — hãy gỡ mật khẩu rồi gửi lại',
  'zip-bomb': 'tệp nén bất thường (dung lượng giải nén quá lớn), không mở',
  'too-large': 'tệp quá lớn để kiểm tra',
  'not-a-workbook': 'tệp zip nhưng không phải sổ làm việc Excel',
  unreadable: 'không đọc được tệp',
};

/** The reader's error in the user's language; the English detail is kept for `--lang en`. */
export function describeReadError(error: XlsxError, locale: Locale): string {
  if (locale === 'en') return error.message;
  const base = READER_MESSAGES_VI[error.code];
  return error.sheet ? `${base} (trang tính "${error.sheet}")` : base;
}

export async function checkFile(path: string, options: CheckRunOptions): Promise<FileReport> {
  const t = textFor(options.locale);
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.size > DEFAULT_LIMITS.maxFileSize) {
      return {
        file: path,
        error: {
          code: 'too-large',
          message: describeReadError(
            {
              code: 'too-large',
              message: `The file is larger than ${DEFAULT_LIMITS.maxFileSize} bytes.`,
            },
            options.locale,
          ),
        },
        sheets: [],
        skippedSheets: [],
      };
    }
    bytes = await readFile(path);
  } catch (thrown) {
    const code = (thrown as { code?: string }).code;
    const message =
      options.locale === 'en'
        ? `cannot open the file (${code ?? String(thrown)})`
        : code === 'EBUSY'
          ? 'tệp đang bị khóa (đang mở trong Excel?)'
          : `không mở được tệp (${code ?? String(thrown)})`;
    return { file: path, error: { code: 'unreadable', message }, sheets: [], skippedSheets: [] };
  }
  const opened = openWorkbook(bytes);
  if (!opened.ok) {
    return {
      file: path,
      error: { code: opened.error.code, message: describeReadError(opened.error, options.locale) },
      sheets: [],
      skippedSheets: [],
    };
  }
  const reader = opened.reader;
  const sheetOptions = {
    ...(options.targetSet ? { targetSet: options.targetSet } : {}),
    ...(options.level ? { level: options.level } : {}),
    ...(options.quarter ? { quarter: options.quarter } : {}),
    ...(options.nearMissBand !== undefined ? { nearMissBand: options.nearMissBand } : {}),
    locale: options.locale,
  };
  const sheets: SheetReport[] = [];
  const skippedSheets: { sheet: string; reason: string }[] = [];
  const checks: { sheet: string; result: SheetCheck }[] = [];
  for (const info of reader.sheets) {
    const read = reader.readSheet(info);
    if (!read.ok) {
      skippedSheets.push({
        sheet: info.name,
        reason: describeReadError(read.error, options.locale),
      });
      continue;
    }
    const result = checkSheet(read.sheet.grid, sheetOptions);
    checks.push({ sheet: info.name, result });
    if (result.status === 'not-an-annex') {
      skippedSheets.push({
        sheet: info.name,
        reason: result.findings[0]?.message ?? t.codes['not-an-annex'],
      });
      continue;
    }
    sheets.push({
      sheet: info.name,
      status: result.status,
      needs: result.needs,
      context: result.context,
      summary: result.summary,
      findings: result.findings,
      markPlan: result.markPlan,
    });
  }
  if (sheets.length === 0) {
    return {
      file: path,
      error: { code: 'no-annex', message: t.noAnnexInWorkbook },
      sheets,
      skippedSheets,
    };
  }
  return { file: path, sheets, skippedSheets, bytes, checks };
}

/** Does the file have a finding that makes the check fail (exit code 1)? */
export function hasProblems(file: FileReport): boolean {
  return file.sheets.some(
    (s) =>
      s.summary.byCode['below-minimum'] +
        s.summary.byCode['missing-value'] +
        s.summary.byCode['invalid-value'] >
      0,
  );
}
