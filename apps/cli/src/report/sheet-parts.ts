/**
 * A checked sheet as the units the HTML page reports on: the whole sheet for an annex; one part
 * per unit for a unit table (a row per unit, or units side by side), of the findings naming it
 * (by `unitPlace`; findings naming no unit there are the sheet's, not a unit's). The
 * sheet's findings are read once, in order, and a part keeps only what the page shows of them:
 * where its issues are in the sheet's list (read again when its block lists them), how many of
 * each status, its target mismatches, and the first finding of each matrix quarter asked for. A
 * consolidated sheet's 1.4 million findings are never all held as objects: as per-unit arrays
 * they took its page from ~280 to ~495 MB peak RSS.
 */
import {
  countByStatus,
  type FindingList,
  type FindingUnit,
  type Quarter,
  type SheetFinding,
  STATUS,
  type Status,
  statusOf,
  unitPlace,
} from '@chitieu/engine';

/** One unit's part of a sheet (the whole sheet when `unit` is absent). */
export interface SheetPart {
  /** The unit as its first finding names it. */
  readonly unit?: FindingUnit;
  /** Where its findings that need review are in the sheet's list, in order. */
  readonly issues: Uint32Array;
  /** Its findings by status (every status, 0 when none: `countByStatus`). */
  readonly counts: Readonly<Record<Status, number>>;
  /** Its target mismatches, in order. */
  readonly mismatches: readonly SheetFinding[];
}

/** A quarter of a matrix cell, whose finding a page words: the first one of the part with all four. */
export interface WantedQuarter {
  readonly quarter: Quarter;
  readonly cell: string | null;
  readonly status: Status;
}

/** Every status at 0, copied for each part (`countByStatus` of none, made once). */
const NO_COUNTS: Readonly<Record<Status, number>> = countByStatus([]);

interface Building<W> {
  unit?: FindingUnit;
  /** Its issues' positions: the first `count` of `issues`. */
  issues: Uint32Array;
  count: number;
  counts: Record<Status, number>;
  mismatches: SheetFinding[];
  wanted: ReadonlyMap<string, readonly W[]> | undefined;
}

/**
 * The sheet's parts, units in the order first named. `wantedAt` gives a part's wanted quarters by
 * indicator id (none: undefined); each one's finding — the first of the part with its indicator,
 * quarter, cell (none: null) and status — is put in `found`.
 */
export function sheetParts<W extends WantedQuarter>(
  findings: FindingList,
  wantedAt: (unit: FindingUnit | undefined) => ReadonlyMap<string, readonly W[]> | undefined,
  found: Map<W, SheetFinding>,
): SheetPart[] {
  const start = (unit: FindingUnit | undefined): Building<W> => ({
    ...(unit !== undefined ? { unit } : {}),
    issues: new Uint32Array(16),
    count: 0,
    counts: { ...NO_COUNTS },
    mismatches: [],
    wanted: wantedAt(unit),
  });
  const whole = start(undefined);
  const byPlace = new Map<string, Building<W>>();
  // A unit's findings mostly come together and share their `forUnit`: its place is not made again.
  let lastUnit: FindingUnit | undefined;
  let last = whole;
  let i = 0;
  for (const f of findings) {
    let into = whole;
    const u = f.forUnit;
    if (u !== undefined) {
      if (u !== lastUnit) {
        const place = unitPlace(u);
        let part = byPlace.get(place);
        if (part === undefined) {
          part = start(u);
          byPlace.set(place, part);
        }
        lastUnit = u;
        last = part;
      }
      into = last;
    }
    const status = statusOf(f);
    into.counts[status]++;
    if (STATUS[status].needsReview) {
      if (into.count === into.issues.length) {
        const more = new Uint32Array(2 * into.count);
        more.set(into.issues);
        into.issues = more;
      }
      into.issues[into.count++] = i;
    }
    if (f.code === 'target-mismatch') into.mismatches.push(f);
    if (into.wanted !== undefined && f.indicatorId !== undefined) {
      const quarters = into.wanted.get(f.indicatorId);
      if (quarters !== undefined)
        for (const q of quarters)
          if (
            f.quarter === q.quarter &&
            (f.cell ?? null) === q.cell &&
            status === q.status &&
            !found.has(q)
          )
            found.set(q, f);
    }
    i++;
  }
  const parts = byPlace.size === 0 ? [whole] : [...byPlace.values()];
  return parts.map(({ unit, issues, count, counts, mismatches }) => ({
    ...(unit !== undefined ? { unit } : {}),
    issues: issues.subarray(0, count),
    counts,
    mismatches,
  }));
}
