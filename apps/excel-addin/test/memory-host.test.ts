/**
 * MemoryHost.writeSheet and onSheetChanged: the same rules as in Excel (the add-in's own sheets
 * only, "(2)" next to a user's sheet, sanitised names), the written content readable back, and
 * change handlers called by setCell.
 */
import type { Grid, SheetContent } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { MemoryHost } from '../src/host/memory.js';
import { HostError } from '../src/host/types.js';

const ANNEX = 'Phụ lục';
const REPORT = 'Kết quả kiểm tra';

const ANNEX_GRID: Grid = {
  rows: [
    [{ value: 'Chỉ tiêu' }, { value: 'Kế hoạch' }],
    [{ value: 'GRDP' }, { value: 0.08, numberFormat: '0%' }],
  ],
};

const CONTENT: SheetContent = {
  rows: [
    [{ value: 'Kết quả kiểm tra', bold: true, align: 'center' }, undefined, undefined],
    [{ value: 'Ô' }, { value: 'Giá trị' }, { value: 'Ngày' }],
    [
      { value: 'K13', color: '#0563C1' },
      { value: 0.745, numberFormat: '0.0%', fill: '#FFC7CE' },
      { value: 45_839, numberFormat: 'dd/mm/yyyy' },
    ],
    [{ value: '01' }, { value: null, fill: '#FFFF00' }, { value: 12 }],
  ],
  merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
  columnWidths: [10, 12, 12],
  links: [{ cell: 'A3', sheet: ANNEX, target: 'K13' }],
  frozenRows: 2,
  bordered: [{ top: 1, left: 0, bottom: 3, right: 2 }],
};

function host(): MemoryHost {
  return new MemoryHost([{ name: ANNEX, grid: ANNEX_GRID }]);
}

