/** The pane's pure helpers: grouping, labels, options and saved settings; and the catalog. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSheet,
  countByStatus,
  quarterName,
  type SheetCheck,
  type SheetFinding,
} from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import {
  checkOptions,
  formatNearMissBand,
  fromSettings,
  levelOptions,
  parseNearMissBand,
  toSettings,
  withField,
  withoutChoice,
} from '../src/app/form.js';
import { en, type Messages, vi } from '../src/app/i18n.js';
import { displayStatus, groupFindings, summaryRows, toReview } from '../src/app/model.js';
import { MemoryHost } from '../src/host/memory.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/nop-quy-2-2025/so-tu-phap.xlsx', import.meta.url),
);

async function exampleCheck(options: Parameters<typeof checkSheet>[1] = {}): Promise<SheetCheck> {
  const host = MemoryHost.fromXlsx(new Uint8Array(readFileSync(EXAMPLE)));
  const sheet = await host.activeSheet();
  return checkSheet({ ...(await host.readSheet(sheet)), name: sheet }, options);
}

/** A finding with one field overridden. */
function finding(overrides: Partial<SheetFinding> & Pick<SheetFinding, 'code'>): SheetFinding {
  return { indicatorId: 'x', quarter: 2, ...overrides } as SheetFinding;
}

describe('statuses', () => {
  it('tells a near miss from a plain shortfall', () => {
    expect(displayStatus(finding({ code: 'below-minimum', nearMiss: true } as never))).toBe(
      'near-miss',
    );
    expect(displayStatus(finding({ code: 'below-minimum', nearMiss: false } as never))).toBe(
      'below-minimum',
    );
    expect(displayStatus({ code: 'not-an-annex', reason: 'empty' } as never)).toBe(undefined);
  });

  it('counts near misses apart when the engine is given a band', async () => {
    const result = await exampleCheck({ nearMissBand: 1 });
    const counts = countByStatus(result.findings);
    expect(counts['near-miss']).toBe(1); // K13: 74,5 % against 75 %
    expect(counts['below-minimum']).toBe(3);
    expect(summaryRows(counts).map((r) => r.status)).toEqual([
      'below-minimum',
      'near-miss',
      'invalid-value',
      'missing-value',
      'target-mismatch',
      'met',
      'not-applicable',
    ]);
    // below, near, invalid and missing ask for a look; met and not applicable for nothing
    expect(toReview(counts)).toBe(3 + 1 + 3 + 3);
  });
});

describe('groupFindings', () => {
  it('groups by indicator in the target set’s order, with Stt and short name, quiet ones hidden', async () => {
    const result = await exampleCheck();
    const { groups, hidden } = groupFindings(result, 'vi', vi, false);
    expect(hidden).toBe(18 + 4);
    expect(groups.map((g) => `${g.stt}. ${g.title}`).slice(0, 3)).toEqual([
      '2. Thanh toán trực tuyến',
      '3. Hồ sơ trực tuyến',
      '5. Đồng bộ kết quả xử lý hồ sơ',
    ]);
    expect(groups[0]?.findings.map((f) => f.cell)).toEqual(['K13']);
    const shown = groups.flatMap((g) => g.findings);
    expect(shown).toHaveLength(10);
    expect(shown.every((f) => f.code !== 'met' && f.code !== 'not-applicable')).toBe(true);
  });

  it('shows everything on request, with English names in English', async () => {
    const result = await exampleCheck();
    const { groups, hidden } = groupFindings(result, 'en', en, true);
    expect(hidden).toBe(0);
    expect(groups[0]).toMatchObject({ stt: '1', title: 'End-to-end online public services' });
    expect(groups.flatMap((g) => g.findings)).toHaveLength(result.findings.length);
  });
});

