/**
 * Target-set schemas: the single source of truth for what a target set is.
 *
 * A target set mirrors the annex of a government document: sections of indicators, and for
 * each indicator one or more target rows (one per agency level when the document splits them),
 * each with its lead agencies, co-ordinators, annual target and quarterly minimums.
 *
 * All numbers are stored in the indicator's own unit: a percentage as percentage points
 * (85 means 85 %), points as points (11.3 of a maximum of 18), counts as counts.
 */
import { z } from 'zod';
import { COMPARATORS } from './comparators.js';
import { describeTargetSetProblem, type TargetSetProblem } from './messages/target-set.js';

/** An id: lower-case words joined by "-", e.g. "binh-phuoc-2025". */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A document date: YYYY, YYYY-MM or YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** The comparators' ids, in the order the JSON schema lists them. */
export const COMPARATOR_IDS = ['at-least', 'above', 'at-most', 'below'] as const;

// ---------------------------------------------------------------------------------------------
// Cross-field rules. They read the input as it is (any JSON value), not the parsed set, so that
// a type error elsewhere in the file does not hide them: a file with a wrong type, a range error
// and a duplicate id is told all three at once.

/** A rule broken somewhere in a target set: the path of the field and what is wrong. */
export interface TargetSetRuleIssue {
  readonly path: readonly (string | number)[];
  readonly problem: TargetSetProblem;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const trimmed = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** "1." and "1" are the same Stt. */
const sttKey = (stt: string) => stt.replace(/\.+$/, '').trim().toLowerCase();

type UnitLike = { kind: 'percent' } | { kind: 'points'; max: number } | { kind: 'other' };

function unitOf(v: unknown): UnitLike {
  if (!isObject(v)) return { kind: 'other' };
  if (v.kind === 'percent') return { kind: 'percent' };
  if (v.kind === 'points' && isNumber(v.max) && v.max > 0) return { kind: 'points', max: v.max };
  return { kind: 'other' };
}

function rangeProblem(value: number, unit: UnitLike): TargetSetProblem | undefined {
  if (value < 0) return { kind: 'negative', value };
  if (unit.kind === 'percent' && value > 100) return { kind: 'percent-range', value };
  if (unit.kind === 'points' && value > unit.max)
    return { kind: 'above-max-points', value, max: unit.max };
  return undefined;
}

/**
 * Every cross-field rule a target set breaks: unique level, section and indicator ids, unique
 * Stt within a section, known levels and sections, a level or agency and a target on every row,
 * values in the unit's range, comparators that fit the direction. Reads any value defensively;
 * fields of the wrong type are left to the schema.
 */
export function targetSetRuleIssues(input: unknown): TargetSetRuleIssue[] {
  const out: TargetSetRuleIssue[] = [];
  if (!isObject(input)) return out;
  const add = (path: (string | number)[], problem: TargetSetProblem) => out.push({ path, problem });

  const uniqueIds = (list: 'levels' | 'sections', of: 'level' | 'section'): string[] => {
    const first = new Map<string, number>();
    listOf(input[list]).forEach((item, i) => {
      const id = isObject(item) ? trimmed(item.id) : undefined;
      if (id === undefined) return;
      const at = first.get(id);
      if (at !== undefined)
        add([list, i, 'id'], { kind: 'duplicate-id', list: of, id, first: `${list}[${at}].id` });
      else first.set(id, i);
    });
    return [...first.keys()];
  };
  const levelIds = uniqueIds('levels', 'level');
  const sectionIds = uniqueIds('sections', 'section');
  const levels = new Set(levelIds);
  const sections = new Set(sectionIds);

  const indicatorIds = new Map<string, number>();
  const stts = new Map<string, number>();
  listOf(input.indicators).forEach((ind, i) => {
    if (!isObject(ind)) return;
    const at = ['indicators', i] as const;
    const id = trimmed(ind.id);
    if (id !== undefined) {
      const first = indicatorIds.get(id);
      if (first !== undefined)
        add([...at, 'id'], {
          kind: 'duplicate-id',
          list: 'indicator',
          id,
          first: `indicators[${first}].id`,
        });
      else indicatorIds.set(id, i);
    }
    const section = trimmed(ind.section);
    if (section !== undefined && sectionIds.length > 0 && !sections.has(section))
      add([...at, 'section'], { kind: 'unknown-section', id: section, known: sectionIds });
    const stt = trimmed(ind.stt);
    if (stt !== undefined && section !== undefined) {
      const key = `${section}\u0000${sttKey(stt)}`;
      const first = stts.get(key);
      if (first !== undefined)
        add([...at, 'stt'], {
          kind: 'duplicate-stt',
          stt,
          section,
          first: `indicators[${first}].stt`,
        });
      else stts.set(key, i);
    }

    const direction = ind.direction === 'lower-is-better' ? 'lower-is-better' : 'higher-is-better';
    const directionKnown =
      ind.direction === undefined ||
      ind.direction === 'higher-is-better' ||
      ind.direction === 'lower-is-better';
    const unit = unitOf(ind.unit);
    listOf(ind.targets).forEach((row, r) => {
      if (!isObject(row)) return;
      const rowPath = [...at, 'targets', r];
      const appliesTo = isObject(row.appliesTo) ? row.appliesTo : undefined;
      const rowLevels = listOf(appliesTo?.levels);
      rowLevels.forEach((lv, l) => {
        if (typeof lv === 'string' && levelIds.length > 0 && !levels.has(lv))
          add([...rowPath, 'appliesTo', 'levels', l], {
            kind: 'unknown-level',
            id: lv,
            known: levelIds,
          });
      });
      if (
        appliesTo !== undefined &&
        rowLevels.length === 0 &&
        listOf(appliesTo.agencies).length === 0
      )
        add([...rowPath, 'appliesTo'], { kind: 'no-level-or-agency' });
      const quarterly = Array.isArray(row.quarterly) ? row.quarterly : undefined;
      const hasValue =
        row.annual !== undefined ||
        (quarterly !== undefined && !quarterly.every((q) => q === null));
      if (row.noTarget === true) {
        if (hasValue) add([...rowPath, 'noTarget'], { kind: 'no-target-with-value' });
      } else if (!hasValue) add(rowPath, { kind: 'no-target-value' });

      const comparators: [(string | number)[], unknown][] = [
        [[...rowPath, 'comparator'], row.comparator],
      ];
      const value = (path: (string | number)[], v: unknown) => {
        const n = isNumber(v) ? v : isObject(v) && isNumber(v.value) ? v.value : undefined;
        if (n === undefined) return;
        const problem = rangeProblem(n, unit);
        if (problem) add(isNumber(v) ? path : [...path, 'value'], problem);
        if (isObject(v)) comparators.push([[...path, 'comparator'], v.comparator]);
      };
      value([...rowPath, 'annual'], row.annual);
      quarterly?.forEach((q, qi) => {
        value([...rowPath, 'quarterly', qi], q);
      });
      if (!directionKnown) return;
      for (const [path, cmp] of comparators) {
        if (typeof cmp !== 'string' || !(COMPARATOR_IDS as readonly string[]).includes(cmp))
          continue;
        if (COMPARATORS[cmp as Comparator].lowerIsBetter !== (direction === 'lower-is-better'))
          add(path, { kind: 'comparator-direction', comparator: cmp, direction });
      }
    });
  });
  return out;
}

/**
 * The zod schemas, built on first use (`targetSetSchemas()`): a check of the built-in sets,
 * validated at build time (scripts/builtin-target-sets.mjs), never builds them.
 */
function buildSchemas() {
  // No English messages here: the loader words every issue from its code and fields
  // (messages/target-set.ts), in the user's language.
  const slug = z.string().regex(SLUG_PATTERN);

  const nonEmpty = z.string().trim().min(1);

  /** An agency level of a target set: `so`, `huyen`, `xa` in the built-in sets. Levels are data. */
  const LevelSchema = z
    .object({
      id: slug.describe('Stable level id used on the command line, e.g. "so", "huyen", "xa".'),
      name: nonEmpty.describe('Vietnamese name, e.g. "Các sở, ban, ngành".'),
      nameEn: nonEmpty.optional().describe('English name.'),
      aliases: z
        .array(nonEmpty)
        .default([])
        .describe(
          'Other ways documents write this level in the lead-agency column, e.g. "UBND cấp huyện".',
        ),
    })
    .strict();

  const UnitSchema = z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('percent') }).strict(),
      z
        .object({
          kind: z.literal('points'),
          max: z.number().positive().describe('Maximum score, e.g. 18 for "11,3/18".'),
        })
        .strict(),
      z.object({ kind: z.literal('count') }).strict(),
    ])
    .describe('How an indicator is measured.');

  const DirectionSchema = z
    .enum(['higher-is-better', 'lower-is-better'])
    .describe('"lower-is-better" for measures such as overdue dossiers.');

  /** How an achieved value is compared with its target. */
  const ComparatorSchema = z
    .enum(COMPARATOR_IDS)
    .describe(
      '"at-least": value ≥ target ("tối thiểu"); "above": value > target ("trên"); "at-most" and "below" for lower-is-better indicators.',
    );

  /** A target number as the document states it. */
  const TargetValueSchema = z
    .object({
      value: z.number().finite(),
      comparator: ComparatorSchema.optional().describe(
        'Overrides the row comparator for this one value.',
      ),
      text: nonEmpty
        .optional()
        .describe('The value as written in the document, e.g. "Tối thiểu 50".'),
      inferredFrom: nonEmpty
        .optional()
        .describe(
          'Set when the document does not state this number as a target: the passage it is inferred from, quoted as written (e.g. "Sở Y tế (40,8%/40%)" for a first-quarter target of 40%).',
        ),
    })
    .strict();

  const targetNumber = z.union([z.number().finite(), TargetValueSchema]);

  const NoteSchema = z
    .discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('previous-result'),
          year: z.number().int().min(1990).max(2100),
          value: z.number().finite(),
          text: nonEmpty.optional().describe('As written, e.g. "Năm 2024: 69,31%".'),
        })
        .strict(),
      z.object({ kind: z.literal('text'), text: nonEmpty }).strict(),
    ])
    .describe('A note of the "Ghi chú" column, structured where it can be.');

  const AppliesToSchema = z
    .object({
      levels: z.array(slug).default([]).describe('Level ids this row applies to.'),
      agencies: z
        .array(nonEmpty)
        .default([])
        .describe('Named agencies this row applies to, e.g. "Sở Tư pháp", "Văn phòng UBND tỉnh".'),
      stated: z
        .boolean()
        .optional()
        .describe(
          "false when the document does not say whom the row is for (a table without a lead-agency column): the levels and agencies are a default of the set, not the document's. Absent: as the document states.",
        ),
    })
    .strict();

  const QuarterlySchema = z
    .tuple([
      targetNumber.nullable(),
      targetNumber.nullable(),
      targetNumber.nullable(),
      targetNumber.nullable(),
    ])
    .describe('Quarterly minimums for Quý I..IV; null where the document gives none.');

  const TargetRowSchema = z
    .object({
      appliesTo: AppliesToSchema,
      lead: nonEmpty
        .optional()
        .describe(
          'The "Cơ quan chủ trì" cell as written; absent when the document has no such column.',
        ),
      coordinators: z.array(nonEmpty).default([]).describe('The "Cơ quan phối hợp" agencies.'),
      comparator: ComparatorSchema.optional().describe('Defaults from the indicator direction.'),
      noTarget: z
        .literal(true)
        .optional()
        .describe(
          'The document sets no target for this row, only how it is measured (the groups of the 766 index with their maximum points): values are checked against the unit (a score above its maximum), never judged met or below. No annual or quarterly values then.',
        ),
      annual: targetNumber.optional().describe('The annual target ("Chỉ tiêu năm").'),
      quarterly: QuarterlySchema.optional(),
      notes: z.array(NoteSchema).default([]),
    })
    .strict();

  const IndicatorSchema = z
    .object({
      id: slug.describe('Stable id, unique in the target set.'),
      stt: nonEmpty.describe('The number in the annex\'s "Stt" column, e.g. "2".'),
      section: nonEmpty.describe('Id of the section the indicator belongs to.'),
      name: nonEmpty.describe('Full Vietnamese name as in the document.'),
      shortName: nonEmpty.describe('Short Vietnamese name for reports.'),
      shortNameEn: nonEmpty.optional(),
      aliases: z.array(nonEmpty).default([]).describe('Other wordings seen in workbooks.'),
      basis: z
        .array(nonEmpty)
        .optional()
        .describe(
          'Documents this indicator\'s target comes from, when the document names them for it (e.g. "Công văn số 5547/BTTTT-CĐSQG …").',
        ),
      unit: UnitSchema,
      direction: DirectionSchema.default('higher-is-better'),
      targets: z.array(TargetRowSchema).min(1),
    })
    .strict();

  const SectionSchema = z
    .object({
      id: nonEmpty.describe('Section id as numbered in the document, e.g. "I".'),
      title: nonEmpty,
      titleEn: nonEmpty.optional(),
    })
    .strict();

  const DocumentRefSchema = z
    .object({
      type: nonEmpty.describe('e.g. "Quyết định", "Kế hoạch", "Công văn".'),
      number: z.string().trim().describe('e.g. "617/KH-UBND"; empty or partial for a draft.'),
      date: z.string().regex(DATE_PATTERN).optional(),
      effectiveFrom: z
        .string()
        .regex(DATE_PATTERN)
        .optional()
        .describe('The date the document takes effect ("có hiệu lực thi hành kể từ ngày").'),
      issuer: nonEmpty,
      title: nonEmpty.optional(),
      basis: z
        .array(nonEmpty)
        .default([])
        .describe('Documents the targets come from, e.g. "Nghị quyết 01/NQ-CP".'),
      sourceFile: nonEmpty.optional().describe('Seed file the set was transcribed from.'),
    })
    .strict();

  const TargetSetObject = z
    .object({
      $schema: z.string().optional(),
      id: slug,
      title: nonEmpty,
      titleEn: nonEmpty.optional(),
      document: DocumentRefSchema,
      province: nonEmpty,
      year: z.number().int().min(1990).max(2100),
      levels: z.array(LevelSchema).min(1),
      sections: z.array(SectionSchema).min(1),
      indicators: z.array(IndicatorSchema).min(1),
    })
    .strict();

  // Cross-field rules on top of the shape.
  const TargetSetSchema = TargetSetObject.superRefine((set, ctx) => {
    for (const { path, problem } of targetSetRuleIssues(set)) {
      // `params.problem` lets the loader word it; the message is for whoever reads zod directly.
      ctx.addIssue({
        code: 'custom',
        path: [...path],
        message: describeTargetSetProblem(problem),
        params: { problem },
      });
    }
  });
  return {
    LevelSchema,
    UnitSchema,
    DirectionSchema,
    ComparatorSchema,
    TargetValueSchema,
    targetNumber,
    NoteSchema,
    AppliesToSchema,
    QuarterlySchema,
    TargetRowSchema,
    IndicatorSchema,
    SectionSchema,
    DocumentRefSchema,
    TargetSetSchema,
  };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** Every schema of a target set and its parts (zod), built once, on the first call. */
