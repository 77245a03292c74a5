/**
 * The agency levels an imported annex may name, as data, and the reading of the "Cơ quan chủ
 * trì" and "Cơ quan phối hợp" cells into levels and named agencies.
 *
 * A level is named by a phrase that may itself hold commas ("Các sở, ban, ngành", "UBND các
 * huyện, thị xã, thành phố"), so a cell is cut at its commas and semicolons and the runs of
 * pieces that spell a level are joined back: "Sở Tư pháp, UBND cấp huyện, UBND cấp xã" is the
 * agency "Sở Tư pháp" and the levels `huyen` and `xa`.
 */

import { levelPhrases, STANDARD_LEVELS } from '../levels.js';
import type { Level } from '../schema.js';
import { normalizeText } from '../text.js';

/**
 * The levels an imported set chooses from (the ones its annex names, in this order): the usual
 * levels of Vietnamese local government, as `levels.ts` words them. Since 1/7/2025 there are two levels
 * (province and commune): a 2026 annex names only `so` and `xa`.
 */
export const IMPORT_LEVELS: readonly Level[] = STANDARD_LEVELS;

/** The levels of local government in a year: three until 2025, province and commune after. */
export function levelsOfYear(year: number): readonly Level[] {
  return year >= 2026 ? IMPORT_LEVELS.filter((l) => l.id !== 'huyen') : IMPORT_LEVELS;
}

/** One piece of an agency cell: a level or a named agency, as written. */
export interface AgencyPiece {
  readonly text: string;
  /** The level the piece names; absent for a named agency. */
  readonly level?: string;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The longest run of pieces one level phrase takes. */
const MAX_RUN = 4;

/** "A, B; C" cut at commas and semicolons, and at " và " before a level ("… và UBND cấp xã"). */
function spansOf(text: string, forms: ReadonlyMap<string, string>): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/[^,;]+/g)) {
    const start = m.index ?? 0;
    const piece = m[0];
    let from = 0;
    for (const and of piece.matchAll(/\s+và\s+/giu)) {
      const at = and.index ?? 0;
      const rest = normalizeText(piece.slice(at + and[0].length));
      if ([...forms.keys()].some((f) => rest === f || rest.startsWith(`${f} `))) {
        spans.push({ start: start + from, end: start + at });
        from = at + and[0].length;
      }
    }
    spans.push({ start: start + from, end: start + piece.length });
  }
  return spans.filter((s) => text.slice(s.start, s.end).trim() !== '');
}

/**
 * An agency cell in pieces, in order: each level phrase (joined back when it holds commas) and
 * each named agency, as written.
 */
export function readAgencyCell(text: string, levels: readonly Level[]): AgencyPiece[] {
  const forms = levelPhrases(levels);
  const spans = spansOf(text, forms);
  const out: AgencyPiece[] = [];
  for (let i = 0; i < spans.length; ) {
    let taken = 0;
    for (let n = Math.min(MAX_RUN, spans.length - i); n >= 1; n--) {
      const first = spans[i] as Span;
      const last = spans[i + n - 1] as Span;
      const joined = text.slice(first.start, last.end).trim();
      const level = forms.get(normalizeText(joined));
      if (level !== undefined) {
        out.push({ text: joined, level });
        taken = n;
        break;
      }
    }
    if (taken === 0) {
      const span = spans[i] as Span;
      out.push({ text: text.slice(span.start, span.end).trim() });
      taken = 1;
    }
    i += taken;
  }
  return out;
}
