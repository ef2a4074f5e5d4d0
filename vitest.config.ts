import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/long/**'],
    // The CLI tests run bin/masq.js → dist/: rebuilt here when a source is newer than its build.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite instances are large (~700 MB each); two workers keep memory and the 2 cores in balance.
    maxWorkers: 2,
  },
});
