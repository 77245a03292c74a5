/**
 * The add-in's one use of number-format knowledge: whether a number cell holds a date, by its
 * format code. Both hosts ask here, with the same rule as @chitieu/xlsx, so a workbook gets the
 * same findings in Excel, in the in-memory host and on the command line. (The format-code
 * classification is to move into the engine; this is the one import to change then.)
 */
import { isDateFormat } from '@chitieu/engine';

/** The value type of a number cell with this number format: a date or a number. */
export function numberType(numberFormat: string): 'date' | 'number' {
  return isDateFormat(numberFormat) ? 'date' : 'number';
}
