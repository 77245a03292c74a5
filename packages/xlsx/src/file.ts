/**
 * Reading a workbook from a file path (Node only; the rest of the package also runs in browsers).
 */

import { withFile, type XlsxError } from './errors.js';
import { formatBytes, type ReadOptions, resolveLimits } from './limits.js';
import { type ReadResult, readWorkbook } from './workbook.js';

function fileError(path: string, thrown: unknown): XlsxError {
  const code = (thrown as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'The file does not exist.'
      : code === 'EACCES' || code === 'EPERM'
        ? 'The file cannot be opened: permission denied.'
        : code === 'EISDIR'
          ? 'This is a folder, not a file.'
          : code === 'EBUSY'
            ? 'The file is locked by another program (is it open in Excel?).'
            : `The file cannot be opened (${thrown instanceof Error ? thrown.message : String(thrown)}).`;
  return withFile({ code: 'unreadable', message: reason }, path);
}

/** Reads the workbook at `path`. Errors name the file (in `file` and in the message). Never throws. */
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
      const message = `The file is ${formatBytes(info.size)}, more than the ${formatBytes(limits.maxFileSize)} limit.`;
      return { success: false, error: withFile({ code: 'too-large', message }, path) };
    }
    data = await readFile(path);
  } catch (thrown) {
    return { success: false, error: fileError(path, thrown) };
  }
  const result = readWorkbook(data, options);
  return result.success ? result : { success: false, error: withFile(result.error, path) };
}
