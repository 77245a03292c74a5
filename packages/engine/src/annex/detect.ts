/**
 * Works out what the caller did not say: the reporting unit and its level, and the year,
 * province and quarter, from the sheet's own words.
 */
import type { Quarter } from '../findings.js';
import { CENTRAL_CITIES, isUnitName, levelOfUnit as levelOfUnitName } from '../levels.js';
import type { TargetSet } from '../schema.js';
import { normalizeText } from '../text.js';
import {
  COMMITTEE,
  capitalise,
  isAllCaps,
  lower,
  officialUnitName,
  PLACE_KINDS,
  phraseAt,
} from './unit-name.js';
import { quarterIn } from './vocabulary.js';

export interface DetectedUnit {
  /** In its official spelling (`unit-name.ts`): "UBND huyện Bù Đốp", "Sở Y tế". */
  readonly name: string;
  /** Where it was found, as written, e.g. "Đơn vị báo cáo: Sở Tư pháp" or "ỦY BAN NHÂN DÂN\nHUYỆN BÙ ĐỐP". */
  readonly from: string;
}

/** The rows above the header, each as its cells' texts from left to right (line breaks kept). */
export type TitleRows = readonly (readonly string[])[];

/*
 * "Đơn vị báo cáo: <name>" is read in two steps, the label by a regular expression and the rest
 * by hand: one expression (`label\s*:\s*(.+?)\s*$`) takes time by the square of the line's
 * length when the line is long, and title lines can be long.
 */
const UNIT_LABEL = /^\s*(?:đơn vị(?: báo cáo| thực hiện)?|cơ quan(?: báo cáo)?)\s*:/iu;
/** What `.` does not match. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LINE_BREAKS = /[\n\r\u2028\u2029]+/;
/** A line of dashes or underscores under a letterhead ("-------", "______"). */
const SEPARATOR = /^[\s\-–—_=.*~]+$/u;
/** The national motto printed beside the letterhead: never part of a unit's name. */
const MOTTO = ['cong hoa xa hoi chu nghia viet nam', 'doc lap tu do hanh phuc'];
/** A letterhead line is a few words; longer lines are titles. */
const LETTERHEAD_LINE_LIMIT = 120;
/** Kinds of agency a department-level letterhead starts with, and how many words must follow. */
const AGENCY_STARTS: readonly (readonly [string, number])[] = [
  ['sở', 1],
  ['ban', 1],
  ['văn phòng', 1],
  ['thanh tra tỉnh', 0],
  ['công an tỉnh', 0],
  ['bộ chỉ huy', 1],
];

/** A body named in a letterhead: a province's committee (a superior body only), a local committee or an agency. */
interface Body {
  readonly kind: 'province' | 'local' | 'agency';
  readonly name: string;
  readonly from: string;
}

/** The name after "Đơn vị báo cáo:" (or "Cơ quan:"…): the rest of the cell, or the next cell of the row. */
function labelledUnit(cells: readonly string[], at: number): string | undefined {
  const text = cells[at] as string;
  const label = UNIT_LABEL.exec(text);
  if (!label) return undefined;
  let rest = text.slice(label[0].length).trim();
  if (rest === '') rest = cells.slice(at + 1).find((c) => c.trim() !== '') ?? '';
  rest = rest.trim();
  return rest === '' || LINE_BREAK.test(rest) ? undefined : rest;
}

/** The words of a line before the national motto, if it is glued to the name. */
function beforeMotto(line: string): string[] {
  const words = line.split(/\s+/).filter((w) => w !== '');
  // The line's words normalised, joined once; the words from `i` on are the text from `at[i]`.
  let joined = '';
  const at: number[] = [];
  for (const w of words) {
    const norm = normalizeText(w);
    at.push(norm === '' ? -1 : joined.length + (joined === '' ? 0 : 1));
    if (norm !== '') joined = joined === '' ? norm : `${joined} ${norm}`;
  }
  for (let i = 0; i < words.length; i++) {
    const from = at[i] as number;
    if (from < 0) continue;
    if (MOTTO.some((m) => joined.startsWith(m, from))) return words.slice(0, i);
  }
  return words;
}

