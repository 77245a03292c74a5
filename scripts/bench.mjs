// pnpm bench: the speed and memory figures of issue 11, each measured on whole processes, as a
// user starts them, side by side with the reference processes of ../shared/bench (floor.mjs,
// peer.py). Prints a table: figure | now | goal | met?. Asserts nothing (speed is never a test).
// Run after `pnpm build` (the root `bench` script does that first).
//
// Every ratio is measured in the same run, A and B in turn (a round of A, a round of B, …), after
// a warm-up round of each, and quoted as the median of the per-round ratios (with their range);
// times are medians of the rounds. Peak RSS is the kernel's high-water mark of the CLI process
// (VmHWM on Linux, getrusage maxRSS elsewhere: written at exit by apps/cli/bench/rss-probe.mjs,
// preloaded with --import; maxRSS alone would count this process's own size at the fork).
//
// Inputs (made in a temporary folder, removed at exit):
//   150 and 600 department workbooks: the good annex workbooks of examples/nop-quy-2-2025 (those
//     the engine checks), cycled, one per unit folder (don-vi-001/so-y-te.xlsx, …);
//   the consolidated 2,000 × 80 sheet and a 20,000-row one (apps/cli/bench/consolidated.mjs: the
//     Bình Phước 2025 layout, 20 units × Quý I–IV = 80 result columns);
//   a 2,000-unit table (apps/cli/bench/consolidated.mjs `unitTable`: one row per unit, its "Cấp",
//     its results for Quý I–IV).
//
//   node scripts/bench.mjs [--quick] [--root DIR]
// --quick: fewer rounds (a smoke run); --root: run the CLI of another checkout (before/after),
// with this checkout's inputs and reference processes. CHITIEU_BENCH_SKIP=peer,huge,engine,unit-table skips
// parts; CHITIEU_BENCH_KEEP=1 keeps the inputs.

import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const rootAt = args.indexOf('--root');
const CLI_ROOT = rootAt >= 0 ? resolve(args[rootAt + 1]) : ROOT;
const BIN = join(CLI_ROOT, 'apps/cli/bin/chitieu.js');
const PROBE = join(ROOT, 'apps/cli/bench/rss-probe.mjs');
const SHARED = resolve(ROOT, '../shared/bench');
const FLOOR = join(SHARED, 'floor.mjs');
const PEER = join(SHARED, 'peer.py');
const PYTHON = '/usr/bin/python3';
const EXAMPLES = join(ROOT, 'examples/nop-quy-2-2025');
const skip = new Set((process.env.CHITIEU_BENCH_SKIP ?? '').split(',').map((s) => s.trim()));
const R = QUICK
  ? { help: 5, small: 3, large: 2, warm: 1 }
  : { help: 15, small: 7, large: 5, warm: 1 };

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const log = (...a) => console.error(...a);

