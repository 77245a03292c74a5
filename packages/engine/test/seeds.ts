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

/**
 * A seed's text as words run together: markup (`<b>`, `*…*`, `**…**`) dropped and every run of
 * white space one space, so that a phrase split over lines in the seed is found whole.
 */
export function seedWords(name: string): string {
  return readSeed(name)
    .replace(/<\/?b>/g, '')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .normalize('NFC');
}

/** Every seed file's name, in order. */
export const SEED_FILES = [
  '000_4a6aa745d4bb8951.txt',
  '001_263688b8843f176c.txt',
  '002_8544f7ddadb09387.txt',
  '003_bfab8100424d4759.txt',
  '004_6235157468960801.txt',
] as const;

/** The date 000's decision takes effect: "có hiệu lực thi hành kể từ ngày 01/3/2025" → 2025-03-01. */
export function readEffective000(): string {
  const m = /hiệu lực thi hành kể từ ngày (\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(
    seedWords('000_4a6aa745d4bb8951.txt'),
  );
  if (!m) throw new Error('000: effective date not found');
  const [, d = '', mo = '', y = ''] = m;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The documents 000's decision is based on ("Căn cứ …;" and the one line written without it). */
export function readBasis000(): string[] {
  const text = readSeed('000_4a6aa745d4bb8951.txt');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\*(Căn cứ )?(Nghị quyết|Công văn|Quyết định|Luật|Nghị định|Chỉ thị)/.test(l))
    .map((l) => l.replace(/^\*(Căn cứ )?/, '').replace(/;\*$/, ''));
}

export interface SeedPlanTarget {
  /** The item's number as the plan writes it ("8" twice: the plan numbers two items 8). */
  item: string;
  /** The sentence, markup dropped. */
  sentence: string;
  value: number;
  comparator: 'at-least' | 'above';
  /** The words that state the number, as written: "Trên 98%", "Từ 30% trở lên", "100%". */
  text: string;
}

/**
 * Part II of 003's plan, "MỘT SỐ CHỈ TIÊU CHỦ YẾU TRONG NĂM 2024": every sentence that states a
 * percentage target, in order, with the number and how it is compared.
 */
export function readPlan003(): SeedPlanTarget[] {
  const text = readSeed('003_bfab8100424d4759.txt');
  const start = text.indexOf('MỘT SỐ CHỈ TIÊU CHỦ YẾU TRONG NĂM 2024');
  const end = text.indexOf('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH', start);
  if (start < 0 || end < 0) throw new Error('003: part II not found');
  const part = text.slice(text.indexOf('\n', start), end).replace(/\*/g, '');
  const out: SeedPlanTarget[] = [];
  let item = '';
  let body = '';
  const flush = () => {
    const sentences = body
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(?<=\.) (?=\S)/);
    for (const sentence of sentences) {
      const forms: [RegExp, SeedPlanTarget['comparator']][] = [
        [/^(Trên (\d+)%)/, 'above'],
        [/^(Từ (\d+)% trở lên)/, 'at-least'],
        [/^(Tối thiểu (\d+)%)/, 'at-least'],
        [/(tối thiểu (\d+)%)\.?$/, 'at-least'],
        [/^((\d+)%) /, 'at-least'],
        [/^Hoàn thành ((\d+)%) /, 'at-least'],
      ];
      for (const [form, comparator] of forms) {
        const m = form.exec(sentence);
        if (!m) continue;
        out.push({ item, sentence, value: Number(m[2]), comparator, text: m[1] ?? '' });
        break;
      }
    }
  };
  for (const line of part.split('\n')) {
    const m = /^(\d+)\. (.*)$/.exec(line.trim());
    if (m) {
      if (item !== '') flush();
      item = m[1] ?? '';
      body = m[2] ?? '';
    } else if (item !== '') body += ` ${line}`;
  }
  flush();
  return out;
}

/** The group scores of the 766 index in 001's table: TT, name and the maximum of Quý I/2024. */
export function readIndex001(): { tt: string; name: string; max: number }[] {
  const text = readSeed('001_263688b8843f176c.txt');
  const out: { tt: string; name: string; max: number }[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('\t').map((c) => c.trim());
    const [tt = '', name = '', , q1of2024 = ''] = cells;
    const score = /^\d+(?:,\d+)?\/(\d+)$/.exec(q1of2024);
    if (cells.length >= 4 && score) out.push({ tt, name, max: Number(score[1]) });
  }
  return out;
}
