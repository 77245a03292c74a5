// Benchmark: reading workbooks with @chitieu/xlsx against the "floor" of only unzipping them and
// tokenizing their XML with the same code (the package's zip reader and inflater, and its XML
// tokenizer), building nothing; a second floor uses fflate's own unzipSync instead.
// Run `pnpm build` first (this script imports ./dist). Usage: node bench/read.mjs
import { unzipSync } from 'fflate';
import { DEFAULT_LIMITS, readWorkbook } from '../dist/index.js';
import { EOF, XmlReader } from '../dist/xml.js';
import { decodeText, openPackage } from '../dist/zip.js';
import { benchWorkbooks } from './workbooks.mjs';

const decoder = new TextDecoder();

function tokenize(text, name) {
  const r = new XmlReader(text, name);
  let tokens = 0;
  while (r.next() !== EOF) tokens++;
  return tokens;
}

/**
 * The floor: inflate every entry, decode the XML ones and run the tokenizer over them, without
 * building anything. With the package's own zip reader and inflater (Node's zlib when available).
 */
function floor(data) {
  const pkg = openPackage(data, DEFAULT_LIMITS);
  let tokens = 0;
  for (const { name } of pkg.entries) {
    const bytes = pkg.bytes(name);
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      tokens += tokenize(decodeText(bytes), name);
  }
  return tokens;
}

/** The same floor with fflate's own `unzipSync` (pure JavaScript inflate) instead. */
function floorFflate(data) {
  let tokens = 0;
  for (const [name, bytes] of Object.entries(unzipSync(data))) {
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      tokens += tokenize(decoder.decode(bytes), name);
  }
  return tokens;
}

function read(data) {
  const result = readWorkbook(data);
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data.sheets[0].grid.rows.length;
}

let peakRss = 0;
function sample() {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
}

function time(label, files, fn, rounds) {
  for (const f of files) fn(f); // warm up
  const totals = [];
  peakRss = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (const f of files) {
      fn(f);
      sample();
    }
    totals.push(performance.now() - start);
  }
  totals.sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)];
  return { label, total: median, best: totals[0], perFile: median / files.length, peakRss };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const { annexes, big } = benchWorkbooks();
const size = (files) => files.reduce((n, f) => n + f.length, 0);

console.log(
  `Node ${process.version}; 150 annex workbooks (30 × 12, ${(size(annexes) / 1024).toFixed(0)} KB in all) and one 2,000 × 80 sheet (${(size(big) / 1024).toFixed(0)} KB).`,
);
console.log(
  'Times are medians (and bests) of 15 rounds after a warm-up; peak RSS is sampled after each file.\n',
);
const results = [
  time('150 annexes: floor (unzip + tokenize)', annexes, floor, 15),
  time('150 annexes: floor, fflate unzipSync', annexes, floorFflate, 15),
  time('150 annexes: readWorkbook', annexes, read, 15),
  time('2000×80 sheet: floor (unzip + tokenize)', big, floor, 15),
  time('2000×80 sheet: floor, fflate unzipSync', big, floorFflate, 15),
  time('2000×80 sheet: readWorkbook', big, read, 15),
];
const pad = (s, n) => String(s).padEnd(n);
console.log(
  `${pad('case', 44)}${pad('total ms', 11)}${pad('(best)', 9)}${pad('ms / workbook', 15)}peak RSS`,
);
for (const r of results) {
  console.log(
    `${pad(r.label, 44)}${pad(r.total.toFixed(1), 11)}${pad(r.best.toFixed(1), 9)}${pad(r.perFile.toFixed(3), 15)}${mb(r.peakRss)}`,
  );
}
const ratio = (a, b) => (results[b].total / results[a].total).toFixed(2);
console.log(
  `\nreadWorkbook / floor (medians): annexes ${ratio(0, 2)}×, large sheet ${ratio(3, 5)}×`,
);
