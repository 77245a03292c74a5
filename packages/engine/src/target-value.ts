/**
 * A target's number, whether written bare (`85`) or with its comparator and text. Kept apart
 * from the schema so that checking a sheet does not load zod (only reading a user's file does).
 */
import type { TargetNumber } from './schema.js';

export function targetValue(t: TargetNumber): number {
  return typeof t === 'number' ? t : t.value;
}
