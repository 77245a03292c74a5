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

function value(t: TargetNumber | null | undefined, unitOf: Unit, locale: Locale): string {
  if (t === null || t === undefined) return '–';
  const n = typeof t === 'number' ? t : t.value;
  const prefix = typeof t === 'number' || !t.comparator ? '' : COMPARATORS[t.comparator].sign;
  return `${prefix}${formatInUnit(n, unitOf, locale)}`;
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
    '',
  ];
  const table = new Table({
    head: ['Stt', t.targets.title, t.targets.levels, t.targets.annual, t.targets.roadmap],
    ...plain,
    colWidths: [5, 44, 30, 14, 28],
    wordWrap: true,
  });
  for (const ind of set.indicators) {
    ind.targets.forEach((row, i) => {
      const who = [...row.appliesTo.levels, ...row.appliesTo.agencies].join(', ');
      const roadmap = row.quarterly
        ? row.quarterly.map((q) => value(q, ind.unit, locale)).join(' / ')
        : '–';
      table.push([
        i === 0 ? safeText(ind.stt) : '',
        i === 0 ? safeText(indicatorName(ind, locale)) : '',
        safeText(who),
        value(row.annual, ind.unit, locale),
        roadmap,
      ]);
    });
  }
  return `${lines.join('\n')}${table.toString()}\n`;
}
