/**
 * Typed client for the Casebook worker's HTTP API (`/api/v1`, docs/DESIGN.md "HTTP API").
 * Request bodies are validated before sending and every answer is parsed with its
 * zod schema; failures of any kind surface as one `ApiError` class.
 * The bearer token comes from `getToken` (the stored session); this client is used
 * by the background and the side panel only, never by a content script.
 */
import * as z from 'zod/mini';
import {
  ApiError as ApiErrorBody,
  AccountSettings,
  AccountSettingsPatch,
  AuthStartRequest,
  AuthVerifyRequest,
  AuthVerifyResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  ShareCreateRequest,
  ShareCreateResponse,
  ShareSummary,
  DigestContent,
  IsoWeek,
} from '../../shared/schemas';
import {
  Testimonial,
  TestimonialList,
  TestimonialRequestCreate,
  TestimonialRequestCreated,
} from '../../shared/testimonials';

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
    /** Seconds to wait before retrying, from a 429/503 `Retry-After` header. */
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

/**
 * The account's storage use and quota (`GET /api/v1/me` `usage`): live records and
 * their bytes, against the account's limits (docs/SECURITY.md). Absent from older servers.
 */
export const AccountUsage = z.object({
  records: z.int().check(z.nonnegative()),
  bytes: z.number().check(z.nonnegative()),
  maxRecords: z.int().check(z.positive()),
  maxBytes: z.number().check(z.positive()),
});
export type AccountUsage = z.infer<typeof AccountUsage>;

