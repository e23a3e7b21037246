/**
 * Checks used by Settings → Connections before saving (docs/DESIGN.md "History import and the inbox"):
 * one request each, errors mapped like the importers' (`ImportError`), nothing thrown for an API answer.
 * - GitHub: `GET {apiBase}/user` with `Authorization: Bearer TOKEN` (sent to `apiBase` only): the
 *   token's login, so the user does not type it;
 * - Jira: `GET {origin}/rest/api/2/myself` with the site's session (`credentials: 'include'`): who is
 *   signed in, or "sign in to SITE in a tab" when the site answers its login page.
 */
import { GITHUB_API, GithubUser, type ImportError } from '../../shared/import';
import * as z from 'zod/mini';
import { abortableSleep, getJson, githubErrorOf, type RunDeps } from './http';
import type { ImportDeps } from './index';

/** The answer of a check: who the credentials belong to, or why they do not work. */
export type ConnectionCheck = { ok: true; login: string; name?: string } | { ok: false; error: ImportError };

const runDeps = (deps: ImportDeps): RunDeps => ({
  fetch: deps.fetch ?? globalThis.fetch.bind(globalThis),
  now: deps.now ?? (() => new Date()),
  // A check never waits out a rate limit: it reports it.
  sleep: deps.sleep ?? abortableSleep(deps.signal),
  ...(deps.signal ? { signal: deps.signal } : {}),
});

/**
 * Checks a GitHub token: `{ ok: true, login, name? }` from `GET {apiBase}/user` (default
 * `https://api.github.com`; Enterprise `https://HOST/api/v3`), else `{ ok: false, error }`
 * (`unauthorized` for a bad or revoked token, `forbidden`, `sso_required`, `network`, `rate_limited`…).
 */
export async function checkGithubToken(
  input: { token: string; apiBase?: string },
  deps: ImportDeps = {},
): Promise<ConnectionCheck> {
  const apiBase = (input.apiBase ?? GITHUB_API).replace(/\/+$/, '');
  const got = await getJson(runDeps(deps), { requests: 0, waitedMs: 0 }, `${apiBase}/user`, {
    headers: {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      Authorization: `Bearer ${input.token}`,
    },
    errorOf: githubErrorOf,
    rateLimits: true,
  });
  if (got.kind === 'error') return { ok: false, error: { source: 'github', ...got.error } };
  if (got.kind === 'stop')
    return {
      ok: false,
      error: {
        source: 'github',
        code: got.reason === 'aborted' ? 'network' : 'rate_limited',
        message: 'GitHub asked to wait; try again later.',
      },
    };
  const user = GithubUser.safeParse(got.body);
  if (!user.success)
    return {
      ok: false,
      error: { source: 'github', code: 'unknown', message: 'GitHub answered an unexpected user object.' },
    };
  return { ok: true, login: user.data.login, ...(user.data.name ? { name: user.data.name } : {}) };
}

/** `GET /rest/api/2/myself` (Cloud and Server/DC): only the names are read. */
const JiraMyself = z.looseObject({
  displayName: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  accountId: z.optional(z.string()),
});

/**
 * Checks the Jira session of `origin`: `{ ok: true, login (account id or user name), name }`, else
 * `{ ok: false, error }` (`not_json` with "sign in to SITE in a tab" for a login page, `unauthorized` for 401).
 */
export async function checkJiraSession(origin: string, deps: ImportDeps = {}): Promise<ConnectionCheck> {
  const site = new URL(origin).host;
  const got = await getJson(
    runDeps(deps),
    { requests: 0, waitedMs: 0 },
    `${origin.replace(/\/+$/, '')}/rest/api/2/myself`,
    {
      headers: { Accept: 'application/json' },
      credentials: 'include',
      errorOf: (status) =>
        status === 401
          ? { code: 'unauthorized', message: `Jira answered 401: sign in to ${site} in a tab.` }
          : { code: 'unknown', message: `Jira answered ${status}.` },
    },
  );
  if (got.kind === 'error')
    return {
      ok: false,
      error: {
        source: 'jira',
        ...got.error,
        ...(got.error.code === 'not_json'
          ? { message: `Jira answered a web page instead of JSON: sign in to ${site} in a tab.` }
          : {}),
      },
    };
  if (got.kind === 'stop')
    return { ok: false, error: { source: 'jira', code: 'network', message: 'The check was stopped.' } };
  const me = JiraMyself.safeParse(got.body);
  if (!me.success)
    return {
      ok: false,
      error: { source: 'jira', code: 'unknown', message: 'Jira answered an unexpected user object.' },
    };
  return { ok: true, login: me.data.accountId ?? me.data.name ?? me.data.displayName, name: me.data.displayName };
}
