/**
 * A workbook in memory behind the same interface as Excel: for tests and for the browser
 * preview of the task pane. Loads a real .xlsx through @chitieu/xlsx. It keeps the conditional
 * formats it is given (its own and "user" ones) in priority order, the add-in's at the top as in
 * Excel (shared/marks.ts), so tests can see what the pane did.
 *
 * The add-in's own sheets (writeSheet) follow the same rules as in Excel, with the same name
 * helpers (shared/sheet-names.ts): the owner is a field of the sheet; the content is kept as written
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
  type SheetContent,
  type TargetSet,
  toA1,
} from '@chitieu/engine';
import {
  EMBEDDED_SET_NAMESPACE,
  type EmbeddedSets,
  embeddedTargetSetXml,
  openWorkbook,
  parseEmbeddedTargetSetXml,
  readEmbeddedTargetSets,
  type SheetState,
  type WorkbookReader,
  writeWorkbook,
} from '@chitieu/xlsx';
import { planStore } from './shared/embedded-plan.js';
import { markFormula } from './shared/marks.js';
import { noteCell, noteText, planNotes, wantedNotes } from './shared/notes-plan.js';
import { numberType } from './shared/number-type.js';
import { readableArea } from './shared/readable.js';
import {
  sheetKey,
  sheetNameChain,
  sheetProtectedError,
  structureProtectedError,
} from './shared/sheet-names.js';
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
} from './types.js';

/** A conditional format as a workbook holds it. */
export interface MemoryRule {
  readonly id: string;
  readonly ranges: readonly string[];
  readonly formula: string;
  /** The mark status for the add-in's rules; undefined for a user's own rule. */
  readonly status?: MarkRule['status'];
  readonly numberFormat?: string;
  /** Set on the add-in's rules: where one applies, the rules below it are not applied. */
  readonly stopIfTrue?: boolean;
  /** Set on the add-in's rules whose cells show no symbol: a dashed border round each cell. */
  readonly border?: true;
}

export interface MemorySheet {
  readonly name: string;
  grid: Grid;
  /** Conditional formats in priority order: the first has the highest priority. */
  rules: MemoryRule[];
  /** Set on a sheet the add-in wrote: what it wrote it as. Undefined for a user's sheet. */
  owner?: WriteSheetOptions['owner'];
  /** Set on a sheet the user hid (Format → Hide, or very hidden): how. Undefined when visible. */
  visibility?: HiddenVisibility;
  /** The content the add-in last wrote on the sheet, as given (styles, widths, frozen rows…). */
  content?: SheetContent;
  /** The content's links (cell → sheet!target), as written. */
  links?: readonly ContentLink[];
  /** The user protected the sheet: the add-in cannot write it again. */
  protected?: boolean;
  /** Cell notes by A1 address: the user's and the add-in's. */
  notes: Map<string, string>;
  /** What the add-in recorded of its notes (cell → text it wrote), as in Excel's `chitieu.notes`. */
  noteRecord: Map<string, string>;
}

export interface MemoryHostOptions {
  /** Pretend the workbook supports notes (ExcelApi 1.18). Default false. */
  readonly notes?: boolean;
  /**
   * Call change handlers for the add-in's own writes too (marks, notes, written sheets), as an
   * Excel below ExcelApi 1.14 may: tests check the pane ignores them.
   */
  readonly echoOwnWrites?: boolean;
  /** The target sets the workbook stores (custom XML parts): none by default. */
  readonly embedded?: EmbeddedSets;
}

const NO_EMBEDDED: EmbeddedSets = { sets: [], problems: [] };

/** A workbook's sheets and stored target sets, read from its bytes (a HostError if it cannot be). */
function readParts(bytes: Uint8Array): {
  readonly sheets: { name: string; grid: Grid; state: SheetState }[];
  readonly embedded: EmbeddedSets;
  /** Each stored part's text, by part name. */
  readonly xml: ReadonlyMap<string, string>;
} {
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new HostError({ code: 'unreadable-file', error: opened.error });
  const reader: WorkbookReader = opened.data;
  const sheets = reader.sheets.map((info) => {
    const read = reader.readSheet(info);
    if (!read.success) throw new HostError({ code: 'unreadable-file', error: read.error });
    return { name: read.data.name, grid: read.data.grid, state: read.data.state };
  });
  const embedded = readEmbeddedTargetSets(reader);
  const xml = new Map<string, string>();
  for (const { part } of [...embedded.sets, ...embedded.problems]) {
    try {
      xml.set(part, reader.package.text(part));
    } catch {
      // a part that cannot be decompressed: a problem already, and nothing to write back
    }
  }
  return { sheets, embedded, xml };
}

