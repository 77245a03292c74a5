/**
 * New workbooks (`writeWorkbook`) and the annex template as one (`writeTemplateWorkbook`,
 * issue 13, item 3): valid .xlsx that this reader, ExcelJS and LibreOffice read as written, the
 * sheet the add-in's "Chèn mẫu phụ lục" makes, and the stored target set through a LibreOffice
 * round trip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  annexTemplate,
  checkSheet,
  getBuiltinTargetSet,
  type SheetContent,
  type TargetSet,
  templateLayoutSet,
  templateSheetName,
} from '@chitieu/engine';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readEmbeddedTargetSets } from '../src/embedded.js';
import { targetSetFingerprint } from '../src/embedded-fingerprint.js';
import { openWorkbook, readWorkbook } from '../src/workbook.js';
import { writeTemplateWorkbook } from '../src/write/template.js';
import { sheetNameProblem, writeWorkbook } from '../src/write/workbook.js';

const builtin = (id: string): TargetSet => {
  const set = getBuiltinTargetSet(id);
  if (!set) throw new Error(id);
  return set;
};

const grid: SheetContent = {
  rows: [
    [{ value: 'Tiêu đề', bold: true }, undefined, { value: 'x' }],
    [
      { value: 0.745, numberFormat: '0.0%' },
      { value: 12, numberFormat: '0' },
      { value: 'A & <B>' },
    ],
  ],
  merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
  columnWidths: [20, 10],
  frozenRows: 1,
  bordered: [{ top: 1, left: 0, bottom: 1, right: 2 }],
};

function read(bytes: Uint8Array) {
  const result = readWorkbook(bytes);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** The target sets a workbook stores. */
function storedOf(bytes: Uint8Array) {
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  return readEmbeddedTargetSets(opened.data);
}

describe('writeWorkbook', () => {
  it('writes strings, numbers with their formats and merges that the reader reads back', () => {
    const wb = read(
      writeWorkbook([
        { name: 'Trang 1', content: grid },
        { name: 'Hai', content: grid },
      ]),
    );
    expect(wb.sheets.map((s) => s.name)).toEqual(['Trang 1', 'Hai']);
    const rows = wb.sheets[0]?.grid.rows ?? [];
    expect(rows[0]?.[0]).toMatchObject({ value: 'Tiêu đề', type: 'string' });
    expect(rows[1]?.[0]).toMatchObject({ value: 0.745, numberFormat: '0.0%', text: '74,5%' });
    expect(rows[1]?.[1]).toMatchObject({ value: 12, numberFormat: '0', text: '12' });
    expect(rows[1]?.[2]).toMatchObject({ value: 'A & <B>' });
    expect(wb.sheets[0]?.grid.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    // the second sheet reads the same (its styles were added after the first's)
    expect(wb.sheets[1]?.grid.rows).toEqual(wb.sheets[0]?.grid.rows);
  });

  it('ExcelJS opens it: values, bold, borders, widths, merges and the frozen header', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(writeWorkbook([{ name: 'Trang 1', content: grid }])) as never);
    const ws = book.getWorksheet('Trang 1');
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toBe('Tiêu đề');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe(0.745);
    expect(ws.getCell('A2').numFmt).toBe('0.0%');
    expect(ws.getCell('C2').border?.top?.style).toBe('thin');
    expect(ws.getCell('C1').border?.top).toBeUndefined();
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getCell('B1').isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('is deterministic: the same input, the same bytes', () => {
    const a = writeWorkbook([{ name: 'Trang 1', content: grid }]);
    const b = writeWorkbook([{ name: 'Trang 1', content: grid }]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses what Excel would refuse: sheet names, duplicates, no sheet, a bad active sheet', () => {
    for (const name of ['', 'a'.repeat(32), 'a/b', 'a[1]', "'quoted'", 'q?', 'x:y'])
      expect(sheetNameProblem(name), name).toBeDefined();
    expect(sheetNameProblem('Mẫu phụ lục 2025')).toBeUndefined();
    expect(sheetNameProblem('a'.repeat(31))).toBeUndefined();
    expect(() => writeWorkbook([])).toThrow('at least one sheet');
    expect(() =>
      writeWorkbook([
        { name: 'Phụ lục', content: grid },
        { name: 'PHỤ LỤC', content: grid },
      ]),
    ).toThrow('two sheets');
    expect(() => writeWorkbook([{ name: 'a/b', content: grid }])).toThrow('sheet name');
    expect(() => writeWorkbook([{ name: 'A', content: grid }], { activeSheet: 1 })).toThrow(
      'active sheet',
    );
    expect(() =>
      writeWorkbook([{ name: 'A', content: grid }], { customXml: [{ xml: 'not xml' }] }),
    ).toThrow('custom XML');
  });
});

describe('writeTemplateWorkbook: the annex the office sends out', () => {
  it('is the add-in’s template sheet, cell for cell, with the set stored for it', () => {
    for (const id of ['binh-phuoc-2025', 'nq01-nq02-2025', 'binh-phuoc-2024-thanh-toan']) {
      const set = builtin(id);
      const template = writeTemplateWorkbook(set, { unitName: 'Sở Tư pháp' });
      expect(template.sheet).toBe(templateSheetName(set.year));
      const wb = read(template.bytes);
      expect(wb.sheets.map((s) => s.name)).toEqual([`Mẫu phụ lục ${set.year}`]);
      const content = annexTemplate(set, { unitName: 'Sở Tư pháp' });
      const rows = wb.sheets[0]?.grid.rows ?? [];
      content.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          if (cell?.value === null || cell?.value === undefined) return;
          expect(rows[r]?.[c]?.value, `${id} ${r},${c}`).toBe(cell.value);
          if (cell.numberFormat) expect(rows[r]?.[c]?.numberFormat).toBe(cell.numberFormat);
        });
      });
      expect(wb.sheets[0]?.grid.merges).toEqual(content.merges);
      expect(template.indicators).toBe(set.indicators.length);
      // recognised without help: the set chosen by its rows, the unit and level from its title
      const check = checkSheet(wb.sheets[0]?.grid ?? { rows: [] }, { quarter: 1 });
      expect(check.status, id).toBe('checked');
      expect(check.context).toMatchObject({ targetSetId: id, unitName: 'Sở Tư pháp', level: 'so' });
      expect(storedOf(template.bytes).sets[0]?.fingerprint).toBe(targetSetFingerprint(set));
    }
  });

  it('for one level: the rows that apply to it only, and the whole set stored', () => {
    const set = builtin('binh-phuoc-2025');
    const layout = templateLayoutSet(set, 'huyen');
    expect(layout.indicators.every((i) => i.targets.length === 1)).toBe(true);
    expect(layout.indicators.every((i) => i.targets[0]?.appliesTo.levels.includes('huyen'))).toBe(
      true,
    );
    const withRow = set.indicators.filter((i) =>
      i.targets.some((t) => t.appliesTo.levels.includes('huyen')),
    );
    expect(layout.indicators.map((i) => i.id)).toEqual(withRow.map((i) => i.id));
    expect(layout.indicators.length).toBeLessThan(set.indicators.length);
    const template = writeTemplateWorkbook(set, { level: 'huyen', unitName: 'UBND huyện Bù Đốp' });
    expect(template.indicators).toBe(withRow.length);
    const wb = read(template.bytes);
    const check = checkSheet(wb.sheets[0]?.grid ?? { rows: [] }, { quarter: 2 });
    expect(check.context).toMatchObject({ targetSetId: 'binh-phuoc-2025', level: 'huyen' });
    // every indicator of the level is missing its Q1 and Q2 values, nothing else
    expect(check.summary.byCode['missing-value']).toBe(withRow.length * 2);
    expect(storedOf(template.bytes).sets[0]?.targetSet.indicators).toHaveLength(
      set.indicators.length,
    );
    // no level: the set as it is
    expect(templateLayoutSet(set)).toBe(set);
    // a level no row is for: nothing left
    expect(templateLayoutSet(set, 'tinh').indicators).toEqual([]);
  });
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

