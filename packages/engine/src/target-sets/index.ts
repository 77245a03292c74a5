import type { TargetSet } from '../schema.js';
// The built-in sets, parsed with the schema (defaults filled in) at build time by
// scripts/builtin-target-sets.mjs from the source files beside this one (binh-phuoc-2025.json, …):
// trusted here, so zod is not loaded for them.
import builtin from './builtin.json' with { type: 'json' };

const SETS = builtin as unknown as Readonly<Record<string, TargetSet>>;

/** Ids of the target sets that ship with the engine, transcribed from the source documents. */
export const BUILTIN_TARGET_SET_IDS: readonly string[] = Object.keys(SETS);

/** A built-in target set by id (validated at build time); `undefined` for an unknown id. */
export function getBuiltinTargetSet(id: string): TargetSet | undefined {
  return Object.hasOwn(SETS, id) ? SETS[id] : undefined;
}

/** Every built-in target set, in a stable order. */
export function getBuiltinTargetSets(): TargetSet[] {
  return BUILTIN_TARGET_SET_IDS.map((id) => getBuiltinTargetSet(id) as TargetSet);
}
