/**
 * The index table of Bộ chỉ số 766 (seed 001): points against their group's maximum in the
 * `chi-so-766` set, ratios in 0–100 and the change column against the two periods it compares,
 * cell by cell, over the fixture transcribed from the seed and its neighbours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck } from '../src/annex/check.js';
import { describeFinding } from '../src/messages/describe.js';
import { parseGridText, readGridFixture } from './fixtures/grid-text.js';

const FIXTURE = readFileSync(new URL('./fixtures/index-766.grid.txt', import.meta.url), 'utf8');

/** The fixture with some of its cells' texts replaced: [row text before, row text after]. */
function variant(...edits: readonly (readonly [string, string])[]) {
  let text = FIXTURE;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`not in the fixture: ${from}`);
    text = text.replace(from, to);
  }
  return parseGridText(text);
}

/** One line per finding: cell, reason, group, quarter, value, max, and the change's fields. */
function digest(r: SheetCheck): unknown[][] {
  return r.findings.map((f) => {
    if (f.code !== 'invalid-value') return [f.cell, f.code];
    const line: unknown[] = [f.cell, f.reason, f.indicatorId, f.quarter, f.value, f.max];
    if (f.reason === 'maximum-mismatch') line.push(f.expected);
    if (f.reason === 'change-mismatch') line.push(f.compared, f.change);
    return line;
  });
}

const words = (r: SheetCheck, locale: 'vi' | 'en' = 'vi') =>
  r.findings.map((f) => `${f.cell} ${describeFinding(f, { targetSet: r.targetSet, locale })}`);

describe('the index table of seed 001', () => {
  const r = checkSheet(readGridFixture('index-766'));

  it('is checked against chi-so-766, for the later period', () => {
    expect(r.status).toBe('checked');
    expect(r.context).toEqual({
      targetSetId: 'chi-so-766',
      quarter: 1,
      sources: { targetSet: 'content', quarter: 'content' },
    });
    expect(r.layout?.headerRows).toEqual([1, 2]);
    expect(r.layout?.columns.map((c) => [c.letter, c.role, c.quarter, c.header])).toEqual([
      ['A', 'stt', undefined, 'TT'],
      ['B', 'name', undefined, 'Nhóm chỉ số'],
      ['C', 'result', 1, 'Tỷ lệ/Điểm Quý I/2023'],
      ['D', 'result', 1, 'Quý I/2024'],
    ]);
  });

  it('catches "19,1/18" twice and nothing else: every other score, ratio and change is right', () => {
    expect(digest(r)).toEqual([
      ['C5', 'above-maximum', 'tien-do-giai-quyet', 1, 19.1, 18],
      ['C5', 'maximum-mismatch', 'tien-do-giai-quyet', 1, 19.1, 18, { kind: 'points', max: 20 }],
    ]);
    expect(r.summary.total).toBe(2);
    expect(r.summary.byCode['invalid-value']).toBe(2);
  });

  it('words both findings in Vietnamese and English', () => {
    expect(words(r)).toEqual([
      'C5 Quý I: điểm 19,1 vượt quá điểm tối đa 18',
      'C5 Quý I: "19,1/18" ghi điểm tối đa 18, khác điểm tối đa 20 của nhóm chỉ số',
    ]);
    expect(words(r, 'en')).toEqual([
      'C5 Q1: the score 19.1 exceeds the maximum of 18',
      'C5 Q1: "19,1/18" is written out of 18, but the index group\'s maximum is 20',
    ]);
  });

  it('marks the cell from the mark plan, with its first finding', () => {
    expect(r.markPlan.groups.map((g) => [g.status, g.cells.map((c) => c.cell)])).toEqual([
      ['invalid-value', ['C5']],
    ]);
    expect(r.markPlan.rules[0]).toEqual({
      status: 'invalid-value',
      condition: { kind: 'text', text: '19,1/18' },
      ranges: ['C5'],
      numberFormat: '"! "General;"! "-General;"! "General;"! "@',
      valueChars: 6,
    });
    expect(checkSheet(readGridFixture('index-766'), { marks: false }).markPlan).toEqual({
      sheet: 'Chỉ số 766',
      groups: [],
      rules: [],
    });
  });

  it('takes the set given as an option', () => {
    const given = checkSheet(readGridFixture('index-766'), { targetSet: 'chi-so-766' });
    expect(given.context.sources.targetSet).toBe('option');
    expect(digest(given)).toEqual(digest(r));
  });
});

