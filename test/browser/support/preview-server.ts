/** Vitest globalSetup of the browser project: build the page once, serve it with `vite preview`, provide its URL. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built lab served by `vite preview`, ending in `/`. */
    labUrl: string;
    /** The directory it is served from (files changed there are served changed at once). */
    labDir: string;
  }
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
// A directory of its own per run, so neither dist/ nor another test run at the same time is disturbed.
const tmpRoot = fileURLToPath(new URL('../../../.tmp/', import.meta.url));

/** Builds the page as `vite build` does: vitest sets NODE_ENV=test, which would select Lit's development build. */
async function buildForProduction(outDir: string): Promise<void> {
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

/** Builds into a fresh .tmp/e2e-* directory, starts the preview server on 127.0.0.1 with a free port, and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await mkdir(tmpRoot, { recursive: true });
  const outDir = await mkdtemp(`${tmpRoot}e2e-`);
  await buildForProduction(outDir);
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview did not report a local URL');
  }
  project.provide('labUrl', url);
  project.provide('labDir', outDir);
  return async () => {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
