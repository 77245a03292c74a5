/**
 * Tạo báo cáo writes the units × indicators matrix of the checked sheets (issue 15, item 10): one
 * row per unit however many sheets it sent (the engine's `unitsMatrix`, as the command line's
 * reports), each cell the worst status over the quarters with its value and quarter, linked to
 * its cell; then the cells to review of the copies used (an earlier copy a later one replaced is
 * said, not reviewed again), then the sheets not checked.
 */
import { readFileSync } from 'node:fs';
import { type SheetContent, STATUS, unitsMatrix } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { en, vi } from '../src/app/i18n.js';
import { reportSheet } from '../src/app/report-sheet.js';
import { MemoryHost } from '../src/host/memory.js';
import { started } from './pane.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));

/** A reviewer's workbook: three units, Sở Tư pháp twice (its revised copy after the first). */
function reviewHost(): MemoryHost {
  return MemoryHost.fromParts([
    { bytes: bytes('so-tu-phap.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp' } },
    { bytes: bytes('so-tu-phap-ban-sua.xlsx'), sheets: { 'Phụ lục': 'Sở Tư pháp (sửa)' } },
    { bytes: bytes('so-noi-vu.xlsx'), sheets: { 'Phụ lục': 'Sở Nội vụ', 'Ghi chú': 'Ghi chú' } },
    { bytes: bytes('ubnd-huyen-bu-dop.xlsx'), sheets: { 'Phụ lục': 'UBND Bù Đốp' } },
  ]);
}

function text(content: SheetContent | undefined): string[][] {
  return (content?.rows ?? []).map((row) => {
    const cells = row.map((c) => (c?.value ?? '').toString());
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    return cells;
  });
}

async function written() {
  const host = reviewHost();
  const controller = await started(host, { now: () => new Date(2026, 10, 22, 9, 30) });
  await controller.checkAll();
  await controller.createReport();
  const report = host.sheets.find((s) => s.owner === 'report');
  return { host, controller, report, rows: text(report?.content) };
}

