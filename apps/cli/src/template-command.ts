/**
 * `chitieu template --target-set ID|FILE.json [--level L] [--unit NAME] [--year YYYY] --out FILE.xlsx
 * [--force]`: the empty annex the office sends to units — the add-in's "Chèn mẫu phụ lục" sheet
 * (the engine's `annexTemplate`) in a new workbook, with the target set stored in it
 * (`@chitieu/xlsx` `writeTemplateWorkbook`), so that `check` uses it and tells when it was altered.
 *
 * The file is written whole or not at all: into a temporary file beside --out, then moved into
 * place. An existing --out is never replaced without --force (the move is then a hard link,
 * which fails if a file appeared meanwhile, rather than a rename, which would replace it), and
 * never when it is the target-set file given. A folder is never replaced.
 */
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Locale, levelName } from '@chitieu/engine';
import { writeTemplateWorkbook } from '@chitieu/xlsx';
import type { Command } from 'commander';
import { loadTargetSet } from './check-command.js';
import { templateTextFor, textFor } from './i18n.js';
import { type Io, UsageError } from './io.js';
import { OptionValueError, optionReader } from './options.js';
import { safeText } from './safe-text.js';
import { sameFile, writeWhole } from './write-file.js';

export interface TemplateFlags {
  readonly targetSet?: string;
  readonly level?: string;
  readonly unit?: string;
  readonly year?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly lang: Locale;
}

const COMMAND = 'chitieu template';

/** Registers `template` on the program. */
export function addTemplate(
  program: Command,
  io: Io,
  result: { code: number },
  locale: Locale,
  langOption: string,
  langName: string,
): void {
  const w = templateTextFor(locale);
  const n = w.names;
  program
    .command('template')
    .usage(w.usage)
    .description(w.description)
    .option(`--target-set <${n.targetSet}>`, w.options.targetSet)
    .option(`--level <${n.level}>`, w.options.level)
    .option(`--unit <${n.unit}>`, w.options.unit)
    .option(`--year <${n.year}>`, w.options.year)
    .option(`--out <${n.out}>`, w.options.out)
    .option('--force', w.options.force)
    .option(`--lang <${langName}>`, langOption)
    .action(async (flags: Omit<TemplateFlags, 'lang'> & { lang?: string }) => {
      const read = optionReader(COMMAND, textFor(locale));
      const lang = flags.lang === undefined ? locale : read.lang(flags.lang);
      result.code = await runTemplate({ ...flags, lang }, io);
    });
}

export async function runTemplate(flags: TemplateFlags, io: Io): Promise<number> {
  const locale = flags.lang;
  const t = textFor(locale);
  const w = templateTextFor(locale);
  if (flags.targetSet === undefined || flags.targetSet.trim() === '')
    throw new OptionValueError(w.needsTargetSet, COMMAND);
  if (flags.out === undefined || flags.out.trim() === '')
    throw new OptionValueError(w.needsOut, COMMAND);
  if (!flags.out.toLowerCase().endsWith('.xlsx'))
    throw new OptionValueError(w.notXlsx(flags.out), COMMAND);

  const set = await loadTargetSet(flags.targetSet, t, io.cwd, locale);
  const read = optionReader(COMMAND, t);
  const level = flags.level === undefined ? undefined : read.level(flags.level, [set]);
  if (flags.year !== undefined && flags.year.trim() !== String(set.year))
    throw new UsageError(w.wrongYear(flags.year.trim(), set.id, set.year));

  const out = resolve(io.cwd, flags.out);
  const existing = await lstat(out).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(w.outIsFolder(flags.out));
  if (
    flags.targetSet.toLowerCase().endsWith('.json') &&
    (await sameFile(out, resolve(io.cwd, flags.targetSet)))
  )
    throw new UsageError(w.outIsTargetSet(flags.out));
  if (existing && !flags.force) throw new UsageError(w.outExists(flags.out));

  const unitName = flags.unit?.trim() ? flags.unit.trim() : undefined;
  const template = writeTemplateWorkbook(set, {
    ...(level ? { level } : {}),
    ...(unitName ? { unitName } : {}),
  });
  if (template.indicators === 0)
    throw new UsageError(w.noTargetsForLevel(set.id, levelName(set, level ?? '', locale)));

  const shown = flags.out;
  await writeWhole(out, template.bytes, flags.force === true, (code) =>
    code === 'EEXIST' ? w.outExists(shown) : w.writeFailed(shown, t.run.errno(code)),
  );
  io.stdout.write(
    `${safeText(
      w.wrote(
        flags.out,
        set.id,
        template.indicators,
        level ? levelName(set, level, locale) : undefined,
        template.fingerprint,
      ),
    )}\n`,
  );
  return 0;
}
