/**
 * Two-level government (issue 13, item 6): a set of 2026 with only "Các sở, ban, ngành" and
 * "UBND cấp xã" (made in the test from its annex, as `chitieu targets import` reads it) gets a
 * template without districts, its units' levels are told from their names, a district's unit
 * is asked for its level rather than judged against another level's rows, and the words name
 * only the set's own levels; a pre-reform set (with districts) used on a commune says which
 * rows it does not assign to communes.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetFinding } from '../src/annex/check.js';
import type { ContentCell, SheetContent } from '../src/annex/content.js';
import { levelOfUnit } from '../src/annex/detect.js';
import { annexTemplate, templateLayoutSet } from '../src/annex/template.js';
import type { Cell } from '../src/cell.js';
import { fromA1, type Grid } from '../src/grid.js';
import { importTargetSet } from '../src/import/import-set.js';
import { describeFinding } from '../src/messages/describe.js';
import { describeImportError } from '../src/messages/import.js';
import { describeNotice } from '../src/messages/notices.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { parseGridText } from './fixtures/grid-text.js';

const P = (n: number) => `=${n} @0%`;
/** A two-level annex of 2026: per-level rows for indicator 1, one row for both levels, a named agency. */
const ANNEX = parseGridText(
  [
    'PHỤ LỤC',
    'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH GẮN VỚI CHUYỂN ĐỔI SỐ NĂM 2026 TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI',
    '(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/01/2026 của Chủ tịch UBND tỉnh Đồng Nai)',
    '',
    'Stt\tNhiệm vụ\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tChỉ tiêu thực hiện trong năm 2026\tLộ trình thực hiện (tối thiểu)\t\t\t\tGhi chú',
    '\t\t\t\t\tQuý I\tQuý II\tQuý III\tQuý IV',
    `1.\tTỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia\tCác sở, ban, ngành\tSở Khoa học và Công nghệ\t${P(0.9)}\t${P(0.8)}\t${P(0.85)}\t${P(0.88)}\t${P(0.9)}\t`,
    `\t\tUBND cấp xã\tSở Khoa học và Công nghệ\t${P(0.8)}\t${P(0.6)}\t${P(0.65)}\t${P(0.7)}\t${P(0.8)}\t`,
    `2.\tTỷ lệ hồ sơ giải quyết đúng hạn\tCác sở, ban, ngành; UBND cấp xã\tVăn phòng UBND tỉnh\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%\t`,
    `3.\tTỷ lệ chứng thực bản sao điện tử từ bản chính\tSở Tư pháp\tVăn phòng UBND tỉnh\tTối thiểu 90%\t${P(0.9)}\t${P(0.9)}\t${P(0.9)}\t${P(0.9)}\t`,
    '%merge A7:A8 B7:B8 F5:I5',
    '%name Phụ lục 2026',
  ].join('\n'),
);

function twoLevelSet(): TargetSet {
  const r = importTargetSet(ANNEX);
  if (!r.success) throw new Error(describeImportError(r.error, 'en'));
  return r.data.set;
}

/** What a shell writes and a reader reads back: value, number format and type. */
function toGrid(content: SheetContent, name = 'Mẫu phụ lục 2026'): Grid {
  const cell = (c: ContentCell): Cell => {
    const type = c.value === null ? 'empty' : typeof c.value === 'number' ? 'number' : 'string';
    return c.numberFormat === undefined
      ? { value: c.value, type }
      : { value: c.value, numberFormat: c.numberFormat, type };
  };
  return {
    name,
    rows: content.rows.map((row) => row.map((c) => (c === undefined ? undefined : cell(c)))),
    merges: content.merges ?? [],
  };
}

/** A copy of the grid with percentages typed in (A1 → value, as 0.62 in a percent cell). */
function fill(grid: Grid, cells: Record<string, number>): Grid {
  const rows = grid.rows.map((r) => [...r]);
  for (const [a1, value] of Object.entries(cells)) {
    const at = fromA1(a1);
    if (!at) throw new Error(a1);
    const row = rows[at.row] ?? [];
    row[at.column] = { value, numberFormat: '0%', type: 'number' };
    rows[at.row] = row;
  }
  return { ...grid, rows };
}

