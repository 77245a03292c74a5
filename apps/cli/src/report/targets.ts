/** `chitieu targets list` and `chitieu targets show`. */
import {
  COMPARATORS,
  formatInUnit,
  indicatorName,
  type Locale,
  localized,
  type TargetNumber,
  type TargetSet,
  type Unit,
} from '@chitieu/engine';
import Table from 'cli-table3';
import type { CliText } from '../i18n.js';
import { safeText } from '../safe-text.js';

const plain = { style: { head: [], border: [] } };

export function targetsList(
  sets: readonly TargetSet[],
  format: 'text' | 'json',
  t: CliText,
): string {
  if (format === 'json') {
    const rows = sets.map((s) => ({
      id: s.id,
      title: s.title,
      province: s.province,
      year: s.year,
      document: s.document,
      levels: s.levels.map((l) => l.id),
      indicators: s.indicators.length,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const table = new Table({
    head: [
      t.targets.id,
      t.targets.year,
      t.targets.province,
      t.targets.levels,
      t.targets.indicators,
      t.targets.title,
    ],
    ...plain,
    colWidths: [28, 6, 12, 16, 12, 60],
    wordWrap: true,
  });
  for (const s of sets)
    table.push([
      s.id,
      String(s.year),
      safeText(s.province),
      s.levels.map((l) => l.id).join(', '),
      String(s.indicators.length),
      safeText(s.title),
    ]);
  return `${table.toString()}\n`;
}

/**
 * Footnotes of a table, each once, numbered "[1]", "[2]"…: the passages inferred numbers rest
 * on, and the documents an indicator's target comes from.
 */
class Footnotes {
  private readonly notes: { kind: 'inferred' | 'basis'; text: string }[] = [];
  mark(kind: 'inferred' | 'basis', text: string): string {
    let at = this.notes.findIndex((n) => n.kind === kind && n.text === text);
    if (at < 0) at = this.notes.push({ kind, text }) - 1;
    return `[${at + 1}]`;
  }
  lines(t: CliText): string[] {
    return this.notes.map((n, i) =>
      n.kind === 'inferred'
        ? t.targets.inferred(`[${i + 1}]`, n.text)
        : `[${i + 1}] ${t.targets.basis} ${n.text}`,
    );
  }
}

function value(
  t: TargetNumber | null | undefined,
  unitOf: Unit,
  locale: Locale,
  notes: Footnotes,
): string {
  if (t === null || t === undefined) return '–';
  const n = typeof t === 'number' ? t : t.value;
  const prefix = typeof t === 'number' || !t.comparator ? '' : COMPARATORS[t.comparator].sign;
  const mark =
    typeof t === 'object' && t.inferredFrom !== undefined
      ? ` ${notes.mark('inferred', t.inferredFrom)}`
      : '';
  return `${prefix}${formatInUnit(n, unitOf, locale)}${mark}`;
}

/** What a set leaves unsaid: numbers it infers, rows whose levels are a default. */
export function unsaidCounts(set: TargetSet): { inferred: number; defaults: number } {
  let inferred = 0;
  let defaults = 0;
  for (const ind of set.indicators)
    for (const row of ind.targets) {
      if (row.appliesTo.stated === false) defaults++;
      for (const t of [row.annual, ...(row.quarterly ?? [])])
        if (typeof t === 'object' && t !== null && t.inferredFrom !== undefined) inferred++;
    }
  return { inferred, defaults };
}

export function targetsShow(
  set: TargetSet,
  format: 'text' | 'json',
  t: CliText,
  locale: Locale,
): string {
  if (format === 'json') return `${JSON.stringify(set, null, 2)}\n`;
  // A user's set is text from outside: every field passes safeText (safe-text.ts).
  const doc = set.document;
  const lines = [
    safeText(`${set.id} — ${localized(set, 'title', locale)}`),
    safeText(`${doc.type} ${doc.number} (${doc.issuer}${doc.date ? `, ${doc.date}` : ''})`),
  ];
  if (doc.effectiveFrom) lines.push(safeText(t.targets.effective(doc.effectiveFrom)));
  if (doc.basis.length > 0)
    lines.push(t.targets.basis, ...doc.basis.map((b) => safeText(`  - ${b}`)));
  lines.push('');
  const notes = new Footnotes();
  let defaults = false;
  const table = new Table({
    head: ['Stt', t.targets.title, t.targets.levels, t.targets.annual, t.targets.roadmap],
    ...plain,
    colWidths: [5, 44, 30, 14, 28],
    wordWrap: true,
  });
  for (const ind of set.indicators) {
    ind.targets.forEach((row, i) => {
      const stated = row.appliesTo.stated !== false;
      if (!stated) defaults = true;
      const who = [...row.appliesTo.levels, ...row.appliesTo.agencies].join(', ');
      const roadmap = row.quarterly
        ? row.quarterly.map((q) => value(q, ind.unit, locale, notes)).join(' / ')
        : '–';
      // a row with no target shows the scale its values are checked against ("tối đa 18")
      const annual = row.noTarget
        ? t.targets.noTarget(
            ind.unit.kind === 'points'
              ? formatInUnit(ind.unit.max, { kind: 'count' }, locale)
              : undefined,
          )
        : value(row.annual, ind.unit, locale, notes);
      table.push([
        i === 0 ? safeText(ind.stt) : '',
        i === 0
          ? safeText(
              [
                indicatorName(ind, locale),
                ...(ind.basis ?? []).map((b) => notes.mark('basis', b)),
              ].join(' '),
            )
          : '',
        safeText(stated ? who : `${who} ${t.targets.levelsDefault}`),
        annual,
        roadmap,
      ]);
    });
  }
  const after = [...notes.lines(t), ...(defaults ? [t.targets.levelsDefaultNote] : [])];
  return `${lines.join('\n')}${table.toString()}\n${after.map((l) => `${safeText(l)}\n`).join('')}`;
}
