/**
 * Words of the command line, Vietnamese by default and English with `--lang en`. Findings
 * bring their own words from the engine's catalogs, and so do statuses and quarters
 * (`statusWord`, `quarterName`).
 */
import type { Locale } from '@chitieu/engine';
import type {
  MalformedCell,
  MalformedCellReason,
  XlsxError,
  XlsxErrorCode,
  XmlProblem,
} from '@chitieu/xlsx';

export interface CliText {
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
  /** In place of the unit of a sheet with one row per unit: how many units it lists. */
  readonly unitTable: (units: number) => string;
  /** In place of the level of such a sheet: each unit has its own. */
  readonly levelPerUnit: string;
  readonly noIssues: string;
  readonly fileError: (file: string, message: string) => string;
  readonly skippedFile: (file: string, reason: string) => string;
  /** `label`: what marks the sheet ("trang tính ẩn" for a hidden one read with --include-hidden). */
  readonly skippedSheet: (sheet: string, reason: string, label?: string) => string;
  readonly notXlsx: string;
  readonly oldXls: string;
  readonly lockFile: string;
  readonly notFound: (path: string) => string;
  readonly unreadableFile: (path: string, reason: string) => string;
  readonly noAnnexInWorkbook: string;
  /** A file none of whose visible sheets is an annex, with `hidden` hidden sheets not checked. */
  readonly onlyHiddenSheets: (hidden: number) => string;
  /** After a run that skipped hidden sheets: how many, and how to check them. */
  readonly hiddenSkipped: (count: number) => string;
  readonly needs: (sheet: string, what: string) => string;
  readonly needOption: Readonly<Record<'target-set' | 'level' | 'quarter', string>>;
  readonly totals: (
    files: number,
    sheets: number,
    failed: number,
    skipped: number,
    hidden?: number,
  ) => string;
  readonly wrote: (path: string) => string;
  readonly nothingToCheck: string;
  readonly badOutDir: (dir: string, reason: string) => string;
  readonly isAFile: string;
  readonly unknownTargetSet: (id: string, known: string) => string;
  readonly badTargetSetFile: (file: string) => string;
  readonly badOption: (option: string, value: string, allowed: string) => string;
  readonly progress: string;
  /** A run's guards: skipped entries, unexpected failures, output faults, signals. */
  readonly run: RunText;
  /** The program's own words: help, usage errors, option descriptions (main.ts). */
  readonly cli: ProgramText;
  /** report.xlsx: its sheets, headings and columns (report/xlsx.ts). */
  readonly workbook: WorkbookText;
  /** The run across files: --roster, --compare, and the sections they add (report/consolidated.ts). */
  readonly units: UnitsText;
  readonly report: {
    readonly title: string;
    readonly generated: (when: string) => string;
    readonly heatmap: string;
    readonly heatmapNote: string;
    readonly unitsBelow: string;
    readonly noneBelow: string;
    readonly perFile: string;
    readonly legend: string;
    readonly unit: string;
    readonly filesWithErrors: string;
    readonly altered: string;
    /** The heading of the sheets a file has that were not checked (hidden ones). */
    readonly notChecked: string;
    /** The label of a sheet's notices. */
    readonly notices: string;
    /** The matrix: its sort controls, the per-unit totals column, the per-indicator tally. */
    readonly sortBy: string;
    readonly sortUnit: string;
    readonly sortFailing: string;
    readonly failing: string;
    readonly tally: (met: number, of: number) => string;
    /** Beside a unit: the submission its latest replaced; beside that one, the latest. */
    readonly supersedes: (what: string) => string;
    readonly supersededBy: (what: string) => string;
    /** Under the matrix: the printed copy's order. */
    readonly printOrder: string;
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
    /** `targets show`: the date the document takes effect. */
    effective: (date: string) => string;
    /** `targets show`: the heading of the documents the targets come from. */
    basis: string;
    /** Beside levels the document does not state (`appliesTo.stated: false`). */
    levelsDefault: string;
    /** In place of a target, for a row the document sets none for (`noTarget`). */
    noTarget: (max: string | undefined) => string;
    /** A footnote of a number the document does not state as a target: what it is inferred from. */
    inferred: (mark: string, passage: string) => string;
    /** A footnote of the rows whose levels are a default. */
    levelsDefaultNote: string;
    /** `targets validate`: what a valid set leaves unsaid, when it does. */
    unsaid: (inferred: number, defaults: number) => string;
  };
}

/** Words of the check run's guards (apps/cli/src/check-command.ts, files.ts, output.ts). */
export interface RunText {
  /** An unexpected failure (a bug): its kind and message in brackets. */
  readonly unexpected: (detail: string) => string;
  readonly inSheet: (sheet: string, reason: string) => string;
  /** The opened file is not a regular file (swapped after the folder was walked). */
  readonly notRegularFile: string;
  /** A file that could not be opened: why, in words (`errno`). */
  readonly cannotOpen: (reason: string) => string;
  /** A file another program holds (EBUSY: on Windows, a workbook open in Excel). */
  readonly fileLocked: string;
  readonly copyNotMade: (file: string, reason: string) => string;
  /** Why an entry met in a folder is not checked. */
  readonly skip: {
    readonly ownCopy: string;
    readonly ownReport: string;
    readonly outFolder: string;
    readonly unreadableFolder: (reason: string) => string;
    readonly unreadable: (reason: string) => string;
    readonly fifo: string;
    readonly device: string;
    readonly socket: string;
    readonly notRegular: string;
    readonly brokenLink: string;
    readonly linkLoop: string;
    readonly sameFile: (first: string) => string;
    readonly sameFolder: (first: string) => string;
  };
  /** An error code (errno) in words, for messages about files and folders. */
  readonly errno: (code: string | undefined) => string;
  readonly outNotWritable: (dir: string, reason: string) => string;
  readonly writeFailed: (path: string, reason: string) => string;
  readonly commitFailed: (path: string, reason: string) => string;
  readonly outLocked: (dir: string, pid: string, lock: string) => string;
  readonly staleLock: (pid: string) => string;
  readonly interrupted: (signal: string, withOut: boolean) => string;
  readonly stdoutFailed: (reason: string) => string;
}

const viErrno: Readonly<Record<string, string>> = {
  EACCES: 'không có quyền',
  EPERM: 'không có quyền',
  ENOSPC: 'hết dung lượng đĩa',
  EDQUOT: 'vượt hạn mức dung lượng đĩa',
  EROFS: 'ổ đĩa chỉ cho phép đọc',
  EIO: 'lỗi đọc/ghi của ổ đĩa',
  ENOENT: 'không tồn tại',
  ENOTDIR: 'một phần của đường dẫn không phải thư mục',
  EISDIR: 'là một thư mục',
  ENAMETOOLONG: 'tên quá dài',
  EMFILE: 'mở quá nhiều tệp cùng lúc',
  EBUSY: 'đang bị khóa',
  ELOOP: 'liên kết tượng trưng lặp vòng',
};
const enErrno: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the disk is read-only',
  EIO: 'disk input/output error',
  ENOENT: 'does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EBUSY: 'locked',
  ELOOP: 'symbolic link loop',
};

const viRun: RunText = {
  unexpected: (detail) => `lỗi không mong đợi (${detail})`,
  inSheet: (sheet, reason) => `trang tính "${sheet}": ${reason}`,
  notRegularFile:
    'không phải tệp thông thường (có thể đã bị thay sau khi duyệt thư mục), không đọc',
  cannotOpen: (reason) => `không mở được tệp (${reason})`,
  fileLocked: 'tệp đang bị khóa (đang mở trong Excel?)',
  copyNotMade: (file, reason) => `${file}: không tạo được bản sao có đánh dấu: ${reason}`,
  skip: {
    ownCopy:
      'bản sao có đánh dấu do Chỉ Tiêu tạo ở lần chạy trước (có trang tính "Kết quả kiểm tra"), không kiểm tra lại — ghi rõ tên tệp nếu muốn kiểm tra nó',
    ownReport: 'báo cáo do Chỉ Tiêu tạo ở lần chạy trước',
    outFolder: 'thư mục --out của lần chạy này (nơi ghi kết quả), không kiểm tra',
    unreadableFolder: (reason) => `không đọc được thư mục (${reason})`,
    unreadable: (reason) => `không đọc được (${reason})`,
    fifo: 'là một FIFO (ống dẫn có tên), không phải tệp thông thường — không mở',
    device: 'là một thiết bị, không phải tệp thông thường — không mở',
    socket: 'là một socket, không phải tệp thông thường — không mở',
    notRegular: 'không phải tệp thông thường — không mở',
    brokenLink: 'liên kết tượng trưng trỏ tới nơi không tồn tại',
    linkLoop: 'liên kết tượng trưng tạo vòng lặp, không đi theo',
    sameFile: (first) => `cùng một tệp với ${first} (qua liên kết), chỉ kiểm tra một lần`,
    sameFolder: (first) => `cùng một thư mục với ${first} (qua liên kết), chỉ duyệt một lần`,
  },
  errno: (code) => (code ? `${viErrno[code] ?? 'lỗi hệ thống'}, ${code}` : 'lỗi hệ thống'),
  outNotWritable: (dir, reason) => `không ghi được vào thư mục --out "${dir}": ${reason}`,
  writeFailed: (path, reason) =>
    `không ghi được "${path}": ${reason} — đã dừng, không ghi kết quả nào vào --out (kết quả cũ giữ nguyên)`,
  commitFailed: (path, reason) =>
    `không ghi được "${path}": ${reason} — kết quả trong --out có thể chưa đầy đủ`,
  outLocked: (dir, pid, lock) =>
    `thư mục --out "${dir}" đang được một lần chạy khác dùng (tiến trình ${pid}); hãy đợi lần chạy đó xong hoặc chọn --out khác (nếu chắc chắn không còn lần chạy nào, hãy xóa tệp ${lock})`,
  staleLock: (pid) => `đã gỡ khóa cũ của tiến trình ${pid} (tiến trình này không còn chạy)`,
  interrupted: (signal, withOut) =>
    `Đã dừng (${signal})${withOut ? ': không ghi gì vào --out, kết quả của lần chạy trước giữ nguyên' : ''}.`,
  stdoutFailed: (reason) => `không ghi được kết quả ra đầu ra chuẩn: ${reason}`,
};

