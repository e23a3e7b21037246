/**
 * Property-based fuzzing of every endpoint of the HTTP API table (docs/DESIGN.md)
 * through the real worker entry point, inside workerd, on local D1.
 *
 * For each endpoint fast-check (fixed seed, bounded runs) sends bodies built
 * from a valid request with one field replaced by something hostile (wrong
 * type, huge string, 5,000-element array, 2,000-deep nesting, prototype keys),
 * random JSON, malformed JSON, random bytes and unexpected content types, and
 * random bearer headers, path ids, tokens and query strings. Every answer must:
 * - never be a 500, and be one of the statuses the endpoint may give;
 * - carry no stack trace or internals (D1/SQLite messages, file names);
 * - for the API, be the one error shape `{ error: { code, message, issues? } }`
 *   with the code belonging to the status;
 * - when it is a rejection (>= 300), leave every D1 table as it was (row counts,
 *   revs, cursors and the account's settings are compared before and after).
 * Bodies over the 16 MiB limit get 413 on every endpoint that takes a body.
 * The number of inputs tried per endpoint is printed at the end.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { MAX_BODY_BYTES } from '../../worker/app';
import { call, hlcAt, jiraEvidence, prEvidence, signIn, upsert } from './helpers';

/** Fixed seed: every run of the suite tries the same inputs. */
const SEED = 20261120;
/** Inputs per endpoint property. */
const RUNS = 150;
const PR = 'rest-pull-merged-artsy-emission-327.json';

/** Inputs tried, per endpoint (printed at the end, for the closing report). */
const tried = new Map<string, number>();

let token = '';
let otherToken = '';
let shareToken = '';
let shareId = '';
let pushSeq = 1;

// ---------------------------------------------------------------------------
// What a request looks like, and the oracle every answer must satisfy
// ---------------------------------------------------------------------------

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Everything a rejected request must leave untouched. */
async function snapshot(): Promise<unknown> {
  return env.DB.prepare(
    `SELECT (SELECT count(*) FROM users) AS users,
            (SELECT coalesce(sum(rev), 0) FROM users) AS revs,
            (SELECT group_concat(display_name || '|' || timezone || '|' || digest_day || '|' || digest_hour || '|' || digest_enabled, ';') FROM users) AS settings,
            (SELECT count(*) FROM devices) AS devices,
            (SELECT count(*) FROM devices WHERE revoked = 1) AS revokedDevices,
            (SELECT coalesce(sum(last_seq), 0) FROM devices) AS lastSeqs,
            (SELECT count(*) FROM auth_codes) AS codes,
            (SELECT count(*) FROM auth_codes WHERE used = 1) AS usedCodes,
            (SELECT count(*) FROM records) AS records,
            (SELECT coalesce(sum(rev), 0) FROM records) AS recordRevs,
            (SELECT count(*) FROM shares) AS shares,
            (SELECT count(*) FROM shares WHERE revoked_at IS NOT NULL) AS revokedShares,
            (SELECT count(*) FROM digests) AS digests,
            (SELECT count(*) FROM dev_outbox) AS outbox`,
  ).first();
}

/** Error code each status must carry (ApiFailure codes of the routes and app.onError). */
const CODES: Record<number, RegExp> = {
  400: /^(validation_failed|bad_request|hlc_in_future)$/,
  401: /^(unauthorized|invalid_code)$/,
  404: /^not_found$/,
  405: /^method_not_allowed$/,
  409: /^seq_conflict$/,
  410: /^gone$/,
  413: /^(payload_too_large|record_too_large|quota_exceeded)$/,
  415: /^unsupported_media_type$/,
  429: /^rate_limited$/,
  503: /^mail_unavailable$/,
};

