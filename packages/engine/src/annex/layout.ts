/**
 * Layout recognition: where the header is, what each column holds, and what each row below it
 * is (section, indicator, per-level row, continuation, repeated header, …). Independent of any
 * target set; matching rows to indicators comes after (`match.ts`).
 */
import type { Quarter } from '../findings.js';
import type { Mutable } from '../mutable.js';
import { cutText, EXCEL_CELL_TEXT_LIMIT } from './content.js';
import { unitInHeading } from './detect.js';
import { BoundedMemo, keyPart } from './memo.js';
import { isEmptyCell, type SheetView } from './sheet.js';
import {
  type ColumnRole,
  classifyHeader,
  type HeaderKind,
  isDeadlineText,
  quarterIn,
  resultQuarterIn,
} from './vocabulary.js';

export type { ColumnRole, HeaderKind } from './vocabulary.js';

export interface AnnexColumn {
  /** 0-based column in the grid. */
  readonly column: number;
  /** Column letter(s) in the sheet, e.g. "F". */
  readonly letter: string;
  readonly role: ColumnRole;
  /** For quarterly minimums and results: which quarter; a results column without one holds "the" result. */
  readonly quarter?: Quarter;
  /** The header as written, parent and child joined: "Lộ trình thực hiện (tối thiểu) / Quý II". */
  readonly header: string;
  /**
   * For results: the unit whose results they are, when the heading over its quarters names one
   * ("Kết quả thực hiện – Sở Y tế", or "Sở Y tế" alone): a consolidated sheet's units side by
   * side (`unitInHeading`, `../unit-table/groups.ts`).
   */
  readonly unit?: string;
}

export type RowKind =
  | 'header'
  | 'header-repeat'
  | 'section'
  | 'indicator'
  | 'level-row'
  | 'continuation'
  | 'blank'
  | 'text'
  | 'unrecognised';

export interface LayoutRow {
  /** 0-based grid row. */
  readonly row: number;
  readonly kind: RowKind;
  /** Stt as written (indicator rows). */
  readonly stt?: string;
  /** Indicator or section text as written. */
  readonly text?: string;
  /** The lead-agency cell (indicator and per-level rows). */
  readonly lead?: string;
  /** Index of the block (indicator with its per-level and continuation rows) the row belongs to. */
  readonly block?: number;
}

/** An indicator as the sheet lays it out: its first row, per-level rows and continuation rows. */
export interface Block {
  readonly index: number;
  readonly stt: string;
  /** Full text, continuation rows joined. */
  text: string;
  /** Grid rows carrying targets and values: the indicator row, then any per-level rows. */
  readonly rows: number[];
  /** The lead-agency text of each of those rows. */
  readonly leads: string[];
  /** Section heading text in force, if any. */
  readonly section?: string;
}

export interface Layout {
  /** Grid rows of the header (one or two). */
  readonly headerRows: readonly number[];
  readonly columns: readonly AnnexColumn[];
  readonly rows: readonly LayoutRow[];
  readonly blocks: readonly Block[];
  /** Text of the rows above the header (title, letterhead, "Đơn vị báo cáo: …"), one entry per row. */
  readonly titleLines: readonly string[];
  /**
   * Which headings the header has, as written: a roadmap ("Lộ trình thực hiện (tối thiểu)", "Roadmap")
   * and results ("Kết quả …", "Thực hiện …", "Result …"). Quarters standing alone ("Q1 | Q2")
   * are neither: they take their role from the table.
   */
  readonly headings: { readonly roadmap: boolean; readonly results: boolean };
  /** Minimum or result columns beyond the most read for one quarter: not read, and said so. */
  readonly ignoredColumns: readonly IgnoredColumns[];
}

/** Columns of one role and quarter that were not read (beyond `MAX_COLUMNS_PER_QUARTER`). */
export interface IgnoredColumns {
  readonly role: 'minimum' | 'result';
  readonly quarter?: Quarter;
  /** How many were not read. */
  readonly count: number;
  /** The letters of the first one not read. */
  readonly first: string;
  /** How many of that role and quarter were read. */
  readonly limit: number;
}

const HEADER_SCAN_ROWS = 60;

/** Texts at least this long have what is read from them remembered for one sheet only. */
const LONG_TEXT = 256;

/** Short texts read, at most, in the memo kept across sheets (then it starts again). */
const SHARED_ENTRIES = 20_000;

