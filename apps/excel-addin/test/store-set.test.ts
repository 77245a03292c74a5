/**
 * The workbook carries the set it was checked with (issue 13, item 4): Chèn mẫu phụ lục stores
 * the template's set, a check against a set the user chose or one that is not built-in stores
 * that set for the sheet (a custom XML part of the format `chitieu template` writes), replacing
 * an earlier copy of the same id rather than piling parts up. Read back by the xlsx reader from
 * the saved bytes (MemoryHost.toXlsx) and by the Office host from the fake Excel's parts.
 */
import { checkSheet, type Grid, getBuiltinTargetSet, type TargetSet } from '@chitieu/engine';
import {
  chooseStoredSet,
  EMBEDDED_SET_NAMESPACE,
  type EmbeddedSets,
  embeddedTargetSetXml,
  openWorkbook,
  parseEmbeddedTargetSetXml,
  readEmbeddedTargetSets,
  targetSetFingerprint,
} from '@chitieu/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setToStore } from '../src/app/controller.js';
import { vi as words } from '../src/app/i18n.js';
import { describeNotice } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { OfficeHost } from '../src/host/office/index.js';
import { planStore } from '../src/host/shared/embedded-plan.js';
import { HostError } from '../src/host/types.js';
import { dongNaiAnnex, dongNaiSet } from './dong-nai-2026.js';
import { FakeExcel } from './fake-excel/index.js';
import { started } from './pane.js';

const ANNEX = dongNaiAnnex();
const officeSet = dongNaiSet;

const BUILTIN = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const OTHER = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;

/** What the xlsx reader reads from bytes: each stored set's id, sheets and fingerprint check. */
function storedIn(bytes: Uint8Array): [string, readonly string[], boolean][] {
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  const read = readEmbeddedTargetSets(opened.data);
  expect(read.problems).toEqual([]);
  return read.sets.map((s) => [s.targetSet.id, s.sheets, s.fingerprintMatches]);
}

/** A parsed stored set, as a reader gives it. */
function part(set: TargetSet, sheets: readonly string[], name: string, xml?: string) {
  const parsed = parseEmbeddedTargetSetXml(xml ?? embeddedTargetSetXml(set, sheets), name);
  if (parsed.kind !== 'set') throw new Error('not a set');
  return parsed.set;
}

describe('planStore: what storing a set changes in the parts already there', () => {
  const altered = (set: TargetSet, sheets: readonly string[], name: string) =>
    part(
      set,
      sheets,
      name,
      embeddedTargetSetXml(set, sheets).replace(
        /fingerprint="[0-9a-f]+"/,
        `fingerprint="${'0'.repeat(64)}"`,
      ),
    );

  it('replaces a copy of the same id, keeping its sheets; leaves others alone', () => {
    const stored: EmbeddedSets = {
      sets: [part(BUILTIN, ['A'], 'p1'), part(OTHER, ['C'], 'p2')],
      problems: [{ part: 'p3', reason: 'not-xml', sheets: ['B'] }],
    };
    expect(planStore(stored, BUILTIN.id, ['B'])).toEqual({
      remove: ['p1'],
      narrow: [],
      moveAfter: [],
      sheets: ['A', 'B'],
    });
    // the same sheet again (another case) is one sheet
    expect(planStore(stored, BUILTIN.id, ['a']).sheets).toEqual(['A']);
  });

  it('a copy for every sheet stays for every sheet', () => {
    const stored: EmbeddedSets = { sets: [part(BUILTIN, [], 'p1')], problems: [] };
    expect(planStore(stored, BUILTIN.id, ['B'])).toEqual({
      remove: ['p1'],
      narrow: [],
      moveAfter: [],
      sheets: [],
    });
  });

  it('another set naming the sheet: narrowed, or removed when no sheet is left', () => {
    const stored: EmbeddedSets = {
      sets: [part(OTHER, ['A', 'B'], 'p1'), part(OTHER, ['b'], 'p2')],
      problems: [],
    };
    expect(planStore(stored, BUILTIN.id, ['B'])).toEqual({
      remove: ['p2'],
      narrow: [{ part: 'p1', sheets: ['A'] }],
      moveAfter: [],
      sheets: ['B'],
    });
  });

  it('another set for every sheet, or an edited one: moved after, never rewritten', () => {
    const stored: EmbeddedSets = {
      sets: [part(OTHER, [], 'p1'), altered(OTHER, ['B', 'C'], 'p2'), altered(OTHER, ['C'], 'p3')],
      problems: [],
    };
    expect(planStore(stored, BUILTIN.id, ['B'])).toEqual({
      remove: [],
      narrow: [],
      moveAfter: ['p1', 'p2'],
      sheets: ['B'],
    });
  });
});

