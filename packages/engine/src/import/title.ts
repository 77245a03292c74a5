/**
 * What the lines above an annex's table say about the set: its title, the province, the year and
 * the document that issues it ("(Ban hành kèm theo Quyết định số /QĐ-UBND ngày / /2025 của Chủ
 * tịch UBND tỉnh Bình Phước)", "Số: 617/KH-UBND", "Phú Thọ, ngày 13 tháng 02 năm 2025").
 */
import { yearIn } from '../annex/detect.js';
import { capitalise, isAllCaps, lower } from '../annex/unit-name.js';
import { normalizeText } from '../text.js';

export interface TitleReading {
  /** The annex's title, in sentence case when it is written in capitals. */
  readonly title?: string;
  readonly province?: string;
  readonly year?: number;
  readonly document: {
    readonly type?: string;
    readonly number?: string;
    /** YYYY, YYYY-MM or YYYY-MM-DD. */
    readonly date?: string;
    readonly issuer?: string;
  };
}

/** A section heading: "I. Nâng cao …", "1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP". */
export const SECTION = /^\s*([IVXLC]+|\d+)\s*[.)]\s*(.+)$/iu;

/** Kinds of document an annex is issued with, as the first words of a line or phrase. */
const DOCUMENT_TYPE =
  /(?:^|[\s(])(quyết định|kế hoạch|công văn|nghị quyết|chỉ thị|thông báo|chương trình)(?=\s+số|\s*\)?\s*$)/iu;
