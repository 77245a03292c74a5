/**
 * Fuzzing, seeded (every run sees the same cases; FUZZ_SEED and FUZZ_CASES override them):
 *
 * - reading never throws, whatever the bytes: random data, mutated and truncated workbooks, and
 *   random XML inside a well-formed package;
 * - the whole pipeline, as the command line runs it, on a few thousand mutated workbooks: the
 *   reader, the engine's check of every sheet read, the annotated copy, and our own reader on
 *   that copy. Mutations are made to the zip's bytes and to the XML of the parts (the sheets,
 *   shared strings, styles, workbook and relationships), the latter re-zipped with valid CRCs
 *   so that they reach the XML parsers. Nothing may throw, and every copy must be readable with
 *   the same sheets (each sheet read from the input read the same from the copy) plus the
 *   summary sheet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkSheet, type SheetCheck } from '@chitieu/engine';
import fc from 'fast-check';
import { strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../src/annotate/index.js';
import {
  listSheets,
  openWorkbook,
  type ReadOptions,
  type ReadResult,
  readWorkbook,
  type XlsxError,
  type XlsxErrorCode,
} from '../src/index.js';
import { useInflater } from '../src/zip.js';
import { MAIN_NS, rawWorkbook, rawWorkbookParts, stylesXml, zipParts } from './helpers.js';

const CODES: ReadonlySet<XlsxErrorCode> = new Set<XlsxErrorCode>([
  'empty-file',
  'not-a-zip',
  'corrupt-zip',
  'old-xls',
  'encrypted',
  'zip-bomb',
  'too-large',
  'not-a-workbook',
  'corrupt-part',
  'missing-part',
  'no-such-sheet',
  'unreadable',
]);

/**
 * An error is plain data: a known code, and fields that are strings or finite numbers (no
 * sentence, no object the runtime threw).
 */
function wellFormed(error: XlsxError): boolean {
  return (
    CODES.has(error.code) &&
    Object.values(error).every(
      (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
    )
  );
}

const SEED = Number(process.env.FUZZ_SEED ?? 20250701);
/** Cases of each of the two pipeline runs (zip bytes, XML); FUZZ_CASES sets both. */
const CASES = Number(process.env.FUZZ_CASES ?? 1500);

function check(data: Uint8Array): void {
  let result: ReadResult | undefined;
  expect(() => {
    result = readWorkbook(data);
    listSheets(data);
  }).not.toThrow();
  if (result !== undefined && !result.success) {
    expect(wellFormed(result.error), JSON.stringify(result.error)).toBe(true);
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
      { numRuns: 300, seed: SEED },
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
          { numRuns: 300, seed: SEED },
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
              sheets: [
                {
                  name: 'S',
                  xml: `<worksheet><sheetData>${sheet.join('')}</sheetData></worksheet>`,
                },
              ],
              sharedStrings: `<sst><si>${sst.join('')}</si></sst>`,
              styles: stylesXml([0, 9, 14]),
            }),
          );
          check(data);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });
});

// ------------------------------------------------------------------------------------------
// The whole pipeline

/** A seeded generator (mulberry32): the same seed, the same cases. */
function generator(seed: number): {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
} {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T };
}
type Rng = ReturnType<typeof generator>;

const EXAMPLES = new URL('../../../examples/nop-quy-2-2025/', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(name, EXAMPLES)));

/**
 * The corpus: real annexes (a commune's, a department's with a second sheet that is no annex),
 * a workbook with no annex, and small hand-made packages (shared strings, styles, a hidden
 * sheet; one stored without compression).
 */
const CORPUS: readonly { name: string; data: Uint8Array }[] = [
  { name: 'xa-tan-tien.xlsx', data: example('xa-tan-tien.xlsx') },
  { name: 'so-noi-vu.xlsx', data: example('so-noi-vu.xlsx') },
  { name: 'du-toan-kinh-phi.xlsx', data: example('du-toan-kinh-phi.xlsx') },
  { name: 'hand-made', data: base },
  {
    name: 'hand-made, stored',
    data: zipParts(
      rawWorkbookParts({
        sheets: [
          {
            name: 'S',
            rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.92</v></c></row>',
          },
        ],
        sharedStrings: ['Tỷ lệ'],
        styles: stylesXml([0, 10]),
      }),
      0,
    ),
  },
];

/** Limits for the fuzz: small enough that no mutated reference makes a huge grid. */
const OPTIONS: ReadOptions = { limits: { maxRows: 5000, maxCells: 200_000 } };

