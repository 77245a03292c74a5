/**
 * A fake of exactly the Office.js objects the add-in uses (like office-addin-mock), with the
 * batching semantics that matter:
 * - every method call and property write is QUEUED and runs only at `context.sync()`, in order
 *   (an object created by a call, e.g. `getUsedRangeOrNullObject()`, is what Excel would return
 *   at that point of the batch);
 * - loaded properties are readable only after the sync that loaded them; reading one earlier, or
 *   one that was never loaded, throws (so a missing load or sync is caught);
 * - a failing operation fails the sync: the operations before it stay applied, the ones after
 *   it never run, and nothing it loaded becomes readable (as in Excel, batches are not atomic);
 * - requests and responses over `payloadLimit` bytes fail with Excel's error codes;
 * - loading `items/custom/...` when a rule is not custom fails (OfficeDev/office-js#2180);
 * - Excel's known failures reading conditional formats, which real workbooks have: when a range
 *   has two CellValue rules (Highlight Cells Rules › Greater Than, then Less Than, on the same
 *   range), loading either one's rule or format (`custom…`, `customOrNullObject…`) fails the
 *   sync with GeneralException (OfficeDev/office-js#6827); a rule duplicated in the Rules Manager
 *   (`duplicateUserRule`) cannot be read at all, only its id (#6835); `getItemAt(index)` of such
 *   a rule answers ItemNotFound, so deleting by position fails (#5222). Loading `items/id` and a
 *   value rule's `type` still work, and `getItem(id).delete()` deletes any rule;
 * - `conditionalFormats.getItemOrNullObject(id)` exists from ExcelApi 1.14 (below it the sync
 *   fails with ApiNotFound); `getItem(id)` of an id that is not there fails with ItemNotFound;
 * - writing a cell's values, number format, format, hyperlink, merge or freeze panes fails the
 *   sync on any sheet the add-in did not create (`worksheets.add`): the add-in must never write a
 *   user's cells; on its own sheets it may. Formulas are never written;
 * - a text written to a cell that is not Text ("@") is read as Excel would: "01" or "12.5%"
 *   becomes a number, "=…" a formula (here the error #NAME?);
 * - `conditionalFormats.clearAll()` throws: the add-in must never call it;
 * - `worksheet.onChanged` handlers are added and removed at sync; `fireChanged` plays a user's
 *   edit (any changeType: "RangeEdited", "RowInserted"…); the add-in's own value writes fire them
 *   too (with triggerSource "ThisLocalAddin" from ExcelApi 1.14), after the sync, as Excel does;
 * - `worksheet.notes` (ExcelApi 1.18; below it every call fails the sync with ApiNotFound): one
 *   note per cell, on any sheet (a note is not a cell write); `add` on a cell that already has a
 *   note, or on more than one cell, fails the sync; `getItem` of a cell without one fails with
 *   ItemNotFound, `getItemOrNullObject` gives a null object.
 * - `fault` fails a chosen operation, as Excel fails one half-way through a batch.
 * Every call is logged in `calls`; every sync is counted in `syncs`.
 */
import type { Cell, Grid } from '@chitieu/engine';
import { columnName, fromA1 } from '@chitieu/engine';
import { formatNumber } from '@chitieu/xlsx';

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export type FakeValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export interface FakeCell {
  readonly value: string | number | boolean;
  readonly text: string;
  readonly numberFormat: string;
  readonly type: FakeValueType;
}

export interface FakeRule {
  id: string;
  readonly type: string;
  readonly ranges: readonly string[];
  formula?: string;
  /** A CellValue rule's comparison ("GreaterThan", "LessThan"…) and its value. */
  readonly operator?: string;
  readonly formula1?: string;
  /** Made by "Duplicate Rule" in the Rules Manager: Excel cannot read it (office-js#6835). */
  readonly duplicated?: boolean;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  numberFormat?: string | null;
  stopIfTrue?: boolean;
}

export type FakeEdge = 'top' | 'bottom' | 'left' | 'right';

/** What the add-in set on a cell of its own sheet through `format`. */
export interface FakeStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  wrap?: boolean;
  align?: string;
  readonly borders: Set<FakeEdge>;
}

export interface FakeHyperlink {
  readonly address?: string;
  readonly documentReference?: string;
  readonly textToDisplay?: string;
  readonly screenTip?: string;
}

/** What a worksheet's onChanged handler receives (the parts the add-in reads). */
export interface FakeChangedEvent {
  readonly address: string;
  readonly changeType: string;
  readonly source: 'Local' | 'Remote';
  readonly type: 'WorksheetChanged';
  readonly worksheetId: string;
  readonly triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

export type FakeChangeHandler = (event: FakeChangedEvent) => Promise<unknown>;

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', message);
}

