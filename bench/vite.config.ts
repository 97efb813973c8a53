/**
 * Vite build of the benchmark pages: the lab's page plus bench/layout.html and bench/suite.html, with
 * the main config's isolation headers and worker format, and without its service worker (a
 * benchmark must not be served stale files). Used by scripts/bench-browser.ts, or
 * `npx vite build --config bench/vite.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import main, { ISOLATION_HEADERS } from '../vite.config.ts';

/** The project root (the config lives in bench/). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export default defineConfig({
  root: ROOT,
  worker: { ...main.worker },
  build: {
    ...main.build,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('../index.html', import.meta.url)),
        layout: fileURLToPath(new URL('./layout.html', import.meta.url)),
        suite: fileURLToPath(new URL('./suite.html', import.meta.url)),
      },
    },
  },
  server: { ...main.server, headers: { ...ISOLATION_HEADERS } },
  preview: { ...main.preview, headers: { ...ISOLATION_HEADERS } },
});
