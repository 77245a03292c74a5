/**
 * What can be wrong in a target-set file, as data, and its words in each language. The loader
 * turns zod's issues (by their code and typed fields, never by zod's English message) and the
 * cross-field rules into these problems; the catalogs below word them.
 */
import { formatNumber } from '../parse/number-format.js';
import type { Locale } from './catalog.js';

/** The kind of a JSON value, as a problem names what was expected and what was found. */
export type JsonKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'null'
  | 'other';

/** Which list an id must be unique in. */
export type IdList = 'level' | 'section' | 'indicator';

export type TargetSetProblem =
  /** The text is not JSON; the issue's line and column say where it goes wrong. */
  | { readonly kind: 'json-syntax'; readonly near: string }
  /** The text ends in the middle of a value. */
  | { readonly kind: 'json-truncated' }
  /** The file is larger than the loader reads (bytes). */
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly kind: 'missing'; readonly expected: readonly JsonKind[] }
  | {
      readonly kind: 'wrong-type';
      readonly expected: readonly JsonKind[];
      readonly received: JsonKind;
      /** The value found, shortened, when it is a scalar. */
      readonly value?: string;
    }
  | { readonly kind: 'not-one-of'; readonly values: readonly string[]; readonly received: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-few'; readonly minimum: number; readonly count: number }
  | { readonly kind: 'too-many'; readonly maximum: number; readonly count: number }
  | { readonly kind: 'quarterly-length'; readonly count: number }
  | {
      readonly kind: 'too-small';
      readonly minimum: number;
      readonly inclusive: boolean;
      readonly value: number;
    }
  | {
      readonly kind: 'too-big';
      readonly maximum: number;
      readonly inclusive: boolean;
      readonly value: number;
    }
  | { readonly kind: 'not-integer'; readonly value: number }
  | { readonly kind: 'bad-slug'; readonly value: string }
  | { readonly kind: 'bad-date'; readonly value: string }
  | { readonly kind: 'bad-format'; readonly value: string }
  | { readonly kind: 'unknown-field'; readonly field: string }
  | {
      readonly kind: 'duplicate-id';
      readonly list: IdList;
      readonly id: string;
      /** Path of the first use, e.g. `levels[0].id`. */
      readonly first: string;
    }
  | {
      readonly kind: 'duplicate-stt';
      readonly stt: string;
      readonly section: string;
      readonly first: string;
    }
  | { readonly kind: 'unknown-section'; readonly id: string; readonly known: readonly string[] }
  | { readonly kind: 'unknown-level'; readonly id: string; readonly known: readonly string[] }
  | { readonly kind: 'no-level-or-agency' }
  | { readonly kind: 'no-target-value' }
  /** A row marked `noTarget` that gives target values anyway. */
  | { readonly kind: 'no-target-with-value' }
  | { readonly kind: 'negative'; readonly value: number }
  | { readonly kind: 'percent-range'; readonly value: number }
  | { readonly kind: 'above-max-points'; readonly value: number; readonly max: number }
  | {
      readonly kind: 'comparator-direction';
      readonly comparator: string;
      readonly direction: 'higher-is-better' | 'lower-is-better';
    }
  | { readonly kind: 'builtin-id'; readonly id: string }
  /** Anything else the schema refuses. */
  | { readonly kind: 'invalid' };

interface NumberWords {
  readonly num: (n: number) => string;
  readonly size: (bytes: number) => string;
  readonly kinds: (kinds: readonly JsonKind[]) => string;
  readonly kind: (kind: JsonKind) => string;
}

type P<K extends TargetSetProblem['kind']> = Extract<TargetSetProblem, { kind: K }>;

/** Each problem's words in one language. */
type Words = { readonly [K in TargetSetProblem['kind']]: (p: P<K>, n: NumberWords) => string };

const KIND_VI: Record<JsonKind, string> = {
  string: 'chuỗi',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng {…}',
  array: 'mảng […]',
  null: 'null',
  other: 'giá trị khác',
};

const KIND_EN: Record<JsonKind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object {…}',
  array: 'an array […]',
  null: 'null',
  other: 'another value',
};

const quoted = (items: readonly string[]) => items.map((v) => `"${v}"`).join(', ');

const LIST_VI: Record<IdList, string> = { level: 'cấp', section: 'mục', indicator: 'chỉ tiêu' };
const LIST_EN: Record<IdList, string> = {
  level: 'level',
  section: 'section',
  indicator: 'indicator',
};

