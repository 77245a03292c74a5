/**
 * The consolidated report's units × indicators matrix: every quarter in view (a unit below its
 * Quý I minimum and met in Quý II is below), one row per unit whatever it sent (a revised copy
 * supersedes the original; one workbook per quarter adds up), units of unit tables beside units
 * that sent annexes, the roster's missing units, and the change since a previous report.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext, SheetFinding } from '../src/annex/check.js';
import { checkSheet } from '../src/annex/check.js';
import type { Quarter } from '../src/findings.js';
import {
  compareWithPrevious,
  indicatorTally,
  matchRoster,
  type Submission,
  supersededUnits,
  unitsMatrix,
  worstStatus,
} from '../src/report/units.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const sets = new Map([[bp.id, bp]]);
const minimum = (value: number) =>
  ({ value, comparator: 'gte', source: 'quarterly', unit: 'percent' }) as const;

const met = (id: string, quarter: Quarter, value: number, cell: string): SheetFinding =>
  ({
    code: 'met',
    indicatorId: id,
    quarter,
    value,
    minimum: minimum(60),
    margin: value - 60,
    cell,
    sheet: 'PL',
  }) as unknown as SheetFinding;
const below = (id: string, quarter: Quarter, value: number, min: number, cell: string) =>
  ({
    code: 'below-minimum',
    indicatorId: id,
    quarter,
    value,
    minimum: minimum(min),
    gap: min - value,
    nearMiss: false,
    cell,
    sheet: 'PL',
  }) as unknown as SheetFinding;
const missing = (id: string, quarter: Quarter, cell: string) =>
  ({
    code: 'missing-value',
    indicatorId: id,
    quarter,
    reason: 'blank',
    minimum: minimum(60),
    cell,
    sheet: 'PL',
  }) as unknown as SheetFinding;

const ctx = (
  unitName: string | undefined,
  level = 'huyen',
  quarter: Quarter = 2,
): CheckContext => ({
  targetSetId: bp.id,
  level,
  ...(unitName !== undefined ? { unitName } : {}),
  quarter,
  sources: {},
});

const sub = (
  file: string,
  unitName: string | undefined,
  findings: SheetFinding[],
  extra: Partial<Submission> = {},
): Submission => ({ file, sheet: 'PL', context: ctx(unitName), findings, ...extra });

/** The item, or the test fails here. */
function the<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('absent');
  return x;
}

const [i1, i2] = bp.indicators.map((i) => i.id) as [string, string];

