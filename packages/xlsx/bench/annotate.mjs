// Benchmark: annotating the consolidated 2,000 × 80 sheet (apps/cli/bench/consolidated.mjs) in
// one process, against the floor of unzipping it and zipping every entry again (fflate zipSync
// level 6, as ../shared/bench/floor.mjs --rezip does). The whole-process figure is the root
// bench's (scripts/bench.mjs); this one shows where annotating's own time goes: the engine's
// report content, contentSheet, and the whole annotateWorkbook.
// Run `pnpm build` first (this script imports ./dist).
//   node bench/annotate.mjs [--rows N] [--rounds N] [--save PATH]
// --save writes the input workbook and its annotated copy (PATH, PATH.annotated.xlsx).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSheet, getBuiltinTargetSet, reportSheet } from '@chitieu/engine';
import { unzipSync, zipSync } from 'fflate';
import { contentSheet, contentSheetParts } from '../dist/annotate/content.js';
import { ZipWriter } from '../dist/annotate/zip-writer.js';
import { annotateWorkbook, DEFAULT_LIMITS, openWorkbook } from '../dist/index.js';
import { openPackage } from '../dist/zip.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROWS = Number(opt('--rows', 2000));
const ROUNDS = Number(opt('--rounds', 5));
const SAVE = opt('--save', undefined);

const { consolidatedAnnex, zipEntries } = await import(
  pathToFileURL(join(ROOT, 'apps/cli/bench/consolidated.mjs')).href
);
const example = new Uint8Array(readFileSync(join(ROOT, 'examples/nop-quy-2-2025/so-tu-phap.xlsx')));
const theme = openPackage(example, DEFAULT_LIMITS).bytes('xl/theme/theme1.xml');
const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
  rows: ROWS,
  groups: 20,
  theme,
});
const data = zipSync(zipEntries(made.files), { level: 6 });

// Read as the command line reads a workbook it annotates (--out): its sheets' texts kept, and
// the copy then made from this reader (annotateWorkbook's `reader`).
const opened = openWorkbook(data, { keepSheetTexts: true });
if (!opened.success) throw new Error('cannot open the bench workbook');
const checks = [];
for (const info of opened.data.sheets) {
  const read = opened.data.readSheet(info);
  if (read.success) checks.push({ sheet: info.name, result: checkSheet(read.data.grid) });
}

const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Median wall time and CPU time (user + system: less swayed by other processes) of `f`. */
function time(what, f) {
  f(); // warm-up
  const ms = [];
  const cpu = [];
  let out;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    out = f();
    const used = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `${what.padEnd(34)} ${median(ms).toFixed(0).padStart(6)} ms  (CPU ${median(cpu).toFixed(0)} ms)`,
  );
  return { ms: median(ms), cpu: median(cpu), out };
}

console.log(
  `annotate bench: ${made.rows} × ${made.valueColumns} sheet, ${(data.length / 1024).toFixed(0)} KB zipped; median of ${ROUNDS}`,
);
const stylesXml = new TextDecoder().decode(unzipSync(data)['xl/styles.xml']);
const report = time('reportSheet (engine)', () => reportSheet(checks, { locale: 'vi' })).out;
time('contentSheet', () => contentSheet(stylesXml, report));
const parts = time('contentSheetParts (styles only)', () =>
  contentSheetParts(stylesXml, report, { printable: true, fitRows: true }),
).out;
time('  its chunks, walked', () => {
  let n = 0;
  for (const chunk of parts.chunks()) n += chunk.length;
  return n;
});
time('  its chunks, deflated (zip entry)', () => {
  const zip = new ZipWriter();
  zip.addChunks('sheet.xml', parts.chunks());
  return zip.finish();
});
const annotated = time('annotateWorkbook', () => {
  const r = annotateWorkbook(data, checks, { locale: 'vi' });
  if (!r.success) throw new Error(JSON.stringify(r.error));
  return r.data.bytes;
});
time("annotateWorkbook, check's reader", () => {
  const r = annotateWorkbook(data, checks, { locale: 'vi', reader: opened.data });
  if (!r.success) throw new Error(JSON.stringify(r.error));
  return r.data.bytes;
});
const floor = time('floor: unzipSync + zipSync level 6', () =>
  zipSync(unzipSync(data), { level: 6 }),
);
console.log(
  `annotateWorkbook ÷ floor: ${(annotated.ms / floor.ms).toFixed(2)}× (CPU ${(annotated.cpu / floor.cpu).toFixed(2)}×); copy ${(annotated.out.length / 1024).toFixed(0)} KB (report sheet ${(
    unzipSync(annotated.out)[`xl/worksheets/sheet${opened.data.sheets.length + 1}.xml`]?.length /
      1024 /
      1024
  ).toFixed(1)} MB of XML)`,
);
if (SAVE) {
  writeFileSync(SAVE, data);
  writeFileSync(`${SAVE}.annotated.xlsx`, annotated.out);
}
