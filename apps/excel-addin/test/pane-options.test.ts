/**
 * What the pane adds around a check, over the in-memory host: each sheet's notices (worded by
 * the engine, in the pane's language), the near-miss band it passes, the list cleared with the
 * marks, a field given back to detection, and hidden sheets skipped (or checked on request).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSheet,
  countByStatus,
  describeSkipReason,
  describeNotice as engineNotice,
  type SheetCheck,
  type SheetContent,
} from '@chitieu/engine';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { PaneController } from '../src/app/controller.js';
import { en, vi } from '../src/app/i18n.js';
import { describeNotice, describeSkip, sheetNoticeTexts } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { shown, started } from './pane.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(file, EXAMPLES))));

function unitHost(): MemoryHost {
  return MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Phụ lục' } },
  ]);
}

/** A unit's workbook with this quarter's annex, last quarter's hidden copy and a very hidden one. */
function hiddenHost(): MemoryHost {
  const host = MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Quý II' } },
    { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Quý I (cũ)' } },
    { bytes: bytes('ubnd-huyen-bu-dop.xlsx'), sheets: { 'Phụ lục': 'Nháp' } },
  ]);
  host.hideSheet('Quý I (cũ)', 'hidden');
  host.hideSheet('Nháp', 'very-hidden');
  return host;
}

/** A written sheet's rows as text, empty cells left out at the end of each row. */
function reportRows(content: SheetContent | undefined): string[][] {
  return (content?.rows ?? []).map((row) => {
    const cells = row.map((c) => (c?.value ?? '').toString());
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    return cells;
  });
}

const html = (controller: PaneController) =>
  renderToStaticMarkup(createElement(App, { controller }));

const tile = (markup: string, status: string) =>
  markup.match(new RegExp(`data-status="${status}" data-count="(\\d+)"`))?.[1];

function engineWords(result: SheetCheck, locale: 'vi' | 'en'): string[] {
  return result.notices.map((n) =>
    engineNotice(n, result.targetSet ? { locale, targetSet: result.targetSet } : { locale }),
  );
}

