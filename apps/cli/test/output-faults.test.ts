/**
 * Issue 10, item 8: faults of the output. --out is checked before the first file; a write that
 * fails (read-only, full disk) is one clear message naming the path, exit 2, and --out as it was
 * (no .tmp, no half set); SIGINT/SIGTERM leave --out as it was (exit 130/143); two runs on one
 * --out do not interleave (a lock file with the process id; a stale one is taken over).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seams } from '../src/seams.js';
import { copyExamples, EXAMPLES, hashFiles, listFiles, run, useTempDirs } from './helpers.js';
import { builtCliExists, isRoot, spawnCli, unprivileged } from './spawn.js';

const temp = useTempDirs();
const original = { ...seams };
afterEach(() => {
  Object.assign(seams, original);
});

/** A previous run's output set, as a later run finds it in --out. */
async function previousRun(out: string): Promise<Record<string, string>> {
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'report.html'), '<!doctype html><title>lần trước</title>');
  await writeFile(join(out, 'report.json'), '{"schemaVersion":1,"files":[]}\n');
  await cp(join(EXAMPLES, 'so-tu-phap.xlsx'), join(out, 'so-tu-phap.xlsx'));
  return hashFiles(out);
}

/** Everything in `dir`, hidden entries too. */
const entries = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

/** A folder of `n` department workbooks (the good examples cycled). */
async function manyWorkbooks(dir: string, n: number): Promise<void> {
  const good = ['so-tu-phap.xlsx', 'so-y-te.xlsx', 'so-noi-vu.xlsx', 'xa-tan-tien.xlsx'];
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < n; i++)
    await cp(join(EXAMPLES, good[i % good.length] as string), join(dir, `don-vi-${i + 1}.xlsx`));
}

function mount(args: string[]): boolean {
  return isRoot() && spawnSync('mount', args).status === 0;
}
const umount = (dir: string) => spawnSync('umount', [dir]);

describe('--out that cannot be written', () => {
  const nobody = unprivileged();
  const canRun = !isRoot() || (nobody !== undefined && builtCliExists());
  it.skipIf(!canRun)(
    'a read-only folder is told before the first file: exit 2, the path named, nothing written',
    async () => {
      const dir = await temp();
      await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx');
      const out = join(dir, 'ket-qua');
      await mkdir(out);
      await chmod(dir, 0o755);
      await chmod(out, 0o555);
      const result = isRoot()
        ? await spawnCli(['check', 'nop', '--out', 'ket-qua'], {
            cwd: dir,
            uid: nobody?.uid as number,
            gid: nobody?.gid as number,
          })
        : await run(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'chitieu: không ghi được vào thư mục --out "ket-qua": không có quyền, EACCES\n',
      );
      expect(await entries(out)).toEqual([]);
    },
    30_000,
  );

  it.skipIf(!isRoot())('a read-only file system (EROFS), in English', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx');
    const out = join(dir, 'ket-qua');
    await mkdir(out);
    if (!mount(['-t', 'tmpfs', '-o', 'ro,size=100k', 'tmpfs', out])) return;
    try {
      const result = await run(['check', 'nop', '--out', 'ket-qua', '--lang', 'en'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'chitieu: cannot write to the --out folder "ket-qua": the disk is read-only, EROFS\n',
      );
    } finally {
      umount(out);
    }
  });
});

describe('a full disk', () => {
  it.skipIf(!isRoot())(
    "a full tmpfs: exit 2 naming the file, the previous run's set untouched, nothing left behind",
    async () => {
      const dir = await temp();
      await copyExamples(join(dir, 'nop'));
      const out = join(dir, 'ket-qua');
      await mkdir(out);
      if (!mount(['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', out])) return;
      try {
        const before = await previousRun(out);
        const result = await run(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(
          /^chitieu: không ghi được "ket-qua\/[^"]+": hết dung lượng đĩa, ENOSPC — đã dừng, không ghi kết quả nào vào --out \(kết quả cũ giữ nguyên\)\n$/,
        );
        expect(await hashFiles(out)).toEqual(before);
        expect(await entries(out)).toEqual(['report.html', 'report.json', 'so-tu-phap.xlsx']);
      } finally {
        umount(out);
      }
    },
    30_000,
  );

  it('ENOSPC on the second copy (simulated): exit 2 naming it, --out as it was', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx', 'so-y-te.xlsx', 'xa-tan-tien.xlsx');
    const out = join(dir, 'ket-qua');
    const before = await previousRun(out);
    let copies = 0;
    seams.writeFile = async (path, data) => {
      if (path.endsWith('.xlsx') && ++copies === 2)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      return original.writeFile(path, data);
    };
    const result = await run(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'chitieu: không ghi được "ket-qua/so-y-te.xlsx": hết dung lượng đĩa, ENOSPC — đã dừng, không ghi kết quả nào vào --out (kết quả cũ giữ nguyên)\n',
    );
    expect(await hashFiles(out)).toEqual(before);
    expect(await entries(out)).toEqual(['report.html', 'report.json', 'so-tu-phap.xlsx']);
  });
});