/** What a stack trace or an internal error looks like in a body. */
const INTERNALS =
  /\n\s+at\s|\bat\s+\S+\s+\(|\.tsx?:\d+|\.js:\d+|node_modules|D1_|SQLITE|sqlite|TypeError|RangeError|SyntaxError|ReferenceError|Unexpected token|workerd/;

async function send(req: FuzzRequest): Promise<Response> {
  return call(req.path, {
    method: req.method,
    headers: req.headers,
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
}

/**
 * Checks one answer: allowed status, no internals, the error shape on the API,
 * and nothing stored when rejected.
 */
async function expectClean(req: FuzzRequest, res: Response, allowed: readonly number[], before: unknown) {
  const text = await res.text();
  const where = `${req.method} ${req.path.slice(0, 120)} -> ${res.status} ${text.slice(0, 300)}`;
  const isApi = !/^\/(s|d)\//.test(req.path);
  const isError = res.status >= 400 && isApi;
  let shape = true;
  let codeOk = true;
  let echoes = false;
  if (isError) {
    const body = ApiError.safeParse(safeJson(text));
    shape = body.success && (res.headers.get('content-type') ?? '').includes('application/json');
    codeOk = body.success && (CODES[res.status] ?? /^$/).test(body.data.error.code);
    // Issues are zod's: no echo of the input.
    echoes =
      body.success && (body.data.error.issues ?? []).some((i) => typeof i === 'object' && i !== null && 'input' in i);
  }
  const after = res.status >= 300 ? await snapshot() : before;
  // One comparison, with the request and answer in `where` so a failure says which input broke what.
  expect({
    where,
    not500: res.status !== 500,
    allowed: allowed.includes(res.status),
    internals: INTERNALS.test(text),
    shape,
    codeOk,
    echoes,
    unchanged: JSON.stringify(after) === JSON.stringify(before),
  }).toEqual({
    where,
    not500: true,
    allowed: true,
    internals: false,
    shape: true,
    codeOk: true,
    echoes: false,
    unchanged: true,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs `RUNS` inputs from `arb` against the worker; counts them under `name`; returns how many ran. */
async function fuzz(
  name: string,
  arb: fc.Arbitrary<FuzzRequest>,
  allowed: readonly number[],
  runs = RUNS,
): Promise<number> {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (req) => {
      n++;
      const before = await snapshot();
      const res = await send(req);
      await expectClean(req, res, allowed, before);
    }),
    { seed: SEED, numRuns: runs },
  );
  tried.set(name, (tried.get(name) ?? 0) + n);
  return n;
}

// ---------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const printable = fc
  .array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 80 })
  .map((codes) => String.fromCharCode(...codes));

/** Values a field should never accept, or should store inertly. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  {
    arbitrary: fc.constantFrom<unknown>(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '<script>alert(1)</script>',
      "'; DROP TABLE records; --",
      '../../../etc/passwd',
      'javascript:alert(1)',
      '=HYPERLINK("http://evil.example","x")',
      '𝕏'.repeat(1000),
      'x'.repeat(100_000),
      'é'.repeat(300_000),
      Number.MAX_SAFE_INTEGER + 2,
      -1,
      0,
      1.5,
      1e308,
      -1e308,
      true,
      null,
      [],
      {},
      Array.from({ length: 5000 }, () => 'a'),
      Array.from({ length: 600 }, (_, i) => ({ i })),
    ),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 50, max: 2000 }).map(nested), weight: 2 },
  { arbitrary: fc.string({ maxLength: 300 }), weight: 2 },
);

/** Sets `key` on a copy of `obj` as an own property (even `__proto__`), or drops it. */
function withField(obj: Record<string, unknown>, key: string, value: unknown, drop: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...obj };
  if (drop) delete copy[key];
  else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** A valid body with one field (existing or new) replaced by a hostile value or dropped. */
function mutated(template: () => Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(template());
  return fc
    .record({
      key: fc.constantFrom(...keys, '__proto__', 'constructor', 'extra', ''),
      value: hostileValue,
      drop: fc.boolean(),
      wrap: fc.constantFrom('object', 'object', 'object', 'array', 'string'),
    })
    .map(({ key, value, drop, wrap }) => {
      const obj = withField(template(), key, value, drop);
      if (wrap === 'array') return JSON.stringify([obj]);
      if (wrap === 'string') return JSON.stringify(JSON.stringify(obj));
      return JSON.stringify(obj);
    });
}

/** Body text: mostly mutants of a valid body, else random or broken JSON, or bytes. */
function bodyFrom(template: () => Record<string, unknown>): fc.Arbitrary<string | Uint8Array> {
  const valid = JSON.stringify(template());
  return fc.oneof(
    { arbitrary: mutated(template), weight: 8 },
    { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
    { arbitrary: fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    { arbitrary: fc.constantFrom('', 'null', '[]', '{}', '"x"', '1e999', '{"a":1}{"b":2}', '\uFEFF{}'), weight: 1 },
  );
}

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'text/html',
      '',
    ),
    weight: 2,
  },
);

/** Authorization headers: mostly the right token, else broken or foreign ones. */
function authHeader(good: () => string): fc.Arbitrary<string | null> {
  return fc.oneof(
    { arbitrary: fc.constant(null).map(() => `Bearer ${good()}`), weight: 6 },
    {
      arbitrary: fc.oneof(
        fc.constant(null),
        printable,
        printable.map((s) => `Bearer ${s}`),
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => `Bearer ${s}`),
        fc.constant(null).map(() => `Bearer ${good()}x`),
        fc.constant(null).map(() => `Basic ${good()}`),
        fc.constant(null).map(() => `bearer   ${good().slice(0, 20)}`),
        fc.constant(`Bearer ${'a'.repeat(300)}`),
      ),
      weight: 4,
    },
  );
}

