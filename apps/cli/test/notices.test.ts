/**
 * A sheet's notices (SheetCheck.notices: a code and typed fields) in every report of the CLI:
 * text (under the sheet line, before its findings), json (`notices: [{ code, …fields, message }]`
 * per sheet), csv (rows of kind `notice`, before the sheet's findings), html (by the sheet's
 * summary). Worded by the engine's describeNotice, Vietnamese by default, English with --lang en.
 * The engine's check is wrapped (seams.ts) to give notices whatever the engine gives today.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  describeNotice,
  getBuiltinTargetSet,
  type Locale,
  type SheetNotice,
  type TargetSet,
} from '@chitieu/engine';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seams } from '../src/seams.js';
import { parseCsv, run, runJson, stripAnsi, useTempDirs } from './helpers.js';
import { sheetsWorkbook } from './workbooks.js';

const temp = useTempDirs('all');
const original = { ...seams };

const NOTICES: readonly SheetNotice[] = [
  {
    code: 'values-not-assigned',
    level: 'so',
    count: 7,
    cells: ['J9', 'K9', 'J11', 'K11', 'J13', 'K13', 'J22'],
    assignedTo: ['huyen', 'xa'],
  },
  { code: 'fractions-read', column: 'K', quarter: 2, count: 11 },
];

const SET = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const words = (n: SheetNotice, locale: Locale) => describeNotice(n, { locale, targetSet: SET });

let dir = '';
beforeAll(async () => {
  dir = await temp();
  await writeFile(
    join(dir, 'so-y-te.xlsx'),
    await sheetsWorkbook([
      {
        name: 'Phụ lục',
        annex: {
          result: (id, q, m) => (id === 'thanh-toan-truc-tuyen' && q === 2 ? m - 0.5 : m),
        },
      },
    ]),
  );
});
beforeEach(() => {
  // the engine's check of each annex, with the notices above
  seams.checkSheet = (grid, options) => {
    const result = original.checkSheet(grid, options);
    return result.status === 'checked' ? { ...result, notices: NOTICES } : result;
  };
});
afterEach(() => {
  Object.assign(seams, original);
});

describe('sheet notices', () => {
  it('the words name the levels by the set (the test would pass on ids otherwise)', () => {
    expect(words(NOTICES[0] as SheetNotice, 'vi')).toContain('UBND cấp huyện');
    expect(words(NOTICES[0] as SheetNotice, 'vi')).toContain('và 2 ô khác');
    expect(words(NOTICES[1] as SheetNotice, 'en')).toContain('Column K (Q2)');
  });

  it('text: under the sheet line, once each, before the findings', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const { code, stdout } = await run(['check', 'so-y-te.xlsx', '--lang', locale], { cwd: dir });
      expect(code).toBe(1);
      const lines = stripAnsi(stdout).split('\n');
      expect(lines[0]).toMatch(/^Sở Y tế — so-y-te\.xlsx › Phụ lục /);
      expect(lines.slice(1, 3)).toEqual(NOTICES.map((n) => `  ℹ ${words(n, locale)}`));
      expect(lines[3]).toMatch(/^┌/);
    }
  });

  it('json: `notices` per sheet, each its code, typed fields and words', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const { json } = await runJson(['check', 'so-y-te.xlsx', '--lang', locale], { cwd: dir });
      const sheet = json.files[0]?.sheets[0] as unknown as Record<string, unknown>;
      expect(sheet.notices).toEqual([
        {
          code: 'values-not-assigned',
          level: 'so',
          count: 7,
          cells: ['J9', 'K9', 'J11', 'K11', 'J13', 'K13', 'J22'],
          assignedTo: ['huyen', 'xa'],
          message: words(NOTICES[0] as SheetNotice, locale),
        },
        {
          code: 'fractions-read',
          column: 'K',
          quarter: 2,
          count: 11,
          message: words(NOTICES[1] as SheetNotice, locale),
        },
      ]);
      // beside the summary, before the findings
      const keys = Object.keys(sheet);
      expect(keys.indexOf('notices')).toBe(keys.indexOf('summary') + 1);
      expect(keys.indexOf('findings')).toBe(keys.indexOf('notices') + 1);
    }
  });

  it('csv: a row of kind notice each, before the sheet’s findings, the columns in their order', async () => {
    for (const locale of ['vi', 'en'] as const) {
      const { stdout } = await run(['check', 'so-y-te.xlsx', '--format', 'csv', '--lang', locale], {
        cwd: dir,
      });
      const rows = parseCsv(stdout.slice(1), locale === 'vi' ? ';' : ',');
      expect(rows[1]).toEqual([
        'so-y-te.xlsx',
        'Sở Y tế',
        'so',
        'Phụ lục',
        '',
        'values-not-assigned',
        '',
        '',
        '',
        '',
        '',
        words(NOTICES[0] as SheetNotice, locale),
        'notice',
        '',
        '',
        '',
      ]);
      expect(rows[2]).toEqual([
        'so-y-te.xlsx',
        'Sở Y tế',
        'so',
        'Phụ lục',
        '',
        'fractions-read',
        '',
        '2',
        '',
        '',
        '',
        words(NOTICES[1] as SheetNotice, locale),
        'notice',
        '',
        '',
        '',
      ]);
      expect(rows.slice(3).every((r) => r[12] === 'finding')).toBe(true);
      expect(rows.filter((r) => r[12] === 'notice')).toHaveLength(2);
    }
  });

  it('html: by the sheet’s summary, before its findings', async () => {
    const esc = (text: string) =>
      text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
    for (const [locale, label] of [
      ['vi', 'Lưu ý'],
      ['en', 'Notes'],
    ] as const) {
      const { stdout: html } = await run(
        ['check', 'so-y-te.xlsx', '--format', 'html', '--lang', locale],
        { cwd: dir },
      );
      const list = `<ul class="notices" aria-label="${label}"><li class="notice notice-values-not-assigned"><b aria-hidden="true">ℹ</b> ${esc(words(NOTICES[0] as SheetNotice, locale))}</li><li class="notice notice-fractions-read"><b aria-hidden="true">ℹ</b> ${esc(words(NOTICES[1] as SheetNotice, locale))}</li></ul>`;
      expect(html).toContain(`</summary>${list}<table>`);
      expect(html.split(list)).toHaveLength(2);
    }
  });

  it('a sheet without notices shows none in any report', async () => {
    Object.assign(seams, original);
    // The set given: no choice between sets to tell about, and nothing else to say.
    const args = ['check', 'so-y-te.xlsx', '--target-set', 'binh-phuoc-2025'];
    const text = await run(args, { cwd: dir });
    expect(text.stdout).not.toContain('ℹ');
    const { json } = await runJson(args, { cwd: dir });
    expect(json.files[0]?.sheets[0]).toMatchObject({ notices: [] });
    const csv = await run([...args, '--format', 'csv'], { cwd: dir });
    expect(parseCsv(csv.stdout.slice(1), ';').filter((r) => r[12] === 'notice')).toEqual([]);
    const html = await run([...args, '--format', 'html'], { cwd: dir });
    expect(html.stdout).not.toContain('class="notices"');
  });
});
