/**
 * A mark on a narrow column (issue 15 item 6): a number and its symbol must fit their column,
 * else Excel shows "###". Where the host knows the columns' widths, each column of a numeric rule
 * gets the full cue ("✗ 72%"), the symbol without its space ("✗72%", the engine's
 * `compactMarkFormat`), or no symbol, a dashed border and a regular font (bold is wider),
 * whichever fits first; a column's width is never changed. Text overflows rather than showing
 * "###": it always gets the symbol, as do blanks, errors and hidden columns. The same choice, and
 * the same measures, as the command line's annotated copies (@chitieu/xlsx `annotate`), so a
 * sheet marked in Excel and its annotated copy look alike.
 */
import { compactMarkFormat, fromA1, type MarkRule } from '@chitieu/engine';

/** A rule as written on a sheet: the plan's rule for some of its ranges, with the look they get there. */
export type PlacedRule = MarkRule & {
  /** Not bold: a number that only just fits its column keeps its own width. */
  readonly plain?: true;
};

/** Conditions on numbers: their symbol shares the column with the number (too wide: "###"). */
const NUMERIC = new Set(['fails', 'fails-within', 'outside', 'number', 'differs']);

/** A column holds about its width less the cell's padding (0.7 of a character). */
const PADDING = 0.7;

/**
 * The rule as written on a sheet whose columns are `widthOf` characters wide (0: hidden;
 * undefined: not known, the full cue). In the rule's order of ranges within each look: full,
 * compact, border only.
 */
export function placeRule(
  rule: MarkRule,
  widthOf?: (column: number) => number | undefined,
): PlacedRule[] {
  const full = rule.numberFormat;
  if (
    !widthOf ||
    full === undefined ||
    !NUMERIC.has(rule.condition.kind) ||
    rule.valueChars === undefined
  )
    return [rule];
  const chars = rule.valueChars;
  const looks: string[][] = [[], [], []];
  for (const range of rule.ranges) {
    const at = fromA1((range.split(':')[0] ?? range).replace(/\$/g, ''));
    const width = at === undefined ? undefined : widthOf(at.column);
    const room = (width ?? 0) - PADDING;
    const look =
      width === undefined || width === 0 || chars + 2 <= room ? 0 : chars + 1 <= room ? 1 : 2;
    (looks[look] as string[]).push(range);
  }
  const { numberFormat: _format, valueChars: _chars, ...base } = rule;
  const out: PlacedRule[] = [];
  if (looks[0]?.length) out.push({ ...rule, ranges: looks[0] });
  if (looks[1]?.length)
    out.push({ ...rule, ranges: looks[1], numberFormat: compactMarkFormat(rule.status, full) });
  if (looks[2]?.length) out.push({ ...base, ranges: looks[2], border: true, plain: true });
  return out;
}

/** Excel's column width in characters of the default font, from its width in points (Office.js). */
export function widthInCharacters(points: number): number {
  if (!(points > 0)) return 0;
  // 96 dpi: pixels = points × 4/3; a character of Calibri 11 is 7 px, plus 5 px of padding.
  return Math.max(0, (points * (4 / 3) - 5) / 7);
}
