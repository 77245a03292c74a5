import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { checkSheet } from '../src/annex/check.js';
import { parseGridText } from './fixtures/grid-text.js';

it('dump', () => {
  const r = checkSheet(parseGridText(readFileSync('test/fixtures/bp2025-so.grid.txt', 'utf8')), {
    nearMissBand: 1,
  });
  for (const x of r.markPlan.rules)
    console.log(x.status, JSON.stringify(x.condition), x.numberFormat ?? '', x.ranges.join(' '));
});
