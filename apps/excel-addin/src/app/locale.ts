/**
 * The user's language choice, remembered in the browser of the task pane (a preference of the
 * person, not of the workbook). Vietnamese unless English was chosen before.
 */
import type { Locale } from '@chitieu/engine';

const KEY = 'chitieu.locale';

export function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(KEY, locale);
  } catch {
    // Storage may be unavailable (private mode, policy): the choice lasts for this session only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