describe('units × indicators over every quarter', () => {
  it('a unit below its Quý I minimum and met in Quý II is below, with both quarters', () => {
    const m = unitsMatrix(
      [
        sub('a.xlsx', 'UBND thị xã Chơn Thành', [
          below(i1, 1, 58.31, 60, 'F8'),
          met(i1, 2, 74.2, 'G8'),
        ]),
      ],
      sets,
    );
    expect(m.sets).toHaveLength(1);
    const set = the(m.sets[0]);
    expect(set.quarters).toEqual([1, 2]);
    expect(set.units).toHaveLength(1);
    const row = the(set.units[0]);
    expect(row.unit).toBe('UBND thị xã Chơn Thành');
    expect(row.level).toBe('huyen');
    expect(row.indicators[i1]).toEqual({
      status: 'below-minimum',
      quarters: [
        {
          quarter: 1,
          status: 'below-minimum',
          value: 58.31,
          minimum: 60,
          comparator: 'gte',
          cell: 'F8',
          file: 'a.xlsx',
          sheet: 'PL',
          gap: 60 - 58.31,
        },
        {
          quarter: 2,
          status: 'met',
          value: 74.2,
          minimum: 60,
          comparator: 'gte',
          cell: 'G8',
          file: 'a.xlsx',
          sheet: 'PL',
        },
      ],
    });
    expect(row.counts).toEqual({ 'below-minimum': 1 });
    expect(row.failing).toBe(1);
    expect(set.indicatorCounts[i1]).toEqual({ 'below-minimum': 1 });
    expect(set.indicatorCounts[i2]).toEqual({});
  });

  it('the worst finding of a quarter stands for it (missing beats met)', () => {
    const m = unitsMatrix(
      [sub('a.xlsx', 'Sở Y tế', [met(i1, 1, 80, 'F8'), missing(i1, 1, 'F9')])],
      sets,
    );
    const cell = the(m.sets[0]?.units[0]?.indicators[i1]);
    expect(cell.status).toBe('missing-value');
    expect(cell.quarters.map((q) => [q.quarter, q.status, q.cell])).toEqual([
      [1, 'missing-value', 'F9'],
    ]);
  });

  it('a revised copy supersedes the original: latest by the workbook date, then the file date', () => {
    const original = sub('goc.xlsx', 'UBND xã Tân Lập', [below(i1, 1, 40, 60, 'F8')], {
      modified: '2026-04-02T08:00:00Z',
    });
    const revised = sub('sua.xlsx', 'Ủy ban nhân dân xã Tân Lập', [met(i1, 1, 65, 'F8')], {
      modified: '2026-04-05T08:00:00Z',
    });
    for (const order of [
      [original, revised],
      [revised, original],
    ]) {
      const row = the(unitsMatrix(order, sets).sets[0]).units;
      expect(row).toHaveLength(1);
      expect(row[0]?.indicators[i1]?.status).toBe('met');
      expect(row[0]?.files.map((f) => [f.file, f.quarters])).toEqual([['sua.xlsx', [1]]]);
      expect(row[0]?.superseded).toEqual([
        {
          file: 'goc.xlsx',
          sheet: 'PL',
          modified: '2026-04-02T08:00:00Z',
          supersededBy: { file: 'sua.xlsx', sheet: 'PL' },
        },
      ]);
    }
    // no workbook dates: the file dates; none either: the later found
    const a = sub('a.xlsx', 'Sở Y tế', [below(i1, 1, 40, 60, 'F8')], {
      fileModified: '2026-04-09T00:00:00Z',
    });
    const b = sub('b.xlsx', 'SỞ Y TẾ', [met(i1, 1, 70, 'F8')], {
      fileModified: '2026-04-01T00:00:00Z',
    });
    expect(unitsMatrix([a, b], sets).sets[0]?.units[0]?.indicators[i1]?.status).toBe(
      'below-minimum',
    );
    const c = sub('c.xlsx', 'Sở Y tế', [below(i1, 1, 40, 60, 'F8')]);
    const d = sub('d.xlsx', 'Sở Y tế', [met(i1, 1, 70, 'F8')]);
    expect(unitsMatrix([c, d], sets).sets[0]?.units[0]?.indicators[i1]?.status).toBe('met');
    expect(unitsMatrix([d, c], sets).sets[0]?.units[0]?.indicators[i1]?.status).toBe(
      'below-minimum',
    );
  });

  it("a workbook's visible sheet wins over its hidden old one, whatever their order", () => {
    const dates = { modified: '2026-04-01T00:00:00Z', fileModified: '2026-04-02T00:00:00Z' };
    const visible = sub('so-y-te.xlsx', 'Sở Y tế', [met(i1, 1, 80, 'F8')], dates);
    const old = {
      ...sub('so-y-te.xlsx', 'Sở Y tế', [below(i1, 1, 10, 60, 'F8')], dates),
      sheet: 'Quý I (cũ)',
      hidden: true,
    };
    for (const order of [
      [visible, old],
      [old, visible],
    ]) {
      const row = the(unitsMatrix(order, sets).sets[0]?.units[0]);
      expect(row.indicators[i1]?.status).toBe('met');
      expect(row.superseded.map((s) => s.sheet)).toEqual(['Quý I (cũ)']);
    }
  });

  it('one workbook per quarter adds up: each quarter from the latest that reports it', () => {
    const q1 = sub('quy1.xlsx', 'Phường Đồng Xoài', [below(i1, 1, 50, 60, 'F8')], {
      modified: '2026-04-01T00:00:00Z',
    });
    const q2 = sub('quy2.xlsx', 'phường đồng xoài', [met(i1, 2, 90, 'G8')], {
      modified: '2026-07-01T00:00:00Z',
    });
    const row = the(unitsMatrix([q1, q2], sets).sets[0]?.units[0]);
    expect(row.files.map((f) => [f.file, f.quarters])).toEqual([
      ['quy1.xlsx', [1]],
      ['quy2.xlsx', [2]],
    ]);
    expect(row.superseded).toEqual([]);
    expect(row.indicators[i1]?.status).toBe('below-minimum');
    expect(row.indicators[i1]?.quarters.map((q) => [q.quarter, q.file])).toEqual([
      [1, 'quy1.xlsx'],
      [2, 'quy2.xlsx'],
    ]);
  });

  it('a unit table is one unit per row, beside the units that sent annexes', () => {
    const forUnit = (name: string, row: number, level: string) => ({
      forUnit: { name, row, level },
    });
    const table: Submission = {
      file: 'tong-hop.xlsx',
      sheet: 'Tổng hợp',
      context: { targetSetId: bp.id, quarter: 1, sources: {} },
      findings: [
        { ...below(i1, 1, 0, 60, 'C5'), ...forUnit('UBND xã Tân Lập', 5, 'xa') } as SheetFinding,
        { ...met(i1, 1, 76.1, 'C6'), ...forUnit('Sở Y tế', 6, 'so') } as SheetFinding,
      ],
    };
    const annex = sub('so-y-te.xlsx', 'Sở Y tế', [met(i2, 1, 99, 'F9')], {
      context: ctx('Sở Y tế', 'so', 1),
      modified: '2026-01-01T00:00:00Z',
    });
    const units = the(unitsMatrix([table, annex], sets).sets[0]).units;
    expect(units.map((u) => [u.unit, u.level])).toEqual([
      ['UBND xã Tân Lập', 'xa'],
      ['Sở Y tế', 'so'],
    ]);
    // Sở Y tế: quarter 1 taken from the annex (dated) — the table row has no date, so it is older
    expect(units[1]?.files.map((f) => [f.file, f.row, f.quarters])).toEqual([
      ['so-y-te.xlsx', undefined, [1]],
    ]);
    expect(units[1]?.superseded.map((s) => [s.file, s.row])).toEqual([['tong-hop.xlsx', 6]]);
    expect(units[0]?.files).toEqual([
      { file: 'tong-hop.xlsx', sheet: 'Tổng hợp', row: 5, quarters: [1] },
    ]);
  });

  it("supersededUnits: the matrix's rows with a superseded submission, and only those", () => {
    const dated = (modified: string) => ({ modified });
    const subs: Submission[] = [
      // a revised copy supersedes the original
      sub('goc.xlsx', 'UBND xã Tân Lập', [below(i1, 1, 40, 60, 'F8')], dated('2026-04-02')),
      sub('sua.xlsx', 'Ủy ban nhân dân xã Tân Lập', [met(i1, 1, 65, 'F8')], dated('2026-04-05')),
      // one workbook per quarter: two parts, nothing superseded
      sub('quy1.xlsx', 'Phường Đồng Xoài', [below(i1, 1, 50, 60, 'F8')], dated('2026-04-01')),
      sub('quy2.xlsx', 'phường đồng xoài', [met(i1, 2, 90, 'G8')], dated('2026-07-01')),
      // a unit alone
      sub('so-y-te.xlsx', 'Sở Y tế', [met(i1, 1, 80, 'F8')]),
      // a hidden old sheet of a workbook
      { ...sub('so-noi-vu.xlsx', 'Sở Nội vụ', [met(i1, 1, 80, 'F8')]) },
      {
        ...sub('so-noi-vu.xlsx', 'Sở Nội vụ', [below(i1, 1, 9, 60, 'F8')]),
        sheet: 'Cũ',
        hidden: true,
      },
      // a unit table whose row an annex supersedes, and one whose unit appears twice in it
      {
        file: 'tong-hop.xlsx',
        sheet: 'Tổng hợp',
        context: { targetSetId: bp.id, quarter: 1, sources: {} },
        findings: [
          { ...met(i1, 1, 70, 'C5'), forUnit: { name: 'Sở Y tế', row: 5, level: 'so' } },
          { ...met(i1, 1, 71, 'C6'), forUnit: { name: 'Xã Lộc Hưng', row: 6, level: 'xa' } },
          { ...below(i1, 1, 1, 60, 'C7'), forUnit: { name: 'xã lộc hưng', row: 7, level: 'xa' } },
        ] as SheetFinding[],
      },
      // a set the run was not given: left out
      {
        ...sub('khac.xlsx', 'Sở Tư pháp', []),
        context: { ...ctx('Sở Tư pháp'), targetSetId: 'x' },
      },
    ];
    const whole = unitsMatrix(subs, sets);
    const only = supersededUnits(subs, sets);
    const expected = whole.sets
      .map((set) => ({
        id: set.targetSetId,
        units: set.units.filter((u) => u.superseded.length > 0),
      }))
      .filter((set) => set.units.length > 0);
    expect(only.sets.map((set) => ({ id: set.targetSetId, units: set.units }))).toEqual(expected);
    expect(only.sets[0]?.units.map((u) => u.unit)).toEqual([
      'Ủy ban nhân dân xã Tân Lập',
      'Sở Y tế',
      'Sở Nội vụ',
      'Xã Lộc Hưng',
    ]);
    // nothing superseded anywhere: no set at all
    expect(supersededUnits(subs.slice(2, 5), sets)).toEqual({ sets: [] });
  });

  it('units side by side under one heading row are one unit each (row and column)', () => {
    const at = (name: string, column: number, level: string) => ({
      forUnit: { name, row: 4, column, level },
    });
    const table: Submission = {
      file: 'tong-hop.xlsx',
      sheet: 'TH',
      context: { targetSetId: bp.id, quarter: 1, sources: {} },
      findings: [
        { ...met(i1, 1, 80, 'D8'), ...at('Sở Nội vụ', 4, 'so') } as SheetFinding,
        { ...below(i1, 1, 20, 60, 'H8'), ...at('UBND huyện Lộc Ninh', 8, 'huyen') } as SheetFinding,
        { ...met(i1, 1, 90, 'L8'), ...at('UBND xã Lộc Hưng', 12, 'xa') } as SheetFinding,
      ],
    };
    const units = the(unitsMatrix([table], sets).sets[0]).units;
    expect(
      units.map((u) => [u.unit, u.level, u.indicators[i1]?.status, u.files[0]?.column]),
    ).toEqual([
      ['Sở Nội vụ', 'so', 'met', 4],
      ['UBND huyện Lộc Ninh', 'huyen', 'below-minimum', 8],
      ['UBND xã Lộc Hưng', 'xa', 'met', 12],
    ]);
  });

  it('a value the check could not read in its unit has no value, only what was typed', () => {
    const invalid = (reason: string, value: number, raw: string | number, cell: string) =>
      ({
        code: 'invalid-value',
        indicatorId: i1,
        quarter: 1,
        reason,
        value,
        raw,
        cell,
        sheet: 'PL',
      }) as unknown as SheetFinding;
    const m = unitsMatrix(
      [sub('a.xlsx', 'Sở Y tế', [invalid('unit-mismatch', 11.3, '11,3/18', 'F8')])],
      sets,
    );
    expect(m.sets[0]?.units[0]?.indicators[i1]?.quarters[0]).toMatchObject({
      status: 'invalid-value',
      value: null,
      raw: '11,3/18',
    });
    const far = unitsMatrix(
      [sub('a.xlsx', 'Sở Y tế', [invalid('out-of-range', 106.67, 1.0667, 'F8')])],
      sets,
    );
    const q = far.sets[0]?.units[0]?.indicators[i1]?.quarters[0];
    expect(q?.value).toBe(106.67);
    expect(q && 'raw' in q).toBe(false);
  });

  it('a sheet that names no unit is its own row, by file and sheet', () => {
    const m = unitsMatrix(
      [
        sub('x.xlsx', undefined, [met(i1, 1, 80, 'F8')]),
        sub('y.xlsx', undefined, [met(i1, 1, 80, 'F8')]),
      ],
      sets,
    );
    expect(m.sets[0]?.units.map((u) => [u.key, u.unit])).toEqual([
      ['x.xlsx › PL', null],
      ['y.xlsx › PL', null],
    ]);
  });

  it('sections of the set that have indicators, in order; a set not given is left out', () => {
    const nq = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;
    const both = new Map([
      [bp.id, bp],
      [nq.id, nq],
    ]);
    const nqSub: Submission = {
      file: 'nq.xlsx',
      sheet: 'PL II',
      context: { targetSetId: nq.id, unitName: 'Sở Tư pháp', quarter: 1, sources: {} },
      findings: [],
    };
    const m = unitsMatrix([nqSub, sub('a.xlsx', 'Sở Y tế', [met(i1, 1, 80, 'F8')])], both);
    expect(m.sets.map((s) => s.targetSetId)).toEqual([nq.id, bp.id]);
    const sections = the(m.sets[0]).sections;
    expect(sections.map((s) => s.id)).toEqual(nq.sections.map((s) => s.id));
    expect(sections.flatMap((s) => s.indicatorIds)).toEqual(nq.indicators.map((i) => i.id));
    expect(unitsMatrix([nqSub], sets).sets).toEqual([]);
  });

  it('from a real check: the reference huyện annex', () => {
    const check = checkSheet(fixture('bp2025-huyen'));
    const m = unitsMatrix(
      [{ file: 'h.xlsx', sheet: 'PL', context: check.context, findings: check.findings }],
      sets,
    );
    const row = the(m.sets[0]?.units[0]);
    expect(row.unit).toBe(check.context.unitName ?? null);
    // every value-finding of the check is in a quarter cell, and each cell is its quarters' worst
    const valueFindings = check.findings.filter(
      (f) => f.quarter !== undefined && f.code !== 'target-mismatch',
    );
    const cells = Object.values(row.indicators).flatMap((c) => c.quarters);
    expect(cells.length).toBeLessThanOrEqual(valueFindings.length);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of Object.values(row.indicators))
      expect(c.status).toBe(worstStatus(c.quarters.map((q) => q.status)));
  });
});

