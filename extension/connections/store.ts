/**
 * Connections for the history import (docs/DESIGN.md "History import and the
 * inbox"): the GitHub token, its login and API base, and the Jira site.
 *
 * Kept in `browser.storage.local` only: never in the synced settings record,
 * never logged, never handed to a content script (storage.local is limited to
 * trusted contexts by the background: the panel and the background read it, a
 * content script cannot). Values are parsed with their schemas when read; an
 * unreadable value counts as absent.
 */
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { HttpOrigin } from '../../shared/schemas';
import { ApiBase, GITHUB_API } from '../../shared/import';

/** storage.local key of the GitHub connection. */
export const GITHUB_KEY = 'casebook.connections.github';
/** storage.local key of the Jira connection. */
export const JIRA_KEY = 'casebook.connections.jira';

/** The API base of github.com, unless the build points elsewhere (the end-to-end build's local fake). */
export function defaultGithubApiBase(): string {
  return import.meta.env.CASEBOOK_GITHUB_API || GITHUB_API;
}

/** A checked GitHub token with the login it belongs to. `checkedAt` is an ISO time. */
export const GithubConnection = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(500)),
  login: z.string().check(z.minLength(1), z.maxLength(100)),
  apiBase: ApiBase,
  checkedAt: z.string(),
});
export type GithubConnection = z.infer<typeof GithubConnection>;

/** The Jira site whose logged-in tab the import reads through. */
export const JiraConnection = z.object({ origin: HttpOrigin });
export type JiraConnection = z.infer<typeof JiraConnection>;

const githubItem = storage.defineItem<unknown>(`local:${GITHUB_KEY}`, { fallback: null });
const jiraItem = storage.defineItem<unknown>(`local:${JIRA_KEY}`, { fallback: null });

/** The stored GitHub connection, or null. */
export async function getGithubConnection(): Promise<GithubConnection | null> {
  const parsed = GithubConnection.safeParse(await githubItem.getValue());
  return parsed.success ? parsed.data : null;
}

/** Stores `c` (validated; throws a ZodError, without the token in it, when malformed), or forgets it with null. */
export async function setGithubConnection(c: GithubConnection | null): Promise<void> {
  if (c === null) return githubItem.removeValue();
  const parsed = GithubConnection.safeParse(c);
  if (!parsed.success) throw new Error('The GitHub connection is not valid; nothing was stored.');
  await githubItem.setValue(parsed.data);
}

/** The stored Jira site, or null. */
export async function getJiraConnection(): Promise<JiraConnection | null> {
  const parsed = JiraConnection.safeParse(await jiraItem.getValue());
  return parsed.success ? parsed.data : null;
}

/** Stores the Jira site (validated), or forgets it with null. */
export async function setJiraConnection(c: JiraConnection | null): Promise<void> {
  if (c === null) return jiraItem.removeValue();
  await jiraItem.setValue(JiraConnection.parse(c));
}

/** Calls `cb` whenever either connection changes in any context; returns an unsubscribe function. */
export function watchConnections(cb: () => void): () => void {
  const a = githubItem.watch(() => cb());
  const b = jiraItem.watch(() => cb());
  return () => {
    a();
    b();
  };
}

/**
 * The GitHub API base for what the user typed as the Enterprise origin:
 * empty means github.com (`defaultGithubApiBase()`); `ghe.example.com` or
 * `https://ghe.example.com/anything` means `https://ghe.example.com/api/v3`.
 * Only https (http for localhost / 127.0.0.1).
 * @returns the API base, or an error message for the user.
 */
export function githubApiBaseFor(enterprise: string): { ok: true; apiBase: string } | { ok: false; message: string } {
  const raw = enterprise.trim();
  if (!raw) return { ok: true, apiBase: defaultGithubApiBase() };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, message: 'That is not a web address.' };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    return { ok: false, message: 'Use https:// for GitHub Enterprise.' };
  if (url.username || url.password) return { ok: false, message: 'Leave user names and passwords out of the address.' };
  if (url.hostname === 'github.com' || url.hostname === 'api.github.com') return { ok: true, apiBase: GITHUB_API };
  return { ok: true, apiBase: `${url.origin}/api/v3` };
}

/** The host-permission pattern covering an API base or origin: `https://ghe.example.com/*`. */
export function hostPattern(urlOrOrigin: string): string {
  return `${new URL(urlOrOrigin).origin}/*`;
}
