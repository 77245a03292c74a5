/**
 * Conditional formats: a range's collection (add at the top of the priority list, by id, by
 * position), one format (id, type, priority, stopIfTrue, delete) and its custom rule and format.
 * The index in the sheet's `rules` is the priority (0 = highest). With Excel's known failures
 * reading them, which real workbooks have: when a range has two CellValue rules (Highlight Cells
 * Rules › Greater Than, then Less Than, on the same range), loading either one's rule or format
 * (`custom…`, `customOrNullObject…`) fails the sync with GeneralException (OfficeDev/office-js
 * #6827); a rule duplicated in the Rules Manager cannot be read at all, only its id (#6835);
 * `getItemAt(index)` of such a rule answers ItemNotFound, so deleting by position fails (#5222).
 * Loading `items/id` and a value rule's `type` still work, and `getItem(id).delete()` deletes any
 * rule. Loading `items/custom/...` when a rule is not custom fails (#2180).
 * `getItemOrNullObject(id)` exists from ExcelApi 1.14; `clearAll()` throws: the add-in must
 * never call it.
 */
import type { FakeContext } from './context.js';
import { FakeOfficeError, generalException, invalid } from './errors.js';
import { intersects, parseRect } from './geometry.js';
import { FakeProxy } from './proxy.js';
import type { AreasTarget } from './range.js';
import type { FakeRule, FakeSheet } from './sheet.js';

/** `Excel.ConditionalFormatType`. */
export const CONDITIONAL_FORMAT_TYPES = {
  custom: 'Custom',
  dataBar: 'DataBar',
  colorScale: 'ColorScale',
  iconSet: 'IconSet',
  topBottom: 'TopBottom',
  presetCriteria: 'PresetCriteria',
  containsText: 'ContainsText',
  cellValue: 'CellValue',
};

interface RuleTarget {
  readonly sheet: FakeSheet;
  readonly rule: FakeRule;
}

/** The sheet's rules over any of the areas, in priority order (a range's `conditionalFormats`). */
function rulesOver(t: AreasTarget): FakeRule[] {
  return t.sheet.rules.filter((rule) =>
    rule.ranges.some((range) => t.rects.some((rect) => intersects(parseRect(range), rect))),
  );
}

/**
 * Why Excel cannot read a rule back, if it cannot: a duplicate made in the Rules Manager
 * (office-js#6835), or one of two CellValue rules over the same ranges (#6827).
 */
export function unreadableRule(
  sheet: FakeSheet,
  rule: FakeRule,
): 'duplicated' | 'value-pair' | undefined {
  if (rule.duplicated) return 'duplicated';
  if (rule.type !== 'CellValue') return undefined;
  const key = [...rule.ranges].sort().join(',');
  const pair = sheet.rules.some(
    (other) =>
      other !== rule && other.type === 'CellValue' && [...other.ranges].sort().join(',') === key,
  );
  return pair ? 'value-pair' : undefined;
}

export class FakeConditionalFormatCollection extends FakeProxy {
  get items(): FakeConditionalFormat[] {
    return this.loadedItemsOf<FakeConditionalFormat>();
  }

  protected override makeItems(t: AreasTarget): FakeProxy[] {
    return rulesOver(t).map((rule, i) =>
      new FakeConditionalFormat(this.ctx, `${this.path}.items[${i}]`).bind({
        sheet: t.sheet,
        rule,
      }),
    );
  }

