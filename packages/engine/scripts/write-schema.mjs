// Writes schema/target-set.schema.json from the zod schema (run after `pnpm build`).
import { writeFileSync } from 'node:fs';
import { targetSetJsonSchema } from '../dist/index.js';

const out = new URL('../schema/target-set.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(targetSetJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
