/**
 * The pane's check flow over an in-memory copy of a real submission (so-tu-phap.xlsx):
 * what Excel would see, without Excel or a browser.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSheet,
  countByStatus,
  describeFinding,
  type Grid,
  type MarkPlan,
  type SheetFinding,
} from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { PaneController } from '../src/app/controller.js';
import { en, vi } from '../src/app/i18n.js';
import { describeNotice } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { type ApplyResult, HostError, type WorkbookHost } from '../src/host/types.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/nop-quy-2-2025/so-tu-phap.xlsx', import.meta.url),
);
const SHEET = 'Phụ lục';

function exampleHost(): MemoryHost {
  return MemoryHost.fromXlsx(new Uint8Array(readFileSync(EXAMPLE)));
}

async function started(host: WorkbookHost, locale: 'vi' | 'en' = 'vi'): Promise<PaneController> {
  const controller = new PaneController(host, { locale });
  await controller.start();
  return controller;
}

function findingAt(controller: PaneController, cell: string): SheetFinding {
  const f = controller.getState().result?.findings.find((x) => x.cell === cell);
  if (!f) throw new Error(`no finding at ${cell}`);
  return f;
}

/** A finding's words as the pane shows them: in the pane's current language. */
function wordsAt(controller: PaneController, cell: string): string {
  const { locale, result } = controller.getState();
  return describeFinding(findingAt(controller, cell), { locale, targetSet: result?.targetSet });
}