/**
 * What is read from texts, remembered. Short texts (headers, Stt, the words of an annex form)
 * are remembered across sheets: the submissions of one office share a handful of forms, so a
 * header cell read in one workbook costs a lookup in the next. Long texts are remembered for one
 * sheet: a sheet repeating one long text in every cell (one shared string of a workbook) pays for
 * reading it once, not once per cell, and the memo kept across sheets stays small.
 */
class TextMemo<T> {
  private readonly known = new Map<string, T | typeof NOTHING>();
  constructor(
    private readonly read: (text: string) => T,
    private readonly shared: Map<string, T | typeof NOTHING>,
  ) {}

  get(text: string): T {
    const memo = text.length < LONG_TEXT ? this.shared : this.known;
    // An answer `undefined` is held as `NOTHING`: one lookup, not a second to tell it from none.
    const value = memo.get(text);
    if (value !== undefined) return (value === NOTHING ? undefined : value) as T;
    const read = this.read(text);
    if (memo.size >= (memo === this.shared ? SHARED_ENTRIES : 10_000)) memo.clear();
    memo.set(text, read === undefined ? NOTHING : read);
    return read;
  }
}

/** What a `TextMemo` holds for an answer `undefined`. */
const NOTHING: unique symbol = Symbol('nothing');

const SHARED_KINDS = new Map<string, HeaderKind | typeof NOTHING>();
const SHARED_QUARTERS = new Map<string, Quarter | typeof NOTHING>();
const SHARED_RESULT_QUARTERS = new Map<string, Quarter | typeof NOTHING>();
const SHARED_LOWER_FIRST = new Map<string, boolean | typeof NOTHING>();

/** The readings of one sheet's texts the layout makes many times. */
interface Readings {
  readonly kind: TextMemo<HeaderKind | undefined>;
  readonly quarter: TextMemo<Quarter | undefined>;
  readonly resultQuarter: TextMemo<Quarter | undefined>;
  readonly lowerFirst: TextMemo<boolean>;
}

interface HeaderGuess {
  row: number;
  kinds: Map<number, HeaderKind>;
  score: number;
}

function guessHeader(view: SheetView, read: Readings): HeaderGuess | undefined {
  const last = Math.min(view.rowCount, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const kinds = new Map<number, HeaderKind>();
    const seen = new Set<HeaderKind>();
    for (const c of view.shownColumnsIn(r)) {
      const kind = read.kind.get(view.norm(r, c));
      if (kind) {
        kinds.set(c, kind);
        seen.add(kind);
      }
    }
    const score = seen.size;
    // A header names the indicator column and at least two other things.
    if (seen.has('name') && score >= 3) return { row: r, kinds, score };
  }
  return undefined;
}

function isSubHeaderRow(view: SheetView, read: Readings, row: number): boolean {
  let quarters = 0;
  for (const c of view.shownColumnsIn(row)) {
    const norm = view.norm(row, c);
    if (norm === '') continue;
    if (read.kind.get(norm) === 'quarter' || read.quarter.get(norm) !== undefined) quarters++;
    else return false;
  }
  return quarters > 0;
}

