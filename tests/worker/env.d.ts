/** Test-only bindings added in tests/worker/vitest.config.ts. */
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      /** The migrations in worker/migrations, read by readD1Migrations. */
      TEST_MIGRATIONS: D1Migration[];
      /** package.json's version, to check GET /health against. */
      PACKAGE_VERSION: string;
      /** Recorded API responses in tests/fixtures/github and tests/fixtures/jira, by file name (their text). */
      WORKER_FIXTURES: Record<string, string>;
    }
  }
}
