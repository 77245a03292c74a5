/**
 * The run across files (issue 15, items 1–3, 5, 9): report.json's `units` (one entry per unit,
 * every quarter checked), a revised copy superseding the original by the workbook's own date, a
 * hidden old sheet that is no unit, `--roster` (`notSubmitted`, `notOnRoster`, and the text
 * report's "Chưa nộp") and `--compare` (the previous value, `fellBelow`). The folder is made
 * here: annexes of the user target set of helpers.ts (two indicators; minimums 91/93 % and
 * 62/67 % in Quý I/II), results in J6:K7.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, runJson, stripAnsi, userTargetSet, useTempDirs } from './helpers.js';

const temp = useTempDirs('all');

const HEADER_TOP = [
  'Stt',
  'Nhiệm vụ',
  'Cơ quan chủ trì thực hiện',
  'Cơ quan phối hợp',
  'Chỉ tiêu thực hiện trong năm 2025',
  'Lộ trình thực hiện (tối thiểu)',
  null,
  null,
  null,
  'Kết quả thực hiện',
  null,
  null,
  null,
];
const QUARTERS = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
const HEADER_QUARTERS = [null, null, null, null, null, ...QUARTERS, ...QUARTERS];

interface AnnexSheet {
  readonly name?: string;
  readonly unit: string;
  /** Results in percent: [indicator 1 Quý I, Quý II], [indicator 2 Quý I, Quý II]. */
  readonly values: readonly [readonly [number, number], readonly [number, number]];
  readonly state?: 'visible' | 'hidden';
}

/** A workbook of annexes of the user target set, saved (core.xml) at `modified`. */
async function annexes(sheets: readonly AnnexSheet[], modified: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2025-01-02T00:00:00Z');
  wb.modified = new Date(modified);
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? 'Phụ lục', { state: s.state ?? 'visible' });
    const [[a1, a2], [b1, b2]] = s.values;
    const rows: (string | number | null)[][] = [
      ['KẾ HOẠCH THỬ NGHIỆM NĂM 2025'],
      [`Đơn vị báo cáo: ${s.unit}`],
      [],
      HEADER_TOP,
      HEADER_QUARTERS,
      [
        '1.',
        'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn',
        'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
        null,
        0.98,
        0.91,
        0.93,
        0.96,
        0.98,
        a1 / 100,
        a2 / 100,
      ],
      [
        '2.',
        'Tỷ lệ hồ sơ tiếp nhận được số hóa ngay khi tiếp nhận',
        'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
        null,
        0.9,
        0.62,
        0.67,
        0.8,
        0.9,
        b1 / 100,
        b2 / 100,
      ],
    ];
    rows.forEach((r, i) => {
      ws.getRow(i + 1).values = r;
    });
    for (const r of [6, 7]) for (let c = 5; c <= 11; c++) ws.getCell(r, c).numFmt = '0.0%';
    ws.mergeCells('F4:I4');
    ws.mergeCells('J4:M4');
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const SET = 'thu-nghiem-2025';
const I1 = 'ho-so-dung-han';
const I2 = 'tiep-nhan-so-hoa';

/** A quarter cell of `units` as report.json writes it. */
const q = (
  quarter: 1 | 2,
  status: string,
  value: number,
  minimum: number,
  cell: string,
  file: string,
  gap?: number,
) => ({
  quarter,
  status,
  value,
  minimum,
  comparator: 'at-least',
  cell,
  file,
  sheet: 'Phụ lục',
  ...(gap !== undefined ? { gap } : {}),
});
const bothMet = (file: string, v: readonly [number, number][]) => ({
  [I1]: {
    status: 'met',
    quarters: [
      q(1, 'met', v[0]?.[0] ?? 0, 91, 'J6', file),
      q(2, 'met', v[0]?.[1] ?? 0, 93, 'K6', file),
    ],
  },
  [I2]: {
    status: 'met',
    quarters: [
      q(1, 'met', v[1]?.[0] ?? 0, 62, 'J7', file),
      q(2, 'met', v[1]?.[1] ?? 0, 67, 'K7', file),
    ],
  },
});

let dir = '';
const ROSTER = [
  'STT;Tên đơn vị;Cấp;Mã',
  '1;SỞ Y TẾ;Sở;000.01.01',
  '2;sở tư pháp;"Các sở, ban, ngành";000.01.02',
  '3;"UBND huyện Đồng Phú";huyện;000.02.01',
  '4;Sở Tài chính;so;000.01.03',
  '',
].join('\r\n');

