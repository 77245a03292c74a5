/**
 * Unit tables in the pane (issue 14): Kiểm tra on a table with one row per unit (seed 001's
 * payment rates, Quý I/2024) and on a consolidated annex of units side by side, over the
 * in-memory host, gives the findings `chitieu check --format json` gives, cell by cell, each
 * naming its unit, and marks the cells below their unit's minimum.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Io, jsonFinding, main } from '@chitieu/cli';
import { type ContentCell, describeFinding, type SheetCheck } from '@chitieu/engine';
import { writeWorkbook } from '@chitieu/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaneController } from '../src/app/controller.js';
import { MemoryHost } from '../src/host/memory.js';
import { started } from './pane.js';

type Value = string | number | null;
const cell = (v: Value, percent = false): ContentCell | undefined =>
  v === null
    ? undefined
    : { value: v, ...(percent && typeof v === 'number' ? { numberFormat: '0.0%' } : {}) };
/** Rows of values; numbers from `percentFrom` (0-based column) on are percent-formatted. */
const rowsOf = (rows: readonly (readonly Value[])[], percentFrom: number) =>
  rows.map((r, i) => r.map((v, c) => cell(v, i > 0 && c >= percentFrom)));

const RATES: readonly (readonly Value[])[] = [
  ['KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024'],
  [],
  ['STT', 'Tên đơn vị', 'Cấp', 'Chỉ tiêu giao', 'Kết quả Quý I/2024'],
  [1, 'Sở Nông nghiệp và Phát triển nông thôn', 'Cấp tỉnh', 0.4, '76,1%'],
  [2, 'Sở Y tế', 'Cấp tỉnh', 0.4, 0.408],
  [3, 'Sở Giáo dục và Đào tạo', 'Cấp tỉnh', 0.4, 0],
  [4, 'Sở Nội vụ', 'Cấp tỉnh', 0.3, '0%'],
  [5, 'UBND thành phố Đồng Xoài', 'Cấp huyện', 0.3, '48,2%'],
  [6, 'Trung tâm Hành chính công', null, 0.4, 0.5],
];

