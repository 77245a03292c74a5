/**
 * The one interface between the task pane and a workbook. Every Office.js call lives behind it
 * (`office/`); `memory.ts` implements it over an in-memory workbook for tests and the browser
 * preview. The pane never touches Office.js directly. What both implementations share is in
 * `shared/`.
 */
import type { Grid, MarkPlan, SheetContent, TargetSet } from '@chitieu/engine';
import type { EmbeddedSets, XlsxError } from '@chitieu/xlsx';

export interface HostCapabilities {
  /** ExcelApi 1.13: merged areas can be read (the engine works without them). */
  readonly mergedAreas: boolean;
  /** ExcelApi 1.18: cell notes can carry each marked cell's reason. */
  readonly notes: boolean;
}

export interface ApplyResult {
  /** Conditional-format rules the add-in now owns on the sheet. */
  readonly rules: number;
  /** Rules of an earlier check that were replaced. */
  readonly replaced: number;
}

/** Every HostError code, at run time (to walk them all, e.g. to check a catalog words each). */
export const HOST_ERROR_CODES = [
  'no-sheet',
  'not-found',
  'too-large',
  'unsupported',
  'protected',
  'invalid-content',
  'unreadable-file',
  'office',
] as const;

export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

/**
 * Why the host refused to read so much: the used range of a sheet (`used-range`) or a range
 * asked for (`range`) has more `cells` than the `limit`; the range asked for (`address`, on the
 * sheet) is whole rows or columns (`whole-rows-or-columns`) or not one rectangle
 * (`not-one-range`); Excel refused a request or response for its size (`payload`).
 */
export type TooLargeProblem = { readonly code: 'too-large' } & (
  | {
      readonly reason: 'used-range' | 'range';
      readonly sheet: string;
      readonly address: string;
      readonly cells: number;
      readonly limit: number;
    }
  | {
      readonly reason: 'whole-rows-or-columns' | 'not-one-range';
      readonly sheet: string;
      readonly address: string;
    }
  | { readonly reason: 'payload'; readonly sheet?: string; readonly cause?: string }
);

/**
 * What went wrong, as data: a code and the typed fields its words are built from (the pane's
 * catalogs, `i18n-errors.ts`, in Vietnamese and English). `cause` is the developer's text — what
 * Excel or a library said, in its own language — kept for logs and never shown as the body.
 *
 * - `no-sheet`: the workbook has no worksheet;
 * - `not-found`: no worksheet `sheet` (or, with `cell`, no such single cell on it);
 * - `too-large`: see TooLargeProblem;
 * - `unsupported`: this Excel lacks what the pane needs (`pane`: ExcelApi 1.12), notes
 *   (`notes`: ExcelApi 1.18), or another API it reported missing (`api`);
 * - `protected`: the workbook's structure (`structure`) or the add-in's own sheet `sheet`
 *   (`sheet`) is protected, so the add-in cannot write it;
 * - `invalid-content`: the add-in built something Excel cannot hold (a merged or bordered area,
 *   a link or a note that is not one cell): a bug of the add-in, never the user's;
 * - `unreadable-file`: an .xlsx the in-memory host was given cannot be read (the reader's error);
 * - `office`: anything else Excel reported, with its error code when it gave one.
 */
export type HostProblem =
  | { readonly code: 'no-sheet' }
  | { readonly code: 'not-found'; readonly sheet: string; readonly cell?: string }
  | TooLargeProblem
  | {
      readonly code: 'unsupported';
      readonly feature: 'pane' | 'notes' | 'api';
      readonly cause?: string;
    }
  | {
      readonly code: 'protected';
      readonly what: 'structure' | 'sheet';
      readonly sheet: string;
    }
  | {
      readonly code: 'invalid-content';
      readonly what: 'merge' | 'border' | 'link' | 'note';
      readonly cause: string;
    }
  | { readonly code: 'unreadable-file'; readonly error: XlsxError }
  | { readonly code: 'office'; readonly officeCode?: string; readonly cause?: string };

/** The problem of one code. */
export type HostProblemOf<C extends HostErrorCode> = Extract<HostProblem, { readonly code: C }>;

/**
 * A problem the host reports (never a raw exception): the `problem` as data, worded by the pane
 * in its language. `message` is for developers' logs only (the problem as JSON), never shown.
 */
export class HostError extends Error {
  readonly code: HostErrorCode;

  constructor(readonly problem: HostProblem) {
    super(JSON.stringify(problem));
    this.name = 'HostError';
    this.code = problem.code;
  }
}

