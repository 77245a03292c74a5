/**
 * `chitieu targets import FILE.xlsx [--sheet NAME] [--id ID] [--title TEXT] [--out FILE.json]`:
 * the province's official annex read into a target set by the engine (`importTargetSet`). The
 * set goes to stdout or to --out (written whole or not at all: a temporary file renamed over
 * it, never over the input); the review of every row read and the warnings go to stderr.
 */
import { resolve } from 'node:path';
import {
  COMPARATORS,
  describeImportError,
  describeImportWarning,
  formatInUnit,
  type ImportedTargetSet,
  type ImportReviewRow,
  importTargetSet,
  type Locale,
  levelName,
  normalizeText,
  QUARTERS,
  quarterName,
  type ReviewValue,
} from '@chitieu/engine';
import { readWorkbookFile, type SheetData } from '@chitieu/xlsx';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { describeReadError, type ImportText, importTextFor, textFor } from './i18n.js';
import { type Io, UsageError } from './io.js';
import { optionReader } from './options.js';
import { safeText } from './safe-text.js';
import { sameFile, writeWhole } from './write-file.js';

export interface ImportFlags {
  readonly sheet?: string;
  readonly id?: string;
  readonly title?: string;
  readonly out?: string;
  readonly lang: Locale;
}

const plain = { style: { head: [], border: [] } };

function shown(v: ReviewValue | null, row: ImportReviewRow, locale: Locale): string {
  if (v === null) return '–';
  const sign = v.comparator ? COMPARATORS[v.comparator].sign : '';
  return `${sign}${formatInUnit(v.value, row.unit, locale)}`;
}

/** The comparator as the document writes it, or its word and "default" when it does not. */
function comparatorText(row: ImportReviewRow, w: ImportText, locale: Locale): string {
  const word = COMPARATORS[row.comparator].words[locale];
  if (row.written === undefined) return `${word} (${w.byDefault})`;
  return locale === 'vi' ? row.written : `${word} ("${row.written}")`;
}

/** The review: one line per target row read, as the set will hold it. */
export function reviewTable(imported: ImportedTargetSet, w: ImportText, locale: Locale): string {
  const roadmap = imported.rows.some((r) => r.quarterly.length > 0);
  const head = [
    w.columns.row,
    w.columns.stt,
    w.columns.shortName,
    w.columns.levels,
    w.columns.annual,
    ...(roadmap ? QUARTERS.map((q) => quarterName(q, locale)) : []),
    w.columns.comparator,
  ];
  const table = new Table({
    head,
    ...plain,
    colWidths: [6, 6, 32, 22, 10, ...(roadmap ? [9, 9, 9, 9] : []), 18],
    wordWrap: true,
  });
  let last = '';
  for (const row of imported.rows) {
    const key = `${row.section}\u0000${row.indicatorId}`;
    const first = key !== last;
    last = key;
    // Levels by their names in the set read ("UBND cấp xã"), agencies as written.
    const who = [
      ...row.levels.map((id) => levelName(imported.set, id, locale)),
      ...row.agencies,
    ].join(', ');
    table.push([
      String(row.row),
      first ? safeText(row.stt) : '',
      first ? safeText(row.shortName) : '',
      safeText(who),
      shown(row.annual, row, locale),
      ...(roadmap ? row.quarterly.map((q) => shown(q, row, locale)) : []),
      safeText(comparatorText(row, w, locale)),
    ]);
  }
  return `${table.toString()}\n`;
}

