/**
 * pnpm bench (apps/excel-addin): what a live update costs after a one-cell edit, next to a full
 * check, and "Kiểm tra tất cả" over a reviewer's workbook, through the in-memory host. Prints
 * figures; asserts nothing. Excel's own cost is the round trips and cells it sends: a live update
 * reads 1 cell in 1 sync where a check reads the used range in 2 (printed below the table).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSheet, fromA1, type Grid } from '@chitieu/engine';
import { bench, describe } from 'vitest';
import { PaneController } from '../src/app/controller.js';
import { patchGrid } from '../src/app/live.js';
import { MemoryHost } from '../src/host/memory.js';

/** Every case warms up first, so the first one measured is not the one that pays for the JIT. */
const WARM = { warmupTime: 500, time: 1000 };

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(file, EXAMPLES))));

const unit = MemoryHost.fromParts([
  { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Phụ lục' } },
]);
const grid: Grid = { ...(unit.sheets[0]?.grid as Grid), name: 'Phụ lục' };
const options = { quarter: 2 as const };
const k13 = fromA1('K13') as { row: number; column: number };
const patch: Grid = {
  name: 'Phụ lục',
  rows: [[{ value: 0.8, numberFormat: '0.0%' }]],
  origin: k13,
};

const cells = grid.rows.reduce((n, r) => n + r.length, 0);
console.log(
  `Phụ lục of so-tu-phap.xlsx: ${grid.rows.length} rows, ${cells} cells read by a check (2 syncs); a one-cell live update reads 1 cell (1 sync).`,
);

describe('after a one-cell edit (so-tu-phap.xlsx)', () => {
  bench(
    'full check of the sheet',
    () => {
      checkSheet(grid, options);
    },
    WARM,
  );
  bench(
    'live update: patch the cell, check the sheet',
    () => {
      const next = patchGrid(grid, patch);
      if (next) checkSheet(next, options);
    },
    WARM,
  );
});

function reviewHost(): MemoryHost {
  return MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
    { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
    { bytes: bytes('ubnd-huyen-bu-dop.xlsx'), sheets: { 'Phụ lục': 'UBND Bù Đốp' } },
  ]);
}

describe('a reviewer’s workbook (3 annexes and a notes sheet)', () => {
  const review = reviewHost();
  const controller = new PaneController(review);
  const started = controller.start();
  bench(
    'Kiểm tra tất cả: read, check and mark every sheet',
    async () => {
      await started;
      await controller.checkAll();
    },
    WARM,
  );
  bench(
    'Tạo báo cáo from that check',
    async () => {
      await started;
      await controller.createReport();
    },
    WARM,
  );
});
