import { useSyncExternalStore } from 'react';
import type { PaneController, PaneState } from './controller.js';

/** The controller's state, re-rendering on every change. */
export function usePaneState(controller: PaneController): PaneState {
  return useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
}
