/**
 * What a start of the command line loads: the start-up bundle (dist/chitieu.cjs) leaves the
 * Node built-ins a run may not need until something asks for them (src/builtins.ts, and the
 * bundle's lazy modules for fflate, commander and cli-progress: scripts/bundle.mjs). A plain
 * check loads none of them; an HTML report loads node:crypto for its style hash, and the hash is
 * there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, REPO } from './helpers.js';
import { builtCliExists } from './spawn.js';

const LOADER = pathToFileURL(join(REPO, 'apps/cli/bin/load-bundle.js')).href;
const LATER = ['crypto', 'worker_threads', 'child_process', 'readline'];

/** The built-ins (of LATER) loaded by the bundle, then by `chitieu ARGV…` run in the process. */
function loadedBy(argv: readonly string[]): { atLoad: string[]; afterRun: string[]; out: string } {
  const script = `
    const later = ${JSON.stringify(LATER)};
    const loaded = () => later.filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
    const { loadBundle } = await import(${JSON.stringify(LOADER)});
    const bundle = loadBundle();
    const atLoad = loaded();
    let out = '';
    const stdout = { write: (t) => { out += t; return true; }, once() {}, isTTY: false, columns: 100 };
    const quiet = { write: () => true, once() {}, isTTY: false, columns: 100 };
    await bundle.main(${JSON.stringify(argv)}, { stdout, stderr: quiet, env: { CHITIEU_WORKERS: '0' }, cwd: process.cwd() });
    process.stdout.write(JSON.stringify({ atLoad, afterRun: loaded(), out }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.runIf(builtCliExists())('a start of the command line', { timeout: 60_000 }, () => {
  const workbook = join(EXAMPLES, 'so-y-te.xlsx');

  it('loads none of the built-ins a plain check does not use', () => {
    const { atLoad, afterRun, out } = loadedBy(['check', workbook]);
    expect(atLoad).toEqual([]);
    expect(afterRun).toEqual([]);
    expect(out).toContain('Sở Y tế');
  });

  it('loads node:crypto when an HTML report needs its style hash', () => {
    const { atLoad, afterRun, out } = loadedBy(['check', workbook, '--format', 'html']);
    expect(atLoad).toEqual([]);
    expect(afterRun).toEqual(['crypto']);
    expect(out).toMatch(/style-src 'sha256-[A-Za-z0-9+/]{43}='/);
  });
});
