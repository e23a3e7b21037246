/**
 * The signed-in session: `{ token, user: { id, email }, device: { id, name } }`
 * kept in `browser.storage.local` under the key `casebook.session` (storage.local
 * is only readable by trusted extension contexts by default: the background and
 * the side panel, never a content script). Read back through its zod schema.
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { AuthVerifyResponse } from '../../shared/schemas';
import { CasebookApi } from './client';

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

/** Forgets the session (sign-out, or the server said the token is no longer valid). */
export async function clearSession(): Promise<void> {
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

/** An API client for the configured server that signs requests with the stored session's token. */
export function createApi(options: { baseUrl?: string; fetch?: typeof fetch } = {}): CasebookApi {
  return new CasebookApi({
    baseUrl: options.baseUrl ?? serverOrigin(),
    getToken: async () => (await getSession())?.token ?? null,
    fetch: options.fetch,
  });
}
