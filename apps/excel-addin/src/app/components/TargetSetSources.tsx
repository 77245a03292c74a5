import {
  describeImportWarning,
  formatInUnit,
  type Locale,
  levelName,
  QUARTERS,
  quarterName,
  type ReviewValue,
  type Unit,
} from '@chitieu/engine';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { DocumentArrowUpRegular, TableSearchRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import type { SetReview } from '../controller.js';
import { targetSetTitle } from '../form.js';
import type { Messages } from '../i18n.js';
import { useSectionStyles } from './section-styles.js';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  file: { fontSize: tokens.fontSizeBase200, maxWidth: '100%' },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    width: '100%',
    '& th, & td': {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: tokens.spacingHorizontalXS,
      textAlign: 'left',
      verticalAlign: 'top',
    },
  },
  scroll: { overflowX: 'auto', minWidth: 0 },
  warnings: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface TargetSetSourcesProps {
  readonly t: Messages;
  readonly disabled: boolean;
  readonly reading: boolean;
  readonly onReadSheet: () => void;
  /** The text of the file the user picked, with its name; `undefined` text: it could not be read. */
  readonly onFile: (name: string, text: string | undefined) => void;
}

/** Where else a target set can come from: the active sheet (an official annex) or a JSON file. */
export function TargetSetSources({
  t,
  disabled,
  reading,
  onReadSheet,
  onFile,
}: TargetSetSourcesProps) {
  const styles = useStyles();
  const inputId = useId();
  return (
    <div className={styles.row}>
      <Button
        icon={reading ? <Spinner size="extra-tiny" /> : <TableSearchRegular />}
        disabledFocusable={disabled}
        onClick={onReadSheet}
        data-action="read-set"
      >
        {t.userSets.readFromSheet}
      </Button>
      <label htmlFor={inputId}>
        <DocumentArrowUpRegular /> {t.userSets.pickFile}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        className={styles.file}
        disabled={disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          file.text().then(
            (text) => onFile(file.name, text),
            () => onFile(file.name, undefined),
          );
          // The same file can be picked again (after fixing it).
          input.value = '';
        }}
      />
    </div>
  );
}

export interface TargetSetReviewProps {
  readonly t: Messages;
  readonly locale: Locale;
  readonly review: SetReview;
  readonly disabled: boolean;
  readonly onAccept: () => void;
  readonly onCancel: () => void;
}

function valueText(value: ReviewValue | null, unit: Unit, locale: Locale): string {
  return value ? formatInUnit(value.value, unit, locale) : '—';
}

/** What the importer read from the sheet, row by row, and the cells it had to interpret. */
export function TargetSetReview(props: TargetSetReviewProps) {
  const { t, locale, review, disabled, onAccept, onCancel } = props;
  const styles = { ...useStyles(), ...useSectionStyles() };
  const { set, rows, warnings } = review.imported;
  const quarterly = rows.some((r) => r.quarterly.length > 0);
  const c = t.userSets.reviewColumns;
  return (
    <section className={styles.section} aria-labelledby="set-review-heading">
      <h2 id="set-review-heading" className={styles.heading}>
        {t.userSets.reviewHeading(review.sheet)}
      </h2>
      <Text>
        {t.userSets.reviewSummary(targetSetTitle(set, locale), rows.length, warnings.length)}
      </Text>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{c.stt}</th>
              <th>{c.name}</th>
              <th>{c.levels}</th>
              <th>{c.annual}</th>
              {quarterly ? QUARTERS.map((q) => <th key={q}>{quarterName(q, locale)}</th>) : null}
              <th>{c.comparator}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row}>
                <td>{r.stt}</td>
                <td>{r.shortName}</td>
                <td>{r.levels.map((l) => levelName(set, l, locale)).join(', ')}</td>
                <td>{valueText(r.annual, r.unit, locale)}</td>
                {quarterly
                  ? QUARTERS.map((q) => (
                      <td key={q}>{valueText(r.quarterly[q - 1] ?? null, r.unit, locale)}</td>
                    ))
                  : null}
                <td>{r.written ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {warnings.length > 0 ? (
        <>
          <h3 className={styles.heading}>{t.userSets.warningsHeading}</h3>
          <ul className={styles.warnings}>
            {warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for one review
              <li key={i}>{describeImportWarning(w, locale)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={disabled} onClick={onAccept}>
          {t.userSets.accept}
        </Button>
        <Button disabledFocusable={disabled} onClick={onCancel}>
          {t.userSets.cancel}
        </Button>
      </div>
    </section>
  );
}
