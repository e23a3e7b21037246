/**
 * One history import from the panel: reads the stored connection, runs
 * `importHistory` (extension/importers) with progress and cancel, stores the
 * candidates in the inbox and records the run (counts, errors, resume cursor).
 * GitHub requests go straight to the API base with the token; Jira requests
 * run inside an open tab of the site (./site-tab.ts).
 */
import { importHistory } from '../importers/index';
import type { ImportRequestInput, ImportResult } from '../../shared/import';
import { addCandidates } from '../db/candidates';
import { finishImportRun, startImportRun } from '../db/import-runs';
import type { ImportRun } from '../db/index';
import { getGithubConnection, getJiraConnection } from './store';
import { findSiteTab, tabFetch } from './site-tab';

/** Why an import could not start: nothing connected, or no open tab of the Jira site. */
export class ImportNotReadyError extends Error {
  override readonly name = 'ImportNotReadyError';
  constructor(
    readonly reason: 'not-connected' | 'no-tab',
    message: string,
    /** For `no-tab`: the site to open. */
    readonly origin?: string,
  ) {
    super(message);
  }
}

/** What one run needs: the source, the range (`YYYY-MM-DD`, inclusive), an optional resume cursor. */
export interface RunImportOptions {
  source: 'github' | 'jira';
  from: string;
  to: string;
  resume?: string;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total?: number; phase: string }) => void;
}

/** Injectable parts (tests): the importer, and the clock in ms. */
export interface RunImportDeps {
  importHistory: typeof importHistory;
  now: () => number;
  fetch?: typeof fetch;
}

/**
 * Runs one import and stores what it found.
 * @returns the finished run (complete, or incomplete with a resume cursor after Cancel or a long rate limit).
 * @throws ImportNotReadyError before anything is recorded when the source is not connected or no Jira tab is open.
 */
export async function runImport(opts: RunImportOptions, partial?: Partial<RunImportDeps>): Promise<ImportRun> {
  const d: RunImportDeps = { importHistory, now: () => Date.now(), ...partial };
  let request: ImportRequestInput;
  let fetchFn = d.fetch;
  if (opts.source === 'github') {
    const c = await getGithubConnection();
    if (!c) throw new ImportNotReadyError('not-connected', 'Connect GitHub in Account → Connections first.');
    request = { source: 'github', login: c.login, token: c.token, apiBase: c.apiBase, from: opts.from, to: opts.to };
  } else {
    const c = await getJiraConnection();
    if (!c) throw new ImportNotReadyError('not-connected', 'Set your Jira site in Account → Connections first.');
    const tabId = await findSiteTab(c.origin);
    if (tabId === null)
      throw new ImportNotReadyError(
        'no-tab',
        `No tab of ${new URL(c.origin).host} is open. Open it, log in, then import again.`,
        c.origin,
      );
    fetchFn ??= tabFetch(tabId, c.origin);
    request = { source: 'jira', origin: c.origin, from: opts.from, to: opts.to };
  }
  if (opts.resume) request = { ...request, resume: opts.resume };

  const run = await startImportRun({ source: opts.source, from: opts.from, to: opts.to }, d.now());
  let result: ImportResult;
  try {
    result = await d.importHistory(request, {
      ...(fetchFn ? { fetch: fetchFn } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  } catch (err) {
    // A request the importer refused (bad dates or login): recorded, nothing imported.
    const message = err instanceof Error ? err.message : String(err);
    return (await finishImportRun(
      run.id,
      {
        complete: false,
        counts: run.counts,
        errors: [{ source: opts.source, code: 'invalid_query', message, fix: 'Check the dates and the connection.' }],
      },
      d.now(),
    ))!;
  }
  const stored = await addCandidates(result.candidates, run.id, { now: d.now });
  return (await finishImportRun(
    run.id,
    {
      complete: result.complete,
      ...(result.resume ? { resume: result.resume } : {}),
      counts: {
        found: result.candidates.length,
        added: stored.added,
        known: stored.known,
        skipped: result.skipped + stored.skipped,
        requests: result.requests,
      },
      errors: result.errors,
    },
    d.now(),
  ))!;
}
