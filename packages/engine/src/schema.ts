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

const slug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lower-case words joined by "-" (e.g. "binh-phuoc-2025")',
  );

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** An agency level of a target set: `so`, `huyen`, `xa` in the built-in sets. Levels are data. */
export const LevelSchema = z
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

export const UnitSchema = z
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

export const DirectionSchema = z
  .enum(['higher-is-better', 'lower-is-better'])
  .describe('"lower-is-better" for measures such as overdue dossiers.');

/** How an achieved value is compared with its target. */
export const ComparatorSchema = z
  .enum(['at-least', 'above', 'at-most', 'below'])
  .describe(
    '"at-least": value ≥ target ("tối thiểu"); "above": value > target ("trên"); "at-most" and "below" for lower-is-better indicators.',
  );

/** A target number as the document states it. */
export const TargetValueSchema = z
  .object({
    value: z.number().finite(),
    comparator: ComparatorSchema.optional().describe(
      'Overrides the row comparator for this one value.',
    ),
    text: nonEmpty
      .optional()
      .describe('The value as written in the document, e.g. "Tối thiểu 50".'),
  })
  .strict();

const targetNumber = z.union([z.number().finite(), TargetValueSchema]);

export const NoteSchema = z
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

export const AppliesToSchema = z
  .object({
    levels: z.array(slug).default([]).describe('Level ids this row applies to.'),
    agencies: z
      .array(nonEmpty)
      .default([])
      .describe('Named agencies this row applies to, e.g. "Sở Tư pháp", "Văn phòng UBND tỉnh".'),
  })
  .strict();

export const QuarterlySchema = z
  .tuple([
    targetNumber.nullable(),
    targetNumber.nullable(),
    targetNumber.nullable(),
    targetNumber.nullable(),
  ])
  .describe('Quarterly minimums for Quý I..IV; null where the document gives none.');

export const TargetRowSchema = z
  .object({
    appliesTo: AppliesToSchema,
    lead: nonEmpty.describe('The "Cơ quan chủ trì" cell as written.'),
    coordinators: z.array(nonEmpty).default([]).describe('The "Cơ quan phối hợp" agencies.'),
    comparator: ComparatorSchema.optional().describe('Defaults from the indicator direction.'),
    annual: targetNumber.optional().describe('The annual target ("Chỉ tiêu năm").'),
    quarterly: QuarterlySchema.optional(),
    notes: z.array(NoteSchema).default([]),
  })
  .strict();

export const IndicatorSchema = z
  .object({
    id: slug.describe('Stable id, unique in the target set.'),
    stt: nonEmpty.describe('The number in the annex\'s "Stt" column, e.g. "2".'),
    section: nonEmpty.describe('Id of the section the indicator belongs to.'),
    name: nonEmpty.describe('Full Vietnamese name as in the document.'),
    shortName: nonEmpty.describe('Short Vietnamese name for reports.'),
    shortNameEn: nonEmpty.optional(),
    aliases: z.array(nonEmpty).default([]).describe('Other wordings seen in workbooks.'),
    unit: UnitSchema,
    direction: DirectionSchema.default('higher-is-better'),
    targets: z.array(TargetRowSchema).min(1, 'an indicator needs at least one target row'),
  })
  .strict();

export const SectionSchema = z
  .object({
    id: nonEmpty.describe('Section id as numbered in the document, e.g. "I".'),
    title: nonEmpty,
    titleEn: nonEmpty.optional(),
  })
  .strict();

