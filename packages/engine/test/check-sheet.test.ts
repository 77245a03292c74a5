import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import { isMarkFormula, markRuleFormula } from '../src/annex/marks.js';
import { describeFinding, findingNote } from '../src/messages/describe.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

/** Each finding as [cell, code, the numbers or reason that matter]. */
function digest(findings: readonly SheetFinding[]): unknown[][] {
  return findings.map((x) => {
    const d: unknown[] = [x.cell ?? null, x.code];
    if (x.code === 'below-minimum') d.push(x.value, x.minimum.value, x.gap, x.nearMiss);
    else if (x.code === 'met') d.push(x.value, x.minimum.value);
    else if (x.code === 'invalid-value' || x.code === 'missing-value') d.push(x.reason);
    else if (x.code === 'not-applicable') d.push(x.indicatorId, x.reason);
    else if (x.code === 'target-mismatch') d.push(x.value, x.official, x.lowered);
    return d;
  });
}

function check(name: string, options = {}): SheetCheck {
  return checkSheet(fixture(name), { nearMissBand: 1, ...options });
}

describe('checkSheet with marks: false (a caller that only reports)', () => {
  it('gives the same findings, context and notices, and an empty mark plan', () => {
    for (const name of ['bp2025-so', 'bp2025-huyen', 'nq2025-results']) {
      const full = check(name);
      const bare = check(name, { marks: false });
      expect(full.markPlan.groups.length, name).toBeGreaterThan(0);
      expect(bare.markPlan, name).toEqual({ sheet: full.sheet, groups: [], rules: [] });
      expect({ ...bare, markPlan: undefined }, name).toEqual({ ...full, markPlan: undefined });
    }
  });
});

