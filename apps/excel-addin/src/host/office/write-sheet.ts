/**
 * The add-in's own sheets (writeSheet): the report "Kết quả kiểm tra" and the annex template.
 *
 * Each carries the worksheet custom property `chitieu.owner` ('report' | 'template',
 * records.ts). Only a sheet with that property and the same owner is ever rewritten: it is
 * cleared in place (unfreeze, unmerge, `clear('All')`, standard column widths) and written
 * again. Clearing in place rather than deleting and re-adding keeps the sheet's position, tab and
 * id, so it works when it is the workbook's only sheet, keeps formulas of other sheets that point
 * to it, and needs no temporary name or re-positioning. A sheet of the same name without the
 * property is the user's: it is never written; the add-in uses "name (2)", "name (3)"… With
 * `replace: false` (the template: once filled in, it is the user's work) no sheet is ever
 * rewritten: each write adds a sheet under the first free name.
 *
 * Round trips (`context.sync()`): 2 for a new sheet, 3 when a sheet of that name exists and may
 * be replaced, whatever the number of rows. The first loads the sheet names and the workbook's
 * protection; the second (only when the name is taken and `replace` is not false) loads the
 * `chitieu.owner` property and protection of the taken names; the last adds or clears the sheet
 * and writes ALL its content: values and number formats as two 2-D arrays, fonts, fills, wrap
 * and alignment as one call per distinct style over multi-area ranges, merges, borders, column
 * widths, frozen rows, hyperlinks, activation. With `replace: false` there is no second: the
 * sheet is always added, under the first free name. One more per batch only when the content
 * passes the payload budget.
 */
import {
  areaAddress,
  type ContentCell,
  cellRects,
  fromA1,
  type MergedArea,
  type SheetContent,
} from '@chitieu/engine';
import {
  sheetKey,
  sheetNameChain,
  sheetProtectedError,
  sheetReference,
  structureProtectedError,
} from '../shared/sheet-names.js';
import { HostError, type WriteSheetOptions } from '../types.js';
import { batchBySize, excelRun, groupAddresses, type Limits, utf8Length } from './batch.js';
import { OWNER_PROPERTY, ownerOf } from './records.js';

/** Estimated request bytes of one write call (a format, merge, width, link) before its address. */
const WRITE_OVERHEAD = 300;

/**
 * Column width in points for a width in characters: Excel's width of n characters is n × 7 + 5
 * pixels with the default Calibri 11 (7-pixel digits, 5 pixels of padding), and Office.js sets
 * `format.columnWidth` in points (0.75 per pixel): 8.43 characters → 48 points.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** One part of writing a sheet's content: queued calls (no sync) and their estimated request bytes. */
interface WriteStep {
  readonly bytes: number;
  readonly queue: (sheet: Excel.Worksheet) => void;
}

/** A cell style property the add-in writes, with the call that sets it on a range's format. */
interface StyleFacet {
  readonly key: (cell: ContentCell) => string | undefined;
  readonly apply: (format: Excel.RangeFormat, key: string) => void;
}

const ALIGNMENT = { left: 'Left', center: 'Center', right: 'Right' } as const;

const STYLE_FACETS: readonly StyleFacet[] = [
  {
    key: (c) => (c.bold ? 'bold' : undefined),
    apply: (f) => {
      f.font.bold = true;
    },
  },
  {
    key: (c) => (c.italic ? 'italic' : undefined),
    apply: (f) => {
      f.font.italic = true;
    },
  },
  {
    key: (c) => c.color,
    apply: (f, color) => {
      f.font.color = color;
    },
  },
  {
    key: (c) => c.fill,
    apply: (f, color) => {
      f.fill.color = color;
    },
  },
  {
    key: (c) => (c.wrap ? 'wrap' : undefined),
    apply: (f) => {
      f.wrapText = true;
    },
  },
  {
    key: (c) => (c.align ? ALIGNMENT[c.align] : undefined),
    apply: (f, alignment) => {
      f.horizontalAlignment = alignment as Excel.HorizontalAlignment;
    },
  },
];

type BorderEdge =
  | 'EdgeTop'
  | 'EdgeBottom'
  | 'EdgeLeft'
  | 'EdgeRight'
  | 'InsideHorizontal'
  | 'InsideVertical';

/** The value a content cell writes: numbers and text as they are; empty and non-finite numbers as "". */
function cellValue(cell: ContentCell | undefined): string | number {
  const value = cell?.value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return value ?? '';
}

/**
 * The number format a content cell writes: its own, or "@" (Text) for text, so Excel stores
 * "01", "12.5%" or "=…" as the text it is instead of a number or a formula. Set BEFORE the
 * values, which Excel then takes as text.
 */
