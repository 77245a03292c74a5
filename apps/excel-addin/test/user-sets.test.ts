/**
 * The add-in's own target sets: one read from an annex sheet of the workbook (reviewed before it
 * is used), one from a JSON file the user picks; kept with the workbook, listed with the
 * built-ins with where each came from, used by checks and by Chèn mẫu phụ lục.
 */
import { getBuiltinTargetSet } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { targetSetOptions } from '../src/app/form.js';
import { vi as words } from '../src/app/i18n.js';
import { describeNotice, originText } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { dongNaiAnnex } from './dong-nai-2026.js';
import { shown, started } from './pane.js';

const ANNEX = dongNaiAnnex('Phụ lục 2026');

function annexHost(): MemoryHost {
  return new MemoryHost([
    { name: 'Phụ lục 2026', grid: ANNEX },
    { name: 'Ghi chú', grid: { rows: [[{ value: 'Không phải phụ lục' }]], merges: [] } },
  ]);
}

describe('Đọc bộ chỉ tiêu từ trang này', () => {
  it('shows what it read for review, and uses nothing until accepted', async () => {
    const host = annexHost();
    const controller = await started(host);
    await controller.readTargetSetFromSheet();
    const { review, userSets, fields } = controller.getState();
    expect(review?.sheet).toBe('Phụ lục 2026');
    expect(review?.imported.set.id).toBe('dong-nai-2026');
    expect(review?.imported.rows.map((r) => [r.stt, r.annual?.value, r.written])).toEqual([
      ['1', 90, 'tối thiểu'],
      ['2', 98, 'trên'],
    ]);
    expect(userSets).toEqual([]);
    expect(fields.targetSetId).toBeUndefined();
    const pane = shown(controller);
    expect(pane).toContain('Bộ chỉ tiêu đọc từ trang “Phụ lục 2026”');
    expect(pane).toContain('Dùng bộ chỉ tiêu này');

    controller.cancelReview();
    expect(controller.getState().review).toBeUndefined();
    expect(controller.getState().userSets).toEqual([]);
  });

  it('accepted: kept with the workbook, chosen, listed with its origin, survives a restart', async () => {
    const host = annexHost();
    const controller = await started(host);
    await controller.readTargetSetFromSheet();
    await controller.acceptReview();
    const state = controller.getState();
    expect(state.review).toBeUndefined();
    expect(state.fields.targetSetId).toBe('dong-nai-2026');
    expect(state.chosen).toEqual(['targetSet']);
    expect(state.userSets.map((u) => [u.set.id, u.origin])).toEqual([
      ['dong-nai-2026', { kind: 'sheet', sheet: 'Phụ lục 2026' }],
    ]);
    expect(describeNotice(state.notices[0] as never, words).body).toBe(
      `${state.userSets[0]?.set.title} (đọc từ trang “Phụ lục 2026”) được lưu cùng sổ làm việc và đã được chọn để kiểm tra.`,
    );
    const listed = targetSetOptions(state.userSets).map((o) => [
      o.set.id,
      originText(o.origin, words),
    ]);
    expect(listed.at(-1)).toEqual(['dong-nai-2026', 'đọc từ trang “Phụ lục 2026”']);
    expect(listed.slice(0, -1).every(([, o]) => o === 'có sẵn')).toBe(true);

    await controller.settled();
    const again = await started(host);
    expect(again.getState().userSets.map((u) => u.set)).toEqual(state.userSets.map((u) => u.set));
    expect(again.getState().fields.targetSetId).toBe('dong-nai-2026');
    expect(shown(again)).toContain('Bộ chỉ tiêu');
  });

  it('a chosen user set is what checks and the template use', async () => {
    const host = annexHost();
    const controller = await started(host);
    await controller.readTargetSetFromSheet();
    await controller.acceptReview();
    await controller.insertTemplate();
    const notice = controller.getState().notices[0];
    expect(notice).toMatchObject({ kind: 'template-inserted', targetSetId: 'dong-nai-2026' });
    const template = host.sheets.find((s) => s.owner === 'template');
    expect(template?.name).toBe('Mẫu phụ lục 2026');
    // The template checks against the user's set (it is no built-in).
    await controller.check();
    expect(controller.getState().result?.context.targetSetId).toBe('dong-nai-2026');
    expect(controller.getState().result?.status).not.toBe('not-an-annex');
  });

  it('a sheet that is no annex: the importer’s reason, in words', async () => {
    const host = annexHost();
    host.active = 'Ghi chú';
    const controller = await started(host);
    await controller.readTargetSetFromSheet();
    const [notice] = controller.getState().notices;
    expect(notice).toMatchObject({ kind: 'set-import-failed', sheet: 'Ghi chú' });
    expect(describeNotice(notice as never, words).title).toBe(
      'Không đọc được bộ chỉ tiêu từ trang “Ghi chú”',
    );
    expect(controller.getState().review).toBeUndefined();
  });
});

