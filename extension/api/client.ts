/**
 * Typed client for the Casebook worker's HTTP API (`/api/v1`, docs/DESIGN.md "HTTP API"),
 * built on Hono's RPC client `hc<AppType>`: the paths, methods and bodies are the worker
 * app's own types (`import type` only: no worker code reaches the extension).
 * Request bodies are validated before sending and every answer is parsed with its
 * shared zod schema (shared/schemas.ts, shared/api-responses.ts); every failure takes
 * one path and surfaces as one `ApiError` class.
 * The bearer token comes from `getToken` (the stored session); this client is used
 * by the background and the side panel only, never by a content script.
 */
import { hc } from 'hono/client';
import { z } from 'zod/mini';
import type { AppType } from '../../worker/app';
import {
  DeviceListResponse,
  DigestListResponse,
  MeResponse,
  PullPage,
  SettingsResponse,
  ShareListResponse,
  TestimonialResponse,
  type DeviceSummary,
  type DigestSummary,
} from '../../shared/api-responses';
import {
  ApiError as ApiErrorBody,
  AccountSettingsPatch,
  AuthStartRequest,
  AuthVerifyRequest,
  AuthVerifyResponse,
  PushRequest,
  PushResponse,
  ShareCreateRequest,
  ShareCreateResponse,
  DigestContent,
  IsoWeek,
  type AccountSettings,
  type ShareSummary,
} from '../../shared/schemas';
import {
  TestimonialList,
  TestimonialPatch,
  TestimonialRequestCreate,
  TestimonialRequestCreated,
  type Testimonial,
} from '../../shared/testimonials';

export type { AccountUsage, DeviceSummary, DigestSummary, MeResponse } from '../../shared/api-responses';

