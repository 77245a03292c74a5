/**
 * Number format codes ("0.0%", "dd/mm/yyyy", "#,##0"), the engine's one home for what a format
 * code means, for every shell (the xlsx reader, the add-in's hosts): the built-in format table, date-format detection, and a small best-effort
 * renderer of the text Excel displays (used in messages, so it only has to be close):
 * General, fixed decimals with or without grouping, percentages, scientific notation, literal
 * prefixes and suffixes, up to three sections (positive;negative;zero), and dates as dd/mm/yyyy.
 */

/** Excel's built-in number formats (ECMA-376 Part 1, 18.8.30), as an en-US Excel writes them. */
const BUILT_IN: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The format code of a built-in number format id; `undefined` for ids without a fixed code. */
export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

export interface FormatContext {
  /** ',' (default) or '.'; the thousands separator is the other one. */
  readonly decimalSeparator: ',' | '.';
  /** Whether serial numbers count from 1904-01-01 (the workbook's date1904 setting). */
  readonly date1904: boolean;
}

type Section =
  | {
      readonly kind: 'general';
      readonly prefix: string;
      readonly suffix: string;
      readonly percent: number;
    }
  | {
      readonly kind: 'number';
      readonly prefix: string;
      readonly suffix: string;
      readonly percent: number;
      readonly minInt: number;
      readonly grouping: boolean;
      /** Each trailing comma after the digits divides by 1000. */
      readonly thousands: number;
      readonly minDec: number;
      readonly maxDec: number;
      /** A "." is written even without decimals ("0." → "12."). */
      readonly dot: boolean;
      /** Scientific notation: minimum exponent digits, whether "+" is shown, integer digits. */
      readonly exponent?: {
        readonly digits: number;
        readonly plus: boolean;
        readonly intDigits: number;
      };
    }
  | {
      readonly kind: 'date';
      readonly date: boolean;
      readonly time: boolean;
      readonly seconds: boolean;
      readonly elapsed: boolean;
    }
  | { readonly kind: 'literal'; readonly text: string };

interface CompiledFormat {
  readonly isDate: boolean;
  readonly sections: readonly Section[];
}

const DATE_LETTERS = /[dmyhs]/i;

function isPlaceholder(c: string | undefined): boolean {
  return c === '0' || c === '#' || c === '?';
}

/** Splits a format code at ";" outside quotes, brackets and escapes. */
/** A format code's sections (positive;negative;zero;text), split at the `;` outside literals and brackets. */
export function splitSections(code: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      i = close === -1 ? code.length : close;
    } else if (c === '[') {
      const close = code.indexOf(']', i + 1);
      i = close === -1 ? code.length : close;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === ';') {
      out.push(code.slice(start, i));
      start = i + 1;
    }
  }
  out.push(code.slice(start));
  return out;
}