beforeAll(async () => {
  dir = await temp();
  await mkdir(join(dir, 'nop'));
  await writeFile(join(dir, 'bo.json'), JSON.stringify(userTargetSet()));
  const put = async (name: string, bytes: Uint8Array) => writeFile(join(dir, 'nop', name), bytes);
  // below its Quý I minimum only (90 < 91), met in Quý II
  await put(
    'so-y-te.xlsx',
    await annexes(
      [
        {
          unit: 'Sở Y tế',
          values: [
            [90, 95],
            [70, 70],
          ],
        },
      ],
      '2025-07-03T08:00:00Z',
    ),
  );
  // the original (Quý II short) and the revised copy, saved later; the original comes later
  // in the folder and has the later file date, so only the workbook's own date can tell
  await put(
    'so-tu-phap-ban-sua.xlsx',
    await annexes(
      [
        {
          unit: 'SỞ TƯ PHÁP',
          values: [
            [92, 94],
            [65, 70],
          ],
        },
      ],
      '2025-07-05T08:00:00Z',
    ),
  );
  await put(
    'so-tu-phap.xlsx',
    await annexes(
      [
        {
          unit: 'Sở Tư pháp',
          values: [
            [92, 80],
            [65, 70],
          ],
        },
      ],
      '2025-07-01T08:00:00Z',
    ),
  );
  await utimes(join(dir, 'nop', 'so-tu-phap-ban-sua.xlsx'), 1_750_000_000, 1_750_000_000);
  await utimes(join(dir, 'nop', 'so-tu-phap.xlsx'), 1_760_000_000, 1_760_000_000);
  // the current annex and last quarter's copy kept hidden (below: it must not count)
  await put(
    'ubnd-dong-phu.xlsx',
    await annexes(
      [
        {
          unit: 'Ủy ban nhân dân huyện Đồng Phú',
          values: [
            [95, 96],
            [80, 80],
          ],
        },
        {
          name: 'Quý I (cũ)',
          unit: 'Ủy ban nhân dân huyện Đồng Phú',
          values: [
            [50, 50],
            [10, 10],
          ],
          state: 'hidden',
        },
      ],
      '2025-07-02T08:00:00Z',
    ),
  );
  // not on the roster
  await put(
    'so-ngoai-vu.xlsx',
    await annexes(
      [
        {
          unit: 'Sở Ngoại vụ',
          values: [
            [92, 93],
            [62, 67],
          ],
        },
      ],
      '2025-07-04T08:00:00Z',
    ),
  );
  await writeFile(join(dir, 'ds.csv'), `\uFEFF${ROSTER}`);
});

const check = (...more: string[]) =>
  runJson(['check', 'nop', '--target-set', 'bo.json', ...more], { cwd: dir });

