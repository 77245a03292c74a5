/**
 * Ranges: one rectangle (`FakeRange`: values, text, number formats, value types, geometry, and
 * the add-in's writes of its own sheets), several (`FakeRangeAreas`, from `getRanges` or the
 * merged areas) and their `areas`. Writing a cell's values, number format, format, hyperlink or
 * merge fails the sync on any sheet the add-in did not create; formulas are never written. A
 * text written to a cell that is not Text ("@") is read as Excel would: "01" or "12.5%" becomes a
 * number, "=…" a formula (here the error #NAME?).
 */
import { areaAddress } from '@chitieu/engine';
import { FakeConditionalFormatCollection } from './conditional-formats.js';
import { FakeOfficeError, invalid } from './errors.js';
import { forEachCell, intersects, parseRect, quoteSheet, type Rect, within } from './geometry.js';
import { FakeProxy, short } from './proxy.js';
import { FakeRangeFormat } from './range-format.js';
import {
  type FakeCell,
  type FakeHyperlink,
  type FakeSheet,
  numberCell,
  ownSheetOnly,
  writtenCell,
} from './sheet.js';

export interface RangeTarget {
  readonly sheet: FakeSheet;
  readonly rect: Rect;
}

function grid<T>(t: RangeTarget, pick: (cell: FakeCell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: T[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(pick(t.sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

export class FakeRange extends FakeProxy {
  declare readonly address: string;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare readonly cellCount: number;
  declare readonly text: string[][];
  declare readonly valueTypes: string[][];

  get values(): unknown[][] {
    return this.prop('values');
  }
  /** Allowed on the add-in's own sheets only; text is read as Excel reads it unless the cell is "@". */
  set values(v: unknown) {
    this.write(`values = ${short(v)}`, v, (t) => {
      const rows = matrix(v, t.rect, 'values');
      forEachCell(t.rect, (r, c) => {
        const format = t.sheet.cell(r, c)?.numberFormat ?? 'General';
        t.sheet.setCell(r, c, writtenCell(rows[r - t.rect.top]?.[c - t.rect.left], format));
      });
      this.ctx.changed(t.sheet, areaAddress(t.rect));
    });
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown) {
    this.refuseWrite('formulas', v);
  }
  get formulasLocal(): unknown[][] {
    return this.prop('formulasLocal');
  }
  set formulasLocal(v: unknown) {
    this.refuseWrite('formulasLocal', v);
  }
  get formulasR1C1(): unknown[][] {
    return this.prop('formulasR1C1');
  }
  set formulasR1C1(v: unknown) {
    this.refuseWrite('formulasR1C1', v);
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  /** Allowed on the add-in's own sheets only; a number already there keeps its value. */
  set numberFormat(v: unknown) {
    this.write(`numberFormat = ${short(v)}`, v, (t) => {
      const rows = matrix(v, t.rect, 'numberFormat');
      forEachCell(t.rect, (r, c) => {
        const format = rows[r - t.rect.top]?.[c - t.rect.left];
        if (typeof format !== 'string') throw invalid('A number format is a string.');
        const cell = t.sheet.cell(r, c);
        t.sheet.setCell(
          r,
          c,
          cell && cell.type === 'Double'
            ? numberCell(cell.value as number, format)
            : {
                value: cell?.value ?? '',
                text: cell?.text ?? '',
                type: cell?.type ?? 'Empty',
                numberFormat: format,
              },
        );
      });
    });
  }

  /** Allowed on the add-in's own sheets only; textToDisplay becomes the cell's text. */
  set hyperlink(v: FakeHyperlink) {
    this.write(`hyperlink = ${short(v)}`, v, (t) => {
      if (typeof v !== 'object' || v === null || (!v.address && !v.documentReference)) {
        throw invalid('A hyperlink needs an address or a documentReference.');
      }
      forEachCell(t.rect, (r, c) => {
        t.sheet.hyperlinks.set(`${r},${c}`, { ...v });
        if (v.textToDisplay !== undefined) {
          const format = t.sheet.cell(r, c)?.numberFormat ?? 'General';
          const text = String(v.textToDisplay);
          t.sheet.setCell(r, c, { value: text, text, numberFormat: format, type: 'String' });
        }
      });
      this.ctx.changed(t.sheet, areaAddress(t.rect));
    });
  }

  /** Merges the range (each row when `across`); the values but the top-left one are lost, as in Excel. */
  merge(across = false): void {
    this.write(`merge(${across})`, across, (t) => {
      const rects = across
        ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => ({
            ...t.rect,
            top: t.rect.top + i,
            bottom: t.rect.top + i,
          }))
        : [t.rect];
      for (const rect of rects) {
        if (rect.top === rect.bottom && rect.left === rect.right) continue;
        if (t.sheet.merges.some((m) => intersects(m, rect))) {
          throw new FakeOfficeError('InvalidOperation', 'Cannot merge over merged cells.');
        }
        t.sheet.merges.push(rect);
        forEachCell(rect, (r, c) => {
          const cell = t.sheet.cell(r, c);
          if ((r !== rect.top || c !== rect.left) && cell) {
            t.sheet.setCell(r, c, { ...cell, value: '', text: '', type: 'Empty' });
          }
        });
      }
    });
  }

  unmerge(): void {
    this.write('unmerge()', null, (t) => {
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }

  /** Clears the range: 'All' (the default) removes values, formats, links and merges. */
  clear(applyTo = 'All'): void {
    this.write(`clear(${applyTo})`, applyTo, (t) => {
      const inside = (key: string) => {
        const [r = 0, c = 0] = key.split(',').map(Number);
        return r >= t.rect.top && r <= t.rect.bottom && c >= t.rect.left && c <= t.rect.right;
      };
      const all = applyTo === 'All';
      if (!['All', 'Contents', 'Formats', 'Hyperlinks', 'RemoveHyperlinks'].includes(applyTo)) {
        throw invalid(`Bad clear type ${applyTo}`);
      }
      for (const [key, cell] of [...t.sheet.cells]) {
        if (!inside(key)) continue;
        if (all) t.sheet.cells.delete(key);
        else if (applyTo === 'Contents') {
          t.sheet.cells.set(key, { ...cell, value: '', text: '', type: 'Empty' });
        } else if (applyTo === 'Formats') {
          t.sheet.cells.set(key, { ...cell, numberFormat: 'General' });
        }
      }
      if (all || applyTo === 'Formats') {
        for (const key of [...t.sheet.styles.keys()]) if (inside(key)) t.sheet.styles.delete(key);
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
      }
      if (all || applyTo.endsWith('Hyperlinks')) {
        for (const key of [...t.sheet.hyperlinks.keys()]) {
          if (inside(key)) t.sheet.hyperlinks.delete(key);
        }
      }
      if (all) {
        t.sheet.rules = t.sheet.rules.filter(
          (rule) => !rule.ranges.every((range) => within(parseRect(range), t.rect)),
        );
      }
    });
  }

  get format(): FakeRangeFormat {
    return this.sub('format', FakeRangeFormat, () => areasOf(this.need<RangeTarget>()));
  }

  /** Queues a write of the add-in's own sheet; on any other sheet it fails the sync. */
  private write(what: string, args: unknown, run: (t: RangeTarget) => void): void {
    this.queue(what, args, (t: RangeTarget) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.${what}`);
      run(t);
    });
  }

  private refuseWrite(name: string, value: unknown): never {
    const what = `${this.path}.${name} = ${JSON.stringify(value)?.slice(0, 80)}`;
    this.fake.cellWrites.push(what);
    throw new Error(`fake: the add-in must never write cells: ${what}`);
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.sub('conditionalFormats', FakeConditionalFormatCollection, () =>
      areasOf(this.need<RangeTarget>()),
    );
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.getMergedAreasOrNullObject()`).bindWhenRun(
      0,
      () => {
        const t = this.need<RangeTarget>();
        const rects = t.sheet.merges.filter((m) => intersects(m, t.rect));
        return rects.length === 0
          ? null
          : { sheet: t.sheet, rects, ranges: rects.map(areaAddress) };
      },
    );
  }

  /** Excel selects only on the active sheet (the add-in activates first). */
  select(): void {
    this.queue('select()', null, (t: RangeTarget) => {
      if (this.fake.active !== t.sheet.name) {
        throw new FakeOfficeError('InvalidOperation', 'Select works on the active sheet only.');
      }
      this.fake.selection = { sheet: t.sheet.name, address: areaAddress(t.rect) };
    });
  }
}
FakeProxy.loadable(FakeRange, {
  address: (t: RangeTarget) => `${quoteSheet(t.sheet.name)}!${areaAddress(t.rect)}`,
  rowIndex: (t: RangeTarget) => t.rect.top,
  columnIndex: (t: RangeTarget) => t.rect.left,
  rowCount: (t: RangeTarget) => t.rect.bottom - t.rect.top + 1,
  columnCount: (t: RangeTarget) => t.rect.right - t.rect.left + 1,
  cellCount: (t: RangeTarget) =>
    (t.rect.bottom - t.rect.top + 1) * (t.rect.right - t.rect.left + 1),
  values: (t: RangeTarget) => grid(t, (c) => (c && c.type !== 'Empty' ? c.value : '')),
  text: (t: RangeTarget) => grid(t, (c) => (c && c.type !== 'Empty' ? c.text : '')),
  numberFormat: (t: RangeTarget) => grid(t, (c) => c?.numberFormat ?? 'General'),
  valueTypes: (t: RangeTarget) => grid(t, (c) => c?.type ?? 'Empty'),
});

/** A range as the areas of one rectangle (its format and conditional formats work on areas). */
function areasOf(t: RangeTarget): AreasTarget {
  return { sheet: t.sheet, rects: [t.rect], ranges: [areaAddress(t.rect)] };
}

export interface AreasTarget {
  readonly sheet: FakeSheet;
  readonly rects: readonly Rect[];
  readonly ranges: readonly string[];
}

export class FakeRangeAreas extends FakeProxy {
  declare readonly address: string;
  declare readonly areaCount: number;

  get areas(): FakeRangeCollection {
    return this.sub('areas', FakeRangeCollection);
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.sub('conditionalFormats', FakeConditionalFormatCollection);
  }

  get format(): FakeRangeFormat {
    return this.sub('format', FakeRangeFormat);
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'areas') return this.areas;
    return super.navigate(name);
  }
}
FakeProxy.loadable(FakeRangeAreas, {
  address: (t: AreasTarget) =>
    t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${areaAddress(r)}`).join(', '),
  areaCount: (t: AreasTarget) => t.rects.length,
});

export class FakeRangeCollection extends FakeProxy {
  get items(): FakeRange[] {
    return this.loadedItemsOf<FakeRange>();
  }

  protected override makeItems(t: AreasTarget): FakeProxy[] {
    return t.rects.map((rect, i) =>
      new FakeRange(this.ctx, `${this.path}.items[${i}]`).bind({ sheet: t.sheet, rect }),
    );
  }
}

/** A 2-D array of exactly the range's size, as Excel requires. */
function matrix(value: unknown, rect: Rect, name: string): unknown[][] {
  const rows = rect.bottom - rect.top + 1;
  const columns = rect.right - rect.left + 1;
  if (
    !Array.isArray(value) ||
    value.length !== rows ||
    !value.every((row) => Array.isArray(row) && row.length === columns)
  ) {
    throw invalid(`${name}: the array does not match the range's ${rows} × ${columns} cells.`);
  }
  return value as unknown[][];
}
