/**
 * OfficeHost.writeSheet and onSheetChanged against the fake Excel (test/fake-excel/): the
 * add-in's own sheets (the report, the annex template) are written in a constant number of syncs
 * and a user's sheet is never touched; change handlers come and go with their sync.
 */
import type { ContentCell, Grid, SheetContent } from '@chitieu/engine';
import { fromA1 } from '@chitieu/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryHost } from '../src/host/memory.js';
import { OfficeHost } from '../src/host/office/index.js';
import { OWNER_PROPERTY } from '../src/host/office/records.js';
import { columnWidthPoints } from '../src/host/office/write-sheet.js';
import { sanitizeSheetName } from '../src/host/shared/sheet-names.js';
import { HostError, type SheetChange } from '../src/host/types.js';
import { FakeExcel, type FakeSheet } from './fake-excel/index.js';

const ANNEX = 'Phụ lục';
const REPORT = 'Kết quả kiểm tra';
/** writeSheet of a new sheet: names and protection; then add and write everything. */
const NEW_SHEET_SYNCS = 2;
/** writeSheet when the name is taken: one more to read the owner of the taken names. */
const TAKEN_NAME_SYNCS = 3;

const STATUSES = [
  { text: 'Đạt', fill: '#C6EFCE', color: '#006100' },
  { text: 'Không đạt', fill: '#FFC7CE', color: '#9C0006' },
  { text: 'Gần đạt', fill: '#FFEB9C', color: '#9C5700' },
] as const;

/**
 * A report like the pane's: a merged title and note, a header, `n` finding rows (a number, the
 * annex cell linked to the annex, a name, a percentage, a coloured status, a reason on some
 * rows), widths, 3 frozen rows and a bordered table.
 */
