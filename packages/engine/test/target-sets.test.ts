import { describe, expect, it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import type { SheetNotice } from '../src/annex/notices.js';
import type { Cell } from '../src/cell.js';
import { evaluate, parseIndicatorValue } from '../src/evaluate.js';
import type { Finding, Quarter } from '../src/findings.js';
import { describeFinding } from '../src/messages/describe.js';
import { describeNotice } from '../src/messages/notices.js';
import type { TargetNumber, TargetSet } from '../src/schema.js';
import {
  BUILTIN_TARGET_SET_IDS,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
} from '../src/target-sets/index.js';
import { pasteLines } from './paste.js';
import {
  readAnnex000,
  readBasis000,
  readEffective000,
  readIndex001,
  readNational004,
  readPayment001,
  readPlan003,
  SEED_FILES,
  seedWords,
} from './seeds.js';

const num = (t: TargetNumber | null | undefined): number | null | undefined =>
  t === null || t === undefined ? t : typeof t === 'number' ? t : t.value;

function set(id: string): TargetSet {
  const s = getBuiltinTargetSet(id);
  if (!s) throw new Error(`missing built-in set ${id}`);
  return s;
}

describe('built-in target sets', () => {
  it('all validate against the schema and have unique ids', () => {
    const sets = getBuiltinTargetSets();
    expect(sets.map((s) => s.id)).toEqual([
      'binh-phuoc-2025',
      'nq01-nq02-2025',
      'binh-phuoc-2024-thanh-toan',
      'binh-phuoc-2024-cchc',
      'chi-so-766',
    ]);
    expect(new Set(BUILTIN_TARGET_SET_IDS).size).toBe(BUILTIN_TARGET_SET_IDS.length);
  });

  it('returns undefined for an unknown id', () => {
    expect(getBuiltinTargetSet('khong-co')).toBeUndefined();
  });
});

describe('binh-phuoc-2025 matches 000 number for number', () => {
  const seed = readAnnex000();
  const bp = set('binh-phuoc-2025');

  it('has all 18 indicators of the annex, in order, in their sections', () => {
    expect(seed).toHaveLength(18);
    expect(bp.indicators.map((i) => i.stt)).toEqual(seed.map((i) => i.stt));
    expect(bp.indicators.map((i) => i.section)).toEqual(seed.map((i) => i.section));
    expect(bp.sections.map((s) => s.id)).toEqual(['I', 'II']);
  });

  it.each(readAnnex000().map((i) => [i.stt, i] as const))(
    'indicator %s: name, rows, leads, targets, notes',
    (_stt, s) => {
      const ind = bp.indicators.find((i) => i.stt === s.stt);
      expect(ind).toBeDefined();
      if (!ind) return;
      expect(ind.name).toBe(s.name);
      expect(ind.targets).toHaveLength(s.rows.length);
      s.rows.forEach((row, r) => {
        const t = ind.targets[r];
        expect(t).toBeDefined();
        if (!t) return;
        expect(t.lead).toBe(row.lead);
        expect(t.coordinators.join(', ')).toBe(row.coordinators);
        expect(num(t.annual)).toBe(row.annual);
        expect(t.quarterly?.map(num)).toEqual(row.quarterly);
        const noteText = t.notes.map((n) => n.text ?? '').join(' ');
        expect(noteText).toBe(row.note);
        for (const n of t.notes) {
          if (n.kind === 'previous-result') {
            expect(n.text).toBe(`Năm ${n.year}: ${String(n.value).replace('.', ',')}%`);
          }
        }
      });
    },
  );

  it('splits indicators 2, 3 and 4 into a "so" row and a "huyen" row', () => {
    for (const stt of ['2', '3', '4']) {
      const ind = bp.indicators.find((i) => i.stt === stt);
      expect(ind?.targets.map((t) => t.appliesTo.levels)).toEqual([['so'], ['huyen']]);
    }
  });

  it('reads the lead-agency column into levels and named agencies', () => {
    const byStt = (stt: string) => bp.indicators.find((i) => i.stt === stt)?.targets[0]?.appliesTo;
    expect(byStt('1')).toEqual({ levels: ['so'], agencies: [] });
    expect(byStt('5')).toEqual({ levels: ['so', 'huyen'], agencies: [] });
    expect(byStt('12')).toEqual({ levels: ['huyen', 'xa'], agencies: ['Sở Tư pháp'] });
    expect(byStt('13')).toEqual({ levels: [], agencies: ['Văn phòng UBND tỉnh'] });
    expect(byStt('17')).toEqual({ levels: [], agencies: ['Sở Khoa học và Công nghệ'] });
  });
});

describe('nq01-nq02-2025 matches 004 number for number', () => {
  const seed = readNational004();
  const nq = set('nq01-nq02-2025');

  it('has the 11 indicators of 01/NQ-CP and the 4 of 02/NQ-CP', () => {
    expect(seed.filter((s) => s.resolution === '01')).toHaveLength(11);
    expect(seed.filter((s) => s.resolution === '02')).toHaveLength(4);
    expect(nq.indicators).toHaveLength(15);
  });

  it.each(readNational004().map((s) => [`${s.resolution}/${s.stt}`, s] as const))(
    'indicator %s',
    (_key, s) => {
      const section = s.resolution === '01' ? '1' : '2';
      const ind = nq.indicators.find((i) => i.section === section && i.stt === s.stt);
      expect(ind).toBeDefined();
      if (!ind) return;
      expect(ind.name).toBe(s.name);
      expect(ind.unit).toEqual({ kind: 'percent' });
      const target = ind.targets[0]?.annual;
      const atLeast = /^Tối thiểu (\d+)$/.exec(s.target);
      expect(num(target)).toBe(Number(atLeast ? atLeast[1] : s.target));
      if (atLeast) {
        expect(typeof target === 'object' && target.comparator).toBe('at-least');
        expect(typeof target === 'object' && target.text).toBe(s.target);
      }
      // annual only: no quarterly roadmap
      expect(ind.targets[0]?.quarterly).toBeUndefined();
    },
  );
});

describe('binh-phuoc-2024-thanh-toan matches 001', () => {
  const seed = readPayment001();
  const tt = set('binh-phuoc-2024-thanh-toan');
  const ind = tt.indicators[0];

  it.each(['so', 'huyen', 'xa'] as const)('level %s: Q1, Q2 and end-of-year targets', (level) => {
    const row = ind?.targets.find((t) => t.appliesTo.levels.includes(level));
    expect(row).toBeDefined();
    expect(num(row?.quarterly?.[0])).toBe(seed.q1[level]);
    expect(num(row?.quarterly?.[1])).toBe(seed.q2[level]);
    expect(num(row?.annual)).toBe(seed.year[level]);
  });

  it('states the figures the seed gives (Q2 50/40/30, end of year 70/60/50)', () => {
    expect(seed.q2).toEqual({ so: 50, huyen: 40, xa: 30 });
    expect(seed.year).toEqual({ so: 70, huyen: 60, xa: 50 });
  });
});

/** Every target number of a set with where it is, for the checks over all of them. */
function targetNumbers(s: TargetSet): { at: string; t: TargetNumber }[] {
  return s.indicators.flatMap((ind) =>
    ind.targets.flatMap((row, r) =>
      [row.annual, ...(row.quarterly ?? [])].flatMap((t, k) =>
        t === null || t === undefined
          ? []
          : [{ at: `${ind.id}[${r}].${k === 0 ? 'annual' : `q${k}`}`, t }],
      ),
    ),
  );
}

describe('every text a built-in set quotes is in its seed, character for character', () => {
  const all = SEED_FILES.map(seedWords).join(' ');
  it.each(getBuiltinTargetSets().map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const file = s.document.sourceFile;
    expect(file).toBeDefined();
    const seed = seedWords(file ?? '');
    const quoted: string[] = [];
    for (const { t } of targetNumbers(s)) {
      if (typeof t === 'number') continue;
      if (t.text !== undefined) quoted.push(t.text);
      if (t.inferredFrom !== undefined) quoted.push(t.inferredFrom);
    }
    for (const ind of s.indicators) {
      for (const row of ind.targets) {
        if (row.lead !== undefined) quoted.push(row.lead);
        for (const n of row.notes) if (n.kind === 'previous-result' && n.text) quoted.push(n.text);
      }
    }
    // Comparisons ignore case only where the set capitalises a phrase of running text.
    const missing = quoted.filter((q) => !seed.toLowerCase().includes(q.toLowerCase()));
    expect(missing).toEqual([]);
    // the documents named as the basis are named, as written, in some seed
    const bases = [...s.document.basis, ...s.indicators.flatMap((i) => i.basis ?? [])];
    expect(bases.filter((b) => !all.includes(b))).toEqual([]);
  });

  it('no note quotes a target the seed does not write ("chỉ tiêu giao N%")', () => {
    for (const s of getBuiltinTargetSets()) {
      const seed = seedWords(s.document.sourceFile ?? '');
      for (const ind of s.indicators)
        for (const row of ind.targets)
          for (const n of row.notes)
            for (const m of (n.text ?? '').matchAll(/chỉ tiêu giao \d+%/g))
              expect(seed, `${s.id} ${ind.id}: "${m[0]}"`).toContain(m[0]);
    }
  });
});

