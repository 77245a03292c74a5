/**
 * Units and levels: the reporting unit read from letterheads as they are written, its name in
 * the official spelling and a key to group its spellings, its level from its name or from the
 * rows it filled, and values typed on rows that are not the unit's (kept, and said once).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet, type SheetCheck, type SheetFinding } from '../src/annex/check.js';
import { detectUnit, levelOfUnit } from '../src/annex/detect.js';
import { officialUnitName, sameUnit, unitKey } from '../src/annex/unit-name.js';
import type { Grid } from '../src/grid.js';
import { describeFinding } from '../src/messages/describe.js';
import { describeNotice } from '../src/messages/notices.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { readGridFixture as fixture } from './fixtures/grid-text.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const nq = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;

const name = (rows: readonly (readonly string[])[] | readonly string[]) => detectUnit(rows)?.name;

describe('unit names in their official spelling', () => {
  it.each([
    ['SỞ Y TẾ', 'Sở Y tế'],
    ['SỞ TƯ PHÁP', 'Sở Tư pháp'],
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'Sở Giáo dục và Đào tạo'],
    ['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'Sở Nông nghiệp và Môi trường'],
    ['SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Sở Khoa học và Công nghệ'],
    ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Sở Lao động - Thương binh và Xã hội'],
    ['SỞ CÔNG THƯƠNG', 'Sở Công Thương'],
    ['SỞ NỘI VỤ.', 'Sở Nội vụ'],
    ['VĂN PHÒNG UBND TỈNH', 'Văn phòng UBND tỉnh'],
    ['VĂN PHÒNG UBND TỈNH BÌNH PHƯỚC', 'Văn phòng UBND tỉnh Bình Phước'],
    ['VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND TỈNH', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh'],
    ['THANH TRA TỈNH', 'Thanh tra tỉnh'],
    ['CÔNG AN TỈNH ĐỒNG NAI', 'Công an tỉnh Đồng Nai'],
    ['BAN QUẢN LÝ KHU KINH TẾ', 'Ban Quản lý khu kinh tế'],
    ['UBND HUYỆN BÙ ĐỐP', 'UBND huyện Bù Đốp'],
    ['ỦY BAN NHÂN DÂN XÃ TÂN LẬP', 'UBND xã Tân Lập'],
    ['UỶ BAN NHÂN DÂN PHƯỜNG ĐỒNG XOÀI', 'UBND phường Đồng Xoài'],
    ['UBND ĐẶC KHU PHÚ QUỐC', 'UBND đặc khu Phú Quốc'],
    ['UBND THỊ TRẤN TÂN PHÚ', 'UBND thị trấn Tân Phú'],
    ['UBND THÀNH PHỐ ĐỒNG XOÀI', 'UBND thành phố Đồng Xoài'],
    ['UBND QUẬN BA ĐÌNH', 'UBND quận Ba Đình'],
  ])('%s → %s', (caps, official) => {
    expect(officialUnitName(caps)).toBe(official);
  });

  it('keeps a name written in mixed case as it is written', () => {
    expect(officialUnitName('Sở Tư Pháp')).toBe('Sở Tư Pháp');
    expect(officialUnitName('Sở Tư pháp')).toBe('Sở Tư pháp');
    expect(officialUnitName('  UBND xã Tân Tiến. ')).toBe('UBND xã Tân Tiến');
    expect(officialUnitName('Trung tâm Phục vụ hành chính công')).toBe(
      'Trung tâm Phục vụ hành chính công',
    );
  });
});

describe('one key for the spellings of one unit', () => {
  it('ignores case, diacritics, spacing, punctuation and "Ủy ban nhân dân"', () => {
    const key = unitKey('Sở Tư pháp');
    for (const other of ['Sở Tư Pháp', 'SỞ TƯ PHÁP', ' Sở  Tư\npháp ', 'So Tu Phap'])
      expect(unitKey(other)).toBe(key);
    for (const other of [
      'UBND huyện Bù Đốp',
      'Ủy ban nhân dân huyện Bù Đốp',
      'Uỷ ban nhân dân huyện Bù Đốp',
      'ỦY BAN NHÂN DÂN HUYỆN BÙ ĐỐP',
      'UBND Huyện Bù Đốp',
    ])
      expect(sameUnit(other, 'UBND huyện Bù Đốp')).toBe(true);
    expect(sameUnit('Sở Văn hóa, Thể thao và Du lịch', 'SỞ VĂN HOÁ THỂ THAO VÀ DU LỊCH')).toBe(
      true,
    );
  });

  it('keeps different units apart', () => {
    expect(sameUnit('Sở Tư pháp', 'Sở Y tế')).toBe(false);
    expect(sameUnit('UBND huyện Bù Đốp', 'UBND xã Bù Đốp')).toBe(false);
    expect(sameUnit('UBND phường Đồng Xoài', 'UBND thành phố Đồng Xoài')).toBe(false);
  });
});

describe('letterheads as they are written', () => {
  it('one line, in capitals or in mixed case', () => {
    expect(name(['UBND HUYỆN BÙ ĐỐP'])).toBe('UBND huyện Bù Đốp');
    expect(name(['ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH'])).toBe('UBND thị xã Chơn Thành');
    expect(name(['Ủy ban nhân dân xã Tân Lập'])).toBe('UBND xã Tân Lập');
    expect(name(['UBND ĐẶC KHU PHÚ QUỐC'])).toBe('UBND đặc khu Phú Quốc');
    expect(name(['SỞ Y TẾ'])).toBe('Sở Y tế');
    expect(name(['Sở Tư Pháp'])).toBe('Sở Tư Pháp');
  });

  it('the official two-line form, in two rows or in one cell with a line break', () => {
    expect(name([['ỦY BAN NHÂN DÂN'], ['HUYỆN BÙ ĐỐP']])).toBe('UBND huyện Bù Đốp');
    expect(name(['ỦY BAN NHÂN DÂN\nHUYỆN BÙ ĐỐP'])).toBe('UBND huyện Bù Đốp');
    expect(name(['ỦY BAN NHÂN DÂN\r\nPHƯỜNG ĐỒNG XOÀI\n-------'])).toBe('UBND phường Đồng Xoài');
    expect(name([['UBND'], ['XÃ TÂN LẬP'], ['Số: 45/BC-UBND']])).toBe('UBND xã Tân Lập');
    expect(detectUnit([['ỦY BAN NHÂN DÂN'], ['HUYỆN BÙ ĐỐP']])?.from).toBe(
      'ỦY BAN NHÂN DÂN\nHUYỆN BÙ ĐỐP',
    );
  });

  it('a superior body above the issuing one gives the issuing one', () => {
    expect(name([['UBND HUYỆN ĐỒNG PHÚ'], ['UBND XÃ TÂN LẬP']])).toBe('UBND xã Tân Lập');
    expect(name(['UBND HUYỆN ĐỒNG PHÚ\nUBND XÃ TÂN LẬP\n______'])).toBe('UBND xã Tân Lập');
    expect(name([['UBND TỈNH BÌNH PHƯỚC'], ['SỞ GIÁO DỤC VÀ ĐÀO TẠO']])).toBe(
      'Sở Giáo dục và Đào tạo',
    );
    expect(name(['ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSỞ Y TẾ'])).toBe('Sở Y tế');
    expect(name([['UBND TỈNH ĐỒNG NAI'], ['UBND PHƯỜNG ĐỒNG XOÀI']])).toBe('UBND phường Đồng Xoài');
    // a province's committee alone is not a reporting unit of these sets; nor is a central city
    expect(name(['ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC', 'CHỈ TIÊU'])).toBeUndefined();
    expect(name([['ỦY BAN NHÂN DÂN'], ['THÀNH PHỐ HÀ NỘI'], ['Phụ lục']])).toBeUndefined();
  });

  it('the national motto beside it is no part of the name', () => {
    const rows = [
      ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['HUYỆN ĐỒNG PHÚ', 'Độc lập - Tự do - Hạnh phúc'],
      ['-------', '---------------'],
      ['Phụ lục'],
    ];
    expect(name(rows)).toBe('UBND huyện Đồng Phú');
    // glued into one line, as a row's cells joined
    expect(name(['UBND huyện Đồng Phú CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])).toBe(
      'UBND huyện Đồng Phú',
    );
    expect(name(['UBND HUYỆN ĐỒNG PHÚ Cộng hòa xã hội chủ nghĩa Việt Nam'])).toBe(
      'UBND huyện Đồng Phú',
    );
    expect(
      name([
        ['UBND TỈNH BÌNH PHƯỚC', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['SỞ TƯ PHÁP', 'Độc lập – Tự do – Hạnh phúc'],
      ]),
    ).toBe('Sở Tư pháp');
    expect(
      name([['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], ['Độc lập - Tự do - Hạnh phúc']]),
    ).toBeUndefined();
  });

  it('"Đơn vị báo cáo" wins over the letterhead, in its cell or the next one', () => {
    expect(name([['UBND HUYỆN BÙ ĐỐP'], ['Đơn vị báo cáo: UBND xã Thiện Hưng']])).toBe(
      'UBND xã Thiện Hưng',
    );
    expect(name([['Đơn vị báo cáo:', 'SỞ Y TẾ']])).toBe('Sở Y tế');
    expect(name([['Đơn vị báo cáo: Sở Tư pháp', '', 'Quý III/2025']])).toBe('Sở Tư pháp');
  });

  it('title lines are not letterheads', () => {
    expect(name(['Ban hành kèm theo Quyết định số 12/QĐ-UBND'])).toBeUndefined();
    expect(name(['Số: 12/BC-SYT'])).toBeUndefined();
    expect(name(['CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH'])).toBeUndefined();
    expect(name(['của Chủ tịch UBND tỉnh Bình Phước)'])).toBeUndefined();
  });
});

describe('the level of a unit by its name', () => {
  it('communes, districts and departments', () => {
    for (const n of [
      'UBND xã Tân Lập',
      'UBND phường Đồng Xoài',
      'UBND thị trấn Tân Phú',
      'UBND đặc khu Phú Quốc',
    ])
      expect(levelOfUnit(n, bp)).toBe('xa');
    for (const n of [
      'UBND huyện Bù Đốp',
      'UBND thị xã Chơn Thành',
      'UBND thành phố Đồng Xoài',
      'UBND quận Ba Đình',
    ])
      expect(levelOfUnit(n, bp)).toBe('huyen');
    expect(levelOfUnit('Sở Giáo dục và Đào tạo', bp)).toBe('so');
    expect(levelOfUnit('UBND thành phố Hà Nội', bp)).toBeUndefined();
  });

  it('a two-level set has no level for a district', () => {
    const twoLevels: TargetSet = { ...bp, levels: bp.levels.filter((l) => l.id !== 'huyen') };
    expect(levelOfUnit('UBND huyện Bù Đốp', twoLevels)).toBeUndefined();
    expect(levelOfUnit('UBND đặc khu Phú Quốc', twoLevels)).toBe('xa');
    expect(levelOfUnit('UBND huyện Bù Đốp', nq)).toBe('huyen');
  });
});

/** Each finding as [cell, code, the numbers or reason that matter]; not-applicable keeps its value. */
function digest(findings: readonly SheetFinding[]): unknown[][] {
  return findings.map((x) => {
    const d: unknown[] = [x.cell ?? null, x.code];
    if (x.code === 'below-minimum') d.push(x.value, x.minimum.value, x.gap);
    else if (x.code === 'met') d.push(x.value, x.minimum.value);
    else if (x.code === 'invalid-value' || x.code === 'missing-value') d.push(x.reason);
    else if (x.code === 'not-applicable') {
      d.push(x.indicatorId, x.reason);
      if (x.cell !== undefined) d.push(x.value ?? null, x.raw ?? null);
    }
    return d;
  });
}

