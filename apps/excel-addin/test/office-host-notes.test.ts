/**
 * OfficeHost.setNotes against the fake Excel (test/fake-excel/, ExcelApi 1.18 notes): the
 * add-in's notes are recorded with the sheet, a user's notes (and the add-in's notes the user
 * edited) are never touched, and the syncs stay constant whatever the number of notes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfficeHost } from '../src/host/office/index.js';
import { NOTES_PROPERTY } from '../src/host/office/records.js';
import type { CellNote } from '../src/host/types.js';
import { FakeExcel, type FakeSheet } from './fake-excel/index.js';

const SHEET = 'Phụ lục';

let fake: FakeExcel;
let uninstall: (() => void) | undefined;
let sheet: FakeSheet;

function setup(options: ConstructorParameters<typeof FakeExcel>[0] = { apiVersion: '1.18' }) {
  uninstall?.();
  fake = new FakeExcel(options);
  uninstall = fake.install();
  sheet = fake.addGridSheet(SHEET, {
    rows: [
      [{ value: 'Chỉ tiêu' }, { value: 12 }],
      [{ value: 'Tỷ lệ' }, { value: 0.5 }],
    ],
  });
}

beforeEach(() => {
  setup();
});

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** The record the add-in keeps with the sheet, parsed; undefined when there is none. */
function recorded(): unknown {
  const p = sheet.properties.get(NOTES_PROPERTY);
  return p ? JSON.parse(p.value) : undefined;
}

function notesOf(s: FakeSheet = sheet): Record<string, string> {
  return Object.fromEntries(s.notes);
}

const note = (cell: string, text: string): CellNote => ({ cell, text });