function compileSection(code: string): Section {
  let prefix = '';
  let suffix = '';
  let seen = false; // a digit placeholder or General has been seen
  let general = false;
  let text = false;
  let percent = 0;
  let intPart = '';
  let decPart = '';
  let inDec = false;
  let dot = false;
  let exponent: { digits: number; plus: boolean } | undefined;
  let dateLetters = '';
  let elapsed = false;
  let fraction = false;
  const literal = (s: string): void => {
    if (seen) suffix += s;
    else prefix += s;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      const end = close === -1 ? code.length : close;
      literal(code.slice(i + 1, end));
      i = end;
    } else if (c === '\\') {
      literal(code[i + 1] ?? '');
      i++;
    } else if (c === '_') {
      literal(' ');
      i++;
    } else if (c === '*') {
      i++; // a fill character: depends on the column width
    } else if (c === '[') {
      const close = code.indexOf(']', i + 1);
      const end = close === -1 ? code.length : close;
      const inner = code.slice(i + 1, end);
      if (inner.startsWith('$')) {
        const dash = inner.indexOf('-');
        literal(dash === -1 ? inner.slice(1) : inner.slice(1, dash));
      } else if (/^(h+|m+|s+)$/i.test(inner)) {
        dateLetters += inner;
        elapsed = true;
      }
      i = end;
    } else if (dateLetters !== '' && !seen && (c === '.' || c === '0')) {
      // Fractions of a second after date or time letters ("mmss.0"): not a number placeholder.
    } else if (exponent !== undefined && (c === '0' || c === '#' || c === '?')) {
      exponent.digits += c === '0' ? 1 : 0;
    } else if (isPlaceholder(c)) {
      seen = true;
      if (inDec) decPart += c;
      else intPart += c;
    } else if (c === '.' && !inDec && (seen || isPlaceholder(code[i + 1]))) {
      seen = true;
      inDec = true;
      dot = true;
    } else if (c === ',' && seen && !inDec) {
      intPart += c;
    } else if ((c === 'E' || c === 'e') && seen && (code[i + 1] === '+' || code[i + 1] === '-')) {
      exponent = { digits: 0, plus: code[i + 1] === '+' };
      i++;
    } else if (c === '%') {
      percent++;
      literal('%');
    } else if (c === '@') {
      text = true;
    } else if ((c === 'G' || c === 'g') && code.slice(i, i + 7).toLowerCase() === 'general') {
      general = true;
      seen = true;
      i += 6;
    } else if (c === '/' && seen && /[0-9#?]/.test(code[i + 1] ?? '')) {
      fraction = true;
      literal(c);
    } else if ((c === 'A' || c === 'a') && /^(am\/pm|a\/p)/i.test(code.slice(i))) {
      dateLetters += 'h';
      i += code[i + 1] === '/' ? 2 : 4;
    } else if (DATE_LETTERS.test(c)) {
      dateLetters += c;
    } else {
      literal(c);
    }
  }
  if (dateLetters !== '' && !seen) {
    const lower = dateLetters.toLowerCase();
    const time = /[hs]/.test(lower);
    const date = /[dy]/.test(lower) || (!time && lower.includes('m'));
    return { kind: 'date', date, time, seconds: lower.includes('s'), elapsed };
  }
  if (general || fraction)
    return { kind: 'general', prefix, suffix: fraction ? '' : suffix, percent };
  if (!seen)
    return text ? { kind: 'general', prefix, suffix, percent } : { kind: 'literal', text: prefix };
  // Trailing commas of the integer part scale by 1000; commas between digits group thousands.
  let thousands = 0;
  while (intPart.endsWith(',')) {
    thousands++;
    intPart = intPart.slice(0, -1);
  }
  const grouping = intPart.includes(',');
  const intDigits = intPart.replace(/,/g, '');
  const lastZero = decPart.lastIndexOf('0');
  const section: Section = {
    kind: 'number',
    prefix,
    suffix,
    percent,
    minInt: intDigits.replace(/[#?]/g, '').length,
    grouping,
    thousands,
    minDec: lastZero + 1,
    maxDec: decPart.length,
    dot,
  };
  if (exponent === undefined) return section;
  return { ...section, exponent: { ...exponent, intDigits: Math.max(1, intDigits.length) } };
}

/** Whether a format code formats numbers as dates or times. */
export function isDateFormat(code: string): boolean {
  return compile(code).isDate;
}

const cache = new Map<string, CompiledFormat>();

function compile(code: string): CompiledFormat {
  let compiled = cache.get(code);
  if (compiled === undefined) {
    const parts = splitSections(code);
    const sections = parts.slice(0, 3).map(compileSection);
    const first = sections[0];
    compiled = { isDate: first !== undefined && first.kind === 'date', sections };
    if (cache.size > 2000) cache.clear();
    cache.set(code, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Decimal rounding on the 15 significant digits Excel keeps, so 0.565 at 0% shows "57%" and
// 1.005 at "0.00" shows "1.01", as in Excel (binary rounding would give 56% and 1.00).

interface Decimal {
  /** Significant digits without leading or trailing zeros ("" for zero). */
  readonly digits: string;
  /** value = 0.digits × 10^exponent. */
  readonly exponent: number;
}

function toDecimal(abs: number): Decimal {
  if (abs === 0 || !Number.isFinite(abs)) return { digits: '', exponent: 0 };
  const s = abs.toPrecision(15);
  const e = s.indexOf('e');
  const mantissa = e === -1 ? s : s.slice(0, e);
  const exp10 = e === -1 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const intLen = dot === -1 ? mantissa.length : dot;
  let digits = mantissa.replace('.', '');
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead);
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return { digits: digits.slice(0, end), exponent: intLen - lead + exp10 };
}

/** Rounds half away from zero to `places` decimals; returns the integer and fraction digits. */
function roundTo(d: Decimal, places: number): { int: string; frac: string } {
  const keep = d.exponent + places; // significant digits kept
  let digits: string;
  let exponent = d.exponent;
  if (keep < 0 || d.digits === '') {
    digits = '';
  } else if (keep >= d.digits.length) {
    digits = d.digits;
  } else {
    digits = d.digits.slice(0, keep);
    if (d.digits.charCodeAt(keep) >= 53) {
      // Round up: increment the kept digits.
      const chars = digits.split('');
      let k = chars.length - 1;
      while (k >= 0 && chars[k] === '9') {
        chars[k] = '0';
        k--;
      }
      if (k >= 0) chars[k] = String.fromCharCode((chars[k] as string).charCodeAt(0) + 1);
      else {
        chars.unshift('1');
        exponent++;
      }
      digits = chars.join('');
    }
  }
  // Lay the digits out around the decimal point.
  let int: string;
  let frac: string;
  if (digits === '') {
    int = '';
    frac = '';
  } else if (exponent <= 0) {
    int = '';
    frac = '0'.repeat(-exponent) + digits;
  } else if (exponent >= digits.length) {
    int = digits + '0'.repeat(exponent - digits.length);
    frac = '';
  } else {
    int = digits.slice(0, exponent);
    frac = digits.slice(exponent);
  }
  frac = frac.slice(0, places).padEnd(places, '0');
  let lead = 0;
  while (lead < int.length && int.charCodeAt(lead) === 48) lead++;
  return { int: lead === 0 ? int : int.slice(lead), frac };
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `roundTo(shift(toDecimal(abs), power - places), places)` without decimal strings: abs × 10^power
 * rounded to an integer whose last `places` digits are the fraction. Returns undefined when the
 * scaled value is too large for this (the decimal-string path is then needed).
 */
function fastRound(
  abs: number,
  power: number,
  places: number,
): { int: string; frac: string } | undefined {
  const s = fastDigits(abs, power);
  if (s === undefined) return undefined;
  if (places === 0) return { int: s === '0' ? '' : s, frac: '' };
  if (s.length <= places) return { int: '', frac: s.padStart(places, '0') };
  return { int: s.slice(0, s.length - places), frac: s.slice(s.length - places) };
}

/** The digits of abs × 10^power rounded to an integer, or undefined when too large. */
function fastDigits(abs: number, power: number): string | undefined {
  const scale = POW10[power];
  if (scale === undefined) return undefined;
  const x = abs * scale;
  if (!(x < 1e15)) return undefined;
  // x carries a relative error of about 2.2e-16 (abs's binary approximation, then the product),
  // far below the 1e-15 of the 15th significant digit: within 5e-16 of a tie, it is one at 15
  // digits (0.565 × 100 = 56.49999999999999), and Excel rounds ties away from zero.
  const floor = Math.floor(x);
  return String(x - floor >= 0.5 - x * 5e-16 ? floor + 1 : floor);
}

/** Rounds `abs` (>= 0) to `places` decimals, half away from zero on 15 significant digits. */
function round(abs: number, places: number): { int: string; frac: string } {
  return fastRound(abs, places, places) ?? roundTo(toDecimal(abs), places);
}

function group(int: string, separator: string): string {
  if (int.length <= 3) return int;
  let out = '';
  const first = int.length % 3 || 3;
  out = int.slice(0, first);
  for (let i = first; i < int.length; i += 3) out += separator + int.slice(i, i + 3);
  return out;
}

function shift(d: Decimal, by: number): Decimal {
  return d.digits === '' ? d : { digits: d.digits, exponent: d.exponent + by };
}

function trimZeros(frac: string, min: number): string {
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  return frac.slice(0, end);
}

/** Excel's General format in a default-width column: at most 11 characters, else scientific. */
function formatGeneral(value: number, ctx: FormatContext): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e-8 && abs < 1e11) {
    let intLen = 1;
    for (let p = 10; abs >= p; p *= 10) intLen++;
    const { int, frac } = round(abs, Math.max(0, 10 - intLen));
    const f = trimZeros(frac, 0);
    if (int !== '' || f !== '') return sign + (int || '0') + (f ? ctx.decimalSeparator + f : '');
  }
  return sign + formatScientific(toDecimal(abs), 0, 5, 2, true, 1, ctx);
}

function formatScientific(
  d: Decimal,
  minDec: number,
  maxDec: number,
  expDigits: number,
  plus: boolean,
  intDigits: number,
  ctx: FormatContext,
): string {
  if (d.digits === '') {
    const frac = '0'.repeat(minDec);
    return `0${frac ? ctx.decimalSeparator + frac : ''}E${plus ? '+' : ''}${'0'.repeat(Math.max(1, expDigits))}`;
  }
  // value = m × 10^e with 1 <= m < 10 (or a multiple of intDigits for engineering formats).
  let e = d.exponent - 1;
  if (intDigits > 1) e = Math.floor(e / intDigits) * intDigits;
  let { int, frac } = roundTo(shift(d, -e), maxDec);
  if (int.length > Math.max(1, intDigits)) {
    // Rounding overflowed into a new digit (9.99 → 10.0): renormalise.
    e += Math.max(intDigits, 1);
    ({ int, frac } = roundTo(shift(d, -e), maxDec));
  }
  frac = trimZeros(frac, minDec);
  const expSign = e < 0 ? '-' : plus ? '+' : '';
  const expText = String(Math.abs(e)).padStart(Math.max(1, expDigits), '0');
  return `${int || '0'}${frac ? ctx.decimalSeparator + frac : ''}E${expSign}${expText}`;
}

function formatSection(section: Section, abs: number, ctx: FormatContext): string {
  switch (section.kind) {
    case 'literal':
      return section.text;
    case 'general': {
      const v = section.percent > 0 ? abs * 100 ** section.percent : abs;
      return section.prefix + formatGeneral(v, ctx) + section.suffix;
    }
    case 'date':
      return formatDate(abs, section, ctx);
    case 'number': {
      const power = 2 * section.percent - 3 * section.thousands;
      if (section.exponent !== undefined) {
        const e = section.exponent;
        const d = shift(toDecimal(abs), power);
        return (
          section.prefix +
          formatScientific(d, section.minDec, section.maxDec, e.digits, e.plus, e.intDigits, ctx) +
          section.suffix
        );
      }
      const maxDec = section.maxDec;
      const scaled = maxDec + power;
      const digits = scaled >= 0 ? fastDigits(abs, scaled) : undefined;
      let intText: string;
      let frac: string;
      if (digits === undefined) {
        ({ int: intText, frac } = roundTo(shift(toDecimal(abs), power), maxDec));
      } else if (maxDec === 0) {
        intText = digits === '0' ? '' : digits;
        frac = '';
      } else if (digits.length <= maxDec) {
        intText = '';
        frac = digits.padStart(maxDec, '0');
      } else {
        intText = digits.slice(0, digits.length - maxDec);
        frac = digits.slice(digits.length - maxDec);
      }
      if (intText.length < section.minInt) intText = intText.padStart(section.minInt, '0');
      if (section.grouping && intText.length > 3) {
        intText = group(intText, ctx.decimalSeparator === ',' ? '.' : ',');
      }
      const fracText = section.minDec < maxDec ? trimZeros(frac, section.minDec) : frac;
      const dot = fracText !== '' || (section.dot && maxDec === 0) ? ctx.decimalSeparator : '';
      return section.prefix + intText + dot + fracText + section.suffix;
    }
  }
}

/**
 * The text Excel would display for a number with this format code (best effort), with the
 * decimal separator of `ctx`. Leading and trailing padding is trimmed.
 */
export function formatWithCode(value: number, code: string, ctx: FormatContext): string {
  if (!Number.isFinite(value)) return String(value);
  if (code === 'General' || code === '' || code === '@') return formatGeneral(value, ctx);
  const { sections } = compile(code);
  const count = sections.length;
  let section = sections[0];
  let abs = value;
  let sign = '';
  if (value < 0 && count >= 2) {
    section = sections[1];
    abs = -value;
  } else if (value === 0 && count >= 3) {
    section = sections[2];
  } else if (value < 0) {
    abs = -value;
    sign = section?.kind === 'date' ? '' : '-';
  }
  if (section === undefined) return formatGeneral(value, ctx);
  if (section.kind === 'date' && value < 0) return formatGeneral(value, ctx);
  const text = sign + formatSection(section, abs, ctx);
  const last = text.length - 1;
  return last >= 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(last) <= 32)
    ? text.trim()
    : text;
}

// ---------------------------------------------------------------------------------------------
// Dates.

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** The largest serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2_958_465;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Calendar parts of an Excel serial number; serial 60 is Excel's phantom 29/02/1900. */
export function serialToDate(
  serial: number,
  date1904: boolean,
): { year: number; month: number; day: number; hours: number; minutes: number; seconds: number } {
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days++;
    secs -= 86400;
  }
  const time = {
    hours: Math.floor(secs / 3600),
    minutes: Math.floor((secs % 3600) / 60),
    seconds: secs % 60,
  };
  if (!date1904 && days === 60) return { year: 1900, month: 2, day: 29, ...time };
  if (!date1904 && days === 0) return { year: 1900, month: 1, day: 0, ...time };
  const offset = date1904 ? days + 1462 : days < 60 ? days + 1 : days;
  const date = new Date(EPOCH_1900 + offset * DAY_MS);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    ...time,
  };
}

