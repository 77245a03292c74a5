/**
 * The target set stored in the workbook, as the pane uses it (issue 13, items 1 and 4): the
 * template `chitieu template` writes (the xlsx writer), opened in the in-memory host, is checked
 * against the set it stores, the context says the set came from the workbook, the set is listed
 * with where it came from; a stored copy that differs from the set the user picked is told; a
 * part that holds no usable set is told and the sheet is still checked.
 */
import {
  checkSheet,
  fromA1,
  type Grid,
  getBuiltinTargetSet,
  type SheetCheck,
  type TargetSet,
} from '@chitieu/engine';
import {
  EMBEDDED_SET_NAMESPACE,
  type EmbeddedSets,
  embeddedTargetSetXml,
  parseEmbeddedTargetSetXml,
  targetSetFingerprint,
  writeTemplateWorkbook,
} from '@chitieu/xlsx';
import { describe, expect, it } from 'vitest';
import type { PaneController } from '../src/app/controller.js';
import { paneSets } from '../src/app/controller.js';
import { targetSetOptions } from '../src/app/form.js';
import { en, vi as words } from '../src/app/i18n.js';
import { originText, sheetNoticeTexts } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { EMBEDDED_SET_NAMESPACE as OFFICE_NAMESPACE } from '../src/host/office/embedded.js';
import { dongNaiSet } from './dong-nai-2026.js';
import { shown, started } from './pane.js';

const officeSet = dongNaiSet;

/** The same set with the Q2 minimum of its first indicator lowered (an altered copy). */
function lowered(set: TargetSet): TargetSet {
  const copy = structuredClone(set) as { indicators: { targets: { quarterly: number[] }[] }[] };
  const target = copy.indicators[0]?.targets[0];
  if (!target) throw new Error('no target');
  target.quarterly = [target.quarterly[0] as number, 80, ...target.quarterly.slice(2)];
  return copy as unknown as TargetSet;
}

/** The grid indexes of an A1 cell (the grid may start below A1). */
function at(grid: Grid, cell: string): { row: number; column: number } {
  const a = fromA1(cell);
  if (!a) throw new Error(cell);
  const origin = grid.origin ?? { row: 0, column: 0 };
  return { row: a.row - origin.row, column: a.column - origin.column };
}

/** The result cells (A1) of each indicator of a checked template, Q1–Q4, by indicator id. */
function resultCells(result: SheetCheck): Map<string, string[]> {
  const layout = result.layout;
  if (!layout) throw new Error('not an annex');
  const letters = new Map<number, string>();
  for (const c of layout.columns)
    if (c.role === 'result' && c.quarter !== undefined && !letters.has(c.quarter))
      letters.set(c.quarter, c.letter);
  const cells = new Map<string, string[]>();
  for (const row of layout.rows)
    if (row.kind === 'indicator' && row.indicatorId && !cells.has(row.indicatorId))
      cells.set(
        row.indicatorId,
        [1, 2, 3, 4].map((q) => `${letters.get(q)}${row.row}`),
      );
  return cells;
}

/** Types a percentage into a cell as a unit would (0,82 in a percent cell, 82 in a plain one). */
function type(host: MemoryHost, sheet: string, cell: string, percent: number): void {
  const grid = host.sheets.find((s) => s.name === sheet)?.grid as Grid;
  const { row, column } = at(grid, cell);
  const percentCell = grid.rows[row]?.[column]?.numberFormat?.includes('%') === true;
  host.setCell(sheet, row, column, percentCell ? percent / 100 : percent);
}

/**
 * The template of `set` for Sở Tư pháp (the xlsx writer's, as `chitieu template --level so`
 * writes it) in the in-memory host, with the stored set `stored` (the set itself by default),
 * and the unit's Q1 and Q2 values typed in: online payment 82% and 84% (Q2's minimum is 85%),
 * on-time files 99% and 98,5%.
 */
