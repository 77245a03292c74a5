import { type Locale, QUARTERS, type Quarter, quarterName } from '@chitieu/engine';
import {
  Button,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  tokens,
} from '@fluentui/react-components';
import { ArrowUndoRegular } from '@fluentui/react-icons';
import { type ReactElement, useEffect, useRef } from 'react';
import { type Fields, levelOptions, targetSetOptions, targetSetTitle } from '../form.js';
import type { FieldName, FieldSource, Messages } from '../i18n.js';
import { originText } from '../notices.js';
import { setLookup, type UserSet } from '../user-sets.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    alignItems: 'start',
    gap: tokens.spacingHorizontalS,
  },
  control: { minWidth: 0, width: '100%' },
  field: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', minWidth: 0 },
  reset: { minWidth: 0, paddingInline: 0, fontWeight: tokens.fontWeightRegular },
  option: { whiteSpace: 'normal' },
  /** A long target-set title: two lines in the field, the whole title in the list and tooltip. */
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
});

export interface ContextFormProps {
  readonly t: Messages;
  readonly locale: Locale;
  readonly fields: Fields;
  /** The sets the user added: listed after the built-ins, each with where it came from. */
  readonly userSets?: readonly UserSet[];
  readonly sources: Readonly<Partial<Record<FieldName, FieldSource>>>;
  readonly needs: readonly FieldName[];
  /** The fields the user set by hand: each gets a control that gives it back to detection. */
  readonly chosen: readonly FieldName[];
  readonly disabled: boolean;
  readonly focus?: { readonly field: FieldName; readonly seq: number };
  readonly onChange: (field: FieldName, value: string | Quarter | undefined) => void;
  /** The user gives a field back to detection ("Tự nhận biết"). */
  readonly onReset: (field: FieldName) => void;
}

/** What the sheet is checked against: pre-filled from detection, editable. */
export function ContextForm(props: ContextFormProps) {
  const { t, locale, fields, sources, needs, chosen, disabled, focus, onChange, onReset } = props;
  const styles = useStyles();
  const refs = {
    targetSet: useRef<HTMLButtonElement>(null),
    level: useRef<HTMLButtonElement>(null),
    unitName: useRef<HTMLInputElement>(null),
    quarter: useRef<HTMLButtonElement>(null),
  };

  // Move focus to the field the engine could not work out, once per request.
  const focusField = focus?.field;
  const focusSeq = focus?.seq;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refs are stable; seq marks a new request
  useEffect(() => {
    if (focusField) refs[focusField].current?.focus();
  }, [focusField, focusSeq]);

  const userSets = props.userSets ?? [];
  const sets = targetSetOptions(userSets);
  const currentSet = sets.find((s) => s.set.id === fields.targetSetId)?.set;
  const levels = levelOptions(fields.targetSetId, locale, setLookup(userSets));
  const currentLevel = levels.find((l) => l.id === fields.level);
  const setTitle = currentSet ? targetSetTitle(currentSet, locale) : '';

  const fieldProps = (name: FieldName) => {
    const needed = needs.includes(name);
    const source = sources[name];
    return {
      label: t.fields[name],
      ...(needed
        ? { validationState: 'warning' as const, validationMessage: t.fieldNeeded }
        : source
          ? { hint: t.sourceHint(source) }
          : {}),
    };
  };

  /** A field, and under it, when the user set it by hand, the control that undoes that. */
  const withReset = (name: FieldName, field: ReactElement) => (
    <div className={styles.field}>
      {field}
      {chosen.includes(name) ? (
        <Button
          appearance="transparent"
          size="small"
          className={styles.reset}
          icon={<ArrowUndoRegular />}
          disabled={disabled}
          aria-label={t.resetFieldLabel(t.fields[name])}
          data-reset={name}
          onClick={() => onReset(name)}
        >
          {t.resetField}
        </Button>
      ) : null}
    </div>
  );

  return (
    <fieldset className={styles.root} disabled={disabled}>
      <legend className={styles.legend}>{t.contextHeading}</legend>
      {withReset(
        'targetSet',
        <Field {...fieldProps('targetSet')}>
          <Dropdown
            ref={refs.targetSet}
            className={styles.control}
            placeholder={t.detectPlaceholder}
            value={setTitle}
            selectedOptions={currentSet ? [currentSet.id] : []}
            {...(currentSet
              ? {
                  button: {
                    title: setTitle,
                    children: <span className={styles.clamp}>{setTitle}</span>,
                  },
                }
              : {})}
            disabled={disabled}
            onOptionSelect={(_, data) => onChange('targetSet', data.optionValue)}
          >
            {sets.map(({ set, origin }) => {
              const text = `${targetSetTitle(set, locale)} (${originText(origin, t)})`;
              return (
                <Option key={set.id} value={set.id} text={text} className={styles.option}>
                  {text}
                </Option>
              );
            })}
          </Dropdown>
        </Field>,
      )}
      {withReset(
        'unitName',
        <Field {...fieldProps('unitName')}>
          <Input
            ref={refs.unitName}
            className={styles.control}
            placeholder={t.unitPlaceholder}
            value={fields.unitName}
            disabled={disabled}
            onChange={(_, data) => onChange('unitName', data.value)}
          />
        </Field>,
      )}
      <div className={styles.row}>
        {withReset(
          'level',
          <Field {...fieldProps('level')}>
            <Dropdown
              ref={refs.level}
              className={styles.control}
              placeholder={t.detectPlaceholder}
              value={currentLevel?.name ?? ''}
              selectedOptions={currentLevel ? [currentLevel.id] : []}
              disabled={disabled}
              onOptionSelect={(_, data) => onChange('level', data.optionValue)}
            >
              {levels.map((level) => (
                <Option key={level.id} value={level.id} className={styles.option}>
                  {level.name}
                </Option>
              ))}
            </Dropdown>
          </Field>,
        )}
        {withReset(
          'quarter',
          <Field {...fieldProps('quarter')}>
            <Dropdown
              ref={refs.quarter}
              className={styles.control}
              placeholder="—"
              value={fields.quarter ? quarterName(fields.quarter, t.locale) : ''}
              selectedOptions={fields.quarter ? [String(fields.quarter)] : []}
              disabled={disabled}
              onOptionSelect={(_, data) =>
                onChange(
                  'quarter',
                  data.optionValue ? (Number(data.optionValue) as Quarter) : undefined,
                )
              }
            >
              {QUARTERS.map((q) => (
                <Option key={q} value={String(q)}>
                  {quarterName(q, t.locale)}
                </Option>
              ))}
            </Dropdown>
          </Field>,
        )}
      </div>
    </fieldset>
  );
}
