/** CSV: one row per finding, for a spreadsheet or a database (UTF-8 with BOM so Excel reads the diacritics). */
import type { FileReport } from '../run-check.js';
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

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A text starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet.
  const text =
    typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvReport(files: readonly FileReport[]): string {
  const lines = [HEADER.join(',')];
  for (const file of files) {
    if (file.error) {
      lines.push(
        [
          file.file,
          '',
          '',
          file.error.sheet ?? '',
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
            file.file,
            sheet.context.unitName,
            sheet.context.level,
            sheet.sheet,
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
