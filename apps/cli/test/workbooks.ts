/**
 * Workbooks built with ExcelJS (a test-only dependency) for the tests that need an annex other
 * than the bundled examples. Kept apart from helpers.ts so that only those tests load ExcelJS.
 */
import { getBuiltinTargetSet, type TargetNumber } from '@chitieu/engine';
import ExcelJS from 'exceljs';

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEADER_TOP = [
  'Stt',
  'Nhiệm vụ',
  'Cơ quan chủ trì thực hiện',
  'Cơ quan phối hợp',
  'Chỉ tiêu thực hiện trong năm 2025',
  'Lộ trình thực hiện (tối thiểu)',
  null,
  null,
  null,
  'Kết quả thực hiện',
  null,
  null,
  null,
  'Ghi chú',
];
const HEADER_QUARTERS = [
  null,
  null,
  null,
  null,
  null,
  'Quý I',
  'Quý II',
  'Quý III',
  'Quý IV',
  'Quý I',
  'Quý II',
  'Quý III',
  'Quý IV',
];

export interface AnnexOptions {
  /** The unit named in "Đơn vị báo cáo: …". */
  readonly unit?: string;
  /**
   * The result typed for an indicator and quarter, from its quarterly minimum: a number in
   * percent (written as a percent-formatted cell), a text, or null for a blank cell. Default:
   * the minimum itself.
   */
  readonly result?: (
    indicatorId: string,
    quarter: 1 | 2,
    minimum: number,
  ) => number | string | null;
  /** Overrides of the annual target written in the sheet, by indicator id (percent). */
  readonly annual?: Readonly<Record<string, number>>;
}

/**
 * The Bình Phước 2025 annex ("binh-phuoc-2025", Các sở, ban, ngành) as a department fills it in
 * after Quý II: every indicator row of the official set, with the official targets, and results
 * for Quý I and Quý II in the rows of level `so` (by default exactly at the minimum).
 */
export async function annexWorkbook(options: AnnexOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fillAnnex(wb.addWorksheet('Phụ lục'), options);
  return toBytes(wb);
}

/** One sheet of `sheetsWorkbook`: an annex as `annexWorkbook` fills it, or lines of text. */
export interface SheetSpec {
  readonly name: string;
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
  /** The annex's options; absent: a sheet of `lines` (no annex). */
  readonly annex?: AnnexOptions;
  readonly lines?: readonly string[];
}

/** A workbook of several sheets, in this order, each visible, hidden or very hidden. */
export async function sheetsWorkbook(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    if (spec.annex) fillAnnex(ws, spec.annex);
    else
      (spec.lines ?? []).forEach((line, i) => {
        ws.getCell(i + 1, 1).value = line;
      });
  }
  return toBytes(wb);
}

function fillAnnex(ws: ExcelJS.Worksheet, options: AnnexOptions): void {
  const set = getBuiltinTargetSet('binh-phuoc-2025');
  if (!set) throw new Error('binh-phuoc-2025 is not built in');
  const rows: (string | number | null)[][] = [
    ['CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
    ['NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'],
    [`Đơn vị báo cáo: ${options.unit ?? 'Sở Y tế'}`],
    [],
    HEADER_TOP,
    HEADER_QUARTERS,
  ];
  const percentCells: [number, number][] = [];
  const merges: string[] = ['F5:I5', 'J5:M5'];
  for (const ind of set.indicators) {
    const first = rows.length + 1;
    ind.targets.forEach((target, i) => {
      const num = (t: TargetNumber | null | undefined) =>
        t === null || t === undefined ? null : typeof t === 'number' ? t : t.value;
      const quarterly = (target.quarterly ?? [null, null, null, null]).map(num);
      const annual =
        i === 0 && options.annual?.[ind.id] !== undefined
          ? options.annual[ind.id]
          : num(target.annual);
      const ours = target.appliesTo.levels.includes('so');
      const results = [1, 2].map((q) => {
        const minimum = quarterly[q - 1];
        if (!ours || minimum === null || minimum === undefined) return null;
        return options.result ? options.result(ind.id, q as 1 | 2, minimum) : minimum;
      });
      const row = [
        i === 0 ? `${ind.stt}.` : null,
        i === 0 ? ind.name : null,
        target.lead ?? null,
        target.coordinators.join(', '),
        annual ?? null,
        ...quarterly,
        ...results,
      ];
      rows.push(row.map((v, c) => (typeof v === 'number' && c >= 4 ? v / 100 : v)));
      for (let c = 5; c <= 11; c++) percentCells.push([rows.length, c]);
    });
    if (ind.targets.length > 1) {
      merges.push(`A${first}:A${rows.length}`, `B${first}:B${rows.length}`);
    }
  }
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = r;
  });
  for (const [r, c] of percentCells) ws.getCell(r, c).numFmt = '0%';
  for (const m of merges) ws.mergeCells(m);
}

/**
 * An annex of `userTargetSet()` filled in by a unit (Sở Y tế; null: no "Đơn vị báo cáo" line):
 * three values met, 92 % < 93 % in K6 (Quý II).
 */
export async function userAnnexWorkbook(unit: string | null = 'Sở Y tế'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục');
  const rows: (string | number | null)[][] = [
    ['KẾ HOẠCH THỬ NGHIỆM NĂM 2025'],
    unit === null ? [] : [`Đơn vị báo cáo: ${unit}`],
    [],
    HEADER_TOP,
    HEADER_QUARTERS,
    [
      '1.',
      'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn',
      'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
      null,
      0.98,
      0.91,
      0.93,
      0.96,
      0.98,
      0.915,
      0.92,
    ],
    [
      '2.',
      'Tỷ lệ hồ sơ tiếp nhận được số hóa ngay khi tiếp nhận',
      'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
      null,
      0.9,
      0.62,
      0.67,
      0.8,
      0.9,
      0.63,
      0.7,
    ],
  ];
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = r;
  });
  for (const r of [6, 7]) for (let c = 5; c <= 11; c++) ws.getCell(r, c).numFmt = '0.0%';
  ws.mergeCells('F4:I4');
  ws.mergeCells('J4:M4');
  return toBytes(wb);
}
