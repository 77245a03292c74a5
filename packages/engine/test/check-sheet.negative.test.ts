import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SheetFinding } from '../src/annex/check.js';
import { checkSheet } from '../src/annex/check.js';
import type { Cell } from '../src/cell.js';
import type { Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

describe('sheets that are not annexes get one clear finding', () => {
  it('an empty sheet', () => {
    for (const grid of [
      fixture('empty'),
      { rows: [] },
      { rows: [[], [undefined, { value: '  ' }]] },
    ]) {
      const r = checkSheet(grid);
      expect(r.status).toBe('not-an-annex');
      expect(r.findings).toEqual([
        expect.objectContaining({
          code: 'not-an-annex',
          reason: 'empty',
        }),
      ]);
      expect(describeFinding(r.findings[0] as SheetFinding)).toBe('Trang tính trống');
    }
  });

  it('a budget table: no annex header', () => {
    const r = checkSheet(fixture('not-annex'));
    expect(r.status).toBe('not-an-annex');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      code: 'not-an-annex',
      reason: 'no-header',
      sheet: 'Dự toán',
    });
    expect(r.markPlan.rules).toEqual([]);
  });

  it('a table with an annex-like header but rows of another subject: no indicator matched', () => {
    const rows: (Cell | undefined)[][] = [
      [
        { value: 'Stt' },
        { value: 'Nội dung' },
        { value: 'Đơn vị chủ trì' },
        { value: 'Kết quả thực hiện' },
      ],
      [
        { value: '1' },
        { value: 'Sửa chữa trụ sở làm việc' },
        { value: 'Văn phòng' },
        { value: 0.5, numberFormat: '0%' },
      ],
      [
        { value: '2' },
        { value: 'Mua sắm trang thiết bị' },
        { value: 'Văn phòng' },
        { value: 0.9, numberFormat: '0%' },
      ],
    ];
    const r = checkSheet({ rows });
    expect(r.status).toBe('not-an-annex');
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'not-an-annex', reason: 'no-indicator' }),
    ]);
    expect(r.layout?.headerRows).toEqual([1]);
  });

  it('reports a row that matches no indicator instead of skipping it', () => {
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((row) => [...row]);
    // indicator 7's text replaced by something that is not an indicator of the set
    rows[22] = [
      { value: '7.' },
      { value: 'Số cuộc họp trực tuyến được tổ chức trong năm' },
      ...(rows[22]?.slice(2) ?? []),
    ];
    const r = checkSheet({ ...grid, rows });
    const unrecognised = r.findings.filter((f) => f.code === 'unrecognised-row');
    expect(unrecognised).toEqual([
      expect.objectContaining({
        code: 'unrecognised-row',
        cell: 'B23',
        row: 23,
        stt: '7',
      }),
    ]);
    expect(describeFinding(unrecognised[0] as SheetFinding)).toBe(
      'Dòng 23 không khớp chỉ tiêu nào của bộ chỉ tiêu: "7 Số cuộc họp trực tuyến được tổ chức trong năm"',
    );
    // and indicator 7, now without a row, is reported missing for the due quarters
    expect(
      r.findings
        .filter((f) => f.indicatorId === 'tai-su-dung-du-lieu')
        .map((f) => [f.code, f.quarter, f.cell]),
    ).toEqual([
      ['missing-value', 1, undefined],
      ['missing-value', 2, undefined],
    ]);
  });
});

