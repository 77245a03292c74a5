/**
 * Two pages: index.html, the task pane Excel loads (Office.js from Microsoft's CDN), and
 * preview.html, the offline preview over a bundled example workbook. Relative base so dist/
 * can be hosted under any path. The dev server uses the office-addin-dev-certs certificate
 * (`pnpm certs`) when it is installed, and plain http otherwise, so `pnpm dev` never fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const PORT = 3000;

/** The certificate office-addin-dev-certs installs, if it is there. */
function devCertificate(): { cert: Buffer; key: Buffer } | undefined {
  const dir = join(homedir(), '.office-addin-dev-certs');
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  try {
    return { cert: readFileSync(cert), key: readFileSync(key) };
  } catch {
    return undefined;
  }
}

export default defineConfig(({ command }) => {
  const https = command === 'serve' ? devCertificate() : undefined;
  if (command === 'serve' && !https) {
    console.warn(
      'Chỉ Tiêu: no office-addin-dev-certs certificate, so serving plain http. preview.html works; ' +
        'Excel needs https: run `pnpm --filter @chitieu/excel-addin certs` once, then restart.',
    );
  }
  const server = { port: PORT, strictPort: true, ...(https ? { https } : {}) };
  return {
    base: './',
    plugins: [react()],
    server,
    preview: server,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The budget is the gzip size of what index.html loads, enforced by scripts/bundle-size.mjs.
      chunkSizeWarningLimit: 1024,
      rolldownOptions: {
        input: {
          taskpane: resolve(here, 'index.html'),
          preview: resolve(here, 'preview.html'),
        },
      },
    },
  };
});
