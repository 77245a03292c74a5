/**
 * Styles added to a workbook's styles.xml in one pass (`appendToCollections`): the same text as
 * adding to each collection in turn, whichever collections the stylesheet has, lacks or closes
 * on themselves, with or without a namespace prefix, and the same failure for one it cannot add to.
 */
import { describe, expect, it } from 'vitest';
import {
  appendToCollection,
  appendToCollections,
  type CollectionAddition,
} from '../src/annotate/parts.js';
import type { XlsxFailure } from '../src/errors.js';
import { parseStyles } from '../src/parts.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A stylesheet with the collections given (each: its inner XML, or null for `<x count="0"/>`). */
function stylesheet(p: string, collections: Record<string, string | null>): string {
  const body = Object.entries(collections)
    .map(([name, inner]) =>
      inner === null
        ? `<${p}${name} count="0"/>`
        : `<${p}${name} count="${(inner.match(/<[^/!?][^>]*?\/?>/g) ?? []).length}">${inner}</${p}${name}>`,
    )
    .join('');
  const xmlns = p === '' ? `xmlns="${NS}"` : `xmlns:${p.slice(0, -1)}="${NS}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${p}styleSheet ${xmlns}>${body}</${p}styleSheet>`;
}

const FONT = (p: string) => `<${p}font><${p}sz val="11"/></${p}font>`;
const FILL = (p: string) => `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`;
const BORDER = (p: string) => `<${p}border/>`;
const XF = (p: string) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;

/** Stylesheets as workbooks have them: full, sparse, self-closing, prefixed, out of the usual. */
function stylesheets(p: string): string[] {
  return [
    stylesheet(p, {
      numFmts: `<${p}numFmt numFmtId="164" formatCode="0.0"/>`,
      fonts: FONT(p),
      fills: FILL(p) + FILL(p),
      borders: BORDER(p),
      cellStyleXfs: XF(p),
      cellXfs: XF(p),
      cellStyles: `<${p}cellStyle name="Normal" xfId="0" builtinId="0"/>`,
      dxfs: null,
    }),
    stylesheet(p, { fonts: FONT(p), cellXfs: XF(p) }),
    stylesheet(p, { cellXfs: XF(p) }),
    stylesheet(p, { numFmts: null, fonts: null, fills: FILL(p), cellXfs: XF(p), dxfs: null }),
    stylesheet(p, {}),
    // a count that says less than there is, and none at all
    stylesheet(p, { fonts: FONT(p) + FONT(p), cellXfs: XF(p) }).replace(
      `<${p}fonts count="2">`,
      `<${p}fonts count="1">`,
    ),
    stylesheet(p, { fills: FILL(p), borders: BORDER(p) }).replace(
      ` count="1">${FILL(p)}`,
      `>${FILL(p)}`,
    ),
    stylesheet(p, { fonts: FONT(p), extLst: `<${p}ext uri="x"/>` }),
  ];
}

function additions(p: string, seed: number): CollectionAddition[] {
  const all: CollectionAddition[] = [
    { collection: 'numFmts', children: [`<${p}numFmt numFmtId="200" formatCode="0%"/>`] },
    { collection: 'fonts', children: [FONT(p), `<${p}font><${p}b/></${p}font>`] },
    { collection: 'fills', children: [FILL(p)] },
    { collection: 'borders', children: [BORDER(p)] },
    { collection: 'cellXfs', children: [XF(p), XF(p), XF(p)] },
    { collection: 'dxfs', children: [`<${p}dxf><${p}font><${p}b/></${p}font></${p}dxf>`] },
  ];
  // a different selection of the collections for each seed, in the schema's order
  return all.filter((_, i) => ((seed >> i) & 1) === 1);
}

describe('appendToCollections', () => {
  for (const p of ['', 'x:']) {
    it(`gives the text and indexes of adding to each collection in turn (prefix "${p}")`, () => {
      let cases = 0;
      for (const xml of stylesheets(p))
        for (let seed = 1; seed < 64; seed++) {
          const adds = additions(p, seed);
          let turn = xml;
          const turnIndex: number[] = [];
          for (const a of adds) {
            const one = appendToCollection(turn, p, a.collection, a.children);
            turn = one.xml;
            turnIndex.push(one.firstIndex);
          }
          const once = appendToCollections(xml, p, adds);
          expect(once.xml).toBe(turn);
          expect(once.firstIndex).toEqual(turnIndex);
          // and the reader sees the styles added after the ones there were
          const before = parseStyles(xml, 'xl/styles.xml');
          const after = parseStyles(once.xml, 'xl/styles.xml');
          for (const [i, a] of adds.entries())
            expect(after.places.get(a.collection)?.children).toBe(
              (once.firstIndex[i] as number) + a.children.length,
            );
          expect(after.cellFormats.slice(0, before.cellFormats.length)).toEqual(before.cellFormats);
          cases++;
        }
      expect(cases).toBe(8 * 63);
    });
  }

  it('leaves a collection asked only for its place as it is, and fails where adding would', () => {
    const xml = stylesheet('', { numFmts: null, fonts: FONT(''), cellXfs: XF('') });
    const placeOnly = appendToCollections(xml, '', [
      { collection: 'numFmts', children: [], placeOnly: true },
      { collection: 'fills', children: [], placeOnly: true },
      { collection: 'fonts', children: [], placeOnly: true },
    ]);
    expect(placeOnly).toEqual({ xml, firstIndex: [0, 0, 1] });
    // no end tag and nothing after dxfs: no place for them
    const broken = `<styleSheet xmlns="${NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs>`;
    const error = {
      code: 'corrupt-part',
      reason: 'no-end-tag',
      element: 'styleSheet',
      part: 'xl/styles.xml',
    };
    for (const placeOnlyToo of [false, true]) {
      let thrown: unknown;
      try {
        appendToCollections(broken, '', [
          { collection: 'dxfs', children: [], placeOnly: placeOnlyToo },
        ]);
      } catch (e) {
        thrown = e;
      }
      expect((thrown as XlsxFailure | undefined)?.error).toEqual(error);
    }
  });
});
