// pnpm bench (apps/cli): what `chitieu check` costs, against the floor of the work no reader can
// avoid. Prints figures; asserts nothing (speed is never a test). Run after `pnpm build` (turbo
// does that first); run with `node --expose-gc bench/check.mjs` so phases start without the
// previous phase's garbage.
//
//   1. 150 department workbooks: the good annex workbooks of examples/nop-quy-2-2025 cycled to
//      150 inputs, held in memory as bytes (each input its own copy), and also written to a
//      temporary folder for the end-to-end timing of the CLI's checkFile (file reading included;
//      the files are in the page cache, so that is a cached read).
//        floor      open the zip and inflate every entry with the reader's own zip code, and run
//                   the reader's XML tokenizer over every XML part, building nothing;
//        checking   what `chitieu check` does per workbook: openWorkbook, readSheet of each
//                   sheet, checkSheet of each sheet (apps/cli/src/run-check.ts checkFile);
//        rezip      inflate every entry and deflate every entry again with fflate level 6
//                   (zipSync), the floor for writing a copy;
//        annotating annotateWorkbook with the sheets' mark plans (the CLI's annotateFile).
//   2. One consolidated 2,000-row sheet with 80 result columns (20 units × Quý I–IV): the same.
//   3. Peak memory: RSS and heap sampled every 5 ms (when the event loop turns), after every few
//      workbooks inside the timed loops, and at phase boundaries; with the kernel's high-water
//      mark (getrusage maxRSS) as a check on the samples.
//
// Each comparison alternates rounds: a round of the floor, then a round of the work, and so on, so
// both sides see the same load on a shared machine; after warm-up rounds, it prints the median
// (and min) of each side's rounds and the median of the per-round ratios (with their range).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSheet, getBuiltinTargetSet } from '@chitieu/engine';
import { DEFAULT_LIMITS, openWorkbook } from '@chitieu/xlsx';
import { annotateFile } from '../dist/annotate.js';
import { checkFile } from '../dist/run-check.js';
import { consolidatedAnnex, zipEntries } from './consolidated.mjs';
import { peakRss } from './peak-rss.mjs';

// The reader's own zip and XML code (not part of @chitieu/xlsx's public exports: loaded from its
// dist through the workspace link, so these are the very modules openWorkbook uses), and the
// fflate that @chitieu/xlsx depends on (the same file its dist imports).
const xlsxDir = dirname(dirname(fileURLToPath(import.meta.resolve('@chitieu/xlsx')))); // …/dist/index.js
const { openPackage, decodeText } = await import(pathToFileURL(join(xlsxDir, 'dist/zip.js')).href);
const { XmlReader, EOF } = await import(pathToFileURL(join(xlsxDir, 'dist/xml.js')).href);
const fflateDir = dirname(
  createRequire(join(xlsxDir, 'package.json')).resolve('fflate/package.json'),
);
const { zipSync } = await import(pathToFileURL(join(fflateDir, 'esm/index.mjs')).href);

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = join(HERE, '../../../examples/nop-quy-2-2025');
const WORKBOOKS = 150;
const GOAL_RATIO = 1.5;
const GOAL_RSS = 200 * 1024 * 1024;
const LOCALE = 'vi'; // the CLI's default; no --target-set, --level or --quarter (all detected)
const SMALL = { warmup: 1, rounds: 5 };
const LARGE = { warmup: 1, rounds: 3 };

