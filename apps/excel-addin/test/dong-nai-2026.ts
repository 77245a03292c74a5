/**
 * A two-level annex of 2026 (Đồng Nai: only "Các sở, ban, ngành" and "UBND cấp xã" rows), as the
 * office circulates it, and the target set `chitieu targets import` reads from it: the set the
 * add-in's tests of user sets and stored sets work with.
 */
import type { Grid, TargetSet } from '@chitieu/engine';
import { importTargetSet } from '@chitieu/engine/import';
import { parseGridText } from '../../../packages/engine/test/fixtures/grid-text.js';

const P = (n: number) => `=${n} @0%`;

/** The annex sheet; `name` gives the grid a sheet name (none by default). */
export function dongNaiAnnex(name?: string): Grid {
  return parseGridText(
    [
      'PHỤ LỤC',
      'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH GẮN VỚI CHUYỂN ĐỔI SỐ NĂM 2026 TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI',
      '(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/01/2026 của Chủ tịch UBND tỉnh Đồng Nai)',
      '',
      'Stt\tNhiệm vụ\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tChỉ tiêu thực hiện trong năm 2026\tLộ trình thực hiện (tối thiểu)\t\t\t\tGhi chú',
      '\t\t\t\t\tQuý I\tQuý II\tQuý III\tQuý IV',
      'I. Nâng cao chất lượng phục vụ người dân, doanh nghiệp',
      `1.\tTỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia\tCác sở, ban, ngành; UBND cấp xã\tSở Khoa học và Công nghệ\t${P(0.9)}\t${P(0.8)}\t${P(0.85)}\t${P(0.88)}\t${P(0.9)}\t`,
      `2.\tTỷ lệ hồ sơ giải quyết đúng hạn\tCác sở, ban, ngành; UBND cấp xã\tVăn phòng UBND tỉnh\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%\ttrên 98%\t`,
      '%merge F5:I5',
      ...(name === undefined ? [] : [`%name ${name}`]),
    ].join('\n'),
  );
}

/** The office's set of 2026, read from its annex as `chitieu targets import` reads it. */
export function dongNaiSet(): TargetSet {
  const imported = importTargetSet(dongNaiAnnex());
  if (!imported.success) throw new Error(JSON.stringify(imported.error));
  return imported.data.set;
}
