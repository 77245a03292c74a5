/**
 * The files of a run checked on several threads. A check of a folder is one workbook after
 * another, each of them a few milliseconds of work that shares nothing with the next: with more
 * than one processor, worker threads check (and, under --out, annotate) some of the files while
 * the main thread checks others and writes every report in the files' order. What a worker sends
 * back is exactly what the main thread would have made of the file itself (`checkForRun`): the
 * slim report and the annotated copy's bytes, so the output of a run is the same bytes however
 * many threads made it (a test compares them).
 *
 * A worker is started only for a run of many files (MIN_FILES), two fewer than the processors
 * (at most MAX_WORKERS); CHITIEU_WORKERS=N sets the number (0: none). Two fewer: a check on one
 * thread already keeps a second processor busy with V8's optimising compiler and its garbage
 * collector. On two processors a worker made a 600-workbook check 6% faster for 37% more CPU
 * and 45 MB more memory, so there a check runs on its main thread alone. A run that annotates
 * its files (--out) does three to four times the work per file, most of it on its own threads
 * (reading, deflating, writing), and from MIN_FILES_COPIES files takes one worker more: on two
 * processors one worker made 600 workbooks with --out 20–25% faster (4.1–4.9 → 3.3–3.8 s, 150 →
 * 235 MB), 150 of them 12–15%, 60 about 10%; 30 not at all. A worker that fails to
 * start or stops gives its files back to the main thread, which checks them itself: a run never
 * loses a file to a thread.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  BUILTIN_TARGET_SET_IDS,
  FindingStore,
  type FindingStoreData,
  getBuiltinTargetSet,
  type TargetSet,
} from '@chitieu/engine';
import { type AnnotateOutcome, annotateFile } from './annotate.js';
import { workerThreads } from './builtins.js';
import { textFor } from './i18n.js';
import {
  type CheckRunOptions,
  checkFile,
  describeThrown,
  type FileReport,
  type SheetReport,
  slim,
} from './run-check.js';

/** What a run asks of one file. */
export interface FileJob {
  readonly path: string;
  /** Found in a folder: an annotated copy this tool wrote is recognised and not checked. */
  readonly recogniseCopies: boolean;
}

/** What the run's files share: the check's options and whether copies are made (--out). */
export interface RunJob {
  readonly options: CheckRunOptions;
  /** Make each file's annotated copy (--out), with notes on marked cells (--notes). */
  readonly copies?: { readonly notes?: boolean };
}

/** A file checked for the run: its slim report and, under --out, its copy or why none was made. */
export interface Checked {
  readonly report: FileReport;
  readonly copy?: AnnotateOutcome;
}

/**
 * One file checked, and annotated when the run makes copies: what the main thread and the
 * workers both do with a file. Whatever fails unexpectedly is the file's error line (or its
 * copy's), never the run's. The copy names sets, levels and indicators from the file's own sets
 * first, then the set given, then the built-in ones.
 */
export async function checkForRun(file: FileJob, run: RunJob): Promise<Checked> {
  const t = textFor(run.options.locale);
  let report: FileReport;
  try {
    report = await checkFile(file.path, {
      ...run.options,
      recogniseCopies: file.recogniseCopies,
      forCopy: run.copies !== undefined,
    });
  } catch (thrown) {
    report = {
      file: file.path,
      error: { code: 'unexpected', message: t.run.unexpected(describeThrown(thrown)) },
      sheets: [],
      skippedSheets: [],
    };
  }
  if (report.ownCopy || run.copies === undefined || !report.bytes) return { report: slim(report) };
  let copy: AnnotateOutcome;
  try {
    copy = annotateFile(report, {
      locale: run.options.locale,
      targetSets: setsForCopy(report, run.options.targetSet),
      ...(run.copies.notes ? { notes: true } : {}),
    });
  } catch (thrown) {
    copy = { error: t.run.unexpected(describeThrown(thrown)) };
  }
  return { report: slim(report), ...(copy !== undefined ? { copy } : {}) };
}