describe('the change column', () => {
  it('catches a wrong change, naming both values and the change they give', () => {
    const r = checkSheet(variant(['11,3/18\t+3,78', '11,3/18\t+0,5']));
    expect(digest(r)).toEqual([
      ['E3', 'change-mismatch', 'cong-khai-minh-bach', 1, 0.5, undefined, [7.52, 11.3], 3.78],
      ['C5', 'above-maximum', 'tien-do-giai-quyet', 1, 19.1, 18],
      ['C5', 'maximum-mismatch', 'tien-do-giai-quyet', 1, 19.1, 18, { kind: 'points', max: 20 }],
    ]);
    expect(words(r)[0]).toBe(
      'E3 Quý I: mức thay đổi +0,5 không khớp với hai kỳ so sánh: 7,52 → 11,3 là +3,78',
    );
    expect(words(r, 'en')[0]).toBe(
      'E3 Q1: the change +0,5 does not match the two periods compared: 7.52 → 11.3 is +3.78',
    );
    expect(r.markPlan.groups[0]?.cells.map((c) => c.cell)).toEqual(['E3', 'C5']);
  });

  it('accepts a change rounded to the decimals it is written with, and "-" for no change', () => {
    const r = checkSheet(
      variant(
        ['11,3/18\t+3,78', '11,3/18\t+3,8'],
        ['95%\t100%\t+5,0', '95%\t100%\t+5'],
        ['4/10\t3,2/10\t- 0,8', '4/10\t3,2/10\t-0,8'],
      ),
    );
    expect(digest(r).map((l) => l[0])).toEqual(['C5', 'C5']);
  });

  it('catches a decrease written with the wrong size, a sign lost, and "-" for a change', () => {
    const r = checkSheet(
      variant(
        ['4/10\t3,2/10\t- 0,8', '4/10\t3,2/10\t- 0,6'],
        ['95,27%\t96,76%\t+1,49', '95,27%\t96,76%\t-1,49'],
        ['6,3/22\t10,7/22\t+4,4', '6,3/22\t10,7/22\t-'],
      ),
    );
    expect(digest(r).filter((l) => l[1] === 'change-mismatch')).toEqual([
      ['E8', 'change-mismatch', 'thanh-toan-truc-tuyen', 1, -0.6, undefined, [4, 3.2], -0.8],
      ['E11', 'change-mismatch', 'muc-do-hai-long', 1, -1.49, undefined, [95.27, 96.76], 1.49],
      ['E12', 'change-mismatch', 'so-hoa-ho-so', 1, 0, undefined, [6.3, 10.7], 4.4],
    ]);
    expect(words(r).find((w) => w.startsWith('E8'))).toBe(
      'E8 Quý I: mức thay đổi - 0,6 không khớp với hai kỳ so sánh: 4 → 3,2 là -0,8',
    );
  });

  it('says a change it cannot read', () => {
    const r = checkSheet(variant(['11,3/18\t+3,78', '11,3/18\ttăng']));
    expect(digest(r)[0]).toEqual([
      'E3',
      'unreadable',
      'cong-khai-minh-bach',
      1,
      undefined,
      undefined,
    ]);
  });
});

describe('points and ratios', () => {
  it('a score above the maximum written and the group’s, a maximum that disagrees, a ratio over 100', () => {
    const r = checkSheet(
      variant(
        ['19,1/18\t19,4/20\t+0,3', '19,1/20\t21/20\t+1,9'],
        ['2,9/12\t5,4/12', '2,9/10\t5,4/12'],
        ['0,00%\t60,3%\t+60,3', '0,00%\t160,3%\t+160,3'],
      ),
    );
    expect(digest(r)).toEqual([
      ['D5', 'above-maximum', 'tien-do-giai-quyet', 1, 21, 20],
      [
        'C7',
        'maximum-mismatch',
        'dich-vu-cong-truc-tuyen',
        1,
        2.9,
        10,
        { kind: 'points', max: 12 },
      ],
      ['D14', 'out-of-range', 'so-hoa-ho-so', 1, 160.3, undefined],
    ]);
    expect(words(r)[2]).toBe('D14 Quý I: giá trị 160,3% nằm ngoài khoảng 0–100%');
  });

  it('reads a group score typed without its maximum on the group’s scale', () => {
    const r = checkSheet(variant(['7,52/18\t11,3/18', '=7.52\t=18.5']));
    expect(digest(r)).toEqual([
      ['D3', 'above-maximum', 'cong-khai-minh-bach', 1, 18.5, 18],
      ['E3', 'change-mismatch', 'cong-khai-minh-bach', 1, 3.78, undefined, [7.52, 18.5], 10.98],
      ['C5', 'above-maximum', 'tien-do-giai-quyet', 1, 19.1, 18],
      ['C5', 'maximum-mismatch', 'tien-do-giai-quyet', 1, 19.1, 18, { kind: 'points', max: 20 }],
    ]);
  });

  it('reads a one-row header with the periods in it, and a table without a change column', () => {
    const oneRow = parseGridText(
      [
        'TT\tNhóm chỉ số\tĐiểm Quý I/2023\tĐiểm Quý I/2024',
        '1\tCông khai, minh bạch\t7,52/18\t19/18',
        '2\tTiến độ giải quyết\t19,1/20\t19,4/20',
        '%name Sheet1',
      ].join('\n'),
    );
    const r = checkSheet(oneRow);
    expect(r.layout?.headerRows).toEqual([1]);
    expect(digest(r)).toEqual([['D2', 'above-maximum', 'cong-khai-minh-bach', 1, 19, 18]]);
  });
});

describe('not an index table', () => {
  it('a table of groups without two periods, or with no group of a points set, is left alone', () => {
    const onePeriod = parseGridText(
      ['TT\tNhóm chỉ số\tĐiểm Quý I/2024', '1\tCông khai, minh bạch\t19/18', '%name S'].join('\n'),
    );
    expect(checkSheet(onePeriod).status).toBe('not-an-annex');
    const otherGroups = parseGridText(
      [
        'TT\tNhóm chỉ số\tĐiểm Quý I/2023\tĐiểm Quý I/2024',
        '1\tChỉ số khác\t7/18\t19/18',
        '%name S',
      ].join('\n'),
    );
    expect(checkSheet(otherGroups).status).toBe('not-an-annex');
  });
});