function check(grid: string | Grid, options = {}): SheetCheck {
  return checkSheet(typeof grid === 'string' ? fixture(grid) : grid, {
    nearMissBand: 1,
    ...options,
  });
}

const INDICATOR_NA_COMMUNE = [
  [null, 'not-applicable', 'nhiem-vu-chinh-phu-giao', 'agency'],
  [null, 'not-applicable', 'du-lieu-nhiem-vu', 'agency'],
  [null, 'not-applicable', 'bo-chi-so-chi-dao', 'level'],
  [null, 'not-applicable', 'van-ban-toan-trinh', 'level'],
  [null, 'not-applicable', 'dong-bo-truc-lien-thong', 'agency'],
  [null, 'not-applicable', 'ket-noi-he-thong', 'agency'],
];

describe('a commune fills Quý III/2025 of an annex not assigned to communes (bp2025-xa-q3)', () => {
  const result = check('bp2025-xa-q3');

  it('reads the commune from its letterhead, beside the motto', () => {
    expect(result.status).toBe('checked');
    expect(result.context).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'xa',
      unitName: 'UBND phường Đồng Xoài',
      quarter: 3,
      sources: {
        targetSet: 'content',
        level: 'unit-name',
        unitName: 'title',
        quarter: 'latest-results',
      },
    });
  });

  it('keeps every typed value in its finding, and judges indicator 12', () => {
    expect(digest(result.findings)).toEqual([
      ['L12', 'not-applicable', 'dvc-toan-trinh', 'level', 100, 1],
      ['L14', 'not-applicable', 'thanh-toan-truc-tuyen', 'level', 72, 0.72],
      ['L16', 'not-applicable', 'ho-so-truc-tuyen', 'level', 78, 0.78],
      ['L20', 'not-applicable', 'so-hoa-ho-so', 'level', 85, 0.85],
      ['L21', 'not-applicable', 'dong-bo-ket-qua', 'level', 100, 1],
      ['L22', 'not-applicable', 'ket-qua-dien-tu', 'level', 100, 1],
      ['L23', 'not-applicable', 'tai-su-dung-du-lieu', 'level', 65.5, '65,5%'],
      ['L24', 'not-applicable', 'phan-anh-kien-nghi', 'level', 100, 1],
      ['L25', 'not-applicable', 'muc-do-hai-long', 'level', 97, 0.97],
      ['L28', 'not-applicable', 'ho-so-toan-trinh', 'level', 68, 0.68],
      ['L29', 'not-applicable', 'cong-bo-tthc', 'level', 100, 1],
      ['J30', 'met', 100, 100],
      ['K30', 'met', 100, 100],
      ['L30', 'below-minimum', 98.5, 100, 1.5],
      ...INDICATOR_NA_COMMUNE,
    ]);
    const l14 = result.findings.find((f) => f.cell === 'L14');
    expect(l14 && describeFinding(l14, { targetSet: bp })).toBe(
      'Quý III: không áp dụng cho cấp này (chỉ tiêu dành cho Các sở, ban, ngành, UBND cấp huyện); giá trị đã nhập 72% được giữ lại, không đánh giá',
    );
    expect(l14 && describeFinding(l14, { targetSet: bp, locale: 'en' })).toBe(
      "Q3: not for this level (the indicator is for Provincial departments, District people's committees); the value typed, 72%, is kept but not judged",
    );
  });

  it('says once that 11 values sit on rows not assigned to communes', () => {
    const notices = result.notices.filter((n) => n.code === 'values-not-assigned');
    expect(notices).toEqual([
      {
        code: 'values-not-assigned',
        level: 'xa',
        count: 11,
        cells: ['L12', 'L14', 'L16', 'L20', 'L21', 'L22', 'L23', 'L24', 'L25', 'L28', 'L29'],
        assignedTo: ['so', 'huyen'],
      },
    ]);
    expect(result.notices.some((n) => n.code === 'level-contradicts-sheet')).toBe(false);
    expect(describeNotice(notices[0] as never, { targetSet: bp })).toBe(
      '11 giá trị đã nhập (L12, L14, L16, L20, L21 và 6 ô khác) nằm ở các dòng có chỉ tiêu không giao cho UBND cấp xã mà giao cho Các sở, ban, ngành, UBND cấp huyện: các giá trị này được giữ lại nhưng không đánh giá. Hãy chọn bộ chỉ tiêu giao các chỉ tiêu đó cho đơn vị, chọn đúng cấp của đơn vị, hoặc nhập phụ lục chỉ tiêu mới của tỉnh (lệnh "chitieu targets import").',
    );
  });

  it('the same sheet checked up to Quý II has no value out of place', () => {
    const q2 = check('bp2025-xa-q3', { quarter: 2 });
    expect(q2.notices.some((n) => n.code === 'values-not-assigned')).toBe(false);
    expect(digest(q2.findings).filter((d) => d[0] !== null)).toEqual([
      ['J30', 'met', 100, 100],
      ['K30', 'met', 100, 100],
    ]);
  });
});