export interface WorkbookHost {
  readonly capabilities: HostCapabilities;
  /** The worksheet the user is looking at. */
  activeSheet(): Promise<string>;
  /**
   * All worksheets, in tab order, hidden ones too, each with what the add-in wrote it as (its
   * own sheets) and how it is hidden (hidden ones).
   */
  listSheets(): Promise<SheetInfo[]>;
  /** The sheet's used range as the engine's grid: values, displayed text, number formats, value types, merges. */
  readSheet(sheet: string): Promise<Grid>;
  /**
   * The cells of one A1 range ("C7", "C7:D9") as a grid whose origin is the range's top-left
   * cell (no merges): what a re-check after an edit reads instead of the whole sheet. The caller
   * keeps the range small; full rows or columns ("5:5", "B:B") and anything but one rectangle
   * ("A1:B2,D4") are refused with a HostError `too-large`: read the whole sheet then.
   */
  readRange(sheet: string, address: string): Promise<Grid>;
  /**
   * Makes the plan's rules the add-in's only marks on the sheet: removes the add-in's earlier
   * rules (never a user's), adds the new ones, and records what it added with the sheet.
   */
  applyMarks(sheet: string, plan: MarkPlan): Promise<ApplyResult>;
  /** Removes exactly the rules the add-in added to the sheet; returns how many. */
  clearMarks(sheet: string): Promise<number>;
  /** Activates the sheet and selects the cell (A1 address). */
  selectCell(sheet: string, address: string): Promise<void>;
  /**
   * Writes one of the add-in's own worksheets (the report "Kết quả kiểm tra", an annex template):
   * creates it, or replaces it when a sheet of that name is the add-in's own (recorded with the
   * sheet); a user's sheet of the same name is never touched — the new sheet gets a free name
   * ("… (2)"). Returns the name used.
   */
  writeSheet(name: string, content: SheetContent, options: WriteSheetOptions): Promise<string>;
  /**
   * Makes `notes` the add-in's notes on the sheet (ExcelApi 1.18, `capabilities.notes`): adds the
   * missing ones, rewrites the ones whose text changed, deletes the add-in's other notes (an empty
   * list removes them all). What the add-in wrote is recorded with the sheet; a cell with a
   * user's note, or with an add-in note the user has since edited, is left as it is. Throws
   * a HostError `unsupported` (`notes`) where notes are not supported.
   */
  setNotes(sheet: string, notes: readonly CellNote[]): Promise<NotesResult>;
  /**
   * Calls `handler` after the user edits the sheet (the caller debounces and ignores its own
   * writes); resolves to a function that stops listening.
   */
  onSheetChanged(
    sheet: string,
    handler: (change: SheetChange) => void,
  ): Promise<() => Promise<void>>;
  /**
   * The target sets stored in the workbook (custom XML parts of the format `chitieu template`
   * writes, @chitieu/xlsx `embedded.ts`), each with the sheets it applies to and its fingerprint,
   * and the parts of that format that hold no usable set. Optional: a host without it (or an
   * Excel that cannot list custom XML parts) stores none.
   */
  readEmbeddedSets?(): Promise<EmbeddedSets>;
  /**
   * Stores `set` in the workbook for `sheets` (a custom XML part of the format
   * `chitieu template` writes, @chitieu/xlsx `embeddedTargetSetXml`, with its id and
   * fingerprint), so the workbook carries the set it was checked with. An earlier part of the
   * same set id is replaced (its sheets kept), never piled up; the other parts are changed only
   * so that this set is the one found for `sheets` (shared/embedded-plan.ts). Resolves to what
   * the workbook stores afterwards. Optional, as readEmbeddedSets.
   */
  storeEmbeddedSet?(set: TargetSet, sheets: readonly string[]): Promise<EmbeddedSets>;
  /** Settings saved with the workbook (target set, level, unit, quarter, options). */
  loadSettings(): Promise<Readonly<Record<string, unknown>>>;
  saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface SheetInfo {
  readonly name: string;
  /** Set on a sheet the add-in wrote (recorded with the sheet): what it wrote it as. */
  readonly owner?: WriteSheetOptions['owner'];
  /** Set on a sheet the user hid: how (absent on a visible sheet). */
  readonly visibility?: HiddenVisibility;
}

/**
 * How a sheet is hidden: `hidden` (Excel's Worksheet.visibility 'Hidden', Format → Hide; the
 * user can unhide it) or `very-hidden` ('VeryHidden', set by a macro or an add-in; not listed by
 * Unhide). A visible sheet has none.
 */
export type HiddenVisibility = 'hidden' | 'very-hidden';

/** A note the add-in puts on a marked cell: the reason, in words. */
export interface CellNote {
  /** A1 address of one cell on the sheet. */
  readonly cell: string;
  readonly text: string;
}

export interface NotesResult {
  /** Notes added or rewritten. */
  readonly written: number;
  /** The add-in's notes deleted. */
  readonly removed: number;
  /** Cells left alone: they carry a user's note (or a note of the add-in the user has since edited). */
  readonly skipped: number;
}

/** An edit of a sheet, as the host reports it. */
export interface SheetChange {
  /** A1 addresses on the sheet, as Excel reports them: "C7", "C7:D9", or "5:5" for whole rows. */
  readonly addresses: readonly string[];
  /**
   * Rows, columns or cells were inserted or deleted: what was where has moved, so the caller
   * reads the whole sheet again rather than the changed cells.
   */
  readonly structural: boolean;
}

export interface WriteSheetOptions {
  /** What the sheet is, recorded with it so a refresh replaces only the add-in's own sheet. */
  readonly owner: 'report' | 'template';
  /** Activate the sheet after writing it. */
  readonly activate?: boolean;
  /**
   * Whether an earlier sheet of this owner and name is rewritten (the report's refresh; the
   * default). False always adds a new sheet under a free name (the template: a filled-in
   * template is the user's work and is never replaced).
   */
  readonly replace?: boolean;
}