describe('binh-phuoc-2025 records every source 000 names and its effective date', () => {
  const bp = set('binh-phuoc-2025');
  it('the resolutions and the two official letters the targets come from', () => {
    const named = readBasis000().filter((b) =>
      /01\/NQ-CP ngày|02\/NQ-CP ngày|5547\/BTTTT-CĐSQG|476\/VPCP-KSTT/.test(b),
    );
    expect(named).toHaveLength(4);
    expect(bp.document.basis).toEqual(named);
  });

  it('indicator 10 (end-to-end online dossiers) rests on Công văn 5547/BTTTT-CĐSQG', () => {
    const five = readBasis000().find((b) => b.includes('5547/BTTTT-CĐSQG'));
    expect(five).toContain('tỷ lệ hồ sơ trực tuyến toàn trình');
    expect(bp.indicators.find((i) => i.stt === '10')?.basis).toEqual([five]);
    expect(bp.indicators.filter((i) => i.basis !== undefined).map((i) => i.stt)).toEqual(['10']);
  });

  it('takes effect on 01/3/2025', () => {
    expect(readEffective000()).toBe('2025-03-01');
    expect(bp.document.effectiveFrom).toBe(readEffective000());
  });
});

describe('nq01-nq02-2025: what 004 does not say is not made up', () => {
  const nq = set('nq01-nq02-2025');
  it('no lead agency: Phụ lục II has no such column', () => {
    expect(nq.indicators.flatMap((i) => i.targets.map((t) => t.lead))).toEqual(
      new Array(15).fill(undefined),
    );
    expect(seedWords('004_6235157468960801.txt')).not.toContain(
      'Các sở, ban, ngành; UBND các huyện, thành, thị; UBND các xã, phường, thị trấn',
    );
  });
  it('every row applies to every level by default, marked as not stated', () => {
    for (const ind of nq.indicators)
      expect(ind.targets.map((t) => t.appliesTo)).toEqual([
        { levels: ['so', 'huyen', 'xa'], agencies: [], stated: false },
      ]);
  });
  it('the sets transcribed from an annex with a lead column say nothing of the kind', () => {
    for (const id of ['binh-phuoc-2025', 'binh-phuoc-2024-thanh-toan'])
      for (const ind of set(id).indicators)
        for (const row of ind.targets) expect(row.appliesTo.stated).toBeUndefined();
  });
});

