/**
 * The one interface between the task pane and a workbook. Every Office.js call lives behind it
 * (`office.ts`); `memory.ts` implements it over an in-memory workbook for tests and the browser
 * preview. The pane never touches Office.js directly.
 */
import type { Grid, MarkPlan, SheetContent } from '@chitieu/engine';

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

/** A problem the host reports in words the pane can show (never a raw exception). */
export class HostError extends Error {
  constructor(
    readonly code: 'no-sheet' | 'too-large' | 'unsupported' | 'office' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

export interface WorkbookHost {
  readonly kind: 'office' | 'memory';
  readonly capabilities: HostCapabilities;
  /** The worksheet the user is looking at. */
  activeSheet(): Promise<string>;
  /** All worksheets, in tab order. */
  listSheets(): Promise<string[]>;
  /** The sheet's used range as the engine's grid: values, displayed text, number formats, value types, merges. */
  readSheet(sheet: string): Promise<Grid>;
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
   * Calls `handler` with the changed addresses after the user edits the sheet (the caller
   * debounces and ignores its own writes); resolves to a function that stops listening.
   */
  onSheetChanged(
    sheet: string,
    handler: (addresses: readonly string[]) => void,
  ): Promise<() => Promise<void>>;
  /** Settings saved with the workbook (target set, level, unit, quarter, options). */
  loadSettings(): Promise<Readonly<Record<string, unknown>>>;
  saveSettings(settings: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface WriteSheetOptions {
  /** What the sheet is, recorded with it so a refresh replaces only the add-in's own sheet. */
  readonly owner: 'report' | 'template';
  /** Activate the sheet after writing it. */
  readonly activate?: boolean;
}