function reportContent(n: number, title = 'Kết quả kiểm tra — Phụ lục'): SheetContent {
  const rows: (ContentCell | undefined)[][] = [
    [
      { value: title, bold: true, align: 'center', fill: '#1F4E79', color: '#FFFFFF' },
      ...Array<undefined>(5).fill(undefined),
    ],
    [{ value: 'Kiểm tra ngày 01/07/2025', italic: true }],
    ['STT', 'Ô', 'Chỉ tiêu', 'Giá trị', 'Trạng thái', 'Lý do'].map((value) => ({
      value,
      bold: true,
      wrap: true,
      align: 'center' as const,
      fill: '#D9E1F2',
    })),
  ];
  for (let i = 0; i < n; i++) {
    const status = STATUSES[i % 3] as (typeof STATUSES)[number];
    rows.push([
      { value: i + 1, align: 'right' },
      { value: `K${13 + i}`, color: '#0563C1' },
      { value: `Chỉ tiêu số ${i + 1}`, wrap: true },
      { value: 0.745 + i / 10_000, numberFormat: '0.0%' },
      { value: status.text, fill: status.fill, color: status.color, bold: true, align: 'center' },
      i % 3 === 0 ? undefined : { value: `Lý do ${i + 1}: thấp hơn chỉ tiêu`, wrap: true },
    ]);
  }
  return {
    rows,
    merges: [
      { top: 0, left: 0, bottom: 0, right: 5 },
      { top: 1, left: 0, bottom: 1, right: 5 },
    ],
    columnWidths: [6, 8, 40, 12, 12, 50],
    links: Array.from({ length: n }, (_, i) => ({
      cell: `B${4 + i}`,
      sheet: ANNEX,
      target: `K${13 + i}`,
    })),
    frozenRows: 3,
    bordered: [{ top: 2, left: 0, bottom: 2 + n, right: 5 }],
  };
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;

/**
 * Checks that the fake sheet holds exactly `content` and nothing else: every cell's value,
 * type and number format (text as "@"), every cell's style, borders on exactly the bordered
 * cells, the merges, column widths, frozen rows and hyperlinks, and no cell, style or link
 * outside (nothing left from an earlier content).
 */
function expectSheetHolds(sheet: FakeSheet, content: SheetContent): void {
  const width = Math.max(...content.rows.map((r) => r.length));
  const inArea = (key: string) => {
    const [r = 0, c = 0] = key.split(',').map(Number);
    return r < content.rows.length && c < width;
  };
  for (const [key, cell] of sheet.cells) {
    if (!inArea(key)) expect(cell.type, `cell ${key} outside the content`).toBe('Empty');
  }
  for (const key of sheet.styles.keys()) expect(inArea(key), `style ${key}`).toBe(true);
  const bordered = (r: number, c: number) =>
    (content.bordered ?? []).some(
      (a) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right,
    );

  content.rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const want = row[c];
      const got = sheet.cell(r, c);
      const where = `cell ${r},${c}`;
      if (want === undefined || want.value === null) {
        expect(got?.type ?? 'Empty', where).toBe('Empty');
      } else if (typeof want.value === 'string') {
        expect(got, where).toMatchObject({
          value: want.value,
          type: 'String',
          numberFormat: want.numberFormat ?? '@',
        });
      } else {
        expect(got, where).toMatchObject({
          value: want.value,
          type: 'Double',
          numberFormat: want.numberFormat ?? 'General',
        });
      }
      const style = sheet.style(r, c);
      expect(
        {
          bold: style?.bold ?? false,
          italic: style?.italic ?? false,
          color: style?.color,
          fill: style?.fill,
          wrap: style?.wrap ?? false,
          align: style?.align,
        },
        `style of ${where}`,
      ).toEqual({
        bold: want?.bold ?? false,
        italic: want?.italic ?? false,
        color: want?.color,
        fill: want?.fill,
        wrap: want?.wrap ?? false,
        align: want?.align ? ALIGN[want.align] : undefined,
      });
      expect([...(style?.borders ?? [])].sort(), `borders of ${where}`).toEqual(
        bordered(r, c) ? ['bottom', 'left', 'right', 'top'] : [],
      );
    }
  });

  const sortAreas = (areas: readonly { top: number; left: number }[]) =>
    [...areas].sort((a, b) => a.top - b.top || a.left - b.left);
  expect(sortAreas(sheet.merges)).toEqual(sortAreas(content.merges ?? []));

  const widths = new Map<number, number>();
  (content.columnWidths ?? []).forEach((w, c) => {
    widths.set(c, columnWidthPoints(w));
  });
  expect(sheet.columnWidths).toEqual(widths);
  expect(sheet.frozenRows).toBe(content.frozenRows ?? 0);

  const links = new Map<string, unknown>();
  for (const link of content.links ?? []) {
    const at = fromA1(link.cell) as { row: number; column: number };
    const value = content.rows[at.row]?.[at.column]?.value;
    links.set(`${at.row},${at.column}`, {
      documentReference: `'${link.sheet}'!${link.target}`,
      ...(typeof value === 'string' ? { textToDisplay: value } : {}),
    });
  }
  expect(sheet.hyperlinks).toEqual(links);
}

/** A user's sheet as a string: cells, merges, properties, styles, links, widths, rules. */
function snapshot(sheet: FakeSheet): string {
  return JSON.stringify({
    cells: [...sheet.cells],
    merges: sheet.merges,
    properties: [...sheet.properties],
    styles: [...sheet.styles].map(([k, s]) => [k, { ...s, borders: [...s.borders] }]),
    links: [...sheet.hyperlinks],
    widths: [...sheet.columnWidths],
    frozen: sheet.frozenRows,
    rules: sheet.rules,
  });
}

const USER_GRID: Grid = {
  rows: [
    [{ value: 'Ghi chú của tôi' }, { value: 42 }],
    [{ value: 'Đừng xoá' }, undefined, { value: 0.5, numberFormat: '0%' }],
  ],
  merges: [{ top: 0, left: 2, bottom: 0, right: 3 }],
};

let fake: FakeExcel;
let uninstall: (() => void) | undefined;

