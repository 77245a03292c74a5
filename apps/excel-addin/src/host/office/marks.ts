/**
 * The add-in's marks in Excel: conditional formats added, found again and removed, never a
 * user's.
 *
 * Priority (host/shared/marks.ts). Excel adds a conditional format at the TOP of the sheet's
 * priority list, so the add-in adds its rules last to first: they end up above the user's own
 * rules in the plan's order, each with stopIfTrue. Rules are recognised by the engine's formula
 * tag (`isMarkFormula`), which covers copies annotated by the command line and ids that changed
 * after a reopen, and by the ids recorded in the worksheet custom property `chitieu.marks`
 * (records.ts). The add-in never calls `conditionalFormats.clearAll()` and never writes a cell's
 * value, formula or format on a user's sheet.
 *
 * Reading conditional formats is fragile in Excel: once a range has two CellValue rules (Greater
 * Than, then Less Than), reading either one's rule or format fails the whole sync
 * (OfficeDev/office-js#6827); a rule duplicated in the Rules Manager cannot be read (#6835);
 * deleting by position can answer "Item Not Found" (#5222). So the add-in never loads every
 * format of the sheet: it loads their ids (which always work) and reads the rules it recorded by
 * id (`getItem`, ExcelApi 1.6; `getItemOrNullObject`, 1.14, for the ids this host remembers).
 * When every recorded id is there and is a tagged custom rule, that is all: the user's rules are
 * never read. Only when the record does not account for the marks (no record, a stale one after
 * a reopen, a rule of it deleted or not the add-in's) are the other rules read, first their type
 * and then, for custom ones only, their formula, so a CellValue rule's rule is never asked for.
 * Every such read is read-only: all in one sync, and when that sync fails, in halves down to one
 * rule per sync, so a rule Excel cannot read costs only itself; it is left as it is, never
 * deleted. Deletes are by id. A user's rules can never make a check or a removal fail.
 *
 * Round trips (`context.sync()`):
 * - applyMarks: 2 when this host marked the sheet before (a re-check, a live update) or the
 *   sheet has no conditional format yet. The first loads the record of the add-in's rules, the
 *   ids of the sheet's conditional formats and, by id, the rules this host recorded last time,
 *   AND queues the new rules after those loads, so their ids come back with it. The second
 *   deletes the add-in's earlier rules and writes the record of the new ids. (Deleting first
 *   would need the new ids in a third sync to record them.) 3 on the first call in a session
 *   on a marked sheet: the recorded rules are read by id in a sync of their own, once the record
 *   is known. 2 more (every other rule's type, then the custom ones' formulas) only when the
 *   record does not account for the marks: no record beside other rules, a stale record after a
 *   reopen, a recorded rule deleted by hand, an earlier write that failed. A rule Excel cannot
 *   read adds about 2 × log2(rules) failed reads. The user's rules never add a sync while the
 *   record accounts for the marks.
 * - clearMarks: 2 when this host marked the sheet before, 3 on the first call in a session (the
 *   recorded rules read by id in between); 1 when there is nothing to remove (no record, and no
 *   conditional format or this host removed its marks last time); the same 2 more as applyMarks
 *   when the record does not account for the marks.
 * One more per batch of adds or deletes only past the payload budget.
 */
import { isMarkFormula, type MarkPlan, STATUS } from '@chitieu/engine';
import { type PlacedRule, placeRule } from '../shared/mark-looks.js';
import { markFormula } from '../shared/marks.js';
import type { ApplyResult } from '../types.js';
import { batchBySize, excelRun, groupAddresses, type Limits, MAX_ADDRESS_LENGTH } from './batch.js';
import { MARKS_PROPERTY, marksRecordValue, parseMarksRecord } from './records.js';

/** Estimated request bytes of one added conditional format (about ten actions) before its address and formula. */
const ADD_OVERHEAD = 2500;
/** Estimated request bytes of a rule's dashed border (four edges, a style and a colour each). */
const BORDER_OVERHEAD = 1200;
/** Estimated request bytes of deleting one conditional format. */
const DELETE_OVERHEAD = 400;
/** Estimated request bytes of reading one conditional format by id (getItem, two loads). */
const PROBE_OVERHEAD = 400;

/** One conditional format to add: a plan rule, or one part of a rule with very many ranges. */
export interface MarkPart {
  readonly rule: PlacedRule;
  readonly ranges: readonly string[];
  /** The ranges joined for `getRanges`, e.g. "J11:K11,J13:K13". */
  readonly address: string;
  /** The formula with its leading "=", relative to the part's first cell. */
  readonly formula: string;
}

/**
 * Splits a rule's ranges into parts whose address is at most `maxLength` characters, in order;
 * each part's formula is anchored at its own first cell, as Excel reads relative references.
 */
