// Loads the command line's bundle, dist/chitieu.cjs (scripts/bundle.mjs), with the V8 code cache
// `pnpm build` made for it: V8 then reads the compiled functions instead of parsing and compiling
// the bundle's 1.2 MB again (about 40 ms of a run's start, and as much again for each worker
// thread of a check). A cache holds for the V8 flags it was made under, so there are two: one
// for a run as it starts (`plain`) and one for the worker threads of a check, which start after
// the check's flags are set (`check`, CHECK_FLAGS). A cache that is missing or that V8 rejects
// (another Node than the one that built it) only costs that time: the bundle is compiled as it is.
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../dist');
export const BUNDLE = join(DIST, 'chitieu.cjs');
export const cacheFile = (mode) => join(DIST, `chitieu.${mode}.cache`);

/**
 * The V8 flags of a check, set once the bundle is loaded (bin/chitieu.js says why each); the old
 * generation's growth only for a check that does not annotate copies (`annotating`: --out).
 * Set only where they are known (V8 11–13: Node 20–24): an unknown flag would be said on stdout.
 */
export function setCheckFlags(v8, { annotating = false } = {}) {
  v8.setFlagsFromString('--interrupt-budget=540672');
  if (/^1[123]\./.test(process.versions.v8)) {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    if (!annotating) v8.setFlagsFromString('--heap-growing-percent=50');
  }
}

/**
 * The bundle's bytes and its code cache, held for as long as the process (or worker thread)
 * runs. Each is over a megabyte, so glibc's malloc maps it on its own; freed, it would raise
 * malloc's threshold for mapping to its size and its threshold for giving memory back to twice
 * that (glibc follows the largest mapped block freed), and the memory a check frees would then
 * stay with the process: a check's peak RSS grew with the number of workbooks (150 → 600
 * workbooks: 74.5 → 84.5 MB; held, 74.5 → 78.8 MB, medians of five). Holding them did not raise
 * the peak of 150 workbooks (74.5 MB either way). With another allocator it only keeps 2.4 MB.
 */
const held = [];

/**
 * The bundle's exports; undefined when dist/chitieu.cjs is missing. `keep` (scripts/code-cache.mjs)
 * also returns the compiled script, to make its cache after a run.
 */
export function loadBundle(mode = 'plain', { keep = false, cache = true } = {}) {
  let source;
  try {
    const bytes = readFileSync(BUNDLE);
    held.push(bytes);
    // ASCII only (scripts/bundle.mjs makes sure): Latin-1 reads it a byte a character, with no
    // UTF-8 decoding, into a one-byte string.
    source = bytes.toString('latin1');
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined;
    throw error;
  }
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(cacheFile(mode));
      held.push(cachedData);
    } catch {}
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  return keep ? { exports: module.exports, script } : module.exports;
}
