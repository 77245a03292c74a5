/**
 * The offline browser preview of the task pane: no Excel, no Office.js. The same App runs over
 * an in-memory copy of a bundled example workbook, under a banner that says so.
 *
 * `preview.html` opens one unit's annex (so-tu-phap.xlsx); `preview.html?workbook=tong-hop`
 * a reviewer's workbook gathering three units' annexes and a sheet of notes. `&notes=1`
 * pretends the workbook supports cell notes (ExcelApi 1.18).
 */
import { App } from './app/App.js';
import { ErrorView } from './app/components/ErrorView.js';
import { PaneController } from './app/controller.js';
import { messagesFor } from './app/i18n.js';
import { initialLocale } from './app/locale.js';
import { mount } from './app/mount.js';
import { describeError, noticeOf } from './app/notices.js';
import { MemoryHost } from './host/memory.js';

const UNIT = [{ file: 'examples/so-tu-phap.xlsx', sheets: { 'Phụ lục': 'Phụ lục' } }];
/** A reviewer's workbook: the units' annexes, each renamed after its unit, and a notes sheet. */
const REVIEW = [
  { file: 'examples/so-tu-phap.xlsx', sheets: { 'Phụ lục': 'Sở Tư pháp' } },
  { file: 'examples/so-noi-vu.xlsx', sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
  { file: 'examples/ubnd-huyen-bu-dop.xlsx', sheets: { 'Phụ lục': 'UBND Bù Đốp' } },
];

async function fetchBytes(file: string): Promise<Uint8Array> {
  const response = await fetch(new URL(file, document.baseURI));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

declare global {
  interface Window {
    /** The preview's workbook, for the browser test (selection, rules). */
    __chitieuHost?: MemoryHost;
  }
}

async function start(): Promise<void> {
  const locale = initialLocale();
  document.documentElement.lang = locale;
  const t = messagesFor(locale);
  const params = new URLSearchParams(window.location.search);
  const parts = params.get('workbook') === 'tong-hop' ? REVIEW : UNIT;
  let host: MemoryHost;
  try {
    const files = await Promise.all(
      parts.map(async (p) => ({ bytes: await fetchBytes(p.file), sheets: p.sheets })),
    );
    host = MemoryHost.fromParts(files, { notes: params.get('notes') === '1' });
  } catch (error) {
    // In the pane's words (a file the reader refused, by its code); the rest in the console.
    console.error(error);
    mount(
      <ErrorView t={t} title={t.previewLoadTitle} body={describeError(noticeOf(error), t).body} />,
    );
    return;
  }
  window.__chitieuHost = host;
  const controller = new PaneController(host, { locale });
  mount(<App controller={controller} preview />);
  await controller.start();
}

void start();
