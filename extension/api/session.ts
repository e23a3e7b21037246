/**
 * The signed-in session: `{ token, user: { id, email }, device: { id, name } }`
 * kept in `browser.storage.local` under the key `casebook.session` (storage.local
 * is only readable by trusted extension contexts by default: the background and
 * the side panel, never a content script). Read back through its zod schema.
 */
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { AuthVerifyResponse } from '../../shared/schemas';
import { CasebookApi } from './client';
import { queueRevocation } from './revoke';

/** A stored session: exactly the `POST /auth/verify` answer. */
export const Session = AuthVerifyResponse;
export type Session = z.infer<typeof Session>;

/** storage.local key of the session. */
export const SESSION_KEY = 'casebook.session';

const sessionItem = storage.defineItem<unknown>(`local:${SESSION_KEY}`, { fallback: null });

function parseSession(raw: unknown): Session | null {
  if (raw === null || raw === undefined) return null;
  const parsed = Session.safeParse(raw);
  if (!parsed.success) {
    console.warn(`casebook: ignoring an unreadable stored session: ${z.prettifyError(parsed.error)}`);
    return null;
  }
  return parsed.data;
}

/** The stored session, or null when signed out (or when the stored value is unreadable). */
export async function getSession(): Promise<Session | null> {
  return parseSession(await sessionItem.getValue());
}

/** Stores `session` (validated first; throws a ZodError when it is malformed). */
export async function setSession(session: Session): Promise<void> {
  await sessionItem.setValue(Session.parse(session));
}

/**
 * Forgets the session. Unless `revoke` is false (the server already refused the token,
 * or it was just revoked), its token is first queued for revocation on the server in
 * effect now (./revoke.ts), so changing the server or logging out offline never leaves
 * a live token behind: the next sync attempt revokes it once that server is reachable.
 */
export async function clearSession(options: { revoke?: boolean } = {}): Promise<void> {
  const session = await getSession();
  if (session && options.revoke !== false) await queueRevocation(await getServerOrigin(), session.token);
  await sessionItem.removeValue();
}

/** Calls `cb` with the new session (or null) whenever it changes in any context; returns an unsubscribe function. */
export function watchSession(cb: (session: Session | null) => void): () => void {
  return sessionItem.watch((raw) => cb(parseSession(raw)));
}

/** Origin of the sync server baked in at build time (wxt.config.ts), with the local default. */
export function serverOrigin(): string {
  return import.meta.env.CASEBOOK_SERVER ?? 'http://127.0.0.1:8787';
}

/** storage.local key of the runtime sync server override (an origin string), set in Settings. */
export const SERVER_KEY = 'casebook.server';

const serverItem = storage.defineItem<unknown>(`local:${SERVER_KEY}`, { fallback: null });

/**
 * Normalises what a user typed as the sync server into an origin
 * (`https://casebook.example.com`): adds `https://` when no scheme is given, drops
 * any path. Only `https:` is accepted, except `http:` for localhost / 127.0.0.1.
 * @returns the origin, or an error message for the user.
 */
export function parseServerOrigin(input: string): { ok: true; origin: string } | { ok: false; message: string } {
  const raw = input.trim();
  if (!raw) return { ok: false, message: 'Enter the address of your Casebook server.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, message: 'That is not a web address.' };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, message: 'Use https:// (plain http:// only for a server on this computer).' };
  }
  if (url.username || url.password) return { ok: false, message: 'Leave user names and passwords out of the address.' };
  return { ok: true, origin: url.origin };
}

/** The runtime server override, or null when the build-time server is used. */
export async function getServerOverride(): Promise<string | null> {
  const raw = await serverItem.getValue();
  if (typeof raw !== 'string') return null;
  const parsed = parseServerOrigin(raw);
  return parsed.ok ? parsed.origin : null;
}

/** The sync server every API call goes to: the Settings override when set, else the build-time default. */
export async function getServerOrigin(): Promise<string> {
  return (await getServerOverride()) ?? serverOrigin();
}

/**
 * Sets (an origin) or clears (null) the runtime server override. The caller must
 * already hold the host permission for the origin (see Settings).
 * @throws Error when `origin` is not an acceptable origin.
 */
export async function setServerOverride(origin: string | null): Promise<void> {
  if (origin === null || origin === serverOrigin()) {
    await serverItem.removeValue();
    return;
  }
  const parsed = parseServerOrigin(origin);
  if (!parsed.ok) throw new Error(parsed.message);
  await serverItem.setValue(parsed.origin);
}

/** Calls `cb` with the effective server origin whenever the override changes; returns an unsubscribe function. */
export function watchServerOrigin(cb: (origin: string) => void): () => void {
  return serverItem.watch((raw) => {
    const parsed = typeof raw === 'string' ? parseServerOrigin(raw) : null;
    cb(parsed?.ok ? parsed.origin : serverOrigin());
  });
}

/**
 * An API client that signs requests with the stored session's token and sends
 * them to `options.baseUrl`, or else to the server in effect at each request
 * (`getServerOrigin`).
 */
export function createApi(options: { baseUrl?: string; fetch?: typeof fetch } = {}): CasebookApi {
  return new CasebookApi({
    baseUrl: options.baseUrl ?? getServerOrigin,
    getToken: async () => (await getSession())?.token ?? null,
    fetch: options.fetch,
  });
}
