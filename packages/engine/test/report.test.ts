import { describe, expect, it } from 'vitest';
import { type CheckSheetOptions, checkSheet, type SheetCheck } from '../src/annex/check.js';
import type { SheetContent } from '../src/annex/content.js';
import { REPORT_SHEET_NAME, reportSheet } from '../src/annex/report.js';
import { annexTemplate } from '../src/annex/template.js';
import type { Cell } from '../src/cell.js';
import { fromA1 } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

function check(name: string, options: CheckSheetOptions = {}): SheetCheck {
  return checkSheet(fixture(name), options);
}

/** Values of every row, empty cells as null. */
function table(content: SheetContent): unknown[][] {
  return content.rows.map((row) => row.map((c) => c?.value ?? null));
}

/** 1-based number of the first row whose first cell is `text`, after row `from`. */
function rowOf(content: SheetContent, text: string, from = 0): number {
  const i = content.rows.findIndex((r, k) => k >= from && r[0]?.value === text);
  if (i < 0) throw new Error(`no row "${text}"`);
  return i + 1;
}

/** The data rows of the table under a heading (after its header row), up to the next empty row. */
function rowsUnder(content: SheetContent, heading: string, from = 0): unknown[][] {
  const all = table(content);
  // the heading's 1-based number is the 0-based index of the header row; data follow it
  const start = rowOf(content, heading, from) + 1;
  const out: unknown[][] = [];
  for (let r = start; r < all.length && (all[r]?.length ?? 0) > 0; r++) out.push(all[r] ?? []);
  return out;
}

const REVIEW = 'Các ô cần xem lại';
const ALTERED = 'Chỉ tiêu khác với chỉ tiêu chính thức';
const K13_MESSAGE = 'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)';

describe("reportSheet for a department's annex (bp2025-so)", () => {
  const result = check('bp2025-so');
  const content = reportSheet([{ sheet: 'Phụ lục', result }]);

  it('opens with the title and the context of the sheet', () => {
    expect(table(content).slice(0, 8)).toEqual([
      ['KẾT QUẢ KIỂM TRA CHỈ TIÊU'],
      [],
      ['Trang tính: Phụ lục'],
      ['Đơn vị', 'Sở Tư pháp'],
      [
        'Bộ chỉ tiêu',
        'binh-phuoc-2025 — Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước',
      ],
      ['Cấp', 'Các sở, ban, ngành'],
      ['Kiểm tra đến', 'Quý II'],
      ['Tổng hợp', '✗ Dưới tối thiểu: 4'],
    ]);
  });

  it('counts by status with symbol and word, the worst first', () => {
    expect(table(content).slice(7, 12)).toEqual([
      ['Tổng hợp', '✗ Dưới tối thiểu: 4'],
      [null, '! Không hợp lệ: 3'],
      [null, '? Thiếu số liệu: 3'],
      [null, '✓ Đạt: 18'],
      [null, '– Không áp dụng: 4'],
    ]);
    expect(content.merges).toContainEqual({ top: 7, left: 0, bottom: 11, right: 0 });
  });

  it('has one row per value to review, K13 exactly', () => {
    expect(table(content)[rowOf(content, REVIEW)]).toEqual([
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Quý',
      'Giá trị',
      'Tối thiểu',
      'Thiếu',
      'Trạng thái',
      'Lý do',
    ]);
    const rows = rowsUnder(content, REVIEW);
    // 4 below the minimum, 3 missing, 3 invalid
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r[1])).toEqual([
      'K13',
      'K15',
      'K21',
      'K22',
      'K24',
      'K25',
      'J28',
      'J29',
      'K29',
      'K30',
    ]);
    expect(rows[0]).toEqual([
      'Phụ lục',
      'K13',
      '2. Thanh toán trực tuyến',
      'Quý II',
      '74,5%',
      '75%',
      '0,5 điểm %',
      '✗ Dưới tối thiểu',
      K13_MESSAGE,
    ]);
    expect(rows.find((r) => r[1] === 'K22')).toEqual([
      'Phụ lục',
      'K22',
      '6. Cấp kết quả điện tử',
      'Quý II',
      '105%',
      '100%',
      null,
      '! Không hợp lệ',
      'Quý II: giá trị 105% nằm ngoài khoảng 0–100%',
    ]);
    expect(rows.find((r) => r[1] === 'J28')).toEqual([
      'Phụ lục',
      'J28',
      '10. Hồ sơ trực tuyến toàn trình',
      'Quý I',
      '-',
      '50%',
      null,
      '? Thiếu số liệu',
      'Quý I: chưa có số liệu ("-") (tối thiểu 50%)',
    ]);
    // the reasons are the findings' own words
    for (const row of rows) {
      const f = result.findings.find((x) => x.cell === row[1]);
      expect(row[8]).toBe(f && describeFinding(f, { targetSet: result.targetSet }));
    }
  });

  it('links every cell address to that cell of the checked sheet', () => {
    const links = content.links ?? [];
    expect(links).toHaveLength(10);
    for (const link of links) {
      const at = fromA1(link.cell);
      expect(at?.column).toBe(1);
      const row = content.rows[at?.row ?? -1] ?? [];
      expect(link).toEqual({ cell: link.cell, sheet: 'Phụ lục', target: row[1]?.value });
      expect(result.findings.some((f) => f.cell === link.target)).toBe(true);
    }
    const k13 = links.find((l) => l.target === 'K13');
    expect(content.rows[fromA1(k13?.cell ?? '')?.row ?? -1]?.[8]?.value).toBe(K13_MESSAGE);
  });

  it('says when no target differs from the official ones', () => {
    expect(rowsUnder(content, ALTERED)).toEqual([
      ['Không có chỉ tiêu nào khác với chỉ tiêu chính thức.'],
    ]);
  });

  it('sets widths and borders the two tables', () => {
    expect(content.columnWidths).toHaveLength(9);
    const review = rowOf(content, REVIEW) + 1; // 1-based header row
    expect(content.bordered?.[0]).toEqual({
      top: review - 1,
      left: 0,
      bottom: review - 1 + 10,
      right: 8,
    });
    expect(content.bordered).toHaveLength(2);
  });

  it('tells near misses apart when the check used a near-miss band', () => {
    const banded = reportSheet([
      { sheet: 'Phụ lục', result: check('bp2025-so', { nearMissBand: 1 }) },
    ]);
    expect(table(banded).slice(7, 9)).toEqual([
      ['Tổng hợp', '✗ Dưới tối thiểu: 3'],
      [null, '≈ Sát ngưỡng: 1'],
    ]);
    const k13 = rowsUnder(banded, REVIEW).find((r) => r[1] === 'K13');
    expect(k13?.[7]).toBe('≈ Sát ngưỡng');
    expect(k13?.[8]).toBe('Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)');
  });

  it('is deterministic, and writes a date only when given one', () => {
    expect(reportSheet([{ sheet: 'Phụ lục', result }])).toEqual(content);
    const dated = reportSheet([{ sheet: 'Phụ lục', result }], {
      date: '15/07/2025',
      title: 'BÁO CÁO QUÝ II',
    });
    expect(table(dated).slice(0, 3)).toEqual([
      ['BÁO CÁO QUÝ II'],
      ['Ngày kiểm tra: 15/07/2025'],
      [],
    ]);
  });
});

