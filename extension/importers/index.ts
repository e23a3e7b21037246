/**
 * The public entry point of history import (docs/DESIGN.md "History import and the inbox"), a pure
 * function of its inputs like `extractCapture`: fetch, clock, sleep and abort signal are injected.
 * One file per source: ./github.ts (search API + review lists) and ./jira.ts (search/jql or v2
 * search). Every candidate is validated with the `Candidate` schema (a `CaptureDraft` with a
 * canonical URL) and its source's meta schema (`GithubPrMeta`, `JiraMeta`) before it is returned;
 * one that fails is skipped and counted.
 */
import {
  Candidate,
  ImportRequest,
  type ImportError,
  type ImportRequestInput,
  type ImportResult,
} from '../../shared/import';
import { GithubPrMeta, JiraMeta } from '../../shared/schemas';
import { decodeCursor, encodeCursor, type CursorState } from './cursor';
import { githubRequestKey, importGithub, type SourceRun } from './github';
import { abortableSleep, type RunDeps, type RunStats } from './http';
import { importJira, jiraRequestKey } from './jira';

export type { ImportRequest, ImportResult, Candidate } from '../../shared/import';
export { checkGithubToken, checkJiraSession, type ConnectionCheck } from './connection';

/** What `importHistory` may be given instead of the real network, clock and timers. */
export interface ImportDeps {
  /** Default `globalThis.fetch`. GitHub requests carry the token (to `apiBase` only); Jira requests use `credentials: 'include'`. */
  fetch?: typeof fetch;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Waits out a short rate limit (ms, at most 60,000). Default `setTimeout`, ended early by `signal`. */
  sleep?: (ms: number) => Promise<void>;
  /** Aborting stops the run: it answers `complete: false` with a `resume` cursor. */
  signal?: AbortSignal;
  /** Called after each page: candidates found so far, the total when known, and the phase (`github:authored`, `github:reviewed`, `github:reviews`, `jira:assigned`, `jira:reported`). */
  onProgress?: (p: { done: number; total?: number; phase: string }) => void;
}

/**
 * Imports a history of work as inbox candidates.
 * - `request`: `ImportRequest` (see shared/import.ts): GitHub `{ source: 'github', login, token?, apiBase?, from, to, include?, resume? }`
 *   or Jira `{ source: 'jira', origin, from, to, include?, resume? }` (dates `YYYY-MM-DD`, inclusive).
 * - Answers `ImportResult`: `{ candidates, complete, resume?, requests, errors, skipped }`. `complete: false`
 *   with `resume` when the run stopped on a rate limit longer than 60 s or an abort; passing `resume`
 *   back in the same request continues without repeating a candidate. Source errors (401, 403,
 *   SSO, 422, an HTML login page) are in `errors`; the other parts go on.
 * @throws ZodError only when `request` itself is invalid (bad dates, login, origin); a `resume` cursor
 *   that does not belong to the request is reported as an `invalid_query` error instead.
 */
export async function importHistory(request: ImportRequestInput, deps: ImportDeps = {}): Promise<ImportResult> {
  const req = ImportRequest.parse(request);
  const run: RunDeps = {
    fetch: deps.fetch ?? globalThis.fetch.bind(globalThis),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? abortableSleep(deps.signal),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
  };
  const stats: RunStats = { requests: 0, waitedMs: 0 };

  let state: CursorState | undefined;
  if (req.resume) {
    state = decodeCursor(req.resume);
    const key = req.source === 'github' ? githubRequestKey(req) : jiraRequestKey(req);
    if (!state || state.source !== req.source || state.req !== key) {
      const error: ImportError = {
        source: req.source,
        code: 'invalid_query',
        message: 'The resume cursor does not belong to this import (different source, account, site or dates).',
        fix: 'Start the import again without resuming.',
      };
      return { candidates: [], complete: false, requests: 0, errors: [error], skipped: 0 };
    }
  }

  const got: SourceRun =
    req.source === 'github'
      ? await importGithub(req, run, stats, state?.source === 'github' ? state : undefined)
      : await importJira(req, run, stats, state?.source === 'jira' ? state : undefined);

  const candidates: Candidate[] = [];
  let skipped = got.skipped;
  for (const c of got.candidates) {
    const r = Candidate.safeParse(c);
    const meta = r.success ? (r.data.source === 'jira' ? JiraMeta : GithubPrMeta).safeParse(r.data.meta) : undefined;
    if (r.success && meta?.success) candidates.push({ ...r.data, meta: meta.data });
    else skipped++;
  }
  const errors = [...got.errors];
  if (got.stopped) errors.push({ source: req.source, ...got.stopped });
  return {
    candidates,
    complete: !got.resume,
    ...(got.resume ? { resume: encodeCursor(got.resume) } : {}),
    requests: stats.requests,
    errors,
    skipped,
  };
}
