/**
 * Number formats: detecting a percent number format, and writing numbers the Vietnamese
 * (decimal comma, "." thousands) or the English way for messages.
 */

/** The languages messages are written in. */
export type NumberLocale = 'vi' | 'en';

export interface FormatNumberOptions {
  /** At most this many digits after the decimal separator (default 2); trailing zeros are dropped. */
  readonly maximumFractionDigits?: number;
  /** Group thousands ("1.234.567" / "1,234,567"); default true. */
  readonly grouping?: boolean;
}

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const OPEN_BRACKET = 91; // [
const UNDERSCORE = 95; // _ : a space as wide as the next character
const ASTERISK = 42; // * : repeat the next character to fill the cell
const PERCENT = 37; // %

/**
 * Whether an Excel number format code shows its number as a percentage (Excel then multiplies
 * the stored value by 100: 0.745 is shown as 74,5 %).
 *
 * A "%" counts only outside quoted literals ("..."), outside brackets ([Red], [$-42A]) and
 * when it is not escaped (\%) or the operand of "_" or "*".
 * "0.0%" and "[Red]0%" are percent formats; '0.00" %"', "0\%" and "General" are not.
 */
export function isPercentFormat(numberFormat: string | undefined): boolean {
  if (typeof numberFormat !== 'string' || numberFormat.indexOf('%') === -1) return false;
  const n = numberFormat.length;
  let i = 0;
  while (i < n) {
    const c = numberFormat.charCodeAt(i);
    if (c === PERCENT) return true;
    if (c === QUOTE) {
      const close = numberFormat.indexOf('"', i + 1);
      if (close === -1) return false; // an unterminated literal runs to the end
      i = close + 1;
    } else if (c === OPEN_BRACKET) {
      const close = numberFormat.indexOf(']', i + 1);
      if (close === -1) return false;
      i = close + 1;
    } else if (c === BACKSLASH || c === UNDERSCORE || c === ASTERISK) {
      i += 2; // the next character is a literal, a width or a fill character
    } else {
      i += 1;
    }
  }
  return false;
}

const DEFAULT_FRACTION_DIGITS = 2;
const MAX_FRACTION_DIGITS = 20;

function fractionDigits(value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_FRACTION_DIGITS;
  const digits = Math.trunc(value);
  if (digits < 0) return 0;
  return Math.min(digits, MAX_FRACTION_DIGITS);
}

const ZERO = 48; // 0
const FIVE = 53; // 5
const NINE = 57; // 9

/**
 * The decimal digits of String(n) for a finite n other than 0: `digits` with no leading zero and
 * `point`, the number of digits before the decimal point (negative or past the end for very small
 * or very large numbers), so that |n| = 0.digits × 10^point. "1.5e-7" → ("15", -6),
 * "1e+21" → ("1", 22), "1234.5" → ("12345", 4).
 */
function decimalDigits(plain: string): { digits: string; point: number } {
  const e = plain.indexOf('e');
  const mantissa = e < 0 ? plain : plain.slice(0, e);
  const exponent = e < 0 ? 0 : Number(plain.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + exponent;
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === ZERO) lead += 1;
  if (lead > 0) {
    digits = digits.slice(lead); // "0.0012" → "12" with the point moved left
    point -= lead;
  }
  return { digits, point };
}

/** Adds one to the last digit of a digit string: "129" → "130", "99" → "100", "" → "1". */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === NINE) i -= 1;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - i - 1)}`;
}

/** Puts `separator` between each group of three digits from the right: "1234567" → "1,234,567". */
function grouped(integer: string, separator: string): string {
  const head = integer.length % 3 || 3;
  let text = integer.slice(0, head);
  for (let i = head; i < integer.length; i += 3) text += separator + integer.slice(i, i + 3);
  return text;
}

/**
 * Writes a finite number or NaN/±Infinity the way Intl.NumberFormat('en-US') does with
 * `maximumFractionDigits: fraction` (rounding half away from zero the shortest decimal that reads
 * back as the same number, which is what String(n) writes: 1.005 → "1.01", 2.675 → "2.68"), with
 * the locale's separators and no "-0". Plain string work: no ICU start-up.
 */
function formatExact(n: number, locale: NumberLocale, fraction: number, grouping: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '∞';
  if (n === Number.NEGATIVE_INFINITY) return '-∞';
  if (n === 0) return '0';
  const negative = n < 0;
  let { digits, point } = decimalDigits(String(negative ? -n : n));
  // Keep the digits down to the last allowed decimal; the first dropped digit decides.
  const kept = point + fraction;
  if (kept < digits.length) {
    const roundUp = kept >= 0 && digits.charCodeAt(kept) >= FIVE;
    digits = kept > 0 ? digits.slice(0, kept) : '';
    if (roundUp) {
      const up = incremented(digits);
      if (up.length > digits.length) point += 1; // 9.99 → 10.0
      digits = up;
    }
  }
  let end = digits.length;
  while (end > 0 && end > point && digits.charCodeAt(end - 1) === ZERO) end -= 1;
  if (end === 0) return '0'; // rounded to zero: no sign
  digits = digits.slice(0, end);
  let integer: string;
  let decimals: string;
  if (point <= 0) {
    integer = '0';
    decimals = '0'.repeat(-point) + digits;
  } else {
    integer =
      digits.length > point ? digits.slice(0, point) : digits + '0'.repeat(point - digits.length);
    decimals = digits.length > point ? digits.slice(point) : '';
  }
  const vi = locale === 'vi';
  if (grouping && integer.length > 3) integer = grouped(integer, vi ? '.' : ',');
  const sign = negative ? '-' : '';
  return decimals === '' ? sign + integer : `${sign}${integer}${vi ? ',' : '.'}${decimals}`;
}

/**
 * Writes a number for a message: Vietnamese "1.234.567,5" / "74,5", English "1,234,567.5" /
 * "74.5". Rounds half away from zero to `maximumFractionDigits` (default 2), drops trailing
 * zeros, never writes "-0"; NaN, Infinity and -Infinity are "NaN", "∞", "-∞". The same text as
 * Intl.NumberFormat('en-US') (separators swapped for vi), without Intl's start-up cost.
 */
export function formatNumber(
  n: number,
  locale: NumberLocale,
  options?: FormatNumberOptions,
): string {
  const digits = fractionDigits(options?.maximumFractionDigits);
  const grouping = options?.grouping ?? true;
  // Fast path for the usual message numbers (74.5, 100, 3.8): below 1000, with no more decimals
  // than allowed, the shortest representation needs no rounding and no grouping.
  if (n > -1000 && n < 1000 && !Object.is(n, -0)) {
    const plain = String(n);
    const dot = plain.indexOf('.');
    if (!plain.includes('e') && (dot < 0 || plain.length - dot - 1 <= digits)) {
      return locale === 'en' || dot < 0 ? plain : `${plain.slice(0, dot)},${plain.slice(dot + 1)}`;
    }
  }
  return formatExact(n, locale, digits, grouping !== false);
}

/** `formatNumber(n, 'vi', options)`: 1234567.5 → "1.234.567,5", 74.5 → "74,5". */
export function formatNumberVi(n: number, options?: FormatNumberOptions): string {
  return formatNumber(n, 'vi', options);
}

/** A percentage for a message, with no space before the sign: 74.5 → "74,5%" (vi) / "74.5%" (en). */
export function formatPercent(
  n: number,
  locale: NumberLocale = 'vi',
  options?: FormatNumberOptions,
): string {
  return `${formatNumber(n, locale, options)}%`;
}
