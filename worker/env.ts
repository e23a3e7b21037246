/**
 * The worker's bindings and variables (see wrangler.toml) and the Hono
 * environment type the routes share.
 */

/** Body of one digest queue message: compose and send `isoWeek`'s digest for `userId`. */
export interface DigestMessage {
  userId: string;
  /** ISO week id, e.g. `2026-W47`, in the user's own time zone. */
  isoWeek: string;
}

/** Bindings, variables and secrets the worker reads. */
export interface Env {
  /** D1 database (migrations in worker/migrations). */
  DB: D1Database;
  /** Digest fan-out queue (producer side). */
  DIGEST_QUEUE: Queue<DigestMessage>;
  /** Public origin used in links, e.g. `http://127.0.0.1:8787` (no trailing slash needed). */
  APP_URL: string;
  /**
   * `development` (set only by `npm start`, the tests, the demo and the bench)
   * turns on /dev/* and the dev outbox mailer; absent or anything else is
   * production: those routes answer 404 and mail needs a real provider.
   */
  ENVIRONMENT?: string;
  /** Storage quota per account, UTF-8 bytes of live records (default 50,000,000). */
  QUOTA_MAX_BYTES?: string;
  /** Storage quota per account, live records (default 100,000). */
  QUOTA_MAX_RECORDS?: string;
  /** Pushes an account may make at once before the refill rate applies (default 300). */
  PUSH_BURST?: string;
  /** Pushes per minute refilled into an account's bucket (default 12). */
  PUSH_REFILL_PER_MINUTE?: string;
  /** Sender address, e.g. `Casebook <casebook@example.com>`. */
  MAIL_FROM: string;
  /** `cloudflare` to send through the `EMAIL` binding. */
  MAILER?: string;
  /** Cloudflare Email Service binding (`[[send_email]] name = "EMAIL"`), production only. */
  EMAIL?: SendEmail;
  /** Resend API key (secret); when set, mail goes through Resend's HTTP API. */
  RESEND_API_KEY?: string;
  /** Bearer token (secret) for `GET /admin/dead-letters`; the route is 404 when unset. */
  ADMIN_TOKEN?: string;
}

/** The authenticated caller, set by the bearer-auth middleware. */
export interface AuthContext {
  userId: string;
  email: string;
  deviceId: string;
  deviceName: string;
}

/** What the bearer-auth query also read about the caller's device and account. */
export interface DeviceState {
  /** The device's push cursor when the request arrived. */
  lastSeq: number;
  /** The account's live records and their UTF-8 bytes when the request arrived. */
  usageRecords: number;
  usageBytes: number;
}

/** Hono generics for every router in the worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: { auth: AuthContext; device: DeviceState };
}

type WorkerEnv = Env;

declare global {
  namespace Cloudflare {
    // Types `env` from `cloudflare:workers` and `cloudflare:test`.
    interface Env extends WorkerEnv {}
  }
}