async function submitted(set: TargetSet, stored?: TargetSet) {
  const made = writeTemplateWorkbook(set, { level: 'so', unitName: 'Sở Tư pháp' });
  const host = MemoryHost.fromXlsx(made.bytes);
  if (stored) {
    const parsed = parseEmbeddedTargetSetXml(
      embeddedTargetSetXml(stored, [made.sheet]),
      'customXml/item1.xml',
    );
    if (parsed.kind !== 'set') throw new Error('not a set');
    host.embedded = { sets: [parsed.set], problems: [] };
  }
  // Where the results go, as the engine reads the empty template.
  const grid = host.sheets[0]?.grid as Grid;
  const cells = resultCells(checkSheet(grid, { targetSet: set, level: 'so', quarter: 1 }));
  const [pay, onTime] = set.indicators.map((i) => cells.get(i.id) as string[]);
  if (!pay || !onTime) throw new Error('indicator rows not found');
  type(host, made.sheet, pay[0] as string, 82);
  type(host, made.sheet, pay[1] as string, 84);
  type(host, made.sheet, onTime[0] as string, 99);
  type(host, made.sheet, onTime[1] as string, 98.5);
  return { host, sheet: made.sheet, pay, onTime, fingerprint: made.fingerprint };
}

const storedNotices = (controller: PaneController) =>
  (controller.getState().result?.notices ?? []).filter((n) => n.code.startsWith('embedded'));

