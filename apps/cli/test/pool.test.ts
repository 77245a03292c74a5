/**
 * Files checked on worker threads (pool.ts): the same results, in the files' order, as the main
 * thread alone makes; a worker that cannot start, stops or cannot send a result back loses no
 * file; and the command line's output is the same bytes with workers and without.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FindingStore } from '@chitieu/engine';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Checked,
  checkFiles,
  checkForRun,
  type FileJob,
  type RunJob,
  workerCount,
} from '../src/pool.js';
import { EXAMPLES, REPO, useTempDirs } from './helpers.js';
import { builtCliExists, spawnCli } from './spawn.js';

const DIST_POOL = pathToFileURL(join(REPO, 'apps/cli/dist/pool.js')).href;
const tempDir = useTempDirs('all');

let files: FileJob[] = [];
beforeAll(async () => {
  const names = (await readdir(EXAMPLES)).sort();
  // Every example (a broken file, an old .xls and a PDF among them), six times: 102 files, so
  // that the workers, a few tenths of a second in starting, get some of them.
  files = Array.from({ length: 6 }, () => names)
    .flat()
    .map((name) => ({
      path: join(EXAMPLES, name),
      recogniseCopies: true,
    }));
});

const RUN: RunJob = { options: { locale: 'vi' } };
const COPIES: RunJob = { options: { locale: 'vi' }, copies: {} };

/**
 * The results of a run over `files`, in the order `each` got them. `each` takes its time (as a
 * slow disk would): the main thread then cannot check every file before a worker has started.
 */
async function results(run: RunJob, workers: number, module?: string, pause = 0) {
  const order: number[] = [];
  const got: Checked[] = [];
  const { onWorkers } = await checkFiles(
    files,
    run,
    workers,
    async (checked, index) => {
      order.push(index);
      got.push(checked);
      if (pause > 0) await new Promise((done) => setTimeout(done, pause));
    },
    module,
  );
  return { order, got, onWorkers };
}

async function alone(run: RunJob): Promise<Checked[]> {
  const out: Checked[] = [];
  for (const f of files) out.push(await checkForRun(f, run));
  return out;
}

/** A worker module of a test's own: `body` is runCheckWorker's. */
async function workerModule(name: string, body: string): Promise<string> {
  const path = join(await tempDir(), `${name}.mjs`);
  await writeFile(
    path,
    `import { parentPort } from 'node:worker_threads';\nexport function runCheckWorker() {\n${body}\n}\n`,
  );
  return pathToFileURL(path).href;
}

