/**
 * The bundled example submissions (examples/nop-quy-2-2025) through the pane over the in-memory
 * host and through the command line: for every workbook, the same sheets checked and skipped,
 * the same findings cell by cell (code, value, minimum, message) and the same sheet notices.
 * The reform files are among them: a two-line letterhead, values typed as staff type them, a
 * hidden old sheet, a Quý III ward on the 2025 annex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Io, jsonFinding, main } from '@chitieu/cli';
import { describeFinding, type SheetCheck } from '@chitieu/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaneController } from '../src/app/controller.js';
import { sheetNoticeTexts } from '../src/app/notices.js';
import { MemoryHost } from '../src/host/memory.js';
import { started } from './pane.js';

const DIR = fileURLToPath(new URL('../../../examples/nop-quy-2-2025/', import.meta.url));
/** The workbooks with annex sheets (the damaged and the budget files have none). */
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx') && f !== 'file-hong.xlsx' && f !== 'du-toan-kinh-phi.xlsx')
  .sort();

interface CliSheet {
  readonly sheet: string;
  readonly status: string;
  readonly findings: readonly Record<string, unknown>[];
  readonly notices?: readonly { code: string; message: string }[];
}

/** `chitieu check FILE --format json --near-miss 1` (the pane's default band), in process. */
async function cliSheets(file: string): Promise<readonly CliSheet[]> {
  let stdout = '';
  const sink = {
    write: (t: string) => {
      stdout += t;
      return true;
    },
    isTTY: false,
  };
  const io: Io = {
    stdout: sink,
    stderr: { write: () => true, isTTY: false },
    env: {},
    cwd: DIR,
    now: () => new Date('2025-07-10T08:00:00Z'),
  };
  const code = await main(['check', file, '--format', 'json', '--near-miss', '1'], io);
  expect(code, file).toBe(1);
  const report = JSON.parse(stdout) as { files: { sheets: CliSheet[] }[] };
  return report.files[0]?.sheets ?? [];
}

/** A finding of the pane as the JSON report writes it, in the pane's words (FindingList's). */
const asCli = (result: SheetCheck) => (f: SheetCheck['findings'][number]) =>
  jsonFinding(
    f,
    describeFinding(f, result.targetSet ? { locale: 'vi', targetSet: result.targetSet } : {}),
  );

describe.each(FILES)('%s: the pane over MemoryHost and the command line agree', (file) => {
  let controller: PaneController;
  let cli: readonly CliSheet[];
  beforeAll(async () => {
    cli = await cliSheets(file);
    controller = await started(MemoryHost.fromXlsx(new Uint8Array(readFileSync(DIR + file))));
    await controller.checkAll();
  });
  afterAll(() => controller.dispose());

  it('checks and skips the same sheets', () => {
    const entries = controller.getState().workbook?.entries ?? [];
    const pane = entries.flatMap((e) =>
      e.skipped?.kind === 'not-an-annex'
        ? []
        : [[e.sheet, e.skipped ? 'skipped' : 'checked', e.hidden ?? false]],
    );
    expect(pane).toEqual(
      cli.map((s) => [s.sheet, s.status, (s as { hidden?: boolean }).hidden ?? false]),
    );
    expect(pane.filter(([, status]) => status === 'checked').length).toBeGreaterThan(0);
  });

  it('gives the same findings, cell by cell, and the same notices', () => {
    const entries = controller.getState().workbook?.entries ?? [];
    for (const sheet of cli.filter((s) => s.status === 'checked')) {
      const result = entries.find((e) => e.sheet === sheet.sheet)?.result;
      if (result?.status !== 'checked') throw new Error(`${file}: ${sheet.sheet} not checked`);
      expect(result.findings.map(asCli(result)), `${file} ${sheet.sheet}`).toEqual(sheet.findings);
      const texts = sheetNoticeTexts(result, 'vi');
      expect(
        result.notices.map((n, i) => ({ ...n, message: texts[i] })),
        `${file} ${sheet.sheet}`,
      ).toEqual(sheet.notices ?? []);
    }
  });
});

it('the example folder holds the reform files', () => {
  expect(FILES).toEqual(
    expect.arrayContaining([
      'so-cong-thuong.xlsx',
      'ubnd-huyen-dong-phu.xlsx',
      'ubnd-huyen-hon-quan.xlsx',
      'ubnd-phuong-dong-xoai-quy-3.xlsx',
    ]),
  );
  expect(FILES).toHaveLength(13);
});