/** A local committee: "HUYỆN BÙ ĐỐP" after "UBND" or a line "ỦY BAN NHÂN DÂN" above it. */
function localBody(words: readonly string[], from: string): Body | undefined {
  const low = words.map(lower);
  const kindLength = phraseAt(low, 0, PLACE_KINDS);
  if (kindLength === 0 || kindLength >= words.length) return undefined;
  const kind = low.slice(0, kindLength).join(' ');
  const placeText = words.slice(kindLength).join(' ');
  const province =
    kind === 'tỉnh' || (kind === 'thành phố' && CENTRAL_CITIES.has(normalizeText(placeText)));
  const place = isAllCaps(placeText)
    ? words
        .slice(kindLength)
        .map((w) => capitalise(lower(w)))
        .join(' ')
    : placeText;
  return { kind: province ? 'province' : 'local', name: `UBND ${kind} ${place}`, from };
}

/** The body a letterhead line names; 'head' for "ỦY BAN NHÂN DÂN" alone (its place is on the next line). */
function readBody(
  words: readonly string[],
  from: string,
  afterHead: string | undefined,
): Body | 'head' | undefined {
  const low = words.map(lower);
  const committee = low[0] === 'ubnd' ? 1 : phraseAt(low, 0, COMMITTEE);
  if (committee > 0) {
    if (committee === words.length) return 'head';
    return localBody(words.slice(committee), from);
  }
  if (afterHead !== undefined) return localBody(words, `${afterHead}\n${from}`);
  const text = words.join(' ');
  for (const [start, after] of AGENCY_STARTS) {
    const n = phraseAt(low, 0, [start]);
    // "Ban hành kèm theo …" opens a title, not a board's name.
    if (n > 0 && words.length >= n + after && text.length < 80 && low[1] !== 'hành')
      return { kind: 'agency', name: officialUnitName(text), from };
  }
  return undefined;
}

/**
 * The issuing body of a letterhead: its lines (in one cell with line breaks, or in rows one
 * under the other) name the superior body first and the issuing one below it ("UBND HUYỆN ĐỒNG
 * PHÚ" / "UBND XÃ TÂN LẬP" is the commune; "UBND TỈNH BÌNH PHƯỚC" / "SỞ Y TẾ" the department),
 * possibly in the official two-line form ("ỦY BAN NHÂN DÂN" / "HUYỆN BÙ ĐỐP"). Separator lines
 * and the national motto beside it are skipped. A province's committee alone is no unit here.
 */
function letterheadUnit(rows: TitleRows): DetectedUnit | undefined {
  let run: Body[] = [];
  let head: string | undefined;
  const issuing = (): DetectedUnit | undefined => {
    const body = [...run].reverse().find((b) => b.kind !== 'province');
    return body ? { name: body.name, from: body.from } : undefined;
  };
  for (const cells of rows) {
    for (const cell of cells) {
      for (const line of cell.split(LINE_BREAKS)) {
        const trimmed = line.trim();
        if (trimmed === '' || SEPARATOR.test(trimmed)) continue;
        const words = trimmed.length > LETTERHEAD_LINE_LIMIT ? [] : beforeMotto(trimmed);
        if (words.length === 0 && trimmed.length <= LETTERHEAD_LINE_LIMIT) continue; // the motto
        const body = words.length === 0 ? undefined : readBody(words, trimmed, head);
        if (body === 'head') {
          head = trimmed;
          continue;
        }
        head = undefined;
        if (body) {
          run.push(body);
          continue;
        }
        // Any other line ends the letterhead.
        const found = issuing();
        if (found) return found;
        run = [];
      }
    }
  }
  return issuing();
}