describe('setToStore: which checks make the workbook carry their set', () => {
  const grid = (): Grid => ANNEX;
  it('a user’s set, chosen or recognised from the content; never the workbook’s own stored set', () => {
    const set = officeSet();
    const mine = checkSheet(grid(), { targetSet: set, level: 'so', quarter: 1 });
    expect(mine.status).toBe('checked');
    expect(setToStore(mine)?.id).toBe(set.id);
    const detected = checkSheet(grid(), { targetSets: [set], level: 'so', quarter: 1 });
    expect(detected.context.sources.targetSet).toBe('content');
    expect(setToStore(detected)?.id).toBe(set.id);
    const fromWorkbook = checkSheet(grid(), {
      targetSet: set,
      targetSetFrom: 'embedded',
      level: 'so',
      quarter: 1,
    });
    expect(setToStore(fromWorkbook)).toBeUndefined();
  });
});

function annexHost(): MemoryHost {
  return new MemoryHost([
    { name: 'Phụ lục 2026', grid: ANNEX },
    { name: 'Ghi chú', grid: { rows: [[{ value: 'Không phải phụ lục' }]], merges: [] } },
  ]);
}

describe('the in-memory workbook carries the set it was checked with', () => {
  it('a user’s set chosen and checked: stored for the sheet, told, and read back from the saved bytes', async () => {
    const set = officeSet();
    const host = annexHost();
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    controller.setField('level', 'so');
    controller.setField('quarter', 1);
    await controller.check();
    const state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toEqual([
      'storeEmbeddedSet dong-nai-2026 Phụ lục 2026',
    ]);
    expect(state.stored.sets.map((s) => [s.part, s.targetSet.id, s.sheets])).toEqual([
      ['customXml/item1.xml', 'dong-nai-2026', ['Phụ lục 2026']],
    ]);
    const told = state.notices.find((n) => n.kind === 'set-stored');
    expect(told && describeNotice(told, words).body).toBe(
      `Bộ chỉ tiêu “${set.title}” được lưu trong sổ làm việc cho trang tính “Phụ lục 2026”: tệp gửi lại cơ quan mang theo bộ chỉ tiêu đã dùng để kiểm tra.`,
    );

    const bytes = host.toXlsx();
    expect(storedIn(bytes)).toEqual([['dong-nai-2026', ['Phụ lục 2026'], true]]);
    // As the CLI checks the file sent back: the stored set decides, with nothing given.
    const opened = openWorkbook(bytes);
    if (!opened.success) throw new Error('unreadable');
    const choice = chooseStoredSet('Phụ lục 2026', readEmbeddedTargetSets(opened.data), {
      builtin: getBuiltinTargetSet,
    });
    expect(choice.targetSet && targetSetFingerprint(choice.targetSet)).toBe(
      targetSetFingerprint(set),
    );
    expect(choice.notices).toMatchObject([{ code: 'embedded-set-used', targetSetId: set.id }]);
    expect(chooseStoredSet('Ghi chú', readEmbeddedTargetSets(opened.data)).targetSet).toBe(
      undefined,
    );

    // Reopened without the user's settings: checked against the set it carries, from the workbook.
    const reopened = MemoryHost.fromXlsx(bytes);
    const again = await started(reopened);
    again.setField('level', 'so');
    again.setField('quarter', 1);
    await again.check();
    expect(again.getState().result?.context.sources.targetSet).toBe('embedded');
    expect(reopened.calls.some((c) => c.startsWith('storeEmbeddedSet'))).toBe(false);
  });

  it('checked again with the same set: nothing written again; re-picked after a change: one part, replaced', async () => {
    const set = officeSet();
    const host = annexHost();
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    controller.setField('level', 'so');
    controller.setField('quarter', 1);
    await controller.check();
    await controller.check();
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toHaveLength(1);
    expect(controller.getState().notices.some((n) => n.kind === 'set-stored')).toBe(false);

    const changed = { ...set, title: `${set.title} (sửa đổi)` };
    await controller.addTargetSetFromJson(JSON.stringify(changed), 'dong-nai-2026 (2).json');
    await controller.check();
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toHaveLength(2);
    expect(
      host.embedded.sets.map((s) => [s.part, s.targetSet.title, s.sheets, s.fingerprintMatches]),
    ).toEqual([['customXml/item2.xml', changed.title, ['Phụ lục 2026'], true]]);
    expect(storedIn(host.toXlsx())).toEqual([['dong-nai-2026', ['Phụ lục 2026'], true]]);
  });

  it('Chèn mẫu phụ lục stores its set; a built-in set is stored by a check only when chosen by hand', async () => {
    const host = new MemoryHost([{ name: 'Trống', grid: { rows: [], merges: [] } }]);
    const controller = await started(host);
    controller.setField('targetSet', BUILTIN.id);
    controller.setField('level', 'so');
    controller.setField('unitName', 'Sở Tư pháp');
    controller.setField('quarter', 1);
    await controller.insertTemplate();
    const sheet = host.active;
    // the template carries its set, told with the template only
    expect(host.embedded.sets.map((s) => [s.targetSet.id, s.sheets])).toEqual([
      [BUILTIN.id, [sheet]],
    ]);
    expect(controller.getState().notices.map((n) => n.kind)).toEqual(['template-inserted']);
    expect(storedIn(host.toXlsx())).toEqual([[BUILTIN.id, [sheet], true]]);
    // a second template of the same set: still one part, naming both template sheets
    await controller.insertTemplate();
    const second = host.active;
    expect(second).not.toBe(sheet);
    expect(storedIn(host.toXlsx())).toEqual([[BUILTIN.id, [sheet, second], true]]);
    host.active = sheet;
    // checked with the set it stores: nothing to write
    await controller.check();
    expect(controller.getState().result?.status).toBe('checked');
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toHaveLength(2);

    // The same sheet in a workbook that stores nothing: a detected built-in set is not stored…
    host.embedded = { sets: [], problems: [] };
    await controller.settled();
    await host.saveSettings({});
    const detecting = await started(host);
    detecting.setField('level', 'so');
    detecting.setField('unitName', 'Sở Tư pháp');
    detecting.setField('quarter', 1);
    await detecting.check();
    expect(detecting.getState().result?.context.sources.targetSet).not.toBe('option');
    expect(detecting.getState().result?.targetSet?.id).toBe(BUILTIN.id);
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toHaveLength(2);
    // …one chosen by hand is.
    detecting.setField('targetSet', BUILTIN.id);
    await detecting.check();
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toEqual([
      `storeEmbeddedSet ${BUILTIN.id} ${sheet}`,
      `storeEmbeddedSet ${BUILTIN.id} ${second}`,
      `storeEmbeddedSet ${BUILTIN.id} ${sheet}`,
    ]);
  });

  it('Kiểm tra tất cả: one part for the set, naming every sheet checked with it', async () => {
    const set = officeSet();
    const host = new MemoryHost([
      { name: 'Sở Tư pháp', grid: { ...ANNEX, name: 'Sở Tư pháp' } },
      { name: 'Sở Nội vụ', grid: { ...ANNEX, name: 'Sở Nội vụ' } },
    ]);
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    controller.setField('level', 'so');
    controller.setField('quarter', 1);
    await controller.checkAll();
    expect(host.calls.filter((c) => c.startsWith('storeEmbeddedSet'))).toEqual([
      'storeEmbeddedSet dong-nai-2026 Sở Tư pháp,Sở Nội vụ',
    ]);
    expect(storedIn(host.toXlsx())).toEqual([['dong-nai-2026', ['Sở Tư pháp', 'Sở Nội vụ'], true]]);
    const told = controller.getState().notices.find((n) => n.kind === 'set-stored');
    expect(told && describeNotice(told, words).body).toContain(
      'cho trang tính “Sở Tư pháp”, “Sở Nội vụ”',
    );
  });

  it('another set stored for the sheet gives way; an edited copy of another set is kept as it was', async () => {
    const set = officeSet();
    const host = annexHost();
    const edited = embeddedTargetSetXml(OTHER, ['Phụ lục 2026', 'Ghi chú']).replace(
      /fingerprint="[0-9a-f]+"/,
      `fingerprint="${'0'.repeat(64)}"`,
    );
    host.embedded = {
      sets: [part(OTHER, [], 'customXml/item1.xml', edited)],
      problems: [],
    };
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    controller.setField('level', 'so');
    controller.setField('quarter', 1);
    await controller.check();
    const sets = controller.getState().stored.sets;
    expect(sets.map((s) => [s.part, s.targetSet.id, s.fingerprintMatches])).toEqual([
      ['customXml/item2.xml', 'dong-nai-2026', true],
      ['customXml/item3.xml', OTHER.id, false],
    ]);
    // what a reader finds first for the sheet is the set it was checked with
    expect(chooseStoredSet('Phụ lục 2026', controller.getState().stored).targetSet?.id).toBe(
      'dong-nai-2026',
    );
  });

  it('storing fails: the check stands, and the pane says the set is not in the workbook', async () => {
    const set = officeSet();
    const host = annexHost();
    host.storeEmbeddedSet = async () => {
      throw new HostError({ code: 'protected', what: 'structure', sheet: 'Phụ lục 2026' });
    };
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    controller.setField('level', 'so');
    controller.setField('quarter', 1);
    await controller.check();
    const state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(state.notices.map((n) => n.kind)).toEqual(['checked', 'set-not-stored']);
    const view = describeNotice(state.notices[1] as never, words);
    expect(view.title).toBe('Không lưu được bộ chỉ tiêu vào sổ làm việc');
    expect(view.body.startsWith(`${set.title} (trang tính “Phụ lục 2026”): `)).toBe(true);
  });
});

