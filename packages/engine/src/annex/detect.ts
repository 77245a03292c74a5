/**
 * Works out what the caller did not say: the reporting unit and its level, and the year,
 * province and quarter, from the sheet's own words.
 */
import type { Quarter } from '../findings.js';
import type { TargetSet } from '../schema.js';
import { normalizeText } from '../text.js';
import { quarterIn } from './layout.js';

export interface DetectedUnit {
  readonly name: string;
  /** Where it was found, e.g. "Đơn vị báo cáo: Sở Tư pháp". */
  readonly from: string;
}

/*
 * "Đơn vị báo cáo: <name>" and "UBND HUYỆN <name>" are read in two steps, the label by a regular
 * expression and the rest by hand: one expression for both (`label\s*:\s*(.+?)\s*$`) takes time
 * by the square of the line's length when the line is long, and title lines can be long.
 */
const UNIT_LABEL = /^\s*(?:đơn vị(?: báo cáo| thực hiện)?|cơ quan(?: báo cáo)?)\s*:/iu;
const LETTERHEAD_START =
  /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(?=(?:HUYỆN|THỊ XÃ|THÀNH PHỐ|XÃ|PHƯỜNG|THỊ TRẤN)\s)/iu;
const LOCAL_KIND = /^(?:HUYỆN|THỊ XÃ|THÀNH PHỐ|XÃ|PHƯỜNG|THỊ TRẤN)\s+/iu;
/** What `.` does not match. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const DEPARTMENT = /^(SỞ|BAN QUẢN LÝ|VĂN PHÒNG UBND TỈNH|THANH TRA TỈNH)(?=\s|$).*$/iu;

/** The name after "Đơn vị báo cáo:" (or "Cơ quan:"…) on one line: the rest of the line, on one line. */
function labelledUnit(line: string): string | undefined {
  const label = UNIT_LABEL.exec(line);
  if (!label) return undefined;
  const rest = line.slice(label[0].length).trim();
  return rest === '' || LINE_BREAK.test(rest) ? undefined : rest;
}

/** "HUYỆN BÙ ĐỐP" from "UBND HUYỆN BÙ ĐỐP": the kind of unit and its name, ending on the line it starts. */
function letterheadUnit(trimmed: string): string | undefined {
  const start = LETTERHEAD_START.exec(trimmed);
  if (!start) return undefined;
  const rest = trimmed.slice(start[0].length);
  const kind = LOCAL_KIND.exec(rest);
  if (!kind) return undefined;
  const name = rest.slice(kind[0].length);
  return name === '' || LINE_BREAK.test(name) ? undefined : rest;
}

function titleCase(text: string): string {
  // "BÙ ĐỐP" → "Bù Đốp": letterheads are written in capitals.
  return text
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .map((w) => (w === '' || w === 'và' ? w : w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)))
    .join(' ');
}

/** The reporting unit named above the table: "Đơn vị báo cáo: …", or a district/commune/department letterhead. */
export function detectUnit(titleLines: readonly string[]): DetectedUnit | undefined {
  for (const line of titleLines) {
    const name = labelledUnit(line);
    if (name) return { name: name.replace(/[.;]$/, ''), from: line };
  }
  for (const line of titleLines) {
    const trimmed = line.trim();
    const rest = letterheadUnit(trimmed);
    if (rest) {
      const isUpper = rest === rest.toLocaleUpperCase('vi');
      const named = isUpper ? titleCase(rest) : rest;
      // "Huyện Bù Đốp" → "huyện Bù Đốp": the kind of unit is not a proper name.
      const kind = /^(Thị Xã|Thành Phố|Thị Trấn|Huyện|Xã|Phường)(?=\s|$)/u.exec(named)?.[1];
      return {
        name: `UBND ${kind ? kind.toLocaleLowerCase('vi') + named.slice(kind.length) : named}`,
        from: line,
      };
    }
    if (trimmed.length < 80 && DEPARTMENT.test(trimmed)) {
      const isUpper = trimmed === trimmed.toLocaleUpperCase('vi');
      const name = isUpper
        ? titleCase(trimmed).replace(/^Văn Phòng Ubnd Tỉnh$/u, 'Văn phòng UBND tỉnh')
        : trimmed;
      return { name, from: line };
    }
  }
  return undefined;
}

const LEVEL_PATTERNS: Record<string, RegExp> = {
  so: /^(so|ban|van phong ubnd tinh|van phong uy ban nhan dan tinh|thanh tra tinh|cong an tinh|bo chi huy|dai phat thanh|bao)\b/,
  huyen: /^(ubnd|uy ban nhan dan) (huyen|thi xa|thanh pho)\b/,
  xa: /^(ubnd|uy ban nhan dan) (xa|phuong|thi tran)\b/,
};

/** The level of a named unit in a target set: by the usual Vietnamese names, then by the set's aliases. */
export function levelOfUnit(name: string, set: TargetSet): string | undefined {
  const norm = normalizeText(name);
  for (const level of set.levels) {
    const pattern = LEVEL_PATTERNS[level.id];
    if (pattern?.test(norm)) return level.id;
  }
  for (const level of set.levels) {
    for (const form of [level.name, ...level.aliases]) {
      const f = normalizeText(form);
      if (f !== '' && norm.startsWith(f)) return level.id;
    }
  }
  return undefined;
}

/** A year written in the title ("NĂM 2025"), if any. */
export function yearIn(lines: readonly string[]): number | undefined {
  for (const line of lines) {
    const m = /\b(?:năm|nam)\s+(20\d{2})\b/iu.exec(line) ?? /\/(20\d{2})\b/.exec(line);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

/** A quarter named in the title ("QUÝ II/2025"), if any. */
export function quarterInLines(lines: readonly string[]): Quarter | undefined {
  for (const line of lines) {
    const q = quarterIn(normalizeText(line));
    if (q) return q;
  }
  return undefined;
}

/** How strongly the title points at a target set: province and year named. */
export function titleAffinity(lines: readonly string[], set: TargetSet): number {
  const text = normalizeText(lines.join(' '));
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
