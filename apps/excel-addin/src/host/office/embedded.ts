/**
 * The target sets stored in the workbook, read through Office.js: the custom XML parts of the
 * namespace `chitieu template` writes (`context.workbook.customXmlParts.getByNamespace`, ExcelApi
 * 1.5), each part's text (`getXml`), parsed by the xlsx reader's own parser
 * (`parseEmbeddedTargetSetXml`), so Excel and the command line read a stored set the same way.
 * The parser (and the target-set loader it validates with) is loaded only when the workbook has
 * such a part: a workbook without one costs the pane two syncs and no download.
 *
 * Round trips: 2 (the parts of the namespace with their ids, then every part's XML at once).
 * A part is named by its id (Excel's "{GUID}"): Office.js gives no part names.
 */
import type { EmbeddedSets } from '@chitieu/xlsx';
import { excelRun } from './batch.js';

/**
 * The namespace of the stored set's part: @chitieu/xlsx's EMBEDDED_SET_NAMESPACE, repeated here
 * so the pane's start-up code imports nothing of the reader (a test keeps the two the same).
 */
export const EMBEDDED_SET_NAMESPACE = 'urn:chitieu:embedded-target-set:1';

/** Every target set the workbook stores, and the parts of the format that hold none. */
export async function readEmbeddedSets(): Promise<EmbeddedSets> {
  const parts = await excelRun(undefined, async (context) => {
    const found = context.workbook.customXmlParts.getByNamespace(EMBEDDED_SET_NAMESPACE);
    found.load('items/id');
    await context.sync(); // 1: the parts of the namespace
    const xml = found.items.map((part) => part.getXml());
    if (xml.length > 0) await context.sync(); // 2: their text, all at once
    return found.items.map((part, i) => ({ id: part.id, xml: xml[i]?.value ?? '' }));
  });
  if (parts.length === 0) return { sets: [], problems: [] };
  const { parseEmbeddedTargetSetXml } = await import('@chitieu/xlsx');
  const sets: EmbeddedSets['sets'][number][] = [];
  const problems: EmbeddedSets['problems'][number][] = [];
  for (const { id, xml } of parts) {
    const parsed = parseEmbeddedTargetSetXml(xml, id);
    if (parsed.kind === 'set') sets.push(parsed.set);
    else if (parsed.kind === 'problem') problems.push(parsed.problem);
  }
  return { sets, problems };
}
