/**
 * @chitieu/engine — the public door. Every export is named here; nothing else is public.
 */

// Sheet checks: annex recognition, findings with cells, summary, mark plan
export {
  type AnnexLayout,
  type CheckContext,
  type CheckSheetOptions,
  type CheckSummary,
  type ContextSource,
  checkSheet,
  type InputNeeded,
  type LayoutRowInfo,
  type SheetCheck,
  type SheetFinding,
} from './annex/check.js';
export {
  type ContentCell,
  type ContentLink,
  cutText,
  EXCEL_CELL_TEXT_LIMIT,
  type SheetContent,
} from './annex/content.js';
export type { AnnexColumn, ColumnRole, RowKind } from './annex/layout.js';
export {
  type CellThreshold,
  isMarkFormula,
  MARK_FORMULA_TAG,
  MARK_STATUSES,
  MARK_STYLES,
  type MarkCondition,
  type MarkedCell,
  type MarkGroup,
  type MarkPlan,
  type MarkRule,
  type MarkStatus,
  type MarkStyle,
  markNumberFormat,
  markRuleFormula,
} from './annex/marks.js';
export {
  REPORT_SHEET_NAME,
  type ReportSheetEntry,
  type ReportSheetOptions,
  type ReportStatus,
  reportSheet,
  statusLabel,
} from './annex/report.js';
export { type AnnexTemplateOptions, annexTemplate } from './annex/template.js';
// Cells and grids: the engine's input
export type { Cell, CellValueType } from './cell.js';
// Evaluation
export {
  type AchievedValue,
  applicableRow,
  type EvaluateInput,
  type EvaluateOptions,
  evaluate,
  expectationFor,
  meets,
  minimumFor,
  parseIndicatorValue,
  type RowChoice,
  rowComparator,
  type UnitRef,
} from './evaluate.js';
export {
  type BelowMinimumFinding,
  type EvaluationCode,
  type EvaluationFinding,
  FINDING_CODES,
  type Finding,
  type FindingCode,
  type InvalidValueFinding,
  type MetFinding,
  type Minimum,
  type MinimumSource,
  type MissingValueFinding,
  type NotAnAnnexFinding,
  type NotApplicableFinding,
  type NotApplicableReason,
  QUARTERS,
  type Quarter,
  type SheetOnlyFinding,
  type TargetMismatchFinding,
  type UnrecognisedRowFinding,
} from './findings.js';
export { columnName, fromA1, type Grid, type MergedArea, toA1 } from './grid.js';
export { targetSetJsonSchema } from './json-schema.js';
// Messages (words at the edge)
export { type Catalog, catalogs, LOCALES, type Locale } from './messages/catalog.js';
export { type DescribeOptions, describeFinding, formatInUnit } from './messages/describe.js';
export {
  describeTargetSetProblem,
  type IdList,
  type JsonKind,
  type TargetSetProblem,
} from './messages/target-set.js';
// Value parsing
export {
  EXCEL_ERRORS,
  type Expectation,
  type FormatNumberOptions,
  formatNumber,
  formatNumberVi,
  formatPercent,
  type InvalidReason,
  isPercentFormat,
  type MissingReason,
  type NumberLocale,
  type ParsedInvalid,
  type ParsedMissing,
  type ParsedNumber,
  type ParsedValue,
  type ParseHow,
  type ParseOptions,
  PLACEHOLDERS,
  parseText,
  parseValue,
  type ValueScale,
} from './parse/index.js';
// Target sets: schemas, loading, built-ins
export {
  type AppliesTo,
  AppliesToSchema,
  type Comparator,
  ComparatorSchema,
  type Direction,
  DirectionSchema,
  type DocumentRef,
  DocumentRefSchema,
  defaultComparator,
  type Indicator,
  IndicatorSchema,
  type Level,
  LevelSchema,
  type Note,
  NoteSchema,
  QuarterlySchema,
  type Section,
  SectionSchema,
  type TargetNumber,
  type TargetRow,
  TargetRowSchema,
  type TargetSet,
  type TargetSetInput,
  TargetSetSchema,
  type TargetValue,
  TargetValueSchema,
  type Unit,
  UnitSchema,
} from './schema.js';
export {
  BUILTIN_TARGET_SET_IDS,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
} from './target-sets/index.js';
export {
  formatIssuePath,
  formatTargetSetError,
  MAX_TARGET_SET_FILE_BYTES,
  parseTargetSet,
  parseTargetSetJson,
  type TargetSetError,
  type TargetSetIssue,
  type TargetSetParseOptions,
  type TargetSetResult,
} from './target-sets/load.js';
export { normalizeText, splitAgencies } from './text.js';