const enRun: RunText = {
  unexpected: (detail) => `unexpected error (${detail})`,
  inSheet: (sheet, reason) => `sheet "${sheet}": ${reason}`,
  notRegularFile:
    'not a regular file (it may have been replaced after the folder was read), not read',
  cannotOpen: (reason) => `cannot open the file (${reason})`,
  fileLocked: 'the file is locked (open in Excel?)',
  copyNotMade: (file, reason) => `${file}: the annotated copy could not be made: ${reason}`,
  skip: {
    ownCopy:
      'an annotated copy written by Chỉ Tiêu in an earlier run (it has a "Check results"/"Kết quả kiểm tra" sheet), not checked again — name the file itself to check it',
    ownReport: 'a report written by Chỉ Tiêu in an earlier run',
    outFolder: "this run's --out folder (where results are written), not checked",
    unreadableFolder: (reason) => `the folder cannot be read (${reason})`,
    unreadable: (reason) => `cannot be read (${reason})`,
    fifo: 'a FIFO (named pipe), not a regular file — not opened',
    device: 'a device, not a regular file — not opened',
    socket: 'a socket, not a regular file — not opened',
    notRegular: 'not a regular file — not opened',
    brokenLink: 'a symbolic link to something that does not exist',
    linkLoop: 'a symbolic link that loops, not followed',
    sameFile: (first) => `the same file as ${first} (through a link), checked once`,
    sameFolder: (first) => `the same folder as ${first} (through a link), read once`,
  },
  errno: (code) => (code ? `${enErrno[code] ?? 'system error'}, ${code}` : 'system error'),
  outNotWritable: (dir, reason) => `cannot write to the --out folder "${dir}": ${reason}`,
  writeFailed: (path, reason) =>
    `cannot write "${path}": ${reason} — stopped, nothing written to --out (earlier results kept)`,
  commitFailed: (path, reason) =>
    `cannot write "${path}": ${reason} — the results in --out may be incomplete`,
  outLocked: (dir, pid, lock) =>
    `the --out folder "${dir}" is in use by another run (process ${pid}); wait for it to finish or choose another --out (if you are sure no run is left, delete ${lock})`,
  staleLock: (pid) => `removed the stale lock of process ${pid} (it is no longer running)`,
  interrupted: (signal, withOut) =>
    `Stopped (${signal})${withOut ? ': nothing written to --out, the earlier results are kept' : ''}.`,
  stdoutFailed: (reason) => `cannot write the results to standard output: ${reason}`,
};

/**
 * The words of the program itself (main.ts): its help, every usage error that commander would
 * otherwise word in English, the option descriptions. Placeholders such as <cấp> are words too.
 */
export interface ProgramText {
  readonly description: string;
  /** Usage lines after the command's name. */
  readonly usage: {
    readonly program: string;
    readonly check: string;
    readonly targets: string;
    readonly list: string;
    readonly show: string;
    readonly validate: string;
  };
  /** Commander's headings ("Usage:", "Options:", …) by their English text. */
  readonly headings: Readonly<Record<string, string>>;
  readonly helpOption: string;
  readonly helpCommand: string;
  readonly versionOption: string;
  /** Placeholders of option values and arguments. */
  readonly names: {
    readonly paths: string;
    readonly command: string;
    readonly id: string;
    readonly file: string;
    readonly targetSet: string;
    readonly level: string;
    readonly quarter: string;
    readonly format: string;
    readonly dir: string;
    readonly points: string;
    readonly lang: string;
  };
  readonly check: {
    readonly description: string;
    readonly paths: string;
    readonly targetSet: string;
    readonly level: string;
    readonly quarter: string;
    readonly format: string;
    readonly out: string;
    readonly nearMiss: string;
    readonly includeHidden: string;
    readonly notes: string;
    readonly lang: string;
  };
  readonly targets: {
    readonly description: string;
    readonly list: string;
    readonly show: string;
    readonly id: string;
    readonly validate: string;
    readonly file: string;
    readonly format: string;
  };
  /** `targets validate`: the file is a valid target set. */
  readonly valid: (file: string, id: string, indicators: number, levels: string) => string;
  /** Shown after the program's help. */
  readonly examples: string;
  readonly errors: {
    readonly unknownOption: (option: string, suggestion: string | undefined) => string;
    readonly unknownCommand: (command: string, suggestion: string | undefined) => string;
    readonly missingArgument: (what: string) => string;
    readonly optionNeedsValue: (option: string) => string;
    readonly tooManyArguments: (expected: number, got: number) => string;
    readonly badCommandLine: string;
  };
  /** The one line after a usage error. */
  readonly seeHelp: (command: string) => string;
}

const viProgram: ProgramText = {
  description: 'Kiểm tra chỉ tiêu cải cách thủ tục hành chính trong các tệp phụ lục Excel (.xlsx)',
  usage: {
    program: '[tùy chọn] [lệnh]',
    check: '[tùy chọn] <đường-dẫn...>',
    targets: '[lệnh]',
    list: '[tùy chọn]',
    show: '[tùy chọn] <mã>',
    validate: '[tùy chọn] <tệp.json>',
  },
  headings: {
    'Usage:': 'Cách dùng:',
    'Arguments:': 'Tham số:',
    'Options:': 'Tùy chọn:',
    'Global Options:': 'Tùy chọn chung:',
    'Commands:': 'Lệnh:',
  },
  helpOption: 'xem hướng dẫn này',
  helpCommand: 'xem hướng dẫn của một lệnh',
  versionOption: 'xem số phiên bản',
  names: {
    paths: 'đường-dẫn',
    command: 'lệnh',
    id: 'mã',
    file: 'tệp.json',
    targetSet: 'mã-hoặc-tệp.json',
    level: 'cấp',
    quarter: 'quý',
    format: 'định-dạng',
    dir: 'thư-mục',
    points: 'điểm',
    lang: 'ngôn-ngữ',
  },
  check: {
    description: 'kiểm tra các tệp .xlsx và thư mục (cả thư mục con)',
    paths: 'tệp .xlsx hoặc thư mục',
    targetSet:
      'bộ chỉ tiêu: mã có sẵn (xem chitieu targets list) hoặc tệp .json; mặc định: tự nhận ra',
    level: 'cấp của đơn vị: sở, huyện, xã (có dấu hay không đều được); mặc định: tự nhận ra',
    quarter: 'kiểm tra đến quý: 1–4, I–IV hoặc "quý 2"; mặc định: quý có số liệu sau cùng',
    format: 'định dạng kết quả: text, json, csv, html; mặc định: text',
    out: 'thư mục ghi bản sao có đánh dấu, report.html, report.json và report.xlsx',
    nearMiss: 'ngưỡng "sát" (điểm phần trăm) dưới mức tối thiểu, ví dụ 2 hoặc 0,5',
    includeHidden:
      'kiểm tra cả trang tính ẩn (được ghi là "trang tính ẩn" trong mọi báo cáo); mặc định: bỏ qua trang tính ẩn và liệt kê chúng',
    notes: 'ghi chú lý do (bằng lời) vào từng ô được đánh dấu của bản sao trong --out',
    lang: 'ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng biến môi trường CHITIEU_LANG',
  },
  targets: {
    description: 'các bộ chỉ tiêu có sẵn',
    list: 'liệt kê các bộ chỉ tiêu',
    show: 'chỉ tiêu, các cấp, chỉ tiêu năm và lộ trình tối thiểu theo quý của một bộ',
    id: 'mã bộ chỉ tiêu hoặc tệp .json',
    validate: 'kiểm tra một tệp bộ chỉ tiêu .json: mọi trường sai, với dòng và cột của nó',
    file: 'tệp bộ chỉ tiêu .json',
    format: 'định dạng: text hoặc json; mặc định: text',
  },
  valid: (file, id, indicators, levels) =>
    `${file}: hợp lệ — bộ chỉ tiêu ${id}, ${indicators} chỉ tiêu, các cấp ${levels}`,
  examples: `
Ví dụ:
  chitieu check nop-quy-2/ --out ket-qua
      kiểm tra cả thư mục; bản sao có đánh dấu và báo cáo ghi vào ket-qua/
  chitieu check so-y-te.xlsx --quarter II --level sở
      kiểm tra một tệp đến Quý II, theo chỉ tiêu của các sở
  chitieu targets list
      các bộ chỉ tiêu có sẵn

Mã thoát: 0 không có giá trị nào dưới tối thiểu, thiếu hay không hợp lệ;
1 có giá trị như vậy; 2 không kiểm tra được tệp nào.`,
  errors: {
    unknownOption: (option, suggestion) =>
      `không có tùy chọn "${option}"${suggestion ? ` — có phải ý bạn là ${suggestion}?` : ''}`,
    unknownCommand: (command, suggestion) =>
      `không có lệnh "${command}"${suggestion ? ` — có phải ý bạn là ${suggestion}?` : ''}`,
    missingArgument: (what) => `thiếu ${what}`,
    optionNeedsValue: (option) => `tùy chọn ${option} cần một giá trị`,
    tooManyArguments: (expected, got) =>
      expected === 0
        ? `lệnh này không nhận tham số nào (đã cho ${got})`
        : `thừa tham số: lệnh này nhận ${expected}, đã cho ${got}`,
    badCommandLine: 'dòng lệnh không hợp lệ',
  },
  seeHelp: (command) => `Xem ${command} --help`,
};

