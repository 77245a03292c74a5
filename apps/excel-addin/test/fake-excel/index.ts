/**
 * A fake of exactly the Office.js objects the add-in uses (like office-addin-mock), with the
 * batching semantics that matter, one file per Excel concept:
 * - context.ts: every method call and property write is QUEUED and runs only at
 *   `context.sync()`, in order (an object created by a call, e.g. `getUsedRangeOrNullObject()`,
 *   is what Excel would return at that point of the batch); a failing operation fails the sync:
 *   the operations before it stay applied, the ones after it never run, and nothing it loaded
 *   becomes readable (as in Excel, batches are not atomic); requests and responses over
 *   `payloadLimit` bytes fail with Excel's error codes; `fault` fails a chosen operation, as
 *   Excel fails one half-way through a batch;
 * - proxy.ts: loaded properties are readable only after the sync that loaded them; reading one
 *   earlier, or one that was never loaded, throws (so a missing load or sync is caught);
 * - workbook.ts, worksheet.ts: the sheets, adding one (the add-in's own), protection, freezing;
 * - range.ts, range-format.ts: writing a cell's values, number format, format, hyperlink, merge
 *   or freeze panes fails the sync on any sheet the add-in did not create (`worksheets.add`): the
 *   add-in must never write a user's cells; on its own sheets it may. Formulas are never
 *   written. A text written to a cell that is not Text ("@") is read as Excel would: "01" or
 *   "12.5%" becomes a number, "=…" a formula (here the error #NAME?);
 * - conditional-formats.ts: rules added at the top, Excel's known failures reading them
 *   (OfficeDev/office-js#6827, #6835, #5222, #2180), `getItemOrNullObject(id)` from ExcelApi
 *   1.14, `getItem(id)` of a missing id failing with ItemNotFound, `clearAll()` refused;
 * - notes.ts: `worksheet.notes` (ExcelApi 1.18);
 * - properties.ts: worksheet custom properties and the document's settings;
 * - custom-xml.ts: the workbook's custom XML parts, by namespace, and their text;
 * - events.ts: `worksheet.onChanged`, the user's edits played by `fireChanged`, the add-in's own
 *   value writes reported after the sync (with triggerSource "ThisLocalAddin" from 1.14);
 * - sheet.ts: what the workbook holds, as data; geometry.ts: rectangles of cells;
 * - excel.ts: the fake Excel itself, what a user does in it, and `install()`.
 * Every call is logged in `calls`; every sync is counted in `syncs`.
 */
export { unreadableRule } from './conditional-formats.js';
export type { FakeXmlPart } from './custom-xml.js';
export { FakeOfficeError } from './errors.js';
export type { FakeChangedEvent, FakeChangeHandler } from './events.js';
export { FakeExcel, type FakeExcelOptions } from './excel.js';
export type { Rect } from './geometry.js';
export {
  type FakeCell,
  type FakeEdge,
  type FakeHyperlink,
  type FakeRule,
  FakeSheet,
  type FakeStyle,
  type FakeValueType,
  fakeCell,
} from './sheet.js';
