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

/** Formatters by (fraction digits, grouping); built on first use. */
const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(maximumFractionDigits: number, grouping: boolean): Intl.NumberFormat {
  const key = maximumFractionDigits * 2 + (grouping ? 1 : 0);
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    // Always the en-US shape ("1,234.5"); the Vietnamese form swaps the two separators, so the
    // output does not depend on the ICU data shipped with the runtime.
    formatter = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 0,
      maximumFractionDigits,
      useGrouping: grouping,
      numberingSystem: 'latn',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function fractionDigits(value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_FRACTION_DIGITS;
  const digits = Math.trunc(value);
  if (digits < 0) return 0;
  return Math.min(digits, MAX_FRACTION_DIGITS);
}

const SEPARATORS = /[.,]/g;

function swapSeparator(separator: string): string {
  return separator === '.' ? ',' : '.';
}

/**
 * Writes a number for a message: Vietnamese "1.234.567,5" / "74,5", English "1,234,567.5" /
 * "74.5". Rounds half away from zero to `maximumFractionDigits` (default 2), drops trailing
 * zeros, never writes "-0".
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
  let text = formatterFor(digits, grouping !== false).format(n);
  if (text === '-0') text = '0'; // -0, or a small negative number rounded to zero
  return locale === 'en' ? text : text.replace(SEPARATORS, swapSeparator);
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