describe.skipIf(!soffice && !process.env.CI)(
  'the template through LibreOffice (open, save as .xlsx)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'chitieu-lo-write-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps the stored set, re-read with the same fingerprint, and the sheet reads the same', {
      timeout: 180_000,
    }, () => {
      const set = builtin('binh-phuoc-2025');
      const template = writeTemplateWorkbook(set, { unitName: 'Sở Tư pháp' });
      const file = join(dir, 'mau.xlsx');
      writeFileSync(file, template.bytes);
      const outDir = join(dir, 'out');
      execFileSync(
        soffice as string,
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          'xlsx',
          '--outdir',
          outDir,
          file,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const saved = join(outDir, 'mau.xlsx');
      expect(existsSync(saved)).toBe(true);
      const bytes = new Uint8Array(readFileSync(saved));
      // LibreOffice rewrote the package (shared strings, its own relationships) …
      const files = unzipSync(bytes);
      expect(files['xl/sharedStrings.xml']).toBeDefined();
      expect(strFromU8(files['customXml/item1.xml'] as Uint8Array)).toContain(
        'urn:chitieu:embedded-target-set:1',
      );
      // … and the set is read back as written
      const stored = storedOf(bytes);
      expect(stored.problems).toEqual([]);
      expect(stored.sets).toHaveLength(1);
      expect(stored.sets[0]).toMatchObject({
        sheets: ['Mẫu phụ lục 2025'],
        fingerprint: targetSetFingerprint(set),
        fingerprintMatches: true,
      });
      const before = read(template.bytes).sheets[0]?.grid;
      const after = read(bytes).sheets[0]?.grid;
      const values = (g: typeof before) =>
        (g?.rows ?? []).map((row) =>
          (row ?? []).map((c) => c?.value ?? null).filter((v) => v !== null),
        );
      expect(values(after)).toEqual(values(before));
      expect(checkSheet(after ?? { rows: [] }, { quarter: 1 }).context.targetSetId).toBe(
        'binh-phuoc-2025',
      );
    });
  },
);
