/**
 * Terminal escape injection (issue 10, item 4): a unit name and a cell text full of escape
 * sequences (clear screen, a fake colour, an OSC 8 link, an 8-bit CSI, bidi overrides and
 * isolates) in a real workbook, and file names with escapes, reach no output as they are: not the
 * text report (piped or on a terminal), not stderr, not the CSV or the HTML. The JSON keeps the
 * raw values (escaped as JSON escapes them).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOut } from '../src/check-command.js';
import type { Io } from '../src/io.js';
import {
  guardTerminal,
  guardTerminalBytes,
  safeName,
  safeText,
  wholeCharacters,
} from '../src/safe-text.js';
import { type JsonReport, run, userTargetSet, useTempDirs } from './helpers.js';
import { annexWorkbook } from './workbooks.js';

const temp = useTempDirs('all');

/** What an attacker puts in the "Đơn vị báo cáo" cell, as the reader gives it back. */
const RAW_UNIT =
  'Sở Y tế\x1b[2J\x1b[31mFAKE\x1b[0m\x1b]8;;http://evil.example/\x07bấm\x1b]8;;\x07\u202Eabc\u2066x\u2069\x9b31m';
/** The same unit with everything unsafe taken out. */
const SHOWN_UNIT = 'Sở Y tếFAKEbấmabcx';
/** A result cell that is not a number: its text is quoted in the finding's message. */
const RAW_CELL = 'chín\x1b[1A\x1b[2K\u202Emươi';

/** Excel's own way of storing control characters in a cell: `_x001B_` (ST_Xstring). */
const inXlsx = (text: string) =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: writing control characters the Excel way
    /[\x00-\x1f\x7f-\x9f]/g,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );

const GOOD = 'so-\x1b[31mdo\x1b[0m.xlsx';
const GOOD_SHOWN = 'so-\\u001b[31mdo\\u001b[0m.xlsx';
const BAD = 'hong-\x1b]8;;evil.example\x07link\u202E.xlsx';
const BAD_SHOWN = 'hong-\\u001b]8;;evil.example\\u0007link\\u202e.xlsx';

