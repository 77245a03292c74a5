/**
 * Errors as data: every reading function returns `{ success: false, error }` for bad input instead of
 * throwing. Inside the package, `XlsxFailure` carries an `XlsxError` up to the API boundary.
 *
 * An error is a code, a sub-reason where a code covers several cases, the numbers involved and
 * where it is (file, sheet, cell, part): no sentence. Words for users come from the catalogs of
 * the shells (the CLI's `describeReadError`, in Vietnamese and English), as the engine's findings
 * do.
 */

/** Every `XlsxError['code']`, at run time (to walk them all, e.g. to check a catalog has words). */
export const XLSX_ERROR_CODES = [
  'empty-file',
  'not-a-zip',
  'corrupt-zip',
  'old-xls',
  'encrypted',
  'zip-bomb',
  'too-large',
  'not-a-workbook',
  'corrupt-part',
  'missing-part',
  'no-such-sheet',
  'unreadable',
] as const;

export type XlsxErrorCode = (typeof XLSX_ERROR_CODES)[number];

/** Where a problem is, when known. */
export interface ErrorPlace {
  /** The file path (`readWorkbookFile`; see `withFile`). */
  readonly file?: string;
  /** The worksheet name, when the problem is in one sheet (or stops one sheet being read). */
  readonly sheet?: string;
  /** An A1 address, when the problem is in one cell. */
  readonly cell?: string;
  /** The zip entry (part name, e.g. "xl/worksheets/sheet1.xml"), when the problem is in one. */
  readonly part?: string;
}

/** The file has no bytes. */
export interface EmptyFileError extends ErrorPlace {
  readonly code: 'empty-file';
}

/**
 * The file is not a zip package: an XML or HTML document (a web page or an XML spreadsheet
 * saved with an .xlsx name), a PDF document, or anything else.
 */
export interface NotAZipError extends ErrorPlace {
  readonly code: 'not-a-zip';
  readonly kind: 'xml-or-html' | 'pdf' | 'other';
}

/** An Excel 97-2003 workbook (.xls, a compound file) with an .xlsx name. */
export interface OldXlsError extends ErrorPlace {
  readonly code: 'old-xls';
}

/**
 * Password-protected: without `part`, the whole workbook (an encrypted Office package, which is
 * a compound file); with `part`, that zip entry is encrypted.
 */
export interface EncryptedError extends ErrorPlace {
  readonly code: 'encrypted';
}

/**
 * A zip package that is not a workbook: an empty zip, an Excel binary workbook (.xlsb), a Word
 * document, a PowerPoint presentation, an OpenDocument file (.ods), or a zip with no workbook
 * part (`other`).
 */
export interface NotAWorkbookError extends ErrorPlace {
  readonly code: 'not-a-workbook';
  readonly kind: 'empty-zip' | 'xlsb' | 'docx' | 'pptx' | 'ods' | 'other';
}

/**
 * One zip entry's data expands beyond the compression-ratio limit. `declared`: its headers
 * declare `uncompressedSize` bytes from `compressedSize`, and its data really does expand past
 * the limit; `expands`: its data expands to more than `uncompressedSize` bytes (the most the
 * limit allows it) from `compressedSize`.
 */
export interface ZipBombError extends ErrorPlace {
  readonly code: 'zip-bomb';
  readonly reason: 'declared' | 'expands';
  readonly part: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** The limit, as uncompressed bytes per compressed byte (200 means 200:1). */
  readonly ratioLimit: number;
}

/**
 * Something is over a limit (`ReadLimits`): the file's bytes (`file`), the zip's entry count
 * (`entries`), the total uncompressed bytes the entries declare (`total`), a sheet's rows (`rows`:
 * `size` is the 1-based row number with data, `cell` a cell in it) or its cells with values
 * (`cells`). `memory`: the runtime could not allocate what reading needed.
 */
export type TooLargeError = ErrorPlace & { readonly code: 'too-large' } & (
    | {
        readonly what: 'file' | 'entries' | 'total' | 'rows' | 'cells';
        /** How much there is, when known (bytes for `file`, a count or row number otherwise). */
        readonly size?: number;
        /** The limit passed: bytes for `file` and `total`, a count otherwise. */
        readonly limit: number;
      }
    | { readonly what: 'memory' }
  );

