/**
 * The words of an annex's header, in one place: which role a header cell names, which period
 * (quarter) a heading covers, and which cell texts are deadlines rather than values. Every
 * pattern here matches text as `normalizeText` leaves it: no diacritics, lower case, punctuation
 * and line breaks as single spaces ("Q.II/2025" → "q ii 2025", "30/6/2025" → "30 6 2025").
 *
 * The layout (`layout.ts`) asks this module what a header says; it has no words of its own.
 */
import type { Quarter } from '../findings.js';

/** What a column of the table holds. */
export type ColumnRole =
  | 'stt'
  | 'name'
  | 'lead'
  | 'coordinators'
  | 'unit'
  | 'annual'
  | 'minimum'
  | 'result'
  | 'notes'
  | 'deadline';

/**
 * What a header cell says: a column role, or a group heading whose quarters are in the row below
 * ("Lộ trình thực hiện (tối thiểu)", "Kết quả thực hiện"), or a period alone ("Quý II", "Q2",
 * "9 tháng") that takes its role from the group above it or from the table.
 */
export type HeaderKind = ColumnRole | 'minimum-parent' | 'result-parent' | 'quarter';

/** A quarter written as a Roman or Arabic numeral. */
const Q = '(iv|iii|ii|i|[1-4])';
const NUMERAL: Readonly<Record<string, Quarter>> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

/**
 * Periods, most specific first: each a pattern and the quarter (the last quarter it covers: the
 * annex's results are cumulative, "6 tháng đầu năm" is through Quý II).
 */
const PERIODS: readonly {
  readonly re: RegExp;
  readonly quarter: (m: RegExpExecArray) => Quarter;
}[] = [
  // "Quý II", "quý 2/2025", "Quý II năm 2025", "(tính đến hết Quý II)"
  { re: new RegExp(`\\bquy ${Q}\\b`), quarter: (m) => NUMERAL[m[1] ?? ''] as Quarter },
  // "Q.II/2025", "Q. 2", "Q1", "QII", "Q4/2025"
  { re: new RegExp(`\\bq ?${Q}\\b`), quarter: (m) => NUMERAL[m[1] ?? ''] as Quarter },
  // "Quarter 2", "quarter II"
  { re: new RegExp(`\\bquarter ${Q}\\b`), quarter: (m) => NUMERAL[m[1] ?? ''] as Quarter },
  // "2nd quarter", "second quarter"
  {
    re: /\b(1st|first|2nd|second|3rd|third|4th|fourth) quarter\b/,
    quarter: (m) => ORDINAL[m[1] ?? ''] as Quarter,
  },
  // "3 tháng", "6 tháng đầu năm", "9 tháng", "12 tháng"; "6 months", "9 months"
  {
    re: /\b0?(3|6|9|12) (thang|months?)\b/,
    quarter: (m) => (Number(m[1]) / 3) as Quarter,
  },
  // "sáu tháng đầu năm", "chín tháng"
  { re: /\b(ba|sau|chin) thang\b/, quarter: (m) => WORD_MONTHS[m[1] ?? ''] as Quarter },
  // "đến hết tháng 6", "tính đến tháng 9/2025"
  {
    re: /\bden (het )?thang 0?([1-9]|1[0-2])\b/,
    quarter: (m) => Math.ceil(Number(m[2]) / 3) as Quarter,
  },
  // "đến 30/6/2025", "tính đến ngày 31/3", "as of 30/9/2025": a day and a month after "đến"
  // (a date alone is a document's date: "Kế hoạch số 617/KH-UBND ngày 13/02/2025")
  {
    re: /\b(?:den|het|toi|of|to|through|until)(?: ngay)? (?:0?[1-9]|[12]\d|3[01]) (0?[1-9]|1[0-2])\b/,
    quarter: (m) => Math.ceil(Number(m[1]) / 3) as Quarter,
  },
  // "first half", "H1", "nửa đầu năm": through Quý II
  { re: /\b(first half|h1|half year|nua dau nam)\b/, quarter: () => 2 },
  // "cả năm", "full year", "whole year"
  { re: /\b(ca nam|full year|whole year)\b/, quarter: () => 4 },
];

