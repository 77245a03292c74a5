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
import { compactMarkFormat, type MarkRule, markLooks } from '@chitieu/engine';

/** A rule as written on a sheet: the plan's rule for some of its ranges, with the look they get there. */
export type PlacedRule = MarkRule & {
  /** Not bold: a number that only just fits its column keeps its own width. */
  readonly plain?: true;
};

/**
 * The rule as written on a sheet whose columns are `widthOf` characters wide (0: hidden;
 * undefined: not known, the full cue). In the rule's order of ranges within each look: full,
 * compact, border only.
 */
export function placeRule(
  rule: MarkRule,
  widthOf?: (column: number) => number | undefined,
): PlacedRule[] {
  const looks = markLooks(rule, widthOf);
  if (looks.length === 1 && looks[0]?.look === 'full') return [rule];
  const { numberFormat: full, valueChars: _chars, ...base } = rule;
  return looks.map(({ look, ranges }) =>
    look === 'full'
      ? { ...rule, ranges }
      : look === 'compact'
        ? { ...rule, ranges, numberFormat: compactMarkFormat(rule.status, full as string) }
        : { ...base, ranges, border: true, plain: true },
  );
}

/** Excel's column width in characters of the default font, from its width in points (Office.js). */
export function widthInCharacters(points: number): number {
  if (!(points > 0)) return 0;
  // 96 dpi: pixels = points × 4/3; a character of Calibri 11 is 7 px, plus 5 px of padding.
  return Math.max(0, (points * (4 / 3) - 5) / 7);
}
