import type { SheetFinding } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { csvReport } from '../src/report/csv.js';
import type { FileReport } from '../src/run-check.js';

describe('CSV output', () => {
  it('does not let a text become a formula when opened in a spreadsheet', () => {
    const finding = {
      code: 'unrecognised-row',
      text: '=HYPERLINK("http://x","y")',
      row: 9,
      cell: 'B9',
      sheet: '=Phụ lục',
    } as unknown as SheetFinding;
    const report: FileReport = {
      file: '@bad.xlsx',
      sheets: [
        {
          sheet: '=Phụ lục',
          status: 'checked',
          needs: [],
          context: { unitName: '+Sở', level: 'so', sources: {} },
          summary: { total: 1, byCode: {} as never, byIndicator: [] },
          findings: [finding],
          notices: [],
          markPlan: { groups: [], rules: [] },
        },
      ],
      skippedSheets: [],
    };
    const lines = csvReport([report])
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // the words quote the row's text: the formula is inside a quoted field, never at its start
    expect(lines[1]).toBe(
      `'@bad.xlsx;'+Sở;so;'=Phụ lục;B9;unrecognised-row;;;;;;"Dòng 9 không khớp chỉ tiêu nào của bộ chỉ tiêu: ""=HYPERLINK(""http://x"",""y"")""";finding;;;`,
    );
    // in English, "," between fields
    expect(csvReport([report], 'en').split('\r\n')[1]).toBe(
      `'@bad.xlsx,'+Sở,so,'=Phụ lục,B9,unrecognised-row,,,,,,"Row 9 matches no indicator of the target set: ""=HYPERLINK(""http://x"",""y"")""",finding,,,`,
    );
  });
});
