// The built-in target sets are validated at build time (scripts/builtin-target-sets.mjs) and
// trusted at run time: here, every source file passes the schema, and builtin.json is exactly
// what the schema makes of them (so a source edited without `pnpm build` is caught).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TARGET_SET_IDS, getBuiltinTargetSet } from '../src/target-sets/index.js';
import { parseTargetSet } from '../src/target-sets/load.js';

const dir = new URL('../src/target-sets/', import.meta.url);
const built = JSON.parse(readFileSync(new URL('builtin.json', dir), 'utf8')) as Record<
  string,
  unknown
>;

describe('built-in target sets, validated at build time', () => {
  it.each(BUILTIN_TARGET_SET_IDS.map((id) => [id]))('%s: the source passes the schema', (id) => {
    const source: unknown = JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8'));
    const result = parseTargetSet(source, `${id}.json`);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    if (!result.success) return;
    // builtin.json holds what the schema makes of the source, key for key and in order.
    expect(JSON.stringify(built[id])).toBe(JSON.stringify(result.data));
    expect(built[id]).toStrictEqual(result.data);
    expect(getBuiltinTargetSet(id)).toStrictEqual(result.data);
  });

  it('builtin.json holds the built-in sets and nothing else, in order', () => {
    expect(Object.keys(built)).toEqual([
      'binh-phuoc-2025',
      'nq01-nq02-2025',
      'binh-phuoc-2024-thanh-toan',
      'binh-phuoc-2024-cchc',
      'chi-so-766',
    ]);
    expect(BUILTIN_TARGET_SET_IDS).toEqual(Object.keys(built));
  });

  it('an id that is not a set (an Object.prototype name) is no set', () => {
    expect(getBuiltinTargetSet('toString')).toBeUndefined();
    expect(getBuiltinTargetSet('__proto__')).toBeUndefined();
  });
});
