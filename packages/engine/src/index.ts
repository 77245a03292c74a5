/**
 * @chitieu/engine — the public door. Every export is named here; nothing else is public.
 */

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
  type InvalidValueFinding,
  type MetFinding,
  type Minimum,
  type MinimumSource,
  type MissingValueFinding,
  type NotApplicableFinding,
  type NotApplicableReason,
  QUARTERS,
  type Quarter,
} from './findings.js';
export { columnName, fromA1, type Grid, type MergedArea, toA1 } from './grid.js';
export { targetSetJsonSchema } from './json-schema.js';
// Messages (words at the edge)
export { type Catalog, catalogs, LOCALES, type Locale } from './messages/catalog.js';
export { type DescribeOptions, describeFinding, formatInUnit } from './messages/describe.js';
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
  parseTargetSet,
  parseTargetSetJson,
  type TargetSetError,
  type TargetSetIssue,
  type TargetSetResult,
} from './target-sets/load.js';
export { normalizeText, splitAgencies } from './text.js';