function buildColumns(
  view: SheetView,
  read: Readings,
  header: HeaderGuess,
  subRow: number | undefined,
): BuiltColumns {
  const columns: AnnexColumn[] = [];
  /** Quarters standing alone in the header row ("Q1", "Quý II", "9 tháng"): their role comes last. */
  const bare: Omit<AnnexColumn, 'role'>[] = [];
  const headings = { roadmap: false, results: false };
  const letter = (c: number) => view.address(0, c).replace(/\d+$/, '');
  /** Where the walk left from a column ends: memoised, so a long run of quarters costs its length. */
  const walked = new Map<number, number>();
  const walkLeft = (from: number, sub: number): number => {
    let parentCol = from;
    const path: number[] = [];
    while (
      parentCol > 0 &&
      view.norm(header.row, parentCol) === '' &&
      read.quarter.get(view.norm(sub, parentCol - 1)) !== undefined
    ) {
      const known = walked.get(parentCol);
      if (known !== undefined) {
        parentCol = known;
        break;
      }
      path.push(parentCol);
      parentCol--;
    }
    for (const c of path) walked.set(c, parentCol);
    return parentCol;
  };
  /** The unit each heading names (the headings of a group's quarters are one text). */
  const units = new Map<string, string | undefined>();
  const unitOf = (text: string): string | undefined => {
    if (!units.has(text)) units.set(text, unitInHeading(text));
    return units.get(text);
  };
  // Only the columns with a cell in the header or the sub-header row can hold anything.
  for (const c of unionSorted(
    view.columnsIn(header.row),
    subRow === undefined ? [] : view.columnsIn(subRow),
  )) {
    const subNorm = subRow === undefined ? '' : view.norm(subRow, c);
    const subQuarter = subNorm === '' ? undefined : read.quarter.get(subNorm);
    if (subRow !== undefined && subQuarter !== undefined) {
      // A quarter under a parent: the parent is the header cell shown above (merged), or the
      // nearest header cell to the left whose group this column continues.
      let parentCol = c;
      const m = view.merge(header.row, c);
      if (m) parentCol = m.left;
      else parentCol = walkLeft(c, subRow);
      const parentText = view.text(header.row, parentCol);
      const parentKind = read.kind.get(view.norm(header.row, parentCol));
      // A unit's results: its name in the heading over its quarters, or the heading alone.
      const unit =
        parentKind === 'result-parent' || parentKind === undefined ? unitOf(parentText) : undefined;
      const role: ColumnRole | undefined =
        parentKind === 'minimum-parent' || parentKind === 'minimum'
          ? 'minimum'
          : parentKind === 'result-parent' || parentKind === 'result' || unit !== undefined
            ? 'result'
            : undefined;
      if (role === 'minimum') headings.roadmap = true;
      if (role === 'result') headings.results = true;
      if (role) {
        columns.push({
          column: c,
          letter: letter(c),
          role,
          quarter: subQuarter,
          header: `${parentText} / ${view.text(subRow, c)}`,
          ...(unit === undefined ? {} : { unit }),
        });
      }
      continue;
    }
    if (view.isCovered(header.row, c)) continue;
    const kind = header.kinds.get(c);
    if (!kind || kind === 'minimum-parent') continue;
    const text = view.text(header.row, c);
    if (kind === 'quarter') {
      const q = read.quarter.get(view.norm(header.row, c));
      if (q) bare.push({ column: c, letter: letter(c), quarter: q, header: text });
      continue;
    }
    if (kind === 'minimum') headings.roadmap = true;
    if (kind === 'result' || kind === 'result-parent') headings.results = true;
    const quarter =
      kind === 'result'
        ? read.resultQuarter.get(view.norm(header.row, c))
        : kind === 'minimum'
          ? read.quarter.get(view.norm(header.row, c))
          : undefined;
    if (kind === 'result-parent') {
      // A single "Kết quả" column: the result of the quarter being checked.
      columns.push({ column: c, letter: letter(c), role: 'result', header: text });
      continue;
    }
    columns.push({
      column: c,
      letter: letter(c),
      role: kind,
      ...(quarter ? { quarter } : {}),
      header: text,
    });
  }
  // Quarters standing alone: beside a roadmap they are the results; in a table with results or an
  // annual target and no roadmap they are the roadmap laid out in one header row ("Annual target
  // 2025 | Q1 … Q4 | Result Q2/2025"); in a table with neither they are the results (a
  // results-only table "TT | Chỉ tiêu | Q1 | Q2").
  if (bare.length > 0 && !(headings.roadmap && headings.results)) {
    const hasAnnual = columns.some((col) => col.role === 'annual');
    const role: ColumnRole = headings.roadmap
      ? 'result'
      : headings.results || hasAnnual
        ? 'minimum'
        : 'result';
    for (const col of bare) columns.push({ ...col, role });
    columns.sort((a, b) => a.column - b.column);
  }
  // Keep the first column of each single role (a sheet may repeat "Ghi chú" or similar).
  const singles = new Set<ColumnRole>([
    'stt',
    'name',
    'lead',
    'coordinators',
    'unit',
    'annual',
    'notes',
    'deadline',
  ]);
  const taken = new Set<ColumnRole>();
  // Minimums and results are kept up to 64 columns per quarter (two years side by side, or a
  // consolidated sheet of many units' result groups side by side: 20 units × Quý I–IV is common):
  // every one is read on every indicator row, and a header repeating "Kết quả Quý I" across all
  // 16,384 columns would make millions of values out of a few hundred rows.
  // Those beyond are not read, and the check says so (`columns-ignored`).
  const perQuarter = new Map<string, number>();
  const ignored = new Map<string, Mutable<IgnoredColumns>>();
  const kept = columns.filter((col) => {
    if (!singles.has(col.role)) {
      const key = `${col.role} ${col.quarter ?? ''}`;
      const seen = perQuarter.get(key) ?? 0;
      if (seen >= MAX_COLUMNS_PER_QUARTER) {
        const known = ignored.get(key);
        if (known) known.count++;
        else
          ignored.set(key, {
            role: col.role as 'minimum' | 'result',
            ...(col.quarter ? { quarter: col.quarter } : {}),
            count: 1,
            first: col.letter,
            limit: MAX_COLUMNS_PER_QUARTER,
          });
        return false;
      }
      perQuarter.set(key, seen + 1);
      return true;
    }
    if (taken.has(col.role)) return false;
    taken.add(col.role);
    return true;
  });
  return { columns: kept, ignored: [...ignored.values()], headings };
}

