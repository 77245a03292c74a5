/**
 * The report sheet's byte writer (annotate/bytes.ts): its cell text is the UTF-8 of
 * escapeCellText, its text the UTF-8 TextEncoder gives, for every kind of text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlBytes } from '../src/annotate/bytes.js';
import { escapeCellText } from '../src/annotate/parts.js';

const utf8 = new TextEncoder();

function written(write: (out: XmlBytes) => void, size = 8): Uint8Array {
  const out = new XmlBytes(size);
  write(out);
  return out.take().slice();
}

/** Text with what escaping is about: markup, "_xHHHH_", control characters, surrogates. */
const pieces = fc.constantFrom(
  '&',
  '<',
  '>',
  '"',
  "'",
  '_',
  '_x',
  '_x0041_',
  '_x00e9_',
  '_X0041_',
  '_x004_',
  '_x0041',
  '_x12G4_',
  '_x1234_x5678_',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0001',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\ufffe',
  '\uffff',
  '\ufffd',
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  '\ude00\ud83d',
  'Kết quả',
  'Quý IV',
  '✓ Đạt',
  'x',
  '0',
);
const tricky = fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 })), {
  maxLength: 12,
});

describe('XmlBytes.cellText', () => {
  it('writes the UTF-8 of escapeCellText', () => {
    fc.assert(
      fc.property(tricky, (parts) => {
        const text = parts.join('');
        expect(written((out) => out.cellText(text))).toEqual(utf8.encode(escapeCellText(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the same for any string, and grows its buffer as needed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(written((out) => out.cellText(text), 1)).toEqual(utf8.encode(escapeCellText(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes as the reference does, case by case', () => {
    const cases: [string, string][] = [
      ['a<b & "c" > d', 'a&lt;b &amp; &quot;c&quot; &gt; d'],
      ['_x0041_', '_x005F_x0041_'],
      ['_x1234_x5678_', '_x005F_x1234_x5678_'],
      ['_x004_ _X0041_', '_x004_ _X0041_'],
      ['a\rb\u0001c\td\ne', 'a_x000D_b_x0001_c\td\ne'],
      ['\ufffe\uffff', '_xFFFE__xFFFF_'],
      ['\ud83d\ude00 \ud83d \ude00', '\ud83d\ude00 \ufffd \ufffd'],
      ['', ''],
    ];
    for (const [text, expected] of cases) {
      expect(escapeCellText(text)).toBe(expected);
      expect(new TextDecoder().decode(written((out) => out.cellText(text)))).toBe(expected);
    }
  });
});

describe('XmlBytes: text, markup and numbers', () => {
  it('writes text as TextEncoder does (unpaired surrogates as U+FFFD)', () => {
    fc.assert(
      fc.property(tricky, fc.string({ unit: 'binary', maxLength: 200 }), (parts, more) => {
        const text = parts.join('') + more;
        expect(written((out) => out.text(text), 1)).toEqual(utf8.encode(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes ASCII, bytes and digits as they are, one after the other', () => {
    const out = new XmlBytes(4);
    out.ascii('<row r="');
    out.digits(0);
    out.ascii(' ');
    out.digits(1048576);
    out.ascii(' ');
    out.digits(9);
    out.bytes(utf8.encode('">'));
    out.bytes(utf8.encode('x'.repeat(40)));
    expect(new TextDecoder().decode(out.take())).toBe(`<row r="0 1048576 9">${'x'.repeat(40)}`);
    // After a take, writing starts again at the beginning.
    out.digits(42);
    expect(new TextDecoder().decode(out.take())).toBe('42');
  });
});
