/**
 * Text normalisation for matching what people type against what documents say:
 * insensitive to diacritics, case, punctuation, spacing and line breaks.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** "Tỷ lệ  số hóa\nhồ sơ, kết quả" → "ty le so hoa ho so ket qua". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(NON_WORD, ' ')
    .trim();
}

/** Splits an agency list as written in the "Cơ quan chủ trì/phối hợp" columns: "A, B; C". */
export function splitAgencies(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