const ORDINAL: Readonly<Record<string, Quarter>> = {
  '1st': 1,
  first: 1,
  '2nd': 2,
  second: 2,
  '3rd': 3,
  third: 3,
  '4th': 4,
  fourth: 4,
};

const WORD_MONTHS: Readonly<Record<string, Quarter>> = { ba: 1, sau: 2, chin: 3 };

/** "năm 2025" / "year 2025" in a results heading: the whole year, through Quý IV. */
const YEAR = /\b(nam|year) 20\d{2}\b/;

/** The quarter a heading names, by any of the spellings above; `undefined` when none. */
export function quarterIn(norm: string): Quarter | undefined {
  if (norm.length > QUARTER_MEMO_TEXT) return readQuarter(norm);
  const known = quarters.get(norm);
  if (known !== undefined || quarters.has(norm)) return known;
  const q = readQuarter(norm);
  if (quarters.size >= QUARTER_MEMO_LIMIT) quarters.clear();
  quarters.set(norm, q);
  return q;
}

/**
 * The quarters read from short texts, remembered across sheets (headings and title lines recur
 * from workbook to workbook); at most this many, then it starts again.
 */
const quarters = new Map<string, Quarter | undefined>();
export const QUARTER_MEMO_LIMIT = 4096;

/** For tests: how many texts' quarters are remembered. */
export function quartersHeld(): number {
  return quarters.size;
}
const QUARTER_MEMO_TEXT = 256;

function readQuarter(norm: string): Quarter | undefined {
  for (const p of PERIODS) {
    const m = p.re.exec(norm);
    if (m) return p.quarter(m);
  }
  return undefined;
}

/** A heading that is only a period: "Quý II", "Quý 2/2025", "Q.II/2025", "QII", "9 tháng", "cả năm". */
const PERIOD_ONLY_WORDS = new Set([
  'quy',
  'q',
  'quarter',
  'nam',
  'year',
  'thang',
  'month',
  'months',
  'dau',
  'ca',
  'full',
  'whole',
  'first',
  'second',
  'third',
  'fourth',
  '1st',
  '2nd',
  '3rd',
  '4th',
  'half',
  'h1',
  'nua',
  'tinh',
  'den',
  'het',
  'ngay',
  'luy',
  'ke',
]);

function isPeriodOnly(norm: string): boolean {
  if (quarterIn(norm) === undefined) return false;
  for (const word of norm.split(' ')) {
    if (PERIOD_ONLY_WORDS.has(word) || /^\d+$/.test(word) || /^q?(iv|iii|ii|i|[1-4])$/.test(word))
      continue;
    return false;
  }
  return true;
}

/** Word-bounded phrases anywhere in the heading. */
function phrases(...words: string[]): RegExp {
  return new RegExp(`\\b(${words.join('|')})\\b`);
}

/**
 * The roles, in the order they are tried (the first that matches wins): a heading naming the
 * lead agency may also say "thực hiện", a deadline "thời gian thực hiện", a target "năm".
 */
