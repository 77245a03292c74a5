/**
 * The offline browser preview of the task pane: no Excel, no Office.js. The same App runs over
 * an in-memory copy of a bundled example workbook, under a banner that says so.
 */
import { App } from './app/App.js';
import { ErrorView } from './app/components/ErrorView.js';
import { PaneController } from './app/controller.js';
import { messagesFor } from './app/i18n.js';
import { initialLocale } from './app/locale.js';
import { mount } from './app/mount.js';
import { MemoryHost } from './host/memory.js';

const EXAMPLE = 'examples/so-tu-phap.xlsx';

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
  let host: MemoryHost;
  try {
    const response = await fetch(new URL(EXAMPLE, document.baseURI));
    if (!response.ok) throw new Error(`${EXAMPLE}: HTTP ${response.status}`);
    host = MemoryHost.fromXlsx(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    mount(
      <ErrorView
        t={t}
        title={t.previewLoadTitle}
        body={error instanceof Error ? error.message : String(error)}
      />,
    );
    return;
  }
  window.__chitieuHost = host;
  const controller = new PaneController(host, { locale });
  mount(<App controller={controller} preview />);
  await controller.start();
}

void start();
