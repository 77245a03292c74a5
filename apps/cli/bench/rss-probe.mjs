// Preloaded into the CLI by bench/memory.mjs and scripts/bench.mjs (node --import): at exit,
// writes the process's peak RSS (peak-rss.mjs: its own VmHWM on Linux) to the file
// CHITIEU_BENCH_RSS names. Run with --expose-gc, it also writes, after a space, what the JS
// heap still holds once a full collection has run at exit (what the run keeps, without the
// garbage V8 had not collected yet).
import { writeFileSync } from 'node:fs';
import { peakRss } from './peak-rss.mjs';

const file = process.env.CHITIEU_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    const peak = peakRss();
    let live = '';
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      live = ` ${process.memoryUsage().heapUsed}`;
    }
    writeFileSync(file, `${peak}${live}`);
  });
}
