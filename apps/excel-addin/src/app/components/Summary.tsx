import { STATUS, type StatusCounts, statusWord } from '@chitieu/engine';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Messages } from '../i18n.js';
import { summaryRows } from '../model.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalXS,
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid transparent`,
    minWidth: 0,
  },
  zero: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
  },
  count: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
    minWidth: '1.5em',
    textAlign: 'end',
  },
  label: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

export interface SummaryProps {
  readonly t: Messages;
  readonly counts: StatusCounts;
}

/** Counts by status, each with its symbol and word (never colour alone). */
export function Summary({ t, counts }: SummaryProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={t.summaryLabel}>
      {summaryRows(counts).map(({ status, count }) => {
        const look = STATUS[status];
        return (
          <li
            key={status}
            data-status={status}
            data-count={count}
            className={mergeClasses(styles.item, count === 0 && styles.zero)}
            style={
              count === 0
                ? undefined
                : { backgroundColor: look.fill, color: look.font, borderColor: look.font }
            }
          >
            <span className={styles.count}>{count}</span>
            <span className={styles.label}>
              <span aria-hidden="true">{look.symbol}</span> {statusWord(status, t.locale)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