describe('binh-phuoc-2024-thanh-toan: the first quarter is inferred, and says from what', () => {
  const seed = readPayment001();
  const words = seedWords('001_263688b8843f176c.txt');
  const tt = set('binh-phuoc-2024-thanh-toan');
  it.each(['so', 'huyen', 'xa'] as const)('level %s', (level) => {
    const row = tt.indicators[0]?.targets.find((t) => t.appliesTo.levels.includes(level));
    const q1 = row?.quarterly?.[0];
    expect(typeof q1 === 'object' && q1 !== null).toBe(true);
    if (typeof q1 !== 'object' || q1 === null) return;
    expect(q1.value).toBe(seed.q1[level]);
    // the passage is the seed's and holds the number
    expect(words).toContain(q1.inferredFrom);
    expect(q1.inferredFrom).toMatch(new RegExp(`${seed.q1[level]}%\\)`));
    // Quý II and the year are stated: not inferred, and quoted as written
    for (const t of [row?.quarterly?.[1], row?.annual]) {
      expect(typeof t === 'object' && t !== null && t.inferredFrom).toBe(undefined);
      expect(typeof t === 'object' && t !== null && words.includes(t.text ?? '')).toBe(true);
    }
  });
  it('no other built-in number is inferred', () => {
    const inferred = getBuiltinTargetSets().flatMap((s) =>
      targetNumbers(s)
        .filter(({ t }) => typeof t === 'object' && t.inferredFrom !== undefined)
        .map(({ at }) => `${s.id}:${at}`),
    );
    expect(inferred).toEqual([
      'binh-phuoc-2024-thanh-toan:thanh-toan-truc-tuyen[0].q1',
      'binh-phuoc-2024-thanh-toan:thanh-toan-truc-tuyen[1].q1',
      'binh-phuoc-2024-thanh-toan:thanh-toan-truc-tuyen[2].q1',
    ]);
  });
});

