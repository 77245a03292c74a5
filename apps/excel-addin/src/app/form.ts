/**
 * The pane's form, as pure functions: the context fields (target set, level, unit, quarter),
 * which of them the user chose and where each shown value came from; the field a user sets, the
 * values a check detected, what the form passes to the engine, and the settings saved with the
 * workbook. No React, no host: the controller keeps the state, tests call these directly.
 */
import {
  type CheckContext,
  type CheckSheetOptions,
  getBuiltinTargetSet,
  getBuiltinTargetSets,
  type InputNeeded,
  type Locale,
  localized,
  QUARTERS,
  type Quarter,
  type SheetCheck,
  type TargetSet,
} from '@chitieu/engine';
import type { FieldName, FieldSource } from './i18n.js';
import {
  candidateSets,
  type OfferedSet,
  offeredSets,
  type SetLookup,
  type UserSet,
} from './user-sets.js';

/** The form: what to check the sheet against. */
export interface Fields {
  readonly targetSetId?: string;
  readonly level?: string;
  readonly unitName: string;
  readonly quarter?: Quarter;
}

export const EMPTY_FIELDS: Fields = { unitName: '' };

export const FIELD_ORDER: readonly FieldName[] = ['targetSet', 'level', 'unitName', 'quarter'];

/** The form's values, what the user chose, and where each shown value came from. */
export interface Form {
  readonly fields: Fields;
  /** Fields the user set: passed to the engine as options; the others are detected. */
  readonly chosen: readonly FieldName[];
  /** Where each shown value came from. */
  readonly sources: Readonly<Partial<Record<FieldName, FieldSource>>>;
}

function cleanFields(fields: {
  targetSetId?: string | undefined;
  level?: string | undefined;
  unitName: string;
  quarter?: Quarter | undefined;
}): Fields {
  return {
    ...(fields.targetSetId ? { targetSetId: fields.targetSetId } : {}),
    ...(fields.level ? { level: fields.level } : {}),
    unitName: fields.unitName,
    ...(fields.quarter ? { quarter: fields.quarter } : {}),
  };
}

/** Whether the form has a value for the field (a unit name of blanks is none). */
export function hasValue(fields: Fields, field: FieldName): boolean {
  switch (field) {
    case 'targetSet':
      return fields.targetSetId !== undefined;
    case 'level':
      return fields.level !== undefined;
    case 'unitName':
      return fields.unitName.trim() !== '';
    case 'quarter':
      return fields.quarter !== undefined;
  }
}

/** The sources of the fields that have a value: the user's choice, or else `other(field)`. */
function sourcesOf(
  fields: Fields,
  chosen: readonly FieldName[],
  other: (field: FieldName) => FieldSource | undefined,
): Partial<Record<FieldName, FieldSource>> {
  const sources: Partial<Record<FieldName, FieldSource>> = {};
  for (const f of FIELD_ORDER) {
    if (!hasValue(fields, f)) continue;
    const source = chosen.includes(f) ? 'option' : other(f);
    if (source) sources[f] = source;
  }
  return sources;
}

/** The user sets a field: the next check passes it to the engine instead of detecting it. */
export function withField(
  form: Form,
  field: FieldName,
  value: string | Quarter | undefined,
  lookup: SetLookup = getBuiltinTargetSet,
): Form {
  const fields = { ...form.fields };
  switch (field) {
    case 'targetSet': {
      const set = typeof value === 'string' ? lookup(value) : undefined;
      fields.targetSetId = set?.id;
      if (set && fields.level && !set.levels.some((l) => l.id === fields.level))
        fields.level = undefined;
      break;
    }
    case 'level':
      fields.level = typeof value === 'string' && value ? value : undefined;
      break;
    case 'unitName':
      fields.unitName = typeof value === 'string' ? value : '';
      break;
    case 'quarter':
      fields.quarter = typeof value === 'number' ? value : undefined;
      break;
  }
  const cleaned = cleanFields(fields);
  const chosen = FIELD_ORDER.filter(
    (f) => (f === field || form.chosen.includes(f)) && hasValue(cleaned, f),
  );
  return { fields: cleaned, chosen, sources: sourcesOf(cleaned, chosen, (f) => form.sources[f]) };
}

/**
 * The user gives a field back to detection: it is no longer passed to the engine, and it shows
 * nothing until the next check detects it (what was detected before the user chose is not
 * known: the check since then was given the user's value).
 */
export function withoutChoice(form: Form, field: FieldName): Form {
  if (!form.chosen.includes(field)) return form;
  const fields = { ...form.fields };
  switch (field) {
    case 'targetSet':
      fields.targetSetId = undefined;
      break;
    case 'level':
      fields.level = undefined;
      break;
    case 'unitName':
      fields.unitName = '';
      break;
    case 'quarter':
      fields.quarter = undefined;
      break;
  }
  const cleaned = cleanFields(fields);
  const chosen = form.chosen.filter((f) => f !== field);
  return { fields: cleaned, chosen, sources: sourcesOf(cleaned, chosen, (f) => form.sources[f]) };
}

