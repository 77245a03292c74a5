/**
 * Reads an official annex sheet (the decision's Phụ lục: Stt, Nhiệm vụ, Cơ quan chủ trì, Cơ quan
 * phối hợp, Chỉ tiêu năm, Lộ trình thực hiện (tối thiểu) Quý I–IV, Ghi chú) into a target set,
 * with a review of every row read and a warning for every cell that had to be interpreted.
 *
 * The table is recognised by the same layout as a check (`annex/layout.ts`): header rows, repeated
 * headers, sections, per-level rows and continuation rows. Values are read by the same parser
 * (`parse/parse-value.ts`, its comparators "tối thiểu", "trên", "từ … trở lên"). The result is
 * validated by the same rules as `targets validate`. Pure: a grid in, data out.
 */

import { yearIn } from '../annex/detect.js';
import { type Block, isTaskList, type Layout, recogniseLayout } from '../annex/layout.js';
import { matcherFor } from '../annex/match.js';
import { cellText, isEmptyCell, SheetView } from '../annex/sheet.js';
import { lower } from '../annex/unit-name.js';
import type { Cell } from '../cell.js';
import { COMPARATORS, defaultComparator } from '../comparators.js';
import { expectationFor } from '../evaluate.js';
import type { Grid } from '../grid.js';
import { isPercentFormat } from '../parse/number-format.js';
import { parseText, parseValue, percentPoints } from '../parse/parse-value.js';
import type { Result } from '../result.js';
import {
  type Direction,
  type Indicator,
  type Note,
  SLUG_PATTERN,
  type TargetNumber,
  type TargetRow,
  type TargetSet,
  type TargetSetInput,
  type Unit,
} from '../schema.js';
import { getBuiltinTargetSet, getBuiltinTargetSets } from '../target-sets/index.js';
import { parseTargetSet } from '../target-sets/load.js';
import { normalizeText } from '../text.js';
import { IMPORT_LEVELS, levelsOfYear, readAgencyCell } from './levels.js';
import { DEFAULT_DOCUMENT_TYPE, defaultIssuer, defaultTitle, readTitle, SECTION } from './title.js';
import type {
  ImportError,
  ImportedTargetSet,
  ImportOptions,
  ImportReviewRow,
  ImportWarning,
  ReviewValue,
} from './types.js';

type Column = number | undefined;

interface Columns {
  readonly stt: Column;
  readonly name: number;
  readonly lead: Column;
  readonly coordinators: Column;
  readonly unit: Column;
  readonly annual: Column;
  readonly notes: Column;
  /** The roadmap's column of Quý I..IV (the first of each quarter), where the table has one. */
  readonly quarters: readonly Column[];
  /** The roadmap heading's words in brackets: "tối thiểu" of "Lộ trình thực hiện (tối thiểu)". */
  readonly roadmapWords?: string;
}

function columnsOf(layout: Layout): Columns | undefined {
  const first = (role: string) => layout.columns.find((c) => c.role === role)?.column;
  const name = first('name');
  if (name === undefined) return undefined;
  const minimums = layout.columns.filter((c) => c.role === 'minimum' && c.quarter !== undefined);
  const quarters = [1, 2, 3, 4].map((q) => minimums.find((c) => c.quarter === q)?.column);
  const heading = minimums[0]?.header.split(' / ')[0] ?? '';
  const words = /\(([^()]+)\)/u.exec(heading)?.[1]?.trim();
  return {
    stt: first('stt'),
    name,
    lead: first('lead'),
    coordinators: first('coordinators'),
    unit: first('unit'),
    annual: first('annual'),
    notes: first('notes'),
    quarters,
    ...(words ? { roadmapWords: lower(words) } : {}),
  };
}

/** The number in a target text, and what stands around it. */
const NUMBER_PART = /[+\-−–]?\s*\d[\d.,]*\s*(?:%|\/\s*\d[\d.,]*)?/u;