/**
 * An API failure. `status` is the HTTP status (0 when the server could not be
 * reached or the request was never sent); `code` is the API's error code
 * (`invalid_code`, `unauthorized`, ...) or one of the client's own: `network`,
 * `invalid_input`, `bad_response`, `not_signed_in`, `http_<status>`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Validation issues from the server (or the client's own check), when any. */
    readonly issues?: unknown[],
    /** Seconds to wait before retrying, from a 429/503 `Retry-After` header (see `parseRetryAfter`). */
    readonly retryAfter?: number,
    /**
     * Extra fields of the error body besides `code`, `message` and `issues`, e.g. `lastSeq` of
     * 409 `seq_conflict` or `limit` of 413 `quota_exceeded` (docs/SECURITY.md).
     */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** True when retrying the same request later may succeed (network, 408, 429, 5xx). */
  get retryable(): boolean {
    return this.status === 0
      ? this.code === 'network'
      : this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Options of `CasebookApi`. */
export interface ApiClientOptions {
  /**
   * Server origin, e.g. `http://127.0.0.1:8787` (a trailing slash is ignored), or a
   * function read before every request (the panel's runtime server setting).
   */
  baseUrl: string | (() => Promise<string>);
  /** Bearer token of this device, or null when signed out. */
  getToken: () => Promise<string | null>;
  /** fetch implementation (tests inject one; sync wraps it with `ServerClock.wrap`). */
  fetch?: typeof fetch;
}

/** The `/api/v1` routes as Hono's RPC client types them. */
type Routes = ReturnType<typeof hc<AppType>>['api']['v1'];
/** What this client reads of an answer (Hono's `ClientResponse` and `Response` both fit). */
type Answer = Pick<Response, 'ok' | 'status' | 'statusText' | 'headers' | 'json'>;
/** One call: a label for messages (`GET /me`), the request, and the answer's schema (none: no body read). */
interface Call<T> {
  what: string;
  send: (routes: Routes) => Promise<Answer>;
  schema?: z.core.$ZodType<T>;
  auth?: boolean;
}

/** The worker's API as typed methods. Every method throws `ApiError` on failure. */
export class CasebookApi {
  private readonly getBaseUrl: () => Promise<string>;
  private readonly getToken: () => Promise<string | null>;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    const base = options.baseUrl;
    this.getBaseUrl =
      typeof base === 'string' ? async () => base.replace(/\/+$/, '') : async () => (await base()).replace(/\/+$/, '');
    this.getToken = options.getToken;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** `POST /auth/start`: e-mails an 8-digit code (the answer never says whether the account exists). */
  async authStart(email: string): Promise<void> {
    const json = validate(AuthStartRequest, { email });
    await this.call({ what: 'POST /auth/start', send: (r) => r.auth.start.$post({ json }), auth: false });
  }

  /** `POST /auth/verify`: exchanges the code for this device's token. 401 `invalid_code` when wrong. */
  async authVerify(input: { email: string; code: string; deviceName: string }): Promise<AuthVerifyResponse> {
    const json = validate(AuthVerifyRequest, input);
    const send = (r: Routes) => r.auth.verify.$post({ json });
    return this.call({ what: 'POST /auth/verify', send, schema: AuthVerifyResponse, auth: false });
  }

  /** `POST /auth/logout`: revokes this device's token (204). */
  async logout(): Promise<void> {
    await this.call({ what: 'POST /auth/logout', send: (r) => r.auth.logout.$post() });
  }

  /** `GET /me`: the signed-in user, their account settings and storage use. */
  async me(): Promise<MeResponse> {
    return this.call({ what: 'GET /me', send: (r) => r.me.$get(), schema: MeResponse });
  }

  /** `POST /shares`: creates a share link; the answer's `url` holds the only copy of its token. */
  async createShare(input: z.input<typeof ShareCreateRequest>): Promise<z.infer<typeof ShareCreateResponse>> {
    const json = validate(ShareCreateRequest, input);
    return this.call({ what: 'POST /shares', send: (r) => r.shares.$post({ json }), schema: ShareCreateResponse });
  }

  /** `GET /shares`: the caller's share links with view counts (never tokens). */
  async listShares(): Promise<ShareSummary[]> {
    return (await this.call({ what: 'GET /shares', send: (r) => r.shares.$get(), schema: ShareListResponse })).shares;
  }

  /** `DELETE /shares/:id`: revokes a share link at once (204; 404 when not the caller's). */
  async revokeShare(id: string): Promise<void> {
    const param = { id: encodeURIComponent(id) };
    await this.call({ what: 'DELETE /shares/:id', send: (r) => r.shares[':id'].$delete({ param }) });
  }

  /**
   * `POST /testimonial-requests`: asks a colleague about 1 to 20 evidence items; the
   * answer's `url` holds the only copy of the token. With `peerEmail` the server
   * e-mails the link (`emailed`) and does not keep the address. 404 when an item is
   * not on the server yet (sync first); 429 `email_limit` past 20 e-mails a day.
   */
  async createTestimonialRequest(input: z.input<typeof TestimonialRequestCreate>): Promise<TestimonialRequestCreated> {
    const json = validate(TestimonialRequestCreate, input);
    const send = (r: Routes) => r['testimonial-requests'].$post({ json });
    return this.call({ what: 'POST /testimonial-requests', send, schema: TestimonialRequestCreated });
  }

  /** `GET /testimonials`: the caller's testimonials and requests (never a token). */
  async listTestimonials(): Promise<TestimonialList> {
    return this.call({ what: 'GET /testimonials', send: (r) => r.testimonials.$get(), schema: TestimonialList });
  }

  /** `PATCH /testimonials/:id`: hides or shows a testimonial on share pages and packets. */
  async setTestimonialHidden(id: string, hidden: boolean): Promise<Testimonial> {
    const json = validate(TestimonialPatch, { hidden });
    const send = (r: Routes) => r.testimonials[':id'].$patch({ param: { id: encodeURIComponent(id) }, json });
    return (await this.call({ what: 'PATCH /testimonials/:id', send, schema: TestimonialResponse })).testimonial;
  }

  /** `DELETE /testimonial-requests/:id`: closes the request's link at once (204; 404 when not the caller's). */
  async revokeTestimonialRequest(id: string): Promise<void> {
    const param = { id: encodeURIComponent(id) };
    const send = (r: Routes) => r['testimonial-requests'][':id'].$delete({ param });
    await this.call({ what: 'DELETE /testimonial-requests/:id', send });
  }

  /** `PATCH /me/settings`: changes the digest schedule, time zone or display name; answers the new settings. */
  async updateAccountSettings(patch: z.input<typeof AccountSettingsPatch>): Promise<AccountSettings> {
    const json = validate(AccountSettingsPatch, patch);
    const send = (r: Routes) => r.me.settings.$patch({ json });
    return (await this.call({ what: 'PATCH /me/settings', send, schema: SettingsResponse })).settings;
  }

  /** `GET /devices`: the account's signed-in browsers (not revoked), oldest first. */
  async listDevices(): Promise<DeviceSummary[]> {
    const send = (r: Routes) => r.devices.$get();
    return (await this.call({ what: 'GET /devices', send, schema: DeviceListResponse })).devices;
  }

  /** `DELETE /devices/:id`: revokes that device's token (204; 404 when not the caller's). */
  async revokeDevice(id: string): Promise<void> {
    const param = { id: encodeURIComponent(id) };
    await this.call({ what: 'DELETE /devices/:id', send: (r) => r.devices[':id'].$delete({ param }) });
  }

  /** `GET /digests`: the weekly digests sent so far, newest week first. */
  async listDigests(): Promise<DigestSummary[]> {
    const send = (r: Routes) => r.digests.$get();
    return (await this.call({ what: 'GET /digests', send, schema: DigestListResponse })).digests;
  }

  /** `GET /digests/:isoWeek`: a sent digest (`404` when none was sent that week). */
  async getDigest(isoWeek: string): Promise<DigestContent> {
    const param = { isoWeek: validate(IsoWeek, isoWeek) };
    const send = (r: Routes) => r.digests[':isoWeek'].$get({ param });
    return this.call({ what: 'GET /digests/:isoWeek', send, schema: DigestContent });
  }

  /** `POST /digests/preview`: this week's digest as it would be sent now (not sent, not stored). */
  async previewDigest(): Promise<DigestContent> {
    const send = (r: Routes) => r.digests.preview.$post();
    return this.call({ what: 'POST /digests/preview', send, schema: DigestContent });
  }

  /** `POST /sync/push`: at most 500 changes, `seq` increasing. */
  async push(body: PushRequest): Promise<PushResponse> {
    const json = validate(PushRequest, body);
    return this.call({ what: 'POST /sync/push', send: (r) => r.sync.push.$post({ json }), schema: PushResponse });
  }

  /**
   * `GET /sync/pull?since=REV&limit=N`: changes after `since`, in rev order, paged by
   * `more`. Only the envelope is checked (`PullPage`): each change is parsed on its own
   * by the sync client, so one bad change never fails the page.
   */
  async pull(since: number, limit: number): Promise<PullPage> {
    const query = { since: String(since), limit: String(limit) };
    return this.call({ what: 'GET /sync/pull', send: (r) => r.sync.pull.$get({ query }), schema: PullPage });
  }

  /**
   * The one request path: adds the bearer token (unless `auth: false`), sends through
   * Hono's client, turns a non-2xx answer into an `ApiError` (see `errorFromAnswer`) and
   * parses a 2xx answer with `schema` (none: the body is not read).
   * @throws ApiError for a missing session, network failures, non-2xx answers and unexpected bodies.
   */
  private async call<T = undefined>({ what, send, schema, auth = true }: Call<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) {
      const token = await this.getToken();
      if (!token) throw new ApiError(0, 'not_signed_in', 'Sign in to sync and share.');
      headers.authorization = `Bearer ${token}`;
    }
    const baseUrl = await this.getBaseUrl();
    let res: Answer;
    try {
      res = await send(hc<AppType>(baseUrl, { fetch: this.fetchImpl, headers }).api.v1);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError(0, 'network', `Cannot reach the Casebook server at ${baseUrl} (${why}).`);
    }
    if (!res.ok) throw await errorFromAnswer(res);
    if (!schema) return undefined as T;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ApiError(res.status, 'bad_response', `The server's answer to ${what} is not JSON.`);
    }
    const parsed = z.safeParse(schema, json);
    if (!parsed.success) {
      const why = z.prettifyError(parsed.error);
      const message = `The server's answer to ${what} is not what this version expects: ${why}`;
      throw new ApiError(res.status, 'bad_response', message, parsed.error.issues);
    }
    return parsed.data;
  }
}

/** Validates a request body before it leaves; throws `ApiError(0, 'invalid_input')`. */
function validate<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new ApiError(0, 'invalid_input', z.prettifyError(parsed.error), parsed.error.issues);
  return parsed.data;
}

/**
 * Turns a non-2xx answer into an ApiError: the API's `{ error: { code, message, issues? } }`
 * (parsed with its shared schema; other fields of `error` go to `details`), else
 * `http_<status>`; `Retry-After` read either way.
 */
async function errorFromAnswer(res: Answer): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  const body = z.safeParse(ApiErrorBody, await res.json().catch(() => null));
  if (!body.success) {
    const message = `The server answered ${res.status} ${res.statusText}`.trim();
    return new ApiError(res.status, `http_${res.status}`, message, undefined, retryAfter);
  }
  const { code, message, issues, ...details } = body.data.error;
  return new ApiError(res.status, code, message, issues, retryAfter, details);
}

/**
 * `Retry-After` as whole seconds from now: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, a date in the past gives 0); undefined when
 * absent or unreadable.
 * @param now this device's clock, ms since the epoch.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
