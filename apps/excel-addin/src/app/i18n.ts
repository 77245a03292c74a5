/**
 * Every text the pane shows, in Vietnamese (the default) and English. Findings are data: the
 * pane words them when it renders, in its current language, from the engine's catalogs
 * (`describeFinding`, and `findingNote` for cell notes), which also name statuses and quarters
 * (`statusWord`, `quarterName`). This catalog holds the pane's own words; what went wrong is
 * worded by `i18n-errors.ts`, part of it (`errors`).
 */
import type { ContextSource, Locale } from '@chitieu/engine';
import { type ErrorWords, enErrors, viErrors } from './i18n-errors.js';
import type { SheetStep } from './notices.js';

/** A context field of the pane's form. */
export type FieldName = 'targetSet' | 'level' | 'unitName' | 'quarter';

/** Where a field's value came from: the engine's detection, the user, or the saved settings. */
export type FieldSource = ContextSource | 'saved';

export interface Messages {
  /** The language of these words, for the engine's (statuses, quarters, target-set names). */
  readonly locale: Locale;
  readonly appName: string;
  readonly tagline: string;
  readonly languageSwitch: string;
  readonly previewBanner: string;
  readonly contextHeading: string;
  readonly fields: Readonly<Record<FieldName, string>>;
  readonly detectPlaceholder: string;
  readonly unitPlaceholder: string;
  /** "nhận ra từ: tiêu đề". */
  readonly sourceHint: (source: FieldSource) => string;
  readonly check: string;
  readonly checking: string;
  readonly clearMarks: string;
  readonly clearing: string;
  readonly starting: string;
  readonly idleHint: string;
  readonly summaryHeading: (sheet: string, quarter: string | undefined) => string;
  readonly summaryLabel: string;
  readonly findingsHeading: string;
  readonly showAll: string;
  readonly nothingToFix: string;
  readonly hiddenCount: (n: number) => string;
  readonly noCell: string;
  readonly selectCell: (cell: string) => string;
  readonly unrecognisedGroup: string;
  readonly otherGroup: string;
  readonly checked: (sheet: string, marked: number) => { title: string; body: string };
  readonly needsInput: Readonly<Record<FieldName, string>>;
  readonly needsInputTitle: string;
  /** Under a field the engine could not work out. */
  readonly fieldNeeded: string;
  readonly notAnAnnexTitle: (sheet: string) => string;
  readonly cleared: (sheets: readonly string[], count: number) => string;
  readonly checkAll: string;
  readonly createReport: string;
  readonly reporting: string;
  readonly insertTemplate: string;
  readonly inserting: string;
  readonly updating: string;
  readonly optionsHeading: string;
  readonly notesOption: string;
  readonly notesUnsupported: string;
  readonly checkedAll: (
    checked: number,
    skipped: number,
    marked: number,
  ) => {
    title: string;
    body: string;
  };
  readonly workbookHeading: (sheets: number, quarter: string | undefined) => string;
  readonly sheetCounts: (problems: number) => string;
  readonly skippedHeading: string;
  readonly skipReason: {
    readonly report: string;
    /** The engine's reason, worded by the engine ("trang tính ẩn"), as a line. */
    readonly skipped: (reason: string) => string;
    /** `fields`: the field names, already listed ("Quý, Cấp của đơn vị"). */
    readonly needsInput: (fields: string) => string;
  };
  readonly marksNotWritten: string;
  readonly reportWrittenTitle: string;
  readonly reportWritten: (sheet: string, sheets: number) => string;
  readonly templateInsertedTitle: string;
  readonly templateInserted: (sheet: string, title: string) => string;
  readonly templateNeedsSet: string;
  /** The words of the user's own target sets: reading one from a sheet or a file, the review. */
  readonly userSets: UserSetWords;
  /** The report sheet Tạo báo cáo writes (report-sheet.ts). */
  readonly report: ReportWords;
  readonly notesSkipped: (count: number) => string;
  /** After "Kiểm tra tất cả" skipped hidden sheets: how many, and how to check them. */
  readonly hiddenSkipped: (count: number) => string;
  /** A finding of a hidden sheet was clicked: the cell cannot be selected until it is shown. */
  readonly hiddenSheetCell: (sheet: string, cell: string) => string;
  /** Beside a hidden sheet checked with the option on: the engine's word for it. */
  readonly hiddenLabel: (words: string) => string;
  /** The heading of a sheet's notices (what the check tells once for the sheet). */
  readonly sheetNoticesLabel: string;
  /** The option: hidden sheets are checked too by "Kiểm tra tất cả". */
  readonly includeHiddenOption: string;
  readonly nearMissLabel: string;
  readonly nearMissHint: string;
  /** The band typed is not a number from 0 to `max`. */
  readonly nearMissInvalid: (max: string) => string;
  /** The control that gives a field back to detection. */
  readonly resetField: string;
  /** Its accessible name: which field. */
  readonly resetFieldLabel: (field: string) => string;
  /** What went wrong (a HostError's code and fields, a file the reader refused), in words. */
  readonly errors: ErrorWords;
  readonly tooLargeHelp: string;
  readonly unexpectedTitle: string;
  /** The body of an unexpected failure (its own text is the developer's, never shown). */
  readonly unexpectedBody: string;
  /** One sheet's unexpected failure, in one line. */
  readonly unexpectedError: string;
  /** The title of one sheet's failure, by what failed. */
  readonly sheetFailedTitle: Readonly<Record<SheetStep, (sheet: string) => string>>;
  readonly settingsNotSaved: string;
  /** A set stored in the workbook for the sheets it checked (`sheets`: quoted, joined). */
  readonly setStored: (title: string, sheets: string, count: number) => string;
  readonly setNotStoredTitle: string;
  readonly setNotStored: (title: string, sheets: string, error: string) => string;
  readonly unsupportedTitle: string;
  readonly unsupportedBody: string;
  readonly notInExcelTitle: string;
  readonly notInExcelBody: string;
  readonly previewLoadTitle: string;
  readonly officeJsMissingTitle: string;
  readonly officeJsMissingBody: string;
}