function headers(auth: string | null, type?: string): Record<string, string> {
  const h: Record<string, string> = {};
  if (auth !== null) h.authorization = auth;
  if (type !== undefined && type !== '') h['content-type'] = type;
  return h;
}

/** A request carrying a fuzzed body to `method path`, with the right token (mostly). */
function bodyRequest(
  method: string,
  path: string,
  template: () => Record<string, unknown>,
  auth: fc.Arbitrary<string | null> = authHeader(() => token),
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ body: bodyFrom(template), type: contentType, auth })
    .map(({ body, type, auth: a }) => ({ method, path, headers: headers(a, type), body }));
}

/** Path segments: ids and tokens of the right shape, traversal, encoded junk, 10,000 characters. */
const segment = fc.oneof(
  fc.constant(null).map(() => ulid()),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  fc.constantFrom('..', '%2e%2e%2f', '%00', '%E0%A4%A', "'%20OR%201=1--", 'x'.repeat(10_000), '2026-W99', '2026-W47'),
);

// ---------------------------------------------------------------------------
// Valid templates
// ---------------------------------------------------------------------------

const startBody = () => ({ email: 'fuzz-start@example.com' });
const verifyBody = () => ({ email: 'fuzz-verify@example.com', code: '12345678', deviceName: 'Laptop' });
const settingsBody = () => ({
  displayName: 'Ada',
  timezone: 'Europe/Berlin',
  digestDay: 5,
  digestHour: 16,
  digestEnabled: true,
});
const shareBody = () => ({
  label: 'For my 1:1',
  from: '2026-01-01',
  to: '2026-12-31',
  competencies: ['ownership'],
  includeWeeklyLogs: false,
  expiresInDays: 30,
});
const pushBody = () => {
  const e = prEvidence(PR, { hlc: hlcAt(Date.now() - 60_000, 'fuzzdev') });
  return { changes: [upsert(pushSeq++, e)] };
};

/** A push whose one change (or one field of its record) is hostile. */
const pushMutant: fc.Arbitrary<string> = fc
  .record({
    where: fc.constantFrom('change', 'data', 'meta'),
    key: fc.constantFrom(...Object.keys(jiraEvidence({ hlc: hlcAt(0, 'x') })), 'seq', 'op', 'collection', 'hlc', 'x'),
    value: hostileValue,
    drop: fc.boolean(),
  })
  .map(({ where, key, value, drop }) => {
    const body = pushBody();
    const change = body.changes[0] as unknown as Record<string, unknown>;
    const data = change.data as Record<string, unknown>;
    if (where === 'change') body.changes[0] = withField(change, key, value, drop) as never;
    else if (where === 'data') change.data = withField(data, key, value, drop);
    else data.meta = withField(data.meta as Record<string, unknown>, key, value, drop);
    return JSON.stringify(body);
  });

// ---------------------------------------------------------------------------

beforeAll(async () => {
  const a = await signIn('fuzz@example.com', 'Fuzz laptop');
  token = a.token;
  otherToken = (await signIn('fuzz-other@example.com', 'Other')).token;
  const res = await call('/api/v1/shares', { token, json: { label: 'live' } });
  const created = (await res.json()) as { id: string; url: string };
  shareId = created.id;
  shareToken = created.url.split('/s/')[1]!;
  if (shareToken.length !== 43) throw new Error(`unexpected share URL ${created.url}`);
});

afterAll(() => {
  const rows = [...tried.entries()].map(([k, v]) => `  ${k.padEnd(34)} ${v}`);
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  console.log(`API fuzzing (seed ${SEED}): inputs tried per endpoint\n${rows.join('\n')}\n  total ${total}`);
});