const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc)
  console.log('(run with node --expose-gc: phases will carry each other’s garbage)');
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const ms = (n) => n.toFixed(n < 10 ? 2 : 1);
const tick = () => new Promise((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------
// Memory: peaks over the run and per phase.

const memory = { phase: 'setup', rss: 0, heap: 0, phases: new Map() };
function phaseStats(name) {
  let p = memory.phases.get(name);
  if (!p) {
    p = { start: 0, rss: 0, heap: 0, kernelBefore: 0, kernelRaised: 0 };
    memory.phases.set(name, p);
  }
  return p;
}
function sample() {
  const { rss, heapUsed } = process.memoryUsage();
  const p = phaseStats(memory.phase);
  if (rss > p.rss) p.rss = rss;
  if (heapUsed > p.heap) p.heap = heapUsed;
  if (rss > memory.rss) memory.rss = rss;
  if (heapUsed > memory.heap) memory.heap = heapUsed;
}
setInterval(sample, 5).unref();

function enter(name) {
  sample();
  memory.phase = name;
  const p = phaseStats(name);
  if (p.start === 0) p.start = process.memoryUsage().rss;
  p.kernelBefore = peakRss();
  sample();
}
function leave() {
  sample();
  const p = phaseStats(memory.phase);
  const after = peakRss();
  if (after > p.kernelBefore + 1024 * 1024 && after > p.kernelRaised) p.kernelRaised = after;
  memory.phase = 'between phases';
}

/** Runs `fn` as a phase of its own (setup and verification). */
async function phase(name, fn) {
  gc();
  await tick();
  enter(name);
  try {
    return await fn();
  } finally {
    leave();
  }
}

// ---------------------------------------------------------------------------------------------
// Timing.

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * Times a floor against the work it is the floor of: warm-up rounds of both, then `rounds` pairs
 * of rounds (floor over every item, then work over every item), each round after a gc and a turn
 * of the event loop (outside the timing). Memory is sampled after every 10th item and after each
 * round. Returns each side's { median, min, per } and the per-round ratios work / floor.
 */
async function compare(items, floorSide, workSide, { warmup, rounds }, beforeTimed = () => {}) {
  const sides = [floorSide, workSide];
  for (let w = 0; w < warmup; w++) {
    for (const side of sides) {
      gc();
      await tick();
      enter(side.name);
      for (const item of items) await side.fn(item);
      leave();
    }
  }
  beforeTimed();
  const totals = [[], []];
  for (let round = 0; round < rounds; round++) {
    for (const [k, side] of sides.entries()) {
      gc();
      await tick(); // lets the 5 ms sampler run between rounds
      enter(side.name);
      const start = performance.now();
      for (let i = 0; i < items.length; i++) {
        const out = side.fn(items[i]);
        if (out instanceof Promise) await out;
        if (i % 10 === 9) sample();
      }
      totals[k].push(performance.now() - start);
      leave();
    }
  }
  const stats = (list) => {
    const m = median(list);
    return { median: m, min: Math.min(...list), per: m / items.length };
  };
  const ratios = totals[1].map((t, i) => t / totals[0][i]);
  return {
    floor: stats(totals[0]),
    work: stats(totals[1]),
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
  };
}

// ---------------------------------------------------------------------------------------------
// The work being timed.

function tokenize(text, name) {
  const r = new XmlReader(text, name);
  let tokens = 0;
  while (r.next() !== EOF) tokens++;
  return tokens;
}

/** The floor: inflate every entry with the reader's zip code; tokenize every XML part. */
function floor(bytes) {
  const pkg = openPackage(bytes, DEFAULT_LIMITS);
  let tokens = 0;
  for (const { name } of pkg.entries) {
    const data = pkg.bytes(name);
    if (name.endsWith('.xml') || name.endsWith('.rels')) tokens += tokenize(decodeText(data), name);
  }
  return tokens;
}

/** Time spent inside the reader and the engine during `check`, for the breakdown. */
const split = { read: 0, check: 0 };

/**
 * What checkFile does once it has the bytes: the same calls, the same options. Returns the checks
 * of every sheet read, as checkFile keeps them for annotateFile.
 */
function check(bytes) {
  let t = performance.now();
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  const checks = [];
  for (const info of opened.data.sheets) {
    const read = opened.data.readSheet(info);
    if (!read.success) continue;
    const t1 = performance.now();
    split.read += t1 - t;
    const result = checkSheet(read.data.grid, { locale: LOCALE });
    t = performance.now();
    split.check += t - t1;
    checks.push({ sheet: info.name, result });
  }
  return checks;
}

/** The annex sheets among the checks (what the CLI reports as the file's sheets). */
const annexSheets = (checks) =>
  checks.map((c) => c.result).filter((result) => result.status !== 'not-an-annex');

/** The floor for writing a copy: inflate every entry and deflate every entry again (level 6). */
function rezip(bytes) {
  const pkg = openPackage(bytes, DEFAULT_LIMITS);
  const files = {};
  for (const { name } of pkg.entries) files[name] = pkg.bytes(name);
  return zipSync(files, { level: 6 });
}

/** The CLI's annotateFile over a report: the bytes and the checks of its sheets. */
function annotate(report) {
  const outcome = annotateFile(report, { locale: LOCALE });
  if (!outcome || 'error' in outcome) throw new Error(`annotate: ${outcome?.error ?? 'nothing'}`);
  return outcome.bytes;
}

// ---------------------------------------------------------------------------------------------
// Inputs.

const startedAt = performance.now();
const inputs = await phase('setup', () => {
  // The good annex workbooks: those in which checkSheet finds a checked annex.
  const good = [];
  const skipped = [];
  for (const file of readdirSync(EXAMPLES).sort()) {
    if (!file.endsWith('.xlsx')) continue;
    const bytes = new Uint8Array(readFileSync(join(EXAMPLES, file)));
    let ok = false;
    try {
      ok = check(bytes).some((c) => c.result.status === 'checked');
    } catch {}
    (ok ? good : skipped).push({ file, bytes });
  }
  if (good.length === 0) throw new Error(`no checked annex workbook in ${EXAMPLES}`);
  const annexes = Array.from({ length: WORKBOOKS }, (_, i) => {
    const { file, bytes } = good[i % good.length];
    return { file, bytes: new Uint8Array(bytes) }; // each input its own copy of the bytes
  });
  const dir = mkdtempSync(join(tmpdir(), 'chitieu-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const paths = annexes.map(({ file, bytes }, i) => {
    const sub = join(dir, `don-vi-${String(i + 1).padStart(3, '0')}`);
    mkdirSync(sub);
    writeFileSync(join(sub, file), bytes);
    return join(sub, file);
  });
  return { good, skipped, annexes, dir, paths };
});
const { good, skipped, annexes, dir, paths } = inputs;

const size = (list) => list.reduce((n, x) => n + x.bytes.length, 0);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(
  `chitieu check — benchmark, Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${load()}`,
);
console.log(
  `Inputs: ${good.length} good annex workbooks of examples/nop-quy-2-2025 (${good.map((g) => g.file.replace('.xlsx', '')).join(', ')}); ` +
    `skipped ${skipped.map((s) => s.file).join(', ') || 'none'}. Cycled to ${WORKBOOKS} inputs held in memory as bytes (${kb(size(annexes))} in all), ` +
    'and written to a temporary folder for the file-reading pair (cached reads).',
);
console.log(
  `Rounds: floor and work alternate; ${SMALL.warmup} warm-up + ${SMALL.rounds} timed rounds each for the ${WORKBOOKS} workbooks, ${LARGE.warmup} + ${LARGE.rounds} for the large sheet. ` +
    'Figures: median (min) of the rounds; ratio = median of the per-round ratios (range). ' +
    "Options: the CLI's defaults (locale vi; target set, level and quarter detected).\n",
);

function line(label, r, note = '') {
  console.log(
    `  ${pad(label, 52)}${padL(ms(r.median), 9)} ms ${padL(`(${ms(r.min)})`, 10)}  ${padL(ms(r.per), 8)} ms/workbook${note}`,
  );
}
const goals = [];
function ratioLine(label, c) {
  const met = c.ratio <= GOAL_RATIO;
  goals.push(met);
  console.log(
    `  → ${pad(label, 45)}${padL(c.ratio.toFixed(2), 6)}×  (range ${c.low.toFixed(2)}–${c.high.toFixed(2)}×)  goal ≤ ${GOAL_RATIO}×: ${met ? 'met' : 'NOT met'}`,
  );
}
const resetSplit = () => {
  split.read = 0;
  split.check = 0;
};
const splitLine = (rounds) =>
  console.log(
    `     of which reading (openWorkbook + readSheet) ${ms(split.read / rounds)} ms, checkSheet ${ms(split.check / rounds)} ms (means of the timed rounds)`,
  );

// ---------------------------------------------------------------------------------------------
// 1. 150 department workbooks.

console.log(`1. ${WORKBOOKS} department workbooks`);
const bytesOf = annexes.map((a) => a.bytes);
{
  const c = await compare(
    bytesOf,
    { name: '150: floor', fn: floor },
    { name: '150: checking', fn: check },
    SMALL,
    resetSplit,
  );
  line('floor: unzip + tokenize (bytes in memory)', c.floor);
  line('checking: open + readSheet + checkSheet (bytes)', c.work);
  splitLine(SMALL.rounds);
  ratioLine('checking / floor', c);
}
{
  const options = { locale: LOCALE };
  const c = await compare(
    paths,
    { name: '150: floor, files', fn: async (path) => floor(await readFile(path)) },
    { name: '150: checkFile', fn: (path) => checkFile(path, options) },
    SMALL,
  );
  line('floor with file reading: readFile + floor', c.floor);
  line("checking end to end: the CLI's checkFile(path)", c.work);
  ratioLine('checkFile / floor with file reading', c);
}
{
  // The reports the CLI annotates from (computed once, outside the timing).
  const reports = annexes.map(({ bytes }) => ({ bytes, checks: check(bytes) }));
  const findings = reports.reduce(
    (n, r) => n + annexSheets(r.checks).reduce((m, s) => m + s.findings.length, 0),
    0,
  );
  const checked = reports.reduce(
    (n, r) => n + r.checks.filter((c) => c.result.status === 'checked').length,
    0,
  );
  // Both sides take a report; the floor uses only its bytes.
  const c = await compare(
    reports,
    { name: '150: rezip', fn: (r) => rezip(r.bytes) },
    { name: '150: annotating', fn: annotate },
    SMALL,
  );
  line('floor: unzip + rezip every entry (fflate level 6)', c.floor);
  line('annotating: annotateWorkbook (the CLI annotateFile)', c.work);
  ratioLine('annotating / unzip-and-rezip', c);
  console.log(`  (${checked} checked sheets, ${findings.toLocaleString('en')} findings in all)`);
}

// ---------------------------------------------------------------------------------------------
// 2. One consolidated 2,000 × 80 sheet.

// Made here (after part 1, so that part 1's memory figures do not carry it), with the theme part
// of an example workbook; checked once (untimed) to verify that it is recognised.
const { big, made, sheetXml } = await phase('2000×80: setup', () => {
  const theme = openPackage(good[0].bytes, DEFAULT_LIMITS).bytes('xl/theme/theme1.xml');
  const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
    rows: 2000,
    groups: 20,
    theme,
  });
  const parts = zipEntries(made.files);
  made.files = undefined;
  return {
    big: zipSync(parts, { level: 6 }),
    made,
    sheetXml: parts['xl/worksheets/sheet1.xml'].length,
  };
});
console.log('\n2. One consolidated sheet');
console.log(
  `  ${made.rows.toLocaleString('en')} rows × ${made.columns} columns: Stt, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, the annual target, Lộ trình (tối thiểu) Quý I–IV, ` +
    `${made.valueColumns} result columns (20 units × Quý I–IV), Ghi chú; ${made.resultCells.toLocaleString('en')} achieved values; ` +
    `${kb(big.length)} zipped, sheet XML ${(sheetXml / 1024 / 1024).toFixed(1)} MB.`,
);
const bigChecks = await phase('2000×80: verify', () => check(big));
const bigSheets = annexSheets(bigChecks);
const bigSheet = bigSheets[0];
if (bigSheets.length !== 1 || bigSheet?.status !== 'checked')
  console.log(`  !! the consolidated sheet was not checked: ${bigSheet?.status ?? 'no annex'}`);
