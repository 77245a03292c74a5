/**
 * `--format json` and report.json are written as a stream (never one string), byte for byte the
 * text the CLI wrote before (JSON.stringify with 2-space indentation, the same key order).
 *
 * fixtures/report-examples.*.json are the CLI's stdout for the example folder, made with the
 * code from before the stream (commit f52b576); fixtures/reports-examples.*.json are the reports
 * (the engine's findings) those documents were made from, so the comparison does not depend on
 * later changes of the engine's words. The findings carry no words (they are worded as the report
 * is written), and an invalid value's typed fields replaced its packed `detail` string.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getBuiltinTargetSet } from '@chitieu/engine';
import { describe, expect, it } from 'vitest';
import {
  JsonObject,
  type JsonReportMeta,
  jsonChunks,
  jsonReport,
  Lazy,
  writeJsonReport,
} from '../src/report/json.js';
import type { FileReport } from '../src/run-check.js';
import { EXAMPLES_REL, REPO, run, useTempDirs, zip } from './helpers.js';

const FIXTURES = join(REPO, 'apps/cli/test/fixtures');
const temp = useTempDirs();

async function streamed(files: readonly FileReport[], meta: JsonReportMeta) {
  const writes: string[] = [];
  await writeJsonReport(files, meta, (text) => {
    writes.push(text);
  });
  return { text: writes.join(''), writes };
}

describe('the JSON report as a stream', () => {
  for (const name of ['vi', 'en-q1']) {
    it(`is byte for byte the document of before (${name})`, async () => {
      const before = await readFile(join(FIXTURES, `report-examples.${name}.json`), 'utf8');
      const { meta, files } = JSON.parse(
        await readFile(join(FIXTURES, `reports-examples.${name}.json`), 'utf8'),
      ) as { meta: JsonReportMeta; files: FileReport[] };
      // The reports keep the set a sheet was checked against (a reference, not in the fixture).
      for (const file of files)
        for (const sheet of file.sheets) {
          const set = getBuiltinTargetSet(sheet.context.targetSetId ?? '');
          if (set) Object.assign(sheet, { targetSet: set });
        }
      const { text } = await streamed(files, meta);
      expect(text).toBe(before);
      // and jsonReport (the API) is still the same document
      expect(`${JSON.stringify(jsonReport(files, meta), null, 2)}\n`).toBe(before);
    });
  }

  it('the CLI prints it: the example folder, with 2-space indentation and a final line break', async () => {
    const result = await run(['check', EXAMPLES_REL, '--format', 'json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'generatedAt',
      'locale',
      'options',
      'files',
      // the run across files (issue 15): after the files, whose text is as before
      'units',
      'skipped',
    ]);
  });

  it('writes what JSON.stringify(value, null, 2) writes, whatever the value', () => {
    const values: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [[]], d: [{}] },
      { u: undefined, f: () => 1, n: null, s: 'x\n"y"\u2028', z: -0, i: Number.NaN, big: 1e21 },
      [undefined, () => 1, Symbol('s'), 1],
      { when: new Date('2025-07-10T08:00:00Z'), nested: { deep: [1, { e: 'é' }] } },
      'chuỗi',
      42,
      null,
    ];
    const lazify = (v: unknown): unknown => {
      if (Array.isArray(v)) return new Lazy(() => v.map(lazify));
      if (v && typeof v === 'object' && !(v instanceof Date))
        return new JsonObject(
          Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lazify(x)])),
        );
      return v;
    };
    for (const value of values) {
      const expected = JSON.stringify(value, null, 2);
      expect([...jsonChunks(value)].join('')).toBe(expected);
      expect([...jsonChunks(lazify(value))].join('')).toBe(expected);
      expect([...jsonChunks({ wrapped: lazify(value) })].join('')).toBe(
        JSON.stringify({ wrapped: value }, null, 2),
      );
    }
  });

  it('a 20,000-row sheet: --format json works, written in pieces of at most about 64 KB', async () => {
    const dir = await temp();
    // @ts-expect-error: a plain .mjs module of the benchmark
    const { consolidatedAnnex } = await import('../bench/consolidated.mjs');
    const made = consolidatedAnnex(getBuiltinTargetSet('binh-phuoc-2025'), {
      rows: 20_000,
      groups: 1,
    });
    const entries = Object.entries(made.files as Record<string, string>);
    await writeFile(
      join(dir, 'tong-hop.xlsx'),
      zip(entries.map(([name, data]) => ({ name, data }))),
    );

    const sizes: number[] = [];
    let stdout = '';
    const { main } = await import('../src/main.js');
    const code = await main(['check', 'tong-hop.xlsx', '--format', 'json'], {
      stdout: {
        write: (text: string) => {
          sizes.push(text.length);
          stdout += text;
          return true;
        },
      },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const findings = report.files[0].sheets[0].findings.length;
    expect(findings).toBeGreaterThan(50_000);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.max(...sizes)).toBeLessThan(80 * 1024);
  }, 120_000);
});
