import { countByStatus, type Locale, quarterName } from '@chitieu/engine';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  DocumentTableRegular,
  EraserRegular,
  TableAddRegular,
  TaskListLtrRegular,
} from '@fluentui/react-icons';
import { type ReactElement, useEffect, useMemo } from 'react';
import { ContextForm } from './components/ContextForm.js';
import { FindingList } from './components/FindingList.js';
import { Header } from './components/Header.js';
import { NearMissField } from './components/NearMissField.js';
import { SheetNotices } from './components/SheetNotices.js';
import { Summary } from './components/Summary.js';
import { useSectionStyles } from './components/section-styles.js';
import { TargetSetReview, TargetSetSources } from './components/TargetSetSources.js';
import { WorkbookResults } from './components/WorkbookResults.js';
import { type PaneController, paneSets } from './controller.js';
import { messagesFor } from './i18n.js';
import { rememberLocale } from './locale.js';
import { groupFindings } from './model.js';
import { describeNotice } from './notices.js';
import { usePaneState } from './usePane.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    color: tokens.colorNeutralForeground1,
  },
  banner: {
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteYellowBorder2}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  actions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actionRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  options: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingBlockStart: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    paddingInlineStart: tokens.spacingHorizontalXXL,
  },
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  noticeTitle: { display: 'block' },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

export interface AppProps {
  readonly controller: PaneController;
  /** The offline preview shows a banner so nobody mistakes it for Excel. */
  readonly preview?: boolean;
}

