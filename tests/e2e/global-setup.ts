/**
 * Builds the e2e variant of the extension against a fresh local worker on a
 * port of its own (so `npm start` can keep running) and stops the worker after.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension, migrateLocal, ROOT, startLocalWorker, type LocalWorker } from '../../scripts/lib/env';

declare module 'vitest' {
  export interface ProvidedContext {
    server: string;
    extensionDir: string;
    outDir: string;
  }
}

let worker: LocalWorker | undefined;

export async function setup(project: TestProject): Promise<void> {
  const port = Number(process.env.CASEBOOK_E2E_PORT ?? 8799);
  const server = `http://127.0.0.1:${port}`;
  const outDir = resolve(ROOT, '.output/e2e');
  const persistTo = resolve(ROOT, '.wrangler/e2e-state');
  rmSync(persistTo, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  migrateLocal({ persistTo });
  const extensionDir = buildExtension({ server, outDir: '.output/e2e-build', e2e: true });
  worker = await startLocalWorker({ port, persistTo, environment: 'development' });
  project.provide('server', server);
  project.provide('extensionDir', extensionDir);
  project.provide('outDir', outDir);
}

export async function teardown(): Promise<void> {
  await worker?.stop();
}