export const DocumentRefSchema = z
  .object({
    type: nonEmpty.describe('e.g. "Quyết định", "Kế hoạch", "Công văn".'),
    number: z.string().trim().describe('e.g. "617/KH-UBND"; empty or partial for a draft.'),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
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
    levels: z.array(LevelSchema).min(1, 'a target set needs at least one level'),
    sections: z.array(SectionSchema).min(1),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .strict();

function defaultComparator(
  direction: z.infer<typeof DirectionSchema>,
): z.infer<typeof ComparatorSchema> {
  return direction === 'lower-is-better' ? 'at-most' : 'at-least';
}

/** The number of a target, whether written bare (`85`) or with its comparator and text. */
export function targetValue(t: z.infer<typeof targetNumber>): number {
  return typeof t === 'number' ? t : t.value;
}

function checkRange(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  raw: z.infer<typeof targetNumber>,
  unit: z.infer<typeof UnitSchema>,
): void {
  const value = targetValue(raw);
  const pathTo = typeof raw === 'number' ? path : [...path, 'value'];
  if (value < 0) {
    ctx.addIssue({ code: 'custom', path: pathTo, message: `must not be negative (got ${value})` });
  } else if (unit.kind === 'percent' && value > 100) {
    ctx.addIssue({
      code: 'custom',
      path: pathTo,
      message: `a percentage must be between 0 and 100 (got ${value})`,
    });
  } else if (unit.kind === 'points' && value > unit.max) {
    ctx.addIssue({
      code: 'custom',
      path: pathTo,
      message: `must not exceed the maximum of ${unit.max} points (got ${value})`,
    });
  }
}

/** Cross-field rules: unique ids, known levels and sections, comparators that fit the direction. */
export const TargetSetSchema = TargetSetObject.superRefine((set, ctx) => {
  const levelIds = new Set<string>();
  set.levels.forEach((level, i) => {
    if (levelIds.has(level.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['levels', i, 'id'],
        message: `duplicate level id "${level.id}"`,
      });
    }
    levelIds.add(level.id);
  });
  const sectionIds = new Set(set.sections.map((s) => s.id));
  const indicatorIds = new Set<string>();
  set.indicators.forEach((ind, i) => {
    if (indicatorIds.has(ind.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators', i, 'id'],
        message: `duplicate indicator id "${ind.id}"`,
      });
    }
    indicatorIds.add(ind.id);
    if (!sectionIds.has(ind.section)) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators', i, 'section'],
        message: `unknown section "${ind.section}" (known: ${[...sectionIds].join(', ')})`,
      });
    }
    const lowerIsBetter = ind.direction === 'lower-is-better';
    ind.targets.forEach((row, r) => {
      const rowPath = ['indicators', i, 'targets', r];
      row.appliesTo.levels.forEach((lv, l) => {
        if (!levelIds.has(lv)) {
          ctx.addIssue({
            code: 'custom',
            path: [...rowPath, 'appliesTo', 'levels', l],
            message: `unknown level "${lv}" (known: ${[...levelIds].join(', ')})`,
          });
        }
      });
      if (row.appliesTo.levels.length === 0 && row.appliesTo.agencies.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [...rowPath, 'appliesTo'],
          message: 'must name at least one level or agency',
        });
      }
      if (
        row.annual === undefined &&
        (row.quarterly === undefined || row.quarterly.every((q) => q === null))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: rowPath,
          message: 'needs an annual target or at least one quarterly minimum',
        });
      }
      const comparators: [(string | number)[], string | undefined][] = [
        [[...rowPath, 'comparator'], row.comparator],
      ];
      if (row.annual !== undefined) {
        checkRange(ctx, [...rowPath, 'annual'], row.annual, ind.unit);
        if (typeof row.annual !== 'number')
          comparators.push([[...rowPath, 'annual', 'comparator'], row.annual.comparator]);
      }
      row.quarterly?.forEach((q, qi) => {
        if (q === null) return;
        checkRange(ctx, [...rowPath, 'quarterly', qi], q, ind.unit);
        if (typeof q !== 'number')
          comparators.push([[...rowPath, 'quarterly', qi, 'comparator'], q.comparator]);
      });
      for (const [path, cmp] of comparators) {
        if (cmp === undefined) continue;
        const forLower = cmp === 'at-most' || cmp === 'below';
        if (forLower !== lowerIsBetter) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `comparator "${cmp}" does not fit a ${ind.direction} indicator`,
          });
        }
      }
    });
  });
});

export type Level = z.infer<typeof LevelSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Direction = z.infer<typeof DirectionSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
export type TargetValue = z.infer<typeof TargetValueSchema>;
export type TargetNumber = z.infer<typeof targetNumber>;
export type Note = z.infer<typeof NoteSchema>;
export type AppliesTo = z.infer<typeof AppliesToSchema>;
export type TargetRow = z.infer<typeof TargetRowSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type DocumentRef = z.infer<typeof DocumentRefSchema>;
export type TargetSet = z.infer<typeof TargetSetSchema>;
/** A target set as written in a JSON file, before defaults are applied. */
export type TargetSetInput = z.input<typeof TargetSetSchema>;

export { defaultComparator };
