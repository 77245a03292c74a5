/**
 * Where the add-in's conditional formats stand among the user's, and the formula each carries:
 * one contract for both hosts (the Office host reaches it through Excel's "add at the top", the
 * in-memory host by placing its rules itself).
 *
 * Priority. The add-in's rules stand at the TOP of the sheet's priority list, in the plan's
 * order (the plan's first rule has the highest priority), each with stopIfTrue: where a mark
 * applies, its colour and symbol win and the user's lower rules are not applied to that cell;
 * everywhere else the user's rules work as before. The user's rules keep their relative order,
 * and get back their exact priorities when the marks are removed. A rule is the add-in's by the
 * engine's formula tag (`isMarkFormula`).
 */
import { type MarkRule, markRuleFormula } from '@chitieu/engine';

/** "$J$11:K11" → "J11": the first cell of a range, as a relative reference. */
function firstCell(range: string): string {
  return (range.split(':')[0] ?? range).replace(/\$/g, '');
}

/** A mark's formula with its leading "=", relative to its first range's first cell (as Excel reads it). */
export function markFormula(condition: MarkRule['condition'], ranges: readonly string[]): string {
  return `=${markRuleFormula(condition, firstCell(ranges[0] as string))}`;
}
