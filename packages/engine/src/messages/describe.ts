import { cutText } from '../annex/content.js';
import type { Finding, FindingUnit, Minimum, ValueReading } from '../findings.js';
import type { Mutable } from '../mutable.js';
import { formatNumber, formatPercent } from '../parse/number-format.js';
import type { TargetSet, Unit } from '../schema.js';
import { type Catalog, catalogs, type InvalidParts, type Locale } from './catalog.js';
import { levelName } from './localized.js';

/** Formats a number in an indicator's unit: "74,5%", "11,3/18", "1.234". */
export function formatInUnit(value: number, unit: Unit | undefined, locale: Locale): string {
  if (unit?.kind === 'percent') return formatPercent(value, locale);
  if (unit?.kind === 'points')
    return `${formatNumber(value, locale)}/${formatNumber(unit.max, locale)}`;
  return formatNumber(value, locale);
}

function minimumText(m: Minimum, c: Catalog, locale: Locale): string {
  const value = formatInUnit(m.value, m.unit, locale);
  const notes: string[] = [];
  if (m.source === 'carried-forward' && m.fromQuarter !== undefined)
    notes.push(c.carriedFrom(c.quarter(m.fromQuarter)));
  if (m.inferredFrom !== undefined) notes.push(c.inferred);
  const base =
    m.source === 'annual' ? c.annualMinimum(m.comparator, value) : c.minimum(m.comparator, value);
  return notes.length === 0 ? base : `${base} (${notes.join('; ')})`;
}

/**
 * What a cell holds, as a user would write it: a number in the language's way ("0,86"), a text
 * trimmed.
 */
function writtenText(raw: string | number | boolean | null | undefined, locale: Locale): string {
  return typeof raw === 'number' && Number.isFinite(raw)
    ? formatNumber(raw, locale, { grouping: false, maximumFractionDigits: 6 })
    : rawText(raw);
}

/** A value in the indicator's unit, with what was written when it was read from a fraction, a ratio or words. */
function valueText(
  value: number,
  unit: Unit | undefined,
  reading: ValueReading | undefined,
  c: Catalog,
  locale: Locale,
): string {
  const shown = formatInUnit(value, unit, locale);
  return reading ? `${shown} ${c.readFrom(writtenText(reading.raw, locale))}` : shown;
}

/** A cell's raw value as written, trimmed ('' for none). */
export function rawText(raw: string | number | boolean | null | undefined): string {
  return raw === null || raw === undefined ? '' : String(raw).trim();
}

export interface DescribeOptions {
  readonly locale?: Locale;
  /** Lets messages name levels ("UBND cấp huyện") rather than ids. */
  readonly targetSet?: TargetSet;
}

/**
 * The finding in words, for a cell note or a report line: "Quý II: 74,5% < tối thiểu 75%
 * (thiếu 0,5 điểm %)". Vietnamese unless `locale: 'en'`.
 */
export function describeFinding(finding: Finding, options: DescribeOptions = {}): string {
  const locale = options.locale ?? 'vi';
  const c = catalogs[locale];
  const text = findingText(finding, options, c, locale);
  // A unit table's finding: for its unit (a row asking for the level names the unit itself).
  const forUnit = (finding as { readonly forUnit?: FindingUnit }).forUnit;
  return forUnit && !(finding.code === 'unrecognised-row' && finding.needs === 'level')
    ? c.forUnit(forUnit.name, text)
    : text;
}