describe("checkSheet on a department's annex (bp2025-so: Sở Tư pháp)", () => {
  const result = check('bp2025-so');

  it('recognises the set, the unit, its level and the quarter from the sheet', () => {
    expect(result.status).toBe('checked');
    expect(result.sheet).toBe('Phụ lục');
    expect(result.context).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'so',
      unitName: 'Sở Tư pháp',
      quarter: 2,
      sources: {
        targetSet: 'content',
        level: 'unit-name',
        unitName: 'title',
        quarter: 'latest-results',
      },
    });
  });

  it('finds the exact findings, cell by cell', () => {
    expect(digest(result.findings)).toEqual([
      ['J12', 'met', 100, 100],
      ['K12', 'met', 100, 100],
      ['J13', 'met', 70, 70],
      ['K13', 'below-minimum', 74.5, 75, 0.5, true],
      ['J15', 'met', 79, 75],
      ['K15', 'below-minimum', 76.2, 80, 3.8, false],
      ['J19', 'met', 85.5, 80],
      ['K19', 'met', 85, 85],
      ['J21', 'met', 100, 100],
      ['K21', 'invalid-value', 'error-value'],
      ['J22', 'met', 100, 100],
      ['K22', 'invalid-value', 'out-of-range'],
      ['J23', 'met', 60, 60],
      ['K23', 'met', 80.5, 60],
      ['J24', 'met', 100, 100],
      ['K24', 'missing-value', 'blank'],
      ['J25', 'met', 95, 95],
      ['K25', 'below-minimum', 92.1, 95, 2.9, false],
      ['J28', 'missing-value', 'placeholder'],
      ['K28', 'met', 60, 60],
      ['J29', 'missing-value', 'placeholder'],
      ['K29', 'invalid-value', 'ambiguous'],
      ['J30', 'met', 100, 100],
      ['K30', 'below-minimum', 96.8, 100, 3.2, false],
      ['J32', 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
      ['J34', 'met', 100, 100],
      ['K34', 'met', 100, 100],
      ['J35', 'met', 97, 95],
      ['K35', 'met', 95, 95],
      [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
      [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
      [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
    ]);
  });

  it('lays out the two-level header, repeated headers, sections, per-level rows and the continuation row', () => {
    const layout = result.layout;
    expect(layout?.headerRows).toEqual([9, 10]);
    expect(layout?.columns.map((c) => `${c.letter}:${c.role}${c.quarter ?? ''}`)).toEqual([
      'A:stt',
      'B:name',
      'C:lead',
      'D:coordinators',
      'E:annual',
      'F:minimum1',
      'G:minimum2',
      'H:minimum3',
      'I:minimum4',
      'J:result1',
      'K:result2',
      'L:result3',
      'M:result4',
      'N:notes',
    ]);
    const kinds = Object.fromEntries((layout?.rows ?? []).map((r) => [r.row, r.kind]));
    expect([kinds[17], kinds[18], kinds[26], kinds[27], kinds[36], kinds[37]]).toEqual(
      Array(6).fill('header-repeat'),
    );
    expect([kinds[11], kinds[31]]).toEqual(['section', 'section']);
    expect(kinds[38]).toBe('continuation');
    const row = (n: number) => layout?.rows.find((r) => r.row === n);
    expect(row(13)).toMatchObject({
      kind: 'indicator',
      indicatorId: 'thanh-toan-truc-tuyen',
      targetRow: 0,
    });
    expect(row(14)).toMatchObject({
      kind: 'level-row',
      indicatorId: 'thanh-toan-truc-tuyen',
      targetRow: 1,
    });
    expect(row(35)).toMatchObject({ kind: 'indicator', indicatorId: 'van-ban-toan-trinh' });
    expect(layout?.rows.filter((r) => r.kind === 'unrecognised')).toEqual([]);
  });

  it('summarises by status and by indicator', () => {
    expect(result.summary.byCode).toMatchObject({
      met: 18,
      'below-minimum': 4,
      'missing-value': 3,
      'invalid-value': 3,
      'not-applicable': 4,
    });
    expect(
      result.summary.byIndicator.find((i) => i.indicatorId === 'thanh-toan-truc-tuyen')?.byCode,
    ).toEqual({ met: 1, 'below-minimum': 1 });
  });

  it('words each finding in Vietnamese, or English when asked', () => {
    const k13 = result.findings.find((f) => f.cell === 'K13');
    expect(k13 && describeFinding(k13)).toBe(
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %, sát ngưỡng)',
    );
    expect(k13 && describeFinding(k13, { locale: 'en' })).toBe(
      'Q2: 74.5% < minimum 75% (short by 0.5 percentage points, near miss)',
    );
  });

  it("plans marks grouped by status, with the minimum in each cell's own scale", () => {
    const groups = Object.fromEntries(
      result.markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)]),
    );
    expect(groups).toEqual({
      'invalid-value': ['K21', 'K22', 'K29'],
      'near-miss': ['K13'],
      'below-minimum': ['K15', 'K25', 'K30'],
      'missing-value': ['K24', 'J28', 'J29'],
    });
    const cell = (a1: string) =>
      result.markPlan.groups.flatMap((g) => g.cells).find((c) => c.cell === a1);
    expect(cell('K13')).toMatchObject({
      status: 'near-miss',
      row: 12,
      column: 10,
      minimum: { comparator: 'at-least', value: 0.75 },
    });
    // K15 holds the text "76,2%" in a column of percent-formatted cells
    expect(cell('K15')?.minimum).toEqual({ comparator: 'at-least', value: 0.8 });
    expect(findingNote(cell('K15')?.finding as SheetFinding)).toBe(
      'Quý II: 76,2% < tối thiểu 80% (thiếu 3,8 điểm %)',
    );
  });

  it('writes a handful of live rules covering every due value, not one per cell', () => {
    const rules = result.markPlan.rules;
    // one rule per distinct minimum, scale and number format, not per cell: J15 holds a plain 79
    // (percentage points), so its minimum is 75 there and 0.75 in the percent-formatted K13; each
    // rule's format is the cells' own (K13 "0.0%", J13 "0%", J15 General) with the symbol before
    // every section and a text section
    const pct = (symbol: string, f: string) =>
      `"${symbol} "${f};"${symbol} "-${f};"${symbol} "${f};"${symbol} "@`;
    const fails = rules.filter((r) => r.condition.kind === 'fails');
    expect(
      fails.map((r) => [
        r.condition.kind === 'fails' ? r.condition.threshold.value : 0,
        r.numberFormat,
        r.ranges.join(' '),
      ]),
    ).toEqual([
      [1, pct('✗', '0%'), 'J12 J21:J22 J29:J30 J34 K12 K21:K22 K24 K29 K34'],
      [0.7, pct('✗', '0%'), 'J13'],
      [0.75, pct('✗', '0.0%'), 'K13'],
      [75, pct('✗', 'General'), 'J15'],
      [0.8, pct('✗', '0%'), 'J19 K15'],
      [0.85, pct('✗', '0%'), 'K19'],
      [0.6, pct('✗', '0%'), 'J23 K23'],
      [100, pct('✗', 'General'), 'J24'],
      [0.95, pct('✗', '0%'), 'J25 J35 K35'],
      [0.95, pct('✗', '0.0%'), 'K25'],
      [0.5, pct('✗', '0%'), 'J28'],
      [0.6, pct('✗', '0.00%'), 'K28'],
      [1, pct('✗', '0.0%'), 'K30'],
    ]);
    // with no near-miss band, a sheet gets its failure rules plus a few for errors, values out of
    // range and blanks (one per scale and format: 0%, 0.0%, General, 0.00%) and pinned texts
    // (K15 "76,2%", J28 "-", J29 "N/A")
    const noBand = check('bp2025-so', { nearMissBand: 0 }).markPlan.rules;
    expect(noBand.length).toBe(13 + 1 + 4 + 4 + 4);
    const outside = noBand.filter((r) => r.condition.kind === 'outside');
    expect(outside.map((r) => [r.condition, r.numberFormat])).toEqual([
      [{ kind: 'outside', min: 0, max: 1 }, pct('!', '0%')],
      [{ kind: 'outside', min: 0, max: 1 }, pct('!', '0.0%')],
      [{ kind: 'outside', min: 0, max: 100 }, pct('!', 'General')],
      [{ kind: 'outside', min: 0, max: 1 }, pct('!', '0.00%')],
    ]);
    expect(outside[0]?.ranges).toEqual([
      'J12:J13',
      'J19',
      'J21:J23',
      'J25',
      'J28:J30',
      'J34:J35',
      'K12',
      'K15',
      'K19',
      'K21:K24',
      'K29',
      'K34:K35',
    ]);
    expect(outside[1]?.ranges).toEqual(['K13', 'K25', 'K30']);
    expect(outside[2]?.ranges).toEqual(['J15', 'J24']);
    // blanks and errors can show no symbol: a border is their cue
    expect(noBand.filter((r) => r.border).map((r) => r.condition.kind)).toEqual([
      'error',
      'blank',
      'blank',
      'blank',
      'blank',
    ]);
    expect(markRuleFormula({ kind: 'outside', min: 0, max: 1 }, 'K22')).toBe(
      'AND(ISNUMBER(K22),OR(K22<0,K22>1),N("chitieu")=0)',
    );
    const k13rule = rules.find(
      (r) => r.status === 'near-miss' && r.ranges.some((x) => x.includes('K13')),
    );
    expect(k13rule?.condition).toEqual({
      kind: 'fails-within',
      threshold: { comparator: 'at-least', value: 0.75 },
      band: 0.01,
    });
    expect(k13rule?.numberFormat).toBe(pct('≈', '0.0%'));
    // the widest value of its format and unit, "100.0%", whatever the cell holds now
    expect(k13rule?.valueChars).toBe(6);
    if (!k13rule) return;
    expect(markRuleFormula(k13rule.condition, 'K13')).toBe(
      'AND(ISNUMBER(K13),K13<0.75,K13>=0.74,N("chitieu")=0)',
    );
    expect(isMarkFormula('AND(ISNUMBER(K13),K13<0.75,K13>=0.74,N("chitieu")=0)')).toBe(true);
    expect(isMarkFormula('NOT(ISERROR(SEARCH("Năm",N12)))')).toBe(false);
    // text cells keep their status until they are changed
    const pinned = rules.find((r) => r.condition.kind === 'text' && r.ranges.includes('K15'));
    expect(pinned).toMatchObject({
      status: 'below-minimum',
      condition: { kind: 'text', text: '76,2%' },
    });
    expect(rules.find((r) => r.condition.kind === 'error')?.ranges.length).toBeGreaterThan(0);
    expect(rules.find((r) => r.condition.kind === 'blank')?.status).toBe('missing-value');
  });
});

