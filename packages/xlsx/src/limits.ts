/** Size limits that protect reading from zip bombs and from workbooks too big to check. */
export interface ReadLimits {
  /** The largest file accepted, in bytes (the compressed .xlsx). */
  readonly maxFileSize: number;
  /** The largest sum of the uncompressed sizes the zip entries declare, in bytes. */
  readonly maxTotalUncompressed: number;
  /** The highest uncompressed : compressed ratio of one entry... */
  readonly maxCompressionRatio: number;
  /** ...checked for entries declaring more than this many uncompressed bytes. */
  readonly ratioCheckMinSize: number;
  /** The most zip entries. */
  readonly maxEntries: number;
  /** The most rows per sheet: a value in a row at or beyond this (0-based) index is too large. */
  readonly maxRows: number;
  /** The most cells holding a value per sheet. */
  readonly maxCells: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = Object.freeze({
  maxFileSize: 100 * MB,
  maxTotalUncompressed: 500 * MB,
  maxCompressionRatio: 200,
  ratioCheckMinSize: 1 * MB,
  maxEntries: 10_000,
  maxRows: 200_000,
  maxCells: 5_000_000,
});

export interface ReadOptions {
  /** Overrides for some of `DEFAULT_LIMITS`. */
  readonly limits?: Partial<ReadLimits>;
  /**
   * Read only the worksheets with these names (exact match first, then case-insensitive, as
   * Excel compares sheet names). Names not in the workbook are ignored; see `listSheets`.
   */
  readonly sheets?: readonly string[];
  /** The decimal separator of `Cell.text`; default ',' (Vietnamese Excel). Thousands use the other one. */
  readonly decimalSeparator?: ',' | '.';
  /**
   * Keep cells that have a style but no value, as `{ value: null, type: 'empty', numberFormat }`
   * (default false: such cells are left out, so grids stay sparse).
   */
  readonly keepEmptyStyledCells?: boolean;
  /**
   * Keep the text of each worksheet read (default false), for an annotated copy made from this
   * reader (`annotateWorkbook`'s `reader`): the copy then neither inflates nor reads its parts
   * again. `true` keeps up to KEPT_SHEET_TEXT characters in all; a number, up to that many. A
   * sheet read past them is not kept (the copy reads it again).
   */
  readonly keepSheetTexts?: boolean | number;
}

/** What `keepSheetTexts: true` keeps at most: 64 million characters of sheet text. */
export const KEPT_SHEET_TEXT = 64 * 1024 * 1024;

export function resolveLimits(options: ReadOptions | undefined): ReadLimits {
  const given = options?.limits;
  if (given === undefined) return DEFAULT_LIMITS;
  const out: { -readonly [K in keyof ReadLimits]: number } = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const value = given[key];
    if (typeof value === 'number' && !Number.isNaN(value) && value >= 0) out[key] = value;
  }
  return out;
}