const vi: Words = {
  'json-syntax': (p) =>
    p.near === '' ? 'JSON không hợp lệ' : `JSON không hợp lệ, gần "${p.near}"`,
  'json-truncated': () => 'JSON không hợp lệ: văn bản kết thúc khi chưa hết giá trị',
  'too-large': (p, n) =>
    `tệp quá lớn (${n.size(p.size)}); tệp bộ chỉ tiêu được đọc tối đa ${n.size(p.limit)}`,
  missing: (p, n) => `thiếu trường bắt buộc (cần ${n.kinds(p.expected)})`,
  'wrong-type': (p, n) =>
    `phải là ${n.kinds(p.expected)}, không phải ${n.kind(p.received)}${p.value === undefined ? '' : ` (${p.value})`}`,
  'not-one-of': (p) => `giá trị "${p.received}" không hợp lệ; dùng một trong: ${quoted(p.values)}`,
  empty: () => 'không được để trống',
  'too-few': (p, n) => `cần ít nhất ${n.num(p.minimum)} mục (đang có ${n.num(p.count)})`,
  'too-many': (p, n) => `nhiều nhất ${n.num(p.maximum)} mục (đang có ${n.num(p.count)})`,
  'quarterly-length': (p, n) =>
    `cần đúng 4 giá trị cho Quý I–IV (null cho quý không có mức tối thiểu), đang có ${n.num(p.count)}`,
  'too-small': (p, n) =>
    `phải ${p.inclusive ? '≥' : '>'} ${n.num(p.minimum)} (đang là ${n.num(p.value)})`,
  'too-big': (p, n) =>
    `phải ${p.inclusive ? '≤' : '<'} ${n.num(p.maximum)} (đang là ${n.num(p.value)})`,
  'not-integer': (p, n) => `phải là số nguyên (đang là ${n.num(p.value)})`,
  'bad-slug': (p) =>
    `"${p.value}" không dùng được làm mã: chỉ chữ thường không dấu và chữ số, nối bằng "-" (ví dụ "binh-phuoc-2025")`,
  'bad-date': (p) =>
    `"${p.value}" không phải ngày dạng năm, năm-tháng hoặc năm-tháng-ngày (ví dụ "2025", "2025-01", "2025-01-15")`,
  'bad-format': (p) => `"${p.value}" không đúng định dạng`,
  'unknown-field': (p) => `trường "${p.field}" không có trong định dạng bộ chỉ tiêu (gõ sai tên?)`,
  'duplicate-id': (p) => `mã ${LIST_VI[p.list]} "${p.id}" bị trùng (đã dùng ở ${p.first})`,
  'duplicate-stt': (p) =>
    `số thứ tự "${p.stt}" bị trùng trong mục "${p.section}" (đã dùng ở ${p.first})`,
  'unknown-section': (p) => `không có mục "${p.id}" trong sections (có: ${p.known.join(', ')})`,
  'unknown-level': (p) => `không có cấp "${p.id}" trong levels (có: ${p.known.join(', ')})`,
  'no-level-or-agency': () => 'phải nêu ít nhất một cấp (levels) hoặc một cơ quan (agencies)',
  'no-target-value': () =>
    'cần chỉ tiêu năm (annual) hoặc ít nhất một mức tối thiểu theo quý (quarterly), hoặc "noTarget": true khi văn bản không đặt chỉ tiêu',
  'no-target-with-value': () =>
    'dòng ghi "noTarget": true (văn bản không đặt chỉ tiêu) nhưng lại có chỉ tiêu năm hoặc mức tối thiểu theo quý: bỏ một trong hai',
  negative: (p, n) => `không được âm (đang là ${n.num(p.value)})`,
  'percent-range': (p, n) => `tỷ lệ phần trăm phải từ 0 đến 100 (đang là ${n.num(p.value)})`,
  'above-max-points': (p, n) =>
    `không được vượt số điểm tối đa ${n.num(p.max)} (đang là ${n.num(p.value)})`,
  'comparator-direction': (p) =>
    p.direction === 'higher-is-better'
      ? `phép so sánh "${p.comparator}" không hợp với chỉ tiêu càng cao càng tốt (dùng "at-least" hoặc "above")`
      : `phép so sánh "${p.comparator}" không hợp với chỉ tiêu càng thấp càng tốt (dùng "at-most" hoặc "below")`,
  'builtin-id': (p) =>
    `mã "${p.id}" là của một bộ chỉ tiêu có sẵn nhưng nội dung khác; hãy đặt mã khác cho bộ chỉ tiêu này`,
  invalid: () => 'giá trị không hợp lệ',
};

