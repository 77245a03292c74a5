/**
 * Switching the pane's language is a re-render, not a re-check: the state keeps findings and
 * notices as data and the view words them in the current language. Here the engine's check is
 * counted (every call the controller makes goes through the mocked `checkSheet`) and so are the
 * host's reads, while the pane is drawn (server-side) before and after the switch.
 *
 * What the add-in already wrote into the workbook: the notes on marked cells are written again in
 * the new language (from the findings kept: no read, no check); the report sheet stays as
 * written until Tạo báo cáo is pressed again.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Engine from '@chitieu/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTE_PREFIX } from '../src/app/live.js';
import { MemoryHost, type MemoryHostOptions } from '../src/host/memory.js';
import { HostError } from '../src/host/types.js';
import { shown, started } from './pane.js';

const checks = vi.hoisted(() => ({ count: 0 }));

vi.mock('@chitieu/engine', async (importOriginal) => {
  const real = await importOriginal<typeof Engine>();
  const checkSheet: typeof real.checkSheet = (grid, options) => {
    checks.count++;
    return real.checkSheet(grid, options);
  };
  return { ...real, checkSheet };
});

afterEach(() => {
  checks.count = 0;
});

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(file, EXAMPLES))));

function unitHost(options: MemoryHostOptions = {}): MemoryHost {
  return MemoryHost.fromParts(
    [{ bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Phụ lục' } }],
    options,
  );
}

/** A reviewer's workbook: two units' annexes and a sheet of notes that is no annex. */
function reviewHost(): MemoryHost {
  return MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
    { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
  ]);
}

/** The host calls that read the workbook. */
const reads = (host: MemoryHost) => host.calls.filter((c) => c.startsWith('read'));

const K13_VI = 'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)';
const K13_EN = 'Q2: 74.5% < minimum 75% (short by 0.5 percentage points, near miss)';

describe('setLocale: a re-render, not a re-check', () => {
  it('re-words the findings and notices shown without checking or reading any sheet', async () => {
    const host = unitHost();
    const controller = await started(host);
    await controller.check();
    expect(checks.count).toBe(1);
    const before = controller.getState();
    const readsBefore = reads(host).length;

    let text = shown(controller);
    expect(text).toContain(K13_VI);
    expect(text).toContain('Kiểm tra xong');
    expect(text).not.toContain(K13_EN);

    controller.setLocale('en');
    await controller.settled();
    expect(checks.count).toBe(1);
    expect(reads(host)).toHaveLength(readsBefore);
    // The same data: only the language changed.
    const after = controller.getState();
    expect(after.locale).toBe('en');
    expect(after.result).toBe(before.result);
    expect(after.notices).toBe(before.notices);

    text = shown(controller);
    expect(text).toContain(K13_EN);
    expect(text).toContain('Check complete');
    expect(text).not.toContain(K13_VI);
    expect(text).not.toContain('Kiểm tra xong');

    controller.setLocale('vi');
    expect(shown(controller)).toContain(K13_VI);
    expect(checks.count).toBe(1);
    await controller.dispose();
  });

  it('after Kiểm tra tất cả: every sheet’s findings and the reason a sheet was skipped', async () => {
    const host = reviewHost();
    const controller = await started(host);
    await controller.checkAll();
    expect(checks.count).toBe(3);
    const readsBefore = reads(host).length;
    let text = shown(controller);
    expect(text).toContain(K13_VI);
    expect(text).toMatch(/Ghi chú — Không phải bảng phụ lục chỉ tiêu/);

    controller.setLocale('en');
    await controller.settled();
    expect(checks.count).toBe(3);
    expect(reads(host)).toHaveLength(readsBefore);
    text = shown(controller);
    expect(text).toContain(K13_EN);
    expect(text).toMatch(/Ghi chú — Not an annex/);
    expect(text).not.toContain('Không phải bảng phụ lục chỉ tiêu');
    await controller.dispose();
  });

  it('re-words a sheet that is no annex, and an error, in the new language', async () => {
    const host = new MemoryHost([
      { name: 'Dự toán', grid: { rows: [[{ value: 'Dự toán kinh phí' }]] } },
    ]);
    const controller = await started(host);
    await controller.check();
    expect(shown(controller)).toContain('Không kiểm tra được trang tính “Dự toán”');
    controller.setLocale('en');
    const text = shown(controller);
    expect(text).toContain('The sheet “Dự toán” cannot be checked');
    expect(text).toMatch(/Not an annex/);
    expect(checks.count).toBe(1);

    host.readSheet = async () => {
      throw new HostError({ code: 'not-found', sheet: 'Dự toán' });
    };
    await controller.check();
    expect(shown(controller)).toContain('The workbook no longer has the sheet “Dự toán”');
    controller.setLocale('vi');
    expect(shown(controller)).toContain('Không còn trang tính “Dự toán” trong sổ làm việc');
  });

  it('writes the notes again in the new language from the findings kept: no read, no check', async () => {
    const host = unitHost({ notes: true });
    const controller = await started(host);
    controller.setNotes(true);
    await controller.check();
    await controller.settled();
    const notes = () => host.sheets[0]?.notes.get('K13');
    expect(notes()).toBe(`${NOTE_PREFIX}${K13_VI}`);
    host.calls.length = 0;

    controller.setLocale('en');
    await controller.settled();
    expect(notes()).toBe(`${NOTE_PREFIX}${K13_EN}`);
    expect(checks.count).toBe(1);
    expect(host.calls).toEqual(['setNotes Phụ lục']);

    // A note the user edited is theirs: switching back leaves it as they wrote it.
    host.sheets[0]?.notes.set('K13', 'đã hỏi đơn vị');
    controller.setLocale('vi');
    await controller.settled();
    expect(notes()).toBe('đã hỏi đơn vị');
    expect(host.sheets[0]?.notes.get('K15')).toMatch(/^Chỉ Tiêu: Quý II: /);
    expect(checks.count).toBe(1);
    await controller.dispose();
  });

  it('leaves a report sheet already written as it is, until Tạo báo cáo is pressed again', async () => {
    const host = unitHost();
    const controller = await started(host);
    await controller.check();
    await controller.createReport();
    const report = () => host.sheets.find((s) => s.owner === 'report');
    expect(report()?.name).toBe('Kết quả kiểm tra');
    const written = JSON.stringify(report()?.content);
    expect(written).toContain(K13_VI);

    controller.setLocale('en');
    await controller.settled();
    expect(JSON.stringify(report()?.content)).toBe(written);
    expect(checks.count).toBe(1);

    // Pressed again: rewritten in English, in place, from the last check (no re-check).
    await controller.createReport();
    expect(report()?.name).toBe('Kết quả kiểm tra');
    expect(JSON.stringify(report()?.content)).toContain(K13_EN);
    expect(checks.count).toBe(1);
    await controller.dispose();
  });
});
