/**
 * `range.format` on the add-in's own sheets: fonts, fills, wrap, alignment, column widths and
 * borders, each written to every cell of the range's areas. On any other sheet a write fails the
 * sync: the add-in must never change a user's cells.
 */
import { invalid } from './errors.js';
import { forEachCell } from './geometry.js';
import { FakeProxy } from './proxy.js';
import type { AreasTarget } from './range.js';
import { type FakeEdge, type FakeStyle, ownSheetOnly } from './sheet.js';

const HORIZONTAL_ALIGNMENTS = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
];
const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];
const BORDER_STYLES = [
  'None',
  'Continuous',
  'Dash',
  'DashDot',
  'DashDotDot',
  'Dot',
  'Double',
  'SlantDashDot',
];
const COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** A proxy over the areas of a range or RangeAreas whose writes are the add-in's own sheets' only. */
abstract class FakeAreasWriter extends FakeProxy {
  protected write(what: string, args: unknown, run: (t: AreasTarget) => void): void {
    this.queue(what, args, (t: AreasTarget) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.${what}`);
      run(t);
    });
  }

  /** Queues a change of the style of every cell of the areas. */
  protected styleWrite(what: string, args: unknown, change: (style: FakeStyle) => void): void {
    this.write(what, args, (t) => {
      for (const rect of t.rects) forEachCell(rect, (r, c) => change(t.sheet.styleFor(r, c)));
    });
  }
}

export class FakeRangeFormat extends FakeAreasWriter {
  set wrapText(value: boolean) {
    this.styleWrite(`wrapText = ${value}`, value, (s) => {
      s.wrap = value;
    });
  }

  set horizontalAlignment(value: string) {
    if (!HORIZONTAL_ALIGNMENTS.includes(value)) throw invalid(`Bad alignment ${value}`);
    this.styleWrite(`horizontalAlignment = ${value}`, value, (s) => {
      s.align = value;
    });
  }

  /** Points: of the first area's columns when they are all as wide (else null); 0 when hidden. */
  get columnWidth(): number {
    return this.prop('columnWidth');
  }

  /** Points, for every column of the areas. */
  set columnWidth(value: number) {
    this.write(`columnWidth = ${value}`, value, (t) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw invalid(`Bad column width ${value}`);
      }
      for (const rect of t.rects) {
        for (let c = rect.left; c <= rect.right; c++) t.sheet.columnWidths.set(c, value);
      }
    });
  }

  set useStandardWidth(value: boolean) {
    this.write(`useStandardWidth = ${value}`, value, (t) => {
      if (!value) return;
      for (const rect of t.rects) {
        for (const c of [...t.sheet.columnWidths.keys()]) {
          if (c >= rect.left && c <= rect.right) t.sheet.columnWidths.delete(c);
        }
      }
    });
  }

  get font(): FakeRangeFont {
    return this.sub('font', FakeRangeFont);
  }

  get fill(): FakeRangeFill {
    return this.sub('fill', FakeRangeFill);
  }

  get borders(): FakeRangeBorders {
    return this.sub('borders', FakeRangeBorders);
  }
}

/** Excel's standard column width in points (8.43 characters of Calibri 11). */
export const STANDARD_WIDTH_POINTS = 48;

FakeProxy.loadable(FakeRangeFormat, {
  columnWidth: (t: AreasTarget) => {
    const rect = t.rects[0];
    if (!rect) return null;
    const widths = new Set<number>();
    for (let c = rect.left; c <= rect.right; c++)
      widths.add(t.sheet.columnWidths.get(c) ?? STANDARD_WIDTH_POINTS);
    return widths.size === 1 ? [...widths][0] : null;
  },
});

export class FakeRangeFont extends FakeAreasWriter {
  set bold(value: boolean) {
    this.styleWrite(`bold = ${value}`, value, (s) => {
      s.bold = value;
    });
  }

  set italic(value: boolean) {
    this.styleWrite(`italic = ${value}`, value, (s) => {
      s.italic = value;
    });
  }

  set color(value: string) {
    if (!COLOUR.test(value)) throw invalid(`Bad colour ${value}`);
    this.styleWrite(`color = ${value}`, value, (s) => {
      s.color = value;
    });
  }
}

export class FakeRangeFill extends FakeAreasWriter {
  set color(value: string) {
    if (!COLOUR.test(value)) throw invalid(`Bad colour ${value}`);
    this.styleWrite(`color = ${value}`, value, (s) => {
      s.fill = value;
    });
  }
}

export class FakeRangeBorders extends FakeProxy {
  getItem(index: string): FakeRangeBorder {
    return this.child(`getItem(${index})`, (path) => {
      return new FakeRangeBorder(this.ctx, path, () => {
        if (!BORDER_INDEXES.includes(index)) throw invalid(`Bad border index ${index}`);
        return { ...this.need<AreasTarget>(), index };
      });
    });
  }
}

export class FakeRangeBorder extends FakeProxy {
  /** A line on the index's edges of each area (inside edges: between its cells). */
  set style(value: string) {
    this.queue(`style = ${value}`, value, (t: AreasTarget & { index: string }) => {
      ownSheetOnly(this.fake, t.sheet, `${this.path}.style = ${value}`);
      if (!BORDER_STYLES.includes(value)) throw invalid(`Bad border style ${value}`);
      for (const rect of t.rects) {
        forEachCell(rect, (r, c) => {
          const edges: FakeEdge[] = [];
          if (t.index === 'EdgeTop' && r === rect.top) edges.push('top');
          if (t.index === 'EdgeBottom' && r === rect.bottom) edges.push('bottom');
          if (t.index === 'EdgeLeft' && c === rect.left) edges.push('left');
          if (t.index === 'EdgeRight' && c === rect.right) edges.push('right');
          if (t.index === 'InsideHorizontal') {
            if (r > rect.top) edges.push('top');
            if (r < rect.bottom) edges.push('bottom');
          }
          if (t.index === 'InsideVertical') {
            if (c > rect.left) edges.push('left');
            if (c < rect.right) edges.push('right');
          }
          if (edges.length === 0) return;
          const style = t.sheet.styleFor(r, c);
          for (const edge of edges) {
            if (value === 'None') style.borders.delete(edge);
            else style.borders.add(edge);
          }
        });
      }
    });
  }
}
