/**
 * The words of the levels of local government, in one place: which level a phrase names ("Các
 * sở, ban, ngành", "UBND cấp huyện", "Cấp xã", "huyện, thị xã, thành phố"), which levels a
 * lead-agency cell names, which level a unit's name is of ("UBND xã Tân Lập", "Phường Đồng
 * Xoài", "Sở Y tế", "Văn phòng UBND tỉnh"), and whether a heading is a unit's name at all.
 *
 * Every reading is against a set's own levels (their ids, names and aliases): a level the set
 * does not have is never answered (a 2026 set has only `so` and `xa`: "UBND huyện Bù Đốp" is of
 * no level of it). The usual three levels are known by their words too, so a set whose aliases
 * leave out "UBND các xã, phường, đặc khu" still tells a commune's heading.
 *
 * Texts are compared as `normalizeText` leaves them: no diacritics, lower case, punctuation as
 * single spaces ("Ủy ban nhân dân", "Uỷ ban nhân dân" and "UY BAN NHAN DAN" are one).
 */
import type { Level } from './schema.js';
import { normalizeText } from './text.js';

/** The usual levels: departments of the province, districts (until 30/6/2025), communes. */
export type StandardLevelId = 'so' | 'huyen' | 'xa';

/**
 * The usual levels with the ways annexes write them. Since 1/7/2025 there are two levels
 * (province and commune): a 2026 annex names only `so` and `xa`; "thị trấn" (a district's town)
 * is gone then but is written in the sets before.
 */
export const STANDARD_LEVELS: readonly Level[] = [
  {
    id: 'so',
    name: 'Các sở, ban, ngành',
    nameEn: 'Provincial departments',
    aliases: [
      'Sở, ban, ngành',
      'Cấp tỉnh',
      'Các sở, ban, ngành tỉnh',
      'Các sở, ban, ngành cấp tỉnh',
      'Các cơ quan, đơn vị cấp tỉnh',
      'Các cơ quan chuyên môn thuộc UBND tỉnh',
    ],
  },
  {
    id: 'huyen',
    name: 'UBND cấp huyện',
    nameEn: "District people's committees",
    aliases: [
      'Cấp huyện',
      'UBND các huyện, thị xã, thành phố',
      'UBND các huyện, thành phố, thị xã',
      'UBND các huyện, thành, thị',
      'UBND các huyện',
      'UBND huyện',
      'UBND thị xã',
      'UBND thành phố',
    ],
  },
  {
    id: 'xa',
    name: 'UBND cấp xã',
    nameEn: "Commune people's committees",
    aliases: [
      'Cấp xã',
      'UBND các xã, phường, thị trấn',
      'UBND các xã, phường, đặc khu',
      'UBND các xã, phường',
      'UBND các xã',
      'UBND xã',
      'UBND phường',
      'UBND thị trấn',
      'UBND đặc khu',
    ],
  },
];

/** "UBND", "Ủy ban nhân dân": a people's committee. */
const COMMITTEE = '(?:ubnd|uy ban nhan dan)';
/** The kinds of place whose committees are of a local level (a city's "thành phố" first). */
const PLACES = {
  huyen: ['huyen', 'quan', 'thi xa', 'thanh pho'],
  xa: ['xa', 'phuong', 'thi tran', 'dac khu'],
} as const;
/** "Xã hội" (society) is no commune: "Sở Lao động - Thương binh và Xã hội", "Xã hội hóa". */
const NOT_A_COMMUNE = '(?!hoi\\b)';
/** Cities under the central government: a province, not a district ("UBND THÀNH PHỐ HÀ NỘI"). */
export const CENTRAL_CITIES: ReadonlySet<string> = new Set([
  'ha noi',
  'ho chi minh',
  'hai phong',
  'da nang',
  'can tho',
  'hue',
]);

/**
 * The agencies of the province (the department level) a unit's name starts with. `named`: a
 * word must follow ("Sở Y tế", not "Sở"); `not`: the words after it that make it no agency ("Số
 * liệu", "Số hồ sơ", "Ban hành", "Báo cáo": without their marks these are "sở", "ban", "báo");
 * `heading`: a results heading may name it (a heading "Bảo đảm …" is no newspaper's).
 */
