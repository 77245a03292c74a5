/**
 * The one place the command line words a finding: in the run's language, with the names of
 * the target set the sheet was checked against (levels, agencies). Findings are data until a
 * report writes them.
 */
import { describeFinding, type Locale, type SheetFinding, type TargetSet } from '@chitieu/engine';

export function findingWords(
  finding: SheetFinding,
  sheet: { readonly targetSet?: TargetSet },
  locale: Locale,
): string {
  return describeFinding(
    finding,
    sheet.targetSet ? { locale, targetSet: sheet.targetSet } : { locale },
  );
}
