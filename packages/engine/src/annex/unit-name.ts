/**
 * Unit names as Vietnamese official documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục II),
 * and a key to tell when two spellings name one unit.
 *
 * - The kind of agency is capitalised, then the first syllable of each field of its name (fields
 *   are separated by "và", commas and " - "): "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào
 *   tạo", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Sở Văn hóa, Thể thao và Du lịch".
 * - Geographic names capitalise every syllable, after a lower-case kind of place: "UBND HUYỆN BÙ
 *   ĐỐP" → "UBND huyện Bù Đốp", "VĂN PHÒNG UBND TỈNH BÌNH PHƯỚC" → "Văn phòng UBND tỉnh Bình Phước".
 * - Acronyms stay in capitals (UBND, HĐND, ĐBQH…). A name written in mixed case is the writer's
 *   spelling: it is kept as written.
 */
import { normalizeText } from '../text.js';

/** Kinds of place, as written in lower case (longest first where one starts another). */
export const PLACE_KINDS: readonly string[] = [
  'thành phố',
  'thị xã',
  'thị trấn',
  'đặc khu',
  'huyện',
  'quận',
  'xã',
  'phường',
  'tỉnh',
];

/** Kinds of agency of more than one syllable; any other kind is the first syllable ("Sở", "Ban"). */
const AGENCY_KINDS: readonly string[] = [
  'văn phòng',
  'thanh tra',
  'công an',
  'trung tâm',
  'chi cục',
  'kho bạc',
  'bảo hiểm',
  'liên đoàn',
];

/** Written in capitals whatever the case around them. */
const ACRONYMS = new Set(['ubnd', 'hđnd', 'đbqh', 'mttq', 'tthc', 'cntt', 'kcn', 'khcn', 'tw']);

/** Fields whose official spelling is not the rule's. */
const SPECIAL_FIELDS: readonly (readonly [RegExp, string])[] = [
  [/(?:^| )Công thương(?=$|[ ,])/u, 'Công Thương'],
];

export const COMMITTEE = ['ủy ban nhân dân', 'uỷ ban nhân dân'];

/** Lower-case forms of the words read, remembered: letterheads and titles repeat their words. */
const lowered = new Map<string, string>();
const LOWERED_LIMIT = 4096;
/** Longer texts are lowered each time: the memo holds words and short lines. */
const LOWERED_TEXT = 128;

export function lower(text: string): string {
  if (text.length > LOWERED_TEXT) return text.normalize('NFC').toLocaleLowerCase('vi');
  let low = lowered.get(text);
  if (low === undefined) {
    low = text.normalize('NFC').toLocaleLowerCase('vi');
    if (lowered.size >= LOWERED_LIMIT) lowered.clear();
    lowered.set(text, low);
  }
  return low;
}

export function capitalise(syllable: string): string {
  return syllable === ''
    ? syllable
    : syllable.charAt(0).toLocaleUpperCase('vi') + syllable.slice(1);
}

/** Written in capitals only (and has a letter). */
export function isAllCaps(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi') && text !== lower(text);
}

/** The words of a text (split on white space), with the lower-case form of each. */
export function wordsOf(text: string): { readonly word: string; readonly low: string }[] {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((word) => ({ word, low: lower(word) }));
}

/** How many words of `low` (from `at`) a phrase of `phrases` takes, 0 for none. */
export function phraseAt(low: readonly string[], at: number, phrases: readonly string[]): number {
  for (const p of phrases) {
    const parts = phraseWords(p);
    let k = 0;
    while (k < parts.length && bareWord(low[at + k]) === parts[k]) k++;
    if (k === parts.length) return parts.length;
  }
  return 0;
}

/** The words of each phrase, split once. */
const phraseParts = new Map<string, readonly string[]>();

function phraseWords(phrase: string): readonly string[] {
  let parts = phraseParts.get(phrase);
  if (parts === undefined) {
    parts = phrase.split(' ');
    if (phraseParts.size >= 1024) phraseParts.clear();
    phraseParts.set(phrase, parts);
  }
  return parts;
}

/** A word without one trailing comma, period, semicolon or colon. */
function bareWord(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const last = word.charCodeAt(word.length - 1);
  // , . ; :
  return last === 44 || last === 46 || last === 59 || last === 58 ? word.slice(0, -1) : word;
}

/**
 * A name in capitals in its official spelling: each field's first syllable capitalised (the
 * first field after the agency's kind), kinds of place in lower case and the place's name after
 * one capitalised syllable by syllable.
 */
function officialFromCaps(text: string): string {
  const words = wordsOf(text);
  const low = words.map((w) => w.low);
  const out: string[] = [];
  let i = 0;
  // "UBND" / "Ủy ban nhân dân" at the start: "UBND", then a place.
  const committee = low[0] === 'ubnd' ? 1 : phraseAt(low, 0, COMMITTEE);
  if (committee > 0) {
    out.push('UBND');
    i = committee;
  } else {
    const kind = phraseAt(low, 0, AGENCY_KINDS) || 1;
    out.push(capitalise(low.slice(0, kind).join(' ')));
    i = kind;
  }
  let fieldStart = committee === 0;
  let inPlace = false;
  while (i < low.length) {
    const w = low[i] as string;
    if (w === 'và' || w === '-' || w === '–') {
      out.push(w);
      fieldStart = true;
      inPlace = false;
      i++;
      continue;
    }
    // "xã hội" (society) is no commune: "Lao động - Thương binh và Xã hội".
    const place = low[i + 1]?.startsWith('hội') ? 0 : phraseAt(low, i, PLACE_KINDS);
    if (place > 0) {
      out.push(low.slice(i, i + place).join(' '));
      i += place;
      inPlace = true;
      fieldStart = false;
      continue;
    }
    const bare = w.replace(/[,.;:]$/, '');
    if (ACRONYMS.has(bare)) out.push(w.toLocaleUpperCase('vi'));
    else out.push(inPlace || fieldStart ? capitalise(w) : w);
    fieldStart = w.endsWith(',');
    if (fieldStart) inPlace = false;
    i++;
  }
  let result = out.join(' ');
  for (const [field, official] of SPECIAL_FIELDS)
    result = result.replace(field, (m) => (m.startsWith(' ') ? ` ${official}` : official));
  return result;
}

/**
 * A unit's name in its official spelling: a name in capitals (a letterhead's "SỞ Y TẾ") is
 * rewritten ("Sở Y tế"); a name in mixed case is kept as written, trimmed and without a closing
 * "." or ";".
 */
export function officialUnitName(name: string): string {
  // (No `\s*[.;]$`: it takes time by the square of a long run of spaces.)
  let trimmed = name.trim();
  if (trimmed.endsWith('.') || trimmed.endsWith(';')) trimmed = trimmed.slice(0, -1).trimEnd();
  return isAllCaps(trimmed) ? officialFromCaps(trimmed) : trimmed;
}

/**
 * The key two names of one unit share: without case, diacritics, punctuation and spacing, with
 * "Ủy ban nhân dân" / "Uỷ ban nhân dân" as "UBND". "Sở Tư pháp", "Sở Tư Pháp" and "SỞ TƯ PHÁP"
 * have one key; so do "UBND huyện Bù Đốp" and "ỦY BAN NHÂN DÂN HUYỆN BÙ ĐỐP".
 */
export function unitKey(name: string): string {
  return normalizeText(name)
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Two names that name one unit. */
export function sameUnit(a: string, b: string): boolean {
  return unitKey(a) === unitKey(b);
}
