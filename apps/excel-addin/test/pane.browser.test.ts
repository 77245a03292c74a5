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

interface PreviewHost {
  selection?: { sheet: string; address: string };
  sheets: { rules: unknown[] }[];
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
    await expect.poll(() => page.getByRole('button', { name: 'Kiểm tra' }).isEnabled()).toBe(true);
    expect(await page.getByText('Bản xem trước — sổ làm việc mẫu').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await shot('start');
  });

  it('checks the sheet and shows the summary, the fields it detected and the findings', async () => {
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const summary = page.getByRole('list', { name: 'Tóm tắt theo trạng thái' });
    await summary.waitFor();
    expect(await countOf('below-minimum')).toBe(4);
    expect(await countOf('missing-value')).toBe(3);
    expect(await countOf('invalid-value')).toBe(3);
    expect(await countOf('met')).toBe(18);
    // Symbol and word, never colour alone.
    expect(await page.locator('li[data-status="below-minimum"]').textContent()).toMatch(
      /4\s*✗ dưới tối thiểu/,
    );
    expect(await page.getByText('nhận ra từ: kết quả gần nhất').isVisible()).toBe(true);
    expect(await page.getByText('nhận ra từ: tiêu đề').isVisible()).toBe(true);
    // The shortfalls, one button per cell: K13 (74,5 % < 75 %), K15, K25, K30.
    for (const cell of ['K13', 'K15', 'K25', 'K30'])
      expect(
        await page.getByRole('button', { name: new RegExp(`^${cell} dưới tối thiểu`) }).count(),
      ).toBe(1);
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
    await page.getByRole('button', { name: 'Check' }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove marks' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByRole('list', { name: 'Summary by status' }).waitFor();
    expect(await page.locator('li[data-status="below-minimum"]').textContent()).toMatch(
      /4\s*✗ below minimum/,
    );
    expect(await page.getByText('Q2: 74.5% < minimum 75%', { exact: false }).isVisible()).toBe(
      true,
    );
    await shot('english');
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

  it('logged no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
