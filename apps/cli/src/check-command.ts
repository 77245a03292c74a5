/** `chitieu check`: the options, the run over every input, the output set under --out. */
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
import { annotateFile } from './annotate.js';
import { collectInputs } from './files.js';
import { type CliText, textFor } from './i18n.js';
import { colorsFor, type Io, UsageError } from './io.js';
import { csvReport } from './report/csv.js';
import { htmlReport } from './report/html.js';
import { jsonReport } from './report/json.js';
import { textReport } from './report/text.js';
import { checkFile, type FileReport, hasProblems } from './run-check.js';

export async function loadTargetSet(value: string, t: CliText, cwd: string): Promise<TargetSet> {
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

export interface CheckFlags {
  targetSet?: string;
  level?: string;
  quarter?: string;
  format: 'text' | 'json' | 'csv' | 'html';
  out?: string;
  lang: Locale;
  nearMiss?: string;
}

export async function runCheck(paths: string[], flags: CheckFlags, io: Io): Promise<number> {
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
