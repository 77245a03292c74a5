/**
 * The command line speaks the user's language (issue 10, item 10): commander's own help and
 * usage errors go through the catalogs, Vietnamese by default and English with --lang en or
 * CHITIEU_LANG=en (known before commander words the error); a usage error is one line and a hint
 * to --help, never the whole help; --version; --quarter and --level as a person types them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBuiltinTargetSets } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { localeOf, parseLevel, parseNearMiss, parseQuarter } from '../src/options.js';
import { EXAMPLES_REL, REPO, run, runJson } from './helpers.js';

const EX = EXAMPLES_REL;
const ONE = `${EX}/so-tu-phap.xlsx`;
const VERSION = (
  JSON.parse(readFileSync(join(REPO, 'apps/cli/package.json'), 'utf8')) as { version: string }
).version;

/**
 * English words a Vietnamese screen must not have, once what is not a word of either language is
 * taken out: option flags, command names, the values an option takes, file names.
 */
const ENGLISH =
  /\b(usage|options?|commands?|arguments?|display|error|unknown|missing|required|choices|default|expected|version|mean|many|invalid|allowed|see|output|the|for|and|number|of|is|not|got)\b/i;
function englishIn(text: string): string | undefined {
  const words = text
    .replace(/--?[\w-]+/g, ' ')
    .replace(/\b(chitieu|check|targets|list|show|help)\b/g, ' ')
    .replace(/\S+\.(xlsx|json|html|xls)\b/g, ' ')
    .replace(/\b(text|json|csv|html|vi|en|so|huyen|xa|CHITIEU_LANG)\b/g, ' ');
  return ENGLISH.exec(words)?.[0];
}

const HELP_SCREENS: readonly (readonly string[])[] = [
  ['--help'],
  ['-h'],
  ['help'],
  ['check', '--help'],
  ['help', 'check'],
  ['targets', '--help'],
  ['targets', 'list', '--help'],
  ['targets', 'show', '--help'],
  ['targets', 'validate', '--help'],
];

describe('help', () => {
  it.each(HELP_SCREENS)('chitieu %s %s %s: Vietnamese, with no English word', async (...argv) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Cách dùng: chitieu /);
    expect(result.stdout).toContain('Tùy chọn:');
    expect(result.stdout).toContain('-h, --help');
    expect(englishIn(result.stdout)).toBeUndefined();
  });

  it('names the headings, the options and their values in Vietnamese', async () => {
    const program = await run(['--help']);
    expect(program.stdout).toContain('Cách dùng: chitieu [tùy chọn] [lệnh]');
    expect(program.stdout).toMatch(/Lệnh:\n {2}check \[tùy chọn\] <đường-dẫn\.\.\.> +kiểm tra/);
    expect(program.stdout).toMatch(/ {2}help \[lệnh\] +xem hướng dẫn của một lệnh/);
    expect(program.stdout).toMatch(/-V, --version +xem số phiên bản/);
    expect(program.stdout).toMatch(/-h, --help +xem hướng dẫn này/);
    const check = await run(['check', '--help']);
    expect(check.stdout).toContain('Cách dùng: chitieu check [tùy chọn] <đường-dẫn...>');
    expect(check.stdout).toMatch(/Tham số:\n {2}đường-dẫn +tệp \.xlsx hoặc thư mục/);
    expect(check.stdout).toMatch(/--level <cấp> +cấp của đơn vị: sở, huyện, xã/);
    expect(check.stdout).toMatch(/--format <định-dạng> +định dạng kết quả: text, json, csv, html;/);
    // commander's "(choices: …, default: …)" is not appended
    expect(check.stdout).not.toMatch(/choices|default:/);
  });

  it('is English with --lang en or CHITIEU_LANG=en', async () => {
    for (const result of [
      await run(['check', '--help', '--lang', 'en']),
      await run(['check', '--help'], { env: { CHITIEU_LANG: 'en' } }),
    ]) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: chitieu check [options] <paths...>');
      expect(result.stdout).toMatch(/Arguments:\n {2}paths +\.xlsx files or folders/);
      expect(result.stdout).toMatch(/Options:\n {2}--target-set <id-or-file\.json> +target set:/);
      expect(result.stdout).toMatch(/-h, --help +show this help/);
      expect(result.stdout).not.toMatch(/Cách dùng|Tùy chọn|đường-dẫn/);
    }
    const program = await run(['--help', '--lang=en']);
    expect(program.stdout).toMatch(/Commands:\n {2}check \[options\] <paths\.\.\.>/);
    expect(program.stdout).toMatch(/ {2}help \[command\] +show the help of a command/);
  });

  it('chitieu or chitieu targets alone shows the help on stderr and exits 2', async () => {
    for (const argv of [[], ['targets']]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Cách dùng: chitieu /);
      expect(englishIn(result.stderr)).toBeUndefined();
    }
  });
});