describe("checkSheet on a district's annex with single-level result columns (bp2025-huyen)", () => {
  const result = check('bp2025-huyen');

  it('reads the letterhead as the unit and the single columns as Quý I and II results', () => {
    expect(result.context).toMatchObject({
      targetSetId: 'binh-phuoc-2025',
      level: 'huyen',
      unitName: 'UBND huyện Bù Đốp',
      quarter: 2,
    });
    expect(
      result.layout?.columns
        .filter((c) => c.role === 'result')
        .map((c) => [c.letter, c.quarter, c.header]),
    ).toEqual([
      ['J', 1, 'Kết quả Quý I/2025'],
      ['K', 2, 'Thực hiện quý II'],
    ]);
  });

  it('judges the "UBND cấp huyện" rows and finds the exact findings', () => {
    expect(digest(result.findings)).toEqual([
      ['J14', 'met', 61.25, 60],
      ['K14', 'below-minimum', 63.8, 65, 1.2, false],
      ['J16', 'met', 66, 65],
      ['K16', 'met', 70, 70],
      ['J18', 'met', 78.4, 75],
      ['K18', 'below-minimum', 77.12, 80, 2.88, false],
      ['J19', 'met', 100, 100],
      ['K19', 'met', 100, 100],
      ['J20', 'below-minimum', 98.65, 100, 1.35, false],
      ['K20', 'met', 100, 100],
      ['J21', 'met', 72, 60],
      ['K21', 'met', 65.3, 60],
      ['J22', 'met', 100, 100],
      ['K22', 'invalid-value', 'error-value'],
      ['J23', 'met', 98, 95],
      ['K23', 'met', 97, 95],
      ['J26', 'met', 52, 50],
      ['K26', 'missing-value', 'blank'],
      ['J28', 'met', 100, 100],
      ['K28', 'met', 100, 100],
      ['J32', 'met', 100, 100],
      ['K32', 'met', 100, 100],
      ['J33', 'met', 95.12, 95],
      ['K33', 'met', 95.3, 95],
      [null, 'not-applicable', 'dvc-toan-trinh', 'level'],
      [null, 'not-applicable', 'cong-bo-tthc', 'level'],
      [null, 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
      [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
      [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
      [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
    ]);
  });
});

describe('a copy whose department lowered official targets (bp2025-so-lowered)', () => {
  const result = check('bp2025-so-lowered');

  it('flags each altered target and still judges against the official minimum', () => {
    expect(digest(result.findings)).toEqual([
      ['J12', 'met', 100, 100],
      ['K12', 'met', 100, 100],
      ['E13', 'target-mismatch', 80, 85, true],
      ['G13', 'target-mismatch', 70, 75, true],
      ['J13', 'met', 70, 70],
      ['K13', 'below-minimum', 72, 75, 3, false],
      ['J15', 'met', 79, 75],
      ['K15', 'below-minimum', 76.2, 80, 3.8, false],
      ['J19', 'met', 85.5, 80],
      ['K19', 'met', 85, 85],
      ['J21', 'met', 100, 100],
      ['K21', 'invalid-value', 'error-value'],
      ['J22', 'met', 100, 100],
      ['K22', 'invalid-value', 'out-of-range'],
      ['J23', 'met', 60, 60],
      ['K23', 'met', 80.5, 60],
      ['J24', 'met', 100, 100],
      ['K24', 'missing-value', 'blank'],
      ['F25', 'target-mismatch', 90, 95, true],
      ['J25', 'met', 95, 95],
      ['K25', 'below-minimum', 92.1, 95, 2.9, false],
      ['J28', 'missing-value', 'placeholder'],
      ['K28', 'met', 60, 60],
      ['J29', 'missing-value', 'placeholder'],
      ['K29', 'invalid-value', 'ambiguous'],
      ['J30', 'met', 100, 100],
      ['K30', 'below-minimum', 96.8, 100, 3.2, false],
      ['J32', 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
      ['J34', 'met', 100, 100],
      ['K34', 'met', 100, 100],
      ['J35', 'met', 97, 95],
      ['K35', 'met', 95, 95],
      [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
      [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
      [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
    ]);
    const g13 = result.findings.find((f) => f.cell === 'G13');
    expect(g13 && describeFinding(g13)).toBe(
      'Tối thiểu Quý II trong bảng là 70%, khác chỉ tiêu chính thức 75% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)',
    );
    expect(
      result.markPlan.groups.find((g) => g.status === 'target-mismatch')?.cells.map((c) => c.cell),
    ).toEqual(['E13', 'G13', 'F25']);
  });
});

describe('the national annual-only table with one results column (nq2025-results)', () => {
  const result = check('nq2025-results');

  it('detects the national set and a commune, compares with the annual targets', () => {
    expect(result.context).toMatchObject({
      targetSetId: 'nq01-nq02-2025',
      level: 'xa',
      unitName: 'UBND xã Tân Tiến',
      quarter: 2,
    });
    expect(digest(result.findings)).toEqual([
      ['E8', 'met', 82.5, 80],
      ['E9', 'below-minimum', 45.6, 60, 14.4, false],
      ['E10', 'met', 63, 60],
      ['E11', 'below-minimum', 77.2, 80, 2.8, false],
      ['E12', 'met', 100, 100],
      ['E13', 'met', 100, 100],
      ['E14', 'missing-value', 'blank'],
      ['E15', 'met', 100, 100],
      ['E16', 'met', 92.3, 90],
      ['E17', 'met', 100, 100],
      ['E18', 'met', 100, 100],
      ['E20', 'met', 100, 100],
      ['E21', 'met', 50, 50],
      ['E22', 'met', 100, 100],
      ['E23', 'met', 93.5, 90],
    ]);
  });

  it('tells the two sections apart although their Stt restart at 1', () => {
    const ids = result.layout?.rows.filter((r) => r.indicatorId).map((r) => r.indicatorId);
    expect(ids?.slice(-4)).toEqual([
      'ket-qua-dien-tu',
      'tai-su-dung-du-lieu',
      'phan-anh-kien-nghi',
      'muc-do-hai-long',
    ]);
  });
});

describe('options given by the caller win over detection', () => {
  it("checks the district rows of a department's sheet when told the level is huyen", () => {
    const result = check('bp2025-so', {
      level: 'huyen',
      unitName: 'UBND huyện Lộc Ninh',
      quarter: 1,
      targetSet: 'binh-phuoc-2025',
    });
    expect(result.context.sources).toEqual({
      targetSet: 'option',
      level: 'option',
      unitName: 'option',
      quarter: 'option',
    });
    // the huyen rows of indicators 2-4 have no results: missing, and the so rows' values are not the unit's
    const f = (cell: string) => result.findings.find((x) => x.cell === cell);
    expect(f('J14')).toMatchObject({ code: 'missing-value', reason: 'blank' });
    expect(f('J13')).toMatchObject({ code: 'not-applicable', reason: 'level' });
    expect(result.findings.some((x) => x.quarter === 2 && x.code !== 'not-applicable')).toBe(false);
  });

  it('reads the level from the filled rows when the sheet does not name its unit', () => {
    const grid = fixture('bp2025-so');
    const rows = grid.rows.map((row, i) => (i === 6 ? [] : row)); // drop "Đơn vị báo cáo: Sở Tư pháp"
    const result = checkSheet({ ...grid, rows });
    // only the "Các sở, ban, ngành" rows of indicators 2-4 hold results
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({ level: 'so', sources: { level: 'content' } });
    expect(result.context.unitName).toBeUndefined();
  });

  it('asks for the level when neither the name nor the filled rows tell it', () => {
    const grid = fixture('bp2025-so');
    // no "Đơn vị báo cáo", and results on both levels' rows of indicator 2 (J13 and J14)
    const rows = grid.rows.map((row, i) =>
      i === 6
        ? []
        : i === 13
          ? Object.assign([...row], { 9: { value: 0.65, numberFormat: '0%' } })
          : row,
    );
    const result = checkSheet({ ...grid, rows });
    expect(result.status).toBe('needs-input');
    expect(result.needs).toEqual(['level']);
    expect(result.context.targetSetId).toBe('binh-phuoc-2025');
    expect(result.findings).toEqual([]);
  });
});
