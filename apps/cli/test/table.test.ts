/**
 * The text report's table (report/table.ts) is what cli-table3 draws with the report's options,
 * character for character: random tables of Vietnamese words, long words, line breaks, empty
 * cells, wide characters and colours, drawn both ways.
 */
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { drawTable } from '../src/report/table.js';

function withCliTable3(head: string[], rows: string[][], colWidths: number[]): string {
  const table = new Table({
    head,
    colWidths,
    wordWrap: true,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  table.push(...rows);
  return table.toString();
}

/** A small seeded generator (the same tables on every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'Quý',
  'II:',
  '74,12%',
  '(ô',
  'ghi',
  '"0,7412")',
  '<',
  'tối',
  'thiểu',
  '75%',
  'Hồ',
  'sơ',
  'trực',
  'tuyến',
  'không',
  'rõ',
  'là',
  '0,86%',
  'hay',
  '86%',
  '✗',
  '!',
  '?',
  '○',
  '–',
  'K15',
  'Bộ chỉ số',
  'chỉ-đạo-điều-hành-toàn-trình-rất-dài-không-có-khoảng-trắng',
  '中文',
  '📄',
  '',
  // one column or not, as cli-table3 counts them: the table's fast path for plain text must
  // agree on every one (symbols of the report, decomposed letters, joiners, spaces that are
  // not U+0020, halfwidth and fullwidth forms)
  '≥',
  '—',
  '…',
  '©',
  '™',
  '↔',
  '☺',
  'Hồ sơ'.normalize('NFD'),
  'e\u0301',
  'tối\u00a0thiểu',
  'ｱｲ',
  'ＡＢ',
  '\u3000',
  '\u00ad',
  '👨\u200d👩\u200d👧',
  '1\ufe0f\u20e3',
  '#\u20e3',
  '✔\ufe0f',
  '\u200b',
  '\u0085',
  'x\ud800',
];
const COLOURS = ['\u001b[31m', '\u001b[33m', '\u001b[32m', '\u001b[2m', '\u001b[1m'];
const CLOSE: Record<string, string> = {
  '\u001b[31m': '\u001b[39m',
  '\u001b[33m': '\u001b[39m',
  '\u001b[32m': '\u001b[39m',
  '\u001b[2m': '\u001b[22m',
  '\u001b[1m': '\u001b[22m',
};

function text(next: () => number): string {
  const n = Math.floor(next() * 14);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(WORDS[Math.floor(next() * WORDS.length)] as string);
    const r = next();
    parts.push(r < 0.75 ? ' ' : r < 0.85 ? '  ' : r < 0.9 ? '\n' : r < 0.95 ? '\t' : '\u00a0');
  }
  let t = parts.join('').trimEnd();
  if (next() < 0.4) {
    const open = COLOURS[Math.floor(next() * COLOURS.length)] as string;
    t = `${open}${t}${CLOSE[open]}`;
  }
  return t;
}

describe('the text report table', () => {
  it('draws what cli-table3 draws, for 600 random tables', { timeout: 120_000 }, () => {
    const next = random(20261202);
    for (let n = 0; n < 600; n++) {
      const widths = [
        4 + Math.floor(next() * 8),
        6 + Math.floor(next() * 30),
        8 + Math.floor(next() * 60),
      ];
      const head = [text(next), text(next), text(next)];
      const rows = Array.from({ length: Math.floor(next() * 6) }, () => [
        text(next),
        text(next),
        text(next),
      ]);
      expect(drawTable(head, rows, widths), JSON.stringify({ head, rows, widths })).toBe(
        withCliTable3(head, rows, widths),
      );
    }
  });

  it('wraps plain text as cli-table3 does, whitespace of every kind at either end too', () => {
    // the plain path's own scan for whitespace against cli-table3's split on \s+: leading and
    // trailing runs, runs longer than a line, words longer than a line, every \s space that is
    // one column wide
    const spaces = [' ', '  ', '\u00a0', '\u2002', '\u2009', '\u202f', '\u205f', ' \u00a0 '];
    const next = random(20261203);
    for (let n = 0; n < 400; n++) {
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
      const words = ['Quý', 'II:', '74,12%', 'tối', 'thiểu', 'x', 'một-từ-rất-dài-hơn-cả-một-dòng'];
      let t = next() < 0.5 ? pick(spaces).repeat(1 + Math.floor(next() * 12)) : '';
      for (let k = Math.floor(next() * 10); k > 0; k--) t += pick(words) + pick(spaces);
      if (next() < 0.5) t = t.trimEnd();
      const widths = [4 + Math.floor(next() * 6), 8 + Math.floor(next() * 20)];
      const rows = [[t, t.trimStart()]];
      expect(drawTable(['Ô', 'Kết quả'], rows, widths), JSON.stringify({ rows, widths })).toBe(
        withCliTable3(['Ô', 'Kết quả'], rows, widths),
      );
    }
  });

  it('draws the report table of a sheet', () => {
    const head = ['Ô', 'Chỉ tiêu', 'Kết quả'];
    const rows = [
      [
        'J15',
        '3. Hồ sơ trực tuyến',
        '✗ Quý I: 74,12% (ô ghi "0,7412") < tối thiểu 75% (thiếu 0,88 điểm %)',
      ],
      [
        'K24',
        '8. Xử lý phản ánh, kiến nghị đúng hạn',
        '? Quý II: chưa nhập kết quả (tối thiểu 100%)',
      ],
    ];
    const drawn = drawTable(head, rows, [8, 30, 52]);
    expect(drawn).toBe(withCliTable3(head, rows, [8, 30, 52]));
    expect(drawn.split('\n')).toEqual([
      '┌────────┬──────────────────────────────┬────────────────────────────────────────────────────┐',
      '│ Ô      │ Chỉ tiêu                     │ Kết quả                                            │',
      '│ J15    │ 3. Hồ sơ trực tuyến          │ ✗ Quý I: 74,12% (ô ghi "0,7412") < tối thiểu 75%   │',
      '│        │                              │ (thiếu 0,88 điểm %)                                │',
      '│ K24    │ 8. Xử lý phản ánh, kiến nghị │ ? Quý II: chưa nhập kết quả (tối thiểu 100%)       │',
      '│        │ đúng hạn                     │                                                    │',
      '└────────┴──────────────────────────────┴────────────────────────────────────────────────────┘',
    ]);
  });
});
