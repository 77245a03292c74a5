/**
 * Every finding the engine can make and every problem a target-set file can have, worded in
 * both languages: nothing empty, no internal names (codes, unit kinds, packed details) and no
 * English in the Vietnamese words, and the English really English. The samples are records
 * over every code and reason, so a new one without a sample is a type error.
 */
import { describe, expect, it } from 'vitest';
import type { NoticeCode, SheetNotice } from '../src/annex/notices.js';
import { NOTICE_CODES } from '../src/annex/notices.js';
import type { Finding, Minimum, NotAnAnnexFinding, NotApplicableReason } from '../src/findings.js';
import { catalogs, LOCALES } from '../src/messages/catalog.js';
import { describeFinding } from '../src/messages/describe.js';
import { describeNotice } from '../src/messages/notices.js';
import { describeTargetSetProblem, type TargetSetProblem } from '../src/messages/target-set.js';
import type { InvalidFields, InvalidReason, MissingReason } from '../src/parse/types.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';

const set = getBuiltinTargetSet('binh-phuoc-2025');
const percent = { kind: 'percent' } as const;
const quarterly: Minimum = {
  value: 75,
  comparator: 'at-least',
  source: 'quarterly',
  unit: percent,
};
const base = { indicatorId: 'ho-so-truc-tuyen', quarter: 2 as const };

const missing: Record<MissingReason | 'absent', Finding> = {
  blank: { ...base, code: 'missing-value', reason: 'blank', raw: null, minimum: quarterly },
  placeholder: { ...base, code: 'missing-value', reason: 'placeholder', raw: '-' },
  absent: { ...base, code: 'missing-value', reason: 'absent' },
  'not-calculated': {
    ...base,
    code: 'missing-value',
    reason: 'not-calculated',
    raw: null,
    minimum: quarterly,
  },
};

/** Each invalid reason, with every variant of its typed fields. */
const invalid: Record<InvalidReason, readonly (InvalidFields & { raw: string | number })[]> = {
  'error-value': [{ raw: '#DIV/0!', error: '#DIV/0!' }, { raw: '#N/A' }],
  unreadable: [
    { raw: 'đạt', cause: 'not-a-number' },
    { raw: 'x'.repeat(300), cause: 'too-long' },
    { raw: '5/0', cause: 'bad-maximum', max: 0 },
    { raw: Number.POSITIVE_INFINITY, cause: 'not-finite' },
    { raw: 'abc', cause: 'malformed-cell', malformed: 'bad-shared-string' },
  ],
  ambiguous: [{ raw: '1.234', readings: [1234, 1.234] }],
  'ambiguous-scale': [
    { raw: 0.86, readings: [0.86, 86], ambiguity: 'mixed' },
    { raw: '0,5', readings: [0.5, 50], ambiguity: 'mixed' },
    { raw: 1, readings: [1, 100], ambiguity: 'ones' },
  ],
  'out-of-range': [
    { raw: 1.05, value: 105, range: 'percent' },
    { raw: -3, value: -3, range: 'non-negative' },
  ],
  'above-maximum': [{ raw: '19,1/18', value: 19.1, max: 18 }],
  'maximum-mismatch': [
    {
      raw: '19,1/18',
      value: 19.1,
      max: 18,
      expected: { kind: 'points', max: 20 },
      written: { kind: 'points', max: 18 },
    },
  ],
  'change-mismatch': [
    { raw: '+0,5', value: 0.5, compared: [7.52, 11.3], change: 3.78 },
    { raw: '- 0,8', value: -0.8, compared: [4, 4.8], change: 0.8 },
  ],
  'wrong-type': [
    { raw: 45000, holds: 'date' },
    { raw: 'TRUE', holds: 'boolean' },
    { raw: '?', holds: 'other' },
  ],
  'unit-mismatch': [
    {
      raw: '11,3/18',
      value: 11.3,
      max: 18,
      expected: percent,
      written: { kind: 'points', max: 18 },
    },
    { raw: '76%', value: 76, expected: { kind: 'points', max: 18 }, written: percent },
    { raw: '5%', value: 5, expected: { kind: 'count' }, written: percent },
    {
      raw: '19/20',
      value: 19,
      max: 20,
      expected: { kind: 'points', max: 18 },
      written: { kind: 'points', max: 20 },
    },
    { raw: '7/9', value: 7, expected: { kind: 'any' }, written: { kind: 'points' } },
  ],
};

