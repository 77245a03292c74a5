import type { Locale } from '@chitieu/engine';
import { makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import type { Messages } from '../i18n.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  tagline: { color: tokens.colorNeutralForeground3 },
  language: { flexShrink: 0 },
});

export interface HeaderProps {
  readonly t: Messages;
  readonly locale?: Locale;
  readonly onLocaleChange?: (locale: Locale) => void;
}

/** The pane's name and the language switch. */
export function Header({ t, locale, onLocaleChange }: HeaderProps) {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <div className={styles.titles}>
        <h1 className={styles.title}>{t.appName}</h1>
        <Text size={200} className={styles.tagline}>
          {t.tagline}
        </Text>
      </div>
      {locale && onLocaleChange ? (
        <Switch
          className={styles.language}
          label={t.languageSwitch}
          labelPosition="before"
          checked={locale === 'en'}
          onChange={(_, data) => onLocaleChange(data.checked ? 'en' : 'vi')}
        />
      ) : null}
    </header>
  );
}
