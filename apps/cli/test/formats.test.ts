/**
 * The report formats: --format csv, --format html, and the terminal text (Vietnamese by default,
 * English with --lang en, colours only on a terminal that wants them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES_HIDDEN_HINT,
  EXAMPLES_REL,
  parseCsv,
  type RunResult,
  run,
  stripAnsi,
} from './helpers.js';

const dir = EXAMPLES_REL;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\x1b\[/;

describe('--format csv', () => {
  let result: RunResult;
  let rows: string[][];
  beforeAll(async () => {
    result = await run([
      'check',
      `${dir}/so-tu-phap.xlsx`,
      `${dir}/file-hong.xlsx`,
      '--format',
      'csv',
    ]);
    // Vietnamese (the default): ";" between fields, "," in decimals, as Excel reads them under
    // Vietnamese regional settings
    rows = parseCsv(result.stdout.slice(1), ';');
  });

  it('starts with a UTF-8 BOM and a header row', () => {
    expect(result.code).toBe(1);
    expect(result.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(result.stdout.slice(1).split('\r\n')[0]).toBe(
      'file;unit;level;sheet;cell;code;indicatorId;quarter;value;minimum;gap;message;kind;hidden;indicator;indicatorName',
    );
    expect(Buffer.from(result.stdout, 'utf8').subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
  });

  it('has one row per finding (32 for so-tu-phap.xlsx), one per notice (2) and one for the damaged file', () => {
    expect(rows).toHaveLength(1 + 2 + 32 + 1);
    for (const row of rows) expect(row).toHaveLength(16);
    const own = rows.filter((r) => r[0] === `${dir}/so-tu-phap.xlsx`);
    // the sheet's notices first (J32, a value on a row not the unit's; which set was chosen)
    expect(own.map((r) => [r[12], r[5]]).slice(0, 2)).toEqual([
      ['notice', 'values-not-assigned'],
      ['notice', 'target-set-chosen'],
    ]);
    expect(own.filter((r) => r[12] === 'finding')).toHaveLength(32);
    expect(rows.find((r) => r[0] === `${dir}/file-hong.xlsx`)).toEqual([
      `${dir}/file-hong.xlsx`,
      '',
      '',
      '',
      '',
      'file-error',
      '',
      '',
      '',
      '',
      '',
      'tệp .xlsx bị hỏng hoặc không đầy đủ',
      'file-error',
      '',
      '',
      '',
    ]);
    expect(rows.find((r) => r[4] === 'K13')).toEqual([
      `${dir}/so-tu-phap.xlsx`,
      'Sở Tư pháp',
      'so',
      'Phụ lục',
      'K13',
      'below-minimum',
      'thanh-toan-truc-tuyen',
      '2',
      '74,5',
      '75',
      '0,5',
      'Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)',
      'finding',
      '',
      '2',
      'Thanh toán trực tuyến',
    ]);
    expect(rows.filter((r) => r[4] === '' && r[12] !== 'notice').map((r) => [r[5], r[6]])).toEqual([
      ['not-applicable', 'du-lieu-nhiem-vu'],
      ['not-applicable', 'dong-bo-truc-lien-thong'],
      ['not-applicable', 'ket-noi-he-thong'],
      ['file-error', ''],
    ]);
  });

  it('quotes fields with the separator or a quote, doubling quotes', async () => {
    const lines = result.stdout.split('\r\n');
    // ";" separates: a message with commas is bare
    expect(
      lines
        .find((l) => l.includes(';K13;'))
        ?.endsWith(
          ';Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %);finding;;2;Thanh toán trực tuyến',
        ),
    ).toBe(true);
    expect(
      lines
        .find((l) => l.includes(';J28;'))
        ?.endsWith(
          ';"Quý I: chưa có số liệu (""-"") (tối thiểu 50%)";finding;;10;Hồ sơ trực tuyến toàn trình',
        ),
    ).toBe(true);
    expect(
      lines
        .find((l) => l.includes(';K21;'))
        ?.endsWith(';Quý II: ô có lỗi #DIV/0!;finding;;5;Đồng bộ kết quả xử lý hồ sơ'),
    ).toBe(true);
    // English: "," separates and "." is the decimal sign; a message with commas is quoted
    const en = await run(['check', `${dir}/so-tu-phap.xlsx`, '--format', 'csv', '--lang', 'en']);
    const enLines = en.stdout.split('\r\n');
    expect(enLines[0]).toBe(
      '\uFEFFfile,unit,level,sheet,cell,code,indicatorId,quarter,value,minimum,gap,message,kind,hidden,indicator,indicatorName',
    );
    expect(enLines.find((l) => l.includes(',K13,'))).toBe(
      `${dir}/so-tu-phap.xlsx,Sở Tư pháp,so,Phụ lục,K13,below-minimum,thanh-toan-truc-tuyen,2,74.5,75,0.5,Q2: 74.5% < minimum 75% (short by 0.5 percentage points),finding,,2,Online payment`,
    );
  });

  it('lists the skipped files last, with why (a folder)', async () => {
    const folder = await run(['check', dir, '--format', 'csv']);
    const all = parseCsv(folder.stdout.slice(1), ';');
    const skipped = all.filter((r) => r[12] === 'skipped-file');
    expect(skipped.map((r) => [r[0], r[5], r[11]])).toEqual([
      [
        `${dir}/bao-cao-cu.xls`,
        'skipped-file',
        'tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx',
      ],
      [`${dir}/cong-van-kem-theo.pdf`, 'skipped-file', 'không phải tệp .xlsx'],
    ]);
    expect(all.slice(-skipped.length)).toEqual(skipped);
    // none of the files named is skipped
    expect(rows.filter((r) => r[12] === 'skipped-file')).toEqual([]);
  });
});

describe('--format html', () => {
  let html = '';
  let heat: string[] = [];
  beforeAll(async () => {
    const result = await run(['check', dir, '--format', 'html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(EXAMPLES_HIDDEN_HINT);
    html = result.stdout;
    heat = [...html.matchAll(/<table class="heat n\d+">[\s\S]*?<\/table>/g)].map((m) => m[0]);
  });

  /** The rows of a heat map table: unit, file, and each cell's status class and content (titles hold line breaks). */
  const rowsOf = (table: string) =>
    [
      ...table.matchAll(
        /<tr><th class="unit" scope="row">(.*?)<br><span class="small">(.*?)<\/span>.*?<\/th><td class="tot">.*?<\/td>(.*?)<\/tr>/gs,
      ),
    ].map((m) => ({
      unit: m[1],
      file: m[2],
      cells: [...(m[3] ?? '').matchAll(/<td class="s-([a-z-]+)"[^>]*>(.*?)<\/td>/gs)].map((c) => ({
        status: c[1] as string,
        content: c[2] as string,
      })),
    }));

  it('is one self-contained document: no external URL, script, stylesheet or image', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/url\(|@import/i);
  });

  it('has a units × indicators heat map per target set, one row per unit, by name', () => {
    expect(heat).toHaveLength(2);
    const bp = rowsOf(heat[0] ?? '');
    expect(bp.map((r) => [r.unit, r.file])).toEqual([
      ['Sở Công Thương', `${dir}/so-cong-thuong.xlsx`],
      ['Sở Giáo dục và Đào tạo', `${dir}/so-giao-duc-va-dao-tao.xlsx`],
      ['Sở Nội vụ', `${dir}/so-noi-vu.xlsx`],
      // the two copies of Sở Tư pháp are one row: the later one (by the workbooks' own dates)
      ['Sở Tư pháp', `${dir}/so-tu-phap-ban-sua.xlsx`],
      ['Sở Y tế', `${dir}/so-y-te.xlsx`],
      ['UBND huyện Bù Đốp', `${dir}/ubnd-huyen-bu-dop.xlsx`],
      ['UBND huyện Đồng Phú', `${dir}/ubnd-huyen-dong-phu.xlsx`],
      ['UBND huyện Hớn Quản', `${dir}/ubnd-huyen-hon-quan.xlsx`],
      ['UBND huyện Lộc Ninh', `${dir}/ubnd-huyen-loc-ninh.xlsx`],
      ['UBND phường Đồng Xoài', `${dir}/ubnd-phuong-dong-xoai-quy-3.xlsx`],
      ['UBND thị xã Chơn Thành', `${dir}/ubnd-thi-xa-chon-thanh.xlsx`],
    ]);
    for (const row of bp) expect(row.cells, row.file).toHaveLength(18);
    const nq = rowsOf(heat[1] ?? '');
    expect(nq.map((r) => [r.unit, r.cells.length])).toEqual([['UBND xã Tân Tiến', 15]]);

    // Sở Tư pháp: indicator by indicator, the worst over Quý I and Quý II
    expect(bp[3]?.cells.map((c) => c.status)).toEqual([
      'met',
      'below-minimum',
      'below-minimum',
      'met',
      'invalid-value',
      'invalid-value',
      'met',
      'missing-value',
      'below-minimum',
      'missing-value',
      'invalid-value',
      'below-minimum',
      'not-applicable',
      'none',
      'met',
      'met',
      'none',
      'none',
    ]);
    expect(bp[3]?.cells[1]?.content).toBe(
      '<span class="sym" aria-hidden="true">✗</span> 72%<span class="sr">dưới tối thiểu</span><span class="q">Quý I: 70%<wbr>/70%&nbsp;✓</span><span class="q">Quý II: 72%<wbr>/75%&nbsp;✗</span>',
    );
    // UBND thị xã Chơn Thành, below in Quý I and met in Quý II: below, not green
    expect(bp[10]?.cells.find((c) => c.content.includes('58,31%'))).toEqual({
      status: 'below-minimum',
      content:
        '<span class="sym" aria-hidden="true">✗</span> 58,31%<span class="sr">dưới tối thiểu</span><span class="q">Quý I: 58,31%<wbr>/60%&nbsp;✗</span><span class="q">Quý II: 74,2%<wbr>/65%&nbsp;✓</span>',
    });
  });

  it('tells every status in words and by symbol, not by colour alone', () => {
    const words: Record<string, [string, string]> = {
      'below-minimum': ['✗', 'dưới tối thiểu'],
      'missing-value': ['?', 'thiếu số liệu'],
      'invalid-value': ['!', 'không hợp lệ'],
      met: ['✓', 'đạt'],
      'not-applicable': ['–', 'không áp dụng'],
      'not-occurred': ['○', 'không phát sinh'],
    };
    const seen = new Set<string>();
    for (const table of heat) {
      for (const row of rowsOf(table)) {
        for (const cell of row.cells) {
          // an indicator the unit reported no value for: an empty cell
          if (cell.status === 'none') {
            expect(cell.content).toBe('');
            continue;
          }
          seen.add(cell.status);
          const [symbol, word] = words[cell.status] ?? [];
          expect(cell.content).toContain(`<span class="sym" aria-hidden="true">${symbol}</span>`);
          expect(cell.content).toContain(`<span class="sr">${word}</span>`);
        }
      }
    }
    // "không phát sinh" is no unit's worst over both quarters: it is in a quarter's line
    expect([...seen].sort()).toEqual(
      Object.keys(words)
        .filter((s) => s !== 'not-occurred')
        .sort(),
    );
    expect(html).toMatch(/<span class="q">Quý II: —<wbr>\/100%&nbsp;○<\/span>/);
    for (const [status, [symbol, word]] of Object.entries(words))
      expect(html).toContain(`<span class="s-${status}"><b>${symbol}</b> ${word}</span>`);
  });

  it('lists the files that could not be checked and the skipped ones', () => {
    expect(html).toContain(
      `<li class="err">${dir}/file-hong.xlsx: tệp .xlsx bị hỏng hoặc không đầy đủ</li>`,
    );
    expect(html).toContain(
      `<li class="small">${dir}/cong-van-kem-theo.pdf: không phải tệp .xlsx</li>`,
    );
  });

  it('--lang en', async () => {
    const en = await run(['check', `${dir}/so-tu-phap.xlsx`, '--format', 'html', '--lang', 'en']);
    expect(en.stdout.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(en.stdout).toContain('<h1>Target check results</h1>');
    expect(en.stdout).toContain('<span class="sr">below minimum</span>');
  });
});