/** Every text of the sheet, one string. */
const textOf = (content: SheetContent) =>
  content.rows
    .flatMap((row) => row.map((c) => (typeof c?.value === 'string' ? c.value : '')))
    .join('\n');

/** The result cell (A1) of quarter `q` on the row of `indicatorId`'s target row `targetRow`. */
function resultCell(grid: Grid, set: TargetSet, indicatorId: string, targetRow: number, q: number) {
  const layout = checkSheet(grid, { targetSet: set, level: 'so', quarter: 1 }).layout;
  const column = layout?.columns.find((c) => c.role === 'result' && c.quarter === q)?.letter;
  const row = layout?.rows.find((r) => r.indicatorId === indicatorId && r.targetRow === targetRow);
  if (!column || !row) throw new Error(`no result cell for ${indicatorId}`);
  return `${column}${row.row}`;
}

describe('a two-level set (2026: provincial agencies and communes only)', () => {
  const set = twoLevelSet();

  it('has the two levels, and no district anywhere', () => {
    expect(set.levels.map((l) => [l.id, l.name])).toEqual([
      ['so', 'Các sở, ban, ngành'],
      ['xa', 'UBND cấp xã'],
    ]);
  });

  it('its whole template lays out each level row and names no district', () => {
    const content = annexTemplate(set, { unitName: 'UBND phường Tân Phong' });
    const text = textOf(content);
    expect(text).not.toMatch(/huyện/i);
    expect(text).toContain('UBND cấp xã');
    const grid = toGrid(content);
    const blank = checkSheet(grid, { targetSets: [set] });
    expect(blank.status).toBe('needs-input');
    expect(blank.needs).toEqual(['quarter']);
    expect(blank.context).toMatchObject({
      targetSetId: 'dong-nai-2026',
      level: 'xa',
      unitName: 'UBND phường Tân Phong',
      sources: { targetSet: 'content', level: 'unit-name', unitName: 'title' },
    });
    const rows = (blank.layout?.rows ?? []).filter((r) => r.indicatorId);
    expect(rows.map((r) => [r.indicatorId, r.targetRow])).toEqual([
      [set.indicators[0]?.id, 0],
      [set.indicators[0]?.id, 1],
      [set.indicators[1]?.id, 0],
      [set.indicators[2]?.id, 0],
    ]);
  });

  it("a commune's template holds only the commune's rows, checked against their minimums", () => {
    const unitName = 'UBND xã Tân Lập';
    const layout = templateLayoutSet(set, 'xa', unitName);
    // indicator 3 is Sở Tư pháp's alone: no row for a commune
    expect(layout.indicators.map((i) => [i.id, i.targets.length])).toEqual([
      [set.indicators[0]?.id, 1],
      [set.indicators[1]?.id, 1],
    ]);
    expect(layout.indicators[0]?.targets[0]?.appliesTo.levels).toEqual(['xa']);
    const grid = toGrid(annexTemplate(layout, { unitName }));
    const pay = set.indicators[0]?.id as string;
    const q1 = resultCell(grid, layout, pay, 0, 1);
    const q2 = resultCell(grid, layout, pay, 0, 2);
    const result = checkSheet(fill(grid, { [q1]: 0.62, [q2]: 0.63 }), { targetSets: [set] });
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({ level: 'xa', quarter: 2, targetSetId: 'dong-nai-2026' });
    const judged = result.findings.filter((f) => f.cell === q1 || f.cell === q2);
    expect(
      judged.map((f) => [
        f.cell,
        f.code,
        f.code === 'met' || f.code === 'below-minimum' ? f.minimum.value : null,
      ]),
    ).toEqual([
      [q1, 'met', 60],
      [q2, 'below-minimum', 65],
    ]);
    // no row of the sheet is a district's, and none is unrecognised
    expect(result.findings.filter((f) => f.code === 'unrecognised-row')).toEqual([]);
  });

  it.each([
    ['Sở Y tế', 'so'],
    ['Văn phòng UBND tỉnh', 'so'],
    ['UBND xã Tân Lập', 'xa'],
    ['UBND phường Tân Phong', 'xa'],
    ['UBND đặc khu Côn Đảo', 'xa'],
    ['UBND huyện Lộc Ninh', undefined],
    ['UBND thị xã Chơn Thành', undefined],
    ['UBND thành phố Biên Hòa', undefined],
  ])('the level of "%s" is %s', (name, level) => {
    expect(levelOfUnit(name, set)).toBe(level);
  });

  it("a district's sheet checked with it is asked for its level, not judged as another level", () => {
    const grid = toGrid(annexTemplate(set, { unitName: 'UBND huyện Lộc Ninh' }));
    const result = checkSheet(grid, { targetSets: [set], quarter: 1 });
    expect(result.status).toBe('needs-input');
    expect(result.needs).toEqual(['level']);
    expect(result.context.level).toBeUndefined();
    // a district level given is one the set does not have: asked for again
    const given = checkSheet(grid, { targetSet: set, level: 'huyen', quarter: 1 });
    expect(given.status).toBe('needs-input');
    expect(given.needs).toEqual(['level']);
  });

  it("the words name the set's own levels: no district for a set of 2026", () => {
    const finding = {
      code: 'unrecognised-row',
      text: 'Đồng Xoài',
      row: 7,
      needs: 'level',
      cell: 'B7',
    } as unknown as SheetFinding;
    expect(describeFinding(finding, { targetSet: set })).toBe(
      'Dòng 7: không rõ cấp của đơn vị "Đồng Xoài" (Các sở, ban, ngành hay UBND cấp xã) nên chưa đánh giá; hãy ghi cấp ở cột "Cấp" hoặc chọn cấp',
    );
    expect(describeFinding(finding, { targetSet: set, locale: 'en' })).toContain(
      `(${set.levels.map((l) => l.nameEn ?? l.name).join(' or ')})`,
    );
    expect(describeFinding(finding, { targetSet: set, locale: 'en' })).not.toMatch(/district/i);
  });
});

