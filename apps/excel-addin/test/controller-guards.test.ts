/**
 * Every sheet has its own guard (issue 10, item 1): an unexpected throw from the engine or the
 * host for one sheet becomes that sheet's error in the pane, worded by the catalogs, and the
 * other sheets are still checked and marked; the pane stays usable. The engine promises never to
 * throw, so here it is made to, for the sheets named in `failing` (as `RangeError: Map maximum
 * size exceeded` did on a sheet with a cell in column XFD).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Engine from '@chitieu/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaneController, WorkbookEntry } from '../src/app/controller.js';
import { en, vi as viText } from '../src/app/i18n.js';
import { describeNotice, errorText, type Notice } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import type { ApplyResult } from '../src/host/types.js';
import { started } from './pane.js';

const failing = vi.hoisted(() => new Set<string>());
const ENGINE_FAILURE = 'Map maximum size exceeded';

vi.mock('@chitieu/engine', async (importOriginal) => {
  const real = await importOriginal<typeof Engine>();
  const checkSheet: typeof real.checkSheet = (grid, options) => {
    if (grid.name !== undefined && failing.has(grid.name)) throw new RangeError(ENGINE_FAILURE);
    return real.checkSheet(grid, options);
  };
  return { ...real, checkSheet };
});

afterEach(() => {
  failing.clear();
});

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(file, EXAMPLES))));

/** A reviewer's workbook: three units' annexes and a sheet of notes. */
function reviewHost(): MemoryHost {
  return MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
    { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
    { bytes: bytes('ubnd-huyen-bu-dop.xlsx'), sheets: { 'Phụ lục': 'UBND Bù Đốp' } },
  ]);
}

function entry(controller: PaneController, sheet: string): WorkbookEntry | undefined {
  return controller.getState().workbook?.entries.find((e) => e.sheet === sheet);
}

function rulesOf(host: MemoryHost, sheet: string): number {
  return host.sheets.find((s) => s.name === sheet)?.rules.length ?? 0;
}

describe('Kiểm tra tất cả: one sheet’s failure is that sheet’s line', () => {
  it('an engine that throws for one sheet: the batch goes on, the sheet is listed with the error in words', async () => {
    const host = reviewHost();
    const controller = await started(host);
    failing.add('Sở Nội vụ');
    await controller.checkAll();
    const state = controller.getState();
    expect(state.phase).toBe('idle');

    expect(entry(controller, 'Sở Nội vụ')).toEqual({
      sheet: 'Sở Nội vụ',
      skipped: { kind: 'error', notice: { kind: 'unexpected', cause: ENGINE_FAILURE } },
    });
    for (const sheet of ['Sở Tư pháp', 'UBND Bù Đốp']) {
      expect(entry(controller, sheet)?.result?.status).toBe('checked');
      expect(entry(controller, sheet)?.skipped).toBeUndefined();
      expect(rulesOf(host, sheet)).toBeGreaterThan(0); // marked
    }
    expect(rulesOf(host, 'Sở Nội vụ')).toBe(0);
    expect(state.notices[0]).toMatchObject({ kind: 'checked-all', checked: 2, skipped: 2 });

    // The line under "Trang tính không kiểm tra", in both languages.
    const skipped = entry(controller, 'Sở Nội vụ')?.skipped;
    if (skipped?.kind !== 'error') throw new Error('listed with its error');
    // The engine's own text is the developer's: kept in the notice, never shown.
    expect(errorText(skipped.notice, viText)).toBe(
      'Lỗi không mong muốn. Số liệu trên trang tính không bị thay đổi; các trang tính khác không bị ảnh hưởng.',
    );
    expect(errorText(skipped.notice, en)).toBe(
      'Unexpected error. The figures on the sheet are unchanged; other sheets are not affected.',
    );
  });

  it('a host that throws for one sheet’s marks: the others are marked, that sheet keeps its findings and its error', async () => {
    const host = reviewHost();
    const real = host.applyMarks.bind(host);
    host.applyMarks = async (sheet, plan): Promise<ApplyResult> => {
      if (sheet === 'Sở Tư pháp') throw new TypeError('Cannot read properties of undefined');
      return real(sheet, plan);
    };
    const controller = await started(host);
    await controller.checkAll();
    expect(controller.getState().phase).toBe('idle');
    const broken = entry(controller, 'Sở Tư pháp');
    expect(broken?.result?.status).toBe('checked');
    expect(broken?.markError).toEqual({
      kind: 'unexpected',
      cause: 'Cannot read properties of undefined',
    });
    expect(errorText(broken?.markError as never, viText)).toBe(viText.unexpectedError);
    expect(rulesOf(host, 'Sở Nội vụ')).toBeGreaterThan(0);
    expect(rulesOf(host, 'UBND Bù Đốp')).toBeGreaterThan(0);
    expect(controller.getState().notices[0]).toMatchObject({ kind: 'checked-all', checked: 3 });
  });

  it('a HostError for one sheet reads with its kind first', () => {
    const tooLarge = {
      kind: 'host-error',
      problem: {
        code: 'too-large',
        reason: 'used-range',
        sheet: 'Phụ lục',
        address: 'A1:XFD200',
        cells: 3_276_800,
        limit: 2_000_000,
      },
    } as const;
    expect(errorText(tooLarge, viText)).toBe(
      `Trang tính quá lớn: Vùng đã dùng của trang tính “Phụ lục” (A1:XFD200) có 3.276.800 ô; Chỉ Tiêu đọc tối đa 2.000.000 ô. ${viText.tooLargeHelp}`,
    );
    const office = {
      kind: 'host-error',
      problem: {
        code: 'office',
        officeCode: 'GeneralException',
        cause: 'There was an internal error.',
      },
    } as const;
    expect(errorText(office, en)).toBe(
      'Excel reported an error: Excel could not do what Chỉ Tiêu asked (error code GeneralException). Try again; if it keeps failing, save and reopen the workbook.',
    );
    expect(errorText(office, viText)).not.toContain('internal error');
  });
});

