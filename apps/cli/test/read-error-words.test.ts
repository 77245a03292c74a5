/**
 * The reader's errors and warnings are codes and fields; their words come from the CLI's
 * catalogs, in Vietnamese and English. Every code (from the reader's own list, so a new code
 * without words fails here) and every sub-reason is worded in both languages: the Vietnamese
 * with no English and no code names, each naming the file, sheet, cell and part it is given.
 */
import {
  type CorruptPartError,
  type CorruptZipError,
  MALFORMED_CELL_CODES,
  type MalformedCell,
  type MalformedCellReason,
  type MissingPartError,
  type NotAWorkbookError,
  type NotAZipError,
  type TooLargeError,
  type UnreadableError,
  XLSX_ERROR_CODES,
  type XlsxError,
  type XlsxErrorCode,
  type XmlProblem,
  type ZipBombError,
} from '@chitieu/xlsx';
import { describe, expect, it } from 'vitest';
import { describeReadError, describeReadWarning } from '../src/i18n.js';

const FILE = 'nop/so-tu-phap.xlsx';
const SHEET = 'Phụ lục';
const PART = 'xl/worksheets/sheet1.xml';
const MB = 1024 * 1024;

// One sample per sub-reason: `Record`s over the reasons, so a new reason is a compile error here.

const NOT_A_ZIP: Record<NotAZipError['kind'], XlsxError> = {
  'xml-or-html': { code: 'not-a-zip', kind: 'xml-or-html' },
  pdf: { code: 'not-a-zip', kind: 'pdf' },
  other: { code: 'not-a-zip', kind: 'other' },
};

const NOT_A_WORKBOOK: Record<NotAWorkbookError['kind'], XlsxError> = {
  'empty-zip': { code: 'not-a-workbook', kind: 'empty-zip' },
  xlsb: { code: 'not-a-workbook', kind: 'xlsb' },
  docx: { code: 'not-a-workbook', kind: 'docx' },
  pptx: { code: 'not-a-workbook', kind: 'pptx' },
  ods: { code: 'not-a-workbook', kind: 'ods' },
  other: { code: 'not-a-workbook', kind: 'other' },
};

const CORRUPT_ZIP: Record<CorruptZipError['reason'], XlsxError> = {
  'sizes-disagree': { code: 'corrupt-zip', reason: 'sizes-disagree', part: PART },
  checksum: { code: 'corrupt-zip', reason: 'checksum', part: PART, sheet: SHEET },
  'cannot-inflate': { code: 'corrupt-zip', reason: 'cannot-inflate', part: PART },
  'no-local-header': { code: 'corrupt-zip', reason: 'no-local-header', part: PART },
  truncated: { code: 'corrupt-zip', reason: 'truncated', part: PART },
  'outside-file': { code: 'corrupt-zip', reason: 'outside-file', part: PART },
  'impossible-sizes': { code: 'corrupt-zip', reason: 'impossible-sizes', part: PART },
  'encryption-headers-disagree': {
    code: 'corrupt-zip',
    reason: 'encryption-headers-disagree',
    part: PART,
  },
  'size-headers-disagree': { code: 'corrupt-zip', reason: 'size-headers-disagree', part: PART },
  duplicate: { code: 'corrupt-zip', reason: 'duplicate', part: 'XL/WORKBOOK.XML' },
  'no-directory-end': { code: 'corrupt-zip', reason: 'no-directory-end' },
  'split-archive': { code: 'corrupt-zip', reason: 'split-archive' },
  'no-zip64-directory': { code: 'corrupt-zip', reason: 'no-zip64-directory' },
  'directory-outside-file': { code: 'corrupt-zip', reason: 'directory-outside-file' },
  'directory-damaged': { code: 'corrupt-zip', reason: 'directory-damaged' },
  'directory-entry-damaged': {
    code: 'corrupt-zip',
    reason: 'directory-entry-damaged',
    entry: 3,
    entries: 9,
  },
  'larger-than-declared': {
    code: 'corrupt-zip',
    reason: 'larger-than-declared',
    part: PART,
    size: 52_045,
    declared: 1000,
    sheet: SHEET,
  },
  'smaller-than-declared': {
    code: 'corrupt-zip',
    reason: 'smaller-than-declared',
    part: PART,
    size: 900,
    declared: 1000,
  },
  'declared-headers-disagree': {
    code: 'corrupt-zip',
    reason: 'declared-headers-disagree',
    part: 'xl/workbook.xml',
    declared: 50 * MB,
    compressedSize: 300,
  },
  'declared-cannot-inflate': {
    code: 'corrupt-zip',
    reason: 'declared-cannot-inflate',
    part: 'xl/workbook.xml',
    declared: 50 * MB,
    compressedSize: 300,
  },
  'declared-holds-less': {
    code: 'corrupt-zip',
    reason: 'declared-holds-less',
    part: 'xl/workbook.xml',
    declared: 400 * MB,
    compressedSize: 290,
    size: 64 * 1024,
  },
};

