/**
 * The words of importing an annex (`import/`): each warning and each error, in each language.
 * Records over every code, so a new code without words in either language is a type error.
 */
import type { ImportError, ImportWarning, ImportWarningCode } from '../import/types.js';
import { formatNumber } from '../parse/number-format.js';
import type { Unit } from '../schema.js';
import { catalogs, type Locale } from './catalog.js';
import { formatInUnit } from './describe.js';
import { describeTargetSetProblem } from './target-set.js';

type WarningWords = {
  readonly [C in ImportWarningCode]: (w: Extract<ImportWarning, { code: C }>) => string;
};

type ErrorWords = {
  readonly [C in ImportError['code']]: (e: Extract<ImportError, { code: C }>) => string;
};

const unitWords = (unit: Unit, locale: Locale) =>
  catalogs[locale].unitName(
    unit.kind === 'points' ? { kind: 'points', max: unit.max } : { kind: unit.kind },
    unit.kind === 'points' ? formatNumber(unit.max, locale) : undefined,
  );

const quote = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

const vi: WarningWords = {
  'value-read': (w) =>
    w.how === 'fraction'
      ? `Ô ${w.cell}: số ${w.text} được đọc là ${formatInUnit(w.value, w.unit, 'vi')} (bảng ghi tỷ lệ dưới dạng số thập phân)`
      : w.how === 'ratio'
        ? `Ô ${w.cell}: "${w.text}" được đọc là tỷ số, ${formatInUnit(w.value, w.unit, 'vi')}`
        : `Ô ${w.cell}: "${w.text}" được đọc là ${formatInUnit(w.value, w.unit, 'vi')}, bỏ qua phần chữ`,
  'value-not-read': (w) =>
    `Ô ${w.cell}: không đọc được chỉ tiêu "${w.text}", để trống (hãy ghi một số, ví dụ "85%" hoặc "Tối thiểu 50")`,
  'agencies-named': (w) =>
    `Ô ${w.cell}: ${quote(w.agencies)} được đọc là cơ quan cụ thể (không phải một cấp)${
      w.levels.length > 0 ? `; các cấp: ${w.levels.join(', ')}` : ''
    }`,
  'lead-missing': (w) =>
    w.cell === undefined
      ? `Bảng không có cột "Cơ quan chủ trì": mọi chỉ tiêu được giao cho tất cả các cấp (${w.levels.join(', ')}) — văn bản không nói rõ điều này, hãy kiểm tra lại`
      : `Ô ${w.cell}: không ghi cơ quan chủ trì, chỉ tiêu được giao cho tất cả các cấp (${w.levels.join(', ')})`,
  'unit-guessed': (w) =>
    w.from === 'name'
      ? `Ô ${w.cell}: không ghi đơn vị tính, tính bằng ${unitWords(w.unit, 'vi')} vì tên chỉ tiêu là một tỷ lệ`
      : `Ô ${w.cell}: không ghi đơn vị tính, tính bằng ${unitWords(w.unit, 'vi')}`,
  'stt-missing': (w) => `Ô ${w.cell}: chỉ tiêu không có số thứ tự, đánh số ${w.stt}`,
  'row-not-read': (w) =>
    `Ô ${w.cell}: dòng có số liệu nhưng không phải chỉ tiêu${w.text ? ` ("${w.text}")` : ''}, không đọc`,
  'no-targets': (w) =>
    `Ô ${w.cell}: dòng của chỉ tiêu ${w.stt} không có chỉ tiêu năm hay lộ trình nào, không đọc`,
  'title-missing': (w) =>
    `Phía trên bảng không có tiêu đề: bộ chỉ tiêu được đặt tên "${w.title}" (đổi bằng --title)`,
  'document-missing': (w) =>
    `Phía trên bảng không nêu văn bản ban hành: ghi là ${w.type} của ${w.issuer}`,
  'id-taken': (w) =>
    `Mã "${w.builtin}" là của một bộ chỉ tiêu có sẵn: bộ nhập được đặt mã "${w.id}" (đổi bằng --id)`,
};

