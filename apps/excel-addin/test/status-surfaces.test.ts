/**
 * Every status through the pane — its model (counts, summary rows, the review tally, what is
 * hidden) and the components that draw them (the summary and the findings list) — with the
 * symbol, word and colours of the engine's one table (status.ts). The engine walks its report
 * sheet and marks, the command line its reports and exit code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSheet,
  countByStatus,
  type Locale,
  SEVERITY,
  type SheetCheck,
  type SheetFinding,
  STATUS,
  type Status,
  statusOf,
  statusWord,
} from '@chitieu/engine';
import { readWorkbook } from '@chitieu/xlsx';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FindingList } from '../src/app/components/FindingList.js';
import { Summary } from '../src/app/components/Summary.js';
import { messagesFor } from '../src/app/i18n.js';
import { displayStatus, groupFindings, summaryRows, toReview } from '../src/app/model.js';

const LOWERED = fileURLToPath(
  new URL('../../../examples/nop-quy-2-2025/so-tu-phap-ban-sua.xlsx', import.meta.url),
);

/** The lowered example with a row no set knows and a near-miss band: every status of a checked sheet. */
function everyStatus(): SheetCheck {
  const read = readWorkbook(new Uint8Array(readFileSync(LOWERED)));
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const grid = read.data.sheets[0]?.grid;
  if (!grid) throw new Error('no sheet');
  const rows = grid.rows.map((r) => [...(r ?? [])]);
  rows[11] = [...(rows[11] ?? [])];
  rows[11][1] = { value: 'Tỷ lệ cây xanh đô thị được chăm sóc', type: 'string' };
  // J29 ("N/A"): nothing arose this quarter, a status of its own
  rows[28] = [...(rows[28] ?? [])];
  rows[28][9] = { value: 'Không phát sinh', type: 'string' };
  return checkSheet({ ...grid, rows, name: 'Phụ lục' }, { nearMissBand: 3 });
}

/** The style a badge of the status carries: its fill, font and border colours. */
const styleOf = (status: Status) => {
  const { fill, font } = STATUS[status];
  return `background-color:${fill};color:${font};border-color:${font}`;
};

const result = everyStatus();
const counts = countByStatus(result.findings);
const PANE: readonly Status[] = SEVERITY.filter((s) => s !== 'not-an-annex');

describe('every status through the pane', () => {
  it('has a sheet with every status the pane shows', () => {
    expect(new Set(result.findings.map(statusOf))).toEqual(new Set(PANE));
    expect(displayStatus({ code: 'not-an-annex', reason: 'empty' } as SheetFinding)).toBe(
      undefined,
    );
    for (const f of result.findings) expect(displayStatus(f)).toBe(statusOf(f));
  });

  it('lists the summary in the order of severity and counts to review what needs a look', () => {
    expect(summaryRows(counts).map((r) => r.status)).toEqual(PANE);
    expect(toReview(counts)).toBe(
      result.findings.filter((f) => STATUS[statusOf(f)].needsReview).length,
    );
  });

  for (const locale of ['vi', 'en'] as const satisfies readonly Locale[]) {
    const t = messagesFor(locale);

    it(`draws each status in the summary with its symbol, word and colours (${locale})`, () => {
      const html = renderToStaticMarkup(createElement(Summary, { t, counts }));
      for (const status of PANE) {
        const { symbol } = STATUS[status];
        const item = html.match(new RegExp(`<li data-status="${status}"[^>]*>.*?</li>`))?.[0];
        expect(item, status).toBeDefined();
        expect(item).toContain(`data-count="${counts[status]}"`);
        expect(item).toContain(
          `<span aria-hidden="true">${symbol}</span> ${statusWord(status, locale)}`,
        );
        expect(item).toContain(styleOf(status));
      }
    });

    it(`draws each finding with its status’s symbol, word and colours; met and n/a on request (${locale})`, () => {
      const quiet = groupFindings(result, locale, t, false);
      const all = groupFindings(result, locale, t, true);
      const shown = (groups: typeof quiet.groups) =>
        new Set(groups.flatMap((g) => g.findings.map(statusOf)));
      expect([...shown(quiet.groups)].sort()).toEqual(
        PANE.filter((s) => STATUS[s].needsReview).sort(),
      );
      expect([...shown(all.groups)].sort()).toEqual([...PANE].sort());
      // met, not applicable and nothing arising ("không phát sinh") wait to be asked for
      expect(quiet.hidden).toBe(
        PANE.filter((s) => !STATUS[s].needsReview).reduce((n, s) => n + counts[s], 0),
      );

      const html = renderToStaticMarkup(
        createElement(FindingList, { t, groups: all.groups, onSelect: () => {} }),
      );
      for (const status of PANE) {
        const badge = `style="${styleOf(status)}"><span aria-hidden="true">${STATUS[status].symbol}</span> ${statusWord(status, locale)}</span>`;
        expect(html, status).toContain(badge);
      }
    });
  }
});
