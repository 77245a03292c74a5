/**
 * The bilingual fields of a target set (`title`/`titleEn`, `name`/`nameEn`,
 * `shortName`/`shortNameEn`) picked in one place: the English field in English when there is one,
 * the Vietnamese field otherwise.
 */
import type { Indicator, TargetSet } from '../schema.js';
import type { Locale } from './catalog.js';

/** An object with a Vietnamese field `key` and, perhaps, its English `${key}En`. */
export type Bilingual<K extends string> = { readonly [P in K]: string } & {
  readonly [P in `${K}En`]?: string | undefined;
};

/** `localized(set, 'title', 'en')` → `set.titleEn ?? set.title`; `set.title` in Vietnamese. */
export function localized<K extends string>(obj: Bilingual<K>, key: K, locale: Locale): string {
  if (locale === 'en') {
    const english = (obj as Readonly<Record<string, string | undefined>>)[`${key}En`];
    if (english !== undefined) return english;
  }
  return obj[key];
}

/** A level's name in the language, or its id when the set does not name it. */
export function levelName(set: TargetSet | undefined, id: string, locale: Locale): string {
  const level = set?.levels.find((l) => l.id === id);
  return level ? localized(level, 'name', locale) : id;
}

/** An indicator's short name in the language: "Thanh toán trực tuyến", "Online payment". */
export function indicatorName(indicator: Indicator, locale: Locale): string {
  return localized(indicator, 'shortName', locale);
}