const ZIP_BOMB: Record<ZipBombError['reason'], XlsxError> = {
  declared: {
    code: 'zip-bomb',
    reason: 'declared',
    part: 'xl/media/padding.bin',
    compressedSize: 8 * 1024,
    uncompressedSize: 50 * MB,
    ratioLimit: 200,
  },
  expands: {
    code: 'zip-bomb',
    reason: 'expands',
    part: PART,
    sheet: SHEET,
    compressedSize: 16 * 1024,
    uncompressedSize: 3.2 * MB,
    ratioLimit: 200,
  },
};

const TOO_LARGE: Record<TooLargeError['what'], XlsxError> = {
  file: { code: 'too-large', what: 'file', size: 150 * MB, limit: 100 * MB },
  entries: { code: 'too-large', what: 'entries', size: 12_000, limit: 10_000 },
  total: { code: 'too-large', what: 'total', limit: 500 * MB },
  rows: { code: 'too-large', what: 'rows', size: 50, limit: 10, sheet: SHEET, cell: 'A50' },
  cells: { code: 'too-large', what: 'cells', limit: 2, sheet: SHEET },
  memory: { code: 'too-large', what: 'memory' },
};

const XML_PROBLEMS: Record<XmlProblem, true> = {
  'unterminated-end-tag': true,
  'unterminated-processing-instruction': true,
  'unterminated-comment': true,
  'unterminated-cdata': true,
  'tag-without-name': true,
  'unterminated-start-tag': true,
  'unterminated-attribute-value': true,
  'unterminated-declaration': true,
};

const CORRUPT_PART: Record<CorruptPartError['reason'], XlsxError> = {
  'not-well-formed': {
    code: 'corrupt-part',
    reason: 'not-well-formed',
    part: PART,
    problem: 'unterminated-comment',
    at: 96,
    sheet: SHEET,
    cell: 'B1',
  },
  'truncated-cell-data': {
    code: 'corrupt-part',
    reason: 'truncated-cell-data',
    part: PART,
    sheet: SHEET,
  },
  'no-relationships': {
    code: 'corrupt-part',
    reason: 'no-relationships',
    part: 'xl/_rels/workbook.xml.rels',
  },
  'no-sheet-list': { code: 'corrupt-part', reason: 'no-sheet-list', part: 'xl/workbook.xml' },
  'styles-not-extensible': {
    code: 'corrupt-part',
    reason: 'styles-not-extensible',
    part: 'xl/styles.xml',
  },
  'no-end-tag': {
    code: 'corrupt-part',
    reason: 'no-end-tag',
    part: '[Content_Types].xml',
    element: 'Types',
  },
  'unterminated-collection': {
    code: 'corrupt-part',
    reason: 'unterminated-collection',
    part: 'xl/styles.xml',
    collection: 'cellXfs',
  },
  'cell-format-out-of-range': {
    code: 'corrupt-part',
    reason: 'cell-format-out-of-range',
    part: 'xl/styles.xml',
    style: 40,
    formats: 3,
  },
};

const MISSING_PART: Record<MissingPartError['reason'], XlsxError> = {
  'not-in-package': { code: 'missing-part', reason: 'not-in-package', part: 'xl/workbook.xml' },
  'sheet-part-unknown': { code: 'missing-part', reason: 'sheet-part-unknown', sheet: 'Mất' },
  'sheet-part-missing': {
    code: 'missing-part',
    reason: 'sheet-part-missing',
    sheet: 'Mất',
    part: PART,
  },
  'no-styles': { code: 'missing-part', reason: 'no-styles', part: 'xl/styles.xml' },
};