const en: WarningWords = {
  'value-read': (w) =>
    w.how === 'fraction'
      ? `Cell ${w.cell}: the number ${w.text} is read as ${formatInUnit(w.value, w.unit, 'en')} (the table writes rates as fractions)`
      : w.how === 'ratio'
        ? `Cell ${w.cell}: "${w.text}" is read as a ratio, ${formatInUnit(w.value, w.unit, 'en')}`
        : `Cell ${w.cell}: "${w.text}" is read as ${formatInUnit(w.value, w.unit, 'en')}, ignoring the words`,
  'value-not-read': (w) =>
    `Cell ${w.cell}: the target "${w.text}" cannot be read and is left empty (write a number, e.g. "85%" or "Tối thiểu 50")`,
  'agencies-named': (w) =>
    `Cell ${w.cell}: ${quote(w.agencies)} read as named agencies (not a level)${
      w.levels.length > 0 ? `; levels: ${w.levels.join(', ')}` : ''
    }`,
  'lead-missing': (w) =>
    w.cell === undefined
      ? `The table has no "Cơ quan chủ trì" (lead agency) column: every indicator is assigned to every level (${w.levels.join(', ')}), which the document does not state — check it`
      : `Cell ${w.cell}: no lead agency, so the row is assigned to every level (${w.levels.join(', ')})`,
  'unit-guessed': (w) =>
    w.from === 'name'
      ? `Cell ${w.cell}: no unit written; measured as ${unitWords(w.unit, 'en')} because the indicator is a rate`
      : `Cell ${w.cell}: no unit written; measured as ${unitWords(w.unit, 'en')}`,
  'stt-missing': (w) => `Cell ${w.cell}: the indicator has no number (Stt); numbered ${w.stt}`,
  'row-not-read': (w) =>
    `Cell ${w.cell}: a row with figures that is not an indicator${w.text ? ` ("${w.text}")` : ''}, not read`,
  'no-targets': (w) =>
    `Cell ${w.cell}: a row of indicator ${w.stt} without an annual target or any quarterly minimum, not read`,
  'title-missing': (w) =>
    `No title above the table: the set is titled "${w.title}" (change it with --title)`,
  'document-missing': (w) =>
    `No issuing document named above the table: recorded as a ${w.type} of ${w.issuer}`,
  'id-taken': (w) =>
    `The id "${w.builtin}" is a built-in set's: the imported set is given the id "${w.id}" (change it with --id)`,
};

const WARNINGS: Readonly<Record<Locale, WarningWords>> = { vi, en };

/** A warning of an import in words, naming its cell. */
export function describeImportWarning(warning: ImportWarning, locale: Locale = 'vi'): string {
  const words = WARNINGS[locale][warning.code] as (w: ImportWarning) => string;
  return words(warning);
}

const NOT_AN_ANNEX_VI: Readonly<
  Record<Extract<ImportError, { code: 'not-an-annex' }>['reason'], string>
> = {
  empty: 'trang tính trống',
  'no-header':
    'không phải bảng phụ lục chỉ tiêu: không tìm thấy dòng tiêu đề (Stt, Nhiệm vụ/Chỉ tiêu, Chỉ tiêu năm, Lộ trình thực hiện …)',
  'task-list':
    'đây là danh sách nhiệm vụ có thời hạn hoàn thành, không phải bảng chỉ tiêu có số liệu',
  'no-indicator': 'bảng không có dòng chỉ tiêu nào dưới dòng tiêu đề',
  'no-targets':
    'bảng không có chỉ tiêu nào: không có cột "Chỉ tiêu năm …" hay "Lộ trình thực hiện (tối thiểu)" có số liệu',
};

const NOT_AN_ANNEX_EN: typeof NOT_AN_ANNEX_VI = {
  empty: 'the sheet is empty',
  'no-header':
    'not an annex of targets: no header row (Stt, Nhiệm vụ/Chỉ tiêu, Chỉ tiêu năm, Lộ trình thực hiện …) was found',
  'task-list': 'this is a list of tasks with deadlines, not a table of targets with figures',
  'no-indicator': 'the table has no indicator rows under its header',
  'no-targets':
    'the table has no targets: no "Chỉ tiêu năm …" (annual target) or "Lộ trình thực hiện (tối thiểu)" (roadmap) column with figures',
};

function errorWords(locale: Locale): ErrorWords {
  const vi = locale === 'vi';
  return {
    'not-an-annex': (e) => (vi ? NOT_AN_ANNEX_VI : NOT_AN_ANNEX_EN)[e.reason],
    'no-province': () =>
      vi
        ? 'không biết bộ chỉ tiêu của tỉnh nào: các dòng phía trên bảng không nêu "tỉnh …"; hãy cho tiêu đề bằng --title, ví dụ --title "Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai"'
        : 'which province the targets are for is not known: the lines above the table name no "tỉnh …"; give a title with --title, e.g. --title "Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai"',
    'no-year': () =>
      vi
        ? 'không biết bộ chỉ tiêu của năm nào: tiêu đề và dòng tiêu đề của bảng không nêu "năm …"; hãy cho tiêu đề bằng --title, ví dụ --title "Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai"'
        : 'which year the targets are for is not known: neither the title nor the table header names "năm …"; give a title with --title, e.g. --title "Chỉ tiêu năm 2026 trên địa bàn tỉnh Đồng Nai"',
    'bad-id': (e) =>
      vi
        ? `mã "${e.id}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu "-", ví dụ "dong-nai-2026"`
        : `the id "${e.id}" is not valid: lower-case letters without diacritics, digits and "-" only, e.g. "dong-nai-2026"`,
    'invalid-set': (e) => {
      const lines = e.issues.map((i) => {
        const where = [i.cell ? (vi ? `ô ${i.cell}` : `cell ${i.cell}`) : '', i.path]
          .filter((p) => p !== '')
          .join(', ');
        return `${where === '' ? '' : `${where}: `}${describeTargetSetProblem(i.problem, locale)}`;
      });
      return `${vi ? 'bảng đọc được không phải một bộ chỉ tiêu hợp lệ' : 'what was read is not a valid target set'}:\n${lines.join('\n')}`;
    },
  };
}

/** Why an import failed, in words (one line, or one line per problem of an invalid set). */
export function describeImportError(error: ImportError, locale: Locale = 'vi'): string {
  const words = errorWords(locale)[error.code] as (e: ImportError) => string;
  return words(error);
}
