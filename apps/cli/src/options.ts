/**
 * Option values as a person types them, read in one place: `--quarter II`, `--quarter 2`,
 * `--quarter Q2`, `--quarter "quý 2"`; `--level sở`, `--level so`, `--level "UBND cấp huyện"`;
 * `--format JSON`. Case and diacritics do not matter (the engine's `normalizeText` folds them,
 * the same folding the annex scanner matches sheet texts with). A value that cannot be read is an
 * `OptionValueError`: one line naming the option, the value and what it takes, and a hint to
 * the command's --help.
 */
import { type Locale, normalizeText, type Quarter, type TargetSet } from '@chitieu/engine';
import type { CliText } from './i18n.js';
import { UsageError } from './io.js';

/** A value given to an option that cannot be read. `command` is the one whose --help to see. */
export class OptionValueError extends UsageError {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export const LANGS: readonly Locale[] = ['vi', 'en'];
export const CHECK_FORMATS = ['text', 'json', 'csv', 'html'] as const;
export const TARGETS_FORMATS = ['text', 'json'] as const;

/** `vi`, `en` in any case; undefined for anything else. */
export function parseLang(value: string | undefined): Locale | undefined {
  const v = value?.trim().toLowerCase();
  return LANGS.find((l) => l === v);
}

/**
 * The language to word everything in, known before commander parses (it words its own errors):
 * the last `--lang X` or `--lang=X` before `--`, else CHITIEU_LANG, else Vietnamese. A value
 * that is not a language is left for the option's own check to refuse.
 */
export function localeOf(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Locale {
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--lang') given = argv[++i];
    else if (arg.startsWith('--lang=')) given = arg.slice('--lang='.length);
  }
  return parseLang(given) ?? parseLang(env.CHITIEU_LANG) ?? 'vi';
}

const ROMAN: Readonly<Record<string, Quarter>> = { i: 1, ii: 2, iii: 3, iv: 4 };
// after folding: "quy ii", "q2", "quarter 2", "ii", "2"
const QUARTER = /^(?:quy|qui|quarter|q)?\s*(iv|iii|ii|i|[1-4])$/;

/** 1–4 from "2", "II", "ii", "Q2", "quý 2", "Quý II", "quarter 2"; undefined otherwise. */
export function parseQuarter(value: string): Quarter | undefined {
  const m = QUARTER.exec(normalizeText(value));
  if (!m?.[1]) return undefined;
  return ROMAN[m[1]] ?? (Number(m[1]) as Quarter);
}

/**
 * A level id of the sets from what a person types: the id ("so", "huyen"), the same with
 * diacritics or capitals ("sở", "Huyện", "XÃ"), with "cấp" before it ("cấp xã"), or a name or
 * alias of the level in a set ("Các sở, ban, ngành", "UBND cấp huyện").
 */
export function parseLevel(value: string, sets: readonly TargetSet[]): string | undefined {
  const norm = normalizeText(value);
  const bare = norm.replace(/^(?:cap|level)\s+/, '');
  for (const set of sets)
    for (const level of set.levels) if (normalizeText(level.id) === bare) return level.id;
  for (const set of sets)
    for (const level of set.levels) {
      const names = [level.name, level.nameEn ?? '', ...level.aliases].map(normalizeText);
      if (names.includes(norm)) return level.id;
    }
  return undefined;
}

/** A number of percentage points from "2", "0,5", ",5", "0.5", "1,5 %"; undefined otherwise. */
export function parseNearMiss(value: string): number | undefined {
  const text = value.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 0 && n <= 100 ? n : undefined;
}

/** One of `allowed`, in any case. */
export function parseChoice<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const v = value.trim().toLowerCase();
  return allowed.find((a) => a === v);
}

/** The readers above, throwing the option's error with the words of `t`. */
export function optionReader(command: string, t: CliText) {
  const fail = (option: string, value: string, allowed: string): never => {
    throw new OptionValueError(t.badOption(option, value, allowed), command);
  };
  return {
    quarter: (value: string): Quarter =>
      parseQuarter(value) ?? fail('--quarter', value, '1-4, I-IV'),
    level: (value: string, sets: readonly TargetSet[]): string =>
      parseLevel(value, sets) ??
      fail(
        '--level',
        value,
        [...new Set(sets.flatMap((s) => s.levels.map((l) => l.id)))].join('|'),
      ),
    nearMiss: (value: string): number =>
      parseNearMiss(value) ?? fail('--near-miss', value, '0-100'),
    choice: <T extends string>(option: string, value: string, allowed: readonly T[]): T =>
      parseChoice(value, allowed) ?? fail(option, value, allowed.join(', ')),
    lang: (value: string): Locale => parseLang(value) ?? fail('--lang', value, LANGS.join(', ')),
  };
}
