/**
 * A sheet notice in words (`annex/notices.ts` has the data), in each language. The catalog is a
 * record over every notice code, so a code without words in either language is a type error.
 */
import type { NoticeCode, SheetNotice } from '../annex/notices.js';
import { formatNumber, formatPercent } from '../parse/number-format.js';
import { percentPoints as fractionToPercent } from '../parse/parse-value.js';
import type { TargetSet } from '../schema.js';
import { catalogs, type Locale } from './catalog.js';
import { indicatorName, levelName, localized } from './localized.js';
import { describeTargetSetProblem } from './target-set.js';

interface NoticeContext {
  readonly locale: Locale;
  readonly targetSet?: TargetSet;
  /** A level's name in the language. */
  readonly level: (id: string) => string;
  readonly list: (items: string[]) => string;
}

type NoticeWords = {
  readonly [C in NoticeCode]: (n: Extract<SheetNotice, { code: C }>, x: NoticeContext) => string;
};

/** At most this many cells are named in a notice; the rest are counted. */
const CELLS_SHOWN = 5;

function cellList(cells: readonly string[], more: (n: number) => string): string {
  const shown = cells.slice(0, CELLS_SHOWN).join(', ');
  return cells.length > CELLS_SHOWN ? `${shown} ${more(cells.length - CELLS_SHOWN)}` : shown;
}

/** At most this many indicators are named in a notice; the rest are counted. */
const NAMES_SHOWN = 3;

function indicatorList(
  ids: readonly string[],
  x: NoticeContext,
  more: (n: number) => string,
): string {
  const names = ids.slice(0, NAMES_SHOWN).map((id) => {
    const ind = x.targetSet?.indicators.find((i) => i.id === id);
    return `"${ind ? indicatorName(ind, x.locale) : id}"`;
  });
  return ids.length > NAMES_SHOWN
    ? `${names.join(', ')} ${more(ids.length - NAMES_SHOWN)}`
    : names.join(', ');
}

