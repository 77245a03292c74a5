/**
 * The pane's words for what went wrong and what it tells the user, walked over every code:
 * every HostError code (and each of its reasons), every notice kind, every reason a sheet was
 * skipped, every reader code of a file the in-memory host refused. Each is worded in Vietnamese
 * and English, never empty; the Vietnamese has no English words and no code identifiers
 * ("settings-not-saved"), and no body repeats the developer's `cause`. The catalogs are complete
 * in both languages: by type (a Record over the codes) and at run time (their keys).
 */
import {
  getBuiltinTargetSet,
  type ImportError,
  type SheetFinding,
  SKIP_REASONS,
  type TargetSet,
} from '@chitieu/engine';
import { XLSX_ERROR_CODES, type XlsxError, type XlsxErrorCode } from '@chitieu/xlsx';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { en, type Messages, vi } from '../src/app/i18n.js';
import { describeHostProblem, ERROR_WORDS, type ErrorWords } from '../src/app/i18n-errors.js';
import {
  describeNotice,
  describeSkip,
  type ErrorNotice,
  errorText,
  type Notice,
  type SkipReason,
} from '../src/app/notices.js';
import {
  HOST_ERROR_CODES,
  HostError,
  type HostErrorCode,
  type HostProblem,
  type HostProblemOf,
  type TooLargeProblem,
} from '../src/host/types.js';

const SHEET = 'Phụ lục';

/** What a developer reads: the words Excel or a library gave, in English. Never shown. */
const CAUSE = 'There was an internal error while processing the request.';

// Each reason of a code, listed as a Record so that a reason without a fixture does not compile.
const TOO_LARGE: { readonly [R in TooLargeProblem['reason']]: TooLargeProblem & { reason: R } } = {
  'used-range': {
    code: 'too-large',
    reason: 'used-range',
    sheet: SHEET,
    address: 'A1:XFD200',
    cells: 3_276_800,
    limit: 2_000_000,
  },
  range: {
    code: 'too-large',
    reason: 'range',
    sheet: SHEET,
    address: 'A1:J11',
    cells: 110,
    limit: 100,
  },
  'whole-rows-or-columns': {
    code: 'too-large',
    reason: 'whole-rows-or-columns',
    sheet: SHEET,
    address: '5:5',
  },
  'not-one-range': { code: 'too-large', reason: 'not-one-range', sheet: SHEET, address: 'A1,C3' },
  payload: { code: 'too-large', reason: 'payload', sheet: SHEET, cause: CAUSE },
};
const FEATURES: Readonly<Record<HostProblemOf<'unsupported'>['feature'], true>> = {
  pane: true,
  notes: true,
  api: true,
};
const PROTECTED: Readonly<Record<HostProblemOf<'protected'>['what'], true>> = {
  structure: true,
  sheet: true,
};
const CONTENT: Readonly<Record<HostProblemOf<'invalid-content'>['what'], true>> = {
  merge: true,
  border: true,
  link: true,
  note: true,
};
const keys = <K extends string>(record: Readonly<Record<K, unknown>>) => Object.keys(record) as K[];

/** Every problem to word: at least one per code, one per reason. */
const PROBLEMS: { readonly [C in HostErrorCode]: readonly HostProblemOf<C>[] } = {
  'no-sheet': [{ code: 'no-sheet' }],
  'not-found': [
    { code: 'not-found', sheet: SHEET },
    { code: 'not-found', sheet: SHEET, cell: 'K13:K14' },
  ],
  'too-large': [...Object.values(TOO_LARGE), { code: 'too-large', reason: 'payload' }],
  unsupported: keys(FEATURES).map((feature) => ({ code: 'unsupported', feature, cause: CAUSE })),
  protected: keys(PROTECTED).map((what) => ({ code: 'protected', what, sheet: SHEET })),
  'invalid-content': keys(CONTENT).map((what) => ({ code: 'invalid-content', what, cause: CAUSE })),
  'unreadable-file': [
    // The short words go by the reader's code alone (and name the sheet when the error does).
    ...XLSX_ERROR_CODES.map((code) => ({
      code: 'unreadable-file' as const,
      error: { code } as XlsxError,
    })),
    { code: 'unreadable-file', error: { code: 'corrupt-part', sheet: SHEET } as XlsxError },
  ],
  office: [
    { code: 'office' },
    { code: 'office', officeCode: 'GeneralException', cause: CAUSE },
    { code: 'office', officeCode: 'InvalidOperationInCellEditMode', cause: CAUSE },
  ],
};
const ALL_PROBLEMS: readonly HostProblem[] = HOST_ERROR_CODES.flatMap(
  (c): readonly HostProblem[] => PROBLEMS[c],
);

