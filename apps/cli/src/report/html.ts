/**
 * The consolidated report: one self-contained HTML page that opens offline. Per target set, the
 * units × indicators matrix of the engine (`unitsMatrix`: one row per unit over every quarter
 * checked), the units below each indicator's minimum (as the office's own letters list them),
 * and per-file findings with their cells. Status is never told by colour alone: every cell
 * carries a symbol and the legend names each.
 *
 * The matrix sorts without script (the page's CSP allows none): each set has one radio button
 * per sort key (unit name, indicators not met, each indicator), visually hidden, before the
 * sort bar and the table; clicking a key's label (in the sort bar, or a column's header) checks
 * it. On screen the table is a CSS grid (rows `display: contents`), so each row's cells can be
 * given an `order`: the style sheet holds, per set, one rule per key and unit row
 * (`#k0-3:checked~.mx tbody>:nth-child(7)>*{order:2}`) — units × keys short rules, tens of KB
 * for a hundred units, where pre-sorted copies of the table would be megabytes. The unit-name
 * order is the document's own and needs no rule. In print the table is a real table again (its
 * header repeats on each page, rows are not cut) in the document's order, by unit name.
 */

import {
  formatInUnit,
  type Indicator,
  type IndicatorCell,
  indicatorName,
  indicatorTally,
  type Locale,
  levelName,
  localized,
  type QuarterCell,
  quarterName,
  SEVERITY,
  type SetMatrix,
  type SheetFinding,
  type SheetNotice,
  STATUS,
  type Status,
  statusOf,
  statusWord,
  type TargetSet,
  type UnitRow,
  type UnitsMatrix,
  unitsMatrix,
} from '@chitieu/engine';
import { escapeXml } from '@chitieu/xlsx';
import { nodeCrypto } from '../builtins.js';
import type { CliText } from '../i18n.js';
import type { FileReport, SheetReport } from '../run-check.js';
import { safeName, safeText } from '../safe-text.js';
import { writeInPieces } from './pieces.js';
import { type SheetPart, sheetParts } from './sheet-parts.js';
import { setsOf, submissionsOf } from './units.js';
import { findingWords, noticeWords, skipWords } from './words.js';

/** The statuses a page can show (a sheet that is not an annex has no row), the worst first. */
const PAGE_STATUSES: readonly Status[] = SEVERITY.filter((s) => STATUS[s].scope !== 'sheet');

/** A heat-map cell with no finding. */
const NONE = { fill: '#FFFFFF', font: '#495057' };

/**
 * Text for the page: first made safe (safe-text.ts: no control characters, escape sequences or
 * bidi controls; line breaks only where asked, as in a tooltip), then HTML-escaped.
 */
const KEEP_LINE_BREAKS = { lineBreaks: true } as const;
const NO_LINE_BREAKS = { lineBreaks: false } as const;

/** Safe text with & < > " as entities: one pass, and none for text without them (most). */
function esc(text: string, lineBreaks = false): string {
  const safe = safeText(text, lineBreaks ? KEEP_LINE_BREAKS : NO_LINE_BREAKS);
  return escapeXml(safe);
}

export interface HtmlOptions {
  readonly t: CliText;
  readonly locale: Locale;
  readonly generatedAt: Date;
  readonly targetSets: ReadonlyMap<string, TargetSet>;
  readonly skipped: readonly { path: string; reason: string }[];
  /** The run's matrix, when the caller made it already (the run makes it once for every report). */
  readonly matrix?: UnitsMatrix;
}

/**
 * One unit's part of a checked sheet (sheet-parts.ts): the whole sheet for an annex; one row of a
 * unit table (its findings naming their unit), with that unit's name. The sheet's notices go
 * with its first part.
 */
interface Part extends Place, SheetPart {
  readonly file: FileReport;
  readonly sheet: SheetReport;
  readonly notices: readonly SheetNotice[];
}

