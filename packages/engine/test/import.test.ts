/**
 * `importTargetSet`: an official annex sheet read into a target set. Seed 000's annex pasted as
 * it is gives the numbers of `binh-phuoc-2025`, seed 004's table those of `nq01-nq02-2025`; a
 * two-level annex (2026, only "Các sở, ban, ngành" and "UBND cấp xã") imports and then checks a
 * commune's workbook.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetFinding } from '../src/annex/check.js';
import type { ContentCell, SheetContent } from '../src/annex/content.js';
import { annexTemplate } from '../src/annex/template.js';
import type { Cell } from '../src/cell.js';
import { rowComparator } from '../src/evaluate.js';
import type { Grid } from '../src/grid.js';
import { importTargetSet } from '../src/import/import-set.js';
import { IMPORT_LEVELS, readAgencyCell } from '../src/import/levels.js';
import { readTitle } from '../src/import/title.js';
import type {
  ImportError,
  ImportedTargetSet,
  ImportOptions,
  ImportWarning,
  ImportWarningCode,
} from '../src/import/types.js';
import { describeImportError, describeImportWarning } from '../src/messages/import.js';
import type { Indicator, TargetNumber, TargetRow, TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { parseTargetSetJson } from '../src/target-sets/load.js';
import { parseGridText, readGridFixture } from './fixtures/grid-text.js';
import { pasteLines } from './paste.js';
import { readNational004, readSeed } from './seeds.js';

function builtin(id: string): TargetSet {
  const s = getBuiltinTargetSet(id);
  if (!s) throw new Error(`missing built-in set ${id}`);
  return s;
}

function imported(grid: Grid, options?: ImportOptions): ImportedTargetSet {
  const r = importTargetSet(grid, options);
  if (!r.success) throw new Error(describeImportError(r.error, 'en'));
  return r.data;
}

function failure(grid: Grid, options?: ImportOptions): ImportError {
  const r = importTargetSet(grid, options);
  if (r.success) throw new Error('imported, expected a failure');
  return r.error;
}

const num = (t: TargetNumber | null | undefined) =>
  t === null || t === undefined ? t : typeof t === 'number' ? t : t.value;

/** What a check compares: for whom, the numbers, the comparators (row and value), the unit. */
function numbers(ind: Indicator) {
  return {
    stt: ind.stt,
    section: ind.section,
    unit: ind.unit,
    direction: ind.direction,
    targets: ind.targets.map((row: TargetRow) => {
      // each value with the comparator it is met by: its own, else the row's
      const met = (t: TargetNumber | null | undefined) =>
        t === null || t === undefined
          ? t
          : [num(t), (typeof t === 'object' && t.comparator) || rowComparator(ind, row)];
      return {
        appliesTo: row.appliesTo,
        annual: met(row.annual),
        quarterly: row.quarterly?.map(met),
      };
    }),
  };
}

/** Seed 000's annex, from "Phụ lục" to the end, pasted into a sheet as it is. */
function annex000(): Grid {
  const lines = readSeed('000_4a6aa745d4bb8951.txt').split('\n');
  const start = lines.findIndex((l) => l.startsWith('**Phụ lục**'));
  return pasteLines(lines.slice(start), 'Phụ lục');
}