const hostError = (problem: HostProblem): ErrorNotice => ({ kind: 'host-error', problem });
const UNEXPECTED: ErrorNotice = { kind: 'unexpected', cause: 'Map maximum size exceeded' };
const ERRORS: readonly ErrorNotice[] = [...ALL_PROBLEMS.map(hostError), UNEXPECTED];

const NOT_AN_ANNEX: SheetFinding = { code: 'not-an-annex', reason: 'no-header' };

const BUILTIN_SET = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
/** A set the user added (a copy of a built-in, under its own id and title). */
const USER_SET: TargetSet = {
  ...BUILTIN_SET,
  id: 'dong-nai-2026',
  title: 'Chỉ tiêu chuyển đổi số tỉnh Đồng Nai năm 2026',
};
/** Every reason the importer gives for reading no set from a sheet. */
const IMPORT_ERRORS: readonly ImportError[] = [
  ...(['empty', 'no-header', 'task-list', 'no-indicator', 'no-targets'] as const).map(
    (reason): ImportError => ({ code: 'not-an-annex', reason }),
  ),
  { code: 'no-province' },
  { code: 'no-year' },
  // (`bad-id` is the CLI's --id: the pane never passes an id, so it never gets that reason.)
  {
    code: 'invalid-set',
    issues: [{ path: 'indicators[2].id', problem: { kind: 'empty' }, cell: 'A9' }],
  },
];

type NoticeOf<K extends Notice['kind']> = Extract<Notice, { readonly kind: K }>;
/** Every notice kind, as the controller makes them. */
const NOTICES: { readonly [K in Notice['kind']]: readonly NoticeOf<K>[] } = {
  checked: [
    { kind: 'checked', sheet: SHEET, marked: 0 },
    { kind: 'checked', sheet: SHEET, marked: 10 },
  ],
  'checked-all': [
    { kind: 'checked-all', checked: 3, skipped: 1, marked: 12 },
    { kind: 'checked-all', checked: 0, skipped: 2, marked: 0 },
  ],
  'needs-input': [
    { kind: 'needs-input', needs: ['targetSet', 'level', 'unitName', 'quarter'] },
    { kind: 'needs-input', needs: ['level'] },
  ],
  'not-an-annex': [{ kind: 'not-an-annex', sheet: 'Dự toán', finding: NOT_AN_ANNEX }],
  cleared: [
    { kind: 'cleared', sheets: [SHEET], count: 0 },
    { kind: 'cleared', sheets: [SHEET, 'Sở Nội vụ'], count: 7 },
  ],
  'report-written': [{ kind: 'report-written', sheet: 'Kết quả kiểm tra', sheets: 3 }],
  'template-inserted': [
    { kind: 'template-inserted', sheet: 'Mẫu phụ lục 2025', targetSetId: 'binh-phuoc-2025' },
    {
      kind: 'template-inserted',
      sheet: 'Mẫu phụ lục 2026',
      targetSetId: USER_SET.id,
      targetSet: USER_SET,
    },
  ],
  'template-needs-set': [{ kind: 'template-needs-set' }],
  'set-added': [
    { kind: 'set-added', set: USER_SET, origin: { kind: 'sheet', sheet: 'Phụ lục I' } },
    { kind: 'set-added', set: USER_SET, origin: { kind: 'file', name: 'Bộ chỉ tiêu 2026.json' } },
  ],
  'set-import-failed': IMPORT_ERRORS.map((error) => ({
    kind: 'set-import-failed',
    sheet: SHEET,
    error,
  })),
  'set-file-invalid': [
    { kind: 'set-file-invalid', name: 'Bộ chỉ tiêu 2026.json', issues: [] },
    {
      kind: 'set-file-invalid',
      name: 'Bộ chỉ tiêu 2026.json',
      issues: [
        { path: '', problem: { kind: 'json-truncated' }, line: 40, column: 3 },
        { path: 'indicators[3].annual', problem: { kind: 'not-integer', value: 2.5 } },
      ],
    },
  ],
  'set-stored': [
    { kind: 'set-stored', targetSet: USER_SET, sheets: [SHEET] },
    { kind: 'set-stored', targetSet: BUILTIN_SET, sheets: [SHEET, 'Sở Nội vụ'] },
  ],
  'set-not-stored': [
    {
      kind: 'set-not-stored',
      targetSet: USER_SET,
      sheets: [SHEET],
      error: hostError({ code: 'office', officeCode: 'GeneralException', cause: CAUSE }),
    },
  ],
  'notes-skipped': [
    { kind: 'notes-skipped', count: 1 },
    { kind: 'notes-skipped', count: 4 },
  ],
  'hidden-skipped': [
    { kind: 'hidden-skipped', count: 1 },
    { kind: 'hidden-skipped', count: 3 },
  ],
  'hidden-sheet-cell': [{ kind: 'hidden-sheet-cell', sheet: 'Quý I (cũ)', cell: 'K13' }],
  'host-error': ALL_PROBLEMS.map((problem) => ({ kind: 'host-error', problem })),
  unexpected: [{ kind: 'unexpected', cause: 'Map maximum size exceeded' }],
  'sheet-failed': (['check', 'mark', 'update'] as const).flatMap((step) =>
    ERRORS.map((error) => ({ kind: 'sheet-failed' as const, sheet: SHEET, step, error })),
  ),
  'settings-not-saved': ERRORS.map((error) => ({ kind: 'settings-not-saved', error })),
};
const ALL_NOTICES: readonly Notice[] = (Object.keys(NOTICES) as Notice['kind'][]).flatMap(
  (k): readonly Notice[] => NOTICES[k],
);

