/**
 * A finding's status: the one table every surface reads — the pane, the text, HTML and CSV
 * reports, the report sheet, the marks and the command line's exit code. A status is a finding's
 * code, with near misses apart from other shortfalls. Its words are the catalogs'
 * (`messages/catalog.ts`, `status`); everything else about it is here.
 */
import type { Finding, FindingCode } from './findings.js';
import { catalogs, type Locale } from './messages/catalog.js';

export type Status = FindingCode | 'near-miss';

/** What a status is about: where a report lists it. */
export type StatusScope =
  /** An achieved value of a quarter (met, short, missing, invalid, not applicable). */
  | 'value'
  /** A target written in the sheet. */
  | 'target'
  /** A table row that matches no indicator. */
  | 'row'
  /** The whole sheet. */
  | 'sheet';

/** A terminal colour (picocolors' names). */
export type TerminalColor = 'red' | 'yellow' | 'magenta' | 'blue' | 'green' | 'dim';

export interface StatusInfo {
  /** Shown with the word, and before a marked value: status is never told by colour alone. */
  readonly symbol: string;
  /** Fill colour, #RRGGBB. */
  readonly fill: string;
  /** Font colour, #RRGGBB (contrast ≥ 4.5:1 on the fill). */
  readonly font: string;
  /** The same colour in a terminal. */
  readonly terminal: TerminalColor;
  readonly scope: StatusScope;
  /**
   * The check fails: the command line exits 1 when any finding of a file has such a status (a
   * value short of its minimum, missing or invalid). A lowered target does not fail the check
   * (values are judged against the official one), nor does a row that matches no indicator.
   */
  readonly failsCheck: boolean;
  /**
   * A reviewer should look at the cell again: counted in "N ô cần xem lại", listed in the text,
   * HTML and report-sheet tables, shown in the pane without asking. Everything that fails the
   * check, and the targets and rows the engine could not vouch for.
   */
  readonly needsReview: boolean;
}

/** Grey, for what needs no action. */
const QUIET = { fill: '#E9ECEF', font: '#41464B', terminal: 'dim' } as const;

/** Colours from the usual traffic-light scale, each with a symbol. */
export const STATUS: Readonly<Record<Status, StatusInfo>> = {
  'below-minimum': {
    symbol: '✗',
    fill: '#F8D7DA',
    font: '#842029',
    terminal: 'red',
    scope: 'value',
    failsCheck: true,
    needsReview: true,
  },
  'near-miss': {
    symbol: '≈',
    fill: '#FFE5B4',
    font: '#7A4100',
    terminal: 'yellow',
    scope: 'value',
    failsCheck: true,
    needsReview: true,
  },
  'invalid-value': {
    symbol: '!',
    fill: '#E2D9F3',
    font: '#432874',
    terminal: 'magenta',
    scope: 'value',
    failsCheck: true,
    needsReview: true,
  },
  'missing-value': {
    symbol: '?',
    fill: '#FFF3CD',
    font: '#664D03',
    terminal: 'yellow',
    scope: 'value',
    failsCheck: true,
    needsReview: true,
  },
  'target-mismatch': {
    symbol: '≠',
    fill: '#CFE2FF',
    font: '#084298',
    terminal: 'blue',
    scope: 'target',
    failsCheck: false,
    needsReview: true,
  },
  'unrecognised-row': {
    symbol: '⊘',
    ...QUIET,
    scope: 'row',
    failsCheck: false,
    needsReview: true,
  },
  'not-an-annex': { symbol: '–', ...QUIET, scope: 'sheet', failsCheck: false, needsReview: false },
  /** "Không phát sinh": nothing arose to count this period; neither a shortfall nor missing. */
  'not-occurred': {
    symbol: '○',
    fill: '#DDEFF5',
    font: '#0B4F63',
    terminal: 'blue',
    scope: 'value',
    failsCheck: false,
    needsReview: false,
  },
  met: {
    symbol: '✓',
    fill: '#D1E7DD',
    font: '#0F5132',
    terminal: 'green',
    scope: 'value',
    failsCheck: false,
    needsReview: false,
  },
  'not-applicable': {
    symbol: '–',
    ...QUIET,
    scope: 'value',
    failsCheck: false,
    needsReview: false,
  },
};

/** Every status, the worst first: the one order of severity, in which counts and legends list them. */
export const SEVERITY: readonly Status[] = [
  'below-minimum',
  'near-miss',
  'invalid-value',
  'missing-value',
  'target-mismatch',
  'unrecognised-row',
  'not-an-annex',
  'not-occurred',
  'met',
  'not-applicable',
];

/** Every finding code, in the order of severity. */
export const FINDING_CODES: readonly FindingCode[] = SEVERITY.filter(
  (s): s is FindingCode => s !== 'near-miss',
);

/** The statuses a mark plan colours in the sheet. */
export type MarkStatus =
  | 'below-minimum'
  | 'near-miss'
  | 'missing-value'
  | 'invalid-value'
  | 'target-mismatch';

/**
 * The marked statuses in the order their rules are stacked (the first that holds wins). Not an
 * order of severity: where two rules hold for one cell, the more telling one goes first — an
 * invalid value before a shortfall (−5% is out of range and short), a near miss before a
 * shortfall (every near miss is short too, and the shortfall's colour would hide it).
 */
export const MARK_STATUSES: readonly MarkStatus[] = [
  'invalid-value',
  'target-mismatch',
  'near-miss',
  'below-minimum',
  'missing-value',
];

/** A finding's status: its code, or `near-miss` for a shortfall within the near-miss band. */
export function statusOf(f: Finding<unknown>): Status {
  return f.code === 'below-minimum' && f.nearMiss ? 'near-miss' : f.code;
}

const MARKED: ReadonlySet<Status> = new Set(MARK_STATUSES);

/** The status a finding's cell is marked with; undefined when it is not marked. */
export function markStatusOf(f: Finding<unknown>): MarkStatus | undefined {
  const status = statusOf(f);
  return MARKED.has(status) ? (status as MarkStatus) : undefined;
}

export type StatusCounts = Readonly<Record<Status, number>>;

/**
 * How many findings have each status (every status, 0 when none). `visit` sees each finding with
 * its status as it is counted: a caller that needs more of the findings than their counts reads
 * a list of a million of them once, not once more for the counts.
 */
export function countByStatus<F extends Finding<unknown>>(
  findings: Iterable<F>,
  visit?: (finding: F, status: Status) => void,
): StatusCounts {
  const counts = Object.fromEntries(SEVERITY.map((s) => [s, 0])) as Record<Status, number>;
  for (const f of findings) {
    const status = statusOf(f);
    counts[status]++;
    if (visit !== undefined) visit(f, status);
  }
  return counts;
}

/** The status's word, to follow a count or its symbol: "dưới tối thiểu". */
export function statusWord(status: Status, locale: Locale = 'vi'): string {
  return catalogs[locale].status[status];
}

/** A status standing alone, as a report sheet shows it: "✗ Dưới tối thiểu". */
export function statusLabel(status: Status, locale: Locale = 'vi'): string {
  const word = statusWord(status, locale);
  return `${STATUS[status].symbol} ${word.charAt(0).toLocaleUpperCase(locale) + word.slice(1)}`;
}
