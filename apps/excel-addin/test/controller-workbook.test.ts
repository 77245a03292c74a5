/**
 * The reviewer's and the daily user's flows over in-memory workbooks built from the example
 * submissions: "Kiểm tra tất cả", "Tạo báo cáo", "Chèn mẫu phụ lục", live updates after an
 * edit, notes on marked cells, and the settings kept with the workbook.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSheet,
  countByStatus,
  findingNote,
  fromA1,
  type Grid,
  getBuiltinTargetSet,
  REPORT_SHEET_NAME,
  templateSheetName,
} from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { en, vi as viText } from '../src/app/i18n.js';
import { NOTE_PREFIX } from '../src/app/live.js';
import { addCounts } from '../src/app/model.js';
import { describeNotice, describeSkip, type SkipReason } from '../src/app/notices.js';
import { MemoryHost, type MemoryHostOptions } from '../src/host/memory.js';
import { HostError } from '../src/host/types.js';
import { started } from './pane.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(file, EXAMPLES))));

/** A reviewer's workbook: three units' annexes and a sheet of notes. */
function reviewHost(options: MemoryHostOptions = {}): MemoryHost {
  return MemoryHost.fromParts(
    [
      { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
      { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
      { bytes: bytes('ubnd-huyen-bu-dop.xlsx'), sheets: { 'Phụ lục': 'UBND Bù Đốp' } },
    ],
    options,
  );
}

/** One unit's workbook, as department staff keep it. */
function unitHost(options: MemoryHostOptions = {}): MemoryHost {
  return MemoryHost.fromParts(
    [{ bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Phụ lục' } }],
    options,
  );
}

const FIXED_NOW = () => new Date(2026, 10, 22, 9, 30);

const startedAt = (host: MemoryHost) => started(host, { now: FIXED_NOW });

function engineCheck(host: MemoryHost, sheet: string) {
  const s = host.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(sheet);
  // The pane's default near-miss band: 1 percentage point.
  return checkSheet({ ...s.grid, name: sheet }, { nearMissBand: 1 });
}

/** 100 % as the cell holds it: 1 in a percent-formatted cell, 100 in a plain one. */
function full(grid: Grid, cell: string): number {
  const { row, column } = at(grid, cell);
  return grid.rows[row]?.[column]?.numberFormat?.includes('%') ? 1 : 100;
}

/** The grid indexes of an A1 cell on a sheet (the grid may start below A1). */
function at(grid: Grid, cell: string): { row: number; column: number } {
  const a = fromA1(cell);
  if (!a) throw new Error(cell);
  const origin = grid.origin ?? { row: 0, column: 0 };
  return { row: a.row - origin.row, column: a.column - origin.column };
}

describe('Kiểm tra tất cả', () => {
  it('checks every annex sheet, marks each, and lists the others with the reason', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    await controller.checkAll();
    const state = controller.getState();
    expect(state.phase).toBe('idle');
    expect(state.result).toBeUndefined();
    const entries = state.workbook?.entries ?? [];
    expect(entries.map((e) => [e.sheet, e.skipped?.kind ?? 'checked'])).toEqual([
      ['Sở Tư pháp', 'checked'],
      ['Sở Nội vụ', 'checked'],
      ['Ghi chú', 'not-an-annex'],
      ['UBND Bù Đốp', 'checked'],
    ]);
    const skipped = entries[2]?.skipped;
    expect(skipped?.kind === 'not-an-annex' && skipped.finding?.code).toBe('not-an-annex');
    expect(describeSkip(skipped as SkipReason, viText)).toMatch(
      /^Không phải bảng phụ lục chỉ tiêu/,
    );
    expect(describeSkip(skipped as SkipReason, en)).toMatch(/^Not an annex/);

    // The same findings as the engine gives each sheet on its own.
    for (const sheet of ['Sở Tư pháp', 'Sở Nội vụ', 'UBND Bù Đốp']) {
      const engine = engineCheck(host, sheet);
      const mine = entries.find((e) => e.sheet === sheet)?.result;
      expect(mine?.summary.byCode).toEqual(engine.summary.byCode);
      const rules = host.sheets.find((s) => s.name === sheet)?.rules ?? [];
      expect(rules).toHaveLength(engine.markPlan.rules.length);
      expect(rules.length).toBeGreaterThan(0);
    }
    expect(host.sheets.find((s) => s.name === 'Ghi chú')?.rules).toEqual([]);

    // One combined summary, and the notice counts the same.
    const total = addCounts(
      entries.flatMap((e) =>
        e.result?.status === 'checked' && !e.skipped ? [countByStatus(e.result.findings)] : [],
      ),
    );
    const below = ['Sở Tư pháp', 'Sở Nội vụ', 'UBND Bù Đốp']
      .map((s) => engineCheck(host, s).summary.byCode['below-minimum'])
      .reduce((a, b) => a + b, 0);
    expect(total['below-minimum'] + total['near-miss']).toBe(below);
    const [notice] = state.notices;
    expect(notice).toMatchObject({ kind: 'checked-all', checked: 3, skipped: 1 });
    expect(describeNotice(notice as never, viText).body).toContain(
      'Đã kiểm tra 3 trang tính phụ lục, bỏ qua 1 trang tính khác',
    );
    // The units differ: the form does not pretend one unit name.
    expect(state.fields.unitName).toBe('');
    expect(state.fields.targetSetId).toBe('binh-phuoc-2025');
  });

  it('shows its own phase while it runs, so its own button spins', async () => {
    const controller = await startedAt(reviewHost());
    const phases: string[] = [];
    controller.subscribe(() => {
      const phase = controller.getState().phase;
      if (phases.at(-1) !== phase) phases.push(phase);
    });
    await controller.checkAll();
    expect(phases).toEqual(['checking-all', 'idle']);
  });

  it('skips the add-in’s own report sheet and lists a sheet it cannot read', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    await controller.createReport();
    const realRead = host.readSheet.bind(host);
    host.readSheet = async (sheet: string) => {
      if (sheet === 'UBND Bù Đốp') throw new Error('disk on fire');
      return realRead(sheet);
    };
    await controller.checkAll();
    const entries = controller.getState().workbook?.entries ?? [];
    expect(entries.find((e) => e.sheet === REPORT_SHEET_NAME.vi)?.skipped).toEqual({
      kind: 'report',
    });
    expect(entries.find((e) => e.sheet === 'UBND Bù Đốp')?.skipped).toEqual({
      kind: 'error',
      notice: { kind: 'unexpected', cause: 'disk on fire' },
    });
    expect(controller.getState().notices[0]).toMatchObject({ checked: 2, skipped: 3 });
  });

  it('removes the marks of every checked sheet, and only the add-in’s', async () => {
    const host = reviewHost();
    const user = host.addUserRule('Sở Nội vụ', ['A1:A3'], '=A1>0');
    const controller = await startedAt(host);
    await controller.checkAll();
    await controller.clearMarks();
    expect(host.sheets.find((s) => s.name === 'Sở Tư pháp')?.rules).toEqual([]);
    expect(host.sheets.find((s) => s.name === 'Sở Nội vụ')?.rules).toEqual([user]);
    expect(controller.getState().notices[0]).toMatchObject({
      kind: 'cleared',
      sheets: ['Sở Tư pháp', 'Sở Nội vụ', 'UBND Bù Đốp'],
    });
  });
});

describe('Tạo báo cáo', () => {
  it('writes one row per finding to review, each linking to its cell, and the context of each sheet', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    await controller.checkAll();
    await controller.createReport();
    const report = host.sheets.find((s) => s.owner === 'report');
    expect(report?.name).toBe('Kết quả kiểm tra');
    expect(host.active).toBe('Kết quả kiểm tra');
    const text = (report?.content?.rows ?? [])
      .map((row) => row.map((c) => (c?.value ?? '').toString()).join(' | '))
      .join('\n');
    expect(text).toContain('Ngày kiểm tra: 22/11/2026 09:30');
    expect(text).not.toContain('Ngày kiểm tra: Ngày');
    for (const unit of ['Sở Tư pháp', 'Sở Nội vụ', 'UBND huyện Bù Đốp'])
      expect(text).toContain(unit);

    // Every link goes to a real finding's cell on its sheet; every finding to review has one.
    const toReview = new Set<string>();
    for (const entry of controller.getState().workbook?.entries ?? []) {
      if (entry.result?.status !== 'checked') continue;
      for (const f of entry.result.findings) {
        if (
          f.cell &&
          ['below-minimum', 'missing-value', 'invalid-value', 'unrecognised-row'].includes(f.code)
        )
          toReview.add(`${entry.sheet}!${f.cell}`);
      }
    }
    const links = new Set((report?.links ?? []).map((l) => `${l.sheet}!${l.target}`));
    expect(toReview.size).toBeGreaterThan(10);
    for (const target of toReview) expect(links).toContain(target);
    for (const target of links) {
      const [sheet] = target.split('!');
      expect(host.sheets.some((s) => s.name === sheet)).toBe(true);
    }
    expect(controller.getState().notices.at(-1)).toMatchObject({
      kind: 'report-written',
      sheet: 'Kết quả kiểm tra',
      sheets: 4,
    });
  });

  it('refreshes its own sheet in place and never touches a user’s sheet of the same name', async () => {
    const host = reviewHost();
    host.sheets.push({
      name: 'Kết quả kiểm tra',
      grid: { rows: [[{ value: 'ghi chép của tôi' }]] },
      rules: [],
      notes: new Map(),
      noteRecord: new Map(),
    });
    const mine = host.sheets.at(-1)?.grid;
    const controller = await startedAt(host);
    await controller.check(); // the active sheet only: "Sở Tư pháp"
    await controller.createReport();
    expect(host.sheets.map((s) => s.name)).toEqual([
      'Sở Tư pháp',
      'Sở Nội vụ',
      'Ghi chú',
      'UBND Bù Đốp',
      'Kết quả kiểm tra',
      'Kết quả kiểm tra (2)',
    ]);
    const first = host.sheets.at(-1)?.content;
    expect(JSON.stringify(first)).not.toContain('UBND huyện Bù Đốp');

    await controller.checkAll();
    await controller.createReport();
    expect(host.sheets).toHaveLength(6);
    expect(host.sheets[4]?.grid).toBe(mine);
    expect(JSON.stringify(host.sheets[5]?.content)).toContain('UBND huyện Bù Đốp');
  });

  it('checks the whole workbook first when nothing was checked', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    await controller.createReport();
    expect(controller.getState().workbook?.entries).toHaveLength(4);
    expect(host.sheets.find((s) => s.owner === 'report')?.links?.length).toBeGreaterThan(10);
  });

  it('is written in English when the pane is', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    controller.setLocale('en');
    await controller.createReport();
    const report = host.sheets.find((s) => s.owner === 'report');
    expect(report?.name).toBe('Check results');
    expect(JSON.stringify(report?.content)).toContain('Checked on: 2026-11-22 09:30');
  });
});