describe('Kiểm tra: the active sheet’s failure in words, and a pane that still works', () => {
  it('an engine that throws: the sheet named, the error in words; nothing marked; the next check works', async () => {
    const host = reviewHost();
    const controller = await started(host);
    failing.add('Sở Tư pháp');
    await controller.check();
    let state = controller.getState();
    expect(state.phase).toBe('idle');
    const failed: Notice = {
      kind: 'sheet-failed',
      sheet: 'Sở Tư pháp',
      step: 'check',
      error: { kind: 'unexpected', cause: ENGINE_FAILURE },
    };
    expect(state.notices).toEqual([failed]);
    expect(describeNotice(failed, viText)).toEqual({
      intent: 'error',
      title: 'Không kiểm tra được trang tính “Sở Tư pháp”',
      body: viText.unexpectedError,
    });
    expect(describeNotice(failed, en).title).toBe('The sheet “Sở Tư pháp” could not be checked');
    expect(host.calls.some((c) => c.startsWith('applyMarks'))).toBe(false);

    failing.clear();
    await controller.check();
    state = controller.getState();
    expect(state.result?.status).toBe('checked');
    expect(state.notices.map((n) => n.kind)).toEqual(['checked']);
  });

  it('a host that throws while marking: the findings are shown, with the marks’ error', async () => {
    const host = reviewHost();
    host.applyMarks = async (): Promise<ApplyResult> => {
      throw new TypeError('boom');
    };
    const controller = await started(host);
    await controller.check();
    const state = controller.getState();
    expect(state.phase).toBe('idle');
    expect(state.result?.status).toBe('checked');
    expect(state.result?.findings.length).toBeGreaterThan(0);
    expect(state.notices).toEqual([
      {
        kind: 'sheet-failed',
        sheet: 'Sở Tư pháp',
        step: 'mark',
        error: { kind: 'unexpected', cause: 'boom' },
      },
    ]);
    expect(describeNotice(state.notices[0] as Notice, viText).title).toBe(
      'Không đánh dấu được trang tính “Sở Tư pháp”',
    );
  });

  it('a live update the engine cannot make names the sheet, and the next good edit clears it', async () => {
    const host = reviewHost();
    const controller = await started(host);
    await controller.check();
    const sheet = 'Sở Tư pháp';
    const rows = host.sheets.find((s) => s.name === sheet)?.grid.rows.length ?? 0;

    failing.add(sheet);
    host.setCell(sheet, rows + 2, 0, 'ghi chú');
    await controller.settled();
    let state = controller.getState();
    expect(state.notices).toContainEqual({
      kind: 'sheet-failed',
      sheet,
      step: 'update',
      error: { kind: 'unexpected', cause: ENGINE_FAILURE },
    });
    expect(state.result?.status).toBe('checked'); // the last results stay
    expect(state.updating).toBe(false);

    failing.clear();
    host.setCell(sheet, rows + 3, 0, 'ghi chú 2');
    await controller.settled();
    state = controller.getState();
    expect(state.notices.map((n) => n.kind)).toEqual(['checked']);
    await controller.dispose();
  });
});