/** `describeFinding`'s words but for the unit a unit table's finding is for. */
function findingText(
  finding: Finding,
  options: DescribeOptions,
  c: Catalog,
  locale: Locale,
): string {
  const prefix =
    finding.quarter === undefined || finding.code === 'target-mismatch'
      ? ''
      : `${c.quarter(finding.quarter)}: `;
  const unit = 'minimum' in finding && finding.minimum ? finding.minimum.unit : undefined;
  switch (finding.code) {
    case 'met':
      return (
        prefix +
        c.met(
          valueText(finding.value, unit, finding.reading, c, locale),
          minimumText(finding.minimum, c, locale),
          finding.minimum.comparator,
        )
      );
    case 'below-minimum': {
      const text = c.belowMinimum(
        valueText(finding.value, unit, finding.reading, c, locale),
        minimumText(finding.minimum, c, locale),
        finding.minimum.comparator,
      );
      const gap = c.gap(formatNumber(finding.gap, locale), unit?.kind === 'percent');
      return `${prefix}${text} (${gap}${finding.nearMiss ? `, ${c.status['near-miss']}` : ''})`;
    }
    case 'missing-value': {
      const text = c.missing[finding.reason](rawText(finding.raw));
      return finding.minimum
        ? `${prefix}${text} (${minimumText(finding.minimum, c, locale)})`
        : prefix + text;
    }
    case 'invalid-value': {
      const n = (x: number) => formatNumber(x, locale);
      const shown =
        finding.reason === 'out-of-range' && finding.value !== undefined
          ? finding.range === 'non-negative'
            ? n(finding.value)
            : formatPercent(finding.value, locale)
          : finding.reason === 'above-maximum' && finding.value !== undefined
            ? n(finding.value)
            : finding.reason === 'error-value' && finding.error !== undefined
              ? finding.error
              : finding.reason === 'ambiguous-scale'
                ? writtenText(finding.raw, locale)
                : (finding.text ?? rawText(finding.raw)).trim();
      const max = finding.max ?? (unit?.kind === 'points' ? unit.max : undefined);
      const parts: Mutable<InvalidParts> = {};
      if (max !== undefined) parts.max = n(max);
      if (finding.readings && finding.reason === 'ambiguous-scale') {
        const percents = finding.readings.map((r) => formatPercent(r, locale));
        parts.readings = c.either(percents);
        const last = percents[percents.length - 1];
        if (last !== undefined) parts.example = last;
      } else if (finding.readings)
        parts.readings = c.either(
          finding.readings.map((r) =>
            formatNumber(r, locale, { grouping: false, maximumFractionDigits: 6 }),
          ),
        );
      if (finding.ambiguity) parts.ambiguity = finding.ambiguity;
      if (finding.range) parts.range = finding.range;
      if (finding.expected)
        parts.expected = c.unitName(
          finding.expected,
          finding.expected.max === undefined ? undefined : n(finding.expected.max),
        );
      if (finding.written)
        parts.written = c.unitName(
          finding.written,
          finding.written.max === undefined ? undefined : n(finding.written.max),
        );
      if (finding.reason === 'maximum-mismatch' && finding.expected?.max !== undefined)
        parts.expectedMax = n(finding.expected.max);
      if (finding.compared?.length === 2 && finding.change !== undefined) {
        parts.compared = finding.compared.map(n).join(' → ');
        parts.change = (finding.change > 0 ? '+' : '') + n(finding.change);
      }
      return prefix + c.invalid[finding.reason](shown, parts);
    }
    case 'not-occurred':
      return prefix + c.notOccurred(rawText(finding.raw));
    case 'not-applicable': {
      const who = finding.appliesTo
        ? c.listJoin([
            ...finding.appliesTo.levels.map((id) => levelName(options.targetSet, id, locale)),
            ...finding.appliesTo.agencies,
          ])
        : '';
      const text = prefix + c.notApplicable[finding.reason](who);
      // A value typed there anyway is kept: say which.
      if (finding.value === undefined && (finding.raw === undefined || finding.raw === null))
        return text;
      const kind = options.targetSet?.indicators.find((i) => i.id === finding.indicatorId)?.unit;
      const typed =
        finding.value === undefined
          ? `"${rawText(finding.raw)}"`
          : formatInUnit(finding.value, kind, locale);
      return `${text}; ${c.keptValue(typed)}`;
    }
    case 'target-mismatch': {
      const which =
        finding.target === 'annual' || finding.quarter === undefined
          ? c.annualTarget
          : `${c.minimum('at-least', '').trim()} ${c.quarter(finding.quarter)}`;
      return c.targetMismatch(
        which.charAt(0).toLocaleUpperCase('vi') + which.slice(1),
        formatInUnit(finding.value, finding.unit, locale),
        formatInUnit(finding.official, finding.unit, locale),
        finding.lowered,
      );
    }
    case 'unrecognised-row':
      if (finding.needs === 'level') {
        // The levels the set has: a set of 2026 has no districts to name.
        const set = options.targetSet;
        const levels = set
          ? c.either(set.levels.map((l) => levelName(set, l.id, locale)))
          : undefined;
        // A unit whose results are a group of columns: said at its heading, not of a row.
        const placed = finding as { readonly forUnit?: FindingUnit; readonly cell?: string };
        return placed.forUnit?.column !== undefined && placed.cell !== undefined
          ? c.groupLevelUnknown(placed.cell, finding.text, levels)
          : c.unitLevelUnknown(finding.row, finding.text, levels);
      }
      return c.unrecognisedRow(
        finding.row,
        [finding.stt, finding.text].filter(Boolean).join(' ').slice(0, 120),
      );
    case 'not-an-annex':
      return finding.missing && finding.missing.length > 0
        ? `${c.notAnAnnex[finding.reason]}; ${c.notUnitTable(
            c.listJoin(finding.missing.map((m) => c.unitTableMissing[m])),
          )}`
        : c.notAnAnnex[finding.reason];
  }
}

/** A finding's words for a cell note: within Excel's limit on a cell's text, whatever the cell held. */
export function findingNote(finding: Finding, options: DescribeOptions = {}): string {
  return cutText(describeFinding(finding, options));
}