describe('binh-phuoc-2024-cchc matches part II of 003 number for number', () => {
  const seed = readPlan003();
  const cchc = set('binh-phuoc-2024-cchc');
  it('has every percentage target of the plan, in order, annual only', () => {
    expect(seed).toHaveLength(17);
    expect(cchc.indicators.map((i) => i.name)).toEqual(seed.map((s) => s.sentence));
    for (const ind of cchc.indicators) {
      expect(ind.targets).toHaveLength(1);
      expect(ind.targets[0]?.quarterly).toBeUndefined();
      expect(ind.unit).toEqual({ kind: 'percent' });
      expect(ind.section).toBe('II');
      expect(ind.targets[0]?.appliesTo.stated).toBe(false);
    }
  });
  it.each(readPlan003().map((s, i) => [i, s] as const))('target %i: %o', (i, s) => {
    const ind = cchc.indicators[i];
    const annual = ind?.targets[0]?.annual;
    expect(num(annual)).toBe(s.value);
    const comparator = typeof annual === 'object' ? (annual.comparator ?? 'at-least') : 'at-least';
    expect(comparator).toBe(s.comparator);
    // a comparator in words is kept as written; a bare "100%" needs none
    if (s.text !== `${s.value}%`) expect(typeof annual === 'object' && annual.text).toBe(s.text);
    // the Stt is the item's number (with the target's place in it when the item has several)
    expect(ind?.stt.split('.')[0]).toBe(s.item);
  });
  it('the one "Trên 98%" of the seeds is "above", not "at least"', () => {
    const above = cchc.indicators.filter(
      (i) => typeof i.targets[0]?.annual === 'object' && i.targets[0].annual.comparator === 'above',
    );
    expect(above.map((i) => [i.id, num(i.targets[0]?.annual)])).toEqual([
      ['giai-quyet-dung-han', 98],
    ]);
  });
});

describe('chi-so-766 matches the group scores of 001', () => {
  const seed = readIndex001();
  const index = set('chi-so-766');
  it('the six groups with their maximum points (18, 20, 12, 10, 18, 22)', () => {
    expect(seed.map((g) => g.max)).toEqual([18, 20, 12, 10, 18, 22]);
    expect(index.indicators.map((i) => [i.stt, i.name, i.unit])).toEqual(
      seed.map((g) => [g.tt, g.name, { kind: 'points', max: g.max }]),
    );
  });
  it('sets no target (001 gives none): every row says so, with no number', () => {
    for (const ind of index.indicators)
      expect(ind.targets).toEqual([
        {
          appliesTo: { levels: ['so', 'huyen', 'xa'], agencies: [], stated: false },
          coordinators: [],
          noTarget: true,
          notes: [],
        },
      ]);
  });
});

