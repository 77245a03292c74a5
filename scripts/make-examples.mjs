#!/usr/bin/env node
// Writes the bundled example folder examples/nop-quy-2-2025/: the Quý II/2025 submissions a
// provincial office receives (department, district and commune annex workbooks, a few bad
// files), and examples/README.md with what the checker should report for each.
//
//   node scripts/make-examples.mjs
//
// The workbooks are built from the worksheet fixtures of packages/engine/test/fixtures
// (*.grid.txt, the format of grid-text.ts there) with ExcelJS, a dev dependency of
// packages/xlsx. Five of them vary the fixtures with a seeded generator. The output is
// deterministic: running the script twice gives byte-identical files.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'packages/engine/test/fixtures');
const TARGET_SETS = join(ROOT, 'packages/engine/src/target-sets');
const OUT_ROOT = join(ROOT, 'examples');
const FOLDER = 'nop-quy-2-2025';
const OUT = join(OUT_ROOT, FOLDER);

const requireFromXlsx = createRequire(join(ROOT, 'packages/xlsx/package.json'));
let ExcelJS;
let fflate;
try {
  ExcelJS = requireFromXlsx('exceljs');
  fflate = requireFromXlsx('fflate');
} catch {
  console.error(
    'make-examples: exceljs and fflate are not installed (they come with packages/xlsx). Run `pnpm install` first.',
  );
  process.exit(2);
}

/** The fixed date written into every workbook (properties and zip entries). */
const CREATED = new Date('2025-07-05T08:00:00Z');
/** Zip entry times are local DOS times: built from local fields, the bytes do not depend on TZ. */
const ZIP_MTIME = new Date(2025, 6, 5, 8, 0, 0);
const CHECKED_QUARTER = 2;
const QUARTER_NAMES = ['', 'Quý I', 'Quý II', 'Quý III', 'Quý IV'];

// ---------------------------------------------------------------------------------------------
// The grid-text format (see packages/engine/test/fixtures/grid-text.ts)

const ERRORS = new Set([
  '#DIV/0!',
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
]);

function parseCell(raw) {
  if (raw === '') return undefined;
  if (raw.startsWith("'")) return { type: 'string', value: raw.slice(1).replace(/\\n/g, '\n') };
  if (ERRORS.has(raw)) return { type: 'error', value: raw };
  if (raw.startsWith('="') && raw.endsWith('"')) return { type: 'string', value: raw.slice(2, -1) };
  if (raw.startsWith('=')) {
    const [num = '', format] = raw.slice(1).split(' @');
    const value = Number(num);
    if (!Number.isFinite(value)) throw new Error(`grid-text: bad number "${raw}"`);
    return format === undefined ? { type: 'number', value } : { type: 'number', value, format };
  }
  return { type: 'string', value: raw.replace(/\\n/g, '\n') };
}