const AGENCIES: readonly {
  readonly start: string;
  readonly named?: boolean;
  readonly not?: readonly string[];
  readonly heading: boolean;
}[] = [
  { start: 'so', named: true, not: ['lieu', 'ho so'], heading: true },
  { start: 'ban', named: true, not: ['hanh'], heading: true },
  { start: `van phong ${COMMITTEE} tinh`, heading: true },
  { start: 'thanh tra tinh', heading: true },
  { start: 'cong an tinh', heading: true },
  { start: 'bo chi huy', named: true, heading: true },
  { start: 'dai phat thanh', heading: false },
  { start: 'bao', not: ['cao'], heading: false },
];

/** An agency's start as a pattern; `named`: with the word after it that a name needs. */
function agency(a: (typeof AGENCIES)[number], named: boolean): string {
  if (named && a.named) return `${a.start} ${a.not ? `(?!(?:${a.not.join('|')})\\b)` : ''}\\S`;
  return `${a.start}\\b${a.not ? `(?! (?:${a.not.join('|')})\\b)` : ''}`;
}

const any = (words: readonly string[]) => words.join('|');
const ALL_PLACES = [...PLACES.huyen, ...PLACES.xa];

/** The name of a unit of each usual level, from its start. */
const UNIT_OF_LEVEL: ReadonlyMap<string, RegExp> = new Map([
  ['so', new RegExp(`^(?:${AGENCIES.map((a) => agency(a, false)).join('|')})`)],
  ['huyen', new RegExp(`^${COMMITTEE} (?:${any(PLACES.huyen)})\\b`)],
  ['xa', new RegExp(`^${COMMITTEE} (?:${any(PLACES.xa)})\\b`)],
]);

/** A place written without its committee: "Huyện Bù Đăng", "Thị xã Chơn Thành", "Xã Tân Lập". */
const BARE_PLACE = new RegExp(`^(?:${any(ALL_PLACES)}) \\S`);

/** A unit's name as a results heading may give it ("Sở Y tế", "UBND huyện Bù Đốp", "Huyện Bù Đăng"). */
const UNIT_NAME = new RegExp(
  `^(?:${[
    `${COMMITTEE} (?:tinh|${any(ALL_PLACES)}) \\S`,
    `(?:${any(ALL_PLACES.filter((p) => p !== 'xa'))}) \\S`,
    `xa ${NOT_A_COMMUNE}\\S`,
    ...AGENCIES.filter((a) => a.heading).map((a) => agency(a, true)),
  ].join('|')})`,
);

/**
 * Whether a (normalised) text starts with a unit's name: a committee, a place, an agency of the
 * province. Not "Số liệu thống kê", "Ban hành kèm theo", "Xã hội hóa".
 */
export function isUnitName(norm: string): boolean {
  return UNIT_NAME.test(`${norm} `);
}

/**
 * The usual level a heading's, a level cell's or a group's words name: "Cấp tỉnh", "Sở",
 * "Huyện", "UBND các huyện, thị xã, thành phố", "Xã, phường, thị trấn, đặc khu" (a district's
 * words first: "thị xã" is a district's town). A leading numbering ("I.", "a)", "2.") is skipped.
 */
export function levelWord(norm: string): StandardLevelId | undefined {
  const text = stripNumbering(norm);
  if (DISTRICT_WORDS.test(text)) return 'huyen';
  if (COMMUNE_WORDS.test(text)) return 'xa';
  if (PROVINCE_WORDS.test(text)) return 'so';
  return undefined;
}

const DISTRICT_WORDS = new RegExp(`\\b(?:${any(PLACES.huyen)}|district)\\b`);
const COMMUNE_WORDS = new RegExp(`\\b(?:${any(PLACES.xa)}|commune)\\b`);
const PROVINCE_WORDS = /\b(?:tinh|so|ban nganh|so nganh|province|department|departments)\b/;

/** "Các sở, ban, ngành", "UBND cấp huyện", "Cấp xã", "Khối huyện": a heading over a level's units. */
export function isLevelHeading(norm: string): boolean {
  return /\b(?:cac|cap|khoi)\b/.test(norm) && levelWord(norm) !== undefined;
}

function stripNumbering(norm: string): string {
  return norm.replace(/^(?:[ivxlc]+|[a-e]|\d+)\s+/, '');
}

/** A set's levels as words, made once per list of levels (every row of every sheet asks). */
interface LevelWords {
  /** Each level's id and normalised name and aliases, in the set's order. */
  readonly forms: readonly { readonly id: string; readonly forms: readonly string[] }[];
  /** Name or alias → level id, the first level's where two share one. */
  readonly phrases: ReadonlyMap<string, string>;
  /** The same with each level's id too ("so", "xa"). */
  readonly phrasesAndIds: ReadonlyMap<string, string>;
  readonly ids: ReadonlySet<string>;
}

