// What the bundle (dist/chitieu.mjs) exports to bin/chitieu.js: see bundle.mjs.
export { textFor } from '../dist/i18n.js';
export { main } from '../dist/main.js';
export { runCheckWorker } from '../dist/pool.js';
