import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import type { ContentCell, SheetContent } from '../src/annex/content.js';
import { annexTemplate } from '../src/annex/template.js';
import type { Cell } from '../src/cell.js';
import { applicableRow } from '../src/evaluate.js';
import { fromA1, type Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { type TargetSet, targetSetSchema } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';

function set(id: string): TargetSet {
  const s = getBuiltinTargetSet(id);
  if (!s) throw new Error(`missing built-in set ${id}`);
  return s;
}

/** What a shell writes and a reader reads back: value, number format and type; merges as they are. */
function toCell(c: ContentCell): Cell {
  const type = c.value === null ? 'empty' : typeof c.value === 'number' ? 'number' : 'string';
  return c.numberFormat === undefined
    ? { value: c.value, type }
    : { value: c.value, numberFormat: c.numberFormat, type };
}

function toGrid(content: SheetContent, name = 'Phụ lục'): Grid {
  return {
    name,
    rows: content.rows.map((row) => row.map((c) => (c === undefined ? undefined : toCell(c)))),
    merges: content.merges ?? [],
  };
}

/** A copy of the grid with cells typed in (A1 address → cell). */
function fill(grid: Grid, cells: Record<string, Cell>): Grid {
  const rows = grid.rows.map((r) => [...r]);
  for (const [a1, cell] of Object.entries(cells)) {
    const at = fromA1(a1);
    if (!at) throw new Error(a1);
    const row = rows[at.row] ?? [];
    row[at.column] = cell;
    rows[at.row] = row;
  }
  return { ...grid, rows };
}

const pct = (value: number, numberFormat = '0.0%'): Cell => ({
  value,
  numberFormat,
  type: 'number',
});

/** Values of a content row, empty cells as null. */
function values(content: SheetContent, row: number): unknown[] {
  return (content.rows[row - 1] ?? []).map((c) => c?.value ?? null);
}

/** The table rows the set should produce, in order: sections, then one per target row. */
function expectedRows(s: TargetSet): unknown[][] {
  const out: unknown[][] = [];
  for (const section of s.sections) {
    if (s.sections.length > 1) out.push(['section']);
    for (const ind of s.indicators.filter((i) => i.section === section.id))
      ind.targets.forEach((_, k) => {
        out.push([k === 0 ? 'indicator' : 'level-row', ind.id, k]);
      });
  }
  return out;
}

const UNITS = [
  ['Sở Y tế', 'so'],
  ['UBND huyện Lộc Ninh', 'huyen'],
  ['UBND xã Lộc Tấn', 'xa'],
] as const;
const SETS = ['binh-phuoc-2025', 'nq01-nq02-2025', 'binh-phuoc-2024-thanh-toan'] as const;

describe('annexTemplate: the sheet it produces is recognised by checkSheet without help', () => {
  for (const id of SETS) {
    for (const [unitName, level] of UNITS) {
      it(`${id}, "Đơn vị báo cáo: ${unitName}"`, () => {
        const s = set(id);
        const grid = toGrid(annexTemplate(s, { unitName }));

        // No results yet: everything is known but the quarter.
        const blank = checkSheet(grid);
        expect(blank.status).toBe('needs-input');
        expect(blank.needs).toEqual(['quarter']);
        expect(blank.context).toMatchObject({
          targetSetId: id,
          level,
          unitName,
          sources: { targetSet: 'content', level: 'unit-name', unitName: 'title' },
        });

        // Told the quarter (Quý IV: every quarter due), it is checked.
        const result = checkSheet(grid, { quarter: 4 });
        expect(result.status).toBe('checked');
        expect(result.context.targetSetId).toBe(id);
        const codes = result.findings.map((f) => f.code);
        expect(codes).not.toContain('unrecognised-row');
        expect(codes).not.toContain('target-mismatch');
        expect(codes).not.toContain('below-minimum');
        expect(codes).not.toContain('invalid-value');
        expect(result.layout?.headerRows).toEqual([6, 7]);
        const table = (result.layout?.rows ?? [])
          .filter((r) => r.kind !== 'header' && r.kind !== 'blank')
          .map((r) => (r.kind === 'section' ? ['section'] : [r.kind, r.indicatorId, r.targetRow]));
        expect(table).toEqual(expectedRows(s));

        // One result typed in Quý I, in the first row that is the unit's own, makes the quarter
        // detectable: checked without any option.
        const own = result.layout?.rows.find((r) => {
          const ind = s.indicators.find((i) => i.id === r.indicatorId);
          return (
            ind !== undefined && applicableRow(ind, { level, name: unitName }).index === r.targetRow
          );
        });
        expect(own).toBeDefined();
        const firstRow = own?.row ?? 0;
        const q1 = result.layout?.columns.find((c) => c.role === 'result' && c.quarter === 1);
        const typed = checkSheet(fill(grid, { [`${q1?.letter}${firstRow}`]: pct(1, '0%') }));
        expect(typed.status).toBe('checked');
        expect(typed.context).toMatchObject({
          targetSetId: id,
          level,
          quarter: 1,
          sources: { quarter: 'latest-results' },
        });
        expect(typed.findings.filter((f) => f.code === 'unrecognised-row')).toEqual([]);
        expect(typed.findings.filter((f) => f.code === 'target-mismatch')).toEqual([]);
      });
    }
  }

  it('leaves "Đơn vị báo cáo: " empty without a unit: the set is still found, level and quarter are asked', () => {
    const content = annexTemplate(set('binh-phuoc-2025'));
    expect(values(content, 4)).toEqual(['Đơn vị báo cáo: ']);
    const grid = toGrid(content);
    const result = checkSheet(grid);
    expect(result.status).toBe('needs-input');
    expect(result.needs).toEqual(['level', 'quarter']);
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.context.unitName).toBeUndefined();
    // the unit fills the line in: now detected from the sheet
    const named = fill(grid, { A4: { value: 'Đơn vị báo cáo: Sở Tư pháp', type: 'string' } });
    expect(checkSheet(named, { quarter: 1 }).context).toMatchObject({
      level: 'so',
      unitName: 'Sở Tư pháp',
    });
  });
});