/** "B3:D7" or "B3" (no sheet name) → Rect; throws InvalidArgument like Excel. */
export function parseRect(address: string): Rect {
  const [a = '', b = a, ...more] = address.trim().split(':');
  const start = fromA1(a);
  const end = fromA1(b);
  if (!start || !end || more.length > 0) throw invalid(`Bad range address "${address}".`);
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

export function rectAddress(r: Rect): string {
  const a = `${columnName(r.left)}${r.top + 1}`;
  return r.top === r.bottom && r.left === r.right
    ? a
    : `${a}:${columnName(r.right)}${r.bottom + 1}`;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function within(inner: Rect, outer: Rect): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export class FakeSheet {
  /** Cells by "row,column" (0-based); a cell with type Empty and a format counts for the used range. */
  readonly cells = new Map<string, FakeCell>();
  merges: Rect[] = [];
  /** Conditional formats; the index is the priority (0 = highest). */
  rules: FakeRule[] = [];
  /** Worksheet custom properties by lower-case key. */
  readonly properties = new Map<string, { key: string; value: string }>();
  /** Created by the add-in (`worksheets.add`): the only sheets whose cells it may write. */
  createdByAddin = false;
  /** Sheet protection (Review → Protect Sheet). */
  sheetProtected = false;
  /** Formats written through `range.format`, by "row,column". */
  readonly styles = new Map<string, FakeStyle>();
  readonly hyperlinks = new Map<string, FakeHyperlink>();
  /** Column widths in points, by 0-based column; absent = standard width. */
  readonly columnWidths = new Map<number, number>();
  frozenRows = 0;
  readonly changeHandlers = new Set<FakeChangeHandler>();
  /** Cell notes (ExcelApi 1.18) by A1 address ("C7"): the user's and the add-in's alike. */
  readonly notes = new Map<string, string>();

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** The cell at an A1 address. */
  at(address: string): FakeCell | undefined {
    const p = fromA1(address);
    return p ? this.cell(p.row, p.column) : undefined;
  }

  style(row: number, column: number): FakeStyle | undefined {
    return this.styles.get(`${row},${column}`);
  }

  styleFor(row: number, column: number): FakeStyle {
    const key = `${row},${column}`;
    let style = this.styles.get(key);
    if (!style) {
      style = { borders: new Set() };
      this.styles.set(key, style);
    }
    return style;
  }

  setCell(row: number, column: number, cell: FakeCell): void {
    this.cells.set(`${row},${column}`, cell);
  }

  /** The used range: every cell with a value, or (valuesOnly false) with a format. */
  usedRect(valuesOnly: boolean): Rect | undefined {
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.cells) {
      if (cell.type === 'Empty' && (valuesOnly || cell.numberFormat === 'General')) continue;
      const [r = 0, c = 0] = key.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }
}

export interface FakeExcelOptions {
  /** Highest ExcelApi set supported, e.g. "1.12" or "1.13". */
  readonly apiVersion?: string;
  /** Bytes per request and per response (Excel on the web: 5 MB). */
  readonly payloadLimit?: number;
  /** Longest address `getRanges` accepts. */
  readonly addressLimit?: number;
}

interface Op {
  readonly label: string;
  readonly request: number;
  readonly run: () => number | undefined;
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
   * Plays an edit of `address` on the sheet: calls its onChanged handlers as Excel does, and
   * resolves when they are done. Returns how many handlers were called.
   */
  async fireChanged(
    sheetName: string,
    address: string,
    triggerSource?: FakeChangedEvent['triggerSource'],
    changeType = 'RangeEdited',
  ): Promise<number> {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`fake: no sheet ${sheetName}`);
    return this.fireChangedOn(sheet, address, triggerSource, changeType);
  }

  async fireChangedOn(
    sheet: FakeSheet,
    address: string,
    triggerSource?: FakeChangedEvent['triggerSource'],
    changeType = 'RangeEdited',
  ): Promise<number> {
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
      run: async <T>(
        first: FakeContext | { context: FakeContext } | ((context: FakeContext) => Promise<T>),
        second?: (context: FakeContext) => Promise<T>,
      ): Promise<T> => {
        this.runs++;
        const batch = typeof first === 'function' ? first : second;
        if (!batch) throw new Error('fake: Excel.run without a batch');
        const context =
          typeof first === 'function'
            ? new FakeContext(this)
            : first instanceof FakeContext
              ? first
              : first.context;
        const result = await batch(context);
        if (context.queue.length > 0) {
          throw new Error(
            `fake: queued but never synced: ${context.queue.map((op) => op.label).join('; ')}`,
          );
        }
        return result;
      },
      ConditionalFormatType: {
        custom: 'Custom',
        dataBar: 'DataBar',
        colorScale: 'ColorScale',
        iconSet: 'IconSet',
        topBottom: 'TopBottom',
        presetCriteria: 'PresetCriteria',
        containsText: 'ContainsText',
        cellValue: 'CellValue',
      },
    };
    const office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name === 'ExcelApi' && compareVersions(version ?? '1.1', this.apiVersion) <= 0,
        },
        document: {
          settings: {
            get: (key: string): unknown =>
              key in this.settings ? JSON.parse(this.settings[key] as string) : null,
            set: (key: string, value: unknown) => {
              this.calls.push(`settings.set(${key})`);
              this.settings[key] = JSON.stringify(value);
            },
            remove: (key: string) => {
              delete this.settings[key];
            },
            saveAsync: (callback?: (result: unknown) => void) => {
              this.calls.push('settings.saveAsync');
              const failed = this.failNextSave;
              this.failNextSave = false;
              if (!failed) this.savedSettings = { ...this.settings };
              setTimeout(() =>
                callback?.(
                  failed
                    ? { status: 'failed', error: { message: 'The file is read-only.' } }
                    : { status: 'succeeded' },
                ),
              );
            },
          },
        },
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

/** How a sheet built by `addGridSheet` holds an engine cell. */
export function fakeCell(cell: Cell): FakeCell {
  const value = cell.value;
  const type: FakeValueType =
    cell.type === 'error'
      ? 'Error'
      : cell.type === 'empty' || value === null
        ? 'Empty'
        : typeof value === 'number'
          ? 'Double'
          : typeof value === 'boolean'
            ? 'Boolean'
            : 'String';
  const numberFormat = cell.numberFormat ?? 'General';
  const text =
    cell.text ??
    (typeof value === 'number'
      ? formatNumber(value, numberFormat, { decimalSeparator: ',', date1904: false })
      : value === null
        ? ''
        : String(value));
  return { value: value ?? '', text, numberFormat, type };
}

function notLoaded(path: string, name: string): Error {
  return new Error(
    `PropertyNotLoaded: ${path}.${name} was read before load() and context.sync() (or was not loaded).`,
  );
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  queue: Op[] = [];
  touched = new Set<FakeProxy>();
  /** Value changes made in the running sync, for the onChanged handlers after it. */
  private changes: { sheet: FakeSheet; address: string }[] = [];

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(label: string, request: number, run: () => number | undefined): void {
    this.queue.push({ label, request: 100 + request, run });
  }

  log(call: string): void {
    this.fake.calls.push(call);
  }

  /** Records a value change by the add-in (fires the sheet's handlers after the sync). */
  changed(sheet: FakeSheet, address: string): void {
    this.changes.push({ sheet, address });
  }

  async sync(): Promise<void> {
    const fake = this.fake;
    fake.syncs++;
    fake.calls.push('sync');
    const ops = this.queue;
    this.queue = [];
    const request = ops.reduce((n, op) => n + op.request, 0);
    if (request > fake.payloadLimit) {
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${request}) has exceeded the limit.`,
      );
    }
    this.touched = new Set();
    this.changes = [];
    let response = 0;
    try {
      for (const op of ops) {
        const fault = fake.fault?.(op.label);
        if (fault) throw fault;
        response += op.run() ?? 0;
      }
      if (response > fake.payloadLimit) {
        throw new FakeOfficeError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload size (${response}) has exceeded the limit.`,
        );
      }
    } catch (error) {
      for (const proxy of this.touched) proxy.discard();
      throw error;
    }
    for (const proxy of this.touched) proxy.commit();
    const source = fake.supports('1.14') ? ('ThisLocalAddin' as const) : undefined;
    for (const { sheet, address } of this.changes) {
      if (sheet.changeHandlers.size > 0) {
        setTimeout(() => void fake.fireChangedOn(sheet, address, source));
      }
    }
    this.changes = [];
    fake.maxRequest = Math.max(fake.maxRequest, request);
    fake.maxResponse = Math.max(fake.maxResponse, response);
  }
}

const UNBOUND = Symbol('unbound');

/** A proxy object: what it stands for is decided when the batch runs, not when it is created. */
abstract class FakeProxy {
  private boundTo: unknown = UNBOUND;
  private pendingNull: boolean | undefined;
  private committedNull: boolean | undefined;
  private readonly loaded = new Map<string, unknown>();
  private readonly pending = new Map<string, unknown>();
  private loadedItems: FakeProxy[] | undefined;
  private pendingItems: FakeProxy[] | undefined;
  private readonly children = new Map<string, FakeProxy>();

  constructor(
    protected readonly ctx: FakeContext,
    readonly path: string,
    private readonly derive?: () => unknown,
  ) {}