/** The sheet to read: the one named, else the only one that is an annex. */
function chooseSheet(
  file: string,
  sheets: readonly SheetData[],
  flags: ImportFlags,
  w: ImportText,
): SheetData {
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  if (flags.sheet !== undefined) {
    const wanted = flags.sheet;
    const sheet =
      sheets.find((s) => s.name === wanted) ??
      sheets.find((s) => normalizeText(s.name) === normalizeText(wanted));
    if (!sheet) throw new UsageError(w.noSuchSheet(file, wanted, names));
    return sheet;
  }
  const visible = sheets.filter((s) => s.state === 'visible');
  const annexes = visible.filter((s) => {
    const r = importTargetSet(s.grid, importOptions(flags));
    return r.success || r.error.code !== 'not-an-annex';
  });
  const only = annexes[0];
  if (annexes.length === 1 && only) return only;
  if (annexes.length > 1)
    throw new UsageError(w.severalSheets(file, annexes.map((s) => `"${s.name}"`).join(', ')));
  // No annex: a workbook of one sheet says why that sheet is not one.
  const one = visible.length === 1 ? visible[0] : undefined;
  if (one) {
    const r = importTargetSet(one.grid, importOptions(flags));
    if (!r.success)
      throw new UsageError(w.inSheet(file, one.name, describeImportError(r.error, flags.lang)));
  }
  throw new UsageError(w.noAnnexSheet(file));
}

function importOptions(flags: ImportFlags): { id?: string; title?: string } {
  return {
    ...(flags.id === undefined ? {} : { id: flags.id }),
    ...(flags.title === undefined ? {} : { title: flags.title }),
  };
}

export async function runTargetsImport(file: string, flags: ImportFlags, io: Io): Promise<number> {
  const locale = flags.lang;
  const w = importTextFor(locale);
  const path = resolve(io.cwd, file);
  const outPath = flags.out === undefined ? undefined : resolve(io.cwd, flags.out);
  if (outPath !== undefined && (outPath === path || (await sameFile(outPath, path))))
    throw new UsageError(w.outIsInput(flags.out as string));
  const read = await readWorkbookFile(path);
  if (!read.success) throw new UsageError(describeReadError({ ...read.error, file }, locale));
  const sheet = chooseSheet(file, read.data.sheets, flags, w);
  const result = importTargetSet(sheet.grid, importOptions(flags));
  if (!result.success)
    throw new UsageError(w.inSheet(file, sheet.name, describeImportError(result.error, locale)));
  const imported = result.data;
  const { set } = imported;

  const err: string[] = [
    reviewTable(imported, w, locale),
    `${safeText(w.read(file, sheet.name, set.indicators.length, imported.rows.length, set.id, set.title))}\n`,
  ];
  if (imported.warnings.length > 0) {
    err.push(`${w.warnings(imported.warnings.length)}\n`);
    for (const warning of imported.warnings)
      err.push(`  ${safeText(describeImportWarning(warning, locale))}\n`);
  }
  const json = `${JSON.stringify(set, null, 2)}\n`;
  if (outPath !== undefined) {
    await writeWhole(outPath, json, true, (code) =>
      w.writeFailed(flags.out as string, textFor(locale).run.errno(code)),
    );
    err.push(`${safeText(w.wrote(flags.out as string))}\n`);
    io.stderr.write(err.join(''));
  } else {
    io.stderr.write(err.join(''));
    io.stdout.write(json);
  }
  return 0;
}

/** Registers `targets import` beside `targets validate`. */
export function addTargetsImport(
  targets: Command,
  io: Io,
  result: { code: number },
  locale: Locale,
  langOption: string,
  langName: string,
): void {
  const w = importTextFor(locale);
  targets
    .command('import')
    .usage(w.usage)
    .description(w.description)
    .argument(`<${w.names.workbook}>`, w.options.workbook)
    .option(`--sheet <${w.names.sheet}>`, w.options.sheet)
    .option(`--id <${w.names.id}>`, w.options.id)
    .option(`--title <${w.names.title}>`, w.options.title)
    .option(`--out <${w.names.out}>`, w.options.out)
    .option(`--lang <${langName}>`, langOption)
    .action(
      async (
        file: string,
        flags: { sheet?: string; id?: string; title?: string; out?: string; lang?: string },
      ) => {
        const reader = optionReader('chitieu targets import', textFor(locale));
        const lang = flags.lang === undefined ? locale : reader.lang(flags.lang);
        result.code = await runTargetsImport(file, { ...flags, lang }, io);
      },
    );
}
