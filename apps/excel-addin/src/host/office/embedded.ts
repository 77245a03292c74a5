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
 *
 * Storing a set (`storeEmbeddedSet`): the part's XML is the xlsx writer's own
 * (`embeddedTargetSetXml`, loaded when first stored), added with `customXmlParts.add`; the parts
 * already there change as shared/embedded-plan.ts says (an earlier copy of the same set id
 * deleted, another set's part narrowed with `setXml` or moved after the new one). Round trips:
 * 3 (the parts, their XML, then every change and the new part's id at once; 2 when there is no part
 * of the namespace yet).
 */
import type { TargetSet } from '@chitieu/engine';
import type { EmbeddedSets } from '@chitieu/xlsx';
import { planStore } from '../shared/embedded-plan.js';
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
  return parsedParts(parts, parseEmbeddedTargetSetXml);
}

type Parse = typeof import('@chitieu/xlsx').parseEmbeddedTargetSetXml;

/** The parts' texts as the reader reads them, in order. */
function parsedParts(
  parts: readonly { readonly id: string; readonly xml: string }[],
  parse: Parse,
): EmbeddedSets {
  const sets: EmbeddedSets['sets'][number][] = [];
  const problems: EmbeddedSets['problems'][number][] = [];
  for (const { id, xml } of parts) {
    const parsed = parse(xml, id);
    if (parsed.kind === 'set') sets.push(parsed.set);
    else if (parsed.kind === 'problem') problems.push(parsed.problem);
  }
  return { sets, problems };
}

/**
 * Stores `set` for `sheets` in a custom XML part of the namespace (see the module's comment) and
 * gives what the workbook stores afterwards, read from the texts written.
 */
export async function storeEmbeddedSet(
  set: TargetSet,
  sheets: readonly string[],
): Promise<EmbeddedSets> {
  const { embeddedTargetSetXml, parseEmbeddedTargetSetXml } = await import('@chitieu/xlsx');
  return excelRun(undefined, async (context) => {
    const collection = context.workbook.customXmlParts;
    const found = collection.getByNamespace(EMBEDDED_SET_NAMESPACE);
    found.load('items/id');
    await context.sync(); // 1: the parts of the namespace
    const results = found.items.map((part) => part.getXml());
    if (results.length > 0) await context.sync(); // 2: their text, all at once
    const current = found.items.map((proxy, i) => ({
      proxy,
      id: proxy.id,
      xml: results[i]?.value ?? '',
    }));
    const before = parsedParts(current, parseEmbeddedTargetSetXml);
    const plan = planStore(before, set.id, sheets);
    const removed = new Set([...plan.remove, ...plan.moveAfter]);
    const narrowed = new Map(plan.narrow.map((n) => [n.part, n.sheets]));
    const kept: { id: string; xml: string }[] = [];
    for (const part of current) {
      if (removed.has(part.id)) {
        part.proxy.delete();
        continue;
      }
      const narrow = narrowed.get(part.id);
      const stored = narrow && before.sets.find((s) => s.part === part.id);
      if (narrow && stored) {
        const xml = embeddedTargetSetXml(stored.targetSet, narrow);
        part.proxy.setXml(xml);
        kept.push({ id: part.id, xml });
      } else kept.push({ id: part.id, xml: part.xml });
    }
    const xml = embeddedTargetSetXml(set, plan.sheets);
    const added = [{ xml, proxy: collection.add(xml) }];
    for (const id of plan.moveAfter) {
      const text = current.find((p) => p.id === id)?.xml ?? '';
      added.push({ xml: text, proxy: collection.add(text) });
    }
    for (const a of added) a.proxy.load('id');
    await context.sync(); // 3: every change, and the new parts' ids
    return parsedParts(
      [...kept, ...added.map((a) => ({ id: a.proxy.id, xml: a.xml }))],
      parseEmbeddedTargetSetXml,
    );
  });
}
