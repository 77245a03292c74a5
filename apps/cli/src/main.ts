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
import { getBuiltinTargetSets, type Locale } from '@chitieu/engine';
import { Command, CommanderError, Option } from 'commander';
import { type CheckFlags, loadTargetSet, runCheck } from './check-command.js';
import { textFor } from './i18n.js';
import { colorsFor, defaultIo, type Io, UsageError } from './io.js';
import { targetsList, targetsShow } from './report/targets.js';

export type { Io } from './io.js';

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