const enProgram: ProgramText = {
  description: 'Check administrative-reform targets in Excel annex workbooks (.xlsx)',
  usage: {
    program: '[options] [command]',
    check: '[options] <paths...>',
    targets: '[command]',
    list: '[options]',
    show: '[options] <id>',
    validate: '[options] <file.json>',
  },
  headings: {
    'Usage:': 'Usage:',
    'Arguments:': 'Arguments:',
    'Options:': 'Options:',
    'Global Options:': 'Global Options:',
    'Commands:': 'Commands:',
  },
  helpOption: 'show this help',
  helpCommand: 'show the help of a command',
  versionOption: 'show the version number',
  names: {
    paths: 'paths',
    command: 'command',
    id: 'id',
    file: 'file.json',
    targetSet: 'id-or-file.json',
    level: 'level',
    quarter: 'quarter',
    format: 'format',
    dir: 'dir',
    points: 'points',
    lang: 'lang',
  },
  check: {
    description: 'check .xlsx files and folders (with their sub-folders)',
    paths: '.xlsx files or folders',
    targetSet:
      'target set: a built-in id (see chitieu targets list) or a .json file; default: recognised',
    level: "the unit's level: so, huyen, xa (with or without diacritics); default: recognised",
    quarter: 'check through the quarter: 1–4, I–IV or Q2; default: the last quarter with results',
    format: 'output format: text, json, csv, html; default: text',
    out: 'folder for the annotated copies, report.html, report.json and report.xlsx',
    nearMiss: 'the "near miss" band (percentage points) below a minimum, e.g. 2 or 0.5',
    includeHidden:
      'check hidden sheets too (labelled "hidden sheet" in every report); default: hidden sheets are skipped and listed',
    notes: 'a note with its reason in words on each marked cell of the copies in --out',
    lang: 'language: vi (default) or en; also set by the CHITIEU_LANG environment variable',
  },
  targets: {
    description: 'the built-in target sets',
    list: 'list the target sets',
    show: "a set's indicators, levels, annual targets and quarterly minimums",
    id: 'a target-set id or a .json file',
    validate: 'check a target-set .json file: every bad field, with its line and column',
    file: 'a target-set .json file',
    format: 'format: text or json; default: text',
  },
  valid: (file, id, indicators, levels) =>
    `${file}: valid — target set ${id}, ${indicators} indicators, levels ${levels}`,
  examples: `
Examples:
  chitieu check submissions/ --out results
      check a whole folder; annotated copies and reports go to results/
  chitieu check so-y-te.xlsx --quarter II --level so
      check one file through Q2, against the departments' targets
  chitieu targets list
      the built-in target sets

Exit codes: 0 no value below its minimum, missing or invalid;
1 some value is; 2 no file could be checked.`,
  errors: {
    unknownOption: (option, suggestion) =>
      `unknown option "${option}"${suggestion ? ` — did you mean ${suggestion}?` : ''}`,
    unknownCommand: (command, suggestion) =>
      `unknown command "${command}"${suggestion ? ` — did you mean ${suggestion}?` : ''}`,
    missingArgument: (what) => `missing ${what}`,
    optionNeedsValue: (option) => `the option ${option} needs a value`,
    tooManyArguments: (expected, got) =>
      expected === 0
        ? `this command takes no arguments (got ${got})`
        : `too many arguments: this command takes ${expected}, got ${got}`,
    badCommandLine: 'invalid command line',
  },
  seeHelp: (command) => `See ${command} --help`,
};

/**
 * Words of the run across files: the --roster and --compare options (their help and their
 * files' faults) and the text report's sections after the files (superseded submissions, who
 * did not submit, who is not on the roster, who fell below a minimum met before).
 */
