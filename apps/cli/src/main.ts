/**
 * chitieu — the reviewers' command line.
 *
 *   chitieu check PATH… [--target-set ID|FILE.json] [--level so|huyen|xa] [--quarter 1-4]
 *                       [--format text|json|csv|html] [--out DIR] [--lang vi|en] [--near-miss PP]
 *   chitieu targets list [--format text|json]
 *   chitieu targets show ID [--format text|json]
 *
 * Exit codes: 0 checked, nothing below minimum, missing or invalid; 1 checked and such findings
 * exist; 2 nothing could be checked (bad arguments, no readable workbook).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  BUILTIN_TARGET_SET_IDS,
  formatTargetSetError,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
  type Locale,
  parseTargetSetJson,
  type Quarter,
  type TargetSet,
} from '@chitieu/engine';
import cliProgress from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { annotateFile } from './annotate.js';
import { collectInputs } from './files.js';
import { type CliText, textFor } from './i18n.js';
import { csvReport } from './report/csv.js';
import { htmlReport } from './report/html.js';
import { jsonReport } from './report/json.js';
import { targetsList, targetsShow } from './report/targets.js';
import { textReport } from './report/text.js';
import { checkFile, type FileReport, hasProblems } from './run-check.js';

export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** For reports: when they were made (tests fix it). */
  readonly now?: () => Date;
}

const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

class UsageError extends Error {}

function colorsFor(stream: Io['stdout'], env: Io['env']) {
  const enabled = stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

async function loadTargetSet(value: string, t: CliText, cwd: string): Promise<TargetSet> {
  if (value.toLowerCase().endsWith('.json')) {
    const path = resolve(cwd, value);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new UsageError(t.notFound(value));
    }
    const parsed = parseTargetSetJson(text, value);
    if (!parsed.success)
      throw new UsageError(`${t.badTargetSetFile(value)}\n${formatTargetSetError(parsed.error)}`);
    return parsed.data;
  }
  const set = getBuiltinTargetSet(value);
  if (!set) throw new UsageError(t.unknownTargetSet(value, BUILTIN_TARGET_SET_IDS.join(', ')));
  return set;
}

async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

interface CheckFlags {
  targetSet?: string;
  level?: string;
  quarter?: string;
  format: 'text' | 'json' | 'csv' | 'html';
  out?: string;
  lang: Locale;
  nearMiss?: string;
}