/** The sets a file's copy is worded with: its sheets' own, the set given, the built-in ones. */
function setsForCopy(report: FileReport, given: TargetSet | undefined): TargetSet[] {
  const sets = new Map<string, TargetSet>();
  for (const s of report.sheets)
    if (s.targetSet && !sets.has(s.targetSet.id)) sets.set(s.targetSet.id, s.targetSet);
  if (given && !sets.has(given.id)) sets.set(given.id, given);
  for (const id of BUILTIN_TARGET_SET_IDS) {
    const set = getBuiltinTargetSet(id);
    if (set && !sets.has(id)) sets.set(id, set);
  }
  return [...sets.values()];
}

// ---------------------------------------------------------------------------------------------
// What crosses between threads. A report names the target set of each sheet; a built-in set or
// the set given crosses as its id and is the main thread's own object again on arrival (reports
// share their sets, as a run on one thread does); a set the workbook stores crosses whole.

type WireSheet = Omit<SheetReport, 'targetSet' | 'findings'> & {
  readonly targetSet?: TargetSet;
  readonly sharedSet?: string;
  /** Findings the engine keeps in a store cross as its data (a class does not cross). */
  readonly findings: SheetReport['findings'] | { readonly store: FindingStoreData };
};
interface WireChecked {
  readonly id: number;
  readonly report: Omit<FileReport, 'sheets'> & { readonly sheets: readonly WireSheet[] };
  readonly copy?: AnnotateOutcome;
}

function toWire(id: number, checked: Checked, given: TargetSet | undefined): WireChecked {
  const sheets = checked.report.sheets.map((sheet): WireSheet => {
    const s: WireSheet =
      sheet.findings instanceof FindingStore
        ? { ...sheet, findings: { store: sheet.findings.toData() } }
        : sheet;
    const set = s.targetSet;
    if (set === undefined) return s;
    const shared = set === given || isBuiltin(set);
    if (!shared) return s;
    const { targetSet: _set, ...rest } = s;
    return { ...rest, sharedSet: set.id };
  });
  return { id, report: { ...checked.report, sheets }, ...copyOf(checked) };
}

function copyOf(checked: Checked): { copy?: AnnotateOutcome } {
  if (checked.copy === undefined) return {};
  if ('bytes' in checked.copy) return { copy: { bytes: checked.copy.bytes } };
  // An xlsx error's words are already in the copy's error; its object stays on the thread.
  return { copy: { error: checked.copy.error } };
}

function isBuiltin(set: TargetSet): boolean {
  return getBuiltinTargetSet(set.id) === set;
}

