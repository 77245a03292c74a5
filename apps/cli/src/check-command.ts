/** `chitieu check`: the options, the run over every input, the output set under --out. */
import { constants, createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import {
  BUILTIN_TARGET_SET_IDS,
  describeTargetSetProblem,
  formatTargetSetError,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
  type Locale,
  MAX_TARGET_SET_FILE_BYTES,
  parseTargetSetJson,
  type TargetSet,
  type TargetSetProblem,
} from '@chitieu/engine';
import cliProgress from 'cli-progress';
import { loadPrevious } from './compare.js';
import { collectInputs, type Skipped } from './files.js';
import { type CliText, textFor } from './i18n.js';
import { colorsFor, type Io, UsageError } from './io.js';
import { optionReader } from './options.js';
import { LOCK_NAME, OutputFault, OutputSet } from './output.js';
import { type Checked, checkFiles, workerCount } from './pool.js';
import {
  type ConsolidateOptions,
  consolidateFiles,
  consolidateForText,
  slimSubmissions,
} from './report/consolidated.js';
import { writeCsvReport } from './report/csv.js';
import { writeHtmlReport } from './report/html.js';
import { type JsonReportMeta, writeJsonReport } from './report/json.js';
import { consolidatedText, textChunks, textReport } from './report/text.js';
import { setsOf } from './report/units.js';
import { xlsxReport } from './report/xlsx.js';
import { loadRoster } from './roster.js';
import { type CheckRunOptions, type FileReport, hasProblems } from './run-check.js';
import { safeName, safeText, utf8Text, wholeCharacters } from './safe-text.js';

/**
 * A built-in target set by id, or a user's .json file: its size checked before it is read (a
 * target set is a few KB; MAX_TARGET_SET_FILE_BYTES is 2 MiB), only a regular file opened, and
 * every bad field told with its line and column, in the user's language. A file may not reuse a
 * built-in id for other content.
 */
export async function loadTargetSet(
  value: string,
  t: CliText,
  cwd: string,
  locale: Locale = 'vi',
): Promise<TargetSet> {
  if (value.toLowerCase().endsWith('.json')) {
    const path = resolve(cwd, value);
    const refuse = (problem: TargetSetProblem): never => {
      const message = describeTargetSetProblem(problem, locale);
      const issue = { path: '', message, problem };
      throw new UsageError(
        `${t.badTargetSetFile(value)}\n${formatTargetSetError({ source: value, issues: [issue] })}`,
      );
    };
    let text: string;
    // Opened without blocking (a FIFO would wait for a writer), then what was opened is looked
    // at: so a file swapped after a look cannot slip through.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(
      (thrown: unknown) => thrown as Error,
    );
    try {
      if (handle instanceof Error) throw handle;
      const info = await handle.stat();
      if (!info.isFile())
        throw new UsageError(
          t.unreadableFile(
            value,
            info.isDirectory() ? t.run.errno('EISDIR') : t.run.skip.notRegular,
          ),
        );
      if (info.size > MAX_TARGET_SET_FILE_BYTES)
        refuse({ kind: 'too-large', size: info.size, limit: MAX_TARGET_SET_FILE_BYTES });
      text = await handle.readFile('utf8');
    } catch (thrown) {
      if (thrown instanceof UsageError) throw thrown;
      const code = (thrown as { code?: string }).code;
      throw new UsageError(
        code === 'ENOENT' ? t.notFound(value) : t.unreadableFile(value, t.run.errno(code)),
      );
    } finally {
      if (!(handle instanceof Error)) await handle.close();
    }
    const parsed = parseTargetSetJson(text, {
      source: value,
      locale,
      builtin: getBuiltinTargetSet,
    });
    if (!parsed.success)
      throw new UsageError(`${t.badTargetSetFile(value)}\n${formatTargetSetError(parsed.error)}`);
    return parsed.data;
  }
  const set = getBuiltinTargetSet(value);
  if (!set) throw new UsageError(t.unknownTargetSet(value, BUILTIN_TARGET_SET_IDS.join(', ')));
  return set;
}