/** Where a unit is in its sheet: a unit table's row; and its group's column, for units side by side. */
interface Place {
  readonly row?: number;
  readonly column?: number;
}

/**
 * The sheet's parts; the finding of each matrix quarter `wanted` by the part's key (and then by
 * indicator id) goes to `found`.
 */
function partsOf(
  file: FileReport,
  sheet: SheetReport,
  wanted: ReadonlyMap<string, ReadonlyMap<string, readonly QuarterCell[]>>,
  found: Map<QuarterCell, SheetFinding>,
): Part[] {
  const units = sheetParts(
    sheet.findings,
    (unit) => wanted.get(partKey(file.file, sheet.sheet, unit)),
    found,
  );
  return units.map((p, i) => ({
    ...p,
    file,
    sheet,
    ...(p.unit !== undefined ? { row: p.unit.row } : {}),
    ...(p.unit?.column !== undefined ? { column: p.unit.column } : {}),
    notices: i === 0 ? sheet.notices : [],
  }));
}

const partKey = (file: string, sheet: string, at?: Place) =>
  `${file}\u0000${sheet}\u0000${at?.row ?? ''}:${at?.column ?? ''}`;

/**
 * A value as typed, for one the check could not read in its indicator's unit ("11,3/18", 0,86 of
 * a mixed column): in quotes, a number with the locale's decimal mark, never as a percentage.
 */
function asTyped(raw: string | number | boolean | null, locale: Locale): string {
  if (raw === null) return '—';
  const text =
    typeof raw === 'number'
      ? raw.toLocaleString(locale === 'en' ? 'en-US' : 'vi-VN', {
          maximumFractionDigits: 10,
          useGrouping: false,
        })
      : String(raw);
  return `“${text}”`;
}

/** " [trang tính ẩn]" after the name of a hidden sheet that was checked (--include-hidden). */
function hiddenLabel(hidden: boolean | undefined, locale: Locale): string {
  return hidden ? ` <span class="hidden-sheet">[${esc(skipWords('hidden', locale))}]</span>` : '';
}

/** "3. Hồ sơ trực tuyến": an indicator's number and short name, as every place of the page shows it. */
function indicatorLabel(ind: Indicator, locale: Locale): string {
  return `${ind.stt}. ${indicatorName(ind, locale)}`;
}

