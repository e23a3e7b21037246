/**
 * Request and response bodies of the HTTP API (docs/DESIGN.md "HTTP API"),
 * apart from the sync protocol. Re-exported by ./schemas.
 */
import * as z from 'zod/mini';
import { IsoDate, IsoDateTime, CompetencyId } from './primitives';

// ---------------------------------------------------------------------------
// HTTP API bodies
// ---------------------------------------------------------------------------

/** Normalised e-mail address (trimmed, lower-case). */
export const Email = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email().check(z.maxLength(254)));

/** `POST /api/v1/auth/start` body. */
export const AuthStartRequest = z.object({ email: Email });
/** `POST /api/v1/auth/verify` body. */
export const AuthVerifyRequest = z.object({
  email: Email,
  code: z.string().check(z.regex(/^\d{8}$/, 'expected the 8-digit code')),
  deviceName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
/** `POST /api/v1/auth/verify` answer. */
export const AuthVerifyResponse = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), email: z.string() }),
  device: z.object({ id: z.string(), name: z.string() }),
});
export type AuthVerifyResponse = z.infer<typeof AuthVerifyResponse>;

/** Server-side account settings (digest schedule, display name). */
export const AccountSettings = z.object({
  displayName: z.string().check(z.maxLength(100)),
  timezone: z.string().check(z.maxLength(64)),
  digestDay: z.int().check(z.gte(0), z.lte(6)),
  digestHour: z.int().check(z.gte(0), z.lte(23)),
  digestEnabled: z.boolean(),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

/** `PATCH /api/v1/me/settings` body. `timezone` must be a valid IANA zone. */
export const AccountSettingsPatch = z.partial(AccountSettings).check(
  z.refine(
    (s) => {
      if (s.timezone === undefined) return true;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: s.timezone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'unknown IANA time zone', path: ['timezone'] },
  ),
);

/** `POST /api/v1/shares` body. */
export const ShareCreateRequest = z
  .object({
    label: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    ...z.partial(z.object({ from: IsoDate, to: IsoDate })).shape,
    competencies: z.optional(z.array(CompetencyId).check(z.maxLength(50))),
    includeWeeklyLogs: z.optional(z.boolean()),
    expiresInDays: z._default(z.int().check(z.gte(1), z.lte(365)), 30),
  })
  .check(
    z.refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'from must be on or before to', path: ['to'] }),
  );
export type ShareCreateRequest = z.infer<typeof ShareCreateRequest>;

/** The scope a share link was created with. */
export const ShareScope = z.partial(
  z.object({ from: IsoDate, to: IsoDate, competencies: z.array(CompetencyId), includeWeeklyLogs: z.boolean() }),
);
export type ShareScope = z.infer<typeof ShareScope>;

/** `POST /api/v1/shares` answer; the only place the token ever appears. */
export const ShareCreateResponse = z.object({ id: z.string(), url: z.string(), expiresAt: IsoDateTime });
/** One row of `GET /api/v1/shares`. */
export const ShareSummary = z.object({
  id: z.string(),
  label: z.string(),
  scope: ShareScope,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  revokedAt: z.nullable(IsoDateTime),
  viewCount: z.int(),
  lastViewedAt: z.nullable(IsoDateTime),
});
export type ShareSummary = z.infer<typeof ShareSummary>;

/** A composed digest: `POST /api/v1/digests/preview`, `GET /api/v1/digests/:isoWeek`. */
export const DigestContent = z.object({ subject: z.string(), html: z.string(), text: z.string() });
export type DigestContent = z.infer<typeof DigestContent>;

/**
 * The API's one error shape. Some codes carry more: 409 `seq_conflict` has
 * `lastSeq` (the server's cursor for the device; renumber after it), 413
 * `quota_exceeded` has `limit` (the quota and the account's usage).
 */
export const ApiError = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.unknown())),
    lastSeq: z.optional(z.int().check(z.nonnegative())),
    limit: z.optional(z.record(z.string(), z.number())),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
