/**
 * `--roster FILE`: the office's list of the units that should send something, read into the
 * engine's `RosterEntry`s (`matchRoster` compares them with the units of the run).
 *
 * - A CSV file (UTF-8, with or without BOM; "," or ";" between fields, whichever the header row
 *   uses; quoted fields with "" inside, line breaks too) whose header is the first row with the
 *   unit column (a title line may come before it), or an .xlsx workbook: the first sheet with
 *   such a header row among its first 20 rows.
 * - The header names the unit column "Đơn vị" (or "Tên đơn vị"); "Cấp" and "Mã" are optional.
 *   Headers are compared as the engine folds texts (case, diacritics, spaces: "DON VI" too). A
 *   level is read as `--level` reads one (options.ts `parseLevel`: "xã", "UBND cấp xã", "xa").
 * - Rows with no name are left out (a blank line, a "Tổng cộng" line with only a number).
 * - A bad roster is one line naming the file and, when it is about one, the line (CSV) or row
 *   (xlsx): a `UsageError` (exit 2), before anything is checked.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type Cell,
  type Locale,
  normalizeText,
  type RosterEntry,
  type TargetSet,
} from '@chitieu/engine';
import { openWorkbook } from '@chitieu/xlsx';
import type { CliText } from './i18n.js';
import { describeReadError } from './i18n.js';
import { UsageError } from './io.js';
import { parseLevel } from './options.js';

/** A roster is a few hundred lines; a file larger than this is not one. */
export const MAX_ROSTER_BYTES = 8 * 1024 * 1024;

const NAME_HEADERS = new Set(['don vi', 'ten don vi']);
const LEVEL_HEADERS = new Set(['cap', 'cap don vi']);
const CODE_HEADERS = new Set(['ma', 'ma don vi']);
/** How many rows of a sheet are looked at for the header (a title may come first). */
const HEADER_ROWS = 20;

/** A fault of a file the user names: its reason, and the line or row it is at. */
export class UserFileFault extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(reason);
  }
}

/**
 * The bytes of a file the user named: only a regular file (opened without blocking, so a FIFO
 * does not wait for a writer), at most `limit` bytes. Faults are `UsageError`s worded by `fail`.
 */
export async function readUserFile(
  path: string,
  limit: number,
  t: CliText,
  fail: (reason: string) => UsageError,
): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(
    (thrown: unknown) => thrown as Error & { code?: string },
  );
  if (handle instanceof Error)
    throw fail(handle.code === 'ENOENT' ? t.units.notFound : t.run.errno(handle.code));
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw fail(t.run.errno('EISDIR'));
    if (!info.isFile()) throw fail(t.run.skip.notRegular);
    if (info.size > limit) throw fail(t.units.tooLarge(limit));
    return new Uint8Array(await handle.readFile());
  } catch (thrown) {
    if (thrown instanceof UsageError) throw thrown;
    throw fail(t.run.errno((thrown as { code?: string }).code));
  } finally {
    await handle.close();
  }
}

/** One record of a CSV text, and the line it starts on (1-based). */
interface RosterRecord {
  readonly fields: string[];
  readonly line: number;
}

/** The separator the header line uses: the one of "," and ";" (or a tab) found most outside quotes. */
function separatorOf(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep;
  return best;
}

/** RFC 4180 records (CRLF, LF or CR line ends); an unclosed quote is a fault at its line. */
export function csvRecords(text: string, t: CliText): RosterRecord[] {
  const sep = separatorOf(text);
  const records: RosterRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  const end = () => {
    fields.push(field);
    records.push({ fields, line: start });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new UserFileFault(t.units.roster.unclosedQuote, quoteLine);
  if (field !== '' || fields.length > 0) end();
  return records;
}

/** The text of a grid cell as the roster reads it (a number as written: a code "25432"). */
function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell.value === null) return '';
  if (typeof cell.value === 'string') return cell.value;
  return cell.text ?? String(cell.value);
}

