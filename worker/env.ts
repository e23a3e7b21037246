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
  /** `development` enables /dev/outbox; anything else hides it. */
  ENVIRONMENT: string;
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

/** Hono generics for every router in the worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: { auth: AuthContext };
}

type WorkerEnv = Env;

declare global {
  namespace Cloudflare {
    // Types `env` from `cloudflare:workers` and `cloudflare:test`.
    interface Env extends WorkerEnv {}
  }
}
