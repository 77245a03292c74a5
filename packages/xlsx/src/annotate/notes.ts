/**
 * Notes (Excel's legacy comments) on the marked cells of an annotated copy: the parts a sheet's
 * notes are made of — the comments part (who wrote them and their text), the VML drawing that
 * Excel and LibreOffice show them with (one hidden shape per note, anchored by its cell), and the
 * sheet's relationships to both. The same notes the add-in writes (`markNotes`).
 */
import type { MarkNote } from '@chitieu/engine';
import { escapeCellText, escapeXml } from './parts.js';

export const REL_COMMENTS =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
export const REL_VML =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
export const CT_COMMENTS =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The author the notes are written by. */
export const NOTE_AUTHOR = 'Chỉ Tiêu';

/** Shape ids of a VML drawing come in blocks of 1024 (`o:idmap`): the blocks `notes` need. */
export function vmlBlocks(notes: number): number {
  return Math.ceil((notes + 1) / 1024);
}

/** The comments part: one author, one comment per note, in the notes' order. */
export function commentsXml(notes: readonly MarkNote[]): string {
  let list = '';
  for (const note of notes)
    list += `<comment ref="${note.cell}" authorId="0"><text><t xml:space="preserve">${escapeCellText(note.text)}</t></text></comment>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<comments xmlns="${NS_MAIN}"><authors><author>${escapeXml(NOTE_AUTHOR)}</author></authors>` +
    `<commentList>${list}</commentList></comments>`
  );
}

/**
 * The VML drawing of the notes: hidden boxes (shown on hovering the cell, as Excel's own notes),
 * beside their cells. `block` is the first of the drawing's id blocks (`vmlBlocks`), unique in
 * the workbook.
 */
export function vmlXml(notes: readonly MarkNote[], block: number): string {
  const blocks = Array.from({ length: vmlBlocks(notes.length) }, (_, i) => block + i).join(',');
  let shapes = '';
  notes.forEach((note, i) => {
    const id = block * 1024 + 1 + i;
    const { row, column } = note;
    // Two columns wide, four rows high, one column right of the cell (as Excel places a note).
    const anchor = `${column + 1}, 15, ${Math.max(0, row - 1)}, 10, ${column + 3}, 15, ${Math.max(0, row - 1) + 4}, 4`;
    shapes +=
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:60pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
      `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;
  });
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
    `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `${shapes}</xml>`
  );
}

/** The largest id block the workbook's VML drawings already use (0 when none). */
export function maxVmlBlock(vml: readonly string[]): number {
  let max = 0;
  for (const text of vml) {
    for (const m of text.matchAll(/idmap\b[^>]*\bdata="([^"]*)"/g))
      for (const n of (m[1] ?? '').split(',')) {
        const v = Number(n.trim());
        if (Number.isSafeInteger(v) && v > max) max = v;
      }
  }
  return max;
}