/** The form after a check: the user's choices stay, the others show what was detected. */
export function withDetected(form: Form, context: Partial<CheckContext>): Form {
  const { chosen, fields: mine } = form;
  const keep = (f: FieldName) => chosen.includes(f);
  const fields = cleanFields({
    targetSetId: keep('targetSet') ? mine.targetSetId : context.targetSetId,
    level: keep('level') ? mine.level : context.level,
    unitName: keep('unitName') ? mine.unitName : (context.unitName ?? ''),
    quarter: keep('quarter') ? mine.quarter : context.quarter,
  });
  const detected: Partial<Record<FieldName, FieldSource | undefined>> = {
    targetSet: context.sources?.targetSet,
    level: context.sources?.level,
    unitName: context.sources?.unitName,
    quarter: context.sources?.quarter,
  };
  return { fields, sources: sourcesOf(fields, chosen, (f) => detected[f]), chosen };
}

/** What all the checked sheets agree on (a workbook of one unit); a field they differ on is left empty. */
export function agreedContext(results: readonly SheetCheck[]): Partial<CheckContext> {
  const first = results[0]?.context;
  if (!first) return {};
  const same = <K extends 'targetSetId' | 'level' | 'unitName' | 'quarter'>(key: K) =>
    results.every((r) => r.context[key] === first[key]) ? first[key] : undefined;
  const targetSetId = same('targetSetId');
  const level = same('level');
  const unitName = same('unitName');
  const quarter = same('quarter');
  return {
    ...(targetSetId !== undefined ? { targetSetId } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(unitName !== undefined ? { unitName } : {}),
    ...(quarter !== undefined ? { quarter } : {}),
    sources: {
      ...(targetSetId !== undefined && first.sources.targetSet
        ? { targetSet: first.sources.targetSet }
        : {}),
      ...(level !== undefined && first.sources.level ? { level: first.sources.level } : {}),
      ...(unitName !== undefined && first.sources.unitName
        ? { unitName: first.sources.unitName }
        : {}),
      ...(quarter !== undefined && first.sources.quarter ? { quarter: first.sources.quarter } : {}),
    },
  };
}

/** The engine's "what is missing" as the pane's field names. */
export function fieldOfNeed(need: InputNeeded): FieldName {
  return need === 'target-set' ? 'targetSet' : need;
}

/**
 * The check options: only the fields the user chose (the others are left for detection), and
 * the near-miss band when there is one. With the user's sets (`userSets`), a chosen set of theirs
 * is passed as the set itself, and detection chooses among the built-ins and theirs.
 */
export function checkOptions(
  fields: Fields,
  chosen: readonly FieldName[],
  nearMissBand = 0,
  userSets: readonly UserSet[] = [],
): CheckSheetOptions {
  const has = (f: FieldName) => chosen.includes(f);
  const unitName = fields.unitName.trim();
  const mine = userSets.find((u) => u.set.id === fields.targetSetId)?.set;
  const targetSet =
    has('targetSet') && fields.targetSetId ? (mine ?? fields.targetSetId) : undefined;
  return {
    ...(nearMissBand > 0 ? { nearMissBand } : {}),
    ...(userSets.length > 0 ? { targetSets: candidateSets(userSets) } : {}),
    ...(targetSet ? { targetSet } : {}),
    ...(has('level') && fields.level ? { level: fields.level } : {}),
    ...(has('unitName') && unitName ? { unitName } : {}),
    ...(has('quarter') && fields.quarter ? { quarter: fields.quarter } : {}),
  };
}

/** The target sets the form offers: the built-ins, then the user's, each with its origin. */
export function targetSetOptions(userSets: readonly UserSet[] = []): readonly OfferedSet[] {
  return offeredSets(userSets);
}

export function targetSetTitle(set: TargetSet, locale: Locale): string {
  return localized(set, 'title', locale);
}

/** A target set's levels, by name in the pane's language. */
export function levelOptions(
  targetSetId: string | undefined,
  locale: Locale,
  lookup: SetLookup = getBuiltinTargetSet,
): readonly { id: string; name: string }[] {
  const set = targetSetId ? lookup(targetSetId) : undefined;
  const levels = set?.levels ?? getBuiltinTargetSets()[0]?.levels ?? [];
  return levels.map((l) => ({ id: l.id, name: localized(l, 'name', locale) }));
}

export function isQuarter(value: unknown): value is Quarter {
  return QUARTERS.includes(value as Quarter);
}

// ── Settings saved with the workbook ─────────────────────────────────────────────────────────

/** The pane's switches, saved with the workbook. */
export interface PaneOptions {
  /** Put the reason of each marked cell in a note on it (ExcelApi 1.18). */
  readonly notes: boolean;
  /** Show met and not-applicable findings too. */
  readonly showAll: boolean;
  /**
   * Values short of their minimum by at most this many percentage points are near misses
   * ("≈ sát ngưỡng"): still short, told apart. 0 turns them off.
   */
  readonly nearMissBand: number;
  /** "Kiểm tra tất cả" checks hidden sheets too (skipped by default, with the reason). */
  readonly includeHidden: boolean;
}

/** The near-miss band the pane starts with: 1 percentage point. */
export const DEFAULT_NEAR_MISS_BAND = 1;
/** The widest band the pane accepts (percentage points). */
export const MAX_NEAR_MISS_BAND = 20;

export const DEFAULT_OPTIONS: PaneOptions = {
  notes: false,
  showAll: false,
  nearMissBand: DEFAULT_NEAR_MISS_BAND,
  includeHidden: false,
};

/**
 * A near-miss band as typed ("1", "0,5", "0.5", " 2 "): a number of points from 0 to
 * MAX_NEAR_MISS_BAND, or undefined when it is none (blank, text, negative, too wide).
 */
export function parseNearMissBand(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!/^\d+(?:[.,]\d+)?$|^[.,]\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return isNearMissBand(value) ? value : undefined;
}

export function isNearMissBand(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_NEAR_MISS_BAND
  );
}