function cellFormat(cell: ContentCell | undefined): string {
  if (cell?.numberFormat) return cell.numberFormat;
  return typeof cell?.value === 'string' ? '@' : 'General';
}

/**
 * The calls that write `content` on a new or cleared sheet, in order: number formats then values
 * (in blocks of rows only past `budget`), one call per distinct style over multi-area ranges,
 * merges, borders, column widths, frozen rows, hyperlinks. Throws HostError for a link or merge
 * that is not a valid area, before anything is sent to Excel.
 */
function planContentWrite(
  content: SheetContent,
  budget: number,
  maxAddressLength: number,
): WriteStep[] {
  const steps: WriteStep[] = [];
  const { rows } = content;
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);

  // Values and number formats: one pair of 2-D arrays for the whole area.
  if (width > 0) {
    let start = 0;
    let values: (string | number)[][] = [];
    let formats: string[][] = [];
    let bytes = WRITE_OVERHEAD;
    const flush = () => {
      const [top, v, f] = [start, values, formats];
      steps.push({
        bytes,
        queue: (sheet) => {
          const range = sheet.getRangeByIndexes(top, 0, v.length, width);
          range.numberFormat = f; // first: text cells are "@" before their value arrives
          range.values = v;
        },
      });
    };
    rows.forEach((row, r) => {
      const rowValues: (string | number)[] = [];
      const rowFormats: string[] = [];
      for (let c = 0; c < width; c++) {
        rowValues.push(cellValue(row[c]));
        rowFormats.push(cellFormat(row[c]));
      }
      const rowBytes =
        utf8Length(JSON.stringify(rowValues)) + utf8Length(JSON.stringify(rowFormats)) + 2;
      if (values.length > 0 && bytes + rowBytes > budget) {
        flush();
        start = r;
        values = [];
        formats = [];
        bytes = WRITE_OVERHEAD;
      }
      values.push(rowValues);
      formats.push(rowFormats);
      bytes += rowBytes;
    });
    flush();
  }

  // Styles: the cells of each distinct property value, as few rectangles as possible.
  STYLE_FACETS.forEach((facet) => {
    const groups = new Map<string, [number, number][]>();
    rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const key = cell ? facet.key(cell) : undefined;
        if (key === undefined) return;
        const cells = groups.get(key) ?? [];
        cells.push([r, c]);
        groups.set(key, cells);
      });
    });
    for (const [key, cells] of groups) {
      const addresses = cellRects(cells).map(areaAddress);
      for (const address of joinAddresses(addresses, maxAddressLength)) {
        steps.push({
          bytes: WRITE_OVERHEAD + address.length * 2,
          queue: (sheet) => facet.apply(sheet.getRanges(address).format, key),
        });
      }
    }
  });

  // Merges: one call per area (a 1 × 1 "merge" is nothing).
  for (const area of content.merges ?? []) {
    if (!validArea(area)) throw badContent('merge', `merged area ${JSON.stringify(area)}`);
    if (area.top === area.bottom && area.left === area.right) continue;
    steps.push({
      bytes: WRITE_OVERHEAD,
      queue: (sheet) => {
        sheet
          .getRangeByIndexes(
            area.top,
            area.left,
            area.bottom - area.top + 1,
            area.right - area.left + 1,
          )
          .merge(false);
      },
    });
  }

  // Borders: every cell of each area; inside edges only where an area has more than one row or
  // column. Areas of the same shape class share one multi-area call.
  const classes = new Map<string, MergedArea[]>();
  for (const area of content.bordered ?? []) {
    if (!validArea(area)) throw badContent('border', `bordered area ${JSON.stringify(area)}`);
    const key = `${area.bottom > area.top}:${area.right > area.left}`;
    classes.set(key, [...(classes.get(key) ?? []), area]);
  }
  for (const [key, areas] of classes) {
    const [rowsInside, columnsInside] = key.split(':').map((x) => x === 'true');
    const edges: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (rowsInside) edges.push('InsideHorizontal');
    if (columnsInside) edges.push('InsideVertical');
    for (const address of joinAddresses(areas.map(areaAddress), maxAddressLength)) {
      steps.push({
        bytes: WRITE_OVERHEAD * edges.length + address.length * 2,
        queue: (sheet) => {
          const borders = sheet.getRanges(address).format.borders;
          for (const edge of edges) borders.getItem(edge).style = 'Continuous';
        },
      });
    }
  }

  // Column widths: one call per run of columns of the same width.
  const widths = content.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    const w = widths[c];
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    if (typeof w === 'number' && Number.isFinite(w) && w > 0) {
      const [left, count, points] = [c, end - c, columnWidthPoints(w)];
      steps.push({
        bytes: WRITE_OVERHEAD,
        queue: (sheet) => {
          sheet.getRangeByIndexes(0, left, 1, count).format.columnWidth = points;
        },
      });
    }
    c = end;
  }

  const frozen = content.frozenRows ?? 0;
  if (frozen > 0) {
    steps.push({ bytes: WRITE_OVERHEAD, queue: (sheet) => sheet.freezePanes.freezeRows(frozen) });
  }

  // Hyperlinks inside the workbook, after the values: the text shown is the cell's own text.
  for (const link of content.links ?? []) {
    const at = fromA1(link.cell);
    if (!at || !fromA1(link.target)) throw badContent('link', `link ${JSON.stringify(link)}`);
    const value = rows[at.row]?.[at.column]?.value;
    const hyperlink: Excel.RangeHyperlink = {
      documentReference: sheetReference(link.sheet, link.target),
      ...(typeof value === 'string' ? { textToDisplay: value } : {}),
    };
    steps.push({
      bytes: WRITE_OVERHEAD + utf8Length(JSON.stringify(hyperlink)),
      queue: (sheet) => {
        sheet.getRange(link.cell).hyperlink = hyperlink;
      },
    });
  }
  return steps;
}

