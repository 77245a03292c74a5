/**
 * Text normalisation for matching what people type against what documents say:
 * insensitive to diacritics, case, punctuation, spacing and line breaks.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;
/** The memo is also bounded by the characters it holds, so long texts cannot pile up over a batch. */
const MEMO_CHARS_LIMIT = 4_000_000;
let memoChars = 0;

/** "Tỷ lệ  số hóa\nhồ sơ, kết quả" → "ty le so hoa ho so ket qua". Memoised: sheets repeat their texts. */
export function normalizeText(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const normalized = fold(text);
  if (memo.size >= MEMO_LIMIT || memoChars + text.length > MEMO_CHARS_LIMIT) {
    memo.clear();
    memoChars = 0;
  }
  memoChars += text.length + normalized.length;
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
