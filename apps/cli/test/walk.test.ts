/**
 * Issue 10, item 3: what a folder holds besides workbooks. An unreadable sub-folder or file is
 * one entry with its reason and the rest is checked; symbolic links are followed to regular
 * files and folders, with loops and second ways to the same folder or file skipped; FIFOs,
 * devices and other non-regular files are skipped with the reason and never opened.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortNames } from '../src/files.js';
import { checkFile } from '../src/run-check.js';
import { copyExamples, fileNamed, type JsonReport, runJson, useTempDirs } from './helpers.js';
import { builtCliExists, isRoot, spawnCli, unprivileged } from './spawn.js';

const temp = useTempDirs();

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

describe('an unreadable folder or file', () => {
  const nobody = unprivileged();
  const canRun = !isRoot() || (nobody !== undefined && builtCliExists());
  it.skipIf(!canRun)(
    'a mode-000 folder and file are one entry each with the reason; the rest is checked (exit 1)',
    async () => {
      const dir = await temp();
      const nop = join(dir, 'nop');
      await mkdir(join(nop, 'khoa'), { recursive: true });
      await copyExamples(nop, 'so-tu-phap.xlsx', 'so-noi-vu.xlsx');
      await copyExamples(join(nop, 'khoa'), 'so-y-te.xlsx');
      await chmod(join(nop, 'so-noi-vu.xlsx'), 0o000);
      await chmod(join(nop, 'khoa'), 0o000);
      await chmod(dir, 0o755);

      let json: JsonReport;
      let code: number | null;
      let stderr: string;
      if (isRoot()) {
        // root reads everything: run the built CLI as "nobody"
        const ran = await spawnCli(['check', 'nop', '--format', 'json'], {
          cwd: dir,
          uid: nobody?.uid as number,
          gid: nobody?.gid as number,
        });
        json = JSON.parse(ran.stdout);
        code = ran.code;
        stderr = ran.stderr;
      } else {
        const ran = await runJson(['check', 'nop'], { cwd: dir });
        json = ran.json;
        code = ran.code;
        stderr = ran.stderr;
      }
      await chmod(join(nop, 'khoa'), 0o755); // so that the folder can be removed
      expect(code).toBe(1);
      expect(stderr).toBe('');
      expect(json.skipped).toEqual([
        { path: 'nop/khoa', reason: 'không đọc được thư mục (không có quyền, EACCES)' },
      ]);
      expect(json.files.map((f) => [f.file, f.error ?? null])).toEqual([
        ['nop/so-noi-vu.xlsx', 'không mở được tệp (không có quyền, EACCES)'],
        ['nop/so-tu-phap.xlsx', null],
      ]);
      expect(fileNamed(json, 'so-tu-phap.xlsx').sheets).toHaveLength(1);
    },
    60_000,
  );
  if (!canRun)
    it.skip('(skipped: running as root without a "nobody" user or without the built CLI — run `pnpm --filter @chitieu/cli build`)', () => {});
});

describe('FIFOs, devices and other non-regular files', () => {
  it('a FIFO and a link to /dev/zero named .xlsx are skipped with the reason, never opened', async () => {
    const dir = await temp();
    const nop = join(dir, 'nop');
    await mkdir(nop);
    await copyExamples(nop, 'so-tu-phap.xlsx');
    if (!mkfifo(join(nop, 'ong.xlsx'))) throw new Error('mkfifo failed');
    await symlink('/dev/zero', join(nop, 'zero.xlsx'));
    const result = await runJson(['check', 'nop'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.json.files.map((f) => f.file)).toEqual(['nop/so-tu-phap.xlsx']);
    expect(result.json.skipped).toEqual([
      {
        path: 'nop/ong.xlsx',
        reason: 'là một FIFO (ống dẫn có tên), không phải tệp thông thường — không mở',
      },
      { path: 'nop/zero.xlsx', reason: 'là một thiết bị, không phải tệp thông thường — không mở' },
    ]);
    // named directly, too
    const direct = await runJson(['check', 'nop/ong.xlsx', 'nop/zero.xlsx', '--lang', 'en'], {
      cwd: dir,
    });
    expect(direct.code).toBe(2);
    expect(direct.json.skipped.map((s) => s.reason)).toEqual([
      'a FIFO (named pipe), not a regular file — not opened',
      'a device, not a regular file — not opened',
    ]);
  }, 30_000);

  it('the read itself is guarded: a FIFO met where a file was is not waited on', async () => {
    const dir = await temp();
    const path = join(dir, 'doi-cho.xlsx');
    if (!mkfifo(path)) throw new Error('mkfifo failed');
    // (no process ever opens the FIFO for writing: a blocking open or read would wait forever)
    const report = await checkFile(path, { locale: 'vi' });
    expect(report.error).toEqual({
      code: 'unreadable',
      message: 'không phải tệp thông thường (có thể đã bị thay sau khi duyệt thư mục), không đọc',
    });
  }, 10_000);
});

describe('symbolic links', () => {
  it('are followed to files and folders; loops, broken links and second ways are skipped', async () => {
    const dir = await temp();
    const nop = join(dir, 'nop');
    const other = join(dir, 'noi-khac');
    await mkdir(join(nop, 'so'), { recursive: true });
    await mkdir(join(other, 'huyen'), { recursive: true });
    await copyExamples(join(nop, 'so'), 'so-tu-phap.xlsx');
    await copyExamples(other, 'so-y-te.xlsx');
    await copyExamples(join(other, 'huyen'), 'ubnd-huyen-bu-dop.xlsx');
    await symlink(join(other, 'so-y-te.xlsx'), join(nop, 'lien-ket-y-te.xlsx')); // a file elsewhere
    await symlink(join(other, 'huyen'), join(nop, 'huyen')); // a folder elsewhere
    await symlink('..', join(nop, 'so', 'vong')); // a loop: back to nop
    await symlink(join(nop, 'so'), join(nop, 'so-lan-hai')); // a second way to nop/so
    await symlink(join(nop, 'so', 'so-tu-phap.xlsx'), join(nop, 'tu-phap-nua.xlsx')); // and to a file
    await symlink(join(dir, 'khong-co.xlsx'), join(nop, 'hong.xlsx')); // broken

    const result = await runJson(['check', 'nop'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(
      result.json.files.map((f) => [f.file, (f as { symlink?: string }).symlink ?? null]),
    ).toEqual([
      ['nop/huyen/ubnd-huyen-bu-dop.xlsx', null],
      ['nop/lien-ket-y-te.xlsx', 'noi-khac/so-y-te.xlsx'],
      ['nop/so/so-tu-phap.xlsx', null],
    ]);
    for (const f of result.json.files) expect(f.sheets, f.file).toHaveLength(1);
    expect(result.json.skipped).toEqual([
      { path: 'nop/hong.xlsx', reason: 'liên kết tượng trưng trỏ tới nơi không tồn tại' },
      { path: 'nop/so/vong', reason: 'liên kết tượng trưng tạo vòng lặp, không đi theo' },
      {
        path: 'nop/so-lan-hai',
        reason: 'cùng một thư mục với nop/so (qua liên kết), chỉ duyệt một lần',
      },
      {
        path: 'nop/tu-phap-nua.xlsx',
        reason: 'cùng một tệp với nop/so/so-tu-phap.xlsx (qua liên kết), chỉ kiểm tra một lần',
      },
    ]);
  }, 30_000);

  it('a link that loops on itself is skipped', async () => {
    const dir = await temp();
    await copyExamples(dir, 'so-tu-phap.xlsx');
    await symlink(join(dir, 'b.xlsx'), join(dir, 'a.xlsx'));
    await symlink(join(dir, 'a.xlsx'), join(dir, 'b.xlsx'));
    const result = await runJson(['check', '.'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.json.skipped.slice(0, 2)).toEqual([
      { path: 'a.xlsx', reason: 'liên kết tượng trưng tạo vòng lặp, không đi theo' },
      { path: 'b.xlsx', reason: 'liên kết tượng trưng tạo vòng lặp, không đi theo' },
    ]);
  });
});

describe("the order of a folder's names", () => {
  // A seeded stream of names: plain ones (lower-case ASCII, digits, "-", ".") sorted without a
  // collator must come out as Vietnamese collation puts them; any other name takes the collator.
  let seed = 20261203;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = (chars: string, n: number) =>
    Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
  const byCollator = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, 'vi'));
  const sorted = (names: string[]) => sortNames(names.map((name) => ({ name }))).map((e) => e.name);

  it("puts plain names in the collator's order", () => {
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: 40 }, () =>
        pick('abcdz019-._', 1 + Math.floor(random() * 8)),
      );
      names.push(
        'don-vi-001',
        'don-vi-010',
        'don-vi-1',
        'don-vi-001.xlsx',
        'so-y-te.xlsx',
        'so-y-te',
        'a',
        '',
      );
      expect(sorted(names), names.join(' ')).toEqual(byCollator(names));
    }
  });

  it('sorts other names by Vietnamese collation', () => {
    const names = [
      'Sở Y tế.xlsx',
      'so-y-te.xlsx',
      'Sở Nội vụ.xlsx',
      'đoàn.xlsx',
      'dân.xlsx',
      'Ủy ban.xlsx',
      'a_b.xlsx',
      'a-b.xlsx',
      'B.xlsx',
      'a.xlsx',
    ];
    expect(sorted(names)).toEqual(byCollator(names));
    // đ after every d, as Vietnamese puts it; not where its code puts it
    expect(sorted(['đa', 'dz', 'e'])).toEqual(['dz', 'đa', 'e']);
  });
});