describe('the official two-line letterhead with the motto beside it (bp2025-huyen-two-line)', () => {
  const result = check('bp2025-huyen-two-line');
  const plain = check('bp2025-huyen');

  it('reads "ỦY BAN NHÂN DÂN" / "HUYỆN ĐỒNG PHÚ" as the district, without the motto', () => {
    expect(result.status).toBe('checked');
    expect(result.context).toEqual({ ...plain.context, unitName: 'UBND huyện Đồng Phú' });
    expect(result.context.sources.level).toBe('unit-name');
  });

  it('finds what the one-line letterhead finds, cell by cell', () => {
    expect(digest(result.findings)).toEqual(digest(plain.findings));
    expect(result.findings.filter((f) => f.cell).length).toBe(24);
    expect(result.notices.some((n) => n.code === 'values-not-assigned')).toBe(false);
  });

  it('reads the two lines in one cell with a line break, and a superior body above', () => {
    const grid = fixture('bp2025-huyen-two-line');
    const withBreak = grid.rows.map((row, i) =>
      i === 0
        ? [{ value: 'ỦY BAN NHÂN DÂN\nHUYỆN ĐỒNG PHÚ\n-------' }, ...row.slice(1)]
        : i === 1
          ? [undefined, ...row.slice(1)]
          : row,
    );
    expect(check({ ...grid, rows: withBreak }).context.unitName).toBe('UBND huyện Đồng Phú');
    const commune = grid.rows.map((row, i) =>
      i === 0
        ? [{ value: 'UBND HUYỆN ĐỒNG PHÚ' }, ...row.slice(1)]
        : i === 1
          ? [{ value: 'UBND XÃ TÂN LẬP' }, ...row.slice(1)]
          : row,
    );
    const r = check({ ...grid, rows: commune });
    expect(r.context).toMatchObject({ unitName: 'UBND xã Tân Lập', level: 'xa' });
    // the commune's sheet holds the district rows' 24 values: indicator 12's two (J28, K28) are
    // the commune's; the other 21 are kept, and said once (K26 is blank)
    const notice = r.notices.find((n) => n.code === 'values-not-assigned');
    expect(notice).toMatchObject({ level: 'xa', count: 21, assignedTo: ['so', 'huyen'] });
  });
});