const vi: NoticeWords = {
  'values-not-assigned': (n, x) =>
    `${n.count} giá trị đã nhập (${cellList(n.cells, (k) => `và ${k} ô khác`)}) nằm ở các dòng có chỉ tiêu không giao cho ${x.level(n.level)} mà giao cho ${x.list(assignees(n, x))}: các giá trị này được giữ lại nhưng không đánh giá. Hãy chọn bộ chỉ tiêu giao các chỉ tiêu đó cho đơn vị, chọn đúng cấp của đơn vị, hoặc nhập phụ lục chỉ tiêu mới của tỉnh (lệnh "chitieu targets import").`,
  'assignment-default': (n, x) =>
    `Văn bản gốc của bộ chỉ tiêu không nêu cơ quan, cấp thực hiện ${n.indicators.length} chỉ tiêu (${indicatorList(n.indicators, x, (k) => `và ${k} chỉ tiêu khác`)}): bộ chỉ tiêu giao ${n.indicators.length === 1 ? 'chỉ tiêu này' : 'các chỉ tiêu này'} cho ${x.level(n.level)} theo mặc định, không phải theo văn bản; hãy đối chiếu với văn bản giao chỉ tiêu.${n.stated > 0 ? ` ${n.stated} chỉ tiêu còn lại được giao theo văn bản.` : ''}`,
  'level-contradicts-sheet': (n, x) =>
    `Cấp đã chọn là ${x.level(n.level)}, nhưng ${n.from === 'unit-name' ? 'tên đơn vị' : 'các dòng có kết quả'} cho thấy ${x.level(n.sheetLevel)}: hãy kiểm tra lại cấp của đơn vị.`,
  'fractions-read': (n) =>
    `Cột ${n.column}${n.quarter ? ` (${catalogs.vi.quarter(n.quarter)})` : ''}: ${n.count} giá trị nhập dưới dạng số thập phân${n.cells && n.cells.length > 0 ? ` (${cellList(n.cells, (k) => `và ${k} ô khác`)})` : ''} được đọc là tỷ lệ phần trăm: ${fractionExample(n.example, 'vi')}. Nếu không đúng, hãy nhập lại kèm dấu % hoặc định dạng ô là phần trăm.`,
  'no-results': (n) =>
    `Bảng chưa có cột kết quả thực hiện: chưa có giá trị nào để đánh giá. ${
      n.targetsCompared === 0
        ? 'Không có chỉ tiêu nào trong bảng để so với chỉ tiêu chính thức.'
        : n.mismatches === 0
          ? `${n.targetsCompared} chỉ tiêu ghi trong bảng khớp với chỉ tiêu chính thức.`
          : `${n.mismatches}/${n.targetsCompared} chỉ tiêu ghi trong bảng khác chỉ tiêu chính thức.`
    }`,
  'target-set-chosen': (n, x) =>
    `Các dòng khớp với nhiều bộ chỉ tiêu; đã chọn ${setTitle(n.targetSetId, x)} vì ${
      n.why === 'targets-agree'
        ? 'các chỉ tiêu ghi trong bảng khớp với bộ này'
        : n.why === 'title'
          ? 'tiêu đề bảng nêu tỉnh hoặc năm của bộ này'
          : 'bộ này khớp nhiều dòng nhất'
    } (cũng khớp: ${x.list(n.others.map((o) => `"${o}"`))}).`,
  'results-without-unit': (n) =>
    `${n.columns.length === 1 ? `Cột kết quả ${n.columns[0]}` : `Các cột kết quả ${n.columns.join(', ')}`} không có tên đơn vị ở tiêu đề nên không được đánh giá${n.values > 0 ? ` (${n.values} giá trị đã nhập)` : ''}: hãy ghi tên đơn vị ở ô tiêu đề phía trên các cột này.`,
  'columns-ignored': (n) =>
    `${n.count === 1 ? `Cột ${n.first}` : `${n.count} cột, từ cột ${n.first},`} (${n.role === 'result' ? 'kết quả' : 'lộ trình tối thiểu'}${n.quarter ? ` ${catalogs.vi.quarter(n.quarter)}` : ''}) không được đọc: mỗi quý chỉ đọc tối đa ${n.limit} cột ${n.role === 'result' ? 'kết quả' : 'lộ trình'}. Hãy tách bảng thành nhiều trang tính.`,
  'embedded-set-used': (n) =>
    `Trang tính được kiểm tra theo bộ chỉ tiêu "${n.targetSetId}" lưu kèm trong sổ (phần "${n.part}", mã SHA-256 ${shortFingerprint(n.fingerprint)}).${n.altered ? ' Mã SHA-256 ghi trong phần này không khớp nội dung: bản lưu kèm đã bị sửa sau khi ghi; hãy đối chiếu với tệp bộ chỉ tiêu chính thức.' : ''}`,
  'embedded-set-differs': (n, x) =>
    `Bộ chỉ tiêu lưu kèm trong sổ ("${n.targetSetId}", phần "${n.part}", mã SHA-256 ${shortFingerprint(n.fingerprint)}) khác ${n.against === 'option' ? 'bộ chỉ tiêu đã chọn' : 'bộ chỉ tiêu có sẵn'} ${setTitle(n.officialId, x)} (mã ${shortFingerprint(n.officialFingerprint)}): ${x.list(
      [
        ...(n.indicators.length > 0
          ? [
              `${n.indicators.length} chỉ tiêu khác (${indicatorList(n.indicators, x, (k) => `và ${k} chỉ tiêu khác`)})`,
            ]
          : []),
        ...(n.added.length > 0
          ? [
              `${n.added.length} chỉ tiêu không có trong bộ chính thức (${indicatorList(n.added, x, (k) => `và ${k} chỉ tiêu khác`)})`,
            ]
          : []),
        ...(n.removed.length > 0
          ? [
              `thiếu ${n.removed.length} chỉ tiêu (${indicatorList(n.removed, x, (k) => `và ${k} chỉ tiêu khác`)})`,
            ]
          : []),
        ...(n.other || (n.indicators.length === 0 && n.added.length === 0 && n.removed.length === 0)
          ? ['thông tin chung của bộ (tên, văn bản, cấp, phần, năm)']
          : []),
      ],
    )}. Trang tính được kiểm tra theo bộ chính thức.`,
  'embedded-set-unreadable': (n) =>
    `Không dùng được bộ chỉ tiêu lưu kèm trong sổ (phần "${n.part}"): ${
      n.reason === 'not-xml'
        ? 'phần này không phải XML hợp lệ'
        : n.reason === 'no-set'
          ? 'phần này không chứa bộ chỉ tiêu'
          : `bộ chỉ tiêu không hợp lệ: ${issueList(n.issues, 'vi', (k) => `và ${k} lỗi khác`)}`
    }. Trang tính được kiểm tra như khi sổ không lưu kèm bộ chỉ tiêu.`,
};

