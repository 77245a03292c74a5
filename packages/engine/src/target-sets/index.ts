import type { TargetSet } from '../schema.js';
import binhPhuoc2024ThanhToan from './binh-phuoc-2024-thanh-toan.json' with { type: 'json' };
import binhPhuoc2025 from './binh-phuoc-2025.json' with { type: 'json' };
import { formatTargetSetError, parseTargetSet } from './load.js';
import nq01nq02_2025 from './nq01-nq02-2025.json' with { type: 'json' };

const SOURCES: Readonly<Record<string, unknown>> = {
  'binh-phuoc-2025': binhPhuoc2025,
  'nq01-nq02-2025': nq01nq02_2025,
  'binh-phuoc-2024-thanh-toan': binhPhuoc2024ThanhToan,
};

/** Ids of the target sets that ship with the engine, transcribed from the source documents. */
export const BUILTIN_TARGET_SET_IDS: readonly string[] = Object.keys(SOURCES);

const cache = new Map<string, TargetSet>();

/** A built-in target set by id, validated on first use; `undefined` for an unknown id. */
export function getBuiltinTargetSet(id: string): TargetSet | undefined {
  const cached = cache.get(id);
  if (cached) return cached;
  const source = SOURCES[id];
  if (source === undefined) return undefined;
  const result = parseTargetSet(source, `${id}.json`);
  if (!result.success) {
    // A built-in set that fails its own schema is a bug in the engine, caught by the tests.
    throw new Error(`Built-in target set is invalid:\n${formatTargetSetError(result.error)}`);
  }
  cache.set(id, result.data);
  return result.data;
}

/** Every built-in target set, in a stable order. */
export function getBuiltinTargetSets(): TargetSet[] {
  return BUILTIN_TARGET_SET_IDS.map((id) => getBuiltinTargetSet(id) as TargetSet);
}