describe("seed 000's annex imports to binh-phuoc-2025, number for number", () => {
  const result = imported(annex000());
  const bp = builtin('binh-phuoc-2025');

  it('has the 18 indicators, in order, with the built-in ids and names', () => {
    expect(result.set.indicators.map((i) => i.id)).toEqual(bp.indicators.map((i) => i.id));
    expect(result.set.indicators.map((i) => i.name)).toEqual(bp.indicators.map((i) => i.name));
    expect(result.set.sections).toEqual(bp.sections.map(({ id, title }) => ({ id, title })));
    expect(result.set.levels.map((l) => [l.id, l.name])).toEqual(
      bp.levels.map((l) => [l.id, l.name]),
    );
  });

  it.each(bp.indicators.map((i) => [i.stt, i] as const))(
    'indicator %s: levels, agencies, annual, quarterly, comparators, unit',
    (stt, official) => {
      const ind = result.set.indicators.find((i) => i.stt === stt);
      expect(ind).toBeDefined();
      if (!ind) return;
      expect(numbers(ind)).toEqual(numbers(official));
      expect(ind.targets.map((t) => [t.lead, t.coordinators, t.notes])).toEqual(
        official.targets.map((t) => [t.lead, t.coordinators, t.notes]),
      );
    },
  );

  it('reads the title, province, year and document from the lines above the table', () => {
    expect(result.set.title).toBe(bp.title);
    expect(result.set.province).toBe('Bình Phước');
    expect(result.set.year).toBe(2025);
    expect(result.set.document).toEqual({
      type: 'Quyết định',
      number: '/QĐ-UBND',
      date: '2025',
      issuer: 'Chủ tịch UBND tỉnh Bình Phước',
      basis: [],
    });
  });

  it('keeps clear of the built-in id, and passes the validation of `targets validate`', () => {
    expect(result.set.id).toBe('binh-phuoc-2025-phu-luc');
    const again = parseTargetSetJson(JSON.stringify(result.set), {
      builtin: getBuiltinTargetSet,
    });
    expect(again.success).toBe(true);
    expect(importTargetSet(annex000(), { id: 'binh-phuoc-2025' })).toMatchObject({
      success: false,
      error: { code: 'invalid-set', issues: [{ path: 'id', problem: { kind: 'builtin-id' } }] },
    });
  });

  it('reviews every target row: its cells, levels and the comparator as written', () => {
    expect(result.rows).toHaveLength(21);
    const row2 = result.rows.filter((r) => r.stt === '2');
    expect(row2.map((r) => [r.row, r.levels, r.annual?.value, r.annual?.cell])).toEqual([
      [12, ['so'], 85, 'E12'],
      [13, ['huyen'], 75, 'E13'],
    ]);
    expect(row2[1]?.quarterly.map((q) => [q?.value, q?.cell])).toEqual([
      [60, 'F13'],
      [65, 'G13'],
      [70, 'H13'],
      [75, 'I13'],
    ]);
    // "Lộ trình thực hiện (tối thiểu)": the heading says how the roadmap is met
    expect(new Set(result.rows.map((r) => `${r.comparator} ${r.written}`))).toEqual(
      new Set(['at-least tối thiểu']),
    );
    expect(result.rows.find((r) => r.stt === '16')?.shortName).toBe(
      'Văn bản, hồ sơ xử lý toàn trình',
    );
  });

  it('warns for each lead-agency cell read as named agencies, and for the id, nothing else', () => {
    expect(result.warnings).toEqual([
      { code: 'agencies-named', cell: 'C31', agencies: ['Sở Tư pháp'], levels: ['huyen', 'xa'] },
      { code: 'agencies-named', cell: 'C33', agencies: ['Văn phòng UBND tỉnh'], levels: [] },
      { code: 'agencies-named', cell: 'C34', agencies: ['Văn phòng UBND tỉnh'], levels: [] },
      { code: 'agencies-named', cell: 'C41', agencies: ['Sở Khoa học và Công nghệ'], levels: [] },
      { code: 'agencies-named', cell: 'C42', agencies: ['Sở Khoa học và Công nghệ'], levels: [] },
      { code: 'id-taken', id: 'binh-phuoc-2025-phu-luc', builtin: 'binh-phuoc-2025' },
    ]);
    expect(describeImportWarning(result.warnings[0] as never)).toBe(
      'Ô C31: "Sở Tư pháp" được đọc là cơ quan cụ thể (không phải một cấp); các cấp: huyen, xa',
    );
    expect(describeImportWarning(result.warnings[0] as never, 'en')).toBe(
      'Cell C31: "Sở Tư pháp" read as named agencies (not a level); levels: huyen, xa',
    );
  });

  it('--id and --title override; the province and year are read from the title given', () => {
    const r = imported(annex000(), {
      id: 'dong-nai-2026',
      title: 'Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai',
    });
    expect([r.set.id, r.set.title, r.set.province, r.set.year]).toEqual([
      'dong-nai-2026',
      'Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai',
      'Đồng Nai',
      2026,
    ]);
    expect(r.warnings.some((w) => w.code === 'id-taken')).toBe(false);
  });
});

