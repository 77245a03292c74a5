import type { z } from 'zod';
import type { Locale } from '../messages/catalog.js';
import {
  describeTargetSetProblem,
  type JsonKind,
  type TargetSetProblem,
} from '../messages/target-set.js';
import {
  DATE_PATTERN,
  SLUG_PATTERN,
  type TargetSet,
  targetSetRuleIssues,
  targetSetSchema,
} from '../schema.js';
import { jsonErrorOffset, jsonPathKey, jsonPositions, lineColumnOf } from './json-position.js';

/**
 * The largest target-set file read: 2 MiB. The built-in sets are 3–16 KB, so this leaves room
 * for a hundred times the largest; a 56 MB file took half a minute to refuse.
 */
export const MAX_TARGET_SET_FILE_BYTES = 2 * 1024 * 1024;

/**
 * One problem in a target-set file: the path of the field (e.g. `indicators[3].targets[0].annual`,
 * empty for the file as a whole), the problem as data, its words, and where it is in the text.
 */
export interface TargetSetIssue {
  readonly path: string;
  readonly message: string;
  readonly problem: TargetSetProblem;
  /** 1-based line and column in the JSON text, when it was parsed from text. */
  readonly line?: number;
  readonly column?: number;
}

export interface TargetSetError {
  /** Where the target set came from (a file name), when the caller said. */
  readonly source?: string;
  readonly issues: readonly TargetSetIssue[];
}

export type TargetSetResult =
  | { readonly success: true; readonly data: TargetSet }
  | { readonly success: false; readonly error: TargetSetError };

export interface TargetSetParseOptions {
  /** Where the set comes from (a file name), named in the error. */
  readonly source?: string;
  /** The language of the messages: Vietnamese unless `en`. */
  readonly locale?: Locale;
  /**
   * The built-in set of an id, when there is one: a file may reuse a built-in id only for the
   * same content (pass `getBuiltinTargetSet`).
   */
  readonly builtin?: (id: string) => TargetSet | undefined;
}

type Options = string | TargetSetParseOptions | undefined;
const optionsOf = (o: Options): TargetSetParseOptions =>
  typeof o === 'string' ? { source: o } : (o ?? {});

/** `['indicators', 3, 'targets', 0, 'annual']` → `indicators[3].targets[0].annual`; `''` for none. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// zod's issues as problems: by their code and typed fields, never by zod's (English) message.

type Path = (string | number)[];
interface Located {
  readonly path: Path;
  readonly problem: TargetSetProblem;
}

const pathOf = (p: readonly PropertyKey[]): Path =>
  p.map((k) => (typeof k === 'number' ? k : String(k)));

function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

function expectedKind(expected: string): JsonKind {
  switch (expected) {
    case 'int':
      return 'integer';
    case 'tuple':
    case 'array':
      return 'array';
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
    case 'null':
      return expected;
    default:
      return 'other';
  }
}

/** A scalar as the message quotes it, cut to 40 characters. */
function shown(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

function problemsOf(issue: z.core.$ZodIssue, base: Path): Located[] {
  const path = [...base, ...pathOf(issue.path)];
  const one = (problem: TargetSetProblem): Located[] => [{ path, problem }];
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedKind(issue.expected);
      if (input === undefined) return one({ kind: 'missing', expected: [expected] });
      if (expected === 'integer' && typeof input === 'number')
        return one({ kind: 'not-integer', value: input });
      const value = shown(input);
      return one({
        kind: 'wrong-type',
        expected: [expected],
        received: kindOf(input),
        ...(value === undefined ? {} : { value }),
      });
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive ?? true;
      if (issue.origin === 'string' && issue.code === 'too_small' && limit <= 1)
        return one({ kind: 'empty' });
      if (issue.origin === 'array' || Array.isArray(input)) {
        const count = Array.isArray(input) ? input.length : 0;
        if (path[path.length - 1] === 'quarterly') return one({ kind: 'quarterly-length', count });
        return one(
          issue.code === 'too_small'
            ? { kind: 'too-few', minimum: limit, count }
            : { kind: 'too-many', maximum: limit, count },
        );
      }
      if (typeof input === 'number')
        return one(
          issue.code === 'too_small'
            ? { kind: 'too-small', minimum: limit, inclusive, value: input }
            : { kind: 'too-big', maximum: limit, inclusive, value: input },
        );
      return one({ kind: 'invalid' });
    }
    case 'invalid_format': {
      const value = text(input);
      if (issue.format === 'regex' && issue.pattern === String(SLUG_PATTERN))
        return one({ kind: 'bad-slug', value });
      if (issue.format === 'regex' && issue.pattern === String(DATE_PATTERN))
        return one({ kind: 'bad-date', value });
      return one({ kind: 'bad-format', value });
    }
    case 'invalid_value':
      return one({ kind: 'not-one-of', values: issue.values.map(text), received: text(input) });
    case 'unrecognized_keys':
      return issue.keys.map((field) => ({
        path: [...path, field],
        problem: { kind: 'unknown-field', field },
      }));
    case 'invalid_union': {
      if (issue.discriminator !== undefined && 'options' in issue) {
        // zod puts the discriminator's key in the path; the input is the object
        const tag =
          typeof input === 'object' && input !== null
            ? (input as Record<string, unknown>)[issue.discriminator]
            : input;
        const values = (issue.options ?? []).map(text);
        if (tag === undefined) return one({ kind: 'missing', expected: ['string'] });
        return one({ kind: 'not-one-of', values, received: text(tag) });
      }
      // A value that is neither shape ("abc" where a number or {value, …} goes) is one problem;
      // one that is nearly the object shape is told what is wrong inside it.
      const branches = issue.errors.filter(
        (errs) =>
          !(errs.length === 1 && errs[0]?.code === 'invalid_type' && errs[0].path.length === 0),
      );
      if (branches.length === 0) {
        const expected = [
          ...new Set(
            issue.errors.flatMap((errs) =>
              errs[0]?.code === 'invalid_type' ? [expectedKind(errs[0].expected)] : [],
            ),
          ),
        ];
        if (expected.length === 0) return one({ kind: 'invalid' });
        if (input === undefined) return one({ kind: 'missing', expected });
        const value = shown(input);
        return one({
          kind: 'wrong-type',
          expected,
          received: kindOf(input),
          ...(value === undefined ? {} : { value }),
        });
      }
      const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
      return best.flatMap((inner) => problemsOf(inner, path));
    }
    case 'custom': {
      const problem = issue.params?.problem as TargetSetProblem | undefined;
      return one(problem ?? { kind: 'invalid' });
    }
    default:
      return one({ kind: 'invalid' });
  }
}