describe('check options and settings', () => {
  const fields = {
    targetSetId: 'binh-phuoc-2025',
    level: 'so',
    unitName: ' Sở Tư pháp ',
    quarter: 2 as const,
  };

  it('passes only the fields the user chose', () => {
    expect(checkOptions(fields, [])).toEqual({});
    expect(checkOptions(fields, ['level', 'unitName'])).toEqual({
      level: 'so',
      unitName: 'Sở Tư pháp',
    });
  });

  it('round-trips the settings', () => {
    const saved = toSettings(fields, ['quarter', 'level'], {
      notes: true,
      showAll: false,
      nearMissBand: 0.5,
      includeHidden: true,
    });
    expect(saved).toEqual({
      version: 1,
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
      chosen: ['level', 'quarter'],
      notes: true,
      showAll: false,
      nearMissBand: 0.5,
      includeHidden: true,
    });
    expect(fromSettings(JSON.parse(JSON.stringify(saved)))).toEqual({
      fields: { ...fields, unitName: 'Sở Tư pháp' },
      chosen: ['level', 'quarter'],
      options: { notes: true, showAll: false, nearMissBand: 0.5, includeHidden: true },
    });
  });

  it('drops what a workbook cannot mean', () => {
    expect(fromSettings({})).toBeUndefined();
    expect(
      fromSettings({
        version: 1,
        targetSetId: 'no-such-set',
        level: 'so',
        unitName: 42,
        quarter: 5,
        chosen: ['level', 'quarter', 'nonsense'],
        notes: 'yes',
        nearMissBand: -1,
        includeHidden: 'yes',
      }),
    ).toEqual({
      fields: { unitName: '' },
      chosen: [],
      options: { notes: false, showAll: false, nearMissBand: 1, includeHidden: false },
    });
    // saved before the band was offered: the default band, hidden sheets skipped
    expect(fromSettings({ version: 1, chosen: [] })?.options).toEqual({
      notes: false,
      showAll: false,
      nearMissBand: 1,
      includeHidden: false,
    });
    for (const band of [Number.NaN, 21, '2', null])
      expect(fromSettings({ version: 1, nearMissBand: band })?.options.nearMissBand).toBe(1);
    expect(fromSettings({ version: 1, nearMissBand: 0 })?.options.nearMissBand).toBe(0);
  });

  it('passes the near-miss band when there is one, 0 being none', () => {
    expect(checkOptions(fields, [], 1)).toEqual({ nearMissBand: 1 });
    expect(checkOptions(fields, ['level'], 2.5)).toEqual({ nearMissBand: 2.5, level: 'so' });
    expect(checkOptions(fields, [], 0)).toEqual({});
  });

  it('reads a band as typed, in either decimal mark, and refuses what is none', () => {
    expect(parseNearMissBand('1')).toBe(1);
    expect(parseNearMissBand(' 0,5 ')).toBe(0.5);
    expect(parseNearMissBand('0.25')).toBe(0.25);
    expect(parseNearMissBand(',5')).toBe(0.5);
    expect(parseNearMissBand('0')).toBe(0);
    expect(parseNearMissBand('20')).toBe(20);
    for (const bad of ['', ' ', '-1', '20,5', 'một', '1%', '1,2,3', '1e2', 'NaN'])
      expect(parseNearMissBand(bad), bad).toBeUndefined();
    expect(formatNearMissBand(0.5, 'vi')).toBe('0,5');
    expect(formatNearMissBand(0.5, 'en')).toBe('0.5');
    expect(formatNearMissBand(1, 'vi')).toBe('1');
  });

  it('gives a field set by hand back to detection, leaving the others as they are', () => {
    let form = withField({ fields: { unitName: '' }, chosen: [], sources: {} }, 'level', 'xa');
    form = withField(form, 'quarter', 3);
    form = withField(form, 'unitName', 'UBND xã Tân Lập');
    form = withField(form, 'targetSet', 'binh-phuoc-2025');
    expect(form.chosen).toEqual(['targetSet', 'level', 'unitName', 'quarter']);

    const noLevel = withoutChoice(form, 'level');
    expect(noLevel.fields).toEqual({
      targetSetId: 'binh-phuoc-2025',
      unitName: 'UBND xã Tân Lập',
      quarter: 3,
    });
    expect(noLevel.chosen).toEqual(['targetSet', 'unitName', 'quarter']);
    expect(noLevel.sources).toEqual({ targetSet: 'option', unitName: 'option', quarter: 'option' });
    expect(checkOptions(noLevel.fields, noLevel.chosen, 0)).toEqual({
      targetSet: 'binh-phuoc-2025',
      unitName: 'UBND xã Tân Lập',
      quarter: 3,
    });

    const none = (['targetSet', 'unitName', 'quarter'] as const).reduce(withoutChoice, noLevel);
    expect(none).toEqual({ fields: { unitName: '' }, chosen: [], sources: {} });
    expect(checkOptions(none.fields, none.chosen, 0)).toEqual({});
    // a field the user did not choose: nothing to give back
    expect(withoutChoice(none, 'quarter')).toBe(none);
  });

  it('names levels in the pane’s language', () => {
    expect(levelOptions('binh-phuoc-2025', 'vi').map((l) => l.name)).toEqual([
      'Các sở, ban, ngành',
      'UBND cấp huyện',
      'UBND cấp xã',
    ]);
    expect(levelOptions(undefined, 'en')[0]).toEqual({ id: 'so', name: 'Provincial departments' });
  });
});

describe('the catalog', () => {
  /**
   * Every string a catalog holds, functions called with sample arguments. The words for errors
   * (`errors`) take a problem, not sample strings: words.test.ts walks them over every code.
   */
  function texts(m: Messages): string[] {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (typeof v === 'function') walk((v as (...a: unknown[]) => unknown)('X', 2));
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk({ ...m, errors: undefined });
    return out;
  }

  it('has the same entries in both languages', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k],
      );
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('writes Vietnamese in composed (NFC) form, with its diacritics', () => {
    for (const s of texts(vi)) expect(s).toBe(s.normalize('NFC'));
    expect(vi.check).toBe('Kiểm tra');
    expect(vi.clearMarks).toBe('Xóa đánh dấu');
    expect(vi.previewBanner).toBe('Bản xem trước — sổ làm việc mẫu');
    expect(quarterName(4, vi.locale)).toBe('Quý IV');
  });
});