const notApplicable: Record<NotApplicableReason, Finding> = {
  level: {
    ...base,
    code: 'not-applicable',
    reason: 'level',
    appliesTo: { levels: ['huyen', 'xa'], agencies: [] },
  },
  agency: {
    ...base,
    code: 'not-applicable',
    reason: 'agency',
    appliesTo: { levels: [], agencies: ['Sở Nội vụ'] },
  },
  'no-minimum': { ...base, code: 'not-applicable', reason: 'no-minimum' },
  'no-target': { ...base, code: 'not-applicable', reason: 'no-target' },
  'unknown-indicator': { ...base, code: 'not-applicable', reason: 'unknown-indicator' },
};

const notAnAnnex: Record<NotAnAnnexFinding['reason'], Finding> = {
  empty: { code: 'not-an-annex', reason: 'empty' },
  'no-header': { code: 'not-an-annex', reason: 'no-header' },
  'no-indicator': { code: 'not-an-annex', reason: 'no-indicator', targetSetId: 'binh-phuoc-2025' },
  'task-list': { code: 'not-an-annex', reason: 'task-list' },
  'few-indicators': {
    code: 'not-an-annex',
    reason: 'few-indicators',
    targetSetId: 'binh-phuoc-2025',
  },
};

const findings: Finding[] = [
  { ...base, code: 'met', value: 80, minimum: quarterly, margin: 5 },
  {
    ...base,
    code: 'met',
    value: 60,
    minimum: { ...quarterly, source: 'annual', value: 60 },
    margin: 0,
  },
  {
    ...base,
    code: 'below-minimum',
    value: 74.5,
    minimum: { ...quarterly, source: 'carried-forward', fromQuarter: 1 },
    gap: 0.5,
    nearMiss: true,
  },
  {
    ...base,
    code: 'below-minimum',
    value: 12,
    minimum: { value: 10, comparator: 'at-most', source: 'quarterly', unit: { kind: 'count' } },
    gap: 2,
    nearMiss: false,
  },
  ...(['fraction', 'text-ratio', 'text-prose'] as const).map(
    (how, i): Finding => ({
      ...base,
      code: 'met',
      value: [86, 100, 76.1][i] as number,
      minimum: quarterly,
      margin: 1,
      reading: { how, raw: [0.86, '15/15', '76,1%/40%'][i] as number | string },
    }),
  ),
  {
    ...base,
    code: 'below-minimum',
    value: 80,
    minimum: { ...quarterly, value: 85 },
    gap: 5,
    nearMiss: false,
    reading: { how: 'text-ratio', raw: '12/15' },
  },
  { ...base, code: 'not-occurred', raw: 'Không phát sinh', minimum: quarterly },
  { ...base, code: 'not-occurred', raw: 'KPS' },
  ...Object.values(missing),
  ...Object.entries(invalid).flatMap(([reason, variants]) =>
    variants.map(
      (fields): Finding => ({
        ...base,
        code: 'invalid-value',
        reason: reason as InvalidReason,
        ...fields,
      }),
    ),
  ),
  ...Object.values(notApplicable),
  ...[true, false].flatMap((lowered): Finding[] => [
    {
      ...base,
      code: 'target-mismatch',
      target: 'quarterly',
      official: 75,
      value: lowered ? 70 : 80,
      lowered,
      unit: percent,
      raw: 0.7,
    },
    {
      indicatorId: base.indicatorId,
      code: 'target-mismatch',
      target: 'annual',
      official: 90,
      value: 85,
      lowered,
      unit: percent,
      raw: 0.85,
    },
  ]),
  { code: 'unrecognised-row', stt: '7', text: 'Số cuộc họp trực tuyến', row: 23 },
  ...Object.values(notAnAnnex),
];

/** A code as the engine spells them: lower-case ASCII words joined by "-" (not inside a Vietnamese word). */
const CODE = /(?<![\p{L}\d])[a-z]+(?:-[a-z]+)+(?![\p{L}\d])/u;
/** Internal names in any language: codes, packed details, field names, an absent value. */
const INTERNAL = new RegExp(
  `${CODE.source}|\\b(?:detail|undefined|NaN|malformed|readings)\\b|\\w\\|\\w|\\.\\.|>=`,
  'u',
);
/** The engine's own names of units and sources, which Vietnamese words must not show. */
const ENGINE_NAMES = /\b(?:percent|points|count|carried|quarterly|annual|null)\b/;
/** English words that must not appear in Vietnamese words. */
const ENGLISH =
  /\b(?:the|is|not|of|and|or|cell|value|sheet|row|level|target|minimum|maximum|short|by|missing|invalid|error|cannot|unit|wrong|file|must|has|for|no|met|below|above|at|least|most)\b/i;

