import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Unit tests of shared/ and extension/ (not the extractors' golden tests): Node
 * environment, WXT's in-memory fake `browser`, IndexedDB from fake-indexeddb.
 * React component tests (`tests/unit/components/*.test.tsx`) switch to happy-dom
 * with a `@vitest-environment happy-dom` comment and use Testing Library.
 */
export default defineConfig({
  root,
  plugins: [WxtVitest({ root })],
  test: {
    // Correctness tests, not timings: a loaded machine must not fail them (speed is `npm run bench`).
    testTimeout: 30_000,
    name: 'unit',
    root,
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
  },
});
