/**
 * Schemas of what the capture content script hands back to the side panel
 * (see ./protocol.ts); the panel parses every injection result with them.
 */
import { z } from 'zod';
import { CaptureDraft } from '../../shared/schemas';
import type { CaptureIdentities as CaptureIdentitiesType, CaptureResult as CaptureResultType } from './protocol';

export { IDENTITIES_GLOBAL } from './protocol';

/** `CaptureResult` as a schema: `{ ok: true, draft }` or `{ ok: false, error }`. */
export const CaptureResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: CaptureDraft }),
  z.object({ ok: z.literal(false), error: z.string() }),
]) satisfies z.ZodType<CaptureResultType>;
export type CaptureResult = CaptureResultType;

/** User identities as the extractors use them. */
export const CaptureIdentities = z.object({
  githubLogin: z.string().optional(),
  atlassianName: z.string().optional(),
  email: z.string().optional(),
}) satisfies z.ZodType<CaptureIdentitiesType>;
export type CaptureIdentities = CaptureIdentitiesType;
