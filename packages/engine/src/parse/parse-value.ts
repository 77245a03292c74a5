/**
 * Reads one worksheet cell as a number the way a Vietnamese reviewer would: "76,2%", "11,3/18",
 * "1.234.567", "- 0,8", "Tối thiểu 50", a percent-formatted 0.745, placeholders such as "-" or
 * "N/A", Excel errors such as #DIV/0!.
 *
 * Never throws. Ambiguous text ("1.234") is reported, never guessed.
 *
 * Conventions decided here:
 * - Vietnamese is the default: "," is the decimal separator and "." groups thousands. English
 *   text is accepted only where it cannot be misread: "1.5", "1,234,567", "1,234.5". A single
 *   "," is always a decimal comma ("1,234" is 1.234). A single "." before exactly three digits
 *   ("1.234", "12.345") is ambiguous, except for counts (a count has no fraction, so the dot
 *   groups thousands) and when the integer part starts with 0 ("0.125" is 0.125).
 * - Spaces do not group thousands: "1 234" is unreadable. A number must start with a digit
 *   (",5" and ".5" are unreadable). Signs are "+", "-", "−" and "–" (word processors turn
 *   "- " into "– "), with any spaces after them. Word comparators may be followed by ":".
 * - "a/b" needs b > 0; "5/0" is unreadable.
 * - Like a plain number, a text number between 0 and 1 is flagged 'looks-like-fraction' where a
 *   percentage is expected ("0,85").
 * - Negative numbers are out of range unless the caller expects 'any' value (change columns
 *   such as "- 0,8" or "+24,5"). A negative text always carries its sign; a negative number
 *   cell is taken as signed too.
 * - A percentage (text "%" or a percent format) where a count is expected, and points where a
 *   count is expected, are unit mismatches, as are points where a percentage is expected.
 * - Texts longer than 64 characters (after trimming) are unreadable without being scanned.
 * - Where a percentage is expected (an achieved value of a percentage indicator):
 *   - "a/b" with both whole numbers written without separators is a count ratio, a/b × 100 %:
 *     "15/15" is 100 %, "12/15" 80 %, "3/4" 75 %; a > b ("16/15") is out of range (106,67 %);
 *     "0/0" is nothing arising (see below). A decimal on either side ("11,3/18", "15/15,0") is
 *     points: a unit mismatch, as before.
 *   - A percentage or count ratio may stand inside words, read as the person meant
 *     ('text-prose'): after "đạt", "đạt được", "đã đạt", "mới đạt", "tỷ lệ", "kết quả", "thực
 *     hiện" … ("đạt 66,67%"); before a parenthesis that ends the text ("100% (15/15 hồ sơ)"),
 *     before words without digits ("15/15 hồ sơ"), or before "/ target %" ("76,1%/40%": the
 *     value / the target, as the province's letters write it: 76,1 %). Negations ("chưa đạt
 *     50%") and anything else stay unreadable. Elsewhere prose is unreadable.
 * - "Không phát sinh" and its spellings ("không PS", "KPS", "chưa phát sinh", "không có hồ sơ
 *   phát sinh", "không phát sinh hồ sơ trong kỳ", …) are their own outcome, 'not-occurred',
 *   whatever is expected: nothing arose this period. Not a number, not missing, not invalid.
 * - A cell a file reader marks `uncalculated` (a formula without a cached result) is missing,
 *   'not-calculated'.
 */
import type { Cell, CellValueType, MalformedCellReason } from '../cell.js';
import { COMPARATORS, type ComparatorSpec } from '../comparators.js';
import type { Mutable } from '../mutable.js';
import type { Comparator } from '../schema.js';
import { isPercentFormat } from './number-format.js';
import type {
  InvalidFields,
  InvalidReason,
  MissingReason,
  ParsedInvalid,
  ParsedNotOccurred,
  ParsedValue,
  ParseHow,
  ParseOptions,
  UnitShape,
  ValueScale,
} from './types.js';

/** Excel error values, as Excel writes them. */
export const EXCEL_ERRORS: readonly string[] = [
  '#DIV/0!',
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
];

