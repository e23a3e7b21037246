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
    /** Port of the local fake GitHub the build's history import points at (tests/e2e/inbox.test.ts starts it). */
    fakeGithubPort: number;
    /** Port of the local fake Jira site (granted up front; the import reads it through a tab). */
    fakeJiraPort: number;
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
  const fakeGithubPort = Number(process.env.CASEBOOK_FAKE_GITHUB_PORT ?? 8850);
  const fakeJiraPort = Number(process.env.CASEBOOK_FAKE_JIRA_PORT ?? 8851);
  const extensionDir = buildExtension({
    server,
    outDir: '.output/e2e-build',
    e2e: true,
    githubApi: `http://127.0.0.1:${fakeGithubPort}`,
    extraHosts: [`http://127.0.0.1:${fakeJiraPort}`],
  });
  worker = await startLocalWorker({ port, persistTo, environment: 'development' });
  project.provide('server', server);
  project.provide('extensionDir', extensionDir);
  project.provide('outDir', outDir);
  project.provide('fakeGithubPort', fakeGithubPort);
  project.provide('fakeJiraPort', fakeJiraPort);
}

export async function teardown(): Promise<void> {
  await worker?.stop();
}
