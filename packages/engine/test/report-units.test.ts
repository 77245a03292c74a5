/**
 * The report sheet ("Kết quả kiểm tra") of a table of units (issue 14): the sheet's unit line
 * says it is a table of units, and each unit's findings sit under a heading with the unit's name
 * and level — a unit table's rows (seed 001's payment table) and an annex's units side by side.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import type { SheetContent } from '../src/annex/content.js';
import { reportSheet } from '../src/annex/report.js';
import { parseGridText, readGridFixture } from './fixtures/grid-text.js';

function values(content: SheetContent): unknown[][] {
  return content.rows.map((row) => row.map((c) => c?.value ?? null));
}

/** The rows from the one whose first cell is `first` (after `from`), `count` of them. */
function rowsFrom(content: SheetContent, first: string, count: number, from = 0): unknown[][] {
  const all = values(content);
  const at = all.findIndex((r, k) => k >= from && r[0] === first);
  if (at < 0) throw new Error(`no row "${first}"`);
  return all.slice(at, at + count);
}

const TT = readGridFixture('unit-tt-2024-q1');

describe('the report sheet of a unit table (seed 001, Quý I/2024)', () => {
  const r = checkSheet(TT);
  const content = reportSheet([{ sheet: 'Thanh toán', result: r }]);

  it('says the sheet is a table of 13 units, not "(chưa rõ)"; no one level for the sheet', () => {
    expect(rowsFrom(content, 'Đơn vị', 3)).toEqual([
      ['Đơn vị', 'Bảng theo đơn vị (13 đơn vị, mỗi đơn vị theo cấp của mình)'],
      [
        'Bộ chỉ tiêu',
        'binh-phuoc-2024-thanh-toan — Chỉ tiêu thanh toán trực tuyến năm 2024 trên địa bàn tỉnh Bình Phước',
      ],
      ['Kiểm tra đến', 'Quý I'],
    ]);
    expect(values(content).some((row) => row[0] === 'Cấp')).toBe(false);
  });

  it("puts each unit's findings under its name and level", () => {
    const review = rowsFrom(content, 'Các ô cần xem lại', 6);
    expect(review.slice(2)).toEqual([
      ['Sở Giáo dục và Đào tạo — Cấp tỉnh (các sở, ban, ngành)'],
      [
        'Thanh toán',
        'E8',
        '1. Thanh toán trực tuyến',
        'Quý I',
        '0%',
        '40%',
        '40 điểm %',
        '✗ Dưới tối thiểu',
        'Sở Giáo dục và Đào tạo — Quý I: 0% < tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu) (thiếu 40 điểm %)',
      ],
      ['Sở Công Thương — Cấp tỉnh (các sở, ban, ngành)'],
      [
        'Thanh toán',
        'E9',
        '1. Thanh toán trực tuyến',
        'Quý I',
        '0%',
        '40%',
        '40 điểm %',
        '✗ Dưới tối thiểu',
        'Sở Công Thương — Quý I: 0% < tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu) (thiếu 40 điểm %)',
      ],
    ]);
    // the unit's heading spans the table, bold
    const at = values(content).findIndex((row) => row[0] === review[2]?.[0]);
    expect(content.rows[at]?.[0]).toMatchObject({ bold: true });
    expect(content.merges).toContainEqual({ top: at, left: 0, bottom: at, right: 8 });
    // the altered target is its unit's too
    expect(rowsFrom(content, 'Chỉ tiêu khác với chỉ tiêu chính thức', 4).slice(2)).toEqual([
      ['Sở Nội vụ — Cấp tỉnh (các sở, ban, ngành)'],
      [
        'Thanh toán',
        'D12',
        '1. Thanh toán trực tuyến',
        'Tối thiểu Quý I',
        '30%',
        '40%',
        '-10 điểm %',
        '≠ Chỉ tiêu bị sửa',
        'Sở Nội vụ — Tối thiểu Quý I trong bảng là 30%, khác chỉ tiêu chính thức 40% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
      ],
    ]);
  });

  it('in English', () => {
    const en = reportSheet([{ sheet: 'Thanh toán', result: r }], { locale: 'en' });
    expect(rowsFrom(en, 'Unit', 1)).toEqual([
      ['Unit', 'Table by unit (13 units, each at its own level)'],
    ]);
    const review = rowsFrom(en, 'Cells to review', 3);
    expect(review[2]?.[0]).toMatch(/^Sở Giáo dục và Đào tạo — /);
  });

  it('an annex keeps its one unit and level', () => {
    const annex = checkSheet(readGridFixture('bp2025-so'));
    const content = reportSheet([{ sheet: 'Sở', result: annex }]);
    expect(rowsFrom(content, 'Đơn vị', 1)[0]?.[1]).toBe(annex.context.unitName);
    expect(values(content).some((row) => row[0] === 'Cấp')).toBe(true);
  });
});