  protected get fake(): FakeExcel {
    return this.ctx.fake;
  }

  /** Binds this proxy when the queued call that creates it runs. */
  bindWhenRun(request: number, compute: () => unknown): this {
    this.ctx.log(this.path);
    this.ctx.enqueue(this.path, request, () => {
      this.bind(compute());
      return 0;
    });
    return this;
  }

  bind(value: unknown): this {
    this.boundTo = value;
    this.pendingNull = value === null;
    this.ctx.touched.add(this);
    return this;
  }

  protected target(): unknown {
    if (this.boundTo === UNBOUND) {
      if (!this.derive) throw new Error(`fake: ${this.path} used before the call creating it ran`);
      this.bind(this.derive());
    }
    return this.boundTo;
  }

  protected need<T>(): T {
    const t = this.target();
    if (t === null) throw new FakeOfficeError('InvalidOperation', `${this.path} is a null object.`);
    return t as T;
  }

  get isNullObject(): boolean {
    if (this.committedNull === undefined) throw notLoaded(this.path, 'isNullObject');
    return this.committedNull;
  }

  commit(): void {
    if (this.pendingNull !== undefined) this.committedNull = this.pendingNull;
    for (const [k, v] of this.pending) this.loaded.set(k, v);
    this.pending.clear();
    if (this.pendingItems) this.loadedItems = this.pendingItems;
    this.pendingItems = undefined;
  }

  discard(): void {
    this.pending.clear();
    this.pendingItems = undefined;
    this.pendingNull = undefined;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) throw notLoaded(this.path, name);
    return this.loaded.get(name) as T;
  }

  protected loadedItemsOf<P extends FakeProxy>(): P[] {
    if (!this.loadedItems) throw notLoaded(this.path, 'items');
    return this.loadedItems as P[];
  }

  protected child<P extends FakeProxy>(name: string, make: (path: string) => P): P {
    let c = this.children.get(name);
    if (!c) {
      c = make(`${this.path}.${name}`);
      this.children.set(name, c);
    }
    return c as P;
  }

  /** Queues a method call or property write that runs on the target at sync. */
  protected queue(what: string, args: unknown, run: (target: never) => void): void {
    this.ctx.log(`${this.path}.${what}`);
    this.ctx.enqueue(`${this.path}.${what}`, bytes(args), () => {
      run(this.need<never>());
      return 0;
    });
  }

  load(spec?: string | string[] | Record<string, unknown>): this {
    const text = Array.isArray(spec) ? spec.join(',') : typeof spec === 'string' ? spec : '';
    if (typeof spec === 'object' && !Array.isArray(spec)) {
      throw new Error('fake: load() takes property names here');
    }
    this.ctx.log(`${this.path}.load(${text})`);
    const paths = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => s.split('/'));
    this.ctx.enqueue(`${this.path}.load(${text})`, text.length, () => this.loadNow(paths));
    return this;
  }

  /** Runs a load at sync: snapshots scalars now, in batch order; returns the response bytes. */
  loadNow(paths: readonly string[][]): number {
    const t = this.target();
    this.ctx.touched.add(this);
    if (t === null) return 0;
    const groups = new Map<string, string[][]>();
    for (const [head, ...rest] of paths) {
      if (!head) continue;
      const list = groups.get(head) ?? [];
      list.push(rest);
      groups.set(head, list);
    }
    let total = 0;
    for (const [head, rests] of groups) {
      const deeper = rests.filter((r) => r.length > 0);
      if (head === 'items') {
        const items = this.makeItems(t);
        this.pendingItems = items;
        for (const item of items) total += item.loadNow(deeper);
      } else if (deeper.length === 0 && this.scalars().includes(head)) {
        const v = this.scalar(head, t);
        this.pending.set(head, v);
        total += bytes(v) + head.length;
      } else {
        total += this.navigate(head).loadNow(deeper);
      }
    }
    return total;
  }

  protected scalars(): readonly string[] {
    return [];
  }

  protected scalar(name: string, _target: unknown): unknown {
    throw new Error(`fake: ${this.path}.${name} is not modelled`);
  }

  protected navigate(name: string): FakeProxy {
    throw new Error(`fake: ${this.path}.${name} is not modelled`);
  }

  protected makeItems(_target: unknown): FakeProxy[] {
    throw new Error(`fake: ${this.path} is not a collection`);
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeProtection;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx, 'worksheets', () => ctx.fake);
    this.protection = new FakeProtection(ctx, 'workbook.protection', () => ({
      isProtected: () => ctx.fake.structureProtected,
    }));
  }
}

/** Workbook or worksheet protection: `protected` only. */
class FakeProtection extends FakeProxy {
  get protected(): boolean {
    return this.prop('protected');
  }

  protected override scalars(): readonly string[] {
    return ['protected'];
  }

  protected override scalar(_name: string, t: { isProtected: () => boolean }): unknown {
    return t.isProtected();
  }
}

const FORBIDDEN_SHEET_NAME = /[[\]:*?/\\]/;

class FakeWorksheetCollection extends FakeProxy {
  get items(): FakeWorksheet[] {
    return this.loadedItemsOf<FakeWorksheet>();
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `worksheets.getItem(${name})`).bindWhenRun(
      name.length,
      () => {
        const sheet = this.fake.sheet(name);
        if (!sheet) {
          throw new FakeOfficeError('ItemNotFound', 'The requested resource does not exist.');
        }
        return sheet;
      },
    );
  }

  /** Adds a sheet at the end, as the add-in's own (the fake lets it write cells there). */
  add(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `worksheets.add(${name})`).bindWhenRun(name.length, () => {
      if (this.fake.structureProtected) {
        throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      }
      if (
        typeof name !== 'string' ||
        name.length === 0 ||
        name.length > 31 ||
        FORBIDDEN_SHEET_NAME.test(name) ||
        name.startsWith("'") ||
        name.endsWith("'") ||
        name.toLowerCase() === 'history'
      ) {
        throw invalid(`Bad worksheet name "${name}".`);
      }
      if (this.fake.sheet(name)) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
      }
      const sheet = this.fake.addSheet(name);
      sheet.createdByAddin = true;
      return sheet;
    });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, 'worksheets.getActiveWorksheet()').bindWhenRun(0, () => {
      const sheet = this.fake.sheet(this.fake.active);
      if (!sheet) throw new FakeOfficeError('ItemNotFound', 'No active worksheet.');
      return sheet;
    });
  }

  protected override makeItems(): FakeProxy[] {
    return this.fake.sheets.map((s, i) =>
      new FakeWorksheet(this.ctx, `worksheets.items[${i}]`).bind(s),
    );
  }
}

class FakeWorksheet extends FakeProxy {
  get name(): string {
    return this.prop('name');
  }

  get position(): number {
    return this.prop('position');
  }

  get customProperties(): FakeCustomPropertyCollection {
    return this.child(
      'customProperties',
      (path) => new FakeCustomPropertyCollection(this.ctx, path, () => this.need<FakeSheet>()),
    );
  }

