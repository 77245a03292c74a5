/**
 * Reading a workbook from a file path (Node only; the rest of the package also runs in browsers).
 */

import { withFile, type XlsxError } from './errors.js';
import { type ReadOptions, resolveLimits } from './limits.js';
import { type ReadResult, readWorkbook } from './workbook.js';

function fileError(path: string, thrown: unknown): XlsxError {
  const code = (thrown as { code?: unknown } | null)?.code;
  const error: XlsxError =
    code === 'ENOENT'
      ? { code: 'unreadable', reason: 'not-found' }
      : code === 'EACCES' || code === 'EPERM'
        ? { code: 'unreadable', reason: 'permission-denied' }
        : code === 'EISDIR'
          ? { code: 'unreadable', reason: 'is-folder' }
          : code === 'EBUSY'
            ? { code: 'unreadable', reason: 'locked' }
            : {
                code: 'unreadable',
                reason: 'cannot-open',
                cause: thrown instanceof Error ? thrown.message : String(thrown),
              };
  return withFile(error, path);
}

/** Reads the workbook at `path`. Errors name the file (in `file`). Never throws. */
export async function readWorkbookFile(
  path: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  let data: Uint8Array;
  try {
    const { readFile, stat } = await import('node:fs/promises');
    const info = await stat(path);
    if (info.isDirectory()) return { success: false, error: fileError(path, { code: 'EISDIR' }) };
    const limits = resolveLimits(options);
    if (info.size > limits.maxFileSize) {
      const error: XlsxError = {
        code: 'too-large',
        what: 'file',
        size: info.size,
        limit: limits.maxFileSize,
      };
      return { success: false, error: withFile(error, path) };
    }
    data = await readFile(path);
  } catch (thrown) {
    return { success: false, error: fileError(path, thrown) };
  }
  const result = readWorkbook(data, options);
  return result.success ? result : { success: false, error: withFile(result.error, path) };
}
