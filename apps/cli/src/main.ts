/**
 * chitieu — the reviewers' command line.
 *
 *   chitieu check PATH… [--target-set ID|FILE.json] [--level so|huyen|xa] [--quarter 1-4]
 *                       [--format text|json|csv|html] [--out DIR] [--lang vi|en] [--near-miss PP]
 *                       [--include-hidden] [--notes] [--roster FILE.csv|.xlsx] [--compare PREVIOUS/report.json]
 *   chitieu targets list [--format text|json]
 *   chitieu targets show ID [--format text|json]
 *   chitieu targets validate FILE.json
 *   chitieu targets import FILE.xlsx [--sheet NAME] [--id ID] [--title TEXT] [--out FILE.json]
 *   chitieu template --target-set ID|FILE.json [--level L] [--unit NAME] [--year YYYY] --out FILE.xlsx
 *                    [--force]
 *   chitieu --version | --help
 *
 * Exit codes: 0 checked, nothing below minimum, missing or invalid; 1 checked and such findings
 * exist; 2 nothing could be checked (bad arguments, no readable workbook).
 *
 * Every word is the catalogs' (i18n.ts), commander's own included: its help headings, its
 * option and command descriptions, and its usage errors, which are worded here from commander's
 * error code in one line with a hint to --help. The language is known before commander parses
 * (`localeOf`: --lang, else CHITIEU_LANG, else Vietnamese). Everything written passes
 * `guardTerminal` (safe-text.ts).
 */
import { readFileSync } from 'node:fs';
import { getBuiltinTargetSets, type Locale } from '@chitieu/engine';
import { type Argument, Command, CommanderError, type Help, type Option } from 'commander';
import { type CheckFlags, loadTargetSet, runCheck } from './check-command.js';
import { type CliText, textFor } from './i18n.js';
import { colorsFor, defaultIo, type Io, UsageError } from './io.js';
import {
  CHECK_FORMATS,
  localeOf,
  OptionValueError,
  optionReader,
  TARGETS_FORMATS,
} from './options.js';
import { targetsList, targetsShow, unsaidCounts } from './report/targets.js';
import { guardTerminal, guardTerminalBytes, safeText, utf8Text } from './safe-text.js';
import { addTargetsImport } from './targets-import.js';
import { addTemplate } from './template-command.js';

export type { Io } from './io.js';