for (const [what, path] of [
  ['the CLI (run pnpm build)', BIN],
  ['../shared/bench/floor.mjs', FLOOR],
]) {
  if (!existsSync(path)) {
    console.error(`bench: ${what} is missing: ${path}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Processes.

const work = mkdtempSync(join(tmpdir(), 'chitieu-bench-'));
// CHITIEU_BENCH_KEEP=1 keeps the inputs (to profile one run by hand) and says where they are.
if (process.env.CHITIEU_BENCH_KEEP) console.error(`bench: inputs kept in ${work}`);
else process.on('exit', () => rmSync(work, { recursive: true, force: true }));
let runs = 0;

/**
 * Runs a process to its end: { ms, code, rss, live, stderr }. stdout goes to `stdout` (a path) or
 * is dropped; `rss: true` preloads the RSS probe (node processes only), `live: true` too, with
 * --expose-gc: `live` is then the JS heap the run still holds at its end (after a full GC).
 */
function run(command, argv, { stdout, rss = false, live = false, cwd = ROOT } = {}) {
  const rssFile = rss || live ? join(work, `rss-${runs++}`) : undefined;
  const full = rssFile
    ? [...(live ? ['--expose-gc'] : []), '--import', pathToFileURL(PROBE).href, ...argv]
    : argv;
  return new Promise((done, fail) => {
    const out = stdout ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'pipe'];
    const started = performance.now();
    const child = spawn(command, full, {
      cwd,
      stdio: out,
      env: { ...process.env, CHITIEU_BENCH_RSS: rssFile ?? '', FORCE_COLOR: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let bytes = 0;
    const chunks = [];
    if (stdout) {
      child.stdout.on('data', (d) => {
        bytes += d.length;
        if (stdout === 'keep' || chunks.length < 4) chunks.push(d);
      });
    }
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      let peak = 0;
      let kept = 0;
      if (rssFile) {
        try {
          [peak = 0, kept = 0] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
        } catch {}
      }
      const text = Buffer.concat(chunks).toString('utf8');
      done({
        ms,
        code,
        signal,
        rss: peak,
        live: kept,
        stderr,
        bytes,
        text,
        head: text.slice(0, 200),
      });
    });
  });
}

let outs = 0;
/** `use(dir)` with a fresh output folder below the bench's own, removed once it is done. */
async function inFreshDir(use) {
  const dir = join(work, `out-${outs++}`);
  try {
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cli = (argv, options) => run(process.execPath, [BIN, ...argv], options);
const floor = (argv, options) => run(process.execPath, [FLOOR, ...argv], options);
const ok = (r, what, codes = [0, 1]) => {
  if (!codes.includes(r.code))
    throw new Error(
      `${what}: exit ${r.code ?? r.signal}\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`,
    );
  return r;
};

/**
 * Runs the sides in turn, `warm` rounds then `rounds` rounds: side 0, side 1, …; returns each
 * side's results per round (the warm-up rounds dropped).
 */
async function inTurn(sides, rounds, warm = R.warm) {
  const results = sides.map(() => []);
  for (let round = 0; round < warm + rounds; round++) {
    for (const [k, side] of sides.entries()) {
      const r = await side();
      if (round >= warm) results[k].push(r);
    }
  }
  return results;
}
const times = (list) => list.map((r) => r.ms);
/** The median of the per-round ratios a/b, with their range. */
function ratio(a, b) {
  const each = a.map((r, i) => r.ms / b[i].ms);
  return { median: median(each), low: Math.min(...each), high: Math.max(...each) };
}
const range = (x) => `${x.median.toFixed(2)}× (${x.low.toFixed(2)}–${x.high.toFixed(2)})`;

// ---------------------------------------------------------------------------------------------
// Inputs.

const engineUrl = pathToFileURL(join(ROOT, 'packages/engine/dist/index.js')).href;
const xlsxDir = join(ROOT, 'packages/xlsx');
const { checkSheet, getBuiltinTargetSet } = await import(engineUrl);
const { DEFAULT_LIMITS, openWorkbook } = await import(
  pathToFileURL(join(xlsxDir, 'dist/index.js')).href
);
const { openPackage } = await import(pathToFileURL(join(xlsxDir, 'dist/zip.js')).href);
const fflate = createRequire(join(xlsxDir, 'package.json')).resolve('fflate/package.json');
const { zipSync } = await import(pathToFileURL(join(dirname(fflate), 'esm/index.mjs')).href);
const { consolidatedAnnex, unitTable, zipEntries } = await import(
  pathToFileURL(join(ROOT, 'apps/cli/bench/consolidated.mjs')).href
);

/** The example workbooks the engine checks (at least one checked annex sheet). */
const good = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .filter((file) => {
    const opened = openWorkbook(new Uint8Array(readFileSync(join(EXAMPLES, file))));
    if (!opened.success) return false;
    return opened.data.sheets.some((info) => {
      const read = opened.data.readSheet(info);
      return read.success && checkSheet(read.data.grid).status === 'checked';
    });
  });
if (good.length === 0) throw new Error(`no example workbook the engine checks in ${EXAMPLES}`);

function departments(count) {
  const dir = join(work, `workbooks-${count}`);
  for (let i = 0; i < count; i++) {
    const file = good[i % good.length];
    const sub = join(dir, `don-vi-${String(i + 1).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, file), readFileSync(join(EXAMPLES, file)));
  }
  return dir;
}

function consolidated(rows, name) {
  // The theme part of an example workbook, as Excel writes one.
  const example = new Uint8Array(readFileSync(join(EXAMPLES, good[0])));
  const theme = openPackage(example, DEFAULT_LIMITS).bytes('xl/theme/theme1.xml');
  const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
    rows,
    groups: 20,
    theme,
  });
  const parts = zipEntries(made.files);
  const dir = join(work, name);
  mkdirSync(dir);
  const path = join(dir, 'tong-hop.xlsx');
  writeFileSync(path, zipSync(parts, { level: 6 }));
  return { dir, path, made };
}

const startedAt = performance.now();
const loadAtStart = load();
const dir150 = departments(150);
const dir600 = departments(600);
const big = consolidated(2000, 'consolidated-2000');