describe('a copy that cannot be written while later files are checked', () => {
  it('stops the run at once: exit 2 naming it, no later copy written, --out as it was', async () => {
    // the copies are written while the next files are checked (a few ahead): a fault on the
    // third must still stop the run before any later copy is written, and before any report
    const dir = await temp();
    await manyWorkbooks(join(dir, 'nop'), 30);
    const out = join(dir, 'ket-qua');
    const before = await previousRun(out);
    const written: string[] = [];
    let failedAt: number | undefined;
    seams.writeFile = async (path, data) => {
      if (path.endsWith('.xlsx')) {
        written.push(path);
        if (written.length === 3) {
          failedAt = written.length;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
          });
        }
      }
      return original.writeFile(path, data);
    };
    const result = await run(['check', 'nop', '--out', 'ket-qua'], {
      cwd: dir,
      env: { CHITIEU_WORKERS: '0' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^chitieu: không ghi được "ket-qua\/don-vi-[0-9]+\.xlsx": hết dung lượng đĩa, ENOSPC — đã dừng/,
    );
    expect(failedAt).toBe(3);
    expect(written).toHaveLength(3);
    expect(await hashFiles(out)).toEqual(before);
  });
});

/** Waits until `test()` holds (polling), or fails after `ms`. */
async function until(test: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Whether the run has begun writing its set (a copy in its temporary folder). */
async function writing(out: string): Promise<boolean> {
  for (const name of await readdir(out).catch(() => [] as string[])) {
    if (!name.startsWith('.chitieu-tmp-')) continue;
    const inside = await readdir(join(out, name)).catch(() => [] as string[]);
    if (inside.length > 0) return true;
  }
  return false;
}

describe.skipIf(!builtCliExists())('signals', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} while copies are being written: exit ${code}, --out as it was`, async () => {
      const dir = await temp();
      await manyWorkbooks(join(dir, 'nop'), 200);
      const out = join(dir, 'ket-qua');
      const before = await previousRun(out);
      let child: ChildProcess | undefined;
      const ran = spawnCli(['check', 'nop', '--out', 'ket-qua'], {
        cwd: dir,
        started: (c) => {
          child = c;
        },
      });
      await until(() => writing(out));
      child?.kill(signal);
      const result = await ran;
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `Đã dừng (${signal}): không ghi gì vào --out, kết quả của lần chạy trước giữ nguyên.\n`,
      );
      expect(await hashFiles(out)).toEqual(before);
      expect(await entries(out)).toEqual(['report.html', 'report.json', 'so-tu-phap.xlsx']);
    }, 60_000);
  }
});

describe('one run at a time on an --out', () => {
  const lockOf = (pid: number) =>
    JSON.stringify({ pid, host: hostname(), token: 'khac', started: new Date().toISOString() });

  it('a lock held by a live process: refused with its pid, exit 2, --out untouched', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx');
    const out = join(dir, 'ket-qua');
    await previousRun(out);
    const sleeper = spawn('sleep', ['30']);
    try {
      const lock = lockOf(sleeper.pid as number);
      await writeFile(join(out, '.chitieu.lock'), lock);
      const before = await hashFiles(out);
      const result = await run(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `chitieu: thư mục --out "ket-qua" đang được một lần chạy khác dùng (tiến trình ${sleeper.pid}); hãy đợi lần chạy đó xong hoặc chọn --out khác (nếu chắc chắn không còn lần chạy nào, hãy xóa tệp ket-qua/.chitieu.lock)\n`,
      );
      expect(await hashFiles(out)).toEqual(before);
      expect(await readFile(join(out, '.chitieu.lock'), 'utf8')).toBe(lock);
    } finally {
      sleeper.kill();
    }
  });

  it('a stale lock (its process is gone) is taken over, said, and removed at the end', async () => {
    const dir = await temp();
    await copyExamples(join(dir, 'nop'), 'so-tu-phap.xlsx');
    const out = join(dir, 'ket-qua');
    await mkdir(out);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const pid = Number(gone.stdout);
    await writeFile(join(out, '.chitieu.lock'), lockOf(pid));
    const result = await run(['check', 'nop', '--out', 'ket-qua'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `đã gỡ khóa cũ của tiến trình ${pid} (tiến trình này không còn chạy)\nĐã ghi ket-qua/report.html\nĐã ghi ket-qua/report.json\nĐã ghi ket-qua/report.xlsx\n`,
    );
    expect(await entries(out)).toEqual([
      'report.html',
      'report.json',
      'report.xlsx',
      'so-tu-phap.xlsx',
    ]);
  });

  it.skipIf(!builtCliExists())(
    'two runs at once on the same --out: the second refuses, the first completes',
    async () => {
      const dir = await temp();
      await manyWorkbooks(join(dir, 'nop'), 200);
      const out = join(dir, 'ket-qua');
      let first: ChildProcess | undefined;
      const a = spawnCli(['check', 'nop', '--out', 'ket-qua', '--lang', 'en'], {
        cwd: dir,
        started: (c) => {
          first = c;
        },
      });
      await until(() => writing(out));
      const b = await spawnCli(['check', 'nop', '--out', 'ket-qua', '--lang', 'en'], { cwd: dir });
      expect(b.code).toBe(2);
      expect(b.stdout).toBe('');
      expect(b.stderr).toBe(
        `chitieu: the --out folder "ket-qua" is in use by another run (process ${first?.pid}); wait for it to finish or choose another --out (if you are sure no run is left, delete ket-qua/.chitieu.lock)\n`,
      );
      const done = await a;
      expect(done.code).toBe(1);
      const files = await listFiles(out);
      expect(files).toHaveLength(203);
      expect(await entries(out)).toEqual(files); // no lock, no temporary folder
    },
    120_000,
  );
});