describe('the template of a built-in set imports back to its numbers (results columns ignored)', () => {
  const toCell = (c: ContentCell): Cell =>
    c.numberFormat === undefined
      ? {
          value: c.value,
          type: c.value === null ? 'empty' : typeof c.value === 'number' ? 'number' : 'string',
        }
      : { value: c.value, numberFormat: c.numberFormat, type: 'number' };
  const toGrid = (content: SheetContent): Grid => ({
    name: 'Phụ lục',
    rows: content.rows.map((row) => row.map((c) => (c === undefined ? undefined : toCell(c)))),
    merges: content.merges ?? [],
  });

  it.each(['binh-phuoc-2025', 'nq01-nq02-2025'])('%s', (id) => {
    const official = builtin(id);
    const r = imported(toGrid(annexTemplate(official)));
    const byKey = (s: TargetSet) =>
      s.indicators.map((i) => ({
        ...numbers(i),
        targets: numbers(i).targets.map((t) => ({
          ...t,
          appliesTo: { levels: t.appliesTo.levels, agencies: t.appliesTo.agencies },
        })),
      }));
    expect(byKey(r.set)).toEqual(byKey(official));
    expect([r.set.province, r.set.year]).toEqual([official.province, official.year]);
  });
});

/** Seed 004's Phụ lục II as a sheet: its two tables (01/NQ-CP, 02/NQ-CP), each under its heading. */
function annex004(letterhead: boolean): Grid {
  const seed = readNational004();
  const header = ['STT', 'Chỉ tiêu', 'Đơn vị', 'Chỉ tiêu năm 2025'].join('\t');
  const lines = [
    ...(letterhead
      ? [
          'ỦY BAN NHÂN DÂN',
          'TỈNH PHÚ THỌ',
          'Số: 617/KH-UBND',
          'Phú Thọ, ngày 13 tháng 02 năm 2025',
          'KẾ HOẠCH',
        ]
      : []),
    'PHỤ LỤC II',
    'CHỈ TIÊU CỤ THỂ VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH, HIỆN ĐẠI HÓA PHƯƠNG THỨC CHỈ ĐẠO, ĐIỀU HÀNH',
    '1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP',
    header,
  ];
  for (const s of seed) {
    if (s.resolution === '02' && s.stt === '1')
      lines.push('2. Chỉ tiêu giao tại Nghị quyết số 02/NQ-CP', header);
    lines.push([`${s.stt}.`, s.name, s.unit, s.target].join('\t'));
  }
  return pasteLines(lines, 'Phụ lục II');
}

