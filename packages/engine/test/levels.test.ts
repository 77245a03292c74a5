/**
 * The one vocabulary of levels (`src/levels.ts`) over the neighbours of what the annexes write:
 * spellings without diacritics and in capitals, "UBND" and "Ủy ban nhân dân" (and "Uỷ"), the
 * town ("thị trấn", gone after 1/7/2025 but in the sets before), the readings against a set's own
 * levels (a 2026 set has no district), and the one target-mismatch builder both kinds of table use.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetFinding } from '../src/annex/check.js';
import { targetMismatch } from '../src/annex/targets.js';
import { IMPORT_LEVELS, levelsOfYear } from '../src/import/levels.js';
import {
  isLevelHeading,
  isUnitName,
  levelNamed,
  levelOfPhrase,
  levelOfUnit,
  levelsMentioned,
  levelWord,
  STANDARD_LEVELS,
} from '../src/levels.js';
import type { Level } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { normalizeText } from '../src/text.js';
import { readGridFixture } from './fixtures/grid-text.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025');
const nq = getBuiltinTargetSet('nq01-nq02-2025');
if (!bp || !nq) throw new Error('built-in sets missing');
const three = bp.levels;
/** A set of 2026: departments and communes only. */
const two = levelsOfYear(2026);

describe('a level from words (a level cell, a group heading)', () => {
  it.each([
    ['Các sở, ban, ngành', 'so'],
    ['CÁC SỞ, BAN, NGÀNH', 'so'],
    ['Cac so, ban, nganh', 'so'],
    ['I. Các sở, ban, ngành', 'so'],
    ['sở', 'so'],
    ['Sở', 'so'],
    ['so', 'so'],
    ['cấp tỉnh', 'so'],
    ['Cấp tỉnh', 'so'],
    ['Departments', 'so'],
    ['UBND cấp huyện', 'huyen'],
    ['Ủy ban nhân dân cấp huyện', 'huyen'],
    ['Uỷ ban nhân dân cấp huyện', 'huyen'],
    ['ỦY BAN NHÂN DÂN CẤP HUYỆN', 'huyen'],
    ['II. UBND cấp huyện', 'huyen'],
    ['huyện, thị xã, thành phố', 'huyen'],
    ['UBND các huyện, thị xã, thành phố', 'huyen'],
    ['Thị xã', 'huyen'],
    ['Quận', 'huyen'],
    ['cấp xã', 'xa'],
    ['Cap xa', 'xa'],
    ['xã, phường, thị trấn, đặc khu', 'xa'],
    ['UBND các xã, phường, đặc khu', 'xa'],
    ['Thị trấn', 'xa'],
    ['thi tran', 'xa'],
    ['Đặc khu', 'xa'],
    ['3. Cấp xã', 'xa'],
    ['Tổng cộng', undefined],
    ['Công ty ABC', undefined],
    ['', undefined],
    ['II.', undefined],
  ])('"%s" → %s among three levels', (text, level) => {
    expect(levelNamed(text, three)).toBe(level);
  });

  it.each([
    ['Các sở, ban, ngành', 'so'],
    ['UBND cấp xã', 'xa'],
    ['xã, phường, thị trấn, đặc khu', 'xa'],
    ['thị trấn', 'xa'],
    ['UBND cấp huyện', undefined],
    ['Ủy ban nhân dân cấp huyện', undefined],
    ['huyện, thị xã, thành phố', undefined],
    ['Thị xã', undefined],
  ])('"%s" → %s in a set of 2026 (no district)', (text, level) => {
    expect(levelNamed(text, two)).toBe(level);
  });

  it("a set's own ids and phrases come first, whatever they are", () => {
    const own: Level[] = [
      { id: 'tinh', name: 'Khối tỉnh', aliases: ['Cơ quan cấp tỉnh'] },
      { id: 'xa', name: 'Khối xã', aliases: [] },
    ];
    expect(levelNamed('Khối tỉnh', own)).toBe('tinh');
    expect(levelNamed('CO QUAN CAP TINH', own)).toBe('tinh');
    expect(levelNamed('tinh', own)).toBe('tinh');
    // The usual words name only the usual ids: "Cấp tỉnh" is `so`, which this set has not.
    expect(levelNamed('Cấp tỉnh', own)).toBeUndefined();
    expect(levelNamed('Cấp xã', own)).toBe('xa');
  });

  it('the usual words: a district before a commune ("thị xã" is a district\'s town)', () => {
    expect(levelWord('thi xa')).toBe('huyen');
    expect(levelWord('xa')).toBe('xa');
    expect(levelWord('district')).toBe('huyen');
    expect(levelWord('commune')).toBe('xa');
    expect(levelWord('province')).toBe('so');
    expect(levelWord('ket qua')).toBeUndefined();
    expect(levelWord('ii ubnd cap huyen')).toBe('huyen');
  });

  it('a heading over a level\'s units says "các", "cấp" or "khối" and a level', () => {
    expect(isLevelHeading(normalizeText('Các sở, ban, ngành'))).toBe(true);
    expect(isLevelHeading(normalizeText('Khối huyện'))).toBe(true);
    expect(isLevelHeading(normalizeText('CẤP XÃ'))).toBe(true);
    expect(isLevelHeading(normalizeText('Sở Y tế'))).toBe(false);
    expect(isLevelHeading(normalizeText('Các đơn vị khác'))).toBe(false);
  });
});