/** The words with what the user wrote (quoted) taken out: that is theirs, in any language. */
function ours(text: string): string {
  return text.replace(/"[^"]*"/g, '""');
}

describe('the words of every finding', () => {
  it('has a sample of every finding code', () => {
    expect(new Set(findings.map((f) => f.code))).toEqual(
      new Set([
        'met',
        'below-minimum',
        'missing-value',
        'invalid-value',
        'not-applicable',
        'target-mismatch',
        'unrecognised-row',
        'not-an-annex',
        'not-occurred',
      ]),
    );
  });

  it('words the new readings and outcomes exactly, in each language', () => {
    const words = (f: Finding) => [
      describeFinding(f, { targetSet: set }),
      describeFinding(f, { targetSet: set, locale: 'en' }),
    ];
    const met = findings.filter((f) => f.code === 'met' && f.reading !== undefined);
    expect(met.map(words)).toEqual([
      [
        'Quý II: 86% (ô ghi "0,86") ≥ tối thiểu 75%, đạt',
        'Q2: 86% (written "0.86") ≥ minimum 75%, met',
      ],
      [
        'Quý II: 100% (ô ghi "15/15") ≥ tối thiểu 75%, đạt',
        'Q2: 100% (written "15/15") ≥ minimum 75%, met',
      ],
      [
        'Quý II: 76,1% (ô ghi "76,1%/40%") ≥ tối thiểu 75%, đạt',
        'Q2: 76.1% (written "76,1%/40%") ≥ minimum 75%, met',
      ],
    ]);
    expect(words(missing['not-calculated'])).toEqual([
      'Quý II: chưa tính (mở và lưu tệp trong Excel) (tối thiểu 75%)',
      'Q2: not calculated yet (open and save the file in Excel) (minimum 75%)',
    ]);
    expect(words(findings.find((f) => f.code === 'not-occurred') as Finding)).toEqual([
      'Quý II: không phát sinh trong kỳ ("Không phát sinh"): không có hồ sơ, việc để tính nên không đánh giá',
      'Q2: none arising this period ("Không phát sinh"): nothing to count, so not judged',
    ]);
    const ambiguous = findings.filter(
      (f) => f.code === 'invalid-value' && f.reason === 'ambiguous-scale',
    );
    expect(ambiguous.map(words)).toEqual([
      [
        'Quý II: giá trị 0,86 không rõ là 0,86% hay 86% (cột có cả số thập phân như 0,86 và số phần trăm như 86): hãy nhập lại kèm dấu % (ví dụ "86%")',
        'Q2: the value 0.86 is ambiguous: 0.86% or 86%? (the column mixes fractions such as 0.86 and percentages such as 86): retype it with a % sign (e.g. "86%")',
      ],
      [
        'Quý II: giá trị 0,5 không rõ là 0,5% hay 50% (cột có cả số thập phân như 0,86 và số phần trăm như 86): hãy nhập lại kèm dấu % (ví dụ "50%")',
        'Q2: the value 0,5 is ambiguous: 0.5% or 50%? (the column mixes fractions such as 0.86 and percentages such as 86): retype it with a % sign (e.g. "50%")',
      ],
      [
        'Quý II: giá trị 1 không rõ là 1% hay 100% (cột chỉ có 0 và 1, không biết 1 là 1% hay 100%): hãy nhập lại kèm dấu % (ví dụ "100%")',
        'Q2: the value 1 is ambiguous: 1% or 100%? (the column holds only 0 and 1, and 1 may be 1% or 100%): retype it with a % sign (e.g. "100%")',
      ],
    ]);
  });

  for (const f of findings) {
    const label = `${f.code}${'reason' in f ? ` ${f.reason}` : ''}${'cause' in f && f.cause ? ` ${f.cause}` : ''}${'expected' in f && f.expected ? ` ${JSON.stringify(f.expected)}` : ''}`;
    it(label, () => {
      const vi = describeFinding(f, { targetSet: set });
      const en = describeFinding(f, { targetSet: set, locale: 'en' });
      expect(vi.trim().length, 'vi').toBeGreaterThan(0);
      expect(en.trim().length, 'en').toBeGreaterThan(0);
      expect(ours(vi), vi).not.toMatch(INTERNAL);
      expect(ours(vi), vi).not.toMatch(ENGINE_NAMES);
      expect(ours(vi), vi).not.toMatch(ENGLISH);
      expect(ours(en), en).not.toMatch(INTERNAL);
      expect(en).not.toBe(vi);
      // Vietnamese words are written with their diacritics (at least one letter of them).
      expect(vi, vi).toMatch(
        /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i,
      );
      // and never the "undefined" of a field left out
      expect(`${vi} ${en}`).not.toContain('undefined');
    });
  }

  it('names levels by their names, not their ids', () => {
    const vi = describeFinding(notApplicable.level, { targetSet: set });
    for (const id of ['huyen', 'xa'])
      expect(vi).toContain(set?.levels.find((l) => l.id === id)?.name as string);
  });

  it('words a unit mismatch by the units, in each language', () => {
    const points = findings.find(
      (f) => f.code === 'invalid-value' && f.reason === 'unit-mismatch',
    ) as Finding;
    expect(describeFinding(points, { targetSet: set })).toBe(
      'Quý II: giá trị 11,3/18 sai đơn vị (chỉ tiêu tính bằng tỷ lệ phần trăm, giá trị ghi bằng điểm trên thang 18)',
    );
    expect(describeFinding(points, { targetSet: set, locale: 'en' })).toBe(
      'Q2: the value 11,3/18 has the wrong unit (the indicator is a percentage, the value is written as points out of 18)',
    );
  });
});