describe('report.json: units', () => {
  it('one entry per unit over every quarter: the Quý I failure, the revised copy, no hidden sheet', async () => {
    const { json, code } = await check();
    expect(code).toBe(1);
    const units = (json as unknown as { units: unknown[] }).units;
    expect(units).toEqual([
      {
        unit: 'Sở Ngoại vụ',
        key: 'so ngoai vu',
        level: 'so',
        targetSetId: SET,
        files: [
          {
            file: 'nop/so-ngoai-vu.xlsx',
            sheet: 'Phụ lục',
            quarters: [1, 2],
            modified: '2025-07-04T08:00:00.000Z',
          },
        ],
        superseded: [],
        indicators: bothMet('nop/so-ngoai-vu.xlsx', [
          [92, 93],
          [62, 67],
        ]),
        counts: { met: 2 },
        failing: 0,
      },
      {
        // the unit's name as the engine reads it from the latest copy ("SỞ TƯ PHÁP")
        unit: 'Sở Tư pháp',
        key: 'so tu phap',
        level: 'so',
        targetSetId: SET,
        files: [
          {
            file: 'nop/so-tu-phap-ban-sua.xlsx',
            sheet: 'Phụ lục',
            quarters: [1, 2],
            modified: '2025-07-05T08:00:00.000Z',
          },
        ],
        superseded: [
          {
            file: 'nop/so-tu-phap.xlsx',
            sheet: 'Phụ lục',
            modified: '2025-07-01T08:00:00.000Z',
            supersededBy: { file: 'nop/so-tu-phap-ban-sua.xlsx', sheet: 'Phụ lục' },
          },
        ],
        indicators: bothMet('nop/so-tu-phap-ban-sua.xlsx', [
          [92, 94],
          [65, 70],
        ]),
        counts: { met: 2 },
        failing: 0,
      },
      {
        unit: 'Sở Y tế',
        key: 'so y te',
        level: 'so',
        targetSetId: SET,
        files: [
          {
            file: 'nop/so-y-te.xlsx',
            sheet: 'Phụ lục',
            quarters: [1, 2],
            modified: '2025-07-03T08:00:00.000Z',
          },
        ],
        superseded: [],
        indicators: {
          [I1]: {
            status: 'below-minimum',
            quarters: [
              q(1, 'below-minimum', 90, 91, 'J6', 'nop/so-y-te.xlsx', 1),
              q(2, 'met', 95, 93, 'K6', 'nop/so-y-te.xlsx'),
            ],
          },
          [I2]: bothMet('nop/so-y-te.xlsx', [
            [0, 0],
            [70, 70],
          ])[I2],
        },
        counts: { 'below-minimum': 1, met: 1 },
        failing: 1,
      },
      {
        unit: 'Ủy ban nhân dân huyện Đồng Phú',
        key: 'ubnd huyen dong phu',
        level: 'huyen',
        targetSetId: SET,
        files: [
          {
            file: 'nop/ubnd-dong-phu.xlsx',
            sheet: 'Phụ lục',
            quarters: [1, 2],
            modified: '2025-07-02T08:00:00.000Z',
          },
        ],
        superseded: [],
        indicators: bothMet('nop/ubnd-dong-phu.xlsx', [
          [95, 96],
          [80, 80],
        ]),
        counts: { met: 2 },
        failing: 0,
      },
    ]);
    // after `files`, before `skipped`; no roster, no comparison: no lists of them
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'generatedAt',
      'locale',
      'options',
      'files',
      'units',
      'skipped',
    ]);
  });
});