export function splitRule(rule: PlacedRule, maxLength = MAX_ADDRESS_LENGTH): MarkPart[] {
  return groupAddresses(rule.ranges, maxLength).map((ranges) => ({
    rule,
    ranges,
    address: ranges.join(','),
    formula: markFormula(rule.condition, ranges),
  }));
}

function addBytes(part: MarkPart): number {
  return (
    ADD_OVERHEAD +
    part.address.length * 2 +
    part.formula.length +
    (part.rule.numberFormat?.length ?? 0) +
    (part.rule.border ? BORDER_OVERHEAD : 0)
  );
}

/** The four edges of each cell a rule's border cue is drawn on. */
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

/**
 * Queues one conditional format (no sync): custom formula, colours, bold, symbol, stopIfTrue,
 * and for a rule whose cells can show no symbol (blank, error: the plan's `border`) a dashed
 * border in the status's font colour round each cell, as the command line's annotated copies
 * draw it, so the status is never told by colour alone.
 */
function addPart(sheet: Excel.Worksheet, part: MarkPart): Excel.ConditionalFormat {
  const style = STATUS[part.rule.status];
  const format = sheet
    .getRanges(part.address)
    .conditionalFormats.add(Excel.ConditionalFormatType.custom);
  format.custom.rule.formula = part.formula;
  format.custom.format.fill.color = style.fill;
  format.custom.format.font.color = style.font;
  if (!part.rule.plain) format.custom.format.font.bold = true;
  // ConditionalRangeFormat.numberFormat is one format code for the whole rule (a string, unlike
  // Range.numberFormat's 2-D array).
  if (part.rule.numberFormat) format.custom.format.numberFormat = part.rule.numberFormat;
  if (part.rule.border) {
    for (const edge of EDGES) {
      const border = format.custom.format.borders.getItem(edge);
      border.style = 'Dash';
      border.color = style.font;
    }
  }
  format.stopIfTrue = true;
  format.load('id');
  return format;
}

/** What was read of one conditional format: its type and, when asked for, a custom rule's formula. */
interface RuleRead {
  readonly type: string;
  readonly formula?: string;
}

/** A read queued on the request (no sync); the function it returns gives its result after the sync. */
type Probe<T> = () => () => T;

/**
 * Queues reading one conditional format by id: its type, and with `formula` a custom rule's
 * formula (through customOrNullObject: a rule of another type gives none, never an error).
 * `nullable` (ExcelApi 1.14): a missing id reads as undefined instead of failing the sync.
 */
function ruleProbe(
  formats: Excel.ConditionalFormatCollection,
  id: string,
  formula: boolean,
  nullable = false,
): Probe<RuleRead | undefined> {
  return () => {
    const format = nullable ? formats.getItemOrNullObject(id) : formats.getItem(id);
    format.load(formula ? 'type,customOrNullObject/rule/formula' : 'type');
    return () => {
      if (nullable && format.isNullObject) return undefined;
      if (!formula) return { type: format.type };
      const custom = format.customOrNullObject;
      return custom.isNullObject
        ? { type: format.type }
        : { type: format.type, formula: custom.rule.formula };
    };
  };
}

/**
 * Runs read-only probes: all in one sync; when that sync fails, again in halves, down to one
 * probe per sync, so a rule Excel cannot read (office-js#6827, #6835) costs only itself. A
 * failed sync in Excel runs nothing after its failing operation, and probes only load: trying
 * again changes nothing. Returns each probe's result; undefined for one that failed on its own.
 * No sync when there is nothing to read.
 */
async function readEach<T>(
  context: Excel.RequestContext,
  probes: readonly Probe<T>[],
): Promise<(T | undefined)[]> {
  const results: (T | undefined)[] = probes.map(() => undefined);
  const run = async (from: number, to: number): Promise<void> => {
    if (from >= to) return;
    const readers = probes.slice(from, to).map((queue) => queue());
    try {
      await context.sync();
    } catch {
      if (to - from === 1) return; // this one alone cannot be read
      const middle = from + Math.ceil((to - from) / 2);
      await run(from, middle);
      await run(middle, to);
      return;
    }
    readers.forEach((read, i) => {
      results[from + i] = read();
    });
  };
  await run(0, probes.length);
  return results;
}

/** What the first sync of applyMarks and clearMarks loads. */
interface MarksSurvey {
  readonly sheet: Excel.Worksheet;
  readonly formats: Excel.ConditionalFormatCollection;
  readonly record: Excel.WorksheetCustomProperty;
  /** The rules this host recorded last time on the sheet, read by id in the same sync. */
  readonly expected: readonly { readonly id: string; readonly read: () => RuleRead | undefined }[];
  /** This host removed the add-in's rules and their record from the sheet last time. */
  readonly leftNone: boolean;
}

