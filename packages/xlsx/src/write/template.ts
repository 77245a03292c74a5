/**
 * The annex template as a workbook (`chitieu template`): the engine's `annexTemplate` sheet — the
 * one the add-in's "Chèn mẫu phụ lục" inserts — in a new .xlsx, with the target set stored in it
 * (`embedded.ts`) for the sheet. For one level (and unit), only the target row that applies to
 * it is laid out, chosen as a check chooses it (`applicableRow`: a row naming the unit's agency,
 * else the row of its level); the stored set is always the whole set, so its fingerprint is
 * that of the office's file.
 */
import {
  annexTemplate,
  type TargetSet,
  templateLayoutSet,
  templateSheetName,
} from '@chitieu/engine';
import { embeddedTargetSetItem } from '../embedded.js';
import { targetSetFingerprint } from '../embedded-fingerprint.js';
import { writeWorkbook } from './workbook.js';

export interface TemplateWorkbookOptions {
  /** Written after "Đơn vị báo cáo: "; empty when absent. */
  readonly unitName?: string;
  /** A level id of the set: only the rows that apply to it (and to `unitName`) are laid out. */
  readonly level?: string;
  /** The deflate level, 0–9. */
  readonly compressionLevel?: number;
}

export interface TemplateWorkbook {
  readonly bytes: Uint8Array;
  /** The sheet's name. */
  readonly sheet: string;
  /** How many indicators the sheet lists. */
  readonly indicators: number;
  /** The stored set's fingerprint (SHA-256 of its canonical JSON). */
  readonly fingerprint: string;
}

/** The template workbook of `set`; throws only for a set whose sheet cannot be written. */
export function writeTemplateWorkbook(
  set: TargetSet,
  options: TemplateWorkbookOptions = {},
): TemplateWorkbook {
  const layout = templateLayoutSet(set, options.level, options.unitName);
  const sheet = templateSheetName(set.year);
  const content = annexTemplate(layout, {
    ...(options.unitName?.trim() ? { unitName: options.unitName.trim() } : {}),
  });
  const bytes = writeWorkbook([{ name: sheet, content }], {
    customXml: [embeddedTargetSetItem(set, [sheet])],
    ...(options.compressionLevel !== undefined
      ? { compressionLevel: options.compressionLevel }
      : {}),
  });
  return {
    bytes,
    sheet,
    indicators: layout.indicators.length,
    fingerprint: targetSetFingerprint(set),
  };
}