describe('annexTemplate: binh-phuoc-2025 laid out as the official annex (seed 000)', () => {
  const s = set('binh-phuoc-2025');
  const content = annexTemplate(s, { unitName: 'Sở Y tế' });

  it('writes the title lines, the unit line and the two-level header', () => {
    expect([1, 2, 3, 4, 5].map((r) => values(content, r))).toEqual([
      ['Phụ lục'],
      [
        'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH GẮN VỚI CHUYỂN ĐỔI SỐ VÀ HIỆN ĐẠI HÓA PHƯƠNG THỨC CHỈ ĐẠO, ĐIỀU HÀNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
      ],
      ['(Ban hành kèm theo Quyết định số /QĐ-UBND ngày / /2025 của Chủ tịch UBND tỉnh Bình Phước)'],
      ['Đơn vị báo cáo: Sở Y tế'],
      [],
    ]);
    const q = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
    expect(values(content, 6)).toEqual([
      'Stt',
      'Nhiệm vụ',
      'Cơ quan chủ trì thực hiện',
      'Cơ quan phối hợp',
      'Chỉ tiêu thực hiện trong năm 2025',
      'Lộ trình thực hiện (tối thiểu)',
      null,
      null,
      null,
      'Kết quả thực hiện',
      null,
      null,
      null,
      'Ghi chú',
    ]);
    expect(values(content, 7)).toEqual([null, null, null, null, null, ...q, ...q, null]);
    expect(content.rows[5]?.every((c) => c === undefined || c.bold === true)).toBe(true);
    // vertical merges for the single headers, the groups across their quarters (0-based)
    const merges = content.merges ?? [];
    for (const c of [0, 1, 2, 3, 4, 13])
      expect(merges).toContainEqual({ top: 5, left: c, bottom: 6, right: c });
    expect(merges).toContainEqual({ top: 5, left: 5, bottom: 5, right: 8 });
    expect(merges).toContainEqual({ top: 5, left: 9, bottom: 5, right: 12 });
    // title lines and the unit line across the table
    for (const r of [0, 1, 2, 3])
      expect(merges).toContainEqual({ top: r, left: 0, bottom: r, right: 13 });
  });

  it('writes section rows, and an indicator split by level with Stt and Nhiệm vụ merged down', () => {
    expect(values(content, 8)).toEqual([
      'I. Nâng cao chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công',
    ]);
    expect(content.merges).toContainEqual({ top: 7, left: 0, bottom: 7, right: 13 });
    expect(values(content, 24)).toEqual([
      'II. Hoạt động quản trị nội bộ, chỉ đạo, điều hành trên môi trường số',
    ]);
    // indicator 2: rows 10 ("Các sở, ban, ngành") and 11 ("UBND cấp huyện")
    expect(values(content, 10)).toEqual([
      '2.',
      'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công',
      'Các sở, ban, ngành',
      'Sở Khoa học và Công nghệ, Văn phòng UBND tỉnh',
      0.85,
      0.7,
      0.75,
      0.8,
      0.85,
      null,
      null,
      null,
      null,
      'Năm 2023: 24,4%\nNăm 2024: 69,31%',
    ]);
    expect(values(content, 11)).toEqual([
      null,
      null,
      'UBND cấp huyện',
      'Sở Khoa học và Công nghệ, Văn phòng UBND tỉnh',
      0.75,
      0.6,
      0.65,
      0.7,
      0.75,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(content.merges).toContainEqual({ top: 9, left: 0, bottom: 10, right: 0 });
    expect(content.merges).toContainEqual({ top: 9, left: 1, bottom: 10, right: 1 });
    const row10 = content.rows[9] ?? [];
    // targets: percent numbers with a percent format, centred; results: empty, formatted 0.0%
    expect(row10.slice(4, 9).map((c) => c?.numberFormat)).toEqual(Array(5).fill('0%'));
    expect(row10.slice(4, 13).every((c) => c?.align === 'center')).toBe(true);
    expect(row10.slice(9, 13)).toEqual(
      Array(4).fill({ value: null, numberFormat: '0.0%', align: 'center' }),
    );
    expect(row10[1]?.wrap).toBe(true);
    expect(row10[13]?.wrap).toBe(true);
  });

  it('ends with indicator 18, sets widths, freezes the header and borders the table', () => {
    expect(content.rows).toHaveLength(30);
    expect(values(content, 30).slice(0, 3)).toEqual([
      '18.',
      'Tỷ lệ Hệ thống giải quyết thủ tục hành chính cấp tỉnh được kết nối với Hệ thống quản lý văn bản và điều hành để đồng bộ kết quả giải quyết thủ tục hành chính giữa 02 hệ thống.',
      'Sở Khoa học và Công nghệ',
    ]);
    expect(values(content, 22)[13]).toBe('Ngoài Nghị quyết');
    expect(content.columnWidths).toHaveLength(14);
    expect(content.frozenRows).toBe(7);
    expect(content.bordered).toEqual([{ top: 5, left: 0, bottom: 29, right: 13 }]);
    expect(content.links ?? []).toEqual([]);
  });

  it('is in Vietnamese whatever the locale: the official words are what the engine recognises', () => {
    expect(annexTemplate(s, { unitName: 'Sở Y tế', locale: 'en' })).toEqual(content);
  });

  it('finds the values below their minimum where the unit typed them', () => {
    const grid = fill(toGrid(content), {
      J9: pct(1, '0%'), // indicator 1, Quý I: met
      K9: pct(1, '0%'), // Quý II: met
      J10: pct(0.7), // indicator 2 (so row), Quý I minimum 70%: met
      K10: pct(0.7), // Quý II minimum 75%: 5 points short
      J12: pct(0.745), // indicator 3 (so row), Quý I minimum 75%: 0.5 short
      J11: pct(0.1), // indicator 2, the district row: not the department's
    });
    const result = checkSheet(grid, { nearMissBand: 1 });
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({ level: 'so', quarter: 2 });
    const below = result.findings
      .filter((f) => f.code === 'below-minimum')
      .map((f) =>
        f.code === 'below-minimum'
          ? [f.cell, f.indicatorId, f.quarter, f.value, f.minimum.value, f.gap, f.nearMiss]
          : [],
      );
    expect(below).toEqual([
      ['K10', 'thanh-toan-truc-tuyen', 2, 70, 75, 5, false],
      ['J12', 'ho-so-truc-tuyen', 1, 74.5, 75, 0.5, true],
    ]);
    const k10 = result.findings.find((f) => f.cell === 'K10');
    expect(k10 && describeFinding(k10)).toBe('Quý II: 70% < tối thiểu 75% (thiếu 5 điểm %)');
    expect(result.findings.find((f) => f.cell === 'J11')).toMatchObject({
      code: 'not-applicable',
      reason: 'level',
    });
    expect(result.findings.filter((f) => f.code === 'target-mismatch')).toEqual([]);
    // still-empty due cells are missing values; their marks compare in the percent scale
    const k12 = result.findings.find((f) => f.cell === 'K12');
    expect(k12).toMatchObject({ code: 'missing-value', reason: 'blank' });
    const marked = result.markPlan.groups.flatMap((g) => g.cells);
    expect(marked.find((c) => c.cell === 'K10')).toMatchObject({
      status: 'below-minimum',
      minimum: { comparator: 'at-least', value: 0.75 },
    });
    expect(marked.find((c) => c.cell === 'K12')).toMatchObject({
      status: 'missing-value',
      minimum: { comparator: 'at-least', value: 0.8 },
    });
  });

  it('finds the district row below its own minimum for a district', () => {
    const grid = toGrid(annexTemplate(s, { unitName: 'UBND huyện Lộc Ninh' }));
    const result = checkSheet(fill(grid, { J11: pct(0.59), J13: pct(0.65, '0%') }));
    expect(result.context).toMatchObject({ level: 'huyen', quarter: 1 });
    expect(
      result.findings
        .filter((f) => f.code === 'below-minimum' || f.code === 'met')
        .map((f) => [f.cell, f.code]),
    ).toEqual([
      ['J11', 'below-minimum'],
      ['J13', 'met'],
    ]);
  });
});

describe('annexTemplate: other sets', () => {
  it('annual-only nq01-nq02-2025: no roadmap group, the results right after the annual target', () => {
    const content = annexTemplate(set('nq01-nq02-2025'), { unitName: 'UBND xã Tân Tiến' });
    expect(values(content, 3)).toEqual([
      '(Kèm theo Kế hoạch số 617/KH-UBND ngày 13/02/2025 của UBND tỉnh Phú Thọ)',
    ]);
    expect(values(content, 6)).toEqual([
      'Stt',
      'Nhiệm vụ',
      'Cơ quan chủ trì thực hiện',
      'Cơ quan phối hợp',
      'Chỉ tiêu thực hiện trong năm 2025',
      'Kết quả thực hiện',
      null,
      null,
      null,
      'Ghi chú',
    ]);
    expect(content.columnWidths).toHaveLength(10);
    expect(values(content, 8)).toEqual(['1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP']);
    // "Tối thiểu 50" is written as the number
    const row = content.rows.find(
      (r) => r[1]?.value === 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.',
    );
    expect(row?.[4]).toEqual({ value: 0.5, numberFormat: '0%', align: 'center' });

    const grid = toGrid(content);
    const result = checkSheet(fill(grid, { F9: pct(0.75), G9: pct(0.79) }));
    expect(result.layout?.columns.map((c) => `${c.letter}:${c.role}${c.quarter ?? ''}`)).toEqual([
      'A:stt',
      'B:name',
      'C:lead',
      'D:coordinators',
      'E:annual',
      'F:result1',
      'G:result2',
      'H:result3',
      'I:result4',
      'J:notes',
    ]);
    // judged against the annual target (80%) in every quarter
    expect(
      result.findings
        .filter((f) => f.indicatorId === 'dvc-toan-trinh')
        .map((f) => (f.code === 'below-minimum' ? [f.cell, f.minimum.source, f.gap] : [f.cell])),
    ).toEqual([
      ['F9', 'annual', 5],
      ['G9', 'annual', 1],
    ]);
  });

  it('binh-phuoc-2024-thanh-toan: one section (no section row), three level rows, no Quý III/IV minimum', () => {
    const content = annexTemplate(set('binh-phuoc-2024-thanh-toan'), {
      unitName: 'UBND xã Lộc Tấn',
    });
    expect(content.rows).toHaveLength(10);
    expect(values(content, 3)).toEqual([
      '(Kèm theo Công văn số /UBND-KSTTHC tháng 03/2024 của UBND tỉnh Bình Phước)',
    ]);
    expect(values(content, 8).slice(0, 9)).toEqual([
      '1.',
      'Tỷ lệ thanh toán trực tuyến',
      'Cấp tỉnh',
      null,
      0.7,
      0.4,
      0.5,
      null,
      null,
    ]);
    expect(values(content, 10).slice(2, 9)).toEqual(['Cấp xã', null, 0.5, 0.2, 0.3, null, null]);
    expect(content.merges).toContainEqual({ top: 7, left: 0, bottom: 9, right: 0 });
    expect(content.merges).toContainEqual({ top: 7, left: 1, bottom: 9, right: 1 });
    const result = checkSheet(fill(toGrid(content), { J10: pct(0.19), K10: pct(0.31) }));
    expect(
      result.findings.filter((f) => f.cell !== undefined).map((f) => [f.cell, f.code]),
    ).toEqual([
      ['J10', 'below-minimum'],
      ['K10', 'met'],
    ]);
  });

  it('writes percent formats with as many decimals as the target has', () => {
    const base = set('binh-phuoc-2024-thanh-toan');
    const custom = targetSetSchema().parse({
      ...base,
      id: 'tuy-chinh',
      indicators: [
        {
          ...base.indicators[0],
          targets: [
            {
              appliesTo: { levels: ['so'] },
              lead: 'Các sở, ban, ngành',
              annual: 69.37,
              quarterly: [40, 42.5, 50, { value: 60.25, text: 'tối thiểu 60,25%' }],
              notes: [{ kind: 'previous-result', year: 2023, value: 24.4 }],
            },
          ],
        },
      ],
    });
    const content = annexTemplate(custom, { unitName: 'Sở Y tế' });
    const row = content.rows[7] ?? [];
    expect(row.slice(4, 9).map((c) => [c?.value, c?.numberFormat])).toEqual([
      [0.6937, '0.00%'],
      [0.4, '0%'],
      [0.425, '0.0%'],
      [0.5, '0%'],
      [0.6025, '0.00%'],
    ]);
    expect(row[13]?.value).toBe('Năm 2023: 24,4%');
    const result = checkSheet(toGrid(content), { targetSets: [custom], quarter: 4 });
    expect(result.status).toBe('checked');
    expect(result.findings.filter((f) => f.code === 'target-mismatch')).toEqual([]);
  });
});
