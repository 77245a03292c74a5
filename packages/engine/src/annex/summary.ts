/**
 * What a check returns besides its findings: counts by code and indicator, and the layout as
 * data (what was recognised, for a shell to show and a user to correct).
 */
import type { FindingCode } from '../findings.js';
import type { Mutable } from '../mutable.js';
import { FINDING_CODES } from '../status.js';
import type { AnnexLayout, CheckSummary, LayoutRowInfo, SheetFinding } from './check.js';
import type { Matched } from './choose-set.js';
import { yearIn } from './detect.js';
import type { Layout, RowKind } from './layout.js';
import type { SheetView } from './sheet.js';

export function summarise(findings: readonly SheetFinding[]): CheckSummary {
  const tally = new Tally();
  tally.addAll(findings);
  return tally.summary();
}

/** Every code at 0, in the order of `FINDING_CODES`: a tally's counts start as a copy of it. */
const NO_COUNTS = Object.freeze(
  Object.fromEntries(FINDING_CODES.map((c) => [c, 0])) as Record<FindingCode, number>,
);

/**
 * A summary counted as findings are made, a part at a time (a unit table's units, whose findings
 * are kept in a store and not held as objects): the same as `summarise` of them all.
 */
export class Tally {
  private readonly byCode: Record<FindingCode, number> = { ...NO_COUNTS };
  private readonly perIndicator = new Map<string, Partial<Record<FindingCode, number>>>();
  private total = 0;

  addAll(findings: readonly SheetFinding[]): void {
    // (an indexed loop: a consolidated sheet has 1.4 million findings, and an iterator's result
    // object per finding is garbage until the loop is optimised)
    for (let i = 0; i < findings.length; i++) this.add(findings[i] as SheetFinding);
  }

  add(f: SheetFinding): void {
    this.byCode[f.code]++;
    this.count(f.code, f.indicatorId, 1);
    this.total++;
  }

  /** The counts of `before` first (its indicators in their order), then these. */
  after(before: Tally): Tally {
    const out = new Tally();
    for (const t of [before, this]) {
      for (const code of FINDING_CODES) out.byCode[code] += t.byCode[code];
      for (const [id, counts] of t.perIndicator)
        for (const [code, n] of Object.entries(counts) as [FindingCode, number][])
          out.count(code, id, n);
      out.total += t.total;
    }
    return out;
  }

  summary(): CheckSummary {
    return {
      total: this.total,
      byCode: { ...this.byCode },
      byIndicator: [...this.perIndicator.entries()].map(([indicatorId, counts]) => ({
        indicatorId,
        byCode: { ...counts },
      })),
    };
  }

  private count(code: FindingCode, indicatorId: string | undefined, n: number): void {
    if (indicatorId === undefined) return;
    let counts = this.perIndicator.get(indicatorId);
    if (!counts) {
      counts = {};
      this.perIndicator.set(indicatorId, counts);
    }
    counts[code] = (counts[code] ?? 0) + n;
  }
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
      // Fields set one by one, in this order (a row's JSON): no spread of a small object each.
      const info: Mutable<LayoutRowInfo> = { row: view.sheetRow(row.row), kind };
      if (m) {
        info.indicatorId = m.indicator.id;
        info.match = { score: m.match.score, by: m.match.by };
        const targetRow = k >= 0 ? m.targetRows[k] : undefined;
        if (targetRow !== undefined) info.targetRow = targetRow;
      }
      if (row.stt) info.stt = row.stt;
      if (row.text) info.text = row.text;
      return info;
    }),
    titleLines: layout.titleLines,
    ...(year ? { year } : {}),
  };
}
