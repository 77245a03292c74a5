// pnpm example: the reviewer's flow on the bundled submissions — check every workbook in
// examples/nop-quy-2-2025, print the findings, and write annotated copies plus report.html and
// report.json to out/vi-du. Findings below minimum are the point of the example, so exit code 1
// ("checked, findings exist") counts as success here; 2 (nothing could be checked) does not.
import { main } from '../apps/cli/dist/main.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const code = await main(['check', 'examples/nop-quy-2-2025', '--out', 'out/vi-du', ...args]);
if (code <= 1) {
  console.log(
    args.includes('en')
      ? '\nOpen out/vi-du/report.html in a browser for the consolidated report.'
      : '\nMở out/vi-du/report.html bằng trình duyệt để xem báo cáo tổng hợp.',
  );
}
process.exitCode = code <= 1 ? 0 : code;