function setup(options: ConstructorParameters<typeof FakeExcel>[0] = {}): FakeExcel {
  uninstall?.();
  fake = new FakeExcel(options);
  uninstall = fake.install();
  fake.addGridSheet(ANNEX, { rows: [[{ value: 'Phụ lục 1' }]] });
  return fake;
}

function sheetOf(name: string): FakeSheet {
  const sheet = fake.sheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

beforeEach(() => {
  setup();
});

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

describe('writeSheet: a new sheet', () => {
  it(`writes a 20-row and a 2,000-row report with all their content in the same ${NEW_SHEET_SYNCS} syncs`, async () => {
    for (const n of [20, 2000]) {
      setup();
      const annexBefore = snapshot(sheetOf(ANNEX));
      const content = reportContent(n);
      const { result, syncs } = await fake.syncsOf(() =>
        new OfficeHost().writeSheet(REPORT, content, { owner: 'report' }),
      );
      expect(result).toBe(REPORT);
      expect(syncs, `${n} rows`).toBe(NEW_SHEET_SYNCS);
      expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, REPORT]); // added at the end
      const sheet = sheetOf(REPORT);
      expect(sheet.createdByAddin).toBe(true);
      expect(sheet.properties.get(OWNER_PROPERTY)).toEqual({
        key: OWNER_PROPERTY,
        value: 'report',
      });
      expectSheetHolds(sheet, content);
      // Values and number formats: one 2-D array each, never a call per row.
      expect(fake.calls.filter((c) => c.includes('.values = '))).toHaveLength(1);
      expect(fake.calls.filter((c) => c.includes('.numberFormat = '))).toHaveLength(1);
      expect(fake.cellWrites).toEqual([]);
      expect(snapshot(sheetOf(ANNEX))).toBe(annexBefore);
      expect(fake.active).toBe(ANNEX);
    }
  });

  it('writes a link as documentReference "\'Sheet\'!K13" with the cell text, and the styles as one call per distinct style', async () => {
    await new OfficeHost().writeSheet(REPORT, reportContent(20), { owner: 'report' });
    const sheet = sheetOf(REPORT);
    expect(sheet.hyperlinks.get('3,1')).toEqual({
      documentReference: "'Phụ lục'!K13",
      textToDisplay: 'K13',
    });
    expect(sheet.at('B4')).toMatchObject({ value: 'K13', type: 'String' });
    // Three status fills, the header fill and the title fill: 5 fill calls for 20 rows.
    expect(fake.calls.filter((c) => c.endsWith('.format.fill.color = #C6EFCE'))).toHaveLength(1);
    expect(fake.calls.filter((c) => c.includes('.format.fill.color = '))).toHaveLength(5);
    expect(fake.calls.filter((c) => c.includes('.format.font.bold = true'))).toHaveLength(1);
    expect(sheet.columnWidths.get(2)).toBe(213.75); // 40 characters: (40 × 7 + 5) × 0.75 points
  });

  it('keeps text that looks like a number or a formula as text, and numbers as numbers', async () => {
    const content: SheetContent = {
      rows: [
        [
          { value: '01' },
          { value: '12.5%' },
          { value: '=SUM(A1:A2)' },
          { value: 7 },
          { value: 0.5, numberFormat: '0%' },
          { value: null, fill: '#FFFF00' },
        ],
      ],
    };
    await new OfficeHost().writeSheet('Mẫu', content, { owner: 'template' });
    const sheet = sheetOf('Mẫu');
    expect(sheet.at('A1')).toMatchObject({ value: '01', type: 'String', numberFormat: '@' });
    expect(sheet.at('B1')).toMatchObject({ value: '12.5%', type: 'String' });
    expect(sheet.at('C1')).toMatchObject({ value: '=SUM(A1:A2)', type: 'String' });
    expect(sheet.at('D1')).toMatchObject({ value: 7, type: 'Double', numberFormat: 'General' });
    expect(sheet.at('E1')).toMatchObject({ value: 0.5, type: 'Double', text: '50%' });
    expect(sheet.at('F1')?.type ?? 'Empty').toBe('Empty');
    expect(sheet.style(0, 5)?.fill).toBe('#FFFF00');
  });

  it('activates the sheet only when asked, in the same number of syncs', async () => {
    const host = new OfficeHost();
    await host.writeSheet('Mẫu', reportContent(3), { owner: 'template' });
    expect(fake.active).toBe(ANNEX);
    const { result, syncs } = await fake.syncsOf(() =>
      host.writeSheet(REPORT, reportContent(3), { owner: 'report', activate: true }),
    );
    expect(result).toBe(REPORT);
    expect(syncs).toBe(NEW_SHEET_SYNCS);
    expect(fake.active).toBe(REPORT);
  });

  it('splits the content into more syncs only past the payload budget', async () => {
    setup({ payloadLimit: 100 * 1024 });
    const content = reportContent(2000);
    const { syncs } = await fake.syncsOf(() =>
      new OfficeHost({ payloadBudget: 64 * 1024 }).writeSheet(REPORT, content, { owner: 'report' }),
    );
    expect(syncs).toBeGreaterThan(NEW_SHEET_SYNCS);
    expect(fake.maxRequest).toBeLessThanOrEqual(100 * 1024);
    expectSheetHolds(sheetOf(REPORT), content);
  });

  it('writes an empty content as an empty sheet of the add-in', async () => {
    const { result, syncs } = await fake.syncsOf(() =>
      new OfficeHost().writeSheet(REPORT, { rows: [] }, { owner: 'report' }),
    );
    expect(result).toBe(REPORT);
    expect(syncs).toBe(NEW_SHEET_SYNCS);
    expect(sheetOf(REPORT).cells.size).toBe(0);
    expect(sheetOf(REPORT).properties.get(OWNER_PROPERTY)?.value).toBe('report');
  });

  it('refuses an invalid link before anything reaches Excel', async () => {
    const content: SheetContent = {
      rows: [[{ value: 'x' }]],
      links: [{ cell: 'not a cell', sheet: ANNEX, target: 'K13' }],
    };
    const { syncs } = await fake.syncsOf(() =>
      expect(
        new OfficeHost().writeSheet(REPORT, content, { owner: 'report' }),
      ).rejects.toMatchObject({
        name: 'HostError',
        problem: { code: 'invalid-content', what: 'link' },
      }),
    );
    expect(syncs).toBe(0);
    expect(fake.sheet(REPORT)).toBeUndefined();
  });
});

