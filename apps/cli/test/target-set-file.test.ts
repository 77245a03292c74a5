/**
 * A user's target-set file given to `targets validate`, `targets show` and `check --target-set`
 * (issue 10, item 11):
 * every bad field told at once with its line and column, in Vietnamese by default; a file over
 * 2 MiB refused by its size, unread; a built-in id with other content refused; only a regular
 * file opened.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBuiltinTargetSet, MAX_TARGET_SET_FILE_BYTES } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { run, userTargetSet, useTempDirs } from './helpers.js';
import { userAnnexWorkbook } from './workbooks.js';

const temp = useTempDirs();

/** Every way a target-set file is given; each must exit 2 with exactly `stderr`, and no stdout. */
async function refusedBoth(dir: string, file: string, stderr: string, lang: string[] = []) {
  for (const argv of [
    ['targets', 'validate', file, ...lang],
    ['targets', 'show', file, ...lang],
    ['check', '.', '--target-set', file, ...lang],
  ]) {
    const result = await run(argv, { cwd: dir });
    expect(result, argv.join(' ')).toMatchObject({ code: 2, stdout: '', stderr });
  }
}

describe('a target-set file with several bad fields of different kinds', () => {
  // userTargetSet() as JSON.stringify(…, null, 2) writes it, with five faults of five kinds
  const text = () => {
    const set = structuredClone(userTargetSet()) as unknown as {
      year: unknown;
      sections: { id: string; title: string }[];
      indicators: {
        stt: string;
        unit: unknown;
        extra?: unknown;
        targets: { quarterly: unknown[] }[];
      }[];
    };
    set.year = '2025';
    set.sections.push({ id: 'I', title: 'Lặp' });
    const [first, second] = set.indicators;
    if (!first || !second) throw new Error('two indicators');
    (first.targets[0] as { quarterly: unknown[] }).quarterly = [91, 93, 96, 101];
    second.stt = '1';
    second.extra = true;
    return JSON.stringify(set, null, 2);
  };

  it('tells every one with its line and column, in Vietnamese, the same for check and targets show', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'sai.json'), text());
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    await refusedBoth(
      dir,
      'sai.json',
      [
        'chitieu: tệp bộ chỉ tiêu sai.json không hợp lệ:',
        'sai.json:11:11: year: phải là số, không phải chuỗi ("2025")',
        'sai.json:32:13: sections[1].id: mã mục "I" bị trùng (đã dùng ở sections[0].id)',
        'sai.json:61:13: indicators[0].targets[0].quarterly[3]: tỷ lệ phần trăm phải từ 0 đến 100 (đang là 101)',
        'sai.json:68:14: indicators[1].stt: số thứ tự "1" bị trùng trong mục "I" (đã dùng ở indicators[0].stt)',
        'sai.json:94:7: indicators[1].extra: trường "extra" không có trong định dạng bộ chỉ tiêu (gõ sai tên?)',
        '',
      ].join('\n'),
    );
  });

  it('targets validate says a good file is valid, exit 0', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'dung.json'), JSON.stringify(userTargetSet(), null, 2));
    const vi = await run(['targets', 'validate', 'dung.json'], { cwd: dir });
    expect(vi).toMatchObject({
      code: 0,
      stderr: '',
      stdout:
        'dung.json: hợp lệ — bộ chỉ tiêu thu-nghiem-2025, 2 chỉ tiêu, các cấp so, huyen, xa\n',
    });
    const en = await run(['targets', 'validate', 'dung.json', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toBe(
      'dung.json: valid — target set thu-nghiem-2025, 2 indicators, levels so, huyen, xa\n',
    );
  });

  it('in English with --lang en', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'sai.json'), text());
    const result = await run(['targets', 'show', 'sai.json', '--lang', 'en'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      'chitieu: target-set file sai.json is invalid:',
      'sai.json:11:11: year: must be a number, not a string ("2025")',
      'sai.json:32:13: sections[1].id: duplicate section id "I" (first used at sections[0].id)',
    ]);
  });
});