  get protection(): FakeProtection {
    return this.child('protection', (path) => {
      return new FakeProtection(this.ctx, path, () => {
        const sheet = this.need<FakeSheet>();
        return { isProtected: () => sheet.sheetProtected };
      });
    });
  }

  get freezePanes(): FakeFreezePanes {
    return this.child(
      'freezePanes',
      (path) => new FakeFreezePanes(this.ctx, path, () => this.need<FakeSheet>()),
    );
  }

  get notes(): FakeNoteCollection {
    return this.child(
      'notes',
      (path) => new FakeNoteCollection(this.ctx, path, () => this.need<FakeSheet>()),
    );
  }

  get onChanged(): FakeEventHandlers {
    return this.child(
      'onChanged',
      (path) => new FakeEventHandlers(this.ctx, path, () => this.need<FakeSheet>()),
    );
  }

  protected override scalars(): readonly string[] {
    return ['name', 'position'];
  }

  protected override scalar(name: string, target: FakeSheet): unknown {
    return name === 'name' ? target.name : this.fake.sheets.indexOf(target);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
    ).bindWhenRun(0, () => {
      const sheet = this.need<FakeSheet>();
      const rect = sheet.usedRect(valuesOnly);
      return rect ? { sheet, rect } : null;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRange(${address ?? ''})`).bindWhenRun(
      address?.length ?? 0,
      () => {
        const sheet = this.need<FakeSheet>();
        const rect =
          address === undefined
            ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COLUMN }
            : parseRect(address);
        return { sheet, rect };
      },
    );
  }

  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
    ).bindWhenRun(32, () => {
      const sheet = this.need<FakeSheet>();
      if (rowCount < 1 || columnCount < 1) throw invalid('Empty range.');
      const rect = {
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      };
      return { sheet, rect };
    });
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.getRanges(${address})`).bindWhenRun(
      address.length,
      () => {
        const sheet = this.need<FakeSheet>();
        if (address.length > this.fake.addressLimit) {
          throw invalid('The argument is invalid or missing or has an incorrect format.');
        }
        const parts = address.split(',').map((p) => p.trim());
        return { sheet, rects: parts.map(parseRect), ranges: parts };
      },
    );
  }

  activate(): void {
    this.queue('activate()', null, (sheet: FakeSheet) => {
      this.fake.active = sheet.name;
    });
  }
}

interface RangeTarget {
  readonly sheet: FakeSheet;
  readonly rect: Rect;
}