/** A host over the example whose one method is replaced (errors, slowness). */
function hostWith(overrides: Partial<WorkbookHost>): WorkbookHost {
  const base = exampleHost();
  return new Proxy(base, {
    get(target, key, receiver) {
      if (key in overrides) return overrides[key as keyof WorkbookHost];
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('PaneController: checking the example submission', () => {
  it('shows the same counts as the engine and what it detected', async () => {
    const host = exampleHost();
    const controller = await started(host);
    expect(controller.getState().phase).toBe('idle');
    await controller.check();

    // The pane passes its near-miss band (1 point by default) as the CLI's --near-miss would.
    const engine = checkSheet(
      { ...(await host.readSheet(SHEET)), name: SHEET },
      { nearMissBand: 1 },
    );
    const state = controller.getState();
    expect(state.result?.status).toBe('checked');
    const counts = countByStatus(state.result?.findings ?? []);
    expect(counts['below-minimum'] + counts['near-miss']).toBe(
      engine.summary.byCode['below-minimum'],
    );
    expect(counts['missing-value']).toBe(engine.summary.byCode['missing-value']);
    expect(counts['invalid-value']).toBe(engine.summary.byCode['invalid-value']);
    expect(counts['target-mismatch']).toBe(engine.summary.byCode['target-mismatch']);
    expect(counts.met).toBe(engine.summary.byCode.met);
    expect(counts['not-applicable']).toBe(engine.summary.byCode['not-applicable']);
    // The example's known figures.
    // K13 (74,5% against 75%) is short by 0,5 points: within the band, a near miss.
    expect(counts).toMatchObject({
      'below-minimum': 3,
      'near-miss': 1,
      'missing-value': 3,
      'invalid-value': 3,
      met: 18,
    });

    // The first check detects everything; the fields show it and where it came from.
    expect(state.fields).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
    });
    expect(state.chosen).toEqual([]);
    expect(state.sources).toEqual({
      targetSet: 'content',
      level: 'unit-name',
      unitName: 'title',
      quarter: 'latest-results',
    });
    expect(vi.sourceHint('latest-results')).toBe('nhận ra từ: kết quả gần nhất');
    expect(state.notices).toEqual([{ kind: 'checked', sheet: SHEET, marked: 10 }]);
    expect(describeNotice(state.notices[0] as never, vi).body).toContain('Đã đánh dấu 10 ô');
  });

  it('applies the mark plan to the sheet', async () => {
    const host = exampleHost();
    const controller = await started(host);
    await controller.check();
    const plan = controller.getState().result?.markPlan as MarkPlan;
    expect(plan.rules.length).toBeGreaterThan(0);
    expect(host.sheets[0]?.rules).toHaveLength(plan.rules.length);
    expect(host.calls).toContain(`applyMarks ${SHEET}`);
  });

  it('selects a finding’s cell', async () => {
    const host = exampleHost();
    const controller = await started(host);
    await controller.check();
    const k13 = findingAt(controller, 'K13');
    expect(k13.code).toBe('below-minimum');
    expect(wordsAt(controller, 'K13')).toBe(
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)',
    );
    await controller.selectFinding(k13);
    expect(host.selection).toEqual({ sheet: SHEET, address: 'K13' });
  });

  it('removes only its own marks and says how many', async () => {
    const host = exampleHost();
    const user = host.addUserRule(SHEET, ['B12:B40'], '=LEN(B12)>80');
    const controller = await started(host);
    await controller.check();
    const planRules = controller.getState().result?.markPlan.rules.length ?? 0;
    expect(host.sheets[0]?.rules).toHaveLength(planRules + 1);

    await controller.clearMarks();
    expect(host.sheets[0]?.rules).toEqual([user]);
    const [notice] = controller.getState().notices;
    expect(notice).toEqual({ kind: 'cleared', sheets: [SHEET], count: planRules });
    expect(describeNotice(notice as never, vi).body).toContain(
      `Đã xóa ${planRules} quy tắc đánh dấu`,
    );

    await controller.clearMarks();
    expect(describeNotice(controller.getState().notices[0] as never, vi).body).toBe(
      `Trang tính “${SHEET}” không có đánh dấu nào của Chỉ Tiêu.`,
    );
  });

  it('does not stack rules on a second check', async () => {
    const host = exampleHost();
    host.addUserRule(SHEET, ['A1'], '=FALSE');
    const controller = await started(host);
    await controller.check();
    const once = host.sheets[0]?.rules.length;
    await controller.check();
    expect(host.sheets[0]?.rules.length).toBe(once);
  });

  it('saves the context after a check and restores it in a new pane over the same workbook', async () => {
    const host = exampleHost();
    const first = await started(host);
    first.setField('level', 'so');
    await first.check();
    expect(host.calls).toContain('saveSettings');

    const second = await started(host);
    const state = second.getState();
    expect(state.fields).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
    });
    // The user's choice stays a choice; the detected fields are detected again next time.
    expect(state.chosen).toEqual(['level']);
    expect(state.sources).toEqual({
      targetSet: 'saved',
      level: 'saved',
      unitName: 'saved',
      quarter: 'saved',
    });
    await second.check();
    expect(second.getState().sources.level).toBe('option');
    expect(second.getState().sources.quarter).toBe('latest-results');
  });

  it('does not save settings when the check did not succeed', async () => {
    const host = exampleHost();
    host.setCell(SHEET, 6, 0, null);
    // and a result on the "UBND cấp huyện" row too: the content points at no one level
    host.setCell(SHEET, 13, 9, 0.7);
    const controller = await started(host);
    await controller.check();
    expect(host.calls).not.toContain('saveSettings');
  });

  it('asks for the level when it cannot be detected, focuses it, then checks with the choice', async () => {
    const host = exampleHost();
    // No "Đơn vị báo cáo: Sở Tư pháp" line, and results on the rows of two levels (J14 is the
    // "UBND cấp huyện" row): neither the unit nor its level can be read.
    expect(host.sheets[0]?.grid.rows[6]?.[0]?.value).toBe('Đơn vị báo cáo: Sở Tư pháp');
    host.setCell(SHEET, 6, 0, null);
    host.setCell(SHEET, 13, 9, 0.7);
    const controller = await started(host);
    await controller.check();

    let state = controller.getState();
    expect(state.result?.status).toBe('needs-input');
    expect(state.needs).toEqual(['level']);
    expect(state.focus?.field).toBe('level');
    expect(state.notices).toEqual([{ kind: 'needs-input', needs: ['level'] }]);
    expect(describeNotice(state.notices[0] as never, vi).body).toBe(
      'Không xác định được cấp của đơn vị — hãy chọn cấp rồi bấm Kiểm tra.',
    );
    expect(host.calls.some((c) => c.startsWith('applyMarks'))).toBe(false);

    controller.setField('level', 'so');
    expect(controller.getState().needs).toEqual([]);
    await controller.check();
    state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(state.result?.context.level).toBe('so');
    expect(state.sources.level).toBe('option');
    // Without the unit's name, agency-specific indicators are not the unit's: the engine decides.
    const engine = checkSheet({ ...(await host.readSheet(SHEET)), name: SHEET }, { level: 'so' });
    expect(state.result?.summary.byCode).toEqual(engine.summary.byCode);
  });

  it('passes an edited field to the engine on the next check', async () => {
    const host = exampleHost();
    const controller = await started(host);
    await controller.check();
    controller.setField('quarter', 1);
    expect(controller.getState().sources.quarter).toBe('option');
    await controller.check();
    const result = controller.getState().result;
    expect(result?.context.quarter).toBe(1);
    expect(result?.context.sources.quarter).toBe('option');
    expect(result?.findings.every((f) => f.quarter === undefined || f.quarter === 1)).toBe(true);
    // Detected fields are still detected.
    expect(result?.context.sources.level).toBe('unit-name');
  });

  it('drops a level the newly chosen target set does not have, and forgets an emptied field', async () => {
    const controller = await started(exampleHost());
    controller.setField('level', 'huyen');
    controller.setField('unitName', 'UBND huyện Bù Đốp');
    controller.setField('unitName', '   ');
    expect(controller.getState().chosen).toEqual(['level']);
    controller.setField('targetSet', 'nq01-nq02-2025');
    expect(controller.getState().fields.level).toBe('huyen');
    expect(controller.getState().chosen).toEqual(['targetSet', 'level']);
  });

  it('words the engine’s findings in English when asked, and again when switched', async () => {
    const controller = await started(exampleHost(), 'en');
    await controller.check();
    const before = controller.getState().result;
    expect(wordsAt(controller, 'K13')).toBe(
      'Q2: 74.5% < minimum 75% (short by 0.5 percentage points, near miss)',
    );
    controller.setLocale('vi');
    expect(wordsAt(controller, 'K13')).toBe(
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)',
    );
    expect(controller.getState().locale).toBe('vi');
    // The same findings, worded again: nothing was checked again.
    expect(controller.getState().result).toBe(before);
  });
});