/** Queues the survey's loads (no sync): the record, the formats' ids, the expected rules by id. */
function queueSurvey(
  sheet: Excel.Worksheet,
  expected: readonly string[],
  nullable: boolean,
  leftNone: boolean,
): MarksSurvey {
  const formats = sheet.getRange().conditionalFormats;
  // Ids only: loading the formats' rules fails the whole sync as soon as one rule cannot be
  // read (office-js#6827, #6835; and `items/custom/...` with a data bar, #2180).
  formats.load('items/id');
  const record = sheet.customProperties.getItemOrNullObject(MARKS_PROPERTY);
  record.load('value');
  return {
    sheet,
    formats,
    record,
    expected: expected.map((id) => ({ id, read: ruleProbe(formats, id, true, nullable)() })),
    leftNone,
  };
}

/**
 * The ids of the add-in's conditional formats among those the survey saw: custom rules whose
 * formula carries the engine's tag, or, when a recorded rule's formula is empty, whose id is
 * recorded. A recorded id on a rule without the tag is a user's rule that reuses a stale id: it
 * is kept, and so is every rule Excel cannot read. The recorded rules are read by id (those the
 * survey did not read already, in one sync); the other rules only when the record does not
 * account for the marks, or with `scan` (an earlier write may have left rules it did not record):
 * their types, then the formulas of the custom ones.
 */
async function findOwned(
  context: Excel.RequestContext,
  survey: MarksSurvey,
  scan: boolean,
): Promise<string[]> {
  const { formats, record } = survey;
  const recorded = parseMarksRecord(record.isNullObject ? undefined : record.value);
  const present = formats.items.map((format) => format.id);
  const there = new Set(present);
  /** What was read of each rule; null: Excel could not read it. */
  const reads = new Map<string, RuleRead | null>();
  for (const { id, read } of survey.expected) {
    const value = there.has(id) ? read() : undefined;
    if (value) reads.set(id, value);
  }
  const readAll = async (ids: readonly string[], formula: boolean) => {
    const values = await readEach(
      context,
      ids.map((id) => ruleProbe(formats, id, formula)),
    );
    ids.forEach((id, i) => {
      reads.set(id, values[i] ?? null);
    });
  };
  const ours = (id: string): boolean => {
    const read = reads.get(id);
    if (read?.type !== 'Custom') return false;
    return read.formula ? isMarkFormula(read.formula) : recorded.has(id);
  };

  await readAll(
    [...recorded].filter((id) => there.has(id) && !reads.has(id)),
    true,
  );
  const accounted =
    !scan &&
    [...recorded].every((id) => there.has(id) && ours(id)) &&
    (recorded.size > 0 || (record.isNullObject && survey.leftNone));
  if (accounted) return present.filter((id) => recorded.has(id));

  const others = present.filter((id) => !reads.has(id));
  await readAll(others, false);
  await readAll(
    others.filter((id) => reads.get(id)?.type === 'Custom'),
    true,
  );
  return present.filter(ours);
}

/** applyMarks and clearMarks, with what this host remembers of each sheet's marks in the session. */
export class OfficeMarks {
  /**
   * The ids of the rules this host last recorded on each sheet ([]: it removed them all): read
   * by id in the first sync of the next applyMarks or clearMarks. Only a guess of what to read:
   * what is deleted always follows the record and the rules read from the sheet.
   */
  private readonly recordedMarks = new Map<string, readonly string[]>();
  /**
   * Sheets where a write of marks failed in this session: some rules may have been added and
   * not recorded, so the next call reads every rule (by type, then formula) to find them.
   */
  private readonly unsureMarks = new Set<string>();

  constructor(private readonly limits: Limits) {}

  /**
   * `widthOf`: the sheet's column widths in characters, where known: a numeric rule is written
   * as one conditional format per look its columns need (shared/mark-looks.ts).
   */
  async apply(
    sheetName: string,
    plan: MarkPlan,
    widthOf?: (column: number) => number | undefined,
  ): Promise<ApplyResult> {
    const parts = plan.rules
      .flatMap((rule) => placeRule(rule, widthOf))
      .flatMap((rule) => splitRule(rule, this.limits.maxAddressLength));
    // Each add goes to the top of the priority list: adding the last part first leaves the
    // plan's order as the priority order.
    const addOrder = [...parts].reverse();
    const addBatches = batchBySize(
      addOrder,
      addBytes,
      this.limits.payloadBudget,
      this.surveyBytes(sheetName),
    );
    return this.run(sheetName, async (context, unsure) => {
      // 1: the survey, then the first adds (more syncs only past the payload budget).
      const [first = [], ...rest] = addBatches;
      const { survey, queued, retried } = await this.survey(context, sheetName, (sheet) =>
        first.map((part) => addPart(sheet, part)),
      );
      const added = [...queued];
      for (const batch of rest) {
        for (const part of batch) added.push(addPart(survey.sheet, part));
        await context.sync();
      }
      const newIds = added.map((format) => format.id).reverse(); // plan order
      // The survey saw the sheet before the adds: the new rules are not among what it finds.
      const old = await findOwned(context, survey, unsure || retried);
      await this.replace(context, sheetName, survey, old, newIds); // 2
      return { rules: newIds.length, replaced: old.length };
    });
  }

