/**
 * Text normalisation for matching what people type against what documents say:
 * insensitive to diacritics, case, punctuation, spacing and line breaks.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;
/** Longer texts are folded each time, never kept: the memo stays small over a whole batch. */
const MEMO_TEXT_LIMIT = 512;

/** "Tỷ lệ  số hóa\nhồ sơ, kết quả" → "ty le so hoa ho so ket qua". Memoised: sheets repeat their texts. */
export function normalizeText(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const normalized = fold(text);
  if (text.length > MEMO_TEXT_LIMIT) return normalized;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, normalized);
  return normalized;
}

function fold(text: string): string {
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
