/**
 * The Office.js implementation of `WorkbookHost`: the only file that talks to Excel.
 *
 * Office.js is loaded by a CDN script tag, never imported: the globals `Excel` and `Office` are
 * read only inside functions, so tests can install a fake of them (test/fake-excel.ts).
 *
 * Requirement sets. Floor: ExcelApi 1.12 (Office 2021 and later; worksheet custom properties).
 * Above the floor only when `isSetSupported` says so: merged areas (1.13), notes (1.18, only
 * reported for now).
 *
 * Round trips (`context.sync()`), the same whatever the sheet's size:
 * - readSheet: 2. The first loads only the used range's geometry, so a sheet that is too large is
 *   refused BEFORE any value crosses the wire (one Excel.run cannot both learn the size and bound
 *   what it loads in the same sync: an intersection with a fixed window bounds rows and columns
 *   separately, not their product). The second loads values, text, number formats, value types
 *   and the merged areas together.
 * - applyMarks: 2. The first loads the sheet's conditional formats (ids, types, formulas) and the
 *   record of the add-in's rules, AND queues the new rules after those loads, so their ids come
 *   back with it. The second deletes the add-in's earlier rules and writes the record of the new
 *   ids. (Deleting first would need the new ids in a third sync to record them.)
 * - clearMarks: 2 (1 when there is nothing to remove); selectCell, activeSheet, listSheets: 1;
 *   settings: 0 (Office.context.document.settings, saved with saveAsync).
 * More syncs happen only past Excel's payload limit (about 5 MB per request or response, Excel on
 * the web): requests are estimated from the rules' address and formula lengths and split only
 * when the estimate passes `PAYLOAD_BUDGET`; a values response that still exceeds the limit is
 * retried in halves. Nothing syncs once per row, per cell or per rule.
 *
 * Conditional formats. Excel adds a conditional format at the TOP of the sheet's priority list.
 * The add-in adds its rules last to first, so they end up above the user's own rules in the
 * plan's order (the plan's first rule has the highest priority). Each has stopIfTrue: where a
 * mark applies, its colour and symbol win and the user's lower rules are not applied to that
 * cell; everywhere else the user's rules work as before. The user's rules keep their relative
 * order, and get back their exact priorities when the marks are removed. Rules are recognised
 * by the engine's formula tag (`isMarkFormula`), which covers copies annotated by the command
 * line and ids that changed after a reopen, and by the ids recorded in the worksheet custom
 * property `chitieu.marks`. The add-in never calls `conditionalFormats.clearAll()` and never
 * writes a cell's value, formula or format.
 */
import {
  type Cell,
  type CellValueType,
  fromA1,
  type Grid,
  isMarkFormula,
  MARK_STYLES,
  type MarkPlan,
  type MarkRule,
  type MergedArea,
  markRuleFormula,
} from '@chitieu/engine';
import { isDateFormat } from '@chitieu/xlsx';
import { type ApplyResult, type HostCapabilities, HostError, type WorkbookHost } from './types.js';

/** Worksheet custom property holding the ids of the add-in's conditional formats. */
export const MARKS_PROPERTY = 'chitieu.marks';
/** Document settings key of the pane's settings. */
export const SETTINGS_KEY = 'chitieu.settings';
/** Sheets whose used range has more cells than this are refused before their values are read. */
export const MAX_CELLS = 2_000_000;
/** What one request or response may carry: below Excel on the web's 5 MB, with a margin. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/**
 * Longest address string given to `getRanges` for one conditional format. Excel refuses long
 * multi-area addresses (OfficeDev/office-js#5198 fails at about 8,000 characters, sometimes
 * fewer), so a rule with many ranges becomes several conditional formats.
 */
export const MAX_ADDRESS_LENGTH = 1000;

/** Estimated response bytes per cell for values + text + numberFormat + valueTypes. */
const BYTES_PER_CELL = 64;
/** Estimated request bytes of one added conditional format (about ten actions) before its address and formula. */
const ADD_OVERHEAD = 2500;
/** Estimated request bytes of deleting one conditional format. */
const DELETE_OVERHEAD = 400;

export interface OfficeHostOptions {
  readonly maxCells?: number;
  readonly payloadBudget?: number;
  readonly maxAddressLength?: number;
}

/** What the add-in records with a sheet: the ids of the conditional formats it added. */
export interface MarksRecord {
  readonly version: 1;
  readonly ids: readonly string[];
}

