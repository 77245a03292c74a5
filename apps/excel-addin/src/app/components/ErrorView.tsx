import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Messages } from '../i18n.js';
import { Header } from './Header.js';

const useStyles = makeStyles({
  body: { padding: tokens.spacingHorizontalM },
  title: { display: 'block' },
});

export interface ErrorViewProps {
  readonly t: Messages;
  readonly title: string;
  readonly body: string;
}

/** A whole-pane error in words: never a blank pane. */
export function ErrorView({ t, title, body }: ErrorViewProps) {
  const styles = useStyles();
  return (
    <main>
      <Header t={t} />
      <div className={styles.body}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle className={styles.title}>{title}</MessageBarTitle>
            {body}
          </MessageBarBody>
        </MessageBar>
      </div>
    </main>
  );
}
