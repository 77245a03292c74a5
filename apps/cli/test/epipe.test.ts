/**
 * Issue 10, item 9: `chitieu … | head` ends quietly: when the reader of stdout goes away the rest
 * of the output is dropped, no EPIPE stack trace, and the run ends with its own exit code (its
 * --out set complete).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, listFiles, useTempDirs } from './helpers.js';
import { BIN, builtCliExists } from './spawn.js';

const temp = useTempDirs();

/** Runs the built CLI, reads `bytes` of its stdout, then closes the pipe. */
function readThenClose(
  argv: readonly string[],
  bytes: number,
  cwd: string,
): Promise<{ code: number | null; signal: string | null; stderr: string; read: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let read = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (read.length >= bytes) return;
      read += d;
      if (read.length >= bytes) child.stdout.destroy(); // the reader goes away
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr, read }));
  });
}

describe.skipIf(!builtCliExists())('stdout closed early', () => {
  it('--format json: quiet, exit 1 as the run found, the --out set complete', async () => {
    const dir = await temp();
    const result = await readThenClose(
      ['check', EXAMPLES, '--format', 'json', '--out', join(dir, 'ket-qua')],
      10,
      dir,
    );
    expect(result.read.startsWith('{')).toBe(true);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(await listFiles(join(dir, 'ket-qua'))).toHaveLength(16);
    JSON.parse(await readFile(join(dir, 'ket-qua/report.json'), 'utf8'));
  }, 60_000);

  it('the text report and targets show, through a shell pipe into head', () => {
    for (const command of [
      `node "${BIN}" check "${EXAMPLES}" | head -n 1`,
      `node "${BIN}" targets show binh-phuoc-2025 --format json | head -c 20`,
      `node "${BIN}" targets list | head -n 1`,
    ]) {
      const ran = spawnSync('bash', ['-c', `set -o pipefail; ${command}; echo "exit=$?" >&2`], {
        encoding: 'utf8',
      });
      // the example folder's hidden sheet is told on stderr, before the exit status
      expect(ran.stderr, command).toMatch(/^(Đã bỏ qua 1 trang tính ẩn[^\n]*\n)?exit=[01]\n$/);
      expect(ran.stdout.length, command).toBeGreaterThan(0);
    }
  }, 60_000);
});
