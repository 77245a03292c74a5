/**
 * What storing a target set in the workbook changes in the parts already there (both hosts
 * follow it; pure, over what the reader gave): the set the sheets were checked with must be the
 * one a later reader finds first for them (`chooseStoredSet` takes the first stored set that
 * applies to a sheet), and the workbook must not pile up copies of one set.
 *
 * - A part of the same set id is replaced: it is removed and the new part takes over its sheets
 *   too (a part for every sheet keeps the new one for every sheet).
 * - A part of another set that names some of the sheets, and was not edited since it was written
 *   (its fingerprint matches), is written again without them (removed when none is left): the
 *   same set, so the same fingerprint.
 * - A part of another set that applies to the sheets and cannot be narrowed so — one for every
 *   sheet, or one whose content was edited (evidence, never rewritten) — is moved after the new
 *   part: removed and added again with its text as it was, so the new part is found first.
 * - Parts that hold no usable set are left as they are (the pane keeps telling of them).
 */
import type { EmbeddedSets } from '@chitieu/xlsx';

export interface StorePlan {
  /** Parts removed for good (earlier copies of the same set id). */
  readonly remove: readonly string[];
  /** Parts written again for fewer sheets (the set unchanged). */
  readonly narrow: readonly { readonly part: string; readonly sheets: readonly string[] }[];
  /** Parts removed and added again, unchanged, after the new one. */
  readonly moveAfter: readonly string[];
  /** The sheets the new part applies to (empty: every sheet). */
  readonly sheets: readonly string[];
}

const key = (name: string) => name.toLowerCase();

/** The plan for storing a set of id `setId` for `sheets` in a workbook that stores `stored`. */
export function planStore(
  stored: EmbeddedSets,
  setId: string,
  sheets: readonly string[],
): StorePlan {
  const wanted = new Set(sheets.map(key));
  const remove: string[] = [];
  const narrow: { part: string; sheets: readonly string[] }[] = [];
  const moveAfter: string[] = [];
  let every = false;
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.some((n) => key(n) === key(name))) names.push(name);
  };
  for (const entry of stored.sets) {
    if (entry.targetSet.id === setId) {
      remove.push(entry.part);
      if (entry.sheets.length === 0) every = true;
      for (const name of entry.sheets) add(name);
      continue;
    }
    if (entry.sheets.length === 0) {
      moveAfter.push(entry.part);
      continue;
    }
    const kept = entry.sheets.filter((name) => !wanted.has(key(name)));
    if (kept.length === entry.sheets.length) continue;
    if (!entry.fingerprintMatches) moveAfter.push(entry.part);
    else if (kept.length === 0) remove.push(entry.part);
    else narrow.push({ part: entry.part, sheets: kept });
  }
  for (const name of sheets) add(name);
  return { remove, narrow, moveAfter, sheets: every ? [] : names };
}