/** Pieces of SpreadsheetML, good and bad, that XML mutations insert. */
const TOKENS: readonly string[] = [
  '<c r="A1" t="s"><v>999</v></c>',
  '<c t="s"><v>-1</v></c>',
  '<c r="B2"><v>1e400</v></c>',
  '<c r="C3"><v>abc</v></c>',
  '<c r="C3" t="b"><v>x</v></c>',
  '<c r="D4" t="q"><v>1</v></c>',
  '<c r="1A"><v>1</v></c>',
  '<c r="ZZZZ9"><v>2</v></c>',
  '<c r="K13" s="8"><v>0.745</v></c>',
  '<c r="E5" t="inlineStr"><is><t>Tỷ lệ</t></is></c>',
  '<c r="F6" t="d"><v>2025-06-30</v></c>',
  '<c r="G7" t="e"><v>#DIV/0!</v></c>',
  '<c r="H8" s="999"><v>1</v></c>',
  '<c r="AB4000"><v>1</v></c>',
  '<row r="0">',
  '<row r="x">',
  '<row r="4999">',
  '<row>',
  '</row>',
  '<c>',
  '</c>',
  '<v>',
  '</v>',
  '<mergeCell ref="A1:C3"/>',
  '<mergeCell ref="B2"/>',
  '<mergeCell ref="Z9:A1"/>',
  '<mergeCells count="1">',
  '</mergeCells>',
  '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>1</formula></cfRule></conditionalFormatting>',
  '<sheetData/>',
  '</sheetData>',
  '</worksheet>',
  '<pageMargins left="0.7"/>',
  '<numFmt numFmtId="164" formatCode="0.0%"/>',
  '<xf numFmtId="164"/>',
  '<xf numFmtId="9"/>',
  '</cellXfs>',
  '<dxfs count="1">',
  '</dxfs>',
  '<fonts/>',
  '<si><t>Stt</t></si>',
  '<si><r><t>Tỷ</t></r><r><t> lệ</t></r></si>',
  '</sst>',
  '<sheet name="Phụ lục" sheetId="9" r:id="rId9"/>',
  '<sheet name="X" sheetId="1" r:id="rId1"/>',
  '</sheets>',
  `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/>`,
  '<Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/>',
  '</Relationships>',
  `<x:worksheet xmlns:x="${MAIN_NS}">`,
  '"',
  "'",
  '<',
  '>',
  '/>',
  '&',
  '&amp;',
  '&#0;',
  '&#x1F;',
  '_x0000_',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?pi x?>',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\r\n',
  'Phụ lục',
  '74,5%',
  '0.745',
];

/** Mutates the zip's bytes: bytes set, bits flipped, runs zeroed or copied, a header hit, a cut. */
function mutateBytes(data: Uint8Array, rng: Rng): Uint8Array {
  const out = data.slice();
  const kind = rng.int(6);
  const count = 1 + rng.int(8);
  if (kind === 0) {
    for (let i = 0; i < count; i++) out[rng.int(out.length)] = rng.int(256);
  } else if (kind === 1) {
    for (let i = 0; i < count; i++) {
      const at = rng.int(out.length);
      out[at] = (out[at] as number) ^ (1 << rng.int(8));
    }
  } else if (kind === 2) {
    const at = rng.int(out.length);
    out.fill(0, at, at + 1 + rng.int(64));
  } else if (kind === 3) {
    const from = rng.int(out.length);
    const to = rng.int(out.length);
    const length = 1 + rng.int(64);
    out.copyWithin(to, from, from + length);
  } else if (kind === 4) {
    // A byte of a local header, a central directory record or the end record.
    const headers: number[] = [];
    for (let i = 0; i + 4 <= out.length; i++) {
      if (out[i] === 0x50 && out[i + 1] === 0x4b && (out[i + 2] as number) <= 6) headers.push(i);
    }
    const at = headers.length > 0 ? rng.pick(headers) : 0;
    for (let i = 0; i < Math.min(count, 3); i++) out[at + 4 + rng.int(42)] = rng.int(256);
  } else {
    return out.subarray(0, rng.int(out.length));
  }
  return out;
}

const decoder = new TextDecoder();

