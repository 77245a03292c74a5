/** The terminal report: one readable table per checked sheet, with the issues only. */
import {
  countByStatus,
  formatInUnit,
  getBuiltinTargetSet,
  indicatorName,
  type Locale,
  levelName,
  quarterName,
  SEVERITY,
  type SheetFinding,
  STATUS,
  type Status,
  type StatusCounts,
  statusOf,
  statusWord,
  type TargetSet,
  unitPlace,
} from '@chitieu/engine';
import type { Colors } from 'picocolors/types.js';
import type { CliText } from '../i18n.js';
import type { FileReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';
import type { Consolidated } from './consolidated.js';
import { drawTable } from './table.js';
import { findingWords, noticeWords, skipWords } from './words.js';

/** Above this many issues in one sheet, plain lines instead of a table. */
const TABLE_LIMIT = 300;

export interface TextOptions {
  readonly colors: Colors;
  readonly width: number;
  readonly t: CliText;
  readonly locale: Locale;
  readonly targetSets: ReadonlyMap<string, TargetSet>;
}

/** A text in its status's terminal colour. */
function paint(status: Status, text: string, c: Colors): string {
  return c[STATUS[status].terminal](text);
}

/** A finding with its status's symbol, painted: "✗ Quý II: 74,5% < tối thiểu 75% (…)". */
function shown(f: SheetFinding, words: string, c: Colors): string {
  const status = statusOf(f);
  return paint(status, `${STATUS[status].symbol} ${safeText(words)}`, c);
}

function indicatorLabel(
  set: TargetSet | undefined,
  id: string | undefined,
  locale: Locale,
): string {
  if (!id) return '';
  const ind = set?.indicators.find((i) => i.id === id);
  if (!ind) return safeText(id);
  return safeText(`${ind.stt}. ${indicatorName(ind, locale)}`);
}

/** "✗ 4 dưới tối thiểu · ! 3 không hợp lệ · ✓ 18 đạt": the counts by status, the worst first. */
export function summaryLine(counts: StatusCounts, locale: Locale, c: Colors): string {
  return SEVERITY.filter((status) => counts[status] > 0)
    .map((status) =>
      paint(status, `${STATUS[status].symbol} ${counts[status]} ${statusWord(status, locale)}`, c),
    )
    .join(c.dim(' · '));
}

/**
 * Every text from outside (unit, file and sheet names, cell texts inside messages, the names of
 * a user's target set) passes `safeText`/`safeName` before it is laid out or painted.
 */
export function* textLines(files: readonly FileReport[], o: TextOptions): Generator<string> {
  const { t, colors: c } = o;
  const locale = o.locale;
  for (const file of files) {
    // Sheets not checked: hidden ones (in `sheets`, skipped) and those that are not annexes.
    const notChecked: string[] = [];
    for (const s of file.sheets)
      if (s.status === 'skipped')
        notChecked.push(
          c.dim(`  ${t.skippedSheet(safeName(s.sheet), skipWords(s.reason ?? 'hidden', locale))}`),
        );
    if (file.error) {
      yield c.red(t.fileError(safeName(file.file), safeText(file.error.message)));
      // Why each sheet was not checked, also when the workbook has one sheet (a workbook whose
      // annexes are hidden says so in its error).
      for (const s of file.error.code === 'only-hidden' ? [] : file.skippedSheets) {
        const label = s.hidden ? skipWords('hidden', locale) : undefined;
        notChecked.push(c.dim(`  ${t.skippedSheet(safeName(s.sheet), safeText(s.reason), label)}`));
      }
      yield* notChecked;
      yield '';
      continue;
    }
    for (const sheet of file.sheets) {
      if (sheet.status === 'skipped') continue;
      const ctx = sheet.context;
      const set = ctx.targetSetId
        ? (o.targetSets.get(ctx.targetSetId) ?? getBuiltinTargetSet(ctx.targetSetId))
        : undefined;
      const quarter = ctx.quarter ? t.checkedThrough(quarterName(ctx.quarter, locale)) : '?';
      // One pass over the findings before their lines: the units a unit table (one row per
      // unit) names on them, how many need review, the counts by status for the summary line.
      // A consolidated sheet's hundreds of thousands of issues are not all held at once.
      const units = new Set<string>();
      let count = 0;
      const counts = countByStatus(sheet.findings, (f, status) => {
        if (f.forUnit) units.add(unitPlace(f.forUnit));
        if (STATUS[status].needsReview) count++;
      });
      yield c.bold(
        t.sheetLine(
          units.size > 0
            ? t.unitTable(units.size)
            : ctx.unitName === undefined
              ? t.unknownUnit
              : safeText(ctx.unitName),
          safeName(file.file),
          sheet.hidden
            ? `${safeName(sheet.sheet)} [${skipWords('hidden', locale)}]`
            : safeName(sheet.sheet),
          safeText(ctx.targetSetId ?? '?'),
          units.size > 0
            ? t.levelPerUnit
            : ctx.level === undefined
              ? '?'
              : safeText(levelName(set, ctx.level, locale)),
          quarter,
        ),
      );
      // The sheet's notices, once each, before its findings.
      for (const notice of sheet.notices ?? [])
        yield c.cyan(`  ℹ ${safeText(noticeWords(notice, sheet, locale))}`);
      if (sheet.status === 'needs-input') {
        for (const need of sheet.needs)
          yield c.yellow(`  ${t.needs(safeName(sheet.sheet), t.needOption[need])}`);
        yield '';
        continue;
      }
      if (count === 0) {
        yield c.green(`  ${t.noIssues}`);
      } else if (count > TABLE_LIMIT) {
        // A consolidated sheet can have tens of thousands of issues: a table's layout costs too
        // much there, so one aligned line each (the same words; JSON/CSV/HTML for tools).
        const labels = new Map<string | undefined, string>();
        for (const f of sheet.findings) {
          if (!STATUS[statusOf(f)].needsReview) continue;
          let label = labels.get(f.indicatorId);
          if (label === undefined) {
            label = indicatorLabel(set, f.indicatorId, locale).padEnd(30).slice(0, 30);
            labels.set(f.indicatorId, label);
          }
          yield `  ${(f.cell ?? '').padEnd(8)}${label}  ${shown(f, findingWords(f, sheet, locale), c)}`;
        }
      } else {
        const messageWidth = Math.max(30, o.width - 8 - 30 - 10);
        const head = [t.columns.cell, t.columns.indicator, t.columns.result];
        const colWidths = [8, 30, messageWidth];
        const issues = sheet.findings.filter((f) => STATUS[statusOf(f)].needsReview);
        const rows = issues.map((f) => [
          f.cell ?? '',
          indicatorLabel(set, f.indicatorId, locale),
          shown(f, findingWords(f, sheet, locale), c),
        ]);
        yield drawTable(head, rows, colWidths);
      }
      yield `  ${summaryLine(counts, locale, c)}`;
      yield '';
    }
    for (const s of file.skippedSheets) {
      const label = s.hidden ? skipWords('hidden', locale) : undefined;
      notChecked.push(c.dim(`  ${t.skippedSheet(safeName(s.sheet), safeText(s.reason), label)}`));
    }
    if (notChecked.length) {
      yield* notChecked;
      yield '';
    }
  }
}

/** The text report: `textLines` joined by line breaks. */
export function textReport(files: readonly FileReport[], o: TextOptions): string {
  return [...textLines(files, o)].join('\n');
}

/**
 * `textReport`'s text in pieces of about `size` characters (together, the same text), for a
 * writer that writes as it goes: a sheet of a million findings is never one string.
 */
export function* textChunks(
  files: readonly FileReport[],
  o: TextOptions,
  size = 16_384,
): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  let first = true;
  for (const line of textLines(files, o)) {
    const piece = first ? line : `\n${line}`;
    first = false;
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** A value and its status as a line of the change shows it: "Quý I 70% (đạt)". */
function valueAt(
  quarter: number | null,
  value: number | null,
  status: string,
  set: TargetSet | undefined,
  id: string,
  locale: Locale,
): string {
  const unit = set?.indicators.find((i) => i.id === id)?.unit;
  const parts = [
    quarter !== null && quarter >= 1 && quarter <= 4 ? quarterName(quarter as 1, locale) : '',
    value !== null ? formatInUnit(value, unit, locale) : '',
    status in STATUS ? `(${statusWord(status as Status, locale)})` : `(${safeText(status)})`,
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * The run across files, after the files' sections: submissions a later one of the same unit
 * replaced, and with --roster who did not submit and who is not on it, with --compare who fell
 * below a minimum met before. Empty when there is nothing to say.
 */
export function consolidatedText(c: Consolidated, o: TextOptions): string {
  const { t, colors: k, locale } = o;
  const w = t.units;
  const out: string[] = [];
  const setOf = (id: string) => o.targetSets.get(id) ?? getBuiltinTargetSet(id);
  const unitOf = (unit: string | null) => (unit === null ? t.unknownUnit : safeText(unit));
  const where = (f: { file: string; sheet: string; row?: number }) =>
    `${safeName(f.file)} › ${safeName(f.sheet)}${f.row !== undefined ? ` (${w.rosterLine(f.row)})` : ''}`;
  const heading = (text: string, n?: number) =>
    out.push(k.bold(n === undefined ? text : `${text} (${n})`));

  const superseded = c.matrix.sets.flatMap((set) =>
    set.units.flatMap((row) => row.superseded.map((s) => ({ row, s }))),
  );
  if (superseded.length > 0) {
    heading(w.superseded, superseded.length);
    for (const { row, s } of superseded)
      out.push(
        `  – ${w.supersededLine(unitOf(row.unit), where(s), `${safeName(s.supersededBy.file)} › ${safeName(s.supersededBy.sheet)}`)}`,
      );
    out.push('');
  }
  if (c.roster) {
    const levelWord = (id: string) => {
      for (const set of o.targetSets.values())
        if (set.levels.some((l) => l.id === id)) return levelName(set, id, locale);
      return id;
    };
    heading(w.notSubmitted, c.roster.notSubmitted.length);
    if (c.roster.notSubmitted.length === 0) out.push(k.green(`  ${w.allSubmitted}`));
    for (const e of c.roster.notSubmitted) {
      const about = [
        e.level !== undefined ? safeText(levelWord(e.level)) : '',
        e.code !== undefined ? w.code(safeText(e.code)) : '',
        e.line !== undefined ? w.rosterLine(e.line) : '',
      ].filter((p) => p !== '');
      out.push(
        k.yellow(`  – ${safeText(e.name)}${about.length > 0 ? ` (${about.join(', ')})` : ''}`),
      );
    }
    out.push('');
    if (c.roster.notOnRoster.length > 0) {
      heading(w.notOnRoster, c.roster.notOnRoster.length);
      for (const row of c.roster.notOnRoster)
        out.push(`  – ${unitOf(row.unit)} — ${row.files.map(where).join('; ')}`);
      out.push('');
    }
  }
  if (c.fellBelow) {
    heading(w.fellBelow, c.fellBelow.length);
    if (c.fellBelow.length === 0) out.push(k.green(`  ${w.noneFellBelow}`));
    for (const { row, change } of c.fellBelow) {
      const set = setOf(row.targetSetId);
      const id = change.indicatorId;
      const now = row.indicators[id]?.status ?? 'below-minimum';
      const before = valueAt(
        change.previousQuarter,
        change.previousValue,
        change.previousStatus,
        set,
        id,
        locale,
      );
      const after = valueAt(change.quarter, change.value, now, set, id, locale);
      out.push(
        paint(
          now,
          `  ${STATUS[now].symbol} ${unitOf(row.unit)} — ${indicatorLabel(set, id, locale)}: ${before} → ${after}`,
          k,
        ),
      );
    }
    out.push('');
  }
  return out.join('\n');
}
