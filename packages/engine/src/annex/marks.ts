/**
 * The mark plan: which cells a shell colours and why, and a handful of conditional-format rules
 * that keep the colours right as the user edits. The add-in and the annotated .xlsx copy apply
 * the same plan, so a workbook looks the same in Excel, LibreOffice and the command line's copy.
 */
import { COMPARATORS } from '../comparators.js';
import type { Finding, Quarter } from '../findings.js';
import { fromA1 } from '../grid.js';
import type { Locale } from '../messages/catalog.js';
import { findingNote } from '../messages/describe.js';
import { isDateFormat, splitSections } from '../parse/format-code.js';
import type { Comparator, TargetSet } from '../schema.js';
import { MARK_STATUSES, type MarkStatus, STATUS } from '../status.js';
import type { SheetFinding } from './check.js';
import { cutText } from './content.js';

/** A threshold in the cell's own scale: 0.75 for a percent-formatted cell, 75 for a plain one. */
export interface CellThreshold {
  readonly comparator: Comparator;
  readonly value: number;
}

export interface MarkedCell {
  /** A1 address, e.g. "K13". */
  readonly cell: string;
  /** 0-based sheet row and column. */
  readonly row: number;
  readonly column: number;
  readonly status: MarkStatus;
  /** The finding the cell is marked for (the same object as in the check's findings): a shell words the cell's note from it (`findingNote`). */
  readonly finding: SheetFinding;
  readonly indicatorId: string;
  readonly quarter?: Quarter;
  /** The official minimum (or target) in this cell's own scale. */
  readonly minimum?: CellThreshold;
}

/** When a rule's cells are marked. Formulas come from `markRuleFormula`. */
export type MarkCondition =
  /** A number that fails the minimum: `AND(ISNUMBER(K8),K8<0.75)`. */
  | { readonly kind: 'fails'; readonly threshold: CellThreshold }
  /** A number that fails the minimum by at most `band` (same scale). */
  | { readonly kind: 'fails-within'; readonly threshold: CellThreshold; readonly band: number }
  /** Nothing entered yet. */
  | { readonly kind: 'blank' }
  /** An Excel error value. */
  | { readonly kind: 'error' }
  /** A number outside what the unit allows, e.g. 105 % (same scale as the cell). */
  | { readonly kind: 'outside'; readonly min: number; readonly max: number }
  /** The cell still holds this text (a value typed as text, read by the engine): the mark lasts until it is changed. */
  | { readonly kind: 'text'; readonly text: string }
  /** The cell still holds this number (one the engine could not judge alone, e.g. a fraction of ambiguous scale): the mark lasts until it is changed. */
  | { readonly kind: 'number'; readonly value: number }
  /** A number other than the official value (targets). */
  | { readonly kind: 'differs'; readonly value: number };

export interface MarkRule {
  readonly status: MarkStatus;
  readonly condition: MarkCondition;
  /** A1 ranges the rule applies to, e.g. ["J11:K11", "J13:K13"]. */
  readonly ranges: readonly string[];
  /**
   * Number format for marked cells: the symbol before each section of the cells' own format,
   * with a text section, e.g. `"✗ "0%;"✗ "-0%;"✗ "0%;"✗ "@` (`markNumberFormat`).
   */
  readonly numberFormat?: string;
  /**
   * The widest value of the rule's cells, in characters, as they show it now (at least what a
   * value of their scale shows: "100%"): with the symbol's two characters, what the column must
   * hold. A shell that knows its columns' widths uses `compactMarkFormat`, or the border alone,
   * where it would not fit (a number too wide for its column shows "###").
   */
  readonly valueChars?: number;
  /**
   * The rule's cells can show no symbol (an empty cell, an error value): a shell draws a border
   * round them, so their status is not told by colour alone.
   */
  readonly border?: true;
}

export interface MarkGroup {
  readonly status: MarkStatus;
  readonly cells: readonly MarkedCell[];
}

export interface MarkPlan {
  readonly sheet?: string;
  /** Marked cells grouped by status, in `MARK_STATUSES` order. */
  readonly groups: readonly MarkGroup[];
  /** Conditional-format rules in priority order (first wins). */
  readonly rules: readonly MarkRule[];
}