function validArea(area: MergedArea): boolean {
  return (
    Number.isInteger(area.top) &&
    Number.isInteger(area.left) &&
    Number.isInteger(area.bottom) &&
    Number.isInteger(area.right) &&
    area.top >= 0 &&
    area.left >= 0 &&
    area.bottom >= area.top &&
    area.right >= area.left
  );
}

/** The add-in built content Excel cannot hold: its bug, said as such (`cause`: what, for developers). */
function badContent(what: 'merge' | 'border' | 'link', cause: string): HostError {
  return new HostError({ code: 'invalid-content', what, cause });
}

/** Queues clearing one of the add-in's own sheets completely (no sync): never called on a user's sheet. */
function queueClearOwnSheet(sheet: Excel.Worksheet): void {
  sheet.freezePanes.unfreeze();
  const all = sheet.getRange();
  all.unmerge();
  all.clear('All'); // values, formats, hyperlinks, conditional formats
  all.format.useStandardWidth = true;
}

/**
 * Writes the content on the add-in's own sheet `name` (see above) and returns the name used.
 */
export async function writeSheet(
  name: string,
  content: SheetContent,
  options: WriteSheetOptions,
  limits: Limits,
): Promise<string> {
  // Planned before Excel is called: a bad link or merge changes nothing in the workbook.
  const batches = batchBySize(
    planContentWrite(content, limits.payloadBudget, limits.maxAddressLength),
    (step) => step.bytes,
    limits.payloadBudget,
  );
  return excelRun(undefined, async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    const protection = context.workbook.protection;
    protection.load('protected');
    await context.sync(); // 1: names and structure protection

    const names = new Map(worksheets.items.map((s) => [sheetKey(s.name), s.name]));
    const chain = sheetNameChain(name, (candidate) => names.get(sheetKey(candidate)));
    let target = chain.free;
    let own: Excel.Worksheet | undefined;
    if (chain.taken.length > 0 && options.replace !== false) {
      const probes = chain.taken.map((taken) => {
        const sheet = worksheets.getItem(taken);
        const owner = sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY);
        owner.load('value');
        sheet.protection.load('protected');
        return { name: taken, sheet, owner };
      });
      await context.sync(); // 2: whose are the taken names (read only)
      const ours = probes.find((p) => ownerOf(p.owner) === options.owner);
      if (ours) {
        if (ours.sheet.protection.protected) throw sheetProtectedError(ours.name);
        target = ours.name;
        own = ours.sheet;
      }
    }
    if (!own && protection.protected) throw structureProtectedError(target);

    const sheet = own ?? worksheets.add(target); // a new sheet goes after the last one
    if (own) queueClearOwnSheet(own);
    sheet.customProperties.add(OWNER_PROPERTY, options.owner);
    // One batch unless the content passes the payload budget (then one sync per batch).
    for (const [i, batch] of batches.entries()) {
      for (const step of batch) step.queue(sheet);
      if (i < batches.length - 1) await context.sync();
    }
    if (options.activate) sheet.activate();
    await context.sync(); // last: the sheet and all its content
    return target;
  });
}

/** Addresses joined with "," into strings of at most `maxLength` characters (one getRanges each). */
function joinAddresses(addresses: readonly string[], maxLength: number): string[] {
  return groupAddresses(addresses, maxLength).map((group) => group.join(','));
}