describe('target-set files refused before they are parsed', () => {
  it(`a file over ${MAX_TARGET_SET_FILE_BYTES} bytes (2 MiB) is refused by its size`, async () => {
    const dir = await temp();
    // 56 MB, sparse: made without writing it
    const handle = await open(join(dir, 'lon.json'), 'w');
    await handle.truncate(56 * 1024 * 1024);
    await handle.close();
    await refusedBoth(
      dir,
      'lon.json',
      'chitieu: tệp bộ chỉ tiêu lon.json không hợp lệ:\nlon.json: tệp quá lớn (56 MB); tệp bộ chỉ tiêu được đọc tối đa 2 MB\n',
    );
  });

  it('a FIFO or a folder named .json is not opened', async () => {
    const dir = await temp();
    execFileSync('mkfifo', [join(dir, 'ong.json')]);
    await mkdir(join(dir, 'thu-muc.json'));
    await refusedBoth(
      dir,
      'ong.json',
      'chitieu: không đọc được "ong.json": không phải tệp thông thường — không mở\n',
    );
    await refusedBoth(
      dir,
      'thu-muc.json',
      'chitieu: không đọc được "thu-muc.json": là một thư mục, EISDIR\n',
    );
  });
});

describe('a file with the id of a built-in target set', () => {
  const builtin = getBuiltinTargetSet('binh-phuoc-2025');
  if (!builtin) throw new Error('built-in set missing');

  it('is refused when its content differs, naming the id', async () => {
    const dir = await temp();
    const altered = structuredClone(builtin);
    const row = altered.indicators[0]?.targets[0];
    if (!row) throw new Error('no row');
    row.annual = 10; // a quietly lowered target
    await writeFile(join(dir, 'sua.json'), JSON.stringify(altered, null, 2));
    await refusedBoth(
      dir,
      'sua.json',
      'chitieu: tệp bộ chỉ tiêu sua.json không hợp lệ:\nsua.json:3:9: id: mã "binh-phuoc-2025" là của một bộ chỉ tiêu có sẵn nhưng nội dung khác; hãy đặt mã khác cho bộ chỉ tiêu này\n',
    );
  });

  it('is accepted when it is the same set', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'ban-sao.json'), JSON.stringify(builtin, null, 2));
    const result = await run(['targets', 'show', 'ban-sao.json', '--format', 'json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(builtin)));
  });
});

/** userTargetSet() with what a document can leave unsaid: Quý II of indicator 1 inferred, levels by default. */
function unsaidSet() {
  const set = structuredClone(userTargetSet()) as unknown as {
    indicators: { targets: Record<string, unknown>[] }[];
  };
  const first = set.indicators[0]?.targets[0];
  const second = set.indicators[1]?.targets[0];
  if (!first || !second) throw new Error('two indicators');
  first.quarterly = [91, { value: 93, inferredFrom: 'Sở Y tế (93,5%/93%)' }, 96, 98];
  delete second.lead;
  second.appliesTo = { levels: ['so', 'huyen', 'xa'], stated: false };
  return set;
}