export interface UnitsText {
  readonly rosterOption: string;
  readonly compareOption: string;
  /** Placeholders of the options' values. */
  readonly rosterName: string;
  readonly compareName: string;
  readonly notFound: string;
  readonly tooLarge: (limit: number) => string;
  /** A bad roster: the file, the line (CSV) or row (xlsx) when it is about one, and why. */
  readonly badRoster: (file: string, line: number | undefined, reason: string) => string;
  readonly roster: {
    readonly noUnitColumn: string;
    readonly unclosedQuote: string;
    readonly notUtf8: string;
    readonly badLevel: (value: string, allowed: string) => string;
    readonly duplicate: (name: string, line: number) => string;
    readonly empty: string;
  };
  readonly badPrevious: (file: string, reason: string) => string;
  readonly previous: {
    readonly notJson: (line: number | undefined) => string;
    readonly noUnits: string;
    readonly badField: (path: string) => string;
  };
  readonly superseded: string;
  readonly supersededLine: (unit: string, what: string, by: string) => string;
  readonly notSubmitted: string;
  readonly allSubmitted: string;
  readonly rosterLine: (line: number) => string;
  readonly code: (code: string) => string;
  readonly notOnRoster: string;
  readonly fellBelow: string;
  readonly noneFellBelow: string;
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

const viUnits: UnitsText = {
  rosterOption:
    'danh sách đơn vị phải nộp (.csv hoặc .xlsx; cột "Đơn vị", có thể thêm "Cấp" và "Mã"): báo cáo liệt kê các đơn vị chưa nộp và các đơn vị không có trong danh sách',
  compareOption:
    'so với report.json của lần kiểm tra trước (tệp, hoặc thư mục --out chứa nó): giá trị trước, mức thay đổi, các đơn vị tụt xuống dưới mức tối thiểu',
  rosterName: 'tệp',
  compareName: 'report.json',
  notFound: 'không tìm thấy tệp',
  tooLarge: (limit) => `tệp quá lớn (hơn ${mb(limit)} MB)`,
  badRoster: (file, line, reason) =>
    `danh sách đơn vị ${file}${line !== undefined ? `, dòng ${line}` : ''}: ${reason}`,
  roster: {
    noUnitColumn: 'không có dòng tiêu đề với cột "Đơn vị" (hoặc "Tên đơn vị")',
    unclosedQuote: 'dấu ngoặc kép mở ở dòng này không được đóng',
    notUtf8: 'không phải văn bản UTF-8 (trong Excel, hãy lưu dạng "CSV UTF-8")',
    badLevel: (value, allowed) => `cấp "${value}" không hợp lệ (dùng ${allowed})`,
    duplicate: (name, line) => `đơn vị "${name}" đã có ở dòng ${line}`,
    empty: 'không có đơn vị nào dưới dòng tiêu đề',
  },
  badPrevious: (file, reason) => `báo cáo lần trước ${file}: ${reason}`,
  previous: {
    notJson: (line) => `không phải JSON hợp lệ${line !== undefined ? ` (dòng ${line})` : ''}`,
    noUnits:
      'không có danh sách đơn vị ("units") — hãy dùng report.json do phiên bản này của Chỉ Tiêu lập',
    badField: (path) => `trường ${path} không hợp lệ`,
  },
  superseded: 'Bản nộp đã được thay thế',
  supersededLine: (unit, what, by) => `${unit}: ${what} — thay bằng ${by}`,
  notSubmitted: 'Chưa nộp',
  allSubmitted: 'Mọi đơn vị trong danh sách đều đã nộp.',
  rosterLine: (line) => `dòng ${line}`,
  code: (code) => `mã ${code}`,
  notOnRoster: 'Đã nộp nhưng không có trong danh sách',
  fellBelow: 'Tụt xuống dưới mức tối thiểu so với lần trước',
  noneFellBelow: 'Không có đơn vị nào tụt xuống dưới mức tối thiểu đã đạt lần trước.',
};

const enUnits: UnitsText = {
  rosterOption:
    'the list of units that should submit (.csv or .xlsx; a "Đơn vị" column, optionally "Cấp" and "Mã"): the reports list the units that did not submit and those not on the list',
  compareOption:
    "a previous run's report.json (the file, or the --out folder holding it): the previous value, the change, the units that fell below a minimum",
  rosterName: 'file',
  compareName: 'report.json',
  notFound: 'file not found',
  tooLarge: (limit) => `the file is too large (over ${mb(limit)} MB)`,
  badRoster: (file, line, reason) =>
    `roster ${file}${line !== undefined ? `, line ${line}` : ''}: ${reason}`,
  roster: {
    noUnitColumn: 'no header row with a "Đơn vị" (or "Tên đơn vị") column',
    unclosedQuote: 'a quote opened on this line is not closed',
    notUtf8: 'not UTF-8 text (in Excel, save it as "CSV UTF-8")',
    badLevel: (value, allowed) => `invalid level "${value}" (use ${allowed})`,
    duplicate: (name, line) => `the unit "${name}" is already on line ${line}`,
    empty: 'no unit below the header row',
  },
  badPrevious: (file, reason) => `previous report ${file}: ${reason}`,
  previous: {
    notJson: (line) => `not valid JSON${line !== undefined ? ` (line ${line})` : ''}`,
    noUnits:
      'it has no list of units ("units") — use a report.json made by this version of Chỉ Tiêu',
    badField: (path) => `the field ${path} is invalid`,
  },
  superseded: 'Superseded submissions',
  supersededLine: (unit, what, by) => `${unit}: ${what} — replaced by ${by}`,
  notSubmitted: 'Not submitted',
  allSubmitted: 'Every unit on the roster submitted.',
  rosterLine: (line) => `line ${line}`,
  code: (code) => `code ${code}`,
  notOnRoster: 'Submitted but not on the roster',
  fellBelow: 'Fell below a minimum met before',
  noneFellBelow: 'No unit fell below a minimum it met before.',
};

/** Words of report.xlsx (apps/cli/src/report/xlsx.ts). */
export interface WorkbookText {
  /** The matrix sheet's name (31 characters at most; a number is added for a second set). */
  readonly matrixSheet: string;
  readonly findingsSheet: string;
  readonly rosterSheet: string;
  /** The matrix sheet's first line: the set's title and the quarters checked. */
  readonly matrixTitle: (set: string, quarters: string) => string;
  readonly unit: string;
  readonly level: string;
  /** The per-unit total: indicators below, near a minimum, missing or invalid. */
  readonly failing: string;
  readonly files: string;
  readonly superseded: string;
  /** The header of an indicator's status column ("1. Dịch vụ công toàn trình"). */
  readonly statusOf: (indicator: string) => string;
  /** The label of the per-indicator totals row, and one of its cells ("6/9"). */
  readonly tally: string;
  readonly tallyCell: (met: number, of: number) => string;
  /** A status cell of the matrix when the worst status is not the latest quarter's: with its quarter. */
  readonly statusAt: (status: string, quarter: string) => string;
  readonly columns: {
    readonly unit: string;
    readonly file: string;
    readonly sheet: string;
    readonly cell: string;
    readonly indicator: string;
    readonly quarter: string;
    readonly value: string;
    readonly minimum: string;
    readonly gap: string;
    readonly status: string;
    readonly reason: string;
  };
  readonly noFindings: string;
  readonly roster: {
    readonly unit: string;
    readonly level: string;
    readonly code: string;
    readonly state: string;
    readonly files: string;
    readonly notSubmitted: string;
    readonly notOnRoster: string;
    readonly none: string;
  };
}

const viWorkbook: WorkbookText = {
  matrixSheet: 'Tổng hợp',
  findingsSheet: 'Cần xem lại',
  rosterSheet: 'Chưa nộp',
  matrixTitle: (set, quarters) => `${set} — ${quarters}`,
  unit: 'Đơn vị',
  level: 'Cấp',
  failing: 'Số chỉ tiêu chưa đạt',
  files: 'Tệp',
  superseded: 'Bản đã được thay',
  statusOf: (indicator) => `Trạng thái ${indicator}`,
  tally: 'Số đơn vị đạt',
  tallyCell: (met, of) => `${met}/${of}`,
  statusAt: (status, quarter) => `${status} (${quarter})`,
  columns: {
    unit: 'Đơn vị',
    file: 'Tệp',
    sheet: 'Trang tính',
    cell: 'Ô',
    indicator: 'Chỉ tiêu',
    quarter: 'Quý',
    value: 'Giá trị',
    minimum: 'Tối thiểu',
    gap: 'Còn thiếu',
    status: 'Trạng thái',
    reason: 'Lý do',
  },
  noFindings: 'Không có ô nào cần xem lại.',
  roster: {
    unit: 'Đơn vị',
    level: 'Cấp',
    code: 'Mã',
    state: 'Tình trạng',
    files: 'Tệp',
    notSubmitted: 'Chưa nộp',
    notOnRoster: 'Đã nộp, không có trong danh sách',
    none: 'Mọi đơn vị trong danh sách đều đã nộp.',
  },
};

const enWorkbook: WorkbookText = {
  matrixSheet: 'Summary',
  findingsSheet: 'To review',
  rosterSheet: 'Not submitted',
  matrixTitle: (set, quarters) => `${set} — ${quarters}`,
  unit: 'Unit',
  level: 'Level',
  failing: 'Indicators not met',
  files: 'Files',
  superseded: 'Superseded copies',
  statusOf: (indicator) => `Status ${indicator}`,
  tally: 'Units meeting it',
  tallyCell: (met, of) => `${met}/${of}`,
  statusAt: (status, quarter) => `${status} (${quarter})`,
  columns: {
    unit: 'Unit',
    file: 'File',
    sheet: 'Sheet',
    cell: 'Cell',
    indicator: 'Indicator',
    quarter: 'Quarter',
    value: 'Value',
    minimum: 'Minimum',
    gap: 'Short by',
    status: 'Status',
    reason: 'Reason',
  },
  noFindings: 'No cell needs review.',
  roster: {
    unit: 'Unit',
    level: 'Level',
    code: 'Code',
    state: 'State',
    files: 'Files',
    notSubmitted: 'Not submitted',
    notOnRoster: 'Submitted, not on the roster',
    none: 'Every unit on the roster has submitted.',
  },
};

export const vi: CliText = {
  columns: {
    cell: 'Ô',
    indicator: 'Chỉ tiêu',
    result: 'Kết quả',
  },
  sheetLine: (unit, file, sheet, set, level, quarter) =>
    `${unit} — ${file} › ${sheet} (bộ chỉ tiêu ${set} · ${level} · ${quarter})`,
  checkedThrough: (q) => `kiểm tra đến ${q}`,
  unknownUnit: '(chưa rõ đơn vị)',
  unitTable: (n) => `Bảng theo đơn vị (${n} đơn vị)`,
  levelPerUnit: 'cấp của từng đơn vị',
  noIssues: 'Không có giá trị nào dưới tối thiểu, thiếu hay không hợp lệ.',
  fileError: (file, message) => `✗ ${file}: ${message}`,
  skippedFile: (file, reason) => `– bỏ qua ${file}: ${reason}`,
  skippedSheet: (sheet, reason, label) =>
    `– bỏ qua trang tính "${sheet}"${label ? ` [${label}]` : ''}: ${reason}`,
  notXlsx: 'không phải tệp .xlsx',
  oldXls: 'tệp Excel cũ (.xls) — hãy mở bằng Excel và lưu lại dạng .xlsx',
  lockFile: 'tệp khóa tạm của Excel',
  notFound: (path) => `không tìm thấy "${path}"`,
  unreadableFile: (path, reason) => `không đọc được "${path}": ${reason}`,
  noAnnexInWorkbook: 'không có trang tính nào là bảng phụ lục chỉ tiêu',
  onlyHiddenSheets: (hidden) =>
    `không kiểm tra trang tính nào: không có trang tính hiện nào là bảng phụ lục chỉ tiêu, và ${hidden} trang tính ẩn đã bỏ qua — dùng --include-hidden để kiểm tra cả trang tính ẩn`,
  hiddenSkipped: (count) =>
    `Đã bỏ qua ${count} trang tính ẩn, không kiểm tra — dùng --include-hidden để kiểm tra cả các trang tính đó.`,
  needs: (sheet, what) => `trang tính "${sheet}": ${what}`,
  needOption: {
    'target-set':
      'không xác định được bộ chỉ tiêu — hãy dùng --target-set ID (xem: chitieu targets list)',
    level: 'không xác định được cấp của đơn vị — hãy dùng --level so|huyen|xa',
    quarter: 'không xác định được quý cần kiểm tra — hãy dùng --quarter 1-4',
  },
  totals: (files, sheets, failed, skipped, hidden) =>
    `Đã kiểm tra ${files} tệp (${sheets} trang tính)${failed ? `; ${failed} tệp không kiểm tra được` : ''}${skipped ? `; bỏ qua ${skipped} tệp` : ''}${hidden ? `; bỏ qua ${hidden} trang tính ẩn` : ''}.`,
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
  run: viRun,
  cli: viProgram,
  workbook: viWorkbook,
  units: viUnits,
  report: {
    title: 'Kết quả kiểm tra chỉ tiêu',
    generated: (when) => `Lập lúc ${when} bằng Chỉ Tiêu`,
    heatmap: 'Đơn vị × chỉ tiêu',
    heatmapNote:
      'Mỗi ô: trạng thái kém nhất qua các quý đã kiểm tra, với giá trị của quý đó; bên dưới là từng quý (giá trị/mức tối thiểu). Di chuột để xem lý do. Bấm tên cột để sắp xếp.',
    unitsBelow: 'Các đơn vị dưới mức tối thiểu theo từng chỉ tiêu',
    noneBelow: 'Không có đơn vị nào dưới mức tối thiểu.',
    perFile: 'Chi tiết theo tệp',
    legend: 'Chú giải',
    unit: 'Đơn vị',
    filesWithErrors: 'Tệp không kiểm tra được',
    altered: 'Chỉ tiêu bị sửa trong bảng',
    notChecked: 'Trang tính không kiểm tra',
    notices: 'Lưu ý',
    sortBy: 'Sắp xếp theo',
    sortUnit: 'Tên đơn vị',
    sortFailing: 'Số chỉ tiêu chưa đạt',
    failing: 'Chưa đạt',
    tally: (met, of) => `${met}/${of} đơn vị đạt`,
    supersedes: (what) => `thay cho ${what}`,
    supersededBy: (what) => `đã được thay bằng ${what}`,
    printOrder: 'Bản in xếp theo tên đơn vị.',
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
    effective: (date) => `Có hiệu lực từ: ${date}`,
    basis: 'Căn cứ:',
    levelsDefault: '(mặc định)',
    noTarget: (max) => (max === undefined ? 'không đặt' : `không đặt (thang ${max} điểm)`),
    inferred: (mark, passage) =>
      `${mark} Mức suy ra, văn bản không ghi thành chỉ tiêu; dựa trên đoạn: "${passage}"`,
    levelsDefaultNote:
      '(mặc định): văn bản không nêu cơ quan, cấp thực hiện; các cấp này là mặc định của bộ chỉ tiêu, không phải của văn bản.',
    unsaid: (inferred, defaults) =>
      [
        inferred > 0 ? `${inferred} mức suy ra (văn bản không ghi thành chỉ tiêu)` : '',
        defaults > 0 ? `${defaults} dòng có các cấp mặc định (văn bản không nêu)` : '',
      ]
        .filter((p) => p !== '')
        .join('; '),
  },
};

export const en: CliText = {
  columns: {
    cell: 'Cell',
    indicator: 'Indicator',
    result: 'Result',
  },
  sheetLine: (unit, file, sheet, set, level, quarter) =>
    `${unit} — ${file} › ${sheet} (target set ${set} · ${level} · ${quarter})`,
  checkedThrough: (q) => `checked through ${q}`,
  unknownUnit: '(unit not named)',
  unitTable: (n) => `Table by unit (${n} ${n === 1 ? 'unit' : 'units'})`,
  levelPerUnit: "each unit's level",
  noIssues: 'No value below its minimum, missing or invalid.',
  fileError: (file, message) => `✗ ${file}: ${message}`,
  skippedFile: (file, reason) => `– skipped ${file}: ${reason}`,
  skippedSheet: (sheet, reason, label) =>
    `– skipped sheet "${sheet}"${label ? ` [${label}]` : ''}: ${reason}`,
  notXlsx: 'not an .xlsx file',
  oldXls: 'an old Excel file (.xls) — open it in Excel and save it as .xlsx',
  lockFile: 'an Excel lock file',
  notFound: (path) => `"${path}" not found`,
  unreadableFile: (path, reason) => `cannot read "${path}": ${reason}`,
  noAnnexInWorkbook: 'no worksheet is a target annex',
  onlyHiddenSheets: (hidden) =>
    `no sheet checked: no visible worksheet is a target annex, and ${hidden} hidden sheet(s) were skipped — use --include-hidden to check hidden sheets too`,
  hiddenSkipped: (count) =>
    `Skipped ${count} hidden sheet(s), not checked — use --include-hidden to check them too.`,
  needs: (sheet, what) => `sheet "${sheet}": ${what}`,
  needOption: {
    'target-set':
      'the target set could not be found — use --target-set ID (see: chitieu targets list)',
    level: "the unit's level could not be found — use --level so|huyen|xa",
    quarter: 'the quarter to check could not be found — use --quarter 1-4',
  },
  totals: (files, sheets, failed, skipped, hidden) =>
    `Checked ${files} file(s) (${sheets} sheet(s))${failed ? `; ${failed} could not be checked` : ''}${skipped ? `; ${skipped} skipped` : ''}${hidden ? `; ${hidden} hidden sheet(s) skipped` : ''}.`,
  wrote: (path) => `Wrote ${path}`,
  nothingToCheck: 'No .xlsx file could be checked.',
  badOutDir: (dir, reason) => `cannot create the --out folder "${dir}": ${reason}`,
  isAFile: 'a file of that name exists, not a folder',
  unknownTargetSet: (id, known) =>
    `no target set "${id}" (known: ${known}; or give a path to a .json file)`,
  badTargetSetFile: (file) => `target-set file ${file} is invalid:`,
  badOption: (option, value, allowed) => `invalid value "${value}" for ${option} (use ${allowed})`,
  progress: 'Checking',
  run: enRun,
  cli: enProgram,
  workbook: enWorkbook,
  units: enUnits,
  report: {
    title: 'Target check results',
    generated: (when) => `Generated ${when} by Chỉ Tiêu`,
    heatmap: 'Units × indicators',
    heatmapNote:
      "Each cell: the worst status over the quarters checked, with that quarter's value; below it, each quarter (value/minimum). Hover for the reason. Click a column's name to sort by it.",
    unitsBelow: 'Units below the minimum, by indicator',
    noneBelow: 'No unit is below a minimum.',
    perFile: 'Findings by file',
    legend: 'Legend',
    unit: 'Unit',
    filesWithErrors: 'Files that could not be checked',
    altered: 'Targets altered in the sheet',
    notChecked: 'Sheets not checked',
    notices: 'Notes',
    sortBy: 'Sort by',
    sortUnit: 'Unit name',
    sortFailing: 'Indicators not met',
    failing: 'Not met',
    tally: (met, of) => `${met}/${of} units met`,
    supersedes: (what) => `supersedes ${what}`,
    supersededBy: (what) => `superseded by ${what}`,
    printOrder: 'The printed copy is in order of unit name.',
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
    effective: (date) => `In effect from: ${date}`,
    basis: 'Based on:',
    levelsDefault: '(default)',
    noTarget: (max) => (max === undefined ? 'none set' : `none set (out of ${max} points)`),
    inferred: (mark, passage) =>
      `${mark} Inferred; the document does not state it as a target. It rests on: "${passage}"`,
    levelsDefaultNote:
      "(default): the document does not say who carries it out; these levels are the set's default, not the document's.",
    unsaid: (inferred, defaults) =>
      [
        inferred > 0
          ? `${inferred} inferred ${inferred === 1 ? 'number' : 'numbers'} (not stated as targets in the document)`
          : '',
        defaults > 0
          ? `${defaults} ${defaults === 1 ? 'row' : 'rows'} with default levels (the document does not say)`
          : '',
      ]
        .filter((p) => p !== '')
        .join('; '),
  },
};

export function textFor(locale: Locale): CliText {
  return locale === 'en' ? en : vi;
}

// The reader's errors and warnings: codes and fields from @chitieu/xlsx, worded here, from one
// catalog per language. Each catalog has words for every code: a code without them does not
// compile (and apps/cli/test/read-error-words.test.ts walks them all).

type ReadErrorOf<C extends XlsxErrorCode> = Extract<XlsxError, { readonly code: C }>;

/**
 * Words for every reader error code. `sheet` is the sheet to name (undefined when the error has
 * none or the caller names it already).
 */
type ReadErrorCatalog = {
  readonly [C in XlsxErrorCode]: (error: ReadErrorOf<C>, sheet: string | undefined) => string;
};

type MalformedOf<C extends MalformedCellReason> = Extract<MalformedCell, { readonly code: C }>;

/** Words for every kind of malformed cell: what the cell holds. */
type ReadWarningCatalog = {
  readonly [C in MalformedCellReason]: (warning: MalformedOf<C>) => string;
};

/** "104857600" → "100 MB" (English sizes: the Vietnamese words give none). */
function bytesEn(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) {
    const mb = (bytes / MB).toFixed(1);
    return `${mb.endsWith('.0') ? mb.slice(0, -2) : mb} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Vietnamese: what is wrong, then where ("(trang tính "…", ô …, phần …)"). The words are the
 * reports' since the first release, so reports stay as they were.
 */
const VI_READ_ERRORS: ReadErrorCatalog = {
  'empty-file': () => 'tệp rỗng (0 byte)',
  'not-a-zip': () => 'không phải tệp Excel .xlsx (nội dung không phải định dạng zip)',
  // A damaged part is named: "tệp bị hỏng: phần "xl/worksheets/sheet1.xml" sai mã kiểm tra".
  'corrupt-zip': (e) =>
    e.part !== undefined
      ? `tệp bị hỏng: phần "${e.part}" không giải nén được hoặc sai mã kiểm tra (CRC)`
      : 'tệp .xlsx bị hỏng hoặc không đầy đủ',
  'old-xls': () =>
    'tệp Excel cũ (.xls) đổi tên thành .xlsx — hãy mở bằng Excel và lưu lại dạng .xlsx',
  encrypted: () => 'tệp được đặt mật khẩu — hãy gỡ mật khẩu rồi gửi lại',
  'zip-bomb': () => 'tệp nén bất thường (dung lượng giải nén quá lớn), không mở',
  'too-large': () => 'tệp quá lớn để kiểm tra',
  'not-a-workbook': () => 'tệp zip nhưng không phải sổ làm việc Excel',
  'corrupt-part': () => 'tệp .xlsx bị hỏng: một phần nội dung không đọc được',
  'missing-part': () => 'tệp .xlsx bị hỏng: thiếu một phần nội dung',
  'no-such-sheet': (e) => `sổ làm việc không có trang tính "${e.sheet}"`,
  unreadable: (e) => {
    switch (e.reason) {
      case 'not-found':
        return 'tệp không tồn tại';
      case 'permission-denied':
        return 'không có quyền mở tệp';
      case 'is-folder':
        return 'đây là thư mục, không phải tệp';
      case 'locked':
        return 'tệp đang bị khóa (đang mở trong Excel?)';
      case 'cannot-open':
        return 'không mở được tệp';
      case 'compression-method':
      case 'unexpected':
        return 'không đọc được tệp';
    }
  },
};

/** What the XML reader met, in the words of "not well-formed XML (… at character N)". */
const EN_XML_PROBLEM: Readonly<Record<XmlProblem, string>> = {
  'unterminated-end-tag': 'an unterminated end tag',
  'unterminated-processing-instruction': 'an unterminated processing instruction',
  'unterminated-comment': 'an unterminated comment',
  'unterminated-cdata': 'an unterminated CDATA section',
  'tag-without-name': 'a tag without a name',
  'unterminated-start-tag': 'an unterminated start tag',
  'unterminated-attribute-value': 'an unterminated attribute value',
  'unterminated-declaration': 'an unterminated declaration',
};

const EN_TRUNCATED =
  'The zip structure is damaged or the file is truncated (incomplete download or copy?).';

const EN_SAVE_AS_XLSX = 'Save it as an Excel Workbook (.xlsx).';

/** "Sheet "Phụ lục"" or, when the caller names it, "The sheet" (capitalised), "the sheet". */
function sheetEn(sheet: string | undefined, capital: boolean): string {
  if (sheet !== undefined) return `${capital ? 'Sheet' : 'sheet'} "${sheet}"`;
  return capital ? 'The sheet' : 'the sheet';
}

/** English: the sentences the reader wrote before its errors became data. */
const EN_READ_ERRORS: ReadErrorCatalog = {
  'empty-file': () => 'The file is empty (0 bytes).',
  'not-a-zip': (e) =>
    e.kind === 'xml-or-html'
      ? `The file is an XML or HTML document with an Excel file name, not an .xlsx workbook. Open it in Excel and save it as an Excel Workbook (.xlsx).`
      : e.kind === 'pdf'
        ? 'The file is a PDF document, not an .xlsx workbook.'
        : 'The file is not an .xlsx workbook (it is not a zip package).',
  'corrupt-zip': (e) => {
    const entry = `The zip entry "${e.part}"`;
    switch (e.reason) {
      case 'sizes-disagree':
        return `${entry} is damaged (its sizes disagree).`;
      case 'checksum':
        return `${entry} is damaged: its content does not match its checksum (CRC-32).`;
      case 'cannot-inflate':
        return `${entry} is damaged and cannot be decompressed.`;
      case 'no-local-header':
        return `${entry} is damaged (its local header is missing).`;
      case 'truncated':
        return `${entry} is truncated. ${EN_TRUNCATED}`;
      case 'outside-file':
        return `${entry} lies beyond the end of the file. ${EN_TRUNCATED}`;
      case 'impossible-sizes':
        return `The zip directory gives impossible sizes for "${e.part}".`;
      case 'encryption-headers-disagree':
        return `${entry} is damaged: its two headers disagree about its encryption.`;
      case 'size-headers-disagree':
        return `${entry} is damaged: its two headers disagree about its size.`;
      case 'duplicate':
        return `The zip package holds the part "${e.part}" twice.`;
      case 'no-directory-end':
        return `The end of the zip directory is missing. ${EN_TRUNCATED}`;
      case 'split-archive':
        return 'The file is one part of a split (multi-volume) zip archive.';
      case 'no-zip64-directory':
        return `The Zip64 directory is missing. ${EN_TRUNCATED}`;
      case 'directory-outside-file':
        return `The zip directory lies outside the file. ${EN_TRUNCATED}`;
      case 'directory-damaged':
        return `The zip directory is damaged. ${EN_TRUNCATED}`;
      case 'directory-entry-damaged':
        return `The zip directory is damaged (entry ${e.entry} of ${e.entries}). ${EN_TRUNCATED}`;
      case 'larger-than-declared':
        return `${entry} is damaged: it decompresses to ${bytesEn(e.size)}, more than the ${bytesEn(e.declared)} its header declares.`;
      case 'smaller-than-declared':
        return `${entry} is damaged: it decompresses to ${e.size} bytes instead of ${e.declared}.`;
      case 'declared-headers-disagree':
        return `${entry} is damaged: it declares ${bytesEn(e.declared)} from ${bytesEn(e.compressedSize)}, and its two headers disagree.`;
      case 'declared-cannot-inflate':
        return `${entry} is damaged: it declares ${bytesEn(e.declared)} from ${bytesEn(e.compressedSize)} and cannot be decompressed.`;
      case 'declared-holds-less':
        return `${entry} is damaged: it declares ${bytesEn(e.declared)} from ${bytesEn(e.compressedSize)} but holds only ${bytesEn(e.size)}.`;
    }
  },
  'old-xls': () =>
    'The file is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx).',
  encrypted: (e) =>
    e.part !== undefined
      ? `The zip entry "${e.part}" is password-protected (encrypted).`
      : 'The workbook is password-protected (encrypted). Remove the password in Excel (File > Info > Protect Workbook) and save it again.',
  'zip-bomb': (e) => {
    const sizes = `${bytesEn(e.uncompressedSize)} from ${bytesEn(e.compressedSize)}`;
    if (e.reason === 'expands') {
      return `The zip entry "${e.part}" expands to more than ${sizes}, a compression ratio above the ${e.ratioLimit}:1 limit (a zip bomb).`;
    }
    const ratio =
      e.compressedSize === 0
        ? 'an unbounded'
        : `a ${Math.round(e.uncompressedSize / e.compressedSize)}:1`;
    return `The zip entry "${e.part}" declares ${sizes}, ${ratio} compression ratio above the ${e.ratioLimit}:1 limit (a zip bomb).`;
  },
  'too-large': (e, sheet) => {
    switch (e.what) {
      case 'memory':
        return 'The workbook is too large to read in memory.';
      case 'file':
        return e.size === undefined
          ? `The file is larger than the ${bytesEn(e.limit)} limit.`
          : `The file is ${bytesEn(e.size)}, more than the ${bytesEn(e.limit)} limit.`;
      case 'entries':
        return e.size === undefined
          ? `The zip package has more entries than the limit of ${e.limit}.`
          : `The zip package has ${e.size} entries, more than the limit of ${e.limit}.`;
      case 'total':
        return `The workbook expands to more than ${bytesEn(e.limit)} when decompressed, more than the limit.`;
      case 'rows': {
        const where =
          e.cell !== undefined
            ? ` in cell ${e.cell}`
            : e.size !== undefined
              ? ` in row ${e.size}`
              : '';
        return `${sheetEn(sheet, true)} has data${where}, beyond the limit of ${e.limit} rows.`;
      }
      case 'cells':
        return `${sheetEn(sheet, true)} has more than ${e.limit} cells with values, more than the limit.`;
    }
  },
  'not-a-workbook': (e) => {
    switch (e.kind) {
      case 'empty-zip':
        return 'The file is an empty zip archive, not an Excel workbook.';
      case 'xlsb':
        return `The file is an Excel binary workbook (.xlsb), which is not supported. ${EN_SAVE_AS_XLSX}`;
      case 'docx':
        return 'The file is a Word document, not an Excel workbook.';
      case 'pptx':
        return 'The file is a PowerPoint presentation, not an Excel workbook.';
      case 'ods':
        return `The file is an OpenDocument file (.ods), not an Excel workbook. ${EN_SAVE_AS_XLSX}`;
      case 'other':
        return 'The zip package has no workbook part (xl/workbook.xml), so it is not an Excel workbook.';
    }
  },
  'corrupt-part': (e, sheet) => {
    const part = `"${e.part}"`;
    let text: string;
    switch (e.reason) {
      case 'not-well-formed':
        text = `The part ${part} is not well-formed XML (${EN_XML_PROBLEM[e.problem]} at character ${e.at}).`;
        break;
      case 'truncated-cell-data':
        text = `The part ${part} ends inside its cell data (it is truncated).`;
        break;
      case 'no-relationships':
        text = `The workbook's relationships (part ${part}) list no parts, so no sheet can be added to it.`;
        break;
      case 'no-sheet-list':
        text = `The workbook part ${part} has no sheet list.`;
        break;
      case 'styles-not-extensible':
        text = `The styles part ${part} is damaged: the styles an annotated copy needs cannot be added to it.`;
        break;
      case 'no-end-tag':
        text = `The part ${part} is damaged: it has no end tag </${e.element}>.`;
        break;
      case 'unterminated-collection':
        text = `The styles part ${part} is damaged: its ${e.collection} collection does not end.`;
        break;
      case 'cell-format-out-of-range':
        text = `Cells refer to cell format ${e.style}, but the styles part ${part} has only ${e.formats}: no annotated copy can be made.`;
        break;
    }
    // In a sheet: "Sheet "Phụ lục" is damaged in cell B1: the part … is not well-formed XML (…)."
    if (sheet === undefined && e.cell === undefined) return text;
    const inCell = e.cell === undefined ? '' : ` in cell ${e.cell}`;
    return `${sheetEn(sheet, true)} is damaged${inCell}: ${lowerFirst(text)}`;
  },
  'missing-part': (e, sheet) => {
    switch (e.reason) {
      case 'not-in-package':
        return `The part "${e.part}" is missing from the workbook.`;
      case 'sheet-part-unknown':
        return `The workbook does not say where the data of ${sheetEn(sheet, false)} is stored.`;
      case 'sheet-part-missing':
        return `The data of ${sheetEn(sheet, false)} is missing from the workbook (part "${e.part}").`;
      case 'no-styles':
        return `The workbook has no styles part ("${e.part}"), which an annotated copy needs.`;
    }
  },
  'no-such-sheet': (e) => `The workbook has no worksheet named "${e.sheet}".`,
  unreadable: (e) => {
    switch (e.reason) {
      case 'compression-method':
        return `The zip entry "${e.part}" uses compression method ${e.method}, which is not supported (only stored and deflated entries are).`;
      case 'not-found':
        return 'The file does not exist.';
      case 'permission-denied':
        return 'The file cannot be opened: permission denied.';
      case 'is-folder':
        return 'This is a folder, not a file.';
      case 'locked':
        return 'The file is locked by another program (is it open in Excel?).';
      // The runtime's own words, for whoever reports the problem.
      case 'cannot-open':
        return `The file cannot be opened${e.cause ? ` (${e.cause})` : ''}.`;
      case 'unexpected':
        return `The workbook could not be read${e.cause ? ` (${e.cause})` : ''}.`;
    }
  },
};