const en: NoticeWords = {
  'values-not-assigned': (n, x) =>
    `${n.count} typed values (${cellList(n.cells, (k) => `and ${k} more`)}) are on rows whose targets are assigned not to ${x.level(n.level)} but to ${x.list(assignees(n, x))}: they are kept but not judged. Choose the target set that assigns those targets to the unit, give the unit's right level, or import the province's new target annex ("chitieu targets import").`,
  'assignment-default': (n, x) =>
    `The source document of the target set does not say which agencies or levels carry out ${n.indicators.length} ${n.indicators.length === 1 ? 'indicator' : 'indicators'} (${indicatorList(n.indicators, x, (k) => `and ${k} more`)}): the set assigns ${n.indicators.length === 1 ? 'it' : 'them'} to ${x.level(n.level)} by default, not the document; check against the document that assigns the targets.${n.stated > 0 ? ` The other ${n.stated} ${n.stated === 1 ? 'indicator is' : 'indicators are'} assigned by the document.` : ''}`,
  'level-contradicts-sheet': (n, x) =>
    `The level given is ${x.level(n.level)}, but ${n.from === 'unit-name' ? "the unit's name" : 'the rows with results'} point to ${x.level(n.sheetLevel)}: check the unit's level.`,
  'fractions-read': (n) =>
    `Column ${n.column}${n.quarter ? ` (${catalogs.en.quarter(n.quarter)})` : ''}: ${n.count} values typed as fractions${n.cells && n.cells.length > 0 ? ` (${cellList(n.cells, (k) => `and ${k} more`)})` : ''} were read as percentages: ${fractionExample(n.example, 'en')}. If that is wrong, retype them with a % sign or format the cells as percentages.`,
  'no-results': (n) =>
    `The table has no results column yet: there is nothing to judge. ${
      n.targetsCompared === 0
        ? 'It writes no targets to compare with the official ones.'
        : n.mismatches === 0
          ? `The ${n.targetsCompared} targets written in it match the official ones.`
          : `${n.mismatches} of the ${n.targetsCompared} targets written in it differ from the official ones.`
    }`,
  'target-set-chosen': (n, x) =>
    `The rows match several target sets; ${setTitle(n.targetSetId, x)} was chosen because ${
      n.why === 'targets-agree'
        ? 'the targets written in the sheet agree with it'
        : n.why === 'title'
          ? "the sheet's title names its province or year"
          : 'it matches the most rows'
    } (also matched: ${x.list(n.others.map((o) => `"${o}"`))}).`,
  'results-without-unit': (n) =>
    `${n.columns.length === 1 ? `Results column ${n.columns[0]} has` : `Results columns ${n.columns.join(', ')} have`} no unit named in ${n.columns.length === 1 ? 'its' : 'their'} heading, so ${n.columns.length === 1 ? 'it is' : 'they are'} not judged${n.values > 0 ? ` (${n.values} ${n.values === 1 ? 'value' : 'values'} typed)` : ''}: write the unit's name in the heading above.`,
  'columns-ignored': (n) =>
    `${n.count === 1 ? `Column ${n.first}` : `${n.count} columns, from column ${n.first},`} (${n.role === 'result' ? 'results' : 'roadmap minimums'}${n.quarter ? ` ${catalogs.en.quarter(n.quarter)}` : ''}) ${n.count === 1 ? 'was' : 'were'} not read: at most ${n.limit} ${n.role === 'result' ? 'results' : 'roadmap'} columns are read for one quarter. Split the table into several sheets.`,
  'embedded-set-used': (n) =>
    `The sheet was checked against the target set "${n.targetSetId}" stored in the workbook (part "${n.part}", SHA-256 ${shortFingerprint(n.fingerprint)}).${n.altered ? ' The SHA-256 written in the part does not match its content: the stored copy was edited after it was written; compare it with the official target set file.' : ''}`,
  'embedded-set-differs': (n, x) =>
    `The target set stored in the workbook ("${n.targetSetId}", part "${n.part}", SHA-256 ${shortFingerprint(n.fingerprint)}) differs from the ${n.against === 'option' ? 'target set given' : "program's own target set"} ${setTitle(n.officialId, x)} (SHA-256 ${shortFingerprint(n.officialFingerprint)}): ${x.list(
      [
        ...(n.indicators.length > 0
          ? [
              `${n.indicators.length} ${n.indicators.length === 1 ? 'indicator differs' : 'indicators differ'} (${indicatorList(n.indicators, x, (k) => `and ${k} more`)})`,
            ]
          : []),
        ...(n.added.length > 0
          ? [
              `${n.added.length} ${n.added.length === 1 ? 'indicator is' : 'indicators are'} not in the official set (${indicatorList(n.added, x, (k) => `and ${k} more`)})`,
            ]
          : []),
        ...(n.removed.length > 0
          ? [
              `${n.removed.length} ${n.removed.length === 1 ? 'indicator is' : 'indicators are'} missing (${indicatorList(n.removed, x, (k) => `and ${k} more`)})`,
            ]
          : []),
        ...(n.other || (n.indicators.length === 0 && n.added.length === 0 && n.removed.length === 0)
          ? ["the set's general fields (title, document, levels, sections, year)"]
          : []),
      ],
    )}. The sheet was checked against the official set.`,
  'embedded-set-unreadable': (n) =>
    `The target set stored in the workbook (part "${n.part}") cannot be used: ${
      n.reason === 'not-xml'
        ? 'the part is not valid XML'
        : n.reason === 'no-set'
          ? 'the part holds no target set'
          : `the set is not valid: ${issueList(n.issues, 'en', (k) => `and ${k} more`)}`
    }. The sheet was checked as if the workbook stored none.`,
};