export interface CheckFlags {
  targetSet?: string;
  level?: string;
  quarter?: string;
  format: 'text' | 'json' | 'csv' | 'html';
  out?: string;
  lang: Locale;
  nearMiss?: string;
  /** Check hidden and very hidden sheets too (labelled hidden); by default they are skipped. */
  includeHidden?: boolean;
  /** The roster of units that should submit (CSV or .xlsx): roster.ts. */
  roster?: string;
  /** A previous run's report.json (or its folder): compare.ts. */
  compare?: string;
  /** A note on each marked cell of the annotated copies, with its reason in words. */
  notes?: boolean;
}

export async function runCheck(paths: string[], given: CheckFlags, io: Io): Promise<number> {
  const locale = given.lang;
  const t = textFor(locale);
  const targetSet = given.targetSet
    ? await loadTargetSet(given.targetSet, t, io.cwd, locale)
    : undefined;
  // Option values as a person types them ("--quarter II", "--level sở"): options.ts.
  const read = optionReader('chitieu check', t);
  const flags: CheckFlags = {
    ...given,
    ...(given.level === undefined
      ? {}
      : { level: read.level(given.level, targetSet ? [targetSet] : getBuiltinTargetSets()) }),
  };
  const quarter = given.quarter === undefined ? undefined : read.quarter(given.quarter);
  const nearMissBand = given.nearMiss === undefined ? undefined : read.nearMiss(given.nearMiss);
  // The roster and the previous report are read before anything is checked: a bad one is told at once.
  const across: ConsolidateOptions = {
    ...(given.roster === undefined
      ? {}
      : {
          roster: await loadRoster(
            given.roster,
            io.cwd,
            targetSet ? [targetSet] : getBuiltinTargetSets(),
            t,
            locale,
          ),
        }),
    ...(given.compare === undefined
      ? {}
      : { previous: await loadPrevious(given.compare, io.cwd, t) }),
  };

  // The --out folder is made before anything is checked, so a bad one is told at once.
  const outDir = flags.out ? resolve(io.cwd, flags.out) : undefined;
  if (outDir !== undefined) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (thrown) {
      const code = (thrown as { code?: string }).code;
      const reason =
        code === 'EEXIST' || code === 'ENOTDIR' ? t.isAFile : t.run.errno(code ?? String(thrown));
      throw new UsageError(t.badOutDir(flags.out as string, reason));
    }
  }

  const options: CheckRunOptions = {
    ...(targetSet ? { targetSet } : {}),
    ...(flags.level ? { level: flags.level } : {}),
    ...(quarter ? { quarter } : {}),
    ...(nearMissBand !== undefined ? { nearMissBand } : {}),
    ...(flags.includeHidden ? { includeHidden: true } : {}),
    locale,
  };
  const meta = {
    locale,
    options: {
      targetSet: targetSet?.id ?? null,
      level: flags.level ?? null,
      quarter: quarter ?? null,
      nearMissBand: nearMissBand ?? 0,
      includeHidden: flags.includeHidden === true,
      ...(given.roster !== undefined ? { roster: given.roster } : {}),
      ...(given.compare !== undefined ? { compare: given.compare } : {}),
    },
  };
  return checkAll(
    paths,
    {
      outDir,
      format: flags.format,
      targetSet,
      options,
      meta,
      across,
      ...(flags.notes ? { notes: true } : {}),
    },
    io,
  );
}

interface RunSetup {
  readonly outDir: string | undefined;
  readonly format: CheckFlags['format'];
  readonly targetSet: TargetSet | undefined;
  readonly options: CheckRunOptions;
  readonly meta: Pick<JsonReportMeta, 'locale' | 'options'>;
  /** The roster and previous report the run across files is told against. */
  readonly across?: ConsolidateOptions;
  /** Notes on the marked cells of the annotated copies (--notes). */
  readonly notes?: boolean;
}

/** The writes waiting for a stream to drain, and which of its listeners are on it. */
interface DrainWait {
  readonly listening: Set<string>;
  waiting: (() => void)[];
}
const drainWaits = new WeakMap<object, DrainWait>();
/** Annotated copies that may wait to be written while the next files are checked. */
const COPIES_AHEAD = 4;
/** The pieces a file of the output set is copied to stdout in. */
const COPY_OUT_PIECE = 1024 * 1024;
const DRAIN_EVENTS = ['drain', 'error', 'close'];

/**
 * Writes text to a stream, waiting when it asks to (a pipe that is full) until it drains, fails
 * or closes. A stream has at most one listener for each of these at a time, shared by every wait
 * (a new three per full write piled up on a slow pipe: a listener-leak warning).
 */
