/**
 * Answers of the HTTP API that have no home beside their request body
 * (docs/DESIGN.md "HTTP API"): the routes in worker/routes/ build them with
 * these types, and the panel's client (extension/api/client.ts) parses every
 * answer with these schemas. Times are ISO 8601 UTC strings.
 *
 * Written with `zod/mini` (the functional API: `z.optional(x)`, not
 * `x.optional()`), so it works whether the schemas it builds on are zod or
 * zod/mini ones.
 */
import { z } from 'zod/mini';
import { AccountSettings, ShareSummary } from './api-schemas';
import { IsoWeek } from './schemas';
import { Testimonial } from './testimonials';

/** `POST /api/v1/auth/start` answer (202): the same whether or not the account exists. */
export const AuthStartResponse = z.object({ ok: z.literal(true) });
export type AuthStartResponse = z.infer<typeof AuthStartResponse>;

/**
 * The account's storage use and quota (`GET /api/v1/me` `usage`): live records and
 * their UTF-8 bytes, against the account's limits (docs/SECURITY.md).
 */
export const AccountUsage = z.object({
  records: z.int().check(z.nonnegative()),
  bytes: z.number().check(z.nonnegative()),
  maxRecords: z.int().check(z.positive()),
  maxBytes: z.number().check(z.positive()),
});
export type AccountUsage = z.infer<typeof AccountUsage>;

const settings = AccountSettings.shape;

/**
 * `GET /api/v1/me` answer. The client reads it leniently: `user` and `settings` may
 * carry fields a newer server adds, any setting may be missing, and `usage` (absent
 * from older servers) becomes undefined when it is missing or unreadable.
 */
export const MeResponse = z.object({
  user: z.looseObject({ id: z.string(), email: z.string() }),
  settings: z.looseObject({
    displayName: z.optional(settings.displayName),
    timezone: z.optional(settings.timezone),
    digestDay: z.optional(settings.digestDay),
    digestHour: z.optional(settings.digestHour),
    digestEnabled: z.optional(settings.digestEnabled),
  }),
  usage: z.catch(z.optional(AccountUsage), undefined),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** `PATCH /api/v1/me/settings` answer: the settings after the change. */
export const SettingsResponse = z.object({ settings: AccountSettings });
export type SettingsResponse = z.infer<typeof SettingsResponse>;

/** `GET /api/v1/shares` answer, newest first, never a token. */
export const ShareListResponse = z.object({ shares: z.array(ShareSummary) });
export type ShareListResponse = z.infer<typeof ShareListResponse>;

/** One signed-in browser of the account (`GET /api/v1/devices`). */
export const DeviceSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  /** True for the device making the request. */
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

/** `GET /api/v1/devices` answer: the account's browsers that are not revoked, oldest first. */
export const DeviceListResponse = z.object({ devices: z.array(DeviceSummary) });
export type DeviceListResponse = z.infer<typeof DeviceListResponse>;

/** One sent weekly digest (`GET /api/v1/digests`). */
export const DigestSummary = z.object({
  isoWeek: IsoWeek,
  subject: z.string(),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
});
export type DigestSummary = z.infer<typeof DigestSummary>;

/** `GET /api/v1/digests` answer, newest week first. */
export const DigestListResponse = z.object({ digests: z.array(DigestSummary) });
export type DigestListResponse = z.infer<typeof DigestListResponse>;

/** `PATCH /api/v1/testimonials/:id` answer. */
export const TestimonialResponse = z.object({ testimonial: Testimonial });
export type TestimonialResponse = z.infer<typeof TestimonialResponse>;

/**
 * `GET /api/v1/sync/pull` answer as the sync client reads it: the envelope checked,
 * each change left unparsed, so one corrupt or foreign change (unknown collection,
 * bad clock, wrong shape) is rejected on its own (extension/sync/client.ts) instead
 * of failing the whole page. The server answers the strict `PullResponse`.
 */
export const PullPage = z.object({
  changes: z.array(z.unknown()),
  rev: z.int().check(z.nonnegative()),
  more: z.boolean(),
});
export type PullPage = z.infer<typeof PullPage>;
