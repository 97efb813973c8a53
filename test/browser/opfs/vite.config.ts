/**
 * Vite build of the OPFS harness page (test/browser/opfs-store.test.ts builds it into a
 * temporary directory): 'vitest' resolves to vitest-shim.ts, so the contract cases written for
 * vitest run unchanged inside the page's dedicated worker.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The harness folder (the build's root). */
export const HARNESS_ROOT = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  root: HARNESS_ROOT,
  resolve: { alias: { vitest: fileURLToPath(new URL('./vitest-shim.ts', import.meta.url)) } },
  // A module worker with top-level await needs ES output (TOOLCHAIN.md).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { harness: fileURLToPath(new URL('./opfs-harness.html', import.meta.url)) } },
  },
});
