/**
 * The text functions of cli-table3 (its src/utils.js, CommonJS, no types of its own) that the
 * text report's table uses: report/table.ts.
 */
declare module 'cli-table3/src/utils.js' {
  const utils: {
    /** The display width of `text`: its widest line, colour codes left out. */
    strlen(text: string): number;
    /** Lines of `text` wrapped to `width` display columns (on word boundaries when `words`). */
    wordWrap(width: number, text: string, words?: boolean): string[];
    /** Each line with the colours open at its start reopened, and closed at its end. */
    colorizeLines(lines: readonly string[]): string[];
    /** `text` cut to `width` display columns, ending with `mark` when cut. */
    truncate(text: string, width: number, mark?: string): string;
    /** `text` padded with `fill` to `width` display columns. */
    pad(
      text: string,
      width: number,
      fill: string,
      align: 'left' | 'right' | 'center' | undefined,
    ): string;
  };
  export default utils;
}
