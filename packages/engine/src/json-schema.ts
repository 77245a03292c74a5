import { z } from 'zod';
import { targetSetSchema } from './schema.js';

/**
 * The JSON Schema of a target-set file, for editors (`"$schema": ".../target-set.schema.json"`).
 * It describes the shape; cross-field rules (known levels, unique ids, ranges) are checked by
 * `parseTargetSet` when the file is loaded.
 */
export function targetSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(targetSetSchema(), {
    io: 'input',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://chitieu.local/schema/target-set.schema.json',
    title: 'Chỉ Tiêu target set',
    description:
      'A set of administrative-reform targets (chỉ tiêu) with their quarterly minimums, transcribed from a government document.',
  };
}
