/**
 * The Hono app: routes under `/api/v1` (JSON, bearer auth except sign-in),
 * capability pages (`/s/`, `/d/`, `/t/`, `/unsubscribe/`), `/open/weekly-log`,
 * `/health`, `/robots.txt`, the development outbox and dead letters (`/dev/`)
 * and the token-guarded `/admin/dead-letters`. Every error leaves as
 * `{ error: { code, message, issues? } }`; unknown errors as a 500 without internals.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { ApiFailure, CODE_FOR_STATUS, errorBody } from './lib/errors';
import { admin } from './routes/admin';
import { auth } from './routes/auth';
import { devBench } from './routes/dev-bench';
import { devOutbox } from './routes/dev-outbox';
import { devices } from './routes/devices';
import { digests } from './routes/digests';
import { me } from './routes/me';
import { open } from './routes/open';
import { peer } from './routes/peer';
import { publicDigest } from './routes/public-digest';
import { publicShare } from './routes/public-share';
import { shares } from './routes/shares';
import { sync } from './routes/sync';
import { testimonialRequests, testimonials } from './routes/testimonials';
import { unsubscribe } from './routes/unsubscribe';
import { VERSION } from './version';

/** Largest API request body (bytes): a push of 500 changes fits well within it. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const ROBOTS_TXT = [
  'User-agent: *',
  'Disallow: /s/',
  'Disallow: /d/',
  'Disallow: /t/',
  'Disallow: /unsubscribe/',
  'Disallow: /dev/',
  'Disallow: /admin/',
  '',
].join('\n');

/** Builds the app (one per isolate; stateless). */
export function createApp() {
  const api = new Hono<AppEnv>()
    .use(
      '*',
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new ApiFailure(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
        },
      }),
    )
    .route('/auth', auth)
    .route('/me', me)
    .route('/devices', devices)
    .route('/sync', sync)
    .route('/shares', shares)
    .route('/digests', digests)
    .route('/testimonial-requests', testimonialRequests)
    .route('/testimonials', testimonials);

  const app = new Hono<AppEnv>()
    .get('/health', (c) => c.json({ ok: true as const, version: VERSION }))
    .get('/robots.txt', (c) => c.text(ROBOTS_TXT))
    .route('/api/v1', api)
    .route('/s', publicShare)
    .route('/d', publicDigest)
    .route('/t', peer)
    .route('/unsubscribe', unsubscribe)
    .route('/open', open)
    .route('/admin', admin)
    .route('/dev/bench', devBench)
    .route('/dev', devOutbox);

  // The path is not echoed: it may hold a capability token.
  app.notFound((c) => c.json(errorBody('not_found', `No such route for ${c.req.method}.`), 404));

  app.onError((err, c) => {
    if (err instanceof ApiFailure) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(errorBody(err.code, err.message, err.issues, err.extra), err.status);
    }
    if (err instanceof HTTPException) {
      const code = CODE_FOR_STATUS[err.status] ?? (err.status >= 500 ? 'internal' : 'error');
      return c.json(errorBody(code, err.message || code.replace(/_/g, ' ')), err.status);
    }
    // Log the error, never the URL (capability tokens live in paths).
    console.error('unhandled error', err instanceof Error ? (err.stack ?? err.message) : String(err));
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  return app;
}

/** The app's routes and their inputs and outputs, for Hono's typed client (`hc<AppType>` in extension/api/client.ts). */
export type AppType = ReturnType<typeof createApp>;
