/**
 * The JSON writer's batches: plain items (findings, units) are written many at a time by one
 * JSON.stringify, at the depth they stand at; the text is JSON.stringify's of the whole, byte for
 * byte, and still handed on in pieces.
 */
import { describe, expect, it } from 'vitest';
import { JsonObject, jsonChunks, Lazy } from '../src/report/json.js';

const finding = (i: number) => ({
  code: i % 3 === 0 ? 'met' : 'below-minimum',
  sheet: 'Tổng hợp',
  cell: `C${i}`,
  indicatorId: `ind-${i % 80}`,
  quarter: 2,
  value: i % 7 === 0 ? null : 74.5 + i,
  minimum: 80,
  message: `Tỷ lệ đạt ${i} %, "thấp hơn"\nmức tối thiểu\u2028`,
  ...(i % 5 === 0 ? { gap: undefined, unit: { name: `Xã ${i}`, level: null, row: i } } : {}),
  ...(i % 11 === 0 ? { raw: [i, 'x', { deep: [] }] } : {}),
});

/** The document with its items `Lazy` and its objects `JsonObject`s, as the report's tree is. */
const tree = (items: readonly unknown[]) =>
  new JsonObject({
    files: new Lazy(() => [
      new JsonObject({
        sheets: new Lazy(() => [new JsonObject({ findings: new Lazy(() => items), none: [] })]),
      }),
    ]),
  });
const plain = (items: readonly unknown[]) => ({
  files: [{ sheets: [{ findings: items, none: [] }] }],
});

describe('the JSON writer, a batch of items at a time', () => {
  for (const count of [0, 1, 2, 15, 16, 17, 1_000, 5_003]) {
    it(`${count} findings deep in the tree: JSON.stringify's text`, () => {
      const items = Array.from({ length: count }, (_, i) => finding(i));
      const expected = JSON.stringify(plain(items), null, 2);
      const chunks = [...jsonChunks(tree(items))];
      expect(chunks.join('')).toBe(expected);
      // in pieces of about 16,000 characters, never the whole
      if (count >= 1_000) {
        expect(chunks.length).toBeGreaterThan(expected.length / 40_000);
        expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(40_000);
      }
    });
  }

  it('items of every kind, plain ones between walked ones, at every depth', () => {
    const items: unknown[] = [
      1,
      undefined,
      () => 1,
      Symbol('s'),
      null,
      'chuỗi "x"',
      new Date('2025-07-10T08:00:00Z'),
      { toJSON: () => undefined },
      [],
      [1, [2, { a: 3 }]],
      {},
      finding(3),
      -0,
      Number.NaN,
      1e21,
    ];
    for (const depth of [0, 1, 2, 5, 9]) {
      let value: unknown = items;
      for (let i = 0; i < depth; i++) value = { [`k${i}`]: value, after: i };
      const expected = JSON.stringify(value, null, 2);
      expect([...jsonChunks(value)].join('')).toBe(expected);
      const lazy = (v: unknown): unknown =>
        Array.isArray(v)
          ? new Lazy(() => v)
          : v && typeof v === 'object' && !(v instanceof Date) && !('toJSON' in v)
            ? new JsonObject(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lazy(x)])))
            : v;
      expect([...jsonChunks(lazy(value))].join('')).toBe(expected);
    }
  });

  it("members left out as JSON.stringify leaves them out (a toJSON's undefined too)", () => {
    const value = new JsonObject({
      a: undefined,
      b: { toJSON: () => undefined },
      c: () => 1,
      d: { when: new Date(0), n: 1 },
      e: new Date(0),
    });
    expect([...jsonChunks({ x: value })].join('')).toBe(
      JSON.stringify({ x: { d: { when: new Date(0), n: 1 }, e: new Date(0) } }, null, 2),
    );
  });

  it('an indentation not of two-space steps (a tab): re-indented line by line', () => {
    const items = Array.from({ length: 40 }, (_, i) => finding(i));
    const expected = JSON.stringify({ f: items }, null, 2).replaceAll('\n', '\n\t');
    expect([...jsonChunks(new JsonObject({ f: new Lazy(() => items) }), '\t')].join('')).toBe(
      expected,
    );
    expect([...jsonChunks({ f: items }, '   ')].join('')).toBe(
      JSON.stringify({ f: items }, null, 2).replaceAll('\n', '\n   '),
    );
  });

  it('items of very different sizes: one large item among small ones, small ones after it', () => {
    const big = { cells: Array.from({ length: 3_000 }, (_, i) => `A${i}`) };
    const items = [
      ...Array.from({ length: 300 }, (_, i) => finding(i)),
      big,
      ...Array.from({ length: 300 }, (_, i) => i),
    ];
    expect([...jsonChunks(new Lazy(() => items), '    ')].join('')).toBe(
      JSON.stringify(items, null, 2).replaceAll('\n', '\n    '),
    );
  });
});