describe('Chèn mẫu phụ lục', () => {
  it('with a level chosen, lays out only that level’s rows, as `chitieu template --level` does', async () => {
    const rowsOf = async (level?: string) => {
      const host = unitHost();
      const controller = await startedAt(host);
      controller.setField('targetSet', 'binh-phuoc-2025');
      if (level) controller.setField('level', level);
      await controller.insertTemplate();
      const sheet = host.sheets.find((s) => s.name === templateSheetName(2025));
      return (sheet?.content?.rows ?? []).map((r) => r.map((c) => c?.value ?? '').join('|'));
    };
    const all = await rowsOf();
    const huyen = await rowsOf('huyen');
    const lead = (rows: string[], who: string) => rows.filter((r) => r.includes(`|${who}|`)).length;
    expect(lead(all, 'Các sở, ban, ngành')).toBeGreaterThan(0);
    expect(lead(huyen, 'Các sở, ban, ngành')).toBe(0);
    expect(lead(huyen, 'UBND cấp huyện')).toBe(3);
    expect(huyen.length).toBeLessThan(all.length);
  });

  it('inserts the chosen set’s annex, which checks with no unrecognised row', async () => {
    const host = unitHost();
    const controller = await startedAt(host);
    controller.setField('targetSet', 'binh-phuoc-2025');
    controller.setField('unitName', 'Sở Tư pháp');
    await controller.insertTemplate();
    const name = templateSheetName(2025);
    const sheet = host.sheets.find((s) => s.name === name);
    expect(sheet?.owner).toBe('template');
    expect(host.active).toBe(name);
    expect(controller.getState().notices[0]).toMatchObject({
      kind: 'template-inserted',
      sheet: name,
    });

    // Percent indicators get percent-formatted result cells.
    const formats = new Set(
      (sheet?.content?.rows ?? []).flatMap((r) => r.map((c) => c?.numberFormat)).filter(Boolean),
    );
    expect([...formats].some((f) => f?.includes('%'))).toBe(true);

    // Recognised without help: only the quarter is asked for, as nothing is filled in yet.
    const grid = { ...(sheet?.grid as Grid), name };
    const bare = checkSheet(grid);
    expect(bare.status).toBe('needs-input');
    expect(bare.needs).toEqual(['quarter']);
    expect(bare.context).toMatchObject({
      targetSetId: 'binh-phuoc-2025',
      unitName: 'Sở Tư pháp',
      level: 'so',
    });
    const result = checkSheet(grid, { quarter: 2 });
    expect(result.status).toBe('checked');
    expect(result.findings.filter((f) => f.code === 'unrecognised-row')).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'target-mismatch')).toEqual([]);
    const set = getBuiltinTargetSet('binh-phuoc-2025');
    const indicators = new Set(result.findings.map((f) => f.indicatorId));
    expect(indicators.size).toBe(set?.indicators.length);
    // Every result cell of Quý I and II of the unit's rows is waiting for a value.
    expect(result.findings.some((f) => f.code === 'missing-value' && f.quarter === 2)).toBe(true);
  });

  it('always adds a new sheet: a filled-in template is never replaced', async () => {
    const host = unitHost();
    const controller = await startedAt(host);
    controller.setField('targetSet', 'nq01-nq02-2025');
    await controller.insertTemplate();
    const first = host.sheets.at(-1);
    host.setCell(first?.name ?? '', 8, 5, 0.5);
    const filled = first?.grid;
    await controller.insertTemplate();
    expect(host.sheets.map((s) => s.name)).toEqual([
      'Phụ lục',
      'Mẫu phụ lục 2025',
      'Mẫu phụ lục 2025 (2)',
    ]);
    expect(host.sheets[1]?.grid).toBe(filled);
  });

  it('asks for the target set when none is chosen or detected', async () => {
    const host = unitHost();
    const controller = await startedAt(host);
    await controller.insertTemplate();
    const state = controller.getState();
    expect(host.sheets).toHaveLength(1);
    expect(state.notices).toEqual([{ kind: 'template-needs-set' }]);
    expect(state.needs).toEqual(['targetSet']);
    expect(state.focus?.field).toBe('targetSet');
  });
});