/** A grid as content the xlsx writer writes: values and number formats from A1, merges. */
function gridContent(grid: Grid): SheetContent {
  const origin = grid.origin ?? { row: 0, column: 0 };
  const rows: (ContentCell | undefined)[][] = Array.from({ length: origin.row }, () => []);
  for (const row of grid.rows) {
    const out: (ContentCell | undefined)[] = Array.from({ length: origin.column }, () => undefined);
    for (const cell of row) {
      const value = cell?.value;
      out.push(
        cell === undefined || value === null || value === undefined
          ? undefined
          : {
              value: typeof value === 'boolean' ? String(value).toUpperCase() : value,
              ...(cell.numberFormat && cell.numberFormat !== 'General'
                ? { numberFormat: cell.numberFormat }
                : {}),
            },
      );
    }
    rows.push(out);
  }
  const merges = (grid.merges ?? []).map((m) => ({
    top: m.top + origin.row,
    bottom: m.bottom + origin.row,
    left: m.left + origin.column,
    right: m.right + origin.column,
  }));
  return { rows, ...(merges.length > 0 ? { merges } : {}) };
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
  return { value, numberFormat, type: numberType(numberFormat) };
}

/** The grid of a written sheet. */
export function contentGrid(name: string, content: SheetContent): Grid {
  return {
    name,
    rows: content.rows.map((row) => Array.from(row, contentCell)),
    merges: [...(content.merges ?? [])],
  };
}

type ChangeHandler = (change: SheetChange) => void;

/** A sheet the host starts with: its name, grid and, for a hidden sheet, how it is hidden. */
export interface MemorySheetInput {
  readonly name: string;
  readonly grid: Grid;
  readonly visibility?: HiddenVisibility;
}

/** A sheet's state in the .xlsx (`<sheet state="hidden">`) as the host's visibility. */
function visibilityOf(state: SheetState): {
  visibility?: HiddenVisibility;
} {
  return state === 'hidden'
    ? { visibility: 'hidden' }
    : state === 'veryHidden'
      ? { visibility: 'very-hidden' }
      : {};
}

export class MemoryHost implements WorkbookHost {
  readonly capabilities: HostCapabilities;
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

  private readonly echoOwnWrites: boolean;
  /**
   * The target sets the workbook stores, as the xlsx reader reads them (`readEmbeddedTargetSets`):
   * what readEmbeddedSets gives; a test may replace it (an altered copy).
   */
  embedded: EmbeddedSets;
  /** The text of each stored part the host read or wrote, by part name (what `toXlsx` writes). */
  private readonly partXml = new Map<string, string>();

  constructor(sheets: readonly MemorySheetInput[], options: MemoryHostOptions = {}) {
    if (sheets.length === 0) throw new HostError({ code: 'no-sheet' });
    this.sheets = sheets.map((s) => ({
      name: s.name,
      grid: s.grid,
      ...(s.visibility ? { visibility: s.visibility } : {}),
      rules: [],
      notes: new Map(),
      noteRecord: new Map(),
    }));
    // Excel shows a visible sheet when it opens a workbook.
    this.active = (sheets.find((s) => !s.visibility) ?? (sheets[0] as MemorySheetInput)).name;
    this.capabilities = { mergedAreas: true, notes: options.notes ?? false };
    this.echoOwnWrites = options.echoOwnWrites ?? false;
    this.embedded = options.embedded ?? NO_EMBEDDED;
  }

