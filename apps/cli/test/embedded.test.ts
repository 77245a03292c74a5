/**
 * The target set stored in a workbook, as `chitieu check` uses it (issue 13, item 4): used when
 * no set is given, compared with the set a reviewer gives (an altered copy is told, indicator by
 * indicator), a damaged part told by its name while the sheet is still checked, and the stored
 * set kept through a LibreOffice round trip.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBuiltinTargetSet, parseTargetSetJson } from '@chitieu/engine';
import { targetSetFingerprint } from '@chitieu/xlsx';
import { describe, expect, it } from 'vitest';
import { run, runJson, useTempDirs } from './helpers.js';
import { editStoredSet, fillCells, officeSetFile, resultCells } from './template-helpers.js';

const temp = useTempDirs();

interface Sheet {
  readonly context: Record<string, unknown>;
  readonly findings: readonly {
    code: string;
    cell: string;
    indicatorId: string;
    minimum: number;
    value: number;
  }[];
  readonly notices: readonly Record<string, unknown>[];
}

/**
 * In a fresh folder: the office's own set file, the template made from it for Sở Tư pháp, and
 * the unit's Q1 and Q2 values for online payment (72%, 74,5%: Q2's minimum is 75%).
 */
async function submitted() {
  const dir = await temp();
  await officeSetFile(dir);
  const made = await run(
    [
      'template',
      '--target-set',
      'bo-chi-tieu.json',
      '--level',
      'so',
      '--unit',
      'Sở Tư pháp',
      '--out',
      'nop.xlsx',
    ],
    { cwd: dir },
  );
  if (made.code !== 0) throw new Error(made.stderr);
  const path = join(dir, 'nop.xlsx');
  const { cells } = await resultCells(path);
  const pay = cells.get('thanh-toan-truc-tuyen') as string[];
  await fillCells(path, { [pay[0] as string]: 0.72, [pay[1] as string]: 0.745 });
  return { dir, path, pay };
}

async function checkJson(dir: string, ...argv: string[]) {
  const { code, json, stderr } = await runJson(['check', 'nop.xlsx', '--quarter', '2', ...argv], {
    cwd: dir,
  });
  return { code, stderr, sheet: json.files[0]?.sheets[0] as unknown as Sheet };
}

const embeddedNotices = (sheet: Sheet) =>
  sheet.notices.filter((n) => String(n.code).startsWith('embedded'));

describe('check uses the stored set', () => {
  it('none given: the stored set (a set no built-in has) is what the sheet is checked against', async () => {
    const { dir, pay } = await submitted();
    const { code, sheet } = await checkJson(dir);
    expect(code).toBe(1);
    expect(sheet.context).toMatchObject({ targetSetId: 'dong-nai-2026-thu', level: 'so' });
    // where the set came from: the workbook, not an option the reviewer gave
    expect(sheet.context.sources).toEqual({
      targetSet: 'embedded',
      level: 'unit-name',
      unitName: 'title',
      quarter: 'option',
    });
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toMatchObject([
      { cell: pay[1], indicatorId: 'thanh-toan-truc-tuyen', minimum: 75, value: 74.5 },
    ]);
    expect(embeddedNotices(sheet)).toEqual([
      {
        code: 'embedded-set-used',
        targetSetId: 'dong-nai-2026-thu',
        part: 'customXml/item1.xml',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        message: expect.stringContaining(
          'Trang tính được kiểm tra theo bộ chỉ tiêu "dong-nai-2026-thu" lưu kèm trong sổ',
        ),
      },
    ]);
  });

  it('the reviewer’s own file, and the same set stored: nothing to say about it', async () => {
    const { dir } = await submitted();
    const { code, sheet } = await checkJson(dir, '--target-set', 'bo-chi-tieu.json');
    expect(code).toBe(1);
    expect(sheet.context.targetSetId).toBe('dong-nai-2026-thu');
    expect((sheet.context.sources as Record<string, unknown>).targetSet).toBe('option');
    expect(embeddedNotices(sheet)).toEqual([]);
  });
});