function fromWire(wire: WireChecked, given: TargetSet | undefined): Checked {
  const sheets = wire.report.sheets.map((sheet): SheetReport => {
    const s =
      'store' in sheet.findings
        ? { ...sheet, findings: FindingStore.fromData(sheet.findings.store) }
        : (sheet as WireSheet & SheetReport);
    if (s.sharedSet === undefined) return s as SheetReport;
    const { sharedSet, ...rest } = s;
    const set = given?.id === sharedSet ? given : getBuiltinTargetSet(sharedSet);
    return { ...rest, targetSet: set } as SheetReport;
  });
  return {
    report: { ...wire.report, sheets },
    ...(wire.copy !== undefined ? { copy: wire.copy } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The worker's side.

interface WorkerData {
  readonly chitieuCheckWorker: true;
  readonly run: RunJob;
}

/**
 * The loop of a worker thread: each file the main thread sends is checked in turn and sent back.
 * Exported by the module the worker loads (the CLI's bundle, or dist/pool.js): workerCode.
 */
export function runCheckWorker(): void {
  const { isMainThread, parentPort, workerData } = workerThreads();
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  const data = workerData as WorkerData;
  let queue = Promise.resolve();
  port.on('message', (message: { id: number; file: FileJob }) => {
    queue = queue.then(async () => {
      try {
        const checked = await checkForRun(message.file, data.run);
        const wire = toWire(message.id, checked, data.run.options.targetSet);
        const bytes = wire.copy && 'bytes' in wire.copy ? wire.copy.bytes : undefined;
        // A copy's own buffer moves to the main thread; a view into a larger one is copied.
        const whole =
          bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        port.postMessage(wire, whole ? [bytes.buffer as ArrayBuffer] : []);
      } catch {
        // Anything that cannot cross (or fails outside the check's own guards): the main
        // thread checks the file itself.
        port.postMessage({ id: message.id, back: true });
      }
    });
  });
  port.postMessage({ ready: true });
}

// ---------------------------------------------------------------------------------------------
// The main thread's side.

/** Fewer files than this are checked on the main thread alone: a worker's start costs more. */
export const MIN_FILES = 24;
export const MAX_WORKERS = 3;
/** Files sent to a worker ahead of its results, so that it never waits for the main thread. */
const AHEAD = 3;

/** A run that annotates its files (--out) takes one worker more from this many files. */
export const MIN_FILES_COPIES = 48;

/** What decides how many workers a run starts, beside its files and CHITIEU_WORKERS. */
export interface WorkerCountOptions {
  /** The run annotates its files (--out). */
  readonly copies?: boolean;
  /** The processors there are (default: `availableParallelism()`). */
  readonly processors?: number;
}

/** How many workers a run of `files` files starts (CHITIEU_WORKERS=N: N, 0 for none). */
export function workerCount(
  files: number,
  env: Readonly<Record<string, string | undefined>>,
  options: WorkerCountOptions = {},
): number {
  const asked = env.CHITIEU_WORKERS?.trim();
  if (asked !== undefined && asked !== '') {
    const n = Number(asked);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 16, Math.max(0, files - 1)) : 0;
  }
  if (files < MIN_FILES) return 0;
  const processors = options.processors ?? availableParallelism();
  const spare = options.copies === true && files >= MIN_FILES_COPIES ? 1 : 2;
  return Math.max(0, Math.min(MAX_WORKERS, processors - spare));
}

/**
 * The module a worker loads: this one, as the command line runs it (the bundle or dist/pool.js).
 * Undefined where a worker cannot load it (TypeScript sources under a test runner).
 */
function workerModule(): string | undefined {
  const url = import.meta.url;
  return /\.[cm]?js$/.test(url) ? url : undefined;
}

/**
 * What a worker runs: the bundle through its loader, with the code cache made for a check's
 * flags (bin/load-bundle.js), or an ES module that exports runCheckWorker.
 */
function workerCode(module: string): string {
  if (/\/dist\/chitieu\.cjs$/.test(module)) {
    const loader = new URL('../bin/load-bundle.js', module).href;
    return `import(${JSON.stringify(loader)}).then((m) => m.loadBundle('check').runCheckWorker())`;
  }
  return `import(${JSON.stringify(module)}).then((m) => m.runCheckWorker())`;
}

/** A turn of the event loop: the workers' messages are taken in between two files. */
const turn = () => new Promise<void>((done) => setImmediate(done));

/**
 * Checks the files of a run on the main thread and `workers` worker threads, and hands each
 * result to `each` in the files' order (awaited before the next). Returns, when every file has
 * been handed over and the workers are stopped, how many files the workers checked.
 */
export async function checkFiles(
  files: readonly FileJob[],
  run: RunJob,
  workers: number,
  each: (checked: Checked, index: number) => Promise<void>,
  /** The module the workers load (tests: the built dist/pool.js, or one that fails). */
  module: string | undefined = workerModule(),
): Promise<{ readonly onWorkers: number }> {
  const results = new Map<number, Checked>();
  let onWorkers = 0;
  let next = 0;
  let wake: (() => void) | undefined;
  const pool =
    workers > 0
      ? startWorkers(module, workers, run, files, {
          take: () => (next < files.length ? next++ : undefined),
          arrived: (index, checked) => {
            onWorkers++;
            results.set(index, checked);
            wake?.();
          },
          changed: () => wake?.(),
        })
      : undefined;
  const here = async (index: number) => {
    results.set(index, await checkForRun(files[index] as FileJob, run));
    if (pool) await turn();
  };
  try {
    for (let i = 0; i < files.length; i++) {
      while (!results.has(i)) {
        if (i >= next) {
          // Not taken yet (all before it are): this thread's.
          next = i + 1;
          await here(i);
        } else if (!pool?.has(i)) {
          // Taken by a worker that gave it back.
          await here(i);
        } else if (next < files.length) {
          // With a worker: meanwhile this thread checks the next file not taken.
          await here(next++);
        } else {
          await new Promise<void>((done) => {
            wake = done;
          });
          wake = undefined;
        }
      }
      const checked = results.get(i) as Checked;
      results.delete(i);
      await each(checked, i);
    }
  } finally {
    await pool?.stop();
  }
  return { onWorkers };
}

interface Pool {
  /** Is file `index` with a worker (sent, not back yet)? */
  has(index: number): boolean;
  stop(): Promise<void>;
}

interface PoolEvents {
  /** The next file not taken yet, taken; undefined when none is left. */
  take(): number | undefined;
  arrived(index: number, checked: Checked): void;
  /** A worker gave files back (it stopped, or a result could not cross). */
  changed(): void;
}

interface Thread {
  readonly worker: Worker;
  readonly inFlight: Set<number>;
  alive: boolean;
}

function startWorkers(
  module: string | undefined,
  count: number,
  run: RunJob,
  files: readonly FileJob[],
  events: PoolEvents,
): Pool | undefined {
  if (module === undefined) return undefined;
  const given = run.options.targetSet;
  const withWorker = new Set<number>();
  const threads: Thread[] = [];
  const feed = (thread: Thread) => {
    while (thread.alive && thread.inFlight.size < AHEAD) {
      const index = events.take();
      if (index === undefined) return;
      thread.inFlight.add(index);
      withWorker.add(index);
      thread.worker.postMessage({ id: index, file: files[index] });
    }
  };
  const back = (thread: Thread, index: number) => {
    thread.inFlight.delete(index);
    withWorker.delete(index);
  };
  const stopped = (thread: Thread) => {
    if (!thread.alive) return;
    thread.alive = false;
    for (const index of thread.inFlight) withWorker.delete(index);
    thread.inFlight.clear();
    events.changed();
  };
  const code = workerCode(module);
  for (let k = 0; k < count; k++) {
    let worker: Worker;
    try {
      worker = new (workerThreads().Worker)(code, {
        eval: true,
        workerData: { chitieuCheckWorker: true, run } satisfies WorkerData,
        stdout: true,
        stderr: true,
      });
    } catch {
      continue;
    }
    // A worker writes nothing of its own; whatever it would is not the run's output.
    worker.stdout.resume();
    worker.stderr.resume();
    const thread: Thread = { worker, inFlight: new Set(), alive: true };
    threads.push(thread);
    worker.on('message', (message: WireChecked | { ready: true } | { id: number; back: true }) => {
      if ('ready' in message) return feed(thread);
      back(thread, message.id);
      if ('back' in message) events.changed();
      else events.arrived(message.id, fromWire(message, given));
      feed(thread);
    });
    worker.on('error', () => stopped(thread));
    worker.on('exit', () => stopped(thread));
  }
  if (threads.length === 0) return undefined;
  return {
    has: (index) => withWorker.has(index),
    async stop() {
      await Promise.all(
        threads.map((thread) => {
          thread.alive = false;
          return thread.worker.terminate();
        }),
      );
    },
  };
}
