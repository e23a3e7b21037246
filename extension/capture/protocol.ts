/**
 * What passes between the side panel and the capture content script, as plain
 * types and constants (no zod here: this module is bundled into the content
 * script, which must stay small; the panel validates with ./result.ts).
 */
import type { PageCapture } from '../extractors/page';

/** Global (in the extension's isolated world of the page) holding the identities for the next capture. */
export const IDENTITIES_GLOBAL = '__casebookCaptureIdentities';

/** User identities as the extractors use them (same shape as `Identities` in extractors/types.ts). */
export interface CaptureIdentities {
  githubLogin?: string;
  atlassianName?: string;
  email?: string;
}

/**
 * What a site extractor's checks found on the page, beside its draft (plain data, no page content):
 * `missing`: facts (meta keys) the site's pages show that the draft lacks, e.g. `['state']`.
 */
export interface PageChecks {
  missing?: string[];
}

/**
 * What a capture script (`/capture-<id>.js`, ./scripts.ts) returns: what the extractors collected (`PageCapture` with its
 * draft: plain, not yet validated; the panel turns it into a `CaptureDraft` with `finishCapture`)
 * and the site extractor's `PageChecks`, or why the page could not be read.
 */
export type CaptureResult =
  | ({ ok: true } & PageCapture & PageChecks & { draft: NonNullable<PageCapture['draft']> })
  | { ok: false; error: string };