  /** A host over a real .xlsx file's bytes, with the target sets it stores. */
  static fromXlsx(bytes: Uint8Array, options: MemoryHostOptions = {}): MemoryHost {
    const read = readParts(bytes);
    const host = new MemoryHost(
      read.sheets.map((s) => ({ name: s.name, grid: s.grid, ...visibilityOf(s.state) })),
      { embedded: read.embedded, ...options },
    );
    for (const [part, xml] of read.xml) host.partXml.set(part, xml);
    return host;
  }

  /**
   * A host over sheets taken from several .xlsx files, renamed: a reviewer's workbook that
   * gathers the units' annexes (tests and the preview). `sheets` maps each file's sheet to its
   * name in the new workbook, in order; sheets not listed are left out.
   */
  static fromParts(
    parts: readonly { bytes: Uint8Array; sheets: Readonly<Record<string, string>> }[],
    options: MemoryHostOptions = {},
  ): MemoryHost {
    const sheets: MemorySheetInput[] = [];
    const embedded: {
      sets: EmbeddedSets['sets'][number][];
      problems: EmbeddedSets['problems'][number][];
    } = { sets: [], problems: [] };
    for (const part of parts) {
      const read = readParts(part.bytes);
      for (const [from, to] of Object.entries(part.sheets)) {
        const found = read.sheets.find((s) => s.name === from);
        if (!found) throw new HostError({ code: 'not-found', sheet: from });
        sheets.push({ name: to, grid: { ...found.grid, name: to }, ...visibilityOf(found.state) });
      }
      // A stored set keeps to its file's sheets, under their new names (one for every sheet: all of them).
      const renamed = (names: readonly string[] | undefined) =>
        (names === undefined || names.length === 0
          ? Object.keys(part.sheets)
          : names.filter((n) => Object.hasOwn(part.sheets, n))
        ).map((n) => part.sheets[n] as string);
      for (const set of read.embedded.sets) {
        const names = renamed(set.sheets);
        if (names.length > 0) embedded.sets.push({ ...set, sheets: names });
      }
      for (const problem of read.embedded.problems) {
        const names = renamed(problem.sheets);
        if (names.length > 0) embedded.problems.push({ ...problem, sheets: names });
      }
    }
    return new MemoryHost(sheets, { embedded, ...options });
  }

