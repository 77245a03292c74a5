/**
 * The memos kept across sheets (`src/annex/memo.ts` and their users): a sheet whose content
 * differs gets its own answer, never another sheet's, and every memo stays within its bound.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import {
  BLOCK_MATCHES_ENTRIES,
  blockMatchesHeld,
  blocksKey,
  matchBlocks,
} from '../src/annex/choose-set.js';
import { type Layout, recogniseLayout } from '../src/annex/layout.js';
import { IndicatorMatcher, mapTargetRows } from '../src/annex/match.js';
import { BoundedMemo, keyPart } from '../src/annex/memo.js';
import { SheetView } from '../src/annex/sheet.js';
import { lower } from '../src/annex/unit-name.js';
import { QUARTER_MEMO_LIMIT, quarterIn, quartersHeld } from '../src/annex/vocabulary.js';
import type { Cell } from '../src/cell.js';
import type { Grid } from '../src/grid.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture } from './fixtures/grid-text.js';

const bp2025 = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;

/** The grid with one cell's value replaced (0-based row and column). */
function withCell(grid: Grid, row: number, column: number, value: string): Grid {
  const rows = grid.rows.map((r) => (r ? [...r] : r));
  const cells = rows[row] as (Cell | undefined)[];
  cells[column] = { value, type: 'string' };
  return { ...grid, rows };
}

function layoutOf(grid: Grid): Layout {
  return recogniseLayout(new SheetView(grid)) as Layout;
}

/** The grid row of the block whose Stt is `stt`. */
function blockRow(layout: Layout, stt: string): number {
  return layout.blocks.find((b) => b.stt === stt)?.rows[0] as number;
}

/** What a fresh matcher (no memo of any sheet) says of each block: indicator id and target rows. */
function fresh(layout: Layout, set: TargetSet): [number, string, (number | undefined)[]][] {
  const matcher = new IndicatorMatcher(set);
  const out: [number, string, (number | undefined)[]][] = [];
  for (const block of layout.blocks) {
    const match = matcher.match(block);
    if (match)
      out.push([block.index, match.indicator.id, mapTargetRows(match.indicator, block.leads, set)]);
  }
  return out;
}

function digest(layout: Layout, set: TargetSet): [number, string, (number | undefined)[]][] {
  return [...matchBlocks(layout, set)].map(([i, m]) => [i, m.indicator.id, [...m.targetRows]]);
}

describe('BoundedMemo', () => {
  it('holds at most its entries, the oldest going first', () => {
    const memo = new BoundedMemo<number>(3);
    for (let i = 0; i < 10; i++) memo.set(`k${i}`, i);
    expect(memo.size).toBe(3);
    expect([memo.get('k6'), memo.get('k7'), memo.get('k8'), memo.get('k9')]).toEqual([
      undefined,
      7,
      8,
      9,
    ]);
  });

  it('holds keys of at most its characters, and never a key longer than that', () => {
    const memo = new BoundedMemo<number>(100, 10);
    memo.set('aaaa', 1);
    memo.set('bbbb', 2);
    memo.set('cccc', 3);
    expect(memo.keyChars).toBe(8);
    expect([memo.get('aaaa'), memo.get('bbbb'), memo.get('cccc')]).toEqual([undefined, 2, 3]);
    memo.set('x'.repeat(11), 4);
    expect(memo.get('x'.repeat(11))).toBeUndefined();
    expect(memo.size).toBe(2);
  });

  it('replaces an answer set again without counting its key twice', () => {
    const memo = new BoundedMemo<string>(2, 100);
    memo.set('a', 'one');
    memo.set('a', 'two');
    expect([memo.size, memo.keyChars, memo.get('a')]).toEqual([1, 1, 'two']);
  });

  it('computes an answer once, through', () => {
    const memo = new BoundedMemo<number>(4);
    let made = 0;
    const make = () => ++made;
    expect([memo.through('k', make), memo.through('k', make), memo.through('j', make)]).toEqual([
      1, 1, 2,
    ]);
  });

  it('makes key parts that cannot run into each other', () => {
    expect(keyPart('ab') + keyPart('c')).not.toBe(keyPart('a') + keyPart('bc'));
    expect(keyPart('')).toBe('0:');
  });
});

