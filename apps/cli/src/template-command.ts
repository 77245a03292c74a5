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
import { constants } from 'node:fs';
import { link, lstat, open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { type Locale, levelName } from '@chitieu/engine';
import { writeTemplateWorkbook } from '@chitieu/xlsx';
import type { Command } from 'commander';
import { loadTargetSet } from './check-command.js';
import { templateTextFor, textFor } from './i18n.js';
import { type Io, UsageError } from './io.js';
import { OptionValueError, optionReader } from './options.js';
import { safeText } from './safe-text.js';

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

/** Whether two paths are the same file (through links too); false when either is missing. */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
    if (ra === rb) return true;
    const [sa, sb] = await Promise.all([lstat(ra), lstat(rb)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Link errors of file systems without hard links: the move falls back to a checked rename. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

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

/**
 * Writes `bytes` to `path` whole or not at all: a temporary file beside it (created anew,
 * synced), then moved into place — by a hard link that fails if `path` exists, unless `replace`,
 * then by a rename over it. The temporary file is removed whatever happens.
 */
async function writeWhole(
  path: string,
  bytes: Uint8Array,
  replace: boolean,
  failed: (code: string | undefined) => string,
): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.chitieu.tmp`,
  );
  const reason = (thrown: unknown) => (thrown as { code?: string }).code;
  try {
    const handle = await open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o644,
    );
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (replace) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (thrown) {
      const code = reason(thrown);
      if (code === 'EEXIST') throw thrown;
      if (!NO_LINKS.has(code ?? '')) throw thrown;
      // No hard links here: look once more, then rename.
      if (await lstat(path).catch(() => undefined))
        throw Object.assign(new Error(), { code: 'EEXIST' });
      await rename(temp, path);
    }
  } catch (thrown) {
    throw new UsageError(failed(reason(thrown)));
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