/** The version in package.json (one folder up from src/ and from dist/). */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** A usage error commander found: its code and English text, worded by `usageMessage`. */
class CommandLineError extends Error {
  constructor(
    readonly command: Command,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Every command of the program: commander's usage errors are thrown to `main` to be worded. */
class ChitieuCommand extends Command {
  override createCommand(name?: string): ChitieuCommand {
    return new ChitieuCommand(name);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    throw new CommandLineError(this, options?.code ?? 'commander.error', message);
  }
}

/** "chitieu targets show": a command's path, as the user types it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Commander's usage error in the catalog's words, from its code and the parts of its text. */
function usageMessage(error: CommandLineError, t: CliText): string {
  const w = t.cli.errors;
  const text = error.message;
  const quoted = (pattern: RegExp) => pattern.exec(text)?.[1];
  const suggestion = /\(Did you mean (.+)\?\)/.exec(text)?.[1];
  switch (error.code) {
    case 'commander.unknownOption':
      return w.unknownOption(quoted(/unknown option '(.*?)'/) ?? '', suggestion);
    case 'commander.unknownCommand':
      return w.unknownCommand(quoted(/unknown command '(.*?)'/) ?? '', suggestion);
    case 'commander.missingArgument': {
      const name = quoted(/missing required argument '(.*?)'/);
      const arg = error.command.registeredArguments.find((a: Argument) => a.name() === name);
      return w.missingArgument(arg?.description || `<${name ?? ''}>`);
    }
    case 'commander.optionMissingArgument': {
      const flags = quoted(/option '(.*?)' argument missing/) ?? '';
      return w.optionNeedsValue(/--[\w-]+/.exec(flags)?.[0] ?? flags);
    }
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(text);
      return w.tooManyArguments(Number(m?.[1] ?? 0), Number(m?.[2] ?? 0));
    }
    default:
      return w.badCommandLine;
  }
}

function buildProgram(io: Io, result: { code: number }, locale: Locale): Command {
  const t = textFor(locale);
  const w = t.cli;
  const program = new ChitieuCommand('chitieu');
  program
    .usage(w.usage.program)
    .description(w.description)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .configureHelp({
      // Commander's headings in the catalog's words; no "(choices: …, default: …)" appended:
      // each description says its values and default in words.
      styleTitle: (title: string) => w.headings[title] ?? title,
      subcommandTerm: (cmd: Command) => `${cmd.name()} ${cmd.usage()}`.trim(),
      optionDescription: (option: Option) => option.description,
      argumentDescription: (argument: Argument) => argument.description,
    } satisfies Partial<Help>)
    .helpOption('-h, --help', w.helpOption)
    .helpCommand(`help [${w.names.command}]`, w.helpCommand)
    .version(version(), '-V, --version', w.versionOption)
    .addHelpText('after', w.examples);

  const n = w.names;
  // --lang before the command too ("chitieu --lang en check …"); its words were known already
  // (localeOf), its value is checked here
  program
    .enablePositionalOptions()
    .option(`--lang <${n.lang}>`, w.check.lang)
    .hook('preSubcommand', (cmd: Command) => {
      const lang = (cmd.opts() as { lang?: string }).lang;
      if (lang !== undefined) optionReader('chitieu', t).lang(lang);
    });
  program
    .command('check')
    .usage(w.usage.check)
    .description(w.check.description)
    .argument(`<${n.paths}...>`, w.check.paths)
    .option(`--target-set <${n.targetSet}>`, w.check.targetSet)
    .option(`--level <${n.level}>`, w.check.level)
    .option(`--quarter <${n.quarter}>`, w.check.quarter)
    .option(`--format <${n.format}>`, w.check.format)
    .option(`--out <${n.dir}>`, w.check.out)
    .option(`--near-miss <${n.points}>`, w.check.nearMiss)
    .option('--notes', w.check.notes)
    .option('--include-hidden', w.check.includeHidden)
    .option(`--lang <${n.lang}>`, w.check.lang)
    .option(`--roster <${t.units.rosterName}>`, t.units.rosterOption)
    .option(`--compare <${t.units.compareName}>`, t.units.compareOption)
    .action(async (paths: string[], flags: RawCheckFlags) => {
      const read = optionReader('chitieu check', t);
      const checkFlags: CheckFlags = {
        ...flags,
        format: read.choice('--format', flags.format ?? 'text', CHECK_FORMATS),
        lang: flags.lang === undefined ? locale : read.lang(flags.lang),
      };
      result.code = await runCheck(paths, checkFlags, io);
    });

  const targets = program
    .command('targets')
    .usage(w.usage.targets)
    .description(w.targets.description);
  const targetsOptions = (cmd: Command) =>
    cmd
      .option(`--format <${n.format}>`, w.targets.format)
      .option(`--lang <${n.lang}>`, w.check.lang);
  const targetsFlags = (command: string, flags: { format?: string; lang?: string }) => {
    const read = optionReader(command, t);
    const lang = flags.lang === undefined ? locale : read.lang(flags.lang);
    return { format: read.choice('--format', flags.format ?? 'text', TARGETS_FORMATS), lang };
  };
  targetsOptions(targets.command('list').usage(w.usage.list).description(w.targets.list)).action(
    (flags: { format?: string; lang?: string }) => {
      const { format, lang } = targetsFlags('chitieu targets list', flags);
      io.stdout.write(targetsList(getBuiltinTargetSets(), format, textFor(lang)));
      result.code = 0;
    },
  );
  targetsOptions(
    targets
      .command('show')
      .usage(w.usage.show)
      .description(w.targets.show)
      .argument(`<${n.id}>`, w.targets.id),
  ).action(async (id: string, flags: { format?: string; lang?: string }) => {
    const { format, lang } = targetsFlags('chitieu targets show', flags);
    const set = await loadTargetSet(id, textFor(lang), io.cwd, lang);
    io.stdout.write(targetsShow(set, format, textFor(lang), lang));
    result.code = 0;
  });
  targets
    .command('validate')
    .usage(w.usage.validate)
    .description(w.targets.validate)
    .argument(`<${n.file}>`, w.targets.file)
    .option(`--lang <${n.lang}>`, w.check.lang)
    .action(async (file: string, flags: { lang?: string }) => {
      const read = optionReader('chitieu targets validate', t);
      const lang = flags.lang === undefined ? locale : read.lang(flags.lang);
      // a bad file is a UsageError naming every bad field: exit 2
      const set = await loadTargetSet(file, textFor(lang), io.cwd, lang);
      const levels = set.levels.map((l) => l.id).join(', ');
      const valid = textFor(lang).cli.valid(file, set.id, set.indicators.length, levels);
      // what the set leaves unsaid (numbers inferred, levels by default): valid, but told
      const { inferred, defaults } = unsaidCounts(set);
      const unsaid = textFor(lang).targets.unsaid(inferred, defaults);
      io.stdout.write(`${safeText(unsaid === '' ? valid : `${valid} (${unsaid})`)}\n`);
      result.code = 0;
    });
  addTargetsImport(targets, io, result, locale, w.check.lang, n.lang);
  addTemplate(program, io, result, locale, w.check.lang, n.lang);
  return program;
}

/** The options of `check` as commander gives them: strings, read by options.ts. */
type RawCheckFlags = Omit<CheckFlags, 'format' | 'lang'> & { format?: string; lang?: string };

/** The streams of `io`, each write through `guardTerminal`. */
function guarded(io: Io): Io {
  const wrap = <S extends Io['stdout'] | Io['stderr']>(stream: S): S => {
    const on = { colours: colorsFor(stream, io.env).isColorSupported, tty: stream.isTTY === true };
    const s = stream as S & {
      columns?: number;
      once?: (event: string, listener: () => void) => unknown;
      writeBytes?: (bytes: Uint8Array) => unknown;
    };
    const once = s.once;
    const writeBytes = s.writeBytes;
    return {
      write: (text: string) => s.write(guardTerminal(text, on)),
      // bytes pass as they are only when the stream takes bytes and nothing in them is rewritten
      writeBytes: (bytes: Uint8Array) => {
        const safe = guardTerminalBytes(bytes, on);
        if (typeof safe === 'string') return s.write(safe);
        return writeBytes !== undefined ? writeBytes.call(s, safe) : s.write(utf8Text(safe));
      },
      get isTTY() {
        return s.isTTY;
      },
      get columns() {
        return s.columns;
      },
      ...(typeof once === 'function'
        ? { once: (event: string, listener: () => void) => once.call(s, event, listener) }
        : {}),
    } as S;
  };
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], given: Io = defaultIo()): Promise<number> {
  const io = guarded(given);
  const result = { code: 2 };
  const locale = localeOf(argv, io.env);
  const t = textFor(locale);
  const err = colorsFor(io.stderr, io.env);
  const program = buildProgram(io, result, locale);
  const usage = (message: string, command: string) => {
    // one line (whatever the user typed in it made safe), then the hint
    io.stderr.write(`${err.red(`chitieu: ${safeText(message, { mode: 'reveal' })}`)}\n`);
    io.stderr.write(`${t.cli.seeHelp(command)}\n`);
    return 2;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommandLineError)
      return usage(usageMessage(error, t), commandPath(error.command));
    if (error instanceof OptionValueError) return usage(error.message, error.command);
    if (error instanceof CommanderError) {
      // Help and version exit 0; help shown for a command given no subcommand exits 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      const message = safeText(error.message, { mode: 'reveal', lineBreaks: true });
      io.stderr.write(`${err.red(`chitieu: ${message}`)}\n`);
      return 2;
    }
    // Anything else is a bug: say so plainly, without a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${err.red(`chitieu: ${t.run.unexpected(safeText(message))}`)}\n`);
    if (io.env.CHITIEU_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${safeText(error.stack, { lineBreaks: true })}\n`);
    return 2;
  }
}
