/**
 * Why a sheet was not checked (`annex/skipped.ts` has the codes), in each language. A record
 * over every reason, so a reason without words in either language is a type error.
 */
import type { SkipReason } from '../annex/skipped.js';
import type { Locale } from './catalog.js';

const WORDS: Readonly<Record<Locale, Readonly<Record<SkipReason, string>>>> = {
  vi: { hidden: 'trang tính ẩn' },
  en: { hidden: 'hidden sheet' },
};

/** "trang tính ẩn" / "hidden sheet": a skip reason in words, Vietnamese unless `'en'`. */
export function describeSkipReason(reason: SkipReason, locale: Locale = 'vi'): string {
  return WORDS[locale][reason];
}
