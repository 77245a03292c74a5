import { COMPARATORS } from '../comparators.js';
import type { NotApplicableReason, Quarter } from '../findings.js';
import type { InvalidReason, MissingReason, UnitShape } from '../parse/types.js';
import type { Comparator } from '../schema.js';
import type { Status } from '../status.js';

export type Locale = 'vi' | 'en';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** Every sentence piece the engine's messages are built from, in one language. */
export interface Catalog {
  /** "Quý II", "Q2": the one place quarters are named. */
  readonly quarter: (q: Quarter) => string;
  /** A status's word, lower case (status.ts has its symbol and colours): "dưới tối thiểu". */
  readonly status: Readonly<Record<Status, string>>;
  /** "tối thiểu 75%": the minimum with its comparator. */
  readonly minimum: (comparator: Comparator, value: string) => string;
  /** "chỉ tiêu năm 60%": a minimum that is the annual target. */
  readonly annualMinimum: (comparator: Comparator, value: string) => string;
  /** "theo Quý II": where a carried-forward minimum comes from. */
  readonly carriedFrom: (fromQuarter: string) => string;
  /** "74,5% < tối thiểu 75%". */
  readonly belowMinimum: (value: string, minimum: string, comparator: Comparator) => string;
  readonly gap: (gap: string, isPercent: boolean) => string;
  readonly met: (value: string, minimum: string, comparator: Comparator) => string;
  readonly missing: Readonly<Record<MissingReason | 'absent', (raw: string) => string>>;
  readonly invalid: Readonly<Record<InvalidReason, (shown: string, parts: InvalidParts) => string>>;
  /** A unit in words, for unit mismatches: "tỷ lệ phần trăm", "điểm trên thang 18". */
  readonly unitName: (unit: UnitShape, max: string | undefined) => string;
  readonly notApplicable: Readonly<Record<NotApplicableReason, (who: string) => string>>;
  readonly listJoin: (items: string[]) => string;
  /** "Chỉ tiêu Quý II trong bảng là 70%, khác chỉ tiêu chính thức 75%". */
  readonly targetMismatch: (
    which: string,
    value: string,
    official: string,
    lowered: boolean,
  ) => string;
  readonly annualTarget: string;
  readonly unrecognisedRow: (row: number, text: string) => string;
  readonly notAnAnnex: Readonly<Record<'empty' | 'no-header' | 'no-indicator', string>>;
  /** "1234 hay 1,234". */
  readonly either: (items: string[]) => string;
}

/** An invalid value's typed fields, already written as numbers and words of the language. */
export interface InvalidParts {
  /** above-maximum: the maximum. */
  readonly max?: string;
  /** ambiguous: the two readings, joined by the catalog's `either`. */
  readonly readings?: string;
  /** out-of-range: which range. */
  readonly range?: 'percent' | 'non-negative';
  /** unit-mismatch: the units expected and written, in words. */
  readonly expected?: string;
  readonly written?: string;
}

/** The quarters' Roman numerals, as the official documents write them. */
export const QUARTER_NUMERALS = ['I', 'II', 'III', 'IV'] as const;

export const vi: Catalog = {
  quarter: (q) => `Quý ${QUARTER_NUMERALS[q - 1]}`,
  status: {
    'below-minimum': 'dưới tối thiểu',
    'near-miss': 'sát ngưỡng',
    'invalid-value': 'không hợp lệ',
    'missing-value': 'thiếu số liệu',
    'target-mismatch': 'chỉ tiêu bị sửa',
    'unrecognised-row': 'dòng không nhận ra',
    'not-an-annex': 'không phải phụ lục',
    met: 'đạt',
    'not-applicable': 'không áp dụng',
  },
  minimum: (c, v) => `${COMPARATORS[c].words.vi} ${v}`,
  annualMinimum: (c, v) =>
    c === 'at-least' ? `chỉ tiêu năm ${v}` : `chỉ tiêu năm ${vi.minimum(c, v)}`,
  carriedFrom: (from) => `theo lộ trình ${from}`,
  belowMinimum: (v, m, c) => `${v} ${COMPARATORS[c].negatedSymbol} ${m}`,
  gap: (g, pct) => (pct ? `thiếu ${g} điểm %` : `thiếu ${g}`),
  met: (v, m, c) => `${v} ${COMPARATORS[c].symbol} ${m}, đạt`,
  missing: {
    blank: () => 'chưa nhập kết quả',
    placeholder: (raw) => `chưa có số liệu ("${raw}")`,
    absent: () => 'không có ô kết quả',
  },
  invalid: {
    'error-value': (s) => `ô có lỗi ${s}`,
    unreadable: (s) => `không đọc được giá trị "${s}"`,
    ambiguous: (s, p) => `"${s}" không rõ là ${p.readings ?? ''}, hãy nhập lại rõ ràng`,
    'out-of-range': (s, p) =>
      p.range === 'non-negative'
        ? `giá trị ${s} là số âm, không hợp lệ`
        : `giá trị ${s} nằm ngoài khoảng 0–100%`,
    'above-maximum': (s, p) => `điểm ${s} vượt quá điểm tối đa ${p.max ?? ''}`,
    'wrong-type': (s) => `ô chứa ${s}, không phải số`,
    'unit-mismatch': (s, p) =>
      `giá trị ${s} sai đơn vị (chỉ tiêu tính bằng ${p.expected ?? ''}, giá trị ghi bằng ${p.written ?? ''})`,
  },
  unitName: (u, max) =>
    u.kind === 'percent'
      ? 'tỷ lệ phần trăm'
      : u.kind === 'points'
        ? max === undefined
          ? 'điểm'
          : `điểm trên thang ${max}`
        : u.kind === 'count'
          ? 'số lượng'
          : 'số',
  notApplicable: {
    level: (who) => `không áp dụng cho cấp này (chỉ tiêu dành cho ${who})`,
    agency: (who) => `chỉ tiêu dành cho ${who}`,
    'no-minimum': () => 'chưa có mức tối thiểu cho quý này',
    'unknown-indicator': () => 'không có trong bộ chỉ tiêu',
  },
  listJoin: (items) => items.join(', '),
  targetMismatch: (which, v, o, lowered) =>
    `${which} trong bảng là ${v}, khác chỉ tiêu chính thức ${o}${lowered ? ' (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)' : ''}`,
  annualTarget: 'Chỉ tiêu năm',
  unrecognisedRow: (row, text) => `Dòng ${row} không khớp chỉ tiêu nào của bộ chỉ tiêu: "${text}"`,
  notAnAnnex: {
    empty: 'Trang tính trống',
    'no-header':
      'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
    'no-indicator': 'Không phải bảng phụ lục chỉ tiêu: không dòng nào khớp với bộ chỉ tiêu',
  },
  either: (items) => items.join(' hay '),
};

