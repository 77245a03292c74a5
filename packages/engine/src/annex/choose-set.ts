/**
 * Step 1 of a check: the target set. The one given, or else the candidate that fits the sheet
 * best: its rows, the targets written in it, and what its title names (`chooseTargetSet`).
 */
import type { Indicator, TargetSet } from '../schema.js';
import { getBuiltinTargetSet, getBuiltinTargetSets } from '../target-sets/index.js';
import type { ContextSource } from './check.js';
import { titleAffinity } from './detect.js';
import type { Layout } from './layout.js';
import { type IndicatorMatch, matcherFor } from './match.js';
import { BoundedMemo, keyPart } from './memo.js';
import type { TargetSetChosenNotice } from './notices.js';
import type { SheetView } from './sheet.js';
import { type ComparedTargets, compareTargets } from './targets.js';

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
  /** Several sets matched and none was given: which was chosen, and why. */
  readonly notice?: TargetSetChosenNotice;
  /**
   * The targets written in the sheet compared with the chosen set's (`compareTargets` of `set`
   * and `matched`), when the choice needed them: the check uses them instead of comparing again.
   */
  readonly targets?: ComparedTargets;
}

/** The set an option names: itself, or the built-in set of that id. */
export function resolveSet(option: TargetSet | string | undefined): TargetSet | undefined {
  if (option === undefined) return undefined;
  return typeof option === 'string' ? getBuiltinTargetSet(option) : option;
}

/** Matches every block of the layout against one set. */
export function matchBlocks(
  layout: Layout,
  set: TargetSet,
  /** `blocksKey(layout)`, when the caller made it already (once for every candidate set). */
  key: string | undefined = blocksKey(layout),
): Map<number, MatchedBlock> {
  const matcher = matcherFor(set);
  let memo = blockMatches.get(set);
  if (!memo) {
    memo = new BoundedMemo<BlockMatches>(BLOCK_MATCHES_ENTRIES, BLOCK_MATCHES_CHARS);
    blockMatches.set(set, memo);
  }
  const found = key === undefined ? undefined : memo.get(key);
  const results: BlockMatches =
    found ??
    layout.blocks.map((block) => {
      const match = matcher.match(block);
      return match ? { match, targetRows: matcher.targetRows(match.indicator, block.leads) } : null;
    });
  if (key !== undefined && !found) memo.set(key, results);
  const matched = new Map<number, MatchedBlock>();
  layout.blocks.forEach((block, i) => {
    const result = results[i];
    if (!result) return;
    matched.set(block.index, {
      indicator: result.match.indicator,
      match: result.match,
      rows: block.rows,
      targetRows: result.targetRows.slice(),
    });
  });
  return matched;
}

/** What matching a layout's blocks against a set gave, block by block: `null` for no match. */
type BlockMatches = readonly ({
  readonly match: IndicatorMatch;
  readonly targetRows: readonly (number | undefined)[];
} | null)[];

/**
 * Blocks matched, per set, by what the match reads of them (`blocksKey`): the indicator rows of
 * a template match the same in every workbook made from it. Bounded per set.
 */
const blockMatches = new WeakMap<TargetSet, BoundedMemo<BlockMatches>>();
export const BLOCK_MATCHES_ENTRIES = 128;
const BLOCK_MATCHES_CHARS = 1_000_000;

/** For tests: how many layouts' matches are remembered for a set. */
export function blockMatchesHeld(set: TargetSet): number {
  return blockMatches.get(set)?.size ?? 0;
}

/**
 * Everything matching reads of a layout's blocks, in order: each block's Stt, section, text and
 * the lead-agency text of each of its rows. Two layouts with the same key match alike against
 * any set. `undefined` for a layout too large to be worth remembering.
 */
export function blocksKey(layout: Layout): string | undefined {
  let key = '';
  for (const block of layout.blocks) {
    key += `|${keyPart(block.stt)}${block.section === undefined ? 'u' : keyPart(block.section)}${keyPart(block.text)}${block.leads.length}`;
    for (const lead of block.leads) key += keyPart(lead);
    if (key.length > BLOCK_MATCHES_CHARS) return undefined;
  }
  return key;
}

/** A candidate set that matches some of the sheet's rows. */
interface Fit {
  readonly set: TargetSet;
  readonly matched: Map<number, MatchedBlock>;
  /** Order among the candidates, the last tie-break. */
  readonly order: number;
}

/** How well a contender fits the sheet, beyond its rows. */
interface Scored extends Fit {
  readonly compared: ComparedTargets | undefined;
  /** Targets written in the sheet that agree with the set's, less those that differ. */
  readonly agreement: number;
  /** What the title names of the set (province, year, document). */
  readonly affinity: number;
}

/**
 * The set given, or else the best fit among the candidates. Sets that match at least half as
 * many rows as the best are contenders; of those, the one whose targets written in the sheet
 * agree with it wins, then the one the title names (province, year), then the one matching
 * most rows. With several contenders the choice is told (`target-set-chosen`): seed 004's own
 * table matches both the national and Bình Phước's sets on every row, and only its targets
 * tell them apart. The targets and the title are read only when there are several contenders,
 * and only for them: the others cannot be chosen.
 */
export function chooseTargetSet(
  layout: Layout,
  given: TargetSet | string | undefined,
  candidates: readonly TargetSet[] | undefined,
  view?: SheetView,
): ChosenSet {
  const set = resolveSet(given);
  if (set) return { set, matched: matchBlocks(layout, set), source: 'option' };
  const fits: Fit[] = [];
  let most = 0;
  const key = blocksKey(layout);
  (candidates ?? getBuiltinTargetSets()).forEach((candidate, order) => {
    const matched = matchBlocks(layout, candidate, key);
    if (matched.size === 0) return;
    if (matched.size > most) most = matched.size;
    fits.push({ set: candidate, matched, order });
  });
  const inRace = fits.filter((f) => f.matched.size * 2 >= most);
  if (inRace.length === 0) return { matched: new Map(), source: 'content' };
  if (inRace.length === 1) {
    const only = inRace[0] as Fit;
    return { set: only.set, matched: only.matched, source: 'content' };
  }
  const contenders: Scored[] = inRace
    .map((f) => {
      const compared = view ? compareTargets(view, layout, f.matched) : undefined;
      const differ = compared?.mismatches.length ?? 0;
      return {
        ...f,
        compared,
        agreement: (compared?.compared ?? 0) - 2 * differ,
        affinity: titleAffinity(layout.titleLines, f.set),
      };
    })
    .sort(
      (a, b) =>
        b.agreement - a.agreement ||
        b.affinity - a.affinity ||
        b.matched.size - a.matched.size ||
        a.order - b.order,
    );
  const [best, runnerUp] = contenders as [Scored, Scored, ...Scored[]];
  const why: TargetSetChosenNotice['why'] =
    best.agreement !== runnerUp.agreement
      ? 'targets-agree'
      : best.affinity !== runnerUp.affinity
        ? 'title'
        : 'rows';
  return {
    set: best.set,
    matched: best.matched,
    source: 'content',
    ...(best.compared === undefined ? {} : { targets: best.compared }),
    notice: {
      code: 'target-set-chosen',
      targetSetId: best.set.id,
      why,
      others: contenders.slice(1).map((f) => f.set.id),
    },
  };
}
