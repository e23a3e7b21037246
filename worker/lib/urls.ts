/** Absolute links built from `APP_URL`. */
import type { Env } from '../env';

/** `APP_URL` (trailing slashes dropped) + `path` (which starts with `/`). */
export function appUrl(env: Pick<Env, 'APP_URL'>, path: string): string {
  return env.APP_URL.replace(/\/+$/, '') + path;
}

/** True when `token` looks like one of ours (43 base64url characters); saves a lookup otherwise. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