function grid<T>(t: RangeTarget, pick: (cell: FakeCell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: T[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(pick(t.sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

class FakeRange extends FakeProxy {
  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get cellCount(): number {
    return this.prop('cellCount');
  }
  get text(): string[][] {
    return this.prop('text');
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }
  get values(): unknown[][] {
    return this.prop('values');
  }
  /** Allowed on the add-in's own sheets only; text is read as Excel reads it unless the cell is "@". */
  set values(v: unknown) {
    this.write(`values = ${short(v)}`, v, (t) => {
      const rows = matrix(v, t.rect, 'values');
      forEachCell(t.rect, (r, c) => {
        const format = t.sheet.cell(r, c)?.numberFormat ?? 'General';
        t.sheet.setCell(r, c, writtenCell(rows[r - t.rect.top]?.[c - t.rect.left], format));
      });
      this.ctx.changed(t.sheet, rectAddress(t.rect));
    });
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown) {
    this.refuseWrite('formulas', v);
  }
  get formulasLocal(): unknown[][] {
    return this.prop('formulasLocal');
  }
  set formulasLocal(v: unknown) {
    this.refuseWrite('formulasLocal', v);
  }
  get formulasR1C1(): unknown[][] {
    return this.prop('formulasR1C1');
  }
  set formulasR1C1(v: unknown) {
    this.refuseWrite('formulasR1C1', v);
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  /** Allowed on the add-in's own sheets only; a number already there keeps its value. */
  set numberFormat(v: unknown) {
    this.write(`numberFormat = ${short(v)}`, v, (t) => {
      const rows = matrix(v, t.rect, 'numberFormat');
      forEachCell(t.rect, (r, c) => {
        const format = rows[r - t.rect.top]?.[c - t.rect.left];
        if (typeof format !== 'string') throw invalid('A number format is a string.');
        const cell = t.sheet.cell(r, c);
        t.sheet.setCell(
          r,
          c,
          cell && cell.type === 'Double'
            ? numberCell(cell.value as number, format)
            : {
                value: cell?.value ?? '',
                text: cell?.text ?? '',
                type: cell?.type ?? 'Empty',
                numberFormat: format,
              },
        );
      });
    });
  }

  /** Allowed on the add-in's own sheets only; textToDisplay becomes the cell's text. */
  set hyperlink(v: FakeHyperlink) {
    this.write(`hyperlink = ${short(v)}`, v, (t) => {
      if (typeof v !== 'object' || v === null || (!v.address && !v.documentReference)) {
        throw invalid('A hyperlink needs an address or a documentReference.');
      }
      forEachCell(t.rect, (r, c) => {
        t.sheet.hyperlinks.set(`${r},${c}`, { ...v });
        if (v.textToDisplay !== undefined) {
          const format = t.sheet.cell(r, c)?.numberFormat ?? 'General';
          const text = String(v.textToDisplay);
          t.sheet.setCell(r, c, { value: text, text, numberFormat: format, type: 'String' });
        }
      });
      this.ctx.changed(t.sheet, rectAddress(t.rect));
    });
  }

  /** Merges the range (each row when `across`); the values but the top-left one are lost, as in Excel. */
  merge(across = false): void {
    this.write(`merge(${across})`, across, (t) => {
      const rects = across
        ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => ({
            ...t.rect,
            top: t.rect.top + i,
            bottom: t.rect.top + i,
          }))
        : [t.rect];
      for (const rect of rects) {
        if (rect.top === rect.bottom && rect.left === rect.right) continue;
        if (t.sheet.merges.some((m) => intersects(m, rect))) {
          throw new FakeOfficeError('InvalidOperation', 'Cannot merge over merged cells.');
        }
        t.sheet.merges.push(rect);
        forEachCell(rect, (r, c) => {
          const cell = t.sheet.cell(r, c);
          if ((r !== rect.top || c !== rect.left) && cell) {
            t.sheet.setCell(r, c, { ...cell, value: '', text: '', type: 'Empty' });
          }
        });
      }
    });
  }

  unmerge(): void {
    this.write('unmerge()', null, (t) => {
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }

  /** Clears the range: 'All' (the default) removes values, formats, links and merges. */
  clear(applyTo = 'All'): void {
    this.write(`clear(${applyTo})`, applyTo, (t) => {
      const inside = (key: string) => {
        const [r = 0, c = 0] = key.split(',').map(Number);
        return r >= t.rect.top && r <= t.rect.bottom && c >= t.rect.left && c <= t.rect.right;
      };
      const all = applyTo === 'All';
      if (!['All', 'Contents', 'Formats', 'Hyperlinks', 'RemoveHyperlinks'].includes(applyTo)) {
        throw invalid(`Bad clear type ${applyTo}`);
      }
      for (const [key, cell] of [...t.sheet.cells]) {
        if (!inside(key)) continue;
        if (all) t.sheet.cells.delete(key);
        else if (applyTo === 'Contents') {
          t.sheet.cells.set(key, { ...cell, value: '', text: '', type: 'Empty' });
        } else if (applyTo === 'Formats') {
          t.sheet.cells.set(key, { ...cell, numberFormat: 'General' });
        }
      }
      if (all || applyTo === 'Formats') {
        for (const key of [...t.sheet.styles.keys()]) if (inside(key)) t.sheet.styles.delete(key);
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
      }
      if (all || applyTo.endsWith('Hyperlinks')) {
        for (const key of [...t.sheet.hyperlinks.keys()]) {
          if (inside(key)) t.sheet.hyperlinks.delete(key);
        }
      }
      if (all) {
        t.sheet.rules = t.sheet.rules.filter(
          (rule) => !rule.ranges.every((range) => within(parseRect(range), t.rect)),
        );
      }
    });
  }

  get format(): FakeRangeFormat {
    return this.child('format', (path) => {
      return new FakeRangeFormat(this.ctx, path, () => {
        const t = this.need<RangeTarget>();
        return { sheet: t.sheet, rects: [t.rect], ranges: [rectAddress(t.rect)] };
      });
    });
  }

  /** Queues a write of the add-in's own sheet; on any other sheet it fails the sync. */
  private write(what: string, args: unknown, run: (t: RangeTarget) => void): void {
    this.queue(what, args, (t: RangeTarget) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.${what}`);
      run(t);
    });
  }

  private refuseWrite(name: string, value: unknown): never {
    const what = `${this.path}.${name} = ${JSON.stringify(value)?.slice(0, 80)}`;
    this.fake.cellWrites.push(what);
    throw new Error(`fake: the add-in must never write cells: ${what}`);
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.child('conditionalFormats', (path) => {
      return new FakeConditionalFormatCollection(this.ctx, path, () => {
        const t = this.need<RangeTarget>();
        return { sheet: t.sheet, rects: [t.rect], ranges: [rectAddress(t.rect)] };
      });
    });
  }

  protected override scalars(): readonly string[] {
    return [
      'address',
      'rowIndex',
      'columnIndex',
      'rowCount',
      'columnCount',
      'cellCount',
      'values',
      'text',
      'numberFormat',
      'valueTypes',
    ];
  }

  protected override scalar(name: string, t: RangeTarget): unknown {
    const { rect } = t;
    switch (name) {
      case 'address':
        return `${quoteSheet(t.sheet.name)}!${rectAddress(rect)}`;
      case 'rowIndex':
        return rect.top;
      case 'columnIndex':
        return rect.left;
      case 'rowCount':
        return rect.bottom - rect.top + 1;
      case 'columnCount':
        return rect.right - rect.left + 1;
      case 'cellCount':
        return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
      case 'values':
        return grid(t, (c) => (c && c.type !== 'Empty' ? c.value : ''));
      case 'text':
        return grid(t, (c) => (c && c.type !== 'Empty' ? c.text : ''));
      case 'numberFormat':
        return grid(t, (c) => c?.numberFormat ?? 'General');
      default:
        return grid(t, (c) => c?.type ?? 'Empty');
    }
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.getMergedAreasOrNullObject()`).bindWhenRun(
      0,
      () => {
        const t = this.need<RangeTarget>();
        const rects = t.sheet.merges.filter((m) => intersects(m, t.rect));
        return rects.length === 0
          ? null
          : { sheet: t.sheet, rects, ranges: rects.map(rectAddress) };
      },
    );
  }

  /** Excel selects only on the active sheet (the add-in activates first). */
  select(): void {
    this.queue('select()', null, (t: RangeTarget) => {
      if (this.fake.active !== t.sheet.name) {
        throw new FakeOfficeError('InvalidOperation', 'Select works on the active sheet only.');
      }
      this.fake.selection = { sheet: t.sheet.name, address: rectAddress(t.rect) };
    });
  }
}

interface AreasTarget {
  readonly sheet: FakeSheet;
  readonly rects: readonly Rect[];
  readonly ranges: readonly string[];
}

class FakeRangeAreas extends FakeProxy {
  get address(): string {
    return this.prop('address');
  }

  get areas(): FakeRangeCollection {
    return this.child(
      'areas',
      (path) => new FakeRangeCollection(this.ctx, path, () => this.need<AreasTarget>()),
    );
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.child(
      'conditionalFormats',
      (path) => new FakeConditionalFormatCollection(this.ctx, path, () => this.need<AreasTarget>()),
    );
  }

  get format(): FakeRangeFormat {
    return this.child(
      'format',
      (path) => new FakeRangeFormat(this.ctx, path, () => this.need<AreasTarget>()),
    );
  }

  protected override scalars(): readonly string[] {
    return ['address', 'areaCount'];
  }

  protected override scalar(name: string, t: AreasTarget): unknown {
    return name === 'address'
      ? t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectAddress(r)}`).join(', ')
      : t.rects.length;
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'areas') return this.areas;
    return super.navigate(name);
  }
}

class FakeRangeCollection extends FakeProxy {
  get items(): FakeRange[] {
    return this.loadedItemsOf<FakeRange>();
  }

  protected override makeItems(t: AreasTarget): FakeProxy[] {
    return t.rects.map((rect, i) =>
      new FakeRange(this.ctx, `${this.path}.items[${i}]`).bind({ sheet: t.sheet, rect }),
    );
  }
}

interface RuleTarget {
  readonly sheet: FakeSheet;
  readonly rule: FakeRule;
}

/** The sheet's rules over any of the areas, in priority order (a range's `conditionalFormats`). */
function rulesOver(t: AreasTarget): FakeRule[] {
  return t.sheet.rules.filter((rule) =>
    rule.ranges.some((range) => t.rects.some((rect) => intersects(parseRect(range), rect))),
  );
}

/**
 * Why Excel cannot read a rule back, if it cannot: a duplicate made in the Rules Manager
 * (office-js#6835), or one of two CellValue rules over the same ranges (#6827).
 */
export function unreadableRule(
  sheet: FakeSheet,
  rule: FakeRule,
): 'duplicated' | 'value-pair' | undefined {
  if (rule.duplicated) return 'duplicated';
  if (rule.type !== 'CellValue') return undefined;
  const key = [...rule.ranges].sort().join(',');
  const pair = sheet.rules.some(
    (other) =>
      other !== rule && other.type === 'CellValue' && [...other.ranges].sort().join(',') === key,
  );
  return pair ? 'value-pair' : undefined;
}

function generalException(): FakeOfficeError {
  return new FakeOfficeError(
    'GeneralException',
    'There was an internal error while processing the request.',
  );
}

class FakeConditionalFormatCollection extends FakeProxy {
  get items(): FakeConditionalFormat[] {
    return this.loadedItemsOf<FakeConditionalFormat>();
  }

  protected override makeItems(t: AreasTarget): FakeProxy[] {
    return rulesOver(t).map((rule, i) =>
      new FakeConditionalFormat(this.ctx, `${this.path}.items[${i}]`).bind({
        sheet: t.sheet,
        rule,
      }),
    );
  }

  add(type: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.add(${type})`).bindWhenRun(16, () => {
      const t = this.need<AreasTarget>();
      const rule: FakeRule = { id: this.fake.newRuleId(), type, ranges: [...t.ranges] };
      t.sheet.rules.unshift(rule); // Excel: "adds at the first/top priority"
      return { sheet: t.sheet, rule };
    });
  }

  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.getItem(${id})`).bindWhenRun(
      id.length,
      () => {
        const t = this.need<AreasTarget>();
        const rule = t.sheet.rules.find((r) => r.id === id);
        if (!rule) throw new FakeOfficeError('ItemNotFound', `No conditional format ${id}.`);
        return { sheet: t.sheet, rule };
      },
    );
  }

  /** ExcelApi 1.14. */
  getItemOrNullObject(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(
      this.ctx,
      `${this.path}.getItemOrNullObject(${id})`,
    ).bindWhenRun(id.length, () => {
      if (!this.fake.supports('1.14')) {
        throw new FakeOfficeError(
          'ApiNotFound',
          'The API you are trying to use could not be found.',
        );
      }
      const t = this.need<AreasTarget>();
      const rule = t.sheet.rules.find((r) => r.id === id);
      return rule ? { sheet: t.sheet, rule } : null;
    });
  }

  /** By position in the collection; a rule Excel cannot read answers ItemNotFound (#5222). */
  getItemAt(index: number): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.getItemAt(${index})`).bindWhenRun(
      8,
      () => {
        const t = this.need<AreasTarget>();
        const rule = rulesOver(t)[index];
        if (!rule || unreadableRule(t.sheet, rule)) {
          throw new FakeOfficeError('ItemNotFound', 'Item Not Found.');
        }
        return { sheet: t.sheet, rule };
      },
    );
  }

  clearAll(): never {
    this.ctx.log(`${this.path}.clearAll()`);
    throw new Error('fake: conditionalFormats.clearAll() would delete the user’s own rules');
  }
}

class FakeConditionalFormat extends FakeProxy {
  get id(): string {
    return this.prop('id');
  }
  get type(): string {
    return this.prop('type');
  }
  get priority(): number {
    return this.prop('priority');
  }
  get stopIfTrue(): boolean {
    return this.prop('stopIfTrue');
  }
  set stopIfTrue(value: boolean) {
    this.queue(`stopIfTrue = ${value}`, value, (t: RuleTarget) => {
      t.rule.stopIfTrue = value;
    });
  }

  get custom(): FakeCustom {
    return this.child(
      'custom',
      (path) =>
        new FakeCustom(this.ctx, path, () => {
          const t = this.need<RuleTarget>();
          if (unreadableRule(t.sheet, t.rule)) throw generalException();
          if (t.rule.type !== 'Custom') {
            throw new FakeOfficeError(
              'InvalidOperation',
              'This operation is not permitted for the current object.',
            );
          }
          return t.rule;
        }),
    );
  }

  get customOrNullObject(): FakeCustom {
    return this.child(
      'customOrNullObject',
      (path) =>
        new FakeCustom(this.ctx, path, () => {
          const t = this.need<RuleTarget>();
          if (unreadableRule(t.sheet, t.rule)) throw generalException();
          return t.rule.type === 'Custom' ? t.rule : null;
        }),
    );
  }

  delete(): void {
    this.queue('delete()', null, (t: RuleTarget) => {
      const i = t.sheet.rules.indexOf(t.rule);
      if (i < 0) throw new FakeOfficeError('ItemNotFound', `No conditional format ${t.rule.id}.`);
      t.sheet.rules.splice(i, 1);
    });
  }

  protected override scalars(): readonly string[] {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }

  protected override scalar(name: string, t: RuleTarget): unknown {
    // A duplicated rule gives its id, and nothing else (#6835).
    if (name !== 'id' && t.rule.duplicated) throw generalException();
    switch (name) {
      case 'id':
        return t.rule.id;
      case 'type':
        return t.rule.type;
      case 'priority':
        return t.sheet.rules.indexOf(t.rule);
      default:
        return t.rule.stopIfTrue ?? false;
    }
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return super.navigate(name);
  }
}

class FakeCustom extends FakeProxy {
  get rule(): FakeConditionalRule {
    return this.child(
      'rule',
      (path) => new FakeConditionalRule(this.ctx, path, () => this.need<FakeRule>()),
    );
  }

  get format(): FakeConditionalRangeFormat {
    return this.child(
      'format',
      (path) => new FakeConditionalRangeFormat(this.ctx, path, () => this.need<FakeRule>()),
    );
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return super.navigate(name);
  }
}

class FakeConditionalRule extends FakeProxy {
  get formula(): string {
    return this.prop('formula');
  }
  set formula(value: string) {
    this.queue(`formula = ${value}`, value, (rule: FakeRule) => {
      if (typeof value !== 'string' || !value.startsWith('=')) {
        throw invalid(`A rule formula starts with "=": ${value}`);
      }
      rule.formula = value;
    });
  }

  protected override scalars(): readonly string[] {
    return ['formula'];
  }

  protected override scalar(_name: string, rule: FakeRule): unknown {
    return rule.formula ?? '';
  }
}

class FakeConditionalRangeFormat extends FakeProxy {
  get numberFormat(): unknown {
    return this.prop('numberFormat');
  }
  set numberFormat(value: unknown) {
    this.queue(`numberFormat = ${JSON.stringify(value)}`, value, (rule: FakeRule) => {
      if (value !== null && typeof value !== 'string') {
        throw invalid('A conditional format takes one number format code.');
      }
      rule.numberFormat = value;
    });
  }

  get fill(): FakeColorTarget {
    return this.child(
      'fill',
      (path) => new FakeColorTarget(this.ctx, path, () => this.need<FakeRule>(), 'fill'),
    );
  }

  get font(): FakeColorTarget {
    return this.child(
      'font',
      (path) => new FakeColorTarget(this.ctx, path, () => this.need<FakeRule>(), 'font'),
    );
  }
}

class FakeColorTarget extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    derive: () => unknown,
    private readonly kind: 'fill' | 'font',
  ) {
    super(ctx, path, derive);
  }

  set color(value: string) {
    this.queue(`color = ${value}`, value, (rule: FakeRule) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalid(`Bad colour ${value}`);
      if (this.kind === 'fill') rule.fill = value;
      else rule.fontColor = value;
    });
  }

  set bold(value: boolean) {
    if (this.kind !== 'font') throw new Error('fake: fill has no bold');
    this.queue(`bold = ${value}`, value, (rule: FakeRule) => {
      rule.bold = value;
    });
  }
}