describe('writeSheet: an existing name', () => {
  it(`replaces its own sheet of the same owner in place, in ${TAKEN_NAME_SYNCS} syncs, leaving nothing of the old content`, async () => {
    const host = new OfficeHost();
    await host.writeSheet(REPORT, reportContent(2000), { owner: 'report' });
    fake.addGridSheet('Sau', USER_GRID);
    const before = sheetOf(REPORT);
    const content: SheetContent = {
      ...reportContent(20, 'Lần kiểm tra thứ hai'),
      merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
      columnWidths: [10],
      frozenRows: 0, // the old 3 frozen rows must go
    };
    const { result, syncs } = await fake.syncsOf(() =>
      host.writeSheet(REPORT, content, { owner: 'report' }),
    );
    expect(result).toBe(REPORT);
    expect(syncs).toBe(TAKEN_NAME_SYNCS);
    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, REPORT, 'Sau']);
    expect(sheetOf(REPORT)).toBe(before); // the same sheet, at the same position
    expect(sheetOf(REPORT).at('A1')?.value).toBe('Lần kiểm tra thứ hai');
    expectSheetHolds(sheetOf(REPORT), content);
    expect(fake.cellWrites).toEqual([]);
  });

  it('never touches a user’s sheet of that name: its own sheet becomes "Kết quả kiểm tra (2)", and stays so', async () => {
    const user = fake.addGridSheet(REPORT, USER_GRID);
    const before = snapshot(user);
    const host = new OfficeHost();
    const first = await fake.syncsOf(() =>
      host.writeSheet(REPORT, reportContent(20), { owner: 'report' }),
    );
    expect(first).toEqual({ result: `${REPORT} (2)`, syncs: TAKEN_NAME_SYNCS });
    const second = await fake.syncsOf(() =>
      host.writeSheet(REPORT, reportContent(5), { owner: 'report' }),
    );
    expect(second).toEqual({ result: `${REPORT} (2)`, syncs: TAKEN_NAME_SYNCS });
    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, REPORT, `${REPORT} (2)`]);
    expect(snapshot(user)).toBe(before);
    expect(user.createdByAddin).toBe(false);
    expectSheetHolds(sheetOf(`${REPORT} (2)`), reportContent(5));
    expect(fake.cellWrites).toEqual([]);
  });

  it('compares names as Excel does, without case', async () => {
    const user = fake.addGridSheet(REPORT.toUpperCase(), USER_GRID);
    const before = snapshot(user);
    expect(await new OfficeHost().writeSheet(REPORT, reportContent(3), { owner: 'report' })).toBe(
      `${REPORT} (2)`,
    );
    expect(snapshot(user)).toBe(before);
  });

  it('does not replace its sheet of another owner', async () => {
    const host = new OfficeHost();
    await host.writeSheet('Mẫu', reportContent(3, 'Mẫu phụ lục'), { owner: 'template' });
    const template = snapshot(sheetOf('Mẫu'));
    expect(await host.writeSheet('Mẫu', reportContent(3), { owner: 'report' })).toBe('Mẫu (2)');
    expect(snapshot(sheetOf('Mẫu'))).toBe(template);
  });

  it('refuses to add a sheet to a workbook whose structure is protected, in 1 sync', async () => {
    fake.structureProtected = true;
    const { syncs } = await fake.syncsOf(() =>
      expect(
        new OfficeHost().writeSheet(REPORT, reportContent(3), { owner: 'report' }),
      ).rejects.toMatchObject({
        name: 'HostError',
        problem: { code: 'protected', what: 'structure', sheet: REPORT },
      }),
    );
    expect(syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX]);
  });

  it('still replaces its own sheet when the structure is protected (no sheet is added)', async () => {
    const host = new OfficeHost();
    await host.writeSheet(REPORT, reportContent(3), { owner: 'report' });
    fake.structureProtected = true;
    expect(await host.writeSheet(REPORT, reportContent(7), { owner: 'report' })).toBe(REPORT);
    expectSheetHolds(sheetOf(REPORT), reportContent(7));
  });

  it('refuses to rewrite its own sheet that the user protected, changing nothing', async () => {
    const host = new OfficeHost();
    await host.writeSheet(REPORT, reportContent(3), { owner: 'report' });
    sheetOf(REPORT).sheetProtected = true;
    const before = snapshot(sheetOf(REPORT));
    const error = await host
      .writeSheet(REPORT, reportContent(7), { owner: 'report' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({
      code: 'protected',
      problem: { code: 'protected', what: 'sheet', sheet: REPORT },
    });
    expect(snapshot(sheetOf(REPORT))).toBe(before);
  });
});