describe('the built-in sets in a check', () => {
  const cell = (value: string | number): Cell => ({ value });
  const judge = (id: string, level: string, indicatorId: string, quarter: Quarter, v: Cell) => {
    const s = set(id);
    const ind = s.indicators.find((i) => i.id === indicatorId);
    if (!ind) throw new Error(indicatorId);
    return evaluate({
      targetSet: s,
      unit: { level },
      quarter,
      values: [{ indicatorId, quarter, value: parseIndicatorValue(v, ind) }],
    }).filter((f) => f.indicatorId === indicatorId && f.quarter === quarter);
  };

  it('chi-so-766: a score above its group maximum is invalid ("19,1/18")', () => {
    // out of 18 (Công khai, minh bạch): above the maximum, written as points or as a number
    for (const v of [cell('19,1/18'), cell(19.1)])
      expect(judge('chi-so-766', 'so', 'cong-khai-minh-bach', 1, v)).toMatchObject([
        { code: 'invalid-value', reason: 'above-maximum', value: 19.1, max: 18 },
      ]);
    // out of 20 (Tiến độ giải quyết), as 001 writes it for Quý I/2023: not the group's scale
    expect(judge('chi-so-766', 'so', 'tien-do-giai-quyet', 1, cell('19,1/18'))).toMatchObject([
      {
        code: 'invalid-value',
        reason: 'unit-mismatch',
        expected: { kind: 'points', max: 20 },
        written: { kind: 'points', max: 18 },
      },
    ]);
    expect(
      describeFinding(
        judge('chi-so-766', 'so', 'cong-khai-minh-bach', 1, cell('19,1/18'))[0] as Finding,
      ),
    ).toBe('Quý I: điểm 19,1 vượt quá điểm tối đa 18');
  });

  it('chi-so-766: a score within its scale is kept, not judged (no target)', () => {
    const [f] = judge('chi-so-766', 'xa', 'tien-do-giai-quyet', 1, cell('19,4/20'));
    expect(f).toMatchObject({ code: 'not-applicable', reason: 'no-target', targetRow: 0 });
    expect(describeFinding(f as Finding)).toBe(
      'Quý I: văn bản không đặt chỉ tiêu cho chỉ tiêu này; giá trị nằm trong thang đo',
    );
    expect(describeFinding(f as Finding, { locale: 'en' })).toBe(
      'Q1: the document sets no target for this indicator; the value is within its scale',
    );
    // a percentage where points are expected is still told
    expect(judge('chi-so-766', 'so', 'so-hoa-ho-so', 1, cell('33,56%'))).toMatchObject([
      { code: 'invalid-value', reason: 'unit-mismatch' },
    ]);
  });

  it('binh-phuoc-2024-thanh-toan: a finding against the inferred Quý I minimum says so', () => {
    const [below] = judge('binh-phuoc-2024-thanh-toan', 'so', 'thanh-toan-truc-tuyen', 1, cell(35));
    expect(below).toMatchObject({
      code: 'below-minimum',
      minimum: {
        value: 40,
        source: 'quarterly',
        inferredFrom:
          'Sở Nông nghiệp và Phát triển nông thôn (76,1%/40%); Sở Lao động - Thương binh và Xã hội (48,2%/40%); Sở Y tế (40,8%/40%)',
      },
    });
    expect(describeFinding(below as Finding)).toBe(
      'Quý I: 35% < tối thiểu 40% (mức suy ra, văn bản không ghi thành chỉ tiêu) (thiếu 5 điểm %)',
    );
    expect(describeFinding(below as Finding, { locale: 'en' })).toBe(
      'Q1: 35% < minimum 40% (inferred; the document does not state it as a target) (short by 5 percentage points)',
    );
    // Quý II is stated: no such words, no such field
    const [met] = judge('binh-phuoc-2024-thanh-toan', 'xa', 'thanh-toan-truc-tuyen', 2, cell(31));
    expect(met?.code).toBe('met');
    expect(met && 'minimum' in met && met.minimum && 'inferredFrom' in met.minimum).toBe(false);
    expect(describeFinding(met as Finding)).toBe('Quý II: 31% ≥ tối thiểu 30%, đạt');
  });

  it('binh-phuoc-2024-cchc: "Trên 98%" is met only above 98%', () => {
    const f = (v: number) =>
      judge('binh-phuoc-2024-cchc', 'so', 'giai-quyet-dung-han', 4, cell(v)).map((x) => x.code);
    expect(f(98)).toEqual(['below-minimum']);
    expect(f(98.1)).toEqual(['met']);
    expect(
      describeFinding(
        judge('binh-phuoc-2024-cchc', 'so', 'giai-quyet-dung-han', 4, cell(98))[0] as Finding,
      ),
    ).toMatch(/^Quý IV: 98% ≤ chỉ tiêu năm trên 98%/);
  });
});

