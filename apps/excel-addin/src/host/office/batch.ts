/**
 * One Excel.run and what one request may carry, for every part of the Office host.
 *
 * Payload. Excel refuses a request or a response over about 5 MB (Excel on the web). Requests are
 * estimated (the rules' addresses and formulas, a sheet's values, the notes' text) and split into
 * more syncs only when the estimate passes `PAYLOAD_BUDGET`; a response that still passes the
 * limit is retried in halves (read.ts). Nothing syncs once per row, per cell or per rule, but
 * for a conditional format Excel cannot read (marks.ts).
 *
 * Errors. Whatever Excel throws leaves the host as a HostError (`toHostError`): a code and typed
 * fields the pane words, with Excel's own text kept as the developer's `cause`; never a raw
 * Office.js exception.
 */
import { HostError } from '../types.js';

/** What one request or response may carry: below Excel on the web's 5 MB, with a margin. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/**
 * Longest address string given to `getRanges` for one call. Excel refuses long multi-area
 * addresses (OfficeDev/office-js#5198 fails at about 8,000 characters, sometimes fewer), so a
 * rule with many ranges becomes several conditional formats and a style several calls.
 */
export const MAX_ADDRESS_LENGTH = 1000;

/** The sizes the host keeps within (options of OfficeHost, smaller in tests). */
export interface Limits {
  /** Sheets whose used range has more cells than this are refused before their values are read. */
  readonly maxCells: number;
  readonly payloadBudget: number;
  readonly maxAddressLength: number;
}

/**
 * One Excel.run (in `context` when given, e.g. the one an event handler was added in), with any
 * failure as a HostError about `sheet`.
 */
export async function excelRun<T>(
  sheet: string | undefined,
  batch: (context: Excel.RequestContext) => Promise<T>,
  context?: OfficeExtension.ClientRequestContext,
): Promise<T> {
  try {
    return await (context ? Excel.run(context, batch) : Excel.run(batch));
  } catch (error) {
    throw toHostError(error, sheet);
  }
}

/**
 * Groups items, in order, so each group's estimated size stays within `budget` (one sync each).
 * `reserved`: bytes the first group's sync already carries (reads queued before the items).
 */
export function batchBySize<T>(
  items: readonly T[],
  size: (item: T) => number,
  budget: number,
  reserved = 0,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let total = reserved;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && total + s > budget) {
      batches.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += s;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Addresses in order, grouped so each group joined with "," is at most `maxLength` characters
 * (one `getRanges` each); an address longer than that stands alone.
 */
export function groupAddresses(addresses: readonly string[], maxLength: number): string[][] {
  return batchBySize(addresses, (address) => address.length + 1, maxLength + 1);
}

/** Bytes of a string in UTF-8 (requests to Excel are JSON in UTF-8). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String((error as { code: unknown }).code);
  }
  return '';
}

/** Excel refused a request or a response for its size. */
export function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** Any failure as a HostError (never a raw Office.js exception); Excel's words are its `cause`. */
export function toHostError(error: unknown, sheet?: string): HostError {
  if (error instanceof HostError) return error;
  const code = errorCode(error);
  const cause = error instanceof Error ? error.message : String(error);
  if (code === 'ItemNotFound' && sheet !== undefined) {
    return new HostError({ code: 'not-found', sheet });
  }
  if (isPayloadError(error)) {
    return new HostError({
      code: 'too-large',
      reason: 'payload',
      ...(sheet === undefined ? {} : { sheet }),
      cause,
    });
  }
  if (code === 'ApiNotFound') return new HostError({ code: 'unsupported', feature: 'api', cause });
  return new HostError({ code: 'office', ...(code ? { officeCode: code } : {}), cause });
}