function formatDate(
  serial: number,
  section: {
    readonly date: boolean;
    readonly time: boolean;
    readonly seconds: boolean;
    readonly elapsed: boolean;
  },
  ctx: FormatContext,
): string {
  if (serial > MAX_SERIAL) return formatGeneral(serial, ctx);
  const p = serialToDate(serial, ctx.date1904);
  let out = '';
  if (section.date || !section.time) out = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
  if (section.time) {
    const hours = section.elapsed ? Math.floor(Math.round(serial * 86400) / 3600) : p.hours;
    const time = `${pad2(hours)}:${pad2(p.minutes)}${section.seconds ? `:${pad2(p.seconds)}` : ''}`;
    out = out ? `${out} ${time}` : time;
  }
  return out;
}

/** An ISO 8601 date or date-time ("2025-03-31", "2025-03-31T12:00:00Z", "T12:00") as a serial number. */
export function isoToSerial(text: string, date1904: boolean): number | undefined {
  const m =
    /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[T ]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  let days = 0;
  if (m[1] !== undefined) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (Number.isNaN(ms)) return undefined;
    days = Math.round((ms - EPOCH_1900) / DAY_MS);
    if (date1904) days -= 1462;
    else if (days < 61) days -= 1; // before Excel's phantom 29/02/1900
  }
  const fraction =
    m[4] === undefined
      ? 0
      : (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0) + Number(`0.${m[7] ?? '0'}`)) /
        86400;
  return days + fraction;
}