// Bounded runs, not a speed test: a generous timeout keeps a loaded machine from failing them.
describe('fuzzing every API endpoint (fixed seed, bounded runs)', { timeout: 30_000 }, () => {
  it('POST /auth/start: 202 or 400/413/429 in the error shape, nothing stored when refused', async () => {
    expect(
      await fuzz(
        'POST /auth/start',
        fc.record({ body: bodyFrom(startBody), type: contentType }).map(({ body, type }) => ({
          method: 'POST',
          path: '/api/v1/auth/start',
          headers: headers(null, type),
          body,
        })),
        [202, 400, 429],
      ),
    ).toBeGreaterThan(0);
  });

  it('POST /auth/verify: 400/401/429, never a session, nothing stored', async () => {
    expect(
      await fuzz(
        'POST /auth/verify',
        fc.record({ body: bodyFrom(verifyBody), type: contentType }).map(({ body, type }) => ({
          method: 'POST',
          path: '/api/v1/auth/verify',
          headers: headers(null, type),
          body,
        })),
        [400, 401, 429],
      ),
    ).toBeGreaterThan(0);
  });

  it('POST /auth/logout with broken or foreign bearer headers: 401, nothing revoked', async () => {
    const broken = authHeader(() => token).filter((h) => h !== `Bearer ${token}`);
    expect(
      await fuzz(
        'POST /auth/logout',
        fc
          .record({ body: bodyFrom(() => ({})), auth: broken })
          .map(({ body, auth }) => ({ method: 'POST', path: '/api/v1/auth/logout', headers: headers(auth), body })),
        [401],
      ),
    ).toBeGreaterThan(0);
  });

  it('GET /me and GET /devices, /shares, /digests under random bearer headers', async () => {
    for (const path of ['/me', '/devices', '/shares', '/digests']) {
      expect(
        await fuzz(
          `GET ${path}`,
          fc
            .record({ auth: authHeader(() => token), query: fc.string({ maxLength: 40 }).map(encodeURIComponent) })
            .map(({ auth, query }) => ({ method: 'GET', path: `/api/v1${path}?${query}`, headers: headers(auth) })),
          [200, 401],
          Math.floor(RUNS / 2),
        ),
      ).toBeGreaterThan(0);
    }
  });

  it('PATCH /me/settings: wrong types, unknown zones, huge strings', async () => {
    expect(
      await fuzz('PATCH /me/settings', bodyRequest('PATCH', '/api/v1/me/settings', settingsBody), [200, 400, 401]),
    ).toBeGreaterThan(0);
  });

  it('DELETE /devices/:id and /shares/:id with random ids: 404 or 401, nothing revoked', async () => {
    for (const what of ['devices', 'shares']) {
      expect(
        await fuzz(
          `DELETE /${what}/:id`,
          fc.record({ id: segment, auth: authHeader(() => otherToken) }).map(({ id, auth }) => ({
            method: 'DELETE',
            path: `/api/v1/${what}/${id}`,
            headers: headers(auth),
          })),
          [401, 404],
        ),
      ).toBeGreaterThan(0);
    }
    // The other account's token never reaches the live share either.
    const res = await call(`/api/v1/shares/${shareId}`, { method: 'DELETE', token: otherToken });
    expect(res.status).toBe(404);
  });

  it('POST /sync/push: hostile changes and records, random JSON, wrong content types', async () => {
    const arb = fc
      .record({
        body: fc.oneof({ arbitrary: pushMutant, weight: 3 }, { arbitrary: bodyFrom(pushBody), weight: 2 }),
        type: contentType,
        auth: authHeader(() => token),
      })
      .map(({ body, type, auth }) => ({
        method: 'POST',
        path: '/api/v1/sync/push',
        headers: headers(auth, type),
        body,
      }));
    // 409: a hostile seq at or below the cursor with new content (seq_conflict).
    expect(await fuzz('POST /sync/push', arb, [200, 400, 401, 409, 413], RUNS * 2)).toBeGreaterThan(0);
  });

  it('GET /sync/pull: random since and limit', async () => {
    const param = fc.oneof(
      fc.integer().map(String),
      fc.constantFrom('', 'NaN', 'Infinity', '-0', '1e400', '9007199254740993', '0x10', '1.5', ' 1', '%00', 'null'),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const arb = fc
      .record({ since: param, limit: param, twice: fc.boolean(), auth: authHeader(() => token) })
      .map(({ since, limit, twice, auth }) => ({
        method: 'GET',
        path: `/api/v1/sync/pull?since=${since}&limit=${limit}${twice ? `&since=${limit}` : ''}`,
        headers: headers(auth),
      }));
    expect(await fuzz('GET /sync/pull', arb, [200, 400, 401])).toBeGreaterThan(0);
  });

  it('POST /shares: hostile labels, scopes and expiries', async () => {
    expect(
      await fuzz('POST /shares', bodyRequest('POST', '/api/v1/shares', shareBody), [201, 400, 401]),
    ).toBeGreaterThan(0);
  });

  it('GET /digests/:isoWeek and POST /digests/preview', async () => {
    expect(
      await fuzz(
        'GET /digests/:isoWeek',
        fc
          .record({ week: segment, auth: authHeader(() => token) })
          .map(({ week, auth }) => ({ method: 'GET', path: `/api/v1/digests/${week}`, headers: headers(auth) })),
        [400, 401, 404],
      ),
    ).toBeGreaterThan(0);
    expect(
      await fuzz(
        'POST /digests/preview',
        bodyRequest('POST', '/api/v1/digests/preview', () => ({ week: '2026-W47' })),
        [200, 401],
        Math.floor(RUNS / 2),
      ),
    ).toBeGreaterThan(0);
  });

  it('GET /s/:token, /s/:token/packet.md and /d/:token with random tokens: 404 pages, headers, nothing counted', async () => {
    const token43 = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      segment,
      fc.constant(null).map(() => shareToken.slice(0, 42) + (shareToken.endsWith('A') ? 'B' : 'A')),
      fc.constant(null).map(() => shareToken.toUpperCase()),
      fc.constant(null).map(() => `${shareToken}%00`),
    );
    for (const [name, shape] of [
      ['GET /s/:token', (t: string) => `/s/${t}`],
      ['GET /s/:token/packet.md', (t: string) => `/s/${t}/packet.md`],
      ['GET /d/:token', (t: string) => `/d/${t}`],
    ] as const) {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(token43, async (t) => {
          n++;
          const before = await snapshot();
          const res = await call(shape(t));
          const text = await res.text();
          expect({ t, status: res.status }).toEqual({ t, status: 404 });
          expect(res.headers.get('referrer-policy')).toBe('no-referrer');
          expect(res.headers.get('cache-control')).toBe('no-store');
          expect(text).not.toMatch(INTERNALS);
          expect(t.length >= 16 && text.includes(t.slice(0, 43))).toBe(false);
          expect(await snapshot()).toEqual(before);
        }),
        { seed: SEED, numRuns: Math.floor(RUNS / 2) },
      );
      tried.set(name, n);
    }
    expect((await call(`/s/${shareToken}`)).status).toBe(200);
  });

  it('GET /health and GET /dev/outbox.json ignore junk queries and bodies', async () => {
    expect(
      await fuzz(
        'GET /health',
        fc
          .string({ maxLength: 100 })
          .map((q) => ({ method: 'GET', path: `/health?${encodeURIComponent(q)}`, headers: {} })),
        [200],
        Math.floor(RUNS / 4),
      ),
    ).toBeGreaterThan(0);
  });

  it('any method on any API path: never a 500, always the error shape', async () => {
    const paths = [
      '/auth/start',
      '/auth/verify',
      '/auth/logout',
      '/me',
      '/me/settings',
      '/devices',
      '/sync/push',
      '/sync/pull',
      '/shares',
      '/digests',
      '/digests/preview',
    ];
    const arb = fc
      .record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND'),
        path: fc.oneof(
          fc.constantFrom(...paths),
          segment.map((s) => `/${s}`),
          fc.constantFrom(...paths).chain((p) => segment.map((s) => `${p}/${s}`)),
        ),
        body: fc.option(fc.json({ maxDepth: 2 }), { nil: undefined }),
        auth: authHeader(() => otherToken),
      })
      .map(({ method, path, body, auth }) => ({
        method,
        path: `/api/v1${path}`,
        headers: headers(auth, body === undefined ? undefined : 'application/json'),
        ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
      }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        n++;
        const before = await snapshot();
        const res = await send(req);
        const text = await res.text();
        const where = `${req.method} ${req.path}`;
        expect({ where, status500: res.status === 500 }).toEqual({ where, status500: false });
        expect(text).not.toMatch(INTERNALS);
        const shaped = res.status < 400 || req.method === 'HEAD' || ApiError.safeParse(safeJson(text)).success;
        expect({ where, shaped }).toEqual({ where, shaped: true });
        // otherToken's own writes may succeed (e.g. a share or a logout); rejected ones store nothing.
        expect(res.status >= 300 ? await snapshot() : before).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    tried.set('any method, any /api/v1 path', n);
  });
});

