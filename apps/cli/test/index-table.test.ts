/**
 * The index table of Bộ chỉ số 766 (seed 001, issue 14) through `chitieu check`: a workbook made
 * from the engine's fixture `index-766.grid.txt` is checked against `chi-so-766`, and the JSON
 * report has the "19,1/18" cell's findings, worded; a wrong change is caught the same way.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runJson, useTempDirs } from './helpers.js';

const temp = useTempDirs('all');

/** The fixture's rows (its directive lines dropped), cell texts split at tabs. */
const ROWS = readFileSync(join(REPO, 'packages/engine/test/fixtures/index-766.grid.txt'), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('%'))
  .map((line) => line.split('\t'));

/** A workbook of one sheet "Chỉ số 766" holding the rows as texts, with one cell retyped. */
async function indexWorkbook(change?: { a1: string; text: string }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ số 766');
  ROWS.forEach((cells, r) => {
    cells.forEach((text, c) => {
      if (text !== '') ws.getCell(r + 1, c + 1).value = text;
    });
  });
  if (change) ws.getCell(change.a1).value = change.text;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

let dir = '';
beforeAll(async () => {
  dir = await temp();
  await writeFile(join(dir, 'chi-so-766.xlsx'), await indexWorkbook());
  await writeFile(join(dir, 'sai-thay-doi.xlsx'), await indexWorkbook({ a1: 'E3', text: '+0,5' }));
});

describe('the index table through the command line', () => {
  it('JSON: "19,1/18" above its maximum, and written out of 18 in a group out of 20', async () => {
    const { code, json } = await runJson(['check', join(dir, 'chi-so-766.xlsx')]);
    expect(code).toBe(1);
    const sheet = json.files[0]?.sheets[0];
    expect(sheet?.status).toBe('checked');
    expect(sheet?.context).toMatchObject({ targetSetId: 'chi-so-766', quarter: 1 });
    expect(
      sheet?.findings.map((f) => [f.cell, f.code, f.reason, f.indicatorId, f.value, f.max]),
    ).toEqual([
      ['C5', 'invalid-value', 'above-maximum', 'tien-do-giai-quyet', 19.1, 18],
      ['C5', 'invalid-value', 'maximum-mismatch', 'tien-do-giai-quyet', 19.1, 18],
    ]);
    expect(sheet?.findings[1]?.expected).toEqual({ kind: 'points', max: 20 });
    expect(sheet?.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('điểm 19,1 vượt quá điểm tối đa 18'),
      expect.stringContaining('"19,1/18" ghi điểm tối đa 18, khác điểm tối đa 20 của nhóm chỉ số'),
    ]);
  });

  it('JSON: a wrong change, with the two values it compares', async () => {
    const { json } = await runJson(['check', join(dir, 'sai-thay-doi.xlsx')]);
    const findings = json.files[0]?.sheets[0]?.findings ?? [];
    const change = findings.find((f) => f.cell === 'E3');
    expect(change).toMatchObject({
      code: 'invalid-value',
      reason: 'change-mismatch',
      indicatorId: 'cong-khai-minh-bach',
      value: 0.5,
      compared: [7.52, 11.3],
      change: 3.78,
    });
    expect(change?.message).toContain(
      'mức thay đổi +0,5 không khớp với hai kỳ so sánh: 7,52 → 11,3 là +3,78',
    );
    expect(findings.map((f) => f.cell)).toEqual(['E3', 'C5', 'C5']);
  });
});
