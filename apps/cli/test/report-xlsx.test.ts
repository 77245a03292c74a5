/**
 * report.xlsx under --out (issue 15, item 4): the units × indicators matrix as a sheet to sort
 * and filter (one row per unit, numbers with a percent format, the status by conditional
 * formats from a hidden status column, frozen header and unit column, autofilter), the findings
 * that need review, and the roster's "Chưa nộp" — read back by the project's reader, and by
 * LibreOffice (converted to CSV).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Grid } from '@chitieu/engine';
import { openWorkbook, readWorkbookFile } from '@chitieu/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExamples, listFiles, parseCsv, run, useTempDirs } from './helpers.js';

const temp = useTempDirs('all');

async function sheetsOf(path: string) {
  const read = await readWorkbookFile(path);
  if (!read.success) throw new Error(JSON.stringify(read.error));
  return read.data.sheets;
}

function values(grid: Grid | undefined): unknown[][] {
  return (grid?.rows ?? []).map((row) => (row ?? []).map((c) => c?.value ?? null));
}

const HEADINGS = [
  '1. Dịch vụ công trực tuyến toàn trình',
  '2. Thanh toán trực tuyến',
  '3. Hồ sơ trực tuyến',
  '4. Số hóa hồ sơ, kết quả',
  '5. Đồng bộ kết quả xử lý hồ sơ',
  '6. Cấp kết quả điện tử',
  '7. Sử dụng lại dữ liệu số hóa',
  '8. Xử lý phản ánh, kiến nghị đúng hạn',
  '9. Mức độ hài lòng',
  '10. Hồ sơ trực tuyến toàn trình',
  '11. Công bố, công khai TTHC đúng hạn',
  '12. Chứng thực bản sao điện tử',
  '13. Nhiệm vụ được giám sát trên dữ liệu số',
  '14. Dữ liệu nhiệm vụ được giám sát đến đơn vị',
  '15. Bộ chỉ số chỉ đạo, điều hành',
  '16. Văn bản, hồ sơ xử lý toàn trình',
  '17. Đồng bộ qua Trục liên thông văn bản',
  '18. Kết nối hệ thống TTHC với quản lý văn bản',
];

/**
 * A folder made here: a unit failing only Quý I (Chơn Thành: 58,31% against 60%, met in Quý
 * II), an original and a revised copy of one unit (the revised one newer on disk), another unit;
 * a roster with one unit that sent nothing and one written "Ủy ban nhân dân …".
 */
async function folder(): Promise<{ dir: string; input: string; out: string }> {
  const dir = await temp();
  const input = join(dir, 'nop');
  await copyExamples(
    input,
    'ubnd-thi-xa-chon-thanh.xlsx',
    'so-tu-phap.xlsx',
    'so-tu-phap-ban-sua.xlsx',
    'so-y-te.xlsx',
  );
  // The revised copy is the later file (the workbooks' own dates are the same).
  await utimes(join(input, 'so-tu-phap.xlsx'), new Date('2025-07-01'), new Date('2025-07-01'));
  await utimes(
    join(input, 'so-tu-phap-ban-sua.xlsx'),
    new Date('2025-07-03'),
    new Date('2025-07-03'),
  );
  await writeFile(
    join(dir, 'danh-sach.csv'),
    'Đơn vị,Cấp\nSở Y tế,so\nỦy ban nhân dân thị xã Chơn Thành,huyen\nSở Tài chính,so\n',
  );
  return { dir, input, out: join(dir, 'out') };
}

