/**
 * Finds where a JSON text first goes wrong, because `JSON.parse` in Node 20 does not always say.
 * A small recursive-descent scanner: returns the offset of the first error, or -1 when the text
 * is valid JSON. It validates only; `JSON.parse` still does the parsing.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail();
      } else if ((ch as string) < ' ') fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    else i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/** Where one value of a JSON text starts, and the key naming it when it is an object member. */
export interface JsonValuePosition {
  /** Offset of the value's first character. */
  readonly value: number;
  /** Offset of the opening quote of its key, for an object member. */
  readonly key?: number;
}

/** The key of a path in the map `jsonPositions` returns. */
export const jsonPathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

/** Values nested deeper than this are scanned but not recorded (a target set nests 7 deep). */
const RECORDED_DEPTH = 32;

/**
 * Where every value of a valid JSON text starts, by its path (`jsonPathKey`), so that an issue
 * found in the parsed value can name its line and column. Iterative, and linear in the text
 * (values below `RECORDED_DEPTH` levels are not recorded), so any nesting is fine; the text must
 * be valid JSON (check with `jsonErrorOffset` or `JSON.parse` first).
 */
export function jsonPositions(text: string): Map<string, JsonValuePosition> {
  const out = new Map<string, JsonValuePosition>();
  interface Frame {
    readonly kind: 'object' | 'array';
    /** null below the recorded depth. */
    readonly path: readonly (string | number)[] | null;
    index: number;
  }
  const stack: Frame[] = [];
  let i = 0;
  let pendingKey: { name: string; at: number } | undefined;
  const skipWs = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  /** Moves past a string starting at `i` (its opening quote); returns its end (exclusive). */
  const skipString = (): number => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) return ++i;
      else i++;
    }
    return i;
  };
  const here = (): (string | number)[] | null => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    if (top.path === null || top.path.length >= RECORDED_DEPTH) return null;
    return top.kind === 'array' ? [...top.path, top.index] : [...top.path, pendingKey?.name ?? ''];
  };
  while (i < text.length) {
    skipWs();
    if (i >= text.length) break;
    const top = stack[stack.length - 1];
    const ch = text[i];
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (ch === ',') {
      if (top?.kind === 'array') top.index++;
      i++;
      continue;
    }
    if (top?.kind === 'object' && pendingKey === undefined) {
      // a member's key, then its colon
      const at = i;
      const end = skipString();
      const name = top.path === null ? '' : (JSON.parse(text.slice(at, end)) as string);
      pendingKey = { name, at };
      skipWs();
      i++; // ':'
      continue;
    }
    const path = here();
    const key = top?.kind === 'object' ? pendingKey?.at : undefined;
    if (path !== null)
      out.set(jsonPathKey(path), key === undefined ? { value: i } : { value: i, key });
    pendingKey = undefined;
    if (ch === '{' || ch === '[') {
      stack.push({ kind: ch === '{' ? 'object' : 'array', path, index: 0 });
      i++;
    } else if (ch === '"') {
      skipString();
    } else {
      while (i < text.length && !',]} \t\n\r'.includes(text[i] as string)) i++;
    }
  }
  return out;
}

/** 1-based line and column of each offset of `text` (line breaks: \n, \r\n). */
export function lineColumnOf(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}