describe('--roster', () => {
  const NOT_SUBMITTED = [{ name: 'Sở Tài chính', level: 'so', code: '000.01.03', line: 5 }];

  it('report.json: notSubmitted and notOnRoster; names matched across case and "UBND" / "Ủy ban nhân dân"', async () => {
    const { json, code } = await check('--roster', 'ds.csv');
    expect(code).toBe(1);
    const report = json as unknown as Record<string, unknown>;
    expect(report.notSubmitted).toEqual(NOT_SUBMITTED);
    expect(report.notOnRoster).toEqual([
      {
        unit: 'Sở Ngoại vụ',
        key: 'so ngoai vu',
        level: 'so',
        targetSetId: SET,
        files: [{ file: 'nop/so-ngoai-vu.xlsx', sheet: 'Phụ lục' }],
      },
    ]);
    expect(Object.keys(report).slice(4)).toEqual([
      'files',
      'units',
      'notSubmitted',
      'notOnRoster',
      'skipped',
    ]);
    expect(report.options).toMatchObject({ roster: 'ds.csv' });
  });

  it('the text report: "Chưa nộp", who is not on the roster, and the superseded copy', async () => {
    const vi = await run(['check', 'nop', '--target-set', 'bo.json', '--roster', 'ds.csv'], {
      cwd: dir,
    });
    const text = stripAnsi(vi.stdout);
    expect(text).toContain(
      [
        'Bản nộp đã được thay thế (1)',
        '  – Sở Tư pháp: nop/so-tu-phap.xlsx › Phụ lục — thay bằng nop/so-tu-phap-ban-sua.xlsx › Phụ lục',
        '',
        'Chưa nộp (1)',
        '  – Sở Tài chính (Các sở, ban, ngành, mã 000.01.03, dòng 5)',
        '',
        'Đã nộp nhưng không có trong danh sách (1)',
        '  – Sở Ngoại vụ — nop/so-ngoai-vu.xlsx › Phụ lục',
        '',
      ].join('\n'),
    );
    const en = await run(
      [
        'check',
        'nop',
        '--target-set',
        'bo.json',
        '--roster',
        'ds.csv',
        '--lang',
        'en',
        '--out',
        'kq',
      ],
      { cwd: dir },
    );
    const english = stripAnsi(en.stdout);
    expect(english).toContain('Superseded submissions (1)\n');
    expect(english).toContain(
      'Not submitted (1)\n  – Sở Tài chính (Provincial departments, code 000.01.03, line 5)\n',
    );
    expect(english).toContain('Submitted but not on the roster (1)\n');
  });

  it('the text report without a roster: the superseded copy alone, the same lines', async () => {
    // made from the superseded units only (supersededUnits), not the whole matrix
    const plain = stripAnsi(
      (await run(['check', 'nop', '--target-set', 'bo.json'], { cwd: dir })).stdout,
    );
    expect(plain).toContain(
      [
        'Bản nộp đã được thay thế (1)',
        '  – Sở Tư pháp: nop/so-tu-phap.xlsx › Phụ lục — thay bằng nop/so-tu-phap-ban-sua.xlsx › Phụ lục',
        '',
      ].join('\n'),
    );
    expect(plain).not.toContain('Chưa nộp');
    // one file alone: nothing superseded, no section
    const one = stripAnsi(
      (await run(['check', 'nop/so-tu-phap.xlsx', '--target-set', 'bo.json'], { cwd: dir })).stdout,
    );
    expect(one).not.toContain('Bản nộp đã được thay thế');
  });

  it('everyone on the roster submitted: said so', async () => {
    await writeFile(join(dir, 'du.csv'), 'Đơn vị\nSở Y tế\n');
    const text = stripAnsi(
      (
        await run(['check', 'nop/so-y-te.xlsx', '--target-set', 'bo.json', '--roster', 'du.csv'], {
          cwd: dir,
        })
      ).stdout,
    );
    expect(text).toContain('Chưa nộp (0)\n  Mọi đơn vị trong danh sách đều đã nộp.\n');
    expect(text).not.toContain('không có trong danh sách');
  });

  it('reads a "," CSV without BOM, a "Don vi" header, quoted names, and an .xlsx roster', async () => {
    await writeFile(
      join(dir, 'ds2.csv'),
      'Don vi,Ma\n"Sở Y tế, tỉnh",1\n"ủy ban nhân dân HUYỆN ĐỒNG PHÚ",2\nSở Tư Pháp,3\n"Sở ""Tài"" chính",4\n',
    );
    const csv = await check('--roster', 'ds2.csv');
    expect((csv.json as unknown as Record<string, unknown>).notSubmitted).toEqual([
      { name: 'Sở Y tế, tỉnh', level: null, code: '1', line: 2 },
      { name: 'Sở "Tài" chính', level: null, code: '4', line: 5 },
    ]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ghi chú').getCell('A1').value = 'Danh sách gửi kèm công văn';
    const ws = wb.addWorksheet('Danh sách');
    ws.getCell('A1').value = 'DANH SÁCH ĐƠN VỊ PHẢI BÁO CÁO';
    ws.getRow(3).values = ['STT', 'Tên đơn vị', 'Cấp', 'Mã'];
    ws.getRow(4).values = [1, 'Sở Y tế', 'sở', 101];
    ws.getRow(5).values = [2, 'Sở Tài chính', 'Các sở, ban, ngành', 102];
    ws.getRow(6).values = [3, 'UBND xã Tân Lập', 'xã', null];
    await writeFile(
      join(dir, 'ds.xlsx'),
      new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    );
    const xlsx = await check('--roster', 'ds.xlsx');
    expect((xlsx.json as unknown as Record<string, unknown>).notSubmitted).toEqual([
      { name: 'Sở Tài chính', level: 'so', code: '102', line: 5 },
      { name: 'UBND xã Tân Lập', level: 'xa', code: null, line: 6 },
    ]);
  });

  describe('a bad roster: one line naming the file and line, exit 2, nothing checked', () => {
    const cases: [string, string | Uint8Array, string][] = [
      [
        'khong-cot.csv',
        'STT;Tên\n1;Sở Y tế\n',
        'danh sách đơn vị khong-cot.csv: không có dòng tiêu đề với cột "Đơn vị" (hoặc "Tên đơn vị")',
      ],
      [
        'cap-sai.csv',
        'Đơn vị;Cấp\nSở Y tế;so\nSở Tư pháp;tỉnh\n',
        'danh sách đơn vị cap-sai.csv, dòng 3: cấp "tỉnh" không hợp lệ (dùng so|huyen|xa)',
      ],
      [
        'ngoac.csv',
        'Đơn vị;Mã\nSở Y tế;1\n"Sở Tư pháp;2\nSở Nội vụ;3\n',
        'danh sách đơn vị ngoac.csv, dòng 3: dấu ngoặc kép mở ở dòng này không được đóng',
      ],
      [
        'trung.csv',
        'Đơn vị\nSở Y tế\nSỞ Y TẾ\n',
        'danh sách đơn vị trung.csv, dòng 3: đơn vị "SỞ Y TẾ" đã có ở dòng 2',
      ],
      [
        'rong.csv',
        '\uFEFFĐơn vị;Cấp\n;\n',
        'danh sách đơn vị rong.csv: không có đơn vị nào dưới dòng tiêu đề',
      ],
      [
        'latin1.csv',
        new Uint8Array([0x44, 0xf4, 0x6e, 0x0a]),
        'danh sách đơn vị latin1.csv: không phải văn bản UTF-8 (trong Excel, hãy lưu dạng "CSV UTF-8")',
      ],
      [
        'hong.xlsx',
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
        'danh sách đơn vị hong.xlsx: tệp .xlsx bị hỏng',
      ],
    ];
    for (const [name, content, message] of cases)
      it(name, async () => {
        await writeFile(join(dir, name), content);
        const result = await run(['check', 'nop', '--target-set', 'bo.json', '--roster', name], {
          cwd: dir,
        });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        const lines = result.stderr.split('\n');
        expect(lines[0]?.startsWith(`chitieu: ${message}`)).toBe(true);
        expect(lines).toHaveLength(2);
        expect(result.stderr).not.toMatch(/\bat .*\.(?:ts|js):\d+/);
      });

    it('absent, or a folder', async () => {
      const absent = await run(['check', 'nop', '--roster', 'khong-co.csv'], { cwd: dir });
      expect([absent.code, absent.stderr]).toEqual([
        2,
        'chitieu: danh sách đơn vị khong-co.csv: không tìm thấy tệp\n',
      ]);
      const folder = await run(['check', 'nop', '--roster', 'nop', '--lang', 'en'], { cwd: dir });
      expect(folder.code).toBe(2);
      expect(folder.stderr).toMatch(/^chitieu: roster nop: .+\n$/);
    });
  });
});

describe('--compare', () => {
  it('the previous value and the change per unit and indicator; who fell below a minimum met before', async () => {
    // last quarter's run: Quý I only, under --out (a folder given to --compare)
    const before = await run(
      ['check', 'nop', '--target-set', 'bo.json', '--quarter', '1', '--out', 'quy-1'],
      { cwd: dir },
    );
    expect(before.code).toBe(1);
    // Sở Ngoại vụ's Quý II of indicator 1 drops below its minimum in a new copy
    await writeFile(
      join(dir, 'nop', 'so-ngoai-vu.xlsx'),
      await annexes(
        [
          {
            unit: 'Sở Ngoại vụ',
            values: [
              [92, 90.5],
              [62, 67],
            ],
          },
        ],
        '2025-07-08T08:00:00Z',
      ),
    );
    const { json, code } = await check('--compare', 'quy-1');
    expect(code).toBe(1);
    const report = json as unknown as {
      units: { unit: string; indicators: Record<string, { status: string; previous?: unknown }> }[];
      fellBelow: unknown[];
    };
    const ngoaiVu = report.units.find((u) => u.unit === 'Sở Ngoại vụ');
    expect(ngoaiVu?.indicators[I1]?.status).toBe('below-minimum');
    expect(ngoaiVu?.indicators[I1]?.previous).toEqual({
      quarter: 1,
      value: 92,
      status: 'met',
      change: -1.5,
    });
    expect(ngoaiVu?.indicators[I2]?.previous).toEqual({
      quarter: 1,
      value: 62,
      status: 'met',
      change: 5,
    });
    const yTe = report.units.find((u) => u.unit === 'Sở Y tế');
    expect(yTe?.indicators[I1]?.previous).toEqual({
      quarter: 1,
      value: 90,
      status: 'below-minimum',
      change: 5,
    });
    expect(report.fellBelow).toEqual([
      {
        unit: 'Sở Ngoại vụ',
        key: 'so ngoai vu',
        level: 'so',
        targetSetId: SET,
        indicatorId: I1,
        quarter: 2,
        value: 90.5,
        status: 'below-minimum',
        previous: { quarter: 1, value: 92, status: 'met', change: -1.5 },
      },
    ]);
    const text = stripAnsi(
      (
        await run(['check', 'nop', '--target-set', 'bo.json', '--compare', 'quy-1/report.json'], {
          cwd: dir,
        })
      ).stdout,
    );
    expect(text).toContain(
      'Tụt xuống dưới mức tối thiểu so với lần trước (1)\n  ✗ Sở Ngoại vụ — 1. Hồ sơ đúng hạn: Quý I 92% (đạt) → Quý II 90,5% (dưới tối thiểu)\n',
    );
  });

  it('a bad or absent previous report: one line naming it, exit 2', async () => {
    await writeFile(join(dir, 'hong.json'), '{"units": [\n  {"unit": "Sở Y tế",\n');
    await writeFile(join(dir, 'cu.json'), '{"schemaVersion": 1, "files": []}');
    await writeFile(
      join(dir, 'sai.json'),
      '{"units": [{"unit": "Sở Y tế", "indicators": {"x": {"status": 3}}}]}',
    );
    for (const [arg, message] of [
      ['khong-co', 'chitieu: báo cáo lần trước khong-co: không tìm thấy tệp\n'],
      ['nop', 'chitieu: báo cáo lần trước nop/report.json: không tìm thấy tệp\n'],
      ['hong.json', 'chitieu: báo cáo lần trước hong.json: không phải JSON hợp lệ (dòng 3)\n'],
      [
        'cu.json',
        'chitieu: báo cáo lần trước cu.json: không có danh sách đơn vị ("units") — hãy dùng report.json do phiên bản này của Chỉ Tiêu lập\n',
      ],
      [
        'sai.json',
        'chitieu: báo cáo lần trước sai.json: trường units[0].indicators.x.status không hợp lệ\n',
      ],
    ] as const) {
      const result = await run(['check', 'nop', '--compare', arg], { cwd: dir });
      expect([result.code, result.stdout, result.stderr], arg).toEqual([2, '', message]);
    }
  });
});

describe('--format csv: indicator numbers and names, Vietnamese decimals', () => {
  it('";" and "," in Vietnamese, "," and "." in English', async () => {
    const vi = await run(
      ['check', 'nop/so-y-te.xlsx', '--target-set', 'bo.json', '--format', 'csv'],
      { cwd: dir },
    );
    const lines = vi.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFfile;unit;level;sheet;cell;code;indicatorId;quarter;value;minimum;gap;message;kind;hidden;indicator;indicatorName',
    );
    expect(lines.find((l) => l.includes(';J6;'))).toBe(
      'nop/so-y-te.xlsx;Sở Y tế;so;Phụ lục;J6;below-minimum;ho-so-dung-han;1;90;91;1;Quý I: 90% < tối thiểu 91% (thiếu 1 điểm %);finding;;1;Hồ sơ đúng hạn',
    );
    await writeFile(
      join(dir, 'le.xlsx'),
      await annexes(
        [
          {
            unit: 'Sở Y tế',
            values: [
              [90.25, 95],
              [70, 70],
            ],
          },
        ],
        '2025-07-03T08:00:00Z',
      ),
    );
    const decimals = await run(['check', 'le.xlsx', '--target-set', 'bo.json', '--format', 'csv'], {
      cwd: dir,
    });
    expect(decimals.stdout.split('\r\n').find((l) => l.includes(';J6;'))).toContain(
      ';1;90,25;91;0,75;',
    );
    const en = await run(
      ['check', 'le.xlsx', '--target-set', 'bo.json', '--format', 'csv', '--lang', 'en'],
      { cwd: dir },
    );
    expect(en.stdout.split('\r\n').find((l) => l.includes(',J6,'))).toBe(
      'le.xlsx,Sở Y tế,so,Phụ lục,J6,below-minimum,ho-so-dung-han,1,90.25,91,0.75,Q1: 90.25% < minimum 91% (short by 0.75 percentage points),finding,,1,Hồ sơ đúng hạn',
    );
  });
});