/** Every notice code, with every variant of its fields that changes the words. */
const notices: { readonly [C in NoticeCode]: readonly Extract<SheetNotice, { code: C }>[] } = {
  'values-not-assigned': [
    {
      code: 'values-not-assigned',
      level: 'xa',
      count: 2,
      cells: ['J12', 'K12'],
      assignedTo: ['so'],
    },
    {
      code: 'values-not-assigned',
      level: 'xa',
      count: 11,
      cells: ['J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18', 'J19', 'J20', 'J21', 'J22'],
      assignedTo: ['so', 'huyen'],
    },
    {
      code: 'values-not-assigned',
      level: 'so',
      count: 1,
      cells: ['J32'],
      assignedTo: [],
      agencies: ['Văn phòng UBND tỉnh'],
    },
  ],
  'assignment-default': [
    {
      code: 'assignment-default',
      level: 'xa',
      indicators: ['dvc-toan-trinh', 'thanh-toan-truc-tuyen', 'ho-so-truc-tuyen', 'so-hoa-ho-so'],
      stated: 0,
    },
    { code: 'assignment-default', level: 'so', indicators: ['thanh-toan-truc-tuyen'], stated: 1 },
  ],
  'level-contradicts-sheet': [
    { code: 'level-contradicts-sheet', level: 'xa', sheetLevel: 'so', from: 'unit-name' },
    { code: 'level-contradicts-sheet', level: 'so', sheetLevel: 'huyen', from: 'content' },
  ],
  'fractions-read': [
    { code: 'fractions-read', column: 'J', quarter: 2, count: 12 },
    { code: 'fractions-read', column: 'F', count: 3 },
    {
      code: 'fractions-read',
      column: 'K',
      quarter: 2,
      count: 7,
      cells: ['K12', 'K13', 'K15', 'K19', 'K21', 'K22', 'K23'],
      example: 0.745,
    },
  ],
  'no-results': [
    { code: 'no-results', targetsCompared: 0, mismatches: 0 },
    { code: 'no-results', targetsCompared: 24, mismatches: 0 },
    { code: 'no-results', targetsCompared: 24, mismatches: 3 },
  ],
  'columns-ignored': [
    { code: 'columns-ignored', role: 'result', quarter: 1, count: 1, first: 'BN', limit: 64 },
    { code: 'columns-ignored', role: 'minimum', quarter: 4, count: 12, first: 'CA', limit: 64 },
    { code: 'columns-ignored', role: 'result', count: 3, first: 'BO', limit: 64 },
  ],
  'results-without-unit': [
    { code: 'results-without-unit', columns: ['AB'], values: 1 },
    { code: 'results-without-unit', columns: ['M', 'N'], values: 0 },
  ],
  'embedded-set-used': [
    {
      code: 'embedded-set-used',
      targetSetId: 'dong-nai-2026',
      part: 'customXml/item1.xml',
      fingerprint: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    },
    {
      code: 'embedded-set-used',
      targetSetId: 'dong-nai-2026',
      part: 'customXml/item1.xml',
      fingerprint: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      altered: true,
    },
  ],
  'embedded-set-differs': [
    {
      code: 'embedded-set-differs',
      targetSetId: 'binh-phuoc-2025',
      part: 'customXml/item1.xml',
      officialId: 'binh-phuoc-2025',
      against: 'builtin',
      indicators: ['thanh-toan-truc-tuyen'],
      added: [],
      removed: [],
      other: false,
      fingerprint: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      officialFingerprint: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    },
    {
      code: 'embedded-set-differs',
      targetSetId: 'dong-nai-2026',
      part: 'customXml/item2.xml',
      officialId: 'dong-nai-2026',
      against: 'option',
      indicators: ['dvc-toan-trinh', 'ho-so-truc-tuyen', 'so-hoa-ho-so', 'thanh-toan-truc-tuyen'],
      added: ['moi'],
      removed: ['cu'],
      other: true,
      fingerprint: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      officialFingerprint: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    },
    {
      code: 'embedded-set-differs',
      targetSetId: 'dong-nai-2026',
      part: 'customXml/item1.xml',
      officialId: 'dong-nai-2026',
      against: 'option',
      indicators: [],
      added: [],
      removed: [],
      other: true,
      fingerprint: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      officialFingerprint: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    },
  ],
  'embedded-set-unreadable': [
    { code: 'embedded-set-unreadable', part: 'customXml/item1.xml', reason: 'not-xml' },
    { code: 'embedded-set-unreadable', part: 'customXml/item1.xml', reason: 'no-set' },
    {
      code: 'embedded-set-unreadable',
      part: 'customXml/item1.xml',
      reason: 'invalid-set',
      issues: [
        { path: 'indicators[0].targets[0].annual', problem: { kind: 'negative', value: -5 } },
        { path: '', problem: { kind: 'json-truncated' } },
      ],
    },
  ],
  'target-set-chosen': [
    {
      code: 'target-set-chosen',
      targetSetId: 'binh-phuoc-2025',
      why: 'targets-agree',
      others: ['nq01-nq02-2025'],
    },
    {
      code: 'target-set-chosen',
      targetSetId: 'binh-phuoc-2025',
      why: 'title',
      others: ['nq01-nq02-2025'],
    },
    {
      code: 'target-set-chosen',
      targetSetId: 'nq01-nq02-2025',
      why: 'rows',
      others: ['binh-phuoc-2025'],
    },
  ],
};

