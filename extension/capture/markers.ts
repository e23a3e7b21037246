/**
 * Content-script side of "Copy diagnostics": the structural markers of the page for the site extractor
 * that handles its URL (counts and booleans only, no page content). Runs in a script of its own
 * (`/diagnostics.js`), injected by the panel after a capture, so the capture script
 * keeps within its size budget. Zod-free; the panel validates the result (./result.ts `MarkersResult`).
 */
import { GITHUB_PR_PATH } from '../../shared/url';
import { prPageMarkers } from '../extractors/github-pr/markers';

/** What `/diagnostics.js` returns: the markers of the page, or `{}` for a site without any. */
export interface MarkersResult {
  markers: Record<string, number | boolean>;
}

/** Markers of the page in `win` (a GitHub PR page: ../extractors/github-pr/markers.ts); `{}` elsewhere. Never throws. */
export function collectMarkers(win: Pick<Window, 'location' | 'document'> = globalThis.window): MarkersResult {
  try {
    const url = new URL(win.location.href);
    if (GITHUB_PR_PATH.test(url.pathname)) return { markers: prPageMarkers(url, win.document) };
  } catch {
    // no URL to read: no markers
  }
  return { markers: {} };
}
