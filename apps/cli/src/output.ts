/**
 * The output set of a run under --out: annotated copies, report.html, report.json and report.xlsx.
 *
 * - One run at a time: a lock file `.chitieu.lock` in --out holds the process id (and host); a
 *   second run refuses, a lock whose process is gone is taken over.
 * - Checked before the first file: a probe file is written and removed, which also tells whether
 *   the folder's file system folds letter case (the name is looked up again in the other case).
 * - Nothing half-done: every file is written into a temporary folder inside --out
 *   (`.chitieu-tmp-…`, on the same file system, so moving is a rename) and moved into place at the
 *   end, the previous run's reports removed first and the new ones moved last. A failed or
 *   interrupted run removes the temporary folder and leaves --out as it was.
 * - Never over an input: a name whose file is one met among the inputs (by device and inode, so
 *   whatever link, letter case or mount reaches it) is not used; the next "-kiem-tra" name is.
 */
import { existsSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeCrypto } from './builtins.js';
import { fileId, statOf } from './files.js';
import { seams } from './seams.js';

/** The bytes `writeStream` gathers before it writes them. */
const WRITE_BATCH = 1 << 20;

export const LOCK_NAME = '.chitieu.lock';
const REPORTS = ['report.html', 'report.json', 'report.xlsx'];

/** A fault of the output set: what went wrong, and the path (under --out) it is about. */
export class OutputFault extends Error {
  constructor(
    readonly kind: 'not-writable' | 'write' | 'commit' | 'locked',
    /** The path the user knows: the --out folder, or the file's place in it. */
    readonly path: string,
    readonly code?: string,
    /** For `locked`: the process holding the lock. */
    readonly pid?: string,
  ) {
    super(`${kind} ${path}${code ? ` (${code})` : ''}`);
    this.name = 'OutputFault';
  }
}

const codeOf = (thrown: unknown) => (thrown as { code?: string }).code;

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

function isAlive(lock: LockContent): boolean {
  if (lock.host !== hostname()) return true; // another machine's run: cannot tell, so it is
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (thrown) {
    return codeOf(thrown) === 'EPERM'; // alive, another user's
  }
}

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string')
      return { pid: parsed.pid, host: parsed.host, token: String(parsed.token ?? '') };
  } catch {}
  return undefined;
}

export interface StagedFile {
  /** Its path below --out. */
  readonly rel: string;
  readonly staged: string;
  readonly final: string;
}

export class OutputSet {
  /** Whether the folder's file system takes "A.xlsx" and "a.xlsx" for one name. */
  caseInsensitive = false;
  /** The folder's identity ("device:inode"). */
  id = '';
  /** The previous lock's process, when a stale lock was taken over. */
  staleLockOf: number | undefined;
  private staging: string | undefined;
  private readonly staged: StagedFile[] = [];
  /** The folders of the temporary folder made so far (a folder's copies need it made once). */
  private readonly made = new Set<string>();
  private readonly taken = new Set<string>();
  private readonly token = nodeCrypto().randomBytes(8).toString('hex');
  private locked = false;

  private constructor(readonly dir: string) {}

  /** Locks --out, checks it can be written, and makes the temporary folder. */
  static async open(dir: string): Promise<OutputSet> {
    const set = new OutputSet(dir);
    await set.lock();
    try {
      await set.probe();
      set.id = fileId(await statOf(dir), dir);
      try {
        set.staging = await mkdtemp(join(dir, '.chitieu-tmp-'));
      } catch (thrown) {
        throw new OutputFault('not-writable', dir, codeOf(thrown));
      }
    } catch (thrown) {
      set.releaseSync();
      throw thrown;
    }
    return set;
  }

  get lockPath(): string {
    return join(this.dir, LOCK_NAME);
  }

