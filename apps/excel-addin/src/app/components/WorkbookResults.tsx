import {
  countByStatus,
  describeSkipReason,
  type Locale,
  quarterName,
  type SheetFinding,
} from '@chitieu/engine';
import { makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { WorkbookCheck } from '../controller.js';
import type { Messages } from '../i18n.js';
import { addCounts, groupFindings, toReview } from '../model.js';
import { describeSkip, errorText } from '../notices.js';
import { FindingList } from './FindingList.js';
import { SheetNotices } from './SheetNotices.js';
import { Summary } from './Summary.js';
import { useSectionStyles } from './section-styles.js';

const useStyles = makeStyles({
  sheet: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBlockStart: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  sheetTitle: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  tally: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
  skipped: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  skippedName: { fontWeight: tokens.fontWeightSemibold },
  hiddenLabel: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    fontStyle: 'italic',
  },
});

export interface WorkbookResultsProps {
  readonly t: Messages;
  readonly locale: Locale;
  readonly workbook: WorkbookCheck;
  readonly showAll: boolean;
  readonly onSelect: (finding: SheetFinding, sheet: string) => void;
  readonly onShowAll: (showAll: boolean) => void;
}

/**
 * "Kiểm tra tất cả": one summary for every checked sheet, then the findings by sheet and, within
 * a sheet, by indicator; the sheets that were not checked last, each with the reason.
 */
export function WorkbookResults({
  t,
  locale,
  workbook,
  showAll,
  onSelect,
  onShowAll,
}: WorkbookResultsProps) {
  const styles = { ...useStyles(), ...useSectionStyles() };
  const sheets = useMemo(
    () =>
      workbook.entries.flatMap((entry) =>
        entry.result?.status === 'checked' && !entry.skipped
          ? [
              {
                entry,
                counts: countByStatus(entry.result.findings),
                grouped: groupFindings(entry.result, locale, t, showAll),
              },
            ]
          : [],
      ),
    [workbook, locale, t, showAll],
  );
  const skipped = workbook.entries.filter((e) => e.skipped);
  const total = useMemo(() => addCounts(sheets.map((s) => s.counts)), [sheets]);
  const quarters = new Set(sheets.map((s) => s.entry.result?.context.quarter));
  const [quarter] = quarters;
  const hidden = sheets.reduce((n, s) => n + s.grouped.hidden, 0);
  /** "(trang tính ẩn)" beside a hidden sheet that was read: the engine's word for it. */
  const hiddenLabel = (entry: (typeof workbook.entries)[number]) =>
    entry.hidden && entry.skipped?.kind !== 'skipped' ? (
      <span className={styles.hiddenLabel} data-hidden-sheet="">
        {t.hiddenLabel(describeSkipReason('hidden', locale))}
      </span>
    ) : null;

  return (
    <>
      {sheets.length > 0 ? (
        <section className={styles.section} aria-labelledby="workbook-heading">
          <h2 id="workbook-heading" className={styles.heading}>
            {t.workbookHeading(
              sheets.length,
              quarters.size === 1 && quarter ? quarterName(quarter, t.locale) : undefined,
            )}
          </h2>
          <Summary t={t} counts={total} />
          <Switch
            label={t.showAll}
            checked={showAll}
            onChange={(_, data) => onShowAll(data.checked)}
          />
        </section>
      ) : null}
      {sheets.map(({ entry, counts, grouped }, i) => (
        <section
          key={entry.sheet}
          className={styles.sheet}
          aria-labelledby={`sheet-${i}`}
          data-sheet={entry.sheet}
        >
          <h3 id={`sheet-${i}`} className={styles.sheetTitle}>
            <span>{entry.sheet}</span>
            {hiddenLabel(entry)}
            <span className={styles.tally}>{t.sheetCounts(toReview(counts))}</span>
          </h3>
          {entry.markError ? (
            <Text size={200} className={styles.error}>
              {t.marksNotWritten} — {errorText(entry.markError, t)}
            </Text>
          ) : null}
          {entry.result ? <SheetNotices t={t} locale={locale} result={entry.result} /> : null}
          {grouped.groups.length === 0 ? (
            <Text size={200} className={styles.muted}>
              {t.nothingToFix}
            </Text>
          ) : (
            <FindingList
              t={t}
              groups={grouped.groups}
              targetSet={entry.result?.targetSet}
              headingLevel={4}
              idPrefix={`sheet-${i}-group`}
              onSelect={(f) => onSelect(f, entry.sheet)}
            />
          )}
        </section>
      ))}
      {hidden > 0 ? (
        <Text size={200} className={styles.muted}>
          {t.hiddenCount(hidden)}
        </Text>
      ) : null}
      {skipped.length > 0 ? (
        <section className={styles.section} aria-labelledby="skipped-heading">
          <h2 id="skipped-heading" className={styles.heading}>
            {t.skippedHeading}
          </h2>
          <ul className={styles.skipped}>
            {skipped.map((entry) => (
              <li key={entry.sheet} data-skipped={entry.skipped?.kind}>
                <Text size={200}>
                  <span className={styles.skippedName}>{entry.sheet}</span>
                  {entry.hidden && entry.skipped?.kind !== 'skipped' ? ' ' : null}
                  {hiddenLabel(entry)}
                  {' — '}
                  {entry.skipped ? describeSkip(entry.skipped, t) : ''}
                </Text>
                {entry.result ? <SheetNotices t={t} locale={locale} result={entry.result} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
