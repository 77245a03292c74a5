/**
 * The consolidated report: one self-contained HTML page that opens offline. A units × indicators
 * heat map a reviewer takes in at a glance, the units below each indicator's minimum (as the
 * office's own letters list them), and per-file findings with their cells. Status is never told
 * by colour alone: every cell carries a symbol and the legend names each.
 */

import { createHash } from 'node:crypto';
import {
  countByStatus,
  formatInUnit,
  indicatorName,
  type Locale,
  type Quarter,
  quarterName,
  SEVERITY,
  type SheetFinding,
  STATUS,
  type Status,
  statusOf,
  statusWord,
  type TargetSet,
  unitKey,
} from '@chitieu/engine';
import type { CliText } from '../i18n.js';
import type { FileReport, SheetReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';
import { writeInPieces } from './pieces.js';
import { findingWords, noticeWords, skipWords } from './words.js';

/** The statuses a page can show (a sheet that is not an annex has no row), the worst first. */
const PAGE_STATUSES: readonly Status[] = SEVERITY.filter((s) => STATUS[s].scope !== 'sheet');

/** A heat-map cell with no finding. */
const NONE = { fill: '#FFFFFF', font: '#495057' };

/**
 * Text for the page: first made safe (safe-text.ts: no control characters, escape sequences or
 * bidi controls; line breaks only where asked, as in a tooltip), then HTML-escaped.
 */
function esc(text: string, lineBreaks = false): string {
  return safeText(text, { lineBreaks })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface HtmlOptions {
  readonly t: CliText;
  readonly locale: Locale;
  readonly generatedAt: Date;
  readonly targetSets: ReadonlyMap<string, TargetSet>;
  readonly skipped: readonly { path: string; reason: string }[];
}

interface UnitRow {
  readonly file: FileReport;
  readonly sheet: SheetReport;
  readonly unit: string;
}

/**
 * An indicator's cell of a unit's row: the worst status of its values at the quarter checked (a
 * lowered target or an unrecognised row is listed apart), the value, every reason on hover.
 */
function heatCell(
  findings: readonly SheetFinding[],
  sheet: SheetReport,
  set: TargetSet,
  quarter: Quarter | undefined,
  locale: Locale,
): string {
  const atQuarter = findings.filter((f) => f.quarter === quarter || f.quarter === undefined);
  const pool = atQuarter.length > 0 ? atQuarter : findings;
  let worst: SheetFinding | undefined;
  let rank = SEVERITY.length;
  for (const f of pool) {
    const status = statusOf(f);
    const r = SEVERITY.indexOf(status);
    if (STATUS[status].scope === 'value' && r < rank) {
      worst = f;
      rank = r;
    }
  }
  if (!worst) return '<td class="s-none"></td>';
  const status = statusOf(worst);
  const indicator = set.indicators.find((i) => i.id === worst?.indicatorId);
  const value =
    'value' in worst && typeof worst.value === 'number' && indicator
      ? formatInUnit(worst.value, indicator.unit, locale)
      : '';
  const title = findings
    .map((f) => `${f.cell ? `${f.cell}: ` : ''}${findingWords(f, sheet, locale)}`)
    .join('\n');
  const word = statusWord(status, locale);
  return `<td class="s-${status}" title="${esc(title, true)}"><span class="sym" aria-hidden="true">${STATUS[status].symbol}</span> ${esc(value)}<span class="sr">${esc(word)}</span></td>`;
}

function css(): string {
  // The colours of the marks and the pane (status.ts), one class per status.
  const rules = [...PAGE_STATUSES.map((s) => [s, STATUS[s]] as const), ['none', NONE] as const]
    .map(([s, v]) => `.s-${s}{background:${v.fill};color:${v.font}}`)
    .join('');
  return `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:24px;color:#212529;max-width:1400px;overflow-wrap:anywhere}
/* an absurdly long unit, file or indicator name wraps (inherited by every cell and header) */
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dee2e6;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#6c757d;margin:0 0 16px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #dee2e6;padding:4px 6px;vertical-align:top}
th{background:#f8f9fa;text-align:left;font-weight:600}
.heat td{text-align:center;white-space:nowrap;min-width:56px}.heat th.unit,.heat td.unit{text-align:left;white-space:normal;min-width:180px}
.heat thead th{writing-mode:initial;font-size:12px}
.sym{font-weight:700}.sr{position:absolute;left:-9999px}
.legend span{display:inline-block;padding:2px 8px;margin:0 6px 6px 0;border-radius:3px}
ul.below li{margin:2px 0}.err{color:#842029}.small{color:#6c757d;font-size:12px}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}
ul.notices{margin:4px 0 8px;padding-left:20px}ul.notices li{margin:2px 0}.hidden-sheet{color:#6c757d;font-weight:400}
${rules}
@media print{details{display:block}summary{display:none}}
`;
}

/**
 * The page runs no script, loads nothing (no image, font or stylesheet: system fonts, symbols
 * as text) and submits nothing: so nothing is allowed but its one <style> element, by its hash
 * (not 'unsafe-inline': no style attribute or injected <style> applies either). base-uri and
 * form-action do not fall back to default-src, so they are closed too.
 */
export function contentSecurityPolicy(style: string): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

/** The heat map's cells, the units below and the altered targets of one row, by indicator. */
interface RowFindings {
  readonly byIndicator: ReadonlyMap<string | undefined, readonly SheetFinding[]>;
  readonly below: ReadonlyMap<string | undefined, readonly SheetFinding[]>;
}

function findingsOf(sheet: SheetReport): RowFindings {
  const byIndicator = new Map<string | undefined, SheetFinding[]>();
  const below = new Map<string | undefined, SheetFinding[]>();
  for (const f of sheet.findings) {
    const list = byIndicator.get(f.indicatorId);
    if (list === undefined) byIndicator.set(f.indicatorId, [f]);
    else list.push(f);
    if (f.code === 'below-minimum') {
      const under = below.get(f.indicatorId);
      if (under === undefined) below.set(f.indicatorId, [f]);
      else under.push(f);
    }
  }
  return { byIndicator, below };
}

const NO_FINDINGS: readonly SheetFinding[] = [];

/**
 * A checked sheet as the units it reports on: itself for an annex (one unit per sheet); for a
 * unit table (one row per unit, its findings naming their unit) one sheet per unit, with that
 * unit's name, level and findings — a unit row of the report beside the units that sent annexes.
 * The sheet's notices go with its first unit.
 */
function perUnit(sheet: SheetReport): SheetReport[] {
  const byRow = new Map<number, SheetFinding[]>();
  for (const f of sheet.findings) {
    if (!f.forUnit) continue;
    const list = byRow.get(f.forUnit.row);
    if (list === undefined) byRow.set(f.forUnit.row, [f]);
    else list.push(f);
  }
  if (byRow.size === 0) return [sheet];
  const out: SheetReport[] = [];
  for (const findings of byRow.values()) {
    const unit = (findings[0] as SheetFinding).forUnit as NonNullable<SheetFinding['forUnit']>;
    const context = { ...sheet.context, unitName: unit.name };
    out.push({
      ...sheet,
      context: unit.level === undefined ? context : { ...context, level: unit.level },
      findings,
      notices: out.length === 0 ? sheet.notices : [],
    });
  }
  return out;
}

/** " [trang tính ẩn]" after the name of a hidden sheet that was checked (--include-hidden). */
function hiddenLabel(sheet: SheetReport, locale: Locale): string {
  return sheet.hidden
    ? ` <span class="hidden-sheet">[${esc(skipWords('hidden', locale))}]</span>`
    : '';
}

/**
 * The page, piece by piece, in order: its text is the pieces joined (`htmlReport`), written as
 * they come by `writeHtmlReport` (a consolidated sheet's page is tens of MB: it is never one
 * string). A heat-map cell's tooltip is the one piece as long as its indicator's findings.
 */
export function* htmlPieces(files: readonly FileReport[], o: HtmlOptions): Generator<string> {
  const { t, locale } = o;
  const unsorted: UnitRow[] = [];
  // One unit, one name: its spellings ("Sở Tư pháp", "SỞ TƯ PHÁP", "Sở Tư Pháp") share a key
  // (`unitKey`); its sheets are listed together, under the name first seen.
  const unitNames = new Map<string, string>();
  const firstOfKey = new Map<string, number>();
  const order = new Map<UnitRow, number>();
  for (const file of files) {
    for (const checked of file.sheets) {
      if (checked.status !== 'checked') continue;
      for (const sheet of perUnit(checked)) {
        const named = sheet.context.unitName;
        const key = named === undefined ? undefined : unitKey(named);
        if (key !== undefined && !unitNames.has(key)) {
          unitNames.set(key, named as string);
          firstOfKey.set(key, unsorted.length);
        }
        const row: UnitRow = {
          file,
          sheet,
          unit:
            (key === undefined ? undefined : unitNames.get(key)) ??
            `${safeName(file.file)} › ${safeName(sheet.sheet)}`,
        };
        order.set(row, key === undefined ? unsorted.length : (firstOfKey.get(key) as number));
        unsorted.push(row);
      }
    }
  }
  // Stable: sheets keep their order within a unit, and units the order they first appear in.
  const rows = unsorted
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => (order.get(a) as number) - (order.get(b) as number) || i - j)
    .map(([r]) => r);
  const bySet = new Map<string, UnitRow[]>();
  for (const r of rows) {
    const id = r.sheet.context.targetSetId ?? '?';
    const list = bySet.get(id);
    if (list === undefined) bySet.set(id, [r]);
    else list.push(r);
  }

  const style = css();
  yield `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(style)}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.report.title)}</title><style>${style}</style></head>
<body>
`;
  // The page's parts, one line break between two.
  let parts = 0;
  const part = () => (parts++ === 0 ? '' : '\n');

  yield `${part()}<h1>${esc(t.report.title)}</h1>`;
  yield `${part()}<p class="meta">${esc(t.report.generated(o.generatedAt.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')))}</p>`;
  const legend = PAGE_STATUSES.map(
    (s) => `<span class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(statusWord(s, locale))}</span>`,
  ).join('');
  yield `${part()}<p class="legend"><b>${esc(t.report.legend)}:</b> ${legend}</p>`;

  for (const [setId, unitRows] of bySet) {
    const set = o.targetSets.get(setId);
    if (!set) continue;
    const quarters = [...new Set(unitRows.map((r) => r.sheet.context.quarter))].filter(
      Boolean,
    ) as Quarter[];
    const qText = quarters.map((q) => quarterName(q, locale)).join(', ');
    yield `${part()}<h2>${esc(t.report.heatmap)} — ${esc(set.title)} (${esc(qText)})</h2>`;
    yield `${part()}<p class="small">${esc(t.report.heatmapNote)}</p>`;
    const head = set.indicators
      .map(
        (i) =>
          `<th title="${esc(i.name)}" scope="col">${esc(i.stt)}<br><span class="small">${esc(indicatorName(i, locale))}</span></th>`,
      )
      .join('');
    yield `${part()}<table class="heat"><thead><tr><th class="unit" scope="col">${esc(t.report.unit)}</th>${head}</tr></thead><tbody>`;
    const found = new Map<UnitRow, RowFindings>();
    for (const [k, r] of unitRows.entries()) {
      const of = findingsOf(r.sheet);
      found.set(r, of);
      yield `${k === 0 ? '' : '\n'}<tr><th class="unit" scope="row">${esc(r.unit)}<br><span class="small">${esc(safeName(r.file.file))}${hiddenLabel(r.sheet, locale)}</span></th>`;
      for (const i of set.indicators)
        yield heatCell(
          of.byIndicator.get(i.id) ?? NO_FINDINGS,
          r.sheet,
          set,
          r.sheet.context.quarter,
          locale,
        );
      yield '</tr>';
    }
    yield '</tbody></table>';

    // Units below each indicator's minimum, as the office's letters list them: "Sở Y tế (61,2%/75%)".
    yield `${part()}<h3>${esc(t.report.unitsBelow)}</h3>`;
    let listed = false;
    for (const ind of set.indicators) {
      let first = true;
      for (const r of unitRows) {
        for (const f of found.get(r)?.below.get(ind.id) ?? NO_FINDINGS) {
          if (f.code !== 'below-minimum') continue;
          if (first) {
            yield `${listed ? '' : `${part()}<ul class="below">`}<li><b>${esc(ind.stt)}. ${esc(indicatorName(ind, locale))}</b> — `;
            listed = true;
          }
          const v = formatInUnit(f.value, ind.unit, locale);
          const m = formatInUnit(f.minimum.value, ind.unit, locale);
          yield `${first ? '' : '; '}${esc(r.unit)} (${esc(quarterName(f.quarter, locale))}: <b>${esc(v)}</b>/${esc(m)}, ${esc(f.cell ?? '')})`;
          first = false;
        }
      }
      if (!first) yield '</li>';
    }
    yield listed ? '</ul>' : `${part()}<p>${esc(t.report.noneBelow)}</p>`;

    let altered = false;
    for (const r of unitRows) {
      for (const f of r.sheet.findings) {
        if (f.code !== 'target-mismatch') continue;
        if (!altered) yield `${part()}<h3>${esc(t.report.altered)}</h3><ul>`;
        altered = true;
        yield `<li>${esc(r.unit)} — ${esc(f.cell ?? '')}: ${esc(findingWords(f, r.sheet, locale))}</li>`;
      }
    }
    if (altered) yield '</ul>';
  }

  const failed = files.filter((f) => f.error);
  if (failed.length || o.skipped.length) {
    yield `${part()}<h2>${esc(t.report.filesWithErrors)}</h2><ul>`;
    for (const f of failed)
      yield `${part()}<li class="err">${esc(safeName(f.file))}: ${esc(f.error?.message ?? '')}</li>`;
    for (const s of o.skipped)
      yield `${part()}<li class="small">${esc(safeName(s.path))}: ${esc(s.reason)}</li>`;
    yield `${part()}</ul>`;
  }

  yield `${part()}<h2>${esc(t.report.perFile)}</h2>`;
  for (const r of rows) {
    const issues = r.sheet.findings.filter((f) => STATUS[statusOf(f)].needsReview);
    const counts = countByStatus(r.sheet.findings);
    const summary = SEVERITY.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${statusWord(s, locale)}`)
      .join(', ');
    yield `${part()}<details open><summary>${esc(r.unit)} — ${esc(safeName(r.file.file))} › ${esc(safeName(r.sheet.sheet))}${hiddenLabel(r.sheet, locale)}: ${esc(summary)}</summary>`;
    // The sheet's notices, by its summary, before its findings.
    const notices = r.sheet.notices ?? [];
    if (notices.length) {
      yield `<ul class="notices" aria-label="${esc(t.report.notices)}">`;
      for (const n of notices)
        yield `<li class="notice notice-${esc(n.code)}"><b aria-hidden="true">ℹ</b> ${esc(noticeWords(n, r.sheet, locale))}</li>`;
      yield '</ul>';
    }
    if (issues.length) {
      yield `<table><thead><tr><th>${esc(t.columns.cell)}</th><th>${esc(t.columns.indicator)}</th><th>${esc(t.columns.result)}</th></tr></thead><tbody>`;
      for (const f of issues) {
        const s = statusOf(f);
        yield `<tr><td>${esc(f.cell ?? '')}</td><td>${esc(f.indicatorId ?? '')}</td><td class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(findingWords(f, r.sheet, locale))}</td></tr>`;
      }
      yield '</tbody></table>';
    }
    yield '</details>';
  }

  // Sheets not checked (hidden ones), each with its reason.
  let notChecked = false;
  for (const file of files)
    for (const sheet of file.sheets) {
      if (sheet.status !== 'skipped') continue;
      if (!notChecked) yield `${part()}<h3>${esc(t.report.notChecked)}</h3><ul class="skipped">`;
      notChecked = true;
      yield `<li class="small">${esc(safeName(file.file))} › ${esc(safeName(sheet.sheet))}: ${esc(skipWords(sheet.reason ?? 'hidden', locale))}</li>`;
    }
  if (notChecked) yield '</ul>';

  yield '\n</body>\n</html>\n';
}

export function htmlReport(files: readonly FileReport[], o: HtmlOptions): string {
  return [...htmlPieces(files, o)].join('');
}

/** Writes the page in pieces of about 16,000 characters, waiting for each write. */
export async function writeHtmlReport(
  files: readonly FileReport[],
  o: HtmlOptions,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  await writeInPieces(htmlPieces(files, o), write);
}
