/**
 * report.html's units × indicators matrix (issue 15, items 1, 2, 5 and 7), over a folder made
 * here: a unit below its Quý I minimum and met in Quý II (its cell is below, both quarters shown),
 * an original and a revised copy of one unit (one row, the revised one "thay cho" the original,
 * whose failure is not the unit's), and a hidden old annex of another unit (no row unless
 * --include-hidden). Per-unit and per-indicator totals, the sort rules (no script), indicator
 * numbers and names instead of ids, the set's section titles over their columns. Printed by
 * Chromium on A4 landscape, every indicator's short name is in the PDF's text and the table is
 * no wider than the page. Screenshots of the page and the printed page go to
 * apps/cli/test-artifacts/html-matrix/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getBuiltinTargetSet, indicatorName, type TargetSet } from '@chitieu/engine';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO, run, useTempDirs } from './helpers.js';
import { annexWorkbook, sheetsWorkbook } from './workbooks.js';

const temp = useTempDirs('all');
const BP = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const NQ = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;
const ARTIFACTS = join(REPO, 'apps/cli/test-artifacts/html-matrix');

/** The workbook with its own last-saved date (docProps/core.xml), as Excel would write it. */
async function savedOn(bytes: Uint8Array, modified: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.modified = new Date(modified);
  wb.created = new Date('2025-06-01T00:00:00Z');
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

let dir = '';
let html = '';
let withHidden = '';

beforeAll(async () => {
  dir = await temp();
  // Sở Tài chính: "2. Thanh toán trực tuyến" 68,31 % against Quý I's 70 %, 80 % against Quý II's 75 %.
  await writeFile(
    join(dir, 'so-tai-chinh.xlsx'),
    await annexWorkbook({
      unit: 'Sở Tài chính',
      result: (id, q, min) => (id === 'thanh-toan-truc-tuyen' ? (q === 1 ? 68.31 : 80) : min),
    }),
  );
  // Sở Nội vụ: the original (3. Hồ sơ trực tuyến short in Quý II) and the revised copy (all met).
  await writeFile(
    join(dir, 'so-noi-vu.xlsx'),
    await savedOn(
      await annexWorkbook({
        unit: 'Sở Nội vụ',
        result: (id, q, min) => (id === 'ho-so-truc-tuyen' && q === 2 ? min - 5 : min),
      }),
      '2025-07-01T08:00:00Z',
    ),
  );
  await writeFile(
    join(dir, 'so-noi-vu-ban-sua.xlsx'),
    await savedOn(await annexWorkbook({ unit: 'Sở Nội vụ' }), '2025-07-05T08:00:00Z'),
  );
  // Sở Y tế, all met; and an old workbook whose only annex (Sở Xây dựng) is a hidden sheet.
  await writeFile(join(dir, 'so-y-te.xlsx'), await annexWorkbook({ unit: 'Sở Y tế' }));
  await writeFile(
    join(dir, 'cu.xlsx'),
    await sheetsWorkbook([
      { name: 'Ghi chú', lines: ['Bản cũ'] },
      {
        name: 'Quý I (cũ)',
        state: 'hidden',
        annex: {
          unit: 'Sở Xây dựng',
          result: (id, _q, min) => (id === 'dvc-toan-trinh' ? 1 : min),
        },
      },
    ]),
  );
  // the file dates agree with the workbooks' own (the original is the older)
  await utimes(join(dir, 'so-noi-vu.xlsx'), new Date('2025-07-01'), new Date('2025-07-01'));
  await utimes(join(dir, 'so-noi-vu-ban-sua.xlsx'), new Date('2025-07-05'), new Date('2025-07-05'));

  const result = await run(['check', '.', '--format', 'html'], { cwd: dir });
  expect(result.code).toBe(1);
  html = result.stdout;
  const hidden = await run(['check', '.', '--format', 'html', '--include-hidden'], { cwd: dir });
  expect(hidden.code).toBe(1);
  withHidden = hidden.stdout;
});

/** The matrix of a page's nth set: its header and its rows (unit cell, totals cell, indicator cells). */
function matrixOf(page: string, n = 0) {
  const table = [...page.matchAll(/<table class="heat n\d+">[\s\S]*?<\/table>/g)][n]?.[0] ?? '';
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  const rows = [...body.matchAll(/<tr><th class="unit" scope="row">(.*?)<\/th>(.*?)<\/tr>/gs)].map(
    (m) => {
      const cells = [
        ...(m[2] ?? '').matchAll(/<td class="([^"]*)"(?: title="([^"]*)")?>(.*?)<\/td>/gs),
      ];
      return {
        unit: m[1] as string,
        total: cells[0]?.[3] as string,
        cells: cells.slice(1).map((c) => ({ cls: c[1], title: c[2], content: c[3] })),
      };
    },
  );
  return { table, head, rows };
}

