/** Vite build of the lab: an offline-capable, cross-origin isolated page with an ES module worker. */
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Headers that make the page cross-origin isolated, so SharedArrayBuffer is available. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // A module worker with top-level await needs ES output; the default iife breaks it.
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
  plugins: [
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
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
      },
    }),
  ],
});
