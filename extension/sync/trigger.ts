/**
 * The sync trigger: every committed local write (announced by the store,
 * extension/db/events.ts) calls `notifyLocalWrite()`; after a quiet period
 * (debounce, default 1.5 s) the handler registered by the current extension
 * context runs once. The background registers "sync now"; the side panel
 * registers "ask the background to sync". Without a handler nothing happens.
 */
import { onLocalWrite } from '../db/events';

type Handler = () => void | Promise<void>;

let handler: Handler | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let delayMs = 1500;
let unsubscribe: (() => void) | null = null;

/**
 * Sets the function run after local writes settle (replacing any previous one)
 * and subscribes the trigger to the store's local-write event; `null` clears the
 * handler, cancels a pending run and unsubscribes.
 * @param fn called with no arguments; its errors are logged, never thrown to writers.
 * @param debounceMs quiet period in milliseconds before `fn` runs.
 */
export function setSyncTrigger(fn: Handler | null, debounceMs = 1500): void {
  handler = fn;
  delayMs = debounceMs;
  if (fn) unsubscribe ??= onLocalWrite(notifyLocalWrite);
  else {
    unsubscribe?.();
    unsubscribe = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }
}

/** Called after every committed local write (by the store's event, and by sync/attention.ts). */
export function notifyLocalWrite(): void {
  if (!handler) return;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const fn = handler;
    if (!fn) return;
    Promise.resolve()
      .then(fn)
      .catch((err: unknown) => console.warn('casebook: sync after local write failed', err));
  }, delayMs);
}