describe('the words of every sheet notice', () => {
  it('words fractions read with their cells and an example, in each language', () => {
    const n = notices['fractions-read'][2] as SheetNotice;
    expect(describeNotice(n)).toBe(
      'Cột K (Quý II): 7 giá trị nhập dưới dạng số thập phân (K12, K13, K15, K19, K21 và 2 ô khác) được đọc là tỷ lệ phần trăm: 0,745 → 74,5%. Nếu không đúng, hãy nhập lại kèm dấu % hoặc định dạng ô là phần trăm.',
    );
    expect(describeNotice(n, { locale: 'en' })).toBe(
      'Column K (Q2): 7 values typed as fractions (K12, K13, K15, K19, K21 and 2 more) were read as percentages: 0.745 → 74.5%. If that is wrong, retype them with a % sign or format the cells as percentages.',
    );
  });

  it('has a sample of every notice code', () => {
    expect(Object.keys(notices).sort()).toEqual([...NOTICE_CODES].sort());
  });
  for (const n of Object.values(notices).flat()) {
    it(`${n.code} ${JSON.stringify(n).slice(0, 80)}`, () => {
      const vi = describeNotice(n, { targetSet: set });
      const en = describeNotice(n, { targetSet: set, locale: 'en' });
      expect(ours(vi), vi).not.toMatch(INTERNAL);
      expect(ours(vi), vi).not.toMatch(ENGINE_NAMES);
      expect(ours(vi), vi).not.toMatch(ENGLISH);
      expect(ours(en), en).not.toMatch(INTERNAL);
      expect(en).not.toBe(vi);
      expect(`${vi} ${en}`).not.toContain('undefined');
      // ("so" is also a Vietnamese word: compare)
      for (const id of ['huyen', 'xa']) expect(ours(vi), vi).not.toMatch(new RegExp(`\\b${id}\\b`));
    });
  }
});