/**
 * Texts that stand for "no figure" in a results table. Words are matched ignoring case,
 * diacritics and repeated spaces ("Chưa có", "CHUA CO", "không  có số liệu").
 */
export const PLACEHOLDERS: readonly string[] = [
  '-',
  '–',
  '—',
  '−',
  'x',
  'X',
  'N/A',
  'n/a',
  'NA',
  '…',
  '...',
  '/',
  'chưa có',
  'không có số liệu',
];

/** Longer trimmed texts are not scanned: no readable number is this long. */
const MAX_TEXT_LENGTH = 64;

// Character codes.
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;
const COMMA = 44;
const PERCENT = 37;
const SLASH = 47;
const PLUS = 43;
const HYPHEN_MINUS = 45;
const MINUS_SIGN = 0x2212;
const EN_DASH = 0x2013;
const HASH = 35;
const COLON = 58;
const LOWER_A = 97;
const LOWER_Z = 122;
const LOWER_D = 100;
const UPPER_A = 65;
const UPPER_Z = 90;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;

/** Exact powers of ten for the fast decimal path. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Up to 15 digits the mantissa is an exact integer, and mantissa / 10^k is correctly rounded. */
const MAX_FAST_DIGITS = 15;

/**
 * Whitespace: what JavaScript's \s matches (spaces, tabs, line breaks, no-break and thin
 * spaces, U+FEFF) plus the zero-width space U+200B.
 */
