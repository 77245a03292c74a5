/**
 * A worksheet to write, as plain data: what the add-in (and the command line) create on their own
 * sheets — the report "Kết quả kiểm tra" and the annex template. Shells turn it into cells.
 */
import type { MergedArea } from '../grid.js';

export interface ContentCell {
  readonly value: string | number | null;
  /** Excel number format, e.g. "0%" for a percentage stored as a fraction. */
  readonly numberFormat?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly wrap?: boolean;
  readonly align?: 'left' | 'center' | 'right';
  /** Fill colour, #RRGGBB. */
  readonly fill?: string;
  /** Font colour, #RRGGBB. */
  readonly color?: string;
}

export interface ContentLink {
  /** The A1 cell that carries the link, on this sheet. */
  readonly cell: string;
  /** Where it goes: a sheet and an A1 cell of the same workbook. */
  readonly sheet: string;
  readonly target: string;
}

export interface SheetContent {
  /** Rows from A1 down, cells from column A; undefined for an empty cell. */
  readonly rows: readonly (readonly (ContentCell | undefined)[])[];
  /** 0-based, inclusive. */
  readonly merges?: readonly MergedArea[];
  /** Column widths in characters, from column A. */
  readonly columnWidths?: readonly number[];
  readonly links?: readonly ContentLink[];
  /** Rows kept in view when scrolling (the header). */
  readonly frozenRows?: number;
  /** Cells with a border around them: every cell of these 0-based inclusive areas. */
  readonly bordered?: readonly MergedArea[];
}

/** "2" → "2.": an indicator's Stt as the annex's Stt column writes it. */
export function numberedStt(stt: string): string {
  return stt.endsWith('.') ? stt : `${stt}.`;
}
