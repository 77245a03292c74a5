/**
 * `context.workbook`: its worksheets (by name, the active one, added by the add-in) and the
 * workbook's structure protection.
 */
import type { FakeContext } from './context.js';
import { FakeCustomXmlParts } from './custom-xml.js';
import { FakeOfficeError, invalid } from './errors.js';
import { FakeProxy } from './proxy.js';
import { FakeProtection, FakeWorksheet } from './worksheet.js';

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeProtection;
  readonly customXmlParts: FakeCustomXmlParts;
  constructor(ctx: FakeContext) {
    this.customXmlParts = new FakeCustomXmlParts(ctx, 'customXmlParts', () => ctx.fake);
    this.worksheets = new FakeWorksheetCollection(ctx, 'worksheets', () => ctx.fake);
    this.protection = new FakeProtection(ctx, 'workbook.protection', () => ({
      isProtected: () => ctx.fake.structureProtected,
    }));
  }
}

const FORBIDDEN_SHEET_NAME = /[[\]:*?/\\]/;

export class FakeWorksheetCollection extends FakeProxy {
  get items(): FakeWorksheet[] {
    return this.loadedItemsOf<FakeWorksheet>();
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `worksheets.getItem(${name})`).bindWhenRun(
      name.length,
      () => {
        const sheet = this.fake.sheet(name);
        if (!sheet) {
          throw new FakeOfficeError('ItemNotFound', 'The requested resource does not exist.');
        }
        return sheet;
      },
    );
  }

  /** Adds a sheet at the end, as the add-in's own (the fake lets it write cells there). */
  add(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `worksheets.add(${name})`).bindWhenRun(name.length, () => {
      if (this.fake.structureProtected) {
        throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      }
      if (
        typeof name !== 'string' ||
        name.length === 0 ||
        name.length > 31 ||
        FORBIDDEN_SHEET_NAME.test(name) ||
        name.startsWith("'") ||
        name.endsWith("'") ||
        name.toLowerCase() === 'history'
      ) {
        throw invalid(`Bad worksheet name "${name}".`);
      }
      if (this.fake.sheet(name)) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
      }
      const sheet = this.fake.addSheet(name);
      sheet.createdByAddin = true;
      return sheet;
    });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, 'worksheets.getActiveWorksheet()').bindWhenRun(0, () => {
      const sheet = this.fake.sheet(this.fake.active);
      if (!sheet) throw new FakeOfficeError('ItemNotFound', 'No active worksheet.');
      return sheet;
    });
  }

  protected override makeItems(): FakeProxy[] {
    return this.fake.sheets.map((s, i) =>
      new FakeWorksheet(this.ctx, `worksheets.items[${i}]`).bind(s),
    );
  }
}
