/**
 * Custom properties of a worksheet (by key, without case; a value is a string) and the
 * document's settings: what the add-in records in the workbook.
 */
import { invalid } from './errors.js';
import type { FakeExcel } from './excel.js';
import { bytes, FakeProxy } from './proxy.js';
import type { FakeSheet } from './sheet.js';

interface PropertyTarget {
  readonly sheet: FakeSheet;
  readonly key: string;
}

export class FakeCustomPropertyCollection extends FakeProxy {
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, `${this.path}.getItemOrNullObject(${key})`).bindWhenRun(
      key.length,
      () => {
        const sheet = this.need<FakeSheet>();
        return sheet.properties.has(key.toLowerCase()) ? { sheet, key } : null;
      },
    );
  }

  add(key: string, value: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, `${this.path}.add(${key})`).bindWhenRun(
      key.length + bytes(value),
      () => {
        const sheet = this.need<FakeSheet>();
        if (key.length > 255) throw invalid('A custom property key has at most 255 characters.');
        if (typeof value !== 'string') throw invalid('A custom property value is a string.');
        sheet.properties.set(key.toLowerCase(), { key, value });
        return { sheet, key };
      },
    );
  }
}

export class FakeCustomProperty extends FakeProxy {
  declare readonly key: string;
  declare readonly value: string;

  delete(): void {
    this.queue('delete()', null, (t: PropertyTarget) => {
      t.sheet.properties.delete(t.key.toLowerCase());
    });
  }
}
FakeProxy.loadable(FakeCustomProperty, {
  key: (t: PropertyTarget) => t.sheet.properties.get(t.key.toLowerCase())?.key,
  value: (t: PropertyTarget) => t.sheet.properties.get(t.key.toLowerCase())?.value,
});

/**
 * `Office.context.document.settings`: kept in memory as JSON (`fake.settings`), and as saved
 * (`fake.savedSettings`) by saveAsync, which `fake.failNextSave` makes fail once (a read-only file).
 */
export function documentSettings(fake: FakeExcel) {
  return {
    get: (key: string): unknown =>
      key in fake.settings ? JSON.parse(fake.settings[key] as string) : null,
    set: (key: string, value: unknown) => {
      fake.calls.push(`settings.set(${key})`);
      fake.settings[key] = JSON.stringify(value);
    },
    remove: (key: string) => {
      delete fake.settings[key];
    },
    saveAsync: (callback?: (result: unknown) => void) => {
      fake.calls.push('settings.saveAsync');
      const failed = fake.failNextSave;
      fake.failNextSave = false;
      if (!failed) fake.savedSettings = { ...fake.settings };
      setTimeout(() =>
        callback?.(
          failed
            ? { status: 'failed', error: { message: 'The file is read-only.' } }
            : { status: 'succeeded' },
        ),
      );
    },
  };
}
