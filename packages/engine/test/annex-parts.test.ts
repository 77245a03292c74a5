import { describe, expect, it } from 'vitest';
import { detectUnit, levelOfUnit, quarterInLines, yearIn } from '../src/annex/detect.js';
import { IndicatorMatcher, mapTargetRows } from '../src/annex/match.js';
import { classifyHeader, quarterIn } from '../src/annex/vocabulary.js';
import type { TargetSet } from '../src/schema.js';
import { getBuiltinTargetSet } from '../src/target-sets/index.js';
import { normalizeText } from '../src/text.js';

const bp = getBuiltinTargetSet('binh-phuoc-2025') as TargetSet;
const nq = getBuiltinTargetSet('nq01-nq02-2025') as TargetSet;

describe('row → indicator matching', () => {
  const matcher = new IndicatorMatcher(bp);
  const id = (text: string, stt = '') => matcher.match({ stt, text })?.indicator.id;

  it('ignores diacritics, case, punctuation, spacing and line breaks', () => {
    expect(id('TỶ LỆ SỐ HÓA HỒ SƠ, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH')).toBe('so-hoa-ho-so');
    expect(id('Ty le so hoa ho so ket qua giai quyet thu tuc hanh chinh')).toBe('so-hoa-ho-so');
    expect(id('Tỷ lệ số hóa\nhồ sơ,   kết quả giải quyết\tthủ tục hành chính.')).toBe(
      'so-hoa-ho-so',
    );
  });

  it('tolerates small wording changes, helped by the Stt', () => {
    expect(id('Tỷ lệ số hóa hồ sơ và kết quả giải quyết TTHC', '4')).toBe('so-hoa-ho-so');
    expect(
      id('Tỷ lệ thanh toán trực tuyến trên tổng số giao dịch thanh toán của dịch vụ công'),
    ).toBe('thanh-toan-truc-tuyen');
  });

  it('does not match unrelated text, even with a known Stt', () => {
    expect(id('Số cuộc họp trực tuyến được tổ chức trong năm', '7')).toBeUndefined();
    expect(id('Tỷ lệ', '1')).toBeUndefined();
  });

  it('tells apart indicators whose names share most words', () => {
    expect(
      id('Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết thủ tục hành chính', '3'),
    ).toBe('ho-so-truc-tuyen');
    expect(id('Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ giải quyết TTHC.', '10')).toBe(
      'ho-so-toan-trinh',
    );
  });

  it('uses the section when numbering restarts (the national set)', () => {
    const m = new IndicatorMatcher(nq);
    expect(
      m.match({
        stt: '2',
        text: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.',
        section: '2. Chỉ tiêu giao tại Nghị quyết số 02/NQ-CP',
      })?.indicator.id,
    ).toBe('tai-su-dung-du-lieu');
  });

  it('maps per-level rows to official target rows by their lead-agency text', () => {
    const payment = bp.indicators[1];
    if (!payment) throw new Error('fixture');
    expect(mapTargetRows(payment, ['Các sở, ban, ngành', 'UBND cấp huyện'], bp)).toEqual([0, 1]);
    expect(mapTargetRows(payment, ['UBND cấp huyện', 'Các sở, ban, ngành'], bp)).toEqual([1, 0]);
    expect(mapTargetRows(payment, ['UBND cấp huyện'], bp)).toEqual([1]);
    expect(mapTargetRows(payment, ['', ''], bp)).toEqual([0, 1]);
  });
});

describe('header words', () => {
  it("classifies the columns of the annex and of departments' additions", () => {
    const kind = (t: string) => classifyHeader(normalizeText(t));
    expect(kind('Stt')).toBe('stt');
    expect(kind('TT')).toBe('stt');
    expect(kind('Nhiệm vụ')).toBe('name');
    expect(kind('Chỉ tiêu')).toBe('name');
    expect(kind('Cơ quan chủ trì thực hiện')).toBe('lead');
    expect(kind('Cơ quan phối hợp')).toBe('coordinators');
    expect(kind('Chỉ tiêu thực hiện trong năm 2025')).toBe('annual');
    expect(kind('Chỉ tiêu năm 2025')).toBe('annual');
    expect(kind('Lộ trình thực hiện (tối thiểu)')).toBe('minimum-parent');
    expect(kind('Kết quả thực hiện')).toBe('result-parent');
    expect(kind('Thực hiện')).toBe('result-parent');
    expect(kind('Kết quả đạt được')).toBe('result-parent');
    expect(kind('Kết quả Quý II/2025')).toBe('result');
    expect(kind('Thực hiện quý I')).toBe('result');
    expect(kind('Quý III')).toBe('quarter');
    expect(kind('Ghi chú')).toBe('notes');
    expect(kind('Đơn vị')).toBe('unit');
    expect(quarterIn(normalizeText('Kết quả Quý IV/2025'))).toBe(4);
    expect(quarterIn(normalizeText('quý 2'))).toBe(2);
  });
});

describe('the reporting unit and its level', () => {
  it('reads "Đơn vị báo cáo" lines and letterheads', () => {
    expect(detectUnit(['Phụ lục', 'Đơn vị báo cáo: Sở Y tế'])?.name).toBe('Sở Y tế');
    expect(detectUnit(['ĐƠN VỊ BÁO CÁO: UBND xã Tân Tiến.'])?.name).toBe('UBND xã Tân Tiến');
    expect(detectUnit(['UBND HUYỆN BÙ ĐỐP', 'CHỈ TIÊU …'])?.name).toBe('UBND huyện Bù Đốp');
    expect(detectUnit(['ỦY BAN NHÂN DÂN THỊ XÃ CHƠN THÀNH'])?.name).toBe('UBND thị xã Chơn Thành');
    expect(detectUnit(['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG'])?.name).toBe('Sở Nông nghiệp và Môi trường');
    expect(detectUnit(['ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC', 'CHỈ TIÊU'])).toBeUndefined();
    expect(detectUnit(['CHỈ TIÊU THỰC HIỆN NHIỆM VỤ'])).toBeUndefined();
  });

  it('knows the level of a unit by its name', () => {
    expect(levelOfUnit('Sở Tư pháp', bp)).toBe('so');
    expect(levelOfUnit('Văn phòng UBND tỉnh', bp)).toBe('so');
    expect(levelOfUnit('UBND huyện Bù Đốp', bp)).toBe('huyen');
    expect(levelOfUnit('UBND thành phố Đồng Xoài', bp)).toBe('huyen');
    expect(levelOfUnit('UBND xã Tân Tiến', bp)).toBe('xa');
    expect(levelOfUnit('UBND phường Tân Bình', bp)).toBe('xa');
    expect(levelOfUnit('Công ty ABC', bp)).toBeUndefined();
  });

  it('reads the year and the quarter of a title', () => {
    expect(yearIn(['NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC'])).toBe(2025);
    expect(quarterInLines(['BÁO CÁO KẾT QUẢ QUÝ III/2025'])).toBe(3);
    expect(quarterInLines(['CHỈ TIÊU NĂM 2025'])).toBeUndefined();
  });
});