  private async lock(): Promise<void> {
    const content = JSON.stringify({
      pid: process.pid,
      host: hostname(),
      token: this.token,
      started: new Date().toISOString(),
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await writeFile(this.lockPath, content, { flag: 'wx' });
        this.locked = true;
        return;
      } catch (thrown) {
        const code = codeOf(thrown);
        if (code !== 'EEXIST') {
          // Made by this call (the flag refuses an existing one) but not written (a full disk).
          await unlink(this.lockPath).catch(() => {});
          throw new OutputFault('not-writable', this.dir, code);
        }
      }
      const holder = await readLock(this.lockPath);
      if (holder === undefined) {
        // Being written this very moment by another run, or garbage: a fresh one is a run's.
        const info = await lstat(this.lockPath).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs < 10_000)
          throw new OutputFault('locked', this.dir, undefined, '?');
      } else if (isAlive(holder)) {
        throw new OutputFault('locked', this.dir, undefined, String(holder.pid));
      } else {
        this.staleLockOf = holder.pid;
      }
      // Stale: remove it, if it is still the one read, and try again.
      const again = await readLock(this.lockPath);
      if (again?.token === holder?.token) await unlink(this.lockPath).catch(() => {});
    }
    throw new OutputFault('locked', this.dir, undefined, '?');
  }

  /** A probe file written and removed; its name looked up in the other letter case. */
  private async probe(): Promise<void> {
    const name = `.chitieu-probe-${process.pid}-${this.token}-Ab`;
    const path = join(this.dir, name);
    try {
      await seams.writeFile(path, 'chitieu');
    } catch (thrown) {
      await unlink(path).catch(() => {});
      throw new OutputFault('not-writable', this.dir, codeOf(thrown));
    }
    const swapped = name.replace(/[a-z]/gi, (c) =>
      c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
    );
    this.caseInsensitive = await stat(join(this.dir, swapped)).then(
      () => true,
      () => false,
    );
    await unlink(path).catch(() => {});
  }

  private key(rel: string): string {
    const n = rel.normalize('NFC');
    return this.caseInsensitive ? n.toLowerCase() : n;
  }

  /**
   * The name below --out for the copy of the input at `rel` (its path below the folder given):
   * the same, or with "-kiem-tra", "-kiem-tra-2", … when that one is an input (any file met among
   * the inputs), a folder, or the copy of another input of this run.
   */
  async nameFor(rel: string, inputs: ReadonlySet<string>): Promise<string> {
    const base = rel.replace(/\.xlsx$/i, '');
    for (let n = 1; ; n++) {
      const candidate =
        n === 1 ? `${base}.xlsx` : `${base}-kiem-tra${n > 2 ? `-${n - 1}` : ''}.xlsx`;
      if (this.taken.has(this.key(candidate))) continue;
      // report.xlsx is the run's own report: a copy of an input of that name takes the next name.
      if (REPORTS.includes(candidate.normalize('NFC').toLowerCase())) continue;
      const final = join(this.dir, candidate);
      const info = await statOf(final).catch(() => undefined);
      if (info && (inputs.has(fileId(info, final)) || !info.isFile())) continue;
      this.taken.add(this.key(candidate));
      return candidate;
    }
  }

  private stagedPath(rel: string): string {
    if (!this.staging) throw new Error('the output set is closed');
    return join(this.staging, rel);
  }

  /** The folder of a file of the temporary folder, made when this set has not made it yet. */
  private async folderFor(staged: string): Promise<void> {
    const folder = dirname(staged);
    if (this.made.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.made.add(folder);
  }

  /** Writes one file of the set (into the temporary folder). */
  async write(rel: string, data: Uint8Array | string): Promise<string> {
    const staged = this.stagedPath(rel);
    const final = join(this.dir, rel);
    try {
      await this.folderFor(staged);
      await seams.writeFile(staged, data);
    } catch (thrown) {
      throw new OutputFault('write', final, codeOf(thrown));
    }
    this.staged.push({ rel, staged, final });
    return final;
  }

  /**
   * Writes one file of the set piece by piece: `fill` gets a function that appends text. The
   * pieces (a row, a finding) are small: they are encoded into a buffer of 1 MB and written a
   * buffer at a time, so a report of 70 MB is some 70 writes, not 140,000 awaited ones, and no
   * text is made of them (a 2,000 × 80 sheet's 100 MB of JSON once made 400 MB of joined text
   * and 180 MB of buffers for its writes).
   */
  async writeStream(
    rel: string,
    fill: (write: (text: string) => Promise<void>) => Promise<void>,
  ): Promise<string> {
    const staged = this.stagedPath(rel);
    const final = join(this.dir, rel);
    try {
      await this.folderFor(staged);
      const handle = await open(staged, 'w');
      // One write in flight while the next batch is made: the disk's time overlaps the making.
      let inFlight: Promise<void> | undefined;
      let failure: { thrown: unknown } | undefined;
      const settle = async () => {
        if (inFlight !== undefined) await inFlight;
        inFlight = undefined;
        if (failure !== undefined) throw failure.thrown;
      };
      try {
        // Two buffers: the text is encoded into one while the other is being written.
        const buffers = [Buffer.allocUnsafe(WRITE_BATCH), Buffer.allocUnsafe(WRITE_BATCH)];
        let current = 0;
        let at = 0;
        /** Writes `data` once the write before it has ended (its failure kept for `settle`). */
        const send = async (data: Uint8Array) => {
          await settle();
          inFlight = handle.write(data).then(
            () => undefined,
            (thrown: unknown) => {
              failure = { thrown };
            },
          );
        };
        const flush = async () => {
          if (at === 0) return;
          await send((buffers[current] as Buffer).subarray(0, at));
          current = 1 - current;
          at = 0;
        };
        // A piece that ends inside a pair of surrogates: its first half waits for the next one.
        let half = '';
        await fill(async (piece) => {
          let text = half === '' ? piece : half + piece;
          half = '';
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            half = text.slice(-1);
            text = text.slice(0, -1);
          }
          // a character is at most three bytes of UTF-8 (a pair of surrogates, four for two)
          if (at + text.length * 3 > WRITE_BATCH) await flush();
          // a piece larger than a buffer is written on its own
          if (text.length * 3 > WRITE_BATCH) return send(Buffer.from(text));
          at += (buffers[current] as Buffer).write(text, at);
        });
        // (a last half alone, as encoding it has always written it)
        if (half !== '') {
          if (at + 3 > WRITE_BATCH) await flush();
          at += (buffers[current] as Buffer).write(half, at);
        }
        await flush();
        await settle();
      } finally {
        // A write still in flight ends before the file is closed (its error, if any, is lost
        // only when another one is being thrown).
        if (inFlight !== undefined) await inFlight;
        await handle.close();
      }
    } catch (thrown) {
      if (thrown instanceof OutputFault) throw thrown;
      throw new OutputFault('write', final, codeOf(thrown));
    }
    this.staged.push({ rel, staged, final });
    return final;
  }

  /**
   * Moves the set into --out: the previous run's reports are removed first, the copies moved,
   * the new reports moved last (so a report never sits beside copies of another run).
   */
  async commit(inputs: ReadonlySet<string>): Promise<void> {
    const reports = this.staged.filter((f) => REPORTS.includes(f.rel));
    const copies = this.staged.filter((f) => !REPORTS.includes(f.rel));
    // report.html and report.json in --out are this tool's, whatever walk met them.
    for (const name of REPORTS) {
      const path = join(this.dir, name);
      try {
        await rm(path, { force: true });
      } catch (thrown) {
        throw new OutputFault('commit', path, codeOf(thrown));
      }
    }
    for (const file of [...copies, ...reports]) {
      try {
        const existing = await statOf(file.final).catch(() => undefined);
        if (existing && !REPORTS.includes(file.rel) && inputs.has(fileId(existing, file.final)))
          throw Object.assign(new Error('an input'), { code: 'EEXIST' }); // never: see nameFor
        await mkdir(dirname(file.final), { recursive: true });
        await moveInto(file.staged, file.final);
      } catch (thrown) {
        throw new OutputFault('commit', file.final, codeOf(thrown));
      }
    }
    this.staged.length = 0;
  }

  /** Removes the temporary folder and the lock (for signal handlers: synchronous). */
  releaseSync(): void {
    if (this.staging) {
      // A write or mkdir still running in the thread pool when the signal came may add a file
      // while the folder is being removed (ENOTEMPTY), or make the folder again just after: it
      // is removed again until it stays gone (a few short waits: those calls take milliseconds).
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let round = 0; round < 5; round++) {
        try {
          rmSync(this.staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
        } catch {}
        Atomics.wait(pause, 0, 0, 15);
        if (!existsSync(this.staging)) break;
      }
      this.staging = undefined;
    }
    if (this.locked) {
      this.locked = false;
      try {
        // Only our own lock: a run that took over a lock it thought stale keeps its own.
        const content = JSON.parse(readFileSync(this.lockPath, 'utf8')) as { token?: string };
        if (content.token === this.token) unlinkSync(this.lockPath);
      } catch {}
    }
  }

  /** Removes the temporary folder and the lock. */
  async close(): Promise<void> {
    if (this.staging) {
      await rm(this.staging, { recursive: true, force: true }).catch(() => {});
      this.staging = undefined;
    }
    if (this.locked) {
      this.locked = false;
      const lock = await readLock(this.lockPath);
      if (lock?.token === this.token) await unlink(this.lockPath).catch(() => {});
    }
  }
}

/** A rename; across file systems (a sub-folder of --out mounted elsewhere), a copy then a rename. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (thrown) {
    if (codeOf(thrown) !== 'EXDEV') throw thrown;
    const temp = `${to}.${process.pid}.tmp`;
    try {
      await copyFile(from, temp);
      await rename(temp, to);
    } catch (again) {
      await unlink(temp).catch(() => {});
      throw again;
    }
  }
}
