/** CSV: one row per finding, for a spreadsheet or a database (UTF-8 with BOM so Excel reads the diacritics). */
import type { FileReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';
import { jsonFinding } from './json.js';

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

export function csvReport(files: readonly FileReport[]): string {
  const lines = [HEADER.join(',')];
  for (const file of files) {
    if (file.error) {
      lines.push(
        [
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
        ]
          .map(field)
          .join(','),
      );
    }
    for (const sheet of file.sheets) {
      for (const f of sheet.findings) {
        const j = jsonFinding(f);
        lines.push(
          [
            name(file.file),
            sheet.context.unitName,
            sheet.context.level,
            name(sheet.sheet),
            j.cell,
            j.code,
            j.indicatorId,
            j.quarter,
            j.value,
            j.minimum,
            j.gap,
            j.message,
          ]
            .map(field)
            .join(','),
        );
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