/** The threshold in a cell's scale: percentage points ÷ 100 when the cell is percent-formatted. */
export function scaleFor(value: number, percentCell: boolean): number {
  return percentCell ? Math.round((value / 100) * 1e12) / 1e12 : value;
}

/**
 * The number format of a marked cell: the status symbol before the value in every section of
 * the cell's own format, so the value keeps its precision ("0%" shows "✗ 72%", "0.0%" shows
 * "✗ 72.0%", General stays General), and a text section (`"✗ "@`) so a value typed as text
 * shows the symbol too. `own` is the cell's format (absent, General or "@": the scale's usual
 * one, `0.0#%` for a percent cell, General for a plain one); a date format, or one with
 * conditions (`[<0.5]`), whose sections cannot simply take a prefix, gives way to the scale's.
 * `compact`: the symbol with no space after it, for a column too narrow for the space.
 */
export function markNumberFormat(
  status: MarkStatus,
  percent: boolean,
  own?: string,
  compact = false,
): string {
  const cue = `"${STATUS[status].symbol}${compact ? '' : ' '}"`;
  let sections = own === undefined ? [] : splitSections(own);
  const usable =
    own !== undefined &&
    own !== '' &&
    own.length <= 200 &&
    sections.length <= 4 &&
    !isDateFormat(own) &&
    sections.every((s) => !/\[[<>=]/.test(leadingBrackets(s))) &&
    sections.some((s, i) => i < 3 && !hasTextPlaceholder(s) && s.trim() !== '');
  if (!usable) sections = [percent ? '0.0#%' : 'General'];
  if (sections.length < 4 && hasTextPlaceholder(sections[sections.length - 1] as string))
    sections = sections.slice(0, -1); // a text section of its own, not in 4th place: dropped
  const [positive = 'General', negative, zero, text = '@'] = sections;
  const withCue = (section: string, sign = ''): string => {
    const head = leadingBrackets(section);
    return `${head}${cue}${sign}${section.slice(head.length)}`;
  };
  return [
    withCue(positive),
    negative === undefined ? withCue(positive, '-') : withCue(negative),
    withCue(zero ?? positive),
    withCue(text),
  ].join(';');
}

/** The same format with the symbol written without its space (`"✗ "` → `"✗"`). */
export function compactMarkFormat(status: MarkStatus, format: string): string {
  const symbol = STATUS[status].symbol;
  return format.split(`"${symbol} "`).join(`"${symbol}"`);
}

/**
 * How a numeric mark looks in a column of some width (issue 15 item 6): a number and its symbol
 * must fit their column, else Excel shows "###". `full`: the symbol and a space ("✗ 72%");
 * `compact`: the symbol without its space ("✗72%", `compactMarkFormat`); `border`: no symbol, a
 * dashed border and a regular font (bold is wider) — whichever fits first. A column's width is
 * never changed. Text overflows rather than showing "###", so it always gets the symbol, as do
 * blanks, errors, hidden columns (width 0) and columns of unknown width.
 */
export type MarkLook = 'full' | 'compact' | 'border';

/** Conditions on numbers: their symbol shares the column with the number. */
const NUMERIC_CONDITIONS: ReadonlySet<string> = new Set([
  'fails',
  'fails-within',
  'outside',
  'number',
  'differs',
]);

/** A column holds about its width less the cell's padding (0.7 of a character). */
const CELL_PADDING = 0.7;

/**
 * The rule's ranges by the look each gets, on a sheet whose columns are `widthOf` characters wide
 * (0: hidden; undefined: not known). In the order full, compact, border; looks with no range left
 * out. The one choice both shells make: the annotated copies (@chitieu/xlsx) and the add-in.
 */
export function markLooks(
  rule: MarkRule,
  widthOf?: (column: number) => number | undefined,
): { readonly look: MarkLook; readonly ranges: readonly string[] }[] {
  if (
    !widthOf ||
    rule.numberFormat === undefined ||
    !NUMERIC_CONDITIONS.has(rule.condition.kind) ||
    rule.valueChars === undefined
  )
    return [{ look: 'full', ranges: rule.ranges }];
  const chars = rule.valueChars;
  const by: Record<MarkLook, string[]> = { full: [], compact: [], border: [] };
  for (const range of rule.ranges) {
    const at = fromA1((range.split(':')[0] ?? range).replace(/\$/g, ''));
    const width = at === undefined ? undefined : widthOf(at.column);
    const room = (width ?? 0) - CELL_PADDING;
    const look: MarkLook =
      width === undefined || width === 0 || chars + 2 <= room
        ? 'full'
        : chars + 1 <= room
          ? 'compact'
          : 'border';
    by[look].push(range);
  }
  return (['full', 'compact', 'border'] as const)
    .filter((look) => by[look].length > 0)
    .map((look) => ({ look, ranges: by[look] }));
}

/** The brackets a section starts with ([Red], [$-42A], [<0.5]): the symbol goes after them. */
function leadingBrackets(section: string): string {
  const m = /^(?:\[[^\]]*\])*/.exec(section);
  return m?.[0] ?? '';
}

