/**
 * Reads the source documents in ../shared/seeds so the tests can compare the built-in target
 * sets with them, number for number. These readers are deliberately independent of the
 * engine's own parser: a transcription error cannot pass by being read back the same wrong way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The shared folder sits beside the repository: <repo>/../shared/seeds. */
export const SEEDS_DIR = resolve(here, '../../../../shared/seeds');

export function readSeed(name: string): string {
  const path = resolve(SEEDS_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `Seed file not found: ${path} (the shared/ folder must sit beside the repository)`,
    );
  }
  return readFileSync(path, 'utf8');
}

/** "85%" or "<b>85%</b>" → 85; "69,31" → 69.31. */
export function viNumber(text: string): number {
  const cleaned = text
    .replace(/<\/?b>/g, '')
    .replace('%', '')
    .trim()
    .replace(',', '.');
  const n = Number(cleaned);
  if (!Number.isFinite(n) || cleaned === '') throw new Error(`not a number in seed: "${text}"`);
  return n;
}

export interface SeedAnnexRow {
  stt: string;
  name: string;
  lead: string;
  coordinators: string;
  annual: number;
  quarterly: number[];
  note: string;
  section: string;
}

export interface SeedAnnexIndicator {
  stt: string;
  name: string;
  section: string;
  rows: SeedAnnexRow[];
}

/** The annex table of 000: indicators with their per-level rows, continuation rows joined. */
export function readAnnex000(): SeedAnnexIndicator[] {
  const text = readSeed('000_4a6aa745d4bb8951.txt');
  const lines = text.split('\n').filter((l) => l.includes('\t'));
  const indicators: SeedAnnexIndicator[] = [];
  let section = '';
  for (const line of lines) {
    const cells = line.split('\t').map((c) => c.trim());
    const first = cells[0] ?? '';
    if (first === 'Stt' || (first === '' && cells[5] === 'Quý I')) continue; // (repeated) header rows
    const sectionMatch = /^<b>([IVX]+)\.\s/.exec(first);
    if (sectionMatch) {
      section = sectionMatch[1] ?? '';
      continue;
    }
    const [
      stt = '',
      name = '',
      lead = '',
      coordinators = '',
      annual = '',
      q1 = '',
      q2 = '',
      q3 = '',
      q4 = '',
      note = '',
    ] = cells;
    const current = indicators[indicators.length - 1];
    if (stt === '' && lead === '' && name !== '') {
      // continuation of the previous indicator's text after a page break
      if (!current) throw new Error('continuation row before any indicator');
      current.name = `${current.name} ${name}`;
      continue;
    }
    const row: SeedAnnexRow = {
      stt: stt.replace(/\.$/, ''),
      name,
      lead,
      coordinators,
      annual: viNumber(annual),
      quarterly: [q1, q2, q3, q4].map(viNumber),
      note,
      section,
    };
    if (stt === '') {
      if (!current) throw new Error('level row before any indicator');
      current.rows.push(row);
    } else {
      indicators.push({ stt: row.stt, name, section, rows: [row] });
    }
  }
  return indicators;
}

export interface SeedNationalIndicator {
  resolution: '01' | '02';
  stt: string;
  name: string;
  unit: string;
  target: string;
}

/** Annex II of 004: the 01/NQ-CP and 02/NQ-CP tables, cells separated by lines holding "|". */
export function readNational004(): SeedNationalIndicator[] {
  const text = readSeed('004_6235157468960801.txt');
  const annex = text.slice(text.indexOf('PHỤ LỤC II'));
  const chunks = annex.split(/\n\|\n/).map((c) => c.trim());
  const out: SeedNationalIndicator[] = [];
  let resolution: '01' | '02' = '01';
  for (let i = 0; i + 3 < chunks.length; i++) {
    const chunk = chunks[i] ?? '';
    if (/Nghị\s+quyết số 02\/NQ-CP/.test(chunk.replace(/\n/g, ' '))) resolution = '02';
    const lastLine = chunk.split('\n').pop() ?? '';
    const sttMatch = /^(\d+)\.?$/.exec(lastLine);
    if (!sttMatch || chunks[i + 2] !== '%') continue;
    out.push({
      resolution,
      stt: sttMatch[1] ?? '',
      name: (chunks[i + 1] ?? '').replace(/\s*\n\s*/g, ' '),
      unit: chunks[i + 2] ?? '',
      target: (chunks[i + 3] ?? '').split('\n')[0] ?? '',
    });
    // a section heading for 02/NQ-CP may sit in the same chunk as the last target of 01
    if (/Nghị\s*\n?\s*quyết số 02\/NQ-CP/.test(chunks[i + 3] ?? '')) resolution = '02';
  }
  return out;
}

/** The 2024 online-payment targets by level stated in 001. */
export function readPayment001(): Record<
  'q1' | 'q2' | 'year',
  Record<'so' | 'huyen' | 'xa', number>
> {
  const text = readSeed('001_263688b8843f176c.txt').replace(/\s+/g, ' ');
  const q2 = /quý II\/2024 \(cấp tỉnh (\d+)%, cấp huyện (\d+)%, cấp xã đạt (\d+)%\)/.exec(text);
  const year = /hết năm 2024 \(cấp tỉnh (\d+)%, cấp huyện (\d+)%, cấp xã đạt (\d+)%\)/.exec(text);
  const q1so = /Sở Nông nghiệp và Phát triển nông thôn \([\d,]+%\/(\d+)%\)/.exec(text);
  const q1huyen = /UBND thành phố Đồng Xoài \([\d,]+%\/(\d+)%\)/.exec(text);
  const q1xa = /\(chỉ tiêu giao (\d+)%\)/.exec(text);
  if (!q2 || !year || !q1so || !q1huyen || !q1xa)
    throw new Error('001: target sentences not found');
  const n = (m: RegExpExecArray, i: number) => Number(m[i]);
  return {
    q1: { so: n(q1so, 1), huyen: n(q1huyen, 1), xa: n(q1xa, 1) },
    q2: { so: n(q2, 1), huyen: n(q2, 2), xa: n(q2, 3) },
    year: { so: n(year, 1), huyen: n(year, 2), xa: n(year, 3) },
  };
}
