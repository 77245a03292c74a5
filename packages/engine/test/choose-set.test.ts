/**
 * Which target set a sheet is checked against when none is given, said in a notice; and the
 * tables that are not annexes although their rows look like one: seed 003's task list, a helper
 * sheet of raw counts. Grids are the seeds' own tables pasted as they are.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import { IndicatorMatcher } from '../src/annex/match.js';
import type { Cell } from '../src/cell.js';
import type { Grid } from '../src/grid.js';
import { describeNotice } from '../src/messages/notices.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { pasteLines } from './paste.js';
import { readAnnex000, readNational004, readSeed } from './seeds.js';

const set = (id: string) => getBuiltinTargetSet(id) as TargetSet;

function digest(findings: readonly SheetFinding[]): unknown[][] {
  return findings.map((f) => {
    const d: unknown[] = [f.cell ?? null, f.code];
    if (f.code === 'target-mismatch') d.push(f.indicatorId, f.value, f.official, f.lowered);
    else if (f.code === 'below-minimum' || f.code === 'met') d.push(f.value, f.minimum.value);
    else if (f.code === 'not-an-annex') d.push(f.reason);
    return d;
  });
}

/**
 * The findings without a cell: one for each indicator of the set the sheet does not have (absent
 * for the unit, or assigned to others), and nothing else.
 */
function expectOnlyAbsent(result: SheetCheck, inSheet: readonly string[]): void {
  const cellLess = result.findings.filter((f) => f.cell === undefined);
  for (const f of cellLess)
    expect(
      (f.code === 'missing-value' && f.reason === 'absent') ||
        (f.code === 'not-applicable' && f.reason === 'agency'),
      JSON.stringify(f),
    ).toBe(true);
  const all = (result.targetSet?.indicators ?? []).map((i) => i.id);
  expect(cellLess.map((f) => f.indicatorId).sort()).toEqual(
    all.filter((id) => !inSheet.includes(id)).sort(),
  );
}

/**
 * Seed 004's Phụ lục II (the national targets as Phú Thọ adopted them) as pasted: its title, the
 * heading "1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP" above its header "STT | Chỉ tiêu | Đơn
 * vị | Chỉ tiêu năm 2025", 11 rows, then section 2 with its header repeated and 4 rows. The seed
 * writes no Phú Thọ in this table, and no year but the header's.
 */
function table004(extra: (stt: string, resolution: string) => string[] = () => []): string[] {
  const lines = [
    'PHỤ LỤC II',
    'CHỈ TIÊU CỤ THỂ VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH, HIỆN ĐẠI HÓA PHƯƠNG THỨC CHỈ ĐẠO, ĐIỀU HÀNH',
  ];
  let resolution = '';
  for (const row of readNational004()) {
    if (row.resolution !== resolution) {
      resolution = row.resolution;
      const header = ['STT', 'Chỉ tiêu', 'Đơn vị', 'Chỉ tiêu năm 2025', ...extra('', '')];
      lines.push(
        `${resolution === '01' ? 1 : 2}. Chỉ tiêu giao tại Nghị quyết số ${resolution}/NQ-CP`,
        header.join('\t'),
      );
    }
    // The seed writes "4" without its period on the last row.
    const stt = resolution === '02' && row.stt === '4' ? '4' : `${row.stt}.`;
    lines.push([stt, row.name, row.unit, row.target, ...extra(row.stt, resolution)].join('\t'));
  }
  return lines;
}

