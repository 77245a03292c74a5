/** The terminal report: one readable table per checked sheet, with the issues only. */
import {
  getBuiltinTargetSet,
  type Locale,
  type SheetFinding,
  type TargetSet,
} from '@chitieu/engine';
import Table from 'cli-table3';
import type { Colors } from 'picocolors/types.js';
import { type CliText, shortName } from '../i18n.js';
import type { FileReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';

const SYMBOL: Record<SheetFinding['code'], string> = {
  'below-minimum': '✗',
  'invalid-value': '!',
  'missing-value': '?',
  'target-mismatch': '≠',
  'unrecognised-row': '¿',
  'not-an-annex': '–',
  met: '✓',
  'not-applicable': '–',
};

/** Above this many issues in one sheet, plain lines instead of a table. */
const TABLE_LIMIT = 300;

const SHOWN: ReadonlySet<SheetFinding['code']> = new Set([
  'below-minimum',
  'invalid-value',
  'missing-value',
  'target-mismatch',
  'unrecognised-row',
]);

export interface TextOptions {
  readonly colors: Colors;
  readonly width: number;
  readonly t: CliText;
  readonly locale: Locale;
  readonly targetSets: ReadonlyMap<string, TargetSet>;
}

function paint(code: SheetFinding['code'], text: string, c: Colors, nearMiss = false): string {
  switch (code) {
    case 'below-minimum':
      return nearMiss ? c.yellow(text) : c.red(text);
    case 'invalid-value':
      return c.magenta(text);
    case 'missing-value':
      return c.yellow(text);
    case 'target-mismatch':
      return c.blue(text);
    case 'met':
      return c.green(text);
    default:
      return c.dim(text);
  }
}

function indicatorLabel(
  set: TargetSet | undefined,
  id: string | undefined,
  locale: Locale,
): string {
  if (!id) return '';
  const ind = set?.indicators.find((i) => i.id === id);
  if (!ind) return safeText(id);
  return safeText(`${ind.stt}. ${shortName(ind, locale)}`);
}

export function summaryLine(
  byCode: Readonly<Record<SheetFinding['code'], number>>,
  t: CliText,
  c: Colors,
): string {
  const order: SheetFinding['code'][] = [
    'met',
    'below-minimum',
    'missing-value',
    'invalid-value',
    'target-mismatch',
    'unrecognised-row',
    'not-applicable',
  ];
  return order
    .filter((code) => byCode[code] > 0)
    .map((code) => paint(code, `${SYMBOL[code]} ${byCode[code]} ${t.codes[code]}`, c))
    .join(c.dim(' · '));
}

/**
 * Every text from outside (unit, file and sheet names, cell texts inside messages, the names of
 * a user's target set) passes `safeText`/`safeName` before it is laid out or painted.
 */
export function textReport(files: readonly FileReport[], o: TextOptions): string {
  const { t, colors: c } = o;
  const locale = o.locale;
  const out: string[] = [];
  for (const file of files) {
    if (file.error) {
      out.push(c.red(t.fileError(safeName(file.file), safeText(file.error.message))));
      out.push('');
      continue;
    }
    for (const sheet of file.sheets) {
      const ctx = sheet.context;
      const set = ctx.targetSetId
        ? (o.targetSets.get(ctx.targetSetId) ?? getBuiltinTargetSet(ctx.targetSetId))
        : undefined;
      const quarter = ctx.quarter ? t.checkedThrough(t.quarterShort(ctx.quarter)) : '?';
      out.push(
        c.bold(
          t.sheetLine(
            ctx.unitName === undefined ? t.unknownUnit : safeText(ctx.unitName),
            safeName(file.file),
            safeName(sheet.sheet),
            safeText(ctx.targetSetId ?? '?'),
            safeText(ctx.level ?? '?'),
            quarter,
          ),
        ),
      );
      if (sheet.status === 'needs-input') {
        for (const need of sheet.needs)
          out.push(c.yellow(`  ${t.needs(safeName(sheet.sheet), t.needOption[need])}`));
        out.push('');
        continue;
      }
      const issues = sheet.findings.filter((f) => SHOWN.has(f.code));
      if (issues.length === 0) {
        out.push(c.green(`  ${t.noIssues}`));
      } else if (issues.length > TABLE_LIMIT) {
        // A consolidated sheet can have tens of thousands of issues: a table's layout costs too
        // much there, so one aligned line each (the same words; JSON/CSV/HTML for tools).
        const labels = new Map<string | undefined, string>();
        for (const f of issues) {
          let label = labels.get(f.indicatorId);
          if (label === undefined) {
            label = indicatorLabel(set, f.indicatorId, locale).padEnd(30).slice(0, 30);
            labels.set(f.indicatorId, label);
          }
          const near = f.code === 'below-minimum' && f.nearMiss;
          out.push(
            `  ${(f.cell ?? '').padEnd(8)}${label}  ${paint(f.code, `${SYMBOL[f.code]} ${safeText(f.message)}`, c, near)}`,
          );
        }
      } else {
        const messageWidth = Math.max(30, o.width - 8 - 30 - 10);
        const table = new Table({
          head: [t.columns.cell, t.columns.indicator, t.columns.result],
          colWidths: [8, 30, messageWidth],
          wordWrap: true,
          style: { head: [], border: [] },
          chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
        });
        for (const f of issues) {
          const near = f.code === 'below-minimum' && f.nearMiss;
          table.push([
            f.cell ?? '',
            indicatorLabel(set, f.indicatorId, locale),
            paint(f.code, `${SYMBOL[f.code]} ${safeText(f.message)}`, c, near),
          ]);
        }
        out.push(table.toString());
      }
      out.push(`  ${summaryLine(sheet.summary.byCode, t, c)}`);
      out.push('');
    }
    for (const s of file.skippedSheets)
      out.push(c.dim(`  ${t.skippedSheet(safeName(s.sheet), safeText(s.reason))}`));
    if (file.skippedSheets.length) out.push('');
  }
  return out.join('\n');
}
