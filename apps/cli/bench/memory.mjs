// pnpm bench (apps/cli), part 2: the peak memory of whole `chitieu check` runs, as a user starts
// them: the built CLI (bin/chitieu.js) in a child process, its peak RSS taken from the kernel
// (VmHWM on Linux, getrusage maxRSS elsewhere: written at exit by bench/rss-probe.mjs, preloaded
// with node --import).
// Prints figures; asserts nothing. Run after `pnpm build`.
//
//   A. One consolidated sheet of 20,000 rows × 80 result columns (20 units × Quý I–IV, see
//      bench/consolidated.mjs), `--format json` to a file: the JSON document is written as a
//      stream (before, the whole document was one string: "Invalid string length").
//   B. The same workbook with `--out`: the annotated copy, report.html and report.json too.
//   C. 300 department workbooks (the good example workbooks cycled) with `--out` and
//      `--format json`: memory must stay flat over the files (each file's bytes and engine
//      state are dropped once its copy is written).
//   D. 12 consolidated 2,000-row workbooks with `--out`: the files are larger, so keeping every
//      input's bytes until the end would show here.
//
// By default A, C and D run (B alone takes more than a minute and 3 GB: the annotated copy of a
// 1.46-million-value sheet); CHITIEU_BENCH_MEMORY=A,B,C,D chooses.

import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSheet, getBuiltinTargetSet } from '@chitieu/engine';
import { DEFAULT_LIMITS, openWorkbook } from '@chitieu/xlsx';
import { consolidatedAnnex, zipEntries } from './consolidated.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '../bin/chitieu.js');
const PROBE = join(HERE, 'rss-probe.mjs');
const EXAMPLES = join(HERE, '../../../examples/nop-quy-2-2025');
const only = (process.env.CHITIEU_BENCH_MEMORY ?? 'A,C,D')
  .split(',')
  .map((s) => s.trim().toUpperCase());
const wanted = (id) => only.includes(id);

const xlsxDir = dirname(dirname(fileURLToPath(import.meta.resolve('@chitieu/xlsx'))));
const { openPackage } = await import(pathToFileURL(join(xlsxDir, 'dist/zip.js')).href);
const { createRequire } = await import('node:module');
const fflateDir = dirname(
  createRequire(join(xlsxDir, 'package.json')).resolve('fflate/package.json'),
);
const { zipSync } = await import(pathToFileURL(join(fflateDir, 'esm/index.mjs')).href);

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const dir = mkdtempSync(join(tmpdir(), 'chitieu-bench-memory-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; resolves with its exit code, peak RSS, time, stdout size and stderr's last line. */
function runCli(args) {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const stdoutFile = join(dir, 'stdout.txt');
  const fd = openSync(stdoutFile, 'w');
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(PROBE).href, BIN, ...args], {
      cwd: dir,
      env: { ...process.env, CHITIEU_BENCH_RSS: rssFile },
      stdio: ['ignore', fd, 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('close', (code) => {
      let rss = 0;
      try {
        rss = Number(readFileSync(rssFile, 'utf8'));
      } catch {}
      const lines = stderr.trim().split('\n');
      resolve({
        code,
        rss,
        seconds: (performance.now() - started) / 1000,
        stdout: statSync(stdoutFile).size,
        stderr: lines[lines.length - 1] ?? '',
      });
    });
  });
}

function report(label, r) {
  const ok = r.code === 0 || r.code === 1;
  console.log(
    `  ${label.padEnd(58)} exit ${r.code}  peak RSS ${mb(r.rss).padStart(7)}  ${r.seconds.toFixed(1).padStart(6)} s  stdout ${mb(r.stdout)}${ok ? '' : `\n    stderr: ${r.stderr.slice(0, 300)}`}`,
  );
}

function consolidatedWorkbook(rows, theme) {
  const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
    rows,
    groups: 20,
    theme,
  });
  const parts = zipEntries(made.files);
  return { bytes: zipSync(parts, { level: 6 }), made };
}

const good = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .filter((file) => {
    const opened = openWorkbook(new Uint8Array(readFileSync(join(EXAMPLES, file))));
    if (!opened.success) return false;
    return opened.data.sheets.some((s) => {
      const read = opened.data.readSheet(s);
      return read.success && checkSheet(read.data.grid, { locale: 'vi' }).status === 'checked';
    });
  });
const theme = openPackage(
  new Uint8Array(readFileSync(join(EXAMPLES, good[0]))),
  DEFAULT_LIMITS,
).bytes('xl/theme/theme1.xml');

console.log(
  `chitieu check — peak memory of whole runs (built CLI in a child process, kernel high-water mark), Node ${process.version}`,
);

if (wanted('A') || wanted('B')) {
  const { bytes, made } = consolidatedWorkbook(20_000, theme);
  writeFileSync(join(dir, 'tong-hop-20000.xlsx'), bytes);
  console.log(
    `  (20,000-row sheet: ${made.rows.toLocaleString('en')} rows × ${made.columns} columns, ${made.resultCells.toLocaleString('en')} achieved values, ${mb(bytes.length)} zipped)`,
  );
  if (wanted('A'))
    report(
      'A. 20,000 rows, --format json',
      await runCli(['check', 'tong-hop-20000.xlsx', '--format', 'json']),
    );
  if (wanted('B'))
    report(
      'B. 20,000 rows, --format json --out',
      await runCli(['check', 'tong-hop-20000.xlsx', '--format', 'json', '--out', 'out-b']),
    );
}

if (wanted('C')) {
  const folder = join(dir, 'nop-300');
  for (let i = 0; i < 300; i++) {
    const sub = join(folder, `don-vi-${String(i + 1).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    const file = good[i % good.length];
    writeFileSync(join(sub, file), readFileSync(join(EXAMPLES, file)));
  }
  report(
    'C. 300 department workbooks, --format json --out',
    await runCli(['check', 'nop-300', '--format', 'json', '--out', 'out-c']),
  );
}

if (wanted('D')) {
  const { bytes } = consolidatedWorkbook(2_000, theme);
  const folder = join(dir, 'nop-12');
  mkdirSync(folder);
  for (let i = 0; i < 12; i++) writeFileSync(join(folder, `tong-hop-${i + 1}.xlsx`), bytes);
  console.log(`  (12 consolidated 2,000-row workbooks of ${mb(bytes.length)} each)`);
  report(
    'D. 12 × 2,000 rows, --out',
    await runCli(['check', 'nop-12', '--out', 'out-d', '--format', 'json']),
  );
}