describe('live updates', () => {
  async function checkedUnit(options: MemoryHostOptions = {}) {
    const host = unitHost(options);
    const controller = await startedAt(host);
    await controller.check();
    const result = controller.getState().result;
    const below = result?.findings.find((f) => f.code === 'below-minimum' && f.cell);
    if (!below?.cell) throw new Error('the example has a value below its minimum');
    return { host, controller, cell: below.cell };
  }

  it('a one-cell edit re-reads that cell only and updates the summary', async () => {
    const { host, controller, cell } = await checkedUnit();
    const before = countByStatus(controller.getState().result?.findings ?? []);
    const grid = host.sheets[0]?.grid as Grid;
    const { row, column } = at(grid, cell);
    host.calls.length = 0;

    host.setCell('Phụ lục', row, column, full(grid, cell));
    await controller.settled();

    const after = countByStatus(controller.getState().result?.findings ?? []);
    expect(after['below-minimum'] + after['near-miss']).toBe(
      before['below-minimum'] + before['near-miss'] - 1,
    );
    expect(after.met).toBe(before.met + 1);
    expect(host.calls).toEqual([`readRange Phụ lục!${cell}`]);
    // The notice's count follows.
    expect(controller.getState().notices[0]).toMatchObject({ kind: 'checked' });
  });

  it('collects quick edits into one re-check', async () => {
    const { host, controller } = await checkedUnit();
    let rechecks = 0;
    let updating = false;
    controller.subscribe(() => {
      const now = controller.getState().updating;
      if (now && !updating) rechecks++;
      updating = now;
    });
    host.calls.length = 0;
    const rows = host.sheets[0]?.grid.rows.length ?? 0;
    for (let i = 0; i < 5; i++) host.setCell('Phụ lục', rows + 2 + i, 0, `ghi chú ${i}`);
    await controller.settled();
    expect(rechecks).toBe(1);
    expect(host.calls.filter((c) => c.startsWith('readRange'))).toHaveLength(5);
    expect(host.calls.filter((c) => c.startsWith('readSheet'))).toHaveLength(0);
    // Lines of text under the table change no finding and no mark.
    expect(host.calls.filter((c) => c.startsWith('applyMarks'))).toHaveLength(0);
  });

  it('re-reads the whole sheet after a row is inserted, and writes marks only when they change', async () => {
    const { host, controller } = await checkedUnit();
    const rulesBefore = host.sheets[0]?.rules.map((r) => r.ranges.join(','));
    host.calls.length = 0;
    host.insertRow('Phụ lục', 0);
    await controller.settled();
    expect(host.calls).toContain('readSheet Phụ lục');
    expect(host.calls).toContain('applyMarks Phụ lục'); // every mark moved down a row
    const rulesAfter = host.sheets[0]?.rules.map((r) => r.ranges.join(','));
    expect(rulesAfter).not.toEqual(rulesBefore);
    expect(controller.getState().result?.status).toBe('checked');
  });

  it('ignores the add-in’s own writes, even where Excel reports them', async () => {
    const host = unitHost({ echoOwnWrites: true, notes: true });
    const controller = await startedAt(host);
    controller.setNotes(true);
    await controller.check();
    await controller.settled();
    // the stored target sets once, when the pane starts; the sheet once, by the check
    expect(host.calls.filter((c) => c.startsWith('read'))).toEqual([
      'readEmbeddedSets',
      'readSheet Phụ lục',
    ]);
  });

  it('stops after the marks are removed', async () => {
    const { host, controller, cell } = await checkedUnit();
    await controller.clearMarks();
    host.calls.length = 0;
    const { row, column } = at(host.sheets[0]?.grid as Grid, cell);
    host.setCell('Phụ lục', row, column, 100);
    await controller.settled();
    expect(host.calls).toEqual([]);
  });

  it('stops following a sheet that was deleted, without an error', async () => {
    const { host, controller, cell } = await checkedUnit();
    const grid = host.sheets[0]?.grid as Grid;
    host.readRange = async () => {
      throw new HostError({ code: 'not-found', sheet: 'Phụ lục' });
    };
    const { row, column } = at(grid, cell);
    host.setCell('Phụ lục', row, column, 1);
    await controller.settled();
    host.calls.length = 0;
    host.setCell('Phụ lục', row, column, 0.5);
    await controller.settled();
    expect(host.calls).toEqual([]);
    expect(controller.getState().notices.map((n) => n.kind)).toEqual(['checked']);
  });

  it('says so when an edit makes the sheet unreadable, and follows it back when mended', async () => {
    const { host, controller } = await checkedUnit();
    const grid = host.sheets[0]?.grid as Grid;
    // Every header (repeated on each printed page): both rows of each, from the "Stt" row.
    const headers = grid.rows.flatMap((r, i) =>
      String(r[0]?.value ?? '').trim() === 'Stt' ? [i, i + 1] : [],
    );
    expect(headers.length).toBeGreaterThan(0);
    const saved = headers.map((r) => [r, [...(grid.rows[r] ?? [])]] as const);
    for (const [r, cells] of saved)
      for (let c = 0; c < cells.length; c++) host.setCell('Phụ lục', r, c, null);
    await controller.settled();
    expect(controller.getState().notices[0]?.kind).toBe('not-an-annex');
    expect(controller.getState().result?.status).toBe('not-an-annex');

    for (const [r, cells] of saved)
      for (const [c, cell] of cells.entries())
        if (cell && typeof cell.value !== 'boolean')
          host.setCell('Phụ lục', r, c, cell.value as string | number);
    await controller.settled();
    expect(controller.getState().result?.status).toBe('checked');
    expect(controller.getState().notices[0]?.kind).toBe('checked');
  });

  it('follows each sheet after Kiểm tra tất cả', async () => {
    const host = reviewHost();
    const controller = await startedAt(host);
    await controller.checkAll();
    const entry = () =>
      controller.getState().workbook?.entries.find((e) => e.sheet === 'Sở Nội vụ');
    const below = entry()?.result?.findings.find((f) => f.code === 'below-minimum' && f.cell);
    if (!below?.cell) throw new Error('Sở Nội vụ has a value below its minimum');
    const sheet = host.sheets.find((s) => s.name === 'Sở Nội vụ');
    const { row, column } = at(sheet?.grid as Grid, below.cell);
    host.calls.length = 0;
    host.setCell('Sở Nội vụ', row, column, full(sheet?.grid as Grid, below.cell));
    await controller.settled();
    expect(host.calls).toEqual([`readRange Sở Nội vụ!${below.cell}`]);
    const now = entry()?.result?.findings.find(
      (f) => f.cell === below.cell && f.quarter === below.quarter,
    );
    expect(now?.code).toBe('met');
  });
});

