/**
 * The repository's wrangler.toml as is (no `--var ENVIRONMENT`), served by a
 * real `wrangler dev` in its own process group on port 8813: development
 * routes are off (the dev outbox would show every sign-in code) and, with no
 * mailer configured, sign-in refuses to send codes (503 `mail_unavailable`)
 * and says why in the log, instead of storing them in a readable table.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLocal, startLocalWorker, type LocalWorker } from '../../scripts/lib/env';

/** Port of this test's own worker (not CASEBOOK_E2E_PORT: that one runs in development). */
const PORT = 8813;

let worker: LocalWorker;
const persistTo = resolve(tmpdir(), `casebook-plain-config-${process.pid}`);

beforeAll(async () => {
  rmSync(persistTo, { recursive: true, force: true });
  migrateLocal({ persistTo });
  worker = await startLocalWorker({ port: PORT, persistTo, environment: null });
});

afterAll(async () => {
  await worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('wrangler dev from the plain repository config', () => {
  it('serves the API but answers 404 for /dev/outbox.json, /dev/outbox and /dev/bench', async () => {
    expect((await fetch(`${worker.url}/health`)).status).toBe(200);
    const outbox = await fetch(`${worker.url}/dev/outbox.json`);
    expect(outbox.status).toBe(404);
    expect(((await outbox.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetch(`${worker.url}/dev/outbox`)).status).toBe(404);
    const bench = await fetch(`${worker.url}/dev/bench/d1-insert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [] }),
    });
    expect(bench.status).toBe(404);
  });

  it('refuses to send sign-in codes without a mailer: 503 mail_unavailable and a clear log line', async () => {
    const res = await fetch(`${worker.url}/api/v1/auth/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'plain@example.com' }),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('mail_unavailable');
    await expect.poll(() => worker.log(), { timeout: 10_000 }).toMatch(/mail unavailable: no mailer configured/);
  });
});