describe('MemoryHost.writeSheet', () => {
  it('adds the sheet at the end, with the content as its grid, and keeps content, links and owner', async () => {
    const h = host();
    expect(await h.writeSheet(REPORT, CONTENT, { owner: 'report' })).toBe(REPORT);
    expect(await h.listSheets()).toEqual([ANNEX, REPORT]);
    const grid = await h.readSheet(REPORT);
    expect(grid.name).toBe(REPORT);
    expect(grid.rows).toEqual([
      [{ value: 'Kết quả kiểm tra', numberFormat: '@', type: 'string' }, undefined, undefined],
      [
        { value: 'Ô', numberFormat: '@', type: 'string' },
        { value: 'Giá trị', numberFormat: '@', type: 'string' },
        { value: 'Ngày', numberFormat: '@', type: 'string' },
      ],
      [
        { value: 'K13', numberFormat: '@', type: 'string' },
        { value: 0.745, numberFormat: '0.0%', type: 'number' },
        { value: 45_839, numberFormat: 'dd/mm/yyyy', type: 'date' },
      ],
      [
        { value: '01', numberFormat: '@', type: 'string' },
        undefined,
        { value: 12, numberFormat: 'General', type: 'number' },
      ],
    ]);
    expect(grid.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    const sheet = h.sheets[1];
    expect(sheet?.owner).toBe('report');
    expect(sheet?.links).toEqual([{ cell: 'A3', sheet: ANNEX, target: 'K13' }]);
    expect(sheet?.content).toBe(CONTENT);
    expect(h.sheets[0]?.grid).toBe(ANNEX_GRID); // the user's sheet is as it was
    expect(h.active).toBe(ANNEX);
  });

  it('replaces its own sheet of the same owner in place: one sheet, new content, same name', async () => {
    const h = host();
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    h.sheets.push({ name: 'Sau', grid: { rows: [] }, rules: [] });
    h.addUserRule(REPORT, ['A1'], '=TRUE');
    const next: SheetContent = { rows: [[{ value: 'Lần hai' }]] };
    expect(await h.writeSheet(REPORT, next, { owner: 'report' })).toBe(REPORT);
    expect(await h.listSheets()).toEqual([ANNEX, REPORT, 'Sau']);
    expect((await h.readSheet(REPORT)).rows).toEqual([
      [{ value: 'Lần hai', numberFormat: '@', type: 'string' }],
    ]);
    expect((await h.readSheet(REPORT)).merges).toEqual([]);
    expect(h.sheets[1]?.links).toEqual([]);
    expect(h.sheets[1]?.rules).toEqual([]); // cleared with the sheet, as clear('All') does
  });

  it('never touches a user’s sheet of that name: writes "Kết quả kiểm tra (2)", and replaces that one next time', async () => {
    const userGrid: Grid = { rows: [[{ value: 'Của tôi' }]] };
    const h = new MemoryHost([
      { name: ANNEX, grid: ANNEX_GRID },
      { name: REPORT, grid: userGrid },
    ]);
    expect(await h.writeSheet(REPORT, CONTENT, { owner: 'report' })).toBe(`${REPORT} (2)`);
    expect(await h.writeSheet(REPORT, CONTENT, { owner: 'report' })).toBe(`${REPORT} (2)`);
    expect(await h.listSheets()).toEqual([ANNEX, REPORT, `${REPORT} (2)`]);
    expect(h.sheets[1]?.grid).toBe(userGrid);
    expect(h.sheets[1]?.owner).toBeUndefined();
  });

  it('does not replace its sheet of another owner, and compares names without case', async () => {
    const h = host();
    await h.writeSheet('Mẫu', CONTENT, { owner: 'template' });
    expect(await h.writeSheet('MẪU', CONTENT, { owner: 'report' })).toBe('MẪU (2)');
    expect(h.sheets.map((s) => [s.name, s.owner])).toEqual([
      [ANNEX, undefined],
      ['Mẫu', 'template'],
      ['MẪU (2)', 'report'],
    ]);
  });

  it('sanitises the name as Excel needs it', async () => {
    const used = await host().writeSheet('Báo cáo: Q2/2025 [nháp] *kiểm tra?* tỉnh', CONTENT, {
      owner: 'report',
    });
    expect(used).toBe('Báo cáo- Q2-2025 (nháp) -kiểm t');
  });

  it('activates the sheet only when asked', async () => {
    const h = host();
    await h.writeSheet('Mẫu', CONTENT, { owner: 'template' });
    expect(h.active).toBe(ANNEX);
    await h.writeSheet(REPORT, CONTENT, { owner: 'report', activate: true });
    expect(h.active).toBe(REPORT);
    expect(await h.activeSheet()).toBe(REPORT);
  });

  it('refuses a new sheet in a structure-protected workbook, and its own sheet when the user protected it', async () => {
    const h = host();
    h.structureProtected = true;
    await expect(h.writeSheet(REPORT, CONTENT, { owner: 'report' })).rejects.toMatchObject({
      name: 'HostError',
      code: 'office',
    });
    expect(await h.listSheets()).toEqual([ANNEX]);

    h.structureProtected = false;
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const sheet = h.sheets[1];
    if (!sheet) throw new Error('no report');
    sheet.protected = true;
    const error = await h.writeSheet(REPORT, { rows: [] }, { owner: 'report' }).catch((e) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(sheet.content).toBe(CONTENT);
  });
});

describe('MemoryHost.onSheetChanged', () => {
  it('setCell calls the sheet’s handlers with the cell’s A1 address, until unsubscribed', async () => {
    const h = host();
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const annex: (readonly string[])[] = [];
    const report: (readonly string[])[] = [];
    const off = await h.onSheetChanged(ANNEX, (a) => annex.push(a));
    await h.onSheetChanged(REPORT, (a) => report.push(a));

    h.setCell(ANNEX, 1, 1, 0.09);
    h.setCell(ANNEX, 4, 2, 'mới');
    expect(annex).toEqual([['B2'], ['C5']]);
    expect(report).toEqual([]);
    expect((await h.readSheet(ANNEX)).rows[4]?.[2]).toEqual({ value: 'mới', type: 'string' });

    await off();
    h.setCell(ANNEX, 0, 0, 'x');
    expect(annex).toHaveLength(2);
    h.setCell(REPORT, 0, 0, 'y');
    expect(report).toEqual([['A1']]);
  });

  it('keeps each registration apart, even of the same function', async () => {
    const h = host();
    const got: string[] = [];
    const handler = (a: readonly string[]) => got.push(...a);
    const off1 = await h.onSheetChanged(ANNEX, handler);
    await h.onSheetChanged(ANNEX, handler);
    h.setCell(ANNEX, 0, 0, 1);
    expect(got).toEqual(['A1', 'A1']);
    await off1();
    h.setCell(ANNEX, 0, 1, 2);
    expect(got).toEqual(['A1', 'A1', 'B1']);
  });

  it('gives the address in the sheet, adding the grid’s origin', async () => {
    const h = new MemoryHost([
      { name: ANNEX, grid: { rows: [[{ value: 1 }]], origin: { row: 9, column: 2 } } },
    ]);
    const got: string[] = [];
    await h.onSheetChanged(ANNEX, (a) => got.push(...a));
    h.setCell(ANNEX, 0, 0, 2);
    expect(got).toEqual(['C10']);
  });

  it('is not called for the add-in’s own writeSheet', async () => {
    const h = host();
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const got: string[] = [];
    await h.onSheetChanged(REPORT, (a) => got.push(...a));
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    expect(got).toEqual([]);
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(host().onSheetChanged('Không có', () => {})).rejects.toMatchObject({
      name: 'HostError',
      code: 'not-found',
    });
  });
});