/** The words of the report sheet: a units × indicators matrix, the cells to review, the sheets not checked. */
export interface ReportWords {
  readonly title: string;
  readonly date: (date: string) => string;
  /** Over a set's matrix: its title and the quarters checked ("Quý I, Quý II"). */
  readonly setHeading: (title: string, quarters: string) => string;
  readonly unit: string;
  readonly level: string;
  readonly failing: string;
  readonly sheets: string;
  readonly unnamed: string;
  /** After a cell's value: the target written in the sheet differs from the official one. */
  readonly targetAltered: string;
  /** The tally row: how many units met each indicator ("6/9"). */
  readonly tally: string;
  readonly legend: string;
  readonly reviewHeading: string;
  readonly reviewHeaders: readonly string[];
  readonly noReview: string;
  readonly notCheckedHeading: string;
  readonly notCheckedHeaders: readonly string[];
  readonly needs: (items: string) => string;
  /** A sheet checked although hidden: after its name. */
  readonly hidden: string;
  /** After the sheets a unit's values come from: the earlier copies they replaced. */
  readonly supersedes: (sheets: string) => string;
}

export interface UserSetWords {
  /** The action: read the active sheet as an official annex. */
  readonly readFromSheet: string;
  readonly reading: string;
  /** The file picker's label. */
  readonly pickFile: string;
  /** Beside a set in the list: where it came from. */
  readonly origin: {
    readonly builtin: string;
    readonly sheet: (sheet: string) => string;
    readonly file: (name: string) => string;
    /**
     * Stored in the workbook (a template's), for `count` sheets named in `names` (“A”, “B”);
     * none: for every sheet.
     */
    readonly embedded: (names: string, count: number) => string;
  };
  /** The review of a set read from a sheet, before it is used. */
  readonly reviewHeading: (sheet: string) => string;
  readonly reviewSummary: (title: string, rows: number, warnings: number) => string;
  readonly reviewColumns: {
    readonly stt: string;
    readonly name: string;
    readonly levels: string;
    readonly annual: string;
    readonly comparator: string;
  };
  readonly warningsHeading: string;
  readonly accept: string;
  readonly cancel: string;
  readonly addedTitle: string;
  readonly added: (title: string, origin: string) => string;
  readonly importFailedTitle: (sheet: string) => string;
  readonly fileInvalidTitle: (name: string) => string;
  /** One problem of a file: where (line:column, path) and what. */
  readonly fileIssue: (where: string, message: string) => string;
  readonly fileUnreadable: string;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const vi: Messages = {
  locale: 'vi',
  appName: 'Chỉ Tiêu',
  tagline: 'Kiểm tra kết quả với chỉ tiêu tối thiểu',
  languageSwitch: 'English',
  previewBanner: 'Bản xem trước — sổ làm việc mẫu',
  contextHeading: 'Thông tin kiểm tra',
  fields: {
    targetSet: 'Bộ chỉ tiêu',
    level: 'Cấp của đơn vị',
    unitName: 'Tên đơn vị',
    quarter: 'Quý',
  },
  detectPlaceholder: 'Tự nhận ra khi kiểm tra',
  unitPlaceholder: 'Ví dụ: Sở Tư pháp',
  sourceHint: (source) =>
    ({
      option: 'bạn đã chọn',
      embedded: 'lưu kèm trong sổ làm việc',
      saved: 'đã lưu cùng sổ làm việc',
      title: 'nhận ra từ: tiêu đề',
      'unit-name': 'nhận ra từ: tên đơn vị',
      content: 'nhận ra từ: nội dung bảng',
      'latest-results': 'nhận ra từ: kết quả gần nhất',
    })[source],
  check: 'Kiểm tra',
  checking: 'Đang kiểm tra…',
  clearMarks: 'Xóa đánh dấu',
  clearing: 'Đang xóa đánh dấu…',
  starting: 'Đang mở…',
  idleHint: 'Mở trang tính phụ lục chỉ tiêu rồi bấm Kiểm tra.',
  summaryHeading: (sheet, quarter) => `Kết quả: “${sheet}”${quarter ? `, đến ${quarter}` : ''}`,
  summaryLabel: 'Tóm tắt theo trạng thái',
  findingsHeading: 'Theo chỉ tiêu',
  showAll: 'Hiện cả ô đạt và không áp dụng',
  nothingToFix: 'Không có ô nào dưới tối thiểu, thiếu hay không hợp lệ.',
  hiddenCount: (n) => `${n} kết quả đạt hoặc không áp dụng đang ẩn.`,
  noCell: 'cả chỉ tiêu',
  selectCell: (cell) => `Chọn ô ${cell}`,
  unrecognisedGroup: 'Dòng không khớp chỉ tiêu nào',
  otherGroup: 'Khác',
  checked: (sheet, marked) => ({
    title: 'Kiểm tra xong',
    body:
      marked === 0
        ? `Trang tính “${sheet}” không có ô nào cần đánh dấu.`
        : `Đã đánh dấu ${marked} ô cần xem lại trên trang tính “${sheet}”. Màu sẽ tự cập nhật khi bạn sửa số liệu.`,
  }),
  needsInputTitle: 'Cần thêm thông tin',
  fieldNeeded: 'Cần chọn trước khi kiểm tra',
  needsInput: {
    targetSet: 'Không xác định được bộ chỉ tiêu của bảng — hãy chọn bộ chỉ tiêu rồi bấm Kiểm tra.',
    level: 'Không xác định được cấp của đơn vị — hãy chọn cấp rồi bấm Kiểm tra.',
    unitName: 'Không xác định được tên đơn vị — hãy nhập tên đơn vị rồi bấm Kiểm tra.',
    quarter: 'Không xác định được quý cần kiểm tra — hãy chọn quý rồi bấm Kiểm tra.',
  },
  notAnAnnexTitle: (sheet) => `Không kiểm tra được trang tính “${sheet}”`,
  cleared: (sheets, count) => {
    const where = sheets.length === 1 ? `trang tính “${sheets[0]}”` : `${sheets.length} trang tính`;
    return count === 0
      ? `${capitalise(where)} không có đánh dấu nào của Chỉ Tiêu.`
      : `Đã xóa ${count} quy tắc đánh dấu trên ${where}. Định dạng và ghi chú của bạn vẫn giữ nguyên.`;
  },
  checkAll: 'Kiểm tra tất cả',
  createReport: 'Tạo báo cáo',
  reporting: 'Đang tạo báo cáo…',
  insertTemplate: 'Chèn mẫu phụ lục',
  inserting: 'Đang chèn mẫu phụ lục…',
  updating: 'Đang cập nhật theo số liệu vừa sửa…',
  optionsHeading: 'Tùy chọn',
  notesOption: 'Ghi lý do vào ghi chú của ô được đánh dấu',
  notesUnsupported:
    'Cần Excel có ghi chú qua add-in (ExcelApi 1.18): Microsoft 365 hoặc Excel trên web.',
  checkedAll: (checked, skipped, marked) => ({
    title:
      checked > 0 ? 'Kiểm tra xong cả sổ làm việc' : 'Không có trang tính phụ lục nào để kiểm tra',
    body: `Đã kiểm tra ${checked} trang tính phụ lục${skipped > 0 ? `, bỏ qua ${skipped} trang tính khác (xem lý do bên dưới)` : ''}. ${marked === 0 ? 'Không có ô nào cần đánh dấu.' : `Đã đánh dấu ${marked} ô cần xem lại.`}`,
  }),
  workbookHeading: (sheets, quarter) =>
    `Kết quả: ${sheets} trang tính phụ lục${quarter ? `, đến ${quarter}` : ''}`,
  sheetCounts: (problems) =>
    problems === 0 ? 'không có ô cần xem lại' : `${problems} ô cần xem lại`,
  skippedHeading: 'Trang tính không kiểm tra',
  skipReason: {
    report: 'Trang báo cáo do Chỉ Tiêu tạo.',
    skipped: (reason) => `${capitalise(reason)}.`,
    needsInput: (fields) => `Cần chọn: ${fields}.`,
  },
  marksNotWritten: 'Không đánh dấu được trang tính này',
  reportWrittenTitle: 'Đã tạo báo cáo',
  reportWritten: (sheet, sheets) =>
    `Trang tính “${sheet}” liệt kê kết quả của ${sheets} trang tính; bấm vào một dòng để đến ô đó. Bấm Tạo báo cáo lần nữa để làm mới — chỉ trang báo cáo này được ghi lại.`,
  templateInsertedTitle: 'Đã chèn mẫu phụ lục',
  templateInserted: (sheet, title) =>
    `Trang tính mới “${sheet}” theo ${title}. Nhập kết quả vào các cột Kết quả thực hiện rồi bấm Kiểm tra.`,
  templateNeedsSet: 'Hãy chọn bộ chỉ tiêu cho mẫu phụ lục rồi bấm Chèn mẫu phụ lục.',
  report: {
    title: 'KẾT QUẢ KIỂM TRA CHỈ TIÊU',
    date: (date) => `Ngày kiểm tra: ${date}`,
    setHeading: (title, quarters) => `${title} — kiểm tra ${quarters}`,
    unit: 'Đơn vị',
    level: 'Cấp',
    failing: 'Số chỉ tiêu không đạt',
    sheets: 'Trang tính',
    unnamed: '(chưa rõ đơn vị)',
    targetAltered: 'chỉ tiêu trong bảng khác chính thức',
    tally: 'Số đơn vị đạt',
    legend:
      'Mỗi ô: trạng thái kém nhất qua các quý đã kiểm tra, với giá trị và quý đó; bấm vào ô để đến ô trong trang tính.',
    reviewHeading: 'Các ô cần xem lại',
    reviewHeaders: ['Đơn vị', 'Trang tính', 'Ô', 'Chỉ tiêu', 'Quý', 'Trạng thái', 'Lý do'],
    noReview: 'Không có giá trị nào dưới tối thiểu, thiếu hoặc không hợp lệ.',
    notCheckedHeading: 'Trang tính không kiểm tra',
    notCheckedHeaders: ['Trang tính', 'Lý do'],
    needs: (items) => `Cần cho biết: ${items}`,
    hidden: 'trang tính ẩn',
    supersedes: (sheets) => `thay cho bản trước: ${sheets}`,
  },
  userSets: {
    readFromSheet: 'Đọc bộ chỉ tiêu từ trang này',
    reading: 'Đang đọc bộ chỉ tiêu từ trang tính…',
    pickFile: 'Mở tệp bộ chỉ tiêu (JSON)',
    origin: {
      builtin: 'có sẵn',
      sheet: (sheet) => `đọc từ trang “${sheet}”`,
      file: (name) => `từ tệp “${name}”`,
      embedded: (names, count) =>
        count === 0 ? 'lưu kèm trong sổ làm việc' : `lưu kèm trong sổ, cho trang ${names}`,
    },
    reviewHeading: (sheet) => `Bộ chỉ tiêu đọc từ trang “${sheet}”`,
    reviewSummary: (title, rows, warnings) =>
      `${title}: ${rows} dòng chỉ tiêu${warnings > 0 ? `, ${warnings} ô cần xem lại` : ''}. Hãy đối chiếu với văn bản rồi bấm Dùng bộ chỉ tiêu này.`,
    reviewColumns: {
      stt: 'Stt',
      name: 'Chỉ tiêu',
      levels: 'Cấp',
      annual: 'Cả năm',
      comparator: 'Cách ghi',
    },
    warningsHeading: 'Các ô phải diễn giải',
    accept: 'Dùng bộ chỉ tiêu này',
    cancel: 'Hủy',
    addedTitle: 'Đã thêm bộ chỉ tiêu',
    added: (title, origin) =>
      `${title} (${origin}) được lưu cùng sổ làm việc và đã được chọn để kiểm tra.`,
    importFailedTitle: (sheet) => `Không đọc được bộ chỉ tiêu từ trang “${sheet}”`,
    fileInvalidTitle: (name) => `Tệp “${name}” không phải bộ chỉ tiêu hợp lệ`,
    fileIssue: (where, message) => (where ? `${where}: ${message}` : message),
    fileUnreadable: 'Không đọc được nội dung tệp.',
  },
  notesSkipped: (count) => `${count} ô đã có ghi chú của bạn nên Chỉ Tiêu không ghi lý do vào đó.`,
  hiddenSkipped: (count) =>
    `${count} trang tính ẩn không được kiểm tra. Bật tùy chọn “Kiểm tra cả trang tính ẩn” rồi bấm Kiểm tra tất cả để kiểm tra chúng.`,
  hiddenSheetCell: (sheet, cell) =>
    `Trang tính “${sheet}” đang ẩn nên không chọn được ô ${cell}. Hãy hiện trang tính (nhấp chuột phải vào một thẻ trang tính › Bỏ ẩn), rồi bấm lại vào kết quả.`,
  hiddenLabel: (words) => `(${words})`,
  sheetNoticesLabel: 'Lưu ý về trang tính',
  includeHiddenOption: 'Kiểm tra cả trang tính ẩn',
  nearMissLabel: 'Biên sát ngưỡng (điểm %)',
  nearMissHint:
    'Giá trị thấp hơn tối thiểu không quá chừng này được tính là “sát ngưỡng”; 0 để tắt. Áp dụng từ lần kiểm tra sau.',
  nearMissInvalid: (max) => `Hãy nhập một số từ 0 đến ${max}.`,
  resetField: 'Tự nhận biết',
  resetFieldLabel: (field) => `${field}: tự nhận biết khi kiểm tra`,
  errors: viErrors,
  tooLargeHelp:
    'Hãy xóa các dòng, cột trống ở cuối trang tính hoặc chép bảng phụ lục sang một trang tính riêng rồi kiểm tra lại.',
  unexpectedTitle: 'Đã xảy ra lỗi không mong muốn',
  unexpectedBody:
    'Số liệu trên trang tính không bị thay đổi. Hãy thử lại; nếu vẫn không được, hãy đóng rồi mở lại ngăn tác vụ.',
  unexpectedError:
    'Lỗi không mong muốn. Số liệu trên trang tính không bị thay đổi; các trang tính khác không bị ảnh hưởng.',
  sheetFailedTitle: {
    check: (sheet) => `Không kiểm tra được trang tính “${sheet}”`,
    mark: (sheet) => `Không đánh dấu được trang tính “${sheet}”`,
    update: (sheet) => `Không cập nhật được kết quả của trang tính “${sheet}”`,
  },
  settingsNotSaved: 'Không lưu được thông tin kiểm tra vào sổ làm việc',
  setStored: (title, sheets) =>
    `Bộ chỉ tiêu “${title}” được lưu trong sổ làm việc cho trang tính ${sheets}: tệp gửi lại cơ quan mang theo bộ chỉ tiêu đã dùng để kiểm tra.`,
  setNotStoredTitle: 'Không lưu được bộ chỉ tiêu vào sổ làm việc',
  setNotStored: (title, sheets, error) => `${title} (trang tính ${sheets}): ${error}`,
  unsupportedTitle: 'Cần Excel 2021 hoặc Microsoft 365',
  unsupportedBody:
    'Phiên bản Excel này không có các chức năng Chỉ Tiêu cần (ExcelApi 1.12). Hãy mở sổ làm việc bằng Excel 2021, Excel cho Microsoft 365 hoặc Excel trên web.',
  notInExcelTitle: 'Chỉ Tiêu chạy trong Excel',
  notInExcelBody: 'Trang này là ngăn tác vụ của Chỉ Tiêu: hãy mở nó từ trong Excel.',
  previewLoadTitle: 'Không mở được sổ làm việc mẫu',
  officeJsMissingTitle: 'Không tải được Office.js',
  officeJsMissingBody:
    'Ngăn tác vụ cần tải thư viện Office.js từ Microsoft (appsforoffice.microsoft.com). Hãy kiểm tra kết nối mạng hoặc tường lửa rồi mở lại ngăn tác vụ.',
};

export const en: Messages = {
  locale: 'en',
  appName: 'Chỉ Tiêu',
  tagline: 'Check results against the minimum targets',
  languageSwitch: 'English',
  previewBanner: 'Preview — example workbook',
  contextHeading: 'What to check against',
  fields: {
    targetSet: 'Target set',
    level: "Unit's level",
    unitName: 'Unit name',
    quarter: 'Quarter',
  },
  detectPlaceholder: 'Detected when you check',
  unitPlaceholder: 'e.g. Sở Tư pháp',
  sourceHint: (source) =>
    ({
      option: 'your choice',
      embedded: 'stored in the workbook',
      saved: 'saved with the workbook',
      title: 'detected from: the title',
      'unit-name': 'detected from: the unit name',
      content: 'detected from: the table',
      'latest-results': 'detected from: the latest results',
    })[source],
  check: 'Check',
  checking: 'Checking…',
  clearMarks: 'Remove marks',
  clearing: 'Removing marks…',
  starting: 'Opening…',
  idleHint: 'Open the annex worksheet and press Check.',
  summaryHeading: (sheet, quarter) => `Results: “${sheet}”${quarter ? `, up to ${quarter}` : ''}`,
  summaryLabel: 'Summary by status',
  findingsHeading: 'By indicator',
  showAll: 'Show met and not applicable too',
  nothingToFix: 'No value is below its minimum, missing or invalid.',
  hiddenCount: (n) => `${n} met or not-applicable results are hidden.`,
  noCell: 'whole indicator',
  selectCell: (cell) => `Select cell ${cell}`,
  unrecognisedGroup: 'Rows that match no indicator',
  otherGroup: 'Other',
  checked: (sheet, marked) => ({
    title: 'Check complete',
    body:
      marked === 0
        ? `Nothing to mark on the sheet “${sheet}”.`
        : `Marked ${marked} cells to review on the sheet “${sheet}”. The colours follow as you edit the figures.`,
  }),
  needsInputTitle: 'More information needed',
  fieldNeeded: 'Needed before checking',
  needsInput: {
    targetSet: "The sheet's target set could not be recognised — choose it, then press Check.",
    level: "The unit's level could not be recognised — choose the level, then press Check.",
    unitName: "The unit's name could not be recognised — enter it, then press Check.",
    quarter: 'The quarter to check could not be recognised — choose it, then press Check.',
  },
  notAnAnnexTitle: (sheet) => `The sheet “${sheet}” cannot be checked`,
  cleared: (sheets, count) => {
    const where = sheets.length === 1 ? `the sheet “${sheets[0]}”` : `${sheets.length} sheets`;
    return count === 0
      ? `${capitalise(where)} has no Chỉ Tiêu marks.`
      : `Removed ${count} marking rules from ${where}. Your own formatting and notes are unchanged.`;
  },
  checkAll: 'Check all',
  createReport: 'Create report',
  reporting: 'Creating the report…',
  insertTemplate: 'Insert annex template',
  inserting: 'Inserting the annex template…',
  updating: 'Updating from your edit…',
  optionsHeading: 'Options',
  notesOption: 'Put the reason in a note on each marked cell',
  notesUnsupported:
    'Needs an Excel with notes for add-ins (ExcelApi 1.18): Microsoft 365 or Excel on the web.',
  checkedAll: (checked, skipped, marked) => ({
    title: checked > 0 ? 'Workbook checked' : 'No annex sheet to check',
    body: `Checked ${checked} annex sheet${checked === 1 ? '' : 's'}${skipped > 0 ? `, skipped ${skipped} other sheet${skipped === 1 ? '' : 's'} (reasons below)` : ''}. ${marked === 0 ? 'Nothing to mark.' : `Marked ${marked} cells to review.`}`,
  }),
  workbookHeading: (sheets, quarter) =>
    `Results: ${sheets} annex sheet${sheets === 1 ? '' : 's'}${quarter ? `, up to ${quarter}` : ''}`,
  sheetCounts: (problems) =>
    problems === 0 ? 'nothing to review' : `${problems} cell${problems === 1 ? '' : 's'} to review`,
  skippedHeading: 'Sheets not checked',
  skipReason: {
    report: 'The report sheet Chỉ Tiêu wrote.',
    skipped: (reason) => `${capitalise(reason)}.`,
    needsInput: (fields) => `Choose: ${fields}.`,
  },
  marksNotWritten: 'The marks could not be written on this sheet',
  reportWrittenTitle: 'Report created',
  reportWritten: (sheet, sheets) =>
    `The sheet “${sheet}” lists the results of ${sheets} sheet${sheets === 1 ? '' : 's'}; click a row to go to its cell. Press Create report again to refresh it — only this report sheet is rewritten.`,
  templateInsertedTitle: 'Annex template inserted',
  templateInserted: (sheet, title) =>
    `New sheet “${sheet}” for ${title}. Enter the results in the result columns, then press Check.`,
  templateNeedsSet: 'Choose the target set for the template, then press Insert annex template.',
  report: {
    title: 'TARGET CHECK RESULTS',
    date: (date) => `Checked on: ${date}`,
    setHeading: (title, quarters) => `${title} — checked ${quarters}`,
    unit: 'Unit',
    level: 'Level',
    failing: 'Indicators not met',
    sheets: 'Sheets',
    unnamed: '(unit not named)',
    targetAltered: 'target in the sheet differs from the official one',
    tally: 'Units that met it',
    legend:
      'Each cell: the worst status over the quarters checked, with its value and quarter; click a cell to go to it in its sheet.',
    reviewHeading: 'Cells to review',
    reviewHeaders: ['Unit', 'Sheet', 'Cell', 'Indicator', 'Quarter', 'Status', 'Reason'],
    noReview: 'No value is below its minimum, missing or invalid.',
    notCheckedHeading: 'Sheets not checked',
    notCheckedHeaders: ['Sheet', 'Reason'],
    needs: (items) => `Needs: ${items}`,
    hidden: 'hidden sheet',
    supersedes: (sheets) => `replacing the earlier copy: ${sheets}`,
  },
  userSets: {
    readFromSheet: 'Read the target set from this sheet',
    reading: 'Reading the target set from the sheet…',
    pickFile: 'Open a target-set file (JSON)',
    origin: {
      builtin: 'built in',
      sheet: (sheet) => `read from the sheet “${sheet}”`,
      file: (name) => `from the file “${name}”`,
      embedded: (names, count) =>
        count === 0
          ? 'stored in the workbook'
          : `stored in the workbook, for ${count === 1 ? 'the sheet' : 'the sheets'} ${names}`,
    },
    reviewHeading: (sheet) => `Target set read from the sheet “${sheet}”`,
    reviewSummary: (title, rows, warnings) =>
      `${title}: ${rows} target row${rows === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} cell${warnings === 1 ? '' : 's'} to review` : ''}. Compare it with the document, then press Use this target set.`,
    reviewColumns: {
      stt: 'No.',
      name: 'Indicator',
      levels: 'Levels',
      annual: 'Annual',
      comparator: 'As written',
    },
    warningsHeading: 'Cells that had to be interpreted',
    accept: 'Use this target set',
    cancel: 'Cancel',
    addedTitle: 'Target set added',
    added: (title, origin) =>
      `${title} (${origin}) is kept with the workbook and chosen for checking.`,
    importFailedTitle: (sheet) => `No target set could be read from the sheet “${sheet}”`,
    fileInvalidTitle: (name) => `The file “${name}” is not a valid target set`,
    fileIssue: (where, message) => (where ? `${where}: ${message}` : message),
    fileUnreadable: 'The file could not be read.',
  },
  notesSkipped: (count) =>
    `${count} cell${count === 1 ? ' already has a note' : 's already have notes'} of yours, so Chỉ Tiêu left ${count === 1 ? 'it' : 'them'} as ${count === 1 ? 'it is' : 'they are'}.`,
  hiddenSkipped: (count) =>
    `${count} hidden sheet${count === 1 ? ' was' : 's were'} not checked. Turn on “Check hidden sheets too”, then press Check all to check ${count === 1 ? 'it' : 'them'}.`,
  hiddenSheetCell: (sheet, cell) =>
    `Sheet “${sheet}” is hidden, so cell ${cell} cannot be selected. Unhide the sheet (right-click a sheet tab › Unhide), then click the result again.`,
  hiddenLabel: (words) => `(${words})`,
  sheetNoticesLabel: 'About this sheet',
  includeHiddenOption: 'Check hidden sheets too',
  nearMissLabel: 'Near-miss band (percentage points)',
  nearMissHint:
    'A value short of its minimum by at most this much counts as a near miss; 0 turns it off. Applies from the next check.',
  nearMissInvalid: (max) => `Enter a number from 0 to ${max}.`,
  resetField: 'Detect',
  resetFieldLabel: (field) => `${field}: detect when checking`,
  errors: enErrors,
  tooLargeHelp:
    'Delete the empty rows and columns at the end of the sheet, or copy the annex table to a sheet of its own, then check again.',
  unexpectedTitle: 'Something went wrong',
  unexpectedBody:
    'The figures on the sheet are unchanged. Try again; if it keeps failing, close and reopen the task pane.',
  unexpectedError:
    'Unexpected error. The figures on the sheet are unchanged; other sheets are not affected.',
  sheetFailedTitle: {
    check: (sheet) => `The sheet “${sheet}” could not be checked`,
    mark: (sheet) => `The marks could not be written on the sheet “${sheet}”`,
    update: (sheet) => `The results of the sheet “${sheet}” could not be updated`,
  },
  settingsNotSaved: 'The check settings could not be saved in the workbook',
  setStored: (title, sheets, count) =>
    `The target set “${title}” is stored in the workbook for the sheet${count === 1 ? '' : 's'} ${sheets}: the file sent back to the office carries the set it was checked with.`,
  setNotStoredTitle: 'The target set could not be stored in the workbook',
  setNotStored: (title, sheets, error) => `${title} (${sheets}): ${error}`,
  unsupportedTitle: 'Excel 2021 or Microsoft 365 is needed',
  unsupportedBody:
    'This version of Excel lacks features Chỉ Tiêu needs (ExcelApi 1.12). Open the workbook in Excel 2021, Excel for Microsoft 365 or Excel on the web.',
  notInExcelTitle: 'Chỉ Tiêu runs inside Excel',
  notInExcelBody: 'This page is the Chỉ Tiêu task pane: open it from within Excel.',
  previewLoadTitle: 'The example workbook could not be opened',
  officeJsMissingTitle: 'Office.js could not be loaded',
  officeJsMissingBody:
    'The task pane loads the Office.js library from Microsoft (appsforoffice.microsoft.com). Check the network connection or firewall, then open the task pane again.',
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { vi, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