describe('a department forced to the commune level (bp2025-so, level xa)', () => {
  const result = check('bp2025-so', { level: 'xa' });

  it('says the level contradicts the unit name, and keeps the 26 entries on rows not assigned to communes (24 values, 2 placeholders)', () => {
    expect(result.status).toBe('checked');
    expect(result.context).toMatchObject({
      level: 'xa',
      unitName: 'Sở Tư pháp',
      sources: { level: 'option' },
    });
    const na = result.findings.filter((f) => f.code === 'not-applicable' && f.cell);
    expect(na.length).toBe(26);
    for (const f of na) expect(f).toHaveProperty('raw');
    expect(result.findings.find((f) => f.cell === 'K13')).toMatchObject({
      code: 'not-applicable',
      value: 74.5,
      raw: 0.745,
    });
    // out of range (105 %), an error and a placeholder are kept as they are too
    expect(result.findings.find((f) => f.cell === 'K22')).toMatchObject({ value: 105, raw: 1.05 });
    expect(result.findings.find((f) => f.cell === 'K21')).toMatchObject({ raw: '#DIV/0!' });
    expect(result.findings.find((f) => f.cell === 'K21')).not.toHaveProperty('value');
    // indicator 12 names Sở Tư pháp: judged whatever the level
    expect(digest(result.findings.filter((f) => f.cell === 'J30' || f.cell === 'K30'))).toEqual([
      ['J30', 'met', 100, 100],
      ['K30', 'below-minimum', 96.8, 100, 3.2],
    ]);
    // "-" and "N/A" say "no data": kept in their findings, but no value to tell about
    expect(result.findings.find((f) => f.cell === 'J28')).toMatchObject({ raw: '-' });
    expect(result.findings.find((f) => f.cell === 'J29')).toMatchObject({ raw: 'N/A' });
    const typed = na.filter((f) => f.cell !== 'J28' && f.cell !== 'J29');
    const byCode = result.notices.filter(
      (n) => n.code === 'values-not-assigned' || n.code === 'level-contradicts-sheet',
    );
    expect(byCode).toEqual([
      {
        code: 'values-not-assigned',
        level: 'xa',
        count: 24,
        cells: typed.map((f) => f.cell),
        assignedTo: ['so', 'huyen'],
        agencies: ['Văn phòng UBND tỉnh'],
      },
      { code: 'level-contradicts-sheet', level: 'xa', sheetLevel: 'so', from: 'unit-name' },
    ]);
    expect(describeNotice(byCode[1] as never, { targetSet: bp })).toBe(
      'Cấp đã chọn là UBND cấp xã, nhưng tên đơn vị cho thấy Các sở, ban, ngành: hãy kiểm tra lại cấp của đơn vị.',
    );
  });

  it('the level its name gives, given again, contradicts nothing', () => {
    const so = check('bp2025-so', { level: 'so' });
    expect(so.notices.some((n) => n.code === 'level-contradicts-sheet')).toBe(false);
    // J32 (Văn phòng UBND tỉnh's indicator 13) is kept and said
    expect(so.notices.find((n) => n.code === 'values-not-assigned')).toEqual({
      code: 'values-not-assigned',
      level: 'so',
      count: 1,
      cells: ['J32'],
      assignedTo: [],
      agencies: ['Văn phòng UBND tỉnh'],
    });
    expect(so.findings.find((f) => f.cell === 'J32')).toMatchObject({ value: 100, raw: 1 });
  });
});

