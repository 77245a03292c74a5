export type { FormatContext } from '@chitieu/engine';
// Format codes are the engine's (one home); re-exported under the names this package gave them.
export { builtInFormat, formatWithCode as formatNumber, isDateFormat } from '@chitieu/engine';
export type {
  AnnotatedWorkbook,
  AnnotateOptions,
  AnnotateResult,
  SheetAnnotation,
} from './annotate/index.js';
export { annotateWorkbook } from './annotate/index.js';
/** Text with & < > " as entities (XML and HTML text alike): one home for the markup escape. */
export { escapeXml } from './annotate/parts.js';
export { workbookModified } from './core-props.js';
export type {
  EmbeddedSetProblem,
  EmbeddedSets,
  EmbeddedTargetSet,
  StoredSetChoice,
  StoredSetOptions,
  TargetSetDifferences,
} from './embedded.js';
export {
  appliesToSheet,
  chooseStoredSet,
  compareTargetSets,
  EMBEDDED_SET_NAMESPACE,
  embeddedTargetSetItem,
  embeddedTargetSetXml,
  parseEmbeddedTargetSetXml,
  readEmbeddedTargetSets,
} from './embedded.js';
export {
  canonicalJson,
  canonicalTargetSetJson,
  sha256Hex,
  targetSetFingerprint,
} from './embedded-fingerprint.js';
export type {
  CorruptDirectoryReason,
  CorruptEntryReason,
  CorruptPartError,
  CorruptZipError,
  EmptyFileError,
  EncryptedError,
  ErrorPlace,
  MissingPartError,
  NoSuchSheetError,
  NotAWorkbookError,
  NotAZipError,
  OldXlsError,
  TooLargeError,
  UnreadableError,
  XlsxError,
  XlsxErrorCode,
  XmlProblem,
  ZipBombError,
} from './errors.js';
export { XLSX_ERROR_CODES } from './errors.js';
export { readWorkbookFile } from './file.js';
export type { ReadLimits, ReadOptions } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
export type { SheetState } from './parts.js';
export type { MalformedCell, MalformedCellDetail, MalformedCellReason } from './sheet.js';
export { MALFORMED_CELL_CODES } from './sheet.js';
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
export type { TemplateWorkbook, TemplateWorkbookOptions } from './write/template.js';
export { writeTemplateWorkbook } from './write/template.js';
export type {
  ConditionalFormat,
  ConditionalStyle,
  CustomXmlItem,
  NewSheet,
  NewWorkbookOptions,
} from './write/workbook.js';
export { sheetNameProblem, writeWorkbook } from './write/workbook.js';
export type { RawEntry, XlsxPackage, ZipEntry } from './zip.js';