/** Where the roster's columns are in its header row, or undefined when it has no unit column. */
function headerOf(fields: readonly string[]) {
  const at = (names: ReadonlySet<string>) => fields.findIndex((f) => names.has(normalizeText(f)));
  const name = at(NAME_HEADERS);
  if (name < 0) return undefined;
  return { name, level: at(LEVEL_HEADERS), code: at(CODE_HEADERS) };
}

/** Records (header first) into entries: names trimmed, levels read, duplicates refused. */
function entriesOf(
  records: readonly RosterRecord[],
  sets: readonly TargetSet[],
  t: CliText,
): RosterEntry[] {
  const headerAt = records.findIndex((r) => headerOf(r.fields) !== undefined);
  if (headerAt < 0) throw new UserFileFault(t.units.roster.noUnitColumn);
  const header = headerOf((records[headerAt] as RosterRecord).fields) as NonNullable<
    ReturnType<typeof headerOf>
  >;
  const levels = [...new Set(sets.flatMap((s) => s.levels.map((l) => l.id)))].join('|');
  const out: RosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of records.slice(headerAt + 1)) {
    const name = (fields[header.name] ?? '').replace(/\s+/g, ' ').trim();
    if (name === '') continue;
    const key = normalizeText(name);
    const before = seen.get(key);
    if (before !== undefined) throw new UserFileFault(t.units.roster.duplicate(name, before), line);
    seen.set(key, line);
    const levelText = header.level >= 0 ? (fields[header.level] ?? '').trim() : '';
    const code = header.code >= 0 ? (fields[header.code] ?? '').trim() : '';
    let level: string | undefined;
    if (levelText !== '') {
      level = parseLevel(levelText, sets);
      if (level === undefined)
        throw new UserFileFault(t.units.roster.badLevel(levelText, levels), line);
    }
    out.push({
      name,
      ...(level !== undefined ? { level } : {}),
      ...(code !== '' ? { code } : {}),
      line,
    });
  }
  return out;
}

/** The roster in a workbook: the first sheet with a header row, its rows numbered as in Excel. */
function workbookRecords(bytes: Uint8Array, t: CliText, locale: Locale): RosterRecord[] {
  const opened = openWorkbook(bytes);
  if (!opened.success) throw new UserFileFault(describeReadError(opened.error, locale));
  for (const info of opened.data.sheets) {
    const read = opened.data.readSheet(info);
    if (!read.success) continue;
    const grid = read.data.grid;
    const top = grid.origin?.row ?? 0;
    const left = grid.origin?.column ?? 0;
    const records = grid.rows.map((row, r) => ({
      // columns from A, so that a header's index is its column's
      fields: [...Array<string>(left).fill(''), ...(row ?? []).map(cellText)],
      line: top + r + 1,
    }));
    if (records.slice(0, HEADER_ROWS).some((r) => headerOf(r.fields) !== undefined)) return records;
  }
  throw new UserFileFault(t.units.roster.noUnitColumn);
}

/** The roster of `value` (a path as typed), or a `UsageError` naming the file and line. */
export async function loadRoster(
  value: string,
  cwd: string,
  sets: readonly TargetSet[],
  t: CliText,
  locale: Locale,
): Promise<RosterEntry[]> {
  const fail = (reason: string, line?: number) =>
    new UsageError(t.units.badRoster(value, line, reason));
  const bytes = await readUserFile(resolve(cwd, value), MAX_ROSTER_BYTES, t, fail);
  try {
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    let records: RosterRecord[];
    if (isZip || /\.xlsx$/i.test(value)) records = workbookRecords(bytes, t, locale);
    else {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new UserFileFault(t.units.roster.notUtf8);
      }
      records = csvRecords(text.replace(/^\uFEFF/, ''), t);
    }
    const entries = entriesOf(records, sets, t);
    if (entries.length === 0) throw new UserFileFault(t.units.roster.empty);
    return entries;
  } catch (thrown) {
    if (thrown instanceof UserFileFault) throw fail(thrown.reason, thrown.line);
    throw thrown;
  }
}