/** Every character that must never be printed (line breaks and tabs aside). */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
/** Our own colour codes, the only escapes allowed on a colour terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: our colour codes
const OWN_COLOURS = /\x1b\[(?:0|1|2|22|3\d)m/g;

let dir: string;
beforeAll(async () => {
  dir = await temp();
  let once = true;
  const bytes = await annexWorkbook({
    unit: inXlsx(RAW_UNIT),
    result: (_id, quarter, minimum) => {
      if (quarter === 2 && once) {
        once = false;
        return inXlsx(RAW_CELL);
      }
      return minimum;
    },
  });
  await writeFile(join(dir, GOOD), bytes);
  await writeFile(join(dir, BAD), 'không phải zip');
});

describe('escape sequences and bidi controls from workbooks and file names', () => {
  it('the JSON keeps the raw unit name and cell text, and its text has no raw control', async () => {
    const result = await run(['check', '.', '--format', 'json'], { cwd: dir });
    expect(result.stdout).not.toMatch(UNSAFE);
    const json = JSON.parse(result.stdout) as JsonReport;
    const good = json.files.find((f) => f.file === GOOD);
    expect(good?.sheets[0]?.context.unitName).toBe(RAW_UNIT);
    const invalid = good?.sheets[0]?.findings.find((f) => f.code === 'invalid-value');
    expect(invalid?.message).toContain(RAW_CELL);
    expect(json.files.map((f) => f.file).sort()).toEqual([BAD, GOOD].sort());
  });

  it('the text report, piped, has none of them: names shown with \\u001b, texts without', async () => {
    const result = await run(['check', '.'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(UNSAFE);
    expect(result.stderr).not.toMatch(UNSAFE);
    expect(result.stdout).toContain(
      `${SHOWN_UNIT} — ${GOOD_SHOWN} › Phụ lục (bộ chỉ tiêu binh-phuoc-2025 · Các sở, ban, ngành · kiểm tra đến Quý II)`,
    );
    expect(result.stdout).toContain('"chínmươi"');
    expect(result.stdout).toContain(`✗ ${BAD_SHOWN}: `);
  });

  it('on a colour terminal only our own colour codes are escapes', async () => {
    const result = await run(['check', '.'], { cwd: dir, stdoutTTY: true, stderrTTY: true });
    expect(result.stdout).toMatch(OWN_COLOURS);
    expect(result.stdout.replace(OWN_COLOURS, '')).not.toMatch(UNSAFE);
    expect(result.stderr.replace(OWN_COLOURS, '')).not.toMatch(UNSAFE);
    for (const attack of ['\x1b[2J', '\x1b[31mFAKE', '\x1b]8;;', '\u202E', '\x9b'])
      expect(result.stdout).not.toContain(attack);
  });

  it('the CSV has none of them; names are shown, texts stripped', async () => {
    const result = await run(['check', '.', '--format', 'csv'], { cwd: dir });
    const body = result.stdout.replace(/\r\n/g, '\n');
    expect(body).not.toMatch(UNSAFE);
    const rows = body.split('\n').filter((l) => l.startsWith(GOOD_SHOWN));
    expect(rows.length).toBeGreaterThan(0);
    // (";" between fields: the CSV of --lang vi, the default)
    expect(rows.every((r) => r.startsWith(`${GOOD_SHOWN};${SHOWN_UNIT};so;Phụ lục;`))).toBe(true);
    // (that name holds a ";" of its escape, so it is quoted)
    expect(body).toContain(`"${BAD_SHOWN}";;;;;file-error;`);
  });

  it('the HTML, on stdout and under --out, has none of them', async () => {
    const result = await run(['check', '.', '--format', 'html', '--out', 'ket-qua'], { cwd: dir });
    const file = await readFile(join(dir, 'ket-qua', 'report.html'), 'utf8');
    for (const html of [result.stdout, file]) {
      expect(html).not.toMatch(UNSAFE);
      expect(html).toContain(`${SHOWN_UNIT}<br><span class="small">${GOOD_SHOWN}</span>`);
      expect(html).toContain(`<li class="err">${BAD_SHOWN}: `);
    }
    expect(result.stderr.replace(OWN_COLOURS, '')).not.toMatch(UNSAFE);
  });

  it('the JSON under --out: report.json keeps the raw text, stdout is the same value guarded', async () => {
    const result = await run(['check', '.', '--format', 'json', '--out', 'ket-qua-json'], {
      cwd: dir,
    });
    const file = await readFile(join(dir, 'ket-qua-json', 'report.json'), 'utf8');
    expect(file).toContain('\u202E');
    expect(result.stdout).not.toMatch(UNSAFE);
    expect(result.stdout).toBe(guardTerminal(file, { colours: false, tty: false }));
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(file));
  });

  it("a user's target set with escapes in its names: targets show prints none", async () => {
    const set = userTargetSet();
    const first = set.indicators[0];
    if (!first) throw new Error('no indicator');
    first.shortName = 'Hồ sơ\x1b[5m nhấp nháy\u202e';
    set.title = '\x1b]0;tiêu đề cửa sổ\x07Bộ thử';
    const own = await temp();
    await writeFile(join(own, 'bo.json'), JSON.stringify(set));
    const show = await run(['targets', 'show', 'bo.json'], { cwd: own });
    expect(show.code).toBe(0);
    expect(show.stdout).not.toMatch(UNSAFE);
    expect(show.stdout).toContain('Hồ sơ nhấp nháy');
    expect(show.stdout).toContain('thu-nghiem-2025 — Bộ thử');
    const json = await run(['targets', 'show', 'bo.json', '--format', 'json'], { cwd: own });
    expect((JSON.parse(json.stdout) as { title: string }).title).toBe(set.title);
  });

  it('what the user typed is shown with \\u001b in usage errors', async () => {
    const option = await run(['check', '.', '--fr\x1b[2Job'], { cwd: dir });
    expect(option.stderr).toBe(
      'chitieu: không có tùy chọn "--fr\\u001b[2Job"\nXem chitieu check --help\n',
    );
    const file = await run(['check', '.', '--target-set', 'x\x1b]0;title\x07.json'], { cwd: dir });
    expect(file.stderr).toBe('chitieu: không tìm thấy "x\\u001b]0;title\\u0007.json"\n');
  });
});

describe('safeText and guardTerminal', () => {
  it('strips CSI, OSC (terminated by BEL, ST or nothing), 8-bit forms, C0/C1, DEL and bidi controls', () => {
    expect(safeText('a\x1b[2Jb\x1b[38;5;196mc')).toBe('abc');
    expect(safeText('a\x1b]8;;http://x\x1b\\b\x1b]8;;\x1b\\c')).toBe('abc');
    expect(safeText('a\x1b]0;title')).toBe('a');
    expect(safeText('a\x9b2Jb\x9d0;t\x9cc')).toBe('abc');
    expect(safeText('a\x1b(Bb\x1bcc\x1b')).toBe('abc');
    expect(safeText('a\x00\x07\x08\x7f\x85b')).toBe('ab');
    expect(
      safeText('a\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cb'),
    ).toBe('ab');
    expect(safeText('Sở Y tế, Phường 1 — 85,5%')).toBe('Sở Y tế, Phường 1 — 85,5%');
  });

  it('turns line breaks and tabs into spaces, or keeps line breaks when asked', () => {
    expect(safeText('a\nb\r\nc\u2028d\te\rf')).toBe('a b c d ef');
    expect(safeText('a\nb\r\nc\u2029d', { lineBreaks: true })).toBe('a\nb\nc\nd');
  });

  it('shows a name with \\u escapes, so two names never look the same', () => {
    expect(safeName('so-\x1b[31mdo.xlsx')).toBe('so-\\u001b[31mdo.xlsx');
    expect(safeName('a\u202eb\x9bc')).toBe('a\\u202eb\\u009bc');
    expect(safeName('Phụ lục 1')).toBe('Phụ lục 1');
  });

  it('guardTerminal escapes what is unsafe, keeps JSON the same value and our colours on a terminal', () => {
    const json = JSON.stringify({ unit: RAW_UNIT });
    const guarded = guardTerminal(json, { colours: false, tty: false });
    expect(guarded).not.toMatch(UNSAFE);
    expect(JSON.parse(guarded)).toEqual({ unit: RAW_UNIT });
    expect(guardTerminal('\x1b[31mđỏ\x1b[39m\n', { colours: true, tty: true })).toBe(
      '\x1b[31mđỏ\x1b[39m\n',
    );
    expect(guardTerminal('\x1b[31mđỏ\x1b[39m', { colours: false, tty: false })).toBe(
      '\\u001b[31mđỏ\\u001b[39m',
    );
    expect(guardTerminal('x\x1b[2Jy\r', { colours: true, tty: true })).toBe('x\\u001b[2Jy\\u000d');
    // the progress bar's own cursor control, one write each, on a terminal only
    expect(guardTerminal('\x1b[?25l', { colours: true, tty: true })).toBe('\x1b[?25l');
    expect(guardTerminal('\x1b[2K', { colours: false, tty: false })).toBe('\\u001b[2K');
    expect(guardTerminal('a,b\r\nc\r\n', { colours: false, tty: false })).toBe('a,b\r\nc\r\n');
  });
});

describe('a file of the output set copied to stdout as bytes', () => {
  /** What a report may hold: Vietnamese, our own symbols, and every unsafe character. */
  const ALPHABET = [
    ...'aAđĐơưễỹ ,.:"{}[]\n\t',
    '—',
    '–',
    '…',
    '✓',
    '✗',
    '≈',
    '⊘',
    '\u00a0',
    '\u00ad',
    '\u0600',
    '\u061b',
    '\u061d',
    '\u2010',
    '\u2027',
    '\u202f',
    '\u2060',
    '\u2065',
    '\u206a',
    '\u{1f600}',
    '\r\n',
    '\x00',
    '\x08',
    '\x0b',
    '\x1b',
    '\x1f',
    '\x7f',
    '\x80',
    '\x9b',
    '\x9f',
    '\r',
    '\u061c',
    '\u200e',
    '\u200f',
    '\u2028',
    '\u2029',
    '\u202a',
    '\u202e',
    '\u2066',
    '\u2069',
  ];
  const ON = [
    { colours: false, tty: false },
    { colours: true, tty: true },
  ];
  /** A text of `n` characters from the alphabet, the same for the same seed. */
  const textOf = (seed: number, n: number, safeOnly: boolean) => {
    const letters = safeOnly
      ? ALPHABET.filter((ch) => guardTerminal(ch, ON[0] as (typeof ON)[0]) === ch)
      : ALPHABET;
    let x = seed;
    let text = '';
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      text += letters[x % letters.length];
    }
    return text;
  };
  const decoded = (out: Uint8Array | string) =>
    typeof out === 'string' ? out : Buffer.from(out).toString('utf8');

  it('guardTerminalBytes gives what guardTerminal gives the text, and the bytes themselves when safe', () => {
    for (const ch of ALPHABET)
      for (const on of ON)
        expect(decoded(guardTerminalBytes(Buffer.from(ch), on))).toBe(guardTerminal(ch, on));
    for (let seed = 1; seed <= 200; seed++) {
      const text = textOf(seed, 1 + (seed % 40), seed % 3 === 0);
      const bytes = Buffer.from(text);
      for (const on of ON) {
        const out = guardTerminalBytes(bytes, on);
        expect(decoded(out)).toBe(guardTerminal(text, on));
        // untouched bytes are passed as they are, not as a text made of them
        if (guardTerminal(text, on) === text && !text.includes('\r')) expect(out).toBe(bytes);
      }
    }
  });

  it('finds one unsafe character anywhere in a long text, at any alignment of its bytes', () => {
    const safe = textOf(3, 3000, true);
    const unsafe = ALPHABET.filter((ch) => guardTerminal(ch, ON[0] as (typeof ON)[0]) !== ch);
    const on = ON[0] as (typeof ON)[0];
    for (const ch of unsafe)
      for (const at of [0, 1, 2, 3, 4, 5, 7, 8, 1001, 2997, 2998, 2999, 3000]) {
        const text = safe.slice(0, at) + ch + safe.slice(at);
        const encoded = Buffer.from(text);
        for (let shift = 0; shift < 4; shift++) {
          // the same bytes at each offset of a larger buffer (words read four bytes at a time)
          const room = new Uint8Array(encoded.length + 4);
          room.set(encoded, shift);
          const bytes = room.subarray(shift, shift + encoded.length);
          expect(decoded(guardTerminalBytes(bytes, on))).toBe(guardTerminal(text, on));
        }
      }
    // and none in the safe text itself: its bytes are passed as they are (a carriage return
    // is looked at as text)
    const bytes = Buffer.from(safe.replaceAll('\r', ''));
    expect(guardTerminalBytes(bytes, on)).toBe(bytes);
  });

  it('wholeCharacters cuts a piece before a character it ends inside of, never elsewhere', () => {
    const text = 'aễ✓\u{1f600}đ—x';
    const bytes = Buffer.from(text);
    const starts = [bytes.length];
    let offset = 0;
    for (const ch of text) {
      starts.push(offset);
      offset += Buffer.byteLength(ch);
    }
    for (let n = 0; n <= bytes.length; n++) {
      const whole = wholeCharacters(bytes.subarray(0, n));
      // the longest prefix of whole characters: a start of a character (or the end) at or before n
      const expected = Math.max(...starts.filter((s) => s <= n));
      expect(whole).toBe(expected);
    }
  });

  it('copyOut in pieces of any size writes the whole file guarded as one text', async () => {
    const path = join(await temp(), 'report.json');
    const text = `${textOf(7, 3000, false)}\r\nđ\r`;
    await writeFile(path, text);
    for (const piece of [1, 2, 3, 5, 64, 1 << 20])
      for (const on of [ON[0] as (typeof ON)[0]]) {
        let out = '';
        const writes: string[] = [];
        const io: Io = {
          stdout: {
            write: (t: string) => {
              writes.push('text');
              out += guardTerminal(t, on);
              return true;
            },
            writeBytes: (b: Uint8Array) => {
              writes.push('bytes');
              const safe = guardTerminalBytes(b, on);
              out += decoded(safe);
              return true;
            },
          },
          stderr: { write: () => true },
          env: {},
          cwd: '/',
        };
        await copyOut(path, io, piece);
        expect(out).toBe(guardTerminal(text, on));
        expect(writes).toContain('bytes');
      }
  });
});
