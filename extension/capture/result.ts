/**
 * Schemas of what the capture content script hands back to the side panel
 * (see ./protocol.ts); the panel parses every injection result with them.
 */
import { z } from 'zod';
import type { CaptureIdentities as CaptureIdentitiesType, CaptureResult as CaptureResultType } from './protocol';

export { IDENTITIES_GLOBAL } from './protocol';

/**
 * `CaptureResult` as a schema: `{ ok: true, draft, extractor?, spare?, fallbackReason? }` or
 * `{ ok: false, error }`. The drafts are only checked to be objects here: `finishCapture` validates
 * them (with `CaptureDraft` and the source's meta schema, falling back from `draft` to `spare`).
 */
export const CaptureResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    extractor: z.string().optional(),
    draft: z.record(z.string(), z.unknown()),
    spare: z.record(z.string(), z.unknown()).optional(),
    fallbackReason: z.string().max(1000).optional(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type CaptureResult = CaptureResultType;

/** User identities as the extractors use them. */
export const CaptureIdentities = z.object({
  githubLogin: z.string().optional(),
  atlassianName: z.string().optional(),
  email: z.string().optional(),
}) satisfies z.ZodType<CaptureIdentitiesType>;
export type CaptureIdentities = CaptureIdentitiesType;