const Q = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
const GROUPS: readonly (readonly Value[])[] = [
  ['CHỈ TIÊU CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
  [
    'Stt',
    'Nhiệm vụ',
    'Cơ quan chủ trì thực hiện',
    'Lộ trình thực hiện (tối thiểu)',
    null,
    null,
    null,
    'Kết quả thực hiện – Sở Y tế',
    null,
    null,
    null,
    'Kết quả thực hiện – UBND huyện Bù Đốp',
  ],
  [null, null, null, ...Q, ...Q, ...Q],
  [
    '2',
    'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia',
    'Các sở, ban, ngành',
    0.7,
    0.75,
    0.8,
    0.85,
    0.72,
    0.74,
  ],
  [null, null, 'UBND cấp huyện', 0.6, 0.65, 0.7, 0.75, null, null, null, null, 0.6, '64,5%'],
];

let dir = '';
let bytes: Uint8Array;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chitieu-addin-units-'));
  bytes = writeWorkbook([
    { name: 'Thanh toán', content: { rows: rowsOf(RATES, 3) } },
    {
      name: 'Tổng hợp',
      content: {
        rows: rowsOf(GROUPS, 3),
        merges: [
          { top: 1, left: 3, bottom: 1, right: 6 },
          { top: 1, left: 7, bottom: 1, right: 10 },
          { top: 1, left: 11, bottom: 1, right: 14 },
          { top: 3, left: 0, bottom: 4, right: 0 },
          { top: 3, left: 1, bottom: 4, right: 1 },
        ],
      },
    },
  ]);
  writeFileSync(join(dir, 'don-vi.xlsx'), bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliSheet {
  readonly sheet: string;
  readonly status: string;
  readonly findings: readonly Record<string, unknown>[];
}

/** `chitieu check don-vi.xlsx --format json --near-miss 1` (the pane's default band), in process. */
async function cliSheets(): Promise<readonly CliSheet[]> {
  let stdout = '';
  const io: Io = {
    stdout: {
      write: (t: string) => {
        stdout += t;
        return true;
      },
      isTTY: false,
    },
    stderr: { write: () => true, isTTY: false },
    env: {},
    cwd: dir,
    now: () => new Date('2025-07-10T08:00:00Z'),
  };
  expect(await main(['check', 'don-vi.xlsx', '--format', 'json', '--near-miss', '1'], io)).toBe(1);
  return (JSON.parse(stdout) as { files: { sheets: CliSheet[] }[] }).files[0]?.sheets ?? [];
}

const asCli = (result: SheetCheck) => (f: SheetCheck['findings'][number]) =>
  jsonFinding(
    f,
    describeFinding(f, result.targetSet ? { locale: 'vi', targetSet: result.targetSet } : {}),
  );

describe('Kiểm tra on tables of units, over the in-memory host', () => {
  let controller: PaneController;
  let cli: readonly CliSheet[];
  beforeAll(async () => {
    cli = await cliSheets();
    controller = await started(MemoryHost.fromXlsx(bytes));
    await controller.checkAll();
  });
  afterAll(() => controller.dispose());

  const result = (sheet: string): SheetCheck => {
    const found = controller.getState().workbook?.entries.find((e) => e.sheet === sheet)?.result;
    if (!found) throw new Error(`no result for ${sheet}`);
    return found;
  };

  it('the unit table: the findings of the command line, cell by cell, each with its unit', () => {
    const r = result('Thanh toán');
    expect(r.status).toBe('checked');
    expect(r.findings.map(asCli(r))).toEqual(cli.find((s) => s.sheet === 'Thanh toán')?.findings);
    expect(r.findings.map((f) => [f.cell, f.code, f.forUnit?.name, f.forUnit?.level])).toEqual([
      ['E4', 'met', 'Sở Nông nghiệp và Phát triển nông thôn', 'so'],
      ['E5', 'met', 'Sở Y tế', 'so'],
      ['E6', 'below-minimum', 'Sở Giáo dục và Đào tạo', 'so'],
      ['D7', 'target-mismatch', 'Sở Nội vụ', 'so'],
      ['E7', 'below-minimum', 'Sở Nội vụ', 'so'],
      ['E8', 'met', 'UBND thành phố Đồng Xoài', 'huyen'],
      // no "Cấp", nothing in its name: its level is asked for, its row not judged
      ['B9', 'unrecognised-row', 'Trung tâm Hành chính công', undefined],
    ]);
  });

  it('the consolidated sheet: each group its own unit, as on the command line', () => {
    const r = result('Tổng hợp');
    expect(r.status).toBe('checked');
    expect(r.findings.map(asCli(r))).toEqual(cli.find((s) => s.sheet === 'Tổng hợp')?.findings);
    const withCell = r.findings.filter((f) => f.cell !== undefined);
    expect(withCell.map((f) => [f.cell, f.code, f.forUnit?.name])).toEqual([
      ['H4', 'met', 'Sở Y tế'],
      ['I4', 'below-minimum', 'Sở Y tế'],
      ['L5', 'met', 'UBND huyện Bù Đốp'],
      ['M5', 'below-minimum', 'UBND huyện Bù Đốp'],
    ]);
  });

  it("marks each unit's cells against its own minimum", () => {
    const marked = (sheet: string) =>
      result(sheet).markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)]);
    expect(marked('Thanh toán')).toEqual([
      ['target-mismatch', ['D7']],
      ['below-minimum', ['E6', 'E7']],
    ]);
    // 74% against 75% and 64,5% against 65%: within the pane's near-miss band of 1 point
    expect(marked('Tổng hợp')).toEqual([['near-miss', ['I4', 'M5']]]);
  });
});