  add(type: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.add(${type})`).bindWhenRun(16, () => {
      const t = this.need<AreasTarget>();
      const rule: FakeRule = { id: this.fake.newRuleId(), type, ranges: [...t.ranges] };
      t.sheet.rules.unshift(rule); // Excel: "adds at the first/top priority"
      return { sheet: t.sheet, rule };
    });
  }

  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.getItem(${id})`).bindWhenRun(
      id.length,
      () => {
        const t = this.need<AreasTarget>();
        const rule = t.sheet.rules.find((r) => r.id === id);
        if (!rule) throw new FakeOfficeError('ItemNotFound', `No conditional format ${id}.`);
        return { sheet: t.sheet, rule };
      },
    );
  }

  /** ExcelApi 1.14. */
  getItemOrNullObject(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(
      this.ctx,
      `${this.path}.getItemOrNullObject(${id})`,
    ).bindWhenRun(id.length, () => {
      if (!this.fake.supports('1.14')) {
        throw new FakeOfficeError(
          'ApiNotFound',
          'The API you are trying to use could not be found.',
        );
      }
      const t = this.need<AreasTarget>();
      const rule = t.sheet.rules.find((r) => r.id === id);
      return rule ? { sheet: t.sheet, rule } : null;
    });
  }

  /** By position in the collection; a rule Excel cannot read answers ItemNotFound (#5222). */
  getItemAt(index: number): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this.path}.getItemAt(${index})`).bindWhenRun(
      8,
      () => {
        const t = this.need<AreasTarget>();
        const rule = rulesOver(t)[index];
        if (!rule || unreadableRule(t.sheet, rule)) {
          throw new FakeOfficeError('ItemNotFound', 'Item Not Found.');
        }
        return { sheet: t.sheet, rule };
      },
    );
  }

  clearAll(): never {
    this.ctx.log(`${this.path}.clearAll()`);
    throw new Error('fake: conditionalFormats.clearAll() would delete the user’s own rules');
  }
}

export class FakeConditionalFormat extends FakeProxy {
  declare readonly id: string;
  declare readonly type: string;
  declare readonly priority: number;

  get stopIfTrue(): boolean {
    return this.prop('stopIfTrue');
  }
  set stopIfTrue(value: boolean) {
    this.queue(`stopIfTrue = ${value}`, value, (t: RuleTarget) => {
      t.rule.stopIfTrue = value;
    });
  }

  get custom(): FakeCustom {
    return this.sub('custom', FakeCustom, () => {
      const t = this.need<RuleTarget>();
      if (unreadableRule(t.sheet, t.rule)) throw generalException();
      if (t.rule.type !== 'Custom') {
        throw new FakeOfficeError(
          'InvalidOperation',
          'This operation is not permitted for the current object.',
        );
      }
      return t.rule;
    });
  }

  get customOrNullObject(): FakeCustom {
    return this.sub('customOrNullObject', FakeCustom, () => {
      const t = this.need<RuleTarget>();
      if (unreadableRule(t.sheet, t.rule)) throw generalException();
      return t.rule.type === 'Custom' ? t.rule : null;
    });
  }

  delete(): void {
    this.queue('delete()', null, (t: RuleTarget) => {
      const i = t.sheet.rules.indexOf(t.rule);
      if (i < 0) throw new FakeOfficeError('ItemNotFound', `No conditional format ${t.rule.id}.`);
      t.sheet.rules.splice(i, 1);
    });
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return super.navigate(name);
  }
}
FakeProxy.loadable(FakeConditionalFormat, {
  id: (t: RuleTarget) => t.rule.id,
  // A duplicated rule gives its id, and nothing else (#6835).
  type: (t: RuleTarget) => readable(t).type,
  priority: (t: RuleTarget) => t.sheet.rules.indexOf(readable(t)),
  stopIfTrue: (t: RuleTarget) => readable(t).stopIfTrue ?? false,
});

/** The rule, when Excel can read more of it than its id. */
function readable(t: RuleTarget): FakeRule {
  if (t.rule.duplicated) throw generalException();
  return t.rule;
}

export class FakeCustom extends FakeProxy {
  get rule(): FakeConditionalRule {
    return this.sub('rule', FakeConditionalRule);
  }

  get format(): FakeConditionalRangeFormat {
    return this.sub('format', FakeConditionalRangeFormat);
  }

  protected override navigate(name: string): FakeProxy {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return super.navigate(name);
  }
}

export class FakeConditionalRule extends FakeProxy {
  get formula(): string {
    return this.prop('formula');
  }
  set formula(value: string) {
    this.queue(`formula = ${value}`, value, (rule: FakeRule) => {
      if (typeof value !== 'string' || !value.startsWith('=')) {
        throw invalid(`A rule formula starts with "=": ${value}`);
      }
      rule.formula = value;
    });
  }
}
FakeProxy.loadable(FakeConditionalRule, { formula: (rule: FakeRule) => rule.formula ?? '' });

export class FakeConditionalRangeFormat extends FakeProxy {
  get numberFormat(): unknown {
    return this.prop('numberFormat');
  }
  set numberFormat(value: unknown) {
    this.queue(`numberFormat = ${JSON.stringify(value)}`, value, (rule: FakeRule) => {
      if (value !== null && typeof value !== 'string') {
        throw invalid('A conditional format takes one number format code.');
      }
      rule.numberFormat = value;
    });
  }

  get borders(): FakeConditionalBorders {
    return this.sub('borders', FakeConditionalBorders);
  }

  get fill(): FakeColorTarget {
    return this.child(
      'fill',
      (path) => new FakeColorTarget(this.ctx, path, () => this.need<FakeRule>(), 'fill'),
    );
  }

  get font(): FakeColorTarget {
    return this.child(
      'font',
      (path) => new FakeColorTarget(this.ctx, path, () => this.need<FakeRule>(), 'font'),
    );
  }
}

/** `ConditionalRangeFormat.borders`: one edge by its index ("EdgeTop"…), style and colour written. */
export class FakeConditionalBorders extends FakeProxy {
  getItem(index: string): FakeConditionalBorder {
    if (!CONDITIONAL_BORDER_EDGES.includes(index)) throw invalid(`Bad border index ${index}`);
    return this.child(
      index,
      (path) => new FakeConditionalBorder(this.ctx, path, () => this.need<FakeRule>(), index),
    );
  }
}

/** The edges a conditional format's border has (no diagonals, no inside edges). */
const CONDITIONAL_BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
const CONDITIONAL_BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot'];

export class FakeConditionalBorder extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    derive: () => unknown,
    private readonly edge: string,
  ) {
    super(ctx, path, derive);
  }

  private edit(rule: FakeRule, change: Partial<{ style: string; color: string }>): void {
    const borders = { ...(rule.borders ?? {}) };
    borders[this.edge] = { ...(borders[this.edge] ?? {}), ...change };
    rule.borders = borders;
  }

  set style(value: string) {
    this.queue(`style = ${value}`, value, (rule: FakeRule) => {
      if (!CONDITIONAL_BORDER_STYLES.includes(value)) throw invalid(`Bad border style ${value}`);
      this.edit(rule, { style: value });
    });
  }

  set color(value: string) {
    this.queue(`color = ${value}`, value, (rule: FakeRule) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalid(`Bad colour ${value}`);
      this.edit(rule, { color: value });
    });
  }
}

export class FakeColorTarget extends FakeProxy {
  constructor(
    ctx: FakeContext,
    path: string,
    derive: () => unknown,
    private readonly kind: 'fill' | 'font',
  ) {
    super(ctx, path, derive);
  }

  set color(value: string) {
    this.queue(`color = ${value}`, value, (rule: FakeRule) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalid(`Bad colour ${value}`);
      if (this.kind === 'fill') rule.fill = value;
      else rule.fontColor = value;
    });
  }

  set bold(value: boolean) {
    if (this.kind !== 'font') throw new Error('fake: fill has no bold');
    this.queue(`bold = ${value}`, value, (rule: FakeRule) => {
      rule.bold = value;
    });
  }
}
