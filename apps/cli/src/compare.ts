/**
 * `--compare PREVIOUS`: the `units` of a previous run's report.json (the file, or a folder
 * holding one: the --out of that run), read into the engine's `PreviousUnit`s for
 * `compareWithPrevious`. Only what the comparison needs is read and checked: each unit's name
 * (or key), target set, and per indicator its status and quarters' values. A file that is not
 * such a report is one line naming it and what is wrong (a `UsageError`, exit 2), before
 * anything is checked.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PreviousUnit } from '@chitieu/engine';
import type { CliText } from './i18n.js';
import { UsageError } from './io.js';
import { readUserFile } from './roster.js';

/** A report.json of thousands of files is tens of MB; a previous report larger than this is refused. */
export const MAX_PREVIOUS_BYTES = 512 * 1024 * 1024;

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The line of a JSON.parse error's position, when its message gives one. */
function lineOf(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line !== undefined) return Number(line);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split('\n').length;
}

/** `units` of a parsed report as previous units, or the path of the first bad field. */
export function previousUnits(report: Json): PreviousUnit[] | { bad: string } {
  if (!isObject(report) || !Array.isArray(report.units)) return { bad: 'units' };
  const out: PreviousUnit[] = [];
  for (const [i, u] of report.units.entries()) {
    const at = `units[${i}]`;
    if (!isObject(u)) return { bad: at };
    if (u.unit !== null && typeof u.unit !== 'string') return { bad: `${at}.unit` };
    if (u.key !== undefined && typeof u.key !== 'string') return { bad: `${at}.key` };
    if (u.targetSetId !== undefined && typeof u.targetSetId !== 'string')
      return { bad: `${at}.targetSetId` };
    if (!isObject(u.indicators)) return { bad: `${at}.indicators` };
    const indicators: Record<
      string,
      { status: string; quarters: { quarter: number; value: number | null }[] }
    > = {};
    for (const [id, cell] of Object.entries(u.indicators)) {
      const cellAt = `${at}.indicators.${id}`;
      if (!isObject(cell) || typeof cell.status !== 'string') return { bad: `${cellAt}.status` };
      const quarters: { quarter: number; value: number | null }[] = [];
      if (cell.quarters !== undefined) {
        if (!Array.isArray(cell.quarters)) return { bad: `${cellAt}.quarters` };
        for (const [j, q] of cell.quarters.entries()) {
          const qAt = `${cellAt}.quarters[${j}]`;
          if (!isObject(q) || !Number.isInteger(q.quarter)) return { bad: `${qAt}.quarter` };
          if (q.value !== null && typeof q.value !== 'number') return { bad: `${qAt}.value` };
          quarters.push({ quarter: q.quarter as number, value: q.value as number | null });
        }
      }
      indicators[id] = { status: cell.status, quarters };
    }
    out.push({
      unit: u.unit as string | null,
      ...(u.key !== undefined ? { key: u.key as string } : {}),
      ...(u.targetSetId !== undefined ? { targetSetId: u.targetSetId as string } : {}),
      indicators,
    });
  }
  return out;
}

/** The previous report named by `value` (a report.json, or a folder holding one). */
export async function loadPrevious(
  value: string,
  cwd: string,
  t: CliText,
): Promise<PreviousUnit[]> {
  let path = resolve(cwd, value);
  let shown = value;
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    path = join(path, 'report.json');
    shown = join(value, 'report.json');
  }
  const fail = (reason: string) => new UsageError(t.units.badPrevious(shown, reason));
  const bytes = await readUserFile(path, MAX_PREVIOUS_BYTES, t, fail);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail(t.units.roster.notUtf8);
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (thrown) {
    throw fail(t.units.previous.notJson(lineOf(text, (thrown as Error).message)));
  }
  const units = previousUnits(parsed);
  if ('bad' in units)
    throw fail(
      units.bad === 'units' ? t.units.previous.noUnits : t.units.previous.badField(units.bad),
    );
  return units;
}
