/**
 * Reading never throws, whatever the bytes: random data, mutated and truncated workbooks, and
 * random XML inside a well-formed package.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listSheets, type ReadResult, readWorkbook } from '../src/index.js';
import { useInflater } from '../src/zip.js';
import { rawWorkbook, rawWorkbookParts, stylesXml, zipParts } from './helpers.js';

const CODES = new Set([
  'empty-file',
  'not-a-zip',
  'corrupt-zip',
  'old-xls',
  'encrypted',
  'zip-bomb',
  'too-large',
  'not-a-workbook',
  'unreadable',
]);

function check(data: Uint8Array): void {
  let result: ReadResult | undefined;
  expect(() => {
    result = readWorkbook(data);
    listSheets(data);
  }).not.toThrow();
  if (result !== undefined && !result.ok) {
    expect(CODES.has(result.error.code)).toBe(true);
    expect(result.error.message.length).toBeGreaterThan(0);
  }
}

const base = rawWorkbook({
  sheets: [
    {
      name: 'Phụ lục',
      rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.745</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>',
      after: '<mergeCells><mergeCell ref="A2:B3"/></mergeCells>',
    },
    { name: 'Ẩn', rows: '<row r="2"><c r="B2" t="b"><v>1</v></c></row>', state: 'hidden' },
  ],
  sharedStrings: ['Tỷ lệ'],
  styles: stylesXml([0, 10]),
});
const stored = zipParts(
  rawWorkbookParts({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] }),
  0,
);

describe('reading never throws', () => {
  it('on random bytes, with or without a zip signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, pk) => {
        const data = pk ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
        check(data);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['auto', 'fflate'] as const)(
    'on mutated and truncated workbooks (inflater: %s)',
    (inflater) => {
      useInflater(inflater);
      try {
        fc.assert(
          fc.property(
            fc.constantFrom(base, stored),
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 8,
            }),
            fc.option(fc.nat(), { nil: undefined }),
            (original, mutations, cut) => {
              const data = original.slice();
              for (const [at, byte] of mutations) data[at % data.length] = byte;
              check(cut === undefined ? data : data.subarray(0, cut % data.length));
            },
          ),
          { numRuns: 300 },
        );
      } finally {
        useInflater('auto');
      }
    },
  );

  it('on random XML inside a well-formed package', () => {
    const piece = fc.constantFrom(
      '<row r="1">',
      '<row r="x">',
      '</row>',
      '<c r="A1">',
      '<c r="B2" t="s">',
      '<c t="inlineStr">',
      '<c t="d">',
      '<c t="b">',
      '<c t="e">',
      '<c s="99">',
      '<c r="ZZZZ9">',
      '</c>',
      '<v>1</v>',
      '<v>0</v>',
      '<v>abc</v>',
      '<v>2025-03-31</v>',
      '<is><t>x</t></is>',
      '<f>A1</f>',
      '<sheetData>',
      '</sheetData>',
      '<mergeCell ref="A1:B2"/>',
      '&amp;',
      '&#x0;',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '"',
      "'",
      '<',
      '>',
      '/>',
      'text',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(piece, { maxLength: 10 }),
        (sheet, sst) => {
          const data = zipParts(
            rawWorkbookParts({
              sheets: [{ name: 'S', xml: `<worksheet><sheetData>${sheet.join('')}` }],
              sharedStrings: `<sst><si>${sst.join('')}</si></sst>`,
              styles: stylesXml([0, 9, 14]),
            }),
          );
          check(data);
        },
      ),
      { numRuns: 300 },
    );
  });
});
