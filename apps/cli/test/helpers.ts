/**
 * Test helpers: run the CLI through `main(argv, io)` with a fake io, temp folders, and the
 * workbooks and broken files the tests feed it.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import type { TargetSetInput } from '@chitieu/engine';
import { afterAll, afterEach } from 'vitest';
import { type Io, main } from '../src/main.js';
import { utf8Text } from '../src/safe-text.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The bundled example submissions, relative to REPO (as a user types it from the repo root). */
export const EXAMPLES_REL = 'examples/nop-quy-2-2025';
export const EXAMPLES = join(REPO, EXAMPLES_REL);
/** What a run over the example folder writes on stderr: its one hidden sheet is skipped. */
export const EXAMPLES_HIDDEN_HINT =
  'Đã bỏ qua 1 trang tính ẩn, không kiểm tra — dùng --include-hidden để kiểm tra cả các trang tính đó.\n';
export const NOW = new Date('2025-07-10T08:00:00Z');

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdoutTTY?: boolean;
  readonly stderrTTY?: boolean;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Each write to stderr, in order (the progress bar writes many). */
  readonly stderrWrites: readonly string[];
}

/** Runs `chitieu ARGV…` in-process; `main` must return an exit code and never throw. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  const stderrWrites: string[] = [];
  const io: Io = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
      // as the command line's stdout takes a file of the output set: bytes of whole characters
      writeBytes: (bytes: Uint8Array) => {
        stdout += utf8Text(bytes);
        return true;
      },
      isTTY: options.stdoutTTY ?? false,
    },
    stderr: {
      write: (text: string) => {
        stderrWrites.push(text);
        return true;
      },
      isTTY: options.stderrTTY ?? false,
    },
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr: stderrWrites.join(''), stderrWrites };
}

/** Runs with `--format json` and parses stdout. */
export async function runJson(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<RunResult & { json: JsonReport }> {
  const result = await run([...argv, '--format', 'json'], options);
  return { ...result, json: JSON.parse(result.stdout) as JsonReport };
}

// The JSON report as the contract describes it (only what the tests read).
export interface JsonFinding {
  readonly code: string;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly indicatorId: string | null;
  readonly quarter: number | null;
  readonly value: number | null;
  readonly minimum: number | null;
  readonly message: string;
  readonly [extra: string]: unknown;
}
export interface JsonSheet {
  readonly sheet: string;
  readonly status: string;
  readonly context: {
    readonly targetSetId?: string;
    readonly level?: string;
    readonly unitName?: string;
    readonly quarter?: number;
  };
  readonly summary: Readonly<Record<string, number>>;
  readonly findings: readonly JsonFinding[];
  /** The sheet's notices: a code, its typed fields and its words. */
  readonly notices?: readonly JsonNotice[];
  /** A hidden sheet (skipped, or checked with --include-hidden). */
  readonly hidden?: boolean;
  /** Why a skipped sheet was not checked, as a code and in words. */
  readonly reason?: string;
  readonly message?: string;
}
export interface JsonNotice {
  readonly code: string;
  readonly message: string;
  readonly [field: string]: unknown;
}
export interface JsonFile {
  readonly file: string;
  readonly error?: string;
  readonly errorCode?: string;
  readonly annotated?: string;
  readonly sheets: readonly JsonSheet[];
  readonly skippedSheets: readonly { sheet: string; reason: string }[];
}
export interface JsonReport {
  readonly schemaVersion: number;
  readonly generatedAt: string;
  readonly locale: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: readonly JsonFile[];
  readonly skipped: readonly { path: string; reason: string }[];
}

/** The one file of the report whose path ends with `/name` (or is `name`). */
export function fileNamed(report: JsonReport, name: string): JsonFile {
  const found = report.files.filter((f) => f.file === name || f.file.endsWith(`/${name}`));
  if (found.length !== 1) throw new Error(`expected one file "${name}", got ${found.length}`);
  return found[0] as JsonFile;
}

/** Temp folders under os.tmpdir(), removed after each test (or after all, for beforeAll). */
export function useTempDirs(scope: 'each' | 'all' = 'each'): () => Promise<string> {
  const made: string[] = [];
  const cleanUp = async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  };
  if (scope === 'each') afterEach(cleanUp);
  else afterAll(cleanUp);
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chitieu-cli-test-'));
    made.push(dir);
    return dir;
  };
}

