import { defineConfig } from 'vitest/config';

// Two kinds of test in one run: fast unit tests (Node, fake-indexeddb, local HTTP) and end-to-end tests in real
// Chromium with the built extension, which run one file at a time because the machine has two cores.
export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        // The overlay's unit tests reach into badges and panels through `host.shadowRoot`: open roots here, as in
        // the e2e build; every real build attaches them closed (extension/build-flags.ts).
        define: { __CASELOAD_TEST_OPEN_SHADOW__: 'true' },
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
