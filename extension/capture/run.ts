/**
 * Content-script side of a capture: runs the extractors on the page it is
 * injected into and returns a `CaptureResult` (plain data, so it crosses
 * `browser.scripting.executeScript`). Never throws. Kept free of zod and of the
 * panel's code so the content script stays small; the panel validates the result.
 */
import { collectCapture, extractorFor, REGISTRY } from '../extractors/page';
import { IDENTITIES_GLOBAL, type CaptureIdentities, type CaptureResult } from './protocol';

/** The parts of `window` a capture reads (tests pass a fake). */
export type CaptureWindow = Pick<Window, 'location' | 'document' | 'fetch'> & { [IDENTITIES_GLOBAL]?: unknown };

/** How long a capture waits for a page that still shows another item than its URL (soft navigation), in ms. */
export const SETTLE_TIMEOUT_MS = 3000;
/** How often it looks again while waiting, in ms. */
const SETTLE_POLL_MS = 100;

/** The string fields of `raw` that are identities; anything else is dropped. */
export function readIdentities(raw: unknown): CaptureIdentities {
  const out: CaptureIdentities = {};
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    for (const key of ['githubLogin', 'atlassianName', 'email'] as const) {
      const v = r[key];
      if (typeof v === 'string' && v.trim()) out[key] = v.trim();
    }
  }
  return out;
}

/**
 * Waits until the page shows what its URL names (the extractor's `showsUrl`; GitHub changes the URL
 * first on a soft navigation, then renders the new PR), at most `timeoutMs`.
 * @returns true when it does (at once for extractors without the check), false on time-out.
 */
export async function waitUntilShown(win: CaptureWindow, timeoutMs = SETTLE_TIMEOUT_MS): Promise<boolean> {
  for (let waited = 0; ; waited += SETTLE_POLL_MS) {
    let url: URL;
    try {
      url = new URL(win.location.href);
    } catch {
      return true;
    }
    const check = extractorFor(url.href).showsUrl;
    if (!check || check(url, win.document)) return true;
    if (waited >= timeoutMs) return false;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

/**
 * Runs the extractors on `win`'s page with the page's own `fetch` (so same-origin
 * APIs such as Jira's and Confluence's see the user's session) and the identities
 * the panel left in `win[IDENTITIES_GLOBAL]`, once the page shows what its URL names.
 * @returns `{ ok: true, extractor, draft, spare?, fallbackReason?, missing? }` (plain drafts the panel
 *   validates with `finishCapture`; `missing`: the facts the site extractor expected and did not find),
 *   or `{ ok: false, error }` with a readable reason.
 */
export async function runCapture(win: CaptureWindow = globalThis.window): Promise<CaptureResult> {
  try {
    if (!(await waitUntilShown(win))) {
      return { ok: false, error: 'the page is still loading' };
    }
    const url = win.location.href;
    const capture = await collectCapture(
      REGISTRY,
      { url, document: win.document },
      { fetch: win.fetch.bind(win), identities: readIdentities(win[IDENTITIES_GLOBAL]) },
    );
    if (!capture.draft) return { ok: false, error: capture.fallbackReason || 'nothing could be read' };
    const missing = extractorFor(url).missing?.(capture.draft);
    return { ok: true, ...capture, draft: capture.draft, ...(missing?.length ? { missing } : {}) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