describe('setNotes: the add-in’s own notes', () => {
  it('adds notes on a user’s sheet in 2 syncs and records them, writing no cell', async () => {
    const cells = JSON.stringify([...sheet.cells]);
    const { result, syncs } = await fake.syncsOf(() =>
      new OfficeHost().setNotes(SHEET, [note('C7', 'Thấp hơn chỉ tiêu'), note('D9', 'Trống')]),
    );
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 2, removed: 0, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'Thấp hơn chỉ tiêu', D9: 'Trống' });
    expect(recorded()).toEqual({ version: 1, notes: { C7: 'Thấp hơn chỉ tiêu', D9: 'Trống' } });
    expect(fake.cellWrites).toEqual([]);
    expect(JSON.stringify([...sheet.cells])).toBe(cells);
  });

  it('takes the same 2 syncs for 500 notes as for 1', async () => {
    const many = Array.from({ length: 500 }, (_, i) => note(`K${i + 1}`, `Lý do ${i + 1}`));
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().setNotes(SHEET, many));
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 500, removed: 0, skipped: 0 });
    expect(sheet.notes.size).toBe(500);
    expect(sheet.notes.get('K500')).toBe('Lý do 500');
  });

  it('normalises addresses: lower case and $ name the same cell', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('c7', 'a'), note('$D$9', 'b')]);
    expect(notesOf()).toEqual({ C7: 'a', D9: 'b' });
    expect(recorded()).toEqual({ version: 1, notes: { C7: 'a', D9: 'b' } });
    // The same notes under other spellings change nothing.
    const again = await fake.syncsOf(() =>
      host.setNotes(SHEET, [note('C7', 'a'), note('d9', 'b')]),
    );
    expect(again).toEqual({ result: { written: 0, removed: 0, skipped: 0 }, syncs: 1 });
  });

  it('does nothing but read when the notes are the same (1 sync)', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]);
    const calls = fake.calls.length;
    const { result, syncs } = await fake.syncsOf(() =>
      host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]),
    );
    expect(syncs).toBe(1);
    expect(result).toEqual({ written: 0, removed: 0, skipped: 0 });
    const after = fake.calls.slice(calls);
    expect(after.some((c) => c.includes('.add(') || c.includes('.content = '))).toBe(false);
  });

  it('rewrites the text of its notes that changed, in 2 syncs', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'cũ'), note('D9', 'giữ')]);
    const calls = fake.calls.length;
    const { result, syncs } = await fake.syncsOf(() =>
      host.setNotes(SHEET, [note('C7', 'mới'), note('D9', 'giữ'), note('E2', 'thêm')]),
    );
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 2, removed: 0, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'mới', D9: 'giữ', E2: 'thêm' });
    expect(recorded()).toEqual({ version: 1, notes: { C7: 'mới', D9: 'giữ', E2: 'thêm' } });
    const after = fake.calls.slice(calls);
    expect(after.filter((c) => c.includes('.content = '))).toHaveLength(1); // C7 rewritten
    expect(after.filter((c) => c.includes('notes.add('))).toEqual([
      `worksheets.getItem(${SHEET}).notes.add(E2)`,
    ]);
  });

  it('deletes its notes that are no longer wanted, in 2 syncs', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b'), note('E2', 'c')]);
    const { result, syncs } = await fake.syncsOf(() => host.setNotes(SHEET, [note('D9', 'b')]));
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 0, removed: 2, skipped: 0 });
    expect(notesOf()).toEqual({ D9: 'b' });
    expect(recorded()).toEqual({ version: 1, notes: { D9: 'b' } });
  });

  it('reads the record’s other notes in a third sync when this host has not seen the record', async () => {
    await new OfficeHost().setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]);
    fake.reopen();
    // A new session: the record names C7, which is not a target.
    const { result, syncs } = await fake.syncsOf(() =>
      new OfficeHost().setNotes(SHEET, [note('D9', 'b2')]),
    );
    expect(syncs).toBe(3);
    expect(result).toEqual({ written: 1, removed: 1, skipped: 0 });
    expect(notesOf()).toEqual({ D9: 'b2' });
    // …but 2 when every recorded cell is a target.
    const fresh = await fake.syncsOf(() => new OfficeHost().setNotes(SHEET, [note('D9', 'b3')]));
    expect(fresh).toEqual({ result: { written: 1, removed: 0, skipped: 0 }, syncs: 2 });
  });

  it('puts a note back where the user deleted one of the add-in’s', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'a')]);
    sheet.notes.delete('C7'); // the user deletes it
    const { result } = await fake.syncsOf(() => host.setNotes(SHEET, [note('C7', 'a')]));
    expect(result).toEqual({ written: 1, removed: 0, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'a' });
    expect(recorded()).toEqual({ version: 1, notes: { C7: 'a' } });
  });

  it('with an empty list removes all its notes and the record, and then takes 1 sync', async () => {
    const host = new OfficeHost();
    sheet.notes.set('A1', 'Ghi chú của tôi');
    await host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]);
    const { result, syncs } = await fake.syncsOf(() => host.setNotes(SHEET, []));
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 0, removed: 2, skipped: 0 });
    expect(notesOf()).toEqual({ A1: 'Ghi chú của tôi' });
    expect(recorded()).toBeUndefined();
    const again = await fake.syncsOf(() => host.setNotes(SHEET, []));
    expect(again).toEqual({ result: { written: 0, removed: 0, skipped: 0 }, syncs: 1 });
    expect(notesOf()).toEqual({ A1: 'Ghi chú của tôi' });
  });

  it('with an empty list and no record, takes 1 sync and writes nothing', async () => {
    sheet.notes.set('C7', 'Ghi chú của tôi');
    const calls = fake.calls.length;
    const { result, syncs } = await fake.syncsOf(() => new OfficeHost().setNotes(SHEET, []));
    expect(syncs).toBe(1);
    expect(result).toEqual({ written: 0, removed: 0, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'Ghi chú của tôi' });
    expect(recorded()).toBeUndefined();
    expect(fake.calls.slice(calls).filter((c) => c !== 'sync')).toEqual([
      `worksheets.getItem(${SHEET})`,
      `worksheets.getItem(${SHEET}).customProperties.getItemOrNullObject(${NOTES_PROPERTY})`,
      `worksheets.getItem(${SHEET}).customProperties.getItemOrNullObject(${NOTES_PROPERTY}).load(value)`,
    ]);
  });

  it('keeps line breaks as Excel does, so the same text is not seen as the user’s edit', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'Dòng 1\r\nDòng 2')]);
    expect(sheet.notes.get('C7')).toBe('Dòng 1\nDòng 2');
    const again = await fake.syncsOf(() => host.setNotes(SHEET, [note('C7', 'Dòng 1\r\nDòng 2')]));
    expect(again).toEqual({ result: { written: 0, removed: 0, skipped: 0 }, syncs: 1 });
  });

  it('splits the writes into more syncs only past the payload budget', async () => {
    setup({ apiVersion: '1.18', payloadLimit: 64 * 1024 });
    const many = Array.from({ length: 300 }, (_, i) => note(`B${i + 1}`, 'Lý do '.repeat(10)));
    const { result, syncs } = await fake.syncsOf(() =>
      new OfficeHost({ payloadBudget: 48 * 1024 }).setNotes(SHEET, many),
    );
    expect(result.written).toBe(300);
    expect(syncs).toBeGreaterThan(2);
    expect(fake.maxRequest).toBeLessThanOrEqual(64 * 1024);
    expect(sheet.notes.size).toBe(300);
    expect(Object.keys((recorded() as { notes: object }).notes)).toHaveLength(300);
  });
});