/**
 * The words a target cell writes around its number, lower case: "Tối thiểu 50" → "tối thiểu",
 * "từ 30% trở lên" → "từ … trở lên", "đạt 100%" → "đạt"; undefined for a bare number or a
 * number followed only by an explanation ("100% (15/15)").
 */
function wordsAround(text: string): string | undefined {
  const m = NUMBER_PART.exec(text);
  if (!m) return undefined;
  const before = text
    .slice(0, m.index)
    .replace(/[:\s]+$/u, '')
    .trim();
  if (before === '' || /\d/.test(before)) return undefined;
  const after = text.slice(m.index + m[0].length).trim();
  const tail = after !== '' && !/[\d(]/.test(after) ? ` … ${after.replace(/[.;]+$/u, '')}` : '';
  return lower(`${before}${tail}`);
}

/** Is the cell a plain number (no percent format)? */
function isPlainNumber(cell: Cell | undefined): boolean {
  return typeof cell?.value === 'number' && !isPercentFormat(cell.numberFormat);
}

/** "Năm 2024: 69,31%" (several in one cell, "Năm 2023: 24,4% Năm 2024: 69,31%"). */
const PREVIOUS = /Năm\s+(\d{4})\s*:\s*([+\-−–]?\d[\d.,]*\s*%?)/giu;

/** The "Ghi chú" cell as notes: earlier years' results where it is only those, else one text. */
function notesOf(text: string, unit: Unit): Note[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const found: Note[] = [];
  let rest = trimmed;
  for (const m of trimmed.matchAll(PREVIOUS)) {
    const parsed = parseText(m[2] ?? '', { expect: expectationFor(unit) });
    if (parsed.kind !== 'number') return [{ kind: 'text', text: trimmed }];
    found.push({
      kind: 'previous-result',
      year: Number(m[1]),
      value: parsed.value,
      text: m[0].trim(),
    });
    rest = rest.replace(m[0], '');
  }
  if (found.length === 0 || rest.replace(/[\s,;.]+/gu, '') !== '')
    return [{ kind: 'text', text: trimmed }];
  return found;
}

/** Words of a name that end a short name: what follows is the detail of the rate. */
const SHORT_NAME_END = /\s(?:trên tổng số|trên tổng|so với)\s|[(;:]/iu;
const SHORT_NAME_WORDS = 8;

/** A short name for reports from the full name: "Tỷ lệ hồ sơ … đúng hạn" → "Hồ sơ … đúng hạn". */
function shortNameOf(name: string): string {
  let text = name.replace(/^tỷ lệ\s+/iu, '');
  const end = SHORT_NAME_END.exec(text);
  if (end && end.index > 0) text = text.slice(0, end.index);
  const words = text.split(/\s+/).filter((w) => w !== '');
  const short = words
    .slice(0, SHORT_NAME_WORDS)
    .join(' ')
    .replace(/[,.;:]+$/u, '');
  const out = short === '' ? name.trim() : short;
  return out.charAt(0).toLocaleUpperCase('vi') + out.slice(1);
}

/** An id from words: "Thanh toán trực tuyến" → "thanh-toan-truc-tuyen". */
function slugOf(text: string, words = 6): string {
  return normalizeText(text)
    .split(' ')
    .filter((w) => /^[a-z0-9]+$/.test(w))
    .slice(0, words)
    .join('-');
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

interface Read {
  readonly target: TargetNumber;
  readonly review: ReviewValue;
}

class Importer {
  readonly warnings: ImportWarning[] = [];
  private fractions = false;

  constructor(
    readonly view: SheetView,
    readonly cols: Columns,
  ) {}

  /** The cell shown at a place (a merged area's top-left) and its address. */
  at(row: number, column: number): { cell: Cell | undefined; a1: string } {
    const m = this.view.merge(row, column);
    const [r, c] = m ? [m.top, m.left] : [row, column];
    return { cell: this.view.cell(r, c), a1: this.view.address(r, c) };
  }

  text(row: number, column: Column): string {
    if (column === undefined) return '';
    return cellText(this.at(row, column).cell);
  }

  /** The cells a target row holds its targets in: the annual target, then Quý I..IV. */
  targetCells(row: number): (Cell | undefined)[] {
    return [this.cols.annual, ...this.cols.quarters].map((c) =>
      c === undefined ? undefined : this.at(row, c).cell,
    );
  }

  /**
   * Does the table type percentages as fractions (0.85 in a General cell)? Told once for the
   * table by its plain numbers below 1 in the target columns.
   */
  noteFractions(rows: readonly number[]): void {
    this.fractions = rows.some((r) =>
      this.targetCells(r).some(
        (cell) => isPlainNumber(cell) && (cell?.value as number) > 0 && (cell?.value as number) < 1,
      ),
    );
  }

  /** The unit of an indicator: written in its unit column, shown by its cells, or guessed. */
  unitOf(block: Block): Unit {
    const written = this.text(block.rows[0] as number, this.cols.unit);
    const cells = block.rows.flatMap((r) => this.targetCells(r));
    const points = (): Unit | undefined => {
      for (const cell of cells) {
        if (typeof cell?.value !== 'string') continue;
        const parsed = parseText(cell.value, { expect: { kind: 'points' } });
        if (parsed.kind === 'number' && parsed.scale === 'points' && parsed.max !== undefined)
          return { kind: 'points', max: parsed.max };
      }
      return undefined;
    };
    if (written !== '') {
      const norm = normalizeText(written);
      if (written.includes('%') || norm === 'phan tram' || norm === 'ty le')
        return { kind: 'percent' };
      if (norm.startsWith('diem')) {
        const p = points();
        if (p) return p;
      } else return { kind: 'count' };
    }
    const percent = cells.some(
      (cell) =>
        (typeof cell?.value === 'number' && isPercentFormat(cell.numberFormat)) ||
        (typeof cell?.value === 'string' && cell.value.includes('%')),
    );
    if (percent) return { kind: 'percent' };
    const p = points();
    if (p) return p;
    const nameCell = this.view.address(block.rows[0] as number, this.cols.name);
    const rate = /^(ty le|muc do hai long)\b/.test(normalizeText(block.text));
    const unit: Unit = rate ? { kind: 'percent' } : { kind: 'count' };
    this.warnings.push({
      code: 'unit-guessed',
      cell: nameCell,
      unit,
      from: rate ? 'name' : 'nothing',
    });
    return unit;
  }

  /** A target cell: its number (with its comparator and words when it writes them), or null. */
  value(row: number, column: Column, unit: Unit): Read | null {
    if (column === undefined) return null;
    const { cell, a1 } = this.at(row, column);
    if (!cell || isEmptyCell(cell)) return null;
    const text = cellText(cell);
    const parsed = parseValue(cell, { expect: expectationFor(unit) });
    if (parsed.kind === 'missing') return null;
    if (parsed.kind !== 'number') {
      this.warnings.push({ code: 'value-not-read', cell: a1, text });
      return null;
    }
    let value = parsed.value;
    if (
      unit.kind === 'percent' &&
      this.fractions &&
      isPlainNumber(cell) &&
      value >= 0 &&
      value <= 1
    ) {
      value = percentPoints(value);
      this.warnings.push({ code: 'value-read', cell: a1, text, value, unit, how: 'fraction' });
    }
    const written = typeof cell.value === 'string' ? wordsAround(cell.value) : undefined;
    if (parsed.how === 'text-ratio')
      this.warnings.push({ code: 'value-read', cell: a1, text, value, unit, how: 'ratio' });
    else if (parsed.how === 'text-prose' && written === undefined)
      this.warnings.push({ code: 'value-read', cell: a1, text, value, unit, how: 'words' });
    const comparator = parsed.comparator;
    const review: ReviewValue = {
      value,
      cell: a1,
      ...(comparator ? { comparator } : {}),
      ...(written ? { written } : {}),
    };
    const target: TargetNumber =
      typeof cell.value === 'string' && (comparator !== undefined || written !== undefined)
        ? { value, ...(comparator ? { comparator } : {}), text: cell.value.trim() }
        : value;
    return { target, review };
  }
}

function fail(error: ImportError): Result<ImportedTargetSet, ImportError> {
  return { success: false, error };
}

interface Section {
  readonly id: string;
  readonly title: string;
}

/**
 * The sections of the blocks, by their headings in order. Blocks before any heading are in the
 * heading written just above the table when there is one (seed 004 puts "1. Chỉ tiêu giao tại
 * Nghị quyết số 01/NQ-CP" above its header), else in a section titled as the set.
 */
function sectionsOf(
  blocks: readonly Block[],
  setTitle: string,
  above: string | undefined,
): Map<string | undefined, Section> {
  const out = new Map<string | undefined, Section>();
  const ids = new Set<string>();
  let n = 0;
  for (const block of blocks) {
    if (out.has(block.section)) continue;
    n++;
    const heading =
      block.section ?? (above !== undefined && SECTION.test(above) ? above : undefined);
    const m = heading === undefined ? null : SECTION.exec(heading);
    const rawId = m?.[1] ? (/^\d+$/.test(m[1]) ? m[1] : m[1].toUpperCase()) : String(n);
    const id = unique(rawId, ids);
    const title = (m?.[2] ?? heading ?? setTitle).trim();
    out.set(block.section, { id, title });
  }
  return out;
}

/** The built-in indicator a name is (by its text alone), to reuse its id and short names. */
function builtinIndicator(name: string): Indicator | undefined {
  let best: { indicator: Indicator; score: number } | undefined;
  for (const set of getBuiltinTargetSets()) {
    const m = matcherFor(set).match({ stt: '', text: name });
    if (m && m.by === 'text' && (!best || m.score > best.score))
      best = { indicator: m.indicator, score: m.score };
  }
  return best?.indicator;
}

/** What the lead-agency cell of a row says: its levels, its named agencies, the text to keep. */
interface Assigned {
  readonly levels: string[];
  readonly agencies: string[];
  /** The cell as written; absent when there is none (then `stated` is false). */
  readonly lead?: string;
  /** False when the document does not say whom the row is for: every level, by default. */
  readonly stated?: false;
}

/**
 * Reads an annex sheet into a target set. Fails (never throws) when the sheet is not an annex,
 * when neither the title nor the sheet names the province and year, or when what was read is
 * not a valid set.
 */
export function importTargetSet(
  grid: Grid,
  options: ImportOptions = {},
): Result<ImportedTargetSet, ImportError> {
  const view = new SheetView(grid);
  if (!view.hasContent) return fail({ code: 'not-an-annex', reason: 'empty' });
  const layout = recogniseLayout(view);
  const cols = layout && columnsOf(layout);
  if (!layout || !cols) return fail({ code: 'not-an-annex', reason: 'no-header' });
  if (isTaskList(view, layout)) return fail({ code: 'not-an-annex', reason: 'task-list' });
  if (layout.blocks.length === 0) return fail({ code: 'not-an-annex', reason: 'no-indicator' });
  if (cols.annual === undefined && cols.quarters.every((q) => q === undefined))
    return fail({ code: 'not-an-annex', reason: 'no-targets' });
  if (options.id !== undefined && !SLUG_PATTERN.test(options.id))
    return fail({ code: 'bad-id', id: options.id });

  const title = readTitle(layout.titleLines, options.title);
  const province = title.province;
  if (province === undefined) return fail({ code: 'no-province' });
  const annualHeader = layout.columns.find((c) => c.role === 'annual')?.header ?? '';
  const year =
    title.year ??
    yearIn([annualHeader]) ??
    (title.document.date ? Number(title.document.date.slice(0, 4)) : undefined);
  if (year === undefined) return fail({ code: 'no-year' });

  const im = new Importer(view, cols);
  const warnings = im.warnings;
  im.noteFractions(layout.blocks.flatMap((b) => b.rows));

  const eraLevels = levelsOfYear(year);
  const everyLevel = (): Assigned => ({
    levels: eraLevels.map((l) => l.id),
    agencies: [],
    stated: false,
  });
  if (cols.lead === undefined) warnings.push({ code: 'lead-missing', levels: everyLevel().levels });

  const assigned = (row: number): Assigned => {
    if (cols.lead === undefined) return everyLevel();
    const { a1 } = im.at(row, cols.lead);
    const lead = im.text(row, cols.lead);
    if (lead === '') {
      const all = everyLevel();
      warnings.push({ code: 'lead-missing', cell: a1, levels: all.levels });
      return all;
    }
    const pieces = readAgencyCell(lead, IMPORT_LEVELS);
    const levels = [...new Set(pieces.flatMap((p) => (p.level ? [p.level] : [])))];
    const agencies = pieces.filter((p) => !p.level).map((p) => p.text);
    if (agencies.length > 0) warnings.push({ code: 'agencies-named', cell: a1, agencies, levels });
    return { levels, agencies, lead };
  };

  // Rows with values that are no indicator are told, not read.
  for (const r of layout.rows)
    if (r.kind === 'unrecognised')
      warnings.push({
        code: 'row-not-read',
        cell: view.address(r.row, cols.stt ?? cols.name),
        text: r.text ?? '',
      });

  const setTitle = title.title ?? defaultTitle(province, year);
  if (title.title === undefined) warnings.push({ code: 'title-missing', title: setTitle });
  const sections = sectionsOf(layout.blocks, setTitle, layout.titleLines.at(-1));
  const ids = new Set<string>();
  const sttInSection = new Map<string, number>();
  const indicators: Indicator[] = [];
  const rows: ImportReviewRow[] = [];
  /** The name cell of each indicator, to place an invalid set's problems. */
  const indicatorCells: string[] = [];
  const used = new Set<string>();
  const hasRoadmap = cols.quarters.some((q) => q !== undefined);

  for (const block of layout.blocks) {
    const section = sections.get(block.section) as Section;
    const first = block.rows[0] as number;
    const nameCell = view.address(first, cols.name);
    const place = (sttInSection.get(section.id) ?? 0) + 1;
    sttInSection.set(section.id, place);
    let stt = block.stt;
    if (stt === '') {
      // numbered by its place, clear of the numbers the section writes
      const written = new Set(
        layout.blocks.filter((b) => b.section === block.section).map((b) => b.stt),
      );
      let n = place;
      while (written.has(String(n)) || written.has(`${n}.`)) n++;
      stt = String(n);
      warnings.push({
        code: 'stt-missing',
        cell: view.address(first, cols.stt ?? cols.name),
        stt,
      });
    }
    const unit = im.unitOf(block);
    const read = block.rows.map((r) => ({
      row: r,
      who: assigned(r),
      annual: im.value(r, cols.annual, unit),
      quarterly: cols.quarters.map((c) => im.value(r, c, unit)),
    }));
    const explicit = read.flatMap((r) =>
      [r.annual, ...r.quarterly].flatMap((v) =>
        v?.review.comparator ? [v.review.comparator] : [],
      ),
    );
    const direction: Direction =
      explicit.length > 0 && explicit.every((c) => COMPARATORS[c].lowerIsBetter)
        ? 'lower-is-better'
        : 'higher-is-better';

    const known = builtinIndicator(block.text);
    const reuse = known !== undefined && !ids.has(known.id);
    const shortName = reuse ? known.shortName : shortNameOf(block.text);
    const id = unique(reuse ? known.id : slugOf(shortName) || `chi-tieu-${stt}`, ids);

    const targets: TargetRow[] = [];
    for (const r of read) {
      const quarterly = r.quarterly.map((q) => q?.target ?? null) as TargetRow['quarterly'];
      const anyQuarter = r.quarterly.some((q) => q !== null);
      if (r.annual === null && !anyQuarter) {
        warnings.push({ code: 'no-targets', cell: view.address(r.row, cols.name), stt });
        continue;
      }
      const coordinators =
        cols.coordinators === undefined
          ? []
          : readAgencyCell(im.text(r.row, cols.coordinators), IMPORT_LEVELS).map((p) => p.text);
      const notes = cols.notes === undefined ? [] : notesOf(im.text(r.row, cols.notes), unit);
      targets.push({
        appliesTo: {
          levels: r.who.levels,
          agencies: r.who.agencies,
          ...(r.who.stated === false ? { stated: false } : {}),
        },
        ...(r.who.lead === undefined ? {} : { lead: r.who.lead }),
        coordinators,
        ...(r.annual ? { annual: r.annual.target } : {}),
        ...(anyQuarter ? { quarterly } : {}),
        notes,
      });
      for (const l of r.who.levels) used.add(l);
      const values = [r.annual, ...r.quarterly].flatMap((v) => (v ? [v.review] : []));
      const comparator =
        values.find((v) => v.comparator)?.comparator ?? defaultComparator(direction);
      const written =
        values.find((v) => v.written)?.written ?? (anyQuarter ? cols.roadmapWords : undefined);
      rows.push({
        row: view.sheetRow(r.row),
        stt,
        section: section.id,
        indicatorId: id,
        shortName,
        levels: r.who.levels,
        agencies: r.who.agencies,
        unit,
        annual: r.annual?.review ?? null,
        quarterly: hasRoadmap ? r.quarterly.map((q) => q?.review ?? null) : [],
        comparator,
        ...(written ? { written } : {}),
      });
    }
    if (targets.length === 0) {
      ids.delete(id);
      continue;
    }
    indicators.push({
      id,
      stt,
      section: section.id,
      name: block.text,
      shortName,
      ...(reuse && known.shortNameEn ? { shortNameEn: known.shortNameEn } : {}),
      aliases: [],
      unit,
      direction,
      targets,
    });
    indicatorCells.push(nameCell);
  }
  if (indicators.length === 0) return fail({ code: 'not-an-annex', reason: 'no-targets' });

  const levels = IMPORT_LEVELS.filter((l) => used.has(l.id));
  let id = options.id;
  if (id === undefined) {
    const base = `${slugOf(province, 8)}-${year}`;
    id = base;
    if (getBuiltinTargetSet(base)) {
      id = `${base}-phu-luc`;
      warnings.push({ code: 'id-taken', id, builtin: base });
    }
  }
  const doc = title.document;
  const issuer = doc.issuer ?? defaultIssuer(province);
  if (doc.type === undefined)
    warnings.push({ code: 'document-missing', type: DEFAULT_DOCUMENT_TYPE, issuer });
  const input: TargetSetInput = {
    id,
    title: setTitle,
    document: {
      type: doc.type ?? DEFAULT_DOCUMENT_TYPE,
      number: doc.number ?? '',
      ...(doc.date ? { date: doc.date } : {}),
      issuer,
      basis: [],
    },
    province,
    year,
    levels: levels.length > 0 ? [...levels] : [...eraLevels],
    sections: [...new Map([...sections.values()].map((s) => [s.id, s])).values()].filter((s) =>
      indicators.some((i) => i.section === s.id),
    ),
    indicators,
  };
  const parsed = parseTargetSet(input, { builtin: getBuiltinTargetSet });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const m = /^indicators\[(\d+)\]/.exec(issue.path);
      const cell = m ? indicatorCells[Number(m[1])] : undefined;
      return { path: issue.path, problem: issue.problem, ...(cell ? { cell } : {}) };
    });
    return fail({ code: 'invalid-set', issues });
  }
  const set: TargetSet = parsed.data;
  return { success: true, data: { set, rows, warnings } };
}
