import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import { type AchievedValue, applicableRow, evaluate, evaluateForSheet } from '../src/evaluate.js';
import type { EvaluationFinding, Quarter } from '../src/findings.js';
import { fromA1 } from '../src/grid.js';
import type { ParsedValue } from '../src/parse/types.js';
import type { Indicator, TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { inSheetOrder } from '../src/unit-table/groups.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const payment = bp.indicators.find((i) => i.id === 'thanh-toan-truc-tuyen') as Indicator;

const pct = (value: number, how: 'text-percent' | 'fraction' = 'text-percent'): ParsedValue => ({
  kind: 'number',
  value,
  scale: 'percent',
  how,
  raw: how === 'fraction' ? value / 100 : `${value}%`,
});
const at = (quarter: Quarter, value: ParsedValue, ref?: number): AchievedValue<number> => ({
  indicatorId: payment.id,
  quarter,
  value,
  ...(ref === undefined ? {} : { ref }),
});
const input = (values: AchievedValue<number>[]) => ({
  targetSet: { ...bp, indicators: [payment] },
  unit: { level: 'so' },
  quarter: 2 as Quarter,
  values,
});

describe('the fields of an evaluated finding', () => {
  // Q1 minimum 70, Q2 minimum 75 (the "so" row of thanh-toan-truc-tuyen).
  const values = [
    at(1, pct(72), 0),
    at(2, pct(74.5), 1),
    at(2, { kind: 'missing', reason: 'blank', raw: null }, 2),
  ];

  it('evaluate: the fields it has, and no places for a sheet check to fill', () => {
    const keys = evaluate(input(values)).map((f) => Object.keys(f));
    expect(keys).toEqual([
      ['code', 'indicatorId', 'quarter', 'targetRow', 'ref', 'value', 'minimum', 'margin'],
      ['code', 'indicatorId', 'quarter', 'targetRow', 'ref', 'value', 'minimum', 'gap', 'nearMiss'],
      ['code', 'indicatorId', 'quarter', 'targetRow', 'ref', 'reason', 'raw', 'minimum'],
    ]);
  });

  it('evaluateForSheet: the same findings, with cell, sheet and forUnit last (undefined)', () => {
    const plain = evaluate(input(values));
    const sheet = evaluateForSheet(input(values));
    expect(sheet).toEqual(plain);
    for (const f of sheet as (EvaluationFinding<number> & Record<string, unknown>)[]) {
      expect(Object.keys(f).slice(-3)).toEqual(['cell', 'sheet', 'forUnit']);
      expect([f.cell, f.sheet, f.forUnit]).toEqual([undefined, undefined, undefined]);
    }
    expect(sheet.map((f) => [f.code, f.quarter, 'value' in f ? f.value : null])).toEqual([
      ['met', 1, 72],
      ['below-minimum', 2, 74.5],
      ['missing-value', 2, null],
    ]);
  });

  it('a value read from a fraction keeps its reading, before the places; others have none', () => {
    const read = [at(1, pct(86, 'fraction'), 0), at(2, pct(60, 'fraction'), 1), at(2, pct(90), 2)];
    const [met, below, plain] = evaluateForSheet(input(read));
    expect(met).toMatchObject({ code: 'met', reading: { how: 'fraction', raw: 0.86 } });
    expect(below).toMatchObject({ code: 'below-minimum', reading: { how: 'fraction', raw: 0.6 } });
    expect(Object.keys(met ?? {}).slice(-4)).toEqual(['reading', 'cell', 'sheet', 'forUnit']);
    expect(plain && 'reading' in plain).toBe(false);
    const [publicMet] = evaluate(input(read));
    expect(Object.keys(publicMet ?? {}).at(-1)).toBe('reading');
  });

  it('findings of a checked sheet keep their JSON keys in order, cell and sheet last', () => {
    const rows = [
      [{ value: 'Stt' }, { value: 'Nhiệm vụ' }, { value: 'Kết quả Quý I' }],
      [{ value: '2' }, { value: payment.name }, { value: 0.72, numberFormat: '0%' }],
    ];
    const r = checkSheet(
      { name: 'PL', rows },
      { targetSet: bp, level: 'so', unitName: 'Sở Nội vụ', quarter: 1 },
    );
    const met = r.findings.find((f) => f.code === 'met');
    expect(met && Object.keys(JSON.parse(JSON.stringify(met)))).toEqual([
      'code',
      'indicatorId',
      'quarter',
      'targetRow',
      'value',
      'minimum',
      'margin',
      'cell',
      'sheet',
    ]);
    expect(met).toMatchObject({ cell: 'C2', sheet: 'PL', value: 72 });
  });
});

describe('a row for named agencies', () => {
  const ind: Indicator = {
    ...payment,
    targets: [
      {
        ...(payment.targets[0] as Indicator['targets'][number]),
        appliesTo: { levels: [], agencies: ['Sở Y tế'] },
      },
      {
        ...(payment.targets[0] as Indicator['targets'][number]),
        appliesTo: { levels: ['so'], agencies: [] },
      },
    ],
  };
  const index = (name: string) => applicableRow(ind, { level: 'so', name }).index;

  it('is the unit whose name is the agency, or begins or ends with it as whole words', () => {
    expect(index('Sở Y tế')).toBe(0);
    expect(index('SO Y TE')).toBe(0);
    expect(index('Sở Y tế tỉnh Bình Phước')).toBe(0);
    expect(index('Giám đốc Sở Y tế')).toBe(0);
  });

  it('is not a unit with the agency inside a word, or only part of its name', () => {
    expect(index('Sở Y tếx')).toBe(1);
    expect(index('Sở Y')).toBe(1);
    expect(index('Phòng Sở Y tế khác')).toBe(1);
    expect(index('')).toBe(1);
  });

  it('a unit of no listed level, for agencies only: says which', () => {
    const agenciesOnly = { ...ind, targets: [ind.targets[0] as Indicator['targets'][number]] };
    expect(applicableRow(agenciesOnly, { level: 'so', name: 'Sở Nội vụ' })).toEqual({
      reason: 'agency',
    });
    expect(applicableRow(ind, { level: 'xa', name: 'UBND xã A' })).toEqual({ reason: 'level' });
  });
});

describe('cells in sheet order', () => {
  it('by row, then column, as fromA1 reads them; equal cells keep their order', () => {
    const cells = [
      'B10',
      'AA2',
      'A10',
      '$C$3',
      'b2',
      'A2',
      'AB2',
      'XFD1',
      'A1',
      'B2',
      'not a cell',
    ];
    const expected = cells
      .map((a1, i) => ({ a1, i, p: fromA1(a1) ?? { row: 0, column: 0 } }))
      .sort((a, b) => a.p.row - b.p.row || a.p.column - b.p.column || a.i - b.i)
      .map((x) => x.a1);
    expect(inSheetOrder(cells)).toEqual(expected);
    expect(inSheetOrder(cells)).toEqual([
      'A1',
      'not a cell',
      'XFD1',
      'A2',
      'b2',
      'B2',
      'AA2',
      'AB2',
      '$C$3',
      'A10',
      'B10',
    ]);
  });
});