/** "số 617/KH-UBND", "Số: /QĐ-UBND". */
const DOCUMENT_NUMBER = /\bsố\s*:?\s*(\d*\s*\/\s*[\p{L}\d]+(?:-[\p{L}\d]+)*)/iu;
/** "ngày 13/02/2025", "ngày / /2025". */
const SLASH_DATE = /\bngày\s+(\d{1,2})?\s*\/\s*(\d{1,2})?\s*\/\s*(\d{4})\b/iu;
/** "ngày 13 tháng 02 năm 2025", "ngày tháng năm 2025". */
const WORD_DATE = /\bngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})\b/iu;
/** "… của Chủ tịch UBND tỉnh Bình Phước)". */
const ISSUER = /\bcủa\s+(.+?)\s*\)?\s*$/iu;
/** "… tỉnh Bình Phước", "TỈNH PHÚ THỌ". */
const PROVINCE = /(?:^|[\s(,])tỉnh\s+(.+)$/iu;
/** Words that end a province's name in a line written in capitals ("TỈNH ĐỒNG NAI NĂM 2026"). */
const AFTER_NAME = new Set([
  'nam',
  'ngay',
  've',
  'giai',
  'den',
  'trong',
  'quy',
  'thang',
  'va',
  'cua',
  'tren',
  'theo',
  'so',
]);
/** "Phụ lục", "PHỤ LỤC II", "Phụ lục 1": the line the title follows. */
const ANNEX_WORD = /^phu luc\b/;
/** "(Ban hành kèm theo …", "(Kèm theo …": the document line, after the title. */
const ATTACHED = /^(ban hanh )?kem theo\b/;
/** Lines that are not the title: a unit, a number, a place and date, the national motto. */
const NOT_TITLE =
  /^(don vi|co quan|so\b|cong hoa|doc lap|uy ban nhan dan$|ubnd$|\d+|.*\bngay\b.*\bnam\b)/;

function dateOf(m: RegExpExecArray): string {
  const [, day, month, year] = m;
  const pad = (n: string) => n.padStart(2, '0');
  if (month === undefined) return year as string;
  if (day === undefined) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The province named after "tỉnh", capitalised as a place name; undefined when none. */
function provinceIn(line: string): string | undefined {
  const rest = PROVINCE.exec(line)?.[1];
  if (rest === undefined) return undefined;
  const words: string[] = [];
  for (const raw of rest.split(/\s+/)) {
    const word = raw.replace(/[),.;:]+$/u, '');
    const first = word.charAt(0);
    if (word === '' || first === first.toLowerCase() || AFTER_NAME.has(normalizeText(word))) break;
    words.push(capitalise(lower(word)));
    if (word !== raw) break;
  }
  return words.length === 0 ? undefined : words.join(' ');
}

/**
 * A title written in capitals in sentence case, with the province's name capitalised again and
 * numbers with letters ("01/NQ-CP") kept as written.
 */
function sentenceCase(text: string, province: string | undefined): string {
  if (!isAllCaps(text)) return text;
  let out = text
    .split(/(\s+)/)
    .map((w) => (/[\d/]/.test(w) ? w : lower(w)))
    .join('');
  out = capitalise(out);
  if (province !== undefined) out = out.split(lower(province)).join(province);
  return out;
}

/**
 * Reads the lines above the table (and a title the user gave, which wins): the title, the
 * province, the year and the issuing document, each where the lines say it.
 */
export function readTitle(lines: readonly string[], given?: string): TitleReading {
  const all = given === undefined ? [...lines] : [given, ...lines];
  let province: string | undefined;
  for (const line of all) {
    province = provinceIn(line);
    if (province !== undefined) break;
  }
  const year = yearIn(all);

  // The title: the lines after "Phụ lục" up to the document line (or the table).
  const parts: string[] = [];
  let started = false;
  for (const line of lines) {
    const norm = normalizeText(line);
    if (norm === '') continue;
    if (ANNEX_WORD.test(norm)) {
      started = true;
      parts.length = 0;
      continue;
    }
    if (ATTACHED.test(norm)) {
      if (parts.length > 0) break;
      continue;
    }
    if (NOT_TITLE.test(norm) || DOCUMENT_TYPE.test(line.trim()) || line.trim().endsWith(')'))
      continue;
    if (started || norm.startsWith('chi tieu') || norm.startsWith('muc tieu')) parts.push(line);
  }
  const titleText = parts
    .map((p) => p.trim())
    .join(' ')
    .replace(/\s+/g, ' ');
  const title =
    given ?? (titleText === '' ? undefined : sentenceCase(titleText, province).replace(/\*/g, ''));

  // The document: the sheet's own lines first, then the title given.
  const documentLines = given === undefined ? [...lines] : [...lines, given];
  let type: string | undefined;
  let number: string | undefined;
  let date: string | undefined;
  let issuer: string | undefined;
  documentLines.forEach((line, i) => {
    const text = line.trim();
    if (SECTION.test(text)) return;
    const t = DOCUMENT_TYPE.exec(text);
    if (t?.[1] && type === undefined) {
      type = capitalise(lower(t[1]));
      // "… ngày / /2025" / "của Chủ tịch UBND tỉnh …)": the line may go on in the next one.
      const next = (documentLines[i + 1] ?? '').replace(/^[\s*(]+/u, '');
      const rest = `${text.slice((t.index ?? 0) + t[0].length)}${
        /^của\s/iu.test(next) ? ` ${next}` : ''
      }`;
      const n = DOCUMENT_NUMBER.exec(rest);
      if (n?.[1] && number === undefined) number = n[1].replace(/\s+/g, '');
      const d = SLASH_DATE.exec(rest) ?? WORD_DATE.exec(rest);
      if (d && date === undefined) date = dateOf(d);
      const by = ISSUER.exec(rest);
      if (by?.[1] && issuer === undefined) issuer = by[1].replace(/[*)]+$/u, '').trim();
      return;
    }
    if (number === undefined) {
      const n = /^số\s*:\s*(\S+)/iu.exec(text);
      if (n?.[1]) number = n[1];
    }
    if (date === undefined) {
      const d = WORD_DATE.exec(text) ?? SLASH_DATE.exec(text);
      if (d && /,\s*ngày/iu.test(text)) date = dateOf(d);
    }
  });
  return {
    ...(title === undefined ? {} : { title }),
    ...(province === undefined ? {} : { province }),
    ...(year === undefined ? {} : { year }),
    document: {
      ...(type === undefined ? {} : { type }),
      ...(number === undefined ? {} : { number }),
      ...(date === undefined ? {} : { date }),
      ...(issuer === undefined ? {} : { issuer }),
    },
  };
}

/** The document an annex is assumed to come with when its lines name none. */
export const DEFAULT_DOCUMENT_TYPE = 'Quyết định';

/** The issuer assumed when the lines name none: the province's people's committee. */
export function defaultIssuer(province: string): string {
  return `UBND tỉnh ${province}`;
}

/** The title of a set whose annex gives none (set titles are Vietnamese, as the documents). */
export function defaultTitle(province: string, year: number): string {
  return `Chỉ tiêu năm ${year} trên địa bàn tỉnh ${province}`;
}