describe('setNotes: the user’s notes', () => {
  it('leaves a user’s note on a target cell alone, counts it skipped and does not record it', async () => {
    sheet.notes.set('C7', 'Ghi chú của tôi');
    const host = new OfficeHost();
    const { result, syncs } = await fake.syncsOf(() =>
      host.setNotes(SHEET, [note('C7', 'Lý do'), note('D9', 'b')]),
    );
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 1, removed: 0, skipped: 1 });
    expect(notesOf()).toEqual({ C7: 'Ghi chú của tôi', D9: 'b' });
    expect(recorded()).toEqual({ version: 1, notes: { D9: 'b' } });
    // An empty list later removes the add-in's note only.
    expect(await host.setNotes(SHEET, [])).toEqual({ written: 0, removed: 1, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'Ghi chú của tôi' });
  });

  it('treats a user’s note with the very text the add-in wants as the user’s', async () => {
    sheet.notes.set('C7', 'Lý do');
    const host = new OfficeHost();
    expect(await host.setNotes(SHEET, [note('C7', 'Lý do')])).toEqual({
      written: 0,
      removed: 0,
      skipped: 1,
    });
    expect(recorded()).toBeUndefined();
    await host.setNotes(SHEET, []);
    expect(notesOf()).toEqual({ C7: 'Lý do' });
  });

  it('never overwrites an add-in note the user edited: it is theirs now, and leaves the record', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b'), note('E2', 'c')]);
    sheet.notes.set('C7', 'a — đã kiểm tra lại'); // the user edits two of the add-in's notes
    sheet.notes.set('E2', 'c (đúng)');
    const { result, syncs } = await fake.syncsOf(
      () => host.setNotes(SHEET, [note('C7', 'a2'), note('D9', 'b2')]), // C7 targeted, E2 not
    );
    expect(syncs).toBe(2);
    expect(result).toEqual({ written: 1, removed: 0, skipped: 1 });
    expect(notesOf()).toEqual({ C7: 'a — đã kiểm tra lại', D9: 'b2', E2: 'c (đúng)' });
    expect(recorded()).toEqual({ version: 1, notes: { D9: 'b2' } });
    // Even when the user's text later happens to match the record again, it is not taken back.
    sheet.notes.set('E2', 'c');
    expect(await host.setNotes(SHEET, [])).toEqual({ written: 0, removed: 1, skipped: 0 });
    expect(notesOf()).toEqual({ C7: 'a — đã kiểm tra lại', E2: 'c' });
    expect(recorded()).toBeUndefined();
  });

  it('drops an edited note from the record even when nothing else changes', async () => {
    const host = new OfficeHost();
    await host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]);
    sheet.notes.set('C7', 'của tôi');
    const { result, syncs } = await fake.syncsOf(() =>
      host.setNotes(SHEET, [note('C7', 'a'), note('D9', 'b')]),
    );
    expect(result).toEqual({ written: 0, removed: 0, skipped: 1 });
    expect(syncs).toBe(2); // the record is written again
    expect(recorded()).toEqual({ version: 1, notes: { D9: 'b' } });
    expect(notesOf()).toEqual({ C7: 'của tôi', D9: 'b' });
  });

  it('takes an unreadable record as no record: every note is the user’s', async () => {
    sheet.notes.set('C7', 'a');
    sheet.properties.set(NOTES_PROPERTY, { key: NOTES_PROPERTY, value: '{not json' });
    const result = await new OfficeHost().setNotes(SHEET, [note('C7', 'b')]);
    expect(result).toEqual({ written: 0, removed: 0, skipped: 1 });
    expect(notesOf()).toEqual({ C7: 'a' });
    expect(recorded()).toBeUndefined(); // replaced by no record: nothing is the add-in's
  });
});

describe('setNotes: refusals', () => {
  it('throws unsupported below ExcelApi 1.18 without calling Excel', async () => {
    setup({ apiVersion: '1.17' });
    const host = new OfficeHost();
    expect(host.capabilities.notes).toBe(false);
    const { syncs } = await fake.syncsOf(() =>
      expect(host.setNotes(SHEET, [note('C7', 'a')])).rejects.toMatchObject({
        name: 'HostError',
        code: 'unsupported',
      }),
    );
    expect(syncs).toBe(0);
    expect(fake.runs).toBe(0);
    expect(fake.calls).toEqual([]);
    expect(sheet.notes.size).toBe(0);
  });

  it('refuses a note on anything but one cell before calling Excel', async () => {
    await expect(new OfficeHost().setNotes(SHEET, [note('C7:D9', 'a')])).rejects.toMatchObject({
      name: 'HostError',
    });
    expect(fake.runs).toBe(0);
  });

  it('reports a missing sheet as not-found', async () => {
    await expect(new OfficeHost().setNotes('Nope', [note('A1', 'a')])).rejects.toMatchObject({
      code: 'not-found',
      problem: { code: 'not-found', sheet: 'Nope' },
    });
  });
});

describe('the fake’s notes behave like Excel’s', () => {
  it('refuses a second note on a cell, and a note on more than one cell', async () => {
    sheet.notes.set('C7', 'x');
    for (const [cell, pattern] of [
      ['C7', /already has a note/],
      ['C7:D8', /one cell/],
    ] as const) {
      await expect(
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem(SHEET).notes.add(cell, 'y');
          await context.sync();
        }),
      ).rejects.toThrow(pattern);
    }
    expect(notesOf()).toEqual({ C7: 'x' });
  });

  it('fails getItem of a cell without a note, and every call below ExcelApi 1.18', async () => {
    await expect(
      Excel.run(async (context) => {
        const n = context.workbook.worksheets.getItem(SHEET).notes.getItem('B2');
        n.load('content');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    setup({ apiVersion: '1.17' });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem(SHEET).notes.getItemOrNullObject('B2').load('content');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
