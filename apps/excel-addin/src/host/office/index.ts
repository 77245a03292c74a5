/**
 * The Office.js implementation of `WorkbookHost`: the only code that talks to Excel. This class
 * holds the workbook-wide calls (the active sheet, the sheet list, selection, change events,
 * settings) and hands each capability to its module, each with its own round-trip budget:
 * read.ts (readSheet, readRange), marks.ts (applyMarks, clearMarks), write-sheet.ts
 * (writeSheet), notes.ts (setNotes); batch.ts holds Excel.run and the payload budget,
 * records.ts what the add-in records in the workbook.
 *
 * Office.js is loaded by a CDN script tag, never imported: the globals `Excel` and `Office` are
 * read only inside functions, so tests can install a fake of them (test/fake-excel/).
 *
 * Requirement sets. Floor: ExcelApi 1.12 (Office 2021 and later; worksheet custom properties):
 * the constructor refuses anything below it, and the task pane shows why. Above the floor only
 * when `isSetSupported` says so: merged areas (1.13), notes (1.18; below it setNotes throws
 * a HostError `unsupported` without calling Excel).
 *
 * Round trips (`context.sync()`) of the calls here: activeSheet, selectCell: 1; listSheets: 2
 * (the names, positions and visibility, then the `chitieu.owner` property of every sheet at once);
 * onSheetChanged: 1 to register the handler, 1 to remove it; settings: 0
 * (Office.context.document.settings, saved with saveAsync); readEmbeddedSets: 2,
 * storeEmbeddedSet: 3 (embedded.ts).
 */
import type { Grid, MarkPlan, SheetContent, TargetSet } from '@chitieu/engine';
import type { EmbeddedSets } from '@chitieu/xlsx';
import { widthInCharacters } from '../shared/mark-looks.js';
import {
  type ApplyResult,
  type CellNote,
  type HiddenVisibility,
  type HostCapabilities,
  HostError,
  type NotesResult,
  type SheetChange,
  type SheetInfo,
  type WorkbookHost,
  type WriteSheetOptions,
} from '../types.js';
import { excelRun, type Limits, MAX_ADDRESS_LENGTH, PAYLOAD_BUDGET } from './batch.js';
import { readEmbeddedSets, storeEmbeddedSet } from './embedded.js';
import { OfficeMarks } from './marks.js';
import { OfficeNotes } from './notes.js';
import { MAX_CELLS, readRange, readSheet } from './read.js';
import { OWNER_PROPERTY, ownerOf, SETTINGS_KEY } from './records.js';
import { writeSheet } from './write-sheet.js';

/** Excel's Worksheet.visibility as the host's: 'Hidden' and 'VeryHidden'; none when visible. */
export function hiddenVisibility(visibility: string): HiddenVisibility | undefined {
  return visibility === 'Hidden'
    ? 'hidden'
    : visibility === 'VeryHidden'
      ? 'very-hidden'
      : undefined;
}

export interface OfficeHostOptions {
  readonly maxCells?: number;
  readonly payloadBudget?: number;
  readonly maxAddressLength?: number;
}

export class OfficeHost implements WorkbookHost {
  private readonly limits: Limits;
  private readonly marks: OfficeMarks;
  private readonly notes: OfficeNotes;
  /** Each sheet's column widths (points) as its last readSheet found them. */
  private readonly columnWidths = new Map<string, ReadonlyMap<number, number>>();

  /** Throws a HostError `unsupported` (`pane`) below ExcelApi 1.12 or outside Office. */
  constructor(options: OfficeHostOptions = {}) {
    if (!OfficeHost.isSupported()) {
      throw new HostError({ code: 'unsupported', feature: 'pane' });
    }
    this.limits = {
      maxCells: options.maxCells ?? MAX_CELLS,
      payloadBudget: options.payloadBudget ?? PAYLOAD_BUDGET,
      maxAddressLength: options.maxAddressLength ?? MAX_ADDRESS_LENGTH,
    };
    this.marks = new OfficeMarks(this.limits);
    this.notes = new OfficeNotes(this.limits.payloadBudget);
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

  async activeSheet(): Promise<string> {
    return excelRun(undefined, async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });
  }