/** "The part …" → "the part …", to follow a colon. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Whether the English words of the error name its sheet themselves. */
function namesSheetEn(error: XlsxError): boolean {
  switch (error.code) {
    case 'corrupt-part':
    case 'no-such-sheet':
      return true;
    case 'too-large':
      return error.what === 'rows' || error.what === 'cells';
    case 'missing-part':
      return error.reason === 'sheet-part-unknown' || error.reason === 'sheet-part-missing';
    default:
      return false;
  }
}

export interface ReadErrorWording {
  /** The caller names the sheet already (e.g. "trang tính "…": …"): the words leave it out. */
  readonly omitSheet?: boolean;
}

/** The reader's error in the user's language, naming the file, sheet, cell and part it has. */
export function describeReadError(
  error: XlsxError,
  locale: Locale,
  wording: ReadErrorWording = {},
): string {
  const sheet = wording.omitSheet || error.code === 'no-such-sheet' ? undefined : error.sheet;
  // Each code's words take that code's error (TypeScript cannot pair the two by itself).
  const words = (catalog: ReadErrorCatalog) =>
    (catalog[error.code] as (error: XlsxError, sheet: string | undefined) => string)(
      error,
      sheet || undefined,
    );
  let text: string;
  if (locale === 'en') {
    text = words(EN_READ_ERRORS);
    if (sheet && !namesSheetEn(error))
      text = `Sheet "${sheet}" cannot be read: ${lowerFirst(text)}`;
  } else {
    const where = [
      ...(sheet ? [`trang tính "${sheet}"`] : []),
      ...(error.cell ? [`ô ${error.cell}`] : []),
      ...(error.part && error.code !== 'corrupt-zip' ? [`phần ${error.part}`] : []),
    ];
    text = words(VI_READ_ERRORS);
    if (where.length) text = `${text} (${where.join(', ')})`;
  }
  // The file first, as `readWorkbookFile`'s errors were ("nop/a.xlsx: …").
  return error.file ? `${error.file}: ${text}` : text;
}