interface BuiltColumns {
  readonly columns: AnnexColumn[];
  readonly ignored: IgnoredColumns[];
  readonly headings: { readonly roadmap: boolean; readonly results: boolean };
}

/** The most minimum (and result) columns read for one quarter. */
export const MAX_COLUMNS_PER_QUARTER = 64;

/** Two ascending lists of columns as one, ascending, without repeats. */
function unionSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    out.push(next);
  }
  return out;
}

const STT_RE = /^(\d{1,3}(\.\d{1,3}){0,2})\.?$/;
const ROMAN_SECTION_RE = /^([ivxlc]+)\.?(\s+\S.*)?$/;

const LETTER = /\p{L}/u;

function firstLetterIsLower(text: string): boolean {
  const ch = LETTER.exec(text)?.[0];
  return ch !== undefined && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

/** Finds the annex layout of a sheet, or `undefined` when it has no annex header. */
export function recogniseLayout(view: SheetView): Layout | undefined {
  const read: Readings = {
    kind: new TextMemo(classifyHeader, SHARED_KINDS),
    quarter: new TextMemo(quarterIn, SHARED_QUARTERS),
    resultQuarter: new TextMemo(resultQuarterIn, SHARED_RESULT_QUARTERS),
    lowerFirst: new TextMemo(firstLetterIsLower, SHARED_LOWER_FIRST),
  };
  const header = guessHeader(view, read);
  if (!header) return undefined;
  const subRow =
    header.row + 1 < view.rowCount && isSubHeaderRow(view, read, header.row + 1)
      ? header.row + 1
      : undefined;
  const { columns, ignored, headings } = buildColumns(view, read, header, subRow);
  const col = (role: ColumnRole) => columns.find((c) => c.role === role)?.column;
  const sttCol = col('stt');
  const nameCol = col('name');
  const leadCol = col('lead');
  if (nameCol === undefined) return undefined;
  const valueCols = columns
    .filter((c) => c.role === 'annual' || c.role === 'minimum' || c.role === 'result')
    .map((c) => c.column);

  const titleLines: string[] = [];
  for (let r = 0; r < header.row; r++) {
    const parts: string[] = [];
    // A title line is a few words; a row of long texts is read up to a cell's worth of text.
    let length = 0;
    for (const c of view.shownColumnsIn(r)) {
      if (length > EXCEL_CELL_TEXT_LIMIT) break;
      const t = view.text(r, c);
      if (t !== '') {
        parts.push(t);
        length += t.length + 1;
      }
    }
    if (parts.length > 0) titleLines.push(cutText(parts.join(' ')));
  }
  const title = sameTitle(titleLines);

  const headerRows = subRow === undefined ? [header.row] : [header.row, subRow];
  const sigOf = (r: number, c: number | undefined) => (c === undefined ? '' : view.norm(r, c));
  const headerStt = sigOf(header.row, sttCol);
  const headerName = sigOf(header.row, nameCol);
  const headerLead = sigOf(header.row, leadCol);
  const headerSigEmpty = headerStt === '' && headerName === '' && headerLead === '';

  const rows: LayoutRow[] = headerRows.map((r) => ({ row: r, kind: 'header' as const }));
  const blocks: Block[] = [];
  let current: Block | undefined;
  let section: string | undefined;
  /** The last row that carried an indicator's content, for continuation rows after a page break. */
  let lastKind: RowKind = 'header';

  /** A new indicator block starting at row `r`, recorded in `blocks` and `rows`. */
  const startBlock = (r: number, stt: string, text: string, lead: string): Block => {
    const block: Block = {
      index: blocks.length,
      stt,
      text,
      rows: [r],
      leads: [lead],
      ...(section ? { section } : {}),
    };
    blocks.push(block);
    rows.push({ row: r, kind: 'indicator', stt, text, lead, block: block.index });
    return block;
  };

  /** Of the row `filledCells` last counted: how many of its cells have something in them. */
  let nonEmpty = 0;
  /** Counts a row's cells with something in them (`nonEmpty`); the text of the last of them. */
  const filledCells = (r: number): string => {
    nonEmpty = 0;
    let lastFilled = -1;
    for (const c of view.shownColumnsIn(r)) {
      if (isEmptyCell(view.cell(r, c))) continue;
      nonEmpty++;
      lastFilled = c;
    }
    return lastFilled < 0 ? '' : view.text(r, lastFilled);
  };

  const start = (subRow ?? header.row) + 1;
  for (let r = start; r < view.rowCount; r++) {
    if (view.isBlankRow(r)) {
      rows.push({ row: r, kind: 'blank' });
      continue;
    }
    // The header's Stt, name and lead-agency cells again (a header repeated after a page break).
    // The Stt first: it tells an indicator row at once, where the name would have its long
    // text normalised for nothing (the rows' names are not read normalised otherwise).
    if (
      !headerSigEmpty &&
      sigOf(r, sttCol) === headerStt &&
      sigOf(r, leadCol) === headerLead &&
      sigOf(r, nameCol) === headerName
    ) {
      rows.push({ row: r, kind: 'header-repeat' });
      continue;
    }
    if (isSubHeaderRow(view, read, r)) {
      rows.push({ row: r, kind: 'header-repeat' });
      continue;
    }
    const sttText = sttCol === undefined ? '' : view.text(r, sttCol);
    const sttNorm = sttCol === undefined ? '' : view.norm(r, sttCol);
    const nameText = view.text(r, nameCol);
    const leadText = leadCol === undefined ? '' : view.text(r, leadCol);
    let hasValues = false;
    for (const c of valueCols)
      if (!isEmptyCell(view.cell(r, c))) {
        hasValues = true;
        break;
      }
    const sttIsNumber = STT_RE.test(sttText);
    // The cells with something in them, and the text of the last (of the only one, for a lone
    // heading): counted only on a row that may be a heading or a text, with no values and no
    // numbered Stt, not on every indicator's row (its cells are most of the sheet's).
    const mayBeHeading = !hasValues && !sttIsNumber;
    const onlyText = mayBeHeading ? filledCells(r) : '';
    const afterIndicator =
      lastKind === 'indicator' || lastKind === 'level-row' || lastKind === 'continuation';

    // Section rows: "I. …" in the Stt or name column, or one lone heading across the row.
    const romanInStt = !sttIsNumber && sttNorm !== '' && ROMAN_SECTION_RE.test(sttNorm);
    const loneHeading =
      mayBeHeading &&
      nonEmpty === 1 &&
      onlyText.length > 3 &&
      !read.lowerFirst.get(onlyText) &&
      leadText === '';
    if (
      (romanInStt && leadText === '' && !hasValues) ||
      (loneHeading && !afterIndicator) ||
      (loneHeading && /^([IVX]+|\d+)\.\s/.test(onlyText))
    ) {
      section = cutText(romanInStt && nameText !== '' ? `${sttText} ${nameText}` : onlyText);
      current = undefined;
      rows.push({ row: r, kind: 'section', text: section });
      lastKind = 'section';
      continue;
    }

    if (sttIsNumber && nameText !== '') {
      current = startBlock(r, sttText.replace(/\.$/, ''), nameText, leadText);
      lastKind = 'indicator';
      continue;
    }
    if (
      current &&
      sttText === '' &&
      // A name cell in a merge from above: the indicator's own (or its Stt's).
      (nameText === '' ||
        (sttCol !== undefined && view.isCovered(r, sttCol)) ||
        view.isCovered(r, nameCol)) &&
      (leadText !== '' || hasValues)
    ) {
      current.rows.push(r);
      current.leads.push(leadText);
      rows.push({ row: r, kind: 'level-row', lead: leadText, block: current.index });
      lastKind = 'level-row';
      continue;
    }
    const repeatsSince =
      rows.length > 0 &&
      (rows[rows.length - 1]?.kind === 'header-repeat' || rows[rows.length - 1]?.kind === 'blank');
    if (
      current &&
      sttText === '' &&
      nameText !== '' &&
      leadText === '' &&
      !hasValues &&
      (afterIndicator || repeatsSince) &&
      read.lowerFirst.get(nameText)
    ) {
      // Continuation rows add up to a cell's worth of text, however many there are.
      if (current.text.length < EXCEL_CELL_TEXT_LIMIT)
        current.text = cutText(`${current.text} ${nameText}`);
      rows.push({ row: r, kind: 'continuation', text: nameText, block: current.index });
      lastKind = 'continuation';
      continue;
    }
    if (nameText !== '' && (leadText !== '' || hasValues)) {
      // An indicator row without a usable Stt (some copies drop the numbers).
      current = startBlock(r, sttText, nameText, leadText);
      lastKind = 'indicator';
      continue;
    }
    if (hasValues || sttIsNumber) {
      rows.push({
        row: r,
        kind: 'unrecognised',
        text: nameText || (mayBeHeading ? onlyText : filledCells(r)),
        ...(sttText ? { stt: sttText } : {}),
      });
      lastKind = 'unrecognised';
      continue;
    }
    rows.push({ row: r, kind: 'text', text: onlyText });
    lastKind = 'text';
  }
  return {
    headerRows,
    columns,
    rows,
    blocks,
    titleLines: title,
    headings,
    ignoredColumns: ignored,
  };
}

/**
 * Title lines by their content: the workbooks of one form have the same few titles, and what is
 * read from a title (its year, what it says of a target set: `detect.ts`) is remembered by the
 * lines' array; one array for each title, then, is read once, not once per sheet (~20 µs a
 * sheet). Bounded by titles and by their characters. The arrays are frozen: they are shared.
 */
const TITLES = new BoundedMemo<readonly string[]>(256, 1_000_000);

function sameTitle(lines: string[]): readonly string[] {
  let key = '';
  for (const line of lines) key += keyPart(line);
  return TITLES.through(key, () => Object.freeze(lines));
}

/** The blocks looked at to tell a task list: its first rows say it. */
const TASK_LIST_BLOCKS = 200;

/** A number as a target or a result is written: "85", "85,5%", "15/15", "Tối thiểu 50". */
const NUMBER_TEXT = /^(toi thieu |tren |dat |it nhat )?\d+( \d+)*$/;

/**
 * Whether the table is a list of tasks with deadlines, not an annex of indicators: a deadline
 * column ("Thời gian hoàn thành") or quarter columns holding deadlines and dates ("Quý I/2024",
 * "Thường xuyên trong năm", "31/12/2024") rather than numbers. Seed 003's task annex is one.
 */
export function isTaskList(view: SheetView, layout: Layout): boolean {
  const columns = layout.columns.filter(
    (c) =>
      c.role === 'deadline' || c.role === 'annual' || c.role === 'minimum' || c.role === 'result',
  );
  if (columns.length === 0) return false;
  let deadlines = 0;
  let numbers = 0;
  const blocks = layout.blocks.slice(0, TASK_LIST_BLOCKS);
  /** The cells not looked at yet: once they could not make deadlines outnumber numbers, none is. */
  let left = 0;
  for (const block of blocks) left += block.rows.length * columns.length;
  for (const block of blocks) {
    for (const r of block.rows) {
      for (const col of columns) {
        if (deadlines + left <= numbers) return false;
        left--;
        const cell = view.cell(r, col.column);
        if (isEmptyCell(cell) || !cell) continue;
        if (cell.type === 'date') deadlines++;
        else if (typeof cell.value === 'number') numbers++;
        else {
          const norm = view.norm(r, col.column);
          if (col.role !== 'deadline' && NUMBER_TEXT.test(norm)) numbers++;
          else if (isDeadlineText(norm)) deadlines++;
        }
      }
    }
  }
  return deadlines >= 2 && deadlines > numbers;
}

/**
 * Whether a table that matched `matched` of its indicator blocks is too thin to be an annex: it
 * has no roadmap or results heading, and fewer than half its rows are indicators of the set (a
 * helper sheet of raw counts "Stt | Chỉ tiêu | Tháng 4 | Tháng 5", one row of which is a rate).
 */
export function hasFewIndicators(layout: Layout, matched: number): boolean {
  if (layout.headings.roadmap || layout.headings.results) return false;
  return matched * 2 < layout.blocks.length;
}