/** Whether a section shows text ("@" outside literals and brackets). */
function hasTextPlaceholder(section: string): boolean {
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '@') return true;
    if (c === '"') {
      const close = section.indexOf('"', i + 1);
      if (close === -1) return false;
      i = close;
    } else if (c === '[') {
      const close = section.indexOf(']', i + 1);
      if (close === -1) return false;
      i = close;
    } else if (c === '\\' || c === '_' || c === '*') i++;
  }
  return false;
}

function num(n: number): string {
  // Formulas use "." and no exponent for the usual magnitudes.
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/**
 * Every formula the engine writes ends with this always-true term, so a shell can recognise its
 * own rules in any workbook (after a save and reopen, or in a copy annotated by the command line)
 * and remove exactly those, never a user's rule.
 */
export const MARK_FORMULA_TAG = 'N("chitieu")=0';

/** Is this conditional-format formula one of the engine's? */
export function isMarkFormula(formula: string): boolean {
  return formula.replace(/\s+/g, '').includes(MARK_FORMULA_TAG);
}

/** Excel's limit on a text written in a formula (between its quotes): 255 characters. */
const FORMULA_TEXT_LIMIT = 255;

function quoted(text: string): string {
  const literal = `"${text.replace(/"/g, '""')}"`;
  if (!HAS_NOT_IN_XML.test(text)) return literal;
  // A formula is stored as XML text, which cannot hold control characters (nor a carriage
  // return, which parsers read as a line break): those are written as CHAR(n), joined with "&".
  // Characters no formula can hold (lone surrogates, U+FFFE, U+FFFF) become U+FFFD: the rule
  // then never matches that cell, and the copy stays a valid workbook.
  return literal
    .replace(NOT_IN_XML, (ch) => {
      const code = ch.charCodeAt(0);
      return code < 0x20 ? `"&CHAR(${code})&"` : '\uFFFD';
    })
    .replace(/^""&|&""$/g, '');
}

/** What XML 1.0 text cannot hold as it is (tab and line feed aside). */
const NOT_IN_XML_SOURCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters replaced
  /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    .source;
const NOT_IN_XML = new RegExp(NOT_IN_XML_SOURCE, 'g');
const HAS_NOT_IN_XML = new RegExp(NOT_IN_XML_SOURCE);

/** Characters between the quotes once `"` is doubled. */
function quotedLength(text: string): number {
  let n = text.length;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** The longest start (or end) of a text that can be written in a formula, surrogate pairs kept whole. */
function formulaPiece(text: string, from: 'start' | 'end'): string {
  let n = 0;
  let count = 0;
  while (count < text.length) {
    const i = from === 'start' ? count : text.length - 1 - count;
    const width = text.charCodeAt(i) === 0x22 ? 2 : 1;
    if (n + width > FORMULA_TEXT_LIMIT) break;
    n += width;
    count++;
  }
  if (from === 'start') {
    const last = text.charCodeAt(count - 1);
    if (last >= 0xd800 && last <= 0xdbff) count--;
    return text.slice(0, count);
  }
  const first = text.charCodeAt(text.length - count);
  if (first >= 0xdc00 && first <= 0xdfff) count--;
  return text.slice(text.length - count);
}

function condition(condition: MarkCondition, a: string): string {
  switch (condition.kind) {
    case 'fails':
      return `ISNUMBER(${a}),${a}${COMPARATORS[condition.threshold.comparator].excelFails}${num(condition.threshold.value)}`;
    case 'fails-within': {
      const { comparator, value } = condition.threshold;
      const { excelFails, lowerIsBetter } = COMPARATORS[comparator];
      const edge = lowerIsBetter ? value + condition.band : value - condition.band;
      const within = lowerIsBetter ? `${a}<=${num(edge)}` : `${a}>=${num(edge)}`;
      return `ISNUMBER(${a}),${a}${excelFails}${num(value)},${within}`;
    }
    case 'blank':
      return `LEN(TRIM(${a}))=0`;
    case 'error':
      return `ISERROR(${a})`;
    case 'outside':
      return `ISNUMBER(${a}),OR(${a}<${num(condition.min)},${a}>${num(condition.max)})`;
    case 'text': {
      const text = condition.text;
      if (quotedLength(text) <= FORMULA_TEXT_LIMIT)
        return `ISTEXT(${a}),TRIM(${a})=${quoted(text)}`;
      // Too long to be written in a formula: the text is known by its length, start and end.
      const head = formulaPiece(text, 'start');
      const tail = formulaPiece(text, 'end');
      return (
        `ISTEXT(${a}),LEN(TRIM(${a}))=${text.length},` +
        `LEFT(TRIM(${a}),${head.length})=${quoted(head)},` +
        `RIGHT(TRIM(${a}),${tail.length})=${quoted(tail)}`
      );
    }
    case 'differs':
      return `ISNUMBER(${a}),ABS(${a}-${num(condition.value)})>0.0000001`;
    case 'number':
      return `ISNUMBER(${a}),ABS(${a}-${num(condition.value)})<=0.000000001`;
  }
}

/**
 * The conditional-format formula of a rule (without the leading "="), relative to `anchor`, the
 * top-left cell of the rule's first range (how Excel and LibreOffice read relative references
 * in a rule). Ends with `MARK_FORMULA_TAG`.
 */
export function markRuleFormula(rule: MarkCondition, anchor: string): string {
  return `AND(${condition(rule, anchor)},${MARK_FORMULA_TAG})`;
}

/** A cell packed as one number, column-major: sorting packed cells orders them by column, then row. */
const ROWS = 2 ** 21;

/** Groups cell addresses into column runs: K8, K9, K10, M8 → "K8:K10", "M8". */
export function toRanges(
  cells: readonly { row: number; column: number }[],
  address: (row: number, column: number) => string,
): string[] {
  return packedRanges(
    Float64Array.from(cells, (c) => c.column * ROWS + c.row),
    address,
  );
}

function packedRanges(
  packed: Float64Array,
  address: (row: number, column: number) => string,
): string[] {
  packed.sort();
  const out: string[] = [];
  let i = 0;
  while (i < packed.length) {
    const start = packed[i] as number;
    let end = start;
    while (
      i + 1 < packed.length &&
      ((packed[i + 1] as number) === end + 1 || (packed[i + 1] as number) === end)
    ) {
      end = packed[i + 1] as number;
      i++;
    }
    const column = Math.floor(start / ROWS);
    // a run never crosses columns: end + 1 across a column boundary would need row 2^21
    const first = address(start - column * ROWS, column);
    out.push(start === end ? first : `${first}:${address(end - column * ROWS, column)}`);
    i++;
  }
  return out;
}

/**
 * The widest a value of the cell shows in its format, in characters, from what it may hold
 * (not from what it holds now, so the rules stay the same as the user edits): the integer
 * digits of the largest value its unit allows (100 % for a percentage, the points' maximum,
 * else the official minimum or target), the format's decimals (General: two) and its percent
 * sign. "0.0%" → "100.0%", 6; "0%" → 4; General with points up to 20 → "20.xx", 5.
 */
export function valueChars(cell: WatchedCell): number {
  const largest = cell.bounds?.max ?? Math.max(cell.minimum?.value ?? 0, cell.official ?? 0, 100);
  const digits = String(Math.floor(Math.abs(largest))).length;
  const format = cell.numberFormat;
  const section = format === undefined ? undefined : splitSections(format)[0];
  let decimals: number;
  if (section === undefined || /general/i.test(section) || section.trim() === '') decimals = 2;
  else {
    const m = /\.([0#?]+)/.exec(section.replace(/"[^"]*"/g, ''));
    decimals = m ? (m[1] as string).length : 0;
  }
  return digits + (decimals > 0 ? decimals + 1 : 0) + (cell.percent ? 1 : 0);
}

/** A cell the rules watch, with what it should be. */
export interface WatchedCell {
  readonly row: number;
  readonly column: number;
  /**
   * The format the marks wrap with their symbol: the cell's own, or (for a blank or text cell
   * without a number format of its own) its column's usual one.
   */
  readonly numberFormat?: string;
  readonly percent: boolean;
  /** For achieved values: the official minimum in the indicator's unit (points for %). */
  readonly minimum?: { readonly comparator: Comparator; readonly value: number };
  /** For target cells: the official target in the indicator's unit. */
  readonly official?: number;
  /** The range the unit allows, in the indicator's unit (0–100 for a percentage). */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** Text the engine read as a status, pinned until changed. */
  readonly pinned?: { readonly status: MarkStatus; readonly text: string };
  /** A number the engine read as a status on its own (an ambiguous fraction), pinned until changed. */
  readonly pinnedNumber?: { readonly status: MarkStatus; readonly value: number };
}

function conditionKey(c: MarkCondition): string {
  switch (c.kind) {
    case 'fails':
      return `fails ${c.threshold.comparator} ${c.threshold.value}`;
    case 'fails-within':
      return `within ${c.threshold.comparator} ${c.threshold.value} ${c.band}`;
    case 'text':
      return `text ${c.text}`;
    case 'differs':
      return `differs ${c.value}`;
    case 'number':
      return `number ${c.value}`;
    case 'outside':
      return `outside ${c.min} ${c.max}`;
    default:
      return c.kind;
  }
}

interface Group {
  readonly status: MarkStatus;
  readonly condition: MarkCondition;
  readonly numberFormat?: string;
  /** The widest value of its cells, in characters. */
  chars: number;
  /** Sorts rules: status first, then the kind of condition, then first appearance. */
  readonly order: number;
  readonly cells: number[];
}

const KIND_ORDER: Readonly<Record<MarkCondition['kind'], number>> = {
  text: 0,
  number: 0,
  error: 1,
  outside: 2,
  differs: 3,
  'fails-within': 4,
  fails: 5,
  blank: 6,
};

/**
 * Builds the rules for a sheet: pinned texts, errors, values out of range, target differences,
 * near misses, failures and blanks; one rule per distinct condition and number format. Cells
 * with the same minimum, scale and bounds share their groups, so a sheet of 160,000 values costs
 * one lookup per cell.
 */
export function buildRules(
  achieved: readonly WatchedCell[],
  targets: readonly WatchedCell[],
  nearMissBand: number,
  address: (row: number, column: number) => string,
): MarkRule[] {
  const groups = new Map<string, Group>();
  const group = (
    status: MarkStatus,
    condition: MarkCondition,
    cell: WatchedCell | undefined,
  ): Group => {
    const numberFormat =
      cell === undefined ? undefined : markNumberFormat(status, cell.percent, cell.numberFormat);
    const key = `${status}|${conditionKey(condition)}|${numberFormat ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        status,
        condition,
        ...(numberFormat ? { numberFormat } : {}),
        chars: 0,
        order: MARK_STATUSES.indexOf(status) * 10 + KIND_ORDER[condition.kind],
        cells: [],
      };
      groups.set(key, g);
    }
    return g;
  };
  const bySignature = new Map<string, Group[]>();
  for (const cell of achieved) {
    const packed = cell.column * ROWS + cell.row;
    const m = cell.minimum;
    const b = cell.bounds;
    const signature = `${cell.percent ? 1 : 0}|${cell.numberFormat ?? ''}|${m?.comparator ?? ''}|${m?.value ?? ''}|${b?.min ?? ''}|${b?.max ?? ''}`;
    let shared = bySignature.get(signature);
    if (!shared) {
      shared = [group('invalid-value', { kind: 'error' }, undefined)];
      if (b)
        shared.push(
          group(
            'invalid-value',
            {
              kind: 'outside',
              min: scaleFor(b.min, cell.percent),
              max: scaleFor(b.max, cell.percent),
            },
            cell,
          ),
        );
      if (m) {
        const threshold = { comparator: m.comparator, value: scaleFor(m.value, cell.percent) };
        if (nearMissBand > 0)
          shared.push(
            group(
              'near-miss',
              { kind: 'fails-within', threshold, band: scaleFor(nearMissBand, cell.percent) },
              cell,
            ),
          );
        shared.push(group('below-minimum', { kind: 'fails', threshold }, cell));
      }
      // A blank's format shows on text of spaces only (a blank to LEN(TRIM())).
      shared.push(group('missing-value', { kind: 'blank' }, cell));
      bySignature.set(signature, shared);
    }
    const chars = valueChars(cell);
    for (const g of shared) {
      g.cells.push(packed);
      if (chars > g.chars) g.chars = chars;
    }
    const add = (g: Group) => {
      g.cells.push(packed);
      if (chars > g.chars) g.chars = chars;
    };
    if (cell.pinned) add(group(cell.pinned.status, { kind: 'text', text: cell.pinned.text }, cell));
    if (cell.pinnedNumber)
      add(
        group(cell.pinnedNumber.status, { kind: 'number', value: cell.pinnedNumber.value }, cell),
      );
  }
  for (const cell of targets) {
    const packed = cell.column * ROWS + cell.row;
    const chars = valueChars(cell);
    const add = (g: Group) => {
      g.cells.push(packed);
      if (chars > g.chars) g.chars = chars;
    };
    if (cell.pinned) add(group(cell.pinned.status, { kind: 'text', text: cell.pinned.text }, cell));
    if (cell.official !== undefined)
      add(
        group(
          'target-mismatch',
          { kind: 'differs', value: scaleFor(cell.official, cell.percent) },
          cell,
        ),
      );
  }
  return [...groups.values()]
    .sort((a, b) => a.order - b.order)
    .map((g) => ({
      status: g.status,
      condition: g.condition,
      ranges: packedRanges(Float64Array.from(g.cells), address),
      ...(g.numberFormat ? { numberFormat: g.numberFormat, valueChars: g.chars } : {}),
      ...(g.condition.kind === 'blank' || g.condition.kind === 'error'
        ? { border: true as const }
        : {}),
    }));
}

/** The mark plan of a sheet that gets no marks (not an annex, or checked with `marks: false`). */
export function noMarks(grid: { readonly name?: string }): MarkPlan {
  return { ...(grid.name === undefined ? {} : { sheet: grid.name }), groups: [], rules: [] };
}

/** The start of every note the shells write on a marked cell, so a reader knows who wrote it. */
export const MARK_NOTE_PREFIX = 'Chỉ Tiêu: ';

/** A note on a marked cell: its reasons in words. */
export interface MarkNote {
  /** A1 address. */
  readonly cell: string;
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/**
 * One note per marked cell with its reasons (a cell marked for two reasons gets both lines), in
 * `locale`, from each cell's finding (`targetSet`: the set checked against, whose level names
 * the words may use); each within Excel's limit on a cell's text. In the plan's order.
 */
export function markNotes(
  plan: MarkPlan,
  options: { readonly locale?: Locale; readonly targetSet?: TargetSet } = {},
): MarkNote[] {
  const byCell = new Map<string, { cell: MarkedCell; lines: string[] }>();
  for (const group of plan.groups) {
    for (const cell of group.cells) {
      const line = findingNote(cell.finding as unknown as Finding, options);
      const entry = byCell.get(cell.cell);
      if (entry) {
        if (!entry.lines.includes(line)) entry.lines.push(line);
      } else byCell.set(cell.cell, { cell, lines: [line] });
    }
  }
  return [...byCell.values()].map(({ cell, lines }) => ({
    cell: cell.cell,
    row: cell.row,
    column: cell.column,
    text: cutText(`${MARK_NOTE_PREFIX}${lines.join('\n')}`),
  }));
}