describe('the levels a lead-agency cell names', () => {
  it.each([
    ['Các sở, ban, ngành', ['so']],
    ['CÁC SỞ, BAN, NGÀNH TỈNH', ['so']],
    ['Sở Tư pháp; UBND cấp huyện', ['huyen']],
    ['Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã', ['so', 'huyen', 'xa']],
    ['ubnd cap xa', ['xa']],
    ['Sở Tư pháp', []],
    ['', []],
  ])('"%s" → %j', (text, levels) => {
    expect([...levelsMentioned(text, three)]).toEqual(levels);
  });

  it('only the levels of the set: a 2026 set has no district', () => {
    expect([...levelsMentioned('UBND cấp huyện, UBND cấp xã', two)]).toEqual(['xa']);
    expect([...levelsMentioned('UBND các huyện, thành, thị', nq.levels)]).toEqual(['huyen']);
    expect([...levelsMentioned('UBND các huyện, thành, thị', three)]).toEqual([]);
  });

  it('the exact phrases an agency cell is cut by; ids only when asked', () => {
    expect(levelOfPhrase('ubnd cac xa phuong dac khu', STANDARD_LEVELS)).toBe('xa');
    expect(levelOfPhrase('ubnd thi tran', STANDARD_LEVELS)).toBe('xa');
    expect(levelOfPhrase('ubnd cac huyen thanh pho thi xa', STANDARD_LEVELS)).toBe('huyen');
    expect(levelOfPhrase('xa', STANDARD_LEVELS)).toBeUndefined();
    expect(levelOfPhrase('xa', STANDARD_LEVELS, true)).toBe('xa');
    expect(levelOfPhrase('ubnd cap huyen', two)).toBeUndefined();
    // the imported sets' levels are these
    expect(IMPORT_LEVELS).toBe(STANDARD_LEVELS);
    expect(two.map((l) => l.id)).toEqual(['so', 'xa']);
  });
});

describe("a level from a unit's name", () => {
  it.each([
    ['UBND xã Tân Lập', 'xa'],
    ['Ủy ban nhân dân xã Tân Lập', 'xa'],
    ['Uỷ ban nhân dân xã Tân Lập', 'xa'],
    ['ỦY BAN NHÂN DÂN XÃ TÂN LẬP', 'xa'],
    ['UBND xa Tan Lap', 'xa'],
    ['UBND phường Đồng Xoài', 'xa'],
    ['UBND thị trấn Tân Phú', 'xa'],
    ['UBND đặc khu Côn Đảo', 'xa'],
    ['UBND huyện Bù Đốp', 'huyen'],
    ['UBND HUYEN BU DOP', 'huyen'],
    ['UBND thị xã Chơn Thành', 'huyen'],
    ['Ủy ban nhân dân thành phố Đồng Xoài', 'huyen'],
    ['UBND quận Ba Đình', 'huyen'],
    ['Sở Y tế', 'so'],
    ['SỞ Y TẾ', 'so'],
    ['So Y te', 'so'],
    ['Văn phòng UBND tỉnh', 'so'],
    ['Văn phòng Ủy ban nhân dân tỉnh Bình Phước', 'so'],
    ['Ban Quản lý Khu kinh tế', 'so'],
    ['Thanh tra tỉnh', 'so'],
    ['Báo Bình Phước', 'so'],
    ['Đài Phát thanh và Truyền hình', 'so'],
    ['UBND thành phố Hà Nội', undefined],
    ['Ủy ban nhân dân thành phố Hồ Chí Minh', undefined],
    ['Số liệu thống kê', undefined],
    ['Ban hành kèm theo Quyết định', undefined],
    ['Báo cáo kết quả', undefined],
    ['Công ty ABC', undefined],
    ['Phường Đồng Xoài', undefined],
  ])('"%s" → %s', (name, level) => {
    expect(levelOfUnit(name, three)).toBe(level);
  });

  it.each([
    ['Phường Đồng Xoài', 'xa'],
    ['Đặc khu Côn Đảo', 'xa'],
    ['Xã Tân Lập', 'xa'],
    ['Thị trấn Tân Phú', 'xa'],
    ['Huyện Bù Đăng', 'huyen'],
    ['Thị xã Chơn Thành', 'huyen'],
    ['huyen bu dang', 'huyen'],
    ['Thành phố Hồ Chí Minh', undefined],
    ['Tỉnh Bình Phước', undefined],
    ['Sở Y tế', 'so'],
  ])('"%s" → %s when a place may be written without "UBND"', (name, level) => {
    expect(levelOfUnit(name, three, { bare: true })).toBe(level);
  });

  it.each([
    ['UBND xã Tân Lập', 'xa'],
    ['Đặc khu Côn Đảo', 'xa'],
    ['UBND thị trấn Tân Phú', 'xa'],
    ['Sở Y tế', 'so'],
    ['UBND huyện Bù Đốp', undefined],
    ['Huyện Bù Đăng', undefined],
    ['UBND thị xã Chơn Thành', undefined],
  ])('"%s" → %s in a set of 2026 (no district)', (name, level) => {
    expect(levelOfUnit(name, two, { bare: true })).toBe(level);
  });

  it("by the set's own aliases when the usual names do not tell", () => {
    const own: Level[] = [{ id: 'dn', name: 'Doanh nghiệp nhà nước', aliases: ['Công ty'] }];
    expect(levelOfUnit('Công ty ABC', own)).toBe('dn');
    expect(levelOfUnit('CONG TY XYZ', own)).toBe('dn');
    expect(levelOfUnit('Sở Y tế', own)).toBeUndefined();
  });
});