describe('writeSheet: replace false (the template)', () => {
  it(`never rewrites its own sheet of that name: it adds "Mẫu (2)", "Mẫu (3)" in ${NEW_SHEET_SYNCS} syncs`, async () => {
    const host = new OfficeHost();
    const first = await fake.syncsOf(() =>
      host.writeSheet('Mẫu', reportContent(3, 'Mẫu lần 1'), { owner: 'template', replace: false }),
    );
    expect(first).toEqual({ result: 'Mẫu', syncs: NEW_SHEET_SYNCS });
    const own = sheetOf('Mẫu');
    expect(own.properties.get(OWNER_PROPERTY)?.value).toBe('template');
    const before = snapshot(own);

    const second = await fake.syncsOf(() =>
      host.writeSheet('Mẫu', reportContent(5, 'Mẫu lần 2'), { owner: 'template', replace: false }),
    );
    expect(second).toEqual({ result: 'Mẫu (2)', syncs: NEW_SHEET_SYNCS });
    const third = await fake.syncsOf(() =>
      host.writeSheet('Mẫu', reportContent(2, 'Mẫu lần 3'), { owner: 'template', replace: false }),
    );
    expect(third).toEqual({ result: 'Mẫu (3)', syncs: NEW_SHEET_SYNCS });

    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, 'Mẫu', 'Mẫu (2)', 'Mẫu (3)']);
    expect(snapshot(own)).toBe(before); // the first template, as the user may have filled it in
    expectSheetHolds(sheetOf('Mẫu (2)'), reportContent(5, 'Mẫu lần 2'));
    expectSheetHolds(sheetOf('Mẫu (3)'), reportContent(2, 'Mẫu lần 3'));
    expect(sheetOf('Mẫu (3)').properties.get(OWNER_PROPERTY)?.value).toBe('template');
    // No owner probe: nothing but the names and protection is read before the write.
    expect(fake.calls.some((c) => c.includes(`getItemOrNullObject(${OWNER_PROPERTY})`))).toBe(
      false,
    );
  });

  it('replaces by default (replace undefined or true)', async () => {
    const host = new OfficeHost();
    await host.writeSheet(REPORT, reportContent(3), { owner: 'report' });
    expect(
      await host.writeSheet(REPORT, reportContent(4), { owner: 'report', replace: true }),
    ).toBe(REPORT);
    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, REPORT]);
    expectSheetHolds(sheetOf(REPORT), reportContent(4));
  });

  it('refuses in a workbook whose structure is protected, in 1 sync, even over its own sheet', async () => {
    const host = new OfficeHost();
    await host.writeSheet('Mẫu', reportContent(3), { owner: 'template' });
    fake.structureProtected = true;
    const before = snapshot(sheetOf('Mẫu'));
    const { syncs } = await fake.syncsOf(() =>
      expect(
        host.writeSheet('Mẫu', reportContent(4), { owner: 'template', replace: false }),
      ).rejects.toMatchObject({ problem: { code: 'protected', what: 'structure' } }),
    );
    expect(syncs).toBe(1);
    expect(snapshot(sheetOf('Mẫu'))).toBe(before);
    expect(fake.sheets.map((s) => s.name)).toEqual([ANNEX, 'Mẫu']);
  });
});