/** The task pane: context, actions, messages, summary and findings. */
export function App({ controller, preview = false }: AppProps) {
  const styles = { ...useStyles(), ...useSectionStyles() };
  const state = usePaneState(controller);
  const { locale, phase, result, workbook } = state;
  const notesSupported = controller.host.capabilities.notes;
  const t = messagesFor(locale);
  const busy = phase !== 'idle';

  useEffect(() => {
    rememberLocale(locale);
  }, [locale]);

  const checked = result?.status === 'checked' ? result : undefined;
  const counts = useMemo(() => (checked ? countByStatus(checked.findings) : undefined), [checked]);
  const grouped = useMemo(
    () => (checked ? groupFindings(checked, locale, t, state.showAll) : undefined),
    [checked, locale, t, state.showAll],
  );
  const busyText = {
    checking: t.checking,
    'checking-all': t.checking,
    clearing: t.clearing,
    starting: t.starting,
    reporting: t.reporting,
    inserting: t.inserting,
    'reading-set': t.userSets.reading,
    idle: state.updating ? t.updating : '',
  }[phase];
  /** One action's button: its spinner while the action runs; every button waits while one does. */
  const action = (
    p: typeof phase,
    icon: ReactElement,
    label: string,
    run: () => Promise<void>,
    primary = false,
  ) => (
    <Button
      {...(primary ? { appearance: 'primary' as const } : {})}
      icon={phase === p ? <Spinner size="extra-tiny" /> : icon}
      disabledFocusable={busy}
      onClick={() => void run()}
    >
      {label}
    </Button>
  );

  return (
    <main className={styles.root}>
      <Header t={t} locale={locale} onLocaleChange={(next: Locale) => controller.setLocale(next)} />
      {preview ? <div className={styles.banner}>{t.previewBanner}</div> : null}
      <div className={styles.body}>
        <ContextForm
          t={t}
          locale={locale}
          fields={state.fields}
          userSets={paneSets(state)}
          sources={state.sources}
          needs={state.needs}
          chosen={state.chosen}
          disabled={busy}
          {...(state.focus ? { focus: state.focus } : {})}
          onChange={(field, value) => controller.setField(field, value)}
          onReset={(field) => controller.resetField(field)}
        />
        <TargetSetSources
          t={t}
          disabled={busy}
          reading={phase === 'reading-set'}
          onReadSheet={() => void controller.readTargetSetFromSheet()}
          onFile={(name, text) =>
            text === undefined
              ? controller.fileUnreadable(name)
              : void controller.addTargetSetFromJson(text, name)
          }
        />
        {state.review ? (
          <TargetSetReview
            t={t}
            locale={locale}
            review={state.review}
            disabled={busy}
            onAccept={() => void controller.acceptReview()}
            onCancel={() => controller.cancelReview()}
          />
        ) : null}

        <div className={styles.actions}>
          <div className={styles.actionRow}>
            {action(
              'checking',
              <CheckmarkCircleRegular />,
              t.check,
              () => controller.check(),
              true,
            )}
            {action('checking-all', <TaskListLtrRegular />, t.checkAll, () =>
              controller.checkAll(),
            )}
          </div>
          <div className={styles.actionRow}>
            {action('reporting', <DocumentTableRegular />, t.createReport, () =>
              controller.createReport(),
            )}
            {action('inserting', <TableAddRegular />, t.insertTemplate, () =>
              controller.insertTemplate(),
            )}
            {action('clearing', <EraserRegular />, t.clearMarks, () => controller.clearMarks())}
          </div>
        </div>
        <div role="status" className={busyText ? undefined : styles.visuallyHidden}>
          {busyText ? <Spinner size="tiny" label={busyText} labelPosition="after" /> : null}
        </div>

        {state.notices.length > 0 ? (
          <div className={styles.notices}>
            {state.notices.map((notice) => {
              const view = describeNotice(notice, t);
              return (
                <MessageBar key={notice.kind} intent={view.intent} layout="multiline">
                  <MessageBarBody>
                    {view.title ? (
                      <MessageBarTitle className={styles.noticeTitle}>{view.title}</MessageBarTitle>
                    ) : null}
                    {view.body}
                  </MessageBarBody>
                </MessageBar>
              );
            })}
          </div>
        ) : !result && !workbook && !busy ? (
          <Text className={styles.muted}>{t.idleHint}</Text>
        ) : null}

        {result && result.status !== 'checked' ? (
          <SheetNotices t={t} locale={locale} result={result} />
        ) : null}

        {checked && counts && grouped ? (
          <>
            <section className={styles.section} aria-labelledby="summary-heading">
              <h2 id="summary-heading" className={styles.heading}>
                {t.summaryHeading(
                  checked.sheet ?? state.sheet ?? '',
                  checked.context.quarter
                    ? quarterName(checked.context.quarter, t.locale)
                    : undefined,
                )}
              </h2>
              <Summary t={t} counts={counts} />
              <SheetNotices t={t} locale={locale} result={checked} />
            </section>
            <section className={styles.section} aria-labelledby="findings-heading">
              <h2 id="findings-heading" className={styles.heading}>
                {t.findingsHeading}
              </h2>
              <Switch
                label={t.showAll}
                checked={state.showAll}
                onChange={(_, data) => controller.setShowAll(data.checked)}
              />
              {grouped.groups.length === 0 ? (
                <Text className={styles.muted}>{t.nothingToFix}</Text>
              ) : null}
              <FindingList
                t={t}
                groups={grouped.groups}
                targetSet={checked.targetSet}
                onSelect={(f) => void controller.selectFinding(f)}
              />
              {grouped.hidden > 0 ? (
                <Text size={200} className={styles.muted}>
                  {t.hiddenCount(grouped.hidden)}
                </Text>
              ) : null}
            </section>
          </>
        ) : null}

        {workbook ? (
          <WorkbookResults
            t={t}
            locale={locale}
            workbook={workbook}
            showAll={state.showAll}
            onSelect={(f, sheet) => void controller.selectFinding(f, sheet)}
            onShowAll={(showAll) => controller.setShowAll(showAll)}
          />
        ) : null}

        <section className={styles.options} aria-labelledby="options-heading">
          <h2 id="options-heading" className={styles.heading}>
            {t.optionsHeading}
          </h2>
          <Switch
            label={t.notesOption}
            checked={notesSupported && state.notes}
            disabled={!notesSupported}
            onChange={(_, data) => controller.setNotes(data.checked)}
          />
          {notesSupported ? null : <Text className={styles.hint}>{t.notesUnsupported}</Text>}
          <Switch
            label={t.includeHiddenOption}
            checked={state.includeHidden}
            onChange={(_, data) => controller.setIncludeHidden(data.checked)}
          />
          <NearMissField
            t={t}
            locale={locale}
            value={state.nearMissBand}
            disabled={busy}
            onChange={(band) => controller.setNearMissBand(band)}
          />
        </section>
      </div>
    </main>
  );
}