describe('notes on marked cells', () => {
  it('puts the reason on each marked cell, keeps it in step, and removes it with the marks', async () => {
    const host = unitHost({ notes: true });
    host.addUserNote('Phụ lục', 'A1', 'ghi chú của tôi');
    const controller = await startedAt(host);
    controller.setNotes(true);
    await controller.check();
    const sheet = host.sheets[0];
    const plan = controller.getState().result?.markPlan;
    const marked = new Set(plan?.groups.flatMap((g) => g.cells.map((c) => c.cell)));
    expect(marked.size).toBeGreaterThan(0);
    expect(sheet?.noteRecord.size).toBe(marked.size);
    const [cell] = [...marked];
    // The note is worded from the cell's finding, in the pane's language (Vietnamese here).
    const first = plan?.groups.flatMap((g) => g.cells).find((c) => c.cell === cell);
    const targetSet = controller.getState().result?.targetSet;
    const reason = first && findingNote(first.finding, { locale: 'vi', targetSet });
    expect(sheet?.notes.get(cell as string)).toBe(`${NOTE_PREFIX}${reason}`);

    // Fix the value: after the live re-check its note is gone too.
    const below = plan?.groups.find((g) => g.status === 'below-minimum')?.cells[0];
    if (!below) throw new Error('a value below its minimum');
    const { row, column } = at(sheet?.grid as Grid, below.cell);
    host.setCell('Phụ lục', row, column, full(sheet?.grid as Grid, below.cell));
    await controller.settled();
    const stillMarked = controller
      .getState()
      .result?.markPlan.groups.some((g) => g.cells.some((c) => c.cell === below.cell));
    expect(sheet?.notes.has(below.cell)).toBe(stillMarked);

    await controller.clearMarks();
    expect([...(sheet?.notes ?? [])]).toEqual([['A1', 'ghi chú của tôi']]);
  });

  it('switching the option off removes the notes at once; a user’s note on a marked cell stays', async () => {
    const host = unitHost({ notes: true });
    const controller = await startedAt(host);
    await controller.check();
    const cell = controller.getState().result?.markPlan.groups[0]?.cells[0]?.cell as string;
    host.addUserNote('Phụ lục', cell, 'đã hỏi đơn vị');
    expect(host.sheets[0]?.notes.size).toBe(1);
    controller.setNotes(true);
    await controller.settled();
    expect(host.sheets[0]?.notes.get(cell)).toBe('đã hỏi đơn vị');
    expect(host.sheets[0]?.notes.size).toBeGreaterThan(1);
    controller.setNotes(false);
    await controller.settled();
    expect([...(host.sheets[0]?.notes ?? [])]).toEqual([[cell, 'đã hỏi đơn vị']]);
  });

  it('still marks and follows the sheet when its notes cannot be written', async () => {
    const host = unitHost({ notes: true });
    host.setNotes = async () => {
      throw new HostError({ code: 'protected', what: 'sheet', sheet: 'Phụ lục' });
    };
    const controller = await startedAt(host);
    controller.setNotes(true);
    await controller.check();
    const state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(host.sheets[0]?.rules.length).toBeGreaterThan(0);
    expect(state.notices.map((n) => n.kind)).toEqual(['checked', 'host-error']);
    expect(host.calls).toContain('onSheetChanged Phụ lục');
  });

  it('never asks a workbook without notes for them', async () => {
    const host = unitHost();
    const controller = await startedAt(host);
    controller.setNotes(true);
    await controller.check();
    await controller.clearMarks();
    await controller.settled();
    expect(host.calls.some((c) => c.startsWith('setNotes'))).toBe(false);
  });
});

describe('settings kept with the workbook', () => {
  it('survive a reload of the pane: fields, choices and options', async () => {
    const host = unitHost({ notes: true });
    const first = await startedAt(host);
    first.setField('targetSet', 'binh-phuoc-2025');
    first.setField('level', 'so');
    first.setField('unitName', 'Sở Tư pháp');
    first.setField('quarter', 3);
    first.setNotes(true);
    first.setShowAll(true);
    await first.settled();
    await first.dispose();

    const second = await startedAt(host);
    const state = second.getState();
    expect(state.fields).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 3,
    });
    expect(state.chosen).toEqual(['targetSet', 'level', 'unitName', 'quarter']);
    expect(state.notes).toBe(true);
    expect(state.showAll).toBe(true);
    expect(state.sources.quarter).toBe('saved');
  });

  it('are saved once the user pauses, not on every keystroke', async () => {
    const host = unitHost();
    const controller = await startedAt(host);
    for (const text of ['S', 'Sở', 'Sở T', 'Sở Tư pháp']) controller.setField('unitName', text);
    await controller.settled();
    expect(host.calls.filter((c) => c === 'saveSettings')).toHaveLength(1);
  });
});
