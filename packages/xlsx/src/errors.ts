/**
 * Errors as data: every reading function returns `{ success: false, error }` for bad input instead of
 * throwing. Inside the package, `XlsxFailure` carries an `XlsxError` up to the API boundary.
 */

export type XlsxErrorCode =
  | 'empty-file'
  | 'not-a-zip'
  | 'corrupt-zip'
  | 'old-xls'
  | 'encrypted'
  | 'zip-bomb'
  | 'too-large'
  | 'not-a-workbook'
  /** A part of the package (a sheet, the shared strings, the styles, …) is not well-formed XML. */
  | 'corrupt-part'
  /** A part the workbook refers to (a sheet's data) is not in the package. */
  | 'missing-part'
  | 'unreadable';

export interface XlsxError {
  readonly code: XlsxErrorCode;
  /** Plain English; names the file, part, sheet or cell when one is known. */
  readonly message: string;
  /** The file path, for `readWorkbookFile`. */
  readonly file?: string;
  /** The worksheet name, when the problem is in one sheet. */
  readonly sheet?: string;
  /** An A1 address, when the problem is in one cell. */
  readonly cell?: string;
  /** The zip entry (part name, e.g. "xl/worksheets/sheet1.xml"), when the problem is in one. */
  readonly part?: string;
}

/** Where a problem is: the sheet, cell and part it is in, when known. */
export interface ErrorPlace {
  readonly sheet?: string;
  readonly cell?: string;
  readonly part?: string;
}

/** Thrown inside the package only; the API functions turn it into `{ success: false, error }`. */
export class XlsxFailure extends Error {
  readonly error: XlsxError;

  constructor(error: XlsxError) {
    super(error.message);
    this.name = 'XlsxFailure';
    this.error = error;
  }
}

export function fail(code: XlsxErrorCode, message: string, where?: ErrorPlace): never {
  const error: { -readonly [K in keyof XlsxError]: XlsxError[K] } = { code, message };
  if (where?.sheet !== undefined) error.sheet = where.sheet;
  if (where?.cell !== undefined) error.cell = where.cell;
  if (where?.part !== undefined) error.part = where.part;
  throw new XlsxFailure(error);
}

/** Turns anything thrown while reading into an `XlsxError`; never throws itself. */
export function toXlsxError(thrown: unknown): XlsxError {
  if (thrown instanceof XlsxFailure) return thrown.error;
  if (thrown instanceof RangeError) {
    // Typed-array or string allocations beyond what the runtime allows.
    return { code: 'too-large', message: 'The workbook is too large to read in memory.' };
  }
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'unreadable', message: `The workbook could not be read (${detail}).` };
}

/** Adds the file path to an error: in `file` and at the start of the message. */
export function withFile(error: XlsxError, file: string): XlsxError {
  return { ...error, file, message: `${file}: ${error.message}` };
}