describe('a template checked in the pane', () => {
  it('is checked against the set it stores, said to come from the workbook', async () => {
    const set = officeSet();
    const { host, sheet, pay, fingerprint } = await submitted(set);
    const controller = await started(host);
    // listed with the built-in sets, with where it came from
    expect(paneSets(controller.getState()).map((s) => [s.set.id, s.origin])).toEqual([
      ['dong-nai-2026', { kind: 'embedded', sheets: [sheet] }],
    ]);
    await controller.check();
    const state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(state.result?.context).toMatchObject({
      targetSetId: 'dong-nai-2026',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
      sources: { targetSet: 'embedded', level: 'unit-name', quarter: 'latest-results' },
    });
    expect(state.result?.targetSet).toBe(host.embedded.sets[0]?.targetSet);
    const below = state.result?.findings.filter((f) => f.code === 'below-minimum');
    expect(below?.map((f) => [f.cell, f.quarter, f.minimum?.value, f.value])).toEqual([
      [pay[1], 2, 85, 84],
    ]);
    expect(storedNotices(controller)).toEqual([
      {
        code: 'embedded-set-used',
        targetSetId: 'dong-nai-2026',
        part: 'customXml/item1.xml',
        fingerprint,
      },
    ]);
    // the form shows the set and where it came from; the notice is worded by the engine
    expect(state.fields.targetSetId).toBe('dong-nai-2026');
    expect(state.sources.targetSet).toBe('embedded');
    expect(state.chosen).toEqual([]);
    const pane = shown(controller);
    expect(pane).toContain(words.sourceHint('embedded'));
    expect(pane).toContain(
      'Trang tính được kiểm tra theo bộ chỉ tiêu "dong-nai-2026" lưu kèm trong sổ',
    );
    // the list the set field offers: the built-ins, then the stored set, with where it came from
    const offered = targetSetOptions(paneSets(state));
    expect(offered.at(-1)?.set.id).toBe('dong-nai-2026');
    expect(originText(offered.at(-1)?.origin ?? { kind: 'builtin' }, words)).toBe(
      `lưu kèm trong sổ, cho trang “${sheet}”`,
    );
    expect(offered.slice(0, -1).every((o) => o.origin.kind === 'builtin')).toBe(true);
  });

  it('keeps the stored set and its notice through a live re-check after an edit', async () => {
    const set = officeSet();
    const { host, sheet, pay } = await submitted(set);
    const controller = await started(host);
    await controller.check();
    type(host, sheet, pay[1] as string, 86);
    await controller.settled();
    const result = controller.getState().result;
    expect(result?.context.sources.targetSet).toBe('embedded');
    expect(result?.findings.filter((f) => f.code === 'below-minimum')).toEqual([]);
    expect(storedNotices(controller).map((n) => n.code)).toEqual(['embedded-set-used']);
  });

  it('the same set picked by the user: their choice, and nothing to say of the stored copy', async () => {
    const set = officeSet();
    const { host } = await submitted(set);
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    await controller.check();
    const result = controller.getState().result;
    expect(result?.context.sources.targetSet).toBe('option');
    expect(storedNotices(controller)).toEqual([]);
    // the user's copy is the one listed (the stored copy of the same id is not listed twice)
    expect(paneSets(controller.getState()).map((s) => s.origin.kind)).toEqual(['file']);
  });

  it('an altered stored copy, checked with the office’s file the user picked: told, and judged by the official minimum', async () => {
    const set = officeSet();
    const altered = lowered(set);
    const { host, pay } = await submitted(set, altered);
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(set), 'dong-nai-2026.json');
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    expect(result.context.sources.targetSet).toBe('option');
    expect(
      result.findings
        .filter((f) => f.code === 'below-minimum')
        .map((f) => [f.cell, f.minimum?.value]),
    ).toEqual([[pay[1], 85]]);
    expect(storedNotices(controller)).toEqual([
      {
        code: 'embedded-set-differs',
        targetSetId: 'dong-nai-2026',
        part: 'customXml/item1.xml',
        officialId: 'dong-nai-2026',
        against: 'option',
        indicators: [set.indicators[0]?.id],
        added: [],
        removed: [],
        other: false,
        fingerprint: targetSetFingerprint(altered),
        officialFingerprint: targetSetFingerprint(set),
      },
    ]);
    const text = sheetNoticeTexts(result, 'vi').find((t) => t.startsWith('Bộ chỉ tiêu lưu kèm'));
    expect(text).toContain('khác bộ chỉ tiêu đã chọn "dong-nai-2026"');
    expect(text).toContain('Trang tính được kiểm tra theo bộ chính thức.');
    expect(shown(controller)).toContain('Bộ chỉ tiêu lưu kèm trong sổ ("dong-nai-2026"');
  });

  it('an altered stored copy and no set chosen: it is used, and it is not said to be edited (its own fingerprint matches)', async () => {
    const set = officeSet();
    const { host } = await submitted(set, lowered(set));
    const controller = await started(host);
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    // 84% passes the lowered 80%: the stored copy decides when nothing else is given
    expect(result.findings.filter((f) => f.code === 'below-minimum')).toEqual([]);
    expect(storedNotices(controller)).toMatchObject([{ code: 'embedded-set-used' }]);
    expect(storedNotices(controller)[0]).not.toHaveProperty('altered');
  });

  it('a stored set with a built-in id is checked as the built-in set, from the workbook', async () => {
    const set = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const made = writeTemplateWorkbook(set, { level: 'so', unitName: 'Sở Tư pháp' });
    const host = MemoryHost.fromXlsx(made.bytes);
    const controller = await started(host);
    // not listed twice: the built-in set is already offered
    expect(paneSets(controller.getState())).toEqual([]);
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    expect(result.status).toBe('needs-input'); // no results yet: no quarter to check
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.context.sources.targetSet).toBe('embedded');
    expect(result.targetSet).toBe(set);
    expect(storedNotices(controller)).toEqual([
      {
        code: 'embedded-set-used',
        targetSetId: 'binh-phuoc-2025',
        part: 'customXml/item1.xml',
        fingerprint: made.fingerprint,
      },
    ]);
  });

  it('Kiểm tra tất cả: the stored set applies to its sheet only', async () => {
    const set = officeSet();
    const { host, sheet } = await submitted(set);
    const other = 'Bản sao';
    host.sheets.push({
      name: other,
      grid: { ...(host.sheets[0]?.grid as Grid), name: other },
      rules: [],
      notes: new Map(),
      noteRecord: new Map(),
    });
    const controller = await started(host);
    await controller.checkAll();
    const entries = controller.getState().workbook?.entries ?? [];
    const bySheet = new Map(entries.map((e) => [e.sheet, e.result]));
    expect(bySheet.get(sheet)?.context.sources.targetSet).toBe('embedded');
    expect(bySheet.get(sheet)?.notices.map((n) => n.code)).toContain('embedded-set-used');
    // the copy under another name: no stored set for it; its rows match the stored set's
    // (offered as a candidate), detected from its content
    expect(bySheet.get(other)?.context).toMatchObject({
      targetSetId: 'dong-nai-2026',
      sources: { targetSet: 'content' },
    });
    expect(bySheet.get(other)?.notices.filter((n) => n.code.startsWith('embedded'))).toEqual([]);
  });

  it('a stored part that holds no usable set is told by its part, and the sheet is still checked', async () => {
    const set = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
    const made = writeTemplateWorkbook(set, { level: 'so', unitName: 'Sở Tư pháp' });
    const host = MemoryHost.fromXlsx(made.bytes);
    const xml = embeddedTargetSetXml(set, [made.sheet]).replace(
      '"indicators":[',
      '"indicators":[}',
    );
    const parsed = parseEmbeddedTargetSetXml(xml, 'customXml/item1.xml');
    if (parsed.kind !== 'problem') throw new Error('expected a problem');
    host.embedded = { sets: [], problems: [parsed.problem] };
    const controller = await started(host);
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.context.sources.targetSet).toBe('content');
    expect(storedNotices(controller)).toMatchObject([
      { code: 'embedded-set-unreadable', part: 'customXml/item1.xml', reason: 'invalid-set' },
    ]);
    expect(shown(controller)).toContain(
      'Không dùng được bộ chỉ tiêu lưu kèm trong sổ (phần "customXml/item1.xml")',
    );
  });

  it('a host that cannot list stored sets stores none; one that fails says so and the pane still starts', async () => {
    const set = officeSet();
    const { host } = await submitted(set);
    const failing = Object.assign(Object.create(host) as MemoryHost, {
      readEmbeddedSets: async (): Promise<EmbeddedSets> => {
        throw new Error('customXmlParts unavailable');
      },
    });
    const controller = await started(failing);
    expect(controller.getState().phase).toBe('idle');
    expect(controller.getState().notices).toEqual([
      { kind: 'unexpected', cause: 'customXmlParts unavailable' },
    ]);
    expect(controller.getState().stored).toEqual({ sets: [], problems: [] });
  });
});