describe.runIf(builtCliExists())('checkFiles on worker threads', { timeout: 60_000 }, () => {
  it('hands every file over once, in order, with what the main thread alone makes', async () => {
    const expected = await alone(RUN);
    const { order, got, onWorkers } = await results(RUN, 2, DIST_POOL, 15);
    expect(order).toEqual(files.map((_, i) => i));
    expect(onWorkers).toBeGreaterThan(0);
    expect(onWorkers).toBeLessThan(files.length);
    expect(got).toEqual(expected);
    // Built-in sets are the main thread's own objects again: reports share them.
    const sets = got.flatMap((c) => c.report.sheets.map((s) => s.targetSet)).filter(Boolean);
    expect(sets.length).toBeGreaterThan(10);
    expect(new Set(sets).size).toBeLessThanOrEqual(3);
  });

  it('makes the same annotated copies, byte for byte', async () => {
    const expected = await alone(COPIES);
    const { got, onWorkers } = await results(COPIES, 2, DIST_POOL, 15);
    expect(onWorkers).toBeGreaterThan(0);
    const bytes = (list: Checked[]) =>
      list.map((c) =>
        c.copy && 'bytes' in c.copy ? Buffer.from(c.copy.bytes).toString('hex') : c.copy,
      );
    expect(bytes(got)).toEqual(bytes(expected));
    expect(got.filter((c) => c.copy && 'bytes' in c.copy).length).toBeGreaterThan(10);
  });

  it("brings back a unit table's findings kept in the engine's store, the same findings", async () => {
    // seed 001's online-payment rates (one row per unit): its findings are kept in a store,
    // which crosses as its data and is a store again on the main thread
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thanh toán');
    // 17,000 units: past the engine's COMPACT_FROM, so kept in a store
    const rows: (string | number)[][] = [
      ['KẾT QUẢ THANH TOÁN TRỰC TUYẾN QUÝ I/2024'],
      [],
      ['STT', 'Tên đơn vị', 'Cấp', 'Kết quả Quý I/2024'],
    ];
    for (let i = 1; i <= 17_000; i++)
      rows.push([i, i === 2 ? 'Sở Y tế' : `Sở Số ${i}`, 'Cấp tỉnh', i === 2 ? '30,8%' : '76,1%']);
    rows.forEach((r, i) => {
      ws.getRow(i + 1).values = [...r];
    });
    const path = join(await tempDir(), 'thanh-toan.xlsx');
    await writeFile(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const tables: FileJob[] = Array.from({ length: 12 }, () => ({ path, recogniseCopies: false }));
    const expected: Checked[] = [];
    for (const f of tables) expected.push(await checkForRun(f, RUN));
    const got: Checked[] = [];
    const { onWorkers } = await checkFiles(
      tables,
      RUN,
      2,
      async (checked) => {
        got.push(checked);
        await new Promise((done) => setTimeout(done, 15));
      },
      DIST_POOL,
    );
    expect(onWorkers).toBeGreaterThan(0);
    const findings = (list: Checked[]) =>
      list.map((c) => c.report.sheets.map((s) => [s.sheet, s.summary, [...s.findings]]));
    expect(findings(got)).toEqual(findings(expected));
    const sheets = got.flatMap((c) => c.report.sheets);
    expect(sheets.every((s) => s.findings instanceof FindingStore)).toBe(true);
    expect(sheets[0]?.findings.length).toBe(17_000);
    expect(sheets.at(-1)?.findings.at(1)).toMatchObject({
      code: 'below-minimum',
      cell: 'D5',
      forUnit: { name: 'Sở Y tế', level: 'so' },
    });
  });

  it('checks every file on the main thread when a worker cannot start', async () => {
    const broken = await workerModule('throws', "throw new Error('no worker today');");
    const missing = pathToFileURL(join(await tempDir(), 'missing.mjs')).href;
    const expected = await alone(RUN);
    for (const module of [broken, missing]) {
      const { order, got, onWorkers } = await results(RUN, 2, module);
      expect(onWorkers).toBe(0);
      expect(order).toEqual(files.map((_, i) => i));
      expect(got).toEqual(expected);
    }
  });

  it('checks again the files of a worker that stops in the middle', async () => {
    const stops = await workerModule(
      'stops',
      "parentPort.on('message', () => process.exit(3));\nparentPort.postMessage({ ready: true });",
    );
    const { order, got, onWorkers } = await results(RUN, 2, stops);
    expect(onWorkers).toBe(0);
    expect(order).toEqual(files.map((_, i) => i));
    expect(got).toEqual(await alone(RUN));
  });

  it('checks a file itself when a worker gives it back', async () => {
    const gives = await workerModule(
      'gives-back',
      "parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, back: true }));\nparentPort.postMessage({ ready: true });",
    );
    const { got } = await results(RUN, 1, gives);
    expect(got).toEqual(await alone(RUN));
  });
});

describe('how many workers a run starts', () => {
  it('none for a few files, CHITIEU_WORKERS when set', () => {
    expect(workerCount(5, {})).toBe(0);
    expect(workerCount(23, {})).toBe(0);
    expect(workerCount(600, { CHITIEU_WORKERS: '0' })).toBe(0);
    expect(workerCount(600, { CHITIEU_WORKERS: '2' })).toBe(2);
    // Never more workers than files after the main thread's first.
    expect(workerCount(2, { CHITIEU_WORKERS: '8' })).toBe(1);
    expect(workerCount(600, { CHITIEU_WORKERS: 'nhiều' })).toBe(0);
    expect(workerCount(600, { CHITIEU_WORKERS: '-1' })).toBe(0);
    // Two fewer than the processors, at most 3: none on a two-processor machine.
    expect(workerCount(600, {})).toBe(Math.max(0, Math.min(3, availableParallelism() - 2)));
    for (const [processors, check, annotating] of [
      [1, 0, 0],
      [2, 0, 1],
      [3, 1, 2],
      [4, 2, 3],
      [8, 3, 3],
    ] as const) {
      expect(workerCount(600, {}, { processors }), `${processors}`).toBe(check);
      // Annotating (--out): one processor fewer kept free, from 48 files
      expect(workerCount(600, {}, { processors, copies: true }), `${processors}`).toBe(annotating);
      expect(workerCount(48, {}, { processors, copies: true }), `${processors}`).toBe(annotating);
      expect(workerCount(47, {}, { processors, copies: true }), `${processors}`).toBe(check);
      expect(workerCount(23, {}, { processors, copies: true })).toBe(0);
    }
    // CHITIEU_WORKERS decides, copies or not
    expect(workerCount(600, { CHITIEU_WORKERS: '0' }, { processors: 2, copies: true })).toBe(0);
  });
});

describe.runIf(builtCliExists())(
  'the command line with workers and without',
  { timeout: 120_000 },
  () => {
    const cli = (argv: string[], workers: number) =>
      spawnCli(argv, { cwd: REPO, env: { CHITIEU_WORKERS: String(workers) } });
    /** The run's own time (JSON generatedAt, the HTML's "Lập lúc …" line) left out. */
    const noDate = (text: string) =>
      text
        .replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""')
        .replace(/Lập lúc [^<]*/g, 'Lập lúc');

    it('writes the same text, JSON and CSV', async () => {
      const input = join(await tempDir(), 'nop-quy-2');
      for (let k = 1; k <= 6; k++)
        await cp(EXAMPLES, join(input, `don-vi-${k}`), { recursive: true });
      for (const format of ['text', 'json', 'csv']) {
        const argv = ['check', input, '--format', format];
        const [one, many] = await Promise.all([cli(argv, 0), cli(argv, 2)]);
        expect(many.code).toBe(one.code);
        expect(noDate(many.stdout)).toBe(noDate(one.stdout));
        expect(many.stderr).toBe(one.stderr);
        expect(one.stdout.length).toBeGreaterThan(1000);
      }
    });

    it('writes the same --out folder: copies byte for byte, the reports', async () => {
      // The examples in six unit folders: enough files for the workers to take some.
      const input = join(await tempDir(), 'nop');
      for (let k = 1; k <= 6; k++)
        await cp(EXAMPLES, join(input, `don-vi-${k}`), { recursive: true });
      const [a, b] = [join(await tempDir(), 'one'), join(await tempDir(), 'many')];
      const [one, many] = await Promise.all([
        cli(['check', input, '--out', a], 0),
        cli(['check', input, '--out', b], 2),
      ]);
      expect(many.code).toBe(one.code);
      const names = (await readdir(a, { recursive: true })).sort();
      expect((await readdir(b, { recursive: true })).sort()).toEqual(names);
      const copies = names.filter((n) => n.endsWith('.xlsx') && n !== 'report.xlsx');
      expect(copies.length).toBeGreaterThan(60);
      for (const name of copies)
        expect((await readFile(join(b, name))).equals(await readFile(join(a, name))), name).toBe(
          true,
        );
      for (const report of ['report.json', 'report.html']) {
        const text = async (dir: string) =>
          noDate((await readFile(join(dir, report), 'utf8')).replaceAll(dir, 'OUT'));
        expect(await text(b), report).toBe(await text(a));
      }
    });
  },
);
