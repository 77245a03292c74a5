/** The workbook's own modified date, as the report orders submissions of one unit by it. */
import { describe, expect, it } from 'vitest';
import { workbookModified } from '../src/core-props.js';
import { openWorkbook } from '../src/workbook.js';
import { rawWorkbook, rawWorkbookParts, zipParts } from './helpers.js';

const core = (modified: string, prefix = 'dcterms') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:${prefix}="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><${prefix}:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</${prefix}:created><${prefix}:modified xsi:type="dcterms:W3CDTF">${modified}</${prefix}:modified></cp:coreProperties>`;

function opened(parts: Record<string, string | Uint8Array>) {
  const r = openWorkbook(zipParts(parts));
  if (!r.success) throw new Error(r.error.code);
  return r.data;
}

const base = () => rawWorkbookParts({ sheets: [{ name: 'PL', rows: '' }] });

describe('workbookModified', () => {
  it('reads dcterms:modified from docProps/core.xml, as an ISO instant', () => {
    const parts = base();
    parts['docProps/core.xml'] = core('2026-04-05T08:30:00Z');
    expect(workbookModified(opened(parts))).toBe('2026-04-05T08:30:00.000Z');
  });

  it('follows the package relationship to another part name, and another prefix', () => {
    const parts = base();
    parts['_rels/.rels'] = (parts['_rels/.rels'] as string).replace(
      '</Relationships>',
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/meta/props.xml"/></Relationships>',
    );
    parts['meta/props.xml'] = core('2025-12-31T23:59:59+07:00', 'dc2');
    expect(workbookModified(opened(parts))).toBe('2025-12-31T16:59:59.000Z');
  });

  it('nothing when there is no core part, no date, or not a date', () => {
    expect(workbookModified(opened(base()))).toBeUndefined();
    const empty = base();
    empty['docProps/core.xml'] = core('');
    expect(workbookModified(opened(empty))).toBeUndefined();
    const wrong = base();
    wrong['docProps/core.xml'] = core('hôm qua');
    expect(workbookModified(opened(wrong))).toBeUndefined();
    const r = openWorkbook(rawWorkbook({ sheets: [{ name: 'PL', rows: '' }] }));
    expect(r.success && workbookModified(r.data)).toBeUndefined();
  });
});
