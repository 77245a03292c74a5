/**
 * @chitieu/engine — the public door: what the shells (the xlsx package, the command line, the
 * add-in, the scripts and benches) use, and the types they need. Every export is named here;
 * nothing else is public. The engine's own tests reach its modules directly.
 */

// Checking a sheet
export type {
  CheckContext,
  CheckSheetOptions,
  CheckSummary,
  ContextSource,
  InputNeeded,
  SheetCheck,
  SheetFinding,
} from './annex/check.js';
export { checkSheet, withNotices } from './annex/check.js';
// What the engine writes into workbooks: marks, the report sheet, the annex template
export type { ContentCell, ContentLink, SheetContent } from './annex/content.js';
export { cutText, EXCEL_CELL_TEXT_LIMIT } from './annex/content.js';
export type { MarkLook, MarkNote, MarkPlan, MarkRule } from './annex/marks.js';
export {
  compactMarkFormat,
  isMarkFormula,
  MARK_NOTE_PREFIX,
  markLooks,
  markNotes,
  markNumberFormat,
  markRuleFormula,
} from './annex/marks.js';
export type {
  EmbeddedSetDiffersNotice,
  EmbeddedSetIssue,
  EmbeddedSetUnreadableNotice,
  EmbeddedSetUsedNotice,
  NoticeCode,
  SheetNotice,
} from './annex/notices.js';
export { NOTICE_CODES } from './annex/notices.js';
export { REPORT_SHEET_NAME, reportSheet } from './annex/report.js';
export type { SkipReason } from './annex/skipped.js';
export { SKIP_REASONS, skippedSheet } from './annex/skipped.js';
export { annexTemplate, templateLayoutSet, templateSheetName } from './annex/template.js';
export { officialUnitName, sameUnit, unitKey } from './annex/unit-name.js';
// Cells, grids and A1 addresses
export type { Cell, CellValueType } from './cell.js';
export { COMPARATORS } from './comparators.js';
// Evaluating values without a sheet
export type { UnitRef } from './evaluate.js';
export { applicableRow, evaluate, parseIndicatorValue } from './evaluate.js';
export type { FindingList, FindingStoreData } from './finding-list.js';
export { FindingStore, findingsOf } from './finding-list.js';
// Findings and their statuses
export type {
  Finding,
  FindingCode,
  FindingUnit,
  Quarter,
  UnitTableMissing,
} from './findings.js';
export { QUARTERS, unitPlace } from './findings.js';
export type { Grid, MergedArea } from './grid.js';
export {
  areaAddress,
  cellRects,
  columnName,
  EXCEL_MAX_COLUMN,
  EXCEL_MAX_ROW,
  fromA1,
  parseArea,
  toA1,
} from './grid.js';
// Importing an official annex into a target set
export { importTargetSet } from './import/import-set.js';
export { IMPORT_LEVELS } from './import/levels.js';
export type {
  ImportError,
  ImportedTargetSet,
  ImportOptions,
  ImportReviewRow,
  ImportWarning,
  ImportWarningCode,
  ReviewValue,
  ValueReading,
} from './import/types.js';
export { targetSetJsonSchema } from './json-schema.js';
// Words (Vietnamese by default)
export type { Locale } from './messages/catalog.js';
export { quarterName } from './messages/catalog.js';
export { describeFinding, findingNote, formatInUnit } from './messages/describe.js';
export { describeImportError, describeImportWarning } from './messages/import.js';
export { indicatorName, levelName, localized } from './messages/localized.js';
export { describeNotice } from './messages/notices.js';
export { describeSkipReason } from './messages/skipped.js';
export type { TargetSetProblem } from './messages/target-set.js';
export { describeTargetSetProblem } from './messages/target-set.js';
export type { FormatContext } from './parse/format-code.js';
export {
  builtInFormat,
  formatWithCode,
  isDateFormat,
  isoToSerial,
  serialToDate,
} from './parse/format-code.js';
export { parseValue } from './parse/parse-value.js';
export { INVALID_FIELDS } from './parse/types.js';
// The consolidated report: units × indicators over every quarter, the roster, the change
export type {
  IndicatorCell,
  IndicatorChange,
  PreviousUnit,
  QuarterCell,
  RosterEntry,
  RosterMatch,
  SetMatrix,
  Submission,
  SupersededSource,
  UnitChange,
  UnitRow,
  UnitSource,
  UnitsMatrix,
} from './report/units.js';
export {
  compareWithPrevious,
  indicatorTally,
  matchRoster,
  notReadInUnit,
  supersededUnits,
  unitsMatrix,
  worseStatus,
  worstStatus,
} from './report/units.js';
export type { Result } from './result.js';
// Target sets
export type { Indicator, TargetNumber, TargetSet, TargetSetInput, Unit } from './schema.js';
export { targetSetSchema } from './schema.js';
export type { MarkStatus, Status, StatusCounts } from './status.js';
export { countByStatus, SEVERITY, STATUS, statusLabel, statusOf, statusWord } from './status.js';
export {
  BUILTIN_TARGET_SET_IDS,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
} from './target-sets/index.js';
export {
  formatTargetSetError,
  MAX_TARGET_SET_FILE_BYTES,
  parseTargetSetJson,
} from './target-sets/load.js';
export { normalizeText } from './text.js';
// Unit tables (one row per unit): checked by checkSheet when a sheet is not an annex
export type {
  TableColumn,
  TableUnit,
  UnitLevelSource,
  UnitTableInfo,
} from './unit-table/check.js';
