/**
 * The pane's words for what went wrong, in Vietnamese (the default) and English: a HostError's
 * title and body from its code and typed fields, and why an .xlsx could not be read (the
 * in-memory host's files: a short line per reader code). A problem carries data, never a
 * sentence; it is worded here, at render time, in the pane's language. Every code has its words
 * in both languages: each table is a Record over the codes, so a code without words does not
 * compile (and test/words.test.ts walks the codes at run time).
 */
import { formatInUnit, type Locale } from '@chitieu/engine';
import type { XlsxError, XlsxErrorCode } from '@chitieu/xlsx';
import type { HostErrorCode, HostProblem, HostProblemOf } from '../host/types.js';

export interface ErrorWords {
  /** A HostError's title: what kind of problem. */
  readonly title: Readonly<Record<HostErrorCode, string>>;
  /** A HostError's body, from its fields (never its `cause`, the developer's text). */
  readonly body: { readonly [C in HostErrorCode]: (problem: HostProblemOf<C>) => string };
  /** Why an .xlsx could not be read, by the reader's code. */
  readonly readError: Readonly<Record<XlsxErrorCode, string>>;
}

/** A number in the language's way: "2.000.000" / "2,000,000". */
function count(n: number, locale: Locale): string {
  return formatInUnit(n, undefined, locale);
}

/** Excel's error code for the user being in the middle of editing a cell. */
const CELL_EDIT_MODE = 'InvalidOperationInCellEditMode';

const viContent: Readonly<Record<HostProblemOf<'invalid-content'>['what'], string>> = {
  merge: 'một vùng ô gộp',
  border: 'một vùng kẻ viền',
  link: 'một liên kết',
  note: 'một ghi chú',
};

