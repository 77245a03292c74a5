// The CLI's start-up bundle: bin/chitieu.js runs dist/chitieu.mjs, one ES module holding the
// command line with the engine, the xlsx package and the npm dependencies, so a run reads and
// compiles one file instead of resolving some 150 modules (95 of them zod's). Made by rolldown
// from the tsc output (dist/*.js and the packages' dist) right after `tsc -p
// tsconfig.build.json`; the packages stay as they are for developers and tests. Rolldown shakes
// what the CLI never calls (zod's locales and JSON-schema code among them).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const file = join(root, 'dist/chitieu.mjs');
rmSync(file, { force: true });
rmSync(`${file}.map`, { force: true });

// string-width (cli-table3's and cli-progress's measure of text) is a pure function of its one
// string argument, and builds its ANSI and emoji regular expressions anew on every call: cli-table3
// measures each cell several times, so on a text report of 600 workbooks those calls were a
// third of the run. In the bundle it is memoised (same widths, each string measured once).
const MEMO = '\0chitieu-memo-string-width:';
const memoStringWidth = {
  name: 'chitieu-memo-string-width',
  resolveId(source, importer) {
    // Each importer's own string-width, memoised (the virtual module's id carries its path).
    if (source === 'string-width' && importer && !importer.startsWith(MEMO))
      return { id: MEMO + createRequire(importer).resolve('string-width') };
    return null;
  },
  load(id) {
    if (!id.startsWith(MEMO)) return null;
    return {
      code: `'use strict';
const stringWidth = require(${JSON.stringify(id.slice(MEMO.length))});
const widths = new Map();
function memoStringWidth(string) {
  if (typeof string !== 'string' || arguments.length !== 1) return stringWidth.apply(this, arguments);
  let width = widths.get(string);
  if (width === undefined) {
    width = stringWidth(string);
    if (widths.size >= 100000) widths.clear();
    widths.set(string, width);
  }
  return width;
}
module.exports = memoStringWidth;
module.exports.default = memoStringWidth;
`,
      moduleType: 'js',
    };
  },
};

const bundle = await rolldown({
  input: join(root, 'scripts/bundle-entry.mjs'),
  platform: 'node',
  cwd: root,
  logLevel: 'warn',
  plugins: [memoStringWidth],
  onLog(level, log, handler) {
    // Circular imports among the packages' modules are the packages' business, not the bundle's.
    if (log.code === 'CIRCULAR_DEPENDENCY') return;
    handler(level, log);
  },
});
await bundle.write({ file, format: 'esm', sourcemap: true, codeSplitting: false });
await bundle.close();
