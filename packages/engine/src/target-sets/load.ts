import type { z } from 'zod';
import { type TargetSet, TargetSetSchema } from '../schema.js';
import { jsonErrorOffset } from './json-position.js';

/** One problem in a target-set file, with the path of the field, e.g. `indicators[3].targets[0].annual`. */
export interface TargetSetIssue {
  readonly path: string;
  readonly message: string;
}

export interface TargetSetError {
  /** Where the target set came from (a file name), when the caller said. */
  readonly source?: string;
  readonly issues: readonly TargetSetIssue[];
}

export type TargetSetResult =
  | { readonly success: true; readonly data: TargetSet }
  | { readonly success: false; readonly error: TargetSetError };

/** `['indicators', 3, 'targets', 0, 'annual']` → `indicators[3].targets[0].annual`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function toIssues(error: z.ZodError): TargetSetIssue[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
}

/** Validates a target set given as a JS value. Reports every bad field, not only the first. */
export function parseTargetSet(input: unknown, source?: string): TargetSetResult {
  const result = TargetSetSchema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    error: { ...(source === undefined ? {} : { source }), issues: toIssues(result.error) },
  };
}

/** Where in `text` the character at `offset` is, as 1-based line and column. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses and validates the text of a target-set JSON file; a syntax error names its line and column. */
export function parseTargetSetJson(text: string, source?: string): TargetSetResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const offset = jsonErrorOffset(body);
    const where = lineColumn(body, Math.max(0, offset));
    const near = body.slice(Math.max(0, offset), Math.max(0, offset) + 20).split('\n')[0] ?? '';
    const issue: TargetSetIssue = {
      path: '(json)',
      message:
        offset >= body.length
          ? `invalid JSON: the text ends too early (line ${where.line}, column ${where.column})`
          : `invalid JSON at line ${where.line}, column ${where.column}, near "${near}"`,
    };
    return {
      success: false,
      error: { ...(source === undefined ? {} : { source }), issues: [issue] },
    };
  }
  return parseTargetSet(value, source);
}

/** One line per issue, for a terminal or a log: `file: indicators[3].annual: must not be negative`. */
export function formatTargetSetError(error: TargetSetError): string {
  const prefix = error.source === undefined ? '' : `${error.source}: `;
  return error.issues.map((issue) => `${prefix}${issue.path}: ${issue.message}`).join('\n');
}