  async clear(sheetName: string): Promise<number> {
    return this.run(sheetName, async (context, unsure) => {
      const { survey } = await this.survey(context, sheetName, () => undefined); // 1
      const old = await findOwned(context, survey, unsure);
      await this.replace(context, sheetName, survey, old, []); // 2
      return old.length;
    });
  }

  /**
   * The last sync of applyMarks and clearMarks: deletes the add-in's earlier rules (`old`, by id)
   * and makes the record name `newIds` (deleted when there are none). No sync when there is
   * nothing to delete and no record; one more per batch of deletes only past the payload budget.
   */
  private async replace(
    context: Excel.RequestContext,
    sheetName: string,
    { sheet, formats, record }: MarksSurvey,
    old: readonly string[],
    newIds: readonly string[],
  ): Promise<void> {
    if (old.length > 0 || newIds.length > 0 || !record.isNullObject) {
      const batches = batchBySize(old, () => DELETE_OVERHEAD, this.limits.payloadBudget);
      for (const [i, batch] of batches.entries()) {
        for (const id of batch) formats.getItem(id).delete();
        if (i < batches.length - 1) await context.sync(); // only past the payload budget
      }
      if (newIds.length > 0) sheet.customProperties.add(MARKS_PROPERTY, marksRecordValue(newIds));
      else if (!record.isNullObject) record.delete();
      await context.sync();
    }
    this.recordedMarks.set(sheetName, newIds);
  }

  /**
   * Sync 1 of applyMarks and clearMarks: the survey (the record, the formats' ids, the rules this
   * host recorded last time, by id) and then `queue`'s calls (the first adds), queued after the
   * loads so the loads see the sheet as it was. Reading the expected rules is the one load that
   * can fail where the survey alone would not (a rule deleted by hand, below ExcelApi 1.14 where
   * getItem of a missing id fails the sync; a rule Excel cannot read): nothing queued after it
   * has then run, and the sync is made again without them.
   */
  private async survey<T>(
    context: Excel.RequestContext,
    sheetName: string,
    queue: (sheet: Excel.Worksheet) => T,
  ): Promise<{ survey: MarksSurvey; queued: T; retried: boolean }> {
    const expected = this.recordedMarks.get(sheetName);
    // Set again once the call succeeds: a failed call leaves nothing to guess from.
    this.recordedMarks.delete(sheetName);
    const nullable = Office.context.requirements.isSetSupported('ExcelApi', '1.14');
    const attempt = async (ids: readonly string[]) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const survey = queueSurvey(sheet, ids, nullable, expected?.length === 0);
      const queued = queue(sheet);
      await context.sync();
      return { survey, queued };
    };
    if (!expected || expected.length === 0) return { ...(await attempt([])), retried: false };
    try {
      return { ...(await attempt(expected)), retried: false };
    } catch {
      // Had the failure come from a call queued after the reads, the calls before it stand:
      // `retried` makes the caller look for rules of its own that it did not record.
      return { ...(await attempt([])), retried: true };
    }
  }

  /**
   * Runs applyMarks' or clearMarks' batch: a failure leaves the sheet unsure (rules may have
   * been added and not recorded) until a later call has read every rule; success clears it.
   */
  private async run<T>(
    sheetName: string,
    batch: (context: Excel.RequestContext, scan: boolean) => Promise<T>,
  ): Promise<T> {
    const scan = this.unsureMarks.has(sheetName);
    try {
      const result = await excelRun(sheetName, (context) => batch(context, scan));
      this.unsureMarks.delete(sheetName);
      return result;
    } catch (error) {
      this.unsureMarks.add(sheetName);
      throw error;
    }
  }

  /** Estimated request bytes of reading the rules this host recorded last time on the sheet. */
  private surveyBytes(sheetName: string): number {
    const expected = this.recordedMarks.get(sheetName) ?? [];
    return expected.reduce((n, id) => n + PROBE_OVERHEAD + id.length, 0);
  }
}
