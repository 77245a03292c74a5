/**
 * Finds the workbooks to check among the paths given: files and folders, recursively.
 *
 * Nothing met here is opened: entries are only listed and stat'ed. Symbolic links are followed to
 * regular files and folders (a folder reached again through a link, or a link back to a folder
 * above it, is skipped: folders are told apart by device and inode, so a loop ends, whatever its
 * path); FIFOs, devices, sockets and other non-regular files are skipped with the reason. A folder
 * or entry that cannot be read is one skipped entry with its reason; the rest is walked.
 */
import {
  type BigIntStats,
  type Dirent,
  lstatSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';

export type SkipReason =
  | 'not-xlsx'
  | 'old-xls'
  | 'lock-file'
  /** report.html, report.json, report.csv or report.xlsx: what this tool writes beside its copies. */
  | 'own-report'
  /** The run's own --out folder, met inside a folder being checked. */
  | 'out-folder'
  | 'unreadable-folder'
  | 'unreadable'
  | 'fifo'
  | 'device'
  | 'socket'
  | 'not-regular'
  | 'broken-link'
  | 'link-loop'
  | 'same-file'
  | 'same-folder';

export interface Skipped {
  readonly path: string;
  readonly reason: SkipReason;
  /** The error code for `unreadable*`; the first path for `same-*`. */
  readonly detail?: string;
}

export interface Inputs {
  /** .xlsx files, in a stable order. */
  readonly files: string[];
  /** For each file, its path below the folder it was found in (its name when given directly). */
  readonly relative: Map<string, string>;
  /** The files found in a folder walk (not named directly by the user). */
  readonly inFolder: Set<string>;
  /** For files reached through a symbolic link: the real path. */
  readonly links: Map<string, string>;
  /** Other entries met in folders or named directly, with why they are not checked. */
  readonly skipped: Skipped[];
  /** Paths that do not exist. */
  readonly missing: string[];
  /**
   * Every regular file met (checked or skipped), as "device:inode": nothing is ever written
   * over one of them.
   */
  readonly met: Set<string>;
  /** Every path above (files, skipped), in the order the walk met it. */
  readonly order: Map<string, number>;
}

export interface CollectOptions {
  /** The --out folder ("device:inode"): skipped, as one entry, where a folder walk meets it. */
  readonly outFolder?: string;
}

/**
 * A file's identity: its device and inode (exact: read as bigint), the same for every path (link,
 * letter case, mount) that reaches it. File systems without inodes (FAT and exFAT report 0)
 * fall back to the absolute path, case-folded (those file systems fold case).
 */
export function fileId(info: Pick<BigIntStats, 'dev' | 'ino'>, path: string): string {
  return info.ino > 0n ? `${info.dev}:${info.ino}` : `path:${resolve(path).toLowerCase()}`;
}

/** stat, following links, with exact (bigint) device and inode numbers. */
export const statOf = (path: string): Promise<BigIntStats> => stat(path, { bigint: true });

// The walk lists and stats with the synchronous calls: the same system calls, without a round
// trip through libuv's thread pool for each (on a folder of 600 workbooks, those round trips
// were a fifth of the run, waiting).
const statNow = (path: string): BigIntStats => statSync(path, { bigint: true });

/** Names of this tool's own files in an --out folder (lock, probe, temporary folder). */
const isInternal = (name: string) => name.startsWith('.chitieu');

const REPORT_NAMES = new Set(['report.html', 'report.json', 'report.csv', 'report.xlsx']);

interface Walk {
  readonly out: Inputs;
  readonly options: CollectOptions;
  /** Folders walked, by identity, with the path they were first walked by. */
  readonly folders: Map<string, string>;
  /** Regular files taken, by identity, with the path they were first met by. */
  readonly files: Map<string, string>;
}

function skip(out: Inputs, entry: Skipped): void {
  out.order.set(entry.path, out.order.size);
  out.skipped.push(entry);
}

function take(out: Inputs, path: string): void {
  out.order.set(path, out.order.size);
  out.files.push(path);
}

function nonRegular(info: BigIntStats): SkipReason {
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'not-regular';
}

const codeOf = (thrown: unknown) => (thrown as { code?: string }).code ?? String(thrown);

/**
 * Names made only of lower-case ASCII letters, digits, "-" and ".": Vietnamese collation puts
 * them in the order of their characters' codes ("-" and "." before digits, digits before letters,
 * a name before its longer ones), so a folder of such names needs no collator (whose first use
 * loads the collation data: ~10 ms of a run).
 */
const PLAIN_NAME = /^[a-z0-9.-]*$/;

/** Entries in the order a Vietnamese reader expects: by Vietnamese collation of their names. */
export function sortNames<T extends { readonly name: string }>(entries: T[]): T[] {
  if (entries.every((e) => PLAIN_NAME.test(e.name)))
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

function walk(dir: string, root: string, w: Walk, above: ReadonlySet<string>): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (thrown) {
    skip(w.out, { path: dir, reason: 'unreadable-folder', detail: codeOf(thrown) });
    return;
  }
  sortNames(entries);
  for (const entry of entries) {
    if (isInternal(entry.name)) continue;
    const path = join(dir, entry.name);
    const link = entry.isSymbolicLink();
    let info: BigIntStats;
    try {
      info = statNow(path); // follows a link
    } catch (thrown) {
      const code = codeOf(thrown);
      skip(
        w.out,
        link && code === 'ENOENT'
          ? { path, reason: 'broken-link' }
          : link && code === 'ELOOP'
            ? { path, reason: 'link-loop' }
            : { path, reason: 'unreadable', detail: code },
      );
      continue;
    }
    if (info.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const id = fileId(info, path);
      if (above.has(id)) {
        skip(w.out, { path, reason: 'link-loop' });
      } else if (id === w.options.outFolder) {
        skip(w.out, { path, reason: 'out-folder' });
      } else if (w.folders.has(id)) {
        skip(w.out, { path, reason: 'same-folder', detail: w.folders.get(id) });
      } else {
        w.folders.set(id, path);
        walk(path, root, w, new Set([...above, id]));
      }
    } else if (info.isFile()) {
      add(path, relative(root, path), info, link, true, w);
    } else {
      skip(w.out, { path, reason: nonRegular(info) });
    }
  }
}

function add(
  path: string,
  rel: string,
  info: BigIntStats,
  link: boolean,
  inFolder: boolean,
  w: Walk,
): void {
  const id = fileId(info, path);
  const first = w.files.get(id);
  if (first !== undefined) {
    if (first !== path) skip(w.out, { path, reason: 'same-file', detail: first });
    return;
  }
  w.files.set(id, path);
  w.out.met.add(id);
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  if (name.startsWith('~$')) skip(w.out, { path, reason: 'lock-file' });
  else if (inFolder && REPORT_NAMES.has(name.toLowerCase()))
    skip(w.out, { path, reason: 'own-report' });
  else if (ext === '.xlsx') {
    take(w.out, path);
    w.out.relative.set(path, rel);
    if (inFolder) w.out.inFolder.add(path);
    if (link) {
      let real = path;
      try {
        real = realpathSync.native(path);
      } catch {}
      w.out.links.set(path, real);
    }
  } else if (ext === '.xls') skip(w.out, { path, reason: 'old-xls' });
  else skip(w.out, { path, reason: 'not-xlsx' });
}

export async function collectInputs(
  paths: readonly string[],
  options: CollectOptions = {},
): Promise<Inputs> {
  const out: Inputs = {
    files: [],
    relative: new Map(),
    inFolder: new Set(),
    links: new Map(),
    skipped: [],
    missing: [],
    met: new Set(),
    order: new Map(),
  };

  const w: Walk = { out, options, folders: new Map(), files: new Map() };
  for (const path of paths) {
    let info: BigIntStats;
    try {
      info = statNow(path);
    } catch (thrown) {
      const code = codeOf(thrown);
      if (code === 'ENOENT' || code === 'ENOTDIR') out.missing.push(path);
      else skip(out, { path, reason: 'unreadable', detail: code });
      continue;
    }
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {}
    if (info.isDirectory()) {
      const id = fileId(info, path);
      if (w.folders.has(id)) continue; // the same folder given twice
      w.folders.set(id, path);
      walk(path, path, w, new Set([id]));
    } else if (info.isFile()) {
      add(path, basename(path), info, link, false, w);
    } else {
      skip(out, { path, reason: nonRegular(info) });
    }
  }
  return out;
}