export const en: Catalog = {
  quarter: (q) => `Q${q}`,
  status: {
    'below-minimum': 'below minimum',
    'near-miss': 'near miss',
    'invalid-value': 'invalid',
    'missing-value': 'missing',
    'target-mismatch': 'target altered',
    'unrecognised-row': 'unrecognised row',
    'not-an-annex': 'not an annex',
    met: 'met',
    'not-applicable': 'not applicable',
  },
  minimum: (c, v) => `${COMPARATORS[c].words.en} ${v}`,
  annualMinimum: (c, v) =>
    c === 'at-least' ? `annual target ${v}` : `annual target ${en.minimum(c, v)}`,
  carriedFrom: (from) => `carried over from ${from}`,
  belowMinimum: (v, m, c) => `${v} ${COMPARATORS[c].negatedSymbol} ${m}`,
  gap: (g, pct) => (pct ? `short by ${g} percentage points` : `short by ${g}`),
  met: (v, m, c) => `${v} ${COMPARATORS[c].symbol} ${m}, met`,
  missing: {
    blank: () => 'no result entered',
    placeholder: (raw) => `no data ("${raw}")`,
    absent: () => 'no result cell',
  },
  invalid: {
    'error-value': (s) => `the cell has the error ${s}`,
    unreadable: (s) => `cannot read the value "${s}"`,
    ambiguous: (s, p) => `"${s}" is ambiguous: ${p.readings ?? ''}? Enter it unambiguously`,
    'out-of-range': (s, p) =>
      p.range === 'non-negative'
        ? `the value ${s} is negative, which is not valid`
        : `the value ${s} is outside 0–100%`,
    'above-maximum': (s, p) => `the score ${s} exceeds the maximum of ${p.max ?? ''}`,
    'wrong-type': (s) => `the cell holds ${s}, not a number`,
    'unit-mismatch': (s, p) =>
      `the value ${s} has the wrong unit (the indicator is ${p.expected ?? ''}, the value is written as ${p.written ?? ''})`,
  },
  unitName: (u, max) =>
    u.kind === 'percent'
      ? 'a percentage'
      : u.kind === 'points'
        ? max === undefined
          ? 'points'
          : `points out of ${max}`
        : u.kind === 'count'
          ? 'a count'
          : 'a number',
  notApplicable: {
    level: (who) => `not for this level (the indicator is for ${who})`,
    agency: (who) => `the indicator is for ${who}`,
    'no-minimum': () => 'no minimum for this quarter yet',
    'unknown-indicator': () => 'not in the target set',
  },
  listJoin: (items) => items.join(', '),
  targetMismatch: (which, v, o, lowered) =>
    `${which} in the sheet is ${v}, not the official ${o}${lowered ? ' (lowered; values are still judged against the official target)' : ''}`,
  annualTarget: 'Annual target',
  unrecognisedRow: (row, text) => `Row ${row} matches no indicator of the target set: "${text}"`,
  notAnAnnex: {
    empty: 'The sheet is empty',
    'no-header': 'Not an annex: no header row (Stt, Nhiệm vụ/Chỉ tiêu, …) was found',
    'no-indicator': 'Not an annex: no row matches the target set',
  },
  either: (items) => items.join(' or '),
};

export const catalogs: Readonly<Record<Locale, Catalog>> = { vi, en };

/** A quarter's name in the language: "Quý II", "Q2". */
export function quarterName(q: Quarter, locale: Locale = 'vi'): string {
  return catalogs[locale].quarter(q);
}