/** Copies files of the examples folder into `dir` (all of them when no names are given). */
export async function copyExamples(dir: string, ...names: string[]): Promise<void> {
  if (names.length === 0) {
    await cp(EXAMPLES, dir, { recursive: true });
    return;
  }
  for (const name of names) await cp(join(EXAMPLES, name), join(dir, name));
}

/** Every file below `dir`, as sorted '/'-separated relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** sha256 of every file below `dir`, by relative path. */
export async function hashFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(dir)) {
    out[rel] = createHash('sha256')
      .update(await readFile(join(dir, rel)))
      .digest('hex');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Broken files

/** A compound-file (OLE2) header, zeros, and these directory names in UTF-16LE. */
export function ole2(...names: string[]): Uint8Array {
  const out = new Uint8Array(2048);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let at = 1024;
  for (const name of names) {
    for (let i = 0; i < name.length; i++) out[at + i * 2] = name.charCodeAt(i);
    at += 128;
  }
  return out;
}

export interface ZipEntryInput {
  readonly name: string;
  readonly data: string | Uint8Array;
  /** The uncompressed size written in the headers, when it should lie. */
  readonly declaredSize?: number;
}

/** A minimal zip (deflated entries) whose headers may declare sizes other than the real ones. */
export function zip(entries: readonly ZipEntryInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const data = deflateRawSync(raw);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

// ---------------------------------------------------------------------------------------------
// Target sets

/** A small user target set (2 indicators, levels so/huyen/xa) with distinctive minimums. */
export function userTargetSet(): TargetSetInput {
  return {
    id: 'thu-nghiem-2025',
    title: 'Bộ chỉ tiêu thử nghiệm năm 2025',
    document: {
      type: 'Kế hoạch',
      number: '99/KH-UBND',
      date: '2025-01-15',
      issuer: 'UBND tỉnh Thử Nghiệm',
    },
    province: 'Thử Nghiệm',
    year: 2025,
    levels: [
      { id: 'so', name: 'Các sở, ban, ngành' },
      { id: 'huyen', name: 'UBND cấp huyện' },
      { id: 'xa', name: 'UBND cấp xã' },
    ],
    sections: [{ id: 'I', title: 'Giải quyết thủ tục hành chính' }],
    indicators: [
      {
        id: 'ho-so-dung-han',
        stt: '1',
        section: 'I',
        name: 'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn',
        shortName: 'Hồ sơ đúng hạn',
        unit: { kind: 'percent' },
        targets: [
          {
            appliesTo: { levels: ['so', 'huyen', 'xa'] },
            lead: 'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
            annual: 98,
            quarterly: [91, 93, 96, 98],
          },
        ],
      },
      {
        id: 'tiep-nhan-so-hoa',
        stt: '2',
        section: 'I',
        name: 'Tỷ lệ hồ sơ tiếp nhận được số hóa ngay khi tiếp nhận',
        shortName: 'Số hóa khi tiếp nhận',
        unit: { kind: 'percent' },
        targets: [
          {
            appliesTo: { levels: ['so', 'huyen', 'xa'] },
            lead: 'Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã',
            annual: 90,
            quarterly: [62, 67, 80, 90],
          },
        ],
      },
    ],
  };
}

/** Strips ANSI colour codes. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * RFC 4180 fields: quoted fields may hold the separator, quotes ("") and line breaks. The
 * separator is "," (the CSV of --lang en) or ";" (of --lang vi, for Excel with Vietnamese settings).
 */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}
