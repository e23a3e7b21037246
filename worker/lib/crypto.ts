/**
 * Secrets: random tokens and codes, and the SHA-256 digests the database
 * stores instead of them.
 */
import { encodeBase64Url } from 'hono/utils/encode';

const encoder = new TextEncoder();

/** Lower-case hex SHA-256 of the UTF-8 bytes of `value` (64 characters). */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(value));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** A bearer or capability token: 32 random bytes as base64url without padding (43 characters). */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return encodeBase64Url(bytes.buffer).replace(/=+$/, '');
}

/**
 * An 8-digit one-time code (`00000000` to `99999999`), uniform: values of a
 * random 32-bit word at or above the largest multiple of 10^8 are redrawn.
 */
export function randomCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 100_000_000) * 100_000_000;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const n = word[0]!;
    if (n < limit) return String(n % 100_000_000).padStart(8, '0');
  }
}

/**
 * Constant-time comparison of two equal-length hex digests (false when the
 * lengths differ).
 */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return crypto.subtle.timingSafeEqual(encoder.encode(a), encoder.encode(b));
}
