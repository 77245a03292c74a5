import type { Locale, SheetCheck } from '@chitieu/engine';
import { makeStyles, tokens } from '@fluentui/react-components';
import { InfoRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { Messages } from '../i18n.js';
import { sheetNoticeTexts } from '../notices.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: 'anywhere',
  },
  icon: { flexShrink: 0, marginBlockStart: '2px', color: tokens.colorBrandForeground1 },
});

export interface SheetNoticesProps {
  readonly t: Messages;
  readonly locale: Locale;
  readonly result: SheetCheck;
}

/**
 * What the check tells once for the sheet (its notices), beside its summary: every notice the
 * engine gives, in the engine's words, in the pane's language. Nothing when there is none.
 */
export function SheetNotices({ t, locale, result }: SheetNoticesProps) {
  const styles = useStyles();
  const items = useMemo(() => {
    const texts = sheetNoticeTexts(result, locale);
    return result.notices.map((notice, i) => ({
      code: notice.code,
      text: texts[i] ?? '',
      key: JSON.stringify(notice),
    }));
  }, [result, locale]);
  if (items.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={t.sheetNoticesLabel} data-sheet-notices="">
      {items.map((item) => (
        <li key={item.key} className={styles.item} data-notice={item.code}>
          <InfoRegular className={styles.icon} aria-hidden="true" />
          <span>{item.text}</span>
        </li>
      ))}
    </ul>
  );
}