describe("seed 004's own table, pasted as it is", () => {
  const grid = pasteLines(table004(), 'Phụ lục II');

  it('is checked against the national set, whose targets it writes, and says why', () => {
    const result = checkSheet(grid);
    expect(result.status).toBe('checked');
    expect(result.context).toEqual({
      targetSetId: 'nq01-nq02-2025',
      sources: { targetSet: 'content' },
    });
    // No "≠ … đã bị hạ thấp": every target written is the national one.
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([
      { code: 'no-results', targetsCompared: 15, mismatches: 0 },
      {
        code: 'target-set-chosen',
        targetSetId: 'nq01-nq02-2025',
        why: 'targets-agree',
        others: ['binh-phuoc-2025'],
      },
    ]);
    expect(result.layout?.rows.filter((r) => r.indicatorId).length).toBe(15);
    expect(describeNotice(result.notices[1] as never, { targetSet: result.targetSet })).toBe(
      `Các dòng khớp với nhiều bộ chỉ tiêu; đã chọn "nq01-nq02-2025" ("${set('nq01-nq02-2025').title}") vì các chỉ tiêu ghi trong bảng khớp với bộ này (cũng khớp: "binh-phuoc-2025").`,
    );
  });

  it("checked against Bình Phước's set on purpose, it shows the 7 targets that differ", () => {
    const result = checkSheet(grid, { targetSet: 'binh-phuoc-2025' });
    expect(result.status).toBe('checked');
    expect(digest(result.findings)).toEqual([
      ['D5', 'target-mismatch', 'dvc-toan-trinh', 80, 100, true],
      ['D6', 'target-mismatch', 'thanh-toan-truc-tuyen', 60, 85, true],
      ['D7', 'target-mismatch', 'ho-so-truc-tuyen', 60, 90, true],
      ['D8', 'target-mismatch', 'so-hoa-ho-so', 80, 95, true],
      ['D13', 'target-mismatch', 'van-ban-toan-trinh', 90, 95, true],
      ['D19', 'target-mismatch', 'tai-su-dung-du-lieu', 50, 60, true],
      ['D21', 'target-mismatch', 'muc-do-hai-long', 90, 95, true],
    ]);
    // A set given is not a choice: no target-set-chosen.
    expect(result.notices).toEqual([{ code: 'no-results', targetsCompared: 15, mismatches: 7 }]);
  });

  it('the same when equal cells are one object, as the xlsx reader makes them, checked again and again', () => {
    // the target cells read once per cell object (compareTargets), whichever set reads them
    const byContent = new Map<string, Cell>();
    const shared: Grid = {
      ...grid,
      rows: grid.rows.map((row) =>
        row.map((cell) => {
          if (cell === undefined) return undefined;
          const key = JSON.stringify(cell);
          const one = byContent.get(key) ?? cell;
          byContent.set(key, one);
          return one;
        }),
      ),
    };
    const cells = grid.rows.flat().filter((c) => c !== undefined).length;
    expect(byContent.size).toBeLessThan(cells); // some cells really are shared
    const outcome = (r: SheetCheck) => ({
      context: r.context,
      notices: r.notices,
      findings: digest(r.findings),
    });
    for (const options of [{}, { targetSet: 'binh-phuoc-2025' }, {}] as const) {
      const expected = outcome(checkSheet(pasteLines(table004(), 'Phụ lục II'), options));
      expect(outcome(checkSheet(shared, options))).toEqual(expected);
      expect(outcome(checkSheet(shared, options))).toEqual(expected);
    }
  });

  it('with a results column and a commune, its values are judged against the national targets', () => {
    const results: Record<string, string> = { '011.': '85%', '012.': '55%', '024': '91%' };
    const lines = table004((stt, res) =>
      stt === ''
        ? ['Kết quả Quý II/2025']
        : [results[`${res}${stt}${res === '02' && stt === '4' ? '' : '.'}`] ?? ''],
    );
    lines.splice(2, 0, 'Đơn vị báo cáo: UBND xã Tân Tiến');
    const result = checkSheet(pasteLines(lines, 'Phụ lục II'));
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({
      targetSetId: 'nq01-nq02-2025',
      level: 'xa',
      quarter: 2,
    });
    expect(digest(result.findings).filter((d) => d[1] !== 'missing-value')).toEqual([
      ['E6', 'met', 85, 80],
      ['E7', 'below-minimum', 55, 60],
      ['E22', 'met', 91, 90],
    ]);
    // seed 004 does not say who carries out its targets: the commune is told they are defaults
    expect(result.notices.map((n) => n.code)).toEqual(['assignment-default', 'target-set-chosen']);
  });
});

describe('the target set named by the title, then the one matching most rows', () => {
  /** A results-only table (no targets written) of Bình Phước's 18 indicators. */
  const rows = () => readAnnex000().map((ind) => [`${ind.stt}.`, ind.name, '', ''].join('\t'));

  it('a title naming the province and year picks its set', () => {
    const grid = pasteLines(
      [
        'KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
        'Đơn vị báo cáo: Sở Tư pháp',
        'TT\tChỉ tiêu\tQ1\tQ2',
        ...rows(),
      ],
      'KQ',
    );
    const result = checkSheet(grid);
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.notices.find((n) => n.code === 'target-set-chosen')).toEqual({
      code: 'target-set-chosen',
      targetSetId: 'binh-phuoc-2025',
      why: 'title',
      others: ['nq01-nq02-2025'],
    });
  });

  it('with nothing in the title, the set matching most rows (18 against 15)', () => {
    const grid = pasteLines(
      ['Đơn vị báo cáo: Sở Tư pháp', 'TT\tChỉ tiêu\tQ1\tQ2', ...rows()],
      'KQ',
    );
    const result = checkSheet(grid);
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.notices.find((n) => n.code === 'target-set-chosen')).toEqual({
      code: 'target-set-chosen',
      targetSetId: 'binh-phuoc-2025',
      why: 'rows',
      others: ['nq01-nq02-2025'],
    });
  });

  it('a set matching few rows is not a contender: no notice for one sheet of one set', () => {
    const only = pasteLines(
      [
        'Đơn vị báo cáo: Sở Tư pháp',
        'TT\tChỉ tiêu\tKết quả Quý II/2025',
        '1.\tTỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\t85%',
        '2.\tTỷ lệ công bố, công khai TTHC đúng hạn.\t100%',
        '3.\tTỷ lệ chứng thực bản sao điện tử từ bản chính\t100%',
      ],
      'KQ',
    );
    const result = checkSheet(only);
    // nq01-nq02-2025 matches one of the three rows (số hóa), Bình Phước's all three.
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.notices).toEqual([]);
  });
});