describe('text (the default)', () => {
  const headings = [
    ['Sở Công Thương', 'so-cong-thuong.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'so', 2],
    [
      'Sở Giáo dục và Đào tạo',
      'so-giao-duc-va-dao-tao.xlsx',
      'Phụ lục',
      'binh-phuoc-2025',
      'so',
      2,
    ],
    ['Sở Nội vụ', 'so-noi-vu.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'so', 2],
    ['Sở Tư pháp', 'so-tu-phap-ban-sua.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'so', 2],
    ['Sở Tư pháp', 'so-tu-phap.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'so', 2],
    ['Sở Y tế', 'so-y-te.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'so', 2],
    ['UBND huyện Bù Đốp', 'ubnd-huyen-bu-dop.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'huyen', 2],
    ['UBND huyện Đồng Phú', 'ubnd-huyen-dong-phu.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'huyen', 2],
    ['UBND huyện Hớn Quản', 'ubnd-huyen-hon-quan.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'huyen', 2],
    ['UBND huyện Lộc Ninh', 'ubnd-huyen-loc-ninh.xlsx', 'Phụ lục', 'binh-phuoc-2025', 'huyen', 2],
    [
      'UBND phường Đồng Xoài',
      'ubnd-phuong-dong-xoai-quy-3.xlsx',
      'Phụ lục',
      'binh-phuoc-2025',
      'xa',
      3,
    ],
    [
      'UBND thị xã Chơn Thành',
      'ubnd-thi-xa-chon-thanh.xlsx',
      'Phụ lục',
      'binh-phuoc-2025',
      'huyen',
      2,
    ],
    ['UBND xã Tân Tiến', 'xa-tan-tien.xlsx', 'Phụ lục II', 'nq01-nq02-2025', 'xaNq', 2],
  ] as const;
  /** The levels as the heading names them, in each language. */
  const LEVELS = {
    vi: {
      so: 'Các sở, ban, ngành',
      huyen: 'UBND cấp huyện',
      xa: 'UBND cấp xã',
      xaNq: 'UBND các xã, phường, thị trấn',
    },
    en: {
      so: 'Provincial departments',
      huyen: "District people's committees",
      xa: "Commune people's committees",
      xaNq: "Commune people's committees",
    },
  } as const;
  const QUARTERS = { vi: ['', 'Quý I', 'Quý II', 'Quý III'], en: ['', 'Q1', 'Q2', 'Q3'] };
  let vi: RunResult;
  beforeAll(async () => {
    vi = await run(['check', dir]);
  });

  it('is Vietnamese by default: unit headings, findings, skipped files and the summary line', () => {
    expect(vi.code).toBe(1);
    expect(vi.stderr).toBe(EXAMPLES_HIDDEN_HINT);
    const lines = vi.stdout.split('\n');
    // the sheets' headings (not the superseded copies listed after the files)
    expect(lines.filter((l) => l.includes(' › ') && !l.startsWith('  '))).toEqual(
      headings.map(
        ([unit, file, sheet, set, level, q]) =>
          `${unit} — ${dir}/${file} › ${sheet} (bộ chỉ tiêu ${set} · ${LEVELS.vi[level]} · kiểm tra đến ${QUARTERS.vi[q]})`,
      ),
    );
    expect(vi.stdout).toContain('│ ✗ Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %) │');
    expect(vi.stdout).toContain(
      '\n  ✗ 4 dưới tối thiểu · ! 3 không hợp lệ · ? 3 thiếu số liệu · ✓ 18 đạt · – 4 không áp dụng\n',
    );
    expect(lines).toContain(`✗ ${dir}/file-hong.xlsx: tệp .xlsx bị hỏng hoặc không đầy đủ`);
    expect(lines).toContain(
      `– bỏ qua ${dir}/bao-cao-cu.xls: tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx`,
    );
    expect(lines).toContain(`– bỏ qua ${dir}/cong-van-kem-theo.pdf: không phải tệp .xlsx`);
    expect(lines.slice(-2)).toEqual([
      'Đã kiểm tra 15 tệp (13 trang tính); 2 tệp không kiểm tra được; bỏ qua 2 tệp; bỏ qua 1 trang tính ẩn.',
      '',
    ]);
  });

  it('has no ANSI escape codes when stdout is not a terminal, even with TERM set', async () => {
    expect(vi.stdout).not.toMatch(ANSI);
    const withTerm = await run(['check', dir], { env: { TERM: 'xterm-256color' } });
    expect(withTerm.stdout).toBe(vi.stdout);
  });

  it('is English with --lang en (or CHITIEU_LANG=en)', async () => {
    const en = await run(['check', dir, '--lang', 'en']);
    expect(en.code).toBe(1);
    const lines = en.stdout.split('\n');
    // the sheets' headings (not the superseded copies listed after the files)
    expect(lines.filter((l) => l.includes(' › ') && !l.startsWith('  '))).toEqual(
      headings.map(
        ([unit, file, sheet, set, level, q]) =>
          `${unit} — ${dir}/${file} › ${sheet} (target set ${set} · ${LEVELS.en[level]} · checked through ${QUARTERS.en[q]})`,
      ),
    );
    expect(en.stdout).toContain('│ ✗ Q2: 74.5% < minimum 75% (short by 0.5 percentage │');
    expect(lines).toContain(
      `– skipped ${dir}/bao-cao-cu.xls: an old Excel file (.xls) — open it in Excel and save it as .xlsx`,
    );
    expect(lines.slice(-2)).toEqual([
      'Checked 15 file(s) (13 sheet(s)); 2 could not be checked; 2 skipped; 1 hidden sheet(s) skipped.',
      '',
    ]);
    const fromEnv = await run(['check', dir], { env: { CHITIEU_LANG: 'en' } });
    expect(fromEnv.stdout).toBe(en.stdout);
  });

  it('has colours on a terminal, and the same text under them', async () => {
    const tty = await run(['check', dir], { stdoutTTY: true });
    expect(tty.code).toBe(1);
    expect(tty.stdout).toMatch(ANSI);
    expect(tty.stdout).toContain(
      '\x1b[1mSở Tư pháp — examples/nop-quy-2-2025/so-tu-phap.xlsx › Phụ lục',
    );
    expect(tty.stdout).toContain('\x1b[31m✗ Quý II: 74,5% < tối thiểu 75% (thiếu 0,5 điểm %)');
    expect(stripAnsi(tty.stdout)).toBe(vi.stdout);
  });

  it.each([
    ['NO_COLOR is set', { NO_COLOR: '1' }],
    ['TERM is dumb', { TERM: 'dumb' }],
  ])('has no colours on a terminal when %s', async (_, env) => {
    const tty = await run(['check', dir], { stdoutTTY: true, env });
    expect(tty.stdout).not.toMatch(ANSI);
    expect(tty.stdout).toBe(vi.stdout);
  });

  it('writes usage errors without colours unless stderr is a terminal', async () => {
    const plain = await run(['check', dir, '--quarter', '5']);
    expect(plain.stderr).not.toMatch(ANSI);
    const tty = await run(['check', dir, '--quarter', '5'], { stderrTTY: true });
    expect(tty.stderr).toBe(
      '\x1b[31mchitieu: giá trị "5" của --quarter không hợp lệ (dùng 1-4, I-IV)\x1b[39m\nXem chitieu check --help\n',
    );
    const noColor = await run(['check', dir, '--quarter', '5'], {
      stderrTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stderr).toBe(plain.stderr);
  });
});
