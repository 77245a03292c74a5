import { COMPARATORS } from '../comparators.js';
import type {
  NotAnAnnexFinding,
  NotApplicableReason,
  Quarter,
  UnitTableMissing,
} from '../findings.js';
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
  /** Beside a minimum the document does not state as a target (`inferredFrom`): "suy ra, …". */
  readonly inferred: string;
  /** "74,5% < tối thiểu 75%". */
  readonly belowMinimum: (value: string, minimum: string, comparator: Comparator) => string;
  readonly gap: (gap: string, isPercent: boolean) => string;
  readonly met: (value: string, minimum: string, comparator: Comparator) => string;
  readonly missing: Readonly<Record<MissingReason | 'absent', (raw: string) => string>>;
  readonly invalid: Readonly<Record<InvalidReason, (shown: string, parts: InvalidParts) => string>>;
  /** A unit in words, for unit mismatches: "tỷ lệ phần trăm", "điểm trên thang 18". */
  readonly unitName: (unit: UnitShape, max: string | undefined) => string;
  readonly notApplicable: Readonly<Record<NotApplicableReason, (who: string) => string>>;
  /** A value typed on a row that is not the unit's: kept, not judged. */
  readonly keptValue: (value: string) => string;
  /** "không phát sinh trong kỳ ("KPS")": nothing arose to count; `raw` is what was written. */
  readonly notOccurred: (raw: string) => string;
  /** "(ô ghi "0,86")": what was written, beside a value read from a fraction, a ratio or words. */
  readonly readFrom: (written: string) => string;
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
  readonly notAnAnnex: Readonly<Record<NotAnAnnexFinding['reason'], string>>;
  /** What a sheet that looks like a unit table lacked, told after its not-an-annex reason. */
  readonly notUnitTable: (missing: string) => string;
  readonly unitTableMissing: Readonly<Record<UnitTableMissing, string>>;
  /** A unit table's finding, for its unit: "Sở Y tế — Quý I: 40,8% ≥ tối thiểu 40%, đạt". */
  readonly forUnit: (unit: string, text: string) => string;
  /** A unit table's row whose unit's level cannot be told. */
  /** `levels`: the set's levels, joined by `either` ("Các sở, ban, ngành hay UBND cấp xã"); none: the usual three. */
  readonly unitLevelUnknown: (row: number, name: string, levels?: string) => string;
  /** The same for a unit whose results are a group of columns under its heading (`cell`). */
  readonly groupLevelUnknown: (cell: string, name: string, levels?: string) => string;
  /** "1234 hay 1,234". */
  readonly either: (items: string[]) => string;
}

