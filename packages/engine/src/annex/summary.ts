/**
 * What a check returns besides its findings: counts by code and indicator, and the layout as
 * data (what was recognised, for a shell to show and a user to correct).
 */
import type { FindingCode } from '../findings.js';
import { FINDING_CODES } from '../status.js';
import type { AnnexLayout, CheckSummary, SheetFinding } from './check.js';
import type { Matched } from './choose-set.js';
import { yearIn } from './detect.js';
import type { Layout, RowKind } from './layout.js';
import type { SheetView } from './sheet.js';

export function summarise(findings: readonly SheetFinding[]): CheckSummary {
  const byCode = Object.fromEntries(FINDING_CODES.map((c) => [c, 0])) as Record<
    FindingCode,
    number
  >;
  const perIndicator = new Map<string, Partial<Record<FindingCode, number>>>();
  // (an indexed loop: a consolidated sheet has 1.4 million findings, and an iterator's result
  // object per finding is garbage until the loop is optimised)
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as SheetFinding;
    byCode[f.code]++;
    if (f.indicatorId === undefined) continue;
    let counts = perIndicator.get(f.indicatorId);
    if (!counts) {
      counts = {};
      perIndicator.set(f.indicatorId, counts);
    }
    counts[f.code] = (counts[f.code] ?? 0) + 1;
  }
  return {
    total: findings.length,
    byCode,
    byIndicator: [...perIndicator.entries()].map(([indicatorId, counts]) => ({
      indicatorId,
      byCode: counts,
    })),
  };
}

export function publicLayout(view: SheetView, layout: Layout, matched?: Matched): AnnexLayout {
  const year = yearIn(layout.titleLines);
  // Where each row of a matched block sits in it (a block may have thousands of rows).
  const positionInBlock = new Map<number, number>();
  for (const m of matched?.values() ?? []) {
    m.rows.forEach((r, k) => {
      if (!positionInBlock.has(r)) positionInBlock.set(r, k);
    });
  }
  return {
    headerRows: layout.headerRows.map((r) => view.sheetRow(r)),
    columns: layout.columns,
    rows: layout.rows.map((row) => {
      // Most rows of a sheet reaching far down are blank: they say no more than that.
      if (row.kind === 'blank') return { row: view.sheetRow(row.row), kind: row.kind };
      const m = row.block === undefined ? undefined : matched?.get(row.block);
      const k = m ? (positionInBlock.get(row.row) ?? -1) : -1;
      const kind: RowKind =
        row.block !== undefined &&
        matched &&
        !m &&
        (row.kind === 'indicator' || row.kind === 'level-row')
          ? 'unrecognised'
          : row.kind;
      return {
        row: view.sheetRow(row.row),
        kind,
        ...(m
          ? { indicatorId: m.indicator.id, match: { score: m.match.score, by: m.match.by } }
          : {}),
        ...(m && k >= 0 && m.targetRows[k] !== undefined ? { targetRow: m.targetRows[k] } : {}),
        ...(row.stt ? { stt: row.stt } : {}),
        ...(row.text ? { text: row.text } : {}),
      };
    }),
    titleLines: layout.titleLines,
    ...(year ? { year } : {}),
  };
}