/** The unit table of `units` rows, zipped as the consolidated sheet is, in a folder of its own. */
function unitTableInput(units, name) {
  const made = unitTable(getBuiltinTargetSet('binh-phuoc-2025'), { units });
  const dir = join(work, name);
  mkdirSync(dir);
  const path = join(dir, 'thanh-toan.xlsx');
  writeFileSync(path, zipSync(zipEntries(made.files), { level: 6 }));
  return { dir, path, made };
}
const units = skip.has('unit-table') ? undefined : unitTableInput(2000, 'unit-table-2000');
const huge = skip.has('huge') ? undefined : consolidated(20000, 'consolidated-20000');
const sizeOf = (path) => statSync(path).size;

console.log(
  `chitieu — whole-process benchmark, Node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart}` +
    (CLI_ROOT === ROOT ? '' : `; the CLI of ${CLI_ROOT}`),
);
console.log(
  `inputs: ${good.length} good example workbooks (${good.map((f) => f.replace('.xlsx', '')).join(', ')}) cycled to 150 and 600; ` +
    `the consolidated ${big.made.rows.toLocaleString('en')} × ${big.made.valueColumns} sheet (${(sizeOf(big.path) / 1024).toFixed(0)} KB zipped)` +
    (huge
      ? ` and a ${huge.made.rows.toLocaleString('en')}-row one (${(sizeOf(huge.path) / 1024 / 1024).toFixed(1)} MB)`
      : '') +
    (units
      ? `; a ${units.made.units.toLocaleString('en')}-unit table (${(sizeOf(units.path) / 1024).toFixed(0)} KB)`
      : '') +
    `; rounds: ${R.warm} warm-up + ${R.small} (small), ${R.large} (large), ${R.help} (start-up), A/B in turn\n`,
);

const rows = [];
/** One line of the table; `met` undefined when there is nothing to compare. */
function row(figure, now, goal, met, detail = '') {
  rows.push({ figure, now, goal, met });
  log(`  ${figure}: ${now}${detail ? `  [${detail}]` : ''}`);
}

// 1. 150 department workbooks ÷ the floor, ÷ the peer.
log('150 department workbooks …');
{
  const [check, zlib] = await inTurn(
    [
      async () => ok(await cli(['check', dir150], { rss: true }), 'chitieu check 150'),
      async () => ok(await floor(['--zlib', dir150], { rss: true }), 'floor --zlib 150'),
    ],
    R.small,
  );
  const r = ratio(check, zlib);
  row(
    'whole `chitieu check` of 150 workbooks ÷ floor.mjs --zlib',
    range(r),
    '≤ 1.5×',
    r.median <= 1.5,
    `check ${sec(median(times(check)))}, floor ${sec(median(times(zlib)))}`,
  );
}
if (skip.has('peer')) row('the same ÷ peer.py (openpyxl)', 'skipped', '≤ 0.33×', undefined);
else {
  const probe = await run(PYTHON, ['-c', 'import openpyxl']).catch(() => ({ code: -1 }));
  if (probe.code !== 0)
    row(
      'the same ÷ peer.py (openpyxl)',
      `not measured: ${PYTHON} with python3-openpyxl is missing (apt-get install python3-openpyxl)`,
      '≤ 0.33×',
      undefined,
    );
  else {
    const [check, peer] = await inTurn(
      [
        async () => ok(await cli(['check', dir150]), 'chitieu check 150'),
        async () => ok(await run(PYTHON, [PEER, dir150]), 'peer.py 150'),
      ],
      QUICK ? 2 : 5,
    );
    const r = ratio(check, peer);
    row(
      'the same ÷ peer.py (openpyxl, /usr/bin/python3)',
      range(r),
      '≤ 0.33×',
      r.median <= 1 / 3,
      `check ${sec(median(times(check)))}, peer ${sec(median(times(peer)))}`,
    );
  }
}

// 1b. The 2,000-unit table ÷ the floor: the goal of department workbooks, a table of units being
// one more shape of what the office checks.
if (!units)
  row(
    'whole `chitieu check` of the 2,000-unit table ÷ floor.mjs --zlib',
    'skipped',
    '≤ 1.5×',
    undefined,
  );
else {
  log('the 2,000-unit table …');
  const [check, zlib] = await inTurn(
    [
      async () => ok(await cli(['check', units.path]), 'chitieu check unit table'),
      async () => ok(await floor(['--zlib', units.dir]), 'floor --zlib unit table'),
    ],
    R.small,
  );
  const r = ratio(check, zlib);
  row(
    'whole `chitieu check` of the 2,000-unit table ÷ floor.mjs --zlib',
    range(r),
    '≤ 1.5×',
    r.median <= 1.5,
    `check ${sec(median(times(check)))}, floor ${sec(median(times(zlib)))}`,
  );
}