describe('the in-memory host', () => {
  it('reads the stored sets of a file as the CLI does, and keeps them to their sheets under new names', async () => {
    const set = officeSet();
    const made = writeTemplateWorkbook(set, { level: 'so' });
    const whole = MemoryHost.fromXlsx(made.bytes);
    expect(await whole.readEmbeddedSets()).toMatchObject({
      sets: [{ part: 'customXml/item1.xml', fingerprint: made.fingerprint, sheets: [made.sheet] }],
      problems: [],
    });
    const gathered = MemoryHost.fromParts([
      { bytes: made.bytes, sheets: { [made.sheet]: 'Sở Tư pháp' } },
    ]);
    expect((await gathered.readEmbeddedSets()).sets.map((s) => s.sheets)).toEqual([['Sở Tư pháp']]);
  });
});

describe('words', () => {
  it('name a stored set’s origin in both languages', () => {
    const origin = { kind: 'embedded', sheets: ['Mẫu phụ lục 2026'] } as const;
    expect(originText(origin, words)).toBe('lưu kèm trong sổ, cho trang “Mẫu phụ lục 2026”');
    expect(originText(origin, en)).toBe('stored in the workbook, for the sheet “Mẫu phụ lục 2026”');
    expect(originText({ kind: 'embedded', sheets: [] }, words)).toBe('lưu kèm trong sổ làm việc');
    expect(originText({ kind: 'embedded', sheets: ['A', 'B'] }, en)).toBe(
      'stored in the workbook, for the sheets “A”, “B”',
    );
    expect(words.sourceHint('embedded')).toBe('lưu kèm trong sổ làm việc');
    expect(en.sourceHint('embedded')).toBe('stored in the workbook');
  });

  it('the Office host asks Excel for the namespace the writer uses', () => {
    expect(OFFICE_NAMESPACE).toBe(EMBEDDED_SET_NAMESPACE);
  });
});