type SkipOf<K extends SkipReason['kind']> = Extract<SkipReason, { readonly kind: K }>;
const SKIPS: { readonly [K in SkipReason['kind']]: readonly SkipOf<K>[] } = {
  report: [{ kind: 'report' }],
  skipped: SKIP_REASONS.map((reason) => ({ kind: 'skipped', reason })),
  'not-an-annex': [{ kind: 'not-an-annex', finding: NOT_AN_ANNEX }],
  'needs-input': [{ kind: 'needs-input', needs: ['quarter', 'level'] }],
  error: ERRORS.map((notice) => ({ kind: 'error', notice })),
};
const ALL_SKIPS: readonly SkipReason[] = (Object.keys(SKIPS) as SkipReason['kind'][]).flatMap(
  (k): readonly SkipReason[] => SKIPS[k],
);

/** English words that have no business in a Vietnamese sentence (compared without case). */
const ENGLISH = new Set(
  'the a an is are was could not cannot error sheet workbook file cell range failed unknown found please try again unexpected'.split(
    ' ',
  ),
);
/** A code identifier: "settings-not-saved", "too-large", "corrupt-zip". */
const HYPHENATED = /(?<![\p{L}\p{N}])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\p{L}\p{N}])/u;
/** The one-word codes, kinds and reasons, as written in code (lowercase). */
const ONE_WORD_CODES = new Set(
  [
    ...HOST_ERROR_CODES,
    ...XLSX_ERROR_CODES,
    ...Object.keys(NOTICES),
    ...Object.keys(SKIPS),
    ...Object.keys(TOO_LARGE),
    ...Object.keys(FEATURES),
    ...Object.keys(PROTECTED),
    ...Object.keys(CONTENT),
  ].filter((c) => !c.includes('-')),
);

/**
 * What a Vietnamese text must not contain, or undefined when it is clean. Words are runs of
 * letters and digits in Unicode (JavaScript's `\b` knows only ASCII: "chưa" would hold an "a").
 */
function notVietnamese(text: string): string | undefined {
  const code = text.match(HYPHENATED)?.[0];
  if (code) return `code "${code}"`;
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (ENGLISH.has(word.toLowerCase())) return `English word "${word}"`;
    if (ONE_WORD_CODES.has(word)) return `code "${word}"`;
  }
  return undefined;
}

const CATALOGS: readonly [string, Messages][] = [
  ['vi', vi],
  ['en', en],
];