describe("seed 004's table imports to nq01-nq02-2025", () => {
  const nq = builtin('nq01-nq02-2025');
  const result = imported(annex004(true));

  it('has its 15 indicators in its two sections, annual targets only', () => {
    expect(result.set.indicators.map((i) => [i.section, i.stt, i.id])).toEqual(
      nq.indicators.map((i) => [i.section, i.stt, i.id]),
    );
    expect(result.set.sections).toEqual(nq.sections.map(({ id, title }) => ({ id, title })));
    expect(result.rows.every((r) => r.quarterly.length === 0)).toBe(true);
  });

  it.each(nq.indicators.map((i) => [`${i.section}/${i.stt}`, i] as const))(
    'indicator %s',
    (_key, official) => {
      const ind = result.set.indicators.find(
        (i) => i.section === official.section && i.stt === official.stt,
      );
      expect(ind).toBeDefined();
      if (!ind) return;
      expect(ind.name).toBe(official.name);
      expect(numbers(ind)).toEqual(numbers(official));
      // "Tối thiểu 50" keeps its words, as the built-in set does
      expect(ind.targets.map((t) => t.annual)).toEqual(official.targets.map((t) => t.annual));
    },
  );

  it('reads the plan of the letterhead; no lead column: every level, not stated, and says so', () => {
    expect([result.set.province, result.set.year, result.set.document]).toEqual([
      'Phú Thọ',
      2025,
      {
        type: 'Kế hoạch',
        number: '617/KH-UBND',
        date: '2025-02-13',
        issuer: 'UBND tỉnh Phú Thọ',
        basis: [],
      },
    ]);
    expect(result.set.id).toBe('phu-tho-2025');
    expect(result.warnings).toEqual([{ code: 'lead-missing', levels: ['so', 'huyen', 'xa'] }]);
    const minimum = result.rows.find((r) => r.section === '2' && r.stt === '2');
    expect([minimum?.annual, minimum?.comparator, minimum?.written]).toEqual([
      { value: 50, cell: 'D24', comparator: 'at-least', written: 'tối thiểu' },
      'at-least',
      'tối thiểu',
    ]);
    expect(result.rows.find((r) => r.section === '1' && r.stt === '1')?.written).toBeUndefined();
  });

  it('without the letterhead the province is not known: an error that says to give --title', () => {
    const error = failure(annex004(false));
    expect(error).toEqual({ code: 'no-province' });
    expect(describeImportError(error)).toContain('--title');
    const r = imported(annex004(false), {
      title: 'Chỉ tiêu cải cách thủ tục hành chính năm 2025 của tỉnh Phú Thọ',
    });
    expect([r.set.province, r.set.year, r.set.document.type]).toEqual([
      'Phú Thọ',
      2025,
      'Quyết định',
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['lead-missing', 'document-missing']);
  });
});

/**
 * A 2026 annex of a province after the reform (two levels: "Các sở, ban, ngành" and "UBND cấp
 * xã"), made for the test: per-level rows with merged Stt and Nhiệm vụ, percent-formatted
 * targets, "trên 98%", "Từ 80% trở lên", "Tối thiểu 90%", a named agency, a repeated header
 * and a continuation row. `results` adds "Kết quả thực hiện" Quý I–II columns and the unit.
 */
const HEADER = [
  'Stt\tNhiệm vụ\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tChỉ tiêu thực hiện trong năm 2026\tLộ trình thực hiện (tối thiểu)\t\t\t\tGhi chú',
  '\t\t\t\t\tQuý I\tQuý II\tQuý III\tQuý IV',
];
const P = (n: number) => `=${n} @0%`;
function dongNai2026(results?: Record<string, [string, string]>): Grid {
  const res = (row: string) => {
    const r = results?.[row];
    return r ? `\t${r[0]}\t${r[1]}` : '';
  };
  const header = results
    ? [`${HEADER[0]?.replace('\tGhi chú', '\tKết quả thực hiện')}`, `${HEADER[1]}\tQuý I\tQuý II`]
    : HEADER;
  // With results, "Ghi chú" gives way to the results group: the same columns A–I, then J–K.
  const note = (text: string) => (results ? '' : `\t${text}`);
  const lines = [
    'PHỤ LỤC',
    'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH GẮN VỚI CHUYỂN ĐỔI SỐ NĂM 2026 TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI',
    '(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/01/2026 của Chủ tịch UBND tỉnh Đồng Nai)',
    results ? 'Đơn vị báo cáo: UBND xã Tân Lập' : '',
    ...header,
    'I. Nâng cao chất lượng phục vụ người dân, doanh nghiệp',
    `1.\tTỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công\tCác sở, ban, ngành\tSở Khoa học và Công nghệ, Văn phòng UBND tỉnh\t${P(0.9)}\t${P(0.8)}\t${P(0.85)}\t${P(0.88)}\t${P(0.9)}${note('Năm 2025: 85,2%')}${res('8')}`,
    `\t\tUBND cấp xã\tSở Khoa học và Công nghệ\t${P(0.8)}\t${P(0.6)}\t${P(0.65)}\t${P(0.7)}\t${P(0.8)}${note('')}${res('9')}`,
    `2.\tTỷ lệ hồ sơ giải quyết đúng hạn\tCác sở, ban, ngành; UBND cấp xã\tVăn phòng UBND tỉnh\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%${note('')}${res('10')}`,
    `3.\tTỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\tCác sở, ban, ngành và UBND cấp xã\tSở Khoa học và Công nghệ\tTừ 80% trở lên\t${P(0.8)}\t${P(0.8)}\t${P(0.8)}\t${P(0.8)}${note('')}${res('11')}`,
    'II. Hoạt động quản trị nội bộ, chỉ đạo, điều hành trên môi trường số',
    `4.\tTỷ lệ văn bản, hồ sơ công việc được thực hiện toàn trình trên Hệ thống Quản lý văn bản và điều hành (Không xử lý song song\tCác sở, ban, ngành; UBND cấp xã\tSở Khoa học và Công nghệ\t${P(0.95)}\t${P(0.95)}\t${P(0.95)}\t${P(0.95)}\t${P(0.95)}${note('')}${res('13')}`,
    ...header,
    '\tvăn bản, hồ sơ điện tử và văn bản, hồ sơ giấy).',
    `5.\tTỷ lệ chứng thực bản sao điện tử từ bản chính\tSở Tư pháp, UBND cấp xã\tVăn phòng UBND tỉnh\tTối thiểu 90%\t${P(0.9)}\t${P(0.9)}\t${P(0.9)}\t${P(0.9)}${note('Ngoài Nghị quyết')}${res('17')}`,
    results ? '%merge A8:A9 B8:B9 F5:I5 J5:K5' : '%merge A8:A9 B8:B9 F5:I5',
    '%name Phụ lục',
  ];
  return parseGridText(lines.join('\n'));
}

describe('a two-level annex (Đồng Nai 2026): imported, then checking a commune', () => {
  const result = imported(dongNai2026());
  const { set } = result;

  it('has only the two levels of 2026, read from the lead-agency cells', () => {
    expect(set.levels.map((l) => l.id)).toEqual(['so', 'xa']);
    expect([set.id, set.province, set.year, set.document.number, set.document.date]).toEqual([
      'dong-nai-2026',
      'Đồng Nai',
      2026,
      '15/QĐ-UBND',
      '2026-01-05',
    ]);
    expect(
      set.indicators.map((i) => [i.stt, i.section, i.targets.map((t) => t.appliesTo)]),
    ).toEqual([
      [
        '1',
        'I',
        [
          { levels: ['so'], agencies: [] },
          { levels: ['xa'], agencies: [] },
        ],
      ],
      ['2', 'I', [{ levels: ['so', 'xa'], agencies: [] }]],
      ['3', 'I', [{ levels: ['so', 'xa'], agencies: [] }]],
      ['4', 'II', [{ levels: ['so', 'xa'], agencies: [] }]],
      ['5', 'II', [{ levels: ['xa'], agencies: ['Sở Tư pháp'] }]],
    ]);
    expect(set.indicators[3]?.name).toBe(
      'Tỷ lệ văn bản, hồ sơ công việc được thực hiện toàn trình trên Hệ thống Quản lý văn bản và điều hành (Không xử lý song song văn bản, hồ sơ điện tử và văn bản, hồ sơ giấy).',
    );
  });

  it('reads each comparator as written, and keeps its words', () => {
    const [a, b, c, , e] = set.indicators;
    expect(a?.targets.map((t) => [t.annual, t.quarterly])).toEqual([
      [90, [80, 85, 88, 90]],
      [80, [60, 65, 70, 80]],
    ]);
    expect(a?.targets[0]?.notes).toEqual([
      { kind: 'previous-result', year: 2025, value: 85.2, text: 'Năm 2025: 85,2%' },
    ]);
    const above = { value: 98, comparator: 'above', text: 'trên 98%' };
    expect(b?.targets[0]).toMatchObject({ annual: above, quarterly: [above, above, above, above] });
    expect(c?.targets[0]?.annual).toEqual({
      value: 80,
      comparator: 'at-least',
      text: 'Từ 80% trở lên',
    });
    expect(e?.targets[0]?.annual).toEqual({
      value: 90,
      comparator: 'at-least',
      text: 'Tối thiểu 90%',
    });
    expect(e?.targets[0]?.notes).toEqual([{ kind: 'text', text: 'Ngoài Nghị quyết' }]);
    expect(result.rows.map((r) => [r.stt, r.comparator, r.written])).toEqual([
      ['1', 'at-least', 'tối thiểu'],
      ['1', 'at-least', 'tối thiểu'],
      ['2', 'above', 'trên'],
      ['3', 'at-least', 'từ … trở lên'],
      ['4', 'at-least', 'tối thiểu'],
      ['5', 'at-least', 'tối thiểu'],
    ]);
    expect(result.warnings).toEqual([
      { code: 'agencies-named', cell: 'C17', agencies: ['Sở Tư pháp'], levels: ['xa'] },
    ]);
  });

  it("checks a commune's workbook with the imported set: the findings of its rows", () => {
    const workbook = dongNai2026({
      '8': [P(0.85), P(0.9)], // the departments' row: not the commune's
      '9': [P(0.62), P(0.63)], // Q2 63% < 65%
      '10': [P(0.98), P(0.99)], // Q1 98% is not above 98%
      '11': [P(0.81), ''], // Q2 blank
      '13': [P(0.96), P(0.97)],
      '17': [P(0.9), P(0.85)], // Q2 85% < 90%
    });
    const check = checkSheet(workbook, { targetSet: set, quarter: 2 });
    expect(check.status).toBe('checked');
    expect([check.context.level, check.context.unitName]).toEqual(['xa', 'UBND xã Tân Lập']);
    const digest = (f: SheetFinding) =>
      f.code === 'below-minimum'
        ? [f.cell, f.code, f.value, f.minimum.value, f.minimum.comparator]
        : f.code === 'met'
          ? [f.cell, f.code, f.value]
          : [f.cell, f.code];
    expect(check.findings.filter((f) => f.code !== 'not-applicable').map(digest)).toEqual([
      ['J9', 'met', 62],
      ['K9', 'below-minimum', 63, 65, 'at-least'],
      ['J10', 'below-minimum', 98, 98, 'above'],
      ['K10', 'met', 99],
      ['J11', 'met', 81],
      ['K11', 'missing-value'],
      ['J13', 'met', 96],
      ['K13', 'met', 97],
      ['J17', 'met', 90],
      ['K17', 'below-minimum', 85, 90, 'at-least'],
    ]);
  });
});

describe('reading the lead-agency and co-ordinating cells', () => {
  const read = (text: string) => readAgencyCell(text, IMPORT_LEVELS);
  it.each([
    [
      'Các sở, ban, ngành, UBND cấp huyện',
      [
        ['Các sở, ban, ngành', 'so'],
        ['UBND cấp huyện', 'huyen'],
      ],
    ],
    [
      'Sở Tư pháp, UBND cấp huyện, UBND cấp xã',
      [['Sở Tư pháp'], ['UBND cấp huyện', 'huyen'], ['UBND cấp xã', 'xa']],
    ],
    [
      'Các sở, ban, ngành và UBND cấp xã',
      [
        ['Các sở, ban, ngành', 'so'],
        ['UBND cấp xã', 'xa'],
      ],
    ],
    ['UBND các xã, phường, đặc khu', [['UBND các xã, phường, đặc khu', 'xa']]],
    [
      'Các Sở, ban, ngành; UBND các huyện, thị xã, thành phố',
      [
        ['Các Sở, ban, ngành', 'so'],
        ['UBND các huyện, thị xã, thành phố', 'huyen'],
      ],
    ],
    [
      'Sở Khoa học và Công nghệ, Văn phòng UBND tỉnh',
      [['Sở Khoa học và Công nghệ'], ['Văn phòng UBND tỉnh']],
    ],
    ['UBND thành phố Đồng Xoài', [['UBND thành phố Đồng Xoài']]],
  ])('%s', (text, pieces) => {
    expect(read(text).map((p) => (p.level ? [p.text, p.level] : [p.text]))).toEqual(pieces);
  });
});

describe('reading the title lines', () => {
  it("the template's document line with a full date, and a title in mixed case", () => {
    expect(
      readTitle([
        'Phụ lục',
        'Chỉ tiêu cải cách thủ tục hành chính năm 2026 trên địa bàn tỉnh Đồng Nai',
        '(Kèm theo Kế hoạch số 12/KH-UBND ngày 5/1/2026 của UBND tỉnh Đồng Nai)',
        'Đơn vị báo cáo: Sở Y tế',
      ]),
    ).toEqual({
      title: 'Chỉ tiêu cải cách thủ tục hành chính năm 2026 trên địa bàn tỉnh Đồng Nai',
      province: 'Đồng Nai',
      year: 2026,
      document: {
        type: 'Kế hoạch',
        number: '12/KH-UBND',
        date: '2026-01-05',
        issuer: 'UBND tỉnh Đồng Nai',
      },
    });
  });

  it('a province in capitals ends before the year; no province, no year', () => {
    expect(readTitle(['CHỈ TIÊU TỈNH ĐỒNG NAI NĂM 2026']).province).toBe('Đồng Nai');
    expect(readTitle(['Bảng chỉ tiêu'])).toEqual({ title: undefined, document: {} } as never);
  });
});

describe('fractions, words and rows a reviewer should look at', () => {
  const grid = parseGridText(
    [
      'Chỉ tiêu năm 2026 của tỉnh Đồng Nai',
      'Stt\tNhiệm vụ\tCơ quan chủ trì\tChỉ tiêu năm 2026\tQ1\tQ2\tQ3\tQ4',
      '1.\tTỷ lệ hồ sơ giải quyết đúng hạn\tUBND cấp xã\t=1\t=0.9\t=0.95\t=1\t=1',
      '2.\tTỷ lệ hồ sơ trực tuyến\t\t100% (15/15)\tx\tkhông rõ\t\t=0.8',
      '9.\t\t\t=5',
      '\tTỷ lệ thanh toán trực tuyến\tUBND cấp xã\t\t=0.6',
      '4.\tSố văn bản được số hóa\tCác sở, ban, ngành\t=120\t=30\t=60\t=90\t=120',
    ].join('\n'),
  );
  const r = imported(grid);

  it('reads plain numbers ≤ 1 as fractions of 100% in a table that writes them so, and says so', () => {
    expect(r.set.indicators[0]?.targets[0]).toMatchObject({
      annual: 100,
      quarterly: [90, 95, 100, 100],
    });
    expect(r.set.indicators.map((i) => i.stt)).toEqual(['1', '2', '3', '4']);
    expect(r.set.indicators[3]?.unit).toEqual({ kind: 'count' });
    expect(r.set.indicators[3]?.targets[0]).toMatchObject({
      annual: 120,
      quarterly: [30, 60, 90, 120],
    });
    expect(
      r.warnings
        .filter((w) => w.code === 'value-read')
        .map((w) => [w.cell, (w as { how: string }).how]),
    ).toEqual([
      ['D3', 'fraction'],
      ['E3', 'fraction'],
      ['F3', 'fraction'],
      ['G3', 'fraction'],
      ['H3', 'fraction'],
      ['D4', 'words'],
      ['H4', 'fraction'],
      ['E6', 'fraction'],
    ]);
  });

  it('tells the row it skipped, the guessed units, the empty lead, the cells it could not read', () => {
    const others = r.warnings.filter((w) => w.code !== 'value-read');
    expect(others).toEqual([
      { code: 'row-not-read', cell: 'A5', text: '5' },
      { code: 'unit-guessed', cell: 'B3', unit: { kind: 'percent' }, from: 'name' },
      { code: 'lead-missing', cell: 'C4', levels: ['so', 'xa'] },
      { code: 'value-not-read', cell: 'F4', text: 'không rõ' },
      { code: 'stt-missing', cell: 'A6', stt: '3' },
      { code: 'unit-guessed', cell: 'B6', unit: { kind: 'percent' }, from: 'name' },
      { code: 'unit-guessed', cell: 'B7', unit: { kind: 'count' }, from: 'nothing' },
      { code: 'document-missing', type: 'Quyết định', issuer: 'UBND tỉnh Đồng Nai' },
    ]);
    expect(r.set.title).toBe('Chỉ tiêu năm 2026 của tỉnh Đồng Nai');
    for (const w of r.warnings) {
      expect(describeImportWarning(w, 'vi')).not.toBe(describeImportWarning(w, 'en'));
      if ('cell' in w && w.cell) expect(describeImportWarning(w, 'vi')).toContain(w.cell);
    }
  });
});

describe('what is not an annex, and what cannot be imported', () => {
  it.each([
    ['empty', readGridFixture('empty'), { code: 'not-an-annex', reason: 'empty' }],
    ['not-annex', readGridFixture('not-annex'), { code: 'not-an-annex', reason: 'no-header' }],
  ])('%s', (_name, grid, error) => {
    expect(failure(grid)).toEqual(error);
    expect(describeImportError(failure(grid))).not.toBe(describeImportError(failure(grid), 'en'));
  });

  it('a bad --id; no year anywhere', () => {
    expect(failure(annex000(), { id: 'Bình Phước' })).toEqual({ code: 'bad-id', id: 'Bình Phước' });
    const noYear = parseGridText(
      'Chỉ tiêu của tỉnh Đồng Nai\nStt\tNhiệm vụ\tCơ quan chủ trì\tChỉ tiêu năm\tQuý I\n1.\tTỷ lệ A\tUBND cấp xã\t=90 @0%\t=50',
    );
    expect(failure(noYear)).toEqual({ code: 'no-year' });
  });

  it('a repeated Stt in a section: an invalid set, each problem at its cell', () => {
    const grid = parseGridText(
      [
        'Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai',
        'Stt\tNhiệm vụ\tCơ quan chủ trì\tChỉ tiêu năm 2026',
        '1.\tTỷ lệ hồ sơ trực tuyến\tUBND cấp xã\t90%',
        '1.\tTỷ lệ thanh toán trực tuyến\tUBND cấp xã\t80%',
      ].join('\n'),
    );
    const error = failure(grid);
    expect(error).toMatchObject({
      code: 'invalid-set',
      issues: [{ path: 'indicators[1].stt', cell: 'B4', problem: { kind: 'duplicate-stt' } }],
    });
    expect(describeImportError(error)).toContain('ô B4, indicators[1].stt:');
  });
});

describe('every warning and error in both languages', () => {
  const percent = { kind: 'percent' } as const;
  const warnings: Record<ImportWarningCode, ImportWarning> = {
    'value-read': {
      code: 'value-read',
      cell: 'E9',
      text: '0.85',
      value: 85,
      unit: percent,
      how: 'fraction',
    },
    'value-not-read': { code: 'value-not-read', cell: 'F9', text: '???' },
    'agencies-named': { code: 'agencies-named', cell: 'C9', agencies: ['Sở Tư pháp'], levels: [] },
    'lead-missing': { code: 'lead-missing', levels: ['so', 'xa'] },
    'unit-guessed': { code: 'unit-guessed', cell: 'B9', unit: { kind: 'count' }, from: 'nothing' },
    'stt-missing': { code: 'stt-missing', cell: 'A9', stt: '3' },
    'row-not-read': { code: 'row-not-read', cell: 'A9', text: '5' },
    'no-targets': { code: 'no-targets', cell: 'B9', stt: '3' },
    'title-missing': {
      code: 'title-missing',
      title: 'Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai',
    },
    'document-missing': {
      code: 'document-missing',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Đồng Nai',
    },
    'id-taken': { code: 'id-taken', id: 'binh-phuoc-2025-phu-luc', builtin: 'binh-phuoc-2025' },
  };
  it.each(Object.values(warnings).map((w) => [w.code, w] as const))('%s', (_code, w) => {
    const vi = describeImportWarning(w, 'vi');
    const en = describeImportWarning(w, 'en');
    expect(vi).not.toBe(en);
    expect(vi).not.toMatch(/\b(the|cell|read|level|is)\b/);
    expect(en).not.toMatch(/\b(được|không|cấp)\b/u);
    if ('cell' in w && w.cell) {
      expect(vi).toContain(`Ô ${w.cell}`);
      expect(en).toContain(`Cell ${w.cell}`);
    }
  });
});
