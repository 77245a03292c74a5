/**
 * The built task pane in a real browser: builds the add-in, serves dist/ on 127.0.0.1, opens
 * the offline preview (preview.html, the example workbook in memory) in Debian's Chromium at
 * the task pane's width and drives it by role and name, as a keyboard or screen-reader user
 * would. Screenshots go to test-artifacts/ (git-ignored) for a person to look at.
 *
 * Needs /usr/bin/chromium (never a downloaded browser). Without it the test is skipped, unless
 * CI is set: then it must run.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(PKG, 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
const skip = !haveChromium && !process.env.CI;
if (skip) {
  console.warn(
    `pane.browser.test: skipped — ${CHROMIUM} is missing (install Debian's chromium package; with CI set this test fails instead).`,
  );
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A tiny static server over a folder; nothing outside it is served. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

/** The preview's MemoryHost, as the page holds it. */
interface PreviewWorkbook {
  sheets: {
    name: string;
    owner?: string;
    rules: unknown[];
    notes: Map<string, string>;
    links?: unknown[];
    content?: unknown;
    grid: { origin?: { row: number; column: number } };
  }[];
  selection?: { sheet: string; address: string };
  setCell(sheet: string, row: number, column: number, value: number): void;
}

interface SheetContentLike {
  rows: (
    | { value: string | number | null; bold?: boolean; fill?: string; color?: string }
    | null
    | undefined
  )[][];
  merges?: { top: number; left: number; bottom: number; right: number }[];
  columnWidths?: number[];
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/** A written sheet as an HTML table (merges, widths, fills, bold), to be looked at in a screenshot. */
function contentHtml(content: SheetContentLike): string {
  const covered = new Set<string>();
  const spans = new Map<string, { rowspan: number; colspan: number }>();
  for (const m of content.merges ?? []) {
    spans.set(`${m.top},${m.left}`, {
      rowspan: m.bottom - m.top + 1,
      colspan: m.right - m.left + 1,
    });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++)
        if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  const width = Math.max(...content.rows.map((r) => r.length), 1);
  const cols = (content.columnWidths ?? []).map((w) => `<col style="width:${w * 7}px">`).join('');
  const body = content.rows
    .map((row, r) => {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) {
        if (covered.has(`${r},${c}`)) continue;
        const cell = row[c];
        const span = spans.get(`${r},${c}`);
        const style = [
          cell?.bold ? 'font-weight:600' : '',
          cell?.fill ? `background:${cell.fill}` : '',
          cell?.color ? `color:${cell.color}` : '',
        ].join(';');
        const attrs = span ? ` rowspan="${span.rowspan}" colspan="${span.colspan}"` : '';
        cells.push(`<td${attrs} style="${style}">${escapeHtml(String(cell?.value ?? ''))}</td>`);
      }
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>body{font:12px 'Segoe UI',system-ui,sans-serif;margin:8px}table{border-collapse:collapse;table-layout:fixed}td{border:1px solid #d0d0d0;padding:2px 4px;vertical-align:top;overflow-wrap:anywhere}</style><table><colgroup>${cols}</colgroup>${body}</table>`;
}

interface PreviewHost {
  selection?: { sheet: string; address: string };
  sheets: { rules: unknown[] }[];
  /** Every host call, in order ("readSheet Phụ lục"…). */
  calls: string[];
}

describe.skipIf(skip)('task pane in Chromium (offline preview)', { timeout: 30_000 }, () => {
  const outDir = join(tmpdir(), `chitieu-pane-${process.pid}`);
  let server: Server | undefined;
  let base = '';
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // A build of its own, away from dist/, so a build running beside the tests is left alone.
    await build({
      root: PKG,
      configFile: join(PKG, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    ({ server, url: base } = await serve(outDir));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 360, height: 900 }, locale: 'vi-VN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    rmSync(outDir, { recursive: true, force: true });
  });

  /** The task pane as Excel shows it (one 360 × 900 screen), or the whole page scrolled through. */
  const shot = (name: string, fullPage = false) =>
    page.screenshot({ path: join(ARTIFACTS, `pane-${name}.png`), fullPage });
  const host = () =>
    page.evaluate(() => (window as { __chitieuHost?: unknown }).__chitieuHost as PreviewHost);
  const countOf = async (status: string) =>
    Number(await page.locator(`li[data-status="${status}"]`).getAttribute('data-count'));

  it('opens in Vietnamese with the preview banner, ready to check', async () => {
    await page.goto(`${base}/preview.html`);
    await expect
      .poll(() => page.getByRole('button', { name: 'Kiểm tra', exact: true }).isEnabled())
      .toBe(true);
    expect(await page.getByText('Bản xem trước — sổ làm việc mẫu').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await shot('start');
  });

  it('checks the sheet and shows the summary, the fields it detected and the findings', async () => {
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const summary = page.getByRole('list', { name: 'Tóm tắt theo trạng thái' });
    await summary.waitFor();
    // K13 (74,5 % against 75 %) is within the pane's default near-miss band of 1 point.
    expect(await countOf('below-minimum')).toBe(3);
    expect(
      Number(await summary.locator('li[data-status="near-miss"]').getAttribute('data-count')),
    ).toBe(1);
    expect(await countOf('missing-value')).toBe(3);
    expect(await countOf('invalid-value')).toBe(3);
    expect(await countOf('met')).toBe(18);
    // Symbol and word, never colour alone.
    expect(await page.locator('li[data-status="below-minimum"]').textContent()).toMatch(
      /3\s*✗ dưới tối thiểu/,
    );
    expect(await page.getByText('nhận ra từ: kết quả gần nhất').isVisible()).toBe(true);
    expect(await page.getByText('nhận ra từ: tiêu đề').isVisible()).toBe(true);
    // The shortfalls, one button per cell: K15, K25, K30, and the near miss K13 (74,5 % < 75 %).
    for (const cell of ['K15', 'K25', 'K30'])
      expect(
        await page.getByRole('button', { name: new RegExp(`^${cell} dưới tối thiểu`) }).count(),
      ).toBe(1);
    expect(await page.getByRole('button', { name: /^K13 sát ngưỡng/ }).count()).toBe(1);
    expect(await page.getByText('74,5% < tối thiểu 75%', { exact: false }).isVisible()).toBe(true);
    const rules = (await host()).sheets[0]?.rules.length ?? 0;
    expect(rules).toBeGreaterThan(0);
    // Nothing wider than the task pane.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await shot('checked');
  });

  it('selects a finding’s cell by click and by keyboard', async () => {
    await page.getByRole('button', { name: /^K13 / }).click();
    expect((await host()).selection).toEqual({ sheet: 'Phụ lục', address: 'K13' });
    await page.getByRole('button', { name: /^K15 / }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await host()).selection?.address).toBe('K15');
    await page.getByRole('button', { name: /^K25 / }).focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await host()).selection?.address).toBe('K25');
  });

  it('shows met and not-applicable cells on request', async () => {
    expect(await page.getByRole('button', { name: /^J12 / }).count()).toBe(0);
    await page.getByRole('switch', { name: 'Hiện cả ô đạt và không áp dụng' }).click();
    expect(await page.getByRole('button', { name: /^J12 đạt/ }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await shot('all', true);
    await page.getByRole('switch', { name: 'Hiện cả ô đạt và không áp dụng' }).click();
  });

  it('removes the marks and says how many', async () => {
    const rules = (await host()).sheets[0]?.rules.length ?? 0;
    await page.getByRole('button', { name: 'Xóa đánh dấu' }).click();
    await page.getByText(`Đã xóa ${rules} quy tắc đánh dấu trên trang tính “Phụ lục”`).waitFor();
    expect((await host()).sheets[0]?.rules).toHaveLength(0);
    await shot('cleared');
  });

  it('switches to English, findings included', async () => {
    await page.getByRole('switch', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove marks' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('list', { name: 'Summary by status' }).waitFor();
    expect(await page.locator('li[data-status="below-minimum"]').textContent()).toMatch(
      /3\s*✗ below minimum/,
    );
    expect(await page.getByText('Q2: 74.5% < minimum 75%', { exact: false }).isVisible()).toBe(
      true,
    );
    await shot('english');

    // Back to Vietnamese: the same findings worded again at once, and no sheet read again.
    const reads = async () => (await host()).calls.filter((c) => c.startsWith('read')).length;
    const before = await reads();
    await page.getByRole('switch', { name: 'English' }).click();
    await page.getByText('74,5% < tối thiểu 75%', { exact: false }).waitFor();
    expect(await page.getByText('Q2: 74.5% < minimum 75%', { exact: false }).count()).toBe(0);
    expect(await page.locator('li[data-status="below-minimum"]').textContent()).toMatch(
      /3\s*✗ dưới tối thiểu/,
    );
    expect(await reads()).toBe(before);
  });

  /** index.html with Office.js answered by a stub (or not at all): the entry's own checks. */
  async function taskpaneWith(officeJs: string | undefined): Promise<Page> {
    const pane = await (browser as Browser).newPage({ viewport: { width: 360, height: 900 } });
    await pane.route('https://appsforoffice.microsoft.com/**', (route) =>
      officeJs === undefined
        ? route.abort()
        : route.fulfill({ contentType: 'text/javascript', body: officeJs }),
    );
    await pane.goto(`${base}/index.html`);
    return pane;
  }
  const stubOffice = (host: string | null, supported: boolean) => `
    window.Office = {
      HostType: { Excel: 'Excel' },
      context: { requirements: { isSetSupported: () => ${supported} } },
      onReady(callback) {
        const info = { host: ${JSON.stringify(host)}, platform: 'PC' };
        if (callback) callback(info);
        return Promise.resolve(info);
      },
    };`;

  it('tells an Excel older than 2021 why the pane cannot run', async () => {
    const pane = await taskpaneWith(stubOffice('Excel', false));
    await pane.getByText('Cần Excel 2021 hoặc Microsoft 365').waitFor();
    await pane.screenshot({ path: join(ARTIFACTS, 'pane-unsupported.png') });
    await pane.close();
  });

  it('says so when Office.js cannot be loaded, or the page is opened outside Excel', async () => {
    const offline = await taskpaneWith(undefined);
    await offline.getByText('Không tải được Office.js').waitFor();
    await offline.close();
    const browserOnly = await taskpaneWith(stubOffice(null, true));
    await browserOnly.getByText('Chỉ Tiêu chạy trong Excel').waitFor();
    await browserOnly.close();
  });

  // ── A reviewer's workbook: three units' annexes and a notes sheet ─────────────────────────

  interface SheetSummary {
    name: string;
    owner?: string;
    rules: number;
    notes: number;
    links: number;
  }
  const sheetsOf = (p: Page) =>
    p.evaluate(() => {
      const h = (window as unknown as { __chitieuHost: PreviewWorkbook }).__chitieuHost;
      return h.sheets.map((s) => ({
        name: s.name,
        owner: s.owner,
        rules: s.rules.length,
        notes: s.notes.size,
        links: s.links?.length ?? 0,
      }));
    }) as Promise<SheetSummary[]>;

  let review: Page;

  it('Kiểm tra tất cả: one summary, findings by sheet then indicator, the notes sheet skipped', async () => {
    review = await (browser as Browser).newPage({
      viewport: { width: 360, height: 900 },
      locale: 'vi-VN',
    });
    review.on('pageerror', (e) => pageErrors.push(e.message));
    await review.goto(`${base}/preview.html?workbook=tong-hop&notes=1`);
    const checkAll = review.getByRole('button', { name: 'Kiểm tra tất cả' });
    await expect.poll(() => checkAll.isEnabled()).toBe(true);
    await checkAll.click();
    await review
      .getByRole('heading', { name: 'Kết quả: 3 trang tính phụ lục, đến Quý II' })
      .waitFor();
    await review
      .getByText('Đã kiểm tra 3 trang tính phụ lục, bỏ qua 1 trang tính khác', { exact: false })
      .waitFor();

    // Sheet sections in tab order, each with its indicators under it.
    const sections = await review
      .locator('section[data-sheet]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-sheet')));
    expect(sections).toEqual(['Sở Tư pháp', 'Sở Nội vụ', 'UBND Bù Đốp']);
    for (const sheet of sections) {
      const section = review.locator(`section[data-sheet="${sheet}"]`);
      expect(await section.locator('h4').count()).toBeGreaterThan(0);
    }
    // The combined summary adds up the sheets: Sở Tư pháp alone has 4 below minimum.
    const below = Number(
      await review.locator('li[data-status="below-minimum"]').first().getAttribute('data-count'),
    );
    expect(below).toBeGreaterThan(4);
    const skipped = review.locator('li[data-skipped="not-an-annex"]');
    expect(await skipped.textContent()).toMatch(/^Ghi chú — /);

    const sheets = await sheetsOf(review);
    for (const name of sections)
      expect(sheets.find((x) => x.name === name)?.rules).toBeGreaterThan(0);
    expect(sheets.find((x) => x.name === 'Ghi chú')?.rules).toBe(0);
    expect(await review.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await review.screenshot({ path: join(ARTIFACTS, 'pane-check-all.png') });
    await review.screenshot({ path: join(ARTIFACTS, 'pane-check-all-full.png'), fullPage: true });
  });

  it('selects a cell on the sheet of the finding', async () => {
    const section = review.locator('section[data-sheet="Sở Nội vụ"]');
    const first = section.getByRole('button').first();
    const name = (await first.getAttribute('title')) ?? '';
    const cell = name.replace('Chọn ô ', '');
    await first.click();
    await expect
      .poll(() =>
        review.evaluate(
          () => (window as unknown as { __chitieuHost: PreviewWorkbook }).__chitieuHost.selection,
        ),
      )
      .toEqual({ sheet: 'Sở Nội vụ', address: cell });
  });

  it('notes: the option puts the reasons on the marked cells', async () => {
    const notes = review.getByRole('switch', { name: 'Ghi lý do vào ghi chú của ô được đánh dấu' });
    expect(await notes.isEnabled()).toBe(true);
    await notes.click();
    await expect
      .poll(async () => (await sheetsOf(review)).find((x) => x.name === 'Sở Tư pháp')?.notes)
      .toBeGreaterThan(0);
  });

  it('a one-cell edit updates the summary', async () => {
    const before = Number(
      await review.locator('li[data-status="near-miss"]').first().getAttribute('data-count'),
    );
    // K13 of Sở Tư pháp: 74,5 % < 75 %, a near miss (band 1 point). The user types 80 %.
    await review.evaluate(() => {
      const h = (window as unknown as { __chitieuHost: PreviewWorkbook }).__chitieuHost;
      const sheet = h.sheets.find((s) => s.name === 'Sở Tư pháp');
      const origin = sheet?.grid.origin ?? { row: 0, column: 0 };
      h.setCell('Sở Tư pháp', 12 - origin.row, 10 - origin.column, 0.8);
    });
    await expect
      .poll(async () =>
        Number(
          await review.locator('li[data-status="near-miss"]').first().getAttribute('data-count'),
        ),
      )
      .toBe(before - 1);
  });

  it('Tạo báo cáo: writes the report sheet, each row linking to its cell', async () => {
    await review.getByRole('button', { name: 'Tạo báo cáo' }).click();
    await review.getByText('Đã tạo báo cáo').waitFor();
    const sheets = await sheetsOf(review);
    const report = sheets.find((x) => x.owner === 'report');
    expect(report?.name).toBe('Kết quả kiểm tra');
    expect(report?.links).toBeGreaterThan(10);
    await review.screenshot({ path: join(ARTIFACTS, 'pane-report.png') });

    // What the reviewer sees on the sheet, drawn as a table for a person to look at.
    const content = (await review.evaluate(
      () =>
        (window as unknown as { __chitieuHost: PreviewWorkbook }).__chitieuHost.sheets.find(
          (s) => s.owner === 'report',
        )?.content,
    )) as SheetContentLike;
    expect(content.rows.length).toBeGreaterThan(20);
    const sheetPage = await (browser as Browser).newPage({
      viewport: { width: 1400, height: 900 },
    });
    await sheetPage.setContent(contentHtml(content));
    await sheetPage.screenshot({ path: join(ARTIFACTS, 'report-sheet.png'), fullPage: true });
    await sheetPage.close();

    // A refresh rewrites the same sheet.
    await review.getByRole('button', { name: 'Tạo báo cáo' }).click();
    await review.getByText('Đã tạo báo cáo').waitFor();
    expect((await sheetsOf(review)).filter((x) => x.owner === 'report')).toHaveLength(1);
  });

  it('Chèn mẫu phụ lục: asks for the set, then adds a new sheet with its annex', async () => {
    // A set the checks detected is not enough: the template is made for the set the user chooses.
    await review.getByRole('button', { name: 'Chèn mẫu phụ lục' }).click();
    await review.getByText('Hãy chọn bộ chỉ tiêu cho mẫu phụ lục').waitFor();
    await review.getByRole('combobox', { name: 'Bộ chỉ tiêu' }).click();
    await review
      .getByRole('option', { name: /2025.*\(có sẵn\)/ })
      .first()
      .click();
    await review.getByRole('button', { name: 'Chèn mẫu phụ lục' }).click();
    await review.getByText('Đã chèn mẫu phụ lục').waitFor();
    const template = (await sheetsOf(review)).find((x) => x.owner === 'template');
    expect(template?.name).toBe('Mẫu phụ lục 2025');
    await review.screenshot({ path: join(ARTIFACTS, 'pane-template.png') });
    await review.close();
  });

  it('logged no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
