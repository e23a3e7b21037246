import { defineConfig } from 'vitest/config';

/**
 * Extractor project: golden tests of the page extractors on saved HTML (parsed with linkedom in Node),
 * detect() examples, role derivation, the fallback path and the GitHub REST schemas.
 * The clock is frozen at 2026-11-20T12:00:00Z (see ./setup.ts). `UPDATE_FIXTURES=1` rewrites tests/expected/.
 */
export default defineConfig({
  test: {
    // Correctness tests, not timings: a loaded machine must not fail them (speed is `npm run bench`).
    testTimeout: 30_000,
    name: 'extractors',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./setup.ts'],
  },
});
