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
 * - writing a cell's values, formulas or number format throws: the add-in must never do it;
 * - `conditionalFormats.clearAll()` throws: the add-in must never call it.
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
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  numberFormat?: string | null;
  stopIfTrue?: boolean;
}

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

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
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

  /** Save and reopen: conditional-format ids change, unsaved settings are lost. */
  reopen(): void {
    for (const sheet of this.sheets) for (const rule of sheet.rules) rule.id = this.newRuleId();
    this.settings = { ...this.savedSettings };
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
      run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
        this.runs++;
        const context = new FakeContext(this);
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

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(label: string, request: number, run: () => number | undefined): void {
    this.queue.push({ label, request: 100 + request, run });
  }

  log(call: string): void {
    this.fake.calls.push(call);
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
    let response = 0;
    try {
      for (const op of ops) response += op.run() ?? 0;
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
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx, 'worksheets', () => ctx.fake);
  }
}

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
  set values(v: unknown) {
    this.refuseWrite('values', v);
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
  set numberFormat(v: unknown) {
    this.refuseWrite('numberFormat', v);
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

class FakeConditionalFormatCollection extends FakeProxy {
  get items(): FakeConditionalFormat[] {
    return this.loadedItemsOf<FakeConditionalFormat>();
  }

  protected override makeItems(t: AreasTarget): FakeProxy[] {
    return t.sheet.rules
      .filter((rule) =>
        rule.ranges.some((range) => t.rects.some((rect) => intersects(parseRect(range), rect))),
      )
      .map((rule, i) =>
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
