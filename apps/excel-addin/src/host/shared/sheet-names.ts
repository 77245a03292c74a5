/**
 * Names of the add-in's own worksheets, and the errors for protected workbooks: shared by the
 * Office.js host and the in-memory host.
 */
import { HostError } from '../types.js';

/** Excel's longest worksheet name. */
export const MAX_SHEET_NAME_LENGTH = 31;
/** What a name that sanitises to nothing becomes. */
const FALLBACK_SHEET_NAME = 'Chỉ Tiêu';
/** Names Excel reserves for itself (compared without case). */
const RESERVED_SHEET_NAMES = new Set(['history']);

/** How Excel compares sheet names: without case (and, here, in one Unicode normal form). */
export function sheetKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The longest prefix of at most `max` UTF-16 units, never splitting a character; no trailing blank or apostrophe. */
function truncateName(name: string, max: number): string {
  let out = '';
  for (const ch of name) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/[\s']+$/u, '');
}

/**
 * A valid worksheet name for `name`: NFC; [ ] become ( ); : * ? / \\ and control characters
 * become "-" or a space; blanks collapsed and trimmed; no apostrophe at either end (Excel
 * refuses it); at most 31 characters. An empty result becomes "Chỉ Tiêu".
 */
export function sanitizeSheetName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .replace(/[:*?/\\]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s']+|[\s']+$/g, '');
  return truncateName(cleaned, MAX_SHEET_NAME_LENGTH) || FALLBACK_SHEET_NAME;
}

/** The n-th name tried for a sanitised base: the base itself, then "base (2)", "base (3)"… within 31 characters. */
export function sheetNameCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = ` (${n})`;
  return `${truncateName(base, MAX_SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
}

/**
 * The names writeSheet may use for `requested`, in order, up to the first free one: `taken` are
 * the existing sheets among them (as the workbook spells them), `free` the first free name.
 * `lookup` gives the existing sheet's name for a candidate (without case), or undefined.
 */
export function sheetNameChain(
  requested: string,
  lookup: (candidate: string) => string | undefined,
): { taken: string[]; free: string } {
  const base = sanitizeSheetName(requested);
  const taken: string[] = [];
  for (let n = 1; ; n++) {
    const candidate = sheetNameCandidate(base, n);
    if (RESERVED_SHEET_NAMES.has(sheetKey(candidate))) continue;
    const existing = lookup(candidate);
    if (existing === undefined) return { taken, free: candidate };
    taken.push(existing);
  }
}

/** The error for a new sheet in a workbook whose structure is protected. */
export function structureProtectedError(sheet: string): HostError {
  return new HostError({ code: 'protected', what: 'structure', sheet });
}

/** The error for rewriting the add-in's own sheet while the user protected it. */
export function sheetProtectedError(sheet: string): HostError {
  return new HostError({ code: 'protected', what: 'sheet', sheet });
}

/** "'Kết quả'!K13": a sheet name quoted for a reference (always quoted, apostrophes doubled). */
export function sheetReference(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}
