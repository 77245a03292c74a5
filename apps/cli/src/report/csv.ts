/**
 * CSV: one row per finding, for a spreadsheet or a database (UTF-8 with BOM so Excel reads the
 * diacritics). The first twelve columns are those of the first release, in the same order; two
 * were added after them:
 *
 * - `kind`: what the row is — `finding` (code: the finding's), `notice` (a sheet's notice,
 *   before its findings; code: the notice's, e.g. `values-not-assigned`; message: its words),
 *   `skipped-sheet` (a sheet not checked; code: the reason, `hidden`; message: "trang tính ẩn"),
 *   `file-error` (code `file-error`; message: why the file could not be checked);
 * - `hidden`: `true` on the rows of a hidden or very hidden sheet (checked with
 *   --include-hidden, or skipped), empty otherwise.
 */
import type { Locale } from '@chitieu/engine';
import type { FileReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';
import { jsonFinding } from './json.js';
import { writeInPieces } from './pieces.js';
import { findingWords, noticeWords, skipWords } from './words.js';

const HEADER = [
  'file',
  'unit',
  'level',
  'sheet',
  'cell',
  'code',
  'indicatorId',
  'quarter',
  'value',
  'minimum',
  'gap',
  'message',
  'kind',
  'hidden',
];

/** A file or sheet name: its unsafe characters shown as \u001b, so it can be found again. */
const name = (value: string | undefined) => (value === undefined ? undefined : safeName(value));

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  // No control characters, escape sequences or bidi controls (safe-text.ts); line breaks become
  // spaces. Then a text starting with = + - @ would run as a formula in a spreadsheet.
  const safe = safeText(String(value));
  const text = typeof value === 'string' && /^\s*[=+\-@]/.test(safe) ? `'${safe}` : safe;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text, line by line: the BOM and header first, each line with its CRLF. */
export function* csvLines(files: readonly FileReport[], locale: Locale = 'vi'): Generator<string> {
  yield `\uFEFF${HEADER.join(',')}\r\n`;
  for (const file of files) {
    if (file.error) {
      yield `${[
        name(file.file),
        '',
        '',
        name(file.error.sheet) ?? '',
        '',
        'file-error',
        '',
        '',
        '',
        '',
        '',
        file.error.message,
        'file-error',
        '',
      ]
        .map(field)
        .join(',')}\r\n`;
    }
    for (const sheet of file.sheets) {
      const fileName = name(file.file);
      const sheetName = name(sheet.sheet);
      const hidden = sheet.hidden ? 'true' : '';
      if (sheet.status === 'skipped') {
        const reason = sheet.reason ?? 'hidden';
        yield `${[
          fileName,
          '',
          '',
          sheetName,
          '',
          reason,
          '',
          '',
          '',
          '',
          '',
          skipWords(reason, locale),
          'skipped-sheet',
          hidden,
        ]
          .map(field)
          .join(',')}\r\n`;
        continue;
      }
      for (const n of sheet.notices ?? []) {
        yield `${[
          fileName,
          sheet.context.unitName,
          sheet.context.level,
          sheetName,
          '',
          n.code,
          '',
          'quarter' in n ? n.quarter : '',
          '',
          '',
          '',
          noticeWords(n, sheet, locale),
          'notice',
          hidden,
        ]
          .map(field)
          .join(',')}\r\n`;
      }
      for (const f of sheet.findings) {
        const j = jsonFinding(f, findingWords(f, sheet, locale));
        yield `${[
          fileName,
          // a unit table's finding names its own unit
          f.forUnit ? f.forUnit.name : sheet.context.unitName,
          f.forUnit ? f.forUnit.level : sheet.context.level,
          sheetName,
          j.cell,
          j.code,
          j.indicatorId,
          j.quarter,
          j.value,
          j.minimum,
          j.gap,
          j.message,
          'finding',
          hidden,
        ]
          .map(field)
          .join(',')}\r\n`;
      }
    }
  }
}

export function csvReport(files: readonly FileReport[], locale: Locale = 'vi'): string {
  return [...csvLines(files, locale)].join('');
}

/** Writes the CSV text in pieces of about 16,000 characters, waiting for each write. */
export async function writeCsvReport(
  files: readonly FileReport[],
  locale: Locale,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  await writeInPieces(csvLines(files, locale), write);
}