/**
 * Damage in one zip entry (named in `part`):
 * - `sizes-disagree`: a stored (uncompressed) entry's two sizes differ;
 * - `checksum`: its content does not match its CRC-32;
 * - `cannot-inflate`: its compressed data cannot be decompressed;
 * - `no-local-header`: its local header is missing;
 * - `truncated`: its data runs past the end of the file;
 * - `outside-file`: the zip directory places it beyond the end of the file;
 * - `impossible-sizes`: the zip directory gives sizes no file can have;
 * - `encryption-headers-disagree` / `size-headers-disagree`: only one of its two headers says
 *   it is encrypted, or gives the size that puts the package over its total limit;
 * - `duplicate`: the package holds the part twice (names compared case-insensitively).
 */
export type CorruptEntryReason =
  | 'sizes-disagree'
  | 'checksum'
  | 'cannot-inflate'
  | 'no-local-header'
  | 'truncated'
  | 'outside-file'
  | 'impossible-sizes'
  | 'encryption-headers-disagree'
  | 'size-headers-disagree'
  | 'duplicate';

/**
 * Damage in the zip's structure: the end of the central directory is missing
 * (`no-directory-end`), the file is one part of a split archive (`split-archive`), the Zip64
 * directory is missing (`no-zip64-directory`), the directory lies outside the file
 * (`directory-outside-file`) or is damaged (`directory-damaged`).
 */
export type CorruptDirectoryReason =
  | 'no-directory-end'
  | 'split-archive'
  | 'no-zip64-directory'
  | 'directory-outside-file'
  | 'directory-damaged';

/** A damaged zip: the reason says what is wrong, the other fields the numbers involved. */
export type CorruptZipError = ErrorPlace & { readonly code: 'corrupt-zip' } & (
    | { readonly reason: CorruptEntryReason; readonly part: string }
    | { readonly reason: CorruptDirectoryReason }
    | {
        /** The directory's record of entry `entry` (1-based) of `entries` is damaged. */
        readonly reason: 'directory-entry-damaged';
        readonly entry: number;
        readonly entries: number;
      }
    | {
        /**
         * The entry decompresses to `size` bytes: more than the `declared` bytes its header
         * gives (`larger-than-declared`), or fewer (`smaller-than-declared`).
         */
        readonly reason: 'larger-than-declared' | 'smaller-than-declared';
        readonly part: string;
        readonly size: number;
        readonly declared: number;
      }
    | {
        /**
         * The entry declares `declared` bytes from `compressedSize`, past the compression-ratio
         * limit, but that size is damage, not a zip bomb: its two headers disagree
         * (`declared-headers-disagree`), its data cannot be decompressed
         * (`declared-cannot-inflate`).
         */
        readonly reason: 'declared-headers-disagree' | 'declared-cannot-inflate';
        readonly part: string;
        readonly declared: number;
        readonly compressedSize: number;
      }
    | {
        /** As above, and its data holds only `size` bytes. */
        readonly reason: 'declared-holds-less';
        readonly part: string;
        readonly declared: number;
        readonly compressedSize: number;
        readonly size: number;
      }
  );

/** What the XML reader met that is not well-formed: an unterminated …, or a tag without a name. */
export type XmlProblem =
  | 'unterminated-end-tag'
  | 'unterminated-processing-instruction'
  | 'unterminated-comment'
  | 'unterminated-cdata'
  | 'tag-without-name'
  | 'unterminated-start-tag'
  | 'unterminated-attribute-value'
  | 'unterminated-declaration';

/**
 * A part of the package (a sheet, the shared strings, the styles, …) that cannot be read. With
 * `sheet` (and `cell`, when the damage is inside one), it stops that sheet being read.
 */
