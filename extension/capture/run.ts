/**
 * Content-script side of a capture: runs the extractors on the page it is
 * injected into and returns a `CaptureResult` (plain data, so it crosses
 * `browser.scripting.executeScript`). Never throws. Kept free of zod and of the
 * panel's code so the content scripts stay small; the panel validates the result.
 * Each per-site capture script (../entrypoints/capture-*.ts) calls `captureWith` with its own
 * site extractor only; `runCapture` runs the whole registry (tests).
 */
import { collectCapture, pickExtractor } from '../extractors/page';
import { REGISTRY } from '../extractors/registry';
import type { Extractor } from '../extractors/types';
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
 * Waits until the page shows what its URL names (the `showsUrl` of the extractor of `extractors`
 * for the URL; GitHub changes the URL first on a soft navigation, then renders the new PR), at most `timeoutMs`.
 * @returns true when it does (at once for extractors without the check), false on time-out.
 */
export async function waitUntilShown(
  win: CaptureWindow,
  extractors: readonly Extractor[],
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<boolean> {
  for (let waited = 0; ; waited += SETTLE_POLL_MS) {
    let url: URL;
    try {
      url = new URL(win.location.href);
    } catch {
      return true;
    }
    const check = pickExtractor(extractors, url.href).showsUrl;
    if (!check || check(url, win.document)) return true;
    if (waited >= timeoutMs) return false;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

/**
 * Runs `extractors` (a site extractor and the generic one, or the whole registry; the generic
 * `web` extractor always runs, as the spare) on `win`'s page with the page's own `fetch` (so same-origin
 * APIs such as Jira's and Confluence's see the user's session) and the identities
 * the panel left in `win[IDENTITIES_GLOBAL]`, once the page shows what its URL names.
 * @returns `{ ok: true, extractor, draft, spare?, fallbackReason?, missing? }` (plain drafts the panel
 *   validates with `finishCapture`; `missing`: the facts the site extractor expected and did not find),
 *   or `{ ok: false, error }` with a readable reason.
 */
export async function captureWith(
  extractors: readonly Extractor[],
  win: CaptureWindow = globalThis.window,
): Promise<CaptureResult> {
  try {
    if (!(await waitUntilShown(win, extractors))) {
      return { ok: false, error: 'the page is still loading' };
    }
    const url = win.location.href;
    const capture = await collectCapture(
      extractors,
      { url, document: win.document },
      { fetch: win.fetch.bind(win), identities: readIdentities(win[IDENTITIES_GLOBAL]) },
    );
    if (!capture.draft) return { ok: false, error: capture.fallbackReason || 'nothing could be read' };
    const missing = pickExtractor(extractors, url).missing?.(capture.draft);
    return { ok: true, ...capture, draft: capture.draft, ...(missing?.length ? { missing } : {}) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** `captureWith` over the whole registry (../extractors/registry.ts): what any per-site capture script answers on its site. */
export function runCapture(win: CaptureWindow = globalThis.window): Promise<CaptureResult> {
  return captureWith(REGISTRY, win);
}