describe('reportSheet for a copy with lowered targets (bp2025-so-lowered)', () => {
  const content = reportSheet([{ sheet: 'Phụ lục', result: check('bp2025-so-lowered') }]);

  it('lists E13, G13 and F25 as targets that differ, each linked', () => {
    expect(rowsUnder(content, ALTERED)).toEqual([
      [
        'Phụ lục',
        'E13',
        '2. Thanh toán trực tuyến',
        'Chỉ tiêu năm',
        '80%',
        '85%',
        '-5 điểm %',
        '≠ Chỉ tiêu bị sửa',
        'Chỉ tiêu năm trong bảng là 80%, khác chỉ tiêu chính thức 85% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
      ],
      [
        'Phụ lục',
        'G13',
        '2. Thanh toán trực tuyến',
        'Tối thiểu Quý II',
        '70%',
        '75%',
        '-5 điểm %',
        '≠ Chỉ tiêu bị sửa',
        'Tối thiểu Quý II trong bảng là 70%, khác chỉ tiêu chính thức 75% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
      ],
      [
        'Phụ lục',
        'F25',
        '9. Mức độ hài lòng',
        'Tối thiểu Quý I',
        '90%',
        '95%',
        '-5 điểm %',
        '≠ Chỉ tiêu bị sửa',
        'Tối thiểu Quý I trong bảng là 90%, khác chỉ tiêu chính thức 95% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
      ],
    ]);
    expect(table(content)).toContainEqual([null, '≠ Chỉ tiêu bị sửa: 3']);
    const targets = (content.links ?? []).slice(-3);
    expect(targets.map((l) => [l.sheet, l.target])).toEqual([
      ['Phụ lục', 'E13'],
      ['Phụ lục', 'G13'],
      ['Phụ lục', 'F25'],
    ]);
    for (const l of targets)
      expect(content.rows[fromA1(l.cell)?.row ?? -1]?.[1]?.value).toBe(l.target);
    // the lowered K13 is still judged against the official 75%
    expect(rowsUnder(content, REVIEW)[0]?.slice(1, 7)).toEqual([
      'K13',
      '2. Thanh toán trực tuyến',
      'Quý II',
      '72%',
      '75%',
      '3 điểm %',
    ]);
  });
});