describe('a huge sheet', () => {
  // Speed is measured by `pnpm bench`; this only shows a huge sheet is handled (generous timeout for slow CI machines).
  it('50,000 rows: the annex repeated and padded, checked without trouble', {
    timeout: 120_000,
  }, () => {
    const base = fixture('bp2025-so');
    const body = base.rows.slice(10); // below the header
    const rows = [...base.rows];
    while (rows.length < 50_000) rows.push(...body);
    const r = checkSheet({ ...base, rows: rows.slice(0, 50_000) });
    expect(r.status).toBe('checked');
    expect(r.layout?.rows.length).toBe(50_000 - 8); // all but the 8 title rows above the header
    // every repetition of a below-minimum value is found; rules stay few
    expect(r.findings.filter((f) => f.code === 'below-minimum').length).toBeGreaterThan(4_000);
    expect(r.markPlan.rules.length).toBeLessThan(40);
  });

  it('50,000 rows of numbers with no header', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [
      { value: i },
      { value: `dòng ${i}` },
      { value: i / 7 },
    ]);
    const r = checkSheet({ rows });
    expect(r.status).toBe('not-an-annex');
    expect(r.findings).toHaveLength(1);
  });
});

const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    value: fc.oneof(fc.double(), fc.integer(), fc.constant(null)),
    numberFormat: fc.constantFrom(undefined, '0%', '0.0%', 'General', '@'),
  }) as fc.Arbitrary<Cell>,
  fc.record({
    value: fc.oneof(
      fc.string(),
      fc.constantFrom(
        'Stt',
        'Nhiệm vụ',
        'Cơ quan chủ trì',
        'Chỉ tiêu năm 2025',
        'Lộ trình thực hiện (tối thiểu)',
        'Quý I',
        'Quý II',
        'Kết quả thực hiện',
        'I. Nâng cao',
        '1.',
        '2.',
        'Các sở, ban, ngành',
        'UBND cấp huyện',
        '#DIV/0!',
        '76,2%',
        'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
        'Đơn vị báo cáo: Sở Y tế',
      ),
    ),
  }) as fc.Arbitrary<Cell>,
  fc.record({ value: fc.constantFrom('#N/A', '#REF!'), type: fc.constant('error' as const) }),
);

describe('checkSheet never throws', () => {
  it('for random grids, with random merges and options, and always returns a result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { maxLength: 14 }), { maxLength: 40 }),
        fc.array(
          fc.record({
            top: fc.integer({ min: -2, max: 45 }),
            left: fc.integer({ min: -2, max: 16 }),
            h: fc.nat(5),
            w: fc.nat(5),
          }),
          { maxLength: 6 },
        ),
        fc.record({
          level: fc.constantFrom(undefined, 'so', 'huyen', 'xa', 'khong-co'),
          quarter: fc.constantFrom(undefined, 1, 2, 3, 4) as fc.Arbitrary<
            1 | 2 | 3 | 4 | undefined
          >,
          nearMissBand: fc.constantFrom(undefined, 0, 1, -3),
          locale: fc.constantFrom('vi', 'en') as fc.Arbitrary<'vi' | 'en'>,
        }),
        (rows, merges, opts) => {
          const grid: Grid = {
            rows,
            merges: merges.map((m) => ({
              top: m.top,
              left: m.left,
              bottom: m.top + m.h,
              right: m.left + m.w,
            })),
          };
          const options = Object.fromEntries(
            Object.entries(opts).filter(([, v]) => v !== undefined),
          );
          const r = checkSheet(grid, options);
          expect(['checked', 'not-an-annex', 'needs-input']).toContain(r.status);
          expect(Array.isArray(r.findings)).toBe(true);
          for (const f of r.findings) expect(typeof describeFinding(f)).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for the real fixtures with cells shuffled within rows', () => {
    const base = fixture('bp2025-so');
    fc.assert(
      fc.property(
        fc.array(fc.nat(40), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(13), { minLength: 1, maxLength: 10 }),
        (rowIdx, colIdx) => {
          const rows = base.rows.map((row) => [...row]);
          rowIdx.forEach((r, i) => {
            const row = rows[r];
            const c = colIdx[i % colIdx.length] ?? 0;
            if (row && c + 1 < row.length) [row[c], row[c + 1]] = [row[c + 1], row[c]];
          });
          const r = checkSheet({ ...base, rows });
          expect(r.findings.every((f) => typeof describeFinding(f) === 'string')).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
