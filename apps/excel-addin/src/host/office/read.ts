/**
 * Reading a sheet or a range as the engine's grid.
 *
 * Round trips (`context.sync()`), the same whatever the sheet's size:
 * - readSheet: 2. The first loads only the used range's geometry, so a sheet that is too large is
 *   refused BEFORE any value crosses the wire (one Excel.run cannot both learn the size and bound
 *   what it loads in the same sync: an intersection with a fixed window bounds rows and columns
 *   separately, not their product). The second loads values, text, number formats, value types
 *   and the merged areas (ExcelApi 1.13, where supported) together. Only a sheet whose estimated
 *   response passes the payload budget is read in blocks of rows, one sync per block; a block
 *   whose response still passes Excel's limit is retried in halves.
 * - readRange: 1 (values, text, number formats, value types and the range's geometry). Whole rows
 *   or columns ("5:5", "B:D") and ranges over `maxCells` are refused from the address alone,
 *   before Excel is called (0).
 */
import {
  areaAddress,
  type Cell,
  type CellValueType,
  type Grid,
  type MergedArea,
  parseArea,
} from '@chitieu/engine';
import { numberType } from '../shared/number-type.js';
import { readableArea } from '../shared/readable.js';
import { HostError } from '../types.js';
import { excelRun, isPayloadError, type Limits } from './batch.js';

/** Sheets whose used range has more cells than this are refused before their values are read. */
export const MAX_CELLS = 2_000_000;
/** Estimated response bytes per cell for values + text + numberFormat + valueTypes. */
const BYTES_PER_CELL = 64;

function cellType(valueType: string, numberFormat: string): CellValueType | undefined {
  switch (valueType) {
    case 'Empty':
      return 'empty';
    case 'String':
      return 'string';
    case 'Double':
    case 'Integer':
      return numberType(numberFormat);
    case 'Boolean':
      return 'boolean';
    case 'Error':
      return 'error';
    default:
      // Unknown, RichValue: the engine infers the type from the value.
      return undefined;
  }
}

function toCell(
  value: unknown,
  text: unknown,
  numberFormat: unknown,
  valueType: unknown,
): Cell | undefined {
  const format = typeof numberFormat === 'string' ? numberFormat : 'General';
  const type = cellType(String(valueType), format);
  if (type === 'empty') return undefined;
  const raw =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : typeof text === 'string'
        ? text
        : null;
  return {
    value: raw,
    ...(typeof text === 'string' ? { text } : {}),
    numberFormat: format,
    ...(type ? { type } : {}),
  };
}

/** The loaded values, text, formats and types of a range's first `rowCount` rows, as grid rows. */
function gridRows(
  range: Pick<Excel.Range, 'values' | 'text' | 'numberFormat' | 'valueTypes'>,
  rowCount: number,
  columnCount: number,
): (Cell | undefined)[][] {
  const { values, text, numberFormat, valueTypes } = range;
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: (Cell | undefined)[] = [];
    for (let c = 0; c < columnCount; c++) {
      row.push(toCell(values[r]?.[c], text[r]?.[c], numberFormat[r]?.[c], valueTypes[r]?.[c]));
    }
    rows.push(row);
  }
  return rows;
}

/** Column widths are read with the values only for a used range of at most this many columns. */
export const MAX_WIDTH_COLUMNS = 64;

/**
 * The sheet's used range as a grid, with its merged areas when `withMerges` (ExcelApi 1.13).
 * `widths`, when given, gets the width in points of each column of the used range (0-based
 * sheet column → points; 0 for a hidden column), loaded in the same sync as the first block of
 * values — for a used range of at most MAX_WIDTH_COLUMNS columns: what the marks need to keep
 * a number and its symbol within their column.
 */
export async function readSheet(
  name: string,
  limits: Limits,
  withMerges: boolean,
  widths?: Map<number, number>,
): Promise<Grid> {
  return excelRun(name, async (context) => {
    const sheet = context.workbook.worksheets.getItem(name);
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load('address,rowIndex,columnIndex,rowCount,columnCount');
    await context.sync(); // 1: geometry only
    if (used.isNullObject) return { name, rows: [], merges: [], origin: { row: 0, column: 0 } };

    const { rowIndex, columnIndex, rowCount, columnCount } = used;
    if (rowCount * columnCount > limits.maxCells) {
      throw new HostError({
        code: 'too-large',
        reason: 'used-range',
        sheet: name,
        address: used.address.slice(used.address.lastIndexOf('!') + 1),
        cells: rowCount * columnCount,
        limit: limits.maxCells,
      });
    }

    // 2: values, text, formats, types and merges in one sync. Only a sheet whose estimated
    // response passes the payload budget is read in blocks of rows, one sync per block.
    const rows: (Cell | undefined)[][] = [];
    let merges: MergedArea[] = [];
    let mergesPending = withMerges;
    let rowsPerSync = Math.max(
      1,
      Math.floor(limits.payloadBudget / (BYTES_PER_CELL * Math.max(1, columnCount))),
    );
    let widthsPending = widths !== undefined && columnCount <= MAX_WIDTH_COLUMNS;
    let start = 0;
    while (start < rowCount) {
      const count = Math.min(rowsPerSync, rowCount - start);
      const block = sheet.getRangeByIndexes(rowIndex + start, columnIndex, count, columnCount);
      block.load('values,text,numberFormat,valueTypes');
      let merged: Excel.RangeAreas | undefined;
      if (mergesPending) {
        merged = sheet
          .getRangeByIndexes(rowIndex, columnIndex, rowCount, columnCount)
          .getMergedAreasOrNullObject();
        merged.load('areas/items/address');
      }
      const columns = widthsPending
        ? Array.from({ length: columnCount }, (_, c) => {
            const format = sheet.getRangeByIndexes(rowIndex, columnIndex + c, 1, 1).format;
            format.load('columnWidth');
            return format;
          })
        : [];
      try {
        await context.sync();
      } catch (error) {
        // Estimates can be wrong (long texts): past the limit, retry the block in halves.
        if (isPayloadError(error) && count > 1) {
          rowsPerSync = Math.ceil(count / 2);
          continue;
        }
        throw error;
      }
      if (merged) {
        mergesPending = false;
        if (!merged.isNullObject) {
          merges = merged.areas.items
            .map((area) => parseArea(area.address))
            .filter((area): area is MergedArea => area !== undefined);
        }
      }
      if (widthsPending && widths) {
        widthsPending = false;
        widths.clear();
        columns.forEach((format, c) => {
          widths.set(columnIndex + c, format.columnWidth);
        });
      }
      rows.push(...gridRows(block, count, columnCount));
      start += count;
    }
    return { name, rows, merges, origin: { row: rowIndex, column: columnIndex } };
  });
}

/** The cells of one small A1 range as a grid with the range's top-left cell as its origin. */
export async function readRange(sheetName: string, address: string, limits: Limits): Promise<Grid> {
  // Refused here, before Excel is asked for anything: Excel would load a whole row or column.
  const area = readableArea(sheetName, address, limits.maxCells);
  return excelRun(sheetName, async (context) => {
    const range = context.workbook.worksheets.getItem(sheetName).getRange(areaAddress(area));
    range.load('values,text,numberFormat,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
    await context.sync(); // 1
    return {
      name: sheetName,
      rows: gridRows(range, range.rowCount, range.columnCount),
      merges: [],
      origin: { row: range.rowIndex, column: range.columnIndex },
    };
  });
}
