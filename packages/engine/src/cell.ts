/**
 * A worksheet cell as the engine sees it: what Excel (through Office.js) or an .xlsx reader
 * can tell about one cell, with nothing host-specific.
 */
export type CellValueType = 'empty' | 'number' | 'string' | 'boolean' | 'error' | 'date';

export interface Cell {
  /** The raw value: a number (a percent-formatted 74,5 % is 0.745), a string, a boolean, or null. Error cells hold the error text, e.g. "#DIV/0!". Date cells hold the Excel serial number. */
  readonly value: string | number | boolean | null;
  /** The text Excel displays, e.g. "74,5%". */
  readonly text?: string;
  /** The number format code, e.g. "0.0%", "General", "@". */
  readonly numberFormat?: string;
  /** The value type; inferred from `value` when absent. */
  readonly type?: CellValueType;
}
