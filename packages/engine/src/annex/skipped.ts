/**
 * Sheets a shell does not check, and why: a hidden or very hidden worksheet (an old quarter's
 * copy, a helper sheet) is skipped unless the user asks for it, and still listed with its reason.
 * Data only, like findings and notices: the reason is a code, worded at the edge by
 * `describeSkipReason` (`messages/skipped.ts`).
 */
import type { SheetCheck } from './check.js';
import { summarise } from './summary.js';

/** Why a sheet was not checked: `hidden` — hidden or very hidden in the workbook. */
export type SkipReason = 'hidden';

/** Every skip reason, in the order a shell lists them. */
export const SKIP_REASONS: readonly SkipReason[] = ['hidden'];

/** The result for a sheet that was not read or checked: no findings, no notices, no marks. */
export function skippedSheet(sheet: string, reason: SkipReason): SheetCheck {
  return {
    sheet,
    status: 'skipped',
    reason,
    needs: [],
    context: { sources: {} },
    findings: [],
    notices: [],
    summary: summarise([]),
    markPlan: { sheet, groups: [], rules: [] },
  };
}