export const viErrors: ErrorWords = {
  title: {
    'no-sheet': 'Không có trang tính nào để kiểm tra',
    'not-found': 'Không tìm thấy trang tính',
    'too-large': 'Trang tính quá lớn',
    unsupported: 'Phiên bản Excel này chưa hỗ trợ',
    protected: 'Không ghi được vì đang được bảo vệ',
    'invalid-content': 'Chỉ Tiêu gặp sự cố khi ghi trang tính',
    'unreadable-file': 'Không đọc được tệp',
    office: 'Excel báo lỗi',
  },
  body: {
    'no-sheet': () =>
      'Sổ làm việc chưa có trang tính nào. Hãy thêm trang tính phụ lục rồi thử lại.',
    'not-found': (p) =>
      p.cell === undefined
        ? `Không còn trang tính “${p.sheet}” trong sổ làm việc: có thể nó đã bị xóa hoặc đổi tên.`
        : `“${p.cell}” không phải là một ô của trang tính “${p.sheet}”.`,
    'too-large': (p) => {
      switch (p.reason) {
        case 'used-range':
          return `Vùng đã dùng của trang tính “${p.sheet}” (${p.address}) có ${count(p.cells, 'vi')} ô; Chỉ Tiêu đọc tối đa ${count(p.limit, 'vi')} ô.`;
        case 'range':
          return `Vùng ${p.address} của trang tính “${p.sheet}” có ${count(p.cells, 'vi')} ô; Chỉ Tiêu đọc riêng tối đa ${count(p.limit, 'vi')} ô.`;
        case 'whole-rows-or-columns':
          return `“${p.address}” trên trang tính “${p.sheet}” là cả dòng hoặc cả cột, không phải một vùng ô Chỉ Tiêu đọc riêng được.`;
        case 'not-one-range':
          return `“${p.address}” trên trang tính “${p.sheet}” không phải một vùng ô Chỉ Tiêu đọc riêng được.`;
        case 'payload':
          return p.sheet === undefined
            ? 'Dữ liệu quá lớn để Excel gửi trong một lần.'
            : `Trang tính “${p.sheet}” quá lớn để Excel gửi trong một lần.`;
      }
    },
    unsupported: (p) =>
      ({
        pane: 'Chỉ Tiêu cần Excel 2021, Excel cho Microsoft 365 hoặc Excel trên web (ExcelApi 1.12).',
        notes:
          'Excel này không cho phần bổ trợ ghi chú vào ô (cần ExcelApi 1.18: Microsoft 365 hoặc Excel trên web).',
        api: 'Excel này thiếu một chức năng Chỉ Tiêu cần. Hãy cập nhật Excel hoặc dùng Excel trên web.',
      })[p.feature],
    protected: (p) =>
      p.what === 'structure'
        ? `Cấu trúc sổ làm việc đang được bảo vệ nên Chỉ Tiêu không thêm được trang tính “${p.sheet}”. Hãy bỏ bảo vệ sổ làm việc (Xem lại → Bảo vệ Sổ làm việc) rồi thử lại.`
        : `Trang tính “${p.sheet}” đang được bảo vệ nên Chỉ Tiêu không ghi lại được. Hãy bỏ bảo vệ trang tính (Xem lại → Bỏ bảo vệ Trang tính) rồi thử lại.`,
    'invalid-content': (p) =>
      `Chỉ Tiêu đã tạo ${viContent[p.what]} không hợp lệ nên Excel không ghi được. Đây là lỗi của Chỉ Tiêu, không phải của số liệu: hãy báo cho người hỗ trợ.`,
    'unreadable-file': (p) => viErrors.readError[p.error.code] + sheetSuffix(p.error, 'vi'),
    office: (p) =>
      p.officeCode === CELL_EDIT_MODE
        ? 'Excel đang ở chế độ sửa ô. Hãy nhấn Enter hoặc Esc rồi thử lại.'
        : `Excel không thực hiện được yêu cầu của Chỉ Tiêu${p.officeCode ? ` (mã lỗi ${p.officeCode})` : ''}. Hãy thử lại; nếu vẫn không được, hãy lưu rồi mở lại sổ làm việc.`,
  },
  readError: {
    'empty-file': 'Tệp rỗng, không có dữ liệu.',
    'not-a-zip': 'Tệp không phải sổ làm việc Excel (.xlsx).',
    'corrupt-zip': 'Tệp bị hỏng.',
    'old-xls': 'Tệp là sổ làm việc Excel 97-2003 (.xls): hãy lưu lại thành .xlsx.',
    encrypted: 'Tệp được đặt mật khẩu.',
    'zip-bomb': 'Tệp giải nén ra lớn bất thường so với kích thước của nó.',
    'too-large': 'Tệp vượt giới hạn kích thước đọc được.',
    'not-a-workbook': 'Tệp không chứa sổ làm việc Excel.',
    'corrupt-part': 'Một phần của sổ làm việc bị hỏng.',
    'missing-part': 'Sổ làm việc thiếu một phần cần thiết.',
    'no-such-sheet': 'Sổ làm việc không có trang tính được yêu cầu.',
    unreadable: 'Không đọc được nội dung sổ làm việc.',
  },
};

const enContent: Readonly<Record<HostProblemOf<'invalid-content'>['what'], string>> = {
  merge: 'a merged area',
  border: 'a bordered area',
  link: 'a link',
  note: 'a note',
};

