// The CLI's start-up bundle: bin/chitieu.js runs dist/chitieu.cjs, one script holding the
// command line with the engine, the xlsx package and the npm dependencies, so a run reads and
// compiles one file instead of resolving some 150 modules (95 of them zod's); a CommonJS script,
// so that bin/load-bundle.js can compile it with the V8 code cache scripts/code-cache.mjs makes
// right after it (V8 takes cached code for scripts, not for ES modules). Made by rolldown
// from the tsc output (dist/*.js and the packages' dist) right after `tsc -p
// tsconfig.build.json`; the packages stay as they are for developers and tests. Rolldown shakes
// what the CLI never calls (zod's locales and JSON-schema code among them).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const file = join(root, 'dist/chitieu.cjs');
// This build's files, and the ES module bundle of earlier builds.
for (const name of ['chitieu.cjs', 'chitieu.plain.cache', 'chitieu.check.cache', 'chitieu.mjs'])
  for (const f of [name, `${name}.map`]) rmSync(join(root, 'dist', f), { force: true });

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

// cli-table3 measures, wraps and truncates every cell's text through its utils module several
// times per table (a cell's width, its wrapped lines, its lines cut to the column, and a debug
// label of each line cut to ten columns, made whether or not debugging is on): those were half
// of the text report's table time. strlen, truncate and wordWrap are pure functions of their
// arguments, so in the bundle cli-table3's own modules get its utils with those three memoised
// (the same results, each text measured once; wordWrap hands out a copy of its lines).
const TABLE_UTILS = '\0chitieu-memo-cli-table3-utils:';
const memoTableUtils = {
  name: 'chitieu-memo-cli-table3-utils',
  resolveId(source, importer) {
    if (!importer || importer.startsWith(TABLE_UTILS)) return null;
    // The text report's table (report/table.ts) draws with the same utils.
    if (source === 'cli-table3/src/utils.js')
      return { id: TABLE_UTILS + createRequire(importer).resolve(source) };
    if (source !== './utils') return null;
    if (!/[\\/]cli-table3[\\/]src[\\/][^\\/]+\.js$/.test(importer)) return null;
    return { id: TABLE_UTILS + createRequire(importer).resolve('./utils') };
  },
  load(id) {
    if (!id.startsWith(TABLE_UTILS)) return null;
    return {
      code: `'use strict';
const utils = require(${JSON.stringify(id.slice(TABLE_UTILS.length))});
/** fn memoised by its arguments other than the text (argument textAt), then by the text. */
function memo(fn, textAt, count, copy) {
  const byRest = new Map();
  let size = 0;
  return function (...args) {
    const text = args[textAt];
    if (typeof text !== 'string' || args.length > count) return fn.apply(this, args);
    let rest = '';
    for (let i = 0; i < count; i++)
      if (i !== textAt) rest += \`\${typeof args[i]}:\${String(args[i]).length}:\${args[i]}|\`;
    let texts = byRest.get(rest);
    if (texts === undefined) byRest.set(rest, (texts = new Map()));
    let value = texts.get(text);
    if (value === undefined) {
      value = fn.apply(this, args);
      if (++size > 100000) {
        byRest.clear();
        size = 1;
        byRest.set(rest, (texts = new Map()));
      }
      texts.set(text, value);
    }
    return copy ? value.slice() : value;
  };
}
module.exports = {
  ...utils,
  strlen: memo(utils.strlen, 0, 1, false),
  truncate: memo(utils.truncate, 0, 3, false),
  wordWrap: memo(utils.wordWrap, 1, 3, true),
};
`,
      moduleType: 'js',
    };
  },
};

// Node's built-in modules that a start needs not load. fflate's Node build loads
// node:worker_threads as it loads, for its asynchronous functions (run on worker threads); the
// command line calls only its synchronous ones, the same code in its browser build, which loads
// nothing. commander loads node:child_process for subcommands that are programs of their own
// (this one has none), cli-progress node:readline to move the cursor on a terminal: for those
// two, the module they get loads the built-in on first use. (The CLI's own code asks for
// node:crypto and node:worker_threads when it needs them: src/builtins.ts.) Together ~6 ms of
// every start, `--help` included.
const LAZY = '\0chitieu-lazy-builtin:';
const LAZY_BUILTINS = new Map([
  ['child_process', 'node:child_process'],
  ['node:child_process', 'node:child_process'],
  ['readline', 'node:readline'],
  ['node:readline', 'node:readline'],
]);
const lazyBuiltins = {
  name: 'chitieu-lazy-builtins',
  resolveId(source, importer) {
    if (!importer || importer.startsWith(LAZY)) return null;
    if (source === 'fflate')
      return join(
        dirname(createRequire(importer).resolve('fflate/package.json')),
        'esm/browser.js',
      );
    const builtin = LAZY_BUILTINS.get(source);
    if (builtin === undefined || !/[\\/]node_modules[\\/]/.test(importer)) return null;
    return { id: LAZY + builtin };
  },
  load(id) {
    if (!id.startsWith(LAZY)) return null;
    return {
      code: `'use strict';
let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(id.slice(LAZY.length))}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
});
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
  plugins: [memoStringWidth, memoTableUtils, lazyBuiltins],
  onLog(level, log, handler) {
    // Circular imports among the packages' modules are the packages' business, not the bundle's.
    if (log.code === 'CIRCULAR_DEPENDENCY') return;
    handler(level, log);
  },
});
// ASCII only (non-ASCII characters of strings, templates and regular expressions escaped, and
// the doc comments left to the sources the source map points to; licence comments kept): the
// loader reads it as Latin-1, one byte a character, where UTF-8 decoding was ~4 ms of every start,
// and V8 holds it as a one-byte string, half the memory. 1.29 → 1.10 MB.
await bundle.write({
  file,
  format: 'cjs',
  sourcemap: true,
  codeSplitting: false,
  charset: 'ascii',
  comments: { legal: true, annotation: true, jsdoc: false },
});
await bundle.close();
{
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b >= 0x80);
  if (at >= 0) {
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    throw new Error(
      `bundle: dist/chitieu.cjs is not ASCII-only (line ${line}); bin/load-bundle.js reads it as Latin-1`,
    );
  }
}

// The code caches, each made in a process of its own with the flags it is for.
for (const mode of ['plain', 'check'])
  execFileSync(process.execPath, [join(root, 'scripts/code-cache.mjs'), mode], {
    stdio: 'inherit',
  });