describe('reportSheet for a row that matches no indicator', () => {
  it('lists it with its name cell, linked', () => {
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((r) => [...r]);
    rows[11] = [...(rows[11] ?? [])];
    rows[11][1] = { value: 'Tỷ lệ cây xanh đô thị được chăm sóc', type: 'string' };
    const result = checkSheet({ ...grid, rows });
    const content = reportSheet([{ sheet: 'Phụ lục', result }]);
    expect(table(content)).toContainEqual([null, '⊘ Dòng không nhận ra: 1']);
    expect(rowsUnder(content, REVIEW)[0]).toEqual([
      'Phụ lục',
      'B12',
      '1. Tỷ lệ cây xanh đô thị được chăm sóc',
      null,
      null,
      null,
      null,
      '⊘ Dòng không nhận ra',
      'Dòng 12 không khớp chỉ tiêu nào của bộ chỉ tiêu: "1 Tỷ lệ cây xanh đô thị được chăm sóc"',
    ]);
    expect(content.links?.[0]).toMatchObject({ sheet: 'Phụ lục', target: 'B12' });
  });
});

describe('reportSheet in English', () => {
  it('words everything in English, reasons included, from a check made in Vietnamese', () => {
    const content = reportSheet([{ sheet: 'Phụ lục', result: check('bp2025-so-lowered') }], {
      locale: 'en',
    });
    expect(REPORT_SHEET_NAME.en).toBe('Check results');
    expect(table(content).slice(0, 8)).toEqual([
      ['TARGET CHECK RESULTS'],
      [],
      ['Sheet: Phụ lục'],
      ['Unit', 'Sở Tư pháp'],
      [
        'Target set',
        'binh-phuoc-2025 — 2025 targets for administrative-procedure reform with digital transformation, Bình Phước province',
      ],
      ['Level', 'Provincial departments'],
      ['Checked through', 'Q2'],
      ['Summary', '✗ Below minimum: 4'],
    ]);
    const review = rowsUnder(content, 'Cells to review');
    expect(table(content)[rowOf(content, 'Cells to review')]).toEqual([
      'Sheet',
      'Cell',
      'Indicator',
      'Quarter',
      'Value',
      'Minimum',
      'Short by',
      'Status',
      'Reason',
    ]);
    expect(review[0]).toEqual([
      'Phụ lục',
      'K13',
      '2. Online payment',
      'Q2',
      '72%',
      '75%',
      '3 pp',
      '✗ Below minimum',
      'Q2: 72% < minimum 75% (short by 3 percentage points)',
    ]);
    expect(rowsUnder(content, 'Targets that differ from the official ones')[1]).toEqual([
      'Phụ lục',
      'G13',
      '2. Online payment',
      'Minimum Q2',
      '70%',
      '75%',
      '-5 pp',
      '≠ Target altered',
      'Minimum Q2 in the sheet is 70%, not the official 75% (lowered; values are still judged against the official target)',
    ]);
  });

  it('gives the reason a sheet was skipped in English', () => {
    const content = reportSheet([{ sheet: 'Dự toán', result: check('not-annex') }], {
      locale: 'en',
    });
    expect(table(content).slice(2)).toEqual([
      ['Sheet: Dự toán'],
      ['Not checked', 'Not an annex: no header row (Stt, Nhiệm vụ/Chỉ tiêu, …) was found'],
    ]);
  });
});