interface NoteTarget {
  readonly sheet: FakeSheet;
  readonly cell: string;
}

/** "c7", "$C$7" → "C7"; one cell only (InvalidArgument otherwise, as Excel). */
function noteKey(address: unknown): string {
  if (typeof address !== 'string') throw new Error('fake: notes take a cell address string here');
  const rect = parseRect(address.replace(/\$/g, ''));
  if (rect.top !== rect.bottom || rect.left !== rect.right) {
    throw invalid(`A note goes on one cell, not ${address}.`);
  }
  return rectAddress(rect);
}

/** `worksheet.notes` (ExcelApi 1.18). */
class FakeNoteCollection extends FakeProxy {
  private sheetForNotes(): FakeSheet {
    if (!this.fake.supports('1.18')) {
      throw new FakeOfficeError('ApiNotFound', 'The API you are trying to use could not be found.');
    }
    return this.need<FakeSheet>();
  }

  add(cellAddress: string, content: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.add(${cellAddress})`).bindWhenRun(
      bytes(cellAddress) + bytes(content),
      () => {
        const sheet = this.sheetForNotes();
        const cell = noteKey(cellAddress);
        if (typeof content !== 'string') throw invalid('A note’s content is a string.');
        if (sheet.notes.has(cell)) {
          throw new FakeOfficeError('InvalidArgument', `The cell ${cell} already has a note.`);
        }
        sheet.notes.set(cell, content);
        return { sheet, cell };
      },
    );
  }

  getItem(key: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.getItem(${key})`).bindWhenRun(key.length, () => {
      const sheet = this.sheetForNotes();
      const cell = noteKey(key);
      if (!sheet.notes.has(cell)) {
        throw new FakeOfficeError('ItemNotFound', 'The requested resource does not exist.');
      }
      return { sheet, cell };
    });
  }

  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.getItemOrNullObject(${key})`).bindWhenRun(
      key.length,
      () => {
        const sheet = this.sheetForNotes();
        const cell = noteKey(key);
        return sheet.notes.has(cell) ? { sheet, cell } : null;
      },
    );
  }
}

class FakeNote extends FakeProxy {
  get content(): string {
    return this.prop('content');
  }
  set content(value: string) {
    this.queue(`content = ${short(value)}`, value, (t: NoteTarget) => {
      if (typeof value !== 'string') throw invalid('A note’s content is a string.');
      if (!t.sheet.notes.has(t.cell)) {
        throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
      }
      t.sheet.notes.set(t.cell, value);
    });
  }

  delete(): void {
    this.queue('delete()', null, (t: NoteTarget) => {
      if (!t.sheet.notes.delete(t.cell)) {
        throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
      }
    });
  }

  protected override scalars(): readonly string[] {
    return ['content'];
  }

  protected override scalar(_name: string, t: NoteTarget): unknown {
    const content = t.sheet.notes.get(t.cell);
    if (content === undefined) throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
    return content;
  }
}

interface PropertyTarget {
  readonly sheet: FakeSheet;
  readonly key: string;
}

class FakeCustomPropertyCollection extends FakeProxy {
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, `${this.path}.getItemOrNullObject(${key})`).bindWhenRun(
      key.length,
      () => {
        const sheet = this.need<FakeSheet>();
        return sheet.properties.has(key.toLowerCase()) ? { sheet, key } : null;
      },
    );
  }

  add(key: string, value: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, `${this.path}.add(${key})`).bindWhenRun(
      key.length + bytes(value),
      () => {
        const sheet = this.need<FakeSheet>();
        if (key.length > 255) throw invalid('A custom property key has at most 255 characters.');
        if (typeof value !== 'string') throw invalid('A custom property value is a string.');
        sheet.properties.set(key.toLowerCase(), { key, value });
        return { sheet, key };
      },
    );
  }
}

class FakeCustomProperty extends FakeProxy {
  get key(): string {
    return this.prop('key');
  }
  get value(): string {
    return this.prop('value');
  }

  delete(): void {
    this.queue('delete()', null, (t: PropertyTarget) => {
      t.sheet.properties.delete(t.key.toLowerCase());
    });
  }

  protected override scalars(): readonly string[] {
    return ['key', 'value'];
  }

  protected override scalar(name: string, t: PropertyTarget): unknown {
    const entry = t.sheet.properties.get(t.key.toLowerCase());
    return name === 'key' ? entry?.key : entry?.value;
  }
}

/** The ranges a rule covers, as one string (for assertions). */
export function ruleAddress(rule: FakeRule): string {
  return rule.ranges.join(',');
}

/** Whether `inner` (an A1 range) lies within `outer`. */
export function rangeWithin(inner: string, outer: string): boolean {
  return within(parseRect(inner), parseRect(outer));
}

/** A short label of a written value, for `calls`. */
function short(value: unknown): string {
  return (JSON.stringify(value) ?? '').slice(0, 80);
}

/** The writes the add-in may make only on sheets it created: anything else fails the sync. */
function ownSheetOnly(fake: FakeExcel, sheet: FakeSheet, what: string): void {
  if (sheet.createdByAddin) return;
  fake.cellWrites.push(what);
  throw new Error(`fake: the add-in must never write cells of a sheet it did not create: ${what}`);
}

function forEachCell(rect: Rect, fn: (row: number, column: number) => void): void {
  const count = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
  if (count > 5_000_000) throw new Error(`fake: writing ${count} cells one by one is not modelled`);
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) fn(r, c);
  }
}

/** A 2-D array of exactly the range's size, as Excel requires. */
function matrix(value: unknown, rect: Rect, name: string): unknown[][] {
  const rows = rect.bottom - rect.top + 1;
  const columns = rect.right - rect.left + 1;
  if (
    !Array.isArray(value) ||
    value.length !== rows ||
    !value.every((row) => Array.isArray(row) && row.length === columns)
  ) {
    throw invalid(`${name}: the array does not match the range's ${rows} × ${columns} cells.`);
  }
  return value as unknown[][];
}