/** `GET /api/v1/me` answer (settings kept loose: a newer server may add fields; `usage` optional for older ones). */
export const MeResponse = z.object({
  user: z.looseObject({ id: z.string(), email: z.string() }),
  settings: z.looseObject(z.partial(AccountSettings).shape),
  usage: z.catch(z.optional(AccountUsage), undefined),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /api/v1/shares` answer. */
export const ShareListResponse = z.object({ shares: z.array(ShareSummary) });

/** One signed-in browser of the account (`GET /api/v1/devices`); times are ISO 8601 UTC. */
export const DeviceSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  /** True for the device making the request. */
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
/** `GET /api/v1/devices` answer. */
export const DeviceListResponse = z.object({ devices: z.array(DeviceSummary) });

/** One sent weekly digest (`GET /api/v1/digests`), newest week first; times are ISO 8601 UTC. */
export const DigestSummary = z.object({
  isoWeek: IsoWeek,
  subject: z.string(),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
});
export type DigestSummary = z.infer<typeof DigestSummary>;
/** `GET /api/v1/digests` answer. */
export const DigestListResponse = z.object({ digests: z.array(DigestSummary) });

/** `PATCH /api/v1/me/settings` answer. */
export const SettingsResponse = z.object({ settings: AccountSettings });

/** Options of `CasebookApi`. */
export interface ApiClientOptions {
  /**
   * Server origin, e.g. `http://127.0.0.1:8787` (a trailing slash is ignored), or a
   * function read before every request (the panel's runtime server setting).
   */
  baseUrl: string | (() => Promise<string>);
  /** Bearer token of this device, or null when signed out. */
  getToken: () => Promise<string | null>;
  /** fetch implementation (tests inject one). */
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'DELETE' | 'PATCH';

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
    await this.request('POST', '/auth/start', { body: validate(AuthStartRequest, { email }), auth: false });
  }

  /** `POST /auth/verify`: exchanges the code for this device's token. 401 `invalid_code` when wrong. */
  async authVerify(input: { email: string; code: string; deviceName: string }): Promise<AuthVerifyResponse> {
    return this.request('POST', '/auth/verify', {
      body: validate(AuthVerifyRequest, input),
      auth: false,
      schema: AuthVerifyResponse,
    });
  }

  /** `POST /auth/logout`: revokes this device's token (204). */
  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout', {});
  }

  /** `GET /me`: the signed-in user and their account settings. */
  async me(): Promise<MeResponse> {
    return this.request('GET', '/me', { schema: MeResponse });
  }

  /** `POST /shares`: creates a share link; the answer's `url` holds the only copy of its token. */
  async createShare(input: z.input<typeof ShareCreateRequest>): Promise<z.infer<typeof ShareCreateResponse>> {
    return this.request('POST', '/shares', { body: validate(ShareCreateRequest, input), schema: ShareCreateResponse });
  }

  /** `GET /shares`: the caller's share links with view counts (never tokens). */
  async listShares(): Promise<ShareSummary[]> {
    return (await this.request('GET', '/shares', { schema: ShareListResponse })).shares;
  }

  /** `DELETE /shares/:id`: revokes a share link at once (204; 404 when not the caller's). */
  async revokeShare(id: string): Promise<void> {
    await this.request('DELETE', `/shares/${encodeURIComponent(id)}`, {});
  }

  /**
   * `POST /testimonial-requests`: asks a colleague about 1 to 20 evidence items; the
   * answer's `url` holds the only copy of the token. With `peerEmail` the server
   * e-mails the link (`emailed`) and does not keep the address. 404 when an item is
   * not on the server yet (sync first); 429 `email_limit` past 20 e-mails a day.
   */
  async createTestimonialRequest(input: z.input<typeof TestimonialRequestCreate>): Promise<TestimonialRequestCreated> {
    return this.request('POST', '/testimonial-requests', {
      body: validate(TestimonialRequestCreate, input),
      schema: TestimonialRequestCreated,
    });
  }

  /** `GET /testimonials`: the caller's testimonials and requests (never a token). */
  async listTestimonials(): Promise<TestimonialList> {
    return this.request('GET', '/testimonials', { schema: TestimonialList });
  }

  /** `PATCH /testimonials/:id`: hides or shows a testimonial on share pages and packets. */
  async setTestimonialHidden(id: string, hidden: boolean): Promise<Testimonial> {
    return (
      await this.request('PATCH', `/testimonials/${encodeURIComponent(id)}`, {
        body: { hidden },
        schema: z.object({ testimonial: Testimonial }),
      })
    ).testimonial;
  }

  /** `DELETE /testimonial-requests/:id`: closes the request's link at once (204; 404 when not the caller's). */
  async revokeTestimonialRequest(id: string): Promise<void> {
    await this.request('DELETE', `/testimonial-requests/${encodeURIComponent(id)}`, {});
  }

  /** `PATCH /me/settings`: changes the digest schedule, time zone or display name; answers the new settings. */
  async updateAccountSettings(patch: z.input<typeof AccountSettingsPatch>): Promise<AccountSettings> {
    return (
      await this.request('PATCH', '/me/settings', {
        body: validate(AccountSettingsPatch, patch),
        schema: SettingsResponse,
      })
    ).settings;
  }

  /** `GET /devices`: the account's signed-in browsers (not revoked), oldest first. */
  async listDevices(): Promise<DeviceSummary[]> {
    return (await this.request('GET', '/devices', { schema: DeviceListResponse })).devices;
  }

  /** `DELETE /devices/:id`: revokes that device's token (204; 404 when not the caller's). */
  async revokeDevice(id: string): Promise<void> {
    await this.request('DELETE', `/devices/${encodeURIComponent(id)}`, {});
  }

  /** `GET /digests`: the weekly digests sent so far, newest week first. */
  async listDigests(): Promise<DigestSummary[]> {
    return (await this.request('GET', '/digests', { schema: DigestListResponse })).digests;
  }

  /** `GET /digests/:isoWeek`: a sent digest (`404` when none was sent that week). */
  async getDigest(isoWeek: string): Promise<DigestContent> {
    const week = validate(IsoWeek, isoWeek);
    return this.request('GET', `/digests/${week}`, { schema: DigestContent });
  }

  /** `POST /digests/preview`: this week's digest as it would be sent now (not sent, not stored). */
  async previewDigest(): Promise<DigestContent> {
    return this.request('POST', '/digests/preview', { schema: DigestContent });
  }

  /** `POST /sync/push`: at most 500 changes, `seq` increasing. */
  async push(body: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/sync/push', { body: validate(PushRequest, body), schema: PushResponse });
  }

  /** `GET /sync/pull?since=REV&limit=N`: changes after `since`, in rev order, paged by `more`. */
  async pull(since: number, limit: number): Promise<PullResponse> {
    const q = new URLSearchParams({ since: String(since), limit: String(limit) });
    return this.request('GET', `/sync/pull?${q.toString()}`, { schema: PullResponse });
  }

  /**
   * Sends one request to `/api/v1${path}`; parses the answer with `schema` (or
   * expects no body when absent).
   * @throws ApiError for network failures, non-2xx answers and unexpected bodies.
   */
  private async request<T = undefined>(
    method: Method,
    path: string,
    opts: { body?: unknown; schema?: z.core.$ZodType<T>; auth?: boolean },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.auth !== false) {
      const token = await this.getToken();
      if (!token) throw new ApiError(0, 'not_signed_in', 'Sign in to sync and share.');
      headers.authorization = `Bearer ${token}`;
    }
    const baseUrl = await this.getBaseUrl();
    let res: Response;
    try {
      res = await this.fetchImpl(`${baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
    } catch (err) {
      throw new ApiError(0, 'network', `Cannot reach the Casebook server at ${baseUrl} (${errorText(err)}).`);
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (!opts.schema) return undefined as T;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ApiError(res.status, 'bad_response', `The server's answer to ${method} ${path} is not JSON.`);
    }
    const parsed = z.safeParse(opts.schema, json);
    if (!parsed.success) {
      throw new ApiError(
        res.status,
        'bad_response',
        `The server's answer to ${method} ${path} is not what this version expects: ${z.prettifyError(parsed.error)}`,
        parsed.error.issues,
      );
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

/** Turns a non-2xx response into an ApiError, reading the API's `{ error: { code, message } }` shape. */
async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to a generic message
  }
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiError(res.status, code, message, issues, retryAfter, errorDetails(body));
  }
  return new ApiError(
    res.status,
    `http_${res.status}`,
    `The server answered ${res.status} ${res.statusText}`.trim(),
    undefined,
    retryAfter,
  );
}

/** The fields of an API error body's `error` object other than `code`, `message` and `issues`. */
export function errorDetails(body: unknown): Record<string, unknown> {
  const error = (body as { error?: unknown } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  return Object.fromEntries(
    Object.entries(error).filter(([key]) => key !== 'code' && key !== 'message' && key !== 'issues'),
  );
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