describe('where the set came from', () => {
  const grid = () =>
    pasteLines(
      [
        'Đơn vị báo cáo: Sở Tư pháp',
        'TT\tChỉ tiêu\tQ1\tQ2',
        ...readAnnex000().map((ind) => [`${ind.stt}.`, ind.name, '', ''].join('\t')),
      ],
      'KQ',
    );

  it('a set given is an option; one a shell took from the workbook says so', () => {
    const given = set('binh-phuoc-2025');
    expect(checkSheet(grid(), { targetSet: given }).context.sources.targetSet).toBe('option');
    const stored = checkSheet(grid(), { targetSet: given, targetSetFrom: 'embedded' });
    expect(stored.context.sources).toMatchObject({ targetSet: 'embedded', level: 'unit-name' });
    expect(stored.context.targetSetId).toBe('binh-phuoc-2025');
    // the same check otherwise
    expect(stored.findings).toEqual(checkSheet(grid(), { targetSet: given }).findings);
  });

  it('without a set given, detection is detection, whatever the shell says', () => {
    const result = checkSheet(grid(), { targetSetFrom: 'embedded' });
    expect(result.context.sources.targetSet).toBe('content');
  });
});

describe('indicator 1 is not the 2024 online-payment indicator', () => {
  const payment2024 = new IndicatorMatcher(set('binh-phuoc-2024-thanh-toan'));
  const dvc =
    'Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện trên Cổng Dịch vụ công quốc gia.';

  it('shares its Stt and words ("toàn" and "toán" fold to one word), but not its meaning', () => {
    expect(payment2024.match({ stt: '1', text: dvc })).toBeUndefined();
    expect(
      payment2024.match({ stt: '1', text: 'Dịch vụ công trực tuyến toàn trình' }),
    ).toBeUndefined();
  });

  it('the payment indicator itself still matches, by text or by Stt and a close wording', () => {
    expect(
      payment2024.match({
        stt: '2',
        text: 'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công',
      })?.indicator.id,
    ).toBe('thanh-toan-truc-tuyen');
    expect(
      payment2024.match({ stt: '1', text: 'Tỷ lệ thanh toán trực tuyến các dịch vụ công' })
        ?.indicator.id,
    ).toBe('thanh-toan-truc-tuyen');
  });

  it('a sheet of the 2025 annex is not checked against the 2024 payment set', () => {
    const grid = pasteLines(
      ['Đơn vị báo cáo: Sở Tư pháp', 'TT\tChỉ tiêu\tKết quả Quý II', `1.\t${dvc}\t100%`],
      'KQ',
    );
    const result = checkSheet(grid, { targetSets: [set('binh-phuoc-2024-thanh-toan')] });
    expect(result.status).toBe('not-an-annex');
    expect(digest(result.findings)).toEqual([[null, 'not-an-annex', 'no-indicator']]);
  });
});

/** Seed 003's task annex: its title and table (47 tasks, section rows, repeated headers). */
function taskAnnex003(): string[] {
  const lines = readSeed('003_bfab8100424d4759.txt').split('\n');
  const start = lines.findIndex((l) => l.startsWith('**PHỤ LỤC**'));
  const end = lines.findIndex((l) => l.startsWith('47.\t'));
  return lines.slice(start, end + 1).map((l) => (l.trim() === '' ? '' : l.replace(/\s+$/, '')));
}

