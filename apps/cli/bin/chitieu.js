#!/usr/bin/env node
import { textFor } from '../dist/i18n.js';
// The command line's entry: `main` with the process's streams. When the reader of stdout or
// stderr goes away (`chitieu … | head`), the rest of that stream's output is dropped quietly and
// the run ends as it would have (its --out set complete, its own exit code): no EPIPE trace.
// Another write failure of stdout (a full disk under `> file`) is said once, and the exit is 2.
import { main } from '../dist/main.js';

const argv = process.argv.slice(2);
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
  return {
    write(text) {
      if (closed || stream.destroyed) return true;
      return stream.write(text);
    },
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