describe('a check against a set whose document does not say who carries out its targets', () => {
  const sheet = (set: 'nq01' | 'bp', unit: string) =>
    pasteLines(
      [
        set === 'nq01'
          ? 'CHỈ TIÊU CỤ THỂ VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH'
          : 'CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2025 TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC',
        `Đơn vị báo cáo: ${unit}`,
        'STT\tChỉ tiêu\tChỉ tiêu năm 2025\tKết quả Quý I/2025',
        set === 'nq01'
          ? '1.\tTỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện trên Cổng Dịch vụ công quốc gia.\t80%\t85%'
          : '1.\tTỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện trên Cổng Dịch vụ công quốc gia.\t100%\t100%',
        set === 'nq01'
          ? '2.\tTỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công\t60%\t55%'
          : '2.\tTỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công\t85%\t70%',
      ],
      'Phụ lục',
    );

  it('tells the unit the assignments are defaults, naming them', () => {
    const result = checkSheet(sheet('nq01', 'UBND xã Tân Tiến'), {
      targetSet: 'nq01-nq02-2025',
    });
    expect(result.status).toBe('checked');
    const notice = result.notices.find((n) => n.code === 'assignment-default');
    expect(notice).toEqual({
      code: 'assignment-default',
      level: 'xa',
      indicators: set('nq01-nq02-2025').indicators.map((i) => i.id),
      stated: 0,
    });
    const s = set('nq01-nq02-2025');
    expect(describeNotice(notice as SheetNotice, { targetSet: s })).toBe(
      'Văn bản gốc của bộ chỉ tiêu không nêu cơ quan, cấp thực hiện 15 chỉ tiêu ("Dịch vụ công trực tuyến toàn trình", "Thanh toán trực tuyến", "Hồ sơ trực tuyến" và 12 chỉ tiêu khác): bộ chỉ tiêu giao các chỉ tiêu này cho UBND các xã, phường, thị trấn theo mặc định, không phải theo văn bản; hãy đối chiếu với văn bản giao chỉ tiêu.',
    );
    expect(describeNotice(notice as SheetNotice, { targetSet: s, locale: 'en' })).toBe(
      'The source document of the target set does not say which agencies or levels carry out 15 indicators ("End-to-end online public services", "Online payment", "Online dossiers" and 12 more): the set assigns them to Commune people\'s committees by default, not the document; check against the document that assigns the targets.',
    );
  });

  it('says nothing of the kind for a set whose annex names the agencies', () => {
    const result = checkSheet(sheet('bp', 'Sở Y tế'), { targetSet: 'binh-phuoc-2025' });
    expect(result.status).toBe('checked');
    expect(result.notices.map((n) => n.code)).not.toContain('assignment-default');
  });
});