describe('report.xlsx under --out', () => {
  let made: { dir: string; input: string; out: string };
  let stderr = '';
  beforeAll(async () => {
    made = await folder();
    const result = await run([
      'check',
      made.input,
      '--out',
      made.out,
      '--roster',
      join(made.dir, 'danh-sach.csv'),
    ]);
    stderr = result.stderr;
    expect(result.code).toBe(1);
  });

  it('is written beside report.html and report.json, and said so', async () => {
    const files = await listFiles(made.out);
    expect(files).toEqual(
      expect.arrayContaining(['report.html', 'report.json', 'report.xlsx', 'so-y-te.xlsx']),
    );
    expect(stderr).toContain(`Đã ghi ${join(made.out, 'report.xlsx')}`);
  });

  it('has the matrix, the findings to review and the not-submitted list', async () => {
    const sheets = await sheetsOf(join(made.out, 'report.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Cần xem lại', 'Chưa nộp']);
  });

  it('has one row per unit, the worst quarter’s value as a percent number, its status beside', async () => {
    const [matrix] = await sheetsOf(join(made.out, 'report.xlsx'));
    const rows = values(matrix?.grid);
    expect(String(rows[0]?.[0])).toMatch(/^Chỉ tiêu thực hiện nhiệm vụ .* — Quý I, Quý II$/);
    expect(rows[1]?.[3]).toBe(
      'I. Nâng cao chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công',
    );
    expect(rows[2]).toEqual([
      'Đơn vị',
      'Cấp',
      'Số chỉ tiêu chưa đạt',
      ...HEADINGS,
      'Tệp',
      'Bản đã được thay',
      ...HEADINGS.map((h) => `Trạng thái ${h}`),
    ]);
    // one row per unit: the two copies of Sở Tư pháp are one
    expect(rows.slice(3, 6).map((r) => r[0])).toEqual([
      'Sở Tư pháp',
      'Sở Y tế',
      'UBND thị xã Chơn Thành',
    ]);
    const chonThanh = matrix?.grid.rows[5];
    expect(chonThanh?.[1]?.value).toBe('UBND cấp huyện');
    expect(chonThanh?.[2]?.value).toBe(4);
    // Quý I: 58,31% < 60%, met in Quý II: the cell is the Quý I failure
    expect(chonThanh?.[4]).toMatchObject({ value: 0.5831, numberFormat: '0.0#%' });
    expect(chonThanh?.[3 + 18 + 2 + 1]?.value).toBe('✗ Dưới tối thiểu (Quý I)');
    expect(chonThanh?.[3 + 18]?.value).toBe(
      'nop/ubnd-thi-xa-chon-thanh.xlsx › Phụ lục'.replace('nop/', `${made.input}/`),
    );
    // the revised copy of Sở Tư pháp is used, the original listed as replaced
    const tuPhap = matrix?.grid.rows[3];
    expect(tuPhap?.[3 + 18]?.value).toBe(`${made.input}/so-tu-phap-ban-sua.xlsx › Phụ lục`);
    expect(tuPhap?.[3 + 19]?.value).toBe(`${made.input}/so-tu-phap.xlsx › Phụ lục`);
    // the per-indicator totals below the table, after an empty row
    expect(rows[6]).toEqual([]);
    // indicator 2 fails for all three units (the revised copy's 72%, 66%, Chơn Thành in Quý I)
    expect(rows.slice(3, 6).map((r) => r[4])).toEqual([0.72, 0.66, 0.5831]);
    expect(rows[7]?.slice(0, 5)).toEqual(['Số đơn vị đạt', null, null, '1/2', '0/3']);
  });

  it('freezes the header and unit column, filters the table, colours cells by status', async () => {
    const opened = openWorkbook(new Uint8Array(await readFile(join(made.out, 'report.xlsx'))));
    if (!opened.success) throw new Error(JSON.stringify(opened.error));
    const ws = opened.data.package.text('xl/worksheets/sheet1.xml');
    expect(ws).toContain(
      '<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"/>',
    );
    // header row 3 to the last unit (row 6), over every column up to the last status column
    expect(ws).toContain('<autoFilter ref="A3:AO6"/>');
    // the rule of a shortfall reads the status 20 columns to the right and shows ✗ before the value
    expect(ws).toMatch(
      /<conditionalFormatting sqref="[^"]*\bE4:E6\b[^"]*"><cfRule type="expression" dxfId="\d+" priority="1" stopIfTrue="1"><formula>LEFT\(X4,1\)=&quot;✗&quot;<\/formula>/,
    );
    const styles = opened.data.package.text('xl/styles.xml');
    expect(styles).toContain('<dxf><font><b/><color rgb="FF842029"/></font><numFmt numFmtId="');
    expect(styles).toContain(
      'formatCode="&quot;✗ &quot;0.0#%;&quot;✗ &quot;-0.0#%;&quot;✗ &quot;0.0#%;&quot;✗ &quot;@"/><fill><patternFill patternType="solid"><bgColor rgb="FFF8D7DA"/>',
    );
    // the status columns: hidden, in one outline group
    expect(ws).toContain(
      '<col min="24" max="41" width="26" customWidth="1" hidden="1" outlineLevel="1"/>',
    );
    expect(ws).not.toContain('<mergeCell ');
  });

  it('lists each finding to review once: the replaced copy’s are left out', async () => {
    const [, findings] = await sheetsOf(join(made.out, 'report.xlsx'));
    const rows = values(findings?.grid);
    expect(rows[0]).toEqual([
      'Đơn vị',
      'Tệp',
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Quý',
      'Giá trị',
      'Tối thiểu',
      'Còn thiếu',
      'Trạng thái',
      'Lý do',
    ]);
    expect(rows.some((r) => r[1] === `${made.input}/so-tu-phap.xlsx`)).toBe(false);
    expect(
      rows.filter((r) => r[1] === `${made.input}/so-tu-phap-ban-sua.xlsx`).length,
    ).toBeGreaterThan(0);
    const q1 = rows.find(
      (r) => r[0] === 'UBND thị xã Chơn Thành' && r[5] === 'Quý I' && r[4] === HEADINGS[1],
    );
    expect(q1).toEqual([
      'UBND thị xã Chơn Thành',
      `${made.input}/ubnd-thi-xa-chon-thanh.xlsx`,
      'Phụ lục',
      q1?.[3],
      '2. Thanh toán trực tuyến',
      'Quý I',
      0.5831,
      0.6,
      0.0169,
      '✗ Dưới tối thiểu',
      'Quý I: 58,31% < tối thiểu 60% (thiếu 1,69 điểm %)',
    ]);
    expect(q1?.[3]).toMatch(/^[A-Z]+\d+$/);
    // every row is a finding that needs review: no "Đạt"
    expect(rows.slice(1).every((r) => !String(r[9]).startsWith('✓'))).toBe(true);
  });

  it('lists who did not submit, and who submitted but is not on the roster', async () => {
    const [, , roster] = await sheetsOf(join(made.out, 'report.xlsx'));
    expect(values(roster?.grid)).toEqual([
      ['Đơn vị', 'Cấp', 'Mã', 'Tình trạng', 'Tệp'],
      ['Sở Tài chính', 'Các sở, ban, ngành', null, '? Chưa nộp'],
      [
        'Sở Tư pháp',
        'Các sở, ban, ngành',
        null,
        '⊘ Đã nộp, không có trong danh sách',
        `${made.input}/so-tu-phap-ban-sua.xlsx › Phụ lục`,
      ],
    ]);
  });

  it('is not checked as a workbook by a later run over the folder', async () => {
    const again = join(made.dir, 'again');
    await copyExamples(again, 'so-y-te.xlsx');
    await copyFile(join(made.out, 'report.xlsx'), join(again, 'report.xlsx'));
    const result = await run(['check', again, '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      files: { file: string }[];
      skipped: { path: string; reason: string }[];
    };
    expect(report.files.map((f) => f.file)).toEqual([join(again, 'so-y-te.xlsx')]);
    expect(report.skipped).toEqual([
      { path: join(again, 'report.xlsx'), reason: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước' },
    ]);
  });
});

describe('report.xlsx: other cases', () => {
  it('in English with --lang en', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'in'), 'so-y-te.xlsx');
    const result = await run(['check', join(dir, 'in'), '--out', join(dir, 'out'), '--lang', 'en']);
    expect(result.code).toBe(1);
    const sheets = await sheetsOf(join(dir, 'out', 'report.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Summary', 'To review']);
    const rows = values(sheets[0]?.grid);
    expect(rows[2]?.slice(0, 4)).toEqual([
      'Unit',
      'Level',
      'Indicators not met',
      '1. End-to-end online public services',
    ]);
    expect(rows[3]?.slice(0, 3)).toEqual(['Sở Y tế', 'Provincial departments', 6]);
  });

  it('a unit table: each of its rows is a unit row, and each finding names its unit', async () => {
    const dir = await temp();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thanh toán');
    const rows = [
      ['KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024'],
      [],
      ['STT', 'Tên đơn vị', 'Cấp', 'Chỉ tiêu giao', 'Kết quả Quý I/2024'],
      [1, 'Sở Y tế', 'Cấp tỉnh', 0.4, 0.408],
      [2, 'Sở Giáo dục và Đào tạo', 'Cấp tỉnh', 0.4, 0],
      [3, 'UBND thành phố Đồng Xoài', 'Cấp huyện', 0.3, '48,2%'],
    ];
    rows.forEach((r, i) => {
      ws.getRow(i + 1).values = [...r];
    });
    for (const a1 of ['D4', 'D5', 'D6', 'E4', 'E5']) ws.getCell(a1).numFmt = '0.0%';
    await writeFile(
      join(dir, 'thanh-toan.xlsx'),
      new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    );
    const result = await run(['check', join(dir, 'thanh-toan.xlsx'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(1);
    const [matrix, findings] = await sheetsOf(join(dir, 'out', 'report.xlsx'));
    const table = values(matrix?.grid);
    expect(table[1]?.slice(0, 4)).toEqual([
      'Đơn vị',
      'Cấp',
      'Số chỉ tiêu chưa đạt',
      '1. Thanh toán trực tuyến',
    ]);
    expect(table.slice(2, 5).map((r) => r.slice(0, 4))).toEqual([
      // the 2024 payment set's names of its levels
      ['Sở Y tế', 'Cấp tỉnh (các sở, ban, ngành)', 0, 0.408],
      ['Sở Giáo dục và Đào tạo', 'Cấp tỉnh (các sở, ban, ngành)', 1, 0],
      ['UBND thành phố Đồng Xoài', 'Cấp huyện', 0, 0.482],
    ]);
    expect(
      values(findings?.grid)
        .slice(1)
        .map((r) => [r[0], r[3], r[6], r[7], r[9]]),
    ).toEqual([['Sở Giáo dục và Đào tạo', 'E5', 0, 0.4, '✗ Dưới tối thiểu']]);
  });

  it('a copy of an input named report.xlsx takes the next name', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-y-te.xlsx');
    await copyFile(join(dir, 'so-y-te.xlsx'), join(dir, 'report.xlsx'));
    const out = join(dir, 'out');
    const result = await run(['check', join(dir, 'report.xlsx'), '--out', out]);
    expect(result.code).toBe(1);
    expect((await readdir(out)).sort()).toEqual([
      'report-kiem-tra.xlsx',
      'report.html',
      'report.json',
      'report.xlsx',
    ]);
    const sheets = await sheetsOf(join(out, 'report.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Cần xem lại']);
  });
});

/** LibreOffice's CSV (lines end with LF) as rows. */
async function csvRows(path: string): Promise<string[][]> {
  return parseCsv((await readFile(path, 'utf8')).replace(/\r?\n/g, '\r\n'));
}

const soffice = ['soffice', 'libreoffice'].find((cmd) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

describe.skipIf(!soffice && !process.env.CI)('report.xlsx opened by LibreOffice', () => {
  it('gives one row per unit with its values, as shown', { timeout: 180_000 }, async () => {
    const { dir, input, out } = await folder();
    const result = await run(['check', input, '--out', out]);
    expect(result.code).toBe(1);
    const csvDir = join(dir, 'csv');
    execFileSync(
      soffice as string,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        // UTF-8, first line as is, cells as shown, every sheet (one file each)
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        csvDir,
        join(out, 'report.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const matrixCsv = join(csvDir, 'report-Tổng hợp.csv');
    expect(existsSync(matrixCsv)).toBe(true);
    const rows = await csvRows(matrixCsv);
    const header = rows[2] ?? [];
    expect(header.slice(0, 4)).toEqual(['Đơn vị', 'Cấp', 'Số chỉ tiêu chưa đạt', HEADINGS[0]]);
    const units = rows.slice(3).filter((r) => r[0] !== '' && r[0] !== 'Số đơn vị đạt');
    expect(units.map((r) => r[0])).toEqual(['Sở Tư pháp', 'Sở Y tế', 'UBND thị xã Chơn Thành']);
    const chonThanh = units[2] ?? [];
    expect(chonThanh.slice(0, 5)).toEqual([
      'UBND thị xã Chơn Thành',
      'UBND cấp huyện',
      '4',
      '',
      '58.31%',
    ]);
    expect(chonThanh[header.indexOf(`Trạng thái ${HEADINGS[1]}`)]).toBe('✗ Dưới tối thiểu (Quý I)');
    const findings = await csvRows(join(csvDir, 'report-Cần xem lại.csv'));
    expect(findings[0]?.[0]).toBe('Đơn vị');
    expect(
      findings
        .find((r) => r[0] === 'UBND thị xã Chơn Thành' && r[5] === 'Quý I' && r[4] === HEADINGS[1])
        ?.slice(6, 10),
    ).toEqual(['58.31%', '60.0%', '1.69%', '✗ Dưới tối thiểu']);
  });
});

describe('report.xlsx: values the check could not read in their unit', () => {
  it('are shown as typed, never as a reading the check refused; out of range stays a percentage', async () => {
    const dir = await temp();
    const input = join(dir, 'nop');
    await copyExamples(input, 'so-cong-thuong.xlsx');
    const out = join(dir, 'out');
    expect((await run(['check', input, '--out', out])).code).toBe(1);
    const [, findings] = await sheetsOf(join(out, 'report.xlsx'));
    const byCell = new Map(values(findings?.grid).map((r) => [r[3], r]));
    // "11,3/18" typed in a percent indicator: the text, not 11.3 %
    expect(byCell.get('K15')?.slice(6, 8)).toEqual(['11,3/18', 0.8]);
    // 0,86 in a column mixing fractions and percentages: 0.86 as typed, not 0.86 %
    expect(byCell.get('K19')?.slice(6, 8)).toEqual([0.86, 0.85]);
    // 106,67 % is out of range but read as a percentage: a percent number
    expect(byCell.get('K35')?.[6]).toBeCloseTo(1.0666666666666667, 12);
    // a shortfall keeps its number and gap
    expect(byCell.get('J15')?.slice(6, 9)).toEqual([0.7412, 0.75, 0.0088]);
  });
});