describe('writeSheet: names', () => {
  it('sanitises the name: no []:*?/\\, at most 31 characters', async () => {
    const name = 'Báo cáo: Q2/2025 [nháp] *kiểm tra?* tỉnh Bình Phước';
    const used = await new OfficeHost().writeSheet(name, reportContent(3), { owner: 'report' });
    expect(used).toBe('Báo cáo- Q2-2025 (nháp) -kiểm t');
    expect(used.length).toBeLessThanOrEqual(31);
    expect(used).not.toMatch(/[[\]:*?/\\]/);
    expect(fake.sheet(used)).toBeDefined();
  });

  it('keeps the suffix within 31 characters when a long name is taken', async () => {
    const long = 'Kết quả kiểm tra chỉ tiêu kinh tế xã hội';
    fake.addGridSheet(sanitizeSheetName(long), USER_GRID);
    const used = await new OfficeHost().writeSheet(long, reportContent(3), { owner: 'report' });
    expect(used).toBe('Kết quả kiểm tra chỉ tiêu k (2)');
    expect(used.length).toBe(31);
  });

  it('gives names Excel refuses a usable form', () => {
    expect(sanitizeSheetName("  'Báo cáo'  ")).toBe('Báo cáo');
    expect(sanitizeSheetName('a\tb\nc')).toBe('a b c');
    expect(sanitizeSheetName('???')).toBe('---');
    expect(sanitizeSheetName("''")).toBe('Chỉ Tiêu');
    // Vietnamese typed with combining marks counts as its composed form.
    expect(sanitizeSheetName('Ke\u0302\u0301t qua\u0309')).toBe('Kết quả');
  });

  it('avoids the reserved name "History"', async () => {
    expect(await new OfficeHost().writeSheet('History', { rows: [] }, { owner: 'report' })).toBe(
      'History (2)',
    );
  });
});