/** Mutates the text of one XML part: ranges deleted or doubled, tokens inserted, digits changed, a cut. */
function mutateText(text: string, rng: Rng): string {
  let s = text;
  const steps = 1 + rng.int(4);
  for (let k = 0; k < steps; k++) {
    const at = rng.int(s.length + 1);
    switch (rng.int(6)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + rng.int(40));
        break;
      case 1: {
        const end = Math.min(s.length, at + 1 + rng.int(200));
        s = s.slice(0, end) + s.slice(at, end) + s.slice(end);
        break;
      }
      case 2:
      case 3:
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at);
        break;
      case 4: {
        // A digit changed: a value, an index, a style, a reference, a size.
        const digits: number[] = [];
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c >= 48 && c <= 57) digits.push(i);
        }
        if (digits.length > 0) {
          const i = rng.pick(digits);
          s = s.slice(0, i) + String(rng.int(10)) + s.slice(i + 1);
        }
        break;
      }
      default:
        s = s.slice(0, at);
    }
  }
  return s;
}

/** Parts the XML mutations go for, and how often. */
function pickPart(names: readonly string[], rng: Rng): string {
  const roll = rng.next();
  const find = (re: RegExp) => names.filter((n) => re.test(n));
  const sheets = find(/^xl\/worksheets\/[^/]+\.xml$/);
  const choice =
    roll < 0.4
      ? sheets
      : roll < 0.55
        ? find(/sharedStrings\.xml$/)
        : roll < 0.75
          ? find(/styles\.xml$/)
          : roll < 0.85
            ? find(/^xl\/workbook\.xml$/)
            : roll < 0.95
              ? find(/\.rels$/)
              : find(/Content_Types/);
  return rng.pick(choice.length > 0 ? choice : names);
}

const unzipped = new Map(CORPUS.map(({ name, data }) => [name, unzipSync(data)]));

/** Mutates the XML of one part (sometimes two) and zips the package again, CRCs valid. */
function mutateXml(name: string, rng: Rng): Uint8Array {
  const parts = unzipped.get(name) as Record<string, Uint8Array>;
  const names = Object.keys(parts);
  const changed = new Map<string, Uint8Array>();
  const times = rng.next() < 0.2 ? 2 : 1;
  for (let k = 0; k < times; k++) {
    const part = pickPart(names, rng);
    const text = decoder.decode(changed.get(part) ?? (parts[part] as Uint8Array));
    changed.set(part, strToU8(mutateText(text, rng)));
  }
  const level = rng.next() < 0.25 ? 0 : 6;
  const files: Zippable = {};
  for (const part of names)
    files[part] = [changed.get(part) ?? (parts[part] as Uint8Array), { level }];
  return zipSync(files);
}

/** What a grid holds, comparable. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value);
}

interface Tally {
  cases: number;
  opened: number;
  sheetsRead: number;
  sheetsChecked: number;
  copies: number;
  failures: string[];
}

function guard<T>(tally: Tally, what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (thrown) {
    const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    tally.failures.push(`${what} threw: ${detail.split('\n').slice(0, 4).join(' | ')}`);
    return undefined;
  }
}

function knownError(tally: Tally, what: string, error: XlsxError): void {
  if (!wellFormed(error)) tally.failures.push(`${what}: unknown error ${JSON.stringify(error)}`);
}

/** One case through the reader, the engine, the annotation and the reader again. */
function pipeline(tally: Tally, label: string, data: Uint8Array): void {
  tally.cases++;
  const opened = guard(tally, `${label}: openWorkbook`, () => openWorkbook(data, OPTIONS));
  if (opened === undefined) return;
  if (!opened.success) {
    knownError(tally, `${label}: openWorkbook`, opened.error);
    return;
  }
  tally.opened++;
  const reader = opened.data;
  const checks: { sheet: string; result: SheetCheck }[] = [];
  /** What each sheet read holds, by its position. */
  const grids = new Map<number, string>();
  for (const [position, info] of reader.sheets.entries()) {
    const read = guard(tally, `${label}: readSheet "${info.name}"`, () => reader.readSheet(info));
    if (read === undefined) continue;
    if (!read.success) {
      knownError(tally, `${label}: readSheet "${info.name}"`, read.error);
      if (read.error.sheet === undefined)
        tally.failures.push(`${label}: the error of sheet "${info.name}" does not name it`);
      continue;
    }
    tally.sheetsRead++;
    grids.set(
      position,
      fingerprint([read.data.grid.rows, read.data.grid.merges, read.data.malformed]),
    );
    const result = guard(tally, `${label}: checkSheet "${info.name}"`, () =>
      checkSheet(read.data.grid),
    );
    if (result === undefined) continue;
    tally.sheetsChecked++;
    checks.push({ sheet: info.name, result });
  }
  const annotated = guard(tally, `${label}: annotateWorkbook`, () =>
    annotateWorkbook(data, checks, OPTIONS),
  );
  if (annotated === undefined) return;
  if (!annotated.success) {
    knownError(tally, `${label}: annotateWorkbook`, annotated.error);
    return;
  }
  tally.copies++;

  // The copy, read by our own reader: the same sheets, the same cells, and the summary sheet.
  const again = guard(tally, `${label}: openWorkbook(copy)`, () =>
    openWorkbook(annotated.data.bytes, OPTIONS),
  );
  if (again === undefined) return;
  if (!again.success) {
    tally.failures.push(`${label}: the copy cannot be opened: ${JSON.stringify(again.error)}`);
    return;
  }
  const names = again.data.sheets.map((s) => s.name);
  const expected = [...reader.sheets.map((s) => s.name), annotated.data.summarySheet];
  if (fingerprint(names) !== fingerprint(expected)) {
    tally.failures.push(
      `${label}: the copy has the sheets ${fingerprint(names)}, not ${fingerprint(expected)}`,
    );
    return;
  }
  for (const [position, grid] of grids) {
    const info = again.data.sheets[position] as (typeof again.data.sheets)[number];
    const name = info.name;
    const read = guard(tally, `${label}: readSheet(copy) "${name}"`, () =>
      again.data.readSheet(info),
    );
    if (read === undefined) continue;
    if (!read.success)
      tally.failures.push(`${label}: sheet "${name}" of the copy: ${JSON.stringify(read.error)}`);
    else if (
      fingerprint([read.data.grid.rows, read.data.grid.merges, read.data.malformed]) !== grid
    )
      tally.failures.push(`${label}: sheet "${name}" reads differently from the copy`);
  }
  const summary = again.data.readSheet(
    again.data.sheets[expected.length - 1] as (typeof again.data.sheets)[number],
  );
  if (!summary.success)
    tally.failures.push(
      `${label}: the summary sheet of the copy: ${JSON.stringify(summary.error)}`,
    );
}