function css(matrixRules: string, columnCounts: ReadonlySet<number>, spans: ReadonlySet<number>) {
  // The colours of the marks and the pane (status.ts), one class per status.
  const rules = [...PAGE_STATUSES.map((s) => [s, STATUS[s]] as const), ['none', NONE] as const]
    .map(([s, v]) => `.s-${s}{background:${v.fill};color:${v.font}}`)
    .join('');
  // On screen the matrix is a grid: the unit column, the totals, then one column per indicator.
  const grids = [...columnCounts]
    .sort((a, b) => a - b)
    .map(
      (n) =>
        `.mx table.n${n}{grid-template-columns:minmax(130px,200px) minmax(48px,auto) repeat(${n},minmax(58px,1fr))}`,
    )
    .join('');
  const spanRules = [...spans]
    .sort((a, b) => a - b)
    .map((n) => `.mx .span${n}{grid-column:span ${n}}`)
    .join('');
  return `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:24px;color:#212529;max-width:1400px;overflow-wrap:anywhere}
/* an absurdly long unit, file or indicator name wraps (inherited by every cell and header) */
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dee2e6;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#6c757d;margin:0 0 16px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #dee2e6;padding:4px 6px;vertical-align:top}
th{background:#f8f9fa;text-align:left;font-weight:600}
.heat td{text-align:center;min-width:56px}.heat th.unit,.heat td.unit{text-align:left;white-space:normal;min-width:150px}
.heat thead th{font-size:12px;font-weight:600;padding:3px 4px}.heat th.grp{text-align:center}
.heat td{overflow-wrap:normal;font-size:13px;padding:3px 4px}.heat .q{display:block;font-size:11px;line-height:1.25;margin-top:2px}
.heat .tally{display:block;font-weight:400;color:#495057}.heat td.tot{font-weight:700}.heat td.tot .small{display:block;font-weight:400}
.heat th label{cursor:pointer;display:block}
.sym{font-weight:700}.sr{position:absolute;left:-9999px}
.legend span{display:inline-block;padding:2px 8px;margin:0 6px 6px 0;border-radius:3px}
ul.below li{margin:2px 0}.err{color:#842029}.small{color:#6c757d;font-size:12px}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}
ul.notices{margin:4px 0 8px;padding-left:20px}ul.notices li{margin:2px 0}.hidden-sheet,.superseded{color:#6c757d;font-weight:400}
.sortkey{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.sortbar{margin:4px 0;font-size:12px}.sortbar label{display:inline-block;border:1px solid #adb5bd;border-radius:3px;padding:0 6px;margin:0 4px 4px 0;cursor:pointer}
${rules}
@media screen{
.mx{overflow:auto;max-height:85vh;border:1px solid #dee2e6;margin:6px 0 12px}
.mx table.heat{display:grid;margin:0}.mx .heat th,.mx .heat td{min-width:0}.mx .heat thead,.mx .heat tbody,.mx .heat tr{display:contents}.mx .heat colgroup{display:none}
.mx .heat tr.names th{position:sticky;top:0;z-index:2;box-shadow:0 1px 0 #adb5bd}
.mx .heat .unit{position:sticky;left:0;z-index:1;background:#fff}.mx .heat th.unit{background:#f8f9fa}.mx .heat tr.names th.unit{z-index:3}
${grids}${spanRules}
${matrixRules}
}
.print-only{display:none}
@page{size:A4 landscape;margin:8mm}
@media print{
body{margin:0;max-width:none;font-size:10px}
details{display:block}summary{display:none}.sortbar,.sortkey{display:none}.print-only{display:block}
.heat{width:100%;table-layout:fixed;font-size:7px;line-height:1.2}
.heat th,.heat td{padding:1px 2px;min-width:0}.heat td{min-width:0}.heat th.unit,.heat td.unit{min-width:0}
.heat thead th{font-size:7px}.heat .q{font-size:6px}.heat .small{font-size:6px}
.heat col.c-unit{width:12%}.heat col.c-tot{width:3.5%}
.heat thead{display:table-header-group}.heat tr{break-inside:avoid}
.s-none,td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
}

/**
 * The page runs no script, loads nothing (no image, font or stylesheet: system fonts, symbols
 * as text) and submits nothing: so nothing is allowed but its one <style> element, by its hash
 * (not 'unsafe-inline': no style attribute or injected <style> applies either). base-uri and
 * form-action do not fall back to default-src, so they are closed too.
 */
export function contentSecurityPolicy(style: string): string {
  const hash = nodeCrypto().createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

/** One set's matrix as the page shows it: its set, its columns and its rows in the page's order. */
interface SetView {
  readonly index: number;
  readonly matrix: SetMatrix;
  readonly set: TargetSet;
  readonly indicators: readonly Indicator[];
  /** By unit name (the document's order). */
  readonly rows: readonly UnitRow[];
}

const RANK: ReadonlyMap<Status, number> = new Map(SEVERITY.map((s, i) => [s, i]));

/** The quarter a cell's worst status comes from: the latest quarter with that status. */
function worstQuarter(cell: IndicatorCell): QuarterCell | undefined {
  let at: QuarterCell | undefined;
  for (const q of cell.quarters) if (q.status === cell.status) at = q;
  return at;
}

/** The row order of one sort key: positions (1-based) of the rows, by document index. */
function sortedBy(rows: readonly UnitRow[], compare: (a: UnitRow, b: UnitRow) => number): number[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => compare(a, b) || i - j)
    .map(([, i]) => i);
}

/** The sort rules of a set: per key other than the unit name, each row's place. */
function sortRules(view: SetView): string {
  const { rows, index } = view;
  const keys: [string, number[]][] = [
    [
      'f',
      sortedBy(
        rows,
        (a, b) =>
          b.failing - a.failing ||
          (b.counts['below-minimum'] ?? 0) - (a.counts['below-minimum'] ?? 0),
      ),
    ],
  ];
  view.indicators.forEach((ind, k) => {
    const lower = ind.direction === 'lower-is-better';
    const rankOf = (r: UnitRow) => {
      const c = r.indicators[ind.id];
      return c === undefined ? SEVERITY.length + 1 : (RANK.get(c.status) ?? SEVERITY.length);
    };
    const worstValue = (r: UnitRow) => {
      const c = r.indicators[ind.id];
      const v = c === undefined ? undefined : worstQuarter(c)?.value;
      return v === null || v === undefined ? Number.NEGATIVE_INFINITY : lower ? -v : v;
    };
    keys.push([
      String(k),
      sortedBy(rows, (a, b) => rankOf(a) - rankOf(b) || worstValue(a) - worstValue(b)),
    ]);
  });
  const out: string[] = [];
  for (const [key, order] of keys) {
    const sel = `#k${index}-${key}`;
    out.push(
      `${sel}:checked~.sortbar label[for="k${index}-${key}"],${sel}:checked~.mx label[for="k${index}-${key}"]{text-decoration:underline;font-weight:700}`,
    );
    order.forEach((rowIndex, place) => {
      out.push(`${sel}:checked~.mx tbody>:nth-child(${rowIndex + 1})>*{order:${place + 1}}`);
    });
  }
  out.push(
    `#k${index}-u:checked~.sortbar label[for="k${index}-u"]{text-decoration:underline;font-weight:700}`,
  );
  for (const key of ['u', ...keys.map(([k]) => k)])
    out.push(
      `#k${index}-${key}:focus-visible~.sortbar label[for="k${index}-${key}"],#k${index}-${key}:focus-visible~.mx label[for="k${index}-${key}"]{outline:2px solid #0d6efd}`,
    );
  return out.join('\n');
}