describe('the report sheet of units side by side', () => {
  const P = (x: number) => `=${x} @0.0%`;
  const Q = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
  const grid = (third: string) =>
    parseGridText(
      [
        ['CHỈ TIÊU CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
        [
          'Stt',
          'Nhiệm vụ',
          'Cơ quan chủ trì thực hiện',
          'Lộ trình thực hiện (tối thiểu)',
          '',
          '',
          '',
          'Kết quả thực hiện – Sở Y tế',
          '',
          '',
          '',
          `Kết quả thực hiện – ${third}`,
        ],
        ['', '', '', ...Q, ...Q, ...Q],
        [
          '2',
          'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia',
          'Các sở, ban, ngành',
          '=0.7 @0%',
          '=0.75 @0%',
          '=0.8 @0%',
          '=0.85 @0%',
          P(0.6),
        ],
        [
          '',
          '',
          'UBND cấp huyện',
          '=0.6 @0%',
          '=0.65 @0%',
          '=0.7 @0%',
          '=0.75 @0%',
          '',
          '',
          '',
          '',
          P(0.5),
        ],
      ]
        .map((l) => l.join('\t'))
        .concat(['%name Tổng hợp', '%merge D2:G2 H2:K2 L2:O2 A4:A5 B4:B5'])
        .join('\n'),
    );

  it('heads each unit with its level, or says its level is not known', () => {
    const r = checkSheet(grid('UBND huyện Bù Đốp'));
    const content = reportSheet([{ sheet: 'Tổng hợp', result: r }]);
    expect(rowsFrom(content, 'Đơn vị', 1)[0]?.[1]).toBe(
      'Bảng theo đơn vị (2 đơn vị, mỗi đơn vị theo cấp của mình)',
    );
    // the units' headings, in order, each once (the indicators the sheet lacks are theirs too)
    const headings = values(content).filter(
      (row) =>
        row.length === 1 && / — /.test(String(row[0])) && !/^Trang tính/.test(String(row[0])),
    );
    expect(headings).toEqual([
      ['Sở Y tế — Các sở, ban, ngành'],
      ['UBND huyện Bù Đốp — UBND cấp huyện'],
    ]);
    const cells = values(content).filter((row) => /^[A-Z]+\d+$/.test(String(row[1])));
    expect(cells.map((row) => [row[1], row[7]])).toEqual([
      ['H4', '✗ Dưới tối thiểu'],
      ['L5', '✗ Dưới tối thiểu'],
    ]);
    const unknown = checkSheet(grid('UBND tỉnh Bình Phước'));
    const asked = reportSheet([{ sheet: 'Tổng hợp', result: unknown }]);
    expect(values(asked).some((row) => row[0] === 'UBND tỉnh Bình Phước — chưa rõ cấp')).toBe(
      unknown.findings.some(
        (f) => f.forUnit?.name === 'UBND tỉnh Bình Phước' && f.forUnit.level === undefined,
      ),
    );
  });
});
