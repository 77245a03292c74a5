/**
 * MemoryHost.writeSheet and onSheetChanged: the same rules as in Excel (the add-in's own sheets
 * only, "(2)" next to a user's sheet, sanitised names), the written content readable back, and
 * change handlers called by setCell.
 */
import type { Grid, SheetContent } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { MemoryHost } from '../src/host/memory.js';
import { HostError, type SheetChange } from '../src/host/types.js';

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
    expect(await h.listSheets()).toEqual([{ name: ANNEX }, { name: REPORT, owner: 'report' }]);
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
    h.sheets.push({
      name: 'Sau',
      grid: { rows: [] },
      rules: [],
      notes: new Map(),
      noteRecord: new Map(),
    });
    h.addUserRule(REPORT, ['A1'], '=TRUE');
    const next: SheetContent = { rows: [[{ value: 'Lần hai' }]] };
    expect(await h.writeSheet(REPORT, next, { owner: 'report' })).toBe(REPORT);
    expect((await h.listSheets()).map((s) => s.name)).toEqual([ANNEX, REPORT, 'Sau']);
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
    expect((await h.listSheets()).map((s) => s.name)).toEqual([ANNEX, REPORT, `${REPORT} (2)`]);
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
      problem: { code: 'protected', what: 'structure', sheet: REPORT },
    });
    expect(await h.listSheets()).toEqual([{ name: ANNEX }]);

    h.structureProtected = false;
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const sheet = h.sheets[1];
    if (!sheet) throw new Error('no report');
    sheet.protected = true;
    const error = await h.writeSheet(REPORT, { rows: [] }, { owner: 'report' }).catch((e) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ problem: { code: 'protected', what: 'sheet', sheet: REPORT } });
    expect(sheet.content).toBe(CONTENT);
  });
});

describe('MemoryHost.onSheetChanged', () => {
  it('setCell calls the sheet’s handlers with the cell’s A1 address, until unsubscribed', async () => {
    const h = host();
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const annex: (readonly string[])[] = [];
    const report: (readonly string[])[] = [];
    const off = await h.onSheetChanged(ANNEX, (c) => annex.push(c.addresses));
    await h.onSheetChanged(REPORT, (c) => report.push(c.addresses));

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
    const handler = (c: SheetChange) => got.push(...c.addresses);
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
    await h.onSheetChanged(ANNEX, (c) => got.push(...c.addresses));
    h.setCell(ANNEX, 0, 0, 2);
    expect(got).toEqual(['C10']);
  });

  it('is not called for the add-in’s own writeSheet', async () => {
    const h = host();
    await h.writeSheet(REPORT, CONTENT, { owner: 'report' });
    const got: string[] = [];
    await h.onSheetChanged(REPORT, (c) => got.push(...c.addresses));
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

describe('MemoryHost: writeSheet without replacing', () => {
  it('adds a new sheet under a free name even when the add-in’s own sheet has the name', async () => {
    const h = host();
    await h.writeSheet('Mẫu', CONTENT, { owner: 'template', replace: false });
    const second = await h.writeSheet(
      'Mẫu',
      { rows: [[{ value: 'mới' }]] },
      {
        owner: 'template',
        replace: false,
      },
    );
    expect(second).toBe('Mẫu (2)');
    expect(h.sheets.find((s) => s.name === 'Mẫu')?.content).toBe(CONTENT);
  });
});

describe('MemoryHost.readRange', () => {
  it('reads one cell or a block with its origin, also outside the used range', async () => {
    const h = new MemoryHost([
      {
        name: ANNEX,
        grid: {
          rows: [[{ value: 1 }, { value: 2 }], [{ value: 3 }]],
          origin: { row: 4, column: 1 },
        },
      },
    ]);
    expect(await h.readRange(ANNEX, 'c5')).toEqual({
      name: ANNEX,
      rows: [[{ value: 2 }]],
      merges: [],
      origin: { row: 4, column: 2 },
    });
    const block = await h.readRange(ANNEX, '$B$5:$D$7');
    expect(block.origin).toEqual({ row: 4, column: 1 });
    expect(block.rows).toEqual([
      [{ value: 1 }, { value: 2 }, undefined],
      [{ value: 3 }, undefined, undefined],
      [undefined, undefined, undefined],
    ]);
  });

  it('refuses whole rows and columns', async () => {
    await expect(host().readRange(ANNEX, '5:5')).rejects.toMatchObject({ code: 'too-large' });
    await expect(host().readRange(ANNEX, 'B:B')).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('MemoryHost.setNotes', () => {
  it('is refused where notes are not supported', async () => {
    await expect(host().setNotes(ANNEX, [])).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('adds, rewrites and removes only its own notes; a user’s note and an edited note stay', async () => {
    const h = new MemoryHost([{ name: ANNEX, grid: ANNEX_GRID }], { notes: true });
    h.addUserNote(ANNEX, 'B2', 'của tôi');
    expect(
      await h.setNotes(ANNEX, [
        { cell: 'B2', text: 'lý do 1' },
        { cell: 'C3', text: 'lý do 2' },
        { cell: 'd4', text: 'lý do 3' },
      ]),
    ).toEqual({ written: 2, removed: 0, skipped: 1 });
    const sheet = h.sheets[0];
    expect(Object.fromEntries(sheet?.notes ?? [])).toEqual({
      B2: 'của tôi',
      C3: 'lý do 2',
      D4: 'lý do 3',
    });
    // The user edits the add-in's note on D4: it is theirs now.
    h.addUserNote(ANNEX, 'D4', 'lý do 3 — đã hỏi lại');
    expect(await h.setNotes(ANNEX, [{ cell: 'C3', text: 'lý do 2 mới' }])).toEqual({
      written: 1,
      removed: 0,
      skipped: 0,
    });
    expect(await h.setNotes(ANNEX, [])).toEqual({ written: 0, removed: 1, skipped: 0 });
    expect(Object.fromEntries(sheet?.notes ?? [])).toEqual({
      B2: 'của tôi',
      D4: 'lý do 3 — đã hỏi lại',
    });
  });
});

describe('MemoryHost.insertRow', () => {
  it('moves rows and merges down and reports a structural change', async () => {
    const h = new MemoryHost([
      {
        name: ANNEX,
        grid: {
          rows: [[{ value: 'a' }], [{ value: 'b' }]],
          merges: [{ top: 1, left: 0, bottom: 1, right: 1 }],
        },
      },
    ]);
    const got: SheetChange[] = [];
    await h.onSheetChanged(ANNEX, (c) => got.push(c));
    h.insertRow(ANNEX, 1);
    const grid = await h.readSheet(ANNEX);
    expect(grid.rows.map((r) => r[0]?.value)).toEqual(['a', undefined, 'b']);
    expect(grid.merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 1 }]);
    expect(got).toEqual([{ addresses: ['2:2'], structural: true }]);
  });
});
