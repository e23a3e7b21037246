/**
 * The sync trigger: local writes call `notifyLocalWrite()`; after a quiet period
 * (debounce, default 1.5 s) the handler registered by the current extension
 * context runs once. The background registers "sync now"; the side panel
 * registers "ask the background to sync". Without a handler nothing happens.
 */

type Handler = () => void | Promise<void>;

let handler: Handler | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let delayMs = 1500;

/**
 * Sets the function run after local writes settle (replacing any previous one).
 * @param fn called with no arguments; its errors are logged, never thrown to writers.
 * @param debounceMs quiet period in milliseconds before `fn` runs.
 */
export function setSyncTrigger(fn: Handler | null, debounceMs = 1500): void {
  handler = fn;
  delayMs = debounceMs;
}

/** Called by the write module after every committed local write. */
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

/** Cancels a pending debounced trigger (tests, logout). */
export function cancelSyncTrigger(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}