describe('PaneController: problems in words', () => {
  it('says a sheet is not an annex in the engine’s words and marks nothing', async () => {
    const grid: Grid = {
      rows: [[{ value: 'Dự toán kinh phí' }], [{ value: 'Mục' }, { value: 'Số tiền' }]],
    };
    const host = new MemoryHost([{ name: 'Dự toán', grid }]);
    const controller = await started(host);
    await controller.check();
    const state = controller.getState();
    expect(state.result?.status).toBe('not-an-annex');
    const view = describeNotice(state.notices[0] as never, vi);
    expect(view.title).toBe('Không kiểm tra được trang tính “Dự toán”');
    expect(view.body).toMatch(/^Không phải bảng phụ lục chỉ tiêu/);
    expect(host.calls.some((c) => c.startsWith('applyMarks'))).toBe(false);
    controller.setLocale('en');
    expect(describeNotice(controller.getState().notices[0] as never, en).body).toMatch(
      /^Not an annex/,
    );
  });

  it('shows a too-large sheet as a HostError with help', async () => {
    const host = hostWith({
      readSheet: async () => {
        throw new HostError({
          code: 'too-large',
          reason: 'used-range',
          sheet: SHEET,
          address: 'A1:T100000',
          cells: 2_000_000,
          limit: 500_000,
        });
      },
    });
    const controller = await started(host);
    await controller.check();
    const state = controller.getState();
    expect(state.phase).toBe('idle');
    expect(state.notices).toEqual([
      {
        kind: 'host-error',
        problem: expect.objectContaining({ code: 'too-large', cells: 2_000_000 }),
      },
    ]);
    const view = describeNotice(state.notices[0] as never, vi);
    expect(view).toEqual({
      intent: 'error',
      title: 'Trang tính quá lớn',
      body: `Vùng đã dùng của trang tính “Phụ lục” (A1:T100000) có 2.000.000 ô; Chỉ Tiêu đọc tối đa 500.000 ô. ${vi.tooLargeHelp}`,
    });
    expect(describeNotice(state.notices[0] as never, en).body).toMatch(
      /^The used range of the sheet “Phụ lục” \(A1:T100000\) has 2,000,000 cells; Chỉ Tiêu reads at most 500,000\. /,
    );
  });

  it('words any other HostError from its code and fields, and unexpected errors too', async () => {
    const failing = hostWith({
      applyMarks: async (): Promise<ApplyResult> => {
        throw new HostError({
          code: 'office',
          officeCode: 'InvalidOperationInCellEditMode',
          cause: 'The operation is not allowed in cell-edit mode.',
        });
      },
    });
    const controller = await started(failing);
    await controller.check();
    // The sheet's findings stand; the marks' failure is that sheet's, in words.
    expect(controller.getState().result?.status).toBe('checked');
    expect(controller.getState().notices).toHaveLength(1);
    expect(describeNotice(controller.getState().notices[0] as never, vi)).toEqual({
      intent: 'error',
      title: 'Không đánh dấu được trang tính “Phụ lục”',
      body: 'Excel báo lỗi: Excel đang ở chế độ sửa ô. Hãy nhấn Enter hoặc Esc rồi thử lại.',
    });

    const broken = hostWith({
      activeSheet: async () => {
        throw new TypeError('boom');
      },
    });
    const other = await started(broken);
    await other.clearMarks();
    // The exception's own text is the developer's: kept in the notice, never the body.
    expect(other.getState().notices[0]).toEqual({ kind: 'unexpected', cause: 'boom' });
    expect(describeNotice(other.getState().notices[0] as never, vi)).toEqual({
      intent: 'error',
      title: 'Đã xảy ra lỗi không mong muốn',
      body: vi.unexpectedBody,
    });
  });

  it('still opens when the settings cannot be read', async () => {
    const controller = await started(
      hostWith({
        loadSettings: async () => {
          throw new HostError({ code: 'office', cause: 'settings unreadable' });
        },
      }),
    );
    expect(controller.getState().phase).toBe('idle');
    expect(controller.getState().notices[0]).toMatchObject({ kind: 'host-error' });
  });

  it('ignores presses while a check is running and says it is busy', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const base = exampleHost();
    const host = hostWith({
      readSheet: async (sheet: string) => {
        await gate;
        return base.readSheet(sheet);
      },
    });
    const controller = await started(host);
    const phases: string[] = [];
    controller.subscribe(() => {
      const phase = controller.getState().phase;
      if (phases.at(-1) !== phase) phases.push(phase);
    });
    const running = controller.check();
    expect(controller.getState().phase).toBe('checking');
    await controller.check();
    await controller.clearMarks();
    release();
    await running;
    expect(phases[0]).toBe('checking');
    expect(phases.at(-1)).toBe('idle');
    expect(phases.filter((p) => p === 'checking')).toHaveLength(1);
  });
});
