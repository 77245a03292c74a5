/**
 * Words of the command line, Vietnamese by default and English with `--lang en`. Findings
 * bring their own words from the engine's catalogs.
 */
import type { FindingCode, Indicator, Locale } from '@chitieu/engine';

export interface CliText {
  readonly codes: Readonly<Record<FindingCode, string>>;
  readonly quarterShort: (q: number) => string;
  readonly columns: {
    cell: string;
    indicator: string;
    result: string;
  };
  readonly sheetLine: (
    unit: string,
    file: string,
    sheet: string,
    set: string,
    level: string,
    quarter: string,
  ) => string;
  readonly checkedThrough: (q: string) => string;
  readonly unknownUnit: string;
  readonly noIssues: string;
  readonly fileError: (file: string, message: string) => string;
  readonly skippedFile: (file: string, reason: string) => string;
  readonly skippedSheet: (sheet: string, reason: string) => string;
  readonly notXlsx: string;
  readonly oldXls: string;
  readonly lockFile: string;
  readonly notFound: (path: string) => string;
  readonly noAnnexInWorkbook: string;
  readonly needs: (sheet: string, what: string) => string;
  readonly needOption: Readonly<Record<'target-set' | 'level' | 'quarter', string>>;
  readonly totals: (files: number, sheets: number, failed: number, skipped: number) => string;
  readonly wrote: (path: string) => string;
  readonly nothingToCheck: string;
  readonly badOutDir: (dir: string, reason: string) => string;
  readonly isAFile: string;
  readonly unknownTargetSet: (id: string, known: string) => string;
  readonly badTargetSetFile: (file: string) => string;
  readonly badOption: (option: string, value: string, allowed: string) => string;
  readonly progress: string;
  readonly report: {
    readonly title: string;
    readonly generated: (when: string) => string;
    readonly heatmap: string;
    readonly heatmapNote: string;
    readonly unitsBelow: string;
    readonly noneBelow: string;
    readonly perFile: string;
    readonly legend: string;
    readonly nearMiss: string;
    readonly unit: string;
    readonly filesWithErrors: string;
    readonly altered: string;
  };
  readonly targets: {
    id: string;
    title: string;
    year: string;
    province: string;
    levels: string;
    indicators: string;
    annual: string;
    roadmap: string;
  };
}

export const vi: CliText = {
  codes: {
    'below-minimum': 'dưới tối thiểu',
    'invalid-value': 'không hợp lệ',
    'missing-value': 'thiếu số liệu',
    'target-mismatch': 'chỉ tiêu bị sửa',
    'unrecognised-row': 'dòng không nhận ra',
    'not-an-annex': 'không phải phụ lục',
    met: 'đạt',
    'not-applicable': 'không áp dụng',
  },
  quarterShort: (q) => `Quý ${['I', 'II', 'III', 'IV'][q - 1] ?? q}`,
  columns: {
    cell: 'Ô',
    indicator: 'Chỉ tiêu',
    result: 'Kết quả',
  },
  sheetLine: (unit, file, sheet, set, level, quarter) =>
    `${unit} — ${file} › ${sheet} (bộ chỉ tiêu ${set}, cấp ${level}, ${quarter})`,
  checkedThrough: (q) => `kiểm tra đến ${q}`,
  unknownUnit: '(chưa rõ đơn vị)',
  noIssues: 'Không có giá trị nào dưới tối thiểu, thiếu hay không hợp lệ.',
  fileError: (file, message) => `✗ ${file}: ${message}`,
  skippedFile: (file, reason) => `– bỏ qua ${file}: ${reason}`,
  skippedSheet: (sheet, reason) => `– bỏ qua trang tính "${sheet}": ${reason}`,
  notXlsx: 'không phải tệp .xlsx',
  oldXls: 'tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx',
  lockFile: 'tệp khóa tạm của Excel',
  notFound: (path) => `không tìm thấy "${path}"`,
  noAnnexInWorkbook: 'không có trang tính nào là bảng phụ lục chỉ tiêu',
  needs: (sheet, what) => `trang tính "${sheet}": ${what}`,
  needOption: {
    'target-set':
      'không xác định được bộ chỉ tiêu — hãy dùng --target-set ID (xem: chitieu targets list)',
    level: 'không xác định được cấp của đơn vị — hãy dùng --level so|huyen|xa',
    quarter: 'không xác định được quý cần kiểm tra — hãy dùng --quarter 1-4',
  },
  totals: (files, sheets, failed, skipped) =>
    `Đã kiểm tra ${files} tệp (${sheets} trang tính)${failed ? `; ${failed} tệp không kiểm tra được` : ''}${skipped ? `; bỏ qua ${skipped} tệp` : ''}.`,
  wrote: (path) => `Đã ghi ${path}`,
  nothingToCheck: 'Không có tệp .xlsx nào kiểm tra được.',
  badOutDir: (dir, reason) => `không tạo được thư mục --out "${dir}": ${reason}`,
  isAFile: 'đã có một tệp cùng tên, không phải thư mục',
  unknownTargetSet: (id, known) =>
    `không có bộ chỉ tiêu "${id}" (có: ${known}; hoặc đường dẫn tới tệp .json)`,
  badTargetSetFile: (file) => `tệp bộ chỉ tiêu ${file} không hợp lệ:`,
  badOption: (option, value, allowed) =>
    `giá trị "${value}" của ${option} không hợp lệ (dùng ${allowed})`,
  progress: 'Đang kiểm tra',
  report: {
    title: 'Kết quả kiểm tra chỉ tiêu',
    generated: (when) => `Lập lúc ${when} bằng Chỉ Tiêu`,
    heatmap: 'Đơn vị × chỉ tiêu',
    heatmapNote: 'Mỗi ô: giá trị của quý được kiểm tra và trạng thái; di chuột để xem lý do.',
    unitsBelow: 'Các đơn vị dưới mức tối thiểu theo từng chỉ tiêu',
    noneBelow: 'Không có đơn vị nào dưới mức tối thiểu.',
    perFile: 'Chi tiết theo tệp',
    legend: 'Chú giải',
    nearMiss: 'sát ngưỡng',
    unit: 'Đơn vị',
    filesWithErrors: 'Tệp không kiểm tra được',
    altered: 'Chỉ tiêu bị sửa trong bảng',
  },
  targets: {
    id: 'Mã',
    title: 'Tên',
    year: 'Năm',
    province: 'Tỉnh',
    levels: 'Các cấp',
    indicators: 'Số chỉ tiêu',
    annual: 'Chỉ tiêu năm',
    roadmap: 'Lộ trình Quý I–IV',
  },
};