  async listSheets(): Promise<SheetInfo[]> {
    return excelRun(undefined, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/position,items/visibility');
      await context.sync(); // 1: names, positions and visibility
      const ordered = [...sheets.items].sort((a, b) => a.position - b.position);
      const owners = ordered.map((sheet) => {
        const owner = sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY);
        owner.load('value');
        return owner;
      });
      await context.sync(); // 2: every sheet's owner property at once
      return ordered.map((sheet, i) => {
        const owner = ownerOf(owners[i] as Excel.WorksheetCustomProperty);
        const visibility = hiddenVisibility(sheet.visibility);
        return {
          name: sheet.name,
          ...(owner ? { owner } : {}),
          ...(visibility ? { visibility } : {}),
        };
      });
    });
  }

  async readSheet(name: string): Promise<Grid> {
    const widths = new Map<number, number>();
    const grid = await readSheet(name, this.limits, this.capabilities.mergedAreas, widths);
    if (widths.size > 0) this.columnWidths.set(name, widths);
    else this.columnWidths.delete(name);
    return grid;
  }

  async readRange(sheet: string, address: string): Promise<Grid> {
    return readRange(sheet, address, this.limits);
  }

  /**
   * Marks the sheet; where its columns' widths are known from the last readSheet, a number too
   * wide for its column with the symbol gets the shorter cue or the border (shared/mark-looks.ts).
   * A width the user changes after that read is seen at the next full read (Excel reports no
   * change event for a column's width).
   */
  async applyMarks(sheet: string, plan: MarkPlan): Promise<ApplyResult> {
    const widths = this.columnWidths.get(sheet);
    return this.marks.apply(
      sheet,
      plan,
      widths &&
        ((column) => {
          const points = widths.get(column);
          return points === undefined ? undefined : widthInCharacters(points);
        }),
    );
  }

  async clearMarks(sheet: string): Promise<number> {
    return this.marks.clear(sheet);
  }

  async selectCell(sheetName: string, address: string): Promise<void> {
    await excelRun(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }

  async writeSheet(
    name: string,
    content: SheetContent,
    options: WriteSheetOptions,
  ): Promise<string> {
    return writeSheet(name, content, options, this.limits);
  }

  async setNotes(sheet: string, notes: readonly CellNote[]): Promise<NotesResult> {
    if (!this.capabilities.notes) {
      throw new HostError({ code: 'unsupported', feature: 'notes' });
    }
    return this.notes.set(sheet, notes);
  }

  /**
   * Excel calls the handler for every change of the sheet's cells, also the add-in's own writes
   * (writeSheet on that sheet). From ExcelApi 1.14 those carry triggerSource "ThisLocalAddin"
   * and are dropped here; below it they reach the handler, and the caller ignores its own
   * changes (the interface asks it to). Conditional formats never fire it: they change no value.
   * Any changeType but "RangeEdited" (rows, columns or cells inserted or deleted, or "Unknown")
   * is reported as structural: cells may have moved.
   */
  async onSheetChanged(
    sheetName: string,
    handler: (change: SheetChange) => void,
  ): Promise<() => Promise<void>> {
    const registration = await excelRun(sheetName, async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const result = sheet.onChanged.add(async (event) => {
        if (event.triggerSource === 'ThisLocalAddin') return;
        handler({ addresses: [event.address], structural: event.changeType !== 'RangeEdited' });
      });
      await context.sync();
      return result;
    });
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      // A handler is removed in the request context that added it.
      await excelRun(
        sheetName,
        async (context) => {
          registration.remove();
          await context.sync();
        },
        registration.context,
      );
    };
  }

  async readEmbeddedSets(): Promise<EmbeddedSets> {
    return readEmbeddedSets();
  }

  async storeEmbeddedSet(set: TargetSet, sheets: readonly string[]): Promise<EmbeddedSets> {
    return storeEmbeddedSet(set, sheets);
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
            new HostError({
              code: 'office',
              ...(result.error?.code === undefined
                ? {}
                : { officeCode: String(result.error.code) }),
              cause: `settings.saveAsync: ${result.error?.message ?? 'failed'}`,
            }),
          );
        } else {
          resolve();
        }
      });
    });
  }
}