const UNREADABLE: Record<UnreadableError['reason'], XlsxError> = {
  'compression-method': {
    code: 'unreadable',
    reason: 'compression-method',
    part: 'xl/workbook.xml',
    method: 9,
  },
  'not-found': { code: 'unreadable', reason: 'not-found', file: FILE },
  'permission-denied': { code: 'unreadable', reason: 'permission-denied', file: FILE },
  'is-folder': { code: 'unreadable', reason: 'is-folder', file: 'nop' },
  locked: { code: 'unreadable', reason: 'locked', file: FILE },
  'cannot-open': { code: 'unreadable', reason: 'cannot-open', file: FILE, cause: 'EMFILE' },
  unexpected: { code: 'unreadable', reason: 'unexpected', cause: 'x is not a function' },
};

/** Every code's samples; `Record` over the codes, and the run-time list is checked against it. */
const SAMPLES: Record<XlsxErrorCode, readonly XlsxError[]> = {
  'empty-file': [{ code: 'empty-file' }, { code: 'empty-file', file: FILE }],
  'not-a-zip': Object.values(NOT_A_ZIP),
  'corrupt-zip': Object.values(CORRUPT_ZIP),
  'old-xls': [{ code: 'old-xls' }],
  encrypted: [{ code: 'encrypted' }, { code: 'encrypted', part: 'xl/workbook.xml' }],
  'zip-bomb': Object.values(ZIP_BOMB),
  'too-large': Object.values(TOO_LARGE),
  'not-a-workbook': Object.values(NOT_A_WORKBOOK),
  'corrupt-part': [
    ...Object.values(CORRUPT_PART),
    ...Object.keys(XML_PROBLEMS).map(
      (problem): XlsxError => ({
        code: 'corrupt-part',
        reason: 'not-well-formed',
        part: 'xl/sharedStrings.xml',
        problem: problem as XmlProblem,
        at: 12,
      }),
    ),
  ],
  'missing-part': Object.values(MISSING_PART),
  'no-such-sheet': [{ code: 'no-such-sheet', sheet: 'Không có' }],
  unreadable: Object.values(UNREADABLE),
};

const WARNINGS: Record<MalformedCellReason, MalformedCell> = {
  'bad-reference': { code: 'bad-reference', sheet: SHEET, cell: 'B2', reference: '1A' },
  'bad-shared-string': {
    code: 'bad-shared-string',
    sheet: SHEET,
    cell: 'K13',
    index: '9999',
    count: 120,
  },
  'bad-number': { code: 'bad-number', sheet: SHEET, cell: 'A1', stored: 'abc' },
  'bad-boolean': { code: 'bad-boolean', sheet: SHEET, cell: 'D1', stored: '2' },
  'unknown-type': { code: 'unknown-type', sheet: SHEET, cell: 'E1', type: 'zz' },
};

/** English words a Vietnamese reason must not have (product, format and unit names such as "byte" are fine). */
const ENGLISH =
  /\b(the|file|sheet|cell|cannot|could|error|is|not|no|workbook|part|entry|damaged|missing|limit|bytes|of|and|to)\b/i;
/** A code or sub-reason as written in the data: lowercase words joined by hyphens. */
const IDENTIFIER = /\b[a-z]+(?:-[a-z0-9]+)+\b/;

/** The text without what is the user's (file, sheet and part names, cell addresses, stored values). */
function withoutTheirs(text: string, fields: object): string {
  let out = text;
  for (const value of Object.values(fields)) {
    if (typeof value === 'string' && value !== '') out = out.split(value).join(' ');
  }
  return out;
}

const ALL = XLSX_ERROR_CODES.flatMap((code) =>
  (SAMPLES[code] ?? []).map((e) => [code, e] as const),
);

