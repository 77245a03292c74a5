/**
 * CSV: one row per finding, for a spreadsheet or a database (UTF-8 with BOM so Excel reads the
 * diacritics, CRLF line ends). The first twelve columns are those of the first release, in the
 * same order; four were added after them:
 *
 * - `kind`: what the row is — `finding` (code: the finding's), `notice` (a sheet's notice,
 *   before its findings; code: the notice's, e.g. `values-not-assigned`; message: its words),
 *   `skipped-sheet` (a sheet not checked; code: the reason, `hidden`; message: "trang tính ẩn"),
 *   `file-error` (code `file-error`; message: why the file could not be checked),
 *   `skipped-file` (an entry of the inputs not checked, last; code `skipped-file`; message: why);
 * - `hidden`: `true` on the rows of a hidden or very hidden sheet (checked with
 *   --include-hidden, or skipped), empty otherwise;
 * - `indicator`, `indicatorName`: the indicator's number in its set ("3", "II.1") and its short
 *   name in the report's language, beside its id.
 *
 * In Vietnamese (`--lang vi`, the default) the fields are separated by ";" and decimals written
 * with ",": what Excel expects under Vietnamese regional settings (the list separator of a
 * locale whose decimal sign is the comma). In English, "," and ".".
 */
import { indicatorName, type Locale, type TargetSet } from '@chitieu/engine';
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
  'indicator',
  'indicatorName',
];

export interface CsvOptions {
  /** The entries of the inputs that were not checked, with why (after the files' rows). */
  readonly skipped?: readonly { readonly path: string; readonly reason: string }[];
}

/** How a language writes CSV for its spreadsheets: the field separator and the decimal sign. */
function dialect(locale: Locale): { readonly sep: string; readonly decimal: string } {
  return locale === 'vi' ? { sep: ';', decimal: ',' } : { sep: ',', decimal: '.' };
}

/** A file or sheet name: its unsafe characters shown as \u001b, so it can be found again. */
const name = (value: string | undefined) => (value === undefined ? undefined : safeName(value));

/** A field's text: safe, never a formula, quoted when it holds the separator, a quote or a line break. */
function field(value: unknown, sep: string, decimal: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return decimal === '.' ? String(value) : String(value).replace('.', decimal);
  // No control characters, escape sequences or bidi controls (safe-text.ts); line breaks become
  // spaces. Then a text starting with = + - @ would run as a formula in a spreadsheet.
  const safe = safeText(String(value));
  const text = typeof value === 'string' && /^\s*[=+\-@]/.test(safe) ? `'${safe}` : safe;
  return text.includes(sep) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The number and short name of an indicator of the sheet's set, or two empty fields. */
function indicatorFields(
  set: TargetSet | undefined,
  id: string | undefined,
  locale: Locale,
): [string, string] {
  const ind = id === undefined ? undefined : set?.indicators.find((i) => i.id === id);
  return ind ? [ind.stt, indicatorName(ind, locale)] : ['', ''];
}

/** The CSV text, line by line: the BOM and header first, each line with its CRLF. */
export function* csvLines(
  files: readonly FileReport[],
  locale: Locale = 'vi',
  options: CsvOptions = {},
): Generator<string> {
  const { sep, decimal } = dialect(locale);
  const line = (fields: readonly unknown[]) =>
    `${fields.map((f) => field(f, sep, decimal)).join(sep)}\r\n`;
  yield `\uFEFF${HEADER.join(sep)}\r\n`;
  for (const file of files) {
    if (file.error) {
      yield line([
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
        '',
        '',
      ]);
    }
    for (const sheet of file.sheets) {
      const fileName = name(file.file);
      const sheetName = name(sheet.sheet);
      const hidden = sheet.hidden ? 'true' : '';
      if (sheet.status === 'skipped') {
        const reason = sheet.reason ?? 'hidden';
        yield line([
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
          '',
          '',
        ]);
        continue;
      }
      for (const n of sheet.notices ?? []) {
        yield line([
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
          '',
          '',
        ]);
      }
      for (const f of sheet.findings) {
        const j = jsonFinding(f, findingWords(f, sheet, locale));
        yield line([
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
          ...indicatorFields(sheet.targetSet, f.indicatorId, locale),
        ]);
      }
    }
  }
  for (const s of options.skipped ?? [])
    yield line([
      name(s.path),
      '',
      '',
      '',
      '',
      'skipped-file',
      '',
      '',
      '',
      '',
      '',
      s.reason,
      'skipped-file',
      '',
      '',
      '',
    ]);
}

export function csvReport(
  files: readonly FileReport[],
  locale: Locale = 'vi',
  options: CsvOptions = {},
): string {
  return [...csvLines(files, locale, options)].join('');
}

/** Writes the CSV text in pieces of about 16,000 characters, waiting for each write. */
export async function writeCsvReport(
  files: readonly FileReport[],
  locale: Locale,
  write: (text: string) => Promise<void> | void,
  options: CsvOptions = {},
): Promise<void> {
  await writeInPieces(csvLines(files, locale, options), write);
}
