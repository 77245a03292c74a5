/**
 * The one place the command line words a finding: in the run's language, with the names of
 * the target set the sheet was checked against (levels, agencies). Findings are data until a
 * report writes them.
 */
import {
  describeFinding,
  describeNotice,
  describeSkipReason,
  type Locale,
  type SheetFinding,
  type SheetNotice,
  type SkipReason,
  type TargetSet,
} from '@chitieu/engine';

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

/** A sheet notice in the run's language, naming levels and the set the sheet was checked against. */
export function noticeWords(
  notice: SheetNotice,
  sheet: { readonly targetSet?: TargetSet },
  locale: Locale,
): string {
  return describeNotice(
    notice,
    sheet.targetSet ? { locale, targetSet: sheet.targetSet } : { locale },
  );
}

/** Why a sheet was not checked ("trang tính ẩn"), or what labels a hidden sheet that was. */
export function skipWords(reason: SkipReason, locale: Locale): string {
  return describeSkipReason(reason, locale);
}
