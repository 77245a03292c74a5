/**
 * The fake Excel: the workbook's sheets and state, what a user does in Excel (add a rule,
 * duplicate it, edit a cell, save and reopen), the counters tests read (syncs, runs, calls, the
 * largest request and response), and `install()`, which puts `Excel` and `Office` in place of
 * Office.js.
 */
import type { Grid } from '@chitieu/engine';
import { CONDITIONAL_FORMAT_TYPES } from './conditional-formats.js';
import { excelRun } from './context.js';
import type { FakeXmlPart } from './custom-xml.js';
import type { FakeChangedEvent } from './events.js';
import { documentSettings } from './properties.js';
import { type FakeRule, FakeSheet, fakeCell } from './sheet.js';

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi set supported, e.g. "1.12" or "1.13". */
  readonly apiVersion?: string;
  /** Bytes per request and per response (Excel on the web: 5 MB). */
  readonly payloadLimit?: number;
  /** Longest address `getRanges` accepts. */
  readonly addressLimit?: number;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  active = '';
  selection: { sheet: string; address: string } | undefined;
  apiVersion: string;
  payloadLimit: number;
  addressLimit: number;
  /** `context.sync()` calls, in all runs. */
  syncs = 0;
  /** `Excel.run` calls. */
  runs = 0;
  /** Every call, property write and sync, in order. */
  readonly calls: string[] = [];
  /** Attempts to write cells (each also threw). */
  readonly cellWrites: string[] = [];
  /** The largest request and response of any successful sync, in bytes. */
  maxRequest = 0;
  maxResponse = 0;
  /** Document settings as Office keeps them in memory (JSON), and as last saved. */
  settings: Record<string, string> = {};
  savedSettings: Record<string, string> = {};
  failNextSave = false;
  /** The workbook's custom XML parts (a template's stored target set among them). */
  customXmlParts: FakeXmlPart[] = [];
  /** Workbook structure protection (Review → Protect Workbook): no sheet can be added. */
  structureProtected = false;
  /**
   * A fault to play: called with each queued operation's label as its sync runs it; an error
   * returned fails the sync there (the operations before it stay applied, as in Excel).
   */
  fault: ((label: string) => Error | undefined) | undefined;
  private nextRuleId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.13';
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.addressLimit = options.addressLimit ?? 8192;
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  /**
   * A sheet holding an engine grid, its top-left cell at `origin` (0-based). Cells without text
   * get the text Excel would display with a Vietnamese decimal comma; without a format, "General".
   */
  addGridSheet(name: string, grid: Grid, origin = { row: 0, column: 0 }): FakeSheet {
    const sheet = this.addSheet(name);
    grid.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell) sheet.setCell(origin.row + r, origin.column + c, fakeCell(cell));
      });
    });
    sheet.merges = (grid.merges ?? []).map((m) => ({
      top: m.top + origin.row,
      left: m.left + origin.column,
      bottom: m.bottom + origin.row,
      right: m.right + origin.column,
    }));
    return sheet;
  }

  /**
   * Hides a sheet as a user would (Format → Hide: 'Hidden'; a macro: 'VeryHidden') or shows it
   * again ('Visible'). As in Excel, the last visible sheet cannot be hidden, and hiding the
   * active sheet makes the next visible one active.
   */
  hideSheet(sheetName: string, visibility: FakeSheet['visibility']): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`fake: no sheet ${sheetName}`);
    if (
      visibility !== 'Visible' &&
      !this.sheets.some((s) => s !== sheet && s.visibility === 'Visible')
    ) {
      throw new Error(`fake: "${sheetName}" is the last visible sheet`);
    }
    sheet.visibility = visibility;
    if (visibility !== 'Visible' && this.active.toLowerCase() === sheet.name.toLowerCase()) {
      const at = this.sheets.indexOf(sheet);
      const next =
        this.sheets.slice(at + 1).find((s) => s.visibility === 'Visible') ??
        this.sheets
          .slice(0, at)
          .reverse()
          .find((s) => s.visibility === 'Visible');
      if (next) this.active = next.name;
    }
  }

  newRuleId(): string {
    return `{CF-${String(this.nextRuleId++).padStart(4, '0')}}`;
  }

  /** A user's own rule, added as Excel's UI adds one: at the top. */
  addUserRule(
    sheetName: string,
    ranges: readonly string[],
    formula: string,
    type = 'Custom',
  ): FakeRule {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`fake: no sheet ${sheetName}`);
    const rule: FakeRule = {
      id: this.newRuleId(),
      type,
      ranges,
      ...(type === 'Custom' ? { formula } : {}),
      fill: '#00FF00',
    };
    sheet.rules.unshift(rule);
    return rule;
  }

  /**
   * A user's "Highlight Cells Rules" rule (type CellValue, e.g. Greater Than 0.9), added at the
   * top as Excel's UI adds it. Two of them over the same ranges make both unreadable (#6827).
   */
  addUserValueRule(
    sheetName: string,
    ranges: readonly string[],
    operator: string,
    formula1: string,
  ): FakeRule {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`fake: no sheet ${sheetName}`);
    const rule: FakeRule = {
      id: this.newRuleId(),
      type: 'CellValue',
      ranges,
      operator,
      formula1,
      fill: '#FFC7CE',
    };
    sheet.rules.unshift(rule);
    return rule;
  }

  /**
   * "Duplicate Rule" in the Rules Manager: a copy of the rule with a new id, just above it, that
   * Excel cannot read back (#6835).
   */
  duplicateUserRule(sheetName: string, id: string): FakeRule {
    const sheet = this.sheet(sheetName);
    const original = sheet?.rules.find((r) => r.id === id);
    if (!sheet || !original) throw new Error(`fake: no rule ${id} on ${sheetName}`);
    const copy: FakeRule = { ...original, id: this.newRuleId(), duplicated: true };
    sheet.rules.splice(sheet.rules.indexOf(original), 0, copy);
    return copy;
  }

  /** Save and reopen: conditional-format ids change, unsaved settings are lost. */
  reopen(): void {
    for (const sheet of this.sheets) for (const rule of sheet.rules) rule.id = this.newRuleId();
    this.settings = { ...this.savedSettings };
  }

  /**
   * Plays an edit of `address` on the sheet (by name, or the sheet itself): calls its onChanged
   * handlers as Excel does, and resolves when they are done. Returns how many handlers were called.
   */
  async fireChanged(
    sheetOrName: string | FakeSheet,
    address: string,
    triggerSource?: FakeChangedEvent['triggerSource'],
    changeType = 'RangeEdited',
  ): Promise<number> {
    const sheet = typeof sheetOrName === 'string' ? this.sheet(sheetOrName) : sheetOrName;
    if (!sheet) throw new Error(`fake: no sheet ${sheetOrName}`);
    const event: FakeChangedEvent = {
      address,
      changeType,
      source: 'Local',
      type: 'WorksheetChanged',
      worksheetId: sheet.name,
      ...(triggerSource ? { triggerSource } : {}),
    };
    const handlers = [...sheet.changeHandlers];
    for (const handler of handlers) await handler(event);
    return handlers.length;
  }

  /** Whether the fake's Excel supports an ExcelApi version. */
  supports(version: string): boolean {
    return compareVersions(version, this.apiVersion) <= 0;
  }

  /** Syncs made while `fn` runs. */
  async syncsOf<T>(fn: () => Promise<T>): Promise<{ result: T; syncs: number }> {
    const before = this.syncs;
    const result = await fn();
    return { result, syncs: this.syncs - before };
  }

  /** Installs `Excel` and `Office` as globals; returns the function that removes them. */
  install(): () => void {
    const excel = {
      // Excel.run(batch), or Excel.run(context | object, batch) to reuse a request context.
      run: excelRun(this),
      ConditionalFormatType: CONDITIONAL_FORMAT_TYPES,
    };
    const office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name === 'ExcelApi' && compareVersions(version ?? '1.1', this.apiVersion) <= 0,
        },
        document: { settings: documentSettings(this) },
      },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    };
    Object.assign(globalThis, { Excel: excel, Office: office });
    return () => {
      Reflect.deleteProperty(globalThis, 'Excel');
      Reflect.deleteProperty(globalThis, 'Office');
    };
  }
}