async function runCheck(paths: string[], flags: CheckFlags, io: Io): Promise<number> {
  const locale = flags.lang;
  const t = textFor(locale);
  const err = colorsFor(io.stderr, io.env);
  const targetSet = flags.targetSet ? await loadTargetSet(flags.targetSet, t, io.cwd) : undefined;
  const levels = new Set(
    (targetSet ? [targetSet] : getBuiltinTargetSets()).flatMap((s) => s.levels.map((l) => l.id)),
  );
  if (flags.level !== undefined && !levels.has(flags.level)) {
    throw new UsageError(t.badOption('--level', flags.level, [...levels].join('|')));
  }
  let quarter: Quarter | undefined;
  if (flags.quarter !== undefined) {
    if (!/^[1-4]$/.test(flags.quarter))
      throw new UsageError(t.badOption('--quarter', flags.quarter, '1-4'));
    quarter = Number(flags.quarter) as Quarter;
  }
  let nearMissBand: number | undefined;
  if (flags.nearMiss !== undefined) {
    nearMissBand = Number(flags.nearMiss.replace(',', '.'));
    if (!Number.isFinite(nearMissBand) || nearMissBand < 0 || nearMissBand > 100) {
      throw new UsageError(t.badOption('--near-miss', flags.nearMiss, '0-100'));
    }
  }

  // The --out folder is made before anything is checked, so a bad one is told at once.
  const outDir = flags.out ? resolve(io.cwd, flags.out) : undefined;
  if (outDir !== undefined) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (thrown) {
      const code = (thrown as { code?: string }).code;
      const reason = code === 'EEXIST' || code === 'ENOTDIR' ? t.isAFile : (code ?? String(thrown));
      throw new UsageError(t.badOutDir(flags.out as string, reason));
    }
  }

  const inputs = await collectInputs(paths.map((p) => resolve(io.cwd, p)));
  const shown = (p: string) => {
    const rel = relative(io.cwd, p);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel;
  };
  for (const m of inputs.missing) io.stderr.write(`${err.red(t.notFound(shown(m)))}\n`);
  const skipped = inputs.skipped.map((s) => ({
    path: shown(s.path),
    reason: s.reason === 'lock-file' ? t.lockFile : s.reason === 'old-xls' ? t.oldXls : t.notXlsx,
  }));

  const options = {
    ...(targetSet ? { targetSet } : {}),
    ...(flags.level ? { level: flags.level } : {}),
    ...(quarter ? { quarter } : {}),
    ...(nearMissBand !== undefined ? { nearMissBand } : {}),
    locale,
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
  bar?.start(inputs.files.length, 0, { file: '' });
  const reports: FileReport[] = [];
  for (const path of inputs.files) {
    bar?.update(reports.length, { file: shown(path) });
    const report = await checkFile(path, options);
    reports.push({ ...report, file: shown(path) });
  }
  bar?.update(reports.length, { file: '' });
  bar?.stop();

  // Annotated copies and the report files, under --out.
  const generatedAt = io.now?.() ?? new Date();
  const targetSets = new Map<string, TargetSet>(getBuiltinTargetSets().map((s) => [s.id, s]));
  if (targetSet) targetSets.set(targetSet.id, targetSet);
  const meta = {
    generatedAt: generatedAt.toISOString(),
    locale,
    options: {
      targetSet: targetSet?.id ?? null,
      level: flags.level ?? null,
      quarter: quarter ?? null,
      nearMissBand: nearMissBand ?? 0,
    },
    skipped,
  };
  // The HTML and JSON reports, each made once: under --out and on stdout they are the same text.
  let html: string | undefined;
  let json: string | undefined;
  const htmlText = () =>
    (html ??= htmlReport(reports, { t, locale, generatedAt, targetSets, skipped }));
  const jsonText = () => (json ??= `${JSON.stringify(jsonReport(reports, meta), null, 2)}\n`);
  if (outDir !== undefined) {
    const inputsSet = new Set(inputs.files.map((f) => resolve(f)));
    const taken = new Set<string>();
    const annotateOptions = { locale, targetSets: [...targetSets.values()] };
    for (const [i, report] of reports.entries()) {
      if (report.error || !report.bytes) continue;
      // The copy mirrors the file's place below the folder given; never over an input.
      const source = inputs.files[i] as string;
      const rel = (inputs.relative.get(source) ?? basename(source)).replace(/\.xlsx$/i, '');
      let target = join(outDir, `${rel}.xlsx`);
      for (let n = 2; inputsSet.has(resolve(target)) || taken.has(target); n++)
        target = join(outDir, `${rel}-kiem-tra${n > 2 ? `-${n - 1}` : ''}.xlsx`);
      taken.add(target);
      await mkdir(dirname(target), { recursive: true });
      const outcome = annotateFile(report, annotateOptions);
      if (outcome && 'bytes' in outcome) {
        await writeAtomically(target, outcome.bytes);
        report.annotated = shown(target);
      } else if (outcome) {
        io.stderr.write(`${err.yellow(`${report.file}: ${outcome.error}`)}\n`);
      }
    }
    const htmlPath = join(outDir, 'report.html');
    const jsonPath = join(outDir, 'report.json');
    await writeAtomically(htmlPath, htmlText());
    await writeAtomically(jsonPath, jsonText());
    io.stderr.write(`${t.wrote(shown(htmlPath))}\n${t.wrote(shown(jsonPath))}\n`);
  }

  switch (flags.format) {
    case 'json':
      io.stdout.write(jsonText());
      break;
    case 'csv':
      io.stdout.write(csvReport(reports));
      break;
    case 'html':
      io.stdout.write(htmlText());
      break;
    default: {
      const colors = colorsFor(io.stdout, io.env);
      io.stdout.write(
        `${textReport(reports, { colors, width: io.stdout.columns ?? 100, t, locale, targetSets })}\n`,
      );
      for (const s of skipped) io.stdout.write(`${colors.dim(t.skippedFile(s.path, s.reason))}\n`);
      const sheets = reports.reduce((n, r) => n + r.sheets.length, 0);
      const failed = reports.filter((r) => r.error).length;
      io.stdout.write(`${t.totals(reports.length, sheets, failed, skipped.length)}\n`);
    }
  }

  for (const r of reports) {
    for (const s of r.sheets)
      for (const need of s.needs)
        io.stderr.write(`${err.yellow(`${r.file}: ${t.needs(s.sheet, t.needOption[need])}`)}\n`);
  }
  const checked = reports.filter((r) => !r.error && r.sheets.some((s) => s.status === 'checked'));
  if (checked.length === 0) {
    io.stderr.write(`${err.red(t.nothingToCheck)}\n`);
    return 2;
  }
  return reports.some(hasProblems) ? 1 : 0;
}