const wordsOfLevels = new WeakMap<readonly Level[], LevelWords>();

function wordsOf(levels: readonly Level[]): LevelWords {
  let words = wordsOfLevels.get(levels);
  if (words) return words;
  const forms = levels.map((l) => ({
    id: l.id,
    forms: [l.name, ...l.aliases].map((f) => normalizeText(f)).filter((f) => f !== ''),
  }));
  const phrases = new Map<string, string>();
  const phrasesAndIds = new Map<string, string>();
  for (const [i, level] of forms.entries()) {
    const id = normalizeText((levels[i] as Level).id);
    if (id !== '' && !phrasesAndIds.has(id)) phrasesAndIds.set(id, level.id);
    for (const f of level.forms) {
      if (!phrases.has(f)) phrases.set(f, level.id);
      if (!phrasesAndIds.has(f)) phrasesAndIds.set(f, level.id);
    }
  }
  words = { forms, phrases, phrasesAndIds, ids: new Set(levels.map((l) => l.id)) };
  wordsOfLevels.set(levels, words);
  return words;
}

/**
 * The level a phrase is, exactly, by the levels' names and aliases (normalised): "UBND các huyện,
 * thị xã, thành phố" → `huyen`. `withIds`: a level's id is one of its phrases too ("Xã" → `xa`).
 */
export function levelOfPhrase(
  norm: string,
  levels: readonly Level[],
  withIds = false,
): string | undefined {
  const words = wordsOf(levels);
  return (withIds ? words.phrasesAndIds : words.phrases).get(norm);
}

/** Every normalised name and alias of the levels, with its level: what an agency cell is cut by. */
export function levelPhrases(levels: readonly Level[]): ReadonlyMap<string, string> {
  return wordsOf(levels).phrases;
}

/**
 * The level a level cell or a group heading names ("I. Các sở, ban, ngành", "Cấp xã", "UBND các
 * huyện, thị xã"): one of the levels' own phrases or ids, else the usual words if the level is
 * one of them.
 */
export function levelNamed(text: string, levels: readonly Level[]): string | undefined {
  const norm = stripNumbering(normalizeText(text));
  if (norm === '') return undefined;
  const own = levelOfPhrase(norm, levels, true);
  if (own !== undefined) return own;
  const word = levelWord(norm);
  return word !== undefined && wordsOf(levels).ids.has(word) ? word : undefined;
}

/**
 * The levels a lead-agency cell names anywhere in it ("Sở Tư pháp; UBND cấp huyện" → `huyen`),
 * by the levels' names and aliases.
 */
export function levelsMentioned(text: string, levels: readonly Level[]): Set<string> {
  const norm = normalizeText(text);
  const out = new Set<string>();
  if (norm === '') return out;
  for (const level of wordsOf(levels).forms)
    if (level.forms.some((f) => norm.includes(f))) out.add(level.id);
  return out;
}

/**
 * The level of a unit by its name: the usual names first ("Sở Y tế", "Văn phòng UBND tỉnh",
 * "UBND huyện Bù Đốp", "Ủy ban nhân dân xã Tân Lập", "UBND đặc khu Côn Đảo"), then the start of
 * a level's name or alias. A city under the central government is a province: no level.
 * `bare`: a place without "UBND" ("Huyện Bù Đăng", "Phường Đồng Xoài") is its committee.
 */
export function levelOfUnit(
  name: string,
  levels: readonly Level[],
  options: { readonly bare?: boolean } = {},
): string | undefined {
  const norm = normalizeText(name);
  const direct = levelOfUnitNorm(norm, levels);
  if (direct !== undefined || !options.bare || !BARE_PLACE.test(norm)) return direct;
  return levelOfUnitNorm(`ubnd ${norm}`, levels);
}

const CITY = new RegExp(`^${COMMITTEE} thanh pho (.+)$`);

function levelOfUnitNorm(norm: string, levels: readonly Level[]): string | undefined {
  const city = CITY.exec(norm)?.[1];
  if (city !== undefined && CENTRAL_CITIES.has(city)) return undefined;
  for (const level of levels) {
    const pattern = UNIT_OF_LEVEL.get(level.id);
    if (pattern?.test(norm)) return level.id;
  }
  for (const level of wordsOf(levels).forms)
    for (const f of level.forms) if (norm.startsWith(f)) return level.id;
  return undefined;
}