const VI_READ_WARNINGS: ReadWarningCatalog = {
  'bad-reference': (w) => `có địa chỉ ô không hợp lệ "${w.reference}"`,
  'bad-shared-string': (w) =>
    `trỏ tới chuỗi dùng chung số ${w.index}, nhưng sổ làm việc ${w.count === 0 ? 'không có chuỗi nào' : `chỉ có ${w.count}`}`,
  'bad-number': (w) => `chứa "${w.stored}", không phải là số`,
  'bad-boolean': (w) => `chứa "${w.stored}", không phải giá trị đúng/sai`,
  'unknown-type': (w) => `có kiểu giá trị không xác định "${w.type}"`,
};

const EN_READ_WARNINGS: ReadWarningCatalog = {
  'bad-reference': (w) => `has an invalid reference "${w.reference}"`,
  'bad-shared-string': (w) =>
    `refers to shared string ${w.index}, but the workbook has ${w.count === 0 ? 'none' : `only ${w.count}`}`,
  'bad-number': (w) => `holds "${w.stored}", which is not a number`,
  'bad-boolean': (w) => `holds "${w.stored}", which is not TRUE or FALSE`,
  'unknown-type': (w) => `has an unknown value type "${w.type}"`,
};

/**
 * A reader's warning (a cell it could not read as stored, which the grid holds as an invalid
 * value) in the user's language, naming the cell and its sheet.
 */