describe('the catalogs', () => {
  it('have the same keys in both languages, at every depth', () => {
    const keys = (o: unknown, at = ''): string[] =>
      o !== null && typeof o === 'object'
        ? Object.entries(o).flatMap(([k, v]) => [`${at}${k}`, ...keys(v, `${at}${k}.`)])
        : [];
    const [first, ...rest] = LOCALES.map((l) => keys(catalogs[l]).sort());
    for (const other of rest) expect(other).toEqual(first);
  });
});

/** One problem of every kind a target-set file can have. */
const problems: {
  readonly [K in TargetSetProblem['kind']]: Extract<TargetSetProblem, { kind: K }>;
} = {
  'json-syntax': { kind: 'json-syntax', near: '{ "id": ' },
  'json-truncated': { kind: 'json-truncated' },
  'too-large': { kind: 'too-large', size: 12_000_000, limit: 10_000_000 },
  missing: { kind: 'missing', expected: ['string'] },
  'wrong-type': { kind: 'wrong-type', expected: ['number'], received: 'string', value: '"75"' },
  'not-one-of': { kind: 'not-one-of', values: ['percent', 'points'], received: 'phan-tram' },
  empty: { kind: 'empty' },
  'too-few': { kind: 'too-few', minimum: 1, count: 0 },
  'too-many': { kind: 'too-many', maximum: 4, count: 5 },
  'quarterly-length': { kind: 'quarterly-length', count: 3 },
  'too-small': { kind: 'too-small', minimum: 0, inclusive: true, value: -1 },
  'too-big': { kind: 'too-big', maximum: 100, inclusive: true, value: 120 },
  'not-integer': { kind: 'not-integer', value: 2025.5 },
  'bad-slug': { kind: 'bad-slug', value: 'Bình Phước' },
  'bad-date': { kind: 'bad-date', value: '15/01/2025' },
  'bad-format': { kind: 'bad-format', value: 'x' },
  'unknown-field': { kind: 'unknown-field', field: 'anual' },
  'duplicate-id': { kind: 'duplicate-id', list: 'indicator', id: 'a', first: 'indicators[0].id' },
  'duplicate-stt': { kind: 'duplicate-stt', stt: '1', section: 'I', first: 'indicators[0].stt' },
  'unknown-section': { kind: 'unknown-section', id: 'IX', known: ['I', 'II'] },
  'unknown-level': { kind: 'unknown-level', id: 'tinh', known: ['so', 'xa'] },
  'no-level-or-agency': { kind: 'no-level-or-agency' },
  'no-target-value': { kind: 'no-target-value' },
  'no-target-with-value': { kind: 'no-target-with-value' },
  negative: { kind: 'negative', value: -5 },
  'percent-range': { kind: 'percent-range', value: 150 },
  'above-max-points': { kind: 'above-max-points', value: 20, max: 18 },
  'comparator-direction': {
    kind: 'comparator-direction',
    comparator: 'at-most',
    direction: 'higher-is-better',
  },
  'builtin-id': { kind: 'builtin-id', id: 'binh-phuoc-2025' },
  invalid: { kind: 'invalid' },
};

/** The JSON words a target-set file is written in (field names and literals) may be named. */
const JSON_WORDS = /\b(?:JSON|sections|levels|agencies|annual|quarterly|true|false|null)\b/g;

describe('the words of every target-set problem', () => {
  for (const problem of Object.values(problems)) {
    it(problem.kind, () => {
      const vi = describeTargetSetProblem(problem, 'vi');
      const en = describeTargetSetProblem(problem, 'en');
      expect(vi.length).toBeGreaterThan(0);
      expect(en).not.toBe(vi);
      const own = ours(vi).replace(JSON_WORDS, '');
      expect(own, vi).not.toMatch(ENGLISH);
      expect(own, vi).not.toMatch(CODE);
    });
  }
});