describe('an altered stored set', () => {
  /** The unit lowered the Q2 minimum of online payment to 70% in the stored copy. */
  const lowered = (xml: string) =>
    xml.replace('"quarterly":[70,75,80,85]', '"quarterly":[70,70,80,85]');

  it('checked with the office’s file: told, with the indicator that differs, and judged by the official minimum', async () => {
    const { dir, path, pay } = await submitted();
    await editStoredSet(path, lowered);
    const { code, sheet } = await checkJson(dir, '--target-set', 'bo-chi-tieu.json');
    expect(code).toBe(1);
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toMatchObject([
      { cell: pay[1], minimum: 75, value: 74.5 },
    ]);
    const parsed = parseTargetSetJson(await readFile(join(dir, 'bo-chi-tieu.json'), 'utf8'));
    if (!parsed.success) throw new Error('the set file is not valid');
    const official = parsed.data;
    expect(embeddedNotices(sheet)).toMatchObject([
      {
        code: 'embedded-set-differs',
        targetSetId: 'dong-nai-2026-thu',
        part: 'customXml/item1.xml',
        officialId: 'dong-nai-2026-thu',
        against: 'option',
        indicators: ['thanh-toan-truc-tuyen'],
        added: [],
        removed: [],
        other: false,
      },
    ]);
    expect(embeddedNotices(sheet)[0]?.officialFingerprint).toBe(targetSetFingerprint(official));
    expect(embeddedNotices(sheet)[0]?.message).toBe(
      `Bộ chỉ tiêu lưu kèm trong sổ ("dong-nai-2026-thu", phần "customXml/item1.xml", mã SHA-256 ${String(embeddedNotices(sheet)[0]?.fingerprint).slice(0, 12)}…) khác bộ chỉ tiêu đã chọn "dong-nai-2026-thu" ("${official.title}") (mã ${String(embeddedNotices(sheet)[0]?.officialFingerprint).slice(0, 12)}…): 1 chỉ tiêu khác ("Thanh toán trực tuyến"). Trang tính được kiểm tra theo bộ chính thức.`,
    );
    // the text and HTML reports tell it too
    const text = await run(
      ['check', 'nop.xlsx', '--quarter', '2', '--target-set', 'bo-chi-tieu.json'],
      {
        cwd: dir,
      },
    );
    expect(text.stdout).toContain('ℹ Bộ chỉ tiêu lưu kèm trong sổ ("dong-nai-2026-thu"');
    const html = await run(
      [
        'check',
        'nop.xlsx',
        '--quarter',
        '2',
        '--target-set',
        'bo-chi-tieu.json',
        '--format',
        'html',
      ],
      { cwd: dir },
    );
    expect(html.stdout).toContain('Bộ chỉ tiêu lưu kèm trong sổ');
  });

  it('none given: the stored copy is used, and said to have been edited after it was written', async () => {
    const { dir } = await submitted();
    await editStoredSet(join(dir, 'nop.xlsx'), lowered);
    const { code, sheet } = await checkJson(dir);
    // against the lowered copy 74,5% passes: the reviewer is told the copy was edited
    expect(code).toBe(1); // the other indicators' values are missing
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toEqual([]);
    expect(embeddedNotices(sheet)).toMatchObject([
      { code: 'embedded-set-used', targetSetId: 'dong-nai-2026-thu', altered: true },
    ]);
    expect(String(embeddedNotices(sheet)[0]?.message)).toContain(
      'bản lưu kèm đã bị sửa sau khi ghi',
    );
  });

  it('a stored set with a built-in id is checked as the built-in one, the difference told', async () => {
    const dir = await temp();
    await run(
      ['template', '--target-set', 'binh-phuoc-2025', '--level', 'so', '--out', 'nop.xlsx'],
      {
        cwd: dir,
      },
    );
    const path = join(dir, 'nop.xlsx');
    const { cells } = await resultCells(path);
    const pay = cells.get('thanh-toan-truc-tuyen') as string[];
    await fillCells(path, { [pay[0] as string]: 0.72, [pay[1] as string]: 0.745 });
    await editStoredSet(path, lowered);
    const { sheet } = await checkJson(dir, '--level', 'so');
    expect(sheet.context.targetSetId).toBe('binh-phuoc-2025');
    // the built-in set the stored one names: chosen because the workbook stores it
    expect(sheet.context.sources).toMatchObject({ targetSet: 'embedded', level: 'option' });
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toMatchObject([
      { cell: pay[1], minimum: 75 },
    ]);
    const builtin = getBuiltinTargetSet('binh-phuoc-2025');
    expect(embeddedNotices(sheet)).toMatchObject([
      {
        code: 'embedded-set-differs',
        against: 'builtin',
        indicators: ['thanh-toan-truc-tuyen'],
        officialFingerprint: targetSetFingerprint(builtin as never),
      },
    ]);
  });
});