describe('the level read from the rows that hold results (bp2025-huyen-no-name)', () => {
  const result = check('bp2025-huyen-no-name');
  const named = check('bp2025-huyen');

  it('is the district level, from the content, when only "UBND cấp huyện" rows hold results', () => {
    expect(result.status).toBe('checked');
    expect(result.context).toEqual({
      targetSetId: 'binh-phuoc-2025',
      level: 'huyen',
      quarter: 2,
      sources: { targetSet: 'content', level: 'content', quarter: 'latest-results' },
    });
    // the same findings as the named district's sheet, one row up (no letterhead row)
    const up = (d: unknown[]) => {
      const cell = d[0] as string | null;
      return cell === null
        ? d
        : [cell.replace(/\d+$/, (n) => String(Number(n) - 1)), ...d.slice(1)];
    };
    expect(digest(result.findings)).toEqual(digest(named.findings).map(up));
  });

  it('says when a level given contradicts the rows with results', () => {
    const forced = check('bp2025-huyen-no-name', { level: 'so' });
    expect(forced.context.sources.level).toBe('option');
    expect(forced.notices.find((n) => n.code === 'level-contradicts-sheet')).toEqual({
      code: 'level-contradicts-sheet',
      level: 'so',
      sheetLevel: 'huyen',
      from: 'content',
    });
    expect(forced.notices.find((n) => n.code === 'values-not-assigned')).toMatchObject({
      level: 'so',
      count: 8,
      cells: ['J13', 'K13', 'J15', 'K15', 'J17', 'K17', 'J27', 'K27'],
      assignedTo: ['huyen', 'xa'],
    });
  });

  it('asks for the level when rows of two levels hold results', () => {
    const grid = fixture('bp2025-huyen-no-name');
    // J12 is indicator 2's "Các sở, ban, ngành" row
    const rows = grid.rows.map((row, i) =>
      i === 11 ? Object.assign([...row], { 9: { value: 0.72, numberFormat: '0%' } }) : row,
    );
    const r = check({ ...grid, rows });
    expect(r.status).toBe('needs-input');
    expect(r.needs).toEqual(['level']);
  });

  it('a level the set does not have is asked for again, whatever the rows say', () => {
    const r = check('bp2025-huyen-no-name', { level: 'tinh' });
    expect(r.status).toBe('needs-input');
    expect(r.needs).toEqual(['level']);
  });
});
