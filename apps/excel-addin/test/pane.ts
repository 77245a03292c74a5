/** What the controller and pane tests share: a started controller, and the pane as read. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { App } from '../src/app/App.js';
import { PaneController, type PaneControllerOptions } from '../src/app/controller.js';
import type { WorkbookHost } from '../src/host/types.js';

/** A started controller over `host`, with short delays so tests need not wait. */
export async function started(
  host: WorkbookHost,
  options: PaneControllerOptions = {},
): Promise<PaneController> {
  const controller = new PaneController(host, { debounceMs: 5, saveDelayMs: 5, ...options });
  await controller.start();
  return controller;
}

/** The pane as drawn now, as the text a reader sees (tags dropped, entities decoded). */
export function shown(controller: PaneController): string {
  return renderToStaticMarkup(createElement(App, { controller }))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