/** A band as the pane shows it in the language: "0,5" / "0.5". */
export function formatNearMissBand(value: number, locale: Locale): string {
  const text = String(Math.round(value * 1000) / 1000);
  return locale === 'vi' ? text.replace('.', ',') : text;
}

/** What is saved with the workbook: the form and the switches. */
export interface SavedSettings {
  readonly version: 1;
  readonly targetSetId?: string;
  readonly level?: string;
  readonly unitName?: string;
  readonly quarter?: Quarter;
  /** The fields the user set; the others were detected and are detected again next time. */
  readonly chosen: readonly FieldName[];
  readonly notes?: boolean;
  readonly showAll?: boolean;
  readonly nearMissBand?: number;
  readonly includeHidden?: boolean;
}

export function toSettings(
  fields: Fields,
  chosen: readonly FieldName[],
  options: PaneOptions = DEFAULT_OPTIONS,
): SavedSettings {
  const unitName = fields.unitName.trim();
  return {
    version: 1,
    ...(fields.targetSetId ? { targetSetId: fields.targetSetId } : {}),
    ...(fields.level ? { level: fields.level } : {}),
    ...(unitName ? { unitName } : {}),
    ...(fields.quarter ? { quarter: fields.quarter } : {}),
    chosen: FIELD_ORDER.filter((f) => chosen.includes(f)),
    notes: options.notes,
    showAll: options.showAll,
    nearMissBand: options.nearMissBand,
    includeHidden: options.includeHidden,
  };
}

/**
 * Reads saved settings defensively: a workbook may carry anything (an older version, a hand
 * edit). Unknown target sets, levels and quarters are dropped.
 */
export function fromSettings(
  raw: Readonly<Record<string, unknown>>,
  lookup: SetLookup = getBuiltinTargetSet,
): { fields: Fields; chosen: FieldName[]; options: PaneOptions } | undefined {
  if (raw.version !== 1) return undefined;
  const set = typeof raw.targetSetId === 'string' ? lookup(raw.targetSetId) : undefined;
  const level =
    set && typeof raw.level === 'string' && set.levels.some((l) => l.id === raw.level)
      ? raw.level
      : undefined;
  const fields: Fields = {
    ...(set ? { targetSetId: set.id } : {}),
    ...(level ? { level } : {}),
    unitName: typeof raw.unitName === 'string' ? raw.unitName : '',
    ...(isQuarter(raw.quarter) ? { quarter: raw.quarter } : {}),
  };
  const chosen = Array.isArray(raw.chosen)
    ? FIELD_ORDER.filter((f) => (raw.chosen as unknown[]).includes(f) && hasValue(fields, f))
    : [];
  const options: PaneOptions = {
    notes: raw.notes === true,
    showAll: raw.showAll === true,
    // Settings saved before the band was offered have none: the default.
    nearMissBand: isNearMissBand(raw.nearMissBand) ? raw.nearMissBand : DEFAULT_NEAR_MISS_BAND,
    includeHidden: raw.includeHidden === true,
  };
  return { fields, chosen, options };
}

/** The form restored from saved settings: every value it has is shown as saved. */
export function savedForm(saved: { fields: Fields; chosen: readonly FieldName[] }): Form {
  const sources: Partial<Record<FieldName, FieldSource>> = {};
  for (const f of FIELD_ORDER) if (hasValue(saved.fields, f)) sources[f] = 'saved';
  return { fields: saved.fields, chosen: saved.chosen, sources };
}
