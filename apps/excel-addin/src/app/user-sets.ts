/**
 * The target sets the user added to the pane (read from an annex sheet of the workbook, or from
 * a JSON file they picked), kept with the workbook in its settings and listed with the built-in
 * sets, each with where it came from. Pure functions: the controller keeps them in its state.
 */
import {
  getBuiltinTargetSet,
  getBuiltinTargetSets,
  type TargetSet,
  type TargetSetProblem,
} from '@chitieu/engine';
import type { EmbeddedSets } from '@chitieu/xlsx';

/**
 * The engine's target-set loader (zod and the schemas), loaded the first time a user's set is
 * read: the built-in sets need no validation, so the pane starts without it.
 */
const loader = () => import('@chitieu/engine/load');

/** Where a target set of the pane came from. */
export type SetOrigin =
  | { readonly kind: 'builtin' }
  /** Read with "Đọc bộ chỉ tiêu từ trang này" from this sheet of the workbook. */
  | { readonly kind: 'sheet'; readonly sheet: string }
  /** A JSON file the user picked (its name, as the browser gives it). */
  | { readonly kind: 'file'; readonly name: string }
  /**
   * Stored in the workbook (the custom XML part a template carries), for these sheets (none:
   * every sheet). Never saved in the settings: it travels with the workbook itself.
   */
  | { readonly kind: 'embedded'; readonly sheets: readonly string[] };

/** A set the user added (or the workbook stores), with where it came from. */
export interface UserSet {
  readonly set: TargetSet;
  readonly origin: Exclude<SetOrigin, { kind: 'builtin' }>;
}

/** A set the form offers: a built-in one or one the user added. */
export interface OfferedSet {
  readonly set: TargetSet;
  readonly origin: SetOrigin;
}

/** Finds a target set by id: the built-ins first, then the user's. */
export type SetLookup = (id: string) => TargetSet | undefined;

/** The lookup over the built-in sets and the user's. */
export function setLookup(userSets: readonly UserSet[]): SetLookup {
  return (id) => getBuiltinTargetSet(id) ?? userSets.find((u) => u.set.id === id)?.set;
}

/** Every set the form offers, built-ins first, each with its origin. */
export function offeredSets(userSets: readonly UserSet[]): readonly OfferedSet[] {
  return [
    ...getBuiltinTargetSets().map((set) => ({ set, origin: { kind: 'builtin' } as const })),
    ...userSets,
  ];
}

/** The sets a check chooses from when it detects: the built-ins and the user's. */
export function candidateSets(userSets: readonly UserSet[]): readonly TargetSet[] {
  return [...getBuiltinTargetSets(), ...userSets.map((u) => u.set)];
}

/**
 * The sets the workbook stores, as the pane lists them beside the user's: each that is not a
 * built-in set's id (a stored set of a built-in id is checked as the built-in one) nor one of
 * the user's sets (the user's copy is the one used; a stored copy that differs is told).
 */
export function storedSets(stored: EmbeddedSets, userSets: readonly UserSet[]): UserSet[] {
  const out: UserSet[] = [];
  for (const { targetSet, sheets } of stored.sets) {
    const id = targetSet.id;
    if (getBuiltinTargetSet(id) || userSets.some((u) => u.set.id === id)) continue;
    if (out.some((u) => u.set.id === id)) continue;
    out.push({ set: targetSet, origin: { kind: 'embedded', sheets } });
  }
  return out;
}

/** The user's sets with `added`: a set of the same id is replaced (read again, picked again). */
export function withUserSet(userSets: readonly UserSet[], added: UserSet): UserSet[] {
  return [...userSets.filter((u) => u.set.id !== added.set.id), added];
}

/** One problem of a JSON file, as data: worded by the engine's catalog at render time. */
export interface SetFileIssue {
  readonly path: string;
  readonly problem: TargetSetProblem;
  readonly line?: number;
  readonly column?: number;
}

/**
 * A JSON file's text as a target set, validated by the engine's loader (every bad field, as the
 * CLI's `targets validate` reports them); a built-in id may be reused only for the same content.
 */
export async function parseSetFile(
  text: string,
  name: string,
): Promise<
  | { readonly success: true; readonly data: TargetSet }
  | { readonly success: false; readonly issues: readonly SetFileIssue[] }
> {
  const { parseTargetSetJson } = await loader();
  const parsed = parseTargetSetJson(text, { source: name, builtin: getBuiltinTargetSet });
  if (parsed.success) return parsed;
  return {
    success: false,
    issues: parsed.error.issues.map((i) => ({
      path: i.path,
      problem: i.problem,
      ...(i.line !== undefined ? { line: i.line } : {}),
      ...(i.column !== undefined ? { column: i.column } : {}),
    })),
  };
}

/** The user's sets as saved with the workbook: each set's JSON and its origin. */
export function userSetsToSettings(userSets: readonly UserSet[]): unknown[] {
  return userSets.map((u) => ({ origin: u.origin, json: JSON.stringify(u.set) }));
}

/**
 * The user's sets from saved settings, defensively: an entry that is not a valid set (a hand
 * edit, a later version's format) or whose origin is unknown is dropped.
 */
export async function userSetsFromSettings(raw: unknown): Promise<UserSet[]> {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const { parseTargetSetJson } = await loader();
  let out: UserSet[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { origin, json } = entry as { origin?: unknown; json?: unknown };
    const o = originOf(origin);
    if (!o || typeof json !== 'string') continue;
    const parsed = parseTargetSetJson(json, { builtin: getBuiltinTargetSet });
    if (!parsed.success || getBuiltinTargetSet(parsed.data.id)) continue;
    out = withUserSet(out, { set: parsed.data, origin: o });
  }
  return out;
}

function originOf(raw: unknown): UserSet['origin'] | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { kind, sheet, name } = raw as { kind?: unknown; sheet?: unknown; name?: unknown };
  if (kind === 'sheet' && typeof sheet === 'string') return { kind, sheet };
  if (kind === 'file' && typeof name === 'string') return { kind, name };
  return undefined;
}