/** FUZZ_DUMP=folder keeps every failing input there (`<kind>-<case>.xlsx`), to look into. */
function dump(kind: string, n: number, data: Uint8Array): void {
  const folder = process.env.FUZZ_DUMP;
  if (folder) writeFileSync(`${folder}/${kind}-${n}.xlsx`, data);
}

function run(kind: 'bytes' | 'xml', seed: number): Tally {
  const tally: Tally = {
    cases: 0,
    opened: 0,
    sheetsRead: 0,
    sheetsChecked: 0,
    copies: 0,
    failures: [],
  };
  const rng = generator(seed);
  for (let n = 0; n < CASES; n++) {
    const { name, data } = CORPUS[n % CORPUS.length] as (typeof CORPUS)[number];
    const mutated = kind === 'bytes' ? mutateBytes(data, rng) : mutateXml(name, rng);
    const before = tally.failures.length;
    pipeline(tally, `${kind} case ${n} (${name}, seed ${seed})`, mutated);
    if (tally.failures.length > before) dump(kind, n, mutated);
  }
  return tally;
}

describe('reader → engine → annotated copy → reader, on mutated workbooks', () => {
  it('the corpus itself goes through: every sheet read and checked, every copy read back', () => {
    const tally: Tally = {
      cases: 0,
      opened: 0,
      sheetsRead: 0,
      sheetsChecked: 0,
      copies: 0,
      failures: [],
    };
    for (const { name, data } of CORPUS) pipeline(tally, name, data);
    expect(tally.failures).toEqual([]);
    expect(tally.copies).toBe(CORPUS.length);
    expect(tally.sheetsChecked).toBe(tally.sheetsRead);
  });

  it.each(['bytes', 'xml'] as const)(
    'mutations of the %s: nothing throws, every copy is readable with the same sheets',
    { timeout: 240_000 },
    (kind) => {
      const tally = run(kind, kind === 'bytes' ? SEED : SEED + 1);
      expect(tally.failures.slice(0, Number(process.env.FUZZ_SHOW ?? 20))).toEqual([]);
      expect(tally.cases).toBe(CASES);
      // The mutations reach every stage: many packages open, sheets are read and checked, and
      // copies are made (else the run would prove little).
      expect(tally.opened).toBeGreaterThan(CASES * (kind === 'bytes' ? 0.3 : 0.6));
      expect(tally.sheetsChecked).toBeGreaterThan(CASES * (kind === 'bytes' ? 0.2 : 0.6));
      expect(tally.copies).toBeGreaterThan(CASES * (kind === 'bytes' ? 0.15 : 0.4));
    },
  );
});
