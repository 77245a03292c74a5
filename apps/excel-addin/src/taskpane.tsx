/**
 * The task pane in Excel: waits for Office.js (loaded from Microsoft's CDN by index.html),
 * checks that this is Excel and that it can run the pane (the Office host refuses an Excel below
 * its floor), then renders the App over the Office host.
 */
import { App } from './app/App.js';
import { ErrorView } from './app/components/ErrorView.js';
import { PaneController } from './app/controller.js';
import { messagesFor } from './app/i18n.js';
import { initialLocale } from './app/locale.js';
import { mount } from './app/mount.js';
import { describeError, noticeOf } from './app/notices.js';
import { OfficeHost } from './host/office/index.js';
import { HostError } from './host/types.js';

function start(info: { host: Office.HostType | null }): void {
  const locale = initialLocale();
  document.documentElement.lang = locale;
  const t = messagesFor(locale);
  if (info.host !== Office.HostType.Excel) {
    mount(<ErrorView t={t} title={t.notInExcelTitle} body={t.notInExcelBody} />);
    return;
  }
  let controller: PaneController;
  try {
    // The host checks the floor (ExcelApi 1.12: Excel 2021, Microsoft 365, Excel on the web).
    controller = new PaneController(new OfficeHost(), { locale });
  } catch (error) {
    if (error instanceof HostError && error.code === 'unsupported') {
      mount(<ErrorView t={t} title={t.unsupportedTitle} body={t.unsupportedBody} />);
      return;
    }
    // In the pane's words; the failure's own text is the developer's, in the console.
    console.error(error);
    mount(<ErrorView t={t} {...describeError(noticeOf(error), t)} />);
    return;
  }
  mount(<App controller={controller} />);
  void controller.start();
}

if (typeof Office === 'undefined') {
  // The CDN script did not load (offline, a firewall): say so rather than wait forever.
  const t = messagesFor(initialLocale());
  mount(<ErrorView t={t} title={t.officeJsMissingTitle} body={t.officeJsMissingBody} />);
} else {
  Office.onReady(start).catch((error: unknown) => {
    const t = messagesFor(initialLocale());
    console.error(error);
    mount(<ErrorView t={t} {...describeError(noticeOf(error), t)} />);
  });
}
