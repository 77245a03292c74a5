import {
  EXCEL_CELL_TEXT_LIMIT,
  type Grid,
  type MarkPlan,
  type SheetFinding,
} from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import {
  MAX_PATCH_CELLS,
  MAX_PATCH_RANGES,
  NOTE_PREFIX,
  notesKey,
  notesOf,
  patchGrid,
  planKey,
  rangesToRead,
} from '../src/app/live.js';

describe('rangesToRead', () => {
  it('keeps cells and blocks, normalised and without repeats', () => {
    expect(rangesToRead(['c7'])).toEqual(['C7']);
    expect(rangesToRead(['$C$7:$D$9', 'C7:D9', 'E1'])).toEqual(['C7:D9', 'E1']);
    expect(rangesToRead(['D9:C7'])).toEqual(['C7:D9']);
    expect(rangesToRead(['C7,E9:E10'])).toEqual(['C7', 'E9:E10']);
    expect(rangesToRead(["'Phụ lục'!K13"])).toEqual(['K13']);
  });

  it('asks for the whole sheet for rows, columns, junk, too many ranges or cells', () => {
    expect(rangesToRead(['5:5'])).toBeUndefined();
    expect(rangesToRead(['B:D'])).toBeUndefined();
    expect(rangesToRead(['ô lạ'])).toBeUndefined();
    expect(rangesToRead([])).toBeUndefined();
    const many = Array.from({ length: MAX_PATCH_RANGES + 1 }, (_, i) => `A${i + 1}`);
    expect(rangesToRead(many)).toBeUndefined();
    expect(rangesToRead(many.slice(0, MAX_PATCH_RANGES))).toHaveLength(MAX_PATCH_RANGES);
    const side = Math.ceil(Math.sqrt(MAX_PATCH_CELLS)) + 1;
    expect(rangesToRead([`A1:A${MAX_PATCH_CELLS}`])).toEqual([`A1:A${MAX_PATCH_CELLS}`]);
    expect(rangesToRead([`A1:Z${side * 10}`])).toBeUndefined();
  });
});

describe('patchGrid', () => {
  const grid: Grid = {
    name: 'S',
    origin: { row: 2, column: 1 },
    rows: [[{ value: 'a' }, { value: 'b' }], [{ value: 'c' }]],
    merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
  };

  it('writes the patch over the grid at its place, leaving the grid as it was', () => {
    const out = patchGrid(grid, {
      name: 'S',
      origin: { row: 3, column: 2 },
      rows: [[{ value: 9 }]],
    });
    expect(out?.rows).toEqual([
      [{ value: 'a' }, { value: 'b' }],
      [{ value: 'c' }, { value: 9 }],
    ]);
    expect(out?.rows[0]).toBe(grid.rows[0]); // untouched rows are shared
    expect(grid.rows[1]).toEqual([{ value: 'c' }]);
    expect(out?.merges).toBe(grid.merges);
    expect(out?.origin).toEqual(grid.origin);
  });

  it('grows the grid below and to the right, and clears cells', () => {
    const out = patchGrid(grid, {
      name: 'S',
      origin: { row: 2, column: 2 },
      rows: [[undefined], [undefined], [undefined, { value: 'x' }]],
    });
    expect(out?.rows).toEqual([
      [{ value: 'a' }, undefined],
      [{ value: 'c' }],
      [undefined, undefined, { value: 'x' }],
    ]);
  });

  it('gives up when the patch starts above or left of the grid', () => {
    expect(patchGrid(grid, { name: 'S', origin: { row: 1, column: 1 }, rows: [] })).toBeUndefined();
    expect(patchGrid(grid, { name: 'S', origin: { row: 2, column: 0 }, rows: [] })).toBeUndefined();
  });
});

/** A cell of a mark plan (the engine names the type only through MarkPlan). */
type MarkedCell = MarkPlan['groups'][number]['cells'][number];