const en: Words = {
  'json-syntax': (p) => (p.near === '' ? 'invalid JSON' : `invalid JSON, near "${p.near}"`),
  'json-truncated': () => 'invalid JSON: the text ends before the value does',
  'too-large': (p, n) =>
    `the file is too large (${n.size(p.size)}); target-set files are read up to ${n.size(p.limit)}`,
  missing: (p, n) => `a required field is missing (expected ${n.kinds(p.expected)})`,
  'wrong-type': (p, n) =>
    `must be ${n.kinds(p.expected)}, not ${n.kind(p.received)}${p.value === undefined ? '' : ` (${p.value})`}`,
  'not-one-of': (p) => `the value "${p.received}" is not allowed; use one of: ${quoted(p.values)}`,
  empty: () => 'must not be empty',
  'too-few': (p, n) => `needs at least ${n.num(p.minimum)} item(s) (has ${n.num(p.count)})`,
  'too-many': (p, n) => `takes at most ${n.num(p.maximum)} item(s) (has ${n.num(p.count)})`,
  'quarterly-length': (p, n) =>
    `needs exactly 4 values for Q1–Q4 (null for a quarter without a minimum), has ${n.num(p.count)}`,
  'too-small': (p, n) =>
    `must be ${p.inclusive ? '≥' : '>'} ${n.num(p.minimum)} (is ${n.num(p.value)})`,
  'too-big': (p, n) =>
    `must be ${p.inclusive ? '≤' : '<'} ${n.num(p.maximum)} (is ${n.num(p.value)})`,
  'not-integer': (p, n) => `must be a whole number (is ${n.num(p.value)})`,
  'bad-slug': (p) =>
    `"${p.value}" cannot be an id: lower-case letters without diacritics and digits, joined by "-" (e.g. "binh-phuoc-2025")`,
  'bad-date': (p) =>
    `"${p.value}" is not a date written as year, year-month or year-month-day (e.g. "2025", "2025-01", "2025-01-15")`,
  'bad-format': (p) => `"${p.value}" is not in the expected format`,
  'unknown-field': (p) => `the field "${p.field}" is not part of the target-set format (misspelt?)`,
  'duplicate-id': (p) => `duplicate ${LIST_EN[p.list]} id "${p.id}" (first used at ${p.first})`,
  'duplicate-stt': (p) =>
    `duplicate number "${p.stt}" in section "${p.section}" (first used at ${p.first})`,
  'unknown-section': (p) => `no section "${p.id}" in sections (known: ${p.known.join(', ')})`,
  'unknown-level': (p) => `no level "${p.id}" in levels (known: ${p.known.join(', ')})`,
  'no-level-or-agency': () => 'must name at least one level (levels) or agency (agencies)',
  'no-target-value': () =>
    'needs an annual target (annual) or at least one quarterly minimum, or "noTarget": true when the document sets no target',
  'no-target-with-value': () =>
    'the row says "noTarget": true (the document sets no target) but gives an annual target or quarterly minimums: drop one or the other',
  negative: (p, n) => `must not be negative (is ${n.num(p.value)})`,
  'percent-range': (p, n) => `a percentage must be between 0 and 100 (is ${n.num(p.value)})`,
  'above-max-points': (p, n) =>
    `must not exceed the maximum of ${n.num(p.max)} points (is ${n.num(p.value)})`,
  'comparator-direction': (p) =>
    p.direction === 'higher-is-better'
      ? `the comparator "${p.comparator}" does not fit a higher-is-better indicator (use "at-least" or "above")`
      : `the comparator "${p.comparator}" does not fit a lower-is-better indicator (use "at-most" or "below")`,
  'builtin-id': (p) =>
    `the id "${p.id}" belongs to a built-in target set with different content; give this set another id`,
  invalid: () => 'invalid value',
};

const WORDS: Readonly<Record<Locale, Words>> = { vi, en };

function numberWords(locale: Locale): NumberWords {
  const kinds = locale === 'en' ? KIND_EN : KIND_VI;
  const or = locale === 'en' ? ' or ' : ' hoặc ';
  const num = (n: number) => formatNumber(n, locale);
  return {
    num,
    size: (bytes) =>
      bytes >= 1024 * 1024
        ? `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, locale)} MB`
        : `${formatNumber(Math.ceil(bytes / 1024), locale)} KB`,
    kind: (k) => kinds[k],
    kinds: (ks) => ks.map((k) => kinds[k]).join(or),
  };
}

/** The problem in words: "phải là số, không phải chuỗi ("hai nghìn")". Vietnamese unless `en`. */
export function describeTargetSetProblem(problem: TargetSetProblem, locale: Locale = 'vi'): string {
  const word = WORDS[locale][problem.kind] as (p: TargetSetProblem, n: NumberWords) => string;
  return word(problem, numberWords(locale));
}