function buildProgram(io: Io, result: { code: number }): Command {
  const program = new Command('chitieu')
    .description(
      'Kiểm tra chỉ tiêu cải cách thủ tục hành chính trong các tệp phụ lục Excel (.xlsx)',
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const defaultLang = io.env.CHITIEU_LANG === 'en' ? 'en' : 'vi';
  const lang = new Option('--lang <lang>', 'ngôn ngữ / language: vi, en')
    .choices(['vi', 'en'])
    .default(defaultLang);

  program
    .command('check')
    .description('kiểm tra các tệp .xlsx và thư mục (đệ quy)')
    .argument('<paths...>', 'tệp .xlsx hoặc thư mục')
    .option('--target-set <id>', 'bộ chỉ tiêu: mã có sẵn (chitieu targets list) hoặc tệp .json')
    .option('--level <level>', 'cấp của đơn vị: so, huyen, xa')
    .option('--quarter <n>', 'kiểm tra đến quý: 1-4')
    .addOption(
      new Option('--format <format>', 'định dạng kết quả')
        .choices(['text', 'json', 'csv', 'html'])
        .default('text'),
    )
    .option('--out <dir>', 'thư mục ghi bản sao có đánh dấu, report.html và report.json')
    .option('--near-miss <pp>', 'ngưỡng "sát" (điểm phần trăm) dưới mức tối thiểu')
    .addOption(lang)
    .action(async (paths: string[], flags: CheckFlags) => {
      result.code = await runCheck(paths, flags, io);
    });

  const targets = program.command('targets').description('các bộ chỉ tiêu có sẵn');
  targets
    .command('list')
    .description('liệt kê các bộ chỉ tiêu')
    .addOption(new Option('--format <format>').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>').choices(['vi', 'en']).default(defaultLang))
    .action((flags: { format: 'text' | 'json'; lang: Locale }) => {
      io.stdout.write(targetsList(getBuiltinTargetSets(), flags.format, textFor(flags.lang)));
      result.code = 0;
    });
  targets
    .command('show')
    .description('chỉ tiêu, các cấp, chỉ tiêu năm và lộ trình tối thiểu theo quý của một bộ')
    .argument('<id>', 'mã bộ chỉ tiêu hoặc tệp .json')
    .addOption(new Option('--format <format>').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>').choices(['vi', 'en']).default(defaultLang))
    .action(async (id: string, flags: { format: 'text' | 'json'; lang: Locale }) => {
      const set = await loadTargetSet(id, textFor(flags.lang), io.cwd);
      io.stdout.write(targetsShow(set, flags.format, textFor(flags.lang), flags.lang));
      result.code = 0;
    });
  return program;
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  const result = { code: 2 };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors have already been printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    const err = colorsFor(io.stderr, io.env);
    if (error instanceof UsageError) {
      io.stderr.write(`${err.red(`chitieu: ${error.message}`)}\n`);
      return 2;
    }
    // Anything else is a bug: say so plainly, without a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${err.red(`chitieu: lỗi không mong đợi / unexpected error: ${message}`)}\n`);
    if (io.env.CHITIEU_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