if (bigSheet) {
  const by = Object.entries(bigSheet.summary.byCode)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${code} ${n.toLocaleString('en')}`)
    .join(', ');
  const marked = bigSheet.markPlan.groups.reduce((n, g) => n + g.cells.length, 0);
  console.log(
    `  status ${bigSheet.status}; context ${bigSheet.context.targetSetId}, level ${bigSheet.context.level}, Quý ${bigSheet.context.quarter}; ` +
      `${bigSheet.findings.length.toLocaleString('en')} findings (${by}); ${marked.toLocaleString('en')} marked cells, ${bigSheet.markPlan.rules.length} rules`,
  );
}
{
  const c = await compare(
    [big],
    { name: '2000×80: floor', fn: floor },
    { name: '2000×80: checking', fn: check },
    LARGE,
    resetSplit,
  );
  line('floor: unzip + tokenize', c.floor);
  line('checking: open + readSheet + checkSheet', c.work);
  splitLine(LARGE.rounds);
  ratioLine('checking / floor', c);
}
{
  let copy = 0;
  const c = await compare(
    [{ bytes: big, checks: bigChecks }],
    { name: '2000×80: rezip', fn: (r) => rezip(r.bytes) },
    {
      name: '2000×80: annotating',
      fn: (r) => {
        copy = annotate(r).length;
      },
    },
    LARGE,
  );
  line('floor: unzip + rezip every entry (fflate level 6)', c.floor);
  line('annotating: annotateWorkbook', c.work, `  (copy ${kb(copy)})`);
  ratioLine('annotating / unzip-and-rezip', c);
}

// ---------------------------------------------------------------------------------------------
// 3. Memory.

rmSync(dir, { recursive: true, force: true });
sample();
console.log(
  '\n3. Peak memory: RSS and heap sampled every 5 ms between rounds, after every 10th workbook and at phase edges',
);
console.log(
  '   (RSS seldom shrinks after a gc, so a phase starts with what the previous ones left; the kernel column says which phase pushed the high-water mark)',
);
for (const [name, p] of memory.phases) {
  if (name === 'between phases') continue;
  const raised =
    p.kernelRaised > 0 ? `raised the kernel high-water mark to ${mb(p.kernelRaised)}` : '';
  console.log(
    `  ${pad(name, 22)} RSS at start ${padL(mb(p.start), 7)}, peak ${padL(mb(p.rss), 7)}   peak heap ${padL(mb(p.heap), 7)}   ${raised}`,
  );
}
const maxRss = Math.max(memory.rss, peakRss());
const memoryMet = maxRss <= GOAL_RSS;
console.log(
  `  whole run: peak RSS ${mb(memory.rss)} sampled, ${mb(peakRss())} kernel high-water mark; peak heap ${mb(memory.heap)}`,
);
console.log(
  `  goal: peak RSS ≤ ${mb(GOAL_RSS)} — ${memoryMet ? 'met' : 'NOT met'} (${mb(maxRss)})`,
);

console.log(
  `\nSpeed goals met: ${goals.filter(Boolean).length} of ${goals.length}; memory goal ${memoryMet ? 'met' : 'NOT met'}. ` +
    `Whole benchmark ${((performance.now() - startedAt) / 1000).toFixed(1)} s; load average now ${load()}.`,
);