describe('readSheet of a written sheet', () => {
  it('reads back what was written, and the memory host holds the same cells', async () => {
    const content = reportContent(20);
    const office = new OfficeHost();
    await office.writeSheet(REPORT, content, { owner: 'report' });
    const fromOffice = await office.readSheet(REPORT);

    const memory = new MemoryHost([{ name: ANNEX, grid: { rows: [] } }]);
    await memory.writeSheet(REPORT, content, { owner: 'report' });
    const fromMemory = await memory.readSheet(REPORT);

    expect(fromOffice.origin).toEqual({ row: 0, column: 0 });
    expect(fromOffice.rows).toHaveLength(content.rows.length);
    fromOffice.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const { text: _text, ...withoutText } = cell ?? { text: undefined };
        expect(cell ? withoutText : undefined, `cell ${r},${c}`).toEqual(fromMemory.rows[r]?.[c]);
      });
    });
    expect(fromOffice.rows[3]?.[3]).toEqual({
      value: 0.745,
      text: '74,5%',
      numberFormat: '0.0%',
      type: 'number',
    });
    expect(fromOffice.merges).toEqual(fromMemory.merges);
  });
});

describe('onSheetChanged', () => {
  it('registers in 1 sync, delivers the changed address of that sheet only, and stops after unsubscribe (1 sync)', async () => {
    fake.addGridSheet('Khác', USER_GRID);
    const host = new OfficeHost();
    const got: SheetChange[] = [];
    const { result: unsubscribe, syncs } = await fake.syncsOf(() =>
      host.onSheetChanged(ANNEX, (change) => {
        got.push(change);
      }),
    );
    expect(syncs).toBe(1);
    expect(await fake.fireChanged(ANNEX, 'K13')).toBe(1);
    expect(await fake.fireChanged(ANNEX, 'B2:C4')).toBe(1);
    expect(await fake.fireChanged('Khác', 'A1')).toBe(0);
    expect(got).toEqual([
      { addresses: ['K13'], structural: false },
      { addresses: ['B2:C4'], structural: false },
    ]);

    expect((await fake.syncsOf(() => unsubscribe())).syncs).toBe(1);
    expect(sheetOf(ANNEX).changeHandlers.size).toBe(0);
    expect(await fake.fireChanged(ANNEX, 'K14')).toBe(0);
    expect(got).toHaveLength(2);
    expect((await fake.syncsOf(() => unsubscribe())).syncs).toBe(0); // twice is harmless
  });

  it('keeps other registrations when one unsubscribes', async () => {
    const host = new OfficeHost();
    const a: string[] = [];
    const b: string[] = [];
    const offA = await host.onSheetChanged(ANNEX, (x) => a.push(...x.addresses));
    await host.onSheetChanged(ANNEX, (x) => b.push(...x.addresses));
    await offA();
    await fake.fireChanged(ANNEX, 'D5');
    expect(a).toEqual([]);
    expect(b).toEqual(['D5']);
  });

  it('drops the add-in’s own writes from ExcelApi 1.14 (triggerSource), and delivers them below', async () => {
    for (const [apiVersion, expected] of [
      ['1.14', []],
      ['1.13', ['A1:F6']],
    ] as const) {
      setup({ apiVersion });
      const host = new OfficeHost();
      await host.writeSheet(REPORT, reportContent(3), { owner: 'report' });
      const got: string[] = [];
      await host.onSheetChanged(REPORT, (x) => got.push(...x.addresses));
      await host.writeSheet(REPORT, { rows: reportContent(3).rows }, { owner: 'report' });
      await new Promise((resolve) => setTimeout(resolve, 0)); // Excel raises events after the sync
      expect(got, `ExcelApi ${apiVersion}`).toEqual(expected);
      await fake.fireChanged(REPORT, 'C5');
      expect(got.at(-1), `a user's edit, ExcelApi ${apiVersion}`).toBe('C5');
    }
  });

  it('reports inserted or deleted rows, columns and cells as structural, an edit as not', async () => {
    const got: SheetChange[] = [];
    await new OfficeHost().onSheetChanged(ANNEX, (change) => got.push(change));
    const cases = [
      ['RangeEdited', 'C7', false],
      ['RowInserted', '5:5', true],
      ['RowDeleted', '8:9', true],
      ['ColumnInserted', 'B:B', true],
      ['ColumnDeleted', 'D:E', true],
      ['CellInserted', 'C3:C4', true],
      ['CellDeleted', 'F2', true],
      ['Unknown', 'A1:Z99', true],
    ] as const;
    for (const [changeType, address] of cases) {
      await fake.fireChanged(ANNEX, address, undefined, changeType);
    }
    expect(got).toEqual(
      cases.map(([, address, structural]) => ({ addresses: [address], structural })),
    );
  });

  it('drops a structural change made by the add-in itself', async () => {
    const got: SheetChange[] = [];
    await new OfficeHost().onSheetChanged(ANNEX, (change) => got.push(change));
    await fake.fireChanged(ANNEX, '5:5', 'ThisLocalAddin', 'RowInserted');
    await fake.fireChanged(ANNEX, '6:6', 'Unknown', 'RowInserted');
    expect(got).toEqual([{ addresses: ['6:6'], structural: true }]);
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(new OfficeHost().onSheetChanged('Không có', () => {})).rejects.toMatchObject({
      name: 'HostError',
      code: 'not-found',
    });
  });
});

