import {
  describeFinding,
  type SheetFinding,
  STATUS,
  statusWord,
  type TargetSet,
} from '@chitieu/engine';
import {
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  shorthands,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Messages } from '../i18n.js';
import { displayStatus, type FindingGroup } from '../model.js';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  groupTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  stt: { color: tokens.colorNeutralForeground3, marginInlineEnd: tokens.spacingHorizontalXS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  finding: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    boxSizing: 'border-box',
    margin: 0,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: 'start',
    minWidth: 0,
  },
  clickable: {
    // The focus outline is drawn by a pseudo-element positioned against the button.
    position: 'relative',
    cursor: 'pointer',
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      ...shorthands.borderColor(tokens.colorNeutralStroke1Hover),
    },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  focus: createFocusOutlineStyle(),
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  noCell: { color: tokens.colorNeutralForeground3 },
  status: {
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid`,
    fontWeight: tokens.fontWeightSemibold,
  },
  message: { overflowWrap: 'anywhere' },
});

export interface FindingListProps {
  readonly t: Messages;
  readonly groups: readonly FindingGroup[];
  /** The set the sheet was checked against: the findings' words name its levels. */
  readonly targetSet?: TargetSet;
  readonly onSelect: (finding: SheetFinding) => void;
  /** The groups' heading level: 3 under the pane's sections, 4 under a sheet's heading. */
  readonly headingLevel?: 3 | 4;
  /** Keeps heading ids unique when several lists are shown (one per sheet). */
  readonly idPrefix?: string;
}

/**
 * Findings by indicator, each worded here, in the pane's language (switching it re-renders, it
 * checks nothing again); a finding with a cell selects it when clicked or activated by key.
 */
export function FindingList({
  t,
  groups,
  targetSet,
  onSelect,
  headingLevel = 3,
  idPrefix = 'group',
}: FindingListProps) {
  const styles = useStyles();
  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  return (
    <div className={styles.groups}>
      {groups.map((group) => (
        <section
          key={group.key}
          className={styles.group}
          aria-labelledby={`${idPrefix}-${group.key}`}
        >
          <Heading id={`${idPrefix}-${group.key}`} className={styles.groupTitle}>
            {group.stt ? <span className={styles.stt}>{group.stt}.</span> : null}
            {group.title}
          </Heading>
          <ul className={styles.list}>
            {group.findings.map((f) => (
              <li key={`${f.cell ?? 'indicator'}-${f.code}-${f.quarter ?? ''}`}>
                <FindingItem finding={f} t={t} targetSet={targetSet} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function FindingItem({
  finding,
  t,
  targetSet,
  onSelect,
}: {
  finding: SheetFinding;
  t: Messages;
  targetSet: TargetSet | undefined;
  onSelect: (finding: SheetFinding) => void;
}) {
  const styles = useStyles();
  const status = displayStatus(finding);
  if (!status) return null;
  const look = STATUS[status];
  const content = (
    <>
      <span className={styles.line}>
        {finding.cell ? (
          <span className={styles.cell}>{finding.cell}</span>
        ) : (
          <span className={styles.noCell}>{t.noCell}</span>
        )}
        <span
          className={styles.status}
          style={{ backgroundColor: look.fill, color: look.font, borderColor: look.font }}
        >
          <span aria-hidden="true">{look.symbol}</span> {statusWord(status, t.locale)}
        </span>
      </span>
      <Text size={200} className={styles.message}>
        {describeFinding(finding, { locale: t.locale, targetSet })}
      </Text>
    </>
  );
  if (!finding.cell) return <div className={styles.finding}>{content}</div>;
  return (
    <button
      type="button"
      className={mergeClasses(styles.finding, styles.clickable, styles.focus)}
      title={t.selectCell(finding.cell)}
      onClick={() => onSelect(finding)}
    >
      {content}
    </button>
  );
}
