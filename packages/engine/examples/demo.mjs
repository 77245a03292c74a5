// A small tour of @chitieu/engine: a provincial department's achieved values for Quý I–II/2025,
// typed the ways people type them in Excel, checked against the built-in Bình Phước 2025 set.
//
//   pnpm example            (Vietnamese)
//   pnpm example -- --lang en
import {
  describeFinding,
  evaluate,
  getBuiltinTargetSet,
  parseIndicatorValue,
} from '../dist/index.js';

const locale = process.argv.includes('en') ? 'en' : 'vi';
const targetSet = getBuiltinTargetSet('binh-phuoc-2025');
const unit = { level: 'so', name: 'Sở Nông nghiệp và Môi trường' };
const quarter = 2;

// Cells as a workbook holds them: raw value, displayed text, number format.
const sheet = {
  'thanh-toan-truc-tuyen': [
    { value: 0.712, text: '71,2%', numberFormat: '0.0%' },
    { value: 0.745, text: '74,5%', numberFormat: '0.0%' },
  ],
  'ho-so-truc-tuyen': [{ value: 79 }, { value: '80,5 %' }],
  'so-hoa-ho-so': [{ value: '81,3%' }, { value: '#DIV/0!', type: 'error' }],
  'dvc-toan-trinh': [
    { value: 1, numberFormat: '0%' },
    { value: 1, numberFormat: '0%' },
  ],
  'dong-bo-ket-qua': [{ value: '100%' }, { value: null }],
  'ket-qua-dien-tu': [{ value: '98,2%' }, { value: 'N/A' }],
  'tai-su-dung-du-lieu': [{ value: '1.234' }, { value: '61,5' }],
  'phan-anh-kien-nghi': [
    { value: 1.05, numberFormat: '0%' },
    { value: 1, numberFormat: '0%' },
  ],
  'muc-do-hai-long': [{ value: '96,76%' }, { value: '94,9%' }],
};

const values = [];
for (const [indicatorId, cells] of Object.entries(sheet)) {
  const indicator = targetSet.indicators.find((i) => i.id === indicatorId);
  cells.forEach((cell, q) => {
    values.push({
      indicatorId,
      quarter: q + 1,
      value: parseIndicatorValue(cell, indicator),
      ref: `${indicatorId}/Q${q + 1}`,
    });
  });
}

const findings = evaluate({ targetSet, unit, quarter, values, options: { nearMissBand: 1 } });

const mark = {
  met: '✓',
  'below-minimum': '✗',
  'missing-value': '?',
  'invalid-value': '!',
  'not-applicable': '–',
};
const title =
  locale === 'en'
    ? `${targetSet.titleEn}\nUnit: ${unit.name} (level "${unit.level}"), quarters I–${quarter}`
    : `${targetSet.title}\nĐơn vị: ${unit.name} (cấp "${unit.level}"), kiểm tra đến Quý ${['I', 'II', 'III', 'IV'][quarter - 1]}`;
console.log(`${title}\n`);
let current = '';
for (const f of findings) {
  if (f.indicatorId !== current) {
    current = f.indicatorId;
    const ind = targetSet.indicators.find((i) => i.id === current);
    console.log(`${ind.stt}. ${locale === 'en' ? ind.shortNameEn : ind.shortName}`);
  }
  console.log(`   ${mark[f.code]} ${describeFinding(f, { locale, targetSet })}`);
}
const counts = {};
for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
console.log(
  `\n${locale === 'en' ? 'Summary' : 'Tổng hợp'}: ${Object.entries(counts)
    .map(([k, n]) => `${mark[k]} ${k} ${n}`)
    .join(' · ')}`,
);
