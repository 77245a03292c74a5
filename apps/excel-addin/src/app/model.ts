/**
 * The pane's pure logic over results: how findings are counted, grouped and labelled. No React,
 * no host: unit-tested directly. (The form and the saved settings: form.ts.)
 */
import {
  countByStatus,
  getBuiltinTargetSet,
  indicatorName,
  type Locale,
  SEVERITY,
  type SheetCheck,
  type SheetFinding,
  STATUS,
  type Status,
  type StatusCounts,
  statusOf,
} from '@chitieu/engine';
import type { Messages } from './i18n.js';

/**
 * The summary's rows always shown, even at 0: what fails the check, a lowered target and what
 * is met. The others (a row matching no indicator, not applicable) when some finding has them.
 */
const ALWAYS_SHOWN: ReadonlySet<Status> = new Set<Status>([
  'below-minimum',
  'near-miss',
  'invalid-value',
  'missing-value',
  'target-mismatch',
  'met',
]);

/** How the pane shows a finding; undefined for the sheet-level "not an annex". */
export function displayStatus(f: SheetFinding): Status | undefined {
  return f.code === 'not-an-annex' ? undefined : statusOf(f);
}

/** How many cells the check marks. */
export function markedCells(result: SheetCheck): number {
  return result.markPlan.groups.reduce((n, g) => n + g.cells.length, 0);
}

/** The counts of several sheets added up: the combined summary of "Kiểm tra tất cả". */
export function addCounts(all: readonly StatusCounts[]): StatusCounts {
  const sum = countByStatus([]) as Record<Status, number>;
  for (const counts of all) for (const status of SEVERITY) sum[status] += counts[status];
  return sum;
}

/** How many findings ask for a look (the statuses that need a review): a sheet's one-line tally. */
export function toReview(counts: StatusCounts): number {
  return SEVERITY.reduce((n, s) => (STATUS[s].needsReview ? n + counts[s] : n), 0);
}

/** The summary rows to show, in the order of severity: the usual six, and the others when there are any. */
export function summaryRows(counts: StatusCounts): readonly { status: Status; count: number }[] {
  return SEVERITY.filter(
    (status) => status !== 'not-an-annex' && (ALWAYS_SHOWN.has(status) || counts[status] > 0),
  ).map((status) => ({ status, count: counts[status] }));
}

export interface FindingGroup {
  /** Indicator id, or a key of its own for rows without one. */
  readonly key: string;
  readonly indicatorId?: string;
  /** The indicator's Stt in the annex, e.g. "2". */
  readonly stt?: string;
  readonly title: string;
  readonly findings: readonly SheetFinding[];
}

export interface GroupedFindings {
  readonly groups: readonly FindingGroup[];
  /** Findings left out because their status is quiet (met, not applicable). */
  readonly hidden: number;
}

/** The findings by indicator, in the target set's order; unrecognised rows last. */
export function groupFindings(
  result: SheetCheck,
  locale: Locale,
  t: Messages,
  showAll: boolean,
): GroupedFindings {
  const set =
    result.targetSet ??
    (result.context.targetSetId ? getBuiltinTargetSet(result.context.targetSetId) : undefined);
  const order = new Map(set?.indicators.map((ind, i) => [ind.id, i]) ?? []);
  const byKey = new Map<string, SheetFinding[]>();
  let hidden = 0;
  for (const f of result.findings) {
    const status = displayStatus(f);
    if (!status) continue;
    // Met and not applicable: hidden until the user asks for them.
    if (!showAll && !STATUS[status].needsReview) {
      hidden++;
      continue;
    }
    const key = f.indicatorId ?? (f.code === 'unrecognised-row' ? '~unrecognised' : '~other');
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const rank = (key: string) =>
    order.get(key) ?? (key === '~unrecognised' ? Number.MAX_SAFE_INTEGER : order.size);
  const groups = [...byKey.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, findings]): FindingGroup => {
      if (key === '~unrecognised') return { key, title: t.unrecognisedGroup, findings };
      if (key === '~other') return { key, title: t.otherGroup, findings };
      const ind = set?.indicators.find((i) => i.id === key);
      const title = ind ? indicatorName(ind, locale) : key;
      return { key, indicatorId: key, ...(ind ? { stt: ind.stt } : {}), title, findings };
    });
  return { groups, hidden };
}