describe('a pre-reform set (with districts) used on a commune', () => {
  const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;

  it('says which rows it does not assign to communes: the district rows typed in, and the indicators with none', () => {
    const unitName = 'UBND xã Lộc Tấn';
    const grid = toGrid(annexTemplate(bp, { unitName }), 'Phụ lục');
    // online payment: a row for departments and one for districts, none for communes; electronic
    // certification: the one indicator the set assigns to communes
    const districtCell = resultCell(grid, bp, 'thanh-toan-truc-tuyen', 1, 1);
    const communeCell = resultCell(grid, bp, 'chung-thuc-dien-tu', 0, 1);
    const result = checkSheet(fill(grid, { [districtCell]: 0.9, [communeCell]: 1 }));
    expect(result.context).toMatchObject({
      targetSetId: 'binh-phuoc-2025',
      level: 'xa',
      quarter: 1,
    });
    const notice = result.notices.find((n) => n.code === 'values-not-assigned');
    expect(notice).toMatchObject({
      code: 'values-not-assigned',
      level: 'xa',
      count: 1,
      cells: [districtCell],
    });
    expect(notice && 'assignedTo' in notice ? notice.assignedTo : []).toContain('huyen');
    const words = describeNotice(notice as never, { targetSet: bp });
    expect(words).toContain(districtCell);
    expect(words).toContain('UBND cấp xã');
    // the commune's own row is judged; the district row's value is kept, not judged
    expect(result.findings.find((f) => f.cell === communeCell)?.code).toBe('met');
    expect(result.findings.find((f) => f.cell === districtCell)?.code).toBe('not-applicable');
    // indicators the set assigns to no commune: not applicable, each named
    const none = bp.indicators
      .filter((i) => !i.targets.some((t) => t.appliesTo.levels.includes('xa')))
      .map((i) => i.id);
    expect(none.length).toBeGreaterThan(0);
    const notApplicable = new Set(
      result.findings.filter((f) => f.code === 'not-applicable').map((f) => f.indicatorId),
    );
    for (const id of none) expect(notApplicable.has(id)).toBe(true);
  });
});