describe('tally', () => {
  it('met over the units the indicator applies to', () => {
    expect(
      indicatorTally({ met: 6, 'below-minimum': 2, 'missing-value': 1, 'not-applicable': 4 }),
    ).toEqual({
      met: 6,
      of: 9,
    });
    expect(indicatorTally({ 'not-occurred': 1, met: 1 })).toEqual({ met: 2, of: 2 });
    expect(indicatorTally({})).toEqual({ met: 0, of: 0 });
  });
});

describe('roster', () => {
  const m = unitsMatrix(
    [
      sub('a.xlsx', 'UBND xã Tân Lập', [met(i1, 1, 80, 'F8')]),
      sub('b.xlsx', 'Sở Y tế', [met(i1, 1, 80, 'F8')]),
      sub('c.xlsx', 'Sở Lạ', [met(i1, 1, 80, 'F8')]),
    ],
    sets,
  );
  it('names compared as units are: case, diacritics, UBND / Ủy ban nhân dân, a leading UBND', () => {
    const roster = [
      { name: 'Ủy ban nhân dân xã Tân Lập', line: 2 },
      { name: 'SỞ Y TẾ', line: 3 },
      { name: 'UBND phường Bình Long', level: 'xa', code: '25432', line: 4 },
    ];
    const r = matchRoster(m, roster);
    expect(r.notSubmitted).toEqual([roster[2]]);
    expect(r.notOnRoster.map((u) => u.unit)).toEqual(['Sở Lạ']);
    expect(r.matched.get('ubnd xa tan lap')).toBe(roster[0]);
    expect(matchRoster(m, [{ name: 'Xã Tân Lập' }]).notSubmitted).toEqual([]);
    expect(matchRoster(m, [{ name: 'Xã Tân Lộc' }]).notSubmitted).toEqual([{ name: 'Xã Tân Lộc' }]);
  });
});