export function targetSetSchemas(): Schemas {
  schemas ??= buildSchemas();
  return schemas;
}

/** The schema of a whole target set (shape and cross-field rules), built on the first call. */
export function targetSetSchema(): Schemas['TargetSetSchema'] {
  return targetSetSchemas().TargetSetSchema;
}

export type Level = z.infer<Schemas['LevelSchema']>;
export type Unit = z.infer<Schemas['UnitSchema']>;
export type Direction = z.infer<Schemas['DirectionSchema']>;
export type Comparator = z.infer<Schemas['ComparatorSchema']>;
export type TargetValue = z.infer<Schemas['TargetValueSchema']>;
export type TargetNumber = z.infer<Schemas['targetNumber']>;
export type Note = z.infer<Schemas['NoteSchema']>;
export type AppliesTo = z.infer<Schemas['AppliesToSchema']>;
export type TargetRow = z.infer<Schemas['TargetRowSchema']>;
export type Indicator = z.infer<Schemas['IndicatorSchema']>;
export type Section = z.infer<Schemas['SectionSchema']>;
export type DocumentRef = z.infer<Schemas['DocumentRefSchema']>;
export type TargetSet = z.infer<Schemas['TargetSetSchema']>;
/** A target set as written in a JSON file, before defaults are applied. */
export type TargetSetInput = z.input<Schemas['TargetSetSchema']>;
