/**
 * Step 1 of a check: the target set. The one given, or else the candidate whose indicators the
 * sheet's rows match best, in the order of what the title names (province, year, document).
 */
import type { Indicator, TargetSet } from '../schema.js';
import { getBuiltinTargetSet, getBuiltinTargetSets } from '../target-sets/index.js';
import type { ContextSource } from './check.js';
import { titleAffinity } from './detect.js';
import type { Layout } from './layout.js';
import { type IndicatorMatch, mapTargetRows, matcherFor } from './match.js';

/** A block of the sheet's table matched to an indicator, with the target row of each of its rows. */
export interface MatchedBlock {
  readonly indicator: Indicator;
  readonly match: IndicatorMatch;
  readonly rows: readonly number[];
  readonly targetRows: readonly (number | undefined)[];
}

/** Matched blocks by block index. */
export type Matched = ReadonlyMap<number, MatchedBlock>;

export interface ChosenSet {
  /** The set applied; absent when none matched (or none was given and none exist). */
  readonly set?: TargetSet;
  readonly matched: Matched;
  readonly source?: ContextSource;
}

function resolveSet(option: TargetSet | string | undefined): TargetSet | undefined {
  if (option === undefined) return undefined;
  return typeof option === 'string' ? getBuiltinTargetSet(option) : option;
}

/** Matches every block of the layout against one set. */
export function matchBlocks(layout: Layout, set: TargetSet): Map<number, MatchedBlock> {
  const matcher = matcherFor(set);
  const matched = new Map<number, MatchedBlock>();
  for (const block of layout.blocks) {
    const match = matcher.match(block);
    if (!match) continue;
    matched.set(block.index, {
      indicator: match.indicator,
      match,
      rows: block.rows,
      targetRows: mapTargetRows(match.indicator, block.leads, set),
    });
  }
  return matched;
}

export function chooseTargetSet(
  layout: Layout,
  given: TargetSet | string | undefined,
  candidates: readonly TargetSet[] | undefined,
): ChosenSet {
  const set = resolveSet(given);
  if (set) return { set, matched: matchBlocks(layout, set), source: 'option' };
  // The first candidate that matches every indicator block wins outright: no other can match more.
  const ranked = (candidates ?? getBuiltinTargetSets())
    .map((candidate) => ({ candidate, affinity: titleAffinity(layout.titleLines, candidate) }))
    .sort((a, b) => b.affinity - a.affinity);
  let best: { set: TargetSet; matched: Map<number, MatchedBlock> } | undefined;
  let bestRank = -1;
  for (const { candidate, affinity } of ranked) {
    const matched = matchBlocks(layout, candidate);
    const rank = matched.size * 10 + affinity;
    if (matched.size > 0 && rank > bestRank) {
      bestRank = rank;
      best = { set: candidate, matched };
    }
    if (matched.size === layout.blocks.length && matched.size > 0) break;
  }
  return best ? { ...best, source: 'content' } : { matched: new Map(), source: 'content' };
}
