/**
 * `worksheet.notes` (ExcelApi 1.18; below it every call fails the sync with ApiNotFound): one
 * note per cell, on any sheet (a note is not a cell write); `add` on a cell that already has a
 * note, or on more than one cell, fails the sync; `getItem` of a cell without one fails with
 * ItemNotFound, `getItemOrNullObject` gives a null object.
 */
import { areaAddress } from '@chitieu/engine';
import { FakeOfficeError, invalid } from './errors.js';
import { parseRect } from './geometry.js';
import { bytes, FakeProxy, short } from './proxy.js';
import type { FakeSheet } from './sheet.js';

interface NoteTarget {
  readonly sheet: FakeSheet;
  readonly cell: string;
}

/** "c7", "$C$7" → "C7"; one cell only (InvalidArgument otherwise, as Excel). */
function noteKey(address: unknown): string {
  if (typeof address !== 'string') throw new Error('fake: notes take a cell address string here');
  const rect = parseRect(address.replace(/\$/g, ''));
  if (rect.top !== rect.bottom || rect.left !== rect.right) {
    throw invalid(`A note goes on one cell, not ${address}.`);
  }
  return areaAddress(rect);
}

/** `worksheet.notes` (ExcelApi 1.18). */
export class FakeNoteCollection extends FakeProxy {
  private sheetForNotes(): FakeSheet {
    if (!this.fake.supports('1.18')) {
      throw new FakeOfficeError('ApiNotFound', 'The API you are trying to use could not be found.');
    }
    return this.need<FakeSheet>();
  }

  add(cellAddress: string, content: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.add(${cellAddress})`).bindWhenRun(
      bytes(cellAddress) + bytes(content),
      () => {
        const sheet = this.sheetForNotes();
        const cell = noteKey(cellAddress);
        if (typeof content !== 'string') throw invalid('A note’s content is a string.');
        if (sheet.notes.has(cell)) {
          throw new FakeOfficeError('InvalidArgument', `The cell ${cell} already has a note.`);
        }
        sheet.notes.set(cell, content);
        return { sheet, cell };
      },
    );
  }

  getItem(key: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.getItem(${key})`).bindWhenRun(key.length, () => {
      const sheet = this.sheetForNotes();
      const cell = noteKey(key);
      if (!sheet.notes.has(cell)) {
        throw new FakeOfficeError('ItemNotFound', 'The requested resource does not exist.');
      }
      return { sheet, cell };
    });
  }

  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.ctx, `${this.path}.getItemOrNullObject(${key})`).bindWhenRun(
      key.length,
      () => {
        const sheet = this.sheetForNotes();
        const cell = noteKey(key);
        return sheet.notes.has(cell) ? { sheet, cell } : null;
      },
    );
  }
}

export class FakeNote extends FakeProxy {
  get content(): string {
    return this.prop('content');
  }
  set content(value: string) {
    this.queue(`content = ${short(value)}`, value, (t: NoteTarget) => {
      if (typeof value !== 'string') throw invalid('A note’s content is a string.');
      if (!t.sheet.notes.has(t.cell)) {
        throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
      }
      t.sheet.notes.set(t.cell, value);
    });
  }

  delete(): void {
    this.queue('delete()', null, (t: NoteTarget) => {
      if (!t.sheet.notes.delete(t.cell)) {
        throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
      }
    });
  }
}
FakeProxy.loadable(FakeNote, {
  content: (t: NoteTarget) => {
    const content = t.sheet.notes.get(t.cell);
    if (content === undefined) throw new FakeOfficeError('ItemNotFound', `No note on ${t.cell}.`);
    return content;
  },
});