describe('blocks matched, remembered across sheets', () => {
  const base = readGridFixture('bp2025-so');
  const layout = layoutOf(base);
  const row2 = blockRow(layout, '2');
  const third = layout.blocks.find((b) => b.stt === '3');

  it('gives a sheet whose indicator text differs its own match', () => {
    expect(digest(layout, bp2025)).toEqual(fresh(layout, bp2025));
    // Block 2 worded as indicator 3 (the Stt no longer decides): another sheet, another answer.
    const other = layoutOf(withCell(base, row2, 1, third?.text ?? ''));
    const before = digest(layout, bp2025);
    const after = digest(other, bp2025);
    expect(after).toEqual(fresh(other, bp2025));
    expect(after).not.toEqual(before);
    const block2 = (l: Layout) => digest(l, bp2025).find(([i]) => i === 1)?.[1];
    expect([block2(layout), block2(other)]).toEqual(['thanh-toan-truc-tuyen', 'ho-so-truc-tuyen']);
    // And the first sheet still gets its own.
    expect(digest(layout, bp2025)).toEqual(before);
  });

  it('gives a sheet whose lead agencies differ its own target rows', () => {
    // Indicator 2's rows swapped: the departments' row second, the districts' first.
    const swapped = withCell(
      withCell(base, row2, 2, 'UBND cấp huyện'),
      row2 + 1,
      2,
      'Các sở, ban, ngành',
    );
    const other = layoutOf(swapped);
    const rowsOf = (l: Layout) => digest(l, bp2025).find(([i]) => i === 1)?.[2];
    expect(rowsOf(layout)).toEqual([0, 1]);
    expect(rowsOf(other)).toEqual([1, 0]);
    expect(digest(other, bp2025)).toEqual(fresh(other, bp2025));
  });

  it('keys every part matching reads', () => {
    const key = blocksKey(layout);
    const changed = (edit: (l: Layout) => Layout) => blocksKey(edit(layout)) !== key;
    const block = (l: Layout, k: number, part: object) => ({
      ...l,
      blocks: l.blocks.map((b, i) => (i === k ? { ...b, ...part } : b)),
    });
    expect(
      [
        changed((l) => block(l, 0, { stt: '9' })),
        changed((l) => block(l, 0, { section: 'Khác' })),
        changed((l) => block(l, 0, { section: undefined })),
        changed((l) => block(l, 0, { text: `${l.blocks[0]?.text} x` })),
        changed((l) => block(l, 1, { leads: ['Các sở, ban, ngành'] })),
        changed((l) => l),
      ],
      'stt, section, no section, text, leads, nothing',
    ).toEqual([true, true, true, true, true, false]);
  });

  it('keeps a sheet checked after another its own findings', () => {
    const lowered = withCell(base, row2, 6, '50%');
    const first = JSON.stringify(checkSheet(base).findings);
    const other = JSON.stringify(checkSheet(lowered).findings);
    expect(other).not.toBe(first);
    expect(JSON.stringify(checkSheet(base).findings)).toBe(first);
  });

  it('remembers at most its bound of layouts per set', () => {
    const set = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;
    for (let i = 0; i < BLOCK_MATCHES_ENTRIES + 20; i++) {
      const one = {
        ...layout,
        blocks: [{ ...(layout.blocks[0] as Layout['blocks'][0]), stt: `${i}` }],
      };
      matchBlocks(one, set);
    }
    expect(blockMatchesHeld(set)).toBe(BLOCK_MATCHES_ENTRIES);
  });
});

describe('memos of words', () => {
  it('reads each text its own quarter, and holds at most its bound', () => {
    for (let i = 0; i < QUARTER_MEMO_LIMIT + 100; i++) quarterIn(`ket qua ${i} quy ${(i % 4) + 1}`);
    expect(quartersHeld()).toBeLessThanOrEqual(QUARTER_MEMO_LIMIT);
    expect(['quy ii', 'quy iii 2025', 'q4', '9 thang', 'chi tieu'].map(quarterIn)).toEqual([
      2,
      3,
      4,
      3,
      undefined,
    ]);
  });

  it('lowers each word its own way', () => {
    expect(['SỞ', 'Y', 'TẾ', 'UBND', 'Huyện', 'SỞ'].map(lower)).toEqual([
      'sở',
      'y',
      'tế',
      'ubnd',
      'huyện',
      'sở',
    ]);
  });
});

describe('SheetView.shownColumnsIn', () => {
  it('is the columns holding a cell, less those a merged area covers', () => {
    const c = (value: string): Cell => ({ value, type: 'string' });
    const grid: Grid = {
      rows: [
        [c('a'), c('b'), c('c'), c('d'), undefined, c('f')],
        [c('g'), undefined, c('i')],
      ],
      merges: [
        { top: 0, left: 1, bottom: 1, right: 2 },
        { top: 0, left: 5, bottom: 0, right: 5 },
      ],
    };
    const view = new SheetView(grid);
    for (const r of [0, 1])
      expect(view.shownColumnsIn(r)).toEqual(
        view.columnsIn(r).filter((col) => !view.isCovered(r, col)),
      );
    expect([view.shownColumnsIn(0), view.shownColumnsIn(1), view.shownColumnsIn(7)]).toEqual([
      [0, 1, 3, 5],
      [0],
      [],
    ]);
  });
});