describe('a damaged stored set', () => {
  it('is told by its part, and the sheet is still checked (the set recognised from its rows)', async () => {
    const { dir, pay } = await submitted();
    await editStoredSet(join(dir, 'nop.xlsx'), (xml) =>
      xml.replace('"indicators":[', '"indicators":[}'),
    );
    const { code, sheet, stderr } = await checkJson(dir, '--level', 'so');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(sheet.context.targetSetId).toBe('binh-phuoc-2025');
    expect((sheet.context.sources as Record<string, unknown>).targetSet).toBe('content');
    expect(sheet.findings.filter((f) => f.code === 'below-minimum')).toMatchObject([
      { cell: pay[1], minimum: 75 },
    ]);
    expect(embeddedNotices(sheet)).toMatchObject([
      {
        code: 'embedded-set-unreadable',
        part: 'customXml/item1.xml',
        reason: 'invalid-set',
        issues: [{ path: '', problem: { kind: 'json-syntax' } }],
      },
    ]);
    expect(String(embeddedNotices(sheet)[0]?.message)).toMatch(
      /^Không dùng được bộ chỉ tiêu lưu kèm trong sổ \(phần "customXml\/item1\.xml"\): bộ chỉ tiêu không hợp lệ: .+\. Trang tính được kiểm tra như khi sổ không lưu kèm bộ chỉ tiêu\.$/,
    );
    // not XML at all
    await editStoredSet(join(dir, 'nop.xlsx'), (xml) => xml.replace('</targetSet>', ''));
    const cut = await checkJson(dir, '--level', 'so', '--lang', 'en');
    expect(embeddedNotices(cut.sheet)).toMatchObject([
      {
        code: 'embedded-set-unreadable',
        part: 'customXml/item1.xml',
        reason: 'not-xml',
        message:
          'The target set stored in the workbook (part "customXml/item1.xml") cannot be used: the part is not valid XML. The sheet was checked as if the workbook stored none.',
      },
    ]);
  });
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

describe.skipIf(!soffice && !process.env.CI)('a filled template saved again by LibreOffice', () => {
  it('is checked the same, against the set it still stores', { timeout: 180_000 }, async () => {
    const { dir } = await submitted();
    const before = await checkJson(dir);
    const lo = join(dir, 'lo');
    await mkdir(lo);
    execFileSync(
      soffice as string,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'xlsx',
        '--outdir',
        lo,
        join(dir, 'nop.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    await copyFile(join(lo, 'nop.xlsx'), join(dir, 'nop.xlsx'));
    const after = await checkJson(dir);
    expect(after.code).toBe(before.code);
    expect(after.sheet.context).toEqual(before.sheet.context);
    const cells = (s: Sheet) => s.findings.map((f) => `${f.code} ${f.cell}`).sort();
    expect(cells(after.sheet)).toEqual(cells(before.sheet));
    expect(embeddedNotices(after.sheet)).toEqual(embeddedNotices(before.sheet));
    expect(embeddedNotices(after.sheet)[0]?.code).toBe('embedded-set-used');
  });
});
