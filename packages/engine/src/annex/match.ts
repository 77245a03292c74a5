/**
 * Row → indicator matching: by text (insensitive to diacritics, case, punctuation, spacing and
 * line breaks, tolerant of small wording changes) together with the Stt number and section.
 */

import { levelsMentioned } from '../levels.js';
import type { Indicator, TargetSet } from '../schema.js';
import { getBuiltinTargetSets } from '../target-sets/index.js';
import { normalizeText } from '../text.js';
import type { Block } from './layout.js';
import { BoundedMemo, keyPart } from './memo.js';

/** Words too common in indicator names to tell them apart. */
const STOP = new Set(['ty', 'le', 'cua', 'va', 'tren', 'cac', 'duoc', 'the', 'so', 'tong']);

/**
 * A row that counts things: "Số giao dịch thanh toán trực tuyến", "Tổng số hồ sơ tiếp nhận" (a
 * helper sheet's raw counts beside the rate they make). Not "Số hóa …" (digitisation), which
 * the marks tell apart: without them both are "so".
 */
const COUNT_ROW = /^(?:tổng\s+)?số\s+(?!hóa|hoá)/iu;

function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of normalizeText(text).split(' ')) if (t !== '' && !STOP.has(t)) out.add(t);
  return out;
}

/** Sørensen–Dice similarity of two token sets, 0..1. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export interface IndicatorMatch {
  readonly indicator: Indicator;
  /** Text similarity of the best wording, 0..1. */
  readonly score: number;
  /** How the match was made. */
  readonly by: 'text' | 'text+stt';
}

/** Accept on text alone at or above this similarity. */
const TEXT_ONLY = 0.8;
/** Accept with the same Stt (and section) at or above this similarity. */
const WITH_STT = 0.5;

interface Candidate {
  readonly indicator: Indicator;
  /** The indicator is a rate ("Tỷ lệ …"): a row counting things ("Số …") is not it. */
  readonly rate: boolean;
  readonly variants: readonly ReadonlySet<string>[];
  readonly sectionTokens: ReadonlySet<string>;
  readonly sectionId: string;
}

/** An indicator's wordings, to tell whether a text is some other known indicator. */
interface Known {
  readonly id: string;
  readonly variants: readonly ReadonlySet<string>[];
}

let builtinWordings: readonly Known[] | undefined;

/** The wordings of every built-in indicator, made once. */
function knownWordings(): readonly Known[] {
  builtinWordings ??= getBuiltinTargetSets().flatMap((set) =>
    set.indicators.map((indicator) => ({ id: indicator.id, variants: variantsOf(indicator) })),
  );
  return builtinWordings;
}

function variantsOf(indicator: Indicator): ReadonlySet<string>[] {
  return [indicator.name, indicator.shortName, ...indicator.aliases].map(tokens);
}

const matchers = new WeakMap<TargetSet, IndicatorMatcher>();

/** The matcher of a target set, built once per set: its caches then serve every sheet checked. */
export function matcherFor(set: TargetSet): IndicatorMatcher {
  let matcher = matchers.get(set);
  if (!matcher) {
    matcher = new IndicatorMatcher(set);
    matchers.set(set, matcher);
  }
  return matcher;
}

/** Matches sheet blocks against one target set; caches by text so repeated rows cost nothing. */
export class IndicatorMatcher {
  private readonly candidates: Candidate[];
  /** The set's own wordings and the built-in ones: what else a text could be. */
  private readonly others: readonly Known[];
  /**
   * Results by text, then section, then Stt: the keys are the sheet's own strings, so a text
   * repeated down a sheet is looked up without being copied or hashed again, however long.
   */
  private readonly cache = new Map<string, Map<string, Map<string, IndicatorMatch | null>>>();
  private cachedEntries = 0;
  private cachedChars = 0;
  /** Bound the cache when a long-lived matcher sees many different texts, or long ones. */
  private static readonly CACHE_LIMIT = 50_000;
  private static readonly CACHE_CHARS = 4_000_000;

  /** The position of each of the set's indicators, for the keys of `targetRows`. */
  private readonly positions = new Map<Indicator, number>();
  /** `mapTargetRows` of an indicator of the set, by the lead-agency texts of its rows. */
  private readonly targetRowsMemo = new BoundedMemo<readonly (number | undefined)[]>(2048, 500_000);

  constructor(readonly targetSet: TargetSet) {
    targetSet.indicators.forEach((indicator, i) => {
      if (!this.positions.has(indicator)) this.positions.set(indicator, i);
    });
    this.candidates = targetSet.indicators.map((indicator) => {
      const section = targetSet.sections.find((s) => s.id === indicator.section);
      return {
        indicator,
        rate: normalizeText(indicator.name).startsWith('ty le '),
        variants: variantsOf(indicator),
        sectionTokens: tokens(section ? `${section.id} ${section.title}` : ''),
        sectionId: indicator.section,
      };
    });
    this.others = [
      ...this.candidates.map((c) => ({ id: c.indicator.id, variants: c.variants })),
      ...knownWordings(),
    ];
  }