/**
 * A part's issues from `from` on, ROWS_A_PIECE of them, as one piece: each made again from the
 * sheet's list, one at a time (never all held). A consolidated sheet has hundreds of thousands:
 * a row a piece made the page's generator, hundreds of lines, hot enough for V8 to optimise it
 * several times, and that took ~30 MB at the peak of the 20,000-row sheet's page.
 */
const ROWS_A_PIECE = 64;

function issueRows(p: Part, set: TargetSet | undefined, locale: Locale, from: number): string {
  const { sheet, issues } = p;
  const to = Math.min(from + ROWS_A_PIECE, issues.length);
  let out = '';
  for (let k = from; k < to; k++) {
    const f = sheet.findings.at(issues[k] as number) as SheetFinding;
    const s = statusOf(f);
    const ind =
      f.indicatorId === undefined ? undefined : set?.indicators.find((i) => i.id === f.indicatorId);
    const named = ind ? indicatorLabel(ind, locale) : (f.indicatorId ?? '');
    out += `<tr><td>${esc(f.cell ?? '')}</td><td>${esc(named)}</td><td class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(findingWords(f, sheet, locale))}</td></tr>`;
  }
  return out;
}

/**
 * The page, piece by piece, in order: its text is the pieces joined (`htmlReport`), written as
 * they come by `writeHtmlReport` (a consolidated sheet's page is tens of MB: it is never one
 * string). A matrix cell's tooltip is the one piece as long as its quarters' findings.
 */
