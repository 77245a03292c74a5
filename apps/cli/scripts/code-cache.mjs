// The V8 code cache of the bundle (bin/load-bundle.js), for one mode: `plain`, a run as it
// starts, or `check`, the worker threads of a check: made in a worker thread started after the
// check's flags are set (setCheckFlags), as those workers are, since V8 takes a cache only in
// the conditions it was made in. The bundle is compiled without a cache and made to run what a
// run runs (--help, checks of the bundled example folder in every format and with annotated
// copies); the cache made after that holds the code of every function those ran.
//   node scripts/code-cache.mjs plain|check
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { cacheFile, loadBundle, setCheckFlags } from '../bin/load-bundle.js';

const here = fileURLToPath(import.meta.url);
const examples = join(dirname(here), '../../../examples/nop-quy-2-2025');

/** The bundle compiled without a cache, run through a check's paths; its cache's bytes. */
async function made(mode) {
  const loaded = loadBundle(mode, { keep: true, cache: false });
  if (!loaded) throw new Error('code-cache: dist/chitieu.cjs is missing');
  const quiet = { write: () => true, once() {}, isTTY: false, columns: 100 };
  const io = { stdout: quiet, stderr: quiet, env: { CHITIEU_WORKERS: '0' }, cwd: process.cwd() };
  const out = mkdtempSync(join(tmpdir(), 'chitieu-code-cache-'));
  try {
    await loaded.exports.main(['--help'], io);
    for (const format of ['text', 'json', 'csv', 'html'])
      await loaded.exports.main(['check', examples, '--format', format], io);
    await loaded.exports.main(['check', examples, '--out', join(out, 'ket-qua')], io);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return loaded.script.createCachedData();
}

if (!isMainThread) {
  parentPort.postMessage(await made(workerData.mode));
} else {
  const mode = process.argv[2];
  if (mode !== 'plain' && mode !== 'check')
    throw new Error(`code-cache: mode plain or check, not ${mode}`);
  let bytes;
  if (mode === 'plain') bytes = await made(mode);
  else {
    setCheckFlags(v8);
    bytes = await new Promise((done, fail) => {
      const worker = new Worker(new URL(pathToFileURL(here)), { workerData: { mode } });
      worker.once('message', done);
      worker.once('error', fail);
    });
  }
  writeFileSync(cacheFile(mode), bytes);
}
