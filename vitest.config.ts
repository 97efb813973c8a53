/** Two test projects: fast Node tests, and end-to-end tests of the built page in Chromium. */
import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/support/summary-reporter.ts';

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          // Builds the page once and serves it with `vite preview`; see the file.
          globalSetup: ['test/browser/support/preview-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: two cores, and each test owns a whole browser.
          fileParallelism: false,
        },
      },
    ],
  },
});