  private sheet(name: string): MemorySheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new HostError({ code: 'not-found', sheet: name });
    return s;
  }

  async activeSheet(): Promise<string> {
    this.calls.push('activeSheet');
    return this.active;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.calls.push('listSheets');
    return this.sheets.map((s) => ({
      name: s.name,
      ...(s.owner ? { owner: s.owner } : {}),
      ...(s.visibility ? { visibility: s.visibility } : {}),
    }));
  }

  async readSheet(sheet: string): Promise<Grid> {
    this.calls.push(`readSheet ${sheet}`);
    const s = this.sheet(sheet);
    return { ...s.grid, name: s.name };
  }

  async readRange(sheet: string, address: string): Promise<Grid> {
    this.calls.push(`readRange ${sheet}!${address}`);
    const s = this.sheet(sheet);
    const area = readableArea(sheet, address, Number.POSITIVE_INFINITY);
    const origin = s.grid.origin ?? { row: 0, column: 0 };
    const rows: (Cell | undefined)[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: (Cell | undefined)[] = [];
      for (let c = area.left; c <= area.right; c++)
        row.push(s.grid.rows[r - origin.row]?.[c - origin.column]);
      rows.push(row);
    }
    return { name: s.name, rows, merges: [], origin: { row: area.top, column: area.left } };
  }

  async applyMarks(sheet: string, plan: MarkPlan): Promise<ApplyResult> {
    this.calls.push(`applyMarks ${sheet}`);
    const s = this.sheet(sheet);
    const users = s.rules.filter((r) => !isMarkFormula(r.formula));
    const replaced = s.rules.length - users.length;
    // At the top of the priority list, in the plan's order, above the user's rules (as in Excel).
    const marks = plan.rules.map(
      (rule): MemoryRule => ({
        id: `cf${this.nextId++}`,
        ranges: rule.ranges,
        formula: markFormula(rule.condition, rule.ranges),
        status: rule.status,
        ...(rule.numberFormat ? { numberFormat: rule.numberFormat } : {}),
        ...(rule.border ? { border: true as const } : {}),
        stopIfTrue: true,
      }),
    );
    s.rules = [...marks, ...users];
    this.echo(s, ['A1']);
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
    const own =
      options.replace === false
        ? undefined
        : chain.taken.map(byKey).find((s) => s?.owner === options.owner);
    if (own?.protected) throw sheetProtectedError(own.name);
    if (!own && this.structureProtected) throw structureProtectedError(chain.free);
    const target = own?.name ?? chain.free;
    const written = {
      grid: contentGrid(target, content),
      rules: [], // Excel's clear('All') removes the sheet's conditional formats too
      owner: options.owner,
      content,
      links: [...(content.links ?? [])],
      notes: new Map<string, string>(),
      noteRecord: new Map<string, string>(),
    };
    if (own) Object.assign(own, written);
    else this.sheets.push({ name: target, ...written });
    if (options.activate) this.active = target;
    this.echo(own ?? (this.sheets.at(-1) as MemorySheet), ['A1']);
    return target;
  }

  async setNotes(sheet: string, notes: readonly CellNote[]): Promise<NotesResult> {
    this.calls.push(`setNotes ${sheet}`);
    if (!this.capabilities.notes) {
      throw new HostError({ code: 'unsupported', feature: 'notes' });
    }
    const s = this.sheet(sheet);
    const wanted = wantedNotes(notes);
    const current = (cell: string) => {
      const text = s.notes.get(cell);
      return text === undefined ? undefined : noteText(text);
    };
    const plan = planNotes(wanted, s.noteRecord, current);
    for (const [cell, text] of [...plan.add, ...plan.rewrite]) s.notes.set(cell, text);
    for (const cell of plan.remove) s.notes.delete(cell);
    s.noteRecord = new Map(plan.next);
    const written = plan.add.length + plan.rewrite.length;
    if (written > 0 || plan.remove.length > 0) this.echo(s, [...wanted.keys()].slice(0, 1));
    return { written, removed: plan.remove.length, skipped: plan.skipped };
  }

  async onSheetChanged(
    sheet: string,
    handler: (change: SheetChange) => void,
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

  async readEmbeddedSets(): Promise<EmbeddedSets> {
    this.calls.push('readEmbeddedSets');
    return this.embedded;
  }

  async storeEmbeddedSet(set: TargetSet, sheets: readonly string[]): Promise<EmbeddedSets> {
    this.calls.push(`storeEmbeddedSet ${set.id} ${sheets.join(',')}`);
    const plan = planStore(this.embedded, set.id, sheets);
    const dropped = new Set([...plan.remove, ...plan.moveAfter]);
    const narrowed = new Map(plan.narrow.map((n) => [n.part, n.sheets]));
    const sets: EmbeddedSets['sets'][number][] = [];
    let next =
      Math.max(
        0,
        ...[...this.embedded.sets, ...this.embedded.problems].map((p) =>
          Number(/(\d+)\.xml$/i.exec(p.part)?.[1] ?? 0),
        ),
      ) + 1;
    const write = (xml: string, part = `customXml/item${next++}.xml`) => {
      const parsed = parseEmbeddedTargetSetXml(xml, part);
      if (parsed.kind !== 'set') throw new Error(`memory host: ${part} holds no set`);
      this.partXml.set(part, xml);
      sets.push(parsed.set);
    };
    for (const entry of this.embedded.sets) {
      if (dropped.has(entry.part)) continue;
      const narrow = narrowed.get(entry.part);
      if (narrow) write(embeddedTargetSetXml(entry.targetSet, narrow), entry.part);
      else sets.push(entry);
    }
    write(embeddedTargetSetXml(set, plan.sheets));
    for (const part of plan.moveAfter) {
      const entry = this.embedded.sets.find((s) => s.part === part);
      if (!entry) continue;
      // Moved as it is: its text as read (an edited part stays edited), under a new name.
      const xml = this.partXml.get(part);
      const name = `customXml/item${next++}.xml`;
      if (xml !== undefined) this.partXml.set(name, xml);
      sets.push({ ...entry, part: name });
    }
    for (const part of dropped) this.partXml.delete(part);
    this.embedded = { sets, problems: this.embedded.problems };
    return this.embedded;
  }

  /**
   * The workbook as .xlsx bytes, as Excel would save it for the office: every sheet's values and
   * number formats (no styles, marks or notes) and the stored target sets as custom XML parts —
   * each with the text it was read or written with; a set a test put in `embedded` by hand is
   * written anew from its content.
   */
  toXlsx(): Uint8Array {
    const customXml = [...this.embedded.sets, ...this.embedded.problems].flatMap((entry) => {
      const xml =
        this.partXml.get(entry.part) ??
        ('targetSet' in entry ? embeddedTargetSetXml(entry.targetSet, entry.sheets) : undefined);
      return xml === undefined ? [] : [{ xml, namespace: EMBEDDED_SET_NAMESPACE }];
    });
    return writeWorkbook(
      this.sheets.map((s) => ({ name: s.name, content: gridContent(s.grid) })),
      { customXml },
    );
  }

  async loadSettings(): Promise<Readonly<Record<string, unknown>>> {
    this.calls.push('loadSettings');
    return { ...this.settings };
  }

  async saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void> {
    this.calls.push('saveSettings');
    this.settings = { ...settings };
  }

  /** Calls the sheet's change handlers for an own write, when the host echoes those. */
  private echo(sheet: MemorySheet, addresses: readonly string[]): void {
    if (!this.echoOwnWrites || addresses.length === 0) return;
    this.notify(sheet, { addresses, structural: false });
  }

  private notify(sheet: MemorySheet, change: SheetChange): void {
    for (const { handler } of [...(this.listeners.get(sheet) ?? [])]) handler(change);
  }

  /**
   * Hides a sheet as a user would (Format → Hide: `hidden`; a macro: `very-hidden`), or shows it
   * again (undefined). As in Excel, the last visible sheet cannot be hidden, and hiding the
   * active sheet makes the next visible one active.
   */
  hideSheet(sheet: string, visibility: HiddenVisibility | undefined): void {
    const s = this.sheet(sheet);
    if (!visibility) {
      delete s.visibility;
      return;
    }
    if (!this.sheets.some((x) => x !== s && !x.visibility)) {
      throw new Error(`memory host: "${sheet}" is the last visible sheet`);
    }
    s.visibility = visibility;
    if (this.active === s.name) {
      const at = this.sheets.indexOf(s);
      const next =
        this.sheets.slice(at + 1).find((x) => !x.visibility) ??
        this.sheets
          .slice(0, at)
          .reverse()
          .find((x) => !x.visibility);
      if (next) this.active = next.name;
    }
  }

  /** Puts a user's own note on a cell (tests: the add-in must leave it alone). */
  addUserNote(sheet: string, cell: string, text: string): void {
    const key = noteCell(cell);
    if (!key) throw new HostError({ code: 'not-found', sheet, cell });
    this.sheet(sheet).notes.set(key, text);
  }

  /**
   * Inserts an empty row before grid row `row` as a user would (Home → Insert → Sheet Rows):
   * rows below move down, merges with them, and the change handlers hear of a structural change.
   */
  insertRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    const rows = [...s.grid.rows];
    rows.splice(row, 0, []);
    const merges = (s.grid.merges ?? []).map((m) =>
      m.top >= row
        ? { ...m, top: m.top + 1, bottom: m.bottom + 1 }
        : m.bottom >= row
          ? { ...m, bottom: m.bottom + 1 }
          : m,
    );
    s.grid = { ...s.grid, rows, merges };
    const origin = s.grid.origin ?? { row: 0, column: 0 };
    const n = origin.row + row + 1;
    this.notify(s, { addresses: [`${n}:${n}`], structural: true });
  }

  /**
   * Adds a user's own conditional format (tests: it must survive the add-in's changes), at the
   * top of the priority list as Excel's UI adds one.
   */
  addUserRule(sheet: string, ranges: readonly string[], formula: string): MemoryRule {
    const rule = { id: `user${this.nextId++}`, ranges, formula };
    this.sheet(sheet).rules.unshift(rule);
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
    this.notify(s, { addresses: [address], structural: false });
  }
}