describe('every HostError code, worded in both languages', () => {
  it('has a problem to word for every code', () => {
    for (const code of HOST_ERROR_CODES) expect(PROBLEMS[code].length, code).toBeGreaterThan(0);
    expect(new Set(ALL_PROBLEMS.map((p) => p.code))).toEqual(new Set(HOST_ERROR_CODES));
  });

  for (const [locale, t] of CATALOGS) {
    it(`gives each a title and a body, never the developer's cause (${locale})`, () => {
      for (const problem of ALL_PROBLEMS) {
        const { title, body } = describeHostProblem(problem, t.errors);
        const what = JSON.stringify(problem);
        expect(title.trim(), what).not.toBe('');
        expect(body.trim(), what).not.toBe('');
        expect(body, what).not.toContain(CAUSE);
        expect(body, what).not.toMatch(/undefined|NaN|\[object/);
        expect(`${title} ${body}`, what).toBe(`${title} ${body}`.normalize('NFC'));
        if (locale === 'vi') {
          expect(notVietnamese(title), `${what}: ${title}`).toBeUndefined();
          expect(notVietnamese(body), `${what}: ${body}`).toBeUndefined();
        }
      }
    });
  }

  it('says different things in the two languages', () => {
    for (const problem of ALL_PROBLEMS) {
      const words = describeHostProblem(problem, vi.errors);
      expect(describeHostProblem(problem, en.errors), JSON.stringify(problem)).not.toEqual(words);
    }
  });

  it('is thrown as data: the problem and its code, the message for developers only', () => {
    const error = new HostError(TOO_LARGE['used-range']);
    expect(error).toMatchObject({ name: 'HostError', code: 'too-large' });
    expect(error.problem).toBe(TOO_LARGE['used-range']);
    expect(JSON.parse(error.message)).toEqual(TOO_LARGE['used-range']);
  });

  it('names the numbers the way each language writes them', () => {
    const problem = TOO_LARGE['used-range'];
    expect(describeHostProblem(problem, vi.errors).body).toBe(
      'Vùng đã dùng của trang tính “Phụ lục” (A1:XFD200) có 3.276.800 ô; Chỉ Tiêu đọc tối đa 2.000.000 ô.',
    );
    expect(describeHostProblem(problem, en.errors).body).toBe(
      'The used range of the sheet “Phụ lục” (A1:XFD200) has 3,276,800 cells; Chỉ Tiêu reads at most 2,000,000.',
    );
  });
});

describe('every notice kind, worded in both languages', () => {
  it('has a notice to word for every kind', () => {
    for (const kind of Object.keys(NOTICES) as Notice['kind'][])
      expect(NOTICES[kind].length, kind).toBeGreaterThan(0);
  });

  for (const [locale, t] of CATALOGS) {
    it(`gives each notice words, in Vietnamese with no English and no code (${locale})`, () => {
      for (const notice of ALL_NOTICES) {
        const view = describeNotice(notice, t);
        const what = JSON.stringify(notice);
        expect(view.body.trim(), what).not.toBe('');
        expect(`${view.title} ${view.body}`, what).not.toMatch(/undefined|NaN|\[object/);
        expect(view.body, what).not.toContain(CAUSE);
        expect(view.body, what).not.toContain('Map maximum size exceeded');
        if (locale === 'vi') {
          expect(notVietnamese(view.title), `${what}: ${view.title}`).toBeUndefined();
          expect(notVietnamese(view.body), `${what}: ${view.body}`).toBeUndefined();
        }
      }
    });

    it(`gives each failure of a sheet one line, and each skipped sheet its reason (${locale})`, () => {
      for (const error of ERRORS) {
        const line = errorText(error, t);
        expect(line.trim()).not.toBe('');
        expect(line).not.toContain(CAUSE);
        if (locale === 'vi') expect(notVietnamese(line), line).toBeUndefined();
      }
      for (const reason of ALL_SKIPS) {
        const text = describeSkip(reason, t);
        expect(text.trim(), JSON.stringify(reason)).not.toBe('');
        if (locale === 'vi') expect(notVietnamese(text), text).toBeUndefined();
      }
    });
  }

  it('the denylist catches what it is for', () => {
    expect(notVietnamese('Excel could not save the settings')).toBeDefined();
    expect(notVietnamese('Lỗi settings-not-saved')).toBeDefined();
    expect(notVietnamese('Excel báo lỗi office')).toBeDefined();
    expect(notVietnamese('Excel báo lỗi (mã lỗi GeneralException).')).toBeUndefined();
  });
});

describe('the catalogs are complete in both languages', () => {
  it('by type: a Record over every code', () => {
    expectTypeOf<HostProblem['code']>().toEqualTypeOf<HostErrorCode>();
    expectTypeOf<keyof ErrorWords['title']>().toEqualTypeOf<HostErrorCode>();
    expectTypeOf<keyof ErrorWords['body']>().toEqualTypeOf<HostErrorCode>();
    expectTypeOf<keyof ErrorWords['readError']>().toEqualTypeOf<XlsxErrorCode>();
    expectTypeOf<Messages['errors']>().toEqualTypeOf<ErrorWords>();
  });

  it('at run time: the same keys as the codes, in each language', () => {
    for (const [locale, words] of Object.entries(ERROR_WORDS)) {
      const sorted = (xs: Iterable<string>) => [...xs].sort();
      expect(sorted(Object.keys(words.title)), locale).toEqual(sorted(HOST_ERROR_CODES));
      expect(sorted(Object.keys(words.body)), locale).toEqual(sorted(HOST_ERROR_CODES));
      expect(sorted(Object.keys(words.readError)), locale).toEqual(sorted(XLSX_ERROR_CODES));
      for (const code of HOST_ERROR_CODES) {
        expect(words.title[code].trim(), `${locale} ${code}`).not.toBe('');
        expect(typeof words.body[code], `${locale} ${code}`).toBe('function');
      }
      for (const code of XLSX_ERROR_CODES)
        expect(words.readError[code].trim(), `${locale} ${code}`).not.toBe('');
    }
    expect(vi.errors).toBe(ERROR_WORDS.vi);
    expect(en.errors).toBe(ERROR_WORDS.en);
  });

  it('the pane’s catalog has the same entries in both languages', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, shape(v)]),
          )
        : typeof value;
    expect(shape(en)).toEqual(shape(vi));
  });
});
