import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Worker project: tests run inside workerd with the bindings of wrangler.toml
 * (local D1, local Queue). D1 starts empty per test file; setup.ts applies
 * the migrations. The queue consumer waits 50 ms instead of 5 s per batch.
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(here('../../worker/migrations'));
  const pkg = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { version: string };
  // Real recorded API responses (tests/fixtures/{github,jira}, provenance in tests/fixtures/SOURCES.md)
  // as a binding: file name -> text.
  const fixtures = Object.fromEntries(
    ['github', 'jira'].flatMap((area) => {
      const dir = here(`../fixtures/${area}/`);
      return readdirSync(dir)
        .filter((name) => name.endsWith('.json') && !name.endsWith('.page.json'))
        .map((name) => [name, readFileSync(dir + name, 'utf8')] as const);
    }),
  );
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: here('../../wrangler.toml') },
        miniflare: {
          // ENVIRONMENT: development turns on /dev/* and the outbox mailer (wrangler.toml says production).
          bindings: {
            TEST_MIGRATIONS: migrations,
            PACKAGE_VERSION: pkg.version,
            WORKER_FIXTURES: fixtures,
            ENVIRONMENT: 'development',
          },
          queueConsumers: { 'casebook-digests': { maxBatchTimeout: 0.05 } },
        },
      }),
    ],
    test: {
      // Correctness tests, not timings: a loaded machine must not fail them (speed is `npm run bench`).
      testTimeout: 30_000,
      name: 'worker',
      root: here('.'),
      include: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['./setup.ts'],
    },
  };
});