function isSpace(c: number): boolean {
  if (c === 32) return true;
  if (c < 9) return false;
  if (c <= 13) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Combining diacritical marks, skipped by `fold` (texts typed in decomposed form). */
const FIRST_MARK = 0x300;
const LAST_MARK = 0x36f;
/** `fold` looks letters up below this code: Latin-1, Latin Extended A/B and Additional. */
const FOLD_LIMIT = 0x1f00;

/**
 * For each letter below FOLD_LIMIT, its lower-case base letter ("Ố" → "o", "Đ" → "d"), or 0 to
 * keep the character. Built once; a table is much faster than normalize('NFD') per text.
 */
const FOLD_TABLE = (() => {
  const table = new Uint16Array(FOLD_LIMIT);
  for (let c = 0xc0; c < FOLD_LIMIT; c++) {
    if (c >= 0x250 && c < 0x1e00) continue;
    const base = String.fromCharCode(c).toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
    if (base.length === 1) table[c] = base === 'đ' ? LOWER_D : base.charCodeAt(0);
  }
  return table;
})();

/**
 * Lower case, no diacritics ("đ" → "d"), spaces of any kind as one " ", trimmed:
 * "Tối\u00a0 thiểu" → "toi thieu". Digits, signs and punctuation are kept, one for one.
 */
function fold(text: string, start = 0, end = text.length): string {
  let out = '';
  let space = false;
  for (let k = start; k < end; k++) {
    let c = text.charCodeAt(k);
    if (isSpace(c)) {
      space = out.length > 0;
      continue;
    }
    if (c >= FIRST_MARK && c <= LAST_MARK) continue;
    if (c >= UPPER_A && c <= UPPER_Z) c += 32;
    else if (c >= 0xc0 && c < FOLD_LIMIT) c = FOLD_TABLE[c] || c;
    if (space) {
      out += ' ';
      space = false;
    }
    out += String.fromCharCode(c);
  }
  return out;
}

const PLACEHOLDER_KEYS: ReadonlySet<string> = new Set(PLACEHOLDERS.map((p) => fold(p)));

/**
 * "Không phát sinh" and its spellings, folded (lower case, no diacritics, single spaces): a
 * negation (không, chưa, ko, k), maybe "có" and what did not arise (hồ sơ, TTHC, …), "phát
 * sinh" or "PS", maybe what and when ("hồ sơ", "trong kỳ", "trong quý"), maybe a final "." or a
 * parenthesis ("(0 hồ sơ)").
 */
const NOT_OCCURRED =
  /^\(?\s?(?:khong|chua|ko|k)\s?(?:co\s)?(?:(?:ho so|hs|tthc|thu tuc(?: hanh chinh)?|giao dich|so lieu)\s)?(?:phat sinh|ps)(?:\s(?:ho so|hs|tthc|thu tuc(?: hanh chinh)?|giao dich))?(?:\s(?:trong|tai) (?:ky|ky bao cao|quy(?: nay)?|nam|thoi gian bao cao))?\s?[.)]?(?:\s?\(.*\))?$/;

/**
 * Words before an achieved percentage that say what it is ("đạt 66,67%", "tỷ lệ: 80%"), folded;
 * the longest first. Only read where a percentage is expected.
 */
const PROSE_PREFIXES: readonly string[] = [
  'dat duoc',
  'da dat',
  'moi dat',
  'dat ty le',
  'dat muc',
  'dat',
  'ty le dat',
  'ty le',
  'ket qua dat',
  'ket qua',
  'kq',
  'thuc hien dat',
  'thuc hien',
].sort((a, b) => b.length - a.length);

/** Words (no digits) after a percentage or a count ratio: "hồ sơ", "cấp xã", "TTHC." */
const WORDS_TAIL = /^\p{L}[\p{L}\p{M}\s.,;:'-]*$/u;

const ERROR_BY_KEY: ReadonlyMap<string, string> = new Map(
  EXCEL_ERRORS.map((error) => [error.toUpperCase(), error]),
);

/** The text without the spaces (of any kind, see isSpace) around it. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The comparators' prefixes (comparators.ts), folded; the longest first ("<=" before "<"). */
const COMPARATOR_PREFIXES: readonly (readonly [prefix: string, comparator: Comparator])[] = (
  Object.entries(COMPARATORS) as [Comparator, ComparatorSpec][]
)
  .flatMap(([comparator, spec]) => spec.prefixes.map((p) => [fold(p), comparator] as const))
  .sort((a, b) => b[0].length - a[0].length);
/** The comparators' prefixes alone, in the same order. */
const COMPARATOR_WORDS: readonly string[] = COMPARATOR_PREFIXES.map(([prefix]) => prefix);

type ExpectKind = 'percent' | 'points' | 'count' | 'any';

type Raw = string | number | boolean | null;

function cellType(type: unknown): CellValueType | undefined {
  switch (type) {
    case 'empty':
    case 'number':
    case 'string':
    case 'boolean':
    case 'error':
    case 'date':
      return type;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Results

function notOccurred(raw: Raw, text: string | undefined): ParsedValue {
  const result: ParsedNotOccurred =
    text === undefined ? { kind: 'not-occurred', raw } : { kind: 'not-occurred', raw, text };
  return result;
}

function missing(reason: MissingReason, raw: Raw, text: string | undefined): ParsedValue {
  return text === undefined
    ? { kind: 'missing', reason, raw }
    : { kind: 'missing', reason, raw, text };
}

function invalid(
  reason: InvalidReason,
  raw: Raw,
  text: string | undefined,
  fields?: InvalidFields,
): ParsedValue {
  const result: Mutable<ParsedInvalid> = { kind: 'invalid', reason, raw };
  if (text !== undefined) result.text = text;
  if (fields !== undefined) Object.assign(result, fields);
  return result;
}

function unitShape(kind: ExpectKind, max: number | undefined): UnitShape {
  return max === undefined ? { kind } : { kind, max };
}

const NOT_A_NUMBER: InvalidFields = { cause: 'not-a-number' };
const TOO_LONG: InvalidFields = { cause: 'too-long' };
const NOT_FINITE: InvalidFields = { cause: 'not-finite' };
const HOLDS_DATE: InvalidFields = { holds: 'date' };
const HOLDS_BOOLEAN: InvalidFields = { holds: 'boolean' };
const HOLDS_OTHER: InvalidFields = { holds: 'other' };

/** What the reading itself says about the unit. */
type Base = 'percent' | 'points' | 'plain';

/**
 * Applies the caller's expectation and the range checks to a number that was read.
 * `pointsMax` is the maximum written in the text ("11,3/18"), for base 'points' only.
 */
function finish(
  value: number,
  base: Base,
  pointsMax: number | undefined,
  how: ParseHow,
  comparator: Comparator | undefined,
  raw: Raw,
  text: string | undefined,
  kind: ExpectKind,
  expectedMax: number | undefined,
): ParsedValue {
  let scale: ValueScale;
  let max: number | undefined;
  let suspect = false;
  if (base === 'percent') {
    if (kind === 'points' || kind === 'count') {
      return invalid('unit-mismatch', raw, text, {
        value,
        expected: unitShape(kind, expectedMax),
        written: { kind: 'percent' },
      });
    }
    scale = 'percent';
  } else if (base === 'points') {
    if (
      kind === 'percent' ||
      kind === 'count' ||
      (kind === 'points' && expectedMax !== undefined && expectedMax !== pointsMax)
    ) {
      return invalid('unit-mismatch', raw, text, {
        value,
        ...(pointsMax === undefined ? {} : { max: pointsMax }),
        expected: unitShape(kind, expectedMax),
        written: unitShape('points', pointsMax),
      });
    }
    scale = 'points';
    max = pointsMax;
  } else if (kind === 'percent') {
    scale = 'percent';
    suspect = value > 0 && value < 1;
  } else if (kind === 'points') {
    scale = 'points';
    max = expectedMax;
  } else {
    scale = 'number';
  }

  if (value < 0 && kind !== 'any') {
    return invalid('out-of-range', raw, text, {
      value,
      ...(max === undefined ? {} : { max }),
      range: scale === 'percent' ? 'percent' : 'non-negative',
    });
  }
  if (scale === 'percent' && value > 100) {
    return invalid('out-of-range', raw, text, { value, range: 'percent' });
  }
  if (max !== undefined && value > max) {
    return invalid('above-maximum', raw, text, { value, max });
  }

  return numberResult(value, scale, max, comparator, how, suspect, raw, text);
}

/** A number result, built as an object literal in the common shapes (fast to create). */
function numberResult(
  value: number,
  scale: ValueScale,
  max: number | undefined,
  comparator: Comparator | undefined,
  how: ParseHow,
  suspect: boolean,
  raw: Raw,
  text: string | undefined,
): ParsedValue {
  if (comparator === undefined && !suspect) {
    if (max === undefined) {
      return text === undefined
        ? { kind: 'number', value, scale, how, raw }
        : { kind: 'number', value, scale, how, raw, text };
    }
    return text === undefined
      ? { kind: 'number', value, scale, max, how, raw }
      : { kind: 'number', value, scale, max, how, raw, text };
  }
  const result: {
    kind: 'number';
    value: number;
    scale: ValueScale;
    max?: number;
    comparator?: Comparator;
    how: ParseHow;
    suspect?: 'looks-like-fraction';
    raw: Raw;
    text?: string;
  } = { kind: 'number', value, scale, how, raw };
  if (max !== undefined) result.max = max;
  if (comparator !== undefined) result.comparator = comparator;
  if (suspect) result.suspect = 'looks-like-fraction';
  if (text !== undefined) result.text = text;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Number tokens

const READ_OK = 0;
const READ_AMBIGUOUS = 1;
const READ_BAD = 2;

/**
 * The result of the last `readNumber` call. One shared object rather than one per call: the
 * parser runs on every cell of a workbook and is synchronous, so nothing can interleave.
 */
const scan = {
  status: READ_OK,
  /** Index just after the number token. */
  end: 0,
  /** The value; for an ambiguous token, its decimal reading ("1.234" → 1.234). */
  value: 0,
  /** For an ambiguous token, its thousands reading ("1.234" → 1234). */
  alternative: 0,
  /** The token is a whole number written without separators ("15", not "15,0" or "1.500"). */
  whole: false,
};

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/**
 * Reads an unsigned number token (digits, "." and ",") at `start` into `scan`. The token must
 * start with a digit. Which separator is decimal follows from the token alone:
 * - none: an integer;
 * - one separator: a decimal separator ("0,8", "1,234" is 1.234, "1.5"), except that a single
 *   "." before exactly three digits ("1.234", "12.345") is ambiguous, or thousands when
 *   `thousandsDot` (a count). "0.125" (integer part 0) and "1234.567" (too long an integer part
 *   for a group) are decimals;
 * - several of one kind: thousands ("1.234.567", "1,234,567");
 * - both kinds: the last separator is the decimal one and occurs once ("1.234,5", "1,234.5").
 * Grouped integer parts have 1–3 digits, then groups of exactly 3.
 */
function readNumber(s: string, start: number, end: number, thousandsDot: boolean): void {
  scan.status = READ_BAD;
  scan.whole = false;
  if (start >= end || !isDigit(s.charCodeAt(start))) return;
  let q = start;
  let mantissa = 0;
  let digits = 0;
  let segment = 0; // digits since the last separator
  let separators = 0;
  let dots = 0;
  let last = 0; // the last separator
  let lastAt = -1; // and its index
  let firstLength = 0; // digits before the first separator
  let groupsOk = true; // every segment between two separators has 3 digits
  for (; q < end; q++) {
    const c = s.charCodeAt(q);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      mantissa = mantissa * 10 + (c - DIGIT_0);
      digits++;
      segment++;
    } else if (c === DOT || c === COMMA) {
      if (segment === 0) return; // "1.,5", "1..234"
      if (separators === 0) firstLength = segment;
      else if (segment !== 3) groupsOk = false;
      separators++;
      if (c === DOT) dots++;
      last = c;
      lastAt = q;
      segment = 0;
    } else {
      break;
    }
  }
  scan.end = q;

  let fraction = 0;
  if (separators > 0) {
    if (segment === 0) return; // "12,"
    const commas = separators - dots;
    if (separators === 1) {
      fraction = segment;
    } else if (dots === 0 || commas === 0) {
      if (firstLength > 3 || !groupsOk || segment !== 3) return;
    } else {
      if ((last === DOT ? dots : commas) !== 1 || firstLength > 3 || !groupsOk) return;
      fraction = segment;
    }
  }

  let value: number;
  if (digits <= MAX_FAST_DIGITS) {
    value = fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
  } else {
    let plain = '';
    for (let k = start; k < q; k++) {
      const c = s.charCodeAt(k);
      if (isDigit(c)) plain += s[k];
      else if (k === lastAt && fraction > 0) plain += '.';
    }
    value = Number(plain);
    if (!Number.isFinite(value)) return;
  }

  scan.value = value;
  scan.status = READ_OK;
  scan.whole = separators === 0;
  if (
    separators === 1 &&
    last === DOT &&
    fraction === 3 &&
    firstLength <= 3 &&
    s.charCodeAt(start) !== DIGIT_0
  ) {
    // "1.234": 1234 the Vietnamese way, 1.234 the English way.
    if (thousandsDot) {
      scan.value = mantissa;
    } else {
      scan.alternative = mantissa;
      scan.status = READ_AMBIGUOUS;
    }
  }
}

/** "+", "-", the minus sign "−" and the en dash "–" (word processors turn "- " into "– "). */
function isSign(c: number): boolean {
  return c === PLUS || c === HYPHEN_MINUS || c === MINUS_SIGN || c === EN_DASH;
}

function skipSpaces(s: string, i: number, end: number): number {
  let k = i;
  while (k < end && isSpace(s.charCodeAt(k))) k++;
  return k;
}

/**
 * Whether s[q, end) is words a percentage (or count ratio) may be followed by where a
 * percentage is expected: a parenthesis to the end, "/ target %" after a percentage, or words
 * without digits after a percentage or a ratio.
 */
function proseTail(s: string, q: number, end: number, base: Base): boolean {
  const c = s.charCodeAt(q);
  if (c === OPEN_PAREN) return s.charCodeAt(end - 1) === CLOSE_PAREN;
  if (c === SLASH) {
    if (base !== 'percent') return false;
    readNumber(s, skipSpaces(s, q + 1, end), end, false);
    if (scan.status !== READ_OK) return false;
    const k = skipSpaces(s, scan.end, end);
    return s.charCodeAt(k) === PERCENT && skipSpaces(s, k + 1, end) === end;
  }
  return base !== 'plain' && WORDS_TAIL.test(s.slice(q, end));
}

/**
 * Reads `[sign] number [ "%" | "/" max ]` filling s[start, end) exactly (no outer spaces); where
 * a percentage is expected, also a count ratio and a percentage inside words (`prose`: words
 * were already taken off its start).
 */
function readNumeric(
  s: string,
  start: number,
  end: number,
  comparator: Comparator | undefined,
  raw: Raw,
  text: string | undefined,
  kind: ExpectKind,
  expectedMax: number | undefined,
  prose = false,
): ParsedValue {
  let p = start;
  let negative = false;
  const first = s.charCodeAt(p);
  if (isSign(first)) {
    negative = first !== PLUS;
    p = skipSpaces(s, p + 1, end);
  }

  readNumber(s, p, end, kind === 'count');
  if (scan.status === READ_BAD) return invalid('unreadable', raw, text, NOT_A_NUMBER);
  let value = scan.value;
  let ambiguous = scan.status === READ_AMBIGUOUS;
  let alternative = scan.alternative;
  const wholeValue = scan.whole;
  let wholeMax = false;
  let inWords = prose;

  let q = skipSpaces(s, scan.end, end);
  let base: Base = 'plain';
  let how: ParseHow = 'text-number';
  let pointsMax: number | undefined;
  if (q < end) {
    const c = s.charCodeAt(q);
    if (c === PERCENT) {
      q = skipSpaces(s, q + 1, end);
      base = 'percent';
      how = 'text-percent';
    } else if (c === SLASH) {
      readNumber(s, skipSpaces(s, q + 1, end), end, false);
      if (scan.status === READ_BAD) return invalid('unreadable', raw, text, NOT_A_NUMBER);
      if (scan.status === READ_AMBIGUOUS && !ambiguous) {
        ambiguous = true;
        value = scan.value;
        alternative = scan.alternative;
      }
      pointsMax = scan.value;
      wholeMax = scan.whole;
      q = skipSpaces(s, scan.end, end);
      base = 'points';
      how = 'text-points';
    }
    if (q < end) {
      if (kind !== 'percent' || !proseTail(s, q, end, base)) {
        return invalid('unreadable', raw, text, NOT_A_NUMBER);
      }
      inWords = true;
    }
  }

  if (ambiguous) {
    const readings = negative ? [-alternative, -value] : [alternative, value];
    return invalid('ambiguous', raw, text, { readings });
  }
  if (kind === 'percent' && base === 'points' && wholeValue && wholeMax) {
    // A count out of a count: "15/15" is 100 %; "0/0", nothing arose.
    if (pointsMax === 0 && value === 0) return notOccurred(raw, text);
    if (pointsMax !== undefined && pointsMax > 0) {
      value = (value * 100) / pointsMax;
      base = 'percent';
      how = 'text-ratio';
      pointsMax = undefined;
    }
  }
  if (pointsMax !== undefined && pointsMax <= 0) {
    return invalid('unreadable', raw, text, { cause: 'bad-maximum', max: pointsMax });
  }
  if (negative && value !== 0) value = -value;
  if (inWords) how = 'text-prose';
  return finish(value, base, pointsMax, how, comparator, raw, text, kind, expectedMax);
}

/** Reads a text: blank, an Excel error, a placeholder, or `[comparator] [sign] number [% | /max]`. */
function parseString(
  s: string,
  raw: Raw,
  text: string | undefined,
  kind: ExpectKind,
  expectedMax: number | undefined,
): ParsedValue {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  if (start === end) return missing('blank', raw, text);
  while (isSpace(s.charCodeAt(end - 1))) end--;
  if (end - start > MAX_TEXT_LENGTH) return invalid('unreadable', raw, text, TOO_LONG);

  // Fast path: most cells start with a digit ("76,2%", "11,3/18", "1.234.567") or a sign and a
  // digit ("+24,5", "- 0,8"); those need no folding.
  const first = s.charCodeAt(start);
  if (isDigit(first) || (isSign(first) && isDigit(s.charCodeAt(skipSpaces(s, start + 1, end))))) {
    return readNumeric(s, start, end, undefined, raw, text, kind, expectedMax);
  }

  if (first === HASH) {
    const error = ERROR_BY_KEY.get(s.slice(start, end).toUpperCase());
    if (error !== undefined) return invalid('error-value', raw, text, { error });
  }

  const folded = fold(s, start, end);
  if (PLACEHOLDER_KEYS.has(folded)) return missing('placeholder', raw, text);
  if (NOT_OCCURRED.test(folded)) return notOccurred(raw, text);

  let p = 0;
  let prose = false;
  if (kind === 'percent') {
    const k = wordAt(folded, 0, PROSE_PREFIXES);
    if (k >= 0) {
      p = pastWord(folded, 0, PROSE_PREFIXES[k] as string);
      prose = true;
    }
  }
  let comparator: Comparator | undefined;
  const k = wordAt(folded, p, COMPARATOR_WORDS);
  if (k >= 0) {
    comparator = (COMPARATOR_PREFIXES[k] as (typeof COMPARATOR_PREFIXES)[number])[1];
    p = pastWord(folded, p, COMPARATOR_WORDS[k] as string);
  }
  if (p >= folded.length) return invalid('unreadable', raw, text, NOT_A_NUMBER);
  return readNumeric(folded, p, folded.length, comparator, raw, text, kind, expectedMax, prose);
}

/**
 * Which of `words` (folded, longest first) stands at `at` as a whole word: its index, -1 when
 * none does. "tu 50" is "từ 50"; "tuan" is not "từ".
 */
function wordAt(folded: string, at: number, words: readonly string[]): number {
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as string;
    if (!folded.startsWith(word, at)) continue;
    const next = folded.charCodeAt(at + word.length);
    if (next >= LOWER_A && next <= LOWER_Z) continue;
    return k;
  }
  return -1;
}

/** Where the text goes on after `word` at `at`: past its spaces and a ":" after it. */
function pastWord(folded: string, at: number, word: string): number {
  let p = skipSpaces(folded, at + word.length, folded.length);
  if (folded.charCodeAt(p) === COLON) p = skipSpaces(folded, p + 1, folded.length);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** Below this size a percentage can be snapped to 9 decimals without leaving exact integers. */
const SNAP_LIMIT = 1e6;
const SNAP_SCALE = 1e9;
/** How far (relative) a product may be from its snapped value and still be float noise: ~4 ulp. */
const NOISE = 1e-15;

/**
 * Percentage points from a percent-formatted value, without float noise: 0.745 × 100 is
 * 74.50000000000001 in floating point, read as 74.5. The product is snapped to 9 decimals only
 * when it is within a few ulps of the snapped value, so genuine long fractions
 * (0.6883116883116883 → 68.83116883116883) keep all their digits.
 */
export function percentPoints(fraction: number): number {
  const points = fraction * 100;
  if (points > -SNAP_LIMIT && points < SNAP_LIMIT) {
    const snapped = Math.round(points * SNAP_SCALE) / SNAP_SCALE;
    if (Math.abs(snapped - points) <= Math.abs(points) * NOISE) return snapped === 0 ? 0 : snapped;
  }
  return points === 0 ? 0 : points;
}

function readNumberCell(
  value: number,
  numberFormat: unknown,
  raw: Raw,
  text: string | undefined,
  kind: ExpectKind,
  expectedMax: number | undefined,
): ParsedValue {
  if (!Number.isFinite(value)) return invalid('unreadable', raw, text, NOT_FINITE);
  if (typeof numberFormat === 'string' && isPercentFormat(numberFormat)) {
    const points = percentPoints(value);
    // Beyond ±1.8e306 the ×100 overflows: far outside any percentage anyway.
    if (!Number.isFinite(points)) return invalid('out-of-range', raw, text, { range: 'percent' });
    return finish(
      points,
      'percent',
      undefined,
      'percent-format',
      undefined,
      raw,
      text,
      kind,
      expectedMax,
    );
  }
  const how: ParseHow = kind === 'percent' ? 'number-as-points' : 'number';
  const plain = value === 0 ? 0 : value; // no -0
  return finish(plain, 'plain', undefined, how, undefined, raw, text, kind, expectedMax);
}

function parseCell(cell: Cell, options: ParseOptions | undefined): ParsedValue {
  if (cell === null || typeof cell !== 'object') return missing('blank', null, undefined);
  const value: unknown = cell.value;
  const text = typeof cell.text === 'string' ? cell.text : undefined;
  const malformed: unknown = cell.malformed;
  if (typeof malformed === 'string') {
    // A cell the file reader could not read: never guess a number from what was stored.
    const raw: Raw =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : null;
    return invalid('unreadable', raw, text, {
      cause: 'malformed-cell',
      malformed: malformed as MalformedCellReason,
    });
  }
  const type = cellType(cell.type);
  if (cell.uncalculated === true) {
    // A formula whose result the file does not hold: nothing to read yet, and not a blank.
    const raw: Raw =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : null;
    return missing('not-calculated', raw, text);
  }

  let kind: ExpectKind = 'any';
  let expectedMax: number | undefined;
  const expect: unknown = options?.expect;
  if (expect !== null && typeof expect === 'object') {
    const k = (expect as { kind?: unknown }).kind;
    if (k === 'percent' || k === 'count') kind = k;
    else if (k === 'points') {
      kind = k;
      const m = (expect as { max?: unknown }).max;
      if (typeof m === 'number' && Number.isFinite(m) && m > 0) expectedMax = m;
    }
  }

  // The common cells first: numbers and texts with no or a matching type.
  if (type === undefined || type === 'number' || type === 'string') {
    if (typeof value === 'number') {
      return readNumberCell(value, cell.numberFormat, value, text, kind, expectedMax);
    }
    if (typeof value === 'string') return parseString(value, value, text, kind, expectedMax);
  }

  const raw: Raw =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
      ? value
      : null;
  if (type === 'empty') return missing('blank', raw, text);
  if (type === 'date' || value instanceof Date) return invalid('wrong-type', raw, text, HOLDS_DATE);
  if (type === 'boolean' || typeof value === 'boolean') {
    return invalid('wrong-type', raw, text, HOLDS_BOOLEAN);
  }
  if (type === 'error') {
    const written = typeof value === 'string' ? trimSpaces(value) : '';
    const error =
      ERROR_BY_KEY.get(written.toUpperCase()) ??
      (text !== undefined ? ERROR_BY_KEY.get(trimSpaces(text).toUpperCase()) : undefined) ??
      (written !== '' ? written : undefined);
    return invalid('error-value', raw, text, error === undefined ? undefined : { error });
  }
  if (value === null || value === undefined) {
    // A text cell whose value was not passed: read what it displays.
    if (type === 'string' && text !== undefined) {
      return parseString(text, raw, text, kind, expectedMax);
    }
    return missing('blank', raw, text);
  }
  return invalid('wrong-type', raw, text, HOLDS_OTHER);
}

/**
 * Reads a cell as a number, a missing value or an invalid value, keeping where it came from.
 * Never throws.
 */
export function parseValue(cell: Cell, options?: ParseOptions): ParsedValue {
  try {
    return parseCell(cell, options);
  } catch {
    // Only reachable with hostile inputs (throwing getters, proxies): report, never throw.
    return { kind: 'invalid', reason: 'unreadable', raw: null };
  }
}

/** Reads a text as if it were a text cell: `parseValue({ value: text }, options)`. */
export function parseText(text: string, options?: ParseOptions): ParsedValue {
  return parseValue({ value: text }, options);
}
