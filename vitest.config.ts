import { defineConfig } from 'vitest/config';

// Three projects: unit tests sit beside the code they test; acceptance tests drive
// the built `skiff` binary with the real kubectl, helm and Docker; ui tests drive the
// dashboard in Chromium against web mode.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'acceptance',
          include: ['test/acceptance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        // The dashboard in Debian's Chromium against web mode, on a real cluster and Docker.
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['test/ui/support/global-setup.ts'],
        },
      },
    ],
  },
});