describe('the fake guards the user’s sheets', () => {
  const writes: [string, (range: Excel.Range, sheet: Excel.Worksheet) => void][] = [
    ['values', (r) => (r.values = [['x', 'y']])],
    ['numberFormat', (r) => (r.numberFormat = [['0%', '0%']])],
    ['format', (r) => (r.format.fill.color = '#FF0000')],
    ['borders', (r) => (r.format.borders.getItem('EdgeTop').style = 'Continuous')],
    ['hyperlink', (r) => (r.hyperlink = { documentReference: "'Phụ lục'!A1" })],
    ['merge', (r) => r.merge(false)],
    ['clear', (r) => r.clear('All')],
    ['freeze', (_r, s) => s.freezePanes.freezeRows(1)],
  ];

  it.each(writes)('refuses %s on a sheet the add-in did not create', async (_name, write) => {
    await expect(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(ANNEX);
        write(sheet.getRange('A1:B1'), sheet);
        await context.sync();
      }),
    ).rejects.toThrow(/must never write cells/);
    expect(fake.cellWrites).toHaveLength(1);
  });

  it('allows them on a sheet the add-in added', async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add('Của add-in');
      const range = sheet.getRange('A1:B1');
      range.numberFormat = [['@', '0%']];
      range.values = [['01', 0.25]];
      range.format.font.bold = true;
      range.merge(false);
      sheet.freezePanes.freezeRows(1);
      await context.sync();
    });
    const sheet = sheetOf('Của add-in');
    expect(sheet.at('A1')).toMatchObject({ value: '01', type: 'String' });
    expect(sheet.at('B1')?.type ?? 'Empty').toBe('Empty'); // merged away, as in Excel
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(sheet.style(0, 1)?.bold).toBe(true);
    expect(sheet.frozenRows).toBe(1);
    expect(fake.cellWrites).toEqual([]);
  });

  it('adds an onChanged handler only at sync', async () => {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(ANNEX).onChanged.add(async () => {});
      expect(sheetOf(ANNEX).changeHandlers.size).toBe(0);
      await context.sync();
    });
    expect(sheetOf(ANNEX).changeHandlers.size).toBe(1);
  });
});