describe('report.html: the units × indicators matrix over every quarter', () => {
  it('one row per unit, by name: the revised copy and the original are one row', () => {
    const { rows } = matrixOf(html);
    expect(rows.map((r) => r.unit.split('<br>')[0])).toEqual([
      'Sở Nội vụ',
      'Sở Tài chính',
      'Sở Y tế',
    ]);
    for (const r of rows) expect(r.cells).toHaveLength(18);
    // the file it came from, the one it superseded, the level's name
    expect(rows[0]?.unit).toBe(
      'Sở Nội vụ<br><span class="small">so-noi-vu-ban-sua.xlsx</span><br><span class="small superseded">thay cho so-noi-vu.xlsx</span><br><span class="small">Các sở, ban, ngành</span>',
    );
    expect(rows[1]?.unit).toBe(
      'Sở Tài chính<br><span class="small">so-tai-chinh.xlsx</span><br><span class="small">Các sở, ban, ngành</span>',
    );
  });

  it('a unit below in Quý I and met in Quý II: the cell is below, with both quarters shown', () => {
    const row = matrixOf(html).rows[1];
    const cell = row?.cells[1]; // 2. Thanh toán trực tuyến
    expect(cell?.cls).toBe('s-below-minimum');
    expect(cell?.content).toBe(
      '<span class="sym" aria-hidden="true">✗</span> 68,31%<span class="sr">dưới tối thiểu</span>' +
        '<span class="q">Quý I: 68,31%<wbr>/70%&nbsp;✗</span><span class="q">Quý II: 80%<wbr>/75%&nbsp;✓</span>',
    );
    // on hover: each quarter's finding, with its cell
    const lines = cell?.title?.split('\n') ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^J\d+: Quý I: /);
    expect(lines[0]).toContain('68,31%');
    expect(lines[1]).toMatch(/^K\d+: Quý II: /);
    // a neighbour met in both quarters is met, both shown
    expect(row?.cells[0]?.cls).toBe('s-met');
    expect(row?.cells[0]?.content).toMatch(
      /^<span class="sym" aria-hidden="true">✓<\/span> [\d,]+%<span class="sr">đạt<\/span><span class="q">Quý I: [^<]*<wbr>[^<]*<\/span><span class="q">Quý II: /,
    );
    // its totals: one indicator not met, one below
    expect(row?.total).toBe('1<span class="small">✗ 1</span>');
    expect(matrixOf(html).rows[0]?.total).toBe('0');
  });

  it("the superseded copy's failure is not the unit's: its cell is met, its row has none", () => {
    const row = matrixOf(html).rows[0];
    expect(row?.cells[2]?.cls).toBe('s-met'); // 3. Hồ sơ trực tuyến, met in the revised copy
    const below =
      /<h3>Các đơn vị dưới mức tối thiểu theo từng chỉ tiêu<\/h3>\n(<ul class="below">.*?<\/ul>)/s.exec(
        html,
      )?.[1];
    expect(below).toMatch(
      /^<ul class="below"><li><b>2\. Thanh toán trực tuyến<\/b> — Sở Tài chính \(Quý I: <b>68,31%<\/b>\/70%, J\d+\)<\/li><\/ul>$/,
    );
    // listed under its own file, marked superseded, with its finding
    expect(html).toMatch(
      /<details open><summary>Sở Nội vụ — so-noi-vu\.xlsx › Phụ lục <span class="superseded">\[đã được thay bằng so-noi-vu-ban-sua\.xlsx\]<\/span>: [^<]*1 dưới tối thiểu[^<]*<\/summary>/,
    );
  });

  it('per-indicator totals in the header, words for each column, no id', () => {
    const { head } = matrixOf(html);
    expect(head).toContain(
      '<label for="k0-1">2. Thanh toán trực tuyến</label><span class="tally">2/3 đơn vị đạt</span>',
    );
    expect(head).toContain(
      '<label for="k0-2">3. Hồ sơ trực tuyến</label><span class="tally">3/3 đơn vị đạt</span>',
    );
    for (const ind of BP.indicators)
      expect(head).toContain(`${ind.stt}. ${indicatorName(ind, 'vi')}</label>`);
    // the per-file details name the indicator, never its id
    expect(html).toMatch(
      /<tr><td>J\d+<\/td><td>2\. Thanh toán trực tuyến<\/td><td class="s-below-minimum">/,
    );
    for (const ind of BP.indicators) expect(html).not.toContain(`<td>${ind.id}</td>`);
    // the set's title heads the matrix, its two sections head their columns (I: 1…12, II: 13…18)
    expect(html).toContain(`<h2>Đơn vị × chỉ tiêu — ${BP.title} (Quý I, Quý II)</h2>`);
    const [one, two] = BP.sections;
    expect(head).toContain(
      `<tr class="groups"><th class="corner span2" colspan="2"></th><th class="grp span12" colspan="12" scope="colgroup">${one?.title}</th><th class="grp span6" colspan="6" scope="colgroup">${two?.title}</th></tr>`,
    );
  });

  it('sorts without script: radio buttons and one order rule per key and row', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      '<input type="radio" class="sortkey" name="k0" id="k0-u" aria-label="Sắp xếp theo: Tên đơn vị" checked>',
    );
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const orderOf = (key: string) =>
      [
        ...style.matchAll(
          new RegExp(
            `#k0-${key}:checked~\\.mx tbody>:nth-child\\((\\d+)\\)>\\*\\{order:(\\d+)\\}`,
            'g',
          ),
        ),
      ]
        .map((m) => [Number(m[1]), Number(m[2])])
        .sort((a, b) => (a[1] as number) - (b[1] as number))
        .map(([row]) => row);
    // by indicators not met: Sở Tài chính (1) first, then the others by name
    expect(orderOf('f')).toEqual([2, 1, 3]);
    // by "2. Thanh toán trực tuyến": the unit below first
    expect(orderOf('1')).toEqual([2, 1, 3]);
    // the unit name is the document's order: no rule
    expect(orderOf('u')).toEqual([]);
    // every indicator is a key
    for (let k = 0; k < 18; k++) expect(orderOf(String(k))).toHaveLength(3);
    // printed: A4 landscape, the header repeated, rows not cut
    expect(style).toContain('@page{size:A4 landscape');
    expect(style).toMatch(
      /@media print\{[\s\S]*\.heat thead\{display:table-header-group\}\.heat tr\{break-inside:avoid\}/,
    );
  });

  it('a hidden old sheet is no row, unless --include-hidden: then a row, labelled hidden', () => {
    expect(matrixOf(html).rows.map((r) => r.unit)).not.toContainEqual(
      expect.stringContaining('Sở Xây dựng'),
    );
    expect(html).toContain('<li class="small">cu.xlsx › Quý I (cũ): trang tính ẩn</li>');
    const rows = matrixOf(withHidden).rows;
    expect(rows.map((r) => r.unit.split('<br>')[0])).toEqual([
      'Sở Nội vụ',
      'Sở Tài chính',
      'Sở Xây dựng',
      'Sở Y tế',
    ]);
    expect(rows[2]?.unit).toBe(
      'Sở Xây dựng<br><span class="small">cu.xlsx <span class="hidden-sheet">[trang tính ẩn]</span></span><br><span class="small">Các sở, ban, ngành</span>',
    );
    expect(rows[2]?.cells[0]?.cls).toBe('s-below-minimum');
  });

  it("group headers: the set's sections over their columns (NQ 01 over 1…11, NQ 02 over 1…4)", async () => {
    const { stdout } = await run(['check', join(EXAMPLES, 'xa-tan-tien.xlsx'), '--format', 'html']);
    const { head, rows } = matrixOf(stdout);
    expect(head).toContain(
      '<tr class="groups"><th class="corner span2" colspan="2"></th><th class="grp span11" colspan="11" scope="colgroup">Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP</th><th class="grp span4" colspan="4" scope="colgroup">Chỉ tiêu giao tại Nghị quyết số 02/NQ-CP</th></tr>',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cells).toHaveLength(15);
    // the level as the set names it
    expect(rows[0]?.unit).toContain('<span class="small">UBND các xã, phường, thị trấn</span>');
    const style = /<style>([\s\S]*?)<\/style>/.exec(stdout)?.[1] ?? '';
    expect(style).toContain('.mx .span11{grid-column:span 11}');
    expect(style).toContain('.mx .span4{grid-column:span 4}');
  });

  it('in English: the words of the matrix', async () => {
    const { stdout } = await run(['check', '.', '--format', 'html', '--lang', 'en'], { cwd: dir });
    const { head, rows } = matrixOf(stdout);
    expect(head).toContain(
      '<label for="k0-1">2. Online payment</label><span class="tally">2/3 units met</span>',
    );
    expect(rows[0]?.unit).toContain(
      '<span class="small superseded">supersedes so-noi-vu.xlsx</span>',
    );
    expect(rows[0]?.unit).toContain('<span class="small">Provincial departments</span>');
    expect(stdout).toContain('[superseded by so-noi-vu-ban-sua.xlsx]');
  });
});

