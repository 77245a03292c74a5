/**
 * The progress bar: on stderr, only when stderr is a terminal and there are more than 3 files;
 * never mixed into stdout.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES_HIDDEN_HINT, EXAMPLES_REL, run, stripAnsi } from './helpers.js';

const dir = EXAMPLES_REL;
const three = ['so-tu-phap.xlsx', 'so-y-te.xlsx', 'so-noi-vu.xlsx'].map((f) => `${dir}/${f}`);

describe('progress bar', () => {
  it('is drawn on stderr during a run of more than 3 files when stderr is a terminal', async () => {
    const plain = await run(['check', dir, '--format', 'json']);
    const result = await run(['check', dir, '--format', 'json'], { stderrTTY: true });
    expect(result.code).toBe(1);
    const drawn = result.stderrWrites.filter((w) => w.startsWith('Đang kiểm tra '));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn[0]).toMatch(/^Đang kiểm tra [█░]+ 0\/15 $/);
    expect(drawn.at(-1)).toMatch(/^Đang kiểm tra █+ 15\/15 $/);
    // the cursor and line wrapping turned off while drawing are turned on again after the last
    // frame, and the bar's line is cleared at the end
    const w = result.stderrWrites;
    const last = w.lastIndexOf(drawn.at(-1) as string);
    expect(w.indexOf('\x1b[?25l')).toBeLessThan(w.indexOf(drawn[0] as string));
    expect(w.indexOf('\x1b[?25h')).toBeGreaterThan(last);
    expect(w.indexOf('\x1b[?7h')).toBeGreaterThan(last);
    // the example folder's hidden sheet is told after the bar is gone
    expect(w.at(-2)).toBe('\x1b[2K');
    expect(stripAnsi(w.at(-1) ?? '')).toBe(EXAMPLES_HIDDEN_HINT);
    // stdout is the same JSON document as without the bar
    expect(result.stdout).toBe(plain.stdout);
  });

  it('--lang en', async () => {
    const result = await run(['check', dir, '--lang', 'en', '--format', 'json'], {
      stderrTTY: true,
    });
    expect(result.stderrWrites.some((w) => /^Checking [█░]+ \d+\/15 /.test(w))).toBe(true);
  });

  it('is not drawn when stderr is not a terminal', async () => {
    const result = await run(['check', dir, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderrWrites).toEqual([EXAMPLES_HIDDEN_HINT]);
  });

  it('is not drawn for 3 files or fewer', async () => {
    const result = await run(['check', ...three, '--format', 'json'], { stderrTTY: true });
    expect(result.code).toBe(1);
    expect(result.stderrWrites).toEqual([]);
  });
});