describe('notes and keys', () => {
  const percent = { kind: 'percent' } as const;
  /** A value below its minimum: 70% for a minimum of 75% in Quý II. */
  const below: SheetFinding = {
    code: 'below-minimum',
    indicatorId: '1',
    quarter: 2,
    value: 70,
    minimum: { value: 75, comparator: 'at-least', source: 'quarterly', unit: percent },
    gap: 5,
    nearMiss: false,
    cell: 'K13',
  };
  /** The sheet's annual target lowered from 100% to 90%. */
  const lowered: SheetFinding = {
    code: 'target-mismatch',
    indicatorId: '1',
    target: 'annual',
    official: 100,
    value: 90,
    lowered: true,
    unit: percent,
    raw: 0.9,
    cell: 'K13',
  };
  /** A value that cannot be read, as written. */
  const unreadable = (text: string): SheetFinding => ({
    code: 'invalid-value',
    indicatorId: '1',
    quarter: 2,
    reason: 'unreadable',
    raw: text,
    text,
  });
  const cell = (c: string, finding: SheetFinding): MarkedCell => ({
    cell: c,
    row: 0,
    column: 0,
    status: 'below-minimum',
    finding,
    indicatorId: '1',
  });
  const plan: MarkPlan = {
    groups: [
      { status: 'below-minimum', cells: [cell('K13', below), cell('K14', unreadable('abc'))] },
      { status: 'target-mismatch', cells: [cell('K13', lowered)] },
    ],
    rules: [],
  };

  it('gives one note per marked cell with every reason, worded in the language asked for', () => {
    expect(notesOf(plan, 'vi')).toEqual([
      {
        cell: 'K13',
        text: `${NOTE_PREFIX}Quý II: 70% < tối thiểu 75% (thiếu 5 điểm %)\nChỉ tiêu năm trong bảng là 90%, khác chỉ tiêu chính thức 100% (đã bị hạ thấp; vẫn đánh giá theo chỉ tiêu chính thức)`,
      },
      { cell: 'K14', text: `${NOTE_PREFIX}Quý II: không đọc được giá trị "abc"` },
    ]);
    expect(notesOf(plan, 'en').map((n) => n.text)).toEqual([
      `${NOTE_PREFIX}Q2: 70% < minimum 75% (short by 5 percentage points)\nAnnual target in the sheet is 90%, not the official 100% (lowered; values are still judged against the official target)`,
      `${NOTE_PREFIX}Q2: cannot read the value "abc"`,
    ]);
  });

  it("cuts a note of several long reasons to Excel's 32,767 characters as a whole", () => {
    const long = 'x'.repeat(20_000);
    const notes = notesOf(
      {
        groups: [
          { status: 'invalid-value', cells: [cell('K13', unreadable(`a${long}`))] },
          { status: 'invalid-value', cells: [cell('K13', unreadable(`b${long}`))] },
        ],
        rules: [],
      },
      'vi',
    );
    expect(notes).toHaveLength(1);
    const text = notes[0]?.text ?? '';
    expect(text).toHaveLength(EXCEL_CELL_TEXT_LIMIT);
    expect(text.startsWith(`${NOTE_PREFIX}Quý II: không đọc được giá trị "a`)).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });

  it('changes the keys only when what is written changes', () => {
    expect(planKey(plan)).toBe(planKey({ ...plan, groups: [] }));
    expect(planKey(plan)).not.toBe(
      planKey({
        ...plan,
        rules: [{ status: 'missing-value', condition: { kind: 'blank' }, ranges: ['A1'] }],
      }),
    );
    expect(notesKey(notesOf(plan, 'vi'))).toBe(notesKey(notesOf(plan, 'vi')));
    expect(notesKey(notesOf(plan, 'vi'))).not.toBe(notesKey([]));
    // Another language is other words: the notes are written again.
    expect(notesKey(notesOf(plan, 'en'))).not.toBe(notesKey(notesOf(plan, 'vi')));
  });
});