describe('change since the previous report', () => {
  it('the previous value, the change, and units that fell below a minimum they met', () => {
    const now = unitsMatrix(
      [
        sub('a.xlsx', 'Sở Y tế', [
          met(i1, 1, 70, 'F8'),
          below(i1, 2, 55, 60, 'G8'),
          met(i2, 2, 99, 'G9'),
        ]),
        sub('b.xlsx', 'Sở Mới', [met(i1, 2, 90, 'G8')]),
      ],
      sets,
    );
    const previous = [
      {
        unit: 'SỞ Y TẾ',
        targetSetId: bp.id,
        indicators: {
          [i1]: { status: 'met', quarters: [{ quarter: 1, value: 70 }] },
          [i2]: { status: 'below-minimum', quarters: [{ quarter: 1, value: 90.5 }] },
        },
      },
    ];
    const changes = compareWithPrevious(now, previous);
    expect(changes).toEqual([
      {
        key: 'so y te',
        targetSetId: bp.id,
        changes: [
          {
            indicatorId: i1,
            previousValue: 70,
            previousQuarter: 1,
            previousStatus: 'met',
            value: 55,
            quarter: 2,
            change: -15,
            fellBelow: true,
          },
          {
            indicatorId: i2,
            previousValue: 90.5,
            previousQuarter: 1,
            previousStatus: 'below-minimum',
            value: 99,
            quarter: 2,
            change: 8.5,
            fellBelow: false,
          },
        ],
      },
    ]);
  });
});
