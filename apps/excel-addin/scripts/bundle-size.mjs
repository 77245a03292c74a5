// The task pane's JavaScript budget: every script dist/index.html loads (its module scripts,
// their modulepreloads and everything they import statically), gzip-compressed as a server
// sends it, must stay within 250 KB. Office.js comes from Microsoft's CDN and is not counted.
// Run after `vite build`: node scripts/bundle-size.mjs [distDir]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'));
const page = join(dist, 'index.html');

if (!existsSync(page)) {
  console.error(`bundle-size: ${relative(process.cwd(), page)} not found; run vite build first.`);
  process.exit(1);
}

const html = readFileSync(page, 'utf8');
const local = (url) => !/^(?:[a-z]+:)?\/\//i.test(url);
const entries = [
  ...[...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]),
].filter(local);

if (entries.length === 0) {
  console.error('bundle-size: dist/index.html loads no module script.');
  process.exit(1);
}

/** Static imports of a built chunk: `import … from "./x.js"`, `import "./x.js"`, `export … from`. */
const staticImports = (code) =>
  [
    ...code.matchAll(
      /(?:\bimport|\bexport)\s*(?:[\w*${},\s]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g,
    ),
  ].map((m) => m[1]);
/** Chunks loaded later, on demand: reported, not counted. */
const dynamicImports = (code) =>
  [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]);

const seen = new Map();
const lazy = new Set();
const queue = entries.map((url) => resolve(dist, url.replace(/^\//, '')));
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  if (!existsSync(file)) {
    console.error(`bundle-size: ${relative(dist, file)} is referenced but missing.`);
    process.exit(1);
  }
  const code = readFileSync(file);
  seen.set(file, { raw: code.length, gzip: gzipSync(code).length });
  const text = code.toString('utf8');
  for (const spec of staticImports(text)) queue.push(resolve(dirname(file), spec));
  for (const spec of dynamicImports(text)) lazy.add(resolve(dirname(file), spec));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = 0;
let totalRaw = 0;
for (const [file, size] of seen) {
  total += size.gzip;
  totalRaw += size.raw;
  console.log(
    `  ${relative(dist, file).padEnd(40)} ${kb(size.raw).padStart(10)}  gzip ${kb(size.gzip).padStart(9)}`,
  );
}
for (const file of lazy) if (!seen.has(file)) console.log(`  (on demand) ${relative(dist, file)}`);
console.log(
  `Task pane JavaScript: ${kb(totalRaw)}, gzip ${kb(total)} (budget ${kb(BUDGET)}, ${seen.size} files)`,
);
if (total > BUDGET) {
  console.error(`bundle-size: over budget by ${kb(total - BUDGET)}.`);
  process.exit(1);
}