export type CorruptPartError = ErrorPlace & {
  readonly code: 'corrupt-part';
  readonly part: string;
} & (
    | {
        /** Not well-formed XML: `problem` at character `at` (0-based) of the part's text. */
        readonly reason: 'not-well-formed';
        readonly problem: XmlProblem;
        readonly at: number;
      }
    | {
        /**
         * The sheet's part ends inside its cell data (truncated); or, for an annotated copy: the
         * workbook's relationships list no parts (`no-relationships`), the workbook part has no
         * sheet list (`no-sheet-list`), the styles an annotated copy needs cannot be added to
         * the styles part (`styles-not-extensible`).
         */
        readonly reason:
          | 'truncated-cell-data'
          | 'no-relationships'
          | 'no-sheet-list'
          | 'styles-not-extensible';
      }
    | {
        /** The part has no end tag `</element>` (for an annotated copy). */
        readonly reason: 'no-end-tag';
        readonly element: string;
      }
    | {
        /** The styles part's `collection` (e.g. "cellXfs") does not end (for an annotated copy). */
        readonly reason: 'unterminated-collection';
        readonly collection: string;
      }
    | {
        /**
         * Cells use cell format `style`, but the styles part has only `formats` of them: no
         * annotated copy can be made.
         */
        readonly reason: 'cell-format-out-of-range';
        readonly style: number;
        readonly formats: number;
      }
  );

/**
 * A part the workbook needs is not there: a part it refers to (`not-in-package`); the data of a
 * sheet, when the workbook does not say where it is (`sheet-part-unknown`) or the part it names
 * is not in the package (`sheet-part-missing`); the styles part an annotated copy needs
 * (`no-styles`).
 */
export type MissingPartError = ErrorPlace & { readonly code: 'missing-part' } & (
    | {
        readonly reason: 'not-in-package' | 'sheet-part-missing' | 'no-styles';
        readonly part: string;
      }
    | { readonly reason: 'sheet-part-unknown' }
  );

/** `readSheet` was asked for a sheet the workbook does not have. */
export interface NoSuchSheetError extends ErrorPlace {
  readonly code: 'no-such-sheet';
  readonly sheet: string;
}

/**
 * The workbook cannot be read for another reason: a zip entry uses compression `method`, which is
 * not supported (`compression-method`); the file does not exist (`not-found`), cannot be opened
 * for lack of permission (`permission-denied`), is a folder (`is-folder`), is locked by another
 * program (`locked`) or cannot be opened otherwise (`cannot-open`); or something unexpected
 * failed while reading (`unexpected`). `cause` is the runtime's own text, for developers: it
 * is not a sentence to show users.
 */
export type UnreadableError = ErrorPlace & { readonly code: 'unreadable' } & (
    | { readonly reason: 'compression-method'; readonly part: string; readonly method: number }
    | { readonly reason: 'not-found' | 'permission-denied' | 'is-folder' | 'locked' }
    | { readonly reason: 'cannot-open' | 'unexpected'; readonly cause?: string }
  );

/** Why a workbook could not be read: a discriminated union on `code`. */
export type XlsxError =
  | EmptyFileError
  | NotAZipError
  | CorruptZipError
  | OldXlsError
  | EncryptedError
  | ZipBombError
  | TooLargeError
  | NotAWorkbookError
  | CorruptPartError
  | MissingPartError
  | NoSuchSheetError
  | UnreadableError;

// `XLSX_ERROR_CODES` lists exactly the codes of `XlsxError`.
type Unlisted = Exclude<XlsxError['code'], XlsxErrorCode>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

/** Thrown inside the package only; the API functions turn it into `{ success: false, error }`. */
export class XlsxFailure extends Error {
  readonly error: XlsxError;

  constructor(error: XlsxError) {
    super(developerText(error));
    this.name = 'XlsxFailure';
    this.error = error;
  }
}

/** "xlsx: corrupt-zip checksum xl/worksheets/sheet1.xml": for developers, never shown to users. */
function developerText(error: XlsxError): string {
  const reason = 'reason' in error ? ` ${error.reason}` : '';
  const place = error.part ?? error.sheet;
  return `xlsx: ${error.code}${reason}${place === undefined ? '' : ` ${place}`}`;
}

export function fail(error: XlsxError): never {
  throw new XlsxFailure(error);
}

/** Turns anything thrown while reading into an `XlsxError`; never throws itself. */
export function toXlsxError(thrown: unknown): XlsxError {
  if (thrown instanceof XlsxFailure) return thrown.error;
  if (thrown instanceof RangeError) {
    // Typed-array or string allocations beyond what the runtime allows.
    return { code: 'too-large', what: 'memory' };
  }
  return {
    code: 'unreadable',
    reason: 'unexpected',
    cause: thrown instanceof Error ? thrown.message : String(thrown),
  };
}

/** Adds the file path to an error. */
export function withFile(error: XlsxError, file: string): XlsxError {
  return { ...error, file };
}