describe('OfficeHost.storeEmbeddedSet (fake Excel)', () => {
  let fake: FakeExcel;
  let uninstall: (() => void) | undefined;
  beforeEach(() => {
    fake = new FakeExcel({ apiVersion: '1.13' });
    uninstall = fake.install();
    fake.addGridSheet('Phụ lục 2026', ANNEX);
  });
  afterEach(() => {
    uninstall?.();
    uninstall = undefined;
  });

  it('adds the part in 2 syncs (3 with parts to read); a second store of the same id replaces it; other namespaces untouched', async () => {
    const set = officeSet();
    fake.customXmlParts.push({ id: '{A}', namespace: 'urn:other', xml: '<x xmlns="urn:other"/>' });
    const host = new OfficeHost();
    const { result, syncs } = await fake.syncsOf(() =>
      host.storeEmbeddedSet(set, ['Phụ lục 2026']),
    );
    expect(syncs).toBe(2);
    expect(result.sets.map((s) => [s.targetSet.id, s.sheets, s.fingerprintMatches])).toEqual([
      ['dong-nai-2026', ['Phụ lục 2026'], true],
    ]);
    const ours = () => fake.customXmlParts.filter((p) => p.namespace === EMBEDDED_SET_NAMESPACE);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.xml).toBe(embeddedTargetSetXml(set, ['Phụ lục 2026']));
    expect(result.sets[0]?.part).toBe(ours()[0]?.id);

    const { result: again, syncs: second } = await fake.syncsOf(() =>
      host.storeEmbeddedSet(set, ['Sở Nội vụ']),
    );
    expect(second).toBe(3);
    expect(ours()).toHaveLength(1);
    expect(again.sets.map((s) => s.sheets)).toEqual([['Phụ lục 2026', 'Sở Nội vụ']]);
    expect(await host.readEmbeddedSets()).toEqual(again);
    expect(fake.customXmlParts.find((p) => p.id === '{A}')?.xml).toBe('<x xmlns="urn:other"/>');
  });

  it('narrows another set’s part with setXml, keeping its id', async () => {
    fake.customXmlParts.push({
      id: '{B}',
      namespace: EMBEDDED_SET_NAMESPACE,
      xml: embeddedTargetSetXml(OTHER, ['Phụ lục 2026', 'Ghi chú']),
    });
    const host = new OfficeHost();
    const stored = await host.storeEmbeddedSet(officeSet(), ['Phụ lục 2026']);
    expect(stored.sets.map((s) => [s.part, s.targetSet.id, s.sheets])).toEqual([
      ['{B}', OTHER.id, ['Ghi chú']],
      [stored.sets[1]?.part, 'dong-nai-2026', ['Phụ lục 2026']],
    ]);
    expect(fake.calls.filter((c) => c.endsWith('setXml()'))).toHaveLength(1);
  });

  it('Chèn mẫu phụ lục in Excel: the template sheet and its stored set', async () => {
    const controller = await started(new OfficeHost());
    controller.setField('targetSet', BUILTIN.id);
    await controller.insertTemplate();
    const state = controller.getState();
    expect(state.notices.map((n) => n.kind)).toEqual(['template-inserted']);
    const sheet = (state.notices[0] as { sheet: string }).sheet;
    expect(state.stored.sets.map((s) => [s.targetSet.id, s.sheets])).toEqual([
      [BUILTIN.id, [sheet]],
    ]);
    expect(fake.customXmlParts.map((p) => p.xml)).toEqual([embeddedTargetSetXml(BUILTIN, [sheet])]);
  });
});