/** "B13" → { row: 12, col: 1 } (0-based). */
function fromA1(ref) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`grid-text: bad cell "${ref}"`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function columnName(col) {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const toA1 = (row, col) => `${columnName(col)}${row + 1}`;

function parseGridText(text) {
  const rows = [];
  const merges = [];
  let name = 'Sheet1';
  for (const line of text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')) {
    if (line.startsWith('%%')) continue;
    if (line.startsWith('%merge ')) {
      for (const ref of line.slice(7).trim().split(/\s+/)) {
        const [a = '', b = a] = ref.split(':');
        const s = fromA1(a);
        const e = fromA1(b);
        merges.push({ top: s.row, left: s.col, bottom: e.row, right: e.col });
      }
      continue;
    }
    if (line.startsWith('%name ')) {
      name = line.slice(6).trim();
      continue;
    }
    rows.push(line === '' ? [] : line.split('\t').map(parseCell));
  }
  return { name, rows, merges };
}

const readFixture = (file) => parseGridText(readFileSync(join(FIXTURES, file), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Diacritics-, case- and whitespace-insensitive form of a text. */
function norm(text) {
  return String(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const cellText = (cell) => (cell && cell.type !== 'error' ? String(cell.value) : '');

function setCell(grid, row, col, cell) {
  while (grid.rows.length <= row) grid.rows.push([]);
  const r = grid.rows[row];
  while (r.length <= col) r.push(undefined);
  r[col] = cell;
}

const getCell = (grid, row, col) => grid.rows[row]?.[col];

function cloneGrid(grid) {
  return {
    name: grid.name,
    rows: grid.rows.map((r) => r.map((c) => (c ? { ...c } : undefined))),
    merges: grid.merges.map((m) => ({ ...m })),
  };
}

/** mulberry32: a small seeded generator, enough for example data. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text) {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

const round = (x, decimals) => Math.round(x * 10 ** decimals) / 10 ** decimals;
/** The number in English notation for the README ("74.5"). */
const fmt = (x) => String(round(x, 6));

// ---------------------------------------------------------------------------------------------
// Target sets and the annex structure of the fixtures

const loadSet = (id) => JSON.parse(readFileSync(join(TARGET_SETS, `${id}.json`), 'utf8'));
const SETS = {
  'binh-phuoc-2025': loadSet('binh-phuoc-2025'),
  'nq01-nq02-2025': loadSet('nq01-nq02-2025'),
};

/** Where the fixtures keep things: columns are 0-based. */
const TEMPLATES = {
  so: {
    file: 'bp2025-so.grid.txt',
    setId: 'binh-phuoc-2025',
    annual: 4,
    minimums: { 5: 1, 6: 2, 7: 3, 8: 4 },
    results: { 9: 1, 10: 2, 11: 3, 12: 4 },
    lead: 2,
  },
  huyen: {
    file: 'bp2025-huyen.grid.txt',
    setId: 'binh-phuoc-2025',
    annual: 4,
    minimums: { 5: 1, 6: 2, 7: 3, 8: 4 },
    results: { 9: 1, 10: 2 },
    lead: 2,
  },
  xa: {
    file: 'nq2025-results.grid.txt',
    setId: 'nq01-nq02-2025',
    annual: 3,
    minimums: {},
    results: { 4: 2 },
    lead: undefined,
  },
};

/** Header bands: rows starting with "Stt"/"STT"/"TT", plus the rows their vertical merges cover. */
function headerRows(grid) {
  const rows = new Set();
  grid.rows.forEach((r, i) => {
    if (!/^(stt|tt)$/i.test(cellText(r[0]).trim())) return;
    let bottom = i;
    for (const m of grid.merges) if (m.top === i) bottom = Math.max(bottom, m.bottom);
    for (let k = i; k <= bottom; k++) rows.add(k);
  });
  return rows;
}

/** A row that is one cell merged across the table: a section ("I. …") or a title line. */
function isBandRow(grid, row) {
  return grid.merges.some((m) => m.top === row && m.bottom === row && m.left === 0 && m.right >= 2);
}

/**
 * The annex rows of a fixture-shaped grid: each data row with its indicator and official target
 * row. Section rows set the section (Stt numbers restart in the national set's second section).
 */
function annexRows(grid, template) {
  const set = SETS[template.setId];
  const headers = headerRows(grid);
  const first = Math.min(...headers);
  const rows = [];
  let section;
  let indicator;
  for (let r = first + 1; r < grid.rows.length; r++) {
    if (headers.has(r)) continue;
    const a = cellText(getCell(grid, r, 0)).trim();
    if (isBandRow(grid, r)) {
      section = /^([IVX]+|\d+)\./.exec(a)?.[1];
      indicator = undefined;
      continue;
    }
    const sttCell = getCell(grid, r, 0);
    const stt = sttCell?.type === 'number' ? String(sttCell.value) : a.replace(/\.$/, '');
    if (stt !== '') {
      indicator = set.indicators.find(
        (i) => i.stt === stt && (section === undefined || i.section === section),
      );
      if (!indicator)
        throw new Error(`make-examples: no indicator ${section}.${stt} (row ${r + 1})`);
    }
    if (!indicator) continue;
    const lead = template.lead === undefined ? '' : cellText(getCell(grid, r, template.lead));
    if (template.lead !== undefined && lead.trim() === '') continue; // continuation row
    const targetRow =
      indicator.targets.length === 1
        ? 0
        : indicator.targets.findIndex((t) => norm(t.lead) === norm(lead));
    if (targetRow < 0) throw new Error(`make-examples: row ${r + 1}: unknown lead "${lead}"`);
    rows.push({ row: r, indicator, targetRow });
  }
  return rows;
}

function agencyMatches(agency, unitName) {
  const a = norm(agency);
  const u = norm(unitName);
  return a === u || u.endsWith(` ${a}`) || u.startsWith(`${a} `);
}

/** The indicator's target row for the unit (agency first, then level), as the engine chooses it. */
function unitTargetRow(indicator, unit) {
  const byAgency = indicator.targets.findIndex((t) =>
    (t.appliesTo.agencies ?? []).some((a) => agencyMatches(a, unit.name)),
  );
  if (byAgency >= 0) return byAgency;
  const byLevel = indicator.targets.findIndex((t) =>
    (t.appliesTo.levels ?? []).includes(unit.level),
  );
  return byLevel >= 0 ? byLevel : undefined;
}

const targetNumber = (t) =>
  t === null || t === undefined ? undefined : typeof t === 'number' ? t : t.value;

/** The official minimum for a quarter: the roadmap's, or the annual target when there is none. */
function officialMinimum(indicator, targetRow, quarter) {
  const t = indicator.targets[targetRow];
  return targetNumber(t.quarterly?.[quarter - 1]) ?? targetNumber(t.annual);
}

// ---------------------------------------------------------------------------------------------
// Reading a value as the checker reads it (a small mirror of the engine, for the README)

const isPercentFormat = (format) =>
  typeof format === 'string' && /%/.test(format.replace(/"[^"]*"/g, ''));
const PLACEHOLDERS = new Set(['', '-', '–', 'x', 'n/a', 'na']);
const NOT_OCCURRED = new Set(['không phát sinh', 'kps']);
const DECIMAL = String.raw`\d+(?:,\d+)?`;
const PROSE = new RegExp(
  String.raw`^(?:đạt\s+)?(${DECIMAL})\s*%(?:\s*\(.*\)|\s*/\s*${DECIMAL}\s*%)?$`,
  'iu',
);
const toNumber = (text) => Number(text.replace(',', '.'));
/** "11,3/18": a score out of a maximum, not a percentage. */
const SCORE = /^\d+,\d+\/\d+$/;
/** The texts of a number, each with how its scale is known (a bare number's is not). */
const TEXT_FORMS = [
  { how: 'plain', pattern: new RegExp(`^(${DECIMAL})$`), read: (m) => toNumber(m[1]) },
  { how: 'text-percent', pattern: new RegExp(`^(${DECIMAL})\\s*%$`), read: (m) => toNumber(m[1]) },
  // "15/15": a count of a count (a zero denominator is unreadable)
  {
    how: 'ratio',
    pattern: /^(\d+)\/([1-9]\d*)$/,
    read: (m) => (Number(m[1]) / Number(m[2])) * 100,
  },
  { how: 'prose', pattern: PROSE, read: (m) => toNumber(m[1]) },
];

/**
 * One cell as the checker reads it, before the scale of its column is known:
 * → { kind: 'number', value, how } | { kind: 'missing', reason } | { kind: 'invalid', reason }
 *   | { kind: 'not-occurred', raw }
 * A plain number (a General number cell, a text of a bare number) may still be a fraction.
 */
function readCell(cell) {
  if (!cell) return { kind: 'missing', reason: 'blank' };
  if (cell.type === 'error') return { kind: 'invalid', reason: `error value ${cell.value}` };
  let value;
  let how;
  if (cell.type === 'number') {
    how = isPercentFormat(cell.format) ? 'formatted' : 'plain';
    value = how === 'formatted' ? cell.value * 100 : cell.value;
  } else {
    const text = cell.value.trim().replace(/^tối thiểu\s*/iu, '');
    const lower = text.toLowerCase();
    if (PLACEHOLDERS.has(lower))
      return { kind: 'missing', reason: text === '' ? 'blank' : `placeholder "${text}"` };
    if (NOT_OCCURRED.has(lower)) return { kind: 'not-occurred', raw: text };
    if (/^\d{1,3}(\.\d{3})+$/.test(text)) return { kind: 'invalid', reason: `ambiguous "${text}"` };
    if (SCORE.test(text))
      return { kind: 'invalid', reason: `"${text}" is a score, not a percentage` };
    const form = TEXT_FORMS.find((f) => f.pattern.test(text));
    if (!form) return { kind: 'invalid', reason: `unreadable "${text}"` };
    how = form.how;
    value = form.read(form.pattern.exec(text));
  }
  value = round(value, 9);
  if (value < 0 || value > 100) return { kind: 'invalid', reason: `out of range ${fmt(value)} %` };
  return { kind: 'number', value, how };
}

/**
 * The scale of each results column, from the reads of its cells ([col, read] pairs): a column
 * with no plain number above 1 and a fraction or a percent-formatted cell is in fractions (its
 * plain numbers ≤ 1 read × 100); otherwise a plain number in (0, 1] is ambiguous (1 % or 100 %?).
 * Rewrites the reads in place and returns the fraction columns with the cells read so.
 */
function applyColumnScales(reads) {
  const columns = new Map();
  for (const entry of reads) {
    const { col, read } = entry;
    if (read.kind !== 'number') continue;
    let t = columns.get(col);
    if (!t) {
      t = { small: [], large: 0, strict: 0, formatted: 0 };
      columns.set(col, t);
    }
    if (read.how === 'formatted') t.formatted++;
    else if (read.how === 'plain') {
      if (read.value > 1) t.large++;
      else if (read.value > 0) {
        t.small.push(entry);
        if (read.value < 1) t.strict++;
      }
    }
  }
  const fractions = [];
  for (const [col, t] of [...columns].sort((a, b) => a[0] - b[0])) {
    if (t.small.length === 0) continue;
    const inFractions = t.large === 0 && (t.strict > 0 || t.formatted > 0);
    for (const entry of t.small) {
      entry.read = inFractions
        ? { kind: 'number', value: round(entry.read.value * 100, 9), how: 'fraction' }
        : {
            kind: 'invalid',
            reason: `ambiguous scale: ${fmt(entry.read.value)} % or ${fmt(entry.read.value * 100)} %`,
          };
    }
    if (inFractions) fractions.push({ column: columnName(col), cells: t.small.map((e) => e.a1) });
  }
  return fractions;
}

/**
 * What the checker should find in a sheet shaped like `template`, for `unit` up to `quarter`:
 * one entry per cell finding, plus the indicator-level not-applicable ones (no cell), and the
 * sheet's notices (columns read as fractions, values on rows not assigned to the unit).
 */
function expectedFindings(grid, template, unit, quarter = CHECKED_QUARTER) {
  const set = SETS[template.setId];
  const rows = annexRows(grid, template);
  const findings = [];
  const resultCols = Object.entries(template.results)
    .map(([c, q]) => [Number(c), q])
    .filter(([, q]) => q <= quarter);
  const results = [];
  for (const { row, indicator, targetRow } of rows) {
    const own = unitTargetRow(indicator, unit) === targetRow;
    // Targets written in the sheet against the official ones.
    const t = indicator.targets[targetRow];
    const targetCols = [[template.annual, targetNumber(t.annual), undefined]];
    for (const [c, q] of Object.entries(template.minimums))
      targetCols.push([Number(c), targetNumber(t.quarterly?.[q - 1]), q]);
    for (const [col, official, q] of targetCols) {
      const cell = getCell(grid, row, col);
      if (!cell || official === undefined) continue;
      const read = readCell(cell);
      if (read.kind === 'number' && Math.abs(read.value - official) > 1e-9)
        findings.push({
          code: 'target-mismatch',
          cell: toA1(row, col),
          indicator,
          quarter: q,
          value: read.value,
          minimum: official,
        });
    }
    for (const [col, q] of resultCols) {
      const read = readCell(getCell(grid, row, col));
      if (own || read.reason !== 'blank')
        results.push({ row, col, a1: toA1(row, col), quarter: q, indicator, targetRow, own, read });
    }
  }
  const fractions = applyColumnScales(results);
  const filled = new Set();
  const notAssigned = [];
  for (const { a1, quarter: q, indicator, targetRow, own, read } of results) {
    if (!own) {
      findings.push({ code: 'not-applicable', cell: a1, indicator, quarter: q });
      filled.add(indicator.id);
      if (unitTargetRow(indicator, unit) === undefined) notAssigned.push(a1);
      continue;
    }
    const minimum = officialMinimum(indicator, targetRow, q);
    const base = { cell: a1, indicator, quarter: q, minimum };
    if (read.kind === 'missing')
      findings.push({ ...base, code: 'missing-value', reason: read.reason });
    else if (read.kind === 'invalid')
      findings.push({ ...base, code: 'invalid-value', reason: read.reason });
    else if (read.kind === 'not-occurred')
      findings.push({ ...base, code: 'not-occurred', reason: `"${read.raw}"` });
    else
      findings.push({
        ...base,
        code: read.value >= minimum - 1e-9 ? 'met' : 'below-minimum',
        value: read.value,
      });
  }
  for (const indicator of set.indicators) {
    if (unitTargetRow(indicator, unit) === undefined && !filled.has(indicator.id))
      findings.push({ code: 'not-applicable', indicator });
  }
  return { findings, fractions, notAssigned };
}

// ---------------------------------------------------------------------------------------------
// Varying a fixture: another unit, other achieved values

/** "76,2%" → { decimals: 1, suffix: '%' }; undefined for text that is not a plain number. */
function textShape(text) {
  const m = /^(\d+)(?:,(\d+))?(\s*%?)$/.exec(text.trim());
  return m ? { decimals: m[2]?.length ?? 0, suffix: m[3] } : undefined;
}

function formatDecimals(format) {
  const m = /\.(0+)%/.exec(format ?? '');
  return m ? m[1].length : 0;
}

function numberDecimals(value) {
  const s = String(value);
  return s.includes('.') ? s.split('.')[1].length : 0;
}

/** An achieved value in percent, `decimals` after the point: below `minimum` or not, never above 100. */
function drawValue(random, minimum, below, decimals) {
  const step = 10 ** -decimals;
  if (below) {
    // Mostly a little short, sometimes well short: realistic gaps of 0.2 to ~12 pp.
    const gap = 0.2 + random() ** 2 * Math.min(12, minimum * 0.2);
    let v = Math.floor((minimum - gap) * 10 ** decimals) / 10 ** decimals;
    if (v >= minimum) v = minimum - step;
    return round(v, decimals);
  }
  if (minimum >= 100) return 100;
  const room = Math.min(100 - minimum, 15);
  const v = Math.ceil((minimum + random() ** 1.5 * room) * 10 ** decimals) / 10 ** decimals;
  return round(Math.min(100, Math.max(minimum, v)), decimals);
}

/** A new cell in the same writing as `original` (percent-formatted fraction, plain number, text). */
function cellLike(original, percent, decimalsHint) {
  if (original?.type === 'number' && isPercentFormat(original.format)) {
    const d = formatDecimals(original.format);
    return { type: 'number', value: round(percent / 100, d + 2), format: original.format };
  }
  if (original?.type === 'number') return { type: 'number', value: percent };
  if (original?.type === 'string') {
    const shape = textShape(original.value);
    const d = shape?.decimals ?? 0;
    const text = percent.toFixed(d).replace('.', ',');
    return { type: 'string', value: `${text}${shape?.suffix ?? '%'}` };
  }
  const format = decimalsHint > 0 ? `0.${'0'.repeat(decimalsHint)}%` : '0%';
  return { type: 'number', value: round(percent / 100, decimalsHint + 2), format };
}

/** How many decimals a new value for `cell` gets: those its writing shows. */
function decimalsFor(cell, random) {
  if (cell?.type === 'number' && isPercentFormat(cell.format)) return formatDecimals(cell.format);
  if (cell?.type === 'number') return numberDecimals(cell.value);
  if (cell?.type === 'string') return textShape(cell.value)?.decimals ?? 0;
  return random() < 0.5 ? 0 : 1;
}

/**
 * A department's or district's copy of a fixture: the unit's name written in, the achieved
 * values of its own rows redrawn, the rows that are not its own left empty. Errors, blanks,
 * placeholders and unreadable texts are kept now and then, as real submissions have them.
 */
function varyGrid(base, template, unit, writeUnit, seed) {
  const resultCols = Object.entries(template.results)
    .map(([c, q]) => [Number(c), q])
    .filter(([, q]) => q <= CHECKED_QUARTER);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const random = seededRandom(seed + attempt * 7919);
    const grid = cloneGrid(base);
    writeUnit(grid);
    let evaluated = 0;
    let below = 0;
    let kept = 0;
    for (const { row, indicator, targetRow } of annexRows(grid, template)) {
      const own = unitTargetRow(indicator, unit) === targetRow;
      for (const [col, quarter] of resultCols) {
        const cell = getCell(grid, row, col);
        if (!own) {
          if (cell) setCell(grid, row, col, undefined);
          continue;
        }
        const read = readCell(cell);
        const special = read.kind !== 'number';
        if (special && random() < 0.4) {
          if (cell) kept++;
          continue; // kept as received
        }
        if (!special && cell.type === 'string' && random() < 0.25) {
          evaluated++;
          if (read.value < officialMinimum(indicator, targetRow, quarter) - 1e-9) below++;
          continue; // a text value kept as written
        }
        const minimum = officialMinimum(indicator, targetRow, quarter);
        const isBelow = random() < 0.17;
        const writing = special ? undefined : cell;
        const decimals = decimalsFor(writing, random);
        const value = drawValue(random, minimum, isBelow, decimals);
        setCell(grid, row, col, cellLike(writing, value, decimals));
        evaluated++;
        if (isBelow) below++;
      }
    }
    const share = below / evaluated;
    if (below >= 2 && kept >= 1 && share >= 0.1 && share <= 0.25)
      return { grid, seed: seed + attempt * 7919 };
  }
  throw new Error('make-examples: no variation found within the limits');
}

// ---------------------------------------------------------------------------------------------
// Writing a workbook

/** Column widths and wrapping by the header's words. */
function columnStyle(header) {
  const h = norm(header);
  if (/^(stt|tt)$/.test(h)) return { width: 6 };
  if (h === 'nhiem vu' || h === 'chi tieu' || h === 'noi dung') return { width: 58, text: true };
  if (h.startsWith('co quan')) return { width: 24, text: true };
  if (h === 'ghi chu') return { width: 22, text: true };
  if (h === 'don vi') return { width: 8 };
  if (h.startsWith('so tien')) return { width: 18 };
  if (h.startsWith('ket qua') || h.startsWith('thuc hien')) return { width: 13 };
  return { width: 11 };
}

const THIN = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FONT = { name: 'Times New Roman', size: 12 };

function writeSheet(wb, grid) {
  const ws = wb.addWorksheet(grid.name, {
    state: grid.state ?? 'visible',
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    properties: { defaultRowHeight: 16 },
  });
  const ncols = Math.max(
    1,
    ...grid.rows.map((r) => r.length),
    ...grid.merges.map((m) => m.right + 1),
  );
  const headers = headerRows(grid);
  const firstHeader = headers.size > 0 ? Math.min(...headers) : grid.rows.length;

  // Columns: from the first header band's words (the lowest non-empty cell of each column).
  const styles = [];
  for (let c = 0; c < ncols; c++) {
    let header = '';
    for (const r of [...headers].filter((r) => r < firstHeader + 3).sort((a, b) => a - b)) {
      const t = cellText(getCell(grid, r, c)).trim();
      if (t !== '') header = t;
    }
    styles.push(headers.size > 0 ? columnStyle(header) : { width: 90, text: true });
  }
  styles.forEach((s, c) => {
    ws.getColumn(c + 1).width = s.width;
  });

  const mergeAt = new Map(grid.merges.map((m) => [`${m.top},${m.left}`, m]));
  const inMerge = (r, c) =>
    grid.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  const heights = new Map();
  const lastRow = grid.rows.length;

  for (let r = 0; r < lastRow; r++) {
    const kind =
      r < firstHeader
        ? 'title'
        : headers.has(r)
          ? 'header'
          : isBandRow(grid, r)
            ? 'section'
            : 'data';
    const inTable = r >= firstHeader && (grid.rows[r].length > 0 || kind !== 'data');
    for (let c = 0; c < ncols; c++) {
      const cell = getCell(grid, r, c);
      const merge = inMerge(r, c);
      if (!cell && !(inTable && kind !== 'title')) continue;
      const xc = ws.getCell(r + 1, c + 1);
      if (cell?.type === 'string') xc.value = cell.value;
      else if (cell?.type === 'number') {
        xc.value = cell.value;
        if (cell.format) xc.numFmt = cell.format;
      } else if (cell?.type === 'error') xc.value = { error: cell.value };
      const wrap = kind === 'header' || styles[c].text === true || cellText(cell).includes('\n');
      if (kind === 'title') {
        const centred = merge !== undefined;
        xc.font = { ...FONT, bold: centred, italic: !centred };
        xc.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'middle' };
        continue;
      }
      if (kind === 'header') {
        xc.font = { ...FONT, bold: true };
        xc.fill = HEADER_FILL;
        xc.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      } else if (kind === 'section') {
        xc.font = { ...FONT, bold: true };
        xc.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      } else {
        xc.font = FONT;
        xc.alignment = {
          horizontal: styles[c].text === true ? 'left' : 'center',
          vertical: 'middle',
          wrapText: wrap,
        };
      }
      if (inTable) xc.border = BORDER;
    }
    // A row height that shows the wrapped text (Excel does not grow rows written by a program).
    // A cell merged over several rows lends the rows below it one line each.
    let height = 0;
    for (let c = 0; c < ncols; c++) {
      const text = cellText(getCell(grid, r, c));
      if (text === '' || kind === 'title') continue;
      const m = mergeAt.get(`${r},${c}`);
      const right = m ? m.right : c;
      const span = m ? m.bottom - m.top + 1 : 1;
      let width = 0;
      for (let k = c; k <= right; k++) width += styles[k]?.width ?? 10;
      const perLine = Math.max(1, (width - 1) * (kind === 'header' ? 0.85 : 0.95));
      const lines = text
        .split('\n')
        .reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
      height = Math.max(height, lines * 16 + 4 - (span - 1) * 20);
    }
    if (height > 20 || kind === 'header') heights.set(r, Math.max(20, height));
  }
  for (const m of grid.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const [r, h] of heights) ws.getRow(r + 1).height = h;
  ws.views = [{ state: 'normal', showGridLines: true }];
}

/** A sheet of free lines (a note sheet a unit adds to its workbook). */
function writeNoteSheet(wb, name, lines) {
  const ws = wb.addWorksheet(name);
  ws.getColumn(1).width = 100;
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { ...FONT, bold: i === 0 };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
}

/**
 * ExcelJS stamps the zip entries with the current time: unzip and zip again with a fixed one
 * (and without folder entries), so the bytes are the same on every run.
 */
function deterministicZip(bytes) {
  const entries = fflate.unzipSync(bytes);
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  names.sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  const files = {};
  for (const n of names) files[n] = [entries[n], { mtime: ZIP_MTIME }];
  return fflate.zipSync(files, { level: 9, mtime: ZIP_MTIME });
}

async function workbookBytes(title, sheets, notes, modified = CREATED) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chỉ Tiêu examples';
  wb.lastModifiedBy = 'Chỉ Tiêu examples';
  wb.title = title;
  wb.created = CREATED;
  // the saved date a report orders one unit's submissions by (a revised copy is saved later)
  wb.modified = modified;
  for (const grid of sheets) writeSheet(wb, grid);
  if (notes) writeNoteSheet(wb, notes.name, notes.lines);
  const buffer = await wb.xlsx.writeBuffer();
  return deterministicZip(new Uint8Array(buffer));
}

// ---------------------------------------------------------------------------------------------
// The examples

const unitLineRow = (grid) =>
  grid.rows.findIndex((r) => /^đơn vị báo cáo\s*:/iu.test(cellText(r[0]).trim()));

/** Writes another department into the "Đơn vị báo cáo: …" line. */
const reportingUnit = (name) => (grid) => {
  const row = unitLineRow(grid);
  setCell(grid, row, 0, { type: 'string', value: `Đơn vị báo cáo: ${name}` });
};

/** Writes another district into the letterhead line (row 1). */
const letterhead = (line) => (grid) => {
  setCell(grid, 0, 0, { type: 'string', value: line });
};

const GOOD = [
  {
    file: 'so-tu-phap.xlsx',
    fixture: 'bp2025-so.grid.txt',
    template: 'so',
    unit: { name: 'Sở Tư pháp', level: 'so' },
    what: "The Department of Justice's annex as submitted (fixture `bp2025-so`): values typed every way people type them.",
  },
  {
    file: 'so-tu-phap-ban-sua.xlsx',
    fixture: 'bp2025-so-lowered.grid.txt',
    template: 'so',
    unit: { name: 'Sở Tư pháp', level: 'so' },
    // saved two days after the first copy: the report keeps it as the unit's latest submission
    modified: new Date('2025-07-07T08:00:00Z'),
    what: 'A second copy from the same department, saved two days later, with three official targets quietly lowered (fixture `bp2025-so-lowered`): the consolidated report keeps it and says it supersedes `so-tu-phap.xlsx`.',
  },
  {
    file: 'ubnd-huyen-bu-dop.xlsx',
    fixture: 'bp2025-huyen.grid.txt',
    template: 'huyen',
    unit: { name: 'UBND huyện Bù Đốp', level: 'huyen' },
    what: 'A district\'s annex with single-level result headers ("Kết quả Quý I/2025", "Thực hiện quý II") and a letterhead instead of a "Đơn vị báo cáo" line (fixture `bp2025-huyen`).',
  },
  {
    file: 'so-y-te.xlsx',
    template: 'so',
    unit: { name: 'Sở Y tế', level: 'so' },
    vary: reportingUnit('Sở Y tế'),
    what: 'Generated from `bp2025-so`: another department, other values.',
  },
  {
    file: 'so-noi-vu.xlsx',
    template: 'so',
    unit: { name: 'Sở Nội vụ', level: 'so' },
    vary: reportingUnit('Sở Nội vụ'),
    notes: {
      name: 'Ghi chú',
      lines: [
        'Ghi chú kèm theo báo cáo kết quả thực hiện chỉ tiêu',
        'Số liệu tổng hợp từ Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, chốt ngày 20/6/2025.',
        'Tỷ lệ thanh toán trực tuyến thấp do nhiều thủ tục thuộc lĩnh vực công chức, viên chức không phát sinh phí, lệ phí.',
        'Đơn vị sẽ rà soát, cập nhật lại số liệu số hóa hồ sơ trong báo cáo kỳ sau.',
        'Người tổng hợp: Phòng Cải cách hành chính.',
      ],
    },
    what: 'Generated from `bp2025-so`: another department, other values, and a second sheet "Ghi chú" of free notes.',
  },
  {
    file: 'so-giao-duc-va-dao-tao.xlsx',
    template: 'so',
    unit: { name: 'Sở Giáo dục và Đào tạo', level: 'so' },
    vary: reportingUnit('Sở Giáo dục và Đào tạo'),
    what: 'Generated from `bp2025-so`: another department, other values.',
  },
  {
    file: 'ubnd-huyen-loc-ninh.xlsx',
    template: 'huyen',
    unit: { name: 'UBND huyện Lộc Ninh', level: 'huyen' },
    vary: letterhead('UBND HUYỆN LỘC NINH'),
    what: 'Generated from `bp2025-huyen`: another district (letterhead "UBND HUYỆN LỘC NINH"), other values.',
  },
  {
    file: 'ubnd-thi-xa-chon-thanh.xlsx',
    template: 'huyen',
    unit: { name: 'UBND thị xã Chơn Thành', level: 'huyen' },
    vary: letterhead('UBND THỊ XÃ CHƠN THÀNH'),
    what: 'Generated from `bp2025-huyen`: a town at district level (letterhead "UBND THỊ XÃ CHƠN THÀNH"), other values.',
  },
  {
    file: 'xa-tan-tien.xlsx',
    fixture: 'nq2025-results.grid.txt',
    template: 'xa',
    unit: { name: 'UBND xã Tân Tiến', level: 'xa' },
    what: 'A commune\'s report against the national 2025 targets (Phụ lục II of Kế hoạch 617/KH-UBND, Phú Thọ; fixture `nq2025-results`): one result column "Kết quả Quý II/2025", judged against the annual targets.',
  },
];

/** An earlier copy of the sheet kept in the workbook, hidden: only its Quý I results. */
function oldQuarterOne(grid, template) {
  const old = cloneGrid(grid);
  old.name = 'Quý I (cũ)';
  old.state = 'hidden';
  for (const [c, q] of Object.entries(template.results))
    if (q > 1)
      for (let r = 0; r < old.rows.length; r++) if (old.rows[r][c]) old.rows[r][c] = undefined;
  // The old copy's Quý I was not the final one: a few values changed since.
  for (const { row } of annexRows(old, template).filter((_, i) => i % 4 === 1)) {
    const col = Number(Object.keys(template.results)[0]);
    const cell = getCell(old, row, col);
    if (cell?.type === 'number' && cell.value > 0.1)
      setCell(old, row, col, { ...cell, value: round(cell.value * 0.9, 4) });
  }
  return old;
}

// The reform (since 1/7/2025: two levels of local government; districts wound up, communes and
// wards take their work): what the office receives besides the reference annexes.
GOOD.push(
  {
    file: 'ubnd-huyen-dong-phu.xlsx',
    fixture: 'bp2025-huyen-two-line.grid.txt',
    template: 'huyen',
    unit: { name: 'UBND huyện Đồng Phú', level: 'huyen' },
    what: 'The official two-line letterhead ("ỦY BAN NHÂN DÂN" over "HUYỆN ĐỒNG PHÚ") with the national motto beside it (fixture `bp2025-huyen-two-line`): the unit is read from both lines, never from the motto.',
  },
  {
    file: 'so-cong-thuong.xlsx',
    fixture: 'bp2025-so-typed.grid.txt',
    template: 'so',
    unit: { name: 'Sở Công Thương', level: 'so' },
    edit: reportingUnit('Sở Công Thương'),
    what: 'Values as staff type them (fixture `bp2025-so-typed`, "Đơn vị báo cáo: Sở Công Thương"): `=B/C` fractions left in the General format (0,96 for 96 %), counts ("15/15"), prose ("đạt 66,67%", "76,1%/40%", "100% (15/15 hồ sơ)"), "Không phát sinh" and "KPS".',
  },
  {
    file: 'ubnd-huyen-hon-quan.xlsx',
    template: 'huyen',
    unit: { name: 'UBND huyện Hớn Quản', level: 'huyen' },
    vary: letterhead('UBND HUYỆN HỚN QUẢN'),
    hidden: oldQuarterOne,
    what: 'Generated from `bp2025-huyen` (letterhead "UBND HUYỆN HỚN QUẢN"), with a hidden old sheet "Quý I (cũ)" — the Quý I copy sent earlier — that the checker skips and lists.',
  },
  {
    file: 'ubnd-phuong-dong-xoai-quy-3.xlsx',
    fixture: 'bp2025-xa-q3.grid.txt',
    template: 'so',
    quarter: 3,
    unit: { name: 'UBND phường Đồng Xoài', level: 'xa' },
    what: 'A ward of the new two-level government reporting Quý III/2025 on the 2025 annex (fixture `bp2025-xa-q3`): its results are typed on the "UBND cấp huyện" rows the annex does not assign to communes — kept, not judged, and said once.',
  },
);

const LEVEL_NAMES = {
  so: 'Các sở, ban, ngành (`so`)',
  huyen: 'UBND cấp huyện (`huyen`)',
  xa: 'UBND cấp xã (`xa`)',
};

function summaryOf(findings) {
  const count = (code, withCell = true) =>
    findings.filter((f) => f.code === code && (f.cell !== undefined) === withCell).length;
  return {
    met: count('met'),
    below: count('below-minimum'),
    missing: count('missing-value'),
    invalid: count('invalid-value'),
    notOccurred: count('not-occurred'),
    mismatch: count('target-mismatch'),
    naCells: count('not-applicable'),
    naIndicators: count('not-applicable', false),
  };
}

function describeBelow(f) {
  return `${f.cell} ${QUARTER_NAMES[f.quarter]} \`${f.indicator.id}\`: ${fmt(f.value)} % < ${fmt(f.minimum)} % (gap ${fmt(round(f.minimum - f.value, 6))} pp)`;
}

async function main() {
  rmSync(OUT_ROOT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const written = [];
  const reports = [];

  for (const ex of GOOD) {
    const template = TEMPLATES[ex.template];
    let grid = readFixture(ex.fixture ?? template.file);
    let seed;
    if (ex.edit) {
      grid = cloneGrid(grid);
      ex.edit(grid);
    }
    if (ex.vary) {
      const varied = varyGrid(grid, template, ex.unit, ex.vary, (hashString(ex.file) ^ 2025) >>> 0);
      grid = varied.grid;
      seed = varied.seed;
    }
    const sheets = ex.hidden ? [grid, ex.hidden(grid, template)] : [grid];
    const bytes = await workbookBytes(
      `Phụ lục chỉ tiêu 2025 — ${ex.unit.name}`,
      sheets,
      ex.notes,
      ex.modified ?? CREATED,
    );
    writeFileSync(join(OUT, ex.file), bytes);
    written.push(ex.file);
    const quarter = ex.quarter ?? CHECKED_QUARTER;
    const expected = expectedFindings(grid, template, ex.unit, quarter);
    reports.push({
      ex,
      grid,
      ...expected,
      quarter,
      hidden: sheets.slice(1),
      seed,
      setId: template.setId,
    });
  }

  // Bad inputs a reviewer really receives.
  const good = readFileSync(join(OUT, 'so-tu-phap.xlsx'));
  writeFileSync(join(OUT, 'file-hong.xlsx'), good.subarray(0, 300));
  const xls = new Uint8Array(8 + 1024);
  xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  writeFileSync(join(OUT, 'bao-cao-cu.xls'), xls);
  const budget = readFixture('not-annex.grid.txt');
  writeFileSync(
    join(OUT, 'du-toan-kinh-phi.xlsx'),
    await workbookBytes('Dự toán kinh phí năm 2025 — Sở Tư pháp', [budget]),
  );
  writeFileSync(
    join(OUT, 'cong-van-kem-theo.pdf'),
    'Công văn số 512/STP-VP ngày 03/7/2025 của Sở Tư pháp về việc gửi báo cáo kết quả thực hiện chỉ tiêu cải cách thủ tục hành chính Quý II/2025.\n(Tệp mẫu: không phải bảng tính.)\n',
  );
  written.push(
    'bao-cao-cu.xls',
    'file-hong.xlsx',
    'du-toan-kinh-phi.xlsx',
    'cong-van-kem-theo.pdf',
  );

  writeFileSync(join(OUT_ROOT, 'README.md'), readme(reports));
  for (const f of [...written].sort()) console.log(relative(ROOT, join(OUT, f)));
  console.log(relative(ROOT, join(OUT_ROOT, 'README.md')));
}

// ---------------------------------------------------------------------------------------------
// The README

function readme(reports) {
  const out = [];
  const p = (...lines) => out.push(...lines);
  p(
    '# Example submissions: `nop-quy-2-2025/`',
    '',
    '<!-- Generated by scripts/make-examples.mjs; edit the script, not this file. -->',
    '',
    'A folder of annex workbooks as the provincial office receives them after **Quý II/2025**',
    '(nộp quý II năm 2025): departments (sở), districts (UBND cấp huyện) and a commune (UBND cấp',
    'xã) send back the 2025 annex with their achieved values for Quý I and Quý II typed in, plus',
    'the stray files that always come with them. Since 1/7/2025 there are two levels of local',
    'government (province and commune: xã, phường, đặc khu); the folder also holds what that',
    'brings: a ward that already reports Quý III on the 2025 annex, the official two-line',
    'letterhead, fractions typed into General cells, and a hidden old sheet. Check the whole',
    'folder with:',
    '',
    '```sh',
    `chitieu check examples/${FOLDER}`,
    '```',
    '',
    'No other arguments are needed: the target set, the unit and its level are read from each',
    'sheet, and the quarter from the latest results column filled in (Quý II, so results for Quý I',
    'and Quý II are due; Quý III for the ward). Because several units are below a minimum, the',
    'command exits with 1.',
    '',
    'Regenerate the folder with `node scripts/make-examples.mjs` (run from the repository root',
    'after `pnpm install`; it needs the `exceljs` dev dependency of `packages/xlsx`). The output',
    'is deterministic: every run writes byte-identical files. The workbooks are built from the',
    'worksheet fixtures in `packages/engine/test/fixtures/` (`*.grid.txt`, see the README there);',
    'six of them vary those fixtures with a seeded generator (other unit, other values). The',
    'expectations below are computed by the script from the official minimums in',
    '`packages/engine/src/target-sets/` and were checked against `checkSheet` of `@chitieu/engine`.',
    '',
    '## The files',
    '',
    '| file | unit | level | target set | what it is |',
    '|---|---|---|---|---|',
  );
  for (const r of reports) {
    p(
      `| \`${r.ex.file}\` | ${r.ex.unit.name} | ${LEVEL_NAMES[r.ex.unit.level]} | \`${r.setId}\` | ${r.ex.what} |`,
    );
  }
  p(
    '| `du-toan-kinh-phi.xlsx` | Sở Tư pháp | — | — | A real workbook that is not an annex: the department\'s budget table "Dự toán" (fixture `not-annex`). |',
    '| `bao-cao-cu.xls` | — | — | — | An old Excel 97–2003 workbook (only the OLE2 signature and zeros). |',
    '| `file-hong.xlsx` | — | — | — | A damaged file: the first 300 bytes of `so-tu-phap.xlsx` (a truncated zip). |',
    '| `cong-van-kem-theo.pdf` | — | — | — | The cover letter (a small text file named .pdf), not a workbook. |',
    '',
    '## What the checker should report',
    '',
    'Every annex is checked for the quarters up to its latest (Quý I and Quý II; Quý I–III for the',
    "ward) against the **official** minimum of the unit's level: *met*, *below-minimum*,",
    '*missing-value* (blank, "-", "N/A"), *invalid-value* (an error such as #DIV/0!, 105 %, the',
    'ambiguous "1.234", a score "11,3/18" in a percentage, 0,86 in a column that mixes 0,86 and',
    '96), *not-occurred* ("Không phát sinh", "KPS": nothing to process, not judged),',
    "*not-applicable* (a value in a row that is not the unit's), and *target-mismatch* for a target",
    'in the sheet that differs from the official one. "n.a. indicators" counts the indicators',
    'assigned to other units that got no value: one finding each, without a cell. Gaps are in',
    'percentage points (pp). A results column with no plain number above 1 is read as fractions',
    '(0,96 is 96 %), and the sheet says so once.',
    '',
    '| file | status | unit read from the sheet | level | quarter | met | below | missing | invalid | not occurred | target-mismatch | n.a. cells | n.a. indicators |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of reports) {
    const s = summaryOf(r.findings);
    const skipped = [
      ...(r.ex.notes ? [`sheet "${r.ex.notes.name}" skipped: not an annex`] : []),
      ...r.hidden.map((h) => `hidden sheet "${h.name}" skipped`),
    ];
    const sheets = skipped.length > 0 ? `checked (+ ${skipped.join('; ')})` : 'checked';
    p(
      `| \`${r.ex.file}\` | ${sheets} | ${r.ex.unit.name} | \`${r.ex.unit.level}\` | ${r.quarter} | ${s.met} | ${s.below} | ${s.missing} | ${s.invalid} | ${s.notOccurred} | ${s.mismatch} | ${s.naCells} | ${s.naIndicators} |`,
    );
  }
  p(
    '| `du-toan-kinh-phi.xlsx` | sheet "Dự toán": not an annex (no header with targets, minimums or results); no findings | — | — | — | | | | | | | | |',
    '| `bao-cao-cu.xls` | not read: an old Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx (reader error `old-xls`) | — | — | — | | | | | | | | |',
    '| `file-hong.xlsx` | not read: the file is damaged / not a complete .xlsx (zip) package; the other files are still checked | — | — | — | | | | | | | | |',
    '| `cong-van-kem-theo.pdf` | skipped: not an .xlsx file | — | — | — | | | | | | | | |',
    '',
    '### Cells to fix, per file',
    '',
  );
  for (const r of reports) {
    const byCode = (code) => r.findings.filter((f) => f.code === code && f.cell !== undefined);
    p(`#### \`${r.ex.file}\` — ${r.ex.unit.name}`, '');
    const below = byCode('below-minimum');
    if (r.seed !== undefined) {
      const judged = below.length + byCode('met').length;
      p(
        `Generated from \`${TEMPLATES[r.ex.template].file}\` (seed ${r.seed}): ${below.length} of the ${judged} values read are below their minimum.`,
        '',
      );
    }
    p(`- below the official minimum (${below.length}):`);
    for (const f of below) p(`  - ${describeBelow(f)}`);
    if (below.length === 0) p('  - none');
    for (const [code, label] of [
      ['missing-value', 'missing'],
      ['invalid-value', 'invalid'],
      ['not-occurred', 'not occurred (nothing to process this quarter; not judged)'],
    ]) {
      const list = byCode(code);
      if (list.length > 0)
        p(
          `- ${label} (${list.length}): ${list.map((f) => `${f.cell} ${QUARTER_NAMES[f.quarter]} \`${f.indicator.id}\` (${f.reason})`).join('; ')}`,
        );
    }
    const mismatch = byCode('target-mismatch');
    if (mismatch.length > 0)
      p(
        `- target-mismatch (${mismatch.length}): ${mismatch.map((f) => `${f.cell} \`${f.indicator.id}\` ${f.quarter ? QUARTER_NAMES[f.quarter] : 'annual'} target ${fmt(f.value)} % ≠ official ${fmt(f.minimum)} %`).join('; ')}`,
      );
    const na = byCode('not-applicable');
    if (na.length > 0)
      p(
        `- not-applicable cells (${na.length}): ${na.map((f) => `${f.cell} \`${f.indicator.id}\` (assigned to others, filled anyway)`).join('; ')}`,
      );
    for (const f of r.fractions)
      p(
        `- notice: column ${f.column} typed as fractions in the General format; ${f.cells.length} values read as percentages (${f.cells.join(', ')})`,
      );
    if (r.notAssigned.length > 0)
      p(
        `- notice: ${r.notAssigned.length} value${r.notAssigned.length === 1 ? '' : 's'} on rows the set does not assign to level \`${r.ex.unit.level}\`, kept as not-applicable (${r.notAssigned.join(', ')})`,
      );
    for (const h of r.hidden)
      p(`- notice: hidden sheet "${h.name}" skipped (\`--include-hidden\` checks it)`);
    const naInd = r.findings.filter((f) => f.code === 'not-applicable' && f.cell === undefined);
    if (naInd.length > 0)
      p(
        `- not this unit's indicators (no cell): ${naInd.map((f) => `\`${f.indicator.id}\``).join(', ')}`,
      );
    p('');
  }

  // Units × indicators: who is below which minimum.
  const setReports = reports.filter((r) => r.setId === 'binh-phuoc-2025');
  const indicators = SETS['binh-phuoc-2025'].indicators;
  p(
    '## Below the minimum, units × indicators (binh-phuoc-2025)',
    '',
    'The consolidated view a reviewer builds: for each unit, the indicators with a value below the',
    'official minimum (Q1/Q2 = the quarter). `xa-tan-tien.xlsx` uses the national set and is listed',
    'above.',
    '',
    `| unit | ${indicators.map((i) => i.stt).join(' | ')} |`,
    `|---|${indicators.map(() => '---').join('|')}|`,
  );
  for (const r of setReports) {
    const cells = indicators.map((i) => {
      const qs = r.findings
        .filter((f) => f.code === 'below-minimum' && f.indicator.id === i.id)
        .map((f) => `Q${f.quarter}`);
      return qs.join(' ');
    });
    p(`| ${r.ex.unit.name} (\`${r.ex.file}\`) | ${cells.join(' | ')} |`);
  }
  p('', 'Indicators by number:', '');
  for (const i of indicators) p(`- **${i.stt}** \`${i.id}\` — ${i.shortName ?? i.name}`);
  p('');
  return out.join('\n');
}

await main();
