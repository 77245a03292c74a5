/**
 * Test seams: the tests replace these to make a sheet's check, a copy's making or a write fail
 * the way a bug or a full disk would. The command line itself never changes them.
 */
import { writeFile } from 'node:fs/promises';
import { checkSheet } from '@chitieu/engine';
import { annotateWorkbook } from '@chitieu/xlsx';

export const seams: {
  checkSheet: typeof checkSheet;
  annotateWorkbook: typeof annotateWorkbook;
  /** Writes one file of the output set (into the run's temporary folder). */
  writeFile: (path: string, data: Uint8Array | string) => Promise<void>;
} = {
  checkSheet,
  annotateWorkbook,
  writeFile: (path, data) => writeFile(path, data),
};
