/**
 * Content-script side of a capture: runs the extractors on the page it is
 * injected into and returns a `CaptureResult` (plain data, so it crosses
 * `browser.scripting.executeScript`). Never throws. Kept free of zod and of the
 * panel's code so the content script stays small; the panel validates the result.
 */
import { collectCapture, REGISTRY } from '../extractors/page';
import { IDENTITIES_GLOBAL, type CaptureIdentities, type CaptureResult } from './protocol';

/** The parts of `window` a capture reads (tests pass a fake). */
export type CaptureWindow = Pick<Window, 'location' | 'document' | 'fetch'> & { [IDENTITIES_GLOBAL]?: unknown };

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
 * Runs the extractors on `win`'s page with the page's own `fetch` (so same-origin
 * APIs such as Jira's and Confluence's see the user's session) and the identities
 * the panel left in `win[IDENTITIES_GLOBAL]`.
 * @returns `{ ok: true, extractor, draft, spare?, fallbackReason? }` (plain
 *   drafts the panel validates with `finishCapture`), or `{ ok: false, error }` with a readable reason.
 */
export async function runCapture(win: CaptureWindow = globalThis.window): Promise<CaptureResult> {
  try {
    const capture = await collectCapture(
      REGISTRY,
      { url: win.location.href, document: win.document },
      { fetch: win.fetch.bind(win), identities: readIdentities(win[IDENTITIES_GLOBAL]) },
    );
    if (!capture.draft) return { ok: false, error: capture.fallbackReason || 'nothing could be read' };
    return { ok: true, ...capture, draft: capture.draft };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