describe('--version', () => {
  it.each([['--version'], ['-V']])(
    '%s prints the version of package.json and exits 0',
    async (flag) => {
      const result = await run([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
      expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    },
  );
});

// [argv, Vietnamese, English]: each one line and the hint, exit 2, nothing on stdout.
const USAGE_ERRORS: readonly [string, readonly string[], string, string][] = [
  [
    'an unknown option',
    ['check', EX, '--frob'],
    'chitieu: không có tùy chọn "--frob"\nXem chitieu check --help\n',
    'chitieu: unknown option "--frob"\nSee chitieu check --help\n',
  ],
  [
    'a misspelt option',
    ['check', EX, '--fromat', 'json'],
    'chitieu: không có tùy chọn "--fromat" — có phải ý bạn là --format?\nXem chitieu check --help\n',
    'chitieu: unknown option "--fromat" — did you mean --format?\nSee chitieu check --help\n',
  ],
  [
    'an unknown command',
    ['kiem-tra', EX],
    'chitieu: không có lệnh "kiem-tra"\nXem chitieu --help\n',
    'chitieu: unknown command "kiem-tra"\nSee chitieu --help\n',
  ],
  [
    'a misspelt command',
    ['chek', EX],
    'chitieu: không có lệnh "chek" — có phải ý bạn là check?\nXem chitieu --help\n',
    'chitieu: unknown command "chek" — did you mean check?\nSee chitieu --help\n',
  ],
  [
    'a missing argument (check)',
    ['check'],
    'chitieu: thiếu tệp .xlsx hoặc thư mục\nXem chitieu check --help\n',
    'chitieu: missing .xlsx files or folders\nSee chitieu check --help\n',
  ],
  [
    'a missing argument (targets show)',
    ['targets', 'show'],
    'chitieu: thiếu mã bộ chỉ tiêu hoặc tệp .json\nXem chitieu targets show --help\n',
    'chitieu: missing a target-set id or a .json file\nSee chitieu targets show --help\n',
  ],
  [
    'an option without its value',
    ['check', EX, '--format'],
    'chitieu: tùy chọn --format cần một giá trị\nXem chitieu check --help\n',
    'chitieu: the option --format needs a value\nSee chitieu check --help\n',
  ],
  [
    'too many arguments',
    ['targets', 'show', 'binh-phuoc-2025', 'thua'],
    'chitieu: thừa tham số: lệnh này nhận 1, đã cho 2\nXem chitieu targets show --help\n',
    'chitieu: too many arguments: this command takes 1, got 2\nSee chitieu targets show --help\n',
  ],
  [
    'an argument to a command that takes none',
    ['targets', 'list', 'thua'],
    'chitieu: lệnh này không nhận tham số nào (đã cho 1)\nXem chitieu targets list --help\n',
    'chitieu: this command takes no arguments (got 1)\nSee chitieu targets list --help\n',
  ],
  [
    'an unknown --format',
    ['check', EX, '--format', 'xml'],
    'chitieu: giá trị "xml" của --format không hợp lệ (dùng text, json, csv, html)\nXem chitieu check --help\n',
    'chitieu: invalid value "xml" for --format (use text, json, csv, html)\nSee chitieu check --help\n',
  ],
  [
    'an unknown --format of targets list',
    ['targets', 'list', '--format', 'csv'],
    'chitieu: giá trị "csv" của --format không hợp lệ (dùng text, json)\nXem chitieu targets list --help\n',
    'chitieu: invalid value "csv" for --format (use text, json)\nSee chitieu targets list --help\n',
  ],
  [
    'a --quarter that is not one',
    ['check', EX, '--quarter', 'V'],
    'chitieu: giá trị "V" của --quarter không hợp lệ (dùng 1-4, I-IV)\nXem chitieu check --help\n',
    'chitieu: invalid value "V" for --quarter (use 1-4, I-IV)\nSee chitieu check --help\n',
  ],
  [
    'a --level that is not one',
    ['check', EX, '--level', 'tỉnh'],
    'chitieu: giá trị "tỉnh" của --level không hợp lệ (dùng so|huyen|xa)\nXem chitieu check --help\n',
    'chitieu: invalid value "tỉnh" for --level (use so|huyen|xa)\nSee chitieu check --help\n',
  ],
];

describe('usage errors: one line and a hint, in the language of the run', () => {
  it.each(USAGE_ERRORS)('%s', async (_, argv, vi, en) => {
    const inVi = await run(argv);
    expect(inVi).toMatchObject({ code: 2, stdout: '', stderr: vi });
    expect(englishIn(inVi.stderr)).toBeUndefined();
    // --lang right after the command's name (at the end it could be taken as an option's value)
    const at = argv.filter(
      (a, i) => i < 2 && ['check', 'targets', 'list', 'show'].includes(a),
    ).length;
    const inEn = await run([...argv.slice(0, at), '--lang', 'en', ...argv.slice(at)]);
    expect(inEn).toMatchObject({ code: 2, stdout: '', stderr: en });
    const fromEnv = await run(argv, { env: { CHITIEU_LANG: 'en' } });
    expect(fromEnv.stderr).toBe(en);
  });

  it('--lang may come before the command too', async () => {
    const en = await run(['--lang', 'en', 'check', EX, '--frob']);
    expect(en.stderr).toBe('chitieu: unknown option "--frob"\nSee chitieu check --help\n');
    const bad = await run(['--lang', 'fr', 'check', EX]);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'chitieu: giá trị "fr" của --lang không hợp lệ (dùng vi, en)\nXem chitieu --help\n',
    });
  });

  it("the English-word check finds commander's words (so that finding none means something)", () => {
    expect(englishIn("error: unknown option '--frob'")).toBe('error');
    expect(englishIn('Usage: chitieu [options] [command]')).toBe('Usage');
    expect(englishIn('  -h, --help  display help for command')).toBe('display');
    expect(englishIn('(choices: "text", "json", default: "text")')).toBe('choices');
  });

  it('a --lang that is not a language is refused in Vietnamese (the default words)', async () => {
    const result = await run(['check', EX, '--lang', 'fr']);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'chitieu: giá trị "fr" của --lang không hợp lệ (dùng vi, en)\nXem chitieu check --help\n',
    });
  });
});

