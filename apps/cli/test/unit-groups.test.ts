/**
 * Units side by side (issue 14 item 4) through the command line: a consolidated annex whose
 * results are in groups of Quý I–IV under headings naming a department, a district and a
 * commune is three units; the JSON report lists each unit's findings with its name and level,
 * and the benchmark's consolidated sheet has its district groups checked too.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBuiltinTargetSet } from '@chitieu/engine';
import { readWorkbookFile } from '@chitieu/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, runJson, useTempDirs, zip } from './helpers.js';

const temp = useTempDirs('all');
type Value = string | number | null;

const Q = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
/** Columns I–L, M–P, Q–T: a department, a district, a commune. */
const ROWS: readonly (readonly Value[])[] = [
  ['CHỈ TIÊU CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
  [
    'Stt',
    'Nhiệm vụ',
    'Cơ quan chủ trì thực hiện',
    'Chỉ tiêu thực hiện trong năm 2025',
    'Lộ trình thực hiện (tối thiểu)',
    null,
    null,
    null,
    'Kết quả thực hiện – Sở Y tế',
    null,
    null,
    null,
    'Kết quả thực hiện – UBND huyện Bù Đốp',
    null,
    null,
    null,
    'Kết quả thực hiện – UBND xã Tân Lập',
  ],
  [null, null, null, null, ...Q, ...Q, ...Q, ...Q],
  [
    '2',
    'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia',
    'Các sở, ban, ngành',
    0.85,
    0.7,
    0.75,
    0.8,
    0.85,
    0.72,
    0.74,
  ],
  [null, null, 'UBND cấp huyện', 0.75, 0.6, 0.65, 0.7, 0.75, null, null, null, null, 0.6, '64,5%'],
  [
    '12',
    'Tỷ lệ chứng thực bản sao điện tử từ bản chính',
    'Sở Tư pháp, UBND cấp huyện, UBND cấp xã',
    1,
    1,
    1,
    1,
    1,
    null,
    null,
    null,
    null,
    1,
    0.98,
    null,
    null,
    1,
    '-',
  ],
];

async function consolidatedWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổng hợp');
  ROWS.forEach((r, i) => {
    ws.getRow(i + 1).values = [...r];
  });
  for (const area of ['E2:H2', 'I2:L2', 'M2:P2', 'Q2:T2', 'A4:A5', 'B4:B5']) ws.mergeCells(area);
  for (let r = 4; r <= 6; r++)
    for (let c = 4; c <= 20; c++) {
      const cell = ws.getRow(r).getCell(c);
      if (typeof cell.value === 'number') cell.numFmt = '0.0%';
    }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

let dir = '';
beforeAll(async () => {
  dir = await temp();
  await writeFile(join(dir, 'tong-hop.xlsx'), await consolidatedWorkbook());
});

describe('a consolidated sheet of three units through the command line', () => {
  it('JSON: the findings of each unit, with its name and level, cell by cell', async () => {
    const { code, json } = await runJson(['check', join(dir, 'tong-hop.xlsx')]);
    expect(code).toBe(1);
    const sheet = json.files[0]?.sheets[0];
    expect(sheet?.status).toBe('checked');
    expect(sheet?.context).toMatchObject({ targetSetId: 'binh-phuoc-2025', quarter: 2 });
    expect(sheet?.context.unitName).toBeUndefined();
    const withCell = (sheet?.findings ?? []).filter((f) => f.cell !== null);
    expect(withCell.map((f) => [f.cell, f.code, f.value, f.minimum, f.unit])).toEqual([
      ['I4', 'met', 72, 70, { name: 'Sở Y tế', level: 'so', row: 2, column: 9 }],
      ['J4', 'below-minimum', 74, 75, { name: 'Sở Y tế', level: 'so', row: 2, column: 9 }],
      ['M5', 'met', 60, 60, { name: 'UBND huyện Bù Đốp', level: 'huyen', row: 2, column: 13 }],
      [
        'N5',
        'below-minimum',
        64.5,
        65,
        { name: 'UBND huyện Bù Đốp', level: 'huyen', row: 2, column: 13 },
      ],
      ['M6', 'met', 100, 100, { name: 'UBND huyện Bù Đốp', level: 'huyen', row: 2, column: 13 }],
      [
        'N6',
        'below-minimum',
        98,
        100,
        { name: 'UBND huyện Bù Đốp', level: 'huyen', row: 2, column: 13 },
      ],
      ['Q6', 'met', 100, 100, { name: 'UBND xã Tân Lập', level: 'xa', row: 2, column: 17 }],
      [
        'R6',
        'missing-value',
        null,
        100,
        { name: 'UBND xã Tân Lập', level: 'xa', row: 2, column: 17 },
      ],
    ]);
    expect(withCell[3]?.message).toBe(
      'UBND huyện Bù Đốp — Quý II: 64,5% < tối thiểu 65% (thiếu 0,5 điểm %)',
    );
    // every finding of the sheet is some unit's
    const units = new Set((sheet?.findings ?? []).map((f) => (f.unit as { name: string }).name));
    expect([...units]).toEqual(['Sở Y tế', 'UBND huyện Bù Đốp', 'UBND xã Tân Lập']);
    // the consolidated report: one unit row each, at its level, from its own columns
    const rows = (
      json as unknown as { units: { unit: string; level: string; files: { column?: number }[] }[] }
    ).units;
    expect(rows.map((u) => [u.unit, u.level, u.files.map((f) => f.column)])).toEqual([
      ['Sở Y tế', 'so', [9]],
      ['UBND huyện Bù Đốp', 'huyen', [13]],
      ['UBND xã Tân Lập', 'xa', [17]],
    ]);
  });

  it("the annotated copy's report sheet names each unit and its level over its cells", async () => {
    const out = await temp();
    const result = await run(['check', join(dir, 'tong-hop.xlsx'), '--out', out]);
    expect(result.code).toBe(1);
    const copy = (await readdir(out)).find((f) => f.startsWith('tong-hop') && f.endsWith('.xlsx'));
    const read = await readWorkbookFile(join(out, copy ?? ''));
    if (!read.success) throw new Error(JSON.stringify(read.error));
    const report = read.data.sheets.find((s) => s.name === 'Kết quả kiểm tra');
    const lines = (report?.grid.rows ?? []).map((row) => row.map((c) => c?.value ?? null));
    expect(lines.find((l) => l[0] === 'Đơn vị')?.[1]).toBe(
      'Bảng theo đơn vị (3 đơn vị, mỗi đơn vị theo cấp của mình)',
    );
    const headings = lines.filter((l) => l.length === 1 && / — /.test(String(l[0])));
    expect(headings.map((l) => l[0])).toEqual([
      'Sở Y tế — Các sở, ban, ngành',
      'UBND huyện Bù Đốp — UBND cấp huyện',
      'UBND xã Tân Lập — UBND cấp xã',
    ]);
    const cells = lines.filter((l) => /^[A-Z]+\d+$/.test(String(l[1]))).map((l) => l[1]);
    expect(cells).toEqual(['J4', 'N5', 'N6', 'R6']);
  });

  it("the benchmark's consolidated sheet: its district groups are checked at their level", async () => {
    const bench = await temp();
    // @ts-expect-error: a plain .mjs module of the benchmark
    const { consolidatedAnnex } = await import('../bench/consolidated.mjs');
    const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
      rows: 60,
      groups: 20,
    });
    const entries = Object.entries(made.files as Record<string, string>);
    await writeFile(
      join(bench, 'tong-hop.xlsx'),
      zip(entries.map(([name, data]) => ({ name, data }))),
    );
    const { json } = await runJson(['check', join(bench, 'tong-hop.xlsx')]);
    const findings = json.files[0]?.sheets[0]?.findings ?? [];
    const byUnit = new Map<string, string>();
    for (const f of findings) {
      const unit = f.unit as { name: string; level: string };
      byUnit.set(unit.name, unit.level);
    }
    const unitRows = (json as unknown as { units: { unit: string; level: string }[] }).units;
    expect(unitRows.map((u) => [u.unit, u.level])).toEqual([...byUnit]);
    expect([...byUnit]).toEqual([
      ['Sở Tư pháp', 'so'],
      ['Sở Y tế', 'so'],
      ['Sở Giáo dục và Đào tạo', 'so'],
      ['Sở Nội vụ', 'so'],
      ['Sở Tài chính', 'so'],
      ['Sở Xây dựng', 'so'],
      ['Sở Công Thương', 'so'],
      ['Sở Nông nghiệp và Môi trường', 'so'],
      ['Sở Khoa học và Công nghệ', 'so'],
      ['Sở Văn hóa, Thể thao và Du lịch', 'so'],
      ['Sở Dân tộc và Tôn giáo', 'so'],
      ['Thanh tra tỉnh', 'so'],
      ['Văn phòng UBND tỉnh', 'so'],
      ['UBND thành phố Đồng Xoài', 'huyen'],
      ['UBND thị xã Bình Long', 'huyen'],
      ['UBND thị xã Phước Long', 'huyen'],
      ['UBND thị xã Chơn Thành', 'huyen'],
      ['UBND huyện Bù Đốp', 'huyen'],
      ['UBND huyện Lộc Ninh', 'huyen'],
      ['UBND huyện Bù Gia Mập', 'huyen'],
    ]);
    // a district's result on a districts' row is judged (below, met, missing or invalid)
    const judged = findings.filter(
      (f) =>
        (f.unit as { level: string }).level === 'huyen' &&
        f.cell !== null &&
        f.code !== 'not-applicable',
    );
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every((f) => f.minimum !== null)).toBe(true);
  });
});
