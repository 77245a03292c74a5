/**
 * Writing one file the user named (`targets import --out`, `template --out`): whole or not at
 * all, never over the file it was made from. One home for both commands.
 */
import { constants } from 'node:fs';
import { link, lstat, open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.js';

/** Whether two paths are the same file (through links too); false when either is missing. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
    if (ra === rb) return true;
    const [sa, sb] = await Promise.all([lstat(ra), lstat(rb)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Link errors of file systems without hard links: the move falls back to a checked rename. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Writes `bytes` to `path` whole or not at all: a temporary file beside it (created anew,
 * synced), then moved into place — by a hard link that fails if `path` exists, unless `replace`,
 * then by a rename over it. The temporary file is removed whatever happens.
 */
export async function writeWhole(
  path: string,
  bytes: Uint8Array | string,
  replace: boolean,
  failed: (code: string | undefined) => string,
): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.chitieu.tmp`,
  );
  const reason = (thrown: unknown) => (thrown as { code?: string }).code;
  try {
    const handle = await open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o644,
    );
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (replace) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (thrown) {
      const code = reason(thrown);
      if (code === 'EEXIST') throw thrown;
      if (!NO_LINKS.has(code ?? '')) throw thrown;
      // No hard links here: look once more, then rename.
      if (await lstat(path).catch(() => undefined))
        throw Object.assign(new Error(), { code: 'EEXIST' });
      await rename(temp, path);
    }
  } catch (thrown) {
    throw new UsageError(failed(reason(thrown)));
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
