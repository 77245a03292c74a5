import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders the pane (or an error view) inside Fluent's provider, replacing the loading text. */
export function mount(element: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('The task pane page has no #root element.');
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100vh' }}>
      {element}
    </FluentProvider>,
  );
}
