// pnpm bench: evaluation speed on 160,000 achieved values (2,000 rows × 80 values).
// Prints figures; it asserts nothing. Run after `pnpm build` (turbo does that first).
import { performance } from 'node:perf_hooks';
import {
  evaluate,
  getBuiltinTargetSet,
  parseIndicatorValue,
  targetSetSchema,
} from '../dist/index.js';

const ROWS = 2000;
const VALUES_PER_ROW = 80; // 20 years × 4 quarters of history, or 80 result columns
const QUARTERS = 4;

// A target set with 2,000 indicators, each like the real ones (percent, quarterly roadmap).
const base = getBuiltinTargetSet('binh-phuoc-2025');
const template = base.indicators[1]; // thanh-toan-truc-tuyen: a "so" and a "huyen" row
const big = targetSetSchema().parse({
  ...base,
  id: 'bench',
  indicators: Array.from({ length: ROWS }, (_, i) => ({
    ...template,
    id: `chi-tieu-${i}`,
    stt: String(i + 1),
  })),
});

// 80 values per row: 20 values in each of the 4 quarters, as raw cells of every kind.
function cellFor(i) {
  switch (i % 8) {
    case 0:
      return { value: 0.6 + (i % 37) / 100, numberFormat: '0.0%' };
    case 1:
      return { value: 55 + (i % 40) };
    case 2:
      return { value: `${60 + (i % 30)},${i % 10}%` };
    case 3:
      return { value: `${70 + (i % 25)},5` };
    case 4:
      return { value: null };
    case 5:
      return { value: '#DIV/0!', type: 'error' };
    case 6:
      return { value: 'N/A' };
    default:
      return { value: 0.81, numberFormat: '0%' };
  }
}
const cells = [];
for (let r = 0; r < ROWS; r++) {
  const indicator = big.indicators[r];
  for (let k = 0; k < VALUES_PER_ROW; k++) {
    cells.push({ indicator, quarter: (k % QUARTERS) + 1, cell: cellFor(r * VALUES_PER_ROW + k) });
  }
}
const parsed = cells.map((c, i) => ({
  indicatorId: c.indicator.id,
  quarter: c.quarter,
  value: parseIndicatorValue(c.cell, c.indicator),
  ref: i,
}));
const total = parsed.length;

function time(label, fn, runs = 15, perValue = total) {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const samples = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.(); // each sample starts without the previous sample's garbage (outside the timing)
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const min = samples[0];
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   min ${min.toFixed(1).padStart(7)} ms   ` +
      `${((median * 1e6) / perValue).toFixed(0).padStart(5)} ns/value`,
  );
  return median;
}

console.log(
  `@chitieu/engine — ${total.toLocaleString('en')} achieved values (${ROWS} rows × ${VALUES_PER_ROW}), Node ${process.version}\n`,
);
let findings = 0;
const evalMs = time('evaluate (parsed values)', () => {
  findings = evaluate({ targetSet: big, unit: { level: 'so' }, quarter: 4, values: parsed }).length;
});
time('parse cells', () => {
  for (const c of cells) parseIndicatorValue(c.cell, c.indicator);
});
time('parse + evaluate', () => {
  const values = cells.map((c) => ({
    indicatorId: c.indicator.id,
    quarter: c.quarter,
    value: parseIndicatorValue(c.cell, c.indicator),
  }));
  evaluate({ targetSet: big, unit: { level: 'so' }, quarter: 4, values });
});
console.log(`\nfindings per run: ${findings.toLocaleString('en')}`);
console.log(
  `goal: evaluate 160,000 values in < 30 ms — ${evalMs < 30 ? 'met' : 'NOT met'} (${evalMs.toFixed(1)} ms)`,
);

// checkSheet on a 2,000-row annex sheet: the Bình Phước annex of a department, its 40 rows
// repeated down to 2,000 rows with Quý I–IV results, as a reviewer's consolidated sheet would be.
const { checkSheet } = await import('../dist/index.js');
const annex = [
  ['Đơn vị báo cáo: Sở Tư pháp'],
  ['NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
  [
    'Stt',
    'Nhiệm vụ',
    'Cơ quan chủ trì thực hiện',
    'Cơ quan phối hợp',
    'Chỉ tiêu thực hiện trong năm 2025',
    'Lộ trình thực hiện (tối thiểu)',
    '',
    '',
    '',
    'Kết quả thực hiện',
    '',
    '',
    '',
    'Ghi chú',
  ],
  [
    '',
    '',
    '',
    '',
    '',
    'Quý I',
    'Quý II',
    'Quý III',
    'Quý IV',
    'Quý I',
    'Quý II',
    'Quý III',
    'Quý IV',
    '',
  ],
];
const sheetRows = annex.map((r) => r.map((v) => (v === '' ? undefined : { value: v })));
const pct = (x) => ({ value: x, numberFormat: '0.0%' });
let k = 0;
while (sheetRows.length < 2000) {
  for (const ind of base.indicators) {
    for (const [t, row] of ind.targets.entries()) {
      if (sheetRows.length >= 2000) break;
      const q = row.quarterly ?? [null, null, null, null];
      const cells = [
        t === 0 ? { value: `${ind.stt}.` } : undefined,
        t === 0 ? { value: ind.name } : undefined,
        { value: row.lead },
        { value: row.coordinators.join(', ') },
        pct((typeof row.annual === 'number' ? row.annual : (row.annual?.value ?? 0)) / 100),
        ...q.map((m) => pct((typeof m === 'number' ? m : (m?.value ?? 0)) / 100)),
        ...[0, 1, 2, 3].map(() =>
          k++ % 9 === 0 ? { value: '#DIV/0!', type: 'error' } : pct(0.55 + (k % 45) / 100),
        ),
        undefined,
      ];
      sheetRows.push(cells);
    }
  }
}
const sheet = { name: 'Phụ lục', rows: sheetRows };
let check;
console.log('');
time(
  'checkSheet, 2,000-row annex (4 quarters)',
  () => {
    check = checkSheet(sheet, { quarter: 4 });
  },
  10,
  8000,
);
console.log(
  `  → ${check.findings.length.toLocaleString('en')} findings, ${check.markPlan.rules.length} conditional-format rules, ` +
    `${check.markPlan.groups.reduce((n, g) => n + g.cells.length, 0).toLocaleString('en')} marked cells`,
);