describe('what a valid set leaves unsaid, told by validate and carried into the findings', () => {
  it('targets validate: valid (exit 0), with the numbers inferred and the default levels counted', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'suy-ra.json'), JSON.stringify(unsaidSet(), null, 2));
    const vi = await run(['targets', 'validate', 'suy-ra.json'], { cwd: dir });
    expect(vi).toMatchObject({
      code: 0,
      stderr: '',
      stdout:
        'suy-ra.json: hợp lệ — bộ chỉ tiêu thu-nghiem-2025, 2 chỉ tiêu, các cấp so, huyen, xa (1 mức suy ra (văn bản không ghi thành chỉ tiêu); 1 dòng có các cấp mặc định (văn bản không nêu))\n',
    });
    const en = await run(['targets', 'validate', 'suy-ra.json', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toBe(
      'suy-ra.json: valid — target set thu-nghiem-2025, 2 indicators, levels so, huyen, xa (1 inferred number (not stated as targets in the document); 1 row with default levels (the document does not say))\n',
    );
    // a built-in id: the same words
    const built = await run(['targets', 'validate', 'binh-phuoc-2024-thanh-toan']);
    expect(built.stdout).toBe(
      'binh-phuoc-2024-thanh-toan: hợp lệ — bộ chỉ tiêu binh-phuoc-2024-thanh-toan, 1 chỉ tiêu, các cấp so, huyen, xa (3 mức suy ra (văn bản không ghi thành chỉ tiêu))\n',
    );
  });

  it('check --format json: a finding against an inferred minimum carries the passage; the words say so', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'suy-ra.json'), JSON.stringify(unsaidSet(), null, 2));
    await writeFile(join(dir, 'so-y-te.xlsx'), await userAnnexWorkbook());
    const result = await run(
      ['check', 'so-y-te.xlsx', '--target-set', 'suy-ra.json', '--format', 'json'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      files: { sheets: { findings: Record<string, unknown>[] }[] }[];
    };
    const findings = report.files[0]?.sheets[0]?.findings ?? [];
    const below = findings.find((f) => f.code === 'below-minimum');
    expect(below).toMatchObject({
      cell: 'K6',
      quarter: 2,
      value: 92,
      minimum: 93,
      minimumSource: 'quarterly',
      minimumInferredFrom: 'Sở Y tế (93,5%/93%)',
      message:
        'Quý II: 92% < tối thiểu 93% (mức suy ra, văn bản không ghi thành chỉ tiêu) (thiếu 1 điểm %)',
    });
    // a stated minimum has no such field
    const stated = findings.filter((f) => f.code === 'met' && f.indicatorId === 'ho-so-dung-han');
    expect(stated.length).toBeGreaterThan(0);
    for (const f of stated) expect(f).not.toHaveProperty('minimumInferredFrom');
  });

  it('targets validate: every misuse of the fields for what a document leaves unsaid, by path', async () => {
    const dir = await temp();
    const set = unsaidSet() as unknown as {
      document: Record<string, unknown>;
      indicators: { basis?: unknown; targets: Record<string, unknown>[] }[];
    };
    set.document.effectiveFrom = '01/3/2025';
    const [first, second] = set.indicators;
    if (!first || !second) throw new Error('two indicators');
    (first.targets[0] as { quarterly: unknown[] }).quarterly[1] = { value: 93, inferredFrom: '' };
    first.basis = 'Công văn số 5547/BTTTT-CĐSQG';
    (second.targets[0] as { appliesTo: Record<string, unknown> }).appliesTo.stated = 'không';
    second.targets.push({ appliesTo: { levels: ['xa'] }, noTarget: true, annual: 50 });
    await writeFile(join(dir, 'sai.json'), JSON.stringify(set, null, 2));
    const result = await run(['targets', 'validate', 'sai.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').map((l) => l.replace(/^sai\.json:\d+:\d+: /, ''))).toEqual([
      'chitieu: tệp bộ chỉ tiêu sai.json không hợp lệ:',
      'document.effectiveFrom: "01/3/2025" không phải ngày dạng năm, năm-tháng hoặc năm-tháng-ngày (ví dụ "2025", "2025-01", "2025-01-15")',
      'indicators[0].targets[0].quarterly[1].inferredFrom: không được để trống',
      'indicators[0].basis: phải là mảng […], không phải chuỗi ("Công văn số 5547/BTTTT-CĐSQG")',
      'indicators[1].targets[0].appliesTo.stated: phải là true hoặc false, không phải chuỗi ("không")',
      'indicators[1].targets[1].noTarget: dòng ghi "noTarget": true (văn bản không đặt chỉ tiêu) nhưng lại có chỉ tiêu năm hoặc mức tối thiểu theo quý: bỏ một trong hai',
      '',
    ]);
  });
});
