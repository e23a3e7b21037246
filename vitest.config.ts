import { defineConfig } from 'vitest/config';

/** One `vitest run` runs every project: unit (shared + extension), worker (workerd), e2e (Chromium). */
export default defineConfig({
  test: {
    projects: [
      './tests/unit/vitest.config.ts',
      './tests/extractors/vitest.config.ts',
      './tests/worker/vitest.config.ts',
      './tests/e2e/vitest.config.ts',
    ],
  },
});