/** An invalid value's typed fields, already written as numbers and words of the language. */
export interface InvalidParts {
  /** above-maximum: the maximum; maximum-mismatch: the maximum written. */
  readonly max?: string;
  /** maximum-mismatch: the group's maximum. */
  readonly expectedMax?: string;
  /** change-mismatch: the two periods' values ("7,52 → 11,3") and the change they give ("+3,78"). */
  readonly compared?: string;
  readonly change?: string;
  /** ambiguous: the two readings, joined by the catalog's `either`. */
  readonly readings?: string;
  /** out-of-range: which range. */
  readonly range?: 'percent' | 'non-negative';
  /** ambiguous-scale: why the column cannot tell the scale. */
  readonly ambiguity?: 'mixed' | 'ones';
  /** unit-mismatch: the units expected and written, in words. */
  readonly expected?: string;
  readonly written?: string;
  /** ambiguous-scale: the value as it would be retyped with a "%" ("86%"). */
  readonly example?: string;
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
    'not-occurred': 'không phát sinh',
    met: 'đạt',
    'not-applicable': 'không áp dụng',
  },
  minimum: (c, v) => `${COMPARATORS[c].words.vi} ${v}`,
  annualMinimum: (c, v) =>
    c === 'at-least' ? `chỉ tiêu năm ${v}` : `chỉ tiêu năm ${vi.minimum(c, v)}`,
  carriedFrom: (from) => `theo lộ trình ${from}`,
  inferred: 'mức suy ra, văn bản không ghi thành chỉ tiêu',
  belowMinimum: (v, m, c) => `${v} ${COMPARATORS[c].negatedSymbol} ${m}`,
  gap: (g, pct) => (pct ? `thiếu ${g} điểm %` : `thiếu ${g}`),
  met: (v, m, c) => `${v} ${COMPARATORS[c].symbol} ${m}, đạt`,
  missing: {
    blank: () => 'chưa nhập kết quả',
    placeholder: (raw) => `chưa có số liệu ("${raw}")`,
    'not-calculated': () => 'chưa tính (mở và lưu tệp trong Excel)',
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
    'maximum-mismatch': (s, p) =>
      `"${s}" ghi điểm tối đa ${p.max ?? ''}, khác điểm tối đa ${p.expectedMax ?? ''} của nhóm chỉ số`,
    'change-mismatch': (s, p) =>
      `mức thay đổi ${s} không khớp với hai kỳ so sánh: ${p.compared ?? ''} là ${p.change ?? ''}`,
    'wrong-type': (s) => `ô chứa ${s}, không phải số`,
    'unit-mismatch': (s, p) =>
      `giá trị ${s} sai đơn vị (chỉ tiêu tính bằng ${p.expected ?? ''}, giá trị ghi bằng ${p.written ?? ''})`,
    'ambiguous-scale': (s, p) =>
      `giá trị ${s} không rõ là ${p.readings ?? ''} (${
        p.ambiguity === 'ones'
          ? 'cột chỉ có 0 và 1, không biết 1 là 1% hay 100%'
          : 'cột có cả số thập phân như 0,86 và số phần trăm như 86'
      }): hãy nhập lại kèm dấu %${p.example ? ` (ví dụ "${p.example}")` : ''}`,
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
    'no-target': () => 'văn bản không đặt chỉ tiêu cho chỉ tiêu này; giá trị nằm trong thang đo',
    'unknown-indicator': () => 'không có trong bộ chỉ tiêu',
  },
  keptValue: (v) => `giá trị đã nhập ${v} được giữ lại, không đánh giá`,
  notOccurred: (raw) =>
    `không phát sinh trong kỳ${raw === '' ? '' : ` ("${raw}")`}: không có hồ sơ, việc để tính nên không đánh giá`,
  readFrom: (w) => `(ô ghi "${w}")`,
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
    'task-list':
      'Không phải bảng phụ lục chỉ tiêu: đây là danh sách nhiệm vụ có thời hạn hoàn thành (như "Quý I/2024", "Thường xuyên"), không phải chỉ tiêu có số liệu',
    'few-indicators':
      'Không phải bảng phụ lục chỉ tiêu: ít hơn một nửa số dòng khớp với chỉ tiêu của bộ chỉ tiêu, và bảng không có cột lộ trình hay kết quả thực hiện (có thể là bảng tính phụ)',
  },
  notUnitTable: (missing) => `cũng không kiểm tra được như bảng theo đơn vị: thiếu ${missing}`,
  unitTableMissing: {
    'unit-column': 'cột đơn vị ("Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Địa phương")',
    'result-column':
      'cột kết quả ghi tên chỉ tiêu hoặc kỳ báo cáo ("Kết quả Quý I/2024", "Thanh toán trực tuyến")',
    indicator:
      'tên chỉ tiêu của bộ chỉ tiêu, ở tiêu đề cột hoặc tên bảng (hoặc chọn bộ chỉ tiêu chỉ có một chỉ tiêu)',
  },
  forUnit: (unit, text) => `${unit} — ${text}`,
  unitLevelUnknown: (row, name, levels) =>
    `Dòng ${row}: không rõ cấp của đơn vị "${name}" (${levels ?? 'cấp tỉnh, huyện hay xã'}) nên chưa đánh giá; hãy ghi cấp ở cột "Cấp" hoặc chọn cấp`,
  groupLevelUnknown: (cell, name, levels) =>
    `${cell}: không rõ cấp của đơn vị "${name}" (${levels ?? 'cấp tỉnh, huyện hay xã'}) nên chưa đánh giá các cột kết quả của đơn vị; hãy ghi tên đơn vị như văn bản ghi ("Sở …", "UBND huyện …") ở tiêu đề hoặc chọn cấp`,
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
    'not-occurred': 'none arising',
    met: 'met',
    'not-applicable': 'not applicable',
  },
  minimum: (c, v) => `${COMPARATORS[c].words.en} ${v}`,
  annualMinimum: (c, v) =>
    c === 'at-least' ? `annual target ${v}` : `annual target ${en.minimum(c, v)}`,
  carriedFrom: (from) => `carried over from ${from}`,
  inferred: 'inferred; the document does not state it as a target',
  belowMinimum: (v, m, c) => `${v} ${COMPARATORS[c].negatedSymbol} ${m}`,
  gap: (g, pct) => (pct ? `short by ${g} percentage points` : `short by ${g}`),
  met: (v, m, c) => `${v} ${COMPARATORS[c].symbol} ${m}, met`,
  missing: {
    blank: () => 'no result entered',
    placeholder: (raw) => `no data ("${raw}")`,
    'not-calculated': () => 'not calculated yet (open and save the file in Excel)',
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
    'maximum-mismatch': (s, p) =>
      `"${s}" is written out of ${p.max ?? ''}, but the index group's maximum is ${p.expectedMax ?? ''}`,
    'change-mismatch': (s, p) =>
      `the change ${s} does not match the two periods compared: ${p.compared ?? ''} is ${p.change ?? ''}`,
    'wrong-type': (s) => `the cell holds ${s}, not a number`,
    'unit-mismatch': (s, p) =>
      `the value ${s} has the wrong unit (the indicator is ${p.expected ?? ''}, the value is written as ${p.written ?? ''})`,
    'ambiguous-scale': (s, p) =>
      `the value ${s} is ambiguous: ${p.readings ?? ''}? (${
        p.ambiguity === 'ones'
          ? 'the column holds only 0 and 1, and 1 may be 1% or 100%'
          : 'the column mixes fractions such as 0.86 and percentages such as 86'
      }): retype it with a % sign${p.example ? ` (e.g. "${p.example}")` : ''}`,
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
    'no-target': () =>
      'the document sets no target for this indicator; the value is within its scale',
    'unknown-indicator': () => 'not in the target set',
  },
  keptValue: (v) => `the value typed, ${v}, is kept but not judged`,
  notOccurred: (raw) =>
    `none arising this period${raw === '' ? '' : ` ("${raw}")`}: nothing to count, so not judged`,
  readFrom: (w) => `(written "${w}")`,
  listJoin: (items) => items.join(', '),
  targetMismatch: (which, v, o, lowered) =>
    `${which} in the sheet is ${v}, not the official ${o}${lowered ? ' (lowered; values are still judged against the official target)' : ''}`,
  annualTarget: 'Annual target',
  unrecognisedRow: (row, text) => `Row ${row} matches no indicator of the target set: "${text}"`,
  notAnAnnex: {
    empty: 'The sheet is empty',
    'no-header': 'Not an annex: no header row (Stt, Nhiệm vụ/Chỉ tiêu, …) was found',
    'no-indicator': 'Not an annex: no row matches the target set',
    'task-list':
      'Not an annex: this is a list of tasks with deadlines (such as "Quý I/2024", "Thường xuyên"), not indicators with figures',
    'few-indicators':
      'Not an annex: fewer than half of the rows match indicators of the target set, and the table has no roadmap or results column (it may be a helper sheet)',
  },
  notUnitTable: (missing) => `nor can it be checked as a table by unit: it lacks ${missing}`,
  unitTableMissing: {
    'unit-column': 'a unit column ("Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Địa phương")',
    'result-column':
      'a results column naming an indicator or a period ("Kết quả Quý I/2024", "Thanh toán trực tuyến")',
    indicator:
      "an indicator of the target set, named in a column's header or the title (or a target set with one indicator)",
  },
  forUnit: (unit, text) => `${unit} — ${text}`,
  unitLevelUnknown: (row, name, levels) =>
    `Row ${row}: the level of "${name}" (${levels ?? 'province, district or commune'}) cannot be told, so its values are not judged; write it in a "Cấp" column or choose the level`,
  groupLevelUnknown: (cell, name, levels) =>
    `${cell}: the level of "${name}" (${levels ?? 'province, district or commune'}) cannot be told, so its results columns are not judged; name the unit in its heading as documents do ("Sở …", "UBND huyện …") or choose the level`,
  either: (items) => items.join(' or '),
};

export const catalogs: Readonly<Record<Locale, Catalog>> = { vi, en };

/** A quarter's name in the language: "Quý II", "Q2". */
export function quarterName(q: Quarter, locale: Locale = 'vi'): string {
  return catalogs[locale].quarter(q);
}