describe('reportSheet over several sheets', () => {
  const so = check('bp2025-so');
  const huyen = check('bp2025-huyen');
  const skipped = check('not-annex');
  const content = reportSheet([
    { sheet: 'Phụ lục', result: so },
    { sheet: 'Bù Đốp', result: huyen },
    { sheet: 'Dự toán', result: skipped },
  ]);

  it('gives one block per sheet, in order, and the reason the third was skipped', () => {
    const headings = table(content)
      .map((r) => r[0])
      .filter((v) => typeof v === 'string' && v.startsWith('Trang tính: '));
    expect(headings).toEqual(['Trang tính: Phụ lục', 'Trang tính: Bù Đốp', 'Trang tính: Dự toán']);
    const last = rowOf(content, 'Trang tính: Dự toán');
    expect(table(content).slice(last - 1)).toEqual([
      ['Trang tính: Dự toán'],
      [
        'Không kiểm tra',
        'Không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, …)',
      ],
    ]);
    expect(skipped.status).toBe('not-an-annex');
  });

  it("lists each sheet's own findings, linked to its own sheet", () => {
    const second = rowOf(content, 'Trang tính: Bù Đốp');
    expect(table(content).slice(second, second + 4)).toEqual([
      ['Đơn vị', 'UBND huyện Bù Đốp'],
      [
        'Bộ chỉ tiêu',
        'binh-phuoc-2025 — Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước',
      ],
      ['Cấp', 'UBND cấp huyện'],
      ['Kiểm tra đến', 'Quý II'],
    ]);
    const rows = rowsUnder(content, REVIEW, second);
    expect(rows.map((r) => [r[0], r[1], r[7]])).toEqual([
      ['Bù Đốp', 'K14', '✗ Dưới tối thiểu'],
      ['Bù Đốp', 'K18', '✗ Dưới tối thiểu'],
      ['Bù Đốp', 'J20', '✗ Dưới tối thiểu'],
      ['Bù Đốp', 'K22', '! Không hợp lệ'],
      ['Bù Đốp', 'K26', '? Thiếu số liệu'],
    ]);
    const links = content.links ?? [];
    expect(links).toHaveLength(10 + 5);
    for (const link of links) {
      const row = content.rows[fromA1(link.cell)?.row ?? -1] ?? [];
      expect([link.sheet, link.target]).toEqual([row[0]?.value, row[1]?.value]);
      const findings = link.sheet === 'Phụ lục' ? so.findings : huyen.findings;
      expect(findings.some((f) => f.cell === link.target)).toBe(true);
    }
  });

  it('shows what a sheet that needs input still needs', () => {
    // results on the rows of both levels (J13 "Các sở, ban, ngành", J14 "UBND cấp huyện"): the
    // rows do not tell the level, nor does the name
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((row, i) =>
      i === 13 ? Object.assign([...row], { 9: { value: 0.7, numberFormat: '0%' } }) : row,
    );
    const needs = checkSheet({ ...grid, rows }, { unitName: 'Trung tâm Phục vụ hành chính công' });
    expect(needs.status).toBe('needs-input');
    const block = reportSheet([{ sheet: 'Phụ lục', result: needs }]);
    expect(table(block).slice(2)).toEqual([
      ['Trang tính: Phụ lục'],
      ['Đơn vị', 'Trung tâm Phục vụ hành chính công'],
      [
        'Bộ chỉ tiêu',
        'binh-phuoc-2025 — Chỉ tiêu thực hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số và hiện đại hóa phương thức chỉ đạo, điều hành năm 2025 trên địa bàn tỉnh Bình Phước',
      ],
      ['Kiểm tra đến', 'Quý II'],
      ['Không kiểm tra', 'Cần cho biết: cấp của đơn vị'],
    ]);
  });
});

describe('template → typed results → check → report', () => {
  it('reports the values typed into an inserted template at their cells', () => {
    const s = getBuiltinTargetSet('binh-phuoc-2025');
    if (!s) throw new Error('missing set');
    const content = annexTemplate(s, { unitName: 'Sở Y tế' });
    const rows: (Cell | undefined)[][] = content.rows.map((r) =>
      r.map((c) =>
        c === undefined
          ? undefined
          : {
              value: c.value,
              type: c.value === null ? 'empty' : typeof c.value === 'number' ? 'number' : 'string',
              ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}),
            },
      ),
    );
    const set = (a1: string, value: number) => {
      const at = fromA1(a1);
      const row = rows[at?.row ?? 0] ?? [];
      row[at?.column ?? 0] = { value, numberFormat: '0.0%', type: 'number' };
    };
    set('J10', 0.7);
    set('K10', 0.7);
    const result = checkSheet({ name: 'Sở Y tế', rows, merges: content.merges ?? [] });
    const report = reportSheet([{ sheet: 'Sở Y tế', result }]);
    const below = rowsUnder(report, REVIEW).filter((r) => r[7] === '✗ Dưới tối thiểu');
    expect(below).toEqual([
      [
        'Sở Y tế',
        'K10',
        '2. Thanh toán trực tuyến',
        'Quý II',
        '70%',
        '75%',
        '5 điểm %',
        '✗ Dưới tối thiểu',
        'Quý II: 70% < tối thiểu 75% (thiếu 5 điểm %)',
      ],
    ]);
    expect(report.links).toContainEqual(
      expect.objectContaining({ sheet: 'Sở Y tế', target: 'K10' }),
    );
    expect(rowsUnder(report, ALTERED)).toEqual([
      ['Không có chỉ tiêu nào khác với chỉ tiêu chính thức.'],
    ]);
  });
});
