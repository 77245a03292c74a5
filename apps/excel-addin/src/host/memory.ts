/**
 * A workbook in memory behind the same interface as Excel: for tests and for the browser
 * preview of the task pane. Loads a real .xlsx through @chitieu/xlsx. It keeps the conditional
 * formats it is given (its own and "user" ones) so tests can see what the pane did.
 *
 * The add-in's own sheets (writeSheet) follow the same rules as in Excel, with the same name
 * helpers (office.ts): the owner is a field of the sheet; the content is kept as written
 * (`content`, `links`) and as the sheet's grid (value, number format, type; merges), so tests
 * read back what the pane wrote. Change handlers (onSheetChanged) are called by `setCell`, as a
 * user's edit; the add-in's own writeSheet calls none (as Excel from ExcelApi 1.14).
 */
import {
  type Cell,
  type ContentCell,
  type ContentLink,
  type Grid,
  isMarkFormula,
  type MarkPlan,
  type MarkRule,
  markRuleFormula,
  type SheetContent,
  toA1,
} from '@chitieu/engine';
import { isDateFormat, readWorkbook } from '@chitieu/xlsx';
import {
  sheetKey,
  sheetNameChain,
  sheetProtectedError,
  structureProtectedError,
} from './sheet-names.js';
import {
  type ApplyResult,
  type HostCapabilities,
  HostError,
  type WorkbookHost,
  type WriteSheetOptions,
} from './types.js';

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
  /** Set on a sheet the add-in wrote: what it wrote it as. Undefined for a user's sheet. */
  owner?: WriteSheetOptions['owner'];
  /** The content the add-in last wrote on the sheet, as given (styles, widths, frozen rows…). */
  content?: SheetContent;
  /** The content's links (cell → sheet!target), as written. */
  links?: readonly ContentLink[];
  /** The user protected the sheet: the add-in cannot write it again. */
  protected?: boolean;
}

/** A content cell as the grid holds it: what readSheet would give for it in Excel (no text). */
function contentCell(cell: ContentCell | undefined): Cell | undefined {
  const value = cell?.value;
  if (
    value === null ||
    value === undefined ||
    (typeof value === 'number' && !Number.isFinite(value))
  ) {
    return undefined;
  }
  if (typeof value === 'string') {
    return { value, numberFormat: cell?.numberFormat ?? '@', type: 'string' };
  }
  const numberFormat = cell?.numberFormat ?? 'General';
  return { value, numberFormat, type: isDateFormat(numberFormat) ? 'date' : 'number' };
}

/** The grid of a written sheet. */
export function contentGrid(name: string, content: SheetContent): Grid {
  return {
    name,
    rows: content.rows.map((row) => Array.from(row, contentCell)),
    merges: [...(content.merges ?? [])],
  };
}

type ChangeHandler = (addresses: readonly string[]) => void;

export class MemoryHost implements WorkbookHost {
  readonly kind = 'memory' as const;
  readonly capabilities: HostCapabilities = { mergedAreas: true, notes: false };
  readonly sheets: MemorySheet[];
  active: string;
  selection: { sheet: string; address: string } | undefined;
  /** The user protected the workbook's structure: no sheet can be added. */
  structureProtected = false;
  private settings: Record<string, unknown> = {};
  private nextId = 1;
  /** Change handlers by sheet; each registration its own entry. */
  private readonly listeners = new Map<MemorySheet, Set<{ readonly handler: ChangeHandler }>>();
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

  async writeSheet(
    name: string,
    content: SheetContent,
    options: WriteSheetOptions,
  ): Promise<string> {
    this.calls.push(`writeSheet ${name}`);
    const byKey = (candidate: string) =>
      this.sheets.find((s) => sheetKey(s.name) === sheetKey(candidate));
    const chain = sheetNameChain(name, (candidate) => byKey(candidate)?.name);
    const own = chain.taken.map(byKey).find((s) => s?.owner === options.owner);
    if (own?.protected) throw sheetProtectedError(own.name);
    if (!own && this.structureProtected) throw structureProtectedError(chain.free);
    const target = own?.name ?? chain.free;
    const written = {
      grid: contentGrid(target, content),
      rules: [], // Excel's clear('All') removes the sheet's conditional formats too
      owner: options.owner,
      content,
      links: [...(content.links ?? [])],
    };
    if (own) Object.assign(own, written);
    else this.sheets.push({ name: target, ...written });
    if (options.activate) this.active = target;
    return target;
  }

  async onSheetChanged(
    sheet: string,
    handler: (addresses: readonly string[]) => void,
  ): Promise<() => Promise<void>> {
    this.calls.push(`onSheetChanged ${sheet}`);
    const s = this.sheet(sheet);
    const entry = { handler };
    const set = this.listeners.get(s) ?? new Set();
    set.add(entry);
    this.listeners.set(s, set);
    return async () => {
      this.calls.push(`offSheetChanged ${sheet}`);
      set.delete(entry);
    };
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

  /**
   * Sets a cell's value as a user typing would (tests and the preview), and calls the sheet's
   * change handlers with the cell's A1 address. `row` and `column` index the grid's rows (the
   * address adds the grid's origin).
   */
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
    const origin = s.grid.origin ?? { row: 0, column: 0 };
    const address = toA1(origin.row + row, origin.column + column);
    for (const { handler } of [...(this.listeners.get(s) ?? [])]) handler([address]);
  }
}