/** Whom the rows of a `values-not-assigned` notice are for: levels by name, then named agencies. */
function assignees(
  n: Extract<SheetNotice, { code: 'values-not-assigned' }>,
  x: NoticeContext,
): string[] {
  return [...n.assignedTo.map(x.level), ...(n.agencies ?? [])];
}

/** "0,86 → 86%": how a fraction was read (0.86 when the notice has no example). */
function fractionExample(example: number | undefined, locale: Locale): string {
  const x = example ?? 0.86;
  const typed = formatNumber(x, locale, { grouping: false, maximumFractionDigits: 6 });
  return `${typed} → ${formatPercent(fractionToPercent(x), locale)}`;
}

/** The first 12 hex digits of a fingerprint, and "…": enough to tell two sets apart by eye. */
function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 12 ? `${fingerprint.slice(0, 12)}…` : fingerprint;
}

/** At most this many problems of a stored set are told; the rest are counted. */
const ISSUES_SHOWN = 5;

/** "indicators[2].annual: …; levels: …" */
function issueList(
  issues: Extract<SheetNotice, { code: 'embedded-set-unreadable' }>['issues'],
  locale: Locale,
  more: (n: number) => string,
): string {
  const all = issues ?? [];
  const shown = all
    .slice(0, ISSUES_SHOWN)
    .map(
      (i) =>
        `${i.path === '' ? '' : `"${i.path}": `}${describeTargetSetProblem(i.problem, locale)}`,
    )
    .join('; ');
  return all.length > ISSUES_SHOWN ? `${shown}; ${more(all.length - ISSUES_SHOWN)}` : shown;
}

function setTitle(id: string, x: NoticeContext): string {
  return x.targetSet?.id === id
    ? `"${id}" ("${localized(x.targetSet, 'title', x.locale)}")`
    : `"${id}"`;
}

const WORDS: Readonly<Record<Locale, NoticeWords>> = { vi, en };

export interface DescribeNoticeOptions {
  readonly locale?: Locale;
  /** Lets the words name levels ("UBND cấp huyện") and the set rather than ids. */
  readonly targetSet?: TargetSet;
}

/** A sheet notice in words, Vietnamese unless `locale: 'en'`. */
export function describeNotice(notice: SheetNotice, options: DescribeNoticeOptions = {}): string {
  const locale = options.locale ?? 'vi';
  const context: NoticeContext = {
    locale,
    ...(options.targetSet ? { targetSet: options.targetSet } : {}),
    level: (id) => levelName(options.targetSet, id, locale),
    list: (items) => catalogs[locale].listJoin(items),
  };
  const words = WORDS[locale][notice.code] as (n: SheetNotice, x: NoticeContext) => string;
  return words(notice, context);
}
