#!/usr/bin/env node
// The command line's entry: `main` with the process's streams. When the reader of stdout or
// stderr goes away (`chitieu … | head`), the rest of that stream's output is dropped quietly and
// the run ends as it would have (its --out set complete, its own exit code): no EPIPE trace.
// Another write failure of stdout (a full disk under `> file`) is said once, and the exit is 2.
//
// It runs the start-up bundle, dist/chitieu.cjs (one script: the CLI with the engine, the xlsx
// package and the npm dependencies; `pnpm build` makes it after tsc, scripts/bundle.mjs, with a
// V8 code cache: load-bundle.js), which starts in a fraction of the time of the 150 modules it
// is made of. CHITIEU_NO_BUNDLE=1 runs the tsc output (dist/main.js) instead, as developers and
// the tests' in-process seams do.
import { loadBundle, setCheckFlags } from './load-bundle.js';

const { main, textFor } = await (async () => {
  if (process.env.CHITIEU_NO_BUNDLE === '1') {
    const [{ main }, { textFor }] = await Promise.all([
      import('../dist/main.js'),
      import('../dist/i18n.js'),
    ]);
    return { main, textFor };
  }
  const bundle = loadBundle();
  if (bundle === undefined) {
    process.stderr.write(
      'chitieu: dist/chitieu.cjs is missing: run `pnpm build` (or set CHITIEU_NO_BUNDLE=1 to run dist/main.js)\n',
    );
    process.exit(2);
  }
  return bundle;
})();

const argv = process.argv.slice(2);

// A check is short and sees each workbook once: most of its code runs a few hundred times, not
// millions. V8's default tiering optimises such code early, and often throws the optimised code
// away when the next template's sheet gives it other shapes: the optimising compiler was a third
// of the CPU time of a 150-workbook check. Eight times the default interrupt budget keeps warm
// code in the baseline tiers and still optimises the loops of a large sheet (150 workbooks: about
// a third less CPU; 600: a seventh less; a 2,000 × 80 sheet: the same). The young generation
// keeps its first size (a growth factor of 1): V8 grows it up to 16 MB a half as garbage comes,
// which made the peak RSS of a run grow with the number of workbooks (600 workbooks: 99 → 86 MB,
// flat from 150 on; the CPU the same, a 2,000 × 80 sheet's 3% more). The old generation grows by
// half of what survives a full collection, not by up to four times as V8 lets it when collection
// is fast: a large sheet's garbage is otherwise let pile up to four times what it keeps (a
// 20,000-row sheet: 460 → 290 MB, a 2,000 × 80 one: 144 → 110 MB; the CPU 2–4% more, 600
// workbooks the same). Not when annotating (--out): its mark plans and copies keep much more
// alive, and collecting it so often costs a 2,000 × 80 sheet 15% more time. Set once the bundle
// is loaded, and only for a check: set first, they cost every run (--help too) about 10 ms of CPU
// (Node's built-in modules loaded after them compile without their cached code), and the
// bundle's own code cache is made for the flags of a start. setCheckFlags: load-bundle.js.
if (argv.includes('check'))
  setCheckFlags(await import('node:v8'), {
    annotating: argv.some((a) => a === '--out' || a.startsWith('--out=')),
  });
const lang = (() => {
  const at = argv.indexOf('--lang');
  const given = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  return (given ?? process.env.CHITIEU_LANG) === 'en' ? 'en' : 'vi';
})();

/** The stream behind an Io stream that stops writing, without a word, once its reader is gone. */
function guarded(stream, failures) {
  let closed = false;
  stream.on('error', (error) => {
    closed = true;
    if (error?.code !== 'EPIPE') failures.push(error);
  });
  // text and bytes alike: the stream takes both
  const write = (data) => (closed || stream.destroyed ? true : stream.write(data));
  return {
    write,
    writeBytes: write,
    once(event, listener) {
      stream.once(event, listener);
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

const failures = [];
const stdout = guarded(process.stdout, failures);
const stderr = guarded(process.stderr, []);
const code = await main(argv, { stdout, stderr, env: process.env, cwd: process.cwd() });
// Errors of stdout are told after the writes that caused them have settled.
await new Promise((done) => setImmediate(done));
if (failures.length > 0) {
  const reason = textFor(lang).run.errno(failures[0].code ?? String(failures[0]));
  stderr.write(`chitieu: ${textFor(lang).run.stdoutFailed(reason)}\n`);
  process.exitCode = 2;
} else {
  process.exitCode = code;
}
