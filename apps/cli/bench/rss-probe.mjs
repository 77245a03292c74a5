// Preloaded into the CLI by bench/memory.mjs (node --import): at exit, writes the process's peak
// RSS (the kernel's high-water mark, getrusage maxRSS) to the file CHITIEU_BENCH_RSS names.
import { writeFileSync } from 'node:fs';

const file = process.env.CHITIEU_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
