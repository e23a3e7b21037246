/**
 * Checks a GitHub token with one request before it is saved:
 * `GET {apiBase}/user` (REST, `Authorization: Bearer`), which also gives the
 * login the import searches for, so the user never types it. The token is sent
 * only to `apiBase` and never appears in a message or a log.
 */
import { GithubUser } from '../../shared/import';

/** Outcome of a token check: the login, or a problem with what to fix. */
export type TokenCheck = { ok: true; login: string } | { ok: false; message: string; fix: string };

/** The fine-grained permissions the import needs, as GitHub's token page names them. */
export const GITHUB_PERMISSIONS = ['Pull requests: Read-only', 'Metadata: Read-only'] as const;

/**
 * Asks `{apiBase}/user` who `token` belongs to.
 * - 200 with a user: `{ ok: true, login }`;
 * - 401: expired or revoked; 403 with `x-github-sso`: SAML SSO not authorised;
 *   other 403: missing permissions (from `x-accepted-github-permissions` when sent);
 * - no answer, or an answer that is not GitHub's JSON: says so.
 * Never throws.
 */
export async function checkGithubToken(
  token: string,
  apiBase: string,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<TokenCheck> {
  const host = new URL(apiBase).host;
  let res: Response;
  try {
    res = await fetchFn(`${apiBase}/user`, {
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
      credentials: 'omit',
    });
  } catch {
    return { ok: false, message: `Could not reach ${host}.`, fix: 'Check the address and your connection.' };
  }
  if (res.status === 401)
    return {
      ok: false,
      message: 'GitHub says this token is expired or revoked.',
      fix: 'Create a new fine-grained token and paste it here.',
    };
  if (res.status === 403) {
    const sso = res.headers.get('x-github-sso');
    if (sso)
      return {
        ok: false,
        message: 'An organisation enforces SAML single sign-on and this token is not authorised for it.',
        fix: 'On GitHub, open the token and choose "Configure SSO", then authorise it for the organisation.',
      };
    const wanted = res.headers.get('x-accepted-github-permissions');
    return {
      ok: false,
      message: 'GitHub refused this token (missing permissions).',
      fix: wanted
        ? `Give the token these permissions: ${wanted}.`
        : `Give the token read-only access: ${GITHUB_PERMISSIONS.join(', ')}.`,
    };
  }
  if (!res.ok) return { ok: false, message: `${host} answered ${res.status}.`, fix: 'Try again in a minute.' };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return {
      ok: false,
      message: `${host} did not answer like the GitHub API.`,
      fix: 'For GitHub Enterprise, enter the server address (https://github.example.com).',
    };
  }
  const user = GithubUser.safeParse(body);
  if (!user.success)
    return {
      ok: false,
      message: `${host} did not answer like the GitHub API.`,
      fix: 'For GitHub Enterprise, enter the server address (https://github.example.com).',
    };
  return { ok: true, login: user.data.login };
}
