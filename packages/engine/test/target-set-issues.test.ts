/**
 * Target-set files: every bad field is reported at once (a type error does not hide range or
 * duplicate errors), worded by our catalogs (Vietnamese by default, never zod's English), with
 * the line and column of the field; built-in ids and oversized texts are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTargetSetProblem } from '../src/messages/target-set.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { jsonPathKey, jsonPositions, lineColumnOf } from '../src/target-sets/json-position.js';
import {
  formatTargetSetError,
  MAX_TARGET_SET_FILE_BYTES,
  parseTargetSet,
  parseTargetSetJson,
} from '../src/target-sets/load.js';

// Line numbers are the ones an editor shows; each bad field is marked at the end of its line.
const BAD = `{
  "id": "Bộ chỉ tiêu",
  "title": "Bộ chỉ tiêu thử",
  "document": { "type": "Kế hoạch", "number": "1/KH-UBND", "date": "15/01/2025", "issuer": "UBND" },
  "province": "Thử",
  "year": "hai nghìn",
  "levels": [
    { "id": "so", "name": "Các sở" },
    { "id": "so", "name": "Lặp", "ten": "x" }
  ],
  "sections": [
    { "id": "I", "title": "Một" },
    { "id": "I", "title": "Lặp" }
  ],
  "indicators": [
    {
      "id": "a",
      "stt": "1",
      "section": "I",
      "name": "A",
      "shortName": "A",
      "unit": { "kind": "phan-tram" },
      "targets": [
        { "appliesTo": { "levels": ["so"] }, "lead": "X", "annual": 150, "quarterly": [1, 2, 3] }
      ]
    },
    {
      "id": "b",
      "stt": "1.",
      "section": "I",
      "name": "B",
      "unit": { "kind": "percent" },
      "direction": "up",
      "targets": [
        { "appliesTo": { "levels": ["tinh"] }, "lead": "", "annual": "abc",
          "quarterly": [null, { "value": "x" }, -5, 120] }
      ]
    }
  ]
}
`;

describe('a target-set file with many bad fields of different kinds', () => {
  const r = parseTargetSetJson(BAD, 'sai.json');
  if (r.success) throw new Error('should fail');
  const rows = r.error.issues.map((i) => [`${i.line}:${i.column}`, i.path, i.message]);

  it('reports every one, in the order of the file, with its path, line and column, in Vietnamese', () => {
    expect(rows).toEqual([
      [
        '2:9',
        'id',
        '"Bộ chỉ tiêu" không dùng được làm mã: chỉ chữ thường không dấu và chữ số, nối bằng "-" (ví dụ "binh-phuoc-2025")',
      ],
      [
        '4:68',
        'document.date',
        '"15/01/2025" không phải ngày dạng năm, năm-tháng hoặc năm-tháng-ngày (ví dụ "2025", "2025-01", "2025-01-15")',
      ],
      ['6:11', 'year', 'phải là số, không phải chuỗi ("hai nghìn")'],
      ['9:13', 'levels[1].id', 'mã cấp "so" bị trùng (đã dùng ở levels[0].id)'],
      ['9:34', 'levels[1].ten', 'trường "ten" không có trong định dạng bộ chỉ tiêu (gõ sai tên?)'],
      ['13:13', 'sections[1].id', 'mã mục "I" bị trùng (đã dùng ở sections[0].id)'],
      [
        '22:25',
        'indicators[0].unit.kind',
        'giá trị "phan-tram" không hợp lệ; dùng một trong: "percent", "points", "count"',
      ],
      [
        '24:87',
        'indicators[0].targets[0].quarterly',
        'cần đúng 4 giá trị cho Quý I–IV (null cho quý không có mức tối thiểu), đang có 3',
      ],
      ['27:5', 'indicators[1].shortName', 'thiếu trường bắt buộc (cần chuỗi)'],
      [
        '29:14',
        'indicators[1].stt',
        'số thứ tự "1." bị trùng trong mục "I" (đã dùng ở indicators[0].stt)',
      ],
      [
        '33:20',
        'indicators[1].direction',
        'giá trị "up" không hợp lệ; dùng một trong: "higher-is-better", "lower-is-better"',
      ],
      [
        '35:37',
        'indicators[1].targets[0].appliesTo.levels[0]',
        'không có cấp "tinh" trong levels (có: so)',
      ],
      ['35:56', 'indicators[1].targets[0].lead', 'không được để trống'],
      [
        '35:70',
        'indicators[1].targets[0].annual',
        'phải là số hoặc đối tượng {…}, không phải chuỗi ("abc")',
      ],
      [
        '36:42',
        'indicators[1].targets[0].quarterly[1].value',
        'phải là số, không phải chuỗi ("x")',
      ],
      ['36:49', 'indicators[1].targets[0].quarterly[2]', 'không được âm (đang là -5)'],
      [
        '36:53',
        'indicators[1].targets[0].quarterly[3]',
        'tỷ lệ phần trăm phải từ 0 đến 100 (đang là 120)',
      ],
    ]);
  });

  it('a type error does not hide a range or duplicate error (the 150 % beside a wrong type)', () => {
    // indicators[0].unit is invalid, so its range is unknown: no range error is guessed there;
    // indicators[1] has a valid unit and both a type error and range errors, all told.
    expect(rows.map((row) => row[1])).not.toContain('indicators[0].targets[0].annual');
    expect(r.error.issues.map((i) => i.problem.kind)).toEqual(
      expect.arrayContaining(['wrong-type', 'duplicate-id', 'duplicate-stt', 'percent-range']),
    );
  });

  it('no message is zod English', () => {
    for (const issue of r.error.issues)
      expect(issue.message).not.toMatch(/invalid|expected|received|unrecognized|too small/i);
  });

  it('is English with locale en', () => {
    const en = parseTargetSetJson(BAD, { source: 'sai.json', locale: 'en' });
    expect(en.success).toBe(false);
    if (en.success) return;
    expect(en.error.issues.map((i) => i.message)).toContain(
      'must be a number, not a string ("hai nghìn")',
    );
    expect(en.error.issues.map((i) => i.message)).toContain(
      'duplicate number "1." in section "I" (first used at indicators[0].stt)',
    );
  });

  it('formats as file:line:column: path: message', () => {
    const lines = formatTargetSetError(r.error).split('\n');
    expect(lines).toHaveLength(rows.length);
    expect(lines[2]).toBe('sai.json:6:11: year: phải là số, không phải chuỗi ("hai nghìn")');
  });
});

describe('target-set files: other refusals', () => {
  const good = getBuiltinTargetSet('binh-phuoc-2024-thanh-toan');
  if (!good) throw new Error('built-in set missing');

  it('a file that reuses a built-in id for other content is refused; the same content is fine', () => {
    const builtin = getBuiltinTargetSet;
    const same = parseTargetSetJson(JSON.stringify(good, null, 2), { builtin });
    expect(same.success).toBe(true);
    const altered = structuredClone(good);
    const row = altered.indicators[0]?.targets[0];
    if (!row) throw new Error('no row');
    row.annual = 10;
    const text = JSON.stringify(altered, null, 2);
    const r = parseTargetSetJson(text, { source: 'gia.json', builtin });
    expect(r.success).toBe(false);
    if (r.success) return;
    const line = text.split('\n').findIndex((l) => l.startsWith('  "id": ')) + 1;
    expect(formatTargetSetError(r.error)).toBe(
      `gia.json:${line}:9: id: mã "${good.id}" là của một bộ chỉ tiêu có sẵn nhưng nội dung khác; hãy đặt mã khác cho bộ chỉ tiêu này`,
    );
    // without the built-ins given, the same file is a valid set
    expect(parseTargetSetJson(text).success).toBe(true);
  });

  it(`refuses a text over ${MAX_TARGET_SET_FILE_BYTES} characters, with that one issue`, () => {
    const big = `{"id": "x", "pad": "${'a'.repeat(MAX_TARGET_SET_FILE_BYTES)}"}`;
    const r = parseTargetSetJson(big, 'lon.json');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toHaveLength(1);
    expect(r.error.issues[0]?.problem).toEqual({
      kind: 'too-large',
      size: big.length,
      limit: MAX_TARGET_SET_FILE_BYTES,
    });
    expect(r.error.issues[0]?.message).toBe(
      'tệp quá lớn (2 MB); tệp bộ chỉ tiêu được đọc tối đa 2 MB',
    );
  });

  it('a JSON text that ends too early says so, with where', () => {
    const r = parseTargetSetJson('{\n  "id": "x",\n  "levels": [', 'cut.json');
    expect(!r.success && formatTargetSetError(r.error)).toBe(
      'cut.json:3:14: JSON không hợp lệ: văn bản kết thúc khi chưa hết giá trị',
    );
  });

  it('a value that is not an object at all is one issue', () => {
    const r = parseTargetSet('abc');
    expect(!r.success && r.error.issues.map((i) => [i.path, i.message])).toEqual([
      ['', 'phải là đối tượng {…}, không phải chuỗi ("abc")'],
    ]);
  });

  it("numbers in messages are written the language's way", () => {
    const sample = describeTargetSetProblem({ kind: 'not-integer', value: 2025.5 });
    expect(sample).toBe('phải là số nguyên (đang là 2.025,5)');
    expect(describeTargetSetProblem({ kind: 'not-integer', value: 2025.5 }, 'en')).toBe(
      'must be a whole number (is 2,025.5)',
    );
  });
});

describe('jsonPositions', () => {
  it('finds where each value and key starts, at any depth', () => {
    const text = '{\n  "a": [1, {"b": "x"}],\n  "c": null\n}';
    const at = jsonPositions(text);
    const lc = lineColumnOf(text);
    const where = (path: (string | number)[]) => {
      const p = at.get(jsonPathKey(path));
      return p && { value: lc(p.value), key: p.key === undefined ? undefined : lc(p.key) };
    };
    expect(where([])).toEqual({ value: { line: 1, column: 1 }, key: undefined });
    expect(where(['a'])).toEqual({ value: { line: 2, column: 8 }, key: { line: 2, column: 3 } });
    expect(where(['a', 1, 'b'])).toEqual({
      value: { line: 2, column: 18 },
      key: { line: 2, column: 13 },
    });
    expect(where(['c'])).toEqual({ value: { line: 3, column: 8 }, key: { line: 3, column: 3 } });
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    expect(jsonPositions(deep).size).toBe(33); // recorded down to 32 levels below the root
  });

  it('records every value of any JSON text at the place its text starts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (root) => {
        const text = JSON.stringify(root);
        const at = jsonPositions(text);
        const walk = (value: unknown, path: (string | number)[]) => {
          const own = JSON.stringify(value);
          const p = at.get(jsonPathKey(path));
          expect(p && text.slice(p.value, p.value + own.length)).toBe(own);
          if (Array.isArray(value)) {
            for (const [i, v] of value.entries()) walk(v, [...path, i]);
          } else if (value !== null && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
        };
        walk(JSON.parse(text), []);
      }),
      { numRuns: 300 },
    );
  });
});