describe('--quarter and --level as a person types them', () => {
  it.each([
    ['2', 2],
    ['II', 2],
    ['ii', 2],
    ['Q2', 2],
    ['q 2', 2],
    ['quý 2', 2],
    ['Quý II', 2],
    ['QUY II', 2],
    ['1', 1],
    ['I', 1],
    ['IV', 4],
    ['iii', 3],
  ])('--quarter %j checks through quarter %i', async (given, quarter) => {
    const { code, json } = await runJson(['check', ONE, '--quarter', given]);
    expect(code).toBe(1);
    expect(json.options).toMatchObject({ quarter });
  });

  it.each([
    ['so', 'so'],
    ['sở', 'so'],
    ['Sở', 'so'],
    ['SỞ', 'so'],
    ['huyện', 'huyen'],
    ['huyen', 'huyen'],
    ['Huyện', 'huyen'],
    ['xã', 'xa'],
    ['xa', 'xa'],
    ['cấp xã', 'xa'],
    ['UBND cấp huyện', 'huyen'],
    ['Các sở, ban, ngành', 'so'],
  ])('--level %j is %s', async (given, level) => {
    const { json } = await runJson(['check', ONE, '--level', given]);
    expect(json.options).toMatchObject({ level });
  });
});

describe('options.ts', () => {
  it('parseQuarter reads 1–4 in the usual forms and nothing else', () => {
    expect(['4', 'iv', 'Quý IV', 'quarter 4', 'Q4'].map(parseQuarter)).toEqual([4, 4, 4, 4, 4]);
    expect(['0', '5', 'V', 'quý', '', 'II/2025', '2.0', 'quý 2 năm'].map(parseQuarter)).toEqual(
      Array(8).fill(undefined),
    );
  });

  it('parseLevel reads ids, names and aliases of the sets given, not other words', () => {
    const sets = getBuiltinTargetSets();
    expect(parseLevel('XÃ', sets)).toBe('xa');
    expect(parseLevel('tỉnh', sets)).toBeUndefined();
    expect(parseLevel('sở y tế', sets)).toBeUndefined();
    const only = sets.filter((s) => !s.levels.some((l) => l.id === 'huyen'));
    if (only.length > 0) expect(parseLevel('huyện', only)).toBeUndefined();
  });

  it('parseNearMiss reads a decimal comma or point and a percent sign', () => {
    expect(['2', '0,5', ',5', '0.5', '1,5 %', '100'].map(parseNearMiss)).toEqual([
      2, 0.5, 0.5, 0.5, 1.5, 100,
    ]);
    expect(['-1', '101', 'abc', '1,2,3', ''].map(parseNearMiss)).toEqual(Array(5).fill(undefined));
  });

  it('localeOf: the last --lang before --, else CHITIEU_LANG, else Vietnamese', () => {
    expect(localeOf(['check', 'x', '--lang', 'en'], {})).toBe('en');
    expect(localeOf(['check', '--lang=EN', 'x'], {})).toBe('en');
    expect(localeOf(['--lang', 'en', '--lang', 'vi'], { CHITIEU_LANG: 'en' })).toBe('vi');
    expect(localeOf(['check', '--', '--lang', 'en'], {})).toBe('vi');
    expect(localeOf(['check'], { CHITIEU_LANG: 'en' })).toBe('en');
    expect(localeOf(['check', '--lang', 'fr'], { CHITIEU_LANG: 'en' })).toBe('en');
    expect(localeOf(['check'], { CHITIEU_LANG: 'de' })).toBe('vi');
  });
});