describe('whether a heading is a unit name', () => {
  it.each([
    ['so y te', true],
    ['ubnd tinh binh phuoc', true],
    ['uy ban nhan dan xa tan lap', true],
    ['huyen bu dang', true],
    ['xa tan lap', true],
    ['thi tran tan phu', true],
    ['dac khu con dao', true],
    ['thanh tra tinh', true],
    ['bo chi huy quan su tinh', true],
    ['so lieu thong ke', false],
    ['so ho so tiep nhan', false],
    ['ban hanh kem theo', false],
    ['xa hoi hoa', false],
    ['bao cao', false],
    ['bao dam tien do', false],
    ['tinh binh phuoc', false],
    ['so', false],
    ['ket qua thuc hien', false],
  ])('"%s": %s', (norm, is) => {
    expect(isUnitName(norm)).toBe(is);
  });
});

describe('one target-mismatch builder for annexes and unit tables', () => {
  const payment = getBuiltinTargetSet('binh-phuoc-2024-thanh-toan')?.indicators[0];
  if (!payment) throw new Error('indicator missing');
  const ANNEX_ORDER = [
    'code',
    'indicatorId',
    'targetRow',
    'ref',
    'target',
    'official',
    'value',
    'lowered',
    'unit',
    'raw',
    'quarter',
  ];

  it('keeps the annex order of keys; a key without a value is left out', () => {
    const f = targetMismatch({
      indicator: payment,
      targetRow: 1,
      ref: 'F8',
      quarter: 2,
      official: 40,
      value: 30,
      raw: 0.3,
    });
    expect(f && Object.keys(f)).toEqual(ANNEX_ORDER);
    expect(f).toMatchObject({ target: 'quarterly', lowered: true, official: 40, value: 30 });
    const annual = targetMismatch({ indicator: payment, official: 80, value: 90, raw: '90%' });
    expect(annual && Object.keys(annual)).toEqual(
      ANNEX_ORDER.filter((k) => !['targetRow', 'ref', 'quarter'].includes(k)),
    );
    expect(annual).toMatchObject({ target: 'annual', lowered: false, raw: '90%' });
  });

  it('the official value (to rounding noise) is no finding; a lower-is-better one is lowered upwards', () => {
    const base = { indicator: payment, official: 40, raw: null };
    expect(targetMismatch({ ...base, value: 40 + 1e-12 })).toBeUndefined();
    expect(targetMismatch({ ...base, value: 40.001 })).toBeDefined();
    const lower = { ...payment, direction: 'lower-is-better' as const };
    expect(targetMismatch({ ...base, indicator: lower, value: 45 })?.lowered).toBe(true);
    expect(targetMismatch({ ...base, indicator: lower, value: 35 })?.lowered).toBe(false);
  });

  it('an annex and a unit table give their mismatches the same keys in the same order', () => {
    // As JSON has them: `ref` is cleared when a finding is placed at its cell.
    const keysOf = (findings: readonly SheetFinding[]) =>
      findings
        .filter((f) => f.code === 'target-mismatch')
        .map((f) => [f.target, ...Object.keys(JSON.parse(JSON.stringify(f)))]);
    const annex = keysOf(checkSheet(readGridFixture('bp2025-so-lowered')).findings);
    const table = keysOf(checkSheet(readGridFixture('unit-tt-2024-q1')).findings);
    const placed = ANNEX_ORDER.filter((k) => k !== 'ref');
    const annual = placed.filter((k) => k !== 'quarter');
    expect(annex).toEqual([
      ['annual', ...annual, 'cell', 'sheet'],
      ['quarterly', ...placed, 'cell', 'sheet'],
      ['quarterly', ...placed, 'cell', 'sheet'],
    ]);
    expect(table).toEqual([['quarterly', ...placed, 'cell', 'sheet', 'forUnit']]);
  });
});
