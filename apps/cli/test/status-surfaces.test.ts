/**
 * Every status through the command line's surfaces — the text, HTML and CSV reports and the
 * exit code — each with the symbol, word and colours of the engine's one table (status.ts). The
 * engine walks its own surfaces (report sheet, marks), the add-in its pane.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkSheet,
  countByStatus,
  getBuiltinTargetSet,
  type Locale,
  SEVERITY,
  type SheetFinding,
  STATUS,
  type Status,
  statusOf,
  statusWord,
  type TargetSet,
  unitsMatrix,
} from '@chitieu/engine';
import { readWorkbook } from '@chitieu/xlsx';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { textFor } from '../src/i18n.js';
import { csvReport } from '../src/report/csv.js';
import { htmlReport } from '../src/report/html.js';
import { textReport } from '../src/report/text.js';
import { submissionsOf } from '../src/report/units.js';
import { findingWords } from '../src/report/words.js';
import { type FileReport, hasProblems } from '../src/run-check.js';
import { EXAMPLES, NOW } from './helpers.js';

/** The lowered example with a row no set knows and a near-miss band: every status of a checked sheet. */
function everyStatus(): FileReport {
  const read = readWorkbook(
    new Uint8Array(readFileSync(join(EXAMPLES, 'so-tu-phap-ban-sua.xlsx'))),
  );
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const grid = read.data.sheets[0]?.grid;
  if (!grid) throw new Error('no sheet');
  const rows = grid.rows.map((r) => [...(r ?? [])]);
  rows[11] = [...(rows[11] ?? [])];
  rows[11][1] = { value: 'Tỷ lệ cây xanh đô thị được chăm sóc', type: 'string' };
  // J29 ("N/A"): nothing arose this quarter, a status of its own
  rows[28] = [...(rows[28] ?? [])];
  rows[28][9] = { value: 'Không phát sinh', type: 'string' };
  const result = checkSheet({ ...grid, rows }, { nearMissBand: 3 });
  return fileWith(result.findings, result.context);
}

function fileWith(
  findings: readonly SheetFinding[],
  context: FileReport['sheets'][number]['context'] = {
    targetSetId: 'binh-phuoc-2025',
    level: 'so',
    quarter: 2,
    sources: {},
  },
): FileReport {
  const byCode = Object.fromEntries(
    SEVERITY.filter((s) => s !== 'near-miss').map((code) => [
      code,
      findings.filter((f) => f.code === code).length,
    ]),
  ) as Record<SheetFinding['code'], number>;
  const summary = { total: findings.length, byCode, byIndicator: [] };
  return {
    file: 'so-tu-phap-ban-sua.xlsx',
    sheets: [
      { sheet: 'Phụ lục', status: 'checked', needs: [], context, summary, findings, notices: [] },
    ],
    skippedSheets: [],
  };
}

const regex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const file = everyStatus();
const findings = [...(file.sheets[0]?.findings ?? [])];
const sets = new Map<string, TargetSet>([
  ['binh-phuoc-2025', getBuiltinTargetSet('binh-phuoc-2025') as TargetSet],
]);
/** One finding of each status the sheet has. */
const sample = new Map<Status, SheetFinding>();
for (const f of findings) if (!sample.has(statusOf(f))) sample.set(statusOf(f), f);