// 2. Fixed cost: chitieu --help over node -e 0.
log('start-up …');
{
  const [help, empty] = await inTurn(
    [
      async () => ok(await cli(['--help']), '--help', [0]),
      async () => ok(await run(process.execPath, ['-e', '0']), 'node -e 0', [0]),
    ],
    R.help,
    2,
  );
  const over = help.map((r, i) => r.ms - empty[i].ms);
  const m = median(over);
  row(
    'fixed cost: `chitieu --help` over `node -e 0`',
    `${sec(m)} (${sec(Math.min(...over))}–${sec(Math.max(...over))})`,
    '≤ 0.10 s',
    m <= 100,
    `--help ${sec(median(times(help)))}, node -e 0 ${sec(median(times(empty)))}`,
  );
}

// 3. 600 workbooks: the cost of each workbook past the first 150 (the CLI's and the floor's), and
// peak RSS against the number of workbooks.
log('600 department workbooks …');
{
  const [check600, zlib600, check150, zlib150] = await inTurn(
    [
      async () => ok(await cli(['check', dir600], { rss: true }), 'chitieu check 600'),
      async () => ok(await floor(['--zlib', dir600], { rss: true }), 'floor --zlib 600'),
      async () => ok(await cli(['check', dir150], { rss: true }), 'chitieu check 150'),
      async () => ok(await floor(['--zlib', dir150], { rss: true }), 'floor --zlib 150'),
    ],
    R.large,
  );
  const per = (a, b) => median(a.map((r, i) => (r.ms - b[i].ms) / 450));
  const cost = per(check600, check150);
  const floorCost = per(zlib600, zlib150);
  row(
    'cost per workbook in a 600-workbook run ((600 − 150 workbooks) ÷ 450)',
    `${cost.toFixed(2)} ms (floor ${floorCost.toFixed(2)} ms)`,
    '≤ 1 ms',
    cost <= 1,
    `600: check ${sec(median(times(check600)))}, floor ${sec(median(times(zlib600)))}; whole ÷ floor ${range(ratio(check600, zlib600))}`,
  );
  const rss600 = median(check600.map((r) => r.rss));
  const rss150 = median(check150.map((r) => r.rss));
  const slope = (rss600 - rss150) / 450;
  // The floor holds nothing from one file to the next and its peak RSS still grows with the
  // number of files (the allocator's and V8's own growth): said beside the CLI's, for scale.
  const floorSlope = (median(zlib600.map((r) => r.rss)) - median(zlib150.map((r) => r.rss))) / 450;
  // What the runs still hold at their end (a run of its own each, the collector exposed): what
  // they keep. The rest of the peak's growth is the allocator's and the collector's (memory freed
  // but not given back, the old generation's committed size), not the run's.
  const [kept600, kept150] = [
    ok(await cli(['check', dir600], { live: true }), 'chitieu check 600 (live heap)').live,
    ok(await cli(['check', dir150], { live: true }), 'chitieu check 150 (live heap)').live,
  ];
  row(
    'peak RSS, 600 workbooks (slope per workbook from 150 to 600)',
    `${mb(rss600)}, ${(slope / 1024 / 1024).toFixed(3)} MB per workbook (150: ${mb(rss150)})`,
    '≤ 150 MB, flat',
    rss600 <= 150 * 1024 * 1024 && slope <= 0.01 * 1024 * 1024,
    `floor: ${mb(median(zlib600.map((r) => r.rss)))} at 600, ${(floorSlope / 1024 / 1024).toFixed(3)} MB per workbook; JS heap held at the end (after a full GC): ${(kept150 / 1024 / 1024).toFixed(1)} MB at 150, ${(kept600 / 1024 / 1024).toFixed(1)} MB at 600`,
  );
}

// 3b. The office's own run of a folder: 600 workbooks with --out (each copy and the three
// reports) beside the floor that unzips, deflates again and writes a copy of each (no goal of
// its own: said for what the annotating row leaves out, a folder rather than one large sheet).
if (!skip.has('out600')) {
  log('600 department workbooks with --out …');
  const [withOut, rezip] = await inTurn(
    [
      () =>
        inFreshDir(async (dir) =>
          ok(await cli(['check', dir600, '--out', dir], { rss: true }), 'check 600 --out'),
        ),
      () =>
        inFreshDir(async (dir) =>
          ok(await floor(['--rezip', dir, dir600], { rss: true }), 'floor --rezip 600'),
        ),
    ],
    R.large,
  );
  log(
    `  (no goal) 600 workbooks with --out: ${sec(median(times(withOut)))}, peak RSS ${mb(median(withOut.map((r) => r.rss)))}; floor --rezip of them ${sec(median(times(rezip)))}; ÷ floor ${range(ratio(withOut, rezip))}`,
  );
}

