/** Finds the workbooks to check among the paths given: files and folders, recursively. */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';

export interface Inputs {
  /** .xlsx files, in a stable order. */
  readonly files: string[];
  /** For each file, its path below the folder it was found in (its name when given directly). */
  readonly relative: Map<string, string>;
  /** Other files met in folders or named directly, with why they are not checked. */
  readonly skipped: { path: string; reason: 'not-xlsx' | 'old-xls' | 'lock-file' }[];
  /** Paths that do not exist. */
  readonly missing: string[];
}

function isXlsx(path: string): boolean {
  return extname(path).toLowerCase() === '.xlsx';
}

async function walk(dir: string, root: string, out: Inputs, seen: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      await walk(path, root, out, seen);
    } else if (entry.isFile()) {
      add(path, relative(root, path), out, seen);
    }
  }
}

function add(path: string, rel: string, out: Inputs, seen: Set<string>): void {
  if (seen.has(path)) return;
  seen.add(path);
  if (basename(path).startsWith('~$')) out.skipped.push({ path, reason: 'lock-file' });
  else if (isXlsx(path)) {
    out.files.push(path);
    out.relative.set(path, rel);
  } else if (extname(path).toLowerCase() === '.xls') out.skipped.push({ path, reason: 'old-xls' });
  else out.skipped.push({ path, reason: 'not-xlsx' });
}

export async function collectInputs(paths: readonly string[]): Promise<Inputs> {
  const out: Inputs = { files: [], relative: new Map(), skipped: [], missing: [] };
  const seen = new Set<string>();
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      out.missing.push(path);
      continue;
    }
    if (info.isDirectory()) await walk(path, path, out, seen);
    else add(path, basename(path), out, seen);
  }
  return out;
}
