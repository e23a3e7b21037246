/**
 * Headers for the capability-link pages (`/s/`, `/d/`, `/unsubscribe/`, and
 * any future one such as `/t/`: mount this middleware on it): HTTPS only
 * (HSTS), never indexed, cached, framed or leaked through the Referer header, and a
 * Content-Security-Policy that allows only inline styles and data: images.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** HSTS on every capability page (`/s/`, `/d/`, `/unsubscribe/` and any later one): a year, subdomains too. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Middleware setting Strict-Transport-Security ({@link HSTS}), Referrer-Policy `no-referrer`, X-Robots-Tag `noindex,
 * nofollow`, Cache-Control `no-store`, X-Content-Type-Options `nosniff` and
 * the CSP `default-src 'none'; style-src 'unsafe-inline'; img-src data:;
 * frame-ancestors 'none'; base-uri 'none'; form-action 'none'`; `formAction`
 * replaces form-action (e.g. `'self'` for the unsubscribe confirmation form).
 */
export function capabilityPageHeaders(opts: { formAction?: string } = {}): MiddlewareHandler {
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ['data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: [opts.formAction ?? "'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    crossOriginResourcePolicy: 'same-origin',
    strictTransportSecurity: HSTS,
  });
  return async (c, next) => {
    await secure(c, async () => {
      await next();
      c.header('X-Robots-Tag', 'noindex, nofollow');
      c.header('Cache-Control', 'no-store');
    });
  };
}
