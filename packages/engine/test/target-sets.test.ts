import { describe, expect, it } from 'vitest';
import type { TargetNumber, TargetSet } from '../src/schema.js';
import {
  BUILTIN_TARGET_SET_IDS,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
} from '../src/target-sets/index.js';
import { readAnnex000, readNational004, readPayment001 } from './seeds.js';

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