export function* htmlPieces(files: readonly FileReport[], o: HtmlOptions): Generator<string> {
  const { t, locale } = o;
  const collator = new Intl.Collator(locale === 'en' ? 'en' : 'vi', { sensitivity: 'base' });

  const sets = new Map(o.targetSets);
  for (const [id, set] of setsOf(files)) if (!sets.has(id)) sets.set(id, set);
  const matrix = o.matrix ?? unitsMatrix(submissionsOf(files), sets);

  // The part a matrix quarter's finding is in: its unit's first submission in its file and sheet.
  const quarterKey = (r: UnitRow, q: QuarterCell) =>
    partKey(
      q.file,
      q.sheet,
      r.files.find((s) => s.file === q.file && s.sheet === q.sheet),
    );
  // Every matrix quarter, by its part's key and indicator: its finding is found as the part is made.
  const wanted = new Map<string, Map<string, QuarterCell[]>>();
  for (const m of matrix.sets)
    for (const r of m.units)
      for (const [id, cell] of Object.entries(r.indicators))
        for (const q of cell.quarters) {
          const key = quarterKey(r, q);
          let byIndicator = wanted.get(key);
          if (byIndicator === undefined) {
            byIndicator = new Map();
            wanted.set(key, byIndicator);
          }
          const list = byIndicator.get(id);
          if (list === undefined) byIndicator.set(id, [q]);
          else list.push(q);
        }
  const found = new Map<QuarterCell, SheetFinding>();

  // Every checked sheet as the units it reports on, by file › sheet › row.
  const parts = new Map<string, Part>();
  for (const file of files)
    for (const sheet of file.sheets) {
      if (sheet.status !== 'checked') continue;
      for (const p of partsOf(file, sheet, wanted, found))
        parts.set(partKey(file.file, sheet.sheet, p), p);
    }

  const nameOf = (r: UnitRow): string => {
    if (r.unit !== null) return r.unit;
    const first = r.files[0];
    return first === undefined ? r.key : `${safeName(first.file)} › ${safeName(first.sheet)}`;
  };
  const views: SetView[] = matrix.sets.map((m, index) => {
    const set = sets.get(m.targetSetId) as TargetSet;
    const byId = new Map(set.indicators.map((i) => [i.id, i]));
    const indicators = m.sections.flatMap((s) =>
      s.indicatorIds.map((id) => byId.get(id) as Indicator),
    );
    const rows = [...m.units]
      .map((r, i) => [r, i] as const)
      .sort(([a, i], [b, j]) => collator.compare(nameOf(a), nameOf(b)) || i - j)
      .map(([r]) => r);
    return { index, matrix: m, set, indicators, rows };
  });

  const columnCounts = new Set(views.map((v) => v.indicators.length));
  const spans = new Set<number>([2]);
  for (const v of views)
    if (v.matrix.sections.length > 1)
      for (const s of v.matrix.sections) spans.add(s.indicatorIds.length);
  const style = css(views.map(sortRules).join('\n'), columnCounts, spans);
  yield `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(style)}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.report.title)}</title><style>${style}</style></head>
<body>
`;
  // The page's parts, one line break between two.
  let count = 0;
  const part = () => (count++ === 0 ? '' : '\n');

  yield `${part()}<h1>${esc(t.report.title)}</h1>`;
  yield `${part()}<p class="meta">${esc(t.report.generated(o.generatedAt.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')))}</p>`;
  const legend = PAGE_STATUSES.map(
    (s) => `<span class="s-${s}"><b>${STATUS[s].symbol}</b> ${esc(statusWord(s, locale))}</span>`,
  ).join('');
  yield `${part()}<p class="legend"><b>${esc(t.report.legend)}:</b> ${legend}</p>`;

  /** "a.xlsx", or "a.xlsx › Phụ lục" when the unit has another submission in the same file. */
  const sourceName = (r: UnitRow, file: string, sheet: string): string => {
    const same = [...r.files, ...r.superseded].filter((s) => s.file === file).length;
    return same > 1 ? `${safeName(file)} › ${safeName(sheet)}` : safeName(file);
  };
  const isHidden = (file: string, sheet: string, at?: Place) =>
    parts.get(partKey(file, sheet, at))?.sheet.hidden === true;

  for (const view of views) {
    const { set, indicators, rows, index } = view;
    const m = view.matrix;
    const many = m.quarters.length > 1;
    const qText = m.quarters.map((q) => quarterName(q, locale)).join(', ');
    yield `${part()}<h2>${esc(t.report.heatmap)} — ${esc(localized(set, 'title', locale))} (${esc(qText)})</h2>`;
    yield `${part()}<p class="small">${esc(t.report.heatmapNote)}</p>`;

    // The sort keys: radio buttons before the sort bar and the matrix (see the top of the file).
    const keys: [string, string][] = [
      ['u', t.report.sortUnit],
      ['f', t.report.sortFailing],
      ...indicators.map((ind, k): [string, string] => [String(k), indicatorLabel(ind, locale)]),
    ];
    yield `${part()}${keys
      .map(
        ([k, label], i) =>
          `<input type="radio" class="sortkey" name="k${index}" id="k${index}-${k}" aria-label="${esc(`${t.report.sortBy}: ${label}`)}"${i === 0 ? ' checked' : ''}>`,
      )
      .join('')}`;
    yield `<div class="sortbar" aria-hidden="true">${esc(t.report.sortBy)}: ${keys
      .slice(0, 2)
      .map(([k, label]) => `<label for="k${index}-${k}">${esc(label)}</label>`)
      .join('')}</div>`;

    const n = indicators.length;
    yield `<div class="mx"><table class="heat n${n}"><colgroup><col class="c-unit"><col class="c-tot"><col span="${n}"></colgroup><thead>`;
    if (m.sections.length > 1) {
      const groups = m.sections
        .map((s) => {
          const sec = set.sections.find((x) => x.id === s.id);
          const title = sec ? localized(sec, 'title', locale) : s.id;
          const span = s.indicatorIds.length;
          return `<th class="grp span${span}" colspan="${span}" scope="colgroup">${esc(title)}</th>`;
        })
        .join('');
      yield `<tr class="groups"><th class="corner span2" colspan="2"></th>${groups}</tr>`;
    }
    const head = indicators
      .map((ind, k) => {
        const counts = m.indicatorCounts[ind.id] ?? {};
        const { met, of } = indicatorTally(counts);
        const tally = of > 0 ? `<span class="tally">${esc(t.report.tally(met, of))}</span>` : '';
        return `<th title="${esc(ind.name)}" scope="col"><label for="k${index}-${k}">${esc(indicatorLabel(ind, locale))}</label>${tally}</th>`;
      })
      .join('');
    yield `<tr class="names"><th class="unit" scope="col"><label for="k${index}-u">${esc(t.report.unit)}</label></th><th class="tot" scope="col"><label for="k${index}-f">${esc(t.report.failing)}</label></th>${head}</tr></thead><tbody>`;

    for (const [k, r] of rows.entries()) {
      const sources = r.files
        .map((s) => {
          const quarters =
            r.files.length > 1 && s.quarters.length > 0
              ? ` (${s.quarters.map((q) => quarterName(q, locale)).join(', ')})`
              : '';
          return `${esc(sourceName(r, s.file, s.sheet))}${esc(quarters)}${hiddenLabel(s.hidden, locale)}`;
        })
        .join('; ');
      const replaced = r.superseded
        .map(
          (s) =>
            `<br><span class="small superseded">${esc(t.report.supersedes(sourceName(r, s.file, s.sheet)))}${hiddenLabel(isHidden(s.file, s.sheet, s), locale)}</span>`,
        )
        .join('');
      const level =
        r.level === null
          ? ''
          : `<br><span class="small">${esc(levelName(set, r.level, locale))}</span>`;
      yield `${k === 0 ? '' : '\n'}<tr><th class="unit" scope="row">${esc(nameOf(r))}<br><span class="small">${sources}</span>${replaced}${level}</th>`;
      const failingBy = SEVERITY.filter((s) => STATUS[s].failsCheck && (r.counts[s] ?? 0) > 0)
        .map((s) => `${STATUS[s].symbol} ${r.counts[s]}`)
        .join(' · ');
      yield `<td class="tot">${r.failing}${failingBy ? `<span class="small">${esc(failingBy)}</span>` : ''}</td>`;
      for (const ind of indicators) yield matrixCell(r, ind, many);
      yield '</tr>';
    }
    yield '</tbody></table></div>';
    yield `${part()}<p class="small print-only">${esc(t.report.printOrder)}</p>`;

    // Units below each indicator's minimum, as the office's letters list them: "Sở Y tế (Quý I:
    // 61,2%/75%, F8)" — each quarter once, from the submission the unit's row took it from (a
    // superseded copy's values are not the unit's: its findings are under its file below).
    yield `${part()}<h3>${esc(t.report.unitsBelow)}</h3>`;
    let listed = false;
    for (const ind of indicators) {
      let first = true;
      for (const r of rows) {
        for (const q of r.indicators[ind.id]?.quarters ?? []) {
          if (q.status !== 'below-minimum' && q.status !== 'near-miss') continue;
          if (q.value === null || q.minimum === null) continue;
          if (first) {
            yield `${listed ? '' : `${part()}<ul class="below">`}<li><b>${esc(indicatorLabel(ind, locale))}</b> — `;
            listed = true;
          }
          const v = formatInUnit(q.value, ind.unit, locale);
          const min = formatInUnit(q.minimum, ind.unit, locale);
          yield `${first ? '' : '; '}${esc(nameOf(r))} (${esc(quarterName(q.quarter, locale))}: <b>${esc(v)}</b>/${esc(min)}, ${esc(q.cell ?? '')})`;
          first = false;
        }
      }
      if (!first) yield '</li>';
    }
    yield listed ? '</ul>' : `${part()}<p>${esc(t.report.noneBelow)}</p>`;

    // Targets altered in the sheet, of the submissions whose values the unit's row took.
    let altered = false;
    for (const r of rows)
      for (const s of r.files) {
        const p = parts.get(partKey(s.file, s.sheet, s));
        if (p === undefined) continue;
        for (const f of p.mismatches) {
          if (!altered) yield `${part()}<h3>${esc(t.report.altered)}</h3><ul>`;
          altered = true;
          yield `<li>${esc(nameOf(r))} — ${esc(f.cell ?? '')}: ${esc(findingWords(f, p.sheet, locale))}</li>`;
        }
      }
    if (altered) yield '</ul>';
  }

  /** A matrix cell: the worst status and its quarter's value, each quarter below, reasons on hover. */
  function matrixCell(r: UnitRow, ind: Indicator, many: boolean): string {
    const cell = r.indicators[ind.id];
    if (cell === undefined) return '<td class="s-none"></td>';
    const status = cell.status;
    const worst = worstQuarter(cell);
    const value =
      worst?.value !== null && worst?.value !== undefined
        ? formatInUnit(worst.value, ind.unit, locale)
        : worst?.raw !== undefined
          ? asTyped(worst.raw, locale)
          : '';
    const title: string[] = [];
    for (const q of cell.quarters) {
      const p = parts.get(quarterKey(r, q));
      const f = found.get(q);
      const where = `${r.files.length > 1 ? `${sourceName(r, q.file, q.sheet)} › ` : ''}${q.cell ? `${q.cell}: ` : ''}`;
      title.push(
        `${where}${f && p ? findingWords(f, p.sheet, locale) : `${quarterName(q.quarter, locale)}: ${statusWord(q.status, locale)}`}`,
      );
    }
    if (cell.targetMismatch)
      for (const s of r.files) {
        const p = parts.get(partKey(s.file, s.sheet, s));
        for (const f of p?.mismatches ?? [])
          if (f.indicatorId === ind.id)
            title.push(`${f.cell ? `${f.cell}: ` : ''}${findingWords(f, p?.sheet ?? {}, locale)}`);
      }
    const lines = many
      ? cell.quarters
          .map((q) => {
            const v =
              q.value !== null
                ? formatInUnit(q.value, ind.unit, locale)
                : q.raw !== undefined
                  ? asTyped(q.raw, locale)
                  : '—';
            const min = q.minimum === null ? '' : `/${formatInUnit(q.minimum, ind.unit, locale)}`;
            // a line may break after the quarter and before the minimum, never inside a number
            return `<span class="q">${esc(`${quarterName(q.quarter, locale)}:`)} ${esc(v)}${min ? `<wbr>${esc(min)}` : ''}&nbsp;${STATUS[q.status].symbol}</span>`;
          })
          .join('')
      : '';
    const word = statusWord(status, locale);
    return `<td class="s-${status}" title="${esc(title.join('\n'), true)}"><span class="sym" aria-hidden="true">${STATUS[status].symbol}</span>${value ? ` ${esc(value)}` : ''}<span class="sr">${esc(word)}</span>${lines}</td>`;
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

  // Per file: the units in the matrix's order (sets, then units as first found), each unit's
  // submissions in the order found — a superseded one says by which — then any sheet no matrix
  // holds (checked against a set the run does not know).
  yield `${part()}<h2>${esc(t.report.perFile)}</h2>`;
  const shown = new Set<string>();
  const blocks: { unit: string; part: Part; supersededBy?: string }[] = [];
  for (const view of views)
    for (const r of view.matrix.units) {
      const all = [
        ...r.files.map((s) => ({ s, by: undefined as string | undefined })),
        ...r.superseded.map((s) => ({
          s,
          by: sourceName(r, s.supersededBy.file, s.supersededBy.sheet) as string | undefined,
        })),
      ];
      for (const { s, by } of all) {
        const key = partKey(s.file, s.sheet, s);
        const p = parts.get(key);
        if (p === undefined || shown.has(key)) continue;
        shown.add(key);
        blocks.push({
          unit: nameOf(r),
          part: p,
          ...(by !== undefined ? { supersededBy: by } : {}),
        });
      }
    }
  for (const [key, p] of parts)
    if (!shown.has(key))
      blocks.push({
        unit:
          p.unit?.name ??
          p.sheet.context.unitName ??
          `${safeName(p.file.file)} › ${safeName(p.sheet.sheet)}`,
        part: p,
      });

  for (const { unit, part: p, supersededBy } of blocks) {
    const sheet = p.sheet;
    const set = sheet.targetSet ?? sets.get(sheet.context.targetSetId ?? '');
    const counts = p.counts;
    const summary = SEVERITY.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${statusWord(s, locale)}`)
      .join(', ');
    const by =
      supersededBy === undefined
        ? ''
        : ` <span class="superseded">[${esc(t.report.supersededBy(supersededBy))}]</span>`;
    yield `${part()}<details open><summary>${esc(unit)} — ${esc(safeName(p.file.file))} › ${esc(safeName(sheet.sheet))}${hiddenLabel(sheet.hidden, locale)}${by}: ${esc(summary)}</summary>`;
    // The sheet's notices, by its summary, before its findings.
    const notices = p.notices;
    if (notices.length) {
      yield `<ul class="notices" aria-label="${esc(t.report.notices)}">`;
      for (const n of notices)
        yield `<li class="notice notice-${esc(n.code)}"><b aria-hidden="true">ℹ</b> ${esc(noticeWords(n, sheet, locale))}</li>`;
      yield '</ul>';
    }
    if (p.issues.length) {
      yield `<table><thead><tr><th>${esc(t.columns.cell)}</th><th>${esc(t.columns.indicator)}</th><th>${esc(t.columns.result)}</th></tr></thead><tbody>`;
      for (let from = 0; from < p.issues.length; from += ROWS_A_PIECE)
        yield issueRows(p, set, locale, from);
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
