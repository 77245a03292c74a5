import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { targetSetJsonSchema } from '../src/json-schema.js';
import type { Comparator, Indicator, TargetSet, Unit } from '../src/schema.js';
import {
  formatIssuePath,
  formatTargetSetError,
  parseTargetSet,
  parseTargetSetJson,
} from '../src/target-sets/load.js';

/** A small valid target set; each test overrides one thing. */
function makeSet(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'tinh-thu-2026',
    title: 'Bộ chỉ tiêu thử',
    document: {
      type: 'Quyết định',
      number: '1/QĐ-UBND',
      date: '2026-01-15',
      issuer: 'UBND tỉnh Thử',
    },
    province: 'Thử',
    year: 2026,
    levels: [
      { id: 'tinh', name: 'Cấp tỉnh' },
      { id: 'xa', name: 'UBND cấp xã' },
    ],
    sections: [{ id: 'I', title: 'Phục vụ người dân' }],
    indicators: [
      {
        id: 'thanh-toan',
        stt: '1',
        section: 'I',
        name: 'Tỷ lệ thanh toán trực tuyến',
        shortName: 'Thanh toán trực tuyến',
        unit: { kind: 'percent' },
        targets: [
          {
            appliesTo: { levels: ['tinh'] },
            lead: 'Các sở',
            annual: 80,
            quarterly: [50, 60, 70, 80],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('target-set schema', () => {
  it('accepts a valid set and applies defaults', () => {
    const r = parseTargetSet(makeSet());
    expect(r.success).toBe(true);
    if (!r.success) return;
    const ind = r.data.indicators[0];
    expect(ind?.direction).toBe('higher-is-better');
    expect(ind?.aliases).toEqual([]);
    expect(ind?.targets[0]?.coordinators).toEqual([]);
    expect(ind?.targets[0]?.appliesTo.agencies).toEqual([]);
    expect(r.data.levels[0]?.aliases).toEqual([]);
  });

  it('levels are data: a province with only province and commune levels is fine', () => {
    const r = parseTargetSet(makeSet());
    expect(r.success && r.data.levels.map((l) => l.id)).toEqual(['tinh', 'xa']);
  });

  it('reports every bad field with its path, not only the first', () => {
    const bad = makeSet({
      id: 'Có Dấu',
      year: 1800,
      indicators: [
        {
          id: 'a',
          stt: '1',
          section: 'IX',
          name: 'A',
          shortName: 'A',
          unit: { kind: 'percent' },
          targets: [
            {
              appliesTo: { levels: ['huyen'] },
              lead: 'X',
              annual: 105,
              quarterly: [50, 60, 'bảy mươi', 80],
              comparator: 'at-most',
            },
          ],
        },
        {
          id: 'a',
          stt: '2',
          section: 'I',
          name: 'B',
          shortName: 'B',
          unit: { kind: 'points' },
          targets: [],
        },
      ],
    });
    const r = parseTargetSet(bad, 'bad.json');
    expect(r.success).toBe(false);
    if (r.success) return;
    const paths = r.error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'year',
        'indicators[0].targets[0].quarterly[2]',
        'indicators[1].unit.max',
        'indicators[1].targets',
      ]),
    );
    expect(r.error.source).toBe('bad.json');
    expect(formatTargetSetError(r.error)).toContain(
      'bad.json: id: "Có Dấu" không dùng được làm mã: chỉ chữ thường không dấu và chữ số',
    );
  });

  it('checks cross-field rules: known levels and sections, unique ids, ranges, comparator fits direction', () => {
    const bad = makeSet({
      levels: [
        { id: 'tinh', name: 'Cấp tỉnh' },
        { id: 'tinh', name: 'Lặp' },
      ],
      indicators: [
        {
          id: 'a',
          stt: '1',
          section: 'IX',
          name: 'A',
          shortName: 'A',
          unit: { kind: 'percent' },
          targets: [
            { appliesTo: { levels: ['huyen'] }, lead: 'X', annual: 105, comparator: 'at-most' },
          ],
        },
        {
          id: 'a',
          stt: '2',
          section: 'I',
          name: 'B',
          shortName: 'B',
          unit: { kind: 'points', max: 18 },
          targets: [{ appliesTo: {}, lead: 'X', quarterly: [null, 19.1, null, null] }],
        },
        {
          id: 'c',
          stt: '3',
          section: 'I',
          name: 'C',
          shortName: 'C',
          unit: { kind: 'count' },
          targets: [{ appliesTo: { levels: ['tinh'] }, lead: 'X' }],
        },
      ],
    });
    const r = parseTargetSet(bad);
    expect(r.success).toBe(false);
    if (r.success) return;
    const byPath = Object.fromEntries(r.error.issues.map((i) => [i.path, i.message]));
    expect(byPath['levels[1].id']).toBe('mã cấp "tinh" bị trùng (đã dùng ở levels[0].id)');
    expect(byPath['indicators[0].section']).toBe('không có mục "IX" trong sections (có: I)');
    expect(byPath['indicators[0].targets[0].appliesTo.levels[0]']).toBe(
      'không có cấp "huyen" trong levels (có: tinh)',
    );
    expect(byPath['indicators[0].targets[0].annual']).toBe(
      'tỷ lệ phần trăm phải từ 0 đến 100 (đang là 105)',
    );
    expect(byPath['indicators[0].targets[0].comparator']).toBe(
      'phép so sánh "at-most" không hợp với chỉ tiêu càng cao càng tốt (dùng "at-least" hoặc "above")',
    );
    expect(byPath['indicators[1].id']).toBe(
      'mã chỉ tiêu "a" bị trùng (đã dùng ở indicators[0].id)',
    );
    expect(byPath['indicators[1].targets[0].appliesTo']).toBe(
      'phải nêu ít nhất một cấp (levels) hoặc một cơ quan (agencies)',
    );
    expect(byPath['indicators[1].targets[0].quarterly[1]']).toBe(
      'không được vượt số điểm tối đa 18 (đang là 19,1)',
    );
    expect(byPath['indicators[2].targets[0]']).toBe(
      'cần chỉ tiêu năm (annual) hoặc ít nhất một mức tối thiểu theo quý (quarterly), hoặc "noTarget": true khi văn bản không đặt chỉ tiêu',
    );
    const en = parseTargetSet(bad, { locale: 'en' });
    expect(!en.success && en.error.issues.find((i) => i.path === 'levels[1].id')?.message).toBe(
      'duplicate level id "tinh" (first used at levels[0].id)',
    );
  });

  it('takes what a document leaves unsaid: no lead, levels not stated, a number inferred, no target', () => {
    const [base] = makeSet().indicators as Record<string, unknown>[];
    const r = parseTargetSet(
      makeSet({
        document: {
          type: 'Quyết định',
          number: '1/QĐ-UBND',
          issuer: 'UBND tỉnh Thử',
          effectiveFrom: '2026-03-01',
          basis: ['Nghị quyết số 01/NQ-CP'],
        },
        indicators: [
          {
            ...base,
            basis: ['Công văn số 5547/BTTTT-CĐSQG'],
            targets: [
              {
                appliesTo: { levels: ['tinh', 'xa'], stated: false },
                annual: 80,
                quarterly: [{ value: 40, inferredFrom: 'Sở Y tế (40,8%/40%)' }, 60, null, null],
              },
            ],
          },
          {
            id: 'diem',
            stt: '2',
            section: 'I',
            name: 'Công khai, minh bạch',
            shortName: 'Công khai, minh bạch',
            unit: { kind: 'points', max: 18 },
            targets: [{ appliesTo: { levels: ['tinh'] }, noTarget: true }],
          },
        ],
      }),
    );
    expect(r.success ? [] : r.error.issues).toEqual([]);
    if (!r.success) return;
    const [row] = r.data.indicators[0]?.targets ?? [];
    expect(row?.lead).toBeUndefined();
    expect(row?.appliesTo).toEqual({ levels: ['tinh', 'xa'], agencies: [], stated: false });
    expect(row?.quarterly?.[0]).toEqual({ value: 40, inferredFrom: 'Sở Y tế (40,8%/40%)' });
    expect(r.data.indicators[0]?.basis).toEqual(['Công văn số 5547/BTTTT-CĐSQG']);
    expect(r.data.document.effectiveFrom).toBe('2026-03-01');
    expect(r.data.indicators[1]?.targets[0]?.noTarget).toBe(true);
    // the old shape is still valid and gets none of the new fields
    const old = parseTargetSet(makeSet());
    expect(old.success && Object.keys(old.data.indicators[0]?.targets[0]?.appliesTo ?? {})).toEqual(
      ['levels', 'agencies'],
    );
  });

  it('tells every misuse of those fields by its path', () => {
    const [base] = makeSet().indicators as Record<string, unknown>[];
    const r = parseTargetSet(
      makeSet({
        document: {
          type: 'Quyết định',
          number: '1',
          issuer: 'UBND',
          effectiveFrom: '1/3/2026',
        },
        indicators: [
          {
            ...base,
            basis: [''],
            targets: [
              {
                appliesTo: { levels: ['tinh'], stated: 'no' },
                lead: '',
                annual: { value: 80, inferredFrom: '' },
              },
              { appliesTo: { levels: ['xa'] }, noTarget: true, annual: 50 },
              { appliesTo: { levels: ['xa'] }, noTarget: false, annual: 50 },
            ],
          },
        ],
      }),
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.path, i.message])).toEqual([
      [
        'document.effectiveFrom',
        '"1/3/2026" không phải ngày dạng năm, năm-tháng hoặc năm-tháng-ngày (ví dụ "2025", "2025-01", "2025-01-15")',
      ],
      ['indicators[0].basis[0]', 'không được để trống'],
      [
        'indicators[0].targets[0].appliesTo.stated',
        'phải là true hoặc false, không phải chuỗi ("no")',
      ],
      ['indicators[0].targets[0].lead', 'không được để trống'],
      ['indicators[0].targets[0].annual.inferredFrom', 'không được để trống'],
      ['indicators[0].targets[2].noTarget', 'giá trị "false" không hợp lệ; dùng một trong: "true"'],
      // (the cross-field rules after the shape: a JS value has no lines to order them by)
      [
        'indicators[0].targets[1].noTarget',
        'dòng ghi "noTarget": true (văn bản không đặt chỉ tiêu) nhưng lại có chỉ tiêu năm hoặc mức tối thiểu theo quý: bỏ một trong hai',
      ],
    ]);
  });

  it('allows lower-is-better indicators with at-most comparators', () => {
    const r = parseTargetSet(
      makeSet({
        indicators: [
          {
            id: 'qua-han',
            stt: '1',
            section: 'I',
            name: 'Số hồ sơ quá hạn',
            shortName: 'Hồ sơ quá hạn',
            unit: { kind: 'count' },
            direction: 'lower-is-better',
            targets: [
              { appliesTo: { levels: ['tinh'] }, lead: 'X', annual: 0, comparator: 'at-most' },
            ],
          },
        ],
      }),
    );
    expect(r.success).toBe(true);
  });

  it('names the line and column of a JSON syntax error', () => {
    const r = parseTargetSetJson('{\n  "id": "x",\n  "title": \n}', 'broken.json');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.source).toBe('broken.json');
    expect(r.error.issues[0]).toMatchObject({
      path: '',
      line: 4,
      column: 1,
      message: 'JSON không hợp lệ, gần "}"',
      problem: { kind: 'json-syntax', near: '}' },
    });
    expect(formatTargetSetError(r.error)).toBe('broken.json:4:1: JSON không hợp lệ, gần "}"');
  });

  it('parses JSON text with a byte-order mark', () => {
    const r = parseTargetSetJson(`\uFEFF${JSON.stringify(makeSet())}`);
    expect(r.success).toBe(true);
  });

  it('formats issue paths', () => {
    expect(formatIssuePath(['indicators', 3, 'targets', 0, 'annual'])).toBe(
      'indicators[3].targets[0].annual',
    );
    expect(formatIssuePath([])).toBe('');
  });

  it('infers the types developers use', () => {
    expectTypeOf<Unit>().toEqualTypeOf<
      { kind: 'percent' } | { kind: 'points'; max: number } | { kind: 'count' }
    >();
    expectTypeOf<Comparator>().toEqualTypeOf<'at-least' | 'above' | 'at-most' | 'below'>();
    expectTypeOf<Indicator['direction']>().toEqualTypeOf<'higher-is-better' | 'lower-is-better'>();
    expectTypeOf<TargetSet['year']>().toEqualTypeOf<number>();
  });
});

describe('JSON Schema for target-set files', () => {
  it('describes the top-level fields', () => {
    const schema = targetSetJsonSchema();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['id', 'title', 'document', 'levels', 'sections', 'indicators']),
    );
  });

  it('is the committed schema/target-set.schema.json (run `pnpm --filter @chitieu/engine schema` after changing the schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../schema/target-set.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(targetSetJsonSchema())));
  });
});
