/**
 * Schemas of what the capture content script hands back to the side panel
 * (see ./protocol.ts); the panel parses every injection result with them.
 */
import * as z from 'zod/mini';
import type { MarkersResult as MarkersResultType } from './markers';
import type { CaptureIdentities as CaptureIdentitiesType, CaptureResult as CaptureResultType } from './protocol';

export { IDENTITIES_GLOBAL } from './protocol';

/**
 * `CaptureResult` as a schema: `{ ok: true, draft, extractor?, spare?, fallbackReason?, missing? }`
 * (at most 20 missing facts) or
 * `{ ok: false, error }`. The drafts are only checked to be objects here: `finishCapture` validates
 * them (with `CaptureDraft` and the source's meta schema, falling back from `draft` to `spare`).
 */
export const CaptureResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    extractor: z.optional(z.string()),
    draft: z.record(z.string(), z.unknown()),
    spare: z.optional(z.record(z.string(), z.unknown())),
    fallbackReason: z.optional(z.string().check(z.maxLength(1000))),
    missing: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20))),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type CaptureResult = CaptureResultType;

/**
 * What the diagnostics script returns (../capture/markers.ts): `{ markers }`, at most 60 markers,
 * each a count or a boolean; anything else is rejected.
 */
export const MarkersResult = z.object({
  markers: z
    .record(z.string().check(z.maxLength(40)), z.union([z.int().check(z.nonnegative()), z.boolean()]))
    .check(z.refine((m) => Object.keys(m).length <= 60, 'too many markers')),
}) satisfies z.ZodMiniType<MarkersResultType>;

/** User identities as the extractors use them. */
export const CaptureIdentities = z.object({
  githubLogin: z.optional(z.string()),
  atlassianName: z.optional(z.string()),
  email: z.optional(z.string()),
}) satisfies z.ZodMiniType<CaptureIdentitiesType>;
export type CaptureIdentities = CaptureIdentitiesType;
