/**
 * A rule's formula is stored as XML text in the workbook: a pinned text with control characters
 * (typed or pasted into a result cell) must not put characters XML cannot hold into it.
 */
import { describe, expect, it } from 'vitest';
import { markRuleFormula } from '../src/annex/marks.js';

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML 1.0 cannot hold
  /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('pinned texts in rule formulas', () => {
  it('writes control characters as CHAR(n), joined to the rest of the text', () => {
    expect(markRuleFormula({ kind: 'text', text: 'abc\u0001def' }, 'K8')).toBe(
      'AND(ISTEXT(K8),TRIM(K8)="abc"&CHAR(1)&"def",N("chitieu")=0)',
    );
    expect(markRuleFormula({ kind: 'text', text: '\u001bx\r' }, 'K8')).toBe(
      'AND(ISTEXT(K8),TRIM(K8)=CHAR(27)&"x"&CHAR(13),N("chitieu")=0)',
    );
  });

  it('leaves ordinary texts, quotes, tabs and line breaks as they were', () => {
    expect(markRuleFormula({ kind: 'text', text: 'đạt "tốt"\n\t1' }, 'K8')).toBe(
      'AND(ISTEXT(K8),TRIM(K8)="đạt ""tốt""\n\t1",N("chitieu")=0)',
    );
  });

  it('never puts a character XML cannot hold into a formula, long texts included', () => {
    const texts = [
      '\u0000\u0007\u000b\u000c\u001f',
      `a\ud800b\udc00c\ufffe\uffff`,
      `${'\u0001'.repeat(300)}${'x'.repeat(300)}`,
      `${'y'.repeat(400)}\u0002`,
    ];
    for (const text of texts) {
      const formula = markRuleFormula({ kind: 'text', text }, 'K8');
      expect(NOT_XML.test(formula), JSON.stringify(text)).toBe(false);
      expect(formula.length).toBeLessThanOrEqual(8192);
    }
  });
});
