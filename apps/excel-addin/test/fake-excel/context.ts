/**
 * The request context and its batch: every method call and property write is queued and runs
 * only at `context.sync()`, in order; a failing operation fails the sync (the operations before
 * it stay applied, the ones after it never run, and nothing it loaded becomes readable);
 * requests and responses over the payload limit fail with Excel's error codes; the add-in's own
 * value changes fire the sheet's onChanged handlers after the sync. `Excel.run` is here too.
 */
import { FakeOfficeError } from './errors.js';
import type { FakeExcel } from './excel.js';
import type { FakeProxy } from './proxy.js';
import type { FakeSheet } from './sheet.js';
import { FakeWorkbook } from './workbook.js';

interface Op {
  readonly label: string;
  readonly request: number;
  readonly run: () => number | undefined;
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
        setTimeout(() => void fake.fireChanged(sheet, address, source));
      }
    }
    this.changes = [];
    fake.maxRequest = Math.max(fake.maxRequest, request);
    fake.maxResponse = Math.max(fake.maxResponse, response);
  }
}

/** `Excel.run(batch)`, or `Excel.run(context | object, batch)` to reuse a request context. */
export function excelRun(fake: FakeExcel) {
  return async <T>(
    first: FakeContext | { context: FakeContext } | ((context: FakeContext) => Promise<T>),
    second?: (context: FakeContext) => Promise<T>,
  ): Promise<T> => {
    fake.runs++;
    const batch = typeof first === 'function' ? first : second;
    if (!batch) throw new Error('fake: Excel.run without a batch');
    const context =
      typeof first === 'function'
        ? new FakeContext(fake)
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
  };
}