describe("seed 003's task annex is a task list, not an annex", () => {
  it('47 tasks with deadlines ("Quý I/2024", "Thường xuyên trong năm"): one finding, no rows', () => {
    const result = checkSheet(pasteLines(taskAnnex003(), 'Phụ lục'));
    expect(result.status).toBe('not-an-annex');
    expect(result.findings).toEqual([
      { code: 'not-an-annex', reason: 'task-list', sheet: 'Phụ lục' },
    ]);
    expect(result.layout?.columns.map((c) => `${c.letter}:${c.role}`)).toEqual([
      'A:stt',
      'B:name',
      'C:lead',
      'D:coordinators',
      'E:deadline',
      'F:notes',
    ]);
    expect(result.notices).toEqual([]);
  });

  it('also when a target set is given', () => {
    const result = checkSheet(pasteLines(taskAnnex003(), 'Phụ lục'), {
      targetSet: 'nq01-nq02-2025',
    });
    expect(digest(result.findings)).toEqual([[null, 'not-an-annex', 'task-list']]);
  });

  it('a task list whose quarter columns hold dates instead of numbers', () => {
    const grid = pasteLines(
      [
        'KẾ HOẠCH THỰC HIỆN NĂM 2024',
        'STT\tNhiệm vụ\tCơ quan chủ trì\tQuý I\tQuý II\tQuý III\tQuý IV',
        '1.\tTỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\tSở Tư pháp\t31/3/2024\t\t\t',
        '2.\tTỷ lệ công bố, công khai TTHC đúng hạn.\tVăn phòng UBND tỉnh\t\tTháng 5/2024\t\t',
        '3.\tTỷ lệ chứng thực bản sao điện tử từ bản chính\tSở Tư pháp\t\t\t\tThường xuyên',
      ],
      'KH',
    );
    expect(digest(checkSheet(grid).findings)).toEqual([[null, 'not-an-annex', 'task-list']]);
  });

  it('an annex with a deadline column but numbers in its results is still an annex', () => {
    const grid = pasteLines(
      [
        'Đơn vị báo cáo: Sở Tư pháp',
        'STT\tNhiệm vụ\tThời gian hoàn thành\tKết quả Quý II/2025',
        '1.\tTỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\tQuý II/2025\t86%',
        '2.\tTỷ lệ công bố, công khai TTHC đúng hạn.\tThường xuyên\t100%',
        '3.\tTỷ lệ chứng thực bản sao điện tử từ bản chính\tThường xuyên\t100%',
      ],
      'KQ',
    );
    const result = checkSheet(grid);
    expect(result.status).toBe('checked');
    expect(digest(result.findings.filter((f) => f.cell !== undefined))).toEqual([
      ['D3', 'met', 86, 85],
      ['D4', 'met', 100, 100],
      ['D5', 'met', 100, 100],
    ]);
    expectOnlyAbsent(result, ['so-hoa-ho-so', 'cong-bo-tthc', 'chung-thuc-dien-tu']);
  });
});

describe('a helper sheet of raw counts is not an annex', () => {
  const helper = (resultsHeading: string) =>
    pasteLines(
      [
        'SỐ LIỆU TÍNH TỶ LỆ QUÝ II/2025',
        'Đơn vị báo cáo: Sở Tư pháp',
        '',
        `Stt\tChỉ tiêu\tĐơn vị tính\tTháng 4\tTháng 5\tTháng 6\t${resultsHeading}`,
        '1\tTổng số hồ sơ tiếp nhận\thồ sơ\t120\t135\t128\t383',
        '2\tSố hồ sơ tiếp nhận trực tuyến\thồ sơ\t98\t110\t109\t317',
        '3\tTỷ lệ hồ sơ trực tuyến\t%\t81,67\t81,48\t85,16\t82,77',
        '4\tTổng số giao dịch thanh toán\tgiao dịch\t40\t52\t47\t139',
        '5\tSố giao dịch thanh toán trực tuyến\tgiao dịch\t30\t41\t40\t111',
        '6\tTỷ lệ thanh toán trực tuyến\t%\t75\t78,85\t85,11\t79,86',
      ],
      'Tính toán',
    );

  it('2 of its 6 rows are indicators, and a lone "Quý II" is not a results heading', () => {
    const result = checkSheet(helper('Quý II'));
    expect(result.status).toBe('not-an-annex');
    expect(result.needs).toEqual([]);
    expect(result.findings).toEqual([
      {
        code: 'not-an-annex',
        reason: 'few-indicators',
        targetSetId: 'binh-phuoc-2025',
        sheet: 'Tính toán',
      },
    ]);
    expect(
      result.layout?.rows.filter((r) => r.indicatorId).map((r) => [r.row, r.indicatorId]),
    ).toEqual([
      [7, 'ho-so-truc-tuyen'],
      [10, 'thanh-toan-truc-tuyen'],
    ]);
  });

  it('with a results heading ("Kết quả Quý II") the same rows are an annex to check', () => {
    const result: SheetCheck = checkSheet(helper('Kết quả Quý II'));
    expect(result.status).toBe('checked');
    expect(digest(result.findings.filter((f) => f.cell !== undefined))).toEqual([
      ['B5', 'unrecognised-row'],
      ['B6', 'unrecognised-row'],
      ['G7', 'met', 82.77, 80],
      ['B8', 'unrecognised-row'],
      ['B9', 'unrecognised-row'],
      ['G10', 'met', 79.86, 75],
    ]);
    expectOnlyAbsent(result, ['ho-so-truc-tuyen', 'thanh-toan-truc-tuyen']);
  });
});
