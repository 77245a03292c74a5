/**
 * A copy made from the reader the workbook was checked with (`annotateWorkbook`'s `reader`, the
 * command line's --out) is the copy made from the bytes alone, byte for byte: what the reader
 * remembers of a sheet it read (where conditional formats go, the largest cell format, the text)
 * is what reading it again finds. A reader of other bytes is not used.
 */
import { readFileSync } from 'node:fs';
import { checkSheet, type SheetCheck } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../src/annotate/index.js';
import { parseStyles } from '../src/parts.js';
import { locateSheet, openWorkbook, readerStyles, type WorkbookReader } from '../src/workbook.js';
import { partText } from '../src/zip.js';
import { MAIN_NS, rawWorkbook } from './helpers.js';

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const NAMES = [
  'so-cong-thuong.xlsx',
  'so-giao-duc-va-dao-tao.xlsx',
  'so-noi-vu.xlsx',
  'so-tu-phap.xlsx',
  'so-tu-phap-ban-sua.xlsx',
  'so-y-te.xlsx',
  'du-toan-kinh-phi.xlsx',
];
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));

/** A workbook whose sheet has conditional formats and a data validation after its cells. */
const WITH_EXTRAS = rawWorkbook({
  sheets: [
    {
      name: 'S',
      rows: '<row r="1"><c r="A1" s="2"><v>1</v></c></row>',
      after: `<conditionalFormatting sqref="A1"><cfRule type="expression" priority="3" dxfId="0"><formula>A1&gt;0</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation sqref="B1" type="whole"/></dataValidations>`,
    },
  ],
  styles: `<styleSheet xmlns="${MAIN_NS}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs></styleSheet>`,
});

/** Each sheet read and checked as the command line reads and checks it, on one reader. */
function checked(bytes: Uint8Array, keepSheetTexts: boolean) {
  const opened = openWorkbook(bytes, { keepSheetTexts });
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  const reader = opened.data;
  const checks: { sheet: string; result: SheetCheck }[] = [];
  for (const info of reader.sheets) {
    const read = reader.readSheet(info);
    if (read.success) checks.push({ sheet: info.name, result: checkSheet(read.data.grid) });
  }
  return { reader, checks };
}

function copyOf(
  bytes: Uint8Array,
  checks: { sheet: string; result: SheetCheck }[],
  reader?: WorkbookReader,
) {
  const result = annotateWorkbook(bytes, checks, { ...(reader ? { reader } : {}), notes: true });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data.bytes;
}

describe('a copy made from the reader the workbook was checked with', () => {
  const workbooks = [
    ...NAMES.map((name) => ({ name, bytes: example(name) })),
    { name: 'extras', bytes: WITH_EXTRAS },
  ];

  it('finds the places of a sheet it read where reading it again finds them', () => {
    for (const { name, bytes } of workbooks) {
      const fresh = openWorkbook(bytes);
      const { reader } = checked(bytes, false);
      if (!fresh.success) throw new Error(name);
      for (const info of fresh.data.sheets) {
        if (info.part === '') continue;
        const again = locateSheet(fresh.data, info);
        const remembered = locateSheet(reader, info);
        expect({ name, sheet: info.name, ...remembered }).toEqual({
          name,
          sheet: info.name,
          conditionalFormattingAt: again.conditionalFormattingAt,
          maxStyle: again.maxStyle,
        });
      }
    }
    // the workbook with extras: conditional formats go before the validation, style 2 is used
    const { reader } = checked(WITH_EXTRAS, false);
    const place = locateSheet(reader, reader.sheets[0] as (typeof reader.sheets)[0]);
    expect(place.maxStyle).toBe(2);
    expect(place.conditionalFormattingAt).toBeGreaterThan(0);
  });

  it('is the copy made from the bytes alone, with or without the texts kept', () => {
    let marked = 0;
    for (const { name, bytes } of workbooks) {
      const { checks } = checked(bytes, false);
      const alone = copyOf(bytes, checks);
      for (const keep of [true, false]) {
        const { reader, checks: again } = checked(bytes, keep);
        expect({
          name,
          keep,
          same: Buffer.compare(copyOf(bytes, again, reader), alone) === 0,
        }).toEqual({
          name,
          keep,
          same: true,
        });
      }
      if (checks.some((c) => c.result.markPlan.rules.length > 0)) marked++;
    }
    // copies with marks among them, not only report sheets
    expect(marked).toBeGreaterThanOrEqual(4);
  });

  it('keeps sheet texts up to the characters it is given, and the copy is the same past them', () => {
    let marked = 0;
    for (const { name, bytes } of workbooks) {
      const { checks } = checked(bytes, false);
      const alone = copyOf(bytes, checks);
      // 1 character: nothing kept; 30,000: the sheets that fit in it, in the order read
      for (const keep of [1, 30_000]) {
        const opened = openWorkbook(bytes, { keepSheetTexts: keep });
        if (!opened.success) throw new Error(name);
        const again: { sheet: string; result: SheetCheck }[] = [];
        for (const info of opened.data.sheets) {
          const read = opened.data.readSheet(info);
          if (read.success) again.push({ sheet: info.name, result: checkSheet(read.data.grid) });
        }
        expect({
          name,
          keep,
          same: Buffer.compare(copyOf(bytes, again, opened.data), alone) === 0,
        }).toEqual({
          name,
          keep,
          same: true,
        });
      }
      if (checks.length > 1) marked++; // workbooks of several sheets among them
    }
    expect(marked).toBeGreaterThan(0);
  });

  it('does not use a reader of other bytes', () => {
    const a = example('so-y-te.xlsx');
    const b = example('so-noi-vu.xlsx');
    const { checks } = checked(a, false);
    const { reader: other } = checked(b, true);
    // a copy of the very bytes is a copy: equal bytes in another array are not the same reading
    expect(Buffer.compare(copyOf(a, checks, other), copyOf(a, checks))).toBe(0);
    const { reader: twin } = checked(a.slice(), true);
    expect(Buffer.compare(copyOf(a, checks, twin), copyOf(a, checks))).toBe(0);
  });

  it("edits the package's own texts, read once for packages that store the same bytes", () => {
    const a = openWorkbook(example('so-y-te.xlsx'));
    const b = openWorkbook(example('so-y-te.xlsx').slice());
    const c = openWorkbook(WITH_EXTRAS);
    if (!a.success || !b.success || !c.success) throw new Error('cannot open');
    for (const part of ['xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml']) {
      const text = partText(a.data.package, part);
      expect(text).toBe(a.data.package.text(part));
      // the same string for a package that stores the same bytes, not decoded again
      expect(Object.is(partText(b.data.package, part), text)).toBe(true);
      expect(partText(c.data.package, part)).toBe(c.data.package.text(part));
    }
    for (const r of [a.data, c.data])
      expect(readerStyles(r)).toEqual(
        parseStyles(r.package.text(r.stylesPart as string), r.stylesPart as string),
      );
  });
});
