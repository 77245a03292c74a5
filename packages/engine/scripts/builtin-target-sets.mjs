// The build step that proves the built-in target sets (run by `pnpm build`, after tsc): every
// source file in src/target-sets/ is parsed with the schema (zod, the target-set rules), and the
// parsed sets, defaults filled in, are written to src/target-sets/builtin.json (and its copy in
// dist/), which the engine loads at run time without validating again: zod is then loaded only
// for the user's own target-set files. A built-in set that fails the schema fails the build.
// test/builtin-target-sets.test.ts says when builtin.json is stale (a source edited, not built).
import { readFileSync, writeFileSync } from 'node:fs';
import { formatTargetSetError, parseTargetSet } from '../dist/target-sets/load.js';

/** The built-in sets, in the order the engine lists them: id → source file in src/target-sets. */
export const BUILTIN_SOURCES = {
  'binh-phuoc-2025': 'binh-phuoc-2025.json',
  'nq01-nq02-2025': 'nq01-nq02-2025.json',
  'binh-phuoc-2024-thanh-toan': 'binh-phuoc-2024-thanh-toan.json',
  'binh-phuoc-2024-cchc': 'binh-phuoc-2024-cchc.json',
  'chi-so-766': 'chi-so-766.json',
};

const dir = new URL('../src/target-sets/', import.meta.url);
const sets = {};
let failed = false;
for (const [id, file] of Object.entries(BUILTIN_SOURCES)) {
  const source = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const result = parseTargetSet(source, { source: file, locale: 'en' });
  if (!result.success) {
    console.error(`Built-in target set ${file} is invalid:\n${formatTargetSetError(result.error)}`);
    failed = true;
    continue;
  }
  if (result.data.id !== id) {
    console.error(`Built-in target set ${file} has the id "${result.data.id}", not "${id}".`);
    failed = true;
    continue;
  }
  sets[id] = result.data;
}
if (failed) process.exit(1);

const text = `${JSON.stringify(sets, null, 2)}\n`;
for (const out of [
  new URL('builtin.json', dir),
  new URL('../dist/target-sets/builtin.json', import.meta.url),
]) {
  let before = '';
  try {
    before = readFileSync(out, 'utf8');
  } catch {}
  if (before !== text) writeFileSync(out, text);
}