describe('the sheet’s notices, where the summary is', () => {
  it('shows every notice the engine gives, in its words, and again in English without a re-check', async () => {
    const host = unitHost();
    const controller = await started(host);
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    expect(result.notices.map((n) => n.code)).toContain('target-set-chosen');
    const vis = engineWords(result, 'vi');
    expect(sheetNoticeTexts(result, 'vi')).toEqual(vis);
    let text = shown(controller);
    for (const words of vis) expect(text).toContain(words);
    expect(text).toContain('Các dòng khớp với nhiều bộ chỉ tiêu; đã chọn "binh-phuoc-2025"');
    // one list item per notice, tagged with its code
    expect(html(controller).match(/data-notice="/g)).toHaveLength(result.notices.length);

    const reads = host.calls.filter((c) => c.startsWith('read')).length;
    controller.setLocale('en');
    text = shown(controller);
    for (const words of engineWords(result, 'en')) expect(text).toContain(words);
    expect(text).toContain('The rows match several target sets; "binh-phuoc-2025"');
    for (const words of vis) expect(text).not.toContain(words);
    expect(host.calls.filter((c) => c.startsWith('read'))).toHaveLength(reads);
  });

  it('shows the notice of a level forced against the sheet, with the values kept', async () => {
    const controller = await started(unitHost());
    controller.setField('level', 'xa');
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    const codes = result.notices.map((n) => n.code);
    expect(codes.length).toBeGreaterThan(0);
    const text = shown(controller);
    for (const words of engineWords(result, 'vi')) expect(text).toContain(words);
  });

  it('shows each sheet’s notices after Kiểm tra tất cả, per sheet', async () => {
    const host = MemoryHost.fromParts([
      { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
      { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ' } },
    ]);
    const controller = await started(host, { locale: 'en' });
    await controller.checkAll();
    const entries = controller.getState().workbook?.entries ?? [];
    const markup = html(controller);
    for (const entry of entries) {
      const result = entry.result as SheetCheck;
      expect(result.notices.length).toBeGreaterThan(0);
      const section = markup.slice(markup.indexOf(`data-sheet="${entry.sheet}"`));
      const own = section.slice(0, section.indexOf('</section>'));
      expect(own.match(/data-notice="/g)).toHaveLength(result.notices.length);
    }
  });
});

describe('the near-miss band', () => {
  it('is 1 point by default and passed to the check: the ≈ sát ngưỡng tile counts', async () => {
    const host = unitHost();
    const controller = await started(host);
    expect(controller.getState().nearMissBand).toBe(1);
    await controller.check();
    const result = controller.getState().result as SheetCheck;
    const k13 = result.findings.find((f) => f.cell === 'K13');
    expect(k13 && 'nearMiss' in k13 ? k13.nearMiss : undefined).toBe(true);
    expect(countByStatus(result.findings)).toMatchObject({ 'below-minimum': 3, 'near-miss': 1 });
    expect(tile(html(controller), 'near-miss')).toBe('1');
    // the marks colour the near miss apart: the engine's plan for that band
    const engine = checkSheet(
      { ...(await host.readSheet('Phụ lục')), name: 'Phụ lục' },
      {
        nearMissBand: 1,
      },
    );
    expect(host.sheets[0]?.rules).toHaveLength(engine.markPlan.rules.length);
  });

  it('follows the band the user sets, 0 turning near misses off, and saves it', async () => {
    const host = unitHost();
    const controller = await started(host);
    controller.setNearMissBand(0);
    await controller.check();
    let counts = countByStatus(controller.getState().result?.findings ?? []);
    expect(counts).toMatchObject({ 'below-minimum': 4, 'near-miss': 0 });
    expect(tile(html(controller), 'near-miss')).toBe('0');

    controller.setNearMissBand(4);
    await controller.check();
    counts = countByStatus(controller.getState().result?.findings ?? []);
    // 74,5 / 75 (0,5), 92,1 / 95 (2,9), 96,8 / 100 (3,2) are within 4 points; 76,2 / 80 (3,8) too
    expect(counts).toMatchObject({ 'below-minimum': 0, 'near-miss': 4 });
    await controller.settled();
    expect(await host.loadSettings()).toMatchObject({ nearMissBand: 4 });

    // out of range: ignored
    for (const bad of [-1, Number.NaN, 25]) controller.setNearMissBand(bad);
    expect(controller.getState().nearMissBand).toBe(4);

    // a new pane on the same workbook starts from the saved band
    const again = await started(host);
    expect(again.getState().nearMissBand).toBe(4);
  });

  it('is offered in the options, in each language', async () => {
    const controller = await started(unitHost());
    expect(shown(controller)).toContain('Biên sát ngưỡng (điểm %)');
    expect(html(controller)).toMatch(/<input[^>]*data-near-miss-band=""[^>]*value="1"/);
    controller.setNearMissBand(0.5);
    expect(html(controller)).toMatch(/<input[^>]*data-near-miss-band=""[^>]*value="0,5"/);
    controller.setLocale('en');
    expect(shown(controller)).toContain('Near-miss band (percentage points)');
  });
});

describe('Xóa đánh dấu', () => {
  it('clears the findings list with the marks, keeping the form', async () => {
    const host = unitHost();
    const controller = await started(host);
    await controller.check();
    const fields = controller.getState().fields;
    expect(shown(controller)).toContain('Theo chỉ tiêu');
    await controller.clearMarks();
    const state = controller.getState();
    expect(state.result).toBeUndefined();
    expect(state.workbook).toBeUndefined();
    expect(state.fields).toEqual(fields);
    expect(host.sheets[0]?.rules).toEqual([]);
    const text = shown(controller);
    expect(text).not.toContain('Theo chỉ tiêu');
    expect(text).not.toContain('K13');
    expect(text).toContain(describeNotice(state.notices[0] as never, vi).body);
  });

  it('clears the list of every sheet after Kiểm tra tất cả', async () => {
    const controller = await started(hiddenHost());
    await controller.checkAll();
    expect(controller.getState().workbook).toBeDefined();
    await controller.clearMarks();
    expect(controller.getState().workbook).toBeUndefined();
    expect(shown(controller)).not.toContain('Trang tính không kiểm tra');
  });
});

describe('a field set by hand goes back to detection', () => {
  it('Tự nhận biết: the next check detects the field again', async () => {
    const host = unitHost();
    const controller = await started(host);
    controller.setField('level', 'xa');
    controller.setField('quarter', 1);
    let markup = html(controller);
    expect(markup).toContain('data-reset="level"');
    expect(markup).toContain('data-reset="quarter"');
    expect(markup).not.toContain('data-reset="unitName"');
    expect(shown(controller)).toContain('Tự nhận biết');
    await controller.check();
    expect(controller.getState().result?.context.level).toBe('xa');

    controller.resetField('level');
    let state = controller.getState();
    expect(state.chosen).toEqual(['quarter']);
    expect(state.fields.level).toBeUndefined();
    expect(state.sources.level).toBeUndefined();
    markup = html(controller);
    expect(markup).not.toContain('data-reset="level"');
    await controller.check();
    state = controller.getState();
    expect(state.result?.context.level).toBe('so');
    expect(state.sources.level).toBe('unit-name');
    expect(state.fields.quarter).toBe(1);
    expect(state.sources.quarter).toBe('option');
    expect(await host.loadSettings()).toMatchObject({ chosen: ['quarter'], level: 'so' });

    controller.resetField('quarter');
    await controller.check();
    expect(controller.getState().fields.quarter).toBe(2);
    expect(controller.getState().sources.quarter).toBe('latest-results');

    controller.setLocale('en');
    controller.setField('unitName', 'Sở Tư pháp');
    expect(shown(controller)).toContain('Detect');
    expect(html(controller)).toContain('aria-label="Unit name: detect when checking"');
  });

  it('a field the user did not set has nothing to give back', async () => {
    const controller = await started(unitHost());
    await controller.check();
    const before = controller.getState();
    controller.resetField('level');
    expect(controller.getState()).toBe(before);
  });
});

describe('hidden sheets in Kiểm tra tất cả', () => {
  it('are skipped by default, never read, and listed with the reason “trang tính ẩn”', async () => {
    const host = hiddenHost();
    const controller = await started(host);
    await controller.checkAll();
    const state = controller.getState();
    const entries = state.workbook?.entries ?? [];
    expect(entries.map((e) => [e.sheet, e.skipped?.kind ?? 'checked'])).toEqual([
      ['Quý II', 'checked'],
      ['Quý I (cũ)', 'skipped'],
      ['Nháp', 'skipped'],
    ]);
    expect(entries[1]?.result?.status).toBe('skipped');
    expect(entries[1]?.result?.reason).toBe('hidden');
    expect(host.calls).not.toContain('readSheet:Quý I (cũ)');
    expect(host.calls.filter((c) => c.startsWith('readSheet'))).toHaveLength(1);
    expect(host.sheets[1]?.rules).toEqual([]);
    expect(host.sheets[2]?.rules).toEqual([]);
    const skip = entries[1]?.skipped;
    expect(skip && describeSkip(skip, vi)).toBe('Trang tính ẩn.');
    expect(skip && describeSkip(skip, en)).toBe('Hidden sheet.');
    expect(state.notices).toContainEqual({ kind: 'hidden-skipped', count: 2 });
    expect(state.notices[0]).toMatchObject({ kind: 'checked-all', checked: 1, skipped: 2 });

    let text = shown(controller);
    expect(text).toContain('Quý I (cũ) — Trang tính ẩn.');
    expect(text).toContain('Nháp — Trang tính ẩn.');
    expect(text).toContain('2 trang tính ẩn không được kiểm tra');
    controller.setLocale('en');
    text = shown(controller);
    expect(text).toContain('Quý I (cũ) — Hidden sheet.');
    expect(text).toContain('2 hidden sheets were not checked');
  });

  it('are listed in the report as not checked, with the reason', async () => {
    const host = hiddenHost();
    const controller = await started(host);
    await controller.checkAll();
    await controller.createReport();
    const report = host.sheets.find((s) => s.owner === 'report');
    const rows = reportRows(report?.content);
    const at = rows.findIndex((r) => r[0] === 'Trang tính không kiểm tra');
    expect(rows.slice(at, at + 4)).toEqual([
      ['Trang tính không kiểm tra'],
      ['Trang tính', 'Lý do'],
      ['Quý I (cũ)', describeSkipReason('hidden', 'vi')],
      ['Nháp', describeSkipReason('hidden', 'vi')],
    ]);
    // the matrix: the one unit whose sheet was checked
    const matrix = rows.findIndex((r) => r[0] === 'Đơn vị');
    expect(rows[matrix + 1]?.[0]).toBe('Sở Tư pháp');
    expect(rows[matrix + 1]?.at(-1)).toBe('Quý II');
    expect(rows[matrix + 2]?.[0]).toBe('Số đơn vị đạt');
  });

  it('are checked when the option asks, and labelled hidden', async () => {
    const host = hiddenHost();
    const controller = await started(host);
    controller.setIncludeHidden(true);
    await controller.checkAll();
    const entries = controller.getState().workbook?.entries ?? [];
    expect(entries.map((e) => [e.sheet, e.skipped?.kind ?? 'checked', e.hidden ?? false])).toEqual([
      ['Quý II', 'checked', false],
      ['Quý I (cũ)', 'checked', true],
      ['Nháp', 'checked', true],
    ]);
    expect(controller.getState().notices.map((n) => n.kind)).not.toContain('hidden-skipped');
    expect(host.sheets[1]?.rules.length).toBeGreaterThan(0);
    const markup = html(controller);
    expect(markup.match(/data-hidden-sheet=""/g)).toHaveLength(2);
    expect(shown(controller)).toContain('Quý I (cũ) (trang tính ẩn)');
    await controller.createReport();
    const rows = reportRows(host.sheets.find((s) => s.owner === 'report')?.content);
    // one row per unit; the sheets each came from, a hidden one labelled so
    const matrix = rows.findIndex((r) => r[0] === 'Đơn vị');
    expect(rows.slice(matrix + 1, matrix + 4).map((r) => [r[0], r.at(-1)])).toEqual([
      ['Sở Tư pháp', 'Quý II'],
      ['Sở Nội vụ', 'Quý I (cũ) (trang tính ẩn)'],
      ['UBND huyện Bù Đốp', 'Nháp (trang tính ẩn)'],
    ]);
    expect(rows.some((r) => r[0] === 'Trang tính không kiểm tra')).toBe(false);
    await controller.settled();
    expect(await host.loadSettings()).toMatchObject({ includeHidden: true });
    expect((await started(host)).getState().includeHidden).toBe(true);
  });

  it('a finding of a hidden sheet checked with the option says the sheet is hidden, selects nothing', async () => {
    const host = hiddenHost();
    const controller = await started(host);
    controller.setIncludeHidden(true);
    await controller.checkAll();
    const entries = controller.getState().workbook?.entries ?? [];
    const hidden = entries[1]?.result?.findings.find((f) => f.cell !== undefined);
    const visible = entries[0]?.result?.findings.find((f) => f.cell !== undefined);
    if (!hidden?.cell || !visible?.cell) throw new Error('no finding with a cell');
    await controller.selectFinding(hidden, 'Quý I (cũ)');
    expect(host.calls.filter((c) => c.startsWith('selectCell'))).toEqual([]);
    expect(controller.getState().notices).toEqual([
      { kind: 'hidden-sheet-cell', sheet: 'Quý I (cũ)', cell: hidden.cell },
    ]);
    expect(shown(controller)).toContain(
      `Trang tính “Quý I (cũ)” đang ẩn nên không chọn được ô ${hidden.cell}.`,
    );
    controller.setLocale('en');
    expect(shown(controller)).toContain(`Sheet “Quý I (cũ)” is hidden, so cell ${hidden.cell}`);
    // a visible sheet's finding is selected as before
    await controller.selectFinding(visible, 'Quý II');
    expect(host.calls).toContain(`selectCell Quý II!${visible.cell}`);
  });

  it('a sheet hidden after it was checked is skipped on the next Kiểm tra tất cả', async () => {
    const host = hiddenHost();
    host.hideSheet('Quý I (cũ)', undefined);
    const controller = await started(host);
    await controller.checkAll();
    expect(controller.getState().workbook?.entries[1]?.skipped).toBeUndefined();
    host.hideSheet('Quý I (cũ)', 'hidden');
    await controller.checkAll();
    expect(controller.getState().workbook?.entries[1]?.skipped).toEqual({
      kind: 'skipped',
      reason: 'hidden',
    });
  });

  it('the host opens on a visible sheet, and the last visible one cannot be hidden', () => {
    const host = hiddenHost();
    expect(host.listSheets()).resolves.toEqual([
      { name: 'Quý II' },
      { name: 'Quý I (cũ)', visibility: 'hidden' },
      { name: 'Nháp', visibility: 'very-hidden' },
    ]);
    expect(() => host.hideSheet('Quý II', 'hidden')).toThrow(/last visible/);
  });
});