describe('a target-set file the user picks', () => {
  const builtin = getBuiltinTargetSet('binh-phuoc-2025');
  const mine = { ...builtin, id: 'dong-nai-2026-thu', title: 'Bộ chỉ tiêu thử' };

  it('is added with its file name as origin, and chosen', async () => {
    const host = annexHost();
    const controller = await started(host);
    await controller.addTargetSetFromJson(JSON.stringify(mine), 'bo-chi-tieu.json');
    const state = controller.getState();
    expect(state.userSets.map((u) => [u.set.id, u.origin])).toEqual([
      ['dong-nai-2026-thu', { kind: 'file', name: 'bo-chi-tieu.json' }],
    ]);
    expect(state.fields.targetSetId).toBe('dong-nai-2026-thu');
    expect(state.notices[0]).toMatchObject({ kind: 'set-added' });
  });

  it('a bad file: every problem with its place, and nothing added', async () => {
    const host = annexHost();
    const controller = await started(host);
    const bad = JSON.stringify({ ...mine, year: 'năm nay', indicators: [] }, null, 2);
    await controller.addTargetSetFromJson(bad, 'hong.json');
    const state = controller.getState();
    expect(state.userSets).toEqual([]);
    const [notice] = state.notices;
    expect(notice?.kind).toBe('set-file-invalid');
    const view = describeNotice(notice as never, words);
    expect(view.title).toBe('Tệp “hong.json” không phải bộ chỉ tiêu hợp lệ');
    expect(view.body).toMatch(/year/);
    expect(view.body).toMatch(/indicators/);
    expect(view.body.split('\n').length).toBeGreaterThanOrEqual(2);

    await controller.addTargetSetFromJson('{ "id": ', 'cut.json');
    expect(controller.getState().notices[0]).toMatchObject({
      kind: 'set-file-invalid',
      issues: [{ problem: { kind: 'json-truncated' } }],
    });
  });

  it('a built-in id with other content is refused', async () => {
    const controller = await started(annexHost());
    await controller.addTargetSetFromJson(
      JSON.stringify({ ...builtin, title: 'Đã sửa' }),
      'sua.json',
    );
    expect(controller.getState().notices[0]).toMatchObject({
      kind: 'set-file-invalid',
      issues: [{ path: 'id', problem: { kind: 'builtin-id' } }],
    });
  });
});

describe('Chèn mẫu phụ lục', () => {
  it('asks for the set when only a check detected one', async () => {
    const host = annexHost();
    const controller = await started(host);
    await controller.addTargetSetFromJson(
      JSON.stringify({ ...getBuiltinTargetSet('binh-phuoc-2025'), id: 'x-2025', title: 'X' }),
      'x.json',
    );
    controller.resetField('targetSet');
    await controller.insertTemplate();
    expect(controller.getState().notices).toEqual([{ kind: 'template-needs-set' }]);
  });
});