async function writeOut(stream: Io['stdout'], text: string | Uint8Array): Promise<void> {
  const ok =
    typeof text === 'string'
      ? stream.write(text)
      : stream.writeBytes !== undefined
        ? stream.writeBytes(text)
        : stream.write(utf8Text(text));
  const s = stream as { once?: (event: string, listener: () => void) => unknown };
  if (ok !== false || typeof s.once !== 'function') return;
  let wait = drainWaits.get(s);
  if (wait === undefined) {
    wait = { listening: new Set(), waiting: [] };
    drainWaits.set(s, wait);
  }
  const w = wait;
  await new Promise<void>((done) => {
    w.waiting.push(done);
    for (const event of DRAIN_EVENTS) {
      if (w.listening.has(event)) continue;
      w.listening.add(event);
      s.once?.(event, () => {
        w.listening.delete(event);
        const settled = w.waiting;
        w.waiting = [];
        for (const go of settled) go();
      });
    }
  });
}

/**
 * The run: every input checked and its copy written one after the other (each file's bytes and
 * engine state are dropped once its copy is written), the reports, the output set moved into
 * --out. An unexpected failure in one file or sheet is that file's or sheet's error; a fault of
 * the output (--out not writable, a full disk) stops the run with exit 2 and leaves --out as it
 * was; SIGINT and SIGTERM too (exit 130, 143).
 */