const ROLES = {
  stt: /^(stt|tt|so tt|so thu tu|no|nr|number)$/,
  notes: /^(ghi chu|note|notes|remarks?|comments?)\b/,
  lead: phrases(
    'chu tri',
    'lead agency',
    'lead agencies',
    'lead',
    'responsible agency',
    'in charge',
  ),
  coordinators: phrases(
    'phoi hop',
    'co ordinating',
    'coordinating',
    'coordination',
    'co ordination',
    'supporting agencies',
  ),
  unit: /^(don vi|don vi tinh|dvt|unit|units|unit of measure)$/,
  deadline: phrases(
    'thoi gian hoan thanh',
    'thoi han',
    'han hoan thanh',
    'thoi gian thuc hien',
    'tien do',
    'deadline',
    'due date',
    'timeline',
    'time frame',
  ),
  minimum: phrases('lo trinh', 'toi thieu', 'roadmap', 'minimum', 'minimums'),
  /** "Chỉ tiêu năm 2025", "Chỉ tiêu thực hiện trong năm 2025", "Annual target 2025". */
  annual: phrases(
    'annual target',
    'annual targets',
    'target 20\\d{2}',
    'target for 20\\d{2}',
    'yearly target',
  ),
  annualName: phrases('chi tieu', 'muc tieu'),
  annualYear: phrases('nam'),
  result: phrases(
    'ket qua',
    'thuc hien',
    'dat duoc',
    'kq',
    'result',
    'results',
    'achieved',
    'actual',
  ),
  /** Words that make "chỉ tiêu … năm" a result, not a target. */
  notAnnual: phrases('ket qua', 'kq', 'dat duoc'),
  name: phrases(
    'nhiem vu',
    'chi tieu',
    'noi dung',
    'ten chi tieu',
    'indicator',
    'indicators',
    'task',
    'tasks',
  ),
} as const;

/** What a header cell's (normalised) text says the column holds; `undefined` for anything else. */
export function classifyHeader(norm: string): HeaderKind | undefined {
  if (norm === '') return undefined;
  if (ROLES.stt.test(norm)) return 'stt';
  if (ROLES.notes.test(norm)) return 'notes';
  if (ROLES.lead.test(norm)) return 'lead';
  if (ROLES.coordinators.test(norm)) return 'coordinators';
  if (ROLES.unit.test(norm)) return 'unit';
  if (ROLES.deadline.test(norm)) return 'deadline';
  const quarter = quarterIn(norm);
  if (ROLES.minimum.test(norm)) return quarter ? 'minimum' : 'minimum-parent';
  if (isPeriodOnly(norm)) return 'quarter';
  if (ROLES.annual.test(norm)) return 'annual';
  if (ROLES.annualName.test(norm) && ROLES.annualYear.test(norm) && !ROLES.notAnnual.test(norm))
    return 'annual';
  if (ROLES.result.test(norm)) {
    if (quarter) return 'result';
    // "Kết quả năm 2025": the whole year.
    return YEAR.test(norm) ? 'result' : 'result-parent';
  }
  if (ROLES.name.test(norm)) return 'name';
  return undefined;
}

/** The quarter of a results heading: its period, or Quý IV for a year alone ("Kết quả năm 2025"). */
export function resultQuarterIn(norm: string): Quarter | undefined {
  return quarterIn(norm) ?? (YEAR.test(norm) ? 4 : undefined);
}

/**
 * Texts that are deadlines or schedules, not values: "Quý I/2024", "Thường xuyên trong năm",
 * "Trong năm 2024", "Tháng 12/2024", "Định kỳ hàng quý", "31/12/2024", "Ongoing".
 */
const DEADLINE = new RegExp(
  [
    '\\bthuong xuyen\\b',
    '\\bdinh ky\\b',
    '\\bdot xuat\\b',
    '\\bhang (ngay|tuan|thang|quy|nam)\\b',
    '\\btrong (nam|quy|thang)\\b',
    `\\bquy ${Q} 20\\d{2}\\b`,
    '\\bthang \\d{1,2} 20\\d{2}\\b',
    '\\b\\d{1,2} \\d{1,2} 20\\d{2}\\b',
    '\\b(truoc|den|tu) ngay\\b',
    '^nam 20\\d{2}$',
    '\\b(ongoing|regularly|monthly|quarterly|annually|continuous)\\b',
  ].join('|'),
);

/** Whether a (normalised) cell text is a deadline or a schedule. */
export function isDeadlineText(norm: string): boolean {
  return norm !== '' && DEADLINE.test(norm);
}
