// Preloaded into the CLI by bench/memory.mjs and scripts/bench.mjs (node --import): at exit,
// writes the process's peak RSS (peak-rss.mjs: its own VmHWM on Linux) to the file
// CHITIEU_BENCH_RSS names.
import { writeFileSync } from 'node:fs';
import { peakRss } from './peak-rss.mjs';

const file = process.env.CHITIEU_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(peakRss()));
  });
}
