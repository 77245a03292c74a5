export {
  type FormatNumberOptions,
  formatNumber,
  formatNumberVi,
  formatPercent,
  isPercentFormat,
  type NumberLocale,
} from './number-format.js';
export { EXCEL_ERRORS, PLACEHOLDERS, parseText, parseValue } from './parse-value.js';
export type {
  Expectation,
  InvalidReason,
  MissingReason,
  ParsedInvalid,
  ParsedMissing,
  ParsedNotOccurred,
  ParsedNumber,
  ParsedValue,
  ParseHow,
  ParseOptions,
  ValueScale,
} from './types.js';
