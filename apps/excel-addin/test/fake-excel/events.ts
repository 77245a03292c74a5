/**
 * `worksheet.onChanged`: handlers are added and removed at sync; `FakeExcel.fireChanged` plays a
 * user's edit (any changeType: "RangeEdited", "RowInserted"…); the add-in's own value writes fire
 * them too (with triggerSource "ThisLocalAddin" from ExcelApi 1.14), after the sync, as Excel
 * does (context.ts).
 */
import type { FakeContext } from './context.js';
import { FakeProxy } from './proxy.js';
import type { FakeSheet } from './sheet.js';

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

/** `worksheet.onChanged`: handlers are added (and removed) when the batch runs. */
export class FakeEventHandlers extends FakeProxy {
  add(handler: FakeChangeHandler): FakeEventHandlerResult {
    const result = new FakeEventHandlerResult(this.ctx, handler);
    this.queue('add(handler)', null, (sheet: FakeSheet) => {
      sheet.changeHandlers.add(handler);
      result.sheet = sheet;
    });
    return result;
  }
}

export class FakeEventHandlerResult {
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