  /**
   * Which official target row each sheet row of a block is (`mapTargetRows`), remembered by the
   * indicator and the rows' lead-agency texts: a template's rows say the same in every workbook.
   */
  targetRows(indicator: Indicator, leads: readonly string[]): (number | undefined)[] {
    const position = this.positions.get(indicator);
    if (position === undefined) return mapTargetRows(indicator, leads, this.targetSet);
    let key = `${position}`;
    for (const lead of leads) key += `\u0000${keyPart(lead)}`;
    return this.targetRowsMemo
      .through(key, () => mapTargetRows(indicator, leads, this.targetSet))
      .slice();
  }

  /** The indicator a block is, or `undefined` when none is close enough. */
  match(block: Pick<Block, 'stt' | 'text' | 'section'>): IndicatorMatch | undefined {
    const section = block.section ?? '';
    const cached = this.cache.get(block.text)?.get(section)?.get(block.stt);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.compute(block);
    const chars = block.text.length + section.length + block.stt.length;
    if (
      this.cachedEntries >= IndicatorMatcher.CACHE_LIMIT ||
      this.cachedChars + chars > IndicatorMatcher.CACHE_CHARS
    ) {
      this.cache.clear();
      this.cachedEntries = 0;
      this.cachedChars = 0;
    }
    let bySection = this.cache.get(block.text);
    if (!bySection) {
      bySection = new Map();
      this.cache.set(block.text, bySection);
    }
    let byStt = bySection.get(section);
    if (!byStt) {
      byStt = new Map();
      bySection.set(section, byStt);
    }
    byStt.set(block.stt, result ?? null);
    this.cachedEntries++;
    this.cachedChars += chars;
    return result;
  }

  private compute(block: Pick<Block, 'stt' | 'text' | 'section'>): IndicatorMatch | undefined {
    const words = tokens(block.text);
    const counts = COUNT_ROW.test(block.text.trim().normalize('NFC'));
    const sectionWords = block.section ? tokens(block.section) : undefined;
    const stt = block.stt.replace(/\.$/, '');
    let best: IndicatorMatch | undefined;
    let bestScore = 0;
    let bestRank = -1;
    for (const cand of this.candidates) {
      if (counts && cand.rate) continue;
      let score = 0;
      for (const v of cand.variants) score = Math.max(score, similarity(words, v));
      const sameStt = stt !== '' && stt === cand.indicator.stt;
      const sectionScore = sectionWords ? similarity(sectionWords, cand.sectionTokens) : 0;
      let by: IndicatorMatch['by'] | undefined;
      if (score >= TEXT_ONLY) by = sameStt ? 'text+stt' : 'text';
      else if (sameStt && score >= WITH_STT) by = 'text+stt';
      if (!by) continue;
      // Rank: text first, then the same Stt, then the same section (sets whose numbering restarts).
      const rank = score + (sameStt ? 0.05 : 0) + sectionScore * 0.02;
      if (rank > bestRank) {
        bestRank = rank;
        best = { indicator: cand.indicator, score: Math.round(score * 1000) / 1000, by };
        bestScore = score;
      }
    }
    // A match the Stt carried (the text alone is not close enough) stands only if the text is not
    // closer to another indicator, of this set or a built-in one: "dịch vụ công trực tuyến toàn
    // trình" (Stt 1) shares words with "thanh toán trực tuyến" (Stt 1 of the 2024 payment set) —
    // "toàn" and "toán" are one word without their marks — but it is the end-to-end service.
    if (best && bestScore < TEXT_ONLY && this.closerToAnother(words, best.indicator.id, bestScore))
      return undefined;
    return best;
  }

  private closerToAnother(words: ReadonlySet<string>, id: string, score: number): boolean {
    for (const other of this.others) {
      if (other.id === id) continue;
      for (const v of other.variants) if (similarity(words, v) > score) return true;
    }
    return false;
  }
}

/**
 * Which official target row each sheet row of a block is. Rows are matched by the levels and
 * agencies named in their lead-agency cell; failing that, by position.
 */
export function mapTargetRows(
  indicator: Indicator,
  leads: readonly string[],
  set: TargetSet,
): (number | undefined)[] {
  const official = indicator.targets;
  if (official.length === 1) return leads.map(() => 0);
  const used = new Set<number>();
  const result = leads.map((lead) => {
    const norm = normalizeText(lead);
    if (norm === '') return undefined;
    const levels = levelsMentioned(norm, set.levels);
    const agencies = official.map((row) =>
      row.appliesTo.agencies.some((a) => norm.includes(normalizeText(a))),
    );
    let pick: number | undefined;
    official.forEach((row, i) => {
      if (pick !== undefined || used.has(i)) return;
      if (row.appliesTo.levels.some((l) => levels.has(l)) || agencies[i]) pick = i;
    });
    if (pick !== undefined) used.add(pick);
    return pick;
  });
  // Rows whose lead said nothing useful take the remaining official rows in order.
  let next = 0;
  return result.map((r) => {
    if (r !== undefined) return r;
    while (next < official.length && used.has(next)) next++;
    if (next >= official.length) return undefined;
    used.add(next);
    return next++;
  });
}
