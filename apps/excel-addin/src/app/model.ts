/**
 * The pane's pure logic over results: how findings are counted, grouped and labelled. No React,
 * no host: unit-tested directly. (The form and the saved settings: form.ts.)
 */
import {
  getBuiltinTargetSet,
  type Locale,
  MARK_STYLES,
  type SheetCheck,
  type SheetFinding,
} from '@chitieu/engine';
import type { DisplayStatus, Messages } from './i18n.js';

/** The summary's rows, always shown, in this order. */
export const SUMMARY_STATUSES: readonly DisplayStatus[] = [
  'below-minimum',
  'near-miss',
  'missing-value',
  'invalid-value',
  'target-mismatch',
  'met',
];

/** Shown in the summary only when some finding has them. */
export const EXTRA_STATUSES: readonly DisplayStatus[] = ['not-applicable', 'unrecognised-row'];

/** Hidden from the findings list until the user asks for them. */
export const QUIET_STATUSES: ReadonlySet<DisplayStatus> = new Set(['met', 'not-applicable']);

export interface StatusLook {
  readonly symbol: string;
  /** Background and text colours; the symbol and word carry the meaning, the colour only helps. */
  readonly fill: string;
  readonly font: string;
}

/** The same symbols and colours as the marks in the sheet (MARK_STYLES), plus the pane's own. */
export const STATUS_LOOK: Readonly<Record<DisplayStatus, StatusLook>> = {
  'below-minimum': MARK_STYLES['below-minimum'],
  'near-miss': MARK_STYLES['near-miss'],
  'missing-value': MARK_STYLES['missing-value'],
  'invalid-value': MARK_STYLES['invalid-value'],
  'target-mismatch': MARK_STYLES['target-mismatch'],
  met: { symbol: '✓', fill: '#D1E7DD', font: '#0F5132' },
  'not-applicable': { symbol: '–', fill: '#E9ECEF', font: '#41464B' },
  'unrecognised-row': { symbol: '⊘', fill: '#E9ECEF', font: '#41464B' },
};

/** "✗ dưới tối thiểu". */
export function statusLabel(status: DisplayStatus, t: Messages): string {
  return `${STATUS_LOOK[status].symbol} ${t.statusWord[status]}`;
}

/** How the pane shows a finding; undefined for the sheet-level "not an annex". */
export function displayStatus(f: SheetFinding): DisplayStatus | undefined {
  switch (f.code) {
    case 'below-minimum':
      return f.nearMiss ? 'near-miss' : 'below-minimum';
    case 'not-an-annex':
      return undefined;
    default:
      return f.code;
  }
}

export type StatusCounts = Readonly<Record<DisplayStatus, number>>;

/** How many cells the check marks. */
export function markedCells(result: SheetCheck): number {
  return result.markPlan.groups.reduce((n, g) => n + g.cells.length, 0);
}

export function countByStatus(findings: readonly SheetFinding[]): StatusCounts {
  const counts: Record<DisplayStatus, number> = {
    'below-minimum': 0,
    'near-miss': 0,
    'missing-value': 0,
    'invalid-value': 0,
    'target-mismatch': 0,
    met: 0,
    'not-applicable': 0,
    'unrecognised-row': 0,
  };
  for (const f of findings) {
    const s = displayStatus(f);
    if (s) counts[s]++;
  }
  return counts;
}

/** The counts of several sheets added up: the combined summary of "Kiểm tra tất cả". */
export function addCounts(all: readonly StatusCounts[]): StatusCounts {
  const sum = countByStatus([]) as Record<DisplayStatus, number>;
  for (const counts of all) {
    for (const status of Object.keys(sum) as DisplayStatus[]) sum[status] += counts[status];
  }
  return sum;
}

/** Statuses that ask the user to look at a cell again. */
export const REVIEW_STATUSES: readonly DisplayStatus[] = [
  'below-minimum',
  'near-miss',
  'missing-value',
  'invalid-value',
  'target-mismatch',
  'unrecognised-row',
];

/** How many findings ask for a look: a sheet's one-line tally. */
export function toReview(counts: StatusCounts): number {
  return REVIEW_STATUSES.reduce((n, s) => n + counts[s], 0);
}

/** The summary rows to show: the usual six, and the others when there are any. */
export function summaryRows(
  counts: StatusCounts,
): readonly { status: DisplayStatus; count: number }[] {
  return [
    ...SUMMARY_STATUSES.map((status) => ({ status, count: counts[status] })),
    ...EXTRA_STATUSES.filter((s) => counts[s] > 0).map((status) => ({
      status,
      count: counts[status],
    })),
  ];
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
  const set = result.context.targetSetId
    ? getBuiltinTargetSet(result.context.targetSetId)
    : undefined;
  const order = new Map(set?.indicators.map((ind, i) => [ind.id, i]) ?? []);
  const byKey = new Map<string, SheetFinding[]>();
  let hidden = 0;
  for (const f of result.findings) {
    const status = displayStatus(f);
    if (!status) continue;
    if (!showAll && QUIET_STATUSES.has(status)) {
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
      const title = ind
        ? locale === 'en'
          ? (ind.shortNameEn ?? ind.shortName)
          : ind.shortName
        : key;
      return { key, indicatorId: key, ...(ind ? { stt: ind.stt } : {}), title, findings };
    });
  return { groups, hidden };
}
