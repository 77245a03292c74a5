import type { Locale } from '@chitieu/engine';
import { Field, Input, makeStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatNearMissBand, MAX_NEAR_MISS_BAND, parseNearMissBand } from '../form.js';
import type { Messages } from '../i18n.js';

const useStyles = makeStyles({ input: { maxWidth: '8em' } });

export interface NearMissFieldProps {
  readonly t: Messages;
  readonly locale: Locale;
  /** The band in force (percentage points). */
  readonly value: number;
  readonly disabled: boolean;
  readonly onChange: (band: number) => void;
}

/**
 * The near-miss band, in percentage points, as the user types it ("0,5" or "0.5"): a band that
 * reads as one is passed on at once; anything else is said under the field and not applied.
 */
export function NearMissField({ t, locale, value, disabled, onChange }: NearMissFieldProps) {
  const styles = useStyles();
  const [text, setText] = useState(() => formatNearMissBand(value, locale));
  // The band changed elsewhere (settings restored) or the language did: show it afresh,
  // unless what is typed already means it.
  useEffect(() => {
    setText((typed) =>
      parseNearMissBand(typed) === value ? typed : formatNearMissBand(value, locale),
    );
  }, [value, locale]);
  const valid = parseNearMissBand(text) !== undefined;
  return (
    <Field
      label={t.nearMissLabel}
      {...(valid
        ? { hint: t.nearMissHint }
        : {
            validationState: 'error' as const,
            validationMessage: t.nearMissInvalid(formatNearMissBand(MAX_NEAR_MISS_BAND, locale)),
          })}
    >
      <Input
        className={styles.input}
        inputMode="decimal"
        value={text}
        disabled={disabled}
        data-near-miss-band=""
        onChange={(_, data) => {
          setText(data.value);
          const band = parseNearMissBand(data.value);
          if (band !== undefined) onChange(band);
        }}
      />
    </Field>
  );
}