// 4. The 2,000 × 80 sheet: peak RSS with --format json; annotating ÷ unzip+rezip.
log('the 2,000 × 80 sheet …');
{
  const json = ok(
    await cli(['check', big.path, '--format', 'json'], { rss: true, stdout: true }),
    'check 2000×80 --format json',
  );
  row(
    'peak RSS, 2,000 × 80 sheet, `--format json`',
    mb(json.rss),
    '≤ 200 MB',
    json.rss <= 200 * 1024 * 1024,
    `${sec(json.ms)}, ${mb(json.bytes)} of JSON`,
  );
  // Annotating: what --out adds to a whole check (the annotated copy, report.html, report.json)
  // ÷ the whole floor process that unzips, deflates every entry again and writes the copy.
  const [withOut, without, rezip] = await inTurn(
    [
      () =>
        inFreshDir(async (dir) =>
          ok(await cli(['check', big.path, '--format', 'json', '--out', dir]), 'check --out'),
        ),
      async () => ok(await cli(['check', big.path, '--format', 'json']), 'check'),
      () => inFreshDir(async (dir) => ok(await floor(['--rezip', dir, big.dir]), 'floor --rezip')),
    ],
    R.large,
  );
  const each = withOut.map((r, i) => (r.ms - without[i].ms) / rezip[i].ms);
  const m = median(each);
  row(
    'annotating the 2,000 × 80 sheet ÷ unzip+rezip ((check --out − check) ÷ floor.mjs --rezip)',
    `${m.toFixed(2)}× (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`,
    '≤ 1.5×',
    m <= 1.5,
    `check --out ${sec(median(times(withOut)))}, check ${sec(median(times(without)))}, floor --rezip ${sec(median(times(rezip)))}`,
  );
}

// 5. The 20,000-row sheet with --format json: it works, and its peak RSS.
if (huge) {
  log('the 20,000-row sheet …');
  const r = await cli(['check', huge.path, '--format', 'json'], { rss: true, stdout: true });
  const works = (r.code === 0 || r.code === 1) && r.head.trimStart().startsWith('{');
  const why = works
    ? ''
    : ` — fails: exit ${r.code ?? r.signal}, ${r.stderr.trim().split('\n').pop()}`;
  row(
    '20,000-row sheet, `--format json`',
    `${works ? 'works' : 'FAILS'}, peak RSS ${mb(r.rss)}${why}`,
    'works, ≤ 300 MB',
    works && r.rss <= 300 * 1024 * 1024,
    `${sec(r.ms)}, ${mb(r.bytes)} of JSON`,
  );
} else row('20,000-row sheet, `--format json`', 'skipped', 'works, ≤ 300 MB', undefined);

// 6. The engine: evaluate 160,000 values (its own benchmark, a process of its own).
if (skip.has('engine')) row('engine: evaluate 160,000 values', 'skipped', '< 30 ms', undefined);
else {
  log('the engine …');
  const r = ok(
    await run(process.execPath, ['--expose-gc', join(CLI_ROOT, 'packages/engine/bench/run.mjs')], {
      stdout: 'keep',
      cwd: join(CLI_ROOT, 'packages/engine'),
    }),
    'engine bench',
  );
  const m = /evaluate \(parsed values\)\s+median\s+([\d.]+) ms/.exec(r.text);
  row(
    'engine: evaluate 160,000 values (packages/engine/bench, median)',
    m ? `${m[1]} ms` : 'not found in its output',
    '< 30 ms',
    m ? Number(m[1]) < 30 : undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// The table.

const cells = [
  ['figure', 'now', 'goal', 'met?'],
  ...rows.map((r) => [r.figure, r.now, r.goal, r.met === undefined ? '–' : r.met ? 'yes' : 'NO']),
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...cells.map((l) => l[c].length)));
console.log(`| ${cells[0].map((x, c) => x.padEnd(widths[c])).join(' | ')} |`);
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const l of cells.slice(1))
  console.log(`| ${l.map((x, c) => x.padEnd(widths[c])).join(' | ')} |`);
const met = rows.filter((r) => r.met).length;
console.log(
  `\n${met} of ${rows.filter((r) => r.met !== undefined).length} goals met; whole benchmark ${((performance.now() - startedAt) / 1000).toFixed(0)} s; load average at start ${loadAtStart}, now ${load()}.`,
);