function numberCell(value: number, numberFormat: string): FakeCell {
  return {
    value,
    text: formatNumber(value, numberFormat, { decimalSeparator: ',', date1904: false }),
    numberFormat,
    type: 'Double',
  };
}

/** How Excel stores a value written to a cell of the given number format. */
function writtenCell(raw: unknown, numberFormat: string): FakeCell {
  if (raw === '' || raw === null || raw === undefined) {
    return { value: '', text: '', numberFormat, type: 'Empty' };
  }
  if (typeof raw === 'number') return numberCell(raw, numberFormat);
  if (typeof raw === 'boolean') {
    return { value: raw, text: raw ? 'TRUE' : 'FALSE', numberFormat, type: 'Boolean' };
  }
  const text = String(raw);
  if (numberFormat !== '@') {
    if (text.startsWith('='))
      return { value: '#NAME?', text: '#NAME?', numberFormat, type: 'Error' };
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(text.trim());
    if (m) return numberCell(Number(m[1]) / (m[2] ? 100 : 1), numberFormat);
  }
  return { value: text, text, numberFormat, type: 'String' };
}

const HORIZONTAL_ALIGNMENTS = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
];
const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];
const BORDER_STYLES = [
  'None',
  'Continuous',
  'Dash',
  'DashDot',
  'DashDotDot',
  'Dot',
  'Double',
  'SlantDashDot',
];
const COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** A proxy over the areas of a range or RangeAreas whose writes are the add-in's own sheets' only. */
abstract class FakeAreasWriter extends FakeProxy {
  protected write(what: string, args: unknown, run: (t: AreasTarget) => void): void {
    this.queue(what, args, (t: AreasTarget) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.${what}`);
      run(t);
    });
  }

  /** Queues a change of the style of every cell of the areas. */
  protected styleWrite(what: string, args: unknown, change: (style: FakeStyle) => void): void {
    this.write(what, args, (t) => {
      for (const rect of t.rects) forEachCell(rect, (r, c) => change(t.sheet.styleFor(r, c)));
    });
  }
}

class FakeRangeFormat extends FakeAreasWriter {
  set wrapText(value: boolean) {
    this.styleWrite(`wrapText = ${value}`, value, (s) => {
      s.wrap = value;
    });
  }

  set horizontalAlignment(value: string) {
    if (!HORIZONTAL_ALIGNMENTS.includes(value)) throw invalid(`Bad alignment ${value}`);
    this.styleWrite(`horizontalAlignment = ${value}`, value, (s) => {
      s.align = value;
    });
  }

  /** Points, for every column of the areas. */
  set columnWidth(value: number) {
    this.write(`columnWidth = ${value}`, value, (t) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw invalid(`Bad column width ${value}`);
      }
      for (const rect of t.rects) {
        for (let c = rect.left; c <= rect.right; c++) t.sheet.columnWidths.set(c, value);
      }
    });
  }

  set useStandardWidth(value: boolean) {
    this.write(`useStandardWidth = ${value}`, value, (t) => {
      if (!value) return;
      for (const rect of t.rects) {
        for (const c of [...t.sheet.columnWidths.keys()]) {
          if (c >= rect.left && c <= rect.right) t.sheet.columnWidths.delete(c);
        }
      }
    });
  }

  get font(): FakeRangeFont {
    return this.child('font', (path) => {
      return new FakeRangeFont(this.ctx, path, () => this.need<AreasTarget>());
    });
  }

  get fill(): FakeRangeFill {
    return this.child('fill', (path) => {
      return new FakeRangeFill(this.ctx, path, () => this.need<AreasTarget>());
    });
  }

  get borders(): FakeRangeBorders {
    return this.child('borders', (path) => {
      return new FakeRangeBorders(this.ctx, path, () => this.need<AreasTarget>());
    });
  }
}

class FakeRangeFont extends FakeAreasWriter {
  set bold(value: boolean) {
    this.styleWrite(`bold = ${value}`, value, (s) => {
      s.bold = value;
    });
  }

  set italic(value: boolean) {
    this.styleWrite(`italic = ${value}`, value, (s) => {
      s.italic = value;
    });
  }

  set color(value: string) {
    if (!COLOUR.test(value)) throw invalid(`Bad colour ${value}`);
    this.styleWrite(`color = ${value}`, value, (s) => {
      s.color = value;
    });
  }
}

class FakeRangeFill extends FakeAreasWriter {
  set color(value: string) {
    if (!COLOUR.test(value)) throw invalid(`Bad colour ${value}`);
    this.styleWrite(`color = ${value}`, value, (s) => {
      s.fill = value;
    });
  }
}

class FakeRangeBorders extends FakeProxy {
  getItem(index: string): FakeRangeBorder {
    return this.child(`getItem(${index})`, (path) => {
      return new FakeRangeBorder(this.ctx, path, () => {
        if (!BORDER_INDEXES.includes(index)) throw invalid(`Bad border index ${index}`);
        return { ...this.need<AreasTarget>(), index };
      });
    });
  }
}

class FakeRangeBorder extends FakeProxy {
  /** A line on the index's edges of each area (inside edges: between its cells). */
  set style(value: string) {
    this.queue(`style = ${value}`, value, (t: AreasTarget & { index: string }) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.style = ${value}`);
      if (!BORDER_STYLES.includes(value)) throw invalid(`Bad border style ${value}`);
      for (const rect of t.rects) {
        forEachCell(rect, (r, c) => {
          const edges: FakeEdge[] = [];
          if (t.index === 'EdgeTop' && r === rect.top) edges.push('top');
          if (t.index === 'EdgeBottom' && r === rect.bottom) edges.push('bottom');
          if (t.index === 'EdgeLeft' && c === rect.left) edges.push('left');
          if (t.index === 'EdgeRight' && c === rect.right) edges.push('right');
          if (t.index === 'InsideHorizontal') {
            if (r > rect.top) edges.push('top');
            if (r < rect.bottom) edges.push('bottom');
          }
          if (t.index === 'InsideVertical') {
            if (c > rect.left) edges.push('left');
            if (c < rect.right) edges.push('right');
          }
          if (edges.length === 0) return;
          const style = t.sheet.styleFor(r, c);
          for (const edge of edges) {
            if (value === 'None') style.borders.delete(edge);
            else style.borders.add(edge);
          }
        });
      }
    });
  }
}