export function describeReadWarning(warning: MalformedCell, locale: Locale): string {
  const what = (catalog: ReadWarningCatalog) =>
    (catalog[warning.code] as (warning: MalformedCell) => string)(warning);
  return locale === 'en'
    ? `Cell ${warning.cell} on sheet "${warning.sheet}" ${what(EN_READ_WARNINGS)}; it is read as an invalid value.`
    : `ô ${warning.cell} của trang tính "${warning.sheet}" ${what(VI_READ_WARNINGS)}; ô được coi là giá trị không hợp lệ`;
}

/** Words of `chitieu targets import` (targets-import.ts): its help, its review and its errors. */
export interface ImportText {
  readonly usage: string;
  readonly description: string;
  readonly names: {
    readonly workbook: string;
    readonly sheet: string;
    readonly id: string;
    readonly title: string;
    readonly out: string;
  };
  readonly options: {
    readonly workbook: string;
    readonly sheet: string;
    readonly id: string;
    readonly title: string;
    readonly out: string;
  };
  /** The review table's headings. */
  readonly columns: {
    readonly row: string;
    readonly stt: string;
    readonly shortName: string;
    readonly levels: string;
    readonly annual: string;
    readonly comparator: string;
  };
  /** After the comparator's word when the document does not write it. */
  readonly byDefault: string;
  readonly read: (
    file: string,
    sheet: string,
    indicators: number,
    rows: number,
    id: string,
    title: string,
  ) => string;
  readonly warnings: (count: number) => string;
  readonly wrote: (path: string) => string;
  readonly noSuchSheet: (file: string, sheet: string, sheets: string) => string;
  readonly noAnnexSheet: (file: string) => string;
  readonly severalSheets: (file: string, sheets: string) => string;
  readonly inSheet: (file: string, sheet: string, reason: string) => string;
  readonly outIsInput: (out: string) => string;
  readonly writeFailed: (path: string, reason: string) => string;
}

const viImport: ImportText = {
  usage: '[tùy chọn] <tệp.xlsx>',
  description:
    'đọc phụ lục chỉ tiêu chính thức của tỉnh (tệp .xlsx) thành một bộ chỉ tiêu .json; bảng đọc được và các cảnh báo ghi ra luồng lỗi',
  names: { workbook: 'tệp.xlsx', sheet: 'tên', id: 'mã', title: 'tiêu-đề', out: 'tệp.json' },
  options: {
    workbook: 'tệp .xlsx có trang phụ lục',
    sheet: 'trang tính phụ lục; mặc định: trang duy nhất có bảng phụ lục',
    id: 'mã của bộ chỉ tiêu, ví dụ dong-nai-2026; mặc định: tên tỉnh và năm',
    title: 'tiêu đề của bộ chỉ tiêu (cũng là nơi đọc tỉnh và năm); mặc định: tiêu đề của phụ lục',
    out: 'ghi bộ chỉ tiêu vào tệp .json này; mặc định: ra đầu ra chuẩn',
  },
  columns: {
    row: 'Dòng',
    stt: 'Stt',
    shortName: 'Chỉ tiêu',
    levels: 'Giao cho',
    annual: 'Năm',
    comparator: 'So sánh',
  },
  byDefault: 'mặc định',
  read: (file, sheet, indicators, rows, id, title) =>
    `${file}, trang tính "${sheet}": đọc được ${indicators} chỉ tiêu (${rows} dòng chỉ tiêu) — bộ chỉ tiêu ${id}: ${title}`,
  warnings: (count) => `${count} cảnh báo, cần xem lại:`,
  wrote: (path) => `Đã ghi ${path}`,
  noSuchSheet: (file, sheet, sheets) =>
    `${file}: không có trang tính "${sheet}" (các trang tính: ${sheets})`,
  noAnnexSheet: (file) => `${file}: không trang tính nào là bảng phụ lục chỉ tiêu`,
  severalSheets: (file, sheets) =>
    `${file}: có nhiều trang tính là bảng phụ lục (${sheets}); hãy chọn một bằng --sheet`,
  inSheet: (file, sheet, reason) => `${file}, trang tính "${sheet}": ${reason}`,
  outIsInput: (out) => `--out "${out}" là chính tệp đầu vào: không ghi đè lên tệp đầu vào`,
  writeFailed: (path, reason) =>
    `không ghi được "${path}": ${reason} (không có tệp nào bị thay đổi)`,
};

