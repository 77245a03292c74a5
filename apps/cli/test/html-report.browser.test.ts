/**
 * report.html (issue 10, item 12): a strict Content-Security-Policy meta tag (the page runs no
 * script and loads nothing; its one <style> element is allowed by its hash), and absurdly long
 * unit and file names wrap instead of stretching the page. Rendered in Debian's Chromium
 * (/usr/bin/chromium, driven by the add-in's playwright-core; never a downloaded browser): no
 * CSP violation, the styles applied, the page no wider than the window. Without Chromium the
 * browser part is skipped, unless CI is set: then it must run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExamples, EXAMPLES, REPO, run, useTempDirs } from './helpers.js';
import { annexWorkbook } from './workbooks.js';

const CHROMIUM = '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowser)
  console.warn(`html-report.browser.test: the browser part is skipped — ${CHROMIUM} is missing.`);

// The little of playwright-core this test drives (it is the add-in's dev dependency).
interface Page {
  addInitScript(script: string): Promise<void>;
  goto(url: string): Promise<unknown>;
  evaluate<T>(fn: string): Promise<T>;
  on(event: 'console', listener: (m: { type(): string; text(): string }) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Chromium {
  launch(options: { executablePath: string; args: string[] }): Promise<Browser>;
}

async function chromium(): Promise<Chromium> {
  const require = createRequire(join(REPO, 'apps/excel-addin/package.json'));
  const mod = (await import(pathToFileURL(require.resolve('playwright-core')).href)) as {
    chromium?: Chromium;
    default?: { chromium: Chromium };
  };
  const found = mod.chromium ?? mod.default?.chromium;
  if (!found) throw new Error('playwright-core has no chromium');
  return found;
}

const temp = useTempDirs('all');
const LONG_UNIT = `Sở ${'Thôngtinvàtruyềnthông'.repeat(150)}`;
const LONG_FILE = `${'tep-co-ten-rat-dai-'.repeat(12)}.xlsx`;
let dir: string;
let html: string;
let EXAMPLE_FILES: string[] = [];

beforeAll(async () => {
  dir = await temp();
  await copyExamples(dir);
  EXAMPLE_FILES = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.xlsx'));
  await writeFile(join(dir, LONG_FILE), await annexWorkbook({ unit: LONG_UNIT }));
  const result = await run(['check', '.', '--out', 'ket-qua'], { cwd: dir });
  expect(result.code).toBe(1);
  html = await readFile(join(dir, 'ket-qua', 'report.html'), 'utf8');
  // the same folder without the long names, to compare the page's width with
  const baseline = await run(['check', ...EXAMPLE_FILES, '--out', 'mau'], { cwd: dir });
  expect(baseline.code).toBe(1);
});

describe('report.html', () => {
  it('carries a strict Content-Security-Policy: nothing but its own <style>, by hash', () => {
    const metas = [
      ...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g),
    ];
    expect(metas).toHaveLength(1);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(metas[0]?.[1]).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`,
    );
    // the meta comes before anything it governs
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    // and there is nothing it would have to allow: no script, no style attribute, no resource
    expect(html).not.toMatch(/<script|\sstyle=|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('lets long names wrap', () => {
    expect(html).toMatch(/body\{[^}]*overflow-wrap:anywhere/);
    expect(html).toContain(LONG_UNIT);
  });
});

describe.skipIf(skipBrowser)('report.html in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await (await chromium()).launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    // Runs before the page's own content (and is not subject to its CSP): records violations.
    await page.addInitScript(`
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    `);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const open = async (file: string) => {
    await page.goto(pathToFileURL(file).href);
    return page.evaluate<{
      violations: string[];
      background: string;
      pageWidth: number;
      window: number;
      unitWidth: number;
    }>(`(() => {
      const cell = document.querySelector('td.s-met');
      const unit = [...document.querySelectorAll('th.unit')].find((th) =>
        th.textContent.startsWith('Sở Thôngtin'));
      return {
        violations: window.__violations,
        background: cell ? getComputedStyle(cell).backgroundColor : '',
        pageWidth: document.documentElement.scrollWidth,
        window: window.innerWidth,
        unitWidth: unit ? unit.getBoundingClientRect().width : -1,
      };
    })()`);
  };

  it('renders with no CSP violation, its styles applied, the long names wrapped', async () => {
    const base = await open(join(dir, 'mau', 'report.html'));
    const seen = await open(join(dir, 'ket-qua', 'report.html'));
    for (const page of [base, seen]) expect(page.violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // the <style> element was allowed: a met cell has its green
    expect(seen.background).toBe('rgb(209, 231, 221)');
    // a 3,000-character unit name and a 230-character file name do not widen the page: it is
    // as wide as the same report without them (the heat map's columns set that width)
    expect(seen.unitWidth).toBeGreaterThan(0);
    expect(seen.unitWidth).toBeLessThan(400);
    expect(seen.pageWidth).toBe(base.pageWidth);
  });

  it('would report a violation: a style attribute and an image added to the page are refused', async () => {
    const tampered = html.replace(
      '<body>',
      '<body><div style="color:red">x</div><img src="http://127.0.0.1:9/x.png" alt="">',
    );
    const file = join(dir, 'tampered.html');
    await writeFile(file, tampered);
    const seen = await open(file);
    expect(seen.violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^style-src-attr /),
        expect.stringMatching(/^img-src http:\/\/127\.0\.0\.1:9\/x\.png/),
      ]),
    );
  });
});