describe('every status through the command line', () => {
  it('has a sheet with every status but "not an annex"', () => {
    expect([...sample.keys()].sort()).toEqual(SEVERITY.filter((s) => s !== 'not-an-annex').sort());
  });

  for (const locale of ['vi', 'en'] as const satisfies readonly Locale[]) {
    const t = textFor(locale);

    it(`text (${locale}): each finding to review with its symbol and colour, the counts with their words`, () => {
      const plain = textReport([file], {
        colors: pc.createColors(false),
        width: 400,
        t,
        locale,
        targetSets: sets,
      });
      const lines = plain.split('\n');
      const words = (f: SheetFinding) => findingWords(f, {}, locale);
      for (const [status, f] of sample) {
        const line = lines.find((l) => l.includes(words(f)));
        if (!STATUS[status].needsReview) {
          expect(line, status).toBeUndefined();
          continue;
        }
        expect(line, status).toContain(`${STATUS[status].symbol} ${words(f)}`);
      }
      const counts = countByStatus(findings);
      const summary = SEVERITY.filter((s) => counts[s] > 0)
        .map((s) => `${STATUS[s].symbol} ${counts[s]} ${statusWord(s, locale)}`)
        .join(' · ');
      expect(lines).toContain(`  ${summary}`);

      const colors = pc.createColors(true);
      const painted = textReport([file], { colors, width: 400, t, locale, targetSets: sets });
      for (const [status, f] of sample) {
        if (!STATUS[status].needsReview) continue;
        const paint = colors[STATUS[status].terminal];
        expect(painted, status).toContain(paint(`${STATUS[status].symbol} ${words(f)}`));
      }
    });

    it(`HTML (${locale}): the legend, the colours, the heat map and the details agree`, () => {
      const html = htmlReport([file], {
        t,
        locale,
        generatedAt: NOW,
        targetSets: sets,
        skipped: [],
      });
      for (const status of SEVERITY.filter((s) => s !== 'not-an-annex')) {
        const { symbol, fill, font } = STATUS[status];
        const word = esc(statusWord(status, locale));
        expect(html, status).toContain(`<span class="s-${status}"><b>${symbol}</b> ${word}</span>`);
        expect(html, status).toContain(`.s-${status}{background:${fill};color:${font}}`);
      }
      for (const [status, f] of sample) {
        const detail = `<td class="s-${status}"><b>${STATUS[status].symbol}</b> ${esc(findingWords(f, {}, locale))}</td>`;
        if (STATUS[status].needsReview) expect(html, status).toContain(detail);
        else expect(html, status).not.toContain(detail);
        // each quarter's line in the matrix shows a value status by its symbol
        if (STATUS[status].scope === 'value')
          expect(html, status).toMatch(
            new RegExp(
              `<span class="q">[^<]*(<wbr>[^<]*)?&nbsp;${regex(STATUS[status].symbol)}</span>`,
            ),
          );
      }
      // the matrix shows the engine's cells (the worst over the quarters): symbol, then the word
      // for screen readers, then each quarter
      const row = unitsMatrix(submissionsOf([file]), sets).sets[0]?.units[0];
      const bp = sets.get('binh-phuoc-2025') as TargetSet;
      const shown = [
        ...(/<tbody><tr><th class="unit"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '').matchAll(
          /<td class="s-([a-z-]+)"[^>]*>(.*?)<\/td>/g,
        ),
      ];
      expect(shown).toHaveLength(bp.indicators.length);
      bp.indicators.forEach((ind, i) => {
        const cell = row?.indicators[ind.id];
        const [, cls, content] = shown[i] ?? [];
        if (cell === undefined) {
          expect(cls, ind.id).toBe('none');
          return;
        }
        expect(cls, ind.id).toBe(cell.status);
        expect(content, ind.id).toMatch(
          new RegExp(
            `^<span class="sym" aria-hidden="true">${regex(STATUS[cell.status].symbol)}</span>[^<]*<span class="sr">${esc(statusWord(cell.status, locale))}</span>(<span class="q">.*?</span>){${cell.quarters.length}}$`,
          ),
        );
      });
    });
  }

  it('CSV: one row per finding with its code and words, for tools (no symbol to drift)', () => {
    const lines = csvReport([file])
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    // (";" between fields: the CSV of --lang vi, the default)
    const header = lines[0]?.split(';') ?? [];
    const code = header.indexOf('code');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(findings.length);
    findings.forEach((f, i) => {
      expect(rows[i]?.split(';')[code]).toBe(f.code);
    });
  });

  it('exit code: a file fails exactly when one of its findings has a status that fails the check', () => {
    for (const [status, f] of sample) {
      expect(hasProblems(fileWith([f])), status).toBe(STATUS[status].failsCheck);
    }
    expect(hasProblems(file)).toBe(true);
    expect(hasProblems(fileWith([]))).toBe(false);
  });
});