async function checkAll(paths: string[], setup: RunSetup, io: Io): Promise<number> {
  const { outDir, options } = setup;
  const locale = options.locale;
  const t = textFor(locale);
  const err = colorsFor(io.stderr, io.env);
  const shown = (p: string) => {
    const rel = relative(io.cwd, p);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel;
  };
  const say = (text: string) => io.stderr.write(`${text}\n`);
  const fault = (f: OutputFault): number => {
    const path = shown(f.path);
    const reason = t.run.errno(f.code);
    say(
      err.red(
        `chitieu: ${
          f.kind === 'locked'
            ? t.run.outLocked(path, f.pid ?? '?', shown(join(f.path, LOCK_NAME)))
            : f.kind === 'not-writable'
              ? t.run.outNotWritable(path, reason)
              : f.kind === 'commit'
                ? t.run.commitFailed(path, reason)
                : t.run.writeFailed(path, reason)
        }`,
      ),
    );
    return 2;
  };

  let out: OutputSet | undefined;
  if (outDir !== undefined) {
    try {
      out = await OutputSet.open(outDir);
    } catch (thrown) {
      if (thrown instanceof OutputFault) return fault(thrown);
      throw thrown;
    }
    if (out.staleLockOf !== undefined) say(err.yellow(t.run.staleLock(String(out.staleLockOf))));
  }

  // SIGINT/SIGTERM: the temporary folder and the lock go, --out stays as it was. While the set
  // is being moved into place (renames only), the signal waits for the move to end.
  let bar: cliProgress.SingleBar | undefined;
  let committing = false;
  let committed = false;
  let pending: NodeJS.Signals | undefined;
  const exitFor = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);
  const onSignal = (signal: NodeJS.Signals) => {
    if (committing) {
      pending = signal;
      return;
    }
    bar?.stop();
    out?.releaseSync();
    say(err.yellow(t.run.interrupted(signal, out !== undefined && !committed)));
    process.exit(exitFor(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await checkInputs(paths, setup, io, out, {
      t,
      err,
      shown,
      say,
      progress: (b) => {
        bar = b;
      },
      commit: async (inputs) => {
        committing = true;
        try {
          await out?.commit(inputs);
          committed = true;
        } finally {
          committing = false;
        }
        if (pending) {
          say(err.yellow(t.run.interrupted(pending, false)));
          return exitFor(pending);
        }
        return undefined;
      },
    });
  } catch (thrown) {
    bar?.stop();
    if (thrown instanceof OutputFault) return fault(thrown);
    throw thrown;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await out?.close();
  }
}

interface RunHelpers {
  readonly t: CliText;
  readonly err: ReturnType<typeof colorsFor>;
  readonly shown: (path: string) => string;
  readonly say: (text: string) => void;
  readonly progress: (bar: cliProgress.SingleBar | undefined) => void;
  /** Moves the output set into --out; an exit code when a signal came meanwhile. */
  readonly commit: (inputs: ReadonlySet<string>) => Promise<number | undefined>;
}

async function checkInputs(
  paths: string[],
  setup: RunSetup,
  io: Io,
  out: OutputSet | undefined,
  h: RunHelpers,
): Promise<number> {
  const { t, err, shown, say } = h;
  const { outDir, options, targetSet } = setup;
  const locale = options.locale;
  const inputs = await collectInputs(
    paths.map((p) => resolve(io.cwd, p)),
    out ? { outFolder: out.id } : {},
  );
  for (const m of inputs.missing) say(err.red(t.notFound(safeName(shown(m)))));
  const skipReason = (s: Skipped): string => {
    const r = t.run.skip;
    switch (s.reason) {
      case 'lock-file':
        return t.lockFile;
      case 'old-xls':
        return t.oldXls;
      case 'not-xlsx':
        return t.notXlsx;
      case 'own-report':
        return r.ownReport;
      case 'out-folder':
        return r.outFolder;
      case 'unreadable-folder':
        return r.unreadableFolder(t.run.errno(s.detail));
      case 'unreadable':
        return r.unreadable(t.run.errno(s.detail));
      case 'fifo':
        return r.fifo;
      case 'device':
        return r.device;
      case 'socket':
        return r.socket;
      case 'not-regular':
        return r.notRegular;
      case 'broken-link':
        return r.brokenLink;
      case 'link-loop':
        return r.linkLoop;
      case 'same-file':
        return r.sameFile(shown(s.detail ?? ''));
      case 'same-folder':
        return r.sameFolder(shown(s.detail ?? ''));
    }
  };
  // Skipped entries in the order the walk met them (own copies are known once opened).
  const skippedAt: { at: number; path: string; reason: string }[] = inputs.skipped.map((s) => ({
    at: inputs.order.get(s.path) ?? 0,
    path: shown(s.path),
    reason: skipReason(s),
  }));

  const targetSets = new Map<string, TargetSet>(getBuiltinTargetSets().map((s) => [s.id, s]));
  if (targetSet) targetSets.set(targetSet.id, targetSet);
  // The sets the reports name sets, levels and indicators from: the built-in ones, the one
  // given, and those the workbooks store (added as they are met). A copy is worded with its own
  // workbook's sets first (pool.ts, checkForRun).
  const knowSets = (report: FileReport) => {
    for (const s of report.sheets)
      if (s.targetSet && !targetSets.has(s.targetSet.id))
        targetSets.set(s.targetSet.id, s.targetSet);
  };
  const bar =
    inputs.files.length > 3 && io.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            format: `${t.progress} {bar} {value}/{total} {file}`,
            stream: io.stderr as NodeJS.WritableStream,
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  h.progress(bar);
  bar?.start(inputs.files.length, 0, { file: '' });

  // The text report without --out is written file by file, as each is checked: a run holds no
  // file's findings then (only the counts below), whatever the number of files. It waits for
  // the end while the progress bar is drawn on the terminal that shows stdout too (then each
  // file's text is held, not its findings). Every other report needs every file's findings:
  // report.html groups units by target set and indicator, and the JSON and CSV reports, as
  // under --out, are made after the run (their first lines say when). With --out the text
  // report too waits for the output set to be in place.
  const colors = colorsFor(io.stdout, io.env);
  const textOptions = { colors, width: io.stdout.columns ?? 100, t, locale, targetSets };
  const textNow = setup.format === 'text' && out === undefined;
  const textHeld: string[] | undefined =
    textNow && bar !== undefined && io.stdout.isTTY ? [] : undefined;
  let textSections = 0;
  const reports: FileReport[] = [];
  // The text report written file by file keeps no findings: the run across files (superseded
  // copies, the roster, the change) is made from what each file's submissions need of them.
  const slimmed: ReturnType<typeof slimSubmissions> = [];
  const slimSets: ReturnType<typeof setsOf> = new Map();
  const run = { files: 0, sheets: 0, hidden: 0, failed: 0, checked: false, problems: false };
  const needs: string[] = [];
  const warnings: string[] = [];
  /**
   * The annotated copies being written, one after the other in the files' order, while the next
   * files are checked: a copy's writing (a name free below --out, a folder, the file) is a few
   * round trips to the disk, which the run otherwise waited for with nothing to do (600 copies:
   * some 0.7 s). At most COPIES_AHEAD wait: the next file is taken once the oldest of them is
   * written (waiting for all of them left a 600-workbook run on one thread idle for 0.95 of its
   * 5.2 s; 0.4 s now). A write that fails stops the run at the next file (the chain rejects, and
   * no later copy is written), and every copy is written before a report is.
   */
  let copying: Promise<void> = Promise.resolve();
  /** The copies waiting to be written, oldest first: each one's write, settled. */
  const copiesWaiting: Promise<void>[] = [];
  let copyFailed = false;
  const copyLater = (write: () => Promise<void>): void => {
    copying = copying.then(write);
    const written = copying.then(
      () => {},
      () => {},
    );
    copiesWaiting.push(written);
    written.then(() => copiesWaiting.shift());
    // the fault is thrown where the chain is awaited (the next file, or before the reports)
    copying.catch(() => {
      copyFailed = true;
    });
  };
  /**
   * One file as checked (on this thread or a worker, `checkFiles`): its copy handed to be
   * written, its report kept (undefined for an own copy). Nothing of the file but the slim
   * report (no bytes, engine checks or mark plans) reaches here.
   */
  const finish = async (path: string, checked: Checked): Promise<FileReport | undefined> => {
    // a copy that could not be written stops the run here, as its own write would have
    if (copyFailed) await copying;
    if (checked.report.ownCopy) {
      skippedAt.push({
        at: inputs.order.get(path) ?? 0,
        path: shown(path),
        reason: t.run.skip.ownCopy,
      });
      return undefined;
    }
    const report: FileReport = { ...checked.report, file: shown(path) };
    knowSets(report);
    const link = inputs.links.get(path);
    if (link !== undefined) report.symlink = shown(link);
    const outcome = checked.copy;
    if (out && outDir !== undefined && outcome) {
      if ('bytes' in outcome) {
        const rel = inputs.relative.get(path) ?? basename(path);
        const bytes = outcome.bytes;
        copyLater(async () => {
          const name = await out.nameFor(rel, inputs.met);
          await out.write(name, bytes);
          report.annotated = shown(join(outDir, name));
        });
        if (copiesWaiting.length >= COPIES_AHEAD) {
          await copiesWaiting[0];
          if (copyFailed) await copying;
        }
      } else {
        report.annotationError = outcome.error;
        warnings.push(t.run.copyNotMade(safeName(report.file), safeText(outcome.error)));
      }
    }
    return report;
  };
  const jobs = inputs.files.map((path) => ({ path, recogniseCopies: inputs.inFolder.has(path) }));
  const runJob = {
    options,
    ...(out ? { copies: setup.notes ? { notes: true } : {} } : {}),
  };
  const workers = workerCount(jobs.length, io.env, { copies: runJob.copies !== undefined });
  await checkFiles(jobs, runJob, workers, async (checked, i) => {
    const path = inputs.files[i] as string;
    bar?.update(i, { file: safeName(shown(path)) });
    const kept = await finish(path, checked);
    if (kept === undefined) return;
    run.files++;
    for (const s of kept.sheets) {
      if (s.status === 'skipped') run.hidden++;
      else run.sheets++;
    }
    if (kept.error) run.failed++;
    else if (kept.sheets.some((s) => s.status === 'checked')) run.checked = true;
    if (hasProblems(kept)) run.problems = true;
    for (const s of kept.sheets)
      for (const need of s.needs)
        needs.push(`${safeName(kept.file)}: ${t.needs(safeName(s.sheet), t.needOption[need])}`);
    if (textNow) {
      // textReport joins the files' lines with line breaks: one between two files' texts.
      const between = textSections++ === 0 ? '' : '\n';
      if (textHeld) textHeld.push(`${between}${textReport([kept], textOptions)}`);
      else {
        // in pieces as they are made (a sheet of a million findings is never one string), the
        // line break between two files' texts with the first (one write less per file)
        let before = between;
        for (const piece of textChunks([kept], textOptions)) {
          await writeOut(io.stdout, before + piece);
          before = '';
        }
        if (before !== '') await writeOut(io.stdout, before);
      }
      slimmed.push(...slimSubmissions(kept, setup.across?.previous !== undefined));
      for (const [id, set] of setsOf([kept])) if (!slimSets.has(id)) slimSets.set(id, set);
    } else reports.push(kept);
  });
  await copying;
  const skipped = skippedAt
    .sort((a, b) => a.at - b.at)
    .map(({ path, reason }) => ({ path, reason }));
  bar?.update(inputs.files.length, { file: '' });
  bar?.stop();
  h.progress(undefined);
  for (const w of warnings) say(err.yellow(w));

  // The reports, each made once: under --out and on stdout they are the same text.
  const generatedAt = io.now?.() ?? new Date();
  const consolidated = textNow
    ? consolidateForText(slimmed, slimSets, setup.across)
    : consolidateFiles(reports, setup.across);
  const meta: JsonReportMeta = {
    generatedAt: generatedAt.toISOString(),
    ...setup.meta,
    skipped,
    consolidated,
  };
  const htmlOptions = { t, locale, generatedAt, targetSets, skipped, matrix: consolidated.matrix };
  let jsonFile: string | undefined;
  let htmlFile: string | undefined;
  if (out && outDir !== undefined) {
    htmlFile = await out.writeStream('report.html', (write) =>
      writeHtmlReport(reports, htmlOptions, write),
    );
    jsonFile = await out.writeStream('report.json', (write) =>
      writeJsonReport(reports, meta, write),
    );
    const xlsxFile = await out.write(
      'report.xlsx',
      xlsxReport(reports, {
        t,
        locale,
        matrix: consolidated.matrix,
        ...(consolidated.roster !== undefined ? { rosterMatch: consolidated.roster } : {}),
      }),
    );
    const stopped = await h.commit(inputs.met);
    if (stopped !== undefined) return stopped;
    say(`${t.wrote(shown(htmlFile))}\n${t.wrote(shown(jsonFile))}\n${t.wrote(shown(xlsxFile))}`);
  }

  const toStdout = (text: string) => writeOut(io.stdout, text);
  switch (setup.format) {
    case 'json':
      // Under --out, the very bytes of report.json.
      if (jsonFile !== undefined) await copyOut(jsonFile, io);
      else await writeJsonReport(reports, meta, toStdout);
      break;
    case 'csv':
      await writeCsvReport(reports, meta.locale, toStdout, { skipped });
      break;
    case 'html':
      if (htmlFile !== undefined) await copyOut(htmlFile, io);
      else await writeHtmlReport(reports, htmlOptions, toStdout);
      break;
    default: {
      if (textNow) {
        for (const text of textHeld ?? []) await writeOut(io.stdout, text);
        await writeOut(io.stdout, '\n');
      } else await writeOut(io.stdout, `${textReport(reports, textOptions)}\n`);
      const across = consolidatedText(consolidated, textOptions);
      if (across !== '') await writeOut(io.stdout, `${across}\n`);
      for (const s of skipped)
        io.stdout.write(`${colors.dim(t.skippedFile(safeName(s.path), safeText(s.reason)))}\n`);
      io.stdout.write(
        `${t.totals(run.files, run.sheets, run.failed, skipped.length, run.hidden)}\n`,
      );
    }
  }

  for (const need of needs) say(err.yellow(need));
  if (run.hidden > 0) say(err.yellow(t.hiddenSkipped(run.hidden)));
  if (!run.checked) {
    say(err.red(t.nothingToCheck));
    return 2;
  }
  return run.problems ? 1 : 0;
}

/**
 * A file of the output set on stdout, as it is: read in pieces of whole characters and written
 * as bytes (stdout's guard passes them as they are unless something in them is to be rewritten:
 * no text is made of a report that needs none). A piece never ends inside a character nor
 * between a carriage return and what follows it, so it is guarded as the whole text would be.
 */
export async function copyOut(path: string, io: Io, piece = COPY_OUT_PIECE): Promise<void> {
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: piece })) {
    const bytes = rest === undefined ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
    let whole = wholeCharacters(bytes);
    if (whole > 0 && bytes[whole - 1] === 0x0d) whole--;
    rest = whole < bytes.length ? bytes.subarray(whole) : undefined;
    if (whole > 0) await writeOut(io.stdout, bytes.subarray(0, whole));
  }
  // a file that ends inside a character: its last bytes as the text decoder reads them
  if (rest !== undefined) await writeOut(io.stdout, rest.toString('utf8'));
}
