/**
 * The Jira import reads with the user's logged-in session, the same way
 * capture does: its requests run inside an open tab of that site through
 * `scripting.executeScript` (same origin, the site's cookies), so Casebook
 * never holds a Jira password or token.
 */
import { browser } from 'wxt/browser';

/** The id of an open tab on `origin` (`https://acme.atlassian.net`), or null when none is open. */
export async function findSiteTab(origin: string, b: typeof browser = browser): Promise<number | null> {
  try {
    const tabs = await b.tabs.query({ url: `${origin}/*` });
    return tabs.find((t) => t.id !== undefined)?.id ?? null;
  } catch {
    return null;
  }
}

/** What the page-side fetch hands back (structured-clonable). */
type PageAnswer = { status: number; headers: [string, string][]; body: string } | { error: string };

/** Runs in the tab (isolated world): a same-origin GET with the site's cookies. Self-contained. */
async function pageFetch(url: string, headers: Record<string, string>): Promise<PageAnswer> {
  try {
    const r = await fetch(url, { credentials: 'include', headers });
    return { status: r.status, headers: [...r.headers.entries()], body: await r.text() };
  } catch (err) {
    return { error: String(err) };
  }
}

/**
 * A `fetch` that performs each GET inside tab `tabId` (on `origin` only; any
 * other URL is refused with a TypeError, like a network error) and answers a
 * `Response` built from what the page got.
 */
export function tabFetch(tabId: number, origin: string, b: typeof browser = browser): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).origin !== origin) throw new TypeError(`refused: ${url} is not on ${origin}`);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const [first] = await b.scripting.executeScript({ target: { tabId }, func: pageFetch, args: [url, headers] });
    const answer = first?.result as PageAnswer | undefined;
    if (!answer || 'error' in answer) throw new TypeError(answer?.error ?? 'the tab did not answer');
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}
