import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Unit tests of shared/ and extension/ (not the extractors' golden tests): Node
 * environment, WXT's in-memory fake `browser`, IndexedDB from fake-indexeddb.
 */
export default defineConfig({
  root,
  plugins: [WxtVitest({ root })],
  test: {
    name: 'unit',
    root,
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
  },
});