/** One conditional format to add: a plan rule, or one part of a rule with very many ranges. */
export interface MarkPart {
  readonly rule: MarkRule;
  readonly ranges: readonly string[];
  /** The ranges joined for `getRanges`, e.g. "J11:K11,J13:K13". */
  readonly address: string;
  /** The formula with its leading "=", relative to the part's first cell. */
  readonly formula: string;
}

function firstCell(range: string): string {
  return (range.split(':')[0] ?? range).replace(/\$/g, '');
}

/**
 * Splits a rule's ranges into parts whose address is at most `maxLength` characters, in order;
 * each part's formula is anchored at its own first cell, as Excel reads relative references.
 */
export function splitRule(rule: MarkRule, maxLength = MAX_ADDRESS_LENGTH): MarkPart[] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const range of rule.ranges) {
    const added = current.length === 0 ? range.length : length + 1 + range.length;
    if (current.length > 0 && added > maxLength) {
      groups.push(current);
      current = [range];
      length = range.length;
    } else {
      current.push(range);
      length = added;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups.map((ranges) => ({
    rule,
    ranges,
    address: ranges.join(','),
    formula: `=${markRuleFormula(rule.condition, firstCell(ranges[0] as string))}`,
  }));
}

/** Groups items, in order, so each group's estimated size stays within `budget` (one sync each). */
export function batchBySize<T>(
  items: readonly T[],
  size: (item: T) => number,
  budget: number,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && total + s > budget) {
      batches.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += s;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function addBytes(part: MarkPart): number {
  return (
    ADD_OVERHEAD +
    part.address.length * 2 +
    part.formula.length +
    (part.rule.numberFormat?.length ?? 0)
  );
}

/** Parses the recorded ids; anything unreadable counts as no record (the formula tag still finds the rules). */
export function parseMarksRecord(value: string | undefined): Set<string> {
  if (!value) return new Set();
  try {
    const parsed: unknown = JSON.parse(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { version?: unknown }).version === 1 &&
      Array.isArray((parsed as { ids?: unknown }).ids)
    ) {
      return new Set(
        (parsed as { ids: unknown[] }).ids.filter((id): id is string => typeof id === 'string'),
      );
    }
  } catch {
    // Not JSON: ignored.
  }
  return new Set();
}

/** "'Sheet 1'!A9:B10" → { top: 8, left: 0, bottom: 9, right: 1 } (0-based, inclusive). */
export function parseArea(address: string): MergedArea | undefined {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a = '', b = a] = local.split(':');
  const start = fromA1(a);
  const end = fromA1(b);
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

function cellType(valueType: string, numberFormat: string): CellValueType | undefined {
  switch (valueType) {
    case 'Empty':
      return 'empty';
    case 'String':
      return 'string';
    case 'Double':
    case 'Integer':
      // The same rule as @chitieu/xlsx, so a workbook gets the same findings in Excel and on the command line.
      return isDateFormat(numberFormat) ? 'date' : 'number';
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

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String((error as { code: unknown }).code);
  }
  return '';
}

function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** Any failure as a HostError with a plain message (never a raw Office.js exception). */
export function toHostError(error: unknown, sheet?: string): HostError {
  if (error instanceof HostError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ItemNotFound' && sheet !== undefined) {
    return new HostError('not-found', `No worksheet "${sheet}".`);
  }
  if (isPayloadError(error)) {
    return new HostError(
      'too-large',
      `The worksheet${sheet === undefined ? '' : ` "${sheet}"`} is too large for one request to Excel.`,
    );
  }
  if (code === 'ApiNotFound') {
    return new HostError('unsupported', `This version of Excel lacks a needed feature: ${message}`);
  }
  return new HostError('office', `Excel reported an error${code ? ` (${code})` : ''}: ${message}`);
}

interface LoadedMarks {
  readonly formats: Excel.ConditionalFormatCollection;
  readonly record: Excel.WorksheetCustomProperty;
}

/** Queues the loads that tell which conditional formats are the add-in's (no sync). */
function queueMarksLoad(sheet: Excel.Worksheet): LoadedMarks {
  const formats = sheet.getRange().conditionalFormats;
  // customOrNullObject, not custom: loading `items/custom/...` fails the whole sync as soon as
  // the sheet has a data bar, colour scale or icon set (OfficeDev/office-js#2180).
  formats.load('items/id,items/type,items/customOrNullObject/rule/formula');
  const record = sheet.customProperties.getItemOrNullObject(MARKS_PROPERTY);
  record.load('value');
  return { formats, record };
}

/**
 * The add-in's rules among the loaded ones: a custom rule whose formula carries the engine's
 * tag, or, when its formula cannot be read, whose id is recorded. A recorded id on a rule whose
 * formula lacks the tag is a user's rule that reuses a stale id: it is kept.
 */
function ownedIds(loaded: LoadedMarks, exclude: ReadonlySet<string>): string[] {
  const recorded = parseMarksRecord(loaded.record.isNullObject ? undefined : loaded.record.value);
  const owned: string[] = [];
  for (const item of loaded.formats.items) {
    if (exclude.has(item.id) || item.type !== 'Custom') continue;
    const custom = item.customOrNullObject;
    const formula = custom.isNullObject ? undefined : custom.rule.formula;
    const ours = formula ? isMarkFormula(formula) : recorded.has(item.id);
    if (ours) owned.push(item.id);
  }
  return owned;
}

export class OfficeHost implements WorkbookHost {
  readonly kind = 'office' as const;
  private readonly maxCells: number;
  private readonly payloadBudget: number;
  private readonly maxAddressLength: number;

  /** Throws HostError('unsupported') below ExcelApi 1.12 or outside Office. */
  constructor(options: OfficeHostOptions = {}) {
    if (!OfficeHost.isSupported()) {
      throw new HostError(
        'unsupported',
        'Chỉ Tiêu needs Excel 2021, Microsoft 365 or Excel on the web (ExcelApi 1.12).',
      );
    }
    this.maxCells = options.maxCells ?? MAX_CELLS;
    this.payloadBudget = options.payloadBudget ?? PAYLOAD_BUDGET;
    this.maxAddressLength = options.maxAddressLength ?? MAX_ADDRESS_LENGTH;
  }

  /** Whether Office.js is loaded and Excel supports the floor, ExcelApi 1.12. */
  static isSupported(): boolean {
    return (
      typeof Office !== 'undefined' &&
      typeof Excel !== 'undefined' &&
      Office.context?.requirements?.isSetSupported('ExcelApi', '1.12') === true
    );
  }

  get capabilities(): HostCapabilities {
    const supports = (version: string) =>
      Office.context.requirements.isSetSupported('ExcelApi', version);
    return { mergedAreas: supports('1.13'), notes: supports('1.18') };
  }

  private async run<T>(
    sheet: string | undefined,
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    try {
      return await Excel.run(batch);
    } catch (error) {
      throw toHostError(error, sheet);
    }
  }

  async activeSheet(): Promise<string> {
    return this.run(undefined, async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });
  }

  async listSheets(): Promise<string[]> {
    return this.run(undefined, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/position');
      await context.sync();
      return [...sheets.items].sort((a, b) => a.position - b.position).map((s) => s.name);
    });
  }

  async readSheet(name: string): Promise<Grid> {
    const withMerges = this.capabilities.mergedAreas;
    return this.run(name, async (context) => {
      const sheet = context.workbook.worksheets.getItem(name);
      const used = sheet.getUsedRangeOrNullObject(false);
      used.load('address,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync(); // 1: geometry only
      if (used.isNullObject) return { name, rows: [], merges: [], origin: { row: 0, column: 0 } };

      const { rowIndex, columnIndex, rowCount, columnCount } = used;
      if (rowCount * columnCount > this.maxCells) {
        throw new HostError(
          'too-large',
          `The used range of "${name}" (${used.address}) has ${rowCount * columnCount} cells; the add-in reads at most ${this.maxCells}.`,
        );
      }

      // 2: values, text, formats, types and merges in one sync. Only a sheet whose estimated
      // response passes the payload budget is read in blocks of rows, one sync per block.
      const rows: (Cell | undefined)[][] = [];
      let merges: MergedArea[] = [];
      let mergesPending = withMerges;
      let rowsPerSync = Math.max(
        1,
        Math.floor(this.payloadBudget / (BYTES_PER_CELL * Math.max(1, columnCount))),
      );
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
        const { values, text, numberFormat, valueTypes } = block;
        for (let r = 0; r < count; r++) {
          const row: (Cell | undefined)[] = [];
          for (let c = 0; c < columnCount; c++) {
            row.push(
              toCell(values[r]?.[c], text[r]?.[c], numberFormat[r]?.[c], valueTypes[r]?.[c]),
            );
          }
          rows.push(row);
        }
        start += count;
      }
      return { name, rows, merges, origin: { row: rowIndex, column: columnIndex } };
    });
  }

  async applyMarks(sheetName: string, plan: MarkPlan): Promise<ApplyResult> {
    const parts = plan.rules.flatMap((rule) => splitRule(rule, this.maxAddressLength));
    // Each add goes to the top of the priority list: adding the last part first leaves the
    // plan's order as the priority order.
    const addOrder = [...parts].reverse();
    const addBatches = batchBySize(addOrder, addBytes, this.payloadBudget);
    return this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      // 1: the loads are queued BEFORE the adds, so they see the sheet as it was.
      const loaded = queueMarksLoad(sheet);
      const added: Excel.ConditionalFormat[] = [];
      // One iteration unless the rules pass the payload budget (then one sync per batch).
      for (const batch of addBatches.length > 0 ? addBatches : [[]]) {
        for (const part of batch) added.push(addPart(sheet, part));
        await context.sync();
      }
      const newIds = added.map((format) => format.id).reverse(); // plan order
      const old = ownedIds(loaded, new Set(newIds));

      // 2: delete the earlier rules and record the new ones.
      const record = loaded.record;
      if (old.length === 0 && newIds.length === 0 && record.isNullObject) {
        return { rules: 0, replaced: 0 };
      }
      const deleteBatches = batchBySize(old, () => DELETE_OVERHEAD, this.payloadBudget);
      for (const batch of deleteBatches.slice(0, -1)) {
        for (const id of batch) loaded.formats.getItem(id).delete();
        await context.sync(); // only past the payload budget
      }
      for (const id of deleteBatches.at(-1) ?? []) loaded.formats.getItem(id).delete();
      if (newIds.length > 0) {
        const value: MarksRecord = { version: 1, ids: newIds };
        sheet.customProperties.add(MARKS_PROPERTY, JSON.stringify(value));
      } else if (!record.isNullObject) {
        record.delete();
      }
      await context.sync();
      return { rules: newIds.length, replaced: old.length };
    });
  }

  async clearMarks(sheetName: string): Promise<number> {
    return this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const loaded = queueMarksLoad(sheet);
      await context.sync(); // 1
      const old = ownedIds(loaded, new Set());
      if (old.length === 0 && loaded.record.isNullObject) return 0;
      const batches = batchBySize(old, () => DELETE_OVERHEAD, this.payloadBudget);
      for (const batch of batches.slice(0, -1)) {
        for (const id of batch) loaded.formats.getItem(id).delete();
        await context.sync(); // only past the payload budget
      }
      for (const id of batches.at(-1) ?? []) loaded.formats.getItem(id).delete();
      if (!loaded.record.isNullObject) loaded.record.delete();
      await context.sync(); // 2
      return old.length;
    });
  }

  async selectCell(sheetName: string, address: string): Promise<void> {
    await this.run(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }

  async loadSettings(): Promise<Readonly<Record<string, unknown>>> {
    const value: unknown = Office.context.document.settings.get(SETTINGS_KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  }

  async saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void> {
    const store = Office.context.document.settings;
    store.set(SETTINGS_KEY, { ...settings });
    await new Promise<void>((resolve, reject) => {
      store.saveAsync((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(
            new HostError(
              'office',
              `Excel could not save the settings with the workbook: ${result.error?.message ?? 'unknown error'}`,
            ),
          );
        } else {
          resolve();
        }
      });
    });
  }
}

/** Queues one conditional format (no sync): custom formula, colours, bold, symbol, stopIfTrue. */
function addPart(sheet: Excel.Worksheet, part: MarkPart): Excel.ConditionalFormat {
  const style = MARK_STYLES[part.rule.status];
  const format = sheet
    .getRanges(part.address)
    .conditionalFormats.add(Excel.ConditionalFormatType.custom);
  format.custom.rule.formula = part.formula;
  format.custom.format.fill.color = style.fill;
  format.custom.format.font.color = style.font;
  format.custom.format.font.bold = true;
  // ConditionalRangeFormat.numberFormat is one format code for the whole rule (a string, unlike
  // Range.numberFormat's 2-D array).
  if (part.rule.numberFormat) format.custom.format.numberFormat = part.rule.numberFormat;
  format.stopIfTrue = true;
  format.load('id');
  return format;
}
