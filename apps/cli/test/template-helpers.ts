/**
 * Helpers of the template tests: where a template's result cells are (as the engine recognises
 * the sheet), a unit typing values into them (the written workbook's sheet part edited in place,
 * everything else kept byte for byte), an office's own target-set file, and a stored set edited.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSheet, getBuiltinTargetSet, type Quarter } from '@chitieu/engine';
import { openWorkbook, readWorkbook } from '@chitieu/xlsx';
import { zip } from './helpers.js';

/** The result cells (A1) of each indicator row of a template's first sheet, Q1–Q4, by indicator id. */
export async function resultCells(path: string): Promise<{ cells: Map<string, string[]> }> {
  const read = readWorkbook(new Uint8Array(await readFile(path)));
  if (!read.success) throw new Error(JSON.stringify(read.error));
  const grid = read.data.sheets[0]?.grid;
  if (!grid) throw new Error('no sheet');
  const layout = checkSheet(grid, { quarter: 1, level: 'so' }).layout;
  if (!layout) throw new Error('not an annex');
  const letters = new Map<Quarter, string>();
  for (const c of layout.columns)
    if (c.role === 'result' && c.quarter !== undefined && !letters.has(c.quarter))
      letters.set(c.quarter, c.letter);
  const cells = new Map<string, string[]>();
  for (const row of layout.rows)
    if (row.kind === 'indicator' && row.indicatorId && !cells.has(row.indicatorId))
      cells.set(
        row.indicatorId,
        ([1, 2, 3, 4] as Quarter[]).map((q) => `${letters.get(q)}${row.row}`),
      );
  return { cells };
}

/** The workbook at `path` with one part's text rewritten by `edit` (every other part as it was). */
async function rewritePart(path: string, part: string, edit: (text: string) => string) {
  const opened = openWorkbook(new Uint8Array(await readFile(path)));
  if (!opened.success) throw new Error(JSON.stringify(opened.error));
  const pkg = opened.data.package;
  const decoder = new TextDecoder();
  const entries = pkg.entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({
      name: e.name,
      data: e.name === part ? edit(decoder.decode(pkg.bytes(e.name))) : pkg.bytes(e.name),
    }));
  await writeFile(path, zip(entries));
}

/**
 * Types values into empty cells of the first sheet, as a unit would: a number, or text (an
 * inline string such as "80%"). The cells must be there, empty, as the template writes them.
 */
export async function fillCells(path: string, values: Readonly<Record<string, number | string>>) {
  await rewritePart(path, 'xl/worksheets/sheet1.xml', (text) => {
    let xml = text;
    for (const [cell, value] of Object.entries(values)) {
      const empty = new RegExp(`<c r="${cell}"( s="\\d+")?/>`);
      const m = empty.exec(xml);
      if (!m) throw new Error(`no empty cell ${cell}`);
      const style = m[1] ?? '';
      const filled =
        typeof value === 'number'
          ? `<c r="${cell}"${style}><v>${value}</v></c>`
          : `<c r="${cell}"${style} t="inlineStr"><is><t>${value}</t></is></c>`;
      xml = xml.replace(empty, filled);
    }
    return xml;
  });
}

/** An office's own target set (the 2025 set under its own id) written as `bo-chi-tieu.json`. */
export async function officeSetFile(dir: string, name = 'bo-chi-tieu.json'): Promise<string> {
  const set = structuredClone(getBuiltinTargetSet('binh-phuoc-2025')) as unknown as Record<
    string,
    unknown
  >;
  set.id = 'dong-nai-2026-thu';
  delete set.$schema;
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(set, null, 2));
  return path;
}

/** Replaces the stored set's part text (customXml/item1.xml) through `edit`. */
export async function editStoredSet(path: string, edit: (xml: string) => string): Promise<void> {
  await rewritePart(path, 'customXml/item1.xml', (before) => {
    const after = edit(before);
    if (after === before) throw new Error('the stored set was not changed');
    return after;
  });
}