/**
 * The reporting unit named above the table: "Đơn vị báo cáo: …" first, else the letterhead's
 * issuing body, in its official spelling. `rows` are the title rows cell by cell; a plain list of
 * lines is read as one cell per row.
 */
export function detectUnit(lines: readonly string[] | TitleRows): DetectedUnit | undefined {
  const rows: TitleRows = lines.map((l) => (typeof l === 'string' ? [l] : l));
  for (const cells of rows) {
    for (let c = 0; c < cells.length; c++) {
      const name = labelledUnit(cells, c);
      if (name) return { name: officialUnitName(name), from: cells[c] as string };
    }
  }
  return letterheadUnit(rows);
}

/** What a results heading puts before the unit whose results it heads: "–", ":", "của". */
const BEFORE_UNIT = /\s[-–—]\s|:\s*|\s(?:của|cua)\s/giu;

/**
 * The unit a results heading names, in its official spelling: "Kết quả thực hiện – Sở Y tế",
 * "Kết quả của UBND huyện Bù Đốp", or a heading that is a unit's name alone ("Sở Tư pháp" over
 * its Quý I–IV). `undefined` for a heading that names no unit ("Kết quả thực hiện", "Quý II").
 * The name is what follows the first "–", ":" or "của" that a unit's name follows, so a name
 * with a dash of its own stays whole ("Sở Lao động - Thương binh và Xã hội").
 */
export function unitInHeading(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 200) return undefined;
  const starts = [0];
  for (const m of trimmed.matchAll(BEFORE_UNIT)) starts.push((m.index ?? 0) + m[0].length);
  for (const at of starts) {
    const rest = trimmed.slice(at).trim();
    const norm = normalizeText(rest);
    if (isUnitName(norm) && quarterIn(norm) === undefined) return officialUnitName(rest);
  }
  return undefined;
}

/** The level of a named unit in a target set (`levels.ts`): by the usual names, then by the set's own. */
export function levelOfUnit(name: string, set: TargetSet): string | undefined {
  return levelOfUnitName(name, set.levels);
}

/**
 * The year found in each list of title lines: a sheet's title is asked for it once per candidate
 * target set (`titleAffinity`) and once more for its layout, and the Unicode pattern is the cost.
 */
const yearsOf = new WeakMap<readonly string[], number | undefined>();

/** A year written in the title ("NĂM 2025"), if any. */
export function yearIn(lines: readonly string[]): number | undefined {
  if (yearsOf.has(lines)) return yearsOf.get(lines);
  let year: number | undefined;
  for (const line of lines) {
    const m = /\b(?:năm|nam)\s+(20\d{2})\b/iu.exec(line) ?? /\/(20\d{2})\b/.exec(line);
    if (m?.[1]) {
      year = Number(m[1]);
      break;
    }
  }
  yearsOf.set(lines, year);
  return year;
}

/** A quarter named in the title ("QUÝ II/2025"), if any. */
export function quarterInLines(lines: readonly string[]): Quarter | undefined {
  for (const line of lines) {
    const q = quarterIn(normalizeText(line));
    if (q) return q;
  }
  return undefined;
}

/** The title lines as one normalised text, per list of lines (asked once per candidate set). */
const joinedTitles = new WeakMap<readonly string[], string>();

/** How strongly the title points at a target set: province and year named. */
export function titleAffinity(lines: readonly string[], set: TargetSet): number {
  let text = joinedTitles.get(lines);
  if (text === undefined) {
    text = normalizeText(lines.join(' '));
    joinedTitles.set(lines, text);
  }
  let score = 0;
  if (text.includes(normalizeText(set.province))) score += 1;
  if (
    set.document.number !== '' &&
    /\d/.test(set.document.number) &&
    text.includes(normalizeText(set.document.number))
  )
    score += 2;
  const year = yearIn(lines);
  if (year === set.year) score += 1;
  return score;
}
