/**
 * A workbook in memory behind the same interface as Excel: for tests and for the browser
 * preview of the task pane. Loads a real .xlsx through @chitieu/xlsx. It keeps the conditional
 * formats it is given (its own and "user" ones) so tests can see what the pane did.
 */
import {
  type Grid,
  isMarkFormula,
  type MarkPlan,
  type MarkRule,
  markRuleFormula,
} from '@chitieu/engine';
import { readWorkbook } from '@chitieu/xlsx';
import { type ApplyResult, type HostCapabilities, HostError, type WorkbookHost } from './types.js';

/** A conditional format as a workbook holds it. */
export interface MemoryRule {
  readonly id: string;
  readonly ranges: readonly string[];
  readonly formula: string;
  /** The mark status for the add-in's rules; undefined for a user's own rule. */
  readonly status?: MarkRule['status'];
  readonly numberFormat?: string;
}

export interface MemorySheet {
  readonly name: string;
  grid: Grid;
  rules: MemoryRule[];
}

export class MemoryHost implements WorkbookHost {
  readonly kind = 'memory' as const;
  readonly capabilities: HostCapabilities = { mergedAreas: true, notes: false };
  readonly sheets: MemorySheet[];
  active: string;
  selection: { sheet: string; address: string } | undefined;
  private settings: Record<string, unknown> = {};
  private nextId = 1;
  /** Every call, in order: what a test can count (as Excel counts context.sync). */
  readonly calls: string[] = [];

  constructor(sheets: readonly { name: string; grid: Grid }[]) {
    if (sheets.length === 0) throw new HostError('no-sheet', 'The workbook has no worksheet.');
    this.sheets = sheets.map((s) => ({ name: s.name, grid: s.grid, rules: [] }));
    this.active = (sheets[0] as { name: string }).name;
  }

  /** A host over a real .xlsx file's bytes. */
  static fromXlsx(bytes: Uint8Array): MemoryHost {
    const read = readWorkbook(bytes);
    if (!read.ok) throw new HostError('office', read.error.message);
    return new MemoryHost(read.workbook.sheets.map((s) => ({ name: s.name, grid: s.grid })));
  }

  private sheet(name: string): MemorySheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new HostError('not-found', `No worksheet "${name}".`);
    return s;
  }

  async activeSheet(): Promise<string> {
    this.calls.push('activeSheet');
    return this.active;
  }

  async listSheets(): Promise<string[]> {
    this.calls.push('listSheets');
    return this.sheets.map((s) => s.name);
  }

  async readSheet(sheet: string): Promise<Grid> {
    this.calls.push(`readSheet ${sheet}`);
    const s = this.sheet(sheet);
    return { ...s.grid, name: s.name };
  }

  async applyMarks(sheet: string, plan: MarkPlan): Promise<ApplyResult> {
    this.calls.push(`applyMarks ${sheet}`);
    const s = this.sheet(sheet);
    const before = s.rules.length;
    s.rules = s.rules.filter((r) => !isMarkFormula(r.formula));
    const replaced = before - s.rules.length;
    for (const rule of plan.rules) {
      const anchor = (rule.ranges[0] as string).split(':')[0] as string;
      s.rules.push({
        id: `cf${this.nextId++}`,
        ranges: rule.ranges,
        formula: `=${markRuleFormula(rule.condition, anchor)}`,
        status: rule.status,
        ...(rule.numberFormat ? { numberFormat: rule.numberFormat } : {}),
      });
    }
    return { rules: plan.rules.length, replaced };
  }

  async clearMarks(sheet: string): Promise<number> {
    this.calls.push(`clearMarks ${sheet}`);
    const s = this.sheet(sheet);
    const before = s.rules.length;
    s.rules = s.rules.filter((r) => !isMarkFormula(r.formula));
    return before - s.rules.length;
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.calls.push(`selectCell ${sheet}!${address}`);
    this.sheet(sheet);
    this.active = sheet;
    this.selection = { sheet, address };
  }

  async loadSettings(): Promise<Readonly<Record<string, unknown>>> {
    this.calls.push('loadSettings');
    return { ...this.settings };
  }

  async saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void> {
    this.calls.push('saveSettings');
    this.settings = { ...settings };
  }

  /** Adds a user's own conditional format (tests: it must survive the add-in's changes). */
  addUserRule(sheet: string, ranges: readonly string[], formula: string): MemoryRule {
    const rule = { id: `user${this.nextId++}`, ranges, formula };
    this.sheet(sheet).rules.push(rule);
    return rule;
  }

  /** Sets a cell's value as a user typing would (tests and the preview). */
  setCell(
    sheet: string,
    row: number,
    column: number,
    value: string | number | null,
    numberFormat?: string,
  ): void {
    const s = this.sheet(sheet);
    const rows = s.grid.rows.map((r) => [...r]);
    while (rows.length <= row) rows.push([]);
    const target = rows[row] as (typeof rows)[number];
    while (target.length <= column) target.push(undefined);
    const previous = target[column];
    const format = numberFormat ?? previous?.numberFormat;
    target[column] =
      value === null
        ? undefined
        : {
            value,
            type: typeof value === 'number' ? 'number' : 'string',
            ...(format ? { numberFormat: format } : {}),
          };
    s.grid = { ...s.grid, rows };
  }
}