export const en: CliText = {
  codes: {
    'below-minimum': 'below minimum',
    'invalid-value': 'invalid',
    'missing-value': 'missing',
    'target-mismatch': 'target altered',
    'unrecognised-row': 'unrecognised row',
    'not-an-annex': 'not an annex',
    met: 'met',
    'not-applicable': 'not applicable',
  },
  quarterShort: (q) => `Q${q}`,
  columns: {
    cell: 'Cell',
    indicator: 'Indicator',
    result: 'Result',
  },
  sheetLine: (unit, file, sheet, set, level, quarter) =>
    `${unit} — ${file} › ${sheet} (target set ${set}, level ${level}, ${quarter})`,
  checkedThrough: (q) => `checked through ${q}`,
  unknownUnit: '(unit not named)',
  noIssues: 'No value below its minimum, missing or invalid.',
  fileError: (file, message) => `✗ ${file}: ${message}`,
  skippedFile: (file, reason) => `– skipped ${file}: ${reason}`,
  skippedSheet: (sheet, reason) => `– skipped sheet "${sheet}": ${reason}`,
  notXlsx: 'not an .xlsx file',
  oldXls: 'an old Excel file (.xls) — open it in Excel and save it as .xlsx',
  lockFile: 'an Excel lock file',
  notFound: (path) => `"${path}" not found`,
  noAnnexInWorkbook: 'no worksheet is a target annex',
  needs: (sheet, what) => `sheet "${sheet}": ${what}`,
  needOption: {
    'target-set':
      'the target set could not be found — use --target-set ID (see: chitieu targets list)',
    level: "the unit's level could not be found — use --level so|huyen|xa",
    quarter: 'the quarter to check could not be found — use --quarter 1-4',
  },
  totals: (files, sheets, failed, skipped) =>
    `Checked ${files} file(s) (${sheets} sheet(s))${failed ? `; ${failed} could not be checked` : ''}${skipped ? `; ${skipped} skipped` : ''}.`,
  wrote: (path) => `Wrote ${path}`,
  nothingToCheck: 'No .xlsx file could be checked.',
  badOutDir: (dir, reason) => `cannot create the --out folder "${dir}": ${reason}`,
  isAFile: 'a file of that name exists, not a folder',
  unknownTargetSet: (id, known) =>
    `no target set "${id}" (known: ${known}; or give a path to a .json file)`,
  badTargetSetFile: (file) => `target-set file ${file} is invalid:`,
  badOption: (option, value, allowed) => `invalid value "${value}" for ${option} (use ${allowed})`,
  progress: 'Checking',
  report: {
    title: 'Target check results',
    generated: (when) => `Generated ${when} by Chỉ Tiêu`,
    heatmap: 'Units × indicators',
    heatmapNote:
      'Each cell: the value of the quarter checked and its status; hover for the reason.',
    unitsBelow: 'Units below the minimum, by indicator',
    noneBelow: 'No unit is below a minimum.',
    perFile: 'Findings by file',
    legend: 'Legend',
    nearMiss: 'near miss',
    unit: 'Unit',
    filesWithErrors: 'Files that could not be checked',
    altered: 'Targets altered in the sheet',
  },
  targets: {
    id: 'Id',
    title: 'Title',
    year: 'Year',
    province: 'Province',
    levels: 'Levels',
    indicators: 'Indicators',
    annual: 'Annual',
    roadmap: 'Roadmap Q1–Q4',
  },
};

export function textFor(locale: Locale): CliText {
  return locale === 'en' ? en : vi;
}

/** An indicator's short name in the report's language (Vietnamese when it has no English one). */
export function shortName(indicator: Indicator, locale: Locale): string {
  return locale === 'en' ? (indicator.shortNameEn ?? indicator.shortName) : indicator.shortName;
}
