export type {
  AnnotatedWorkbook,
  AnnotateOptions,
  AnnotateResult,
  SheetAnnotation,
} from './annotate/index.js';
export { annotateWorkbook } from './annotate/index.js';
export type { ErrorPlace, XlsxError, XlsxErrorCode } from './errors.js';
export { readWorkbookFile } from './file.js';
export type { ReadLimits, ReadOptions } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
export type { FormatContext } from './number-format.js';
export { builtInFormat, formatNumber, isDateFormat } from './number-format.js';
export type { SheetState } from './parts.js';
export type { MalformedCell, MalformedCellReason } from './sheet.js';
export type {
  ListResult,
  OpenResult,
  ReadResult,
  SheetData,
  SheetInfo,
  SheetResult,
  WorkbookData,
  WorkbookReader,
} from './workbook.js';
export { listSheets, openWorkbook, readWorkbook } from './workbook.js';
export type { RawEntry, XlsxPackage, ZipEntry } from './zip.js';
