/** Vite build of the lab: an offline-capable, cross-origin isolated page with an ES module worker. */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Headers that make the page cross-origin isolated, so SharedArrayBuffer is available. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The Content-Security-Policy of index.html's meta tag (one source), plus what only a header can say. */
export const CONTENT_SECURITY_POLICY = `${cspOfPage(readFileSync(new URL('./index.html', import.meta.url), 'utf8'))}; frame-ancestors 'none'`;

/** The policy a page states in its `<meta http-equiv="Content-Security-Policy">`. */
function cspOfPage(page: string): string {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta tag');
  return policy;
}

export default defineConfig({
  // A module worker with top-level await needs ES output; the default iife breaks it.
  worker: { format: 'es' },
  // Never inline the kernel .wasm as a data: URL: the CSP's connect-src allows only this origin.
  build: { target: 'es2022', assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined) },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  plugins: [
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // A registerSW.js file, never an inline script (the CSP refuses inline scripts).
      injectRegister: 'script',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Storage Lab',
        short_name: 'Storage Lab',
        description: 'See how a storage array copies a virtual disk while it stays online.',
        theme_color: '#1f3a5f',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The kernel .wasm and the worker chunk must be precached for the lab to work offline.
        globPatterns: ['**/*.{html,js,css,svg,png,wasm,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Take over the first visit's page too, so its later fetches (worker, wasm) are cached.
        clientsClaim: true,
        // A new version activates as soon as it is installed, so the next load of the page runs it.
        // (The plugin sets this itself only when it injects the registration; here registerSW.js does.)
        skipWaiting: true,
      },
    }),
  ],
});
