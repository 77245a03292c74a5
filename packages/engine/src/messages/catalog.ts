import type { MinimumSource, NotApplicableReason, Quarter } from '../findings.js';
import type { InvalidReason, MissingReason } from '../parse/types.js';
import type { Comparator } from '../schema.js';

export type Locale = 'vi' | 'en';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** Every sentence piece the engine's messages are built from, in one language. */
export interface Catalog {
  readonly quarter: (q: Quarter) => string;
  /** "tối thiểu 75%": the minimum with its comparator. */
  readonly minimum: (comparator: Comparator, value: string) => string;
  readonly minimumSource: Readonly<Record<MinimumSource, (fromQuarter?: string) => string>>;
  /** "74,5% < tối thiểu 75%". */
  readonly belowMinimum: (value: string, minimum: string, comparator: Comparator) => string;
  readonly gap: (gap: string, isPercent: boolean) => string;
  readonly nearMiss: string;
  readonly met: (value: string, minimum: string, comparator: Comparator) => string;
  readonly missing: Readonly<Record<MissingReason | 'absent', (raw: string) => string>>;
  readonly invalid: Readonly<Record<InvalidReason, (shown: string, detail: string) => string>>;
  readonly notApplicable: Readonly<Record<NotApplicableReason, (who: string) => string>>;
  readonly listJoin: (items: string[]) => string;
  /** "1234 hay 1,234". */
  readonly either: (items: string[]) => string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const symbol: Record<Comparator, string> = {
  'at-least': '≥',
  above: '>',
  'at-most': '≤',
  below: '<',
};
const negated: Record<Comparator, string> = {
  'at-least': '<',
  above: '≤',
  'at-most': '>',
  below: '≥',
};

export const vi: Catalog = {
  quarter: (q) => `Quý ${ROMAN[q - 1]}`,
  minimum: (c, v) =>
    ({
      'at-least': `tối thiểu ${v}`,
      above: `trên ${v}`,
      'at-most': `tối đa ${v}`,
      below: `dưới ${v}`,
    })[c],
  minimumSource: {
    quarterly: () => '',
    annual: () => 'chỉ tiêu năm',
    'carried-forward': (from) => `theo lộ trình ${from ?? ''}`.trim(),
  },
  belowMinimum: (v, m, c) => `${v} ${negated[c]} ${m}`,
  gap: (g, pct) => (pct ? `thiếu ${g} điểm %` : `thiếu ${g}`),
  nearMiss: 'sát ngưỡng',
  met: (v, m, c) => `${v} ${symbol[c]} ${m}, đạt`,
  missing: {
    blank: () => 'chưa nhập kết quả',
    placeholder: (raw) => `chưa có số liệu ("${raw}")`,
    absent: () => 'không có ô kết quả',
  },
  invalid: {
    'error-value': (s) => `ô có lỗi ${s}`,
    unreadable: (s) => `không đọc được giá trị "${s}"`,
    ambiguous: (s, d) => `"${s}" không rõ là ${d}, hãy nhập lại rõ ràng`,
    'out-of-range': (s) => `giá trị ${s} nằm ngoài khoảng 0–100%`,
    'above-maximum': (s, d) => `điểm ${s} vượt quá điểm tối đa ${d}`,
    'wrong-type': (s) => `ô chứa ${s}, không phải số`,
    'unit-mismatch': (s, d) => `giá trị ${s} sai đơn vị (${d})`,
  },
  notApplicable: {
    level: (who) => `không áp dụng cho cấp này (chỉ tiêu dành cho ${who})`,
    agency: (who) => `chỉ tiêu dành cho ${who}`,
    'no-minimum': () => 'chưa có mức tối thiểu cho quý này',
    'unknown-indicator': () => 'không có trong bộ chỉ tiêu',
  },
  listJoin: (items) => items.join(', '),
  either: (items) => items.join(' hay '),
};

export const en: Catalog = {
  quarter: (q) => `Q${q}`,
  minimum: (c, v) =>
    ({
      'at-least': `minimum ${v}`,
      above: `above ${v}`,
      'at-most': `maximum ${v}`,
      below: `below ${v}`,
    })[c],
  minimumSource: {
    quarterly: () => '',
    annual: () => 'annual target',
    'carried-forward': (from) => `carried over from ${from ?? 'an earlier quarter'}`,
  },
  belowMinimum: (v, m, c) => `${v} ${negated[c]} ${m}`,
  gap: (g, pct) => (pct ? `short by ${g} percentage points` : `short by ${g}`),
  nearMiss: 'near miss',
  met: (v, m, c) => `${v} ${symbol[c]} ${m}, met`,
  missing: {
    blank: () => 'no result entered',
    placeholder: (raw) => `no data ("${raw}")`,
    absent: () => 'no result cell',
  },
  invalid: {
    'error-value': (s) => `the cell has the error ${s}`,
    unreadable: (s) => `cannot read the value "${s}"`,
    ambiguous: (s, d) => `"${s}" is ambiguous: ${d}? Enter it unambiguously`,
    'out-of-range': (s) => `the value ${s} is outside 0–100%`,
    'above-maximum': (s, d) => `the score ${s} exceeds the maximum of ${d}`,
    'wrong-type': (s) => `the cell holds ${s}, not a number`,
    'unit-mismatch': (s, d) => `the value ${s} has the wrong unit (${d})`,
  },
  notApplicable: {
    level: (who) => `not for this level (the indicator is for ${who})`,
    agency: (who) => `the indicator is for ${who}`,
    'no-minimum': () => 'no minimum for this quarter yet',
    'unknown-indicator': () => 'not in the target set',
  },
  listJoin: (items) => items.join(', '),
  either: (items) => items.join(' or '),
};

export const catalogs: Readonly<Record<Locale, Catalog>> = { vi, en };
