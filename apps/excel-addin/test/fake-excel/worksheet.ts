/**
 * A worksheet: its ranges (the used range, by address, by indexes, several areas), activation,
 * protection, frozen rows, custom properties, notes and change events. The freeze panes, like
 * every cell write, work on the add-in's own sheets only.
 */
import { EXCEL_MAX_COLUMN, EXCEL_MAX_ROW } from '@chitieu/engine';
import { invalid } from './errors.js';
import { FakeEventHandlers } from './events.js';
import { parseRect } from './geometry.js';
import { FakeNoteCollection } from './notes.js';
import { FakeCustomPropertyCollection } from './properties.js';
import { FakeProxy } from './proxy.js';
import { FakeRange, FakeRangeAreas } from './range.js';
import { type FakeSheet, ownSheetOnly } from './sheet.js';

/** Workbook or worksheet protection: `protected` only. */
export class FakeProtection extends FakeProxy {
  declare readonly protected: boolean;
}
FakeProxy.loadable(FakeProtection, {
  protected: (t: { isProtected: () => boolean }) => t.isProtected(),
});

export class FakeWorksheet extends FakeProxy {
  declare readonly name: string;
  declare readonly position: number;
  declare readonly visibility: 'Visible' | 'Hidden' | 'VeryHidden';

  get customProperties(): FakeCustomPropertyCollection {
    return this.sub('customProperties', FakeCustomPropertyCollection);
  }

  get protection(): FakeProtection {
    return this.sub('protection', FakeProtection, () => {
      const sheet = this.need<FakeSheet>();
      return { isProtected: () => sheet.sheetProtected };
    });
  }

  get freezePanes(): FakeFreezePanes {
    return this.sub('freezePanes', FakeFreezePanes);
  }

  get notes(): FakeNoteCollection {
    return this.sub('notes', FakeNoteCollection);
  }

  get onChanged(): FakeEventHandlers {
    return this.sub('onChanged', FakeEventHandlers);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
    ).bindWhenRun(0, () => {
      const sheet = this.need<FakeSheet>();
      const rect = sheet.usedRect(valuesOnly);
      return rect ? { sheet, rect } : null;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRange(${address ?? ''})`).bindWhenRun(
      address?.length ?? 0,
      () => {
        const sheet = this.need<FakeSheet>();
        const rect =
          address === undefined
            ? { top: 0, left: 0, bottom: EXCEL_MAX_ROW, right: EXCEL_MAX_COLUMN }
            : parseRect(address);
        return { sheet, rect };
      },
    );
  }

  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
    ).bindWhenRun(32, () => {
      const sheet = this.need<FakeSheet>();
      if (rowCount < 1 || columnCount < 1) throw invalid('Empty range.');
      const rect = {
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      };
      return { sheet, rect };
    });
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.getRanges(${address})`).bindWhenRun(
      address.length,
      () => {
        const sheet = this.need<FakeSheet>();
        if (address.length > this.fake.addressLimit) {
          throw invalid('The argument is invalid or missing or has an incorrect format.');
        }
        const parts = address.split(',').map((p) => p.trim());
        return { sheet, rects: parts.map(parseRect), ranges: parts };
      },
    );
  }

  activate(): void {
    this.queue('activate()', null, (sheet: FakeSheet) => {
      this.fake.active = sheet.name;
    });
  }
}
FakeProxy.loadable(FakeWorksheet, {
  name: (sheet: FakeSheet) => sheet.name,
  position: (sheet: FakeSheet, fake) => fake.sheets.indexOf(sheet),
  visibility: (sheet: FakeSheet) => sheet.visibility,
});

export class FakeFreezePanes extends FakeProxy {
  freezeRows(count = 1): void {
    this.queue(`freezeRows(${count})`, count, (sheet: FakeSheet) => {
      ownSheetOnly(this.fake, sheet, `${this.path}.freezeRows(${count})`);
      if (!Number.isInteger(count) || count < 0) throw invalid(`Bad row count ${count}`);
      sheet.frozenRows = count;
    });
  }

  unfreeze(): void {
    this.queue('unfreeze()', null, (sheet: FakeSheet) => {
      ownSheetOnly(this.fake, sheet, `${this.path}.unfreeze()`);
      sheet.frozenRows = 0;
    });
  }
}
