/**
 * The built command line (bin/chitieu.js, run `pnpm --filter @chitieu/cli build` first) in a
 * child process: for what only a real process shows (signals, pipes, another user's rights).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers.js';

export const BIN = join(REPO, 'apps/cli/bin/chitieu.js');

export function builtCliExists(): boolean {
  const built = existsSync(join(REPO, 'apps/cli/dist/main.js'));
  // In CI the tests that spawn the CLI must run: turbo builds it before `test` (turbo.json).
  if (!built && process.env.CI)
    throw new Error('apps/cli/dist is missing: build the CLI before its tests (pnpm build)');
  return built;
}

export interface SpawnResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly uid?: number;
  readonly gid?: number;
  /** Called with the child as soon as it is started (to signal it, or read its output). */
  readonly started?: (child: ChildProcess) => void;
}

/** Runs `chitieu ARGV…`; resolves when it has exited. */
export function spawnCli(argv: readonly string[], options: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.started?.(child);
  });
}

/** The unprivileged user tests run as when they run as root ("nobody"), when there is one. */
export function unprivileged(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' });
  const uid = Number(id.stdout.trim());
  const g = Number(gid.stdout.trim());
  return id.status === 0 && Number.isInteger(uid) && Number.isInteger(g)
    ? { uid, gid: g }
    : undefined;
}

export const isRoot = () => process.getuid?.() === 0;