// ---------------------------------------------------------------------------------------------

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function locate(
  found: readonly Located[],
  o: TargetSetParseOptions,
  where?: (found: Located) => { line: number; column: number } | undefined,
): TargetSetError {
  const locale = o.locale ?? 'vi';
  const seen = new Set<string>();
  const issues: (TargetSetIssue & { order: number })[] = [];
  found.forEach(({ path, problem }, order) => {
    const key = `${jsonPathKey(path)} ${JSON.stringify(problem)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const at = where?.({ path, problem });
    issues.push({
      path: formatIssuePath(path),
      message: describeTargetSetProblem(problem, locale),
      problem,
      ...(at ?? {}),
      order,
    });
  });
  // In the order of the file, so the reader can go through it top to bottom.
  issues.sort(
    (a, b) =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.order - b.order,
  );
  return {
    ...(o.source === undefined ? {} : { source: o.source }),
    issues: issues.map(({ order: _, ...issue }) => issue),
  };
}

function validate(input: unknown, o: TargetSetParseOptions): TargetSet | Located[] {
  const result = targetSetSchema().safeParse(input, { reportInput: true });
  // The cross-field rules are read from the input itself, so a type error does not hide them.
  const rules: Located[] = targetSetRuleIssues(input).map(({ path, problem }) => ({
    path: [...path],
    problem,
  }));
  if (result.success) {
    if (rules.length > 0) return rules;
    const builtin = o.builtin?.(result.data.id);
    if (
      builtin &&
      !sameValue({ ...result.data, $schema: undefined }, { ...builtin, $schema: undefined })
    )
      return [{ path: ['id'], problem: { kind: 'builtin-id', id: result.data.id } }];
    return result.data;
  }
  const shape = result.error.issues
    .filter((i) => !(i.code === 'custom' && i.params?.problem !== undefined))
    .flatMap((i) => problemsOf(i, []));
  return [...shape, ...rules];
}

/** Validates a target set given as a JS value. Reports every bad field, not only the first. */
export function parseTargetSet(input: unknown, options?: Options): TargetSetResult {
  const o = optionsOf(options);
  const checked = validate(input, o);
  if (!Array.isArray(checked)) return { success: true, data: checked };
  return { success: false, error: locate(checked, o) };
}

/**
 * Parses and validates the text of a target-set JSON file. Every issue names its line and
 * column: a syntax error where the text goes wrong, a bad field where its value (or, for a
 * missing field, the object that lacks it) starts. Texts over `MAX_TARGET_SET_FILE_BYTES` are
 * refused unread.
 */
export function parseTargetSetJson(input: string, options?: Options): TargetSetResult {
  const o = optionsOf(options);
  if (input.length > MAX_TARGET_SET_FILE_BYTES) {
    const problem: TargetSetProblem = {
      kind: 'too-large',
      size: input.length,
      limit: MAX_TARGET_SET_FILE_BYTES,
    };
    return { success: false, error: locate([{ path: [], problem }], o) };
  }
  const body = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lineColumn = lineColumnOf(body);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const offset = Math.max(0, jsonErrorOffset(body));
    const near = body.slice(offset, offset + 20).split(/\r?\n/)[0] ?? '';
    const problem: TargetSetProblem =
      offset >= body.length ? { kind: 'json-truncated' } : { kind: 'json-syntax', near };
    return {
      success: false,
      error: locate([{ path: [], problem }], o, () => lineColumn(Math.min(offset, body.length))),
    };
  }
  const checked = validate(value, o);
  if (!Array.isArray(checked)) return { success: true, data: checked };
  const positions = jsonPositions(body);
  const where = ({ path, problem }: Located) => {
    // a missing field: where the object that lacks it starts
    for (let n = path.length; n >= 0; n--) {
      const at = positions.get(jsonPathKey(path.slice(0, n)));
      if (at === undefined) continue;
      // an unknown field: where its key is; any other: where its value is
      const key = n === path.length && problem.kind === 'unknown-field' ? at.key : undefined;
      return lineColumn(key ?? at.value);
    }
    return undefined;
  };
  return { success: false, error: locate(checked, o, where) };
}

/**
 * One line per issue, for a terminal or a log, as compilers write them:
 * `file:12:5: indicators[3].annual: không được âm (đang là -5)`.
 */
export function formatTargetSetError(error: TargetSetError): string {
  return error.issues
    .map((issue) => {
      const where = issue.line === undefined ? '' : `${issue.line}:${issue.column ?? 1}`;
      const prefix = [error.source, where].filter((p) => p !== undefined && p !== '').join(':');
      const path = issue.path === '' ? '' : `${issue.path}: `;
      return `${prefix === '' ? '' : `${prefix}: `}${path}${issue.message}`;
    })
    .join('\n');
}