class FakeFreezePanes extends FakeProxy {
  freezeRows(count = 1): void {
    this.queue(`freezeRows(${count})`, count, (sheet: FakeSheet) => {
      ownSheetOnly(this.fake, sheet, `${this.path}.freezeRows(${count})`);
      if (!Number.isInteger(count) || count < 0) throw invalid(`Bad row count ${count}`);
      sheet.frozenRows = count;
    });
  }

  unfreeze(): void {
    this.queue('unfreeze()', null, (sheet: FakeSheet) => {
      ownSheetOnly(this.fake, sheet, `${this.path}.unfreeze()`);
      sheet.frozenRows = 0;
    });
  }
}

/** `worksheet.onChanged`: handlers are added (and removed) when the batch runs. */
class FakeEventHandlers extends FakeProxy {
  add(handler: FakeChangeHandler): FakeEventHandlerResult {
    const result = new FakeEventHandlerResult(this.ctx, handler);
    this.queue('add(handler)', null, (sheet: FakeSheet) => {
      sheet.changeHandlers.add(handler);
      result.sheet = sheet;
    });
    return result;
  }
}

class FakeEventHandlerResult {
  sheet: FakeSheet | undefined;

  constructor(
    readonly context: FakeContext,
    private readonly handler: FakeChangeHandler,
  ) {}

  remove(): void {
    this.context.log('onChanged.remove()');
    this.context.enqueue('onChanged.remove()', 0, () => {
      if (!this.sheet) throw new Error('fake: removing a handler that was never added');
      this.sheet.changeHandlers.delete(this.handler);
      return 0;
    });
  }
}