const enImport: ImportText = {
  usage: '[options] <file.xlsx>',
  description:
    "read a province's official annex of targets (an .xlsx file) into a target-set .json; what was read and the warnings go to standard error",
  names: { workbook: 'file.xlsx', sheet: 'name', id: 'id', title: 'title', out: 'file.json' },
  options: {
    workbook: 'an .xlsx file with the annex sheet',
    sheet: 'the annex sheet; default: the only sheet with an annex table',
    id: "the set's id, e.g. dong-nai-2026; default: the province and the year",
    title:
      "the set's title (the province and year are read from it too); default: the annex's title",
    out: 'write the target set to this .json file; default: standard output',
  },
  columns: {
    row: 'Row',
    stt: 'Stt',
    shortName: 'Indicator',
    levels: 'For',
    annual: 'Year',
    comparator: 'Comparator',
  },
  byDefault: 'default',
  read: (file, sheet, indicators, rows, id, title) =>
    `${file}, sheet "${sheet}": ${indicators} indicators read (${rows} target rows) — target set ${id}: ${title}`,
  warnings: (count) => `${count} warnings to review:`,
  wrote: (path) => `Wrote ${path}`,
  noSuchSheet: (file, sheet, sheets) => `${file}: no sheet "${sheet}" (the sheets: ${sheets})`,
  noAnnexSheet: (file) => `${file}: no sheet is an annex of targets`,
  severalSheets: (file, sheets) =>
    `${file}: several sheets are annex tables (${sheets}); choose one with --sheet`,
  inSheet: (file, sheet, reason) => `${file}, sheet "${sheet}": ${reason}`,
  outIsInput: (out) => `--out "${out}" is the input file itself: the input is never overwritten`,
  writeFailed: (path, reason) => `cannot write "${path}": ${reason} (no file was changed)`,
};

/** The words of `targets import` in the language. */
export function importTextFor(locale: Locale): ImportText {
  return locale === 'en' ? enImport : viImport;
}

/** Words of `chitieu template` (template-command.ts): its help, what it wrote and its errors. */
export interface TemplateText {
  readonly usage: string;
  readonly description: string;
  readonly names: {
    readonly targetSet: string;
    readonly level: string;
    readonly unit: string;
    readonly year: string;
    readonly out: string;
  };
  readonly options: {
    readonly targetSet: string;
    readonly level: string;
    readonly unit: string;
    readonly year: string;
    readonly out: string;
    readonly force: string;
  };
  /** The template was written: where, from which set, how many indicators, for which level. */
  readonly wrote: (
    path: string,
    id: string,
    indicators: number,
    level: string | undefined,
    fingerprint: string,
  ) => string;
  readonly needsTargetSet: string;
  readonly needsOut: string;
  readonly notXlsx: (out: string) => string;
  readonly outExists: (out: string) => string;
  readonly outIsFolder: (out: string) => string;
  readonly outIsTargetSet: (out: string) => string;
  readonly wrongYear: (year: string, id: string, setYear: number) => string;
  readonly noTargetsForLevel: (id: string, level: string) => string;
  readonly writeFailed: (path: string, reason: string) => string;
}

const viTemplate: TemplateText = {
  usage: '--target-set <mã-hoặc-tệp.json> --out <tệp.xlsx> [tùy chọn]',
  description:
    'ghi mẫu phụ lục trống gửi các đơn vị: chỉ tiêu của bộ, cột kết quả Quý I–IV, và bộ chỉ tiêu lưu kèm trong tệp',
  names: {
    targetSet: 'mã-hoặc-tệp.json',
    level: 'cấp',
    unit: 'tên-đơn-vị',
    year: 'năm',
    out: 'tệp.xlsx',
  },
  options: {
    targetSet: 'bộ chỉ tiêu: mã có sẵn (xem chitieu targets list) hoặc tệp .json (bắt buộc)',
    level: 'chỉ ghi các dòng chỉ tiêu giao cho cấp này: sở, huyện, xã; mặc định: mọi cấp',
    unit: 'tên đơn vị ghi sau "Đơn vị báo cáo:"; mặc định: để trống cho đơn vị tự ghi',
    year: 'năm của mẫu: phải là năm của bộ chỉ tiêu (để không gửi nhầm chỉ tiêu năm khác)',
    out: 'tệp .xlsx sẽ ghi (bắt buộc); không ghi đè tệp đã có trừ khi có --force',
    force: 'ghi đè tệp --out nếu đã có',
  },
  wrote: (path, id, indicators, level, fingerprint) =>
    `Đã ghi ${path}: mẫu phụ lục của bộ chỉ tiêu ${id}, ${indicators} chỉ tiêu${level ? `, ${level}` : ''}; bộ chỉ tiêu lưu kèm trong tệp (SHA-256 ${fingerprint})`,
  needsTargetSet: 'cần --target-set: mã bộ chỉ tiêu có sẵn hoặc tệp .json',
  needsOut: 'cần --out: tệp .xlsx sẽ ghi',
  notXlsx: (out) => `--out "${out}": tên tệp phải có đuôi .xlsx`,
  outExists: (out) =>
    `"${out}" đã có: không ghi đè (chọn tên khác, hoặc thêm --force nếu muốn thay tệp này)`,
  outIsFolder: (out) => `"${out}" là một thư mục: --out cần tên một tệp .xlsx`,
  outIsTargetSet: (out) =>
    `--out "${out}" là chính tệp bộ chỉ tiêu: tệp đầu vào không bao giờ bị ghi đè`,
  wrongYear: (year, id, setYear) =>
    `--year ${year}: bộ chỉ tiêu ${id} là của năm ${setYear}; hãy chọn bộ chỉ tiêu của năm ${year}`,
  noTargetsForLevel: (id, level) => `bộ chỉ tiêu ${id} không giao chỉ tiêu nào cho ${level}`,
  writeFailed: (path, reason) => `không ghi được "${path}": ${reason} (không tệp nào bị thay đổi)`,
};

const enTemplate: TemplateText = {
  usage: '--target-set <id-or-file.json> --out <file.xlsx> [options]',
  description:
    "write the empty annex the office sends to units: the set's targets, results columns for Q1–Q4, and the target set stored in the file",
  names: {
    targetSet: 'id-or-file.json',
    level: 'level',
    unit: 'unit-name',
    year: 'year',
    out: 'file.xlsx',
  },
  options: {
    targetSet: 'target set: a built-in id (see chitieu targets list) or a .json file (required)',
    level: 'only the target rows assigned to this level: so, huyen, xa; default: every level',
    unit: 'the unit\'s name after "Đơn vị báo cáo:"; default: left empty for the unit to fill',
    year: "the template's year: must be the target set's (so another year's targets are not sent by mistake)",
    out: 'the .xlsx file to write (required); an existing file is not overwritten without --force',
    force: 'overwrite the --out file when it exists',
  },
  wrote: (path, id, indicators, level, fingerprint) =>
    `Wrote ${path}: the annex template of target set ${id}, ${indicators} indicators${level ? `, ${level}` : ''}; the target set is stored in the file (SHA-256 ${fingerprint})`,
  needsTargetSet: 'needs --target-set: a built-in target-set id or a .json file',
  needsOut: 'needs --out: the .xlsx file to write',
  notXlsx: (out) => `--out "${out}": the file name must end in .xlsx`,
  outExists: (out) =>
    `"${out}" exists: not overwritten (choose another name, or add --force to replace it)`,
  outIsFolder: (out) => `"${out}" is a folder: --out takes the name of an .xlsx file`,
  outIsTargetSet: (out) =>
    `--out "${out}" is the target-set file itself: an input is never overwritten`,
  wrongYear: (year, id, setYear) =>
    `--year ${year}: target set ${id} is for ${setYear}; choose the target set of ${year}`,
  noTargetsForLevel: (id, level) => `target set ${id} assigns no target to ${level}`,
  writeFailed: (path, reason) => `cannot write "${path}": ${reason} (no file was changed)`,
};

/** The words of `template` in the language. */
export function templateTextFor(locale: Locale): TemplateText {
  return locale === 'en' ? enTemplate : viTemplate;
}