describe('hostile shapes found by hand', () => {
  it('a record nested 1,500 levels deep inside meta: refused or stored, never a 500', async () => {
    const e = { ...prEvidence(PR, { hlc: hlcAt(Date.now() - 1000, 'deep') }), meta: { deep: nested(1500) } };
    const before = await snapshot();
    const res = await call('/api/v1/sync/push', { token, json: { changes: [upsert(pushSeq++, e)] } });
    const text = await res.text();
    expect({ status: res.status, text: text.slice(0, 300) }).toMatchObject({ status: 400 });
    expect(ApiError.parse(JSON.parse(text)).error.code).toBe('validation_failed');
    expect(await snapshot()).toEqual(before);
  });

  it('100,000 invalid changes: 400 with a bounded list of issues, not one per change', async () => {
    const body = JSON.stringify({ changes: Array.from({ length: 100_000 }, () => ({ seq: 'x' })) });
    const res = await call('/api/v1/sync/push', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text.length).toBeLessThan(20_000);
    expect(ApiError.parse(JSON.parse(text)).error.issues?.length).toBeLessThanOrEqual(20);
  });
});

describe('bodies over the size limit', () => {
  const routes: [string, string][] = [
    ['POST', '/api/v1/auth/start'],
    ['POST', '/api/v1/auth/verify'],
    ['POST', '/api/v1/auth/logout'],
    ['PATCH', '/api/v1/me/settings'],
    ['POST', '/api/v1/sync/push'],
    ['POST', '/api/v1/shares'],
    ['POST', '/api/v1/digests/preview'],
  ];

  it('every endpoint that takes a body answers 413 payload_too_large and stores nothing', async () => {
    // A JSON string one byte over the limit (Content-Length set by the Request).
    const big = `{"email":"${'a'.repeat(MAX_BODY_BYTES - 11)}"}`;
    expect(big.length).toBe(MAX_BODY_BYTES + 1);
    for (const [method, path] of routes) {
      const before = await snapshot();
      const res = await call(path, {
        method,
        token,
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect({ path, status: res.status }).toEqual({ path, status: 413 });
      expect(ApiError.parse(await res.json()).error.code).toBe('payload_too_large');
      expect(await snapshot()).toEqual(before);
      tried.set(`413 ${method} ${path.replace('/api/v1', '')}`, 1);
    }
  });

  it('a streamed body without Content-Length is cut off at the limit too', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const before = await snapshot();
    const res = await call('/api/v1/sync/push', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: stream,
    });
    expect(res.status).toBe(413);
    expect(ApiError.parse(await res.json()).error.code).toBe('payload_too_large');
    expect(await snapshot()).toEqual(before);
  });

  it('a single record over 512 KiB in a push is 413 record_too_large, nothing applied', async () => {
    // Every field of evidence is capped well below 512 KiB now (meta at 16 KiB); imported ladders in settings are not.
    const hlc = hlcAt(Date.now() - 1000, 'big');
    const competencies = Array.from({ length: 50 }, (_, i) => ({
      id: `c-${i}`,
      name: `Competency ${i}`,
      description: 'd'.repeat(1000),
      signals: ['s'],
    }));
    const customRubrics = Array.from({ length: 20 }, (_, i) => ({ id: `r-${i}`, name: `Ladder ${i}`, competencies }));
    const settings = {
      id: 'settings',
      githubLogin: '',
      atlassianName: '',
      rubricId: 'r-0',
      customRubrics,
      updatedAt: hlc,
      deletedAt: null,
    };
    const before = await snapshot();
    const change = { seq: pushSeq++, collection: 'settings', id: 'settings', op: 'upsert', hlc, data: settings };
    const res = await call('/api/v1/sync/push', { token, json: { changes: [change] } });
    expect(res.status).toBe(413);
    expect(ApiError.parse(await res.json()).error.code).toBe('record_too_large');
    expect(await snapshot()).toEqual(before);
  });
});
