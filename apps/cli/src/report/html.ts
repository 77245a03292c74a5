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
} from '@chitieu/engine';
import type { CliText } from '../i18n.js';
import type { FileReport, SheetReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';

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
  const title = findings.map((f) => `${f.cell ? `${f.cell}: ` : ''}${f.message}`).join('\n');
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

export function htmlReport(files: readonly FileReport[], o: HtmlOptions): string {
  const { t, locale } = o;
  const rows: UnitRow[] = [];
  for (const file of files) {
    for (const sheet of file.sheets) {
      if (sheet.status !== 'checked') continue;
      rows.push({
        file,
        sheet,
        unit: sheet.context.unitName ?? `${safeName(file.file)} › ${safeName(sheet.sheet)}`,
      });
    }
  }
  const bySet = new Map<string, UnitRow[]>();
  for (const r of rows) {
    const id = r.sheet.context.targetSetId ?? '?';
    bySet.set(id, [...(bySet.get(id) ?? []), r]);
  }

  const parts: string[] = [];
  parts.push(`<h1>${esc(t.report.title)}</h1>`);
  parts.push(
    `<p class="meta">${esc(t.report.generated(o.generatedAt.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')))}</p>`,
  );
  const legend = PAGE_STATUSES.map(
    (s) => `<span class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(statusWord(s, locale))}</span>`,
  ).join('');
  parts.push(`<p class="legend"><b>${esc(t.report.legend)}:</b> ${legend}</p>`);

  for (const [setId, unitRows] of bySet) {
    const set = o.targetSets.get(setId);
    if (!set) continue;
    const quarters = [...new Set(unitRows.map((r) => r.sheet.context.quarter))].filter(
      Boolean,
    ) as Quarter[];
    const qText = quarters.map((q) => quarterName(q, locale)).join(', ');
    parts.push(`<h2>${esc(t.report.heatmap)} — ${esc(set.title)} (${esc(qText)})</h2>`);
    parts.push(`<p class="small">${esc(t.report.heatmapNote)}</p>`);
    const head = set.indicators
      .map(
        (i) =>
          `<th title="${esc(i.name)}" scope="col">${esc(i.stt)}<br><span class="small">${esc(indicatorName(i, locale))}</span></th>`,
      )
      .join('');
    const body = unitRows
      .map((r) => {
        const cells = set.indicators
          .map((i) =>
            heatCell(
              r.sheet.findings.filter((f) => f.indicatorId === i.id),
              set,
              r.sheet.context.quarter,
              locale,
            ),
          )
          .join('');
        return `<tr><th class="unit" scope="row">${esc(r.unit)}<br><span class="small">${esc(safeName(r.file.file))}</span></th>${cells}</tr>`;
      })
      .join('\n');
    parts.push(
      `<table class="heat"><thead><tr><th class="unit" scope="col">${esc(t.report.unit)}</th>${head}</tr></thead><tbody>${body}</tbody></table>`,
    );

    // Units below each indicator's minimum, as the office's letters list them: "Sở Y tế (61,2%/75%)".
    parts.push(`<h3>${esc(t.report.unitsBelow)}</h3>`);
    const items: string[] = [];
    for (const ind of set.indicators) {
      const below: string[] = [];
      for (const r of unitRows) {
        for (const f of r.sheet.findings) {
          if (f.code !== 'below-minimum' || f.indicatorId !== ind.id) continue;
          const v = formatInUnit(f.value, ind.unit, locale);
          const m = formatInUnit(f.minimum.value, ind.unit, locale);
          below.push(
            `${esc(r.unit)} (${esc(quarterName(f.quarter, locale))}: <b>${esc(v)}</b>/${esc(m)}, ${esc(f.cell ?? '')})`,
          );
        }
      }
      if (below.length)
        items.push(
          `<li><b>${esc(ind.stt)}. ${esc(indicatorName(ind, locale))}</b> — ${below.join('; ')}</li>`,
        );
    }
    parts.push(
      items.length
        ? `<ul class="below">${items.join('')}</ul>`
        : `<p>${esc(t.report.noneBelow)}</p>`,
    );

    const altered: string[] = [];
    for (const r of unitRows) {
      for (const f of r.sheet.findings) {
        if (f.code === 'target-mismatch')
          altered.push(`<li>${esc(r.unit)} — ${esc(f.cell ?? '')}: ${esc(f.message)}</li>`);
      }
    }
    if (altered.length) parts.push(`<h3>${esc(t.report.altered)}</h3><ul>${altered.join('')}</ul>`);
  }

  const failed = files.filter((f) => f.error);
  if (failed.length || o.skipped.length) {
    parts.push(`<h2>${esc(t.report.filesWithErrors)}</h2><ul>`);
    for (const f of failed)
      parts.push(`<li class="err">${esc(safeName(f.file))}: ${esc(f.error?.message ?? '')}</li>`);
    for (const s of o.skipped)
      parts.push(`<li class="small">${esc(safeName(s.path))}: ${esc(s.reason)}</li>`);
    parts.push('</ul>');
  }

  parts.push(`<h2>${esc(t.report.perFile)}</h2>`);
  for (const r of rows) {
    const issues = r.sheet.findings.filter((f) => STATUS[statusOf(f)].needsReview);
    const counts = countByStatus(r.sheet.findings);
    const summary = SEVERITY.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${statusWord(s, locale)}`)
      .join(', ');
    const table = issues.length
      ? `<table><thead><tr><th>${esc(t.columns.cell)}</th><th>${esc(t.columns.indicator)}</th><th>${esc(t.columns.result)}</th></tr></thead><tbody>${issues
          .map((f) => {
            const s = statusOf(f);
            return `<tr><td>${esc(f.cell ?? '')}</td><td>${esc(f.indicatorId ?? '')}</td><td class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(f.message)}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '';
    parts.push(
      `<details open><summary>${esc(r.unit)} — ${esc(safeName(r.file.file))} › ${esc(safeName(r.sheet.sheet))}: ${esc(summary)}</summary>${table}</details>`,
    );
  }

  const style = css();
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(style)}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.report.title)}</title><style>${style}</style></head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