// ---------------------------------------------------------------------------------------------
// In Chromium: the page on screen, and printed.

const CHROMIUM = '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;

interface Page {
  goto(url: string): Promise<unknown>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  pdf(o: {
    path?: string;
    format: string;
    landscape: boolean;
    printBackground?: boolean;
  }): Promise<Uint8Array>;
  emulateMedia(o: { media: 'print' | 'screen' }): Promise<void>;
  setViewportSize(o: { width: number; height: number }): Promise<void>;
  click(selector: string): Promise<void>;
  evaluate<T>(fn: string): Promise<T>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

async function launch(): Promise<Browser> {
  const require = createRequire(join(REPO, 'apps/excel-addin/package.json'));
  const mod = (await import(pathToFileURL(require.resolve('playwright-core')).href)) as {
    chromium?: { launch(o: unknown): Promise<Browser> };
    default?: { chromium: { launch(o: unknown): Promise<Browser> } };
  };
  const chromium = mod.chromium ?? mod.default?.chromium;
  if (!chromium) throw new Error('playwright-core has no chromium');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The PDF's text (poppler's pdftotext), its whitespace folded: a name wrapped in its cell is one again. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}

describe.skipIf(skipBrowser)(
  'report.html in Chromium: on screen and printed on A4 landscape',
  () => {
    let browser: Browser | undefined;
    let page: Page;
    let file = '';

    beforeAll(async () => {
      // the example folder, with its revised copy and its hidden sheet: two sets, 13 units
      const result = await run(['check', EXAMPLES, '--format', 'html', '--include-hidden']);
      expect(result.code, result.stderr).toBe(1);
      file = join(await temp(), 'report.html');
      await writeFile(file, result.stdout);
      await mkdir(ARTIFACTS, { recursive: true });
      browser = await launch();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(file).href);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('sorts by a header click, no script run (a screenshot of each order)', async () => {
      await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
      // at 1400 px every indicator column is in view: the matrix does not scroll sideways
      const fit = await page.evaluate<{ scroll: number; client: number }[]>(
        `[...document.querySelectorAll('.mx')].map((m) => ({ scroll: m.scrollWidth, client: m.clientWidth }))`,
      );
      for (const m of fit) expect(m.scroll).toBeLessThanOrEqual(m.client);
      const firstUnits = () =>
        page.evaluate<string[]>(`(() => {
        const cells = [...document.querySelectorAll('.mx')[0].querySelectorAll('tbody th.unit')];
        return cells
          .map((c) => [c.getBoundingClientRect().top, c.firstChild.textContent])
          .sort((a, b) => a[0] - b[0])
          .map((x) => x[1]);
      })()`);
      const byName = await firstUnits();
      expect(byName[0]).toBe('Sở Công Thương');
      await page.click('label[for="k0-f"]');
      const byFailing = await firstUnits();
      expect(byFailing).not.toEqual(byName);
      expect([...byFailing].sort()).toEqual([...byName].sort());
      // the first has the most indicators not met
      const most = await page.evaluate<number[]>(`(() => {
      const rows = [...document.querySelectorAll('.mx')[0].querySelectorAll('tbody tr')];
      return rows
        .map((r) => [r.firstElementChild.getBoundingClientRect().top, Number.parseInt(r.children[1].textContent)])
        .sort((a, b) => a[0] - b[0])
        .map((x) => x[1]);
    })()`);
      expect(most).toEqual([...most].sort((a, b) => b - a));
      await page.screenshot({ path: join(ARTIFACTS, 'report-sorted.png') });
      await page.click('label[for="k0-u"]');
      expect(await firstUnits()).toEqual(byName);
    });

    it('printed: every indicator of both sets is in the PDF text, the table within the page', async () => {
      const pdf = join(ARTIFACTS, 'report-print.pdf');
      await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
      const text = pdfText(pdf);
      for (const set of [BP, NQ])
        for (const ind of set.indicators) expect(text, ind.id).toContain(indicatorName(ind, 'vi'));
      expect(text).toContain('Chỉ tiêu giao tại Nghị quyết số 02/NQ-CP');
      // A4 landscape: 297 mm less the 2 × 8 mm margins, at 96 px to the inch
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.floor((281 / 25.4) * 96), height: 700 });
      const widths = await page.evaluate<{ table: number; page: number }[]>(`(() =>
      [...document.querySelectorAll('table.heat')].map((t) => ({
        table: t.getBoundingClientRect().right,
        page: document.documentElement.clientWidth,
      })))()`);
      expect(widths).toHaveLength(2);
      for (const w of widths) expect(w.table).toBeLessThanOrEqual(w.page);
      await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: false });
      await page.emulateMedia({ media: 'screen' });
      // the first page of the PDF as an image too, when poppler can make one
      try {
        execFileSync('pdftoppm', [
          '-r',
          '80',
          '-png',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          pdf,
          join(ARTIFACTS, 'report-print-page1'),
        ]);
      } catch {
        // pdftoppm missing: the PDF is the artefact
      }
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    });
  },
);
