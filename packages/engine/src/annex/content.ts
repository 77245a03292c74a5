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

/**
 * Excel's limit on the characters in one cell: 32,767. Excel refuses a file with a longer cell
 * text, so every text the engine lays out for a sheet (report, template, the notes of the mark
 * plan) is cut to it, and a shell writing texts of its own can cut them to it too. Counted in
 * UTF-16 code units, as JavaScript's `length` counts.
 */
export const EXCEL_CELL_TEXT_LIMIT = 32_767;

const ELLIPSIS = '…';

/**
 * A text of at most `limit` characters: the text itself when it fits, else its start and "…".
 * Never splits a character written as a surrogate pair.
 */
export function cutText(text: string, limit: number = EXCEL_CELL_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  if (limit < ELLIPSIS.length) return '';
  let end = limit - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}

/** The same content with every text cell cut to Excel's limit (the same object when none is too long). */
export function withinCellLimit(content: SheetContent): SheetContent {
  let rows: (readonly (ContentCell | undefined)[])[] | undefined;
  for (let r = 0; r < content.rows.length; r++) {
    const row = content.rows[r] ?? [];
    let cut: (ContentCell | undefined)[] | undefined;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell?.value !== 'string' || cell.value.length <= EXCEL_CELL_TEXT_LIMIT) continue;
      cut ??= [...row];
      cut[c] = { ...cell, value: cutText(cell.value) };
    }
    if (cut) {
      rows ??= [...content.rows];
      rows[r] = cut;
    }
  }
  return rows ? { ...content, rows } : content;
}

/** "2" → "2.": an indicator's Stt as the annex's Stt column writes it. */
export function numberedStt(stt: string): string {
  return stt.endsWith('.') ? stt : `${stt}.`;
}