describe('Tạo báo cáo: the units × indicators matrix', () => {
  it('one row per unit, its level, how many it fails, the worst status of each indicator', async () => {
    const { rows, report } = await written();
    expect(rows.slice(0, 2)).toEqual([
      ['KẾT QUẢ KIỂM TRA CHỈ TIÊU'],
      ['Ngày kiểm tra: 22/11/2026 09:30'],
    ]);
    expect(rows[3]?.[0]).toMatch(/năm 2025 trên địa bàn tỉnh Bình Phước — kiểm tra Quý I, Quý II$/);
    // group headings over the indicator columns
    expect(rows[4]?.[3]).toMatch(/^I\. Nâng cao chất lượng phục vụ/);
    expect(rows[4]?.[15]).toMatch(/^II\. Hoạt động quản trị nội bộ/);
    const header = rows[5] ?? [];
    expect(header.slice(0, 5)).toEqual([
      'Đơn vị',
      'Cấp',
      'Số chỉ tiêu không đạt',
      '1. Dịch vụ công trực tuyến toàn trình',
      '2. Thanh toán trực tuyến',
    ]);
    expect(header).toHaveLength(3 + 18 + 1);
    expect(header.at(-1)).toBe('Trang tính');
    const units = rows.slice(6, 9);
    expect(units.map((r) => [r[0], r[1], r[2], r[4], r[5], r.at(-1)])).toEqual([
      [
        'Sở Tư pháp',
        'Các sở, ban, ngành',
        '9',
        '✗ 72% (Quý II); chỉ tiêu trong bảng khác chính thức',
        '✗ 76,2% (Quý II)',
        'Sở Tư pháp (sửa) (thay cho bản trước: Sở Tư pháp)',
      ],
      ['Sở Nội vụ', 'Các sở, ban, ngành', '5', '✗ 71,6% (Quý II)', '✓ 77% (Quý I)', 'Sở Nội vụ'],
      [
        'UBND huyện Bù Đốp',
        'UBND cấp huyện',
        '5',
        '✗ 63,8% (Quý II)',
        '✓ 66% (Quý I)',
        'UBND Bù Đốp',
      ],
    ]);
    // a cell with no value says its status; an indicator not the unit's is a dash
    expect(units[0]?.[7]).toBe('! Không hợp lệ (Quý II)');
    expect(units[2]?.[3]).toBe('—');
    expect(rows[9]?.slice(0, 6)).toEqual(['Số đơn vị đạt', '', '', '2/2', '0/3', '2/3']);
    // coloured by status, with its symbol in the text: never colour alone
    const cell = report?.content?.rows[6]?.[4];
    expect(cell).toMatchObject({
      fill: STATUS['below-minimum'].fill,
      color: STATUS['below-minimum'].font,
    });
    // each value cell links to the cell of its worst quarter
    expect(report?.links).toContainEqual({ cell: 'E7', sheet: 'Sở Tư pháp (sửa)', target: 'K13' });
    expect(report?.links).toContainEqual({ cell: 'E9', sheet: 'UBND Bù Đốp', target: 'K14' });
  });

  it('is the engine’s model: every unit row and worst status as unitsMatrix gives them', async () => {
    const { rows, controller } = await written();
    const entries = controller.getState().workbook?.entries ?? [];
    const checked = entries.filter((e) => e.result?.status === 'checked');
    const set = checked[0]?.result?.targetSet;
    if (!set) throw new Error('no set');
    const matrix = unitsMatrix(
      checked.map((e) => ({
        file: '',
        sheet: e.sheet,
        context: e.result?.context ?? { sources: {} },
        findings: e.result?.findings ?? [],
      })),
      new Map([[set.id, set]]),
    );
    const m = matrix.sets[0];
    expect(m?.units.map((u) => u.unit)).toEqual(rows.slice(6, 9).map((r) => r[0]));
    const ids = m?.sections.flatMap((s) => s.indicatorIds) ?? [];
    m?.units.forEach((u, i) => {
      ids.forEach((id, k) => {
        const status = u.indicators[id]?.status;
        const shown = rows[6 + i]?.[3 + k] ?? '';
        if (status === undefined) expect(shown).toBe('—');
        else expect(shown.startsWith(STATUS[status].symbol)).toBe(true);
      });
    });
  });

  it('lists the cells to review of the copies used, each linked, and the sheets not checked', async () => {
    const { rows, report } = await written();
    const at = rows.findIndex((r) => r[0] === 'Các ô cần xem lại');
    expect(rows[at + 1]).toEqual([
      'Đơn vị',
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Quý',
      'Trạng thái',
      'Lý do',
    ]);
    const review = rows.slice(
      at + 2,
      rows.findIndex((r) => r[0] === 'Trang tính không kiểm tra') - 1,
    );
    // the first copy of Sở Tư pháp is replaced by the revised one: not reviewed again
    expect(review.some((r) => r[1] === 'Sở Tư pháp')).toBe(false);
    expect(review.filter((r) => r[1] === 'Sở Tư pháp (sửa)')).toHaveLength(13);
    expect(review.find((r) => r[1] === 'Sở Nội vụ' && r[2] === 'J19')).toEqual([
      'Sở Nội vụ',
      'Sở Nội vụ',
      'J19',
      '4. Số hóa hồ sơ, kết quả',
      'Quý I',
      '≈ Sát ngưỡng',
      'Quý I: 79,6% < tối thiểu 80% (thiếu 0,4 điểm %, sát ngưỡng)',
    ]);
    const row = at + 2 + review.findIndex((r) => r[1] === 'Sở Nội vụ' && r[2] === 'J19');
    expect(report?.links).toContainEqual({
      cell: `C${row + 1}`,
      sheet: 'Sở Nội vụ',
      target: 'J19',
    });
    expect(rows.slice(-3)).toEqual([
      ['Trang tính không kiểm tra'],
      ['Trang tính', 'Lý do'],
      [
        'Ghi chú',
        'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
      ],
    ]);
    // far fewer rows than a block per sheet: 3 units, 24 cells to review
    expect(rows.length).toBeLessThan(60);
  });

  it('is worded in English from the same checks', async () => {
    const { controller } = await written();
    const entries = (controller.getState().workbook?.entries ?? []).flatMap((e) =>
      e.result ? [{ sheet: e.sheet, result: e.result }] : [],
    );
    const rows = text(reportSheet(entries, en, '2026-11-22 09:30'));
    expect(rows[1]).toEqual(['Checked on: 2026-11-22 09:30']);
    expect(rows[5]?.slice(0, 3)).toEqual(['Unit', 'Level', 'Indicators not met']);
    expect(rows[6]?.[4]).toBe('✗ 72% (Q2); target in the sheet differs from the official one');
    expect(rows[9]?.[0]).toBe('Units that met it');
    // and Vietnamese for the same entries gives the pane's sheet
    expect(text(reportSheet(entries, vi, '22/11/2026 09:30'))[6]?.[0]).toBe('Sở Tư pháp');
  });
});
