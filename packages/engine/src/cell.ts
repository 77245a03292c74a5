/**
 * A worksheet cell as the engine sees it: what Excel (through Office.js) or an .xlsx reader
 * can tell about one cell, with nothing host-specific.
 */
export type CellValueType = 'empty' | 'number' | 'string' | 'boolean' | 'error' | 'date';

/** Why a file reader could not read a cell as stored (see `Cell.malformed`). */
export type MalformedCellReason =
  /** The cell's reference is not an A1 address (the cell is placed where it stands in its row). */
  | 'bad-reference'
  /** A shared-string index beyond the workbook's shared strings, or not an index. */
  | 'bad-shared-string'
  /** A number cell whose stored value is not a number. */
  | 'bad-number'
  /** A boolean cell whose stored value is not 0, 1, true or false. */
  | 'bad-boolean'
  /** A value type the file format does not have. */
  | 'unknown-type';

export interface Cell {
  /** The raw value: a number (a percent-formatted 74,5 % is 0.745), a string, a boolean, or null. Error cells hold the error text, e.g. "#DIV/0!". Date cells hold the Excel serial number. */
  readonly value: string | number | boolean | null;
  /** The text Excel displays, e.g. "74,5%". */
  readonly text?: string;
  /** The number format code, e.g. "0.0%", "General", "@". */
  readonly numberFormat?: string;
  /** The value type; inferred from `value` when absent. */
  readonly type?: CellValueType;
  /**
   * Set by a file reader when the cell as stored in the file could not be read; `value` and
   * `text` then hold what was stored, as written. Such a cell is an invalid value
   * (`unreadable`, with the reason as its detail) whatever its value and type.
   */
  readonly malformed?: MalformedCellReason;
  /**
   * Set by a file reader for a formula whose result the file does not hold (a workbook written
   * by a program and never opened in Excel: `<f>` without `<v>`). `value` is then null; the
   * cell is a missing value that says so ("chưa tính"), not a blank.
   */
  readonly uncalculated?: boolean;
}