export const enErrors: ErrorWords = {
  title: {
    'no-sheet': 'There is no worksheet to check',
    'not-found': 'Worksheet not found',
    'too-large': 'The sheet is too large',
    unsupported: 'This Excel version is not supported',
    protected: 'Protected: nothing could be written',
    'invalid-content': 'Chỉ Tiêu could not write the sheet',
    'unreadable-file': 'The file cannot be read',
    office: 'Excel reported an error',
  },
  body: {
    'no-sheet': () => 'The workbook has no worksheet. Add the annex sheet, then try again.',
    'not-found': (p) =>
      p.cell === undefined
        ? `The workbook no longer has the sheet “${p.sheet}”: it may have been deleted or renamed.`
        : `“${p.cell}” is not one cell of the sheet “${p.sheet}”.`,
    'too-large': (p) => {
      switch (p.reason) {
        case 'used-range':
          return `The used range of the sheet “${p.sheet}” (${p.address}) has ${count(p.cells, 'en')} cells; Chỉ Tiêu reads at most ${count(p.limit, 'en')}.`;
        case 'range':
          return `The range ${p.address} of the sheet “${p.sheet}” has ${count(p.cells, 'en')} cells; Chỉ Tiêu reads at most ${count(p.limit, 'en')} of a range.`;
        case 'whole-rows-or-columns':
          return `“${p.address}” on the sheet “${p.sheet}” is whole rows or columns, not a range of cells Chỉ Tiêu can read on its own.`;
        case 'not-one-range':
          return `“${p.address}” on the sheet “${p.sheet}” is not one range of cells Chỉ Tiêu can read on its own.`;
        case 'payload':
          return p.sheet === undefined
            ? 'The data is too large for one request to Excel.'
            : `The sheet “${p.sheet}” is too large for one request to Excel.`;
      }
    },
    unsupported: (p) =>
      ({
        pane: 'Chỉ Tiêu needs Excel 2021, Excel for Microsoft 365 or Excel on the web (ExcelApi 1.12).',
        notes:
          'This Excel cannot let add-ins put notes on cells (ExcelApi 1.18: Microsoft 365 or Excel on the web).',
        api: 'This Excel lacks a feature Chỉ Tiêu needs. Update Excel or use Excel on the web.',
      })[p.feature],
    protected: (p) =>
      p.what === 'structure'
        ? `The workbook's structure is protected, so Chỉ Tiêu cannot add the sheet “${p.sheet}”. Unprotect the workbook (Review → Protect Workbook) and try again.`
        : `The sheet “${p.sheet}” is protected, so Chỉ Tiêu cannot write it again. Unprotect it (Review → Unprotect Sheet) and try again.`,
    'invalid-content': (p) =>
      `Chỉ Tiêu built ${enContent[p.what]} Excel cannot hold, so nothing was written. This is a fault of Chỉ Tiêu, not of the figures: please report it.`,
    'unreadable-file': (p) => enErrors.readError[p.error.code] + sheetSuffix(p.error, 'en'),
    office: (p) =>
      p.officeCode === CELL_EDIT_MODE
        ? 'Excel is editing a cell. Press Enter or Esc, then try again.'
        : `Excel could not do what Chỉ Tiêu asked${p.officeCode ? ` (error code ${p.officeCode})` : ''}. Try again; if it keeps failing, save and reopen the workbook.`,
  },
  readError: {
    'empty-file': 'The file is empty.',
    'not-a-zip': 'The file is not an Excel workbook (.xlsx).',
    'corrupt-zip': 'The file is damaged.',
    'old-xls': 'The file is an Excel 97-2003 workbook (.xls): save it as .xlsx.',
    encrypted: 'The file is password-protected.',
    'zip-bomb': 'The file expands to far more than its size.',
    'too-large': 'The file is over the size the reader accepts.',
    'not-a-workbook': 'The file holds no Excel workbook.',
    'corrupt-part': 'A part of the workbook is damaged.',
    'missing-part': 'The workbook lacks a part it needs.',
    'no-such-sheet': 'The workbook has no sheet of the name asked for.',
    unreadable: 'The workbook’s content cannot be read.',
  },
};

/** " (trang tính “X”)" when the reader's error names a sheet. */
function sheetSuffix(error: XlsxError, locale: Locale): string {
  if (!error.sheet) return '';
  return locale === 'en' ? ` (sheet “${error.sheet}”)` : ` (trang tính “${error.sheet}”)`;
}

export const ERROR_WORDS: Readonly<Record<Locale, ErrorWords>> = { vi: viErrors, en: enErrors };

/** A HostError's problem in words: its title (the kind) and body (from its fields). */
export function describeHostProblem(
  problem: HostProblem,
  words: ErrorWords,
): { title: string; body: string } {
  // Each code's words take that code's problem (TypeScript cannot pair the two by itself).
  const body = words.body[problem.code] as (problem: HostProblem) => string;
  return { title: words.title[problem.code], body: body(problem) };
}