describe('the words of the reader errors', () => {
  it('has samples for every code the reader lists, and only those', () => {
    for (const code of XLSX_ERROR_CODES) {
      expect(SAMPLES[code]?.length ?? 0, code).toBeGreaterThan(0);
      for (const e of SAMPLES[code] ?? []) expect(e.code).toBe(code);
    }
    expect(Object.keys(SAMPLES).sort()).toEqual([...XLSX_ERROR_CODES].sort());
  });

  it.each(ALL.map(([code, e]) => [code, JSON.stringify(e), e] as const))(
    '%s %s: worded in Vietnamese and in English',
    (_code, _json, error) => {
      const vi = describeReadError(error, 'vi');
      const en = describeReadError(error, 'en');
      for (const text of [vi, en]) {
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toMatch(/undefined|NaN|\[object|null/);
      }
      expect(en).not.toBe(vi);

      const viOwn = withoutTheirs(vi, error);
      expect(ENGLISH.exec(viOwn)?.[0], vi).toBeUndefined();
      expect(IDENTIFIER.exec(viOwn)?.[0], vi).toBeUndefined();
      expect(viOwn).not.toMatch(/XlsxError|XlsxFailure|xlsx:/);
      expect(vi).not.toContain(error.code);
      if ('reason' in error) expect(vi).not.toContain(error.reason);

      expect(withoutTheirs(en, error)).not.toMatch(/XlsxError|XlsxFailure|xlsx:/);

      for (const text of [vi, en]) {
        if (error.file !== undefined) expect(text).toContain(error.file);
        if (error.sheet !== undefined) expect(text).toContain(`"${error.sheet}"`);
        if (error.cell !== undefined) expect(text).toContain(error.cell);
        if (error.part !== undefined) expect(text).toContain(error.part);
      }
    },
  );

  it('leaves the sheet out when the caller names it', () => {
    for (const [, error] of ALL) {
      if (error.sheet === undefined || error.code === 'no-such-sheet') continue;
      for (const locale of ['vi', 'en'] as const) {
        const text = describeReadError(error, locale, { omitSheet: true });
        expect(text, JSON.stringify(error)).not.toContain(error.sheet);
        expect(text.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the Vietnamese words of the reports', () => {
    expect(describeReadError({ code: 'empty-file' }, 'vi')).toBe('tệp rỗng (0 byte)');
    expect(describeReadError(CORRUPT_ZIP['declared-holds-less'], 'vi')).toBe(
      'tệp bị hỏng: phần "xl/workbook.xml" không giải nén được hoặc sai mã kiểm tra (CRC)',
    );
    expect(describeReadError(CORRUPT_ZIP['no-directory-end'], 'vi')).toBe(
      'tệp .xlsx bị hỏng hoặc không đầy đủ',
    );
    expect(describeReadError(CORRUPT_PART['not-well-formed'], 'vi')).toBe(
      'tệp .xlsx bị hỏng: một phần nội dung không đọc được (trang tính "Phụ lục", ô B1, phần xl/worksheets/sheet1.xml)',
    );
    expect(describeReadError(CORRUPT_PART['not-well-formed'], 'vi', { omitSheet: true })).toBe(
      'tệp .xlsx bị hỏng: một phần nội dung không đọc được (ô B1, phần xl/worksheets/sheet1.xml)',
    );
    expect(describeReadError(TOO_LARGE.file, 'vi')).toBe('tệp quá lớn để kiểm tra');
  });

  it('keeps the English sentences of the reader', () => {
    const en = (error: XlsxError) => describeReadError(error, 'en');
    expect(en({ code: 'empty-file', file: FILE })).toBe(`${FILE}: The file is empty (0 bytes).`);
    expect(en(CORRUPT_ZIP.checksum)).toBe(
      'Sheet "Phụ lục" cannot be read: the zip entry "xl/worksheets/sheet1.xml" is damaged: its content does not match its checksum (CRC-32).',
    );
    expect(en(CORRUPT_ZIP['larger-than-declared'])).toContain(
      'the zip entry "xl/worksheets/sheet1.xml" is damaged: it decompresses to 51 KB, more than the 1000 bytes its header declares.',
    );
    expect(en(CORRUPT_ZIP['declared-holds-less'])).toBe(
      'The zip entry "xl/workbook.xml" is damaged: it declares 400 MB from 290 bytes but holds only 64 KB.',
    );
    expect(en(CORRUPT_ZIP['directory-entry-damaged'])).toBe(
      'The zip directory is damaged (entry 3 of 9). The zip structure is damaged or the file is truncated (incomplete download or copy?).',
    );
    expect(en(CORRUPT_ZIP.duplicate)).toBe(
      'The zip package holds the part "XL/WORKBOOK.XML" twice.',
    );
    expect(en(ZIP_BOMB.declared)).toBe(
      'The zip entry "xl/media/padding.bin" declares 50 MB from 8 KB, a 6400:1 compression ratio above the 200:1 limit (a zip bomb).',
    );
    expect(en(CORRUPT_PART['not-well-formed'])).toBe(
      'Sheet "Phụ lục" is damaged in cell B1: the part "xl/worksheets/sheet1.xml" is not well-formed XML (an unterminated comment at character 96).',
    );
    expect(en(CORRUPT_PART['truncated-cell-data'])).toBe(
      'Sheet "Phụ lục" is damaged: the part "xl/worksheets/sheet1.xml" ends inside its cell data (it is truncated).',
    );
    expect(en(TOO_LARGE.file)).toBe('The file is 150 MB, more than the 100 MB limit.');
    expect(en(TOO_LARGE.entries)).toBe(
      'The zip package has 12000 entries, more than the limit of 10000.',
    );
    expect(en(TOO_LARGE.cells)).toBe(
      'Sheet "Phụ lục" has more than 2 cells with values, more than the limit.',
    );
    expect(en(MISSING_PART['sheet-part-missing'])).toBe(
      'The data of sheet "Mất" is missing from the workbook (part "xl/worksheets/sheet1.xml").',
    );
    expect(en({ code: 'no-such-sheet', sheet: 'Không có' })).toBe(
      'The workbook has no worksheet named "Không có".',
    );
    expect(en(UNREADABLE['not-found'])).toBe(`${FILE}: The file does not exist.`);
    expect(
      describeReadError(CORRUPT_PART['truncated-cell-data'], 'en', {
        omitSheet: true,
      }),
    ).toBe('The part "xl/worksheets/sheet1.xml" ends inside its cell data (it is truncated).');
    expect(describeReadError(CORRUPT_PART['not-well-formed'], 'en', { omitSheet: true })).toBe(
      'The sheet is damaged in cell B1: the part "xl/worksheets/sheet1.xml" is not well-formed XML (an unterminated comment at character 96).',
    );
  });
});

describe('the words of the reader warnings', () => {
  it('has samples for every kind of malformed cell the reader lists', () => {
    expect(Object.keys(WARNINGS).sort()).toEqual([...MALFORMED_CELL_CODES].sort());
  });

  it.each(MALFORMED_CELL_CODES.map((code) => [code]))(
    '%s: worded in Vietnamese and in English',
    (code) => {
      const warning = WARNINGS[code];
      const vi = describeReadWarning(warning, 'vi');
      const en = describeReadWarning(warning, 'en');
      expect(en).not.toBe(vi);
      for (const text of [vi, en]) {
        expect(text).not.toMatch(/undefined|NaN|\[object|null/);
        expect(text).toContain(warning.cell);
        expect(text).toContain(`"${warning.sheet}"`);
      }
      const viOwn = withoutTheirs(vi, warning);
      expect(ENGLISH.exec(viOwn)?.[0], vi).toBeUndefined();
      expect(/\b(TRUE|FALSE|invalid|value|holds|refers)\b/i.exec(viOwn)?.[0], vi).toBeUndefined();
      expect(IDENTIFIER.exec(viOwn)?.[0], vi).toBeUndefined();
    },
  );

  it('says what the cell holds', () => {
    expect(describeReadWarning(WARNINGS['bad-reference'], 'en')).toBe(
      'Cell B2 on sheet "Phụ lục" has an invalid reference "1A"; it is read as an invalid value.',
    );
    expect(
      describeReadWarning(
        { code: 'bad-shared-string', sheet: SHEET, cell: 'B7', index: '5', count: 1 },
        'en',
      ),
    ).toBe(
      'Cell B7 on sheet "Phụ lục" refers to shared string 5, but the workbook has only 1; it is read as an invalid value.',
    );
    expect(describeReadWarning(WARNINGS['bad-shared-string'], 'vi')).toContain('9999');
  });
});
